"""Thm. 3 of Gidel, Bach, Lacoste-Julien (2019): the per-mode recursions and the corrected bounds (23).

Derived here, each step asserted:
  * the matrix GD step of Sec. 3.2 (L = 2, Assump. 1, epsilon = 0) keeps the form
    W_1 = U diag(a) Q, W_2 = Q^T diag(a) V^T for orthogonal Q, with a' = a + eta a (sigma - lambda a^2)
    -- this is (22), for the per-layer value a_i; the product w_i = a_i^2 of Thm. 3 follows
    w' = w (1 + eta (sigma - lambda w))^2; for a non-orthogonal Q the form is lost;
  * u = 1/w - lambda/sigma obeys u' = rho u, rho = 1 - s (2 + y)/(1 + y)^2, y = eta (sigma - lambda w),
    s = eta sigma, and 1 - 2s <= rho <= (1 + s)^-2 on the invariant u >= 0 (z3);
  * hence, by induction, for 0 < w0 <= sigma/lambda and 2 eta sigma < 1, all t >= 0:
        sigma w0 / ((sigma - lambda w0)(1 + s)^(-2t) + lambda w0) <= w_t
                  <= sigma w0 / ((sigma - lambda w0)(1 - 2s)^t + lambda w0);
    for w0 > sigma/lambda the same upper bound and the lower bound with rate rho(y0),
    y0 = eta(sigma - lambda w0), hold when y0 > -1 and rho(y0) >= 0 (no overshoot);
  * the printed hypotheses do not bound x0 = eta lambda w0; in x = eta lambda w, s = eta sigma the
    recursion is x' = f(x) = x(1 + s - x)^2, and on the whole printed domain: the upper bound holds for
    all t iff x0 <= 3/2 + s (fails at t = 1 above); the orbit reaches 0 iff x0 is in
    Z = {p_0 = 1 + s < p_1 < ...} (p_{k+1} the only positive root of f = p_k, p_k -> 2 + s; y0 = -1 is
    p_0, and Z has rational points beyond it); otherwise for x0 < 2 + s the orbit enters the domain of
    the corrected bounds at a bounded time T and they hold from T on with w_T; for x0 >= 2 + s it
    stays at w0 or increases to infinity;
  * the printed (23) lacks the numerator sigma (at t = 0 it reads w0/sigma <= w0 <= w0/sigma), its lower
    rate exp(-2s + 4s^2) is a valid relaxation of (1 + s)^-2, its upper rate exp(-2s - s^2) is not:
    u_{t+1}/u_t -> 1 - 2s < exp(-2s - s^2).

Run: python proofs/discrete_thm3.py   (about 3 s)
"""


from fractions import Fraction

import sympy as sp
import z3
from _step import argument, done, step

from symdln.certify.balls import certified_sign
from symdln.certify.smt import prove
from symdln.checks.discrete_overshoot import (
    in_zero_set,
    overshoot_lemma,
    simplest_examples,
    zero_mode_matrix,
)
from symdln.discrete import (
    derive_mode_step,
    layer_step_22,
    lower_printed,
    orbit_fate,
    product_step,
    rho,
    u_step,
    upper_corrected,
    upper_printed,
    x_map,
)

# 1-2. The matrix step from the Thm. 3 form, U, V, Q symbolic rotations.
r = derive_mode_step(Q_orthogonal=True)
a, lam, sig, eta = r["a"], r["lambda"], r["sigma"], r["eta"]
D = sp.diag(*[layer_step_22(a[i], sig[i], lam[i], eta) for i in range(2)])
step("Q orthogonal: U^T W_1' Q^T = diag(a_i + eta a_i (sigma_i - lambda_i a_i^2)) -- this is (22)",
     (r["R1"] - D).applyfunc(sp.cancel).is_zero_matrix, r["R1"])
step("Q orthogonal: Q W_2' V = the same diagonal (the form is kept, same a_i in both layers)",
     (r["R2"] - D).applyfunc(sp.cancel).is_zero_matrix)
rq = derive_mode_step(Q_orthogonal=False)
gap = sp.factor(rq["R1"][0, 0] - rq["R2"][0, 0])
step("Q = diag(q, 1), q^4 != 1: the two layers get different updates (printed 'Q arbitrary' fails)",
     gap != 0 and gap.subs(rq["q"], 2) != 0, gap)

