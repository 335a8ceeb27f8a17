"""The proof sketch of Thm. 3 (paper 1): (24), the 1/w recursion, the inequalities, monotonicity."""

from __future__ import annotations

import pytest
import sympy as sp

from symdln.checks import discrete_sketch as sk
from symdln.claims import by_id
from symdln.notation import eta, lam, sigma, t, w, w0, w_next, w_t
from symdln.runner import run_claim
from symdln.verdict import Verdict

HAC = Verdict.HOLDS_AFTER_CORRECTION


def _closed_form(constant, rate):
    return sp.Eq(1 / w(t) - constant, (1 / w0 - constant) * sp.exp(-rate * t))


def test_eq24_identity_printed():
    run = run_claim(by_id("eq24.identity"))
    assert run.verdict is HAC and run.correction_verdict is Verdict.HOLDS
    assert run.formula_checks[0].result.evidence.counterexample["residual"] == "dw/dt - f(w)"


def test_eq24_identity_corrected_holds():
    r = sk.judge_mode_flow(_closed_form(lam / sigma, 2 * sigma))
    assert r.verdict is Verdict.HOLDS and r.evidence.scope == "general"


@pytest.mark.parametrize("constant, rate", [
    (lam / sigma, 3 * sigma),            # a wrong rate
    (lam / sigma, 2 * eta * sigma),      # the per-step rate in continuous time
    (sigma / lam, 2 * sigma),            # the printed constant
    (lam / sigma, 2 * lam),              # sigma and lambda swapped in the rate
])
def test_eq24_identity_negative(constant, rate):
    r = sk.judge_mode_flow(_closed_form(constant, rate))
    assert r.verdict is Verdict.FAILS and r.evidence.counterexample["sign"] in (-1, 1)


def test_eq24_identity_undefined_initial_value_fails():
    """Regression (a generated mutant): with the 1/w_0 term dropped, w(0) is infinite."""
    wrong = sp.Eq(1 / w(t) - sigma / lam, -sigma / lam * sp.exp(-2 * eta * sigma * t))
    r = sk.judge_mode_flow(wrong)
    assert r.verdict is Verdict.FAILS and "undefined" in str(r.evidence.counterexample["sign"])


def test_eq24_identity_initial_value_checked():
    wrong = sp.Eq(1 / w(t) - lam / sigma, (2 / w0 - lam / sigma) * sp.exp(-2 * sigma * t))
    r = sk.judge_mode_flow(wrong)
    assert r.verdict is Verdict.FAILS and r.evidence.counterexample["residual"] == "w(0) - w_0"


def test_eq24_identity_user_formula_through_the_cli(capsys):
    from symdln.cli import main

    assert main(["check", "eq24.identity", "--correction",
                 "Eq(1/w(t) - lambda/sigma, (1/w_0 - lambda/sigma)*exp(-2*sigma*t))"]) == 0
    assert "correction verdict: holds" in capsys.readouterr().out


def test_eq24_recursion_printed_misses_eta():
    run = run_claim(by_id("eq24.recursion"))
    assert run.verdict is HAC and run.correction_verdict is Verdict.HOLDS
    assert run.formula_checks[0].result.evidence.counterexample["lhs - rhs"] != 0


def test_eq24_recursion_negative_wrong_square():
    wrong = sp.Eq(1 / w_next - lam / sigma, 1 / (w_t * (1 + 2 * eta * (sigma - lam * w_t))) - lam / sigma)
    run = run_claim(by_id("eq24.recursion"), correction_expr=wrong)
    assert run.correction_verdict is Verdict.FAILS and run.verdict is Verdict.FAILS


X = sk.X
P = sp.And(1 - X <= 1 / (1 + X), 1 / (1 + X) <= 1 - X + X**2)


def test_inequalities_printed_range_empty():
    run = run_claim(by_id("eq24.inequalities"))
    assert run.verdict is HAC and run.correction_verdict is Verdict.HOLDS
    cex = run.formula_checks[0].result.evidence.counterexample
    assert cex["question"] == "the range covers the x the proof needs" and 0 < sp.Rational(cex["x"]) < 1


def test_inequalities_intended_range_holds():
    assert sk.judge_inequalities(sp.Implies(sp.And(X >= 0, X <= 2), P)).verdict is Verdict.HOLDS


@pytest.mark.parametrize("wrong", [
    sp.Implies(sp.And(X >= 0, X <= 2), sp.And(1 - X <= 1 / (1 + X), 1 / (1 + X) <= 1 - X + X**2 / 2)),
    sp.Implies(X >= -sp.Rational(1, 2), P),          # a range below 0: the right inequality fails
    sp.Implies(sp.And(X >= 0, X <= 1), P),           # too narrow: misses x in (1, 5/4)
    sp.Equivalent(X >= -sp.Rational(1, 2), P),       # iff with the wrong threshold
    sp.Equivalent(X >= sp.Rational(1, 2), P),        # iff: P also holds on [0, 1/2)
    sp.Implies(X < -2, P),                           # vacuous on x > -1
])
def test_inequalities_negative(wrong):
    r = sk.judge_inequalities(wrong)
    assert r.verdict is Verdict.FAILS and r.evidence.counterexample["question"]


def test_increasing_printed():
    run = run_claim(by_id("eq24.monotone"))
    assert run.verdict is HAC and run.correction_verdict is Verdict.HOLDS
    cex = run.formula_checks[0].result.evidence.counterexample
    assert cex["violated"] in ("w_next > w_t", "w_t < 1")


def test_increasing_corrected_holds_in_general():
    r = sk.judge_invariant(sp.Implies(lam * w0 < sigma, sp.And(w_next > w_t, w_t < sigma / lam)))
    assert r.verdict is Verdict.HOLDS and r.evidence.scope == "general"


@pytest.mark.parametrize("wrong", [
    sp.Implies(lam * w0 < sigma, sp.And(w_next > w_t, w_t < sigma / (2 * lam))),   # a lower ceiling
    sp.Implies(lam * w0 < sigma, sp.And(w_next > w_t, w_t < 1)),                    # the printed ceiling
    sp.Implies(lam * w0 <= sigma, sp.And(w_next > w_t, w_t <= sigma / lam)),        # w0 = sigma/lambda
    sp.And(w_next > w_t, w_t < sigma / lam),                                        # no condition
])
def test_increasing_negative(wrong):
    r = sk.judge_invariant(wrong)
    assert r.verdict is Verdict.FAILS and r.evidence.counterexample["violated"]


def test_increasing_true_but_unproved_is_inconclusive():
    """A weaker ceiling is true, but its set is not an invariant that gives the step: not HOLDS."""
    r = sk.judge_invariant(sp.Implies(lam * w0 < sigma, sp.And(w_next > w_t, w_t < 2 * sigma / lam)))
    assert r.verdict is Verdict.INCONCLUSIVE

