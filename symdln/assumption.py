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

The definitions are also formulas, SymPy objects in the symbols below (the
matrices ``X``, ``Sigma_x``, ``Sigma_xy``, ``U``, ``I_d``, the dimensions
``n``, ``d``, ``p``) with :class:`FrobeniusNorm`, :class:`FrobeniusDistance`,
:class:`OffDiagonal` and :class:`Pinching`; :func:`evaluate` gives their exact value on exact matrices
(the judges of ``eq27.*`` and ``sec42.eq28`` use it on the formula under test).

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
>>> evaluate(FrobeniusNorm(OffDiagonal(U.T * Sigma_x * U)), {"Sigma_x": sp.Matrix([[2, 1], [1, 2]]),
...                                                         "U": sp.eye(2)})
sqrt(2)
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import sympy as sp
from sympy.matrices.expressions import MatrixExpr

from symdln import validate as v
from symdln.notation import n

__all__ = [
    "MATRIX_FUNCTIONS",
    "FrobeniusDistance",
    "FrobeniusNorm",
    "I_d",
    "NotEvaluated",
    "OffDiagonal",
    "Pinching",
    "Sigma_x",
    "Sigma_xy",
    "U",
    "X",
    "d",
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
    "eigenprojectors",
    "evaluate",
    "frobenius",
    "p",
    "spectral_projectors",
    "split_diagonal",
]


# ---------------------------------------------------------------------------------------------
# the definitions of (27) and (28) as formulas: symbols, three matrix functions, exact evaluation

#: the input dimension (X is n x d) and the output dimension (Y is n x p)
d = sp.Symbol("d", positive=True, integer=True)
p = sp.Symbol("p", positive=True, integer=True)
#: the design matrix, the covariances of (7), the rotation U of Assump. 1 and the identity I_d
X = sp.MatrixSymbol("X", n, d)
Sigma_x = sp.MatrixSymbol("Sigma_x", d, d)
Sigma_xy = sp.MatrixSymbol("Sigma_xy", d, p)
U = sp.MatrixSymbol("U", d, d)
I_d = sp.MatrixSymbol("I_d", d, d)


class _Named(type(MatrixExpr)):  # type: ignore[misc]
    """Metaclass: a matrix function's class prints as its name (the name a formula uses)."""

    def __repr__(cls) -> str:
        return cls.__name__

    __str__ = __repr__


class FrobeniusNorm(sp.Function):
    r"""The Frobenius norm :math:`\|M\|_F = \sqrt{\sum_{ij} M_{ij}^2}` of a matrix (the norm of (27)).

    >>> FrobeniusNorm(Sigma_x)
    FrobeniusNorm(Sigma_x)
    >>> evaluate(FrobeniusNorm(Sigma_x), {"Sigma_x": sp.Matrix([[2, 1], [1, 2]])})
    sqrt(10)
    """

    nargs = 1
    is_extended_real = True
    is_extended_nonnegative = True

    def _latex(self, printer: Any, exp: Any = None) -> str:
        s = rf"\left\|{printer._print(self.args[0])}\right\|_F"
        return s if exp is None else f"{s}^{{{exp}}}"


class FrobeniusDistance(sp.Function):
    r"""The Frobenius distance :math:`\|A - B\|_F` of two matrices of the same shape (a difference
    kept as two arguments: SymPy's simplification cannot take a matrix sum apart inside a function).

    >>> evaluate(FrobeniusDistance(Sigma_x, I_d), {"Sigma_x": sp.Matrix([[2, 1], [1, 2]])})
    2
    """

    nargs = 2
    is_extended_real = True
    is_extended_nonnegative = True

    def _latex(self, printer: Any, exp: Any = None) -> str:
        a, b = (printer._print(x) for x in self.args)
        s = rf"\left\|{a} - {b}\right\|_F"
        return s if exp is None else f"{s}^{{{exp}}}"


