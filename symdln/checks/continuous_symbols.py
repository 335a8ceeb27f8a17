r"""The symbols of Thm. 1 / (15) of paper 1: the part W_2 is decomposed around, and the index
ranges of the diagonals in :math:`W_1^0` and :math:`W_2^0`.

The formulas under test are judged against the flow, never against each other: a candidate
:math:`(W_1(t), W_2(t))` built from :math:`a_i = \sqrt{w_i(t)}` (the modes (16), which solve the mode
ODE derived from (12): :math:`\dot a_i = a_i(\sigma_i - \lambda_ia_i^2)`) must

* have the shapes d x r and r x p;
* equal Thm. 1's initialisation at t = 0 (as an identity in the :math:`a_i(0) = e^{-\delta_i}`);
* solve (12): d/dt by the chain rule minus the right-hand side of (12) vanishes identically in
  the :math:`a_i`, with symbolic :math:`\sigma_i \ge 0, \lambda_i > 0`.

By uniqueness of the solution of (12) (a polynomial vector field) the three together say the candidate
*is* the solution.  A failure is certified at t = 0 of a trajectory: exact rationals
:math:`a_i(0) \in (0, 1)` (i.e. :math:`\delta_i = -\ln a_i(0)`), :math:`\sigma_i, \lambda_i`.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import sympy as sp

from symdln.certify.exact import cayley_orthogonal
from symdln.checks._cases import IllFormedFormula, call_formula
from symdln.checks.continuous import _R, _flow_residual, _rot
from symdln.continuous import mode_rhs, rect_diag, thm1_layers
from symdln.verdict import CheckResult, Evidence, Verdict, corrected

__all__ = [
    "SYMBOL_CASES",
    "check_thm1_symbols",
]

Part = Callable[[sp.Matrix, sp.Matrix], sp.Matrix]
Layers = Callable[[sp.Matrix, sp.Matrix, sp.Matrix, Sequence[sp.Expr]], tuple[sp.Matrix, sp.Matrix]]


def _part_printed(W1_0: sp.Matrix, W2_0: sp.Matrix) -> sp.Matrix:
    """(15) as printed: W_2(t) = W_1^0(t) + W_2^eps(t)."""
    return W1_0


def _part_corrected(W1_0: sp.Matrix, W2_0: sp.Matrix) -> sp.Matrix:
    """The correction: W_2(t) = W_2^0(t) + W_2^eps(t)."""
    return W2_0


def _layers_printed(U: sp.Matrix, V: sp.Matrix, Q: sp.Matrix,
                    a: Sequence[sp.Expr]) -> tuple[sp.Matrix, sp.Matrix]:
    """(15) as printed: W_1^0 = U diag(sqrt w_1..sqrt w_p) Q, W_2^0 = Q^{-1} diag(sqrt w_1..sqrt w_d) V^T."""
    d, p = U.rows, V.rows
    return U * sp.diag(*a[:p]) * Q, Q.inv() * sp.diag(*a[:d]) * V.T


@dataclass(frozen=True)
class SymbolCase:
    """U (d x d), V (p x p), Q (r x r) orthogonal; min(d, p) singular values sigma_i of Sigma_xy."""

    name: str
    U: sp.Matrix
    V: sp.Matrix
    Q: sp.Matrix

    @property
    def dims(self) -> tuple[int, int, int]:
        return self.U.rows, self.Q.rows, self.V.rows


def _cay(*upper: sp.Expr) -> sp.Matrix:
    n = {1: 2, 3: 3}[len(upper)]
    K = sp.zeros(n, n)
    for (i, j), v in zip(itertools.combinations(range(n), 2), upper, strict=True):
        K[i, j], K[j, i] = v, -v
    return cayley_orthogonal(K)


#: smallest first: the square cases judge the part W_2 is decomposed around, the rectangular ones
#: the index ranges (printed ranges are defined only when d = p = r)
SYMBOL_CASES = (
    SymbolCase("d = p = r = 1, V = -1", sp.eye(1), -sp.eye(1), sp.eye(1)),
    SymbolCase("d = p = r = 2", _cay(_R(1, 2)) * sp.diag(1, -1), _cay(_R(1, 3)), _rot(_R(2, 3))),
    SymbolCase("d = 3 > r = p = 2", _cay(1, 2, _R(1, 2)), _cay(_R(1, 3)), _rot(_R(1, 2))),
    SymbolCase("d = r = 2 < p = 3", _cay(_R(1, 3)), _cay(1, 0, _R(1, 2)), _rot(_R(1, 2))),
    SymbolCase("r = 3 > d = p = 2", _cay(_R(1, 2)), _cay(_R(1, 3)), _cay(_R(1, 2), 1, 0)),
)

#: rational points (a_i(0), sigma_i, lambda_i) at which a nonzero residual is certified
_A_VALUES = (_R(1, 2), _R(1, 3), _R(1, 5))
_SL_VALUES = ((1, 2, 1, 3, 2), (2, 1, 3, 1, 1), (1, 1, 2, 5, 3))


def _symbols(case: SymbolCase) -> tuple[tuple[sp.Symbol, ...], list[sp.Expr], list[sp.Expr], list[sp.Expr]]:
    """Symbols a_1..a_m (m = max(d, p): every index a printed range can use), sigma_i (0 beyond
    min(d, p)), lambda_i (i <= d) and the mode ODE a_i' (0 for i > d: no such mode of Sigma_x)."""
    d, _r, p = case.dims
    m = max(d, p)
    a = sp.symbols(f"a1:{m + 1}", positive=True)
    sig = [sp.Symbol(f"sigma{i + 1}", nonnegative=True) if i < min(d, p) else sp.Integer(0) for i in range(m)]
    lam = [sp.Symbol(f"lambda{i + 1}", positive=True) for i in range(d)]
    adot = [mode_rhs(a[i] ** 2, sig[i], lam[i]) / (2 * a[i]) if i < d else sp.Integer(0) for i in range(m)]
    return a, sig, lam, adot


