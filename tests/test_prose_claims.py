"""The prose claims of paper 1 (issue #12): each check on the printed statement, and fed a wrong (or, for a
refuted statement, a right) one, so that every check is seen to decide both ways."""

from __future__ import annotations

from fractions import Fraction as F

import pytest
import sympy as sp

from symdln.checks import prose_continuous as pc
from symdln.checks import prose_corollaries as pk
from symdln.checks import prose_discrete as pd
from symdln.checks import prose_model as pm
from symdln.checks import prose_rrr as pr
from symdln.claims import paper1_prose
from symdln.runner import run_claim
from symdln.verdict import Verdict

H, FA, IN, NC = Verdict.HOLDS, Verdict.FAILS, Verdict.INCONCLUSIVE, Verdict.NOT_CHECKABLE
HC = Verdict.HOLDS_AFTER_CORRECTION

#: the verdict of each prose claim as printed; hedged statements are never FAILS
EXPECTED = {
    "abstract.rrr": FA, "contrib.rrr": FA, "intro.hierarchy": H, "contrib.generalization": IN,
    "eq1.model": H, "sec2.hidden": FA, "sec3.euler": H, "sec31.nonconvex": H, "thm1.general": H,
    "assump1.saxe_example": H, "fn2.rescaling": H, "sec31.perturb_ref": FA, "thm1.ranks": H,
    "thm1.sketch_bounded": IN, "thm1.only_if": H, "thm1.autoencoder_init": H, "sec31.transition_growth": H,
    "sec31.zero_stationary": H, "cor1.nuclear_steps": FA, "cor1.any_norm": FA, "thm2.rank": HC,
    "sec32.horizon": H, "sec32.lipschitz": H, "eq21.simultaneous": H,
    "sketch.nonconvex": IN, "sketch.linear": H,
    "sketch.expect": IN, "sec32.recall_init": H, "cor3.gaps_defined": H, "cor3.gap_intuition": IN,
    "sec42.dimensions": FA,
}
#: hedged, or transcription-doubtful (sketch.nonconvex): never FAILS
HEDGED = {"sketch.expect", "cor3.gap_intuition", "contrib.generalization", "sketch.nonconvex"}
#: FAILS from a misprint: the notes say so
MISPRINTS = {"sec2.hidden", "sec31.perturb_ref", "sec42.dimensions"}


def paper1_prose_claim(cid):
    return next(c for c in paper1_prose.CLAIMS if c.id == cid)


def test_every_prose_claim_has_an_expected_verdict():
    assert set(EXPECTED) == {c.id for c in paper1_prose.CLAIMS}


@pytest.mark.parametrize("claim", paper1_prose.CLAIMS, ids=lambda c: c.id)
def test_prose_claim_verdict(claim):
    run = run_claim(claim)
    assert run.verdict is EXPECTED[claim.id]
    for cr in run.checks:
        r = cr.result
        assert r is not None, cr.error
        if r.verdict is FA:
            assert r.evidence.counterexample
        if r.verdict is H:
            assert r.evidence.scope in ("instances", "general")
    if claim.id in HEDGED:
        assert run.verdict is not FA
    if claim.id in MISPRINTS:
        assert all("misprint" in cr.result.evidence.notes for cr in run.checks if cr.result.verdict is FA)


# --- the abstract, the contributions, the introduction


def test_abstract_rrr_counterexample_is_inside_the_papers_hypotheses():
    r = pr.check_rrr_path()
    cx = r.evidence.counterexample
    assert r.verdict is FA and cx["dynamics"] == "discrete" and cx["Cor. 3's conditions"] == "hold (exact)"
    assert cx["limit of U^T W_1 W_2 V (diagonal)"] == ["1/2", "0"] and cx["claimed (diagonal)"] == ["0", "2"]
    assert F(cx["f - |Y|^2/2n at the limit"]) > F(cx["least f - |Y|^2/2n over rank <= k"])


