r"""Checks of paper 2's volume forms: the SVD Jacobian and the Riemannian volume of g^N (finite N and
depth infinity); their behaviour near a rank drop is in :mod:`symdln.checks.volume_rankdrop`.

A density is non-negative by definition.  The density of dW against dSigma dU dV is |det J|, J the
Jacobian of the SVD chart (the sign of det J only says how the coordinates are ordered); the density
of the Riemannian volume is sqrt(det g) = |det J| / sqrt(det A_{N,W}), A_{N,W} positive definite
(:func:`symdln.geometry.chart_density`).  Every check compares the formula under test *itself* with
that density, computed independently of it: exact determinants at the rational balanced points of
:mod:`symdln.checks.geometry`, symbolic determinants on the whole ordered domain sigma_1 > ... >
sigma_d > 0 (sigma_i = t_i + ... + t_d, t > 0), Arb enclosures where values are irrational.
Squares are never compared: a formula of the wrong sign fails, with a counterexample.

For every d (:mod:`symdln.checks.volume_general`): the chart and the metric are block diagonal, so the
density is a product over the singular values and their pairs; a formula given as a SymPy expression
in the indexed ``sigma`` with a symbolic ``d`` (the defaults: the notes' formulas so written) that is
such a product is compared with it factor by factor, scope "general".  A formula given as a Python
function of the list of singular values is judged at the listed d, and at d = 1..6 against the block
product, scope "instances".

>>> check_svd_jacobian(jacobian=lambda s: -g.vandermonde([x**2 for x in s])).evidence.counterexample
{'d': 2, 'sigma': (2, 1), 'det J': '-3', 'computed density': '3', 'claimed': '-3'}
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import replace
from itertools import combinations
from typing import Any, TypeAlias

import sympy as sp

from symdln import geometry as g
from symdln.certify.balls import certified_sign
from symdln.checks import volume_general as vg
from symdln.checks._cases import IllFormedFormula, call_formula
from symdln.checks._identity import exact_fails as _fails
from symdln.checks.geometry import (
    A_VALUES,
    A_VALUES_GENERIC,
    _rotation,
    closed_equal,
    exact_point,
    inexact_result,
)
from symdln.checks.volume_rankdrop import (
    RANKDROP_SYMBOLS,
    check_rankdrop_finite,
    check_rankdrop_infinity,
    check_rankdrop_infinity_integral,
    d_,
    judge_rankdrop_infinity,
    rho_inf,
    rho_rest,
    sigma_min,
)
from symdln.verdict import CheckResult, Evidence, Verdict

__all__ = [
    "RANKDROP_SYMBOLS",
    "check_rankdrop_finite",
    "check_rankdrop_infinity",
    "check_rankdrop_infinity_integral",
    "check_svd_jacobian",
    "check_volume_finite",
    "check_volume_infinity",
    "d_",
    "judge_rankdrop_infinity",
    "rho_inf",
    "rho_rest",
    "sigma_min",
]
#: a formula under test: a function of the list of singular values (and N), or a SymPy expression in
#: :data:`symdln.checks.volume_general.sigma` and a symbolic d (and N)
Formula: TypeAlias = "Callable[..., sp.Expr] | sp.Expr"

R = sp.Rational
NOTE = "a density is sqrt(det g) >= 0 (|det J| for dW): the formula itself is compared, sign included"
#: a closed point: (arguments of the formula under test, where, the density computed there)
Point = tuple[list[Any], dict[str, Any], sp.Expr]
#: points (t_1, ..., t_d) where a symbolic residual that did not cancel is evaluated
T_POINTS: tuple[tuple[sp.Rational, ...], ...] = (
    (R(1), R(1), R(1)), (R(1), R(2), R(1, 2)), (R(3), R(1, 3), R(2)), (R(1, 2), R(5), R(1, 7)),
)


def _ordered(d: int) -> tuple[tuple[sp.Symbol, ...], tuple[sp.Expr, ...]]:
    """Positive t_1..t_d and sigma_i = t_i + ... + t_d: every point of sigma_1 > ... > sigma_d > 0."""
    ts = sp.symbols(f"t1:{d + 1}", positive=True)
    return ts, tuple(sp.Add(*ts[k:]) for k in range(d))


class _Inexact(Exception):
    def __init__(self, where: dict[str, Any]) -> None:
        super().__init__(str(where))
        self.where = where


def _judge(
    formula: Callable[..., sp.Expr],
    points: Iterable[Point],
    symbolic: Iterable[tuple[Sequence[sp.Symbol], Point]],
    method: str,
    *,
    undecided_points: bool = False,
    simplify: Callable[[sp.Expr], sp.Expr] = lambda e: sp.cancel(sp.together(e)),
) -> CheckResult | None:
    """Compare the formula under test, called with the point's arguments (sigma first), with the
    computed density: at closed ``points`` (FAILS when certified different; INCONCLUSIVE when
    undecided, unless ``undecided_points``), then at ``symbolic`` points, where the residual must
    simplify to 0 (else FAILS at the first of :data:`T_POINTS` where it is certified nonzero, or
    INCONCLUSIVE).  ``None``: the formula agreed everywhere."""
    seen: dict[str, str] = {}

    def value(args: list[Any], where: dict[str, Any], concrete: Any = None) -> sp.Expr:
        v = call_formula(formula, args, where=where, scalar=True, inexact=seen, concrete=concrete)
        if seen:
            raise _Inexact(where)
        return v

    def differ(where: dict[str, Any], truth: sp.Expr, claimed: sp.Expr) -> CheckResult:
        return _fails(method, {**where, "computed density": str(truth), "claimed": str(claimed)}, notes=NOTE)

    try:
        for args, where, truth in points:
            claimed = value(args, where)
            same = closed_equal(claimed, truth)
            if same is False:
                return differ(where, truth, claimed)
            if same is None and not undecided_points:
                return CheckResult(Verdict.INCONCLUSIVE, Evidence(
                    method=method, parameters=where,
                    notes=f"claimed {claimed} - computed {truth}: undecided"))
        for ts, (args, where, truth) in symbolic:
            one = [tuple(s.subs(dict.fromkeys(ts, 1)) for s in args[0]), *args[1:]]
            residual = simplify(value(args, where, (one, {**where, "sigma": one[0]})) - truth)
            if residual == 0:
                continue
            for vals in T_POINTS:
                sub = dict(zip(ts, vals[: len(ts)], strict=True))
                at = [tuple(x.subs(sub) for x in args[0]), *args[1:]]
                where_at = {**where, "sigma": at[0]}
                claimed, computed = value(at, where_at), truth.subs(sub)
                if closed_equal(claimed, computed) is False:
                    return differ(where_at, computed, claimed)
            return CheckResult(Verdict.INCONCLUSIVE, Evidence(
                method=method, parameters=where, notes=f"the symbolic residual {residual} did not cancel, "
                f"and no point t = {[v[: len(ts)] for v in T_POINTS]} certified it nonzero: undecided"))
    except IllFormedFormula as err:
        return err.result(method)
    except _Inexact as err:
        return inexact_result(method, seen, err.where)
    return None


def _pt_density(pt: dict[str, Any], N: int | None) -> tuple[sp.Expr, sp.Expr]:
    return g.chart_density(pt["U"], pt["V"], pt["sigma"], N, pt.get("P"), pt.get("Q"))


def _callable(formula: Formula) -> Callable[..., sp.Expr]:
    """The formula as the checks at given d call it (an expression through :class:`~vg.AtDepth`)."""
    return vg.AtDepth(formula) if isinstance(formula, sp.Expr) else formula


#: the argument for every d, by density (:mod:`symdln.checks.volume_general`)
_CHART = ("SymPy, every d: U^T dW V = Omega^U Sigma + dSigma - Sigma Omega^V (matrix expressions of "
          "symbolic size, Omega skew), so the chart is block diagonal up to the orthogonal V kron U: 1 x 1 "
          "blocks d sigma_a, one 2 x 2 block [[sigma_b, -sigma_a], [-sigma_a, sigma_b]] per pair a < b, "
          "|det J| = prod_{a<b} (sigma_a^2 - sigma_b^2)")
_READ = ("; the formula read as c(d) prod_a f(sigma_a) prod_{a<b} g(sigma_a, sigma_b) (the reading "
         "reproduces the formula at d = 1..4) and compared factor by factor: f/t1 and g/t2 free of sigma and "
         "c (f/t1)^d (g/t2)^{d(d-1)/2} = 1 for symbolic d")
GENERAL_METHOD = {
    "jacobian": _CHART + _READ,
    "finite": _CHART + "; A_{N,W} is diagonal in the orthonormal basis U E_ab V^T (p2.metric.eigen, every d "
    "and N) with eigenvalues (1/N) sum_j alpha_a^{N-j} alpha_b^{j-1}, alpha = sigma^{2/N} (SymPy summation, "
    "symbolic N): sqrt(det g) = prod_a lambda_aa^{-1/2} prod_{a<b} |det B_ab| / lambda_ab = prod_a "
    "sigma_a^{(1-N)/N} prod_{a<b} N (sigma_a^{2/N} - sigma_b^{2/N})" + _READ + " and N",
    "infinity": _CHART + "; A_inf is diagonal in the orthonormal basis U E_ab V^T with eigenvalues "
    "int_0^1 x_a^{1-s} x_b^s ds (antiderivative checked by differentiation), x = sigma^2: sqrt(det g^inf) = "
    "prod_a 1/sigma_a prod_{a<b} (log sigma_a^2 - log sigma_b^2)" + _READ,
}


def _conclude(formula: Formula, kind: str, allowed: Sequence[sp.Symbol], instances: Evidence) -> CheckResult:
    """After the checks at given d passed (``instances``): HOLDS for every d when
    :func:`~vg.judge_general` proves it (scope general, the instances kept as a cross-check); FAILS at
    a certified witness at another d; else HOLDS on the instances, the reason in the notes."""
    gen = vg.judge_general(formula, kind, allowed)
    if gen.proved:
        return CheckResult(Verdict.HOLDS, replace(
            instances, method=f"{GENERAL_METHOD[kind]}; cross-check on instances: {instances.method}",
            details={**instances.details, "every d": gen.details}, scope="general"))
    if gen.counterexample is not None:
        return _fails("the density for every d, a product over the singular values and their pairs (block "
                      "diagonal chart and metric), against the formula at the d of the counterexample; "
                      "exact, or an Arb enclosure of the difference excluding 0", gen.counterexample,
                      notes=f"{NOTE}; not proved for every d: {gen.reason}")
    return CheckResult(Verdict.HOLDS, replace(
        instances, notes=f"{instances.notes}; why not general: {gen.reason}", scope="instances"))


# ---------------------------------------------------------------- the SVD Jacobian
#: points of the SVD-Jacobian check (the Jacobian does not depend on N: N only changes sigma)
CASES_JAC = tuple((d, N, a) for d in (2, 3) for a in (A_VALUES[d], A_VALUES_GENERIC[d]) for N in (1, 2))


def _jacobian_points() -> Iterator[Point]:
    for d, N, a in CASES_JAC:
        pt = exact_point(d, N, a)
        truth, detJ = _pt_density(pt, None)
        yield [pt["sigma"]], {"d": d, "sigma": pt["sigma"], "det J": str(detJ)}, truth


def _jacobian_symbolic() -> Iterator[tuple[Sequence[sp.Symbol], Point]]:
    for d in (2, 3):
        ts, sig = _ordered(d)
        yield ts, ([sig], {"d": d, "sigma": sig}, g.chart_density(_rotation(d, 1), _rotation(d, 0), sig)[0])


def check_svd_jacobian(jacobian: Formula = vg.JACOBIAN) -> CheckResult:
    r"""Judge the SVD Jacobian :math:`dW = \mathrm{van}(\Sigma^2)\,d\Sigma\,dU\,dV` (notes, "Volume
    form"): the formula must equal the density |det J| of the chart on sigma_1 > ... > sigma_d > 0, sign
    included.

    Exact at rational points (d = 2, 3); symbolic in sigma on the ordered domain (d = 2, 3); for every d
    when ``jacobian`` is a product form in the indexed sigma (:func:`_conclude`; the default
    :data:`~vg.JACOBIAN`, the notes' :math:`\prod_{i<l}(\sigma_i^2 - \sigma_l^2)`)."""
    method = "exact determinant of the SVD chart d vec(W)/d(sigma, omega^U, omega^V); density |det J|"
    bad = _judge(_callable(jacobian), _jacobian_points(), _jacobian_symbolic(), method)
    return bad or _conclude(jacobian, "jacobian", [vg.d], Evidence(
        method=f"{method}: exact at rational points; symbolic in sigma_1 > ... > sigma_d > 0 "
        "(sigma_i = t_i + ... + t_d, t > 0), d = 2, 3, at fixed rational U, V",
        precision="exact",
        residual="0",
        parameters={"sigma": sorted({str(exact_point(d, N, a)["sigma"]) for d, N, a in CASES_JAC})},
        notes="dU, dV are the left-invariant measures with coordinates omega_{il} = (U^T dU)_{il}, "
        "i < l; |det J| does not depend on U, V (vec(U X V^T) = (V kron U) vec X); " + NOTE,
    ))


# ---------------------------------------------------------------- the volume of g^N
#: (d, N, factor singular values a): sigma = a^N; the generic a have sigma_min != 1
CASES_VOL: tuple[tuple[int, int, tuple[sp.Expr, ...]], ...] = (
    *((2, N, A_VALUES[2]) for N in (2, 3, 4, 5)),
    *((3, N, A_VALUES[3]) for N in (2, 3, 4)),
    *((2, N, A_VALUES_GENERIC[2]) for N in (2, 3)),
    *((3, N, A_VALUES_GENERIC[3]) for N in (2, 3)),
)
#: (d, N) of the symbolic check: factor singular values on the ordered domain, fixed rational U, V
CASES_VOL_SYMBOLIC = ((2, 2), (2, 3), (3, 2))
#: precision of the Arb cross-check of the volume form
ARB_PREC = 192
ARB_SIGMA = (sp.Integer(3), sp.Integer(2), sp.Rational(1, 2))


def _volume_arb(density: Callable[[Sequence[sp.Expr], int], sp.Expr]) -> list[dict[str, Any]]:
    """density - sqrt(det g) in Arb balls, d = 3, sigma = ARB_SIGMA (sigma^{2/N} irrational)."""
    import flint

    from symdln.certify.arbmat import metric_det_enclosure
    from symdln.certify.balls import to_arb

    rows = []
    for N in (3, 5, 7):
        row: dict[str, Any] = {"d": 3, "N": N, "sigma": ARB_SIGMA}
        with flint.ctx.workprec(ARB_PREC):
            truth = metric_det_enclosure(_rotation(3, 1), _rotation(3, 0), ARB_SIGMA, N, ARB_PREC).sqrt()
            try:
                diff = to_arb(density(ARB_SIGMA, N)) - truth
            except TypeError as err:  # not a closed expression Arb encloses: not judged here
                rows.append({**row, "density - sqrt(det g)": str(err), "certified nonzero": False})
                continue
            rows.append({**row, "sqrt(det g)": truth.str(5, radius=True),
                         "density - sqrt(det g)": diff.str(5, radius=True),
                         "certified nonzero": bool(diff > 0 or diff < 0)})
    return rows


def _volume_points() -> Iterator[Point]:
    for d, N, a in CASES_VOL:
        pt = exact_point(d, N, a)
        yield [pt["sigma"], N], {"d": d, "N": N, "sigma": pt["sigma"]}, _pt_density(pt, N)[0]


def _volume_symbolic() -> Iterator[tuple[Sequence[sp.Symbol], Point]]:
    """Balanced points with factor singular values a_i = t_i + ... + t_d (t > 0), sigma = a^N."""
    for d, N in CASES_VOL_SYMBOLIC:
        ts, a = _ordered(d)
        U, V = _rotation(d, 1), _rotation(d, 0)
        D2 = sp.diag(*[x**2 for x in a])
        pt = {"U": U, "V": V, "P": U * D2 * U.T, "Q": V * D2 * V.T, "sigma": tuple(x**N for x in a)}
        yield ts, ([pt["sigma"], N], {"d": d, "N": N, "sigma": pt["sigma"]}, _pt_density(pt, N)[0])


def check_volume_finite(density: Formula = vg.VOLUME_FINITE) -> CheckResult:
    r"""Judge Thm. 1.1 (as quoted).

    :math:`\sqrt{\det g^N} = N^{d(d-1)/2}\det(\Sigma^2)^{(1-N)/(2N)}\mathrm{van}(\Sigma^{2/N})`
    in SVD coordinates: the formula against |det J| / sqrt(det A_{N,W}) itself, exactly at rational
    points (d = 2, 3, several N), with an Arb cross-check at irrational sigma^{2/N}, and symbolically
    in sigma for the (d, N) of :data:`CASES_VOL_SYMBOLIC`; for every d and N when ``density`` is a
    product form in the indexed sigma (:func:`_conclude`; the default :data:`~vg.VOLUME_FINITE`)."""
    formula = density
    density = _callable(formula)
    method = "exact determinants: sqrt(det g) = |det J| / sqrt(det A_{N,W})"
    bad = _judge(density, _volume_points(), (), method)
    if bad is not None:
        return bad
    arb_table = _volume_arb(density)
    for row in arb_table:
        if row["certified nonzero"]:
            return CheckResult(Verdict.FAILS, Evidence(
                method="Arb enclosure of density - sqrt(det g) excludes 0", precision=f"{ARB_PREC} bits",
                counterexample={k: v for k, v in row.items() if k != "certified nonzero"}, notes=NOTE))
    bad = _judge(density, (), _volume_symbolic(), f"{method}, symbolic in sigma")
    return bad or _conclude(formula, "finite", [vg.d, vg.N], Evidence(
        method="exact: the density equals sqrt(det g) = |det J|/sqrt(det A_{N,W}) at rational points; "
        f"symbolic in sigma_1 > ... > sigma_d > 0 for (d, N) in {CASES_VOL_SYMBOLIC} "
        "(det g does not depend on U, V: equivariance)",
        precision="exact",
        residual="0",
        parameters={"(d, N, sigma)": [(d, N, tuple(x**N for x in a)) for d, N, a in CASES_VOL]},
        details={"Arb cross-check, d = 3, sigma = (3, 2, 1/2) (enclosures contain 0)": arb_table},
        notes="constant N^{d(d-1)/2} relative to dU dV with orthonormal omega_{il} (i < l) "
        "coordinates; " + NOTE,
        proof="proofs/paper2_geometry.py",
    ))


# ---------------------------------------------------------------- depth infinity
#: ordered rational points of the depth-infinity check (Arb-certified comparison)
POINTS_INF = ((R(3), R(2)), (R(4), R(3), R(2)), (R(5, 2), R(1, 3)))


def _infinity_density(sig: Sequence[sp.Expr]) -> sp.Expr:
    """sqrt(det g^inf) = |det J| / sqrt(det A_inf); A_inf has the eigenvalues sigma_l^2 and the log-means
    lambda_il = lambda_li (p2.limit.logmean), so sqrt(det A_inf) = prod sigma_l prod_{i<l} lambda_il
    (lambda_il > 0: x - y and log x - log y have the same sign; certified at rational points)."""
    d = len(sig)
    x = [s**2 for s in sig]
    lam = [g.eigenvalue_infinity(x[i], x[l]) for i, l in combinations(range(d), 2)]
    if all(s.is_Rational for s in sig) and any(certified_sign(v) != 1 for v in lam):  # pragma: no cover
        raise ArithmeticError(f"a log-mean eigenvalue at {sig} is not certified positive")
    return g.chart_density(_rotation(d, 1), _rotation(d, 0), sig)[0] / (sp.Mul(*sig) * sp.Mul(*lam))


def _infinity_symbolic() -> Iterator[tuple[Sequence[sp.Symbol], Point]]:
    for d in (2, 3):
        ts, sig = _ordered(d)
        yield ts, ([sig], {"d": d, "sigma": sig}, _infinity_density(sig))


def check_volume_infinity(density: Formula = vg.VOLUME_INFINITY) -> CheckResult:
    r"""Judge the depth-infinity volume :math:`\det(\Sigma^2)^{-1/2}\mathrm{van}(\log\Sigma^2)`:
    (i) against sqrt(det g^inf) = |det J| / sqrt(det A_inf) (the SVD chart and the log-mean spectrum),
    Arb-certified at rational points and symbolically on the ordered domain (d = 2, 3); (ii) as the
    N -> infinity limit of the finite-N density (series in h = 1/N, d = 2); (iii) for every d when
    ``density`` is a product form in the indexed sigma (:func:`_conclude`; the default
    :data:`~vg.VOLUME_INFINITY`)."""
    formula = density
    density = _callable(formula)
    method = "sqrt(det g^inf) = |det J| / (prod sigma_l prod_{i<l} lambda^inf_il)"
    points = (([sig], {"d": len(sig), "sigma": sig}, _infinity_density(sig)) for sig in POINTS_INF)
    bad = _judge(density, points, _infinity_symbolic(), method, undecided_points=True,
                 simplify=lambda e: sp.simplify(sp.expand_log(e, force=True)))
    if bad is not None:
        return bad
    # (ii) the limit of the finite-N density (p2.volume.finite) at N = 1/h, d = 2; sigma_i^2 = e^{X_i}
    h, X1, X2 = sp.symbols("h X1 X2", positive=True)
    sig2 = [sp.exp(X1 / 2), sp.exp(X2 / 2)]
    lead = sp.series(g.volume_density(sig2, 1 / h), h, 0, 1).removeO()
    try:
        claimed = call_formula(density, [sig2], where={"d": 2, "sigma^2": "e^X"}, scalar=True)
    except IllFormedFormula as err:
        return err.result(method)
    lim_ok = sp.simplify(lead - claimed.rewrite(sp.exp)) == 0
    evidence = Evidence(
        method="SymPy exact: density = |det J| / (prod sigma_l prod lambda^inf_il), symbolic in "
        "sigma_1 > ... > sigma_d > 0 (d = 2, 3), Arb-certified at rational points; series in h of the "
        "finite-N density (symdln.geometry.volume_density at N = 1/h, d = 2)",
        precision="exact",
        residual="0" if lim_ok else None,
        notes="uses the log-mean eigenvalues (p2.limit.logmean) and the SVD chart (p2.svd.jacobian); " + NOTE
        + ("" if lim_ok else "; the h -> 0 limit of the finite-N density did not simplify to it"),
    )
    if not lim_ok:
        return CheckResult(Verdict.INCONCLUSIVE, evidence)
    return _conclude(formula, "infinity", [vg.d], evidence)
