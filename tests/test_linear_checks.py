"""Checks of Sec. 2, (7), (11), (12), Prop. 1, (10), (14) and (21): printed verdicts and
negative tests (a deliberately wrong formula or parameter must give FAILS)."""

from __future__ import annotations

import pytest
import sympy as sp
import z3

from symdln.checks import architecture, eq14, eq21, gradients, linear_model
from symdln.checks._cases import standard_cases
from symdln.checks._identity import nonzero_point
from symdln.deep import _segment, layer_gradient_11, product
from symdln.linear import iterate_21_corrected, iterate_21_printed, solution_9
from symdln.verdict import Verdict

FAILS, HOLDS, HAC = Verdict.FAILS, Verdict.HOLDS, Verdict.HOLDS_AFTER_CORRECTION
INCONCLUSIVE = Verdict.INCONCLUSIVE


# --- (7) -----------------------------------------------------------------------------

def test_gradient_7_printed_holds():
    r = gradients.check_gradient_7()
    assert r.verdict is HOLDS and r.evidence.residual == "0"


def test_gradient_7_sign_flipped_fails():
    r = gradients.check_gradient_7(lambda Sx, Sxy, W: Sxy - Sx * W)
    assert r.verdict is FAILS
    assert r.evidence.counterexample["n"] == 1  # found at the smallest size


def test_gradient_7_missing_factor_fails():
    r = gradients.check_gradient_7(lambda Sx, Sxy, W: 2 * (Sx * W - Sxy))
    assert r.verdict is FAILS


# --- (11), (12) ------------------------------------------------------------------------

def test_gradient_11_printed_holds():
    assert gradients.check_gradient_11().verdict is HOLDS


def _untransposed(Ws, l, Sx, Sxy):
    """(11) with W_{l+1:L} not transposed: ill-shaped or wrong."""
    from symdln.deep import _segment, product

    L, d, p = len(Ws), Ws[0].shape[0], Ws[-1].shape[1]
    right = _segment(Ws, l + 1, L, p)
    left = _segment(Ws, 1, l - 1, d).T
    G = Sx * product(Ws) - Sxy
    if right.shape[0] == right.shape[1]:
        return left * G * right
    return left * G * right.T


def test_gradient_11_wrong_transpose_fails():
    r = gradients.check_gradient_11(_untransposed)
    assert r.verdict is FAILS
    assert r.evidence.counterexample["L"] == 2


def test_gradient_11_wrong_side_fails():
    r = gradients.check_gradient_11(lambda Ws, l, Sx, Sxy: -layer_gradient_11(Ws, l, Sx, Sxy))
    assert r.verdict is FAILS


def test_flow_12_printed_shapes_corrected():
    r = gradients.check_flow_12()
    assert r.verdict is HAC
    assert "r_{l-1} x r_l" in r.evidence.corrected_statement


def test_flow_12_wrong_sign_fails():
    r = gradients.check_flow_12(layer_gradient_11)  # +gradient: ascent, not descent
    assert r.verdict is FAILS


# --- Sec. 2 and (4) --------------------------------------------------------------------

def test_overparam_registered_verdicts():
    run = _run("sec2.overparam")
    assert run.verdict is HAC and run.correction_verdict is HOLDS
    ce = run.formula_checks[0].result.evidence.counterexample
    assert (ce["d"], ce["p"]) == (1, 2) and ce["stated shape"] == "(2, 1)"


def test_overparam_too_small_threshold_fails():
    # the right shape with a threshold 2 below: refuted at the threshold itself
    from symdln.assumption import d, p

    r = architecture.judge_overparametrisation(sp.Implies(architecture.r > sp.Min(d, p) - 2, _shape(d, p)))
    assert r.verdict is FAILS
    ce = r.evidence.counterexample
    assert (ce["d"], ce["p"], ce["widths"]) == (2, 2, (1,))
    assert ce["stated condition"] and not ce["covers every d x p matrix"]


def test_overparam_wrong_sharp_threshold_fails():
    from symdln.assumption import d, p

    run = _run("sec2.overparam", sp.Equivalent(architecture.r >= sp.Min(d, p) + 1, _shape(d, p)))
    assert run.verdict is FAILS and run.correction_verdict is FAILS


def test_rank_constraint_printed_corrected():
    run = _run("eq4.rank_constraint")
    ce = run.formula_checks[0].result.evidence.counterexample
    assert (ce["min of (2)"], ce["min of (4)"]) == ("0", "1/4")


def test_rank_constraint_wrong_correction_fails():
    run = _run("eq4.rank_constraint", architecture.rank_W < architecture.r)
    assert run.verdict is FAILS and run.correction_verdict is FAILS


# --- Prop. 1, (10), rescaled limit --------------------------------------------------------

def test_prop1_printed_holds():
    r = linear_model.check_prop1()
    assert r.verdict is HOLDS
    assert any("rank-deficient" in c for c in r.evidence.parameters["cases"])


def test_prop1_wrong_sign_in_exponent_fails():
    def wrong(Sx, Sxy, W0, t):
        P = Sx.pinv() * Sxy
        return (t * Sx).exp() * (W0 - P) + P

    r = linear_model.check_prop1(wrong)
    assert r.verdict is FAILS


def test_prop1_inverse_instead_of_fixed_point_fails():
    def wrong(Sx, Sxy, W0, t):  # drops the pseudoinverse term
        return (-t * Sx).exp() * W0

    assert linear_model.check_prop1(wrong).verdict is FAILS


def test_limit_10_printed_holds():
    assert linear_model.check_limit_10().verdict is HOLDS


def test_limit_10_wrong_limit_fails():
    def wrong(Sx, Sxy, t):
        return (sp.eye(Sx.shape[0]) + (-t * Sx).exp()) * Sx.pinv() * Sxy

    r = linear_model.check_limit_10(wrong)
    assert r.verdict is FAILS
    assert r.evidence.counterexample["certified sign of residual"] in (1, -1)


def test_rescaled_limit_holds():
    assert linear_model.check_rescaled_limit().verdict is HOLDS


def test_rescaled_limit_step_function_is_rejected():
    # the two-layer step (18) with T = 1/lambda is not the limit of the linear model
    r = linear_model.check_rescaled_limit(
        lambda s, lam, t: s / lam * sp.Heaviside(t - 1 / lam))
    assert r.verdict is FAILS


# --- (21) ------------------------------------------------------------------------------

def test_eq21_printed_order_corrected():
    r = eq21.check_eq21_closed_form()
    assert r.verdict is HAC
    ce = r.evidence.counterexample
    assert "ill-formed" in ce  # d != p
    assert ce["formula"] != ce["gradient descent"]  # and wrong for d = p


