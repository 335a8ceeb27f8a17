"""(25) and Cor. 3 of Gidel, Bach, Lacoste-Julien (2019): where the discrete iterates rise.

Initialisation m_i^(0) = n_i^(0) = e^-delta, so the product starts at w_0 = e^{-2 delta} and
u_0 = 1/w_0 - c = e^{2 delta} - c (c = lambda/sigma, s = eta sigma).  Claim proved here:

    w^(floor(delta tau)) -> 0            if tau < 1/log(1 + s),
    w^(floor(delta tau)) -> sigma/lambda if tau > 1/log(1 + s),

so the printed T_i = 1/(eta sigma_i) (25) is early: at t = delta T_i the limit is 0 (also for j = i in (26)).
The threshold 1/log(1 + s) is derived from the product recursion (steps 1-2), not assumed.
Cor. 3's conditions imply the sharp condition eta sigma_{i+1} < log(1 + eta sigma_i) for (26); they are
sufficient, not necessary, and the second is implied by the first and third.  The sharp condition is
necessary: below it and at equality (26) fails (certified).

Run: python proofs/discrete_cor3.py   (under 2 s)
"""

from fractions import Fraction

import sympy as sp
import z3
from _step import argument, done, step

from symdln.certify.balls import enclose
from symdln.certify.rescaled import (
    boundary_lemma,
    derive_threshold,
    limit_not_one_certificate,
    limit_one_certificate,
    limit_zero_certificate,
)
from symdln.certify.smt import Translation, prove
from symdln.checks.discrete_limits import conditions_printed
from symdln.discrete import rho

s, y, U, c = sp.symbols("s y U c", positive=True)
der = derive_threshold()
step("derived from the product step: u' = rho_s(y) u, rho_s increasing, y <= s; the zero side "
     "(kappa = 2 + tau log rho_U > 0 for some U) and the one side (u_t <= u_0 rho_s(s)^t -> 0) meet at "
     "tau* = 1/log(1+s)", der["ok"] and der["tau*"] == 1 / sp.log(der["s"] + 1), der["steps"])
step("rho is increasing in y (d rho/dy = s(3+y)/(1+y)^3), so u_k >= U implies rho_k >= rho(sU/(U+c))",
     sp.simplify(sp.diff(rho(y, s), y) - s * (3 + y) / (1 + y) ** 3) == 0)
argument("lemma: if u_0 rho_U^t >= U then u_k >= u_0 rho_U^k >= U for all k <= t (induction), "
         "so w_t <= 1/u_t")
step("with u_0 = e^{2 delta} - c and t <= delta tau: u_0 rho_U^t >= e^{kappa delta}(1 - c e^{-2 delta}), "
     "kappa = 2 + tau log rho_U; kappa > 0 for large U iff tau < 1/log(1+s) (rho_U -> (1+s)^-2)",
     sp.simplify(rho(s, s) - (1 + s) ** -2) == 0)
cert0 = limit_zero_certificate(Fraction(1, 4), 1, 4)
step("instance (arb): s = 1/4, tau = T = 1/s = 4 < 1/log(5/4): w at delta T -> 0 (the printed T is early)",
     cert0 is not None, cert0)
argument("above the threshold: corrected lower bound w_t >= 1/(u_0 (1+s)^{-2t} + c) -> sigma/lambda when "
     "tau log(1+s) > 1")
cert1 = limit_one_certificate(Fraction(1, 4), Fraction(9, 2))
step("instance (arb): s = 1/4, tau = 9/2 > 1/log(5/4) = 4.48...: w -> sigma/lambda", cert1 is not None, cert1)
yy = sp.Symbol("y", nonnegative=True)
step("rho' = s(3+y)/(1+y)^3 is decreasing in y >= 0 (so rho' <= 3s on [0, s]): "
     "d/dy[(3+y)/(1+y)^3] = -(8+2y)/(1+y)^4",
     sp.simplify(sp.diff((3 + yy) / (1 + yy) ** 3, yy) + (8 + 2 * yy) / (1 + yy) ** 4) == 0)
uu, cc, ww = sp.symbols("u c w", positive=True)
step("s - y = s c w (y = s u/(u+c), w = 1/(u+c)): rho_k >= (1+s)^-2 (1 - 3 s^2 c (1+s)^2 w_k)",
     sp.simplify(s - s * uu / (uu + cc) - s * cc / (uu + cc)) == 0)
