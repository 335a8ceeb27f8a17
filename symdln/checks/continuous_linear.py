r"""The remark after Thm. 2 of paper 1: "rescaling the time and taking the limit this way for (8)
would lead to a constant function" (L = 1), judged against the flow (8) solved per mode.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from fractions import Fraction

import sympy as sp

from symdln.verdict import CheckResult, Evidence, Verdict

__all__ = ["check_thm2_linear"]

F = Fraction
_SMALL = (F(1), F(2), F(1, 2), F(3), F(1, 3))


def _linear_limit_printed(sigma: F, lam: F, t: F) -> F:
    """The text after Thm. 2: the rescaled L = 1 flow tends to a constant (Sigma_x^+ Sigma_xy)."""
    return sigma / lam


def _linear_mode(s: sp.Symbol, l: sp.Symbol, d: sp.Symbol, time: sp.Expr) -> sp.Expr:
    r"""One mode of the L = 1 flow (8), derived: :math:`\dot m = -\nabla f = -(\lambda m - \sigma)`
    (the gradient (7) on 1 x 1 data), :math:`m(0) = e^{-\delta}`, solved by dsolve in the time tau
    (checkodesol), at tau = ``time``."""
    from symdln.linear import gradient_7

    tau, f = sp.Symbol("tau", nonnegative=True), sp.Function("m")
    grad = gradient_7(sp.Matrix([[l]]), sp.Matrix([[s]]), sp.Matrix([[f(tau)]]))[0, 0]
    ode = sp.Eq(f(tau).diff(tau), -grad)
    sol = sp.dsolve(ode, f(tau), ics={f(0): sp.exp(-d)})
    if not sp.checkodesol(ode, sol)[0]:  # pragma: no cover
        raise ArithmeticError("dsolve's solution of the L = 1 mode does not check")
    return sol.rhs.subs(tau, time)


def check_thm2_linear(limit: Callable[[F, F, F], F] = _linear_limit_printed) -> CheckResult:
    r"""Judge "rescaling the time and taking the limit this way for (8) would lead to a constant
    function": per mode, the flow (8) with :math:`W_0 = e^{-\delta}` (solved by dsolve,
    :func:`_linear_mode`) gives :math:`m(\delta t) = e^{-\lambda\delta t}(e^{-\delta} - \sigma/\lambda)
    + \sigma/\lambda`.

    Read on t > 0, as eq8.rescaled_limit reads the same sentence and as Thm. 2's own step function
    is read (it is 0 at t = 0 too): ``limit(sigma, lambda, t)`` is the claimed limit for t > 0
    (printed: the constant :math:`\Sigma_x^+\Sigma_{xy}`, per mode sigma/lambda).  The limit is
    exact: for t > 0 both exponents :math:`-\lambda t\delta`, :math:`-(1+\lambda t)\delta` are
    negative, so :math:`m \to \sigma/\lambda`; the claimed function is compared with it at rational
    t > 0 and symbolically for all t > 0.

    >>> check_thm2_linear().verdict.name
    'HOLDS'
    """
    s, l, d, t = sp.symbols("sigma lambda delta t", positive=True)
    m = _linear_mode(s, l, d, d * t)
    lim_pos = sp.simplify(sp.limit(m, d, sp.oo))  # t > 0 (t is a positive symbol)
    lim_zero = sp.limit(m.subs(t, 0), d, sp.oo)
    if lim_pos.has(sp.Limit) or d in lim_pos.free_symbols or t in lim_pos.free_symbols:  # pragma: no cover
        return CheckResult(Verdict.INCONCLUSIVE, Evidence("SymPy limits",
                                                          notes=f"limit not decided: {lim_pos}"))
    for sig, lam in itertools.product(_SMALL, _SMALL):
        for tt in (F(1, 2), F(1), F(3), F(1, 100), F(100)):
            true = F(str(lim_pos.subs({s: sp.Rational(sig), l: sp.Rational(lam)})))
            claimed = limit(sig, lam, tt)
            if true != claimed:
                return CheckResult(Verdict.FAILS, Evidence(
                    method="exact limits of (9) per mode (SymPy, symbolic sigma, lambda, t > 0)",
                    precision="exact",
                    counterexample={"sigma": str(sig), "lambda": str(lam), "t": str(tt),
                                    "limit": str(true), "claimed": str(claimed)},
                    notes="the limit is Sigma_x^+ Sigma_xy for every t > 0"))
    try:
        gap = sp.simplify(sp.sympify(limit(s, l, t)) - lim_pos)
    except (TypeError, ValueError) as err:
        return CheckResult(Verdict.INCONCLUSIVE, Evidence(
            "exact comparison at rational t > 0",
            notes=f"no counterexample; the claimed function cannot be evaluated on symbols ({err})"))
    if gap != 0:
        return CheckResult(Verdict.INCONCLUSIVE, Evidence(
            "exact comparison at rational t > 0", notes=f"symbolic difference {gap} not decided"))
    return CheckResult(Verdict.HOLDS, Evidence(
        method="SymPy (Gruntz) limit of m(delta t) for symbolic sigma, lambda > 0 and t > 0, equal to the "
               "claimed function symbolically and exactly at rational t > 0; null modes (sigma = lambda = "
               "0) stay at e^{-delta} -> 0",
        precision="exact", residual="0",
        details={"per-mode limit, t > 0": str(lim_pos), "per-mode limit, t = 0": str(lim_zero)},
        notes="read on t > 0, the same reading as eq8.rescaled_limit (which judges the same sentence "
              "and also finds Sigma_x^+ Sigma_xy for every t > 0): at t = 0 the limit is W(0) = e^{-delta} "
              "I -> 0, as for Thm. 2's step function (also 0 at t = 0), so the value at t = 0 does not "
              "make the function non-constant in the paper's sense; the limit carries no sequential "
              "learning for L = 1",
        proof="proofs/continuous_limits.py", scope="general"))
