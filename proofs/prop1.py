"""Prop. 1 of Gidel, Bach, Lacoste-Julien (2019): the solution (9) of the flow (8), and (10).

    dW/dt = Sigma_xy - Sigma_x W,  W(0) = W_0                            (8)
    W(t) = e^{-t Sigma_x}(W_0 - Sigma_x^+ Sigma_xy) + Sigma_x^+ Sigma_xy  (9)

Steps 1-4 compute on the exact data cases (every W_0 and Y); step 5 proves (9) and (10) for every
d, p in the algebra of Sigma_x, Sigma_x^+ and e^{g Sigma_x}, as the checks do.

Run: python proofs/prop1.py
"""

import sympy as sp
from _step import argument, done, step

from symdln.certify.exact import exact_pinv
from symdln.checks._cases import standard_cases
from symdln.checks.linear_model import at_time, d_dt, element, general_9, general_10, times
from symdln.linear import W_0, I_d, Sigma_x, Sigma_x_pinv, Sigma_xy, limit_10, solution_9

t = sp.Symbol("t", nonnegative=True)
lam = sp.Symbol("lambda", positive=True)
s, w0 = sp.symbols("s w_0", real=True)
w = sp.Function("w")

# 1. Diagonalise Sigma_x = Q^T diag(lambda_i) Q: each column of Q W is a set of
#    independent scalar modes w' = s - lambda w.
pos = sp.dsolve(sp.Eq(w(t).diff(t), s - lam * w(t)), w(t), ics={w(0): w0}).rhs
step("mode lambda > 0: w(t) = e^{-lambda t}(w0 - s/lambda) + s/lambda",
     sp.simplify(pos - (sp.exp(-lam * t) * (w0 - s / lam) + s / lam)) == 0, pos)
zero = sp.dsolve(sp.Eq(w(t).diff(t), s), w(t), ics={w(0): w0}).rhs
step("mode lambda = 0: w(t) = w0 + s t", sp.simplify(zero - (w0 + s * t)) == 0, zero)

# 2. On a null mode (9) gives w0 (e^0 = 1 and the pseudoinverse vanishes there), so (9)
#    is right exactly when s = 0 on every null mode: Sigma_x Sigma_x^+ Sigma_xy = Sigma_xy.
#    Proof: P = Sigma_x Sigma_x^+ is the orthogonal projector onto range(Sigma_x) (Penrose
#    axioms). n (I-P) Sigma_x (I-P) = ((I-P) X^T)(X (I-P)) = 0, so X (I-P) = 0, hence
#    (I-P) X^T = 0 and (I-P) Sigma_xy = (I-P) X^T Y / n = 0.
for case in standard_cases():
    P = case.Sx * case.pinv
    I = sp.eye(case.d)
    step(f"Penrose: P symmetric idempotent ({case.name})", P == P.T and P * P == P)
    step(f"X (I - P) = 0 ({case.name})", (case.X * (I - P)).is_zero_matrix)
    Y = sp.Matrix(case.n, 2, lambda i, j: sp.Symbol(f"y{i}{j}"))
    step(f"(I - P) Sigma_xy = 0 for symbolic Y ({case.name})",
         ((I - P) * case.X.T * Y / case.n).is_zero_matrix)

# 3. Substitute (9) into (8) with W_0 and Y symbolic: the residual vanishes identically.
for case in standard_cases():
    Y = sp.Matrix(case.n, case.p, lambda i, j: sp.Symbol(f"y{i}{j}"))
    W0 = sp.Matrix(case.d, case.p, lambda i, j: sp.Symbol(f"w{i}{j}"))
    Sxy = case.X.T * Y / case.n
    W = solution_9(case.Sx, Sxy, W0, t, pinv=exact_pinv(case.Sx))
    R = (W.diff(t) - (Sxy - case.Sx * W)).applyfunc(lambda e: sp.simplify(sp.expand(e)))
    step(f"(9) solves (8) for every W_0, Y ({case.name})", R.is_zero_matrix)
    step(f"(9) at t = 0 is W_0 ({case.name})", (W.subs(t, 0) - W0).is_zero_matrix)
    # 4. (10): (9) is affine in W_0, so W_0 -> 0 is substitution.
    L = limit_10(case.Sx, Sxy, t, pinv=exact_pinv(case.Sx))
    step(f"(10) is (9) at W_0 = 0 ({case.name})",
         (L - W.subs({e: 0 for e in W0})).applyfunc(sp.simplify).is_zero_matrix)

# 5. Every d, p: the same computation in the algebra of Sigma_x, Sigma_x^+ and e^{g Sigma_x}
#    (noncommutative symbols; symdln/checks/linear_model.py lists the rules: the Penrose equations,
#    Sigma_x Sigma_x^+ Sigma_xy = Sigma_xy of step 2, functions of Sigma_x commute, and
#    d/dt e^{g Sigma_x} = g' Sigma_x e^{g Sigma_x}; tests/test_linear_general.py checks them on the cases).
P9 = Sigma_x_pinv * Sigma_xy
W9 = sp.exp(-t * Sigma_x) * (W_0 - P9) + P9
F = element(W9)
residual = {w: c for w, c in d_dt(F).items()}
for w, c in times({(Sigma_x,): sp.S.One}, F).items():
    residual[w] = residual.get(w, 0) + c
residual[(Sigma_xy,)] = residual.get((Sigma_xy,), 0) - 1
step("every d, p: W' - (Sigma_xy - Sigma_x W) reduces to 0 in the algebra",
     all(sp.simplify(c) == 0 for c in residual.values()), residual)
initial = at_time(F, sp.S.Zero)
step("every d, p: W(0) = W_0 in the algebra", initial == {(W_0,): 1}, initial)
step("every d, p: the check's general proof of (9) (judge_prop1)", general_9(W9) is None)
argument("(9) is affine in W_0 (each word has W_0 at most once), so W_0 -> 0 keeps its part free of W_0")
step("every d, p: the check's general proof of (10) (judge_limit_10)",
     general_10((I_d - sp.exp(-t * Sigma_x)) * P9) is None)

done("Prop. 1 and (10)")
