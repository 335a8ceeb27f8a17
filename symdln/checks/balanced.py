r"""Checks of paper 2's balanced manifold: its dimension and the Riemannian submersion to g^N.

Source: the notes (``dln-geometry-notes.md``, "More from the surrounding literature"), quoting
Menon and Yu (arXiv 2509.09088).  Exact throughout, at the rational balanced points of
:func:`symdln.checks.geometry.exact_point`.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import reduce
from typing import Any

import sympy as sp

from symdln import geometry as g
from symdln.checks._identity import symbolic_matrix
from symdln.checks.geometry import A_VALUES, FlowFormula, exact_point
from symdln.verdict import CheckResult, Evidence, Verdict

__all__ = ["check_balanced_dimension", "check_submersion"]


def _fails(method: str, cex: dict[str, Any], notes: str | None = None) -> CheckResult:
    return CheckResult(
        Verdict.FAILS, Evidence(method=method, precision="exact", counterexample=cex, notes=notes)
    )


def check_balanced_dimension(dimension: Callable[[int, int], int] = g.balanced_dimension) -> CheckResult:
    r"""Judge dim(balanced manifold) = :math:`d^2 + (N-1)d(d-1)/2`: exact rank of the differential of
    the balance constraints at rational balanced points (regular value => local dimension)."""
    table = []
    for d in (2, 3):
        for N in (2, 3, 4):
            pt = exact_point(d, N)
            Ws = [symbolic_matrix(f"W{k + 1}_", d, d) for k in range(N)]
            cons = []
            for j in range(N - 1):
                C = Ws[j + 1].T * Ws[j + 1] - Ws[j] * Ws[j].T
                cons += [C[r, c] for r in range(d) for c in range(r, d)]
            vars_ = [e for W in Ws for e in W]
            Jm = sp.Matrix(cons).jacobian(vars_)
            sub = {Ws[k][r, c]: pt["Ws"][k][r, c] for k in range(N) for r in range(d) for c in range(d)}
            rank = Jm.subs(sub).rank()
            full = len(cons)
            dim = N * d * d - rank
            table.append({"d": d, "N": N, "rank": rank, "constraints": full, "dimension": dim})
            if rank != full or dim != dimension(d, N):
                return _fails(
                    "exact rank of the constraint differential at a rational balanced point",
                    {
                        "d": d,
                        "N": N,
                        "computed dimension": dim,
                        "claimed": dimension(d, N),
                        "rank": rank,
                        "constraints": full,
                    },
                )
    return CheckResult(
        Verdict.HOLDS,
        Evidence(
            method="exact rank of d(balance constraints) at rational balanced points: "
            "full rank (N-1)d(d+1)/2",
            precision="exact",
            details={"cases": table},
            notes="proves the local dimension at the points checked (d = 2, 3; N = 2, 3, 4) "
            "by the regular value "
            "theorem; all full-rank points: not machine-proved",
        ),
    )


def _unnormalised_operator(P: sp.Matrix, Q: sp.Matrix, Z: sp.Matrix, N: int) -> sp.Matrix:
    return -g.endtoend_unnormalised(P, Q, Z, N)


CASES_SUB = ((2, 2), (2, 3), (3, 2))


def check_submersion(operator: FlowFormula = _unnormalised_operator) -> CheckResult:
    r"""Judge: the metric is obtained by a Riemannian submersion W_1..W_N -> W_N...W_1 from the balanced
    manifold with the Euclidean metric.  Exact at rational balanced points: with T a basis of the
    tangent space (kernel of the constraint differential), the horizontal space H (orthogonal to the
    kernel of d phi in T M), the submersion metric on Z = d phi(h) is ||h||^2; compared with the matrix
    of Tr(Z^T operator^{-1} Z)."""
    table = []
    for d, N in CASES_SUB:
        pt = exact_point(d, N)
        Ws = [symbolic_matrix(f"W{k + 1}_", d, d) for k in range(N)]
        vars_ = [e for W in Ws for e in W]
        sub = {Ws[k][r, c]: pt["Ws"][k][r, c] for k in range(N) for r in range(d) for c in range(d)}
        cons = []
        for j in range(N - 1):
            C = Ws[j + 1].T * Ws[j + 1] - Ws[j] * Ws[j].T
            cons += [C[r, c] for r in range(d) for c in range(r, d)]
        T = sp.Matrix.hstack(*sp.Matrix(cons).jacobian(vars_).subs(sub).nullspace())
        W = reduce(lambda x, y: y * x, Ws)
        DT = sp.Matrix(list(W)).jacobian(vars_).subs(sub) * T
        GT = T.T * T
        V = DT.nullspace()
        Hb = sp.Matrix.hstack(*(sp.Matrix.hstack(*V).T * GT).nullspace()) if V else sp.eye(T.shape[1])
        K = DT * Hb
        Mz = K.inv().T * (Hb.T * GT * Hb) * K.inv()
        cols = []
        for k in range(d * d):
            E = sp.zeros(d * d, 1)
            E[k] = 1
            cols.append(sp.Matrix(list(operator(pt["P"], pt["Q"], E.reshape(d, d), N))))
        Ginv = sp.Matrix.hstack(*cols).inv()
        Rm = (Mz - Ginv).applyfunc(sp.nsimplify)
        table.append({"d": d, "N": N, "tangent dim": T.shape[1], "vertical dim": len(V)})
        for i in range(d * d):
            for l in range(d * d):
                if Rm[i, l] != 0:
                    return _fails(
                        "exact rational linear algebra at a balanced point",
                        {
                            "d": d,
                            "N": N,
                            "a": A_VALUES[d],
                            "entry": (i + 1, l + 1),
                            "submersion metric": str(Mz[i, l]),
                            "claimed metric": str(Ginv[i, l]),
                        },
                    )
    return CheckResult(
        Verdict.HOLDS,
        Evidence(
            method="exact: the submersion metric equals Tr(Z^T A_u^{-1} Z) (unnormalised A) at rational "
            "balanced points",
            precision="exact",
            residual="0",
            details={"cases": table},
            notes="with the notes' 1/N normalisation g^N = Tr(Z^T A_{N,W}^{-1} Z) = N x the submersion "
            "metric "
            "(equivalently: the submersion from factors with N x the Euclidean metric)",
        ),
    )
