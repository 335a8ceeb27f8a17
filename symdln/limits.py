r"""The :math:`\delta \to \infty` limits of Thm. 2 of paper 1, exactly and in log space.

A mode started at :math:`w(0) = w_0 = e^{-k\delta}` follows the logistic solution of
:math:`\dot w = 2w(\sigma - \lambda w)` (see :mod:`symdln.continuous`).  At rescaled time
:math:`\delta t`, dividing numerator and denominator by :math:`\lambda w_0 e^{2\sigma\delta t}`,

.. math::

    w(\delta t) = \frac{r}{1 - e^{-h\delta} + r e^{-g\delta}},\qquad
    r = \frac{\sigma}{\lambda},\; h = 2\sigma t,\; g = 2\sigma t - k .

Everything that depends on :math:`\delta` sits in two exponentials whose exponents are
*exact* rationals times :math:`\delta`; the limit is read off the sign of g:
``r`` if g > 0, ``r/(1+r)`` if g = 0, ``0`` if g < 0, and the distance to the limit decays
like :math:`e^{-\rho\delta}` with the exact rate :math:`\rho` of :func:`mode_limit`.

Thm. 2's step lies at :math:`g = 0`, i.e. :math:`t = k/(2\sigma)`: :math:`T = 1/\sigma` for
:math:`w_0 = e^{-2\delta}` (the initialisation of Thm. 1 with :math:`\delta_i = \delta`) and
:math:`T = 1/(2\sigma)` for :math:`w_0 = e^{-\delta}` (as printed in Thm. 2).

:func:`log_w_scaled` and :func:`log_limit_error` evaluate in log space with mpmath at a
fixed working precision: the exponents are built exactly (Fractions) and converted with
:math:`\lceil\log_2|x|\rceil` extra bits, so :math:`\delta = 10^6` costs what
:math:`\delta = 10` costs.

Discrete dynamics (Sec. 3.2): :func:`rescaled_limit` is the certified limit of the iterate at
:math:`t = \lfloor\delta\tau\rfloor` (:mod:`symdln.certify.rescaled`); :func:`rational_between`
and :func:`same_formula` are the helpers the discrete checks judge a formula with.

>>> from fractions import Fraction as F
>>> mode_limit(F(1), F(1), F(1), F(2))
(Fraction(1, 2), Fraction(2, 1))
>>> mode_limit(F(1), F(1), F(3, 4), F(1))
(Fraction(1, 1), Fraction(1, 2))
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import mpmath

from symdln import validate as v

__all__ = [
    "exponents",
    "limit_at_infinity",
    "log_limit_error",
    "log_w_scaled",
    "mode_limit",
    "rational_between",
    "rescaled_limit",
    "same_formula",
    "step_limit_18",
    "w_scaled_naive",
]


def exponents(sigma: Fraction, t: Fraction, k: Fraction) -> tuple[Fraction, Fraction]:
    r"""The exact exponents (g, h) = (2\sigma t - k, 2\sigma t) of the log-space form.

    Domain: :math:`\sigma > 0`, :math:`t \ge 0`, :math:`k > 0` (symbolic allowed; Python ints
    give exact results).

    >>> exponents(Fraction(1, 10), Fraction(10), Fraction(2))
    (Fraction(0, 1), Fraction(2, 1))
    """
    sigma, t, k = v.same_exact_type(v.positive("sigma", sigma, exact=False),
                                    v.nonnegative("t", t, exact=False), v.positive("k", k, exact=False))
    h = 2 * sigma * t
    return h - k, h


def mode_limit(sigma: Fraction, lam: Fraction, t: Fraction, k: Fraction) -> tuple[Fraction, Fraction]:
    r"""The exact limit of :math:`w(\delta t)` as :math:`\delta\to\infty`, with
    :math:`w(0) = e^{-k\delta}`, and the exact exponential rate of convergence.

    Returns ``(limit, rho)`` with :math:`|w(\delta t) - \mathrm{limit}| = \Theta(e^{-\rho\delta})`:
    :math:`\rho = g` above the step, :math:`k` at it, :math:`|g|` below it.

    Parameters
    ----------
    sigma, lam:
        :math:`\sigma_i > 0`, :math:`\lambda_i > 0` (exact rationals).
    t:
        rescaled time :math:`t \ge 0`.
    k:
        initial exponent, :math:`w_i(0) = e^{-k\delta}`, k > 0.

    Exact inputs give exact outputs: Fractions give Fractions, Python ints SymPy Rationals.

    >>> mode_limit(Fraction(1), Fraction(2), Fraction(1, 4), Fraction(2))
    (Fraction(0, 1), Fraction(3, 2))
    >>> mode_limit(1, 2, 1, 2)
    (1/3, 2)
    """
    sigma, lam, t, k = _limit_args(sigma, lam, t, k, "k")
    r = sigma / lam
    g, _h = exponents(sigma, t, k)
    if g > 0:
        return r, g
    if g == 0:
        return r / (1 + r), k
    return r * 0, -g


def step_limit_18(sigma: Fraction, lam: Fraction, t: Fraction, T: Fraction) -> Fraction:
    r"""The right-hand side of (18): :math:`\frac{\sigma}{\lambda+\sigma}\mathbb 1\{t = T\}
    + \frac{\sigma}{\lambda}\mathbb 1\{t > T\}` (T = 1/sigma as printed).

    Domain: :math:`\sigma, \lambda > 0`, :math:`t \ge 0`, :math:`T > 0` (exact in, exact out).

    >>> step_limit_18(Fraction(1), Fraction(1), Fraction(1), Fraction(1))
    Fraction(1, 2)
    """
    sigma, lam, t, T = _limit_args(sigma, lam, t, T, "T")
    if t == T:
        return sigma / (lam + sigma)
    return sigma / lam if t > T else sigma * 0


def _limit_args(sigma: Any, lam: Any, t: Any, k: Any, k_name: str) -> tuple[Any, ...]:
    """sigma > 0, lambda > 0, t >= 0 and k > 0 (named ``k_name``), ints made exact.  Symbolic values
    pass (the comparisons then need SymPy to decide the sign, as they always did)."""
    kw = {"exact": False}
    return v.same_exact_type(v.positive("sigma", sigma, **kw), v.positive("lam", lam, **kw),
                             v.nonnegative("t", t, **kw), v.positive(k_name, k, **kw))


def _exact_args(sigma: Any, lam: Any, t: Any, k: Any, delta: Any, prec: int, prec_name: str
                ) -> tuple[Fraction, Fraction, Fraction, Fraction, Fraction, int]:
    """The arguments of the log-space evaluations as Fractions, checked (delta > 0), and the precision."""
    sigma, lam, t, k = (v.as_fraction(n, x) for n, x in zip(("sigma", "lam", "t", "k"), (sigma, lam, t, k),
                                                             strict=True))
    _limit_args(sigma, lam, t, k, "k")
    delta = v.as_fraction("delta", delta)
    v.positive("delta", delta)
    return sigma, lam, t, k, delta, v.positive_int(prec_name, prec)


def limit_at_infinity(w: Any, delta: Any) -> Any:
    r"""SymPy (Gruntz) limit of the expression ``w`` as ``delta`` :math:`\to\infty`, after every
    exponent has been expanded (so that e.g. :math:`e^{2\sigma\delta(1/\sigma + y) - 2\delta}` reads
    :math:`e^{2 y \sigma\delta}` and its sign follows from the assumptions on the symbols).

    Used to derive the per-regime limits of the modes (16) symbolically (Thm. 2, Cor. 1, Fig. 1,
    App. A); raises what :func:`sympy.limit` raises when a sign is not decidable.

    >>> import sympy as sp
    >>> s, d, y = sp.symbols("sigma delta y", positive=True)
    >>> limit_at_infinity(sp.exp(2 * s * d * (1 / s - y) - 2 * d), d)
    0

    ``w`` is a scalar SymPy expression, ``delta`` a Symbol not declared nonpositive.
    """
    import sympy as sp

    w = v.sympy_expr("w", w)
    delta = v.symbol("delta", delta, positive=True)

    e = w.replace(lambda x: isinstance(x, sp.exp), lambda x: sp.exp(sp.expand(x.args[0])))
    return sp.simplify(sp.limit(e, delta, sp.oo))


def _mpf_exact(x: Fraction) -> mpmath.mpf:
    """An mpf of an exact rational, rounded once, with log2|x| guard bits for what follows."""
    return mpmath.mpf(x.numerator) / x.denominator


def _guard(x: Fraction) -> int:
    return max(abs(x.numerator).bit_length() - x.denominator.bit_length(), 0) + 8


def log_w_scaled(sigma: Fraction, lam: Fraction, t: Fraction, k: Fraction, delta: Fraction,
                 prec: int = 64) -> mpmath.mpf:
    r""":math:`\log w(\delta t)` for :math:`w(0) = e^{-k\delta}`, in log space at ``prec`` bits.

    The exponents :math:`-g\delta`, :math:`-h\delta` are exact rationals; they are converted
    with :math:`\log_2|x|` guard bits so that the exponential carries ``prec`` correct bits,
    whatever the size of :math:`\delta`.  Precision is scoped (``mpmath.workprec``).

    >>> import mpmath
    >>> F = Fraction
    >>> x = log_w_scaled(F(1), F(1), F(3, 4), F(1), F(10**6))
    >>> mpmath.nstr(x, 5)  # log w = -log(1 + e^{-delta/2}(1 - e^{-delta}))
    '-5.7418e-217148'

    Domain: exact rationals :math:`\sigma, \lambda > 0`, :math:`t \ge 0`, :math:`k > 0`,
    :math:`\delta > 0`; ``prec`` >= 1 bits.
    """
    sigma, lam, t, k, delta, prec = _exact_args(sigma, lam, t, k, delta, prec, "prec")
    r = Fraction(sigma) / Fraction(lam)
    g, h = exponents(Fraction(sigma), Fraction(t), Fraction(k))
    xg, xh = -g * Fraction(delta), -h * Fraction(delta)
    with mpmath.workprec(prec + max(_guard(xg), _guard(xh))):
        eg, one_minus_A = _mpf_exact(xg), -mpmath.expm1(_mpf_exact(xh))
        lr = mpmath.log(_mpf_exact(r))
        if g >= 0:  # log(1 - A + rB) = log1p(B (r - e^{-k delta})), B = e^{-g delta}
            xk = -Fraction(k) * Fraction(delta)
            with mpmath.extraprec(_guard(xk)):
                tail = mpmath.exp(eg) * (_mpf_exact(r) - mpmath.exp(_mpf_exact(xk)))
            out = lr - mpmath.log1p(tail)
        else:  # multiply through by e^{g delta}: no overflow, no cancellation
            out = lr - eg - mpmath.log(_mpf_exact(r) + mpmath.exp(-eg) * one_minus_A)
    with mpmath.workprec(prec):  # round once to the requested precision
        return +out


def log_limit_error(sigma: Fraction, lam: Fraction, t: Fraction, k: Fraction, delta: Fraction,
                    prec: int = 64) -> mpmath.mpf:
    r""":math:`\log|w(\delta t) - \lim_{\delta\to\infty} w(\delta t)|` in log space.

    Uses the exact rewritings (checked symbolically in :mod:`symdln.checks.continuous_limits`)

    * g > 0: :math:`w - r = -r\,e^{-g\delta}(r - e^{-k\delta})/(1 - e^{-h\delta} + re^{-g\delta})`,
    * g = 0: :math:`w - \frac{r}{1+r} = \frac{r e^{-h\delta}}{(1+r)(1 - e^{-h\delta} + r)}`,
    * g < 0: the limit is 0, the error is w.

    >>> import mpmath
    >>> float(log_limit_error(Fraction(1), Fraction(1), Fraction(1), Fraction(2), Fraction(50)))
    -101.3862...

    Domain as :func:`log_w_scaled`.
    """
    sigma, lam, t, k, delta, prec = _exact_args(sigma, lam, t, k, delta, prec, "prec")
    r = sigma / lam
    g, h = exponents(sigma, t, k)
    if g < 0:
        return log_w_scaled(sigma, lam, t, k, delta, prec)
    xg, xh, xk = -g * delta, -h * delta, -k * delta
    with mpmath.workprec(prec + max(_guard(xg), _guard(xh), _guard(xk))):
        rr = _mpf_exact(r)
        one_minus_A = -mpmath.expm1(_mpf_exact(xh))
        if g > 0:
            out = (mpmath.log(rr) + _mpf_exact(xg) + mpmath.log(abs(rr - mpmath.exp(_mpf_exact(xk))))
                   - mpmath.log(one_minus_A + rr * mpmath.exp(_mpf_exact(xg))))
        else:
            out = (mpmath.log(rr) + _mpf_exact(xh) - mpmath.log(1 + rr)
                   - mpmath.log(one_minus_A + rr))
    with mpmath.workprec(prec):
        return +out


def w_scaled_naive(sigma: Fraction, lam: Fraction, t: Fraction, k: Fraction, delta: Fraction,
                   dps: int) -> mpmath.mpf:
    r"""The naive evaluation of :math:`w(\delta t)` from the logistic formula with
    :math:`w_0 = e^{-k\delta}`, all in mpmath at ``dps`` digits (for the benchmark): the inputs
    are rounded at the working precision, as a user typing the formula would.

    The exponent :math:`2\sigma\delta t - k\delta` is rounded before exp, which costs
    :math:`\log_{10}\delta` digits.

    >>> float(w_scaled_naive(Fraction(1), Fraction(1), Fraction(3, 4), Fraction(1), Fraction(10), 30))
    0.9933...

    Domain as :func:`log_w_scaled`, ``dps`` >= 1 digits.
    """
    sigma, lam, t, k, delta, dps = _exact_args(sigma, lam, t, k, delta, dps, "dps")
    with mpmath.workdps(dps):
        s, l, tt, kk, d = (mpmath.mpf(Fraction(x).numerator) / Fraction(x).denominator
                           for x in (sigma, lam, t, k, delta))
        w0 = mpmath.exp(-kk * d)
        e = mpmath.exp(2 * s * d * tt)
        out = s * w0 * e / (l * w0 * (e - 1) + s)
    return +out


def rescaled_limit(s: Fraction, tau: Fraction,
                   c: Fraction = Fraction(1)) -> tuple[str, dict[str, Any]] | None:
    r"""Certified :math:`\lim_{\delta\to\infty} w_{\lfloor\delta\tau\rfloor}` of the discrete product
    iterate (Sec. 3.2) for :math:`w_0 = e^{-2\delta}`, :math:`s = \eta\sigma`, :math:`c = \lambda/\sigma`:
    ``("0", certificate)``, ``("sigma/lambda", certificate)`` or ``None`` (undecided).

    >>> rescaled_limit(Fraction(1, 4), Fraction(4))[0], rescaled_limit(Fraction(1, 4), Fraction(5))[0]
    ('0', 'sigma/lambda')

    Domain: numbers :math:`s > 0`, :math:`\tau \ge 0`, :math:`c > 0`.
    """
    kw = {"exact": False, "symbolic": False}
    s, tau, c = v.positive("s", s, **kw), v.nonnegative("tau", tau, **kw), v.positive("c", c, **kw)
    from symdln.certify.rescaled import limit_one_certificate, limit_zero_certificate

    if tau == 0:
        return "0", {"w_0 = exp(-2 delta)": "-> 0"}
    z = limit_zero_certificate(s, c, tau)
    if z is not None:
        return "0", z
    o = limit_one_certificate(s, tau)
    if o is not None:
        return "sigma/lambda", o
    return None


def rational_between(lo: Any, hi: Any) -> Fraction:
    """A simple rational strictly between two arb balls lo < hi (certified); candidates are built from
    the exact midpoint, so no rounding decides it.

    >>> import flint
    >>> rational_between(flint.arb(1) / 3, flint.arb(1) / 2)
    Fraction(2, 5)
    """
    import itertools

    import flint

    for name, x in (("lo", lo), ("hi", hi)):
        if not isinstance(x, flint.arb) or not x.is_finite():
            raise ValueError(f"{name} must be a finite python-flint arb ball, got {x!r}")
    if hi <= lo:
        raise ValueError(f"lo must be below hi (lo < hi), got lo = {lo}, hi = {hi}")

    m, e = ((lo.upper() + hi.lower()) / 2).mid().man_exp()
    x = Fraction(int(m)) * Fraction(2) ** int(e)
    for den in itertools.chain(range(1, 100), (2**k for k in range(7, 400))):
        q = Fraction((x * den).__floor__(), den)
        qa = flint.arb(flint.fmpq(q.numerator, q.denominator))
        if qa > lo and qa < hi:
            return q
    raise ArithmeticError("no rational found between the balls")  # pragma: no cover


def _canon(e: Any) -> Any:
    import sympy as sp

    e = sp.sympify(e)
    e = e.replace(lambda z: isinstance(z, sp.log), lambda z: sp.log(sp.factor(z.args[0])))
    return sp.simplify(sp.expand_log(e))


def same_formula(a: Any, b: Any) -> bool:
    """Exact identity of two SymPy expressions (logarithms of factored arguments expanded, so the
    assumptions on the symbols decide); False when SymPy cannot show it (undecided, not "different").

    >>> import sympy as sp
    >>> s = sp.Symbol("s", positive=True)
    >>> same_formula(2 / sp.log((1 + s) ** 2), 1 / sp.log(1 + s)), same_formula(1 / s, 1 / sp.log(1 + s))
    (True, False)
    """
    import sympy as sp

    a, b = v.sympy_expr("a", a), v.sympy_expr("b", b)
    try:
        return bool(sp.simplify(_canon(a) - _canon(b)) == 0)
    except (TypeError, ValueError, NotImplementedError):  # pragma: no cover - exotic input
        return False
