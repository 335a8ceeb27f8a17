r"""Checks of paper 2's singular-value dynamics (finite N, unnormalised, N = infinity) and of the
mapping to paper 1's two-layer per-mode dynamics (16), (22).

Exact at the rational balanced points of :mod:`symdln.checks.geometry`; for every d and N where the rate
under test is a SymPy ``Lambda`` (the diagonal eigenvalue summed for symbolic N, with the lemmas of the
induced flow and :func:`sv_derivative_lemma` in matrix expressions of symbolic size); a Python function,
which can branch on its arguments, is refuted only by its value where it is called and holds on the
instances only.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

import sympy as sp

from symdln import geometry as g
from symdln.certify.balls import certified_sign, enclose
from symdln.checks._cases import IllFormedFormula, call_formula, rejects_inexact
from symdln.checks._identity import symbolic_matrix
from symdln.checks.geometry import (
    CASES_FLOW,
    _fails,
    _induced,
    _induced_at,
    closed_equal,
    exact_point,
    general_lemmas,
    gradient_flow,
    inexact_result,
)
from symdln.checks.spectrum import (
    _call_symbolic,
    _depths_to_try,
    _evaluated,
    called_points,
    judge_python_points,
    proof_for_every_value,
    python_function_note,
)
from symdln.notation import delta as _delta
from symdln.notation import eta as _eta
from symdln.notation import lam as _lam
from symdln.notation import t as _t
from symdln.notation import w as _w
from symdln.verdict import CheckResult, Evidence, Verdict, corrected

R = sp.Rational
#: rational singular values (above and below 1) where a residual in sigma is evaluated for a witness
SIGMA_POINTS = (R(2), R(1, 3), R(7, 5), R(5))

__all__ = [
    "check_paper1_mapping",
    "check_paper1_rate",
    "check_sv_finite",
    "check_sv_infinity",
    "check_sv_unnormalised",
    "judge_paper1_mapping",
    "sv_derivative_lemma",
]


WHY_NOT_GENERAL = python_function_note(
    "N", "and every d, _sv_general: the diagonal eigenvalue (1/N) sum_j s^{2(N-j)} s^{2(j-1)} = "
    "sigma^{2-2/N}, s = sigma^{1/N}, times N unnormalised, by SymPy summation for symbolic N; A_{N,W} acts "
    "entry by entry in the basis U E_il V^T for every d, symdln.checks.geometry.general_lemmas; "
    "sigma_i' = u_i^T W' v_i for every d, sv_derivative_lemma")


@lru_cache(maxsize=1)
def sv_derivative_lemma() -> dict[str, bool]:
    r"""For every size d, in SymPy matrix-expression algebra (MatrixSymbols of symbolic size d): the
    derivative of a simple singular value along a curve W(t) is :math:`\dot\sigma = u^\top\dot Wv`.

    With :math:`Wv = \sigma u`, :math:`W^\top u = \sigma v`, :math:`|u| = |v| = 1`, so
    :math:`\sigma = u^\top Wv`:

    * ``unit``: :math:`\frac{d}{dt}|u|^2 = \dot u^\top u + (\dot u^\top u)^\top`, a 1 x 1 matrix plus its
      transpose, so :math:`\dot u^\top u = 0` (and :math:`v^\top\dot v = 0`);
    * ``product rule``: :math:`\frac{d}{dt}(u^\top Wv) = \dot u^\top Wv + u^\top\dot Wv + u^\top W\dot v`
      (SymPy differentiates :math:`(u + t\dot u)^\top(W + t\dot W)(v + t\dot v)` at t = 0);
    * ``derivative``: with :math:`Wv = \sigma u`, :math:`u^\top W = \sigma v^\top` and ``unit``, it is
      :math:`u^\top\dot Wv`.

    Then :math:`\partial E/\partial\sigma_i = \langle E'(W), u_iv_i^\top\rangle` (chain rule along
    :math:`W = U\Sigma V^\top`, U, V fixed).

    >>> all(sv_derivative_lemma().values())
    True
    """
    d = sp.Symbol("d", integer=True, positive=True)
    t, sig = sp.Symbol("t", real=True), sp.Symbol("sigma", positive=True)
    W, Wd = sp.MatrixSymbol("W", d, d), sp.MatrixSymbol("Wdot", d, d)
    u, v, du, dv = (sp.MatrixSymbol(n, d, 1) for n in ("u", "v", "udot", "vdot"))
    zero = sp.ZeroMatrix(1, 1)
    out: dict[str, bool] = {}
    unit = sp.expand(((u + t * du).T * (u + t * du)).diff(t).subs(t, 0))
    out["unit"] = unit == du.T * u + (du.T * u).T
    rule = sp.expand(((u + t * du).T * (W + t * Wd) * (v + t * dv)).diff(t).subs(t, 0))
    out["product rule"] = rule == du.T * W * v + u.T * Wd * v + u.T * W * dv
    rest = rule.subs(W * v, sig * u).subs(u.T * W, sig * v.T).subs({du.T * u: zero, v.T * dv: zero})
    out["derivative"] = sp.simplify(rest - u.T * Wd * v) == zero
    return out


def _sv_exact(rate: Callable[[sp.Expr, int], sp.Expr], unnormalised: bool) -> CheckResult | None:
    """u_i^T A(G) v_i = rate(sigma_i, N) u_i^T G v_i for symbolic G at the exact points, A the notes'
    A_{N,W} (normalised) or minus the flow induced by the factors' gradient flow (unnormalised: derived,
    not N A_{N,W}); the coefficient of each G_kl compared exactly (Arb where irrational), FAILS only
    when certified."""
    for d, N in CASES_FLOW:
        if unnormalised:
            pt, G, induced = _induced_at(d, N)
            AG = -induced
        else:
            pt, G = exact_point(d, N), symbolic_matrix("G", d, d)
            AG = g.metric_operator(pt["P"], pt["Q"], G, N)
        U, V, sig = pt["U"], pt["V"], pt["sigma"]
        for i in range(d):
            lhs = sp.expand((U[:, i].T * AG * V[:, i])[0])
            rhs = sp.expand(rate(sig[i], N) * (U[:, i].T * G * V[:, i])[0])
            decided = [closed_equal(rhs.coeff(e), lhs.coeff(e)) for e in G]
            if None in decided and False not in decided:
                return CheckResult(Verdict.INCONCLUSIVE, Evidence(
                    method="exact rational arithmetic, symbolic E'(W)",
                    parameters={"d": d, "N": N, "i": i + 1},
                    notes=f"rate({sig[i]}, {N}) = {rate(sig[i], N)}: the comparison is undecided"))
            if False in decided:
                return _fails(
                    "exact rational arithmetic, symbolic E'(W)",
                    {
                        "d": d,
                        "N": N,
                        "sigma": sig,
                        "i": i + 1,
                        "u_i^T A(G) v_i": str(lhs),
                        "claimed rate x u_i^T G v_i": str(rhs),
                    },
                )
    return None


def _sv_derivative_identity() -> bool:
    """d sigma_i^2 / dt = 2 sigma_i u_i^T Wdot v_i by exact implicit differentiation (d = 2)."""
    pt = exact_point(2, 2)
    W, U, V, sig = pt["W"], pt["U"], pt["V"], pt["sigma"]
    D = sp.Matrix([[1, 2], [-3, 5]])
    t, mu = sp.symbols("t mu")
    Wt = W + t * D
    p = (Wt.T * Wt - mu * sp.eye(2)).det()
    for i in range(2):
        at = {t: 0, mu: sig[i] ** 2}
        dmu = -sp.diff(p, t).subs(at) / sp.diff(p, mu).subs(at)
        if dmu != 2 * sig[i] * (U[:, i].T * D * V[:, i])[0]:
            return False
    return True


def _sv_truth(s: Any, N: Any, unnormalised: bool) -> sp.Expr:
    """The factor of the singular-value rate at sigma = s^N, derived from the end-to-end flow.

    Symbolic N: the (i, i) entry of the j-th term of the induced flow in the basis U E_il V^T is
    s^{2(N-j)} s^{2(j-1)} (general_lemmas: ``induced term`` with D = Sigma^{1/N}, and ``entries``); summed
    over j = 1..N by SymPy summation, divided by N for the normalised A_{N,W}.  Integer N: computed at
    W = s^N (d = 1), minus the flow induced by the factors' gradient flow W_j = s (unnormalised), or the
    notes' operator A_{N,W} on E = 1 with P = Q = s^2 (normalised)."""
    if isinstance(N, sp.Symbol):
        j = sp.Symbol("j", integer=True)
        total = sp.summation(s ** (2 * (N - j)) * s ** (2 * (j - 1)), (j, 1, N))
        return total if unnormalised else total / N
    one = sp.Matrix([[1]])
    if unnormalised:
        Ws = [sp.Matrix([[s]])] * N
        return sp.expand(-_induced(Ws, gradient_flow(Ws, one))[0, 0])
    return sp.expand(g.metric_operator(sp.Matrix([[s**2]]), sp.Matrix([[s**2]]), one, N)[0, 0])


