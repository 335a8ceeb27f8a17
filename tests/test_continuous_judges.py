"""The continuous claims whose formula and correction are data (judged by ``Check.judge``):
the registered correction holds, wrong corrections fail with a counterexample."""

from __future__ import annotations

import pytest
import sympy as sp

from symdln.claims import by_id
from symdln.correction import FormulaError
from symdln.notation import delta, lam, sigma, t, w, w0
from symdln.runner import run_claim
from symdln.verdict import Verdict

E = sp.exp(-2 * delta)


def _holds_after_correction(cid: str) -> None:
    run = run_claim(by_id(cid))
    assert run.verdict is Verdict.HOLDS_AFTER_CORRECTION
    assert run.correction_verdict is Verdict.HOLDS
    assert run.checks[0].result.evidence.counterexample


def _fails(cid: str, wrong: sp.Basic) -> None:
    run = run_claim(by_id(cid), correction_expr=wrong)
    assert run.verdict is Verdict.FAILS
    assert run.correction_verdict is Verdict.FAILS
    assert run.correction_checks[0].result.evidence.counterexample


# ------------------------------------------------------------------ eq16.inactive
def test_eq16_inactive_registered_correction_holds():
    _holds_after_correction("eq16.inactive")


@pytest.mark.parametrize("wrong", [
    sp.Eq(w(t), E / (1 + 3 * E * lam * t)),                     # constant changed
    sp.Eq(w(t), E / (1 - 2 * E * lam * t)),                     # sign
    sp.Eq(w(t), E / (1 + 2 * E * delta * t)),                   # symbol swapped
    sp.Eq(w(t), E),                                             # term dropped
    sp.Eq(w(t), sp.exp(-delta) / (1 + 2 * sp.exp(-delta) * lam * t)),  # Thm. 2's w(0) = e^{-delta}
], ids=["constant", "sign", "swap", "dropped", "w0"])
def test_eq16_inactive_wrong_corrections_fail(wrong):
    _fails("eq16.inactive", wrong)


def test_eq16_inactive_judge_reads_any_equation_for_w():
    judge = by_id("eq16.inactive").judging[0]
    assert judge.run(sp.Eq(1 / w(t), 1 / E + 2 * lam * t)).verdict is Verdict.HOLDS
    with pytest.raises(FormulaError):
        judge.run(sp.Eq(w0, E))


# ------------------------------------------------------------------ eq17.saxe
def test_eq17_registered_correction_holds():
    _holds_after_correction("eq17.saxe")
    cex = run_claim(by_id("eq17.saxe")).checks[0].result.evidence.counterexample
    assert cex["lim_{delta -> oo} T - t_1/2 (at this sigma, lambda)"] == "-oo"


@pytest.mark.parametrize("wrong", [
    delta / sigma + sp.log(sigma / lam - E) / (3 * sigma),      # constant changed
    delta / sigma + sp.log(lam / sigma - E) / (2 * sigma),      # symbols swapped
    delta / sigma + sp.log(sigma / lam) / (2 * sigma),          # term dropped
    delta / sigma,                                              # leading order only
    sp.log(sigma / lam - E) / (2 * sigma),                      # delta/sigma dropped
], ids=["constant", "swap", "dropped", "leading", "no-delta"])
def test_eq17_wrong_corrections_fail(wrong):
    _fails("eq17.saxe", wrong)


def test_eq17_judge_refuses_other_symbols():
    with pytest.raises(FormulaError):
        by_id("eq17.saxe").judging[0].run(delta / sigma + t)


# ------------------------------------------------------------------ thm2.limit
def _step(T: sp.Expr, at: sp.Expr | None = None, above: sp.Expr | None = None) -> sp.Expr:
    at = sigma / (lam + sigma) if at is None else at
    above = sigma / lam if above is None else above
    return (at * sp.Piecewise((1, sp.Eq(t, T)), (0, True))
            + above * sp.Piecewise((1, t > T), (0, True)))


def test_thm2_registered_correction_holds():
    _holds_after_correction("thm2.limit")
    cex = run_claim(by_id("thm2.limit")).checks[0].result.evidence.counterexample
    assert cex["limit"] == "1/2" and cex["claimed"] == "0"


def test_thm2_judge_reads_a_piecewise_limit():
    step = sp.Piecewise((0, t < 1 / (2 * sigma)), (sigma / (lam + sigma), sp.Eq(t, 1 / (2 * sigma))),
                        (sigma / lam, True))
    assert by_id("thm2.limit").judging[0].run(step).verdict is Verdict.HOLDS


