"""The balanced manifold of paper 2 (notes: Menon and Yu): SVD form, dimension, orbit volume.

Derived here, each computed step asserted (a failing step exits non-zero); [..] lines are the
reasoning that joins them.  M = {(W_1..W_N) in GL(d)^N : F_j = W_{j+1}^T W_{j+1} - W_j W_j^T = 0},
phi(W_1..W_N) = W_N ... W_1, Euclidean (Frobenius) metric on the factors.

  1. every point of M is W_j = U_{j+1} D U_j^T, U_j orthogonal, one positive diagonal D;
  2. F is O(d)^{N+1}-equivariant, so rank dF depends only on D;
  3. at W_j = D, dF has an explicit right inverse: 0 is a regular value and
     dim M = N d^2 - (N-1) d(d+1)/2 = d^2 + (N-1) d(d-1)/2 for every d, N;
  4. the fibre phi^{-1}(W) is a free O(d)^{N-1} orbit;
  5. its volume is vol(O(d))^{N-1} 2^{(N-1)d(d-1)/4} sqrt(van(Sigma^2)/van(Sigma^{2/N})), the Haar
     measure normalised by orthonormal omega_ab = (Q^T dQ)_ab, a < b (the notes do not state it);
  6. coarea: Euclidean volume of M = (g^N / N)-volume of W x fibre volume, with the verified
     volume form of p2.volume.finite.

Run: python proofs/paper2_balanced.py   (about 15 s)
"""

from __future__ import annotations

import sys
from pathlib import Path

import sympy as sp

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the checkout's package

from _step import argument, done, step

from symdln import geometry as g
from symdln.checks import balanced as cb
from symdln.checks import balanced_entropy as cbe
from symdln.checks.geometry import _rotation

R = sp.Rational

# ---------------------------------------------------------------- 1. SVD form
argument(
    "1. SVD form. W_1 full rank: W_1 = U_2 D U_1^T (SVD, D > 0 diagonal). Induction: if "
    "W_j = U_{j+1} D U_j^T then W_{j+1}^T W_{j+1} = W_j W_j^T = U_{j+1} D^2 U_{j+1}^T; put "
    "U_{j+2} = W_{j+1} U_{j+1} D^{-1}. Then U_{j+2}^T U_{j+2} = I and U_{j+2} D U_{j+1}^T = W_{j+1}."
)
c, s = sp.symbols("c s", real=True)
d1, d2 = sp.symbols("d1 d2", positive=True)
U = sp.Matrix([[c, -s], [s, c]])
D = sp.diag(d1, d2)
circle = [c**2 + s**2 - 1]
gram_u = D.inv() * U.T * (U * D**2 * U.T) * U * D.inv() - sp.eye(2)  # W^T W replaced by U D^2 U^T
step(
    "U_{j+2}^T U_{j+2} = D^{-1} U^T (U D^2 U^T) U D^{-1} = I on O(2) (modulo c^2 + s^2 = 1), symbolic D",
    all(sp.reduced(sp.expand(sp.together(e) * d1**2 * d2**2), circle, c, s)[1] == 0 for e in gram_u),
)
Wsym = cb.symbolic_matrix("W", 2, 2)
back = Wsym * U * D.inv() * D * U.T - Wsym
step(
    "U_{j+2} D U_{j+1}^T = W U U^T = W (modulo c^2 + s^2 = 1)",
    all(sp.reduced(sp.expand(e), circle, c, s)[1] == 0 for e in back),
)
argument(
    "So all factors share the singular values s = diag(D), are of full rank if one is, and "
    "W = U_{N+1} D^N U_1^T: sigma_a = s_a^N, the factors' squared singular values are sigma_a^{2/N}."
)
pt = cb.exact_point(3, 3)
step(
    "exact instance, d = 3, N = 3: W = U_{N+1} D^N U_1^T and each W_j^T W_j = U_j D^2 U_j^T",
    pt["W"] == pt["U"] * sp.diag(*[x**3 for x in pt["a"]]) * pt["V"].T
    and all(
        W.T * W == _rotation(3, j) * sp.diag(*[x**2 for x in pt["a"]]) * _rotation(3, j).T
        for j, W in enumerate(pt["Ws"])
    ),
)

# ---------------------------------------------------------------- 2. equivariance
argument(
    "2. Equivariance. g = (Q_1..Q_{N+1}) acts by (g.W)_j = Q_{j+1} W_j Q_j^T (linear, invertible) and "
    "F_j(g.W) = Q_{j+1} F_j(W) Q_{j+1}^T. Block j only involves W_j, W_{j+1}, Q_j, Q_{j+1}, Q_{j+2}, so "
    "N = 2 covers every N and j."
)
step("d = 2: F(g.W) - rho_g F(W) = 0 on all of O(2) (both components), symbolic W",
     cb.equivariance_residual(2) == [])
step("d = 3: the same at rational Cayley rotations and a reflection, symbolic W",
     cb.equivariance_residual(3) == [])
