r"""Thm. 3 of paper 1, eq. (23): a lower-bound statement judged on the whole printed domain.

Source: Gidel, Bach, Lacoste-Julien (2019), Sec. 3.2, Thm. 3, eq. (23) left and its hypotheses.

:func:`judge_overshoot` takes the statement under test (the printed lower bound, its correction
or a user's formula; the forms of :func:`symdln.checks.thm3_bounds.clauses`) and judges it where
the printed hypotheses :math:`0 < w_0 < 1`, :math:`2\eta\sigma < 1` let the iterates start above
the limit, :math:`\lambda w_0 > \sigma`.  In :math:`x = \eta\lambda w`, :math:`s = \eta\sigma`,
:math:`y_0 = s - x_0` the recursion is :math:`x' = x(1 + s - x)^2`
(:mod:`symdln.checks.discrete_overshoot`), and this check knows these exact parameter sets:

* the zero set: :math:`y_0 = -1` (:math:`w_1 = 0`) and :math:`x_0 = p_1`, the preimage of
  :math:`1 + s` above it (:math:`w_2 = 0`), rational (:math:`1 + s = d^3/(1 - d^2)`,
  :math:`p_1 = 1 + s + d`) and with a quadratic irrational sigma
  (:math:`x_0 = q` rational, :math:`1 + s = (2q^2 + 1 \pm \sqrt{4q^2 + 1})/(2q)`);
* the edge of the overshoot, :math:`f(x_0) = s` (:math:`s = z^2/(1+z)`, :math:`x_0 = s + 1 - z`):
  :math:`w_t = \sigma/\lambda` for t >= 1; the fixed point :math:`x_0 = 2 + s` (:math:`w_t = w_0`);
* the grid points beyond the corrected domain
  (:func:`symdln.checks.discrete_overshoot.overshoot_grid`: overshoot, :math:`y_0 < -1`, divergence);
* rational points on and just either side (within :data:`EPS`; exact real-root isolation,
  SymPy ``Poly.intervals``) of the edges :math:`y_0 = -1`, :math:`f(x_0) = s`, :math:`x_0 = 2 + s`,
  :math:`x_0 = 3/2 + s` and of every comparison in the statement's own conditions.

Membership is computed, not assumed: every iterate is the exact value (Fractions, or
:math:`\mathbb{Q}(\sqrt D)` for the irrational sigma) of the product recursion derived from the
matrix step (:func:`symdln.checks.discrete.derived_recursions`), and a zero-set point is kept only
if its orbit does reach 0.  Where a clause's condition holds at a point, its bound is compared
with the iterate for t <= :data:`TMAX` (exact, or Arb-certified for exp); a violation is
``FAILS`` with the point (a point where the iterate is exactly 0 is reported first).  Otherwise
``HOLDS``, with scope "general" when every clause, restricted to :math:`\lambda w_0 > \sigma`, is
proved for all t and all parameters there by the induction on :math:`u`
(:func:`symdln.checks.thm3_bounds.induction`), and scope "instances" (the asserted points,
counted, with the reason) when it is not; or ``INCONCLUSIVE`` when the statement asserts nothing
on these points.

The rest of what is proved on this part of the domain is outside this statement language (bounds
in t and the parameters): the zero set is exactly :math:`Z = \{p_0 < p_1 < \dots\}` (infinitely many
algebraic :math:`p_k`), and the corrected bounds hold from the entrance time T with :math:`w_T` in
place of :math:`w_0`; :func:`symdln.checks.discrete_overshoot.check_zero_set` and
``check_lower_overshoot`` judge those.  No convergence for :math:`x_0 \ge 2 + s` is a statement
here: ``Implies(eta*lambda*w_0 >= 2 + eta*sigma, w_t >= w_0)``.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction
from functools import lru_cache
from typing import Any

import sympy as sp

from symdln.checks import thm3_bounds as tb
from symdln.verdict import CheckResult, Evidence, Verdict

__all__ = ["EPS", "TMAX", "judge_overshoot", "known_points"]

PROOF = "proofs/discrete_thm3.py"
W0, SIG, LAM, ETA, T, WT = tb.W0, tb.SIG, tb.LAM, tb.ETA, tb.T, tb.WT
_VARS = (W0, SIG, LAM, ETA)
_NAMES = ("w0", "sigma", "lambda", "eta")
S, X0, Y0 = ETA * SIG, ETA * LAM * W0, ETA * (SIG - LAM * W0)
R = sp.Rational
#: exact iterates are compared with the bound for t = 0..TMAX
TMAX = 6
#: width of the isolating intervals of a boundary root (points on either side are this close)
EPS = R(1, 2**14)
#: (sigma, eta, w0) (or the three parameters other than the one solved for) of the boundary search
N_BASES = 24
#: the edges of the sets this check knows, as expressions that vanish on them
EDGES = {"y0 = -1": Y0 + 1, "f(x0) = s": (1 + Y0) ** 2 - S * (2 + Y0), "x0 = 2 + s": Y0 + 2,
         "x0 = 3/2 + s": Y0 + R(3, 2)}
_SIGN_HOLDS: dict[type, Callable[[int], bool]] = {
    sp.Lt: lambda v: v < 0, sp.Le: lambda v: v <= 0, sp.Gt: lambda v: v > 0, sp.Ge: lambda v: v >= 0,
    sp.Eq: lambda v: v == 0, sp.Ne: lambda v: v != 0}


@dataclass(frozen=True)
class Instance:
    """A parameter point of the printed domain above the limit, its set and its exact orbit."""

    label: str
    point: tuple[tuple[str, sp.Expr], ...]
    orbit: tuple[Any, ...]  # w_0..w_TMAX: Fractions, or SymPy numbers for an irrational point

    @property
    def values(self) -> dict[str, sp.Expr]:
        return dict(self.point)

    @property
    def rational(self) -> tuple[Fraction, ...] | None:
        v = self.values
        if not all(v[k].is_Rational for k in _NAMES):
            return None
        return tuple(Fraction(int(v[k].p), int(v[k].q)) for k in _NAMES)


# ---------------------------------------------------------------------------------------------
# exact signs and the derived recursion


def _number_sign(v: sp.Basic) -> int | None:
    """Sign of a closed number: exact for rationals and (after ``radsimp``) for numbers in
    Q(sqrt D); Arb-certified otherwise; ``None`` when undecided.  Raises ZeroDivisionError for
    a value that is not a finite real number."""
    from symdln.certify.balls import certified_sign

    v = sp.sympify(v)
    if v.has(sp.zoo, sp.nan, sp.oo, -sp.oo) or v.is_real is False:
        raise ZeroDivisionError(f"not a finite real number: {v}")
    if v.is_Rational:
        return 0 if v == 0 else (1 if v.p > 0 else -1)
    if not v.has(sp.exp, sp.log) and sp.expand(sp.radsimp(v)) == 0:
        return 0
    try:
        return certified_sign(v)
    except TypeError:
        return None


def _sign(expr: sp.Expr, fast: Callable[..., Fraction], inst: Instance, t: int | None = None,
          minus: Any = 0) -> int | None:
    """Sign of ``expr - minus`` at the instance (and t): Fractions where possible."""
    from symdln.certify.exact import NotRational

    q = inst.rational
    if q is not None and isinstance(minus, (int, Fraction)):
        try:
            d = (fast(*q) if t is None else fast(Fraction(t), *q)) - minus
            return (d > 0) - (d < 0)
        except NotRational:
            pass
    subs = {s: inst.values[k] for s, k in zip(_VARS, _NAMES, strict=True)}
    if t is not None:
        subs[T] = sp.Integer(t)
    m = sp.Rational(minus.numerator, minus.denominator) if isinstance(minus, Fraction) else minus
    return _number_sign(expr.xreplace(subs) - m)


@lru_cache(maxsize=1)
def _recursion() -> tuple[sp.Expr, Callable[..., Fraction]]:
    """w' as a function of (w, sigma, lambda, eta), derived from the matrix step."""
    from symdln import notation as nt
    from symdln.certify.exact import rational_function
    from symdln.checks.discrete import derived_recursions

    prod = sp.factor(derived_recursions()["product"].xreplace({nt.sigma: SIG}))  # fewer big-int products
    return prod, rational_function(prod, [WT, SIG, LAM, ETA])