def _sv_general(rate: Callable[[sp.Expr, int], sp.Expr], unnormalised: bool) -> CheckResult | None:
    """The rate for every d and N, when it accepts a symbolic N (None when it does not, or when a lemma
    fails): rate(s^N, N) minus :func:`_sv_truth` for symbolic N and s = sigma^{1/N} > 0; HOLDS (scope
    general) when it simplifies to 0, else FAILS at a certified witness (the rate called at an integer N
    against the flow computed there, exact), else INCONCLUSIVE.  The HOLDS proves the rate for every N
    only when it is a SymPy ``Lambda`` (the callers keep it for those only: a Python function can branch
    on N)."""
    sv, Nn = sp.Symbol("s", positive=True), sp.Symbol("N", positive=True, integer=True)
    claimed = _call_symbolic(lambda a, N: rate(a**N, N), (sv, Nn))
    lemmas = {**general_lemmas(), **sv_derivative_lemma()}
    if claimed is None or not all(lemmas.values()):
        return None
    res = sp.simplify(sp.powsimp(claimed.doit() - _sv_truth(sv, Nn, unnormalised), force=True))
    flow = "minus the flow induced by the factors' gradient flow" if unnormalised else "A_{N,W}"
    method = (f"SymPy, every d and N: u_i^T ({flow})(G) v_i = rate x u_i^T G v_i, the rate being the "
              "diagonal eigenvalue sum_j s^{2(N-j)} s^{2(j-1)}" + ("" if unnormalised else " / N")
              + " (s = sigma_i^{1/N}, SymPy summation, N symbolic; the induced flow and its action entry by "
              "entry in the basis U E_il V^T for every d: general_lemmas); sigma_i' = u_i^T W' v_i for every "
              "d (sv_derivative_lemma); the rate for symbolic N minus it simplifies to 0")
    if res == 0:
        return CheckResult(Verdict.HOLDS, Evidence(
            method=method, precision="exact", residual="0", details={"lemmas (every d)": lemmas},
            notes="distinct singular values; dE/dsigma_i = <E'(W), u_i v_i^T> by the chain rule",
            scope="general"))
    seen: dict[str, str] = {}
    try:
        for N in _depths_to_try([res], Nn):
            for s0 in SIGMA_POINTS:
                c = call_formula(rate, [s0**N, N], where={"N": N, "sigma": s0**N}, scalar=True, inexact=seen)
                if seen:
                    return inexact_result(method, seen, {"N": N})
                true = _sv_truth(s0, N, unnormalised)
                if closed_equal(c, true) is False:
                    return _fails("the symbolic-N residual is not 0; the rate at an integer N against the "
                                  "flow computed there (d = 1, W = sigma), exact rational arithmetic",
                                  {"N": N, "sigma": s0**N, "claimed": str(c), "computed": str(true),
                                   "symbolic residual (sigma = s^N)": str(res)})
    except IllFormedFormula as err:
        return err.result(method)
    return CheckResult(Verdict.INCONCLUSIVE, Evidence(
        method=method, precision="exact",
        notes=f"the symbolic-N residual (sigma = s^N) did not simplify to 0: {res}; no certified witness at "
        f"N = {_depths_to_try([res], Nn)}"))


