r"""The symbols of Thm. 1 / (15) of paper 1, judged as a formula: the part W_2 is decomposed around,
and the index ranges of the diagonals in :math:`W_1^0` and :math:`W_2^0`.

The statement under test is a conjunction of equations defining the layers (a SymPy ``And`` of ``Eq``),
with eps = 0 (the perturbation of (15) vanishes):

* ``Eq(W_1, W1_0)`` and ``Eq(W_2, W2_0)`` -- the layers ``W_1`` (d x r) and ``W_2`` (r x p) equal to the
  eps = 0 parts :math:`W_1^0, W_2^0` (the printed second line of (15) reads ``Eq(W_2, W1_0)``); a
  statement may also write the perturbations ``W1_eps``, ``W2_eps`` (0 here);
* ``Eq(W1_0, U*DiagSqrtW(m, n)*Q)``, ``Eq(W2_0, Q**-1*DiagSqrtW(m, n)*V.T)`` -- the eps = 0 parts,
  with :class:`DiagSqrtW` ``(m, n)`` the m x n matrix with :math:`\sqrt{w_1(t)}, \sqrt{w_2(t)}, \dots` on
  its diagonal.  The printed :math:`\mathrm{diag}(\sqrt{w_1},\dots,\sqrt{w_p})` is ``DiagSqrtW(p, p)``.

(:data:`PRINTED_SYMBOLS`, :data:`CORRECTED_SYMBOLS`; the printed part relation compares matrices of
different shapes, so it is built unevaluated: SymPy would reduce it to False.)

The candidate :math:`(W_1(t), W_2(t))` the statement defines is judged against the flow, never against
another formula: built at :math:`a_i = \sqrt{w_i(t)}` (the modes (16), which solve the mode ODE derived
from (12): :math:`\dot a_i = a_i(\sigma_i - \lambda_ia_i^2)`), on each case of :data:`SYMBOL_CASES`
(U, V, Q orthogonal; square and rectangular), it must

* have the shapes d x r and r x p;
* equal Thm. 1's initialisation at t = 0 (as an identity in the :math:`a_i(0) = e^{-\delta_i}`);
* solve (12): d/dt by the chain rule minus the right-hand side of (12) vanishes identically in
  the :math:`a_i`, with symbolic :math:`\sigma_i \ge 0, \lambda_i > 0`.

By uniqueness of the solution of (12) (a polynomial vector field) the three together say the candidate
*is* the solution.  A failure is certified at t = 0 of a trajectory: exact rationals
:math:`a_i(0) \in (0, 1)` (i.e. :math:`\delta_i = -\ln a_i(0)`), :math:`\sigma_i, \lambda_i`; a candidate
that is not defined on a case (a shape error) fails there.

Rectangular diagonals of sqrt(w_i) on every entry fail where min(d, r) > p: an entry of W_1 that no mode
of W_2 meets stays constant under (12), while w_i decays; the correction keeps those entries at
e^{-delta_i}.

>>> judge_thm1_symbols(RECTANGULAR_SYMBOLS).evidence.counterexample["case"]
'd = r = 3 > p = 2'
>>> judge_thm1_symbols(CORRECTED_SYMBOLS).verdict.name
'HOLDS'
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import sympy as sp
from sympy.matrices.expressions import MatrixExpr

from symdln.assumption import U, _Named, d, p
from symdln.certify.exact import cayley_orthogonal
from symdln.checks.continuous import _R, _flow_residual, _rot
from symdln.checks.q_condition import Q, r
from symdln.continuous import mode_rhs, rect_diag
from symdln.verdict import CheckResult, Evidence, Verdict

__all__ = [
    "CORRECTED_SYMBOLS",
    "PRINTED_SYMBOLS",
    "RECTANGULAR_SYMBOLS",
    "SYMBOLS",
    "SYMBOL_CASES",
    "DiagSqrtW",
    "judge_thm1_symbols",
]


class DiagSqrtW(MatrixExpr, metaclass=_Named):
    r"""The rows x cols matrix with :math:`\sqrt{w_1(t)}, \sqrt{w_2(t)}, \dots` on its diagonal (0 elsewhere):
    the printed :math:`\mathrm{diag}(\sqrt{w_1(t)},\dots,\sqrt{w_p(t)})` is ``DiagSqrtW(p, p)``.
    ``DiagSqrtW(rows, cols, k)``: :math:`\sqrt{w_i(t)}` on the first k diagonal entries, the entries
    beyond k kept at their initial value :math:`e^{-\delta_i}`.

    >>> DiagSqrtW(d, r).shape, DiagSqrtW(d, r, sp.Min(d, r, p)).shape
    ((d, r), (d, r))
    """

    def __new__(cls, rows: Any, cols: Any, moving: Any = None) -> DiagSqrtW:
        args = (rows, cols) if moving is None else (rows, cols, moving)
        return super().__new__(cls, *map(sp.sympify, args))

    @property
    def shape(self) -> tuple[Any, Any]:
        return self.args[0], self.args[1]

    def _latex(self, printer: Any, exp: Any = None) -> str:
        rows, cols = (printer._print(x) for x in self.args[:2])
        if len(self.args) == 3:
            k = printer._print(self.args[2])
            return (rf"\operatorname{{diag}}_{{{rows} \times {cols}}}\left(\sqrt{{w_i}}\ (i \le {k}),\ "
                    rf"e^{{-\delta_i}}\ (i > {k})\right)")
        return rf"\operatorname{{diag}}_{{{rows} \times {cols}}}\left(\sqrt{{w_i}}\right)"


def _initial(a: Sequence[sp.Symbol]) -> tuple[sp.Symbol, ...]:
    """The constant entries a_i(0) = e^{-delta_i} of ``DiagSqrtW(rows, cols, k)`` beyond k (their own
    symbols: d/dt of them is 0; at t = 0 they are a_i)."""
    return tuple(sp.Symbol(f"{x.name}_init", positive=True) for x in a)


#: V (p x p) of Assump. 1; the layers W_1 (d x r), W_2 (r x p), their eps = 0 parts W_1^0, W_2^0 and the
#: perturbations W_1^eps, W_2^eps of (15) (0: eps = 0)
V = sp.MatrixSymbol("V", p, p)
W_1, W_2 = sp.MatrixSymbol("W_1", d, r), sp.MatrixSymbol("W_2", r, p)
W1_0, W2_0 = sp.MatrixSymbol("W1_0", d, r), sp.MatrixSymbol("W2_0", r, p)
W1_eps, W2_eps = sp.MatrixSymbol("W1_eps", d, r), sp.MatrixSymbol("W2_eps", r, p)
#: the symbols a statement of the symbols of (15) may use
SYMBOLS = (W_1, W_2, W1_0, W2_0, W1_eps, W2_eps, U, V, Q, d, p, r, DiagSqrtW)
_LAYERS = (W_1, W_2, W1_0, W2_0)
_SHAPES = {W_1: (d, r), W_2: (r, p), W1_0: (d, r), W2_0: (r, p)}



def _q_inverse_times(*factors: sp.Basic) -> sp.Basic:
    """Q^{-1} times the factors, kept as written (an ``Inverse`` would carry a dummy exponent)."""
    return sp.MatMul(sp.MatPow(Q, -1), *factors)


#: (15) as printed, eps = 0: W_2 equal to W_1^0 (the part it is decomposed around), square diagonals of
#: sizes p (in W_1^0) and d (in W_2^0)
PRINTED_SYMBOLS = sp.And(
    sp.Eq(W_1, W1_0), sp.Eq(W_2, W1_0, evaluate=False),
    sp.Eq(W1_0, U * DiagSqrtW(p, p) * Q), sp.Eq(W2_0, _q_inverse_times(DiagSqrtW(d, d), V.T)))
#: an earlier correction (refuted where min(d, r) > p): rectangular diagonals of sqrt(w_i) throughout
RECTANGULAR_SYMBOLS = sp.And(
    sp.Eq(W_1, W1_0), sp.Eq(W_2, W2_0),
    sp.Eq(W1_0, U * DiagSqrtW(d, r) * Q), sp.Eq(W2_0, _q_inverse_times(DiagSqrtW(r, p), V.T)))
#: the correction: W_2 equal to W_2^0, rectangular diagonals d x r and r x p with sqrt(w_i(t)) on the
#: min(d, r, p) entries shared by both layers (the modes of W = W_1 W_2) and e^{-delta_i} on the others,
#: which no mode of the other layer meets and (12) keeps constant
CORRECTED_SYMBOLS = sp.And(
    sp.Eq(W_1, W1_0), sp.Eq(W_2, W2_0),
    sp.Eq(W1_0, U * DiagSqrtW(d, r, sp.Min(d, r, p)) * Q),
    sp.Eq(W2_0, _q_inverse_times(DiagSqrtW(r, p, sp.Min(d, r, p)), V.T)))


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
    # min(d, r) > p: W_1 has a diagonal entry no mode of W_2 meets (it stays constant under (12))
    SymbolCase("d = r = 3 > p = 2", _cay(1, 2, _R(1, 2)), _cay(_R(1, 3)), _cay(_R(1, 2), 1, 0)),
    # min(r, p) > d: W_2 has a diagonal entry no mode of W_1 meets
    SymbolCase("p = r = 3 > d = 2", _cay(_R(1, 3)), _cay(1, 2, _R(1, 2)), _cay(_R(1, 2), 1, 0)),
)

#: rational points (a_i(0), sigma_i, lambda_i) at which a nonzero residual is certified
_A_VALUES = (_R(1, 2), _R(1, 3), _R(1, 5))
_SL_VALUES = ((1, 2, 1, 3, 2), (2, 1, 3, 1, 1), (1, 1, 2, 5, 3))


def _symbols(case: SymbolCase) -> tuple[tuple[sp.Symbol, ...], list[sp.Expr], list[sp.Expr], list[sp.Expr]]:
    """Symbols a_1..a_m (m = max(d, p): every index a diagonal can use), sigma_i (0 beyond
    min(d, p)), lambda_i (i <= d) and the mode ODE a_i' (0 for i > d: no such mode of Sigma_x)."""
    d_, _r, p_ = case.dims
    m = max(d_, p_)
    a = sp.symbols(f"a1:{m + 1}", positive=True)
    sig = [sp.Symbol(f"sigma{i + 1}", nonnegative=True) if i < min(d_, p_) else sp.Integer(0)
           for i in range(m)]
    lam = [sp.Symbol(f"lambda{i + 1}", positive=True) for i in range(d_)]
    adot = [mode_rhs(a[i] ** 2, sig[i], lam[i]) / (2 * a[i]) if i < d_ else sp.Integer(0) for i in range(m)]
    return a, sig, lam, adot