def test_eq21_correct_order_holds():
    assert eq21.check_eq21_closed_form(formula=iterate_21_corrected).verdict is HOLDS


def test_eq21_transposed_product_as_correction_fails():
    r = eq21.check_eq21_closed_form(correction=iterate_21_printed)
    assert r.verdict is FAILS


def test_eq21_wrong_exponent_fails():
    def wrong(Sx, Sxy, W0, eta, t):
        return iterate_21_corrected(Sx, Sxy, W0, eta, t + 1)

    assert eq21.check_eq21_closed_form(formula=wrong, correction=wrong).verdict is FAILS


def test_eq21_step_size_printed_holds():
    r = eq21.check_eq21_step_size()
    assert r.verdict is HOLDS
    assert r.evidence.details["convergence iff 0 < eta lambda_i < 2 (z3)"] == "proved"


def test_eq21_step_size_too_large_fails():
    r = eq21.check_eq21_step_size(lambda eta, lmax: eta * lmax < 3)
    assert r.verdict is FAILS
    m = r.evidence.counterexample
    # the validated model really makes I - eta Sigma_x singular
    assert 1 - m["eta"] * m["lambda"] == 0


def test_eq21_limit_holds():
    assert eq21.check_eq21_limit().verdict is HOLDS


def test_eq21_limit_without_null_space_part_fails():
    r = eq21.check_eq21_limit(lambda c: c.pinv * c.Sxy)
    assert r.verdict is FAILS
    assert "rank-deficient" in r.evidence.counterexample["case"]


def test_eq21_limit_compared_with_the_computed_limit_of_9():
    """Were 'similar to Prop. 1' read as the W_0 -> 0 limit (10), the rank-deficient case refutes it."""
    from symdln.linear import limit_10

    t = sp.Symbol("t", positive=True)

    def limit_of_10(c):
        return limit_10(c.Sx, c.Sxy, t, pinv=c.pinv).applyfunc(lambda e: sp.limit(e, t, sp.oo))

    r = eq21.check_eq21_limit(continuous_limit=limit_of_10)
    assert r.verdict is FAILS
    assert "continuous limit (default: of (9))" in r.evidence.counterexample
    assert "rank-deficient" in r.evidence.counterexample["case"]


# --- (14) ------------------------------------------------------------------------------

def test_eq14_holds():
    r = eq14.check_eq14()
    assert r.verdict is HOLDS
    assert len(r.evidence.parameters["cases (every SVD)"]) == 4
    assert (4, 4) in r.evidence.parameters["sizes (n, d)"]  # the identity at d = 4


def test_eq14_wrong_power_fails():
    assert eq14.check_eq14(rhs=lambda Sx: Sx).verdict is FAILS


def test_eq14_not_an_autoencoder_fails():
    assert eq14.check_eq14(targets=lambda X: 2 * X).verdict is FAILS


def test_z3_is_real_arithmetic():
    # guard: the step-size proof must not pass with integer sorts by accident
    eta = z3.Real("eta")
    assert eta.sort() == z3.RealSort()


def test_eq21_equal_at_every_integer_t_is_not_reported_as_failing():
    # differs from the corrected form only off the integers: no witness, so not FAILS
    def same(Sx, Sxy, W0, eta, t):
        half = sp.Rational(1, 2) * t
        return iterate_21_corrected(Sx, Sxy, W0, eta, t) + (
            sp.floor(half) + sp.ceiling(half) - t) * sp.ones(*W0.shape)

    assert eq21.check_eq21_closed_form(formula=same).verdict is Verdict.INCONCLUSIVE


def test_eq21_step_size_vacuous_condition_is_not_holds():
    r = eq21.check_eq21_step_size(lambda eta, lmax: eta * lmax < 0)
    assert r.verdict is Verdict.INCONCLUSIVE


def test_flow_12_rank_one_term_is_not_accepted():
    # vanishes for n = 1, d = p = 2 (Sigma_x^2 = tr(Sigma_x) Sigma_x), not in general
    def rhs(Ws, l, Sx, Sxy):
        from symdln.deep import _segment, product

        L, d, p = len(Ws), Ws[0].shape[0], Ws[-1].shape[1]
        extra = (_segment(Ws, 1, l - 1, d).T * (Sx * Sx - sp.Trace(Sx) * Sx) * product(Ws)
                 * _segment(Ws, l + 1, L, p).T)
        return -layer_gradient_11(Ws, l, Sx, Sxy) + extra

    assert gradients.check_flow_12(rhs).verdict is not Verdict.HOLDS_AFTER_CORRECTION
    r = gradients.check_flow_12(rhs)  # two samples: Sigma_x of rank 2, the term is -det * ...
    assert r.verdict is FAILS and r.evidence.counterexample["n"] == 2


# --- ill-formed formulas under test are judged, not crashes ------------------------------

def _inverse_9(Sx, Sxy, W0, t):
    """(9) with Sigma_x^{-1} for Sigma_x^+: undefined on a singular Sigma_x."""
    P = Sx.inv() * Sxy
    return (-t * Sx).exp() * (W0 - P) + P


def _inverse_21(Sx, Sxy, W0, eta, t):
    P = Sx.inv() * Sxy
    return (sp.eye(Sx.rows) - eta * Sx) ** t * (W0 - P) + P


def test_prop1_inverse_on_singular_sigma_fails():
    r = linear_model.check_prop1(_inverse_9)
    assert r.verdict is FAILS
    ce = r.evidence.counterexample
    assert "rank-deficient" in ce["case"] and ce["t"] == "1"  # a concrete point
    assert ce["formula under test"].startswith("NonInvertibleMatrixError")


def test_eq21_inverse_on_singular_sigma_fails():
    r = eq21.check_eq21_closed_form(formula=_inverse_21, correction=_inverse_21)
    assert r.verdict is FAILS
    assert "NonInvertibleMatrixError" in r.evidence.counterexample["ill-formed"]
    assert "rank-deficient" in r.evidence.counterexample["ill-formed"]


def test_eq21_inverse_with_the_default_correction():
    r = eq21.check_eq21_closed_form(formula=_inverse_21)
    assert r.verdict is HAC
    assert "NonInvertibleMatrixError" in r.evidence.counterexample["ill-formed"]


def test_eq21_limit_inverse_on_singular_sigma_fails():
    r = eq21.check_eq21_limit(lambda c: c.Sx.inv() * c.Sxy)
    assert r.verdict is FAILS
    ce = r.evidence.counterexample
    assert "rank-deficient" in ce["case"]
    assert ce["formula under test"].startswith("NonInvertibleMatrixError")


