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

from symdln import validate as v

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


def _covariances(Sx: sp.MatrixBase, Sxy: sp.MatrixBase) -> tuple[object, object]:
    """Check Sigma_x (d x d, symmetric) and Sigma_xy (d x p); return (d, p)."""
    v.finite_matrix("Sx", Sx, symmetric=True)
    v.finite_matrix("Sxy", Sxy, (Sx.shape[0], None))
    return Sx.shape[0], Sxy.shape[1]


def _pinv(Sx: sp.MatrixBase, pinv: sp.MatrixBase | None) -> None:
    if pinv is not None:
        v.finite_matrix("pinv", pinv, Sx.shape)


def data_covariances(X: sp.MatrixBase, Y: sp.MatrixBase) -> tuple[sp.MatrixBase, sp.MatrixBase]:
    r"""``(Sigma_x, Sigma_xy) = (X^T X / n, X^T Y / n)``, below eq. (7) of paper 1.

    ``X`` is n x d, ``Y`` n x p (n >= 1 samples), finite.

    >>> data_covariances(sp.Matrix([[1], [3]]), sp.Matrix([[2], [0]]))
    (Matrix([[5]]), Matrix([[1]]))
    """
    v.finite_matrix("X", X)
    v.finite_matrix("Y", Y, (X.shape[0], None))
    n = X.shape[0]
    return X.T * X / n, X.T * Y / n


def least_squares_objective(X: sp.MatrixBase, Y: sp.MatrixBase, W: sp.MatrixBase) -> sp.Expr:
    r"""f(W) = \frac{1}{2n}\|Y - XW\|_F^2, eq. (2) of paper 1 with L = 1.

    The paper writes :math:`\|\cdot\|_2`; the Frobenius norm is the reading
    under which (7) holds (and the one (27) states).  ``X`` is n x d, ``Y`` n x p, ``W`` d x p.

    >>> least_squares_objective(sp.Matrix([[1]]), sp.Matrix([[3]]), sp.Matrix([[1]])).doit()
    2
    """
    v.finite_matrix("X", X)
    v.finite_matrix("Y", Y, (X.shape[0], None))
    v.finite_matrix("W", W, (X.shape[1], Y.shape[1]))
    n = X.shape[0]
    R = Y - X * W
    return sp.Trace(R.T * R) / (2 * n)


def gradient_7(Sx: sp.MatrixBase, Sxy: sp.MatrixBase, W: sp.MatrixBase) -> sp.MatrixBase:
    r""":math:`\nabla f(W) = \Sigma_x W - \Sigma_{xy}`, eq. (7) of paper 1, as printed.

    ``Sx`` d x d symmetric, ``Sxy`` and ``W`` d x p (explicit or ``MatrixSymbol`` s).
    """
    d, p = _covariances(Sx, Sxy)
    v.finite_matrix("W", W, (d, p))
    return Sx * W - Sxy


def solution_9(
    Sx: sp.Matrix, Sxy: sp.Matrix, W0: sp.Matrix, t: sp.Expr, pinv: sp.Matrix | None = None
) -> sp.Matrix:
    r"""W(t) = e^{-t\Sigma_x}(W_0 - \Sigma_x^\dagger\Sigma_{xy}) + \Sigma_x^\dagger\Sigma_{xy},
    eq. (9) (Prop. 1) of paper 1, as printed.

    ``Sx`` d x d symmetric, ``Sxy`` and ``W0`` d x p, time :math:`t \ge 0` (symbolic allowed);
    ``pinv`` may pass a precomputed exact pseudoinverse of ``Sx``.

    >>> solution_9(sp.Matrix([[1]]), sp.Matrix([[2]]), sp.Matrix([[0]]), 0)
    Matrix([[0]])
    """
    d, p = _covariances(Sx, Sxy)
    v.finite_matrix("W0", W0, (d, p))
    t = v.nonnegative("t", t)
    _pinv(Sx, pinv)
    P = (Sx.pinv() if pinv is None else pinv) * Sxy
    return (-t * Sx).exp() * (W0 - P) + P