class OffDiagonal(MatrixExpr, metaclass=_Named):
    r"""The off-diagonal part of a square matrix (its diagonal set to 0): B of (13) is
    ``OffDiagonal(U.T*Sigma_x*U)``."""

    def __new__(cls, M: Any) -> OffDiagonal:
        return super().__new__(cls, sp.sympify(M))

    @property
    def shape(self) -> tuple[Any, Any]:
        return self.args[0].shape  # type: ignore[no-any-return]

    def _latex(self, printer: Any, exp: Any = None) -> str:
        return rf"\operatorname{{offdiag}}\left({printer._print(self.args[0])}\right)"


class Pinching(MatrixExpr, metaclass=_Named):
    r"""The pinching :math:`\sum_k P_k A P_k` of A by the symmetric G, P_k the orthogonal projectors
    onto the eigenspaces of G (the null space included): the part of A that does not couple two
    eigenspaces of G."""

    def __new__(cls, A: Any, G: Any) -> Pinching:
        return super().__new__(cls, sp.sympify(A), sp.sympify(G))

    @property
    def shape(self) -> tuple[Any, Any]:
        return self.args[0].shape  # type: ignore[no-any-return]

    def _latex(self, printer: Any, exp: Any = None) -> str:
        a, g = (printer._print(x) for x in self.args)
        return rf"\operatorname{{pinch}}_{{{g}}}\left({a}\right)"


#: the matrix functions a formula may use, by name
MATRIX_FUNCTIONS = {"FrobeniusNorm": FrobeniusNorm, "FrobeniusDistance": FrobeniusDistance,
                    "OffDiagonal": OffDiagonal, "Pinching": Pinching}


class NotEvaluated(ArithmeticError):
    """A well-formed formula that :func:`evaluate` cannot evaluate exactly (e.g. a pinching by a
    matrix with an eigenvalue of degree 3 or more over Q): the judge cannot decide, nothing is wrong
    with the formula."""


def _formula_error(message: str) -> Exception:
    from symdln.correction import FormulaError

    return FormulaError(message)


