"""Verdicts of Sec. 3.1 that must be earned: each check compares the formula under test with a
limit it derives, so a wrong formula fails (fig1.integer, appA.symmetric, eq17.saxe, cor1.norm,
thm2.limit, thm2.linear)."""

from __future__ import annotations

from fractions import Fraction as F

import pytest
import sympy as sp

from symdln.checks import continuous as C
from symdln.checks import continuous_autoencoder as CA
from symdln.checks import continuous_fig1 as CF
from symdln.checks import continuous_limits as CL
from symdln.checks import continuous_linear as CLin
from symdln.claims import paper1_continuous as P
from symdln.continuous import w_active_16
from symdln.limits import step_limit_18
from symdln.verdict import Verdict

HAC = Verdict.HOLDS_AFTER_CORRECTION


def _claim(cid: str):
    return next(c for c in P.CLAIMS if c.id == cid)


# ------------------------------------------------------------------ Fig. 1 caption
def test_fig1_integer_correction_is_compared_with_the_trace_limit():
    r = CF.check_fig1_integer()
    assert r.verdict is HAC
    corr = r.evidence.details["corrected"]
    assert corr["details"]["times compared"] > 10
    assert corr["details"]["per-mode limits (sigma = lambda, symbolic)"] == {
        "below": "0", "at": "1/2", "above": "1"}


def test_fig1_integer_negative_correction_without_the_half():
    r = CF.check_fig1_integer(count=lambda Ts, t: F(sum(1 for T in Ts if T < t)))
    assert r.verdict is Verdict.FAILS
    assert "correction not proved" in r.evidence.notes


def test_fig1_integer_negative_correction_counting_the_transition():
    r = CF.check_fig1_integer(count=lambda Ts, t: F(sum(1 for T in Ts if T <= t)))
    assert r.verdict is Verdict.FAILS


# ------------------------------------------------------------------ App. A / Sec. 3.1 autoencoder
def _bottom_k(Sx: sp.Matrix, k: int) -> sp.Matrix:
    d = Sx.shape[0]
    return CA.pca_projector(Sx, d) - CA.pca_projector(Sx, d - k)


def test_appA_pca_derived_limit_is_the_pca_projector():
    r = CA.check_appA_pca()
    assert r.verdict is Verdict.HOLDS
    assert r.evidence.details["mode limits (lambda = sigma, symbolic)"] == {
        "below": "0", "at": "1/2", "above": "1"}


def test_appA_pca_negative_wrong_claimed_projector():
    r = CA.check_appA_pca(claimed=_bottom_k)
    assert r.verdict is Verdict.FAILS
    assert r.evidence.counterexample["k"] == 1


def test_appA_pca_negative_wrong_mode_formula():
    # a mode formula whose rescaled limit is sigma/lambda^2 (= 1/sigma for the autoencoder)
    def wrong(s, l, d, t):
        e = sp.exp(2 * s * t - 2 * d)
        return s * e / (l * l * (e - sp.exp(-2 * d)) + s)

    assert CA.check_appA_pca(mode=wrong).verdict is Verdict.FAILS


def test_appA_pca_wrong_mode_is_refuted_by_the_mode_ode():
    # the truth is computed from the mode formula, so the formula must first solve (12)'s mode ODE
    r = CA.check_appA_pca(mode=lambda s, l, d, t: w_active_16(s, l, d, 2 * t))
    assert r.verdict is Verdict.FAILS
    assert "ODE residual" in r.evidence.counterexample["which"]


def test_appA_symmetry_condition_is_counted_both_ways_at_repeated_eigenvalues():
    from symdln.assumption import Sigma_x

    W1 = CA.W_1
    r = CA.judge_appA_symmetry(sp.And(sp.Eq(CA.W_2, W1.T), sp.Eq(W1 * W1.T * Sigma_x, Sigma_x * W1 * W1.T)))
    assert r.verdict is Verdict.HOLDS
    assert min(r.evidence.details["starts each way"].values()) > 0


def test_appA_symmetric_claim_is_not_refuted_by_a_reading():
    ids = [ch.name for ch in _claim("appA.symmetric").checks]
    assert "symmetry" not in ids
    reading = _claim("appA.symmetry_path")
    assert "reading" in reading.where


# ------------------------------------------------------------------ (17)
def test_eq17_negative_unbounded_offset():
    r = C.check_saxe_17(lambda s, d: d / s + sp.sqrt(d))
    assert r.verdict is Verdict.FAILS
    assert r.evidence.counterexample["lim T_i - t_1/2"] == "oo"


def test_eq17_bounded_offset_is_within_the_transition():
    r = C.check_saxe_17(lambda s, d: d / s + 100)
    assert r.verdict is Verdict.HOLDS
    assert "100" in r.evidence.parameters["lim T_i - t_1/2"]


def test_eq17_exact_order_rejects_offsets():
    assert C.check_saxe_17(lambda s, d: d / s + 100, order="o(1)").verdict is Verdict.FAILS
    assert C.check_saxe_17(lambda s, d: d / s, order="o(1)").verdict is Verdict.FAILS
    lam = sp.Symbol("lambda", positive=True)
    exact = lambda s, d: d / s + sp.log(s / lam) / (2 * s)  # noqa: E731
    assert C.check_saxe_17(exact, order="o(1)").verdict is Verdict.HOLDS


def test_eq17_printed_still_fails_with_correction():
    r = C.check_saxe_17()
    assert r.verdict is HAC
    assert r.evidence.counterexample["lim T_i - t_1/2"] == "-oo"


# ------------------------------------------------------------------ Cor. 1
def _ind(c) -> int:
    return 1 if bool(c) else 0


