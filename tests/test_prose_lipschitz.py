"""sec32.lipschitz: the step-size sentence of Sec. 3.2 ("smaller than the Lipschitz constant and some notion
of eigen-gap, without any dependence on the horizon").  Each check on the registered formula and
conditions, and fed wrong ones (a wrong condition, a wrong Lipschitz constant, a condition on the horizon,
a condition that is no eigen-gap bound), so that every branch is seen to decide."""

from __future__ import annotations

from fractions import Fraction as F

import numpy as np
import pytest
import sympy as sp
from hypothesis import example, given
from hypothesis import strategies as st

from symdln.checks import prose_lipschitz as pl
from symdln.checks.discrete_limits import conditions_printed
from symdln.claims import by_id
from symdln.notation import delta, eta, lam, sigma, t
from symdln.runner import run_claim
from symdln.verdict import Verdict

H, FA, IN = Verdict.HOLDS, Verdict.FAILS, Verdict.INCONCLUSIVE


def test_registered_claim_holds_for_the_whole_domain():
    run = run_claim(by_id("sec32.lipschitz"))
    assert run.verdict is H and run.scope == "general"
    (lip,) = [c.result for c in run.checks if c.check.name == "lipschitz"]
    assert lip is not None and lip.evidence.parameters["L (per mode, derived)"] == "2*sigma"
    assert lip.evidence.details["per mode"]["certificate"]["status"] == "supremum"
    assert "why not general" not in (lip.evidence.notes or "")


@pytest.mark.parametrize("formula", [eta < 1 / (2 * sigma), sigma < 1 / (2 * eta),
                                     2 * eta * sigma * (t + 1) < t + 1],
                         ids=["eta<1/(2sigma)", "sigma<1/(2eta)", "t-cancels"])
def test_equivalent_conditions_hold_in_general(formula):
    """The formula is the input of the proof: a rewritten C1 (also one written with t that does not
    depend on it) is proved equivalent to eta < 1/L."""
    r = pl.judge_lipschitz_condition(formula)
    assert r.verdict is H and r.evidence.scope == "general"


@pytest.mark.parametrize("formula", [
    eta * sigma < 1,           # eta < 2/L: the sharp requirement of cor3.conditions (check c1), not C1
    2 * eta * sigma <= 1,      # the boundary eta = 1/L included
    eta < 2 * sigma,           # the literal reading 'eta smaller than L'
    eta * lam < 1,             # a constant from Sigma_x instead of Sigma_xy
    2 * eta * sigma < 1 + sp.exp(-delta),
], ids=["eta*sigma<1", "non-strict", "eta<L", "eta*lambda<1", "exp(-delta)"])
def test_wrong_conditions_fail_with_an_exact_counterexample(formula):
    r = pl.judge_lipschitz_condition(formula)
    assert r.verdict is FA
    cex = r.evidence.counterexample
    assert cex is not None and cex["condition under test"] != cex["eta < 1/L, L = 2*sigma"]
    point = {s: sp.Rational(cex[s.name]) for s in formula.free_symbols | {eta, sigma}}
    assert bool(formula.xreplace(point)) == cex["condition under test"]  # re-evaluated here
    assert bool((2 * eta * sigma < 1).xreplace(point)) == cex["eta < 1/L, L = 2*sigma"]


def test_a_condition_on_the_horizon_fails_and_says_so():
    r = pl.judge_lipschitz_condition(eta * t < 1)
    assert r.verdict is FA and "depends on the horizon" in r.evidence.notes


def test_a_condition_z3_cannot_decide_falls_back_to_instances():
    r = pl.judge_lipschitz_condition(sp.exp(2 * eta * sigma) < sp.E)
    assert r.verdict is H and r.evidence.scope == "instances"
    assert "why not general" in r.evidence.notes and "Missing step" in r.evidence.notes
    wrong = pl.judge_lipschitz_condition(sp.log(1 + eta * sigma) < sp.log(2))  # eta sigma < 1
    assert wrong.verdict is FA


