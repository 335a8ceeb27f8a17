r"""Checks of (27) (Delta_xy, Delta_x) and of what Sec. 3.1 says about Assump. 1.

Every instance is an exact rational matrix (orthogonal bases from the Cayley
transform), so each value is an exact algebraic number: equalities are
decided by SymPy on rationals and square roots, signs by Arb balls.  The
bounds for general PSD Sigma_x are proved by z3 for d = 2, 3 (polynomial
inequalities under the principal-minor conditions) and by the written
argument in ``proofs/data_delta.py``.

>>> check_delta_x().evidence.counterexample["Delta_x"]
'1/4'
"""

from __future__ import annotations

from collections.abc import Callable

import sympy as sp

from symdln.assumption import (
    defect_B,
    defect_min,
    delta_x_corrected,
    delta_x_printed,
    delta_x_sup,
    delta_x_unscaled,
    delta_xy_min,
    delta_xy_printed,
    delta_xy_sup,
    frobenius,
)
from symdln.certify.balls import certified_sign
from symdln.certify.exact import cayley_orthogonal
from symdln.verdict import CheckResult, Evidence, Verdict, corrected

__all__ = [
    "check_assump1_commute",
    "check_assump1_multiclass",
    "check_delta_range",
    "check_delta_x",
    "check_delta_xy",
]

R = sp.Rational
#: an exactly orthogonal rational rotation (Cayley transform of [[0, 1/2], [-1/2, 0]])
Q2 = sp.Matrix([[R(3, 5), R(-4, 5)], [R(4, 5), R(3, 5)]])
#: an exactly orthogonal rational 3 x 3 matrix (Cayley transform of a rational skew matrix)
Q3 = cayley_orthogonal(sp.Matrix([[0, 1, 2], [-1, 0, 1], [-2, -1, 0]]) / 3)


def _block(*blocks: sp.Matrix) -> sp.Matrix:
    return sp.diag(*blocks)


def ambiguity_instances() -> list[dict]:
    r"""Instances where (13) admits two U's: a repeated singular value, a completion (d > p), zero
    singular values (d = p).

    Each instance: Sigma_x, Sigma_xy and two admissible U (columns of U are
    left singular vectors of Sigma_xy, completed orthonormally).
    """
    Sx2 = Q2 * sp.diag(2, 1) * Q2.T
    Sx3 = _block(sp.Matrix([[1]]), Q2 * sp.diag(2, 1) * Q2.T)
    return [
        {"case": "repeated singular value: d = p = 2, Sigma_xy = I_2",
         "Sx": Sx2, "Sxy": sp.eye(2), "U_a": sp.eye(2), "U_b": Q2},
        {"case": "completion of U: d = 3, p = 1, Sigma_xy = e_1",
         "Sx": Sx3, "Sxy": sp.Matrix([[1], [0], [0]]), "U_a": sp.eye(3),
         "U_b": _block(sp.Matrix([[1]]), Q2)},
        {"case": "zero singular values: d = p = 3, Sigma_xy = diag(1, 0, 0)",
         "Sx": Sx3, "Sxy": sp.diag(1, 0, 0), "U_a": sp.eye(3),
         "U_b": _block(sp.Matrix([[1]]), Q2)},
    ]


def _admissible(U: sp.Matrix, Sxy: sp.Matrix) -> bool:
    """U orthogonal and U^T Sigma_xy Sigma_xy^T U diagonal (columns are left singular vectors)."""
    d = U.rows
    G = U.T * Sxy * Sxy.T * U
    return U.T * U == sp.eye(d) and all(G[i, j] == 0 for i in range(d) for j in range(d) if i != j)


DeltaXY = Callable[[sp.Matrix, sp.Matrix], sp.Expr]


