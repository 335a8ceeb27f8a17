r"""Two-layer discrete gradient dynamics of paper 1, Sec. 3.2: (22), Thm. 3, (24)-(26).

Contents
--------
* :func:`gd_step_two_layer` -- the printed matrix GD step of Sec. 3.2 (L = 2);
* :func:`derive_mode_step` -- SymPy reduction of that step to per-mode
  recursions under Assump. 1 with epsilon = 0, for the Thm. 3 form
  :math:`W_1 = U\,\mathrm{diag}(a_i)\,Q`, :math:`W_2 = Q^{-1}\mathrm{diag}(a_i)V^\top`;
* :func:`layer_step_22` (the printed (22)) and :func:`product_step`
  (the recursion of :math:`w_i = a_i^2`, the variable of Thm. 3);
* :func:`rho` and :func:`u_step` -- the one-step map of
  :math:`u = 1/w - \lambda/\sigma`, the variable the proofs and the certified
  iteration use: :math:`u_{t+1} = \rho(\eta e_t)\,u_t`,
  :math:`\rho(y) = 1 - \eta\sigma(2+y)/(1+y)^2`, :math:`e = \sigma - \lambda w`;
* the bounds (23) as printed and as corrected, and the sigma = 0 bound;
* the overshoot region of the printed domain (:math:`\eta\lambda w_0` unbounded):
  :func:`x_map` (the recursion in :math:`x = \eta\lambda w`), :func:`upper_valid`,
  :func:`orbit_fate` (entrance time into the corrected domain, or the step at which
  the orbit reaches 0, or the fixed point / divergence beyond :math:`2 + \eta\sigma`).

Notation: ``s`` is :math:`\eta\sigma`, ``c`` is :math:`\lambda/\sigma`; then
:math:`w = 1/(u + c)` and the u-dynamics depend on (s, c) only:
:math:`u_{t+1} = u_t\,\rho_s(s\,u_t/(u_t + c))`.

>>> import sympy as sp
>>> product_step(sp.Rational(1, 4), 1, 1, sp.Rational(1, 4))
361/1024
>>> layer_step_22(sp.Rational(1, 2), 1, 1, sp.Rational(1, 4)) ** 2
361/1024
"""

from __future__ import annotations

from functools import lru_cache, reduce
from typing import Any

import sympy as sp

from symdln import validate as v

__all__ = [
    "derive_mode_step",
    "gd_step_two_layer",
    "layer_step_22",
    "lower_corrected",
    "lower_corrected_above",
    "lower_corrected_general",
    "lower_printed",
    "no_overshoot",
    "no_overshoot_condition",
    "orbit_fate",
    "product_step",
    "rho",
    "sigma0_bound_printed",
    "u_step",
    "upper_corrected",
    "upper_printed",
    "upper_valid",
    "upper_valid_condition",
    "x_map",
]

Num = Any  # a SymPy expression, a Fraction, an int, or a python-flint arb


def _mode(w0: Num, sigma: Num, lam: Num, eta: Num, *, sigma_zero: bool = False,
          symbolic: bool = True) -> tuple[Num, ...]:
    """Check w0 > 0, sigma > 0 (>= 0 with ``sigma_zero``), lambda > 0, eta > 0 (Thm. 3)."""
    kw = {"exact": False, "symbolic": symbolic}
    return (v.positive("w0", w0, **kw),
            (v.nonnegative if sigma_zero else v.positive)("sigma", sigma, **kw),
            v.positive("lam", lam, **kw), v.positive("eta", eta, **kw))


def _bound_args(t: Num, w0: Num, sigma: Num, lam: Num, eta: Num) -> tuple[Num, ...]:
    """The arguments of a bound of Thm. 3: t >= 0 and :func:`_mode`, ints made exact."""
    t = v.nonnegative("t", t, exact=False)
    return v.same_exact_type(t, *_mode(w0, sigma, lam, eta))


