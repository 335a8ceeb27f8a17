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
  floating-point operation is correctly rounded (round to nearest, no fast-math, so no
  contraction into FMA), so each computed factor is enclosed by an a priori error bound
  (one constant per endpoint) and each new endpoint is pushed past its exact value by one
  multiplication (``fl(x DN) <= pred(x)``, ``fl(x UP) >= succ(x)`` for normal x > 0), in the
  direction that the monotonicity makes safe.  Endpoints below 2^-1000 are replaced by 0 or
  2^-1000 (valid bounds), so the iteration does not run on subnormal numbers (slow on most
  processors).  Sets run in parallel with ``threads`` > 1.
* :func:`iterate_arb` -- the same endpoint iteration in python-flint balls at
  a chosen precision, for what float64 cannot decide;
* :func:`iterate_certified` -- exact parameters in, the float64 kernel for every set, and
  :func:`iterate_arb` for each set it cannot take or decide, alone.

Both back ends stop a set early (``early_exit``) once the monotonicity lemma implies its
check for every later step: u_t decreases and rho increases in u, so
:math:`\rho_s(0) = 1 - 2s \le \rho(u_T) \le \rho(u_t)` for T >= t.

Both also carry the ratio :math:`R_t = u_t/(u_0 g^t)` against a reference
rate g, so that bounds of the form :math:`u_t \gtrless u_0 g^t` (all the
bounds of Thm. 3 in u-space) are decided without underflow, and the first
step where :math:`u_t \le \theta` (a crossing time).

>>> r = iterate_arb("1/4", "1", "1", 3)
>>> r.u_lower <= r.u_upper
True
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

import flint
import numpy as np
import sympy as sp

__all__ = [
    "ArbRun",
    "CertifiedRun",
    "FloatRun",
    "float_enclosure",
    "iterate_arb",
    "iterate_certified",
    "iterate_float",
    "iterate_float_plain",
    "monotonicity_certificate",
]

# status codes of the kernels
HELD, FAILED, UNDECIDED = 0, 1, 2
# check modes: R_t >= 1 (u_t >= u0 g^t), R_t <= 1 (u_t <= u0 g^t), first t with u_t <= theta, none
MODE_GE, MODE_LE, MODE_CROSS, MODE_NONE = 1, -1, 2, 0
#: The smallest subnormal: for every finite m >= 0, fl(fl(m DN) - ETA) <= pred(m) and
#: fl(fl(m UP) + ETA) >= succ(m) (DN, UP below; for a subnormal m the addition is exact).
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
    if not isinstance(x, flint.arb) or not x.is_finite():
        raise ValueError(f"x must be a finite arb ball, got {x!r}")
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


def _float_up(q: Fraction) -> float:
    """The smallest float64 >= the rational q (q in the normal range)."""
    f = float(q)
    return f if Fraction(f) >= q else float(np.nextafter(f, np.inf))


def _float_dn(q: Fraction) -> float:
    """The largest float64 <= the rational q (q in the normal range)."""
    f = float(q)
    return f if Fraction(f) <= q else float(np.nextafter(f, -np.inf))


#: float64 range of the compiled kernel: |log2| of s, c, u0 at most 1000, so that every
#: intermediate of the factor rho is a normal number; outside it a set is left UNDECIDED (for Arb).
TINY = 2.0**-1000
HUGE = 2.0**1000
#: fl(x * DN) <= pred(x) and fl(x * UP) >= succ(x) for every normal x > 0: x 2^-52 >= ulp(x)
#: and x -+ ulp(x) is a float, so rounding (monotone) cannot cross it.
DN, UP = 1.0 - 2.0**-52, 1.0 + 2.0**-52
#: One rounding of a normal result: fl(x) = x (1 + delta), |delta| <= 2^-53.  The factor p = s v (1 + v)
#: is computed in 7 roundings before its last product (see ``_kernel``); K_UP >= (1+2^-53)^6/(1-2^-53)^10
#: and K_DN <= (1-2^-53)^6/(1+2^-53)^10 cover them and the rounding of fl(s K) and of the last product.
_U = Fraction(1, 2**53)
K_UP = _float_up((1 + _U) ** 6 / (1 - _U) ** 10)
K_DN = _float_dn((1 - _U) ** 6 / (1 + _U) ** 10)

