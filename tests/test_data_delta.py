"""(27) and the statements about Assump. 1: verdicts on the printed forms, and negative tests."""

from __future__ import annotations

import numpy as np
import pytest
import sympy as sp
from hypothesis import example, given
from hypothesis import strategies as st

from symdln.assumption import (
    FrobeniusDistance,
    FrobeniusNorm,
    I_d,
    OffDiagonal,
    Pinching,
    Sigma_x,
    Sigma_xy,
    X,
    d,
    defect_B,
    defect_min,
    delta_x_corrected,
    delta_x_printed,
    delta_x_sup,
    delta_xy_min,
    delta_xy_printed,
    delta_xy_sup,
    deltas_numeric,
    evaluate,
    frobenius,
)
from symdln.certify.exact import cayley_orthogonal
from symdln.checks import data_delta
from symdln.checks.data_delta import Delta_x_max, Delta_xy_max
from symdln.claims import by_id
from symdln.correction import FormulaError
from symdln.runner import run_claim
from symdln.verdict import Verdict

# --- eq27.delta_xy: the definition judged as a formula ----------------------------------------


def _wrong(claim_id, wrong):
    """run_claim with a wrong correction: the claim and the correction both FAIL, with counterexamples."""
    run = run_claim(by_id(claim_id), correction_expr=wrong)
    assert run.correction_verdict is Verdict.FAILS, (sp.sstr(wrong), run.correction_verdict)
    assert run.verdict is Verdict.FAILS
    cex = run.correction_checks[0].result.evidence.counterexample
    assert cex, sp.sstr(wrong)
    return cex


def test_delta_xy_printed_is_ill_posed_and_the_correction_holds():
    run = run_claim(by_id("eq27.delta_xy"))
    assert run.verdict is Verdict.HOLDS_AFTER_CORRECTION
    assert run.correction_verdict is Verdict.HOLDS
    ce = run.checks[0].result.evidence.counterexample
    assert ce["Delta_xy(U_b)"] == "0" and ce["Delta_xy(U_a)"] != "0"
    assert run.checks[0].result.evidence.corrected_statement.startswith(
        "FrobeniusDistance(Sigma_x, Pinching(Sigma_x, Sigma_xy*Sigma_xy.T))/FrobeniusNorm(Sigma_x)")


_G = Sigma_xy * Sigma_xy.T
_PINCHED = FrobeniusDistance(Sigma_x, Pinching(Sigma_x, _G))


@pytest.mark.parametrize("wrong", [
    _PINCHED / (2 * FrobeniusNorm(Sigma_x)),  # a constant changed
    FrobeniusDistance(Sigma_x, Pinching(_G, Sigma_x)) / FrobeniusNorm(Sigma_x),  # symbols swapped
    _PINCHED,  # the normalisation dropped
    FrobeniusNorm(OffDiagonal(Sigma_x)) / FrobeniusNorm(Sigma_x),  # U dropped: the value at U = I
    FrobeniusNorm(Pinching(Sigma_x, _G)) / FrobeniusNorm(Sigma_x),  # a term dropped
    # zero exactly where Assump. 1 holds with B = 0, but not the least defect
    FrobeniusNorm(Sigma_x * _G - _G * Sigma_x) / FrobeniusNorm(Sigma_x),
], ids=["constant", "swap", "unnormalised", "U=I", "term", "commutator"])
def test_delta_xy_wrong_corrections_fail(wrong):
    _wrong("eq27.delta_xy", wrong)


def test_delta_xy_value_above_the_least_defect_says_so():
    cex = _wrong("eq27.delta_xy", FrobeniusNorm(OffDiagonal(Sigma_x)) / FrobeniusNorm(Sigma_x))
    assert cex["min over admissible U of ||B(U)||/||Sigma_x||"] == "0"


def test_least_defect_is_a_proved_minimum_over_U():
    inst = next(i for i in data_delta.delta_xy_instances() if i["case"].startswith("Sigma_x coupled"))
    least = data_delta.least_defect(inst)
    assert least["proved"] and least["min"] == sp.Rational(1, 2)
    at_identity = sum(e**2 for e in defect_B(inst["Sx"], sp.eye(3)))
    assert at_identity > least["min"]
    assert sum(e**2 for e in defect_B(inst["Sx"], least["U*"])) == least["min"]
    # and the pinching formula of the correction agrees (it is not used by the judge)
    assert sp.simplify(defect_min(inst["Sx"], inst["Sxy"]) ** 2 - least["min"]) == 0


