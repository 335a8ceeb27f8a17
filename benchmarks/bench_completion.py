"""Benchmark: the vectorised 2 x 2 completion ensemble against a per-run SciPy loop.

The naive way: one ``scipy.integrate.solve_ivp`` (RK45, rtol 1e-8, atol 1e-10) per run and depth,
with the right-hand side on one 2 x 2 matrix.  The package's way: one fixed-step RK4 integration
of the whole ensemble, every run and every depth in one (depths x runs, 2, 2) array
(:func:`symdln.completion.rk4_depths`, what ``symdln verify`` runs).  Also: that batch against one
:func:`symdln.completion.rk4` call per depth, which it reproduces bit for bit.

Prints wall times, the ratios with their targets, and the largest difference of the end points.
Run: ``python benchmarks/bench_completion.py [runs]`` (about 30 s).
"""

from __future__ import annotations

import math
import sys
import time
from pathlib import Path

import numpy as np
from scipy.integrate import solve_ivp

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from symdln import completion as c
from symdln.checks.completion_observe import SCALE, STEP, T_END

DEPTHS = (2, 3, 5, 10, math.inf)
#: targets: the batch against the per-run loop, and against one rk4 call per depth
TARGET_LOOP, TARGET_PER_DEPTH = 10.0, 1.3  # an order of magnitude; a third less time


def per_run_scipy(W0: np.ndarray, N: float) -> np.ndarray:
    mask, B = c.diagonal_problem(1, 2)

    def f(_t, y):
        return c.flow_rhs(y.reshape(1, 2, 2), N, mask, B).ravel()

    out = []
    for W in W0:
        sol = solve_ivp(f, (0.0, T_END), W.ravel(), rtol=1e-8, atol=1e-10)
        out.append(sol.y[:, -1].reshape(2, 2))
    return np.array(out)


def main(runs: int = 200, scipy_runs: int = 10) -> None:
    W0 = c.balanced_init(runs, 2, SCALE, 1)
    mask, B = c.diagonal_problem(runs, 2)
    t0 = time.perf_counter()
    ends = c.rk4_depths(W0, DEPTHS, mask, B, T_END, STEP)
    t_vec = time.perf_counter() - t0
    t0 = time.perf_counter()
    per_depth = {N: c.rk4(W0, N, mask, B, T_END, STEP)[0] for N in DEPTHS}
    t_depth = time.perf_counter() - t0
    same = all(np.array_equal(ends[N], per_depth[N]) for N in DEPTHS)
    t0 = time.perf_counter()
    diffs = []
    for N in DEPTHS:
        ref = per_run_scipy(W0[:scipy_runs], N)
        diffs.append(float(np.abs(ref - ends[N][:scipy_runs]).max()))
    t_loop = (time.perf_counter() - t0) * runs / scipy_runs  # extrapolated to all runs
    r_loop, r_depth = t_loop / t_vec, t_depth / t_vec
    print(f"ensemble: {runs} runs x depths {[str(N) for N in DEPTHS]}, T = {T_END}, h = {STEP}")
    print(f"one batch, all depths (rk4_depths): {t_vec:8.2f} s")
    print(f"one rk4 call per depth:             {t_depth:8.2f} s (end points bit for bit equal: {same})")
    print(f"per-run solve_ivp loop:             {t_loop:8.2f} s (measured on {scipy_runs} runs, scaled)")
    print(f"ratio loop / batch:      {r_loop:6.1f}x  (target >= {TARGET_LOOP:g}x: "
          f"{'met' if r_loop >= TARGET_LOOP else 'NOT met'})")
    print(f"ratio per-depth / batch: {r_depth:6.2f}x  (target >= {TARGET_PER_DEPTH:g}x: "
          f"{'met' if r_depth >= TARGET_PER_DEPTH else 'NOT met'})")
    print(f"max |end point difference| on the measured runs (RK4 h = {STEP} vs RK45): {max(diffs):.2e}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 200)
