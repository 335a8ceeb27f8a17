"""Claims of Sec. 2, Sec. 3.1 (L = 1, gradients) and Sec. 3.2 (L = 1) of paper 1."""

from __future__ import annotations

import sympy as sp

from symdln.assumption import d, p
from symdln.checks import architecture, eq14, eq21, gradients, linear_model
from symdln.claims.record import Check, Claim
from symdln.correction import Correction
from symdln.linear import W_0, I_d, Sigma_x, Sigma_x_pinv, Sigma_xy, W_t
from symdln.notation import eta, t

#: Sigma_x^+ Sigma_xy, the least-norm solution of (7) = 0 in (21)
_P21 = Sigma_x_pinv * Sigma_xy

CLAIMS: tuple[Claim, ...] = (
    Claim(
        id="sec2.overparam",
        paper="paper1",
        where="Sec. 2, after (4)",
        statement=r"over-parametrized models, i.e., when r > min(p, d). In that case "
        r"\{W_1 \cdots W_L : W_l \in R^{r x l-1, r_l}, 1 <= l <= L\} = R^{p x d}",
        domain="r := min{r_l : 1 <= l <= L-1}, r_0 = d, r_L = p",
        checks=(
            Check("cover", None,
                  "the condition and the shape under test against the set of products: its shape "
                  "(layers r_{l-1} x r_l) and which inner widths cover every d x p matrix, decided "
                  "exactly for symbolic layers on widths on both sides of every threshold; for every size, "
                  "the products are the matrices of rank <= min(r, d, p) and z3 compares the condition "
                  "with r >= min(d, p) over all integers",
                  judge=architecture.judge_overparametrisation),
        ),
        formula=sp.Implies(architecture.r > sp.Min(d, p),
                           sp.And(sp.Eq(architecture.rows, p), sp.Eq(architecture.cols, d))),
        correction=Correction(
            sp.Equivalent(architecture.r >= sp.Min(d, p),
                          sp.And(sp.Eq(architecture.rows, d), sp.Eq(architecture.cols, p))),
            context="rows x cols the shape R^{rows x cols} that {W_1 ... W_L : W_l in R^{r_{l-1} x r_l}} "
                    "equals, r_0 = d, r_L = p, r = min_l r_l"),
        symbols=(architecture.r, d, p, architecture.rows, architecture.cols),
    ),
    Claim(
        id="eq4.rank_constraint",
        paper="paper1",
        where="Sec. 2, eq. (4)",
        statement=r"if r < min(d, p), (2) is equivalent to W^{k,*} \in argmin_{rank(W) < r} "
        r"\frac{1}{2n} \sum_{i=1}^n \|Y - XW\|_2^2",
        domain="r := min{r_l : 1 <= l <= L-1} < min(d, p)",
        checks=(
            Check("feasible-set", None,
                  "the feasibility condition under test against the set of products: for every rank "
                  "k and r < min(d, p), whether a rank-k matrix is a product with inner width r, "
                  "decided exactly (r = 1, 2); for every size, by z3 against rank_W <= r over all "
                  "integers",
                  judge=architecture.judge_rank_constraint),
        ),
        uses=("sec2.overparam",),
        formula=architecture.rank_W < architecture.r,
        correction=Correction(
            architecture.rank_W <= architecture.r,
            context="the constraint of (4): for r < min(d, p), (2) is equivalent to argmin over W with it "
                    "of 1/(2n) ||Y - XW||_F^2"),
        symbols=(architecture.rank_W, architecture.r, d, p),
    ),
    Claim(
        id="eq7.gradient",
        paper="paper1",
        where="Sec. 3.1, eq. (7)",
        statement=r"\nabla f(W) = \Sigma_x W - \Sigma_{xy}, \Sigma_{xy} := \frac1n X^T Y, "
        r"\Sigma_x := \frac1n X^T X",
        domain="X in R^{n x d}, Y in R^{n x p}, W in R^{d x p}; f(W) = 1/(2n) ||Y - XW||^2",
        checks=(
            Check("derive", gradients.check_gradient_7,
                  "derive the gradient of (2) with L = 1 (symbolic sizes and entrywise) "
                  "and compare exactly"),
        ),
    ),
    Claim(
        id="eq11.gradient",
        paper="paper1",
        where="Sec. 3.1, eq. (11)",
        statement=r"\nabla f_{W_l}(W_{[L]}) = W_{1:l-1}^T(\Sigma_x W - \Sigma_{xy})W_{l+1:L}^T, "
        r"W_{i:j} := W_i \cdots W_j, W_{1,0} = I_d, W_{L+1,L} = I_p",
        domain="L >= 2, W_l in R^{r_{l-1} x r_l}, r_0 = d, r_L = p",
        checks=(
            Check("derive", gradients.check_gradient_11,
                  "derive each layer gradient of (2) by matrix calculus over symbolic widths on the "
                  "segments (W_{1:l-1}, W_l, W_{l+1:L}), every depth L by associativity; entrywise "
                  "cross-check for L = 2, 3, 4 (one and two samples, d != p)"),
        ),
        uses=("eq7.gradient",),
    ),
    Claim(
        id="eq12.flow",
        paper="paper1",
        where="Sec. 3.1, eq. (12)",
        statement=r"\dot W_l(t) = W_{1:l-1}(t)^T(\Sigma_{xy} - \Sigma_x W(t))W_{l+1:L}(t)^T, "
        r"W_l(0) \in R^{d x p}, 1 <= l <= L",
        domain="L >= 2",
        checks=(
            Check("derive", None,
                  "right-hand side equals minus the derived gradient (symbolic widths, every depth; "
                  "entrywise cross-check); the layer shape under test equal to r_{l-1} x r_l on every "
                  "case of the domain, and judged by the exact product shapes and the layers of (2)",
                  judge=gradients.judge_flow_12),
        ),
        uses=("eq11.gradient",),
        formula=sp.And(sp.Eq(architecture.rows, d), sp.Eq(architecture.cols, p)),
        correction=Correction(
            sp.And(sp.Eq(architecture.rows, gradients.r_prev), sp.Eq(architecture.cols, gradients.r_l)),
            context="W_l(0) in R^{rows x cols}, 1 <= l <= L; r_prev = r_{l-1}, r_0 = d, r_L = p"),
        symbols=(architecture.rows, architecture.cols, d, p, gradients.l_layer, gradients.L_layers,
                 gradients.r_prev, gradients.r_l),
    ),
    Claim(
        id="prop1.solution",
        paper="paper1",
        where="Sec. 3.1, Prop. 1, eq. (9)",
        statement=r"For any W_0 \in R^{d x p}, the solution to (8) is W(t) = e^{-t\Sigma_x}"
        r"(W_0 - \Sigma_x^\dagger\Sigma_{xy}) + \Sigma_x^\dagger\Sigma_{xy}",
        domain="any W_0; Sigma_x = X^T X / n possibly singular; Sigma_xy = X^T Y / n",
        checks=(
            Check("solves-ode", None,
                  "the formula under test against (8): in the algebra of Sigma_x, Sigma_x^+ and "
                  "e^{g(t) Sigma_x} (every d, p; Penrose equations, Sigma_x Sigma_x^+ Sigma_xy = Sigma_xy, "
                  "d/dt e^{g Sigma_x} = g' Sigma_x e^{g Sigma_x}) F' - (Sigma_xy - Sigma_x F) and "
                  "F(0) - W_0 reduce to 0; per-mode dsolve, exact ODE residual and initial value with "
                  "symbolic W0, Y on full-rank, singular, repeated-eigenvalue and d != p data",
                  judge=linear_model.judge_prop1),
        ),
        uses=("eq7.gradient",),
        formula=sp.Eq(W_t, sp.exp(-t * Sigma_x) * (W_0 - _P21) + _P21),
        symbols=(W_t, W_0, Sigma_x, Sigma_xy, Sigma_x_pinv, I_d, t),
    ),
    Claim(
        id="eq10.vanishing_init",
        paper="paper1",
        where="Sec. 3.1, eq. (10)",
        statement=r"W(t) \to_{W_0 \to 0} (I_d - e^{-t\Sigma_x})\Sigma_x^\dagger\Sigma_{xy}",
        domain="t >= 0",
        checks=(
            Check("limit", None,
                  "the formula under test (W_t read as lim_{W_0 -> 0} W(t)) against the W_0 -> 0 limit "
                  "of (9), (9) proved to solve (8): an identity in the algebra of Sigma_x, Sigma_x^+ and "
                  "e^{-t Sigma_x} (every d, p); exact limit on the data cases",
                  judge=linear_model.judge_limit_10),
        ),
        uses=("prop1.solution",),
        formula=sp.Eq(W_t, (I_d - sp.exp(-t * Sigma_x)) * _P21),
        symbols=(W_t, Sigma_x, Sigma_xy, Sigma_x_pinv, I_d, t),
    ),
    Claim(
        id="eq8.rescaled_limit",
        paper="paper1",
        where="Sec. 3.1, remark after Thm. 2",
        statement=r"the time rescaling t -> \delta t ... taking the limit this way for (8) "
        r"would lead to a constant function",
        domain="W(0) = e^{-delta} I_d (as in Fig. 1), delta -> infinity, t > 0",
        checks=(
            Check("limit", linear_model.check_rescaled_limit,
                  "per-mode dsolve and SymPy limit delta -> oo, verified by an exact rate "
                  "identity for the derived limit"),
        ),
        uses=("prop1.solution",),
    ),
    Claim(
        id="eq21.closed_form",
        paper="paper1",
        where="Sec. 3.2, eq. (21)",
        statement=r"W_t = (W_0 - \Sigma_x^\dagger\Sigma_{xy})(I_d - \eta\Sigma_x)^t + "
        r"\Sigma_x^\dagger\Sigma_{xy}",
        domain="L = 1, W_{t+1} = (I_d - eta Sigma_x) W_t + eta Sigma_xy, "
        "1/lambda_max(Sigma_x) > eta > 0",
        checks=(
            Check("iterate", None,
                  "the formula under test against the gradient-descent iterates: induction in t in the "
                  "algebra of the matrices (every d, p; Penrose equations, Sigma_x Sigma_x^+ Sigma_xy = "
                  "Sigma_xy); exact comparison for t <= 3 and induction on exact data cases (d != p, "
                  "singular Sigma_x); witnesses inside 0 < eta < 1/lambda_max",
                  judge=eq21.judge_eq21_closed_form),
        ),
        uses=("eq7.gradient",),
        formula=sp.Eq(W_t, (W_0 - _P21) * (I_d - eta * Sigma_x) ** t + _P21),
        correction=Correction(sp.Eq(W_t, (I_d - eta * Sigma_x) ** t * (W_0 - _P21) + _P21),
                              context="for every eta and every integer t >= 0"),
        symbols=(W_t, W_0, Sigma_x, Sigma_xy, Sigma_x_pinv, I_d, eta, t),
    ),
    Claim(
        id="eq21.step_size",
        paper="paper1",
        where="Sec. 3.2, before (21)",
        statement=r"for 1/\lambda_{max}(\Sigma_x) > \eta > 0, I_d - \eta\Sigma_x is invertible",
        domain="Sigma_x symmetric positive semidefinite",
        checks=(
            Check("z3", eq21.check_eq21_step_size,
                  "z3 proof over the eigenvalues; sharp invertibility and convergence "
                  "conditions"),
        ),
    ),
    Claim(
        id="eq21.limit",
        paper="paper1",
        where="Sec. 3.2, after (21)",
        statement="We obtain a similar result as the solution of the differential equation "
        "given in Prop. 1.",
        domain="0 < eta < 2 / lambda_max(Sigma_x), t -> infinity",
        checks=(
            Check("limit", None,
                  "the formula under test against the two conditions that characterise the limit of "
                  "the iterates (fixed point of the update, null-space part of W0 kept) and against the "
                  "t -> oo limit of (9), in the algebra of Sigma_x, Sigma_x^+ (every d, p); the same "
                  "conditions on the data cases, W0 and Y symbolic, with SymPy's limit of (9)",
                  judge=eq21.judge_eq21_limit),
        ),
        uses=("eq21.closed_form", "prop1.solution"),
        formula=sp.Eq(eq21.W_inf, (I_d - Sigma_x * Sigma_x_pinv) * W_0 + _P21),
        symbols=(eq21.W_inf, W_0, Sigma_x, Sigma_xy, Sigma_x_pinv, I_d),
    ),
    Claim(
        id="eq14.autoencoder",
        paper="paper1",
        where="Sec. 3.1, eq. (14)",
        statement=r"Linear autoencoder: Y = X ... \Sigma_{xy}\Sigma_{xy}^T = "
        r"(\frac1n X^T X)^2 = \Sigma_x^2. Thus, B = 0.",
        domain="Y = X (p = d), L = 2; B from Assump. 1 with U the left singular vectors of "
        "Sigma_xy",
        checks=(
            Check("identity", eq14.check_eq14,
                  "identity over symbolic sizes (X a MatrixSymbol) and for symbolic entries; B = 0 for "
                  "every SVD (unique PSD square root), decided exactly on the data cases"),
        ),
    ),
)
