"""Thm. 3 (23) and its sigma = 0 branch judged as formulas: the printed bounds, the registered
corrections and wrong corrections all go through the same checks (symdln.checks.thm3_bounds)."""

from __future__ import annotations

import pytest
import sympy as sp

from symdln import discrete as core
from symdln.checks import thm3_bounds as tb
from symdln.claims import by_id
from symdln.correction import FormulaError
from symdln.notation import eta, lam, sigma, t, w0, w_t
from symdln.runner import run_claim
from symdln.verdict import Verdict

HAC = Verdict.HOLDS_AFTER_CORRECTION
R = sp.Rational
S, Y0 = eta * sigma, eta * (sigma - lam * w0)
UPPER = core.upper_corrected(t, w0, sigma, lam, eta)
LOWER = core.lower_corrected(t, w0, sigma, lam, eta)
VALID = core.upper_valid_condition(w0, sigma, lam, eta)
SIGMA0 = tb.SIGMA0
B0 = core.sigma0_bound_printed(t, w0, lam, eta)
PHI = (1 + sp.sqrt(5)) / 2


def _rate(g: sp.Expr) -> sp.Expr:
    """The upper/lower bound shape sigma w0/((sigma - lambda w0) g^t + lambda w0)."""
    return sigma * w0 / ((sigma - lam * w0) * g**t + lam * w0)


def _fails(r, t_at=None):
    assert r.verdict is Verdict.FAILS, (r.verdict, r.evidence.notes)
    cex = r.evidence.counterexample
    assert cex is not None
    if t_at is not None:
        assert cex["t"] == t_at
    return cex


# --- the registered claims, end to end through the runner


def test_upper_printed_fails_and_registered_correction_holds():
    run = run_claim(by_id("thm3.upper"))
    assert run.verdict is HAC
    assert run.correction_verdict is Verdict.HOLDS
    it = run.checks[0].result.evidence
    assert it.counterexample["t"] == 0 and it.counterexample["sigma"] != 1  # the missing numerator sigma
    assert it.details["corrected"]["scope"] == "general"
    assert it.corrected_statement == by_id("thm3.upper").correction.statement


def test_lower_and_sigma0_registered_corrections_hold():
    for cid in ("thm3.lower", "thm3.sigma0"):
        run = run_claim(by_id(cid))
        assert run.verdict is HAC, cid
        assert run.correction_verdict is Verdict.HOLDS, cid


def test_the_report_statement_is_rendered_from_the_formula():
    c = by_id("thm3.upper").correction
    assert "3/2" in c.statement and "(-2*eta*sigma + 1)**t" in c.statement
    assert c.statement.startswith(sp.sstr(c.expr.args[0])) or sp.sstr(c.expr.args[1]) in c.statement


# --- wrong corrections are FAILS with a certified counterexample, through run_claim


@pytest.mark.parametrize("wrong, t_at", [
    (sp.Equivalent(VALID, w_t <= _rate(1 - eta * sigma)), 1),  # a wrong rate
    (sp.Equivalent(VALID, w_t <= w0 / ((sigma - lam * w0) * (1 - 2 * S) ** t + lam * w0)), 0),  # no sigma
    (w_t <= UPPER, 1),                                                              # a vacuous condition
    (sp.Equivalent(eta * (lam * w0 - sigma) <= 2, w_t <= UPPER), 1),                # a condition too wide
])
def test_wrong_upper_corrections_fail(wrong, t_at):
    run = run_claim(by_id("thm3.upper"), correction_expr=wrong)
    assert run.correction_verdict is Verdict.FAILS
    assert run.verdict is Verdict.FAILS
    cex = run.correction_checks[0].result.evidence.counterexample
    assert cex["t"] == t_at and cex["certified by"] in ("exact rational", "arb enclosure")


def test_iff_with_a_condition_too_narrow_fails_where_the_bound_is_proved():
    r = tb.judge_iterates(sp.Equivalent(eta * (lam * w0 - sigma) <= 1, w_t <= UPPER))
    cex = _fails(r)
    assert cex["the bound holds for all t here (induction proved)"]
    assert 1 < cex["eta"] * (cex["lambda"] * cex["w0"] - cex["sigma"]) <= R(3, 2)


def test_iff_with_a_condition_narrower_between_grid_points_fails():
    """Regression (a generated mutant): eta(lambda w0 - sigma/2) <= 3/2 differs from the true
    condition only on 3/2 + s/2 < x0 <= 3/2 + s, where the grid has no point; z3's model of the
    failed converse lands there and the bound is proved for all t at it."""
    r = tb.judge_iterates(sp.Equivalent(eta * (lam * w0 - sigma / 2) <= R(3, 2), w_t <= UPPER))
    cex = _fails(r)
    assert cex["the bound holds for all t here (induction proved)"]
    s, x0 = cex["eta"] * cex["sigma"], cex["eta"] * cex["lambda"] * cex["w0"]
    assert R(3, 2) + s / 2 < x0 <= R(3, 2) + s