_KERNELS: dict[bool, object] = {}


def _kernel(parallel: bool = False):  # compiled on first use, so importing this module stays cheap
    r"""The compiled endpoint iteration (serial, or over sets with ``prange``).

    The factor is computed as :math:`\rho = 1 - s\,v(1+v)`, :math:`v = (u + c)/((1+s)u + c)`
    (:math:`v = 1/(1+y)`, :math:`y = s u/(u+c)`: :math:`(2+y)/(1+y)^2 = v + v^2`), one division.
    A priori error count (Higham, *Accuracy and Stability of Numerical Algorithms*, 2nd ed., Sec. 2.2:
    fl(x op y) = (x op y)(1 + delta), |delta| <= u = 2^-53 for normal results), every operand and result
    a positive normal number by the range checks, writing [a, b] for a factor in
    [(1-u)^a (1+u)^-b, (1+u)^a (1-u)^-b]: ``S1 = fl(1+s)`` [1, 0], ``A = fl(u+c)`` [1, 0],
    ``B0 = fl(S1 u)`` [2, 0], ``B = fl(B0+c)`` [3, 0], ``V = fl(A/B)`` [3, 3], ``W = fl(1+V)`` [4, 3],
    ``P1 = fl(V W)`` [8, 6].  Lower endpoint (corner s_U, c_U, u_L): ``P = fl(fl(s K_UP) P1)`` is at
    least s v (1+v) K_UP (1-u)^10 (1+u)^-6 >= s v (1+v); ``r = fl(1 - P)`` is exact when P >= 1/2
    (Sterbenz) and otherwise normal, so ``fl(r DN) <= pred(r) <= 1 - P <= rho``.  The upper endpoint
    mirrors it with K_DN and UP.  Then ``m = fl(u r)``: ``fl(m DN) <= pred(m) <= u r`` when m is normal,
    and a subnormal m gives a result below TINY, which is replaced by 0 (lower) or TINY (upper), both
    valid bounds.
    """
    if parallel in _KERNELS:
        return _KERNELS[parallel]
    from symdln.certify import _ukernel

    kernel = _ukernel.kernel_parallel if parallel else _ukernel.kernel_serial
    _KERNELS[parallel] = kernel
    return kernel


def _plain():
    if "plain" in _KERNELS:
        return _KERNELS["plain"]
    import numba

    @numba.njit(cache=False, fastmath=False)
    def plain(s, c, u0, nsteps, out):
        for k in range(s.shape[0]):
            u = u0[k]
            for _ in range(nsteps):
                y = s[k] * u / (u + c[k])
                u = u * (1.0 - s[k] * (2.0 + y) / ((1.0 + y) * (1.0 + y)))
            out[k] = u

    _KERNELS["plain"] = plain
    return plain


@dataclass(frozen=True)
class FloatRun:
    """Result of :func:`iterate_float`, one entry per parameter set.

    ``status``: 0 the check held for every t <= nsteps, 1 it failed (certified)
    at ``t``, 2 float64 could not decide at ``t`` (also for a set outside the kernel's
    float64 range, at t = 0: redo it with :func:`iterate_arb`).  ``u_lower``/``u_upper``
    enclose u at the last step iterated, ``R_lower``/``R_upper`` the ratio
    :math:`u_t/(u_0 g^t)` there; ``steps`` is that step (fewer than ``t`` when the
    monotonicity lemma implied the check for every later step).
    """

    status: np.ndarray
    t: np.ndarray
    u_lower: np.ndarray
    u_upper: np.ndarray
    R_lower: np.ndarray
    R_upper: np.ndarray
    steps: np.ndarray | None = None


def _pairs(name: str, a: object, n: int | None) -> np.ndarray:
    x = np.ascontiguousarray(a, dtype=np.float64)
    if x.ndim != 2 or x.shape[1] != 2 or (n is not None and x.shape[0] != n):
        raise ValueError(f"{name} must have shape ({'n' if n is None else n}, 2), got {x.shape}")
    if np.isnan(x).any() or np.any(x[:, 0] > x[:, 1]):
        raise ValueError(f"{name} must hold float64 enclosures [lower, upper], got {x!r}")
    return x


