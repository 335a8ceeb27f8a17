"""The proof sketch of Thm. 3 (paper 1): (24), the 1/w recursion, the inequalities, monotonicity."""

from __future__ import annotations

import sympy as sp

from symdln.checks import discrete_sketch as sk
from symdln.claims import by_id
from symdln.notation import eta, lam, sigma, w_next, w_t
from symdln.runner import run_claim
from symdln.verdict import Verdict

HAC = Verdict.HOLDS_AFTER_CORRECTION


def test_eq24_identity_printed():
    r = sk.check_eq24_identity()
    assert r.verdict is HAC
    assert "lambda_i/sigma_i" in r.evidence.corrected_statement


def test_eq24_identity_corrected_holds():
    assert sk.check_eq24_identity(lambda s, l: l / s, lambda s, e: 2 * s).verdict is Verdict.HOLDS


def test_eq24_identity_negative_wrong_rate():
    assert sk.check_eq24_identity(lambda s, l: l / s, lambda s, e: 3 * s).verdict is Verdict.FAILS


def test_eq24_recursion_printed_misses_eta():
    run = run_claim(by_id("eq24.recursion"))
    assert run.verdict is HAC and run.correction_verdict is Verdict.HOLDS
    assert run.formula_checks[0].result.evidence.counterexample["lhs - rhs"] != 0


def test_eq24_recursion_negative_wrong_square():
    wrong = sp.Eq(1 / w_next - lam / sigma, 1 / (w_t * (1 + 2 * eta * (sigma - lam * w_t))) - lam / sigma)
    run = run_claim(by_id("eq24.recursion"), correction_expr=wrong)
    assert run.correction_verdict is Verdict.FAILS and run.verdict is Verdict.FAILS


def test_inequalities_printed_range_empty():
    r = sk.check_inequalities()
    assert r.verdict is HAC
    assert r.evidence.counterexample["z3"].startswith("no x")
    assert "x >= 0" in r.evidence.corrected_statement


def test_inequalities_intended_range_holds():
    assert sk.check_inequalities(x_range=(0, 1)).verdict is Verdict.HOLDS


def test_inequalities_negative_wrong_coefficient():
    r = sk.check_inequalities(upper=lambda x: 1 - x + x * x / 2, x_range=(0, 1))
    assert r.verdict is Verdict.FAILS and r.evidence.counterexample


def test_inequalities_negative_range_below_zero():
    assert sk.check_inequalities(x_range=(-sk.sp.Rational(1, 2), 1)).verdict is Verdict.FAILS


def test_increasing_printed():
    r = sk.check_increasing()
    assert r.verdict is HAC
    cex = r.evidence.counterexample
    assert "ceiling" in cex and "increasing" in cex


def test_increasing_corrected_holds():
    assert sk.check_increasing(lambda s, l: s / l, True).verdict is Verdict.HOLDS


def test_increasing_negative_wrong_ceiling():
    assert sk.check_increasing(lambda s, l: s / (2 * l), True).verdict is Verdict.FAILS
