"""Sec. 2 and (4) for every size: the facts on products (the lemma on padded diagonal matrices, the
corner minor of a product through a narrow layer), the z3 reading of a condition over all integers, and
the three outcomes of the general branch -- proved, a counter-model certified exactly at its size, a
fallback to the sizes listed with its reason."""

from __future__ import annotations

import pytest
import sympy as sp
import z3

from symdln.assumption import d, p
from symdln.checks import architecture as A
from symdln.checks.architecture import cols, r, rank_W, rows
from symdln.deep import pad_factors, product
from symdln.verdict import Verdict

HOLDS, FAILS, INCONCLUSIVE = Verdict.HOLDS, Verdict.FAILS, Verdict.INCONCLUSIVE
M = sp.Min(d, p)


def _shape(a, b):
    return sp.And(sp.Eq(rows, a), sp.Eq(cols, b))


def _iff(cond):
    return sp.Equivalent(cond, _shape(d, p))


# ------------------------------------------------------------------ the facts on products
def test_the_lemma_on_padded_diagonals_and_its_use():
    assert A.padded_diagonal_product()
    # its consequence, at sizes: a chain of padded identities is D([i < min of the inner sizes])
    E = [sp.Matrix(a, b, lambda i, j: int(i == j)) for a, b in ((2, 5), (5, 1), (1, 3))]
    assert product(E) == sp.Matrix(2, 3, lambda i, j: int(i == j == 0))


@pytest.mark.parametrize("width", [1, 2, 3])
def test_the_corner_minor_of_a_narrow_product_vanishes(width):
    assert A._corner_minor_vanishes(width)


def test_certified_products_at_sizes_beyond_the_list():
    assert A._certified_product(5, 4, 4, 4) is True      # every 5 x 4 matrix, padded factors
    assert A._certified_product(40, 3, 3, 2) is False     # the corner minor, at any size
    assert A._certified_product(7, 7, 0, 1) is True       # the zero matrix
    assert A._certified_product(30, 30, 2, 2) is None     # too large to compute
    assert A._certified_product(9, 9, 6, 5) is None       # too wide a layer for the minor
    C, R = sp.eye(6)[:, :2], sp.eye(6)[:2, :]
    assert product(pad_factors(C, R, (2,))) == sp.diag(1, 1, 0, 0, 0, 0)


# ------------------------------------------------------------------ z3 over the integers
@pytest.mark.parametrize("cond", [
    sp.Contains(r, sp.Interval(1, 10)), sp.Contains(r, sp.Interval.open(1, 10)),
    sp.Contains(r, sp.FiniteSet(2, 3)), sp.Contains(r, sp.Range(1, 10)), sp.Contains(r, sp.Range(3, sp.oo)),
    sp.Xor(r > 2, d > 3), sp.ITE(r > 2, d > 3, p > 1), sp.Abs(r - d) <= 1,
    sp.floor(sp.Rational(1, 2) * r) >= 1, sp.ceiling(r / 3) <= 2, sp.Max(d, p, 2) > r])
def test_conditions_in_z3_agree_with_sympy(cond):
    env = A._z3_env()
    z = A._z3(cond, env)
    for dd, pp, rr in ((1, 1, 1), (2, 3, 2), (4, 2, 5), (3, 5, 10), (6, 6, 3)):
        expected = bool(cond.xreplace({d: dd, p: pp, r: rr}))
        got = z3.simplify(z3.substitute(z, *[(env[k], z3.IntVal(v)) for k, v in ((d, dd), (p, pp), (r, rr))]))
        assert z3.is_true(got) is expected, (dd, pp, rr)


@pytest.mark.parametrize("e", [2**r >= 4, sp.exp(r) > 1, sp.Contains(r, sp.Range(0, 10, 2)),
                               sp.Q.prime(r), r / (d - 1) > 1])
def test_what_z3_does_not_read_is_refused(e):
    with pytest.raises(A._NoZ3):
        A._z3(e, A._z3_env())


# ------------------------------------------------------------------ Sec. 2 for every size
@pytest.mark.parametrize("statement, sufficient", [
    (_iff(r >= M), False), (sp.Implies(r > M, _shape(d, p)), True),
    (_iff(r**2 >= r * M), False),                                  # nonlinear, decided by z3
    (_iff(sp.And(r >= M, sp.Contains(r, sp.Interval(1, sp.oo)))), False),
    (sp.Implies(sp.And(r >= sp.Rational(13, 2), r >= M), _shape(sp.Max(d, 1), p)), True),
])
def test_overparam_right_statements_are_proved_for_every_size(statement, sufficient):
    res = A.judge_overparametrisation(statement)
    ev = res.evidence
    assert res.verdict is HOLDS and ev.scope == "general"
    assert ("implies" if sufficient else "is equivalent to") + " r >= min(d, p)" in ev.details["z3"]
    assert "general: for every d, p, depth L >= 2" in ev.notes and "why not general" not in ev.notes


