r"""Thm. 1's perturbation bound of paper 1: :math:`\|W_i^\epsilon(t)\| \le \epsilon e^{ct^2}`.

The claim is judged by the general proof of :mod:`symdln.checks.perturbation_proof`
(:func:`check_thm1_perturbation`).  This module adds a certified instance: a validated Taylor enclosure
(Arb) of (12) on [0, 3] for :data:`PERTURBATION_INSTANCE`, minus the Arb enclosure of the eps = 0 form
(15), which :func:`judge_bound_on_instance` compares with any proposed bound -- the constants of the proof
must dominate it, a bound with too small a c is refuted by it.
"""

from __future__ import annotations

from collections.abc import Callable
from fractions import Fraction
from typing import TYPE_CHECKING, Any

import sympy as sp

from symdln.checks.continuous import _R
from symdln.continuous import flow_12_L2
from symdln.verdict import CheckResult, Evidence, Verdict

if TYPE_CHECKING:
    import flint

__all__ = [
    "PERTURBATION_INSTANCE",
    "certified_perturbation_bound",
    "check_thm1_perturbation",
    "instance_constants",
    "judge_bound_on_instance",
    "perturbation_enclosure",
]

#: the perturbation instance: U = Cayley(1/2), D_x = diag(2/5, 1/5), sigma = (1, 2/5), V = Q = I,
#: B = eps [[0, 1], [1, 0]] (||B||_2 = eps < 1/5 = lambda_min), W_1(0) = U/10, W_2(0) = I/10
#: (delta_i = ln 10); chosen so that ||W_i^eps(t)||_F / eps exceeds 1 on [0, 3] (certified)
PERTURBATION_INSTANCE = {"lambda": (_R(2, 5), _R(1, 5)), "sigma": (_R(1), _R(2, 5)), "a0": _R(1, 10),
                         "cayley": _R(1, 2)}

_EPS_CERT, _HORIZON_CERT, _H_CERT = _R(1, 10), _R(3), _R(1, 128)


def _perturbation_system(eps: sp.Rational) -> tuple[list[sp.Expr], list[sp.Symbol], list[sp.Expr], sp.Matrix]:
    from symdln.certify.exact import cayley_orthogonal

    inst = PERTURBATION_INSTANCE
    U = cayley_orthogonal(sp.Matrix([[0, inst["cayley"]], [-inst["cayley"], 0]]))
    Sx = U * (sp.diag(*inst["lambda"]) + eps * sp.Matrix([[0, 1], [1, 0]])) * U.T
    Sxy = U * sp.diag(*inst["sigma"])
    ys = list(sp.symbols("y0:8"))
    F1, F2 = flow_12_L2(sp.Matrix(2, 2, ys[:4]), sp.Matrix(2, 2, ys[4:]), Sx, Sxy)
    y0 = list(U * inst["a0"]) + list(sp.eye(2) * inst["a0"])
    return list(F1) + list(F2), ys, y0, U


def _fr(x: sp.Rational) -> Fraction:
    return Fraction(int(x.p), int(x.q))


def perturbation_enclosure(eps: sp.Rational = _EPS_CERT, horizon: sp.Rational = _HORIZON_CERT,
                           h: sp.Rational = _H_CERT) -> list[dict[str, Any]]:
    r"""Certified enclosures of :math:`\|W_i^\epsilon(t)\|_F` (i = 1, 2) for :data:`PERTURBATION_INSTANCE`:
    a validated second-order Taylor enclosure of (12) (Arb, :mod:`symdln.certify.ode`) minus the Arb
    enclosure of the eps = 0 form (15) (the logistic modes).

    One row per step [t0, t1]: ``"box upper"`` bounds the norms on the whole step, ``"end"`` holds
    (lower, upper) bounds of the norms at t1 (flint arbs, 128 bits).
    """
    import flint

    from symdln.certify.logspace import q
    from symdln.certify.ode import enclose_flow_taylor2, poly_field

    Fv, ys, y0, U = _perturbation_system(eps)
    Fp = [sp.Poly(f, *ys) for f in Fv]
    Gv = [sum((Fi.diff(y) * Fj for y, Fj in zip(ys, Fp, strict=True)), sp.Poly(0, *ys)) for Fi in Fp]
    steps = enclose_flow_taylor2(poly_field(Fp, ys), poly_field(Gv, ys), [_fr(v) for v in y0],
                                 _fr(horizon), _fr(h))
    inst = PERTURBATION_INSTANCE
    rows = []
    with flint.ctx.workprec(128):
        Uq = [q(_fr(U[i, j])) for i in range(2) for j in range(2)]

        def form15(tb: flint.arb) -> tuple[list[flint.arb], list[flint.arb]]:
            a = []
            for s_, l_ in zip(inst["sigma"], inst["lambda"], strict=True):
                sq, lq, w0 = q(_fr(s_)), q(_fr(l_)), q(_fr(inst["a0"]) ** 2)
                e = (2 * sq * tb).exp()
                a.append((sq * w0 * e / (lq * w0 * (e - 1) + sq)).sqrt())
            zero = flint.arb(0)
            return [Uq[0] * a[0], Uq[1] * a[1], Uq[2] * a[0], Uq[3] * a[1]], [a[0], zero, zero, a[1]]

        def norms(y: list[flint.arb], ref: tuple[list[flint.arb], list[flint.arb]]
                  ) -> list[tuple[flint.arb, flint.arb]]:
            out = []
            for blk, r_ in ((y[:4], ref[0]), (y[4:], ref[1])):
                diffs = [b - x for b, x in zip(blk, r_, strict=True)]
                lo = sum((d.abs_lower() ** 2 for d in diffs), flint.arb(0)).sqrt()
                up = sum((d.abs_upper() ** 2 for d in diffs), flint.arb(0)).sqrt()
                out.append((lo, up))
            return out

        for t0, t1, box, end in steps:
            tb = q(t0 + t1) / 2 + flint.arb(0, float(t1 - t0) / 2 * (1 + 2**-20))
            tend = q(t1)
            rows.append({"t0": t0, "t1": t1, "box upper": [u for _, u in norms(box, form15(tb))],
                         "end": norms(end, form15(tend))})
    return rows