def evaluate(formula: sp.Basic, matrices: Mapping[str, sp.Matrix],
             scalars: Mapping[sp.Symbol, Any] | None = None) -> sp.Expr:
    r"""The exact value of a scalar formula in matrix symbols, on exact matrices.

    ``matrices`` maps the name of each matrix symbol (``"X"``, ``"Sigma_x"``, ...) to an explicit
    matrix; ``I_d`` is the identity and the dimensions ``n``, ``d``, ``p`` are read from the
    matrices' shapes unless ``scalars`` gives them.  Products, sums, powers, transposes, inverses,
    traces, :class:`FrobeniusNorm`, :class:`FrobeniusDistance`, :class:`OffDiagonal` and
    :class:`Pinching` are evaluated
    exactly; scalar functions (``sqrt``, ``exp``, ...) are applied to the exact values.  A formula
    that is malformed here (an unknown matrix, a shape that does not match, a matrix where a number
    is expected, a matrix as the result) raises :class:`symdln.correction.FormulaError`; one it cannot
    evaluate exactly raises :class:`NotEvaluated`.

    >>> evaluate(FrobeniusNorm(X.T * X / n - I_d) / 2, {"X": sp.Matrix([[1], [1]])})
    0
    >>> evaluate(FrobeniusNorm(X - U), {"X": sp.Matrix([[1], [1]]), "U": sp.eye(1)})
    Traceback (most recent call last):
    ...
    symdln.correction.FormulaError: -U + X: the shapes 1 x 1 and 2 x 1 do not match

    The data must be well formed: ``matrices`` maps names to explicit finite matrices,
    ``scalars`` (optional) symbols to finite numbers; otherwise ``ValueError``.
    """
    if not isinstance(matrices, Mapping):
        raise ValueError(f"matrices must be a mapping from names to matrices, got {matrices!r}")
    for key, M in matrices.items():
        if not isinstance(M, (sp.MatrixBase, np.ndarray)):
            raise ValueError(f"matrices[{key!r}] must be an explicit matrix, got {M!r}")
        v.finite_matrix(f"matrices[{key!r}]", M)
    if scalars is not None:
        if not isinstance(scalars, Mapping):
            raise ValueError(f"scalars must be a mapping from symbols to numbers, got {scalars!r}")
        for key, x in scalars.items():
            v.real(f"scalars[{key}]", x, exact=False)
    env = dict(scalars or {})
    mats = {k: sp.ImmutableMatrix(v) for k, v in matrices.items()}
    for name, (rows, cols) in (("X", (n, d)), ("Sigma_x", (d, d)), ("Sigma_xy", (d, p)), ("U", (d, d))):
        if name in mats:
            for sym, size in ((rows, mats[name].rows), (cols, mats[name].cols)):
                env.setdefault(sym, sp.Integer(size))
    if d in env:
        mats.setdefault("I_d", sp.ImmutableMatrix(sp.eye(int(env[d]))))

    def fail(e: sp.Basic, why: str) -> Exception:
        return _formula_error(f"{sp.sstr(e)}: {why}")

    def mat(e: sp.Basic) -> sp.ImmutableMatrix:
        v = ev(e)
        if not isinstance(v, sp.MatrixBase):
            raise fail(e, "a number where a matrix is expected")
        return v

    def shape_of(e: sp.Basic) -> tuple[int, int]:
        dims = []
        for s in e.shape:
            k = sp.sympify(s).xreplace(env)
            if not k.is_Integer:
                raise fail(e, f"unknown dimension {k}")
            dims.append(int(k))
        return dims[0], dims[1]

    def ev(e: sp.Basic) -> Any:
        if isinstance(e, sp.MatrixSymbol):
            if e.name not in mats:
                names = ", ".join(sorted(mats))
                raise _formula_error(f"unknown matrix {e.name!r} (the matrices are: {names})")
            M = mats[e.name]
            if shape_of(e) != M.shape:
                rows, cols = shape_of(e)
                raise fail(e, f"{e.name} is {M.rows} x {M.cols} here, not {rows} x {cols}")
            return M
        if isinstance(e, sp.Identity):
            return sp.ImmutableMatrix(sp.eye(shape_of(e)[0]))
        if isinstance(e, sp.ZeroMatrix):
            return sp.ImmutableMatrix(sp.zeros(*shape_of(e)))
        if isinstance(e, sp.Transpose):
            return mat(e.arg).T
        if isinstance(e, sp.Inverse):
            M = mat(e.arg)
            if not M.is_square or M.det() == 0:
                raise fail(e, "not an invertible matrix")
            return M.inv()
        if isinstance(e, sp.MatMul):
            scalar, acc = sp.S.One, None
            for a in e.args:
                v = ev(a)
                if isinstance(v, sp.MatrixBase):
                    if acc is not None and acc.cols != v.rows:
                        raise fail(e, f"the shapes {acc.rows} x {acc.cols} and {v.rows} x {v.cols} "
                                      "cannot be multiplied")
                    acc = v if acc is None else acc * v
                else:
                    scalar *= v
            return scalar if acc is None else sp.ImmutableMatrix(scalar * acc)
        if isinstance(e, sp.MatAdd):
            terms = [mat(a) for a in e.args]
            if any(t.shape != terms[0].shape for t in terms):
                shapes = " and ".join(f"{t.rows} x {t.cols}" for t in terms)
                raise fail(e, f"the shapes {shapes} do not match")
            return sp.ImmutableMatrix(sum(terms[1:], terms[0]))
        if isinstance(e, sp.MatPow):
            M, k = mat(e.base), ev(e.exp)
            if not M.is_square or not k.is_Integer or (k < 0 and M.det() == 0):
                raise fail(e, "a power of a matrix needs a square (invertible, for k < 0) matrix and "
                              "an integer k")
            return sp.ImmutableMatrix(M ** int(k))
        if isinstance(e, sp.Trace):
            M = mat(e.arg)
            if not M.is_square:
                raise fail(e, "the trace of a matrix that is not square")
            return M.trace()
        if isinstance(e, FrobeniusNorm):
            return frobenius(mat(e.args[0]))
        if isinstance(e, FrobeniusDistance):
            A, Bm = mat(e.args[0]), mat(e.args[1])
            if A.shape != Bm.shape:
                raise fail(e, f"the shapes {A.rows} x {A.cols} and {Bm.rows} x {Bm.cols} do not match")
            return frobenius(A - Bm)
        if isinstance(e, OffDiagonal):
            M = mat(e.args[0])
            if not M.is_square:
                raise fail(e, "the off-diagonal part of a matrix that is not square")
            return sp.ImmutableMatrix(split_diagonal(sp.Matrix(M))[1])
        if isinstance(e, Pinching):
            A, G = mat(e.args[0]), mat(e.args[1])
            if not (G.is_square and A.is_square and G.rows == A.rows) or G != G.T:
                raise fail(e, "Pinching(A, G) needs a symmetric G and a square A of the same size")
            z = sp.Dummy("z")
            if any(sp.degree(f, z) > 2 for f, _ in sp.factor_list(G.charpoly(z).as_expr(), z)[1]):
                raise NotEvaluated(f"{sp.sstr(e)}: G has an eigenvalue of degree > 2 over Q, the "
                                   "pinching is not evaluated exactly here")
            return sp.ImmutableMatrix(sum((P * A * P for P in eigenprojectors(sp.Matrix(G))),
                                          sp.zeros(*A.shape)))
        if isinstance(e, MatrixExpr):
            raise fail(e, f"{type(e).__name__} is not evaluated here")
        if isinstance(e, sp.Symbol):
            if e not in env:
                raise _formula_error(f"unknown symbol {e.name!r} in a matrix formula")
            return env[e]
        if not e.args:
            return e
        args = [ev(a) for a in e.args]
        if any(isinstance(a, sp.MatrixBase) for a in args):
            raise fail(e, "a matrix where a number is expected")
        return e.func(*args)

    if not isinstance(formula, sp.Expr) or isinstance(formula, MatrixExpr):
        raise _formula_error(f"{sp.sstr(formula)} is not a number-valued expression")
    value = ev(formula)
    if isinstance(value, sp.MatrixBase):
        raise fail(formula, "a matrix, not a number")
    return value


