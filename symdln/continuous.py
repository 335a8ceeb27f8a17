r"""Two-layer continuous dynamics of paper 1: the flow (12) for L = 2, the form (15), the modes (16).

Contents

* :func:`flow_12_L2` -- the right-hand side of (12) for L = 2;
* :func:`mode_rhs` -- the per-mode ODE :math:`\dot w = 2w(\sigma - \lambda w)` that (12)
  reduces to under Assump. 1 with :math:`\epsilon = 0` (derived in ``proofs/continuous_modes.py``);
* :func:`w_active_16`, :func:`w_inactive_16` -- the two branches of (16) *as printed*;
* :func:`w_inactive_corrected` -- the solution of the inactive branch's ODE;
* :func:`logistic_mode` -- the solution of the mode ODE from any :math:`w_0 > 0`;
* :func:`half_rise_time` -- the time at which a mode reaches half its limit;
* :func:`saxe_time_17` -- the phase-transition time (17) as printed;
* :func:`thm1_layers` -- the matrices W_1, W_2 of the form (15) with a given Q.

References: eqs. (12), (15)-(17) of [GBL19] (Gidel, Bach, Lacoste-Julien, NeurIPS 2019).

>>> import sympy as sp
>>> from symdln.notation import delta, lam, sigma, t
>>> sp.simplify(w_active_16(sigma, lam, delta, 0))
exp(-2*delta)
"""

from __future__ import annotations

from collections.abc import Sequence

import sympy as sp

from symdln import validate as v

__all__ = [
    "flow_12_L2",
    "half_rise_time",
    "logistic_mode",
    "mode_rhs",
    "rect_diag",
    "saxe_time_17",
    "thm1_layers",
    "w_active_16",
    "w_inactive_16",
    "w_inactive_corrected",
]


def flow_12_L2(W1: sp.MatrixBase, W2: sp.MatrixBase, Sx: sp.MatrixBase,
               Sxy: sp.MatrixBase) -> tuple[sp.MatrixBase, sp.MatrixBase]:
    r"""(\dot W_1, \dot W_2) of the flow (12) with L = 2.

    :math:`\dot W_1 = (\Sigma_{xy} - \Sigma_x W_1W_2)W_2^\top`,
    :math:`\dot W_2 = W_1^\top(\Sigma_{xy} - \Sigma_x W_1W_2)`.

    Shapes: ``W1`` d x r, ``W2`` r x p, ``Sx`` d x d symmetric, ``Sxy`` d x p.

    >>> flow_12_L2(sp.Matrix([[1]]), sp.Matrix([[2]]), sp.Matrix([[1]]), sp.Matrix([[3]]))
    (Matrix([[2]]), Matrix([[1]]))
    """
    v.finite_matrix("Sx", Sx, symmetric=True)
    v.finite_matrix("Sxy", Sxy, (v.dims(Sx)[0], None))
    v.finite_matrix("W1", W1, (v.dims(Sx)[0], None))
    v.finite_matrix("W2", W2, (v.dims(W1)[1], v.dims(Sxy)[1]))
    R = Sxy - Sx * W1 * W2
    return R * W2.T, W1.T * R


def mode_rhs(w: sp.Expr, sigma: sp.Expr, lam: sp.Expr) -> sp.Expr:
    r"""Right-hand side of the per-mode ODE :math:`\dot w_i = 2 w_i(\sigma_i - \lambda_i w_i)`.

    With :math:`W_1 = U A Q`, :math:`W_2 = Q^\top A V^\top`, A diagonal with entries
    :math:`a_i = \sqrt{w_i}`, the flow (12) gives :math:`\dot a_i = a_i(\sigma_i - \lambda_i a_i^2)`,
    hence this ODE for :math:`w_i = a_i^2` (the ODE behind (16)).  Domain:
    :math:`w \ge 0` (a square), :math:`\sigma_i \ge 0` (a singular value, 0 for the inactive
    modes), :math:`\lambda_i \ge 0` (an eigenvalue of :math:`\Sigma_x`).

    >>> mode_rhs(sp.Rational(1, 2), 1, 1)
    1/2
    """
    w, sigma, lam = v.nonnegative("w", w), v.nonnegative("sigma", sigma), v.nonnegative("lam", lam)
    return 2 * w * (sigma - lam * w)


