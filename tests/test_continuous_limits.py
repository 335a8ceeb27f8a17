"""Thm. 2 (18), Cor. 1 (19), Fig. 1, Cor. 2 (20): verdicts, negative tests, log-space evaluation."""

from __future__ import annotations

from fractions import Fraction as F

import flint
import mpmath
import numpy as np
import pytest
import sympy as sp

from symdln.certify.logspace import enclose_log_error, enclose_w_scaled
from symdln.checks import continuous_fig1 as CF
from symdln.checks import continuous_limits as CL
from symdln.checks import continuous_linear as CLin
from symdln.checks import continuous_rrr as CR
from symdln.limits import log_limit_error, log_w_scaled, mode_limit, step_limit_18
from symdln.rrr import (
    loss_up_to_constant,
    rank_k_minimisers,
    rrr_diagonal,
    rrr_min_norm,
    rrr_min_norm_exact,
)
from symdln.verdict import Verdict

HAC = Verdict.HOLDS_AFTER_CORRECTION


# ------------------------------------------------------------------ Thm. 2
def test_decomposition_identity():
    assert CL.decomposition_identity()


def test_thm2_printed_fails_at_first_violating_t():
    r = CL.check_thm2_limit()
    assert r.verdict is HAC
    cex = r.evidence.counterexample
    # sigma = lambda = 1: the printed step (T = 1) misses the true one at t = 1/2 (first violating t)
    got = (cex["sigma"], cex["lambda"], cex["t"], cex["limit"], cex["claimed"])
    assert got == ("1", "1", "1/2", "1/2", "0")


@pytest.mark.parametrize("k,T", [(F(2), lambda s: 1 / s), (F(1), lambda s: 1 / (2 * s))])
def test_thm2_corrected_forms_hold(k, T):
    assert CL.check_thm2_limit(k=k, T=T).verdict is Verdict.HOLDS


def test_thm2_negative_wrong_limit_value():
    wrong = lambda s, l, t, T: (s / l if t >= T else F(0))  # noqa: E731  (sigma/lambda at the step)
    r = CL.check_thm2_limit(k=F(2), T=lambda s: 1 / s, step_value=wrong)
    assert r.verdict is Verdict.FAILS


def test_thm2_negative_wrong_only_between_the_sampled_times():
    # right at every rational test point and at T/2, T, 2T; wrong on the rest of (T, 2T)
    def wrong(s, l, t, T):
        if t > T and t < 2 * T and t != 3 * T / 2:
            return 2 * s / l
        return step_limit_18(s, l, t, T)

    r = CL.check_thm2_limit(k=F(2), T=lambda s: 1 / s, step_value=wrong)
    assert r.verdict is not Verdict.HOLDS


def test_thm2_negative_wrong_step():
    assert CL.check_thm2_limit(k=F(2), T=lambda s: 2 / s).verdict is Verdict.FAILS


def test_thm2_rates_converge_to_exact_rate():
    # -log|w(delta t) - lim| = rho delta + c_delta with c_delta -> -log C: the rate rho is exact and the
    # remainder settles (Cauchy in delta), certified by Arb at fixed precision up to delta = 1e6
    for t, k in ((F(1, 2), F(2)), (F(1), F(2)), (F(3, 2), F(2)), (F(3, 4), F(1)), (F(1, 5), F(1))):
        rho = mode_limit(F(1), F(2), t, k)[1]
        c = {d: -enclose_log_error(F(1), F(2), t, k, F(d)) - float(rho * d) for d in (10**3, 10**6)}
        assert abs(c[10**6] - c[10**3]) < 1e-3
        assert abs(c[10**6]) < 10  # a bounded constant: the rate is rho, not rho + o(1)


def test_log_space_cost_and_value_independent_of_delta():
    # the mpmath log-space value agrees with the Arb enclosure at delta = 1e6 (fixed 64 bits)
    for t in (F(1, 4), F(1, 2), F(3, 4)):
        x = log_limit_error(F(1), F(1), t, F(1), F(10**6), prec=64)
        ball = enclose_log_error(F(1), F(1), t, F(1), F(10**6))
        assert abs(x - mpmath.mpf(ball.mid().str(30, radius=False))) < mpmath.mpf(2) ** -40 * abs(x)


