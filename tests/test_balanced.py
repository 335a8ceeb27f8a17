"""Paper 2, the balanced manifold: dimension, submersion, orbit volume; a negative test for each."""

from __future__ import annotations

import sympy as sp

from symdln import geometry as g
from symdln.checks import balanced as cb
from symdln.verdict import Verdict


def _fails(r):
    assert r.verdict is Verdict.FAILS, r.evidence
    assert r.evidence.counterexample


def test_dimension_holds():
    r = cb.check_balanced_dimension()
    assert r.verdict is Verdict.HOLDS, r.evidence


def test_dimension_wrong_count():
    _fails(cb.check_balanced_dimension(dimension=lambda d, N: d * d + N * d * (d - 1) // 2))


def test_submersion_holds_for_unnormalised_metric():
    assert cb.check_submersion().verdict is Verdict.HOLDS


def test_submersion_is_not_the_normalised_metric():
    # the notes' A_{N,W} carries 1/N: its metric is N x the submersion metric
    _fails(cb.check_submersion(operator=g.metric_operator))


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
