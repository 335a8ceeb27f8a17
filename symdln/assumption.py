r"""Assumption 1 of paper 1: the joint decomposition (13), its defect B and the measures (27).

Assump. 1: there are orthogonal U, V with
:math:`\Sigma_x = U(D_x + B)U^\top` and :math:`\Sigma_{xy} = U D_{xy} V^\top`,
D_x and D_xy diagonal, :math:`\|B\| \le \epsilon`.  Given U, the split of
:math:`U^\top\Sigma_x U` into its diagonal D_x and off-diagonal part B is
what Sec. 4.1 computes, and (27) normalises:

.. math::
    \Delta_{xy} := \frac{\|B\|}{\|\Sigma_x\|}, \qquad
    \Delta_x := \tfrac12 \|\hat\Sigma_x - \hat I_d\|,
    \quad \hat X := X/\|X\|,\ \hat I_d := I_d/\|I_d\| \quad\text{(Frobenius norms)}.

Both are given as printed (``*_printed``) and in a well-defined form:

* B depends on the choice of U (repeated singular values of Sigma_xy, and
  the completion of U on the null space of Sigma_xy^T when d > rank).  The
  smallest ``||B||`` over every admissible U is
  :math:`\|\Sigma_x - \sum_k P_k \Sigma_x P_k\|_F`, with P_k the spectral
  projectors of :math:`\Sigma_{xy}\Sigma_{xy}^\top` (null space included):
  :func:`defect_min`, :func:`delta_xy_min`.
* Delta_x as printed does not vanish at Sigma_x = I_d; normalising the
  matrix itself, :math:`\hat\Sigma_x := \Sigma_x/\|\Sigma_x\|`, does:
  :func:`delta_x_corrected`.

>>> import sympy as sp
>>> split_diagonal(sp.Matrix([[2, 1], [1, 3]]))
(Matrix([
[2, 0],
[0, 3]]), Matrix([
[0, 1],
[1, 0]]))
>>> delta_x_corrected(sp.eye(3))
0
>>> delta_xy_min(sp.Matrix([[2, 1], [1, 2]]), sp.eye(2))  # Sigma_xy = I commutes with anything
0
"""

from __future__ import annotations

from typing import Any

import numpy as np
import sympy as sp

__all__ = [
    "defect_B",
    "defect_min",
    "delta_x_corrected",
    "delta_x_printed",
    "delta_x_sup",
    "delta_x_unscaled",
    "delta_xy_min",
    "delta_xy_printed",
    "delta_xy_sup",
    "deltas_from_moments",
    "deltas_numeric",
    "frobenius",
    "spectral_projectors",
    "split_diagonal",
]


def split_diagonal(M: sp.Matrix) -> tuple[sp.Matrix, sp.Matrix]:
    """(diagonal part, off-diagonal part) of a square matrix."""
    D = sp.diag(*[M[i, i] for i in range(M.rows)])
    return D, M - D


def defect_B(Sx: sp.Matrix, U: sp.Matrix) -> sp.Matrix:
    r"""B of (13) for a given orthogonal U: the off-diagonal part of U^T \Sigma_x U."""
    return split_diagonal(U.T * Sx * U)[1]


def frobenius(M: sp.Matrix) -> sp.Expr:
    """Frobenius norm of an exact matrix (a square root of an exact sum of squares)."""
    return sp.sqrt(sum(e**2 for e in M))


def delta_xy_printed(Sx: sp.Matrix, U: sp.Matrix) -> sp.Expr:
    r"""\Delta_{xy} = \|B\|_F/\|\Sigma_x\|_F of (27) as printed, for one admissible U.

    >>> import sympy as sp
    >>> delta_xy_printed(sp.Matrix([[2, 1], [1, 2]]), sp.eye(2))
    sqrt(5)/5
    """
    return sp.nsimplify(frobenius(defect_B(Sx, U)) / frobenius(Sx))