def check_delta_xy(definition: Callable[[sp.Matrix, sp.Matrix], sp.Expr] = delta_xy_printed,
                   correction: DeltaXY = delta_xy_min) -> CheckResult:
    r"""Judge (27) \Delta_{xy} = \|B\|/\|\Sigma_x\|: is it well defined, and what is it when (13) holds?

    ``definition(Sx, U)`` is the printed quantity for one admissible U; it
    fails if two admissible U give different values.  ``correction(Sx, Sxy)``
    is judged by exact evaluation: equal to the minimum over the admissible
    U's tried, never above any of them, and 0 when Sigma_x = I, Sigma_x = cI
    or Sigma_xy = Sigma_x (the autoencoder).
    """
    printed: CheckResult | None = None
    for inst in ambiguity_instances():
        Sx, Sxy, Ua, Ub = inst["Sx"], inst["Sxy"], inst["U_a"], inst["U_b"]
        assert _admissible(Ua, Sxy) and _admissible(Ub, Sxy)
        va, vb = sp.nsimplify(definition(Sx, Ua)), sp.nsimplify(definition(Sx, Ub))
        if sp.simplify(va - vb) != 0:
            printed = CheckResult(Verdict.FAILS, Evidence(
                method="exact rational arithmetic (SymPy)", precision="exact",
                counterexample={"case": inst["case"], "Sigma_x": Sx.tolist(), "Sigma_xy": Sxy.tolist(),
                                "U_a": Ua.tolist(), "Delta_xy(U_a)": str(va),
                                "U_b": Ub.tolist(), "Delta_xy(U_b)": str(vb)},
                notes="two admissible U (both give Sigma_xy = U D_xy V^T) give different B, "
                      "so Delta_xy as printed is not a function of the data"))
            break
    if printed is None:
        printed = CheckResult(Verdict.HOLDS, Evidence(
            method="exact rational arithmetic (SymPy)", precision="exact", residual="0",
            notes="the definition gave the same value for every admissible U tried"))
        return printed
    # the correction: exact, U-free, the minimum, and 0 where (13) holds with B = 0
    problems: list[str] = []
    checked = 0
    for inst in ambiguity_instances():
        Sx, Sxy = inst["Sx"], inst["Sxy"]
        c = sp.nsimplify(correction(Sx, Sxy))
        vals = [sp.nsimplify(frobenius(defect_B(Sx, U)) / frobenius(Sx))
                for U in (inst["U_a"], inst["U_b"])]
        if any(sp.simplify(v - c) < 0 for v in vals) or all(sp.simplify(v - c) != 0 for v in vals):
            problems.append(f"{inst['case']}: correction {c} is not the minimum of {vals}")
        checked += 1
    c_sym = sp.Symbol("c", positive=True)
    Sxy_g = sp.Matrix([[2, 0], [1, 1], [0, 3]])
    Sx_ae = sp.Matrix([[2, 1, 0], [1, 2, 1], [0, 1, 2]])
    zero_cases = {
        "Sigma_x = I_3": (sp.eye(3), Sxy_g),
        "Sigma_x = c I_3": (c_sym * sp.eye(3), Sxy_g),
        "autoencoder Sigma_xy = Sigma_x": (Sx_ae, Sx_ae),
        "autoencoder, repeated eigenvalue": (Q3 * sp.diag(3, 3, 1) * Q3.T, Q3 * sp.diag(3, 3, 1) * Q3.T),
    }
    for name, (Sx, Sxy) in zero_cases.items():
        if sp.simplify(correction(Sx, Sxy)) != 0:
            problems.append(f"{name}: correction is {correction(Sx, Sxy)}, not 0")
    # the printed definition itself in the exact cases, for several admissible U
    rot = _block(Q2, sp.Matrix([[1]]))  # mixes the repeated eigenvalue 3 of diag(3, 3, 1)
    printed_exact = {
        "Sigma_x = I_3, U in {I, Q3}": [str(definition(sp.eye(3), U)) for U in (sp.eye(3), Q3)],
        "autoencoder diag(3, 3, 1) in basis Q3, U in {Q3, Q3 R}": [
            str(definition(zero_cases["autoencoder, repeated eigenvalue"][0], U)) for U in (Q3, Q3 * rot)],
    }
    broken = sp.Matrix([[2, 1, 0], [1, 2, 0], [0, 0, 1]])  # does not commute with Sxy Sxy^T
    if sp.simplify(correction(broken, sp.Matrix([[1], [0], [0]]))) == 0:
        problems.append("a Sigma_x that breaks Assump. 1 gave 0")
    ok = CheckResult(
        Verdict.INCONCLUSIVE if problems else Verdict.HOLDS,
        Evidence(method="exact evaluation (SymPy, rationals and square roots)", precision="exact",
                 residual="0" if not problems else None,
                 parameters={"instances": checked, "zero cases": list(zero_cases)},
                 details={"printed definition in the exact cases": printed_exact},
                 notes="; ".join(problems) if problems else
                 "min over admissible U of ||B||_F = ||Sigma_x - sum_k P_k Sigma_x P_k||_F (P_k the "
                 "spectral projectors of Sigma_xy Sigma_xy^T, null space included); it is 0 for "
                 "Sigma_x = cI and for the autoencoder, whatever the multiplicities",
                 proof="proofs/data_delta.py"))
    if problems:
        return corrected(printed, CheckResult(Verdict.FAILS, Evidence(
            "exact evaluation", counterexample={"problems": problems})), "")
    return corrected(printed, ok,
                     "Delta_xy := min_U ||B(U)||_F / ||Sigma_x||_F = ||Sigma_x - sum_k P_k Sigma_x P_k||_F"
                     " / ||Sigma_x||_F, P_k the spectral projectors of Sigma_xy Sigma_xy^T (null space "
                     "included): independent of every choice, 0 iff Sigma_x commutes with "
                     "Sigma_xy Sigma_xy^T")


