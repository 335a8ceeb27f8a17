"""Thm. 3 (23) of paper 1 on the whole printed domain: the overshoot region (eta lambda unbounded).

Verdicts of the full-domain checks, the exact examples (y0 = -1, a preimage of 0 beyond it, the
fixed point 2 + eta sigma), negative tests (wrong statements give FAILS with a counterexample),
and Hypothesis properties in x = eta lambda w, s = eta sigma.
"""

from __future__ import annotations

import itertools
from fractions import Fraction

from hypothesis import example, given, note
from hypothesis import strategies as st

from symdln.checks import discrete_overshoot as ov
from symdln.discrete import (
    lower_corrected_general,
    no_overshoot,
    orbit_fate,
    product_step,
    upper_corrected,
    upper_valid,
    x_map,
)
from symdln.verdict import Verdict

F = Fraction
HAC = Verdict.HOLDS_AFTER_CORRECTION


def _orbit(sigma, lam, eta, w0, tmax):
    w = [w0]
    for _ in range(tmax):
        w.append(product_step(w[-1], sigma, lam, eta))
    return w


def test_overshoot_lemma_proved():
    lem = ov.overshoot_lemma()
    assert lem["status"] == "proved"
    assert lem["zero set structure (Sturm counts)"] == "proved"


def test_brief_example_is_not_at_y0_minus_one():
    # sigma = 1/4, lambda = 4, eta = 3/2: y0 = -1 needs w0 = (1 + eta sigma)/(eta lambda) = 11/48, not 7/36
    sigma, lam, eta = F(1, 4), F(4), F(3, 2)
    assert 2 * eta * sigma == F(3, 4)
    assert (1 + eta * sigma) / (eta * lam) == F(11, 48)
    assert eta * (sigma - lam * F(7, 36)) == F(-19, 24)  # > -1: the first step does not reach 0
    assert _orbit(sigma, lam, eta, F(11, 48), 3)[1:] == [0, 0, 0]


def test_simplest_y0_minus_one_example():
    e = ov.simplest_examples()["y0 = -1"]
    p = e["parameters"]
    assert p == {"sigma": F(1, 3), "lambda": F(2), "eta": F(1), "w0": F(2, 3)}
    assert e["y0"] == -1 and e["w_0..w_3"][1:] == [0, 0, 0]
    # no example of height <= 2 exists (exhaustive)
    small = [F(1, 2), F(1), F(2)]
    for sigma, lam, eta, w0 in itertools.product(small, repeat=4):
        assert not (w0 < 1 and 2 * eta * sigma < 1 and eta * (sigma - lam * w0) == -1)


def test_zero_set_is_larger_than_y0_minus_one():
    e = ov.simplest_examples()["w_2 = 0, w_1 != 0"]
    w = e["w_0..w_3"]
    assert e["y0"] < -1 and w[1] != 0 and w[2] == 0 and w[3] == 0
    s, x0 = e["eta sigma"], e["x0 = eta lambda w0"]
    assert x_map(x0, s) == 1 + s and ov.in_zero_set(s, x0)


def test_fixed_point_beyond_two_plus_s():
    e = ov.simplest_examples()["fixed point 2 + s"]
    p = e["parameters"]
    assert e["w_0..w_3"] == [p["w0"]] * 4 and p["w0"] != p["sigma"] / p["lambda"]
    assert e["fate"] == ("fixed", None)


def test_zero_mode_stays_zero_in_the_matrix_dynamics():
    r = ov.zero_mode_matrix()
    assert r["form kept with the product recursion"] and r["mode 1 is 0 for t >= 1"]




def test_corrected_statements_hold():
    assert ov.check_lower_overshoot().verdict is Verdict.HOLDS
    assert ov.check_zero_set().verdict is Verdict.HOLDS


# --- negative tests: wrong corrected statements give FAILS with a certified counterexample


def test_negative_no_overshoot_lower_bound_on_the_overshoot_region():
    r = ov.check_lower_overshoot(entrance=lambda p: 0)
    cex = r.evidence.counterexample
    assert r.verdict is Verdict.FAILS and cex["w_t"] < cex["bound_t"]


def test_negative_entrance_one_step_early():
    def early(p):
        t = ov.entrance_time(p)
        return None if t is None else max(t - 1, 0)

    assert ov.check_lower_overshoot(entrance=early).verdict is Verdict.FAILS