def _orbit(p: dict[str, sp.Expr]) -> tuple[Any, ...]:
    prod, fast = _recursion()
    if all(p[k].is_Rational for k in _NAMES):
        q = [Fraction(int(p[k].p), int(p[k].q)) for k in ("sigma", "lambda", "eta")]
        w = [Fraction(int(p["w0"].p), int(p["w0"].q))]
        for _ in range(TMAX):
            w.append(fast(w[-1], *q))
        return tuple(w)
    ws = [p["w0"]]
    for _ in range(TMAX):
        ws.append(sp.expand(sp.radsimp(prod.xreplace(
            {WT: ws[-1], SIG: p["sigma"], LAM: p["lambda"], ETA: p["eta"]}))))
    return tuple(ws)


def _above_limit(p: dict[str, sp.Expr]) -> bool:
    """The printed domain (0 < w0 < 1, 0 < 2 eta sigma < 1, lambda, eta > 0), and lambda w0 > sigma."""
    signs = [_number_sign(e) for e in (p["w0"], 1 - p["w0"], p["sigma"], 1 - 2 * p["eta"] * p["sigma"],
                                       p["lambda"], p["eta"], p["lambda"] * p["w0"] - p["sigma"])]
    return all(s == 1 for s in signs)


def _instance(label: str, p: dict[str, sp.Expr]) -> Instance | None:
    return Instance(label, tuple((k, p[k]) for k in _NAMES), _orbit(p)) if _above_limit(p) else None


