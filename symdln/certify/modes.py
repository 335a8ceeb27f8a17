r"""Certified iteration of one mode of the two-layer autoencoder iterate, and eigenvalue enclosures.

A mode of gradient descent on W_1 = W_2 (Sec. 4.2, lambda = sigma) is the
scalar recursion :math:`m_{t+1} = u(m_t, x)` with the update of (22),
:math:`u(m, x) = m + x\,m(1 - m^2)`, x = eta sigma; the product is q = m^2.
Naive ball iteration of such a map widens exponentially (the dependency
problem: near m = 1 the radius is multiplied by about 1 + 4x per step although
the map contracts).  The map is increasing in m on [0, 1] and in x when
0 < x < 1/2 (z3 lemmas in :mod:`symdln.checks.data_autoencoder`), so the two
endpoints are iterated instead, each as a ball of radius ~2^-prec, with
outward rounding: ``lo`` with the lower end of x, ``hi`` with its upper end.

>>> import flint
>>> enc = iterate_mode(lambda m, x: m + x * m * (1 - m * m), "1/100", "1/4", 3)
>>> len(enc), enc[0] == enc[0]  # four balls; a ball of nonzero radius is never "==" itself
(4, False)
>>> sym_eigenvalues([[2.0, 0.0], [0.0, 1.0]])[0] > 1.99
True
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from fractions import Fraction
from typing import Any, cast

import flint

from symdln import validate as v

__all__ = ["crossing", "iterate_mode", "sym_eigenvalues", "to_ball"]

Update = Callable[[Any, Any], Any]


def to_ball(x: str | int | Fraction | flint.arb) -> flint.arb:
    """An exact input (string such as ``"1/2"`` or ``"0.25"``, integer, Fraction) or a finite ball,
    as a ball at the current precision.

    >>> to_ball("nan")
    Traceback (most recent call last):
    ...
    ValueError: x must be a finite real number: a string, an integer, a Fraction or a ball, got 'nan'
    """
    return _ball("x", x)


def _ball(name: str, x: object) -> flint.arb:
    """:func:`to_ball`, the error naming ``name``."""
    domain = "a finite real number: a string, an integer, a Fraction or a ball"
    ball = None
    if isinstance(x, (int, Fraction, str, flint.arb)) and not isinstance(x, bool):
        try:
            ball = _to_ball(x)
        except ValueError:  # a string that is not a number
            ball = None
    v.require(name, ball is not None and ball.is_finite(), domain, x)
    return cast(flint.arb, ball)


def _to_ball(x: str | int | Fraction | flint.arb) -> flint.arb:
    """:func:`to_ball` on a checked input."""
    if isinstance(x, flint.arb):
        return x
    if isinstance(x, (int, Fraction)):
        q = Fraction(x)
        return flint.arb(flint.fmpq(q.numerator, q.denominator))
    return flint.arb(x)


def iterate_mode(update: Update, m0: Any, x: Any, steps: int, prec: int = 256) -> list[flint.arb]:
    """Balls enclosing m_0, ..., m_steps for m_{t+1} = update(m_t, x), at ``prec`` bits (scoped).

    ``update`` must be increasing in m and in x on the range visited (endpoint iteration).

    Domain: ``update`` a callable; ``m0``, ``x`` as for :func:`to_ball`; ``steps`` a nonnegative and
    ``prec`` a positive integer.
    """
    v.function("update", update)
    steps, prec = v.nonnegative_int("steps", steps), v.positive_int("prec", prec)
    with flint.ctx.workprec(prec):
        m, xb = _ball("m0", m0), _ball("x", x)
        x_lo, x_hi = xb.lower(), xb.upper()
        lo, hi = m.lower(), m.upper()
        out = [m]
        for _ in range(steps):
            lo = update(lo, x_lo).lower()
            hi = update(hi, x_hi).upper()
            out.append(lo.union(hi))
    return out


def crossing(qs: Sequence[flint.arb], level: Any) -> tuple[int | None, int | None]:
    """Certified bounds (lo, hi) on the first t with q_t >= level.

    ``hi`` is the first t where q_t >= level is certain; ``lo`` the first t
    where it is not certainly false.  lo == hi pins the crossing exactly.

    Domain: ``qs`` a sequence (of balls or numbers); ``level`` as for :func:`to_ball`.
    """
    qs = v.sequence("qs", qs)
    lv = _ball("level", level)
    lo = hi = None
    for t, q in enumerate(qs):
        if lo is None and not (q < lv):
            lo = t
        if hi is None and q >= lv:
            hi = t
            break
    return lo, hi


def sym_eigenvalues(S: Sequence[Sequence[float]], prec: int = 128) -> list[flint.arb]:
    """Certified enclosures of the eigenvalues of a symmetric float matrix (entries taken exactly),
    largest first (Arb's ``acb_mat.eig`` with isolated-eigenvalue certification).

    Domain: ``S`` a square matrix (nested lists or a 2-D array) of finite real numbers; ``prec`` a
    positive integer.
    """
    A = v.finite_array("S", S, ndim=2)
    v.require("S", A.shape[0] == A.shape[1], "a square matrix", A)
    v.require("S", bool((A == A.T).all()), "a symmetric matrix", A)
    prec = v.positive_int("prec", prec)
    with flint.ctx.workprec(prec):
        M = flint.arb_mat([[flint.arb(float(e)) for e in row] for row in S])
        eigs = M.eig()
        reals = []
        for z in eigs:
            if not abs(z.imag).upper() < 1e-20:  # symmetric: imaginary parts enclose 0
                raise ArithmeticError("eigenvalue enclosure with a wide imaginary part")
            reals.append(z.real)
        return sorted(reals, key=lambda b: float(b.mid()), reverse=True)