def certified_perturbation_bound(eps: sp.Rational = _EPS_CERT, horizon: sp.Rational = _HORIZON_CERT,
                                 h: sp.Rational = _H_CERT) -> dict[str, str]:
    r"""Summary of :func:`perturbation_enclosure`: the largest certified upper bound of
    :math:`\|W_i^\epsilon(t)\|_F/\epsilon` over [0, horizon], and the largest certified lower bound at the
    grid points (so the maximum lies between the two)."""
    import flint

    rows = perturbation_enclosure(eps, horizon, h)
    epsq = flint.arb(flint.fmpq(int(eps.p), int(eps.q)))
    up = max((u.upper() for r in rows for u in r["box upper"]), key=float)
    lo = max((lo_.lower() for r in rows for lo_, _ in r["end"]), key=float)
    return {"eps": str(eps), "horizon": str(horizon), "step h": str(h), "steps": str(len(rows)),
            "certified max_t ||W_i^eps(t)||_F / eps <=": (flint.arb(up) / epsq).upper().str(6, radius=False),
            "certified max_t ||W_i^eps(t)||_F / eps >=": (flint.arb(lo) / epsq).lower().str(6, radius=False)}


def instance_constants(eps: sp.Rational = _EPS_CERT) -> dict[str, sp.Expr]:
    r"""The constants of the general proof at :data:`PERTURBATION_INSTANCE` with :math:`\epsilon_0 = \epsilon`
    (computed by :func:`symdln.checks.perturbation_proof.perturbation_constants`, nothing typed in)."""
    from symdln.checks import perturbation_proof as pp

    inst = PERTURBATION_INSTANCE
    lo, hi = min(inst["lambda"]), max(inst["lambda"])
    s_xy = sp.sqrt(sum(s_**2 for s_ in inst["sigma"]))
    const = pp.perturbation_constants(mu=lo - eps, Lam=hi + eps, s=s_xy, n=sp.Integer(2), lam_max=hi)
    return {k: getattr(const, k) for k in ("rho", "K", "M", "m", "c")}


def judge_bound_on_instance(bound: Callable[[flint.arb, flint.arb], flint.arb], eps: sp.Rational = _EPS_CERT,
                            rows: list[dict[str, Any]] | None = None) -> CheckResult:
    r"""Compare a proposed bound ``bound(eps, t)`` (flint arbs in, arb out) with the certified
    enclosure of :math:`\|W_i^\epsilon(t)\|_F` on [0, 3]: FAILS where the certified lower bound at a grid
    point exceeds the bound's upper bound; HOLDS (scope instances) when the bound's lower bound dominates
    every step box (at the step's start; the bound must increase in t) and every grid point.
    """
    import flint

    rows = perturbation_enclosure(eps) if rows is None else rows
    with flint.ctx.workprec(128):
        e = flint.arb(flint.fmpq(int(eps.p), int(eps.q)))
        dominated = True
        for r in rows:
            t1 = flint.arb(flint.fmpq(r["t1"].numerator, r["t1"].denominator))
            b1 = bound(e, t1)
            for i, (lo, up) in enumerate(r["end"]):
                if lo > b1:
                    return CheckResult(Verdict.FAILS, Evidence(
                        "validated Taylor enclosure of (12) (Arb, 128 bits) minus the Arb enclosure of (15)",
                        precision="arb 128 bits",
                        counterexample={"instance": "PERTURBATION_INSTANCE", "eps": str(eps),
                                        "t": str(r["t1"]), "layer": i + 1,
                                        "||W^eps(t)||_F >=": lo.lower().str(8, radius=False),
                                        "bound <=": b1.upper().str(8, radius=False)}))
                dominated = dominated and b1 > up
            if r["t0"] > 0:
                t0 = flint.arb(flint.fmpq(r["t0"].numerator, r["t0"].denominator))
                dominated = dominated and all(bound(e, t0) > u for u in r["box upper"])
    if dominated:
        return CheckResult(Verdict.HOLDS, Evidence(
            "Arb: the bound exceeds the certified enclosure on every step of [1/128, 3] and at every grid "
            "point", precision="arb 128 bits", scope="instances"))
    return CheckResult(Verdict.INCONCLUSIVE, Evidence("Arb", notes="neither dominated nor refuted"))


def check_thm1_perturbation() -> CheckResult:
    r"""Judge "we have c > 0 such that :math:`\|W_i^\epsilon(t)\| \le \epsilon e^{ct^2}`" (Thm. 1) on its
    whole domain: the general proof :func:`symdln.checks.perturbation_proof.prove_thm1_perturbation`
    (c computed, independent of :math:`\delta_i \ge 0` and of :math:`\epsilon \le \epsilon_0`).

    >>> check_thm1_perturbation().evidence.scope
    'general'
    """
    from symdln.checks.perturbation_proof import prove_thm1_perturbation

    return prove_thm1_perturbation()