def _points(a: Sequence[sp.Symbol], sig: Sequence[sp.Expr], lam: Sequence[sp.Expr]) -> list[dict]:
    syms = [x for x in (*sig, *lam) if isinstance(x, sp.Symbol)]
    out = []
    for avals in itertools.product(_A_VALUES, repeat=len(a)):
        for sl in _SL_VALUES:
            out.append({**dict(zip(a, avals, strict=True)), **dict(zip(syms, sl, strict=False))})
    return out


def _first_nonzero(R: sp.Matrix, points: Sequence[dict]) -> tuple[dict, sp.Matrix] | None:
    for pt in points:
        v = R.subs(pt)
        if any(e.is_Rational and e != 0 for e in v):
            return pt, v
    return None


def _judge_case(case: SymbolCase, layers: Layers, part: Part) -> CheckResult | None:
    """None if the candidate solves (12) from Thm. 1's initialisation on ``case``; else the verdict."""
    d, r, p = case.dims
    U, V, Q = case.U, case.V, case.Q
    a, sig, lam, adot = _symbols(case)
    where = {"case": case.name, "d, r, p": [d, r, p], "U": str(U.tolist()), "V": str(V.tolist()),
             "Q": str(Q.tolist())}
    W1 = call_formula(lambda *x: layers(*x)[0], [U, V, Q, list(a)], where={**where, "formula": "W_1^0"},
                      shape=(d, r))
    W2_0 = call_formula(lambda *x: layers(*x)[1], [U, V, Q, list(a)], where={**where, "formula": "W_2^0"},
                        shape=(r, p))
    W2 = call_formula(part, [W1, W2_0], where={**where, "formula": "the part W_2 is decomposed around"},
                      shape=(r, p))
    # Thm. 1's initialisation, read with the only well-formed index ranges (rectangular diagonals)
    init1, init2 = U * rect_diag(list(a), d, r) * Q, Q.inv() * rect_diag(list(a), r, p) * V.T
    Sx = U * rect_diag(lam, d, d) * U.T
    Sxy = U * rect_diag(sig, d, p) * V.T
    points = _points(a, sig, lam)
    checks = (("initial value W_1(0)", (init1 - W1)), ("initial value W_2(0)", (init2 - W2)),
              ("flow (12) residual", _flow_residual(W1, W2, a, adot, Sx, Sxy)))
    for which, R in checks:
        R = R.applyfunc(lambda e: sp.factor(sp.together(e)))
        if all(e == 0 for e in R):
            continue
        found = _first_nonzero(R, points)
        if found is None:
            return CheckResult(Verdict.INCONCLUSIVE, Evidence(
                method="exact substitution into (12)", parameters=where,
                notes=f"{which}: not identically zero, no certified nonzero rational point"))
        pt, val = found
        cex = {**where, "which": which, **{str(k): str(v) for k, v in pt.items()},
               "t": "0 (delta_i = -ln a_i)"}
        key = "W_2 - claimed part" if which == "initial value W_2(0)" else "residual"
        cex[key] = str(val[0]) if val.shape == (1, 1) else str(val.T.tolist()[0])
        return CheckResult(Verdict.FAILS, Evidence(
            method="exact: candidate (W_1, W_2) against Thm. 1's initialisation and the flow (12) "
                   "(chain rule through a_i' = a_i(sigma_i - lambda_i a_i^2))",
            precision="exact", counterexample=cex))
    return None


