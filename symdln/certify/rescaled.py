r"""Certified limits of the discrete iterates at rescaled times :math:`t = \lfloor\delta\tau\rfloor`.

Initialisation of Cor. 3 of paper 1: both layers start at :math:`e^{-\delta}`, so the
product starts at :math:`w_0 = e^{-2\delta}` and :math:`u_0 = e^{2\delta} - c`
(:math:`u = 1/w - c`, :math:`c = \lambda/\sigma`, :math:`s = \eta\sigma`).  With
:math:`\tau^* = 1/\log(1+s)`:

* :func:`limit_zero_certificate` -- for :math:`\tau < \tau^*`: an explicit
  :math:`\kappa > 0` and :math:`\delta_0` with :math:`w_{\lfloor\delta\tau\rfloor} \le 2e^{-\kappa\delta}`
  for all :math:`\delta \ge \delta_0`.  Lemma: if u_k >= U (i.e. w_k <= 1/(U+c)) for k < t then
  :math:`\rho(e_k) \ge \rho_U := \rho_s(sU/(U+c))` (rho is increasing), so
  :math:`u_t \ge u_0\rho_U^t`; hence if :math:`u_0\rho_U^{t} \ge U` every
  :math:`u_k \ge U` (induction) and :math:`w_t \le 1/u_t`.  With
  :math:`\kappa = 2 + \tau\log\rho_U`: :math:`u_0\rho_U^{\delta\tau} = e^{\kappa\delta}(1 - ce^{-2\delta})`.
* :func:`limit_one_certificate` -- for :math:`\tau > \tau^*`: the corrected lower
  bound :math:`w_t \ge 1/(u_0(1+s)^{-2t} + c)` and
  :math:`u_0(1+s)^{-2\lfloor\delta\tau\rfloor} \le (1+s)^2e^{-\kappa'\delta}`,
  :math:`\kappa' = 2\tau\log(1+s) - 2 > 0`, so :math:`w_t \to 1/c = \sigma/\lambda`.
* :func:`limit_not_one_certificate` -- for :math:`\tau \le \tau^*`, the threshold itself
  included: :math:`\limsup w_{\lfloor\delta\tau\rfloor} \le 1/(c+m) < \sigma/\lambda`.
* :func:`derive_threshold` -- :math:`\tau^*` derived (SymPy) from the product recursion, where
  the two bounds above switch; nothing here takes :math:`1/\log(1+s)` as given.

>>> limit_zero_certificate("1/4", "1", "4")["kappa > 0"]
True
>>> limit_one_certificate("1/4", "5")["kappa' > 0"]
True
"""

from __future__ import annotations

import functools
import math
from fractions import Fraction
from typing import Any

import flint

from symdln import validate as v

__all__ = ["basin_steps", "boundary_lemma", "derive_threshold", "f_map", "fixed_point_trap",
           "half_rise_window", "image", "limit_not_one_certificate", "limit_one_beyond_c1",
           "limit_one_certificate", "limit_zero_certificate", "orbit_x", "threshold", "two_cycle_certificate"]


def _q(x: object) -> flint.arb:
    if isinstance(x, flint.arb):  # a ball (e.g. an irrational s at the boundary), used as it is
        return x
    f = x if isinstance(x, Fraction) else Fraction(str(x))
    return flint.arb(flint.fmpq(f.numerator, f.denominator))


def _positive(name: str, x: object, *, ball: bool = True) -> None:
    """``x > 0``: an exact rational (a number or its text) or, with ``ball``, a ball not certainly <= 0."""
    v.positive(name, v.rational_or_ball(name, x, ball=ball), exact=False)


def _nonnegative(name: str, x: object, *, ball: bool = True) -> None:
    """``x >= 0``, as :func:`_positive`."""
    v.nonnegative(name, v.rational_or_ball(name, x, ball=ball), exact=False)


def _floor_product(delta: int, tau: object, T: flint.arb) -> int | None:
    r""":math:`\lfloor\delta\tau\rfloor`: exact for a rational ``tau`` (its ball ``T`` may straddle an
    integer), from the ball ``T`` for a ball ``tau`` (``None`` where undecided)."""
    if isinstance(tau, flint.arb):
        n = (delta * T).floor().unique_fmpz()
        return None if n is None else int(n)
    f = tau if isinstance(tau, Fraction) else Fraction(str(tau))
    return math.floor(delta * f)


def threshold(s: object, prec: int = 128) -> flint.arb:
    r"""Enclosure of the rescaled transition time :math:`\tau^* = 1/\log(1+s)`.

    Domain: :math:`s = \eta\sigma > 0` (an exact rational, its text, or a ball); ``prec`` a positive
    integer.

    >>> threshold("-1/4")
    Traceback (most recent call last):
    ...
    ValueError: s must be positive (s > 0), got -1/4
    """
    _positive("s", s)
    with flint.ctx.workprec(v.positive_int("prec", prec)):
        return 1 / (1 + _q(s)).log()


