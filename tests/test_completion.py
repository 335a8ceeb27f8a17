"""Paper 2 matrix completion: exact claims, negative tests, simulators (order, stability)."""

from __future__ import annotations

import math

import mpmath
import numpy as np
import pytest
import sympy as sp
from hypothesis import example, given
from hypothesis import strategies as st

from symdln import completion as c
from symdln import geometry as g
from symdln.checks import completion as cc
from symdln.checks import geometry as cg
from symdln.verdict import Verdict


def _fails(r):
    assert r.verdict is Verdict.FAILS, r.evidence
    assert r.evidence.counterexample


def test_minimisers_hold():
    assert cc.check_minimisers_2x2().verdict is Verdict.HOLDS


def test_minimisers_wrong_hyperbola():
    _fails(cc.check_minimisers_2x2(rank1_curve=lambda a, b: a * b + 1))


def test_nuclear_holds():
    r = cc.check_nuclear_2x2()
    assert r.verdict is Verdict.HOLDS, r.evidence


def test_nuclear_wrong_segment():
    a, b = sp.symbols("a b", real=True)
    r = cc.check_nuclear_2x2(segment=sp.And(sp.Eq(a, b), a >= 0, a <= 1))
    _fails(r)


def test_invariant_sets_hold():
    assert cc.check_invariant_sets().verdict is Verdict.HOLDS


def test_invariant_sets_off_by_one_operator():
    def wrong(P, Q, Z, N):
        return sum((P ** (N - j) * Z * Q**j for j in range(1, N + 1)), sp.zeros(*Z.shape)) / N

    _fails(cc.check_invariant_sets(operator=wrong))


def test_ranks_3x3_needs_correction():
    r = cc.check_ranks_3x3()
    assert r.verdict is Verdict.HOLDS_AFTER_CORRECTION
    assert r.evidence.counterexample["ones(3, 3)"] == "rank 1"


@pytest.mark.xfail(
    strict=True,
    reason="3 x 3 diagonal completion: I_3 (rank 3) and the all-ones matrix "
    "(rank 1) are minimisers; not all minimisers have rank 2",
)
def test_printed_all_3x3_minimisers_rank_2():
    for M in (sp.eye(3), sp.ones(3, 3)):
        assert M.rank() == 2


def test_corrected_3x3_minimiser_ranks():
    ranks = {sp.eye(3).rank(), sp.ones(3, 3).rank(), sp.Matrix([[1, 1, 0], [1, 1, 0], [0, 0, 1]]).rank()}
    assert ranks == {1, 2, 3}


@pytest.mark.parametrize(
    "check", [cc.check_outcomes_2x2, cc.check_brtw, cc.check_shin_yun, cc.check_proposal]
)
def test_observations_are_inconclusive_with_numbers(check):
    r = check()
    assert r.verdict is Verdict.INCONCLUSIVE and r.evidence.details


# ---------------------------------------------------------------- simulators
def test_flow_rhs_matches_exact_operator():
    pt = cg.exact_point(2, 3)
    W = np.array(pt["W"], dtype=float)[None]
    mask, B = c.diagonal_problem(1, 2)
    G = sp.Matrix(mask[0] * (W[0] - B[0]))
    exact = -g.metric_operator(pt["P"], pt["Q"], sp.nsimplify(G), 3)
    # float64 SVD of an exact matrix: agreement to rounding (condition ~ sigma_1/sigma_2 = 8)
    assert np.allclose(c.flow_rhs(W, 3, mask, B)[0], np.array(exact, dtype=float), rtol=1e-12, atol=1e-12)


def test_rk4_order():
    """Log-log slope of the error against h is the scheme's order (band +-0.5)."""
    mask, B = c.diagonal_problem(1, 2)
    W0 = np.array([[[0.3, 0.2], [-0.1, 0.5]]])
    ref, _ = c.rk4(W0, 3, mask, B, 2.0, 2.0 / 2048)
    hs = [2.0 / 16, 2.0 / 32, 2.0 / 64, 2.0 / 128]
    errs = [np.abs(c.rk4(W0, 3, mask, B, 2.0, h)[0] - ref).max() for h in hs]
    slope = np.polyfit(np.log(hs), np.log(errs), 1)[0]
    assert abs(slope - c.RK4_ORDER) < 0.5, (slope, errs)


def test_rk4_vectorised_equals_per_run():
    mask, B = c.diagonal_problem(3, 2)
    W0 = c.balanced_init(3, 2, 0.3, 5)
    batch, _ = c.rk4(W0, math.inf, mask, B, 1.0, 0.05)
    for k in range(3):
        one, _ = c.rk4(W0[k : k + 1], math.inf, mask[k : k + 1], B[k : k + 1], 1.0, 0.05)
        assert np.array_equal(one[0], batch[k])