def _points(a: Sequence[sp.Symbol], sig: Sequence[sp.Expr], lam: Sequence[sp.Expr]) -> list[dict]:
    syms = [x for x in (*sig, *lam) if isinstance(x, sp.Symbol)]
    out = []
    for avals in itertools.product(_A_VALUES, repeat=len(a)):
        for sl in _SL_VALUES:
            out.append({**dict(zip(a, avals, strict=True)), **dict(zip(syms, sl, strict=False))})
    return out


def _first_nonzero(R: sp.Matrix, points: Sequence[dict]) -> tuple[dict, sp.Matrix] | None:
    """The first point where an entry of R is certified nonzero (exact rational, or an Arb enclosure)."""
    from symdln.checks._identity import certified_nonzero

    for pt in points:
        v = R.subs(pt)
        if any(certified_nonzero(e) for e in v):
            return pt, v
    return None


# ---------------------------------------------------------------------------- reading the statement
def _formula_error(message: str) -> Exception:
    from symdln.correction import FormulaError

    return FormulaError(message)


def _definitions(statement: sp.Basic) -> dict[sp.MatrixSymbol, sp.Basic]:
    """The layers the statement defines (lhs or rhs a layer symbol), each once; W_1 and W_2 required."""
    if statement in (sp.true, sp.false):
        raise _formula_error(
            f"the statement is {statement} as SymPy reads it (a relation between matrices of different "
            "shapes is False: W1_0, W1_eps are d x r, W2_0, W2_eps are r x p); state W_1 and W_2")
    extra = sorted(statement.free_symbols - set(SYMBOLS), key=str)
    if extra:
        known = {str(x): x for x in SYMBOLS if isinstance(x, sp.MatrixSymbol)}
        x = extra[0]
        if isinstance(x, sp.MatrixSymbol) and str(x) in known:
            raise _formula_error(f"{x} is {x.rows} x {x.cols} here; in (15) it is "
                                 f"{known[str(x)].rows} x {known[str(x)].cols}")
        raise _formula_error(f"unknown symbol {str(x)!r} (the symbols of (15): "
                             f"{', '.join(str(s) for s in SYMBOLS)})")
    parts = statement.args if isinstance(statement, sp.And) else (statement,)
    defs: dict[sp.MatrixSymbol, sp.Basic] = {}
    for eq in parts:
        if not isinstance(eq, sp.Eq):
            raise _formula_error("the symbols of (15) are stated as equations defining W_1, W_2, W1_0, "
                                 f"W2_0, not {sp.sstr(eq)}")
        lhs, rhs = (eq.lhs, eq.rhs) if eq.lhs in _LAYERS else (eq.rhs, eq.lhs)
        if lhs not in _LAYERS:
            raise _formula_error(f"{sp.sstr(eq)} defines none of W_1, W_2, W1_0, W2_0")
        if lhs in defs:
            raise _formula_error(f"{lhs} is defined twice")
        defs[lhs] = rhs
    missing = [str(x) for x in (W_1, W_2) if x not in defs]
    if missing:
        raise _formula_error(f"the statement does not define {missing[0]}")
    return defs