def test_delta_xy_judge_refuses_malformed_statements():
    with pytest.raises(FormulaError):
        data_delta.judge_delta_xy(sp.Eq(FrobeniusNorm(Sigma_x), 1))
    with pytest.raises(FormulaError, match="unknown matrix"):
        data_delta.judge_delta_xy(FrobeniusNorm(X) / FrobeniusNorm(Sigma_x))
    with pytest.raises(FormulaError, match="number-valued"):
        data_delta.judge_delta_xy(Sigma_x)
    with pytest.raises(FormulaError, match="do not match"):
        evaluate(FrobeniusDistance(Sigma_x, Sigma_xy), {"Sigma_x": sp.eye(3), "Sigma_xy": sp.ones(3, 1)})
    with pytest.raises(FormulaError, match="cannot be multiplied"):
        evaluate(FrobeniusNorm(Sigma_x * Sigma_xy.T), {"Sigma_x": sp.eye(3), "Sigma_xy": sp.ones(3, 1)})


def test_perturbed_sigma_x_raises_delta_xy():
    Sxy = sp.Matrix([[2, 0], [0, 1], [0, 0]])
    Sx = sp.diag(3, 2, 1)
    assert delta_xy_min(Sx, Sxy) == 0
    eps = sp.Rational(1, 10)
    perturbed = Sx + eps * sp.Matrix([[0, 1, 0], [1, 0, 0], [0, 0, 0]])
    assert sp.simplify(delta_xy_min(perturbed, Sxy)) > 0


# --- eq27.delta_x ------------------------------------------------------------------------------


def test_delta_x_printed_fails_at_identity_and_the_correction_holds():
    run = run_claim(by_id("eq27.delta_x"))
    assert run.verdict is Verdict.HOLDS_AFTER_CORRECTION
    assert run.correction_verdict is Verdict.HOLDS
    ce = run.checks[0].result.evidence.counterexample
    assert ce["Delta_x"] == "1/4" and ce["n"] == 2 and ce["d"] == 1 and ce["Sigma_x"] == "I_d"


_UNIT_SX = Sigma_x / FrobeniusNorm(Sigma_x)
_UNIT_I = I_d / FrobeniusNorm(I_d)


@pytest.mark.parametrize("wrong", [
    FrobeniusDistance(_UNIT_SX, _UNIT_I) / 4,  # a constant changed
    FrobeniusDistance(_UNIT_SX, I_d) / 2,  # I_d not normalised (a factor dropped)
    FrobeniusDistance(X.T * X / FrobeniusNorm(X) ** 2, _UNIT_I) / 2,  # the 1/n dropped from the printed
    FrobeniusDistance(Sigma_x / FrobeniusNorm(X), _UNIT_I) / 2,  # symbols swapped
    # zero exactly at Sigma_x = c I_d, but not the normalised distance (trace normalisation)
    FrobeniusDistance(Sigma_x / sp.Trace(Sigma_x), I_d / d) / 2,
], ids=["constant", "I_d", "1/n", "swap", "trace"])
def test_delta_x_wrong_corrections_fail(wrong):
    _wrong("eq27.delta_x", wrong)


def test_delta_x_correction_is_proved_for_every_size():
    r = data_delta.judge_delta_x(by_id("eq27.delta_x").correction.expr)
    assert (r.verdict, r.evidence.scope) == (Verdict.HOLDS, "general")
    # the same quantity written in the data X alone, with sqrt(d) for ||I_d||: proved too
    same = FrobeniusDistance(X.T * X / FrobeniusNorm(X.T * X), I_d / sp.sqrt(d)) / 2
    assert data_delta.judge_delta_x(same).evidence.scope == "general"


def test_delta_x_general_step_does_not_prove_a_wrong_formula():
    # zero at Sigma_x = c I_d like the truth, but the trace normalisation: not proved equal
    ok, why = data_delta._general_delta_x(FrobeniusDistance(Sigma_x / sp.Trace(Sigma_x), I_d / d) / 2)
    assert not ok and "did not reduce" in why


def test_delta_xy_correction_and_commute_are_proved_in_general():
    from symdln.checks.data_delta_proof import COMMUTE_PROOF, DELTA_XY_PROOF

    r = run_claim(by_id("eq27.delta_xy")).correction_checks[0].result
    assert (r.verdict, r.evidence.scope) == (Verdict.HOLDS, "general")
    assert "proved in general: " + DELTA_XY_PROOF in r.evidence.notes
    assert "why not general" not in r.evidence.notes
    r = data_delta.check_assump1_commute()
    assert (r.verdict, r.evidence.scope) == (Verdict.HOLDS, "general")
    assert "proved in general: " + COMMUTE_PROOF in r.evidence.notes
    assert "why not general" not in r.evidence.notes