def _plainly_untransposed(Ws, l, Sx, Sxy):
    """(11) without either transpose: ill-shaped once a layer is not square."""
    L, d, p = len(Ws), Ws[0].shape[0], Ws[-1].shape[1]
    return _segment(Ws, 1, l - 1, d) * (Sx * product(Ws) - Sxy) * _segment(Ws, l + 1, L, p)


def test_gradient_11_untransposed_shape_error_fails():
    r = gradients.check_gradient_11(_plainly_untransposed)
    assert r.verdict is FAILS
    ce = r.evidence.counterexample
    assert (ce["L"], ce["l"], ce["inner width"]) == (2, 1, 1)
    assert ce["formula under test"].startswith("ShapeError")


def test_flow_12_untransposed_shape_error_fails():
    r = gradients.check_flow_12(lambda *a: -_plainly_untransposed(*a))
    assert r.verdict is FAILS
    assert r.evidence.counterexample["formula under test"].startswith("ShapeError")


def test_gradient_7_wrong_shape_fails():
    r = gradients.check_gradient_7(lambda Sx, Sxy, W: (Sx * W - Sxy).T)
    assert r.verdict is FAILS
    ce = r.evidence.counterexample
    assert (ce["n"], ce["d"], ce["p"]) == (1, 2, 1)
    assert "not 2 x 1" in ce["formula under test"]


def test_rescaled_limit_float_is_read_exactly_and_fails():
    r = linear_model.check_rescaled_limit(lambda s, lam, t: 0.5 * s / lam)
    assert r.verdict is FAILS
    assert r.evidence.counterexample["claimed"] == "1/2"
    assert "0.500000000000000 -> 1/2" in r.evidence.notes


def test_rescaled_limit_float_equal_to_the_limit_is_not_holds():
    r = linear_model.check_rescaled_limit(lambda s, lam, t: 1.0 * s / lam)
    assert r.verdict is INCONCLUSIVE
    assert "numerically close is never HOLDS" in r.evidence.notes


def test_flow_12_float_correction_is_not_proved():
    r = gradients.check_flow_12(lambda *a: 1.0 * gradients.flow_12_printed(*a))
    assert r.verdict is FAILS  # the printed shapes fail; the correction rests on 1.0 -> 1
    assert "the correction holds for that exact reading only" in r.evidence.notes


def test_rescaled_limit_matrix_value_is_ill_formed():
    r = linear_model.check_rescaled_limit(lambda s, lam, t: sp.Matrix([[s / lam]]))
    assert r.verdict is FAILS
    assert "not a scalar" in r.evidence.counterexample["formula under test"]


def _vanishing_at_first_etas(Sx, Sxy, W0, eta, t):
    """Differs from gradient descent at t = 1 by a polynomial in eta that vanishes at the
    first step sizes the witness search tries (1/4, 1/8, 1/3)."""
    bump = (eta - sp.Rational(1, 4)) * (eta - sp.Rational(1, 8)) * (eta - sp.Rational(1, 3))
    return iterate_21_corrected(Sx, Sxy, W0, eta, t) + (1 if t == 1 else 0) * bump * sp.ones(
        *W0.shape)


def test_eq21_witness_search_goes_on_past_roots():
    r = eq21.check_eq21_closed_form(formula=_vanishing_at_first_etas)
    assert r.verdict is HAC
    ce = r.evidence.counterexample
    assert ce["t"] == 1 and ce["eta"] not in ("1/4", "1/8", "1/3")
    assert ce["formula"] != ce["gradient descent"]


def test_eq21_no_witness_in_search_range_is_inconclusive():
    # sin^2 + cos^2 - 1 does not expand to zero and Arb cannot enclose sin: undecided
    def same(Sx, Sxy, W0, eta, t):
        zero = sp.sin(eta) ** 2 + sp.cos(eta) ** 2 - 1
        return iterate_21_corrected(Sx, Sxy, W0, eta, t) + (1 if t == 1 else 0) * zero * sp.ones(
            *W0.shape)

    r = eq21.check_eq21_closed_form(formula=same)
    assert r.verdict is INCONCLUSIVE
    assert "no eta in" in r.evidence.notes


def test_formula_failing_only_on_symbols_is_inconclusive():
    def branchy(Sx, Sxy, W0, t):  # a Python branch on an entry: needs numbers
        return solution_9(Sx, Sxy, W0, t) if W0[0, 0] > -100 else W0

    r = linear_model.check_prop1(branchy)
    assert r.verdict is INCONCLUSIVE
    assert "with symbolic arguments" in r.evidence.notes


def test_not_implemented_is_inconclusive():
    def unimplemented(Sx, Sxy, t):
        raise NotImplementedError("no closed form")

    r = linear_model.check_limit_10(unimplemented)
    assert r.verdict is INCONCLUSIVE
    assert "NotImplementedError" in r.evidence.notes


def test_step_size_condition_that_raises_is_inconclusive():
    r = eq21.check_eq21_step_size(lambda eta, lmax: eta / 0 < 1)
    assert r.verdict is INCONCLUSIVE


def test_checker_errors_still_surface(monkeypatch):
    # only the formula under test is wrapped: an error of the checker's own code raises
    def broken(*args):
        raise RuntimeError("checker bug")

    monkeypatch.setattr(eq21, "gd_iterate", broken)
    with pytest.raises(RuntimeError, match="checker bug"):
        eq21.check_eq21_closed_form()


def test_witness_skips_undefined_points():
    x = sp.Symbol("x")
    point, (_, _, value) = nonzero_point(sp.Matrix([[1 / (x - 1)]]), [x])
    assert point["x"] != 1 and value.is_Rational and value != 0


# --- (14): B for every SVD is a computation that can fail --------------------------------

def test_eq14_every_svd_defect_found_for_a_non_scalar_block():
    # Sigma_xy = I: every orthonormal U is an SVD factor, and Sigma_x is not a multiple of I
    case = standard_cases()[0]
    found = eq14._every_svd_defect(case.Sx, sp.eye(2))
    assert isinstance(found, dict) and found["B"] != "[[0, 0], [0, 0]]"


def test_eq14_every_svd_holds_when_sigma_x_is_scalar_on_each_subspace():
    case = standard_cases()[2]  # Sigma_x = 1/4 on its range; Sigma_xy Sigma_xy^T splits it
    assert eq14._every_svd_defect(case.Sx, case.Sx * sp.diag(1, 2, 3)) is None


def test_eq14_ill_shaped_targets_fail():
    r = eq14.check_eq14(targets=lambda X: X.T)
    assert r.verdict is FAILS
    ce = r.evidence.counterexample
    assert (ce["n"], ce["d"]) == (2, 1) and "not 2 x ?" in ce["formula under test"]


