r"""Checks of paper 2's metric operator A_{N,W}: its eigenvectors and eigenvalues (sum and
quotient forms, the unnormalised convention) and the depth limit N -> infinity (logarithmic
mean, rate of convergence, why the 1/N is needed).

Exact at the rational balanced points of :mod:`symdln.checks.geometry`; for every N (and every
sigma) where the formula under test is a SymPy ``Lambda``.  A Python function can branch on its
arguments, so what it returns at a symbol need not be its value anywhere: it is called at the listed
depths and points, refuted only by its value there (certified different from the truth, exact or Arb),
and holds on those only (scope instances, with the reason).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from functools import lru_cache
from typing import Any

import sympy as sp
from sympy.core.relational import Relational

from symdln import geometry as g
from symdln.checks._cases import IllFormedFormula, call_formula, rejects_inexact
from symdln.checks._identity import exact_fails as _fails
from symdln.checks.geometry import (
    A_VALUES,
    CASES_FLOW,
    R,
    _induced,
    closed_equal,
    exact_point,
    general_lemmas,
    gradient_flow,
    inexact_result,
)
from symdln.verdict import CheckResult, Evidence, Verdict

__all__ = [
    "check_limit_logmean",
    "check_limit_rate",
    "check_metric_diag",
    "check_metric_eigen",
    "check_metric_quotient",
    "check_unnormalised_diverges",
    "check_unnormalised_spectrum",
]


# ---------------------------------------------------------------- spectrum
def _evaluated(formula: Callable[..., Any]) -> Callable[..., Any]:
    """The formula as a function of its values: a SymPy ``Lambda`` is called and its sums carried out
    (``doit``), a Python function called as it is."""
    if isinstance(formula, sp.Lambda):
        lam = formula
        return lambda *args: sp.sympify(lam(*args)).doit()
    return formula


def proof_for_every_value(general: CheckResult | None, lambda_form: bool) -> CheckResult | None:
    """The result of a check's all-N (all-argument) path as the check may use it: a FAILS or
    INCONCLUSIVE as it is (a witness is certified by calling the formula); a HOLDS only for a SymPy
    ``Lambda`` (a Python function's value at a symbolic argument need not be its value everywhere), else
    None, so that the check falls back to its instances."""
    if general is not None and general.verdict is Verdict.HOLDS and not lambda_form:
        return None
    return general


def python_function_note(what: str, how: str) -> str:
    """The "why not general" of a check given a Python function for ``what`` (a symbol or the depth):
    what it returns at a symbolic argument need not be its value at every argument, so no proof for
    every value takes it as input; ``how`` says what the check proves for a SymPy ``Lambda``.

    >>> python_function_note("N", "by summation")[:60]
    'why not general: the formula under test is a Python function'
    """
    return (f"why not general: the formula under test is a Python function, so what it returns at a symbolic "
            f"{what} (if it accepts one) need not be its value at every {what} (it can branch on {what}): "
            f"no proof for every {what} takes it as input; given as a SymPy Lambda, this check decides it "
            f"for every {what} ({how})")


def at_points(comparisons: Sequence[tuple[str, str, Any, Any]]) -> tuple[dict[str, str] | None, list[str]]:
    """A Python function judged where it is called at a point: each (name, point, claimed, truth) compares
    ``claimed`` (the formula under test called at the point, not its symbolic value substituted) with
    ``truth`` there (:func:`closed_equal`: exact or Arb-certified).  Returns the first certified
    difference and the comparisons left undecided.

    >>> at_points([("f", "x = 2", sp.Integer(3), sp.Integer(4))])[0]["claimed"]
    '3'
    """
    undecided: list[str] = []
    for name, where, claimed, truth in comparisons:
        c, t = sp.sympify(claimed), sp.sympify(truth)
        same = closed_equal(c, t)
        if same is False:
            return {"residual": name, "point": where, "claimed": str(c), "computed": str(t),
                    "certified": "exact or Arb"}, undecided
        if same is None:
            undecided.append(f"{name} at {where}")
    return None, undecided


def called_points(comparisons: Sequence[tuple[str, str, Any, Any]]) -> tuple[dict[str, str], list[str]]:
    """Like :func:`at_points`, every name judged: for each name of the (name, point, claimed, truth)
    comparisons (``claimed`` the formula under test called at the point), the first point where
    ``claimed != truth`` is certified (:func:`closed_equal`: exact or Arb); and the comparisons left
    undecided.  Never the symbolic value of a Python function substituted: it can branch on its arguments.

    >>> called_points([("f", "x = 2", sp.Integer(3), sp.Integer(4)), ("g", "x = 2", 1, 1)])[0]
    {'f': 'claimed 3, computed 4 (certified different: exact or Arb) at x = 2'}
    """
    found: dict[str, str] = {}
    undecided: list[str] = []
    for name, where, claimed, truth in comparisons:
        if name in found:
            continue
        c, t = sp.sympify(claimed), sp.sympify(truth)
        same = closed_equal(c, t)
        if same is False:
            found[name] = f"claimed {c}, computed {t} (certified different: exact or Arb) at {where}"
        elif same is None:
            undecided.append(f"{name} at {where}")
    return found, undecided


def judge_python_points(comparisons: Sequence[tuple[str, str, Any, Any]], method: str, *, open_symbolic: str,
                        how: str, what: str = "sigma", flat: bool = False, **evidence: Any) -> CheckResult:
    """A Python function judged where it is called (:func:`called_points`): FAILS at a certified difference;
    INCONCLUSIVE where a comparison is undecided, or where its value at a symbolic argument left the residuals
    ``open_symbolic`` (empty: they simplified to 0) -- that value need not be its value anywhere, so it
    refutes nothing; else HOLDS on the points (scope instances, :func:`python_function_note` ``what``,
    ``how``).  ``evidence``: further fields of the HOLDS evidence (precision, parameters, details); ``flat``:
    the counterexample of :func:`at_points` (the first difference), else one entry per residual name.

    >>> judge_python_points([("f", "x = 2", 4, 4)], "m", open_symbolic="f", how="h").verdict.name
    'INCONCLUSIVE'
    """
    found, undecided = called_points(comparisons)
    if found and flat:
        first, _ = at_points(comparisons)
        if first is not None:
            return _fails(f"{method}; the formula called at the point, its difference from the truth there "
                          "certified (exact or Arb)", first)
    if found:
        return _fails(f"{method}; the formula called at the point, its difference from the truth there "
                      "certified (exact or Arb)", found)
    where = sorted({c[1] for c in comparisons})
    if open_symbolic or undecided:
        notes = []
        if open_symbolic:
            notes.append(f"at a symbolic {what} the residuals {open_symbolic} did not simplify to 0, but "
                         "the formula under test is a Python function: its value at a symbol need not be its "
                         f"value at any {what} (it can branch on its arguments), so that is no "
                         f"counterexample; called at {'; '.join(where)} it is not certified wrong")
        if undecided:
            notes.append("undecided: " + "; ".join(undecided))
        return CheckResult(Verdict.INCONCLUSIVE, Evidence(method=method, notes="; ".join(notes)))
    fields: dict[str, Any] = {"precision": "exact", "residual": "0", **evidence}
    return CheckResult(Verdict.HOLDS, Evidence(
        method=f"{method}; the formula called at {'; '.join(where)} against the truth there", **fields,
        notes=python_function_note(what, how), scope="instances"))


def check_metric_eigen(eigenvalue: g.EigenvalueFormula = g.EIGENVALUE_SUM) -> CheckResult:
    r"""Judge Lemma 2.4: :math:`A_{N,W}(UE_{il}V^\top) = \lambda^N_{il}UE_{il}V^\top` with the sum form
    (all i, l, including i = l), exactly at rational balanced points, d = 2, 3, N = 2..5; the
    eigenvalue against the operator at W = diag(sigma) for N = 1..64 (off and on the diagonal); then,
    for a formula given as a SymPy ``Lambda`` of (x, y, N), for every d and N (:func:`_eigen_general`:
    scope general).  A Python function is refuted the same way when its value at a symbolic N is wrong
    at a certified integer witness, but holds on the instances only (it can branch on N)."""
    formula = eigenvalue
    eigenvalue = _evaluated(formula)
    method = "exact rational arithmetic: A_{N,W}(U E_il V^T) - lambda U E_il V^T = 0"
    for d, N in CASES_FLOW:
        pt = exact_point(d, N)
        U, V, P, Q, sig = pt["U"], pt["V"], pt["P"], pt["Q"], pt["sigma"]
        for i in range(d):
            for l in range(d):
                E = sp.zeros(d, d)
                E[i, l] = 1
                Z = U * E * V.T
                seen: dict[str, str] = {}
                where = {"d": d, "N": N, "sigma_i^2": sig[i] ** 2, "sigma_l^2": sig[l] ** 2}
                try:
                    lam = call_formula(eigenvalue, [sig[i] ** 2, sig[l] ** 2, N], where=where, scalar=True,
                                       inexact=seen)
                except IllFormedFormula as err:
                    return err.result(method)
                if seen:
                    return inexact_result(method, seen, where)
                Rm = g.metric_operator(P, Q, Z, N) - lam * Z
                decided = [closed_equal(e, 0) for e in Rm]
                if None in decided and False not in decided:
                    return CheckResult(Verdict.INCONCLUSIVE, Evidence(
                        method=method, parameters={**where, "i": i + 1, "l": l + 1},
                        notes=f"A(U E_il V^T) - lambda U E_il V^T undecided for lambda = {lam}"))
                if False in decided:
                    true = (U.T * g.metric_operator(P, Q, Z, N) * V)[i, l]
                    return _fails(
                        "exact rational arithmetic",
                        {
                            "d": d,
                            "N": N,
                            "sigma": sig,
                            "i": i + 1,
                            "l": l + 1,
                            "claimed": str(lam),
                            "U^T A(U E_il V^T) V [i,l]": str(true),
                        },
                    )
    deep = _deeper_depths(eigenvalue)
    if deep is not None:
        return deep
    general = proof_for_every_value(_eigen_general(formula), isinstance(formula, sp.Lambda))
    if general is not None and general.verdict is not Verdict.HOLDS:
        return general
    instances = ("exact rational arithmetic: A_{N,W}(U E_il V^T) - lambda U E_il V^T = 0 at the balanced "
                 "points; the eigenvalue against the operator at W = diag(sigma) for "
                 f"N = 1..{DEPTHS_RATIONAL[-1]}")
    parameters = {"(d, N)": CASES_FLOW, "a": A_VALUES,
                  "(sigma_i^{2/N}, sigma_l^{2/N}) at N = 1..64": DIAG_POINTS}
    if general is not None:
        return CheckResult(Verdict.HOLDS, replace(
            general.evidence, method=f"{general.evidence.method}; cross-check on instances: {instances}",
            parameters=parameters))
    return CheckResult(
        Verdict.HOLDS,
        Evidence(
            method=instances,
            precision="exact",
            residual="0",
            parameters=parameters,
            notes="eigenvectors U E_il V^T, all d^2 of them, so A_{N,W} is diagonalised; general N "
            "and sigma: "
            "U^T A(U E V^T) V = (1/N) sum_j Sigma^{2(N-j)/N} E Sigma^{2(j-1)/N} "
            "(proofs/paper2_geometry.py); why not general: the formula under test is a Python function, "
            "so what it returns at a symbolic N (if it accepts one) need not be its value at every N (it "
            "can branch on N): no all-N proof takes it as input; given as a SymPy Lambda of (x, y, N), "
            "this check decides it for every d and N (the operator acts "
            "entry by entry in the basis U E_il V^T for every d, symdln.checks.geometry.general_lemmas, and "
            "the eigenvalue is the geometric sum / N by SymPy summation)",
            proof="proofs/paper2_geometry.py",
            scope="instances",
        ),
    )


def _eigen_general(eigenvalue: g.EigenvalueFormula) -> CheckResult | None:
    r"""For every d and N, when the formula accepts a symbolic N (None when it does not, or when a lemma
    fails): the operator acts entry by entry in the basis :math:`UE_{il}V^\top` (every d:
    :func:`symdln.checks.geometry.general_lemmas`), so :math:`UE_{il}V^\top` is an eigenvector with
    eigenvalue :math:`\frac1N\sum_j\alpha^{N-j}\beta^{j-1}`, :math:`\alpha = \sigma_i^{2/N}`,
    :math:`\beta = \sigma_l^{2/N}` (SymPy summation for symbolic N).  The formula's value for symbolic N
    (an unevaluated Sum is summed) is compared with it for :math:`\beta > \alpha` and for
    :math:`\alpha > \beta` (the conditions of its branches decided at :math:`\beta = \alpha + t`,
    :math:`\alpha = \beta + t`, t > 0, then t = :math:`\beta - \alpha`, :math:`\alpha - \beta`) and at
    :math:`\alpha = \beta`: HOLDS (scope general) when the three residuals simplify to 0; else FAILS at a
    certified witness (the formula at an integer N against the operator, :func:`_general_witness`), else
    INCONCLUSIVE."""
    al, be, t = sp.symbols("alpha beta t", positive=True)
    Nn = sp.Symbol("N", positive=True, integer=True)

    def off(a: Any, b: Any, N: Any) -> sp.Expr:
        return eigenvalue(a**N, b**N, N)

    def on(a: Any, b: Any, N: Any) -> sp.Expr:
        return eigenvalue(a**N, a**N, N)

    claimed_off, claimed_on = _call_symbolic(off, (al, be, Nn)), _call_symbolic(on, (al, al, Nn))
    lemmas = general_lemmas()
    if claimed_off is None or claimed_on is None or not all(lemmas.values()):
        return None
    diag_truth = _diagonal(_normalised_truth, True)
    # an unevaluated Sum is summed; off the diagonal, beta = alpha + t (alpha = beta + t), t > 0, decides the
    # conditions of its branches (alpha = beta is False); t = beta - alpha (alpha - beta) restores alpha, beta
    res_off = claimed_off.doit() - _normalised_truth(al, be, Nn)
    residuals = {
        "claimed - computed (beta > alpha)": res_off.subs(be, al + t).subs(t, be - al),
        "claimed - computed (alpha > beta)": res_off.subs(al, be + t).subs(t, al - be),
        "claimed - computed (alpha = beta)": claimed_on.doit() - diag_truth(al, al, Nn),
    }
    left = {k: r for k, r in ((k, sp.simplify(sp.powsimp(e, force=True))) for k, e in residuals.items())
            if r != 0}
    method = ("SymPy, every d and N: A_{N,W} acts entry by entry in the basis U E_il V^T (matrix expressions "
              "of symbolic size d, general_lemmas), so U E_il V^T is an eigenvector with eigenvalue "
              "(1/N) sum_j alpha^{N-j} beta^{j-1} (SymPy summation, N symbolic); the formula for symbolic N "
              "minus it simplifies to 0 for beta > alpha and alpha > beta (the branches of a sum decided by "
              "beta = alpha + t, alpha = beta + t, t > 0) and at alpha = beta; alpha = sigma_i^{2/N}, "
              "beta = sigma_l^{2/N} > 0 symbolic")
    if not left:
        return CheckResult(Verdict.HOLDS, Evidence(
            method=method, precision="exact", residual="0",
            details={"lemmas (every d)": lemmas, "residuals": {k: "0" for k in residuals}},
            proof="proofs/paper2_geometry.py", scope="general"))
    seen: dict[str, str] = {}

    def at(formula: Callable[[Any, Any, Any], sp.Expr]) -> Callable[[Any, Any, Any], sp.Expr]:
        def value(a: Any, b: Any, N: Any) -> sp.Expr:
            out = call_formula(formula, [a, b, N], where={"N": N, "alpha": a, "beta": b}, scalar=True,
                               inexact=seen)
            return out.doit() if isinstance(out, sp.Basic) and out.has(sp.Sum) else out
        return value

    try:
        cex = _general_witness(at(off), _normalised_truth, left, Nn, EIGEN_POINTS) or _general_witness(
            at(on), diag_truth, left, Nn, [(a, a) for a, _ in EIGEN_POINTS])
    except IllFormedFormula as err:
        return err.result(method)
    if seen:
        return inexact_result(method, seen, {})
    if cex is not None:
        return _fails("the symbolic-N residual is not 0; the formula at an integer N against the eigenvalue "
                      "of the operator there, exact rational arithmetic (Arb where irrational)",
                      {**cex, "symbolic residual": {k: str(r) for k, r in left.items()}})
    return CheckResult(Verdict.INCONCLUSIVE, Evidence(
        method=method, precision="exact",
        notes="the symbolic-N residual did not simplify to 0 and no certified witness was found at N = "
        f"{_depths_to_try(left.values(), Nn)}: " + "; ".join(f"{k}: {r}" for k, r in left.items())))


def _depths_to_try(residuals: Any, Nn: sp.Symbol) -> list[int]:
    """Integer depths where a symbolic-N residual is evaluated for a witness: 1..12 and, around every real
    solution c of a relation or a KroneckerDelta in N in the residuals (where a formula written piecewise
    in N switches), floor(c) - 1 .. floor(c) + 2."""
    out = set(range(1, 13))
    for res in residuals:
        for atom in sp.sympify(res).atoms(Relational, sp.KroneckerDelta):
            if Nn not in atom.free_symbols or len(atom.args) != 2:
                continue
            try:
                roots = sp.solve(atom.args[0] - atom.args[1], Nn)
            except (NotImplementedError, TypeError, ValueError):  # not solvable for N: no depth from it
                continue
            for c in roots:
                if c.is_real and c.is_finite:
                    k = int(sp.floor(c))
                    out.update(range(max(k - 1, 1), k + 3))
    return sorted(out)


def _general_witness(claimed: Callable[[Any, Any, Any], sp.Expr], true: Callable[[Any, Any, Any], sp.Expr],
                     residuals: dict[str, sp.Expr], Nn: sp.Symbol,
                     points: Sequence[tuple[sp.Expr, sp.Expr]]) -> dict[str, Any] | None:
    """A certified witness (:func:`_witness`: the formula called at an integer N against the truth at that
    N) at the depths of :func:`_depths_to_try`, or None."""
    for N in _depths_to_try(residuals.values(), Nn):
        cex, _ = _witness(claimed, true, N, points)
        if cex is not None:
            return cex
    return None


#: (sigma_i^{2/N}, sigma_l^{2/N}) of :func:`_deeper_depths`: off and on the diagonal
DIAG_POINTS = ((R(4), R(1)), (R(4), R(4)))


def _deeper_depths(eigenvalue: g.EigenvalueFormula) -> CheckResult | None:
    """The eigenvalue against :func:`operator_eigenvalue` at W = diag(sigma), sigma^{2/N} = (4, 1) and
    (4, 4), for N = 1..64 (beyond the exact balanced points): None if it agrees everywhere."""
    method = "exact rational arithmetic: the eigenvalue against the operator A_{N,W} at W = diag(sigma)"
    seen: dict[str, str] = {}

    def claimed(al: sp.Expr, be: sp.Expr, N: int) -> sp.Expr:
        where = {"N": N, "sigma_i^2": al**N, "sigma_l^2": be**N}
        return call_formula(eigenvalue, [al**N, be**N, N], where=where, scalar=True, inexact=seen)

    try:
        for N in range(1, DEPTHS_RATIONAL[-1] + 1):
            cex, undecided = _witness(claimed, _normalised_truth, N, DIAG_POINTS)
            if seen:
                return inexact_result(method, seen, {"N": N})
            if cex is not None:
                return _fails(method, cex)
            if undecided:
                return CheckResult(Verdict.INCONCLUSIVE, Evidence(
                    method=method, parameters={"N": N},
                    notes="the eigenvalue against the operator: undecided"))
    except IllFormedFormula as err:
        return err.result(method)
    return None


def _call_symbolic(formula: Callable[..., Any], args: Sequence[Any]) -> sp.Expr | None:
    """``formula(*args)`` with symbolic arguments, or None if it does not accept them (it raised, or
    returned something that is not an exact SymPy expression)."""
    try:
        value = sp.sympify(formula(*args))
    except Exception:  # the formula under test need not accept a SymPy Symbol for N
        return None
    if not isinstance(value, sp.Expr) or value.atoms(sp.Float):
        return None
    return value


def _geometric_sum(al: sp.Expr, be: sp.Expr, Nn: sp.Symbol) -> sp.Expr:
    """sum_{j=1}^N alpha^{N-j} beta^{j-1} for symbolic N, alpha != beta, by SymPy summation."""
    j = sp.Symbol("j", integer=True)
    S = sp.piecewise_fold(sp.summation(al ** (Nn - j) * be ** (j - 1), (j, 1, Nn)))
    return S.args[-1][0] if isinstance(S, sp.Piecewise) else S


#: depths at which a formula that does not accept a symbolic N is evaluated at rational points
DEPTHS_RATIONAL = tuple(range(13, 65))
#: rational (alpha, beta) = (sigma_i^{2/N}, sigma_l^{2/N}) where a residual is evaluated for a witness
#: (squares: the factor values sqrt(alpha), sqrt(beta) of :func:`induced_eigenvalue` stay rational)
EIGEN_POINTS = ((R(4), R(1)), (R(9), R(1)), (R(25, 4), R(1, 9)), (R(49), R(4)), (R(1, 4), R(9)))


@lru_cache(maxsize=1024)
def operator_eigenvalue(al: sp.Expr, be: sp.Expr, N: int) -> sp.Expr:
    r"""The eigenvalue of :math:`A_{N,W}` on :math:`E_{12}` at W = diag(sigma), computed from the operator
    (:func:`symdln.geometry.metric_operator` with P = Q = diag(alpha, beta), alpha = sigma_1^{2/N}).

    >>> operator_eigenvalue(sp.Integer(4), sp.Integer(1), 2)
    5/2
    """
    D, E = sp.diag(al, be), sp.Matrix([[0, 1], [0, 0]])
    return sp.expand(g.metric_operator(D, D, E, N)[0, 1])


@lru_cache(maxsize=1024)
def induced_eigenvalue(al: sp.Expr, be: sp.Expr, N: int) -> sp.Expr:
    r"""The eigenvalue of the unnormalised end-to-end operator on :math:`E_{12}`, derived from the factors:
    minus the flow induced by the gradient flow of balanced factors W_j = diag(sqrt(alpha), sqrt(beta))
    with E'(W) = E_12 (:func:`symdln.checks.geometry.gradient_flow`), not from a printed formula.

    >>> induced_eigenvalue(sp.Integer(4), sp.Integer(1), 2)
    5
    """
    E = sp.Matrix([[0, 1], [0, 0]])
    Ws = [sp.diag(sp.sqrt(al), sp.sqrt(be))] * N
    return sp.expand(-_induced(Ws, gradient_flow(Ws, E))[0, 1])


def _witness(claimed: Callable[[Any, Any, Any], sp.Expr], true: Callable[[Any, Any, Any], sp.Expr],
             N: int, points: Sequence[tuple[sp.Expr, sp.Expr]]) -> tuple[dict[str, Any] | None, bool]:
    """The first of ``points`` where claimed and true are certified different at depth N (exact, or an Arb
    enclosure of the difference excluding 0), and whether some point stayed undecided."""
    undecided = False
    for a, b in points:
        c, t = claimed(a, b, N), true(a, b, N)
        same = closed_equal(c, t)
        if same is False:
            return {"N": N, "alpha = sigma_i^{2/N}": a, "beta = sigma_l^{2/N}": b,
                    "claimed": str(c), "computed": str(t)}, undecided
        undecided = undecided or same is None
    return None, undecided


def _judge_eigen_formula(
    claimed: Callable[[Any, Any, Any], sp.Expr],
    true: Callable[[Any, Any, Any], sp.Expr],
    name: str,
    points: Sequence[tuple[sp.Expr, sp.Expr]] = EIGEN_POINTS,
    *,
    general: bool,
) -> CheckResult:
    """Judge ``claimed(alpha, beta, N) == true(alpha, beta, N)`` (alpha = sigma_i^{2/N},
    beta = sigma_l^{2/N}): for symbolic N if ``general`` (the formula under test is a SymPy ``Lambda``)
    and ``claimed`` accepts it (this decides), else at N = 1..12 symbolically and at N = 13..64 at
    rational alpha, beta: INCONCLUSIVE if all agree, HOLDS on these instances (scope instances, with
    the reason) for a Python function whose value at a symbolic N agrees too (it can branch on N).
    A difference is FAILS only at a rational point where it is certified (exact or Arb)."""
    al, be = sp.symbols("alpha beta", positive=True)
    Nn = sp.Symbol("N", positive=True, integer=True)
    sym = _call_symbolic(claimed, (al, be, Nn))
    res = None
    if sym is not None:
        res = sp.simplify(sp.powsimp(sym - true(al, be, Nn), force=True))
        if res == 0 and general:
            return CheckResult(
                Verdict.HOLDS,
                Evidence(
                    method=f"SymPy: {name} minus the computed eigenvalue simplifies to 0 for symbolic N "
                    "(geometric sum by SymPy summation); alpha = sigma_i^{2/N}, beta = sigma_l^{2/N} "
                    "symbolic",
                    precision="exact",
                    residual="0",
                    scope="general",
                ),
            )
    undecided: list[int] = []
    for N in range(1, 13):
        if sp.cancel(sp.together(claimed(al, be, N) - true(al, be, N))) != 0:
            cex, _ = _witness(claimed, true, N, points)
            if cex is not None:
                return _fails("exact symbolic residual, certified at a rational point", cex)
            undecided.append(N)
    for N in DEPTHS_RATIONAL:
        cex, open_ = _witness(claimed, true, N, [*points[:1], *points[2:3]])
        if cex is not None:
            return _fails("exact rational arithmetic (Arb where irrational)", cex)
        if open_:
            undecided.append(N)
    if res == 0 and not undecided:
        return CheckResult(Verdict.HOLDS, Evidence(
            method=f"SymPy: {name} minus the computed eigenvalue is 0 at N = 1..12 (symbolic alpha, beta) "
            "and at N = 13..64 (exact rationals); its value at a symbolic N agrees with the geometric sum",
            precision="exact", residual="0", parameters={"N": "1..64"},
            notes=python_function_note("N", "the formula at a symbolic N minus the eigenvalue, the geometric "
                                       "sum by SymPy summation, simplifies to 0"),
            scope="instances"))
    notes = (
        "the formula under test does not accept a symbolic N"
        if sym is None
        else f"the symbolic-N residual did not simplify to 0: {res}"
    )
    if undecided:
        notes += f"; the residual is not decided at N = {undecided}"
    return CheckResult(
        Verdict.INCONCLUSIVE,
        Evidence(
            method="SymPy: symbolic alpha, beta at N = 1..12; exact rationals at N = 13..64",
            precision="exact",
            notes=f"{notes}; it agrees with the computed eigenvalue at N = 1..64 only (checked), which does "
            "not prove the statement for every N",
        ),
    )


def _normalised_truth(al: Any, be: Any, N: Any) -> sp.Expr:
    """The eigenvalue of A_{N,W}: the geometric sum / N for symbolic N, the operator itself at integer N."""
    if isinstance(N, sp.Symbol):
        return _geometric_sum(al, be, N) / N
    return operator_eigenvalue(al, be, N)


def _unnormalised_truth(al: Any, be: Any, N: Any) -> sp.Expr:
    """The unnormalised eigenvalue: the geometric sum for symbolic N, the induced flow at integer N."""
    if isinstance(N, sp.Symbol):
        return _geometric_sum(al, be, N)
    return induced_eigenvalue(al, be, N)


def _diagonal(
    truth: Callable[[Any, Any, Any], sp.Expr], normalised: bool
) -> Callable[[Any, Any, Any], sp.Expr]:
    """``truth`` at i = l (beta = alpha); for symbolic N the sum of N equal terms by SymPy summation
    (divided by N if ``normalised``)."""

    def at(al: Any, be: Any, N: Any) -> sp.Expr:
        if isinstance(N, sp.Symbol):
            j = sp.Symbol("j", integer=True)
            total = sp.summation(al ** (N - j) * al ** (j - 1), (j, 1, N))
            return total / N if normalised else total
        return truth(al, al, N)

    return at


def check_metric_quotient(eigenvalue: g.EigenvalueFormula = g.EIGENVALUE_QUOTIENT) -> CheckResult:
    r"""Judge the quotient form :math:`(\sigma_i^2-\sigma_l^2)/(N(\sigma_i^{2/N}-\sigma_l^{2/N}))` against
    the eigenvalue of :math:`A_{N,W}` computed from the operator (the sum
    :math:`\frac1N\sum_j\sigma_i^{2(N-j)/N}\sigma_l^{2(j-1)/N}` by SymPy summation for symbolic N):
    decided for symbolic N when the formula is a SymPy ``Lambda`` of (x, y, N), else at N = 1..64
    (:func:`_judge_eigen_formula`)."""
    return _metric_quotient(_evaluated(eigenvalue), isinstance(eigenvalue, sp.Lambda))


@rejects_inexact("eigenvalue")
def _metric_quotient(eigenvalue: g.EigenvalueFormula, general: bool) -> CheckResult:
    r = _judge_eigen_formula(lambda al, be, N: eigenvalue(al**N, be**N, N), _normalised_truth,
                             "the quotient form", general=general)
    if r.verdict is Verdict.HOLDS:
        valid = ("valid for sigma_i != sigma_l; at sigma_i = sigma_l the quotient is 0/0 and the diagonal "
                 "formula is its limit")
        return CheckResult(Verdict.HOLDS, replace(
            r.evidence, notes=valid if r.evidence.scope == "general" else f"{valid}; {r.evidence.notes}"))
    return r


def check_metric_diag(diag: Callable[[sp.Expr, int], sp.Expr] = g.EIGENVALUE_DIAG) -> CheckResult:
    r"""Judge :math:`\lambda^N_{ll} = \sigma_l^{2(N-1)/N}` against the eigenvalue of :math:`A_{N,W}` on
    :math:`E_{ll}` computed from the operator (for symbolic N: :math:`\frac1N\sum_j\alpha^{N-j}
    \alpha^{j-1}` by SymPy summation); decided for symbolic N when the formula is a SymPy ``Lambda`` of
    (x, N), else at N = 1..64 (:func:`_judge_eigen_formula`)."""
    return _metric_diag(_evaluated(diag), isinstance(diag, sp.Lambda))


@rejects_inexact("diag")
def _metric_diag(diag: Callable[[sp.Expr, int], sp.Expr], general: bool) -> CheckResult:
    return _judge_eigen_formula(lambda al, be, N: diag(al**N, N), _diagonal(_normalised_truth, True),
                                "the diagonal formula", general=general)


def check_unnormalised_spectrum(
    quotient: g.EigenvalueFormula = g.EIGENVALUE_QUOTIENT_UNNORMALISED,
    diag: Callable[[sp.Expr, int], sp.Expr] = g.EIGENVALUE_DIAG_UNNORMALISED,
) -> CheckResult:
    r"""Judge the unnormalised eigenvalues :math:`N\sigma^{2-2/N}` and
    :math:`(\sigma_i^2-\sigma_l^2)/(\sigma_i^{2/N}-\sigma_l^{2/N})` against the eigenvalues of the
    end-to-end operator induced by the factors' gradient flow (derived at integer N; the geometric sum
    for symbolic N), as :func:`check_metric_quotient` does for the normalised ones: scope general when
    both are SymPy ``Lambda``\ s proved for symbolic N."""
    return _unnormalised_spectrum(_evaluated(quotient), _evaluated(diag), isinstance(quotient, sp.Lambda),
                                  isinstance(diag, sp.Lambda))


@rejects_inexact("quotient", "diag")
def _unnormalised_spectrum(quotient: g.EigenvalueFormula, diag: Callable[[sp.Expr, int], sp.Expr],
                           general_off: bool, general_on: bool) -> CheckResult:
    off = _judge_eigen_formula(lambda al, be, N: quotient(al**N, be**N, N), _unnormalised_truth,
                               "the unnormalised quotient form", general=general_off)
    on = _judge_eigen_formula(lambda al, be, N: diag(al**N, N), _diagonal(_unnormalised_truth, False),
                              "the unnormalised diagonal formula", general=general_on)
    for part, r in (("off-diagonal", off), ("diagonal", on)):
        if r.verdict is Verdict.FAILS:
            return CheckResult(Verdict.FAILS, replace(
                r.evidence, counterexample={"eigenvalue": part, **(r.evidence.counterexample or {})}))
    if off.verdict is Verdict.HOLDS and on.verdict is Verdict.HOLDS:
        parts = (("off-diagonal", off), ("diagonal", on))
        narrow = [(part, r) for part, r in parts if r.evidence.scope != "general"]
        if narrow:
            return CheckResult(Verdict.HOLDS, Evidence(
                method="; ".join(f"{part}: {r.evidence.method}" for part, r in parts),
                precision="exact", residual="0",
                notes="the conventions differ by the factor N exactly, on every eigenvalue checked; "
                + "; ".join(f"{part}: {r.evidence.notes}" for part, r in narrow),
                scope="instances"))
        return CheckResult(Verdict.HOLDS, Evidence(
            method="SymPy exact, symbolic N: the formulas minus the eigenvalues of the induced unnormalised "
            "operator (geometric sums) simplify to 0",
            precision="exact",
            residual="0",
            notes="the conventions differ by the factor N exactly, on every eigenvalue",
            scope="general",
        ))
    undecided = off if off.verdict is not Verdict.HOLDS else on
    return CheckResult(undecided.verdict, replace(
        undecided.evidence, notes=f"{'off-diagonal' if undecided is off else 'diagonal'}: "
        f"{undecided.evidence.notes}"))


# ---------------------------------------------------------------- depth limit
#: points (sigma_i^2, sigma_l^2) = (e^X, e^Y) where a residual of the depth limit is evaluated for a
#: certified witness: singular values above and below 1 (the domain is every sigma > 0)
LIMIT_POINTS = ((sp.log(2), sp.Integer(0)), (-sp.log(3), sp.log(2)), (-sp.log(2), -sp.log(5)),
                (sp.log(4), sp.Integer(0)))


def _limit_symbols() -> tuple[sp.Symbol, sp.Symbol, sp.Symbol]:
    """h = 1/N > 0 and real X, Y with x = e^X, y = e^Y: every pair of singular values, not only those
    above 1 (positive X, Y would leave sigma < 1 out of the comparison)."""
    h = sp.Symbol("h", positive=True)
    X, Y = sp.symbols("X Y", real=True)
    return h, X, Y


def _certified_points(residuals: Sequence[tuple[str, sp.Expr]], X: sp.Symbol, Y: sp.Symbol
                      ) -> dict[str, str]:
    """The residuals certified nonzero at :data:`LIMIT_POINTS` (Arb sign, or an exact nonzero rational):
    a witness only for a SymPy ``Lambda``, whose value at a point is its symbolic value substituted (a
    Python function is called at the points instead, :func:`judge_python_points`)."""
    from symdln.certify.balls import certified_sign

    found: dict[str, str] = {}
    for name, e in residuals:
        for xv, yv in LIMIT_POINTS:
            val = sp.simplify(e.subs({X: xv, Y: yv}))
            sign: int | None
            if val.is_Rational and val != 0:
                sign = 1 if val > 0 else -1
            else:
                try:
                    sign = certified_sign(val) if val.free_symbols == set() and val != 0 else None
                except TypeError:  # not a closed form Arb encloses
                    sign = None
            if sign is not None:
                at = f"sigma_i^2 = {sp.exp(xv)}"
                at += f", sigma_l^2 = {sp.exp(yv)}" if Y in e.free_symbols else ""
                found[name] = f"{val} (certified sign {sign:+d}) at {at}"
                break
    return found


def check_limit_logmean(
    limit: Callable[[sp.Expr, sp.Expr], sp.Expr] = g.EIGENVALUE_INFINITY,
    limit_diag: Callable[[sp.Expr], sp.Expr] = g.EIGENVALUE_INFINITY_DIAG,
) -> CheckResult:
    r"""Judge the depth limit: :math:`\lambda^N_{il}\to(x-y)/(\log x-\log y)`, :math:`\lambda^N_{ll}\to x`,
    and the integral form :math:`A_\infty = \int_0^1 (WW^\top)^{1-s}Z(W^\top W)^s ds` has these
    eigenvalues on :math:`UE_{il}V^\top`.  Symbolic in x = e^X, y = e^Y with X, Y real (every
    sigma > 0); a residual that does not simplify to 0 is FAILS only where Arb certifies it nonzero.
    Scope general for SymPy ``Lambda``\ s; Python functions (they can branch on x, y) are judged only
    where they are called, at :data:`LIMIT_POINTS`: FAILS at a certified difference there, else HOLDS there
    only, or INCONCLUSIVE if their value at symbolic x, y left a residual (:func:`judge_python_points`)."""
    return _limit_logmean(_evaluated(limit), _evaluated(limit_diag),
                          isinstance(limit, sp.Lambda) and isinstance(limit_diag, sp.Lambda))


@rejects_inexact("limit", "limit_diag")
def _limit_logmean(limit: Callable[[sp.Expr, sp.Expr], sp.Expr], limit_diag: Callable[[sp.Expr], sp.Expr],
                   lambda_form: bool) -> CheckResult:
    h, X, Y = _limit_symbols()
    s = sp.Symbol("s", positive=True)
    lamN = (sp.exp(X) - sp.exp(Y)) * h / (sp.exp(h * X) - sp.exp(h * Y))
    lead = sp.series(lamN, h, 0, 1).removeO()
    lead_d = sp.series(sp.exp(X * (1 - h)), h, 0, 1).removeO()
    # the integral form: F is an antiderivative of x^{1-s} y^s; F(1) - F(0) = log mean
    x, y = sp.exp(X), sp.exp(Y)
    F = sp.exp(X * (1 - s) + Y * s) / (Y - X)
    antider = sp.simplify(sp.diff(F, s) - sp.exp(X * (1 - s) + Y * s))
    if antider != 0:  # a derivation step of the checker, not the formula under test
        return CheckResult(
            Verdict.INCONCLUSIVE,
            Evidence(method="SymPy", notes=f"the antiderivative did not differentiate back: {antider}"),
        )
    residuals = (
        ("lim - claimed (off-diagonal)", lead - limit(x, y)),
        ("lim - claimed (diagonal)", lead_d - limit_diag(x)),
        ("integral - claimed (off-diagonal)", F.subs(s, 1) - F.subs(s, 0) - limit(x, y)),
        ("integral - claimed (diagonal)",
         sp.integrate(sp.exp(X * (1 - s) + X * s), (s, 0, 1)) - limit_diag(x)),
    )
    open_ = [name for name, e in residuals if sp.simplify(e) != 0]
    if not lambda_form:  # a Python function: refuted only where it is called (it can branch on x, y)
        return _limit_logmean_points(limit, limit_diag, lead, lead_d, F, X, Y, s, ", ".join(open_))
    if open_:  # a Lambda: its value at a point is its symbolic value substituted
        cex = _certified_points(residuals, X, Y)
        if cex:
            return _fails("SymPy series in h = 1/N and the integral, Arb-certified sign at a rational point",
                          cex)
        return CheckResult(
            Verdict.INCONCLUSIVE,
            Evidence(
                method="SymPy series", notes="residual did not simplify and no certified counterexample"
            ),
        )
    return CheckResult(
        Verdict.HOLDS,
        Evidence(
            method="SymPy series in h = 1/N of the quotient form (x = e^X, y = e^Y, X, Y real): leading term "
            "equals the claimed limit; integral by an antiderivative checked by differentiation (decides)",
            precision="exact",
            residual="0",
            details={"antiderivative residual": str(antider)},
            notes="A_infinity(U E_il V^T) = int_0^1 x^{1-s} y^s ds U E_il V^T; the finite-N eigenvalue is "
            "x^{-1/N} times a left Riemann sum of that integral",
            proof="proofs/paper2_geometry.py",
            scope="general",
        ),
    )


def _limit_logmean_points(limit: Callable[[sp.Expr, sp.Expr], sp.Expr],
                          limit_diag: Callable[[sp.Expr], sp.Expr], lead: sp.Expr, lead_d: sp.Expr,
                          F: sp.Expr, X: sp.Symbol, Y: sp.Symbol, s: sp.Symbol, open_symbolic: str
                          ) -> CheckResult:
    """The depth limit for Python functions: called at :data:`LIMIT_POINTS` against the series and the
    integral there (:func:`judge_python_points`; ``open_symbolic``: the residuals whose symbolic value did
    not simplify to 0, which refute nothing)."""
    comparisons: list[tuple[str, str, Any, Any]] = []
    for xv, yv in LIMIT_POINTS:
        at = {X: xv, Y: yv}
        where = f"sigma_i^2 = {sp.exp(xv)}, sigma_l^2 = {sp.exp(yv)}"
        comparisons += [
            ("lim - claimed (off-diagonal)", where, limit(sp.exp(xv), sp.exp(yv)), lead.subs(at)),
            ("lim - claimed (diagonal)", f"sigma_i^2 = {sp.exp(xv)}", limit_diag(sp.exp(xv)),
             lead_d.subs(at)),
            ("integral - claimed (off-diagonal)", where, limit(sp.exp(xv), sp.exp(yv)),
             (F.subs(s, 1) - F.subs(s, 0)).subs(at)),
        ]
    return judge_python_points(
        comparisons, "SymPy series in h = 1/N and the integral (symbolic X, Y), evaluated at sigma_i^2, "
        "sigma_l^2 = e^X, e^Y for (X, Y) in LIMIT_POINTS", open_symbolic=open_symbolic,
        how="the series in h = 1/N and the integral, symbolic in x = e^X, y = e^Y, X, Y real",
        parameters={"(X, Y)": [tuple(str(v) for v in pt) for pt in LIMIT_POINTS]})


def rate_coefficient(x: sp.Expr, y: sp.Expr) -> sp.Expr:
    r"""The derived rate coefficient c in :math:`\lambda^N_{il} = \lambda^\infty_{il} + c/N + O(N^{-2})`.

    :math:`c = -\lambda^\infty_{il}\log(\sigma_i\sigma_l)`.

    >>> rate_coefficient(sp.E**2, sp.E**2)
    -2*exp(2)
    """
    lam = x if x == y else g.eigenvalue_infinity(x, y)
    return -lam * (sp.log(x) + sp.log(y)) / 2


_xr, _yr = sp.symbols("x y", positive=True)
#: :func:`rate_coefficient` as a SymPy ``Lambda`` of (x, y) (the form judged for every x, y > 0)
RATE_COEFFICIENT: sp.Lambda = sp.Lambda((_xr, _yr), -sp.Piecewise(
    (_xr, sp.Eq(_xr, _yr)), ((_xr - _yr) / (sp.log(_xr) - sp.log(_yr)), True))
    * (sp.log(_xr) + sp.log(_yr)) / 2)


def check_limit_rate(
    coefficient: Callable[[sp.Expr, sp.Expr], sp.Expr] = RATE_COEFFICIENT, prec: int = 256
) -> CheckResult:
    r"""Judge the rate: :math:`\lambda^N = \lambda^\infty + c/N + O(1/N^2)` with
    :math:`c = -\lambda^\infty\log(\sigma_i\sigma_l)` (series in 1/N, x = e^X, y = e^Y with X, Y real;
    off the diagonal the coefficient is called at (x, x + t) and (y + t, y), t > 0, which decides the
    conditions of its branches, then t = y - x, x - y); Arb enclosures at N = 10^k as a cross-check that
    does not decide.  Scope general for a SymPy ``Lambda``; a Python function (it can branch on x, y) is
    judged only where it is called, at :data:`LIMIT_POINTS` (:func:`judge_python_points`)."""
    return _limit_rate(_evaluated(coefficient), prec, isinstance(coefficient, sp.Lambda))


@rejects_inexact("coefficient")
def _limit_rate(coefficient: Callable[[sp.Expr, sp.Expr], sp.Expr], prec: int, lambda_form: bool
                ) -> CheckResult:
    h, X, Y = _limit_symbols()
    lamN = (sp.exp(X) - sp.exp(Y)) * h / (sp.exp(h * X) - sp.exp(h * Y))
    c1 = sp.series(lamN, h, 0, 2).removeO().coeff(h, 1)
    c1d = sp.series(sp.exp(X * (1 - h)), h, 0, 2).removeO().coeff(h, 1)
    xs, ys, t = sp.symbols("x_s y_s t", positive=True)
    back = {xs: sp.exp(X), ys: sp.exp(Y)}
    residuals = (
        ("true - claimed coefficient (off-diagonal)",
         c1 - sp.sympify(coefficient(xs, xs + t)).subs(t, ys - xs).subs(back)),
        ("true - claimed coefficient (off-diagonal, branches at sigma_i > sigma_l)",
         c1 - sp.sympify(coefficient(ys + t, ys)).subs(t, xs - ys).subs(back)),
        ("true - claimed coefficient (sigma_i^2 = sigma_l^2)", c1d - coefficient(sp.exp(X), sp.exp(X))),
    )
    # certified enclosures of N (lambda^N - lambda^inf) - c at x = 4, y = 1: O(1/N)
    from symdln.certify.balls import enclose

    table = []
    x, y = sp.Integer(4), sp.Integer(1)
    for k in (1, 2, 3, 4):
        N = 10**k
        err = N * (g.eigenvalue_quotient(x, y, N) - g.eigenvalue_infinity(x, y)) - coefficient(x, y)
        b = enclose(err, prec)
        table.append(
            {"N": N, "N(lam_N - lam_inf) - c": b.str(8, radius=True), "N * that": (N * b).str(8, radius=True)}
        )
    open_ = [name for name, e in residuals if sp.simplify(e) != 0]
    if not lambda_form:  # a Python function: refuted only where it is called (it can branch on x, y)
        comparisons: list[tuple[str, str, Any, Any]] = []
        for xv, yv in LIMIT_POINTS:
            ex, ey = sp.exp(xv), sp.exp(yv)
            comparisons += [
                ("true - claimed coefficient (off-diagonal)", f"sigma_i^2 = {ex}, sigma_l^2 = {ey}",
                 coefficient(ex, ey), c1.subs({X: xv, Y: yv})),
                ("true - claimed coefficient (sigma_i^2 = sigma_l^2)", f"sigma_i^2 = sigma_l^2 = {ex}",
                 coefficient(ex, ex), c1d.subs(X, xv)),
            ]
        return judge_python_points(
            comparisons, "SymPy series in h = 1/N (first-order coefficient, symbolic X, Y), evaluated at "
            "sigma_i^2, sigma_l^2 = e^X, e^Y for (X, Y) in LIMIT_POINTS", open_symbolic=", ".join(open_),
            how="the first-order coefficient of the series in h = 1/N, symbolic in x = e^X, y = e^Y, "
            "X, Y real",
            precision=f"exact; Arb {prec} bits",
            parameters={"(X, Y)": [tuple(str(v) for v in pt) for pt in LIMIT_POINTS]},
            details={"cross-check (does not decide): Arb enclosures at sigma_i^2 = 4, sigma_l^2 = 1": table})
    if open_:  # a Lambda: its value at a point is its symbolic value substituted
        cex = _certified_points(residuals, X, Y)
        if cex:
            return _fails("SymPy series coefficient, Arb-certified sign at a rational point", cex)
        return CheckResult(
            Verdict.INCONCLUSIVE, Evidence(method="SymPy series", notes="coefficient residual undecided")
        )
    return CheckResult(
        Verdict.HOLDS,
        Evidence(
            method="SymPy series in h = 1/N (first-order coefficient, exact; decides; x = e^X, y = e^Y, X, Y "
            "real); Arb enclosures of N(lambda^N - lambda^inf) - c at N = 10..10^4 as a cross-check that "
            "does not decide",
            precision=f"exact; Arb {prec} bits",
            residual="0",
            details={"cross-check (does not decide): Arb enclosures at sigma_i^2 = 4, sigma_l^2 = 1": table},
            notes="convergence is first order in 1/N; the coefficient vanishes iff sigma_i sigma_l = 1",
            scope="general",
        ),
    )


def check_unnormalised_diverges(
    diag: Callable[[sp.Expr, int], sp.Expr] = g.EIGENVALUE_DIAG_UNNORMALISED,
) -> CheckResult:
    r"""Judge: a depth limit needs the 1/N -- the unnormalised eigenvalues :math:`N\sigma^{2-2/N}` diverge
    as N -> infinity (for sigma > 0), the normalised ones converge (p2.limit.logmean).

    ``diag`` is judged as the unnormalised diagonal eigenvalue first (against the induced operator, as
    in :func:`check_unnormalised_spectrum`: a diverging but wrong formula is not accepted); then the
    limit of the eigenvalue, symbolic in sigma > 0, must be +oo: of the formula when it is a SymPy
    ``Lambda`` proved equal to the eigenvalue for every N (scope general), else of the derived eigenvalue
    (the geometric sum; a Python function holds on the instances it was judged at)."""
    return _unnormalised_diverges(_evaluated(diag), isinstance(diag, sp.Lambda))


@rejects_inexact("diag")
def _unnormalised_diverges(diag: Callable[[sp.Expr, int], sp.Expr], general: bool) -> CheckResult:
    judged = _judge_eigen_formula(lambda al, be, N: diag(al**N, N), _diagonal(_unnormalised_truth, False),
                                  "the unnormalised diagonal formula", general=general)
    if judged.verdict is not Verdict.HOLDS:
        return judged
    Nn, sg = sp.Symbol("N", positive=True, integer=True), sp.Symbol("sigma", positive=True)
    if judged.evidence.scope == "general":  # diag is the eigenvalue N sigma^{2-2/N} for every N (proved)
        value = diag(sg**2, Nn)
        of = "the formula, equal to the induced unnormalised eigenvalue for symbolic N"
    else:  # a Python function: its value at a symbolic N is not its value at every N
        value = _diagonal(_unnormalised_truth, False)(sg ** (2 / Nn), sg ** (2 / Nn), Nn)
        of = "the induced unnormalised eigenvalue (geometric sum), equal to the formula at N = 1..64"
    lim = sp.limit(value, Nn, sp.oo)
    notes = ("normalising the time (or the metric) by 1/N gives the finite limit sigma^2"
             + ("" if lim is sp.oo else f"; SymPy did not find the limit oo: {lim}"))
    return CheckResult(
        Verdict.HOLDS if lim is sp.oo else Verdict.INCONCLUSIVE,
        Evidence(
            method=f"SymPy: symbolic limit of {of}: N sigma^{{2 - 2/N}} -> oo",
            precision="exact",
            details={"lim_{N -> oo} unnormalised lambda_ll": str(lim)},
            notes=notes if judged.evidence.scope == "general" else f"{notes}; {judged.evidence.notes}",
            scope=judged.evidence.scope,
        ),
    )
