"""Sec. 3.2 of paper 1: the GD step, the Thm. 3 form, (22), the bounds (23) and the sigma = 0 branch.

Every check: its verdict on the printed formula, and a negative test (a wrong
formula fed to it gives FAILS with a counterexample).
"""

from __future__ import annotations

import sympy as sp

from symdln.checks import discrete as d
from symdln.discrete import (
    gd_step_two_layer,
    layer_step_22,
    product_step,
)
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
    r = d.check_form_thm3()
    assert r.verdict is HAC
    cex = r.evidence.counterexample
    assert cex["U^T W_1^(1) Q^-1 [1,1]"] != cex["Q W_2^(1) V [1,1]"]
    assert "orthogonal Q" in r.evidence.corrected_statement


def test_form_thm3_orthogonal_holds():
    assert d.check_form_thm3(Q_arbitrary=False).verdict is Verdict.HOLDS


def test_form_thm3_negative_wrong_layer_step():
    r = d.check_form_thm3(lambda a, s, l, e: a + e * a * (s - l * a), Q_arbitrary=False)
    assert r.verdict is Verdict.FAILS


def test_eq22_is_the_per_layer_recursion():
    r = d.check_eq22()
    assert r.verdict is HAC
    assert r.evidence.counterexample["(22) applied to w"] == "79/256"
    assert r.evidence.counterexample["derived w' = w(1+eta(sigma-lambda w))^2"] == "361/1024"


def test_eq22_product_recursion_holds_for_w():
    assert d.check_eq22(product_step).verdict is Verdict.HOLDS


def test_eq22_negative_wrong_sign():
    r = d.check_eq22(lambda w, s, l, e: w - e * w * (s - l * w * w))
    assert r.verdict is Verdict.FAILS


def test_layer_and_product_steps_agree():
    a, s, l, e = sp.symbols("a s l e", positive=True)
    assert sp.expand(layer_step_22(a, s, l, e) ** 2 - product_step(a**2, s, l, e)) == 0


def test_one_step_lemma_proved():
    lem = d.one_step_lemma()
    assert lem["status"] == "proved" and lem["u identity residual"] == "0"
