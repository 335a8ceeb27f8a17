r"""Checks of Thm. 1 / (15), the modes (16) and the time (17) of paper 1 (Thm. 1's perturbation
bound: :mod:`symdln.checks.continuous_perturbation`; the autoencoder remark / App. A:
:mod:`symdln.checks.continuous_autoencoder`).

Every check derives before it compares: the per-mode ODE is derived from the flow (12)
with L = 2, the form (15) is substituted into (12) exactly, (16) is solved with
``dsolve`` and verified with ``checkodesol`` *and* an independent residual.  A residual
that does not simplify to zero is decided at rational points (exactly, or by a certified
Arb sign), never read as FAILS by itself.
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Callable, Sequence

import sympy as sp

from symdln.continuous import (
    flow_12_L2,
    half_rise_time,
    mode_rhs,
    rect_diag,
    saxe_time_17,
    thm1_layers,
    w_active_16,
    w_inactive_16,
    w_inactive_corrected,
)
from symdln.verdict import CheckResult, Evidence, Verdict, corrected

__all__ = [
    "check_eq16_active",
    "check_eq16_inactive",
    "check_saxe_17",
    "derive_mode_ode",
]

sig, lam_, dlt, tt = sp.symbols("sigma lambda delta t", positive=True)
ModeODE = Callable[[sp.Expr, sp.Expr, sp.Expr], sp.Expr]
_R = sp.Rational


# ---------------------------------------------------------------------------- helpers
def _decide_nonzero(expr: sp.Expr, points: Sequence[dict]) -> tuple[dict, str] | None:
    """The first point where ``expr`` is certifiably nonzero: exact for rationals, else an Arb sign."""
    from symdln.certify.balls import certified_sign

    for pt in points:
        v = sp.nsimplify(expr.subs(pt)) if expr.subs(pt).is_Rational else expr.subs(pt)
        v = sp.simplify(v)
        if v.has(sp.zoo, sp.nan, sp.oo, -sp.oo):
            return pt, f"{v}: not finite (the formula under test gives no finite value here)"
        if v.is_Rational:
            if v != 0:
                return pt, f"{v} (exact)"
            continue
        s = None
        for form in (v, expr.subs(pt), v.rewrite(sp.exp)):  # simplify may bring in functions Arb lacks
            try:
                s = certified_sign(form)
            except TypeError:  # not enclosable in this form (e.g. tanh, or not a real number)
                continue
            if s is not None:
                break
        if s is not None:
            from symdln.certify.balls import enclose

            return pt, f"{enclose(form, 128)} (Arb enclosure, sign {s:+d})"
    return None


def _grid(**ranges: Sequence) -> list[dict]:
    keys = list(ranges)
    return [dict(zip(keys, vals, strict=True)) for vals in itertools.product(*ranges.values())]


def _fmt(pt: dict) -> dict:
    return {str(k): str(v) for k, v in pt.items()}


# ---------------------------------------------------------------------------- (16)
def derive_mode_ode() -> sp.Expr:
    r"""Derive :math:`\dot w` from (12) with L = 2 on one mode: W_1 = a, W_2 = a,
    :math:`\Sigma_x = \lambda`, :math:`\Sigma_{xy} = \sigma`, :math:`w = a^2`.

    >>> derive_mode_ode()
    -2*a**2*(a**2*lambda - sigma)

    (in terms of a; with w = a^2 this is :math:`2w(\sigma - \lambda w)`.)
    """
    a = sp.Symbol("a", positive=True)
    F1, F2 = flow_12_L2(sp.Matrix([[a]]), sp.Matrix([[a]]), sp.Matrix([[lam_]]), sp.Matrix([[sig]]))
    if sp.simplify(F1[0] - F2[0]) != 0:  # pragma: no cover - balanced modes move together
        raise ArithmeticError("balanced mode is not preserved")
    return sp.factor(2 * a * F1[0])  # d(a^2)/dt = 2 a da/dt


def _ode_verdict(w_formula: sp.Expr, rhs: sp.Expr, w_init: sp.Expr, params: Sequence[sp.Symbol],
                 what: str) -> tuple[bool | None, dict | None, str]:
    """(holds?, counterexample, note) for 'w_formula solves w' = rhs(w), w(0) = w_init'."""
    residual = sp.diff(w_formula, tt) - rhs.subs(sp.Symbol("W"), w_formula)
    init = w_formula.subs(tt, 0) - w_init
    if sp.simplify(residual) == 0 and sp.simplify(init) == 0:
        return True, None, "residual and initial mismatch simplify to 0"
    vals = {p: (1, 2, _R(1, 2)) for p in params}
    pts = _grid(**{p.name: v for p, v in vals.items()}, t=(0, 1))
    pts = [{sp.Symbol(k, positive=True) if k != "t" else tt: v for k, v in pt.items()} for pt in pts]
    for name, expr in (("initial value", init), ("ODE residual", residual)):
        found = _decide_nonzero(expr, pts)
        if found is not None:
            pt, val = found
            return False, {**_fmt(pt), "which": f"{what}: {name}", "value": val}, ""
    return None, None, "residual did not simplify and no certified nonzero point was found"


