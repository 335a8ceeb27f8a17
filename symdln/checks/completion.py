r"""Checks of paper 2's matrix-completion statements.

Exact statements (minimisers, rank-1 hyperbola, minimum-nuclear-norm
completions, invariant sets, ranks of 3 x 3 minimisers) are proved with
SymPy and z3 (through :mod:`symdln.certify`; every z3 model validated).  Statements about where training
ends up are observations (:mod:`symdln.checks.completion_observe`, re-exported here
for the registry).
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import combinations

import sympy as sp

from symdln import geometry as g
from symdln.checks._cases import rejects_inexact
from symdln.checks._identity import exact_fails as _fails
from symdln.checks._identity import first_failing, symbolic_matrix
from symdln.checks.completion3x3 import (
    check_elliptope_3x3,
    check_min_ranks_3x3,
    check_min_set_3x3,
    check_nuclear_bound_3x3,
)
from symdln.checks.completion_observe import (
    check_arora_experiment,
    check_brtw,
    check_outcomes_2x2,
    check_outcomes_3x3,
    check_proposal,
    check_shin_yun,
    ensemble,
    plane_density,
)
from symdln.verdict import CheckResult, Evidence, Verdict, corrected

__all__ = [
    "check_arora_experiment",
    "check_brtw",
    "check_elliptope_3x3",
    "check_erank_rank1",
    "check_invariant_sets",
    "check_min_ranks_3x3",
    "check_min_set_3x3",
    "check_minimisers_2x2",
    "check_nuclear_2x2",
    "check_nuclear_bound_3x3",
    "check_outcomes_2x2",
    "check_outcomes_3x3",
    "check_proposal",
    "check_ranks_3x3",
    "check_shin_yun",
    "ensemble",
    "nuclear_norm_facts_2x2",
    "plane_density",
    "ranks_any_diagonal_3x3",
]




# ---------------------------------------------------------------- exact statements
def check_minimisers_2x2(
    rank1_curve: Callable[[sp.Expr, sp.Expr], sp.Expr] = lambda a, b: a * b - 1,
) -> CheckResult:
    r"""Judge: minimisers of E with W_11 = W_22 = 1 observed are [[1, a], [b, 1]]; the rank-1 ones
    are the hyperbola ab = 1."""
    w11, w22, a, b = sp.symbols("w11 w22 a b", real=True)
    # E >= 0 is a sum of squares; E = 0 iff w11 = w22 = 1 (each square vanishes)
    sols = sp.solve([w11 - 1, w22 - 1], [w11, w22], dict=True)
    plane_ok = sols == [{w11: 1, w22: 1}]
    det = sp.Matrix([[1, a], [b, 1]]).det()
    curve = sp.expand(rank1_curve(a, b))
    q, r = sp.div(det, curve, a, b)
    if r == 0 and q.is_number and q != 0 and plane_ok:
        return CheckResult(
            Verdict.HOLDS,
            Evidence(
                method="exact: E is a sum of two squares; det [[1, a], [b, 1]] = 1 - ab is a "
                "nonzero multiple "
                "of the curve polynomial (rank 1 iff det = 0, since W != 0)",
                precision="exact",
                residual="0",
                scope="general",
            ),
        )
    for av in (sp.Integer(1), sp.Integer(2), sp.Rational(1, 2), sp.Integer(-1), sp.Integer(3)):
        for bv in sp.solve(curve.subs(a, av), b):
            if bv.is_real and det.subs({a: av, b: bv}) != 0:
                return _fails(
                    "exact: a point of the claimed curve where det != 0 (rank 2)",
                    {"a": str(av), "b": str(bv), "det": str(det.subs({a: av, b: bv}))},
                )
        for bv in sp.solve(det.subs(a, av), b):
            if curve.subs({a: av, b: bv}) != 0:
                return _fails(
                    "exact: a rank-1 minimiser off the claimed curve",
                    {"a": str(av), "b": str(bv), "curve value": str(curve.subs({a: av, b: bv}))},
                )
    return CheckResult(Verdict.INCONCLUSIVE, Evidence(method="SymPy", notes="no witness found"))


_a, _b = sp.symbols("a b", real=True)
#: the printed minimum-nuclear-norm set: a = b in [-1, 1]
SEGMENT = sp.And(sp.Eq(_a, _b), _a >= -1, _a <= 1)


def nuclear_norm_facts_2x2() -> dict[str, sp.Expr]:
    r"""Residuals (all 0) of the facts behind :math:`\|W\|_*^2 = \|W\|_F^2 + 2|\det W|`, 2 x 2, generic W.

    The characteristic polynomial of :math:`W^\top W` is :math:`\mu^2 - (\sigma_1^2+\sigma_2^2)\mu +
    \sigma_1^2\sigma_2^2` (Vieta, its roots are the squared singular values); its coefficients are
    computed symbolically and compared with :math:`\|W\|_F^2` and :math:`\det(W)^2`.

    >>> set(nuclear_norm_facts_2x2().values())
    {0}
    """
    w = sp.symbols("w11 w12 w21 w22", real=True)
    W = sp.Matrix(2, 2, w)
    mu = sp.Symbol("mu")
    s1, s2 = sp.symbols("s1 s2", nonnegative=True)
    cp = (W.T * W).charpoly(mu).as_expr()
    vieta = sp.expand((mu - s1**2) * (mu - s2**2))
    c1, c0 = cp.coeff(mu, 1), cp.coeff(mu, 0)
    return {
        "leading coefficient of the char. poly - 1 (monic, degree 2)": sp.expand(cp.coeff(mu, 2) - 1)
        + sp.expand(vieta.coeff(mu, 2) - 1),
        "sigma_1^2 + sigma_2^2 - ||W||_F^2 = -c_1 - ||W||_F^2": sp.expand(-c1 - sum(x**2 for x in w)),
        "sigma_1^2 sigma_2^2 - det(W)^2 = c_0 - det(W)^2": sp.expand(c0 - W.det() ** 2),
        "(s1 + s2)^2 - (s1^2 + s2^2 + 2 s1 s2)": sp.expand((s1 + s2) ** 2 - (s1**2 + s2**2 + 2 * s1 * s2)),
    }


def check_nuclear_2x2(segment: sp.Basic = SEGMENT) -> CheckResult:
    r"""Judge: the minimum-nuclear-norm completions are a = b in [-1, 1] (norm 2), and the rank-1 ones
    a = b = +-1.  ``segment`` is a SymPy predicate in the symbols ``a``, ``b`` (real).

    z3 over the reals with :math:`\|W\|_*^2 = \|W\|_F^2 + 2|\det W|` (checked by SymPy for 2 x 2).
    """
    from symdln.certify.nuclear import prove_min_nuclear_2x2

    facts = nuclear_norm_facts_2x2()
    ident = all(v == 0 for v in facts.values())
    res = prove_min_nuclear_2x2(segment, _a, _b)
    stats = {k: v.status for k, v in res.items()}
    iff = res["min set"]
    if iff.status == "refuted":
        return _fails(
            "z3 counter-model, validated in exact rational arithmetic",
            {k: str(v) for k, v in (iff.model or {}).items()},
            notes="a completion where (||W||_* = 2) and the claimed set disagree",
        )
    if ident and all(r.status == "proved" for r in res.values()):
        return CheckResult(
            Verdict.HOLDS,
            Evidence(
                method="z3 proof over the reals (nuclear norm of a 2 x 2 via n^2 = ||W||_F^2 + 2|det W|, "
                "n >= 0)",
                precision="exact",
                details={**stats, "char. poly of W^T W, generic 2 x 2 W (residuals)": {
                    k: str(v) for k, v in facts.items()}},
                notes="sigma_1^2 + sigma_2^2 = ||W||_F^2 and sigma_1^2 sigma_2^2 = det(W)^2 (so "
                "sigma_1 sigma_2 = |det W|) from the characteristic polynomial of W^T W (Vieta), symbolic; "
                "hence ||W||_*^2 = "
                "||W||_F^2 + 2|det W|; ||W||_* >= |tr W| = 2 with equality iff W symmetric PSD: a = b, "
                "1 - a^2 >= 0",
                scope="general",
            ),
        )
    return CheckResult(
        Verdict.INCONCLUSIVE, Evidence(method="z3", details=stats, notes="z3 did not prove every part")
    )


def check_invariant_sets(operator: Callable[..., sp.Matrix] = g.metric_operator) -> CheckResult:
    r"""Judge: symmetric and diagonal matrices are invariant sets of the end-to-end flow of the
    diagonal-observation problem (E'(W) = P_Omega(W - B) is diagonal)."""
    cases = tuple((d, N) for d in (2, 3) for N in range(1, 6))

    def sym_residual(case):  # type: ignore[no-untyped-def]
        d, N = case
        P0 = symbolic_matrix("P", d, d)
        P = (P0 + P0.T) / 2  # W symmetric => WW^T = W^TW, one symmetric root P
        G = sp.diag(*sp.symbols(f"g1:{d + 1}", real=True))
        A = operator(P, P, G, N)
        return (A - A.T).applyfunc(sp.expand), sorted(P.free_symbols | G.free_symbols, key=lambda s: s.name)

    def diag_residual(case):  # type: ignore[no-untyped-def]
        d, N = case
        P = sp.diag(*sp.symbols(f"p1:{d + 1}", positive=True))
        G = sp.diag(*sp.symbols(f"g1:{d + 1}", real=True))
        A = operator(P, P, G, N)
        off = sp.Matrix([A[i, j] for i in range(d) for j in range(d) if i != j])
        return off.applyfunc(sp.expand), sorted(P.free_symbols | G.free_symbols, key=lambda s: s.name)

    for name, res in (("symmetric", sym_residual), ("diagonal", diag_residual)):
        bad = first_failing(cases, res)
        if bad is not None:
            (d, N), point, (i, j, v) = bad
            return _fails(
                "exact polynomial identity, integer witness",
                {"set": name, "d": d, "N": N, **point, f"residual[{i},{j}]": str(v)},
            )
    return CheckResult(
        Verdict.HOLDS,
        Evidence(
            method="exact: for symmetric W (one symmetric root P) A_{N,W}(G) is symmetric; "
            "for diagonal W it is "
            "diagonal (d = 2, 3; N = 1..5); general N: the sum is invariant under j -> N + 1 - j",
            precision="exact",
            residual="0",
            parameters={"(d, N)": cases},
            notes="the vector field is tangent to both linear subspaces; with uniqueness of "
            "solutions (the field "
            "is smooth where W W^T > 0) they are invariant while W stays full rank",
            scope="instances",
        ),
    )


def check_ranks_3x3() -> CheckResult:
    r"""Judge the parenthesis '3 x 3 diagonal completion (all minimisers rank 2)'."""
    Id = sp.eye(3)
    J = sp.ones(3, 3)
    if Id.rank() != 2 or J.rank() != 2:
        printed = _fails(
            "exact rank of two minimisers (unit diagonal)",
            {"I_3": f"rank {Id.rank()}", "ones(3, 3)": f"rank {J.rank()}"},
            notes="the minimisers are all matrices with unit diagonal",
        )
    else:  # pragma: no cover
        return CheckResult(Verdict.INCONCLUSIVE, Evidence(method="exact", notes="no counterexample"))
    K = sp.Matrix([[1, 1, 0], [1, 1, 0], [0, 0, 1]])
    ranks = {"ones": J.rank(), "[[1,1,0],[1,1,0],[0,0,1]]": K.rank(), "I": Id.rank()}
    general = ranks_any_diagonal_3x3()
    ok = sorted(ranks.values()) == [1, 2, 3] and sorted(general.values()) == [1, 2, 3]
    good = CheckResult(
        Verdict.HOLDS if ok else Verdict.INCONCLUSIVE,
        Evidence(
            method="exact ranks; rank >= 1 since W_11 != 0; for a symbolic nonzero diagonal c by minors "
            "(every (r+1)-minor identically 0, an r-minor a nonzero monomial in c)",
            precision="exact",
            details={"unit diagonal": ranks, "diagonal c1, c2, c3 != 0 (symbolic)": general},
            notes="the notes do not give the observed diagonal values; the counterexample takes them = 1, "
            "and the correction holds for every nonzero observed diagonal c: diag(c) has rank 3, "
            "c (1, 1, 1)^T (diagonal c_i) rank 1, [[c1, c1, 0], [c2, c2, 0], [0, 0, c3]] rank 2",
            scope="general",
        ),
    )
    return corrected(
        printed,
        good,
        "the minimisers (observed diagonal c, every c_i != 0; c = (1, 1, 1) as in the counterexample) have "
        "every rank 1, 2, 3; the minimum rank is 1 (e.g. c (1, 1, 1)^T, the all-ones matrix for c = 1)",
    )


def _rank_by_minors(M: sp.Matrix) -> int | None:
    """Rank of a matrix polynomial in nonzero symbols: r if every (r+1)-minor expands to 0 and some
    r-minor is a single nonzero monomial (nonzero for every nonzero value of the symbols); else None."""
    n = M.rows
    for r in range(n, 0, -1):
        minors = [sp.expand(M.extract(list(rows), list(cols)).det())
                  for rows in combinations(range(n), r) for cols in combinations(range(n), r)]
        if any(m != 0 for m in minors):
            if any(m != 0 and len(sp.Add.make_args(m)) == 1 for m in minors):
                return r
            return None
    return 0


def ranks_any_diagonal_3x3() -> dict[str, int | None]:
    """Ranks of three completions of a 3 x 3 observed diagonal c = (c1, c2, c3), every c_i != 0
    (symbolic): diag(c) (rank 3), [[c1, c1, 0], [c2, c2, 0], [0, 0, c3]] (rank 2), c (1, 1, 1)^T (rank 1).

    >>> sorted(ranks_any_diagonal_3x3().values())
    [1, 2, 3]
    """
    c1, c2, c3 = sp.symbols("c1 c2 c3", nonzero=True)
    mats = {
        "diag(c)": sp.diag(c1, c2, c3),
        "[[c1, c1, 0], [c2, c2, 0], [0, 0, c3]]": sp.Matrix([[c1, c1, 0], [c2, c2, 0], [0, 0, c3]]),
        "c (1, 1, 1)^T": sp.Matrix([c1, c2, c3]) * sp.ones(1, 3),
    }
    out: dict[str, int | None] = {}
    for name, M in mats.items():
        if [M[i, i] for i in range(3)] != [c1, c2, c3]:  # pragma: no cover - construction error
            out[name] = None
            continue
        out[name] = _rank_by_minors(M)
    return out


@rejects_inexact("erank_of_rank1")
def check_erank_rank1(erank_of_rank1: Callable[[sp.Expr], sp.Expr] = lambda s1: sp.Integer(1)) -> CheckResult:
    r"""Judge: effective rank does not tell the rank-1 minimisers apart: every rank-1 matrix has
    effective rank :math:`\exp(-\sum_i p_i\log p_i) = 1` (p = sigma/||sigma||_1), exactly."""
    s1 = sp.Symbol("sigma_1", positive=True)
    p = [s1 / s1]  # the one nonzero normalised singular value; 0 log 0 = 0 for the others
    er = sp.exp(-sum(pi * sp.log(pi) for pi in p))
    diff = sp.simplify(er - erank_of_rank1(s1))
    if diff != 0:
        return _fails("exact", {"sigma_1": 1, "effective rank": str(er), "claimed": str(erank_of_rank1(s1))})
    return CheckResult(
        Verdict.HOLDS,
        Evidence(
            method="exact: a rank-1 matrix has p = (1, 0, ...), entropy 0", precision="exact", residual="0",
            scope="general",
        ),
    )
