"""Benchmark: the vectorised 2 x 2 completion ensemble against a per-run SciPy loop.

The naive way: one ``scipy.integrate.solve_ivp`` (RK45, rtol 1e-8, atol 1e-10) per run and depth,
with the right-hand side on one 2 x 2 matrix.  The package's way: one fixed-step RK4 integration
of the whole ensemble as a (runs, 2, 2) array.  Prints wall times, the ratio and the largest
difference of the end points.  Run: ``python benchmarks/bench_completion.py [runs]``.
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
from symdln.checks.completion import SCALE, STEP, T_END

DEPTHS = (2, 3, 5, 10, math.inf)


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
    ends = {N: c.rk4(W0, N, mask, B, T_END, STEP)[0] for N in DEPTHS}
    t_vec = time.perf_counter() - t0
    t0 = time.perf_counter()
    diffs = []
    for N in DEPTHS:
        ref = per_run_scipy(W0[:scipy_runs], N)
        diffs.append(float(np.abs(ref - ends[N][:scipy_runs]).max()))
    t_loop = (time.perf_counter() - t0) * runs / scipy_runs  # extrapolated to all runs
    print(f"ensemble: {runs} runs x depths {[str(N) for N in DEPTHS]}, T = {T_END}, h = {STEP}")
    print(f"vectorised RK4:          {t_vec:8.2f} s")
    print(f"per-run solve_ivp loop:  {t_loop:8.2f} s (measured on {scipy_runs} runs, scaled)")
    print(f"ratio (loop / vectorised): {t_loop / t_vec:6.1f}")
    print(f"max |end point difference| on the measured runs: {max(diffs):.2e}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 200)
