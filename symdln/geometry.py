r"""Paper 2: the geometry of the depth-N deep linear network (the notes' formulas, as printed).

Contents
--------
* the end-to-end flow of balanced depth-N factors, both conventions
  (:func:`endtoend_unnormalised`, Arora--Cohen--Hazan form :func:`endtoend_arora`,
  and the 1/N-normalised metric operator :func:`metric_operator`);
* balanced factors built exactly (:func:`balanced_factors`, :func:`factor_flow`);
* the spectrum of :math:`A_{N,W}` (Lemma 2.4 as quoted): the sum form
  :func:`eigenvalue_sum`, the quotient form :func:`eigenvalue_quotient`, the
  diagonal :func:`eigenvalue_diag` (each for an integer or a symbolic N), their
  unnormalised versions, and the depth-infinity logarithmic mean :func:`eigenvalue_infinity`;
* singular-value rates (:func:`sv_rate`, :func:`sv_rate_unnormalised`; N integer or symbolic);
* the volume forms (Theorem 1.1 / Lemma 2.7 as quoted):
  :func:`volume_density`, :func:`volume_density_infinity`, :func:`vandermonde`;
* the balanced-manifold dimension :func:`balanced_dimension`;
* computed, not printed: the Jacobian of the SVD chart (:func:`svd_chart`), the matrix of
  :math:`A_{N,W}` (:func:`metric_matrix`) and the volume density they give
  (:func:`chart_density`), exact determinants (:func:`exact_det`).

Notation: :math:`W = W_N \cdots W_1` (d x d), :math:`W = U\Sigma V^\top`,
:math:`x = \sigma_i^2`, :math:`y = \sigma_l^2`.  Matrix powers
:math:`(WW^\top)^{k/N}` are written through the PSD N-th roots
:math:`P = (WW^\top)^{1/N}`, :math:`Q = (W^\top W)^{1/N}`.  Everything here is
SymPy and exact; nothing prints or touches global precision.

>>> import sympy as sp
>>> eigenvalue_sum(sp.Integer(4), sp.Integer(1), 2)
3/2
>>> eigenvalue_quotient(sp.Integer(4), sp.Integer(1), 2)
3/2
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import reduce
from itertools import combinations

import sympy as sp
from sympy.polys.matrices import DomainMatrix

from symdln import validate as v

__all__ = [
    "EigenvalueFormula",
    "balanced_dimension",
    "balanced_factors",
    "cayley_rotation",
    "chart_density",
    "eigenvalue_diag",
    "eigenvalue_diag_unnormalised",
    "eigenvalue_infinity",
    "eigenvalue_infinity_diag",
    "eigenvalue_quotient",
    "eigenvalue_quotient_unnormalised",
    "eigenvalue_sum",
    "endtoend_arora",
    "endtoend_unnormalised",
    "entropy",
    "exact_det",
    "factor_flow",
    "haar_volume",
    "metric_matrix",
    "metric_operator",
    "orbit_density",
    "orbit_volume",
    "sv_rate",
    "sv_rate_infinity",
    "sv_rate_unnormalised",
    "svd_chart",
    "tridiagonal_det",
    "vandermonde",
    "volume_density",
    "volume_density_infinity",
]

#: an eigenvalue formula (x = sigma_i^2, y = sigma_l^2, N) -> lambda
EigenvalueFormula = Callable[[sp.Expr, sp.Expr, int], sp.Expr]


def _mpow(M: sp.MatrixBase, k: int) -> sp.MatrixBase:
    return sp.eye(M.rows) if k == 0 else M**k


def _operator_args(P: sp.MatrixBase, Q: sp.MatrixBase, G: sp.MatrixBase, N: int, g_name: str) -> int:
    """P d x d, Q p x p, G d x p (finite), N an integer depth >= 1; returns N."""
    v.finite_matrix("P", P, square=True)
    v.finite_matrix("Q", Q, square=True)
    v.finite_matrix(g_name, G, (P.shape[0], Q.shape[0]))
    return int(v.depth("N", N))


def _squares(x: sp.Expr, y: sp.Expr, *, distinct: bool = False,
             positive: bool = False) -> tuple[sp.Expr, ...]:
    """x = sigma_i^2, y = sigma_l^2: nonnegative (positive), and different where ``distinct``."""
    check = v.positive if positive else v.nonnegative
    x, y = check("x", x), check("y", y)
    if distinct:
        v.relation("x", "x != y (i != l)", sp.Abs(x - y))
    return x, y


def _ordered(sigmas: Sequence[sp.Expr]) -> list[sp.Expr]:
    """d >= 1 singular values sigma_i > 0.  The chart orders them, sigma_1 > ... > sigma_d; another
    order permutes the coordinates (the sign of van(.) is the orientation) and is not rejected."""
    return [v.positive(f"sigmas[{i}]", x) for i, x in enumerate(v.sequence("sigmas", sigmas, min_len=1))]


def endtoend_unnormalised(P: sp.MatrixBase, Q: sp.MatrixBase, G: sp.MatrixBase, N: int) -> sp.MatrixBase:
    r""":math:`\dot W = -\sum_{j=1}^N (WW^\top)^{(N-j)/N} E'(W) (W^\top W)^{(j-1)/N}` (notes, Setting).

    ``P``, ``Q`` are the PSD N-th roots of :math:`WW^\top`, :math:`W^\top W`;
    ``G`` is :math:`E'(W)` (d x p); N >= 1 an integer.

    >>> endtoend_unnormalised(sp.eye(1) * 2, sp.eye(1) * 2, sp.eye(1), 2)
    Matrix([[-4]])
    """
    N = _operator_args(P, Q, G, N, "G")
    return -reduce(lambda a, b: a + b, [_mpow(P, N - j) * G * _mpow(Q, j - 1) for j in range(1, N + 1)])


def endtoend_arora(P: sp.MatrixBase, Q: sp.MatrixBase, G: sp.MatrixBase, N: int) -> sp.MatrixBase:
    r"""Arora--Cohen--Hazan 2018, Thm. 1: :math:`-\sum_j (WW^\top)^{(j-1)/N} G (W^\top W)^{(N-j)/N}`.

    Arguments as :func:`endtoend_unnormalised`.

    >>> endtoend_arora(sp.eye(1) * 2, sp.eye(1) * 3, sp.eye(1), 2)
    Matrix([[-5]])
    """
    N = _operator_args(P, Q, G, N, "G")
    return -reduce(lambda a, b: a + b, [_mpow(P, j - 1) * G * _mpow(Q, N - j) for j in range(1, N + 1)])


def metric_operator(P: sp.MatrixBase, Q: sp.MatrixBase, Z: sp.MatrixBase, N: int) -> sp.MatrixBase:
    r""":math:`A_{N,W}(Z) = \frac1N\sum_{j=1}^N (WW^\top)^{(N-j)/N} Z (W^\top W)^{(j-1)/N}` (notes).

    Arguments as :func:`endtoend_unnormalised` (``Z`` d x p).

    >>> metric_operator(sp.eye(1) * 2, sp.eye(1) * 2, sp.eye(1), 2)
    Matrix([[2]])
    """
    N = _operator_args(P, Q, Z, N, "Z")
    return -endtoend_unnormalised(P, Q, Z, N) / N


def cayley_rotation(K: sp.MatrixBase) -> sp.MatrixBase:
    r"""The orthogonal Cayley transform :math:`(I-K)(I+K)^{-1}` of a skew-symmetric K (exact).

    >>> R = cayley_rotation(sp.Matrix([[0, sp.Rational(1, 2)], [-sp.Rational(1, 2), 0]]))
    >>> R.T * R == sp.eye(2)
    True
    """
    v.finite_matrix("K", K, square=True)
    if isinstance(K, sp.MatrixBase) and not (K + K.T).is_zero_matrix:
        raise ValueError(f"K must be skew-symmetric (K^T = -K), got {sp.sstr(K)}")
    n = K.rows
    return sp.simplify((sp.eye(n) - K) * (sp.eye(n) + K).inv())


def balanced_factors(a: Sequence[sp.Expr], rotations: Sequence[sp.MatrixBase]) -> list[sp.MatrixBase]:
    r"""Balanced factors :math:`W_j = Q_{j+1}\,\mathrm{diag}(a)\,Q_j^\top`, j = 1..N.

    ``rotations`` are :math:`Q_1, \dots, Q_{N+1}` (orthogonal); then
    :math:`W = W_N\cdots W_1 = Q_{N+1}\mathrm{diag}(a^N)Q_1^\top` and
    :math:`W_{j+1}^\top W_{j+1} = W_jW_j^\top`.

    >>> Ws = balanced_factors([2, 1], [sp.eye(2)] * 3)
    >>> Ws[1] * Ws[0]
    Matrix([
    [4, 0],
    [0, 1]])

    Domain: ``a`` d real numbers, ``rotations`` N + 1 >= 2 matrices, d x d.
    """
    a = [v.real(f"a[{i}]", x) for i, x in enumerate(v.sequence("a", a, min_len=1))]
    rotations = v.sequence("rotations", rotations, min_len=2)
    for j, R in enumerate(rotations):
        v.finite_matrix(f"rotations[{j}]", R, (len(a), len(a)))
    S = sp.diag(*a)
    return [rotations[j + 1] * S * rotations[j].T for j in range(len(rotations) - 1)]


def factor_flow(Ws: Sequence[sp.MatrixBase], G: sp.MatrixBase) -> list[sp.MatrixBase]:
    r"""Gradient flow on the factors, :math:`\dot W_j = -(W_N\cdots W_{j+1})^\top G (W_{j-1}\cdots W_1)^\top`.

    ``G`` = :math:`E'(W)`; ``Ws`` = [W_1, ..., W_N] with W = W_N ... W_1.

    Domain: N >= 1 factors, each d x d, ``G`` d x d.

    >>> factor_flow([sp.eye(1) * 2, sp.eye(1) * 3], sp.eye(1))
    [Matrix([[-3]]), Matrix([[-2]])]
    """
    Ws = v.sequence("Ws", Ws, min_len=1)
    for j, Wj in enumerate(Ws):
        v.finite_matrix(f"Ws[{j}]", Wj, (Ws[0].shape[0], Ws[0].shape[0]))
    v.finite_matrix("G", G, (Ws[0].shape[0], Ws[0].shape[0]))
    N, d = len(Ws), Ws[0].rows
    out = []
    for j in range(N):
        left = reduce(lambda a, b: a * b, reversed(Ws[j + 1 :]), sp.eye(d))  # W_N ... W_{j+2}
        right = reduce(lambda a, b: a * b, reversed(Ws[:j]), sp.eye(d))  # W_{j} ... W_1
        out.append(-left.T * G * right.T)
    return out


#: the summation index of :func:`eigenvalue_sum` at a symbolic depth (a Dummy: it cannot clash with a
#: symbol of the arguments)
_J = sp.Dummy("j", integer=True, positive=True)


def eigenvalue_sum(x: sp.Expr, y: sp.Expr, N: int | sp.Expr) -> sp.Expr:
    r""":math:`\lambda^N_{il} = \frac1N\sum_{j=1}^N (\sigma_i^2)^{(N-j)/N}(\sigma_l^2)^{(j-1)/N}` (Lemma 2.4).

    At an integer N the N terms, added; at a symbolic N the unevaluated ``sp.Sum`` over j = 1..N
    divided by N (``.doit()`` sums it: the quotient form for x != y, the diagonal form for x = y).

    Domain: :math:`x, y \ge 0`, N >= 1 an integer (symbolic allowed).

    >>> eigenvalue_sum(sp.Integer(9), sp.Integer(9), 2)
    3
    >>> n = sp.Symbol("N", integer=True, positive=True)
    >>> eigenvalue_sum(sp.Integer(4), sp.Integer(1), n).subs(n, 2).doit()
    3/2
    >>> sp.simplify(eigenvalue_sum(4, 1, n).doit() - eigenvalue_quotient(4, 1, n))
    0
    """
    x, y = _squares(x, y)
    N = v.depth("N", N, symbolic=True)
    if not isinstance(N, int):
        return sp.Sum(x ** ((N - _J) / N) * y ** ((_J - 1) / N), (_J, 1, N)) / N
    return sp.Add(*[x ** sp.Rational(N - j, N) * y ** sp.Rational(j - 1, N) for j in range(1, N + 1)]) / N


_x, _y = sp.symbols("x y", nonnegative=True)
_N = sp.Symbol("N", integer=True, positive=True)
#: Lemma 2.4's eigenvalue :func:`eigenvalue_sum` as a SymPy ``Lambda`` of (x, y, N), x = sigma_i^2,
#: y = sigma_l^2: the form a check can judge for every N (a Python function can branch on N)
EIGENVALUE_SUM: sp.Lambda = sp.Lambda(
    (_x, _y, _N), sp.Sum(_x ** ((_N - _J) / _N) * _y ** ((_J - 1) / _N), (_J, 1, _N)) / _N)


def eigenvalue_quotient(x: sp.Expr, y: sp.Expr, N: int) -> sp.Expr:
    r""":math:`\lambda^N_{il} = (\sigma_i^2 - \sigma_l^2)/(N(\sigma_i^{2/N} - \sigma_l^{2/N}))`, i != l.

    Domain: :math:`x, y \ge 0`, :math:`x \ne y`, N >= 1 an integer (symbolic allowed).

    >>> eigenvalue_quotient(sp.Integer(9), sp.Integer(1), 2)
    2
    """
    x, y = _squares(x, y, distinct=True)
    N = v.depth("N", N, symbolic=True)
    n = sp.sympify(N)
    return (x - y) / (n * (x ** (1 / n) - y ** (1 / n)))


#: :func:`eigenvalue_quotient` as a SymPy ``Lambda`` of (x, y, N) (the form judged for every N)
EIGENVALUE_QUOTIENT: sp.Lambda = sp.Lambda(
    (_x, _y, _N), (_x - _y) / (_N * (_x ** (1 / _N) - _y ** (1 / _N))))


def eigenvalue_diag(x: sp.Expr, N: int) -> sp.Expr:
    r""":math:`\lambda^N_{ll} = \sigma_l^{2(N-1)/N}` (Lemma 2.4); ``x`` = :math:`\sigma_l^2`.

    Domain: :math:`x \ge 0`, N >= 1 an integer (symbolic allowed).

    >>> eigenvalue_diag(sp.Integer(9), 2)
    3
    """
    x, N = v.nonnegative("x", x), v.depth("N", N, symbolic=True)
    return x ** ((sp.sympify(N) - 1) / N)


#: :func:`eigenvalue_diag` as a SymPy ``Lambda`` of (x, N) (the form judged for every N)
EIGENVALUE_DIAG: sp.Lambda = sp.Lambda((_x, _N), _x ** ((_N - 1) / _N))


def eigenvalue_quotient_unnormalised(x: sp.Expr, y: sp.Expr, N: int) -> sp.Expr:
    r"""Arora--Cohen--Hu--Luo 2019: :math:`(\sigma_i^2-\sigma_l^2)/(\sigma_i^{2/N}-\sigma_l^{2/N})`.

    Domain as :func:`eigenvalue_quotient`.

    >>> eigenvalue_quotient_unnormalised(sp.Integer(9), sp.Integer(1), 2)
    4
    """
    x, y = _squares(x, y, distinct=True)
    N = v.depth("N", N, symbolic=True)
    n = sp.sympify(N)
    return (x - y) / (x ** (1 / n) - y ** (1 / n))


#: :func:`eigenvalue_quotient_unnormalised` as a SymPy ``Lambda`` of (x, y, N)
EIGENVALUE_QUOTIENT_UNNORMALISED: sp.Lambda = sp.Lambda(
    (_x, _y, _N), (_x - _y) / (_x ** (1 / _N) - _y ** (1 / _N)))


def eigenvalue_diag_unnormalised(x: sp.Expr, N: int) -> sp.Expr:
    r"""Arora--Cohen--Hu--Luo 2019: :math:`N\sigma_i^{2-2/N}` on the diagonal.

    Domain as :func:`eigenvalue_diag`.

    >>> eigenvalue_diag_unnormalised(sp.Integer(9), 2)
    6
    """
    x, N = v.nonnegative("x", x), v.depth("N", N, symbolic=True)
    return N * x ** ((sp.sympify(N) - 1) / N)


#: :func:`eigenvalue_diag_unnormalised` as a SymPy ``Lambda`` of (x, N)
EIGENVALUE_DIAG_UNNORMALISED: sp.Lambda = sp.Lambda((_x, _N), _N * _x ** ((_N - 1) / _N))


def eigenvalue_infinity(x: sp.Expr, y: sp.Expr) -> sp.Expr:
    r"""Depth infinity, off the diagonal: the logarithmic mean :math:`(x - y)/(\log x - \log y)`.

    Domain: :math:`x, y > 0`, :math:`x \ne y`.

    >>> eigenvalue_infinity(sp.E**2, sp.Integer(1))
    -1/2 + exp(2)/2
    """
    x, y = _squares(x, y, distinct=True, positive=True)
    return sp.expand((x - y) / (sp.log(x) - sp.log(y)))


_xp, _yp = sp.symbols("x y", positive=True)
#: :func:`eigenvalue_infinity` as a SymPy ``Lambda`` of (x, y) (the form judged for every x, y > 0)
EIGENVALUE_INFINITY: sp.Lambda = sp.Lambda((_xp, _yp), (_xp - _yp) / (sp.log(_xp) - sp.log(_yp)))


def eigenvalue_infinity_diag(x: sp.Expr) -> sp.Expr:
    r"""Depth infinity, on the diagonal: :math:`\sigma_l^2`.

    Domain: :math:`x \ge 0`.

    >>> eigenvalue_infinity_diag(sp.Integer(4))
    4
    """
    x = v.nonnegative("x", x)
    return x


#: :func:`eigenvalue_infinity_diag` as a SymPy ``Lambda`` of x
EIGENVALUE_INFINITY_DIAG: sp.Lambda = sp.Lambda(_x, _x)


def sv_rate(sigma: sp.Expr, N: int | sp.Expr) -> sp.Expr:
    r"""Normalised flow, :math:`\dot\sigma_i = -\sigma_i^{2-2/N}\,\partial E/\partial\sigma_i`: the factor.

    Domain: :math:`\sigma \ge 0`, N >= 1 an integer (symbolic allowed).

    >>> sv_rate(sp.Integer(4), 2)
    4
    >>> sv_rate(sp.Symbol("sigma", positive=True), sp.Symbol("N", integer=True, positive=True))
    sigma**(2 - 2/N)
    """
    sigma, N = v.nonnegative("sigma", sigma), v.depth("N", N, symbolic=True)
    return sigma ** (2 - (sp.Rational(2, N) if isinstance(N, int) else 2 / N))


_sigma = sp.Symbol("sigma", nonnegative=True)
#: :func:`sv_rate` as a SymPy ``Lambda`` of (sigma, N) (the form judged for every N)
SV_RATE: sp.Lambda = sp.Lambda((_sigma, _N), _sigma ** (2 - 2 / _N))


def sv_rate_unnormalised(sigma: sp.Expr, N: int | sp.Expr) -> sp.Expr:
    r"""Unnormalised flow: :math:`\dot\sigma_r = -N\sigma_r^{2-2/N}\langle\nabla\ell, u_rv_r^\top\rangle`.

    Domain as :func:`sv_rate`.

    >>> sv_rate_unnormalised(sp.Integer(4), 2)
    8
    >>> sv_rate_unnormalised(sp.Symbol("sigma", positive=True), sp.Symbol("N", integer=True, positive=True))
    N*sigma**(2 - 2/N)
    """
    sigma, N = v.nonnegative("sigma", sigma), v.depth("N", N, symbolic=True)
    return N * sv_rate(sigma, N)


#: :func:`sv_rate_unnormalised` as a SymPy ``Lambda`` of (sigma, N) (the form judged for every N)
SV_RATE_UNNORMALISED: sp.Lambda = sp.Lambda((_sigma, _N), _N * _sigma ** (2 - 2 / _N))


def sv_rate_infinity(sigma: sp.Expr) -> sp.Expr:
    r"""Depth infinity: :math:`\dot\sigma_i = -\sigma_i^2\,\partial E/\partial\sigma_i`; returns the factor.

    Domain: :math:`\sigma \ge 0`.

    >>> sv_rate_infinity(sp.Integer(3))
    9
    """
    sigma = v.nonnegative("sigma", sigma)
    return sigma**2


#: :func:`sv_rate_infinity` as a SymPy ``Lambda`` of sigma (the form judged for every sigma)
SV_RATE_INFINITY: sp.Lambda = sp.Lambda(_sigma, _sigma**2)


def vandermonde(xs: Sequence[sp.Expr]) -> sp.Expr:
    r""":math:`\mathrm{van}(x) = \prod_{i<j}(x_i - x_j)`.

    ``xs``: real numbers (symbolic allowed).

    >>> vandermonde([3, 2, 1])
    2
    """
    xs = [v.real(f"xs[{i}]", x) for i, x in enumerate(v.sequence("xs", xs))]
    return sp.Mul(*[xs[i] - xs[j] for i, j in combinations(range(len(xs)), 2)])


def volume_density(sigmas: Sequence[sp.Expr], N: int | sp.Expr) -> sp.Expr:
    r""":math:`N^{d(d-1)/2}\det(\Sigma^2)^{(1-N)/(2N)}\mathrm{van}(\Sigma^{2/N})` (Thm. 1.1 as quoted).

    The density of :math:`\mathrm{dvol}_{g^N}` against :math:`d\Sigma\,dU\,dV`
    (sigma_1 > ... > sigma_d > 0).

    ``N`` may be symbolic (e.g. ``1/h`` for the depth limit); for an integer N the
    exponents are Rationals.

    >>> volume_density([sp.Integer(4), sp.Integer(1)], 2)
    3
    >>> n = sp.Symbol("N", positive=True)
    >>> volume_density([sp.Integer(4), sp.Integer(1)], n).subs(n, 2)
    3
    """
    sigmas, N = _ordered(sigmas), v.depth("N", N, symbolic=True)
    d, n = len(sigmas), sp.sympify(N)
    det2 = sp.Mul(*[s**2 for s in sigmas])
    return (
        n ** sp.Rational(d * (d - 1), 2)
        * det2 ** ((1 - n) / (2 * n))
        * vandermonde([s ** (2 / n) for s in sigmas])
    )


def volume_density_infinity(sigmas: Sequence[sp.Expr]) -> sp.Expr:
    r""":math:`\det(\Sigma^2)^{-1/2}\mathrm{van}(\log\Sigma^2)` (depth infinity, as quoted).

    Domain: :math:`\sigma_i > 0` (the chart orders them, :math:`\sigma_1 > \dots > \sigma_d`).

    >>> volume_density_infinity([sp.E, sp.Integer(1)])
    2*exp(-1)
    """
    sigmas = _ordered(sigmas)
    det2 = sp.Mul(*[s**2 for s in sigmas])
    return det2 ** sp.Rational(-1, 2) * vandermonde([sp.log(s**2) for s in sigmas])


# ---------------------------------------------------------------- the volume, computed
def exact_det(M: sp.MatrixBase) -> sp.Expr:
    """Exact determinant, fraction-free over QQ or QQ[symbols] (fast for polynomial entries).

    >>> exact_det(sp.Matrix([[1, sp.Symbol("x")], [2, 3]]))
    3 - 2*x
    """
    v.finite_matrix("M", M, square=True)
    dm = DomainMatrix.from_Matrix(M)
    return dm.domain.to_sympy(dm.det())


def svd_chart(U: sp.MatrixBase, V: sp.MatrixBase, sigmas: Sequence[sp.Expr]) -> sp.MatrixBase:
    r"""The Jacobian :math:`\partial\,\mathrm{vec}(W)/\partial(\sigma, \omega^U_{il}, \omega^V_{il})` (i < l)
    of :math:`W = U\,\mathrm{diag}(\sigma)V^\top` with :math:`dU = U\omega^U`, :math:`dV = V\omega^V`
    (left-invariant coordinates): :math:`dW = U(\omega^U\Sigma + d\Sigma - \Sigma\omega^V)V^\top`.

    >>> exact_det(svd_chart(sp.eye(2), sp.eye(2), [2, 1]))
    -3

    Domain: ``U``, ``V`` d x d, d real ``sigmas``.
    """
    v.finite_matrix("U", U, square=True)
    v.finite_matrix("V", V, U.shape)
    sigmas = [v.real(f"sigmas[{i}]", x) for i, x in enumerate(v.sequence("sigmas", sigmas))]
    if len(sigmas) != U.rows:
        raise ValueError(f"sigmas must have d = {U.rows} entries, got {len(sigmas)}")
    d = U.rows
    S = sp.diag(*sigmas)
    cols = []
    for k in range(d):
        E = sp.zeros(d, d)
        E[k, k] = 1
        cols.append(U * E * V.T)
    for i, l in combinations(range(d), 2):
        K = sp.zeros(d, d)
        K[i, l], K[l, i] = 1, -1
        cols.append(U * K * S * V.T)
        cols.append(-U * S * K * V.T)
    return sp.Matrix.hstack(*[c.reshape(d * d, 1) for c in cols])


def metric_matrix(
    P: sp.MatrixBase, Q: sp.MatrixBase, U: sp.MatrixBase, V: sp.MatrixBase, N: int
) -> sp.MatrixBase:
    r"""The matrix of :math:`Z \mapsto A_{N,W}(Z)` (:func:`metric_operator`) in the basis
    :math:`\mathrm{vec}(UE_{il}V^\top)`, orthonormal for orthogonal U, V (checked exactly): its
    determinant is :math:`\det A_{N,W}`.  Computed from the operator, not from its printed spectrum.

    >>> metric_matrix(sp.eye(1) * 4, sp.eye(1) * 4, sp.eye(1), sp.eye(1), 2)
    Matrix([[4]])

    Domain: ``P``, ``Q``, ``U``, ``V`` d x d, N >= 1 an integer.
    """
    N = _operator_args(P, Q, sp.zeros(P.shape[0], Q.shape[0]), N, "P")
    v.finite_matrix("U", U, P.shape)
    v.finite_matrix("V", V, P.shape)
    d = P.rows
    units = [sp.Matrix(d, d, lambda a, b, k=k: int(a * d + b == k)) for k in range(d * d)]
    M = sp.Matrix.hstack(*[(U * E * V.T).reshape(d * d, 1) for E in units])
    if M.T * M != sp.eye(d * d):
        raise ValueError("U, V are not orthogonal: the basis U E_il V^T is not orthonormal")
    A = sp.Matrix.hstack(*[metric_operator(P, Q, E, N).reshape(d * d, 1) for E in units])
    return (M.T * A * M).applyfunc(sp.expand)


def chart_density(
    U: sp.MatrixBase, V: sp.MatrixBase, sigmas: Sequence[sp.Expr], N: int | None = None,
    P: sp.MatrixBase | None = None, Q: sp.MatrixBase | None = None,
) -> tuple[sp.Expr, sp.Expr]:
    r"""``(density, det J)``: the density of the volume of :math:`g^N` against
    :math:`d\Sigma\,dU\,dV`, :math:`\sqrt{\det g} = |\det J|/\sqrt{\det A_{N,W}}` (``N=None``: of
    the Euclidean volume, :math:`|\det J|`), and the signed :math:`\det J` (its sign is the
    orientation of the coordinates).  Exact; symbolic entries should be polynomials in positive
    symbols, so that SymPy takes |.| and the root of the factored determinants.

    >>> chart_density(sp.eye(2), sp.eye(2), [4, 1], 2, sp.diag(4, 1), sp.diag(4, 1))
    (3, -15)

    Domain: as :func:`svd_chart`; ``N`` None or an integer >= 1, with ``P`` and ``Q`` given.
    """
    if N is not None:
        N = int(v.depth("N", N))
        for name, M in (("P", P), ("Q", Q)):
            if M is None:
                raise ValueError(f"{name} must be given (the PSD N-th root) when N is, got None")
    detJ = sp.factor(exact_det(svd_chart(U, V, sigmas)))
    if N is None:
        return sp.Abs(detJ), detJ
    detA = sp.factor(exact_det(metric_matrix(P, Q, U, V, N)))
    if detA.is_positive is False:
        raise ArithmeticError(f"det A_{{N,W}} = {detA}: A_{{N,W}} is positive definite")
    return sp.Abs(detJ) / sp.sqrt(detA), detJ


def balanced_dimension(d: int | sp.Expr, N: int | sp.Expr) -> int | sp.Expr:
    r"""Dimension of the balanced manifold (full-rank factors): :math:`d^2 + (N-1)d(d-1)/2`.

    Integers give an int; SymPy symbols give the polynomial (no ``floor``).

    >>> balanced_dimension(2, 3), balanced_dimension(*sp.symbols("d N"))
    (6, d**2 + d*(N - 1)*(d - 1)/2)

    Domain: integers d >= 1, N >= 1 (symbolic allowed).
    """
    d, N = v.integer("d", d, 1, symbolic=True), v.integer("N", N, 1, symbolic=True)
    if isinstance(d, int) and isinstance(N, int):
        return d * d + (N - 1) * d * (d - 1) // 2
    return d**2 + (N - 1) * d * (d - 1) / 2


# ---------------------------------------------------------------- orbit volume (entropy)
def haar_volume(d: int) -> sp.Expr:
    r"""Volume of O(d) for the metric with :math:`E_{ab} - E_{ba}` (a < b) orthonormal:
    :math:`2\prod_{k=1}^{d-1}\mathrm{vol}(S^k)` (SO(d) -> S^{d-1} is a Riemannian submersion).

    >>> haar_volume(2), haar_volume(3)
    (4*pi, 16*pi**2)

    Domain: an integer d >= 1.
    """
    d = v.positive_int("d", d)
    half = [sp.Rational(k + 1, 2) for k in range(1, d)]
    return 2 * sp.Mul(*[2 * sp.pi**h / sp.gamma(h) for h in half])


def orbit_density(sigmas: Sequence[sp.Expr], N: int) -> sp.Expr:
    r"""Fibre volume per unit Haar measure: :math:`2^{(N-1)d(d-1)/4}\sqrt{\mathrm{van}(\Sigma^2)/
    \mathrm{van}(\Sigma^{2/N})}`, sigma_1 > ... > sigma_d > 0 (derived and checked in
    :mod:`symdln.checks.balanced_entropy`).

    >>> orbit_density([sp.Integer(9), sp.Integer(1)], 1)
    1
    """
    sigmas, N = _ordered(sigmas), v.depth("N", N, symbolic=True)
    d, n = len(sigmas), sp.sympify(N)
    ratio = vandermonde([s**2 for s in sigmas]) / vandermonde([s ** (2 / n) for s in sigmas])
    return sp.Integer(2) ** ((n - 1) * d * (d - 1) / 4) * sp.sqrt(ratio)


def orbit_volume(sigmas: Sequence[sp.Expr], N: int) -> sp.Expr:
    r""":math:`\mathrm{vol}(O(d))^{N-1}` times :func:`orbit_density`: the volume of the fibre.

    >>> orbit_volume([sp.Integer(4), sp.Integer(1)], 2)
    4*sqrt(10)*pi

    Domain as :func:`orbit_density`.
    """
    sigmas, N = _ordered(sigmas), v.depth("N", N, symbolic=True)
    return haar_volume(len(sigmas)) ** (N - 1) * orbit_density(sigmas, N)


def entropy(sigmas: Sequence[sp.Expr], N: int) -> sp.Expr:
    r"""The entropy :math:`\log\mathrm{vol}(\phi^{-1}(W)) = \frac12\log\frac{\mathrm{van}(\Sigma^2)}
    {\mathrm{van}(\Sigma^{2/N})} + \log c(d, N)`.

    >>> entropy([sp.Integer(4), sp.Integer(1)], 1)
    0

    Domain as :func:`orbit_density`.
    """
    sigmas, N = _ordered(sigmas), v.depth("N", N, symbolic=True)
    return sp.log(orbit_volume(sigmas, N))


def tridiagonal_det(x: sp.Expr, y: sp.Expr, n: sp.Expr) -> sp.Expr:
    r"""Closed form of the n x n tridiagonal Toeplitz determinant, diagonal x + y, off-diagonal
    :math:`-\sqrt{xy}`: :math:`(x^{n+1} - y^{n+1})/(x - y)`.

    >>> tridiagonal_det(sp.Integer(4), sp.Integer(1), 2)
    21

    Domain: :math:`x, y \ge 0`, :math:`x \ne y`, n >= 0 an integer (symbolic allowed).
    """
    x, y = _squares(x, y, distinct=True)
    n = v.integer("n", n, 0, symbolic=True)
    return (x ** (n + 1) - y ** (n + 1)) / (x - y)


# ---------------------------------------------------------------- symbols of the 3 x 3 diagonal completion
#: the smallest and the largest rank of a minimiser of the 3 x 3 diagonal completion (observed diagonal 1)
r_min = sp.Symbol("r_min", integer=True, nonnegative=True)
r_max = sp.Symbol("r_max", integer=True, nonnegative=True)
RANKS3X3_SYMBOLS = (r_min, r_max)