def test_delta_x_truth_is_the_normalised_distance():
    for _, Xm in data_delta.delta_x_data():
        Sx = Xm.T * Xm / Xm.rows
        assert sp.simplify(data_delta.unit_distance(Sx) - delta_x_corrected(Sx)) == 0


def test_range_holds_and_is_sharp():
    r = data_delta.check_delta_range()
    assert r.verdict is Verdict.HOLDS
    proofs = r.evidence.details["symbolic proofs (every d)"]
    assert proofs and all(v == "proved" for v in proofs.values())
    assert "printed" in r.evidence.notes


@pytest.mark.parametrize(("upper", "d"), [(sp.Rational(9, 10), 6), (sp.Rational(88, 100), 5),
                                          (sp.Rational(999, 1000), 501)])
def test_range_upper_end_below_one_fails_at_the_first_d_above_it(upper, d):
    # sup over d of sqrt(1 - 1/d) is 1: every upper end below 1 is exceeded at some d
    r = data_delta.check_delta_range(upper=upper)
    assert r.verdict is Verdict.FAILS
    ce = r.evidence.counterexample
    assert ce["d"] == d and ce["quantity"] == "Delta_xy"


def test_range_rejects_a_wrong_definition():
    from symdln.assumption import delta_xy_printed

    r = data_delta.check_delta_range(delta_xy=lambda Sx, U: 2 * delta_xy_printed(Sx, U))
    assert r.verdict is Verdict.FAILS


# --- eq27.scale ------------------------------------------------------------------------------


def test_scale_printed_fails_at_mnist_and_the_correction_holds():
    run = run_claim(by_id("eq27.scale"))
    assert run.verdict is Verdict.HOLDS_AFTER_CORRECTION
    assert run.correction_verdict is Verdict.HOLDS
    ce = run.checks[0].result.evidence.counterexample
    assert ce["quantity"].startswith("Delta_x") and ce["d"] == 784
    assert "3*sqrt(42)/28" in ce["largest value over all data of dimension d"]
    assert "sqrt(2 - 2/sqrt(d))/2" in run.checks[0].result.evidence.corrected_statement


_SUP_XY, _SUP_X = sp.sqrt(1 - 1 / d), sp.sqrt(2 - 2 / sp.sqrt(d)) / 2


@pytest.mark.parametrize("wrong", [
    sp.And(sp.Eq(Delta_xy_max, _SUP_XY), sp.Eq(Delta_x_max, sp.sqrt(2 - 2 / sp.sqrt(d)) / 4)),  # constant
    sp.And(sp.Eq(Delta_x_max, _SUP_XY), sp.Eq(Delta_xy_max, _SUP_X)),  # symbols swapped
    sp.And(sp.Eq(Delta_xy_max, _SUP_XY), sp.Eq(Delta_x_max, 1 / sp.sqrt(2))),  # a term dropped: the limit
    sp.And(sp.Eq(Delta_xy_max, 1), sp.Eq(Delta_x_max, _SUP_X)),  # the d-dependence of Delta_xy dropped
    sp.And(sp.Eq(Delta_xy_max, sp.sqrt(1 - 1 / d**2)), sp.Eq(Delta_x_max, _SUP_X)),  # exponent changed
], ids=["constant", "swap", "limit", "one", "exponent"])
def test_scale_wrong_corrections_fail(wrong):
    _wrong("eq27.scale", wrong)


def test_scale_statement_about_one_quantity_only_is_refused():
    with pytest.raises(FormulaError, match="both scales"):
        data_delta.judge_scale(sp.Eq(Delta_x_max, _SUP_X))
    with pytest.raises(FormulaError, match="function of d"):
        data_delta.judge_scale(sp.And(sp.Eq(Delta_xy_max, _SUP_XY), sp.Eq(Delta_x_max, Delta_xy_max)))


def test_scale_suprema_are_attained_at_the_flat_matrix():
    sup = data_delta.scale_suprema()
    assert sup["proved"]
    assert sp.simplify(sup[Delta_x_max] - _SUP_X) == 0 and sp.simplify(sup[Delta_xy_max] - _SUP_XY) == 0
    assert sup[Delta_x_max].subs(d, 784) == delta_x_sup(784)


def test_range_with_a_wrong_upper_end_fails():
    r = data_delta.check_delta_range(upper=sp.Rational(1, 2))
    assert r.verdict is Verdict.FAILS


def test_commute_holds_and_fixed_U_fails():
    assert data_delta.check_assump1_commute().verdict is Verdict.HOLDS
    fixed_U = lambda Sx, Sxy: frobenius(defect_B(Sx, sp.eye(Sx.rows)))  # noqa: E731
    assert data_delta.check_assump1_commute(defect=fixed_U).verdict is Verdict.FAILS


