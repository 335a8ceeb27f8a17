r"""The linear autoencoder remark of paper 1 (Sec. 3.1, derivation in App. A): with
:math:`W_1 = W_2^\top` the gradient dynamics recovers the PCA of X.

* :func:`judge_appA_symmetry` -- a condition on :math:`W_1(0) = W_2(0)^\top` under which (12) with
  Y = X keeps :math:`W_1(t) = W_2(t)^\top` (a reading of the remark, not printed);
* :func:`check_appA_pca` -- the PCA limit for Thm. 1's initialisations with :math:`W_1(0) = W_2(0)^\top`;
* :func:`check_appA_generic_limit` -- what a generic symmetric start recovers (observed only).
"""

from __future__ import annotations

import functools
from collections.abc import Callable

import sympy as sp

from symdln.assumption import Sigma_x, d
from symdln.certify.exact import cayley_orthogonal
from symdln.checks.continuous import _R, _rot
from symdln.continuous import (
    flow_12_L2,
    thm1_layers,
    w_active_16,
)
from symdln.verdict import CheckResult, Evidence, Verdict

__all__ = [
    "APPA_EIGENVALUES",
    "ASYMMETRIC_STARTS",
    "SYMMETRY_CASES",
    "SYMMETRY_SYMBOLS",
    "W_1",
    "W_2",
    "check_appA_generic_limit",
    "check_appA_pca",
    "judge_appA_symmetry",
    "pca_projector",
    "r",
    "symmetry_invariance_residuals",
]

# ---------------------------------------------------------------------------- appA.symmetry_path
#: the symbols of a condition on the initialisation (appA.symmetry_path): the inner width r, W_1(0)
#: (d x r) and W_2(0) (r x d) as matrix symbols; Sigma_x and d are those of :mod:`symdln.assumption`
r = sp.Symbol("r", positive=True, integer=True)
W_1 = sp.MatrixSymbol("W_1", d, r)
W_2 = sp.MatrixSymbol("W_2", r, d)
SYMMETRY_SYMBOLS = (W_1, W_2, Sigma_x, d, r)
#: the free algebra of the proof for every d and r: W = W_1(0), W^T, W_2(0), W_2(0)^T, S = Sigma_x
#: (symmetric: S^T = S), and K, which stands for C = [P, Sigma_x] = W W^T S - S W W^T
_W, _WT, _V, _VT, _S, _K = sp.symbols("W W^T W_2 W_2^T S K", commutative=False)

_U3 = cayley_orthogonal(sp.Matrix([[0, 1, 2], [-1, 0, _R(1, 2)], [-2, -_R(1, 2), 0]]))
_Q3 = cayley_orthogonal(sp.Matrix([[0, _R(1, 3), 0], [-_R(1, 3), 0, 1], [0, -1, 0]]))

#: exact starts (label, Sigma_x, W_1(0)) with W_2(0) = W_1(0)^T, d = 2, 3 and r = 1, 2, 3: symmetry
#: lost (nonzero drift) and kept, each both with distinct and with repeated eigenvalues of Sigma_x
#: starts with W_2(0) != W_1(0)^T (label, Sigma_x, W_1(0), W_2(0)): the first two have
#: [W_1 W_1^T, Sigma_x] = 0, so a condition that forgets W_2(0) = W_1(0)^T holds there
ASYMMETRIC_STARTS: tuple[tuple[str, sp.Matrix, sp.Matrix, sp.Matrix], ...] = (
    ("W_2(0) = 2 W_1(0)^T, W_1 an eigenvector (d = 2, r = 1)", sp.diag(1, 2), sp.Matrix([[1], [0]]),
     sp.Matrix([[2, 0]])),
    ("W_2(0) = -W_1(0)^T, W_1 = I (d = r = 2)", sp.diag(1, 2), sp.eye(2), -sp.eye(2)),
    ("W_2(0) = W_1(0), not its transpose (d = r = 2)", sp.diag(1, 2), sp.Matrix([[1, 1], [0, 1]]),
     sp.Matrix([[1, 1], [0, 1]])),
)

