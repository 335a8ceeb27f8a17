"""(27) and the statements about Assump. 1: verdicts on the printed forms, and negative tests."""

from __future__ import annotations

import numpy as np
import pytest
import sympy as sp
from hypothesis import example, given
from hypothesis import strategies as st

from symdln.assumption import (
    defect_B,
    defect_min,
    delta_x_corrected,
    delta_x_printed,
    delta_x_sup,
    delta_xy_min,
    delta_xy_printed,
    delta_xy_sup,
    deltas_numeric,
    frobenius,
)
from symdln.certify.exact import cayley_orthogonal
from symdln.checks import data_delta
from symdln.verdict import Verdict


def test_delta_xy_printed_is_ill_posed_and_corrected():
    r = data_delta.check_delta_xy()
    assert r.verdict is Verdict.HOLDS_AFTER_CORRECTION
    ce = r.evidence.counterexample
    assert ce["Delta_xy(U_b)"] == "0" and ce["Delta_xy(U_a)"] != "0"


def test_delta_xy_a_well_defined_definition_holds():
    r = data_delta.check_delta_xy(definition=lambda Sx, U: sp.Integer(0) * U[0, 0])
    assert r.verdict is Verdict.HOLDS


def test_delta_xy_wrong_correction_is_rejected():
    # the value for U = I, not the minimum: the correction must not be accepted
    wrong = lambda Sx, Sxy: frobenius(defect_B(Sx, sp.eye(Sx.rows))) / frobenius(Sx)  # noqa: E731
    r = data_delta.check_delta_xy(correction=wrong)
    assert r.verdict is Verdict.FAILS


def test_perturbed_sigma_x_raises_delta_xy():
    Sxy = sp.Matrix([[2, 0], [0, 1], [0, 0]])
    Sx = sp.diag(3, 2, 1)
    assert delta_xy_min(Sx, Sxy) == 0
    eps = sp.Rational(1, 10)
    perturbed = Sx + eps * sp.Matrix([[0, 1, 0], [1, 0, 0], [0, 0, 0]])
    assert sp.simplify(delta_xy_min(perturbed, Sxy)) > 0


def test_delta_x_printed_fails_at_identity_and_corrected():
    r = data_delta.check_delta_x()
    assert r.verdict is Verdict.HOLDS_AFTER_CORRECTION
    assert r.evidence.counterexample["Delta_x"] == "1/4"
    assert r.evidence.counterexample["n"] == 2 and r.evidence.counterexample["d"] == 1


def test_delta_x_corrected_as_definition_holds():
    r = data_delta.check_delta_x(definition=lambda X: delta_x_corrected(X.T * X / X.rows))
    assert r.verdict is Verdict.HOLDS


def test_delta_x_wrong_correction_not_accepted():
    # forgetting the normalisation of I_d: not zero at Sigma_x = c I
    wrong = lambda Sx: frobenius(Sx / frobenius(Sx) - sp.eye(Sx.rows)) / 2  # noqa: E731
    r = data_delta.check_delta_x(correction=wrong)
    assert r.verdict is Verdict.FAILS


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


def test_scale_sentence_fails_for_delta_x_and_is_corrected():
    r = data_delta.check_delta_scale()
    assert r.verdict is Verdict.HOLDS_AFTER_CORRECTION
    ce = r.evidence.counterexample
    assert ce["quantity"] == "Delta_x" and ce["d"] == 784
    assert "1/sqrt(2)" in r.evidence.corrected_statement or "sqrt(2)/2" in r.evidence.corrected_statement


def test_range_with_a_wrong_upper_end_fails():
    r = data_delta.check_delta_range(upper=sp.Rational(1, 2))
    assert r.verdict is Verdict.FAILS


def test_commute_holds_and_fixed_U_fails():
    assert data_delta.check_assump1_commute().verdict is Verdict.HOLDS
    fixed_U = lambda Sx, Sxy: frobenius(defect_B(Sx, sp.eye(Sx.rows)))  # noqa: E731
    assert data_delta.check_assump1_commute(defect=fixed_U).verdict is Verdict.FAILS


def test_multiclass_counterexample():
    r = data_delta.check_assump1_multiclass()
    assert r.verdict is Verdict.FAILS
    assert r.evidence.counterexample["rank Sigma_xy"] == 1


def test_multiclass_negative_a_tiny_delta_xy_is_not_a_counterexample():
    r = data_delta.check_assump1_multiclass(delta_xy=lambda Sx, Sxy: sp.Integer(0))
    assert r.verdict is Verdict.INCONCLUSIVE


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