@pytest.mark.parametrize("L, status", [(2 * sigma, "supremum"), (sigma, "too small"),
                                       (3 * sigma, "too large"), (2 * sigma + lam, "too large"),
                                       (sigma + lam, "too small")])
def test_the_per_mode_constant_is_certified_both_ways(L, status):
    cert = pl.certify_mode_constant(L)
    assert cert["status"] == status
    if status == "too small":  # a validated path point with an eigenvalue beyond L
        m = {k: sp.Rational(v.numerator, v.denominator) for k, v in cert["path point with |mu| > L"].items()}
        assert m["lambda"] * m["s"] ** 2 <= m["sigma"]
        assert abs(m["mu"]) > L.xreplace({sigma: m["sigma"], lam: m["lambda"]})


@pytest.mark.parametrize("L", [sigma, 4 * sigma], ids=["sigma", "4sigma"])
def test_a_wrong_lipschitz_constant_fails(L):
    r = pl.judge_lipschitz_condition(2 * eta * sigma < 1, lipschitz=L)
    assert r.verdict is FA and "is not the per-mode Lipschitz constant" in r.evidence.notes
    assert pl.judge_lipschitz_condition(2 * eta * sigma < 1, lipschitz=2 * sigma).verdict is H


@given(st.fractions(min_value=F(1, 10), max_value=10), st.fractions(min_value=F(1, 10), max_value=10),
       st.fractions(min_value=0, max_value=1))
@example(F(1), F(1), F(1))  # the learned point: 2 sigma attained
@example(F(3), F(1, 2), F(0))  # the start: eigenvalues -sigma, sigma
def test_path_spectrum_exact(lam_, sig_, frac):
    """Cross-check of the z3 certificate in exact arithmetic: at w = frac * sigma/lambda the Hessian of
    the per-mode loss has eigenvalues 3 lambda w - sigma and sigma - lambda w, within [-sigma, 2 sigma]."""
    w = sp.Rational(frac.numerator, frac.denominator) * sp.Rational(sig_) / sp.Rational(lam_)
    Hm = pl.mode_loss()["H"].xreplace({lam: sp.Rational(lam_), sigma: sp.Rational(sig_), pl.S: sp.sqrt(w)})
    ev = Hm.eigenvals()
    assert all(-sp.Rational(sig_) <= e <= 2 * sp.Rational(sig_) for e in ev)
    assert (2 * sp.Rational(sig_) in ev) == (frac == 1)


def test_no_global_constant_for_two_layers_and_one_for_the_linear_model():
    assert pl.global_lipschitz(2)["global constant"] == "none"
    assert pl.global_lipschitz(3)["global constant"] == "none"
    one = pl.global_lipschitz(1)  # f convex quadratic: the constant Hessian lambda
    assert one["global constant"] == "exists" and one["Hessian (constant)"] == "Matrix([[lambda]])"


def test_full_hessian_reading():
    full = pl.full_hessian_reading()
    assert full["coupling curvature at diagonal layers (derived)"] == {
        "d^2 f/d A_12^2": "b_2**2*lambda_1", "d^2 f/d A_21^2": "b_1**2*lambda_2"}
    cex = full["smallest counterexample"]
    assert cex["ok"] and cex["lambda"] == (1, 2) and cex["sigma"] == (2, 1)
    assert cex["Rayleigh quotient (exact)"] == 5 > cex["2 sigma_1"] and cex["eta = 1/L_full"] == "1/5"
    uns = full["smallest unstable example"]
    assert uns["ok"] and sp.Rational(uns["eigenvalue of I - eta H"]) < -1


def _float_spectrum(lam_: tuple[int, int], sig_: tuple[int, int]) -> np.ndarray:
    """Eigenvalues of the full Hessian (derived at diagonal layers) at the learned point, in float64: a
    cross-check of the characteristic polynomials solved in learned_spectrum, not a proof."""
    s = [np.sqrt(sig_[i] / lam_[i]) for i in range(2)]
    values = {**{pl.LAMS[i]: lam_[i] for i in range(2)}, **{pl.SIGS[i]: sig_[i] for i in range(2)},
              **{pl.AS[i]: s[i] for i in range(2)}, **{pl.BS[i]: s[i] for i in range(2)}}
    Hn = sp.lambdify(list(values), pl.two_modes()["H"], "numpy")(*values.values())
    return np.linalg.eigvalsh(np.array(Hn, dtype=float))


