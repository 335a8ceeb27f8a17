"""Thm. 3 (23) lower bound judged on the whole printed domain (symdln.checks.discrete_overshoot_judge):
the printed bound, the registered correction and wrong corrections go through the same judge, run by
the runner on a claim built here with the registry's formula and correction."""

from __future__ import annotations

import pytest
import sympy as sp

from symdln import discrete as core
from symdln.certify.balls import certified_sign
from symdln.checks.discrete_overshoot_judge import EPS, TMAX, judge_overshoot, known_points
from symdln.claims import by_id
from symdln.claims.record import Check, Claim
from symdln.correction import FormulaError
from symdln.notation import eta, lam, sigma, t, w0, w_t
from symdln.runner import run_claim
from symdln.verdict import Verdict

HAC = Verdict.HOLDS_AFTER_CORRECTION
R = sp.Rational
S, Y0 = eta * sigma, eta * (sigma - lam * w0)
LOWER = core.lower_corrected(t, w0, sigma, lam, eta)
ABOVE = core.lower_corrected_above(t, w0, sigma, lam, eta)
NO_OVERSHOOT = core.no_overshoot_condition(w0, sigma, lam, eta)


def _rate(g):
    return sigma * w0 / ((sigma - lam * w0) * g**t + lam * w0)


PRINTED_RATE = _rate(sp.exp(-2 * S + 4 * S**2))


def _claim() -> Claim:
    reg = by_id("thm3.lower")
    check = Check("overshoot", None, "the whole printed domain above the limit", judge=judge_overshoot)
    return Claim("thm3.lower", "paper1", reg.where, reg.statement, reg.domain, (check,),
                 formula=reg.formula, correction=reg.correction, symbols=reg.symbols)


def _orbit(p, tmax):
    w = [p["w0"]]
    for _ in range(tmax):
        w.append(sp.expand(sp.radsimp(core.product_step(w[-1], p["sigma"], p["lambda"], p["eta"]))))
    return w


def _certified_counterexample(cex):
    """Re-check a counterexample independently: the iterate from symdln.discrete.product_step and
    the sign of bound - iterate (exact, or Arb)."""
    p = {k: cex[k] for k in ("w0", "sigma", "lambda", "eta")}
    w = _orbit(p, cex["t"])[cex["t"]]
    assert w == cex["w_t"]
    assert 0 < p["w0"] < 1 and 0 < 2 * p["eta"] * p["sigma"] < 1 and p["lambda"] * p["w0"] > p["sigma"]
    d = sp.sympify(cex["bound_t"]) - w
    sign = (0 if d == 0 else (1 if d > 0 else -1)) if d.is_Rational else certified_sign(d)
    assert sign == 1, (cex["bound_t"], w)
    return p


# --- the printed formula and the registered correction, through the runner


def test_printed_fails_where_the_iterate_is_zero_and_the_correction_holds():
    run = run_claim(_claim())
    assert run.verdict is HAC
    assert run.correction_verdict is Verdict.HOLDS
    cex = run.formula_checks[0].result.evidence.counterexample
    assert cex["set"] == "zero set: y0 = -1" and cex["t"] == 1 and cex["w_t"] == 0
    p = _certified_counterexample(cex)
    assert p == {"w0": R(2, 3), "sigma": R(1, 3), "lambda": 2, "eta": 1}  # the simplest y0 = -1 example
    assert cex["y0"] == -1 and cex["w_0..w_t"] == [R(2, 3), 0]


