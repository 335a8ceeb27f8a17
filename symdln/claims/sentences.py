"""The inventory of paper 1's main text: one frozen :class:`Sentence` per asserting sentence, in order.

Every sentence of the abstract, the introduction and its contributions, Sec. 2-5, the captions and the
footnotes that asserts something is listed with its fate:

* ``"claimed"`` -- registered claims judge it (their ids in ``claims``);
* ``"partly"`` -- registered claims judge part of it; ``reason`` says which part is not covered;
* ``"not checkable"`` -- ``reason`` says why (background, a cited work's content, an appendix that is not
  available, a definition, an opinion, no stated criterion);
* ``"unregistered"`` -- checkable, but no claim judges it yet; ``reason`` says what a check would need.

Displayed equations, theorem statements, the table and the figures are listed too, with
``kind="display"`` (``docs/coverage.md`` puts them in a separate list).  Pure definitions are listed as
``"not checkable"`` with the reason "definition".  The references list is not inventoried.

The records are data: importing this module runs nothing; :mod:`symdln.coverage` renders and checks them
against the registry.

>>> all(s.status in STATUSES for s in SENTENCES)
True
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["KINDS", "SENTENCES", "STATUSES", "Sentence"]

#: the fates a sentence can have
STATUSES = ("claimed", "partly", "not checkable", "unregistered")
#: a sentence of the running text, or a display (equation, theorem statement, table, figure)
KINDS = ("sentence", "display")


@dataclass(frozen=True)
class Sentence:
    """One asserting sentence of paper 1 (verbatim or minimally trimmed) and its fate.

    ``where`` starts with the section ("Abstract", "Sec. 3.1", ...) followed by a comma and the place in
    it; ``claims`` are registry ids; ``reason`` is required unless the status is ``"claimed"``.
    """

    where: str
    text: str
    claims: tuple[str, ...] = ()
    status: str = "claimed"
    reason: str | None = None
    kind: str = "sentence"

    def __post_init__(self) -> None:
        if self.status not in STATUSES:
            raise ValueError(f"unknown status {self.status!r} ({self.where})")
        if self.kind not in KINDS:
            raise ValueError(f"unknown kind {self.kind!r} ({self.where})")
        if self.status in ("claimed", "partly") and not self.claims:
            raise ValueError(f"a {self.status} sentence names its claims ({self.where})")
        if self.status in ("not checkable", "unregistered") and self.claims:
            raise ValueError(f"a {self.status} sentence names no claim ({self.where})")
        if self.status != "claimed" and not self.reason:
            raise ValueError(f"a {self.status} sentence needs its reason ({self.where})")

    @property
    def section(self) -> str:
        """The section part of ``where`` ("Abstract", "Sec. 3.1", ...)."""
        return self.where.split(",")[0].strip()


S = Sentence
_BG = "background about the field, no setting or criterion stated"
_CITED = "the content of a cited work, not available here"
_SELF = "describes the paper's aims or plan; asserts nothing about its objects"
_DEF = "definition or notation: asserts nothing"
_APP = ("refers to an appendix that is not available (the main-text statement it supports is judged where "
        "listed)")

SENTENCES: tuple[Sentence, ...] = (
    # ------------------------------------------------------------------ Abstract
    S("Abstract, s1",
      "When optimizing over-parameterized models, such as deep neural networks, a large set of parameters "
      "can achieve zero training error.",
      status="not checkable", reason=_BG),
    S("Abstract, s2",
      "In such cases, the choice of the optimization algorithm and its respective hyper-parameters "
      "introduces biases that will lead to convergence to specific minimizers of the objective.",
      status="not checkable",
      reason=_BG + "; for this paper's model the biased path is judged under abstract.rrr"),
    S("Abstract, s3",
      "Consequently, this choice can be considered as an implicit regularization for the training of "
      "over-parametrized models.",
      status="not checkable", reason="a naming (what 'implicit regularization' means), not an assertion"),
    S("Abstract, s4",
      "In this work, we push this idea further by studying the discrete gradient dynamics of the training of "
      "a two-layer linear network with the least-squares loss.",
      status="not checkable", reason=_SELF),
    S("Abstract, s5",
      "Using a time rescaling, we show that, with a vanishing initialization and a small enough step size, "
      "this dynamics sequentially learns the solutions of a reduced-rank regression with a gradually "
      "increasing rank.",
      ("abstract.rrr",)),
    # ------------------------------------------------------------------ Sec. 1
    S("Sec. 1, ¶1 s1",
      "When optimizing over-parameterized models, such as deep neural networks, a large set of parameters "
      "leads to a zero training error.",
      status="not checkable", reason=_BG),
    S("Sec. 1, ¶1 s2",
      "However they lead to different values for the test error and thus have distinct generalization "
      "properties.",
      status="not checkable", reason=_BG),
    S("Sec. 1, ¶1 s3",
      "More specifically, Neyshabur [2017, Part II] argues that the choice of the optimization algorithm "
      "(and its respective hyperparameters) provides an implicit regularization with respect to its "
      "geometry: it biases the training, finding a particular minimizer of the objective.",
      status="not checkable", reason=_CITED),
    S("Sec. 1, ¶2 s1",
      "In this work, we use the same setting as Saxe et al. [2018]: a regression problem with least-squares "
      "loss on a multi-dimensional output.",
      status="not checkable", reason=_CITED + " (the setting itself is (1)-(2), eq1.model)"),
    S("Sec. 1, ¶2 s2",
      "Our prediction is made either by a linear model or by a two-layer linear neural network.",
      status="not checkable", reason=_DEF),
    S("Sec. 1, ¶2 s3",
      "We extend their work which covered the continuous gradient dynamics, to weaker assumptions as well as "
      "analyze the behavior of the discrete gradient updates",
      ("thm1.general",), status="partly",
      reason="'weaker assumptions' is judged (thm1.general); what Saxe et al.'s work covered is a cited "
             "work's content"),
    S("Sec. 1, ¶3 s1",
      "We show that with a vanishing initialization and a small enough step-size, the gradient dynamics of a "
      "two-layer linear neural network sequentially learns components that can be ranked according to a "
      "hierarchical structure whereas the gradient dynamics induced by the same regression problem but with "
      "a linear prediction model instead learns these components simultaneously, missing this notion of "
      "hierarchy between components.",
      ("intro.hierarchy", "eq21.simultaneous")),
    S("Sec. 1, ¶3 s2",
      "The path followed by the two-layer formulation actually corresponds to successively solving the "
      "initial regression problem with a growing low rank constraint which is also know as reduced-rank "
      "regression [Izenman, 1975].",
      ("abstract.rrr", "cor2.rrr")),
    S("Sec. 1, ¶3 s3",
      "Note that this notion of path followed by the dynamics of a whole network is different from the "
      "notion of path introduced by Neyshabur et al. [2015a] which corresponds to a path followed inside a "
      "fixed network.",
      status="not checkable", reason=_CITED),
    S("Sec. 1, ¶4 s1",
      "To sum-up, in our framework, the path followed by the gradient dynamics of a two-layer linear network "
      "provides an implicit regularization that may lead to potentially better generalization properties.",
      ("contrib.generalization",), status="partly",
      reason="hedged ('may lead to potentially'); the evidence the paper gives, Sec. 4.2, is judged under "
             "contrib.generalization"),
    S("Sec. 1, contributions, item 1 s1",
      "Under some assumptions (see Assumption 1), we prove that both the discrete and continuous gradient "
      "dynamics sequentially learn the solutions of a gradually less regularized version of reduced-rank "
      "regression (Corollary 2 and 3).",
      ("contrib.rrr", "cor2.rrr")),
    S("Sec. 1, contributions, item 1 s2",
      "Among the close related work, such result on implicit regularization regarding discrete dynamics is "
      "novel.",
      status="not checkable", reason="a claim about the literature"),
    S("Sec. 1, contributions, item 1 s3",
      "For the continuous case, we weaken the standard commutativity assumption using perturbation analysis.",
      ("thm1.general", "thm1.perturbation")),
    S("Sec. 1, contributions, item 2",
      "We experimentally verify the reasonableness of our assumption and observe improvements in terms of "
      "generalization (matrix reconstruction in our case) using the gradient dynamics of the two-layer "
      "linear network when compared against the linear model.",
      ("contrib.generalization", "table1.orders", "table1.values")),
    # ------------------------------------------------------------------ Sec. 1.1
    S("Sec. 1.1, ¶1",
      "The implicit regularization provided by the choice of the optimization algorithm has recently become "
      "an active area of research in machine learning.",
      status="not checkable", reason=_BG),
    S("Sec. 1.1, ¶2 s1",
      "Several works show that gradient descent on unregularized problems actually finds a minimum norm "
      "solution with respect to a particular norm that drastically depends on the problem of interest.",
      status="not checkable", reason=_CITED),
    S("Sec. 1.1, ¶2 s2",
      "Soudry et al. [2018] look at a logistic regression problem and show that the predictor does converge "
      "to the maxmargin solution.",
      status="not checkable", reason=_CITED),
    S("Sec. 1.1, ¶2 s3",
      "A similar idea has been developed in the context of matrix factorization [Gunasekar et al., 2017].",
      status="not checkable", reason=_CITED),
    S("Sec. 1.1, ¶2 s4",
      "Under the assumption that the observation matrices commute, they prove that gradient descent on this "
      "non-convex problem finds the minimum nuclear norm solution of the reconstruction problem, they also "
      "conjecture that this result would still hold without the commutativity assumption.",
      status="not checkable", reason=_CITED),
    S("Sec. 1.1, ¶2 s5",
      "This conjecture has been later partially solved by Li et al. [2018] under mild assumptions (namely "
      "the restricted isometry property).",
      status="not checkable", reason=_CITED),
    S("Sec. 1.1, ¶2 s6",
      "This work has some similarities with ours, since both focus on a least-squares regression problem "
      "over matrices with a form of matrix factorization that induces a non convex landscape.",
      ("sec31.nonconvex",), status="partly",
      reason="the non-convexity of this paper's landscape is judged; the comparison with the cited work is "
             "not checkable"),
    S("Sec. 1.1, ¶2 s7",
      "Their problem is more general than ours but they are showing a result of a different kind from ours: "
      "they focus on the properties of the limit solution the continuous dynamics whereas we show some "
      "properties on the whole dynamics (continuous and discrete), proving that it actually visits points "
      "during the optimization that may provide good generalization.",
      ("contrib.rrr",), status="partly",
      reason="the points visited are judged (contrib.rrr); the comparison with the cited work and the hedged "
             "'may provide good generalization' are not checkable"),
    S("Sec. 1.1, ¶2 s8",
      "Interestingly, both results actually share common assumptions such as a commutativity assumption "
      "(which is less restrictive in our case since it is always true in some realistic settings such as "
      "linear autoencoders), vanishing initialization and a small enough step size.",
      ("eq14.autoencoder",), status="partly",
      reason="'always true for linear autoencoders' is judged (B = 0); the comparison with the cited work's "
             "assumptions is not checkable"),
    S("Sec. 1.1, ¶3 s1",
      "Nar and Sastry [2018] also analyzed the gradient descent algorithm on a least-squares linear network "
      "model as a discrete time dynamical system, and derived certain necessary (but not sufficient) "
      "properties of the local optima that the algorithm can converge to with a non-vanishing step size.",
      status="not checkable", reason=_CITED),
    S("Sec. 1.1, ¶3 s2",
      "In this work, instead of looking at the properties of the limit solutions, we focus on the path "
      "followed by the gradient dynamics and precisely caracterize the weights learned along this path.",
      status="not checkable", reason=_SELF + " (the characterisation is Thm. 3 and Cor. 3, judged there)"),
    S("Sec. 1.1, ¶4 s1",
      "Combes et al. [2018] studied the continuous dynamics of some non-linear networks under relatively "
      "strong assumptions such as the linear separability of the data.",
      status="not checkable", reason=_CITED),
    S("Sec. 1.1, ¶4 s2",
      "Conversely, in this work, we do not make such separability assumption on the data but focus on linear "
      "networks.",
      status="not checkable", reason=_SELF + " (no separability appears in Assump. 1)"),
    S("Sec. 1.1, ¶5 s1-s2",
      "Finally, Gunasekar et al. [2018] compared the implicit regularization provided by gradient descent in "
      "deep linear convolutional and fully connected networks. They show that the solution found by gradient "
      "descent is the minimum norm for both networks but according to a different norm.",
      status="not checkable", reason=_CITED),
    S("Sec. 1.1, ¶5 s3",
      "In this work, the fact that gradient descent finds the minimum norm solution is almost "
      "straightforward using standard results on least-squares.",
      ("eq21.limit",), status="partly",
      reason="for L = 1, the limit Sigma_x^+ Sigma_xy (plus W_0's null-space part) is judged (eq21.limit); "
             "for the two-layer network it is not registered: it would follow from the per-mode limits of "
             "the corrected Thm. 3 (sigma_i/lambda_i; 0 for sigma_i = 0; w_0 kept where lambda_i = 0) as w_0 "
             "-> 0; 'almost straightforward' is not checkable"),
    S("Sec. 1.1, ¶5 s4",
      "But the path followed by the gradient dynamics reveals interesting properties for generalization.",
      status="not checkable", reason="no property or criterion stated"),
    S("Sec. 1.1, ¶5 s5",
      "As developed earlier, instead of focusing on the properties of the solution found by gradient "
      "descent, our goal is to study the path followed by the discrete gradient dynamics in the case of a "
      "two-layer linear network.",
      status="not checkable", reason=_SELF),
    S("Sec. 1.1, ¶6 s1",
      "Prior work [Saxe et al., 2013, 2014, Advani and Saxe, 2017, Saxe et al., 2018, Lampinen and Ganguli, "
      "2019] studied the gradient dynamics of two-layer linear networks and proved a result similar to our "
      "Thm. 2.",
      status="not checkable", reason=_CITED),
    S("Sec. 1.1, ¶6 s2",
      "We consider Saxe et al. [2018] as the closest related work, we re-use their notion of simple deep "
      "linear neural network, that we call two-layer neural networks, and use some elements of their proofs "
      "to extend their results.",
      status="not checkable", reason=_CITED),
    S("Sec. 1.1, ¶6 s3",
      "However, note that their work comes from a different perspective: through a mathematical analysis of "
      "a simple non-linear dynamics, they intend to highlight continuous dynamics of learning where one "
      "observes the sequential emergence of hierarchically structured notions.",
      status="not checkable", reason=_CITED),
    S("Sec. 1.1, ¶6 s4",
      "In this work, we are also considering a two-layer neural network but with an optimization "
      "perspective.",
      status="not checkable", reason=_SELF),
    S("Sec. 1.1, ¶6 s5",
      "We are able to extend Saxe et al. [2018, Eq. 6 and 7] weakening the commutativity assumption "
      "considered in Saxe et al. [2018] using perturbation analysis.",
      ("thm1.general", "thm1.perturbation"), status="partly",
      reason="Saxe et al.'s Eq. 6 and 7 are not available; the weaker assumption and the perturbation bound "
             "are judged"),
    S("Sec. 1.1, ¶6 s6",
      "In §4.1, we test to what extent our weaker assumption holds.",
      ("table1.values", "table1.orders")),
    S("Sec. 1.1, ¶6 s7",
      "Our main contribution is to show a similar result on the discrete gradient dynamics, that is "
      "important in our perspective since we aim to study the dynamics of gradient descent.",
      ("cor3.limits",)),
    S("Sec. 1.1, ¶6 s8",
      "This result cannot be trivially extended from the result on the continuous dynamics.",
      ("sec32.horizon", "eq25.times"), status="partly",
      reason="'trivially' is not checkable; what is: for a fixed step size the discrete transitions differ "
             "from the continuous ones (sec32.horizon, eq25.times)"),
    S("Sec. 1.1, ¶6 s9",
      "We provide details on the difficulties of the proof in §3.2.",
      ("sec32.horizon",), status="partly",
      reason="a pointer: §3.2's 'Why the discrete analysis is challenging' is where they are; its checkable "
             "statement is sec32.horizon"),
    # ------------------------------------------------------------------ Sec. 2
    S("Sec. 2, ¶1 s1",
      "In this work, we are interested in analyzing a least-squares model with multi-dimensional outputs.",
      status="not checkable", reason=_SELF),
    S("Sec. 2, ¶1 s2",
      "Given a finite number n of inputs x_i in R^d we want to predict multi-dimensional outputs y_i in R^p "
      "with a deep linear network, (1)",
      ("eq1.model",)),
    S("Sec. 2, (1)",
      "Deep linear model: yhat(x) := W_L^T ... W_1^T x",
      ("eq1.model",), kind="display"),
    S("Sec. 2, (2)",
      "(W_1^*, ..., W_L^*) in argmin_{W_l in R^{r_{l-1} x r_l}} 1/(2n) ||Y - X W_1 ... W_L||_2^2 =: f(W_1, "
      "..., W_L), r_0 = d, r_L = p",
      ("eq1.model", "eq7.gradient", "eq11.gradient"), kind="display"),
    S("Sec. 2, (3)",
      "X^T := (x_1 ... x_n) and Y^T := (y_1 ... y_n) are the design matrices",
      ("eq1.model",), kind="display"),
    S("Sec. 2, ¶2 s1",
      "The deep linear model (1) is a L-layer deep linear neural network where we see h_l := W_l ... W_1 x "
      "for 1 <= l <= L-1 as the l-th hidden layer.",
      ("sec2.hidden",)),
    S("Sec. 2, ¶2 s2",
      "At first, since this deep linear network cannot represent more than a linear transformation, we could "
      "think that there is no reason to use a deeper representation L=1.",
      ("eq1.model",), status="partly",
      reason="'cannot represent more than a linear transformation' is judged; 'we could think' is not a "
             "claim"),
    S("Sec. 2, ¶2 s3",
      "However, in terms of learning flow, we will see in §3 that for L=2 this model has a completely "
      "different dynamics from L=1.",
      ("thm2.limit", "thm2.linear", "intro.hierarchy")),
    S("Sec. 2, ¶3 s1",
      "Increasing L may induce a low rank constraint when r := min{r_l : 1 <= l <= L-1} < min(d, p).",
      ("eq4.rank_constraint",)),
    S("Sec. 2, ¶3 s2",
      "In that case, (2) is equivalent to a reduced-rank regression, (4)",
      ("eq4.rank_constraint",)),
    S("Sec. 2, (4)",
      "W^{k,*} in argmin_{rank(W) < r} 1/(2n) sum_i ||Y - XW||_2^2",
      ("eq4.rank_constraint",), kind="display"),
    S("Sec. 2, ¶3 s3",
      "These problems have explicit solutions depending on X and Y [Reinsel and Velu, 1998, Thm. 2.2].",
      ("cor2.rrr",), status="partly",
      reason="the cited theorem is not available; the explicit minimum-norm solution is derived in rrr.py "
             "and used by cor2.rrr"),
    S("Sec. 2, ¶4",
      "Note that, in this work we are interested in the implicit regularization provided in the context of "
      "over-parametrized models, i.e., when r > min(p, d). In that case, {W_1 ... W_L : W_l in R^{r x l-1, "
      "r_l}} = R^{p x d}.",
      ("sec2.overparam",)),
    # ------------------------------------------------------------------ Sec. 3
    S("Sec. 3, ¶1 s1",
      "In this section we would like to study the discrete dynamics of the gradient flow of (2), i.e., (5)",
      status="not checkable", reason=_SELF),
    S("Sec. 3, (5)",
      "W_l^(t+1) = W_l^(t) - eta grad_{W_l} f(W_[L]^(t)), W_l^(0) in R^{r_{l-1} x r_l}",
      status="not checkable", kind="display", reason=_DEF + " (the algorithm; its L = 2 form is sec32.step)"),
    S("Sec. 3, after (5), s1",
      "where we use the notation W_[L]^(t) := (W_1^(t), ..., W_L^(t)).",
      status="not checkable", reason=_DEF),
    S("Sec. 3, ¶1 s2",
      "The quantity eta is usually called the step-size.",
      status="not checkable", reason=_DEF),
    S("Sec. 3, (6)",
      "dW_l/dt = -grad_{W_l} f(W_[L](t)), W_l(0) in R^{r_{l-1} x r_l}",
      status="not checkable", kind="display", reason=_DEF + " (its L >= 2 form is eq12.flow)"),
    S("Sec. 3, after (6), s1",
      "where for 1 <= l <= L, dW_l/dt is the temporal derivative of W_l(t).",
      status="not checkable", reason=_DEF),
    S("Sec. 3, ¶2 s1",
      "Note that there is no step-size in the continuous time dynamics since it actually corresponds to the "
      "limit of (5) when eta -> 0.",
      ("sec3.euler",)),
    S("Sec. 3, ¶2 s2",
      "The continuous dynamics may be more convenient to study because such differential equations may have "
      "closed form solutions.",
      status="not checkable",
      reason="hedged ('may ... may'), no specific statement; the closed forms used are judged under "
             "prop1.solution and thm1.form"),
    S("Sec. 3, ¶2 s3",
      "In §3.1, we will see that under reasonable assumptions it is the case for (6).",
      ("prop1.solution", "thm1.form", "eq16.active")),
    # ------------------------------------------------------------------ Sec. 3.1
    S("Sec. 3.1, 'Linear model', s1",
      "We start with the study of the continuous linear model, its gradient is, (7)",
      ("eq7.gradient",)),
    S("Sec. 3.1, (7)",
      "grad f(W) = Sigma_x W - Sigma_xy, Sigma_xy := X^T Y/n, Sigma_x := X^T X/n",
      ("eq7.gradient",), kind="display"),
    S("Sec. 3.1, 'Linear model', s2",
      "Thus, W(t) is the solution of the differential equation, (8)",
      ("eq7.gradient", "prop1.solution")),
    S("Sec. 3.1, Prop. 1, (9)",
      "For any W_0 in R^{d x p}, the solution to the linear differential equation (8) is W(t) = e^{-t "
      "Sigma_x}(W_0 - Sigma_x^+ Sigma_xy) + Sigma_x^+ Sigma_xy",
      ("prop1.solution",), kind="display"),
    S("Sec. 3.1, after Prop. 1, s0",
      "where Sigma_x^+ is the pseudoinverse of Sigma_x.",
      status="not checkable", reason=_DEF),
    S("Sec. 3.1, after Prop. 1, s1",
      "This standard result on ODE is provided in §B.1.",
      status="not checkable", reason=_APP + ": prop1.solution"),
    S("Sec. 3.1, (10)",
      "Note that when W_0 -> 0 we have W(t) -> (I_d - e^{-t Sigma_x}) Sigma_x^+ Sigma_xy",
      ("eq10.vanishing_init",), kind="display"),
    S("Sec. 3.1, 'Deep linear network', s1",
      "The study of the deep linear model is more challenging since for L >= 2, the landscape of the "
      "objective function f is non-convex.",
      ("sec31.nonconvex",), status="partly",
      reason="'more challenging' is not checkable; the non-convexity is judged"),
    S("Sec. 3.1, (11)",
      "The gradient flow of (2) is grad_{W_l} f = W_{1:l-1}^T (Sigma_x W - Sigma_xy) W_{l+1:L}^T, with "
      "W_{1,0} = I_d and W_{L+1,L} = I_p",
      ("eq11.gradient",), kind="display"),
    S("Sec. 3.1, (12)",
      "Thus (6) becomes dW_l/dt = W_{1:l-1}^T (Sigma_xy - Sigma_x W) W_{l+1:L}^T, W_l(0) in R^{d x p}",
      ("eq12.flow",), kind="display"),
    S("Sec. 3.1, 'Deep linear network', s2",
      "We obtain a coupled differential equation (12) that is harder to solve than the previous linear "
      "differential equation (8) due, at the same time, to its non-linear components and to the coupling "
      "between W_l.",
      ("eq12.flow",), status="partly",
      reason="the coupling and non-linearity are read off (12), judged by eq12.flow; 'harder to solve' is "
             "not checkable"),
    S("Sec. 3.1, 'Deep linear network', s3",
      "However, in the case L=2, Saxe et al. [2018] managed to find an explicit solution to this coupled "
      "differential equation under the assumption that 'perceptual correlation is minimal' (Sigma_x = I_d).",
      ("thm1.form",), status="partly",
      reason="that an explicit solution exists when Sigma_x = I_d is the special case of Thm. 1 (thm1.form); "
             "the attribution is a cited work's content"),
    S("Sec. 3.1, 'Deep linear network', s4",
      "In this work we extend Saxe et al. [2018, Eq. 7] (for L=2) under weaker assumptions.",
      ("thm1.general",), status="partly",
      reason="Saxe et al.'s Eq. 7 is not available; the weaker assumption is judged"),
    S("Sec. 3.1, 'Deep linear network', s5",
      "More precisely, we do not require the covariance matrix Sigma_x to be the identity matrix.",
      ("thm1.general",)),
    S("Sec. 3.1, 'Deep linear network', s6",
      "Let (U, V, D) be the SVD of Sigma_xy, our assumption is the following:",
      status="not checkable", reason=_DEF),
    S("Sec. 3.1, Assump. 1, (13)",
      "There exist two orthogonal matrices U, V such that Sigma_x = U(D_x + B)U^T and Sigma_xy = U D_xy V^T, "
      "||B||_2 <= eps; sigma_1 >= ... >= sigma_{r_xy} > 0 the singular values of Sigma_xy, lambda_1, ..., "
      "lambda_{r_x} the diagonal entries of D_x",
      status="not checkable", kind="display",
      reason="an assumption (a definition of the setting); what the paper says about it is judged in the "
             "sentences that follow"),
    S("Sec. 3.1, after Assump. 1, s1",
      "Since two matrices commute if and only if they are co-diagonalizable [Horn et al., 1985, Thm. "
      "1.3.21], the quantity eps represent to what extend Sigma_x and Sigma_xy Sigma_xy^T do not commute.",
      ("assump1.commute",)),
    S("Sec. 3.1, after Assump. 1, s2",
      "Before solving (12) under Assump. 1, we describe some motivating examples where the quantity eps is "
      "small or zero:",
      ("eq14.autoencoder", "assump1.multiclass", "assump1.saxe_example")),
    S("Sec. 3.1, 'Linear autoencoder', s1",
      "If Y is set to X and L=2, we recover a linear autoencoder: xhat(x) = W_2^T W_1^T x, where h := W_1^T "
      "x is the encoded representation of x,",
      ("eq1.model",), status="partly",
      reason="the form is (1) with L = 2 (eq1.model); 'encoded representation' is a naming"),
    S("Sec. 3.1, (14)",
      "Sigma_xy Sigma_xy^T = (X^T X/n)^2 = Sigma_x^2. Thus, B = 0.",
      ("eq14.autoencoder",), kind="display"),
    S("Sec. 3.1, 'Linear autoencoder', s2",
      "Note that this linear autoencoder can also be interpreted as a form of principal component analysis.",
      ("appA.symmetric",), status="partly",
      reason="an interpretation; the checkable part is the next sentence's PCA claim"),
    S("Sec. 3.1, 'Linear autoencoder', s3",
      "Actually, if we initialize with W_1 = W_2^T, the gradient dynamics exactly recovers the PCA of X, "
      "which is closely related to the matrix factorization problem of Gunasekar et al. [2017].",
      ("appA.symmetric", "appA.symmetry_path"), status="partly",
      reason="the relation to Gunasekar et al.'s problem is a cited work's content"),
    S("Sec. 3.1, 'Linear autoencoder', s4",
      "See §A where this derivation is detailed.",
      status="not checkable", reason=_APP + ": appA.symmetric"),
    S("Sec. 3.1, 'Deep linear multi-class prediction', s1",
      "In that case, p is the number of classes and y_i is a one-hot encoding of the class with, in "
      "practice, p << d.",
      status="not checkable",
      reason="a description of typical data (Table 1's data sets: p = 10, 10, 1000 against d = 784, 3072, "
             "12288)"),
    S("Sec. 3.1, 'Deep linear multi-class prediction', s2",
      "The intuition on why we may expect ||B||_2 to be small is because rank(Y) << rank(X) and thus the "
      "matrices of interest only have to almost commute on a small space in comparison to the whole space, "
      "thus B would be close to 0.",
      ("assump1.multiclass",)),
    S("Sec. 3.1, 'Deep linear multi-class prediction', s3",
      "We verify this intuition by computing ||B||_2 for several classification datasets in Table 1.",
      ("table1.values", "table1.orders")),
    S("Sec. 3.1, 'Minimal influence of perceptual correlation', s1",
      "Sigma_x ~ I_d. It is the setting discussed by Saxe et al. [2018].",
      ("assump1.saxe_example",), status="partly",
      reason="that Sigma_x ~ I_d makes eps small is judged; the attribution is a cited work's content"),
    S("Sec. 3.1, 'Minimal influence of perceptual correlation', s2",
      "We compare this assumption for some classification datasets with our Assump. 1 in §4.1.",
      ("table1.orders",)),
    S("Sec. 3.1, footnote 2",
      "By a rescaling of the data, their proof is valid for any matrix Sigma_x proportional to the identity "
      "matrix.",
      ("fn2.rescaling",)),
    S("Sec. 3.1, 'An explicit solution for L=2', s1",
      "Under Assump. 1 and specifying the initialization, one can solve the matrix differential equation for "
      "eps = 0 and then use perturbation analysis to assess how close the solution of (8) is to the closed "
      "form solution derived for eps = 0.",
      ("sec31.perturb_ref", "thm1.form", "thm1.perturbation")),
    S("Sec. 3.1, 'An explicit solution for L=2', s2",
      "This result is summarized in the following theorem proved in §B.2.",
      status="not checkable", reason=_APP + ": thm1.form, thm1.perturbation, eq16.*"),
    S("Sec. 3.1, Thm. 1, (15)",
      "When L=2, under Assump. 1, if we initialize with W_1(0) = U diag(e^{-delta_1}, ..., e^{-delta_p}) Q "
      "and W_2(0) = Q^{-1} diag(e^{-delta_1}, ..., e^{-delta_d}) V^T where Q is an arbitrary invertible "
      "matrix, then the solution of (12) can be decomposed as the sum of the solution for eps = 0 and a "
      "perturbation term, W_i(t) = W_i^0(t) + W_i^eps(t)",
      ("thm1.form", "thm1.symbols", "thm1.perturbation"), kind="display"),
    S("Sec. 3.1, Thm. 1",
      "where we have c > 0 such that ||W_i^eps(t)|| <= eps e^{ct^2}",
      ("thm1.perturbation",), kind="display"),
    S("Sec. 3.1, Thm. 1, (16)",
      "w_i(t) = sigma_i e^{2 sigma_i t - 2 delta_i} / (lambda_i (e^{2 sigma_i t - 2 delta_i} - e^{-2 "
      "delta_i}) + sigma_i), 1 <= i <= r_xy; w_i(t) = e^{-2 delta_i}/(1 + 2 e^{-delta_i} lambda_i t), r_xy < "
      "i <= r_x",
      ("eq16.active", "eq16.inactive"), kind="display"),
    S("Sec. 3.1, Thm. 1, after (16)",
      "where (sigma_i) and (lambda_i) are defined is Assump. 1.",
      status="not checkable", reason=_DEF),
    S("Sec. 3.1, Thm. 1, last line",
      "Note that rank(Sigma_xy) := r_xy <= rank(Sigma_x) := r_x.",
      ("thm1.ranks",)),
    S("Sec. 3.1, after Thm. 1, s1",
      "The main difficulty in this result is the perturbation analysis for which we use a consequence of "
      "Grönwall's inequality [Gronwall, 1919] (Lemma 4).",
      status="not checkable", reason=_APP + " (Lemma 4); 'the main difficulty' is an assessment"),
    S("Sec. 3.1, after Thm. 1, s2",
      "The proof can be sketched in three parts: first showing the result for eps = 0, then showing that in "
      "the case eps > 0, the matrices W_1(t)/t and W_2(t)/t are bounded and finally use Lemma 4 to get the "
      "perturbation bound.",
      ("thm1.sketch_bounded",)),
    S("Sec. 3.1, after Thm. 1, s3",
      "This result is more general than the one provided by Saxe et al. [2018] because it requires a weaker "
      "assumption than Sigma_x = I_d and eps = 0.",
      ("thm1.general",)),
    S("Sec. 3.1, after Thm. 1, s4",
      "In doing so, we obtain a result that takes into account the influence of correlations of the input "
      "samples.",
      ("thm1.general",), status="partly",
      reason="an interpretation of the weaker assumption (Sigma_x need not be a multiple of I), which is "
             "judged"),
    S("Sec. 3.1, after Thm. 1, s5",
      "Note that Thm. 1 is only valid if the initialization W_1(0)W_2(0) has the same singular vectors as "
      "Sigma_xy.",
      ("thm1.only_if",)),
    S("Sec. 3.1, after Thm. 1, s6",
      "However, making such assumptions on the initialization is standard in the literature and, in "
      "practice, we can set the initialization of the optimization algorithm in order to also ensure that "
      "property.",
      ("thm1.autoencoder_init",), status="partly",
      reason="'standard in the literature' is a claim about the literature; that such an initialisation can "
             "be set is judged for the example the next sentence gives"),
    S("Sec. 3.1, after Thm. 1, s7",
      "For instance, in the case of the linear autoencoder, one can set W_1(0) = W_2(0) = e^{-delta} I_d.",
      ("thm1.autoencoder_init",)),
    S("Sec. 3.1, after Thm. 1, s8",
      "In the following subsection we will use Thm. 1 to show that the components [U]_i, 1 <= i <= r_xy in "
      "the order defined by the decreasing singular values of Sigma_xy are learned sequentially by the "
      "gradient dynamics.",
      ("thm2.limit", "thm2.rank")),
    S("Sec. 3.1, 'Sequential learning of components', s1",
      "The sequential learning of the left singular vectors of Sigma_xy (sorted by the magnitude of its "
      "singular values) by the continuous gradient dynamics of deep linear networks has been highlighted by "
      "Saxe et al. [2018].",
      status="not checkable", reason=_CITED),
    S("Sec. 3.1, (17)",
      "They note in their Eq. (10) that the i-th phase transition happens approximately after a time T_i := "
      "(delta_i/sigma_i) ln(sigma_i)",
      ("eq17.saxe",), kind="display"),
    S("Sec. 3.1, 'Sequential learning of components', s2",
      "They argue that as delta_i -> oo, the time T_i is roughly O(1/sigma_i).",
      ("eq17.saxe",)),
    S("Sec. 3.1, 'Sequential learning of components', s3",
      "The intuition is that a vanishing initialization increases the gap between the phase transition times "
      "T_i and thus tends to separate the learning of each components.",
      ("sec31.transition_growth",)),
    S("Sec. 3.1, 'Sequential learning of components', s4",
      "However, a vanishing initialization just formally leads to T_i -> oo.",
      ("sec31.transition_growth",)),
    S("Sec. 3.1, 'Sequential learning of components', s5",
      "In this work, we introduce a notion of time rescaling in order to formalize this notion of phase "
      "transition and we show that, after this time rescaling, the point visited between two phase "
      "transitions is the solution of a low rank regularized version (4) of the initial problem (2) with the "
      "low rank constraint that loosens sequentially.",
      ("cor2.rrr",)),
    S("Sec. 3.1, 'Sequential learning of components', s6",
      "The intuition behind time rescaling is that it counterbalances the vanishing initialization in (17): "
      "Since T_i grows as fast as delta_i we need to multiply the time by delta_i, in order to grow at the "
      "same pace as T_i.",
      ("sec31.transition_growth",)),
    S("Sec. 3.1, 'Sequential learning of components', s7",
      "Using this rescaling we can present our theorem, proved in §B.3, which says that a vanishing "
      "initialization tends to force the sequential learning of the component of X associated with the "
      "largest singular value of Sigma_xy.",
      ("thm2.limit",), status="partly",
      reason="'proved in §B.3': refers to an appendix that is not available (the main-text statement it "
             "supports is judged where listed)"),
    S("Sec. 3.1, 'Sequential learning of components', s8",
      "Note that we need to rescale the time uniformly for each component. That is why in the following we "
      "set delta_i = delta, 1 <= i <= max(p, d).",
      status="not checkable", reason="a modelling choice (the same delta for every mode), no assertion"),
    S("Sec. 3.1, Thm. 2, (18)",
      "If w_i(0) = e^{-delta} and eps = e^{-delta^2 ln(delta)} then w_i(delta t) -> sigma_i/(lambda_i + "
      "sigma_i) 1{t = T_i} + sigma_i/lambda_i 1{t > T_i}, T_i := 1/sigma_i",
      ("thm2.limit",), kind="display"),
    S("Sec. 3.1, after Thm. 2, s1",
      "Notice how the i-th components of W_1 and W_2 are inactive, i.e., w_i(t) is zero, for small t and is "
      "suddenly learned when t reaches the phase transition time T_i := 1/sigma_i.",
      ("thm2.limit",)),
    S("Sec. 3.1, after Thm. 2, s2",
      "As shown in Prop. 1 and illustrated in Fig. 1, this sequential learning behavior does not occur for "
      "the non-factorized formulation.",
      ("thm2.linear", "eq8.rescaled_limit")),
    S("Sec. 3.1, after Thm. 2, s3",
      "Gunasekar et al. [2017] observed similar differences between their factorized and not factorized "
      "formulations of matrix regression.",
      status="not checkable", reason=_CITED),
    S("Sec. 3.1, after Thm. 2, s4",
      "Note that, the time rescaling we introduced is t -> delta t, in order to compensate the vanishing "
      "initialization, rescaling the time and taking the limit this way for (8) would lead to a constant "
      "function.",
      ("thm2.linear", "eq8.rescaled_limit")),
    S("Sec. 3.1, after Thm. 2, s5",
      "Gunasekar et al. [2017] also had to consider a vanishing initialization in order to show that on a "
      "simple matrix factorization problem the continuous dynamics of gradient descent does converge to the "
      "minimum nuclear norm solution.",
      status="not checkable", reason=_CITED),
    S("Sec. 3.1, after Thm. 2, s6",
      "This assumption is necessary in such proofs in order to avoid to initialize with wrong components.",
      status="not checkable", reason="a statement about proofs in general, no setting or criterion"),
    S("Sec. 3.1, after Thm. 2, s7",
      "However one cannot consider an initialization with the null matrix since it is a stationary point of "
      "the dynamics, that is why this notion of double limit (vanishing initialization and t -> oo) is used.",
      ("sec31.zero_stationary",)),
    S("Sec. 3.1, before Cor. 1, s1",
      "From Thm. 2, two corollaries follow directly.",
      ("cor1.norm", "cor2.rrr"), status="partly",
      reason="'directly' is not checkable; what follows is judged by the corollaries' claims (Cor. 2 needs "
             "the order of sigma_i^2/lambda_i, cor2.rrr)"),
    S("Sec. 3.1, before Cor. 1, s2",
      "The first one regards the nuclear norm of the product W_1(delta t)W_2(delta t).",
      ("cor1.nuclear_steps",)),
    S("Sec. 3.1, before Cor. 1, s3",
      "This corollary says that ||W_1(delta t)W_2(delta t)||_* is a step function and that each increment of "
      "this integer value corresponds to the learning of a new component of X.",
      ("cor1.nuclear_steps",)),
    S("Sec. 3.1, before Cor. 1, s4",
      "These components are leaned by order of relevance, i.e., by order of magnitude of their respective "
      "eigenvalues and the learning of a new component can be easily noticed by an incremental gap in the "
      "nuclear norm of the matrix product W_1(delta t)W_2(delta t),",
      ("thm2.rank", "cor1.any_norm")),
    S("Sec. 3.1, Cor. 1, (19)",
      "The limit of the squared euclidean norm of W_1(t)W_2(t) when delta -> oo is a step function: "
      "||W_1(delta t)W_2(delta t)||_2^2 -> sum_i sigma_i^2/lambda_i^2 1{T_i < t} + sigma_i^2/(lambda_i + "
      "sigma_i)^2 1{T_i = t}, T_i := 1/sigma_i, sigma_1 > ... > sigma_{r_xy} > 0",
      ("cor1.norm",), kind="display"),
    S("Sec. 3.1, after Cor. 1, s1",
      "It is natural to look at the norm of the product W_1(delta t)W_2(delta t) since in Thm. 2, (w_i(t)) "
      "are its singular values.",
      ("thm1.form",), status="partly",
      reason="at eps = 0 the product of (15)'s parts is U diag(w_i) V^T (Q Q^-1 = I), whose form thm1.form "
             "judges; for eps > 0 (as in Thm. 2) only up to the perturbation (thm1.perturbation); 'natural' "
             "is not checkable"),
    S("Sec. 3.1, after Cor. 1, s2",
      "However, since the rank of W_1(delta t)W_2(delta t) is discontinuously increasing after each phase "
      "transition, any norm would jump with respect to the rank increments.",
      ("cor1.any_norm",)),
    S("Sec. 3.1, after Cor. 1, s3",
      "We illustrate these jumps in Fig. 1 where we plot the closed form of the squared l2 norms of t -> "
      "W(delta t) and t -> W_1(delta t)W_2(delta t) for vanishing initializations with Sigma_yx = "
      "diag(10^-1, 10^-2, 10^-3) and Sigma_x = I_d.",
      ("fig1.example",)),
    S("Sec. 3.1, before Cor. 2, s1",
      "From Thm. 2, we can notice that, between time T_k and T_{k+1}, the rank of the limit matrix W_1W_2 is "
      "actually equal to k, meaning that at each phase transition, the rank of W_1W_2 is increased by 1.",
      ("thm2.rank",)),
    S("Sec. 3.1, before Cor. 2, s2",
      "Moreover, this matrix product contains the k components of X corresponding to the k largest singular "
      "values of Sigma_xy.",
      ("thm2.rank",)),
    S("Sec. 3.1, before Cor. 2, s3",
      "Thus, we can show that this matrix product is the solution of the k-low rank constrained version (4) "
      "of the initial problem (2),",
      ("cor2.rrr",)),
    S("Sec. 3.1, Fig. 1 caption, s1",
      "Closed form solution of squared l2 norm of W(delta t) and W_1(delta t)W_2(delta t) respectively for a "
      "linear model and a two-layer linear autoencoder, depending on W(0) = W_1(0)W_2(0) = e^{-delta} I_d.",
      ("fig1.example",), kind="display"),
    S("Sec. 3.1, Fig. 1 caption, s2",
      "Note that for an autoencoder lambda_i = sigma_i and thus the trace norm has integer values.",
      ("fig1.integer",)),
    S("Sec. 3.1, Fig. 1 caption, s3",
      "According to Thm. 2, the integer trace norm increment represents the learning of a new component.",
      ("fig1.integer",)),
    S("Sec. 3.1, Cor. 2, (20)",
      "1/sigma_k < t < 1/sigma_{k+1} => W_1(delta t)W_2(delta t) -> W^{k,*}, 1 <= k <= r_xy, W^{k,*} the "
      "minimum l2 norm solution of the reduced-rank-k regression problem (4)",
      ("cor2.rrr",), kind="display"),
    # ------------------------------------------------------------------ Sec. 3.2
    S("Sec. 3.2, ¶1 s1-s3",
      "We are interested in the behavior of optimization methods. Thus, the gradient dynamics of interest is "
      "the discrete one (5). A major contribution of our work is thus contained in this section.",
      status="not checkable", reason=_SELF),
    S("Sec. 3.2, ¶1 s4",
      "The continuous case studied in §3.1 provided good intuitions and insights on the behavior of the "
      "potential discrete dynamics that we can use for our analysis.",
      status="not checkable", reason="an assessment, no criterion"),
    S("Sec. 3.2, 'Why the discrete analysis is challenging', s1",
      "Previous related work [Gunasekar et al., 2017, Saxe et al., 2018] only provide results on the "
      "continuous dynamics.",
      status="not checkable", reason=_CITED),
    S("Sec. 3.2, 'Why the discrete analysis is challenging', s2",
      "Their proofs use the fact that their respective continuous dynamics of interest have a closed form "
      "solution (e.g., Thm.1).",
      status="not checkable", reason=_CITED + " (Thm. 1's closed form is thm1.form)"),
    S("Sec. 3.2, 'Why the discrete analysis is challenging', s3",
      "To our knowledge, no closed form solution is known for the discrete dynamics (5).",
      status="not checkable", reason="a statement about the literature, hedged ('to our knowledge')"),
    S("Sec. 3.2, 'Why the discrete analysis is challenging', s4",
      "Thus its analysis requires a new proof technique.",
      status="not checkable", reason="an assessment, no criterion"),
    S("Sec. 3.2, 'Why the discrete analysis is challenging', s5",
      "Moreover, using Euler's integration methods, one can show that both dynamics are close but only for a "
      "vanishing step size depending on a finite horizon.",
      ("sec32.horizon", "sec3.euler")),
    S("Sec. 3.2, 'Why the discrete analysis is challenging', s6",
      "Such dependence on the horizon is problematic since the time rescaling used in Thm. 2 would make any "
      "finite horizon go to infinity.",
      ("sec32.horizon",)),
    S("Sec. 3.2, 'Why the discrete analysis is challenging', s7",
      "In this section, we consider realistic conditions on the step-size (namely, it has to be smaller than "
      "the Lipschitz constant and some notion of eigen-gap) without any dependence on the horizon.",
      ("sec32.lipschitz", "cor3.conditions"), status="partly",
      reason="'realistic' is an assessment with no stated criterion; the rest is judged (sec32.lipschitz): "
             "'smaller than the Lipschitz constant' read eta < 1/L with L the per-mode constant of Thm. 3's "
             "analysis (f has no global one; the full Hessian's is larger, recorded), the eigen-gap "
             "conditions C2 and C3, and the horizon; the conditions themselves are cor3.conditions"),
    S("Sec. 3.2, 'Why the discrete analysis is challenging', s8",
      "Such assumption is relevant since we want to study the dynamics of practical optimization algorithms "
      "(i.e., with a step size as large as possible and without knowing in advance the horizon).",
      status="not checkable", reason="a motivation, no assertion about the objects"),
    S("Sec. 3.2, 'Single layer linear model', s1-s2",
      "In this paragraph, we consider the discrete update for the linear model. Since L=1, for notational "
      "compactness, we call W_t the matrix updated according to (5).",
      status="not checkable", reason=_DEF),
    S("Sec. 3.2, 'Single layer linear model', s3",
      "Using the gradient derivation (7), the discrete update scheme for the linear model is, W_{t+1} = W_t "
      "- eta(Sigma_x W_t - Sigma_xy) = (I_d - eta Sigma_x) W_t + eta Sigma_xy.",
      ("eq7.gradient", "eq21.closed_form")),
    S("Sec. 3.2, 'Single layer linear model', s4",
      "Noticing that for 1/lambda_max(Sigma_x) > eta > 0, I_d - eta Sigma_x is invertible, this recursion "
      "(see §B.4) leads to, (21)",
      ("eq21.step_size", "eq21.closed_form"), status="partly",
      reason="'(see §B.4)': refers to an appendix that is not available (the main-text statement it supports "
             "is judged where listed)"),
    S("Sec. 3.2, (21)",
      "W_t = (W_0 - Sigma_x^+ Sigma_xy)(I_d - eta Sigma_x)^t + Sigma_x^+ Sigma_xy",
      ("eq21.closed_form",), kind="display"),
    S("Sec. 3.2, 'Single layer linear model', s5",
      "We obtain a similar result as the solution of the differential equation given in Prop. 1.",
      ("eq21.limit",)),
    S("Sec. 3.2, 'Single layer linear model', s6",
      "With a vanishing initialization we reach a function that does not sequentially learn some components.",
      ("eq21.simultaneous",)),
    S("Sec. 3.2, 'Two-layer linear model', s1",
      "The discrete update scheme for the two-layer linear network (2) is, W_1^(t+1) = W_1^(t) - eta(Sigma_x "
      "W^(t) - Sigma_xy)(W_2^(t))^T, W_2^(t+1) = W_2^(t) - eta (W_1^(t))^T (Sigma_x W^(t) - Sigma_xy).",
      ("sec32.step",)),
    S("Sec. 3.2, 'Two-layer linear model', s2",
      "When eps = 0, by a change of basis and a proper initialization, we can reduce the study of this "
      "matrix equation to r independent dynamics (see §B.5 for more details), for 1 <= i <= r, (22)",
      ("thm3.form", "eq22.recursion"), status="partly",
      reason="'(see §B.5)': refers to an appendix that is not available (the main-text statement it supports "
             "is judged where listed)"),
    S("Sec. 3.2, (22)",
      "w_i^(t+1) = w_i^(t) + eta w_i^(t) (sigma_i - lambda_i w_i^(t) w_i^(t))",
      ("eq22.recursion",), kind="display"),
    S("Sec. 3.2, 'Two-layer linear model', s3",
      "Thus we can derive a bound on the iterate w_i^(t) leading to the following theorem,",
      ("thm3.upper", "thm3.lower")),
    S("Sec. 3.2, Thm. 3, first display",
      "Under the same assumptions as Thm. 1 and eps = 0, we have W_1^(t) = U diag(sqrt(w_1^(t)), ..., "
      "sqrt(w_p^(t))) Q and W_2^(t) = Q^{-1} diag(sqrt(w_1^(t)), ..., sqrt(w_d^(t))) V^T.",
      ("thm3.form",), kind="display"),
    S("Sec. 3.2, Thm. 3, (23)",
      "Moreover, for any 1 <= i <= r_xy, if 1 > w_i^(0) > 0 and 2 eta sigma_i < 1, then for all t >= 0: "
      "w_i^(0)/((sigma_i - lambda_i w_i^(0)) e^{(-2 eta sigma_i + 4 eta^2 sigma_i^2) t} + w_i^(0) lambda_i) "
      "<= w_i^(t) <= w_i^(0)/((sigma_i - lambda_i w_i^(0)) e^{(-2 eta sigma_i - eta^2 sigma_i^2) t} + "
      "w_i^(0) lambda_i)",
      ("thm3.lower", "thm3.upper"), kind="display"),
    S("Sec. 3.2, Thm. 3, last line",
      "and w_i^(t) <= w_i^(0)/(1 + w_i^(0) lambda_i eta t) for r_xy <= i <= r_x.",
      ("thm3.sigma0",), kind="display"),
    S("Sec. 3.2, after Thm. 3",
      "The differences with the continuous case (16) are in red.",
      status="not checkable",
      reason="refers to colours of the printed PDF, lost in the available text; the formulas are judged by "
             "thm3.upper and thm3.lower"),
    S("Sec. 3.2, proof sketch of Thm. 3, s1",
      "The solution of the continuous dynamics lets us think directly studying the sequence w_i^(t) might be "
      "quite challenging since the solution of the continuous dynamics w_i(t)^{-1} has a nonlinear and "
      "non-convex behavior.",
      ("sketch.nonconvex",)),
    S("Sec. 3.2, proof sketch of Thm. 3, s2",
      "The main insight from this proof is that one can treat the discrete case using the right "
      "transformation, to show that some sequence doee converge linearly.",
      ("sketch.linear",)),
    S("Sec. 3.2, proof sketch of Thm. 3, s3",
      "Thm. 2 indicates the quantity w_i(t)^{-1} - lambda_i/sigma_i is the good candidate to show linear "
      "convergence to 0,",
      ("eq24.identity", "sketch.linear"), status="partly",
      reason="the exponential decay of this quantity follows from (16) (Thm. 1), not from the limit theorem "
             "Thm. 2; the decay and the discrete analogue are judged"),
    S("Sec. 3.2, (24)",
      "w_i(t)^{-1} - sigma_i/lambda_i = (w_i(0)^{-1} - sigma_i/lambda_i) e^{-2 eta sigma_i t}",
      ("eq24.identity",), kind="display"),
    S("Sec. 3.2, proof sketch of Thm. 3, s4",
      "What we can expect is thus to show that the sequence (w_i^(t))^{-1} - sigma_i/lambda_i has similar "
      "properties.",
      ("sketch.expect",)),
    S("Sec. 3.2, proof sketch of Thm. 3, s5",
      "The first step of the proof is to show that (w_i^(t)) is an increasing sequence smaller than one.",
      ("eq24.monotone",)),
    S("Sec. 3.2, proof sketch of Thm. 3, s6",
      "The second step is then to use (22) to get, [display]",
      ("eq24.recursion",)),
    S("Sec. 3.2, proof sketch of Thm. 3, display",
      "1/w_i^(t+1) - lambda_i/sigma_i = (1/w_i^(t)) (1/(1 + 2(sigma_i - lambda_i w_i^(t)) + eta^2 (sigma_i - "
      "lambda_i w_i^(t))^2)) - lambda_i/sigma_i",
      ("eq24.recursion",), kind="display"),
    S("Sec. 3.2, proof sketch of Thm. 3, s7",
      "Then using that 1 - x <= 1/(1+x) <= 1 - x + x^2 for any 1 <= x <= 0 we can derive the upper and lower "
      "bounds on the linear convergence rate.",
      ("eq24.inequalities", "thm3.upper", "thm3.lower")),
    S("Sec. 3.2, proof sketch of Thm. 3, s8",
      "See §B.5 for full proof.",
      status="not checkable", reason=_APP + ": thm3.*, eq24.*"),
    S("Sec. 3.2, before (25), s1",
      "In order to get a similar interpretation of Thm. 3 in terms of implicit regularization, we use the "
      "intuitions from Thm. 2.",
      status="not checkable", reason=_SELF),
    S("Sec. 3.2, before (25), s2",
      "The analogy between continuous and discrete time is that the discrete time dynamics is doing t "
      "time-steps of size eta, meaning that we have W(eta t) ~ W_t, the time rescaling in continuous time "
      "consists in multiplying the time by delta thus we get the analog phase transition time, (25)",
      ("eq25.times", "sec32.horizon")),
    S("Sec. 3.2, (25)",
      "eta T_i := 1/sigma_i => T_i := 1/(eta sigma_i)",
      ("eq25.times", "sec42.phase_times"), kind="display"),
    S("Sec. 3.2, before Cor. 3, s1",
      "Recall that we assumed that m_i^(0) = n_i^(0) = e^{-delta}.",
      ("sec32.recall_init",)),
    S("Sec. 3.2, before Cor. 3, s2",
      "Thus, we show that the i-th component is learned around time T_i, and consequently that the "
      "components are learned sequentially,",
      ("eq25.times", "cor3.limits")),
    S("Sec. 3.2, Cor. 3, conditions",
      "If eta < 1/(2 sigma_1), eta < 2 (sigma_i - sigma_{i+1})/sigma_i^2 and eta < (sigma_i - "
      "sigma_{i+1})/(2 sigma_{i+1}^2), for 1 <= i <= r_xy - 1, then for 1 <= i < r_x,",
      ("cor3.conditions",), kind="display"),
    S("Sec. 3.2, Cor. 3, (26)",
      "w_i^(delta T_j) -> 0 if i > r_xy or j < i; -> sigma_i/lambda_i if i <= r_xy and j > i, T_0 := 0, T_j "
      ":= 1/(sigma_j eta), T_j := +oo if j > r_xy",
      ("cor3.limits",), kind="display"),
    S("Sec. 3.2, after Cor. 3, s1",
      "This result is proved in §B.5.",
      status="not checkable", reason=_APP + ": cor3.conditions, cor3.limits"),
    S("Sec. 3.2, after Cor. 3, s2",
      "The quantities (sigma_i - sigma_{i+1})/sigma_i^2 and (sigma_i - sigma_{i+1})/sigma_{i+1}^2 can be "
      "interpreted as relative eigengaps.",
      status="not checkable", reason="a naming (an interpretation of the conditions), no assertion"),
    S("Sec. 3.2, after Cor. 3, s3",
      "Note that they are well defined since we assumed that the eigenspaces were unidimensional.",
      ("cor3.gaps_defined",)),
    S("Sec. 3.2, after Cor. 3, s4",
      "The intuition behind this condition is that the step-size cannot be larger than the eigen-gaps "
      "because otherwise the discrete optimization algorithm would not be able to distinguish some "
      "components.",
      ("cor3.gap_intuition",)),
    # ------------------------------------------------------------------ Sec. 4.1
    S("Sec. 4.1, ¶1 s1",
      "In this section we verify to what extent Assump. 1 is true on standard classification datasets.",
      ("table1.values", "table1.orders")),
    S("Sec. 4.1, ¶1 s2",
      "For this, we compute the normalized quantities Delta_xy and Delta_x representing how much Assump. 1 "
      "and the assumption that Sigma_x ~ I_d are respectively broken.",
      ("eq27.delta_xy", "eq27.delta_x")),
    S("Sec. 4.1, ¶1 s3",
      "We compute B by computing U, the left singular vector of Sigma_xy and looking at the non-diagonal "
      "coefficients of U^T Sigma_x U, (27)",
      ("eq27.delta_xy",)),
    S("Sec. 4.1, (27)",
      "Delta_xy := ||B||_2/||Sigma_x||_2, Delta_x := 1/2 ||hat Sigma_x - hat I_d||_2, ||.|| the Frobenius "
      "norm, hat X := X/||X||, hat I_d := I_d/||I_d||",
      ("eq27.delta_xy", "eq27.delta_x"), kind="display"),
    S("Sec. 4.1, ¶1 s4",
      "These normalized quantities are between 0 and 1.",
      ("eq27.range",)),
    S("Sec. 4.1, ¶1 s5",
      "The closer to 1, the less the assumption hold and conversely, the closer to 0, the more the "
      "assumption approximately holds.",
      ("eq27.scale",)),
    S("Sec. 4.1, ¶1 s6",
      "We present the results on three standard classification datasets, MNIST, CIFAR10 and ImageNet, a "
      "down-sampled version of ImageNet with images of size 64 x 64.",
      ("table1.values",), status="partly",
      reason="a description of the data; the values computed on them are judged"),
    S("Sec. 4.1, ¶1 s7",
      "In Table 1, we can see that the quantities Delta_x and Delta_xy do not vary much among the datasets",
      ("table1.vary",)),
    S("Sec. 4.1, ¶1 s7 (cont.)",
      "and that the Delta associated with our Assump. 1 is two orders of magnitude smaller than the Delta "
      "associated with Saxe et al. [2018]'s assumption indicating the relevance of our assumption.",
      ("table1.orders",), status="partly",
      reason="'indicating the relevance of our assumption' is an interpretation"),
    S("Sec. 4.1, Table 1",
      "MNIST: Delta_xy = 2.8e-2, Delta_x = .70; CIFAR-10: 3.0e-2, .68; ImageNet: 1.7e-1, .70",
      ("table1.values",), kind="display"),
    S("Sec. 4.1, Table 1 caption",
      "Value of the quantities Delta_xy and Delta_x defined in (27).",
      ("table1.values",), kind="display"),
    # ------------------------------------------------------------------ Sec. 4.2
    S("Sec. 4.2, ¶1 s1",
      "For an auto-encoder, we have, Y = X.",
      status="not checkable", reason=_DEF),
    S("Sec. 4.2, ¶1 s2",
      "We want to compare the reconstruction properties of W^(t) computed though (21) and of the matrix "
      "product W_1^(t)W_2^(t) where W_1^(t) and W_2^(t) are computed though (22).",
      ("eq22.recursion", "thm3.form"), status="partly",
      reason="a description of the experiment; that (22) (the per-layer recursion, eq22.recursion) computes "
             "the layers needs Thm. 3's form, judged there"),
    S("Sec. 4.2, ¶1 s3",
      "In this experiment, we have p = d = 20, n = 1000, r = 5 and we generated synthetic data.",
      ("sec42.dimensions",)),
    S("Sec. 4.2, ¶1 s4",
      "First we generate a fixed matrix B in R^{d x r} such that, B_kl ~ U([0,1]), 1 <= k, l <= n.",
      ("sec42.dimensions",)),
    S("Sec. 4.2, ¶1 s5",
      "Then, for 1 <= i <= n, we sample x_i ~ B z_i + eps_i where z_i ~ N(0, D) := diag(4, 2, 1, 1/2, 1/4) "
      "and eps_i ~ 10^-3 N(0, I_d).",
      ("sec42.dimensions",)),
    S("Sec. 4.2, ¶1 s6",
      "In Fig. 2, we plot the trace norm of W^(t) and W_1^(t)W_2^(t) as well as their respective "
      "reconstruction errors as a function of t the number of iterations, (28)",
      ("fig2.reproduce", "sec42.eq28")),
    S("Sec. 4.2, (28)",
      "||W^(t) - B D B^T||_2",
      ("sec42.eq28",), kind="display"),
    S("Sec. 4.2, ¶2 s1",
      "We can see that the experimental results are very close to the theoretical behavior predicted with "
      "the continuous dynamics in Figure 1.",
      ("sec42.continuous",)),
    S("Sec. 4.2, ¶2 s2",
      "Contrary to the dynamics induced by the linear model formulation (L=1), the dynamics induced by the "
      "two-layer linear network (L=2) is very close to a step function: each step corresponds to the "
      "learning to a new component: They are learned sequentially.",
      ("sec42.steps", "sec42.phase_times")),
    S("Sec. 4.2, Fig. 2 caption",
      "Trace norm and reconstruction errors of W^(t) for L=1 and 2 as a function of t.",
      ("fig2.reproduce",), kind="display"),
    # ------------------------------------------------------------------ Sec. 5
    S("Sec. 5, s1",
      "There is a growing body of empirical and theoretical evidence that the implicit regularization "
      "induced by gradient methods is key in the training of deep neural networks.",
      status="not checkable", reason=_BG),
    S("Sec. 5, s2",
      "Yet, as noted by Zhang et al. [2017], even for linear models, our understanding of the origin of "
      "generalization is limited.",
      status="not checkable", reason=_CITED),
    S("Sec. 5, s3",
      "In this work, we focus on a simple non-convex objective that is parametrized by a two-layer linear "
      "network.",
      ("sec31.nonconvex",)),
    S("Sec. 5, s4",
      "In the case of linear regression we show that the discrete gradient dynamics also visits points that "
      "are implicitly regularized solutions of the initial optimization problem.",
      ("cor3.limits",), status="partly",
      reason="the points the discrete dynamics visits are judged (cor3.limits: their limits in rescaled "
             "time); 'implicitly regularized solutions' names no regularised problem here, so which problem "
             "they solve is not judged for this sentence (where the paper names reduced-rank regression, in "
             "the abstract and Sec. 1, abstract.rrr judges it)"),
    S("Sec. 5, s5",
      "In that sense, in the context of machine learning, applying gradient descent on the overparametrized "
      "model of interest, provides a form of implicit regularization: it sequentially learns the "
      "hierarchical components of our problem which could help for generalization.",
      ("intro.hierarchy", "cor3.limits"), status="partly",
      reason="the sequential learning is judged; 'could help for generalization' is hedged, with no "
             "criterion"),
    S("Sec. 5, s6",
      "Our setting does not pretend to solve generalization in deep neural networks; many majors components "
      "of the standard neural network training are omitted such as the non-linearities, large values of L "
      "and the stochasticity in the learning procedure (SGD).",
      status="not checkable", reason="a statement of scope"),
    S("Sec. 5, s7",
      "Nevertheless, it provides useful insights about the source of generalization in deep learning.",
      status="not checkable", reason="an assessment, no criterion"),
    # ------------------------------------------------------------------ front matter, acknowledgments
    S("Front matter, footnotes",
      "Correspondance to the first author: <firstname>.<lastname>@umontreal.ca; *CIFAR fellow, Canada CIFAR "
      "AI chair",
      status="not checkable", reason="contact and affiliation, not about the paper's objects"),
    S("Acknowledgments",
      "This research was partially supported by the Canada CIFAR AI Chair Program, ... and by a Google "
      "Focused Research award.",
      status="not checkable", reason="funding, not about the paper's objects"),
)