def limit_zero_certificate(s: object, c: object, tau: object, prec: int = 128,
                           max_doublings: int = 40) -> dict[str, Any] | None:
    r"""Certify :math:`w_{\lfloor\delta\tau\rfloor} \to 0` as :math:`\delta\to\infty` (see module doc).

    Tries :math:`U = 2^k c`, k = 1, 2, ..., until :math:`\kappa = 2 + \tau\log\rho_U > 0`
    is certified; returns the certificate (kappa, U, delta_0) or ``None``.

    Domain: :math:`s = \eta\sigma > 0`, :math:`c = \lambda/\sigma > 0`, :math:`\tau \ge 0` (exact
    rationals, their text, or balls); ``prec`` a positive and ``max_doublings`` a nonnegative integer.
    """
    _positive("s", s)
    _positive("c", c)
    _nonnegative("tau", tau)
    prec, max_doublings = v.positive_int("prec", prec), v.nonnegative_int("max_doublings", max_doublings)
    with flint.ctx.workprec(prec):
        S, C, T = _q(s), _q(c), _q(tau)
        for k in range(1, max_doublings + 1):
            U = C * 2**k
            y = S * U / (U + C)
            rho = 1 - S * (2 + y) / ((1 + y) * (1 + y))
            kappa = 2 + T * rho.log()
            if kappa > 0:
                # delta_0: e^{kappa delta}(1 - c e^{-2 delta}) >= U and c e^{-2 delta} <= 1/2
                d0 = max(((2 * U).log() / kappa).upper(), ((2 * C).log() / 2).upper(), flint.arb(0))
                return {"kappa > 0": True, "kappa": str(kappa.lower()), "U": f"2^{k} c",
                        "delta_0": str(d0),
                        "bound": "w_floor(delta tau) <= 2 exp(-kappa delta), delta >= delta_0",
                        "precision": f"{prec} bits"}
    return None


def limit_one_certificate(s: object, tau: object, prec: int = 128) -> dict[str, Any] | None:
    r"""Certify :math:`w_{\lfloor\delta\tau\rfloor} \to \sigma/\lambda` (see module doc); ``None`` if
    :math:`\kappa' = 2\tau\log(1+s) - 2 > 0` cannot be certified.

    Domain: :math:`s > 0`, :math:`\tau \ge 0` (exact rationals, their text, or balls); ``prec`` a
    positive integer.
    """
    _positive("s", s)
    _nonnegative("tau", tau)
    prec = v.positive_int("prec", prec)
    with flint.ctx.workprec(prec):
        kappa = 2 * _q(tau) * (1 + _q(s)).log() - 2
        if kappa > 0:
            return {"kappa' > 0": True, "kappa'": str(kappa.lower()),
                    "bound": "1/(c + (1+s)^2 exp(-kappa' delta)) <= w_floor(delta tau) <= 1/c",
                    "precision": f"{prec} bits"}
    return None