SYMMETRY_CASES: tuple[tuple[str, sp.Matrix, sp.Matrix], ...] = (
    ("distinct eigenvalues, W_1 across eigenvectors (d = 2, r = 1)", sp.diag(1, 2), sp.Matrix([[1], [1]])),
    ("distinct eigenvalues, r = 2", sp.diag(1, 2), sp.Matrix([[1, 0], [1, 1]])),
    ("distinct eigenvalues, d = 3, r = 2", sp.diag(1, 2, 3), sp.Matrix([[1, 0], [1, 1], [0, 1]])),
    ("repeated eigenvalue, W_1 across the two eigenspaces", sp.diag(2, 2, 1), sp.Matrix([[1], [0], [1]])),
    ("repeated eigenvalue, r = 2, a column across eigenspaces", sp.diag(2, 2, 1),
     sp.Matrix([[1, 0], [1, 1], [0, 1]])),
    ("non-diagonal Sigma_x, W_1 not an eigenvector", sp.Matrix([[2, 1], [1, 2]]), sp.Matrix([[1], [0]])),
    ("singular Sigma_x, W_1 across its kernel", sp.diag(1, 0), sp.Matrix([[1], [1]])),
    ("rotated Sigma_x, d = r = 3, W_1 diagonal", _U3 * sp.diag(3, 2, 1) * _U3.T, sp.diag(1, 2, 3) / 4),
    ("aligned, distinct eigenvalues (d = 2, r = 1)", sp.diag(1, 2), sp.Matrix([[_R(1, 2)], [0]])),
    ("aligned, W_1 = diag(a) Q, Q a rotation", sp.diag(1, 2), sp.diag(_R(1, 2), _R(1, 3)) * _rot(_R(1, 2))),
    ("Sigma_x = I, any W_1", sp.diag(1, 1), sp.Matrix([[1], [1]])),
    ("repeated eigenvalue, W_1 mixes inside the eigenspace", sp.diag(2, 2, 1),
     sp.Matrix([[1, 0], [1, 1], [0, 0]])),
    ("repeated eigenvalue, r = 3, W_1 W_1^T block-diagonal", sp.diag(2, 2, 1),
     sp.Matrix([[1, 0, 0], [1, 1, 0], [0, 0, _R(1, 2)]])),
    ("non-diagonal Sigma_x, W_1 an eigenvector", sp.Matrix([[2, 1], [1, 2]]), sp.Matrix([[1], [1]])),
    ("singular Sigma_x, W_1 in eigenspaces", sp.diag(3, 1, 0), sp.Matrix([[0, 0], [0, 1], [1, 0]])),
    ("rotated Sigma_x, d = r = 3, W_1 = U diag(a) Q", _U3 * sp.diag(3, 2, 1) * _U3.T,
     _U3 * sp.diag(_R(1, 2), _R(1, 3), _R(1, 5)) * _Q3),
    ("W_1 = 0", sp.diag(1, 2, 3), sp.zeros(3, 2)),
)


def _nc_transpose(e: sp.Expr, swap: dict[sp.Symbol, sp.Symbol]) -> sp.Expr:
    """The transpose of a polynomial in noncommutative symbols: each word reversed, its letters mapped
    by ``swap`` (a letter absent from ``swap`` is symmetric)."""
    out = sp.Integer(0)
    for term in sp.Add.make_args(sp.expand(e)):
        c, nc = term.args_cnc()
        letters = [x for f in nc for x in ([f.base] * int(f.exp) if f.is_Pow else [f])]
        out += sp.Mul(*c) * sp.Mul(*(swap.get(x, x) for x in reversed(letters)))
    return out


@functools.lru_cache(maxsize=1)
def symmetry_invariance_residuals() -> dict[str, str]:
    r"""The identities behind the truth of :func:`judge_appA_symmetry`, checked in the free algebra
    (noncommutative W, W^T, S with S^T = S, so for every d and r); each residual must be 0.  With
    :math:`P = WW^\top` and :math:`C = P\Sigma_x - \Sigma_xP`:

    * (i) on :math:`W_2 = W_1^\top = W^\top`: :math:`\dot W_2 - \dot W_1^\top = W^\top C`;
    * (ii) :math:`PC = W(W^\top C)` and :math:`PC = P^2\Sigma_x - P\Sigma_xP`, with
      :math:`(P\Sigma_xP)^\top = P\Sigma_xP` and :math:`(P^2\Sigma_x)^\top = \Sigma_xP^2`: so
      :math:`W^\top C = 0` makes :math:`P^2\Sigma_x` symmetric, i.e. :math:`[P^2, \Sigma_x] = 0`;
    * (iii) along :math:`\dot W = (\Sigma_x - \Sigma_xP)W`:
      :math:`\dot P = \Sigma_xP + P\Sigma_x - \Sigma_xP^2 - P^2\Sigma_x`, and then
      :math:`\dot C = C\Sigma_x + \Sigma_xC - (PC + CP)\Sigma_x - \Sigma_x(PC + CP)`, linear in C.

    >>> sorted(set(symmetry_invariance_residuals().values()))
    ['0']
    """
    W, Wt, S = _W, _WT, _S
    swap = {W: Wt, Wt: W}
    P = W * Wt
    C = P * S - S * P
    W1dot = (S - S * P) * W  # (12) with Sigma_xy = Sigma_x = S, W_1 = W, W_2 = W^T
    W2dot = Wt * (S - S * P)
    Pdot = W1dot * Wt + W * _nc_transpose(W1dot, swap)
    Pdot_stated = S * P + P * S - S * P**2 - P**2 * S
    Cdot = Pdot_stated * S - S * Pdot_stated
    Cdot_linear = C * S + S * C - (P * C + C * P) * S - S * (P * C + C * P)
    return {name: sp.sstr(sp.expand(e)) for name, e in (
        ("drift on W_2 = W_1^T", W2dot - _nc_transpose(W1dot, swap) - Wt * C),
        ("P C = W (W^T C)", P * C - W * (Wt * C)),
        ("P C = P^2 S - P S P", P * C - (P**2 * S - P * S * P)),
        ("(P S P)^T = P S P", _nc_transpose(P * S * P, swap) - P * S * P),
        ("(P^2 S)^T = S P^2", _nc_transpose(P**2 * S, swap) - S * P**2),
        ("dP/dt", Pdot - Pdot_stated), ("dC/dt linear in C", Cdot - Cdot_linear))}


