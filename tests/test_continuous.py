"""Thm. 1 / (15), (16), (17), App. A: verdicts on the printed statements and negative tests."""

from __future__ import annotations

import pytest
import sympy as sp

from symdln.checks import continuous as C
from symdln.checks import continuous_autoencoder as CA
from symdln.checks import continuous_perturbation as CP
from symdln.claims import by_id
from symdln.continuous import (
    mode_rhs,
    saxe_time_17,
    w_active_16,
    w_inactive_corrected,
)
from symdln.runner import run_claim
from symdln.verdict import Verdict

HAC = Verdict.HOLDS_AFTER_CORRECTION


# ------------------------------------------------------------------ (16)
def test_eq16_active_printed_holds():
    r = C.check_eq16_active()
    assert r.verdict is Verdict.HOLDS
    assert r.evidence.residual == "0"


def test_mode_ode_is_derived_from_flow_12():
    a = sp.Symbol("a", positive=True)
    s, l = sp.symbols("sigma lambda", positive=True)
    W = sp.Symbol("W")
    assert sp.expand(C.derive_mode_ode().subs(a, sp.sqrt(W)) - mode_rhs(W, s, l)) == 0


@pytest.mark.parametrize("wrong", [
    lambda s, l, d, t: w_active_16(s, l, d, 3 * t / 2),                     # wrong exponent
    lambda s, l, d, t: w_active_16(s, 2 * l, d, t),                         # wrong factor
    lambda s, l, d, t: s * sp.exp(2 * s * t - d) / (l * (sp.exp(2 * s * t - d) - sp.exp(-d)) + s),  # w(0)
])
def test_eq16_active_negative(wrong):
    r = C.check_eq16_active(wrong)
    assert r.verdict is Verdict.FAILS
    assert r.evidence.counterexample


def test_eq16_inactive_printed_fails_and_is_corrected():
    r = C.check_eq16_inactive()
    assert r.verdict is HAC
    cex = r.evidence.counterexample
    assert cex["t"] == "0" and cex["lambda"] == "1" and cex["delta"] == "1"
    assert "sign -1" in cex["value"]


def test_eq16_inactive_corrected_branch_holds():
    assert C.check_eq16_inactive(w_inactive_corrected).verdict is Verdict.HOLDS


def test_eq16_inactive_negative_wrong_sign():
    r = C.check_eq16_inactive(lambda l, d, t: sp.exp(-2 * d) / (1 - 2 * sp.exp(-2 * d) * l * t))
    assert r.verdict is Verdict.FAILS


# ------------------------------------------------------------------ Thm. 1
# (the condition on Q and the symbols of (15) judged as formulas: tests/test_q_condition.py)
def test_thm1_printed_Q_fails_orthogonal_holds():
    run = run_claim(by_id("thm1.form"))
    assert run.verdict is HAC and run.correction_verdict is Verdict.HOLDS
    cex = run.formula_checks[0].result.evidence.counterexample
    assert cex["which Q"] == "2 I (Q^T Q = 4 I)" and cex["(15) solves (12)"] is False
    assert cex["condition under test"] is True


def test_thm1_symbols():
    """The printed (15) fails at d = p = r = 1; rectangular diagonals of sqrt(w_i) on every entry fail where
    min(d, r) > p; the registered correction (sqrt(w_i) on the min(d, r, p) shared entries, e^{-delta_i}
    on the others) holds on every case."""
    run = run_claim(by_id("thm1.symbols"))
    assert run.verdict is HAC and run.correction_verdict is Verdict.HOLDS
    cex = run.formula_checks[0].result.evidence.counterexample
    assert cex["W_2 - claimed part"] == "-1" and cex["which"] == "initial value W_2(0)"
    assert "(12)" in run.correction_checks[0].result.evidence.method
    from symdln.checks import continuous_symbols as S

    rect = S.judge_thm1_symbols(S.RECTANGULAR_SYMBOLS).evidence.counterexample
    assert rect["case"] == "d = r = 3 > p = 2" and rect["which"] == "flow (12) residual"


def test_thm1_perturbation_proved_in_general():
    r = CP.check_thm1_perturbation()
    assert r.verdict is Verdict.HOLDS and r.evidence.scope == "general"
    assert "eps" not in r.evidence.details["c depends on"]
    assert "Frobenius" in r.evidence.details["norm"]