def check_eq16_active(w: Callable[..., sp.Expr] = w_active_16) -> CheckResult:
    r"""Judge the first branch of (16): it solves the mode ODE derived from (12) with
    :math:`w_i(0) = e^{-2\delta_i}`, the initialisation of Thm. 1 (:math:`\sqrt{w_i(0)} = e^{-\delta_i}`).

    ``w(sigma, lam, delta_i, t)`` is the formula under test (default: as printed).
    """
    W = sp.Symbol("W")
    a = sp.Symbol("a", positive=True)
    derived = derive_mode_ode().subs(a, sp.sqrt(W))
    if sp.expand(derived - mode_rhs(W, sig, lam_)) != 0:  # pragma: no cover
        raise ArithmeticError("derived mode ODE differs from mode_rhs")
    f = sp.Function("w")
    ode = sp.Eq(f(tt).diff(tt), mode_rhs(f(tt), sig, lam_))
    sol = sp.dsolve(ode, f(tt), ics={f(0): sp.exp(-2 * dlt)})
    ok_check, _ = sp.checkodesol(ode, sol)
    cand = w(sig, lam_, dlt, tt)
    holds, cex, note = _ode_verdict(cand, derived, sp.exp(-2 * dlt), (sig, lam_, dlt), "branch 1")
    if holds is False:
        return CheckResult(Verdict.FAILS, Evidence(
            method="exact substitution into the mode ODE derived from (12); certified sign",
            precision="exact / Arb", counterexample=cex))
    same = sp.simplify(sol.rhs - cand) == 0
    if not (holds and ok_check and same):
        return CheckResult(Verdict.INCONCLUSIVE, Evidence(
            method="dsolve, checkodesol, residual", notes=note or "dsolve form not matched"))
    return CheckResult(Verdict.HOLDS, Evidence(
        method="mode ODE derived from (12) (L = 2, one mode); dsolve + checkodesol; independent "
               "residual and initial value simplify to 0",
        precision="exact", residual="0",
        parameters={"ODE": "w' = 2 w (sigma - lambda w)", "w(0)": "exp(-2 delta_i)",
                    "dsolve": str(sol.rhs)},
        notes="w_i(0) = e^{-2 delta_i} = (e^{-delta_i})^2, the squared diagonal of W_1(0) in Thm. 1",
        proof="proofs/continuous_modes.py", scope="general"))


