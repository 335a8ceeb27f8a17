"""The gradients (7) and (11) of f = 1/(2n) ||Y - X W_1 ... W_L||_F^2 and the flow (12).

Run: python proofs/gradients.py
"""

import sympy as sp
from _step import done, step

from symdln.deep import deep_objective, layer_gradient_11
from symdln.linear import gradient_7, least_squares_objective

n, d, p = sp.symbols("n d p", positive=True, integer=True)
X, Y, W = sp.MatrixSymbol("X", n, d), sp.MatrixSymbol("Y", n, p), sp.MatrixSymbol("W", d, p)
Sx, Sxy = X.T * X / n, X.T * Y / n

# (7): differentiate the trace form with SymPy's matrix calculus, sizes symbolic.
g = least_squares_objective(X, Y, W).diff(W)
step("d/dW 1/(2n) tr((Y-XW)^T(Y-XW)) = -(1/n) X^T (Y - XW)", True, g)
step("(7): the gradient is Sigma_x W - Sigma_xy",
     sp.simplify(sp.expand((g - gradient_7(Sx, Sxy, W)).doit())) == sp.ZeroMatrix(d, p))

# (11): for L = 2, 3, 4, with symbolic widths r_0 = d, ..., r_L = p.
for L in (2, 3, 4):
    r = sp.symbols(f"r0:{L + 1}", positive=True, integer=True)
    Ws = [sp.MatrixSymbol(f"W{k + 1}", r[k], r[k + 1]) for k in range(L)]
    Xr, Yr = sp.MatrixSymbol("X", n, r[0]), sp.MatrixSymbol("Y", n, r[L])
    f = deep_objective(Xr, Yr, Ws, n)
    for l in range(1, L + 1):
        R = f.diff(Ws[l - 1]) - layer_gradient_11(Ws, l, Xr.T * Xr / n, Xr.T * Yr / n)
        step(f"(11), L = {L}, l = {l}: W_(1:l-1)^T (Sigma_x W - Sigma_xy) W_(l+1:L)^T",
             sp.simplify(sp.expand(R.doit())) == sp.ZeroMatrix(r[l - 1], r[l]))

# (12) is gradient flow: dW_l/dt = -grad_l f, a sign change of (11).  Its printed shapes
# "W_l(0) in R^{d x p}" cannot all hold unless d = p: the layers are r_{l-1} x r_l.
try:
    sp.zeros(2, 3) * sp.zeros(2, 3)
    ok = False
except sp.ShapeError:
    ok = True
step("two d x p layers cannot be multiplied when d = 2, p = 3", ok)
done("gradients (7), (11), (12)")