def _explicit(e: sp.Basic, known: Mapping[sp.Basic, sp.Matrix], dims: Mapping[sp.Symbol, int],
              a: Sequence[sp.Expr]) -> sp.Matrix:
    """A definition's right-hand side with every symbol given its value on a case."""
    def diag(x: DiagSqrtW) -> sp.ImmutableMatrix:
        size = [sp.sympify(s).xreplace(dims) for s in x.args[:2]]
        if not all(s.is_Integer and s > 0 for s in size):
            raise ValueError(f"{x} has size {size[0]} x {size[1]}, not positive integers")
        moving = min(int(size[0]), int(size[1]))
        if len(x.args) == 3:
            k = sp.sympify(x.args[2]).xreplace(dims)
            if not (k.is_Integer and k >= 0):
                raise ValueError(f"{x}: the number of entries that move is {k}, not a nonnegative integer")
            moving = min(moving, int(k))
        if moving > int(dims[d]):  # (16) defines w_i for the modes of Sigma_x only, i <= d
            raise ValueError(f"{x} puts sqrt(w_{moving}(t)) on its diagonal, and (16) defines w_i for "
                             f"i <= d = {dims[d]} only")
        entries = [a[i] if i < moving else c for i, c in enumerate(_initial(a))]
        return sp.ImmutableMatrix(rect_diag(entries, int(size[0]), int(size[1])))

    v = e.replace(lambda x: isinstance(x, DiagSqrtW), diag)
    v = v.xreplace({k: sp.ImmutableMatrix(m) for k, m in known.items()}).xreplace(dims)
    special = (sp.Identity, sp.ZeroMatrix, sp.OneMatrix)
    v = v.replace(lambda x: isinstance(x, special), lambda x: sp.ImmutableMatrix(x.as_explicit())).doit()
    if isinstance(v, MatrixExpr) and not isinstance(v, sp.MatrixBase):
        v = v.as_explicit()
    return sp.Matrix(v)


