r"""Figures of paper 2's matrix-completion experiments (see :mod:`symdln.figures`).

* ``p2_completion_2x2``: end points of seeded small balanced initialisations on the 2 x 2
  diagonal problem (:math:`W_{11} = W_{22} = 1` observed), one panel per depth
  :math:`N \in \{2, 3, 5, 10, \infty\}`, over the volume density of :math:`g^N` induced on the
  minimiser plane (one colour scale for every panel); the rank-1 hyperbola :math:`ab = 1` and the
  minimum-nuclear-norm segment :math:`a = b \in [-1, 1]` (claims ``p2.completion.minimisers``,
  ``p2.completion.nuclear``, ``p2.completion.outcomes2x2``, ``p2.volume.rankdrop.finite``);
* ``p2_completion_3x3``: singular-value ratios of the 3 x 3 end points, per depth, and their
  nuclear-norm excess over the minimum 3 (attained exactly on the correlation matrices;
  ``p2.completion.nuclear3x3``, ``p2.completion.ranks3x3``, ``p2.completion.outcomes3x3``);
* ``p2_completion_arora``: a scaled-down deep matrix factorisation experiment (rank 2, depths
  1-4, flows from :math:`10^{-3}I`) against the minimum-nuclear-norm completion
  (``p2.completion.arora``).

Sizes: every RK4 stage of :func:`symdln.completion.rk4_depths` takes a batched SVD of all runs,
which is what a figure costs; the ensembles are sized so that each figure builds in a few
seconds (the 2 x 2 ensemble is the one ``p2.completion.outcomes2x2`` observes).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

import numpy as np

from symdln.figures import Figure
from symdln.figures._style import Table, delta_colours, figure_style, new_figure

__all__ = ["ARORA", "COLUMNS_2X2", "COLUMNS_3X3", "COLUMNS_ARORA", "DEPTHS_2X2", "DEPTHS_3X3",
           "FIGURES", "RUNS_2X2", "RUNS_3X3", "build_2x2", "build_3x3", "build_arora"]

#: the 2 x 2 ensemble: the verify ensemble of ``p2.completion.outcomes2x2`` (shared cache)
RUNS_2X2, DEPTHS_2X2 = 100, (2, 3, 5, 10, math.inf)
RUNS_3X3, DEPTHS_3X3 = 50, (2, 3, 5, math.inf)
#: the deep-factorisation experiment (arguments of ``arora_experiment``)
ARORA: dict[str, Any] = {"n": 12, "rank": 2, "counts": (30, 50, 70, 90, 110), "depths": (1, 2, 3, 4),
                         "T": 150.0, "h": 0.25}
#: the density grid of the 2 x 2 panels and the common colour range of log10 density
GRID_2X2, LOG_DENSITY_RANGE = np.linspace(-2.5, 2.5, 81), (-3.0, 6.0)

COLUMNS_2X2 = ("depth N", "series", "run", "W_11", "W_12 = a", "W_21 = b", "W_22",
               "density [volume of g^N on the plane W_11 = W_22 = 1, per unit da db]")
COLUMNS_3X3 = ("depth N", "run", *(f"W_{i}{j}" for i in (1, 2, 3) for j in (1, 2, 3)),
               "sigma_1", "sigma_2", "sigma_3", "loss E(W)")
COLUMNS_ARORA = ("method", "observed entries", "relative error ||W - M||_F / ||M||_F",
                 "effective rank", "train loss E(W)", "duality gap")


def _label(N: float) -> str:
    return "inf" if N == math.inf else str(int(N))


def _tex(N: float) -> str:
    return r"\infty" if N == math.inf else str(int(N))


def build_2x2() -> tuple[Any, Mapping[str, Any]]:
    """End points per depth over the plane's volume density; returns ``(figure, data)``."""
    from matplotlib.colors import Normalize

    from symdln.checks import completion_observe as cc

    ens = cc.ensemble(2, RUNS_2X2, DEPTHS_2X2)
    A, B = np.meshgrid(GRID_2X2, GRID_2X2)
    Wg = np.stack([np.ones_like(A), A, B, np.ones_like(A)], axis=-1).reshape(-1, 2, 2)
    s = np.linspace(0.2, 2.5, 100)
    hyperbola = [(sg * x, sg / x) for sg in (1, -1) for x in s]
    segment = [(x, x) for x in np.linspace(-1.0, 1.0, 21)]
    rows: list[tuple[Any, ...]] = []
    data: dict[str, Any] = {"runs": RUNS_2X2, "init scale": cc.SCALE, "T": cc.T_END, "h": cc.STEP}
    lo, hi = LOG_DENSITY_RANGE
    levels = np.linspace(lo, hi, 19)
    with figure_style():
        fig = new_figure(3.0 * len(DEPTHS_2X2) + 1.0, 4.0)
        axes = fig.subplots(1, len(DEPTHS_2X2), sharex=True, sharey=True)
        for k, (ax, (N, W)) in enumerate(zip(axes, ens.items(), strict=True)):
            dens = cc.plane_density(Wg, N).reshape(A.shape)
            with np.errstate(divide="ignore"):
                z = np.clip(np.log10(dens), lo, hi)
            cs = ax.contourf(A, B, z, levels=levels, cmap="Greys", norm=Normalize(lo, hi))
            for sg in (1, -1):
                ax.plot(sg * s, sg / s, color="C0", lw=0.9, label=r"rank 1: $ab = 1$" if sg == 1 else None)
            ax.plot([-1, 1], [-1, 1], color="C2", lw=1.8, label=r"min $\|W\|_*$: $a = b \in [-1, 1]$")
            ax.plot(W[:, 0, 1], W[:, 1, 0], "o", color="C3", ms=2.5, label="end points")
            ax.set(xlim=(-2.5, 2.5), ylim=(-2.5, 2.5), aspect="equal", title=rf"$N = {_tex(N)}$",
                   xlabel=r"$a = W_{12}$")
            if k == 0:
                ax.set_ylabel(r"$b = W_{21}$")
            label = _label(N)
            rows += [(label, "end point", r, *W[r].ravel().tolist(), None) for r in range(len(W))]
            rows += [(label, "density", None, 1.0, float(a), float(b), 1.0, float(v))
                     for a, b, v in zip(A.ravel(), B.ravel(), dens.ravel(), strict=True)]
            data[f"N={label}"] = {**cc._stats_2x2(W), "a": W[:, 0, 1], "b": W[:, 1, 0]}
        axes[0].legend(loc="lower left", fontsize=6.5)
        fig.colorbar(cs, ax=list(axes), shrink=0.85,
                     label=r"$\log_{10}$ volume density of $g^N$ on the plane (clipped)")
        fig.suptitle(r"$2\times 2$ completion, $W_{11} = W_{22} = 1$ observed: where gradient flows from "
                     rf"{RUNS_2X2} small balanced initialisations end, per depth $N$")
    rows += [("", "rank-1 hyperbola ab = 1", None, 1.0, float(a), float(b), 1.0, None) for a, b in hyperbola]
    rows += [("", "minimum nuclear norm segment", None, 1.0, float(a), float(b), 1.0, None)
             for a, b in segment]
    data["table"] = Table.from_rows(COLUMNS_2X2, rows)
    return fig, data


