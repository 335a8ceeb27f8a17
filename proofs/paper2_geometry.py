"""Readable derivations for paper 2: the eigen-decomposition of A_{N,W}, the depth limit, the volume form.

Run: ``python proofs/paper2_geometry.py``.  Every step prints what it shows and asserts it
(a failing step exits non-zero).  Symbols: p_i = sigma_i^{2/N} > 0, so sigma_i^2 = p_i^N; N is a
symbolic positive integer where SymPy can carry it, and explicit otherwise.
"""

from __future__ import annotations

import sys
from itertools import combinations
from pathlib import Path

import sympy as sp

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the checkout's package, not an installed one

from symdln import geometry as g
from symdln.checks import geometry as cg


def step(title: str, ok: bool) -> None:
    print(f"[{'ok' if ok else 'FAILED'}] {title}")
    if not ok:
        sys.exit(1)


N = sp.Symbol("N", positive=True, integer=True)
j = sp.Symbol("j", integer=True)

print("1. Balanced factors: every full-rank balanced tuple is W_j = Q_{j+1} D Q_j^T with one positive")
print("   diagonal D (W_j W_j^T = W_{j+1}^T W_{j+1} gives all factors the same singular values, and the")
print("   left singular vectors of W_j can be taken as the right ones of W_{j+1}). Then by induction on k")
print("   W_k...W_{j+1} = Q_{k+1} D^{k-j} Q_{j+1}^T: the step multiplies by Q_{k+2} D Q_{k+1}^T and uses")
print("   only Q_{k+1}^T Q_{k+1} = I. Hence (W_N...W_{j+1})(.)^T = U D^{2(N-j)} U^T = (WW^T)^{(N-j)/N},")
print("   (W_{j-1}...W_1)^T(.) = V D^{2(j-1)} V^T = (W^TW)^{(j-1)/N}: the induced flow is the printed one.")
for d, n in ((2, 4), (3, 3)):
    pt = cg.exact_point(d, n)
    Ws, U, P = pt["Ws"], pt["U"], pt["P"]
    ok = True
    for jj in range(n):
        left = sp.eye(d)
        for W in reversed(Ws[jj + 1 :]):
            left = left * W
        ok &= left * left.T == (P ** (n - jj - 1) if n - jj - 1 else sp.eye(d))
    step(f"   exact at a rational balanced point, d = {d}, N = {n}", ok)
step("   for every N: gradient, telescoping step (generic rotations, symbolic exponent), powers "
     "(symbolic N, j)", cg.check_endtoend_general().verdict.name == "HOLDS")

print("2. Eigenvectors: U^T A_{N,W}(U E_il V^T) V = (1/N) sum_j D^{N-j} E_il D^{j-1}, D = diag(p)")
print("   = (1/N) sum_j p_i^{N-j} p_l^{j-1} E_il: U E_il V^T is an eigenvector.")
for n in range(1, 7):
    p = sp.symbols("p1:4", positive=True)
    D = sp.diag(*p)
    ok = True
    for i, l in ((0, 1), (2, 0), (1, 1)):
        E = sp.zeros(3, 3)
        E[i, l] = 1
        lhs = g.metric_operator(D, D, E, n)
        lam = sp.Add(*[p[i] ** (n - k) * p[l] ** (k - 1) for k in range(1, n + 1)]) / n
        ok &= (lhs - lam * E).applyfunc(sp.expand) == sp.zeros(3, 3)
    step(f"   N = {n}, d = 3, symbolic p", ok)

print("3. Quotient form: (p_i - p_l) sum_{j=1}^N p_i^{N-j} p_l^{j-1} telescopes to p_i^N - p_l^N,")
print("   so lambda_il = (sigma_i^2 - sigma_l^2) / (N (sigma_i^{2/N} - sigma_l^{2/N})); at i = l: p^{N-1}.")
a, b = sp.symbols("a b", positive=True)
S = sp.summation(a ** (N - j) * b ** (j - 1), (j, 1, N))
generic = sp.piecewise_fold(S).args[-1][0] if isinstance(sp.piecewise_fold(S), sp.Piecewise) else S
step("   symbolic N: (a - b) * sum = a^N - b^N", sp.simplify(generic * (a - b) - (a**N - b**N)) == 0)
step("   symbolic N, i = l: (1/N) sum_j a^{N-1} = a^{N-1}",
     sp.simplify(sp.summation(a ** (N - 1), (j, 1, N)) / N - a ** (N - 1)) == 0)

