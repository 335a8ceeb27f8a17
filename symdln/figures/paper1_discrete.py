"""Figures of Sec. 3.2 of paper 1 (see :mod:`symdln.figures`): where the discrete iterates rise.

``discrete_rescaled``: the product singular value :math:`w^{(\\lfloor\\delta\\tau\\rfloor)}`,
normalised by its limit :math:`\\sigma/\\lambda`, against the rescaled time :math:`\\tau`, for
growing :math:`\\delta` (initialisation :math:`e^{-2\\delta}`), with the printed
:math:`T = 1/(\\eta\\sigma)` (25) and the proved transition :math:`1/\\log(1+\\eta\\sigma)`.
The curves come from the u-recursion in float64 (a plot, not a certificate; the
certified statements are the claims ``eq25.times`` and ``cor3.limits``).
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from symdln.figures import Figure

__all__ = ["FIGURES", "rescaled_curves"]


def rescaled_curves(s: float = 0.25, deltas: tuple[float, ...] = (5.0, 20.0, 80.0),
                    taus: np.ndarray | None = None) -> dict[str, Any]:
    """w(floor(delta tau)) * lambda/sigma on a tau grid, by iterating u = 1/w - lambda/sigma (c = 1)."""
    taus = np.linspace(0.0, 8.0, 321) if taus is None else taus
    curves = {}
    for d in deltas:
        tmax = int(d * taus[-1]) + 1
        u = math.exp(2 * d) - 1.0
        us = np.empty(tmax + 1)
        for t in range(tmax + 1):
            us[t] = u
            y = s * u / (u + 1.0)
            u *= 1.0 - s * (2.0 + y) / ((1.0 + y) * (1.0 + y))
        curves[d] = 1.0 / (us[np.floor(d * taus).astype(int)] + 1.0)
    return {"eta sigma": s, "tau": taus, "curves": curves,
            "printed T = 1/(eta sigma)": 1.0 / s, "transition 1/log(1 + eta sigma)": 1.0 / math.log1p(s)}


def _build() -> tuple[Any, dict[str, Any]]:
    from matplotlib.figure import Figure as MplFigure

    data = rescaled_curves()
    fig = MplFigure(figsize=(6.4, 4.0))
    ax = fig.add_subplot()
    for d, ys in data["curves"].items():
        ax.plot(data["tau"], ys, label=f"delta = {d:g}")
    ax.axvline(data["printed T = 1/(eta sigma)"], color="k", ls="--", label="printed T = 1/(eta sigma)")
    ax.axvline(data["transition 1/log(1 + eta sigma)"], color="r", ls=":", label="1/log(1 + eta sigma)")
    ax.set_xlabel("rescaled time tau (t = delta tau)")
    ax.set_ylabel("w(delta tau) lambda / sigma")
    ax.set_title(f"Discrete two-layer mode, eta sigma = {data['eta sigma']}")
    ax.legend(fontsize="small")
    return fig, data


FIGURES: tuple[Figure, ...] = (
    Figure("discrete_rescaled", "Sec. 3.2: the discrete transition is at 1/log(1 + eta sigma), not (25)",
           _build),
)