def test_gradient_residual_without_certified_witness_is_undecided():
    """A residual that does not expand to zero but vanishes identically (sin^2 + cos^2 - 1):
    first_failing raises UndecidedResidual, judged INCONCLUSIVE, never FAILS."""

    def same_in_disguise(Sx, Sxy, W):
        w = W[0, 0]
        return gradients.gradient_7(Sx, Sxy, W) + (sp.sin(w) ** 2 + sp.cos(w) ** 2 - 1) * sp.ones(*W.shape)

    r = gradients.check_gradient_7(same_in_disguise)
    assert r.verdict is INCONCLUSIVE
    assert "undecided" in r.evidence.notes


# --- adversarial review: wrong formulas and corrections the checks used to accept ---------


def _late_bump(Sx, Sxy, W0, eta, t):
    """Gradient descent up to t = 3; from t = 4 on off by a term that vanishes at the two step
    sizes eta lambda_max = 1/2, 3/2 the induction used to be run at."""
    lmax = max(Sx.eigenvals())
    late = (1 if t >= 4 else 0) if isinstance(t, int) else sp.Piecewise((1, t >= 4), (0, True))
    bump = (eta * lmax - sp.Rational(1, 2)) * (eta * lmax - sp.Rational(3, 2))
    return iterate_21_corrected(Sx, Sxy, W0, eta, t) + bump * late * sp.ones(*W0.shape)


def test_eq21_wrong_from_t4_off_two_step_sizes_fails():
    # was HOLDS (formula) and HOLDS AFTER CORRECTION (correction): the induction ran at two etas
    r = eq21.check_eq21_closed_form(formula=_late_bump)
    assert r.verdict is HAC
    ce = r.evidence.counterexample
    assert ce["t"] >= 4 and ce["formula"] != ce["gradient descent"]
    assert sp.Rational(ce["eta lambda_max"]) < 1  # inside the printed domain
    r = eq21.check_eq21_closed_form(correction=_late_bump)
    assert r.verdict is FAILS
    assert r.evidence.details["correction verdict"] == "FAILS"
    assert r.evidence.details["correction"]["counterexample"]["t"] >= 4


def _quartic_in_w0(Sx, Sxy, W0, eta, t):
    """The corrected form at W0 + W0(W0-1)(W0+1)(W0-2) (entrywise): equal to it whenever every
    entry of W0 is 0, 1, -1 or 2, as in every case's own W0."""
    return iterate_21_corrected(Sx, Sxy, W0 + W0.applyfunc(lambda x: x * (x - 1) * (x + 1) * (x - 2)),
                                eta, t)


def test_eq21_right_only_at_the_cases_own_w0_fails():
    # was HOLDS / HOLDS AFTER CORRECTION: W0 was the case's; now symbolic, witness exact
    r = eq21.check_eq21_closed_form(formula=_quartic_in_w0)
    assert r.verdict is HAC
    ce = r.evidence.counterexample
    assert ce["t"] == 0 and ce["formula"] != ce["gradient descent"]
    assert set(sp.Matrix(sp.sympify(ce["W0"]))) - {0, 1, -1, 2}  # off the fixed trial values
    r = eq21.check_eq21_closed_form(correction=_quartic_in_w0)
    assert r.verdict is FAILS and r.evidence.details["correction verdict"] == "FAILS"


def test_eq21_counterexamples_lie_in_the_printed_domain():
    ce = eq21.check_eq21_closed_form().evidence.counterexample
    assert 0 < sp.Rational(ce["eta lambda_max"]) < 1
    case = next(c for c in eq21._cases_21() if c.name == ce["case"])
    assert 0 < sp.Rational(ce["eta"]) * max(case.Sx.eigenvals()) < 1


def test_eq21_difference_outside_the_step_size_domain_is_not_a_counterexample():
    # equal to gradient descent for eta lambda_max <= 1; was FAILS at eta = 1 (eta lambda_max = 4/3)
    def off_domain(Sx, Sxy, W0, eta, t):
        lmax = max(Sx.eigenvals())
        return iterate_21_corrected(Sx, Sxy, W0, eta, t) + sp.Max(0, eta * lmax - 1) * sp.ones(
            *W0.shape)

    assert eq21.check_eq21_closed_form(formula=off_domain).verdict is INCONCLUSIVE


def test_eq21_limit_right_only_at_the_cases_own_w0_fails():
    # W0 -> W0^3 entrywise agrees on the cases' entries 0, 1, -1 and on the row Pi_0 keeps
    def cubed(c):
        return (sp.eye(c.d) - c.Sx * c.pinv) * c.W0.applyfunc(lambda x: x**3) + c.pinv * c.Sxy

    r = eq21.check_eq21_limit(cubed)
    assert r.verdict is FAILS
    ce = r.evidence.counterexample
    assert "rank-deficient" in ce["case"] and "null-space part" in ce["failing"]
    assert ce["claimed"] != ce["limit (solved from the conditions)"]


def test_eq21_limit_not_a_fixed_point_fails():
    def half_step(c):  # the limit plus something outside the null space
        return _claimed(c) + c.Sx * c.W0

    r = eq21.check_eq21_limit(half_step)
    assert r.verdict is FAILS and "fixed point" in r.evidence.counterexample["failing"]


def _claimed(c):
    return (sp.eye(c.d) - c.Sx * c.pinv) * c.W0 + c.pinv * c.Sxy


def test_limit_10_truth_is_verified_not_taken_from_the_package(monkeypatch):
    # a wrong solution (9) in the package and the matching wrong limit: was HOLDS
    def wrong_9(Sx, Sxy, W0, tt, pinv=None):
        P = (Sx.pinv() if pinv is None else pinv) * Sxy
        return (tt * Sx).exp() * (W0 - P) + P

    def wrong_10(Sx, Sxy, tt):
        return (sp.eye(Sx.shape[0]) - (tt * Sx).exp()) * Sx.pinv() * Sxy

    monkeypatch.setattr(linear_model, "solution_9", wrong_9)
    assert linear_model.check_limit_10(wrong_10).verdict is INCONCLUSIVE


def test_rescaled_limit_truth_is_verified_not_typed(monkeypatch):
    # a wrong derived limit and the matching claim: the rate identity is checked for the
    # derived limit itself, not for a typed s / lambda (which used to let this HOLD)
    monkeypatch.setattr(linear_model, "_limit_delta",
                        lambda e: 2 * sp.Symbol("s", real=True) / linear_model.lam
                        if e.has(linear_model.lam) else sp.Integer(0))
    r = linear_model.check_rescaled_limit(lambda s, lam, t: 2 * s / lam)
    assert r.verdict is INCONCLUSIVE