def spectral_projectors(Sxy: sp.Matrix) -> list[sp.Matrix]:
    r"""Orthogonal projectors onto the eigenspaces of \Sigma_{xy}\Sigma_{xy}^\top (exact).

    One projector per distinct eigenvalue, the null space (the part of U
    that must be completed when d > rank Sigma_xy) included; they sum to I_d.

    >>> import sympy as sp
    >>> [P.rank() for P in spectral_projectors(sp.Matrix([[1], [0], [0]]))]
    [2, 1]
    """
    G = Sxy * Sxy.T
    out = []
    for _val, _mult, vecs in G.eigenvects():
        V = sp.Matrix.hstack(*vecs)
        out.append(sp.simplify(V * (V.T * V).inv() * V.T))
    return out


def defect_min(Sx: sp.Matrix, Sxy: sp.Matrix) -> sp.Expr:
    r"""\min_U \|B(U)\|_F over every U admissible in (13): \|\Sigma_x - \sum_k P_k\Sigma_x P_k\|_F.

    An admissible U has its columns in the eigenspaces of
    :math:`\Sigma_{xy}\Sigma_{xy}^\top`; within each eigenspace any orthonormal
    basis may be chosen, and the choice that diagonalises the block
    :math:`P_k\Sigma_xP_k` leaves exactly the off-block part (proofs/data_delta.py).

    >>> import sympy as sp
    >>> defect_min(sp.Matrix([[2, 1], [1, 2]]), sp.Matrix([[2, 0], [0, 1]]))
    sqrt(2)
    """
    Ps = spectral_projectors(Sxy)
    R = Sx - sum((P * Sx * P for P in Ps), sp.zeros(*Sx.shape))
    return sp.nsimplify(sp.simplify(frobenius(R.applyfunc(sp.simplify))))


def delta_xy_min(Sx: sp.Matrix, Sxy: sp.Matrix) -> sp.Expr:
    r"""Well-defined \Delta_{xy}: :func:`defect_min` / \|\Sigma_x\|_F (independent of any choice)."""
    return sp.simplify(defect_min(Sx, Sxy) / frobenius(Sx))


def delta_x_printed(X: sp.Matrix) -> sp.Expr:
    r"""\Delta_x of (27) read literally: \tfrac12\|\hat\Sigma_x - \hat I_d\|_F with
    \hat\Sigma_x := \frac1n \hat X^\top\hat X, \hat X = X/\|X\|_F, \hat I_d = I_d/\sqrt d.

    >>> import sympy as sp
    >>> delta_x_printed(sp.Matrix([[1], [1]]))  # Sigma_x = I_1, yet not 0
    1/4
    """
    n, d = X.shape
    Xh = X / frobenius(X)
    return sp.nsimplify(frobenius(Xh.T * Xh / n - sp.eye(d) / sp.sqrt(d)) / 2)


def delta_x_unscaled(X: sp.Matrix) -> sp.Expr:
    r"""\Delta_x of (27) with \hat\Sigma_x := \hat X^\top\hat X (the 1/n dropped): trace 1, not norm 1.

    >>> import sympy as sp
    >>> delta_x_unscaled(sp.Matrix([[1, 1], [1, -1]]))  # Sigma_x = I_2
    1/2 - sqrt(2)/4
    """
    d = X.shape[1]
    Xh = X / frobenius(X)
    return sp.nsimplify(sp.radsimp(frobenius(Xh.T * Xh - sp.eye(d) / sp.sqrt(d)) / 2))


def delta_x_corrected(Sx: sp.Matrix) -> sp.Expr:
    r"""Well-posed \Delta_x: \tfrac12\|\Sigma_x/\|\Sigma_x\|_F - I_d/\sqrt d\|_F, zero iff Sigma_x is
    a positive multiple of I_d."""
    d = Sx.shape[0]
    return sp.nsimplify(sp.radsimp(frobenius(Sx / frobenius(Sx) - sp.eye(d) / sp.sqrt(d)) / 2))