def _asymmetry_taylor(Sx: sp.Matrix, W1: sp.Matrix, order: int) -> list[sp.Matrix]:
    """The Taylor coefficients c_0..c_order at t = 0 of W_2(t) - W_1(t)^T for the flow (12) with Y = X
    from W_2(0) = W_1(0)^T (exact: the series of the polynomial vector field, order by order)."""
    A, B = [W1], [W1.T]
    for k in range(order):
        M = [sum((A[i] * B[k_ - i] for i in range(k_ + 1)), sp.zeros(*Sx.shape)) for k_ in range(k + 1)]
        R = [(Sx if j == 0 else sp.zeros(*Sx.shape)) - Sx * M[j] for j in range(k + 1)]
        A.append(sum((R[j] * B[k - j].T for j in range(k + 1)), sp.zeros(*W1.shape)) / (k + 1))
        B.append(sum((A[j].T * R[k - j] for j in range(k + 1)), sp.zeros(*W1.T.shape)) / (k + 1))
    return [B[k] - A[k].T for k in range(order + 1)]


def _condition_at(condition: sp.Basic, Sx: sp.Matrix, W1: sp.Matrix,
                  W2: sp.Matrix | None = None) -> bool | None:
    """The condition evaluated exactly at Sigma_x, W_1(0), W_2(0) (default W_1(0)^T; ``None``:
    undecided)."""
    from sympy.matrices.exceptions import NonSquareMatrixError, ShapeError

    from symdln.correction import FormulaError

    env = {W_1: sp.ImmutableMatrix(W1), W_2: sp.ImmutableMatrix(W1.T if W2 is None else W2),
           Sigma_x: sp.ImmutableMatrix(Sx),
           d: sp.Integer(Sx.rows), r: sp.Integer(W1.cols)}
    try:
        decided = {}
        for rel in condition.atoms(sp.Eq, sp.Ne):  # matrix equations decided entry by entry
            sides = [x.xreplace(env).doit() for x in rel.args]
            shapes = [getattr(x, "shape", None) for x in sides]
            if shapes[0] != shapes[1]:
                words = " and ".join("a number" if z is None else f"{z[0]} x {z[1]}" for z in shapes)
                raise FormulaError(f"{sp.sstr(rel)}: the sides are {words} at d = {Sx.rows}, r = {W1.cols}")
            if shapes[0] is not None:
                lhs, rhs = (sp.Matrix(x.as_explicit()) for x in sides)
                same = all(sp.simplify(e) == 0 for e in lhs - rhs)
                decided[rel] = sp.true if same == isinstance(rel, sp.Eq) else sp.false
        v = condition.xreplace(decided).xreplace(env).doit()
        if v not in (sp.true, sp.false):
            v = sp.simplify(v)
    except FormulaError:
        raise
    except (ShapeError, NonSquareMatrixError):
        raise FormulaError(f"{sp.sstr(condition)}: the shapes do not match at d = {Sx.rows}, "
                           f"r = {W1.cols}") from None
    except (ArithmeticError, TypeError, ValueError):  # e.g. the inverse of a singular matrix: no value
        return None
    return True if v is sp.true else False if v is sp.false else None


class _NotAWord(ValueError):
    """A matrix expression that is not a polynomial in W_1, W_2, Sigma_x and their transposes."""


_LETTERS = {W_1: (_W, _WT), W_2: (_V, _VT), Sigma_x: (_S, _S)}


def _word(e: sp.Basic) -> sp.Expr:
    """A matrix expression (transposes pushed onto the symbols by ``doit``) as a polynomial in the free
    algebra of :data:`_W`, :data:`_WT`, :data:`_V`, :data:`_VT`, :data:`_S`; identities are 1.

    >>> _word((W_1 * W_1.T * Sigma_x).T.doit())
    S*W*W^T
    """
    if e in _LETTERS:
        return _LETTERS[e][0]
    if isinstance(e, sp.Transpose) and e.arg in _LETTERS:
        return _LETTERS[e.arg][1]
    if isinstance(e, sp.Identity):
        return sp.S.One
    if isinstance(e, sp.ZeroMatrix):
        return sp.S.Zero
    if isinstance(e, sp.MatMul):
        return sp.Mul(*(_word(a) for a in e.args))
    if isinstance(e, sp.MatAdd):
        return sp.Add(*(_word(a) for a in e.args))
    if isinstance(e, sp.MatPow) and e.exp.is_Integer and e.exp >= 0:
        return _word(e.base) ** int(e.exp)
    if isinstance(e, sp.Expr) and not isinstance(e, sp.MatrixExpr) and e.is_number:
        return e
    raise _NotAWord(f"{sp.sstr(e)} is not a polynomial in W_1, W_2, Sigma_x and their transposes")


def _with_commutator(e: sp.Expr) -> sp.Expr:
    """``e`` with every subword W W^T S rewritten as S W W^T + K (K = C: an identity), until none is
    left (S moves left at each step, so this ends)."""
    e = sp.expand(e)
    for _ in range(100):
        new = sp.expand(e.subs(_W * _WT * _S, _S * _W * _WT + _K))
        if new == e:
            return e
        e = new
    raise _NotAWord("the rewriting W W^T S -> S W W^T + C did not end")  # pragma: no cover