argument("before the half-rise (u_k > c): w_k < 1/(2c), y_k > s/2, w_{k+1} = w_k (1 + y_k)^2 >= "
         "(1+s/2)^2 w_k, so sum w_k < 1/(2c(1 - (1+s/2)^-2)); summing log rho_k gives "
         "delta/log(1+s) - C_- <= t_h <= delta/log(1+s) + C_+")
from symdln.certify.rescaled import half_rise_window  # noqa: E402
from symdln.checks.discrete_c1 import in_window  # noqa: E402
from symdln.checks.discrete_limits import crossing_times  # noqa: E402

win = half_rise_window(Fraction(1, 10), 1)
rows = crossing_times(Fraction(1, 10))
step("the certified half-rise steps (eta sigma = 1/10, delta = 25..200) lie in the proved window (arb)",
     all(in_window(rows, Fraction(1, 10), win)), [(r["delta"], r["t_half"]) for r in rows])
x = sp.Symbol("x", positive=True)
step("1/log(1+x) = 1/x + 1/2 - x/12 + O(x^2): the rise is about delta/2 steps after delta T_i",
     sp.series(1 / sp.log(1 + x), x, 0, 2).removeO() == 1 / x + sp.Rational(1, 2) - x / 12)

e, s1, si, sn = z3.Reals("eta sigma_1 sigma_i sigma_n")
dom = z3.And(e > 0, s1 >= si, si > sn, sn > 0)
c1, c2, c3 = conditions_printed(e, s1, si, sn)
a, b = e * si, e * sn
step("z3: C1 and C2 imply eta sigma_{i+1} < eta sigma_i - (eta sigma_i)^2/2 and 2 eta sigma_i < 1",
     prove(z3.Implies(z3.And(dom, c1, c2), z3.And(b < a - a * a / 2, 2 * a < 1))).status == "proved")
g = sp.log(1 + x) - x + x**2 / 2
step("log(1+x) >= x - x^2/2 on (0, 1/2): g = log(1+x) - x + x^2/2 has g(0) = 0 and g' >= 0 (z3 on the "
     "rational g'); hence the sharp condition",
     g.subs(x, 0) == 0 and Translation().prove(x < sp.Rational(1, 2), sp.diff(g, x) >= 0).status == "proved",
     sp.factor(sp.diff(g, x)))
step("z3: C1 and C3 imply C2 (C2 is redundant)",
     prove(z3.Implies(z3.And(dom, c1, c3), c2)).status == "proved")
ok = [bool(v) for v in conditions_printed(Fraction(1), Fraction(2, 5), Fraction(2, 5), Fraction(33, 100))]
lim = limit_one_certificate(Fraction(2, 5), Fraction(100, 33))
step("not necessary: eta sigma_i = 2/5, eta sigma_{i+1} = 33/100 violate C2 and C3, "
     "yet w_i -> sigma_i/lambda_i at delta T_{i+1}", ok == [True, False, False] and lim is not None, lim)
bad = limit_zero_certificate(Fraction(1, 3), 1, Fraction(10, 3))
step("necessity of the sharp condition: eta sigma_i = 1/3, eta sigma_{i+1} = 3/10 > log(4/3): w_i -> 0 at "
     "delta T_{i+1}", bad is not None, bad)
step("z3: rho_s(s) - rho_s(y) <= 3 s (s - y) for 0 <= y <= s", boundary_lemma() == "proved")
argument("at and below the threshold (tau log(1+s) <= 1): z_k = u_k (1+s)^{2k} e^{-2 delta} obeys "
         "z_{k+1} >= z_k - A (1+s)^{2k} e^{-2 delta}, A = 3 s^2 c (1+s)^2, so u_t >= z_t >= "
         "m - c e^{-2 delta}, m = 1 - 3 s c (1+s)^2/(2+s): limsup w_t <= 1/(c + m) < sigma/lambda")
b = sp.Rational(3, 10)
a_eq = sp.exp(b) - 1
eq_cert = limit_not_one_certificate(enclose(a_eq, 128), Fraction(1, 2))
step("equality: eta sigma_{i+1} = 3/10 = log(1 + eta sigma_i), eta sigma_i = e^{3/10} - 1 (exact), "
     "lambda_i = sigma_i/2: limsup w_i(delta T_{i+1}) < sigma_i/lambda_i, so (26) fails at equality too",
     sp.log(1 + a_eq) == b and eq_cert is not None, eq_cert)

done("discrete_cor3")