def test_negative_no_entrance_claimed():
    r = ov.check_lower_overshoot(entrance=lambda p: None)
    assert r.verdict is Verdict.FAILS and r.evidence.counterexample["orbit fate"][0] == "enters"


def test_negative_zero_set_only_y0_minus_one():
    r = ov.check_zero_set(lambda s, x0: x0 == 1 + s)
    cex = r.evidence.counterexample
    assert r.verdict is Verdict.FAILS and cex["y0"] < -1 and cex["orbit fate"] == ("zero", 2)


def test_negative_zero_set_whole_interval():
    r = ov.check_zero_set(lambda s, x0: 1 + s <= x0 < 2 + s)
    assert r.verdict is Verdict.FAILS and r.evidence.counterexample["orbit fate"][0] == "enters"


# --- properties in x = eta lambda w0 (eta = 1, lambda = 4, sigma = s: printed domain for x0 < 4)

s_st = st.fractions(min_value=F(1, 100), max_value=F(49, 100), max_denominator=100)
x_st = st.fractions(min_value=F(1, 100), max_value=F(3), max_denominator=100)
Z = F(1, 2)  # s = z^2/(1 + z) puts the no-overshoot boundary f(x0) = s at y0 = z - 1
EDGE = [
    (F(1, 4), F(5, 4)),                 # y0 = -1 exactly
    (F(1, 4), F(5, 4) + F(1, 1000)),    # y0 just below -1
    (F(1, 4), F(5, 4) - F(1, 1000)),    # y0 just above -1 (overshoot)
    (Z**2 / (1 + Z), Z**2 / (1 + Z) + 1 - Z),  # no-overshoot boundary: f(x0) = s
    (F(1, 4), F(7, 4)),                 # y0 = -3/2: upper bound still holds
    (F(1, 4), F(7, 4) + F(1, 100)),     # just beyond: upper bound fails at t = 1
    (F(1, 4), F(9, 4)),                 # fixed point 2 + s
    (F(19, 45), F(20, 9)),              # p_1: w_2 = 0
]


def _params(s, x0):
    return {"sigma": s, "lambda": F(4), "eta": F(1), "w0": x0 / 4}


@given(s_st, x_st)
@example(*EDGE[0])
@example(*EDGE[1])
@example(*EDGE[2])
@example(*EDGE[3])
@example(*EDGE[4])
@example(*EDGE[5])
@example(*EDGE[6])
@example(*EDGE[7])
def test_upper_bound_holds_iff_y0_at_least_minus_three_halves(s, x0):
    p = _params(s, x0)
    w = _orbit(p["sigma"], p["lambda"], p["eta"], p["w0"], 4)
    ok = [w[t] <= upper_corrected(t, p["w0"], p["sigma"], p["lambda"], p["eta"]) for t in range(5)]
    note(f"ok per t: {ok}")
    if upper_valid(p["w0"], p["sigma"], p["lambda"], p["eta"]):
        assert all(ok)
    else:
        assert not ok[1]


@given(s_st, x_st)
@example(*EDGE[0])
@example(*EDGE[1])
@example(*EDGE[2])
@example(*EDGE[3])
@example(*EDGE[6])
@example(*EDGE[7])
def test_orbit_fate_and_shifted_lower_bound(s, x0):
    p = _params(s, x0)
    kind, T = orbit_fate(p["w0"], p["sigma"], p["lambda"], p["eta"])
    note(f"fate {kind}, {T}")
    assert (kind == "zero") == ov.in_zero_set(s, x0)
    if kind == "fixed":
        assert x0 == 2 + s
    if kind == "diverges":
        assert x0 > 2 + s and x_map(x0, s) > x0
    if kind == "enters":
        assert T <= 1 or x0 > 1 + s
        if x0 > 1 + s:  # the proved bound on the entrance time
            d = (1 + s) * (2 + s - x0)
            assert T <= 1 + -(-(x0 - 1 - s) // d)
        w = _orbit(p["sigma"], p["lambda"], p["eta"], p["w0"], T + 3)
        for t in range(T, T + 4):
            assert w[t] >= lower_corrected_general(t - T, w[T], p["sigma"], p["lambda"], p["eta"])
        assert w[T] * p["lambda"] <= p["sigma"] or no_overshoot(w[T], p["sigma"], p["lambda"], p["eta"])
