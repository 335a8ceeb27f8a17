"""Derivations behind the checks of (27) and of Assump. 1 (paper 1, Sec. 3.1 and 4.1).

Run: ``python proofs/data_delta.py``.  Each step prints what it shows and
asserts it; a failing step exits non-zero.  Run time: a few seconds.

1. ||B(U)||_F^2 = ||Sigma_x - sum_k P_k Sigma_x P_k||_F^2 + (off-diagonal mass inside the
   blocks), for every admissible U: so the minimum over U is the off-block norm.
2. That minimum is 0 iff Sigma_x commutes with Sigma_xy Sigma_xy^T.
3. Corrected Delta_x: 0 iff Sigma_x = cI; at most sqrt(2 - 2/sqrt(d))/2, attained at rank one.
4. Printed Delta_x: within 1/(2n) of 1/2; = 1/4 at X = [1, 1]^T although Sigma_x = I_1.
5. Table 1: MNIST's printed .70 is above the supremum at d = 784.
6. Every d: Delta_xy <= sqrt(1 - 1/d) for any U (sup over d = 1, a limit) and the literal
   Delta_x < 1/sqrt(2): SymPy identities in a symbolic d (symdln.checks.data_delta).
"""

from __future__ import annotations

import sys
from pathlib import Path

import sympy as sp

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the checkout's symdln, when run directly


def step(msg: str, ok: bool) -> None:
    print(("  ok  " if ok else "  FAIL") + "  " + msg)
    assert ok, msg


def main() -> None:
    print("1. ||B(U)||^2 = off-block^2 + in-block off-diagonal^2  (d = 3, blocks {1, 2} | {3})")
    s = sp.symbols("s11 s12 s13 s22 s23 s33", real=True)
    Sx = sp.Matrix([[s[0], s[1], s[2]], [s[1], s[3], s[4]], [s[2], s[4], s[5]]])
    t = sp.Symbol("t", real=True)
    c, sn = (1 - t**2) / (1 + t**2), 2 * t / (1 + t**2)  # every rotation of the 2-dim block
    U = sp.Matrix([[c, -sn, 0], [sn, c, 0], [0, 0, 1]])
    step("U is orthogonal", sp.simplify(U.T * U - sp.eye(3)) == sp.zeros(3))
    M = U.T * Sx * U
    B2 = sum(M[i, j] ** 2 for i in range(3) for j in range(3) if i != j)
    P1, P2 = sp.diag(1, 1, 0), sp.diag(0, 0, 1)
    off = Sx - P1 * Sx * P1 - P2 * Sx * P2
    in_block = 2 * M[0, 1] ** 2
    step("identity holds for every rotation t (exact)",
         sp.simplify(B2 - sum(e**2 for e in off) - in_block) == 0)
    print("     the in-block term 2 M_12^2 is >= 0 and vanishes when U diagonalises the block:")
    print("     min_U ||B|| = ||off-block||")

    print("2. min ||B|| = 0  <=>  [Sigma_x, Sigma_xy Sigma_xy^T] = 0")
    # off-block zero <=> Sigma_x = sum P Sigma_x P <=> Sigma_x P_k = P_k Sigma_x for every k;
    # the P_k are polynomials in G = sum g_k P_k (Lagrange), so this <=> Sigma_x G = G Sigma_x.
    g1, g2 = sp.symbols("g1 g2", positive=True)
    G = g1 * P1 + g2 * P2
    comm = Sx * G - G * Sx
    step("commutator = (g1 - g2) x (off-block part with signs)",
         sp.simplify(comm - (g1 - g2) * (P2 * Sx * P1 - P1 * Sx * P2)) == sp.zeros(3))
    print("     so for g1 != g2: commutator = 0 iff P1 Sx P2 = 0 iff off-block = 0")

    print("3. corrected Delta_x = 1/2 || Sx/||Sx|| - I/sqrt(d) ||")
    lam = sp.symbols("l1:5", nonnegative=True)
    d = 4
    tr, fro2 = sum(lam), sum(v**2 for v in lam)
    step("(tr)^2 - ||Sx||^2 = 2 sum_{i<j} l_i l_j >= 0 for PSD (d = 4)",
         sp.expand(tr**2 - fro2 - 2 * sum(lam[i] * lam[j] for i in range(d) for j in range(i + 1, d))) == 0)
    step("d ||Sx||^2 - (tr)^2 = sum_{i<j} (l_i - l_j)^2 >= 0, zero iff all equal",
         sp.expand(d * fro2 - tr**2 - sum((lam[i] - lam[j]) ** 2 for i in range(d)
                                          for j in range(i + 1, d))) == 0)
    print("     Delta_x^2 = (2 - 2 tr/(sqrt(d)||Sx||))/4 and 1/sqrt(d) <= tr/(sqrt(d)||Sx||) <= 1")
    from symdln.assumption import delta_x_corrected, delta_x_printed, delta_x_sup
    for dd in (2, 3, 5):
        v = sp.Matrix(dd, 1, lambda i, j: i + 1)
        step(f"rank one attains the supremum, d = {dd}",
             sp.simplify(delta_x_corrected(v * v.T) - delta_x_sup(dd)) == 0)

    print("4. printed Delta_x (Sigma^_x = X^T X / (n ||X||^2)): ||Sigma^_x||_F <= tr = 1/n")
    X = sp.Matrix([[1], [1]])
    step("X = [1, 1]^T: Sigma_x = 1 = I_1 but printed Delta_x = 1/4", delta_x_printed(X) == sp.Rational(1, 4))

    print("5. Table 1, MNIST (d = 784): sup Delta_x = 3 sqrt(42)/28")
    sup = delta_x_sup(784)
    step("sup^2 = 27/56", sp.simplify(sup**2 - sp.Rational(27, 56)) == 0)
    step("27/56 < (0.695)^2 = (139/200)^2: the printed .70 cannot occur",
         sp.Rational(27, 56) < sp.Rational(139, 200) ** 2)
    print("6. bounds for every d (induction steps and bound chains in a symbolic d)")
    from symdln.checks.data_delta import symbolic_bound_proofs
    for name, status in symbolic_bound_proofs().items():
        step(name, status == "proved")
    print("QED")


if __name__ == "__main__":
    main()
