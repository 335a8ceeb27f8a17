"""Checks of the gradients (7), (11) and the flow (12) of paper 1.

Each check derives the gradient of the least-squares objective (2) with
SymPy -- over symbolic dimensions with ``MatrixSymbol`` (matrix calculus) and
entrywise for small explicit dimensions -- and compares it with the formula
under test, exactly.  A nonzero residual polynomial is turned into a
certified integer counterexample.  A formula under test that raises (an
untransposed, ill-shaped product) or returns the wrong shape at a case, also at
the all-ones point of that case, FAILS with the case as counterexample
(:func:`symdln.checks._cases.call_formula`).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from typing import Any

import sympy as sp

from symdln.checks._cases import IllFormedFormula, call_formula, judge_formula
from symdln.checks._identity import entry_symbols, first_failing, symbolic_matrix
from symdln.correction import FormulaError
from symdln.deep import LayerGradientFormula, deep_objective, layer_gradient_11, product
from symdln.linear import GradientFormula, gradient_7, least_squares_objective
from symdln.verdict import CheckResult, Evidence, Verdict, corrected

__all__ = ["check_flow_12", "check_gradient_7", "check_gradient_11", "judge_flow_12"]

#: explicit (n, d, p) sizes tried for (7), smallest first.  d = 3 matters: over symbolic sizes
#: SymPy drops an explicit identity without a shape check (sp.eye(2) * MatrixSymbol("A", r, r)
#: is A), so a formula with a hard-coded size can pass the matrix calculus
SIZES_7 = ((1, 1, 1), (2, 1, 1), (1, 2, 1), (1, 1, 2), (2, 2, 2), (3, 2, 3), (2, 3, 2))


def _call_entrywise(formula: Callable[..., Any], args: Sequence[Any], shape: tuple[int, int],
                    where: dict[str, object], syms: Sequence[sp.Symbol],
                    inexact: dict[str, str]) -> sp.Matrix:
    """The formula under test on symbolic entries; if it fails there, again with every
    entry 1 (a concrete point), so only a failure at a point is a counterexample."""
    ones = {s: 1 for s in syms}

    def at_ones(a: Any) -> Any:
        if isinstance(a, (list, tuple)):
            return type(a)(at_ones(b) for b in a)
        return a.subs(ones) if isinstance(a, (sp.Basic, sp.MatrixBase)) else a

    return call_formula(formula, args, where={**where, "entries": "symbolic"}, shape=shape,
                        inexact=inexact,
                        concrete=(at_ones(list(args)), {**where, "every entry": 1}))


def _symbolic_dims_residual_7(formula: GradientFormula, inexact: dict[str, str]) -> bool:
    """True iff the residual vanishes over symbolic sizes; False if not shown (also when
    the formula cannot be called on ``MatrixSymbol`` s)."""
    n, d, p = sp.symbols("n d p", positive=True, integer=True)
    X, Y, W = sp.MatrixSymbol("X", n, d), sp.MatrixSymbol("Y", n, p), sp.MatrixSymbol("W", d, p)
    g = least_squares_objective(X, Y, W).diff(W)
    try:
        G = call_formula(formula, (X.T * X / n, X.T * Y / n, W), where={"sizes": "symbolic"},
                         shape=(d, p), inexact=inexact)
    except IllFormedFormula:
        return False
    R = g - G
    return sp.simplify(sp.expand(R.doit())) == sp.ZeroMatrix(d, p) or sp.simplify(R) == 0


def _entrywise_residual_7(formula: GradientFormula, size: tuple[int, int, int],
                          inexact: dict[str, str]):
    n, d, p = size
    X, Y, W = symbolic_matrix("X", n, d), symbolic_matrix("Y", n, p), symbolic_matrix("W", d, p)
    f = least_squares_objective(X, Y, W).doit()
    grad = sp.Matrix(d, p, lambda i, j: sp.diff(f, W[i, j]))
    syms = entry_symbols(X, Y, W)
    G = _call_entrywise(formula, (X.T * X / n, X.T * Y / n, W), (d, p),
                        {"n": n, "d": d, "p": p}, syms, inexact)
    R = (grad - G).applyfunc(lambda e: sp.expand(e.doit()))  # doit: Trace of explicit matrices
    return R, syms



def check_gradient_7(formula: GradientFormula = gradient_7) -> CheckResult:
    r"""Judge (7): the gradient of f(W) = \frac{1}{2n}\|Y - XW\|_F^2 is \Sigma_x W - \Sigma_{xy}."""
    return judge_formula(
        lambda inexact: _check_gradient_7(formula, inexact),
        "the formula under test called on symbolic X, Y, W",
    )


def _check_gradient_7(formula: GradientFormula, inexact: dict[str, str]) -> CheckResult:
    bad = first_failing(SIZES_7, lambda s: _entrywise_residual_7(formula, s, inexact))
    if bad is not None:
        (n, d, p), point, (i, j, value) = bad
        return CheckResult(
            Verdict.FAILS,
            Evidence(
                method="SymPy entrywise differentiation, exact integer evaluation",
                precision="exact",
                counterexample={"n": n, "d": d, "p": p, **point,
                                f"residual[{i},{j}]": str(value)},
                notes="the formula differs from the derived gradient at this integer point",
            ),
        )
    if not _symbolic_dims_residual_7(formula, inexact):
        return CheckResult(
            Verdict.INCONCLUSIVE,
            Evidence(
                method="SymPy entrywise differentiation for explicit sizes",
                precision="exact",
                parameters={"sizes (n, d, p)": SIZES_7},
                notes="matrix calculus over symbolic sizes did not reduce the residual to zero",
            ),
        )
    return CheckResult(
        Verdict.HOLDS,
        Evidence(
            method="SymPy matrix calculus over symbolic sizes n, d, p; entrywise cross-check",
            precision="exact",
            residual="0",
            parameters={"entrywise sizes (n, d, p)": SIZES_7},
            notes="||.||_2 in (2) read as the Frobenius norm, the norm (27) states",
            proof="proofs/gradients.py",
            scope="general",
        ),
    )


@functools.lru_cache(maxsize=64)
def _truth_11(case: tuple[int, ...]) -> tuple[tuple[sp.ImmutableMatrix, ...], sp.ImmutableMatrix,
                                              sp.ImmutableMatrix, sp.ImmutableMatrix]:
    """The symbolic layers, X, Y and the gradient of (2) in layer l differentiated entry by entry at
    ``case``: independent of the formula under test, so computed once per case (immutable)."""
    L, width, l, n, d, p = case
    dims = [d] + [width] * (L - 1) + [p]
    Ws = [symbolic_matrix(f"W{k + 1}", dims[k], dims[k + 1]) for k in range(L)]
    X, Y = symbolic_matrix("X", n, d), symbolic_matrix("Y", n, p)
    f = deep_objective(X, Y, Ws).doit()
    Wl = Ws[l - 1]
    grad = sp.Matrix(Wl.rows, Wl.cols, lambda i, j: sp.diff(f, Wl[i, j]))
    return (tuple(sp.ImmutableMatrix(W) for W in Ws), sp.ImmutableMatrix(X), sp.ImmutableMatrix(Y),
            sp.ImmutableMatrix(grad))


def _entrywise_residual_11(formula: LayerGradientFormula, case: tuple[int, ...],
                           inexact: dict[str, str]):
    L, width, l, n, d, p = case
    frozen, X, Y, grad = _truth_11(case)
    Ws = [sp.Matrix(W) for W in frozen]  # fresh copies: the formula under test may not change the truth
    Wl = Ws[l - 1]
    syms = entry_symbols(X, Y, *Ws)
    G = _call_entrywise(formula, (Ws, l, X.T * X / n, X.T * Y / n), Wl.shape,
                        {"L": L, "l": l, "d": d, "p": p, "inner width": width, "n": n}, syms,
                        inexact)
    R = (grad - G).applyfunc(lambda e: sp.expand(e.doit()))  # doit: Trace of explicit matrices
    return R, syms


def _explicit_size(e: sp.Basic) -> sp.Basic | None:
    """A part of ``e`` of explicit size (an explicit matrix, or a matrix expression with an integer
    dimension) or an inverse (not defined on every matrix of the domain), or None.  Over symbolic
    sizes SymPy may combine such a part without a shape check (``sp.ImmutableMatrix([[1, 2], [3, 4]])
    * MatrixSymbol("A", r, r)`` is kept as a product), so a value with one proves nothing for every
    size."""
    for node in sp.preorder_traversal(e):
        if isinstance(node, sp.MatrixBase):
            return node
        if isinstance(node, sp.MatrixExpr) and any(sp.sympify(k).is_Integer for k in node.shape):
            return node
        if isinstance(node, sp.Inverse) or (isinstance(node, sp.MatPow) and not (
                node.exp.is_Integer and node.exp > 0)):
            return node  # an inverse: not defined for every matrix of the domain
    return None


def _zero_matrix_expr(R: sp.MatrixExpr) -> bool:
    """True iff SymPy reduces the matrix expression R (symbolic sizes) to the zero matrix."""
    z = sp.simplify(sp.expand(R.doit()))
    return isinstance(z, sp.ZeroMatrix) or z == 0


def _symbolic_layers(L: int) -> tuple[sp.Symbol, tuple[sp.Symbol, ...], list[sp.MatrixSymbol],
                                       sp.MatrixSymbol, sp.MatrixSymbol]:
    """n, the widths r_0..r_L, the layers W_1..W_L, X (n x r_0) and Y (n x r_L), all symbolic."""
    n = sp.Symbol("n", positive=True, integer=True)
    r = sp.symbols(f"r0:{L + 1}", positive=True, integer=True)
    Ws = [sp.MatrixSymbol(f"W{k + 1}", r[k], r[k + 1]) for k in range(L)]
    return n, r, Ws, sp.MatrixSymbol("X", n, r[0]), sp.MatrixSymbol("Y", n, r[L])


@functools.lru_cache(maxsize=16)
def _symbolic_gradient(L: int, l: int) -> sp.MatrixExpr:
    """The gradient of (2) in W_l over symbolic widths (SymPy's matrix calculus): independent of the
    formula under test, so derived once per (L, l)."""
    n, _, Ws, X, Y = _symbolic_layers(L)
    return deep_objective(X, Y, Ws, n).diff(Ws[l - 1])


def _symbolic_dims_11(formula: LayerGradientFormula, L: int, inexact: dict[str, str]) -> str | None:
    """None iff every layer's residual vanishes over symbolic widths r_0, ..., r_L; else why not
    (also when the formula cannot be called on ``MatrixSymbol`` s, or its value has a part of
    explicit size)."""
    n, r, Ws, X, Y = _symbolic_layers(L)
    for l in range(1, L + 1):
        try:
            G = call_formula(formula, (Ws, l, X.T * X / n, X.T * Y / n),
                             where={"L": L, "l": l, "widths": "symbolic"},
                             shape=(r[l - 1], r[l]), inexact=inexact)
        except IllFormedFormula as err:
            return f"L = {L}, l = {l}: the formula cannot be called on symbolic layers ({err.error})"
        part = _explicit_size(G)
        if part is not None:
            return f"L = {L}, l = {l}: the value has a part of explicit size ({sp.sstr(part)})"
        if not _zero_matrix_expr(_symbolic_gradient(L, l) - G):
            return f"L = {L}, l = {l}: the residual over symbolic widths did not reduce to zero"
    return None


#: the layer groupings on which the formula under test is read as a formula of the segments
#: (W_{1:l-1}, W_l, W_{l+1:L}): two layers (l = 1 and l = L) and three (1 < l < L)
SEGMENT_L = (2, 3)
#: further depths at which the segment reading is confirmed over symbolic widths
CONFIRM_L = (4,)

_SEGMENT_ARGUMENT = (
    "for every L >= 2 and 1 <= l <= L, f(W_1, ..., W_L) = f(A, W_l, B) with A = W_{1:l-1}, "
    "B = W_{l+1:L} (associativity of the product; the layers other than W_l are constants), so the "
    "gradient in W_l is that of the middle layer of three (1 < l < L), of the first of two (l = 1, "
    "B = W_{2:L}) or of the last of two (l = L, A = W_{1:L-1}); SymPy's matrix calculus over "
    "symbolic widths proves the formula under test equal to it on these groupings, so on every L")


def _general_11(formula: LayerGradientFormula, inexact: dict[str, str]) -> str | None:
    """None iff the formula under test is proved for every depth L (:data:`_SEGMENT_ARGUMENT`, on
    the groupings of :data:`SEGMENT_L`, confirmed at :data:`CONFIRM_L`); else why not."""
    for L in (*SEGMENT_L, *CONFIRM_L):
        why = _symbolic_dims_11(formula, L, inexact)
        if why is not None:
            return why
    return None


#: entrywise cases (L, inner width, l, n, d, p), smallest first: one sample and d = p = 2 for
#: L = 2, 3, 4; then two samples (Sigma_x of rank 2: a term that vanishes when Sigma_x has rank
#: one, Sigma_x^2 = tr(Sigma_x) Sigma_x, is caught) and d != p (an identity of the wrong size)
CASES_11 = (
    *((L, width, l, 1, 2, 2) for L in (2, 3, 4) for width in (1, 2) for l in range(1, L + 1)),
    *((2, width, l, 2, 2, 2) for width in (1, 2) for l in (1, 2)),
    *((3, 2, l, 2, 2, 2) for l in (1, 2, 3)),
    *((2, width, l, 2, d, p) for d, p in ((3, 1), (1, 3)) for width in (1, 2) for l in (1, 2)),
)


def _case_keys(case: tuple[int, ...]) -> dict[str, int]:
    L, width, l, n, d, p = case
    return {"L": L, "l": l, "n": n, "d": d, "p": p, "inner width": width}


def check_gradient_11(formula: LayerGradientFormula = layer_gradient_11) -> CheckResult:
    r"""Judge (11): \nabla_{W_l} f = W_{1:l-1}^T(\Sigma_x W - \Sigma_{xy})W_{l+1:L}^T, L = 2, 3, 4."""
    return judge_formula(
        lambda inexact: _check_gradient_11(formula, inexact),
        "the formula under test called on symbolic layers",
    )


def _check_gradient_11(formula: LayerGradientFormula, inexact: dict[str, str]) -> CheckResult:
    bad = first_failing(CASES_11, lambda c: _entrywise_residual_11(formula, c, inexact))
    if bad is not None:
        case, point, (i, j, value) = bad
        return CheckResult(
            Verdict.FAILS,
            Evidence(
                method="SymPy entrywise differentiation, exact integer evaluation",
                precision="exact",
                counterexample={**_case_keys(case), **point, f"residual[{i},{j}]": str(value)},
            ),
        )
    why = _general_11(formula, inexact)
    if why is not None:
        return CheckResult(
            Verdict.INCONCLUSIVE,
            Evidence(method="SymPy entrywise differentiation for explicit sizes",
                     precision="exact", parameters={"cases (L, width, l, n, d, p)": CASES_11},
                     notes=f"symbolic-size matrix calculus did not prove the formula: {why}"),
        )
    return CheckResult(
        Verdict.HOLDS,
        Evidence(
            method="SymPy matrix calculus over symbolic widths on the segments (W_{1:l-1}, W_l, "
                   "W_{l+1:L}), every depth L by associativity; entrywise cross-check at explicit "
                   "sizes",
            precision="exact",
            residual="0",
            parameters={"groupings L": list(SEGMENT_L), "confirmed at L": list(CONFIRM_L),
                        "entrywise cases (L, width, l, n, d, p)": len(CASES_11)},
            notes="the printed conventions W_{1,0} = I_d, W_{L+1,L} = I_p mean W_{1:0}, W_{L+1:L}; "
                  + _SEGMENT_ARGUMENT + "; the formula under test is read, as (11) writes it, as a "
                  "formula of the segments",
            proof="proofs/gradients.py",
            scope="general",
        ),
    )


def flow_12_printed(Ws, l, Sx, Sxy):  # type: ignore[no-untyped-def]
    r"""Right-hand side of (12) as printed: W_{1:l-1}^T(\Sigma_{xy} - \Sigma_x W)W_{l+1:L}^T."""
    return -layer_gradient_11(Ws, l, Sx, Sxy)


#: a layer shape as a function of (d, p, inner widths (r_1, ..., r_{L-1}), l)
LayerShape = Callable[[int, int, tuple[int, ...], int], tuple[int, int]]

#: (d, p, inner widths) at which a stated layer shape is judged, smallest first
SHAPE_CASES = ((1, 1, (1,)), (1, 2, (1,)), (2, 2, (2,)), (2, 2, (1,)), (2, 3, (1,)), (2, 3, (2,)),
               (3, 2, (2, 1)), (2, 3, (4, 1, 2)))


def _shape_failure(shape: LayerShape) -> dict[str, object] | None:
    """Where layers of the stated shapes are not the layers of (2): their product W_1 ... W_L
    is undefined or not d x p, or layer l is not r_{l-1} x r_l, the shape (2) (and (5), (6))
    give it for the inner widths r_1, ..., r_{L-1} (r_0 = d, r_L = p)."""
    for d, p, widths in SHAPE_CASES:
        dims = (d, *widths, p)
        L = len(dims) - 1
        stated = [tuple(shape(d, p, widths, l)) for l in range(1, L + 1)]
        where = {"d": d, "p": p, "inner widths": widths, "L": L, "stated layer shapes": stated}
        try:
            W = product([sp.zeros(*sh) for sh in stated])
        except (sp.ShapeError, ValueError, TypeError) as e:
            return {**where, "W_1 ... W_L": f"{type(e).__name__}: {e}"}
        if W.shape != (d, p):
            return {**where, "W_1 ... W_L": f"{W.shape[0]} x {W.shape[1]}, not d x p"}
        model = [(dims[l - 1], dims[l]) for l in range(1, L + 1)]
        if stated != model:
            return {**where, "layer shapes of (2)": model}
    return None


def check_flow_12(rhs: LayerGradientFormula = flow_12_printed,
                  shape: LayerShape = lambda d, p, widths, l: (d, p),
                  corrected_shape: LayerShape = lambda d, p, widths, l: (
                      (d, *widths, p)[l - 1], (d, *widths, p)[l])) -> CheckResult:
    r"""Judge (12): the gradient flow (6) with (11), and its printed shapes W_l(0) in R^{d x p}.

    The right-hand side must be minus the *derived* gradient (not (11) as
    printed, which is judged separately).  ``shape(d, p, widths, l)`` is the stated
    shape of layer l (printed: d x p) and ``corrected_shape`` the corrected one
    (r_{l-1} x r_l); both are judged by the same computation (:func:`_shape_failure`).
    """
    return judge_formula(
        lambda inexact: _check_flow_12(rhs, shape, corrected_shape, inexact),
        "the right-hand side under test called on symbolic layers",
    )


def _rhs_12_failure(rhs: LayerGradientFormula, inexact: dict[str, str]) -> CheckResult | None:
    """The right-hand side of (12) against minus the derived gradient: None where it is, else the
    verdict (FAILS with an exact counterexample, or INCONCLUSIVE)."""
    bad = first_failing(
        CASES_11, lambda c: _entrywise_residual_11(lambda *a: -rhs(*a), c, inexact)
    )
    if bad is not None:
        case, point, (i, j, value) = bad
        return CheckResult(
            Verdict.FAILS,
            Evidence(method="SymPy entrywise differentiation, exact integer evaluation",
                     precision="exact",
                     counterexample={**_case_keys(case), **point,
                                     f"residual[{i},{j}]": str(value)}),
        )
    why = _general_11(lambda *a: -rhs(*a), inexact)
    if why is not None:
        return CheckResult(Verdict.INCONCLUSIVE, Evidence(
            method="SymPy entrywise differentiation for explicit sizes", precision="exact",
            notes=f"symbolic-size matrix calculus did not prove -(12) = grad f: {why}"))
    return None


_SHAPE_METHOD = "exact product shapes of zero layers of the stated shapes, against (2)"


def _judged_shape(stated: LayerShape, general: str | None = None) -> CheckResult:
    """The stated layer shapes against the layers of (2) (:func:`_shape_failure`); ``general`` the
    argument that proves a shape that holds on the listed cases for every d, p, L, l and widths
    (None: the listed cases only)."""
    try:
        failure = _shape_failure(stated)
    except FormulaError:
        raise
    except Exception as e:  # the stated shape (a formula under test) raised
        failure = {"stated layer shape": f"{type(e).__name__}: {e}"}
    if failure is not None:
        return CheckResult(Verdict.FAILS, Evidence(
            method=_SHAPE_METHOD, precision="exact", counterexample=failure,
            notes="layers of these shapes are not the layers of (2), whose product is d x p"))
    rhs = "SymPy matrix calculus over symbolic widths on the segments (W_{1:l-1}, W_l, W_{l+1:L}): " \
          "(12) right-hand side = -grad f for every depth L (associativity)"
    if general is not None:
        return CheckResult(Verdict.HOLDS, Evidence(
            method=f"{rhs}; the stated layer shape equals r_{{l-1}} x r_l identically on every case "
                   "of the domain",
            precision="exact", residual="0",
            parameters={"cases (L, width, l, n, d, p)": len(CASES_11),
                        "shape cases (d, p, widths)": SHAPE_CASES},
            notes=f"{_SEGMENT_ARGUMENT}; {general}", proof="proofs/gradients.py", scope="general"))
    return CheckResult(Verdict.HOLDS, Evidence(
        method=f"{rhs}; {_SHAPE_METHOD}",
        precision="exact", residual="0",
        parameters={"cases (L, width, l, n, d, p)": len(CASES_11),
                    "shape cases (d, p, widths)": SHAPE_CASES},
        notes="why not general: the layer shape under test is a Python function, evaluated at the "
              "listed (d, p, inner widths) only; stated as a SymPy formula (judge_flow_12) it is "
              "proved for every d, p, L, l and widths",
        proof="proofs/gradients.py", scope="instances"))


def _check_flow_12(rhs: LayerGradientFormula, shape: LayerShape, corrected_shape: LayerShape,
                   inexact: dict[str, str]) -> CheckResult:
    pre = _rhs_12_failure(rhs, inexact)
    if pre is not None:
        return pre
    return corrected(_judged_shape(shape), _judged_shape(corrected_shape),
                     "dW_l/dt = W_{1:l-1}^T (Sigma_xy - Sigma_x W) W_{l+1:L}^T with "
                     "W_l(0) in R^{r_{l-1} x r_l}, 1 <= l <= L")


#: the symbols of a layer shape in (12): layer l of L, r_{l-1} (``r_prev``) and r_l (r_0 = d, r_L = p)
l_layer = sp.Symbol("l", positive=True, integer=True)
L_layers = sp.Symbol("L", positive=True, integer=True)
r_prev = sp.Symbol("r_prev", positive=True, integer=True)
r_l = sp.Symbol("r_l", positive=True, integer=True)


def _shape_exprs(statement: sp.Basic) -> tuple[sp.Expr, sp.Expr]:
    """The (rows, cols) a statement ``And(Eq(rows, a), Eq(cols, b))`` gives (W_l(0) in R^{rows x cols}),
    a, b in d, p, l, L, r_prev, r_l; raises FormulaError on another statement."""
    from symdln.assumption import d, p
    from symdln.checks.architecture import cols, rows

    eqs = statement.args if isinstance(statement, sp.And) else ()
    found: dict[sp.Symbol, sp.Expr] = {}
    for e in eqs:
        if isinstance(e, sp.Eq) and (e.lhs in (rows, cols) or e.rhs in (rows, cols)):
            side, value = (e.lhs, e.rhs) if e.lhs in (rows, cols) else (e.rhs, e.lhs)
            found[side] = value
    if len(eqs) != 2 or set(found) != {rows, cols}:
        raise FormulaError(f"{sp.sstr(statement)}: (12) states the layer shape W_l(0) in R^{{rows x cols}} "
                           "as And(Eq(rows, a), Eq(cols, b))")
    allowed = {d, p, l_layer, L_layers, r_prev, r_l}
    unknown = sorted(str(x) for x in (found[rows].free_symbols | found[cols].free_symbols) - allowed)
    if unknown:
        raise FormulaError(f"{sp.sstr(statement)}: unknown symbol {unknown[0]!r} (the symbols are d, p, l, "
                           "L, r_prev, r_l)")
    return found[rows], found[cols]


def _as_layer_shape(statement: sp.Basic) -> LayerShape:
    """The layer shape a statement ``And(Eq(rows, a), Eq(cols, b))`` gives (:func:`_shape_exprs`)."""
    from symdln.assumption import d, p

    exprs = _shape_exprs(statement)

    def shape(dd: int, pp: int, widths: tuple[int, ...], layer: int) -> tuple[int, int]:
        dims = (dd, *widths, pp)
        env = {d: dd, p: pp, l_layer: layer, L_layers: len(dims) - 1, r_prev: dims[layer - 1],
               r_l: dims[layer]}
        vals = [x.xreplace({s: sp.Integer(v) for s, v in env.items()}) for x in exprs]
        if not all(v.is_Integer and v >= 0 for v in vals):
            raise ValueError(f"the shape {vals} is not a pair of integers")
        return int(vals[0]), int(vals[1])

    return shape


def _general_shape(statement: sp.Basic) -> str | None:
    """Why the stated shape (a, b) is r_{l-1} x r_l at every point of the domain (L >= 2,
    1 <= l <= L, r_0 = d, r_L = p), or None when that is not shown: a - r_prev and b - r_l
    simplify to 0 on each case of the domain -- l = 1 (r_prev = d), l = L (r_l = p) and
    1 < l < L (all free) -- with the other symbols free."""
    from symdln.assumption import d, p

    a, b = _shape_exprs(statement)
    cases = {"l = 1 (r_prev = d)": {l_layer: sp.Integer(1), r_prev: d},
             "l = L (r_l = p)": {l_layer: L_layers, r_l: p},
             "1 < l < L": {}}
    for sub in cases.values():
        res = [(x - want).subs(sub) for x, want in ((a, r_prev), (b, r_l))]
        if any(sp.simplify(e) != 0 for e in res):
            return None
    return ("the stated shape minus (r_prev, r_l) simplifies to 0 on each case of the domain: "
            + ", ".join(cases) + ", every other symbol free")


def judge_flow_12(statement: sp.Basic) -> CheckResult:
    r"""Judge (12) with the layer shape under test, ``And(Eq(rows, a), Eq(cols, b))``: W_l(0) in
    R^{a x b}, a, b in d, p, ``l``, ``L``, ``r_prev`` (r_{l-1}) and ``r_l``.  The right-hand side
    W_{1:l-1}^T(\Sigma_{xy} - \Sigma_x W)W_{l+1:L}^T must be minus the derived gradient of (2); the
    layers of the stated shapes must be those of (2), whose product is d x p (exact shapes).

    >>> from symdln.checks.architecture import cols, rows
    >>> judge_flow_12(sp.And(sp.Eq(rows, r_prev), sp.Eq(cols, r_l))).verdict.name
    'HOLDS'
    """
    shape = _as_layer_shape(statement)
    pre = _printed_rhs_12()
    return pre if pre is not None else _judged_shape(shape, _general_shape(statement))


@functools.cache
def _printed_rhs_12() -> CheckResult | None:
    """:func:`_rhs_12_failure` of the printed right-hand side (the same for every stated shape)."""
    return _rhs_12_failure(flow_12_printed, {})
