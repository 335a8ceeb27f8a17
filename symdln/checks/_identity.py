"""Shared machinery for exact polynomial and matrix identities.

An identity ``lhs == rhs`` between polynomial expressions in symbolic matrix
entries is decided exactly: the expanded residual is the zero polynomial
(HOLDS), or it is not, and then an integer point where it is nonzero is a
certified counterexample (FAILS).  Nothing here rounds.
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Callable, Iterable, Sequence
from typing import Any

import sympy as sp

__all__ = ["entry_symbols", "nonzero_point", "symbolic_matrix", "zero_polynomial_matrix"]


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
    """An integer point where the polynomial matrix R has a nonzero entry.

    Points are drawn from ``values`` with a fixed seed (repeatable); the first
    point tried is all ones.  Returns ``(point, (i, j, value))`` or ``None``.
    """
    vals = list(values)
    rng = random.Random(seed)
    candidates: Iterable[tuple[int, ...]] = itertools.chain(
        [tuple(1 for _ in syms)],
        (tuple(rng.choice(vals) for _ in syms) for _ in range(tries)),
    )
    for point in candidates:
        sub = dict(zip(syms, point, strict=True))
        Rv = R.subs(sub)
        for i in range(Rv.rows):
            for j in range(Rv.cols):
                v = sp.nsimplify(Rv[i, j])
                if v != 0:
                    return {s.name: p for s, p in sub.items()}, (i + 1, j + 1, v)
    return None


def first_failing(
    cases: Iterable[Any], residual: Callable[[Any], tuple[sp.Matrix, list[sp.Symbol]]]
) -> tuple[Any, dict[str, int], Any] | None:
    """The first case (cases in increasing size) whose residual is a nonzero polynomial,
    with a certified integer point where it is nonzero."""
    for case in cases:
        R, syms = residual(case)
        if not zero_polynomial_matrix(R):
            found = nonzero_point(R, syms)
            if found is None:  # pragma: no cover - a nonzero polynomial vanishing on 200 points
                raise ArithmeticError(f"nonzero residual with no integer witness at {case}")
            return case, found[0], found[1]
    return None
