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
        assert lim.derived_transition(Fraction(1, 4)) is None
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
    assert "why not general" in r.evidence.notes and r.evidence.method.startswith("certified limits")


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


# --- evidence and edge cases (holes found by mutation testing, docs/mutation.md)


def test_eq25_out_of_range_s_is_refused():
    with pytest.raises(ValueError, match="0 < eta sigma < 1/2"):
        lim.check_eq25(lambda s: 1 / sp.log(1 + s), s_values=(Fraction(1, 2),))


@pytest.mark.parametrize("T, lies, tau", [(sp.Integer(0), "1 > T(s)", "1"),
                                          (sp.Rational(1, 2), "between T(s)(1 + 2^-1) and T(s)", None)])
def test_eq25_small_constant_transition_fails_above_it(T, lies, tau):
    r = lim.check_eq25(lambda s: T)
    assert r.verdict is Verdict.FAILS
    cex = r.evidence.counterexample
    assert cex["tau lies"] == lies and float(cex["T(s)"]) == float(T)
    assert cex["limit of w at floor(delta tau)"] == "0 (claimed sigma/lambda)"
    if tau is not None:
        assert cex["tau (> T(s))"] == tau
    assert r.evidence.method.startswith("certified limits at rescaled times")
    assert r.evidence.precision == "arb 128 bits" and r.evidence.notes
    assert r.evidence.details["certified instances before the counterexample"]["undecided"] == 0


@pytest.mark.parametrize("factor, at_T", [(1, "0"), (2, "sigma/lambda")])
def test_eq25_limit_at_a_rational_transition_itself(factor, at_T):
    """At s = 49/100, T = factor/s = 100 factor/49 (not an integer): the limit at tau = T itself is
    certified on the side of tau* = 1/log(1.49) = 2.51 where T lies."""
    r = lim.check_eq25(lambda s: factor / s, s_values=(Fraction(49, 100),))
    ev = r.evidence
    cex = ev.counterexample if r.verdict is Verdict.FAILS else ev.details["printed"]["counterexample"]
    assert cex["limit at tau = T(s) itself"] == at_T


def test_eq25_infinite_transition_is_not_judged():
    r = lim.check_eq25(lambda s: 1 / (4 * s - 1))
    assert r.verdict is Verdict.INCONCLUSIVE
    assert r.evidence.notes.startswith("T(1/4) has no enclosure") and r.evidence.method == "arb"
    assert r.evidence.details == {"below T: certified 0": 0, "above T: certified sigma/lambda": 0,
                                  "undecided": 0}


def test_eq25_needs_certified_limits_on_both_sides():
    right = lambda s: 1 / sp.log(1 + s)  # noqa: E731
    r = lim.check_eq25(right, ks=())
    assert r.verdict is Verdict.INCONCLUSIVE and r.evidence.notes == "no certified limit on one side of T(s)"
    assert r.evidence.details["k values"] == "none" and r.evidence.precision == "arb 128 bits"
    one = lim.check_eq25(right, s_values=(Fraction(1, 4),), ks=(1,))
    assert one.verdict is Verdict.HOLDS and one.evidence.details["k values"] == "1..1"
    assert one.evidence.details["s values"] == ["1/4"] and one.evidence.proof == lim.PROOF
    assert one.evidence.details["derived threshold tau*(s)"] == "1/log(s + 1)"
    assert one.evidence.details["certified instances"] == {
        "below T: certified 0": 1, "above T: certified sigma/lambda": 1, "undecided": 0}


def test_eq25_undistinguishable_evidence():
    r = lim.check_eq25(lambda s: 1 / sp.log(1 + s) * (1 + sp.Rational(1, 10**13)))
    ev = r.evidence
    assert ev.notes == "no certified disagreement, but T(s) was not identified with the derived threshold"
    assert ev.method == "certified limits at T(s)(1 +- 2^-k)" and ev.precision == "arb 128 bits"
    assert r.evidence.details["T(s) identical to tau*(s) (SymPy)"] is False


def test_eq25_correction_is_judged_with_the_same_offsets_and_rendered():
    r = lim.check_eq25(ks=tuple(range(1, 11)))
    assert r.verdict is HAC
    corr = r.evidence.details["corrected"]
    assert corr["details"]["k values"] == "1..10" and corr["scope"] == "instances"
    assert "half-rise step t_h = delta tau*(s) + O(1)" in corr["method"]
    assert corr["precision"] == "exact + arb"
    rows = corr["details"]["certified half-rise steps (eta sigma = 1/10, lambda = sigma)"]
    assert [row["delta/s"] for row in rows] == [250.0, 500.0, 1000.0, 2000.0]  # eta sigma = 1/10
    assert corr["proof"] == lim.PROOF
    window = corr["details"]["proved window (eta sigma = 1/10, lambda = sigma)"]
    _assert_crossings_in_window(rows, window.values())
    assert r.evidence.corrected_statement == (
        "the i-th component rises at t ~ delta/log(eta*sigma_i + 1): for w_0 = e^(-2 delta), "
        "w_i^(floor(delta tau)) -> 0 for tau < 1/log(eta*sigma_i + 1) and -> sigma_i/lambda_i for "
        "tau > 1/log(eta*sigma_i + 1) (derived from the product recursion); the half-rise step is "
        "delta/log(eta*sigma_i + 1) + O(1) (proved window); 1/log(s + 1) = 1/s + 1/2 - s/12 + O(s^2), "
        "s = eta sigma_i, so the rise is about delta/2 steps later than delta T_i")