@pytest.mark.parametrize("statement, found", [
    # right at every size listed, wrong at d = p = 3 (the narrow layer is not enough there)
    (_iff(sp.Or(r >= M, sp.And(sp.Eq(d, 3), sp.Eq(p, 3)))),
     {"d": 3, "p": 3, "widths": (1,), "stated condition": True, "covers every d x p matrix": False}),
    # wrong only for d > 50: certified by the corner minor, whatever d
    (sp.Implies(sp.Or(r >= M, sp.And(d > 50, r > 2)), _shape(d, p)),
     {"d": 51, "p": 4, "widths": (3,), "stated condition": True, "covers every d x p matrix": False}),
    # necessary too, wrong from d = 5: every 5 x 1 matrix is a product through width 1
    (_iff(sp.And(r >= M, sp.Or(d < 5, r > 1))),
     {"d": 5, "p": 1, "widths": (1,), "stated condition": False, "covers every d x p matrix": True}),
])
def test_overparam_mismatches_beyond_the_sizes_fail_certified(statement, found):
    res = A.judge_overparametrisation(statement)
    assert res.verdict is FAILS
    assert res.evidence.counterexample == {**found, "found by": "z3, every size"}
    assert res.evidence.method.startswith("z3 over every size, certified at that size")


def test_overparam_a_shape_wrong_beyond_the_sizes_fails():
    res = A.judge_overparametrisation(sp.Implies(r >= M, _shape(sp.Min(d, 3), p)))
    assert res.verdict is FAILS
    assert res.evidence.counterexample == {"d": 4, "p": 1, "stated shape": "(3, 1)",
                                           "found by": "z3, every size", "shape of W_1 ... W_L": (4, 1)}


def test_overparam_a_threshold_that_is_not_enough_at_large_sizes_is_not_held():
    # r >= 13/2 is not sufficient: d = p = 8, r = 7 (a rank-8 matrix through a width-7 layer); the
    # corner minor at width 7 is not computed, so the mismatch is reported, not certified
    res = A.judge_overparametrisation(sp.Implies(r >= sp.Rational(13, 2), _shape(d, p)))
    assert res.verdict is INCONCLUSIVE and "not certified" in res.evidence.notes
    assert res.evidence.details == {"d": 8, "p": 8, "widths": (7,), "stated condition": True,
                                    "found by": "z3, every size",
                                    "covers every d x p matrix (r >= min(d, p))": False}


@pytest.mark.parametrize("statement, reason", [
    (_iff(2**r >= 2**M), "no z3 encoding of Pow"),
    (sp.Implies(r >= sp.sqrt(d * p), _shape(d, p)), "no z3 encoding of Pow"),
])
def test_overparam_outside_z3_falls_back_with_its_reason(statement, reason):
    res = A.judge_overparametrisation(statement)
    ev = res.evidence
    assert res.verdict is HOLDS and ev.scope == "instances"
    assert f"why not general: {reason}" in ev.notes
    assert "Missing step: a decision of the condition" in ev.notes
    assert "the truth itself holds for every size" in ev.notes


# ------------------------------------------------------------------ (4) for every size
@pytest.mark.parametrize("statement", [rank_W <= r, sp.Or(rank_W <= r, rank_W > M), rank_W < r + 1,
                                       sp.Not(rank_W > r), sp.And(rank_W <= r, rank_W <= M)])
def test_rank_right_constraints_are_proved_for_every_size(statement):
    res = A.judge_rank_constraint(statement)
    assert res.verdict is HOLDS and res.evidence.scope == "general"
    z3_text = res.evidence.details["z3"]
    assert "0 <= rank_W <= min(d, p): the condition is equivalent to rank_W <= r" in z3_text


@pytest.mark.parametrize("statement, found", [
    (sp.Or(rank_W <= r, sp.And(sp.Eq(d, 4), sp.Eq(rank_W, 3))), dict(d=4, p=3, r=1, k=3, product=False)),
    (sp.Or(rank_W <= r, d > 100), dict(d=101, p=2, r=1, k=2, product=False)),
    (sp.And(rank_W <= r, d < 30), dict(d=30, p=2, r=1, k=0, product=True)),
])
def test_rank_mismatches_beyond_the_sizes_fail_certified(statement, found):
    res = A.judge_rank_constraint(statement)
    ce = res.evidence.counterexample
    assert res.verdict is FAILS and ce["found by"] == "z3, every size"
    assert (ce["d"], ce["p"], ce["r"], ce["rank W"], ce["a product"]) == tuple(found.values())
    assert ce["feasible in (4)"] is (not found["product"])


@pytest.mark.parametrize("statement, found", [
    (sp.Or(rank_W <= r, r >= 4), {"d": 5, "p": 5, "r": 4, "rank W": 5, "feasible in (4)": True}),
    (sp.And(rank_W <= r, sp.Or(d < 201, sp.Eq(rank_W, 0))),
     {"d": 201, "p": 2, "r": 1, "rank W": 1, "feasible in (4)": False}),
])
def test_rank_mismatches_too_large_to_compute_are_not_held(statement, found):
    res = A.judge_rank_constraint(statement)
    assert res.verdict is INCONCLUSIVE and "not certified" in res.evidence.notes
    details = res.evidence.details
    assert {k: details[k] for k in found} == found
    assert details["a product (rank_W <= r)"] is (found["rank W"] <= found["r"])


def test_rank_outside_z3_falls_back_with_its_reason():
    res = A.judge_rank_constraint(2**rank_W <= 2**r)
    ev = res.evidence
    assert res.verdict is HOLDS and ev.scope == "instances"
    assert "why not general: no z3 encoding of Pow" in ev.notes and "Missing step" in ev.notes
