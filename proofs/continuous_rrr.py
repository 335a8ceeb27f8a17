"""Cor. 2 (20) of Gidel, Bach, Lacoste-Julien (2019): the limit of W_1 W_2(delta t) against the
minimum-norm solution W^{k,*} of the reduced-rank regression (4), and App. A (PCA).

Derivation of W^{k,*} (no textbook formula assumed):
  f(W) - ||Y||^2/2n = 1/2 tr(W^T Sigma_x W) - tr(W^T Sigma_xy)                        (a)
  with S = Sigma_x^{1/2}, Z = S^+ Sigma_xy and Sigma_xy = S Z (range of X^T = range of Sigma_x):
  f(W) - ||Y||^2/2n = 1/2 ||S W - Z||_F^2 - 1/2 ||Z||_F^2                               (b)
  over rank <= k, S W ranges over rank-<=k matrices with columns in range(S), so by Eckart-Young
  S W = Z_k (truncated SVD) and the minimum-norm minimiser is W^{k,*} = S^+ Z_k.
Under Assump. 1 (eps = 0): Z = U diag(sigma_i / sqrt(lambda_i)) V^T, so W^{k,*} keeps the k largest
sigma_i^2/lambda_i, while the dynamics (Thm. 2) keeps the k largest sigma_i.

Run: python proofs/continuous_rrr.py   (about 3 s)
"""

from fractions import Fraction as F

import sympy as sp
from _step import done, step

from symdln.checks._identity import symbolic_matrix
from symdln.checks.continuous_autoencoder import check_appA_pca, pca_projector
from symdln.checks.continuous_rrr import _dynamics_limit, cor2_condition
from symdln.continuous import w_active_16
from symdln.limits import limit_at_infinity
from symdln.rrr import loss_diagonal, rrr_diagonal, rrr_min_norm_exact

# (a): the objective (2) with L = 1, n = 3, d = p = 2, symbolic data.
n, dd, p = 3, 2, 2
X, Y, W = symbolic_matrix("X", n, dd), symbolic_matrix("Y", n, p), symbolic_matrix("W", dd, p)
f = ((Y - X * W).T * (Y - X * W)).trace() / (2 * n)
Sx, Sxy = X.T * X / n, X.T * Y / n
rhs = sp.Rational(1, 2) * (W.T * Sx * W).trace() - (W.T * Sxy).trace() + (Y.T * Y).trace() / (2 * n)
step("(a) f(W) = 1/2 tr(W^T Sx W) - tr(W^T Sxy) + ||Y||^2/2n (exact polynomial identity)",
     sp.expand(f - rhs) == 0)

# (b): with S symmetric, Sigma_x = S^2, Sigma_xy = S Z.
S = symbolic_matrix("S", 2, 2)
S = (S + S.T) / 2
Z = symbolic_matrix("Z", 2, 2)
lhs_b = sp.Rational(1, 2) * (W.T * S * S * W).trace() - (W.T * S * Z).trace()
rhs_b = sp.Rational(1, 2) * ((S * W - Z).T * (S * W - Z)).trace() - sp.Rational(1, 2) * (Z.T * Z).trace()
step("(b) 1/2 tr(W^T S^2 W) - tr(W^T S Z) = 1/2 ||SW - Z||^2 - 1/2 ||Z||^2", sp.expand(lhs_b - rhs_b) == 0)

# Diagonal case: the loss of U diag(m) V^T is sum 1/2 lambda_i m_i^2 - sigma_i m_i; a kept mode
# m_i = sigma_i / lambda_i contributes -sigma_i^2 / (2 lambda_i).
s, lam = sp.symbols("sigma lambda", positive=True)
step("kept mode: 1/2 lambda (sigma/lambda)^2 - sigma (sigma/lambda) = -sigma^2/(2 lambda)",
     sp.simplify(lam * (s / lam) ** 2 / 2 - s * s / lam + s**2 / (2 * lam)) == 0)
step("Z = diag(sigma_i/sqrt(lambda_i)): its squared singular values are sigma_i^2/lambda_i",
     sp.simplify((s / sp.sqrt(lam)) ** 2 - s**2 / lam) == 0)

# The smallest counterexample in the search of check_cor2 and its exact certificate.
sig, lams = (F(1), F(1, 2)), (F(2), F(1, 3))
t = (1 / sig[0] + 1 / sig[1]) / 2
lim, star = _dynamics_limit(sig, lams, t), rrr_diagonal(sig, lams, 1)
step("sigma = (1, 1/2), lambda = (2, 1/3), k = 1, 1 < t = 3/2 < 2: limit diag(1/2, 0), W^{1,*} diag(0, 3/2)",
     lim == [F(1, 2), F(0)] and star == [F(0), F(3, 2)])
step("f(limit) = -1/4 > f(W^{1,*}) = -3/8: the limit is not a rank-1 minimiser (exact)",
     loss_diagonal(sig, lams, lim) == F(-1, 4) and loss_diagonal(sig, lams, star) == F(-3, 8))

# The exact condition, on every two- and three-mode instance of small height.
vals = [F(a, b) for a in range(1, 4) for b in range(1, 4)]
ok, count = True, 0
for s1 in vals:
    for s2 in vals:
        for s3 in vals:
            if not s1 > s2 > s3:
                continue
            for l1 in vals[::2]:
                for l2 in vals[::2]:
                    for l3 in vals[::2]:
                        sg, lm = (s1, s2, s3), (l1, l2, l3)
                        for k in (1, 2):
                            # at ties (equal scores across k) the rank-k minimiser is not unique:
                            # the limit is compared with the minimum-norm one
                            tk = (1 / sg[k - 1] + 1 / sg[k]) / 2
                            agree = _dynamics_limit(sg, lm, tk) == rrr_min_norm_exact(sg, lm, k)
                            ok &= agree == cor2_condition(sg, lm, k)
                            count += 1
step(f"limit == min-norm W^(k,*) iff min_(i<=k) sigma_i^2/lambda_i >= max_(i>k) sigma_i^2/lambda_i "
     f"({count} cases, ties included)", ok)

# Sec. 3.1 / App. A: the autoencoder, Sigma_xy = Sigma_x: sigma_i = lambda_i.  The modes of (16) with
# lambda = sigma are derived per regime (Gruntz), W_1 W_2 = U diag(w_i) U^T for Thm. 1's initialisations
# with W_1(0) = W_2(0)^T (Q orthogonal), and the limit is compared with the PCA projector computed from
# the exact eigenvectors of Sigma_x = U diag(3, 2, 1) U^T (check_appA_pca).

da, ya = sp.symbols("delta y", positive=True)
ae = [limit_at_infinity(w_active_16(s, s, da, da * tt), da) for tt in (1 / s - ya, 1 / s, 1 / s + ya)]
step("autoencoder (lambda = sigma): modes of (16) tend to 0, 1/2, 1 below, at, above 1/sigma",
     ae == [0, sp.Rational(1, 2), 1], ae)
step("W_1 W_2(delta t) -> top-k eigenprojector of Sigma_x on 1/sigma_k < t < 1/sigma_(k+1), k = 0..3",
     check_appA_pca().verdict.name == "HOLDS")
step("negative: the bottom-k projector is refuted",
     check_appA_pca(lambda Sx, kk: pca_projector(Sx, 3) - pca_projector(Sx, 3 - kk)).verdict.name == "FAILS")
done("continuous_rrr")