def split_diagonal(M: sp.Matrix) -> tuple[sp.Matrix, sp.Matrix]:
    """(diagonal part, off-diagonal part) of a square matrix (finite entries).

    >>> split_diagonal(sp.Matrix([[1, 2], [3, 4]]))[1]
    Matrix([
    [0, 2],
    [3, 0]])
    """
    v.finite_matrix("M", M, square=True)
    D = sp.diag(*[M[i, i] for i in range(M.rows)])
    return D, M - D


def defect_B(Sx: sp.Matrix, U: sp.Matrix) -> sp.Matrix:
    r"""B of (13) for a given orthogonal U: the off-diagonal part of U^T \Sigma_x U
    (``Sx`` d x d symmetric, ``U`` d x d).

    >>> defect_B(sp.Matrix([[2, 1], [1, 2]]), sp.eye(2))
    Matrix([
    [0, 1],
    [1, 0]])
    """
    v.finite_matrix("Sx", Sx, symmetric=True)
    v.finite_matrix("U", U, Sx.shape)
    return split_diagonal(U.T * Sx * U)[1]


def frobenius(M: sp.Matrix) -> sp.Expr:
    """Frobenius norm of an exact matrix (a square root of an exact sum of squares).

    >>> frobenius(sp.Matrix([[3, 4]]))
    5
    """
    v.finite_matrix("M", M)
    return sp.sqrt(sum(e**2 for e in M))


