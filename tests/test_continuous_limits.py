"""Thm. 2 (18), Cor. 1 (19), Fig. 1, Cor. 2 (20): verdicts, negative tests, log-space evaluation."""

from __future__ import annotations

from fractions import Fraction as F

import flint
import mpmath
import numpy as np
import pytest

from symdln.certify.logspace import enclose_log_error, enclose_w_scaled
from symdln.checks import continuous_fig1 as CF
from symdln.checks import continuous_limits as CL
from symdln.checks import continuous_rrr as CR
from symdln.limits import log_limit_error, log_w_scaled, mode_limit, step_limit_18
from symdln.rrr import loss_up_to_constant, rrr_diagonal, rrr_min_norm
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
    assert CL.check_cor1_limit().verdict is Verdict.HOLDS


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
    r = CF.check_fig1_example()
    assert r.verdict is HAC
    assert r.evidence.counterexample["trace-norm plateaus"] == ["1/10", "11/100", "111/1000"]
    assert r.evidence.counterexample["transitions (rescaled t)"] == ["5", "50", "500"]


def test_fig1_example_negative_autoencoder_reading_still_has_wrong_steps():
    # Sigma_x = Sigma_xy: integer plateaus, but W(0) = e^{-delta} I (caption) puts the steps at 1/(2 sigma)
    r = CF.check_fig1_example((F(1, 10), F(1, 100), F(1, 1000)))
    assert r.verdict is Verdict.FAILS


# ------------------------------------------------------------------ Cor. 2
def test_cor2_printed_fails_with_exact_loss_certificate():
    r = CR.check_cor2()
    assert r.verdict is HAC
    cex = r.evidence.counterexample
    assert F(cex["f(limit)"]) > F(cex["f(W^{k,*})"])
    assert cex["limit has rank <= k"] is True


def test_cor2_isotropic_holds():
    assert CR.check_cor2_rrr(isotropic=True).verdict is Verdict.HOLDS


def test_cor2_negative_wrong_limit_isotropic():
    def wrong(sig, lam, t):
        return [s for s, l in zip(sig, lam, strict=True)]  # sigma_i instead of sigma_i / lambda_i

    assert CR.check_cor2_rrr(wrong, isotropic=True).verdict is Verdict.FAILS


def test_cor2_condition_examples():
    assert not CR.cor2_condition([F(3), F(2)], [F(3), F(1)], 1)
    assert CR.cor2_condition([F(3), F(2)], [F(1), F(1)], 1)


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
    r = CL.check_thm2_linear()
    assert r.verdict is Verdict.HOLDS
    assert r.evidence.details["per-mode limit, t = 0"] == "0"


def test_thm2_linear_corrected_holds():
    assert CL.check_thm2_linear(lambda s, l, t: s / l if t > 0 else F(0)).verdict is Verdict.HOLDS


def test_thm2_linear_negative_wrong_value():
    assert CL.check_thm2_linear(lambda s, l, t: s / l**2 if t > 0 else F(0)).verdict is Verdict.FAILS
