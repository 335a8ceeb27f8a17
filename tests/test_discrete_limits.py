"""(25) and Cor. 3 / (26) of paper 1: rescaled-time limits, step-size conditions.

The truth is computed independently of the formula under test (certified limits on both sides of
the claimed transition, a threshold derived from the product recursion); wrong formulas FAIL with
a certified counterexample, and the verdict depends on the formula, not on the object passed."""

from __future__ import annotations

from fractions import Fraction

import flint
import pytest
import sympy as sp

from symdln.certify.rescaled import (
    boundary_lemma,
    derive_threshold,
    limit_not_one_certificate,
    limit_one_certificate,
    limit_zero_certificate,
)
from symdln.checks import discrete_limits as lim
from symdln.verdict import Verdict

HAC = Verdict.HOLDS_AFTER_CORRECTION


# --- (25)


def test_eq25_printed_is_too_early():
    r = lim.check_eq25()
    assert r.verdict is HAC
    assert r.evidence.counterexample["limit at tau = T(s) itself"] == "0"
    assert r.evidence.details["printed"]["counterexample"]["certificate"]["kappa > 0"]
    key = "certified half-rise steps (eta sigma = 1/10, lambda = sigma)"
    corr = r.evidence.details["corrected"]["details"]
    assert all(row["status"] == "certified" for row in corr[key])
    assert corr["inside the window (certified)"] == [True] * len(corr[key])
    # the certified crossing stays within O(1) of delta/log(1+s), while delta/s drifts linearly away
    assert all(abs(row["t_half - delta/log(1+s)"]) < 2 for row in corr[key])
    # the corrected statement is rendered from the derived threshold
    assert "1/log(eta*sigma_i + 1)" in r.evidence.corrected_statement
    assert "about delta/2 steps later" in r.evidence.corrected_statement


def test_eq25_verdict_depends_on_the_formula_not_the_object():
    printed = lim.check_eq25()
    same = lim.check_eq25(lambda s: 1 / s)
    assert same.verdict is printed.verdict is HAC
    assert same.evidence.counterexample == printed.evidence.counterexample


def test_half_rise_window_contains_certified_crossings():
    from symdln.certify.rescaled import half_rise_window

    for s, c in ((Fraction(1, 4), Fraction(1)), (Fraction(1, 20), Fraction(3))):
        win = half_rise_window(s, c)
        lo, hi = -float(win["C_minus"].upper()), float(win["C_plus"].upper())
        for row in lim.crossing_times(s, deltas=(10, 40), c=c):
            assert row["status"] == "certified" and lo <= row["t_half - delta/log(1+s)"] <= hi


@pytest.mark.parametrize("formula", [lambda s: 1 / sp.log(1 + s), lambda s: 2 / sp.log((1 + s) ** 2),
                                     lambda s: -1 / sp.log(1 / (1 + s)), lim.derived_transition])
def test_eq25_corrected_holds_in_general(formula):
    r = lim.check_eq25(formula)
    assert r.verdict is Verdict.HOLDS and r.evidence.scope == "general"
    counts = r.evidence.details["certified instances"]
    assert counts["below T: certified 0"] == counts["above T: certified sigma/lambda"] == 5 * 40
    assert r.evidence.details["T(s) identical to tau*(s) (SymPy)"]


@pytest.mark.parametrize("formula, side", [
    (lambda s: 1 / sp.log(1 + s) * (1 + s / 100), "<"),  # 0.25 % late at s = 1/4
    (lambda s: 1 / sp.log(1 + 2 * s), ">"),
    (lambda s: 2 / s, "<"),
    (lambda s: 1 / s + sp.Rational(1, 2), "<"),  # two terms of the expansion: late by the s/12 term
    (lambda s: -1 / s, ">"),
])
def test_eq25_wrong_transition_fails_with_certified_counterexample(formula, side):
    r = lim.check_eq25(formula)
    assert r.verdict is Verdict.FAILS
    cex = r.evidence.counterexample
    want = "0" if side == ">" else "sigma/lambda"
    assert cex["limit of w at floor(delta tau)"].startswith(want)
    cert = cex["certificate"]
    assert cert.get("kappa > 0") or cert.get("kappa' > 0")
    tau, s = Fraction(cex[f"tau ({side} T(s))"]), Fraction(cex["eta sigma"])
    # re-certify independently: the limit at tau is on the wrong side of the claim
    if want == "0":
        assert limit_zero_certificate(s, 1, tau) is not None
    else:
        assert limit_one_certificate(s, tau) is not None