def test_cor1_negative_wrong_only_off_the_rational_examples():
    # exact on lambda in {1, 3, 1/2} (the rational examples) but wrong for other lambda
    def wrong(sig, lam, t):
        out = 0
        for s, l in zip(sig, lam, strict=True):
            fudge = 1 + (l - 1) * (l - 3) * (2 * l - 1)
            out += (s / l) ** 2 * fudge * _ind(t > 1 / s) + (s / (l + s)) ** 2 * _ind(t == 1 / s)
        return out

    r = CL.check_cor1_limit(wrong)
    assert r.verdict is Verdict.FAILS
    assert "regime" in r.evidence.counterexample


def test_cor1_eps0_proved_eps_positive_through_thm1_bound():
    r = CL.check_cor1_limit()
    assert r.verdict is Verdict.HOLDS
    assert "eps = 0" in r.evidence.method
    p = CL.check_cor1_perturbation()
    assert p.verdict is Verdict.HOLDS and p.evidence.scope == "general"
    assert all(p.evidence.details["steps"].values())
    assert not {"delta", "epsilon"} & set(p.evidence.details["c depends on"])
    claim = _claim("cor1.norm")
    assert "thm1.perturbation" in claim.uses
    assert "eps" in claim.domain


# ------------------------------------------------------------------ Thm. 2
def test_thm2_correction_is_computed():
    ok = CL.thm2_correction()
    assert ok.verdict is Verdict.HOLDS
    bad = CL.thm2_correction(((F(2), lambda s: 2 / s),))
    assert bad.verdict is not Verdict.HOLDS
    bad_value = CL.thm2_correction(((F(2), lambda s: 1 / s),),
                                   step_value=lambda s, l, t, T: step_limit_18(s, l, t, T) * 2)
    assert bad_value.verdict is not Verdict.HOLDS


# ------------------------------------------------------------------ after Thm. 2, L = 1
def test_thm2_linear_same_reading_as_eq8_rescaled_limit():
    r = CLin.check_thm2_linear()
    assert r.verdict is Verdict.HOLDS
    assert "eq8.rescaled_limit" in r.evidence.notes


def test_thm2_linear_negative_not_constant():
    from symdln.notation import lam, sigma, t

    r = CLin.judge_thm2_linear(sp.Piecewise((sigma / lam, t > 1), (sigma / (2 * lam), True)))
    assert r.verdict is Verdict.FAILS


def test_thm2_linear_holds_evidence():
    ev = CLin.check_thm2_linear().evidence
    assert ev.precision == "exact" and ev.residual == "0" and ev.scope == "general"
    assert ev.proof == "proofs/continuous_limits.py" and ev.method.startswith("SymPy (Gruntz) limit")
    s, l = sp.symbols("sigma lambda", positive=True)
    assert ev.details["per-mode limit, t > 0"] == str(s / l)


T_TRIED = CLin.T_TRIED


@pytest.mark.parametrize("t_bad", T_TRIED)
def test_thm2_linear_wrong_at_one_time_fails_there(t_bad):
    """A claimed limit equal to sigma/lambda except at one time: FAILS there, at the first (sigma,
    lambda), with the limit and the claimed value."""
    from symdln.notation import lam, sigma, t

    claimed = sp.Piecewise((sigma / (2 * lam), sp.Eq(t, sp.Rational(t_bad))), (sigma / lam, True))
    r = CLin.judge_thm2_linear(claimed)
    assert r.verdict is Verdict.FAILS
    ev, cex = r.evidence, r.evidence.counterexample
    assert ev.precision == "exact" and ev.method.startswith("exact limits of (9) per mode")
    assert ev.notes == "the limit is Sigma_x^+ Sigma_xy for every t > 0"
    sig, lam_, tt = (F(cex[k]) for k in ("sigma", "lambda", "t"))
    assert tt == t_bad and (sig, lam_) == (1, 1)
    assert F(cex["limit"]) == sig / lam_ and F(cex["claimed"]) == sig / (2 * lam_)


@pytest.mark.parametrize("t_bad", [F(7, 3), F(1000), F(1, 7)])
def test_thm2_linear_wrong_off_the_tried_times_fails_at_the_condition(t_bad):
    """Regression: a limit that branches at a time not tried (a Python function branching on t was
    once proved 'general' by evaluating it on a symbol); as a SymPy expression its condition is seen
    and the time where it changes is tried, and either side of it."""
    from symdln.notation import lam, sigma, t

    at_one_time = sp.Piecewise((0, sp.Eq(t, sp.Rational(t_bad))), (sigma / lam, True))
    r = CLin.judge_thm2_linear(at_one_time)
    assert r.verdict is Verdict.FAILS and F(r.evidence.counterexample["t"]) == t_bad
    for claimed in (sp.Piecewise((0, t > sp.Rational(t_bad)), (sigma / lam, True)),
                    sigma / lam * sp.Heaviside(t - sp.Rational(t_bad))):
        assert CLin.judge_thm2_linear(claimed).verdict is Verdict.FAILS, claimed


def test_thm2_linear_symbolic_zero_and_other_kinds():
    from symdln.correction import FormulaError
    from symdln.notation import eta, lam, sigma, t

    ok = sigma / lam + sp.sin(t) ** 2 + sp.cos(t) ** 2 - 1  # zero difference, simplified
    assert CLin.judge_thm2_linear(ok).verdict is Verdict.HOLDS
    with pytest.raises(FormulaError):
        CLin.judge_thm2_linear(sigma / eta)  # a symbol the claim does not have
    with pytest.raises(FormulaError):
        CLin.judge_thm2_linear(sp.Eq(sigma, lam))  # not an expression
