"""Thm. 1 and (16) of Gidel, Bach, Lacoste-Julien (2019): the two-layer flow reduced to modes.

    dW_1/dt = (Sigma_xy - Sigma_x W_1 W_2) W_2^T,  dW_2/dt = W_1^T (Sigma_xy - Sigma_x W_1 W_2)   (12), L = 2
    W_1 = U diag(sqrt w_i) Q,  W_2 = Q^{-1} diag(sqrt w_i) V^T                                   (15), eps = 0
    w_i(t) = sigma_i e^{2 sigma_i t - 2 delta_i}
             / (lambda_i (e^{2 sigma_i t - 2 delta_i} - e^{-2 delta_i}) + sigma_i)
    w_i(t) = e^{-2 delta_i} / (1 + 2 e^{-delta_i} lambda_i t)    (r_xy < i <= r_x, as printed)    (16)

Findings proved below: (15) needs Q orthogonal (not "arbitrary invertible"); the second
branch of (16) must read e^{-2 delta_i} / (1 + 2 e^{-2 delta_i} lambda_i t).

Run: python proofs/continuous_modes.py   (about 5 s)
"""


import sympy as sp
from _step import done, step

from symdln.certify.balls import certified_sign
from symdln.certify.exact import cayley_orthogonal
from symdln.continuous import (
    flow_12_L2,
    mode_rhs,
    rect_diag,
    thm1_layers,
    w_active_16,
    w_inactive_16,
    w_inactive_corrected,
)

t = sp.Symbol("t", nonnegative=True)
s, l, d = sp.symbols("sigma lambda delta", positive=True)
a = sp.Symbol("a", positive=True)
W = sp.Symbol("W")
w = sp.Function("w")

# 1. One mode of (12): W_1 = a, W_2 = a, Sigma_x = lambda, Sigma_xy = sigma.
F1, F2 = flow_12_L2(sp.Matrix([[a]]), sp.Matrix([[a]]), sp.Matrix([[l]]), sp.Matrix([[s]]))
step("balanced mode: dW_1/dt = dW_2/dt = a (sigma - lambda a^2)",
     sp.expand(F1[0] - a * (s - l * a**2)) == 0 and sp.expand(F1[0] - F2[0]) == 0, F1[0])
step("w = a^2: dw/dt = 2 a da/dt = 2 w (sigma - lambda w)",
     sp.expand((2 * a * F1[0]).subs(a, sp.sqrt(W)) - mode_rhs(W, s, l)) == 0)

# 2. The whole matrix flow: (15) with Q orthogonal reduces exactly to the modes.
a1, a2 = sp.symbols("a1 a2", positive=True)
s1, s2, l1, l2 = sp.symbols("sigma1 sigma2 lambda1 lambda2", nonnegative=True)
q = sp.Symbol("q", real=True)
Rq = sp.Matrix([[1 - q**2, -2 * q], [2 * q, 1 - q**2]]) / (1 + q**2)
U = cayley_orthogonal(sp.Matrix([[0, sp.Rational(1, 2)], [-sp.Rational(1, 2), 0]]))
V = cayley_orthogonal(sp.Matrix([[0, sp.Rational(1, 3)], [-sp.Rational(1, 3), 0]])) * sp.diag(1, -1)


def residual(Q):
    Sx, Sxy = U * sp.diag(l1, l2) * U.T, U * sp.diag(s1, s2) * V.T
    W1, W2 = thm1_layers(U, V, Q, [a1, a2])
    ad = [ai * (si - li * ai**2) for ai, si, li in ((a1, s1, l1), (a2, s2, l2))]
    G1, G2 = flow_12_L2(W1, W2, Sx, Sxy)
    R = sp.Matrix.vstack(U * rect_diag(ad, 2, 2) * Q - G1, Q.inv() * rect_diag(ad, 2, 2) * V.T - G2)
    return R.applyfunc(lambda e: sp.factor(sp.together(e)))


step("(15) with Q = rotation(q) (symbolic) solves (12) exactly", residual(Rq).is_zero_matrix)
step("(15) with Q = reflection(q) (symbolic) solves (12) exactly",
     residual(Rq * sp.diag(1, -1)).is_zero_matrix)
