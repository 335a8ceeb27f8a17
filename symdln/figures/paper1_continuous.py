r"""Fig. 1 of paper 1: the continuous dynamics at rescaled time :math:`\delta t`, linear model
(L = 1) against the two-layer network (L = 2), from the closed forms (9) and (16).

Layout (columns L = 1 | L = 2, as the paper contrasts them):

* top row, the text's example :math:`\Sigma_{yx} = \mathrm{diag}(10^{-1}, 10^{-2}, 10^{-3})`,
  :math:`\Sigma_x = I`: :math:`\|W(\delta t)\|_F^2` and :math:`\|W_1W_2(\delta t)\|_F^2`;
* bottom row, the caption's autoencoder :math:`\Sigma_x = \Sigma_{xy}` (:math:`\lambda_i = \sigma_i`):
  the trace norms :math:`\|W(\delta t)\|_*` and :math:`\|W_1W_2(\delta t)\|_*`, integer steps for L = 2.

Both start at :math:`W(0) = W_1(0)W_2(0) = e^{-\delta}I` (caption).  Per mode, L = 1 follows (9),
:math:`m_i(\delta t) = \frac{\sigma_i}{\lambda_i}(1 - e^{-\lambda_i\delta t})
+ e^{-\delta-\lambda_i\delta t}`:
every component rises at :math:`t \approx 1/(\lambda_i\delta) \to 0`, all of them together as
:math:`\delta\to\infty`.  L = 2 follows the logistic form of (16) (:func:`symdln.limits.log_w_scaled`,
exact exponents, log space): component i is learned at :math:`t = 1/(2\sigma_i)` (this
initialisation; :math:`1/\sigma_i` for :math:`e^{-2\delta}`), one at a time, and the curves approach
the proved step limit (Cor. 1, :func:`symdln.limits.mode_limit`).

Claims illustrated: ``prop1.solution``, ``eq8.rescaled_limit``, ``thm2.linear`` (L = 1);
``eq16.active``, ``thm2.limit``, ``cor1.norm``, ``cor1.nuclear_steps``, ``fig1.example``,
``fig1.integer`` (L = 2).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from fractions import Fraction
from typing import Any

from symdln.figures import Figure
from symdln.figures._style import Table, delta_colours, figure_style, new_figure

__all__ = ["COLUMNS", "DELTAS", "FIGURES", "K_CAPTION", "PANELS", "SIGMAS", "fig1_data"]

SIGMAS = (Fraction(1, 10), Fraction(1, 100), Fraction(1, 1000))
DELTAS = (10, 30, 100)
K_CAPTION = Fraction(1)  # W(0) = e^{-delta} I: each mode starts at e^{-K delta}
#: the columns of the CSV
COLUMNS = ("panel", "setting", "quantity", "L", "delta", "t [rescaled time: W at delta*t]",
           "value [dimensionless]")
#: panel -> (setting, quantity, L, lambda_i per mode, power of the mode in the norm)
PANELS: dict[str, tuple[str, str, int, tuple[Fraction, ...], int]] = {
    "a": ("Sigma_x = I", "squared Frobenius norm", 1, (Fraction(1),) * 3, 2),
    "b": ("Sigma_x = I", "squared Frobenius norm", 2, (Fraction(1),) * 3, 2),
    "c": ("autoencoder Sigma_x = Sigma_xy", "trace norm", 1, SIGMAS, 1),
    "d": ("autoencoder Sigma_x = Sigma_xy", "trace norm", 2, SIGMAS, 1),
}


def _grid(n: int) -> list[Fraction]:
    # log-spaced rescaled times 10^-3 .. 10^3.5 as exact rationals (1e-9 resolution), with the
    # L = 2 transitions K/(2 sigma_i) included exactly
    pts = {Fraction(round(10 ** (-3 + 6.5 * j / (n - 1)) * 10**9), 10**9) for j in range(n)}
    pts |= {K_CAPTION / (2 * s) for s in SIGMAS}
    return sorted(pts)


def _linear_mode(sigma: Fraction, lam: Fraction, t: Fraction, delta: int) -> float:
    # (9) per mode with m(0) = e^{-K delta}: r(1 - e^{-lam delta t}) + e^{-K delta - lam delta t};
    # two positive terms, the first through expm1: no cancellation at small t
    x = float(lam * t * delta)
    return float(sigma / lam) * -math.expm1(-x) + math.exp(-float(K_CAPTION) * delta - x)


def _two_layer_mode(sigma: Fraction, lam: Fraction, t: Fraction, delta: int) -> float:
    import mpmath

    from symdln.limits import log_w_scaled

    return float(mpmath.exp(log_w_scaled(sigma, lam, t, K_CAPTION, Fraction(delta))))


def _curve(panel: str, t: Fraction, delta: int) -> float:
    _setting, _q, L, lams, power = PANELS[panel]
    mode = _linear_mode if L == 1 else _two_layer_mode
    return math.fsum(mode(s, l, t, delta) ** power for s, l in zip(SIGMAS, lams, strict=True))


def _limit(panel: str, t: Fraction) -> Fraction:
    """The delta -> infinity limit, exact: sigma/lambda for every t > 0 when L = 1 (9), the step
    function of :func:`symdln.limits.mode_limit` when L = 2 (Thm. 2, Cor. 1)."""
    from symdln.limits import mode_limit

    _setting, _q, L, lams, power = PANELS[panel]
    if L == 1:
        per_mode = [s / l if t > 0 else Fraction(0) for s, l in zip(SIGMAS, lams, strict=True)]
    else:
        per_mode = [mode_limit(s, l, t, K_CAPTION)[0] for s, l in zip(SIGMAS, lams, strict=True)]
    return sum((m**power for m in per_mode), Fraction(0))


def fig1_data(deltas: Sequence[int] = DELTAS, n: int = 161) -> dict[str, Any]:
    """The curves of Fig. 1 (every panel at each delta), their exact limits and the table.

    Returns ``{"t", "transitions", "thm2_T", "curves", "limits", "table"}``: ``curves[panel][delta]``
    the closed-form values on the grid ``t``, ``limits[panel]`` the exact limits (Fractions),
    ``transitions`` the L = 2 step times :math:`1/(2\\sigma_i)` for this initialisation and
    ``thm2_T`` the printed :math:`T_i = 1/\\sigma_i` (for :math:`w_i(0) = e^{-2\\delta}`).

    >>> d = fig1_data(deltas=(30,), n=5)
    >>> [str(x) for x in d["transitions"]], d["limits"]["d"][-1]
    (['5', '50', '500'], Fraction(3, 1))
    """
    ts = _grid(n)
    curves = {p: {d: [_curve(p, t, d) for t in ts] for d in deltas} for p in PANELS}
    limits = {p: [_limit(p, t) for t in ts] for p in PANELS}
    rows: list[tuple[str, str, str, int, int | str, float, float]] = []  # delta, or "inf" for the limit
    for p, (setting, quantity, L, _lams, _power) in PANELS.items():
        for d in deltas:
            rows += [(p, setting, quantity, L, d, float(t), y) for t, y in zip(ts, curves[p][d], strict=True)]
        rows += [(p, setting, quantity, L, "inf", float(t), float(y))
                 for t, y in zip(ts, limits[p], strict=True)]
    return {
        "t": [float(t) for t in ts],
        "t_exact": ts,
        "sigma": SIGMAS,
        "transitions": [K_CAPTION / (2 * s) for s in SIGMAS],
        "thm2_T": [1 / s for s in SIGMAS],
        "curves": curves,
        "limits": limits,
        "table": Table.from_rows(COLUMNS, rows),
    }


_TITLES = {
    "a": r"(a) linear model $L = 1$: $\|W(\delta t)\|_F^2$",
    "b": r"(b) two-layer $L = 2$: $\|W_1W_2(\delta t)\|_F^2$",
    "c": r"(c) autoencoder, $L = 1$: $\|W(\delta t)\|_*$",
    "d": r"(d) autoencoder, $L = 2$: $\|W_1W_2(\delta t)\|_*$",
}


def _build(deltas: Sequence[int] = DELTAS, n: int = 201) -> tuple[Any, Mapping[str, Any]]:
    with figure_style():
        data = fig1_data(deltas, n)
        t = data["t"]
        fig = new_figure(9.0, 6.2)
        axes = fig.subplots(2, 2, sharex=True, sharey="row")
        colours = delta_colours(len(deltas))
        for ax, p in zip(axes.flat, PANELS, strict=True):
            L = PANELS[p][2]
            for c, d in zip(colours, deltas, strict=True):
                ax.plot(t, data["curves"][p][d], color=c, label=rf"$\delta = {d}$")
            lim_label = (r"$\delta\to\infty$: norm of $\Sigma_x^{+}\Sigma_{xy}$ at every $t > 0$ (9)"
                         if L == 1 else r"$\delta\to\infty$: step limit (18), (19)")
            ax.step(t, [float(y) for y in data["limits"][p]], "k:", where="post", lw=1.2, label=lim_label)
            if L == 2:
                for k, T in enumerate(data["transitions"]):
                    ax.axvline(float(T), color="0.6", lw=0.7, ls="--",
                               label=r"$t = 1/(2\sigma_i)$" if k == 0 else None)
            ax.set_title(_TITLES[p])
            ax.set_xscale("log")
            ax.legend(loc="upper left" if L == 2 else "lower right")
        for ax in axes[0]:
            ax.set_yscale("log")
            ax.set_ylim(1e-9, 0.05)
        for ax in axes[1]:
            ax.set_ylim(-0.1, 3.4)
            ax.set_xlabel(r"rescaled time $t$ (the dynamics at time $\delta t$)")
        axes[0, 0].set_ylabel(r"squared Frobenius norm, $\Sigma_x = I$")
        axes[1, 0].set_ylabel(r"trace norm, $\Sigma_x = \Sigma_{xy}$")
        fig.suptitle(r"Fig. 1: $\Sigma_{yx} = \mathrm{diag}(10^{-1}, 10^{-2}, 10^{-3})$, "
                     r"$W(0) = W_1(0)W_2(0) = e^{-\delta} I$; $L = 1$ learns every component at once, "
                     r"$L = 2$ one at a time")
    return fig, data


FIGURES: tuple[Figure, ...] = (
    Figure("paper1_fig1", "Fig. 1: continuous dynamics at rescaled time, linear model against two layers "
           "(closed forms and limits)", _build),
)