def _multiple(e: sp.Expr, of: sp.Expr) -> sp.Expr | None:
    """c if e = c * of in the free algebra, c a nonzero number (word by word), else None."""
    def words(x: sp.Expr) -> dict[tuple[sp.Expr, ...], sp.Expr]:
        out: dict[tuple[sp.Expr, ...], sp.Expr] = {}
        for term in sp.Add.make_args(sp.expand(x)):
            c, nc = term.args_cnc()
            out[tuple(nc)] = out.get(tuple(nc), sp.S.Zero) + sp.Mul(*c)
        return {k: v for k, v in out.items() if v != 0}

    ours, theirs = words(e), words(of)
    if not theirs or set(ours) != set(theirs):
        return None
    ratios = {sp.cancel(ours[k] / theirs[k]) for k in theirs}
    c = ratios.pop()
    return c if not ratios and c.is_number and not c.free_symbols and c != 0 else None


#: the forms of an equation equivalent to C = 0 on W_2 = W_1^T (lemma (ii) and its transpose)
_C_FORMS = {"[P, Sigma_x] = 0": _K, "W_1^T [P, Sigma_x] = 0 (lemma (ii))": _WT * _K,
            "[P, Sigma_x] W_1 = 0 (lemma (ii), transposed: C^T = -C)": _K * _W}


def general_reading(condition: sp.Basic) -> tuple[dict[str, str] | None, str]:
    r"""Read a condition on the initialisation as the truth of :func:`judge_appA_symmetry`, for every d
    and r: a conjunction of matrix equations (free algebra, :func:`_word`), one of which is
    :math:`c(W_2 - W_1^\top) = 0` (or its transpose, c a nonzero number); with :math:`W_2 = W_1^\top`
    substituted, one of the others is c times :math:`C`, :math:`W_1^\top C` or :math:`CW_1`
    (:data:`_C_FORMS`, equivalent to C = 0 by lemma (ii)), and every further one lies in the two-sided
    ideal of C (rewritten with :math:`WW^\top S = SWW^\top + C`, it vanishes at C = 0: implied).
    Returns (the role of each equation, "") or (None, why the condition is not read so).

    >>> commute = sp.Eq(W_1 * W_1.T * Sigma_x, Sigma_x * W_1 * W_1.T)
    >>> roles, _ = general_reading(sp.And(sp.Eq(W_2, W_1.T), commute))
    >>> sorted(roles.values())
    ['W_2 = W_1^T', '[P, Sigma_x] = 0']
    """
    parts = condition.args if isinstance(condition, sp.And) else (condition,)
    residuals: dict[str, sp.Expr] = {}
    for part in parts:
        if not (isinstance(part, sp.Eq) and all(isinstance(x, sp.MatrixExpr) for x in part.args)):
            return None, f"{sp.sstr(part)} is not an equation between matrices"
        try:
            residuals[sp.sstr(part)] = sp.expand(_word(part.lhs.doit()) - _word(part.rhs.doit()))
        except _NotAWord as err:
            return None, f"in {sp.sstr(part)}: {err}"
    roles: dict[str, str] = {}
    start = next((k for k, e in residuals.items()
                  if _multiple(e, _V - _WT) is not None or _multiple(e, _VT - _W) is not None), None)
    if start is None:
        return None, "no equation of the condition is W_2 = W_1^T (up to a nonzero factor)"
    roles[start] = "W_2 = W_1^T"
    on_start = {k: _with_commutator(e.subs({_V: _WT, _VT: _W}, simultaneous=True))
                for k, e in residuals.items() if k != start}
    for k, e in on_start.items():
        form = next((name for name, f in _C_FORMS.items() if _multiple(e, f) is not None), None)
        if form is not None and form not in roles.values():
            roles[k] = form
        elif sp.expand(e.subs(_K, 0)) == 0:
            roles[k] = "implied by [P, Sigma_x] = 0 (in the ideal of C)"
        else:
            return None, (f"{k} with W_2 = W_1^T is {sp.sstr(e.subs(_K, _W * _WT * _S - _S * _W * _WT))}, "
                          "which is not read as implied by [W_1 W_1^T, Sigma_x] = 0")
    if not set(_C_FORMS) & set(roles.values()):
        return None, ("no equation of the condition is equivalent to [W_1 W_1^T, Sigma_x] = 0 in a form "
                      f"the proof reads ({', '.join(_C_FORMS)}); an equation implied by it, such as "
                      "[W_1 W_1^T, Sigma_x^2] = 0, is equivalent only through a further lemma (here: "
                      "Sigma_x >= 0), not proved here")
    return roles, ""


_READING = ("the statement judged is a reading of 'if we initialize with W_1 = W_2^T' (Sec. 3.1; the "
            "derivation in App. A is not available), not printed")