def check_sv_finite(rate: Callable[[sp.Expr, int], sp.Expr] = g.SV_RATE) -> CheckResult:
    r"""Judge :math:`\dot\sigma_i = -\sigma_i^{2-2/N}\partial E/\partial\sigma_i` (normalised flow): exactly
    at the balanced points, then for every d and N when the rate is a SymPy ``Lambda`` of (sigma, N)
    (:func:`_sv_general`); a Python function is refuted the same way at a certified integer witness but
    holds on the instances only (it can branch on N)."""
    return _sv_finite(_evaluated(rate), isinstance(rate, sp.Lambda))


@rejects_inexact("rate")
def _sv_finite(rate: Callable[[sp.Expr, int], sp.Expr], lambda_form: bool) -> CheckResult:
    bad = _sv_exact(rate, unnormalised=False)
    if bad is not None:
        return bad
    ok = _sv_derivative_identity()
    instances = ("exact: u_i^T A_{N,W}(G) v_i = rate x u_i^T G v_i for symbolic G at rational points; "
                 "sigma_i' = u_i^T W' v_i by exact implicit differentiation of det(W^T W - mu I) (d = 2)")
    general = proof_for_every_value(_sv_general(rate, unnormalised=False), lambda_form)
    if general is not None and general.verdict is not Verdict.HOLDS:
        return general
    if general is not None and ok:
        return CheckResult(Verdict.HOLDS, replace(
            general.evidence, method=f"{general.evidence.method}; cross-check on instances: {instances}",
            parameters={"(d, N)": CASES_FLOW}))
    return CheckResult(
        Verdict.HOLDS if ok else Verdict.INCONCLUSIVE,
        Evidence(
            method=instances,
            precision="exact",
            residual="0",
            parameters={"(d, N)": CASES_FLOW},
            notes="distinct singular values; dE/dsigma_i = <E'(W), u_i v_i^T> by the chain rule; "
            + WHY_NOT_GENERAL,
            scope="instances",
        ),
    )


def check_sv_unnormalised(rate: Callable[[sp.Expr, int], sp.Expr] = g.SV_RATE_UNNORMALISED) -> CheckResult:
    r"""Judge the unnormalised rate.

    :math:`\dot\sigma_r = -N\sigma_r^{2-2/N}\langle\nabla\ell, u_rv_r^\top\rangle`, against the flow
    induced by the factors' gradient flow: exactly at the balanced points, then for every d and N when the
    rate is a SymPy ``Lambda`` of (sigma, N) (:func:`_sv_general`); a Python function is refuted the same
    way at a certified integer witness but holds on the instances only (it can branch on N).
    """
    return _sv_unnormalised(_evaluated(rate), isinstance(rate, sp.Lambda))


@rejects_inexact("rate")
def _sv_unnormalised(rate: Callable[[sp.Expr, int], sp.Expr], lambda_form: bool) -> CheckResult:
    bad = _sv_exact(rate, unnormalised=True)
    if bad is not None:
        return bad
    instances = ("exact: u_i^T A_u(G) v_i = rate x u_i^T G v_i at rational points, symbolic G, A_u(G) "
                 "minus the end-to-end flow induced by the factors' gradient flow")
    general = proof_for_every_value(_sv_general(rate, unnormalised=True), lambda_form)
    if general is not None and general.verdict is not Verdict.HOLDS:
        return general
    if general is not None:
        return CheckResult(Verdict.HOLDS, replace(
            general.evidence, method=f"{general.evidence.method}; cross-check on instances: {instances}",
            parameters={"(d, N)": CASES_FLOW}))
    return CheckResult(
        Verdict.HOLDS,
        Evidence(
            method=instances,
            precision="exact",
            residual="0",
            parameters={"(d, N)": CASES_FLOW},
            notes=WHY_NOT_GENERAL,
            scope="instances",
        ),
    )


def check_sv_infinity(rate: Callable[[sp.Expr], sp.Expr] = g.SV_RATE_INFINITY) -> CheckResult:
    r"""Judge :math:`\dot\sigma_i = -\sigma_i^2\,\partial E/\partial\sigma_i` at depth infinity: the rate
    against the diagonal eigenvalue of :math:`A_\infty`, :math:`\int_0^1(\sigma^2)^{1-s}(\sigma^2)^s ds`
    (symbolic sigma > 0; a residual that does not simplify is FAILS only at a certified point).  Scope
    general for a SymPy ``Lambda``; a Python function (it can branch on sigma) is called at
    :data:`SIGMA_POINTS` as well and holds there only."""
    return _sv_infinity(_evaluated(rate), isinstance(rate, sp.Lambda))


@rejects_inexact("rate")
def _sv_infinity(rate: Callable[[sp.Expr], sp.Expr], lambda_form: bool) -> CheckResult:
    sg, s = sp.symbols("sigma s", positive=True)
    true = sp.integrate((sg**2) ** (1 - s) * (sg**2) ** s, (s, 0, 1))
    if not lambda_form:  # a Python function: refuted only where it is called (it can branch on sigma)
        method = "exact integral int_0^1 (sigma^2)^{1-s}(sigma^2)^s ds"
        return judge_python_points(
            [("true - claimed", f"sigma = {v}", rate(v), true.subs(sg, v)) for v in SIGMA_POINTS], method,
            open_symbolic="" if sp.simplify(true - rate(sg)) == 0 else "true - claimed",
            how=f"{method}, symbolic sigma > 0", flat=True)
    decision = decide_residual(true - rate(sg), [{sg: v} for v in SIGMA_POINTS])
    if decision.state == "nonzero":  # a Lambda: its value at a point is its symbolic value substituted
        return _fails("exact integral int_0^1 (sigma^2)^{1-s}(sigma^2)^s ds; value at a rational sigma, "
                      "exact or Arb-certified", {"true - claimed": decision.expr, **(decision.witness or {})})
    return CheckResult(
        Verdict.HOLDS if decision.state == "zero" else Verdict.INCONCLUSIVE,
        Evidence(
            method="exact: the diagonal eigenvalue of A_infinity is int_0^1 sigma^2 ds = sigma^2",
            precision="exact",
            residual="0" if decision.state == "zero" else None,
            notes=None if decision.state == "zero" else f"the residual {decision.expr} did not simplify to 0 "
            f"and vanishes (or is undecided) at sigma = {SIGMA_POINTS}",
            scope="general",
        ),
    )