def build_3x3() -> tuple[Any, Mapping[str, Any]]:
    """Singular-value ratios and nuclear-norm excess of the 3 x 3 end points; ``(figure, data)``."""
    from symdln import completion as sim
    from symdln.checks import completion_observe as cc

    ens = cc.ensemble(3, RUNS_3X3, DEPTHS_3X3)
    data: dict[str, Any] = {"runs": RUNS_3X3}
    bins = np.linspace(-8, 0.5, 35)
    excess_bins = np.linspace(-5, 0.5, 30)
    rows: list[tuple[Any, ...]] = []
    with figure_style():
        fig = new_figure(12.0, 3.6)
        ax1, ax2, ax3 = fig.subplots(1, 3)
        for c, (N, W) in zip(delta_colours(len(ens)), ens.items(), strict=True):
            s = np.linalg.svd(W, compute_uv=False)
            r2, r3 = np.log10(s[:, 1] / s[:, 0]), np.log10(s[:, 2] / s[:, 0])
            E = sim.loss(W, *sim.diagonal_problem(len(W), 3))
            # ||W||_* - 3 >= 0 on the minimisers: only converged runs (E < 1e-8), clipped below at
            # 1e-5 for the log axis
            done = E < 1e-8
            nuc = s[done].sum(axis=1)
            excess = np.log10(np.clip(nuc - 3.0, 1e-5, None))
            lab = rf"$N = {_tex(N)}$"
            ax1.hist(r2, bins=bins, histtype="step", color=c, lw=1.3, label=lab)
            ax2.hist(r3, bins=bins, histtype="step", color=c, lw=1.3, label=lab)
            ax3.hist(excess, bins=excess_bins, histtype="step", color=c, lw=1.3, label=lab)
            label = _label(N)
            rows += [(label, r, *W[r].ravel().tolist(), *s[r].tolist(), float(E[r])) for r in range(len(W))]
            data[f"N={label}"] = {"median log10 sigma_2/sigma_1": float(np.median(r2)),
                                  "median log10 sigma_3/sigma_1": float(np.median(r3)),
                                  "fraction sigma_3/sigma_1 < 1e-2": float(np.mean(r3 < -2)),
                                  "fraction sigma_2/sigma_1 < 1e-2": float(np.mean(r2 < -2)),
                                  "converged (E < 1e-8)": float(np.mean(done)),
                                  "median ||W||_* - 3 (converged)": float(np.median(nuc - 3.0))}
        ax1.set(xlabel=r"$\log_{10}\,\sigma_2/\sigma_1$", ylabel="runs", title="second singular value")
        ax2.set(xlabel=r"$\log_{10}\,\sigma_3/\sigma_1$", title="third singular value")
        ax3.set(xlabel=r"$\log_{10}(\|W\|_* - 3)$, runs with $E(W) < 10^{-8}$",
                title=r"nuclear-norm excess ($0$: a correlation matrix)")
        ax1.legend(loc="upper left")
        fig.suptitle(rf"$3\times 3$ completion, diagonal observed $= 1$: end points of {RUNS_3X3} small "
                     r"balanced initialisations per depth $N$")
    data["table"] = Table.from_rows(COLUMNS_3X3, rows)
    return fig, data


