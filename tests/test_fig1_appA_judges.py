"""The judges of fig1.example (the limit of the trace norm in the example of Fig. 1, a formula in t)
and appA.symmetry_path (a condition on W_1(0) = W_2(0)^T under which (12) with Y = X keeps the
symmetry): printed formula, correction and wrong proposals through ``run_claim``."""

from __future__ import annotations

from fractions import Fraction as F

import numpy as np
import pytest
import sympy as sp

from symdln.assumption import Sigma_x
from symdln.checks import continuous_autoencoder as CA
from symdln.checks import continuous_fig1 as CF
from symdln.claims.record import Check, Claim
from symdln.continuous import flow_12_L2
from symdln.correction import Correction, FormulaError, parse_formula
from symdln.notation import sigma, t, w
from symdln.runner import run_claim
from symdln.verdict import Verdict

FAILS, HOLDS, HAC = Verdict.FAILS, Verdict.HOLDS, Verdict.HOLDS_AFTER_CORRECTION


def one(cond: sp.Basic) -> sp.Expr:
    return sp.Piecewise((1, cond), (0, True))


def steps(Ts, half: bool = True) -> sp.Expr:
    """sum_i 1{t > T_i} (+ 1/2 1{t = T_i})."""
    e = sum((one(t > T) for T in Ts), sp.Integer(0))
    return e + sum((one(sp.Eq(t, T)) for T in Ts), sp.Integer(0)) / 2 if half else e


# ------------------------------------------------------------------ fig1.example
FIG1_PRINTED = steps((10, 100, 1000), half=False)  # integer values, steps at Thm. 2's T_i = 1/sigma_i
FIG1_CORRECTED = steps((5, 50, 500))


def _fig1_claim() -> Claim:
    return Claim(
        id="fig1.example", paper="paper1", where="Sec. 3.1, text before Fig. 1, and its caption",
        statement="Sigma_yx = diag(1e-1, 1e-2, 1e-3), two-layer linear autoencoder whose trace norm has "
                  "integer values (steps at T_i of Thm. 2)",
        domain="W(0) = W_1(0) W_2(0) = e^{-delta} I_d",
        checks=(Check("plateaus", None, "the formula against the proved limit of the trace norm",
                      judge=CF.judge_fig1_example),),
        formula=FIG1_PRINTED,
        correction=Correction(FIG1_CORRECTED, context="lim ||W_1 W_2(delta t)||_*, autoencoder"),
        symbols=(t,))


def test_fig1_printed_fails_and_correction_holds():
    run = run_claim(_fig1_claim())
    assert run.verdict is HAC and run.correction_verdict is HOLDS
    cex = run.formula_checks[0].result.evidence.counterexample
    assert (cex["t"], cex["limit trace norm (proved)"], cex["formula"]) == ("5", "1/2", "0")
    corr = run.correction_checks[0].result.evidence
    assert corr.scope == "general"
    key = "plateaus of the limit (before, between, after the transitions)"
    assert corr.details[key] == ["0", "1", "2", "3"]
    assert corr.details["limit at the transitions"] == ["1/2", "3/2", "5/2"]


def test_fig1_text_forms_parse_and_hold():
    syms = _fig1_claim().symbol_map
    assert parse_formula(sp.sstr(FIG1_CORRECTED), syms) == FIG1_CORRECTED  # the text round-trips
    for text in (sp.sstr(FIG1_CORRECTED), "Heaviside(t - 5) + Heaviside(t - 50) + Heaviside(t - 500)"):
        run = run_claim(_fig1_claim(), correction_expr=parse_formula(text, syms))
        assert run.correction_verdict is HOLDS, text


@pytest.mark.parametrize("name", ["Thm. 2 times with halves", "no half step", "closed steps", "late step",
                                  "Sigma_x = I plateaus", "swapped sigma", "extra bump", "smooth"])
def test_fig1_wrong_corrections_fail_at_a_time(name):
    wrong, at = {
        "Thm. 2 times with halves": (steps((10, 100, 1000)), "5"),
        "no half step": (steps((5, 50, 500), half=False), "5"),
        "closed steps": (sum(one(t >= T) for T in (5, 50, 500)), "5"),
        "late step": (steps((5, 50, 501)), "500"),
        # the non-autoencoder limit sum_i sigma_i 1{t > T_i}: plateaus 1/10, 11/100, 111/1000
        "Sigma_x = I plateaus": (sum(sp.Rational(1, 10 ** (i + 1)) * one(t > T)
                                     for i, T in enumerate((5, 50, 500))), "5"),
        # sigma_i swapped with 1/sigma_i in the step time: T_i = sigma_i / 2
        "swapped sigma": (steps((sp.Rational(1, 20), sp.Rational(1, 200), sp.Rational(1, 2000))), "1/2000"),
        "extra bump": (FIG1_CORRECTED + one(sp.And(t > 6, t < 7)), "13/2"),
        "smooth": (3 - 3 * sp.exp(-t), "5/2"),
    }[name]
    run = run_claim(_fig1_claim(), correction_expr=wrong)
    assert run.verdict is FAILS and run.correction_verdict is FAILS
    assert run.correction_checks[0].result.evidence.counterexample["t"] == at