def _layers(defs: Mapping[sp.MatrixSymbol, sp.Basic], case: SymbolCase,
            a: Sequence[sp.Expr]) -> tuple[sp.Matrix, sp.Matrix]:
    """(W_1, W_2) the definitions give on ``case`` (eps = 0); raises IllFormedFormula where undefined."""
    from symdln.checks._cases import IllFormedFormula

    dd, rr, pp = case.dims
    dims = {d: sp.Integer(dd), r: sp.Integer(rr), p: sp.Integer(pp)}
    known: dict[sp.Basic, sp.Matrix] = {U: case.U, V: case.V, Q: case.Q, W1_eps: sp.zeros(dd, rr),
                                        W2_eps: sp.zeros(rr, pp)}
    where = {"case": case.name, "d, r, p": [dd, rr, pp], "U": str(case.U.tolist()), "V": str(case.V.tolist()),
             "Q": str(case.Q.tolist())}
    pending = dict(defs)
    while pending:
        ready = [k for k, e in pending.items() if not (set(_LAYERS) & e.free_symbols) - set(known)]
        if not ready:
            raise _formula_error(f"the definitions of {', '.join(map(str, pending))} refer to each other")
        for k in ready:
            at = {**where, "formula": f"{k} = {sp.sstr(defs[k])}"}
            try:  # a shape error, a singular matrix or a diagonal of no size: the formula is not defined here
                value = _explicit(pending.pop(k), known, dims, a)
            except ValueError as err:
                raise IllFormedFormula(at, f"{type(err).__name__}: {err}".splitlines()[0]) from err
            shape = tuple(int(dims[x]) for x in _SHAPES[k])
            if value.shape != shape:
                raise IllFormedFormula(at, f"{k} is {value.rows} x {value.cols}, not {shape[0]} x {shape[1]}")
            known[k] = value
    return known[W_1], known[W_2]


