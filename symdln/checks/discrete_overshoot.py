r"""Thm. 3 of paper 1, eq. (23), on the whole printed domain: the overshoot region.

The printed hypotheses :math:`0 < w_0 < 1`, :math:`2\eta\sigma < 1` do not bound
:math:`x_0 = \eta\lambda w_0`.  In :math:`x = \eta\lambda w`, :math:`s = \eta\sigma` the product
recursion is :math:`x' = f(x) = x(1 + s - x)^2` (fixed points 0, s, 2 + s; :math:`f = 0` at 1 + s),
and :math:`y_0 = \eta(\sigma - \lambda w_0) = s - x_0`.  What is proved here
(:func:`overshoot_lemma`, SymPy + z3) and judged on exact rational orbits:

* upper bound (rate :math:`1 - 2\eta\sigma`): holds for all t iff :math:`x_0 \le 3/2 + s`
  (overshoot and :math:`y_0 = -1` included); fails at t = 1 above;
* :math:`y_0 = -1` (:math:`x_0 = 1 + s`): :math:`w_t = 0` for t >= 1, every positive lower bound fails;
  the orbit reaches 0 iff :math:`x_0 \in Z = \{p_0 = 1 + s < p_1 < \dots\} \uparrow 2 + s`,
  :math:`f(p_{k+1}) = p_k` -- larger than :math:`\{y_0 = -1\}` (exact rational :math:`p_1`);
* :math:`x_0 < 2 + s`, :math:`x_0 \notin Z`: the orbit enters the domain of the corrected bounds at a
  finite, explicitly bounded time T, and the corrected bounds hold from T on with :math:`w_T`;
* :math:`x_0 \ge 2 + s`: :math:`w_t = w_0` (equality) or :math:`w_t \uparrow \infty`: no convergence.

Each judged statement is a parameter, so that a wrong one gives ``FAILS`` with its counterexample.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from fractions import Fraction
from functools import lru_cache
from typing import Any

import sympy as sp

from symdln.discrete import (
    lower_corrected_general,
    no_overshoot,
    orbit_fate,
    product_step,
    upper_valid,
    x_map,
)
from symdln.verdict import CheckResult, Evidence, Verdict

__all__ = [
    "check_lower_overshoot",
    "check_zero_set",
    "entrance_time",
    "in_zero_set",
    "overshoot_grid",
    "overshoot_lemma",
    "simplest_examples",
    "zero_mode_matrix",
]

PROOF = "proofs/discrete_thm3.py"
P = dict[str, Fraction]


def _height(q: Fraction) -> int:
    return max(abs(q.numerator), q.denominator)


def _rationals(h: int) -> list[Fraction]:
    """Positive rationals of height <= h, increasing height."""
    qs = {Fraction(p, q) for p in range(1, h + 1) for q in range(1, h + 1)}
    return sorted(qs, key=lambda q: (_height(q), q))


def _printed(p: P) -> bool:
    return 0 < p["w0"] < 1 and 0 < 2 * p["eta"] * p["sigma"] < 1


def _sx(p: P) -> tuple[Fraction, Fraction]:
    return p["eta"] * p["sigma"], p["eta"] * p["lambda"] * p["w0"]


def _fate(p: P) -> tuple[str, int | None]:
    return orbit_fate(p["w0"], p["sigma"], p["lambda"], p["eta"])


def _orbit(p: P, tmax: int) -> list[Fraction]:
    w = [p["w0"]]
    for _ in range(tmax):
        w.append(product_step(w[-1], p["sigma"], p["lambda"], p["eta"]))
    return w


@lru_cache(maxsize=1)
def overshoot_grid() -> tuple[P, ...]:
    """The candidate grid of Thm. 3's printed domain (``checks.discrete.candidates``) outside the
    domain of the corrected bounds (w0 > sigma/lambda with overshoot or y0 <= -1), as Fractions,
    and the simplest exact examples of :func:`simplest_examples` appended."""
    from symdln.checks.discrete import candidates

    out = []
    for c in candidates():
        p = {k: Fraction(int(v.p), int(v.q)) for k, v in c.items()}
        above = p["w0"] * p["lambda"] > p["sigma"]
        if above and not no_overshoot(p["w0"], p["sigma"], p["lambda"], p["eta"]):
            out.append(p)
    out += [dict(e["parameters"]) for e in simplest_examples().values()]
    return tuple(out)


# ---------------------------------------------------------------------------------------------
# the lemma


@lru_cache(maxsize=1)
def overshoot_lemma() -> dict[str, Any]:
    r"""Prove the facts about :math:`f(x) = x(1+s-x)^2` on the printed domain :math:`0 < 2s < 1`.

    SymPy (exact): :math:`\eta\lambda w' = f(\eta\lambda w)`; :math:`f(x) - x = x(x-s)(x-s-2)`;
    :math:`f'(x) = (x-1-s)(3x-1-s)`; with :math:`u = c(s/x - 1)`,
    :math:`u' - (1-2s)u = c\,P(x)/(x f(x))`, :math:`P = sx - xf - (1-2s)(sf - xf)`.
    z3: (a) :math:`0 \le x \le 1+s \Rightarrow f(x) < 1+s`; (b) :math:`P \ge 0` on
    :math:`0 < x \le 3/2+s`; (c) :math:`P < 0` for :math:`x > 3/2+s`; (d) :math:`0 < f(x) < 1+s` on
    :math:`1+s < x \le 3/2+s`; (e) :math:`x - f(x) \ge (1+s)(2+s-x_0) > 0` on
    :math:`1+s \le x \le x_0 < 2+s`; (f) f increasing on :math:`x > 1+s`; (g)
    :math:`f(x) - x \ge f(x_0) - x_0 > 0` for :math:`x \ge x_0 > 2+s`; (h) overshoot
    (:math:`s < x < 1+s`, :math:`f(x) < s`) lands in :math:`(0, s)`.
    Sturm counts at :math:`s = 1/4`: :math:`f^k(x) = 1+s` has exactly one positive root
    :math:`p_k` for k = 0, 1, 2, and :math:`1+s = p_0 < p_1 < p_2 < 2+s`.

    >>> overshoot_lemma()["status"]
    'proved'
    """
    import z3

    from symdln.certify.smt import prove

    x, s, w, sig, lam, eta, c = sp.symbols("x s w sigma lambda eta c", positive=True)
    f = x_map(x, s)
    ident = {
        "eta lambda w' = f(eta lambda w)": sp.expand(eta * lam * product_step(w, sig, lam, eta)
                                                     - x_map(eta * lam * w, eta * sig)),
        "f(x) - x = x(x-s)(x-s-2)": sp.expand(f - x - x * (x - s) * (x - s - 2)),
        "f'(x) = (x-1-s)(3x-1-s)": sp.expand(sp.diff(f, x) - (x - 1 - s) * (3 * x - 1 - s)),
    }
    Pp = s * x - x * f - (1 - 2 * s) * (s * f - x * f)
    ident["u' - (1-2s)u = c P/(x f)"] = sp.cancel(c * (s / f - 1) - (1 - 2 * s) * c * (s / x - 1)
                                                   - c * Pp / (x * f))
    S, X, X0 = z3.Reals("s x x0")
    F = X * (1 + S - X) ** 2
    F0 = X0 * (1 + S - X0) ** 2
    Pz = S * X - X * F - (1 - 2 * S) * (S * F - X * F)
    dom = z3.And(S > 0, 2 * S < 1)
    h = z3.RealVal(3) / 2
    claims = {
        "(a) f < 1+s on [0, 1+s]": z3.Implies(z3.And(dom, X >= 0, X <= 1 + S), F < 1 + S),
        "(b) u' >= (1-2s)u on 0 < x <= 3/2+s": z3.Implies(z3.And(dom, X > 0, X <= h + S), Pz >= 0),
        "(c) u' < (1-2s)u for x > 3/2+s": z3.Implies(z3.And(dom, X > h + S), Pz < 0),
        "(d) 0 < f < 1+s on (1+s, 3/2+s]": z3.Implies(z3.And(dom, X > 1 + S, X <= h + S),
                                                       z3.And(F > 0, F < 1 + S)),
        "(e) x - f(x) >= (1+s)(2+s-x0) on [1+s, x0], x0 < 2+s": z3.Implies(
            z3.And(dom, X >= 1 + S, X <= X0, X0 < 2 + S), X - F >= (1 + S) * (2 + S - X0)),
        "(f) f increasing on x > 1+s": z3.Implies(z3.And(dom, X > 1 + S, X0 > X), F0 > F),
        "(g) f(x) - x >= f(x0) - x0 > 0 for x >= x0 > 2+s": z3.Implies(
            z3.And(dom, X >= X0, X0 > 2 + S), z3.And(F - X >= F0 - X0, F0 - X0 > 0)),
        "(h) overshoot lands in (0, s)": z3.Implies(z3.And(dom, X > S, X < 1 + S, F < S),
                                                     z3.And(F > 0, F < S)),
    }
    res = {k: prove(v) for k, v in claims.items()}
    # the zero set at s = 1/4: one positive root of f^k(x) = 1 + s, increasing in k, below 2 + s
    sq = sp.Rational(1, 4)
    fk, roots = x, []
    for _ in range(3):
        poly = sp.Poly(fk - (1 + sq), x) if fk != x else sp.Poly(x - (1 + sq), x)
        roots.append((poly.count_roots(0, None) if poly.degree() > 1 else 1,
                      [r for r in sp.real_roots(poly) if r > 0]))
        fk = sp.expand(x_map(fk, sq))
    ps = [rs[0] for n, rs in roots if n == 1 and len(rs) == 1]
    zero_ok = len(ps) == 3 and all(a < b for a, b in itertools.pairwise(ps)) and ps[-1] < 2 + sq
    ok = all(v == 0 for v in ident.values()) and all(r.status == "proved" for r in res.values()) and zero_ok
    return {
        "status": "proved" if ok else "not proved",
        **{k: str(v) for k, v in ident.items()},
        **{f"z3 {k}": r.status for k, r in res.items()},
        "z3 seconds": round(sum(r.seconds for r in res.values()), 3),
        "s = 1/4: positive roots p_k of f^k(x) = 1 + s (k = 0, 1, 2)": [sp.N(p, 12) for p in ps],
        "zero set structure (Sturm counts)": "proved" if zero_ok else "not proved",
    }


# ---------------------------------------------------------------------------------------------
# exact examples and the matrix dynamics


def _min_by_height(pred: Callable[[P], bool], ps: Any) -> P | None:
    best: tuple[tuple[int, int], P] | None = None
    for p in ps:
        if _printed(p) and pred(p):
            hs = [_height(v) for v in p.values()]
            key = (max(hs), sum(hs))
            if best is None or key < best[0]:
                best = (key, p)
    return None if best is None else best[1]


def _solve_lambda(target: Callable[[Fraction], Fraction], h: int) -> Any:
    """(sigma, eta, w0) of height <= h with lambda solved from eta lambda w0 = target(eta sigma)."""
    for sigma, eta, w0 in itertools.product(_rationals(h), repeat=3):
        lam = target(eta * sigma) / (eta * w0)
        yield {"sigma": sigma, "lambda": lam, "eta": eta, "w0": w0}


@lru_cache(maxsize=1)
def simplest_examples(h: int = 4) -> dict[str, dict[str, Any]]:
    r"""Smallest-height exact examples in the printed domain (height of p/q = max(|p|, q); the
    maximum over (sigma, lambda, eta, w0), then the sum, is minimised):

    * ``"y0 = -1"``: :math:`x_0 = 1 + s` (:math:`w_1 = 0`), (sigma, eta, w0) of height <= h;
    * ``"w_2 = 0, w_1 != 0"``: :math:`x_0 = p_1`.  Rational :math:`p_1` are exactly
      :math:`1 + s = d^3/(1-d^2)`, :math:`p_1 = 1 + s + d` for rational d (from
      :math:`f(1 + s + d) = (1 + s + d)d^2 = 1 + s`); searched over d of height <= 12, then
      (eta, w0) of height <= 12;
    * ``"fixed point 2 + s"`` and ``"upper fails at t = 1"`` (:math:`x_0 > 3/2 + s`).
    """
    out: dict[str, dict[str, Any]] = {}
    e1 = _min_by_height(lambda p: True, _solve_lambda(lambda s: 1 + s, h))
    e3 = _min_by_height(lambda p: True, _solve_lambda(lambda s: 2 + s, h))
    grid = ({"sigma": a, "lambda": b, "eta": c, "w0": d}
            for a, b, c, d in itertools.product(_rationals(3), repeat=4))
    e4 = _min_by_height(lambda p: not upper_valid(p["w0"], p["sigma"], p["lambda"], p["eta"]), grid)

    def p1_family() -> Any:
        for d in _rationals(12):
            if not d < 1:
                continue
            s = d**3 / (1 - d**2) - 1
            if not 0 < 2 * s < 1:
                continue
            x0 = 1 + s + d
            for eta, w0 in itertools.product(_rationals(12), repeat=2):
                yield {"sigma": s / eta, "lambda": x0 / (eta * w0), "eta": eta, "w0": w0}

    e2 = _min_by_height(lambda p: True, p1_family())
    for name, e in (("y0 = -1", e1), ("w_2 = 0, w_1 != 0", e2), ("fixed point 2 + s", e3),
                    ("upper fails at t = 1", e4)):
        if e is None:  # pragma: no cover - the searches succeed
            continue
        s, x0 = _sx(e)
        w = _orbit(e, 3)
        out[name] = {"parameters": e, "eta sigma": s, "x0 = eta lambda w0": x0, "y0": s - x0,
                     "2 eta sigma": 2 * s, "w_0..w_3": w, "fate": _fate(e)}
    return out


def zero_mode_matrix(steps: int = 3) -> dict[str, Any]:
    r"""The matrix GD step of Sec. 3.2 with a mode at :math:`y_0 = -1` (exact, sqrt kept symbolic).

    Two modes, U, V, Q rational rotations, :math:`W_1 = U\mathrm{diag}(a)Q`,
    :math:`W_2 = Q^T\mathrm{diag}(a)V^T`, mode 1 the simplest ``"y0 = -1"`` example, mode 2
    :math:`\sigma = 1/4, \lambda = 1, w_0 = 1/16` (same eta).  Returns whether
    :math:`U^T W_1^{(t)}W_2^{(t)} V = \mathrm{diag}(w_t)` with :math:`w_t` the product recursion, and
    whether mode 1 is 0 for t = 1..steps (w = 0 is a fixed point of the recursion).
    """
    from symdln.discrete import gd_step_two_layer

    e = simplest_examples()["y0 = -1"]["parameters"]
    R = sp.Rational

    def q(v: Fraction) -> sp.Rational:
        return R(v.numerator, v.denominator)

    def rot(k: sp.Rational) -> sp.Matrix:
        return sp.Matrix([[1 - k**2, -2 * k], [2 * k, 1 - k**2]]) / (1 + k**2)

    U, V, Q = rot(R(1, 2)), rot(R(1, 3)), rot(R(2, 5))
    eta = q(e["eta"])
    sig, lam, w = [q(e["sigma"]), R(1, 4)], [q(e["lambda"]), R(1)], [q(e["w0"]), R(1, 16)]
    Sx, Sxy = U * sp.diag(*lam) * U.T, U * sp.diag(*sig) * V.T
    W1 = U * sp.diag(*[sp.sqrt(v) for v in w]) * Q
    W2 = Q.T * sp.diag(*[sp.sqrt(v) for v in w]) * V.T
    agree, zero = True, True
    rows = []
    for t in range(1, steps + 1):
        W1, W2 = (M.applyfunc(sp.expand) for M in gd_step_two_layer(W1, W2, Sx, Sxy, eta))
        w = [product_step(w[i], sig[i], lam[i], eta) for i in range(2)]
        D = (U.T * W1 * W2 * V).applyfunc(sp.expand)
        agree = agree and (D - sp.diag(*w)).applyfunc(sp.expand).is_zero_matrix
        zero = zero and w[0] == 0 and (U.T * W1 * Q.T).applyfunc(sp.expand)[0, :].is_zero_matrix
        rows.append({"t": t, "diag(U^T W V)": [str(D[0, 0]), str(D[1, 1])]})
    return {"form kept with the product recursion": agree, "mode 1 is 0 for t >= 1": zero,
            "iterates": rows, "mode 1": {k: str(v) for k, v in e.items()}}


# ---------------------------------------------------------------------------------------------
# the zero set


def in_zero_set(s: Fraction, x0: Fraction) -> bool:
    r"""The proved description of the orbits that reach 0: :math:`x_0 \in Z`,
    :math:`Z = \{p_0 = 1 + s < p_1 < \dots\}`, :math:`p_{k+1}` the only positive root of
    :math:`f(x) = p_k`.  Decided by following :math:`f` down through :math:`[1 + s, 2 + s)` (each
    step there decreases x by at least :math:`(1+s)(2+s-x_0)`, lemma (e)): x0 is in Z iff it
    reaches 1 + s before leaving that interval."""
    x = x0
    while 1 + s < x < 2 + s:
        x = x_map(x, s)
    return x == 1 + s


def _zero_points() -> list[P]:
    ex = simplest_examples()
    return list(overshoot_grid()) + [dict(ex[k]["parameters"]) for k in ("y0 = -1", "w_2 = 0, w_1 != 0")]


def check_zero_set(member: Callable[[Fraction, Fraction], bool] = in_zero_set) -> CheckResult:
    r"""Judge a description of the initial values whose orbit reaches 0 (Thm. 3, printed domain):
    ``member(s, x0)`` (s = eta sigma, x0 = eta lambda w0) must be True exactly when some
    :math:`w_t = 0`.  Compared with exact rational orbits on the overshoot grid and the exact
    examples; the default is proved by :func:`overshoot_lemma`."""
    for p in _zero_points():
        s, x0 = _sx(p)
        fate = _fate(p)
        hits = fate[0] == "zero"
        if member(s, x0) != hits:
            return CheckResult(Verdict.FAILS, Evidence(
                "exact rational orbit of the derived product recursion", precision="exact",
                counterexample={**p, "eta sigma": s, "x0": x0, "y0": s - x0, "orbit": _orbit(p, 3),
                                "orbit fate": fate, "claimed in zero set": member(s, x0)}))
    if member is not in_zero_set:
        return CheckResult(Verdict.INCONCLUSIVE, Evidence(
            "exact rational orbits", notes="agrees on the grid; not proved for all parameters"))
    lem = overshoot_lemma()
    return CheckResult(
        Verdict.HOLDS if lem["status"] == "proved" else Verdict.INCONCLUSIVE,
        Evidence("SymPy factorisation f(x) = x(x - 1 - s)^2; z3 (a), (d)-(f); Sturm counts",
                 precision="exact", details=lem, proof=PROOF,
                 notes="w_{t+1} = 0 iff w_t = 0 or x_t = 1 + s; f < 1 + s on [0, 1 + s] and f increasing "
                       "on (1 + s, oo) with f(1 + s) = 0, f(2 + s) = 2 + s: each p_k has exactly one "
                       "positive preimage p_{k+1}, in (p_k, 2 + s); p_k increases to 2 + s (the only "
                       "fixed point above)", scope="general"))


# ---------------------------------------------------------------------------------------------
# the bounds on the overshoot region


def entrance_time(p: P) -> int | None:
    """The proved statement's entrance time: the first t with w_t in the domain of the corrected
    bounds (w_t <= sigma/lambda, or no overshoot); None when the orbit reaches 0 or x0 >= 2 + s."""
    kind, t = _fate(p)
    return t if kind == "enters" else None


def check_lower_overshoot(entrance: Callable[[P], int | None] = entrance_time,
                          bound: Callable[..., Any] = lower_corrected_general,
                          horizon: int = 3) -> CheckResult:
    r"""Judge a lower-bound statement on the overshoot part of the printed domain of Thm. 3 (23):
    ``entrance(p)`` = T claims :math:`w_t \ge` ``bound(t - T, w_T, ...)`` for all t >= T; None claims
    that the orbit reaches 0 or never approaches :math:`\sigma/\lambda` (:math:`x_0 \ge 2 + s`).
    Exact iterates, t <= T + ``horizon``."""
    for p in overshoot_grid():
        T, fate = entrance(p), _fate(p)
        s, x0 = _sx(p)
        base = {**p, "y0": s - x0, "orbit fate": fate}
        if T is None:
            if fate[0] == "enters":
                return CheckResult(Verdict.FAILS, Evidence(
                    "exact rational orbit", precision="exact",
                    counterexample={**base, "claimed": "no entrance (zero or x0 >= 2 + s)"}))
            continue
        orbit = _orbit(p, T + horizon)
        for t in range(T, T + horizon + 1):
            try:
                b = bound(t - T, orbit[T], p["sigma"], p["lambda"], p["eta"])
            except ZeroDivisionError:
                b = None
            if b is None or orbit[t] < b:
                return CheckResult(Verdict.FAILS, Evidence(
                    "exact rational iterates of the derived product recursion", precision="exact",
                    counterexample={**base, "T": T, "t": t, "w_t": orbit[t],
                                    "bound_t": "undefined (y_T = -1)" if b is None else b}))
    if entrance is not entrance_time or bound is not lower_corrected_general:
        return CheckResult(Verdict.INCONCLUSIVE, Evidence(
            "exact rational iterates", notes="no violation on the grid; not proved for all parameters"))
    lem = overshoot_lemma()
    return CheckResult(
        Verdict.HOLDS if lem["status"] == "proved" else Verdict.INCONCLUSIVE,
        Evidence("the recursion is autonomous, so the corrected bounds (one-step lemma) apply from the "
                 "entrance time T with w_T; T is finite: on [1 + s, x0] each step lowers x by "
                 ">= (1 + s)(2 + s - x0) (z3 (e)), (0, 1 + s) is invariant (z3 (a)) and an overshoot lands "
                 "in (0, s) (z3 (h)); orbits through 1 + s reach 0 (zero set); x0 >= 2 + s: "
                 "f(x) >= x there (z3 (g))", precision="exact", details=lem, proof=PROOF, scope="general"))




