"""Benchmark: w(delta t) at delta = 10, 1e3, 1e6, log space with exact exponents vs naive mpmath.

The naive way a user would do it: type the closed form into mpmath and raise ``mp.dps`` until
the answer stops changing.  The exponent 2 sigma delta t - k delta is rounded before exp, so
the naive formula needs about log10(delta) extra digits (more where it cancels); the log-space
form (``symdln.limits.log_w_scaled``) works at a fixed 64 bits whatever delta.

Prints, per delta: the digits the naive formula needs for 15 correct digits of w (found against
an Arb enclosure at 256 bits), the time per evaluation of each, their ratio (naive / log space) and
the relative error of log w from the log-space form.  No assertion on times.

Run: python benchmarks/bench_limits.py   (about 20 s)
"""

from __future__ import annotations

import timeit
from fractions import Fraction as F

import mpmath

from symdln.certify.logspace import enclose_w_scaled
from symdln.limits import log_w_scaled, w_scaled_naive

SIGMA, LAM, K = F(1, 3), F(1), F(1)
TIMES = (F(1), F(3, 2), F(2))  # below, at and above the step t = 1/(2 sigma) = 3/2


def reference(t: F, delta: int) -> mpmath.mpf:
    prec = 256 + delta.bit_length()  # Arb rounds nothing before exp; the bits cover |exponent|
    ball = enclose_w_scaled(SIGMA, LAM, t, K, F(delta), prec=prec)
    with mpmath.workdps(40):
        return mpmath.mpf(ball.mid().str(40, radius=False))


def naive_dps_needed(t: F, delta: int, digits: int = 15) -> int:
    ref = reference(t, delta)
    for dps in range(digits, digits + 200):
        v = w_scaled_naive(SIGMA, LAM, t, K, F(delta), dps)
        with mpmath.workdps(40):
            if abs(v / ref - 1) < mpmath.mpf(10) ** (-digits):
                return dps
    raise RuntimeError("naive formula did not converge within 200 extra digits")


def per_call(stmt, number: int = 200) -> float:
    return min(timeit.repeat(stmt, number=number, repeat=3)) / number


def main() -> None:
    print(f"sigma = {SIGMA}, lambda = {LAM}, w(0) = e^(-delta); times in microseconds per evaluation")
    print(f"{'delta':>9} {'t':>3} {'naive dps':>9} {'naive us':>9} {'log-space us':>12} {'ratio':>6}"
          f" {'log w rel.err':>13}")
    for delta in (10, 10**3, 10**6, 10**12, 10**50):
        for t in TIMES:
            dps = naive_dps_needed(t, delta)
            tn = per_call(lambda t=t, d=delta, p=dps: w_scaled_naive(SIGMA, LAM, t, K, F(d), p))
            tl = per_call(lambda t=t, d=delta: log_w_scaled(SIGMA, LAM, t, K, F(d), prec=64))
            with mpmath.workdps(40):  # relative error of log w (the quantity log space returns)
                ref = mpmath.log(reference(t, delta))
                ok = abs(log_w_scaled(SIGMA, LAM, t, K, F(delta), prec=64) - ref) / max(abs(ref), 1)
            print(f"{delta:>9.0e} {t!s:>3} {dps:>9} {tn * 1e6:>9.1f} {tl * 1e6:>12.1f} {tn / tl:>6.2f}"
                  f" {mpmath.nstr(ok, 2):>13}")


if __name__ == "__main__":
    main()