def _first_zero(inst: Instance) -> int | None:
    return next((t for t, w in enumerate(inst.orbit) if w == 0), None)


def _region(p: dict[str, sp.Expr]) -> str:
    """Where x0 = eta lambda w0 lies (s = eta sigma, f(x) = x(1 + s - x)^2), exactly."""
    s, x0 = p["eta"] * p["sigma"], p["eta"] * p["lambda"] * p["w0"]
    if x0 < 1 + s:
        return "no overshoot" if x0 * (1 + s - x0) ** 2 >= s else "overshoot (f(x0) < s)"
    for v, name in ((1 + s, "y0 = -1"), (2 + s, "x0 = 2 + s")):
        if x0 == v:
            return name
    return "1 + s < x0 < 2 + s" if x0 < 2 + s else "x0 > 2 + s"


# ---------------------------------------------------------------------------------------------
# the known sets


def _bases(solved: str) -> list[dict[str, sp.Rational]]:
    from symdln.checks.discrete import candidates

    others = [k for k in _NAMES if k != solved]
    seen: dict[tuple[sp.Rational, ...], None] = {}
    for c in candidates():
        seen.setdefault(tuple(c[k] for k in others), None)
        if len(seen) >= N_BASES:
            break
    return [dict(zip(others, b, strict=True)) for b in seen]


def _solved_lambda(x0: Callable[[sp.Rational], sp.Rational], label: str) -> list[Instance | None]:
    """lambda solved from eta lambda w0 = x0(eta sigma) at the base (sigma, eta, w0)."""
    return [_instance(label, {**b, "lambda": x0(b["eta"] * b["sigma"]) / (b["eta"] * b["w0"])})
            for b in _bases("lambda")]


def _zero_set() -> list[Instance]:
    from symdln.checks.discrete_overshoot import simplest_examples

    ex = simplest_examples()
    out = []
    for key, label in (("y0 = -1", "zero set: y0 = -1"), ("w_2 = 0, w_1 != 0", "zero set: x0 = p_1")):
        p = {k: sp.Rational(v.numerator, v.denominator) for k, v in ex[key]["parameters"].items()}
        out.append(_instance(label, p))
    out += _solved_lambda(lambda s: 1 + s, "zero set: y0 = -1")
    for d in sorted({R(a, b) for a in range(1, 13) for b in range(a + 1, 13)}, key=lambda q: (q.q, q.p)):
        s = d**3 / (1 - d**2) - 1
        if 0 < 2 * s < 1:
            for eta, w0 in ((R(1), R(1, 2)), (R(1, 2), R(1, 3))):
                out.append(_instance("zero set: x0 = p_1", {"sigma": s / eta, "eta": eta, "w0": w0,
                                                           "lambda": (1 + s + d) / (eta * w0)}))
    for q in (R(21, 10), R(11, 5), R(9, 4), R(23, 10)):  # 1 + s = (2q^2 + 1 -+ sqrt(4q^2 + 1))/(2q)
        for sign in (-1, 1):
            s = ((2 * q**2 + 1) + sign * sp.sqrt(4 * q**2 + 1)) / (2 * q) - 1
            if _number_sign(s) == 1 and _number_sign(1 - 2 * s) == 1 and _number_sign(q - 1 - s) == 1:
                out.append(_instance("zero set: x0 = p_1, sigma in Q(sqrt D)",
                                     {"sigma": s, "eta": R(1), "w0": R(1, 2), "lambda": 2 * q}))
    # kept only where the exact orbit does reach 0 (membership computed, not assumed)
    return [i for i in out if i is not None and _first_zero(i) is not None]