def gd_step_two_layer(W1: sp.Matrix, W2: sp.Matrix, Sx: sp.Matrix, Sxy: sp.Matrix,
                      eta: sp.Expr, mul: Any = None) -> tuple[sp.Matrix, sp.Matrix]:
    r"""One step of the printed two-layer update of Sec. 3.2 (paper 1).

    :math:`W_1' = W_1 - \eta(\Sigma_x W - \Sigma_{xy})W_2^\top`,
    :math:`W_2' = W_2 - \eta W_1^\top(\Sigma_x W - \Sigma_{xy})`, :math:`W = W_1W_2`.

    >>> W1, W2 = sp.Matrix([[1]]), sp.Matrix([[1]])
    >>> gd_step_two_layer(W1, W2, sp.Matrix([[1]]), sp.Matrix([[2]]), sp.Rational(1, 2))
    (Matrix([[3/2]]), Matrix([[3/2]]))

    ``mul`` (optional) multiplies matrices, e.g. with cancellation after each product.  Domain:
    :math:`\eta > 0`, ``W1`` d x r, ``W2`` r x p, ``Sx`` d x d, ``Sxy`` d x p.
    """
    v.finite_matrix("Sx", Sx, square=True)
    v.finite_matrix("Sxy", Sxy, (v.dims(Sx)[0], None))
    v.finite_matrix("W1", W1, (v.dims(Sx)[0], None))
    v.finite_matrix("W2", W2, (v.dims(W1)[1], v.dims(Sxy)[1]))
    eta = v.positive("eta", eta)
    mul = mul or (lambda *Ms: reduce(lambda x, y: x * y, Ms))
    G = mul(Sx, W1, W2) - Sxy
    return W1 - eta * mul(G, W2.T), W2 - eta * mul(W1.T, G)


def layer_step_22(w: Num, sigma: Num, lam: Num, eta: Num) -> Num:
    r"""(22) as printed: :math:`w + \eta w(\sigma - \lambda w w)`.

    The derivation (:func:`derive_mode_step`) shows this is the recursion of
    the per-layer singular value :math:`a_i`, not of :math:`w_i = a_i^2`.

    Domain: :math:`w \ge 0`, :math:`\sigma \ge 0`, :math:`\lambda \ge 0`, :math:`\eta > 0`.

    >>> layer_step_22(1, 1, 1, sp.Rational(1, 4))
    1
    """
    w = v.nonnegative("w", w, exact=False)
    sigma, lam = v.nonnegative("sigma", sigma, exact=False), v.nonnegative("lam", lam, exact=False)
    w, sigma, lam, eta = v.same_exact_type(w, sigma, lam, v.positive("eta", eta, exact=False))
    return w + eta * w * (sigma - lam * w * w)


def product_step(w: Num, sigma: Num, lam: Num, eta: Num) -> Num:
    r"""Recursion of the product singular value :math:`w_i = a_i^2` of Thm. 3.

    :math:`w' = w\,(1 + \eta(\sigma - \lambda w))^2` (derived, Sec. 3.2).

    Domain: :math:`w \ge 0`, :math:`\sigma \ge 0` (0 for the modes :math:`r_{xy} < i`),
    :math:`\lambda \ge 0`, :math:`\eta > 0`.

    >>> product_step(sp.Rational(1, 2), 0, 1, 1)
    1/8
    """
    w = v.nonnegative("w", w, exact=False)
    sigma, lam = v.nonnegative("sigma", sigma, exact=False), v.nonnegative("lam", lam, exact=False)
    w, sigma, lam, eta = v.same_exact_type(w, sigma, lam, v.positive("eta", eta, exact=False))
    return w * (1 + eta * (sigma - lam * w)) ** 2


def rho(y: Num, s: Num) -> Num:
    r"""The factor of the u-recursion: :math:`\rho_s(y) = 1 - s(2+y)/(1+y)^2`, :math:`y = \eta e`.

    Increasing in y on y > -1; :math:`\rho_s(0) = 1 - 2s`,
    :math:`\rho_s(s) = (1+s)^{-2}`.

    Domain: :math:`y > -1`, :math:`s = \eta\sigma \ge 0`.

    >>> rho(sp.Rational(1, 4), sp.Rational(1, 4))
    16/25
    """
    y, s = v.same_exact_type(v.real("y", y, lo=-1, lo_open=True, exact=False),
                             v.nonnegative("s", s, exact=False))
    return 1 - s * (2 + y) / (1 + y) ** 2