def judge_appA_symmetry(condition: sp.Basic) -> CheckResult:
    r"""Judge a condition on the initialisation, in ``W_1``, ``W_2`` (the matrix symbols
    :data:`W_1`, :data:`W_2`) and ``Sigma_x``, as the exact condition under which the flow (12) of the
    autoencoder (Y = X, so :math:`\Sigma_{xy} = \Sigma_x`) started at :math:`W_2(0) = W_1(0)^\top`
    keeps :math:`W_1(t) = W_2(t)^\top` for all t, both ways.  (Write a matrix equation as ``Eq(A, B)``
    with two matrix sides: SymPy evaluates ``Eq(A - B, ZeroMatrix(d, d))`` to False when it builds it.)

    The truth on each start of :data:`SYMMETRY_CASES` is computed from the flow, not from the
    condition: the exact derivative :math:`\frac{d}{dt}(W_2 - W_1^\top)(0)` of (12).  Nonzero: the
    symmetry is lost at once.  Zero: with :math:`W = W_1(0)`, :math:`P = WW^\top`, the derivative is
    :math:`W^\top[P, \Sigma_x]`, and :math:`W^\top M = 0 \iff PM = 0` gives :math:`P^2\Sigma_x =
    P\Sigma_xP = \Sigma_xP^2`, so :math:`[P, \Sigma_x] = 0` (P is a polynomial in :math:`P^2`; checked
    exactly on the case); then :math:`C = [P, \Sigma_x]` solves a linear ODE along the symmetric flow
    (:func:`symmetry_invariance_residuals`), so :math:`C \equiv 0`, the symmetric path solves (12) and by
    uniqueness it is the solution: the symmetry is kept for all t (no blow-up: :math:`\mathrm{tr}\,P`
    grows at most like :math:`t\,\mathrm{tr}\,\Sigma_x/2`).  The Taylor coefficients of
    :math:`W_2 - W_1^\top` up to order 4 are computed exactly as a cross-check.  The condition is
    evaluated exactly on each start and compared; FAILS with the first start where they differ.  The
    starts cover both ways at distinct and at repeated eigenvalues of :math:`\Sigma_x` (the boundary),
    each counted; a way with no start is INCONCLUSIVE.

    Parameters
    ----------
    condition:
        A SymPy relation or logical formula in ``W_1`` (d x r), ``W_2`` (r x d), ``Sigma_x``
        (:data:`symdln.assumption.Sigma_x`), ``d`` and ``r``.

    >>> commute = sp.Eq(W_1 * W_1.T * Sigma_x, Sigma_x * W_1 * W_1.T)
    >>> judge_appA_symmetry(sp.And(sp.Eq(W_2, W_1.T), commute)).verdict.name
    'HOLDS'
    >>> judge_appA_symmetry(commute).verdict.name  # W_2(0) = 2 W_1(0)^T commutes too
    'FAILS'
    >>> judge_appA_symmetry(sp.Eq(W_2, W_1.T)).evidence.counterexample["W_1(0) = W_2(0)^T"]
    '[[1], [1]]'
    """
    from symdln.correction import FormulaError

    if not isinstance(condition, sp.logic.boolalg.Boolean) or condition.atoms(sp.core.function.AppliedUndef):
        raise FormulaError(f"a condition on the initialisation is a relation or a logical formula in W_1, "
                           f"W_2, Sigma_x, not {sp.sstr(condition)}")
    extra = condition.free_symbols - {W_1, W_2, Sigma_x, d, r}
    if extra:
        raise FormulaError(f"a condition on the initialisation is in W_1, W_2, Sigma_x, not "
                           f"{min(map(str, extra))}")
    method = ("exact: d/dt (W_2 - W_1^T) at t = 0 under (12) with Y = X on each start; where it vanishes, "
              "[W_1 W_1^T, Sigma_x] = 0 (exact) and the set {W_2 = W_1^T, [W_1 W_1^T, Sigma_x] = 0} is "
              "invariant (identities in the free algebra), so the symmetry is kept for all t; the condition "
              "under test evaluated exactly on each start")
    residuals = symmetry_invariance_residuals()
    if any(v != "0" for v in residuals.values()):  # pragma: no cover - identities of the free algebra
        return CheckResult(Verdict.INCONCLUSIVE, Evidence(method, notes=f"residuals {residuals}"))
    counts = {"kept": 0, "lost": 0, "kept, repeated eigenvalue": 0, "lost, repeated eigenvalue": 0}
    differ: list[dict[str, object]] = []
    undecided: list[str] = []
    for label, Sx, W1 in SYMMETRY_CASES:
        F1, F2 = flow_12_L2(W1, W1.T, Sx, Sx)
        drift = F2 - F1.T
        kept = drift.is_zero_matrix
        if kept:
            comm = W1 * W1.T * Sx - Sx * W1 * W1.T
            series = _asymmetry_taylor(Sx, W1, 4)
            if not comm.is_zero_matrix or any(not c.is_zero_matrix for c in series):  # pragma: no cover
                return CheckResult(Verdict.INCONCLUSIVE, Evidence(
                    method, notes=f"{label}: zero drift but [P, Sigma_x] = {comm.tolist()} or a nonzero "
                                  "Taylor coefficient, against the proof"))
        repeated = len(Sx.eigenvals()) < Sx.rows
        way = "kept" if kept else "lost"
        counts[way] += 1
        counts[f"{way}, repeated eigenvalue"] += repeated
        stated = _condition_at(condition, Sx, W1)
        if stated is None:
            undecided.append(label)
        elif stated != kept:
            differ.append({
                "case": label, "Sigma_x": str(Sx.tolist()), "W_1(0) = W_2(0)^T": str(W1.tolist()),
                "condition": stated, "W_1(t) = W_2(t)^T for all t": kept,
                "d/dt (W_2 - W_1^T)(0)": str(drift.tolist()),
                "why": "the condition holds, but the flow leaves W_2 = W_1^T at once" if stated else
                       "the condition fails, but [W_1 W_1^T, Sigma_x] = 0: the symmetry is kept for all t"})
    # starts off the symmetric set (W_2(0) != W_1(0)^T, [W_1 W_1^T, Sigma_x] = 0 or not): W_1 = W_2^T
    # fails at t = 0 already, so a condition that holds there is wrong
    for label, Sx, W1, W2 in ASYMMETRIC_STARTS:
        counts["lost"] += 1
        stated = _condition_at(condition, Sx, W1, W2)
        if stated is None:
            undecided.append(label)
        elif stated:
            differ.append({
                "case": label, "Sigma_x": str(Sx.tolist()), "W_1(0)": str(W1.tolist()),
                "W_2(0)": str(W2.tolist()), "condition": stated, "W_1(t) = W_2(t)^T for all t": False,
                "why": "the condition holds, but W_2(0) != W_1(0)^T: the symmetry fails at t = 0"})
    parameters = {"starts": len(SYMMETRY_CASES) + len(ASYMMETRIC_STARTS),
                  "W_2(0)": "W_1(0)^T, and W_2(0) != W_1(0)^T on the starts off the symmetric set",
                  "Y": "X (Sigma_xy = Sigma_x)"}
    details = {"starts each way": counts, "identities (free algebra)": residuals,
               "Taylor coefficients of W_2 - W_1^T checked where kept": "orders 0..4, all 0"}
    if differ:
        return CheckResult(Verdict.FAILS, Evidence(
            method, precision="exact", parameters=parameters, counterexample=differ[0], notes=_READING,
            details={**details, "starts where the condition is wrong": [str(x["case"]) for x in differ]}))
    if undecided:
        return CheckResult(Verdict.INCONCLUSIVE, Evidence(
            method, parameters=parameters, details=details,
            notes=f"the condition has no exact value at: {'; '.join(undecided)}"))
    if min(counts.values()) == 0:  # pragma: no cover - the starts cover every way
        return CheckResult(Verdict.INCONCLUSIVE, Evidence(
            method, parameters=parameters, details=details, notes=f"a way with no start: {counts}"))
    roles, why_not = general_reading(condition)
    if roles is None:
        return CheckResult(Verdict.HOLDS, Evidence(
            method, precision="exact", residual="0", parameters=parameters, details=details,
            scope="instances",
            notes="agrees with the truth on every start, both ways (kept / lost) at distinct and repeated "
                  f"eigenvalues; {_READING}; why not general: {SYMMETRY_SCOPE}: {why_not}"))
    return CheckResult(Verdict.HOLDS, Evidence(
        method + "; for every d and r: " + SYMMETRY_PROOF, precision="exact", residual="0",
        parameters=parameters, details={**details, "the condition read as (free algebra)": roles},
        notes=f"agrees with the truth on every start, both ways; {_READING}; Sigma_x symmetric (a "
              "covariance); 'for all t': on the interval of existence of the solution of (12)",
        proof="symdln/checks/continuous_autoencoder.py", scope="general"))