def test_invariance_observed_in_simulation():
    mask, B = c.diagonal_problem(4, 2)
    W0 = c.balanced_init(4, 2, 0.1, 3)
    W0 = (W0 + np.swapaxes(W0, -1, -2)) / 2 + 0.05 * np.eye(2)
    W, _ = c.rk4(W0, 3, mask, B, 5.0, 0.05)
    assert np.abs(W - np.swapaxes(W, -1, -2)).max() < 1e-12  # rounding only


s_values = st.floats(min_value=1e-6, max_value=10.0)


@given(s1=s_values, s2=s_values, N=st.sampled_from([1, 2, 3, 5, 10, math.inf]))
@example(s1=1.0, s2=1.0 + 1e-12, N=math.inf)  # near-equal: log mean without cancellation
@example(s1=1.0, s2=1e-6, N=math.inf)  # near-zero
@example(s1=2.0, s2=2.0, N=5)  # equal
def test_eigen_matrix_against_mpmath(s1, s2, N):
    """Numeric eigenvalues agree with a 50-digit evaluation (relative 1e-12: a few float64 roundings)."""
    lam = c.eigen_matrix(np.array([[s1, s2]]), N)[0, 0, 1]
    with mpmath.workdps(50):
        x, y = mpmath.mpf(s1) ** 2, mpmath.mpf(s2) ** 2
        if N == math.inf:
            ref = x if x == y else (x - y) / (mpmath.log(x) - mpmath.log(y))
        else:
            ref = (
                sum(x ** (mpmath.mpf(N - j) / N) * y ** (mpmath.mpf(j - 1) / N) for j in range(1, N + 1)) / N
            )
        assert abs(lam - float(ref)) <= 1e-12 * float(ref)


def test_nuclear_norm_completion_2x2():
    r = c.nuclear_norm_completion(np.eye(2), np.eye(2))
    assert abs(r.nuclear_norm - 2) < 1e-5 and r.gap < 1e-5
    assert np.allclose(np.diag(r.X), 1)


def test_nuclear_norm_lower_bound_is_valid():
    rng = np.random.default_rng(0)
    M = rng.standard_normal((6, 2)) @ rng.standard_normal((2, 6))
    mask = (rng.random((6, 6)) < 0.6).astype(float)
    r = c.nuclear_norm_completion(mask, M)
    assert r.lower_bound <= r.nuclear_norm + 1e-9
    assert np.allclose(r.X[mask > 0], M[mask > 0])


@pytest.mark.slow
def test_full_2x2_ensemble():
    ens = cc.ensemble(2, 200, (2, 3, 5, 10, math.inf), h=0.05)
    for W in ens.values():
        assert np.all(np.isfinite(W))


def test_erank_rank1_holds():
    assert cc.check_erank_rank1().verdict is Verdict.HOLDS


def test_erank_rank1_wrong_value():
    _fails(cc.check_erank_rank1(erank_of_rank1=lambda s: sp.Integer(2)))


rationals = st.fractions(min_value=-3, max_value=3, max_denominator=50)


@given(a=rationals, b=rationals)
@example(a=1, b=1)  # rank-1 corner: minimum
@example(a=-1, b=-1)
@example(a=2, b=sp.Rational(1, 2))  # on the hyperbola, off the segment
def test_nuclear_norm_2x2_formula_and_bound(a, b):
    """||W||_*^2 = 2 + a^2 + b^2 + 2|1 - ab| (float SVD vs exact value: 1e-12 relative, a few roundings)
    and ||W||_* >= 2."""
    W = np.array([[1.0, float(a)], [float(b), 1.0]])
    nuc = np.linalg.svd(W, compute_uv=False).sum()
    exact = 2 + sp.Rational(a) ** 2 + sp.Rational(b) ** 2 + 2 * abs(1 - sp.Rational(a) * sp.Rational(b))
    assert abs(nuc**2 - float(exact)) <= 1e-12 * float(exact)
    assert exact >= 4


entries = st.floats(min_value=-10, max_value=10, allow_nan=False, allow_infinity=False)


@given(a=entries, b=entries, c_=entries, d=entries)
@example(a=0.0, b=0.0, c_=0.0, d=0.0)  # zero matrix
@example(a=1.0, b=0.0, c_=0.0, d=1.0)  # equal singular values
@example(a=1.0, b=1.0, c_=1.0, d=1.0)  # rank 1
@example(a=1.0, b=0.0, c_=0.0, d=-1.0)  # Q - R < 0 branch
def test_svd2_against_lapack(a, b, c_, d):
    """Closed-form 2 x 2 SVD: reconstruction, orthogonality, ordering, and LAPACK's singular values
    (absolute 1e-13 x scale: a few roundings of entries up to 10)."""
    W = np.array([[[a, b], [c_, d]]])
    U, s, Vt = c.svd2(W)
    scale = max(1.0, float(np.abs(W).max()))
    assert np.abs(U * s[:, None, :] @ Vt - W).max() <= 1e-13 * scale
    assert np.abs(np.swapaxes(U, -1, -2) @ U - np.eye(2)).max() <= 1e-14
    assert np.abs(Vt @ np.swapaxes(Vt, -1, -2) - np.eye(2)).max() <= 1e-14
    assert s[0, 0] >= s[0, 1] >= 0
    assert np.abs(s - np.linalg.svd(W, compute_uv=False)).max() <= 1e-13 * scale


