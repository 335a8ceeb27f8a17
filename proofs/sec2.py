"""Sec. 2 of Gidel, Bach, Lacoste-Julien (2019): which matrices the products W_1 ... W_L cover.

Claim (corrected): with inner widths r_1, ..., r_{L-1} and r = min r_l,
    {W_1 ... W_L : W_l in R^{r_{l-1} x r_l}} = {W in R^{d x p} : rank W <= r}   (r <= min(d, p)),
and = R^{d x p} exactly when r >= min(d, p).  The paper prints R^{p x d}, r > min(p, d),
and rank(W) < r in (4).

Run: python proofs/sec2.py
"""

import itertools

import sympy as sp
from _step import done, step

from symdln.checks._identity import symbolic_matrix
from symdln.deep import pad_factors, product

# 1. Inclusion: a matrix of rank k <= r has a rank factorisation W = C R (C: d x k, R: k x p);
#    pad C and R with zeros and put padded identities in between.  The product is C R
#    identically, for symbolic C and R.
for d, p, widths in [(2, 3, (2,)), (3, 2, (2, 4)), (3, 3, (1, 2, 5)), (2, 2, (3, 3))]:
    k = min(widths)
    C, R = symbolic_matrix("c", d, k), symbolic_matrix("r", k, p)
    Ws = pad_factors(C, R, widths)
    step(f"d={d}, p={p}, widths={widths}: padded factors multiply to C R",
         (product(Ws) - C * R).applyfunc(sp.expand).is_zero_matrix,
         f"shapes {[M.shape for M in Ws]}")

# 2. Exclusion: a product through a width-r layer has rank <= r: every (r+1)-minor of
#    W_1 W_2 (W_1: d x r, W_2: r x p, symbolic) vanishes identically (Cauchy-Binet).
for d, p, r in [(2, 2, 1), (3, 3, 2), (3, 2, 1)]:
    W = symbolic_matrix("a", d, r) * symbolic_matrix("b", r, p)
    minors = [sp.expand(W.extract(list(ri), list(ci)).det())
              for ri in itertools.combinations(range(d), r + 1)
              for ci in itertools.combinations(range(p), r + 1)]
    step(f"d={d}, p={p}, r={r}: all {len(minors)} ({r + 1})-minors vanish", all(m == 0 for m in minors))

# 3. Hence every d x p matrix is a product iff r >= min(d, p); the set lives in R^{d x p}
#    (r_0 = d rows, r_L = p columns), not R^{p x d}.
step("W_1 (1 x 1) W_2 (1 x 2) is 1 x 2: R^{d x p} with d = 1, p = 2",
     (sp.zeros(1, 1) * sp.zeros(1, 2)).shape == (1, 2))

# 4. (4) as printed, rank(W) < r, excludes rank-r products: d = p = 2, r = 1, X = I, Y = E_11.
Y = sp.Matrix([[1, 0], [0, 0]])
f = lambda M: sum(e**2 for e in (Y - M)) / (2 * 2)  # noqa: E731
step("(2) attains 0 with W_1 = e_1, W_2 = e_1^T", f(sp.Matrix([[1], [0]]) * sp.Matrix([[1, 0]])) == 0)
step("(4) with rank(W) < 1 only admits W = 0, value 1/4", f(sp.zeros(2, 2)) == sp.Rational(1, 4))
# 5. Not only r = 1: with d = p = 3, r = 2, the rank-2 matrix E_11 + E_22 is a product
#    (padded factors of C = I_(3x2), R = I_(2x3)) which rank(W) < 2 excludes.
C, R = sp.eye(3)[:, :2], sp.eye(3)[:2, :]
step("d = p = 3, r = 2: E_11 + E_22 = W_1 W_2 with W_1 in R^{3x2}, W_2 in R^{2x3}, rank 2",
     product(pad_factors(C, R, (2,))) == sp.diag(1, 1, 0) and sp.diag(1, 1, 0).rank() == 2)
done("Sec. 2 and (4)")
