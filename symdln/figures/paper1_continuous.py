r"""Fig. 1 of paper 1, reproduced from the closed forms (16) and (9) with exact-exponent log-space
evaluation (:mod:`symdln.limits`), together with the proved :math:`\delta\to\infty` limits.

Panel (a): the text's example :math:`\Sigma_{yx} = \mathrm{diag}(10^{-1}, 10^{-2}, 10^{-3})`,
:math:`\Sigma_x = I`, :math:`W(0) = W_1(0)W_2(0) = e^{-\delta}I` (caption): squared Frobenius norms of
:math:`W(\delta t)` (L = 1) and :math:`W_1W_2(\delta t)` (L = 2).  Panel (b): the caption's
autoencoder reading :math:`\Sigma_x = \Sigma_{xy}`: the trace norm of :math:`W_1W_2(\delta t)`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from fractions import Fraction
from typing import Any

from symdln.figures import Figure

__all__ = ["FIGURES", "fig1_data"]

SIGMAS = (Fraction(1, 10), Fraction(1, 100), Fraction(1, 1000))
DELTAS = (10, 30, 100)
K_CAPTION = Fraction(1)  # W(0) = e^{-delta} I: each mode starts at e^{-delta}


def _grid(n: int = 161) -> list[Fraction]:
    # log-spaced rescaled times 10^{-0.5} .. 10^{3.5}, as exact rationals (1e-6 resolution),
    # with the transitions 1/(2 sigma_i) included exactly
    pts = {Fraction(round(10 ** (-0.5 + 4 * j / (n - 1)) * 10**6), 10**6) for j in range(n)}
    pts |= {K_CAPTION / (2 * s) for s in SIGMAS}
    return sorted(pts)


def _two_layer(sig: Sequence[Fraction], lam: Sequence[Fraction], t: Fraction, delta: int,
               power: int) -> float:
    import mpmath

    from symdln.limits import log_w_scaled

    return float(sum(mpmath.exp(power * log_w_scaled(s, l, t, K_CAPTION, Fraction(delta)))
                     for s, l in zip(sig, lam, strict=True)))


def _linear(sig: Sequence[Fraction], lam: Sequence[Fraction], t: Fraction, delta: int) -> float:
    # (9) per mode with W_0 = e^{-delta}: m = e^{-lambda delta t}(e^{-delta} - sigma/lambda) + sigma/lambda
    import math

    out = 0.0
    for s, l in zip(sig, lam, strict=True):
        r = float(s / l)
        m = math.exp(-float(l * t) * delta) * (math.exp(-delta) - r) + r
        out += m * m
    return out


def fig1_data(deltas: Sequence[int] = DELTAS, n: int = 161) -> dict[str, Any]:
    """The data of the Fig. 1 reproduction (closed forms at each delta and the proved limits)."""
    from symdln.limits import mode_limit

    ts = _grid(n)
    ones = (Fraction(1),) * 3
    data: dict[str, Any] = {
        "t": [float(t) for t in ts],
        "sigma": [str(s) for s in SIGMAS],
        "w(0)": "e^{-delta}",
        "transitions": [str(K_CAPTION / (2 * s)) for s in SIGMAS],
        "thm2_T": [str(1 / s) for s in SIGMAS],
        "example": {"two_layer_sq_norm": {}, "linear_sq_norm": {}},
        "autoencoder": {"two_layer_trace_norm": {}},
    }
    for d in deltas:
        data["example"]["two_layer_sq_norm"][d] = [_two_layer(SIGMAS, ones, t, d, 2) for t in ts]
        data["example"]["linear_sq_norm"][d] = [_linear(SIGMAS, ones, t, d) for t in ts]
        data["autoencoder"]["two_layer_trace_norm"][d] = [_two_layer(SIGMAS, SIGMAS, t, d, 1) for t in ts]

    def lim(sig: Sequence[Fraction], lam: Sequence[Fraction], t: Fraction, p: int) -> Fraction:
        return sum((mode_limit(s, l, t, K_CAPTION)[0] ** p for s, l in zip(sig, lam, strict=True)),
                   Fraction(0))

    data["example"]["two_layer_limit"] = [str(lim(SIGMAS, ones, t, 2)) for t in ts]
    data["example"]["linear_limit"] = str(sum((s * s for s in SIGMAS), Fraction(0)))  # Sigma_x^+ Sigma_xy
    data["autoencoder"]["trace_norm_limit"] = [str(lim(SIGMAS, SIGMAS, t, 1)) for t in ts]
    return data


def _build() -> tuple[Any, Mapping[str, Any]]:
    from matplotlib.figure import Figure as MplFigure

    data = fig1_data()
    t = data["t"]
    fig = MplFigure(figsize=(10, 4))
    ax1, ax2 = fig.subplots(1, 2)
    for d, ys in data["example"]["two_layer_sq_norm"].items():
        ax1.plot(t, ys, label=f"L = 2, delta = {d}")
    for d, ys in data["example"]["linear_sq_norm"].items():
        ax1.plot(t, ys, "--", label=f"L = 1, delta = {d}")
    ax1.step(t, [float(Fraction(x)) for x in data["example"]["two_layer_limit"]], "k:", where="post",
             label="L = 2, limit (proved)")
    ax1.set(xscale="log", xlabel="rescaled time t", ylabel="squared Frobenius norm",
            title="(a) Sigma_yx = diag(1e-1, 1e-2, 1e-3), Sigma_x = I")
    ax1.legend(fontsize=7)
    for d, ys in data["autoencoder"]["two_layer_trace_norm"].items():
        ax2.plot(t, ys, label=f"delta = {d}")
    ax2.step(t, [float(Fraction(x)) for x in data["autoencoder"]["trace_norm_limit"]], "k:", where="post",
             label="limit (proved)")
    ax2.set(xscale="log", xlabel="rescaled time t", ylabel="trace norm of W_1 W_2(delta t)",
            title="(b) autoencoder Sigma_x = Sigma_xy")
    ax2.legend(fontsize=7)
    fig.suptitle("Fig. 1 reproduced; W(0) = e^{-delta} I: transitions at t = 1/(2 sigma_i) = 5, 50, 500")
    fig.tight_layout()
    return fig, data


FIGURES: tuple[Figure, ...] = (
    Figure("paper1_fig1", "Fig. 1: norms of W(delta t) and W_1 W_2(delta t), closed forms and limits",
           _build),
)
