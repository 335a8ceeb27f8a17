"""Cor. 3 of Gidel, Bach, Lacoste-Julien (2019): is C1, eta < 1/(2 sigma_1), needed for (26)?

Per mode the product obeys w' = w (1 + eta(sigma - lambda w))^2.  With x = eta lambda w and
s = eta sigma: x' = f(x) = x (1 + s - x)^2; x = s is w = sigma/lambda.  Answer:

    C1 can be replaced by eta sigma_1 < 1 (with C2, or C3, or eta sigma_{i+1} < log(1 + eta sigma_i));
    for 1 < eta sigma_1 < sqrt(5) - 1 an attracting 2-cycle defeats (26).

What is computed: every [ok] step.  What is cited or argued: the [..] lines (Coppel's theorem for the
general 1/2 <= s < 1; uniform convergence on compact sets; the intermediate-value step of the
counterexample).  The instances are certified without the cited theorem.

Run: python proofs/discrete_c1.py   (under 2 s)
"""

from fractions import Fraction

import sympy as sp
import z3
from _step import argument, done, step

from symdln.certify.rescaled import (
    half_rise_window,
    limit_one_beyond_c1,
    limit_zero_certificate,
    two_cycle_certificate,
)
from symdln.certify.smt import prove
from symdln.checks.discrete_c1 import (
    crossing_times_x,
    in_window,
    instance_limits,
    no_period_two,
    period2_factor,
)
from symdln.discrete import product_step, rho

x, s = sp.symbols("x s", positive=True)
w, sig, lam, eta = sp.symbols("w sigma lambda eta", positive=True)


def f(z):
    return z * (1 + s - z) ** 2


step("x = eta lambda w, s = eta sigma turn the product recursion into x' = x (1 + s - x)^2",
     sp.expand(eta * lam * product_step(w, sig, lam, eta) - f(eta * lam * w).subs(s, eta * sig)) == 0)
step("f' = (1+s-x)(1+s-3x): multipliers f'(0) = (1+s)^2 (repelling), f'(s) = 1 - 2s "
     "(attracting iff 0 < s < 1)",
     sp.expand(sp.diff(f(x), x) - (1 + s - x) * (1 + s - 3 * x)) == 0
     and sp.expand(sp.diff(f(x), x).subs(x, s) - (1 - 2 * s)) == 0)
step("f is increasing on [0, (1+s)/3], decreasing on [(1+s)/3, 1+s], max M = 4(1+s)^3/27; "
     "f(x) > 0 on (0, 1+s)",
     sp.simplify(f((1 + s) / 3) - 4 * (1 + s) ** 3 / 27) == 0)
S = z3.Real("s")
step("z3: M < 1 + s for 0 < s < 1 ((1+s)^2 < 27/4), so f maps (0, 1+s) into (0, M] and [0, M] into itself",
     prove(z3.Implies(z3.And(S > 0, S < 1), 4 * (1 + S) ** 2 < 27)).status == "proved")
step("f(x) > x on (0, s): (1 + s - x)^2 > 1; so 0 repels and no orbit from (0, 1+s) tends to 0",
     sp.factor(f(x) - x) == sp.factor(x * (x - s) * (x - s - 2)))
Q = period2_factor(x, s)
step("f(f(x)) - x = x (x - s) Q, Q = (x - s - 2)(x^2 - (1+s) x + 1) Q4 (exact)",
     sp.expand(f(f(x)) - x - x * (x - s) * Q) == 0)
np2 = no_period_two(bound=Fraction(1))
step("z3: each factor of Q has one strict sign on 0 <= x <= 1+s, x != s, 0 < s <= 1: no point of period 2",
     np2["no period 2 (all factors of one sign)"], {k: v for k, v in np2.items() if "period" not in k})
argument("Coppel (1955; Block & Coppel, Dynamics in One Dimension, LNM 1513): a continuous map of a compact "
         "interval into itself without points of period 2 has every orbit convergent to a fixed point. "
         "Applied to f on [0, M] (cited, not computed): every orbit from (0, 1+s) converges to s, i.e. "
         "w_t -> sigma/lambda for every 0 < s < 1 (and s = 1, where the double root of x^2 - 2x + 1 is s)")
argument("uniform on compact subsets K of (0, 1+s) (standard: V = [s - r, s + r] with |f'| <= q < 1 "
         "is trapping; each point of K enters V, an open condition; compactness bounds the entry step)")

