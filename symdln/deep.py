r"""Deep linear networks, L >= 2 layers: the layer gradients (11) and flow (12) of paper 1.

>>> import sympy as sp
>>> W1, W2 = sp.Matrix([[1, 0]]), sp.Matrix([[2], [3]])
>>> product([W1, W2])
Matrix([[2]])
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import reduce

import sympy as sp

from symdln import validate as v

__all__ = [
    "LayerGradientFormula",
    "deep_objective",
    "factorize",
    "layer_gradient_11",
    "pad_factors",
    "padded_identity",
    "product",
]

#: signature of a candidate layer-gradient formula: (layers, l, Sigma_x, Sigma_xy) -> matrix
LayerGradientFormula = Callable[
    [Sequence[sp.MatrixBase], int, sp.MatrixBase, sp.MatrixBase], sp.MatrixBase
]


def product(Ws: Sequence[sp.MatrixBase]) -> sp.MatrixBase:
    """W = W_1 W_2 ... W_L (the end-to-end matrix of paper 1, eq. (2)); L >= 1 layers whose
    consecutive shapes match.

    >>> product([sp.Matrix([[1, 2]]), sp.Matrix([[3], [4]])])
    Matrix([[11]])
    """
    Ws = v.matrix_sequence("Ws", Ws)
    return reduce(lambda a, b: a * b, Ws)


def _segment(Ws: Sequence[sp.MatrixBase], i: int, j: int, eye: int) -> sp.MatrixBase:
    """W_{i:j} = W_i ... W_j (1-based), the identity of size ``eye`` when empty."""
    if i > j:
        return sp.Identity(eye) if isinstance(Ws[0], sp.MatrixExpr) else sp.eye(eye)
    return product(Ws[i - 1 : j])


def layer_gradient_11(
    Ws: Sequence[sp.MatrixBase], l: int, Sx: sp.MatrixBase, Sxy: sp.MatrixBase
) -> sp.MatrixBase:
    r""":math:`\nabla_{W_l} f = W_{1:l-1}^\top(\Sigma_x W - \Sigma_{xy})W_{l+1:L}^\top`,
    eq. (11) of paper 1, as printed (with W_{1:0} = I_d, W_{L+1:L} = I_p).

    Domain: L >= 1 layers with matching shapes, :math:`1 \le l \le L`, ``Sx`` d x d symmetric,
    ``Sxy`` d x p (d rows of W_1, p columns of W_L).

    >>> layer_gradient_11([sp.Matrix([[2]]), sp.Matrix([[3]])], 1, sp.Matrix([[1]]), sp.Matrix([[1]]))
    Matrix([[15]])
    """
    Ws = v.matrix_sequence("Ws", Ws)
    L = len(Ws)
    l = v.integer("l", l, 1)
    if l > L:
        raise ValueError(f"l must be a layer index 1 <= l <= L = {L}, got {l}")
    v.finite_matrix("Sx", Sx, (Ws[0].shape[0], Ws[0].shape[0]), symmetric=True)
    v.finite_matrix("Sxy", Sxy, (Ws[0].shape[0], Ws[-1].shape[1]))
    d, p = Ws[0].shape[0], Ws[-1].shape[1]
    W = product(Ws)
    return _segment(Ws, 1, l - 1, d).T * (Sx * W - Sxy) * _segment(Ws, l + 1, L, p).T


def deep_objective(X: sp.MatrixBase, Y: sp.MatrixBase, Ws: Sequence[sp.MatrixBase],
                   n: sp.Expr | None = None) -> sp.Expr:
    r"""f(W_1, ..., W_L) = \frac{1}{2n}\|Y - X W_1\cdots W_L\|_F^2, eq. (2) of paper 1.

    ``X`` n x d, ``Y`` n x p, layers from d to p; ``n`` > 0 (default: the rows of X; symbolic allowed).

    >>> deep_objective(sp.Matrix([[1]]), sp.Matrix([[3]]), [sp.Matrix([[1]])]).doit()
    2
    """
    Ws = v.matrix_sequence("Ws", Ws)
    v.finite_matrix("X", X, (None, Ws[0].shape[0]))
    v.finite_matrix("Y", Y, (X.shape[0], Ws[-1].shape[1]))
    n = X.shape[0] if n is None else v.positive("n", n)
    R = Y - X * product(Ws)
    return sp.Trace(R.T * R) / (2 * n)


def padded_identity(rows: int, cols: int) -> sp.Matrix:
    """The rows x cols matrix (rows, cols >= 1) with an identity block of size min(rows, cols) top-left.

    >>> padded_identity(1, 2)
    Matrix([[1, 0]])
    """
    rows, cols = v.positive_int("rows", rows), v.positive_int("cols", cols)
    return sp.Matrix(rows, cols, lambda i, j: 1 if i == j else 0)


def factorize(W: sp.Matrix, widths: Sequence[int]) -> list[sp.Matrix]:
    r"""Layers W_1, ..., W_L with inner widths ``widths`` = (r_1, ..., r_{L-1}) and
    W_1 \cdots W_L = W, for any W of rank at most min(widths) (Sec. 2 of paper 1).

    Constructive: a rank factorisation W = C R (C: d x k, R: k x p, k = rank W),
    with C and R padded by zeros and the middle layers padded identities.

    >>> W = sp.Matrix([[1, 2], [2, 4]])
    >>> Ws = factorize(W, [1])
    >>> [M.shape for M in Ws], product(Ws) == W
    ([(2, 1), (1, 2)], True)
    """
    v.finite_matrix("W", W)
    widths = [v.positive_int(f"widths[{i}]", r) for i, r in enumerate(v.sequence("widths", widths))]
    if not widths:
        return [W]
    k = W.rank()
    if k > min(widths):
        raise ValueError(f"rank {k} exceeds the smallest width {min(widths)}")
    if k == 0:
        return pad_factors(sp.zeros(W.rows, 1), sp.zeros(1, W.cols), widths)
    return pad_factors(*_rank_factorization(W), widths)


def pad_factors(C: sp.Matrix, R: sp.Matrix, widths: Sequence[int]) -> list[sp.Matrix]:
    """Layers with inner widths ``widths`` whose product is C R (C: d x k, R: k x p,
    k <= min(widths)): C and R padded with zeros, padded identities in between.

    >>> pad_factors(sp.Matrix([[1], [2]]), sp.Matrix([[3]]), [2])
    [Matrix([
    [1, 0],
    [2, 0]]), Matrix([
    [3],
    [0]])]
    """
    v.finite_matrix("C", C)
    v.finite_matrix("R", R)
    widths = [v.positive_int(f"widths[{i}]", r)
              for i, r in enumerate(v.sequence("widths", widths, min_len=1))]
    k = C.cols
    if R.rows != k or k > min(widths):
        raise ValueError("need C: d x k, R: k x p with k <= min(widths)")
    dims = [C.rows, *widths, R.cols]
    L = len(dims) - 1
    Ws = [padded_identity(dims[i], dims[i + 1]) for i in range(L)]
    Ws[0] = C * padded_identity(k, dims[1])
    Ws[-1] = padded_identity(dims[-2], k) * R
    return Ws


def _rank_factorization(W: sp.Matrix) -> tuple[sp.Matrix, sp.Matrix]:
    """W = C R with C the pivot columns of W and R the nonzero rows of rref(W)."""
    rref, pivots = W.rref()
    C = W.extract(list(range(W.rows)), list(pivots))
    R = rref.extract(list(range(len(pivots))), list(range(W.cols)))
    return C, R