def u_step(u: Num, s: Num, c: Num) -> Num:
    r"""One step of :math:`u = 1/w - \lambda/\sigma` (exact identity, see ``check_u_identity``).

    :math:`u' = u\,\rho_s(s\,u/(u + c))`, ``s`` = :math:`\eta\sigma`, ``c`` = :math:`\lambda/\sigma`.

    Domain: :math:`s \ge 0`, :math:`c > 0`, :math:`u > -c` (i.e. :math:`w > 0`).

    >>> u_step(1, sp.Rational(1, 4), 1)
    47/81
    """
    u, s, c = v.same_exact_type(v.real("u", u, exact=False), v.nonnegative("s", s, exact=False),
                                v.positive("c", c, exact=False))
    v.relation("u", "u > -c (w = 1/(u + c) > 0)", u + c)
    return u * rho(s * u / (u + c), s)


@lru_cache(maxsize=2)
def derive_mode_step(Q_orthogonal: bool = True) -> dict[str, sp.Expr]:
    r"""Reduce the matrix step of Sec. 3.2 to per-mode steps (SymPy, exact).

    Two modes, d = p = r = 2, under Assump. 1 with epsilon = 0:
    :math:`\Sigma_x = U D_x U^\top`, :math:`\Sigma_{xy} = U D_{xy} V^\top` with U, V
    rational-parametrised rotations (Cayley transforms of symbolic angles).
    The iterate has the Thm. 3 form :math:`W_1 = U\,\mathrm{diag}(a)\,Q`,
    :math:`W_2 = Q^{-1}\mathrm{diag}(a)V^\top`.  With ``Q_orthogonal`` Q is a
    symbolic rotation, otherwise a symbolic invertible diagonal
    :math:`\mathrm{diag}(q, 1)`.

    Returns the residuals ``R1 = U^T W_1' Q^{-1}`` and ``R2 = Q W_2' V`` (which
    must equal diag(a_i') for the form to be preserved) as matrices, and the
    symbols used.

    >>> r = derive_mode_step()
    >>> sp.simplify(r["R1"][0, 1]), sp.simplify(r["R1"][0, 0] - r["R2"][0, 0])
    (0, 0)
    """
    if not isinstance(Q_orthogonal, bool):
        raise ValueError(f"Q_orthogonal must be True or False, got {Q_orthogonal!r}")
    ku, kv, kq, q = sp.symbols("k_u k_v k_q q", real=True)
    a1, a2, l1, l2, s1, s2, eta = sp.symbols("a_1 a_2 lambda_1 lambda_2 sigma_1 sigma_2 eta",
                                             positive=True)

    def rot(k: sp.Symbol) -> sp.Matrix:
        return sp.Matrix([[1 - k**2, -2 * k], [2 * k, 1 - k**2]]) / (1 + k**2)

    def mul(*Ms: sp.Matrix) -> sp.Matrix:  # cancel after every product keeps SymPy fast
        acc = Ms[0]
        for M in Ms[1:]:
            acc = (acc * M).applyfunc(sp.cancel)
        return acc

    U, V = rot(ku), rot(kv)
    Q = rot(kq) if Q_orthogonal else sp.diag(q, 1)
    Qi = (Q.adjugate() / Q.det()).applyfunc(sp.cancel)  # the inverse, not assumed orthogonal
    A = sp.diag(a1, a2)
    Sx, Sxy = mul(U, sp.diag(l1, l2), U.T), mul(U, sp.diag(s1, s2), V.T)
    W1, W2 = mul(U, A, Q), mul(Qi, A, V.T)
    N1, N2 = (N.applyfunc(sp.cancel) for N in gd_step_two_layer(W1, W2, Sx, Sxy, eta, mul))
    R1, R2 = mul(U.T, N1, Qi), mul(Q, N2, V)
    return {"R1": R1, "R2": R2, "a": (a1, a2), "lambda": (l1, l2), "sigma": (s1, s2),
            "eta": eta, "q": q}


