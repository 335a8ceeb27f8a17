"""Arb enclosures for paper 2: metric determinants in SVD coordinates, and small SymPy-to-z3 translation.

* :func:`metric_det_enclosure` -- a ball enclosing det g = (det J)^2 / det A_{N,W} in SVD coordinates
  for rational orthogonal U, V and singular values given as closed SymPy expressions (so sigma^{2/N}
  may be irrational); precision scoped.
* :func:`to_z3` -- a polynomial SymPy predicate (And/Or/relations) as a z3 formula.

>>> import sympy as sp
>>> b = metric_det_enclosure(sp.eye(2), sp.eye(2), [sp.Integer(3), sp.Integer(1)], 2, 128)
>>> # density^2 of Thm. 1.1 is (4/sqrt(3))^2; 1e-10: ball Gaussian elimination widens the radius
>>> bool(abs(b - flint.arb(16) / 3) < flint.arb("1e-10"))
True
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from itertools import combinations
from typing import Any

import flint
import sympy as sp

from symdln import validate as v
from symdln.certify.balls import to_arb

__all__ = ["metric_det_enclosure", "to_z3"]


def _arb_mat(M: sp.Matrix) -> flint.arb_mat:
    return flint.arb_mat([[to_arb(M[i, j]) for j in range(M.cols)] for i in range(M.rows)])


def metric_det_enclosure(
    U: sp.Matrix, V: sp.Matrix, sigmas: Sequence[sp.Expr], N: int, prec: int
) -> flint.arb:
    r"""Enclose :math:`\det g^N` in coordinates (sigma, omega^U_{il}, omega^V_{il}) at W = U diag(sigma) V^T.

    A_{N,W}(Z) = (1/N) sum_j U D^{N-j} U^T Z V D^{j-1} V^T with D = diag(sigma^{2/N}), as a d^2 x d^2
    ball matrix; J the SVD chart's Jacobian; det g = det(J)^2 / det(A).

    Domain: U, V square SymPy matrices of one size d with closed entries (no free symbols);
    ``sigmas`` d positive closed expressions; N (the depth) and ``prec`` positive integers.
    """
    U, V, sigmas, N, prec = _enclosure_args(U, V, sigmas, N, prec)
    d = U.rows
    with flint.ctx.workprec(prec):
        Ua, Va = _arb_mat(U), _arb_mat(V)
        p = [to_arb(s) ** (flint.arb(2) / N) for s in sigmas]
        sig = [to_arb(s) for s in sigmas]

        def diag(vals: Sequence[flint.arb]) -> flint.arb_mat:
            M = flint.arb_mat(d, d)
            for i, v in enumerate(vals):
                M[i, i] = v
            return M

        L = [Ua * diag([pi**k for pi in p]) * Ua.transpose() for k in range(N)]
        Rr = [Va * diag([pi**k for pi in p]) * Va.transpose() for k in range(N)]
        A = flint.arb_mat(d * d, d * d)
        for col in range(d * d):
            E = flint.arb_mat(d, d)
            E[col // d, col % d] = 1
            S = flint.arb_mat(d, d)
            for j in range(1, N + 1):
                S += L[N - j] * E * Rr[j - 1]
            for row in range(d * d):
                A[row, col] = S[row // d, row % d] / N
        S = diag(sig)
        cols = []
        for k in range(d):
            E = flint.arb_mat(d, d)
            E[k, k] = 1
            cols.append(Ua * E * Va.transpose())
        for i, l in combinations(range(d), 2):
            K = flint.arb_mat(d, d)
            K[i, l], K[l, i] = 1, -1
            cols.append(Ua * K * S * Va.transpose())
            cols.append(-(Ua * S * K * Va.transpose()))
        J = flint.arb_mat(d * d, d * d)
        for c, M in enumerate(cols):
            for row in range(d * d):
                J[row, c] = M[row // d, row % d]
        return J.det() ** 2 / A.det()


def _enclosure_args(U: Any, V: Any, sigmas: Any, N: Any, prec: Any) -> tuple[Any, ...]:
    """The arguments of :func:`metric_det_enclosure`, checked."""
    for name, M in (("U", U), ("V", V)):
        v.require(name, isinstance(M, sp.MatrixBase), "an explicit SymPy matrix", M)
    v.finite_matrix("U", U, square=True)
    v.finite_matrix("V", V, (U.rows, U.rows))
    for name, M in (("U", U), ("V", V)):
        v.require(name, not M.free_symbols, "a matrix of closed expressions (no free symbols)", M)
    sig = v.sequence("sigmas", sigmas)
    v.require("sigmas", len(sig) == U.rows, f"{U.rows} singular values (one per row of U)", sig)
    for i, s in enumerate(sig):
        v.positive(f"sigmas[{i}]", s, symbolic=False, exact=False)
    return U, V, sigmas, v.positive_int("N", N), v.positive_int("prec", prec)


def to_z3(expr: Any, env: dict[sp.Symbol, Any]) -> Any:
    """Translate a polynomial SymPy predicate or expression into z3 (symbols through ``env``).

    >>> import z3
    >>> a = sp.Symbol("a")
    >>> str(to_z3(sp.And(sp.Eq(a, 1), a >= 0), {a: z3.Real("a")}))
    'And(1 == a, 0 <= a)'

    Domain: ``expr`` a SymPy expression or statement built from rationals, symbols, ``+``, ``*``,
    nonnegative integer powers, relations and ``And``/``Or``/``Not``; ``env`` a mapping from SymPy
    Symbols that gives every free symbol of ``expr``.  Anything else raises
    :class:`symdln.validate.KindError` (a ValueError and a TypeError).
    """
    try:
        e = sp.sympify(expr, strict=True)
    except (sp.SympifyError, TypeError):
        e = None
    v.require("expr", isinstance(e, sp.Basic), "a SymPy expression or statement", expr, kind=True)
    v.require("env", isinstance(env, Mapping) and all(isinstance(k, sp.Symbol) for k in env),
              "a mapping from SymPy Symbols to z3 terms", env, kind=True)
    missing = e.free_symbols - set(env)
    v.require("env", not missing, f"a mapping that gives every free symbol of expr (missing: "
              f"{sorted(map(str, missing))})", env, kind=True)
    return _to_z3(e, env)


def _to_z3(e: Any, env: Mapping[sp.Symbol, Any]) -> Any:
    """:func:`to_z3` on checked arguments."""
    import z3

    if isinstance(e, sp.Symbol):
        return env[e]
    if e is sp.true:
        return z3.BoolVal(True)
    if e is sp.false:
        return z3.BoolVal(False)
    if isinstance(e, sp.And):
        return z3.And(*[_to_z3(a, env) for a in e.args])
    if isinstance(e, sp.Or):
        return z3.Or(*[_to_z3(a, env) for a in e.args])
    if isinstance(e, sp.Not):
        return z3.Not(_to_z3(e.args[0], env))
    if isinstance(e, sp.Equality):
        return _to_z3(e.lhs, env) == _to_z3(e.rhs, env)
    if isinstance(e, sp.Unequality):
        return _to_z3(e.lhs, env) != _to_z3(e.rhs, env)
    if isinstance(e, sp.GreaterThan):
        return _to_z3(e.lhs, env) >= _to_z3(e.rhs, env)
    if isinstance(e, sp.StrictGreaterThan):
        return _to_z3(e.lhs, env) > _to_z3(e.rhs, env)
    if isinstance(e, sp.LessThan):
        return _to_z3(e.lhs, env) <= _to_z3(e.rhs, env)
    if isinstance(e, sp.StrictLessThan):
        return _to_z3(e.lhs, env) < _to_z3(e.rhs, env)
    if e.is_Rational:
        return z3.RealVal(f"{e.p}/{e.q}")
    if e.is_Add:
        return z3.Sum(*[_to_z3(a, env) for a in e.args])
    if e.is_Mul:
        out = _to_z3(e.args[0], env)
        for a in e.args[1:]:
            out = out * _to_z3(a, env)
        return out
    if e.is_Pow and e.exp.is_Integer and e.exp >= 0:
        base = _to_z3(e.base, env)
        out = z3.RealVal(1)
        for _ in range(int(e.exp)):
            out = out * base
        return out
    raise v.KindError(f"expr must be a polynomial predicate (rationals, symbols, +, *, integer powers, "
                      f"relations, And/Or/Not), got {type(e).__name__} {e}")
