"""Paper 2, the balanced manifold: dimension, submersion, orbit volume; a negative test for each."""

from __future__ import annotations

import sympy as sp

from symdln import geometry as g
from symdln.checks import balanced as cb
from symdln.checks import balanced_entropy as cbe
from symdln.verdict import Verdict

R = sp.Rational


def _fails(r):
    assert r.verdict is Verdict.FAILS, r.evidence
    assert r.evidence.counterexample


def test_dimension_holds():
    r = cb.check_balanced_dimension()
    assert r.verdict is Verdict.HOLDS, r.evidence


def test_dimension_wrong_count():
    _fails(cb.check_balanced_dimension(dimension=lambda d, N: d * d + N * d * (d - 1) // 2))


def test_submersion_holds_for_unnormalised_metric():
    assert cb.check_submersion(operator=cb.unnormalised_operator).verdict is Verdict.HOLDS


def test_submersion_printed_needs_correction():
    # the notes' g^N carries 1/N: it is N x the submersion metric from the Euclidean factors
    r = cb.check_submersion()
    assert r.verdict is Verdict.HOLDS_AFTER_CORRECTION
    cex = r.evidence.counterexample
    assert cex["N"] == 2 and sp.Rational(cex["claimed metric"]) == 2 * sp.Rational(cex["submersion metric"])
    assert "g^N/N" in r.evidence.corrected_statement


def test_submersion_is_not_the_normalised_metric():
    _fails(cb.check_submersion(operator=g.metric_operator, corrected_operator=g.metric_operator))


def test_submersion_wrong_correction_fails():
    def twice(P, Q, Z, N):
        return 2 * cb.unnormalised_operator(P, Q, Z, N)

    _fails(cb.check_submersion(corrected_operator=twice))


def test_submersion_float_operator_is_inconclusive():
    def floaty(P, Q, Z, N):
        return cb.unnormalised_operator(P, Q, Z, N) * 1.0000000001

    assert cb.check_submersion(operator=floaty).verdict is Verdict.INCONCLUSIVE


def test_dimension_wrong_beyond_the_rank_cases():
    # agrees with the exact ranks (d <= 3) but not with the derived N d^2 - (N-1) d(d+1)/2 at d = 5
    r = cb.check_balanced_dimension(dimension=lambda d, N: g.balanced_dimension(d, N) + (d == 5))
    _fails(r)
    assert r.evidence.counterexample["d"] == 5


def test_right_inverse_and_equivariance_verify():
    assert cb.right_inverse_residual(3, 4) == []
    assert cb.equivariance_residual(2) == [] and cb.equivariance_residual(3) == []


def test_a_wrong_right_inverse_is_caught(monkeypatch):
    def wrong(s, Ss):  # forgets the carried term X_j D + D X_j^T
        d = len(s)
        return [sp.zeros(d, d)] + [
            sp.Matrix([[S[a, b] / (s[a] + s[b]) for b in range(d)] for a in range(d)]) for S in Ss
        ]

    monkeypatch.setattr(cb, "right_inverse", wrong)
    assert cb.right_inverse_residual(2, 3) != []
    assert cb.check_balanced_dimension().verdict is Verdict.INCONCLUSIVE


def test_equivariance_needs_orthogonality(monkeypatch):
    monkeypatch.setattr(cb, "_rotation", lambda d, k: sp.eye(d) * (k + 1))
    assert cb.equivariance_residual(3) != []


# ---------------------------------------------------------------- orbit volume / entropy
def test_entropy_derived_formula_holds():
    r = cbe.check_balanced_entropy()
    assert r.verdict is Verdict.HOLDS, r.evidence
    assert "not state" in r.evidence.notes


def _van(xs):
    return g.vandermonde(list(xs))


def test_entropy_without_square_root_fails():
    def wrong(sig, N):
        d = len(sig)
        return sp.Integer(2) ** R((N - 1) * d * (d - 1), 4) * _van(s**2 for s in sig) / _van(
            s ** R(2, N) for s in sig
        )

    r = cbe.check_balanced_entropy(density=wrong)
    _fails(r)
    assert r.evidence.counterexample["d"] == 2 and r.evidence.counterexample["N"] == 2


def test_entropy_wrong_factor_vandermonde_fails():
    def wrong(sig, N):  # van(Sigma^{1/N}) instead of the factors' squared singular values
        d = len(sig)
        return sp.Integer(2) ** R((N - 1) * d * (d - 1), 4) * sp.sqrt(
            _van(s**2 for s in sig) / _van(s ** R(1, N) for s in sig)
        )

    _fails(cbe.check_balanced_entropy(density=wrong))


def test_entropy_wrong_constant_fails():
    _fails(cbe.check_balanced_entropy(density=lambda sig, N: cbe.orbit_density(sig, N) * 2))


def test_coarea_identity_can_fail(monkeypatch):
    # with the density of g^N/N in place of the computed g^N one the coarea identity breaks
    computed = g.chart_density

    def wrong(*args):
        rho, det_j = computed(*args)
        return rho / sp.sqrt(args[3]) ** (len(args[2]) ** 2), det_j

    monkeypatch.setattr(cbe.g, "chart_density", wrong)
    r = cbe.check_balanced_entropy()
    _fails(r)
    assert "implied density" in r.evidence.counterexample


def test_orbit_volume_depth_one_is_a_point():
    assert cbe.orbit_density([sp.Integer(5), sp.Integer(2), sp.Integer(1)], 1) == 1


def test_tridiagonal_closed_form_small_n():
    x, y = sp.symbols("x y", positive=True)
    for n in range(1, 7):
        T = sp.Matrix(n, n, lambda i, j: x + y if i == j else (-sp.sqrt(x * y) if abs(i - j) == 1 else 0))
        assert sp.cancel(T.det() - cbe.tridiagonal_det(x, y, n)) == 0


def test_entropy_symbolic_stage_finds_a_witness_off_the_exact_points():
    points = cbe.POINTS.items()
    exact = {tuple(x**N for x in a) for d, pts in points for a in pts for N in cbe.DEPTHS_ORBIT[d]}

    def only_right_at_the_exact_points(sig, N):
        return cbe.orbit_density(sig, N) * (1 if tuple(sig) in exact else sp.sqrt(2))

    r = cbe.check_balanced_entropy(density=only_right_at_the_exact_points)
    _fails(r)
    assert r.evidence.counterexample["sigma"] not in exact


def test_haar_volumes_computed():
    vols = cbe.haar_volumes_computed()
    assert vols[2] == 4 * sp.pi and vols[3] == 16 * sp.pi**2 and vols[4] == 32 * sp.pi**4


def test_entropy_wrong_haar_volume_fails():
    # vol(SO(3)) in place of vol(O(3))
    r = cbe.check_balanced_entropy(haar=lambda d: g.haar_volume(d) / (2 if d == 3 else 1))
    _fails(r)
    assert r.evidence.counterexample["d"] == 3


def test_entropy_haar_without_the_factor_two_fails():
    _fails(cbe.check_balanced_entropy(haar=lambda d: g.haar_volume(d) / 2))


def test_entropy_float_density_is_inconclusive():
    r = cbe.check_balanced_entropy(density=lambda s, N: g.orbit_density(s, N) * 1.0)
    assert r.verdict is Verdict.INCONCLUSIVE
    assert "Float" in r.evidence.notes


def test_density_not_taking_symbols_is_inconclusive_not_fails():
    """Right at every rational point, but sorting symbolic sigmas raises: undecided, not FAILS."""
    r = cbe.check_balanced_entropy(density=lambda sig, N: g.orbit_density(sorted(sig, reverse=True), N))
    assert r.verdict is Verdict.INCONCLUSIVE
