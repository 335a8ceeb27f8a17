r"""Assumption 1 of paper 1: the joint decomposition (13) and its defect B.

Assump. 1: there are orthogonal U, V with
:math:`\Sigma_x = U(D_x + B)U^\top` and :math:`\Sigma_{xy} = U D_{xy} V^\top`,
D_x and D_xy diagonal, :math:`\|B\| \le \epsilon`.  Given U, the split of
:math:`U^\top\Sigma_x U` into its diagonal D_x and off-diagonal part B is
what Sec. 4.1 computes.

>>> import sympy as sp
>>> split_diagonal(sp.Matrix([[2, 1], [1, 3]]))
(Matrix([
[2, 0],
[0, 3]]), Matrix([
[0, 1],
[1, 0]]))
"""

from __future__ import annotations

import sympy as sp

__all__ = ["defect_B", "split_diagonal"]


def split_diagonal(M: sp.Matrix) -> tuple[sp.Matrix, sp.Matrix]:
    """(diagonal part, off-diagonal part) of a square matrix."""
    D = sp.diag(*[M[i, i] for i in range(M.rows)])
    return D, M - D


def defect_B(Sx: sp.Matrix, U: sp.Matrix) -> sp.Matrix:
    r"""B of (13) for a given orthogonal U: the off-diagonal part of U^T \Sigma_x U."""
    return split_diagonal(U.T * Sx * U)[1]