def lower_printed(t: Num, w0: Num, sigma: Num, lam: Num, eta: Num, exp: Any = sp.exp) -> Num:
    r"""Lower bound of (23) as printed:
    :math:`w_0 / ((\sigma - \lambda w_0)e^{(-2\eta\sigma + 4\eta^2\sigma^2)t} + w_0\lambda)`.

    Domain (Thm. 3, :math:`i \le r_{xy}`): :math:`t \ge 0`, :math:`w_0 > 0`, :math:`\sigma > 0`,
    :math:`\lambda > 0`, :math:`\eta > 0`; the hypotheses under which the bound is claimed
    (:math:`w_0 < 1`, :math:`2\eta\sigma < 1`) are not required: the checks probe them.

    >>> lower_printed(0, sp.Rational(1, 4), sp.Rational(1, 2), 1, sp.Rational(1, 2))
    1/2
    """
    t, w0, sigma, lam, eta = _bound_args(t, w0, sigma, lam, eta)
    return w0 / ((sigma - lam * w0) * exp((-2 * eta * sigma + 4 * eta**2 * sigma**2) * t)
                 + w0 * lam)


def upper_printed(t: Num, w0: Num, sigma: Num, lam: Num, eta: Num, exp: Any = sp.exp) -> Num:
    r"""Upper bound of (23) as printed:
    :math:`w_0 / ((\sigma - \lambda w_0)e^{(-2\eta\sigma - \eta^2\sigma^2)t} + w_0\lambda)`.

    Domain as :func:`lower_printed`.

    >>> upper_printed(0, sp.Rational(1, 2), 2, 1, sp.Rational(1, 8))
    1/4
    """
    t, w0, sigma, lam, eta = _bound_args(t, w0, sigma, lam, eta)
    return w0 / ((sigma - lam * w0) * exp((-2 * eta * sigma - eta**2 * sigma**2) * t)
                 + w0 * lam)


def lower_corrected(t: Num, w0: Num, sigma: Num, lam: Num, eta: Num) -> Num:
    r"""Corrected lower bound (proved):
    :math:`\sigma w_0/((\sigma-\lambda w_0)(1+\eta\sigma)^{-2t}+\lambda w_0)`.

    Valid for :math:`0 < w_0 \le \sigma/\lambda`, :math:`2\eta\sigma < 1`, all integers t >= 0.

    The formula is evaluated on :math:`t \ge 0`, :math:`w_0, \sigma, \lambda, \eta > 0`.

    >>> lower_corrected(0, sp.Rational(1, 4), sp.Rational(1, 2), 1, sp.Rational(1, 2))
    1/4
    """
    t, w0, sigma, lam, eta = _bound_args(t, w0, sigma, lam, eta)
    return sigma * w0 / ((sigma - lam * w0) * (1 + eta * sigma) ** (-2 * t) + lam * w0)


def no_overshoot(w0: Num, sigma: Num, lam: Num, eta: Num) -> bool:
    r"""The condition of the corrected Thm. 3 for :math:`w_0 > \sigma/\lambda`: with
    :math:`y_0 = \eta(\sigma - \lambda w_0)`, :math:`y_0 > -1` and :math:`
ho_{\eta\sigma}(y_0) \ge 0`,
    i.e. :math:`(1 + y_0)^2 \ge \eta\sigma(2 + y_0)` (the first step does not overshoot the limit).

    Domain: :math:`w_0, \sigma, \lambda, \eta > 0`.

    >>> no_overshoot(sp.Rational(1, 2), sp.Rational(1, 4), 1, 1), no_overshoot(sp.Rational(1, 2), 1, 4, 1)
    (True, False)
    """
    w0, sigma, lam, eta = v.same_exact_type(*_mode(w0, sigma, lam, eta, symbolic=False))
    return bool(no_overshoot_condition(w0, sigma, lam, eta))


def no_overshoot_condition(w0: Num, sigma: Num, lam: Num, eta: Num) -> Any:
    r""":func:`no_overshoot` as a SymPy condition (symbolic arguments allowed).

    >>> w0, s, l, e = sp.symbols("w_0 sigma lambda eta", positive=True)
    >>> no_overshoot_condition(w0, s, l, e).subs({w0: sp.Rational(1, 2), s: 1, l: 4, e: 1})
    False
    """
    w0, sigma, lam, eta = v.same_exact_type(*_mode(w0, sigma, lam, eta))
    y0 = eta * (sigma - lam * w0)
    return sp.And(sp.sympify(y0) > -1, sp.sympify((1 + y0) ** 2) >= eta * sigma * (2 + y0))