def w16(s: sp.Expr, lam: sp.Expr, delta: sp.Expr, t: sp.Expr) -> sp.Expr:
    r"""Paper 1, (16), first branch.

    :math:`\sigma e^{2\sigma t-2\delta}/(\lambda(e^{2\sigma t-2\delta}-e^{-2\delta})+\sigma)`.
    """
    E = sp.exp(2 * s * t - 2 * delta)
    return s * E / (lam * (E - sp.exp(-2 * delta)) + s)


def w16_zero(lam: sp.Expr, delta: sp.Expr, t: sp.Expr) -> sp.Expr:
    r"""Paper 1, (16), second branch as printed: :math:`e^{-2\delta}/(1+2e^{-\delta}\lambda t)`."""
    return sp.exp(-2 * delta) / (1 + 2 * sp.exp(-delta) * lam * t)


def w16_zero_corrected(lam: sp.Expr, delta: sp.Expr, t: sp.Expr) -> sp.Expr:
    r"""Corrected second branch of (16): :math:`e^{-2\delta}/(1+2e^{-2\delta}\lambda t)`."""
    return sp.exp(-2 * delta) / (1 + 2 * sp.exp(-2 * delta) * lam * t)


def step22(x: sp.Expr, s: sp.Expr, lam: sp.Expr, eta: sp.Expr) -> sp.Expr:
    r"""Paper 1, (22): :math:`w + \eta w(\sigma - \lambda w w)`."""
    return x + eta * x * (s - lam * x * x)


_s16, _l16, _d16, _t16, _e16, _x16 = sp.symbols("sigma lambda delta t eta x", positive=True)
#: :func:`w16` as a SymPy ``Lambda`` of (sigma, lambda, delta, t) (the form judged for every argument)
W16: sp.Lambda = sp.Lambda((_s16, _l16, _d16, _t16), w16(_s16, _l16, _d16, _t16))
#: :func:`w16_zero` (as printed) as a SymPy ``Lambda`` of (lambda, delta, t)
W16_ZERO: sp.Lambda = sp.Lambda((_l16, _d16, _t16), w16_zero(_l16, _d16, _t16))
#: :func:`step22` as a SymPy ``Lambda`` of (x, sigma, lambda, eta)
STEP22: sp.Lambda = sp.Lambda((_x16, _s16, _l16, _e16), step22(_x16, _s16, _l16, _e16))


#: generic points for residuals that do not simplify to 0 (sigma != lambda, delta not 0, t not 1)
WITNESS_POINTS: tuple[dict[str, sp.Expr], ...] = (
    {"sigma": R(2), "lambda": R(1, 3), "delta": sp.log(3), "t": R(1, 2), "eta": R(1, 7), "x": R(3, 5)},
    {"sigma": R(1, 5), "lambda": R(3), "delta": sp.log(R(5, 4)), "t": R(2), "eta": R(2, 3), "x": R(5, 2)},
    {"sigma": R(7, 3), "lambda": R(5, 2), "delta": R(1, 2), "t": R(3, 10), "eta": R(1, 2), "x": R(4, 3)},
)


def witness_points(names: dict[sp.Symbol, str]) -> list[dict[sp.Symbol, sp.Expr]]:
    """:data:`WITNESS_POINTS` as substitutions for the symbols named in ``names``."""
    return [{sym: pt[n] for sym, n in names.items()} for pt in WITNESS_POINTS]


@dataclass(frozen=True)
class Decision:
    """How a residual was decided: ``zero`` (symbolically), ``nonzero`` (with a witness), ``undecided``."""

    state: str
    expr: str
    witness: dict[str, str] | None = None


def decide_residual(expr: sp.Expr, points: list[dict[sp.Symbol, sp.Expr]]) -> Decision:
    """Decide ``expr == 0`` symbolically; else look for a certified nonzero value at ``points``.

    A value at a point is nonzero if it simplifies to a nonzero rational (exact) or if Arb
    certifies its sign.  A residual that does not simplify to 0 but vanishes (or is undecided)
    at every point is ``undecided``: neither proved zero nor refuted.

    >>> a, b = sp.symbols("a b", positive=True)
    >>> decide_residual(a - b, [{a: 1, b: 1}, {a: 2, b: sp.Rational(1, 3)}]).witness["value"]
    '5/3'
    """
    e = sp.simplify(expr)
    if e == 0:
        return Decision("zero", "0")
    for pt in points:
        v = sp.simplify(e.subs(pt))
        where = ", ".join(f"{k} = {w}" for k, w in pt.items() if k in e.free_symbols)
        if v == 0:
            continue
        if v.is_Rational:
            return Decision("nonzero", str(e), {"point": where, "value": str(v), "certified": "exact"})
        try:
            sign = certified_sign(v)
        except TypeError:
            sign = None
        if sign is not None:
            ball = enclose(v, 128).str(10, radius=True)
            how = f"Arb, sign {sign:+d}"
            return Decision("nonzero", str(e), {"point": where, "value": ball, "certified": how})
    return Decision("undecided", str(e))


def _two_factor_flow(s: sp.Symbol, lam: sp.Symbol) -> tuple[Callable[[sp.Expr], sp.Expr],
                                                              Callable[[sp.Expr], sp.Expr]]:
    """The N = 2 flow of one mode, derived from the factors (not from a printed rate): E with
    dE/dw = lambda w - sigma (paper 1, (13), Assump. 1 with eps = 0), w = x_2 x_1, gradient flow
    x_1' = -dE/dx_1, x_2' = -dE/dx_2, balanced x_1 = x_2.  Returns (the rate r(w) in
    w' = r(w) (sigma - lambda w), the per-factor velocity x'(x)); r(w) = 2 w, x' = x (sigma - lambda x^2)."""
    x1, x2, w = sp.symbols("x_1 x_2 w", positive=True)
    energy = lam * (x1 * x2) ** 2 / 2 - s * x1 * x2
    v1, v2 = -sp.diff(energy, x1), -sp.diff(energy, x2)
    wdot = sp.expand(x2 * v1 + x1 * v2).subs({x1: sp.sqrt(w), x2: sp.sqrt(w)})
    rate = sp.cancel(wdot / (s - lam * w))
    return (lambda e: rate.subs(w, e)), (lambda e: v1.subs({x1: e, x2: e}))


