"""Thm. 2 (18), Cor. 1 (19) and (17) of Gidel, Bach, Lacoste-Julien (2019): the delta -> infinity limits.

A mode of (16) started at w(0) = e^{-k delta} (k = 2: Thm. 1 with delta_i = delta; k = 1: Thm. 2 as
printed) satisfies, at rescaled time delta t, with r = sigma/lambda, h = 2 sigma t, g = h - k,

    w(delta t) = r / (1 - e^{-h delta} + r e^{-g delta}).

Both exponentials have exact exponents; as delta -> infinity:
    g > 0: e^{-h delta}, e^{-g delta} -> 0, so w -> r;
    g = 0: e^{-g delta} = 1, e^{-h delta} -> 0 (h = k > 0), so w -> r/(1+r) = sigma/(lambda+sigma);
    g < 0: w = r e^{g delta} / (e^{g delta}(1 - e^{-h delta}) + r) -> 0.
The step is at g = 0, t = k/(2 sigma): T_i = 1/sigma_i needs k = 2 (w_i(0) = e^{-2 delta}); with
w_i(0) = e^{-delta} as printed in Thm. 2 it is at 1/(2 sigma_i).

Run: python proofs/continuous_limits.py   (about 5 s)
"""

from fractions import Fraction as F

import sympy as sp
from _step import done, step

from symdln.certify.logspace import enclose_log_error, enclose_w_scaled
from symdln.checks.continuous_fig1 import autoencoder_regime_limits, check_fig1_integer
from symdln.checks.continuous_limits import check_cor1_limit
from symdln.continuous import half_rise_time, logistic_mode, saxe_time_17, w_active_16
from symdln.limits import limit_at_infinity, mode_limit, step_limit_18

s, l, d, t, k, g = sp.symbols("sigma lambda delta t k g", positive=True)
r = s / l

# 1. The log-space form.
lhs = logistic_mode(s, l, sp.exp(-k * d), d * t)
rhs = r / (1 - sp.exp(-2 * s * t * d) + r * sp.exp(-(2 * s * t - k) * d))
step("w(delta t) = r / (1 - e^{-h delta} + r e^{-g delta}) (exact identity)", sp.simplify(lhs / rhs - 1) == 0)

# 2. The three regimes, with symbolic positive parameters (SymPy's Gruntz limits as a cross-check
#    of the elementary argument in the docstring).
above = r / (1 - sp.exp(-(g + k) * d) + r * sp.exp(-g * d))          # t above the step: g > 0
at = r / (1 - sp.exp(-k * d) + r)                                    # g = 0
m = sp.Symbol("m", positive=True)  # below the step, t > 0: |g| = g and h = m > 0
below = r * sp.exp(-g * d) / (sp.exp(-g * d) * (1 - sp.exp(-m * d)) + r)
step("g > 0: limit sigma/lambda", sp.simplify(sp.limit(above, d, sp.oo) - r) == 0)
step("g = 0: limit sigma/(lambda + sigma)", sp.simplify(sp.limit(at, d, sp.oo) - s / (l + s)) == 0)
step("g < 0 (t > 0): limit 0", sp.limit(below, d, sp.oo) == 0)
step("t = 0: w = e^{-k delta} -> 0", sp.limit(lhs.subs(t, 0), d, sp.oo) == 0)
step("the step t = k/(2 sigma) is 1/sigma for k = 2 and 1/(2 sigma) for k = 1",
     sp.Rational(2) / (2 * s) == 1 / s and sp.Rational(1) / (2 * s) == 1 / (2 * s))

# 3. Thm. 2 as printed (k = 1, T = 1/sigma): the first violating t for sigma = lambda = 1.
lim, rho = mode_limit(F(1), F(1), F(1, 2), F(1))
step("printed Thm. 2 fails at sigma = lambda = 1, t = 1/2: limit 1/2, printed value 0",
     lim == F(1, 2) and step_limit_18(F(1), F(1), F(1, 2), F(1)) == 0)
ball = enclose_w_scaled(F(1), F(1), F(1, 2), F(1), F(10**6))
step("Arb enclosure of w(1e6 / 2) with w(0) = e^{-1e6} (exact exponents)", abs(ball - 0.5) < 1e-12, ball)

# 4. Rates: -log|w - lim| = rho delta + O(1), certified at delta = 10 .. 1e6 at 128 bits.
for tt, kk in ((F(1, 2), F(2)), (F(1), F(2)), (F(3, 2), F(2))):
    lim, rho = mode_limit(F(1), F(1), tt, kk)
    rows = [(dd, (-enclose_log_error(F(1), F(1), tt, kk, F(dd)) / dd)) for dd in (10, 10**3, 10**6)]
    step(f"t = {tt}, w(0) = e^(-2 delta): limit {lim}, rate rho = {rho}; -log|err|/delta -> rho",
         abs(rows[-1][1] - float(rho)) < 1e-5, "\n".join(f"delta = {dd}: {x.str(10)}" for dd, x in rows))