def delta_xy_sup(d: int | sp.Expr) -> sp.Expr:
    r"""Largest value of \Delta_{xy} over PSD Sigma_x and any U: \sqrt{1 - 1/d} (rank-one, flat)."""
    return sp.sqrt(1 - sp.Integer(1) / d)


def delta_x_sup(d: int | sp.Expr) -> sp.Expr:
    r"""Largest value of the corrected \Delta_x over PSD Sigma_x != 0: \tfrac12\sqrt{2 - 2/\sqrt d},
    attained exactly by every rank-one Sigma_x.

    >>> delta_x_sup(784)
    3*sqrt(42)/28
    """
    return sp.sqrt(2 - 2 / sp.sqrt(sp.Integer(d))) / 2


def deltas_numeric(X: np.ndarray, Y: np.ndarray, rank_tol: float = 1e-10) -> dict[str, Any]:
    r"""The quantities of (27) for a data set, in float64 (numerical, not certified).

    Returns ``delta_xy_printed`` (B from LAPACK's full SVD of Sigma_xy, its
    arbitrary completion of U included), ``delta_xy_min`` (the well-defined
    minimum, singular values taken as distinct), ``delta_x_printed`` (literal
    reading, ``1/n`` kept), ``delta_x_unscaled`` (``1/n`` dropped),
    ``delta_x_corrected`` and the rank ``r_xy``.  ``rank_tol`` is relative to
    sigma_1.  Everything depends on X, Y only through X^T X, X^T Y and n
    (:func:`deltas_from_moments`).

    >>> import numpy as np
    >>> X = np.array([[1.0, 0.0], [0.0, 1.0]]); out = deltas_numeric(X, X)
    >>> round(out["delta_xy_min"], 12), round(out["delta_x_corrected"], 12)
    (0.0, 0.0)
    """
    X = np.asarray(X, dtype=np.float64)
    Y = np.asarray(Y, dtype=np.float64)
    return deltas_from_moments(X.T @ X, X.T @ Y, X.shape[0], rank_tol)


def deltas_from_moments(G: np.ndarray, C: np.ndarray, n: int, rank_tol: float = 1e-10) -> dict[str, Any]:
    r"""The (27) quantities from G = X^T X, C = X^T Y and n (so data can be streamed in batches).

    ||X||_F^2 = tr G, Sigma_x = G/n, Sigma_xy = C/n.

    >>> import numpy as np
    >>> out = deltas_from_moments(np.array([[2.0]]), np.array([[2.0]]), 2)  # X = Y = [1, 1]^T
    >>> out["delta_xy_min"], out["delta_x_corrected"], out["delta_x_printed"]
    (0.0, 0.0, 0.25)
    """
    d = G.shape[0]
    Sx = np.asarray(G, dtype=np.float64) / n
    Sxy = np.asarray(C, dtype=np.float64) / n
    U, s, _ = np.linalg.svd(Sxy, full_matrices=True)
    r = int(np.sum(s > rank_tol * s[0])) if s.size and s[0] > 0 else 0
    M = U.T @ Sx @ U
    nSx = float(np.linalg.norm(Sx))
    B = M - np.diag(np.diag(M))
    offblock = B.copy()
    offblock[r:, r:] = 0.0  # the null block is free: an eigenbasis of it makes it diagonal
    eye_hat = np.eye(d) / np.sqrt(d)
    Sx_hat = np.asarray(G, dtype=np.float64) / float(np.trace(G))  # X^T X / ||X||_F^2
    return {
        "n": int(n),
        "d": d,
        "p": int(Sxy.shape[1]),
        "r_xy": r,
        "sigma": s[:r].tolist(),
        "delta_xy_printed": float(np.linalg.norm(B)) / nSx,
        "delta_xy_min": float(np.linalg.norm(offblock)) / nSx,
        "delta_x_printed": 0.5 * float(np.linalg.norm(Sx_hat / n - eye_hat)),
        "delta_x_unscaled": 0.5 * float(np.linalg.norm(Sx_hat - eye_hat)),
        "delta_x_corrected": 0.5 * float(np.linalg.norm(Sx / nSx - eye_hat)),
    }