@lru_cache(maxsize=1)
def _mode_solutions() -> tuple[sp.Expr, sp.Expr, bool]:
    r"""The solution of the N = 2 flow of one mode derived from the factors, :math:`w' = r(w)(\sigma - \lambda
    w)`, :math:`w(0) = e^{-2\delta}` (:func:`_two_factor_flow`, r(w) = 2w), for sigma > 0 and for sigma = 0,
    in the symbols (sigma, lambda, delta, t) of :func:`check_paper1_mapping`; and whether both were checked
    by substitution.  Derivation: u = 1/w solves the linear :math:`u' = -2\sigma u + 2\lambda`, so
    :math:`u = \lambda/\sigma + (e^{2\delta} - \lambda/\sigma)e^{-2\sigma t}`, and :math:`u = e^{2\delta} +
    2\lambda t` at sigma = 0; the solution is unique (the right-hand side is polynomial in w).

    >>> _mode_solutions()[2]
    True
    """
    s, lam, delta, t = sp.symbols("sigma lambda delta t", positive=True)
    w_rate, _ = _two_factor_flow(s, lam)
    pos = 1 / (lam / s + (sp.exp(2 * delta) - lam / s) * sp.exp(-2 * s * t))
    zero = 1 / (sp.exp(2 * delta) + 2 * lam * t)
    ok = all(sp.simplify(e) == 0 for e in (
        sp.diff(pos, t) - w_rate(pos) * (s - lam * pos), pos.subs(t, 0) - sp.exp(-2 * delta),
        sp.diff(zero, t) - w_rate(zero).subs(s, 0) * (0 - lam * zero), zero.subs(t, 0) - sp.exp(-2 * delta)))
    return pos, zero, ok


def _mapping_points(branch1: Callable[..., sp.Expr], branch0: Callable[..., sp.Expr],
                    step: Callable[..., sp.Expr], rate: Callable[[sp.Expr, int], sp.Expr],
                    python: Sequence[str]) -> dict[str, Decision]:
    """The residuals of :func:`check_paper1_mapping` owned by the Python functions ``python``, judged where
    they are called, at :data:`WITNESS_POINTS`: (16) against the solution of the derived flow
    (:func:`_mode_solutions`; an ODE residual only where w(0) is right), (22) against the derived Euler
    step, the rate against 2w.  Returns a ``nonzero`` Decision with its witness per residual refuted there
    (exact or Arb), an ``undecided`` one per residual left undecided."""
    s, lam, delta, t, eta, x = sp.symbols("sigma lambda delta t eta x", positive=True)
    w_rate, x_flow = _two_factor_flow(s, lam)
    pos, zero, solved = _mode_solutions()
    start = sp.exp(-2 * delta)
    comparisons: list[tuple[str, str, Any, Any]] = []
    for pt in WITNESS_POINTS:
        at = {s: pt["sigma"], lam: pt["lambda"], delta: pt["delta"], t: pt["t"], eta: pt["eta"], x: pt["x"]}
        sv, lv, dv, tv, ev, xv = at.values()
        if "rate" in python:
            comparisons.append(("rate(w, 2) minus the derived 2 w", f"w = {xv}", rate(xv, 2),
                                w_rate(xv).subs(at)))
        if "step" in python:
            comparisons.append(("(22) minus Euler step", f"x = {xv}, sigma = {sv}, lambda = {lv}, eta = {ev}",
                                step(xv, sv, lv, ev), (x + eta * x_flow(x)).subs(at)))
        for name, branch, args, truth in (("first", branch1, (sv, lv, dv), pos),
                                          ("second", branch0, (lv, dv), zero)):
            if ("branch1" if name == "first" else "branch0") not in python:
                continue
            init = branch(*args, sp.Integer(0))
            right = closed_equal(sp.sympify(init), start.subs(at))
            key = "(16) w(0) - e^{-2 delta}" if name == "first" else "(16) second branch w(0) - e^{-2 delta}"
            where = f"sigma = {sv if name == 'first' else 0}, lambda = {lv}, delta = {dv}"
            comparisons.append((key, where, init, start.subs(at)))
            where += f", t = {tv}"
            if right and solved:  # w(0) right: a value off the unique solution is off the ODE
                comparisons.append((f"(16) {name} branch ODE residual", where, branch(*args, tv),
                                    truth.subs(at)))
    found, undecided = called_points(comparisons)
    out = {k: Decision("nonzero", "called at a point", {"value": v, "certified": "exact or Arb"})
           for k, v in found.items()}
    for k in undecided:
        out.setdefault(k.split(" at ")[0], Decision("undecided", k))
    return out


def check_paper1_mapping(
    branch1: Callable[..., sp.Expr] = W16,
    branch0: Callable[..., sp.Expr] = W16_ZERO,
    step: Callable[..., sp.Expr] = STEP22,
    rate: Callable[[sp.Expr, int], sp.Expr] = g.SV_RATE_UNNORMALISED,
) -> CheckResult:
    r"""Judge consistency with paper 1 at N = 2: (16) solves the unnormalised N = 2 singular-value flow
    :math:`\dot w = -2w(\lambda w - \sigma)` (w = singular value of W = W_1W_2, E = f of paper 1), and
    (22) is the Euler step of the per-factor flow :math:`\dot x = x(\sigma - \lambda x^2)`, x = w^{1/2}.

    Both flows are derived from the two factors (:func:`_two_factor_flow`), not from a printed rate;
    ``rate`` (the unnormalised singular-value rate of paper 2) is judged against the derived 2w at N = 2.
    Scope general when all four are SymPy ``Lambda``\ s (symbolic residuals; a witness is the residual at
    a point).  A Python function can branch on its arguments: its value at symbols proves nothing and
    refutes nothing; it is judged where it is called, at :data:`WITNESS_POINTS` (:func:`_mapping_points`),
    and holds there only (scope instances, with the reason)."""
    python = tuple(k for k, f in (("branch1", branch1), ("branch0", branch0), ("step", step), ("rate", rate))
                   if not isinstance(f, sp.Lambda))
    return _paper1_mapping(_evaluated(branch1), _evaluated(branch0), _evaluated(step), _evaluated(rate),
                           python)