#: data matrices with Sigma_x = X^T X / n = I_d, smallest first (n, d)
IDENTITY_DATA = (
    sp.Matrix([[1]]),
    sp.Matrix([[1], [1]]),
    sp.Matrix([[1, 1], [1, -1]]),
)


def check_delta_x(definition: Callable[[sp.Matrix], sp.Expr] = delta_x_printed,
                  correction: Callable[[sp.Matrix], sp.Expr] = delta_x_corrected) -> CheckResult:
    r"""Judge (27) \Delta_x = \tfrac12\|\hat\Sigma_x - \hat I_d\|: is it 0 when Sigma_x = I_d (Saxe's case)?

    ``definition(X)`` takes the data matrix; ``correction(Sigma_x)`` the covariance.
    """
    printed = None
    for X in IDENTITY_DATA:
        n, d = X.shape
        assert X.T * X / n == sp.eye(d)
        v = sp.nsimplify(definition(X))
        if sp.simplify(v) != 0:
            printed = CheckResult(Verdict.FAILS, Evidence(
                method="exact evaluation (SymPy)", precision="exact",
                counterexample={"n": n, "d": d, "X": X.tolist(), "Sigma_x": "I_d",
                                "Delta_x": str(v),
                                "Delta_x with 1/n dropped (n = d = 2, X = [[1,1],[1,-1]])":
                                    str(delta_x_unscaled(IDENTITY_DATA[2]))},
                notes="with Sigma_x = I_d the assumption of Saxe et al. holds exactly, yet Delta_x != 0: "
                      "X^/||X|| makes trace(X^T X) = 1 while I^_d has Frobenius norm 1 (and the 1/n "
                      "of Sigma_x shrinks it further)"))
            break
    if printed is None:
        return CheckResult(Verdict.HOLDS, Evidence(
            method="exact evaluation (SymPy)", precision="exact", residual="0",
            notes="Delta_x = 0 on every data set with Sigma_x = I tried"))
    c = sp.Symbol("c", positive=True)
    problems = []
    for d in range(1, 6):
        if sp.simplify(correction(c * sp.eye(d))) != 0:
            problems.append(f"Delta_x(c I_{d}) != 0")
    for Sx in (sp.diag(2, 1), sp.Matrix([[2, 1], [1, 2]]), sp.diag(1, 0, 0)):
        if sp.simplify(correction(Sx)) == 0:
            problems.append(f"Delta_x({Sx.tolist()}) = 0 for a non-scalar Sigma_x")
    ok = CheckResult(
        Verdict.INCONCLUSIVE if problems else Verdict.HOLDS,
        Evidence(method="SymPy exact evaluation with a positive symbol c, d = 1..5", precision="exact",
                 residual="0", notes="; ".join(problems) if problems else
                 "Delta_x(c I_d) = 0 for every c > 0; nonzero for non-scalar Sigma_x (zero iff "
                 "Sigma_x/||Sigma_x|| = I_d/sqrt(d): equality of unit vectors)",
                 proof="proofs/data_delta.py"))
    return corrected(printed, ok,
                     "Delta_x := 1/2 ||Sigma_x/||Sigma_x||_F - I_d/sqrt(d)||_F (normalise the matrix, "
                     "not X): 0 iff Sigma_x is a positive multiple of I_d")


