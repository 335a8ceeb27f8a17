"""Ball-arithmetic (Arb, via python-flint) enclosures of SymPy expressions.

Comparisons of Arb balls are one-sided: ``a > 0`` is True only when certain.
:func:`certified_sign` therefore returns ``None`` for "undecided" and raises
the working precision, inside a scoped context, until the sign is decided or
``maxprec`` is reached.

>>> import sympy as sp
>>> certified_sign(sp.exp(sp.Rational(1, 3)) - sp.Rational(139, 100))
1
>>> certified_sign(sp.exp(1) - sp.E) is None  # zero: a ball never decides it
True
"""

from __future__ import annotations

import flint
import sympy as sp

__all__ = ["certified_sign", "enclose", "to_arb"]


def to_arb(expr: sp.Expr) -> flint.arb:
    """Enclose a closed SymPy expression in an Arb ball at the current flint precision.

    Supported: rationals, ``pi``, ``E``, ``+``, ``*``, powers (integer,
    rational or ball exponents of positive bases), ``exp``, ``log``,
    ``sqrt``, ``Abs``.  Anything else raises :class:`TypeError`.
    """
    e = sp.sympify(expr)
    if e.is_Rational:
        return flint.arb(flint.fmpq(int(e.p), int(e.q)))
    if e is sp.pi:
        return flint.arb.pi()
    if e is sp.E:
        return flint.arb(1).exp()
    if e.is_Add:
        acc = flint.arb(0)
        for a in e.args:
            acc += to_arb(a)
        return acc
    if e.is_Mul:
        acc = flint.arb(1)
        for a in e.args:
            acc *= to_arb(a)
        return acc
    if e.is_Pow:
        base, ex = e.args
        b = to_arb(base)
        if ex.is_Integer:
            n = int(ex)
            return b ** n if n >= 0 else 1 / (b ** (-n))
        return b ** to_arb(ex)
    if isinstance(e, sp.exp):
        return to_arb(e.args[0]).exp()
    if isinstance(e, sp.log):
        return to_arb(e.args[0]).log()
    if isinstance(e, sp.Abs):
        return abs(to_arb(e.args[0]))
    raise TypeError(f"cannot enclose {type(e).__name__}: {e}")


def enclose(expr: sp.Expr, prec: int = 128) -> flint.arb:
    """:func:`to_arb` at ``prec`` bits, with the flint precision scoped."""
    with flint.ctx.workprec(prec):
        return to_arb(expr)


def certified_sign(expr: sp.Expr, prec: int = 64, maxprec: int = 4096) -> int | None:
    """The sign (+1 or -1) of a closed expression, certified; ``None`` if undecided.

    Precision doubles from ``prec`` up to ``maxprec``; an expression equal to
    zero stays undecided (balls cannot certify an exact zero: use exact
    arithmetic for that).
    """
    p = prec
    while p <= maxprec:
        x = enclose(expr, p)
        if x > 0:
            return 1
        if x < 0:
            return -1
        p *= 2
    return None