def delta_xy_printed(Sx: sp.Matrix, U: sp.Matrix) -> sp.Expr:
    r"""\Delta_{xy} = \|B\|_F/\|\Sigma_x\|_F of (27) as printed, for one admissible U.

    >>> import sympy as sp
    >>> delta_xy_printed(sp.Matrix([[2, 1], [1, 2]]), sp.eye(2))
    sqrt(5)/5

    Domain: ``Sx`` d x d symmetric and nonzero, ``U`` d x d.
    """
    v.finite_matrix("Sx", Sx, symmetric=True)
    v.nonzero_matrix("Sx", Sx)
    return sp.radsimp(frobenius(defect_B(Sx, U)) / frobenius(Sx))


def spectral_projectors(Sxy: sp.Matrix) -> list[sp.Matrix]:
    r"""Orthogonal projectors onto the eigenspaces of \Sigma_{xy}\Sigma_{xy}^\top (exact).

    One projector per distinct eigenvalue, the null space (the part of U
    that must be completed when d > rank Sigma_xy) included; they sum to I_d.

    >>> import sympy as sp
    >>> [P.rank() for P in spectral_projectors(sp.Matrix([[1], [0], [0]]))]
    [2, 1]
    """
    v.finite_matrix("Sxy", Sxy)
    return eigenprojectors(Sxy * Sxy.T)


