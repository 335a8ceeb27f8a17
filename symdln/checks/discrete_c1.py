r"""Is condition C1 of Cor. 3 (paper 1), :math:`\eta < 1/(2\sigma_1)`, needed for (26)?

Per mode the product obeys :math:`w' = w(1 + \eta(\sigma - \lambda w))^2` (derived, Sec. 3.2); in
:math:`x = \eta\lambda w`, :math:`s = \eta\sigma`: :math:`x' = f_s(x) = x(1+s-x)^2`, fixed points 0
(multiplier :math:`(1+s)^2`), s (multiplier :math:`1 - 2s`, the limit :math:`\sigma/\lambda`) and s + 2.

* computed (SymPy, z3): :math:`f_s(f_s(x)) - x = x(x-s)Q(x, s)`,
  :math:`Q = (x-s-2)(x^2-(1+s)x+1)Q_4`, and Q has no zero for :math:`0 \le x \le 1+s`,
  :math:`0 < s < 1`; :math:`f_s([0, 1+s]) \subset [0, 4(1+s)^3/27] \subset [0, 1+s)`.
* cited (Coppel 1955; Block & Coppel, LNM 1513): a continuous self-map of a compact interval
  without points of period 2 has every orbit convergent to a fixed point.  With
  :math:`f_s(x) > x` on (0, s) every orbit from (0, 1+s) converges to s: C1 can be relaxed to
  :math:`\eta\sigma_1 < 1` (argued from the cited theorem, not computed).
* certified instances (no cited theorem): the limits (26) for spectra with
  :math:`1/2 \le \eta\sigma_1 < 1` (:func:`symdln.certify.rescaled.limit_one_beyond_c1`);
  for :math:`1 < \eta\sigma_1 < \sqrt5 - 1` an attracting 2-cycle (exact) keeps the small-init orbit
  away from :math:`\sigma/\lambda` (:func:`symdln.certify.rescaled.two_cycle_certificate`).

The other conditions of Cor. 3 (used by :func:`symdln.checks.discrete_limits.check_cor3_conditions`):
the lemma :math:`x - x^2/2 \le \log(1+x)` (:func:`log_lemma`), (26) on a grid of pairs inside and
outside given conditions (:func:`conditions_instances`), and the sharp condition, derived from the
threshold and tested both ways and at equality (:func:`sharp_condition_evidence`).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from fractions import Fraction
from typing import Any

import sympy as sp

from symdln.certify.arbmat import to_z3
from symdln.discrete import x_map
from symdln.limits import rescaled_limit, same_formula
from symdln.verdict import CheckResult, Evidence, Verdict

__all__ = ["C1_PRINTED", "C1_SCOPE", "c1_evidence", "check_cor3_c1", "condition_grid", "conditions_instances",
           "crossing_times_x", "in_window", "instance_limits", "log_lemma", "log_lower_bound",
           "no_period_two", "pair_limits_26", "period2_factor", "sharp_condition", "sharp_condition_evidence",
           "two_cycle_multiplier"]

PROOF = "proofs/discrete_c1.py"

#: C1 as printed, as a bound on s = eta sigma_1: eta sigma_1 < 1/2
C1_PRINTED = Fraction(1, 2)

_x, _s = sp.symbols("x s")

#: spectra (eta = 1, lambda = 1) with C2, C3 and the sharp condition but not C1
BEYOND_C1 = ((Fraction(3, 4), Fraction(2, 5), Fraction(1, 5)), (Fraction(19, 20), Fraction(9, 20)))
#: eta sigma_1, eta sigma_2 of the counterexample spectrum (eta sigma_1 > 1); C2, C3, sharp hold
_COUNTER_FIRST, _COUNTER_SECOND = Fraction(11, 10), Fraction(9, 20)


#: why :func:`check_cor3_c1` stays a check on instances: the missing steps, precisely
C1_SCOPE = (
    "for 1/2 <= eta sigma_1 < 1 the limits (26) are certified only for the listed spectra. The general "
    "step has two parts not computed here: (1) Coppel's theorem (no period 2 on a compact interval => "
    "every orbit converges to a fixed point) is cited, not proved; (2) the passage from pointwise "
    "convergence of x_t to s to the rescaled limit at floor(delta tau) needs a number of settling steps "
    "N(s) independent of delta, uniform over the compact set of entry points [b, M_s] (argued by "
    "compactness). To make it general: prove for all 0 < s < 1, with z3 on polynomials in (x, s), an "
    "explicit trapping interval V_s around s with |(f_s o f_s)'| <= q_s < 1 on V_s and an explicit N(s) "
    "with f_s^N([b, M_s]) in V_s (today basin_steps certifies this per s)")


def period2_factor(x: Any, s: Any) -> Any:
    r"""Q with :math:`f_s(f_s(x)) - x = x(x - s)Q(x, s)`: :math:`(x-s-2)(x^2-(1+s)x+1)Q_4(x, s)`."""
    q4 = (x**4 - 3 * s * x**3 - 3 * x**3 + 3 * s**2 * x**2 + 6 * s * x**2 + 3 * x**2 - s**3 * x
          - 3 * s**2 * x - 4 * s * x - 2 * x + s**2 + 2 * s + 2)
    return (x - s - 2) * (x**2 - (1 + s) * x + 1) * q4


def _identity_witness(period2: Callable[[Any, Any], Any]) -> dict[str, Any] | None:
    """None if f(f(x)) - x == x (x - s) Q exactly; else the smallest rational point where it fails."""
    resid = sp.expand(x_map(x_map(_x, _s), _s) - _x - _x * (_x - _s) * period2(_x, _s))
    if resid == 0:
        return None
    for q in range(1, 50):
        for px, ps in itertools.product(range(0, 2 * q + 1), range(1, q + 1)):
            xv, sv = sp.Rational(px, q), sp.Rational(ps, q)
            val = resid.subs({_x: xv, _s: sv})
            if val != 0:
                return {"x": str(xv), "s": str(sv),
                        "f(f(x)) - x": str(x_map(x_map(xv, sv), sv) - xv),
                        "x (x - s) Q(x, s)": str((_x * (_x - _s) * period2(_x, _s)).subs({_x: xv, _s: sv}))}
    return {"residual": str(resid)}  # pragma: no cover - a nonzero polynomial vanishes on no such grid


def _to_z3(expr: sp.Expr, X: Any, S: Any) -> Any:
    """A polynomial in x, s with rational coefficients, times a positive constant that clears the
    denominators (same sign), as a z3 term, monomial by monomial (z3 decides the sign of this form
    much faster than of a sum of expanded products)."""
    _, poly = sp.Poly(expr, _x, _s).clear_denoms()
    return to_z3(poly.as_expr(), {_x: X, _s: S})


def no_period_two(period2: Callable[[Any, Any], Any] = period2_factor,
                  bound: Fraction = Fraction(1)) -> dict[str, Any]:
    r"""z3: every irreducible factor of Q keeps one strict sign on :math:`0 \le x \le 1+s`,
    :math:`0 < s \le` ``bound``, x != s (so :math:`f_s` has no point of period 2 there)."""
    import z3

    from symdln.certify.smt import prove

    X, S = z3.Reals("x s")
    dom = z3.And(S > 0, S <= z3.RealVal(f"{bound.numerator}/{bound.denominator}"), X >= 0, X <= 1 + S,
                 X != S)
    out: dict[str, Any] = {}
    ok = True
    for fac, _mult in sp.factor_list(sp.expand(period2(_x, _s)))[1]:
        zf = _to_z3(fac, X, S)
        pos, neg = prove(z3.Implies(dom, zf > 0)), None
        if pos.status != "proved":
            neg = prove(z3.Implies(dom, zf < 0))
        st = "> 0" if pos.status == "proved" else (
            "< 0" if neg is not None and neg.status == "proved" else None)
        out[str(fac)] = st or {"z3": pos.status, "model (factor <= 0 there)": pos.model}
        ok = ok and st is not None
    out["no period 2 (all factors of one sign)"] = ok
    return out


def crossing_times_x(s: Fraction, c: Fraction = Fraction(1),
                     deltas: tuple[int, ...] = (10, 25, 50)) -> list[dict[str, Any]]:
    r"""Certified half-rise steps :math:`t_h = \min\{t : w_t \ge \sigma/(2\lambda)\}` (i.e.
    :math:`x_t \ge s/2`) from :math:`w_0 = e^{-2\delta}`, by 128-bit ball iteration of :math:`f_s`
    (valid without C1: no monotonicity is used)."""
    import flint

    from symdln.certify.rescaled import orbit_x

    rows = []
    for d in deltas:
        with flint.ctx.workprec(128):
            L = (1 + flint.arb(flint.fmpq(s.numerator, s.denominator))).log()
            steps = int(3 * d / float(L.mid())) + 20
            xs = orbit_x(s, c, d, steps)
            half = flint.arb(flint.fmpq(s.numerator, 2 * s.denominator))
            th, status = None, "not reached"
            for t, x in enumerate(xs):
                if x >= half:
                    th, status = t, "certified"
                    break
                if not x < half:
                    th, status = t, "undecided"
                    break
            rows.append({"delta": d, "t_half": th, "status": status,
                         "t_half - delta/log(1+s)": None if th is None else float((th - d / L).mid())})
    return rows


def instance_limits(spectrum: tuple[Fraction, ...]) -> dict[str, Any]:
    r"""Certified limits of (26) for eta = 1, lambda = 1, :math:`\sigma` = ``spectrum``: every (i, j),
    j = 0..r and j = r + 1 (:math:`T_j = +\infty`, read as :math:`t\to\infty`; certified through a
    large rescaled time: the bound of :func:`limit_one_beyond_c1` holds for all later t)."""
    from symdln.certify.rescaled import limit_one_beyond_c1, limit_zero_certificate

    table: dict[str, Any] = {}
    certs: dict[str, Any] = {}
    r = len(spectrum)
    for i in range(1, r + 1):
        s = spectrum[i - 1]
        for j in range(0, r + 2):
            if j == 0:
                table[f"i={i}, j=0"] = "0"
                continue
            tau = 1 / spectrum[j - 1] if j <= r else Fraction(10**6)
            want = "0" if j <= i else "sigma/lambda"
            if want == "0":
                cert = limit_zero_certificate(s, 1, tau)
            else:
                cert = limit_one_beyond_c1(s, 1, tau)
            table[f"i={i}, j={j if j <= r else 'inf'}"] = want if cert is not None else "undecided"
            if cert is not None and i == 1 and j in (2, r + 1):
                certs[f"i={i}, j={j if j <= r else 'inf'}"] = cert
    return {"table": table, "certificates (samples)": certs,
            "all certified": all(v != "undecided" for v in table.values())}


def _conditions(spec: tuple[Fraction, ...]) -> dict[str, bool]:
    from symdln.certify.balls import certified_sign

    pairs = list(itertools.pairwise(spec))
    q = sp.Rational
    return {"C1 (2 eta sigma_1 < 1)": 2 * spec[0] < 1,
            "eta sigma_1 < 1": spec[0] < 1,
            "C2": all(a * a < 2 * (a - b) for a, b in pairs),
            "C3": all(2 * b * b < a - b for a, b in pairs),
            "sharp (certified)": all(
                certified_sign(sp.log(1 + q(a.numerator, a.denominator)) - q(b.numerator, b.denominator)) == 1
                for a, b in pairs)}


def _within_other_conditions(conds: dict[str, bool]) -> bool:
    """C2 and C3 (the other printed conditions), and the sharp condition: the instance tests C1 alone."""
    return conds["C2"] and conds["C3"] and conds["sharp (certified)"]


def two_cycle_multiplier() -> dict[str, Any]:
    r"""The 2-cycle of :math:`f_s` and its multiplier, computed (SymPy): the roots
    :math:`p_{1,2}` of :math:`x^2 - (1+s)x + 1` (a factor of Q) are swapped by :math:`f_s`,
    real and positive iff :math:`s \ge 1`; the multiplier :math:`f_s'(p_1)f_s'(p_2)` and the set of
    s > 1 where it lies in (-1, 1) (both inequalities solved, so the 'iff' is computed both ways).

    >>> two_cycle_multiplier()["attracting for s in"]
    'Interval.open(1, -1 + sqrt(5))'
    """
    s = sp.Symbol("s", positive=True)
    p1, p2 = sp.solve(_x**2 - (1 + s) * _x + 1, _x)
    swapped = all(sp.simplify(x_map(p, s) - q) == 0 for p, q in ((p1, p2), (p2, p1)))
    fp = sp.diff(x_map(_x, s), _x)
    mult = sp.expand(sp.simplify(fp.subs(_x, p1) * fp.subs(_x, p2)))
    pos = sp.Interval.open(0, sp.oo)
    real = sp.solve_univariate_inequality((1 + s) ** 2 - 4 >= 0, s, relational=False).intersect(pos)
    attracting = sp.solve_univariate_inequality(sp.Abs(mult) < 1, s, relational=False).intersect(real)
    return {"f_s swaps the roots of x^2 - (1+s) x + 1": swapped, "multiplier f'(p1) f'(p2)": str(mult),
            "real roots for s in": str(real), "attracting for s in": str(attracting)}


def in_window(rows: list[dict[str, Any]], s: Fraction, win: dict[str, Any]) -> list[bool]:
    r"""Certified (arb): each certified half-rise step lies in the proved window
    :math:`\delta\tau^*(s) - C_- < t_h < \delta\tau^*(s) + C_+`, :math:`\tau^*` derived
    (:func:`symdln.certify.rescaled.derive_threshold`)."""
    import flint

    from symdln.certify.balls import enclose
    from symdln.certify.rescaled import derive_threshold

    d = derive_threshold()
    if not d["ok"]:
        return [False for _ in rows]
    T = enclose(d["tau*"].subs(d["s"], sp.Rational(s.numerator, s.denominator)), 128)
    with flint.ctx.workprec(128):
        return [r["status"] == "certified" and bool((r["t_half"] - r["delta"] * T + win["C_minus"]) > 0
                                                    and (win["C_plus"] - r["t_half"] + r["delta"] * T) > 0)
                for r in rows]


def check_cor3_c1(bound: Fraction = C1_PRINTED,
                  period2: Callable[[Any, Any], Any] = period2_factor) -> CheckResult:
    r"""Judge "(26) of Cor. 3 holds whenever :math:`\eta\sigma_1 <` ``bound`` (with C2, C3)": the
    printed C1 is ``bound = 1/2``; the sharp bound is 1.

    ``period2`` is the factor Q of :math:`f_s(f_s(x)) - x = x(x-s)Q` the argument uses; a wrong Q
    is refuted by an exact point.  For bound <= 1: z3 excludes period 2, Coppel's theorem (cited)
    gives convergence, instances with :math:`1/2 \le \eta\sigma_1 < 1` are certified.  For
    bound > 1: certified counterexample (attracting 2-cycle, :math:`\eta\sigma_1 = 11/10`)."""
    from symdln.certify.rescaled import two_cycle_certificate

    bound = Fraction(bound)
    if bound <= 0:
        return CheckResult(Verdict.INCONCLUSIVE, Evidence(
            "none", notes=f"no eta sigma_1 > 0 satisfies eta sigma_1 < {bound}: nothing to judge"))
    wit = _identity_witness(period2)
    if wit is not None:
        return CheckResult(Verdict.FAILS, Evidence(
            "exact expansion (SymPy) of f_s(f_s(x)) - x against x (x - s) Q", precision="exact",
            counterexample=wit, notes="the given Q does not describe the points of period 2"))
    mult = {"f_s'(s) (exact)": str(sp.factor(sp.diff(x_map(_x, _s), _x).subs(_x, _s))),
            "f_s'(0) (exact)": str(sp.factor(sp.diff(x_map(_x, _s), _x).subs(_x, 0))),
            "2-cycle x^2 - (1+s) x + 1 (SymPy)": two_cycle_multiplier()}
    s_c = min(Fraction(11, 10), (1 + bound) / 2) if bound > 1 else Fraction(11, 10)
    spec_c = (s_c, _COUNTER_SECOND)
    counter = two_cycle_certificate(s_c, 1, 1 / _COUNTER_SECOND)
    counter_conditions = _conditions(spec_c)
    counter_info = {"spectrum (eta = 1, lambda = 1)": [str(v) for v in spec_c],
                    "conditions": counter_conditions,
                    "i, j": "1, 2", "claimed": "w_1 -> sigma_1/lambda_1 at delta T_2",
                    "certificate": counter}
    if bound > 1:
        if counter is None or not _within_other_conditions(counter_conditions):
            return CheckResult(Verdict.INCONCLUSIVE, Evidence(
                "2-cycle trapping region not certified", details={"multipliers": mult}))
        return CheckResult(Verdict.FAILS, Evidence(
            "exact 2-cycle and multiplier (SymPy); ball arithmetic (arb, 128 bits): trapping region, "
            "basin piece, orbits", precision="arb 128 bits", counterexample=counter_info,
            details={"multipliers": mult,
                     "no period 2 up to bound (z3, expected to fail)": no_period_two(period2, bound)},
            notes="for eta sigma_1 > 1 the fixed point sigma/lambda repels (|1 - 2 eta sigma_1| > 1); "
                  "the limit of (26) needs eta sigma_1 < 1"))
    np2 = no_period_two(period2, Fraction(1))
    import z3

    from symdln.certify.smt import prove

    S = z3.Real("s")
    into = prove(z3.Implies(z3.And(S > 0, S < 1), 4 * (1 + S) ** 2 < 27)).status
    a, b = z3.Reals("a b")  # eta sigma_i, eta sigma_{i+1}
    pair = z3.And(a > 0, b > 0, b < a)
    low = log_lower_bound(a)  # the lemma's bound, proved below log(1 + x) on (0, 1/2) by log_lemma
    lemma = log_lemma(log_lower_bound)
    c2_alone = prove(z3.Implies(z3.And(pair, a * a < 2 * (a - b)), b < low)).status
    c3_below_1 = prove(z3.Implies(z3.And(pair, a < 1, 2 * b * b < a - b), b < low)).status
    spectra: tuple[tuple[Fraction, ...], ...] = BEYOND_C1
    if Fraction(1, 2) < bound <= 1:  # a spectrum with 1/2 <= eta sigma_1 < bound (C2, C3, sharp hold)
        m = (Fraction(1, 2) + bound) / 2
        spectra = ((m, m / 2), *BEYOND_C1)
    inst = {", ".join(str(v) for v in sp_): {"conditions": _conditions(sp_), **instance_limits(sp_)}
            for sp_ in spectra}
    cross = crossing_times_x(Fraction(3, 4))
    from symdln.certify.rescaled import half_rise_window

    win = half_rise_window(Fraction(3, 4), 1)
    inside = in_window(cross, Fraction(3, 4), win)
    ok = (np2["no period 2 (all factors of one sign)"] and into == "proved" and counter is not None
          and c2_alone == "proved" and c3_below_1 == "proved" and lemma["proved"]
          and all(inside) and all(v["all certified"] for v in inst.values())
          and all(_within_other_conditions(v["conditions"]) and not v["conditions"]["C1 (2 eta sigma_1 < 1)"]
                  and v["conditions"]["eta sigma_1 < 1"] for v in inst.values()))
    details = {
        "multipliers": mult,
        "z3: no period 2 of f_s on [0, 1+s], 0 < s <= 1 (per factor of Q)": np2,
        "z3: f_s([0, 1+s]) in [0, 4(1+s)^3/27] in [0, 1+s) for 0 < s < 1": into,
        f"z3: C2 alone implies eta sigma_(i+1) < {low}, a = eta sigma_i": c2_alone,
        "z3: C3 and eta sigma_i < 1 imply the same (C1 not used)": c3_below_1,
        "lemma: that bound <= log(1 + eta sigma_i) (value at 0, z3 on the derivative)": lemma,
        "cited": "Coppel (1955): no period 2 on a compact interval => every orbit converges to a fixed "
                 "point; f_s(x) > x on (0, s), so orbits from (0, 1+s) converge to s (argued, not computed)",
        "argued": "uniform convergence on compact subsets of (0, 1+s) (attracting fixed point, compact "
                  "subset of its basin); with the rise (u_{k+1} <= (1+s)^-2 u_k while x_k < s, any s) "
                  "and the zero side (limit_zero_certificate needs no C1) this gives (26) for "
                  "eta sigma_1 < 1 with C2 or C3 or the sharp condition "
                  "eta sigma_{i+1} < log(1 + eta sigma_i)",
        "certified instances beyond C1 (no cited theorem)": inst,
        "certified half-rise steps, eta sigma = 3/4 (ball iteration)": cross,
        "proved window there (t_h - delta tau*)": [str(-win["C_minus"]), str(win["C_plus"])],
        "inside the window (certified)": inside,
        "sharpness: eta sigma_1 = 11/10 (certified counterexample)": counter_info,
        "s = 1": "multiplier -1; the double root x = 1 of x^2 - 2x + 1 is the fixed point, so Coppel still "
                 "gives pointwise convergence; the rescaled limit at s = 1 is not certified",
    }
    verdict = Verdict.HOLDS if ok else Verdict.INCONCLUSIVE
    return CheckResult(verdict, Evidence(
        "SymPy (exact factorisation, multipliers) + z3 (no period 2, invariant interval) + Coppel's theorem "
        "(cited) for the general step; ball arithmetic (arb 128 bits) for instances and the counterexample",
        precision="exact + arb 128 bits", proof=PROOF,
        parameters={"bound under test: eta sigma_1 <": str(bound)}, details=details,
        notes="C1 (2 eta sigma_1 < 1) is sufficient, not necessary: the sharp requirement is eta sigma_1 < 1 "
              "(general case via Coppel's theorem, cited; instances certified); for 1 < eta sigma_1 < "
              "sqrt(5) - 1 an attracting 2-cycle defeats (26) (certified); why not general: " + C1_SCOPE,
        scope="instances"))


# --------------------------------------------------------------------------------------------
# The other conditions of Cor. 3 on a grid of pairs, and the sharp condition (used by
# symdln.checks.discrete_limits.check_cor3_conditions).
# --------------------------------------------------------------------------------------------


def sharp_condition() -> tuple[Any, Any]:
    r"""(:math:`1/\tau^*(x)`, x): the sharp condition is :math:`\eta\sigma_{i+1} < 1/\tau^*(\eta\sigma_i)`,
    i.e. :math:`T_{i+1} > \tau^*(\eta\sigma_i)`; ``None`` if the threshold was not derived."""
    from symdln.certify.rescaled import derive_threshold

    d = derive_threshold()
    return (sp.simplify(1 / d["tau*"]) if d["ok"] else None), d["s"]


def log_lower_bound(x: Any) -> Any:
    r"""The lemma behind the sufficiency of Cor. 3's conditions: :math:`\log(1+x) \ge x - x^2/2`
    (0 < x < 1/2); this is its right-hand side."""
    return x - x**2 / 2


def log_lemma(lower: Callable[[Any], Any]) -> dict[str, Any]:
    r"""Prove :math:`g = 1/\tau^*(x) - \mathrm{lower}(x) \ge 0` on (0, 1/2): g(0) >= 0 (exact) and
    :math:`g' \ge 0` (z3, through :class:`~symdln.certify.smt.Translation`); else a certified
    point where g < 0, if one is found."""
    from symdln.certify.balls import enclose
    from symdln.certify.smt import Translation, Untranslatable

    sharp, x = sharp_condition()
    if sharp is None:
        return {"proved": False, "reason": "threshold not derived"}
    g = sharp - sp.sympify(lower(x))
    at0, dg = sp.simplify(g.subs(x, 0)), sp.simplify(sp.diff(g, x))
    try:
        st = Translation().prove(x < sp.Rational(1, 2), dg >= 0).status
    except Untranslatable as exc:
        st = f"unknown ({exc})"
    out: dict[str, Any] = {"lemma": f"{sp.sstr(sharp)} >= {sp.sstr(sp.sympify(lower(x)))}, 0 < s < 1/2",
                           "g(0) (exact)": str(at0), "g'(s)": str(dg), "z3: g' >= 0 on (0, 1/2)": st,
                           "proved": bool(at0.is_nonnegative is True and st == "proved")}
    if not out["proved"]:
        grid = sorted({Fraction(p, q) for q in range(2, 101) for p in range(1, q) if 2 * p < q},
                      key=lambda f: (f.denominator, f))
        for q in grid:
            val = enclose(g.subs(x, sp.Rational(q.numerator, q.denominator)), 128)
            if val < 0:
                out["certified counterexample"] = {"x": str(q), "g(x)": str(val)}
                break
    return out


def condition_grid(den: int = 12) -> list[tuple[Fraction, Fraction]]:
    """Pairs (a, b) = (eta sigma_i, eta sigma_{i+1}), 0 < b < a < 1/2, denominators <= den, smallest first."""
    fr = sorted({Fraction(p, q) for q in range(2, den + 1) for p in range(1, q) if 2 * p < q},
                key=lambda f: (f.denominator, f))
    return [(a, b) for a, b in itertools.product(fr, fr) if b < a]


def pair_limits_26(a: Fraction, b: Fraction) -> tuple[str, dict[str, Any]]:
    """(26) for the spectrum eta = 1, sigma = (a, b), lambda = sigma: the stated entries (i, j) = (1, 2)
    and (2, 1), certified ("certified"), refuted ("refuted", with the certificate) or "undecided"."""
    out: dict[str, Any] = {}
    for name, s, tau, claimed in (("w_i at delta T_{i+1}", a, 1 / b, "sigma/lambda"),
                                  ("w_{i+1} at delta T_i", b, 1 / a, "0")):
        lim = rescaled_limit(s, tau)
        if lim is None:
            return "undecided", out
        if lim[0] != claimed:
            return "refuted", {"eta": 1, "lambda": "sigma", "eta sigma_i": str(a), "eta sigma_{i+1}": str(b),
                               "entry": name, "claimed": claimed, "certified limit": lim[0],
                               "certificate": lim[1]}
        out[name] = lim[0]
    return "certified", out


def conditions_instances(conds: Callable[..., list[Any]]) -> dict[str, Any]:
    """Grid pairs inside the conditions with (26) certified (counted), the first one inside where (26)
    is refuted (certified), and the first one outside where (26) is certified (not necessary)."""
    counts = {"inside, (26) certified": 0, "outside, (26) certified": 0, "undecided": 0}
    failure = witness = None
    for a, b in condition_grid():
        inside = all(bool(v) for v in conds(Fraction(1), a, a, b))
        st, info = pair_limits_26(a, b)
        if st == "undecided":
            counts["undecided"] += 1
        elif inside and st == "certified":
            counts["inside, (26) certified"] += 1
        elif inside:
            failure = failure or info
        else:
            counts["outside, (26) certified"] += 1
            witness = witness or {"eta sigma_i": str(a), "eta sigma_{i+1}": str(b),
                                  "conditions": [bool(v) for v in conds(Fraction(1), a, a, b)], "(26)": info}
    a, b = _COUNTER_FIRST, _COUNTER_SECOND  # beyond C1: attracting 2-cycle
    if failure is None and all(bool(v) for v in conds(Fraction(1), a, a, b)):
        from symdln.certify.rescaled import two_cycle_certificate

        cert = two_cycle_certificate(a, 1, 1 / b)
        if cert is not None:
            failure = {"eta sigma_i": str(a), "eta sigma_{i+1}": str(b), "entry": "w_i at delta T_{i+1}",
                       "claimed": "sigma/lambda", "certified": "no limit sigma/lambda (attracting 2-cycle)",
                       "certificate": cert}
    return {"counts": counts, "failure": failure, "not necessary (witness)": witness}


def sharp_condition_evidence(den: int = 12, boundary: tuple[Fraction, ...] = (
        Fraction(1, 10), Fraction(1, 5), Fraction(3, 10), Fraction(2, 5))) -> dict[str, Any]:
    r"""The sharp condition :math:`\eta\sigma_{i+1} < 1/\tau^*(\eta\sigma_i)` (derived), both directions:
    on the grid pairs (a, b) where it holds, :math:`w_i \to \sigma_i/\lambda_i` at :math:`\delta T_{i+1}`
    is certified; where it fails strictly, the limit 0 is certified ((26) fails); at equality
    (:math:`a = e^b - 1`, :math:`1/\tau^*(a) = b` exactly), :math:`\limsup w_i < \sigma_i/\lambda_i` is
    certified (:func:`~symdln.certify.rescaled.limit_not_one_certificate`) for some :math:`\lambda_i`.
    Counted; a certified limit on the wrong side is reported as a contradiction."""
    import flint

    from symdln.certify.balls import enclose
    from symdln.certify.rescaled import boundary_lemma, limit_not_one_certificate

    sharp, x = sharp_condition()
    keys = ("holds: (26) certified", "violated strictly: (26) refuted (limit 0)",
            "equality: (26) refuted (limsup < sigma/lambda)", "undecided")
    n = dict.fromkeys(keys, 0)
    if sharp is None:
        return {"ok": False, "counts": n, "reason": "threshold not derived"}
    first: dict[str, Any] = {}
    contradiction = None
    for a, b in condition_grid(den):
        L, B = enclose(sharp.subs(x, sp.Rational(a.numerator, a.denominator)), 128), flint.arb(flint.fmpq(
            b.numerator, b.denominator))
        key, want = (keys[0], "sigma/lambda") if B < L else (keys[1], "0") if B > L else (keys[3], None)
        lim = rescaled_limit(a, 1 / b) if want else None
        if lim is None:
            n[keys[3]] += 1
        elif lim[0] == want:
            n[key] += 1
            first.setdefault(key, {"eta sigma_i": str(a), "eta sigma_{i+1}": str(b), "limit": lim[0]})
        else:
            contradiction = contradiction or {"eta sigma_i": str(a), "eta sigma_{i+1}": str(b), "side": key,
                                              "certified limit": lim[0], "certificate": lim[1]}
    lemma = boundary_lemma()
    for b in boundary:
        a = sp.exp(sp.Rational(b.numerator, b.denominator)) - 1
        A = enclose(a, 128)
        exact = same_formula(sharp.subs(x, a), sp.Rational(b.numerator, b.denominator))
        cert = next(((c, ct) for c in (Fraction(1, 2**j) for j in range(8))
                     if (ct := limit_not_one_certificate(A, c)) is not None), None)
        if exact and lemma == "proved" and cert is not None and A > flint.fmpq(b.numerator, b.denominator):
            n[keys[2]] += 1
            first.setdefault(keys[2], {"eta sigma_{i+1}": str(b), "eta sigma_i": f"exp({b}) - 1",
                                       "lambda_i/sigma_i": str(cert[0]), "certificate": cert[1]})
        else:
            n[keys[3]] += 1
    ok = contradiction is None and all(n[k] > 0 for k in keys[:3])
    rendered = sp.sstr(sharp.subs(x, sp.Symbol("eta") * sp.Symbol("sigma_i")))
    return {"ok": ok, "sharp condition": f"eta*sigma_(i+1) < {rendered}",
            "counts": n, "first instances": first, "contradiction": contradiction,
            "boundary lemma (z3)": lemma}


def c1_evidence() -> dict[str, Any]:
    """What is known about C1 (2 eta sigma_1 < 1): the fixed point's multiplier (exact) and float64
    orbits beyond C1 (numerical only, not a proof)."""
    from symdln.discrete import product_step

    w, sig, lam, eta, s = sp.symbols("w sigma lambda eta s", positive=True)
    mult = sp.simplify(sp.diff(product_step(w, sig, lam, eta), w).subs(w, sig / lam))
    attracting = sp.solve_univariate_inequality(sp.Abs(mult.subs(eta, s / sig)) < 1, s, relational=False)
    orbits = {}
    for sv in (0.6, 0.8, 0.95):
        xv = 1e-12  # x = lambda w / sigma
        for _ in range(5000):
            xv = xv * (1 + sv * (1 - xv)) ** 2
        orbits[str(sv)] = abs(xv - 1)
    return {"multiplier at sigma/lambda (exact)": str(mult),
            "attracting iff eta sigma in (SymPy)": str(attracting),
            "float64 |lambda w/sigma - 1| after 5000 steps from 1e-12 (numerical only)": orbits,
            "status": "C1 is what the monotone proof needs; check c1 of this claim "
                      "(symdln.checks.discrete_c1) relaxes it to eta sigma_1 < 1 (no period 2, z3; "
                      "Coppel's theorem, cited; certified instances) and shows it sharp (2-cycle)"}