# 3. The variable of Thm. 3 is the product w = a^2.
A, S, L, E, w = sp.symbols("a sigma lambda eta w", positive=True)
step("(a')^2 = w (1 + eta(sigma - lambda w))^2 with w = a^2: the product recursion",
     sp.expand(layer_step_22(A, S, L, E) ** 2 - product_step(A**2, S, L, E)) == 0)
step("(22) applied to w is not the product recursion (w = 1/4, sigma = lambda = 1, eta = 1/4)",
     layer_step_22(sp.Rational(1, 4), 1, 1, sp.Rational(1, 4)) != product_step(sp.Rational(1, 4), 1, 1,
                                                                               sp.Rational(1, 4)),
     f"(22): {layer_step_22(sp.Rational(1, 4), 1, 1, sp.Rational(1, 4))}, "
     f"product: {product_step(sp.Rational(1, 4), 1, 1, sp.Rational(1, 4))}")

# 4. The u-recursion.
s, c = E * S, L / S
u = 1 / w - c
step("1/w' - lambda/sigma = u rho(s u/(u + c)), u = 1/w - lambda/sigma, s = eta sigma, c = lambda/sigma",
     sp.cancel(1 / product_step(w, S, L, E) - c - u_step(u, s, c)) == 0)
step("s u/(u + c) = eta (sigma - lambda w): the argument of rho is eta e",
     sp.cancel(s * u / (u + c) - E * (S - L * w)) == 0)
ss, y = sp.symbols("s y", positive=True)
step("rho increasing in y: d rho/dy = s (3 + y)/(1 + y)^3 > 0",
     sp.simplify(sp.diff(rho(y, ss), y) - ss * (3 + y) / (1 + y) ** 3) == 0)
step("rho(0) = 1 - 2s and rho(s) = (1 + s)^-2",
     sp.simplify(rho(0, ss) - (1 - 2 * ss)) == 0 and sp.simplify(rho(ss, ss) - 1 / (1 + ss) ** 2) == 0)

# 5. The one-step bounds by z3 (cleared of denominators), on the invariant u >= 0.
Sz, Cz, Uz, Yz = z3.Reals("s c u y")
hyp = z3.And(Sz > 0, 2 * Sz < 1, Cz > 0, Uz >= 0, Yz * (Uz + Cz) == Sz * Uz)
num = (1 + Yz) ** 2 - Sz * (2 + Yz)
r1 = prove(z3.Implies(hyp, z3.And(num >= (1 - 2 * Sz) * (1 + Yz) ** 2, 1 - 2 * Sz > 0)))
step("z3: 0 < 1 - 2s <= rho on 0 < 2s < 1, u >= 0 (so u stays >= 0: the invariant)", r1.status == "proved")
r2 = prove(z3.Implies(hyp, num * (1 + Sz) ** 2 <= (1 + Yz) ** 2))
step("z3: rho <= (1 + s)^-2", r2.status == "proved")

Y0 = z3.Real("y0")
num0 = (1 + Y0) ** 2 - Sz * (2 + Y0)
hyp_neg = z3.And(Sz > 0, 2 * Sz < 1, Y0 > -1, Y0 <= Yz, Yz <= 0, num0 >= 0)
r_neg = prove(z3.Implies(hyp_neg, z3.And(num * (1 + Y0) ** 2 >= num0 * (1 + Yz) ** 2,
                                          num <= (1 - 2 * Sz) * (1 + Yz) ** 2, num >= 0)))
step("z3, w0 > sigma/lambda (u0 < 0, y0 = eta(sigma - lambda w0)): if y0 > -1 and rho(y0) >= 0 then "
     "0 <= rho(y0) <= rho(y) <= 1 - 2s on y0 <= y <= 0, so u0 <= u_t <= 0 is invariant",
     r_neg.status == "proved")

# 6. Induction and the map back to w.
g, w0 = sp.symbols("g w_0", positive=True)
argument("induction: u_0 (1-2s)^t <= u_t <= u_0 (1+s)^(-2t) for u_0 >= 0, and "
         "u_0 (1-2s)^t <= u_t <= u_0 rho(y0)^t for u_0 < 0 without overshoot; base t = 0 is equality",
     "u_{t+1} = rho_t u_t with rho_t in [1-2s, (1+s)^-2] and u_t >= 0 (steps 7-10)")