argument(
    "Differentiating F(g.W) = rho_g F(W) along W + tX: dF_{g.W}(g.X) = rho_g dF_W(X), so "
    "rank dF_{g.W} = rank dF_W. With step 1 every point of M is g.(D, ..., D): rank dF depends only on D."
)

# ---------------------------------------------------------------- 3. surjectivity and dimension
argument(
    "3. Surjectivity at W_j = D. dF_D(X)_j = X_{j+1}^T D + D X_{j+1} - (X_j D + D X_j^T). Given symmetric "
    "S_1..S_{N-1}: X_1 = 0, X_{j+1} = the symmetric solution of X D + D X = S_j + X_j D + D X_j^T, "
    "x_ab = rhs_ab/(s_a + s_b) (rhs is symmetric, s_a + s_b > 0). Then dF_D(X)_j = S_j: for every d."
)
for d in (2, 3, 4):
    for n in (2, 3, 4, 5):
        step(f"dF_D(right inverse(S)) = S identically, symbolic s > 0 and S, d = {d}, N = {n}",
             cb.right_inverse_residual(d, n) == [])
dd, NN = sp.symbols("d N", positive=True, integer=True)
step(
    "N d^2 - (N-1) d(d+1)/2 = d^2 + (N-1) d(d-1)/2 (symbolic d, N)",
    sp.expand(NN * dd**2 - (NN - 1) * dd * (dd + 1) / 2 - (dd**2 + (NN - 1) * dd * (dd - 1) / 2)) == 0,
)
argument(
    "GL(d)^N is open in R^{N d^2}; dF is onto Sym(d)^{N-1} at every point of M = F^{-1}(0) (steps 2, 3) and "
    "(D, ..., D) is in M: by the regular value theorem M is a manifold of dimension "
    "N d^2 - (N-1) d(d+1)/2 = d^2 + (N-1) d(d-1)/2 (Menon-Yu, as quoted in the notes)."
)
step(
    "cross-check: exact rank of dF at rational non-diagonal balanced points is (N-1) d(d+1)/2",
    all(cb._rank_at_point(d, n) == (n - 1) * d * (d + 1) // 2 for d, n in ((2, 3), (3, 2))),
)

# ---------------------------------------------------------------- 4. fibres are orbits
argument(
    "4. Fibres. By step 1 the partial products P_j = W_j...W_1 = U_{j+1} D^j U_1^T satisfy "
    "P_j^T P_j = (W^T W)^{j/N}. If W' in M has the same product W, then Q_{j+1} = P'_j P_j^{-1} is "
    "orthogonal, Q_1 = Q_{N+1} = I, and W'_j = P'_j P'_{j-1}^{-1} = Q_{j+1} W_j Q_j^T: phi^{-1}(W) is one "
    "O(d)^{N-1} orbit. Free: Q_2 W_1 = W_1 forces Q_2 = I, then Q_3 W_2 = W_2, and so on."
)
a = (R(2), R(1))
rots = [_rotation(2, k) for k in range(4)]
Ws = g.balanced_factors(a, rots)
inner = [sp.eye(2), _rotation(2, 7), _rotation(2, 9) * sp.diag(1, -1), sp.eye(2)]
Ws2 = [inner[j + 1] * Ws[j] * inner[j].T for j in range(3)]
P = [Ws[0], Ws[1] * Ws[0]]
P2 = [Ws2[0], Ws2[1] * Ws2[0]]
Qs = [P2[j] * P[j].inv() for j in range(2)]
step(
    "exact instance d = 2, N = 3: Q_{j+1} = P'_j P_j^{-1} is orthogonal and recovers the inner rotations",
    all(Q.T * Q == sp.eye(2) for Q in Qs)
    and Qs == inner[1:3]
    and Ws2[2] * Ws2[1] * Ws2[0] == Ws[2] * Ws[1] * Ws[0],
)

# ---------------------------------------------------------------- 5. orbit volume
argument(
    "5. Orbit volume. The orbit map Q -> Q.W is equivariant and O(d)^{N+1} acts by Frobenius isometries; "
    "Ad is an isometry of o(d) with E_ab - E_ba (a < b) orthonormal. So the fibre volume is "
    "vol(O(d))^{N-1} x J, J = sqrt(det Gram) of the orbit tangents at one point, and J depends only on D. "
    "At W_j = D the generator K = E_ab - E_ba in slot Q_k moves W_{k-1} by K D and W_k by -D K."
)
for d in (2, 3):
    for n in (2, 3, 4, 5):
        step(f"W_j = diag(s), d = {d}, N = {n}: Gram block-diagonal over pairs a < b, each block 2 T with "
             "det T = (s_a^{2N} - s_b^{2N})/(s_a^2 - s_b^2)", cbe._symbolic_blocks(d, n) == [])
x, y = sp.symbols("x y", positive=True)
si, sl = sp.symbols("s_a s_b", positive=True)
T3 = sp.Matrix(3, 3, lambda i, j: si**2 + sl**2 if i == j else (-si * sl if abs(i - j) == 1 else 0))
step("the block: T = tridiagonal Toeplitz, diagonal s_a^2 + s_b^2, off-diagonal -s_a s_b (N = 4 shown)",
     sp.cancel(T3.det() - cbe.tridiagonal_det(si**2, sl**2, 3)) == 0, T3)
step(
    "symbolic N: det T_n = (x + y) det T_{n-1} - x y det T_{n-2} (expansion along the last row) is solved "
    "by (x^{n+1} - y^{n+1})/(x - y), det T_0 = 1, det T_1 = x + y; at n = N - 1 with x = sigma_a^{2/N}: "
    "(sigma_a^2 - sigma_b^2)/(sigma_a^{2/N} - sigma_b^{2/N})",
    cbe._recursion_holds(),
)
argument(
    "Hence J = prod_{a<b} sqrt(2^{N-1} det T) = 2^{(N-1)d(d-1)/4} sqrt(van(Sigma^2)/van(Sigma^{2/N})), for "
    "every d and N (the pairs decouple: each generator E_ab - E_ba only touches entries (a,b), (b,a))."
)
ok = True
for d, a_vals, n in ((2, (R(3), R(1, 2)), 4), (3, (R(2), R(3, 2), R(1)), 3)):
    rr = [_rotation(d, k) for k in range(n + 1)]
    G = cbe.orbit_gram(g.balanced_factors(a_vals, rr))
    ok &= G.det() == sp.nsimplify(cbe.orbit_density([v**n for v in a_vals], n)) ** 2
step("exact, at rational balanced points with non-trivial rotations (d = 2, N = 4; d = 3, N = 3): "
     "det Gram = J^2", ok)
K12 = sp.Matrix([[0, 1], [-1, 0]])
step("the normalisation: exp(theta (E_12 - E_21)) (unit speed) returns to I first at theta = 2 pi, so "
     "vol(SO(2)) = 2 pi, vol(O(2)) = 4 pi",
     cbe.haar_volume(2) == 4 * sp.pi
     and (2 * sp.pi * K12).exp() == sp.eye(2)
     and (sp.pi * K12).exp() == -sp.eye(2))
argument(
    "For d >= 3, SO(d) -> S^{d-1}, Q -> Q e_1, is a Riemannian submersion with fibre SO(d-1) in this metric, "
    "so vol(O(d)) = 2 prod_{k=1}^{d-1} vol(S^k) (standard; not computed here)."
)
Ndd = sp.Symbol("N", positive=True, integer=True)
sig = sp.symbols("sigma1:3", positive=True)
step(
    "symbolic N, d = 2: J^2 = 2^{N-1} (sigma_1^2 - sigma_2^2)/(sigma_1^{2/N} - sigma_2^{2/N}), so the "
    "entropy log vol = (1/2) log(van(Sigma^2)/van(Sigma^{2/N})) + log c(d, N)",
    sp.simplify(
        cbe.orbit_density(list(sig), Ndd) ** 2
        - 2 ** (Ndd - 1) * (sig[0] ** 2 - sig[1] ** 2) / (sig[0] ** (2 / Ndd) - sig[1] ** (2 / Ndd))
    )
    == 0,
)
argument("c(d, N) = vol(O(d))^{N-1} 2^{(N-1)d(d-1)/4}; for N = 1 the fibre is a point (J = 1).")

# ---------------------------------------------------------------- 6. coarea
argument(
    "6. Coarea. phi is a Riemannian submersion onto (GL(d), g^N / N) (p2.balanced.submersion). In "
    "coordinates (Sigma, U_{N+1}, U_1) on the base and U_2..U_N on the fibre the Euclidean density of M is "
    "the base density times the fibre density (block-triangular in a horizontal/vertical frame): "
    "sqrt(det G_M) = N^{-d^2/2} rho_{g^N}(Sigma) J(Sigma), rho_{g^N} the verified Thm. 1.1 density."
)
a1, a2 = sp.symbols("a1 a2", positive=True)
for n in (2, 3):
    rr = [_rotation(2, k) for k in range(n + 1)]
    sg = [a1**n, a2**n]
    lhs = cbe.manifold_gram((a1, a2), rr).det()
    rhs = g.volume_density(sg, n) ** 2 / sp.Integer(n) ** 4 * cbe.orbit_density(sg, n) ** 2
    step(f"symbolic a1 > a2 > 0 (sigma = a^N), d = 2, N = {n}: det G_M = N^{{-d^2}} rho^2 J^2",
         sp.cancel(sp.together(lhs - rhs)) == 0)
a3 = (R(2), R(3, 2), R(1))
rr = [_rotation(3, k) for k in range(3)]
sg3 = [v**2 for v in a3]
step(
    "exact, d = 3, N = 2: det G_M = N^{-d^2} rho^2 J^2",
    cbe.manifold_gram(a3, rr).det()
    == sp.nsimplify(g.volume_density(sg3, 2) ** 2 / 2**9 * cbe.orbit_density(sg3, 2) ** 2),
)
step("dimension count: d + (N+1) d(d-1)/2 chart coordinates = d^2 + (N-1) d(d-1)/2",
     sp.expand(dd + (NN + 1) * dd * (dd - 1) / 2 - (dd**2 + (NN - 1) * dd * (dd - 1) / 2)) == 0)
done("paper2_balanced")