def w_active_16(sigma: sp.Expr, lam: sp.Expr, delta_i: sp.Expr, t: sp.Expr) -> sp.Expr:
    r"""First branch of (16) as printed, :math:`1 \le i \le r_{xy}`:

    :math:`w_i(t) = \frac{\sigma_i e^{2\sigma_i t - 2\delta_i}}
    {\lambda_i(e^{2\sigma_i t-2\delta_i} - e^{-2\delta_i}) + \sigma_i}`.

    Domain (Thm. 1): :math:`\sigma_i > 0`, :math:`\lambda_i > 0`, :math:`\delta_i` real (the
    initialisation is :math:`e^{-\delta_i}`), :math:`t \ge 0`.

    >>> w_active_16(1, 1, 0, 5)
    1
    """
    sigma, lam = v.positive("sigma", sigma), v.positive("lam", lam)
    delta_i, t = v.real("delta_i", delta_i), v.nonnegative("t", t)
    e = sp.exp(2 * sigma * t - 2 * delta_i)
    return sigma * e / (lam * (e - sp.exp(-2 * delta_i)) + sigma)


def w_inactive_16(lam: sp.Expr, delta_i: sp.Expr, t: sp.Expr) -> sp.Expr:
    r"""Second branch of (16) as printed, :math:`r_{xy} < i \le r_x`:
    :math:`w_i(t) = \frac{e^{-2\delta_i}}{1 + 2e^{-\delta_i}\lambda_i t}`.

    Domain: :math:`\lambda_i > 0`, :math:`\delta_i` real, :math:`t \ge 0`.

    >>> w_inactive_16(1, 0, 1)
    1/3
    """
    lam, delta_i, t = v.positive("lam", lam), v.real("delta_i", delta_i), v.nonnegative("t", t)
    return sp.exp(-2 * delta_i) / (1 + 2 * sp.exp(-delta_i) * lam * t)


def w_inactive_corrected(lam: sp.Expr, delta_i: sp.Expr, t: sp.Expr) -> sp.Expr:
    r"""Solution of :math:`\dot w = -2\lambda w^2`, :math:`w(0) = e^{-2\delta_i}`:
    :math:`w_i(t) = \frac{e^{-2\delta_i}}{1 + 2e^{-2\delta_i}\lambda_i t}`.

    Domain: :math:`\lambda_i > 0`, :math:`\delta_i` real, :math:`t \ge 0`.

    >>> w_inactive_corrected(1, 0, 1)
    1/3
    """
    lam, delta_i, t = v.positive("lam", lam), v.real("delta_i", delta_i), v.nonnegative("t", t)
    return sp.exp(-2 * delta_i) / (1 + 2 * sp.exp(-2 * delta_i) * lam * t)


def logistic_mode(sigma: sp.Expr, lam: sp.Expr, w0: sp.Expr, t: sp.Expr) -> sp.Expr:
    r"""Solution of :math:`\dot w = 2w(\sigma - \lambda w)`, :math:`w(0) = w_0`:
    :math:`w(t) = \frac{\sigma w_0 e^{2\sigma t}}{\lambda w_0(e^{2\sigma t} - 1) + \sigma}`.

    Domain: :math:`\sigma > 0`, :math:`\lambda > 0`, :math:`w_0 > 0`, :math:`t \ge 0`.

    >>> logistic_mode(2, 1, sp.Rational(1, 3), 0)
    1/3
    """
    sigma, lam = v.positive("sigma", sigma), v.positive("lam", lam)
    w0, t = v.positive("w0", w0), v.nonnegative("t", t)
    e = sp.exp(2 * sigma * t)
    return sigma * w0 * e / (lam * w0 * (e - 1) + sigma)