def _z3_psd_bounds(d: int) -> dict[str, str]:
    """z3: for PSD Sigma_x (principal minors >= 0) of size d, the sharp bounds of both quantities."""
    import z3

    from symdln.certify.smt import prove

    a = [[z3.Real(f"s{min(i, j)}{max(i, j)}") for j in range(d)] for i in range(d)]
    diag = [a[i][i] for i in range(d)]
    hyp = [x >= 0 for x in diag]
    hyp += [a[i][i] * a[j][j] - a[i][j] ** 2 >= 0 for i in range(d) for j in range(i + 1, d)]
    if d == 3:
        M = sp.Matrix(3, 3, lambda i, j: sp.Symbol(f"s{min(i, j)}{max(i, j)}"))
        det = sp.expand(M.det())
        hyp.append(eval(str(det), {f"s{i}{j}": a[i][j] for i in range(3) for j in range(i, 3)}) >= 0)
    off = sum(a[i][j] ** 2 for i in range(d) for j in range(d) if i != j)
    fro2 = sum(a[i][j] ** 2 for i in range(d) for j in range(d))
    tr = sum(diag)
    out = {}
    # Delta_xy^2 = off / fro2 <= 1 - 1/d  <=>  d * off <= (d - 1) * fro2   (U = I: any U is absorbed in M)
    out["Delta_xy^2 <= 1 - 1/d"] = prove(z3.Implies(z3.And(*hyp), d * off <= (d - 1) * fro2)).status
    # Delta_x^2 = (2 - 2 tr/(sqrt(d)||S||))/4 <= (2 - 2/sqrt(d))/4  <=>  tr^2 >= ||S||_F^2
    out["tr(S)^2 >= ||S||_F^2 (Delta_x <= sup)"] = prove(
        z3.Implies(z3.And(*hyp), tr * tr >= fro2)).status
    return out


def check_delta_range(delta_xy: Callable[[sp.Matrix, sp.Matrix], sp.Expr] = delta_xy_min,
                      delta_x: Callable[[sp.Matrix], sp.Expr] = delta_x_corrected,
                      upper: sp.Expr = sp.S.One) -> CheckResult:
    r"""Judge "these normalized quantities are between 0 and 1" (below (27)).

    ``upper`` is the printed upper end.  Proved: for PSD Sigma_x != 0,
    0 <= Delta_xy <= sqrt(1 - 1/d) and 0 <= Delta_x <= 1/2 sqrt(2 - 2/sqrt(d))
    (z3 for d = 2, 3; attained exactly by rank-one Sigma_x).  A value above
    ``upper`` at an extremal instance is a counterexample.
    """
    statuses = {f"d={d}: {k}": v for d in (2, 3) for k, v in _z3_psd_bounds(d).items()}
    attained = {}
    for d in (2, 3, 4):
        ones = sp.ones(d, 1)
        rank_one = ones * ones.T  # flat rank-one: every diagonal entry equal
        H = sp.Matrix(d, 1, lambda i, j: 1 if i == 0 else 0)  # Sigma_xy = e_1 (p = 1)
        vxy = sp.nsimplify(delta_xy(rank_one, H))
        vx = sp.nsimplify(delta_x(rank_one))
        attained[d] = {"Delta_xy": str(vxy), "sup": str(delta_xy_sup(d)),
                       "Delta_x": str(vx), "sup_x": str(sp.radsimp(delta_x_sup(d)))}
        for name, v in (("Delta_xy", vxy), ("Delta_x", vx)):
            if sp.simplify(v - upper) > 0 or sp.simplify(v) < 0:
                return CheckResult(Verdict.FAILS, Evidence(
                    method="exact evaluation (SymPy)", precision="exact",
                    counterexample={"d": d, "Sigma_x": rank_one.tolist(), name: str(v),
                                    "claimed range": f"[0, {upper}]"}))
    if any(s != "proved" for s in statuses.values()):
        return CheckResult(Verdict.INCONCLUSIVE, Evidence(
            method="z3", details={"z3": statuses}, notes="a z3 bound was not proved"))
    sup_x_inf = sp.sqrt(2) / 2
    return CheckResult(Verdict.HOLDS, Evidence(
        method="z3 proofs of the sharp bounds for PSD Sigma_x, d = 2, 3 (principal-minor "
               "hypotheses, models validated); exact attainment at rank-one Sigma_x, d = 2, 3, 4",
        precision="exact",
        margin=f"sup Delta_xy = sqrt(1 - 1/d) < 1; sup Delta_x = sqrt(2 - 2/sqrt(d))/2 < {sup_x_inf}",
        parameters={"upper": str(upper)},
        details={"z3": statuses, "attained (rank-one flat Sigma_x)": attained},
        notes="between 0 and 1 holds (X != 0), but neither quantity can approach 1: Delta_x never "
              "exceeds 1/sqrt(2) and reaches its maximum at EVERY rank-one Sigma_x, so Delta_x ~ .7 "
              "(Table 1) means 'as far from I as possible', not 'close to 1'",
        proof="proofs/data_delta.py"))


