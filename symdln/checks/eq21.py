r"""Checks of paper 1's discrete L = 1 iterate (21): the closed form, the step-size condition
and the limit ("a similar result as Prop. 1").
"""

from __future__ import annotations

from collections.abc import Callable

import sympy as sp

from symdln.checks._cases import (
    DataCase,
    IllFormedFormula,
    call_formula,
    data_case,
    qualify_inexact,
    standard_cases,
)
from symdln.checks._identity import certified_nonzero, symbolic_matrix
from symdln.checks.linear_model import _is_zero
from symdln.linear import (
    gd_iterate,
    iterate_21_corrected,
    iterate_21_printed,
    solution_9,
)
from symdln.verdict import CheckResult, Evidence, Verdict, corrected

__all__ = [
    "check_eq21_closed_form",
    "check_eq21_limit",
    "check_eq21_step_size",
]


def _cases_21() -> tuple[DataCase, ...]:
    """(21) cases: a d = 2 > p = 1 case first (smallest with d != p), then the standard ones."""
    small = data_case((1, 2), ((sp.Rational(1, 2),),), [[1], [0], [1]], [[1], [0]],
                      name="d = 2 > p = 1")
    return (small, *standard_cases())


Iterate21 = Callable[[sp.Matrix, sp.Matrix, sp.Matrix, sp.Expr, int], sp.Matrix]
STEPS_21 = (0, 1, 2, 3)


#: step sizes tried, in this order, for a point where a formula that differs from gradient
#: descent as a function of eta is certified to differ (a nonzero rational function of eta
#: has finitely many zeros; the list is finite, so a search can also come back empty)
ETA_WITNESSES_21 = tuple(dict.fromkeys(
    (sp.Rational(1, 4), sp.Rational(1, 8), sp.Rational(1, 3),
     *(sp.Rational(a, b) for b in range(1, 8) for a in range(1, 2 * b + 1)))))


def _call_21(formula: Iterate21, case: DataCase, eta: sp.Expr, tt: int | sp.Expr,
             inexact: dict[str, str] | None) -> sp.Matrix:
    """The formula under test at a case (raises :class:`IllFormedFormula`)."""
    return call_formula(formula, (case.Sx, case.Sxy, case.W0, eta, tt),
                        where={**case.describe(), "eta": str(eta), "t": str(tt)},
                        shape=(case.d, case.p), inexact=inexact)


def _compare_21(formula: Iterate21, inexact: dict[str, str] | None = None
                ) -> tuple[dict[str, object] | None, str | None]:
    """Where ``formula`` differs from gradient descent (eta symbolic): the first ill-formed
    case and the first well-formed case with a certified wrong value, smallest first.

    Returns ``(failure, undecided)``: ``failure`` is None if nothing was certified;
    ``undecided`` describes the first difference that no step size in
    :data:`ETA_WITNESSES_21` certified (or a call that could not be evaluated)."""
    eta = sp.Symbol("eta", positive=True)
    ill: dict[str, object] | None = None
    undecided: str | None = None
    for case in _cases_21():
        for tt in STEPS_21:
            gd = gd_iterate(case.Sx, case.Sxy, case.W0, eta, tt)
            try:
                val = _call_21(formula, case, eta, tt, inexact)
            except IllFormedFormula as e:
                if e.undecided:
                    undecided = undecided or f"{case.name}, t = {tt}: {e.error}"
                else:
                    ill = ill or {"ill-formed": f"{case.name}, t = {tt}: {e.error}"}
                continue
            R = (val - gd).applyfunc(sp.expand)
            for i, j in ((i, j) for i in range(R.rows) for j in range(R.cols) if R[i, j] != 0):
                q = next((q for q in ETA_WITNESSES_21
                          if certified_nonzero(R[i, j].subs(eta, q))), None)
                if q is None:
                    undecided = undecided or (
                        f"{case.name}, t = {tt}, entry [{i + 1},{j + 1}]: the difference from "
                        f"gradient descent does not expand to zero, but no eta in "
                        f"{len(ETA_WITNESSES_21)} rationals in (0, 2] certifies it nonzero")
                    continue
                return {**(ill or {}), **case.describe(), "t": tt, "eta": str(q),
                        "entry": f"[{i + 1},{j + 1}]",
                        "formula": str(val.subs(eta, q)[i, j]),
                        "gradient descent": str(gd.subs(eta, q)[i, j])}, undecided
    return ill, undecided