@lru_cache(maxsize=1)
def known_points() -> tuple[Instance, ...]:
    """The exact parameter sets of this check (module docstring), above the limit.

    >>> pts = known_points()
    >>> min(i.orbit.index(0) for i in pts if i.label == "zero set: y0 = -1")
    1
    """
    from symdln.checks.discrete_overshoot import overshoot_grid

    out = _zero_set()
    for z in sorted({R(a, b) for a in range(1, 8) for b in range(a + 1, 9)}, key=lambda q: (q.q, q.p)):
        s = z**2 / (1 + z)  # f(x0) = s at x0 = s + 1 - z
        inst = _instance("edge f(x0) = s: w_t = sigma/lambda for t >= 1",
                         {"sigma": s, "eta": R(1), "w0": R(1, 2), "lambda": 2 * (s + 1 - z)})
        if inst is not None and all(w * inst.values["lambda"] == s for w in inst.orbit[1:]):
            out.append(inst)
    out += [i for i in _solved_lambda(lambda s: 2 + s, "fixed point x0 = 2 + s")
            if i is not None and len(set(i.orbit)) == 1]
    for g in overshoot_grid():
        p = {k: sp.Rational(v.numerator, v.denominator) for k, v in g.items()}
        inst = _instance(f"grid beyond the corrected domain: {_region(p)}", p)
        if inst is not None:
            out.append(inst)
    for name, e in EDGES.items():
        out += _near(e, name)
    return tuple(out)


@lru_cache(maxsize=64)
def _near(expr: sp.Expr, name: str) -> tuple[Instance, ...]:
    """Rational points on and just either side of ``expr = 0``: the first parameter (lambda, w0,
    eta, sigma) in which its numerator is a polynomial is solved for at the base values of the
    other three; each positive real root is isolated exactly (``Poly.intervals``) in an interval
    of width < EPS, whose ends are kept (a rational root and the points EPS away from it)."""
    num = sp.numer(sp.together(expr))
    var = next((v for v in (LAM, W0, ETA, SIG) if v in num.free_symbols and num.is_polynomial(v)), None)
    if var is None:
        return ()
    solved = _NAMES[_VARS.index(var)]
    coeffs = sp.Poly(num, var).all_coeffs()
    out = []
    for b in _bases(solved):
        sub = {s: b[k] for s, k in zip(_VARS, _NAMES, strict=True) if k != solved}
        cs = [sp.sympify(c).xreplace(sub) for c in coeffs]
        if not all(c.is_Rational for c in cs) or all(c == 0 for c in cs):
            continue
        for (lo, hi), _ in sp.Poly(cs, var, domain=sp.QQ).intervals(eps=EPS):
            for v in ((lo - EPS, lo, lo + EPS) if lo == hi else (lo, hi)):
                p = {**b, solved: sp.Rational(v)}
                out.append(_instance(f"near {name}: {_region(p)}", p) if v > 0 else None)
    return tuple(i for i in out if i is not None)


# ---------------------------------------------------------------------------------------------
# the judge


def _condition(h: sp.Basic) -> Callable[[Instance], bool | None]:
    """The truth of the condition ``h`` at an instance (:func:`thm3_bounds.truth_function`)."""
    truth = tb.truth_function(h)
    return lambda inst: truth(inst.values)