def check_eq16_inactive(w: Callable[..., sp.Expr] = w_inactive_16) -> CheckResult:
    r"""Judge the second branch of (16), :math:`r_{xy} < i \le r_x` (:math:`\sigma_i = 0`):
    it must solve :math:`\dot w = -2\lambda_i w^2`, :math:`w_i(0) = e^{-2\delta_i}`."""
    W = sp.Symbol("W")
    rhs = mode_rhs(W, 0, lam_)

    def judge(formula: Callable[..., sp.Expr]) -> CheckResult:
        cand = formula(lam_, dlt, tt)
        holds, cex, note = _ode_verdict(cand, rhs, sp.exp(-2 * dlt), (lam_, dlt), "branch 2")
        if holds is False:
            return CheckResult(Verdict.FAILS, Evidence(
                method="exact substitution into w' = -2 lambda w^2; certified Arb sign",
                precision="Arb, 64+ bits", counterexample=cex,
                parameters={"value at t = 0": "e^{-2 delta_i}, Thm. 1's initialisation (matches)"},
                notes="the printed branch starts at e^{-2 delta_i} but decays at the rate of "
                      "w(0) = e^{-delta_i}"))
        if not holds:
            return CheckResult(Verdict.INCONCLUSIVE, Evidence(method="residual", notes=note))
        f = sp.Function("w")
        ode = sp.Eq(f(tt).diff(tt), -2 * lam_ * f(tt) ** 2)
        sol = sp.dsolve(ode, f(tt), ics={f(0): sp.exp(-2 * dlt)})
        ok, _ = sp.checkodesol(ode, sol)
        if not (ok and sp.simplify(sol.rhs - cand) == 0):
            return CheckResult(Verdict.INCONCLUSIVE, Evidence(method="dsolve", notes="form not matched"))
        return CheckResult(Verdict.HOLDS, Evidence(
            method="dsolve + checkodesol of w' = -2 lambda w^2, w(0) = e^{-2 delta_i}; residual 0",
            precision="exact", residual="0", parameters={"dsolve": str(sol.rhs)},
            proof="proofs/continuous_modes.py", scope="general"))

    printed = judge(w)
    if printed.verdict is not Verdict.FAILS or w is not w_inactive_16:
        return printed
    return corrected(printed, judge(w_inactive_corrected),
                     "w_i(t) = e^{-2 delta_i} / (1 + 2 e^{-2 delta_i} lambda_i t), r_xy < i <= r_x")


# ---------------------------------------------------------------------------- Thm. 1 / (15)
def _flow_residual(W1: sp.Matrix, W2: sp.Matrix, a: Sequence[sp.Symbol], adot: Sequence[sp.Expr],
                   Sx: sp.Matrix, Sxy: sp.Matrix) -> sp.Matrix:
    """d/dt (W1, W2) by the chain rule through a_i(t) (a_i' = ``adot``), minus the flow (12)."""
    zero1, zero2 = sp.zeros(*W1.shape), sp.zeros(*W2.shape)
    D1 = sum((W1.diff(ai) * di for ai, di in zip(a, adot, strict=True)), zero1)
    D2 = sum((W2.diff(ai) * di for ai, di in zip(a, adot, strict=True)), zero2)
    F1, F2 = flow_12_L2(W1, W2, Sx, Sxy)
    return sp.Matrix.vstack((D1 - F1).reshape(W1.rows * W1.cols, 1), (D2 - F2).reshape(W2.rows * W2.cols, 1))


def _form_residual(U: sp.Matrix, V: sp.Matrix, Q: sp.Matrix, sigmas: Sequence[sp.Expr],
                   lams: Sequence[sp.Expr], a: Sequence[sp.Expr], mode_ode: ModeODE) -> sp.Matrix:
    """(15) substituted into (12): d/dt of the form minus the flow, with a_i' from the mode ODE."""
    d, p = U.rows, V.rows
    Sx = U * rect_diag(list(lams) + [0] * d, d, d) * U.T
    Sxy = U * rect_diag(sigmas, d, p) * V.T
    b = sp.symbols(f"b1:{len(a) + 1}", positive=True)  # a_i may be numbers: differentiate in b_i
    adot = [mode_ode(bi ** 2, s, l) / (2 * bi) for bi, s, l in zip(b, sigmas, lams, strict=True)]
    W1, W2 = thm1_layers(U, V, Q, b)
    return _flow_residual(W1, W2, b, adot, Sx, Sxy).subs(dict(zip(b, a, strict=True)), simultaneous=True)


def _rot(s: sp.Expr) -> sp.Matrix:
    return sp.Matrix([[1 - s**2, -2 * s], [2 * s, 1 - s**2]]) / (1 + s**2)




# ---------------------------------------------------------------------------- (17)
#: (sigma, lambda) points at which the offset T_i - t_1/2 is decided, smallest first
_SAXE_POINTS = tuple({sig: a, lam_: b} for a in (1, 2, _R(1, 2), 3) for b in (1, 2))


