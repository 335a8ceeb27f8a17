r"""Check of (14): for the linear autoencoder (Y = X), \Sigma_{xy}\Sigma_{xy}^T = \Sigma_x^2 and B = 0.

The identity is proved over symbolic sizes (X an n x d ``MatrixSymbol``, SymPy's matrix
algebra), and cross-checked as a polynomial identity in the entries of X (d <= 4); with it,
B = 0 for every SVD follows from the uniqueness of the PSD square root (:data:`_B_ARGUMENT`).
B = 0 for *every* SVD of Sigma_xy is also decided on the
exact data cases (a repeated eigenvalue and a null space included) by a
computation that does not use the eigenbasis the cases are built from: SymPy
computes the eigenspaces of Sigma_xy Sigma_xy^T (the left singular subspaces
of Sigma_xy) and an orthonormal basis U_0 of each; every SVD has U = U_0 R with
R orthogonal inside each subspace, so B = 0 for every SVD if and only if
U_0^T Sigma_x U_0 is block-diagonal with a multiple of the identity on each
block.  A Sigma_xy for which B = 0 fails gets an explicit U with B != 0.

The SVD variants of :func:`_svds` (rotations inside eigenspaces built from the
eigenbasis of Sigma_x) illustrate the argument in ``proofs/eq14.py``; they
cannot fail by construction and do not count toward the verdict.
"""

from __future__ import annotations

from collections.abc import Callable

import sympy as sp

from symdln.assumption import defect_B
from symdln.certify.exact import cayley_orthogonal
from symdln.checks._cases import (
    DataCase,
    call_formula,
    judge_formula,
    standard_cases,
)
from symdln.checks._identity import certified_nonzero, entry_symbols, first_failing, symbolic_matrix
from symdln.verdict import CheckResult, Evidence, Verdict

__all__ = ["check_eq14"]

#: (n, d) sizes of the symbolic X, smallest first; n < d makes X rank-deficient.
#: d = 4 costs about 0.7 s of the check's time.
SIZES = ((1, 1), (2, 1), (2, 2), (3, 2), (2, 3), (2, 4), (4, 4))


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


def _is_zero(e: sp.Expr) -> bool:
    return sp.simplify(e) == 0


def _left_singular_subspaces(Sxy: sp.Matrix) -> list[tuple[sp.Expr, sp.Matrix]] | None:
    """The eigenspaces of Sxy Sxy^T with an exact orthonormal basis each (columns),
    computed by SymPy from Sxy alone; None if an eigenvalue is not explicit: a ``CRootOf``, or
    a radical through the complex numbers (an irreducible cubic with three real roots), on which
    the orthonormalisation does not finish in minutes."""
    M = Sxy * Sxy.T
    out = []
    for value, _mult, vecs in M.eigenvects():
        if value.has(sp.CRootOf) or value.has(sp.I):
            return None
        basis = sp.Matrix.hstack(*sp.GramSchmidt(vecs, orthonormal=True))
        out.append((value, basis.applyfunc(sp.radsimp)))
    return out


def _rotated(U0: sp.Matrix, i: int, j: int, k: sp.Rational) -> sp.Matrix:
    """U0 with columns i, j rotated by the Cayley rotation of parameter k (exact)."""
    K = sp.Matrix([[0, k], [-k, 0]])
    Rb = cayley_orthogonal(K)
    R = sp.eye(U0.cols)
    R[i, i], R[i, j], R[j, i], R[j, j] = Rb[0, 0], Rb[0, 1], Rb[1, 0], Rb[1, 1]
    return U0 * R


def _every_svd_defect(Sx: sp.Matrix, Sxy: sp.Matrix) -> dict[str, object] | str | None:
    """Decide whether B = offdiag(U^T Sx U) = 0 for every SVD U D V^T of Sxy, exactly.

    Every SVD has U = U0 R, U0 from :func:`_left_singular_subspaces` and R orthogonal
    inside each subspace; so B = 0 for all of them iff C = U0^T Sx U0 is zero off the
    blocks and a multiple of the identity on each block.  Returns None if so, an SVD
    factor U with B != 0 if not, and a reason string if the subspaces are not explicit.
    """
    spaces = _left_singular_subspaces(Sxy)
    if spaces is None:
        return "an eigenvalue of Sigma_xy Sigma_xy^T is not explicit"
    U0 = sp.Matrix.hstack(*(b for _, b in spaces))
    blocks, start = [], 0
    for _, b in spaces:
        blocks.append(list(range(start, start + b.cols)))
        start += b.cols
    G = U0.T * U0 - sp.eye(U0.cols)
    D2 = U0.T * Sxy * Sxy.T * U0
    if U0.shape != Sx.shape or not all(_is_zero(e) for e in G) or not all(
            _is_zero(D2[i, j]) for i in range(D2.rows) for j in range(D2.cols) if i != j):
        raise ArithmeticError("the computed left singular basis is not orthonormal")
    C = (U0.T * Sx * U0).applyfunc(sp.simplify)
    block_of = {i: bi for bi, idx in enumerate(blocks) for i in idx}
    for i in range(C.rows):
        for j in range(C.cols):
            off_block = block_of[i] != block_of[j]
            if (off_block or i != j) and not _is_zero(C[i, j]):
                return _defect_witness(Sx, U0, i, j, off_block)
    for idx in blocks:
        for i in idx[1:]:
            if not _is_zero(C[i, i] - C[idx[0], idx[0]]):
                return _defect_witness(Sx, U0, idx[0], i, False)
    return None