def test_smallest_counterexample_is_smallest():
    """The derived spectrum agrees with float64 eigenvalues at every instance of height <= 2, and every
    instance before the counterexample (height, then sum, then lexicographic) with sigma_1 > sigma_2 (C2
    with eta > 0 needs it) has its largest eigenvalue at most 2 sigma_1.  Float64 on eigenvalues of size
    <= 10: 1e-9 is far above their rounding; a cross-check, not a proof."""
    order = sorted(((t[0] + 1, t[1] + 1, t[2] + 1, t[3] + 1) for t in np.ndindex(2, 2, 2, 2)),
                   key=lambda v: (sum(v), v))
    before = True
    for tup in order:
        lam_, sig_ = tup[:2], tup[2:]
        values = {pl.LAMS[0]: lam_[0], pl.LAMS[1]: lam_[1], pl.SIGS[0]: sig_[0], pl.SIGS[1]: sig_[1]}
        top = _float_spectrum(lam_, sig_).max()
        assert abs(top - max(float(r.xreplace(values)) for r in pl.learned_spectrum())) < 1e-9, tup
        before = before and tup != (1, 2, 2, 1)
        if before and sig_[0] > sig_[1]:
            assert top <= 2 * sig_[0] + 1e-9, tup
    assert abs(_float_spectrum((1, 2), (2, 1)).max() - 5) < 1e-9


def test_lemmas():
    assert pl.covariance_lemma() and pl.isometry_lemma() and pl.mode_loss()["separable"]


def test_conditions_hold_and_are_classified():
    r = pl.check_step_conditions()
    assert r.verdict is H and r.evidence.scope == "general"
    kinds = r.evidence.details["kinds of Cor. 3's conditions"]
    assert kinds["Cor. 3, C1"].startswith("Lipschitz")
    assert kinds["Cor. 3, C2"].startswith("eigen-gap") and kinds["Cor. 3, C3"].startswith("eigen-gap")
    assert len(r.evidence.details["horizon (free symbols; z3 where a horizon symbol occurs)"]) >= 8


def _replace(k: int, new):
    def conds(e, s1, si, sn):
        out = conditions_printed(e, s1, si, sn)
        out[k] = new(e, s1, si, sn)
        return out
    return conds


def test_a_condition_that_is_no_eigen_gap_bound_fails():
    r = pl.check_step_conditions(_replace(1, lambda e, s1, si, sn: e * si**2 < 2 * si))
    assert r.verdict is FA and r.evidence.counterexample["bound on eta"] != 0


def test_a_condition_on_the_horizon_fails():
    r = pl.check_step_conditions(_replace(2, lambda e, s1, si, sn: 2 * e * sn**2 * (1 + t) < si - sn))
    assert r.verdict is FA and "depends on the horizon" in r.evidence.notes
    hyp = pl.check_step_conditions(hypotheses={"a hypothesis in the horizon": eta * t < 1})
    assert hyp.verdict is FA


def test_a_missing_lipschitz_condition_fails_and_a_nonlinear_one_is_undecided():
    no_lip = pl.check_step_conditions(_replace(0, lambda e, s1, si, sn: e * si**2 < 2 * (si - sn)))
    assert no_lip.verdict is FA and no_lip.evidence.counterexample["missing kind"] == ["Lipschitz"]
    nonlinear = pl.check_step_conditions(_replace(2, lambda e, s1, si, sn: e**2 * sn**2 < si - sn))
    assert nonlinear.verdict is IN


def test_a_users_wrong_formula_through_the_runner():
    run = run_claim(by_id("sec32.lipschitz"), formula=eta * sigma < 1)
    assert run.verdict is FA
