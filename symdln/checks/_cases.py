"""Exact data cases for the linear-model checks.

A case is data (X, Y) and an initialisation W_0 with exact rational entries,
built so that Sigma_x = X^T X / n has a *rational* orthonormal eigenbasis
(X = [diag(a); 0] Q with Q a Cayley orthogonal matrix).  Then matrix
exponentials and powers of Sigma_x stay in exact arithmetic, and
rank-deficient X (zeros in ``a``) and repeated eigenvalues are easy to
include.  Y is arbitrary, so Sigma_xy is as general as data makes it.

>>> c = data_case((1, 0), ((1,),), [[1], [2], [0]], [[1], [1]])
>>> c.Sx.rank(), c.d, c.p, c.n
(1, 2, 1, 3)
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from fractions import Fraction

import sympy as sp

from symdln.certify.exact import cayley_orthogonal, exact_pinv

__all__ = ["DataCase", "data_case", "standard_cases"]

Number = int | Fraction | str


@dataclass(frozen=True)
class DataCase:
    """Exact data (X, Y), initialisation W0, and the derived covariances."""

    name: str
    X: sp.Matrix
    Y: sp.Matrix
    W0: sp.Matrix
    Q: sp.Matrix  # rows: orthonormal eigenvectors of Sigma_x
    a: tuple[sp.Rational, ...]  # Sigma_x = Q^T diag(a^2 / n) Q
    Sx: sp.Matrix = field(init=False)
    Sxy: sp.Matrix = field(init=False)
    pinv: sp.Matrix = field(init=False)

    def __post_init__(self) -> None:
        n = self.X.rows
        object.__setattr__(self, "Sx", self.X.T * self.X / n)
        object.__setattr__(self, "Sxy", self.X.T * self.Y / n)
        object.__setattr__(self, "pinv", exact_pinv(self.Sx))

    @property
    def n(self) -> int:
        return self.X.rows

    @property
    def d(self) -> int:
        return self.X.cols

    @property
    def p(self) -> int:
        return self.Y.cols

    @property
    def eigenvalues(self) -> tuple[sp.Rational, ...]:
        """Eigenvalues of Sigma_x, in the order of the rows of Q."""
        return tuple(ai**2 / self.n for ai in self.a)

    def describe(self) -> dict[str, object]:
        """Exact parameters, for evidence."""
        return {
            "case": self.name,
            "X": str(self.X.tolist()),
            "Y": str(self.Y.tolist()),
            "W0": str(self.W0.tolist()),
        }


def data_case(
    a: Sequence[Number],
    skew_upper: Sequence[Sequence[Number]],
    Y: Sequence[Sequence[Number]],
    W0: Sequence[Sequence[Number]],
    name: str = "case",
    extra_rows: int = 1,
) -> DataCase:
    """Build a :class:`DataCase`.

    ``a`` gives the singular values of X (zeros make X rank-deficient);
    ``skew_upper`` the strict upper triangle of the skew matrix K of the
    Cayley transform, row by row; ``Y`` has ``len(a) + extra_rows`` rows.
    """
    d = len(a)
    K = sp.zeros(d, d)
    for i, row in enumerate(skew_upper):
        for k, v in enumerate(row):
            j = i + 1 + k
            K[i, j] = sp.Rational(str(v))
            K[j, i] = -K[i, j]
    Q = cayley_orthogonal(K)
    ar = tuple(sp.Rational(str(x)) for x in a)
    X = sp.Matrix.vstack(sp.diag(*ar) * Q, sp.zeros(extra_rows, d))
    Ym = sp.Matrix([[sp.Rational(str(v)) for v in row] for row in Y])
    W0m = sp.Matrix([[sp.Rational(str(v)) for v in row] for row in W0])
    if Ym.rows != X.rows:
        raise ValueError(f"Y needs {X.rows} rows, got {Ym.rows}")
    if W0m.shape != (d, Ym.cols):
        raise ValueError(f"W0 must be {d} x {Ym.cols}")
    return DataCase(name, X, Ym, W0m, Q, ar)


def standard_cases() -> tuple[DataCase, ...]:
    """The fixed cases every linear-model check runs, smallest first.

    They cover: full rank, rank-deficient X (singular Sigma_x), a repeated
    eigenvalue, d < p and d > p.
    """
    return (
        data_case((1, 2), ((sp.Rational(1, 2),),), [[1, 0], [0, 1], [1, 1]],
                  [[1, 0], [0, -1]], name="full rank, d = p = 2"),
        data_case((2, 0), ((1,),), [[1, 2], [0, 1], [2, -1]], [[1, 1], [-1, 2]],
                  name="rank-deficient X, d = p = 2"),
        data_case((1, 1, 0), ((sp.Rational(1, 2), 0), (1,)),
                  [[1, 0], [2, 1], [0, 1], [1, 1]], [[1, 0], [0, 1], [1, -1]],
                  name="repeated eigenvalue and null space, d = 3 > p = 2"),
        data_case((2, 1), ((sp.Rational(1, 3),),), [[1, 0, 2], [0, 1, 1], [1, 1, 0]],
                  [[0, 1, 0], [1, 0, 2]], name="d = 2 < p = 3"),
    )
