"""Minimum-nuclear-norm completions of the 3 x 3 diagonal problem (claim p2.completion.nuclear3x3).

Source: the notes, "Matrix completion" (3 x 3 diagonal completion) and the 2 x 2 bullet
(||W||_* >= |tr W|, equality iff W symmetric PSD), carried to d = 3.

    observe W_11 = W_22 = W_33 = 1, E = 1/2 sum_i (W_ii - 1)^2: the minimisers have unit diagonal.
    ||W||_* >= tr W = 3 on them, with equality iff W is symmetric PSD (a correlation matrix);
    [[1, x, y], [x, 1, z], [y, z, 1]] is PSD iff |x|, |y|, |z| <= 1 and 1 + 2xyz - x^2 - y^2 - z^2 >= 0;
    rank 1 exactly at s s^T (s in {+-1}^3), rank 2 on the rest of det = 0, rank 3 inside.

Run: python proofs/paper2_completion.py   (about 2 s)
"""

import sys
from pathlib import Path

_HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(_HERE), str(_HERE.parent)]  # the shared step helper and the checkout's package

import sympy as sp  # noqa: E402
import z3  # noqa: E402
from _step import argument, done, step  # noqa: E402

from symdln.certify.exact import cayley_orthogonal  # noqa: E402
from symdln.certify.smt import prove  # noqa: E402
from symdln.checks.completion3x3 import (  # noqa: E402
    DET,
    ELLIPTOPE,
    X,
    Y,
    Z,
    correlation,
    nuclear_vs,
    unit_diagonal,
)

x, y, z, lam = X, Y, Z, sp.Symbol("lambda")


def in_elliptope(p: tuple) -> bool:
    return bool(ELLIPTOPE.subs(dict(zip((x, y, z), p, strict=True))))



# 1. The bound, for any d.  With W = U S V^T, <Z, W> = sum_i sigma_i u_i^T Z v_i; take Z = I.
U, V = sp.Matrix(3, 3, sp.symbols("U:9", real=True)), sp.Matrix(3, 3, sp.symbols("V:9", real=True))
s = sp.symbols("s1:4", nonnegative=True)
step("tr(U S V^T) = sum_i sigma_i <u_i, v_i>  (exact, 3 x 3 symbolic)",
     sp.expand((U * sp.diag(*s) * V.T).trace() - sum(s[i] * U[:, i].dot(V[:, i]) for i in range(3))) == 0)
u, v = sp.symbols("u v", real=True)
step("per coordinate (u - v)^2 = u^2 + v^2 - 2uv, so summed over any d and for unit vectors "
     "2 (1 - <u, v>) = |u - v|^2 >= 0  (exact)", sp.expand((u - v) ** 2 - (u**2 + v**2 - 2 * u * v)) == 0)
zu, zv = z3.Reals("u1 u2 u3"), z3.Reals("v1 v2 v3")
unit = z3.And(sum(a * a for a in zu) == 1, sum(b * b for b in zv) == 1)
dot = sum(a * b for a, b in zip(zu, zv, strict=True))
res = prove(z3.Implies(unit, (dot == 1) == z3.And(*[a == b for a, b in zip(zu, zv, strict=True)])))
step("unit u, v: <u, v> = 1 iff u = v  (z3 over the reals, d = 3)", res.status == "proved", res.status)
argument("so tr W = sum sigma_i <u_i, v_i> <= sum sigma_i = ||W||_*, with equality iff u_i = v_i "
         "whenever sigma_i > 0; then W = sum sigma_i u_i u_i^T is symmetric PSD. Conversely, for "
         "symmetric PSD W an eigen-decomposition is an SVD, so ||W||_* = sum lambda_i = tr W.")
Q = cayley_orthogonal(sp.Matrix([[0, 1, 2], [-1, 0, 3], [-2, -3, 0]]) / 3)
Wpsd = Q * sp.diag(2, sp.Rational(1, 2), 0) * Q.T
step("example: W = Q diag(2, 1/2, 0) Q^T (Q rational orthogonal): ||W||_* = tr W = 5/2 exactly",
     nuclear_vs(Wpsd, sp.Rational(5, 2))[0] == "=")
Wg = unit_diagonal(sp.symbols("w12 w13 w21 w23 w31 w32", real=True))
step("on the minimisers (unit diagonal) tr W = 3 (any d: tr W = d)", Wg.trace() == 3)
step("W = I attains it: ||I||_* = 3 exactly", nuclear_vs(sp.eye(3))[0] == "=")

