r"""Check of (14): for the linear autoencoder (Y = X), \Sigma_{xy}\Sigma_{xy}^T = \Sigma_x^2 and B = 0.

The identity is a polynomial identity in the entries of X, decided exactly
for symbolic X.  B = 0 is checked for *every* admissible choice of the SVD
factor U: on exact cases with a repeated eigenvalue and a null space, U is
rotated inside each eigenspace (a Cayley rotation) and the null block of V is
rotated independently; each (U, V) is verified to be an SVD of Sigma_xy
exactly, then U^T Sigma_x U is checked to be diagonal.
"""

from __future__ import annotations

from collections.abc import Callable

import sympy as sp

from symdln.assumption import defect_B
from symdln.certify.exact import cayley_orthogonal
from symdln.checks._cases import DataCase, standard_cases
from symdln.checks._identity import entry_symbols, first_failing, symbolic_matrix
from symdln.verdict import CheckResult, Evidence, Verdict

__all__ = ["check_eq14"]

SIZES = ((1, 1), (2, 1), (2, 2), (3, 2), (2, 3))


def _block_rotations(case: DataCase) -> list[sp.Matrix]:
    """Orthogonal R acting inside each eigenspace of Sigma_x (identity, and a rotation)."""
    ev = case.eigenvalues
    rots = [sp.eye(case.d)]
    R = sp.eye(case.d)
    for value in sorted(set(ev), key=lambda v: -v):
        idx = [i for i, e in enumerate(ev) if e == value]
        if len(idx) >= 2:
            K = sp.zeros(len(idx), len(idx))
            K[0, 1], K[1, 0] = sp.Rational(1, 3), -sp.Rational(1, 3)
            block = cayley_orthogonal(K)
            for a, i in enumerate(idx):
                for b, j in enumerate(idx):
                    R[i, j] = block[a, b]
    if R != sp.eye(case.d):
        rots.append(R)
    # a sign flip of the first eigenvector is always admissible
    F = sp.eye(case.d)
    F[0, 0] = -1
    rots.append(F)
    return rots


def _svds(case: DataCase, Sxy: sp.Matrix) -> list[tuple[sp.Matrix, sp.Matrix, sp.Matrix]]:
    """Several exact SVDs (U, D, V) of a symmetric PSD Sxy diagonal in the basis case.Q."""
    base = case.Q.T  # columns: eigenvectors
    D = base.T * Sxy * base
    out = []
    for R in _block_rotations(case):
        U = base * R
        Dd = U.T * Sxy * U
        V = U.copy()
        null = [i for i in range(case.d) if Dd[i, i] == 0]
        if len(null) >= 1:  # the right singular vectors of the zero block are free
            Fv = sp.eye(case.d)
            Fv[null[0], null[0]] = -1
            V = U * Fv
        out.append((U, Dd, V))
    del D
    return out


def check_eq14(
    targets: Callable[[sp.Matrix], sp.Matrix] = lambda X: X,
    rhs: Callable[[sp.Matrix], sp.Matrix] = lambda Sx: Sx**2,
) -> CheckResult:
    r"""Judge (14): with Y = ``targets(X)`` (printed: Y = X), \Sigma_{xy}\Sigma_{xy}^T =
    ``rhs(Sigma_x)`` (printed: \Sigma_x^2), and B = 0 for every SVD of \Sigma_{xy}."""

    def residual(size: tuple[int, int]):
        n, d = size
        X = symbolic_matrix("x", n, d)
        Sx, Sxy = X.T * X / n, X.T * targets(X) / n
        return (Sxy * Sxy.T - rhs(Sx)).applyfunc(sp.expand), entry_symbols(X)

    bad = first_failing(SIZES, residual)
    if bad is not None:
        (n, d), point, (i, j, value) = bad
        return CheckResult(Verdict.FAILS, Evidence(
            method="exact polynomial identity in the entries of X, integer witness",
            precision="exact",
            counterexample={"n": n, "d": d, **point, f"residual[{i},{j}]": str(value)}))
    checked = 0
    for case in standard_cases():
        Sxy = case.X.T * targets(case.X) / case.n
        base = case.Q.T
        if not (base.T * Sxy * base).is_diagonal():
            continue
        for U, D, V in _svds(case, Sxy):
            if not (U * D * V.T - Sxy).is_zero_matrix or not D.is_diagonal():
                raise ArithmeticError(f"constructed SVD is not an SVD ({case.name})")
            B = defect_B(case.Sx, U)
            if not B.is_zero_matrix:
                return CheckResult(Verdict.FAILS, Evidence(
                    method="exact SVD variants, exact B = offdiag(U^T Sigma_x U)",
                    precision="exact",
                    counterexample={**case.describe(), "U": str(U.tolist()),
                                    "B": str(B.tolist())}))
            checked += 1
    if checked == 0:
        return CheckResult(Verdict.INCONCLUSIVE, Evidence(
            "exact", notes="no case where the SVD of Sigma_xy could be built exactly"))
    return CheckResult(Verdict.HOLDS, Evidence(
        method="exact polynomial identity for symbolic X; B = 0 for every SVD variant built "
               "exactly (rotations inside repeated eigenspaces, sign flips, free null block)",
        precision="exact", residual="0",
        parameters={"sizes (n, d)": SIZES, "SVD variants checked": checked},
        notes="B = 0 for every SVD because the PSD square root is unique: Sigma_xy = Sigma_x "
              "= U D V^T forces U^T Sigma_x U = D V^T U = D",
        proof="proofs/eq14.py"))