#: the formula under test each residual of :func:`check_paper1_mapping` is about
_OWNER = {"rate(w, 2) minus the derived 2 w": "rate", "(16) first branch ODE residual": "branch1",
          "(16) w(0) - e^{-2 delta}": "branch1", "(16) second branch ODE residual": "branch0",
          "(22) minus Euler step": "step"}


@rejects_inexact("branch1", "branch0", "step", "rate")
def _paper1_mapping(branch1: Callable[..., sp.Expr], branch0: Callable[..., sp.Expr],
                    step: Callable[..., sp.Expr], rate: Callable[[sp.Expr, int], sp.Expr],
                    python: tuple[str, ...]) -> CheckResult:
    s, lam, delta, t, eta, x = sp.symbols("sigma lambda delta t eta x", positive=True)
    w_rate, x_flow = _two_factor_flow(s, lam)
    wv = sp.Symbol("w", positive=True)
    w1 = branch1(s, lam, delta, t)
    w0 = branch0(lam, delta, t)
    residuals = {
        "rate(w, 2) minus the derived 2 w": rate(wv, 2) - w_rate(wv),
        "(16) first branch ODE residual": sp.diff(w1, t) - w_rate(w1) * (s - lam * w1),
        "(16) w(0) - e^{-2 delta}": w1.subs(t, 0) - sp.exp(-2 * delta),
        "(16) second branch ODE residual": sp.diff(w0, t) - w_rate(w0) * (0 - lam * w0),
        # (22): Euler step eta of the per-factor ODE x' = x (sigma - lambda x^2), derived from the factors
        "(22) minus Euler step": sp.expand(step(x, s, lam, eta) - (x + eta * x_flow(x))),
    }
    names = {s: "sigma", lam: "lambda", delta: "delta", t: "t", eta: "eta", x: "x", wv: "x"}
    # a Lambda: its value at a point is its symbolic residual substituted; a Python function: called there
    status = {k: decide_residual(e, witness_points(names)) for k, e in residuals.items()
              if _OWNER[k] not in python}
    called = _mapping_points(branch1, branch0, step, rate, python) if python else {}
    for k, e in residuals.items():
        if _OWNER[k] in python:
            status[k] = called.get(k) or (Decision("zero", "0") if sp.simplify(e) == 0 else Decision(
                "undecided", f"{sp.simplify(e)} at symbolic arguments (a Python function's value at symbols "
                "refutes nothing), not certified wrong where called"))
    status |= {k: d for k, d in called.items() if k not in status}
    cex = {k: v.witness for k, v in status.items() if v.state == "nonzero"}
    undecided = sorted(k for k, v in status.items() if v.state == "undecided")
    scope = "instances" if python else "general"
    why = (None if not python else f"{', '.join(python)} given as Python functions, judged where called, "
           "at WITNESS_POINTS; " + python_function_note(
               "argument", "symbolic residuals in sigma, lambda, delta, t, eta, x against the flow derived "
               "from the two factors"))
    called_how = ("; the Python functions called at WITNESS_POINTS against the derived solution, Euler step "
                  "and rate" if python else "")
    if not cex and not undecided:
        return CheckResult(
            Verdict.HOLDS,
            Evidence(
                method="SymPy: every residual simplifies to 0 symbolically" + called_how,
                precision="exact",
                residual="0",
                notes="w_i of (16) = singular value of W = W_1 W_2 in the unnormalised convention"
                + (f"; {why}" if why else ""),
                scope=scope,
            ),
        )
    if not cex:
        return CheckResult(
            Verdict.INCONCLUSIVE,
            Evidence(
                method="SymPy symbolic residuals; exact or Arb-certified evaluation at generic points",
                precision="exact",
                parameters={"points": [str(pt) for pt in WITNESS_POINTS]},
                notes="residuals not simplified to 0 and zero at every point tried (not proved either way): "
                + "; ".join(f"{k}: {status[k].expr}" for k in undecided),
            ),
        )
    printed = _fails(
        "SymPy residual not identically zero; nonzero value at a generic point, exact or Arb-certified"
        + ("; a Python function's residual: its value where called against the derived truth there" if python
           else ""),
        cex,
        notes="w of the second branch of (16) does not solve dw/dt = -2 lambda w^2"
        if "(16) second branch ODE residual" in cex
        else None,
    )
    if set(cex) != {"(16) second branch ODE residual"} or undecided:
        return printed
    wc = w16_zero_corrected(lam, delta, t)
    resc = sp.simplify(sp.diff(wc, t) + w_rate(wc) * lam * wc)
    initc = sp.simplify(wc.subs(t, 0) - sp.exp(-2 * delta))
    sq = sp.expand((x + eta * x_flow(x)) ** 2 - x**2 * (1 + eta * (s - lam * x**2)) ** 2)
    rechecked = {k: status[k].state for k in residuals if k != "(16) second branch ODE residual"}
    ok = resc == 0 and initc == 0 and sq == 0 and all(v == "zero" for v in rechecked.values())
    good = CheckResult(
        Verdict.HOLDS if ok else Verdict.INCONCLUSIVE,
        Evidence(
            method="SymPy: residuals of the corrected branch and of (16) first branch, w(0) and (22) "
            "simplify to 0 symbolically" + called_how,
            precision="exact",
            residual="0",
            notes="mapping: paper 1's w_i(t) in (15)-(16) is sigma_i(W) for W = W_1 W_2 (balanced when Q is "
            "orthogonal) under the UNNORMALISED N = 2 flow dw/dt = 2 w (sigma_i - lambda_i w), i.e. the "
            "normalised flow at time 2t; paper 1's sigma_i, lambda_i are data (Sigma_xy, D_x), not "
            "singular values of W. (22) is the Euler step of the per-factor value x = w^{1/2} = "
            "sigma_i(W)^{1/N}, not of w: the Euler step of w itself is w + 2 eta w (sigma - lambda w), and "
            "the exact balanced two-layer recursion for w = x^2 is w+ = w (1 + eta (sigma - lambda w))^2; "
            "so the w of (22) is not the w of (16) and Thm. 3 (W_1 = U diag(sqrt(w)) Q) but its square root"
            + (f"; {why}" if why else ""),
            details={
                "(Euler step of x)^2 - w (1 + eta (sigma - lambda w))^2 at w = x^2": str(sq),
                "corrected branch: ODE residual, w(0) - e^{-2 delta}": f"{resc}, {initc}",
                "re-checked residuals": rechecked,
            },
            scope=scope,
        ),
    )
    return corrected(
        printed,
        good,
        "(16) solves dw/dt = 2w(sigma_i - lambda_i w) (unnormalised N = 2 flow, w = sigma(W)) "
        "with its second branch corrected to w = e^{-2 delta}/(1 + 2 e^{-2 delta} lambda t); "
        "(22) = Euler step of x' = x(sigma - lambda x^2), x = w^{1/2}",
    )


