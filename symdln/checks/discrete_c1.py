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
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from fractions import Fraction
from typing import Any

import sympy as sp

from symdln.certify.arbmat import to_z3
from symdln.discrete import x_map
from symdln.verdict import CheckResult, Evidence, Verdict

__all__ = ["C1_PRINTED", "check_cor3_c1", "crossing_times_x", "instance_limits", "no_period_two",
           "period2_factor"]

PROOF = "proofs/discrete_c1.py"

#: C1 as printed, as a bound on s = eta sigma_1: eta sigma_1 < 1/2
C1_PRINTED = Fraction(1, 2)

_x, _s = sp.symbols("x s")

#: spectra (eta = 1, lambda = 1) with C2, C3 and the sharp condition but not C1
BEYOND_C1 = ((Fraction(3, 4), Fraction(2, 5), Fraction(1, 5)), (Fraction(19, 20), Fraction(9, 20)))
#: eta sigma_2 of the counterexample spectrum (eta sigma_1 > 1); C2, C3, sharp hold
_COUNTER_SECOND = Fraction(9, 20)


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
    """C2 or C3, and the sharp condition: the instance tests C1 alone."""
    return (conds["C2"] or conds["C3"]) and conds["sharp (certified)"]


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
    wit = _identity_witness(period2)
    if wit is not None:
        return CheckResult(Verdict.FAILS, Evidence(
            "exact expansion (SymPy) of f_s(f_s(x)) - x against x (x - s) Q", precision="exact",
            counterexample=wit, notes="the given Q does not describe the points of period 2"))
    mult = {"f_s'(s) (exact)": str(sp.factor(sp.diff(x_map(_x, _s), _x).subs(_x, _s))),
            "f_s'(0) (exact)": str(sp.factor(sp.diff(x_map(_x, _s), _x).subs(_x, 0))),
            "2-cycle x^2 - (1+s) x + 1: multiplier (exact)":
                "9 - 2 (1+s)^2, in (-1, 1) iff 1 < s < sqrt(5) - 1"}
    s_c = min(Fraction(11, 10), (1 + bound) / 2) if bound > 1 else Fraction(11, 10)
    spec_c = (s_c, _COUNTER_SECOND)
    counter = two_cycle_certificate(s_c, 1, 1 / _COUNTER_SECOND)
    counter_info = {"spectrum (eta = 1, lambda = 1)": [str(v) for v in spec_c],
                    "conditions": _conditions(spec_c),
                    "i, j": "1, 2", "claimed": "w_1 -> sigma_1/lambda_1 at delta T_2",
                    "certificate": counter}
    if bound > 1:
        if counter is None or not _within_other_conditions(counter_info["conditions"]):
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
    c2_alone = prove(z3.Implies(z3.And(pair, a * a < 2 * (a - b)), b < a - a * a / 2)).status
    c3_below_1 = prove(z3.Implies(z3.And(pair, a < 1, 2 * b * b < a - b), b < a - a * a / 2)).status
    inst = {", ".join(str(v) for v in sp_): {"conditions": _conditions(sp_), **instance_limits(sp_)}
            for sp_ in BEYOND_C1}
    cross = crossing_times_x(Fraction(3, 4))
    from symdln.certify.rescaled import half_rise_window

    win = half_rise_window(Fraction(3, 4), 1)
    lo, hi = -float(win["C_minus"].upper()), float(win["C_plus"].upper())
    in_window = all(r["status"] == "certified" and lo <= r["t_half - delta/log(1+s)"] <= hi for r in cross)
    ok = (np2["no period 2 (all factors of one sign)"] and into == "proved" and counter is not None
          and c2_alone == "proved" and c3_below_1 == "proved"
          and in_window and all(v["all certified"] for v in inst.values())
          and all(_within_other_conditions(v["conditions"]) and not v["conditions"]["C1 (2 eta sigma_1 < 1)"]
                  and v["conditions"]["eta sigma_1 < 1"] for v in inst.values()))
    details = {
        "multipliers": mult,
        "z3: no period 2 of f_s on [0, 1+s], 0 < s <= 1 (per factor of Q)": np2,
        "z3: f_s([0, 1+s]) in [0, 4(1+s)^3/27] in [0, 1+s) for 0 < s < 1": into,
        "z3: C2 alone implies eta sigma_{i+1} < eta sigma_i - (eta sigma_i)^2/2 <= log(1 + eta sigma_i)":
            c2_alone,
        "z3: C3 and eta sigma_i < 1 imply the same (C1 not used)": c3_below_1,
        "cited": "Coppel (1955): no period 2 on a compact interval => every orbit converges to a fixed "
                 "point; f_s(x) > x on (0, s), so orbits from (0, 1+s) converge to s (argued, not computed)",
        "argued": "uniform convergence on compact subsets of (0, 1+s) (attracting fixed point, compact "
                  "subset of its basin); with the rise (u_{k+1} <= (1+s)^-2 u_k while x_k < s, any s) "
                  "and the zero side (limit_zero_certificate needs no C1) this gives (26) for "
                  "eta sigma_1 < 1 with C2 or C3 or the sharp condition "
                  "eta sigma_{i+1} < log(1 + eta sigma_i)",
        "certified instances beyond C1 (no cited theorem)": inst,
        "certified half-rise steps, eta sigma = 3/4 (ball iteration)": cross,
        "proved window there (t_h - delta/log(1+s))": [f"{lo:.6f}", f"{hi:.6f}"],
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
              "sqrt(5) - 1 an attracting 2-cycle defeats (26) (certified)", scope="instances"))
