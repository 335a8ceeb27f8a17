r"""Checks of paper 2's end-to-end flow, and the exact balanced points shared by the other paper-2
check modules (the spectrum of A_{N,W} and the depth limit: :mod:`symdln.checks.spectrum`;
singular-value dynamics: :mod:`symdln.checks.svdynamics`; volume forms:
:mod:`symdln.checks.volume`; the balanced manifold: :mod:`symdln.checks.balanced`).

Exact throughout: balanced factors are built at rational points
:math:`W_j = Q_{j+1}\mathrm{diag}(a)Q_j^\top` with rational orthogonal
:math:`Q_j` (Cayley transforms) and rational factor singular values ``a``, so
that every matrix power :math:`(WW^\top)^{k/N} = U\mathrm{diag}(a^{2k})U^\top`
is rational; identities are decided by exact arithmetic (a nonzero residual
is a certified counterexample), symbolic ones by SymPy with a residual
that must cancel to 0.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache, reduce
from itertools import combinations
from typing import Any

import sympy as sp

from symdln import geometry as g
from symdln.checks._cases import rejects_inexact
from symdln.checks._identity import cancel_together, certified_nonzero, first_failing, symbolic_matrix
from symdln.checks._identity import exact_fails as _fails
from symdln.verdict import CheckResult, Evidence, Verdict

__all__ = [
    "check_arora_form",
    "check_balanced_conserved",
    "check_endtoend",
    "check_endtoend_deep",
    "check_endtoend_general",
    "check_normalisation",
    "closed_equal",
    "gradient_flow",
    "zero_in_range",
]

R = sp.Rational
#: factor singular values a (sigma = a^N) of the exact test points, by d
A_VALUES: dict[int, tuple[sp.Expr, ...]] = {2: (R(2), R(1)), 3: (R(2), R(3, 2), R(1))}
#: factor singular values with a_min != 1 (so sigma_min != 1), for the checks of the volume forms
A_VALUES_GENERIC: dict[int, tuple[sp.Expr, ...]] = {2: (R(2), R(1, 2)), 3: (R(2), R(3, 2), R(1, 3))}
#: depths tried at exact rational points
DEPTHS = (2, 3, 4, 5)


def _rotation(d: int, k: int) -> sp.Matrix:
    if d == 2:
        K = sp.Matrix([[0, R(1, k + 2)], [-R(1, k + 2), 0]])
    else:
        p, q, r = R(1, k + 2), R(1, k + 3), R(-1, k + 4)
        K = sp.Matrix([[0, p, q], [-p, 0, r], [-q, -r, 0]])
    return g.cayley_rotation(K)


def exact_point(d: int, N: int, a: Sequence[sp.Expr] | None = None) -> dict[str, Any]:
    """Balanced rational factors of depth N and size d, with U, V, Sigma, P, Q of W.

    ``a`` are the factor singular values (sigma = a^N); default :data:`A_VALUES`.
    """
    a = tuple(A_VALUES[d] if a is None else a)
    rots = [_rotation(d, k) for k in range(N + 1)]
    Ws = g.balanced_factors(a, rots)
    W = reduce(lambda x, y: y * x, Ws)  # W_N ... W_1
    U, V = rots[-1], rots[0]
    P = U * sp.diag(*[ai**2 for ai in a]) * U.T
    Q = V * sp.diag(*[ai**2 for ai in a]) * V.T
    if P**N != W * W.T or Q**N != W.T * W:  # pragma: no cover - construction guarantees it
        raise ArithmeticError("P, Q are not the N-th roots of W W^T, W^T W")
    return {"a": a, "Ws": Ws, "W": W, "U": U, "V": V, "P": P, "Q": Q, "sigma": tuple(ai**N for ai in a)}


def _partial_products(Ws: Sequence[sp.Matrix]) -> tuple[list[sp.Matrix], list[sp.Matrix]]:
    """``(left, right)``: left[j] = W_N ... W_{j+2}, right[j] = W_j ... W_1 (0-based j; 2N products)."""
    d, N = Ws[0].rows, len(Ws)
    right, left = [sp.eye(d)], [sp.eye(d)]
    for j in range(N - 1):
        right.append(Ws[j] * right[-1])
        left.append(left[-1] * Ws[N - 1 - j])
    return left[::-1], right


def _induced(Ws: Sequence[sp.Matrix], Wdots: Sequence[sp.Matrix]) -> sp.Matrix:
    """The end-to-end velocity sum_j W_N ... W_{j+1} Wdot_j W_{j-1} ... W_1 (product rule)."""
    left, right = _partial_products(Ws)
    out = sp.zeros(*Wdots[0].shape)
    for j in range(len(Ws)):
        out += left[j] * Wdots[j] * right[j]
    return out


def inexact_result(method: str, seen: Mapping[str, str], where: Mapping[str, object]) -> CheckResult:
    """INCONCLUSIVE: the formula under test returned inexact numbers (SymPy Float) at ``where``.

    Exact arithmetic cannot judge a Float: reading it as a rational (``nsimplify`` or its decimals)
    would make a correct formula computed in floating point FAIL, and a wrong one pass.
    """
    return CheckResult(
        Verdict.INCONCLUSIVE,
        Evidence(
            method=method,
            parameters=dict(where),
            notes="the formula under test returned inexact numbers (Float: "
            + ", ".join(sorted(seen))
            + "); exact arithmetic cannot judge it, nothing was decided (write it with SymPy Rationals)",
        ),
    )


def closed_equal(claimed: sp.Expr, truth: sp.Expr) -> bool | None:
    """``claimed == truth`` for closed expressions, decided or not: True when the difference is the
    rational 0 or SymPy simplifies it to 0; False when it is a nonzero rational or an Arb enclosure
    excludes 0 (certified); None when undecided.  Never a comparison of squares.

    >>> closed_equal(2 * sp.sqrt(10), sp.sqrt(40)), closed_equal(-sp.sqrt(2), sp.sqrt(2))
    (True, False)
    >>> closed_equal(sp.sin(1) ** 2 + sp.cos(1) ** 2, sp.Integer(1))
    True
    """
    diff = sp.sympify(claimed - truth)
    if diff.is_Rational:
        return bool(diff == 0)
    if certified_nonzero(diff):
        return False
    return True if sp.simplify(diff) == 0 else None


def gradient_flow(Ws: Sequence[sp.Matrix], G: sp.Matrix) -> list[sp.Matrix]:
    r"""The factor gradient flow computed by differentiation, independently of
    :func:`symdln.geometry.factor_flow`: :math:`\dot W_k = -\partial_{W_k}\langle G, W_N\cdots W_1\rangle`
    (the chain rule: E'(W) = G along the flow).

    >>> gradient_flow([sp.eye(1) * 2, sp.eye(1) * 3], sp.eye(1))
    [Matrix([[-3]]), Matrix([[-2]])]
    """
    left, right = _partial_products(Ws)  # W_N...W_1 = left[k] W_k right[k]: affine in W_k
    out = []
    for k, W in enumerate(Ws):
        E = symbolic_matrix("dW", W.rows, W.cols)  # the direction: <G, left (W_k + E) right> - <G, W>
        pairing = sp.expand(sum((G.T * left[k] * E * right[k]).diagonal()))
        out.append(sp.Matrix(E.rows, E.cols, [-sp.diff(pairing, e) for e in E]))
    return out


# ---------------------------------------------------------------- the argument for every d and N
#: the matrix size of the all-d lemmas: a symbol, so that every identity below holds for every d
_n = sp.Symbol("d", integer=True, positive=True)


def _ms(name: str) -> sp.MatrixSymbol:
    return sp.MatrixSymbol(name, _n, _n)


def _orthogonal_rewrite(e: sp.MatrixExpr, Qs: Sequence[sp.MatrixSymbol]) -> sp.MatrixExpr:
    """``e`` with every product Q^T Q (Q in ``Qs``) replaced by the identity: orthogonality of Q."""
    for Qm in Qs:
        e = e.subs(Qm.T * Qm, sp.Identity(_n))
    return e.doit()


@lru_cache(maxsize=1)
def general_lemmas() -> dict[str, bool]:
    r"""The lemmas of the end-to-end flow for every size d and depth N, in SymPy matrix-expression algebra
    (MatrixSymbols of symbolic size d; a product of factors is one symbol, so N is free):

    * ``gradient``: :math:`\partial_X\,\mathrm{tr}(G^\top LXR) = L^\top GR^\top` (W = L W_j R is affine in
      W_j, L = W_N...W_{j+1}, R = W_{j-1}...W_1): the factor flow is :math:`-L^\top GR^\top`;
    * ``telescoping``: the induction step :math:`(Q_cDQ_b^\top)(Q_bD^mQ_a^\top) = Q_cD^{m+1}Q_a^\top`
      for orthogonal :math:`Q_b` and symbolic m (base m = 1: the factor itself), so
      :math:`W_k\cdots W_{j+1} = Q_{k+1}D^{k-j}Q_{j+1}^\top` for balanced :math:`W_i = Q_{i+1}DQ_i^\top`;
    * ``induced term``: with :math:`L = UD^{N-j}Q_{j+1}^\top`, :math:`R = Q_jD^{j-1}V^\top`, the
      j-th term :math:`L(-L^\top GR^\top)R` of the induced flow is
      :math:`-UD^{2(N-j)}U^\top GVD^{2(j-1)}V^\top` (symbolic N, j);
    * ``entries``: :math:`(\mathrm{diag}(r)M\mathrm{diag}(s))_{il} = r_iM_{il}s_l` for every d, i, l: in the
      basis :math:`UE_{il}V^\top` a sum of terms :math:`UD^aU^\top GVD^bV^\top` acts entry by entry.

    >>> all(general_lemmas().values())
    True
    """
    out: dict[str, bool] = {}
    L, X, Rm, G = _ms("L"), _ms("X"), _ms("R"), _ms("G")
    out["gradient"] = sp.Trace(G.T * L * X * Rm).diff(X) == L.T * G * Rm.T
    Qa, Qb, Qc, D = _ms("Q_a"), _ms("Q_b"), _ms("Q_c"), _ms("D")
    m = sp.Symbol("m", integer=True, positive=True)
    step = _orthogonal_rewrite((Qc * D * Qb.T) * (Qb * D**m * Qa.T), [Qb])
    out["telescoping"] = step == Qc * D ** (m + 1) * Qa.T
    Nn, jj = sp.symbols("N j", integer=True, positive=True)
    U, V, Qj, Qj1 = _ms("U"), _ms("V"), _ms("Q_j"), _ms("Q_j1")
    left, right = U * D ** (Nn - jj) * Qj1.T, Qj * D ** (jj - 1) * V.T
    term = _orthogonal_rewrite(left * (-left.T * G * right.T) * right, [Qj, Qj1])
    # D is diagonal: D^T = D (SymPy keeps D.T apart from D)
    term = term.subs(D.T, D).doit()
    out["induced term"] = sp.simplify(
        term + U * D ** (2 * (Nn - jj)) * U.T * G * V * D ** (2 * (jj - 1)) * V.T) == sp.ZeroMatrix(_n, _n)
    r, s, M = sp.MatrixSymbol("r", _n, 1), sp.MatrixSymbol("s", _n, 1), _ms("M")
    a, b = sp.symbols("a b", integer=True, nonnegative=True)
    i, l = _n - 1 - a, _n - 1 - b  # every index 0 <= i, l < d, counted from the end
    entry = (sp.DiagMatrix(r) * M * sp.DiagMatrix(s))[i, l].doit()
    out["entries"] = zero_in_range(entry - r[i, 0] * M[i, l] * s[l, 0], a, b)
    return out


def zero_in_range(res: sp.Expr, a: sp.Symbol, b: sp.Symbol) -> bool:
    """``res``, an entry at the indices d-1-a, d-1-b (a, b >= 0, d the symbolic size), is 0 wherever
    both indices are in range: the first piece of its Piecewise form cancels to 0 and its condition is
    implied by a, b <= d - 1 (so that piece is the one taken there).

    >>> a, b = sp.symbols("a b", integer=True, nonnegative=True)
    >>> r = sp.MatrixSymbol("r", _n, 1)
    >>> i, l = _n - 1 - a, _n - 1 - b
    >>> e = (sp.DiagMatrix(r) * sp.DiagMatrix(r))[i, l].doit()
    >>> zero_in_range(e, a, b), zero_in_range(e - sp.KroneckerDelta(i, l) * r[i, 0] ** 2, a, b)
    (False, True)
    """
    res = sp.piecewise_fold(res)
    first = res.args[0] if isinstance(res, sp.Piecewise) else (res, sp.true)
    cond = first[1]
    parts = [] if cond is sp.true else list(cond.args) if isinstance(cond, sp.And) else [cond]
    in_range = {(a - _n <= -1).canonical, (b - _n <= -1).canonical}
    implied = all(isinstance(c, sp.core.relational.Relational) and c.canonical in in_range for c in parts)
    return bool(implied and sp.cancel(first[0]) == 0)


Exponent = Callable[[sp.Expr, sp.Expr], sp.Expr]


@dataclass(frozen=True)
class SummandFlow:
    r"""A flow formula written as the paper writes it, a sum over the layers:
    :math:`c(N)\sum_{j=1}^N (WW^\top)^{\alpha(N,j)}\,G\,(W^\top W)^{\beta(N,j)}`.

    ``left`` is :math:`\alpha`, ``right`` :math:`\beta`, ``scale`` :math:`c`; each takes symbolic N, j, so
    the formula can be judged for every N and d (:func:`judge_summand`).  Called as
    ``flow(P, Q, G, N)`` at an integer N (P, Q the PSD N-th roots of :math:`WW^\top`,
    :math:`W^\top W`) it is the matrix the formula gives.

    >>> NOTES_FLOW(sp.eye(1) * 2, sp.eye(1) * 2, sp.eye(1), 2) == g.endtoend_unnormalised(
    ...     sp.eye(1) * 2, sp.eye(1) * 2, sp.eye(1), 2)
    True
    """

    left: Exponent
    right: Exponent
    scale: Callable[[sp.Expr], sp.Expr]

    @property
    def symbolic(self) -> bool:
        """True when alpha, beta and c are SymPy ``Lambda`` s: their values at symbolic N, j are what
        they are at every N, j (a Python function could branch on its arguments), so a proof for
        symbolic N, j holds for every N."""
        return all(isinstance(f, sp.Lambda) for f in (self.left, self.right, self.scale))

    def __call__(self, P: sp.Matrix, Q: sp.Matrix, G: sp.Matrix, N: int) -> sp.Matrix:
        n = sp.Integer(int(N))  # SymPy integers: (N - j)/N is a Rational, not a float

        def power(M: sp.Matrix, e: sp.Expr) -> sp.Matrix:
            e = sp.sympify(e)
            return sp.eye(M.rows) if e == 0 else M**e

        out = sp.zeros(G.rows, G.cols)
        for j in map(sp.Integer, range(1, n + 1)):
            out += power(P, n * self.left(n, j)) * G * power(Q, n * self.right(n, j))
        return sp.sympify(self.scale(n)) * out


_N, _j = sp.symbols("N j", integer=True, positive=True)
#: the exponents (N - j)/N and (j - 1)/N, as SymPy functions of (N, j)
FIRST_LAYERS: sp.Lambda = sp.Lambda((_N, _j), (_N - _j) / _N)
LAST_LAYERS: sp.Lambda = sp.Lambda((_N, _j), (_j - 1) / _N)
#: the notes' end-to-end flow, -sum_j (WW^T)^{(N-j)/N} E'(W) (W^TW)^{(j-1)/N}
NOTES_FLOW = SummandFlow(FIRST_LAYERS, LAST_LAYERS, sp.Lambda(_N, -1))
#: Arora--Cohen--Hazan's form, -sum_j (WW^T)^{(j-1)/N} grad l (W^TW)^{(N-j)/N}
ARORA_FORM = SummandFlow(LAST_LAYERS, FIRST_LAYERS, sp.Lambda(_N, -1))
#: the notes' A_{N,W}(Z) = (1/N) sum_j (WW^T)^{(N-j)/N} Z (W^TW)^{(j-1)/N}
METRIC_OPERATOR = SummandFlow(FIRST_LAYERS, LAST_LAYERS, sp.Lambda(_N, 1 / _N))

#: (x, y) = (a_i^2, a_l^2) where a sum identity that was not proved is evaluated for a witness
SUM_POINTS = ((R(4), R(9)), (R(9), R(4)), (R(4), R(4)))
#: depths at which a sum identity that was not proved is evaluated for a witness
SUM_DEPTHS = tuple(range(1, 25))


def _termwise(c: sp.Expr, al: sp.Expr, be: sp.Expr, tc: sp.Expr, ta: sp.Expr, tb: sp.Expr) -> bool:
    """Coefficient and both exponents of one term equal (SymPy, symbolic N and j)."""
    return all(sp.simplify(u - v) == 0 for u, v in ((c, tc), (al, ta), (be, tb)))


#: why a SummandFlow of Python functions is judged on instances only
WHY_NOT_GENERAL_PYTHON = (
    "the exponents or the scale are Python functions, which can branch on N or j (e.g. on N == 20), so "
    "what they return at symbolic N, j need not be what they return at every N; written as sympy.Lambda "
    "(as the registered forms are) they are judged for every d and N")


def judge_summand(flow: SummandFlow, target: Callable[[sp.Expr], sp.Expr], label: str) -> CheckResult:
    r"""Judge ``target(N) * flow`` = the end-to-end flow induced by the factors' gradient flow, for every
    size d and depth N.

    By :func:`general_lemmas` (every d, N, j), at balanced factors :math:`W_j = Q_{j+1}DQ_j^\top`
    (D = diag(a) > 0; every balanced full-rank tuple has this form) the induced flow is
    :math:`-\sum_j UD^{2(N-j)}U^\top GVD^{2(j-1)}V^\top`, and the formula, with the PSD powers
    :math:`(WW^\top)^\alpha = UD^{2N\alpha}U^\top`, is
    :math:`c\sum_j UD^{2N\alpha}U^\top GVD^{2N\beta}V^\top`.
    In the basis :math:`UE_{il}V^\top` both act entry by entry, so they agree for every G iff for all
    :math:`x = a_i^2, y = a_l^2 > 0`: :math:`t\,c\sum_j x^{N\alpha}y^{N\beta} = -\sum_j x^{N-j}y^{j-1}`.
    Proved here term by term for symbolic N, j, directly or after the bijection j -> N + 1 - j of
    {1..N}; otherwise a certified witness at integer N (x, y in :data:`SUM_POINTS`, i.e. G = U E_il V^T at
    factor singular values sqrt(x), sqrt(y)) FAILS, and no witness is INCONCLUSIVE.
    """
    lemmas = general_lemmas()
    if not all(lemmas.values()):  # pragma: no cover - fixed SymPy identities
        return CheckResult(Verdict.INCONCLUSIVE, Evidence(method="SymPy matrix expressions",
                                                          notes=f"a lemma did not simplify: {lemmas}"))
    Nn, jj = sp.symbols("N j", integer=True, positive=True)
    c = sp.sympify(target(Nn) * flow.scale(Nn))
    al, be = sp.sympify(Nn * flow.left(Nn, jj)), sp.sympify(Nn * flow.right(Nn, jj))
    truth = (sp.Integer(-1), Nn - jj, jj - 1)
    how = None
    if _termwise(c, al, be, *truth):
        how = "term by term"
    elif _termwise(c, al.subs(jj, Nn + 1 - jj), be.subs(jj, Nn + 1 - jj), *truth):
        how = "term by term after j -> N + 1 - j"
    if how is not None and not flow.symbolic:
        python_how = how  # the expression the functions return at symbolic N, j: instances only (below)
        how = None
    else:
        python_how = None
    if how is not None:
        return CheckResult(Verdict.HOLDS, Evidence(
            method=f"SymPy, every d and N: {label} against the induced flow; lemmas in matrix expressions of "
            "symbolic size (gradient of tr(G^T L X R), telescoping step with Q^T Q = I, the induced term "
            "-U D^{2(N-j)} U^T G V D^{2(j-1)} V^T, entrywise action of diagonal scalings); the sums equal "
            f"{how} (symbolic N, j)",
            precision="exact", residual="0", scope="general", proof="proofs/paper2_geometry.py",
            notes="balanced full-rank factors are W_j = Q_{j+1} D Q_j^T (proofs/paper2_geometry.py, step 1); "
            "(WW^T)^alpha is the PSD power U D^{2N alpha} U^T"))
    all_equal = True
    for N in map(sp.Integer, SUM_DEPTHS):
        for x, y in SUM_POINTS:
            js = map(sp.Integer, range(1, int(N) + 1))
            claimed = sp.sympify(target(N) * flow.scale(N)) * sp.Add(*[
                x ** (N * flow.left(N, j)) * y ** (N * flow.right(N, j)) for j in js])
            induced = -sp.Add(*[x ** (N - j) * y ** (j - 1) for j in range(1, int(N) + 1)])
            equal = closed_equal(claimed, induced)
            all_equal = all_equal and equal is True
            if equal is False:
                return _fails(
                    "SymPy, every d: the entry (i, l) of U^T (.) V of the two flows at G = U E_il V^T; "
                    "witness exact or Arb-certified",
                    {"N": int(N), "x = a_i^2": x, "y = a_l^2": y, "claimed": str(claimed),
                     "induced": str(induced)},
                    notes=f"{label}: at balanced factors with singular values sqrt(x), sqrt(y) the formula "
                    "and the induced flow differ on G = U E_il V^T")
    if python_how is not None and all_equal:
        return CheckResult(Verdict.HOLDS, Evidence(
            method=f"SymPy: {label} against the induced flow; the sums equal {python_how} for the values "
            "the exponents and the scale return at symbolic N, j, and exactly at N = "
            f"{', '.join(map(str, SUM_DEPTHS))}, (x, y) in {SUM_POINTS}",
            precision="exact", residual="0", scope="instances", proof="proofs/paper2_geometry.py",
            notes=f"why not general: {WHY_NOT_GENERAL_PYTHON}"))
    return CheckResult(Verdict.INCONCLUSIVE, Evidence(
        method="SymPy, symbolic N and j; exact or Arb-certified evaluation",
        notes=f"{label}: the sums are not equal term by term (directly or after j -> N + 1 - j), and no "
        f"N = 1..{SUM_DEPTHS[-1]} at (x, y) in {SUM_POINTS} certified them different"))


# ---------------------------------------------------------------- end-to-end flow
FlowFormula = Callable[[sp.Matrix, sp.Matrix, sp.Matrix, int], sp.Matrix]
CASES_FLOW = tuple((d, N) for d in (2, 3) for N in DEPTHS)
#: exact cases of the end-to-end flow (cost grows like N^2 d^3 rational products: about 1.5 s in all)
CASES_ENDTOEND = ((2, 2), (2, 3), (2, 4), (2, 5), (2, 6), (2, 8), (2, 10), (2, 16), (3, 2), (3, 3), (3, 5))
#: the deep cases of the slow check (``symdln verify --thorough``): about 15 s
CASES_ENDTOEND_DEEP = ((2, 32), (2, 64), (3, 8), (3, 16), (3, 32))


def _symbolic_flow_residual(flow: FlowFormula, N: int) -> sp.Matrix:
    """d = 2, symbolic factor singular values, rational rotations."""
    a = sp.symbols("a1 a2", positive=True)
    rots = [_rotation(2, k) for k in range(N + 1)]
    Ws = g.balanced_factors(a, rots)
    G = symbolic_matrix("G", 2, 2)
    U, V = rots[-1], rots[0]
    P = U * sp.diag(a[0] ** 2, a[1] ** 2) * U.T
    Q = V * sp.diag(a[0] ** 2, a[1] ** 2) * V.T
    Rm = _induced(Ws, g.factor_flow(Ws, G)) - flow(P, Q, G, N)
    return Rm.applyfunc(cancel_together)


@rejects_inexact("flow")
def _endtoend_instances(flow: FlowFormula, cases: Sequence[tuple[int, int]]) -> CheckResult:
    """The exact instances of :func:`check_endtoend`: rational balanced points at ``cases``, and
    symbolic factor singular values at d = 2, N = 2, 3."""

    def residual(case: tuple[int, int]) -> tuple[sp.Matrix, list[sp.Symbol]]:
        d, N = case
        pt = exact_point(d, N)
        G = symbolic_matrix("G", d, d)
        Rm = _induced(pt["Ws"], g.factor_flow(pt["Ws"], G)) - flow(pt["P"], pt["Q"], G, N)
        return Rm.applyfunc(sp.expand), sorted(G.free_symbols, key=lambda s: s.name)

    bad = first_failing(cases, residual)
    if bad is not None:
        (d, N), point, (i, j, v) = bad
        return _fails(
            "exact rational balanced factors, symbolic E'(W)",
            {"d": d, "N": N, "a": A_VALUES[d], **point, f"residual[{i},{j}]": str(v)},
        )
    for N in (2, 3):
        if any(e != 0 for e in _symbolic_flow_residual(flow, N)):
            return CheckResult(
                Verdict.INCONCLUSIVE,
                Evidence(method="SymPy", notes=f"symbolic d = 2, N = {N} residual did not cancel"),
            )
    return CheckResult(
        Verdict.HOLDS,
        Evidence(
            method="exact: induced factor flow minus the formula is the zero polynomial in E'(W) at "
            "rational balanced points; symbolic in a and E'(W) for d = 2, N = 2, 3",
            precision="exact",
            residual="0",
            parameters={"(d, N) exact": tuple(cases), "symbolic": "d = 2, N in {2, 3}"},
            notes="P = (WW^T)^{1/N} checked as the PSD N-th root (P^N = WW^T, P = U diag(a^2) U^T); "
            "general N: check 'general N' (the telescoping lemma and the powers, symbolic in N and j); "
            "deeper exact cases: the slow check 'deep' (symdln verify --thorough)",
            proof="proofs/paper2_geometry.py",
            scope="instances",
        ),
    )


WHY_NOT_GENERAL_CALLABLE = (
    "why not general: the formula under test is a function of explicit d x d matrices and an integer N "
    "(it has no symbolic N, j or d), so only the listed (d, N) take it as input; written as a SummandFlow "
    "(its exponents alpha(N, j), beta(N, j) and scale c(N)) it is judged for every d and N")


def _general_or_instances(flow: FlowFormula, inst: CheckResult, target: Callable[[sp.Expr], sp.Expr],
                          label: str) -> CheckResult:
    """After the exact instances held: the all-d, all-N judgement when the formula is a
    :class:`SummandFlow` (its FAILS too: a witness beyond the instances), else the instances with the
    reason they are not general."""
    if isinstance(flow, SummandFlow):
        r = judge_summand(flow, target, label)
        if r.verdict is not Verdict.INCONCLUSIVE:
            if r.verdict is Verdict.HOLDS:
                return CheckResult(Verdict.HOLDS, replace(
                    r.evidence, method=r.evidence.method + "; " + inst.evidence.method,
                    parameters={"instances (kept as tests)": inst.evidence.parameters}))
            return r
        why = "why not general: " + (r.evidence.notes or "")
    else:
        why = WHY_NOT_GENERAL_CALLABLE
    notes = "; ".join(x for x in (inst.evidence.notes, why) if x)
    return CheckResult(inst.verdict, replace(inst.evidence, notes=notes, scope="instances"))


def check_endtoend(flow: FlowFormula = NOTES_FLOW,
                   cases: Sequence[tuple[int, int]] = CASES_ENDTOEND) -> CheckResult:
    r"""Judge the notes' end-to-end flow: balanced factor flow induces
    :math:`\dot W = -\sum_j (WW^\top)^{(N-j)/N}E'(W)(W^\top W)^{(j-1)/N}` (unnormalised).

    ``cases`` are the (d, N) tried at exact rational balanced points; a :class:`SummandFlow` (the
    default, :data:`NOTES_FLOW`) is then judged for every d and N (:func:`judge_summand`)."""
    inst = _endtoend_instances(flow, cases)
    if inst.verdict is not Verdict.HOLDS:
        return inst
    return _general_or_instances(flow, inst, lambda N: 1, "the end-to-end flow")


def check_endtoend_deep(flow: FlowFormula = NOTES_FLOW) -> CheckResult:
    """The exact end-to-end check at deeper networks, :data:`CASES_ENDTOEND_DEEP` (slow)."""
    return check_endtoend(flow, CASES_ENDTOEND_DEEP)


def _generic_rotation(d: int, name: str) -> sp.Matrix:
    """A Cayley rotation with symbolic parameters: orthogonal as an identity of rational functions."""
    k = sp.symbols(f"{name}1:{d * (d - 1) // 2 + 1}", real=True)
    K = sp.zeros(d, d)
    for (r, c), kk in zip(combinations(range(d), 2), k, strict=True):
        K[r, c], K[c, r] = kk, -kk
    I = sp.eye(d)
    # (I - K)(I + K)^{-1} by the adjugate: no simplify of a symbolic inverse
    return ((I - K) * (I + K).adjugate() / (I + K).det()).applyfunc(sp.cancel)


#: depths at which a power identity that did not simplify is evaluated for a certified witness
POWER_DEPTHS = tuple(range(1, 25))


def _power_identity(
    exponent: Callable[[sp.Expr, sp.Expr], sp.Expr], expected: Callable[[sp.Expr, sp.Expr], sp.Expr]
) -> dict[str, Any] | None:
    """(a^{2N})^{exponent(N, j)} = a^{expected(N, j)} for symbolic N, j and a > 0: None if the log
    residual simplifies to 0; else a certified witness (a = 2, N in :data:`POWER_DEPTHS`, j = 1..N:
    the difference of the two powers an exact nonzero rational or Arb-certified nonzero), or
    ``{"undecided": ...}`` when no point certifies it."""
    a = sp.Symbol("a", positive=True)
    Nn, jj = sp.symbols("N j", positive=True, integer=True)
    lhs, rhs = (a ** (2 * Nn)) ** exponent(Nn, jj), a ** expected(Nn, jj)
    residual = sp.simplify(sp.expand_log(sp.log(lhs) - sp.log(rhs), force=True))
    if residual == 0:
        return None
    for n in POWER_DEPTHS:
        for j in range(1, n + 1):
            l_v, r_v = lhs.subs({Nn: n, jj: j, a: 2}), rhs.subs({Nn: n, jj: j, a: 2})
            if closed_equal(l_v, r_v) is False:
                return {"N": n, "j": j, "a": 2, "claimed": str(l_v), "induced": str(r_v)}
    return {"undecided": f"log residual {residual} did not simplify to 0, and no N = 1..{POWER_DEPTHS[-1]}, "
            "j = 1..N at a = 2 certified the powers different"}


def check_endtoend_general(
    left_exponent: Exponent = FIRST_LAYERS,
    right_exponent: Exponent = LAST_LAYERS,
) -> CheckResult:
    r"""Judge the end-to-end flow for every depth N and size d from its exponents:
    :math:`-\sum_j (WW^\top)^{\alpha(N,j)}G(W^\top W)^{\beta(N,j)}` with ``left_exponent`` = alpha and
    ``right_exponent`` = beta against the flow induced by the factors' gradient flow
    (:func:`judge_summand`: the lemmas in matrix expressions of symbolic size, then the sums for symbolic
    N, j)."""
    return judge_summand(SummandFlow(left_exponent, right_exponent, sp.Lambda(_N, -1)), lambda N: 1,
                         "the powers of WW^T and W^TW")


def _weighted_flow(Ws: Sequence[sp.Matrix], G: sp.Matrix) -> list[sp.Matrix]:
    """A deliberately wrong flow (layer-dependent step sizes), for negative tests."""
    return [(j + 1) * M for j, M in enumerate(g.factor_flow(Ws, G))]


CASES_BAL = ((2, 2), (2, 3), (3, 2), (2, 4))


@dataclass(frozen=True)
class FactorFlow:
    r"""A factor flow written through the partial products: the velocity of :math:`W_j` is
    ``velocity(L, R, G)`` with :math:`L = W_N\cdots W_{j+1}`, :math:`R = W_{j-1}\cdots W_1`, so it can be
    judged in matrix expressions of symbolic size for every d, N and j.  Called as ``flow(Ws, G)`` it is
    the list of velocities of explicit factors.

    >>> Ws = [sp.eye(1) * 2, sp.eye(1) * 3]
    >>> FACTOR_FLOW(Ws, sp.eye(1)) == g.factor_flow(Ws, sp.eye(1))
    True
    """

    velocity: Callable[[Any, Any, Any], Any]

    def __call__(self, Ws: Sequence[sp.Matrix], G: sp.Matrix) -> list[sp.Matrix]:
        left, right = _partial_products(Ws)
        return [self.velocity(left[j], right[j], G) for j in range(len(Ws))]


#: the gradient flow of the factors, -(W_N...W_{j+1})^T E'(W) (W_{j-1}...W_1)^T
FACTOR_FLOW = FactorFlow(lambda L, R, G: -L.T * G * R.T)


def _conserved_general(flow: FactorFlow) -> bool:
    r"""Every d, N, j (matrix expressions of symbolic size): the velocity is minus the gradient
    :math:`\partial_X\mathrm{tr}(G^\top LXR)`, and with :math:`L_j = L_{j+1}W_{j+1}`,
    :math:`R_{j+1} = W_jR_j` the derivative of :math:`W_{j+1}^\top W_{j+1} - W_jW_j^\top` is zero."""
    L, Rm, G, A, B, X = _ms("L"), _ms("R"), _ms("G"), _ms("A"), _ms("B"), _ms("X")
    try:
        if sp.simplify(flow.velocity(L, Rm, G) + sp.Trace(G.T * L * X * Rm).diff(X)) != sp.ZeroMatrix(_n, _n):
            return False
        up, down = flow.velocity(L, B * Rm, G), flow.velocity(L * A, Rm, G)  # W_{j+1} = A, W_j = B
        rate = up.T * A + A.T * up - down * B.T - B * down.T
        return sp.expand(rate.doit()) == sp.ZeroMatrix(_n, _n)
    except Exception:  # the velocity under test need not accept matrix expressions
        return False


def check_balanced_conserved(
    flow: Callable[[Sequence[sp.Matrix], sp.Matrix], list[sp.Matrix]] = FACTOR_FLOW,
) -> CheckResult:
    r"""Judge: balancedness :math:`W_{j+1}^\top W_{j+1} - W_jW_j^\top` is conserved by the factor flow
    (for any factors and any E'(W): an exact polynomial identity).

    ``flow`` is judged as *the* factor flow too: it must be the gradient flow of E along the factors
    (:func:`gradient_flow`, by differentiation), else a flow that conserves balance for another reason
    (the zero flow, a rescaled one) would be accepted.  Exact at :data:`CASES_BAL`; a :class:`FactorFlow`
    (the default, :data:`FACTOR_FLOW`) is then judged for every d, N and j (:func:`_conserved_general`)."""

    def symbols(d: int, N: int) -> tuple[list[sp.Matrix], sp.Matrix, list[sp.Symbol]]:
        Ws = [symbolic_matrix(f"W{k + 1}_", d, d) for k in range(N)]
        G = symbolic_matrix("G", d, d)
        syms = set(G.free_symbols)
        for W in Ws:
            syms |= W.free_symbols
        return Ws, G, sorted(syms, key=lambda s: s.name)

    def not_gradient(case: tuple[int, int]) -> tuple[sp.Matrix, list[sp.Symbol]]:
        Ws, G, syms = symbols(*case)
        Rm = sp.Matrix.vstack(*[a - b for a, b in zip(flow(Ws, G), gradient_flow(Ws, G), strict=True)])
        return Rm.applyfunc(sp.expand), syms

    def residual(case: tuple[int, int]) -> tuple[sp.Matrix, list[sp.Symbol]]:
        d, N = case
        Ws, G, syms = symbols(d, N)
        Wd = flow(Ws, G)
        blocks = [
            Wd[j + 1].T * Ws[j + 1] + Ws[j + 1].T * Wd[j + 1] - Wd[j] * Ws[j].T - Ws[j] * Wd[j].T
            for j in range(N - 1)
        ]
        return sp.Matrix.vstack(*blocks).applyfunc(sp.expand), syms

    bad = first_failing(CASES_BAL, residual)
    if bad is not None:
        (d, N), point, (i, j, v) = bad
        return _fails(
            "exact polynomial identity, integer witness",
            {"d": d, "N": N, **point, f"d/dt(balance)[{i},{j}]": str(v)},
        )
    bad = first_failing(CASES_BAL, not_gradient)
    if bad is not None:
        (d, N), point, (i, j, v) = bad
        return _fails(
            "exact polynomial identity, integer witness: the flow against -d<G, W_N...W_1>/dW_k",
            {"d": d, "N": N, **point, f"(flow - gradient flow)[{i},{j}]": str(v)},
            notes="the flow under test is not the gradient flow of E on the factors (stacked W_1..W_N)",
        )
    general = isinstance(flow, FactorFlow) and _conserved_general(flow)
    return CheckResult(
        Verdict.HOLDS,
        Evidence(
            method=("SymPy matrix expressions of symbolic size, every d, N, j: the velocity is minus "
                    "d tr(G^T L X R)/dX and d/dt(W_{j+1}^T W_{j+1} - W_j W_j^T) expands to 0 with "
                    "L_j = L_{j+1} W_{j+1}, R_{j+1} = W_j R_j; " if general else "")
            + "exact polynomial identity in the entries of generic factors and E'(W); the flow equals "
            "the gradient flow computed by differentiation",
            precision="exact",
            residual="0",
            parameters={"(d, N)" + (" (kept as tests)" if general else ""): CASES_BAL},
            notes="holds for every factor tuple, balanced or not"
            + ("" if general else "; why not general: the flow under test is a function of an explicit list "
               "of d x d factors (not a FactorFlow velocity(L, R, G) of the partial products, or it did not "
               "pass the symbolic-size identity), so only the listed (d, N) take it as input"),
            proof="proofs/paper2_geometry.py",
            scope="general" if general else "instances",
        ),
    )


#: (d, N) of the exact balanced points where the two conventions are compared with the induced flow
CASES_INDUCED = (*((2, N) for N in range(1, 7)), (3, 2), (3, 3))


@lru_cache(maxsize=16)
def _induced_at(d: int, N: int) -> tuple[dict[str, Any], sp.Matrix, sp.Matrix]:
    """(point, symbolic G, the end-to-end flow induced by the gradient flow of the factors at the exact
    balanced point of size d, depth N): the unnormalised flow, derived and not printed."""
    pt = exact_point(d, N)
    G = symbolic_matrix("G", d, d)
    induced = sp.zeros(d, d)
    for k, Gk in enumerate(G):  # linear in G: the basis matrices E_k in rational arithmetic
        E = sp.Matrix(d, d, lambda r, c, k=k: int(r * d + c == k))
        induced += Gk * _induced(pt["Ws"], gradient_flow(pt["Ws"], E))
    return pt, G, induced.applyfunc(sp.expand)


def _against_induced(formula: FlowFormula, scale: Callable[[int], Any], label: str) -> CheckResult | None:
    """``scale(N) * formula(P, Q, G, N)`` against the induced flow at :data:`CASES_INDUCED`, G symbolic."""

    def residual(case: tuple[int, int]) -> tuple[sp.Matrix, list[sp.Symbol]]:
        pt, G, induced = _induced_at(*case)
        Rm = (scale(case[1]) * formula(pt["P"], pt["Q"], G, case[1]) - induced).applyfunc(sp.expand)
        return Rm, sorted(G.free_symbols, key=lambda s: s.name)

    bad = first_failing(CASES_INDUCED, residual)
    if bad is None:
        return None
    (d, N), point, (i, j, v) = bad
    return _fails(
        "exact rational balanced factors, symbolic E'(W): the end-to-end flow induced by the factors' "
        "gradient flow",
        {"d": d, "N": N, "a": A_VALUES[d], **point, f"({label} - induced flow)[{i},{j}]": str(v)},
    )


def check_arora_form(form: FlowFormula = ARORA_FORM) -> CheckResult:
    r"""Judge: Arora--Cohen--Hazan's :math:`-\sum_j (WW^\top)^{(j-1)/N}G(W^\top W)^{(N-j)/N}` is the
    notes' flow after j -> N+1-j: at the exact instances (:func:`_arora_instances`), then, for a
    :class:`SummandFlow` (the default, :data:`ARORA_FORM`), for every d and N (:func:`judge_summand`)."""
    inst = _arora_instances(form)
    if inst.verdict is not Verdict.HOLDS:
        return inst
    return _general_or_instances(form, inst, lambda N: 1, "the Arora-Cohen-Hazan form")


@rejects_inexact("form")
def _arora_instances(form: FlowFormula) -> CheckResult:
    r"""Judge: Arora--Cohen--Hazan's :math:`\sum_j (WW^\top)^{(j-1)/N}G(W^\top W)^{(N-j)/N}` equals the
    notes' form after j -> N+1-j: (i) the form is the flow induced by the factors' gradient flow at
    exact balanced points (:data:`CASES_INDUCED`), the truth derived and not the notes' formula; (ii)
    the form equals the notes' sum for generic symbolic P, Q, G (d = 2, N = 1..6)."""
    cases = tuple(range(1, 7))
    bad = _against_induced(form, lambda N: 1, "form")
    if bad is not None:
        return bad

    def residual(N: int) -> tuple[sp.Matrix, list[sp.Symbol]]:
        P, Q, G = symbolic_matrix("P", 2, 2), symbolic_matrix("Q", 2, 2), symbolic_matrix("G", 2, 2)
        Rm = (form(P, Q, G, N) - g.endtoend_unnormalised(P, Q, G, N)).applyfunc(sp.expand)
        return Rm, sorted(P.free_symbols | Q.free_symbols | G.free_symbols, key=lambda s: s.name)

    failing = first_failing(cases, residual)
    if failing is not None:
        N, point, (i, j, v) = failing
        return _fails("exact polynomial identity", {"N": N, **point, f"residual[{i},{j}]": str(v)})
    return CheckResult(
        Verdict.HOLDS,
        Evidence(
            method="exact: the induced flow at rational balanced points (symbolic E'(W)); polynomial "
            "identity with the notes' form in generic P, Q, G",
            precision="exact",
            residual="0",
            parameters={"induced (d, N)": CASES_INDUCED, "generic": {"N": cases, "d": 2}},
            scope="instances",
        ),
    )


def check_normalisation(operator: FlowFormula = METRIC_OPERATOR) -> CheckResult:
    r"""Judge the two conventions, :math:`-NA_{N,W}` = the induced (unnormalised) flow, and the time
    rescaling t -> N t: at the exact instances (:func:`_normalisation_instances`), then, for a
    :class:`SummandFlow` (the default, :data:`METRIC_OPERATOR`), for every d and N
    (:func:`judge_summand` with the factor -N)."""
    inst = _normalisation_instances(operator)
    if inst.verdict is not Verdict.HOLDS:
        return inst
    r = _general_or_instances(operator, inst, lambda N: -N, "-N A_{N,W}")
    if r.evidence.scope == "general":
        r = CheckResult(r.verdict, replace(r.evidence, notes="W_unnorm(t) = W_norm(N t): the normalised flow "
                                           "is the unnormalised one run N times slower (chain rule, SymPy)"))
    return r


@rejects_inexact("operator")
def _normalisation_instances(operator: FlowFormula) -> CheckResult:
    r"""Judge the two conventions: :math:`N A_{N,W}(Z)` is the unnormalised right-hand side, so the
    unnormalised solution is :math:`W_{\mathrm{norm}}(Nt)` (a time rescaling by N).

    The truth is the flow induced by the factors' gradient flow (exact balanced points,
    :data:`CASES_INDUCED`): :math:`-N A_{N,W}(G)` must equal it; and :math:`-N A_{N,W}` equals the notes'
    unnormalised sum for generic symbolic P, Q, G (d = 2, N = 1..6)."""
    cases = tuple(range(1, 7))
    bad = _against_induced(operator, lambda N: -N, "-N A")
    if bad is not None:
        return bad

    def residual(N: int) -> tuple[sp.Matrix, list[sp.Symbol]]:
        P, Q, G = symbolic_matrix("P", 2, 2), symbolic_matrix("Q", 2, 2), symbolic_matrix("G", 2, 2)
        Rm = (-N * operator(P, Q, G, N) - g.endtoend_unnormalised(P, Q, G, N)).applyfunc(sp.expand)
        return Rm, sorted(P.free_symbols | Q.free_symbols | G.free_symbols, key=lambda s: s.name)

    failing = first_failing(cases, residual)
    if failing is not None:
        N, point, (i, j, v) = failing
        return _fails("exact polynomial identity", {"N": N, **point, f"residual[{i},{j}]": str(v)})
    # time rescaling: if V' = N F(V), then W(t) := V(t/N) has W' = F(W)
    t, Nn = sp.symbols("t N", positive=True)
    Vf = sp.Function("V")
    lhs = sp.diff(Vf(t / Nn), t)
    rhs = sp.Subs(sp.Derivative(Vf(sp.Symbol("s")), sp.Symbol("s")), sp.Symbol("s"), t / Nn) / Nn
    ok = sp.simplify(lhs.doit() - rhs.doit()) == 0
    return CheckResult(
        Verdict.HOLDS if ok else Verdict.INCONCLUSIVE,
        Evidence(
            method="exact: -N A_{N,W}(G) = the induced flow at rational balanced points (symbolic G); "
            "polynomial identity -N A_{N,W} = unnormalised rhs (generic P, Q, G); chain rule "
            "d/dt V(t/N) = V'(t/N)/N (SymPy)",
            precision="exact",
            residual="0" if ok else None,
            parameters={"induced (d, N)": CASES_INDUCED, "generic N": cases},
            notes="W_unnorm(t) = W_norm(N t): the normalised flow is the unnormalised one run N times slower",
            scope="instances",
        ),
    )