def test_registered_correction_holds_above_the_limit_for_all_t():
    r = judge_overshoot(by_id("thm3.lower").correction.expr)
    assert r.verdict is Verdict.HOLDS and r.evidence.scope == "general"
    c1, c2 = r.evidence.details["clause 1"], r.evidence.details["clause 2"]
    # the general part: clause 1 is empty above the limit, clause 2 is proved by the induction on u
    assert c1["induction above the limit"]["sigma > 0"] == "no such parameters (z3)"
    assert c2["induction above the limit"]["sigma > 0: one-step lemma"] == "proved"
    assert c2["induction above the limit"]["sigma > 0: z3: 0 <= g <= rho(y_0) where w_0 > sigma/lambda"] \
        == "proved"
    # clause 1 (lambda w0 <= sigma) asserts nothing above the limit; clause 2 asserts on the overshoot
    # edge f(x0) = s (w_t = sigma/lambda for t >= 1: the bound is attained) and next to it
    assert c1["asserted points, by set"] == {}
    assert c2["asserted points, by set"]["edge f(x0) = s"] > 0
    assert c2["asserted points, by set"]["near f(x0) = s"] > 0
    assert "zero set" not in c2["asserted points, by set"]
    assert c2["undecided comparisons"] == 0 and c2["undecided conditions"] == 0
    inside, outside = c2["points on/near its condition's boundary: inside, outside"]
    assert inside > 0 and outside > 0
    assert c2[f"just outside the condition: points where the bound fails at some t <= {TMAX} (evidence)"] > 0


# --- wrong corrections: FAILS with an exact counterexample from this judge


WRONG = {
    "no-overshoot condition dropped": (
        sp.And(sp.Implies(lam * w0 <= sigma, w_t >= LOWER), sp.Implies(lam * w0 > sigma, w_t >= ABOVE)),
        "zero set: x0 = p_1", 2),
    "condition replaced by eta(sigma - lambda w0) > -2": (
        sp.And(sp.Implies(lam * w0 <= sigma, w_t >= LOWER),
               sp.Implies(sp.And(lam * w0 > sigma, Y0 > -2), w_t >= ABOVE)),
        "zero set: x0 = p_1", 2),
    "printed rate above the limit": (
        sp.And(sp.Implies(lam * w0 <= sigma, w_t >= LOWER),
               sp.Implies(lam * w0 > sigma, w_t >= PRINTED_RATE)),
        "zero set: y0 = -1", 1),
    "printed bound on the overshoot region": (
        sp.Implies(sp.And(lam * w0 > sigma, sp.Not(NO_OVERSHOOT)), w_t >= by_id("thm3.lower").formula.rhs),
        "zero set: y0 = -1", 1),
}


@pytest.mark.parametrize("name", list(WRONG))
def test_wrong_corrections_fail_at_a_zero_of_the_iterate(name):
    wrong, where, t_at = WRONG[name]
    run = run_claim(_claim(), correction_expr=wrong)
    assert run.correction_verdict is Verdict.FAILS
    assert run.verdict is Verdict.FAILS
    cex = run.correction_checks[0].result.evidence.counterexample
    assert cex["set"] == where and cex["t"] == t_at and cex["w_t"] == 0
    _certified_counterexample(cex)


def test_the_p1_counterexample_is_beyond_y0_minus_one():
    r = judge_overshoot(WRONG["condition replaced by eta(sigma - lambda w0) > -2"][0])
    cex = r.evidence.counterexample
    assert (cex["w0"], cex["sigma"], cex["lambda"], cex["eta"]) == (R(2, 3), R(19, 15), 10, R(1, 3))
    assert -2 < cex["y0"] < -1 and cex["w_0..w_t"] == [R(2, 3), R(32, 75), 0]


def test_printed_rate_with_the_no_overshoot_condition_fails_on_the_edge():
    r = judge_overshoot(sp.Implies(sp.And(lam * w0 > sigma, NO_OVERSHOOT), w_t >= PRINTED_RATE))
    assert r.verdict is Verdict.FAILS
    cex = r.evidence.counterexample
    assert cex["set"].startswith("edge f(x0) = s") and cex["t"] == 1
    assert cex["w_t"] == cex["sigma"] / cex["lambda"]  # landed exactly on the limit
    _certified_counterexample(cex)