def _induction_21(formula: Iterate21, inexact: dict[str, str] | None = None
                  ) -> dict[str, object] | None:
    """Induction in t for a candidate closed form, t symbolic: base case W_0 and the step
    W_{k+1} = (I - eta Sigma_x) W_k + eta Sigma_xy, exactly, for eta lambda_max in {1/2, 3/2}.

    Returns None if both hold for every case, else where they fail (a formula that cannot
    be called with t symbolic is not proved by induction)."""
    k = sp.Symbol("k", integer=True, nonnegative=True)
    for case in _cases_21():
        lmax = max(case.eigenvalues)
        for frac in (sp.Rational(1, 2), sp.Rational(3, 2)):
            eta = frac / lmax
            A = sp.eye(case.d) - eta * case.Sx
            try:
                Wk = _call_21(formula, case, eta, k, inexact)
                base = _call_21(formula, case, eta, 0, inexact) - case.W0
                step = _call_21(formula, case, eta, k + 1, inexact) - (A * Wk + eta * case.Sxy)
            except IllFormedFormula as e:
                return {"case": case.name, "ill-formed": e.error}
            for what, R in (("base case t = 0", base), ("induction step", step)):
                if any(sp.simplify(sp.expand_power_exp(sp.expand(e))) != 0 for e in R):
                    return {"case": case.name, "eta": str(eta), "failing": what}
    return None


def _late_witness_21(formula: Iterate21, inexact: dict[str, str] | None = None
                     ) -> dict[str, object] | None:
    """An exact disagreement with gradient descent for 4 <= t <= 12 at rational eta."""
    for case in _cases_21():
        lmax = max(case.eigenvalues)
        for frac in (sp.Rational(1, 2), sp.Rational(3, 2), sp.Rational(1, 7)):
            eta = frac / lmax
            for tt in range(4, 13):
                try:
                    val = _call_21(formula, case, eta, tt, inexact)
                except IllFormedFormula as e:
                    if e.undecided:
                        continue
                    return {"case": case.name, "t": tt, "ill-formed": e.error}
                gd = gd_iterate(case.Sx, case.Sxy, case.W0, eta, tt)
                if any(certified_nonzero(sp.simplify(e)) for e in val - gd):
                    return {**case.describe(), "t": tt, "eta": str(eta),
                            "formula": str(val.tolist()), "gradient descent": str(gd.tolist())}
    return None


def _abstract_step_21() -> bool:
    """The step of the default correction with A^t replaced by an arbitrary symbolic matrix
    M_t and eta symbolic: A (M_t (W0 - P) + P) + eta Sxy = (A M_t)(W0 - P) + P."""
    eta = sp.Symbol("eta", positive=True)
    for case in _cases_21():
        A = sp.eye(case.d) - eta * case.Sx
        Mt = symbolic_matrix("m", case.d, case.d)
        P = case.pinv * case.Sxy
        step = A * (Mt * (case.W0 - P) + P) + eta * case.Sxy
        if not _is_zero(step - ((A * Mt) * (case.W0 - P) + P)):
            return False
    return True