def _judge(layers: Layers, part: Part) -> CheckResult:
    for case in SYMBOL_CASES:
        try:
            found = _judge_case(case, layers, part)
        except IllFormedFormula as err:
            found = err.result("the form (15) built by the formula under test")
        if found is not None:
            return found
    return CheckResult(Verdict.HOLDS, Evidence(
        method="exact, per case: shapes d x r and r x p; equal to Thm. 1's initialisation identically in "
               "a_i(0); d/dt by the chain rule through a_i' = a_i(sigma_i - lambda_i a_i^2) minus (12) "
               "factors to 0 (symbolic a_i, sigma_i >= 0, lambda_i > 0); uniqueness of the solution of (12)",
        precision="exact", residual="0",
        parameters={"cases": [c.name for c in SYMBOL_CASES]},
        notes="diagonals read as rectangular d x r and r x p blocks holding sqrt(w_i), i <= min(d, r) and "
              "i <= min(r, p)", proof="proofs/continuous_modes.py", scope="instances"))


def check_thm1_symbols(w2_part: Part = _part_printed, layers: Layers = _layers_printed) -> CheckResult:
    r"""Judge the symbols of (15) as printed: :math:`W_2(t) = W_1^0(t) + W_2^\epsilon(t)` and the
    index ranges :math:`\mathrm{diag}(\sqrt{w_1},\dots,\sqrt{w_p})` in :math:`W_1^0` (U is d x d),
    :math:`\mathrm{diag}(\sqrt{w_1},\dots,\sqrt{w_d})` in :math:`W_2^0` (V is p x p); the same
    ranges appear in the initialisation of Thm. 1.

    ``w2_part(W_1^0, W_2^0)`` is the eps = 0 part W_2 is decomposed around (printed: W_1^0; with
    eps = 0, W_2 equals it), ``layers(U, V, Q, a)`` builds :math:`(W_1^0, W_2^0)` from
    :math:`a_i = \sqrt{w_i}` (printed: square diagonals of sizes p and d).  Both are judged against
    the flow (12) on :data:`SYMBOL_CASES` (module docstring).
    """
    printed = _judge(layers, w2_part)
    if printed.verdict is not Verdict.FAILS or (w2_part, layers) != (_part_printed, _layers_printed):
        return printed
    shape = _judge(layers, _part_corrected)  # the index ranges on their own
    shape_finding = (shape.evidence.counterexample or {}).get("formula under test", shape.verdict.name)
    ev = printed.evidence
    printed = CheckResult(Verdict.FAILS, Evidence(
        method=ev.method, precision="exact",
        counterexample={**(ev.counterexample or {}),
                        "index ranges with the corrected part": shape_finding},
        notes="W_1^0 is d x r and W_2 is r x p: the second line of (15) compares different matrices (and "
              "shapes unless d = p = r); the printed diag index ranges w_1..w_p (W_1) and w_1..w_d (W_2) "
              "make (15) undefined unless d = p = r, in (15) and in Thm. 1's initialisation"))
    return corrected(printed, _judge(thm1_layers, _part_corrected),
                     "W_2(t) = W_2^0(t) + W_2^eps(t); W_1^0 = U diag_{d x r}(sqrt w_i) Q, "
                     "W_2^0 = Q^{-1} diag_{r x p}(sqrt w_i) V^T")