print("4. Depth limit: with x = e^X, y = e^Y, h = 1/N,")
print("   lambda^N = (e^X - e^Y) h / (e^{hX} - e^{hY})")
print("            = (e^X - e^Y)/(X - Y) - h (e^X - e^Y)(X + Y)/(2(X - Y)) + O(h^2)")
h, X, Y, s = sp.symbols("h X Y s", positive=True)
lamN = (sp.exp(X) - sp.exp(Y)) * h / (sp.exp(h * X) - sp.exp(h * Y))
ser = sp.series(lamN, h, 0, 2).removeO()
lm = (sp.exp(X) - sp.exp(Y)) / (X - Y)
step("   leading term = logarithmic mean", sp.simplify(ser.coeff(h, 0) - lm) == 0)
step("   first-order term = -logmean (X + Y)/2 = -lambda_inf log(sigma_i sigma_l)",
     sp.simplify(ser.coeff(h, 1) + lm * (X + Y) / 2) == 0)
step("   diagonal: x^{1-h} = x - h x log x + O(h^2)",
     sp.simplify(sp.series(sp.exp(X * (1 - h)), h, 0, 2).removeO() - (sp.exp(X) - h * X * sp.exp(X))) == 0)
F = sp.exp(X * (1 - s) + Y * s) / (Y - X)
step("   integral form: d/ds F = x^{1-s} y^s for F = x^{1-s} y^s / (log y - log x)",
     sp.simplify(sp.diff(F, s) - sp.exp(X * (1 - s) + Y * s)) == 0)
step("   int_0^1 x^{1-s} y^s ds = F(1) - F(0) = logarithmic mean",
     sp.simplify(F.subs(s, 1) - F.subs(s, 0) - lm) == 0)

print("5. Volume form: in SVD coordinates U^T dW V = Omega_U Sigma + dSigma - Sigma Omega_V;")
print("   the metric is diagonal in the basis U E_il V^T with weights 1/lambda_il; each pair i < l")
print("   couples (omega^U_il, omega^V_il) through B = [[sigma_l, -sigma_i], [-sigma_i, sigma_l]].")
si, sl, lam = sp.symbols("sigma_i sigma_l lambda", positive=True)
B = sp.Matrix([[sl, -si], [-si, sl]])
blk = (B.T * sp.eye(2) / lam * B).det()
step("   det of the pair block = (sigma_i^2 - sigma_l^2)^2 / lambda_il^2",
     sp.simplify(blk - (si**2 - sl**2) ** 2 / lam**2) == 0)
print("   so sqrt(det g) = prod_i lambda_ii^{-1/2} prod_{i<l} |sigma_i^2 - sigma_l^2| / lambda_il.")
pi_, pl = sp.symbols("p_i p_l", positive=True)
lam_il = (pi_**N - pl**N) / (N * (pi_ - pl))
step("   |sigma_i^2 - sigma_l^2| / lambda_il = N (p_i - p_l) (symbolic N)",
     sp.simplify((pi_**N - pl**N) / lam_il - N * (pi_ - pl)) == 0)
step("   lambda_ii^{-1/2} = p_i^{(1-N)/2} = (sigma_i^2)^{(1-N)/(2N)} (symbolic N)",
     sp.simplify((pi_ ** (N - 1)) ** sp.Rational(-1, 2) - pi_ ** ((1 - N) / 2)) == 0)
for d in (2, 3):
    ps = sp.symbols(f"q1:{d + 1}", positive=True)
    for n in (2, 3, 5):
        dens = sp.Mul(*[(p ** (n - 1)) ** sp.Rational(-1, 2) for p in ps]) * sp.Mul(
            *[n * (ps[i] - ps[l]) for i, l in combinations(range(d), 2)])
        printed = g.volume_density([p ** sp.Rational(n, 2) for p in ps], n)
        step(f"   product = printed Thm. 1.1 density, d = {d}, N = {n}", sp.simplify(dens - printed) == 0)

print("6. Depth infinity: N (p_i - p_l) = N (e^{X_i/N} - e^{X_l/N}) -> X_i - X_l")
print("   = log sigma_i^2 - log sigma_l^2,")
print("   and det(Sigma^2)^{(1-N)/(2N)} -> det(Sigma^2)^{-1/2}.")
X1, X2 = sp.symbols("X1 X2", positive=True)
step("   N (e^{X1/N} - e^{X2/N}) -> X1 - X2 (series in h = 1/N)",
     sp.simplify(sp.series((sp.exp(h * X1) - sp.exp(h * X2)) / h, h, 0, 1).removeO() - (X1 - X2)) == 0)
print("all steps verified")