def _hard_coded_identity(Ws, l, Sx, Sxy):
    """(11) with I_2 for W_{1:0} and W_{L+1:L}: right for d = p = 2 only."""
    L = len(Ws)
    left = sp.eye(2) if l == 1 else product(Ws[: l - 1]).T
    right = sp.eye(2) if l == L else product(Ws[l:]).T
    return left * (Sx * product(Ws) - Sxy) * right


def test_gradient_11_hard_coded_identity_fails():
    # was HOLDS: every entrywise case had d = p = 2, and over symbolic sizes SymPy drops
    # sp.eye(2) * MatrixSymbol without a shape check
    r = gradients.check_gradient_11(_hard_coded_identity)
    assert r.verdict is FAILS
    ce = r.evidence.counterexample
    assert (ce["d"], ce["p"]) == (3, 1) and ce["formula under test"].startswith("ShapeError")
    assert gradients.check_flow_12(lambda *a: -_hard_coded_identity(*a)).verdict is FAILS


def test_flow_12_wrong_corrected_shape_fails():
    # the corrected shapes are judged by the computation that refutes the printed ones
    def transposed(d, p, widths, l):
        dims = (d, *widths, p)
        return dims[l], dims[l - 1]

    r = gradients.check_flow_12(corrected_shape=transposed)
    assert r.verdict is FAILS
    assert "ShapeError" in r.evidence.details["correction"]["counterexample"]["W_1 ... W_L"]
    square = gradients.check_flow_12(corrected_shape=lambda d, p, widths, l: (d, d) if l < len(
        widths) + 1 else (d, p))
    assert square.verdict is FAILS  # multiplies to d x p, but the inner widths are not r_l
    assert "layer shapes of (2)" in square.evidence.details["correction"]["counterexample"]


def test_flow_12_right_printed_shape_holds():
    r = gradients.check_flow_12(shape=lambda d, p, widths, l: ((d, *widths, p)[l - 1],
                                                               (d, *widths, p)[l]))
    assert r.verdict is HOLDS


def test_rank_constraint_correction_ignoring_r_fails():
    # a test that ignores r is judged at r = 2 too (sizes with min(d, p) = 3)
    run = _run("eq4.rank_constraint", architecture.rank_W <= 1)
    assert run.correction_verdict is FAILS
    ce = run.correction_checks[0].result.evidence.counterexample
    assert (ce["r"], ce["rank W"], ce["a product"], ce["feasible in (4)"]) == (2, 2, True, False)


def test_overparam_wrong_corrected_label_fails():
    from symdln.assumption import d, p

    run = _run("sec2.overparam", sp.Equivalent(architecture.r >= sp.Min(d, p), _shape(p, d)))
    assert run.correction_verdict is FAILS
    assert run.correction_checks[0].result.evidence.counterexample["stated shape"] == "(2, 1)"


# --- (21) as data: the printed formula and its correction judged by the same check ----------

def _closed_form_21():
    from symdln.linear import W_0, I_d, Sigma_x, Sigma_x_pinv, Sigma_xy, W_t
    from symdln.notation import eta, t

    P = Sigma_x_pinv * Sigma_xy
    return W_t, W_0, Sigma_x, P, I_d, eta, t


def test_eq21_registered_correction_holds():
    from symdln.claims import by_id
    from symdln.runner import run_claim

    run = run_claim(by_id("eq21.closed_form"))
    assert run.verdict is HAC
    assert run.correction_verdict is HOLDS
    assert "ill-formed" in run.formula_checks[0].result.evidence.counterexample  # d != p


@pytest.mark.parametrize("name", ["constant", "swapped", "term", "factor", "exponent"])
def test_eq21_wrong_corrections_fail(name):
    from symdln.claims import by_id
    from symdln.linear import Sigma_xy
    from symdln.runner import run_claim

    W_t, W_0, Sx, P, I_d, eta, t = _closed_form_21()
    wrong = {
        "constant": (I_d - 2 * eta * Sx) ** t * (W_0 - P) + P,  # constant changed
        "swapped": (I_d - eta * Sx) ** t * (W_0 - Sx * Sigma_xy) + Sx * Sigma_xy,  # Sigma_x for its pinv
        "term": (I_d - eta * Sx) ** t * W_0 + P,  # term -P dropped
        "factor": (I_d - eta * Sx) ** t * (W_0 - P),  # the fixed point dropped
        "exponent": (I_d - eta * Sx) ** (t + 1) * (W_0 - P) + P,
    }[name]
    run = run_claim(by_id("eq21.closed_form"), correction_expr=sp.Eq(W_t, wrong))
    assert run.verdict is FAILS
    assert run.correction_verdict is FAILS
    assert run.correction_checks[0].result.evidence.counterexample


def test_eq21_statement_that_is_not_a_closed_form_is_a_formula_error():
    from symdln.correction import FormulaError

    W_t, W_0, Sx, _, _, eta, t = _closed_form_21()
    with pytest.raises(FormulaError, match="Eq"):
        eq21.judge_eq21_closed_form(sp.Eq(W_0, Sx))
    with pytest.raises(FormulaError, match="number"):
        eq21.judge_eq21_closed_form(sp.Eq(W_t, eta * t))
    with pytest.raises(FormulaError, match="symbol 'k'"):
        eq21.judge_eq21_closed_form(sp.Eq(W_t, W_0 * sp.Symbol("k")))


def test_eq21_user_formula_parses_in_the_claims_symbols():
    from symdln.claims import by_id
    from symdln.correction import parse_formula

    claim = by_id("eq21.closed_form")
    e = parse_formula("Eq(W_t, (I_d - eta*Sigma_x)**t*(W_0 - Sigma_x_pinv*Sigma_xy) + Sigma_x_pinv*Sigma_xy)",
                      claim.symbol_map)
    assert e == claim.correction.expr
    assert eq21.judge_eq21_closed_form(e).verdict is HOLDS


# --- Sec. 2 and (4) as data -------------------------------------------------------------

def _run(cid, correction=None):
    from symdln.claims import by_id
    from symdln.runner import run_claim

    return run_claim(by_id(cid), correction_expr=correction)


def _overparam_claim():
    from symdln.claims import by_id

    return by_id("sec2.overparam")


def test_overparam_correction_as_data_holds():
    from symdln.runner import run_claim

    run = run_claim(_overparam_claim())
    assert run.verdict is HAC and run.correction_verdict is HOLDS
    assert run.formula_checks[0].result.evidence.counterexample["stated shape"] == "(2, 1)"


