"""Benchmark: w(delta t) at delta = 10 ... 1e50, log space with exact exponents vs naive mpmath,
at equal delivered accuracy.

The naive way a user would do it: type the closed form into mpmath and raise ``mp.dps`` until
the answer stops changing.  The exponent 2 sigma delta t - k delta is rounded before exp, so
the naive formula needs about log10(delta) extra digits (more where it cancels).  The log-space
form (``symdln.limits.log_w_scaled``) builds the exponents exactly and returns log w.

Both sides must deliver the same thing: w to 15 correct significant digits (relative error of w
below 1e-15, that is an absolute error of log w below 1e-15), checked against an independent Arb
enclosure of the logistic formula itself (256 bits plus the bits of delta).  For each side the
smallest precision that delivers it is searched (decimal digits for the naive formula, bits in
steps of 8 for log space), and each is timed at its own precision.  Also printed: how many digits
of w log space delivers at a fixed 64 bits (it returns log w to 64 bits relative to log w, which
is not 15 digits of w once |log w| is large).

Prints per (delta, t) the two precisions, the times per evaluation, the ratio naive / log space
and the target; asserts nothing.  Run: python benchmarks/bench_limits.py   (about 30 s)
"""

from __future__ import annotations

import sys
import timeit
from fractions import Fraction as F
from pathlib import Path

import mpmath

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from symdln.certify.logspace import enclose_w_scaled
from symdln.limits import log_w_scaled, w_scaled_naive

SIGMA, LAM, K = F(1, 3), F(1), F(1)
TIMES = (F(1), F(3, 2), F(2))  # below, at and above the step t = 1/(2 sigma) = 3/2
DIGITS = 15
#: the target: at equal accuracy, log space is at least this much faster than the naive formula
#: from this delta on (below it, plain mpmath at a few more digits is hard to beat)
TARGET_RATIO, TARGET_FROM_DELTA = 1.0, 10**6


def reference_log_w(t: F, delta: int) -> mpmath.mpf:
    """log w from an Arb enclosure of w (the formula as printed, nothing rewritten), 40 digits."""
    prec = 256 + delta.bit_length()  # Arb rounds nothing before exp; the bits cover |exponent|
    ball = enclose_w_scaled(SIGMA, LAM, t, K, F(delta), prec=prec)
    with mpmath.workdps(40):
        return mpmath.log(mpmath.mpf(ball.mid().str(40, radius=False)))


def digits_of_w(log_w: mpmath.mpf, ref: mpmath.mpf) -> float:
    """Correct significant digits of w = exp(log_w): -log10 |log_w - ref| (relative error of w)."""
    with mpmath.workdps(40):
        err = abs(mpmath.mpf(log_w) - ref)
        return float("inf") if err == 0 else float(-mpmath.log10(err))


def naive_dps_needed(t: F, delta: int, ref: mpmath.mpf) -> int:
    for dps in range(DIGITS, DIGITS + 400):
        w = w_scaled_naive(SIGMA, LAM, t, K, F(delta), dps)
        with mpmath.workdps(40):
            if w > 0 and digits_of_w(mpmath.log(w), ref) >= DIGITS:
                return dps
    raise RuntimeError("naive formula did not reach 15 digits within 400 extra digits")


def logspace_bits_needed(t: F, delta: int, ref: mpmath.mpf) -> int:
    for bits in range(24, 4096, 8):
        if digits_of_w(log_w_scaled(SIGMA, LAM, t, K, F(delta), prec=bits), ref) >= DIGITS:
            return bits
    raise RuntimeError("log space did not reach 15 digits of w below 4096 bits")


def per_call(stmt, number: int = 200) -> float:
    return min(timeit.repeat(stmt, number=number, repeat=3)) / number


def main() -> None:
    print(f"sigma = {SIGMA}, lambda = {LAM}, w(0) = e^(-delta); both sides deliver w to {DIGITS} digits; "
          "times in microseconds per evaluation")
    print(f"{'delta':>7} {'t':>3} {'naive dps':>9} {'naive us':>9} {'log bits':>8} {'log us':>8} {'ratio':>6}"
          f" {'digits of w at 64 bits':>22}")
    met, rows = 0, 0
    for delta in (10, 10**3, 10**6, 10**12, 10**50):
        for t in TIMES:
            ref = reference_log_w(t, delta)
            dps, bits = naive_dps_needed(t, delta, ref), logspace_bits_needed(t, delta, ref)
            tn = per_call(lambda t=t, d=delta, p=dps: w_scaled_naive(SIGMA, LAM, t, K, F(d), p))
            tl = per_call(lambda t=t, d=delta, b=bits: log_w_scaled(SIGMA, LAM, t, K, F(d), prec=b))
            at64 = digits_of_w(log_w_scaled(SIGMA, LAM, t, K, F(delta), prec=64), ref)
            ratio = tn / tl
            if delta >= TARGET_FROM_DELTA:
                rows += 1
                met += ratio >= TARGET_RATIO
            print(f"{delta:>7.0e} {t!s:>3} {dps:>9} {tn * 1e6:>9.1f} {bits:>8} {tl * 1e6:>8.1f} {ratio:>6.2f}"
                  f" {min(at64, 40.0):>22.1f}")
    print(f"target: ratio naive / log space >= {TARGET_RATIO:g} at equal accuracy for delta >= "
          f"{TARGET_FROM_DELTA:.0e}: met in {met} of {rows} cases")


if __name__ == "__main__":
    main()