def test_the_registered_upper_iff_is_decided_both_ways():
    r = tb.judge_iterates(by_id("thm3.upper").correction.expr)
    assert r.verdict is Verdict.HOLDS and r.evidence.scope == "general"
    info = r.evidence.details["clause 1"]
    assert info["points where the condition holds"] > 0 and info["points where it does not"] > 0
    assert info["points outside the condition with a certified violation"] == info["points where it does not"]
    assert info["z3: outside the condition the bound fails at t = 1"] == "proved"


def test_boundary_points_of_a_condition_are_judged():
    """eta(lambda w0 - sigma) = 3/2 exactly is inside the condition: grid points on it are counted."""
    clause = tb.clauses(sp.Equivalent(VALID, w_t <= UPPER))[0]
    inside, _, _ = tb._points(clause, "sigma > 0")
    ties = [p for p in inside if p["eta"] * (p["lambda"] * p["w0"] - p["sigma"]) == R(3, 2)]
    assert len(ties) > 0


def test_upper_rate_sharp_both_ways():
    """1 - 2 eta sigma is the only rate of the form 1 - a eta sigma that holds on the condition."""
    for a in (R(3, 2), R(5, 2)):
        r = tb.judge_iterates(sp.Implies(VALID, w_t <= _rate(1 - a * eta * sigma)))
        assert r.verdict is not Verdict.HOLDS, a
    r = tb.judge_horizon(w_t <= _rate(1 - 2 * S + S**2))
    _fails(r) if r.verdict is Verdict.FAILS else pytest.fail("a slower upper rate must fail on the horizon")


def test_lower_corrections():
    good = by_id("thm3.lower").correction.expr
    assert tb.judge_iterates(good).verdict is Verdict.HOLDS
    # without the no-overshoot condition the second clause fails
    above = core.lower_corrected_above(t, w0, sigma, lam, eta)
    _fails(tb.judge_iterates(sp.Implies(lam * w0 > sigma, w_t >= above)))
    # the rate (1 + eta sigma)^-2 for w0 above sigma/lambda: fails at t = 1
    _fails(tb.judge_iterates(w_t >= LOWER), t_at=1)
    # a wrong exponent: (1 + eta sigma)^(-3t)
    wrong = sp.Implies(lam * w0 <= sigma, w_t >= _rate((1 + S) ** -3))
    _fails(tb.judge_iterates(wrong))


def test_printed_lower_rate_with_sigma_restored_is_proved_through_the_exp_bound():
    """exp(-2s + 4s^2) >= (1+s)^-2: proved by z3 with exp replaced by its Taylor bounds."""
    st = sp.Implies(lam * w0 <= sigma, w_t >= _rate(sp.exp(-2 * S + 4 * S**2)))
    r = tb.judge_iterates(st)
    assert r.verdict is Verdict.HOLDS and r.evidence.scope == "general"


def test_sigma0_branch():
    good = by_id("thm3.sigma0").correction.expr
    assert tb.judge_iterates(good, "sigma >= 0").verdict is Verdict.HOLDS
    cex = _fails(tb.judge_iterates(w_t <= B0, "sigma >= 0"), t_at=1)
    assert cex["eta"] * cex["lambda"] * cex["w0"] > PHI
    # vacuous condition, and a threshold 3/2 < phi in an iff (the bound is proved at x0 in (3/2, phi])
    _fails(tb.judge_iterates(sp.Implies(sp.Eq(SIGMA0, 0), w_t <= B0), "sigma >= 0"), t_at=1)
    r = tb.judge_iterates(sp.Implies(sp.Eq(SIGMA0, 0), sp.Equivalent(eta * lam * w0 <= R(3, 2), w_t <= B0)),
                          "sigma >= 0")
    cex = _fails(r)
    assert R(3, 2) < cex["eta"] * cex["lambda"] * cex["w0"] <= PHI
    # a threshold 2 > phi fails at t = 1
    r = tb.judge_iterates(sp.Implies(sp.And(sp.Eq(SIGMA0, 0), eta * lam * w0 <= 2), w_t <= B0), "sigma >= 0")
    _fails(r, t_at=1)
    # the i = r_xy mode (sigma > 0) is in the printed range: the bound fails there too
    r = tb.judge_iterates(sp.Implies(sp.And(SIGMA0 > 0, eta * lam * w0 <= 1), w_t <= B0), "sigma >= 0")
    _fails(r)


def test_never_true_condition_is_inconclusive():
    r = tb.judge_iterates(sp.Implies(w0 > 2, w_t <= UPPER))
    assert r.verdict is Verdict.INCONCLUSIVE and "vacuous" in r.evidence.notes


def test_true_bound_without_an_induction_is_inconclusive_not_holds():
    r = tb.judge_iterates(sp.Implies(lam * w0 <= sigma, w_t <= sigma / lam))
    assert r.verdict is Verdict.INCONCLUSIVE
    assert "no induction" in r.evidence.details["clause 1"]["sigma > 0: induction"]


def test_strict_bound_fails_at_t0():
    _fails(tb.judge_iterates(sp.Implies(VALID, w_t < UPPER)), t_at=0)


