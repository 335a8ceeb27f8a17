r"""Checks of the proof sketch of Thm. 3 in paper 1: (24), the displayed recursion for
:math:`1/w^{(t+1)}`, the inequalities :math:`1-x \le 1/(1+x) \le 1-x+x^2`, and
"an increasing sequence smaller than one".

Fed the printed formula (the default) a failing check attaches its proved
correction; fed anything else it judges that alone.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import sympy as sp

from symdln.checks.discrete import PROOF, candidates, one_step_lemma
from symdln.discrete import derive_mode_step, product_step
from symdln.verdict import CheckResult, Evidence, Verdict, corrected

__all__ = [
    "check_eq24_identity",
    "check_increasing",
    "check_inequalities",
    "constant_24_printed",
    "denominator_printed",
    "rate_24_printed",
]

R = sp.Rational


def constant_24_printed(sigma: Any, lam: Any) -> Any:
    r"""The constant of (24) as printed: :math:`\sigma/\lambda`."""
    return sigma / lam


def rate_24_printed(sigma: Any, eta: Any) -> Any:
    r"""The rate of (24) as printed: :math:`2\eta\sigma` (continuous time t)."""
    return 2 * eta * sigma


def _continuous_mode_flow() -> tuple[sp.Expr, sp.Symbol, sp.Symbol, sp.Symbol]:
    """Per-mode gradient flow of the product w = a^2, derived from the matrix step."""
    r = derive_mode_step(Q_orthogonal=True)
    a, lam, sig, eta = r["a"][0], r["lambda"][0], r["sigma"][0], r["eta"]
    adot = sp.cancel((r["R1"][0, 0] - a) / eta)  # (W' - W)/eta = -grad f: the flow (12)
    w = sp.Symbol("w", positive=True)
    wdot = sp.expand((2 * a * adot).subs(a, sp.sqrt(w)))
    return wdot, w, sig, lam


def check_eq24_identity(constant: Callable[..., Any] = constant_24_printed,
                        rate: Callable[..., Any] = rate_24_printed) -> CheckResult:
    r"""Judge (24):
    :math:`w_i(t)^{-1} - \sigma_i/\lambda_i = (w_i(0)^{-1} - \sigma_i/\lambda_i)e^{-2\eta\sigma_i t}`.

    Derives the per-mode flow of the product :math:`\dot w = 2w(\sigma - \lambda w)` from the
    matrix dynamics, verifies the solution :math:`1/w(t) = \lambda/\sigma + (1/w_0 - \lambda/\sigma)
    e^{-2\sigma t}` by substitution, and compares ``constant`` and ``rate``.
    """
    wdot, w, sig, lam = _continuous_mode_flow()
    t, v0, eta = sp.Symbol("t", nonnegative=True), sp.Symbol("v_0", positive=True), sp.Symbol("eta",
                                                                                              positive=True)
    v = lam / sig + (v0 - lam / sig) * sp.exp(-2 * sig * t)  # candidate 1/w(t)
    # 1/w solves d(1/w)/dt = -wdot / w^2 at w = 1/v
    ode_res = sp.simplify(sp.diff(v, t) - (-wdot / w**2).subs(w, 1 / v))
    if ode_res != 0:  # pragma: no cover - exact
        return CheckResult(Verdict.INCONCLUSIVE, Evidence("SymPy", notes="closed form not verified"))
    K, r = constant(sig, lam), rate(sig, eta)
    claim = (v - K) - (v0 - K) * sp.exp(-r * t)
    exact = sp.simplify(claim) == 0
    if exact:
        return CheckResult(Verdict.HOLDS, Evidence(
            "SymPy: per-mode flow derived from the matrix step, closed form verified by substitution, "
            "identity simplified to 0", precision="exact", residual="0", scope="general"))
    from symdln.certify.balls import certified_sign

    for point in ({sig: 1, lam: 2, eta: 1, v0: 4, t: 1}, {sig: 2, lam: 1, eta: R(1, 2), v0: 4, t: 1},
                  {sig: 1, lam: 1, eta: R(1, 2), v0: 4, t: 1}):
        val = claim.subs(point)
        sgn = certified_sign(val)
        if sgn is not None:
            break
    else:  # pragma: no cover
        return CheckResult(Verdict.INCONCLUSIVE, Evidence("arb", notes="residual not decided"))
    res = CheckResult(Verdict.FAILS, Evidence(
        "SymPy closed form of the derived flow; arb enclosure of the residual excludes 0",
        precision="arb", counterexample={**{str(k): str(x) for k, x in point.items()},
                                         "residual sign": sgn},
        notes="1/w(t) tends to lambda/sigma, not sigma/lambda; in continuous time the rate is 2 sigma "
              "(2 eta sigma is the rate per step of the discrete analogue, time t -> eta t)"))
    if constant is not constant_24_printed or rate is not rate_24_printed:
        return res
    ok = check_eq24_identity(lambda s_, l_: l_ / s_, lambda s_, e_: 2 * s_)
    return corrected(res, ok, "1/w_i(t) - lambda_i/sigma_i = (1/w_i(0) - lambda_i/sigma_i) exp(-2 sigma_i t) "
                     "for the continuous w_i of (16); at time eta t the factor is exp(-2 eta sigma_i t)")


def denominator_printed(w: Any, sigma: Any, lam: Any, eta: Any) -> Any:
    r"""The printed denominator :math:`1 + 2(\sigma-\lambda w) + \eta^2(\sigma-\lambda w)^2`."""
    e = sigma - lam * w
    return 1 + 2 * e + eta**2 * e**2


def _ineq_lower(x: Any) -> Any:
    return 1 - x


def _ineq_upper(x: Any) -> Any:
    return 1 - x + x * x


def check_inequalities(lower: Callable[..., Any] = _ineq_lower, upper: Callable[..., Any] = _ineq_upper,
                       x_range: tuple[Any, Any | None] = (1, 0)) -> CheckResult:
    r"""Judge :math:`1-x \le 1/(1+x) \le 1-x+x^2` "for any :math:`1 \le x \le 0`" (z3).

    ``x_range`` = (a, b): the range a <= x <= b (b = None: unbounded above).  A
    range that is empty (z3-proved) makes the statement vacuous: it does not
    cover the x the proof needs, :math:`x = 2\eta e + \eta^2e^2 \in (0, 5/4)`.
    """
    import z3

    from symdln.certify.smt import prove

    X = z3.Real("x")
    a, b = x_range
    in_range = X >= a if b is None else z3.And(X >= a, X <= b)
    empty = prove(z3.Not(in_range))
    ineq = z3.And(lower(X) * (1 + X) <= 1, upper(X) * (1 + X) >= 1)
    if empty.status == "proved":
        res = CheckResult(Verdict.FAILS, Evidence(
            "z3: the printed range is empty", precision="exact",
            counterexample={"range": f"{a} <= x <= {b}", "z3": "no x satisfies it (proved)",
                            "x the proof needs": "x = 2 eta e + eta^2 e^2, e = sigma - lambda w in "
                                                 "(0, sigma], so x in (0, 5/4) when 2 eta sigma < 1"},
            notes="a statement over an empty range asserts nothing; the proof needs it for x in (0, 5/4)"))
    else:
        r = prove(z3.Implies(z3.And(in_range, X > -1), ineq))
        if r.status == "proved":
            return CheckResult(Verdict.HOLDS, Evidence(
                "z3 proof (cleared of the positive denominator 1 + x)", precision="exact",
                parameters={"range": f"{a} <= x" + ("" if b is None else f" <= {b}")},
                details={"z3 seconds": round(r.seconds, 3)}, scope="general"))
        if r.status == "refuted":
            return CheckResult(Verdict.FAILS, Evidence(
                "z3 counter-model, validated in exact arithmetic", precision="exact",
                counterexample={k: str(v) for k, v in (r.model or {}).items()}))
        return CheckResult(Verdict.INCONCLUSIVE, Evidence("z3", notes=f"z3: {r.reason}"))
    if lower is not _ineq_lower or upper is not _ineq_upper or x_range != (1, 0):
        return res
    fixed = check_inequalities(lower, upper, (0, None))
    sharp = prove(z3.Implies(z3.And(X > -1, X < 0), upper(X) * (1 + X) < 1))
    if fixed.verdict is Verdict.HOLDS and sharp.status == "proved":
        fixed = CheckResult(Verdict.HOLDS, Evidence(
            fixed.evidence.method + "; z3: the upper inequality fails for every -1 < x < 0",
            precision="exact", details={"sharpness": sharp.status}, scope="general"))
    return corrected(res, fixed, "1 - x <= 1/(1 + x) <= 1 - x + x^2 for all x >= 0 (sharp: the right "
                     "inequality fails for every -1 < x < 0; the left holds for all x > -1); the proof "
                     "uses x = 2 eta e + eta^2 e^2 in (0, 5/4)")


def _ceiling_printed(sigma: Any, lam: Any) -> Any:
    return 1


def check_increasing(ceiling: Callable[..., Any] = _ceiling_printed, w0_below_limit: bool = False,
                     tmax: int = 5) -> CheckResult:
    r"""Judge "(w_i^{(t)}) is an increasing sequence smaller than one" (proof sketch of Thm. 3).

    Domain as printed: :math:`0 < w^{(0)} < 1`, :math:`2\eta\sigma < 1`; with
    ``w0_below_limit`` also :math:`w^{(0)} < \sigma/\lambda`.  The ceiling is ``ceiling(sigma, lam)``.
    Exact rational iterates of the derived product recursion, t <= ``tmax``.
    """
    params = [p for p in candidates() if not w0_below_limit or p["w0"] * p["lambda"] < p["sigma"]]
    found: dict[str, dict[str, str]] = {}
    for t in range(tmax + 1):
        for p in params:
            w = p.setdefault("_w", p["w0"])
            nxt = product_step(w, p["sigma"], p["lambda"], p["eta"])
            top = ceiling(p["sigma"], p["lambda"])
            info = {k: str(v) for k, v in p.items() if not k.startswith("_")}
            if not (w < top) and "ceiling" not in found:
                found["ceiling"] = {"t": str(t), "failed": f"w_t < {top}", "w_t": str(w), **info}
            below = p["w0"] * p["lambda"] < p["sigma"]
            if not (w < top) and below and "ceiling, w0 < sigma/lambda" not in found:
                found["ceiling, w0 < sigma/lambda"] = {"t": str(t), "failed": f"w_t < {top}",
                                                       "w_t": str(w), **info}
            if nxt < w and "increasing" not in found:  # strictly decreasing: not even non-decreasing
                found["increasing"] = {"t": str(t), "failed": "w_{t+1} >= w_t", "w_t": str(w),
                                       "w_t+1": str(nxt), **info}
            p["_w"] = nxt
    cex = found or None
    if cex is None:
        lem = one_step_lemma()
        if w0_below_limit and sp.simplify(ceiling(sp.Symbol("s"), sp.Symbol("l")) - sp.Symbol("s")
                                          / sp.Symbol("l")) == 0 and lem["status"] == "proved":
            return CheckResult(Verdict.HOLDS, Evidence(
                "u_t = 1/w_t - lambda/sigma > 0 and u_{t+1} = rho u_t with 0 < 1-2s <= rho <= (1+s)^-2 "
                "< 1 (one-step lemma, z3): u decreases to 0, so w = 1/(u + lambda/sigma) increases to "
                "sigma/lambda",
                precision="exact", details=lem, proof=PROOF, scope="general"))
        return CheckResult(Verdict.INCONCLUSIVE, Evidence(
            "exact rational iterates", notes=f"no violation for t <= {tmax}; not proved for all t"))
    res = CheckResult(Verdict.FAILS, Evidence(
        "exact rational iterates of the derived product recursion", precision="exact", counterexample=cex,
        notes="the limit is sigma/lambda, which can exceed 1; for w0 > sigma/lambda the iterates decrease"))
    if ceiling is not _ceiling_printed or w0_below_limit:
        return res
    return corrected(res, check_increasing(lambda s_, l_: s_ / l_, True),
                     "for 0 < w^(0) < sigma/lambda and 2 eta sigma < 1, (w^(t)) is increasing and smaller "
                     "than sigma/lambda (its limit)")