def _defect_witness(Sx: sp.Matrix, U0: sp.Matrix, i: int, j: int,
                    off_block: bool) -> dict[str, object] | str:
    """An SVD factor U with B != 0: U0 itself (entry off the blocks), or U0 rotated inside
    the block of columns i, j (a non-scalar block: one of two rotations makes it
    non-diagonal); a reason string when no entry of B is certified nonzero."""
    candidates = [U0] if off_block else [_rotated(U0, i, j, k)
                                         for k in (sp.Rational(1, 2), sp.Rational(1, 3))]
    for U in candidates:
        B = defect_B(Sx, U).applyfunc(sp.simplify)
        if any(certified_nonzero(e) for e in B):  # exact or Arb-certified, never SymPy's "can't tell"
            return {"U": str(U.tolist()), "B": str(B.tolist()),
                    "why": "U^T Sigma_x U is not diagonal" + (
                        "" if off_block else f" after a rotation of columns {i + 1}, {j + 1} "
                        "inside one left singular subspace")}
    return "no entry of B certified nonzero under the rotations tried"


def check_eq14(
    targets: Callable[[sp.Matrix], sp.Matrix] = lambda X: X,
    rhs: Callable[[sp.Matrix], sp.Matrix] = lambda Sx: Sx**2,
) -> CheckResult:
    r"""Judge (14): with Y = ``targets(X)`` (printed: Y = X), \Sigma_{xy}\Sigma_{xy}^T =
    ``rhs(Sigma_x)`` (printed: \Sigma_x^2), and B = 0 for every SVD of \Sigma_{xy}.

    ``targets`` or ``rhs`` that raise or return the wrong shape at a size FAIL
    there (confirmed with every entry of X equal to 1)."""
    return judge_formula(
        lambda inexact: _check_eq14(targets, rhs, inexact),
        "the formulas under test called on symbolic X",
    )


def _call_on_X(formula: Callable[[sp.Matrix], sp.Matrix], M: sp.Matrix, X: sp.Matrix,
               shape: tuple[int | None, int | None], what: str,
               inexact: dict[str, str]) -> sp.Matrix:
    n, d = X.shape
    ones = {s: 1 for s in X.free_symbols}
    return call_formula(formula, (M,), where={"n": n, "d": d, "X": "symbolic", "formula": what},
                        shape=shape, inexact=inexact,
                        concrete=((M.subs(ones),), {"n": n, "d": d, "X": "all ones",
                                                    "formula": what}))


