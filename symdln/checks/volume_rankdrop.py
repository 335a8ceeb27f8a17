r"""Checks of paper 2's volume near a rank drop: the finite-N density like sigma_min^{(1-N)/N}
(integrable), the depth-infinity density (the notes: like 1/sigma_min; computed: with a factor
(2 log(1/sigma_min))^{d-1}) and its divergence.

The density is a product over the singular values and their pairs for every d
(:mod:`symdln.checks.volume_general`), so sending the smallest singular value sigma_min to 0 with the
others fixed changes one factor t1(sigma_min) and d - 1 pair factors t2(sigma_i, sigma_min):
rho_d(sigma_1, ..., sigma_{d-1}, sigma_min) = rho_{d-1}(sigma_1, ..., sigma_{d-1}) t1(sigma_min)
prod_{i<d} t2(sigma_i, sigma_min).  The checks decide the limits of those factors for symbolic other
singular values and symbolic N, and so for every d.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import sympy as sp

from symdln import geometry as g
from symdln.certify.balls import certified_sign
from symdln.checks import volume_general as vg
from symdln.checks._identity import exact_fails as _fails
from symdln.verdict import CheckResult, Evidence, Verdict, corrected

__all__ = [
    "RANKDROP_SYMBOLS",
    "check_rankdrop_finite",
    "check_rankdrop_infinity",
    "check_rankdrop_infinity_integral",
    "d_",
    "judge_rankdrop_infinity",
    "rho_inf",
    "rho_rest",
    "sigma_min",
]

R = sp.Rational


# ---------------------------------------------------------------- near a rank drop
#: other singular values, by d, of the rank-drop checks
OTHERS = {2: (sp.Integer(3),), 3: (sp.Integer(4), sp.Integer(3))}


def _ratio_limit(exponent: Callable[[sp.Expr], sp.Expr], d: int, N: sp.Expr) -> sp.Expr | None:
    """lim_{sigma_min -> 0} rho_N / sigma_min^{exponent(N)}; sigma_min = t^N for an integer N (algebraic),
    sigma_min = t for a symbolic N; ``None`` if SymPy cannot decide it."""
    t = sp.Symbol("t", positive=True)
    smin = t**N if N.is_Integer else t
    try:
        rho = g.volume_density([*OTHERS[d], smin], N)
        return sp.limit(sp.simplify(rho / smin ** exponent(N)), t, 0, "+")
    except (NotImplementedError, TypeError, ValueError):
        return None


def _finite_positive(v: sp.Expr | None, N: sp.Symbol | None = None) -> bool:
    """v is finite and positive (for every positive N, if v depends on the symbol N): each factor is
    positive by SymPy's assumptions, or a difference p - q of positive terms with
    log p - log q = c / N and c > 0 certified (Arb), e.g. 16^{1/N} - 9^{1/N}."""
    if v is None or v.is_finite is not True:
        return False
    if v.is_positive:
        return True
    for f in sp.Mul.make_args(v) if N is not None else ():
        if f.is_positive:
            continue
        if not (f.is_Add and len(f.args) == 2):
            return False
        p, q = f.args if f.args[1].could_extract_minus_sign() else f.args[::-1]
        if not (p.is_positive and (-q).is_positive):
            return False
        c = sp.simplify(sp.expand_log(sp.log(p) - sp.log(-q), force=True) * N)
        if c.free_symbols or certified_sign(c) != 1:
            return False
    return N is not None


#: the split of the density at the smallest singular value, for every d
SPLIT = ("rho_d(sigma_1, ..., sigma_{d-1}, s) = rho_{d-1}(sigma_1, ..., sigma_{d-1}) t1(s) prod_{i<d} "
         "t2(sigma_i, s): the product over the singular values and their pairs (p2.volume.finite, "
         "p2.volume.infinity: scope general), its factors with index d set apart")


def _finite_general(exponent: Callable[[sp.Expr], sp.Expr]) -> tuple[dict[str, Any], str | None]:
    r"""The finite-N statement for every d, every other singular values and every N: with the density
    split at s = sigma_min (:data:`SPLIT`), rho_d / s^e = rho_{d-1} (t1(s)/s^e) prod_{i<d} t2(sigma_i, s);
    SymPy decides lim t1(s)/s^{e(N)} (symbolic N) and lim t2(a, s) = N a^{2/N} (symbolic a, N), both
    finite and positive, and rho_{d-1} > 0 (positive factors), so the ratio has a finite positive limit;
    integrable near 0 iff e(N) > -1 (e + 1 > 0 for symbolic N).  Returns the steps and ``None``, or the
    reason it is not proved."""
    truth = vg.factor_truth("finite")
    s, a = sp.symbols("s a", positive=True)
    try:
        e = sp.sympify(exponent(vg.N))
    except Exception:  # the formula under test need not accept a symbolic N
        return {}, "the exponent under test does not accept a symbolic N"
    if not isinstance(e, sp.Expr) or e.has(sp.Float) or e.free_symbols - {vg.N}:
        return {}, f"the exponent under test at a symbolic N is {e}, not an exact expression in N"
    try:
        lim_single = sp.limit(sp.simplify(sp.powsimp(truth.single.subs(vg.X, s) * s ** (-e))), s, 0, "+")
        lim_pair = sp.limit(truth.pair.subs({vg.A: a, vg.B: s}, simultaneous=True), s, 0, "+")
    except (NotImplementedError, TypeError, ValueError) as err:
        return {}, f"SymPy did not take a limit: {err}"
    margin = sp.simplify(e + 1)
    steps = {
        "t1(s) / s^e -> (s -> 0, symbolic N)": str(lim_single),
        "t2(a, s) -> (s -> 0, symbolic a, N)": str(lim_pair),
        "finite and positive": _finite_positive(lim_single, vg.N) and _finite_positive(lim_pair, vg.N),
        "t1, t2 > 0 on the ordered domain": vg.factors_positive(truth),
        "e + 1 (> 0: integrable)": str(margin),
    }
    ok = steps["finite and positive"] and steps["t1, t2 > 0 on the ordered domain"] and margin.is_positive
    undecided = "a step was not decided: " + "; ".join(f"{k}: {v}" for k, v in steps.items())
    return steps, None if ok else undecided


def check_rankdrop_finite(
    exponent: Callable[[sp.Expr], sp.Expr] = lambda N: (1 - sp.sympify(N)) / sp.sympify(N),
) -> CheckResult:
    r"""Judge: near a rank drop the finite-N density behaves like :math:`\sigma_{min}^{(1-N)/N}`
    (the ratio has a finite positive limit) and is integrable (exponent > -1).

    The limit at N = 2..5 and for symbolic N (other singular values (3), (4, 3)); then for every d, every
    other singular values and every N (:func:`_finite_general`, scope general); integrability for
    symbolic N."""
    for d in (2, 3):
        for N in (2, 3, 4, 5):
            ratio = _ratio_limit(exponent, d, sp.Integer(N))
            if not _finite_positive(ratio):
                return _fails("SymPy limit (algebraic, sigma_min = t^N)", {
                    "d": d, "N": N, "others": OTHERS[d], "lim rho / sigma_min^exponent": str(ratio)})
    Nn = sp.Symbol("N", positive=True, integer=True)
    general = {d: _ratio_limit(exponent, d, Nn) for d in (2, 3)}
    try:  # integrable at 0 iff the exponent exceeds -1
        margin = sp.simplify(exponent(Nn) + 1)
    except TypeError:  # a formula that only takes integers
        margin = None
    decided = all(_finite_positive(v, Nn) for v in general.values())
    steps, why = _finite_general(exponent)
    if margin is not None and margin.is_positive and why is None:
        return CheckResult(Verdict.HOLDS, Evidence(
            method="SymPy, every d, every other singular values sigma_1 > ... > sigma_{d-1} > sigma_min and "
            "every N: " + SPLIT + "; lim_{s -> 0} t1(s) / s^{exponent(N)} and lim t2(a, s) finite and "
            "positive (symbolic N, a), rho_{d-1} > 0, so rho_N / sigma_min^{exponent(N)} has a finite "
            "positive limit; exponent + 1 > 0 for symbolic N (integrable); cross-check: exact limits at "
            "N = 2..5 and for symbolic N at the other singular values (3), (4, 3)",
            precision="exact", margin=str(margin),
            details={"every d": steps,
                     "limit, symbolic N, at (3), (4, 3)": {d: str(v) for d, v in general.items()}},
            notes="the density's factors t1(s) = s^{(1-N)/N}, t2(a, s) = N (a^{2/N} - s^{2/N}) computed from "
            "the chart and the metric operator (symdln.checks.volume_general)",
            scope="general"))
    if margin is None or margin.is_positive is not True or not decided:
        for N in range(6, 25):  # look for a depth where the statement fails
            e = exponent(N)
            for d in (2, 3):
                ratio = _ratio_limit(exponent, d, sp.Integer(N))
                if not _finite_positive(ratio):
                    return _fails("SymPy limit (algebraic, sigma_min = t^N)", {
                        "d": d, "N": N, "exponent": str(e), "lim rho / sigma_min^exponent": str(ratio)})
            if not e > -1:
                return _fails("exact exponent", {"N": N, "exponent": str(e)}, notes="not integrable")
        return CheckResult(Verdict.INCONCLUSIVE, Evidence(
            "SymPy limits at N = 2..24",
            details={"symbolic-N limits": {d: str(v) for d, v in general.items()}, "margin": str(margin)},
            notes="the asymptotic and the exponent hold at N = 2..24, but are not decided for symbolic N"))
    return CheckResult(
        Verdict.HOLDS,
        Evidence(
            method="SymPy exact limits rho_N / sigma_min^{exponent(N)} as sigma_min -> 0 for symbolic N and "
            "at N = 2..5 (d = 2, 3; other singular values (3) and (4, 3)); exponent + 1 > 0 for symbolic N",
            precision="exact",
            margin=str(margin),
            details={"limit, symbolic N": {d: str(v) for d, v in general.items()}},
            notes="the asymptotic at the listed other singular values; integrable near 0 for every N; "
            f"why not general: {why}",
            scope="instances",
        ),
    )


def check_rankdrop_infinity(
    asymptotic: Callable[[sp.Expr, int], sp.Expr] = lambda s, d: 1 / s,
) -> CheckResult:
    r"""Judge: near a rank drop the depth-infinity density behaves like :math:`1/\sigma_{min}` (not
    integrable).  Printed asymptotic vs the exact density; correction with the logarithmic factor."""
    u = sp.Symbol("u", positive=True)  # sigma_min = e^{-u}, u -> infinity
    cex: dict[str, Any] = {}
    for d in (2, 3):
        others = list(OTHERS[d])
        rho = g.volume_density_infinity([*others, sp.exp(-u)])
        ratio = sp.limit(sp.expand_log(sp.simplify(rho / asymptotic(sp.exp(-u), d)), force=True), u, sp.oo)
        if not _finite_positive(ratio):
            cex = {
                "d": d,
                "others": others,
                "lim_{sigma_min -> 0} rho_inf / claimed": str(ratio),
                "rho_inf(sigma_min = e^{-u}) / claimed": str(
                    sp.simplify(sp.expand_log(rho / asymptotic(sp.exp(-u), d), force=True))
                ),
            }
            break
    printed_ok = not cex
    # the correction: rho_inf ~ (2 log(1/sigma_min))^{d-1} rho_inf(sigma_1..sigma_{d-1}) / sigma_min
    corr_ok = True
    diverges = True
    for d in (2, 3):
        others = list(sp.symbols(f"o1:{d}", positive=True))  # symbolic other singular values
        rho = g.volume_density_infinity([*others, sp.exp(-u)])
        base = g.volume_density_infinity(others) if d > 1 else 1
        lim = sp.limit(sp.cancel(sp.expand_log(rho * sp.exp(-u) / (2 * u) ** (d - 1) / base, force=True)),
                       u, sp.oo)
        corr_ok = corr_ok and lim == 1
        s = sp.Symbol("s", positive=True)
        rho_s = sp.expand_log(g.volume_density_infinity([*OTHERS[d], s]), force=True)
        diverges = diverges and sp.integrate(rho_s, (s, 0, sp.Rational(1, 2))) is sp.oo
    if printed_ok:
        return CheckResult(
            Verdict.HOLDS if diverges else Verdict.INCONCLUSIVE,
            Evidence(method="SymPy limits", precision="exact", scope="instances",
                     notes="why not general: d = 2, 3 at fixed other singular values only"),
        )
    printed = _fails(
        "SymPy exact limit (sigma_min = e^{-u}, u -> oo)",
        cex,
        notes="sigma_min rho_inf = 2 log(sigma_1/sigma_min)/sigma_1 (d = 2) is unbounded",
    )
    good = CheckResult(
        Verdict.HOLDS if corr_ok and diverges else Verdict.INCONCLUSIVE,
        Evidence(
            method="SymPy exact limits, d = 2, 3, symbolic other singular values o_1 > ... > o_{d-1} > 0 "
            "(sigma_min = e^{-u}, u -> oo); the improper integral int_0^{1/2} rho_inf dsigma_min = oo at "
            "others (3) and (4, 3)",
            precision="exact",
            residual="0",
            notes="why not general: the limits are taken for d = 2, 3 only (symbolic other singular values); "
            "the missing step: an induction on d over rho_d = rho_{d-1}(others) x sigma_min^{-1} x "
            "prod_i log(sigma_i^2/sigma_min^2) (each log ~ 2 log(1/sigma_min))",
            scope="instances",
        ),
    )
    return corrected(
        printed,
        good,
        "for d = 2, 3: rho_inf(Sigma) ~ (2 log(1/sigma_min))^{d-1} rho_inf(sigma_1..sigma_{d-1}) / sigma_min "
        "as sigma_min -> 0, the other singular values fixed and distinct (exactly 1/sigma_min only for "
        "d = 1); not integrable",
    )


# ------------------------------------------------------------ judging a rank-drop formula (depth infinity)
#: the depth-infinity density at Sigma = diag(sigma_1, ..., sigma_{d-1}, sigma_min)
rho_inf = sp.Symbol("rho_inf", positive=True)
#: the depth-infinity density of the other singular values diag(sigma_1, ..., sigma_{d-1})
rho_rest = sp.Symbol("rho_rest", positive=True)
#: the smallest singular value, sent to 0
sigma_min = sp.Symbol("sigma_min", positive=True)
#: the size of the d x d matrices
d_ = vg.d
RANKDROP_SYMBOLS = (rho_inf, rho_rest, sigma_min, d_)

#: the other singular values (fixed, distinct) at which a rank-drop formula is judged, by d
OTHERS_JUDGE: dict[int, tuple[tuple[sp.Expr, ...], ...]] = {
    2: ((sp.Integer(3),), (R(1, 2),)),
    3: ((sp.Integer(4), sp.Integer(3)), (R(5, 2), R(1, 3))),
    4: ((sp.Integer(5), sp.Integer(4), sp.Integer(2)),),
}


def _infinity_split() -> dict[str, bool]:
    r"""The factors of the depth-infinity density at s = sigma_min = e^{-u} (:data:`SPLIT`):
    t1(e^{-u}) = e^u and t2(a, e^{-u}) = 2u (1 + log(a)/u), where 1 + log(a)/u -> 1 (u -> oo, symbolic a)
    and is positive for s < a; so rho_inf = rho_rest e^u (2u)^{d-1} q(u) with q(u) = prod_{i<d}
    (1 + log(sigma_i)/u) > 0, q -> 1, for every d.

    >>> all(_infinity_split().values())
    True
    """
    truth = vg.factor_truth("infinity")
    u, a, z = sp.symbols("u a z", positive=True)
    t2 = sp.expand_log(truth.pair.subs({vg.A: a, vg.B: sp.exp(-u)}, simultaneous=True))
    factor = 1 + sp.log(a) / u
    return {
        "t1(e^-u) = e^u": sp.simplify(truth.single.subs(vg.X, sp.exp(-u)) - sp.exp(u)) == 0,
        "t2(a, e^-u) = 2u (1 + log(a)/u)": sp.simplify(t2 - 2 * u * factor) == 0,
        "1 + log(a)/u -> 1": sp.limit(factor, u, sp.oo) == 1,
        "1 + log(a)/u > 0 for a = e^-u (1 + z) > e^-u": bool(
            sp.simplify(sp.expand_log(factor.subs(a, sp.exp(-u) * (1 + z)))).is_positive),
        "rho_rest > 0": vg.factors_positive(truth),
    }


#: d at which a formula whose limits are known for every d but that is not proved true for every d is
#: evaluated (the limits at symbolic d, d set); d = 1 (no other singular value, rho_rest = 1) last
WITNESS_DEPTHS = (*range(2, 9), 1)


def _judge_general(formula: sp.Basic, limits: list[sp.Limit]) -> tuple[dict[str, Any], str | None]:
    r"""The formula for every d and every other singular values: each limit's expression with
    rho_inf = rho_rest e^u (2u)^{d-1} q and sigma_min = e^{-u} (:func:`_infinity_split`; d, rho_rest > 0
    and q > 0 symbolic) must simplify to h(q), free of u, continuous at q = 1 (two-sided SymPy limits equal
    to h(1), finite): then its limit is h(1), since q(u) -> 1; the formula with those values must simplify
    to true for symbolic d and rho_rest.  Returns the steps and ``None``, or the reason it is not proved;
    when the limits are known for every d but the formula is not decided, the steps hold a
    ``"counterexample"`` if it is false at one of :data:`WITNESS_DEPTHS` whatever rho_rest."""
    split = _infinity_split()
    if not all(split.values()):
        return {}, f"a step of the split of the density failed: {split}"
    u, q = sp.symbols("u q", positive=True)
    put = {rho_inf: rho_rest * sp.exp(u) * (2 * u) ** (d_ - 1) * q, sigma_min: sp.exp(-u)}
    values: dict[sp.Basic, sp.Expr] = {}
    for lim in limits:
        h = sp.simplify(sp.expand_log(sp.powsimp(lim.args[0].xreplace(put))))
        if u in h.free_symbols:
            return {}, (f"{sp.sstr(lim.args[0])} with the density put in is {h}, not a function of the "
                        "factor q -> 1 alone (it keeps sigma_min = e^-u)")
        v = h.subs(q, 1)
        try:
            continuous = v.is_finite and all(sp.limit(h, q, 1, side) == v for side in ("+", "-"))
        except (NotImplementedError, ValueError, TypeError):
            continuous = False
        if not continuous:
            return {}, f"{sp.sstr(lim.args[0])} with the density put in is {h}: not shown continuous at q = 1"
        values[lim] = v
    value = sp.simplify(formula.xreplace(values))
    steps = {"split": split, "limits, every d": {sp.sstr(k): str(v) for k, v in values.items()}}
    if value is not sp.true:
        for k in WITNESS_DEPTHS:
            if sp.simplify(formula.xreplace(values).subs(d_, k)) is sp.false:
                steps["counterexample"] = {"d": k, "limits": {sp.sstr(lim): str(v.subs(d_, k))
                                                              for lim, v in values.items()},
                                           "others": "any fixed distinct values (the limits hold for all)"}
                break
        return steps, f"with the limits for symbolic d the formula is {value}, not decided true for every d"
    return steps, None


def _limit_at_zero(expr: sp.Expr) -> sp.Expr:
    """lim_{sigma_min -> 0+} expr, computed at sigma_min = e^{-u}, u -> oo (logarithms expanded)."""
    u = sp.Symbol("u", positive=True)
    e = sp.expand_log(sp.powsimp(expr.subs(sigma_min, sp.exp(-u))), force=True)
    return sp.limit(sp.simplify(e), u, sp.oo)


def judge_rankdrop_infinity(formula: sp.Basic) -> CheckResult:
    r"""Judge a statement of the behaviour of the depth-infinity density near a rank drop: a relation (or
    logical formula) in limits ``Limit(E, sigma_min, 0, '+')``, E an expression in ``rho_inf`` (the
    density at diag(sigma_1, ..., sigma_{d-1}, sigma_min)), ``rho_rest`` (the density at diag(sigma_1, ...,
    sigma_{d-1})), ``sigma_min`` and ``d``.

    Truth, computed without the formula: the density det(Sigma^2)^{-1/2} van(log Sigma^2) (p2.volume.infinity)
    at the fixed distinct other singular values of :data:`OTHERS_JUDGE` (d = 2, 3, 4), put into E; each
    limit computed exactly by SymPy at sigma_min = e^{-u}, u -> oo.  FAILS at the first point where the
    formula is false, INCONCLUSIVE where a limit is not decided.  Then for every d and every other
    singular values (:func:`_judge_general`): HOLDS with scope general when the limits, taken for
    symbolic d, make the formula true; FAILS when they make it false at some d; else HOLDS on the
    listed points, with the reason.

    >>> judge_rankdrop_infinity(sp.Eq(sp.Limit(sigma_min * rho_inf / rho_rest, sigma_min, 0, "+"), 1)
    ...                         ).evidence.counterexample["limits"].popitem()[1]
    'oo'
    """
    from symdln.correction import FormulaError

    if isinstance(formula, sp.Expr):
        raise FormulaError("p2.volume.rankdrop.infinity judges a relation on limits, not an expression")
    extra = sorted(str(x) for x in formula.free_symbols - set(RANKDROP_SYMBOLS))
    if extra:
        raise FormulaError(f"unknown symbol {extra[0]!r} (the symbols are: d, rho_inf, rho_rest, sigma_min)")
    limits = sorted(formula.atoms(sp.Limit), key=sp.default_sort_key)
    for lim in limits:
        _, var, point, direction = lim.args
        if var != sigma_min or point != 0 or str(direction) != "+":
            raise FormulaError(f"{sp.sstr(lim)}: a limit here is sigma_min -> 0+ "
                               "(Limit(E, sigma_min, 0, '+'))")
    if rho_inf not in formula.free_symbols or sigma_min in formula.subs(
            {lim: sp.Dummy() for lim in limits}).free_symbols:
        raise FormulaError("the formula states the limit as sigma_min -> 0+ of an expression in rho_inf: "
                           "Limit(E, sigma_min, 0, '+'), with sigma_min only inside limits")
    method = ("SymPy exact limits (sigma_min = e^{-u}, u -> oo) of the expressions of the formula, the "
              "depth-infinity density det(Sigma^2)^{-1/2} van(log Sigma^2) put in")
    table = []
    for d, cases in OTHERS_JUDGE.items():
        for others in cases:
            sub = {rho_inf: g.volume_density_infinity([*others, sigma_min]),
                   rho_rest: g.volume_density_infinity(list(others)), d_: d}
            values = {}
            for lim in limits:
                try:
                    values[lim] = _limit_at_zero(lim.args[0].subs(sub))
                except (NotImplementedError, ValueError, TypeError, RecursionError):
                    values[lim] = None
            shown = {sp.sstr(k): (None if v is None else str(v)) for k, v in values.items()}
            where = {"d": d, "others": [str(o) for o in others], "limits": shown}
            if any(v is None or v.has(sp.Limit, sp.AccumBounds, sp.nan) for v in values.values()):
                return CheckResult(Verdict.INCONCLUSIVE, Evidence(
                    method, parameters=where, notes="SymPy did not decide a limit at this point"))
            value = formula.subs(values).subs(sub)
            if value not in (sp.true, sp.false):
                value = sp.simplify(value)
            if value not in (sp.true, sp.false):
                return CheckResult(Verdict.INCONCLUSIVE, Evidence(
                    method, parameters=where,
                    notes=f"the formula did not evaluate to true or false: {value}"))
            if value is sp.false:
                return _fails(method, where)
            table.append(where)
    parameters = {"d, other singular values": {d: [[str(o) for o in c] for c in cs]
                                               for d, cs in OTHERS_JUDGE.items()}}
    steps, why = _judge_general(formula, limits)
    if "counterexample" in steps:
        return _fails("SymPy, every d: the limits of the formula for symbolic d and other singular values "
                      "(" + SPLIT + "), evaluated at the d of the counterexample", steps["counterexample"],
                      notes=why)
    if why is None:
        return CheckResult(Verdict.HOLDS, Evidence(
            method="SymPy, every d and every other singular values sigma_1 > ... > sigma_{d-1} > sigma_min: "
            + SPLIT + "; at sigma_min = e^{-u}, rho_inf = rho_rest e^u (2u)^{d-1} q(u), q(u) = prod_{i<d} "
            "(1 + log(sigma_i)/u) -> 1; each limit of the formula is h(1) for its expression h(q) (free of "
            "u, continuous at q = 1), and the formula is true for symbolic d and rho_rest; cross-check: "
            + method + " at the listed d and other singular values",
            precision="exact", residual="0", parameters=parameters,
            details={"every d": steps, "points": table}, scope="general"))
    return CheckResult(Verdict.HOLDS, Evidence(
        method=method, precision="exact", residual="0", parameters=parameters,
        details={"points": table}, scope="instances", notes=f"why not general: {why}"))


def _integral_general() -> dict[str, bool]:
    r"""The divergence for every d and every other singular values: with m = sigma_{d-1} the smallest of
    them, on 0 < s <= m/e each pair factor t2(sigma_i, s) >= 2 (s = m e^{-1-w}, sigma_i = m (1 + z),
    w, z >= 0), t1(s) = 1/s and rho_rest > 0, so rho_d(s) >= c/s with c = 2^{d-1} rho_rest > 0, and
    int_0^b c/s ds = oo for every c, b > 0 (b = min(s_0, m/e): any upper end s_0 in (0, m]).

    >>> all(_integral_general().values())
    True
    """
    truth = vg.factor_truth("infinity")
    m, c, b, s = sp.symbols("m c b s", positive=True)
    w, z = sp.symbols("w z", nonnegative=True)
    t2 = sp.expand_log(truth.pair.subs({vg.A: m * (1 + z), vg.B: m * sp.exp(-1 - w)}, simultaneous=True))
    return {
        "t2(sigma_i, s) - 2 >= 0 for s <= m/e, sigma_i >= m": bool(sp.simplify(t2 - 2).is_nonnegative),
        "t1(s) = 1/s": sp.simplify(truth.single.subs(vg.X, s) - 1 / s) == 0,
        "rho_rest > 0": vg.factors_positive(truth),
        "int_0^b c/s ds = oo (c, b > 0)": sp.integrate(c / s, (s, 0, b)) is sp.oo,
    }


def check_rankdrop_infinity_integral() -> CheckResult:
    r"""The depth-infinity density is not integrable near a rank drop: for every d and every other
    singular values, :math:`\int_0^{s_0}\rho_\infty\,d\sigma_{min} = \infty` for every
    :math:`s_0 \in (0, \sigma_{d-1}]` (:func:`_integral_general`, scope general); cross-check: the exact
    improper integral over (0, 1/2] at the other singular values (3) and (4, 3)."""
    s = sp.Symbol("s", positive=True)
    values = {}
    for d in (2, 3):
        rho_s = sp.expand_log(g.volume_density_infinity([*OTHERS[d], s]), force=True)
        values[d] = sp.integrate(rho_s, (s, 0, R(1, 2)))
    ok = all(v is sp.oo for v in values.values())
    lemmas = _integral_general()
    if ok and all(lemmas.values()):
        return CheckResult(Verdict.HOLDS, Evidence(
            method="SymPy, every d and every other singular values sigma_1 > ... > sigma_{d-1} = m > 0: "
            + SPLIT + "; on 0 < s <= m/e every t2(sigma_i, s) >= 2 and t1(s) = 1/s, so rho_inf >= "
            "2^{d-1} rho_rest / s, and int_0^b c/s ds = oo for every c, b > 0; cross-check: the exact "
            "improper integral over (0, 1/2] at the other singular values (3) and (4, 3)",
            precision="exact",
            details={"every d": lemmas, "integral, by d": {d: str(v) for d, v in values.items()}},
            scope="general"))
    return CheckResult(Verdict.HOLDS if ok else Verdict.INCONCLUSIVE, Evidence(
        method="SymPy exact improper integral of the depth-infinity density in sigma_min over (0, 1/2]",
        precision="exact", details={"integral, by d": {d: str(v) for d, v in values.items()}},
        scope="instances",
        notes=f"why not general: a step of the bound for every d was not decided: {lemmas}"))