def check_eq21_closed_form(formula: Iterate21 = iterate_21_printed,
                           correction: Iterate21 = iterate_21_corrected) -> CheckResult:
    r"""Judge (21): W_t = (W_0 - \Sigma_x^\dagger\Sigma_{xy})(I_d - \eta\Sigma_x)^t +
    \Sigma_x^\dagger\Sigma_{xy} for the L = 1 gradient descent, as printed.

    The printed form is compared exactly with the iterates for t = 0..3 (eta
    symbolic).  The ``correction`` is proved by induction in t (t symbolic) and
    compared with the iterates for t = 0..3 as a polynomial identity in eta.  A
    formula that raises or is ill-shaped at a case (d != p, a singular Sigma_x)
    is ill-formed there: a counterexample.
    """
    inexact: dict[str, str] = {}
    bad, undecided = _compare_21(formula, inexact)
    if bad is None and undecided is None and _induction_21(formula, inexact) is None:
        return qualify_inexact(CheckResult(Verdict.HOLDS, Evidence(
            method="exact induction in t (t symbolic) and comparison with gradient descent "
                   "(eta symbolic)",
            precision="exact", residual="0",
            parameters={"t": STEPS_21, "cases": [c.name for c in _cases_21()]},
            scope="instances", proof="proofs/eq21.py")), inexact)
    if bad is None:
        bad = _late_witness_21(formula, inexact)
        if bad is None:
            why = (f"differs from gradient descent as an expression but undecided: {undecided}"
                   if undecided else "the induction step did not simplify to zero: undecided")
            return qualify_inexact(CheckResult(Verdict.INCONCLUSIVE, Evidence(
                "exact comparison for t <= 12 and induction in t",
                parameters={"eta tried for a witness": len(ETA_WITNESSES_21)},
                notes=f"no certified disagreement with gradient descent for t <= 12; {why}")),
                inexact)
    printed = qualify_inexact(CheckResult(Verdict.FAILS, Evidence(
        method="exact comparison with gradient descent, eta symbolic",
        precision="exact", counterexample=bad,
        notes="the update multiplies W_t on the left by I - eta Sigma_x (d x d) and W_0 is "
              "d x p; the printed right factor is ill-formed for d != p and wrong for d = p "
              "unless W_0 - Sigma_x^+ Sigma_xy commutes with Sigma_x")), inexact)
    fixed_inexact: dict[str, str] = {}
    failure, fix_undecided = _compare_21(correction, fixed_inexact)
    failure = failure or ({"undecided": fix_undecided} if fix_undecided else None) \
        or _induction_21(correction, fixed_inexact)
    ok = failure is None and (correction is not iterate_21_corrected or _abstract_step_21())
    fixed = qualify_inexact(CheckResult(
        Verdict.HOLDS if ok else Verdict.INCONCLUSIVE,
        Evidence(method="exact induction in t (t symbolic; eta lambda_max = 1/2 and 3/2) and "
                        "polynomial identity in eta for t <= 3; for the power-on-the-left form "
                        "also the step with A^t symbolic and eta symbolic",
                 precision="exact", residual="0" if ok else None,
                 details={"correction failure": failure} if failure else {},
                 notes="holds for every eta > 0: the step-size condition is not needed for "
                       "(21); the step uses Sigma_x Sigma_x^+ Sigma_xy = Sigma_xy",
                 proof="proofs/eq21.py", scope="instances")), fixed_inexact)
    return corrected(printed, fixed,
                     "W_t = (I_d - eta Sigma_x)^t (W_0 - Sigma_x^+ Sigma_xy) + Sigma_x^+ Sigma_xy, "
                     "for every eta and every t >= 0")


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


def _limit_21(case: DataCase, eta: sp.Rational) -> sp.Matrix:
    """lim_{t -> oo} of the corrected (21), exactly: (1 - eta lambda)^t -> 0 if |.| < 1, -> 1 if = 1."""
    factors = []
    for ev in case.eigenvalues:
        r = 1 - eta * ev
        if r == 1:
            factors.append(sp.Integer(1))
        elif abs(r) < 1:
            factors.append(sp.Integer(0))
        else:
            raise ValueError(f"no limit: |1 - eta lambda| = {abs(r)} >= 1")
    A_inf = case.Q.T * sp.diag(*factors) * case.Q
    P = case.pinv * case.Sxy
    return A_inf * (case.W0 - P) + P


