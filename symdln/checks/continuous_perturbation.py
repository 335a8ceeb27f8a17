r"""Thm. 1's perturbation bound of paper 1: :math:`\|W_i^\epsilon(t)\| \le \epsilon e^{ct^2}`.

A validated Taylor enclosure (Arb) on a finite horizon for one instance, and SciPy
observations against the eps = 0 closed form; the claim is for all t >= 0 and all
instances, so the verdict is INCONCLUSIVE.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import sympy as sp

from symdln.checks.continuous import _R
from symdln.continuous import (
    flow_12_L2,
)
from symdln.verdict import CheckResult, Evidence, Verdict

__all__ = [
    "certified_perturbation_bound",
    "check_thm1_perturbation",
]

#: the perturbation instance: U = Cayley(1/2), D_x = diag(1, 1/2), sigma = (1, 2/5), V = Q = I,
#: B = eps [[0, 1], [1, 0]], W_1(0) = U/10, W_2(0) = I/10 (delta_i = ln 10)
PERTURBATION_INSTANCE = {"lambda": (_R(1), _R(1, 2)), "sigma": (_R(1), _R(2, 5)), "a0": _R(1, 10),
                         "cayley": _R(1, 2)}


def _perturbation_system(eps: sp.Rational) -> tuple[list[sp.Expr], list[sp.Symbol], list, sp.Matrix]:
    from symdln.certify.exact import cayley_orthogonal

    inst = PERTURBATION_INSTANCE
    U = cayley_orthogonal(sp.Matrix([[0, inst["cayley"]], [-inst["cayley"], 0]]))
    Sx = U * (sp.diag(*inst["lambda"]) + eps * sp.Matrix([[0, 1], [1, 0]])) * U.T
    Sxy = U * sp.diag(*inst["sigma"])
    ys = list(sp.symbols("y0:8"))
    F1, F2 = flow_12_L2(sp.Matrix(2, 2, ys[:4]), sp.Matrix(2, 2, ys[4:]), Sx, Sxy)
    y0 = list(U * inst["a0"]) + list(sp.eye(2) * inst["a0"])
    return list(F1) + list(F2), ys, y0, U


_EPS_CERT, _HORIZON_CERT, _H_CERT = _R(1, 10), _R(3), _R(1, 128)


def certified_perturbation_bound(eps: sp.Rational = _EPS_CERT, horizon: sp.Rational = _HORIZON_CERT,
                                 h: sp.Rational = _H_CERT) -> dict[str, str]:
    r"""Certified upper bounds of :math:`\|W_1^\epsilon(t)\|_F` and :math:`\|W_2^\epsilon(t)\|_F` on
    [0, horizon] for :data:`PERTURBATION_INSTANCE`: a validated second-order Taylor enclosure
    of (12) (Arb, :mod:`symdln.certify.ode`) minus the Arb enclosure of the eps = 0 form (15).

    Returns the largest certified upper bound over the horizon, divided by eps.
    """
    from fractions import Fraction

    import flint

    from symdln.certify.logspace import q
    from symdln.certify.ode import enclose_flow_taylor2, poly_field

    Fv, ys, y0, U = _perturbation_system(eps)
    Fp = [sp.Poly(f, *ys) for f in Fv]
    Gv = [sum((Fi.diff(y) * Fj for y, Fj in zip(ys, Fp, strict=True)), sp.Poly(0, *ys)) for Fi in Fp]
    fr = [Fraction(int(v.p), int(v.q)) for v in y0]
    steps = enclose_flow_taylor2(poly_field(Fp, ys), poly_field(Gv, ys), fr,
                                 Fraction(int(horizon.p), int(horizon.q)), Fraction(int(h.p), int(h.q)))
    inst = PERTURBATION_INSTANCE
    worst = flint.arb(0)
    with flint.ctx.workprec(128):
        Uq = [q(Fraction(int(U[i, j].p), int(U[i, j].q))) for i in range(2) for j in range(2)]
        for t0, t1, box, _ in steps:
            tb = flint.arb(flint.fmpq((t0 + t1).numerator, (t0 + t1).denominator) / 2,
                           flint.fmpq((t1 - t0).numerator, (t1 - t0).denominator) / 2)
            a = []
            for s_, l_ in zip(inst["sigma"], inst["lambda"], strict=True):
                e = (2 * q(Fraction(int(s_.p), int(s_.q))) * tb).exp()
                w0 = q(Fraction(int(inst["a0"].p) ** 2, int(inst["a0"].q) ** 2))
                sq, lq = q(Fraction(int(s_.p), int(s_.q))), q(Fraction(int(l_.p), int(l_.q)))
                a.append((sq * w0 * e / (lq * w0 * (e - 1) + sq)).sqrt())
            W10 = [Uq[0] * a[0], Uq[1] * a[1], Uq[2] * a[0], Uq[3] * a[1]]
            W20 = [a[0], flint.arb(0), flint.arb(0), a[1]]
            for blk, ref in ((box[:4], W10), (box[4:], W20)):
                sq_up = sum(((b - r_) ** 2 for b, r_ in zip(blk, ref, strict=True)), flint.arb(0)).upper()
                worst = max(worst, flint.arb(sq_up).sqrt().upper(), key=float)
        ratio = flint.arb(worst) / q(Fraction(int(eps.p), int(eps.q)))
        return {"eps": str(eps), "horizon": str(horizon), "step h": str(h), "steps": str(len(steps)),
                "certified max_t ||W_i^eps(t)||_F / eps <=": ratio.upper().str(6, radius=False)}


def _bound_printed(eps: float, t: float, c: float) -> float:
    """The printed bound eps e^{c t^2}."""
    import math

    return eps * math.exp(c * t * t)


def check_thm1_perturbation(eps_values: Sequence[float] = (1e-2, 1e-3, 1e-4),
                            horizon: float = 20.0,
                            bound: Callable[[float, float, float], float] = _bound_printed,
                            c: float | None = None, certify: bool = True) -> CheckResult:
    r"""Judge the perturbation bound :math:`\|W_i^\epsilon(t)\| \le \epsilon e^{ct^2}` of Thm. 1 on
    :data:`PERTURBATION_INSTANCE`.

    Certified part: a validated Taylor enclosure (Arb) on [0, 3] at eps = 1/10 bounds
    :math:`\max_t\|W_i^\epsilon(t)\|_F/\epsilon`; if that bound is <= 1, the printed bound holds on
    [0, 3] for every c >= 0.  Observed part: SciPy DOP853 (rtol 1e-12) on [0, ``horizon``] for
    ``eps_values``, compared with the eps = 0 closed form; with ``c`` given, samples exceeding
    ``bound(eps, t, c)`` are reported (observed, not certified).  The claim is for all t >= 0 and
    all instances: the verdict is INCONCLUSIVE.
    """
    import numpy as np
    from scipy.integrate import solve_ivp

    inst = PERTURBATION_INSTANCE
    _, _, _, Uexact = _perturbation_system(_R(0))
    U = np.array(Uexact.tolist(), dtype=float)
    lam = np.array([float(x) for x in inst["lambda"]])
    sig_ = np.array([float(x) for x in inst["sigma"]])
    a0 = float(inst["a0"])
    Sxy = U @ np.diag(sig_)
    ts = np.linspace(0.0, horizon, 101)

    def closed(t: float) -> tuple[np.ndarray, np.ndarray]:
        w = sig_ * a0**2 * np.exp(2 * sig_ * t) / (lam * a0**2 * (np.exp(2 * sig_ * t) - 1) + sig_)
        return U @ np.diag(np.sqrt(w)), np.diag(np.sqrt(w))

    rows = []
    violations: list[dict[str, str]] = []
    for eps in eps_values:
        Sx = U @ (np.diag(lam) + eps * np.array([[0.0, 1.0], [1.0, 0.0]])) @ U.T

        def f(_t: float, y: np.ndarray, Sx: np.ndarray = Sx) -> np.ndarray:
            W1, W2 = y[:4].reshape(2, 2), y[4:].reshape(2, 2)
            R = Sxy - Sx @ W1 @ W2
            return np.concatenate([(R @ W2.T).ravel(), (W1.T @ R).ravel()])

        sol = solve_ivp(f, (0.0, horizon), np.concatenate([(U * a0).ravel(), (np.eye(2) * a0).ravel()]),
                        method="DOP853", rtol=1e-12, atol=1e-14, t_eval=ts)
        worst_c, worst_ratio = 0.0, 0.0
        for j, t in enumerate(ts):
            C1, C2 = closed(t)
            n = max(np.linalg.norm(sol.y[:4, j].reshape(2, 2) - C1),
                    np.linalg.norm(sol.y[4:, j].reshape(2, 2) - C2))
            worst_ratio = max(worst_ratio, n / eps)
            if c is not None and n > bound(eps, float(t), c) and not violations:
                violations.append({"eps": str(eps), "t": f"{t:.3g}", "||W^eps||": f"{n:.4g}",
                                   "bound": f"{bound(eps, float(t), c):.4g}"})
            if t > 0 and n > eps:
                worst_c = max(worst_c, float(np.log(n / eps) / t**2))
        rows.append({"eps": eps, "max ||W^eps||/eps": f"{worst_ratio:.4g}",
                     "smallest c fitting the samples": f"{worst_c:.4g}"})
    cert = certified_perturbation_bound() if certify else {}
    return CheckResult(Verdict.INCONCLUSIVE, Evidence(
        method="certified: validated 2nd-order Taylor enclosure of (12) in Arb on [0, 3] (eps = 1/10); "
               "observed: SciPy DOP853 (rtol 1e-12) on [0, horizon] against the eps = 0 closed form",
        precision="Arb 128 bits (certified part); float64 (observed part)",
        parameters={"Sigma_x": "U(diag(1, 1/2) + eps [[0,1],[1,0]])U^T, U = Cayley(1/2)",
                    "sigma": ["1", "2/5"], "W(0)": "W_1(0) = U/10, W_2(0) = I/10", "t in": [0, horizon]},
        details={"certified": cert, "observations": rows, "observed violations of the bound": violations},
        notes=("observed violation of the bound under test (not certified); " if violations else "")
        + "certified on [0, 3]: ||W_i^eps(t)||_F <= (bound above) eps, so eps e^{ct^2} holds there for "
          "every c >= 0 when that bound is <= 1; observed: ||W^eps(t)||/eps stays bounded as eps "
          "shrinks (first order in eps, uniformly in t); not proved for all t >= 0 or other instances"))
