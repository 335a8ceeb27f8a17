r"""Checks of the proof sketch of Thm. 3 in paper 1: (24), the displayed recursion for
:math:`1/w^{(t+1)}`, the inequalities :math:`1-x \le 1/(1+x) \le 1-x+x^2`, and
"an increasing sequence smaller than one".

Fed the printed formula (the default) a failing check attaches its proved
correction; fed anything else it judges that alone.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from typing import Any

import sympy as sp

from symdln.checks.discrete import PROOF
from symdln.discrete import derive_mode_step, product_step
from symdln.verdict import CheckResult, Evidence, Verdict

__all__ = [
    "denominator_printed",
    "judge_inequalities",
    "judge_invariant",
    "judge_mode_flow",
    "needed_range",
]

R = sp.Rational


def _continuous_mode_flow() -> tuple[sp.Expr, sp.Symbol, sp.Symbol, sp.Symbol]:
    """Per-mode gradient flow of the product w = a^2, derived from the matrix step."""
    r = derive_mode_step(Q_orthogonal=True)
    a, lam, sig, eta = r["a"][0], r["lambda"][0], r["sigma"][0], r["eta"]
    adot = sp.cancel((r["R1"][0, 0] - a) / eta)  # (W' - W)/eta = -grad f: the flow (12)
    w = sp.Symbol("w", positive=True)
    wdot = sp.expand((2 * a * adot).subs(a, sp.sqrt(w)))
    return wdot, w, sig, lam


def judge_mode_flow(statement: sp.Basic) -> CheckResult:
    r"""Judge a closed form of the continuous per-mode dynamics of the product :math:`w_i = a_i^2`:
    a SymPy ``Eq`` in ``w(t)``, ``t``, ``w_0``, sigma, lambda (and eta), e.g. (24)
    :math:`w(t)^{-1} - \sigma/\lambda = (w_0^{-1} - \sigma/\lambda)e^{-2\eta\sigma t}`.

    The truth is the flow derived from the matrix dynamics, :math:`\dot w = 2w(\sigma - \lambda w)`
    (:func:`_continuous_mode_flow`): the statement is solved for w(t) (it must determine it
    uniquely), and holds iff that solution starts at :math:`w_0` and solves the flow (SymPy;
    general).  ``FAILS`` at a rational point where the initial value differs or the ODE residual
    is certified nonzero by Arb.

    >>> from symdln.notation import lam, sigma, t, w, w0
    >>> ok = sp.Eq(1 / w(t) - lam / sigma, (1 / w0 - lam / sigma) * sp.exp(-2 * sigma * t))
    >>> judge_mode_flow(ok).verdict.name
    'HOLDS'
    """
    from symdln import notation as nt
    from symdln.certify.balls import certified_sign
    from symdln.correction import FormulaError

    if not isinstance(statement, sp.Eq) or not statement.has(nt.w(nt.t)):
        raise FormulaError(f"a closed form is Eq(..., ...) in w(t), not {sp.sstr(statement)}")
    wdot, wsym, sig, lam = _continuous_mode_flow()
    f = wdot.xreplace({sig: nt.sigma, lam: nt.lam})  # the flow dw/dt = f(w)
    W = sp.Symbol("W", positive=True)
    sols = sp.solve((statement.lhs - statement.rhs).subs(nt.w(nt.t), W), W)
    if len(sols) != 1:
        return CheckResult(Verdict.INCONCLUSIVE, Evidence(
            "SymPy solve", notes=f"the statement gives {len(sols)} values of w(t), not one"))
    sol = sols[0]
    init = sp.simplify(sol.subs(nt.t, 0) - nt.w0)
    ode = sp.simplify(sp.diff(sol, nt.t) - f.subs(wsym, sol))
    method = ("SymPy: the statement solved for w(t); initial value and the per-mode flow "
              "dw/dt = 2w(sigma - lambda w) derived from the matrix step, by substitution")
    details = {"w(t) from the statement": str(sol), "derived flow": f"dw/dt = {sp.factor(f.subs(wsym, W))}"}
    if init == 0 and ode == 0:
        return CheckResult(Verdict.HOLDS, Evidence(method, precision="exact", residual="0", details=details,
                                                   scope="general", proof=PROOF))
    syms = (nt.t, nt.w0, nt.sigma, nt.lam, nt.eta)
    for point in itertools.product((R(1), R(1, 2), R(2)), (R(1, 4), R(1, 2)), (R(1), R(2)), (R(1), R(2)),
                                   (R(1, 2), R(1))):
        sub = dict(zip(syms, point, strict=True))
        for name, res in (("w(0) - w_0", init.subs(nt.t, 0)), ("dw/dt - f(w)", ode)):
            val = res.xreplace(sub)
            if val.has(sp.zoo, sp.nan, sp.oo, -sp.oo):
                sign: int | str | None = "undefined (the statement gives no finite w here)"
            else:
                try:
                    sign = certified_sign(val) if val != 0 else None
                except TypeError:  # not enclosable: undecided here
                    sign = None
            if sign is not None:
                return CheckResult(Verdict.FAILS, Evidence(
                    method + "; Arb enclosure of the residual excludes 0", precision="exact / arb",
                    counterexample={**{str(k): v for k, v in sub.items()}, "residual": name,
                                    "sign": sign}, details=details))
    return CheckResult(Verdict.INCONCLUSIVE, Evidence(
        method, notes="residual not simplified to 0 and not certified nonzero at the test points",
        details=details))


def denominator_printed(w: Any, sigma: Any, lam: Any, eta: Any) -> Any:
    r"""The printed denominator :math:`1 + 2(\sigma-\lambda w) + \eta^2(\sigma-\lambda w)^2`."""
    e = sigma - lam * w
    return 1 + 2 * e + eta**2 * e**2


#: the variable of the inequalities of the proof sketch (real; 1/(1 + x) needs x > -1)
X = sp.Symbol("x", real=True)


def needed_range() -> tuple[sp.Expr, sp.Expr]:
    r"""The x the proof sketch applies the inequalities to, derived: :math:`x = 2\eta e + \eta^2e^2`
    with :math:`e = \sigma - \lambda w \in (0, \sigma]` and :math:`s = \eta\sigma < 1/2`, so
    :math:`x \in (0, \sup_{0<s<1/2}(2s + s^2))`.

    >>> needed_range()
    (0, 5/4)
    """
    s = sp.Symbol("s", positive=True)
    top = 2 * s + s**2
    assert sp.diff(top, s).subs(s, 0) > 0 and sp.solve(sp.diff(top, s), s) == []  # increasing on s > 0
    return sp.Integer(0), top.subs(s, sp.Rational(1, 2))


def judge_inequalities(statement: sp.Basic) -> CheckResult:
    r"""Judge a statement "for x in a range H: P(x)" about :math:`1/(1 + x)` in the real ``x``:
    ``Implies(H, P)``, or ``Equivalent(H, P)`` (P holds exactly on H), on :math:`x > -1`.

    Three z3 questions: H covers the x the proof needs (:func:`needed_range`; an empty or too
    narrow range asserts nothing where it is used: ``FAILS`` with an x it misses); P holds on H;
    for an "iff", P fails off H.  A refutation is a validated rational counter-model.

    >>> rhs = sp.And(1 - X <= 1 / (1 + X), 1 / (1 + X) <= 1 - X + X**2)
    >>> judge_inequalities(sp.Equivalent(X >= 0, rhs)).verdict.name
    'HOLDS'
    """
    from symdln.certify.smt import Translation
    from symdln.correction import FormulaError

    if isinstance(statement, (sp.Implies, sp.Equivalent)) and len(statement.args) == 2:
        H, P = statement.args
        if isinstance(statement, sp.Equivalent) and P.has(1 / (1 + X)) is False:
            H, P = P, H
    else:
        H, P = sp.true, statement
    if statement.free_symbols - {X}:
        raise FormulaError(f"the inequalities are in x alone: {sp.sstr(statement)}")
    lo, hi = needed_range()
    dom = X > -1
    questions = {"the range covers the x the proof needs": (sp.And(dom, X > lo, X < hi), H),
                 "the inequalities hold on the range": (sp.And(dom, H), P)}
    if isinstance(statement, sp.Equivalent):
        questions["they fail off the range (iff)"] = (sp.And(dom, sp.Not(H)), sp.Not(P))
    details: dict[str, Any] = {"x the proof needs": f"{lo} < x < {hi}"}
    for name, (hyp, goal) in questions.items():
        r = Translation().prove(hyp, goal)
        details[f"z3: {name}"] = r.status
        if r.status == "refuted":
            return CheckResult(Verdict.FAILS, Evidence(
                "z3 counter-model, validated in exact arithmetic", precision="exact", details=details,
                counterexample={"question": name, **{k: str(v) for k, v in (r.model or {}).items()}}))
        if r.status != "proved":
            return CheckResult(Verdict.INCONCLUSIVE, Evidence("z3", notes=f"{name}: {r.reason}",
                                                              details=details))
    return CheckResult(Verdict.HOLDS, Evidence(
        "z3 proofs (the denominator 1 + x > 0 cleared by z3)", precision="exact", details=details,
        scope="general", proof=PROOF))


def _rational(x: Any) -> sp.Rational:
    """A python-flint rational as a SymPy one."""
    return sp.Rational(int(x.p), int(x.q))


_SIGN_TEST: dict[type, Callable[[int], bool]] = {
    sp.Lt: lambda v: v < 0, sp.Le: lambda v: v <= 0, sp.Gt: lambda v: v > 0, sp.Ge: lambda v: v >= 0,
    sp.Eq: lambda v: v == 0, sp.Ne: lambda v: v != 0}


def judge_invariant(statement: sp.Basic) -> CheckResult:
    r"""Judge a statement true of every step of the Thm. 3 recursion: relations in ``w_t``
    (:math:`w^{(t)}`) and ``w_next`` (:math:`w^{(t+1)}`), e.g. "increasing and smaller than one"
    ``And(w_next > w_t, w_t < 1)``, possibly under a condition on the parameters
    (``Implies(H, ...)``), on the printed domain :math:`0 < w_0 < 1`, :math:`0 < 2\eta\sigma < 1`.

    ``FAILS`` on exact rational iterates of the derived recursion (grid of the domain, t <= 6);
    ``HOLDS`` (general) by induction when z3 proves, for the relations of the formula under test
    (I the set where its ``w_t``-only relations hold): the base case (w_0 in I), invariance
    (w in I implies f(w) in I) and every step relation on I; otherwise ``INCONCLUSIVE``.

    >>> from symdln.notation import lam, sigma, w0, w_next, w_t
    >>> judge_invariant(sp.Implies(lam * w0 < sigma, sp.And(w_next > w_t, w_t < sigma / lam))).verdict.name
    'HOLDS'
    """
    import flint

    from symdln import notation as nt
    from symdln.certify.exact import NotRational, rational_function
    from symdln.checks import thm3_bounds as tb
    from symdln.correction import FormulaError

    st = tb._internal(statement)
    H, body = (st.args if isinstance(st, sp.Implies) else (sp.true, st))
    rels = list(body.args) if isinstance(body, sp.And) else [body]
    if not rels or not all(isinstance(r, sp.core.relational.Relational) for r in rels) \
            or {nt.w_t, nt.w_next, tb.T} & H.free_symbols \
            or not any({nt.w_t, nt.w_next} & r.free_symbols for r in rels):
        raise FormulaError("a step statement is And(relations in w_t, w_next), optionally "
                           f"Implies(condition on the parameters, ...); got {sp.sstr(statement)}")
    sig, lam, eta, w0 = tb.SIG, tb.LAM, tb.ETA, tb.W0
    method = ("exact rational iterates of the derived product recursion (t <= 6) on the grid of the printed "
              "domain; induction: z3 proves the base case, the invariance of the w_t-relations under the "
              "step and the step relations, for the formula under test")
    truth = tb.truth_function(H)
    pts = [dict(p) for p in tb._grid() if truth(p)]
    diffs = [r.lhs - r.rhs for r in rels]
    details: dict[str, Any] = {"grid points where the condition holds": len(pts)}
    if not pts:
        return CheckResult(Verdict.INCONCLUSIVE, Evidence(method, notes="the condition selects no point",
                                                          details=details))
    # exact iterates in python-flint rationals; lhs - rhs of each relation compiled to an exact
    # rational function of them where it is one, evaluated by SymPy otherwise
    order = (tb.W0, sig, lam, eta, nt.w_t, nt.w_next)
    fast = [rational_function(d, order, fmpq=True) for d in diffs]
    for t in range(7):
        for p in pts:
            q = p.setdefault("_q", tuple(flint.fmpq(int(p[k].p), int(p[k].q))
                                         for k in ("w0", "sigma", "lambda", "eta")))
            w = p.setdefault("_w", q[0])
            nxt = product_step(w, *q[1:])
            for r, d, f in zip(rels, diffs, fast, strict=True):
                try:
                    x = f(*q, w, nxt)
                    sign: int | None = (x > 0) - (x < 0)
                except ZeroDivisionError:  # undefined here (SymPy: zoo or nan), not a violation
                    sign = None
                except NotRational:  # exact: the relation is decided by the sign of lhs - rhs
                    v = d.xreplace({**tb._key(p), nt.w_t: _rational(w), nt.w_next: _rational(nxt)})
                    sign = (v.p > 0) - (v.p < 0) if v.is_Rational else None
                if sign is not None and not _SIGN_TEST[type(r)](sign):
                    return CheckResult(Verdict.FAILS, Evidence(
                        method, precision="exact", details=details,
                        counterexample={"t": t, **{k: v for k, v in p.items() if k not in ("_w", "_q")},
                                        "w_t": _rational(w), "w_t+1": _rational(nxt),
                                        "violated": sp.sstr(r)}))
            p["_w"] = nxt
    wv = sp.Symbol("w", positive=True)
    hyp = sp.And(tb._POSITIVE, tb.PRINTED_DOMAIN["sigma > 0"], H)
    f = product_step(wv, sig, lam, eta)
    inv = sp.And(*[r for r in rels if nt.w_next not in r.free_symbols]).xreplace({nt.w_t: wv})
    steps = sp.And(*[r for r in rels if nt.w_next in r.free_symbols]).xreplace({nt.w_t: wv, nt.w_next: f})
    questions = {"base case": (hyp, inv.xreplace({wv: w0})),
                 "invariance under the step": (sp.And(hyp, inv), inv.xreplace({wv: f})),
                 "step relations on the invariant": (sp.And(hyp, inv), steps)}
    proved = True
    for name, (h, g) in questions.items():
        r = tb._smt(h, g)
        details[f"z3: {name}"] = r.status
        proved = proved and r.status == "proved"
    if not proved:
        return CheckResult(Verdict.INCONCLUSIVE, Evidence(
            method, notes="no violation found; the induction is not proved (see details)", details=details))
    return CheckResult(Verdict.HOLDS, Evidence(method, precision="exact", details=details, scope="general",
                                               proof=PROOF))