def iterate_float(s: np.ndarray, c: np.ndarray, u0: np.ndarray, nsteps: int, *,
                  g: np.ndarray | None = None, mode: int = MODE_NONE,
                  theta: np.ndarray | None = None, early_exit: bool = True,
                  threads: int = 1) -> FloatRun:
    """Certified float64 endpoint iteration of the u-map for many parameter sets.

    Each of ``s``, ``c``, ``u0``, ``g`` (reference rate), ``theta`` (crossing
    threshold) is an array of shape (n, 2): float64 lower and upper bounds of
    the exact parameter (see :func:`float_enclosure`).  The map is proved monotone for
    0 < 2s < 1, c > 0, u0 >= 0; a set whose enclosures leave that region, or the kernel's
    float64 range (:data:`TINY` <= s, c <= :data:`HUGE`, u0 <= HUGE, g > 0 finite), is not
    iterated: status 2 (undecided) at t = 0, for :func:`iterate_arb` (or use
    :func:`iterate_certified`, which does that per set).  NaN or a lower bound above
    its upper bound raises ``ValueError``.

    ``early_exit`` stops a set once the monotonicity lemma implies its check for every
    later step (u_t decreases, rho increases in u, so rho(0) <= rho(u_T) <= rho(u_t) for
    T >= t), or once its state maps to itself; the verdicts are those of the full run.
    ``threads`` > 1 runs the sets in parallel (numba ``prange``).
    """
    if int(nsteps) != nsteps or nsteps < 0:
        raise ValueError(f"nsteps must be an integer >= 0, got {nsteps!r}")
    if mode not in (MODE_NONE, MODE_GE, MODE_LE, MODE_CROSS):
        raise ValueError(f"mode must be one of MODE_NONE, MODE_GE, MODE_LE, MODE_CROSS, got {mode!r}")
    if int(threads) != threads or threads < 1:
        raise ValueError(f"threads must be an integer >= 1, got {threads!r}")
    s = _pairs("s", s, None)
    n = s.shape[0]
    c, u0 = _pairs("c", c, n), _pairs("u0", u0, n)
    gg = np.ones((n, 2)) if g is None else _pairs("g", g, n)
    th = np.zeros((n, 2)) if theta is None else _pairs("theta", theta, n)
    with np.errstate(divide="ignore", over="ignore", invalid="ignore"):
        giL, giU = np.nextafter(1.0 / gg[:, 1], -np.inf), np.nextafter(1.0 / gg[:, 0], np.inf)
        ok = ((s[:, 0] >= TINY) & (2 * s[:, 1] < 1) & (c[:, 0] >= TINY) & (c[:, 1] <= HUGE)
              & (u0[:, 0] >= 0) & (u0[:, 1] <= HUGE) & (gg[:, 0] > 0) & np.isfinite(giL) & np.isfinite(giU)
              & (giL > 0) & np.isfinite(th).all(axis=1))
    status = np.full(n, UNDECIDED, dtype=np.int64)
    out = [status, np.zeros(n, dtype=np.int64)] + [np.full(n, np.nan) for _ in range(4)] + \
        [np.zeros(n, dtype=np.int64)]
    out[2][:], out[3][:], out[4][:], out[5][:] = u0[:, 0], u0[:, 1], 1.0, 1.0
    kernel = _kernel(parallel=threads > 1)
    cols = [np.ascontiguousarray(a[:, j]) for a in (s, c, u0) for j in (0, 1)]
    args = (*cols, np.ascontiguousarray(giL), np.ascontiguousarray(giU), th[:, 0].copy(), th[:, 1].copy(),
            ~ok, int(mode), int(nsteps), bool(early_exit), *out)
    if threads > 1:
        import numba

        before = numba.get_num_threads()
        # numba.config sets its attributes at import time: no stub knows NUMBA_NUM_THREADS
        numba.set_num_threads(min(int(threads), numba.config.NUMBA_NUM_THREADS))  # type: ignore[attr-defined]
        try:
            kernel(*args)
        finally:
            numba.set_num_threads(before)
    else:
        kernel(*args)
    return FloatRun(*out)