y = sp.Symbol("y")
step("the rise needs no C1: rho(y) = 1 - s(2+y)/(1+y)^2 is increasing (rho' = s(3+y)/(1+y)^3), "
     "rho(s) = (1+s)^-2, so u_{k+1} <= (1+s)^-2 u_k while u_k > 0 (x_k < s), whatever the sign of rho",
     sp.simplify(sp.diff(rho(y, s), y) - s * (3 + y) / (1 + y) ** 3) == 0
     and sp.simplify(rho(s, s) - (1 + s) ** -2) == 0)
argument("the zero side (tau < 1/log(1+s)) needs no C1 either: limit_zero_certificate only uses rho "
         "increasing and rho_U > 0 for large U (rho(s) > 0)")
z0 = limit_zero_certificate(Fraction(3, 4), 1, Fraction(17, 10))
step("instance (arb): s = 3/4, tau = 17/10 < 1/log(7/4) = 1.787: w -> 0", z0 is not None, z0)
o1 = limit_one_beyond_c1(Fraction(3, 4), 1, Fraction(5, 2))
step("instance (arb): s = 3/4, tau = 5/2: rise by delta tau_a, K = [b, M] invariant, f^N(K) in a trapping "
     "V, so |w_t - sigma/lambda| <= r q^n/(s c): w -> sigma/lambda (no cited theorem)", o1 is not None, o1)
win = half_rise_window(Fraction(3, 4), 1)
rows = crossing_times_x(Fraction(3, 4))
step("escape time without C1: t_h = delta/log(1+s) + O(1) (window with theta = 128/1323 < 1/2); "
     "certified half-rise steps at s = 3/4 lie inside",
     all(r["status"] == "certified" for r in rows) and all(in_window(rows, Fraction(3, 4), win)),
     [(r["delta"], r["t_half"]) for r in rows])
a, b = z3.Reals("a b")
pair = z3.And(a > 0, b > 0, b < a)
step("z3: C2 alone gives eta sigma_{i+1} < eta sigma_i - (eta sigma_i)^2/2 (<= log(1 + eta sigma_i))",
     prove(z3.Implies(z3.And(pair, a * a < 2 * (a - b)), b < a - a * a / 2)).status == "proved")
step("z3: so does C3 when eta sigma_i < 1 (C1 not used)",
     prove(z3.Implies(z3.And(pair, a < 1, 2 * b * b < a - b), b < a - a * a / 2)).status == "proved")
spec = (Fraction(3, 4), Fraction(2, 5), Fraction(1, 5))
inst = instance_limits(spec)
step("(26) certified for every (i, j) of eta = 1, sigma = (3/4, 2/5, 1/5): C2, C3 hold, C1 fails",
     inst["all certified"] and 2 * spec[0] >= 1, inst["table"])

p1 = (1 + s - sp.sqrt((1 + s) ** 2 - 4)) / 2
p2 = (1 + s + sp.sqrt((1 + s) ** 2 - 4)) / 2
step("s > 1: x^2 - (1+s)x + 1 has the real roots p1 p2 = 1, p1 + p2 = 1 + s, and f(p1) = p1 p2^2 = p2: "
     "a 2-cycle",
     sp.simplify(f(p1) - p2) == 0 and sp.simplify(f(p2) - p1) == 0)
step("its multiplier f'(p1) f'(p2) = 9 - 2(1+s)^2: attracting for 1 < s < sqrt(5) - 1, while |f'(s)| > 1",
     sp.simplify(sp.diff(f(x), x).subs(x, p1) * sp.diff(f(x), x).subs(x, p2) - (9 - 2 * (1 + s) ** 2)) == 0)
cx = two_cycle_certificate(Fraction(11, 10), 1, Fraction(20, 9))
step("certified (arb): s = 11/10, eta sigma_2 = 9/20 (C2, C3, sharp condition hold): trapping W around the "
     "2-cycle at distance >= 0.2 from s, a piece D' of [p0, f(p0)] enters W, orbits at delta = 10, 20, 40 "
     "are in W at floor(delta T_2)",
     cx is not None and all(o["|w_t - sigma/lambda| * s c >= d at t = floor(delta tau)"]
                            for o in cx["certified orbits"].values()),
     {k: cx[k] for k in ("multiplier 9 - 2(1+s)^2 (exact)", "dist(s, W) >=", "f^N(D') in W, N", "delta_min")})
argument("intermediate values: h (inverse of the increasing branch) has h(x) < x, so h^k(D') are nonempty "
         "intervals -> 0 and x_0 = s c e^{-2 delta} meets them at delta_k -> infinity; there "
         "w_{floor(delta_k T_2)} stays >= d/(s c) away from sigma_1/lambda_1: (26) fails for "
         "eta sigma_1 = 11/10")

done("discrete_c1")