def _assert_crossings_in_window(rows, bounds):
    """The certified half-rise steps minus delta/log(1 + s) lie in the reported window [lower, upper]."""
    lower, upper = (float(flint.arb(b).mid()) for b in bounds)
    assert lower < 0 < upper
    assert all(lower - 1e-9 <= row["t_half - delta/log(1+s)"] <= upper + 1e-9 for row in rows)


def test_conditions_printed_are_strict():
    one, half = Fraction(1), Fraction(1, 2)
    assert lim.conditions_printed(half, one, one, half) == [False, True, True]  # eta = 1/(2 sigma_1)
    assert lim.conditions_printed(one, one, one, half)[1] is False  # eta sigma_i^2 = 2 (sigma_i - sigma_n)
    assert lim.conditions_printed(one, one, one, half)[2] is False  # 2 eta sigma_n^2 = sigma_i - sigma_n


def test_cor3_conditions_evidence():
    fails = lim.check_cor3_conditions(lambda e, s1, si, sn: [e < 1 / (2 * s1)])
    assert fails.evidence.method.startswith("grid search") and fails.evidence.precision == "arb 128 bits"
    assert fails.evidence.notes == "the conditions allow a pair where (26) fails"
    assert fails.evidence.details["counts"]
    vac = lim.check_cor3_conditions(lambda e, s1, si, sn: [e < 0])
    assert vac.evidence.notes.startswith("not established: ") and vac.evidence.precision == "exact + arb"
    assert vac.evidence.method == "z3 + SymPy + certified limits"
    assert "redundancy (z3)" in vac.evidence.details
    ok = lim.check_cor3_conditions()
    assert ok.evidence.method.startswith("z3 (polynomial implication)") and ok.evidence.proof == lim.PROOF
    assert ok.evidence.precision == "exact + arb 128 bits"


def test_cor3_limits_evidence_of_holds():
    r = lim.check_cor3_limits()
    ev = r.evidence
    assert ev.method.startswith("threshold theorem") and ev.precision == "exact + arb 128 bits"
    assert ev.details["stated values compared"] == 37  # 34 certified (i, j) with j != i, 3 with sigma_i = 0
    assert ev.details["i = j (not stated by (26)), certified"] == ["0"]
    table = ev.details["certified table"]
    assert len(table) == 12 + 20 + 12 and table["eta=1/1000, sigma=['100', '80', '64']: i=3, j=2"] == "0"
    assert table["eta=1, sigma=['49/100', '3/10', '1/5', '3/20']: i=1, j=0"] == "0"
    other = ev.details["reading w_i(0) = e^{-delta} for the product instead"]
    assert {k: other[k] for k in ("eta sigma_j", "eta sigma_i", "conditions hold")} == {
        "eta sigma_j": "3/10", "eta sigma_i": "1/5", "conditions hold": True}
    assert ev.parameters["printed conditions hold there"] is True and ev.proof == lim.PROOF
    assert "why not general" not in ev.notes
    assert next(iter(ev.parameters.values()))[1] == ("1", ["49/100", "3/10", "1/5", "3/20"])


def test_cor3_limits_nothing_certified_without_the_general_proof(monkeypatch):
    truth, steps, _ = lim.general_limits()
    monkeypatch.setattr(lim, "general_limits", lambda: (truth, steps, False))
    monkeypatch.setattr(lim, "rescaled_limit", lambda *a, **k: None)
    r = lim.check_cor3_limits()
    assert r.verdict is Verdict.INCONCLUSIVE and r.evidence.notes == "stated values without a certified limit"
    und = r.evidence.details["stated values without a certified limit"]
    assert len(und) == 34 and und[0] == "i=1, j=0"
    assert r.evidence.details["stated values compared"] == 3 and r.evidence.precision == "arb 128 bits"
    nothing = lim.check_cor3_limits(lambda i_le, rel: None)
    assert nothing.evidence.notes == "the formula states no value"
    assert nothing.evidence.method == "certified limits at rescaled times"


