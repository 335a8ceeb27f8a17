r"""Domain checks for the public functions of the mathematical core.

Every check raises :class:`ValueError` naming the parameter, the domain and the value, e.g.
``sigma must be positive (sigma > 0), got -1``, and otherwise returns the value, converted by the
rule below.  A check rejects only what is *certainly* outside the domain:

* exact numbers (``int``, :class:`fractions.Fraction`, SymPy ``Rational``, python-flint ``fmpq``)
  and floating numbers (``float``, NumPy floats, mpmath ``mpf``, SymPy ``Float``) are compared
  exactly; NaN and :math:`\pm\infty` are rejected everywhere, complex numbers too;
* a python-flint ``arb`` ball is rejected when it certainly lies outside (Arb's comparisons are
  True only when certain), and passes when it straddles a bound;
* a symbolic SymPy expression passes unless its assumptions contradict the domain (a Symbol
  declared ``negative`` for sigma > 0, ``integer=False`` for a depth); a function that is not meant
  to be symbolic passes ``symbolic=False``;
* elements of SymPy's polynomial rings and fields (``DomainElement``) pass: they are symbolic
  values in another representation, which the checks use for exact polynomial arithmetic.
* the certified kernels (:mod:`symdln.certify`) take arguments of particular kinds (scalar
  expressions, statements, rationals given as text, intervals of balls, integer matrices): the
  helpers at the end check those; :class:`KindError` is a ValueError and also the TypeError those
  kernels raise for an argument they cannot handle.

Conversion (:func:`as_exact`, :func:`same_exact_type`): exact inputs stay exact, never float.
``int``, ``Fraction`` and SymPy ``Rational`` become SymPy ``Rational`` in the SymPy-valued
functions; in the functions whose exact type is ``Fraction`` (the hot exact loops of the checks),
:func:`same_exact_type` turns Python ints into the exact type of their peers (``Fraction`` among
Fractions, a SymPy ``Integer`` otherwise), so that ``1 / 2`` never happens in floating point.
Floating inputs stay floating.

>>> positive("sigma", 2)
2
>>> positive("sigma", -1)
Traceback (most recent call last):
...
ValueError: sigma must be positive (sigma > 0), got -1
>>> import sympy as sp
>>> positive("sigma", sp.Symbol("s", positive=True))
s
>>> positive("sigma", sp.Symbol("s", negative=True))
Traceback (most recent call last):
...
ValueError: sigma must be positive (sigma > 0), got s (a symbol declared negative)
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Sequence
from fractions import Fraction
from typing import Any

import mpmath
import numpy as np
import sympy as sp
from sympy.matrices.exceptions import ShapeError
from sympy.polys.domains.domainelement import DomainElement

__all__ = [
    "KindError",
    "as_exact",
    "as_fraction",
    "choice",
    "depth",
    "dims",
    "expr_kind",
    "finite_array",
    "finite_matrix",
    "function",
    "in_interval",
    "integer",
    "integer_matrix",
    "interval",
    "matrix_sequence",
    "nonnegative",
    "nonnegative_int",
    "nonzero_matrix",
    "positive",
    "positive_int",
    "rational_or_ball",
    "real",
    "relation",
    "require",
    "same_exact_type",
    "sequence",
    "statement",
    "symbol",
    "symbols",
    "sympy_expr",
    "text",
]

_NONFINITE = (sp.nan, sp.zoo, sp.oo, -sp.oo)


def _show(value: Any) -> str:
    """A short rendering of a value for an error message (symbols with their sign assumption)."""
    if isinstance(value, Fraction):
        return str(value)
    if isinstance(value, np.ndarray):
        return f"an array of shape {value.shape}"
    if isinstance(value, sp.MatrixBase):
        return f"a {value.rows} x {value.cols} matrix"
    if isinstance(value, sp.Basic):
        text = sp.sstr(value)
        if isinstance(value, sp.Symbol):
            for key in ("negative", "nonpositive", "zero", "positive", "nonnegative", "nonzero"):
                if value.assumptions0.get(key):
                    return f"{text} (a symbol declared {key})"
            if value.assumptions0.get("integer") is False:
                return f"{text} (a symbol declared non-integer)"
        return text
    return repr(value) if isinstance(value, (str, float)) else str(value)


def _fail(name: str, domain: str, value: Any) -> ValueError:
    return ValueError(f"{name} must be {domain}, got {_show(value)}")


def _flint_kind(value: Any) -> str | None:
    mod = getattr(type(value), "__module__", None) or ""
    if not mod.startswith("flint"):
        return None
    return type(value).__name__


def _is_symbolic(value: Any) -> bool:
    return isinstance(value, sp.Basic) and not value.is_number


def as_exact(value: Any) -> Any:
    """The conversion rule: ``int``, ``Fraction``, SymPy ``Rational`` and ``fmpq`` become SymPy
    ``Rational``; everything else (floats, mpf, symbols, balls) is returned unchanged.

    >>> from fractions import Fraction
    >>> as_exact(3), as_exact(Fraction(1, 2)), as_exact(0.5)
    (3, 1/2, 0.5)
    >>> type(as_exact(3)).__name__
    'Integer'
    """
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, np.integer)):
        return sp.Integer(int(value))
    if isinstance(value, Fraction):
        return sp.Rational(value.numerator, value.denominator)
    if _flint_kind(value) in ("fmpq", "fmpz"):
        q = Fraction(str(value))
        return sp.Rational(q.numerator, q.denominator)
    return value


def as_fraction(name: str, value: Any) -> Fraction:
    """``value`` as an exact :class:`~fractions.Fraction` (int, Fraction, SymPy Rational, fmpq,
    or a finite float, read exactly); anything else is rejected.

    >>> as_fraction("t", 3), as_fraction("t", 0.25)
    (Fraction(3, 1), Fraction(1, 4))
    """
    if isinstance(value, bool):
        raise _fail(name, "an exact rational number", value)
    if isinstance(value, (int, np.integer, Fraction)):
        return Fraction(int(value)) if isinstance(value, np.integer) else Fraction(value)
    if isinstance(value, sp.Rational):
        return Fraction(int(value.p), int(value.q))
    if _flint_kind(value) in ("fmpq", "fmpz"):
        return Fraction(str(value))
    if isinstance(value, (float, np.floating)) and math.isfinite(value):
        return Fraction(float(value))
    raise _fail(name, "an exact rational number (int, Fraction or sympy.Rational)", value)


def same_exact_type(*values: Any) -> tuple[Any, ...]:
    """Python ints converted to the exact type of their peers, so that no ``int / int`` rounds:
    ``Fraction`` among ints and Fractions, python-flint ``fmpq`` among ints and fmpq's, a SymPy
    ``Integer`` among ints and SymPy expressions (Fractions included: SymPy absorbs them) or when
    every value is an int; with floats or balls (inexact anyway) the values are unchanged.

    >>> from fractions import Fraction
    >>> same_exact_type(1, Fraction(1, 2))
    (Fraction(1, 1), Fraction(1, 2))
    >>> [type(v).__name__ for v in same_exact_type(1, 2)]
    ['One', 'Integer']
    >>> [type(v).__name__ for v in same_exact_type(1, sp.Rational(1, 2), Fraction(1, 3))]
    ['One', 'Half', 'Fraction']
    """
    ints = [isinstance(v, (int, np.integer)) and not isinstance(v, bool) for v in values]
    others = [v for i, v in zip(ints, values, strict=True) if not i]
    if all(isinstance(v, Fraction) for v in others) and others:
        return tuple(Fraction(int(v)) if i else v for i, v in zip(ints, values, strict=True))
    if others and all(_flint_kind(v) == "fmpq" for v in others):
        import flint

        return tuple(flint.fmpq(int(v)) if i else v for i, v in zip(ints, values, strict=True))
    if all(isinstance(v, (sp.Basic, Fraction)) for v in others):
        return tuple(sp.Integer(int(v)) if i else v for i, v in zip(ints, values, strict=True))
    return values


def _real_value(name: str, value: Any, symbolic: bool, domain: str) -> None:
    """Reject what is not a finite real number (or, with ``symbolic``, a real-or-unknown SymPy expr)."""
    if isinstance(value, bool) or isinstance(value, (complex, np.complexfloating, mpmath.mpc)):
        raise _fail(name, domain, value)
    if isinstance(value, (numbers.Integral, Fraction)):
        return
    if isinstance(value, (float, np.floating)):
        if not math.isfinite(value):
            raise _fail(name, domain, value)
        return
    if isinstance(value, mpmath.mpf):
        if not mpmath.isfinite(value):
            raise _fail(name, domain, value)
        return
    kind = _flint_kind(value)
    if kind is not None:
        if kind in ("fmpq", "fmpz"):
            return
        if kind == "arb" and value.is_finite():
            return
        raise _fail(name, domain, value)
    if isinstance(value, DomainElement):  # an element of a polynomial ring or field: not a number to bound
        return
    if isinstance(value, sp.Basic) and not isinstance(value, (sp.MatrixBase, sp.MatrixExpr)):
        if not isinstance(value, sp.Expr) or value.has(*_NONFINITE):
            raise _fail(name, domain, value)
        if value.is_extended_real is False or value.is_finite is False:
            raise _fail(name, domain, value)
        if not value.is_number and not symbolic:
            raise _fail(name, domain + " (a number, not a symbolic expression)", value)
        return
    raise _fail(name, domain, value)


def _sign_fails(diff: Any, strict: bool) -> bool:
    """True when ``diff > 0`` (``strict``) or ``diff >= 0`` is certainly false."""
    kind = _flint_kind(diff)
    if kind == "arb":
        return bool(diff <= 0) if strict else bool(diff < 0)
    if isinstance(diff, sp.Basic):
        test = diff.is_positive if strict else diff.is_nonnegative
        return test is False
    return bool(diff <= 0) if strict else bool(diff < 0)


def real(name: str, value: Any, *, lo: Any = None, hi: Any = None, lo_open: bool = False,
         hi_open: bool = False, symbolic: bool = True, exact: bool = True, domain: str | None = None) -> Any:
    r"""Check that ``value`` is a finite real number in the interval given by ``lo``, ``hi``
    (``None``: unbounded; ``*_open``: the bound is excluded) and return it, exact numbers converted
    by :func:`as_exact` when ``exact``.

    ``symbolic=False`` rejects SymPy expressions with free symbols; ``domain`` overrides the text
    of the error message.

    >>> real("t", 0, lo=0)
    0
    >>> real("t", float("nan"))
    Traceback (most recent call last):
    ...
    ValueError: t must be a finite real number, got nan
    """
    if domain is None:
        left = f"{lo} {'<' if lo_open else '<='} " if lo is not None else ""
        right = f" {'<' if hi_open else '<='} {hi}" if hi is not None else ""
        domain = f"in {left}{name}{right}" if left or right else "a finite real number"
    _real_value(name, value, symbolic, domain)
    if isinstance(value, DomainElement):  # a polynomial: its sign is not a question here
        return value
    if lo is not None and _sign_fails(value - lo, lo_open):
        raise _fail(name, domain, value)
    if hi is not None and _sign_fails(hi - value, hi_open):
        raise _fail(name, domain, value)
    return as_exact(value) if exact else value


def positive(name: str, value: Any, **kw: Any) -> Any:
    """``value > 0`` (see :func:`real` for the keywords).

    >>> positive("eta", 0)
    Traceback (most recent call last):
    ...
    ValueError: eta must be positive (eta > 0), got 0
    """
    return real(name, value, lo=0, lo_open=True, domain=f"positive ({name} > 0)", **kw)


def nonnegative(name: str, value: Any, **kw: Any) -> Any:
    """``value >= 0`` (see :func:`real` for the keywords).

    >>> nonnegative("t", 0), nonnegative("t", 0.5)
    (0, 0.5)
    """
    return real(name, value, lo=0, domain=f"nonnegative ({name} >= 0)", **kw)


def in_interval(name: str, value: Any, lo: Any, hi: Any, closed: tuple[bool, bool] = (True, True),
                **kw: Any) -> Any:
    """``lo <= value <= hi``, each end included or not as ``closed`` says.

    >>> in_interval("s", Fraction(1, 4), 0, Fraction(1, 2), closed=(False, False))
    1/4
    >>> in_interval("s", Fraction(1, 2), 0, Fraction(1, 2), closed=(False, False))
    Traceback (most recent call last):
    ...
    ValueError: s must be in 0 < s < 1/2, got 1/2
    """
    return real(name, value, lo=lo, hi=hi, lo_open=not closed[0], hi_open=not closed[1], **kw)


def integer(name: str, value: Any, minimum: int | None = None, *, symbolic: bool = False) -> Any:
    """An integer ``>= minimum``: a Python int (from int, NumPy or SymPy integers) or, with
    ``symbolic``, a SymPy expression not declared non-integer nor below ``minimum``.

    >>> integer("steps", 3, 0), integer("depth", 2.5, 1)
    Traceback (most recent call last):
    ...
    ValueError: depth must be an integer >= 1, got 2.5
    """
    domain = "an integer" if minimum is None else f"an integer >= {minimum}"
    if isinstance(value, bool):
        raise _fail(name, domain, value)
    if isinstance(value, (int, np.integer)) or (isinstance(value, sp.Integer)):
        v = int(value)
        if minimum is not None and v < minimum:
            raise _fail(name, domain, value)
        return v
    if symbolic and _is_symbolic(value) and isinstance(value, sp.Expr) and not value.has(*_NONFINITE):
        if value.is_integer is False or value.is_extended_real is False:
            raise _fail(name, domain, value)
        if minimum is not None and _sign_fails(value - minimum, False):
            raise _fail(name, domain, value)
        return value
    raise _fail(name, domain, value)


def positive_int(name: str, value: Any, *, symbolic: bool = False) -> Any:
    """An integer ``>= 1`` (see :func:`integer`).

    >>> positive_int("N", 0)
    Traceback (most recent call last):
    ...
    ValueError: N must be an integer >= 1, got 0
    """
    return integer(name, value, 1, symbolic=symbolic)


def nonnegative_int(name: str, value: Any, *, symbolic: bool = False) -> Any:
    """An integer ``>= 0`` (see :func:`integer`).

    >>> nonnegative_int("steps", 0)
    0
    """
    return integer(name, value, 0, symbolic=symbolic)


def depth(name: str, value: Any, *, infinite: bool = False, symbolic: bool = False) -> Any:
    """A depth: an integer ``>= 1`` (an integral float is accepted as that integer), or
    :math:`\\infty` (``math.inf``) where ``infinite`` allows it; with ``symbolic``, a positive
    SymPy expression not declared non-integer (e.g. ``1/h`` for the depth limit).

    >>> depth("N", 3), depth("N", math.inf, infinite=True)
    (3, inf)
    >>> depth("N", 1.5)
    Traceback (most recent call last):
    ...
    ValueError: N must be an integer depth >= 1, got 1.5
    """
    domain = "an integer depth >= 1" + (" or math.inf" if infinite else "")
    if infinite and isinstance(value, (float, np.floating)) and value == math.inf:
        return math.inf
    if isinstance(value, (float, np.floating)) and not isinstance(value, bool):
        if math.isfinite(value) and float(value).is_integer() and value >= 1:
            return int(value)
        raise _fail(name, domain, value)
    if symbolic and _is_symbolic(value):
        if not isinstance(value, sp.Expr) or value.has(*_NONFINITE) or value.is_integer is False \
                or value.is_extended_real is False or _sign_fails(value, True):
            raise _fail(name, domain, value)
        return value
    try:
        return integer(name, value, 1)
    except ValueError:
        raise _fail(name, domain, value) from None


def relation(name: str, statement: str, diff: Any, *, strict: bool = True) -> None:
    """Require ``diff > 0`` (``strict``) or ``diff >= 0``, where ``diff`` encodes a relation
    between parameters; raise when it is certainly false, naming ``name`` and the ``statement``.

    >>> relation("w0", "w0 < sigma/(2*lambda)", 1 - 2 * Fraction(3, 4))
    Traceback (most recent call last):
    ...
    ValueError: w0 must satisfy w0 < sigma/(2*lambda), got the difference -1/2
    """
    if _sign_fails(diff, strict):
        raise ValueError(f"{name} must satisfy {statement}, got the difference {_show(diff)}")


def choice(name: str, value: Any, allowed: Sequence[Any]) -> Any:
    """``value`` must be one of ``allowed``.

    >>> choice("norm", "fro", ("fro", 2))
    'fro'
    """
    if not any(value == a and type(value) is type(a) for a in allowed):
        raise _fail(name, "one of " + ", ".join(repr(a) for a in allowed), value)
    return value


def sympy_expr(name: str, value: Any) -> sp.Expr:
    """A scalar SymPy expression (numbers are sympified) without NaN or infinities.

    >>> sympy_expr("w", 2)
    2
    """
    try:
        e = sp.sympify(value, strict=True)
    except (sp.SympifyError, TypeError):
        raise _fail(name, "a SymPy expression", value) from None
    if not isinstance(e, sp.Expr) or isinstance(e, sp.MatrixExpr) or e.has(*_NONFINITE):
        raise _fail(name, "a finite scalar SymPy expression", value)
    return e


def symbol(name: str, value: Any, *, positive: bool = False) -> sp.Symbol:
    """A SymPy Symbol; with ``positive``, one that is not declared nonpositive.

    >>> symbol("delta", sp.Symbol("d", negative=True), positive=True)
    Traceback (most recent call last):
    ...
    ValueError: delta must be a SymPy Symbol that may be positive, got d (a symbol declared negative)
    """
    domain = "a SymPy Symbol" + (" that may be positive" if positive else "")
    if not isinstance(value, sp.Symbol) or (positive and value.is_positive is False):
        raise _fail(name, domain, value)
    return value


def dims(value: Any) -> tuple[Any, Any]:
    """The shape of a matrix, ``(None, None)`` for a matrix-like object without one.

    >>> dims(sp.eye(2)), dims(object())
    ((2, 2), (None, None))
    """
    shape = getattr(value, "shape", None)
    return (shape[0], shape[1]) if shape is not None and len(shape) == 2 else (None, None)


def _dims_differ(a: Any, b: Any) -> bool:
    """Two dimensions certainly different (integers, or SymPy expressions that differ numerically)."""
    if a is None or b is None:
        return False
    da, db = sp.sympify(a), sp.sympify(b)
    return bool(da.is_Integer and db.is_Integer and da != db)


def finite_matrix(name: str, value: Any, shape: tuple[Any, Any] | None = None, *, square: bool = False,
                  symmetric: bool = False) -> Any:
    """A matrix: an explicit SymPy matrix with finite real (or symbolic) entries, a SymPy matrix
    expression (``MatrixSymbol``: its shape is checked where it is known), a 2-D finite real
    NumPy array, or an object with matrix arithmetic over another domain (``DomainMatrix``, a wrapper
    of one: its shape is checked where it has one).  ``shape`` entries may be ``None`` (not
    checked); ``symmetric`` is checked on explicit matrices.

    >>> finite_matrix("Sx", sp.Matrix([[1, 2], [2, 1]]), symmetric=True).shape
    (2, 2)
    >>> finite_matrix("Sx", sp.Matrix([[1, sp.nan]]))
    Traceback (most recent call last):
    ...
    ValueError: Sx must be a matrix with finite real entries, got nan at (0, 1)
    >>> finite_matrix("W", sp.eye(2), (2, 3))
    Traceback (most recent call last):
    ...
    sympy.matrices.exceptions.ShapeError: W must be a matrix of shape 2 x 3, got a 2 x 2 matrix
    """
    if isinstance(value, np.ndarray):
        if value.ndim != 2:
            raise _fail(name, "a 2-D array", value)
        finite_array(name, value)
    elif isinstance(value, sp.MatrixBase):
        for idx, e in zip(np.ndindex(value.rows, value.cols), value, strict=True):
            try:
                _real_value(name, e, True, "")
            except ValueError:
                raise ValueError(f"{name} must be a matrix with finite real entries, got "
                                 f"{_show(e)} at {idx}") from None
    elif not isinstance(value, sp.MatrixExpr):
        if not _duck_matrix(value):
            raise _fail(name, "a matrix (SymPy Matrix, MatrixSymbol or 2-D NumPy array)", value)
        if not hasattr(value, "shape"):  # matrix arithmetic over another domain: nothing to inspect
            return value
    rows, cols = value.shape
    if shape is not None:
        want = ["?" if s is None else s for s in shape]
        if any(s is not None and _dims_differ(s, have) for s, have in zip(shape, (rows, cols), strict=True)):
            raise ShapeError(f"{name} must be a matrix of shape {want[0]} x {want[1]}, got "
                             f"{'a ' + str(rows) + ' x ' + str(cols) + ' matrix'}")
    if (square or symmetric) and _dims_differ(rows, cols):
        raise ShapeError(f"{name} must be a square matrix, got {_show(value)}")
    if symmetric and isinstance(value, sp.MatrixBase) and value != value.T:
        raise _fail(name, "a symmetric matrix", value)
    if symmetric and isinstance(value, np.ndarray) and not np.array_equal(value, value.T):
        raise _fail(name, "a symmetric matrix", value)
    return value


def _duck_matrix(value: Any) -> bool:
    """An object with matrix arithmetic (``*``, ``.T``), e.g. a ``DomainMatrix`` or a wrapper of one."""
    return (not isinstance(value, (str, bytes, Sequence, sp.Basic)) and hasattr(type(value), "__mul__")
            and hasattr(value, "T"))


def nonzero_matrix(name: str, value: Any) -> None:
    """Reject a matrix that is certainly zero (a norm of it is divided by).

    >>> nonzero_matrix("Sx", sp.zeros(2, 2))
    Traceback (most recent call last):
    ...
    ValueError: Sx must be a nonzero matrix, got a 2 x 2 matrix
    """
    if isinstance(value, np.ndarray):
        zero = not np.any(value)
    elif isinstance(value, sp.MatrixBase):
        zero = all(e.is_zero is True for e in value)
    else:
        zero = False
    if zero:
        raise _fail(name, "a nonzero matrix", value)


def finite_array(name: str, value: Any, ndim: int | None = None, shape: tuple[int | None, ...] | None = None
                 ) -> np.ndarray:
    """A real NumPy array (or what ``np.asarray`` makes one of) with finite entries, of ``ndim``
    dimensions and ``shape`` (``None`` entries not checked).

    >>> finite_array("q", [1.0, np.inf])
    Traceback (most recent call last):
    ...
    ValueError: q must be an array with finite real entries, got an array of shape (2,)
    """
    arr = value if isinstance(value, np.ndarray) else np.asarray(value)
    if arr.dtype.kind not in "biuf":
        raise _fail(name, "an array of real numbers", arr)
    if not np.all(np.isfinite(arr)):
        raise _fail(name, "an array with finite real entries", arr)
    if ndim is not None and arr.ndim != ndim:
        raise _fail(name, f"a {ndim}-D array", arr)
    if shape is not None and (arr.ndim != len(shape) or any(
            s is not None and s != h for s, h in zip(shape, arr.shape, strict=True))):
        want = " x ".join("?" if s is None else str(s) for s in shape)
        raise _fail(name, f"an array of shape {want}", arr)
    return arr


def sequence(name: str, values: Any, *, min_len: int = 0) -> list[Any]:
    """A finite sequence (list, tuple, NumPy 1-D array) of at least ``min_len`` items, as a list.

    >>> sequence("sigmas", (1, 2))
    [1, 2]
    >>> sequence("widths", [], min_len=1)
    Traceback (most recent call last):
    ...
    ValueError: widths must be a sequence of at least 1 item(s), got []
    """
    if isinstance(values, (str, bytes, sp.Basic)) or not isinstance(values, (Sequence, np.ndarray)):
        raise _fail(name, "a sequence", values)
    out = list(values)
    if len(out) < min_len:
        raise _fail(name, f"a sequence of at least {min_len} item(s)", out)
    return out


def matrix_sequence(name: str, values: Any, *, min_len: int = 1) -> list[Any]:
    """A sequence of matrices (:func:`finite_matrix`), consecutive ones multipliable.

    >>> matrix_sequence("Ws", [sp.eye(2), sp.ones(3, 1)])  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    sympy.matrices.exceptions.ShapeError: Ws must be matrices with matching inner dimensions, got Ws[0] ...
    """
    Ms = sequence(name, values, min_len=min_len)
    for i, M in enumerate(Ms):
        finite_matrix(f"{name}[{i}]", M)
    for i in range(len(Ms) - 1):
        if _dims_differ(Ms[i].shape[1], Ms[i + 1].shape[0]):
            raise ShapeError(f"{name} must be matrices with matching inner dimensions, got "
                             f"{name}[{i}] {Ms[i].shape[0]} x {Ms[i].shape[1]}, "
                             f"{name}[{i + 1}] {Ms[i + 1].shape[0]} x {Ms[i + 1].shape[1]}")
    return Ms


# ---------------------------------------------------------------------------------------------
# the kinds of argument of the certified kernels (symdln.certify)


class KindError(ValueError, TypeError):
    """An argument of the wrong kind for a certified kernel: a :class:`ValueError` naming the
    parameter, and a :class:`TypeError`, which is what the kernels raise for an argument they
    cannot handle (an expression Arb cannot enclose, a predicate z3 cannot express), so that a
    caller that takes such an argument as "not decided here" by catching ``TypeError`` still does.

    >>> isinstance(KindError("x"), TypeError), isinstance(KindError("x"), ValueError)
    (True, True)
    """


def require(name: str, ok: bool, domain: str, value: Any, *, kind: bool = False) -> None:
    """Raise ``ValueError`` (:class:`KindError` with ``kind``) "``name`` must be ``domain``, got
    ``value``" unless ``ok``.

    >>> require("claim", False, "a z3 Boolean formula", 3)
    Traceback (most recent call last):
    ...
    ValueError: claim must be a z3 Boolean formula, got 3
    """
    if not ok:
        err = _fail(name, domain, value)
        raise KindError(str(err)) if kind else err


def text(name: str, value: Any) -> str:
    """A string (the text of a file, a term).

    >>> text("text", b"Qed.")
    Traceback (most recent call last):
    ...
    ValueError: text must be a string, got b'Qed.'
    """
    require(name, isinstance(value, str), "a string", value)
    return value  # type: ignore[no-any-return]


def function(name: str, value: Any) -> Any:
    """A callable (a vector field, the update of a recursion).

    >>> function("update", None)
    Traceback (most recent call last):
    ...
    ValueError: update must be a callable, got None
    """
    require(name, callable(value), "a callable", value)
    return value


def expr_kind(name: str, value: Any, *, strings: bool = False, kind: bool = False) -> sp.Expr:
    """A scalar SymPy expression (numbers sympified, strings parsed with ``strings``).  Only the
    kind is checked: NaN, infinities and free symbols are left to the function, which documents
    what it does with them.  With ``kind`` the error is a :class:`KindError`.

    >>> expr_kind("expr", 3)
    3
    >>> expr_kind("expr", sp.Eq(sp.Symbol("x"), 1))
    Traceback (most recent call last):
    ...
    ValueError: expr must be a scalar SymPy expression, got Eq(x, 1)
    """
    try:
        e = sp.sympify(value, strict=not strings)
    except (sp.SympifyError, TypeError):
        e = None
    require(name, isinstance(e, sp.Expr) and not isinstance(e, sp.MatrixExpr), "a scalar SymPy expression",
            value, kind=kind)
    return e  # type: ignore[return-value]


def statement(name: str, value: Any) -> sp.Basic:
    """A SymPy statement: a relation, a Boolean combination of statements, ``true`` or ``false``
    (Python bools sympified).

    >>> statement("a", True)
    True
    >>> statement("a", sp.Symbol("x") + 1)
    Traceback (most recent call last):
    ...
    ValueError: a must be a SymPy statement (a relation or a Boolean formula), got x + 1
    """
    from sympy.logic.boolalg import Boolean

    try:
        e = sp.sympify(value, strict=True)
    except (sp.SympifyError, TypeError):
        e = None
    require(name, isinstance(e, Boolean), "a SymPy statement (a relation or a Boolean formula)", value)
    return e  # type: ignore[return-value]


def symbols(name: str, values: Any, *, min_len: int = 0) -> list[sp.Symbol]:
    """A sequence of distinct SymPy Symbols, as a list.

    >>> x = sp.Symbol("x")
    >>> symbols("syms", (x, x))
    Traceback (most recent call last):
    ...
    ValueError: syms must be distinct SymPy Symbols, got [x, x]
    """
    out = sequence(name, values, min_len=min_len)
    for i, s in enumerate(out):
        symbol(f"{name}[{i}]", s)
    require(name, len(set(out)) == len(out), "distinct SymPy Symbols", out)
    return out


def rational_or_ball(name: str, value: Any, *, ball: bool = True) -> Any:
    """An exact rational given as a number or as its text, returned as a :class:`~fractions.Fraction`
    read as ``Fraction(str(value))`` (as the certified kernels of :mod:`symdln.certify.rescaled` read
    it: a float by its shortest decimal form, ``0.1`` as 1/10); with ``ball``, a finite
    python-flint ``arb`` ball, returned as it is.

    >>> rational_or_ball("s", "1/4"), rational_or_ball("s", 0.1)
    (Fraction(1, 4), Fraction(1, 10))
    >>> rational_or_ball("tau", "nan")
    Traceback (most recent call last):
    ...
    ValueError: tau must be an exact rational (a number, or text such as '1/4') or a finite ball, got 'nan'
    """
    kind = _flint_kind(value)
    domain = "an exact rational (a number, or text such as '1/4')" + (" or a finite ball" if ball else "")
    if kind == "arb":
        if not ball or not value.is_finite():
            raise _fail(name, domain, value)
        return value
    if isinstance(value, Fraction):
        return value
    not_real = isinstance(value, (bool, complex, np.complexfloating, bytes))
    if not not_real and (kind is None or kind in ("fmpq", "fmpz")):
        try:
            return Fraction(str(value))
        except (ValueError, ZeroDivisionError):
            pass
    raise _fail(name, domain, value)


def interval(name: str, value: Any) -> tuple[Any, Any]:
    """A pair ``(lo, hi)`` of finite real numbers or balls with ``lo <= hi`` (rejected when
    ``lo > hi`` is certain: balls that overlap pass).

    >>> interval("iv", (0, 1))
    (0, 1)
    >>> interval("iv", (1, 0))
    Traceback (most recent call last):
    ...
    ValueError: iv must be an interval (lo, hi) with lo <= hi, got (1, 0)
    """
    domain = "an interval (lo, hi) with lo <= hi"
    if not isinstance(value, (tuple, list)) or len(value) != 2:
        raise _fail(name, domain, value)
    lo, hi = value
    for x in (lo, hi):
        _real_value(name, x, False, domain)
    if _sign_fails(hi - lo, False):
        raise _fail(name, domain, value)
    return lo, hi


def integer_matrix(name: str, value: Any, *, square: bool = False) -> np.ndarray:
    """A matrix of integers (Python or NumPy integers, or integral finite floats), as ``np.asarray``
    gives it; ``square`` checks the shape.

    >>> integer_matrix("C", [[1, 2.5]])
    Traceback (most recent call last):
    ...
    ValueError: C must be a matrix of integers, got an array of shape (1, 2)
    """
    try:
        arr = value if isinstance(value, np.ndarray) else np.asarray(value)
    except (ValueError, TypeError):
        raise _fail(name, "a matrix of integers", value) from None
    if arr.ndim != 2:
        raise _fail(name, "a matrix (a 2-D array) of integers", arr)
    if arr.dtype.kind in "iu":
        ok = True
    elif arr.dtype.kind == "f":
        ok = bool(np.all(np.isfinite(arr)) and np.all(arr == np.round(arr)))
    elif arr.dtype.kind == "O":
        ok = all(isinstance(x, (int, np.integer)) and not isinstance(x, bool) for x in arr.ravel())
    else:
        ok = False
    if not ok:
        raise _fail(name, "a matrix of integers", arr)
    if square and arr.shape[0] != arr.shape[1]:
        raise ShapeError(f"{name} must be a square matrix, got {_show(arr)}")
    return arr
