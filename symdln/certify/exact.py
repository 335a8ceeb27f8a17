"""Exact rational and symbolic matrix helpers.

>>> import sympy as sp
>>> Q = cayley_orthogonal(sp.Matrix([[0, 1], [-1, 0]]) / 2)
>>> (Q.T * Q == sp.eye(2), Q.is_symmetric())
(True, False)
>>> exact_pinv(sp.Matrix([[1, 0], [0, 0]]))
Matrix([
[1, 0],
[0, 0]])
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from fractions import Fraction
from typing import TYPE_CHECKING, Any, Literal, overload

import numpy as np
import sympy as sp

from symdln import validate as v

if TYPE_CHECKING:
    import flint

__all__ = [
    "NotRational",
    "cayley_orthogonal",
    "exact_pinv",
    "first_nonzero_entry",
    "is_exactly_zero",
    "rational_function",
    "rational_matrix",
    "to_fraction",
]


def rational_matrix(rows: Sequence[Sequence[int | Fraction | str]]) -> sp.Matrix:
    """A SymPy matrix of exact rationals (strings and Fractions accepted).

    Domain: a sequence of rows of one length; entries exact rationals (int, Fraction, SymPy
    Rational) or their text (``"1/3"``, ``"0.25"``), floats excluded.

    >>> rational_matrix([["1/3", 1], [Fraction(1, 2), "0.25"]])
    Matrix([
    [1/3,   1],
    [1/2, 1/4]])
    >>> rational_matrix([[1, 0.5]])  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ValueError: rows[0][1] must be an exact rational (...), got 0.5
    """
    rs = [v.sequence(f"rows[{i}]", row) for i, row in enumerate(v.sequence("rows", rows))]
    v.require("rows", len({len(r) for r in rs}) <= 1, "rows of one length", rows)
    return sp.Matrix([[_rational_entry(f"rows[{i}][{j}]", x) for j, x in enumerate(r)]
                      for i, r in enumerate(rs)])


def _rational_entry(name: str, x: object) -> sp.Rational:
    q = None
    if not isinstance(x, (bool, float, complex, np.floating, np.complexfloating, sp.Float)):
        try:
            q = sp.Rational(str(x))
        except (TypeError, ValueError, ZeroDivisionError):
            q = None
    v.require(name, q is not None, "an exact rational (int, Fraction, SymPy Rational, or text such as "
              "'1/3')", x)
    return q


def to_fraction(x: sp.Expr) -> Fraction:
    """An exact rational (SymPy Rational, int, Fraction; a float read exactly) as a
    :class:`fractions.Fraction`.

    >>> to_fraction(sp.Rational(-3, 4))
    Fraction(-3, 4)
    """
    return v.as_fraction("x", x)


def cayley_orthogonal(K: sp.Matrix) -> sp.Matrix:
    r"""The Cayley transform :math:`(I-K)(I+K)^{-1}` of a skew-symmetric K.

    For rational K this is an exactly orthogonal rational matrix, which lets
    tests build symmetric matrices with a known rational eigenbasis.

    Domain: a square SymPy matrix with finite entries, skew-symmetric.
    """
    v.require("K", isinstance(K, sp.MatrixBase), "an explicit SymPy matrix", K)
    v.finite_matrix("K", K, square=True)
    if K != -K.T:
        raise ValueError(f"K must be skew-symmetric (K^T = -K), got {sp.sstr(K)}")
    n = K.shape[0]
    eye = sp.eye(n)
    return (eye - K) * (eye + K).inv()


def exact_pinv(M: sp.Matrix) -> sp.Matrix:
    """Moore--Penrose pseudoinverse of an exact matrix (a SymPy matrix without floating-point
    entries), checked by its four axioms."""
    _exact_matrix("M", M)
    P = M.pinv()
    P = P.applyfunc(sp.nsimplify) if any(not e.is_Rational for e in P) else P
    ok = (
        (M * P * M - M).is_zero_matrix
        and (P * M * P - P).is_zero_matrix
        and ((M * P).T - M * P).is_zero_matrix
        and ((P * M).T - P * M).is_zero_matrix
    )
    if not ok:
        raise ArithmeticError("pseudoinverse failed its Moore-Penrose axioms")
    return P


def is_exactly_zero(M: sp.Matrix | sp.Expr) -> bool | None:
    """True if M simplifies to exactly zero, False if some entry is a nonzero
    rational, None if undecided (a symbolic entry that did not simplify).

    Domain: a SymPy matrix with finite entries, or a finite scalar SymPy expression.

    >>> is_exactly_zero(sp.sin(1) ** 2 + sp.cos(1) ** 2 - 1), is_exactly_zero(sp.Matrix([[0, 2]]))
    (True, False)
    """
    M = v.finite_matrix("M", M) if isinstance(M, sp.MatrixBase) else v.sympy_expr("M", M)
    entries = list(M) if isinstance(M, sp.MatrixBase) else [M]
    undecided = False
    for e in entries:
        s = sp.simplify(e)
        if s == 0:
            continue
        if s.is_Rational or s.is_zero is False:
            return False
        undecided = True
    return None if undecided else True


def first_nonzero_entry(M: sp.Matrix) -> tuple[int, int, sp.Expr] | None:
    """Index and value of the first nonzero entry of an exact matrix, if any.

    >>> first_nonzero_entry(sp.Matrix([[0, 0], [0, 3]]))
    (1, 1, 3)
    """
    v.require("M", isinstance(M, sp.MatrixBase), "an explicit SymPy matrix", M)
    v.finite_matrix("M", M)
    for i in range(M.rows):
        for j in range(M.cols):
            if sp.simplify(M[i, j]) != 0:
                return i, j, M[i, j]
    return None


def _exact_matrix(name: str, M: Any) -> None:
    """An explicit SymPy matrix with finite entries and no floating-point number."""
    v.require(name, isinstance(M, sp.MatrixBase), "an explicit SymPy matrix", M)
    v.finite_matrix(name, M)
    v.require(name, not M.atoms(sp.Float), "an exact matrix (no floating-point entries)", M)


class NotRational(ArithmeticError):
    """The expression has a node that exact rational arithmetic cannot evaluate (exp, sqrt, ...)."""


@overload
def rational_function(expr: sp.Expr, symbols: Sequence[sp.Symbol], *, fmpq: Literal[False] = ...
                      ) -> Callable[..., Fraction]: ...
@overload
def rational_function(expr: sp.Expr, symbols: Sequence[sp.Symbol], *, fmpq: Literal[True]
                      ) -> Callable[..., flint.fmpq]: ...
@overload
def rational_function(expr: sp.Expr, symbols: Sequence[sp.Symbol], *, fmpq: bool
                      ) -> Callable[..., Fraction] | Callable[..., flint.fmpq]: ...
def rational_function(expr: sp.Expr, symbols: Sequence[sp.Symbol], *, fmpq: bool = False
                      ) -> Callable[..., Fraction] | Callable[..., flint.fmpq]:
    """``expr`` as a function of Fractions (one per symbol, in order), evaluated exactly.

    Rationals, sums, products and integer powers (the exponent may be a symbol that takes an
    integer value) are evaluated exactly; any other node raises :class:`NotRational` when met,
    so that the caller can fall back to SymPy.  Division by zero raises
    :class:`ZeroDivisionError`.  The nodes are met in the order of the expression's arguments
    (a power's exponent before its base), so the exception raised does not depend on how the
    function is evaluated.

    The expression is compiled once into Python code on python-flint rationals (``fmpq``, exact,
    and an order of magnitude faster than :class:`fractions.Fraction` on the long numerators of
    iterates); arguments and result are Fractions, or python-flint ``fmpq`` with ``fmpq=True`` (no
    conversions, for callers that compute in ``fmpq``).

    >>> x, t = sp.symbols("x t")
    >>> f = rational_function((1 - x / 2) ** t / x, [x, t])
    >>> f(Fraction(1, 3), Fraction(2))
    Fraction(25, 12)
    >>> rational_function(sp.exp(x), [x])(Fraction(0))
    Traceback (most recent call last):
    ...
    symdln.certify.exact.NotRational: exp(x)

    Domain: ``expr`` a scalar SymPy expression (a node that is not rational, NaN included, raises
    :class:`NotRational` when evaluated, as above); ``symbols`` distinct SymPy Symbols; ``fmpq`` a bool.
    """
    import flint

    expr = v.expr_kind("expr", expr)
    symbols = v.symbols("symbols", symbols)
    v.require("fmpq", isinstance(fmpq, bool), "True or False", fmpq)

    q = flint.fmpq
    index = {s: i for i, s in enumerate(symbols)}
    names: dict[str, object] = {"_ipow": _ipow, "_fail": _fail}

    def name(value: object) -> str:
        key = f"_k{len(names)}"
        names[key] = value
        return key

    def code(e: sp.Basic) -> str:
        if e.is_Rational:
            return name(q(int(e.p), int(e.q)))
        if e in index:
            return f"_a{index[e]}"
        if e.is_Add:  # ((0 + a) + b) + ...: the terms met in order, as in a running sum
            return "(" + " + ".join([name(q(0)), *(code(a) for a in e.args)]) + ")"
        if e.is_Mul:
            return "(" + " * ".join([name(q(1)), *(code(a) for a in e.args)]) + ")"
        if e.is_Pow:
            if e.exp.is_Integer:
                return f"({code(e.base)} ** {int(e.exp)})"
            return f"_ipow({code(e.exp)}, lambda: {code(e.base)}, {name(str(e))})"
        return f"_fail({name(str(e))})"

    args = ", ".join(f"_a{i}" for i in range(len(symbols)))
    try:
        body = code(expr)
        # the code built above, from the tree only
        compiled: Callable[..., flint.fmpq] = eval(f"lambda {args}: {body}", names)
    except (SyntaxError, RecursionError, MemoryError):  # too deep for the parser: walk the tree
        walk = _rational_function_walk(expr, index)
        if not fmpq:
            return walk

        def walk_fmpq(*values: flint.fmpq) -> flint.fmpq:
            r = walk(*(Fraction(int(x.p), int(x.q)) for x in values))
            return q(r.numerator, r.denominator)

        return walk_fmpq
    if fmpq:
        return compiled

    def f(*values: Fraction | int) -> Fraction:
        r = compiled(*(q(x) if isinstance(x, int) else q(x.numerator, x.denominator) for x in values))
        return Fraction(int(r.p), int(r.q))

    return f


def _ipow(k: flint.fmpq, base: Callable[[], flint.fmpq], text: str) -> flint.fmpq:
    if k.q != 1:
        raise NotRational(text)
    return base() ** int(k.p)


def _fail(text: str) -> object:
    raise NotRational(text)


def _rational_function_walk(expr: sp.Expr, index: dict[sp.Symbol, int]) -> Callable[..., Fraction]:
    """:func:`rational_function` by walking the tree at every call, in Fractions (for trees too
    deep to compile)."""

    def ev(e: sp.Basic, args: tuple[Fraction, ...]) -> Fraction:
        if e.is_Rational:
            return Fraction(int(e.p), int(e.q))
        if e in index:
            return Fraction(args[index[e]])
        if e.is_Add:
            return sum((ev(a, args) for a in e.args), Fraction(0))
        if e.is_Mul:
            out = Fraction(1)
            for a in e.args:
                out *= ev(a, args)
            return out
        if e.is_Pow:
            k = ev(e.exp, args)
            if k.denominator == 1:
                return ev(e.base, args) ** k.numerator
        raise NotRational(str(e))

    def f(*args: Fraction) -> Fraction:
        return ev(expr, args)

    return f
