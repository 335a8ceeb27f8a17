"""Sec. 3.2 of paper 1: the GD step, the Thm. 3 form, (22), the bounds (23) and the sigma = 0 branch.

Every check: its verdict on the printed formula, and a negative test (a wrong
formula fed to it gives FAILS with a counterexample).
"""

from __future__ import annotations

import pytest
import sympy as sp

from symdln.checks import discrete as d
from symdln.discrete import (
    gd_step_two_layer,
    layer_step_22,
    lower_corrected,
    lower_corrected_general,
    product_step,
    upper_corrected,
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


def test_upper_23_printed_fails_at_t0_and_is_corrected():
    r = d.check_upper_23()
    assert r.verdict is HAC
    cex = r.evidence.counterexample
    assert cex["t"] == 0 and cex["sigma"] > 1  # the printed bound is w0/sigma at t = 0
    rate = r.evidence.details["printed"]["details"]["rate counterexample with sigma = 1"]
    assert rate is not None and rate["sigma"] == "1"  # the rate itself is wrong too


def test_lower_23_printed_fails_at_t0_and_is_corrected():
    r = d.check_lower_23()
    assert r.verdict is HAC
    assert r.evidence.counterexample["t"] == 0 and r.evidence.counterexample["sigma"] < 1


def test_corrected_bounds_hold():
    assert d.check_upper_23(upper_corrected, domain="below").verdict is Verdict.HOLDS
    assert d.check_lower_23(lower_corrected, domain="below").verdict is Verdict.HOLDS


def test_corrected_bounds_hold_on_the_corrected_domain():
    assert d.check_lower_23(lower_corrected_general, domain="corrected").verdict is Verdict.HOLDS
    assert d.check_upper_23(upper_corrected, domain="corrected").verdict is Verdict.HOLDS


def test_overshoot_breaks_the_lower_bound_at_t1():
    r = d.check_lower_23()
    key = "outside the corrected domain (overshoot at t = 1), lower bound with rate 1 - 2 eta sigma"
    over = r.evidence.details["printed"]["details"][key]
    assert over is not None and over["t"] == 1


def test_corrected_lower_needs_w0_below_limit():
    # for w0 > sigma/lambda the lower bound fails at t = 1 (rho(e_0) < 1 - 2 eta sigma)
    r = d.check_lower_23(lower_corrected)
    assert r.verdict is Verdict.FAILS and r.evidence.counterexample["t"] == 1
    cex = r.evidence.counterexample
    assert cex["w0"] * cex["lambda"] > cex["sigma"]


def test_bounds_negative_wrong_rate():
    def too_fast(t, w0, sigma, lam, eta):  # upper with rate (1 - 3 eta sigma)^t
        return sigma * w0 / ((sigma - lam * w0) * (1 - 3 * eta * sigma) ** t + lam * w0)

    r = d.check_upper_23(too_fast, domain="below")
    assert r.verdict is Verdict.FAILS and r.evidence.counterexample["t"] >= 1


def test_bounds_negative_wrong_exponent_in_lower():
    def no_square(t, w0, sigma, lam, eta):  # lower with rate (1 + eta sigma)^(-3t)
        return sigma * w0 / ((sigma - lam * w0) * (1 + eta * sigma) ** (-3 * t) + lam * w0)

    assert d.check_lower_23(no_square, domain="below").verdict is Verdict.FAILS


def test_one_step_lemma_proved():
    lem = d.one_step_lemma()
    assert lem["status"] == "proved" and lem["u identity residual"] == "0"


def test_horizon_upper_small():
    r = d.check_horizon_23("upper", n_sets=8, nsteps=2000)
    assert r.verdict is Verdict.HOLDS
    assert r.evidence.details["printed rate"]["failed (certified)"] == 8


def test_sigma0_printed_and_region():
    r = d.check_sigma0_bound()
    assert r.verdict is HAC
    cex = r.evidence.counterexample
    x0 = cex["sigma = 0 mode"]
    assert x0["eta"] * x0["lambda"] * x0["w0"] > (1 + sp.sqrt(5)) / 2
    assert cex["i = r_xy (sigma > 0)"]["t"] == 1
    assert "(1 + sqrt 5)/2" in r.evidence.corrected_statement


def test_sigma0_negative_wrong_factor():
    r = d.check_sigma0_bound(lambda t, w0, lam, eta: w0 / (1 + 3 * w0 * lam * eta * t),
                             first_index_sigma_positive=False)
    assert r.verdict is Verdict.FAILS


@pytest.mark.slow
def test_horizon_full_workload():
    """The issue's workload: 100 parameter sets x 10^6 steps, every step certified."""
    for side in ("upper", "lower"):
        r = d.check_horizon_23(side, n_sets=100, nsteps=10**6)
        assert r.verdict is Verdict.HOLDS
        assert r.evidence.details["corrected rate"]["held for all t"] == 100


def test_horizon_flint_fallback(monkeypatch):
    """Steps float64 cannot decide are redone in python-flint balls: force that path."""
    import numpy as np

    from symdln.certify import monotone

    real = monotone.iterate_float

    def undecided(*args, **kwargs):
        run = real(*args, **kwargs)
        return monotone.FloatRun(np.full_like(run.status, 2), np.zeros_like(run.t), run.u_lower,
                                 run.u_upper, run.R_lower, run.R_upper)

    monkeypatch.setattr(monotone, "iterate_float", undecided)
    out = d.iterate_horizon("corrected upper", n_sets=3, nsteps=300)
    assert out["flint fallbacks"] == 3 and out["held for all t"] == 3
    out = d.iterate_horizon("printed upper (sigma restored)", n_sets=3, nsteps=3000)
    assert out["failed (certified)"] == 3