@functools.lru_cache(maxsize=1)
def derive_threshold() -> dict[str, Any]:
    r"""Derive the rescaled transition time :math:`\tau^*(s)` from the product recursion (SymPy).

    Nothing below takes the answer as given; each step is a computation that could fail:

    1. :math:`u = 1/w - c` (:math:`c = \lambda/\sigma`, :math:`s = \eta\sigma`): from
       :func:`symdln.discrete.product_step`, :math:`u' = \rho_s(y)\,u` with :math:`y = su/(u+c)`;
    2. :math:`\rho_s` is increasing in :math:`y \ge 0`, and :math:`0 \le y \le s` while :math:`u \ge 0`;
    3. :math:`\log u_0/\delta \to` the initial rate (:math:`w_0 = e^{-\delta}e^{-\delta}`);
    4. zero side (:func:`limit_zero_certificate`): :math:`u_k \ge U` gives
       :math:`\rho_k \ge \rho_U = \rho_s(sU/(U+c))`, increasing in U, so the rescaled times with a
       certificate are :math:`\tau < \tau_0 = -\mathrm{rate}/\log\lim_{U\to\infty}\rho_U`;
    5. one side (:func:`limit_one_certificate`): :math:`\rho_k \le \rho_s(s)`, so
       :math:`u_t \le u_0\rho_s(s)^t \to 0` for :math:`\tau > \tau_1 = -\mathrm{rate}/\log\rho_s(s)`;
    6. :math:`\tau_0 = \tau_1` (so the limit switches there, and only there): :math:`\tau^*`.

    Cached: the returned dictionary is shared, do not modify it.

    >>> d = derive_threshold()
    >>> d["ok"], d["tau*"]
    (True, 1/log(s + 1))
    """
    import sympy as sp

    from symdln.discrete import product_step, rho

    s, U, c, u, sig, lam, eta, tau, delta = sp.symbols("s U c u sigma lambda eta tau delta", positive=True)
    y = sp.Symbol("y", nonnegative=True)
    steps: dict[str, Any] = {}
    w = 1 / (u + lam / sig)
    u_next = 1 / product_step(w, sig, lam, eta) - lam / sig
    steps["u' = rho_s(y) u, y = s u/(u + c), from the product step"] = bool(
        sp.simplify(u_next / u - rho(eta * sig * u / (u + lam / sig), eta * sig)) == 0)
    steps["d rho_s/dy > 0 for y >= 0"] = sp.factor(sp.diff(rho(y, s), y)).is_positive is True
    yU = s * U / (U + c)
    steps["s - y = s c/(u + c) > 0: y <= s, rho_k <= rho_s(s)"] = sp.factor(s - yU).is_positive is True
    steps["y_U increases in U, to s"] = bool(sp.factor(sp.diff(yU, U)).is_positive is True
                                            and sp.limit(yU, U, sp.oo) == s)
    rate = sp.limit(sp.log(1 / (sp.exp(-delta) * sp.exp(-delta)) - c) / delta, delta, sp.oo)
    steps["log u_0/delta -> rate > 0"] = (str(rate), bool(rate.is_positive))
    rho_inf = sp.factor(sp.limit(rho(yU, s), U, sp.oo))
    rho_top = sp.factor(rho(s, s))
    zero = sp.solve(sp.Eq(rate + tau * sp.expand_log(sp.log(rho_inf)), 0), tau)
    one = sp.solve(sp.Eq(rate + tau * sp.expand_log(sp.log(rho_top)), 0), tau)
    steps["sup of the zero side (one solution)"] = [str(z) for z in zero]
    steps["inf of the one side (one solution)"] = [str(o) for o in one]
    same = len(zero) == 1 and len(one) == 1 and sp.simplify(zero[0] - one[0]) == 0
    steps["the two sides meet: tau_0 = tau_1"] = bool(same)
    tau_star = sp.simplify(zero[0]) if same else None
    ok = same and all(x if isinstance(x, bool) else True for x in steps.values()) and bool(rate.is_positive)
    return {"tau*": tau_star, "s": s, "steps": steps, "ok": bool(ok)}


def boundary_lemma() -> str:
    r"""z3 (through :class:`symdln.certify.smt.Translation`): :math:`\rho_s(s) - \rho_s(y) \le 3s(s - y)`
    for :math:`0 \le y \le s` (the slope bound behind :func:`limit_not_one_certificate`).

    >>> boundary_lemma()
    'proved'
    """
    import sympy as sp

    from symdln.certify.smt import Translation
    from symdln.discrete import rho

    s, y = sp.Symbol("s", positive=True), sp.Symbol("y", nonnegative=True)
    return Translation().prove(y <= s, rho(s, s) - rho(y, s) <= 3 * s * (s - y)).status


def limit_not_one_certificate(s: object, c: object, prec: int = 128) -> dict[str, Any] | None:
    r"""Certify :math:`\limsup_{\delta\to\infty} w_{\lfloor\delta\tau\rfloor} \le 1/(c+m) < 1/c`
    (:math:`= \sigma/\lambda`) for every :math:`\tau` with :math:`\tau\log(1+s) \le 1` (the threshold
    itself included), under C1 (:math:`2s < 1`), with :math:`m = 1 - 3sc(1+s)^2/(2+s) > 0` (both
    certified; else ``None``).
    ``s`` may be a ball (an irrational s, e.g. :math:`e^b - 1`).

    Proof. :math:`\rho \ge \rho_s(0) = 1 - 2s > 0` keeps :math:`u_k > 0`.  With
    :math:`\rho_s(s) - \rho_s(y) \le 3s(s-y)` (:func:`boundary_lemma`) and :math:`s - y = scw`:
    :math:`\rho_k(1+s)^2 \ge 1 - Aw_k`, :math:`A = 3s^2c(1+s)^2`.  For
    :math:`z_k = u_k(1+s)^{2k}e^{-2\delta} > 0` and :math:`w_k \le 1/u_k`:
    :math:`z_{k+1} \ge z_k - Az_kw_k \ge z_k - A(1+s)^{2k}e^{-2\delta}`, so
    :math:`z_t \ge 1 - ce^{-2\delta} - Ae^{-2\delta}(1+s)^{2t}/((1+s)^2 - 1)`.  For
    :math:`t = \lfloor\delta\tau\rfloor \le \delta/\log(1+s)`, :math:`(1+s)^{2t} \le e^{2\delta}`, so
    :math:`z_t \ge m - ce^{-2\delta}` and :math:`u_t = z_te^{2\delta}(1+s)^{-2t} \ge z_t`.

    >>> limit_not_one_certificate("1/4", "1")["m > 0"]
    True
    >>> limit_not_one_certificate("1/4", "4") is None
    True

    Domain: :math:`s > 0`, :math:`c > 0` (exact rationals, their text, or balls); ``prec`` a
    positive integer.
    """
    _positive("s", s)
    _positive("c", c)
    prec = v.positive_int("prec", prec)
    with flint.ctx.workprec(prec):
        S, C = _q(s), _q(c)
        m = 1 - 3 * S * C * (1 + S) ** 2 / (2 + S)
        if not (S > 0 and 2 * S < 1 and C > 0 and m > 0):
            return None
        d0 = max(((2 * C / m).log() / 2).upper(), (C.log() / 2).upper(), flint.arb(0))
        return {"m > 0": True, "m": str(m.lower()), "delta_0": str(d0),
                "bound": "w_floor(delta tau) <= 1/(c + m/2) < 1/c for delta >= delta_0 and every "
                         "tau with tau log(1+s) <= 1", "precision": f"{prec} bits"}


