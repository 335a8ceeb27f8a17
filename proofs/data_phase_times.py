"""Where the steps of the Sec. 4.2 autoencoder occur, against the phase times (25) of paper 1.

Run: ``python proofs/data_phase_times.py``.  Each step prints and asserts;
a failing step exits non-zero.  Run time: about a second.

Setting: Sigma_x = Sigma_xy (Y = X), W_1(0) = W_2(0) = e^{-delta} I_d, step eta.

1. The matrix iteration stays W_1 = W_2 = U diag(m_i) U^T, each mode obeying (22) with
   lambda = sigma: m' = m + x m (1 - m^2), x = eta sigma_i; the product q = m^2 obeys
   q' = g(q) := q (1 + x (1 - q))^2.
2. One-step lemmas (z3): for 0 <= q <= 1, 0 < x <= 1/2,
   g(q) <= q (1 + x)^2, g(q) <= 1, g increasing; q <= eps => g(q) >= q (1 + x(1 - eps))^2.
3. Sandwich: with q_0 = e^{-2 delta}, the first t with q_t >= 1/2 satisfies
   (2 delta - ln 2) / (2 ln(1 + x)) <= t* <= (2 delta + ln eps) / (2 ln(1 + x(1 - eps))) + 1 + K(eps, x),
   so t*/delta -> tau = 1/ln(1 + x).
4. 0 < tau - 1/x < 1/2: the step comes after delta T_i of (25), by less than delta/2 iterations.
5. Cor. 3's condition eta < 2 (sigma_i - sigma_{i+1}) / sigma_i^2 is exactly what makes
   tau_i < T_{i+1} through ln(1 + x) >= x - x^2/2.
6. (28): W^{(t)} -> I_d, and ||I_d - B D B^T|| >= 1 because rank(B D B^T) <= r < d;
   the reconstruction error e(W) = 1/2 tr((I - W)^T Sigma_x (I - W)) -> 0.
7. Plateaus: the positive fixed point of m' = m + eta m (sigma - lambda m^2) is sqrt(sigma/lambda),
   attracting for 0 < eta sigma < 1, 0 repelling: between steps ||W_1 W_2||_* -> k sigma/lambda,
   the integer k when lambda = sigma (not for lambda/sigma = 104/100: 25/26 per mode).
"""

from __future__ import annotations

import math
import sys
from pathlib import Path

import sympy as sp

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the checkout's symdln, when run directly


def step(msg: str, ok: bool) -> None:
    print(("  ok  " if ok else "  FAIL") + "  " + msg)
    assert ok, msg


