"""(25) and Cor. 3 / (26) of paper 1: rescaled-time limits, step-size conditions."""

from __future__ import annotations

from fractions import Fraction

import sympy as sp

from symdln.certify.rescaled import limit_one_certificate, limit_zero_certificate
from symdln.checks import discrete_limits as lim
from symdln.verdict import Verdict

HAC = Verdict.HOLDS_AFTER_CORRECTION


def test_eq25_printed_is_too_early():
    r = lim.check_eq25()
    assert r.verdict is HAC
    assert r.evidence.counterexample["limit at tau = T_i = 1/(eta sigma) itself"] == "0"
    key = "certified half-rise steps (eta sigma = 1/10, lambda = sigma)"
    rows = r.evidence.details["corrected"]["details"][key]
    assert all(row["status"] == "certified" for row in rows)
    # the certified crossing stays within O(1) of delta/log(1+s), while delta/s drifts linearly away
    assert all(abs(row["t_half - delta/log(1+s)"]) < 2 for row in rows)


def test_half_rise_window_contains_certified_crossings():
    from symdln.certify.rescaled import half_rise_window

    for s, c in ((Fraction(1, 4), Fraction(1)), (Fraction(1, 20), Fraction(3))):
        win = half_rise_window(s, c)
        lo, hi = -float(win["C_minus"].upper()), float(win["C_plus"].upper())
        for row in lim.crossing_times(s, deltas=(10, 40), c=c):
            assert row["status"] == "certified" and lo <= row["t_half - delta/log(1+s)"] <= hi


def test_eq25_corrected_holds():
    assert lim.check_eq25(lambda s: 1 / sp.log(1 + s)).verdict is Verdict.HOLDS


def test_eq25_negative_too_late():
    assert lim.check_eq25(lambda s: 2 / s).verdict is Verdict.FAILS


def test_threshold_two_sides():
    s = Fraction(1, 4)  # 1/log(5/4) = 4.48...
    assert limit_zero_certificate(s, 1, Fraction(44, 10)) is not None
    assert limit_one_certificate(s, Fraction(45, 10)) is not None
    assert limit_one_certificate(s, Fraction(44, 10)) is None


def test_cor3_conditions_printed_sufficient():
    r = lim.check_cor3_conditions()
    assert r.verdict is Verdict.HOLDS
    det = r.evidence.details
    assert det["z3: C1 and C3 imply C2 (C2 redundant)"] == "proved"
    assert det["  limit of w_i at delta T_{i+1} there"][0] == "sigma/lambda"
    assert det["example violating it"]["limit of w_i at delta T_{i+1}"].startswith("0")


def test_cor3_conditions_negative_only_c1():
    r = lim.check_cor3_conditions(lambda e, s1, si, sn: [e < 1 / (2 * s1)])
    assert r.verdict is Verdict.FAILS


def test_cor3_limits_printed_hold():
    r = lim.check_cor3_limits()
    assert r.verdict is Verdict.HOLDS
    table = r.evidence.details["certified table"]
    assert table["i=2, j=2"] == "0" and table["i=1, j=2"] == "sigma/lambda"
    assert r.evidence.details["reading w_i(0) = e^{-delta} for the product instead"] is not None


def test_cor3_limits_negative_continuous_value():
    def wrong(i_le, rel):
        return "sigma/(sigma+lambda)" if rel == ">" else lim.limits_printed(i_le, rel)

    assert lim.check_cor3_limits(wrong).verdict is Verdict.FAILS


def test_cor3_limits_negative_inactive_mode():
    """A mode with sigma_i = 0 (i > r_xy) claimed to rise: refuted by the z3 step bound w_t <= w_0."""

    def wrong(i_le, rel):
        return "sigma/lambda" if not i_le else lim.limits_printed(i_le, rel)

    r = lim.check_cor3_limits(wrong)
    assert r.verdict is Verdict.FAILS
    assert r.evidence.counterexample["i"] == "> r_xy"
