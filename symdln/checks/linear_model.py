"""Checks of the linear model (L = 1) of paper 1: Prop. 1 / (9), (10) and the rescaled limit
((21): :mod:`symdln.checks.eq21`).

Every check runs on the exact data cases of :mod:`symdln.checks._cases`
(full rank, singular Sigma_x, repeated eigenvalue, d != p) with the
initialisation W_0 and the targets Y kept *symbolic*, so an identity that
holds is proved for every W_0 and Y with that X.  A formula that does not
hold gets a certified witness: integer W_0, Y and a rational time at which
an Arb enclosure of the residual excludes zero.

The formula under test is called through
:func:`symdln.checks._cases.call_formula`: one that raises (a ``Sx.inv()`` on the
singular Sigma_x, an ill-shaped product) or returns the wrong shape at a case
FAILS with that case as counterexample; inexact numbers in it are read exactly as
the decimals they print as, and a HOLDS that rests on such a reading is reported
INCONCLUSIVE (:func:`symdln.checks._cases.qualify_inexact`).

The registry holds (9) and (10) as formulas in the noncommutative symbols of
:mod:`symdln.linear` (:func:`judge_prop1`, :func:`judge_limit_10`): besides the data
cases, such a formula is proved for every d, p, data and W_0 in the algebra of
Sigma_x, Sigma_x^+ and e^{g Sigma_x} (the last section of this module: the rules
(A)-(E) it uses, a normal form of words, the derivative in t and the limits), or
it stays on the cases with the reason.  The same algebra proves the limit of (21)
(:func:`symdln.checks.eq21.judge_eq21_limit`).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TypeAlias

import sympy as sp

from symdln.certify.exact import exact_pinv
from symdln.checks._cases import (
    DataCase,
    call_formula,
    judge_formula,
    standard_cases,
)
from symdln.checks._identity import certified_nonzero, symbolic_matrix
from symdln.linear import (
    W_0,
    I_d,
    Sigma_x,
    Sigma_x_pinv,
    Sigma_xy,
    W_t,
    limit_10,
    solution_9,
)
from symdln.notation import delta, lam, t
from symdln.verdict import CheckResult, Evidence, Verdict

__all__ = [
    "check_limit_10",
    "check_prop1",
    "check_rescaled_limit",
    "judge_limit_10",
    "judge_prop1",
]

SolutionFormula = Callable[[sp.Matrix, sp.Matrix, sp.Matrix, sp.Expr], sp.Matrix]


def _symbolic_data(case: DataCase) -> tuple[sp.Matrix, sp.Matrix, list[sp.Symbol]]:
    """Sigma_xy with symbolic Y, and a symbolic W_0, for a case's X."""
    Y = symbolic_matrix("y", case.n, case.p)
    W0 = symbolic_matrix("w", case.d, case.p)
    Sxy = case.X.T * Y / case.n
    return Sxy, W0, sorted(Y.free_symbols | W0.free_symbols, key=lambda s: s.name)


def _is_zero(R: sp.Matrix) -> bool:
    return all(sp.simplify(sp.expand(e)) == 0 for e in R)


