r"""Checks of the rescaled-time results of paper 1, Sec. 3.2: (25) and Cor. 3 / (26).

Initialisation of Cor. 3: :math:`m_i^{(0)} = n_i^{(0)} = e^{-\delta}` (both layers), so the
product starts at :math:`w_i^{(0)} = e^{-2\delta}`.  Limits as :math:`\delta\to\infty` are
proved by explicit inequalities (:mod:`symdln.certify.rescaled`), never by extrapolation.  What a
formula under test is compared with is computed, never typed:

* a transition time T(s), :math:`s = \eta\sigma_i`: the certified limits of
  :math:`w_{\lfloor\delta\tau\rfloor}` at :math:`\tau = T(s)(1 \pm 2^{-k})` (0 below, :math:`\sigma/\lambda`
  above), and, for all s, the threshold derived from the product recursion
  (:func:`symdln.certify.rescaled.derive_threshold`);
* the step-size conditions: z3, a lemma proved here (value at 0, sign of the derivative), and
  the sharp condition :math:`\eta\sigma_{i+1} < 1/\tau^*(\eta\sigma_i)` from the same derivation,
  tested in both directions and at equality by certified limits.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from fractions import Fraction
from typing import Any, NotRequired, TypedDict

import sympy as sp

from symdln.checks.discrete_c1 import (
    c1_evidence,
    conditions_instances,
    in_window,
    log_lemma,
    log_lower_bound,
    sharp_condition_evidence,
)
from symdln.limits import rational_between as _rational_between
from symdln.limits import rescaled_limit
from symdln.limits import same_formula as _same
from symdln.verdict import CheckResult, Evidence, Verdict, corrected

__all__ = [
    "S_VALUES",
    "check_cor3_conditions",
    "check_cor3_limits",
    "check_eq25",
    "conditions_printed",
    "crossing_times",
    "derived_transition",
    "general_limits",
    "judge_transition",
    "limits_printed",
    "log_lower_bound",
    "rescaled_limit",
    "transition_printed",
]

PROOF = "proofs/discrete_cor3.py"

#: eta sigma at which a transition time is judged: small s and s near 1/2 included (all 2s < 1)
S_VALUES = (Fraction(1, 4), Fraction(1, 10), Fraction(1, 100), Fraction(1, 1000), Fraction(49, 100))
#: relative offsets 2^-k of the rescaled times tau = T(s)(1 +- 2^-k)
K_VALUES = tuple(range(1, 41))


def transition_printed(s: Any) -> Any:
    r"""(25) as printed, in units of :math:`\delta`: :math:`T_i = 1/(\eta\sigma_i)`, as a function of s."""
    return 1 / s


def _derived() -> dict[str, Any]:
    from symdln.certify.rescaled import derive_threshold

    return derive_threshold()


def derived_transition(s: Any) -> Any:
    r"""The transition time derived from the product recursion
    (:func:`symdln.certify.rescaled.derive_threshold`), at s; ``None`` if the derivation failed."""
    d = _derived()
    return d["tau*"].subs(d["s"], s) if d["ok"] else None


def crossing_times(s: Fraction, deltas: tuple[int, ...] = (25, 50, 100, 200),
                   c: Fraction = Fraction(1)) -> list[dict[str, Any]]:
    r"""Certified first step t with :math:`w_t \ge \sigma/(2\lambda)` (i.e. :math:`u_t \le c`) for
    :math:`w_0 = e^{-2\delta}`, by float64 endpoint iteration (:mod:`symdln.certify.monotone`),
    against :math:`\delta/\log(1+s)` and :math:`\delta/s`."""
    import flint
    import numpy as np

    from symdln.certify.monotone import MODE_CROSS, float_enclosure, iterate_float

    rows = []
    for d in deltas:
        with flint.ctx.workprec(128):
            u0 = (2 * flint.arb(d)).exp() - flint.arb(flint.fmpq(c.numerator, c.denominator))
            sa = flint.arb(flint.fmpq(s.numerator, s.denominator))
            pred = flint.arb(d) / (1 + sa).log()
            encl = [float_enclosure(x) for x in (sa, flint.arb(flint.fmpq(c.numerator, c.denominator)), u0)]
        s_enc, c_enc, u0_enc = (np.array([e]) for e in encl)
        th = np.array([encl[1]])
        run = iterate_float(s_enc, c_enc, u0_enc, nsteps=int(3 * d / float(s)) + 100, mode=MODE_CROSS,
                            theta=th)
        status = {0: "not reached", 1: "certified", 2: "undecided"}[int(run.status[0])]
        rows.append({"delta": d, "t_half": int(run.t[0]), "status": status,
                     "delta/log(1+s)": float(pred.mid()), "delta/s": float(d / s),
                     "t_half - delta/log(1+s)": float((int(run.t[0]) - pred).mid())})
    return rows


def _enclose_candidate(transition: Callable[[Any], Any], s: Fraction) -> Any:
    """Ball of T(s), or the reason it cannot be judged at s."""
    from symdln.certify.balls import enclose

    try:
        T = enclose(sp.sympify(transition(sp.Rational(s.numerator, s.denominator))), 128)
    except (TypeError, ValueError, ZeroDivisionError, AttributeError) as exc:
        return f"T({s}) has no enclosure: {exc}"
    return T if T.is_finite() else f"T({s}) is not finite"


def _transition_instances(transition: Callable[[Any], Any], s_values: tuple[Fraction, ...],
                          ks: tuple[int, ...]) -> dict[str, Any]:
    r"""Judge T against certified limits (independent of T): at :math:`\tau = T(s)(1 - 2^{-k})` the claim
    is limit 0, at :math:`\tau = T(s)(1 + 2^{-k})` it is :math:`\sigma/\lambda` (tau a rational strictly
    between :math:`T(s)(1 \pm 2^{-k-1})` and :math:`T(s)(1 \pm 2^{-k})`).  The first certified
    disagreement is the counterexample."""
    import flint

    counts = {"below T: certified 0": 0, "above T: certified sigma/lambda": 0, "undecided": 0}
    for s in s_values:
        if not 0 < 2 * s < 1:
            raise ValueError("the certificates need 0 < eta sigma < 1/2 (C1)")
        T = _enclose_candidate(transition, s)
        if isinstance(T, str):
            return {"error": T, **counts}
        if T > 0:
            taus: list[tuple[int | None, str, Fraction, str]]
            with flint.ctx.workprec(128):
                taus = []
                for kk in ks:
                    e1, e2 = flint.arb(2) ** -kk, flint.arb(2) ** -(kk + 1)
                    taus += [(kk, "<", _rational_between(T * (1 - e1), T * (1 - e2)), "0"),
                             (kk, ">", _rational_between(T * (1 + e2), T * (1 + e1)), "sigma/lambda")]
        elif T < 1:  # T <= 0 or below 1: tau = 1 > T, where the claim is sigma/lambda
            taus = [(None, ">", Fraction(1), "sigma/lambda")]
        else:  # pragma: no cover - a ball around 0 that is not below 1 cannot occur
            return {"error": f"T({s}) = {T} undecided in sign", **counts}
        for k, side, tau, claimed in taus:
            lim = rescaled_limit(s, tau)
            if lim is None:
                counts["undecided"] += 1
            elif lim[0] == claimed:
                counts["below T: certified 0" if side == "<" else "above T: certified sigma/lambda"] += 1
            else:
                where = f"between T(s)(1 {'-' if side == '<' else '+'} 2^-{k}) and T(s)" if k else "1 > T(s)"
                cex = {"eta sigma": str(s), "T(s)": str(T), f"tau ({side} T(s))": str(tau), "tau lies": where,
                       "limit of w at floor(delta tau)": f"{lim[0]} (claimed {claimed})",
                       "certificate": lim[1]}
                t_exact = sp.sympify(transition(sp.Rational(s.numerator, s.denominator)))
                if t_exact.is_Rational and t_exact > 0:
                    at = rescaled_limit(s, Fraction(int(t_exact.p), int(t_exact.q)))
                    cex["limit at tau = T(s) itself"] = at[0] if at else "undecided"
                return {"counterexample": cex, **counts}
    return {"counterexample": None, **counts}


def check_eq25(transition: Callable[[Any], Any] = transition_printed,
               s_values: tuple[Fraction, ...] = S_VALUES, ks: tuple[int, ...] = K_VALUES) -> CheckResult:
    r"""Judge (25): the i-th component is learned around :math:`t = \delta T_i`,
    :math:`T_i` = ``transition`` (:math:`\eta\sigma_i`), printed :math:`1/(\eta\sigma_i)`.

    Read as the sharp claim "for :math:`\tau < T_i` the limit of :math:`w_i^{(\lfloor\delta\tau\rfloor)}`
    is 0 and for :math:`\tau > T_i` it is :math:`\sigma_i/\lambda_i`", with :math:`w_0 = e^{-2\delta}`.
    FAILS: a certified limit on the wrong side of T (at some s in ``s_values``,
    :math:`\tau = T(s)(1 \pm 2^{-k})`, k in ``ks``).  HOLDS: no such limit, certified limits on both
    sides, and T identical to the threshold derived from the product recursion.  A formula equal
    to the printed one (as a formula, whatever the object) is judged with the derived correction.
    """
    res = _judge_eq25(transition, tuple(s_values), tuple(ks))
    if res.verdict is not Verdict.FAILS:
        return res
    d = _derived()
    try:
        formula = transition(d["s"])
    except (TypeError, ValueError, AttributeError):
        return res
    if not _same(formula, transition_printed(d["s"])) or not d["ok"]:
        return res
    return _with_correction(res, d, tuple(s_values), tuple(ks))


def _judge_eq25(transition: Callable[[Any], Any], s_values: tuple[Fraction, ...],
                ks: tuple[int, ...]) -> CheckResult:
    """:func:`check_eq25` without a correction attached: HOLDS, FAILS or INCONCLUSIVE for ``transition``."""
    inst = _transition_instances(transition, tuple(s_values), tuple(ks))
    counts = {k: v for k, v in inst.items() if k not in ("counterexample", "error")}
    if "error" in inst:
        return CheckResult(Verdict.INCONCLUSIVE, Evidence("arb", notes=inst["error"], details=counts))
    d = _derived()
    sym = d["s"]
    try:
        formula = transition(sym)
    except (TypeError, ValueError, AttributeError):  # a formula that only takes numbers
        formula = None
    if inst["counterexample"] is None:
        same = d["ok"] and formula is not None and _same(formula, d["tau*"])
        both = counts["below T: certified 0"] > 0 and counts["above T: certified sigma/lambda"] > 0
        details = {"certified instances": counts, "s values": [str(s) for s in s_values],
                   "k values": f"{min(ks)}..{max(ks)}" if ks else "none",
                   "derivation of the threshold": d["steps"],
                   "derived threshold tau*(s)": str(d["tau*"]),
                   "T(s) identical to tau*(s) (SymPy)": same}
        if same and both:
            return CheckResult(Verdict.HOLDS, Evidence(
                "threshold derived from the product recursion (SymPy: u-recursion, monotone factor, "
                "zero side and one side meet) and T(s) identical to it; certified limits (explicit "
                "bounds, arb 128 bits) on both sides of T(s) at T(s)(1 +- 2^-k)", precision="exact + arb",
                proof=PROOF, details=details, scope="general"))
        return CheckResult(Verdict.INCONCLUSIVE, Evidence(
            "certified limits at T(s)(1 +- 2^-k)", precision="arb 128 bits", details=details,
            notes="no certified disagreement, but T(s) was not identified with the derived threshold"
                  if both else "no certified limit on one side of T(s)"))
    res = CheckResult(Verdict.FAILS, Evidence(
        "certified limits at rescaled times tau = T(s)(1 +- 2^-k) (explicit exponential bounds, arb)",
        precision="arb 128 bits", counterexample=inst["counterexample"],
        details={"certified instances before the counterexample": counts},
        notes="a certified limit on the wrong side of the claimed transition time"))
    return res


def _with_correction(res: CheckResult, d: dict[str, Any], s_values: tuple[Fraction, ...],
                     ks: tuple[int, ...]) -> CheckResult:
    """The printed (25) refuted: judge the derived threshold by the same check, plus the half-rise window."""
    from symdln.certify.rescaled import half_rise_window

    sym, tau_star = d["s"], d["tau*"]
    ok = check_eq25(lambda v: tau_star.subs(sym, v), s_values, ks)
    s0 = Fraction(1, 10)
    rows = crossing_times(s0)
    win = half_rise_window(s0, 1)
    inside = in_window(rows, s0, win)
    ok = CheckResult(ok.verdict if all(inside) else Verdict.INCONCLUSIVE, Evidence(
        ok.evidence.method + "; half-rise step t_h = delta tau*(s) + O(1) with a proved window "
        "(certify.rescaled.half_rise_window), the certified crossings lie inside it (arb)",
        precision=ok.evidence.precision, proof=PROOF,
        details={**ok.evidence.details,
                 "proved window (eta sigma = 1/10, lambda = sigma)": {
                     "t_h - delta tau* >=": str(-win["C_minus"]), "t_h - delta tau* <=": str(win["C_plus"])},
                 "certified half-rise steps (eta sigma = 1/10, lambda = sigma)": rows,
                 "inside the window (certified)": inside}, scope="instances"))
    eta, sig, dl = sp.symbols("eta sigma_i delta", positive=True)
    Ti, rise = sp.sstr(tau_star.subs(sym, eta * sig)), sp.sstr(dl * tau_star.subs(sym, eta * sig))
    ser = sp.sstr(sp.series(tau_star, sym, 0, 2).removeO(), order="rev-lex")
    late = sp.sstr(dl * sp.limit(tau_star - transition_printed(sym), sym, 0))
    return corrected(res, ok, f"the i-th component rises at t ~ {rise}: for w_0 = e^(-2 delta), "
                     f"w_i^(floor(delta tau)) -> 0 for tau < {Ti} and -> sigma_i/lambda_i for tau > {Ti} "
                     f"(derived from the product recursion); the half-rise step is {rise} + O(1) "
                     f"(proved window); {sp.sstr(tau_star)} = {ser} + O(s^2), s = eta sigma_i, so "
                     f"the rise is about {late} steps later than delta T_i")


def conditions_printed(eta: Any, s1: Any, si: Any, sn: Any) -> list[Any]:
    r"""The step-size conditions of Cor. 3 for one pair :math:`(\sigma_i, \sigma_{i+1})`:
    :math:`\eta < 1/(2\sigma_1)`, :math:`\eta < 2(\sigma_i-\sigma_{i+1})/\sigma_i^2`,
    :math:`\eta < (\sigma_i-\sigma_{i+1})/(2\sigma_{i+1}^2)`."""
    return [eta < 1 / (2 * s1), eta * si**2 < 2 * (si - sn), 2 * eta * sn**2 < (si - sn)]


def _sharp_from(conds: Callable[..., list[Any]], lower: Callable[[Any], Any]) -> Any:
    """z3: do the conditions imply eta sigma_{i+1} < lower(eta sigma_i) and 2 eta sigma_i < 1?"""
    import z3

    from symdln.certify.smt import SmtResult, Translation, Untranslatable, prove

    e, s1, si, sn = z3.Reals("eta sigma_1 sigma_i sigma_n")
    dom = z3.And(e > 0, s1 >= si, si > sn, sn > 0)
    x = sp.Symbol("x")
    tr = Translation(env={x: e * si})
    try:
        low = tr(sp.sympify(lower(x)))
    except Untranslatable as exc:
        return SmtResult("unknown", reason=str(exc))
    hyp = z3.And(dom, *tr.facts, *conds(e, s1, si, sn))
    return prove(z3.Implies(hyp, z3.And(e * sn < low, 2 * e * si < 1)))


def _redundancy(conds: Callable[..., list[Any]]) -> dict[str, str]:
    """z3, for each condition: is it implied by the others (on the domain)?"""
    import z3

    from symdln.certify.smt import prove

    e, s1, si, sn = z3.Reals("eta sigma_1 sigma_i sigma_n")
    dom = z3.And(e > 0, s1 >= si, si > sn, sn > 0)
    cs = conds(e, s1, si, sn)
    out = {}
    for k, ck in enumerate(cs):
        r = prove(z3.Implies(z3.And(dom, *(c for j, c in enumerate(cs) if j != k)), ck))
        out[f"C{k + 1}"] = ("implied by the others (redundant)" if r.status == "proved" else
                            f"not implied by the others (z3 model {r.model})" if r.status == "refuted" else
                            f"z3: {r.status}")
    return out


def check_cor3_conditions(conditions: Callable[..., list[Any]] = conditions_printed,
                          log_lower: Callable[[Any], Any] = log_lower_bound) -> CheckResult:
    r"""Judge the step-size conditions of Cor. 3: sufficient? necessary? redundant? the sharp one.

    Sufficiency: z3 proves conditions => :math:`\eta\sigma_{i+1} <` ``log_lower``:math:`(\eta\sigma_i)`
    and :math:`2\eta\sigma_i < 1`; the lemma ``log_lower``:math:`(x) \le 1/\tau^*(x)` is proved here
    (value at 0, z3 on the derivative; :math:`\tau^*` derived), which gives the sharp condition
    :math:`\eta\sigma_{i+1} < 1/\tau^*(\eta\sigma_i)`, under which (26) holds; that condition is tested
    in both directions and at equality, and (26) is certified at the grid pairs inside the conditions.
    FAILS: a certified pair inside the conditions where (26) fails.
    """
    inst = conditions_instances(conditions)
    if inst["failure"] is not None:
        return CheckResult(Verdict.FAILS, Evidence(
            "grid search, certified limits (explicit exponential bounds, arb)", precision="arb 128 bits",
            counterexample=inst["failure"], details={"counts": inst["counts"]},
            notes="the conditions allow a pair where (26) fails"))
    r = _sharp_from(conditions, log_lower)
    lemma = log_lemma(log_lower)
    sharp = sharp_condition_evidence()
    d = _derived()
    details: dict[str, Any] = {
        "z3: conditions => eta sigma_{i+1} < lower(eta sigma_i) and 2 eta sigma_i < 1": r.status,
        "lemma: lower(x) <= 1/tau*(x)": lemma, "derivation of tau*": d["steps"],
        "sharp condition, both directions and equality (certified)": sharp,
        "grid pairs (eta = 1, lambda = sigma)": inst["counts"],
        "redundancy (z3)": _redundancy(conditions),
        "not necessary (witness)": inst["not necessary (witness)"], "C1": c1_evidence()}
    missing = [name for name, ok in (
        (f"z3 implication ({r.status})", r.status == "proved"), ("the lemma", lemma["proved"]),
        ("the derivation of tau*", d["ok"]), ("the sharp condition evidence", sharp["ok"]),
        ("a pair inside the conditions with (26) certified", inst["counts"]["inside, (26) certified"] > 0))
        if not ok]
    if missing:
        return CheckResult(Verdict.INCONCLUSIVE, Evidence(
            "z3 + SymPy + certified limits", precision="exact + arb", details=details,
            notes="not established: " + ", ".join(missing)))
    red = [k for k, v in details["redundancy (z3)"].items() if v.startswith("implied")]
    nn = inst["not necessary (witness)"]
    return CheckResult(Verdict.HOLDS, Evidence(
        "z3 (polynomial implication) + lemma (exact value at 0, z3 on the derivative) + the derived "
        "threshold; sharp condition and (26) certified on grid pairs", precision="exact + arb 128 bits",
        details=details, proof=PROOF, scope="general",
        notes="sufficient; " + (f"not necessary ((26) certified at eta sigma_i = {nn['eta sigma_i']}, "
                                f"eta sigma_(i+1) = {nn['eta sigma_{i+1}']} outside them); " if nn else
                                "no pair outside them with (26) certified on the grid; ")
              + (f"redundant (implied by the others, z3): {', '.join(red)}; " if red else "")
              + f"the sharp condition for (26) is {sharp['sharp condition']} (with 2 eta sigma_1 < 1), "
                "tested in both directions and at equality"))


def limits_printed(i_le_rxy: bool, j_vs_i: str) -> str | None:
    r"""(26) as printed: 0 if i > r_xy or j < i; :math:`\sigma_i/\lambda_i` if i <= r_xy and j > i;
    ``None`` where (26) says nothing (j = i)."""
    if not i_le_rxy or j_vs_i == "<":
        return "0"
    if j_vs_i == ">":
        return "sigma/lambda"
    return None


#: an example spectrum: eta, sigma_1 > sigma_2 > ..., and lambda (1 when absent)
_Spectrum = TypedDict("_Spectrum", {"eta": Fraction, "sigma": tuple[Fraction, ...],
                                    "lambda": NotRequired[Fraction]})

#: a spectrum satisfying the printed conditions: eta = 1/10, sigma = (1, 1/2, 1/4), lambda = 1
EXAMPLE: _Spectrum = {"eta": Fraction(1, 10), "sigma": (Fraction(1), Fraction(1, 2), Fraction(1, 4)),
           "lambda": Fraction(1)}
#: further spectra satisfying the printed conditions (C3 nearly tight; eta sigma_1 near 1/2)
MORE_EXAMPLES: tuple[_Spectrum, ...] = (
    {"eta": Fraction(1), "sigma": (Fraction(49, 100), Fraction(3, 10), Fraction(1, 5), Fraction(3, 20))},
    {"eta": Fraction(1, 1000), "sigma": (Fraction(100), Fraction(80), Fraction(64))},
)


def _zero_mode_certificate() -> str:
    """z3: for x = eta lambda w in [0, 2] the sigma = 0 step w' = w (1 - x)^2 does not increase w."""
    import z3

    from symdln.certify.smt import prove

    x = z3.Real("x")
    return prove(z3.Implies(z3.And(x >= 0, x <= 2), (1 - x) * (1 - x) <= 1)).status


