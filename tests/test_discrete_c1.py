"""Cor. 3's C1 (2 eta sigma_1 < 1): relaxed to eta sigma_1 < 1, sharp by period doubling."""

from __future__ import annotations

from fractions import Fraction

import flint
import sympy as sp
from hypothesis import example, given
from hypothesis import strategies as st

from symdln.certify.rescaled import (
    half_rise_window,
    limit_one_beyond_c1,
    limit_zero_certificate,
    threshold,
    two_cycle_certificate,
)
from symdln.checks import discrete_c1 as c1
from symdln.discrete import product_step
from symdln.verdict import Verdict


def test_map_is_the_product_recursion():
    # x = eta lambda w, s = eta sigma: x' = x (1 + s - x)^2 is w' = w (1 + eta(sigma - lambda w))^2
    w, sig, lam, eta = sp.symbols("w sigma lambda eta", positive=True)
    lhs = eta * lam * product_step(w, sig, lam, eta)
    assert sp.expand(lhs - c1.x_map(eta * lam * w, eta * sig)) == 0


def test_printed_c1_holds_and_is_not_sharp():
    r = c1.check_cor3_c1()
    assert r.verdict is Verdict.HOLDS
    assert r.evidence.scope == "instances" and "why not general: " + c1.C1_SCOPE in r.evidence.notes
    det = r.evidence.details
    assert det["z3: no period 2 of f_s on [0, 1+s], 0 < s <= 1 (per factor of Q)"][
        "no period 2 (all factors of one sign)"]
    inst = det["certified instances beyond C1 (no cited theorem)"]
    assert all(v["all certified"] and not v["conditions"]["C1 (2 eta sigma_1 < 1)"] for v in inst.values())
    assert inst["3/4, 2/5, 1/5"]["table"]["i=1, j=2"] == "sigma/lambda"
    assert inst["3/4, 2/5, 1/5"]["table"]["i=2, j=2"] == "0"
    rows = det["certified half-rise steps, eta sigma = 3/4 (ball iteration)"]
    assert all(row["status"] == "certified" for row in rows)


def test_relaxed_bound_one_holds():
    assert c1.check_cor3_c1(bound=Fraction(1)).verdict is Verdict.HOLDS


def test_negative_bound_three_halves_fails_with_two_cycle():
    r = c1.check_cor3_c1(bound=Fraction(3, 2))
    assert r.verdict is Verdict.FAILS
    cert = r.evidence.counterexample["certificate"]
    assert cert["s"] == "11/10" and cert["multiplier 9 - 2(1+s)^2 (exact)"] == "9/50"
    assert all(o["|w_t - sigma/lambda| * s c >= d at t = floor(delta tau)"]
               for o in cert["certified orbits"].values())
    cond = r.evidence.counterexample["conditions"]
    assert cond["C2"] and cond["C3"] and not cond["eta sigma_1 < 1"]


def test_negative_wrong_period2_polynomial():
    r = c1.check_cor3_c1(period2=lambda x, s: (x - s - 2) * (x * x - (1 + s) * x + 1))
    assert r.verdict is Verdict.FAILS
    cx = r.evidence.counterexample
    assert sp.Rational(cx["f(f(x)) - x"]) != sp.Rational(cx["x (x - s) Q(x, s)"])


def test_no_period_two_refuted_beyond_one():
    out = c1.no_period_two(bound=Fraction(3, 2))
    assert not out["no period 2 (all factors of one sign)"]


@given(st.fractions(min_value=Fraction(1, 2), max_value=Fraction(49, 50), max_denominator=200),
       st.sampled_from([Fraction(1), Fraction(3), Fraction(1, 4)]))
@example(Fraction(1, 2), Fraction(1))
@example(Fraction(51, 100), Fraction(1))
@example(Fraction(49, 50), Fraction(3))
def test_rescaled_threshold_without_c1(s, c):
    """For 1/2 <= eta sigma < 1 the limit is 0 below 1/log(1+s) and sigma/lambda above (certified)."""
    t = threshold(s)
    below = Fraction(int((t.lower() * 1000).floor().unique_fmpz()) - 5, 1000)
    above = Fraction(int((t.upper() * 1000).floor().unique_fmpz()) + 5, 1000)
    assert limit_zero_certificate(s, c, below) is not None
    cert = limit_one_beyond_c1(s, c, above)
    assert cert is not None and cert["f(K) in K"]
    assert limit_one_beyond_c1(s, c, below) is None  # no certificate below the threshold
    win = half_rise_window(s, c)
    assert win["C_minus"] > 0 and win["theta"] <= Fraction(1, 2)