step("sigma w0/((sigma - lambda w0) g + lambda w0) = 1/(u0 g + lambda/sigma), and w = 1/(u + lambda/sigma) "
     "decreases in u: the corrected bounds",
     sp.cancel(S * w0 / ((S - L * w0) * g + L * w0) - 1 / ((1 / w0 - c) * g + c)) == 0)

# 7. The printed rates.
X = -2 * Sz + 4 * Sz * Sz
r3 = prove(z3.Implies(z3.And(Sz > 0, 2 * Sz < 1), (1 + Sz) ** 2 * (1 + X + X * X / 2 + X**3 / 6) >= 1))
step("z3 + e^x >= 1 + x + x^2/2 + x^3/6: (1 + s)^-2 <= exp(-2s + 4s^2), the printed lower rate is valid",
     r3.status == "proved")
step("u_{t+1}/u_t = rho(eta e_t) -> rho(0) = 1 - 2s as w_t -> sigma/lambda: the upper rate 1 - 2s is sharp",
     sp.limit(rho(ss * y, ss), y, 0) == 1 - 2 * ss)
sgn = certified_sign(sp.exp(-2 * sp.Rational(1, 4) - sp.Rational(1, 16)) - (1 - 2 * sp.Rational(1, 4)))
step("exp(-2s - s^2) > 1 - 2s (s = 1/4, arb): the printed upper rate decays too slowly, so it fails for "
     "large t", sgn == 1)

# 8. The printed bounds at t = 0.
W0, S0, L0, E0 = sp.symbols("w0 sigma lambda eta", positive=True)
step("printed (23) at t = 0: both bounds equal w0/sigma (they need sigma = 1)",
     sp.simplify(lower_printed(0, W0, S0, L0, E0) - W0 / S0) == 0
     and sp.simplify(upper_printed(0, W0, S0, L0, E0) - W0 / S0) == 0)
v = upper_printed(0, sp.Rational(1, 2), 2, 1, sp.Rational(1, 8))
step("counterexample to the printed upper bound: sigma = 2, lambda = 1, eta = 1/8, w0 = 1/2, t = 0",
     v < sp.Rational(1, 2), f"bound {v} < w0 = 1/2")

# 9. The whole printed domain: 0 < w0 < 1 and 2 eta sigma < 1 leave x0 = eta lambda w0 unbounded.
xx = sp.Symbol("x", positive=True)
step("eta lambda w' = f(eta lambda w), f(x) = x(1 + s - x)^2: the recursion in x = eta lambda w",
     sp.expand(E * L * product_step(w, S, L, E) - x_map(E * L * w, E * S)) == 0)
step("f(x) = 0 iff x = 0 or x = 1 + s (y = s - x = -1): w_{t+1} = 0 iff w_t = 0 or y_t = -1",
     sp.expand(x_map(xx, ss) - xx * (xx - ss - 1) ** 2) == 0)
ex = simplest_examples()
e1 = ex["y0 = -1"]
step("y0 = -1 inside the printed domain (smallest height): sigma = 1/3, lambda = 2, eta = 1, w0 = 2/3, "
     "2 eta sigma = 2/3; w_1 = w_2 = w_3 = 0, so every positive lower bound fails for t >= 1",
     e1["parameters"] == {"sigma": Fraction(1, 3), "lambda": 2, "eta": 1, "w0": Fraction(2, 3)}
     and e1["w_0..w_3"][1:] == [0, 0, 0], e1["w_0..w_3"])
zm = zero_mode_matrix()
step("matrix GD (two modes, U, V, Q rational rotations): U^T W^(t) V = diag(w_t) with the mode at "
     "y0 = -1 equal to 0 for t = 1, 2, 3 (a zero mode stays zero)",
     zm["form kept with the product recursion"] and zm["mode 1 is 0 for t >= 1"], zm["iterates"])
lem = overshoot_lemma()
for key in [k for k in lem if k.startswith("z3 (")]:
    step(key + " (0 < 2s < 1)", lem[key] == "proved")