def main() -> None:
    print("1. reduction to modes (2 modes, commuting, exact)")
    m1, m2, l1, l2, eta = sp.symbols("m1 m2 l1 l2 eta", positive=True)
    W1 = W2 = sp.diag(m1, m2)
    Sx = sp.diag(l1, l2)
    G = Sx * W1 * W2 - Sx  # Sigma_x W - Sigma_xy with Sigma_xy = Sigma_x
    W1n, W2n = W1 - eta * G * W2.T, W2 - eta * W1.T * G
    step("W_1 = W_2 is preserved", sp.simplify(W1n - W2n) == sp.zeros(2))
    step("mode update m' = m + eta l m (1 - m^2)  [(22) with lambda = sigma = l]",
         sp.simplify(W1n[0, 0] - (m1 + eta * l1 * m1 * (1 - m1**2))) == 0)
    x, q = sp.symbols("x q", positive=True)
    m = sp.sqrt(q)
    step("q = m^2 obeys q' = q (1 + x (1 - q))^2",
         sp.simplify((m + x * m * (1 - m**2)) ** 2 - q * (1 + x * (1 - q)) ** 2) == 0)

    print("2. one-step lemmas (z3, models validated)")
    from symdln.checks.data_autoencoder import _one_step_lemmas

    for name, status in _one_step_lemmas().items():
        step(f"{name}: {status}", status == "proved")

    print("3. sandwich at x = 1/4 on a ladder of delta (float iteration, bounds exact)")
    from symdln.autoencoder import crossing_time, step_time_limit, two_layer_mode

    xv, eps = 0.25, 0.01
    for delta in (6, 12, 24, 48):
        qs = two_layer_mode(math.exp(-2 * delta), xv, int(3 * delta / xv) + 400)
        t_star = crossing_time(qs)
        lower = (2 * delta - math.log(2)) / (2 * math.log1p(xv))
        k_eps = crossing_time(two_layer_mode(eps, xv, 1000))
        upper = (2 * delta + math.log(eps)) / (2 * math.log1p(xv * (1 - eps))) + 1 + k_eps
        step(f"delta = {delta}: {lower:.2f} <= t* = {t_star} <= {upper:.2f}; "
             f"t*/delta = {t_star / delta:.4f}, tau = {step_time_limit(xv):.4f}",
             lower <= t_star <= upper)

    print("4. 0 < 1/ln(1+x) - 1/x < 1/2 for x > 0")
    f = sp.log(1 + x) - x
    step("d/dx (ln(1+x) - x) = -x/(1+x) < 0, value 0 at 0: ln(1+x) < x",
         sp.simplify(sp.diff(f, x) + x / (1 + x)) == 0 and f.subs(x, 0) == 0)
    h = sp.log(1 + x) - 2 * x / (2 + x)
    step("d/dx (ln(1+x) - 2x/(2+x)) = x^2/((1+x)(2+x)^2) > 0: ln(1+x) > 2x/(2+x)",
         sp.simplify(sp.diff(h, x) - x**2 / ((1 + x) * (2 + x) ** 2)) == 0 and h.subs(x, 0) == 0)
    step("hence 1/ln(1+x) < (2+x)/(2x) = 1/x + 1/2",
         sp.simplify((2 + x) / (2 * x) - 1 / x - sp.Rational(1, 2)) == 0)

    print("5. Cor. 3's eigengap condition and the derived step times")
    k = sp.log(1 + x) - (x - x**2 / 2)
    step("ln(1+x) >= x - x^2/2 (derivative x^2/(1+x) >= 0, value 0 at 0)",
         sp.simplify(sp.diff(k, x) - x**2 / (1 + x)) == 0 and k.subs(x, 0) == 0)
    s1, s2 = sp.symbols("sigma_i sigma_ip1", positive=True)
    cond = sp.expand(eta * s1 - eta**2 * s1**2 / 2 - eta * s2)
    step("eta s_i - (eta s_i)^2/2 > eta s_{i+1}  <=>  eta < 2 (s_i - s_{i+1}) / s_i^2",
         sp.simplify(cond - eta * s1**2 / 2 * (2 * (s1 - s2) / s1**2 - eta)) == 0)

    print("6. (28) does not measure reconstruction")
    from symdln.checks._identity import symbolic_matrix

    n, d = 3, 2
    X, W = symbolic_matrix("X", n, d), symbolic_matrix("W", d, d)
    R = X - X * W
    e = sum(v**2 for v in R) / (2 * n)
    I = sp.eye(d)
    step("1/(2n)||X - XW||^2 = 1/2 tr((I-W)^T Sigma_x (I-W))",
         sp.expand(e - ((I - W).T * (X.T * X / n) * (I - W)).trace() / 2) == 0)
    Bm = sp.Matrix([[1], [2], [2]])
    v = Bm.T.nullspace()[0]
    step("a unit null vector v of B^T gives v^T (I - B D B^T) v = 1, so ||I - BDB^T|| >= 1",
         sp.simplify((v.T * (sp.eye(3) - Bm * 4 * Bm.T) * v)[0] / (v.T * v)[0]) == 1)

    print("7. plateau values of the L = 2 trace norm")
    from symdln.checks.data_autoencoder import _map_analysis, plateau_limits, update_22

    step("lambda = sigma: limit plateaus 0, 1, ..., 5", plateau_limits(1) == list(range(6)))
    step("lambda/sigma = 104/100: 25/26 per learned mode, not an integer",
         plateau_limits(sp.Rational(104, 100))[1] == sp.Rational(25, 26))
    sym, bad = _map_analysis(update_22)
    step("(22): plateau at 0 (repelling), 1 attracting, for every 0 < x < 1",
         bad is None and all(v == "proved" for v in sym.values()))
    print("QED")


if __name__ == "__main__":
    main()
