"""The compiled endpoint iteration of :mod:`symdln.certify.monotone` (numba), kept in its own module
at module level so that numba caches the machine code on disk (``cache=True``): a new process (a
worker of ``symdln verify --jobs N``, of the test suite) loads it instead of compiling it again.
Importing this module imports numba; :mod:`symdln.certify.monotone` imports it on first use.  The
rounding argument is in :func:`symdln.certify.monotone._kernel`'s docstring.
"""

from __future__ import annotations

import numba
import numpy as np

from symdln.certify.monotone import (
    DN,
    ETA,
    FAILED,
    HELD,
    K_DN,
    K_UP,
    MODE_CROSS,
    MODE_GE,
    MODE_LE,
    TINY,
    UNDECIDED,
    UP,
)

__all__ = ["kernel_parallel", "kernel_serial"]

BIG = float(np.finfo(np.float64).max)


@numba.njit(inline="always", cache=True)
def dn2(m):  # <= pred(m) for any finite m >= 0 (then clamped at 0)
    x = m * DN - ETA
    return x if x > 0.0 else 0.0


@numba.njit(inline="always", cache=True)
def up2(m):  # >= succ(m) for any m >= 0
    return m * UP + ETA


@numba.njit(inline="always", cache=True)
def dn_pow(q, n):  # <= q^n for 0 <= q <= 1, by squaring, each product rounded down
    res, base = 1.0, q
    while n > 0:
        if n & 1:
            res = dn2(res * base)
        base = dn2(base * base)
        n >>= 1
    return res


@numba.njit(inline="always", cache=True)
def factor_lower(s, sk, c, u):  # <= rho_s(u) at (s, c, u); sk = fl(s K_UP)
    A = u + c
    B = (1.0 + s) * u + c
    V = A / B
    P = sk * (V * (1.0 + V))
    r = (1.0 - P) * DN
    return r if r > 0.0 else 0.0


@numba.njit(inline="always", cache=True)
def factor_upper(s, sk, c, u):  # >= rho_s(u) at (s, c, u); sk = fl(s K_DN)
    A = u + c
    B = (1.0 + s) * u + c
    V = A / B
    P = sk * (V * (1.0 + V))
    r = (1.0 - P) * UP
    return r if r < 1.0 else 1.0


@numba.njit(fastmath=False, cache=True)
def one(sL, sU, cL, cU, uL, uU, giL, giU, thL, thU, mode, nsteps, early):
    if uU == 0.0:  # u0 = 0 exactly: u_t = 0 = u0 g^t for every t (the fixed point)
        if mode == MODE_CROSS:
            if 0.0 <= thL:
                return FAILED, 0, 0.0, 0.0, 1.0, 1.0, 0
            return (HELD, nsteps, 0.0, 0.0, 1.0, 1.0, 0) if thU < 0.0 else \
                (UNDECIDED, 0, 0.0, 0.0, 1.0, 1.0, 0)
        return HELD, nsteps, 0.0, 0.0, 1.0, 1.0, 0
    if uL < TINY:
        uL = 0.0
    if uU < TINY:
        uU = TINY
    skU, skL = sU * K_UP, sL * K_DN
    # the monotonicity lemma: u_t decreases and rho increases in u, so for T >= t
    # rho_0 <= rho(u_T) <= rho(u_U,t), rho_0 = 1 - 2s >= rho0L
    rho0L = (1.0 - 2.0 * sU) * DN
    Qn, always = 1.0, False  # Qn <= (rho_0 / g)^(n - t) for every t (MODE_GE)
    if mode == MODE_GE:
        q = dn2(rho0L * giL)
        always = q >= 1.0  # R_t never decreases
        if not always:
            Qn = dn_pow(q, nsteps)
    elif mode == MODE_CROSS:
        Qn = dn_pow(rho0L, nsteps)  # <= rho_0^(n - t)
    RL, RU = 1.0, 1.0
    st, tt, done = HELD, nsteps, 0
    pL, pU, rL, rU = -1.0, -1.0, 1.0, 1.0
    fixed, fixRL, fixRU = False, False, False
    for t in range(nsteps + 1):
        if mode == MODE_GE:
            if not RL >= 1.0:
                st, tt = (FAILED, t) if RU < 1.0 else (UNDECIDED, t)
                break
            if early and (always or dn2(RL * Qn) >= 1.0):  # R_T >= R_t (rho_0/g)^(T-t) >= 1 up to T = n
                break
        elif mode == MODE_LE:
            if not RU <= 1.0:
                st, tt = (FAILED, t) if RL > 1.0 else (UNDECIDED, t)
                break
        elif mode == MODE_CROSS:
            if not uL > thU:
                st, tt = (FAILED, t) if uU <= thL else (UNDECIDED, t)
                break
            if early and dn2(uL * Qn) > thU:  # u_T >= u_t rho_0^(T-t) > theta up to T = n
                break
        if t == nsteps:
            break
        if not (early and uL == pL and uU == pU):
            rL = factor_lower(sU, skU, cU, uL)
            rU = factor_upper(sL, skL, cL, uU)
            pL, pU = uL, uU
        if early and mode == MODE_LE and up2(rU * giU) <= 1.0:
            break  # R_T <= R_t (rho(u_U,t)/g)^(T-t) <= 1 for every T >= t
        nL = (uL * rL) * DN
        if nL < TINY:
            nL = 0.0
        nU = (uU * rU) * UP
        if nU < TINY:
            nU = TINY
        fixed = nL == uL and nU == uU
        uL, uU = nL, nU
        nR = dn2(dn2(RL * rL) * giL)
        if nR < TINY:
            nR = 0.0
        elif nR > BIG:
            nR = BIG
        fixRL = fixed and nR == RL
        RL = nR
        nR = up2(up2(RU * rU) * giU)
        if nR < TINY:
            nR = TINY
        fixRU = fixed and nR == RU
        RU = nR
        done += 1
        if early and fixed and fixRL and fixRU:
            break  # the whole state maps to itself: every later step decides as this one did
    return st, tt, uL, uU, RL, RU, done


@numba.njit(parallel=True, fastmath=False, cache=True)
def kernel_parallel(sL, sU, cL, cU, uL0, uU0, giL, giU, thL, thU, skip, mode, nsteps, early,
                    status, tout, uLout, uUout, RLout, RUout, done):
    # the sets over the threads (prange); compiled on its first call only
    for k in numba.prange(sL.shape[0]):
        if not skip[k]:
            (status[k], tout[k], uLout[k], uUout[k], RLout[k], RUout[k], done[k]) = one(
                sL[k], sU[k], cL[k], cU[k], uL0[k], uU0[k], giL[k], giU[k], thL[k], thU[k],
                mode, nsteps, early)


@numba.njit(fastmath=False, cache=True)
def kernel_serial(sL, sU, cL, cU, uL0, uU0, giL, giU, thL, thU, skip, mode, nsteps, early,
                  status, tout, uLout, uUout, RLout, RUout, done):
    for k in range(sL.shape[0]):
        if not skip[k]:
            (status[k], tout[k], uLout[k], uUout[k], RLout[k], RUout[k], done[k]) = one(
                sL[k], sU[k], cL[k], cU[k], uL0[k], uU0[k], giL[k], giU[k], thL[k], thU[k],
                mode, nsteps, early)
