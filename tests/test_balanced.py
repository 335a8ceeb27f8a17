"""Paper 2, the balanced manifold: dimension, submersion, orbit volume; a negative test for each."""

from __future__ import annotations

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