def test_cor3_limits_inactive_mode_refuted_by_the_step_bound():
    def wrong(i_le, rel):
        if not i_le:
            return None if rel == "<" else "sigma/lambda"
        return lim.limits_printed(i_le, rel)

    r = lim.check_cor3_limits(wrong)
    assert r.verdict is Verdict.FAILS
    cex = r.evidence.counterexample
    assert cex["j vs i"] == "=" and cex["certified limit"].startswith("0: w_t <= w_0")
    assert r.evidence.method.startswith("certified limits at rescaled times")
    assert r.evidence.precision == "arb"
    assert r.evidence.details["certified table"]["i=1, j=2"] == "sigma/lambda"


def test_cor3_limits_general_fallback_names_the_mode(monkeypatch):
    monkeypatch.setattr(lim, "rescaled_limit", lambda *a, **k: None)
    r = lim.check_cor3_limits(lambda i_le, rel: "sigma/lambda" if (i_le and rel == "<") else
                              lim.limits_printed(i_le, rel))
    assert r.evidence.counterexample["i"] == "<= r_xy" and r.evidence.counterexample["j vs i"] == "<"


@pytest.mark.parametrize("step", ["_zero_mode_certificate", "_sharp_from", "log_lemma"])
def test_cor3_limits_general_proof_needs_every_step(monkeypatch, step):
    from symdln.certify.smt import SmtResult

    fake = {"_zero_mode_certificate": lambda: "unknown",
            "_sharp_from": lambda *a: SmtResult("unknown", reason="test"),
            "log_lemma": lambda *a: {"proved": False}}[step]
    monkeypatch.setattr(lim, step, fake)
    assert lim.general_limits()[2] is False


def test_general_limits_steps():
    _, steps, proved = lim.general_limits()
    assert proved and steps["rho_s(0) (exact)"] == "1 - 2*s"
    assert steps["z3: rho_s(0) > 0 for 2 s < 1 (u stays positive)"] == "proved"
    assert steps["z3: sigma = 0 step does not increase w (x in [0, 2])"] == "proved"
    assert steps["lemma: lower(x) <= 1/tau*(x) on (0, 1/2)"]["proved"]


def test_judge_transition_rejects_other_symbols():
    from symdln.correction import FormulaError
    from symdln.notation import eta, sigma

    with pytest.raises(FormulaError, match="expression in eta and sigma"):
        lim.judge_transition(1 / sp.log(1 + eta * sigma) + sp.Symbol("lam"))
    with pytest.raises(FormulaError):
        lim.judge_transition(sp.Eq(eta, sigma))


def test_judge_transition_depending_on_sigma_alone_is_not_holds():
    """Right at sigma = 1, 2, 1/3 but not a function of eta sigma: wrong at sigma = 3, never HOLDS."""
    from symdln.notation import eta, sigma

    bump = (sigma - 1) * (sigma - 2) * (3 * sigma - 1)
    r = lim.judge_transition(1 / sp.log(1 + eta * sigma) + bump)
    assert r.verdict is Verdict.INCONCLUSIVE
    assert r.evidence.notes == "T depends on sigma other than through eta sigma"
    assert set(r.evidence.details) == {"sigma = 1", "sigma = 2", "sigma = 1/3"}


def test_judge_transition_undistinguishable_is_not_holds():
    from symdln.notation import eta, sigma

    r = lim.judge_transition(1 / sp.log(1 + eta * sigma) * (1 + sp.Rational(1, 10**13)))
    assert r.verdict is Verdict.INCONCLUSIVE
    assert r.evidence.notes == "not identified with the derived threshold at every sigma"


def test_judge_transition_evidence():
    from symdln.notation import eta, sigma

    ok = lim.judge_transition(1 / sp.log(1 + eta * sigma))
    assert ok.verdict is Verdict.HOLDS and ok.evidence.scope == "general" and ok.evidence.proof == lim.PROOF
    assert "at sigma = 1, 2, 1/3" in ok.evidence.method and ok.evidence.precision == "exact + arb"
    rows = ok.evidence.details["certified half-rise steps (eta sigma = 1/10, lambda = sigma)"]
    assert [row["delta/s"] for row in rows] == [250.0, 500.0, 1000.0, 2000.0]
    assert ok.evidence.details["inside the window (certified)"] == [True] * 4
    _assert_crossings_in_window(rows, ok.evidence.details["proved window"].values())
    bad = lim.judge_transition(2 / (eta * sigma))
    assert bad.verdict is Verdict.FAILS and bad.evidence.counterexample["sigma"] == "1"
    assert bad.evidence.counterexample["tau lies"].startswith("between T(s)")
    assert bad.evidence.method.startswith("certified limits") and bad.evidence.precision == "arb 128 bits"
    assert bad.evidence.notes and bad.evidence.details["certified instances before the counterexample"]