def general_limits() -> tuple[dict[tuple[bool, str], str], dict[str, Any], bool]:
    r"""The limits of (26) for **every** spectrum under the printed conditions, by relation of j to i:
    ``(truth, proof steps, proved)`` with ``truth[(i <= r_xy, rel)]`` in ``{"0", "sigma/lambda"}``.

    Threshold theorem (for every :math:`0 < s < 1/2`, :math:`c = \lambda/\sigma > 0`,
    :math:`\tau \ne \tau^*(s)`):
    :math:`w_{\lfloor\delta\tau\rfloor} \to 0` for :math:`\tau < \tau^*` and :math:`\to\sigma/\lambda` for
    :math:`\tau > \tau^*`, from the derivation of :math:`\tau^*` in s and c
    (:func:`symdln.certify.rescaled.derive_threshold`: :math:`u' = \rho_s(y)u`, rho increasing, the two
    one-sided rates meet) and :math:`\rho_s(0) = 1 - 2s > 0` (u stays positive, so
    :math:`w \le \sigma/\lambda`).  Then, with :math:`\tau_j = 1/(\eta\sigma_j)` and :math:`L = \log(1+s_i)`
    (:math:`e^L = 1 + s_i`, z3 with exp bounded by Taylor polynomials):

    * j < i and j = i: :math:`s_j \ge s_i` gives :math:`\tau_j < \tau^*(s_i)` (z3); j = 0: :math:`\tau = 0`;
    * j > i: the printed conditions give :math:`s_{i+1} <` ``log_lower_bound``:math:`(s_i) \le L` (z3 and
      the proved lemma of ``cor3.conditions``) and :math:`s_j \le s_{i+1}`, so :math:`\tau_j > \tau^*(s_i)`;
      :math:`T_j = +\infty` (j > r_xy) is beyond every threshold;
    * i > r_xy (:math:`\sigma_i = 0`): :math:`w' = w(1 - \eta\lambda w)^2 \le w` (z3), so w stays
      :math:`\le w_0 = e^{-2\delta} \to 0`.

    >>> truth, _, ok = general_limits()
    >>> ok, truth[(True, "<")], truth[(True, ">")], truth[(False, ">")]
    (True, '0', 'sigma/lambda', '0')
    """
    from symdln.certify.rescaled import derive_threshold
    from symdln.certify.smt import Translation
    from symdln.discrete import rho

    d = derive_threshold()
    s = d["s"]
    si, sj, L = sp.symbols("s_i s_j L", positive=True)
    steps: dict[str, Any] = {"derivation of tau*(s) (SymPy, symbolic in s and c)": d["steps"]}
    rho0 = sp.factor(rho(sp.Integer(0), s))
    steps["rho_s(0) (exact)"] = str(rho0)
    pos = Translation().prove(2 * s < 1, rho0 > 0).status
    steps["z3: rho_s(0) > 0 for 2 s < 1 (u stays positive)"] = pos
    tau_i = d["tau*"].subs(s, si).subs(sp.log(si + 1), L) if d["ok"] else None
    below = (Translation().prove(sp.And(sj >= si, sp.Eq(sp.exp(L), 1 + si)), 1 / sj < tau_i).status
             if tau_i is not None and not tau_i.has(sp.log) else "not derived")
    steps["z3: s_j >= s_i => tau_j = 1/s_j < tau*(s_i) (j <= i)"] = below
    sharp = _sharp_from(conditions_printed, log_lower_bound).status
    lemma = log_lemma(log_lower_bound)
    steps["z3: printed conditions => s_(i+1) < lower(s_i) and 2 s_i < 1"] = sharp
    steps["lemma: lower(x) <= 1/tau*(x) on (0, 1/2)"] = lemma
    zero = _zero_mode_certificate()
    steps["z3: sigma = 0 step does not increase w (x in [0, 2])"] = zero
    proved = (d["ok"] and pos == "proved" and below == "proved" and sharp == "proved" and lemma["proved"]
              and zero == "proved")
    # the threshold theorem's two sides, and where each T_j falls (the z3 steps above)
    value = {"below tau*": "0", "above tau*": "sigma/lambda"}
    side = {"<": "below tau*", "=": "below tau*", ">": "above tau*"}
    truth = {(True, rel): value[side[rel]] for rel in side}
    truth.update({(False, rel): "0" for rel in side})  # w_t <= w_0 -> 0 whatever j
    return truth, steps, bool(proved)