def half_rise_window(s: object, c: object, prec: int = 128, theta: object | None = None) -> dict[str, Any]:
    r"""Proved window for the half-rise step :math:`t_h = \min\{t: w_t \ge \sigma/(2\lambda)\}`
    (i.e. :math:`u_t \le c`) with :math:`u_0 = e^{2\delta} - c`, valid for
    :math:`\delta \ge \log(2c)/2` and every s > 0 for which the constants below are defined
    (all :math:`0 < s < 1`; C1, :math:`2s < 1`, is not needed):

    .. math:: \frac{\delta}{\log(1+s)} - C_- \le t_h \le \frac{\delta}{\log(1+s)} + C_+,

    :math:`C_+ = 1 - \log c/(2\log(1+s))` (from :math:`u_{k+1} \le (1+s)^{-2}u_k` while
    :math:`u_k > 0`: :math:`\rho_s \le \rho_s(s)` on :math:`y \le s`, whatever the sign of rho) and
    :math:`C_- = (\log 2 + \log c + \log((1-\theta)/\theta) + K)/(2\log(1+s))` with
    :math:`t_h \ge t_\theta = \min\{t: w_t \ge \theta\sigma/\lambda\}`, :math:`\theta \le 1/2`,
    :math:`K = (1-m)/(m(1-q))`, :math:`m = 1 - 3s^2(1+s)^2\theta > 0`,
    :math:`q = (1+s(1-\theta))^{-2}` (from :math:`\rho_k \ge (1+s)^{-2}(1 - 3s^2c(1+s)^2 w_k)`,
    :math:`w_k < \theta/c` and :math:`w_{k+1} \ge (1+s(1-\theta))^2 w_k` before :math:`t_\theta`).
    Default :math:`\theta = 1/2` when :math:`\tfrac32 s^2(1+s)^2 < 1` (about s < 0.53), else
    :math:`\theta = 1/(6s^2(1+s)^2)` (m = 1/2).  So :math:`t_h = \delta/\log(1+\eta\sigma) + O(1)`.

    >>> win = half_rise_window("1/10", "1")
    >>> float(win["C_minus"].upper()) < 5 and float(win["C_plus"].upper()) <= 1
    True
    >>> float(half_rise_window("3/4", "1")["C_minus"].upper()) < 10
    True

    Domain: :math:`s > 0` (an exact rational or its text), :math:`c > 0` (also a ball), ``theta``
    ``None`` or :math:`0 < \theta \le 1/2`; ``prec`` a positive integer.
    """
    _positive("s", s, ball=False)
    _positive("c", c)
    if theta is not None:
        v.in_interval("theta", v.rational_or_ball("theta", theta, ball=False), 0, Fraction(1, 2),
                      closed=(False, True), exact=False)
    prec = v.positive_int("prec", prec)
    sf = Fraction(str(s))
    if theta is None:
        g = 3 * sf**2 * (1 + sf) ** 2
        th = Fraction(1, 2) if g / 2 < 1 else 1 / (2 * g)
    else:
        th = Fraction(str(theta))
    with flint.ctx.workprec(prec):
        S, C, TH = _q(sf), _q(c), _q(th)
        L = (1 + S).log()
        m = 1 - 3 * S * S * (1 + S) ** 2 * TH
        q = 1 / ((1 + S * (1 - TH)) ** 2)
        if not (m > 0 and q < 1 and th <= Fraction(1, 2) and th > 0):
            raise ArithmeticError("window constants undefined")
        K = (1 - m) / (m * (1 - q))
        c_plus = 1 - C.log() / (2 * L)
        c_minus = (flint.arb(2).log() + C.log() + ((1 - TH) / TH).log() + K) / (2 * L)
        return {"C_plus": c_plus, "C_minus": c_minus, "K": K, "delta_min": (2 * C).log() / 2,
                "1/log(1+s)": 1 / L, "theta": th}