def iterate_float_plain(s: np.ndarray, c: np.ndarray, u0: np.ndarray, nsteps: int) -> np.ndarray:
    """The same map in plain compiled float64, uncertified (round to nearest, no checks of the
    arithmetic; the inputs are checked: finite, one value per set, nsteps an integer >= 0)."""
    arrays = {}
    for name, x in (("s", s), ("c", c), ("u0", u0)):
        a = np.asarray(x, dtype=float)
        if a.ndim != 1 or not np.all(np.isfinite(a)):
            raise ValueError(f"{name} must be a 1-D array of finite floats, got {x!r}")
        arrays[name] = a
    if len({len(a) for a in arrays.values()}) != 1:
        raise ValueError("s, c and u0 must have one entry per set")
    if isinstance(nsteps, bool) or not isinstance(nsteps, (int, np.integer)) or nsteps < 0:
        raise ValueError(f"nsteps must be an integer >= 0, got {nsteps!r}")
    s, c, u0 = arrays["s"], arrays["c"], arrays["u0"]
    out = np.empty(len(s))
    _plain()(np.asarray(s, float), np.asarray(c, float), np.asarray(u0, float), nsteps, out)
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
                mode: int = MODE_NONE, theta: object = None, prec: int = 128,
                early_exit: bool = True) -> ArbRun:
    """Endpoint iteration in python-flint balls (exact rational parameters as strings/Fractions,
    or arb balls for ``u0``/``g``/``theta``), precision scoped to ``prec`` bits.

    ``g`` is a reference rate (exact or arb), ``theta`` a crossing threshold;
    the status codes are those of :class:`FloatRun`.  ``early_exit`` stops, as
    :func:`iterate_float` does, once the monotonicity lemma implies the check for every later step.

    >>> iterate_arb("1/4", "1", "100", 10**9, g="1/2", mode=MODE_GE).status  # 1 - 2s >= g: R_t grows
    0
    """
    if isinstance(nsteps, bool) or not isinstance(nsteps, (int, np.integer)) or nsteps < 0:
        raise ValueError(f"nsteps must be an integer >= 0, got {nsteps!r}")
    if isinstance(prec, bool) or not isinstance(prec, int) or prec < 2:
        raise ValueError(f"prec must be an integer >= 2, got {prec!r}")
    with flint.ctx.workprec(prec):
        sa, ca = _arb(s), _arb(c)
        ua = u0 if isinstance(u0, flint.arb) else _arb(u0)
        ga = flint.arb(1) if g is None else (g if isinstance(g, flint.arb) else _arb(g))
        th = flint.arb(0) if theta is None else (theta if isinstance(theta, flint.arb) else _arb(theta))
        if not (sa > 0 and 2 * sa < 1 and ca > 0 and ua >= 0):
            raise ValueError(f"s, c and u0 must satisfy 0 < 2s < 1, c > 0, u0 >= 0 (the endpoint "
                             f"iteration), got s = {s}, c = {c}, u0 = {u0}")
        if mode in (MODE_GE, MODE_LE) and not ga > 0:
            raise ValueError("the reference rate g must be > 0")
        uL, uU = flint.arb(ua.lower()), flint.arb(ua.upper())
        RL = RU = flint.arb(1)
        if uU == 0 and mode in (MODE_GE, MODE_LE):  # u0 = 0: u_t = 0 = u0 g^t for every t
            return ArbRun(HELD, nsteps, uL, uU, RL, RU)
        ginv = 1 / ga
        # the monotonicity lemma (see iterate_float): rho_0 = 1 - 2s <= rho(u_T) <= rho(u_t), T >= t
        q = (1 - 2 * sa) * ginv
        q_all = (q ** nsteps).lower() if mode == MODE_GE else ((1 - 2 * sa) ** nsteps).lower()
        for t in range(nsteps + 1):
            if mode == MODE_GE:
                if not RL.lower() >= 1:
                    return ArbRun(FAILED if RU.upper() < 1 else UNDECIDED, t, uL, uU, RL, RU)
                if early_exit and (q.lower() >= 1 or (RL * q_all).lower() >= 1):
                    break
            if mode == MODE_LE and not RU.upper() <= 1:
                return ArbRun(FAILED if RL.lower() > 1 else UNDECIDED, t, uL, uU, RL, RU)
            if mode == MODE_CROSS:
                if not uL.lower() > th.upper():
                    return ArbRun(FAILED if uU.upper() <= th.lower() else UNDECIDED, t, uL, uU, RL, RU)
                if early_exit and (uL * q_all).lower() > th.upper():
                    break
            if t == nsteps:
                break
            rL = _rho_ball(uL, sa, ca)
            rU = _rho_ball(uU, sa, ca)
            if early_exit and mode == MODE_LE and (rU * ginv).upper() <= 1:
                break
            uL, uU = flint.arb((uL * rL).lower()), flint.arb((uU * rU).upper())
            RL = flint.arb((RL * rL * ginv).lower())
            RU = flint.arb((RU * rU * ginv).upper())
        return ArbRun(HELD, nsteps, uL, uU, RL, RU)