def check_cor3_limits(limits: Callable[[bool, str], str | None] = limits_printed) -> CheckResult:
    r"""Judge (26): the limits of :math:`w_i^{(\delta T_j)}` as :math:`\delta\to\infty`, with the printed
    initialisation and conditions, for every relation of j to i and i to r_xy.

    Every value ``limits`` states is compared with the limit proved for every spectrum under the
    printed conditions (:func:`general_limits`), and with the certified limits of every (i, j),
    i <= r_xy, j in 0..r_xy, of three example spectra (kept as instances: a certified counterexample
    when the stated value is wrong, and a cross-check of the general proof).  A formula that states no
    value is INCONCLUSIVE; so is a stated value without a general proof and without a certified limit."""
    truth, steps, general = general_limits()
    table: dict[str, Any] = {}
    compared, undecided, ok_conds, mismatch, diagonal = 0, [], True, None, set()
    disagree: list[str] = []  # certified instance values that differ from the general truth
    for n_ex, ex in enumerate((EXAMPLE, *MORE_EXAMPLES)):
        e_, sg, lam = ex["eta"], ex["sigma"], ex.get("lambda", Fraction(1))
        ok_conds = ok_conds and all(bool(v) for k in range(len(sg) - 1)
                                    for v in conditions_printed(e_, sg[0], sg[k], sg[k + 1]))
        for i, j in itertools.product(range(1, len(sg) + 1), range(0, len(sg) + 1)):
            tau = Fraction(0) if j == 0 else 1 / (e_ * sg[j - 1])
            lim_ = rescaled_limit(e_ * sg[i - 1], tau, lam / sg[i - 1])  # c = lambda_i / sigma_i
            rel = "<" if j < i else (">" if j > i else "=")
            claimed = limits(True, rel)
            key = f"i={i}, j={j}" if n_ex == 0 else f"eta={e_}, sigma={[str(x) for x in sg]}: i={i}, j={j}"
            table[key] = lim_[0] if lim_ else "undecided"
            if i == j:
                diagonal.add(table[key])
            if lim_ is not None and lim_[0] != truth[(True, rel)]:
                disagree.append(key)
            if claimed is None:
                continue
            if lim_ is None:
                undecided.append(key)
                continue
            compared += 1
            if claimed != lim_[0] and mismatch is None:
                mismatch = {"i": i, "j": j, "eta": str(e_), "sigma": [str(x) for x in sg], "lambda": str(lam),
                            "claimed": claimed, "certified limit": lim_[0], "certificate": lim_[1]}
    if not ok_conds:  # pragma: no cover - the examples are chosen inside the printed conditions
        return CheckResult(Verdict.INCONCLUSIVE, Evidence(
            "certified limits at rescaled times", precision="arb",
            notes="an example spectrum violates the printed conditions; the table does not judge (26)",
            details={"certified table": table}))
    if disagree:  # pragma: no cover - the certified instances agree with the general proof
        return CheckResult(Verdict.INCONCLUSIVE, Evidence(
            "general proof against certified instances", precision="arb 128 bits",
            details={"certified table": table, "general proof": steps, "disagreeing entries": disagree},
            notes="a certified instance contradicts the general limits: nothing is established"))
    # sigma_i = 0 (i > r_xy): w' = w (1 - x)^2 with x = eta lambda w, and (1 - x)^2 <= 1 for
    # 0 <= x <= 2 (z3), so w_t <= w_0 = e^{-2 delta} -> 0 once eta lambda w_0 <= 2, for every t
    zero_mode = _zero_mode_certificate()
    if zero_mode != "proved":  # pragma: no cover - a fixed polynomial fact
        return CheckResult(Verdict.INCONCLUSIVE, Evidence(
            "z3", notes=f"the sigma = 0 step bound was not proved ({zero_mode})"))
    for rel in ("<", "=", ">"):
        claimed = limits(False, rel)
        if claimed is None:
            continue
        compared += 1
        if claimed != "0" and mismatch is None:
            mismatch = {"i": "> r_xy", "j vs i": rel, "claimed": claimed,
                        "certified limit": "0: w_t <= w_0 = e^{-2 delta} (z3: (1 - x)^2 <= 1 on [0, 2])"}
    stated = {(a, rel): limits(a, rel) for a in (True, False) for rel in ("<", "=", ">")}
    wrong = [(a, rel) for (a, rel), v in stated.items() if v is not None and v != truth[(a, rel)]]
    if mismatch is None and general and wrong:  # no certified instance of it: the general limit is the proof
        a, rel = wrong[0]
        mismatch = {"i": "<= r_xy" if a else "> r_xy", "j vs i": rel, "claimed": stated[(a, rel)],
                    "limit (every spectrum under the printed conditions, proved)": truth[(a, rel)]}
    if mismatch is not None:
        return CheckResult(Verdict.FAILS, Evidence(
            "certified limits at rescaled times (explicit exponential bounds, arb); the general limits "
            "(threshold theorem + z3)", precision="arb",
            counterexample=mismatch, details={"certified table": table, "general proof": steps}))
    if (undecided and not general) or compared == 0:
        return CheckResult(Verdict.INCONCLUSIVE, Evidence(
            "certified limits at rescaled times", precision="arb 128 bits",
            details={"certified table": table, "stated values compared": compared,
                     "stated values without a certified limit": undecided},
            notes="stated values without a certified limit" if undecided else "the formula states no value"))
    # the other reading: product initialised at e^{-delta} (as w_i(0) in Thm. 2)
    other = None
    for sj, si in ((Fraction(3, 10), Fraction(1, 5)),):
        lim = rescaled_limit(si, 2 / sj)  # w0 = e^{-delta} = e^{-2 delta'}, delta' = delta/2: tau doubles
        if lim and lim[0] == "sigma/lambda":
            other = {"eta sigma_j": str(sj), "eta sigma_i": str(si), "j": "i - 1",
                     "conditions hold": all(bool(v) for v in conditions_printed(Fraction(1), sj, sj, si)),
                     "limit with w_i(0) = e^{-delta}": "sigma_i/lambda_i (claimed 0)", "certificate": lim[1]}
    method = ("threshold theorem (derived for every s and c) + z3: where each T_j falls against "
              "tau*(eta sigma_i) under the printed conditions; " if general else "")
    return CheckResult(Verdict.HOLDS, Evidence(
        method + "certified limits for every (i, j) of three example spectra (instances)",
        precision="exact + arb 128 bits", proof=PROOF,
        parameters={"examples (eta, sigma), lambda = 1 (c = lambda_i/sigma_i in the certificates)": [
                        (str(ex["eta"]), [str(x) for x in ex["sigma"]]) for ex in (EXAMPLE, *MORE_EXAMPLES)],
                    "printed conditions hold there": ok_conds},
        details={"general proof": steps, "certified table": table, "stated values compared": compared,
                 "i = j (not stated by (26)), certified": sorted(diagonal),
                 "i > r_xy (sigma_i = 0)": "limit 0: w_t <= w_0 (z3: (1 - x)^2 <= 1 for 0 <= x <= 2)",
                 "reading w_i(0) = e^{-delta} for the product instead": other},
        notes="with m_i = n_i = e^{-delta} (product e^{-2 delta}); j < i -> 0 needs nothing beyond "
              "2 eta sigma < 1, "
              "j > i -> sigma_i/lambda_i needs the sharp condition (check z3 of cor3.conditions); "
              f"for i = j the limit is 0 (proved; certified {sorted(diagonal)}; not stated by (26); the "
              "continuous (18) has sigma/(sigma + lambda) there)"
              + ("" if general else "; why not general: a step of the general proof was not proved (see "
                                    "'general proof')"),
        scope="general" if general else "instances"))


