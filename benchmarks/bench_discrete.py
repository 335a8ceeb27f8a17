"""Certified iteration of the per-mode u-map of Sec. 3.2 (paper 1): throughput, side by side.

Mode-steps per second (one parameter set advanced by one step = one mode-step) on 100 parameter sets
(s = eta sigma from 0.001 to 0.4, c = lambda/sigma = 1, u0 = 10^6, i.e. w0 = 1/(10^6 + 1)) over
10^6 steps, checking the corrected Thm. 3 upper bound (u_t >= u0 (1 - 2s)^t) at every step:

* the certified float64 kernel as used (``iterate_float``: numba, both endpoints rounded outward,
  stopping a set once the monotonicity lemma implies the bound for every later step);
* the same kernel with that early exit disabled, every step iterated: one thread, then two;
* the paper's product-form recursion w_{t+1} = w_t (1 + eta(sigma - lambda w_t))^2 (Thm. 3, (22)
  derived; ``symdln.discrete.product_step``) as a compiled float64 loop, uncertified, same sets,
  same steps, one set after the other as the kernel does: numba (the reference of the targets) and,
  where gcc is installed, C at -O2; and, for scale, the same loop over all sets in lockstep, which
  the compiler vectorises (a speed ceiling, not a target);
* the naive ways: a plain mpmath loop at 50 digits (uncertified), python-flint endpoints at 128 bits.

Prints every ratio with the target it is held to and whether this run met it; asserts nothing
about time.  Run: python benchmarks/bench_discrete.py   (about 30 s)
"""

from __future__ import annotations

import ctypes
import shutil
import subprocess
import tempfile
import time
from collections.abc import Callable
from fractions import Fraction
from pathlib import Path

import flint
import mpmath
import numba
import numpy as np

from symdln.certify.monotone import MODE_GE, MODE_NONE, float_enclosure, iterate_arb, iterate_float

K, N = 100, 10**6
C_SOURCE = """
void product(const double *eta, const double *sig, const double *lam, const double *w0,
             long k, long n, double *out) {
    for (long i = 0; i < k; i++) {
        double w = w0[i], e = eta[i], s = sig[i], l = lam[i];
        for (long t = 0; t < n; t++) {
            double f = 1.0 + e * (s - l * w);
            w = w * f * f;
        }
        out[i] = w;
    }
}
"""


def exact_sets(k: int) -> list[tuple[Fraction, Fraction, Fraction]]:
    """(s, c, u0) of the benchmark, exact."""
    return [(Fraction(1 + (i * 37) % 400, 1000), Fraction(1), Fraction(10**6)) for i in range(k)]


def kernel_args(sets: list[tuple[Fraction, ...]]) -> tuple[np.ndarray, ...]:
    """Float64 enclosures of s, c, u0 and of the rate g = 1 - 2s of the corrected upper bound."""
    def enc(q: Fraction) -> tuple[float, float]:
        return float_enclosure(flint.arb(flint.fmpq(q.numerator, q.denominator)))

    with flint.ctx.workprec(128):
        return tuple(np.array([enc(f(q)) for q in sets]) for f in
                     (lambda q: q[0], lambda q: q[1], lambda q: q[2], lambda q: 1 - 2 * q[0]))


def product_args(sets: list[tuple[Fraction, ...]]) -> tuple[np.ndarray, ...]:
    """The same sets for the product recursion: sigma = 1, eta = s, lambda = c, w0 = 1/(u0 + c)."""
    return (np.array([float(q[0]) for q in sets]), np.ones(len(sets)), np.array([float(q[1]) for q in sets]),
            np.array([float(1 / (q[2] + q[1])) for q in sets]))


@numba.njit(fastmath=False)
def product_loop(eta, sig, lam, w0, n, out):  # pragma: no cover - compiled
    for k in range(eta.shape[0]):
        w, e, s, lm = w0[k], eta[k], sig[k], lam[k]
        for _ in range(n):
            f = 1.0 + e * (s - lm * w)
            w = w * f * f
        out[k] = w


@numba.njit(fastmath=False)
def product_lockstep(eta, sig, lam, w0, n, out):  # pragma: no cover - compiled
    w = w0.copy()
    for _ in range(n):
        for k in range(eta.shape[0]):
            f = 1.0 + eta[k] * (sig[k] - lam[k] * w[k])
            w[k] = w[k] * f * f
    out[:] = w


def c_product(tmp: Path) -> Callable[..., None] | None:
    """The product loop compiled by gcc -O2 (no -march, no fast-math), or None without gcc."""
    gcc = shutil.which("gcc")
    if gcc is None:
        return None
    (tmp / "product.c").write_text(C_SOURCE)
    subprocess.run([gcc, "-O2", "-shared", "-fPIC", "-o", str(tmp / "product.so"), str(tmp / "product.c")],
                   check=True)
    lib = ctypes.CDLL(str(tmp / "product.so"))
    ptr = ctypes.POINTER(ctypes.c_double)
    lib.product.argtypes = [ptr, ptr, ptr, ptr, ctypes.c_long, ctypes.c_long, ptr]

    def run(eta, sig, lam, w0, n, out):
        lib.product(*(a.ctypes.data_as(ptr) for a in (eta, sig, lam, w0)), len(eta), n,
                    out.ctypes.data_as(ptr))

    return run