def limit_10(Sx: sp.Matrix, Sxy: sp.Matrix, t: sp.Expr, pinv: sp.Matrix | None = None) -> sp.Matrix:
    r"""(I_d - e^{-t\Sigma_x})\Sigma_x^\dagger\Sigma_{xy}, the W_0 -> 0 limit (10), as printed
    (:math:`t \ge 0`).

    >>> limit_10(sp.Matrix([[1]]), sp.Matrix([[2]]), 0)
    Matrix([[0]])
    """
    _covariances(Sx, Sxy)
    t = v.nonnegative("t", t)
    _pinv(Sx, pinv)
    P = (Sx.pinv() if pinv is None else pinv) * Sxy
    return (sp.eye(Sx.shape[0]) - (-t * Sx).exp()) * P


def gd_iterate(Sx: sp.Matrix, Sxy: sp.Matrix, W0: sp.Matrix, eta: sp.Expr, steps: int) -> sp.Matrix:
    r"""Gradient descent W_{t+1} = W_t - \eta(\Sigma_x W_t - \Sigma_{xy}) for L = 1 (Sec. 3.2),
    run ``steps`` >= 0 times in exact arithmetic, step size :math:`\eta > 0`.

    >>> gd_iterate(sp.Matrix([[1]]), sp.Matrix([[1]]), sp.Matrix([[0]]), sp.Rational(1, 2), 2)
    Matrix([[3/4]])
    """
    d, p = _covariances(Sx, Sxy)
    v.finite_matrix("W0", W0, (d, p))
    eta = v.positive("eta", eta)
    steps = v.nonnegative_int("steps", steps)
    W = W0
    for _ in range(steps):
        W = W - eta * (Sx * W - Sxy)
    return W


def iterate_21_printed(
    Sx: sp.Matrix, Sxy: sp.Matrix, W0: sp.Matrix, eta: sp.Expr, t: int,
    pinv: sp.Matrix | None = None,
) -> sp.Matrix:
    r"""W_t = (W_0 - \Sigma_x^\dagger\Sigma_{xy})(I_d - \eta\Sigma_x)^t + \Sigma_x^\dagger\Sigma_{xy},
    eq. (21) of paper 1, as printed (the power of I - eta Sigma_x on the right).

    Domain: :math:`\eta > 0`, t a nonnegative integer (a symbolic t passes unless its assumptions
    exclude it); ``Sx`` d x d symmetric, ``Sxy``, ``W0`` d x p.
    """
    eta, t = _iterate_args(Sx, Sxy, W0, eta, t, pinv)
    P = (Sx.pinv() if pinv is None else pinv) * Sxy
    A = sp.eye(Sx.shape[0]) - eta * Sx
    return (W0 - P) * A**t + P


def iterate_21_corrected(
    Sx: sp.Matrix, Sxy: sp.Matrix, W0: sp.Matrix, eta: sp.Expr, t: int,
    pinv: sp.Matrix | None = None,
) -> sp.Matrix:
    r"""W_t = (I_d - \eta\Sigma_x)^t (W_0 - \Sigma_x^\dagger\Sigma_{xy}) + \Sigma_x^\dagger\Sigma_{xy},
    eq. (21) of paper 1 with the power on the left, where the update applies it (domain as
    :func:`iterate_21_printed`).

    >>> iterate_21_corrected(sp.Matrix([[1]]), sp.Matrix([[1]]), sp.Matrix([[0]]), sp.Rational(1, 2), 2)
    Matrix([[3/4]])
    """
    eta, t = _iterate_args(Sx, Sxy, W0, eta, t, pinv)
    P = (Sx.pinv() if pinv is None else pinv) * Sxy
    A = sp.eye(Sx.shape[0]) - eta * Sx
    return A**t * (W0 - P) + P


def _iterate_args(Sx: sp.Matrix, Sxy: sp.Matrix, W0: sp.Matrix, eta: sp.Expr, t: int,
                  pinv: sp.Matrix | None) -> tuple[sp.Expr, sp.Expr]:
    d, p = _covariances(Sx, Sxy)
    v.finite_matrix("W0", W0, (d, p))
    _pinv(Sx, pinv)
    return v.positive("eta", eta), v.nonnegative_int("t", t, symbolic=True)