# ---------------------------------------------------------------- judging a formula for the N = 2 mapping
#: sigma_i of paper 1, here allowed to be 0 (the second branch of (16))
sigma0 = sp.Symbol("sigma", nonnegative=True)
#: the per-factor value x = w^{1/2} of (22) at step t and t + 1
x_t = sp.Symbol("x_t", positive=True)
x_next = sp.Symbol("x_next", positive=True)
PAPER1_MAP_SYMBOLS = (_w, _t, sigma0, _lam, _delta, _eta, x_t, x_next)
#: sigma values at which a condition on sigma is evaluated (0: the second branch of (16))
_SIGMAS = (sp.Integer(0), R(1, 5), R(1), R(2), R(7, 3))


def _pieces(formula: sp.Basic) -> tuple[list[tuple[sp.Basic, sp.Expr]], list[sp.Expr]]:
    """The statements of ``formula``: (condition, F) for each ``[Implies(cond, )] Eq(w(t), F)`` and G for
    each ``Eq(x_next, G)``; FormulaError for anything else."""
    from symdln.correction import FormulaError

    wt = _w(_t)
    ws: list[tuple[sp.Basic, sp.Expr]] = []
    xs: list[sp.Expr] = []
    for part in (formula.args if isinstance(formula, sp.And) else (formula,)):
        cond: sp.Basic = sp.true
        if isinstance(part, sp.Implies):
            cond, part = part.args
        if isinstance(part, sp.Eq) and wt in (part.lhs, part.rhs):
            rhs = part.rhs if part.lhs == wt else part.lhs
            if rhs.has(_w):
                raise FormulaError("state w(t) explicitly: Eq(w(t), F), F without w")
            ws.append((cond, rhs))
        elif isinstance(part, sp.Eq) and x_next in (part.lhs, part.rhs) and cond is sp.true:
            xs.append(part.rhs if part.lhs == x_next else part.lhs)
        else:
            raise FormulaError(f"{sp.sstr(part)}: p2.sv.paper1 judges And of [Implies(condition on sigma, ] "
                               "Eq(w(t), F)[)] and Eq(x_next, G)")
    for cond, _ in ws:
        if cond.free_symbols - {sigma0}:
            raise FormulaError(f"the condition {sp.sstr(cond)} is not a condition on sigma")
    if not ws or not xs:
        raise FormulaError("p2.sv.paper1 states both (16) (Eq(w(t), F)) and (22) (Eq(x_next, G))")
    for v in _SIGMAS:
        if not any(cond.subs(sigma0, v) is sp.true for cond, _ in ws):
            raise FormulaError(f"the formula does not state w(t) at sigma = {v}")
    return ws, xs