@dataclass(frozen=True)
class CertifiedRun:
    """Result of :func:`iterate_certified`, one entry per parameter set: ``status`` and ``t`` as in
    :class:`FloatRun`; ``arb`` marks the sets redone in python-flint balls."""

    status: np.ndarray
    t: np.ndarray
    arb: np.ndarray


def iterate_certified(s: Sequence[object], c: Sequence[object], u0: Sequence[object], nsteps: int, *,
                      g: Sequence[object] | None = None, mode: int = MODE_NONE,
                      theta: Sequence[object] | None = None, prec: int = 256,
                      threads: int = 1) -> CertifiedRun:
    """The checks of :func:`iterate_float` on exact parameters, one entry per set, with a per-set
    fallback: a set float64 cannot take or cannot decide is redone alone by :func:`iterate_arb`
    at ``prec`` bits; the other sets keep their float64 verdicts.

    Parameters are exact (strings, Fractions, ints) or arb balls; a set outside the region where the
    map is proved monotone (0 < 2s < 1, c > 0, u0 >= 0) raises ``ValueError`` naming it.

    >>> run = iterate_certified(["1/4", "1/1000"], ["1", "1"], ["1e400", "10"], 1000,
    ...                         g=["1/2", "499/500"], mode=MODE_GE)
    >>> run.status.tolist(), run.arb.tolist()  # u0 = 1e400 is beyond float64: Arb for that set only
    ([0, 0], [True, False])
    """
    n = len(s)
    if not (len(c) == len(u0) == n and (g is None or len(g) == n) and (theta is None or len(theta) == n)):
        raise ValueError("s, c, u0 (and g, theta when given) must have one entry per parameter set")

    def ball(x: object) -> flint.arb:
        return x if isinstance(x, flint.arb) else _arb(x)

    with flint.ctx.workprec(128):
        cols = {k: [ball(x) for x in v] for k, v in (("s", s), ("c", c), ("u0", u0))}
        if g is not None:
            cols["g"] = [ball(x) for x in g]
        if theta is not None:
            cols["theta"] = [ball(x) for x in theta]
        for k in range(n):
            sa, ca, ua = cols["s"][k], cols["c"][k], cols["u0"][k]
            if not (sa > 0 and 2 * sa < 1 and ca > 0 and ua >= 0):
                raise ValueError(f"parameter set {k}: s, c and u0 must satisfy 0 < 2s < 1, c > 0, u0 >= 0, "
                                 f"got s = {s[k]}, c = {c[k]}, u0 = {u0[k]}")

        def enc(xs: list[flint.arb]) -> np.ndarray:
            return np.array([_enclosure_or_inf(x) for x in xs])

        arrays = {k: enc(v) for k, v in cols.items()}
    run = iterate_float(arrays["s"], arrays["c"], arrays["u0"], nsteps, g=arrays.get("g"), mode=mode,
                        theta=arrays.get("theta"), threads=threads)
    status, first = run.status.copy(), run.t.copy()
    redo = status == UNDECIDED
    for k in map(int, np.nonzero(redo)[0]):
        r = iterate_arb(cols["s"][k], cols["c"][k], cols["u0"][k], nsteps,
                        g=None if g is None else cols["g"][k], mode=mode,
                        theta=None if theta is None else cols["theta"][k], prec=prec)
        status[k], first[k] = r.status, r.t
    return CertifiedRun(status, first, redo)


def _enclosure_or_inf(x: flint.arb) -> tuple[float, float]:
    """:func:`float_enclosure`, or (-inf, inf) where the ball does not fit in float64 (the kernel leaves
    such a set undecided)."""
    if not (x.is_finite() and abs(x).upper() < flint.arb(2) ** 1023):
        return (-np.inf, np.inf)
    return float_enclosure(x)