def lower_corrected_above(t: Num, w0: Num, sigma: Num, lam: Num, eta: Num) -> Num:
    r"""Corrected lower bound for :math:`w_0 > \sigma/\lambda` (proved under :func:`no_overshoot`):
    :math:`\sigma w_0/((\sigma-\lambda w_0)
ho_{\eta\sigma}(y_0)^t+\lambda w_0)`, :math:`y_0 = \eta(\sigma-\lambda w_0)`.

    The formula is evaluated on :math:`t \ge 0`, :math:`w_0, \sigma, \lambda, \eta > 0` with
    :math:`y_0 > -1`.

    >>> lower_corrected_above(1, sp.Rational(1, 2), sp.Rational(1, 4), 1, 1)
    9/32
    """
    t, w0, sigma, lam, eta = _bound_args(t, w0, sigma, lam, eta)
    return sigma * w0 / ((sigma - lam * w0) * rho(eta * (sigma - lam * w0), eta * sigma) ** t + lam * w0)


def lower_corrected_general(t: Num, w0: Num, sigma: Num, lam: Num, eta: Num) -> Num:
    r"""The corrected lower bound on the whole corrected domain: :func:`lower_corrected` for
    :math:`w_0 \le \sigma/\lambda`, :func:`lower_corrected_above` otherwise.

    Domain: numbers :math:`t \ge 0`, :math:`w_0, \sigma, \lambda, \eta > 0` (the branch is decided
    by comparing).

    >>> lower_corrected_general(0, sp.Rational(1, 2), 1, 1, sp.Rational(1, 4))
    1/2
    """
    v.nonnegative("t", t, exact=False, symbolic=False)
    _mode(w0, sigma, lam, eta, symbolic=False)
    if sigma - lam * w0 >= 0:
        return lower_corrected(t, w0, sigma, lam, eta)
    return lower_corrected_above(t, w0, sigma, lam, eta)


def upper_corrected(t: Num, w0: Num, sigma: Num, lam: Num, eta: Num) -> Num:
    r"""Corrected upper bound (proved, rate sharp):
    :math:`\sigma w_0/((\sigma-\lambda w_0)(1-2\eta\sigma)^t+\lambda w_0)`.

    Valid for :math:`0 < w_0 \le \sigma/\lambda`, and for :math:`w_0 > \sigma/\lambda` under
    :func:`no_overshoot`; :math:`2\eta\sigma < 1`, all integers t >= 0.

    >>> upper_corrected(1, sp.Rational(1, 2), 1, 1, sp.Rational(1, 4))
    2/3
    """
    t, w0, sigma, lam, eta = _bound_args(t, w0, sigma, lam, eta)
    return sigma * w0 / ((sigma - lam * w0) * (1 - 2 * eta * sigma) ** t + lam * w0)


def sigma0_bound_printed(t: Num, w0: Num, lam: Num, eta: Num) -> Num:
    r"""The sigma = 0 bound of Thm. 3 as printed: :math:`w_0/(1 + w_0\lambda\eta t)`.

    Domain: :math:`t \ge 0`, :math:`w_0 > 0`, :math:`\lambda > 0`, :math:`\eta > 0`.

    >>> sigma0_bound_printed(1, sp.Rational(1, 2), 4, 1)
    1/6
    """
    t = v.nonnegative("t", t, exact=False)
    w0, lam, eta = (v.positive(k, x, exact=False) for k, x in (("w0", w0), ("lam", lam), ("eta", eta)))
    t, w0, lam, eta = v.same_exact_type(t, w0, lam, eta)
    return w0 / (1 + w0 * lam * eta * t)


# ---------------------------------------------------------------------------------------------
# the overshoot region: 0 < w0 < 1 and 2 eta sigma < 1 do not bound x0 = eta lambda w0