def judge_transition(formula: sp.Basic) -> CheckResult:
    r"""Judge a transition time :math:`T_i` of (25) given as a SymPy expression in ``eta`` and ``sigma``
    (in units of :math:`\delta`: the i-th component is learned around :math:`t = \delta T_i`).

    The per-mode dynamics depend on :math:`s = \eta\sigma` only, so the candidate is read as
    :math:`T(s) = T(s/\sigma, \sigma)` at :math:`\sigma = 1, 2, 1/3` and each is judged by
    :func:`check_eq25`'s computation (certified limits on both sides of T(s), the threshold derived
    from the product recursion), never with a correction attached.  ``HOLDS`` needs all three to hold
    and T to depend on s alone (SymPy); the proved half-rise window is added to the evidence.

    >>> from symdln.notation import eta, sigma
    >>> judge_transition(1 / (eta * sigma)).verdict.name
    'FAILS'
    """
    from symdln import notation as nt
    from symdln.correction import FormulaError

    if not isinstance(formula, sp.Expr) or formula.free_symbols - {nt.eta, nt.sigma}:
        raise FormulaError(f"a transition time is an expression in eta and sigma, not {sp.sstr(formula)}")
    d = _derived()
    s = d["s"]
    results = {}
    for sig in (sp.Integer(1), sp.Integer(2), sp.Rational(1, 3)):
        T = formula.subs({nt.eta: s / sig, nt.sigma: sig})
        def at_s(v: Any, T: sp.Expr = T) -> Any:
            return T.subs(s, v)

        r = _judge_eq25(at_s, S_VALUES, K_VALUES)
        results[f"sigma = {sig}"] = r
        if r.verdict is Verdict.FAILS:
            ev = r.evidence
            return CheckResult(Verdict.FAILS, Evidence(
                ev.method, precision=ev.precision, details=ev.details, notes=ev.notes,
                counterexample={"sigma": str(sig), **(ev.counterexample or {})}))
    depends = sp.simplify(formula.subs(nt.eta, s / nt.sigma)).has(nt.sigma)
    details = {k: v.evidence.to_dict() for k, v in results.items()}
    if depends or any(r.verdict is not Verdict.HOLDS for r in results.values()):
        return CheckResult(Verdict.INCONCLUSIVE, Evidence(
            "certified limits at T(s)(1 +- 2^-k), sigma = 1, 2, 1/3", precision="arb 128 bits",
            details=details,
            notes="T depends on sigma other than through eta sigma" if depends else
            "not identified with the derived threshold at every sigma"))
    from symdln.certify.rescaled import half_rise_window

    s0 = Fraction(1, 10)
    rows = crossing_times(s0)
    win = half_rise_window(s0, 1)
    inside = in_window(rows, s0, win)
    ev = results["sigma = 1"].evidence
    return CheckResult(Verdict.HOLDS if all(inside) else Verdict.INCONCLUSIVE, Evidence(
        ev.method + "; at sigma = 1, 2, 1/3; half-rise step delta T + O(1) in a proved window "
        "(certify.rescaled.half_rise_window), the certified crossings inside it (arb)",
        precision=ev.precision, proof=PROOF, scope="general",
        details={**details, "certified half-rise steps (eta sigma = 1/10, lambda = sigma)": rows,
                 "proved window": {"t_h - delta T >=": str(-win["C_minus"]),
                                   "t_h - delta T <=": str(win["C_plus"])},
                 "inside the window (certified)": inside}))