def test_log_w_matches_enclosure():
    for t in (F(0), F(1, 3), F(1, 2), F(2)):
        for d in (F(10), F(1000)):
            lw = log_w_scaled(F(1), F(2), t, F(1), d, prec=64)
            with flint.ctx.workprec(256):
                ball = enclose_w_scaled(F(1), F(2), t, F(1), d, prec=256).log()
            with mpmath.workprec(80):
                ref = mpmath.mpf(ball.mid().str(40, radius=False))
                assert abs(lw - ref) <= mpmath.mpf(2) ** -60 * max(abs(ref), 1)


def test_step_limit_18_values():
    assert step_limit_18(F(1), F(3), F(1), F(1)) == F(1, 4)
    assert step_limit_18(F(1), F(3), F(2), F(1)) == F(1, 3)
    assert step_limit_18(F(1), F(3), F(1, 2), F(1)) == 0


# ------------------------------------------------------------------ Cor. 1
def test_cor1_holds():
    r = CL.check_cor1_limit()
    assert r.verdict is Verdict.HOLDS
    assert r.evidence.scope == "general" and "why not general" not in r.evidence.notes
    assert "for every number of modes r_xy" in r.evidence.method


def test_cor1_negative_unsquared():
    def wrong(sig, lam, t):
        return sum((s / l * (t > 1 / s) + s / (l + s) * (t == 1 / s) for s, l in zip(sig, lam, strict=True)),
                   F(0))

    assert CL.check_cor1_limit(wrong).verdict is Verdict.FAILS


# ------------------------------------------------------------------ Fig. 1
def test_fig1_integer_caption():
    r = CF.check_fig1_integer()
    assert r.verdict is HAC
    assert r.evidence.counterexample["limit trace norm"] == "1/2"


def test_fig1_integer_negative_not_autoencoder():
    r = CF.check_fig1_integer(lam_equals_sigma=False)
    assert r.verdict is Verdict.FAILS
    assert r.evidence.counterexample["limit trace norm"] == "1/11"  # sigma/(lambda+sigma) at T_1


def test_fig1_example():
    import sympy as sp

    from symdln.notation import t

    def one(c):
        return sp.Piecewise((1, c), (0, True))

    r = CF.judge_fig1_example(sum(one(t > T) for T in (10, 100, 1000)))  # steps at Thm. 2's T_i, integers
    assert r.verdict is Verdict.FAILS
    cex = r.evidence.counterexample
    assert (cex["t"], cex["limit trace norm (proved)"]) == ("5", "1/2")
    assert r.evidence.details["transitions (zeros of g)"] == ["5", "50", "500"]
    key = "with Sigma_x = I_d as printed (lambda_i = 1): plateaus after each transition"
    assert r.evidence.details[key] == ["1/10", "11/100", "111/1000"]


def test_fig1_example_negative_autoencoder_reading_still_has_wrong_steps():
    # half-steps added at the printed T_i = 1/sigma_i: the steps of W(0) = e^{-delta} I are at 1/(2 sigma_i)
    import sympy as sp

    from symdln.notation import t

    def one(c):
        return sp.Piecewise((1, c), (0, True))

    Ts = (10, 100, 1000)
    r = CF.judge_fig1_example(sum(one(t > T) for T in Ts) + sum(one(sp.Eq(t, T)) for T in Ts) / 2)
    assert r.verdict is Verdict.FAILS and r.evidence.counterexample["t"] == "5"


def test_fig1_example_negative_wrong_numbers_in_the_correction():
    import sympy as sp

    from symdln.notation import t

    def one(c):
        return sp.Piecewise((1, c), (0, True))

    Ts = (5, 50, 500)
    plateaus_identity = sum(sp.Rational(1, 10 ** (i + 1)) * one(t > T) for i, T in enumerate(Ts))
    late = (5, 50, 501)
    late_step = sum(one(t > T) for T in late) + sum(one(sp.Eq(t, T)) for T in late) / 2
    for wrong, at in ((sum(one(t > T) for T in (10, 100, 1000)), "5"), (plateaus_identity, "5"),
                      (late_step, "500")):
        r = CF.judge_fig1_example(wrong)
        assert r.verdict is Verdict.FAILS
        assert r.evidence.counterexample["t"] == at