def _integers(count: int) -> list[int]:
    """1, 0, -1, 2, -2, 3, ...: ``count`` distinct integers."""
    return [(1, 0, -1)[k] if k < 3 else ((k + 1) // 2 if k % 2 else -(k // 2)) for k in range(count)]


def poly_point(expr: sp.Expr, syms: list[sp.Symbol]) -> tuple[dict[sp.Symbol, int], sp.Expr] | None:
    """Integer values of ``syms`` at which ``expr`` is certified nonzero, chosen one symbol at a
    time: where ``expr`` has degree k in a symbol, one of k + 1 integers keeps it nonzero.
    Complete for nonzero polynomials with rational coefficients (a fixed list of trial values,
    as in :func:`symdln.checks._identity.nonzero_point`, can miss them all: x(x-1)(x+1)(x-2)
    vanishes on 0, 1, -1, 2); the final value is certified by
    :func:`symdln.checks._identity.certified_nonzero`.  None if not found (a non-polynomial).

    >>> x, y = sp.symbols("x y")
    >>> poly_point(x * (x - 1) * (x + 1) * (x - 2) * y, [x, y])
    ({x: -2, y: 1}, 24)
    """
    e = sp.expand(expr)
    point: dict[sp.Symbol, int] = {}
    for s in syms:
        if not e.has(s):
            continue
        if not e.is_polynomial(s):
            return None
        try:
            k = int(sp.degree(e, s))
        except (sp.PolynomialError, TypeError, ValueError):
            return None
        for v in _integers(k + 1):
            ev = sp.expand(e.xreplace({s: sp.Integer(v)}))
            if ev != 0:
                e, point[s] = ev, v
                break
        else:
            return None
    return (point, e) if not e.free_symbols and certified_nonzero(e) else None


def _witness(
    R: sp.Matrix, syms: list[sp.Symbol], times: tuple[sp.Rational, ...] = (sp.Integer(1),)
) -> dict[str, object] | None:
    """Integer values of ``syms`` and a time at which an entry of R is certified nonzero
    (:func:`poly_point` first, then a search over 0, 1, -1)."""
    for tv in times:
        for i, j in ((i, j) for i in range(R.rows) for j in range(R.cols)):
            found = poly_point(R[i, j].subs(t, tv), syms)
            if found is not None:
                point = {s.name: found[0].get(s, 1) for s in syms}
                return {"t": str(tv), **point, "entry": f"[{i + 1},{j + 1}]",
                        "certified sign of residual": _sign(found[1])}
    for head in itertools.chain([(1,) * len(syms)], itertools.product((0, 1, -1), repeat=min(
            len(syms), 6))):
        values = head + (1,) * (len(syms) - len(head))
        sub = dict(zip(syms, values, strict=True))
        for tv in times:
            Rv = R.subs(sub).subs(t, tv)
            for i in range(Rv.rows):
                for j in range(Rv.cols):
                    if certified_nonzero(Rv[i, j]):
                        return {"t": str(tv), **{k.name: v for k, v in sub.items()},
                                "entry": f"[{i + 1},{j + 1}]",
                                "certified sign of residual": _sign(Rv[i, j])}
    return None


def _sign(value: sp.Expr) -> int:
    """The sign of a value :func:`certified_nonzero` has certified."""
    from symdln.certify.balls import certified_sign

    v = sp.sympify(value)
    if v.is_Rational:
        return 1 if v > 0 else -1
    sign = certified_sign(v)
    if sign is None:  # pragma: no cover - certified_nonzero decided it
        raise ArithmeticError(f"sign of {v} not certified")
    return sign


def _case_point(case: DataCase, t_value: object | None = None) -> dict[str, object]:
    """Where a formula was called on a case with symbolic W0 and Y."""
    return {"case": case.name, "X": str(case.X.tolist()), "Sigma_x": str(case.Sx.tolist()),
            "W0, Y": "symbolic", **({} if t_value is None else {"t": str(t_value)})}


def _concrete_point(case: DataCase, t_value: object) -> dict[str, object]:
    """A concrete point of the domain: the case's own W0 and Y, a rational time."""
    return {**case.describe(), "Sigma_x": str(case.Sx.tolist()), "t": str(t_value)}


#: why Prop. 1 / (9) given as a Python function is judged on the data cases only
_WHY_NOT_GENERAL_9 = (
    "the solution under test is a Python function of explicit matrices (it computes e^{-t Sigma_x} and "
    "Sigma_x^+ of a concrete Sigma_x), so it is judged on the listed data cases (every W_0 and Y, those X: "
    "full rank, singular, repeated eigenvalue, d != p) only. Missing step: none in the method; the same "
    "solution written as a formula Eq(W_t, F) in the noncommutative symbols of symdln.linear (as the "
    "registry holds (9)) is proved for every d, p by judge_prop1")

#: the argument behind a general HOLDS of (9)
_PROOF_9 = (
    "in the algebra of Sigma_x, Sigma_x^+ and e^{g(t) Sigma_x} (noncommutative symbols: every d, p, every "
    "data and W_0, singular Sigma_x included), F' - (Sigma_xy - Sigma_x F) and F(0) - W_0 reduce to 0, using "
    "d/dt e^{g Sigma_x} = g' Sigma_x e^{g Sigma_x}, e^{0} = I_d, that Sigma_x^+ and e^{g Sigma_x} commute "
    "with Sigma_x (Sigma_x symmetric), the Penrose equations and Sigma_x Sigma_x^+ Sigma_xy = Sigma_xy "
    "(data); F well-formed for d != p, its scalar parts entire in t; the solution of (8) is unique "
    "(linear ODE, constant coefficients)")

def check_prop1(solution: SolutionFormula = solution_9) -> CheckResult:
    r"""Judge Prop. 1 / (9) given as a Python function ``solution(Sigma_x, Sigma_xy, W_0, t)``, on
    the data cases (scope "instances"); see :func:`_check_prop1` and, for a formula, :func:`judge_prop1`."""
    return judge_formula(
        lambda inexact: _check_prop1(solution, inexact, _WHY_NOT_GENERAL_9),
        "the formula under test called on exact data cases",
    )


def judge_prop1(statement: sp.Basic) -> CheckResult:
    r"""Judge Prop. 1 / (9) as a formula ``Eq(W_t, F)`` (W_t read as W(t)) in ``W_0``, ``Sigma_x``,
    ``Sigma_xy``, ``Sigma_x_pinv``, ``I_d`` (noncommutative symbols of :mod:`symdln.linear`) and ``t``,
    e^{M} written ``exp(M)``: on the data cases as :func:`check_prop1` (a certified witness FAILS it), and
    for every d, p, data and W_0 by :func:`general_9` (scope "general"; else "instances" with the reason).

    >>> P = Sigma_x_pinv * Sigma_xy
    >>> r = judge_prop1(sp.Eq(W_t, sp.exp(-t * Sigma_x) * (W_0 - P) + P))
    >>> r.verdict.name, r.evidence.scope
    ('HOLDS', 'general')
    """
    rhs = statement_rhs(statement, W_t, {W_0, Sigma_x, Sigma_xy, Sigma_x_pinv, I_d, t}, "(9)")
    value = matrix_function(rhs)

    def solution(Sx: sp.Matrix, Sxy: sp.Matrix, W0: sp.Matrix, tt: sp.Expr) -> sp.Matrix:
        return value({Sigma_x: Sx, Sigma_xy: Sxy, W_0: W0, Sigma_x_pinv: exact_pinv(Sx),
                      I_d: sp.eye(Sx.rows), t: tt})

    general = general_9(rhs)
    if general is not None:
        general += "; judged on the listed data cases (every W_0 and Y, those X) only"

    def run(inexact: dict[str, str]) -> CheckResult:
        ill_shaped_witness(rhs, value)
        return _check_prop1(solution, inexact, general)

    return judge_formula(run, "the formula under test evaluated on exact data cases")


def _check_prop1(solution: SolutionFormula, inexact: dict[str, str], general: str | None) -> CheckResult:
    r"""Judge Prop. 1 / (9): W(t) = e^{-t\Sigma_x}(W_0 - \Sigma_x^\dagger\Sigma_{xy}) +
    \Sigma_x^\dagger\Sigma_{xy} solves (8) for every W_0, singular \Sigma_x included.

    Derivation: each eigen-mode of \Sigma_x obeys w' = s - \lambda w, solved by
    ``dsolve`` for \lambda > 0 and \lambda = 0.  Verification: the ODE residual and
    the initial condition vanish exactly, W_0 and Y symbolic; the entries must be entire in t
    (a jump, e.g. a ``Piecewise`` in t, has derivative 0 for SymPy).  ``general`` is None when
    the general proof (:data:`_PROOF_9`) holds for the formula, else why it does not.
    """
    s, w0 = sp.symbols("s w_0", real=True)
    w = sp.Function("w")

    def ode(lam_: sp.Expr | int) -> sp.Eq:
        return sp.Eq(w(t).diff(t), s - lam_ * w(t))

    pos = sp.dsolve(ode(lam), w(t), ics={w(0): w0}).rhs
    zero = sp.dsolve(ode(0), w(t), ics={w(0): w0}).rhs
    modes = {"lambda > 0": str(sp.simplify(pos)), "lambda = 0": str(zero)}
    checked = []
    for case in standard_cases():
        Sxy, W0, syms = _symbolic_data(case)
        W = call_formula(solution, (case.Sx, Sxy, W0, t), where=_case_point(case),
                         shape=(case.d, case.p), inexact=inexact,
                         concrete=((case.Sx, case.Sxy, case.W0, sp.Integer(1)),
                                   _concrete_point(case, 1)))
        bad = next((b for e in W if (b := not_entire(e)) is not None), None)
        if bad is not None:
            return CheckResult(Verdict.INCONCLUSIVE, Evidence(
                "exact SymPy", parameters={"case": case.name},
                notes=f"{sp.sstr(bad)} in the solution under test is not an entire function of t: its "
                      "derivative (SymPy's) is not shown to be the derivative at every t >= 0"))
        R = W.diff(t) - (Sxy - case.Sx * W)
        R0 = W.subs(t, 0) - W0
        for what, M in (("ODE (8) residual", R), ("initial condition", R0)):
            if not _is_zero(M):
                wit = _witness(M, syms, (sp.Integer(0), sp.Integer(1)))
                if wit is None:
                    return CheckResult(Verdict.INCONCLUSIVE, Evidence(
                        "exact SymPy + Arb", notes=f"{what} did not simplify to zero "
                        f"and no certified witness was found ({case.name})"))
                return CheckResult(Verdict.FAILS, Evidence(
                    method="exact SymPy residual, Arb-certified witness",
                    precision="exact / Arb",
                    counterexample={**case.describe(), "failing": what, **wit},
                    notes="Y and W0 of the witness replace the symbolic ones"))
        checked.append(case.name)
    cases = "per-mode dsolve derivation; exact ODE residual with symbolic W0 and Y"
    notes = ("on a null mode of Sigma_x (lambda = 0) the solution is w0 + s t; (9) keeps w0, which is "
             "right because Sigma_xy = X^T Y / n has s = 0 there (Sigma_x Sigma_x^+ Sigma_xy = Sigma_xy). "
             "For a Sigma_xy not from the same data (9) would fail")
    return CheckResult(
        Verdict.HOLDS,
        Evidence(
            method=cases if general else f"{_PROOF_9}; cross-check: {cases} on the data cases",
            precision="exact",
            residual="0",
            parameters={"cases": checked},
            details={"per-mode solutions": modes},
            notes=f"{notes}; why not general: {general}" if general else notes,
            proof="proofs/prop1.py",
            scope="instances" if general else "general",
        ),
    )


def check_limit_10(limit: Callable[[sp.Matrix, sp.Matrix, sp.Expr], sp.Matrix] = limit_10
                   ) -> CheckResult:
    r"""Judge (10): W(t) -> (I_d - e^{-t\Sigma_x})\Sigma_x^\dagger\Sigma_{xy} as W_0 -> 0.

    The limit is taken in the solution (9) (judged by Prop. 1), which is affine
    in W_0: W_0 = s M with M symbolic, then ``limit`` in s.  ``limit(Sigma_x, Sigma_xy, t)`` is a Python
    function, judged on the data cases (scope "instances"); for a formula see :func:`judge_limit_10`.
    """
    return judge_formula(
        lambda inexact: _check_limit_10(limit, inexact, _WHY_NOT_GENERAL_10),
        "the formula under test called on exact data cases",
    )


#: why (10) given as a Python function is judged on the data cases only
_WHY_NOT_GENERAL_10 = (
    "the limit under test is a Python function of explicit matrices (it computes e^{-t Sigma_x} and "
    "Sigma_x^+ of a concrete Sigma_x), so it is judged on the listed data cases (every W_0 and Y, those X) "
    "only. Missing step: none in the method; the same limit written as a formula Eq(W_t, F) in the "
    "noncommutative symbols of symdln.linear (as the registry holds (10)) is proved for every d, p by "
    "judge_limit_10")

#: the argument behind a general HOLDS of (10)
_PROOF_10 = (
    "in the algebra of Sigma_x, Sigma_x^+ and e^{g(t) Sigma_x} (noncommutative symbols: every d, p, every "
    "data, every t >= 0): the solution (9), proved there to solve (8) with W(0) = W_0 (rules of "
    "judge_prop1), is affine in W_0, so its limit as W_0 -> 0 is its part free of W_0, and F minus that "
    "part reduces to 0 (Penrose equations, Sigma_x Sigma_x^+ Sigma_xy = Sigma_xy, commuting functions of "
    "Sigma_x); F well-formed for d != p")


def judge_limit_10(statement: sp.Basic) -> CheckResult:
    r"""Judge (10) as a formula ``Eq(W_t, F)``, read lim_{W_0 -> 0} W(t) = F, F in ``Sigma_x``,
    ``Sigma_xy``, ``Sigma_x_pinv``, ``I_d`` and ``t`` (not ``W_0``): on the data cases as
    :func:`check_limit_10` (a certified witness FAILS it), and for every d, p, data and t >= 0 by
    :func:`general_10` (scope "general"; else "instances" with the reason).

    >>> r = judge_limit_10(sp.Eq(W_t, (I_d - sp.exp(-t * Sigma_x)) * Sigma_x_pinv * Sigma_xy))
    >>> r.verdict.name, r.evidence.scope
    ('HOLDS', 'general')
    """
    rhs = statement_rhs(statement, W_t, {Sigma_x, Sigma_xy, Sigma_x_pinv, I_d, t}, "(10)")
    value = matrix_function(rhs)

    def limit(Sx: sp.Matrix, Sxy: sp.Matrix, tt: sp.Expr) -> sp.Matrix:
        return value({Sigma_x: Sx, Sigma_xy: Sxy, Sigma_x_pinv: exact_pinv(Sx), I_d: sp.eye(Sx.rows),
                      t: tt})

    general = general_10(rhs)
    if general is not None:
        general += "; judged on the listed data cases (every W_0 and Y, those X) only"

    def run(inexact: dict[str, str]) -> CheckResult:
        ill_shaped_witness(rhs, value)
        return _check_limit_10(limit, inexact, general)

    return judge_formula(run, "the formula under test evaluated on exact data cases")


def _solves_8(W: sp.Matrix, Sx: sp.Matrix, Sxy: sp.Matrix, W0: sp.Matrix) -> bool:
    """True iff W(t) solves (8) with W(0) = W0: the ODE residual and the initial value vanish
    exactly (what makes W the truth: the solution of (8) is unique)."""
    return _is_zero(W.diff(t) - (Sxy - Sx * W)) and _is_zero(W.subs(t, 0) - W0)


def _check_limit_10(limit: Callable[[sp.Matrix, sp.Matrix, sp.Expr], sp.Matrix],
                    inexact: dict[str, str], general: str | None) -> CheckResult:
    sc = sp.Symbol("s", positive=True)
    for case in standard_cases():
        Sxy, M, syms = _symbolic_data(case)
        W = solution_9(case.Sx, Sxy, sc * M, t, pinv=case.pinv)
        if not _solves_8(W, case.Sx, Sxy, sc * M):
            return CheckResult(Verdict.INCONCLUSIVE, Evidence(
                "exact SymPy", parameters={"case": case.name},
                notes="the solution the limit is taken in does not verifiably solve (8) with "
                      "W(0) = s M: no truth to compare with"))
        true = W.applyfunc(lambda e: sp.limit(e, sc, 0))
        claimed = call_formula(limit, (case.Sx, Sxy, t), where=_case_point(case),
                               shape=(case.d, case.p), inexact=inexact,
                               concrete=((case.Sx, case.Sxy, sp.Integer(1)),
                                         _concrete_point(case, 1)))
        R = claimed - true
        if not _is_zero(R):
            wit = _witness(R, syms, (sp.Integer(1), sp.Integer(2), sp.Rational(1, 2)))
            if wit is None:
                return CheckResult(Verdict.INCONCLUSIVE, Evidence(
                    "exact SymPy + Arb", notes=f"residual undecided ({case.name})"))
            return CheckResult(Verdict.FAILS, Evidence(
                method="exact limit W0 = s M, s -> 0, of the solution of (8) (verified by its "
                       "exact residual), Arb-certified witness",
                precision="exact / Arb", counterexample={**case.describe(), **wit},
                notes="Y and W0 of the witness replace the case's"))
    cases = ("exact limit W0 = s M, s -> 0, of (9) (affine in s), symbolic M and Y; (9) with W0 = s M "
             "verified to solve (8) by its exact residual")
    return CheckResult(Verdict.HOLDS, Evidence(
        method=cases if general else f"{_PROOF_10}; cross-check: {cases}, on the data cases",
        precision="exact", residual="0",
        parameters={"cases": [c.name for c in standard_cases()]},
        notes=f"why not general: {general}" if general else None,
        proof="proofs/prop1.py", scope="instances" if general else "general"))


def _mode_rescaled(s: sp.Expr, lam_: sp.Expr, tt: sp.Expr) -> sp.Expr | None:
    """One eigen-mode of (8) at time delta t from w(0) = e^{-delta} (lam_ > 0): w' = s - lam_ w
    solved by ``dsolve``; None unless the solution's residual and initial value vanish."""
    w = sp.Function("w")
    u = sp.Symbol("u", nonnegative=True)
    sol = sp.dsolve(sp.Eq(w(u).diff(u), s - lam_ * w(u)), w(u), ics={w(0): sp.exp(-delta)}).rhs
    ok = sp.simplify(sol.diff(u) - (s - lam_ * sol)) == 0 and \
        sp.simplify(sol.subs(u, 0) - sp.exp(-delta)) == 0
    return sol.subs(u, delta * tt) if ok else None


def _limit_delta(expr: sp.Expr) -> sp.Expr:
    """SymPy's limit delta -> oo (checked afterwards by an exact rate identity)."""
    return sp.limit(expr, delta, sp.oo)


def check_rescaled_limit(
    claimed: Callable[[sp.Expr, sp.Expr, sp.Expr], sp.Expr] = lambda s, lam_, tt: s / lam_,
) -> CheckResult:
    r"""Judge the remark after Thm. 2: for (8), rescaling t -> \delta t with W(0) =
    e^{-\delta} I gives a *constant* limit: W(\delta t) -> \Sigma_x^\dagger\Sigma_{xy}
    for every t > 0 (per mode: s / \lambda; 0 on the null space).

    ``claimed(s, lambda, t)`` is the claimed per-mode limit for t > 0.  Inexact
    numbers in it are read exactly as the decimals they print as (0.5 -> 1/2): a
    FAILS is certified for that reading, a HOLDS resting on it is INCONCLUSIVE.
    """
    return judge_formula(
        lambda inexact: _check_rescaled_limit(claimed, inexact),
        "the claimed per-mode limit called on symbols s, lambda, t",
    )


#: rational points (s, lambda, t) of the domain (lambda > 0, t > 0) tried for a witness
_RESCALED_POINTS = tuple(itertools.product((1, 2), (1, 2), (sp.Rational(1, 2), 1, 2)))


def _check_rescaled_limit(claimed: Callable[[sp.Expr, sp.Expr, sp.Expr], sp.Expr],
                          inexact: dict[str, str]) -> CheckResult:
    s = sp.Symbol("s", real=True)
    tt = sp.Symbol("t", positive=True)
    mode = _mode_rescaled(s, lam, tt)
    derived = None if mode is None else _limit_delta(mode)
    # the derived limit is the limit: an exact rate identity in which it appears, not a typed
    # value, w(delta t) - D = e^{-lambda delta t} (e^{-delta} - D) with D free of delta
    # (lambda t > 0, so the right-hand side -> 0)
    verified = derived is not None and not derived.has(delta) and sp.simplify(
        mode - derived - sp.exp(-lam * delta * tt) * (sp.exp(-delta) - derived)) == 0
    null_mode = _limit_delta(sp.exp(-delta))  # lambda = 0 mode, s = 0 there
    if derived is None or not verified or null_mode != 0:
        return CheckResult(Verdict.INCONCLUSIVE, Evidence(
            "SymPy dsolve and limit", details={"derived limit": str(derived)},
            notes="the derived per-mode limit is not verified by the exact rate identity: no "
                  "truth to compare with"))
    sv0, lv0, tv0 = _RESCALED_POINTS[0]
    value = call_formula(claimed, (s, lam, tt), where={"s, lambda, t": "symbolic"},
                         scalar=True, inexact=inexact,
                         concrete=((sp.Integer(sv0), sp.Integer(lv0), tv0),
                                   {"s": sv0, "lambda": lv0, "t": str(tv0)}))
    R = sp.simplify(value - derived)
    if R != 0:
        for sv, lv, tv in _RESCALED_POINTS:
            val = R.subs({s: sv, lam: lv, tt: tv})
            if not val.free_symbols and certified_nonzero(val):
                return CheckResult(Verdict.FAILS, Evidence(
                    method="per-mode dsolve, SymPy limit delta -> oo verified by an exact rate "
                           "identity, Arb evaluation",
                    precision="exact / Arb",
                    counterexample={"s": sv, "lambda": lv, "t": str(tv),
                                    "claimed": str(value.subs({s: sv, lam: lv, tt: tv})),
                                    "derived limit": str(derived.subs({s: sv, lam: lv}))}))
        return CheckResult(Verdict.INCONCLUSIVE, Evidence(
            "SymPy", parameters={"points (s, lambda, t)": _RESCALED_POINTS},
            notes="claimed limit differs symbolically; no certified witness at the points "
                  "tried"))
    return CheckResult(Verdict.HOLDS, Evidence(
        method="per-mode dsolve of (8) (residual checked), SymPy limit delta -> oo, verified by "
               "the exact identity w(delta t) - D = e^{-lambda delta t}(e^{-delta} - D) for the "
               "derived limit D",
        precision="exact", residual="0",
        details={"per-mode limit, t > 0": str(derived), "null mode": str(null_mode),
                 "rate in delta": "exp(-lambda t delta): exponential, rate lambda t"},
        notes="the limit is Sigma_x^+ Sigma_xy for every t > 0 and 0 at t = 0: constant "
              "on t > 0, with no phase transition at any T_i (unlike (18))",
        proof="proofs/prop1.py", scope="general"))


# --- the general proofs: the algebra of Sigma_x, Sigma_x^+ and e^{g Sigma_x}, every d, p --------------
#
# A formula is read as a sum of scalar multiples of words in noncommutative letters: Sigma_x, Sigma_x^+,
# e^{g Sigma_x} (g a scalar expression), I_d (the unit) and the free letters W_0, Sigma_xy.  Every rule
# applied to a word is an identity of d x d and d x p matrices for every d, p and every data:
#   (A) Sigma_x, Sigma_x^+ and e^{g Sigma_x} commute (Sigma_x symmetric: Sigma_x^+ is a polynomial in
#       Sigma_x, e^{g Sigma_x} a power series in it), e^{a Sigma_x} e^{b Sigma_x} = e^{(a+b) Sigma_x},
#       e^{0 Sigma_x} = I_d;
#   (B) the Penrose equations S S^+ S = S, S^+ S S^+ = S^+ (so S^a (S^+)^b = S^{a-b}, S S^+ or
#       (S^+)^{b-a});
#   (C) Sigma_x Sigma_x^+ Sigma_xy = Sigma_xy for data Sigma_xy = X^T Y / n (proofs/prop1.py, step 2).
# A word is put in normal form by these rules; an element whose every coefficient simplifies to 0 is 0
# (sound; a nonzero normal form is "not shown", never "false").  For limits and derivatives:
#   (D) d/dt e^{g(t) Sigma_x} = g'(t) Sigma_x e^{g(t) Sigma_x};
#   (E) e^{-c t Sigma_x} -> I_d - Sigma_x Sigma_x^+ as t -> oo, c > 0 (Sigma_x = sum lambda_i u_i u_i^T,
#       lambda_i >= 0: e^{-c t lambda_i} -> 0 for lambda_i > 0, = 1 for lambda_i = 0).
# tests/test_linear_general.py checks (A)-(E) on the exact data cases.


@dataclass(frozen=True)
class ExpFactor:
    """The letter e^{g Sigma_x} of a word, ``g`` a scalar expression."""

    g: sp.Expr

    def __repr__(self) -> str:
        return f"exp({sp.sstr(self.g * Sigma_x)})"

    def expr(self) -> sp.Expr:
        """The letter as a SymPy expression."""
        return sp.exp(self.g * Sigma_x)


Letter: TypeAlias = sp.Symbol | ExpFactor
Word: TypeAlias = tuple[Letter, ...]
Element: TypeAlias = dict[Word, sp.Expr]


class OutsideAlgebra(ValueError):
    """A formula that is not a sum of scalar multiples of words in the letters of the algebra."""


def _penrose(a: int, b: int) -> tuple[int, int]:
    """Sigma_x^a (Sigma_x^+)^b reduced by (B): S^{a-b}, S S^+ or (S^+)^{b-a}."""
    if a and b:
        return (a - b, 0) if a > b else (0, b - a) if b > a else (1, 1)
    return a, b


def normal_word(letters: Sequence[Letter]) -> Word:
    """The normal form of a word: each run of Sigma_x, Sigma_x^+, e^{g Sigma_x} ordered by (A) and
    reduced by (B); S S^+ dropped before Sigma_xy (C).

    >>> from symdln.linear import Sigma_x as S, Sigma_x_pinv as P, Sigma_xy as Sxy
    >>> normal_word((P, S, S, ExpFactor(t), P, Sxy))
    (exp(t*Sigma_x), Sigma_xy)
    """
    out: list[Letter] = []
    a, b, g = 0, 0, sp.S.Zero
    for x in (*letters, None):
        if x == Sigma_x:
            a += 1
        elif x == Sigma_x_pinv:
            b += 1
        elif isinstance(x, ExpFactor):
            g = sp.expand(g + x.g)
        else:
            a, b = _penrose(a, b)
            if (a, b) == (1, 1) and x == Sigma_xy:
                a = b = 0
            out += [Sigma_x] * a + [Sigma_x_pinv] * b + ([ExpFactor(g)] if g != 0 else [])
            a, b, g = 0, 0, sp.S.Zero
            if x is not None:
                out.append(x)
    return tuple(out)


def _add_to(out: Element, word: Word, c: sp.Expr) -> None:
    out[word] = out.get(word, sp.S.Zero) + c


def _exponent(arg: sp.Expr) -> tuple[sp.Expr, sp.Expr]:
    """``(s, g)`` with arg = s + g Sigma_x, s and g scalars (e^{arg} = e^s e^{g Sigma_x})."""
    s, g = sp.S.Zero, sp.S.Zero
    for term in sp.Add.make_args(sp.expand(arg)):
        c, nc = term.args_cnc()
        if not nc:
            s += term
        elif nc == [Sigma_x]:
            g += sp.Mul(*c)
        else:
            raise OutsideAlgebra(f"exp({sp.sstr(arg)}): the exponent is not a scalar times Sigma_x")
    return s, g


def _letters(f: sp.Expr) -> tuple[sp.Expr, list[Letter]]:
    """A noncommutative factor of a product as (scalar factor, letters)."""
    if f == I_d:
        return sp.S.One, []
    if isinstance(f, sp.Symbol):
        return sp.S.One, [f]
    if isinstance(f, sp.exp):
        s, g = _exponent(f.args[0])
        return sp.exp(s), ([ExpFactor(g)] if g != 0 else [])
    if isinstance(f, sp.Pow) and f.exp.is_Integer and f.exp > 0:
        c, word = _letters(f.base)
        return c ** f.exp, word * int(f.exp)
    if isinstance(f, sp.Pow):
        raise OutsideAlgebra(f"{sp.sstr(f)}: a matrix power other than a positive integer one (an "
                             "inverse is not defined for every Sigma_x)")
    raise OutsideAlgebra(f"{sp.sstr(f)}: not a product of Sigma_x, Sigma_x^+, exp(g*Sigma_x) and the "
                         "other matrices")


def element(e: sp.Expr) -> Element:
    """A formula in the noncommutative symbols as an element of the algebra (normal words -> scalar
    coefficients); :class:`OutsideAlgebra` if it is not a sum of products of letters.

    >>> from symdln.linear import Sigma_x as S, Sigma_x_pinv as P, Sigma_xy as Sxy
    >>> element(S * P * Sxy - Sxy + sp.exp(-t * S) * S * P * S)
    {(Sigma_x, exp(-t*Sigma_x)): 1}
    """
    out: Element = {}
    for term in sp.Add.make_args(sp.expand(e)):
        c, nc = term.args_cnc()
        coeff, word = sp.Mul(*c), list[Letter]()
        for f in nc:
            k, letters = _letters(f)
            coeff, word = coeff * k, word + letters
        _add_to(out, normal_word(word), coeff)
    return {w: c for w, c in out.items() if sp.expand(c) != 0}


def _combine(*parts: tuple[sp.Expr, Element]) -> Element:
    """sum_i c_i x_i."""
    out: Element = {}
    for c, x in parts:
        for w, k in x.items():
            _add_to(out, w, c * k)
    return {w: c for w, c in out.items() if sp.expand(c) != 0}


def times(x: Element, y: Element) -> Element:
    """The product x y (words concatenated and normalised)."""
    out: Element = {}
    for w1, c1 in x.items():
        for w2, c2 in y.items():
            _add_to(out, normal_word(w1 + w2), c1 * c2)
    return {w: c for w, c in out.items() if sp.expand(c) != 0}


def d_dt(x: Element) -> Element:
    """The derivative in t: of the coefficients, and of each letter e^{g(t) Sigma_x} by (D)."""
    out: Element = {}
    for w, c in x.items():
        _add_to(out, w, sp.diff(c, t))
        for i, f in enumerate(w):
            if isinstance(f, ExpFactor) and f.g.has(t):
                _add_to(out, normal_word((*w[:i], Sigma_x, *w[i:])), c * sp.diff(f.g, t))
    return {w: c for w, c in out.items() if sp.expand(c) != 0}


def at_time(x: Element, value: sp.Expr) -> Element:
    """x at t = value (e^{0 Sigma_x} = I_d by (A))."""
    out: Element = {}
    for w, c in x.items():
        word = [ExpFactor(f.g.subs(t, value)) if isinstance(f, ExpFactor) else f for f in w]
        _add_to(out, normal_word(word), c.subs(t, value))
    return {w: c for w, c in out.items() if sp.expand(c) != 0}


#: lim_{t -> oo} e^{-c t Sigma_x} = I_d - Sigma_x Sigma_x^+ (c > 0), rule (E)
_NULL_PROJECTOR: Element = {(): sp.S.One, (Sigma_x, Sigma_x_pinv): sp.S.NegativeOne}


def at_infinity(x: Element) -> Element:
    """lim_{t -> oo} x for t-free coefficients and letters e^{-c t Sigma_x}, c > 0 a number, by (E)
    (each word is then a product of convergent factors); :class:`OutsideAlgebra` otherwise.

    >>> from symdln.linear import Sigma_x as S, Sigma_x_pinv as P, W_0
    >>> at_infinity(element(sp.exp(-2 * t * S) * W_0))
    {(W_0,): 1, (Sigma_x, Sigma_x_pinv, W_0): -1}
    """
    out: Element = {}
    for w, c in x.items():
        if c.has(t):
            raise OutsideAlgebra(f"the coefficient {sp.sstr(c)} depends on t")
        acc: Element = {(): c}
        for f in w:
            if isinstance(f, ExpFactor):
                k = sp.simplify(f.g / t)
                if k.free_symbols or not k.is_negative:
                    raise OutsideAlgebra(f"exp({sp.sstr(f.g)}*Sigma_x) is not e^(-c t Sigma_x) with c > 0")
                acc = times(acc, _NULL_PROJECTOR)
            else:
                acc = times(acc, {(f,): sp.S.One})
        out = _combine((sp.S.One, out), (sp.S.One, acc))
    return out


def nonzero_part(x: Element) -> sp.Expr | None:
    """None if every coefficient of x simplifies to 0, else the rest as a SymPy expression."""
    rest = [(w, c) for w, c in x.items() if sp.simplify(c) != 0]
    if not rest:
        return None
    return sp.Add(*(c * sp.Mul(*(f.expr() if isinstance(f, ExpFactor) else f for f in w)) for w, c in rest))


def not_entire(e: sp.Expr) -> sp.Expr | None:
    """A part of ``e`` that is not an entire function of t (polynomials, exp, sin, cos, sinh, cosh
    and their compositions are entire: differentiable at every t), or None.

    >>> not_entire(sp.exp(-t) * t**2 + sp.sin(3 * t)) is None, not_entire(sp.Piecewise((0, t < 1), (1, True)))
    (True, Piecewise((0, t < 1), (1, True)))
    """
    if not e.has(t) or e == t:
        return None
    if isinstance(e, (sp.Add, sp.Mul)) or (isinstance(e, sp.Pow) and e.exp.is_Integer and e.exp >= 0) \
            or isinstance(e, (sp.exp, sp.sin, sp.cos, sp.sinh, sp.cosh)):
        return next((bad for a in e.args if (bad := not_entire(a)) is not None), None)
    return e


def well_formed(rhs: sp.Expr, dims: dict[sp.Basic, tuple[str, str]]) -> str | None:
    """None if ``rhs`` is a d x p matrix for every d != p (shapes of the letters in ``dims``, e^{M}
    for a d x d M), else why not (:func:`symdln.checks.eq21._shape_21`)."""
    from symdln.checks.eq21 import _shape_21

    dims = dict(dims)
    try:
        for x in sorted((x for x in rhs.atoms(sp.exp) if not x.is_commutative), key=sp.count_ops):
            if _shape_21(x.args[0], dims) != ("d", "d"):
                return f"{sp.sstr(x)}: the exponential of a matrix that is not d x d for every d != p"
            dims[x] = ("d", "d")
        shape = _shape_21(rhs, dims)
    except ValueError as err:
        return f"the formula is not well-formed for every d != p ({err})"
    return None if shape == ("d", "p") else "the formula is not a d x p matrix for every d, p"


def matrix_function(rhs: sp.Expr) -> Callable[[dict[sp.Basic, sp.Basic]], sp.Matrix]:
    """The value of a formula in the noncommutative symbols at explicit matrices (``env``: symbol ->
    value): :func:`symdln.checks.eq21._evaluate_21`, with each exp(M) computed as the matrix
    exponential of M's value.  The function raises ``ValueError`` where the formula is ill-formed, and
    ``NotImplementedError`` for the exponential of a matrix with symbols other than t (undecided)."""
    from symdln.checks.eq21 import _evaluate_21

    exps = sorted((x for x in rhs.atoms(sp.exp) if not x.is_commutative), key=sp.count_ops)

    def value(env: dict[sp.Basic, sp.Basic]) -> sp.Matrix:
        env = dict(env)
        for x in exps:
            M = _evaluate_21(x.args[0], env)
            if not isinstance(M, sp.MatrixBase) or not M.is_square:
                raise ValueError(f"{sp.sstr(x)}: the exponential of a matrix needs a square matrix")
            if M.free_symbols - {t}:  # e.g. of W_0 or Sigma_xy: SymPy's symbolic eigenvalues do not finish
                raise NotImplementedError(f"{sp.sstr(x)}: the exponential of a matrix with symbolic entries")
            env[x] = sp.Matrix(M).exp()
        out = _evaluate_21(rhs, env)
        if not isinstance(out, sp.MatrixBase):
            raise ValueError(f"{sp.sstr(rhs)}: a number, not a matrix, at these data")
        return sp.Matrix(out)

    return value


def statement_rhs(statement: sp.Basic, lhs: sp.Symbol, allowed: set[sp.Basic], what: str) -> sp.Expr:
    """F of a statement ``Eq(lhs, F)`` in the ``allowed`` symbols; :class:`symdln.correction.FormulaError`
    on anything else (``what`` names the claim's formula in the message)."""
    from symdln.correction import FormulaError

    if not isinstance(statement, sp.Eq) or lhs not in (statement.lhs, statement.rhs):
        raise FormulaError(f"{sp.sstr(statement)}: {what} is stated as Eq({lhs}, F), F a matrix formula")
    rhs = statement.rhs if statement.lhs == lhs else statement.lhs
    unknown = sorted(str(s) for s in rhs.free_symbols - allowed)
    if unknown:
        names = ", ".join(sorted(str(s) for s in allowed))
        raise FormulaError(f"{sp.sstr(statement)}: symbol {unknown[0]!r} in F of Eq({lhs}, F) (the symbols "
                           f"are {names})")
    if rhs.is_commutative:
        raise FormulaError(f"{sp.sstr(statement)}: F in Eq({lhs}, F) is a number, not a matrix formula")
    return rhs


def case_env(case: DataCase, tt: sp.Expr = sp.S.One) -> dict[sp.Basic, sp.Basic]:
    """The values of the letters at a data case's own data, and t = ``tt``."""
    return {Sigma_x: case.Sx, Sigma_xy: case.Sxy, W_0: case.W0, Sigma_x_pinv: case.pinv,
            I_d: sp.eye(case.d), t: tt}


def ill_shaped_witness(rhs: sp.Expr, value: Callable[[dict[sp.Basic, sp.Basic]], sp.Matrix]) -> None:
    """Where :func:`well_formed` finds ``rhs`` ill-formed for d != p, evaluate it (``value``, from
    :func:`matrix_function`) at the d != p data cases, their own data and t = 1: raises
    :class:`symdln.checks._cases.IllFormedFormula` at the first where it is not a d x p matrix, a
    certified finding, before the cases with symbolic W_0 and Y are tried (where an exponential of a
    symbolic matrix leaves a formula undecided)."""
    if well_formed(rhs, DIMS) is None:
        return
    for case in standard_cases():
        if case.d != case.p:
            call_formula(value, (case_env(case),), where={**case.describe(), "t": 1},
                         shape=(case.d, case.p))


#: the shapes of the letters for d != p
DIMS: dict[sp.Basic, tuple[str, str]] = {
    W_0: ("d", "p"), Sigma_xy: ("d", "p"), Sigma_x: ("d", "d"), Sigma_x_pinv: ("d", "d"), I_d: ("d", "d")}


def _in_algebra(rhs: sp.Expr) -> Element | str:
    """The formula as an element of the algebra, or why it is not one (ill-shaped for d != p,
    inexact numbers, a letter outside the algebra)."""
    why = well_formed(rhs, DIMS)
    if why is not None:
        return why
    if rhs.has(sp.Float):
        return "the formula has inexact numbers (Float)"
    try:
        return element(rhs)
    except OutsideAlgebra as err:
        return f"the formula is not in the algebra of Sigma_x, Sigma_x^+ and exp(g*Sigma_x) ({err})"


def general_9(rhs: sp.Expr) -> str | None:
    r"""None iff F = ``rhs`` is proved to solve (8) with F(0) = W_0 for every d, p, data and W_0: F is a
    d x p formula in the algebra, its scalar parts entire in t, and F' - (\Sigma_{xy} - \Sigma_x F)
    and F(0) - W_0 reduce to 0 (rules (A)-(D)); else why that is not shown.

    >>> P = Sigma_x_pinv * Sigma_xy
    >>> general_9(sp.exp(-t * Sigma_x) * (W_0 - P) + P) is None
    True
    """
    F = _in_algebra(rhs)
    if isinstance(F, str):
        return F
    parts = [*F.values(), *(f.g for w in F for f in w if isinstance(f, ExpFactor))]
    bad = next((b for e in parts if (b := not_entire(e)) is not None), None)
    if bad is not None:
        return (f"{sp.sstr(bad)} is not an entire function of t (polynomials, exp, sin, cos, sinh, cosh): "
                "the derivative is not shown for every t >= 0")
    ode = _combine((sp.S.One, d_dt(F)), (sp.S.NegativeOne, {(Sigma_xy,): sp.S.One}),
                   (sp.S.One, times({(Sigma_x,): sp.S.One}, F)))
    initial = _combine((sp.S.One, at_time(F, sp.S.Zero)), (sp.S.NegativeOne, {(W_0,): sp.S.One}))
    for what, x in (("the residual F' - (Sigma_xy - Sigma_x F) of (8)", ode), ("F(0) - W_0", initial)):
        left = nonzero_part(x)
        if left is not None:
            return f"{what} does not reduce to 0 in the algebra ({sp.sstr(left)})"
    return None


def verified_solution_9() -> Element | None:
    """(9), e^{-t Sigma_x}(W_0 - Sigma_x^+ Sigma_xy) + Sigma_x^+ Sigma_xy, as an element of the algebra,
    once :func:`general_9` has proved that it solves (8) with W(0) = W_0 (so it is the solution: a linear
    ODE with constant coefficients has one); None if that is not proved."""
    rhs = sp.exp(-t * Sigma_x) * (W_0 - Sigma_x_pinv * Sigma_xy) + Sigma_x_pinv * Sigma_xy
    return element(rhs) if general_9(rhs) is None else None


def general_10(rhs: sp.Expr) -> str | None:
    """None iff F = ``rhs`` is proved to be lim_{W_0 -> 0} W(t) for every d, p, data and t >= 0: the
    solution (9) (:func:`verified_solution_9`) is affine in W_0 (each word has W_0 at most once), so its
    limit is its part without W_0, and F minus that part reduces to 0; else why that is not shown.

    >>> general_10((I_d - sp.exp(-t * Sigma_x)) * Sigma_x_pinv * Sigma_xy) is None
    True
    """
    F = _in_algebra(rhs)
    if isinstance(F, str):
        return F
    truth = verified_solution_9()
    if truth is None or any(w.count(W_0) > 1 for w in truth):  # pragma: no cover - formula-independent
        return "the solution (9) the limit is taken in is not verified, or not affine in W_0"
    left = nonzero_part(_combine((sp.S.One, F), *((sp.S.NegativeOne, {w: c}) for w, c in truth.items()
                                                   if W_0 not in w)))
    if left is not None:
        return f"F - lim_(W_0 -> 0) W(t) does not reduce to 0 in the algebra ({sp.sstr(left)})"
    return None
