r"""Checks of (27) (Delta_xy, Delta_x) and of what Sec. 3.1 says about Assump. 1.

Every instance is an exact rational matrix (orthogonal bases from the Cayley
transform), so each value is an exact algebraic number: equalities are
decided by SymPy on rationals and square roots, signs by Arb balls.  The
bounds for general PSD Sigma_x are proved for every d by SymPy identities in
a symbolic d (induction steps of tr S >= ||S||_F and of Cauchy-Schwarz,
:func:`symbolic_bound_proofs`) and by the written argument in
``proofs/data_delta.py``.

The definitions of (27) and where its scales end are judged as formulas
(:func:`judge_delta_xy`, :func:`judge_delta_x`, :func:`judge_scale`): any formula,
the printed one or its correction, against a truth computed without it.  A Delta_xy
formula, and the defect of :func:`check_assump1_commute`, are then proved for every
d, p and multiplicity pattern by the mask calculus of
:mod:`symdln.checks.data_delta_proof` when they are in its language; its cited step
(the minimum over U) is tested here against the exact minimisation over U
(:func:`attainment_on_instances`).

>>> printed = FrobeniusDistance(X.T * X / (n * FrobeniusNorm(X) ** 2), I_d / FrobeniusNorm(I_d)) / 2
>>> judge_delta_x(printed).evidence.counterexample["Delta_x"]
'1/4'
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import Any, TypeAlias

import sympy as sp

from symdln.assumption import (
    FrobeniusDistance,
    FrobeniusNorm,
    I_d,
    NotEvaluated,
    OffDiagonal,
    Pinching,
    Sigma_x,
    Sigma_xy,
    U,
    X,
    d,
    defect_B,
    delta_x_corrected,
    delta_x_printed,
    delta_x_sup,
    delta_xy_min,
    delta_xy_printed,
    delta_xy_sup,
    evaluate,
    frobenius,
    p,
    spectral_projectors,
)
from symdln.certify.balls import certified_sign
from symdln.certify.exact import cayley_orthogonal
from symdln.checks._identity import certified_nonzero
from symdln.checks.data_delta_proof import (
    CITED_FACTS,
    COMMUTE_PROOF,
    DELTA_XY_PROOF,
    GRAM,
    HAND_FACTS,
    lemma_steps,
    prove_commute,
    prove_delta_xy,
)
from symdln.correction import FormulaError
from symdln.notation import n
from symdln.verdict import CheckResult, Evidence, Verdict

__all__ = [
    "DELTA_XY_SYMBOLS",
    "DELTA_X_SYMBOLS",
    "EPSILON_MIN",
    "SCALE_SYMBOLS",
    "Delta_x_max",
    "Delta_xy_max",
    "attainment_on_instances",
    "check_assump1_commute",
    "check_assump1_multiclass",
    "check_delta_range",
    "delta_x_data",
    "delta_xy_instances",
    "exact_differ",
    "judge_delta_x",
    "judge_delta_xy",
    "judge_scale",
    "least_defect",
    "scale_suprema",
    "symbolic_bound_proofs",
    "unit_distance",
]

R = sp.Rational
#: an exactly orthogonal rational rotation (Cayley transform of [[0, 1/2], [-1/2, 0]])
Q2 = sp.Matrix([[R(3, 5), R(-4, 5)], [R(4, 5), R(3, 5)]])
#: an exactly orthogonal rational 3 x 3 matrix (Cayley transform of a rational skew matrix)
Q3 = cayley_orthogonal(sp.Matrix([[0, 1, 2], [-1, 0, 1], [-2, -1, 0]]) / 3)


def _block(*blocks: sp.Matrix) -> sp.Matrix:
    return sp.diag(*blocks)


def ambiguity_instances() -> list[dict[str, Any]]:
    r"""Instances where (13) admits two U's: a repeated singular value, a completion (d > p), zero
    singular values (d = p).

    Each instance: Sigma_x, Sigma_xy and two admissible U (columns of U are
    left singular vectors of Sigma_xy, completed orthonormally).
    """
    Sx2 = Q2 * sp.diag(2, 1) * Q2.T
    Sx3 = _block(sp.Matrix([[1]]), Q2 * sp.diag(2, 1) * Q2.T)
    return [
        {"case": "repeated singular value: d = p = 2, Sigma_xy = I_2",
         "Sx": Sx2, "Sxy": sp.eye(2), "U_a": sp.eye(2), "U_b": Q2},
        {"case": "completion of U: d = 3, p = 1, Sigma_xy = e_1",
         "Sx": Sx3, "Sxy": sp.Matrix([[1], [0], [0]]), "U_a": sp.eye(3),
         "U_b": _block(sp.Matrix([[1]]), Q2)},
        {"case": "zero singular values: d = p = 3, Sigma_xy = diag(1, 0, 0)",
         "Sx": Sx3, "Sxy": sp.diag(1, 0, 0), "U_a": sp.eye(3),
         "U_b": _block(sp.Matrix([[1]]), Q2)},
    ]


def _admissible(U: sp.Matrix, Sxy: sp.Matrix) -> bool:
    """U orthogonal and U^T Sigma_xy Sigma_xy^T U diagonal (columns are left singular vectors)."""
    d = U.rows
    G = U.T * Sxy * Sxy.T * U
    return U.T * U == sp.eye(d) and all(G[i, j] == 0 for i in range(d) for j in range(d) if i != j)


DeltaXY = Callable[[sp.Matrix, sp.Matrix], sp.Expr]

#: what a Delta_xy formula may use: Sigma_x, Sigma_xy, U (admissible), and the matrix functions
DELTA_XY_SYMBOLS = (Sigma_x, Sigma_xy, U, FrobeniusNorm, FrobeniusDistance, OffDiagonal, Pinching, d, p)


def _rotation(t: sp.Expr) -> sp.Matrix:
    """The rotation by the angle 2 arctan t (every rotation but the half turn, which is -I)."""
    return sp.Matrix([[1 - t**2, -2 * t], [2 * t, 1 - t**2]]) / (1 + t**2)


def delta_xy_instances() -> list[dict[str, Any]]:
    r"""Exact (Sigma_x, Sigma_xy) with an admissible U_0 (orthogonal, U_0^T Sigma_xy Sigma_xy^T U_0
    diagonal): the ambiguous cases of (13) first (a repeated singular value, the completion of U
    for d > p, zero singular values), then Sigma_x coupled to the range of Sigma_xy, a Sigma_x that
    breaks Assump. 1, Saxe's Sigma_x = c I_d and the autoencoder Sigma_xy = Sigma_x.  In each, at
    most two columns of U_0 share an eigenvalue of Sigma_xy Sigma_xy^T, so the admissible U are
    U_0 with those two columns rotated (up to the signs and the order of the columns, which do not
    change ||B||)."""
    amb = ambiguity_instances()
    C = Q2 * sp.diag(2, 1) * Q2.T
    half = R(1, 2)
    S_range = sp.Matrix([[3, half, 0], [half, C[0, 0], C[0, 1]], [0, C[1, 0], C[1, 1]]])
    Sxy_q3 = Q3 * sp.Matrix([[2, 0], [0, 1], [0, 0]])
    ae, ae_rep = Q3 * sp.diag(3, 2, 1) * Q3.T, Q3 * sp.diag(3, 3, 1) * Q3.T
    out = [{"case": a["case"], "Sx": a["Sx"], "Sxy": a["Sxy"], "U0": a["U_a"]} for a in amb]
    out += [
        {"case": "Sigma_x coupled to the range of Sigma_xy = 2 e_1: d = 3, p = 1",
         "Sx": S_range, "Sxy": sp.Matrix([[2], [0], [0]]), "U0": sp.eye(3)},
        {"case": "distinct singular values, Sigma_x not diagonal in their basis: d = p = 2",
         "Sx": sp.Matrix([[2, 1], [1, 2]]), "Sxy": sp.diag(2, 1), "U0": sp.eye(2)},
        {"case": "Sigma_x that breaks Assump. 1: d = 3, p = 1",
         "Sx": sp.Matrix([[2, 1, 0], [1, 2, 0], [0, 0, 1]]), "Sxy": sp.Matrix([[1], [0], [0]]),
         "U0": sp.eye(3)},
        {"case": "Sigma_x = I_3 (Saxe et al.)", "Sx": sp.eye(3), "Sxy": Sxy_q3, "U0": Q3},
        {"case": "Sigma_x = 7/2 I_3", "Sx": R(7, 2) * sp.eye(3), "Sxy": Sxy_q3, "U0": Q3},
        {"case": "autoencoder Sigma_xy = Sigma_x, distinct eigenvalues", "Sx": ae, "Sxy": ae, "U0": Q3},
        {"case": "autoencoder Sigma_xy = Sigma_x, repeated eigenvalue", "Sx": ae_rep, "Sxy": ae_rep,
         "U0": Q3},
    ]
    return out


def _admissible_family(inst: dict[str, Any]) -> tuple[Callable[[sp.Expr], sp.Matrix], bool]:
    """U(t): U_0 with its (at most one) pair of columns of equal eigenvalue rotated; and whether
    there is such a pair."""
    U0, G = inst["U0"], inst["Sxy"] * inst["Sxy"].T
    assert _admissible(U0, inst["Sxy"]), inst["case"]
    Dg = U0.T * G * U0
    groups: dict[sp.Expr, list[int]] = {}
    for i in range(U0.rows):
        groups.setdefault(Dg[i, i], []).append(i)
    pairs = [g for g in groups.values() if len(g) > 1]
    if len(pairs) > 1 or any(len(g) > 2 for g in pairs):
        raise ValueError(f"{inst['case']}: more than one pair of equal eigenvalues is not parametrised here")
    if not pairs:
        return (lambda t: U0), False
    i, j = pairs[0]

    def family(t: sp.Expr) -> sp.Matrix:
        U = sp.Matrix(U0)
        block = sp.Matrix.hstack(U0[:, i], U0[:, j]) * _rotation(t)
        U[:, i], U[:, j] = block[:, 0], block[:, 1]
        return U

    return family, True


def _nonnegative_polynomial(h: sp.Poly) -> bool:
    """h(t) >= 0 for every real t, decided exactly: a positive leading coefficient and no real root
    of odd multiplicity (square-free factorisation, Sturm root counts)."""
    if h.is_zero:
        return True
    if h.LC() <= 0:
        return False
    _, factors = h.sqf_list()
    return all(mult % 2 == 0 or f.count_roots() == 0 for f, mult in factors)


def least_defect(inst: dict[str, Any]) -> dict[str, Any]:
    r"""min over every admissible U of ||B(U)||_F^2, B(U) the off-diagonal part of U^T Sigma_x U:
    f(t) = ||B(U(t))||^2 is an exact rational function of the rotation parameter t; its minimum is
    the least value at t = 0 and at the rational zeros of f', and f(t) >= min for every real t is
    proved exactly (:func:`_nonnegative_polynomial` on the numerator of f - min).  Independent of
    any formula for Delta_xy: a direct minimisation over U."""
    t = sp.Symbol("t", real=True)
    family, free = _admissible_family(inst)
    Sx = inst["Sx"]

    def f(u: sp.Expr) -> sp.Expr:
        return sp.cancel(sum(e**2 for e in defect_B(Sx, family(u))))

    ft = f(t)
    if not free:
        return {"min": sp.simplify(ft), "t*": None, "U*": family(t), "proved": True}
    num, _ = sp.fraction(sp.together(sp.diff(ft, t)))
    cands = [sp.S.Zero] + [r for r in sp.roots(sp.Poly(num, t), filter="Q") if r.is_Rational]
    best = min(cands, key=lambda c: f(c))
    m = f(best)
    hn, hd = sp.fraction(sp.together(ft - m))
    proved = (_nonnegative_polynomial(sp.Poly(hn, t)) and _nonnegative_polynomial(sp.Poly(hd, t))) or (
        _nonnegative_polynomial(sp.Poly(-hn, t)) and _nonnegative_polynomial(sp.Poly(-hd, t)))
    return {"min": m, "t*": best, "U*": family(best), "proved": proved}


def exact_differ(a: sp.Expr, b: sp.Expr) -> bool | None:
    """True when a != b is certain, False when a = b is proved, None when undecided."""
    diff = sp.simplify(a - b)
    if diff == 0:
        return False
    if diff.is_real is False:
        return True
    return True if certified_nonzero(diff) else None


@lru_cache(maxsize=1)
def _instances_with_truth() -> tuple[tuple[dict[str, Any], dict[str, Any]], ...]:
    return tuple((inst, least_defect(inst)) for inst in delta_xy_instances())


def _values_at(formula: sp.Basic, inst: dict[str, Any], family: Callable[[sp.Expr], sp.Matrix], free: bool,
               least: dict[str, Any]) -> list[tuple[sp.Matrix, sp.Expr]]:
    """The formula at U_0 and, when U may rotate, at U(1/2), U(t*) and U(2)."""
    Us = [inst["U0"]]
    if free:
        for u in (R(1, 2), least["t*"], sp.Integer(2)):
            if all(family(u) != V for V in Us):
                Us.append(family(u))
    return [(V, evaluate(formula, {"Sigma_x": inst["Sx"], "Sigma_xy": inst["Sxy"], "U": V})) for V in Us]


def judge_delta_xy(formula: sp.Basic) -> CheckResult:
    r"""Judge a definition of (27)'s \Delta_{xy}: a scalar formula in ``Sigma_x``, ``Sigma_xy`` and
    ``U`` (an admissible U: orthogonal, columns left singular vectors of Sigma_xy, completed), with
    :class:`~symdln.assumption.FrobeniusNorm`, :class:`~symdln.assumption.FrobeniusDistance`,
    :class:`~symdln.assumption.OffDiagonal`,
    :class:`~symdln.assumption.Pinching`.

    It is evaluated exactly (:func:`symdln.assumption.evaluate`) on :func:`delta_xy_instances`,
    at several admissible U each.  FAILS where two admissible U give different values (then it is
    not a function of the data), or where its value differs from the truth: the least
    ||B(U)||_F/||Sigma_x||_F over every admissible U, the smallest epsilon for which Assump. 1
    holds (:func:`least_defect`, a direct minimisation over U, proved exact).

    >>> from symdln.assumption import OffDiagonal as Off
    >>> judge_delta_xy(FrobeniusNorm(Off(U.T * Sigma_x * U)) / FrobeniusNorm(Sigma_x)).verdict.name
    'FAILS'
    """
    method = ("exact evaluation of the formula (SymPy) at several admissible U per instance; truth: "
              "min over admissible U of ||B(U)||/||Sigma_x|| by exact minimisation over the rotation "
              "of the columns U may rotate, its lower bound proved by exact root counting")
    if not isinstance(formula, sp.Expr) or isinstance(formula, sp.MatrixExpr):
        raise FormulaError(f"Delta_xy is a number-valued expression in Sigma_x, Sigma_xy, U; got "
                           f"{sp.sstr(formula)}")
    undecided: list[str] = []
    truths = [least for _, least in _instances_with_truth()]
    for inst, least in _instances_with_truth():
        Sx, Sxy = inst["Sx"], inst["Sxy"]
        family, free = _admissible_family(inst)
        try:
            at_U = _values_at(formula, inst, family, free, least)
        except NotEvaluated as e:
            undecided.append(f"{inst['case']}: {e}")
            continue
        Us = [V for V, _ in at_U]
        vals = [v for _, v in at_U]
        for V, v in zip(Us[1:], vals[1:], strict=True):
            differ = exact_differ(vals[0], v)
            if differ:
                return CheckResult(Verdict.FAILS, Evidence(
                    method=method, precision="exact",
                    counterexample={"case": inst["case"], "Sigma_x": Sx.tolist(), "Sigma_xy": Sxy.tolist(),
                                    "U_a": Us[0].tolist(), "Delta_xy(U_a)": str(vals[0]),
                                    "U_b": V.tolist(), "Delta_xy(U_b)": str(v)},
                    notes="two admissible U (both give Sigma_xy = U D_xy V^T) give different values, "
                          "so the formula is not a function of the data"))
            if differ is None:
                undecided.append(f"{inst['case']}: values at two U")
        if not least["proved"]:
            undecided.append(f"{inst['case']}: the minimum over U was not proved")
            continue
        truth = sp.sqrt(least["min"]) / frobenius(Sx)
        v = vals[0]
        differ = exact_differ(v, truth)
        if differ:
            above = v.is_real is not False and certified_sign(v - truth) == 1
            return CheckResult(Verdict.FAILS, Evidence(
                method=method, precision="exact",
                counterexample={"case": inst["case"], "Sigma_x": Sx.tolist(), "Sigma_xy": Sxy.tolist(),
                                "Delta_xy (formula)": str(v),
                                "min over admissible U of ||B(U)||/||Sigma_x||": str(sp.radsimp(truth)),
                                "attained at U": least["U*"].tolist()},
                notes=("above the least defect: an admissible U has a smaller B, so Assump. 1 holds with a "
                       "smaller epsilon than the formula says" if above else
                       "not the least defect: no admissible U has a B that small (or the value is not a "
                       "real number)")))
        if differ is None:
            undecided.append(f"{inst['case']}: the formula against the least defect")
    if undecided:
        return CheckResult(Verdict.INCONCLUSIVE, Evidence(method, notes="undecided: " + "; ".join(undecided)))
    general, why = _general_delta_xy(formula)
    details: dict[str, Any] = {
        "least ||B||^2 per instance": {i["case"]: str(t["min"])
                                       for i, t in zip(delta_xy_instances(), truths, strict=True)}}
    if general:
        details.update(_general_details())
    return CheckResult(Verdict.HOLDS, Evidence(
        method=method + ("; for every d, p, multiplicity pattern and admissible U: the formula's mask form "
                         "equals the least defect (symdln.checks.data_delta_proof)" if general else ""),
        precision="exact", residual="0",
        parameters={"instances": [i["case"] for i in delta_xy_instances()]},
        details=details,
        notes="the same value at every admissible U tried, equal to the least ||B(U)||/||Sigma_x|| over "
              "all admissible U (the smallest epsilon of Assump. 1): 0 where Sigma_x commutes with "
              "Sigma_xy Sigma_xy^T (Sigma_x = cI, the autoencoder), whatever the multiplicities; "
              + (f"proved in general: {DELTA_XY_PROOF}" if general else f"why not general: {why}"),
        proof="proofs/data_delta.py", scope="general" if general else "instances"))


@lru_cache(maxsize=1)
def attainment_on_instances() -> dict[str, str]:
    r"""The cited step of the general proofs (the spectral theorem gives an admissible U with k_o = 0,
    so min over U of ||B(U)||^2 = r = ||Sigma_x - Pinching(Sigma_x, G)||_F^2), tested on every instance
    of :func:`delta_xy_instances`: the exact minimisation of :func:`least_defect` (over the rotations
    of the columns U may mix, proved by root counting) against r from the exact spectral projectors.
    "agrees" or why not, per instance."""
    out: dict[str, str] = {}
    for inst, least in _instances_with_truth():
        Sx = inst["Sx"]
        Ps = spectral_projectors(inst["Sxy"])
        r = sp.simplify(sum(e**2 for e in Sx - sum((P * Sx * P for P in Ps), sp.zeros(*Sx.shape))))
        if not least["proved"]:
            out[inst["case"]] = "the minimum over U was not proved"
        else:
            out[inst["case"]] = "agrees" if sp.simplify(r - least["min"]) == 0 else (
                f"differs: min over U {least['min']}, r = {r}")
    return out


def _general_details() -> dict[str, Any]:
    """The steps the general branches rest on, for the evidence."""
    return {"lemmas (symbolic sizes, symbolic number of eigenspaces)": dict(lemma_steps()),
            "cited (tested on the instances)": {**CITED_FACTS,
                                                "tested: min over U = r": dict(attainment_on_instances())},
            "by hand": dict(HAND_FACTS)}


def _general_prerequisites() -> str:
    """'' when the cited step of the general proofs holds on every instance
    (:func:`attainment_on_instances`; the lemmas are checked by the proof functions), else what fails,
    with the missing step."""
    bad = [k for k, v in attainment_on_instances().items() if v != "agrees"]
    if bad:
        return (f"the exact minimisation over U does not reach r = ||Sigma_x - Pinching(Sigma_x, G)||_F^2 on "
                f"{bad}. Missing step: the cited minimum over U (spectral theorem) confirmed there")
    return ""


def _general_delta_xy(formula: sp.Basic) -> tuple[bool, str]:
    """(proved, reason) for every d, p, multiplicity pattern and admissible U
    (:func:`symdln.checks.data_delta_proof.prove_delta_xy`), with the missing step when not."""
    missing = _general_prerequisites()
    if missing:
        return False, missing
    ok, why = prove_delta_xy(formula)
    if ok:
        return True, ""
    return False, (f"{why}; checked on the instances only. Missing step: a proof for this formula beyond "
                   "the mask calculus (Sigma_x; Pinching by Sigma_xy*Sigma_xy.T; U.T*A*U; OffDiagonal in "
                   "the frame of U; sums, scalar multiples, transposes; Frobenius norms and distances), or "
                   "its mask form proved equal to sqrt(r)/sqrt(r + k_o + k_d)")


#: data matrices with Sigma_x = X^T X / n = I_d, smallest first (n, d)
IDENTITY_DATA = (
    sp.Matrix([[1]]),
    sp.Matrix([[1], [1]]),
    sp.Matrix([[1, 1], [1, -1]]),
)

#: what a Delta_x formula may use: the data X (n x d), Sigma_x = X^T X / n, I_d, and the norm
DELTA_X_SYMBOLS = (X, Sigma_x, I_d, n, d, FrobeniusNorm, FrobeniusDistance)


def delta_x_data() -> list[tuple[str, sp.Matrix]]:
    """Exact data matrices X: first those with Sigma_x = c I_d (Saxe's assumption, up to the scale
    the hats of (27) remove), smallest first, then data with a non-scalar Sigma_x."""
    scalar = [*IDENTITY_DATA, 2 * IDENTITY_DATA[2], sp.Matrix.vstack(sp.eye(2), sp.eye(2)),
              sp.Matrix([[1, 1, 1], [1, -1, 1], [1, 1, -1], [-1, 1, 1]])]
    other = [sp.Matrix([[1, 1]]), sp.Matrix([[1, 0], [0, 2]]), sp.Matrix([[1, 2], [2, 1], [0, 1]]),
             sp.Matrix([[1, 2, 0], [0, 1, 1], [2, 0, 1], [1, 1, 1]]), sp.Matrix([[3, 0, 0], [0, 0, 0]])]
    return ([("Sigma_x = c I_d", X_) for X_ in scalar]
            + [("Sigma_x not a multiple of I_d", X_) for X_ in other])


def unit_distance(Sx: sp.Matrix) -> sp.Expr:
    r"""Half the Frobenius distance between Sigma_x and I_d once each is scaled to unit Frobenius norm
    (the hat of (27), :math:`\hat I_d := I_d/\|I_d\|`, applied to Sigma_x as well), computed from
    the angle between them: for unit a, b, ||a - b||^2 = 2 - 2<a, b>, and <Sigma_x, I_d> = tr Sigma_x.
    """
    dd = Sx.rows
    cos = Sx.trace() / (sp.sqrt(dd) * frobenius(Sx))
    return sp.sqrt(2 - 2 * cos) / 2


def judge_delta_x(formula: sp.Basic) -> CheckResult:
    r"""Judge a definition of (27)'s \Delta_x: a scalar formula in the data ``X`` (n x d),
    ``Sigma_x`` (= X^T X / n), ``I_d``, ``n``, ``d``, with :class:`~symdln.assumption.FrobeniusNorm`
    and :class:`~symdln.assumption.FrobeniusDistance`.

    Evaluated exactly on :func:`delta_x_data`.  It must vanish where Saxe et al.'s assumption holds
    (Sigma_x = c I_d: the data with Sigma_x = I_d first), and equal the quantity (27) describes,
    half the distance between Sigma_x and I_d after the normalisation by the Frobenius norm that
    (27) states for I_d (:func:`unit_distance`, from the angle between them) on every data set.

    >>> corrected = FrobeniusDistance(Sigma_x / FrobeniusNorm(Sigma_x), I_d / FrobeniusNorm(I_d)) / 2
    >>> judge_delta_x(corrected).verdict.name
    'HOLDS'
    """
    method = ("exact evaluation of the formula (SymPy) on exact data sets; truth: half the distance "
              "between the unit-norm Sigma_x and I_d, from their angle")
    if not isinstance(formula, sp.Expr) or isinstance(formula, sp.MatrixExpr):
        raise FormulaError(f"Delta_x is a number-valued expression in X, Sigma_x, I_d; got "
                           f"{sp.sstr(formula)}")
    undecided = []
    for case, Xm in delta_x_data():
        rows, cols = Xm.shape
        Sx = Xm.T * Xm / rows
        try:
            v = evaluate(formula, {"X": Xm, "Sigma_x": Sx})
        except NotEvaluated as e:
            undecided.append(f"{case}: n = {rows}, d = {cols}: {e}")
            continue
        truth = sp.radsimp(unit_distance(Sx))
        differ = exact_differ(v, truth)
        if differ:
            scalar = truth == 0
            return CheckResult(Verdict.FAILS, Evidence(
                method=method, precision="exact",
                counterexample={"n": rows, "d": cols, "X": Xm.tolist(),
                                "Sigma_x": "I_d" if Sx == sp.eye(cols) else Sx.tolist(),
                                "Delta_x": str(v), "1/2 ||Sigma_x/||Sigma_x|| - I_d/||I_d||||": str(truth)},
                notes=("with Sigma_x a multiple of I_d the assumption of Saxe et al. holds exactly, yet the "
                       "formula is not 0" if scalar else
                       "the formula is not half the distance between the normalised Sigma_x and I_d")))
        if differ is None:
            undecided.append(f"{case}: n = {rows}, d = {cols}")
    if undecided:
        return CheckResult(Verdict.INCONCLUSIVE, Evidence(method, notes="undecided: " + "; ".join(undecided)))
    general, why = _general_delta_x(formula)
    return CheckResult(Verdict.HOLDS, Evidence(
        method=method + ("; for every n, d and X != 0: identity of trace forms with the angle formula "
                         "(Sigma_x = X^T X / n substituted; Frobenius norms as traces, canonical trace words)"
                         if general else ""),
        precision="exact", residual="0",
        parameters={"data sets": len(delta_x_data())},
        notes="0 on every data set with Sigma_x = c I_d, and half the distance between the unit-norm "
              "Sigma_x and I_d on the others (0 iff Sigma_x is a positive multiple of I_d: equal unit "
              "vectors)" + ("" if general else f"; why not general: {why}"),
        proof="proofs/data_delta.py", scope="general" if general else "instances"))


def _general_delta_x(formula: sp.Basic) -> tuple[bool, str]:
    r"""(proved, reason): ``formula`` equals half the distance between the unit-norm Sigma_x and
    :math:`I_d/\|I_d\|`, from their angle (:func:`unit_distance`'s formula, written with traces), for
    every n, d and X != 0, by the trace forms of :func:`symdln.checks.data_autoencoder.trace_form`
    (``Sigma_x`` replaced by :math:`X^\top X/n` in both)."""
    from symdln.checks.data_autoencoder import NoTraceForm, trace_form

    Sx = X.T * X / n
    truth = sp.sqrt(2 - 2 * sp.Trace(Sx) / (sp.sqrt(d) * FrobeniusNorm(Sx))) / 2
    try:
        diff = sp.simplify(trace_form(formula.xreplace({Sigma_x: Sx})) - trace_form(truth))
    except NoTraceForm as exc:
        return False, (f"the formula is outside the trace-polynomial language ({exc}); checked on the data "
                       "sets only")
    if diff == 0:
        return True, ""
    return False, (f"SymPy did not reduce the difference of the trace forms to 0 ({sp.sstr(diff)}); "
                   "checked on the listed data sets only")


def symbolic_bound_proofs() -> dict[str, str]:
    r"""SymPy proofs, for every d, of the bounds behind "between 0 and 1" (below (27)).

    Induction steps on running sums (S = sum l_i, Q = sum l_i^2, P = sum_{i<j} l_i l_j,
    T = sum_{i<j} (l_i - l_j)^2; adding one entry l):

    (a) S^2 - Q = 2P is preserved: tr S >= ||S||_F for PSD S (P >= 0 when every l_i >= 0);
    (b) d Q - S^2 = T is preserved: Cauchy-Schwarz sum m_i^2 >= (sum m_i)^2 / d.

    Then, with F = ||Sigma_x||_F^2 = ||U^T Sigma_x U||_F^2 and D the sum of the squared diagonal
    entries M_ii of M = U^T Sigma_x U (any orthogonal U),
    1 - 1/d - ||B||^2/F = (T_M/d + 2 P/d)/F >= 0, so Delta_xy <= sqrt(1 - 1/d); for the literal
    Delta_x (Sigma^ = X^^T X^/n, tr = 1/n, ||Sigma^||_F <= 1/n by (a)),
    1/2 - Delta_x^2 >= (a^2 + 2a)/(4 (1 + a)^2) + 1/(2 (1 + a) sqrt d) > 0 with n = 1 + a.
    The literal Delta_x is also at most 1/2 + 1/(2n): (1 + 1/n)^2 - 4 Delta_x^2 >= 2/n + 2/(n sqrt d).
    Each entry is "proved" only if the SymPy identity simplifies to 0 (or the sign is decided).
    """
    S, Q, P, T, lam, d = sp.symbols("S Q P T l d", real=True)
    out: dict[str, str] = {}

    def status(ok: bool) -> str:
        return "proved" if ok else "not proved"

    # (a): (S + l)^2 - (Q + l^2) - 2 (P + l S) == S^2 - Q - 2P
    out["(a) induction step: (sum l)^2 - sum l^2 = 2 sum_{i<j} l_i l_j"] = status(
        sp.expand((S + lam) ** 2 - (Q + lam**2) - 2 * (P + lam * S) - (S**2 - Q - 2 * P)) == 0)
    # (b): (d + 1)(Q + l^2) - (S + l)^2 - (T + Q - 2 l S + d l^2) == d Q - S^2 - T
    out["(b) induction step: d sum m^2 - (sum m)^2 = sum_{i<j} (m_i - m_j)^2"] = status(
        sp.expand((d + 1) * (Q + lam**2) - (S + lam) ** 2 - (T + Q - 2 * lam * S + d * lam**2)
                  - (d * Q - S**2 - T)) == 0)
    # Delta_xy: D = (tr^2 + T_M)/d (b, m_i = M_ii), F = tr^2 - 2P (a, l_i eigenvalues)
    dp = sp.Symbol("d", positive=True)
    F, TM, Pp = sp.symbols("F T_M P", positive=True)
    D = (F + 2 * Pp + TM) / dp
    gap = (1 - 1 / dp) - (F - D) / F
    out["1 - 1/d - Delta_xy^2 = (T_M + 2P)/(d F) >= 0 (any admissible U)"] = status(
        sp.simplify(gap - (TM + 2 * Pp) / (dp * F)) == 0)
    # the flat rank one J_d (U = I) attains Delta_xy^2 = 1 - 1/d: evaluated from the definition at
    # concrete d in check_delta_range; the sup over d is the limit 1
    out["lim_{d -> oo} sqrt(1 - 1/d) = 1, and 1 - sqrt(1 - 1/d) > 0 for d >= 1"] = status(
        sp.limit(sp.sqrt(1 - 1 / dp), dp, sp.oo) == 1 and bool(sp.simplify(1 / dp).is_positive))
    # literal Delta_x: 4 Delta_x^2 = f^2 - 2/(n sqrt d) + 1 with f <= 1/n; n = 1 + a
    a = sp.Symbol("a", nonnegative=True)
    n = 1 + a
    bound = (1 / n**2 - 2 / (n * sp.sqrt(dp)) + 1) / 4
    rest = (a**2 + 2 * a) / (4 * n**2) + 1 / (2 * n * sp.sqrt(dp))
    out["1/2 - (literal Delta_x)^2 >= (a^2 + 2a)/(4 n^2) + 1/(2 n sqrt d) > 0, n = 1 + a"] = status(
        sp.simplify(sp.Rational(1, 2) - bound - rest) == 0 and bool(rest.is_positive))
    # and the literal Delta_x <= 1/2 + 1/(2n): (1 + 1/n)^2 - 4 Delta_x^2 >= 2/n + 2/(n sqrt d) > 0
    gap_n, slack = (1 + 1 / n) ** 2 - 4 * bound, 2 / n + 2 / (n * sp.sqrt(dp))
    out["literal Delta_x <= 1/2 + 1/(2n): (1 + 1/n)^2 - 4 Delta_x^2 >= 2/n + 2/(n sqrt d) > 0"] = status(
        sp.simplify(gap_n - slack) == 0 and bool(slack.is_positive))
    # corrected Delta_x: 4 Delta_x^2 = 2 - 2 tr/(sqrt d ||S||) <= 2 - 2/sqrt d by (a)
    sup_x = sp.sqrt(2 - 2 / sp.sqrt(dp)) / 2
    out["corrected Delta_x <= sqrt(2 - 2/sqrt d)/2 -> 1/sqrt(2) (d -> oo), below 1/sqrt(2)"] = status(
        sp.limit(sup_x, dp, sp.oo) == 1 / sp.sqrt(2)
        and bool(sp.simplify(sp.Rational(1, 2) - sup_x**2 - 1 / (2 * sp.sqrt(dp))) == 0))
    return out


def _flat(d: int) -> sp.Matrix:
    """J_d = 1 1^T: the flat rank-one Sigma_x that attains both suprema."""
    ones = sp.ones(d, 1)
    return ones * ones.T


def check_delta_range(upper: sp.Expr = sp.S.One,
                      delta_xy: Callable[[sp.Matrix, sp.Matrix], sp.Expr] = delta_xy_printed,
                      delta_x: Callable[[sp.Matrix], sp.Expr] = delta_x_printed) -> CheckResult:
    r"""Judge "These normalized quantities are between 0 and 1" (below (27)), for the printed definitions.

    ``delta_xy(Sigma_x, U)`` is (27)'s ||B(U)||/||Sigma_x|| for one admissible U and
    ``delta_x(X)`` its Delta_x read literally (X^ = X/||X||, Sigma^ = X^^T X^/n); ``upper`` is the
    printed upper end.  Proved for every d (:func:`symbolic_bound_proofs`):
    0 <= Delta_xy <= sqrt(1 - 1/d) whatever U, Delta_x < 1/sqrt(2); sup over d of the first is 1
    (a limit, attained at no d).  The definitions are also evaluated exactly at the extremal
    instances (J_d with U = I, Sigma_xy = e_1; X = a row of ones, n = 1) and must match the proved
    formulas; with ``upper`` < 1 the first d with sqrt(1 - 1/d) > upper is a counterexample.
    """
    from symdln.certify.balls import certified_sign as sign

    proofs = symbolic_bound_proofs()
    checked: dict[int, dict[str, str]] = {}
    for k in (2, 3, 4, 5):
        vxy = sp.simplify(delta_xy(_flat(k), sp.eye(k)))  # U = I admissible for Sigma_xy = e_1
        vx = sp.simplify(delta_x(sp.ones(1, k)))  # n = 1: Sigma^ rank one
        checked[k] = {"Delta_xy(J_d, U = I)": str(vxy), "literal Delta_x (X = 1_d^T)": str(vx)}
        for name, v, formula in (("Delta_xy", vxy, delta_xy_sup(k)), ("Delta_x", vx, delta_x_sup(k))):
            if sp.simplify(v) != 0 and (sign(v - upper) == 1 or sign(v) == -1):
                return CheckResult(Verdict.FAILS, Evidence(
                    method="exact evaluation (SymPy), signs by Arb", precision="exact",
                    counterexample={"quantity": name, "d": k, "value": str(v),
                                    "claimed range": f"[0, {upper}]"},
                    notes="the definition evaluated at an extremal instance leaves the claimed range"))
            if sp.simplify(v - formula) != 0:
                return CheckResult(Verdict.INCONCLUSIVE, Evidence(
                    method="exact evaluation (SymPy)", details={"evaluated": checked},
                    notes=f"{name} at d = {k} is {v}, not the proved supremum {formula}: the "
                          "definition passed is not the one the proofs are about"))
    if any(v != "proved" for v in proofs.values()):
        return CheckResult(Verdict.INCONCLUSIVE, Evidence(
            method="SymPy", details={"symbolic proofs (every d)": proofs},
            notes="a symbolic step was not proved"))
    if sign(1 - upper) == 1:  # an upper end below 1: exceeded by Delta_xy at the first d above it
        u2 = sp.sympify(upper) ** 2  # used only when upper > 0: then upper < v iff u2 < v^2
        d0 = int(sp.floor(1 / (1 - u2))) + 1 if sign(upper) == 1 else 2
        v = sp.simplify(delta_xy(_flat(d0), sp.eye(d0))) if d0 <= 30 else delta_xy_sup(d0)
        if sign(v - upper) == 1:
            return CheckResult(Verdict.FAILS, Evidence(
                method="exact evaluation (SymPy; the matrix for d <= 30, else the formula proved for "
                       "every d), sign by Arb", precision="exact",
                counterexample={"quantity": "Delta_xy", "d": d0, "Sigma_x": "J_d = 1 1^T",
                                "Sigma_xy": "e_1", "U": "I_d", "value": f"sqrt(1 - 1/{d0}) = {v}",
                                "claimed upper end": str(upper)},
                details={"symbolic proofs (every d)": proofs},
                notes="sup over d of Delta_xy is 1 (sqrt(1 - 1/d) -> 1): every upper end below 1 fails"))
    data_d = {"MNIST": 784, "CIFAR-10": 3072, "ImageNet 64 x 64": 12288}
    at_data = {f"{k} (d = {d})": {"sup Delta_xy": str(sp.N(delta_xy_sup(d), 8)),
                                  "sup Delta_x (corrected; literal at n = 1)": str(sp.N(delta_x_sup(d), 8))}
               for k, d in data_d.items()}
    return CheckResult(Verdict.HOLDS, Evidence(
        method="SymPy identities for symbolic d (induction steps of tr S >= ||S||_F for PSD S and of "
               "Cauchy-Schwarz; bound chains; limits); exact evaluation of the definitions at the "
               "extremal instances, d = 2..5",
        precision="exact",
        margin="Delta_xy <= sqrt(1 - 1/d) < 1 (sup over d = 1, not attained); "
               "Delta_x < 1/sqrt(2) (literal, every n >= 1; corrected)",
        parameters={"upper": str(upper)},
        details={"symbolic proofs (every d)": proofs, "evaluated (extremal instances)": checked,
                 "suprema at the data sets' d": at_data},
        notes="judged on the printed definitions: Delta_xy = ||B(U)||/||Sigma_x|| for EVERY admissible "
              "U (the bound does not depend on U, so the ambiguity of eq27.delta_xy does not matter; the "
              "corrected min over U is smaller still) and the literal Delta_x (Sigma^ = X^^T X^/n). The "
              "corrected Delta_x of eq27.delta_x obeys the same bound sqrt(2 - 2/sqrt d)/2. Whether the "
              "ends mean anything is eq27.scale",
        proof="proofs/data_delta.py", scope="general"))


#: the largest values of Delta_xy and Delta_x over the data of dimension d (eq27.scale)
Delta_xy_max = sp.Symbol("Delta_xy_max", nonnegative=True)
Delta_x_max = sp.Symbol("Delta_x_max", nonnegative=True)
SCALE_SYMBOLS = (Delta_xy_max, Delta_x_max, d)
#: the data sets' dimensions (Table 1), then the smallest d
_SCALE_DIMS = (784, 3072, 12288, *range(1, 17))


def scale_suprema() -> dict[str, Any]:
    r"""The largest values of (27)'s Delta_xy (any admissible U) and of the well-posed Delta_x over
    every data set of dimension d, as functions of a symbolic d (the truth of eq27.scale).

    Upper bounds: :func:`symbolic_bound_proofs` (SymPy identities for every d).  Attained by the
    flat rank-one Sigma_x = J_d = 1 1^T (with Sigma_xy = diag(d, ..., 1), which forces U = I): its
    entries are all 1, so ||J_d||_F^2 = d^2, ||offdiag J_d||_F^2 = d^2 - d and tr J_d = d; the
    definitions are also evaluated on J_d at d = 2..5 and must agree.
    """
    proofs = symbolic_bound_proofs()
    fro2, off2, tr = d**2, d**2 - d, d
    sup_xy = sp.sqrt(off2 / fro2)
    sup_x = sp.sqrt(2 - 2 * tr / (sp.sqrt(d) * sp.sqrt(fro2))) / 2
    evaluated = {}
    agree = True
    for k in (2, 3, 4, 5):
        J = _flat(k)
        vxy, vx = delta_xy_printed(J, sp.eye(k)), delta_x_corrected(J)
        evaluated[k] = {"Delta_xy(J_d, U = I)": str(vxy), "Delta_x(J_d)": str(vx)}
        agree = (agree and sp.simplify(vxy - sup_xy.subs(d, k)) == 0
                 and sp.simplify(vx - sup_x.subs(d, k)) == 0)
    return {Delta_xy_max: sp.simplify(sup_xy), Delta_x_max: sup_x,
            "proved": agree and all(v == "proved" for v in proofs.values()),
            "details": {"symbolic proofs (every d)": proofs, "evaluated at J_d": evaluated}}


def _scale_statement(formula: sp.Basic) -> dict[sp.Symbol, sp.Expr]:
    eqs = list(formula.args) if isinstance(formula, sp.And) else [formula]
    out: dict[sp.Symbol, sp.Expr] = {}
    for e in eqs:
        if isinstance(e, sp.Eq):
            for lhs, rhs in ((e.lhs, e.rhs), (e.rhs, e.lhs)):
                if lhs in (Delta_xy_max, Delta_x_max) and rhs.free_symbols <= {d}:
                    out[lhs] = rhs
                    break
            else:
                raise FormulaError(f"{sp.sstr(e)}: give Delta_xy_max or Delta_x_max as a function of d")
        else:
            raise FormulaError(f"{sp.sstr(e)}: the statement is And(Eq(Delta_xy_max, ...), "
                               "Eq(Delta_x_max, ...)) in d")
    missing = [str(s) for s in (Delta_xy_max, Delta_x_max) if s not in out]
    if missing or len(eqs) != 2:
        raise FormulaError(f"{sp.sstr(formula)}: the statement gives the top of both scales, "
                           "Eq(Delta_xy_max, ...) and Eq(Delta_x_max, ...)")
    return out


def judge_scale(formula: sp.Basic) -> CheckResult:
    r"""Judge where the scales of (27) end: "the closer to 1, the less the assumption holds" says that
    the largest value of each quantity (the data that break the assumption most) is 1.  The formula
    is ``And(Eq(Delta_xy_max, e_xy), Eq(Delta_x_max, e_x))``, e_xy and e_x functions of d.

    Truth: :func:`scale_suprema` (symbolic d).  HOLDS when each e equals its supremum for every d
    (SymPy identity); FAILS at the first d (the data sets' d first) where the difference has a
    certified sign (Arb) or e is not a real number.

    >>> judge_scale(sp.And(sp.Eq(Delta_xy_max, 1), sp.Eq(Delta_x_max, 1))).evidence.counterexample["d"]
    784
    """
    method = ("SymPy identity in a symbolic d against the suprema (upper bounds proved for every d, "
              "attained by J_d); signs at the data sets' d and d = 1..16 certified by Arb")
    stated = _scale_statement(formula)
    sup = scale_suprema()
    if not sup["proved"]:
        return CheckResult(Verdict.INCONCLUSIVE, Evidence(method, details=sup["details"],
                                                          notes="a step of the suprema was not proved"))
    names = {Delta_x_max: "Delta_x (well-posed)", Delta_xy_max: "Delta_xy (any admissible U)"}
    undecided = []
    for sym in (Delta_x_max, Delta_xy_max):
        e, s = stated[sym], sup[sym]
        if sp.simplify(e - s) == 0:
            continue
        for k in _SCALE_DIMS:
            ek, sk = sp.sympify(e).subs(d, k), s.subs(d, k)
            bad = ek.is_real is False or ek.is_finite is False
            if bad or certified_nonzero(ek - sk):
                return CheckResult(Verdict.FAILS, Evidence(
                    method=method, precision="exact; signs by Arb",
                    counterexample={"quantity": names[sym], "d": k, "stated top of the scale": str(ek),
                                    "largest value over all data of dimension d": f"{sk} = {sp.N(sk, 6)}",
                                    "attained by": "every rank-one Sigma_x (e.g. J_d = 1 1^T)"
                                    if sym is Delta_x_max else "J_d = 1 1^T, Sigma_xy = diag(d, ..., 1)"},
                    details=sup["details"],
                    notes="the data that break the assumption most give this value, not the stated one: "
                          "values are to be read against it"))
        undecided.append(names[sym])
    if undecided:
        return CheckResult(Verdict.INCONCLUSIVE, Evidence(
            method, details=sup["details"],
            notes=f"not proved equal to the supremum for every d, no d found where it differs: {undecided}"))
    return CheckResult(Verdict.HOLDS, Evidence(
        method=method, precision="exact", residual="0", details=sup["details"],
        notes="both tops of the scale equal the largest values over all data of dimension d (0 is the "
              "other end, attained where the assumption holds: eq27.delta_xy, eq27.delta_x)",
        proof="proofs/data_delta.py", scope="general"))


def commute_instances() -> list[dict[str, Any]]:
    """Exact pairs (Sigma_x, Sigma_xy), each marked commuting (with Sigma_xy Sigma_xy^T) or not, with an
    admissible U_0 (orthogonal, U_0^T Sigma_xy Sigma_xy^T U_0 diagonal) for defects that use U."""
    Sx_rot = Q2 * sp.diag(3, 1) * Q2.T
    return [
        {"Sx": Sx_rot, "Sxy": sp.eye(2), "commute": True, "case": "Sigma_xy = I (repeated)", "U0": sp.eye(2)},
        {"Sx": Sx_rot, "Sxy": Q2 * sp.diag(2, 1), "commute": True, "case": "common eigenbasis Q", "U0": Q2},
        {"Sx": _block(sp.Matrix([[5]]), Sx_rot), "Sxy": sp.Matrix([[1], [0], [0]]), "commute": True,
         "case": "d = 3, p = 1, Sigma_x block diagonal", "U0": sp.eye(3)},
        {"Sx": sp.Matrix([[2, 1], [1, 2]]), "Sxy": sp.diag(2, 1), "commute": False,
         "case": "distinct singular values, non-diagonal Sigma_x", "U0": sp.eye(2)},
        {"Sx": sp.Matrix([[2, 1, 0], [1, 2, 0], [0, 0, 1]]), "Sxy": sp.Matrix([[1], [0], [0]]),
         "commute": False, "case": "d = 3, p = 1, coupling to the range", "U0": sp.eye(3)},
    ]


#: epsilon of Assump. 1, the least ||B(U)|| over the admissible U of (13), as a formula: the pinching
#: form (the lemma of symdln.checks.data_delta_proof, L9 and the spectral theorem)
EPSILON_MIN = FrobeniusDistance(Sigma_x, Pinching(Sigma_x, GRAM))

#: a defect: a formula (general proof possible) or a function of the exact matrices (instances only)
Defect: TypeAlias = "sp.Expr | Callable[[sp.Matrix, sp.Matrix], sp.Expr]"


def _defect_value(defect: Defect, inst: dict[str, Any]) -> sp.Expr:
    if callable(defect) and not isinstance(defect, sp.Basic):
        return defect(inst["Sx"], inst["Sxy"])
    return evaluate(defect, {"Sigma_x": inst["Sx"], "Sigma_xy": inst["Sxy"], "U": inst["U0"]})


def check_assump1_commute(defect: Defect = EPSILON_MIN) -> CheckResult:
    r"""Judge "epsilon represents to what extent Sigma_x and Sigma_xy Sigma_xy^T do not commute" (Sec. 3.1).

    Read with (13)'s "there exist U, V": the smallest ||B|| (``defect``) is 0 exactly when the
    commutator vanishes.  ``defect`` is a formula in ``Sigma_x``, ``Sigma_xy`` (and ``U``, an admissible
    U: the reading with U fixed) in the language of :data:`DELTA_XY_SYMBOLS`, by default
    :data:`EPSILON_MIN`; or a function of the exact (Sigma_x, Sigma_xy).

    Decided exactly on :func:`commute_instances` (repeated singular values, d > p): FAILS where the
    defect and the commutator disagree.  Then, for a formula, for every d, p and multiplicity pattern
    by :func:`symdln.checks.data_delta_proof.prove_commute` (scope general); a function, or a formula
    outside that proof's language, stays on the instances, with the reason.

    >>> from symdln.assumption import OffDiagonal
    >>> check_assump1_commute(FrobeniusNorm(OffDiagonal(U.T * Sigma_x * U))).verdict.name
    'FAILS'
    """
    method = "exact rational arithmetic (SymPy) on instances with repeated singular values and d > p"
    is_formula = isinstance(defect, sp.Basic)
    if is_formula and (not isinstance(defect, sp.Expr) or isinstance(defect, sp.MatrixExpr)):
        raise FormulaError(f"a defect is a number-valued expression in Sigma_x, Sigma_xy (U); got "
                           f"{sp.sstr(defect)}")
    undecided = []
    for inst in commute_instances():
        Sx, Sxy = inst["Sx"], inst["Sxy"]
        assert _admissible(inst["U0"], Sxy), inst["case"]
        comm = Sx * Sxy * Sxy.T - Sxy * Sxy.T * Sx
        commutes = comm.is_zero_matrix
        assert commutes == inst["commute"]
        try:
            eps = _defect_value(defect, inst)
        except NotEvaluated as e:
            undecided.append(f"{inst['case']}: {e}")
            continue
        nonzero = exact_differ(eps, sp.S.Zero)
        if nonzero is None:
            undecided.append(f"{inst['case']}: the defect {eps} is not decided to be 0 or not")
        elif nonzero == commutes:
            return CheckResult(Verdict.FAILS, Evidence(
                method=method, precision="exact",
                counterexample={"case": inst["case"], "Sigma_x": Sx.tolist(), "Sigma_xy": Sxy.tolist(),
                                "U": inst["U0"].tolist(), "||B||": str(sp.simplify(eps)),
                                "commutator zero": bool(commutes)},
                notes="the defect and the commutator disagree on whether (13) holds with B = 0"))
    if undecided:
        return CheckResult(Verdict.INCONCLUSIVE, Evidence(method, notes="undecided: " + "; ".join(undecided)))
    if isinstance(defect, sp.Basic):
        missing = _general_prerequisites()
        general, why = (False, missing) if missing else prove_commute(defect)
        if not general and not missing:
            why += ("; checked on the instances only. Missing step: a proof for this defect beyond the mask "
                    "calculus, or its squared mask form shown to vanish exactly where r does")
    else:
        general, why = False, ("the defect is given as a function of the exact matrices, not as a formula; "
                               "checked on the instances only. Missing step: the defect as a formula in "
                               "Sigma_x, Sigma_xy (U), which the general proof reads")
    return CheckResult(Verdict.HOLDS, Evidence(
        method=method + ("; for every d, p and multiplicity pattern: the mask calculus "
                         "(symdln.checks.data_delta_proof)" if general else ""),
        precision="exact", residual="0", parameters={"instances": len(commute_instances())},
        details=_general_details() if general else {},
        notes="with U fixed to one SVD of Sigma_xy (the reading of Sec. 4.1) the equivalence fails "
              "when singular values repeat or d > rank Sigma_xy: see eq27.delta_xy; "
              + (f"proved in general: {COMMUTE_PROOF}" if general else f"why not general: {why}"),
        proof="proofs/data_delta.py", scope="general" if general else "instances"))


def check_assump1_multiclass(delta_xy: DeltaXY = delta_xy_min,
                             delta_x: Callable[[sp.Matrix], sp.Expr] = delta_x_corrected) -> CheckResult:
    r"""Judge "rank(Y) << rank(X) ... thus B would be close to 0" (Sec. 3.1, multi-class bullet).

    The sentence is a hedged expectation ("the intuition on why we may expect"), so it is never
    FAILS: the verdict is INCONCLUSIVE, with an exact instance against the stated reason in the
    evidence (rank Y = 1, rank X = d, and Delta_xy larger than Saxe's Delta_x).  Table 1 judges the
    expectation on the paper's data (``table1.values``).
    """
    for k in (2, 3, 4):
        Sx = sp.ones(k, k) + sp.eye(k)  # full rank
        Sxy = sp.Matrix(k, 1, lambda i, j: 1 if i == 0 else 0)  # one class direction: rank 1
        vxy, vx = sp.simplify(delta_xy(Sx, Sxy)), sp.simplify(delta_x(Sx))
        if k >= 3 and certified_sign(vxy - vx) == 1:
            return CheckResult(Verdict.INCONCLUSIVE, Evidence(
                method="exact evaluation (SymPy), sign certified by Arb balls", precision="exact",
                details={"instance against the stated reason": {
                    "d": k, "rank Sigma_x": k, "rank Sigma_xy": 1, "Sigma_x": Sx.tolist(),
                    "Sigma_xy": Sxy.tolist(), "Delta_xy (min over U)": str(vxy), "Delta_x": str(vx)}},
                notes="a hedged expectation, not a claim, so not FAILS; its reason does not hold: "
                      "rank(Y) << rank(X) does not make B small: B couples "
                      "the range of Sigma_xy to everything else. What holds: the minimal B vanishes on "
                      "the null block of Sigma_xy, so only r_xy(2d - r_xy - 1) of the d(d-1) "
                      "off-diagonal entries can contribute"))
    return CheckResult(Verdict.INCONCLUSIVE, Evidence(
        method="exact evaluation", notes="no instance with Delta_xy > Delta_x found"))
