r"""The linear model (L = 1) of paper 1: gradient (7), flow (8)--(10), discrete iterate (21).

Each formula is given *as printed* (``*_printed``) and, where the printed
one is wrong, as corrected (``*_corrected``).  The functions build SymPy
matrix expressions; they work with explicit matrices and with
``MatrixSymbol`` s of symbolic size alike.

>>> import sympy as sp
>>> Sx, Sxy, W = sp.Matrix([[2]]), sp.Matrix([[1]]), sp.Matrix([[0]])
>>> gradient_7(Sx, Sxy, W)
Matrix([[-1]])
"""

from __future__ import annotations

from collections.abc import Callable

import sympy as sp

__all__ = [
    "W_0",
    "GradientFormula",
    "I_d",
    "Sigma_x",
    "Sigma_x_pinv",
    "Sigma_xy",
    "W_t",
    "data_covariances",
    "gd_iterate",
    "gradient_7",
    "iterate_21_corrected",
    "iterate_21_printed",
    "least_squares_objective",
    "limit_10",
    "solution_9",
]

#: (21) as a formula: the iterate W_t and the initialisation W_0 (d x p), Sigma_x, its pseudoinverse
#: Sigma_x^+ (``Sigma_x_pinv``), Sigma_xy and the identity I_d, as noncommutative symbols (products keep
#: their order; the shapes are those of the data a formula is evaluated on)
W_t, W_0, Sigma_x, Sigma_xy, Sigma_x_pinv, I_d = sp.symbols(
    "W_t W_0 Sigma_x Sigma_xy Sigma_x_pinv I_d", commutative=False)

#: signature of a candidate gradient formula: (Sigma_x, Sigma_xy, W) -> matrix
GradientFormula = Callable[[sp.MatrixBase, sp.MatrixBase, sp.MatrixBase], sp.MatrixBase]


def data_covariances(X: sp.MatrixBase, Y: sp.MatrixBase) -> tuple[sp.MatrixBase, sp.MatrixBase]:
    r"""``(Sigma_x, Sigma_xy) = (X^T X / n, X^T Y / n)``, below eq. (7) of paper 1."""
    n = X.shape[0]
    return X.T * X / n, X.T * Y / n


def least_squares_objective(X: sp.MatrixBase, Y: sp.MatrixBase, W: sp.MatrixBase) -> sp.Expr:
    r"""f(W) = \frac{1}{2n}\|Y - XW\|_F^2, eq. (2) of paper 1 with L = 1.

    The paper writes :math:`\|\cdot\|_2`; the Frobenius norm is the reading
    under which (7) holds (and the one (27) states).
    """
    n = X.shape[0]
    R = Y - X * W
    return sp.Trace(R.T * R) / (2 * n)


def gradient_7(Sx: sp.MatrixBase, Sxy: sp.MatrixBase, W: sp.MatrixBase) -> sp.MatrixBase:
    r""":math:`\nabla f(W) = \Sigma_x W - \Sigma_{xy}`, eq. (7) of paper 1, as printed."""
    return Sx * W - Sxy


def solution_9(
    Sx: sp.Matrix, Sxy: sp.Matrix, W0: sp.Matrix, t: sp.Expr, pinv: sp.Matrix | None = None
) -> sp.Matrix:
    r"""W(t) = e^{-t\Sigma_x}(W_0 - \Sigma_x^\dagger\Sigma_{xy}) + \Sigma_x^\dagger\Sigma_{xy},
    eq. (9) (Prop. 1) of paper 1, as printed.

    ``pinv`` may pass a precomputed exact pseudoinverse of ``Sx``.
    """
    P = (Sx.pinv() if pinv is None else pinv) * Sxy
    return (-t * Sx).exp() * (W0 - P) + P


def limit_10(Sx: sp.Matrix, Sxy: sp.Matrix, t: sp.Expr, pinv: sp.Matrix | None = None) -> sp.Matrix:
    r"""(I_d - e^{-t\Sigma_x})\Sigma_x^\dagger\Sigma_{xy}, the W_0 -> 0 limit (10), as printed."""
    P = (Sx.pinv() if pinv is None else pinv) * Sxy
    return (sp.eye(Sx.shape[0]) - (-t * Sx).exp()) * P


def gd_iterate(Sx: sp.Matrix, Sxy: sp.Matrix, W0: sp.Matrix, eta: sp.Expr, steps: int) -> sp.Matrix:
    r"""Gradient descent W_{t+1} = W_t - \eta(\Sigma_x W_t - \Sigma_{xy}) for L = 1 (Sec. 3.2),
    run ``steps`` times in exact arithmetic.

    >>> gd_iterate(sp.Matrix([[1]]), sp.Matrix([[1]]), sp.Matrix([[0]]), sp.Rational(1, 2), 2)
    Matrix([[3/4]])
    """
    W = W0
    for _ in range(steps):
        W = W - eta * (Sx * W - Sxy)
    return W


def iterate_21_printed(
    Sx: sp.Matrix, Sxy: sp.Matrix, W0: sp.Matrix, eta: sp.Expr, t: int,
    pinv: sp.Matrix | None = None,
) -> sp.Matrix:
    r"""W_t = (W_0 - \Sigma_x^\dagger\Sigma_{xy})(I_d - \eta\Sigma_x)^t + \Sigma_x^\dagger\Sigma_{xy},
    eq. (21) of paper 1, as printed (the power of I - eta Sigma_x on the right)."""
    P = (Sx.pinv() if pinv is None else pinv) * Sxy
    A = sp.eye(Sx.shape[0]) - eta * Sx
    return (W0 - P) * A**t + P


def iterate_21_corrected(
    Sx: sp.Matrix, Sxy: sp.Matrix, W0: sp.Matrix, eta: sp.Expr, t: int,
    pinv: sp.Matrix | None = None,
) -> sp.Matrix:
    r"""W_t = (I_d - \eta\Sigma_x)^t (W_0 - \Sigma_x^\dagger\Sigma_{xy}) + \Sigma_x^\dagger\Sigma_{xy},
    eq. (21) of paper 1 with the power on the left, where the update applies it."""
    P = (Sx.pinv() if pinv is None else pinv) * Sxy
    A = sp.eye(Sx.shape[0]) - eta * Sx
    return A**t * (W0 - P) + P