# ------------------------------------------------------------------ Cor. 2
def test_cor2_printed_fails_with_exact_loss_certificate():
    r = CR.check_cor2()
    assert r.verdict is HAC
    cex = r.evidence.counterexample
    assert F(cex["f(limit)"]) > F(cex["f(W^{k,*})"]) == F(cex["min f over rank <= k"])
    assert cex["limit has rank <= k"] is True
    assert ">=" in r.evidence.corrected_statement and "minimum-norm" in r.evidence.corrected_statement


def test_cor2_correction_is_judged_both_ways_with_ties():
    r = CR.check_cor2_condition()
    assert r.verdict is Verdict.HOLDS
    p = r.evidence.parameters
    assert p["instances, condition true"] > 0 and p["instances, condition false"] > 0
    assert sum(p["ties (non-unique minimiser), condition true / false"]) > 0
    # the correction's verdict is this judgement, not another run's
    corr = CR.check_cor2().evidence.details["corrected"]
    assert corr["parameters"] == {k: v for k, v in r.evidence.to_dict()["parameters"].items()}


def _scores(s, l):
    return [a * a / b for a, b in zip(s, l, strict=True)]


def _strict(s, l, k):  # the earlier registered condition: wrong exactly at ties
    sc = _scores(s, l)
    return k >= len(sc) or min(sc[:k]) > max(sc[k:])


WRONG_CONDITIONS = {
    "always true": lambda s, l, k: True,
    "always false": lambda s, l, k: False,
    "too wide": lambda s, l, k: k >= len(s) or 2 * min(_scores(s, l)[:k]) >= max(_scores(s, l)[k:]),
    "too narrow": lambda s, l, k: k >= len(s) or min(_scores(s, l)[:k]) >= 2 * max(_scores(s, l)[k:]),
    "wrong at ties": _strict,
    "sigma order": lambda s, l, k: k >= len(s) or min(s[:k]) > 2 * max(s[k:]),
}


@pytest.mark.parametrize("name", list(WRONG_CONDITIONS))
def test_cor2_negative_wrong_condition(name):
    r = CR.check_cor2_condition(WRONG_CONDITIONS[name])
    assert r.verdict is Verdict.FAILS
    cex = r.evidence.counterexample
    assert cex["finding"] and "sigma" in cex and "lambda" in cex
    if name == "wrong at ties":
        assert cex["minimiser unique"] is False and cex["limit diag"] == cex["W^{k,*} diag"]
    full = CR.check_cor2(WRONG_CONDITIONS[name])
    assert full.verdict is Verdict.FAILS
    assert full.evidence.details["correction"]["counterexample"] == cex


def test_cor2_condition_that_raises_fails():
    r = CR.check_cor2_condition(lambda s, l, k: min(_scores(s, l)[:k]) >= max(_scores(s, l)[k:]))
    assert r.verdict is Verdict.FAILS  # max() of an empty sequence at k = n
    assert "ValueError" in r.evidence.counterexample["condition under test"]


def test_cor2_isotropic_holds():
    r = CR.check_cor2_rrr(isotropic=True)
    assert r.verdict is Verdict.HOLDS
    assert r.evidence.parameters["instances"] > 0


def _keep(sig, lam, n):
    return [s / l if i < n else F(0) for i, (s, l) in enumerate(zip(sig, lam, strict=True))]


@pytest.mark.parametrize("wrong", [
    lambda sig, lam, k: list(sig),                   # sigma_i, not sigma_i/lambda_i
    lambda sig, lam, k: _keep(sig, lam, k)[::-1],    # the last k modes
    lambda sig, lam, k: _keep(sig, lam, k + 1),      # rank k + 1
], ids=["sigma", "reversed", "rank k+1"])
def test_cor2_negative_wrong_claimed_limit_isotropic(wrong):
    r = CR.check_cor2_rrr(claimed=wrong, isotropic=True)
    assert r.verdict is Verdict.FAILS
    assert r.evidence.counterexample["limit diag"] != r.evidence.counterexample["W^{k,*} diag"]