#: the proof of the truth for every d and r, and how the condition under test is compared with it
SYMMETRY_PROOF = (
    "the truth is W_2(0) = W_1(0)^T and C = [W_1 W_1^T, Sigma_x] = 0 at t = 0, by (i) on W_2 = W_1^T, "
    "d/dt (W_2 - W_1^T) = W_1^T C, (ii) W_1^T C = 0 iff C = 0 (P C = W_1 (W_1^T C) = P^2 Sigma_x - P "
    "Sigma_x P, with P Sigma_x P symmetric: Sigma_x commutes with P^2, hence with P = W_1 W_1^T, a "
    "polynomial in P^2 as P >= 0 (spectral theorem, cited; tested on the starts)), (iii) along the "
    "symmetric flow dW/dt = (Sigma_x - Sigma_x P) W, C solves a linear ODE, so C(0) = 0 keeps C = 0 and "
    "(W, W^T) solves (12) (uniqueness); the identities of (i)-(iii) are checked in the free algebra "
    "(noncommutative W, W^T, Sigma_x = Sigma_x^T: every size); the condition under test, read in the "
    "same free algebra, is a conjunction of W_2 = W_1^T, an equation equal to c C, c W_1^T C or c C W_1 "
    "(c a nonzero number) once W_2 = W_1^T, and equations in the two-sided ideal of C: so it is the truth")

#: why :func:`judge_appA_symmetry` falls back to the starts: the form of condition the proof reads
SYMMETRY_SCOPE = (
    "the proof for every d and r reads the condition as a conjunction of matrix equations in W_1, W_2, "
    "Sigma_x: W_2 = W_1^T, one equivalent to [W_1 W_1^T, Sigma_x] = 0 by an identity of the free algebra, "
    "and others implied by it; this one is judged on the starts only")


def pca_projector(Sx: sp.Matrix, k: int) -> sp.Matrix:
    r"""The PCA of X with k components: the orthogonal projector onto the eigenvectors of the
    k largest eigenvalues of :math:`\Sigma_x` (exact SymPy eigenvectors; the k-th and (k+1)-th
    eigenvalues must differ).

    >>> pca_projector(sp.diag(1, 3), 1)
    Matrix([
    [0, 0],
    [0, 1]])
    """
    d = Sx.rows
    if k == 0:
        return sp.zeros(d, d)
    pairs = sorted(((val, v) for val, _m, vs in Sx.eigenvects() for v in vs),
                   key=lambda e: e[0], reverse=True)
    if k < d and pairs[k - 1][0] == pairs[k][0]:
        raise ValueError("no unique top-k eigenspace: equal k-th and (k+1)-th eigenvalues")
    basis = sp.Matrix.hstack(*(v for _val, v in pairs[:k]))
    return sp.simplify(basis * (basis.T * basis).inv() * basis.T)


