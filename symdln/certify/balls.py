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

from symdln import validate as v

__all__ = ["certified_sign", "enclose", "to_arb"]


#: what :func:`to_arb` encloses
_ENCLOSES = ("a closed real expression Arb encloses (rationals, pi, E, +, *, powers, exp, log, sqrt, Abs, "
             "sin, cos)")


class _NotReal(ArithmeticError):
    """A power of a certainly negative base to a non-integer exponent: no real value, at any
    precision."""


def to_arb(expr: sp.Expr) -> flint.arb:
    """Enclose a closed SymPy expression in an Arb ball at the current flint precision.

    Supported: rationals, ``pi``, ``E``, ``+``, ``*``, powers (integer,
    rational or ball exponents of positive bases), ``exp``, ``log``,
    ``sqrt``, ``Abs``, ``sin``, ``cos``.  Anything else (a free symbol, NaN, an infinity, a float, a
    relation) raises :class:`symdln.validate.KindError`, a :class:`ValueError` naming ``expr`` that is
    also a :class:`TypeError`.  A power of a negative base to a non-integer exponent is not real: its
    ball is NaN.

    >>> to_arb(sp.Symbol("x") + 1)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    symdln.validate.KindError: expr must be a closed real expression Arb encloses (...), got Symbol x
    """
    return _to_arb(v.expr_kind("expr", expr, strings=True, kind=True), False)


def _to_arb(e: sp.Basic, strict: bool) -> flint.arb:
    """:func:`to_arb`; with ``strict``, a non-integer power of a certainly negative base raises
    :class:`_NotReal` instead of giving a NaN ball."""
    if e.is_Rational:
        return flint.arb(flint.fmpq(int(e.p), int(e.q)))
    if e is sp.pi:
        return flint.arb.pi()
    if e is sp.E:
        return flint.arb(1).exp()
    if e.is_Add:
        acc = flint.arb(0)
        for a in e.args:
            acc += _to_arb(a, strict)
        return acc
    if e.is_Mul:
        acc = flint.arb(1)
        for a in e.args:
            acc *= _to_arb(a, strict)
        return acc
    if e.is_Pow:
        base, ex = e.args
        b = _to_arb(base, strict)
        if ex.is_Integer:
            n = int(ex)
            return b ** n if n >= 0 else 1 / (b ** (-n))
        if strict and b < 0:
            raise _NotReal(str(e))
        return b ** _to_arb(ex, strict)
    if isinstance(e, sp.exp):
        return _to_arb(e.args[0], strict).exp()
    if isinstance(e, sp.log):
        return _to_arb(e.args[0], strict).log()
    if isinstance(e, sp.Abs):
        return abs(_to_arb(e.args[0], strict))
    if isinstance(e, sp.sin):
        return _to_arb(e.args[0], strict).sin()
    if isinstance(e, sp.cos):
        return _to_arb(e.args[0], strict).cos()
    raise v.KindError(f"expr must be {_ENCLOSES}, got {type(e).__name__} {e}")


def enclose(expr: sp.Expr, prec: int = 128) -> flint.arb:
    """:func:`to_arb` at ``prec`` bits (a positive integer), with the flint precision scoped."""
    e = v.expr_kind("expr", expr, strings=True, kind=True)
    with flint.ctx.workprec(v.positive_int("prec", prec)):
        return _to_arb(e, False)


def certified_sign(expr: sp.Expr, prec: int = 64, maxprec: int = 4096) -> int | None:
    """The sign (+1 or -1) of a closed expression, certified; ``None`` if undecided.

    Precision doubles from ``prec`` up to ``maxprec``; an expression equal to
    zero stays undecided (balls cannot certify an exact zero: use exact
    arithmetic for that), and so does one that is not real (a non-integer power of a negative
    base: undecided at once, no precision makes it real).

    >>> certified_sign((-2) ** sp.Rational(1, 3) - 1) is None
    True

    Domain: ``expr`` as for :func:`to_arb`; ``prec`` and ``maxprec`` positive integers,
    ``maxprec >= prec``.
    """
    e = v.expr_kind("expr", expr, strings=True, kind=True)
    prec, maxprec = v.positive_int("prec", prec), v.positive_int("maxprec", maxprec)
    v.relation("maxprec", "maxprec >= prec", maxprec - prec, strict=False)
    p = prec
    while p <= maxprec:
        try:
            with flint.ctx.workprec(p):
                x = _to_arb(e, True)
        except _NotReal:
            return None
        if x > 0:
            return 1
        if x < 0:
            return -1
        p *= 2
    return None