def judge_paper1_mapping(formula: sp.Basic) -> CheckResult:
    r"""Judge a statement of paper 1's two-layer dynamics at N = 2: ``Eq(w(t), F)`` (optionally under a
    condition on sigma, e.g. ``Implies(Eq(sigma, 0), Eq(w(t), F))``) for the singular value w of
    W = W_1W_2 (paper 1, (16): w(0) = e^{-2 delta}), and ``Eq(x_next, G)`` for the Euler step (22) of the
    per-factor value x_t = w^{1/2}.

    Truth, computed without the formula: the flow of one mode derived from the two factors
    (:func:`_two_factor_flow`: gradient flow of E = lambda (x_1x_2)^2/2 - sigma x_1x_2, balanced x_1 = x_2),
    w' = 2w(sigma - lambda w) and x' = x(sigma - lambda x^2).  F is judged by its ODE residual and its
    initial value (the solution is unique): symbolically for a symbolic sigma > 0 where the condition
    holds for every sigma > 0, at sigma = 0 and at the rational sigma where it holds; G against
    x_t + eta x'(x_t).  A residual is FAILS only at an exact or Arb-certified nonzero value.

    >>> f = sp.And(Eq_w(w16_zero(_lam, _delta, _t)), Eq_x(step22(x_t, sigma0, _lam, _eta)))
    >>> judge_paper1_mapping(f).evidence.counterexample["sigma"]  # the second branch for every sigma
    'sigma > 0 (symbolic)'
    >>> f = sp.And(sp.Implies(sigma0 > 0, Eq_w(w16(sigma0, _lam, _delta, _t))),
    ...            sp.Implies(sp.Eq(sigma0, 0), Eq_w(w16_zero(_lam, _delta, _t))),
    ...            Eq_x(step22(x_t, sigma0, _lam, _eta)))
    >>> judge_paper1_mapping(f).evidence.counterexample["sigma"]
    '0'
    """
    ws, xs = _pieces(formula)
    sp_pos = sp.Symbol("sigma", positive=True)
    w_rate, x_flow = _two_factor_flow(sigma0, _lam)
    tt = sp.Symbol("t", positive=True)
    names = {sp_pos: "sigma", _lam: "lambda", _delta: "delta", tt: "t", _eta: "eta", x_t: "x"}
    method = ("ODE residual and initial value of w(t) against the N = 2 flow derived from the two factors; "
              "(22) against the Euler step of the derived per-factor flow; SymPy, exact or Arb-certified "
              "values at generic points")
    undecided: list[str] = []
    checked = []
    for cond, F in ws:
        cases: list[sp.Expr] = []
        if cond.subs(sigma0, sp_pos) is sp.true:
            cases.append(sp_pos)
        cases += [v for v in _SIGMAS if cond.subs(sigma0, v) is sp.true and not (v > 0 and sp_pos in cases)]
        for v in cases:
            Fv = F.subs(sigma0, v).subs(_t, tt)
            at0 = sp.simplify(Fv.subs(tt, 0))
            if Fv.has(sp.nan, sp.zoo) or at0.has(sp.nan, sp.zoo, sp.oo) or at0.is_finite is False:
                return _fails(method, {"statement": f"if {sp.sstr(cond)}: w(t) = {sp.sstr(F)}",
                                       "sigma": "sigma > 0 (symbolic)" if v == sp_pos else str(v),
                                       "residual": "w(0) - e^{-2 delta}", "w(t)": sp.sstr(Fv),
                                       "w(0)": sp.sstr(at0), "value": "undefined or infinite",
                                       "certified": "exact"})
            residuals = {
                "w' - 2 w (sigma - lambda w)": sp.diff(Fv, tt) - w_rate(Fv).subs(sigma0, v) * (v - _lam * Fv),
                "w(0) - e^{-2 delta}": Fv.subs(tt, 0) - sp.exp(-2 * _delta),
            }
            pts = [{k: val for k, val in pt.items() if k is not sp_pos} | ({sp_pos: pt[sp_pos]} if v == sp_pos
                   else {}) for pt in witness_points(names)]
            for what, e in residuals.items():
                dec = decide_residual(e, pts)
                if dec.state == "nonzero":
                    return _fails(method, {"statement": f"if {sp.sstr(cond)}: w(t) = {sp.sstr(F)}",
                                           "sigma": "sigma > 0 (symbolic)" if v == sp_pos else str(v),
                                           "residual": what, **(dec.witness or {})})
                if dec.state == "undecided":
                    undecided.append(f"{what} at sigma = {v}: {dec.expr}")
            checked.append(f"if {sp.sstr(cond)}: sigma = {'symbolic > 0' if v == sp_pos else v}")
    for G in xs:
        dec = decide_residual(G - (x_t + _eta * x_flow(x_t)),
                              [pt | {sigma0: pt[sp_pos]} for pt in witness_points(names)])
        if dec.state == "nonzero":
            return _fails(method, {"statement": f"x_next = {sp.sstr(G)}", "sigma": "any",
                                   "residual": "x_next - (x_t + eta x_t (sigma - lambda x_t^2))",
                                   **(dec.witness or {})})
        if dec.state == "undecided":
            undecided.append(f"(22): {dec.expr}")
    if undecided:
        return CheckResult(Verdict.INCONCLUSIVE, Evidence(
            method, details={"checked": checked},
            notes="residuals neither simplified to 0 nor nonzero at the points tried: "
            + "; ".join(undecided)))
    return CheckResult(Verdict.HOLDS, Evidence(
        method=method, precision="exact", residual="0", details={"checked": checked},
        notes="w = sigma_i(W), W = W_1 W_2 (balanced when Q is orthogonal), under the unnormalised N = 2 "
              "flow; x_t = w^{1/2} = sigma_i(W)^{1/N} is the per-factor value",
        scope="general"))


def Eq_w(F: sp.Expr) -> sp.Eq:
    """``Eq(w(t), F)``."""
    return sp.Eq(_w(_t), F)


def Eq_x(G: sp.Expr) -> sp.Eq:
    """``Eq(x_next, G)``."""
    return sp.Eq(x_next, G)


def check_paper1_rate(rate: Callable[[sp.Expr, int], sp.Expr] = g.SV_RATE_UNNORMALISED) -> CheckResult:
    """Paper 2's unnormalised singular-value rate at N = 2 against the rate 2w derived from the factors:
    symbolic w > 0 (scope general for a SymPy ``Lambda``; a Python function, which can branch on w, is
    judged only where it is called, at :data:`SIGMA_POINTS`, :func:`judge_python_points`)."""
    return _paper1_rate(_evaluated(rate), isinstance(rate, sp.Lambda))


@rejects_inexact("rate")
def _paper1_rate(rate: Callable[[sp.Expr, int], sp.Expr], lambda_form: bool) -> CheckResult:
    s, lam, wv = sp.symbols("sigma lambda w", positive=True)
    w_rate, _ = _two_factor_flow(s, lam)
    method = "SymPy: rate(w, 2) minus the rate derived from the factors"
    if not lambda_form:  # a Python function: refuted only where it is called (it can branch on w)
        return judge_python_points(
            [("rate(w, 2) - 2 w", f"w = {v}", rate(v, 2), w_rate(v)) for v in SIGMA_POINTS], method,
            open_symbolic="" if sp.simplify(rate(wv, 2) - w_rate(wv)) == 0 else "rate(w, 2) - 2 w",
            how=f"{method}, symbolic w > 0", what="w", flat=True)
    dec = decide_residual(rate(wv, 2) - w_rate(wv), [{wv: v} for v in SIGMA_POINTS])
    if dec.state == "nonzero":  # a Lambda: its value at a point is its symbolic value substituted
        return _fails("SymPy residual rate(w, 2) - 2 w", {"residual": dec.expr, **(dec.witness or {})})
    return CheckResult(Verdict.HOLDS if dec.state == "zero" else Verdict.INCONCLUSIVE, Evidence(
        method=method, precision="exact", residual="0" if dec.state == "zero" else None, scope="general"))