def _shape(a, b):
    return sp.And(sp.Eq(architecture.rows, a), sp.Eq(architecture.cols, b))


@pytest.mark.parametrize("name", ["constant", "swapped", "strict", "condition dropped", "term dropped"])
def test_overparam_wrong_corrections_fail(name):
    from symdln.assumption import d, p

    r = architecture.r
    wrong = {
        "constant": sp.Equivalent(r >= sp.Min(d, p) - 1, _shape(d, p)),  # constant changed
        "swapped": sp.Equivalent(r >= sp.Min(d, p), _shape(p, d)),  # d and p swapped in the shape
        "strict": sp.Equivalent(r > sp.Min(d, p), _shape(d, p)),  # the printed threshold, as an iff
        "condition dropped": _shape(d, p),  # every width covers
        "term dropped": sp.Equivalent(r >= sp.Max(d, p), _shape(d, p)),  # Min -> Max
    }[name]
    from symdln.runner import run_claim

    run = run_claim(_overparam_claim(), correction_expr=wrong)
    assert run.verdict is FAILS and run.correction_verdict is FAILS
    assert run.correction_checks[0].result.evidence.counterexample


def test_overparam_sufficient_condition_with_the_right_shape_holds():
    from symdln.assumption import d, p

    r = architecture.r
    assert architecture.judge_overparametrisation(sp.Implies(r > sp.Min(d, p), _shape(d, p))).verdict is HOLDS
    assert architecture.judge_overparametrisation(
        sp.Implies(r >= sp.Min(d, p) - 1, _shape(d, p))).verdict is FAILS


def test_overparam_malformed_statement_is_a_formula_error():
    from symdln.assumption import d, p
    from symdln.correction import FormulaError

    with pytest.raises(FormulaError, match="Implies"):
        architecture.judge_overparametrisation(architecture.r >= sp.Min(d, p))
    with pytest.raises(FormulaError, match="rows"):
        architecture.judge_overparametrisation(sp.Implies(architecture.r > 1, sp.Eq(architecture.rows, d)))


def test_rank_constraint_registered_correction_holds():
    run = _run("eq4.rank_constraint")
    assert run.verdict is HAC and run.correction_verdict is HOLDS
    ce = run.formula_checks[0].result.evidence.counterexample
    assert (ce["min of (2)"], ce["min of (4)"]) == ("0", "1/4")


@pytest.mark.parametrize("name", ["constant", "swapped", "strict", "term dropped", "condition dropped"])
def test_rank_constraint_wrong_corrections_fail(name):
    from symdln.assumption import d, p

    k, r = architecture.rank_W, architecture.r
    wrong = {
        "constant": k <= r + 1,
        "swapped": r <= k,
        "strict": k < r,
        "term dropped": k <= sp.Min(d, p),
        "condition dropped": sp.And(k <= r, k >= 1),
    }[name]
    run = _run("eq4.rank_constraint", wrong)
    assert run.verdict is FAILS and run.correction_verdict is FAILS
    assert run.correction_checks[0].result.evidence.counterexample


def test_rank_constraint_malformed_statement_is_a_formula_error():
    from symdln.correction import FormulaError

    with pytest.raises(FormulaError, match="unknown symbol 'n'"):
        architecture.judge_rank_constraint(architecture.rank_W <= sp.Symbol("n"))


# --- (12) as data: the layer shape ------------------------------------------------------

def test_flow_12_registered_correction_holds():
    run = _run("eq12.flow")
    assert run.verdict is HAC and run.correction_verdict is HOLDS
    assert "ShapeError" in run.formula_checks[0].result.evidence.counterexample["W_1 ... W_L"]


@pytest.mark.parametrize("name", ["constant", "swapped", "term dropped", "condition dropped", "transposed"])
def test_flow_12_wrong_corrections_fail(name):
    from symdln.assumption import d

    rows, cols, rp, rl = architecture.rows, architecture.cols, gradients.r_prev, gradients.r_l
    wrong = {
        "constant": sp.And(sp.Eq(rows, rp + 1), sp.Eq(cols, rl)),
        "swapped": sp.And(sp.Eq(rows, rl), sp.Eq(cols, rp)),
        "term dropped": sp.And(sp.Eq(rows, rp), sp.Eq(cols, rp)),
        "condition dropped": sp.And(sp.Eq(rows, d), sp.Eq(cols, rl)),  # r_0 = d for the first layer only
        "transposed": sp.And(sp.Eq(rows, rl), sp.Eq(cols, rl)),
    }[name]
    run = _run("eq12.flow", wrong)
    assert run.verdict is FAILS and run.correction_verdict is FAILS
    assert run.correction_checks[0].result.evidence.counterexample


def test_flow_12_malformed_shape_is_a_formula_error():
    from symdln.correction import FormulaError

    with pytest.raises(FormulaError, match="rows x cols"):
        gradients.judge_flow_12(sp.Eq(architecture.rows, gradients.r_prev))
    with pytest.raises(FormulaError, match="unknown symbol 'k'"):
        gradients.judge_flow_12(sp.And(sp.Eq(architecture.rows, sp.Symbol("k")),
                                       sp.Eq(architecture.cols, gradients.r_l)))


# --- scope: general proofs, and the reason where a proof is for instances only ------------

def test_gradient_11_and_flow_12_are_proved_for_every_depth():
    g = gradients.check_gradient_11()
    assert g.verdict is HOLDS and g.evidence.scope == "general"
    assert "associativity" in g.evidence.notes
    run = _run("eq12.flow")
    assert run.correction_checks[0].result.evidence.scope == "general"


def test_gradient_11_explicit_size_in_the_value_is_not_general():
    # over symbolic widths SymPy multiplies an explicit 2 x 2 matrix by an r x r MatrixSymbol without a
    # shape check: a value with such a part proves nothing for every width
    def scaled(Ws, l, Sx, Sxy):
        G = layer_gradient_11(Ws, l, Sx, Sxy)
        return G if isinstance(G, sp.MatrixBase) else sp.ImmutableMatrix([[1, 0], [0, 2]]) * G

    why = gradients._symbolic_dims_11(scaled, 2, {})
    assert why is not None
    assert gradients.check_gradient_11(scaled).evidence.scope != "general"
    r = sp.Symbol("r", positive=True, integer=True)
    A, B = sp.MatrixSymbol("A", r, r), sp.MatrixSymbol("B", r, r)
    assert gradients._explicit_size(sp.ImmutableMatrix([[1, 2], [3, 4]]) * A) is not None
    assert gradients._explicit_size(A.I * B) is not None  # an inverse is not defined everywhere
    assert gradients._explicit_size(A * B.T + 2 * A**2) is None


