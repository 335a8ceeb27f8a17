"""Certified iteration of the per-mode u-map of Sec. 3.2 (paper 1): throughput, side by side.

Mode-steps per second (one parameter set advanced by one step = one mode-step) of:

* the naive way by hand: a plain mpmath loop at 50 digits (uncertified);
* python-flint endpoint iteration at 128 bits (certified; the fallback);
* the certified float64 kernel: numba, both endpoints rounded outward (certified);
* the same map as an uncertified compiled float64 loop (the speed ceiling).

Then the target workload: 100 parameter sets x 10^6 steps, certified, checking the corrected
Thm. 3 upper bound at every step.  Prints ratios; asserts nothing about time.

Run: python benchmarks/bench_discrete.py   (about 20 s)
"""

from __future__ import annotations

import time
from fractions import Fraction

import flint
import mpmath
import numpy as np

from symdln.certify.monotone import (
    MODE_GE,
    MODE_NONE,
    float_enclosure,
    iterate_arb,
    iterate_float,
    iterate_float_plain,
)


def rate(n_steps: int, seconds: float) -> float:
    return n_steps / seconds


def bench_mpmath(n: int) -> float:
    with mpmath.workdps(50):
        s, c, u = mpmath.mpf(1) / 1000, mpmath.mpf(1), mpmath.mpf(1000)
        t0 = time.perf_counter()
        for _ in range(n):
            y = s * u / (u + c)
            u = u * (1 - s * (2 + y) / (1 + y) ** 2)
        return rate(n, time.perf_counter() - t0)


def bench_flint(n: int) -> float:
    t0 = time.perf_counter()
    iterate_arb(Fraction(1, 1000), Fraction(1), Fraction(1000), n, mode=MODE_NONE, prec=128)
    return rate(n, time.perf_counter() - t0)


def params(k: int) -> tuple[np.ndarray, ...]:
    with flint.ctx.workprec(128):
        s = [float_enclosure(flint.arb(flint.fmpq(1 + (i * 37) % 400, 1000))) for i in range(k)]
        g = [float_enclosure(1 - 2 * flint.arb(flint.fmpq(1 + (i * 37) % 400, 1000))) for i in range(k)]
    c = np.ones((k, 2))
    u0 = np.full((k, 2), 1.0e6)
    return np.array(s), c, u0, np.array(g)


def main() -> None:
    k, n = 100, 10**6
    s, c, u0, g = params(k)
    iterate_float(s[:1], c[:1], u0[:1], 10)  # compile once, outside the timings
    iterate_float_plain(s[:1, 0], c[:1, 0], u0[:1, 0], 10)

    r_mp = bench_mpmath(20_000)
    r_fl = bench_flint(20_000)
    t0 = time.perf_counter()
    run = iterate_float(s, c, u0, n, g=g, mode=MODE_GE)
    t_cert = time.perf_counter() - t0
    r_cert = rate(k * n, t_cert)
    t0 = time.perf_counter()
    iterate_float_plain(s[:, 0], c[:, 0], u0[:, 0], n)
    r_plain = rate(k * n, time.perf_counter() - t0)

    print("mode-steps per second, one core")
    print(f"  mpmath loop, 50 digits (uncertified) : {r_mp:12.3g}")
    print(f"  python-flint endpoints, 128 bits     : {r_fl:12.3g}")
    print(f"  numba float64 endpoints (certified)  : {r_cert:12.3g}")
    print(f"  numba float64 plain (uncertified)    : {r_plain:12.3g}")
    print("ratios")
    print(f"  certified kernel / mpmath loop       : {r_cert / r_mp:10.1f}x   (target >= 100x)")
    print(f"  certified kernel / flint endpoints   : {r_cert / r_fl:10.1f}x")
    print(f"  plain compiled / certified kernel    : {r_plain / r_cert:10.2f}x   (target <= 10x)")
    print(f"workload: {k} parameter sets x {n:.0e} steps certified in {t_cert:.1f} s "
          f"(target < 30 s); corrected upper bound held at every step for "
          f"{int(np.sum(run.status == 0))}/{k} sets")


if __name__ == "__main__":
    main()
