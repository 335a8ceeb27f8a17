r"""The condition on Q of Thm. 1 / (15) and of the first display of Thm. 3 of paper 1, judged as a formula.

Thm. 1 initialises :math:`W_1(0) = U\,\mathrm{diag}(e^{-\delta_i})\,Q`,
:math:`W_2(0) = Q^{-1}\mathrm{diag}(e^{-\delta_i})\,V^\top` "where Q is an arbitrary invertible matrix";
Thm. 3 takes the same assumptions.  The statement under test is a condition C(Q) on the r x r matrix
``Q`` (:data:`Q`): a SymPy relation or logical formula in ``Q`` and ``r`` (:data:`r`), e.g.
``Eq(Q.T*Q, Identity(r))``, read as

    on invertible Q (the form uses :math:`Q^{-1}`; a singular Q is outside the domain), (15) with
    eps = 0 solves (12) -- for Thm. 3: one gradient step of Sec. 3.2 keeps the form, hence every step
    does -- for every d, p, U, V, Sigma_x, Sigma_xy of Assump. 1 and every delta_i, **if and only if**
    C(Q).

The printed "arbitrary invertible" is the condition ``Determinant(Q)**2 > 0``.

The truth is computed at each Q of :data:`Q_CASES` without the condition
(:mod:`symdln.checks.q_truth`: (15) substituted into (12), one step of Sec. 3.2 from the form, exact
polynomial arithmetic; kept identically, or a certified failure at an exact rational point).  The
condition is decided exactly at each Q (:func:`condition_value`; a condition SymPy does not decide is a
:class:`~symdln.correction.FormulaError`) and compared with the truth both ways, with a count of the Q
on each side.  The rotations and reflections of r = 2 are also judged as one-parameter families: the
condition decided identically in the Cayley parameter s, against the form kept identically in s.

Why orthogonality: (12) conserves :math:`W_1^\top W_1 - W_2W_2^\top`; for the form this forces
:math:`(QQ^\top)\,\mathrm{diag}(\dot w)\,(QQ^\top) = \mathrm{diag}(\dot w)`, hence :math:`QQ^\top = I`
when d = p = r and every :math:`\dot w_i(0) > 0` (``proofs/continuous_modes.py``).  With r > d, p a
non-orthogonal Q acting on the columns no mode uses is harmless (Q = diag(1, 1, 2) with d = p = 2), so
the 'only if' needs every d, p; it is decided here at d = p = r.

>>> judge_thm1_q(sp.Eq(Q.T * Q, sp.Identity(r))).verdict.name
'HOLDS'
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import sympy as sp

from symdln.checks.q_truth import (
    FAMILIES,
    cayley,
    family_truth,
    form_kept_by_step,
    form_solves_flow,
    rotation,
)
from symdln.verdict import CheckResult, Evidence, Verdict

__all__ = [
    "ORTHOGONAL_CONDITION",
    "PRINTED_CONDITION",
    "Q_CASES",
    "Q_SYMBOLS",
    "Q",
    "QCase",
    "condition_value",
    "judge_thm1_q",
    "judge_thm3_q",
    "r",
]

_R = sp.Rational
#: the width of the inner layer (W_1 is d x r): the symbol of Sec. 2, r = min_l r_l
r = sp.Symbol("r", positive=True, integer=True)
#: the r x r matrix Q of Thm. 1's initialisation
Q = sp.MatrixSymbol("Q", r, r)
#: the symbols a condition on Q may use
Q_SYMBOLS = (Q, r)
#: the printed condition, "Q an arbitrary invertible matrix"
PRINTED_CONDITION = sp.Determinant(Q) ** 2 > 0
#: the corrected condition, Q orthogonal
ORTHOGONAL_CONDITION = sp.Eq(Q.T * Q, sp.Identity(r))


# ---------------------------------------------------------------------------- the Q judged on
@dataclass(frozen=True)
class QCase:
    """An exact invertible r x r matrix ``Q``; ``near`` marks a Q within 1/50 of an orthogonal one
    (entrywise), the boundary of the corrected condition."""

    name: str
    Q: sp.Matrix
    near: bool = False


_REFLECTION = rotation(_R(1, 3)) * sp.diag(1, -1)
_CAY3 = cayley(3, _R(1, 2), 1, 0)

#: the Q judged on, smallest first: r = 2 (orthogonal: rotations, reflections, permutations, +-I;
#: not orthogonal: scaled orthogonal, diagonal, shears, symmetric, an involution, general), then r = 3
Q_CASES: tuple[QCase, ...] = (
    QCase("I", sp.eye(2)),
    QCase("-I", -sp.eye(2)),
    QCase("rotation, s = 1/2", rotation(_R(1, 2))),
    QCase("rotation by pi/2", sp.Matrix([[0, -1], [1, 0]])),
    QCase("reflection", _REFLECTION),
    QCase("permutation", sp.Matrix([[0, 1], [1, 0]])),
    QCase("diag(1, -1)", sp.diag(1, -1)),
    QCase("2 I (Q^T Q = 4 I)", 2 * sp.eye(2)),
    QCase("rotation / 2", rotation(_R(1, 2)) / 2),
    QCase("(99/100) rotation (Q^T Q = (99/100)^2 I)", _R(99, 100) * rotation(_R(1, 2)), near=True),
    QCase("(101/100) reflection", _R(101, 100) * _REFLECTION, near=True),
    QCase("diag(2, 1)", sp.diag(2, 1)),
    QCase("diag(-1, 1/2)", sp.diag(-1, _R(1, 2))),
    QCase("shear [[1, 1], [0, 1]] (det 1)", sp.Matrix([[1, 1], [0, 1]])),
    QCase("shear [[1, 1/100], [0, 1]] (det 1)", sp.Matrix([[1, _R(1, 100)], [0, 1]]), near=True),
    QCase("symmetric positive definite, det 1", sp.Matrix([[2, 1], [1, 1]])),
    QCase("involution [[0, 2], [1/2, 0]] (Q^-1 = Q)", sp.Matrix([[0, 2], [_R(1, 2), 0]])),
    QCase("rotation * diag(2, 1/2) (orthogonal columns, det 1)", rotation(_R(1, 2)) * sp.diag(2, _R(1, 2))),
    QCase("unit columns, not orthogonal", sp.Matrix([[1, _R(3, 5)], [0, _R(4, 5)]])),
    QCase("unit rows, not orthogonal", sp.Matrix([[1, 0], [_R(3, 5), _R(4, 5)]])),
    QCase("diag(7/5, 1/5) (trace Q^T Q = 2)", sp.diag(_R(7, 5), _R(1, 5))),
    QCase("[[1, 2], [3, 4]]", sp.Matrix([[1, 2], [3, 4]])),
    QCase("I_3", sp.eye(3)),
    QCase("rotation of R^3 (Cayley)", _CAY3),
    QCase("reflection of R^3", _CAY3 * sp.diag(1, 1, -1)),
    QCase("cyclic permutation of R^3", sp.Matrix([[0, 0, 1], [1, 0, 0], [0, 1, 0]])),
    QCase("diag(1, 1, 2)", sp.diag(1, 1, 2)),
    QCase("(3/2) rotation of R^3", _R(3, 2) * _CAY3),
    QCase("shear of R^3", sp.Matrix([[1, 0, _R(1, 2)], [0, 1, 0], [0, 0, 1]])),
)

#: the rational s at which the condition is evaluated on the families of r = 2
FAMILY_S = (_R(1, 3), _R(-2), _R(3, 2))


# ---------------------------------------------------------------------------- the condition at one Q
def _formula_error(message: str) -> Exception:
    from symdln.correction import FormulaError

    return FormulaError(message)


def _explicit(e: sp.Basic, M: sp.Matrix) -> Any:
    """A side of a relation with Q = M (and r its size): an explicit matrix or a scalar."""
    n = M.rows
    v = e.xreplace({r: sp.Integer(n)}).xreplace({sp.MatrixSymbol("Q", n, n): sp.ImmutableMatrix(M)})
    special = (sp.Identity, sp.ZeroMatrix, sp.OneMatrix)
    v = v.replace(lambda x: isinstance(x, special) and x.shape[0].is_Integer and x.shape[1].is_Integer,
                  lambda x: sp.ImmutableMatrix(x.as_explicit()))
    v = v.doit()
    if isinstance(v, sp.MatrixExpr) and not isinstance(v, sp.MatrixBase):
        v = v.as_explicit()
    return v


def _as_matrix(x: Any, like: Any) -> Any:
    """A scalar 0 compared with a matrix is the zero matrix of its shape."""
    if not isinstance(x, sp.MatrixBase) and isinstance(like, sp.MatrixBase) and x == 0:
        return sp.zeros(*like.shape)
    return x


def _decide_relation(rel: sp.Basic, M: sp.Matrix, where: str) -> bool:
    lhs, rhs = _explicit(rel.lhs, M), _explicit(rel.rhs, M)
    lhs, rhs = _as_matrix(lhs, rhs), _as_matrix(rhs, lhs)
    mats = [isinstance(x, sp.MatrixBase) for x in (lhs, rhs)]
    if any(mats):
        if not all(mats):
            raise _formula_error(f"{sp.sstr(rel)} compares a matrix with a scalar {where}")
        if lhs.shape != rhs.shape:
            raise _formula_error(f"{sp.sstr(rel)} compares a {lhs.rows} x {lhs.cols} matrix with a "
                                 f"{rhs.rows} x {rhs.cols} one {where}")
        if not isinstance(rel, (sp.Eq, sp.Ne)):
            raise _formula_error(f"{sp.sstr(rel)}: matrices are compared with Eq or Ne only")
        zero = [sp.simplify(x).is_zero for x in (lhs - rhs)]
        if False not in zero and None in zero:
            raise _formula_error(f"{sp.sstr(rel)} is not decided {where}")
        equal = False not in zero
        return equal if isinstance(rel, sp.Eq) else not equal
    diff = sp.simplify(lhs - rhs)
    if isinstance(rel, (sp.Eq, sp.Ne)):
        z = diff.is_zero
        if z is None:
            raise _formula_error(f"{sp.sstr(rel)} is not decided {where}")
        return z if isinstance(rel, sp.Eq) else not z
    if diff.is_extended_real is not True:
        raise _formula_error(f"{sp.sstr(rel)} is not a comparison of real numbers {where}")
    value = rel.func(diff, 0)
    if value not in (sp.true, sp.false):
        raise _formula_error(f"{sp.sstr(rel)} is not decided {where}")
    return bool(value)


def _decide(node: sp.Basic, M: sp.Matrix, where: str) -> bool:
    if node in (sp.true, sp.false):
        return bool(node)
    if isinstance(node, sp.core.relational.Relational):
        return _decide_relation(node, M, where)
    if isinstance(node, (sp.And, sp.Or, sp.Not, sp.Xor, sp.Implies, sp.Equivalent, sp.Nand, sp.Nor, sp.ITE)):
        value = node.func(*(sp.true if _decide(a, M, where) else sp.false for a in node.args))
        if value in (sp.true, sp.false):
            return bool(value)
    raise _formula_error(f"{sp.sstr(node)} is not a condition SymPy decides {where}")


def _check_statement(statement: sp.Basic) -> None:
    if not isinstance(statement, sp.logic.boolalg.Boolean) or isinstance(statement, sp.Symbol):
        raise _formula_error(f"a condition on Q is a relation or a logical formula in Q and r, not "
                             f"{sp.sstr(statement)}")
    extra = sorted(str(x) for x in statement.free_symbols - set(Q_SYMBOLS))
    if extra:
        raise _formula_error(f"a condition on Q is in Q (r x r) and r only, not {extra[0]}")


def condition_value(statement: sp.Basic, M: sp.Matrix) -> bool:
    r"""The condition ``statement`` (in ``Q`` and ``r``) at Q = M, decided exactly; a
    :class:`~symdln.correction.FormulaError` when SymPy does not decide it there.

    >>> condition_value(sp.Eq(Q.T * Q, sp.Identity(r)), sp.Matrix([[0, 1], [1, 0]]))
    True
    >>> [condition_value(c, sp.diag(2, 1)) for c in (PRINTED_CONDITION, ORTHOGONAL_CONDITION)]
    [True, False]
    """
    from symdln.correction import FormulaError

    _check_statement(statement)
    where = f"at Q = {sp.sstr(M.tolist())} (r = {M.rows})"
    try:
        return _decide(statement, M, where)
    except FormulaError:
        raise
    except (ArithmeticError, ValueError, TypeError, IndexError, AttributeError) as err:
        raise _formula_error(f"{sp.sstr(statement)} cannot be evaluated {where}: "
                             f"{type(err).__name__}: {err}".splitlines()[0]) from None


# ---------------------------------------------------------------------------- the judges
_WHAT = {
    "flow": ("(15) solves (12)", "exact substitution of (15) into (12), a_i' = a_i(sigma_i - lambda_i a_i^2) "
             "(the mode ODE derived from (12)), polynomial arithmetic over QQ[a_i, sigma_i, lambda_i]",
             "proofs/continuous_modes.py"),
    "step": ("one GD step keeps the form of Thm. 3", "one gradient step of Sec. 3.2 from the form, exact "
             "polynomial arithmetic over QQ[a_i, sigma_i, lambda_i, eta]", "proofs/discrete_thm3.py"),
}


def _families(statement: sp.Basic, kind: str) -> tuple[list[QCase], dict[str, str]]:
    """Instances from the families (truth: the identity in s) and whether the condition holds on each
    family identically in s."""
    s = sp.Symbol("s", real=True)
    cases, ident = [], {}
    for name, make in FAMILIES.items():
        if not family_truth(kind, name):  # pragma: no cover
            continue
        try:
            holds = condition_value(statement, make(s))
            ident[name] = "holds identically in s" if holds else "fails identically in s"
        except ValueError as err:  # FormulaError: not decided on the symbolic family
            ident[name] = f"not decided identically in s ({err})"
        cases += [QCase(f"{name}, s = {v}", make(v)) for v in FAMILY_S]
    return cases, ident


#: why the condition on Q is judged on the listed Q only, and the steps that would make it general
_WHY_NOT_GENERAL = (
    "why not general: the statement is a condition C(Q) on invertible Q of every size r, and the truth "
    "(the form is kept) is decided at each listed Q (r = 2, 3, fixed d, p, U, V and the r = 2 families "
    "identically in their parameter); whether C agrees with it on every invertible Q of every size is "
    "not a finite computation. Missing steps: (1) the 'if' for every d, p, r: with Q^T Q = I, one step "
    "keeps the form, an identity in the algebra of U, V, Q, diag(a), diag(lambda), diag(sigma) with "
    "U^T U = V^T V = Q^T Q = I and commuting diagonals; (2) the 'only if', which holds at d = p = r "
    "(conservation of W_1^T W_1 - W_2 W_2^T) but not when r > d, p (Q = diag(1, 1, 2), d = p = 2), so "
    "the statement needs its sizes stated; (3) a decision of C(Q) <=> Q^T Q = I for a symbolic Q")


def _judge(statement: sp.Basic, kind: str) -> CheckResult:
    what, method, proof = _WHAT[kind]
    truth = form_solves_flow if kind == "flow" else form_kept_by_step
    family_cases, identically = _families(statement, kind)
    sides: dict[bool, list[str]] = {True: [], False: []}
    near = 0
    for case in (*Q_CASES, *family_cases):
        cond = condition_value(statement, case.Q)
        t = truth(case.Q)
        if t.holds is None:  # pragma: no cover - every Q of the list is decided
            return CheckResult(Verdict.INCONCLUSIVE, Evidence(method=method, parameters={"Q": case.name},
                                                              notes=str(t.evidence)))
        if cond != t.holds:
            side = ("the condition holds but the form is not kept" if cond
                    else "the condition fails but the form is kept")
            return CheckResult(Verdict.FAILS, Evidence(
                method=f"{method}; the condition evaluated exactly at Q", precision="exact",
                counterexample={"Q": sp.sstr(case.Q.tolist()), "which Q": case.name, "r": case.Q.rows,
                                "Q^T Q": sp.sstr((case.Q.T * case.Q).tolist()),
                                "condition under test": cond, what: t.holds, "finding": side, **t.evidence},
                notes="the condition does not depend on Q" if Q not in statement.free_symbols else None,
                proof=proof))
        sides[cond].append(case.name)
        near += case.near
    params = {"instances, condition true": len(sides[True]), "instances, condition false": len(sides[False]),
              "instances within 1/50 of an orthogonal Q": near, "r": [2, 3],
              "families (r = 2), the condition": identically}
    if not sides[True] or not sides[False]:
        return CheckResult(Verdict.INCONCLUSIVE, Evidence(
            method=method, parameters=params,
            notes="no counterexample, but one side of the 'iff' had no instance: nothing established"))
    whole = [n for n, v in identically.items() if v == "holds identically in s"]
    return CheckResult(Verdict.HOLDS, Evidence(
        method=f"both ways, exact: at every Q the truth ({what}) is decided without the condition -- "
               f"{method}: the zero polynomial, or nonzero at an exact rational point of the domain (t = 0) "
               "-- and the condition, evaluated exactly at Q, agrees",
        precision="exact", residual="0", parameters=params,
        details={"condition true": sides[True], "condition false": sides[False]},
        notes="; ".join(
            ([f"on the families {', '.join(whole)} (r = 2, every Cayley parameter s) the form is kept "
              "identically in s and the condition holds identically in s"] if whole else [])
            + ["a singular Q is outside the domain (the form uses Q^-1); the 'only if' is decided at "
               "d = p = r: with every w_i'(0) > 0, (QQ^T) diag(w') (QQ^T) = diag(w') forces QQ^T = I",
               _WHY_NOT_GENERAL]),
        proof=proof, scope="instances"))


def judge_thm1_q(statement: sp.Basic) -> CheckResult:
    r"""Judge a condition on Q (a SymPy relation or logical formula in ``Q``, r x r, and ``r``) as the
    exact condition of Thm. 1 / (15): (15) with eps = 0 solves (12) iff the condition holds
    (module docstring).  FAILS with a certified Q where the two differ; a condition SymPy does not
    decide at some Q raises :class:`~symdln.correction.FormulaError`.

    >>> judge_thm1_q(PRINTED_CONDITION).evidence.counterexample["which Q"]
    '2 I (Q^T Q = 4 I)'
    """
    return _judge(statement, "flow")


def judge_thm3_q(statement: sp.Basic) -> CheckResult:
    r"""Judge a condition on Q as the exact condition of the first display of Thm. 3: the gradient
    iterates of Sec. 3.2 keep :math:`W_1^{(t)} = U\,\mathrm{diag}(\sqrt{w_i^{(t)}})\,Q`,
    :math:`W_2^{(t)} = Q^{-1}\mathrm{diag}(\sqrt{w_i^{(t)}})V^\top` iff the condition holds.

    >>> judge_thm3_q(ORTHOGONAL_CONDITION).verdict.name
    'HOLDS'
    """
    return _judge(statement, "step")