def test_flow_12_shape_as_a_function_is_judged_on_instances_only():
    r = gradients.check_flow_12(shape=lambda d, p, widths, l: ((d, *widths, p)[l - 1], (d, *widths, p)[l]))
    assert r.verdict is HOLDS and r.evidence.scope == "instances"
    assert r.evidence.notes.startswith("why not general")


def test_flow_12_shape_general_only_when_an_identity_on_the_domain():
    from symdln.assumption import d

    rows, cols, rp, rl = architecture.rows, architecture.cols, gradients.r_prev, gradients.r_l
    # right on the listed shape cases (d <= 3), wrong at d = 4: not proved general
    wrong = sp.And(sp.Eq(rows, rp + (d - 1) * (d - 2) * (d - 3)), sp.Eq(cols, rl))
    assert gradients._general_shape(wrong) is None
    assert gradients.judge_flow_12(wrong).evidence.scope != "general"
    # written differently but equal on the domain: r_{l-1} = d for l = 1
    assert gradients._general_shape(sp.And(sp.Eq(rows, rp), sp.Eq(cols, rl))) is not None


def test_eq21_correction_is_proved_for_every_size_and_the_printed_form_still_fails():
    run = _run("eq21.closed_form")
    assert run.verdict is HAC
    assert run.correction_checks[0].result.evidence.scope == "general"
    assert run.formula_checks[0].result.evidence.counterexample


def test_eq21_general_induction_takes_the_formula_as_input():
    from symdln.linear import W_0, I_d, Sigma_x, Sigma_x_pinv, Sigma_xy
    from symdln.notation import eta, t

    A, P = I_d - eta * Sigma_x, Sigma_x_pinv * Sigma_xy
    assert eq21._general_21(A**t * W_0 + (I_d - A**t) * P) is None  # rearranged: still proved
    assert eq21._general_21(A**t * (W_0 - Sigma_x_pinv * Sigma_x * P) + P) is None
    assert "well-formed" in eq21._general_21((W_0 - P) * A**t + P)  # the printed order, d != p
    assert "base case" in eq21._general_21(A**t * W_0 + P)
    assert "induction step" in eq21._general_21(A**t * (W_0 - P) + P + (A**t - I_d) * Sigma_xy)
    # an inverse is not defined for a singular Sigma_x: never part of a general proof
    assert "inverse" in eq21._general_21(A**t * (W_0 - Sigma_x**-1 * Sigma_xy) + Sigma_x**-1 * Sigma_xy)
    assert "otherwise than" in eq21._general_21(A**(t + 1) * (W_0 - P) + P)


def test_eq21_closed_form_as_a_function_is_judged_on_instances_only():
    r = eq21.check_eq21_closed_form(formula=iterate_21_corrected)
    assert r.verdict is HOLDS and r.evidence.scope == "instances"
    assert "why not general" in r.evidence.notes


def test_eq14_is_proved_for_every_size():
    r = eq14.check_eq14()
    assert r.verdict is HOLDS and r.evidence.scope == "general"
    assert "PSD square root" in r.evidence.notes
    same = eq14.check_eq14(rhs=lambda Sx: Sx * Sx.T)
    assert same.verdict is HOLDS and same.evidence.scope == "general"


def test_eq14_general_step_rejects_wrong_or_size_bound_formulas():
    assert "did not reduce" in eq14._general_failure(lambda X: X, lambda Sx: Sx**3)
    assert "did not reduce" in eq14._general_failure(lambda X: 2 * X, lambda Sx: Sx**2)
    # SymPy cancels Inverse(S) * S**3 to S**2 over symbolic sizes (no invertibility check): the exact
    # cases, with a singular Sigma_x, keep it from HOLDS before any general step
    assert eq14._general_failure(lambda X: X, lambda Sx: Sx.inv() * Sx**3) is None
    assert eq14.check_eq14(rhs=lambda Sx: Sx.inv() * Sx**3).verdict is not HOLDS


@pytest.mark.parametrize("cid", ["sec2.overparam", "eq4.rank_constraint"])
def test_architecture_corrections_are_proved_for_every_size(cid):
    run = _run(cid)
    for res in [c.result for c in run.correction_checks]:
        assert res.verdict is HOLDS and res.evidence.scope == "general"
        assert "why not general" not in res.evidence.notes and "general: for every d, p" in res.evidence.notes


# --- (14): the evidence of each verdict, and the witnesses of B != 0 -------------------------

def _eq14_witness_is_an_svd_factor(Sx, Sxy, found):
    """The U of a witness is orthogonal, its columns are left singular vectors of Sxy (U^T Sxy Sxy^T U
    diagonal), and B = offdiag(U^T Sx U) is the reported nonzero matrix."""
    from symdln.assumption import defect_B

    U, B = sp.Matrix(sp.sympify(found["U"])), sp.Matrix(sp.sympify(found["B"]))
    assert (U.T * U - sp.eye(U.cols)).applyfunc(sp.simplify).is_zero_matrix
    D2 = (U.T * Sxy * Sxy.T * U).applyfunc(sp.simplify)
    assert all(D2[i, j] == 0 for i in range(D2.rows) for j in range(D2.cols) if i != j)
    assert (defect_B(Sx, U) - B).applyfunc(sp.simplify).is_zero_matrix and not B.is_zero_matrix


def _cayley2(k):
    from symdln.certify.exact import cayley_orthogonal

    return cayley_orthogonal(sp.Matrix([[0, k], [-k, 0]]))


@pytest.mark.parametrize("Sx", [
    sp.diag(1, 2),                                          # diagonal, not scalar: only a rotation shows it
    sp.Matrix([[1, sp.Rational(1, 2)], [sp.Rational(1, 2), 1]]),  # equal diagonal, nonzero off-diagonal
    # diagonalised by the first rotation tried (Cayley 1/2): the second one shows it
    _cayley2(sp.Rational(1, 2)) * sp.diag(1, 2) * _cayley2(sp.Rational(1, 2)).T,
])
def test_eq14_every_svd_defect_inside_one_subspace_has_a_valid_witness(Sx):
    # Sigma_xy = I: one left singular subspace, every orthogonal U is an SVD factor
    found = eq14._every_svd_defect(Sx, sp.eye(2))
    assert isinstance(found, dict) and "inside one left singular subspace" in found["why"]
    _eq14_witness_is_an_svd_factor(Sx, sp.eye(2), found)


def _eq14_stretch(d):
    return sp.diag(*range(1, d + 1))