def test_fig1_not_piecewise_constant_is_inconclusive_without_a_difference():
    # zero at every compared time (multiples of 5/2), but t occurs outside a relation: not judged between
    r = CF.judge_fig1_example(FIG1_CORRECTED + sp.sin(2 * sp.pi * t / 5))
    assert r.verdict is Verdict.INCONCLUSIVE


def test_fig1_irrational_breakpoints_are_compared():
    r = CF.judge_fig1_example(FIG1_CORRECTED + one(sp.And(t**2 > 2, t**2 < 3)))
    assert r.verdict is FAILS and r.evidence.counterexample["t"] == "3/2"


def test_fig1_identity_sigma_x_reading():
    # Sigma_x = I_d as printed (lambda_i = 1): sigma_i 1{t > T_i} + sigma_i/(1 + sigma_i) 1{t = T_i}
    lam = (F(1),) * 3
    s = (sp.Rational(1, 10), sp.Rational(1, 100), sp.Rational(1, 1000))
    limit = sum(x * one(t > T) + x / (1 + x) * one(sp.Eq(t, T)) for x, T in zip(s, (5, 50, 500), strict=True))
    assert CF.judge_fig1_example(limit, lam=lam).verdict is HOLDS
    r = CF.judge_fig1_example(FIG1_CORRECTED, lam=lam)
    assert r.verdict is FAILS and r.evidence.counterexample["limit trace norm (proved)"] == "1/11"


@pytest.mark.parametrize("bad", [t > 5, sigma * one(t > 5), w(t), sp.Matrix([[1]])])
def test_fig1_malformed_statement_is_a_formula_error(bad):
    with pytest.raises(FormulaError):
        CF.judge_fig1_example(bad)


# ------------------------------------------------------------------ appA.symmetry_path
W1, W2 = CA.W_1, CA.W_2
COMMUTE = sp.Eq(W1 * W1.T * Sigma_x, Sigma_x * W1 * W1.T)
APPA_PRINTED = sp.Eq(W2, W1.T)  # the reading: every start W_2(0) = W_1(0)^T keeps the symmetry
APPA_CORRECTED = sp.And(sp.Eq(W2, W1.T), COMMUTE)


def _appA_claim() -> Claim:
    return Claim(
        id="appA.symmetry_path", paper="paper1",
        where="Sec. 3.1: a reading of 'if we initialize with W_1 = W_2^T', not printed",
        statement="(reading) initialising with W_1 = W_2^T, the flow (12) with Y = X keeps W_1(t) = W_2(t)^T",
        domain="Y = X (linear autoencoder), L = 2",
        checks=(Check("symmetry", None, "the condition against the flow, both ways",
                      judge=CA.judge_appA_symmetry),),
        formula=APPA_PRINTED,
        correction=Correction(APPA_CORRECTED, context="W_1 = W_1(0), W_2 = W_2(0)"),
        symbols=CA.SYMMETRY_SYMBOLS)


def test_appA_printed_fails_and_correction_holds():
    run = run_claim(_appA_claim())
    assert run.verdict is HAC and run.correction_verdict is HOLDS
    cex = run.formula_checks[0].result.evidence.counterexample
    assert (cex["Sigma_x"], cex["W_1(0) = W_2(0)^T"]) == ("[[1, 0], [0, 2]]", "[[1], [1]]")
    assert cex["condition"] is True and cex["W_1(t) = W_2(t)^T for all t"] is False
    assert cex["d/dt (W_2 - W_1^T)(0)"] == "[[-1, 1]]"
    counts = run.correction_checks[0].result.evidence.details["starts each way"]
    assert min(counts.values()) > 0  # kept and lost, with distinct and with repeated eigenvalues
    ev = run.correction_checks[0].result.evidence
    assert ev.scope == "general" and "why not general" not in ev.notes
    assert set(ev.details["the condition read as (free algebra)"].values()) == {"W_2 = W_1^T",
                                                                              "[P, Sigma_x] = 0"}