step("u' - (1 - 2s)u = c P(x)/(x f(x)) (SymPy), so (b), (c) say: u' >= (1-2s)u iff x <= 3/2 + s",
     lem["u' - (1-2s)u = c P/(x f)"] == "0")
argument("upper bound, whole printed domain: for x0 <= 3/2 + s, x_t stays in (0, 1 + s) from t = 1 on "
         "((a), (d)) or is 0 (x0 = 1 + s), and u_{t+1} >= (1 - 2s) u_t at every step (b): induction gives "
         "u_t >= u0 (1 - 2s)^t, the corrected upper bound; for x0 > 3/2 + s it fails at t = 1 (c)")
e4 = ex["upper fails at t = 1"]
step("smallest example with x0 > 3/2 + s: sigma = 1/3, lambda = 3, eta = 1, w0 = 2/3 (x0 = 2): "
     "w_1 = 8/27 > the corrected upper bound at t = 1",
     e4["w_0..w_3"][1] > upper_corrected(1, Fraction(2, 3), Fraction(1, 3), 3, 1),
     f"w_1 = {e4['w_0..w_3'][1]}, bound {upper_corrected(1, Fraction(2, 3), Fraction(1, 3), 3, 1)}")
step("Sturm counts at s = 1/4: f^k(x) = 1 + s has exactly one positive root p_k (k = 0, 1, 2), "
     "1 + s = p_0 < p_1 < p_2 < 2 + s", lem["zero set structure (Sturm counts)"] == "proved",
     lem["s = 1/4: positive roots p_k of f^k(x) = 1 + s (k = 0, 1, 2)"])
argument("zero set: f < 1 + s on [0, 1 + s] (a) and f increasing on (1 + s, oo) (f) with f(1 + s) = 0, "
         "f(2 + s) = 2 + s: every a in [1 + s, 2 + s) has exactly one positive preimage, in (1 + s, 2 + s); "
         "so the orbit reaches 0 iff x0 = p_k for some k, p_{k+1} = f^-1(p_k) > p_k, and p_k increases to "
         "a fixed point in (1 + s, 2 + s], i.e. to 2 + s")
e2 = ex["w_2 = 0, w_1 != 0"]
s2, x2 = e2["eta sigma"], e2["x0 = eta lambda w0"]
step("rational p_1 (1 + s = d^3/(1 - d^2), p_1 = 1 + s + d, d = 4/5): sigma = 19/15, lambda = 10, eta = 1/3, "
     "w0 = 2/3 (s = 19/45, x0 = 20/9, y0 = -9/5): w_1 = 32/75 != 0, w_2 = 0 -- Z is larger than {y0 = -1}",
     x_map(x2, s2) == 1 + s2 and e2["w_0..w_3"][1] != 0 and e2["w_0..w_3"][2] == 0
     and in_zero_set(s2, x2), e2["w_0..w_3"])
argument("entrance time: on [1 + s, x0], x0 < 2 + s, each step lowers x by >= (1 + s)(2 + s - x0) (e), so "
         "x_t < 1 + s (or = 1 + s, then 0) after at most ceil((x0 - 1 - s)/((1 + s)(2 + s - x0))) steps; in "
         "(0, 1 + s) either no overshoot, or one overshoot lands in (0, s) (h): the corrected domain is "
         "reached at T <= 1 + that; the recursion is autonomous, so the corrected bounds hold from T on "
         "with w_T in place of w0 and w_t -> sigma/lambda")
e3 = ex["fixed point 2 + s"]
step("x0 = 2 + s is a fixed point off the limit: sigma = 1/4, lambda = 3, eta = 1, w0 = 3/4: w_t = 3/4 "
     "for all t, sigma/lambda = 1/12; x0 > 2 + s: f(x) - x >= f(x0) - x0 > 0 (g), w_t increases to infinity",
     e3["w_0..w_3"] == [Fraction(3, 4)] * 4 and lem["z3 (g) f(x) - x >= f(x0) - x0 > 0 for x >= x0 > 2+s"]
     == "proved" and orbit_fate(Fraction(1, 2), Fraction(1, 4), 6, 1) == ("diverges", None))

done("discrete_thm3")