def _check_eq14(targets: Callable[[sp.Matrix], sp.Matrix],
                rhs: Callable[[sp.Matrix], sp.Matrix], inexact: dict[str, str]) -> CheckResult:
    def residual(size: tuple[int, int]):
        n, d = size
        X = symbolic_matrix("x", n, d)
        Sx = X.T * X / n
        Sxy = X.T * _call_on_X(targets, X, X, (n, None), "targets (Y)", inexact) / n
        claimed = _call_on_X(rhs, Sx, X, (d, d), "rhs", inexact)
        return (Sxy * Sxy.T - claimed).applyfunc(sp.expand), entry_symbols(X)

    bad = first_failing(SIZES, residual)
    if bad is not None:
        (n, d), point, (i, j, value) = bad
        return CheckResult(Verdict.FAILS, Evidence(
            method="exact polynomial identity in the entries of X, integer witness",
            precision="exact",
            counterexample={"n": n, "d": d, **point, f"residual[{i},{j}]": str(value)}))
    checked = []
    for case in standard_cases():
        Y = call_formula(targets, (case.X,), where=case.describe(), shape=(case.n, None),
                         inexact=inexact)
        Sxy = case.X.T * Y / case.n
        found = _every_svd_defect(case.Sx, Sxy)
        if isinstance(found, str):
            return CheckResult(Verdict.INCONCLUSIVE, Evidence(
                "exact eigenspaces of Sigma_xy Sigma_xy^T", parameters=case.describe(),
                notes=f"B for every SVD not decided: {found}"))
        if found is not None:
            return CheckResult(Verdict.FAILS, Evidence(
                method="exact left singular subspaces of Sigma_xy (SymPy eigenspaces of "
                       "Sigma_xy Sigma_xy^T), B = offdiag(U^T Sigma_x U) for an SVD factor U",
                precision="exact", counterexample={**case.describe(), **found}))
        checked.append(case.name)
    method = ("exact polynomial identity for symbolic X; B = 0 for every SVD of Sigma_xy: "
              "U_0^T Sigma_x U_0 is a multiple of the identity on each left singular subspace "
              "(SymPy eigenspaces of Sigma_xy Sigma_xy^T, computed from Sigma_xy alone) and "
              "zero between them")
    params = {"sizes (n, d)": SIZES, "cases (every SVD)": checked}
    why = _general_failure(targets, rhs)
    if why is not None:
        return CheckResult(Verdict.HOLDS, Evidence(
            method=method, precision="exact", residual="0", parameters=params,
            notes=f"why not general: {why}; the sizes and cases listed are proved, no other",
            proof="proofs/eq14.py", scope="instances"))
    return CheckResult(Verdict.HOLDS, Evidence(
        method="SymPy matrix algebra over symbolic sizes n, d (X a MatrixSymbol): Sigma_xy Sigma_xy^T "
               "equals the formula under test, which equals Sigma_x^2; B = 0 for every SVD from "
               "the uniqueness of the PSD square root; " + method + " (cross-check)",
        precision="exact", residual="0", parameters=params,
        notes=_B_ARGUMENT + "; the cases include a repeated singular value and a zero one",
        proof="proofs/eq14.py", scope="general"))


#: why Sigma_xy Sigma_xy^T = Sigma_x^2 gives B = 0 for every SVD of Sigma_xy (the lemma is tested on
#: the exact cases by :func:`_every_svd_defect`, which does not use it)
_B_ARGUMENT = ("for every SVD Sigma_xy = U D V^T (U orthogonal, D >= 0 diagonal), Sigma_xy Sigma_xy^T = "
               "Sigma_x^2 reads U D^2 U^T = Sigma_x^2; both Sigma_x = X^T X / n and U D U^T are PSD "
               "square roots of it, and the PSD square root is unique, so Sigma_x = U D U^T and "
               "U^T Sigma_x U = D is diagonal: B = 0")


def _general_failure(targets: Callable[[sp.Matrix], sp.Matrix],
                     rhs: Callable[[sp.Matrix], sp.Matrix]) -> str | None:
    """None iff, over symbolic sizes n, d (X an n x d ``MatrixSymbol``), Sigma_xy Sigma_xy^T with
    Y = ``targets(X)`` equals ``rhs(Sigma_x)`` and ``rhs(Sigma_x)`` equals Sigma_x^2 (SymPy's matrix
    algebra); else why that is not shown."""
    from symdln.checks.gradients import _explicit_size, _zero_matrix_expr

    n, d = sp.symbols("n d", positive=True, integer=True)
    X = sp.MatrixSymbol("X", n, d)
    Sx = X.T * X / n
    try:
        Y, claimed = targets(X), rhs(Sx)
    except Exception as err:  # the formulas under test on symbols: the instances judge them
        return f"the formulas under test cannot be called on a symbolic-size X ({type(err).__name__}: {err})"
    for what, value in (("targets", Y), ("rhs", claimed)):
        if not isinstance(value, sp.MatrixExpr):
            return f"{what} over symbolic sizes is not a matrix expression"
        part = _explicit_size(value)
        if part is not None:
            return f"{what} has a part of explicit size or an inverse ({sp.sstr(part)})"
    if Y.shape[0] != n:
        return "targets over symbolic sizes does not have n rows"
    Sxy = X.T * Y / n
    if not _zero_matrix_expr(Sxy * Sxy.T - claimed):
        return "Sigma_xy Sigma_xy^T - rhs over symbolic sizes did not reduce to zero"
    if not _zero_matrix_expr(claimed - Sx**2):
        return ("the identity under test is not Sigma_xy Sigma_xy^T = Sigma_x^2 over symbolic sizes, "
                "the form the PSD-square-root argument for B = 0 needs")
    return None