def _compare(clause: tb.Clause, fast: Callable[..., Fraction], inst: Instance, t: int,
             ) -> tuple[bool | None, Any]:
    """(violated?, bound value) of the clause's bound against the exact iterate at t;
    ``(True, "undefined")`` where the bound is not a finite real number."""
    w = inst.orbit[t]
    try:
        sign = _sign(clause.bound, fast, inst, t, minus=w)
    except ZeroDivisionError:
        return True, "undefined (not a finite real number)"
    if sign is None:
        return None, None
    bad = sign < 0 if clause.side == "upper" else sign > 0
    bad = bad or (clause.strict and sign == 0)
    subs = {**{s: inst.values[k] for s, k in zip(_VARS, _NAMES, strict=True)}, T: sp.Integer(t)}
    return bad, clause.bound.xreplace(subs) if bad else None


def _counterexample(clause: tb.Clause, inst: Instance, t: int, bound: Any) -> dict[str, Any]:
    v = inst.values
    s, x0 = v["eta"] * v["sigma"], v["eta"] * v["lambda"] * v["w0"]
    orbit = [sp.Rational(u.numerator, u.denominator) if isinstance(u, Fraction) else u for u in inst.orbit]
    return {"clause": clause.describe(), "set": inst.label, "t": t, **v, "w_t": orbit[t], "bound_t": bound,
            "w_0..w_t": orbit[:t + 1], "eta sigma": s, "eta lambda w0": x0, "y0": sp.nsimplify(s - x0)
            if (s - x0).is_Rational else sp.expand(s - x0)}


def _split(clause: tb.Clause, pts: tuple[Instance, ...]) -> tuple[list[Instance], list[Instance], dict]:
    """(asserted points, points near the condition's boundary outside it, counts): the known
    points and those on/near the boundary of each comparison in the condition, each judged once."""
    atoms = sorted(clause.hypothesis.atoms(sp.core.relational.Relational), key=sp.default_sort_key)
    extra = [q for a in atoms for q in _near(a.lhs - a.rhs, f"the condition's {sp.sstr(a)}")]
    near_points = {q.point for q in extra}
    truth = _condition(clause.hypothesis)
    asserted, outside, seen, undecided, inside = [], [], set(), 0, 0
    for inst in (*pts, *extra):
        if inst.point in seen:  # a point on two edges is judged once, under its first set
            continue
        seen.add(inst.point)
        v = truth(inst)
        undecided += v is None
        if v:
            asserted.append(inst)
            inside += inst.point in near_points
        elif v is not None and inst.point in near_points:
            outside.append(inst)
    sets: dict[str, int] = {}
    for inst in asserted:
        sets[inst.label.split(":")[0]] = sets.get(inst.label.split(":")[0], 0) + 1
    return asserted, outside, {
        "clause": clause.describe(), "asserted points, by set": sets, "undecided conditions": undecided,
        "points on/near its condition's boundary: inside, outside": (inside, len(outside))}