def test_undefined_bound_fails():
    cex = _fails(tb.judge_iterates(w_t <= w0 / (sigma - lam * w0)))
    assert "not a finite real number" in cex["certified by"] or cex["bound_t"] is not None


def test_exact_rationals_in_a_bound_stay_exact():
    """A bound with the constant 1/2 is evaluated exactly (no float division)."""
    r = tb.judge_iterates(sp.Implies(lam * w0 <= sigma, w_t <= _rate(1 - R(1, 2) * 4 * S)))
    assert r.verdict is Verdict.HOLDS


@pytest.mark.parametrize("bad", [
    sp.Eq(w_t, 1), w_t <= w_t + 1, sp.Implies(t > 1, w_t <= 1), w_t + 1, w_t <= w0 + sp.Symbol("y"),
])
def test_malformed_statements_raise(bad):
    with pytest.raises(FormulaError):
        tb.judge_iterates(bad)


def test_horizon_small():
    r = tb.judge_horizon(by_id("thm3.upper").correction.expr, n_sets=8, nsteps=2000)
    assert r.verdict is Verdict.HOLDS
    assert r.evidence.details["clause 1"]["held for all t <= nsteps"] > 0
    r = tb.judge_horizon(by_id("thm3.upper").formula, n_sets=8, nsteps=2000)
    assert r.verdict is Verdict.INCONCLUSIVE  # the printed bound is not of the form u_0 g^t


def test_horizon_is_subsumed_by_the_general_induction():
    """The horizon check stays on instances and says why: its sets are points of the printed domain
    where the clause's condition holds, so the induction of 'iterates' (general) covers them."""
    stmt = by_id("thm3.upper").correction.expr
    r = tb.judge_horizon(stmt, n_sets=8, nsteps=2000)
    assert r.evidence.scope == "instances" and "why not general" in r.evidence.notes
    assert tb.judge_iterates(stmt).evidence.scope == "general"
    for clause in tb.clauses(stmt):
        assert tb.induction(tb.Clause(clause.hypothesis, clause.side, clause.bound))[0]
        for q in tb._horizon_sets(clause, 8):
            at = tb._key(q["point"])
            assert tb.PRINTED_DOMAIN["sigma > 0"].subs(at) is sp.true
            assert clause.hypothesis.subs(at) is sp.true


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
    r = tb.judge_horizon(w_t <= UPPER, n_sets=3, nsteps=300)
    assert r.verdict is Verdict.HOLDS
    _fails(tb.judge_horizon(w_t <= _rate(1 - 2 * S + S**2), n_sets=3, nsteps=3000))


@pytest.mark.slow
def test_horizon_full_workload():
    """100 parameter sets x 10^6 steps, every step certified, for both registered corrections."""
    for cid in ("thm3.upper", "thm3.lower"):
        r = tb.judge_horizon(by_id(cid).correction.expr, n_sets=100, nsteps=10**6)
        assert r.verdict is Verdict.HOLDS, cid


def test_sigma0_branch_reads_its_bound_at_sigma_zero():
    """A bound that mentions sigma is judged at sigma = 0 in the sigma = 0 branch: sigma t added to the
    denominator vanishes there, so the statement holds; read at sigma = 1 it would not be proved."""
    bound = w0 / (1 + w0 * lam * eta * t + SIGMA0 * t)
    st = sp.Implies(sp.And(sp.Eq(SIGMA0, 0), eta * lam * w0 <= PHI), w_t <= bound)
    r = tb.judge_iterates(st, "sigma >= 0")
    assert r.verdict is Verdict.HOLDS and r.evidence.scope == "general"
    info = r.evidence.details["clause 1"]
    assert info["sigma = 0: increment d of 1/B (derived from the bound)"] == "eta*lambda"


def test_a_z3_model_orbit_is_searched_within_a_size_limit():
    # regression: this true statement (x_0 >= 2 + eta sigma keeps w_t >= w_0) sent a z3 model through
    # 64 exact cubic steps, which never finished; no induction applies, so it is INCONCLUSIVE, not FAILS
    import time

    start = time.perf_counter()
    r = tb.judge_iterates(sp.Implies(eta * lam * w0 >= 2 + eta * sigma, w_t >= w0))
    assert r.verdict is Verdict.INCONCLUSIVE
    assert time.perf_counter() - start < 120


def test_the_size_limit_only_bounds_the_search():
    # without max_bits every point is followed to tmax; with it, a violation at an early step is found
    clause = tb.clauses(w_t <= w0)[0]  # false from t = 1 when w_0 < sigma/lambda
    p = {"w0": sp.Rational(1, 4), "sigma": sp.Integer(1), "lambda": sp.Integer(1), "eta": sp.Rational(1, 4)}
    assert tb.first_violation(clause, [p])[0]["t"] == 1
    assert tb.first_violation(clause, [p], max_bits=64)[0]["t"] == 1
    big = {**p, "w0": sp.Rational(2**70 + 1, 2**72)}  # already beyond 64 bits: not followed past t = 0
    assert tb.first_violation(clause, [big], max_bits=64)[0] is None
    assert tb.first_violation(clause, [big])[0]["t"] == 1