def test_eq25_slightly_wrong_needs_small_offsets():
    """At s = 1/100, 1/log(1+s) (1 + s/100) is 1e-4 late: refuted only at tau within 2^-13 of T."""
    r = lim.check_eq25(lambda s: 1 / sp.log(1 + s) * (1 + s / 100), s_values=(Fraction(1, 100),))
    assert r.verdict is Verdict.FAILS
    assert r.evidence.counterexample["tau lies"] == "between T(s)(1 - 2^-13) and T(s)"


def test_eq25_undistinguishable_is_not_holds():
    r = lim.check_eq25(lambda s: 1 / sp.log(1 + s) * (1 + sp.Rational(1, 10**13)))
    assert r.verdict is Verdict.INCONCLUSIVE


def test_eq25_float_formula_is_not_judged():
    assert lim.check_eq25(lambda s: 1 / float(s)).verdict is Verdict.INCONCLUSIVE


def test_eq25_truth_comes_from_the_recursion(monkeypatch):
    """With a wrong product recursion the derivation fails, so even the right formula does not HOLD:
    the check does not carry the answer."""
    import symdln.discrete as disc

    derive_threshold.cache_clear()
    def wrong_step(w, sig, lam, eta):
        return w * (1 + 2 * eta * (sig - lam * w)) ** 2

    monkeypatch.setattr(disc, "product_step", wrong_step)
    try:
        assert not derive_threshold()["ok"]
        assert lim.check_eq25(lambda s: 1 / sp.log(1 + s)).verdict is Verdict.INCONCLUSIVE
    finally:
        derive_threshold.cache_clear()
    monkeypatch.undo()
    assert derive_threshold()["ok"] and derive_threshold()["tau*"] == 1 / sp.log(derive_threshold()["s"] + 1)


def test_threshold_two_sides():
    s = Fraction(1, 4)  # 1/log(5/4) = 4.48...
    assert limit_zero_certificate(s, 1, Fraction(44, 10)) is not None
    assert limit_one_certificate(s, Fraction(45, 10)) is not None
    assert limit_one_certificate(s, Fraction(44, 10)) is None


# --- Cor. 3, conditions


def test_cor3_conditions_printed_sufficient():
    r = lim.check_cor3_conditions()
    assert r.verdict is Verdict.HOLDS and r.evidence.scope == "general"
    det = r.evidence.details
    assert det["redundancy (z3)"]["C2"].startswith("implied")
    assert not det["redundancy (z3)"]["C1"].startswith("implied")
    assert not det["redundancy (z3)"]["C3"].startswith("implied")
    lemma = det["lemma: lower(x) <= 1/tau*(x)"]
    assert lemma["proved"] and lemma["g(0) (exact)"] == "0" and lemma["z3: g' >= 0 on (0, 1/2)"] == "proved"
    assert det["grid pairs (eta = 1, lambda = sigma)"]["inside, (26) certified"] > 0
    wit = det["not necessary (witness)"]
    assert not all(wit["conditions"]) and wit["(26)"]["w_i at delta T_{i+1}"] == "sigma/lambda"
    assert "not necessary" in r.evidence.notes and "C2" in r.evidence.notes


