r"""Checks of paper 2's metric operator A_{N,W}: its eigenvectors and eigenvalues (sum and
quotient forms, the unnormalised convention) and the depth limit N -> infinity (logarithmic
mean, rate of convergence, why the 1/N is needed).

Exact at the rational balanced points of :mod:`symdln.checks.geometry`, symbolic in N where
the formula under test accepts a symbol.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Any

import sympy as sp

from symdln import geometry as g
from symdln.checks._cases import IllFormedFormula, call_formula, rejects_inexact
from symdln.checks.geometry import (
    A_VALUES,
    CASES_FLOW,
    R,
    _fails,
    exact_point,
    inexact_result,
)
from symdln.verdict import CheckResult, Evidence, Verdict

__all__ = [
    "check_limit_logmean",
    "check_limit_rate",
    "check_metric_diag",
    "check_metric_eigen",
    "check_metric_quotient",
    "check_unnormalised_diverges",
    "check_unnormalised_spectrum",
]


# ---------------------------------------------------------------- spectrum
def check_metric_eigen(eigenvalue: g.EigenvalueFormula = g.eigenvalue_sum) -> CheckResult:
    r"""Judge Lemma 2.4: :math:`A_{N,W}(UE_{il}V^\top) = \lambda^N_{il}UE_{il}V^\top` with the sum form
    (all i, l, including i = l), exactly at rational points, d = 2, 3, N = 2..5."""
    method = "exact rational arithmetic: A_{N,W}(U E_il V^T) - lambda U E_il V^T = 0"
    for d, N in CASES_FLOW:
        pt = exact_point(d, N)
        U, V, P, Q, sig = pt["U"], pt["V"], pt["P"], pt["Q"], pt["sigma"]
        for i in range(d):
            for l in range(d):
                E = sp.zeros(d, d)
                E[i, l] = 1
                Z = U * E * V.T
                seen: dict[str, str] = {}
                where = {"d": d, "N": N, "sigma_i^2": sig[i] ** 2, "sigma_l^2": sig[l] ** 2}
                try:
                    lam = call_formula(eigenvalue, [sig[i] ** 2, sig[l] ** 2, N], where=where, scalar=True,
                                       inexact=seen)
                except IllFormedFormula as err:
                    return err.result(method)
                if seen:
                    return inexact_result(method, seen, where)
                Rm = g.metric_operator(P, Q, Z, N) - lam * Z
                if any(e != 0 for e in Rm):
                    true = (U.T * g.metric_operator(P, Q, Z, N) * V)[i, l]
                    return _fails(
                        "exact rational arithmetic",
                        {
                            "d": d,
                            "N": N,
                            "sigma": sig,
                            "i": i + 1,
                            "l": l + 1,
                            "claimed": str(lam),
                            "U^T A(U E_il V^T) V [i,l]": str(true),
                        },
                    )
    return CheckResult(
        Verdict.HOLDS,
        Evidence(
            method="exact rational arithmetic: A_{N,W}(U E_il V^T) - lambda U E_il V^T = 0",
            precision="exact",
            residual="0",
            parameters={"(d, N)": CASES_FLOW, "a": A_VALUES},
            notes="eigenvectors U E_il V^T, all d^2 of them, so A_{N,W} is diagonalised; general N "
            "and sigma: "
            "U^T A(U E V^T) V = (1/N) sum_j Sigma^{2(N-j)/N} E Sigma^{2(j-1)/N} "
            "(proofs/paper2_geometry.py)",
            proof="proofs/paper2_geometry.py",
            scope="instances",
        ),
    )


def _call_symbolic(formula: Callable[..., Any], args: Sequence[Any]) -> sp.Expr | None:
    """``formula(*args)`` with symbolic arguments, or None if it does not accept them (it raised, or
    returned something that is not an exact SymPy expression)."""
    try:
        value = sp.sympify(formula(*args))
    except Exception:  # the formula under test need not accept a SymPy Symbol for N
        return None
    if not isinstance(value, sp.Expr) or value.atoms(sp.Float):
        return None
    return value


def _geometric_sum(al: sp.Expr, be: sp.Expr, Nn: sp.Symbol) -> sp.Expr:
    """sum_{j=1}^N alpha^{N-j} beta^{j-1} for symbolic N, alpha != beta, by SymPy summation."""
    j = sp.Symbol("j", integer=True)
    S = sp.piecewise_fold(sp.summation(al ** (Nn - j) * be ** (j - 1), (j, 1, Nn)))
    return S.args[-1][0] if isinstance(S, sp.Piecewise) else S


#: depths at which a formula that does not accept a symbolic N is evaluated at rational points
DEPTHS_RATIONAL = tuple(range(13, 65))


def _judge_eigen_formula(
    claimed: Callable[[Any, Any, Any], sp.Expr],
    true: Callable[[Any, Any, Any], sp.Expr],
    name: str,
) -> CheckResult:
    """Judge ``claimed(alpha, beta, N) == true(alpha, beta, N)`` (alpha = sigma_i^{2/N},
    beta = sigma_l^{2/N}): for symbolic N if ``claimed`` accepts it (this decides), else at
    N = 1..12 symbolically and at N = 13..64 at rational alpha, beta (INCONCLUSIVE if all agree)."""
    al, be = sp.symbols("alpha beta", positive=True)
    Nn = sp.Symbol("N", positive=True, integer=True)
    sym = _call_symbolic(claimed, (al, be, Nn))
    if sym is not None:
        res = sp.simplify(sp.powsimp(sym - true(al, be, Nn), force=True))
        if res == 0:
            return CheckResult(
                Verdict.HOLDS,
                Evidence(
                    method=f"SymPy: {name} minus the sum form simplifies to 0 for symbolic N "
                    "(geometric sum by SymPy summation); alpha = sigma_i^{2/N}, beta = sigma_l^{2/N} "
                    "symbolic",
                    precision="exact",
                    residual="0",
                    scope="general",
                ),
            )
    for N in range(1, 13):
        diff = sp.cancel(sp.together(claimed(al, be, N) - true(al, be, N)))
        if diff != 0:
            wit = next(
                ({al: a, be: b} for a, b in ((2, 1), (3, 1), (R(5, 2), R(1, 3)), (7, 2))
                 if sp.simplify(diff.subs({al: a, be: b})) != 0),
                {al: 2, be: 1},
            )
            return _fails(
                "exact symbolic residual, evaluated at a rational point",
                {"N": N, "alpha = sigma_i^{2/N}": wit[al], "beta = sigma_l^{2/N}": wit[be],
                 "claimed - true": str(sp.nsimplify(diff.subs(wit)))},
            )
    for N in DEPTHS_RATIONAL:
        for a, b in ((R(2), R(1)), (R(3), R(1, 2))):
            diff = sp.simplify(claimed(a, b, N) - true(a, b, N))
            if diff != 0:
                return _fails(
                    "exact rational arithmetic",
                    {"N": N, "alpha = sigma_i^{2/N}": a, "beta = sigma_l^{2/N}": b,
                     "claimed - true": str(diff)},
                )
    notes = (
        "the formula under test does not accept a symbolic N"
        if sym is None
        else f"the symbolic-N residual did not simplify to 0: {res}"
    )
    return CheckResult(
        Verdict.INCONCLUSIVE,
        Evidence(
            method="SymPy: symbolic alpha, beta at N = 1..12; exact rationals at N = 13..64",
            precision="exact",
            notes=f"{notes}; it agrees with the sum form at N = 1..64 only (checked), which does not prove "
            "the statement for every N",
        ),
    )


def check_metric_quotient(eigenvalue: g.EigenvalueFormula = g.eigenvalue_quotient) -> CheckResult:
    r"""Judge the quotient form :math:`(\sigma_i^2-\sigma_l^2)/(N(\sigma_i^{2/N}-\sigma_l^{2/N}))` against
    the sum form :math:`\frac1N\sum_j\sigma_i^{2(N-j)/N}\sigma_l^{2(j-1)/N}`: decided for symbolic N
    when the formula accepts a SymPy Symbol (geometric sum by SymPy summation), else at N = 1..64."""

    def true(al: Any, be: Any, N: Any) -> sp.Expr:
        if isinstance(N, sp.Symbol):
            return _geometric_sum(al, be, N) / N
        return g.eigenvalue_sum(al**N, be**N, N)

    r = _judge_eigen_formula(lambda al, be, N: eigenvalue(al**N, be**N, N), true, "the quotient form")
    if r.verdict is Verdict.HOLDS:
        return CheckResult(Verdict.HOLDS, replace(
            r.evidence,
            notes="valid for sigma_i != sigma_l; at sigma_i = sigma_l the quotient is 0/0 and the diagonal "
            "formula is its limit"))
    return r


def check_metric_diag(diag: Callable[[sp.Expr, int], sp.Expr] = g.eigenvalue_diag) -> CheckResult:
    r"""Judge :math:`\lambda^N_{ll} = \sigma_l^{2(N-1)/N}`: the sum form at i = l is
    :math:`\frac1N\sum_j\alpha^{N-j}\alpha^{j-1} = \alpha^{N-1}` (every term equal); decided for
    symbolic N when the formula accepts a SymPy Symbol, else at N = 1..64."""

    def true(al: Any, be: Any, N: Any) -> sp.Expr:
        if isinstance(N, sp.Symbol):
            j = sp.Symbol("j", integer=True)
            return sp.summation(al ** (N - j) * al ** (j - 1), (j, 1, N)) / N
        return g.eigenvalue_sum(al**N, al**N, N)

    return _judge_eigen_formula(lambda al, be, N: diag(al**N, N), true, "the diagonal formula")


@rejects_inexact("quotient","diag")
def check_unnormalised_spectrum(
    quotient: g.EigenvalueFormula = g.eigenvalue_quotient_unnormalised,
    diag: Callable[[sp.Expr, int], sp.Expr] = g.eigenvalue_diag_unnormalised,
) -> CheckResult:
    r"""Judge the unnormalised eigenvalues :math:`N\sigma^{2-2/N}` and
    :math:`(\sigma_i^2-\sigma_l^2)/(\sigma_i^{2/N}-\sigma_l^{2/N})`: N times the normalised ones."""
    al, be = sp.symbols("alpha beta", positive=True)
    for N in range(1, 13):
        d1 = sp.cancel(sp.together(quotient(al**N, be**N, N) - N * g.eigenvalue_sum(al**N, be**N, N)))
        d2 = sp.simplify(diag(al**N, N) - N * g.eigenvalue_sum(al**N, al**N, N))
        if d1 != 0 or d2 != 0:
            return _fails(
                "exact symbolic residual at sigma_i^{2/N} = 2, sigma_l^{2/N} = 1",
                {
                    "N": N,
                    "off-diagonal residual": str(sp.nsimplify(d1.subs({al: 2, be: 1}))),
                    "diagonal residual": str(sp.nsimplify(d2.subs(al, 2))),
                },
            )
    return CheckResult(
        Verdict.HOLDS,
        Evidence(
            method="SymPy exact: unnormalised = N x normalised (sum form), N = 1..12",
            precision="exact",
            residual="0",
            notes="the conventions differ by the factor N exactly, on every eigenvalue",
            scope="instances",
        ),
    )


# ---------------------------------------------------------------- depth limit
@rejects_inexact("limit","limit_diag")
def check_limit_logmean(
    limit: Callable[[sp.Expr, sp.Expr], sp.Expr] = g.eigenvalue_infinity,
    limit_diag: Callable[[sp.Expr], sp.Expr] = g.eigenvalue_infinity_diag,
) -> CheckResult:
    r"""Judge the depth limit: :math:`\lambda^N_{il}\to(x-y)/(\log x-\log y)`, :math:`\lambda^N_{ll}\to x`,
    and the integral form :math:`A_\infty = \int_0^1 (WW^\top)^{1-s}Z(W^\top W)^s ds` has these
    eigenvalues on :math:`UE_{il}V^\top`."""
    from symdln.certify.balls import certified_sign

    h, X, Y, s = sp.symbols("h X Y s", positive=True)  # h = 1/N, x = e^X, y = e^Y
    lamN = (sp.exp(X) - sp.exp(Y)) * h / (sp.exp(h * X) - sp.exp(h * Y))
    lead = sp.series(lamN, h, 0, 1).removeO()
    off = sp.simplify(lead - limit(sp.exp(X), sp.exp(Y)))
    lead_d = sp.series(sp.exp(X * (1 - h)), h, 0, 1).removeO()
    dia = sp.simplify(lead_d - limit_diag(sp.exp(X)))
    # the integral form: F is an antiderivative of x^{1-s} y^s; F(1) - F(0) = log mean
    x, y = sp.exp(X), sp.exp(Y)
    F = sp.exp(X * (1 - s) + Y * s) / (Y - X)
    antider = sp.simplify(sp.diff(F, s) - sp.exp(X * (1 - s) + Y * s))
    integral = sp.simplify(F.subs(s, 1) - F.subs(s, 0) - limit(x, y))
    integral_d = sp.simplify(sp.integrate(sp.exp(X * (1 - s) + X * s), (s, 0, 1)) - limit_diag(x))
    if antider != 0:  # a derivation step of the checker, not the formula under test
        return CheckResult(
            Verdict.INCONCLUSIVE,
            Evidence(method="SymPy", notes=f"the antiderivative did not differentiate back: {antider}"),
        )
    if off != 0 or dia != 0 or integral != 0 or integral_d != 0:
        pt = {X: sp.log(2), Y: 0}
        cex: dict[str, Any] = {"sigma_i^2": 2, "sigma_l^2": 1}
        for name, e in (
            ("lim - claimed (off-diagonal)", lead - limit(x, y)),
            ("lim - claimed (diagonal)", lead_d - limit_diag(x)),
        ):
            val = sp.simplify(e.subs(pt))
            if val != 0:
                sign = certified_sign(val)
                if sign is not None:
                    cex[name] = f"{val} (certified sign {sign:+d})"
        if len(cex) > 2:
            return _fails("SymPy series in h = 1/N, Arb-certified sign at sigma_i^2 = 2, sigma_l^2 = 1", cex)
        return CheckResult(
            Verdict.INCONCLUSIVE,
            Evidence(
                method="SymPy series", notes="residual did not simplify and no certified counterexample"
            ),
        )
    return CheckResult(
        Verdict.HOLDS,
        Evidence(
            method="SymPy series in h = 1/N of the quotient form (x = e^X, y = e^Y): leading term equals the "
            "claimed limit; integral by an antiderivative checked by differentiation (decides)",
            precision="exact",
            residual="0",
            details={"antiderivative residual": str(antider)},
            notes="A_infinity(U E_il V^T) = int_0^1 x^{1-s} y^s ds U E_il V^T; the finite-N eigenvalue is "
            "x^{-1/N} times a left Riemann sum of that integral",
            proof="proofs/paper2_geometry.py",
            scope="general",
        ),
    )


def rate_coefficient(x: sp.Expr, y: sp.Expr) -> sp.Expr:
    r"""The derived rate coefficient c in :math:`\lambda^N_{il} = \lambda^\infty_{il} + c/N + O(N^{-2})`.

    :math:`c = -\lambda^\infty_{il}\log(\sigma_i\sigma_l)`.

    >>> rate_coefficient(sp.E**2, sp.E**2)
    -2*exp(2)
    """
    lam = x if x == y else g.eigenvalue_infinity(x, y)
    return -lam * (sp.log(x) + sp.log(y)) / 2


def check_limit_rate(
    coefficient: Callable[[sp.Expr, sp.Expr], sp.Expr] = rate_coefficient, prec: int = 256
) -> CheckResult:
    r"""Judge the rate: :math:`\lambda^N = \lambda^\infty + c/N + O(1/N^2)` with
    :math:`c = -\lambda^\infty\log(\sigma_i\sigma_l)` (series in 1/N); Arb enclosures at N = 10^k."""

    h, X, Y = sp.symbols("h X Y", positive=True)
    lamN = (sp.exp(X) - sp.exp(Y)) * h / (sp.exp(h * X) - sp.exp(h * Y))
    c1 = sp.series(lamN, h, 0, 2).removeO().coeff(h, 1)
    off = sp.simplify(c1 - coefficient(sp.exp(X), sp.exp(Y)))
    c1d = sp.series(sp.exp(X * (1 - h)), h, 0, 2).removeO().coeff(h, 1)
    dia = sp.simplify(c1d - coefficient(sp.exp(X), sp.exp(X)))
    # certified enclosures of N (lambda^N - lambda^inf) - c at x = 4, y = 1: O(1/N)
    from symdln.certify.balls import enclose

    table = []
    x, y = sp.Integer(4), sp.Integer(1)
    for k in (1, 2, 3, 4):
        N = 10**k
        err = N * (g.eigenvalue_quotient(x, y, N) - g.eigenvalue_infinity(x, y)) - coefficient(x, y)
        b = enclose(err, prec)
        table.append(
            {"N": N, "N(lam_N - lam_inf) - c": b.str(8, radius=True), "N * that": (N * b).str(8, radius=True)}
        )
    if off != 0 or dia != 0:
        from symdln.certify.balls import certified_sign

        # the off-diagonal coefficient at (sigma_i^2, sigma_l^2) = (4, 1), the diagonal one at 4
        for residual, where in ((c1 - coefficient(sp.exp(X), sp.exp(Y)), {"sigma_i^2": 4, "sigma_l^2": 1}),
                                (c1d - coefficient(sp.exp(X), sp.exp(X)), {"sigma_i^2 = sigma_l^2": 4})):
            cx = sp.simplify(residual.subs({X: sp.log(4), Y: 0}))
            sign = certified_sign(cx) if cx != 0 else None
            if sign is not None:
                return _fails(
                    "SymPy series coefficient, Arb-certified sign",
                    {**where, "true - claimed coefficient": str(cx), "certified sign": sign},
                )
        return CheckResult(
            Verdict.INCONCLUSIVE, Evidence(method="SymPy series", notes="coefficient residual undecided")
        )
    return CheckResult(
        Verdict.HOLDS,
        Evidence(
            method="SymPy series in h = 1/N (first-order coefficient, exact; decides); Arb enclosures of "
            "N(lambda^N - lambda^inf) - c at N = 10..10^4 as a cross-check that does not decide",
            precision=f"exact; Arb {prec} bits",
            residual="0",
            details={"cross-check (does not decide): Arb enclosures at sigma_i^2 = 4, sigma_l^2 = 1": table},
            notes="convergence is first order in 1/N; the coefficient vanishes iff sigma_i sigma_l = 1",
            scope="general",
        ),
    )


@rejects_inexact("diag")
def check_unnormalised_diverges(
    diag: Callable[[sp.Expr, int], sp.Expr] = g.eigenvalue_diag_unnormalised,
) -> CheckResult:
    r"""Judge: a depth limit needs the 1/N -- the unnormalised eigenvalues :math:`N\sigma^{2-2/N}` diverge
    as N -> infinity (for sigma > 0), the normalised ones converge (p2.limit.logmean)."""
    Nn, sg = sp.Symbol("N", positive=True, integer=True), sp.Symbol("sigma", positive=True)
    lim = sp.limit(diag(sg**2, Nn), Nn, sp.oo)
    if lim is not sp.oo:
        return _fails("SymPy limit (symbolic)", {"lim_{N -> oo} unnormalised lambda_ll": str(lim)})
    return CheckResult(
        Verdict.HOLDS,
        Evidence(
            method="SymPy symbolic limit: N sigma^{2 - 2/N} -> oo",
            precision="exact",
            notes="normalising the time (or the metric) by 1/N gives the finite limit sigma^2",
            scope="general",
        ),
    )
