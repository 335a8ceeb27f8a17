"""(21) of Gidel, Bach, Lacoste-Julien (2019): the discrete L = 1 iterate.

Gradient descent:  W_{t+1} = (I - eta Sigma_x) W_t + eta Sigma_xy.
Printed (21):      W_t = (W_0 - Sigma_x^+ Sigma_xy)(I - eta Sigma_x)^t + Sigma_x^+ Sigma_xy.
Corrected:         W_t = (I - eta Sigma_x)^t (W_0 - Sigma_x^+ Sigma_xy) + Sigma_x^+ Sigma_xy.

Run: python proofs/eq21.py
"""

import sympy as sp
import z3
from _step import done, step

from symdln.certify.smt import prove
from symdln.checks._cases import standard_cases
from symdln.checks._identity import symbolic_matrix
from symdln.linear import gd_iterate, iterate_21_corrected, iterate_21_printed

eta = sp.Symbol("eta", positive=True)

# 1. Shapes: W_0 is d x p and I - eta Sigma_x is d x d; the printed right factor needs p = d.
try:
    sp.zeros(2, 1) * sp.eye(2)
    ill = False
except sp.ShapeError:
    ill = True
step("printed (21) is ill-formed for d = 2, p = 1", ill)

# 2. For d = p it is also wrong: the first standard case at t = 1, eta symbolic.
case = standard_cases()[0]
diff = (iterate_21_printed(case.Sx, case.Sxy, case.W0, eta, 1)
        - gd_iterate(case.Sx, case.Sxy, case.W0, eta, 1)).applyfunc(sp.expand)
step("printed (21) differs from the first GD step (d = p = 2)", not diff.is_zero_matrix, diff)

# 3. Induction for the corrected form, with A^t an arbitrary matrix M_t and eta symbolic:
#    A (M_t (W_0 - P) + P) + eta Sigma_xy = (A M_t)(W_0 - P) + P  iff  Sigma_x P = Sigma_xy,
#    true for data (see proofs/prop1.py, step "(I - P) Sigma_xy = 0").
for c in standard_cases():
    A = sp.eye(c.d) - eta * c.Sx
    Mt = symbolic_matrix("m", c.d, c.d)
    P = c.pinv * c.Sxy
    R = (A * (Mt * (c.W0 - P) + P) + eta * c.Sxy - (A * Mt * (c.W0 - P) + P))
    step(f"induction step, A^t symbolic, eta symbolic ({c.name})",
         R.applyfunc(sp.expand).is_zero_matrix)
    step(f"base case t = 0 ({c.name})",
         iterate_21_corrected(c.Sx, c.Sxy, c.W0, eta, 0) == c.W0)

# 4. The step-size condition: 1/lambda_max > eta > 0 makes I - eta Sigma_x invertible (z3),
#    but (21) needs no inverse: step 3 holds for every eta.  The iterates converge iff
#    |1 - eta lambda_i| < 1 for every nonzero eigenvalue, i.e. 0 < eta < 2 / lambda_max.
e, lm, lmax = z3.Reals("eta lambda lambda_max")
r = prove(z3.Implies(z3.And(lmax > 0, lm >= 0, lm <= lmax, e > 0, e * lmax < 1), 1 - e * lm > 0))
step("z3: eta lambda_max < 1 implies 1 - eta lambda > 0 on [0, lambda_max]", r.status == "proved")
r = prove(z3.Implies(z3.And(lm > 0, e > 0),
                     z3.And(-1 < 1 - e * lm, 1 - e * lm < 1) == (e * lm < 2)))
step("z3: |1 - eta lambda| < 1 iff eta lambda < 2 (lambda, eta > 0)", r.status == "proved")

# 5. The limit keeps the null-space part of W_0: (I - Sigma_x Sigma_x^+) W_0 + Sigma_x^+ Sigma_xy.
c = next(c for c in standard_cases() if c.Sx.rank() < c.d)
null = (sp.eye(c.d) - c.Sx * c.pinv) * c.W0
step(f"the null-space part of W_0 is nonzero and fixed by every step ({c.name})",
     not null.is_zero_matrix and ((sp.eye(c.d) - eta * c.Sx) * null - null).is_zero_matrix)

# 6. The limit, from the update alone.  W_{t+1} - L = A (W_t - L) + eta (Sigma_xy - Sigma_x L), so
#    a fixed point L (Sigma_x L = Sigma_xy) with Pi_0 (W_0 - L) = 0 (Pi_0 the projector onto the
#    null space of Sigma_x) has W_t - L = A^t (W_0 - L) in the range of Sigma_x, where A^t -> 0
#    for 0 < eta < 2/lambda_max.  Conversely a limit is a fixed point and Pi_0 W_t = Pi_0 W_0
#    (Pi_0 A = Pi_0, Pi_0 Sigma_xy = 0).  The explicit form satisfies both, W_0 and Y symbolic.
for c in standard_cases():
    Y, W0 = symbolic_matrix("y", c.n, c.p), symbolic_matrix("w", c.d, c.p)
    Sxy = c.X.T * Y / c.n
    Pi0 = sp.eye(c.d) - c.Sx * c.pinv
    L = Pi0 * W0 + c.pinv * Sxy
    A = sp.eye(c.d) - eta * c.Sx
    Wt = symbolic_matrix("v", c.d, c.p)
    step(f"fixed point, null-space part kept, one-step contraction identity ({c.name})",
         (Sxy - c.Sx * L).applyfunc(sp.expand).is_zero_matrix
         and (Pi0 * (W0 - L)).applyfunc(sp.expand).is_zero_matrix
         and (Pi0 * Sxy).applyfunc(sp.expand).is_zero_matrix
         and (A * Wt + eta * Sxy - L - A * (Wt - L)).applyfunc(sp.expand).is_zero_matrix)

done("(21)")