def _is_finite_limit(x: sp.Expr) -> bool:
    """A limit that is a finite expression in sigma, lambda (no infinity, no undetermined sign or
    bounds, no unevaluated limit)."""
    bad = (sp.oo, -sp.oo, sp.zoo, sp.nan)
    return (not any(x.has(b) for b in bad) and not x.has(sp.sign) and not x.has(sp.AccumBounds)
            and not x.has(sp.Limit) and x.free_symbols <= {sig, lam_})


def _t_half_corrected(sigma: sp.Expr, lam: sp.Expr, delta: sp.Expr) -> sp.Expr:
    """The corrected (17), the half-rise time of (16):
    delta/sigma + ln(sigma/lambda - e^{-2 delta})/(2 sigma)."""
    return delta / sigma + sp.log(sigma / lam - sp.exp(-2 * delta)) / (2 * sigma)


@functools.cache
def _derived_mode() -> tuple[sp.Expr, sp.Expr]:
    """(dsolve's solution, the same in logistic form) of the mode ODE derived from (12),
    w(0) = e^{-2 delta}; checked by checkodesol and by exact equality of the two forms (derived
    once per process: it does not depend on the formula under test)."""
    from symdln.continuous import logistic_mode

    a, W, f = sp.Symbol("a", positive=True), sp.Symbol("W"), sp.Function("w")
    ode = sp.Eq(f(tt).diff(tt), derive_mode_ode().subs(a, sp.sqrt(W)).subs(W, f(tt)))
    sol = sp.dsolve(ode, f(tt), ics={f(0): sp.exp(-2 * dlt)})
    logistic = logistic_mode(sig, lam_, sp.exp(-2 * dlt), tt)
    if not sp.checkodesol(ode, sol)[0] or sp.simplify(sol.rhs - logistic) != 0:  # pragma: no cover
        raise ArithmeticError("the derived mode ODE is not solved by the logistic form")
    return sol.rhs, logistic


#: (sigma, lambda, delta) points at which w(t_1/2) - sigma/(2 lambda) is decided (w(0) < sigma/(2 lambda))
_HALF_POINTS = tuple({sig: a, lam_: b, dlt: c} for a in (1, 2, _R(1, 2)) for b in (1, _R(1, 3))
                     for c in (1, 2) if sp.exp(-2 * c) < sp.Rational(a) / (2 * b))


def _judge_half_rise(t_half: Callable[[sp.Expr, sp.Expr, sp.Expr], sp.Expr]) -> CheckResult:
    """Judge ``t_half(sigma, lambda, delta)`` as the half-rise time of the derived mode: w(t_half) =
    sigma/(2 lambda) exactly (w increases while w < sigma/lambda, so the time is unique)."""
    from symdln.checks._cases import IllFormedFormula, call_formula, qualify_inexact

    exact, logistic = _derived_mode()
    inexact: dict[str, str] = {}
    try:
        cand = call_formula(t_half, [sig, lam_, dlt], where={"sigma, lambda, delta": "symbolic > 0"},
                            scalar=True, inexact=inexact)
    except IllFormedFormula as err:
        return err.result("the corrected (17) under test, called on symbols")
    return qualify_inexact(_judge_half_rise_value(cand, exact, logistic), inexact)