def test_rrr_path_holds_for_the_sigma_ordered_matrices():
    """Negative direction: the true statement (the k largest sigma_i are learned) holds on both dynamics."""
    assert pr.check_rrr_path(pr.sigma_order_target, ("discrete", "continuous")).verdict is H


def test_rrr_path_fails_for_a_wrong_target():
    def none_learned(sg, lm, k):
        return [F(0)] * len(sg)

    assert pr.check_rrr_path(none_learned, ("continuous",)).verdict is FA


def test_contribution_refuted_on_both_dynamics():
    r = pr.check_contribution()
    assert r.verdict is FA and r.evidence.details["dynamics refuted"] == ["continuous", "discrete"]
    assert "Cor. 3 states (26)" in r.evidence.notes


def test_linear_simultaneous_and_a_sequential_claim_fails():
    r = pr.check_linear_simultaneous()
    assert r.verdict is H and r.evidence.notes.startswith("read in rescaled time")
    assert "set by lambda_i" in r.evidence.notes
    r = pr.check_linear_simultaneous(lambda tau: "sigma/lambda" if tau > 5 else "0")
    assert r.verdict is FA and r.evidence.counterexample["certified limit"] == "sigma/lambda"


def test_linear_rescaled_limit_undecided_outside_the_step_size_domain():
    assert pr.linear_rescaled_limit(F(1), F(1), F(3), F(1)) is None  # eta lambda = 3: |1 - eta lambda| = 2
    assert pr.linear_rescaled_limit(F(1, 2), F(0), F(0), F(1))[0] == "0"  # a null mode


def test_hierarchy_swapped_fails():
    assert pr.check_hierarchy().verdict is H
    r = pr.check_hierarchy(lambda: {"two-layer": "simultaneous", "linear": "sequential"})
    assert r.verdict is FA and set(r.evidence.counterexample) == {"two-layer", "linear"}


def test_generalization_states_every_reading():
    r = pm.check_generalization(every=1000)
    assert r.verdict is IN
    assert len(r.evidence.details) == 4 and "(28): ||W - B D B^T||_F" in r.evidence.details
    assert "denoising" in r.evidence.notes


# --- Sec. 2


def test_prediction_and_a_reversed_product():
    assert pm.check_prediction().verdict is H
    r = pm.check_prediction(lambda Ws, x: pm._hidden_printed(Ws, x, len(Ws)))
    assert r.verdict is FA and "undefined" in r.evidence.counterexample["error"]


def test_hidden_layer_printed_fails_and_the_transposed_holds():
    r = pm.check_hidden_layer()
    assert r.verdict is FA and r.evidence.counterexample["l"] == 1
    assert r.evidence.notes.startswith("a misprint, not a mathematical error: the transposes are missing")
    assert pm.check_hidden_layer(lambda Ws, x, l: pm._prediction_printed(Ws[:l], x)).verdict is H


def test_hidden_layer_with_equal_widths_is_compared_entrywise():
    """W_l ... W_1 x without transposes on square layers: defined, and still wrong."""
    def untransposed_square(Ws, x, l):
        if any(W.shape[0] != W.shape[1] for W in Ws):
            return pm._prediction_printed(Ws[:l], x)
        return pm._hidden_printed(Ws, x, l)

    r = pm.check_hidden_layer(untransposed_square)
    assert r.verdict is FA and r.evidence.counterexample["widths (d, r_1, r_2, p)"] == (2, 2, 2, 2)


def test_experiment_dimensions():
    r = pm.check_experiment_dimensions()
    assert r.verdict is FA and r.evidence.counterexample["index pairs in the printed ranges"] == 10**6
    assert r.evidence.notes.startswith("a misprint of the index ranges")
    assert pm.check_experiment_dimensions(lambda: {"k": ("1", "d"), "l": ("1", "r")}).verdict is H


# --- Sec. 3 and 3.1