def build_arora() -> tuple[Any, Mapping[str, Any]]:
    """Depth-N flows against the minimum-nuclear-norm completion; returns ``(figure, data)``."""
    from symdln.checks import completion_observe as cc

    data = cc.arora_experiment(**ARORA)
    counts = list(ARORA["counts"])
    rows: list[tuple[Any, ...]] = []
    with figure_style():
        fig = new_figure(10.0, 3.8)
        ax1, ax2 = fig.subplots(1, 2, sharex=True)
        for c, N in zip(delta_colours(len(ARORA["depths"])), ARORA["depths"], strict=True):
            d = data[f"depth {N}"]
            lab = rf"depth $N = {N}$" + (" (gradient flow)" if N == 1 else "")
            ax1.semilogy(counts, d["relative error"], "o-", color=c, label=lab)
            ax2.plot(counts, d["effective rank"], "o-", color=c, label=lab)
            rows += [(f"depth {N}", m, e, r, lo, None) for m, e, r, lo in
                     zip(counts, d["relative error"], d["effective rank"], d["train loss"], strict=True)]
        d = data["nuclear norm"]
        ax1.semilogy(counts, d["relative error"], "s--", color="k", label=r"minimum $\|W\|_*$ completion")
        ax2.plot(counts, d["effective rank"], "s--", color="k", label=r"minimum $\|W\|_*$ completion")
        rows += [("minimum nuclear norm", m, e, r, 0.0, g) for m, e, r, g in
                 zip(counts, d["relative error"], d["effective rank"], d["duality gap"], strict=True)]
        ax2.axhline(ARORA["rank"], color="0.5", ls=":", lw=1, label=rf"true rank ${ARORA['rank']}$")
        ax1.set(xlabel="observed entries", ylabel=r"$\|W - M\|_F / \|M\|_F$", title="reconstruction error")
        ax2.set(xlabel="observed entries", ylabel="effective rank", title="effective rank of the end point")
        ax1.legend(loc="lower left")
        ax2.legend(loc="upper right")
        fig.suptitle(rf"${ARORA['n']}\times{ARORA['n']}$ rank-{ARORA['rank']} completion: depth-$N$ flows "
                     r"from $10^{-3} I$ against the minimum-nuclear-norm completion")
    data["table"] = Table.from_rows(COLUMNS_ARORA, rows)
    return fig, data


FIGURES: tuple[Figure, ...] = (
    Figure("p2_completion_2x2", "Paper 2: 2 x 2 completion end points per depth", build_2x2),
    Figure("p2_completion_3x3", "Paper 2: 3 x 3 completion singular-value ratios", build_3x3),
    Figure("p2_completion_arora", "Paper 2: deep matrix factorisation vs nuclear norm", build_arora),
)