def _judge_half_rise_value(cand: sp.Expr, exact: sp.Expr, logistic: sp.Expr) -> CheckResult:
    # a certified nonzero value at a point first (cheap); simplification only for what survives it
    found = _decide_nonzero(logistic.subs(tt, cand) - sig / (2 * lam_), _HALF_POINTS)
    if found is not None:
        pt, val = found
        return CheckResult(Verdict.FAILS, Evidence(
            method="exact substitution into the derived mode (16); certified sign", precision="exact / Arb",
            counterexample={**_fmt(pt), "t_1/2 under test": str(cand.subs(pt)),
                            "w(t_1/2) - sigma/(2 lambda)": val}))
    gap = sp.simplify(exact.subs(tt, cand) - sig / (2 * lam_))
    if gap == 0:
        lead = sp.limit(cand / dlt, dlt, sp.oo)
        return CheckResult(Verdict.HOLDS, Evidence(
            method="exact: the mode ODE derived from (12) solved by dsolve (checkodesol), w(0) = "
                   "e^{-2 delta}; w(t_1/2) - sigma/(2 lambda) simplifies to 0 at the formula under test; "
                   "w increasing while w < sigma/lambda (w' = 2w(sigma - lambda w) > 0), so t_1/2 is "
                   "unique; SymPy limit of t_1/2/delta (Gruntz)",
            precision="exact", residual="0",
            parameters={"t_1/2": str(cand), "lim t_1/2/delta": str(lead)},
            notes="next order: t_1/2 - delta/sigma - ln(sigma/lambda)/(2 sigma) = "
                  "ln(1 - (lambda/sigma) e^{-2 delta})/(2 sigma) = O(e^{-2 delta})",
            proof="proofs/continuous_limits.py", scope="general"))
    return CheckResult(Verdict.INCONCLUSIVE, Evidence(
        method="exact substitution into the derived mode", notes=f"w(t_1/2) - sigma/(2 lambda) = {gap} "
                                                                 "not decided at the points tried"))


def check_saxe_17(T: Callable[[sp.Expr, sp.Expr], sp.Expr] = saxe_time_17, order: str = "O(1)",
                  t_half: Callable[[sp.Expr, sp.Expr, sp.Expr], sp.Expr] = _t_half_corrected) -> CheckResult:
    r"""Judge (17), :math:`T_i = \frac{\delta_i}{\sigma_i}\ln\sigma_i`, as "the time of the i-th phase
    transition" of the mode (16) (w_i(0) = e^{-2 delta_i}), against its exact half-rise time
    :math:`t_{1/2}` (solves :math:`w(t) = \sigma/(2\lambda)` for the mode derived from (12), exactly).

    ``order="O(1)"`` (default) requires :math:`T_i - t_{1/2} = O(1)` as :math:`\delta_i\to\infty`
    (exact SymPy limit, symbolic sigma, lambda > 0): the transition has width Theta(1/sigma_i) in
    unrescaled time, so a transition time is defined up to O(1) -- a bounded offset c leaves the mode
    at the fixed fraction 1/(1 + e^{-2 sigma c}) of its final value, an unbounded one leaves it
    at 0 or at sigma/lambda.  ``order="o(1)"`` requires :math:`T_i - t_{1/2} \to 0` (exact).
    A failure is certified by the exact limit (+-oo, or a nonzero number) at rational sigma, lambda.
    ``t_half(sigma, lambda, delta)`` is the corrected formula, judged as the exact half-rise time.
    """
    if order not in ("O(1)", "o(1)"):
        raise ValueError(f"order must be 'O(1)' or 'o(1)', not {order!r}")
    th = half_rise_time(sig, lam_, sp.exp(-2 * dlt))
    truth = _judge_half_rise(lambda s_, l_, d_: half_rise_time(s_, l_, sp.exp(-2 * d_)))
    if truth.verdict is not Verdict.HOLDS:  # pragma: no cover - the package's t_1/2 solves the derived mode
        raise ArithmeticError("half-rise time does not solve w = sigma / (2 lambda)")
    lead_true = sp.limit(th / dlt, dlt, sp.oo)  # = 1/sigma
    cand = T(sig, dlt)
    off = sp.simplify(sp.limit(cand - th, dlt, sp.oo))
    holds = _is_finite_limit(off) and (order == "O(1)" or off == 0)
    if holds:
        ev = truth.evidence
        return CheckResult(Verdict.HOLDS, Evidence(
            method=f"{ev.method}; SymPy limit of T_i - t_1/2 ({order} required)",
            precision="exact", residual="0" if off == 0 else None,
            parameters={**ev.parameters, "lim T_i - t_1/2": str(off), "order": order},
            notes=ev.notes, proof=ev.proof, scope="general"))
    found = None
    for pt in _SAXE_POINTS:
        o = sp.limit((cand - th).subs(pt), dlt, sp.oo)
        if o in (sp.oo, -sp.oo):
            found = (pt, str(o))
            break
        if order == "o(1)" and _is_finite_limit(o):
            nz = _decide_nonzero(o, [{}])
            if nz is not None:
                found = (pt, str(sp.simplify(o)))
                break
    if found is None:
        return CheckResult(Verdict.INCONCLUSIVE, Evidence(
            method="SymPy limits", notes=f"lim T_i - t_1/2 = {off}; no certified point"))
    pt, val = found
    lead_cand = sp.limit(cand / dlt, dlt, sp.oo)
    printed = CheckResult(Verdict.FAILS, Evidence(
        method=f"SymPy limits of T_i - t_1/2 ({order} required) and of T/delta, t_1/2/delta; "
               "exact at rational sigma, lambda",
        precision="exact",
        counterexample={**_fmt(pt), "lim T_i - t_1/2": val,
                        "lim T_i/delta_i - lim t_1/2/delta_i": str(
                            sp.simplify((lead_cand - lead_true).subs(pt))),
                        "T_i at delta_i = 1": str(cand.subs({**pt, dlt: 1})),
                        "t_1/2 at delta_i = 1": str(th.subs({**pt, dlt: 1}))},
        parameters={"lim T_i - t_1/2 (symbolic)": str(off)},
        notes="(17) as printed is <= 0 for sigma_i <= 1 (negative for the Fig. 1 example "
              "sigma_i = 1e-1, 1e-2, 1e-3) and grows like delta ln(sigma)/sigma, not delta/sigma"
        if T is saxe_time_17 else None))
    if T is not saxe_time_17:
        return printed
    judged = _judge_half_rise(t_half)
    params = judged.evidence.parameters
    text = (f"t_1/2 = {params.get('t_1/2')}, the exact half-rise time of (16) with w_i(0) = e^(-2 delta_i), "
            f"and t_1/2/delta -> {params.get('lim t_1/2/delta')} (sigma, lambda, delta = sigma_i, lambda_i, "
            "delta_i)" if judged.verdict is Verdict.HOLDS else "the half-rise time under test (not proved)")
    return corrected(printed, judged, text)


