r"""Certified endpoint iteration of the monotone u-map of Sec. 3.2 (paper 1).

The variable :math:`u_t = 1/w_t - \lambda/\sigma` of the product singular value
:math:`w_t` obeys :math:`u_{t+1} = F(u_t)`,
:math:`F(u) = u\,\rho_s(s z)`, :math:`z = u/(u+c)`,
:math:`\rho_s(y) = 1 - s(2+y)/(1+y)^2`, with :math:`s = \eta\sigma`,
:math:`c = \lambda/\sigma` (:func:`symdln.discrete.u_step`).  For
:math:`0 < 2s < 1`, :math:`c > 0`, F is increasing in u on u >= 0, and
:math:`\rho` is increasing in z, decreasing in s and (through z) in c
(:func:`monotonicity_certificate` proves these with SymPy).  So the true
iterate is enclosed by iterating two endpoints, each rounded outward.

Two back ends:

* :func:`iterate_float` -- a numba-compiled float64 kernel.  Every
  floating-point operation is correctly rounded (round to nearest), so its
  exact result lies between ``nextafter(fl, -inf)`` and ``nextafter(fl, +inf)``;
  the kernel rounds every intermediate outward that way, in the direction that
  the monotonicity makes safe.  No contraction into FMA can happen across the
  ``nextafter`` calls.
* :func:`iterate_arb` -- the same endpoint iteration in python-flint balls at
  a chosen precision, for what float64 cannot decide.

Both also carry the ratio :math:`R_t = u_t/(u_0 g^t)` against a reference
rate g, so that bounds of the form :math:`u_t \gtrless u_0 g^t` (all the
bounds of Thm. 3 in u-space) are decided without underflow, and the first
step where :math:`u_t \le \theta` (a crossing time).

>>> r = iterate_arb("1/4", "1", "1", 3)
>>> r.u_lower <= r.u_upper
True
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

import flint
import numpy as np
import sympy as sp

__all__ = [
    "ArbRun",
    "FloatRun",
    "float_enclosure",
    "iterate_arb",
    "iterate_float",
    "iterate_float_plain",
    "monotonicity_certificate",
]

# status codes of the kernels
HELD, FAILED, UNDECIDED = 0, 1, 2
# check modes: R_t >= 1 (u_t >= u0 g^t), R_t <= 1 (u_t <= u0 g^t), first t with u_t <= theta, none
MODE_GE, MODE_LE, MODE_CROSS, MODE_NONE = 1, -1, 2, 0
#: phi = u(1 + 2u), u = 2^-53, and eta = 2^-1074 of Rump, Zimmermann, Boldo, Melquiond,
#: "Computing predecessor and successor in rounding to nearest", BIT 49 (2009), Alg. 1:
#: fl(c - fl(phi|c| + eta)) <= pred(c) and succ(c) <= fl(c + fl(phi|c| + eta)) (Thm. 2.1).
PHI = 2.0**-53 + 2.0**-105
ETA = 2.0**-1074


def monotonicity_certificate() -> dict[str, sp.Expr]:
    r"""SymPy derivatives that justify endpoint iteration, with their sign arguments.

    Returns factored expressions whose signs are evident on
    :math:`0 < s < 1/2`, :math:`c > 0`, :math:`u \ge 0`, :math:`0 \le y`:

    * ``drho_dy`` :math:`= s(3+y)/(1+y)^3 > 0`;
    * ``d_s_of_s_g`` :math:`= \partial_s[s\,g(sz)] = 2/(1+sz)^3 > 0` (so rho decreases in s);
    * ``dz_du`` :math:`= c/(u+c)^2 > 0`, ``dz_dc`` :math:`= -u/(u+c)^2 \le 0`;
    * ``dF_du`` :math:`= \rho + u\,\rho'(y)\,s\,c/(u+c)^2`, a sum of terms > 0
      because :math:`\rho \ge \rho_s(0) = 1 - 2s > 0`.

    >>> cert = monotonicity_certificate()
    >>> cert["drho_dy"]
    s*(y + 3)/(y + 1)**3
    """
    s, c, u, y, z = sp.symbols("s c u y z", positive=True)
    rho = 1 - s * (2 + y) / (1 + y) ** 2
    drho = sp.factor(sp.diff(rho, y))
    ds = sp.factor(sp.diff(s * (2 + s * z) / (1 + s * z) ** 2, s))
    zz = u / (u + c)
    F = u * rho.subs(y, s * zz)
    dF = sp.diff(F, u)
    dF_expected = rho.subs(y, s * zz) + u * drho.subs(y, s * zz) * s * c / (u + c) ** 2
    if sp.cancel(dF - dF_expected) != 0:  # pragma: no cover - an exact identity
        raise ArithmeticError("dF/du does not have the expected form")
    return {
        "drho_dy": drho,
        "d_s_of_s_g": ds,
        "dz_du": sp.factor(sp.diff(zz, u)),
        "dz_dc": sp.factor(sp.diff(zz, c)),
        "dF_du": dF_expected,
        "rho_at_0": rho.subs(y, 0),
    }


def float_enclosure(x: flint.arb) -> tuple[float, float]:
    """Float64 lower and upper bounds of an arb ball (outward by one ulp; a nonnegative
    lower endpoint stays nonnegative)."""
    f = float(x.mid())
    if x.rad() == 0 and flint.arb(f) == x:  # exactly representable: no widening
        return (f, f)
    lo, hi = x.lower(), x.upper()
    lof = float(np.nextafter(float(lo), -np.inf))
    if lo >= 0:
        lof = max(lof, 0.0)
    return (lof, float(np.nextafter(float(hi), np.inf)))


def _arb(x: object) -> flint.arb:
    q = Fraction(str(x)) if not isinstance(x, Fraction) else x
    return flint.arb(flint.fmpq(q.numerator, q.denominator))


_KERNEL = None


def _kernel():  # compiled on first use, so importing this module stays cheap
    global _KERNEL
    if _KERNEL is not None:
        return _KERNEL
    import numba

    phi, tiny = PHI, ETA

    @numba.njit(inline="always")
    def up(x):  # >= succ(x) >= every real that rounds to x (Rump et al. 2009, Thm. 2.1)
        return x + (phi * abs(x) + tiny)

    @numba.njit(inline="always")
    def dn(x):  # <= pred(x)
        return x - (phi * abs(x) + tiny)

    @numba.njit(cache=False, fastmath=False)
    def kernel(sL, sU, cL, cU, uL0, uU0, ginvL, ginvU, thL, thU, mode, nsteps,
               status, tout, uLout, uUout, RLout, RUout):
        for k in range(sL.shape[0]):
            uL, uU = uL0[k], uU0[k]
            RL, RU = 1.0, 1.0
            st, tt = HELD, nsteps
            if uU == 0.0 and (mode == MODE_GE or mode == MODE_LE):
                # u0 = 0 exactly: u_t = 0 = u0 g^t for every t (the fixed point)
                status[k], tout[k] = st, tt
                uLout[k], uUout[k], RLout[k], RUout[k] = 0.0, 0.0, 1.0, 1.0
                continue
            # Skipping bit-identical work (the steps deep in the subnormal range, where every
            # operation is slow): (pL, pU) are the endpoints at which (rL, rU) were last computed;
            # fixed: a step mapped (uL, uU) to itself, so every later step does the same operations
            # on the same floats and (rL, rU) stay; fixRL, fixRU: then R_L (R_U) mapped to itself too.
            # Once all three hold, every later step decides as this one did: the run held.
            pL, pU, fixed, fixRL, fixRU = -1.0, -1.0, False, False, False
            rL, rU = 1.0, 1.0
            for t in range(nsteps + 1):
                # decide at step t
                if mode == MODE_GE:
                    if not RL >= 1.0:
                        if RU < 1.0:
                            st, tt = FAILED, t
                        else:
                            st, tt = UNDECIDED, t
                        break
                elif mode == MODE_LE:
                    if not RU <= 1.0:
                        if RL > 1.0:
                            st, tt = FAILED, t
                        else:
                            st, tt = UNDECIDED, t
                        break
                elif mode == MODE_CROSS:
                    if not uL > thU[k]:
                        st, tt = (FAILED, t) if uU <= thL[k] else (UNDECIDED, t)
                        break
                if t == nsteps:
                    break
                if not fixed:
                    if uL != pL or uU != pU:
                        # lower endpoint: rho(s_U, z_L) rounded down
                        zL = dn(uL / up(uL + cU[k]))
                        if zL < 0.0:
                            zL = 0.0
                        yL = dn(sU[k] * zL)
                        if yL < 0.0:
                            yL = 0.0
                        num = up(2.0 + yL)
                        a = dn(1.0 + yL)
                        den = dn(a * a)
                        gU = up(num / den)
                        rL = dn(1.0 - up(sU[k] * gU))
                        if rL < 0.0:
                            rL = 0.0
                        # upper endpoint: rho(s_L, z_U) rounded up
                        zU = up(uU / dn(uU + cL[k]))
                        if zU > 1.0:
                            zU = 1.0
                        yU = up(sL[k] * zU)
                        num = dn(2.0 + yU)
                        a = up(1.0 + yU)
                        den = up(a * a)
                        gL = dn(num / den)
                        rU = up(1.0 - dn(sL[k] * gL))
                        if rU > 1.0:
                            rU = 1.0
                        pL, pU = uL, uU
                    nL = dn(uL * rL)
                    if nL < 0.0:
                        nL = 0.0
                    nU = up(uU * rU)
                    fixed = nL == uL and nU == uU
                    uL, uU = nL, nU
                if not fixRL:
                    nR = dn(dn(RL * rL) * ginvL[k])
                    fixRL = fixed and nR == RL
                    RL = nR
                if not fixRU:
                    nR = up(up(RU * rU) * ginvU[k])
                    fixRU = fixed and nR == RU
                    RU = nR
                if fixed and fixRL and fixRU:
                    # the whole state maps to itself: every later step decides as this one did
                    break
            status[k], tout[k] = st, tt
            uLout[k], uUout[k], RLout[k], RUout[k] = uL, uU, RL, RU

    @numba.njit(cache=False, fastmath=False)
    def plain(s, c, u0, nsteps, out):
        for k in range(s.shape[0]):
            u = u0[k]
            for _ in range(nsteps):
                y = s[k] * u / (u + c[k])
                u = u * (1.0 - s[k] * (2.0 + y) / ((1.0 + y) * (1.0 + y)))
            out[k] = u

    _KERNEL = (kernel, plain)
    return _KERNEL


@dataclass(frozen=True)
class FloatRun:
    """Result of :func:`iterate_float`, one entry per parameter set.

    ``status``: 0 the check held for every t <= nsteps, 1 it failed (certified)
    at ``t``, 2 float64 could not decide at ``t``.  ``u_lower``/``u_upper``
    enclose u at the last step iterated, ``R_lower``/``R_upper`` the ratio
    :math:`u_t/(u_0 g^t)` there.
    """

    status: np.ndarray
    t: np.ndarray
    u_lower: np.ndarray
    u_upper: np.ndarray
    R_lower: np.ndarray
    R_upper: np.ndarray


def iterate_float(s: np.ndarray, c: np.ndarray, u0: np.ndarray, nsteps: int, *,
                  g: np.ndarray | None = None, mode: int = MODE_NONE,
                  theta: np.ndarray | None = None) -> FloatRun:
    """Certified float64 endpoint iteration of the u-map for many parameter sets.

    Each of ``s``, ``c``, ``u0``, ``g`` (reference rate), ``theta`` (crossing
    threshold) is an array of shape (n, 2): float64 lower and upper bounds of
    the exact parameter (see :func:`float_enclosure`).  Requires u0 >= 0 and
    0 < 2s < 1 (the region where the map is proved monotone); raises
    ``ValueError`` otherwise.
    """
    kernel, _ = _kernel()
    s, c, u0 = (np.ascontiguousarray(a, dtype=np.float64) for a in (s, c, u0))
    n = s.shape[0]
    if not (np.all(s[:, 0] > 0) and np.all(2 * s[:, 1] < 1) and np.all(u0[:, 0] >= 0)
            and np.all(c[:, 0] > 0)):
        raise ValueError("endpoint iteration needs 0 < 2s < 1, c > 0, u0 >= 0")
    if g is None:
        ginv = np.ones((n, 2))
    else:
        g = np.asarray(g, dtype=np.float64)
        ginv = np.stack([np.nextafter(1.0 / g[:, 1], -np.inf), np.nextafter(1.0 / g[:, 0], np.inf)],
                        axis=1)
    th = np.zeros((n, 2)) if theta is None else np.asarray(theta, dtype=np.float64)
    out = [np.empty(n, dtype=np.int64), np.empty(n, dtype=np.int64)] + [np.empty(n) for _ in range(4)]
    kernel(s[:, 0].copy(), s[:, 1].copy(), c[:, 0].copy(), c[:, 1].copy(), u0[:, 0].copy(),
           u0[:, 1].copy(), ginv[:, 0].copy(), ginv[:, 1].copy(), th[:, 0].copy(), th[:, 1].copy(),
           mode, nsteps, *out)
    return FloatRun(*out)


def iterate_float_plain(s: np.ndarray, c: np.ndarray, u0: np.ndarray, nsteps: int) -> np.ndarray:
    """The same map in plain compiled float64, uncertified (the benchmark's reference)."""
    _, plain = _kernel()
    out = np.empty(len(s))
    plain(np.asarray(s, float), np.asarray(c, float), np.asarray(u0, float), nsteps, out)
    return out


@dataclass(frozen=True)
class ArbRun:
    """Result of :func:`iterate_arb`: status, step, and arb enclosures at that step."""

    status: int
    t: int
    u_lower: flint.arb
    u_upper: flint.arb
    R_lower: flint.arb
    R_upper: flint.arb


def _rho_ball(u: flint.arb, s: flint.arb, c: flint.arb) -> flint.arb:
    y = s * u / (u + c)
    return 1 - s * (2 + y) / ((1 + y) * (1 + y))


def iterate_arb(s: object, c: object, u0: object, nsteps: int, *, g: object = None,
                mode: int = MODE_NONE, theta: object = None, prec: int = 128) -> ArbRun:
    """Endpoint iteration in python-flint balls (exact rational parameters as strings/Fractions,
    or arb balls for ``u0``/``g``), precision scoped to ``prec`` bits.

    ``g`` is a reference rate (exact or arb), ``theta`` a crossing threshold;
    the status codes are those of :class:`FloatRun`.
    """
    with flint.ctx.workprec(prec):
        sa, ca = _arb(s), _arb(c)
        ua = u0 if isinstance(u0, flint.arb) else _arb(u0)
        ga = flint.arb(1) if g is None else (g if isinstance(g, flint.arb) else _arb(g))
        th = flint.arb(0) if theta is None else (theta if isinstance(theta, flint.arb) else _arb(theta))
        if not (sa > 0 and 2 * sa < 1 and ca > 0 and ua >= 0):
            raise ValueError("endpoint iteration needs 0 < 2s < 1, c > 0, u0 >= 0")
        uL, uU = flint.arb(ua.lower()), flint.arb(ua.upper())
        RL = RU = flint.arb(1)
        if uU == 0 and mode in (MODE_GE, MODE_LE):  # u0 = 0: u_t = 0 = u0 g^t for every t
            return ArbRun(HELD, nsteps, uL, uU, RL, RU)
        ginv = 1 / ga
        for t in range(nsteps + 1):
            if mode == MODE_GE and not RL.lower() >= 1:
                return ArbRun(FAILED if RU.upper() < 1 else UNDECIDED, t, uL, uU, RL, RU)
            if mode == MODE_LE and not RU.upper() <= 1:
                return ArbRun(FAILED if RL.lower() > 1 else UNDECIDED, t, uL, uU, RL, RU)
            if mode == MODE_CROSS and not uL.lower() > th.upper():
                return ArbRun(FAILED if uU.upper() <= th.lower() else UNDECIDED, t, uL, uU, RL, RU)
            if t == nsteps:
                break
            rL = _rho_ball(uL, sa, ca)
            rU = _rho_ball(uU, sa, ca)
            uL, uU = flint.arb((uL * rL).lower()), flint.arb((uU * rU).upper())
            RL = flint.arb((RL * rL * ginv).lower())
            RU = flint.arb((RU * rU * ginv).upper())
        return ArbRun(HELD, nsteps, uL, uU, RL, RU)