# 5. Cor. 1 (eps = 0): ||U diag(w) V^T||_F^2 = sum w_i^2; the modes of (16) (delta_i = delta) have,
#    per regime (Gruntz, symbolic sigma, lambda, y > 0), the limits below / at / above 1/sigma, whose
#    squares are compared with (19) symbolically in every regime of two modes.
y = sp.Symbol("y", positive=True)
regime = {n: limit_at_infinity(w_active_16(s, l, d, d * tt_), d)
          for n, tt_ in (("below", 1 / s - y), ("at", 1 / s), ("above", 1 / s + y))}
step("(16) at delta t: limits 0, sigma/(lambda+sigma), sigma/lambda below, at, above 1/sigma",
     regime == {"below": 0, "at": s / (l + s), "above": s / l}, regime)
step("(19) equals the sum of the squared limits in every regime of two modes (eps = 0)",
     check_cor1_limit().verdict.name == "HOLDS")
c_ = sp.Symbol("c", positive=True)
step("eps = e^{-delta^2 ln delta}: eps e^{c (delta t)^2} -> 0 for every t (so Cor. 1 for eps > 0 "
     "follows IF Thm. 1's perturbation bound holds; that bound is not proved here)",
     sp.limit(sp.exp(-d**2 * sp.log(d) + c_ * d**2 * t**2), d, sp.oo) == 0)

# 5b. Fig. 1 caption: autoencoder lambda = sigma, W(0) = e^{-delta} I (delta_i = delta/2), steps at
#     1/(2 sigma): each mode tends to 0, 1/2, 1, so the trace norm is #{T_i < t} + #{T_i = t}/2.
step("autoencoder modes tend to 0, 1/2, 1 below, at, above 1/(2 sigma) (Gruntz)",
     autoencoder_regime_limits() == {"below": 0, "at": sp.Rational(1, 2), "above": 1})
step("the corrected count equals the trace-norm limit at every test time (three spectra)",
     check_fig1_integer().verdict.name == "HOLDS_AFTER_CORRECTION"
     and check_fig1_integer(count=lambda Ts, t_: F(sum(1 for T in Ts if T < t_))).verdict.name == "FAILS")

# 6. (17) against the half-rise time of (16).
w0 = sp.exp(-2 * d)
th = half_rise_time(s, l, w0)
step("t_1/2 = ln((sigma - lambda w0)/(lambda w0))/(2 sigma) solves w(t) = sigma/(2 lambda)",
     sp.simplify(logistic_mode(s, l, w0, th) - s / (2 * l)) == 0, th)
step("t_1/2 / delta -> 1/sigma", sp.limit(th / d, d, sp.oo) == 1 / s)
step("t_1/2 - delta/sigma -> ln(sigma/lambda)/(2 sigma)",
     sp.simplify(sp.limit(th - d / s, d, sp.oo) - sp.log(s / l) / (2 * s)) == 0)
step("d/s + sqrt(d) is not a transition time to O(1): T - t_1/2 -> oo",
     sp.limit(d / s + sp.sqrt(d) - th, d, sp.oo) == sp.oo)
step("(17) as printed at sigma = lambda = 1: T_i - t_1/2 -> -oo (not O(1))",
     sp.limit((saxe_time_17(s, d) - th).subs({s: 1, l: 1}), d, sp.oo) == -sp.oo)
step("(17) as printed: T_i/delta_i = ln(sigma)/sigma, which is 0 at sigma = 1 (t_1/2/delta -> 1)",
     sp.simplify(saxe_time_17(s, d) / d - sp.log(s) / s) == 0 and saxe_time_17(1, d) == 0)
# 7. The rescaled linear model (after Thm. 2): (9) per mode with W_0 = e^{-delta}; read on t > 0
#    (as eq8.rescaled_limit reads it; Thm. 2's own step function is 0 at t = 0 as well).
tp = sp.Symbol("tp", positive=True)
mm = sp.exp(-l * d * tp) * (sp.exp(-d) - r) + r
step("L = 1: m(delta t) -> sigma/lambda for every t > 0 (a constant function)",
     sp.simplify(sp.limit(mm, d, sp.oo) - r) == 0)
step("L = 1: at t = 0, m = e^{-delta} -> 0", sp.limit(mm.subs(tp, 0), d, sp.oo) == 0)
done("continuous_limits")