@pytest.mark.parametrize("wrong", [
    _step(1 / (3 * sigma)),                                       # constant changed
    _step(1 / (2 * lam)),                                         # symbol swapped
    _step(1 / (2 * sigma), at=sp.Integer(0)),                     # term dropped (the value at the step)
    _step(1 / (2 * sigma), at=lam / (lam + sigma)),               # swapped in the value at the step
    _step(1 / (2 * sigma), above=sp.Integer(1)),                  # Thm. 2 for the autoencoder only
], ids=["constant", "swap-T", "dropped", "swap-value", "autoencoder"])
def test_thm2_wrong_corrections_fail(wrong):
    _fails("thm2.limit", wrong)


# ------------------------------------------------------------------ cor2.rrr
SI, LI, SJ, LJ = (sp.Symbol(n, positive=True) for n in ("sigma_i", "lambda_i", "sigma_j", "lambda_j"))


def test_cor2_registered_correction_holds():
    _holds_after_correction("cor2.rrr")


@pytest.mark.parametrize("wrong", [
    SI**2 / LI > SJ**2 / LJ,                                      # made strict: the ties fail
    SI**3 / LI >= SJ**3 / LJ,                                     # exponent changed
    SI**2 / LI >= 2 * SJ**2 / LJ,                                 # constant changed
    SI**2 / LJ >= SJ**2 / LI,                                     # symbols swapped
    SI**2 >= SJ**2,                                               # terms dropped (the lambda's)
    SI / LI >= SJ / LJ,                                           # sigma/lambda, the limit's value
    sp.And(SI**2 / LI >= SJ**2 / LJ, LI <= LJ),                   # an extra condition
], ids=["strict", "exponent", "constant", "swap", "dropped", "ratio", "extra"])
def test_cor2_wrong_conditions_fail(wrong):
    _fails("cor2.rrr", wrong)


def test_cor2_correction_is_proved_for_every_spectrum():
    from symdln.checks.continuous_rrr import judge_cor2_condition, reduction_lemmas

    assert set(reduction_lemmas().values()) == {"proved"}
    r = judge_cor2_condition(SI**2 / LI >= SJ**2 / LJ)
    assert (r.verdict, r.evidence.scope) == (Verdict.HOLDS, "general")
    assert r.evidence.details["z3 equivalence"].startswith("proved")


def test_cor2_wrong_condition_off_the_instance_grid_fails_at_the_z3_model():
    from symdln.checks.continuous_rrr import _instances, judge_cor2_condition

    wrong = sp.Or(SI**2 / LI >= SJ**2 / LJ, LI > 10)   # differs only where lambda_i > 10: no listed instance
    cex = judge_cor2_condition(wrong).evidence.counterexample
    assert cex is not None and sp.Rational(cex["lambda"][0]) > 10
    assert cex["f(limit)"] != cex["min f over rank <= k"]  # the exact certificate of the failure
    # the instances alone would have missed it
    assert max(x for _, lam in _instances(False) for x in lam) <= 10


def test_cor2_condition_without_z3_encoding_falls_back_to_the_instances_and_says_why():
    from symdln.checks.continuous_rrr import judge_cor2_condition

    r = judge_cor2_condition(sp.log(SI**2 / LI) >= sp.log(SJ**2 / LJ))
    assert (r.verdict, r.evidence.scope) == (Verdict.HOLDS, "instances")
    assert "why not general" in r.evidence.notes


def test_cor2_condition_in_other_symbols_is_refused():
    with pytest.raises(FormulaError):
        by_id("cor2.rrr").judging[0].run(sigma > 1)


# ------------------------------------------------------------------ fig1.integer
def _ind(cond: sp.Basic) -> sp.Expr:
    return sp.Piecewise((1, cond), (0, True))


def test_fig1_registered_correction_holds():
    _holds_after_correction("fig1.integer")
    cex = run_claim(by_id("fig1.integer")).checks[0].result.evidence.counterexample
    assert cex["limit trace norm"] == "1/2"


@pytest.mark.parametrize("wrong", [
    _ind(t > 1 / (2 * sigma)) + _ind(sp.Eq(t, 1 / (2 * sigma))) / 3,      # constant changed
    _ind(t > 1 / sigma) + _ind(sp.Eq(t, 1 / sigma)) / 2,                  # Thm. 2's T_i = 1/sigma_i
    _ind(t >= 1 / (2 * sigma)),                                           # counting the transition
    _ind(t > 1 / (2 * sigma)),                                            # term dropped
    _ind(t > 1 / (2 * sigma)) + _ind(sp.Eq(t, sigma / 2)) / 2,            # symbols swapped
], ids=["constant", "thm2-T", "at-transition", "dropped", "swap"])
def test_fig1_wrong_corrections_fail(wrong):
    _fails("fig1.integer", wrong)