def test_cor2_negative_claimed_limit_that_raises_where_it_would_fail():
    # a claimed limit cannot dodge the instances that refute it by raising there
    def dodge(sig, lam, k):
        if not CR.cor2_condition(sig, lam, k):
            raise ValueError("not unique")
        return rrr_min_norm_exact(sig, lam, k)

    r = CR.check_cor2_rrr(claimed=dodge)
    assert r.verdict is Verdict.FAILS
    assert r.evidence.counterexample["claimed limit"] == "ValueError: not unique"


def test_cor2_condition_examples():
    assert not CR.cor2_condition([F(3), F(2)], [F(3), F(1)], 1)
    assert CR.cor2_condition([F(3), F(2)], [F(1), F(1)], 1)
    assert CR.cor2_condition([F(2), F(1)], [F(4), F(1)], 1)  # a tie: (20) holds there


def test_rrr_min_norm_at_a_tie_keeps_the_larger_sigma():
    # sigma^2/lambda = 1 for both modes: two rank-1 minimisers; the minimum-norm one keeps mode 1
    sig, lam = [F(2), F(1)], [F(4), F(1)]
    fmin, found = rank_k_minimisers(sig, lam, 1)
    assert fmin == F(-1, 2) and len(found) == 2
    assert rrr_min_norm_exact(sig, lam, 1) == [F(1, 2), F(0)] == CR._dynamics_limit(sig, lam, F(3, 4))
    with pytest.raises(ValueError):
        rrr_min_norm_exact([F(1), F(1)], [F(1), F(1)], 1)  # equal modes: no unique W^{1,*}


def test_rrr_min_norm_exact_matches_the_sorted_formula_off_ties():
    sig, lam = [F(3), F(2), F(1, 2)], [F(3), F(1), F(1, 4)]
    for k in (1, 2, 3):
        assert rrr_min_norm_exact(sig, lam, k) == rrr_diagonal(sig, lam, k)


def test_rrr_exact_matches_float_solution():
    sig, lam = [F(3), F(2), F(1, 2)], [F(3), F(1), F(1, 4)]
    for k in (1, 2, 3):
        exact = [float(x) for x in rrr_diagonal(sig, lam, k)]
        num = np.diag(rrr_min_norm(np.diag([float(x) for x in lam]), np.diag([float(x) for x in sig]), k))
        assert np.allclose(num, exact, rtol=1e-12, atol=1e-12)


def test_rrr_min_norm_beats_random_rank_k():
    rng = np.random.default_rng(1234)
    A = rng.standard_normal((6, 4))
    Sx = A.T @ A / 6
    Sxy = A.T @ rng.standard_normal((6, 3)) / 6
    for k in (1, 2):
        W = rrr_min_norm(Sx, Sxy, k)
        assert np.linalg.matrix_rank(W, tol=1e-10) == k
        best = loss_up_to_constant(Sx, Sxy, W)
        for _ in range(200):
            M = rng.standard_normal((4, k)) @ rng.standard_normal((k, 3))
            assert loss_up_to_constant(Sx, Sxy, M) >= best - 1e-12


# ------------------------------------------------------------------ L = 1 after Thm. 2
def test_thm2_linear_constant_on_positive_times():
    # read on t > 0 like eq8.rescaled_limit; the value 0 at t = 0 is recorded, not a counterexample
    r = CLin.check_thm2_linear()
    assert r.verdict is Verdict.HOLDS
    assert r.evidence.details["per-mode limit, t = 0"] == "0"


def test_thm2_linear_corrected_holds():
    from symdln.notation import lam, sigma, t

    claimed = sp.Piecewise((sigma / lam, t > 0), (0, True))  # the value at t = 0 is not judged
    assert CLin.judge_thm2_linear(claimed).verdict is Verdict.HOLDS


def test_thm2_linear_negative_wrong_value():
    from symdln.notation import lam, sigma, t

    claimed = sp.Piecewise((sigma / lam**2, t > 0), (0, True))
    assert CLin.judge_thm2_linear(claimed).verdict is Verdict.FAILS