def _limit_9(case: DataCase) -> sp.Matrix:
    """lim_{t -> oo} of Prop. 1's solution (9), computed entrywise by SymPy."""
    t = sp.Symbol("t", positive=True)
    W = solution_9(case.Sx, case.Sxy, case.W0, t, pinv=case.pinv)
    return W.applyfunc(lambda e: sp.limit(e, t, sp.oo))


def _claimed_limit_21(case: DataCase) -> sp.Matrix:
    """(I - Sigma_x Sigma_x^+) W_0 + Sigma_x^+ Sigma_xy: the explicit form of the common limit."""
    return (sp.eye(case.d) - case.Sx * case.pinv) * case.W0 + case.pinv * case.Sxy


def check_eq21_limit(
    claimed: Callable[[DataCase], sp.Matrix] = _claimed_limit_21,
    continuous_limit: Callable[[DataCase], sp.Matrix] = _limit_9,
) -> CheckResult:
    r"""Judge "we obtain a similar result as ... Prop. 1" for (21): for 0 < \eta <
    2/\lambda_{max}, W_t -> (I - \Sigma_x\Sigma_x^\dagger)W_0 + \Sigma_x^\dagger\Sigma_{xy},
    the t -> oo limit of (9); it depends on the part of W_0 in the null space of \Sigma_x.

    ``continuous_limit`` is the limit the discrete one is compared with (default: SymPy's limit
    of (9)); ``claimed`` its explicit form.
    """
    inexact: dict[str, str] = {}
    rows = []
    for case in standard_cases():
        try:
            value = call_formula(claimed, (case,), where=case.describe(),
                                 shape=(case.d, case.p), inexact=inexact)
        except IllFormedFormula as err:
            return qualify_inexact(err.result("the claimed limit called on exact data cases"),
                                   inexact)
        lmax = max(case.eigenvalues)
        limit_9 = continuous_limit(case)
        for frac in (sp.Rational(1, 2), sp.Rational(3, 2)):  # eta lmax = 1/2 and 3/2 (< 2)
            eta = frac / lmax
            # "a similar result as Prop. 1": the discrete limit is the limit of (9)
            if any(sp.simplify(e) != 0 for e in _limit_21(case, eta) - limit_9):
                return CheckResult(Verdict.FAILS, Evidence(
                    method="exact: limit of the corrected (21) against SymPy's limit of (9)",
                    precision="exact",
                    counterexample={**case.describe(), "eta": str(eta),
                                    "limit of (21)": str(_limit_21(case, eta).tolist()),
                                    "continuous limit (default: of (9))": str(limit_9.tolist())}))
            R = _limit_21(case, eta) - value
            if any(sp.simplify(e) != 0 for e in R):
                return qualify_inexact(CheckResult(Verdict.FAILS, Evidence(
                    method="exact limit of the corrected (21) in the eigenbasis",
                    precision="exact",
                    counterexample={**case.describe(), "eta": str(eta),
                                    "limit": str(_limit_21(case, eta).tolist()),
                                    "claimed": str(value.tolist())})), inexact)
            rows.append(f"{case.name}, eta = {eta}")
    singular = next(c for c in standard_cases() if c.Sx.rank() < c.d)
    null = (sp.eye(singular.d) - singular.Sx * singular.pinv) * singular.W0
    return qualify_inexact(CheckResult(Verdict.HOLDS, Evidence(
        method="exact limit of the corrected (21) in a rational eigenbasis, equal to SymPy's "
               "t -> oo limit of (9) and to the claimed explicit form",
        precision="exact", residual="0", parameters={"cases": rows},
        details={"null-space part of W0 kept in the limit (" + singular.name + ")":
                 str(null.tolist())},
        notes="the limit equals that of (9) as t -> oo; it depends on W_0 through its "
              "component in the null space of Sigma_x, which never moves; with W_0 -> 0 it is "
              "Sigma_x^+ Sigma_xy",
        proof="proofs/eq21.py", scope="instances")), inexact)