def test_euler_and_a_wrong_flow():
    from symdln.continuous import flow_12_L2

    assert pd.check_euler().verdict is H

    def doubled(W1, W2, Sx, Sxy):
        a, b = flow_12_L2(W1, W2, Sx, Sxy)
        return 2 * a, b

    assert pd.check_euler(doubled).verdict is FA


def test_nonconvex_for_deep_and_convex_for_linear():
    assert pc.check_nonconvex(2).verdict is H and pc.check_nonconvex(4).verdict is H
    r = pc.check_nonconvex(1)
    assert r.verdict is FA and r.evidence.counterexample["positive semidefinite"] is True


def test_weaker_assumption_and_a_false_implication():
    r = pc.check_weaker_assumption()
    assert r.verdict is H and r.evidence.notes.startswith("scope: the assumption is weaker")
    assert "only with Q orthogonal (thm1.form" in r.evidence.notes
    assert "proved for Q orthogonal (thm1.perturbation)" in r.evidence.notes
    r = pc.check_weaker_assumption(assumption=lambda Sx, Sxy: Sxy.is_zero_matrix)
    assert r.verdict is FA and r.evidence.counterexample["baseline"] is True
    # an assumption equivalent to the baseline is not weaker
    assert pc.check_weaker_assumption(assumption=lambda Sx, Sxy: pc.sigma_x_scalar(Sx)).verdict is IN


def test_saxe_example_bound_and_a_too_small_bound():
    assert pc.check_saxe_example().verdict is H
    r = pc.check_saxe_example(lambda Sx: pc._saxe_bound_printed(Sx) / 4)
    assert r.verdict is FA


@pytest.mark.parametrize("exps, verdict", [
    ((F(1, 4), F(1, 2), F(-1, 2)), H),
    ((F(1, 2), F(1, 2), F(-1, 2)), FA),   # layers scaled too much
    ((F(1, 4), F(1), F(-1, 2)), FA),      # time scaled too much
    ((F(1, 4), F(1, 2), F(1, 2)), FA),    # Sigma_xy scaled the wrong way
])
def test_footnote_rescaling(exps, verdict):
    assert pc.check_rescaling(*exps).verdict is verdict


def test_perturbation_reference():
    r = pc.check_perturbation_reference()
    assert r.verdict is FA and r.evidence.counterexample["residual at t = 0"] == "-3/8"
    assert r.evidence.notes.startswith("a misprint of the equation number, not a mathematical error: (8) for "
                                       "(12)")
    assert pc.check_perturbation_reference(12).verdict is H
    assert pc.check_perturbation_reference(7).verdict is NC


@pytest.mark.parametrize("relation, verdict", [(sp.Le, H), (sp.Eq, FA), (sp.Ge, FA), (sp.Lt, FA)])
def test_ranks(relation, verdict):
    assert pc.check_ranks(relation).verdict is verdict


def test_bounded_over_t_away_from_zero_only():
    assert pc.check_bounded_over_t().verdict is H
    assert pc.check_bounded_over_t(F(1, 100)).verdict is H
    assert pc.check_bounded_over_t(0).verdict is FA
    assert pc.check_lemma4_step().verdict is NC


def test_layers_bounded_for_every_eps_and_a_flow_without_the_invariant():
    from symdln.continuous import flow_12_L2

    r = pc.check_bounded_eps_positive()
    assert r.verdict is H and r.evidence.scope == "general" and all(r.evidence.details.values())

    def doubled(W1, W2, Sx, Sxy):
        a, b = flow_12_L2(W1, W2, Sx, Sxy)
        return 2 * a, b

    r = pc.check_bounded_eps_positive(doubled)
    assert r.verdict is IN and "refutes nothing" in r.evidence.notes
    assert not r.evidence.details["(a) d/dt (W_1^T W_1 - W_2 W_2^T) = 0, (d, r, p) = (2, 2, 2)"]


