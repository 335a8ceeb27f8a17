"""Shared machinery for exact polynomial and matrix identities.

An identity ``lhs == rhs`` between polynomial expressions in symbolic matrix
entries is decided exactly: the expanded residual is the zero polynomial
(HOLDS), or it is not, and then an integer point where it is nonzero is a
certified counterexample (FAILS).  Nothing here rounds: a value at a point
counts as nonzero only if it is an exact nonzero rational or an Arb enclosure
excludes zero (:func:`certified_nonzero`).
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Callable, Iterable, Sequence
from typing import Any

import sympy as sp

from symdln.certify.balls import certified_sign
from symdln.verdict import CheckResult, Evidence, Verdict

__all__ = [
    "UndecidedResidual",
    "cancel_together",
    "certified_nonreal",
    "certified_nonzero",
    "enclosable",
    "entry_symbols",
    "exact_fails",
    "first_failing",
    "nonzero_point",
    "symbolic_matrix",
    "zero_polynomial_matrix",
]

def _rational_polynomial(e: sp.Basic) -> bool:
    """True iff ``e`` is built from symbols and rationals by sums, products and integer powers."""
    for node in sp.preorder_traversal(e):
        if node.is_Pow:
            if not node.exp.is_Integer:
                return False
        elif not (node.is_Add or node.is_Mul or node.is_Symbol or node.is_Rational):
            return False
    return True


def cancel_together(e: sp.Expr) -> sp.Expr:
    """``sp.cancel(sp.together(e))``, returned at once as 0 when ``e`` is a rational function
    over the rationals whose numerator (over the common denominator, a nonzero polynomial)
    expands to the zero polynomial: cancel is complete on such functions, so it would return
    0 too, after far more work.

    >>> a, b = sp.symbols("a b", positive=True)
    >>> cancel_together(1 / (a + b) - a / (a * (a + b))), cancel_together(1 / a + 1 / b)
    (0, (a + b)/(a*b))
    """
    e = sp.sympify(e)
    n, d = e.as_numer_denom()
    if _rational_polynomial(n) and _rational_polynomial(d) and sp.expand(d) != 0 and sp.expand(n) == 0:
        return sp.Integer(0)
    return sp.cancel(sp.together(e))


def exact_fails(method: str, counterexample: dict[str, Any], notes: str | None = None) -> CheckResult:
    """A ``FAILS`` verdict decided in exact arithmetic, with its counterexample."""
    return CheckResult(
        Verdict.FAILS,
        Evidence(method=method, precision="exact", counterexample=counterexample, notes=notes),
    )


#: the functions :func:`symdln.certify.balls.to_arb` encloses
_ENCLOSABLE_FUNCTIONS = (sp.exp, sp.log, sp.Abs)


def enclosable(expr: sp.Basic) -> bool:
    """True iff ``expr`` is a closed expression that Arb balls can enclose.

    The supported forms are those of :func:`symdln.certify.balls.to_arb`:
    rationals, pi, E, sums, products, powers, exp, log and Abs.

    >>> enclosable(sp.exp(sp.Rational(1, 3)) - 1), enclosable(sp.sin(1)), enclosable(sp.Float(1))
    (True, False, False)
    """
    if expr.is_Rational or expr is sp.pi or expr is sp.E:
        return True
    if expr.is_Add or expr.is_Mul or expr.is_Pow or isinstance(expr, _ENCLOSABLE_FUNCTIONS):
        return all(enclosable(a) for a in expr.args)
    return False


def certified_nonzero(value: sp.Basic) -> bool:
    """True iff ``value`` is certainly nonzero: an exact nonzero rational, or a closed
    expression whose Arb enclosure excludes zero.  Undefined values (zoo, nan), free
    symbols and expressions Arb cannot enclose are never certified.

    >>> certified_nonzero(sp.Rational(1, 3)), certified_nonzero(sp.zoo)
    (True, False)
    >>> certified_nonzero(sp.sin(1)**2 + sp.cos(1)**2 - 1)
    False
    """
    v = sp.sympify(value)
    if v.is_Rational:
        return v != 0
    return enclosable(v) and certified_sign(v) is not None


def certified_nonreal(value: sp.Basic) -> bool:
    """True iff the closed expression ``value`` is certainly not real: its imaginary part (SymPy's
    ``as_real_imag``) is certified nonzero.  A formula that is not real where the truth is real
    differs from it.

    >>> certified_nonreal((-2) ** sp.Rational(1, 3)), certified_nonreal(sp.sqrt(2))
    (True, False)
    """
    v = sp.sympify(value)
    if v.is_Rational or v.free_symbols:
        return False
    im = sp.expand(v).as_real_imag()[1]
    if im.free_symbols or im.has(sp.zoo, sp.nan):
        return False
    if im.is_Rational:
        return im != 0
    try:  # the imaginary part of a root of -1 has sines and cosines: enclosed directly
        return certified_sign(im) is not None
    except TypeError:
        return False


def symbolic_matrix(name: str, rows: int, cols: int) -> sp.Matrix:
    """A matrix of independent real symbols ``name_i_j`` (1-based)."""
    return sp.Matrix(rows, cols, lambda i, j: sp.Symbol(f"{name}_{i + 1}{j + 1}", real=True))


def entry_symbols(*mats: sp.Matrix) -> list[sp.Symbol]:
    """The free symbols of some matrices, in a stable order."""
    syms: set[sp.Symbol] = set()
    for M in mats:
        syms |= M.free_symbols
    return sorted(syms, key=lambda s: s.name)


def zero_polynomial_matrix(R: sp.Matrix) -> bool:
    """True iff every entry of R expands to the zero polynomial (exact)."""
    return all(sp.expand(e) == 0 for e in R)


def nonzero_point(
    R: sp.Matrix,
    syms: Sequence[sp.Symbol],
    values: Iterable[int] = (0, 1, -1, 2),
    tries: int = 200,
    seed: int = 1234,
) -> tuple[dict[str, int], Any] | None:
    """An integer point where the matrix R has a certified nonzero entry.

    Points are drawn from ``values`` with a fixed seed (repeatable); the first
    point tried is all ones.  Points where an entry is undefined (a rational
    residual with a vanishing denominator) are skipped.  Returns
    ``(point, (i, j, value))`` or ``None``.
    """
    vals = list(values)
    rng = random.Random(seed)
    candidates: Iterable[tuple[int, ...]] = itertools.chain(
        [tuple(1 for _ in syms)],
        (tuple(rng.choice(vals) for _ in syms) for _ in range(tries)),
    )
    for point in candidates:
        sub = {sym: sp.Integer(p) for sym, p in zip(syms, point, strict=True)}
        Rv = R.xreplace(sub)  # symbols to integers: xreplace is subs without its pattern matching
        for i in range(Rv.rows):
            for j in range(Rv.cols):
                v = Rv[i, j]
                if certified_nonzero(v):
                    return {s.name: int(p) for s, p in sub.items()}, (i + 1, j + 1, v)
    return None


class UndecidedResidual(ArithmeticError):
    """A residual that does not expand to zero, with no point certifying it nonzero.

    Undecided, not failing: :func:`symdln.checks._cases.judge_formula` reports it as
    ``INCONCLUSIVE``; a check that does not expect it lets it surface as an error.
    """

    def __init__(self, case: Any) -> None:
        super().__init__(f"residual not the zero polynomial, but no certified nonzero point at {case}")
        self.case = case


def first_failing(
    cases: Iterable[Any], residual: Callable[[Any], tuple[sp.Matrix, list[sp.Symbol]]]
) -> tuple[Any, dict[str, int], Any] | None:
    """The first case (cases in increasing size) whose residual is not the zero polynomial,
    with a certified integer point where it is nonzero.

    Returns ``None`` if every residual expands to zero and ``(case, point, (i, j, value))``
    for a certified witness; raises :class:`UndecidedResidual` when the residual did not
    expand to zero but no point certified it nonzero (a non-polynomial residual that may
    vanish identically: undecided, not failing).

    ``residual`` may raise :class:`symdln.checks._cases.IllFormedFormula` (the
    formula under test raised at a case); that propagates to the check.
    """
    for case in cases:
        R, syms = residual(case)
        if not zero_polynomial_matrix(R):
            found = nonzero_point(R, syms)
            if found is None:
                raise UndecidedResidual(case)
            return case, found[0], found[1]
    return None