def test_ranks3x3_any_nonzero_diagonal():
    assert sorted(cc.ranks_any_diagonal_3x3().values()) == [1, 2, 3]
    r = cc.check_ranks_3x3()
    assert r.verdict is Verdict.HOLDS_AFTER_CORRECTION
    assert "every c_i != 0" in r.evidence.corrected_statement


def test_rank_by_minors_undecided_on_a_polynomial_minor():
    c1, c2 = sp.symbols("c1 c2", nonzero=True)
    # det = c1 c2 - c2^2 vanishes at c1 = c2: the rank is not decided for every nonzero c
    assert cc._rank_by_minors(sp.Matrix([[c1, c2], [c2, c2]])) is None
    assert cc._rank_by_minors(sp.Matrix([[c1, c1], [c2, c2]])) == 1


# ---------------------------------------------------------------- the truth computed, formulas judged
def test_effective_rank_is_computed_exactly_and_in_floats():
    W = sp.Matrix([[1, 2], [0, 3]])
    exact = c.effective_rank(W)
    assert exact != 1 and abs(float(exact) - c.effective_rank(np.array(W.tolist(), dtype=float))) < 1e-12
    a = sp.Symbol("a", real=True, nonzero=True)
    assert c.effective_rank(sp.Matrix([[1, a], [1 / a, 1]])) == 1


def test_erank_rank1_truth_is_computed():
    details = cc.check_erank_rank1().evidence.details["effective rank (computed)"]
    assert set(details.values()) == {"1"} and any("minimiser" in k for k in details)


@pytest.mark.parametrize("wrong", [lambda s: -sp.Integer(1), lambda s: s, lambda s: sp.Integer(1) + 1 / s])
def test_erank_rank1_wrong_formula_fails(wrong):
    cex = cc.check_erank_rank1(erank_of_rank1=wrong).evidence.counterexample
    _fails(cc.check_erank_rank1(erank_of_rank1=wrong))
    assert cex["effective rank"] == "1" and cex["claimed"] != "1"


def test_erank_rank1_float_is_inconclusive():
    r = cc.check_erank_rank1(erank_of_rank1=lambda s: 1.0 + 0 * s)
    assert r.verdict is Verdict.INCONCLUSIVE and "Float" in r.evidence.notes


def test_minimisers_family_too_small_fails():
    """Symmetric completions only: a minimiser (E = 0) outside the claimed family."""
    r = cc.check_minimisers_2x2(minimisers=lambda a, b: sp.Matrix([[1, a], [a, 1]]))
    _fails(r)
    W = sp.Matrix(sp.sympify(r.evidence.counterexample["W"]))
    assert r.evidence.counterexample["E(W)"] == "0" and not W.is_symmetric()


def test_minimisers_family_not_minimisers_fails():
    r = cc.check_minimisers_2x2(minimisers=lambda a, b: sp.Matrix([[1, a], [b, -1]]))
    _fails(r)
    assert sp.sympify(r.evidence.counterexample["E(W)"]) > 0


def test_minimisers_family_missing_negative_entries_fails():
    r = cc.check_minimisers_2x2(minimisers=lambda a, b: sp.Matrix([[1, a**2], [b, 1]]))
    _fails(r)
    assert sp.Matrix(sp.sympify(r.evidence.counterexample["W"]))[0, 1] < 0


@pytest.mark.parametrize(
    "rank1",
    [
        sp.And(sp.Eq(cc._a, 1), sp.Eq(cc._b, 1)),
        sp.Or(cc.CORNERS, sp.And(sp.Eq(cc._a, 2), sp.Eq(cc._b, sp.Rational(1, 2)))),
    ],
    ids=["missing a = b = -1", "extra point (2, 1/2)"],
)
def test_nuclear_wrong_rank1_set(rank1):
    r = cc.check_nuclear_2x2(rank1=rank1)
    _fails(r)
    assert r.evidence.counterexample["set"] == "rank-1 min set"


def test_ranks_3x3_claimed_rank_is_judged():
    r = cc.check_ranks_3x3(rank=3)
    assert r.verdict is Verdict.HOLDS_AFTER_CORRECTION
    assert set(r.evidence.counterexample) == {"ones(3, 3)", "[[1,1,0],[1,1,0],[0,0,1]]"}