def test_eq14_identity_for_other_targets_and_b_nonzero_fails_with_a_valid_witness():
    """Y = X A (A = diag(1, .., d)) with the matching right-hand side Sigma_x A^2 Sigma_x: the identity
    holds for every X, and B = 0 fails (the left singular vectors of Sigma_x A are not eigenvectors
    of Sigma_x): FAILS with an SVD factor U of Sigma_xy, found by the every-SVD decision."""
    r = eq14.check_eq14(targets=lambda X: X * _eq14_stretch(X.cols),
                        rhs=lambda Sx: Sx * _eq14_stretch(Sx.rows) ** 2 * Sx)
    assert r.verdict is FAILS and r.evidence.precision == "exact"
    assert r.evidence.method.startswith("exact left singular subspaces of Sigma_xy")
    cex = r.evidence.counterexample
    case = next(c for c in standard_cases() if c.name == cex["case"])
    Sxy = case.X.T * case.X * _eq14_stretch(case.d) / case.n
    assert cex["why"] == "U^T Sigma_x U is not diagonal"  # an entry between two subspaces
    _eq14_witness_is_an_svd_factor(case.Sx, Sxy, cex)


def test_eq14_identity_failure_is_certified_at_its_integer_point():
    from symdln.checks._identity import symbolic_matrix

    r = eq14.check_eq14(rhs=lambda Sx: Sx)
    ev = r.evidence
    assert r.verdict is FAILS and ev.precision == "exact" and "polynomial identity" in ev.method
    cex = ev.counterexample
    n, d = cex["n"], cex["d"]
    X = symbolic_matrix("x", n, d)
    X = X.subs({s: cex[s.name] for s in X.free_symbols})
    Sx = X.T * X / n
    R = Sx * Sx.T - Sx  # Sigma_xy = Sigma_x for Y = X
    (key,) = (k for k in cex if k.startswith("residual["))
    i, j = (int(v) - 1 for v in key[len("residual["):-1].split(","))
    assert R[i, j] != 0 and cex[key] == str(R[i, j])


def test_eq14_holds_evidence():
    ev = eq14.check_eq14().evidence
    assert ev.parameters["cases (every SVD)"] == [c.name for c in standard_cases()]
    assert ev.precision == "exact" and ev.residual == "0" and ev.proof == "proofs/eq14.py"
    assert "PSD square root" in ev.method and ev.method.endswith("(cross-check)")


def test_eq14_a_formula_not_general_holds_on_the_instances_only():
    # Sigma_x^2 on explicit matrices; over symbolic sizes a product with an explicit 1 x 1 matrix
    def rhs(Sx):
        return Sx**2 if isinstance(Sx, sp.MatrixBase) else Sx * sp.ImmutableMatrix([[2]]) * Sx / 2

    r = eq14.check_eq14(rhs=rhs)
    ev = r.evidence
    assert r.verdict is HOLDS and ev.scope == "instances" and ev.proof == "proofs/eq14.py"
    assert ev.precision == "exact" and ev.residual == "0"
    assert ev.method.startswith("exact polynomial identity")
    cases = [c.name for c in standard_cases()]
    assert ev.parameters == {"sizes (n, d)": eq14.SIZES, "cases (every SVD)": cases}
    assert r.evidence.notes.startswith("why not general: rhs has a part of explicit size or an inverse")


@pytest.mark.parametrize("where", ["targets", "rhs"])
def test_eq14_floats_in_the_formula_are_reported(where):
    # 1.0 * X reads exactly as X: the identity holds for that reading only (INCONCLUSIVE, never HOLDS);
    # 1.0 * Sigma_x^2 rounds the entries 1/9, ... to floats: their decimal reading fails the identity
    kw = {"targets": lambda X: 1.0 * X} if where == "targets" else {"rhs": lambda Sx: 1.0 * Sx**2}
    r = eq14.check_eq14(**kw)
    assert r.verdict is (INCONCLUSIVE if where == "targets" else FAILS)
    assert "1.00000000000000 -> 1" in r.evidence.notes


def test_eq14_a_formula_failing_on_symbols_only_is_undecided():
    def targets(X):
        if X.free_symbols:
            raise ValueError("symbolic")
        return X

    r = eq14.check_eq14(targets=targets)
    assert r.verdict is INCONCLUSIVE and r.evidence.method == "the formulas under test called on symbolic X"
    assert r.evidence.parameters == {"n": 1, "d": 1, "X": "symbolic", "formula": "targets (Y)"}
    assert "{'n': 1, 'd': 1, 'X': 'all ones', 'formula': 'targets (Y)'}" in r.evidence.notes


def test_eq14_ill_shaped_rhs_fails_at_the_all_ones_point():
    r = eq14.check_eq14(rhs=lambda Sx: Sx.row_join(Sx))
    assert r.verdict is FAILS and r.evidence.method == "the formulas under test called on symbolic X"
    cex = r.evidence.counterexample
    assert (cex["n"], cex["d"], cex["X"], cex["formula"]) == (1, 1, "all ones", "rhs")
    assert cex["formula under test"] == "ValueError: returned a 1 x 2 matrix, not 1 x 1"


def _eq14_tridiagonal(diagonal):
    n = len(diagonal)
    return sp.Matrix(n, n, lambda i, j: diagonal[i] if i == j else (1 if abs(i - j) == 1 else 0))


@pytest.mark.parametrize("diagonal", [
    (2, 3, 5, 7, 11),  # Sxy Sxy^T has an irreducible quintic: CRootOf eigenvalues
    (2, 3, 5),         # an irreducible cubic with three real roots: radicals through i (took minutes)
])
def test_eq14_eigenvalues_not_explicit_are_undecided(diagonal):
    Sxy = _eq14_tridiagonal(diagonal)
    assert eq14._left_singular_subspaces(Sxy) is None
    assert eq14._every_svd_defect(sp.eye(len(diagonal)), Sxy) == (
        "an eigenvalue of Sigma_xy Sigma_xy^T is not explicit")


def test_eq14_targets_are_called_on_the_cases_through_the_same_guard():
    """A formula judged on the symbolic X and again on the cases' X: there too its shape is checked
    (FAILS at the case) and its floats are recorded (not HOLDS)."""
    r = eq14.check_eq14(targets=lambda X: X if X.free_symbols else X.T)
    assert r.verdict is FAILS and r.evidence.counterexample["case"] == standard_cases()[0].name
    assert "not 3 x ?" in r.evidence.counterexample["formula under test"]
    r = eq14.check_eq14(targets=lambda X: X if X.free_symbols else 1.0 * X)
    assert r.verdict is INCONCLUSIVE and "0.600000000000000 -> 3/5" in r.evidence.notes
