"""The sigma = 0 branch of Thm. 3 (Gidel, Bach, Lacoste-Julien 2019): exact region of validity.

Printed: w_i^(t) <= w_i^(0) / (1 + w_i^(0) lambda_i eta t) for r_xy <= i <= r_x.
Proved here, with x = eta lambda w and phi = (1 + sqrt 5)/2:
  * for sigma = 0 the product recursion is w' = w (1 - x)^2 and 1/w' - 1/w = eta lambda (2 - x)/(1 - x)^2;
  * if 0 < x <= phi then the increment is >= eta lambda and x' <= x: by induction the bound holds for all t;
  * if x > phi the bound fails at t = 1;
  * the printed range includes i = r_xy, whose sigma > 0: there the iterate increases and the bound fails.

Run: python proofs/discrete_sigma0.py   (under 1 s)
"""


import sympy as sp
import z3
from _step import argument, done, step

from symdln.certify.smt import prove
from symdln.discrete import product_step, sigma0_bound_printed

w, lam, eta = sp.symbols("w lambda eta", positive=True)
x = eta * lam * w
step("sigma = 0: 1/w' - 1/w = eta lambda (2 - x)/(1 - x)^2, x = eta lambda w",
     sp.cancel(1 / product_step(w, 0, lam, eta) - 1 / w - eta * lam * (2 - x) / (1 - x) ** 2) == 0)
X = z3.Real("x")
in_region = z3.And(X > 0, X * X <= X + 1)  # 0 < x <= phi
step("z3: on 0 < x <= phi, (2 - x) >= (1 - x)^2, i.e. the increment of 1/w is >= eta lambda",
     prove(z3.Implies(in_region, 2 - X >= (1 - X) ** 2)).status == "proved")
step("z3: on 0 < x <= phi, x' = x (1 - x)^2 <= x (the region is invariant; x = 1 gives w = 0 for good)",
     prove(z3.Implies(in_region, X * (1 - X) ** 2 <= X)).status == "proved")
argument("induction: 1/w_t >= 1/w_0 + eta lambda t, which is the printed bound")
step("z3: x > phi implies (1 - x)^2 (1 + x) > 1, i.e. w_1 > w_0/(1 + x): the bound fails at t = 1",
     prove(z3.Implies(z3.And(X > 0, X * X > X + 1), (1 - X) ** 2 * (1 + X) > 1)).status == "proved")
w1 = product_step(sp.Rational(1, 2), 0, 4, 1)
b1 = sigma0_bound_printed(1, sp.Rational(1, 2), 4, 1)
step("example: w0 = 1/2, lambda = 4, eta = 1 (x = 2 > phi): w_1 > bound", w1 > b1,
     f"w_1 = {w1}, bound = {b1}")
w1 = product_step(sp.Rational(1, 2), 1, 1, sp.Rational(1, 3))
b1 = sigma0_bound_printed(1, sp.Rational(1, 2), 1, sp.Rational(1, 3))
step("i = r_xy (sigma = 1 > 0), lambda = 1, eta = 1/3, w0 = 1/2: w_1 > bound", w1 > b1,
     f"w_1 = {w1}, bound = {b1}")

done("discrete_sigma0")