def judge_overshoot(statement: sp.Basic) -> CheckResult:
    r"""Judge a statement about the iterates of Thm. 3 (forms of
    :func:`symdln.checks.thm3_bounds.clauses`) on the sets above the limit that this check knows
    (module docstring): the zero set, the overshoot edge, the fixed point, the grid beyond the
    corrected domain, and the points on and just either side of every edge and of every
    comparison in the statement's conditions.

    Parameters
    ----------
    statement:
        ``w_t >= B``, ``Implies(H, w_t >= B)``, ``And(...)`` of them (upper bounds and
        ``Equivalent`` are read too; of an ``Equivalent`` only the "if" is judged here).

    ``FAILS`` with the exact point (w0, sigma, lambda, eta, t, w_t, the bound; a point where the
    iterate is exactly 0 first); ``HOLDS`` when no asserted (point, t) is violated, scope "general"
    when the induction on u proves every clause above the limit for all t, else "instances";
    ``INCONCLUSIVE`` when the statement asserts nothing on these points or a comparison is undecided.
    Raises :class:`symdln.correction.FormulaError` for a statement it cannot read.
    Evidence only: how many points just outside each condition violate its bound (t <= TMAX).

    >>> r = judge_overshoot(WT >= SIG / (2 * LAM))
    >>> r.verdict.name, r.evidence.counterexample["w_t"], r.evidence.counterexample["t"]
    ('FAILS', 0, 1)
    """
    from symdln.certify.exact import rational_function

    cls = tb.clauses(statement)
    pts = known_points()
    method = ("exact iterates (Fractions, Q(sqrt D)) of the product recursion derived from the matrix step, "
              f"t <= {TMAX}, on the exact sets above the limit (zero set, overshoot edge, fixed point, grid "
              "beyond the corrected domain) and on rational points within "
              f"{EPS} of every edge and condition (exact root isolation); bounds exact or Arb-certified")
    details: dict[str, Any] = {"known points above the limit": len(pts)}
    asserted_total, undecided_total, undefined = 0, 0, None
    for i, clause in enumerate(cls):
        asserted, outside, info = _split(clause, pts)
        if clause.iff:
            info["only if"] = "not judged here (judge_iterates judges the converse)"
        details[f"clause {i + 1}"] = info
        fast = rational_function(clause.bound, [T, *_VARS])
        # the iterate exactly 0 first (a lower bound), then every (t, point), t smallest first
        zeros = [(inst, t) for inst in asserted for t in range(TMAX + 1) if inst.orbit[t] == 0] \
            if clause.side == "lower" else []
        undecided = 0
        for inst, t in itertools.chain(zeros, ((inst, t) for t in range(TMAX + 1) for inst in asserted)):
            bad, bound = _compare(clause, fast, inst, t)
            if bad is None:
                undecided += 1
            elif bad and isinstance(bound, str):
                undefined = undefined or _counterexample(clause, inst, t, bound)
            elif bad:
                return CheckResult(Verdict.FAILS, Evidence(
                    method, precision="exact / arb", counterexample=_counterexample(clause, inst, t, bound),
                    details=details, notes=f"the bound is violated at t = {t} ({inst.label})"))
        info["undecided comparisons"] = undecided
        key = f"just outside the condition: points where the bound fails at some t <= {TMAX} (evidence)"
        info[key] = sum(any(_compare(clause, fast, inst, t)[0] for t in range(TMAX + 1)) for inst in outside)
        asserted_total += len(asserted)
        undecided_total += undecided
    if undefined is not None:
        return CheckResult(Verdict.FAILS, Evidence(
            method, precision="exact", counterexample=undefined, details=details,
            notes=f"the bound is not a finite real number at an asserted point ({undefined['set']})"))
    if not asserted_total:
        return CheckResult(Verdict.INCONCLUSIVE, Evidence(
            method, precision="exact", details=details,
            notes="the statement asserts nothing on the points this check knows (its conditions exclude "
                  "every one of them)"))
    if undecided_total:
        return CheckResult(Verdict.INCONCLUSIVE, Evidence(
            method, precision="exact / arb", details=details,
            notes=f"no violation; {undecided_total} comparisons undecided"))
    general, why = _above_limit_induction(cls, details)
    return CheckResult(Verdict.HOLDS, Evidence(
        method + ("; for all t >= 0 on the whole part of the printed domain above the limit: induction on "
                  "u = 1/w - lambda/sigma (thm3_bounds.induction, its requirements proved by z3)"
                  if general else ""),
        precision="exact / arb", details=details, proof=PROOF, scope="general" if general else "instances",
        parameters={"t": f"0..{TMAX}", "eps": str(EPS)},
        notes=f"no violation at the {asserted_total} asserted points (every t <= {TMAX}); "
              + ("every clause proved for all t where lambda w_0 > sigma (the points are its instances)"
                 if general else f"why not general: {why}")
              + "; the zero set, the entrance time and x0 >= 2 + s are judged by discrete_overshoot "
                "(check_zero_set, check_lower_overshoot)"))


def _above_limit_induction(cls: tuple[tb.Clause, ...], details: dict[str, Any]) -> tuple[bool, str]:
    """Each clause (its "if" part) restricted to lambda w_0 > sigma, proved for every t and every
    parameter there by :func:`symdln.checks.thm3_bounds.induction`; ``(proved, reason if not)``."""
    for i, clause in enumerate(cls):
        above = tb.Clause(sp.And(clause.hypothesis, LAM * W0 > SIG), clause.side, clause.bound, clause.strict)
        ok, info = tb.induction(above)
        details[f"clause {i + 1}"]["induction above the limit"] = info
        if not ok:
            return False, (f"clause {i + 1} is not proved for all t above the limit by the induction on u "
                           "(see its details: a strict bound, a bound not of the form u_0 g^t, or a rate "
                           "requirement z3 does not prove); the listed points are all that is checked")
    return True, ""