def half_rise_time(sigma: sp.Expr, lam: sp.Expr, w0: sp.Expr) -> sp.Expr:
    r"""The time at which :func:`logistic_mode` reaches half its limit :math:`\sigma/(2\lambda)`:
    :math:`t_{1/2} = \frac{1}{2\sigma}\ln\frac{\sigma - \lambda w_0}{\lambda w_0}`
    (for :math:`0 < w_0 < \sigma/(2\lambda)`; the mode is increasing there).

    With :math:`w_0 = e^{-2\delta_i}` (Thm. 1) this is
    :math:`\delta_i/\sigma_i + \ln(\sigma_i/\lambda_i - e^{-2\delta_i})/(2\sigma_i)`.

    >>> half_rise_time(1, 1, sp.Rational(1, 3))
    log(2)/2
    """
    sigma, lam, w0 = v.positive("sigma", sigma), v.positive("lam", lam), v.positive("w0", w0)
    v.relation("w0", "w0 < sigma/(2*lam)", sigma - 2 * lam * w0)
    return sp.log((sigma - lam * w0) / (lam * w0)) / (2 * sigma)


def saxe_time_17(sigma: sp.Expr, delta_i: sp.Expr) -> sp.Expr:
    r"""The phase-transition time (17) as printed: :math:`T_i = \frac{\delta_i}{\sigma_i}\ln(\sigma_i)`,
    :math:`\sigma_i > 0` (a nonzero singular value of :math:`\Sigma_{xy}`), :math:`\delta_i` real.

    >>> saxe_time_17(1, 5)
    0
    """
    sigma, delta_i = v.positive("sigma", sigma), v.real("delta_i", delta_i)
    return delta_i / sigma * sp.log(sigma)


def rect_diag(entries: Sequence[sp.Expr], rows: int, cols: int) -> sp.Matrix:
    """A rows x cols matrix (rows, cols >= 1) with ``entries`` on its diagonal (missing entries 0,
    entries beyond min(rows, cols) dropped).

    >>> rect_diag([1, 2], 3, 2)
    Matrix([
    [1, 0],
    [0, 2],
    [0, 0]])
    """
    rows, cols = v.positive_int("rows", rows), v.positive_int("cols", cols)
    entries = [v.real(f"entries[{i}]", e) for i, e in enumerate(v.sequence("entries", entries))]
    M = sp.zeros(rows, cols)
    for i, e in enumerate(entries[: min(rows, cols)]):
        M[i, i] = e
    return M


def thm1_layers(U: sp.Matrix, V: sp.Matrix, Q: sp.Matrix,
                a: Sequence[sp.Expr]) -> tuple[sp.Matrix, sp.Matrix]:
    r"""The form (15) with :math:`\epsilon = 0`:
    :math:`W_1 = U\,\mathrm{diag}(a)\,Q`, :math:`W_2 = Q^{-1}\mathrm{diag}(a)V^\top`.

    ``a`` holds :math:`\sqrt{w_i}` (or :math:`e^{-\delta_i}` at t = 0); the diagonal
    blocks are rectangular, d x r and r x p, with U d x d, Q r x r, V p x p.

    >>> W1, W2 = thm1_layers(sp.eye(1), sp.eye(1), sp.Matrix([[2]]), [3])
    >>> (W1, W2)
    (Matrix([[6]]), Matrix([[3/2]]))
    """
    v.finite_matrix("U", U, square=True)
    v.finite_matrix("V", V, square=True)
    v.finite_matrix("Q", Q, square=True)
    a = v.sequence("a", a)
    d, r, p = U.rows, Q.rows, V.rows
    try:
        Qi = Q.inv()
    except ValueError:
        raise ValueError(f"Q must be an invertible matrix, got {sp.sstr(Q)}") from None
    return U * rect_diag(a, d, r) * Q, Qi * rect_diag(a, r, p) * V.T
