"""Claims of paper 1 stated in prose: the abstract, the contributions, remarks after the theorems and
corollaries, and the proof sketches (issue #12; the inventory of every sentence is
:mod:`symdln.claims.sentences`, rendered in ``docs/coverage.md``).

Each statement is judged at the strength it is printed: a hedged expectation, an intuition or a
statement whose transcription is doubtful is never ``FAILS`` (a refuted one is ``INCONCLUSIVE`` with its
counterexample), and a claim about the discrete dynamics is judged on the discrete dynamics.  A ``FAILS``
that comes from a misprint (a missing transpose, a wrong equation number or index range) says so in its
notes.  Importing this module builds frozen records only; the
checks are imported when they run.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import sympy as sp

from symdln.claims.record import Check, Claim
from symdln.correction import Correction
from symdln.notation import delta, eta, lam, sigma, t
from symdln.verdict import CheckResult

__all__ = ["CLAIMS"]


def _lazy(module: str, name: str, *args: Any, **kwargs: Any) -> Callable[[], CheckResult]:
    """A check function imported on first call (keeps importing the registry cheap)."""

    def run() -> CheckResult:
        import importlib

        return getattr(importlib.import_module(f"symdln.checks.{module}"), name)(*args, **kwargs)

    run.__name__ = name
    run.__qualname__ = name
    return run


def _judge(module: str, name: str) -> Callable[[sp.Basic], CheckResult]:
    """A judging check function (takes the formula under test) imported on first call."""

    def judge(formula: sp.Basic) -> CheckResult:
        import importlib

        return getattr(importlib.import_module(f"symdln.checks.{module}"), name)(formula)

    judge.__name__ = name
    judge.__qualname__ = name
    return judge


_DISCRETE_SETTING = ("Assump. 1 with eps = 0, distinct sigma_i, Thm. 1's initialisation with delta_i = "
                     "delta (m_i = n_i = e^{-delta}), Cor. 3's step-size conditions; time rescaled t -> "
                     "delta t, delta -> infinity")

CLAIMS: tuple[Claim, ...] = (
    # --- the abstract, the introduction and the contributions
    Claim(
        id="abstract.rrr",
        paper="paper1",
        where="Abstract (also Sec. 1, third paragraph, and Sec. 5)",
        statement="Using a time rescaling, we show that, with a vanishing initialization and a small "
                  "enough step size, this [discrete gradient] dynamics sequentially learns the solutions "
                  "of a reduced-rank regression with a gradually increasing rank.",
        domain="the two-layer linear network with the least-squares loss, discrete "
               "gradient dynamics (5); read under the paper's own hypotheses: " + _DISCRETE_SETTING,
        checks=(Check("path", _lazy("prose_rrr", "check_rrr_path"),
                      "certified limits of the product recursion in every window between transitions "
                      "against the rank-k minimum-norm solutions of (4) (exhaustive exact losses), on "
                      "spectra inside Cor. 3's conditions"),),
        uses=("cor3.limits", "eq25.times", "cor2.rrr"),
    ),
    Claim(
        id="contrib.rrr",
        paper="paper1",
        where="Sec. 1, contributions, first item",
        statement="Under some assumptions (see Assumption 1), we prove that both the discrete and "
                  "continuous gradient dynamics sequentially learn the solutions of a gradually less "
                  "regularized version of reduced-rank regression (Corollary 2 and 3).",
        domain=_DISCRETE_SETTING + "; for the flow, Thm. 1's initialisation (w_i(0) = e^{-2 delta})",
        checks=(Check("path", _lazy("prose_rrr", "check_contribution"),
                      "both dynamics: certified (discrete) and exact (continuous) limits in every "
                      "window against the rank-k minimum-norm solutions of (4); the cross-reference to "
                      "Cor. 3 examined"),),
        uses=("abstract.rrr", "cor2.rrr", "cor3.limits"),
    ),
    Claim(
        id="intro.hierarchy",
        paper="paper1",
        where="Sec. 1, third paragraph",
        statement="with a vanishing initialization and a small enough step-size, the gradient dynamics of "
                  "a two-layer linear neural network sequentially learns components that can be ranked "
                  "according to a hierarchical structure whereas the gradient dynamics induced by the "
                  "same regression problem but with a linear prediction model instead learns these "
                  "components simultaneously",
        domain=_DISCRETE_SETTING + "; the linear model (21) from W_0 = e^{-delta} I_d, 0 < eta lambda_i < 2",
        checks=(Check("rescaled", _lazy("prose_rrr", "check_hierarchy"),
                      "certified rescaled-time limits of both discrete models: learned modes per "
                      "window (two layers), every mode at every tau > 0 (L = 1)"),),
        uses=("eq21.simultaneous", "eq25.times", "cor3.limits"),
    ),
    Claim(
        id="contrib.generalization",
        paper="paper1",
        where="Sec. 1, contributions, second item",
        statement="We experimentally verify the reasonableness of our assumption and observe improvements "
                  "in terms of generalization (matrix reconstruction in our case) using the gradient "
                  "dynamics of the two-layer linear network when compared against the linear model.",
        domain="the Sec. 4.2 autoencoder (p = d = 20, n = 1000, r = 5); eta, delta, the seed and the "
               "horizon are not printed; the first half (the assumption) is judged by table1.values and "
               "table1.orders",
        checks=(Check("readings", _lazy("prose_model", "check_generalization"),
                      "the checker's run of both models and the rescaled-time limits, on (28) as "
                      "printed, the training and test reconstruction errors and the denoising error"),),
        uses=("table1.orders", "sec42.eq28", "sec42.steps", "eq21.simultaneous"),
    ),
    # --- Sec. 2
    Claim(
        id="eq1.model",
        paper="paper1",
        where="Sec. 2, (1) with (2) and (3); 'this deep linear network cannot represent more than a linear "
              "transformation'",
        statement=r"\hat y(x) := W_L^T ... W_1^T x, where W_1, ..., W_L are learned through (2), "
                  r"f = 1/(2n) ||Y - X W_1 ... W_L||^2, X^T = (x_1 ... x_n)",
        domain="W_l in R^{r_{l-1} x r_l}, r_0 = d, r_L = p, any L",
        checks=(Check("fitted", _lazy("prose_model", "check_prediction"),
                      "the prediction of (1) for x_i against row i of X W_1 ... W_L, symbolic layers "
                      "of distinct widths, L = 2, 3"),),
    ),
    Claim(
        id="sec2.hidden",
        paper="paper1",
        where="Sec. 2, after (3)",
        statement=r"The deep linear model (1) is a L-layer deep linear neural network where we see "
                  r"h_l := W_l ... W_1 x for 1 <= l <= L - 1 as the l-th hidden layer.",
        domain="W_l in R^{r_{l-1} x r_l}, r_0 = d, r_L = p",
        checks=(Check("shape", _lazy("prose_model", "check_hidden_layer"),
                      "the printed h_l against the value after the first l maps of (1), symbolic layers of "
                      "distinct and of equal widths"),),
        uses=("eq1.model",),
    ),
    # --- Sec. 3 and 3.1
    Claim(
        id="sec3.euler",
        paper="paper1",
        where="Sec. 3, after (6)",
        statement="Note that there is no step-size in the continuous time dynamics since it actually "
                  "corresponds to the limit of (5) when eta -> 0.",
        domain="L = 2; time t = eta k",
        checks=(Check("euler", _lazy("prose_discrete", "check_euler"),
                      "(W^(k+1) - W^(k))/eta against the right-hand side of (12), symbolic entries, two "
                      "shapes"),),
        uses=("sec32.step", "eq12.flow"),
    ),
    Claim(
        id="sec31.nonconvex",
        paper="paper1",
        where="Sec. 3.1, 'Deep linear network: L >= 2' (also Sec. 1.1 and Sec. 5)",
        statement="for L >= 2, the landscape of the objective function f is non-convex",
        domain="f of (2), X != 0",
        checks=(Check("hessian", _lazy("prose_continuous", "check_nonconvex"),
                      "an exact midpoint witness; the determinant of the Hessian along a two-layer "
                      "direction, symbolic"),),
    ),
    Claim(
        id="thm1.general",
        paper="paper1",
        where="Sec. 3.1, before Assump. 1 and after Thm. 1 (also Sec. 1 and Sec. 1.1)",
        statement="More precisely, we do not require the covariance matrix Sigma_x to be the identity "
                  "matrix. ... This result is more general than the one provided by Saxe et al. [2018] "
                  "because it requires a weaker assumption than Sigma_x = I_d and eps = 0.",
        domain="Assump. 1 against Saxe et al.'s Sigma_x = I_d (c I_d by footnote 2)",
        checks=(Check("implication", _lazy("prose_continuous", "check_weaker_assumption"),
                      "Sigma_x = c I implies Assump. 1 with B = 0 (symbolic rotation); exact "
                      "instances, one with Assump. 1 and Sigma_x not a multiple of I"),),
        uses=("assump1.commute", "thm1.form", "thm1.perturbation"),
    ),
    Claim(
        id="assump1.saxe_example",
        paper="paper1",
        where="Sec. 3.1, third example after Assump. 1 ('Minimal influence of perceptual correlation')",
        statement="we describe some motivating examples where the quantity eps is small or zero: ... "
                  "Minimal influence of perceptual correlation: Sigma_x ~ I_d.",
        domain="Assump. 1; eps the least ||B|| over the admissible U",
        checks=(Check("bound", _lazy("prose_continuous", "check_saxe_example"),
                      "least ||B|| against min_c ||Sigma_x - c I||_F on exact instances; Delta_xy <= 2 "
                      "Delta_x"),),
        uses=("eq27.delta_xy", "eq27.delta_x"),
    ),
    Claim(
        id="fn2.rescaling",
        paper="paper1",
        where="Sec. 3.1, footnote 2",
        statement="By a rescaling of the data, their proof is valid for any matrix Sigma_x proportional "
                  "to the identity matrix.",
        domain="L = 2, the flow (12), Sigma_x = c I_d, c > 0",
        checks=(Check("rescale", _lazy("prose_continuous", "check_rescaling"),
                      "the flow with Sigma_x = c I against the flow with Sigma_x = I in V_l = c^(1/4) W_l, "
                      "tau = sqrt(c) t, Sigma_xy/sqrt(c): exact polynomial identity"),),
        uses=("eq12.flow",),
    ),
    Claim(
        id="sec31.perturb_ref",
        paper="paper1",
        where="Sec. 3.1, 'An explicit solution for L = 2', before Thm. 1",
        statement="one can solve the matrix differential equation for eps = 0 and then use perturbation "
                  "analysis to assess how close the solution of (8) is to the closed form solution "
                  "derived for eps = 0",
        domain="Assump. 1, Thm. 1's initialisation",
        checks=(Check("reference", _lazy("prose_continuous", "check_perturbation_reference"),
                      "the closed form (16) substituted into the mode ODE of the referenced equation at "
                      "eps = 0"),),
        uses=("thm1.form", "eq16.active"),
    ),
    Claim(
        id="thm1.ranks",
        paper="paper1",
        where="Sec. 3.1, Thm. 1, after (16)",
        statement=r"Note that rank(Sigma_xy) := r_xy <= rank(Sigma_x) := r_x.",
        domain="Sigma_x = X^T X/n, Sigma_xy = X^T Y/n, any data",
        checks=(Check("ranks", _lazy("prose_continuous", "check_ranks"),
                      "exact ranks on rational data, the proof's two steps (ker X^T X = ker X, range "
                      "inclusion) verified on each"),),
    ),
    Claim(
        id="thm1.sketch_bounded",
        paper="paper1",
        where="Sec. 3.1, proof sketch of Thm. 1",
        statement="The proof can be sketched in three parts: first showing the result for eps = 0, then "
                  "showing that in the case eps > 0, the matrices W_1(t)/t and W_2(t)/t are bounded and "
                  "finally use Lemma 4 to get the perturbation bound.",
        domain="Assump. 1, Thm. 1's initialisation, L = 2; 'bounded' read on t >= t_min > 0; Lemma 4 and its "
               "use are in App. B.2 (not available)",
        checks=(Check("eps0", _lazy("prose_continuous", "check_bounded_over_t"),
                      "eps = 0: the modes of (16) stay between w_i(0) and sigma_i/lambda_i (SymPy), so "
                      "W_l(t)/t is bounded on t >= 1"),
                Check("eps>0", _lazy("prose_continuous", "check_bounded_eps_positive"),
                      "every eps: W_1^T W_1 - W_2 W_2^T conserved along (12) for any Sigma_x, (12) the "
                      "gradient flow of (2), the ker X part of W_1 constant (SymPy, exact); with the "
                      "decreasing loss the layers are bounded"),
                Check("Lemma 4", _lazy("prose_continuous", "check_lemma4_step"),
                      "the perturbation bound from Lemma 4: App. B.2, not available")),
        uses=("thm1.form", "eq16.active", "thm1.perturbation"),
    ),
    Claim(
        id="thm1.only_if",
        paper="paper1",
        where="Sec. 3.1, after Thm. 1",
        statement="Note that Thm. 1 is only valid if the initialization W_1(0)W_2(0) has the same "
                  "singular vectors as Sigma_xy.",
        domain="Assump. 1 with eps = 0",
        checks=(Check("necessary", _lazy("prose_continuous", "check_only_if"),
                      "the value of (15) at t = 0 for a symbolic invertible Q; exact starts with "
                      "orthogonal Q; an aligned unbalanced start for sufficiency"),),
        uses=("thm1.form",),
    ),
    Claim(
        id="thm1.autoencoder_init",
        paper="paper1",
        where="Sec. 3.1, after Thm. 1",
        statement="For instance, in the case of the linear autoencoder, one can set W_1(0) = W_2(0) = "
                  "e^{-delta} I_d.",
        domain="Y = X (Sigma_xy = Sigma_x), L = 2, delta_i = delta",
        checks=(Check("form", _lazy("prose_continuous", "check_autoencoder_init"),
                      "the Q that Thm. 1's form forces, and W_2(0) against Q^-1 e^-delta V^T, symbolic "
                      "delta and eigenbasis"),),
        uses=("thm1.form", "eq14.autoencoder"),
    ),
    Claim(
        id="sec31.transition_growth",
        paper="paper1",
        where="Sec. 3.1, after (17)",
        statement="The intuition is that a vanishing initialization increases the gap between the phase "
                  "transition times T_i and thus tends to separate the learning of each components. "
                  "However, a vanishing initialization just formally leads to T_i -> oo. ... Since T_i "
                  "grows as fast as delta_i we need to multiply the time by delta_i",
        domain="the modes of (16) from w_i(0) = e^{-2 delta_i}, delta_i -> infinity",
        checks=(Check("limits", _lazy("prose_continuous", "check_transition_growth"),
                      "the half-rise time derived from the mode of (16): limits of T/delta, of the "
                      "gaps, and the width of each rise, SymPy"),),
        uses=("eq16.active", "eq17.saxe"),
    ),
    Claim(
        id="sec31.zero_stationary",
        paper="paper1",
        where="Sec. 3.1, after Thm. 2",
        statement="However one cannot consider an initialization with the null matrix since it is a "
                  "stationary point of the dynamics",
        domain="L = 2 (the two-layer network); the flow (12) and the steps (5)",
        checks=(Check("gradient", _lazy("prose_continuous", "check_zero_stationary"),
                      "every partial derivative of (2) at W_1 = W_2 = 0, exact data with Sigma_xy != 0"),),
        uses=("eq11.gradient",),
    ),
    Claim(
        id="cor1.nuclear_steps",
        paper="paper1",
        where="Sec. 3.1, before Cor. 1",
        statement=r"This corollary says that ||W_1(delta t) W_2(delta t)||_* is a step function and that "
                  r"each increment of this integer value corresponds to the learning of a new component of "
                  r"X.",
        domain="Thm. 2's setting, Assump. 1 with eps = 0, sigma_1 > ... > sigma_{r_xy} > 0",
        checks=(Check("values", _lazy("prose_corollaries", "check_nuclear_steps"),
                      "exact limits of the nuclear norm between and after the transitions"),),
        uses=("cor1.norm", "thm2.limit", "fig1.integer"),
    ),
    Claim(
        id="cor1.any_norm",
        paper="paper1",
        where="Sec. 3.1, after Cor. 1",
        statement="However, since the rank of W_1(delta t)W_2(delta t) is discontinuously increasing "
                  "after each phase transition, any norm would jump with respect to the rank increments.",
        domain="Thm. 2's setting, Assump. 1 with eps = 0, distinct sigma_i",
        checks=(Check("norms", _lazy("prose_corollaries", "check_any_norm"),
                      "exact limit matrices on both sides of each transition in the nuclear, "
                      "Frobenius, Schatten-3 and spectral norms"),),
        uses=("cor1.norm", "thm2.limit"),
    ),
    Claim(
        id="thm2.rank",
        paper="paper1",
        where="Sec. 3.1, before Fig. 1 and Cor. 2",
        statement="From Thm. 2, we can notice that, between time T_k and T_{k+1}, the rank of the limit "
                  "matrix W_1W_2 is actually equal to k, meaning that at each phase transition, the rank "
                  "of W_1W_2 is increased by 1. Moreover, this matrix product contains the k components "
                  "of X corresponding to the k largest singular values of Sigma_xy.",
        domain="Thm. 2's setting (w_i(0) = e^{-delta}), Assump. 1 with eps = 0, distinct sigma_i (Cor. 1); "
               "T_k the transition times of Thm. 2",
        checks=(Check("rank", None,
                      "the transition times under test define the windows (T_k, T_k+1); the exact limits of "
                      "the modes at rational times inside each window give the rank and the learned modes (a "
                      "tie recorded); general when the times are the derived steps",
                      judge=_judge("prose_corollaries", "judge_limit_rank")),),
        uses=("thm2.limit",),
        formula=1 / sigma,
        correction=Correction(1 / (2 * sigma),
                              context="T_k, the k-th transition time of Thm. 2 at sigma = sigma_k, with Thm. "
                                      "2's w_i(0) = e^{-delta} as printed (thm2.limit's correction)"),
        symbols=(sigma,),
    ),
    # --- Sec. 3.2
    Claim(
        id="sec32.horizon",
        paper="paper1",
        where="Sec. 3.2, 'Why the discrete analysis is challenging'",
        statement="Moreover, using Euler's integration methods, one can show that both dynamics are close "
                  "but only for a vanishing step size depending on a finite horizon. Such dependence on "
                  "the horizon is problematic since the time rescaling used in Thm. 2 would make any "
                  "finite horizon go to infinity.",
        domain="both started at w_i(0) = e^{-2 delta} (Cor. 3); the flow at time eta k against the k-th step",
        checks=(Check("separation", _lazy("prose_discrete", "check_horizon"),
                      "certified rescaled limits of the steps against exact limits of the flow at the same "
                      "times"),),
        uses=("sec3.euler", "eq25.times"),
    ),
    Claim(
        id="sec32.lipschitz",
        paper="paper1",
        where="Sec. 3.2, 'Why the discrete analysis is challenging' (the step-size conditions: "
              "2 eta sigma_i < 1 of Thm. 3, C1 to C3 of Cor. 3)",
        statement="In this section, we consider realistic conditions on the step-size (namely, it has to "
                  "be smaller than the Lipschitz constant and some notion of eigen-gap) without any "
                  "dependence on the horizon.",
        domain="Thm. 3's and Cor. 3's conditions; 'smaller than the Lipschitz constant' read eta < 1/L, L "
               "the supremum of the spectral norm of the Hessian of f restricted to Thm. 3's invariant set "
               "(W_1 = U diag(a) Q, W_2 = Q^T diag(b) V^T, a = b) on the path from 0 to the learned point; "
               "the global and the full-Hessian readings in the notes; 'realistic' not checkable",
        checks=(Check("lipschitz", None,
                      "the condition under test against eta < 1/L, L the per-mode constant derived from the "
                      "Hessian of (2) on the invariant set and certified by z3 for every lambda, sigma > 0; "
                      "no global constant (derived); the full Hessian's smallest counterexample (exact)",
                      judge=_judge("prose_lipschitz", "judge_lipschitz_condition")),
                Check("conditions", _lazy("prose_lipschitz", "check_step_conditions"),
                      "Cor. 3's conditions solved for eta: C1 the Lipschitz one, C2 and C3 relative "
                      "eigen-gap bounds (z3); the conditions of Thm. 3 and Cor. 3 in the registry free of "
                      "the horizon")),
        uses=("cor3.conditions", "thm3.form", "eq24.monotone", "cor3.gaps_defined"),
        formula=2 * eta * sigma < 1,
        symbols=(eta, sigma, lam, t, delta),
    ),
    Claim(
        id="eq21.simultaneous",
        paper="paper1",
        where="Sec. 3.2, after (21)",
        statement="With a vanishing initialization we reach a function that does not sequentially learn "
                  "some components.",
        domain="L = 1, the iterate (21), W_0 = e^{-delta} I_d, 0 < eta lambda_i < 2; time rescaled "
               "t -> delta t",
        checks=(Check("rescaled", _lazy("prose_rrr", "check_linear_simultaneous"),
                      "the closed form of a mode verified against the update; the rescaled limit by an "
                      "explicit bound, its rate certified in Arb"),),
        uses=("eq21.closed_form", "eq21.limit"),
    ),
    Claim(
        id="sketch.nonconvex",
        paper="paper1",
        where="Sec. 3.2, proof sketch of Thm. 3, first sentence",
        statement="The solution of the continuous dynamics lets us think directly studying the sequence "
                  "w_i^(t) might be quite challenging since the solution of the continuous dynamics "
                  "w_i(t)^{-1} has a nonlinear and non-convex behavior.",
        domain="the mode of (16) from w_i(0) = w_0, Thm. 3's 0 < w_0 < 1: both sides of sigma_i/lambda_i "
               "(above it when lambda_i > sigma_i); as transcribed, w_i(t)^{-1} (the exponent may be a "
               "transcription slip)",
        checks=(Check("shape", _lazy("prose_discrete", "check_inverse_shape"),
                      "the second derivative in t of 1/w(t) on each side of sigma/lambda, sign decided "
                      "symbolically; w(t) itself recorded"),),
        uses=("eq16.active",),
    ),
    Claim(
        id="sketch.linear",
        paper="paper1",
        where="Sec. 3.2, proof sketch of Thm. 3",
        statement="The main insight from this proof is that one can treat the discrete case using the "
                  "right transformation, to show that some sequence does converge linearly.",
        domain="Thm. 3's hypotheses with 0 < w_i^(0) < sigma_i/lambda_i, 2 eta sigma_i < 1",
        checks=(Check("rate", _lazy("prose_discrete", "check_linear_convergence"),
                      "the ratio of successive 1/w - lambda/sigma under the product recursion, derived and "
                      "bounded (SymPy)"),),
        uses=("eq22.recursion", "thm3.upper", "thm3.lower"),
    ),
    Claim(
        id="sketch.expect",
        paper="paper1",
        where="Sec. 3.2, proof sketch of Thm. 3, after (24)",
        statement=r"What we can expect is thus to show that the sequence (w_i^(t))^{-1} - sigma_i/lambda_i "
                  r"has similar properties.",
        domain="Thm. 3's hypotheses; 'similar properties': linear convergence to 0, as in (24)",
        checks=(Check("expectation", _lazy("prose_discrete", "check_expectation"),
                      "the limit of the printed sequence (SymPy), a hedged expectation"),),
        uses=("sketch.linear", "eq24.identity"),
    ),
    Claim(
        id="sec32.recall_init",
        paper="paper1",
        where="Sec. 3.2, before Cor. 3",
        statement=r"Recall that we assumed that m_i^(0) = n_i^(0) = e^{-delta}.",
        domain="Thm. 3 ('same assumptions as Thm. 1') and delta_i = delta (Sec. 3.1); m_i, n_i read as the "
               "layers' diagonal factors (not defined in the main text)",
        checks=(Check("assumed", _lazy("prose_discrete", "check_recall_init"),
                      "the diagonal factors read off the layers of (15) at t = 0 built from (16)'s modes "
                      "(delta_i = delta; symbolic U, V, Q), against the recalled value"),),
        uses=("thm3.form",),
    ),
    Claim(
        id="cor3.gaps_defined",
        paper="paper1",
        where="Sec. 3.2, after Cor. 3",
        statement="The quantities (sigma_i - sigma_{i+1})/sigma_i^2 and (sigma_i - "
                  "sigma_{i+1})/sigma_{i+1}^2 can be interpreted as relative eigengaps. Note that they "
                  "are well defined since we assumed that the eigenspaces were unidimensional.",
        domain="Assump. 1: sigma_1 >= ... >= sigma_{r_xy} > 0, 1 <= i <= r_xy - 1",
        checks=(Check("z3", _lazy("prose_discrete", "check_gaps_defined"),
                      "z3: denominators nonzero on Assump. 1's domain; Cor. 3's conditions imply distinct "
                      "sigma_i"),),
        uses=("cor3.conditions",),
    ),
    Claim(
        id="cor3.gap_intuition",
        paper="paper1",
        where="Sec. 3.2, after Cor. 3",
        statement="The intuition behind this condition is that the step-size cannot be larger than the "
                  "eigen-gaps because otherwise the discrete optimization algorithm would not be able to "
                  "distinguish some components.",
        domain="Cor. 3's setting; C1 (2 eta sigma_1 < 1) kept, C2 and C3 (the eigen-gap conditions) dropped",
        checks=(Check("separation", _lazy("prose_discrete", "check_gap_intuition"),
                      "certified rescaled limits between the two transition times for pairs violating the "
                      "eigen-gap conditions (an intuition: hedged)"),),
        uses=("cor3.conditions", "eq25.times"),
    ),
    # --- Sec. 4.2
    Claim(
        id="sec42.dimensions",
        paper="paper1",
        where="Sec. 4.2, the setting",
        statement=r"p = d = 20, n = 1000, r = 5 ... B in R^{d x r} such that B_kl ~ U([0,1]), "
                  r"1 <= k, l <= n ... x_i ~ B z_i + eps_i where z_i ~ N(0, D) := diag(4, 2, 1, 1/2, 1/4) "
                  r"and "
                  r"eps_i ~ 10^-3 N(0, I_d)",
        domain="the printed sizes",
        checks=(Check("shapes", _lazy("prose_model", "check_experiment_dimensions"),
                      "every shape of the setting from the printed sizes, the index ranges of B"),),
    ),
)