def commute_instances() -> list[dict]:
    """Exact pairs (Sigma_x, Sigma_xy), each marked commuting (with Sigma_xy Sigma_xy^T) or not."""
    Sx_rot = Q2 * sp.diag(3, 1) * Q2.T
    return [
        {"Sx": Sx_rot, "Sxy": sp.eye(2), "commute": True, "case": "Sigma_xy = I (repeated)"},
        {"Sx": Sx_rot, "Sxy": Q2 * sp.diag(2, 1), "commute": True, "case": "common eigenbasis Q"},
        {"Sx": _block(sp.Matrix([[5]]), Sx_rot), "Sxy": sp.Matrix([[1], [0], [0]]), "commute": True,
         "case": "d = 3, p = 1, Sigma_x block diagonal"},
        {"Sx": sp.Matrix([[2, 1], [1, 2]]), "Sxy": sp.diag(2, 1), "commute": False,
         "case": "distinct singular values, non-diagonal Sigma_x"},
        {"Sx": sp.Matrix([[2, 1, 0], [1, 2, 0], [0, 0, 1]]), "Sxy": sp.Matrix([[1], [0], [0]]),
         "commute": False, "case": "d = 3, p = 1, coupling to the range"},
    ]


def check_assump1_commute(defect: Callable[[sp.Matrix, sp.Matrix], sp.Expr] = defect_min) -> CheckResult:
    r"""Judge "epsilon represents to what extent Sigma_x and Sigma_xy Sigma_xy^T do not commute" (Sec. 3.1).

    Read with (13)'s "there exist U, V": the smallest ||B|| (``defect``) is 0
    exactly when the commutator vanishes.  Decided exactly on instances with
    repeated singular values and with d > p.
    """
    for inst in commute_instances():
        Sx, Sxy = inst["Sx"], inst["Sxy"]
        comm = Sx * Sxy * Sxy.T - Sxy * Sxy.T * Sx
        commutes = comm.is_zero_matrix
        assert commutes == inst["commute"]
        eps = sp.simplify(defect(Sx, Sxy))
        if (eps == 0) != commutes:
            return CheckResult(Verdict.FAILS, Evidence(
                method="exact rational arithmetic (SymPy)", precision="exact",
                counterexample={"case": inst["case"], "Sigma_x": Sx.tolist(), "Sigma_xy": Sxy.tolist(),
                                "||B||": str(eps), "commutator zero": bool(commutes)},
                notes="the defect and the commutator disagree on whether (13) holds with B = 0"))
    return CheckResult(Verdict.HOLDS, Evidence(
        method="exact rational arithmetic (SymPy) on instances with repeated singular values and "
               "d > p; general argument in proofs/data_delta.py",
        precision="exact", residual="0", parameters={"instances": len(commute_instances())},
        notes="with U fixed to one SVD of Sigma_xy (the reading of Sec. 4.1) the equivalence fails "
              "when singular values repeat or d > rank Sigma_xy: see eq27.delta_xy",
        proof="proofs/data_delta.py"))


def check_assump1_multiclass(delta_xy: DeltaXY = delta_xy_min,
                             delta_x: Callable[[sp.Matrix], sp.Expr] = delta_x_corrected) -> CheckResult:
    r"""Judge "rank(Y) << rank(X) ... thus B would be close to 0" (Sec. 3.1, multi-class bullet).

    A counterexample: rank Y = 1, rank X = d, and Delta_xy larger than Saxe's Delta_x.
    """
    for d in (2, 3, 4):
        Sx = sp.ones(d, d) + sp.eye(d)  # full rank
        Sxy = sp.Matrix(d, 1, lambda i, j: 1 if i == 0 else 0)  # one class direction: rank 1
        vxy, vx = sp.nsimplify(delta_xy(Sx, Sxy)), sp.nsimplify(delta_x(Sx))
        if d >= 3 and certified_sign(vxy - vx) == 1:
            return CheckResult(Verdict.FAILS, Evidence(
                method="exact evaluation (SymPy), sign certified by Arb balls", precision="exact",
                counterexample={"d": d, "rank Sigma_x": d, "rank Sigma_xy": 1, "Sigma_x": Sx.tolist(),
                                "Sigma_xy": Sxy.tolist(), "Delta_xy (min over U)": str(vxy),
                                "Delta_x": str(vx)},
                notes="stated as an intuition; rank(Y) << rank(X) does not make B small: B couples "
                      "the range of Sigma_xy to everything else. What holds: the minimal B vanishes on "
                      "the null block of Sigma_xy, so only r_xy(2d - r_xy - 1) of the d(d-1) "
                      "off-diagonal entries can contribute"))
    return CheckResult(Verdict.INCONCLUSIVE, Evidence(
        method="exact evaluation", notes="no instance with Delta_xy > Delta_x found"))