def test_multiclass_hedged_expectation_is_not_fails():
    # "we may expect": the instance against its reason is evidence, the verdict does not overstate
    r = data_delta.check_assump1_multiclass()
    assert r.verdict is Verdict.INCONCLUSIVE and r.evidence.counterexample is None
    assert r.evidence.details["instance against the stated reason"]["rank Sigma_xy"] == 1


def test_multiclass_negative_a_tiny_delta_xy_is_not_a_counterexample():
    r = data_delta.check_assump1_multiclass(delta_xy=lambda Sx, Sxy: sp.Integer(0))
    assert r.verdict is Verdict.INCONCLUSIVE and not r.evidence.details


def test_sup_values():
    assert delta_x_sup(784) == 3 * sp.sqrt(42) / 28
    assert delta_xy_sup(4) == sp.sqrt(3) / 2


@st.composite
def rational_psd_pair(draw):
    """(Sigma_x, Sigma_xy) with a common rational eigenbasis (commuting), 2 <= d <= 3."""
    d = draw(st.integers(2, 3))
    k = [draw(st.integers(-3, 3)) for _ in range(d * (d - 1) // 2)]
    K = sp.zeros(d, d)
    idx = 0
    for i in range(d):
        for j in range(i + 1, d):
            K[i, j] = sp.Rational(k[idx], 2)
            K[j, i] = -K[i, j]
            idx += 1
    Q = cayley_orthogonal(K)
    lam = [draw(st.integers(1, 4)) for _ in range(d)]
    sig = [draw(st.integers(0, 3)) for _ in range(d)]
    return Q * sp.diag(*lam) * Q.T, Q * sp.diag(*sig)


@given(rational_psd_pair())
@example((sp.diag(3, 1), sp.eye(2)))
def test_commuting_pairs_have_zero_min_defect(pair):
    Sx, Sxy = pair
    assert (Sx * Sxy * Sxy.T - Sxy * Sxy.T * Sx).is_zero_matrix
    assert sp.simplify(defect_min(Sx, Sxy)) == 0


@given(rational_psd_pair(), st.integers(1, 3))
def test_min_defect_never_above_any_admissible_U(pair, shift):
    Sx, Sxy = pair
    d = Sx.rows
    # break commutation with a rank-one symmetric perturbation, then compare with U from Sympy's SVD basis
    v = sp.Matrix([1] + [0] * (d - 1))
    Sp = Sx + shift * v * v.T
    m = defect_min(Sp, Sxy)
    for U in (sp.eye(d),):
        G = U.T * Sxy * Sxy.T * U
        if all(G[i, j] == 0 for i in range(d) for j in range(d) if i != j):
            assert sp.simplify(frobenius(defect_B(Sp, U)) - m) >= 0


@given(st.integers(1, 6), st.integers(1, 4))
@example(1, 2)
def test_delta_x_printed_on_scalar_covariance_data(d, reps):
    # X = [I_d; ...; I_d] (reps copies): Sigma_x = I_d / d, a scalar matrix, so Saxe's assumption
    # holds (up to scale), yet the literal Delta_x is 1/2 (1 - 1/(n sqrt d)), zero only for n = d = 1
    X = sp.Matrix.vstack(*[sp.eye(d)] * reps)
    n = X.rows
    assert X.T * X / n == sp.eye(d) / d
    expected = (1 - 1 / (n * sp.sqrt(d))) / 2
    assert sp.simplify(delta_x_printed(X) - expected) == 0
    assert sp.simplify(delta_x_corrected(X.T * X / n)) == 0


def test_numeric_agrees_with_exact_on_small_data():
    X = np.array([[1.0, 2.0, 0.0], [0.0, 1.0, 1.0], [2.0, 0.0, 1.0], [1.0, 1.0, 1.0]])
    Y = np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 0.0], [0.0, 1.0]])
    num = deltas_numeric(X, Y)
    Xs, Ys = sp.Matrix(X.astype(int).tolist()), sp.Matrix(Y.astype(int).tolist())
    Sx, Sxy = Xs.T * Xs / 4, Xs.T * Ys / 4
    assert num["delta_xy_min"] == pytest.approx(float(delta_xy_min(Sx, Sxy)), rel=1e-9)
    assert num["delta_x_corrected"] == pytest.approx(float(delta_x_corrected(Sx)), rel=1e-12)
    assert num["delta_x_printed"] == pytest.approx(float(delta_x_printed(Xs)), rel=1e-12)
    assert num["delta_xy_printed"] >= num["delta_xy_min"] - 1e-12
    U = sp.eye(3)
    assert float(delta_xy_printed(Sx, U)) >= 0