R2 = residual(sp.diag(2, 1)).subs({a1: sp.Rational(1, 2), a2: sp.Rational(1, 2), s1: 1, s2: 1, l1: 1, l2: 1})
step("(15) with the invertible, non-orthogonal Q = diag(2, 1) does not: nonzero exact residual",
     not R2.is_zero_matrix, R2.T)
# Why orthogonality: (12) conserves W_1^T W_1 - W_2 W_2^T (checked entrywise, symbolic 2 x 2);
# for (15) this is Q^T diag(w) Q - Q^-1 diag(w) Q^-T, constant in t only if
# (QQ^T) diag(w') (QQ^T) = diag(w'), which forces QQ^T = I when every w_i' > 0.
from symdln.checks._identity import symbolic_matrix  # noqa: E402

A, B = symbolic_matrix("A", 2, 2), symbolic_matrix("B", 2, 2)
Sx_, Sxy_ = symbolic_matrix("S", 2, 2), symbolic_matrix("C", 2, 2)
Sx_ = Sx_ + Sx_.T
G1, G2 = flow_12_L2(A, B, Sx_, Sxy_)
cons = (A.T * G1 + G1.T * A - G2 * B.T - B * G2.T).applyfunc(sp.expand)
step("d/dt (W_1^T W_1 - W_2 W_2^T) = 0 along (12) (symbolic entries)", cons.is_zero_matrix)
p1, p2, p3 = sp.symbols("p1 p2 p3", real=True)
e1, e2 = sp.symbols("d1 d2", positive=True)
Pm = sp.Matrix([[p1, p2], [p2, p3]])
sols = sp.solve(list(Pm * sp.diag(e1, e2) * Pm - sp.diag(e1, e2)), [p1, p2, p3], dict=True)
spd = [x for x in sols if x[p1] > 0 and x[p1] * x[p3] - x[p2] ** 2 > 0]
step("r = 2: the only symmetric positive definite P with P D P = D (D > 0 diagonal) is I, "
     "so QQ^T = I", spd == [{p1: 1, p2: 0, p3: 1}], sols)

# 3. (16), first branch: dsolve + checkodesol + independent residual + value at t = 0.
ode = sp.Eq(w(t).diff(t), mode_rhs(w(t), s, l))
sol = sp.dsolve(ode, w(t), ics={w(0): sp.exp(-2 * d)})
step("dsolve: w' = 2w(sigma - lambda w), w(0) = e^{-2 delta}", True, sol.rhs)
step("checkodesol accepts it", sp.checkodesol(ode, sol)[0])
p1 = w_active_16(s, l, d, t)
step("printed branch 1 equals the dsolve solution", sp.simplify(sol.rhs - p1) == 0)
step("independent residual of printed branch 1 is 0",
     sp.simplify(sp.diff(p1, t) - mode_rhs(p1, s, l)) == 0)
step("branch 1 at t = 0 is e^{-2 delta_i} = (e^{-delta_i})^2, Thm. 1's initialisation",
     sp.simplify(p1.subs(t, 0) - sp.exp(-2 * d)) == 0)

# 4. (16), second branch (sigma_i = 0): w' = -2 lambda w^2.
ode0 = sp.Eq(w(t).diff(t), mode_rhs(w(t), 0, l))
sol0 = sp.dsolve(ode0, w(t), ics={w(0): sp.exp(-2 * d)})
step("dsolve: w' = -2 lambda w^2, w(0) = e^{-2 delta}", sp.checkodesol(ode0, sol0)[0], sol0.rhs)
p2 = w_inactive_16(l, d, t)
step("printed branch 2 at t = 0 is e^{-2 delta_i}", sp.simplify(p2.subs(t, 0) - sp.exp(-2 * d)) == 0)
res2 = sp.diff(p2, t) + 2 * l * p2**2
val = res2.subs({l: 1, d: 1, t: 0})
step("printed branch 2 does not solve it: residual at lambda = delta = 1, t = 0 is "
     "2 e^{-4} - 2 e^{-3} < 0 (certified Arb sign)", certified_sign(val) == -1, sp.simplify(val))
c2 = w_inactive_corrected(l, d, t)
step("corrected branch 2 e^{-2 delta}/(1 + 2 e^{-2 delta} lambda t) equals the dsolve solution",
     sp.simplify(sol0.rhs - c2) == 0)
done("continuous_modes")