def test_sharp_condition_both_directions_and_equality():
    ev = lim.sharp_condition_evidence()
    assert ev["ok"] and ev["contradiction"] is None
    n = ev["counts"]
    assert n["holds: (26) certified"] > 0
    assert n["violated strictly: (26) refuted (limit 0)"] > 0
    assert n["equality: (26) refuted (limsup < sigma/lambda)"] == 4
    assert ev["sharp condition"] == "eta*sigma_(i+1) < log(eta*sigma_i + 1)"


def test_boundary_certificate():
    assert boundary_lemma() == "proved"
    with flint.ctx.workprec(128):
        a = flint.arb(Fraction(3, 10).numerator) / 10
        s = a.exp() - 1  # eta sigma_i with log(1 + eta sigma_i) = 3/10 = eta sigma_{i+1}
    assert limit_not_one_certificate(s, Fraction(1, 2)) is not None
    assert limit_not_one_certificate(Fraction(1, 2), 1) is None  # needs 2 s < 1
    assert limit_not_one_certificate(Fraction(1, 4), 4) is None  # m <= 0: no certificate


def test_cor3_conditions_negative_only_c1():
    r = lim.check_cor3_conditions(lambda e, s1, si, sn: [e < 1 / (2 * s1)])
    assert r.verdict is Verdict.FAILS
    cex = r.evidence.counterexample
    assert cex["certified limit"] == "0" and cex["certificate"]["kappa > 0"]


def test_cor3_conditions_negative_without_c1_two_cycle():
    r = lim.check_cor3_conditions(lambda e, s1, si, sn: lim.conditions_printed(e, s1, si, sn)[1:])
    assert r.verdict is Verdict.FAILS
    assert r.evidence.counterexample["eta sigma_i"] == "11/10"
    assert r.evidence.counterexample["certificate"] is not None


def test_cor3_conditions_dropping_c3_still_sufficient():
    r = lim.check_cor3_conditions(lambda e, s1, si, sn: lim.conditions_printed(e, s1, si, sn)[:2])
    assert r.verdict is Verdict.HOLDS


def test_cor3_conditions_vacuous_is_not_holds():
    r = lim.check_cor3_conditions(lambda e, s1, si, sn: [e < 0])
    assert r.verdict is Verdict.INCONCLUSIVE


@pytest.mark.parametrize("lower", [lambda x: x - x**2 / 4, lambda x: x - x**2 / 2 + sp.Rational(1, 100)])
def test_cor3_conditions_wrong_lemma_is_not_holds(lower):
    r = lim.check_cor3_conditions(log_lower=lower)
    assert r.verdict is Verdict.INCONCLUSIVE
    lemma = r.evidence.details["lemma: lower(x) <= 1/tau*(x)"]
    assert not lemma["proved"]
    x = Fraction(lemma["certified counterexample"]["x"])
    with flint.ctx.workprec(128):
        val = (1 + flint.arb(flint.fmpq(x.numerator, x.denominator))).log()
    assert val < flint.arb(flint.fmpq((lower(sp.Rational(x.numerator, x.denominator))).p,
                                      (lower(sp.Rational(x.numerator, x.denominator))).q))


# --- Cor. 3, (26)


def test_cor3_limits_printed_hold():
    r = lim.check_cor3_limits()
    assert r.verdict is Verdict.HOLDS
    table = r.evidence.details["certified table"]
    assert table["i=2, j=2"] == "0" and table["i=1, j=2"] == "sigma/lambda"
    assert r.evidence.details["stated values compared"] > 30
    assert r.evidence.details["reading w_i(0) = e^{-delta} for the product instead"] is not None


def test_cor3_limits_are_proved_for_every_spectrum():
    truth, steps, proved = lim.general_limits()
    assert proved and lim.check_cor3_limits().evidence.scope == "general"
    assert steps["z3: s_j >= s_i => tau_j = 1/s_j < tau*(s_i) (j <= i)"] == "proved"
    assert steps["z3: printed conditions => s_(i+1) < lower(s_i) and 2 s_i < 1"] == "proved"
    # the certified instances agree with the general limits, relation by relation
    table = lim.check_cor3_limits().evidence.details["certified table"]
    assert table["i=1, j=2"] == truth[(True, ">")] and table["i=2, j=1"] == truth[(True, "<")]
    assert table["i=3, j=3"] == truth[(True, "=")]


