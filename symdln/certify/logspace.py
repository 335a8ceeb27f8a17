r"""Certified (Arb) enclosures of the rescaled mode :math:`w(\delta t)` and its distance to the limit.

The exponents are exact rationals times :math:`\delta` (see :mod:`symdln.limits`), passed to
Arb as ``fmpq``: nothing is rounded before the exponential, and Arb's exponent range is
unbounded, so :math:`\delta = 10^6` is enclosed at the same working precision as
:math:`\delta = 10`.

>>> from fractions import Fraction as F
>>> x = enclose_log_error(F(1), F(1), F(3, 4), F(1), F(10**6))
>>> bool(x < -499999) and bool(x > -500001)
True
"""

from __future__ import annotations

from fractions import Fraction

import flint

from symdln import validate as v

__all__ = ["enclose_log_error", "enclose_w_scaled", "q"]


def q(x: Fraction | int) -> flint.arb:
    """An exact rational as an Arb ball (exact when the rational is dyadic, else 1 ulp).

    >>> q(Fraction(1, 2))
    0.500000000000000

    Domain: an exact rational (int, Fraction, SymPy Rational; a finite float read exactly).
    """
    return _q(v.as_fraction("x", x))


def _q(x: Fraction) -> flint.arb:
    """:func:`q` of a Fraction."""
    return flint.arb(flint.fmpq(x.numerator, x.denominator))


def _args(sigma: object, lam: object, t: object, k: object, delta: object, prec: object
          ) -> tuple[Fraction, Fraction, Fraction, Fraction, Fraction, int]:
    """The arguments as exact Fractions, checked: sigma, lam, k, delta > 0, t >= 0, prec a positive
    integer."""
    s, l, tt, kk, d = (v.as_fraction(n, x) for n, x in zip(("sigma", "lam", "t", "k", "delta"),
                                                          (sigma, lam, t, k, delta), strict=True))
    for name, x in (("sigma", s), ("lam", l), ("k", kk), ("delta", d)):
        v.positive(name, x)
    v.nonnegative("t", tt)
    return s, l, tt, kk, d, v.positive_int("prec", prec)


def enclose_w_scaled(sigma: Fraction, lam: Fraction, t: Fraction, k: Fraction, delta: Fraction,
                     prec: int = 128) -> flint.arb:
    r"""An Arb ball containing :math:`w(\delta t) = \frac{\sigma w_0 e^{2\sigma\delta t}}
    {\lambda w_0(e^{2\sigma\delta t}-1)+\sigma}`, :math:`w_0 = e^{-k\delta}` (the logistic
    solution itself, not a rewriting), at ``prec`` bits (scoped).

    >>> w = enclose_w_scaled(Fraction(1), Fraction(1), Fraction(1), Fraction(2), Fraction(10))
    >>> bool(abs(w - 0.5) < 1e-8)  # at the step: sigma/(lambda + sigma) + O(e^{-2 delta})
    True

    Domain: exact rationals sigma, lam, k, delta > 0 and t >= 0; ``prec`` a positive integer.
    """
    s, l, tt, kk, d, prec = _args(sigma, lam, t, k, delta, prec)
    with flint.ctx.workprec(prec):
        w0 = _q(-kk * d).exp()
        e = _q(2 * s * d * tt).exp()
        return _q(s) * w0 * e / (_q(l) * w0 * (e - 1) + _q(s))


def enclose_log_error(sigma: Fraction, lam: Fraction, t: Fraction, k: Fraction, delta: Fraction,
                      prec: int = 128) -> flint.arb:
    r"""An Arb ball containing :math:`\log|w(\delta t) - \lim_{\delta\to\infty} w(\delta t)|`,
    from the exact rewritings of :func:`symdln.limits.log_limit_error` (g = 2 sigma t - k).

    >>> x = enclose_log_error(Fraction(1), Fraction(1), Fraction(1), Fraction(2), Fraction(100))
    >>> bool(x < -200) and bool(x > -202)  # rate 2 at the step: log(e^{-200}/4)
    True

    Domain: as for :func:`enclose_w_scaled`.
    """
    s, l, tt, kk, d, prec = _args(sigma, lam, t, k, delta, prec)
    r = s / l
    h = 2 * s * tt
    g = h - kk
    with flint.ctx.workprec(prec):
        rr = _q(r)
        one_minus_A = -(_q(-h * d).exp() - 1) if h * d > 1 else -_q(-h * d).expm1()
        if g > 0:
            return (rr.log() - _q(g * d) + abs(rr - _q(-kk * d).exp()).log()
                    - (one_minus_A + rr * _q(-g * d).exp()).log())
        if g == 0:
            return rr.log() - _q(h * d) - (1 + rr).log() - (one_minus_A + rr).log()
        return rr.log() + _q(g * d) - (rr + _q(g * d).exp() * one_minus_A).log()