#: the autoencoder of check_appA_pca: Sigma_x = U diag(3, 2, 1) U^T with a rational orthogonal U
APPA_EIGENVALUES = (3, 2, 1)


def check_appA_pca(claimed: Callable[[sp.Matrix, int], sp.Matrix] = pca_projector,
                   mode: Callable[..., sp.Expr] = w_active_16) -> CheckResult:
    r"""Judge Sec. 3.1: "if we initialize with :math:`W_1 = W_2^\top`, the gradient dynamics exactly
    recovers the PCA of X", for the initialisations of Thm. 1 that satisfy W_1(0) = W_2(0)^T.

    Autoencoder Y = X: :math:`\Sigma_{xy} = \Sigma_x = U\,\mathrm{diag}(3, 2, 1)U^\top` (U a rational
    Cayley rotation), so Assump. 1 holds with V = U and :math:`\lambda_i = \sigma_i` (computed).
    With W_1(0) = U diag(e^{-delta}) Q, Q orthogonal, W_2(0) = W_1(0)^T and (15) gives
    :math:`W_1W_2(t) = U\,\mathrm{diag}(w_i(t))U^\top` (exact, symbolic a_i, Q a rotation).  The
    limits of ``mode`` (16) at :math:`\delta t` with :math:`\lambda = \sigma` (``mode`` must first solve
    the mode ODE derived from (12), :func:`check_eq16_active`) are derived by Gruntz
    per regime (symbolic sigma, offset), the limit matrix is assembled on each interval
    :math:`1/\sigma_k < t < 1/\sigma_{k+1}` and compared exactly with ``claimed(Sigma_x, k)``
    (default: the PCA projector from the exact eigenvectors of :math:`\Sigma_x`).
    """
    from symdln.checks.continuous import check_eq16_active
    from symdln.limits import limit_at_infinity

    solves = check_eq16_active(mode)  # the truth is computed from the mode: it must solve (12)'s mode ODE
    if solves.verdict is not Verdict.HOLDS:
        ev = solves.evidence
        return CheckResult(solves.verdict, Evidence(
            method=f"the mode formula under test against the mode ODE derived from (12): {ev.method}",
            precision=ev.precision, counterexample=ev.counterexample,
            notes="the mode formula does not solve the mode ODE of (12): its limit is not the dynamics'"
                  + (f"; {ev.notes}" if ev.notes else "")))
    U = cayley_orthogonal(sp.Matrix([[0, 1, 2], [-1, 0, _R(1, 2)], [-2, -_R(1, 2), 0]]))
    Sx = U * sp.diag(*APPA_EIGENVALUES) * U.T
    Sxy = Sx  # Y = X
    lam_diag, sig_diag = U.T * Sx * U, U.T * Sxy * U
    if not (lam_diag.is_diagonal() and sig_diag == lam_diag):  # pragma: no cover
        return CheckResult(Verdict.INCONCLUSIVE, Evidence("exact", notes="Assump. 1 not met"))
    sigmas = [sig_diag[i, i] for i in range(3)]
    # (15) with V = U, Q orthogonal: W_2(0) = W_1(0)^T and W_1 W_2 = U diag(a_i^2) U^T
    a = sp.symbols("a1:4", positive=True)
    th = sp.Symbol("theta", real=True)
    Q = sp.Matrix([[sp.cos(th), -sp.sin(th), 0], [sp.sin(th), sp.cos(th), 0], [0, 0, 1]])
    W1, W2 = thm1_layers(U, U, Q, list(a))
    sym_ok = ((W2 - W1.T).applyfunc(sp.simplify) == sp.zeros(3, 3)
              and (W1 * W2 - U * sp.diag(*[x**2 for x in a]) * U.T).applyfunc(sp.simplify) == sp.zeros(3, 3))
    if not sym_ok:  # pragma: no cover
        return CheckResult(Verdict.INCONCLUSIVE, Evidence("SymPy", notes="form (15) not simplified"))
    s, d, y = sp.symbols("sigma delta y", positive=True)
    times = {"below": 1 / s - y, "at": 1 / s, "above": 1 / s + y}
    regime = {name: limit_at_infinity(mode(s, s, d, d * t), d) for name, t in times.items()}
    Ts = [1 / x for x in sigmas]  # increasing
    bounds = [sp.Integer(0), *Ts, None]
    compared = {}
    for k in range(len(sigmas) + 1):
        lo, hi = bounds[k], bounds[k + 1]
        t = (lo + hi) / 2 if hi is not None else 2 * lo
        diag = [regime["above" if t > T else "below"].subs(s, x) for x, T in zip(sigmas, Ts, strict=True)]
        limit_matrix = (U * sp.diag(*diag) * U.T).applyfunc(sp.simplify)
        want = claimed(Sx, k)
        diff = (limit_matrix - want).applyfunc(sp.simplify)
        compared[f"k = {k}, t = {t}"] = str(limit_matrix.tolist())
        if diff != sp.zeros(3, 3):
            return CheckResult(Verdict.FAILS, Evidence(
                method="per-mode limits of (16) with lambda = sigma derived by Gruntz per regime; "
                       "W_1 W_2 = U diag(w_i) U^T (exact); exact comparison with the claimed limit",
                precision="exact",
                counterexample={"Sigma_x": str(Sx.tolist()), "k": k, "t": str(t),
                                "mode limits": [str(x) for x in diag],
                                "lim W_1 W_2(delta t)": str(limit_matrix.tolist()),
                                "claimed": str(want.tolist())}))
    at_T1 = [regime["at" if i == 0 else "below"].subs(s, x) for i, x in enumerate(sigmas)]
    return CheckResult(Verdict.HOLDS, Evidence(
        method="exact: Y = X gives Sigma_xy = Sigma_x, Assump. 1 with V = U and lambda_i = sigma_i "
               "(computed); (15) with Q orthogonal has W_2 = W_1^T and W_1 W_2 = U diag(w_i) U^T "
               "(symbolic a_i, rotation Q); limits of (16) with lambda = sigma derived by Gruntz per "
               "regime; on each interval 1/sigma_k < t < 1/sigma_{k+1} the limit U diag(1{t > T_i}) U^T "
               "equals the top-k eigenprojector of Sigma_x computed from its exact eigenvectors",
        precision="exact", residual="0",
        parameters={"Sigma_x = Sigma_xy": str(Sx.tolist()), "eigenvalues": list(APPA_EIGENVALUES),
                    "W_1(0)": "U diag(e^{-delta}) Q, Q orthogonal (= W_2(0)^T)"},
        details={"mode limits (lambda = sigma, symbolic)": {k_: str(v) for k_, v in regime.items()},
                 "limit per interval": compared,
                 "at t = T_1": str([str(x) for x in at_T1])},
        notes="proved for the initialisations of Thm. 1 with W_1(0) = W_2(0)^T (Q orthogonal), in the "
              "rescaled limit between transitions (at t = T_i the i-th mode is 1/2, not a projector); "
              "for a generic W_1(0) = W_2(0)^T see the check generic-limit (observed only)",
        proof="proofs/continuous_rrr.py", scope="instances"))


