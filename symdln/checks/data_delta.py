r"""Checks of (27) (Delta_xy, Delta_x) and of what Sec. 3.1 says about Assump. 1.

Every instance is an exact rational matrix (orthogonal bases from the Cayley
transform), so each value is an exact algebraic number: equalities are
decided by SymPy on rationals and square roots, signs by Arb balls.  The
bounds for general PSD Sigma_x are proved for every d by SymPy identities in
a symbolic d (induction steps of tr S >= ||S||_F and of Cauchy-Schwarz,
:func:`symbolic_bound_proofs`) and by the written argument in
``proofs/data_delta.py``.

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
    "check_delta_scale",
    "check_delta_x",
    "check_delta_xy",
    "symbolic_bound_proofs",
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
            notes="the definition gave the same value for every admissible U tried", scope="instances"))
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
                 proof="proofs/data_delta.py", scope="instances"))
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
            notes="Delta_x = 0 on every data set with Sigma_x = I tried", scope="instances"))
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
                 proof="proofs/data_delta.py", scope="instances"))
    return corrected(printed, ok,
                     "Delta_x := 1/2 ||Sigma_x/||Sigma_x||_F - I_d/sqrt(d)||_F (normalise the matrix, "
                     "not X): 0 iff Sigma_x is a positive multiple of I_d")


def symbolic_bound_proofs() -> dict[str, str]:
    r"""SymPy proofs, for every d, of the bounds behind "between 0 and 1" (below (27)).

    Induction steps on running sums (S = sum l_i, Q = sum l_i^2, P = sum_{i<j} l_i l_j,
    T = sum_{i<j} (l_i - l_j)^2; adding one entry l):

    (a) S^2 - Q = 2P is preserved: tr S >= ||S||_F for PSD S (P >= 0 when every l_i >= 0);
    (b) d Q - S^2 = T is preserved: Cauchy-Schwarz sum m_i^2 >= (sum m_i)^2 / d.

    Then, with F = ||Sigma_x||_F^2 = ||U^T Sigma_x U||_F^2 and D the sum of the squared diagonal
    entries M_ii of M = U^T Sigma_x U (any orthogonal U),
    1 - 1/d - ||B||^2/F = (T_M/d + 2 P/d)/F >= 0, so Delta_xy <= sqrt(1 - 1/d); for the literal
    Delta_x (Sigma^ = X^^T X^/n, tr = 1/n, ||Sigma^||_F <= 1/n by (a)),
    1/2 - Delta_x^2 >= (a^2 + 2a)/(4 (1 + a)^2) + 1/(2 (1 + a) sqrt d) > 0 with n = 1 + a.
    Each entry is "proved" only if the SymPy identity simplifies to 0 (or the sign is decided).
    """
    S, Q, P, T, lam, d = sp.symbols("S Q P T l d", real=True)
    out: dict[str, str] = {}

    def status(ok: bool) -> str:
        return "proved" if ok else "not proved"

    # (a): (S + l)^2 - (Q + l^2) - 2 (P + l S) == S^2 - Q - 2P
    out["(a) induction step: (sum l)^2 - sum l^2 = 2 sum_{i<j} l_i l_j"] = status(
        sp.expand((S + lam) ** 2 - (Q + lam**2) - 2 * (P + lam * S) - (S**2 - Q - 2 * P)) == 0)
    # (b): (d + 1)(Q + l^2) - (S + l)^2 - (T + Q - 2 l S + d l^2) == d Q - S^2 - T
    out["(b) induction step: d sum m^2 - (sum m)^2 = sum_{i<j} (m_i - m_j)^2"] = status(
        sp.expand((d + 1) * (Q + lam**2) - (S + lam) ** 2 - (T + Q - 2 * lam * S + d * lam**2)
                  - (d * Q - S**2 - T)) == 0)
    # Delta_xy: D = (tr^2 + T_M)/d (b, m_i = M_ii), F = tr^2 - 2P (a, l_i eigenvalues)
    dp = sp.Symbol("d", positive=True)
    F, TM, Pp = sp.symbols("F T_M P", positive=True)
    D = (F + 2 * Pp + TM) / dp
    gap = (1 - 1 / dp) - (F - D) / F
    out["1 - 1/d - Delta_xy^2 = (T_M + 2P)/(d F) >= 0 (any admissible U)"] = status(
        sp.simplify(gap - (TM + 2 * Pp) / (dp * F)) == 0)
    # the flat rank one J_d (U = I) attains Delta_xy^2 = 1 - 1/d: evaluated from the definition at
    # concrete d in check_delta_range; the sup over d is the limit 1
    out["lim_{d -> oo} sqrt(1 - 1/d) = 1, and 1 - sqrt(1 - 1/d) > 0 for d >= 1"] = status(
        sp.limit(sp.sqrt(1 - 1 / dp), dp, sp.oo) == 1 and bool(sp.simplify(1 / dp).is_positive))
    # literal Delta_x: 4 Delta_x^2 = f^2 - 2/(n sqrt d) + 1 with f <= 1/n; n = 1 + a
    a = sp.Symbol("a", nonnegative=True)
    n = 1 + a
    bound = (1 / n**2 - 2 / (n * sp.sqrt(dp)) + 1) / 4
    rest = (a**2 + 2 * a) / (4 * n**2) + 1 / (2 * n * sp.sqrt(dp))
    out["1/2 - (literal Delta_x)^2 >= (a^2 + 2a)/(4 n^2) + 1/(2 n sqrt d) > 0, n = 1 + a"] = status(
        sp.simplify(sp.Rational(1, 2) - bound - rest) == 0 and bool(rest.is_positive))
    # corrected Delta_x: 4 Delta_x^2 = 2 - 2 tr/(sqrt d ||S||) <= 2 - 2/sqrt d by (a)
    sup_x = sp.sqrt(2 - 2 / sp.sqrt(dp)) / 2
    out["corrected Delta_x <= sqrt(2 - 2/sqrt d)/2 -> 1/sqrt(2) (d -> oo), below 1/sqrt(2)"] = status(
        sp.limit(sup_x, dp, sp.oo) == 1 / sp.sqrt(2)
        and bool(sp.simplify(sp.Rational(1, 2) - sup_x**2 - 1 / (2 * sp.sqrt(dp))) == 0))
    return out


def _flat(d: int) -> sp.Matrix:
    """J_d = 1 1^T: the flat rank-one Sigma_x that attains both suprema."""
    ones = sp.ones(d, 1)
    return ones * ones.T


def check_delta_range(upper: sp.Expr = sp.S.One,
                      delta_xy: Callable[[sp.Matrix, sp.Matrix], sp.Expr] = delta_xy_printed,
                      delta_x: Callable[[sp.Matrix], sp.Expr] = delta_x_printed) -> CheckResult:
    r"""Judge "These normalized quantities are between 0 and 1" (below (27)), for the printed definitions.

    ``delta_xy(Sigma_x, U)`` is (27)'s ||B(U)||/||Sigma_x|| for one admissible U and
    ``delta_x(X)`` its Delta_x read literally (X^ = X/||X||, Sigma^ = X^^T X^/n); ``upper`` is the
    printed upper end.  Proved for every d (:func:`symbolic_bound_proofs`):
    0 <= Delta_xy <= sqrt(1 - 1/d) whatever U, Delta_x < 1/sqrt(2); sup over d of the first is 1
    (a limit, attained at no d).  The definitions are also evaluated exactly at the extremal
    instances (J_d with U = I, Sigma_xy = e_1; X = a row of ones, n = 1) and must match the proved
    formulas; with ``upper`` < 1 the first d with sqrt(1 - 1/d) > upper is a counterexample.
    """
    from symdln.certify.balls import certified_sign as sign

    proofs = symbolic_bound_proofs()
    checked: dict[int, dict[str, str]] = {}
    for d in (2, 3, 4, 5):
        vxy = sp.nsimplify(delta_xy(_flat(d), sp.eye(d)))  # U = I admissible for Sigma_xy = e_1
        vx = sp.nsimplify(delta_x(sp.ones(1, d)))  # n = 1: Sigma^ rank one
        checked[d] = {"Delta_xy(J_d, U = I)": str(vxy), "literal Delta_x (X = 1_d^T)": str(vx)}
        for name, v, formula in (("Delta_xy", vxy, delta_xy_sup(d)), ("Delta_x", vx, delta_x_sup(d))):
            if sp.simplify(v) != 0 and (sign(v - upper) == 1 or sign(v) == -1):
                return CheckResult(Verdict.FAILS, Evidence(
                    method="exact evaluation (SymPy), signs by Arb", precision="exact",
                    counterexample={"quantity": name, "d": d, "value": str(v),
                                    "claimed range": f"[0, {upper}]"},
                    notes="the definition evaluated at an extremal instance leaves the claimed range"))
            if sp.simplify(v - formula) != 0:
                return CheckResult(Verdict.INCONCLUSIVE, Evidence(
                    method="exact evaluation (SymPy)", details={"evaluated": checked},
                    notes=f"{name} at d = {d} is {v}, not the proved supremum {formula}: the "
                          "definition passed is not the one the proofs are about"))
    if any(v != "proved" for v in proofs.values()):
        return CheckResult(Verdict.INCONCLUSIVE, Evidence(
            method="SymPy", details={"symbolic proofs (every d)": proofs},
            notes="a symbolic step was not proved"))
    if sign(1 - upper) == 1:  # an upper end below 1: exceeded by Delta_xy at the first d above it
        u2 = sp.nsimplify(upper) ** 2
        d0 = int(sp.floor(1 / (1 - u2))) + 1 if sign(upper) == 1 else 2
        v = sp.nsimplify(delta_xy(_flat(d0), sp.eye(d0))) if d0 <= 30 else delta_xy_sup(d0)
        if sign(v - upper) == 1:
            return CheckResult(Verdict.FAILS, Evidence(
                method="exact evaluation (SymPy; the matrix for d <= 30, else the formula proved for "
                       "every d), sign by Arb", precision="exact",
                counterexample={"quantity": "Delta_xy", "d": d0, "Sigma_x": "J_d = 1 1^T",
                                "Sigma_xy": "e_1", "U": "I_d", "value": f"sqrt(1 - 1/{d0}) = {v}",
                                "claimed upper end": str(upper)},
                details={"symbolic proofs (every d)": proofs},
                notes="sup over d of Delta_xy is 1 (sqrt(1 - 1/d) -> 1): every upper end below 1 fails"))
    data_d = {"MNIST": 784, "CIFAR-10": 3072, "ImageNet 64 x 64": 12288}
    at_data = {f"{k} (d = {d})": {"sup Delta_xy": str(sp.N(delta_xy_sup(d), 8)),
                                  "sup Delta_x (corrected; literal at n = 1)": str(sp.N(delta_x_sup(d), 8))}
               for k, d in data_d.items()}
    return CheckResult(Verdict.HOLDS, Evidence(
        method="SymPy identities for symbolic d (induction steps of tr S >= ||S||_F for PSD S and of "
               "Cauchy-Schwarz; bound chains; limits); exact evaluation of the definitions at the "
               "extremal instances, d = 2..5",
        precision="exact",
        margin="Delta_xy <= sqrt(1 - 1/d) < 1 (sup over d = 1, not attained); "
               "Delta_x < 1/sqrt(2) (literal, every n >= 1; corrected)",
        parameters={"upper": str(upper)},
        details={"symbolic proofs (every d)": proofs, "evaluated (extremal instances)": checked,
                 "suprema at the data sets' d": at_data},
        notes="judged on the printed definitions: Delta_xy = ||B(U)||/||Sigma_x|| for EVERY admissible "
              "U (the bound does not depend on U, so the ambiguity of eq27.delta_xy does not matter; the "
              "corrected min over U is smaller still) and the literal Delta_x (Sigma^ = X^^T X^/n). The "
              "corrected Delta_x of eq27.delta_x obeys the same bound sqrt(2 - 2/sqrt d)/2. Whether the "
              "ends mean anything is eq27.scale",
        proof="proofs/data_delta.py", scope="general"))


def check_delta_scale(d_data: int = 784) -> CheckResult:
    r"""Judge "The closer to 1, the less the assumption hold and conversely, the closer to 0, the more
    the assumption approximately holds" (below (27)).

    Read as: 1 is the end of the scale where the assumption holds least.  For Saxe et al.'s
    Delta_x (corrected, or literal at any n) every value is below 1/sqrt(2) (proved for every d,
    :func:`symbolic_bound_proofs`), and the least-holding data (rank-one Sigma_x) give exactly
    sqrt(2 - 2/sqrt d)/2: at MNIST's d = 784, 3 sqrt(42)/28 ~ 0.694, at least 0.29 from 1.
    Correction: each quantity runs from 0 (attained at Sigma_x = I) to its supremum at this d,
    attained by the flat rank-one Sigma_x (exact, symbolic d).
    """
    from symdln.certify.balls import certified_sign as sign

    proofs = symbolic_bound_proofs()
    sup_x = delta_x_sup(d_data)
    gap = 1 - sup_x
    # the largest Delta_x over every data set of dimension d_data, certified far from 1
    if not (sign(gap - (1 - 1 / sp.sqrt(2))) == 1 and all(v == "proved" for v in proofs.values())):
        return CheckResult(Verdict.INCONCLUSIVE, Evidence(
            method="SymPy, Arb", details={"symbolic proofs (every d)": proofs},
            notes="the bound on Delta_x was not proved"))
    printed = CheckResult(Verdict.FAILS, Evidence(
        method="SymPy proof of Delta_x < 1/sqrt(2) for every d; exact value at rank-one Sigma_x, "
               "sign by Arb", precision="exact",
        counterexample={"quantity": "Delta_x", "d": d_data, "Sigma_x": "any rank-one (e.g. J_d)",
                        "Delta_x (corrected, = its supremum)": f"{sup_x} = {sp.N(sup_x, 6)}",
                        "distance to 1": f"{sp.N(gap, 6)} > 1 - 1/sqrt(2)",
                        "literal Delta_x": "within 1/(2n) of 1/2 for every data set (n = 60000: "
                                           "never near 0 nor 1)"},
        details={"symbolic proofs (every d)": proofs},
        notes="Saxe's assumption (Sigma_x = cI) is as broken as it can be at every rank-one Sigma_x, yet "
              "Delta_x stays below 1/sqrt(2): 'close to 1' never happens, and Table 1's .68-.70 means "
              "'at the supremum', not 'moderately far from 1'"))
    # the correction: 0 attained at Sigma_x = I, suprema attained at the flat rank-one J_d (symbolic d)
    problems = []
    for d in (2, 3, 4):
        if sp.simplify(delta_x_corrected(sp.eye(d))) != 0 or sp.simplify(
                delta_xy_printed(sp.eye(d), sp.eye(d))) != 0:
            problems.append(f"0 not attained at Sigma_x = I_{d}")
        if sp.simplify(delta_x_corrected(_flat(d)) - delta_x_sup(d)) != 0:
            problems.append(f"corrected Delta_x(J_{d}) is not its supremum")
    # every rank-one S = v v^T (symbolic v) attains the supremum sqrt(2 - 2/sqrt d)/2 of the definition
    for d in (2, 3):
        v = sp.Matrix(sp.symbols(f"v1:{d + 1}", positive=True))
        if sp.simplify(sp.factor(delta_x_corrected(v * v.T) ** 2 - (2 - 2 / sp.sqrt(d)) / 4, deep=True)) != 0:
            problems.append(f"a rank-one Sigma_x (symbolic v, d = {d}) does not reach sqrt(2 - 2/sqrt d)/2")
    ok = CheckResult(Verdict.INCONCLUSIVE if problems else Verdict.HOLDS, Evidence(
        method="SymPy identities (symbolic d) and exact evaluation, d = 2..4", precision="exact",
        residual="0" if not problems else None,
        details={"symbolic proofs (every d)": proofs},
        notes="; ".join(problems) if problems else
        "both quantities grow with the off-diagonal (Delta_xy) or non-scalar (Delta_x) part by "
        "construction; 0 at Sigma_x = I; suprema attained at every d by J_d",
        proof="proofs/data_delta.py", scope="instances"))
    return corrected(printed, ok,
                     "the closer to its supremum at this d, the less the assumption holds: Delta_xy "
                     "runs from 0 to sqrt(1 - 1/d) (-> 1 only as d -> oo), the corrected Delta_x from 0 "
                     "to sqrt(2 - 2/sqrt d)/2 < 1/sqrt(2), attained by every rank-one Sigma_x; values "
                     "are to be read against these suprema, not against 1")


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
        proof="proofs/data_delta.py", scope="instances"))


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