def x_map(x: Num, s: Num) -> Num:
    r"""The product recursion in :math:`x = \eta\lambda w`, :math:`s = \eta\sigma`:
    :math:`x' = x(1 + s - x)^2` (Sec. 3.2, Thm. 3; fixed points 0, s, 2 + s; zero at 1 + s).

    Domain: :math:`x \ge 0`, :math:`s \ge 0`.

    >>> x_map(sp.Rational(4, 3), sp.Rational(1, 3)), x_map(sp.Rational(7, 3), sp.Rational(1, 3))
    (0, 7/3)
    """
    x, s = v.same_exact_type(v.nonnegative("x", x, exact=False), v.nonnegative("s", s, exact=False))
    return x * (1 + s - x) ** 2


def upper_valid(w0: Num, sigma: Num, lam: Num, eta: Num) -> bool:
    r"""The exact domain of :func:`upper_corrected` inside the printed one (proved):
    :math:`\eta(\lambda w_0 - \sigma) \le 3/2`, i.e. :math:`y_0 \ge -3/2`; above it the bound
    fails at t = 1.

    Domain: :math:`w_0, \sigma, \lambda, \eta > 0`.

    >>> upper_valid(sp.Rational(2, 3), sp.Rational(1, 3), 2, 1), upper_valid(sp.Rational(1, 2), 1, 8, 1)
    (True, False)
    """
    _mode(w0, sigma, lam, eta, symbolic=False)
    return bool(upper_valid_condition(w0, sigma, lam, eta))


def upper_valid_condition(w0: Num, sigma: Num, lam: Num, eta: Num) -> Any:
    r""":func:`upper_valid` as a SymPy condition: :math:`\eta(\lambda w_0 - \sigma) \le 3/2`.

    >>> upper_valid_condition(*sp.symbols("w_0 sigma lambda eta", positive=True))
    eta*(lambda*w_0 - sigma) <= 3/2
    """
    w0, sigma, lam, eta = v.same_exact_type(*_mode(w0, sigma, lam, eta))
    return sp.sympify(eta * (lam * w0 - sigma)) <= sp.Rational(3, 2)


def orbit_fate(w0: Num, sigma: Num, lam: Num, eta: Num, max_steps: int = 64) -> tuple[str, int | None]:
    r"""Where the exact orbit of :func:`product_step` from ``w0`` goes (x = eta lambda w, s = eta sigma).

    * ``("enters", T)``: T is the first t with :math:`w_t \le \sigma/\lambda` or
      :func:`no_overshoot` at :math:`w_t` (the domain of the corrected bounds);
    * ``("zero", k)``: :math:`w_k = 0` (first such k; then :math:`w_t = 0` for t >= k);
    * ``("fixed", None)``: :math:`x_0 = 2 + s`, :math:`w_t = w_0` for all t;
    * ``("diverges", None)``: :math:`x_0 > 2 + s`, :math:`w_t` increases to infinity;
    * ``("undecided", None)``: more than ``max_steps`` steps in :math:`(1 + s, 2 + s)`
      (never for the parameters used here; at most
      :math:`\lceil (x_0 - 1 - s)/((1 + s)(2 + s - x_0))\rceil` such steps, proved).

    >>> orbit_fate(sp.Rational(2, 3), sp.Rational(1, 3), 2, 1)
    ('zero', 1)
    >>> orbit_fate(sp.Rational(1, 2), 1, 4, sp.Rational(1, 3))
    ('enters', 1)

    Domain: numbers :math:`w_0, \sigma, \lambda, \eta > 0`, ``max_steps`` >= 0.
    """
    w0, sigma, lam, eta = v.same_exact_type(*_mode(w0, sigma, lam, eta, symbolic=False))
    max_steps = v.nonnegative_int("max_steps", max_steps)
    s, x = eta * sigma, eta * lam * w0
    if x > 2 + s:
        return ("diverges", None)
    if x == 2 + s:
        return ("fixed", None)
    for t in range(max_steps + 1):
        if x == 0:
            return ("zero", t)
        if x <= s or (x < 1 + s and x_map(x, s) >= s):
            return ("enters", t)
        x = x_map(x, s)
    return ("undecided", None)
