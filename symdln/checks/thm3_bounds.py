r"""Thm. 3 of paper 1, eq. (23): bounds on the discrete iterates, judged as formulas.

A statement about the iterates is a SymPy Boolean in the symbols ``t``,
``w_0``, ``sigma``, ``lambda``, ``eta`` and ``w_t`` (the exact iterate
:math:`w^{(t)}` of the derived product recursion
:math:`w' = w(1 + \eta(\sigma - \lambda w))^2`, for every integer t >= 0):

* ``w_t <= B`` (an upper bound), ``w_t >= B`` (a lower bound), strict or not;
* ``Implies(H, ...)``: the bound is claimed where the condition H on the
  parameters holds (inside the printed domain :data:`PRINTED_DOMAIN`);
* ``And(...)`` of such statements;
* ``Equivalent(H, w_t <= B)``: the bound holds for all t exactly where H does.

The same two checks judge the printed formula, its correction and any
formula a user proposes; neither knows which it is given.

:func:`judge_iterates`
    searches a certified counterexample on exact rational iterates over the
    parameter grid (and the boundary of every condition), and proves the
    statement for all t and all parameters by induction on
    :math:`u = 1/w - \lambda/\sigma` when the bound has the shape
    :math:`1/B - \lambda/\sigma = u_0 g^t`: the one-step facts of the
    recursion (:func:`symdln.checks.discrete.one_step_lemma`,
    :func:`symdln.checks.discrete_overshoot.overshoot_lemma`) reduce it to
    inequalities on the rate g over each region, which z3 proves for the g
    *derived from the formula under test*.  For an "iff", the converse is
    proved at t = 1 by z3 where it can be, and otherwise shown on every grid
    point outside the condition (counted).
:func:`judge_horizon`
    certified float64 endpoint iteration of u against :math:`u_0 g^t` over
    100 parameter sets and :math:`10^5` steps, with g enclosed by Arb.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from fractions import Fraction
from functools import lru_cache
from typing import Any

import sympy as sp

from symdln import notation as nt
from symdln.correction import FormulaError
from symdln.discrete import product_step
from symdln.verdict import CheckResult, Evidence, Verdict

__all__ = [
    "PRINTED_DOMAIN",
    "SYMBOLS",
    "Clause",
    "clauses",
    "geometric_rate",
    "induction",
    "judge_horizon",
    "judge_iterates",
    "truth_function",
]

PROOF = "proofs/discrete_thm3.py"
T, W0, LAM, ETA, WT = nt.t, nt.w0, nt.lam, nt.eta, nt.w_t
#: sigma_i >= 0: the sigma = 0 branch of Thm. 3 writes its statements in this symbol
SIGMA0 = sp.Symbol("sigma", nonnegative=True)
SIG = SIGMA0  # internally every statement is in the non-negative sigma
#: the symbols a Thm. 3 statement is written in, for the modes sigma_i > 0 and for r_xy <= i <= r_x
SYMBOLS = {"sigma > 0": (T, W0, nt.sigma, LAM, ETA, WT), "sigma >= 0": (T, W0, SIGMA0, LAM, ETA, WT)}
S, X0 = ETA * SIG, ETA * LAM * W0
Y0 = S - X0
#: the printed hypotheses of Thm. 3 (lambda, eta, w_0 > 0 are the symbols' assumptions): for the
#: modes 1 <= i <= r_xy (sigma_i > 0) and for r_xy <= i <= r_x (the sigma = 0 branch's printed range)
PRINTED_DOMAIN = {"sigma > 0": sp.And(W0 < 1, 2 * ETA * SIG < 1, SIG > 0),
                  "sigma >= 0": sp.And(W0 < 1, 2 * ETA * SIG < 1)}
_POSITIVE = sp.And(LAM > 0, ETA > 0, W0 > 0)
#: exact iterates are compared with the bound for t = 0..TMAX
TMAX = 6
R = sp.Rational


@dataclass(frozen=True)
class Clause:
    """One bound of a statement: ``w_t <= bound`` (side "upper") or ``>=`` ("lower") where
    ``hypothesis`` holds; ``iff``: the bound holds for all t exactly where the hypothesis does."""

    hypothesis: sp.Basic
    side: str
    bound: sp.Expr
    strict: bool = False
    iff: bool = False
    #: for an "iff": the condition under which the equivalence is claimed (an outer Implies)
    within: sp.Basic = sp.true

    def describe(self) -> str:
        op = {("upper", False): "<=", ("upper", True): "<", ("lower", False): ">=",
              ("lower", True): ">"}[self.side, self.strict]
        text = f"w_t {op} {sp.sstr(self.bound)}"
        if self.iff:
            return f"{text} iff {sp.sstr(self.hypothesis)}"
        return text if self.hypothesis is sp.true else f"{text} if {sp.sstr(self.hypothesis)}"


def _internal(statement: sp.Basic) -> sp.Basic:
    """The statement in the non-negative sigma used inside this module."""
    return statement.xreplace({nt.sigma: SIG})


def _relation(rel: sp.Basic) -> tuple[str, sp.Expr, bool]:
    if not isinstance(rel, (sp.Le, sp.Lt, sp.Ge, sp.Gt)):
        raise FormulaError(f"a bound is w_t <= B or w_t >= B, not {sp.sstr(rel)}")
    lhs, rhs = rel.lhs, rel.rhs
    upper = isinstance(rel, (sp.Le, sp.Lt))
    if rhs == WT and lhs != WT:
        lhs, rhs, upper = rhs, lhs, not upper
    if lhs != WT or WT in rhs.free_symbols:
        raise FormulaError(f"a bound has w_t alone on one side: {sp.sstr(rel)}")
    return ("upper" if upper else "lower"), rhs, isinstance(rel, (sp.Lt, sp.Gt))


def clauses(statement: sp.Basic, hypothesis: sp.Basic = sp.true) -> tuple[Clause, ...]:
    """The bounds a statement makes, each with its condition.

    >>> [c.describe() for c in clauses(sp.Implies(W0 <= SIG / LAM, WT <= 1))]
    ['w_t <= 1 if w_0 <= sigma/lambda']
    >>> clauses(WT + 1)
    Traceback (most recent call last):
    ...
    symdln.correction.FormulaError: a statement about the iterates is a bound w_t <= B, ...
    """
    statement = _internal(statement)
    extra = statement.free_symbols - {T, W0, SIG, LAM, ETA, WT}
    if extra:
        raise FormulaError(f"unknown symbols {sorted(map(str, extra))}: a Thm. 3 statement is in "
                           "t, w_0, sigma, lambda, eta and w_t")
    if isinstance(statement, sp.And):
        return tuple(c for a in statement.args for c in clauses(a, hypothesis))
    if isinstance(statement, (sp.Implies, sp.Equivalent)):
        if len(statement.args) != 2:
            raise FormulaError("Equivalent takes a condition and one bound")
        h, body = statement.args
        if isinstance(statement, sp.Equivalent) and isinstance(h, sp.core.relational.Relational) \
                and WT in h.free_symbols:
            h, body = body, h
        if {WT, T} & h.free_symbols:
            raise FormulaError(f"a condition is on the parameters, not on w_t or t: {sp.sstr(h)}")
        inner = clauses(body, sp.And(hypothesis, h))
        if isinstance(statement, sp.Equivalent):
            if len(inner) != 1:
                raise FormulaError("Equivalent(H, w_t <= B) takes one bound")
            c = inner[0]
            return (Clause(c.hypothesis, c.side, c.bound, c.strict, iff=True, within=hypothesis),)
        return inner
    if isinstance(statement, sp.core.relational.Relational):
        side, bound, strict = _relation(statement)
        return (Clause(hypothesis, side, bound, strict),)
    raise FormulaError("a statement about the iterates is a bound w_t <= B, w_t >= B, "
                       "Implies(condition, bound), Equivalent(condition, bound) or And(...) of them; "
                       f"got {sp.sstr(statement)}")


# ---------------------------------------------------------------------------------------------
# parameter points


_SIGN_HOLDS: dict[type, Callable[[int], bool]] = {
    sp.Lt: lambda v: v < 0, sp.Le: lambda v: v <= 0, sp.Gt: lambda v: v > 0, sp.Ge: lambda v: v >= 0,
    sp.Eq: lambda v: v == 0, sp.Ne: lambda v: v != 0}


def truth_function(h: sp.Basic) -> Callable[[dict[str, sp.Expr]], bool | None]:
    """The truth of the condition ``h`` at a parameter point (keys ``w0``, ``sigma``, ``lambda``,
    ``eta``; rational or exact algebraic values): exact for rational comparisons, certified by Arb
    otherwise; ``None`` when undecided.

    >>> point = {"w0": 1, "sigma": sp.sqrt(2), "lambda": 1, "eta": sp.Rational(1, 3)}
    >>> truth_function(ETA * SIG < sp.Rational(1, 2))(point)
    True
    """
    from symdln.certify.balls import certified_sign
    from symdln.certify.exact import NotRational, rational_function

    atoms = sorted(h.atoms(sp.core.relational.Relational), key=sp.default_sort_key)
    diffs = [a.lhs - a.rhs for a in atoms]
    fast = [rational_function(d, [W0, SIG, LAM, ETA]) for d in diffs]
    dummies = sp.symbols(f"b0:{len(atoms)}")
    skeleton = h.xreplace(dict(zip(atoms, dummies, strict=True)))

    def sign_of(d: sp.Expr, f: Callable[..., Fraction], values: list[sp.Expr],
                qs: tuple[Fraction, ...] | None) -> int | None:
        if qs is not None:
            try:
                q = f(*qs)
                return (q > 0) - (q < 0)
            except NotRational:
                pass
        x = d.xreplace(dict(zip((W0, SIG, LAM, ETA), values, strict=True)))
        return (0 if x == 0 else (1 if x > 0 else -1)) if x.is_Rational else certified_sign(x)

    def truth(p: dict[str, sp.Expr]) -> bool | None:
        values = [sp.Rational(p[k]) if isinstance(p[k], (int, Fraction)) else p[k]
                  for k in ("w0", "sigma", "lambda", "eta")]
        qs = (tuple(Fraction(int(v.p), int(v.q)) for v in values) if all(v.is_Rational for v in values)
              else None)
        signs = {}
        for a, d, f, b in zip(atoms, diffs, fast, dummies, strict=True):
            try:
                sign = sign_of(d, f, values, qs)
            except ZeroDivisionError:
                return None
            if sign is None:
                return None
            signs[b] = _SIGN_HOLDS[type(a)](sign)
        v = skeleton.xreplace({b: sp.true if val else sp.false for b, val in signs.items()})
        return None if v not in (sp.true, sp.false) else bool(v)

    return truth


def _key(p: dict[str, Any]) -> dict[sp.Symbol, sp.Rational]:
    return {W0: p["w0"], SIG: p["sigma"], LAM: p["lambda"], ETA: p["eta"]}


@lru_cache(maxsize=2)
def _grid(domain: str = "sigma > 0") -> tuple[dict[str, sp.Rational], ...]:
    """The candidate grid of the printed domain (smallest heights first); for "sigma >= 0" the
    sigma = 0 points first."""
    from symdln.checks.discrete import candidates

    if domain == "sigma >= 0":
        return (*candidates(sigma_zero=True), *candidates())
    return tuple(candidates())


@lru_cache(maxsize=32)
def _grid_within(within: sp.Basic, domain: str) -> tuple[dict[str, sp.Rational], ...]:
    """The grid points of the printed ``domain`` where ``within`` holds (certified; an undecided
    point is left out), shared by every statement judged with the same ``within``."""
    in_domain = truth_function(sp.And(PRINTED_DOMAIN[domain], within))
    return tuple(p for p in _grid(domain) if in_domain(p))


def _boundary(h: sp.Basic, domain: str) -> list[dict[str, sp.Rational]]:
    """Points of the printed domain on the boundary of the condition ``h``: every comparison in
    it made an equation, polynomial in lambda, and its positive rational roots found at the grid
    values of (sigma, eta, w_0)."""
    out: list[dict[str, sp.Rational]] = []
    base = sorted({(p["sigma"], p["eta"], p["w0"]) for p in _grid(domain)})
    for rel in sorted(h.atoms(sp.core.relational.Relational), key=sp.default_sort_key):
        num = sp.numer(sp.together(rel.lhs - rel.rhs))
        if LAM not in num.free_symbols or not num.is_polynomial(LAM):
            continue
        coeffs = sp.Poly(num, LAM).all_coeffs()
        for sigma, eta, w0 in base:
            cs = [sp.sympify(c).xreplace({SIG: sigma, ETA: eta, W0: w0}) for c in coeffs]
            if not all(c.is_Rational for c in cs) or all(c == 0 for c in cs):
                continue
            for lam in sp.Poly(cs, LAM, domain=sp.QQ).ground_roots():
                if lam > 0:
                    out.append({"sigma": sigma, "lambda": lam, "eta": eta, "w0": w0})
    return out


def _points(clause: Clause, domain: str,
            ) -> tuple[list[dict[str, sp.Rational]], list[dict[str, sp.Rational]], int]:
    """(points of the printed domain where the condition holds, where it does not (within the
    condition of an "iff"), undecided count): the grid, then the boundary points of the condition."""
    inside, outside, undecided = [], [], 0
    truth = truth_function(clause.hypothesis)
    in_domain = truth_function(sp.And(PRINTED_DOMAIN[domain], clause.within))
    boundary = [p for p in _boundary(clause.hypothesis, domain) if in_domain(p)]
    for p in (*_grid_within(clause.within, domain), *boundary):
        v = truth(p)
        if v is None:
            undecided += 1
        elif v:
            inside.append(p)
        else:
            outside.append(p)
    return inside, outside, undecided


# ---------------------------------------------------------------------------------------------
# counterexamples on exact iterates


def _bound_function(bound: sp.Expr) -> Callable[..., Any]:
    """Exact evaluation of the bound (xreplace keeps rationals exact; lambdify would print 1/2
    as a float division)."""
    def value(t: sp.Integer, w0: Any, sigma: Any, lam: Any, eta: Any) -> sp.Basic:
        return bound.xreplace({T: t, W0: w0, SIG: sigma, LAM: lam, ETA: eta})

    return value


def _violated(side: str, strict: bool, b: sp.Basic, w: sp.Rational) -> tuple[bool | None, str]:
    """Whether ``w`` violates the bound value ``b`` (None: undecided), and how it was decided."""
    from symdln.certify.balls import certified_sign

    b = sp.sympify(b)
    if b.has(sp.zoo, sp.nan, sp.oo, -sp.oo) or b.is_real is False:
        return True, "the bound is not a finite real number here"
    diff = b - w
    sign: int | None
    if diff.is_Rational:
        sign, how = (0 if diff == 0 else (1 if diff > 0 else -1)), "exact rational"
    else:
        try:
            sign, how = certified_sign(diff), "arb enclosure"
        except TypeError:
            return None, "not enclosable"
        if sign is None:
            return None, "undecided by arb"
    bad = sign < 0 or (strict and sign == 0) if side == "upper" else sign > 0 or (strict and sign == 0)
    return bad, how


@lru_cache(maxsize=4096)
def _orbit(q: tuple[Fraction, Fraction, Fraction, Fraction], tmax: int) -> tuple[Fraction, ...]:
    """The exact iterates w^{(0)}, ..., w^{(tmax + 1)} of the product recursion from
    ``q = (w_0, sigma, lambda, eta)``; they do not depend on the statement judged, so the
    statements judged at one point share them."""
    ws = [q[0]]
    for _ in range(tmax + 1):
        ws.append(product_step(ws[-1], *q[1:]))
    return tuple(ws)


#: a z3 model's orbit is followed exactly while its numbers have at most this many bits (the
#: product recursion is cubic: the size triples at every step, so 64 steps are never reached)
MAX_BITS = 1 << 14


def first_violation(clause: Clause, points: Iterable[dict[str, sp.Rational]], tmax: int = TMAX,
                    max_bits: int | None = None) -> tuple[dict[str, Any] | None, int]:
    """The first (t, point), t smallest first, where the exact iterate violates the clause's
    bound (certified), and the number of undecided comparisons.

    Iterates and rational bounds are exact Fractions; a bound with exp, sqrt, ... is evaluated
    by SymPy and its sign against the iterate certified by Arb.  With ``max_bits``, a point whose
    iterate outgrows it is followed no further (a search for a violation, used on z3 models: nothing
    is concluded from the steps not taken); without it every point is followed to ``tmax``."""
    from symdln.certify.exact import NotRational, rational_function

    fast = rational_function(clause.bound, [T, W0, SIG, LAM, ETA])
    slow = _bound_function(clause.bound)
    pts = list(points)
    qs = [tuple(Fraction(int(p[k].p), int(p[k].q)) for k in ("w0", "sigma", "lambda", "eta")) for p in pts]
    ws = [q[0] for q in qs]
    undecided = 0
    live = list(range(len(pts)))
    for t in range(tmax + 1):
        for i in list(live):
            p, w = pts[i], ws[i]
            try:
                try:
                    bq = fast(Fraction(t), *qs[i])
                    sign = (bq > w) - (bq < w)
                    bad: bool | None = sign < 0 or (clause.strict and sign == 0) if clause.side == "upper" \
                        else sign > 0 or (clause.strict and sign == 0)
                    b: Any = sp.Rational(bq.numerator, bq.denominator)
                    how = "exact rational"
                except NotRational:
                    b = slow(sp.Integer(t), p["w0"], p["sigma"], p["lambda"], p["eta"])
                    bad, how = _violated(clause.side, clause.strict, b,
                                         sp.Rational(w.numerator, w.denominator))
            except (ZeroDivisionError, ValueError, TypeError) as exc:
                return {"t": t, **p, "w_t": sp.Rational(w.numerator, w.denominator),
                        "bound_t": f"undefined ({type(exc).__name__})",
                        "certified by": "exact evaluation"}, undecided
            if bad is None:
                undecided += 1
            elif bad:
                return {"t": t, **p, "w_t": sp.Rational(w.numerator, w.denominator), "bound_t": b,
                        "certified by": how}, undecided
            ws[i] = _orbit(qs[i], tmax)[t + 1] if max_bits is None else product_step(w, *qs[i][1:])
            if max_bits is not None and max(ws[i].denominator.bit_length(),
                                            abs(ws[i].numerator).bit_length()) > max_bits:
                live.remove(i)
        if not live:
            break
    return None, undecided


# ---------------------------------------------------------------------------------------------
# the induction proof, for the bound under test


def geometric_rate(bound: sp.Expr) -> tuple[sp.Expr | None, str]:
    r"""The rate g with :math:`1/B(t) - \lambda/\sigma = (1/w_0 - \lambda/\sigma)\,g^t` for every
    integer t >= 0, derived from the bound B and verified by substitution; ``(None, reason)``
    when B has no such form.

    >>> geometric_rate(SIG * W0 / ((SIG - LAM * W0) * (1 - 2 * ETA * SIG) ** T + LAM * W0))[0]
    -2*eta*sigma + 1
    >>> geometric_rate(W0 / (1 + T))[1]
    '1/B - lambda/sigma is not (1/w_0 - lambda/sigma) g^t with g independent of t'
    >>> geometric_rate(W0 / 2)[1]
    'at t = 0 the bound is not w_0'
    """
    k = sp.Symbol("k", integer=True, nonnegative=True)
    V = 1 / bound.subs(T, k) - LAM / SIG
    u0 = 1 / W0 - LAM / SIG
    if sp.simplify(V.subs(k, 0) - u0) != 0:
        return None, "at t = 0 the bound is not w_0"
    g = sp.simplify(sp.powsimp(sp.cancel(V.subs(k, k + 1) / V)))
    if k in g.free_symbols:
        return None, "1/B - lambda/sigma is not (1/w_0 - lambda/sigma) g^t with g independent of t"
    if sp.simplify(V.subs(k, k + 1) - g * V) != 0:  # pragma: no cover - the ratio is exact
        return None, "the derived rate does not verify"
    return g, "derived and verified by substitution"


def _regions(clause: Clause, g: sp.Expr, hyp: sp.Basic) -> dict[str, tuple[sp.Basic, sp.Basic]]:
    """Name -> (hypothesis, goal): the inequalities on g that make the induction go through.

    Upper bound (w_t <= B iff u_t >= u_0 g^t): u' >= (1 - 2s) u for 0 < x <= 3/2 + s, the set
    invariant (overshoot lemma (a), (b), (d)); so g in [0, 1 - 2s] where u_0 >= 0 and g in
    [1 - 2s, 1] where u_0 < 0.  Lower bound (u_t <= u_0 g^t): u' <= (1+s)^-2 u on u >= 0, and
    u' <= rho(y_0) u on u_0 <= u <= 0 without overshoot (one-step lemma); so g >= (1+s)^-2 where
    u_0 >= 0 and g in [0, rho(y_0)] where u_0 < 0.  ``hyp``: the part of the domain (sigma > 0)."""
    below, above = LAM * W0 <= SIG, LAM * W0 > SIG
    no_overshoot = sp.And(Y0 > -1, (1 + Y0) ** 2 >= S * (2 + Y0))
    if clause.side == "upper":
        return {
            "condition implies eta(lambda w_0 - sigma) <= 3/2 (x_0 <= 3/2 + s)": (hyp, Y0 >= -R(3, 2)),
            "0 <= g <= 1 - 2 eta sigma where w_0 <= sigma/lambda": (
                sp.And(hyp, below), sp.And(g >= 0, g <= 1 - 2 * S)),
            "1 - 2 eta sigma <= g <= 1 where w_0 > sigma/lambda": (
                sp.And(hyp, above), sp.And(g >= 1 - 2 * S, g <= 1)),
        }
    return {
        "condition implies no overshoot where w_0 > sigma/lambda": (sp.And(hyp, above), no_overshoot),
        "g >= (1 + eta sigma)^-2 where w_0 <= sigma/lambda": (
            sp.And(hyp, below), sp.And(g >= 0, g * (1 + S) ** 2 >= 1)),
        "0 <= g <= rho(y_0) where w_0 > sigma/lambda": (
            sp.And(hyp, above, no_overshoot),
            sp.And(g >= 0, g * (1 + Y0) ** 2 <= (1 + Y0) ** 2 - S * (2 + Y0))),
    }


def _smt(hyp: sp.Basic, goal: sp.Basic) -> Any:
    from symdln.certify.smt import SmtResult, Translation, Untranslatable

    try:
        return Translation().prove(hyp, goal)
    except Untranslatable as exc:
        return SmtResult("unknown", reason=str(exc))


def _orbit_violation(clause: Clause, model: dict[str, Fraction], tmax: int = 64) -> dict[str, Any] | None:
    """A z3 model of a failed requirement, followed for ``tmax`` exact steps."""
    pts = _model_point(model)
    return first_violation(clause, pts, tmax, max_bits=MAX_BITS)[0] if pts else None


def _geometric_part(clause: Clause, hyp: sp.Basic, details: dict[str, Any],
                    ) -> tuple[bool, dict[str, Any] | None]:
    """The induction on u = 1/w - lambda/sigma where sigma > 0."""
    from symdln.checks.discrete import one_step_lemma
    from symdln.checks.discrete_overshoot import overshoot_lemma

    g, how = geometric_rate(clause.bound)
    if g is None:
        details["sigma > 0: induction"] = f"no induction on u: {how}"
        return False, None
    details["sigma > 0: rate g (derived from the bound)"] = str(g)
    lemma = one_step_lemma() if clause.side == "lower" else overshoot_lemma()
    details["sigma > 0: one-step lemma"] = lemma["status"]
    proved = lemma["status"] == "proved"
    for name, (h, goal) in _regions(clause, g, hyp).items():
        res = _smt(h, goal)
        details[f"sigma > 0: z3: {name}"] = res.status + (f" ({res.reason})" if res.reason else "")
        if res.status != "proved":
            proved = False
            if res.status == "refuted" and res.model:
                details[f"model of the failed requirement '{name}'"] = {
                    k: str(v) for k, v in res.model.items()}
                cex = _orbit_violation(clause, res.model)
                if cex is not None:
                    return False, cex
    return proved, None


def _arithmetic_part(clause: Clause, hyp0: sp.Basic, details: dict[str, Any]) -> bool:
    r"""The induction on 1/w where sigma = 0: :math:`1/w' - 1/w = \eta\lambda(2-x)/(1-x)^2`,
    :math:`x = \eta\lambda w`, :math:`x' = x(1-x)^2 \le x` on :math:`0 \le x \le 2`; so an upper
    bound with :math:`1/B(t) = 1/w_0 + d\,t` holds when :math:`d \ge 0`, :math:`x_0 \le 2` and
    :math:`\eta\lambda(2-x) \ge d(1-x)^2` on :math:`0 < x \le x_0`."""
    if clause.side != "upper":
        details["sigma = 0: induction"] = "lower bounds at sigma = 0 have no induction here"
        return False
    k = sp.Symbol("k", integer=True, nonnegative=True)
    B = clause.bound.subs(SIG, 0)
    if sp.simplify(1 / B.subs(T, 0) - 1 / W0) != 0:
        details["sigma = 0: induction"] = "at t = 0 the bound is not w_0"
        return False
    d = sp.simplify(1 / B.subs(T, k + 1) - 1 / B.subs(T, k))
    if k in d.free_symbols:
        details["sigma = 0: induction"] = "1/B is not 1/w_0 + d t with d independent of t"
        return False
    details["sigma = 0: increment d of 1/B (derived from the bound)"] = str(d)
    w, x = sp.symbols("w x", positive=True)
    ident = sp.cancel(1 / product_step(w, 0, LAM, ETA) - 1 / w
                      - ETA * LAM * (2 - ETA * LAM * w) / (1 - ETA * LAM * w) ** 2)
    details["sigma = 0: identity 1/w' - 1/w = eta lambda (2 - x)/(1 - x)^2"] = str(ident)
    inv = _smt(sp.And(x > 0, x <= 2), x * (1 - x) ** 2 <= x)
    details["sigma = 0: z3: x' <= x on 0 < x <= 2"] = inv.status
    reqs = {
        "d >= 0 and x_0 <= 2": (hyp0, sp.And(d >= 0, X0 <= 2)),
        "eta lambda (2 - x) >= d (1 - x)^2 on 0 < x <= x_0": (
            sp.And(hyp0, x > 0, x <= X0), ETA * LAM * (2 - x) >= d * (1 - x) ** 2),
    }
    proved = ident == 0 and inv.status == "proved"
    for name, (h, goal) in reqs.items():
        res = _smt(h, goal)
        details[f"sigma = 0: z3: {name}"] = res.status + (f" ({res.reason})" if res.reason else "")
        proved = proved and res.status == "proved"
    return bool(proved)


def _induction(clause: Clause, domain: str) -> tuple[bool, dict[str, Any], dict[str, Any] | None]:
    """(proved, details, counterexample found on the orbit of a failed requirement's model):
    the sigma > 0 and sigma = 0 parts of the clause's region, each proved or found empty (z3)."""
    details: dict[str, Any] = {}
    if clause.strict:
        return False, {"induction": "not applicable to a strict bound (equality at t = 0)"}, None
    base = sp.And(_POSITIVE, PRINTED_DOMAIN[domain], clause.hypothesis)
    proved = True
    hyp = sp.And(base, SIG > 0)
    if _smt(hyp, sp.false).status == "proved":
        details["sigma > 0"] = "no such parameters (z3)"
    else:
        ok, cex = _geometric_part(clause, hyp, details)
        if cex is not None:
            return False, details, cex
        proved = proved and ok
    hyp0 = base.subs(SIG, 0)
    if hyp0 is sp.false or _smt(hyp0, sp.false).status == "proved":
        details["sigma = 0"] = "no such parameters (z3)"
    else:
        proved = _arithmetic_part(clause, hyp0, details) and proved
    return proved, details, None


def induction(clause: Clause, domain: str = "sigma > 0") -> tuple[bool, dict[str, Any]]:
    r"""Prove ``clause`` for every integer t >= 0 and every parameter of the printed ``domain`` where
    its hypothesis holds, by induction on :math:`u = 1/w - \lambda/\sigma` (1/w for sigma = 0) with
    the rate derived from its bound, the requirements proved by z3.  Returns ``(proved, details)``;
    ``proved`` is False when a step is not proved (or a requirement fails: then the details say so).

    >>> from symdln.discrete import lower_corrected
    >>> below = Clause(LAM * W0 <= SIG, "lower", lower_corrected(T, W0, SIG, LAM, ETA))
    >>> induction(below)[0], induction(Clause(sp.true, "lower", below.bound))[0]
    (True, False)
    """
    proved, details, _ = _induction(clause, domain)
    return proved, details


def _converse_at_t1(clause: Clause, domain: str) -> Any:
    """z3: outside the condition (inside the printed domain) the bound fails at t = 1."""
    w1 = product_step(W0, SIG, LAM, ETA)
    b1 = clause.bound.subs(T, 1)
    fails = w1 > b1 if clause.side == "upper" else w1 < b1
    if clause.strict:
        fails = w1 >= b1 if clause.side == "upper" else w1 <= b1
    outside = sp.And(_POSITIVE, PRINTED_DOMAIN[domain], clause.within, sp.Not(clause.hypothesis))
    return _smt(outside, fails)


def _model_point(model: dict[str, Fraction] | None) -> list[dict[str, sp.Rational]]:
    names = {"w_0": "w0", "sigma": "sigma", "lambda": "lambda", "eta": "eta"}
    if not model or set(names) - set(model):
        return []
    return [{names[k]: sp.Rational(model[k].numerator, model[k].denominator) for k in names}]


# ---------------------------------------------------------------------------------------------
# the checks


def _inconclusive(method: str, notes: str, details: dict[str, Any]) -> CheckResult:
    return CheckResult(Verdict.INCONCLUSIVE,
                       Evidence(method, precision="exact", notes=notes, details=details))


def _point_clause(clause: Clause, p: dict[str, sp.Rational]) -> Clause:
    at = sp.And(*[sp.Eq(k, v) for k, v in _key(p).items()])
    return Clause(at, clause.side, clause.bound, clause.strict)


def judge_iterates(statement: sp.Basic, domain: str = "sigma > 0") -> CheckResult:
    r"""Judge a statement about the iterates of Thm. 3 (see the module docstring) on the printed
    ``domain`` (a key of :data:`PRINTED_DOMAIN`).

    ``FAILS`` with a certified counterexample (exact rational iterate, bound exact or enclosed
    by Arb); ``HOLDS`` (scope general) when the induction on u is proved for every clause (and,
    for an "iff", the converse); otherwise ``INCONCLUSIVE`` with the missing step.  A clause whose
    condition selects no point of the printed domain's grid is ``INCONCLUSIVE`` (vacuous there).
    """
    method = ("exact rational iterates of the derived product recursion (t <= 6) on the grid of the "
              "printed domain and on the boundary of each condition; induction on u = 1/w - lambda/sigma "
              "with the rate derived from the bound, its requirements proved by z3")
    details: dict[str, Any] = {"printed domain": sp.sstr(PRINTED_DOMAIN[domain])}
    proved_all, general = True, True
    for i, clause in enumerate(clauses(statement)):
        inside, outside, undecided = _points(clause, domain)
        info: dict[str, Any] = {"clause": clause.describe(), "points where the condition holds": len(inside),
                                "points where it does not": len(outside), "undecided conditions": undecided}
        details[f"clause {i + 1}"] = info
        if not inside:
            return _inconclusive(method, f"clause {i + 1}: the condition selects no point of the printed "
                                 "domain (vacuous on the grid)", details)
        cex, undecided_cmp = first_violation(clause, inside)
        info["undecided comparisons"] = undecided_cmp
        if cex is not None:
            return CheckResult(Verdict.FAILS, Evidence(
                method, precision="exact / arb", counterexample={"clause": clause.describe(), **cex},
                details=details, notes=f"the bound is violated at t = {cex['t']}"))
        proved, ind, orbit_cex = _induction(clause, domain)
        info.update(ind)
        if orbit_cex is not None:
            return CheckResult(Verdict.FAILS, Evidence(
                method, precision="exact / arb", counterexample={"clause": clause.describe(), **orbit_cex},
                details=details, notes="found on the orbit of a z3 model where the induction's requirement "
                                       "fails"))
        proved_all = proved_all and proved
        if clause.iff:
            if not outside:
                return _inconclusive(method, f"clause {i + 1}: the condition holds on every grid point; "
                                     "the 'only if' is not exercised", details)
            converse = _converse_at_t1(clause, domain)
            info["z3: outside the condition the bound fails at t = 1"] = converse.status
            # where z3 finds a point outside the condition with no failure at t = 1, judge it too
            extra = _model_point(converse.model) if converse.status == "refuted" else []
            info["z3 model outside the condition"] = [{k: str(v) for k, v in p.items()} for p in extra]
            outside = [*outside, *extra]
            missed = []
            for p in outside:
                c, _ = first_violation(clause, [p])
                if c is None:
                    missed.append(p)
            info["points outside the condition with a certified violation"] = len(outside) - len(missed)
            for p in missed:  # the bound may hold for all t there: then the "only if" is false
                if _induction(_point_clause(clause, p), domain)[0]:
                    return CheckResult(Verdict.FAILS, Evidence(
                        method, precision="exact", details=details,
                        counterexample={"clause": clause.describe(), **p,
                                        "the bound holds for all t here (induction proved)": True},
                        notes="the condition is false at a point where the bound holds for all t"))
            if missed:
                return _inconclusive(method, f"clause {i + 1}: no violation found for t <= {TMAX} at "
                                     f"{len(missed)} points where the condition fails (e.g. {missed[0]}); "
                                     "the 'only if' is not established", details)
            general = general and converse.status == "proved"
    if not proved_all:
        return _inconclusive(method, "no violation found; not proved for all t (see the induction's details)",
                             details)
    return CheckResult(Verdict.HOLDS, Evidence(
        method, precision="exact", details=details, proof=PROOF, scope="general" if general else "instances",
        notes="for all integers t >= 0 and every parameter where the condition holds: induction on u with "
              "the one-step lemmas (proved) and the rate's requirements (z3)"
              + ("" if general else "; the 'only if' rests on the counted grid points")))


#: why :func:`judge_horizon` stays a check on instances
HORIZON_SCOPE = (
    "a finite horizon (t <= nsteps) on finitely many parameter sets; the statement for every t >= 0 and "
    "every parameter is the induction of the check 'iterates' (judge_iterates, scope general when proved), "
    "which subsumes this one: every set here lies in the printed domain and in the clause's condition "
    "(filtered by its exact truth), and u_t against u_0 g^t is the clause's bound itself (g from "
    "geometric_rate). Kept as an independent cross-check in other arithmetic (float64 endpoint iteration "
    "with outward rounding and Arb, no z3) that certifies failures at large t")


def _horizon_sets(clause: Clause, n_sets: int) -> list[dict[str, Any]]:
    from symdln.checks.discrete import horizon_parameters

    out = []
    truth = truth_function(clause.hypothesis)
    for q in horizon_parameters(n_sets):  # sigma = 1: eta = s, lambda = c, w_0 = 1/(u_0 + c)
        p = {"sigma": sp.Integer(1), "eta": sp.Rational(q["s"]), "lambda": sp.Rational(q["c"]),
             "w0": 1 / (sp.Rational(q["u0"]) + sp.Rational(q["c"]))}
        if 0 < p["w0"] < 1 and 2 * p["eta"] < 1 and truth(p):
            out.append({**q, "point": p})
    return out


def judge_horizon(statement: sp.Basic, n_sets: int = 100, nsteps: int = 100_000) -> CheckResult:
    r"""Certified whole-horizon iteration: for each clause with a geometric rate g (derived from
    the bound), :math:`u_t \gtrless u_0 g^t` at every t <= ``nsteps`` on the parameter sets of
    :func:`symdln.checks.discrete.horizon_parameters` (u_0 > 0) where its condition holds.
    ``FAILS`` on a certified failure; ``HOLDS`` (instances) when every covered set holds."""
    import flint
    import numpy as np

    from symdln.certify.balls import to_arb
    from symdln.certify.monotone import (
        FAILED,
        HELD,
        MODE_GE,
        MODE_LE,
        float_enclosure,
        iterate_arb,
        iterate_float,
    )

    method = ("float64 endpoint iteration of u with outward rounding (map proved monotone), python-flint "
              "fallback; the rate g derived from the bound and enclosed by Arb")
    details: dict[str, Any] = {}
    covered = 0
    for i, clause in enumerate(clauses(statement)):
        g, how = geometric_rate(clause.bound)
        info: dict[str, Any] = {"clause": clause.describe()}
        details[f"clause {i + 1}"] = info
        if g is None or clause.strict:
            return _inconclusive(method, f"clause {i + 1}: {how if g is None else 'strict bound'}; "
                                 "this check iterates bounds of the form u_0 g^t", details)
        sets = _horizon_sets(clause, n_sets)
        info["parameter sets where the condition holds"] = len(sets)
        if not sets:
            continue
        covered += len(sets)
        mode = MODE_GE if clause.side == "upper" else MODE_LE
        with flint.ctx.workprec(128):
            try:
                gs = [to_arb(g.subs(_key(q["point"]))) for q in sets]
            except TypeError as exc:
                return _inconclusive(method, f"clause {i + 1}: the rate cannot be enclosed ({exc})", details)
            enc = {k: np.array([float_enclosure(flint.arb(flint.fmpq(q[k].numerator, q[k].denominator)))
                                for q in sets]) for k in ("s", "c", "u0")}
            genc = np.array([float_enclosure(x) for x in gs])
        run = iterate_float(enc["s"], enc["c"], enc["u0"], nsteps, g=genc, mode=mode)
        status, first = run.status.copy(), run.t.copy()
        for m in np.nonzero(status == 2)[0]:
            with flint.ctx.workprec(256):
                r = iterate_arb(sets[m]["s"], sets[m]["c"], sets[m]["u0"], nsteps,
                                g=to_arb(g.subs(_key(sets[m]["point"]))), mode=mode, prec=256)
            status[m], first[m] = r.status, r.t
        fails = [k for k in range(len(sets)) if status[k] == FAILED]
        info.update({"held for all t <= nsteps": int(np.sum(status == HELD)), "failed": len(fails),
                     "undecided": int(np.sum((status != HELD) & (status != FAILED)))})
        if fails:
            k = min(fails, key=lambda j: int(first[j]))
            return CheckResult(Verdict.FAILS, Evidence(
                method, precision="53 bits outward / 256-bit balls",
                counterexample={"clause": clause.describe(), "first failing t": int(first[k]),
                                **{str(a): str(b) for a, b in sets[k]["point"].items()}},
                details=details, notes=f"u_t {'<' if clause.side == 'upper' else '>'} u_0 g^t certified at "
                                       f"t = {int(first[k])}"))
        if info["undecided"]:
            return _inconclusive(method, f"clause {i + 1}: {info['undecided']} sets undecided", details)
    if not covered:
        return _inconclusive(method, "no clause's condition selects a parameter set of this check "
                             "(u_0 > 0 only)", details)
    return CheckResult(Verdict.HOLDS, Evidence(
        method, precision="53 bits outward / 256-bit balls",
        parameters={"parameter sets": n_sets, "steps": nsteps}, details=details, proof=PROOF,
        scope="instances", notes=f"{covered} (clause, set) pairs certified at every t <= {nsteps}; "
                                 f"why not general: {HORIZON_SCOPE}"))