def test_sketch_bounded_not_checkable_only_for_lemma4():
    run = run_claim(paper1_prose_claim("thm1.sketch_bounded"))
    verdicts = {cr.check.name: cr.result.verdict for cr in run.checks}
    assert verdicts == {"eps0": H, "eps>0": H, "Lemma 4": NC} and run.verdict is IN


def test_only_if_and_an_unnecessary_condition():
    r = pc.check_only_if()
    assert r.verdict is H and r.evidence.scope == "general"
    # "W_1(0) = W_2(0)^T" is not necessary: Thm. 1 holds with U != V
    assert pc.check_only_if(lambda W1, W2, U, V: W1 == W2.T).verdict is FA


def test_autoencoder_init_and_an_unbalanced_one():
    assert pc.check_autoencoder_init().verdict is H
    def unbalanced(d, delta):
        return sp.exp(-delta) * sp.eye(d), 2 * sp.exp(-delta) * sp.eye(d)

    assert pc.check_autoencoder_init(unbalanced).verdict is FA


def test_transition_growth():
    assert pc.check_transition_growth().verdict is H
    assert pc.check_transition_growth(2).verdict is FA
    assert pc.check_transition_growth(F(1, 2)).verdict is FA


def test_zero_stationary_for_deep_not_for_linear():
    assert pc.check_zero_stationary(2).verdict is H
    r = pc.check_zero_stationary(1)
    assert r.verdict is FA and r.evidence.counterexample["nonzero partial derivatives"]


# --- the remarks around Cor. 1


def test_nuclear_steps():
    r = pk.check_nuclear_steps()
    assert r.verdict is FA and F(r.evidence.counterexample["limit of the nuclear norm"]).denominator != 1
    assert pk.check_nuclear_steps(lambda v: v >= 0).verdict is H


def test_any_norm_fails_for_the_spectral_norm_only():
    r = pk.check_any_norm()
    assert r.verdict is FA and r.evidence.counterexample["norm"] == "spectral (operator 2-norm)"
    schatten = [n for n in pk.NORMS if not n.startswith("spectral")]
    assert pk.check_any_norm(schatten).verdict is H


def test_limit_rank_with_the_printed_and_the_corrected_transition_times():
    from symdln.notation import sigma

    r = pk.judge_limit_rank(1 / sigma)  # Thm. 2's printed T_k = 1/sigma_k
    cx = r.evidence.counterexample
    assert r.verdict is FA and cx["sigma"] == ["1", "9/10", "4/5"]
    assert cx["window (T_k, T_k+1)"] == ("1", "10/9")
    assert F(1) < F(cx["t"]) < F(10, 9) and cx["rank of the limit"] == 3 and cx["claimed"] == 1
    r = pk.judge_limit_rank(1 / (2 * sigma))
    assert r.verdict is H and r.evidence.scope == "general"
    assert r.evidence.details["tie sigma = (1, 1/2, 1/2)"]["after transition 2"] == 3
    assert pk.judge_limit_rank(1 / (2 * sigma), lambda k: k + 1).verdict is FA
    assert pk.judge_limit_rank(1 / (3 * sigma)).verdict is FA


def test_limit_rank_claim_holds_after_correction():
    from symdln.correction import FormulaError
    from symdln.notation import sigma, t

    run = run_claim(paper1_prose_claim("thm2.rank"))
    e = run.checks[0].result.evidence
    assert run.verdict is HC and e.corrected_statement.startswith("1/(2*sigma)")
    assert e.counterexample["window (T_k, T_k+1)"] == ("1", "10/9")
    assert run_claim(paper1_prose_claim("thm2.rank"), formula=1 / (2 * sigma)).verdict is H
    with pytest.raises(FormulaError):
        pk.judge_limit_rank(t / sigma)


# --- Sec. 3.2


def test_horizon():
    assert pd.check_horizon().verdict is H
    r = pd.check_horizon(lambda: True)
    assert r.verdict is FA and r.evidence.counterexample["distance ->"] == "1"