def test_cor3_limits_wrong_value_without_a_certified_instance_fails_by_the_general_proof(monkeypatch):
    monkeypatch.setattr(lim, "rescaled_limit", lambda *a, **k: None)  # no instance certified

    def wrong(i_le, rel):
        return "sigma/lambda" if (i_le and rel == "<") else lim.limits_printed(i_le, rel)

    r = lim.check_cor3_limits(wrong)
    assert r.verdict is Verdict.FAILS
    assert r.evidence.counterexample["limit (every spectrum under the printed conditions, proved)"] == "0"
    assert lim.check_cor3_limits().evidence.scope == "general"  # the general proof alone holds


def test_cor3_limits_without_the_general_proof_stay_on_instances(monkeypatch):
    truth, steps, _ = lim.general_limits()
    monkeypatch.setattr(lim, "general_limits", lambda: (truth, steps, False))
    r = lim.check_cor3_limits()
    assert r.verdict is Verdict.HOLDS and r.evidence.scope == "instances"
    assert "why not general" in r.evidence.notes


def test_cor3_limits_negative_continuous_value():
    def wrong(i_le, rel):
        return "sigma/(sigma+lambda)" if rel == ">" else lim.limits_printed(i_le, rel)

    assert lim.check_cor3_limits(wrong).verdict is Verdict.FAILS


def test_cor3_limits_negative_diagonal():
    def wrong(i_le, rel):
        return "sigma/(sigma+lambda)" if (i_le and rel == "=") else lim.limits_printed(i_le, rel)

    r = lim.check_cor3_limits(wrong)
    assert r.verdict is Verdict.FAILS and r.evidence.counterexample["certified limit"] == "0"


@pytest.mark.parametrize("rel", ["<", "=", ">"])
def test_cor3_limits_negative_inactive_mode(rel):
    """A mode with sigma_i = 0 (i > r_xy) claimed to rise, for any j: refuted by the z3 step bound."""

    def wrong(i_le, r):
        return "sigma/lambda" if (not i_le and r == rel) else lim.limits_printed(i_le, r)

    r = lim.check_cor3_limits(wrong)
    assert r.verdict is Verdict.FAILS
    assert r.evidence.counterexample["i"] == "> r_xy"


def test_cor3_limits_stating_nothing_is_not_holds():
    assert lim.check_cor3_limits(lambda i_le, rel: None).verdict is Verdict.INCONCLUSIVE


# --- (25) as a formula in eta and sigma, through the runner


def test_eq25_registered_correction_holds_through_the_runner():
    from symdln.claims import by_id
    from symdln.runner import run_claim

    run = run_claim(by_id("eq25.times"))
    assert run.verdict is Verdict.HOLDS_AFTER_CORRECTION and run.correction_verdict is Verdict.HOLDS
    assert run.formula_checks[0].result.evidence.counterexample["sigma"] == "1"


@pytest.mark.parametrize("wrong", [
    lambda e, s: 1 / sp.log(1 + 2 * e * s),        # a constant changed
    lambda e, s: 1 / sp.log(1 + e * s) + 1,        # an offset
    lambda e, s: 2 / (e * s),                       # the printed form, doubled
    lambda e, s: 1 / sp.log(1 + e * s ** 2),        # sigma squared: wrong at sigma = 2
])
def test_eq25_wrong_corrections_fail(wrong):
    from symdln.claims import by_id
    from symdln.notation import eta, sigma
    from symdln.runner import run_claim

    run = run_claim(by_id("eq25.times"), correction_expr=wrong(eta, sigma))
    assert run.correction_verdict is Verdict.FAILS and run.verdict is Verdict.FAILS
    assert run.correction_checks[0].result.evidence.counterexample
