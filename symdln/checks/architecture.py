r"""Checks of Sec. 2 of paper 1: which matrices the products W_1 \cdots W_L cover, and (4).

Set equalities are decided exactly and over symbolic entries:

* *inclusion* {W_1 \cdots W_L} \supseteq \{rank W \le r\}: the constructive
  factorisation :func:`symdln.deep.pad_factors` applied to a symbolic rank
  factorisation C R reproduces C R identically;
* *exclusion*: every (r+1)-minor of a product with a width-r layer vanishes
  identically (a polynomial identity in the symbolic layer entries), while a
  target of rank min(d, p) has a nonzero minor.
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Callable

import sympy as sp

from symdln.checks._identity import symbolic_matrix
from symdln.deep import pad_factors, padded_identity, product
from symdln.linear import least_squares_objective
from symdln.verdict import CheckResult, Evidence, Verdict

__all__ = [
    "judge_overparametrisation",
    "judge_rank_constraint",
]

#: the symbols of Sec. 2 and (4) in a formula: r = min_l r_l, the smallest inner width; the rank of a
#: matrix W feasible in (4); the shape rows x cols of R^{rows x cols} that the set of products equals
r = sp.Symbol("r", positive=True, integer=True)
rank_W = sp.Symbol("rank_W", nonnegative=True, integer=True)
rows = sp.Symbol("rows", positive=True, integer=True)
cols = sp.Symbol("cols", positive=True, integer=True)

#: (d, p) sizes, smallest first
SIZES = ((1, 1), (1, 2), (2, 1), (2, 2), (2, 3), (3, 2))
#: (d, p) sizes for (4) (r < min(d, p)): min(d, p) = 3 gives r = 1 and r = 2, so a test that
#: ignores r is not judged at r = 1 only
RANK_SIZES = ((2, 2), (2, 3), (3, 2), (3, 3))


#: why Sec. 2 and (4) are judged at the sizes listed, and the steps that would make them general
_WHY_NOT_GENERAL_SEC2 = (
    "why not general: the truth (which inner widths make the products cover every d x p matrix) is "
    "computed at the sizes listed (d, p <= 3) from the vanishing (r+1)-minors of a symbolic product and "
    "an explicit padded factorisation, and the condition under test is compared with it there (on both "
    "sides of each of its thresholds in r). Missing steps: the two facts for symbolic sizes (rank "
    "W_1 ... W_L <= min_l r_l; every rank-<= r matrix C R is a product of padded factors) and a decision "
    "of the condition under test against r >= min(d, p) over all positive integers d, p, r (z3 linear "
    "integer arithmetic, Min encoded, when the condition is linear)")
_WHY_NOT_GENERAL_4 = (
    "why not general: which ranks are products with inner width r is computed at the sizes listed "
    "(min(d, p) <= 3, every r < min(d, p) and every rank k) and the condition under test compared with "
    "it there. Missing steps: the product-rank facts for symbolic sizes (rank W_1 ... W_L <= r; every "
    "rank-k matrix, k <= r, a product of padded factors) and a decision of the condition against "
    "k <= r over all integers 0 <= k <= min(d, p), 1 <= r < min(d, p) (z3 linear integer arithmetic)")


def _product_shape(d: int, p: int, widths: tuple[int, ...]) -> tuple[int, int]:
    dims = [d, *widths, p]
    Ws = [sp.zeros(dims[i], dims[i + 1]) for i in range(len(dims) - 1)]
    rows, cols = product(Ws).shape
    return rows, cols


@functools.cache
def _covers_all(d: int, p: int, widths: tuple[int, ...]) -> bool:
    """True iff every d x p matrix is a product with these widths, decided exactly.

    If min(widths) >= min(d, p): a symbolic C (d x m) R (m x p), m = min(d, p), covers
    every matrix (take C, R from a rank factorisation) and the padded factors reproduce it
    identically.  Otherwise every (r+1)-minor of a symbolic product vanishes identically
    while the padded identity target has rank min(d, p) > r.
    """
    m, r = min(d, p), min(widths)
    if r >= m:
        C, R = symbolic_matrix("c", d, m), symbolic_matrix("r", m, p)
        Ws = pad_factors(C, R, widths)
        return all(sp.expand(e) == 0 for e in product(Ws) - C * R)
    dims = [d, *widths, p]
    Ws = [symbolic_matrix(f"W{i + 1}_", dims[i], dims[i + 1]) for i in range(len(dims) - 1)]
    W = product(Ws)
    rows = itertools.combinations(range(d), r + 1)
    minors_vanish = all(
        sp.expand(W.extract(list(ri), list(ci)).det()) == 0
        for ri in rows for ci in itertools.combinations(range(p), r + 1)
    )
    target_rank = padded_identity(d, p).rank()
    if not (minors_vanish and target_rank == m):  # pragma: no cover - linear algebra
        raise ArithmeticError("rank bound failed")
    return False


def _width_cases(d: int, p: int, *thresholds: sp.Expr) -> list[tuple[int, ...]]:
    """Inner widths tried at (d, p): around min(d, p) (one and two inner layers, the narrower
    one first and last), and on both sides of every stated threshold th (a real number): the
    integers floor(th) - 1, floor(th), floor(th) + 1 that are >= 1, so a condition is never
    judged on the cases of one side only."""
    m = min(d, p)
    out = [(m,), (m + 1,), (m, m + 1), (m + 1, m), (max(m - 1, 1),), (m + 1, max(m - 1, 1))]
    for th in thresholds:
        k = int(sp.floor(th))
        out += [(w,) for w in (k - 1, k, k + 1) if w >= 1]
    return list(dict.fromkeys(out))


def _leaves(c: sp.Basic) -> set[sp.Basic]:
    """The conditions that the logical connectives of ``c`` combine: relations, ``Contains``..."""
    if isinstance(c, sp.logic.boolalg.BooleanFunction):  # And, Or, Not, Xor, Implies, ITE...
        return set().union(*(_leaves(a) for a in c.args))
    return {c}


def _leaf_points(leaf: sp.Basic) -> set[sp.Expr] | None:
    """The real points where a condition in ``r`` can change its truth value: for a relation
    rational in r, the real roots of the numerator and the denominator of lhs - rhs; else the
    boundary of its set of solutions in r; ``None`` when SymPy gives no finite set of them."""
    if isinstance(leaf, sp.core.relational.Relational):
        num, den = sp.fraction(sp.together(leaf.lhs - leaf.rhs))
        try:
            return {x for q in (num, den) for x in sp.Poly(q, r).real_roots()}
        except (sp.PolynomialError, NotImplementedError):  # not rational in r, or roots over EX
            pass
    try:
        boundary = leaf.as_set().boundary
    except (NotImplementedError, AttributeError):  # periodic solutions, Q.prime(r), ...
        return None
    return set(boundary) if boundary.is_finite_set else None


def _thresholds(cond: sp.Basic, values: dict[sp.Symbol, int], statement: sp.Basic) -> list[sp.Expr]:
    """The real points where the condition can change its truth value in ``r`` at the given
    d, p, in increasing order (:func:`_leaf_points` of every relation or other condition in
    r that it combines).  Between two consecutive points each of these, hence the condition,
    keeps its truth value, so the widths of :func:`_width_cases` around them (with min(d, p),
    where the set of products changes) meet every case of the condition at every width r >= 1."""
    from symdln.correction import FormulaError

    c = cond.xreplace({k: sp.Integer(x) for k, x in values.items()})
    points: set[sp.Expr] = set()
    for leaf in sorted((e for e in _leaves(c) if e.has(r)), key=sp.default_sort_key):
        found = _leaf_points(leaf)
        if found is None:
            at = ", ".join(f"{k} = {x}" for k, x in values.items())
            raise FormulaError(f"{sp.sstr(statement)}: SymPy cannot tell where {sp.sstr(leaf)} holds in r "
                               f"at {at} (as finitely many intervals)")
        points |= found
    return sorted(points)


def _rank_counterexample(constraint: Callable[[int, int], bool], d: int, p: int, r: int,
                         k: int) -> dict[str, object]:
    """The mismatch (d, p, r, k) as a counterexample: the rank-k padded identity W, and when
    (4) admits only W = 0, exact minima of (2) and (4) with X = I, Y = W."""
    W = sp.Matrix(d, p, lambda i, j: 1 if i == j and i < k else 0)
    is_product = _is_product(d, p, k, r)
    ce: dict[str, object] = {"d": d, "p": p, "r": r, "L": 2, "W": str(W.tolist()),
                             "rank W": k, "a product": is_product,
                             "feasible in (4)": bool(constraint(k, r))}
    feasible_ranks = [j for j in range(min(d, p) + 1) if constraint(j, r)]
    if is_product and feasible_ranks == [0]:  # (4) as given only admits W = 0: exact values
        X = sp.eye(d)
        ce.update({"X": "I", "Y": str(W.tolist()), "n": d,
                   "min of (2)": str(least_squares_objective(X, W, W).doit()),
                   "min of (4)": str(least_squares_objective(X, W, sp.zeros(d, p)).doit())})
    return ce


@functools.cache
def _is_product(d: int, p: int, k: int, r: int) -> bool:
    """Whether the rank-k padded identity (d x p) is a product with inner width r, decided
    exactly: an explicit symbolic factorisation when k <= r; vanishing (r+1)-minors of a
    symbolic product against a nonzero (r+1)-minor of the target when k > r."""
    if k <= r:
        C, R = symbolic_matrix("c", d, r), symbolic_matrix("r", r, p)
        return all(sp.expand(e) == 0 for e in product(pad_factors(C, R, (r, r))) - C * R)
    W1, W2 = symbolic_matrix("a", d, r), symbolic_matrix("b", r, p)
    W = W1 * W2
    minors_vanish = all(
        sp.expand(W.extract(list(ri), list(ci)).det()) == 0
        for ri in itertools.combinations(range(d), r + 1)
        for ci in itertools.combinations(range(p), r + 1))
    E = sp.Matrix(d, p, lambda i, j: 1 if i == j and i < k else 0)
    if not (minors_vanish and E[: r + 1, : r + 1].det() != 0):  # pragma: no cover
        raise ArithmeticError("rank bound failed")
    return False


def _truth_value(e: sp.Basic, values: dict[sp.Symbol, int], statement: sp.Basic) -> bool:
    """A condition of the statement at integer values: True or False, else FormulaError."""
    from symdln.correction import FormulaError

    v = e.xreplace({k: sp.Integer(x) for k, x in values.items()})
    if v not in (sp.true, sp.false):
        raise FormulaError(f"{sp.sstr(statement)}: {sp.sstr(e)} is not decided at integer "
                           f"{', '.join(str(k) for k in values)}")
    return v is sp.true


def _check_symbols(statement: sp.Basic, allowed: set[sp.Symbol]) -> None:
    from symdln.correction import FormulaError

    unknown = sorted(str(x) for x in statement.free_symbols - allowed)
    if unknown:
        names = ", ".join(sorted(str(x) for x in allowed))
        raise FormulaError(f"{sp.sstr(statement)}: unknown symbol {unknown[0]!r} (the symbols are {names})")


def judge_rank_constraint(statement: sp.Basic) -> CheckResult:
    r"""Judge the feasibility condition of (4), a relation in ``rank_W`` (the rank of W), ``r``
    (= min_l r_l) and optionally ``d``, ``p``: (2) and (4) are equivalent for r < min(d, p) iff the
    relation holds exactly for the ranks of the products with inner width r.  Decided exactly for
    every rank k and r < min(d, p) at the sizes :data:`RANK_SIZES` (:func:`_is_product`).

    >>> judge_rank_constraint(rank_W <= r).verdict.name, judge_rank_constraint(rank_W < r).verdict.name
    ('HOLDS', 'FAILS')
    """
    from symdln.assumption import d, p
    from symdln.correction import FormulaError

    if not isinstance(statement, (sp.core.relational.Relational, sp.logic.boolalg.Boolean)) \
            or isinstance(statement, sp.Symbol):
        raise FormulaError(f"{sp.sstr(statement)}: (4) takes a condition on rank_W, a relation")
    _check_symbols(statement, {rank_W, r, d, p})

    method = "exact: every C R (rank <= r) is a product of padded factors (symbolic C, R); " \
             "products with a width-r layer have rank <= r (vanishing minors)"
    for dd, pp in RANK_SIZES:
        for rr in range(1, min(dd, pp)):
            for k in range(min(dd, pp) + 1):
                stated = _truth_value(statement, {rank_W: k, r: rr, d: dd, p: pp}, statement)
                if stated != _is_product(dd, pp, k, rr):
                    def stated_at(kk: int, r_: int, dd: int = dd, pp: int = pp) -> bool:
                        return _truth_value(statement, {rank_W: kk, r: r_, d: dd, p: pp}, statement)

                    return CheckResult(Verdict.FAILS, Evidence(
                        method="exact ranks and objective values", precision="exact",
                        counterexample=_rank_counterexample(stated_at, dd, pp, rr, k),
                        notes="the feasible set of (4) is not the set of products W_1 ... W_L"))
    return CheckResult(Verdict.HOLDS, Evidence(
        method=method, precision="exact", residual="0",
        parameters={"sizes (d, p)": RANK_SIZES},
        notes="the printed (4) also sums the same term n times (harmless for the argmin) and names "
              "the solution W^{k,*} while constraining by r; " + _WHY_NOT_GENERAL_4,
        proof="proofs/sec2.py", scope="instances"))


def judge_overparametrisation(statement: sp.Basic) -> CheckResult:
    r"""Judge Sec. 2's "{W_1 ... W_L : W_l in R^{r_{l-1} x r_l}} = R^{rows x cols}" under a
    condition on ``r`` = min_l r_l, ``d``, ``p``: ``Implies(H, And(Eq(rows, a), Eq(cols, b)))``
    (H sufficient), ``Equivalent(H, And(Eq(rows, a), Eq(cols, b)))`` (H necessary too) or the shape
    alone (for every width), a, b in d, p.  Judged exactly: the shape of the product (layers
    r_{l-1} x r_l, r_0 = d, r_L = p) against a x b, and which widths cover every d x p matrix
    (:func:`_covers_all`) on widths on both sides of min(d, p) and of every point where the
    condition changes in r (:func:`_thresholds`), hence at every width r >= 1, at the sizes
    :data:`SIZES`.

    >>> from symdln.assumption import d, p
    >>> shape = sp.And(sp.Eq(rows, d), sp.Eq(cols, p))
    >>> judge_overparametrisation(sp.Equivalent(r >= sp.Min(d, p), shape)).verdict.name
    'HOLDS'
    """
    from symdln.assumption import d, p
    from symdln.correction import FormulaError

    def shape_of(label: sp.Basic) -> tuple[sp.Expr, sp.Expr]:
        eqs = label.args if isinstance(label, sp.And) else ()
        found = {}
        for e in eqs:
            if isinstance(e, sp.Eq) and {e.lhs, e.rhs} & {rows, cols}:
                side, value = (e.lhs, e.rhs) if e.lhs in (rows, cols) else (e.rhs, e.lhs)
                found[side] = value
        if len(eqs) != 2 or set(found) != {rows, cols}:
            raise FormulaError(f"{sp.sstr(statement)}: the set is stated as And(Eq(rows, a), Eq(cols, b))")
        return found[rows], found[cols]

    if isinstance(statement, sp.And) and statement.free_symbols & {rows, cols}:
        cond, label = sp.true, statement  # no condition: every width
    elif isinstance(statement, (sp.Implies, sp.Equivalent)) and len(statement.args) == 2:
        cond, label = statement.args
    else:
        raise FormulaError(f"{sp.sstr(statement)}: Sec. 2 is stated as Implies(H, shape), "
                           "Equivalent(H, shape) or shape, shape = And(Eq(rows, a), Eq(cols, b))")
    if isinstance(statement, sp.Equivalent) and {rows, cols} & cond.free_symbols:
        cond, label = label, cond
    a, b = shape_of(label)
    _check_symbols(statement, {r, d, p, rows, cols})
    if {rows, cols} & (cond.free_symbols | a.free_symbols | b.free_symbols):
        raise FormulaError(f"{sp.sstr(statement)}: the condition and the shape are in r, d, p")
    iff = isinstance(statement, sp.Equivalent)
    method = "exact: product shapes; symbolic rank factorisation padded into layers, vanishing " \
             "(r+1)-minors below the threshold"
    wrong: dict[str, object] | None = None
    for dd, pp in SIZES:
        got = _product_shape(dd, pp, (min(dd, pp),))
        vals = [sp.sympify(x).xreplace({d: sp.Integer(dd), p: sp.Integer(pp)}) for x in (a, b)]
        stated_shape = tuple(int(v) if v.is_Integer else v for v in vals)
        if stated_shape != got:
            wrong = {"d": dd, "p": pp, "shape of W_1 ... W_L": got, "stated shape": str(stated_shape)}
            break
    if wrong is None:
        for dd, pp in SIZES:
            # a layer wider than min(d, p) + 1 is computed at that width: every width >= min(d, p)
            # covers every matrix (the padded factors), so the set of products is the same
            cap = min(dd, pp) + 1
            for widths in _width_cases(dd, pp, *_thresholds(cond, {d: dd, p: pp}, statement)):
                stated = _truth_value(cond, {r: min(widths), d: dd, p: pp}, statement)
                if (stated or iff) and stated != _covers_all(dd, pp, tuple(min(w, cap) for w in widths)):
                    wrong = {"d": dd, "p": pp, "widths": widths, "stated condition": stated,
                             "covers every d x p matrix": not stated}
                    break
            if wrong is not None:
                break
    if wrong is not None:
        return CheckResult(Verdict.FAILS, Evidence(
            method=method, precision="exact", counterexample=wrong,
            notes="the printed layer shape R^{r x l-1, r_l} is also garbled for R^{r_{l-1} x r_l}"))
    return CheckResult(Verdict.HOLDS, Evidence(
        method=method, precision="exact", residual="0", parameters={"sizes (d, p)": SIZES},
        notes=("the condition is necessary and sufficient" if iff else
               "the condition is sufficient; r >= min(d, p) is the sharp one")
              + ": r = min(d, p) already covers every matrix; " + _WHY_NOT_GENERAL_SEC2,
        proof="proofs/sec2.py", scope="instances"))
