"""symdln.certify.smt: rational counter-models."""

from __future__ import annotations

from fractions import Fraction

import z3

from symdln.certify.smt import _rational_model


def test_a_model_with_two_irrational_values_is_rationalised_one_value_at_a_time():
    """Regression: the first irrational value was picked by ``irrational or d``, and a z3
    declaration has no truth value (Z3Exception as soon as a model had two irrational values)."""
    x, y = z3.Reals("x y")
    s = z3.Solver()
    s.add(x * x == 2, y * y == 3, x > 0, y > 0)
    assert s.check() == z3.sat
    assert _rational_model(s, z3.Or(x > 10, y > 10)) is None  # no rational model of x^2 = 2


def test_a_rational_model_that_falsifies_the_claim_is_returned_exactly():
    x, y = z3.Reals("x y")
    s = z3.Solver()
    s.add(x * x == 2, y > 1, y < 2)  # x irrational; once y is fixed, x still irrational: no model
    assert s.check() == z3.sat
    assert _rational_model(s, y > 5) is None
    s2 = z3.Solver()
    s2.add(y > 1, y < 2, 3 * y == 4)
    assert s2.check() == z3.sat
    assert _rational_model(s2, y > 5) == {"y": Fraction(4, 3)}