def test_a_condition_slightly_weaker_than_no_overshoot_fails_just_outside_the_edge():
    weak = sp.And(lam * w0 > sigma, Y0 > -1, (1 + Y0) ** 2 >= S * (2 + Y0) - R(1, 1000))
    r = judge_overshoot(sp.Implies(weak, w_t >= ABOVE))
    assert r.verdict is Verdict.FAILS
    cex = r.evidence.counterexample
    assert cex["set"] == "near f(x0) = s: overshoot (f(x0) < s)" and cex["t"] == 2
    _certified_counterexample(cex)
    s, x0 = cex["eta"] * cex["sigma"], cex["eta"] * cex["lambda"] * cex["w0"]
    assert x0 * (1 + s - x0) ** 2 < s  # the first step overshoots the limit


# --- scope: what the statement asserts on the points this check knows


def test_a_statement_below_the_limit_only_is_inconclusive_here():
    r = judge_overshoot(sp.Implies(lam * w0 <= sigma, w_t >= LOWER))
    assert r.verdict is Verdict.INCONCLUSIVE
    assert "asserts nothing" in r.evidence.notes


def test_no_convergence_beyond_the_fixed_point_holds_on_instances():
    r = judge_overshoot(sp.Implies(eta * lam * w0 >= 2 + eta * sigma, w_t >= w0))
    assert r.verdict is Verdict.HOLDS and r.evidence.scope == "instances"
    assert "why not general: clause 1" in r.evidence.notes
    sets = r.evidence.details["clause 1"]["asserted points, by set"]
    assert sets["fixed point x0 = 2 + s"] > 0
    assert "zero set" not in sets


def test_positive_strict_lower_bound_fails_with_bound_zero():
    cex = judge_overshoot(w_t > 0).evidence.counterexample
    assert cex["w_t"] == 0 and cex["bound_t"] == 0 and cex["t"] == 1


def test_zero_set_point_with_irrational_sigma():
    """x0 = p_1 with sigma in Q(sqrt 466): w_2 = 0 exactly (radsimp), judged like the rational ones."""
    at = sp.And(sp.Eq(eta, 1), sp.Eq(w0, R(1, 2)), sp.Eq(lam, R(21, 5)))
    r = judge_overshoot(sp.Implies(at, w_t >= sigma / (2 * lam)))
    cex = r.evidence.counterexample
    assert r.verdict is Verdict.FAILS and cex["set"] == "zero set: x0 = p_1, sigma in Q(sqrt D)"
    assert cex["t"] == 2 and cex["w_t"] == 0 and not cex["sigma"].is_Rational
    _certified_counterexample(cex)
    assert judge_overshoot(sp.Implies(at, w_t >= w0 * (sigma - lam * w0))).verdict is Verdict.HOLDS


def test_unreadable_statement_is_a_formula_error():
    with pytest.raises(FormulaError) as exc:
        judge_overshoot(sp.Eq(w_t, w0))
    assert "\n" not in str(exc.value)


# --- the known sets: membership computed from exact orbits


def test_known_points_are_above_the_limit_with_exact_orbits():
    pts = known_points()
    for inst in pts:
        p = inst.values
        assert 0 < p["w0"] < 1 and 0 < 2 * p["eta"] * p["sigma"] < 1 and p["lambda"] * p["w0"] > p["sigma"]
        assert len(inst.orbit) == TMAX + 1
    zeros = [i for i in pts if i.label.startswith("zero set")]
    assert {i.label for i in zeros} == {"zero set: y0 = -1", "zero set: x0 = p_1",
                                         "zero set: x0 = p_1, sigma in Q(sqrt D)"}
    for inst in zeros[:8]:
        assert _orbit(inst.values, TMAX)[1:] == [sp.sympify(w) for w in inst.orbit[1:]]
        assert 0 in inst.orbit
    edge = [i for i in pts if i.label.startswith("edge")]
    assert edge and all(w * i.values["lambda"] == i.values["sigma"] for i in edge for w in i.orbit[1:])
    # both sides of the overshoot edge, within EPS in lambda
    near = [i for i in pts if i.label.startswith("near f(x0) = s")]
    assert any("no overshoot" in i.label for i in near) and any("overshoot (f" in i.label for i in near)
    assert EPS < R(1, 1000)