@given(st.fractions(min_value=Fraction(21, 20), max_value=Fraction(6, 5), max_denominator=100))
@example(Fraction(21, 20))
@example(Fraction(6, 5))
def test_two_cycle_beyond_one(s):
    cert = two_cycle_certificate(s, 1, Fraction(20, 9), deltas=(12,))
    assert cert is not None
    assert flint.arb(cert["dist(s, W) >="].split(" +/-")[0].strip("[")) > 0


def test_two_cycle_orbit_length_at_integer_delta_tau():
    """delta tau an integer for a tau (9/5) that no binary ball holds exactly: the floor is taken
    exactly (it used to fail on the undecided floor of the ball), and a ball tau that leaves it
    undecided gives no certificate."""
    s = Fraction(6, 5)
    cert = two_cycle_certificate(s, 1, Fraction(9, 5), deltas=(10, 20))
    assert cert is not None
    steps = {d: o["t = floor(delta tau)"] for d, o in cert["certified orbits"].items()}
    assert steps == {10: 18, 20: 36}
    assert two_cycle_certificate(s, 1, flint.arb(9) / 5, deltas=(10,)) is None
    ball = two_cycle_certificate(s, 1, flint.arb(20) / 9, deltas=(12,))
    assert ball is not None and ball["certified orbits"][12]["t = floor(delta tau)"] == 26  # floor(80/3)


def test_no_period_two_sturm_crosscheck():
    """Independent of z3: at rational s in (0, 1) the factor Q has no real root in (0, 1 + s) (Sturm)."""
    x = sp.Symbol("x")
    for s in (Fraction(1, 10), Fraction(1, 2), Fraction(3, 4), Fraction(99, 100)):
        q = sp.Poly(c1.period2_factor(x, sp.Rational(s.numerator, s.denominator)), x)
        assert q.count_roots(0, 1 + sp.Rational(s.numerator, s.denominator)) == 0
    q = sp.Poly(c1.period2_factor(x, sp.Rational(11, 10)), x)
    assert q.count_roots(0, sp.Rational(21, 10)) == 2  # the 2-cycle


def test_proof_script_runs():
    from conftest import assert_proof_script_holds

    assert_proof_script_holds("discrete_c1.py")


def test_bound_without_instances_is_not_holds():
    assert c1.check_cor3_c1(bound=Fraction(0)).verdict is Verdict.INCONCLUSIVE


def test_relaxed_bound_is_tested_inside_it():
    """bound = 3/4: a certified spectrum with 1/2 <= eta sigma_1 < 3/4 is among the instances."""
    r = c1.check_cor3_c1(bound=Fraction(3, 4))
    assert r.verdict is Verdict.HOLDS
    inst = r.evidence.details["certified instances beyond C1 (no cited theorem)"]
    assert inst["5/8, 5/16"]["all certified"]
    assert r.evidence.details["lemma: that bound <= log(1 + eta sigma_i) (value at 0, z3 on the derivative)"][
        "proved"]


def test_instances_must_satisfy_both_other_conditions():
    # C2 holds, C3 fails (2 b^2 = 0.18 > a - b = 0.1), sharp holds: not an instance of "C1 alone"
    conds = c1._conditions((Fraction(2, 5), Fraction(3, 10)))
    assert conds["C2"] and not conds["C3"] and conds["sharp (certified)"]
    assert not c1._within_other_conditions(conds)


def test_two_cycle_multiplier_is_computed():
    out = c1.two_cycle_multiplier()
    assert out["f_s swaps the roots of x^2 - (1+s) x + 1"]
    s = sp.Symbol("s")
    assert sp.expand(sp.sympify(out["multiplier f'(p1) f'(p2)"]) - (9 - 2 * (1 + s) ** 2)) == 0
    assert out["attracting for s in"] == "Interval.open(1, -1 + sqrt(5))"


def test_window_membership_is_certified():
    s = Fraction(3, 4)
    win = half_rise_window(s, 1)
    rows = c1.crossing_times_x(s)
    assert c1.in_window(rows, s, win) == [True] * len(rows)
    shifted = [{**r, "t_half": r["t_half"] + 10} for r in rows]  # 10 steps late: outside C_plus
    assert not any(c1.in_window(shifted, s, win))