# 2. The elliptope, from the characteristic polynomial.
C = correlation(x, y, z)
coeffs = C.charpoly(lam).all_coeffs()
e1, e2, e3 = -coeffs[1], coeffs[2], -coeffs[3]
step("det(lambda I - C) = lambda^3 - 3 lambda^2 + (3 - x^2 - y^2 - z^2) lambda - det C,"
     " det C = 1 + 2xyz - x^2 - y^2 - z^2  (exact)",
     e1 == 3 and sp.expand(e2 - (3 - x**2 - y**2 - z**2)) == 0 and sp.expand(e3 - DET) == 0, coeffs)
r = z3.Reals("r1 r2 r3")
f = (sum(r), r[0] * r[1] + r[0] * r[2] + r[1] * r[2], r[0] * r[1] * r[2])
res = prove(z3.And(*[fi >= 0 for fi in f]) == z3.And(*[ri >= 0 for ri in r]))
step("real roots r1, r2, r3 are all >= 0 iff e1, e2, e3 >= 0  (z3; C symmetric: real eigenvalues)",
     res.status == "proved", res.status)
zx, zy, zz = z3.Reals("x y z")
zdet = 1 + 2 * zx * zy * zz - zx * zx - zy * zy - zz * zz
desc = z3.And(*[z3.And(t >= -1, t <= 1) for t in (zx, zy, zz)], zdet >= 0)
res = prove(z3.And(3 - zx * zx - zy * zy - zz * zz >= 0, zdet >= 0) == desc)
step("(e2 >= 0 and det >= 0) iff (|x|, |y|, |z| <= 1 and det >= 0)  (z3)", res.status == "proved", res.status)
argument("so the minimum-nuclear-norm completions are the correlation matrices C(x, y, z) with "
         "|x|, |y|, |z| <= 1 and 1 + 2xyz - x^2 - y^2 - z^2 >= 0 (the elliptope).")

# 3. Certified nuclear norms at rational minimisers.
for pt in ((1, 1, 1), (0, 0, 0), (sp.Rational(-1, 2),) * 3, (sp.Rational(3, 5), sp.Rational(4, 5), 0)):
    step(f"C{pt} is in the elliptope and ||C||_* = 3 exactly",
         in_elliptope(pt) and nuclear_vs(correlation(*pt))[0] == "=")
for W, name in ((correlation(1, 1, -1), "symmetric indefinite C(1, 1, -1)"),
                (unit_diagonal((1, 0, 0, 0, 0, 0)), "non-symmetric [[1, 1, 0], [0, 1, 0], [0, 0, 1]]")):
    rel, how = nuclear_vs(W)
    outside = not W.is_symmetric() or not in_elliptope((W[0, 1], W[0, 2], W[1, 2]))
    step(f"{name} (not a correlation matrix): ||W||_* > 3, certified", outside and rel == ">", how)

# 4. Ranks: rank >= 1 (unit diagonal); rank <= 1 iff every 2 x 2 minor vanishes; rank <= 2 iff det = 0.
minors = [C.minor_submatrix(i, j).det() for i in range(3) for j in range(3)]
sols = sp.solve(minors, [x, y, z], dict=True)
found = {(sol[x], sol[y], sol[z]) for sol in sols}
step("SymPy solves the 2 x 2 minors: four real solutions, x, y, z in {+-1} with xyz = 1",
     len(found) == 4 and all({abs(a), abs(b), abs(c)} == {1} and a * b * c == 1 for a, b, c in found),
     sorted(found))
step("each is s s^T with s = (1, x, y), in the elliptope (det = 0)",
     all(correlation(a, b, c) == sp.Matrix([1, a, b]) * sp.Matrix([[1, a, b]]) and in_elliptope((a, b, c))
         and DET.subs({x: a, y: b, z: c}) == 0 for a, b, c in found))
step("det C = 1 + 2xyz - x^2 - y^2 - z^2, so rank C <= 2 exactly on the boundary det = 0",
     sp.expand(C.det() - DET) == 0)
step("rank 2 on the boundary off the corners: C(1, 0, 0), C(-1/2, -1/2, -1/2), C(3/5, 4/5, 0)",
     all(correlation(*p).rank() == 2 for p in ((1, 0, 0), (sp.Rational(-1, 2),) * 3,
                                                (sp.Rational(3, 5), sp.Rational(4, 5), 0))))
step("rank 3 inside: C(0, 0, 0) = I, C(1/2, 1/2, 1/2)",
     correlation(0, 0, 0).rank() == 3 and correlation(*(sp.Rational(1, 2),) * 3).rank() == 3)
argument("hence: the minimum nuclear norm is 3, attained exactly on the elliptope; its rank-1 members are "
         "the four s s^T, its other boundary points have rank 2, its interior points rank 3. The notes' "
         "'all minimisers rank 2' fails (p2.completion.ranks3x3); the minimum-nuclear-norm set has every "
         "rank 1, 2, 3 as well.")
done("paper2_completion")