# --------------------------------------------------------------------------------------------
# Beyond C1: 1/2 <= eta sigma < 1 (no monotonicity) and eta sigma > 1 (period doubling).
#
# In x = eta lambda w the product recursion w' = w (1 + eta(sigma - lambda w))^2 reads
# x' = f_s(x) = x (1 + s - x)^2 (fixed points 0, s, s + 2); x = s is w = sigma/lambda, and
# v = 1/x - 1/s = u/(s c) obeys v' = rho_s(s - x) v, the u-recursion.  f_s is increasing on
# [0, (1+s)/3], decreasing on [(1+s)/3, 1+s], and M_s = f_s((1+s)/3) = 4(1+s)^3/27.
# --------------------------------------------------------------------------------------------

Interval = tuple[flint.arb, flint.arb]


def f_map(x: flint.arb, s: flint.arb) -> flint.arb:
    r"""The product step in :math:`x = \eta\lambda w`: :math:`f_s(x) = x(1+s-x)^2` (ball arithmetic).

    Domain: x a finite real number or ball; :math:`s = \eta\sigma > 0` (a number or a ball).

    >>> f_map(flint.arb(1), flint.arb(1))
    1.00000000000000
    """
    v.real("x", x, exact=False, symbolic=False)
    v.positive("s", s, exact=False, symbolic=False)
    return _f_map(x, s)


def _f_map(x: flint.arb, s: flint.arb) -> flint.arb:
    """:func:`f_map` on checked arguments."""
    return x * (1 + s - x) ** 2


def image(iv: Interval, s: flint.arb) -> Interval:
    r"""Outward enclosure of :math:`f_s([lo, hi])` for :math:`[lo, hi] \subset [0, 1+s]`.

    :math:`f_s` is unimodal there (increasing up to :math:`(1+s)/3`, decreasing after), so the
    minimum is at an endpoint and the maximum at an endpoint or at the critical point.

    Domain: :math:`s > 0` a ball; ``iv`` an interval (lo, hi) of balls, lo <= hi, certainly inside
    [0, 1 + s].
    """
    v.require("s", isinstance(s, flint.arb), "a ball", s)
    v.positive("s", s, exact=False, symbolic=False)
    _within("iv", iv, s)
    return _image(iv, s)


def _within(name: str, iv: object, s: flint.arb) -> None:
    """``iv`` an interval of balls certainly inside [0, 1 + s]."""
    lo, hi = v.interval(name, iv)
    inside = isinstance(lo, flint.arb) and isinstance(hi, flint.arb) and bool(lo >= 0 and hi <= 1 + s)
    v.require(name, inside, "an interval (lo, hi) of balls inside [0, 1 + s]", iv)


def _image(iv: Interval, s: flint.arb) -> Interval:
    """:func:`image` on checked arguments."""
    lo, hi = iv
    if not (lo >= 0 and hi <= 1 + s):
        raise ValueError("interval outside [0, 1 + s]")
    crit = (1 + s) / 3
    vals = [_f_map(lo, s), _f_map(hi, s)]
    if not (hi < crit or lo > crit):
        vals.append(_f_map(crit, s))
    return (min(x.lower() for x in vals[:2]), max(x.upper() for x in vals))


def _inside(iv: Interval, target: Interval) -> bool:
    return bool(iv[0] >= target[0] and iv[1] <= target[1])


def fixed_point_trap(s: object, prec: int = 128) -> dict[str, Any] | None:
    r"""A trapping interval :math:`V = [s - r, s + r]` of the fixed point s of :math:`f_s`, 0 < s < 1:
    :math:`|f_s'| \le q < 1` on V (ball enclosure of :math:`f_s'(x) = (1+s-x)(1+s-3x)`), hence
    :math:`|f_s^n(x) - s| \le r q^n` for x in V.  ``None`` if no r = 2^-k, k <= 30, works.

    Domain: 0 < s < 1 (an exact rational, its text, or a ball); ``prec`` a positive integer.
    """
    v.in_interval("s", v.rational_or_ball("s", s), 0, 1, closed=(False, False), exact=False)
    return _fixed_point_trap(s, v.positive_int("prec", prec))