# ---------------------------------------------------------------------------- judges of formulas
def _inactive_truth(cand: sp.Expr) -> CheckResult:
    """Judge ``cand`` (in lambda, delta, t) as the solution of w' = -2 lambda w^2, w(0) = e^{-2 delta}
    (the mode ODE derived from (12) at sigma_i = 0), by residual and dsolve."""
    W = sp.Symbol("W")
    derived = derive_mode_ode().subs(sp.Symbol("a", positive=True), sp.sqrt(W)).subs(sig, 0)
    holds, cex, note = _ode_verdict(cand, sp.expand(derived), sp.exp(-2 * dlt), (lam_, dlt), "branch 2")
    if holds is False:
        return CheckResult(Verdict.FAILS, Evidence(
            method="exact substitution into w' = -2 lambda w^2 (derived from (12), sigma_i = 0), "
                   "w(0) = e^{-2 delta_i}; certified Arb sign",
            precision="exact / Arb", counterexample=cex, parameters={"w(t) under test": str(cand)}))
    if not holds:
        return CheckResult(Verdict.INCONCLUSIVE, Evidence(method="residual", notes=note))
    f = sp.Function("w")
    ode = sp.Eq(f(tt).diff(tt), derived.subs(W, f(tt)))
    sol = sp.dsolve(ode, f(tt), ics={f(0): sp.exp(-2 * dlt)})
    ok, _ = sp.checkodesol(ode, sol)
    if not (ok and sp.simplify(sol.rhs - cand) == 0):  # pragma: no cover - the IVP has one solution
        return CheckResult(Verdict.INCONCLUSIVE, Evidence(method="dsolve", notes="form not matched"))
    return CheckResult(Verdict.HOLDS, Evidence(
        method="mode ODE derived from (12) (L = 2, one mode, sigma_i = 0): w' = -2 lambda w^2, "
               "w(0) = e^{-2 delta_i}; independent residual and initial value simplify to 0; dsolve + "
               "checkodesol agree",
        precision="exact", residual="0", parameters={"dsolve": str(sol.rhs)},
        proof="proofs/continuous_modes.py", scope="general"))