def test_appA_text_forms_parse_and_hold():
    syms = _appA_claim().symbol_map
    assert {"W_1", "W_2", "Sigma_x"} <= set(syms)
    assert parse_formula(sp.sstr(APPA_CORRECTED), syms) == APPA_CORRECTED
    for text in ("Eq(W_1*W_1.T*Sigma_x, Sigma_x*W_1*W_1.T)",
                 "Eq(W_1.T*Sigma_x*W_1*W_1.T, W_1.T*W_1*W_1.T*Sigma_x)",  # zero drift itself
                 "Eq(W_1*W_1.T*Sigma_x**2, Sigma_x**2*W_1*W_1.T)"):  # Sigma_x >= 0: same commutant
        text = f"Eq(W_2, W_1.T) & {text}"  # without it the condition is wrong off the symmetric set
        run = run_claim(_appA_claim(), correction_expr=parse_formula(text, syms))
        assert run.correction_verdict is HOLDS, text


@pytest.mark.parametrize("name", ["every start", "never", "too strong", "unrelated", "excludes Sigma_x = I"])
def test_appA_wrong_conditions_fail_with_a_start(name):
    wrong, kept = {
        "every start": (sp.true, False),
        "never": (sp.false, True),
        "too strong": (sp.Eq(Sigma_x * W1 * W1.T, W1 * W1.T), True),  # Sigma_x = I on the range of W_1
        "unrelated": (sp.Eq(W1.T * Sigma_x * W1, W1.T * W1), True),
        # right except at the tie Sigma_x = I (every eigenvalue repeated), where the symmetry is kept
        "excludes Sigma_x = I": (sp.And(COMMUTE, sp.Ne(Sigma_x, sp.Identity(CA.d))), True),
    }[name]
    run = run_claim(_appA_claim(), correction_expr=wrong)
    assert run.verdict is FAILS and run.correction_verdict is FAILS
    cex = run.correction_checks[0].result.evidence.counterexample
    assert cex["W_1(t) = W_2(t)^T for all t"] is kept and cex["condition"] is (not kept)
    if name == "excludes Sigma_x = I":
        assert cex["Sigma_x"] == "[[1, 0], [0, 1]]"


@pytest.mark.parametrize("bad", [W1 * W1.T, sp.Eq(sp.MatrixSymbol("U", CA.d, CA.d), Sigma_x),
                                 sp.Eq(W1 * W1.T * Sigma_x, W1.T * W1, evaluate=False),
                                 sp.Eq(t, 1)])
def test_appA_malformed_statement_is_a_formula_error(bad):
    with pytest.raises(FormulaError):
        CA.judge_appA_symmetry(bad)


def test_appA_invariance_identities_and_series():
    assert set(CA.symmetry_invariance_residuals().values()) == {"0"}
    for _label, Sx, W in CA.SYMMETRY_CASES:
        F1, F2 = flow_12_L2(W, W.T, Sx, Sx)
        series = CA._asymmetry_taylor(Sx, W, 3)
        assert series[0].is_zero_matrix and series[1] == F2 - F1.T
        kept = (W * W.T * Sx - Sx * W * W.T).is_zero_matrix
        assert kept == all(c.is_zero_matrix for c in series)


def test_appA_float_flow_agrees_with_the_truth():
    # observed, float64: a kept start stays symmetric, a lost one leaves W_2 = W_1^T
    from scipy.integrate import solve_ivp

    def asym(Sx: sp.Matrix, W: sp.Matrix) -> float:
        S, W0 = np.array(Sx.tolist(), dtype=float), np.array(W.tolist(), dtype=float)
        dd, rr = W0.shape

        def f(_t: float, y: np.ndarray) -> np.ndarray:
            A, B = y[:dd * rr].reshape(dd, rr), y[dd * rr:].reshape(rr, dd)
            R = S - S @ A @ B
            return np.concatenate([(R @ B.T).ravel(), (A.T @ R).ravel()])

        sol = solve_ivp(f, (0.0, 2.0), np.concatenate([W0.ravel(), W0.T.ravel()]), method="DOP853",
                        rtol=1e-12, atol=1e-14)
        A, B = sol.y[:dd * rr, -1].reshape(dd, rr), sol.y[dd * rr:, -1].reshape(rr, dd)
        return float(np.abs(B - A.T).max())

    for _label, Sx, W in CA.SYMMETRY_CASES:
        kept = (W * W.T * Sx - Sx * W * W.T).is_zero_matrix
        assert (asym(Sx, W) < 1e-9) == kept, _label



def test_appA_condition_without_the_symmetric_start_fails():
    # regression (the mutant of the registered correction with W_2 = W_1^T dropped): a start off the
    # symmetric set where W_1 W_1^T commutes with Sigma_x is not kept
    W1 = CA.W_1
    r = CA.judge_appA_symmetry(sp.Eq(W1 * W1.T * Sigma_x, Sigma_x * W1 * W1.T))
    assert r.verdict is Verdict.FAILS
    assert r.evidence.counterexample["W_2(0)"] == "[[2, 0]]"