def _fixed_point_trap(s: object, prec: int) -> dict[str, Any] | None:
    """:func:`fixed_point_trap` on checked arguments."""
    with flint.ctx.workprec(prec):
        S = _q(s)
        for k in range(1, 31):
            r = flint.arb(2) ** -k
            ball = flint.arb(S.mid(), r)  # contains [s - r, s + r]
            if not (S - r > 0):
                continue
            dq = abs((1 + S - ball) * (1 + S - 3 * ball))
            q = dq.upper()
            if q < 1:
                return {"V": (S - r, S + r), "r": r, "q": q, "k": k}
    return None


def basin_steps(start: Interval, s: object, targets: list[Interval], max_steps: int = 2000,
                max_pieces: int = 4096, prec: int = 128) -> dict[str, Any] | None:
    r"""Certify :math:`f_s^{n}(K) \subset \bigcup T` for every point of :math:`K` = ``start`` and some
    n <= N (N returned): adaptive bisection of K, each piece's image iterated with :func:`image`
    until it lies in one target interval.  If the targets are trapping (:math:`f_s(T) \subset T`),
    every orbit from K is in T from step N on.  ``None`` if the budget is exhausted.

    Domain: :math:`s > 0` (an exact rational, its text, or a ball); ``start`` an interval of balls
    inside [0, 1 + s]; ``targets`` a nonempty list of intervals; ``max_steps``, ``max_pieces`` nonnegative
    and ``prec`` positive integers.
    """
    _positive("s", s)
    for i, t in enumerate(v.sequence("targets", targets, min_len=1)):
        v.interval(f"targets[{i}]", t)
    max_steps = v.nonnegative_int("max_steps", max_steps)
    max_pieces = v.nonnegative_int("max_pieces", max_pieces)
    prec = v.positive_int("prec", prec)
    with flint.ctx.workprec(prec):
        _within("start", start, _q(s))
    return _basin_steps(start, s, targets, max_steps, max_pieces, prec)


def _basin_steps(start: Interval, s: object, targets: list[Interval], max_steps: int = 2000,
                 max_pieces: int = 4096, prec: int = 128) -> dict[str, Any] | None:
    """:func:`basin_steps` on checked arguments."""
    with flint.ctx.workprec(prec):
        S = _q(s)
        stack, n_max, pieces = [start], 0, 0
        while stack:
            piece = stack.pop()
            pieces += 1
            if pieces > max_pieces:
                return None
            iv, ok = piece, False
            for n in range(max_steps + 1):
                if any(_inside(iv, t) for t in targets):
                    n_max, ok = max(n_max, n), True
                    break
                if iv[1] - iv[0] > 4 * (start[1] - start[0]) + 1:  # pragma: no cover - blown up
                    break
                iv = _image(iv, S)
                if not (iv[0] >= 0 and iv[1] <= 1 + S):
                    break
            if not ok:
                mid = ((piece[0] + piece[1]) / 2).mid()
                mid = flint.arb(mid)
                if not (mid > piece[0] and mid < piece[1]):
                    return None
                stack.extend([(piece[0], mid), (mid, piece[1])])
        return {"N": n_max, "pieces": pieces}


def limit_one_beyond_c1(s: object, c: object, tau: object, prec: int = 128) -> dict[str, Any] | None:
    r"""Certify :math:`w_{\lfloor\delta\tau\rfloor} \to \sigma/\lambda` for :math:`w_0 = e^{-2\delta}`,
    :math:`\tau > 1/\log(1+s)`, without C1 (any 0 < s < 1, in particular 1/2 <= s < 1).

    Phase 1 (rise): with :math:`a = s/2`, while :math:`x_k < a` the factor of v is
    :math:`\rho_s(s - x_k) \le \rho_s(s) = (1+s)^{-2}` (rho increasing), so
    :math:`v_t \le v_0(1+s)^{-2t}`; with :math:`\tau_a = (\tau + 1/\log(1+s))/2` and
    :math:`\kappa_a = 2\tau_a\log(1+s) - 2 > 0` this forces some :math:`k \le \lfloor\delta\tau_a\rfloor`
    with :math:`x_k \ge a` once :math:`(1+s)^2e^{-\kappa_a\delta}/(sc) < 1/a - 1/s`.
    Phase 2 (settle): :math:`K = [b, M_s]`, :math:`b = \min(a, f_s(M_s))`, is invariant (checked) and
    contains that :math:`x_k` (:math:`x_k \le M_s` for k >= 1); :func:`basin_steps` certifies
    :math:`f_s^N(K) \subset V` (:func:`fixed_point_trap`), so for
    :math:`t \ge \delta\tau_a + N + n`: :math:`|x_t - s| \le r q^n` and
    :math:`|w_t - \sigma/\lambda| \le r q^n/(sc)`.

    Domain: :math:`s > 0`, :math:`c > 0`, :math:`\tau \ge 0` (exact rationals, their text, or
    balls); ``prec`` a positive integer.
    """
    _positive("s", s)
    _positive("c", c)
    _nonnegative("tau", tau)
    prec = v.positive_int("prec", prec)
    with flint.ctx.workprec(prec):
        S, C, T = _q(s), _q(c), _q(tau)
        if not (S > 0 and S < 1):
            return None
        L = (1 + S).log()
        Ta = (T + 1 / L) / 2
        kappa = 2 * Ta * L - 2
        if not kappa > 0:
            return None
        a = S / 2
        M = _f_map((1 + S) / 3, S).upper()
        b = min(a.lower(), _f_map(M, S).lower())
        K = (b, M)
        inv = _image(K, S)
        if not (_inside(inv, K) and M < 1 + S and b > 0 and a <= M):
            return None
        trap = _fixed_point_trap(s, prec)
        if trap is None:
            return None
        V = trap["V"]
        if not _inside(_image(V, S), V):
            return None
        bs = _basin_steps(K, s, [V], prec=prec)
        if bs is None:
            return None
        d0 = max(((1 + S) ** 2 / (S * C * (1 / a - 1 / S))).log() / kappa, (S * C / a).log() / 2,
                 flint.arb(0)).upper()
        return {"1/2 <= s < 1 allowed": True,
                "a = s/2 reached by step floor(delta tau_a), tau_a": str(Ta.mid()),
                "kappa_a": str(kappa.lower()), "delta_0": str(d0), "K = [b, M_s]": (str(b), str(M)),
                "f(K) in K": True, "trap V = [s - r, s + r], r": str(trap["r"]),
                "q = max |f'| on V": q_str(trap["q"]),
                "f^N(K) in V, N": bs["N"], "pieces": bs["pieces"],
                "bound": "|w_t - sigma/lambda| <= r q^(t - delta tau_a - N)/(s c) for delta >= delta_0, "
                         "t >= delta tau_a + N", "precision": f"{prec} bits"}


