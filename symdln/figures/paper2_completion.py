"""Figures of paper 2's matrix-completion experiments (see :mod:`symdln.figures`).

* ``p2_completion_2x2``: end points of 200 seeded small balanced initialisations on the 2 x 2
  diagonal problem, per depth N in {2, 3, 5, 10, inf}, over the induced volume density of the
  minimiser plane; the rank-1 hyperbola and the minimum-nuclear-norm segment;
* ``p2_completion_3x3``: singular-value ratios of the 3 x 3 end points, per depth, and their
  nuclear-norm excess over the minimum 3 (attained exactly on the correlation matrices,
  ``p2.completion.nuclear3x3``);
* ``p2_completion_arora``: a scaled-down deep matrix factorisation experiment (30 x 30, rank 3,
  depths 1-4) against the minimum-nuclear-norm completion.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

import numpy as np

from symdln.figures import Figure

#: the 2 x 2 ensemble of the figure (the issue's performance target: 200 runs x 5 depths)
RUNS_2X2, DEPTHS_2X2 = 200, (2, 3, 5, 10, math.inf)


def _label(N: float) -> str:
    return "inf" if N == math.inf else str(int(N))


def build_2x2() -> tuple[Any, Mapping[str, Any]]:
    from matplotlib.figure import Figure as MplFigure

    from symdln.checks import completion_observe as cc

    ens = cc.ensemble(2, RUNS_2X2, DEPTHS_2X2)
    grid = np.linspace(-2.5, 2.5, 121)
    A, B = np.meshgrid(grid, grid)
    Wg = np.stack([np.ones_like(A), A, B, np.ones_like(A)], axis=-1).reshape(-1, 2, 2)
    fig = MplFigure(figsize=(4 * len(DEPTHS_2X2), 4))
    data: dict[str, Any] = {"runs": RUNS_2X2, "init scale": cc.SCALE, "T": cc.T_END, "h": cc.STEP}
    for k, (N, W) in enumerate(ens.items()):
        ax = fig.add_subplot(1, len(DEPTHS_2X2), k + 1)
        dens = cc.plane_density(Wg, N).reshape(A.shape)
        with np.errstate(divide="ignore"):
            ax.contourf(A, B, np.log10(np.clip(dens, 1e-3, 1e6)), levels=20, cmap="Greys")
        t = np.linspace(0.2, 2.5, 100)
        for sgn in (1, -1):
            ax.plot(sgn * t, sgn / t, "b-", lw=0.8)
        ax.plot([-1, 1], [-1, 1], "g-", lw=1.5)
        ax.plot(W[:, 0, 1], W[:, 1, 0], "r.", ms=3)
        ax.set_xlim(-2.5, 2.5)
        ax.set_ylim(-2.5, 2.5)
        ax.set_title(f"N = {_label(N)}")
        ax.set_xlabel("a = W_12")
        if k == 0:
            ax.set_ylabel("b = W_21")
        data[f"N={_label(N)}"] = {**cc._stats_2x2(W), "a": W[:, 0, 1], "b": W[:, 1, 0]}
    fig.suptitle("2 x 2 completion, W_11 = W_22 = 1: end points (red), ab = 1 (blue), "
                 "min nuclear norm (green), log10 plane volume density (grey)")
    return fig, data


def build_3x3() -> tuple[Any, Mapping[str, Any]]:
    from matplotlib.figure import Figure as MplFigure

    from symdln import completion as sim
    from symdln.checks import completion_observe as cc

    depths = (2, 3, 5, math.inf)
    ens = cc.ensemble(3, 100, depths)
    fig = MplFigure(figsize=(15, 4))
    ax1, ax2, ax3 = (fig.add_subplot(1, 3, k) for k in (1, 2, 3))
    data: dict[str, Any] = {"runs": 100}
    bins = np.linspace(-8, 0.5, 35)
    excess_bins = np.linspace(-5, 0.5, 30)
    for N, W in ens.items():
        s = np.linalg.svd(W, compute_uv=False)
        r2, r3 = np.log10(s[:, 1] / s[:, 0]), np.log10(s[:, 2] / s[:, 0])
        # ||W||_* - 3 >= 0 on the minimisers: only converged runs (E < 1e-8), clipped below at
        # 1e-5 for the log axis
        done = sim.loss(W, *sim.diagonal_problem(len(W), 3)) < 1e-8
        nuc = s[done].sum(axis=1)
        excess = np.log10(np.clip(nuc - 3.0, 1e-5, None))
        ax1.hist(r2, bins=bins, histtype="step", label=f"N = {_label(N)}")
        ax2.hist(r3, bins=bins, histtype="step", label=f"N = {_label(N)}")
        ax3.hist(excess, bins=excess_bins, histtype="step", label=f"N = {_label(N)}")
        data[f"N={_label(N)}"] = {"median log10 sigma_2/sigma_1": float(np.median(r2)),
                                  "median log10 sigma_3/sigma_1": float(np.median(r3)),
                                  "fraction sigma_3/sigma_1 < 1e-2": float(np.mean(r3 < -2)),
                                  "fraction sigma_2/sigma_1 < 1e-2": float(np.mean(r2 < -2)),
                                  "converged (E < 1e-8)": float(np.mean(done)),
                                  "median ||W||_* - 3 (converged)": float(np.median(nuc - 3.0))}
    ax1.set_xlabel("log10 sigma_2 / sigma_1")
    ax2.set_xlabel("log10 sigma_3 / sigma_1")
    ax3.set_xlabel("log10(||W||_* - 3), converged runs")
    ax3.set_title("excess 0: a correlation matrix (the minimum-norm set)", fontsize=9)
    ax1.legend()
    fig.suptitle("3 x 3 completion, diagonal observed = 1: singular-value ratios and nuclear-norm excess "
                 "of the end points")
    return fig, data


def build_arora() -> tuple[Any, Mapping[str, Any]]:
    from matplotlib.figure import Figure as MplFigure

    from symdln.checks import completion_observe as cc

    counts = (150, 250, 350, 450, 550)
    data = cc.arora_experiment(n=30, rank=3, counts=counts, depths=(1, 2, 3, 4), T=300.0, h=0.1)
    fig = MplFigure(figsize=(10, 4))
    ax1, ax2 = fig.add_subplot(1, 2, 1), fig.add_subplot(1, 2, 2)
    for key in [k for k in data if k.startswith("depth")] + ["nuclear norm"]:
        ax1.semilogy(counts, data[key]["relative error"], "o-", label=key)
        ax2.plot(counts, data[key]["effective rank"], "o-", label=key)
    ax1.set_xlabel("observed entries")
    ax1.set_ylabel("relative reconstruction error")
    ax2.set_xlabel("observed entries")
    ax2.set_ylabel("effective rank")
    ax1.legend()
    fig.suptitle("30 x 30 rank-3 completion: depth-N flows from 1e-3 I vs minimum nuclear norm")
    return fig, data


FIGURES: tuple[Figure, ...] = (
    Figure("p2_completion_2x2", "Paper 2: 2 x 2 completion end points per depth", build_2x2),
    Figure("p2_completion_3x3", "Paper 2: 3 x 3 completion singular-value ratios", build_3x3),
    Figure("p2_completion_arora", "Paper 2: deep matrix factorisation vs nuclear norm", build_arora),
)
