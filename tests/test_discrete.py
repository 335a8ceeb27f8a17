"""Sec. 3.2 of paper 1: the GD step, the Thm. 3 form, (22), the bounds (23) and the sigma = 0 branch.

Every check: its verdict on the printed formula, and a negative test (a wrong
formula fed to it gives FAILS with a counterexample).
"""

from __future__ import annotations

import pytest
import sympy as sp

from symdln.checks import discrete as d
from symdln.claims import by_id
from symdln.correction import FormulaError
from symdln.discrete import (
    gd_step_two_layer,
    layer_step_22,
    product_step,
)
from symdln.notation import eta, lam, sigma, w_next, w_t
from symdln.runner import run_claim
from symdln.verdict import Verdict

HAC = Verdict.HOLDS_AFTER_CORRECTION


def test_step_sec32_printed_holds():
    assert d.check_step_sec32().verdict is Verdict.HOLDS


def test_step_sec32_negative_wrong_sign():
    def wrong(W1, W2, Sx, Sxy, eta):
        G = Sx * W1 * W2 - Sxy
        return W1 + eta * G * W2.T, W2 - eta * W1.T * G

    r = d.check_step_sec32(wrong)
    assert r.verdict is Verdict.FAILS and r.evidence.counterexample


def test_step_matches_gd_step_two_layer_on_numbers():
    one = sp.Matrix([[1]])
    assert gd_step_two_layer(one, one, one, 2 * one, sp.Rational(1, 2)) == (
        sp.Matrix([[sp.Rational(3, 2)]]), sp.Matrix([[sp.Rational(3, 2)]]))


def test_form_thm3_printed_needs_orthogonal_Q():
    # the condition on Q judged as a formula, both ways: tests/test_q_condition.py
    run = run_claim(by_id("thm3.form"))
    assert run.verdict is HAC and run.correction_verdict is Verdict.HOLDS
    cex = run.formula_checks[0].result.evidence.counterexample
    assert cex["U^T W_1^(1) Q^-1"] != cex["Q W_2^(1) V"]


def test_eq22_is_the_per_layer_recursion():
    run = run_claim(by_id("eq22.recursion"))
    assert run.verdict is HAC and run.correction_verdict is Verdict.HOLDS
    printed = run.formula_checks[0].result.evidence
    assert printed.details["is the recursion of the per-layer value a_i = sqrt(w_i)"]
    cex = printed.counterexample
    assert cex["lhs - rhs"] != 0 and cex["derived w_next"] == product_step(cex["w_t"], cex["sigma"],
                                                                           cex["lambda"], cex["eta"])


@pytest.mark.parametrize("wrong", [
    lambda w, s, l, e: w - e * w * (s - l * w * w),         # a wrong sign
    lambda w, s, l, e: w * (1 + e * (s - l * w)) ** 3,       # an exponent off by one
    lambda w, s, l, e: w * (1 + (s - l * w)) ** 2,           # eta dropped
    lambda w, s, l, e: w * (1 + e * (l - s * w)) ** 2,       # sigma and lambda swapped
])
def test_recursion_negative(wrong):
    st = sp.Eq(w_next, wrong(w_t, sigma, lam, eta))
    r = d.judge_recursion(st)
    assert r.verdict is Verdict.FAILS and r.evidence.counterexample["lhs - rhs"] != 0
    assert not r.evidence.details["is the recursion of the per-layer value a_i = sqrt(w_i)"]


def test_recursion_malformed():
    with pytest.raises(FormulaError):
        d.judge_recursion(w_t <= 1)
    with pytest.raises(FormulaError):
        d.judge_recursion(sp.Eq(w_t, 1))


def test_layer_and_product_steps_agree():
    a, s, l, e = sp.symbols("a s l e", positive=True)
    assert sp.expand(layer_step_22(a, s, l, e) ** 2 - product_step(a**2, s, l, e)) == 0


def test_one_step_lemma_proved():
    lem = d.one_step_lemma()
    assert lem["status"] == "proved" and lem["u identity residual"] == "0"


# --- scope: proofs for every size --------------------------------------------------------

def test_step_sec32_is_proved_for_every_size():
    r = d.check_step_sec32()
    assert r.evidence.scope == "general" and "symbolic sizes" in r.evidence.method


def test_step_sec32_wrong_steps_fail_and_are_never_general():
    def half(W1, W2, Sx, Sxy, eta):  # the second update with eta / 2
        N1, N2 = gd_step_two_layer(W1, W2, Sx, Sxy, eta)
        return N1, (N2 + W2) / 2

    r = d.check_step_sec32(half)
    assert r.verdict is Verdict.FAILS and r.evidence.counterexample
    assert d._step_general_failure(half) is not None
    assert d._step_general_failure(gd_step_two_layer) is None


def test_recursion_22_derived_for_every_size():
    general = d.general_layer_step()
    assert general is not None
    assert sp.expand(general["layer"] - d.derived_recursions()["layer"]) == 0
    run = run_claim(by_id("eq22.recursion"))
    assert run.verdict is HAC
    assert run.correction_checks[0].result.evidence.scope == "general"
    printed = run.formula_checks[0].result
    assert printed.verdict is Verdict.FAILS and printed.evidence.counterexample