# ---------------------------------------------------------------------------- the judge
Build = Callable[[SymbolCase, Sequence[sp.Expr]], tuple[sp.Matrix, sp.Matrix]]


def _judge_case(case: SymbolCase, build: Build) -> CheckResult | None:
    """None if the candidate solves (12) from Thm. 1's initialisation on ``case``; else the verdict."""
    d_, r_, p_ = case.dims
    Uc, Vc, Qc = case.U, case.V, case.Q
    a, sig, lam, adot = _symbols(case)
    where = {"case": case.name, "d, r, p": [d_, r_, p_], "U": str(Uc.tolist()), "V": str(Vc.tolist()),
             "Q": str(Qc.tolist())}
    W1, W2 = build(case, a)
    # Thm. 1's initialisation, read with the only well-formed index ranges (rectangular diagonals)
    init1, init2 = Uc * rect_diag(list(a), d_, r_) * Qc, Qc.inv() * rect_diag(list(a), r_, p_) * Vc.T
    Sx = Uc * rect_diag(lam, d_, d_) * Uc.T
    Sxy = Uc * rect_diag(sig, d_, p_) * Vc.T
    points = _points(a, sig, lam)
    at_zero = dict(zip(_initial(a), a, strict=True))  # the constant entries are a_i(0)
    checks = (("initial value W_1(0)", (init1 - W1.xreplace(at_zero))),
              ("initial value W_2(0)", (init2 - W2.xreplace(at_zero))),
              ("flow (12) residual", _flow_residual(W1, W2, a, adot, Sx, Sxy)))
    for which, R in checks:
        R = R.applyfunc(lambda e: sp.factor(sp.together(e)))
        if all(e == 0 for e in R):
            continue
        found = _first_nonzero(R.xreplace(at_zero), points)  # certified at t = 0: a_i(0) = a_i
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


#: why the symbols of (15) are judged on the listed cases only, and the missing step
SYMBOLS_SCOPE = (
    "the candidate is built from the statement as explicit matrices at the listed sizes (d, r, p) and "
    "orthogonal U, V, invertible Q, identically in a_i, sigma_i, lambda_i; the missing step: the same "
    "residual for symbolic sizes, i.e. (12) in noncommutative symbols with U^T U = I, V^T V = I and "
    "rectangular diagonals of symbolic size (the products D_1 D_2 and the Gram products U^T Sigma_x U "
    "are diagonal for every size, which the per-size computation uses but does not prove)")


def _judge(build: Build) -> CheckResult:
    from symdln.checks._cases import IllFormedFormula

    for case in SYMBOL_CASES:
        try:
            found = _judge_case(case, build)
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
        notes="Thm. 1's initialisation read with rectangular d x r and r x p diagonals holding "
              "e^{-delta_i}, i <= min(d, r) and i <= min(r, p); eps = 0, so W1_eps = W2_eps = 0; "
              "why not general: " + SYMBOLS_SCOPE,
        proof="proofs/continuous_modes.py", scope="instances"))


def judge_thm1_symbols(statement: sp.Basic) -> CheckResult:
    r"""Judge a statement of the symbols of (15) (module docstring): a SymPy ``And`` of ``Eq`` defining
    ``W_1`` and ``W_2`` (through ``W1_0``, ``W2_0``, ``W1_eps``, ``W2_eps``, ``U``, ``V``, ``Q``,
    :class:`DiagSqrtW` and ``d``, ``p``, ``r``).  The candidate it defines, with eps = 0, is judged on
    :data:`SYMBOL_CASES` against Thm. 1's initialisation and the flow (12).  A statement that does not
    define W_1 and W_2 raises :class:`~symdln.correction.FormulaError`.

    >>> cex = judge_thm1_symbols(PRINTED_SYMBOLS).evidence.counterexample
    >>> cex["which"], cex["W_2 - claimed part"]
    ('initial value W_2(0)', '-1')
    """
    defs = _definitions(statement)
    return _judge(lambda case, a: _layers(defs, case, a))