def _solve_for_w(statement: sp.Basic, what: str) -> sp.Expr | CheckResult:
    """The value of w(t) a statement Eq(..., ...) determines (exactly one), or INCONCLUSIVE."""
    from symdln import notation as nt
    from symdln.correction import FormulaError

    if not isinstance(statement, sp.Eq) or not statement.has(nt.w(nt.t)):
        raise FormulaError(f"{what} is Eq(w(t), ...) in w(t), not {sp.sstr(statement)}")
    others = {a for a in statement.atoms(sp.core.function.AppliedUndef) if a != nt.w(nt.t)}
    if others:
        raise FormulaError(f"{what} is in w(t) only, not {sp.sstr(min(others, key=str))}")
    W = sp.Symbol("W", positive=True)
    sols = sp.solve((statement.lhs - statement.rhs).subs(nt.w(nt.t), W), W)
    if len(sols) != 1:
        return CheckResult(Verdict.INCONCLUSIVE, Evidence(
            "SymPy solve", notes=f"the statement gives {len(sols)} positive values of w(t), not one"))
    return sp.sympify(sols[0]).xreplace({nt.t: tt})


def judge_eq16_inactive(statement: sp.Basic) -> CheckResult:
    r"""Judge a closed form ``Eq(w(t), F)`` (in ``w(t)``, ``t``, ``lambda``, ``delta``) of the second branch
    of (16), :math:`r_{xy} < i \le r_x` (:math:`\sigma_i = 0`), against the mode ODE derived from (12):
    :math:`\dot w = -2\lambda_i w^2`, :math:`w_i(0) = e^{-2\delta_i}` (Thm. 1's initialisation).

    >>> from symdln.notation import delta, lam, t, w
    >>> E = sp.exp(-2 * delta)
    >>> judge_eq16_inactive(sp.Eq(w(t), E / (1 + 2 * E * lam * t))).verdict.name
    'HOLDS'
    """
    cand = _solve_for_w(statement, "a closed form of the inactive branch")
    if isinstance(cand, CheckResult):
        return cand
    return _inactive_truth(cand)


def judge_half_rise_time(T: sp.Basic) -> CheckResult:
    r"""Judge an expression ``T`` in ``delta``, ``sigma``, ``lambda`` as the time of the transition of the
    mode (16) (:math:`w_i(0) = e^{-2\delta_i}`): its exact half-rise time, :math:`w(T) = \sigma/(2\lambda)`
    for the mode ODE derived from (12), solved by dsolve (unique: w increases while w < sigma/lambda).

    The details give :math:`\lim_{\delta\to\infty} T - t_{1/2}` at the counterexample (the printed (17)
    is not even within O(1) of the transition).

    >>> from symdln.notation import delta, lam, sigma
    >>> T = delta / sigma + sp.log(sigma / lam - sp.exp(-2 * delta)) / (2 * sigma)
    >>> judge_half_rise_time(T).verdict.name
    'HOLDS'
    """
    from symdln import notation as nt
    from symdln.correction import FormulaError

    if not isinstance(T, sp.Expr) or T.atoms(sp.core.function.AppliedUndef):
        raise FormulaError(f"a transition time is an expression in delta, sigma, lambda, not {sp.sstr(T)}")
    extra = T.free_symbols - {nt.delta, nt.sigma, nt.lam}
    if extra:
        raise FormulaError(f"a transition time is in delta, sigma, lambda, not {min(map(str, extra))}")
    exact, logistic = _derived_mode()
    result = _judge_half_rise_value(T, exact, logistic)
    if result.verdict is not Verdict.FAILS or result.evidence.counterexample is None:
        return result
    cex = dict(result.evidence.counterexample)
    pt = {s: sp.Rational(cex[s.name]) for s in (sig, lam_) if s.name in cex}
    try:
        off = sp.limit((T - half_rise_time(sig, lam_, sp.exp(-2 * dlt))).subs(pt), dlt, sp.oo)
        cex["lim_{delta -> oo} T - t_1/2 (at this sigma, lambda)"] = str(sp.simplify(off))
    except (NotImplementedError, ValueError):  # pragma: no cover - Gruntz gave up: the detail is omitted
        pass
    from dataclasses import replace

    return CheckResult(Verdict.FAILS, replace(result.evidence, counterexample=cex))
