r"""Checks of paper 1's discrete L = 1 iterate (21): the closed form, the step-size condition
and the limit ("a similar result as Prop. 1").

The truth every check compares with is computed from the gradient step
W_{t+1} = (I_d - \eta\Sigma_x) W_t + \eta\Sigma_{xy} itself: the exact iterates, an induction
in t whose step is that update, and for the limit the two linear conditions that characterise
the limit of the iterates (a fixed point of the step, the null-space part of W_0 kept).  Never
the package's own closed form.  W_0, Y and \eta are symbolic; a witness is an integer W_0, Y
and a step size inside the printed domain 1/\lambda_{max}(\Sigma_x) > \eta > 0.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import replace
from functools import lru_cache

import sympy as sp

from symdln.checks._cases import (
    DataCase,
    IllFormedFormula,
    call_formula,
    data_case,
    qualify_inexact,
    standard_cases,
)
from symdln.checks._identity import certified_nonreal, certified_nonzero, nonzero_point, symbolic_matrix
from symdln.checks.linear_model import poly_point
from symdln.linear import (
    gd_iterate,
    iterate_21_corrected,
    iterate_21_printed,
    solution_9,
)
from symdln.verdict import CheckResult, Evidence, Verdict, corrected

__all__ = [
    "W_inf",
    "check_eq21_closed_form",
    "check_eq21_limit",
    "check_eq21_step_size",
    "judge_eq21_closed_form",
    "judge_eq21_limit",
]


def _cases_21() -> tuple[DataCase, ...]:
    """(21) cases: a d = 2 > p = 1 case first (smallest with d != p), then the standard ones."""
    small = data_case((1, 2), ((sp.Rational(1, 2),),), [[1], [0], [1]], [[1], [0]],
                      name="d = 2 > p = 1")
    return (small, *standard_cases())


Iterate21 = Callable[[sp.Matrix, sp.Matrix, sp.Matrix, sp.Expr, int], sp.Matrix]
STEPS_21 = (0, 1, 2, 3)

#: eta lambda_max(Sigma_x) tried, in this order, for a step size where a formula that differs
#: from gradient descent as a function of eta is certified to differ: rationals in (0, 1), so
#: every witness lies in the printed domain 1/lambda_max > eta > 0 (a nonzero rational function
#: of eta has finitely many zeros; the list is finite, so a search can also come back empty)
ETA_FRACTIONS_21 = tuple(dict.fromkeys(
    (sp.Rational(1, 3), sp.Rational(1, 6), sp.Rational(1, 2),
     *(sp.Rational(a, b) for b in range(2, 11) for a in range(1, b)))))
#: eta lambda_max for the search at 4 <= t <= 12
LATE_FRACTIONS_21 = (sp.Rational(1, 2), sp.Rational(1, 7), sp.Rational(2, 3))

_ETA = sp.Symbol("eta", positive=True)


def _symbolic_data(case: DataCase) -> tuple[sp.Matrix, sp.Matrix, sp.Matrix, dict[sp.Symbol, sp.Expr]]:
    """Sigma_xy for a symbolic Y and a symbolic W_0 at a case's X; the case's own values."""
    Y, W0 = symbolic_matrix("y", case.n, case.p), symbolic_matrix("w", case.d, case.p)
    own = {**dict(zip(Y, case.Y, strict=True)), **dict(zip(W0, case.W0, strict=True))}
    return case.X.T * Y / case.n, W0, Y, own


def _call_21(formula: Iterate21, case: DataCase, Sxy: sp.Matrix, W0: sp.Matrix, eta: sp.Expr,
             tt: int | sp.Expr, inexact: dict[str, str] | None) -> sp.Matrix:
    """The formula under test at a case with symbolic W_0, Y (raises :class:`IllFormedFormula`;
    a failure on symbols is confirmed at the case's own W_0, Y and a step size in the domain)."""
    eta_c = eta if eta.is_Rational else ETA_FRACTIONS_21[0] / max(case.eigenvalues)
    t_c = tt if isinstance(tt, int) else 1
    return call_formula(
        formula, (case.Sx, Sxy, W0, eta, tt),
        where={"case": case.name, "X": str(case.X.tolist()), "W0, Y": "symbolic",
               "eta": str(eta), "t": str(tt)},
        shape=(case.d, case.p), inexact=inexact,
        concrete=((case.Sx, case.Sxy, case.W0, eta_c, t_c),
                  {**case.describe(), "eta": str(eta_c), "t": t_c}))


def _witness_21(R: sp.Expr, etas: tuple[sp.Expr, ...], own: dict[sp.Symbol, sp.Expr]
                ) -> tuple[sp.Expr, dict[sp.Symbol, sp.Expr], sp.Expr] | None:
    """A step size in ``etas`` and integer values of the other symbols at which the residual
    entry R is certified nonzero (or certainly not real, where gradient descent is real): the
    case's own W_0, Y first, then
    :func:`symdln.checks.linear_model.poly_point` (complete for polynomials), then a search."""
    syms = sorted(R.free_symbols - {_ETA}, key=lambda s: s.name)
    for e in etas:
        Rq = sp.expand(R.subs(_ETA, e))
        if Rq == 0:
            continue
        if set(syms) <= set(own):
            value = Rq.xreplace(own)
            # gradient descent is real: a value that is certainly not real differs from it
            if certified_nonzero(value) or certified_nonreal(value):
                return e, {s: own[s] for s in syms}, value
        exact = poly_point(Rq, syms)
        if exact is not None:
            return e, {s: sp.Integer(v) for s, v in exact[0].items()}, exact[1]
        found = nonzero_point(sp.Matrix([[Rq]]), syms, tries=30)
        if found is not None:
            point = {s: sp.Integer(found[0][s.name]) for s in syms}
            return e, point, found[1][2]
    return None


def _counterexample(case: DataCase, W0: sp.Matrix, Y: sp.Matrix, own: dict[sp.Symbol, sp.Expr],
                    tt: int, i: int, j: int,
                    found: tuple[sp.Expr, dict[sp.Symbol, sp.Expr], sp.Expr],
                    val: sp.Matrix, gd: sp.Matrix) -> dict[str, object]:
    """The witness as a point: the symbols the residual does not involve keep the case's values."""
    e, point, value = found
    sub = {_ETA: e, **own, **point}
    extra = {s.name: v for s, v in point.items() if s not in own}
    return {"case": case.name, "X": str(case.X.tolist()), "Y": str(Y.subs(sub).tolist()),
            "W0": str(W0.subs(sub).tolist()), **extra, "t": tt, "eta": str(e),
            "eta lambda_max": str(e * max(case.eigenvalues)), "entry": f"[{i + 1},{j + 1}]",
            "formula": str(sp.simplify(val[i, j].subs(sub))),
            "gradient descent": str(gd[i, j].subs(sub)), "difference": str(value)}


def _compare_21(formula: Iterate21, inexact: dict[str, str] | None = None
                ) -> tuple[dict[str, object] | None, str | None]:
    """Where ``formula`` differs from the gradient-descent iterates (eta, W_0 and Y symbolic):
    the first ill-formed case and the first well-formed case with a certified wrong value,
    smallest first.

    Returns ``(failure, undecided)``: ``failure`` is None if nothing was certified;
    ``undecided`` describes the first difference that no step size of
    :data:`ETA_FRACTIONS_21` certified (or a call that could not be evaluated)."""
    ill: dict[str, object] | None = None
    undecided: str | None = None
    for case in _cases_21():
        Sxy, W0, Y, own = _symbolic_data(case)
        etas = tuple(q / max(case.eigenvalues) for q in ETA_FRACTIONS_21)
        for tt in STEPS_21:
            gd = gd_iterate(case.Sx, Sxy, W0, _ETA, tt)
            try:
                val = _call_21(formula, case, Sxy, W0, _ETA, tt, inexact)
            except IllFormedFormula as e:
                if e.undecided:
                    undecided = undecided or f"{case.name}, t = {tt}: {e.error}"
                else:
                    ill = ill or {"ill-formed": f"{case.name}, t = {tt}: {e.error}"}
                continue
            R = (val - gd).applyfunc(sp.expand)
            for i, j in ((i, j) for i in range(R.rows) for j in range(R.cols) if R[i, j] != 0):
                found = _witness_21(R[i, j], etas, own)
                if found is None:
                    undecided = undecided or (
                        f"{case.name}, t = {tt}, entry [{i + 1},{j + 1}]: the difference from "
                        f"gradient descent does not expand to zero, but no eta in "
                        f"{len(ETA_FRACTIONS_21)} step sizes with 0 < eta lambda_max < 1 "
                        "certifies it nonzero")
                    continue
                return {**(ill or {}), **_counterexample(case, W0, Y, own, tt, i, j, found, val, gd)
                        }, undecided
    return ill, undecided


def _induction_21(formula: Iterate21, inexact: dict[str, str] | None = None
                  ) -> dict[str, object] | None:
    """Induction in t for a candidate closed form, with t, eta, W_0 and Y symbolic: the base
    case W_0 and the step W_{k+1} = (I - eta Sigma_x) W_k + eta Sigma_xy, exactly.

    Returns None if both hold for every case, else where they fail (a formula that cannot
    be called with t symbolic is not proved by induction)."""
    k = sp.Symbol("k", integer=True, nonnegative=True)
    for case in _cases_21():
        Sxy, W0, _, _ = _symbolic_data(case)
        A = sp.eye(case.d) - _ETA * case.Sx
        try:
            Wk = _call_21(formula, case, Sxy, W0, _ETA, k, inexact)
            base = _call_21(formula, case, Sxy, W0, _ETA, 0, inexact) - W0
            step = _call_21(formula, case, Sxy, W0, _ETA, k + 1, inexact) - (A * Wk + _ETA * Sxy)
        except IllFormedFormula as e:
            return {"case": case.name, "ill-formed": e.error}
        for what, R in (("base case t = 0", base), ("induction step", step)):
            if any(sp.simplify(sp.expand_power_exp(sp.expand(e))) != 0 for e in R):
                return {"case": case.name, "failing": what}
    return None


@lru_cache(maxsize=16)
def _gd_orbit(case_index: int, frac: sp.Rational, steps: int) -> tuple[sp.ImmutableMatrix, ...]:
    """Gradient descent from the symbolic W_0 (symbolic Y) of ``_cases_21()[case_index]`` at
    eta = frac / lambda_max, iterates 0..steps: the truth of the late search, independent of the
    formula under test (so shared by every formula judged)."""
    case = _cases_21()[case_index]
    Sxy, W0, _, _ = _symbolic_data(case)
    eta = frac / max(case.eigenvalues)
    orbit = [sp.ImmutableMatrix(W0)]
    for _ in range(steps):
        orbit.append(sp.ImmutableMatrix(gd_iterate(case.Sx, Sxy, orbit[-1], eta, 1)))
    return tuple(orbit)


def _late_witness_21(formula: Iterate21, inexact: dict[str, str] | None = None
                     ) -> dict[str, object] | None:
    """A certified disagreement with gradient descent for 4 <= t <= 12 at step sizes in the
    domain (W_0 and Y symbolic, then an integer point)."""
    for index, case in enumerate(_cases_21()):
        Sxy, W0, Y, own = _symbolic_data(case)
        for frac in LATE_FRACTIONS_21:
            eta = frac / max(case.eigenvalues)
            orbit = _gd_orbit(index, frac, 12)
            for tt in range(4, 13):
                try:
                    val = _call_21(formula, case, Sxy, W0, eta, tt, inexact)
                except IllFormedFormula as e:
                    if e.undecided:
                        continue
                    return {"case": case.name, "t": tt, "ill-formed": e.error}
                gd = orbit[tt]
                R = (val - gd).applyfunc(sp.expand)
                for i, j in ((i, j) for i in range(R.rows) for j in range(R.cols)
                             if R[i, j] != 0):
                    found = _witness_21(R[i, j], (eta,), own)
                    if found is not None:
                        return _counterexample(case, W0, Y, own, tt, i, j, found, val, gd)
    return None


def _judge_21(formula: Iterate21, general: str | None = "the formula under test is a Python function, "
              "evaluated at the listed data cases only") -> CheckResult:
    """HOLDS (exact comparison for t <= 3 and an induction in t, everything symbolic), FAILS
    with a certified counterexample in the printed domain, or INCONCLUSIVE."""
    inexact: dict[str, str] = {}
    bad, undecided = _compare_21(formula, inexact)
    failure = None if bad is not None or undecided is not None else _induction_21(formula, inexact)
    if bad is None and undecided is None and failure is None:
        params = {"t compared": STEPS_21, "cases": [c.name for c in _cases_21()]}
        notes = "holds for every eta: the step-size condition is not needed for (21); the step uses " \
                "Sigma_x Sigma_x^+ Sigma_xy = Sigma_xy, true for data"
        if general is None:
            return qualify_inexact(CheckResult(Verdict.HOLDS, Evidence(
                method=f"{_INDUCTION_21}; exact comparison with the gradient-descent iterates for "
                       "t <= 3 and induction in t on the data cases (cross-check)",
                precision="exact", residual="0", parameters=params, notes=notes,
                proof="proofs/eq21.py", scope="general")), inexact)
        return qualify_inexact(CheckResult(Verdict.HOLDS, Evidence(
            method="exact comparison with the gradient-descent iterates for t <= 3 and "
                   "induction in t (base case and the update as step), with t, eta, W_0 and Y "
                   "symbolic",
            precision="exact", residual="0", parameters=params,
            notes=f"{notes}; why not general: {general}; the data cases listed (their X) are proved, "
                  "no other",
            proof="proofs/eq21.py", scope="instances")), inexact)
    if bad is None:
        bad = _late_witness_21(formula, inexact)
    if bad is None:
        why = (f"differs from gradient descent as an expression but undecided: {undecided}"
               if undecided else f"the induction did not go through: {failure}")
        return qualify_inexact(CheckResult(Verdict.INCONCLUSIVE, Evidence(
            "exact comparison for t <= 12 and induction in t",
            parameters={"eta lambda_max tried for a witness": len(ETA_FRACTIONS_21)},
            notes=f"no certified disagreement with gradient descent for t <= 12; {why}")),
            inexact)
    return qualify_inexact(CheckResult(Verdict.FAILS, Evidence(
        method="exact comparison with the gradient-descent iterates, eta, W_0 and Y symbolic; "
               "witness at integer W_0, Y and 0 < eta < 1/lambda_max(Sigma_x)",
        precision="exact", counterexample=bad,
        notes="the update multiplies W_t on the left by I - eta Sigma_x (d x d) and W_0 is "
              "d x p: a power of I - eta Sigma_x on the right is ill-formed for d != p and "
              "wrong for d = p unless W_0 - Sigma_x^+ Sigma_xy commutes with Sigma_x")), inexact)


def check_eq21_closed_form(formula: Iterate21 = iterate_21_printed,
                           correction: Iterate21 = iterate_21_corrected) -> CheckResult:
    r"""Judge (21): W_t = (W_0 - \Sigma_x^\dagger\Sigma_{xy})(I_d - \eta\Sigma_x)^t +
    \Sigma_x^\dagger\Sigma_{xy} for the L = 1 gradient descent, as printed.

    The formula under test and the ``correction`` go through the same computation
    (:func:`_judge_21`): exact comparison with the iterates for t = 0..3 (eta, W_0 and Y
    symbolic) and an induction in t with the update as its step.  A formula that raises
    or is ill-shaped at a case (d != p, a singular Sigma_x) is ill-formed there: a
    counterexample.
    """
    printed = _judge_21(formula)
    if printed.verdict is not Verdict.FAILS:
        return printed
    return corrected(printed, _judge_21(correction),
                     "W_t = (I_d - eta Sigma_x)^t (W_0 - Sigma_x^+ Sigma_xy) + Sigma_x^+ Sigma_xy, "
                     "for every eta and every t >= 0")


def _evaluate_21(e: sp.Basic, env: dict[sp.Symbol, sp.Basic]) -> sp.Basic:
    """The value of a formula in noncommutative matrix symbols at explicit matrices: sums, products
    in their order, integer or symbolic powers of square matrices, scalar functions of scalars.
    Raises ``ValueError`` where the formula is ill-formed at these matrices (a shape that does not
    match, a matrix as an exponent or in a scalar function, a number added to a matrix)."""
    if e in env:
        return env[e]
    if isinstance(e, sp.Symbol):
        raise ValueError(f"{e.name} has no value here")
    if not e.args:
        return e
    vals = [_evaluate_21(a, env) for a in e.args]
    mats = [v for v in vals if isinstance(v, sp.MatrixBase)]
    if isinstance(e, sp.Add):
        if mats and len(mats) != len(vals):
            raise ValueError(f"{sp.sstr(e)}: a number added to a matrix")
        if any(m.shape != mats[0].shape for m in mats):
            raise ValueError(f"{sp.sstr(e)}: the shapes of the terms do not match")
        return sum(vals[1:], vals[0])
    if isinstance(e, sp.Mul):
        acc: sp.Basic = sp.S.One
        for v in vals:
            if isinstance(v, sp.MatrixBase) and isinstance(acc, sp.MatrixBase) and acc.cols != v.rows:
                raise ValueError(f"{sp.sstr(e)}: the shapes {acc.shape} and {v.shape} cannot be multiplied")
            acc = acc * v
        return acc
    if isinstance(e, sp.Pow):
        base, k = vals
        if isinstance(k, sp.MatrixBase):
            raise ValueError(f"{sp.sstr(e)}: a matrix as an exponent")
        if isinstance(base, sp.MatrixBase):
            if not base.is_square or not (k.is_integer or k.is_Symbol or k.is_Add):
                raise ValueError(f"{sp.sstr(e)}: a power of a matrix needs a square matrix and an integer")
            return sp.Matrix(base) ** k
        return base**k
    if mats:
        raise ValueError(f"{sp.sstr(e)}: a matrix where a number is expected")
    return e.func(*vals)


def _as_iterate(statement: sp.Basic) -> Iterate21:
    r"""The iterate a statement ``Eq(W_t, F)`` gives: ``F`` evaluated at explicit \Sigma_x,
    \Sigma_{xy}, W_0 (symbolic or not), a step size and a step count (an integer or a symbol).

    Raises :class:`symdln.correction.FormulaError` on a statement that is not ``Eq(W_t, F)`` in
    the symbols of (21)."""
    from symdln.correction import FormulaError
    from symdln.linear import W_0, I_d, Sigma_x, Sigma_x_pinv, Sigma_xy, W_t
    from symdln.notation import eta, t

    if not isinstance(statement, sp.Eq) or W_t not in (statement.lhs, statement.rhs):
        raise FormulaError(f"{sp.sstr(statement)}: (21) is stated as Eq(W_t, F), F a matrix formula")
    rhs = statement.rhs if statement.lhs == W_t else statement.lhs
    allowed = {W_0, Sigma_x, Sigma_xy, Sigma_x_pinv, I_d, eta, t}
    unknown = sorted(str(s) for s in rhs.free_symbols - allowed)
    if unknown:
        raise FormulaError(f"{sp.sstr(statement)}: symbol {unknown[0]!r} in F of Eq(W_t, F) (the symbols "
                           "are W_0, Sigma_x, Sigma_xy, Sigma_x_pinv, I_d, eta, t)")
    if rhs.is_commutative:
        raise FormulaError(f"{sp.sstr(statement)}: F in Eq(W_t, F) is a number, not a matrix formula")

    def iterate(Sx: sp.Matrix, Sxy: sp.Matrix, W0: sp.Matrix, step: sp.Expr, tt: int | sp.Expr,
                pinv: sp.Matrix | None = None) -> sp.Matrix:
        env = {Sigma_x: sp.Matrix(Sx), Sigma_xy: sp.Matrix(Sxy), W_0: sp.Matrix(W0),
               I_d: sp.eye(Sx.rows), Sigma_x_pinv: sp.Matrix(Sx.pinv() if pinv is None else pinv),
               eta: step, t: sp.sympify(tt)}
        value = _evaluate_21(rhs, env)
        if not isinstance(value, sp.MatrixBase):
            raise ValueError(f"{sp.sstr(rhs)}: a number, not a matrix, at these data")
        return sp.Matrix(value)

    return iterate


# --- the general proof: induction in t in the algebra of the matrices, every d, p ------------------

#: a power (I_d - eta Sigma_x)^k, k a symbolic integer >= 0: a polynomial in Sigma_x, so it commutes
#: with Sigma_x and Sigma_x^+ (the pseudoinverse of a symmetric matrix is a polynomial in it)
_A_K = sp.Symbol("A_k", commutative=False)


def _shape_21(e: sp.Basic, dims: dict[sp.Basic, tuple[str, str]]) -> tuple[str, str] | None:
    """The shape of a formula in the noncommutative symbols of (21) when d and p are two different
    dimensions (None for a scalar); ``ValueError`` where it is ill-formed for some d != p (a product
    whose inner sizes differ, a sum of different shapes, a power of a non-square matrix)."""
    if e in dims:
        return dims[e]
    if e.is_commutative:
        if any(not a.is_commutative for a in e.atoms(sp.Symbol)):
            raise ValueError(f"{sp.sstr(e)}: a matrix inside a scalar function")
        return None
    shapes = [_shape_21(a, dims) for a in e.args]
    if isinstance(e, sp.Add):
        if len(set(shapes)) != 1:
            raise ValueError(f"{sp.sstr(e)}: terms of different shapes")
        return shapes[0]
    if isinstance(e, sp.Mul):
        mats = [sh for sh in shapes if sh is not None]
        for left, right in itertools.pairwise(mats):
            if left[1] != right[0]:
                raise ValueError(f"{sp.sstr(e)}: a {left[0]} x {left[1]} times a {right[0]} x {right[1]}")
        return (mats[0][0], mats[-1][1]) if mats else None
    if isinstance(e, sp.Pow):
        base, k = shapes
        if k is not None or base is None or base[0] != base[1]:
            raise ValueError(f"{sp.sstr(e)}: a power needs a square matrix and a scalar exponent")
        return base
    raise ValueError(f"{sp.sstr(e)}: a matrix in {type(e).__name__}")


def _rewrite_21(e: sp.Expr) -> sp.Expr:
    """``e`` expanded, with the matrix facts the proof may use applied until nothing changes:
    Sigma_x Sigma_x^+ Sigma_xy = Sigma_xy (data: Sigma_xy = X^T Y / n lies in the range of
    Sigma_x), the Penrose equations S S^+ S = S, S^+ S S^+ = S^+, S^+ S = S S^+ (S symmetric), and
    the commutation of A^k with S and S^+."""
    from symdln.linear import Sigma_x, Sigma_x_pinv, Sigma_xy

    S, P = Sigma_x, Sigma_x_pinv
    from symdln.checks.discrete import _reduce_words

    rules = ((S * P * Sigma_xy, Sigma_xy), (S * P * S, S), (P * S * P, P), (P * S, S * P),
             (_A_K * S, S * _A_K), (_A_K * P, P * _A_K))
    return _reduce_words(e, rules)


def _general_21(rhs: sp.Expr) -> str | None:
    r"""None iff F = ``rhs`` is proved to be W_t for every d, p, eta, t >= 0, Sigma_x and data
    Sigma_xy: F is well-formed for d != p (:func:`_shape_21`), t enters only through
    (I_d - eta Sigma_x)^t, and in the algebra generated by the matrices (A_k := (I_d - eta
    Sigma_x)^k) F(0) = W_0 and F(k + 1) = (I_d - eta Sigma_x) F(k) + eta Sigma_xy hold after the
    rewriting of :func:`_rewrite_21`.  Else why that is not shown."""
    from symdln.linear import W_0, I_d, Sigma_x, Sigma_x_pinv, Sigma_xy
    from symdln.notation import eta, t

    dims = {W_0: ("d", "p"), Sigma_xy: ("d", "p"), Sigma_x: ("d", "d"), Sigma_x_pinv: ("d", "d"),
            I_d: ("d", "d")}
    try:
        shape = _shape_21(rhs, dims)
    except ValueError as err:
        return f"the formula is not well-formed for every d != p ({err})"
    if shape != ("d", "p"):
        return "the formula is not a d x p matrix for every d, p"
    A = I_d - eta * Sigma_x
    for x in rhs.atoms(sp.Pow):
        if not x.base.is_commutative and not x.has(t) and not (x.exp.is_Integer and x.exp > 0):
            return (f"{sp.sstr(x)}: a matrix power other than a positive integer one or (I_d - eta "
                    "Sigma_x)^t (an inverse is not defined for every Sigma_x)")
    powers = [x for x in rhs.atoms(sp.Pow) if x.has(t)]
    if any(sp.expand(x.base - A) != 0 or x.exp != t for x in powers):
        return "t enters otherwise than through (I_d - eta Sigma_x)^t"
    at_k = rhs.xreplace({x: _A_K for x in powers})
    if at_k.has(t):
        return "t enters otherwise than through (I_d - eta Sigma_x)^t"

    def value(power: sp.Expr) -> sp.Expr:  # I_d is the unit of the algebra (shapes checked above)
        return at_k.xreplace({_A_K: power}).xreplace({I_d: sp.S.One})

    A1 = A.xreplace({I_d: sp.S.One})
    base = _rewrite_21(value(sp.S.One) - W_0)
    step = _rewrite_21(value(A1 * _A_K) - (A1 * value(_A_K) + eta * Sigma_xy))
    if base != 0:
        return f"the base case F(0) - W_0 does not reduce to 0 in the algebra ({sp.sstr(base)})"
    if step != 0:
        return f"the induction step does not reduce to 0 in the algebra ({sp.sstr(step)})"
    return None


#: the argument behind a general HOLDS of (21)
_INDUCTION_21 = (
    "induction in t over the algebra of the matrices (noncommutative symbols: every d, p): F(0) = W_0 "
    "and F(k+1) = (I_d - eta Sigma_x) F(k) + eta Sigma_xy with A_k = (I_d - eta Sigma_x)^k, using "
    "only Sigma_x Sigma_x^+ Sigma_xy = Sigma_xy (data), the Penrose equations of the symmetric "
    "Sigma_x and that A_k commutes with Sigma_x and Sigma_x^+; the formula well-formed for d != p")


def judge_eq21_closed_form(statement: sp.Basic) -> CheckResult:
    r"""Judge a closed form of the L = 1 iterates, ``Eq(W_t, F)`` in ``W_0``, ``Sigma_x``,
    ``Sigma_xy``, ``Sigma_x_pinv`` (\Sigma_x^\dagger), ``I_d`` (noncommutative symbols of
    :mod:`symdln.linear`), ``eta`` and ``t``, against the gradient-descent iterates
    W_{t+1} = (I_d - \eta\Sigma_x) W_t + \eta\Sigma_{xy} (the same
    computation as :func:`check_eq21_closed_form`: exact comparison for t <= 3 with eta, W_0, Y
    symbolic, induction in t; a witness in 1/lambda_max > eta > 0).  A shape that does not match at
    a case (d != p) is ill-formed there: a counterexample.

    >>> from symdln.linear import I_d, Sigma_x, Sigma_x_pinv, Sigma_xy, W_0, W_t
    >>> from symdln.notation import eta, t
    >>> P = Sigma_x_pinv * Sigma_xy
    >>> judge_eq21_closed_form(sp.Eq(W_t, (I_d - eta * Sigma_x) ** t * (W_0 - P) + P)).verdict.name
    'HOLDS'
    """
    from symdln.linear import W_t

    rhs = statement.rhs if statement.lhs == W_t else statement.lhs
    iterate = _as_iterate(statement)
    return _judge_21(iterate, general=_general_21(rhs))


def check_eq21_step_size(
    condition: Callable[[object, object], object] | None = None,
) -> CheckResult:
    r"""Judge "for 1/\lambda_{max}(\Sigma_x) > \eta > 0, I_d - \eta\Sigma_x is invertible".

    ``condition(eta, lmax)`` is a z3 formula for the step-size condition
    (default, as printed: eta lmax < 1).  Proved with z3 over all eigenvalues
    0 <= lambda <= lmax; the sharp conditions are proved alongside.
    """
    import z3

    from symdln.certify.smt import prove

    eta, lmax, lm = z3.Reals("eta lambda_max lambda")
    try:
        stated = call_formula(condition or (lambda e, m: e * m < 1), (eta, lmax),
                              where={"eta, lambda_max": "z3 reals"})
    except IllFormedFormula as err:
        return CheckResult(Verdict.INCONCLUSIVE, Evidence(
            "z3", notes=f"the condition could not be built as a z3 formula: {err.error}"))
    if not isinstance(stated, z3.BoolRef):
        return CheckResult(Verdict.INCONCLUSIVE, Evidence(
            "z3", notes=f"the condition is a {type(stated).__name__}, not a z3 formula"))
    domain = z3.And(lmax > 0, lm >= 0, lm <= lmax, eta > 0)
    if prove(z3.Not(z3.And(domain, stated))).status == "proved":
        return CheckResult(Verdict.INCONCLUSIVE, Evidence(
            "z3", notes="the step-size condition is unsatisfiable: the claim is vacuous"))
    main = prove(z3.Implies(z3.And(domain, stated), 1 - eta * lm != 0))
    if main.status == "refuted":
        return CheckResult(Verdict.FAILS, Evidence(
            method="z3 (nonlinear real arithmetic), model validated exactly",
            precision="exact", counterexample=dict(main.model or {}),
            notes="an eigenvalue with 1 - eta lambda = 0: I - eta Sigma_x is singular"))
    if main.status != "proved":
        return CheckResult(Verdict.INCONCLUSIVE, Evidence("z3", notes=f"z3: {main.reason}"))
    # Sharp facts, proved: convergence of (1 - eta lambda)^t iff 0 < eta lambda < 2.
    conv = prove(z3.Implies(z3.And(lm > 0, eta > 0),
                            (z3.And(-1 < 1 - eta * lm, 1 - eta * lm < 1)) == (eta * lm < 2)))
    # Not necessary: lambda_max = 1, eta = 3/2 violates the condition, yet 1 - eta = -1/2 != 0
    # and |1 - eta| < 1 (exact rationals).
    if conv.status != "proved":
        return CheckResult(Verdict.INCONCLUSIVE, Evidence(
            "z3", notes=f"the convergence condition was not proved: {conv.reason}"))
    big = sp.Rational(3, 2)  # eta lambda_max = 3/2 > 1: outside the printed condition
    A = sp.eye(2) - big * sp.diag(1, sp.Rational(1, 2))  # I - eta Sigma_x, Sigma_x = diag(1, 1/2)
    not_needed = A.det() != 0 and all(abs(ev) < 1 for ev in A.eigenvals())
    return CheckResult(Verdict.HOLDS, Evidence(
        method="z3 proof over 0 <= lambda <= lambda_max",
        precision="exact", margin="1 - eta lambda >= 1 - eta lambda_max > 0",
        details={"convergence iff 0 < eta lambda_i < 2 (z3)": conv.status,
                 "eta = 3/2, Sigma_x = diag(1, 1/2): I - eta Sigma_x invertible, spectral radius < 1 (exact)":
                     not_needed},
        notes="sufficient, not necessary: invertibility holds iff eta != 1/lambda_i for "
              "every eigenvalue; (21) itself needs no invertibility (it holds for every eta); "
              "the iterates converge iff 0 < eta < 2/lambda_max(Sigma_x)",
        proof="proofs/eq21.py", scope="general"))


def _null_projector(Sx: sp.Matrix) -> sp.Matrix:
    """The orthogonal projector onto the null space of Sigma_x, exactly (rational), computed
    from a basis of the null space: N (N^T N)^{-1} N^T."""
    basis = Sx.nullspace()
    if not basis:
        return sp.zeros(*Sx.shape)
    N = sp.Matrix.hstack(*basis)
    return N * (N.T * N).inv() * N.T


def _limit_conditions(Sx: sp.Matrix, Sxy: sp.Matrix, W0: sp.Matrix, L: sp.Matrix
                      ) -> tuple[tuple[str, sp.Matrix], ...]:
    r"""The two residuals that vanish iff L is the limit of the iterates (and of the flow (8)).

    With A = I - \eta\Sigma_x, W_{t+1} - L = A(W_t - L) + \eta(\Sigma_{xy} - \Sigma_x L).  If
    \Sigma_{xy} = \Sigma_x L (L a fixed point of the step, for every \eta > 0; an equilibrium of
    (8)) then W_t - L = A^t(W_0 - L), and if moreover \Pi_0(W_0 - L) = 0 (\Pi_0 the projector
    onto the null space of \Sigma_x) then W_0 - L lies in the range of \Sigma_x, where A^t -> 0
    for 0 < \eta < 2/\lambda_{max}: W_t -> L.  Conversely a limit is a fixed point, and
    \Pi_0 W_t = \Pi_0 W_0 for every t (\Pi_0 A = \Pi_0, \Pi_0\Sigma_{xy} = 0 for data).  The
    same two conditions characterise the t -> oo limit of (8) (e^{-t\Sigma_x} for A^t)."""
    P0 = _null_projector(Sx)
    return (("fixed point of the update (equilibrium of (8)): Sigma_xy - Sigma_x L",
             Sxy - Sx * L),
            ("null-space part of W_0 kept: Pi_0 (W_0 - L)", P0 * (W0 - L)))


def _limit_9(case: DataCase) -> sp.Matrix:
    """lim_{t -> oo} of Prop. 1's solution (9), computed entrywise by SymPy."""
    t = sp.Symbol("t", positive=True)
    W = solution_9(case.Sx, case.Sxy, case.W0, t, pinv=case.pinv)
    return W.applyfunc(lambda e: sp.limit(e, t, sp.oo))


def _claimed_limit_21(case: DataCase) -> sp.Matrix:
    """(I - Sigma_x Sigma_x^+) W_0 + Sigma_x^+ Sigma_xy: the explicit form of the common limit."""
    return (sp.eye(case.d) - case.Sx * case.pinv) * case.W0 + case.pinv * case.Sxy


def _solved_limit(case: DataCase) -> sp.Matrix:
    """The limit at a concrete case, solved from the two linear conditions (unique)."""
    L = symbolic_matrix("l", case.d, case.p)
    eqs = [e for _, R in _limit_conditions(case.Sx, case.Sxy, case.W0, L) for e in R]
    sol = sp.solve(eqs, list(L), dict=True)
    if len(sol) != 1 or L.subs(sol[0]).free_symbols:
        raise ArithmeticError(f"the limit conditions do not determine L ({case.name})")
    return L.subs(sol[0])


def _contracts(case: DataCase, eta: sp.Rational) -> bool:
    """|1 - eta lambda| < 1 for every nonzero eigenvalue of Sigma_x (SymPy's exact eigenvalues)."""
    return all(abs(1 - eta * ev) < 1 for ev in case.Sx.eigenvals() if ev != 0)


#: why the limit given as a Python function of a data case is judged on the data cases only
_WHY_NOT_GENERAL_LIMIT = (
    "the claimed limit and the limit of (9) are Python functions of a data case (explicit matrices; "
    "SymPy's limit entry by entry), judged on the listed cases (every W_0 and Y, those X) only. Missing "
    "step: none in the method; the same limit written as a formula Eq(W_inf, F) in the noncommutative "
    "symbols of symdln.linear (as the registry holds it) is proved for every d, p by judge_eq21_limit")


def check_eq21_limit(
    claimed: Callable[[DataCase], sp.Matrix] = _claimed_limit_21,
    continuous_limit: Callable[[DataCase], sp.Matrix] = _limit_9,
) -> CheckResult:
    r"""Judge "we obtain a similar result as ... Prop. 1" for (21): for 0 < \eta <
    2/\lambda_{max}, W_t -> (I - \Sigma_x\Sigma_x^\dagger)W_0 + \Sigma_x^\dagger\Sigma_{xy},
    the t -> oo limit of (9); it depends on the part of W_0 in the null space of \Sigma_x.

    ``claimed(case)`` is the explicit form of the limit, judged with W_0 and Y symbolic by
    the two conditions of :func:`_limit_conditions`, derived from the update alone (they
    hold iff it is the limit of the iterates for every 0 < eta < 2/lambda_max, and of the
    flow (8)).  ``continuous_limit`` is the limit the discrete one is compared with
    (default: SymPy's t -> oo limit of (9)), judged by the same conditions at each case.  The
    functions are judged on the data cases (scope "instances"); for a formula see
    :func:`judge_eq21_limit`.
    """
    return _check_eq21_limit(claimed, continuous_limit, _WHY_NOT_GENERAL_LIMIT)


def _check_eq21_limit(claimed: Callable[[DataCase], sp.Matrix],
                      continuous_limit: Callable[[DataCase], sp.Matrix], general: str | None
                      ) -> CheckResult:
    """:func:`check_eq21_limit`; ``general`` is None when the general proof (:data:`_PROOF_LIMIT`)
    holds for the claimed limit, else why it does not."""
    inexact: dict[str, str] = {}
    rows = []
    for case in standard_cases():
        Sxy, W0, Y, own = _symbolic_data(case)
        if not (_null_projector(case.Sx) * Sxy).applyfunc(sp.expand).is_zero_matrix:
            raise ArithmeticError(f"Pi_0 Sigma_xy != 0 for data ({case.name})")  # pragma: no cover
        sym_case = replace(case, Y=Y, W0=W0)
        try:
            value = call_formula(claimed, (sym_case,),
                                 where={"case": case.name, "X": str(case.X.tolist()),
                                        "W0, Y": "symbolic"},
                                 shape=(case.d, case.p), inexact=inexact,
                                 concrete=((case,), case.describe()))
        except IllFormedFormula as err:
            return qualify_inexact(err.result("the claimed limit called on exact data cases"),
                                   inexact)
        for what, R in _limit_conditions(case.Sx, Sxy, W0, value):
            R = R.applyfunc(sp.expand)
            for e in (e for e in R if e != 0):
                found = _witness_21(e, (sp.Integer(1),), own)
                if found is None:
                    return qualify_inexact(CheckResult(Verdict.INCONCLUSIVE, Evidence(
                        "exact limit conditions", parameters={"case": case.name},
                        notes=f"{what}: the residual does not expand to zero but no integer "
                              "point certified it nonzero")), inexact)
                sub = {**own, **found[1]}
                return qualify_inexact(CheckResult(Verdict.FAILS, Evidence(
                    method="exact: the limit of the iterates is the fixed point of the update "
                           "with the null-space part of W_0 (two linear conditions, W_0 and Y "
                           "symbolic), integer witness",
                    precision="exact",
                    counterexample={"case": case.name, "X": str(case.X.tolist()),
                                    "Y": str(Y.subs(sub).tolist()),
                                    "W0": str(W0.subs(sub).tolist()), "failing": what,
                                    "residual": str(R.subs(sub).tolist()),
                                    "claimed": str(value.subs(sub).tolist()),
                                    "limit (solved from the conditions)": str(_solved_limit(
                                        replace(case, Y=Y.subs(sub), W0=W0.subs(sub))).tolist())})),
                    inexact)
        limit_9 = continuous_limit(case)
        for what, R in _limit_conditions(case.Sx, case.Sxy, case.W0, limit_9):
            if any(sp.simplify(e) != 0 for e in R):
                return CheckResult(Verdict.FAILS, Evidence(
                    method="exact: the continuous limit against the two conditions that "
                           "characterise the limit of the iterates",
                    precision="exact",
                    counterexample={**case.describe(), "failing": what,
                                    "limit of the iterates (solved from the conditions)":
                                        str(_solved_limit(case).tolist()),
                                    "continuous limit (default: of (9))": str(limit_9.tolist())}))
        for frac in (sp.Rational(1, 2), sp.Rational(3, 2)):  # eta lambda_max < 2
            eta = frac / max(case.eigenvalues)
            if not _contracts(case, eta):  # pragma: no cover - 0 < eta lambda < 2
                raise ArithmeticError(f"no contraction at eta = {eta} ({case.name})")
            rows.append(f"{case.name}, eta = {eta}")
    singular = next(c for c in standard_cases() if c.Sx.rank() < c.d)
    null = _null_projector(singular.Sx) * singular.W0
    cases = ("exact: the claimed form is a fixed point of the update and keeps the null-space part of "
             "W_0 (W_0 and Y symbolic), which characterises the limit of the iterates and of (8); SymPy's "
             "t -> oo limit of (9) satisfies the same conditions; |1 - eta lambda| < 1 on the range of "
             "Sigma_x")
    notes = ("the limit equals that of (9) as t -> oo; it depends on W_0 through its component in the null "
             "space of Sigma_x, which never moves; with W_0 -> 0 it is Sigma_x^+ Sigma_xy")
    return qualify_inexact(CheckResult(Verdict.HOLDS, Evidence(
        method=cases if general else f"{_PROOF_LIMIT}; cross-check: {cases}, on the data cases",
        precision="exact", residual="0", parameters={"cases": rows},
        details={"null-space part of W0 kept in the limit (" + singular.name + ")":
                 str(null.tolist())},
        notes=f"{notes}; why not general: {general}" if general else notes,
        proof="proofs/eq21.py", scope="instances" if general else "general")), inexact)


# --- the limit in general: the algebra of symdln.checks.linear_model, every d, p ------------------

#: lim_{t -> oo} W_t, the left-hand side of the limit as a formula Eq(W_inf, F)
W_inf = sp.Symbol("W_inf", commutative=False)

#: the argument behind a general HOLDS of the limit
_PROOF_LIMIT = (
    "in the algebra of Sigma_x, Sigma_x^+ and e^{g Sigma_x} (noncommutative symbols: every d, p, data and "
    "W_0; Penrose equations, Sigma_x Sigma_x^+ Sigma_xy = Sigma_xy): Sigma_xy - Sigma_x F and (I_d - Sigma_x "
    "Sigma_x^+)(W_0 - F) reduce to 0, so by induction (step W_{k+1} - F = (I_d - eta Sigma_x)(W_k - F) + "
    "eta (Sigma_xy - Sigma_x F), reduced in the algebra) W_t - F = (I_d - eta Sigma_x)^t Sigma_x Sigma_x^+ "
    "(W_0 - F) -> 0, since |1 - eta lambda| < 1 for 0 < eta lambda < 2 (z3) on every eigenvalue lambda > 0 "
    "of the symmetric Sigma_x (spectral theorem); and F - lim_{t -> oo} (9) reduces to 0, (9) proved in the "
    "algebra to solve (8) and e^{-t Sigma_x} -> I_d - Sigma_x Sigma_x^+ (Sigma_x positive semidefinite); F "
    "well-formed for d != p")


@lru_cache(maxsize=1)
def _limit_lemmas() -> str | None:
    """The formula-independent steps of :data:`_PROOF_LIMIT`: the induction step for a free d x p letter
    F (z3 for the contraction |1 - eta lambda| < 1, 0 < eta lambda < 2); None if proved, else which not."""
    import z3

    from symdln.certify.smt import prove
    from symdln.checks.linear_model import element, nonzero_part
    from symdln.linear import Sigma_x, Sigma_xy
    from symdln.notation import eta

    W_k, F = sp.symbols("W_k F", commutative=False)
    A = 1 - eta * Sigma_x
    step = element((A * W_k + eta * Sigma_xy - F) - A * (W_k - F) - eta * (Sigma_xy - Sigma_x * F))
    if nonzero_part(step) is not None:  # pragma: no cover - an identity in free letters
        return "the induction step of W_t - F does not reduce to 0"
    e, lm = z3.Reals("eta lambda")
    contraction = prove(z3.Implies(z3.And(e > 0, lm > 0, e * lm < 2),
                                   z3.And(-1 < 1 - e * lm, 1 - e * lm < 1)))
    if contraction.status != "proved":  # pragma: no cover - z3 proves it in milliseconds
        return f"|1 - eta lambda| < 1 for 0 < eta lambda < 2 not proved by z3: {contraction.reason}"
    return None


def general_limit_21(rhs: sp.Expr) -> str | None:
    r"""None iff F = ``rhs`` is proved to be lim_{t -> oo} W_t for every d, p, data, W_0 and
    0 < \eta < 2/\lambda_{max}(\Sigma_x), and to equal lim_{t -> oo} of the solution (9) of (8)
    (:data:`_PROOF_LIMIT`); else why that is not shown.

    >>> from symdln.linear import W_0, I_d, Sigma_x, Sigma_x_pinv, Sigma_xy
    >>> general_limit_21((I_d - Sigma_x * Sigma_x_pinv) * W_0 + Sigma_x_pinv * Sigma_xy) is None
    True
    >>> general_limit_21(Sigma_x_pinv * Sigma_xy)
    '(I_d - Sigma_x Sigma_x^+)(W_0 - F) does not reduce to 0 in the algebra (-Sigma_x*Sigma_x_pinv*W_0 + W_0)'
    """
    from symdln.checks.linear_model import (
        Element,
        _combine,
        _in_algebra,
        at_infinity,
        nonzero_part,
        times,
        verified_solution_9,
    )
    from symdln.linear import W_0, Sigma_x, Sigma_x_pinv, Sigma_xy

    F = _in_algebra(rhs)
    if isinstance(F, str):
        return F
    one, minus = sp.S.One, sp.S.NegativeOne
    S: Element = {(Sigma_x,): one}
    projector: Element = {(): one, (Sigma_x, Sigma_x_pinv): minus}  # onto the null space of Sigma_x
    fixed = _combine((one, {(Sigma_xy,): one}), (minus, times(S, F)))
    null = times(projector, _combine((one, {(W_0,): one}), (minus, F)))
    for what, x in (("Sigma_xy - Sigma_x F (F a fixed point of the update)", fixed),
                    ("(I_d - Sigma_x Sigma_x^+)(W_0 - F)", null)):
        left = nonzero_part(x)
        if left is not None:
            return f"{what} does not reduce to 0 in the algebra ({sp.sstr(left)})"
    lemmas = _limit_lemmas()
    if lemmas is not None:  # pragma: no cover - formula-independent, proved
        return lemmas
    truth = verified_solution_9()
    if truth is None:  # pragma: no cover - formula-independent, proved
        return "the solution (9) is not verified in the algebra"
    left = nonzero_part(_combine((one, F), (minus, at_infinity(truth))))
    if left is not None:
        return f"F - lim_(t -> oo) of (9) does not reduce to 0 in the algebra ({sp.sstr(left)})"
    return None


def judge_eq21_limit(statement: sp.Basic) -> CheckResult:
    r"""Judge the limit of the L = 1 iterates ("a similar result as ... Prop. 1") as a formula
    ``Eq(W_inf, F)``, W_inf = lim_{t -> oo} W_t, F in ``W_0``, ``Sigma_x``, ``Sigma_xy``,
    ``Sigma_x_pinv``, ``I_d`` (noncommutative symbols of :mod:`symdln.linear`): on the data cases as
    :func:`check_eq21_limit` (a certified witness FAILS it), and for every d, p, data, W_0 and step size
    0 < eta < 2/lambda_max by :func:`general_limit_21` (scope "general"; else "instances" with the reason).

    >>> from symdln.linear import W_0, I_d, Sigma_x, Sigma_x_pinv, Sigma_xy
    >>> r = judge_eq21_limit(sp.Eq(W_inf, (I_d - Sigma_x * Sigma_x_pinv) * W_0 + Sigma_x_pinv * Sigma_xy))
    >>> r.verdict.name, r.evidence.scope
    ('HOLDS', 'general')
    """
    from symdln.checks.linear_model import ill_shaped_witness, matrix_function, statement_rhs
    from symdln.linear import W_0, I_d, Sigma_x, Sigma_x_pinv, Sigma_xy

    rhs = statement_rhs(statement, W_inf, {W_0, Sigma_x, Sigma_xy, Sigma_x_pinv, I_d},
                        "the limit of (21)")
    value = matrix_function(rhs)

    def claimed(case: DataCase) -> sp.Matrix:
        return value({Sigma_x: case.Sx, Sigma_xy: case.Sxy, W_0: case.W0, Sigma_x_pinv: case.pinv,
                      I_d: sp.eye(case.d)})

    general = general_limit_21(rhs)
    if general is not None:
        general += "; judged on the listed data cases (every W_0 and Y, those X) only"
    try:
        ill_shaped_witness(rhs, value)
    except IllFormedFormula as err:
        return err.result("the formula under test evaluated on exact data cases")
    return _check_eq21_limit(claimed, _limit_9, general)
