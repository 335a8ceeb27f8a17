"""(14) of Gidel, Bach, Lacoste-Julien (2019): the linear autoencoder has B = 0.

With Y = X: Sigma_xy = Sigma_x, so Sigma_xy Sigma_xy^T = Sigma_x^2.  Let Sigma_xy = U D V^T be
*any* SVD.  Then Sigma_x^2 = Sigma_xy Sigma_xy^T = U D^2 U^T, and Sigma_x, being PSD, is the
unique PSD square root: Sigma_x = U D U^T.  So U^T Sigma_x U = D is diagonal: B = 0, and
D_x = D_xy, i.e. lambda_i = sigma_i.

Run: python proofs/eq14.py
"""

import sympy as sp
from _step import done, step

from symdln.assumption import defect_B
from symdln.checks._cases import standard_cases
from symdln.checks._identity import symbolic_matrix
from symdln.checks.eq14 import _svds

X = symbolic_matrix("x", 3, 2)
Sx = X.T * X / 3
step("Y = X: Sigma_xy Sigma_xy^T = Sigma_x^2 (symbolic 3 x 2 X)",
     (Sx * Sx.T - Sx**2).applyfunc(sp.expand).is_zero_matrix)
for case in standard_cases():
    for U, D, V in _svds(case, case.Sx):
        ok_svd = (U * D * V.T - case.Sx).is_zero_matrix and (U.T * U) == sp.eye(case.d)
        step(f"an SVD of Sigma_xy ({case.name})", ok_svd)
        step("   U^T Sigma_x U = D (so B = 0)", (U.T * case.Sx * U - D).is_zero_matrix
             and defect_B(case.Sx, U).is_zero_matrix)
done("(14)")