def timed(f: Callable[[], object]) -> tuple[float, object]:
    t0 = time.perf_counter()
    r = f()
    return time.perf_counter() - t0, r


def bench_mpmath(n: int) -> float:
    with mpmath.workdps(50):
        s, c, u = mpmath.mpf(1) / 1000, mpmath.mpf(1), mpmath.mpf(1000)
        t0 = time.perf_counter()
        for _ in range(n):
            y = s * u / (u + c)
            u = u * (1 - s * (2 + y) / (1 + y) ** 2)
        return n / (time.perf_counter() - t0)


def bench_flint(n: int) -> float:
    t, _ = timed(lambda: iterate_arb(Fraction(1, 1000), Fraction(1), Fraction(1000), n, mode=MODE_NONE,
                                     prec=128))
    return n / t


def verdict(ok: bool) -> str:
    return "met" if ok else "NOT met"


def main() -> None:
    sets = exact_sets(K)
    s, c, u0, g = kernel_args(sets)
    pa = product_args(sets)
    out = np.empty(K)
    # compile everything once, outside the timings
    iterate_float(s[:2], c[:2], u0[:2], 10, g=g[:2], mode=MODE_GE)
    iterate_float(s[:2], c[:2], u0[:2], 10, g=g[:2], mode=MODE_GE, threads=2)
    product_loop(*pa, 10, out)
    product_lockstep(*pa, 10, out)

    print(f"load average before the run: {Path('/proc/loadavg').read_text().split()[0]}"
          if Path("/proc/loadavg").exists() else "load average: not available")
    r_mp, r_fl = bench_mpmath(20_000), bench_flint(20_000)
    t_used, used = timed(lambda: iterate_float(s, c, u0, N, g=g, mode=MODE_GE))
    t_full, full = timed(lambda: iterate_float(s, c, u0, N, g=g, mode=MODE_GE, early_exit=False))
    t_two, two = timed(lambda: iterate_float(s, c, u0, N, g=g, mode=MODE_GE, early_exit=False, threads=2))
    t_prod, _ = timed(lambda: product_loop(*pa, N, out))
    w_numba = out.copy()
    t_lock, _ = timed(lambda: product_lockstep(*pa, N, out))
    with tempfile.TemporaryDirectory() as tmp:
        cprod = c_product(Path(tmp))
        t_c = None
        if cprod is not None:
            t_c, _ = timed(lambda: cprod(*pa, N, out))
            w_c = out.copy()

    work = K * N
    r_used, r_full, r_two = work / t_used, work / t_full, work / t_two
    r_prod, r_lock = work / t_prod, work / t_lock
    same = all(np.array_equal(getattr(used, f), getattr(x, f)) for x in (full, two) for f in ("status", "t"))
    held = int(np.sum(full.status == 0))

    print(f"{K} parameter sets x {N:.0e} steps; mode-steps per second")
    print(f"  certified kernel as used (early exit), 1 thread   : {r_used:10.3g}   "
          f"({int(used.steps.sum())} steps iterated of {work})")
    print(f"  certified kernel, every step iterated, 1 thread   : {r_full:10.3g}")
    print(f"  certified kernel, every step iterated, 2 threads  : {r_two:10.3g}")
    print(f"  product loop, numba, one set after another        : {r_prod:10.3g}   (uncertified)")
    if t_c is not None:
        print(f"  product loop, gcc -O2, one set after another      : {work / t_c:10.3g}   (uncertified; "
              f"{'same' if np.array_equal(w_c, w_numba) else 'different'} bits as numba)")
    print(f"  product loop, numba, all sets in lockstep (SIMD)  : {r_lock:10.3g}   (uncertified)")
    print(f"  mpmath loop, 50 digits                            : {r_mp:10.3g}   (uncertified)")
    print(f"  python-flint endpoints, 128 bits                  : {r_fl:10.3g}")
    print("targets")
    print(f"  kernel, every step, per core          : {r_full:10.3g}  (>= 3e7)     {verdict(r_full >= 3e7)}")
    print(f"  product loop / kernel as used         : {r_prod / r_used:10.3g}x (<= 5)      "
          f"{verdict(r_prod / r_used <= 5)}")
    print(f"  product loop / kernel, every step     : {r_prod / r_full:10.2f}x (<= 5)      "
          f"{verdict(r_prod / r_full <= 5)}")
    print(f"  kernel as used / mpmath loop          : {r_used / r_mp:10.3g}x (>= 100)    "
          f"{verdict(r_used / r_mp >= 100)}")
    print(f"  kernel, every step / mpmath loop      : {r_full / r_mp:10.0f}x (>= 100)    "
          f"{verdict(r_full / r_mp >= 100)}")
    print(f"  workload certified (as used)          : {t_used:10.3g} s (< 30 s)    {verdict(t_used < 30)}")
    print("no target")
    print(f"  2 threads / 1 thread, every step      : {r_two / r_full:10.2f}x")
    print(f"  lockstep product loop / kernel, every step: {r_lock / r_full:6.1f}x")
    print(f"  kernel, every step / flint endpoints  : {r_full / r_fl:10.0f}x")
    print(f"verdicts: corrected upper bound held at every step for {held}/{K} sets; early exit, full run "
          f"and 2 threads {'agree' if same else 'DISAGREE'} on every set")


if __name__ == "__main__":
    main()
