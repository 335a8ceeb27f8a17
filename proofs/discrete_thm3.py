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
  * the printed (23) lacks the numerator sigma (at t = 0 it reads w0/sigma <= w0 <= w0/sigma), its lower
    rate exp(-2s + 4s^2) is a valid relaxation of (1 + s)^-2, its upper rate exp(-2s - s^2) is not:
    u_{t+1}/u_t -> 1 - 2s < exp(-2s - s^2).

Run: python proofs/discrete_thm3.py   (about 2 s)
"""


import sympy as sp
import z3
from _step import argument, done, step

from symdln.certify.balls import certified_sign
from symdln.certify.smt import prove
from symdln.discrete import (
    derive_mode_step,
    layer_step_22,
    lower_printed,
    product_step,
    rho,
    u_step,
    upper_printed,
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

done("discrete_thm3")
