"""Benchmarks of the Sec. 4.2 experiment and its certification, against the naive ways.

Run: ``python benchmarks/bench_autoencoder.py``.  Prints times and ratios; asserts nothing.

1. The whole experiment (L = 1 and L = 2, 6000 iterations, every quantity of Fig. 2 recorded):
   must stay under 10 s on 2 cores (the target).
2. Certifying one mode (x = eta sigma_5, 6000 steps): endpoint iteration (what
   symdln.certify.modes does) vs the naive single-ball iteration, whose radius explodes,
   and vs exact rational iteration, whose denominators explode.  Target: no slower than the
   naive ball, with a final radius below 1e-30.
3. Delta_xy of a small data set (d = 4, p = 2): float64 (deltas_numeric) vs exact SymPy.  Target:
   the exact value within 10 s, the float64 one within 1e-9 of it.
"""

from __future__ import annotations

import sys
import time
from fractions import Fraction
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import flint
import numpy as np
import sympy as sp

from symdln.assumption import delta_xy_min, deltas_numeric
from symdln.autoencoder import AutoencoderSetting, run_experiment
from symdln.certify.modes import iterate_mode
from symdln.checks.data_autoencoder import update_22


def timed(f, *a, repeat: int = 1, **k):  # type: ignore[no-untyped-def]
    best = float("inf")
    out = None
    for _ in range(repeat):
        t0 = time.perf_counter()
        out = f(*a, **k)
        best = min(best, time.perf_counter() - t0)
    return best, out


def main() -> None:
    print("1. Sec. 4.2 experiment (L = 1 and L = 2, all Fig. 2 quantities)")
    s = AutoencoderSetting()
    t_full, _ = timed(run_experiment, s)
    t_sparse, _ = timed(run_experiment, s, every=20)
    print(f"   every step: {t_full:.2f} s   every 20th step: {t_sparse:.2f} s   "
          f"(budget 10 s: {'ok' if t_full < 10 else 'OVER'})")

    print("2. certified mode iteration, x = eta sigma_1 = 0.2096, 6000 steps")
    x, m0, steps = "0.2096", "0.0024787521766663585", 6000
    t_end, balls = timed(iterate_mode, update_22, m0, x, steps)
    print(f"   endpoint iteration: {t_end * 1e3:.1f} ms, final radius {float(balls[-1].rad()):.1e}")

    def naive(n: int) -> flint.arb:
        with flint.ctx.workprec(256):
            m, xb = flint.arb(m0), flint.arb(x)
            for _ in range(n):
                m = update_22(m, xb)
            return m

    t_naive, mn = timed(naive, steps)
    print(f"   naive one-ball iteration: {t_naive * 1e3:.1f} ms, final radius {float(mn.rad()):.1e} "
          "(useless once the radius passes 1)")

    def exact(n: int) -> Fraction:
        m, xq = Fraction(m0), Fraction(x)
        for _ in range(n):
            m = m + xq * m * (1 - m * m)
        return m

    n_exact = 7
    t_exact, q = timed(exact, n_exact)
    print(f"   exact rationals: {n_exact} steps take {t_exact * 1e3:.1f} ms, denominator "
          f"{q.denominator.bit_length()} bits (x3 per step): 6000 steps are out of reach")
    ok = t_naive / t_end >= 1 and float(balls[-1].rad()) < 1e-30
    print(f"   ratio naive / endpoint time: {t_naive / t_end:.2f}  (target: >= 1 with a final radius "
          f"below 1e-30: {'met' if ok else 'NOT met'})")

    print("3. Delta_xy (min over U) of a 40 x 4 data set, 2 classes")
    rng = np.random.default_rng(0)
    X = rng.integers(0, 4, size=(40, 4)).astype(float)
    Y = np.eye(2)[rng.integers(0, 2, size=40)]
    t_num, num = timed(deltas_numeric, X, Y, repeat=5)
    Xs, Ys = sp.Matrix(X.astype(int).tolist()), sp.Matrix(Y.astype(int).tolist())
    t_sym, v = timed(lambda: delta_xy_min(Xs.T * Xs / 40, Xs.T * Ys / 40))
    print(f"   float64: {t_num * 1e3:.2f} ms ({num['delta_xy_min']:.6f});  exact SymPy: {t_sym:.2f} s "
          f"({float(v):.6f});  ratio {t_sym / t_num:.0f}x")
    ok = t_sym < 10 and abs(float(v) - num["delta_xy_min"]) < 1e-9
    print(f"   target: the exact value within 10 s, float64 within 1e-9 of it: {'met' if ok else 'NOT met'}")


if __name__ == "__main__":
    main()
