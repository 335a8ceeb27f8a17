r"""Figure of Sec. 3.2 of paper 1 (see :mod:`symdln.figures`): where the discrete iterates rise.

``discrete_rescaled``: the product singular value :math:`w^{(\lfloor\delta\tau\rfloor)}` of the
two-layer gradient descent, normalised by its limit :math:`\sigma/\lambda`, against the rescaled
time :math:`\tau` (iteration :math:`t = \lfloor\delta\tau\rfloor`), for growing :math:`\delta`
(initialisation :math:`w^{(0)} = e^{-2\delta}`), with the printed phase time
:math:`T = 1/(\eta\sigma)` of (25) and the proved transition :math:`1/\ln(1+\eta\sigma)`.

The curves come from the u-recursion :math:`u_{t+1} = u_t\rho_s(s u_t/(u_t + 1))`
(:func:`symdln.discrete.u_step`, :math:`u = 1/w - \lambda/\sigma`, here with
:math:`\lambda/\sigma = 1`) in float64: a plot, not a certificate; the certified statements are
the claims ``eq25.times`` and ``cor3.limits``.  Also illustrated: ``eq22.recursion``,
``thm3.upper``, ``thm3.lower``.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

import numpy as np

from symdln.figures import Figure
from symdln.figures._style import Table, delta_colours, figure_style, new_figure

__all__ = ["COLUMNS", "FIGURES", "rescaled_curves"]

#: the columns of the CSV
COLUMNS = ("series", "eta_sigma", "delta", "tau [iterations / delta]", "iteration t",
           "w_scaled [lambda w / sigma, dimensionless]")


def rescaled_curves(s: float = 0.25, deltas: tuple[float, ...] = (5.0, 20.0, 80.0),
                    taus: np.ndarray | None = None) -> dict[str, Any]:
    r""":math:`w^{(\lfloor\delta\tau\rfloor)}\lambda/\sigma` on a :math:`\tau` grid, iterating
    :math:`u = 1/w - \lambda/\sigma` with :math:`\lambda/\sigma = 1`, :math:`s = \eta\sigma`.

    >>> d = rescaled_curves(taus=np.array([0.0, 8.0]))
    >>> float(d["curves"][80.0][0]) == math.exp(-160.0), bool(d["curves"][80.0][-1] > 0.999)
    (True, True)
    """
    taus = np.linspace(0.0, 8.0, 321) if taus is None else taus
    curves, steps = {}, {}
    for d in deltas:
        tmax = int(d * taus[-1]) + 1
        u = math.expm1(2 * d)  # 1/w_0 - 1 for w_0 = e^{-2 delta}
        us = np.empty(tmax + 1)
        for t in range(tmax + 1):
            us[t] = u
            y = s * u / (u + 1.0)
            u *= 1.0 - s * (2.0 + y) / ((1.0 + y) * (1.0 + y))
        idx = np.floor(d * taus).astype(int)
        steps[d] = idx
        curves[d] = 1.0 / (us[idx] + 1.0)
    return {"eta sigma": s, "tau": taus, "curves": curves, "iterations": steps,
            "printed T = 1/(eta sigma)": 1.0 / s, "transition 1/log(1 + eta sigma)": 1.0 / math.log1p(s)}


def _table(data: Mapping[str, Any]) -> Table:
    s = data["eta sigma"]
    rows: list[tuple[Any, ...]] = []
    for d, ys in data["curves"].items():
        rows += [("iterate", s, d, float(tau), int(t), float(y))
                 for tau, t, y in zip(data["tau"], data["iterations"][d], ys, strict=True)]
    rows.append(("printed T = 1/(eta sigma) (25)", s, None, data["printed T = 1/(eta sigma)"], None, None))
    rows.append(("transition 1/log(1 + eta sigma)", s, None, data["transition 1/log(1 + eta sigma)"],
                 None, None))
    return Table.from_rows(COLUMNS, rows)


def _build() -> tuple[Any, dict[str, Any]]:
    with figure_style():
        data = rescaled_curves()
        data["table"] = _table(data)
        fig = new_figure(6.4, 4.0)
        ax = fig.add_subplot()
        deltas = list(data["curves"])
        for c, d in zip(delta_colours(len(deltas)), deltas, strict=True):
            ax.plot(data["tau"], data["curves"][d], color=c, label=rf"$\delta = {d:g}$")
        ax.axvline(data["printed T = 1/(eta sigma)"], color="k", ls="--",
                   label=r"printed $T = 1/(\eta\sigma)$ (25)")
        ax.axvline(data["transition 1/log(1 + eta sigma)"], color="C3", ls=":",
                   label=r"proved transition $1/\ln(1 + \eta\sigma)$")
        ax.set_xlabel(r"rescaled time $\tau$ (iteration $t = \lfloor\delta\tau\rfloor$)")
        ax.set_ylabel(r"$\lambda\, w^{(t)} / \sigma$")
        ax.set_title(rf"Two-layer gradient descent, one mode: $\eta\sigma = {data['eta sigma']:g}$, "
                     r"$w^{(0)} = e^{-2\delta}$")
        ax.legend(loc="lower right")
    return fig, data


FIGURES: tuple[Figure, ...] = (
    Figure("discrete_rescaled", "Sec. 3.2: the discrete transition is at 1/log(1 + eta sigma), not (25)",
           _build),
)
