"""Claims of Sec. 2, Sec. 3.1 (L = 1, gradients) and Sec. 3.2 (L = 1) of paper 1."""

from __future__ import annotations

from symdln.checks import gradients
from symdln.claims.record import Check, Claim

CLAIMS: tuple[Claim, ...] = (
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
                  "derive each layer gradient of (2) for L = 2, 3, 4 (symbolic widths and "
                  "entrywise) and compare exactly"),
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
            Check("derive", gradients.check_flow_12,
                  "right-hand side equals minus the derived gradient; printed layer shapes"),
        ),
        uses=("eq11.gradient",),
    ),
)