def q_str(x: flint.arb) -> str:
    """A short decimal upper bound of a ball (for reports)."""
    return str(x.upper().mid())


def orbit_x(s: object, c: object, delta: int, steps: int, prec: int = 128) -> list[flint.arb]:
    r"""Ball enclosures of :math:`x_t = \eta\lambda w_t`, t = 0..steps, from :math:`w_0 = e^{-2\delta}`
    (:math:`x_0 = sc\,e^{-2\delta}`).

    Domain: :math:`s > 0`, :math:`c > 0` (exact rationals, their text, or balls); ``delta`` and
    ``steps`` nonnegative integers; ``prec`` a positive integer.
    """
    _positive("s", s)
    _positive("c", c)
    v.nonnegative_int("delta", delta)
    return _orbit_x(s, c, delta, v.nonnegative_int("steps", steps), v.positive_int("prec", prec))


def _orbit_x(s: object, c: object, delta: int, steps: int, prec: int) -> list[flint.arb]:
    """:func:`orbit_x` on checked arguments."""
    with flint.ctx.workprec(prec):
        S = _q(s)
        x = S * _q(c) * (-2 * flint.arb(delta)).exp()
        out = [x]
        for _ in range(steps):
            x = _f_map(x, S)
            out.append(x)
        return out


def two_cycle_certificate(s: object, c: object, tau: object, p0: object = Fraction(1, 100),
                          deltas: tuple[int, ...] = (10, 20, 40), prec: int = 128) -> dict[str, Any] | None:
    r"""For :math:`1 < s < \sqrt5 - 1`: an attracting 2-cycle of :math:`f_s` whose trapping region W
    stays away from s, reached from arbitrarily small :math:`x_0`; so :math:`w_{\lfloor\delta\tau\rfloor}`
    does not tend to :math:`\sigma/\lambda`.

    Exact: the cycle is :math:`p_{1,2} = ((1+s) \mp \sqrt{(1+s)^2 - 4})/2` (roots of
    :math:`x^2 - (1+s)x + 1`), multiplier :math:`9 - 2(1+s)^2 \in (-1, 1)`.  Certified (balls):
    :math:`f_s(W_1) \subset W_2`, :math:`f_s(W_2) \subset W_1`, :math:`\mathrm{dist}(s, W) \ge d`;
    a piece :math:`D'` of the fundamental domain :math:`D = [p_0, f_s(p_0)]` with
    :math:`f_s^N(D') \subset W` (:func:`basin_steps`).  Argued (intermediate values): the increasing
    branch of :math:`f_s` on :math:`[0, (1+s)/3]` has an inverse h with h(x) < x, so
    :math:`J_k = h^k(D')` are nonempty intervals shrinking to 0 and some :math:`\delta_k \to \infty`
    has :math:`x_0 = sce^{-2\delta_k} \in J_k`; then :math:`x_j \le p_0` for j < k, so
    :math:`k \le 1 + \log(p_0/x_0)/(2\log(1+s-p_0))`, and :math:`x_t \in W` for t >= k + N, which
    includes :math:`t = \lfloor\delta_k\tau\rfloor` when :math:`\tau > 1/\log(1+s-p_0)` and
    :math:`\delta_k \ge` ``delta_min``.  Also certified: the orbits at ``deltas`` enter W.

    Domain: :math:`s > 0`, :math:`p_0 > 0` (exact rationals or their text), :math:`c > 0`,
    :math:`\tau \ge 0` (also balls); ``deltas`` nonnegative integers; ``prec`` a positive integer.
    """
    _positive("s", s, ball=False)
    _positive("c", c)
    _nonnegative("tau", tau)
    _positive("p0", p0, ball=False)
    for i, dl in enumerate(v.sequence("deltas", deltas)):
        v.nonnegative_int(f"deltas[{i}]", dl)
    prec = v.positive_int("prec", prec)
    sf, pf = Fraction(str(s)), Fraction(str(p0))
    mult = 9 - 2 * (1 + sf) ** 2
    if not (sf > 1 and -1 < mult < 1):
        return None
    with flint.ctx.workprec(prec):
        S, C, T, P = _q(s), _q(c), _q(tau), _q(p0)
        root = ((1 + S) ** 2 - 4).sqrt()
        p1, p2 = (1 + S - root) / 2, (1 + S + root) / 2
        found = None
        for k in range(2, 16):
            for ratio in (Fraction(1, 8), Fraction(1, 4), Fraction(1, 2), Fraction(1), Fraction(2),
                          Fraction(4), Fraction(8)):
                r1 = flint.arb(2) ** -k
                r2 = r1 * _q(ratio)
                W1 = (flint.arb(p1.mid()) - r1, flint.arb(p1.mid()) + r1)
                W2 = (flint.arb(p2.mid()) - r2, flint.arb(p2.mid()) + r2)
                if not (W1[0] > 0 and W2[1] < 1 + S and W1[1] < S and W2[0] > S):
                    continue
                if _inside(_image(W1, S), W2) and _inside(_image(W2, S), W1):
                    found = (W1, W2)
                    break
            if found:
                break
        if found is None:
            return None
        W1, W2 = found
        d = min(S - W1[1], W2[0] - S).lower()
        crit = (1 + S) / 3
        fp = _f_map(P, S)
        if not (fp > P and fp < crit):
            return None
        Lp = (1 + S - P).log()
        sub = None
        n_pieces = 64
        for i in range(n_pieces):
            lo = P + (fp.upper() - P) * i / n_pieces
            hi = P + (fp.upper() - P) * (i + 1) / n_pieces
            piece = (lo.lower(), hi.upper())
            bs = _basin_steps(piece, s, [W1, W2], max_steps=400, max_pieces=64, prec=prec)
            if bs is not None:
                sub = (piece, bs["N"])
                break
        if sub is None:
            return None
        (dlo, dhi), N = sub
        if not T > 1 / Lp:
            return None
        dmin = ((2 + N + (P / (S * C)).log() / (2 * Lp)) / (T - 1 / Lp)).upper()
        orbits = {}
        for dl in deltas:
            steps = _floor_product(dl, tau, T)
            if steps is None:  # tau a ball on which floor(delta tau) is not decided
                return None
            xs = _orbit_x(s, c, dl, steps, prec)
            enter = next((t for t, x in enumerate(xs)
                          if any(bool(x > w[0] and x < w[1]) for w in (W1, W2))), None)
            orbits[dl] = {"t = floor(delta tau)": steps, "enters W at t": enter,
                          "|w_t - sigma/lambda| * s c >= d at t = floor(delta tau)":
                              enter is not None and bool(abs(xs[-1] - S) > d)}
        return {"s": str(sf), "2-cycle": "roots of x^2 - (1+s) x + 1", "p1": str(p1), "p2": str(p2),
                "multiplier 9 - 2(1+s)^2 (exact)": str(mult),
                "W1": (str(W1[0]), str(W1[1])), "W2": (str(W2[0]), str(W2[1])),
                "f(W1) in W2 and f(W2) in W1": True, "dist(s, W) >=": str(d),
                "D' (piece of [p0, f(p0)]), p0": (str(dlo), str(dhi), str(pf)), "f^N(D') in W, N": N,
                "tau > 1/log(1 + s - p0)": True, "delta_min": str(dmin),
                "certified orbits": orbits,
                "conclusion": "along delta_k -> infinity (x_0 in h^k(D')), |w_t - sigma/lambda| >= d/(s c) "
                              "for all t >= k + N, including t = floor(delta_k tau): no limit sigma/lambda",
                "argued": "existence of delta_k (h^k(D') nonempty intervals -> 0, intermediate values)",
                "precision": f"{prec} bits"}