def test_thm1_perturbation_wrong_bound_refuted_by_the_certified_instance():
    # ||W^eps|| <= eps / 10 is refuted by the certified enclosure (Arb), not by a float trajectory
    import flint

    r = CP.judge_bound_on_instance(lambda e, t: e / 10 + 0 * t)
    assert r.verdict is Verdict.FAILS
    assert flint.arb(r.evidence.counterexample["||W^eps(t)||_F >="]) > flint.arb("0.01")


# ------------------------------------------------------------------ (17)
def test_eq17_printed_fails_corrected_half_rise_time():
    r = C.check_saxe_17()
    assert r.verdict is HAC
    assert r.evidence.counterexample["sigma"] == "1"


def test_eq17_exact_half_rise_time_holds():
    l = sp.Symbol("lambda", positive=True)
    exact = lambda s_, d_: d_ / s_ + sp.log(s_ / l - sp.exp(-2 * d_)) / (2 * s_)  # noqa: E731
    assert C.check_saxe_17(exact).verdict is Verdict.HOLDS
    assert C.check_saxe_17(lambda s_, d_: d_ / s_).verdict is Verdict.HOLDS  # leading order


def test_eq17_negative_wrong_factor():
    assert C.check_saxe_17(lambda s_, d_: d_ / (2 * s_)).verdict is Verdict.FAILS


def test_eq17_correction_is_judged_against_the_derived_mode():
    r = C.check_saxe_17()
    assert r.verdict is HAC
    assert "dsolve" in r.evidence.details["corrected"]["method"]
    assert r.evidence.corrected_statement.startswith("t_1/2 = delta/sigma + log(")


@pytest.mark.parametrize("t_half", [
    lambda s_, l_, d_: d_ / s_,                                                      # leading order only
    lambda s_, l_, d_: d_ / s_ + sp.log(s_ / l_ - sp.exp(-2 * d_)) / s_,             # factor 2 lost
    lambda s_, l_, d_: d_ / s_ + sp.log(s_ / l_ - sp.exp(-d_)) / (2 * s_),           # e^{-delta}
    lambda s_, l_, d_: d_ / s_ + sp.log(s_ / l_) / (2 * s_),                         # first two terms
], ids=["leading", "factor", "exponent", "truncated"])
def test_eq17_negative_wrong_correction(t_half):
    r = C.check_saxe_17(t_half=t_half)
    assert r.verdict is Verdict.FAILS
    corr = r.evidence.details["correction"]
    assert r.evidence.details["correction verdict"] == "FAILS"
    assert corr["counterexample"]["w(t_1/2) - sigma/(2 lambda)"]


def test_eq17_printed_is_negative_on_fig1_example():
    assert saxe_time_17(sp.Rational(1, 10), 5) < 0


# ------------------------------------------------------------------ App. A
def test_appA_generic_symmetric_init_not_preserved():
    r = CA.judge_appA_symmetry(sp.Eq(CA.W_2, CA.W_1.T))  # the reading: every W_1 = W_2^T start
    assert r.verdict is Verdict.FAILS
    assert r.evidence.counterexample["W_1(0) = W_2(0)^T"] == "[[1], [1]]"


def test_appA_aligned_inits_hold():
    from symdln.assumption import Sigma_x

    W1 = CA.W_1
    condition = sp.And(sp.Eq(CA.W_2, W1.T), sp.Eq(W1 * W1.T * Sigma_x, Sigma_x * W1 * W1.T))
    assert CA.judge_appA_symmetry(condition).verdict is Verdict.HOLDS


def test_appA_negative_generic_only():
    r = CA.judge_appA_symmetry(sp.true)
    assert r.verdict is Verdict.FAILS and r.evidence.counterexample["case"] == CA.SYMMETRY_CASES[0][0]


def test_appA_pca():
    assert CA.check_appA_pca().verdict is Verdict.HOLDS
    assert CA.check_appA_pca(lambda Sx, k: sp.eye(Sx.rows)).verdict is Verdict.FAILS  # full rank at once


def test_appA_generic_limit_is_only_observed():
    r = CA.check_appA_generic_limit(horizon=30.0)
    assert r.verdict is Verdict.INCONCLUSIVE
    assert float(r.evidence.details["max_t ||W_1 - W_2^T||"]) > 1e-3  # symmetry lost along the path