def eigenprojectors(G: sp.Matrix) -> list[sp.Matrix]:
    r"""Orthogonal projectors onto the eigenspaces of the symmetric matrix G (exact), one per
    distinct eigenvalue; they sum to I.

    >>> [P.rank() for P in eigenprojectors(sp.diag(1, 0, 0))]
    [2, 1]
    """
    v.finite_matrix("G", G, symmetric=True)
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

    Domain: ``Sx`` d x d symmetric, ``Sxy`` d x p.
    """
    v.finite_matrix("Sx", Sx, symmetric=True)
    v.finite_matrix("Sxy", Sxy, (Sx.shape[0], None))
    Ps = spectral_projectors(Sxy)
    R = Sx - sum((P * Sx * P for P in Ps), sp.zeros(*Sx.shape))
    return sp.simplify(frobenius(R.applyfunc(sp.simplify)))


def delta_xy_min(Sx: sp.Matrix, Sxy: sp.Matrix) -> sp.Expr:
    r"""Well-defined \Delta_{xy}: :func:`defect_min` / \|\Sigma_x\|_F (independent of any choice);
    ``Sx`` d x d symmetric and nonzero, ``Sxy`` d x p.

    >>> delta_xy_min(sp.Matrix([[2, 1], [1, 2]]), sp.Matrix([[2, 0], [0, 1]]))
    sqrt(5)/5
    """
    v.nonzero_matrix("Sx", Sx)
    return sp.simplify(defect_min(Sx, Sxy) / frobenius(Sx))


def delta_x_printed(X: sp.Matrix) -> sp.Expr:
    r"""\Delta_x of (27) read literally: \tfrac12\|\hat\Sigma_x - \hat I_d\|_F with
    \hat\Sigma_x := \frac1n \hat X^\top\hat X, \hat X = X/\|X\|_F, \hat I_d = I_d/\sqrt d.

    >>> import sympy as sp
    >>> delta_x_printed(sp.Matrix([[1], [1]]))  # Sigma_x = I_1, yet not 0
    1/4

    Domain: ``X`` n x d, finite and nonzero.
    """
    v.finite_matrix("X", X)
    v.nonzero_matrix("X", X)
    n, d = X.shape
    Xh = X / frobenius(X)
    return sp.simplify(frobenius(Xh.T * Xh / n - sp.eye(d) / sp.sqrt(d)) / 2)


def delta_x_unscaled(X: sp.Matrix) -> sp.Expr:
    r"""\Delta_x of (27) with \hat\Sigma_x := \hat X^\top\hat X (the 1/n dropped): trace 1, not norm 1.

    >>> import sympy as sp
    >>> delta_x_unscaled(sp.Matrix([[1, 1], [1, -1]]))  # Sigma_x = I_2
    1/2 - sqrt(2)/4

    Domain as :func:`delta_x_printed`.
    """
    v.finite_matrix("X", X)
    v.nonzero_matrix("X", X)
    d = X.shape[1]
    Xh = X / frobenius(X)
    return sp.simplify(frobenius(Xh.T * Xh - sp.eye(d) / sp.sqrt(d)) / 2)


def delta_x_corrected(Sx: sp.Matrix) -> sp.Expr:
    r"""Well-posed \Delta_x: \tfrac12\|\Sigma_x/\|\Sigma_x\|_F - I_d/\sqrt d\|_F, zero iff Sigma_x is
    a positive multiple of I_d; ``Sx`` d x d symmetric and nonzero.

    >>> delta_x_corrected(sp.diag(2, 2))
    0
    """
    v.finite_matrix("Sx", Sx, symmetric=True)
    v.nonzero_matrix("Sx", Sx)
    d = Sx.shape[0]
    return sp.simplify(frobenius(Sx / frobenius(Sx) - sp.eye(d) / sp.sqrt(d)) / 2)


def delta_xy_sup(d: int | sp.Expr) -> sp.Expr:
    r"""Largest value of \Delta_{xy} over PSD Sigma_x and any U: \sqrt{1 - 1/d} (rank-one, flat);
    d >= 1 an integer (symbolic allowed).

    >>> delta_xy_sup(4)
    sqrt(3)/2
    """
    d = v.integer("d", d, 1, symbolic=True)
    return sp.sqrt(1 - sp.Integer(1) / d)


def delta_x_sup(d: int | sp.Expr) -> sp.Expr:
    r"""Largest value of the corrected \Delta_x over PSD Sigma_x != 0: \tfrac12\sqrt{2 - 2/\sqrt d},
    attained exactly by every rank-one Sigma_x.

    >>> delta_x_sup(784)
    3*sqrt(42)/28

    Domain: d >= 1 an integer (symbolic allowed).
    """
    d = v.integer("d", d, 1, symbolic=True)
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

    Domain: ``X`` n x d (nonzero), ``Y`` n x p, finite; ``rank_tol`` >= 0.
    """
    X = v.finite_array("X", X, ndim=2).astype(np.float64)
    Y = v.finite_array("Y", Y, shape=(X.shape[0], None)).astype(np.float64)
    v.nonzero_matrix("X", X)
    return deltas_from_moments(X.T @ X, X.T @ Y, X.shape[0], rank_tol)


def deltas_from_moments(G: np.ndarray, C: np.ndarray, n: int, rank_tol: float = 1e-10) -> dict[str, Any]:
    r"""The (27) quantities from G = X^T X, C = X^T Y and n (so data can be streamed in batches).

    ||X||_F^2 = tr G, Sigma_x = G/n, Sigma_xy = C/n.

    >>> import numpy as np
    >>> out = deltas_from_moments(np.array([[2.0]]), np.array([[2.0]]), 2)  # X = Y = [1, 1]^T
    >>> out["delta_xy_min"], out["delta_x_corrected"], out["delta_x_printed"]
    (0.0, 0.0, 0.25)

    Domain: ``G`` d x d with positive trace, ``C`` d x p, finite; n >= 1 an integer; ``rank_tol`` >= 0.
    """
    G = v.finite_array("G", G, ndim=2)
    G = v.finite_array("G", G, shape=(G.shape[0], G.shape[0]))
    C = v.finite_array("C", C, shape=(G.shape[0], None))
    n = v.positive_int("n", n)
    v.nonnegative("rank_tol", rank_tol, symbolic=False, exact=False)
    if not float(np.trace(G)) > 0:
        raise ValueError(f"G must have a positive trace (G = X^T X, X nonzero), got {float(np.trace(G))}")
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