def test_inverse_is_convex_below_and_concave_above_the_fixed_point():
    r = pd.check_inverse_shape()
    shape, pts = r.evidence.details["the function under test"], r.evidence.details["points"]
    assert r.verdict is IN and r.evidence.counterexample["second derivative"] == "12*exp(-2*t)"
    assert shape["w_0 < sigma/lambda"]["shape"] == "convex (proved)"
    assert shape["w_0 > sigma/lambda"]["shape"] == "concave, not convex (proved)"
    above = pts["w_0 > sigma/lambda"]  # inside Thm. 3's 0 < w_0 < 1
    assert above["w_0"] == "3/4" and above["0 < w_0 < 1"] and above["second derivative"] == "-8*exp(-2*t)/3"
    assert "as transcribed; the exponent may be a transcription slip" in r.evidence.notes.lower()


def test_inverse_shape_decides_both_ways():
    concave = pd.check_inverse_shape(lambda w, w0, s, l: -((1 / w - l / s) ** 2))
    assert concave.verdict is H and concave.evidence.scope == "general"
    convex = pd.check_inverse_shape(lambda w, w0, s, l: (1 / w - l / s) ** 2, transcription_doubtful=False)
    assert convex.verdict is FA and convex.evidence.counterexample["w_0"] == "1/4"
    assert pd.check_inverse_shape(lambda w, w0, s, l: (1 / w - l / s) ** 2).verdict is IN
    sol = pd.check_inverse_shape(lambda w, w0, s, l: w)  # w itself: non-convex below, convex above
    assert sol.verdict is IN
    assert sol.evidence.details["the function under test"]["w_0 > sigma/lambda"]["shape"] == "convex (proved)"


def test_linear_convergence_and_the_printed_expectation():
    assert pd.check_linear_convergence().verdict is H
    r = pd.check_linear_convergence(pd._transform_printed_expectation)
    assert r.verdict is FA and r.evidence.counterexample["limit of the sequence"] == "3/2"


def test_expectation_is_hedged_not_failed():
    r = pd.check_expectation()
    assert r.verdict is IN and r.evidence.counterexample is not None and "hedged" in r.evidence.notes
    assert pd.check_expectation(pd._transform_right).verdict is H


def test_recall_init_against_the_factors_read_off_the_layers():
    r = pd.check_recall_init()
    assert r.verdict is H and r.evidence.details["m_i^(0) read off W_1(0)"] == ["exp(-delta)", "exp(-delta)"]
    r = pd.check_recall_init(lambda delta: sp.exp(-2 * delta))  # the product's value, not the factors'
    assert r.verdict is FA
    assert r.evidence.counterexample["m_1^(0) (from (15), (16) at t = 0)"] == "exp(-delta)"
    assert pd.check_recall_init(lambda delta: sp.exp(-delta / 2)).verdict is FA


def test_gaps_defined_and_an_undefined_quantity():
    r = pd.check_gaps_defined()
    assert r.verdict is H and "sigma_{r_xy} > 0 (Assump. 1) suffices" in r.evidence.notes
    assert r.evidence.details["Assump. 1 (sigma_1 >= ... > 0) implies sigma_i > sigma_{i+1} (z3)"] != "proved"
    assert r.evidence.details["Cor. 3's C2 with eta > 0 implies sigma_i > sigma_{i+1} (z3)"] == "proved"
    assert pd.check_gaps_defined(lambda a, b: [1 / (a - b)]).verdict is FA


def test_gap_intuition_hedged_and_unhedged():
    r = pd.check_gap_intuition()
    cx = r.evidence.counterexample
    assert r.verdict is IN and cx["C2"] is False and cx["C3"] is False and cx["C1 (2 eta sigma_i < 1)"]
    assert pd.check_gap_intuition(hedged=False).verdict is FA
    assert pd.check_gap_intuition(lambda a, b: a > b).verdict is H