def check_appA_generic_limit(horizon: float = 40.0) -> CheckResult:
    r"""Observe what the autoencoder flow from a *generic* :math:`W_1(0) = W_2(0)^\top` recovers.

    d = 3, r = 2, :math:`\Sigma_x = \Sigma_{xy} = \mathrm{diag}(3, 2, 1)`, SciPy DOP853.  Reported:
    :math:`\|W_1 - W_2^\top\|` along the path (nonzero: the symmetry is lost) and
    :math:`\|W_1W_2 - P_2\|` at the horizon (P_2 the top-2 eigenprojector).  Floating point only:
    INCONCLUSIVE.  (If the limit is :math:`W_1W_2 = U_rU_r^\top`, write :math:`W_1 = U_rM`; the
    conserved :math:`W_1^\top W_1 - W_2W_2^\top = 0` gives :math:`(M^\top M)^2 = I`, so M is orthogonal
    and the symmetry :math:`W_2 = W_1^\top` is restored in the limit.)
    """
    import numpy as np
    from scipy.integrate import solve_ivp

    Sx = np.diag([3.0, 2.0, 1.0])
    W1_0 = 0.1 * np.array([[1.0, 0.5], [0.3, 1.0], [0.2, 0.4]])

    def f(_t: float, y: np.ndarray) -> np.ndarray:
        W1, W2 = y[:6].reshape(3, 2), y[6:].reshape(2, 3)
        R = Sx - Sx @ W1 @ W2
        return np.concatenate([(R @ W2.T).ravel(), (W1.T @ R).ravel()])

    ts = np.linspace(0.0, horizon, 81)
    sol = solve_ivp(f, (0.0, horizon), np.concatenate([W1_0.ravel(), W1_0.T.ravel()]), method="DOP853",
                    rtol=1e-11, atol=1e-13, t_eval=ts)
    asym = [float(np.linalg.norm(sol.y[:6, j].reshape(3, 2) - sol.y[6:, j].reshape(2, 3).T))
            for j in range(len(ts))]
    P2 = np.diag([1.0, 1.0, 0.0])
    W_end = sol.y[:6, -1].reshape(3, 2) @ sol.y[6:, -1].reshape(2, 3)
    return CheckResult(Verdict.INCONCLUSIVE, Evidence(
        method="SciPy DOP853 (rtol 1e-11); floating point", precision="float64",
        parameters={"Sigma_x = Sigma_xy": "diag(3, 2, 1)", "W_1(0) = W_2(0)^T": W1_0.tolist(),
                    "horizon": horizon},
        details={"max_t ||W_1 - W_2^T||": f"{max(asym):.3g}",
                 "||W_1 - W_2^T|| at horizon": f"{asym[-1]:.3g}",
                 "||W_1 W_2 - P_2|| at horizon": f"{np.linalg.norm(W_end - P2):.3g}"},
        notes="observed: the symmetry W_1 = W_2^T is lost along the path and restored in the limit, "
              "where W_1 W_2 is the top-2 eigenprojector (the PCA subspace); not proved"))
