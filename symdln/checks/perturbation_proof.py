r"""Thm. 1's perturbation bound of paper 1, proved for every instance: :math:`\|W_i^\epsilon(t)\|_F
\le \epsilon\,m(e^{Kt} - 1) \le \epsilon e^{ct^2}` for all :math:`t \ge 0`, with K, m, c computed.

Setting (L = 2, shapes d x r, r x p).  :math:`\Sigma_x = U(D_x + B)U^\top` and :math:`\Sigma_{xy} =
UD_{xy}V^\top` are the covariances :math:`X^\top X/n, X^\top Y/n` of Sec. 2, so :math:`\Sigma_x \succeq 0`
and :math:`\ker\Sigma_x \subseteq \ker\Sigma_{xy}^\top` (:math:`v^\top\Sigma_xv = \|Xv\|^2/n`);
:math:`\Sigma_x^0 = UD_xU^\top` is the :math:`\epsilon = 0` matrix, :math:`\sigma_i > 0` only where
:math:`\lambda_i > 0` (:math:`r_{xy} \le r_x`), :math:`\|B\|_2 \le \epsilon`.  Thm. 1's initialisation with
Q orthogonal (the correction of thm1.form) and :math:`\delta_i \ge 0`, so :math:`\|W_i(0)\|_2 \le 1`.
:math:`W^0` is the true :math:`\epsilon = 0` solution of (12) from the same point and :math:`E_i = W_i -
W_i^0` the perturbation.  :math:`W^0` is the form (15)-(16) only after two corrections: thm1.form (Q
orthogonal) and eq16.inactive (the printed inactive branch of (16) misses the true mode,
:func:`inactive_branch_gap`, so :math:`W - (15) \ne 0` when :math:`r_{xy} < r_x` even at
:math:`\epsilon = 0`).

The argument.  Machine-checked steps (each with the formula under test as input where there is one):

1. :func:`check_conservation` -- :math:`C = W_1^\top W_1 - W_2W_2^\top` is constant along (12)
   (symbolic matrices, any d, r, p, :math:`\Sigma_x` symmetric);
2. :func:`check_kernel_invariance` -- with P the projector on :math:`\ker\Sigma_x`,
   :math:`\tfrac{d}{dt}PW_1 = 0`;
3. :func:`check_gradient_flow` and :func:`check_loss_gap` -- (12) is the gradient flow of
   :math:`f(W) = \tfrac12\mathrm{tr}\,W^\top\Sigma_xW - \mathrm{tr}\,W^\top\Sigma_{xy}` (so f decreases),
   and :math:`f(W) - f(W^*) = \tfrac12\mathrm{tr}(W - W^*)^\top\Sigma_x(W - W^*)` for
   :math:`W^* = \Sigma_x^+\Sigma_{xy}`;
4. :func:`check_factor_split` -- :math:`W_1^\top W_1 = W_{1a}^\top W_{1a} + (PW_1)^\top PW_1`
   (:math:`W_{1a} = (I-P)W_1`), so :math:`S = A - B` (:math:`A = W_{1a}^\top W_{1a}`, :math:`B =
   W_2W_2^\top`) is constant, and :math:`\mathrm{tr}(AB) = \|(I-P)W\|_F^2`; :func:`check_factor_bound`
   -- :math:`x(x + v^\top Sv) \le T`, :math:`v^\top Sv \ge -\kappa` give :math:`x \le (\kappa +
   \sqrt{\kappa^2 + 4T})/2` (z3); :func:`check_a_priori_radius` -- the scalar facts of
   :data:`RADIUS_FACTS` (two-sided Rayleigh bound, loss decrease, :math:`\|W^*\|_F \le s/\mu`,
   :math:`\|W(0)\|_F \le \sqrt n`, :math:`\|S\|_2 \le \kappa`, :math:`\mathrm{tr}(AB) \ge \|B\|_2
   v^\top Av`, ...) give, lemma by lemma (z3, all parameter values, :data:`RADIUS_LEMMAS`),
   :math:`\|W_i(t)\|_2 \le \rho = \sqrt\beta + \sqrt\kappa`, :math:`\beta = (\kappa + \sqrt{\kappa^2 +
   4\rho_a^2})/2`, :math:`\rho_a = s/\mu + \sqrt{\Lambda/\mu}\,(\sqrt n + s/\mu)`; the composition is
   compared with the radius under test (:func:`a_priori_radius` by default), and a smaller radius is
   refuted by a z3 model of the scalar facts.  :math:`\mu` is the smallest positive eigenvalue of
   :math:`\Sigma_x`, :math:`\Lambda \ge \|\Sigma_x\|_2`, :math:`s = \|\Sigma_{xy}\|_F`, n = min(d, r, p),
   :math:`\kappa = 1` for Q orthogonal; :math:`\rho` decreases in :math:`\mu` and increases in
   :math:`\Lambda, \kappa` (SymPy signs), so it also bounds the :math:`\epsilon = 0` solution;
5. :func:`check_difference_decomposition` -- :math:`\dot E` is an exact sum of products, each linear
   in E or carrying :math:`UBU^\top`; :func:`lipschitz_constants` reads off :math:`\|\dot E_1\|_F +
   \|\dot E_2\|_F \le K(\|E_1\|_F + \|E_2\|_F) + \epsilon M` (F3), K = s + 3 lambda_max rho^2,
   M = 2 rho^3;
6. :func:`check_gronwall_exact` -- the comparison solution :math:`\epsilon(M/K)(e^{Kt} - 1)` of
   :math:`v' = Kv + \epsilon M`, v(0) = 0 (F2 turns it into a bound);
7. :func:`check_exponent_c` -- :math:`m(e^{Kt} - 1) \le e^{ct^2}` for all :math:`t \ge 0` with the c of
   :func:`exponent_c` (all m, K > 0).

Not machine-checked: the facts proved by hand :data:`HAND_FACTS` (H1-H7: the norms of the
initialisation, :math:`\|S\|_2 \le \kappa`, :math:`\|W(0)\|_F \le \sqrt n`, :math:`\|W^*\|_F \le s/\mu`,
the Rayleigh bounds, norm inequalities) and the standard facts :data:`CITED_FACTS` (F1 Weyl [Horn &
Johnson, Thm. 4.3.1], F2 Grönwall's lemma [Gronwall 1919], F3 :math:`\|XEY\|_F \le
\|X\|_2\|E\|_F\|Y\|_2`, F4 :math:`\mathrm{tr}(AB) \ge \lambda_{\max}(B)v^\top Av`); each is tested
with Hypothesis in the suite.

Uniform constants: under the paper's :math:`\mathrm{rank}\,\Sigma_x = r_x` (automatic when
:math:`D_x \succ 0`) and :math:`\epsilon \le \epsilon_0 < \lambda_{\min}`, F1 gives :math:`\mu \ge
\lambda_{\min} - \epsilon_0`, :math:`\|\Sigma_x\|_2 \le \lambda_{\max} + \epsilon_0`; then c depends on
:math:`\lambda_{\min}, \lambda_{\max}, \epsilon_0, \|\Sigma_{xy}\|_F` and n only -- not on
:math:`\delta_i \ge 0`, :math:`\epsilon`, B, U, V, t, nor on Q among the orthogonal matrices.  Without the
rank condition the same formulas hold with :math:`\mu` the smallest positive eigenvalue of the given
:math:`\Sigma_x` (a c for every instance, not uniform in B).  With Q merely invertible (as printed) the
same proof bounds :math:`W - W^0` for the true :math:`\epsilon = 0` solution :math:`W^0` with
:math:`\kappa = e^{-2\delta_{\min}}\max(\|Q\|_2^2, \|Q^{-1}\|_2^2) \le` :data:`KAPPA_Q`: the constants
then depend on :math:`\|Q\|_2` and :math:`\|Q^{-1}\|_2`.

>>> prove_thm1_perturbation().verdict.name
'HOLDS'
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction

import sympy as sp

from symdln.continuous import flow_12_L2
from symdln.verdict import CheckResult, Evidence, Verdict

__all__ = [
    "CITED_FACTS",
    "DIFFERENCE_TERMS",
    "DOMAIN",
    "EPS0",
    "HAND_FACTS",
    "KAPPA_Q",
    "LAM_MAX",
    "LAM_MIN",
    "N_DIAG",
    "RADIUS_FACTS",
    "RADIUS_LEMMAS",
    "S_XY",
    "PerturbationConstants",
    "a_priori_radius",
    "check_a_priori_radius",
    "check_conservation",
    "check_difference_decomposition",
    "check_exponent_c",
    "check_factor_bound",
    "check_factor_split",
    "check_gradient_flow",
    "check_gronwall_exact",
    "check_kernel_invariance",
    "check_lipschitz",
    "check_loss_gap",
    "composed_radius",
    "conserved_quantity",
    "exponent_c",
    "factor_bound",
    "gronwall_bound",
    "inactive_branch_gap",
    "lipschitz_constants",
    "perturbation_constants",
    "prove_thm1_perturbation",
]

#: smallest nonzero lambda_i, largest lambda_i of D_x; eps_0 (eps <= eps_0 < lambda_min); ||Sigma_xy||_F;
#: n = min(d, r, p)
LAM_MIN = sp.Symbol("lambda_min", positive=True)
LAM_MAX = sp.Symbol("lambda_max", positive=True)
EPS0 = sp.Symbol("epsilon_0", positive=True)
S_XY = sp.Symbol("s", positive=True)
N_DIAG = sp.Symbol("n", positive=True, integer=True)

DOMAIN = ("L = 2; Sigma_x = U(D_x + B)U^T, Sigma_xy = U D_xy V^T covariances (Sigma_x >= 0, ker Sigma_x in "
          "ker Sigma_xy^T), sigma_i > 0 only where lambda_i > 0, ||B||_2 <= eps; Thm. 1's initialisation "
          "with Q orthogonal (thm1.form) and delta_i >= 0; all t >= 0.  W^0 is the true eps = 0 solution, "
          "which is (15)-(16) only after two corrections: thm1.form (Q orthogonal) and eq16.inactive (the "
          "inactive branch of (16); as printed it misses the true mode, so W - (15) != 0 when r_xy < r_x "
          "even at eps = 0).  Uniform c: rank Sigma_x = r_x (the paper's 'rank(Sigma_x) := r_x'; automatic "
          "if D_x > 0) and eps <= eps_0 < lambda_min.  With Q merely invertible (as printed) the proof holds "
          "for W^0 the true eps = 0 solution with constants depending on ||Q||_2 and ||Q^-1||_2")

_RHO = sp.Symbol("rho", positive=True)
_d, _r, _p = sp.symbols("d r p", integer=True, positive=True)
W1, W2 = sp.MatrixSymbol("W1", _d, _r), sp.MatrixSymbol("W2", _r, _p)
SX, SXY = sp.MatrixSymbol("Sx", _d, _d), sp.MatrixSymbol("Sxy", _d, _p)
E1, E2 = sp.MatrixSymbol("E1", _d, _r), sp.MatrixSymbol("E2", _r, _p)
W10, W20 = sp.MatrixSymbol("W10", _d, _r), sp.MatrixSymbol("W20", _r, _p)
S0, BT = sp.MatrixSymbol("S0", _d, _d), sp.MatrixSymbol("Bt", _d, _d)
_P = sp.MatrixSymbol("P", _d, _d)
_SYMMETRIC = (SX, S0, BT, _P)


# ---------------------------------------------------------------------------- symbolic matrix helpers
def _sym(e: sp.Basic) -> sp.Basic:
    """Use the symmetry of Sigma_x, Sigma_x^0, U B U^T and P."""
    return e.xreplace({m.T: m for m in _SYMMETRIC})


def _zero(e: sp.Basic) -> bool:
    return isinstance(sp.expand(_sym(e)), sp.matrices.expressions.ZeroMatrix) or sp.expand(_sym(e)) == 0


def _rational_point(seed: int = 0) -> dict[sp.Basic, sp.Matrix]:
    """Exact 2 x 2 values (d = r = p = 2) of every matrix symbol, symmetric where it must be, P a
    projector with P Sx = P Sxy = 0."""
    vals = itertools.cycle([*[sp.Rational(k, 7) for k in (3, -2, 5, 1, -4, 6, 2, -1, 4, -3, 1, 5)][seed:],
                            sp.Rational(1, 3)])

    def m(sym_: bool = False) -> sp.Matrix:
        a = sp.Matrix(2, 2, [next(vals) for _ in range(4)])
        return (a + a.T) / 2 if sym_ else a

    P = sp.Matrix([[1, 0], [0, 0]])
    out = {W1: m(), W2: m(), E1: m(), E2: m(), W10: m(), W20: m(), S0: m(True), BT: m(True)}
    out[SX] = (sp.eye(2) - P) * m(True) * (sp.eye(2) - P)
    out[SXY] = (sp.eye(2) - P) * m()
    out[_P] = P
    return out


def _evaluate(e: sp.Basic, point: Mapping[sp.Basic, sp.Matrix]) -> sp.Matrix:
    dims = {_d: 2, _r: 2, _p: 2}
    sub = {k.subs(dims): v for k, v in point.items()}
    return sp.Matrix(sp.sympify(e).subs(dims).xreplace(sub).doit())


def _identity_result(residual: sp.Basic, method: str, what: str, proof_note: str) -> CheckResult:
    if _zero(residual):
        return CheckResult(Verdict.HOLDS, Evidence(method, precision="exact", residual="0", scope="general",
                                                   notes=proof_note))
    for seed in range(4):
        val = _evaluate(residual, _rational_point(seed))
        if any(x != 0 for x in val):
            return CheckResult(Verdict.FAILS, Evidence(
                method + "; exact evaluation at rational 2 x 2 matrices", precision="exact",
                counterexample={"what": what, "residual at the point": str(val.tolist()), "seed": seed}))
    return CheckResult(Verdict.INCONCLUSIVE, Evidence(
        method, notes=f"{what}: residual not reduced to 0 and zero at the rational points tried"))


def _first_order(expr_of: Callable[[sp.MatrixBase, sp.MatrixBase], sp.MatrixBase],
                 F1: sp.MatrixBase, F2: sp.MatrixBase) -> sp.Basic:
    """d/dt of expr_of(W1, W2) along (W1', W2') = (F1, F2): the h-coefficient of the expansion of
    expr_of(W1 + hF1, W2 + hF2)."""
    h = sp.Symbol("h")
    full = sp.expand(expr_of(W1 + h * F1, W2 + h * F2))
    terms = full.args if isinstance(full, sp.MatAdd) else (full,)
    out = []
    for term in terms:
        coeff, mat = term.as_coeff_mmul()
        c = sp.expand(coeff)
        if c.has(h):
            out.append(c.coeff(h, 1) * mat)
    return sp.MatAdd(*out) if out else sp.ZeroMatrix(*expr_of(W1, W2).shape)


# ---------------------------------------------------------------------------- step 1: conservation
def conserved_quantity(A: sp.MatrixBase, B: sp.MatrixBase) -> sp.MatrixBase:
    r""":math:`W_1^\top W_1 - W_2W_2^\top` (r x r), constant along (12) with L = 2."""
    return A.T * A - B * B.T


def check_conservation(quantity: Callable[[sp.MatrixBase, sp.MatrixBase], sp.MatrixBase] = conserved_quantity,
                       derivative: Callable[..., sp.MatrixBase] | None = None) -> CheckResult:
    r"""Step 1: ``quantity(W1, W2)`` has zero time derivative along (12) (symbolic d x r, r x p matrices).

    ``derivative(W1, W2, F1, F2)``, if given, is a proposed formula for that derivative; it must equal the
    one computed here (first-order expansion along :func:`symdln.continuous.flow_12_L2`).

    >>> check_conservation().verdict.name
    'HOLDS'
    """
    F1, F2 = flow_12_L2(W1, W2, SX, SXY)
    computed = _first_order(quantity, F1, F2)
    if derivative is not None:
        res = _identity_result(derivative(W1, W2, F1, F2) - computed,
                               "SymPy matrix expressions: proposed derivative - computed derivative",
                               "the proposed derivative of the conserved quantity", "")
        if res.verdict is not Verdict.HOLDS:
            return res
    return _identity_result(computed, "SymPy matrix expressions (symbolic d, r, p): d/dt C along (12) "
                            "by first-order expansion, Sigma_x symmetric", "d/dt of the conserved quantity",
                            "W_1^T W_1 - W_2 W_2^T is constant on every solution of (12)")


# ---------------------------------------------------------------------------- step 2: kernel part
def check_kernel_invariance() -> CheckResult:
    r"""Step 2: P W_1 is constant along (12) when :math:`P\Sigma_x = 0 = P\Sigma_{xy}`, P a symmetric
    projector: write :math:`\Sigma_x = (I-P)S(I-P)` (S symmetric), :math:`\Sigma_{xy} = (I-P)Y`.

    >>> check_kernel_invariance().verdict.name
    'HOLDS'
    """
    Id = sp.Identity(_d)
    S, Y = sp.MatrixSymbol("S", _d, _d), sp.MatrixSymbol("Y", _d, _p)
    F1, _ = flow_12_L2(W1, W2, (Id - _P) * S * (Id - _P), (Id - _P) * Y)
    e = sp.expand(_P * F1)
    for _ in range(4):  # P^2 = P
        e = sp.expand(e.replace(lambda x: isinstance(x, sp.MatPow) and x.args[0] == _P, lambda x: _P))
    return _identity_result(e, "SymPy matrix expressions: P dW_1/dt with P^2 = P", "P dW_1/dt",
                            "ker Sigma_x within ker Sigma_xy^T: the kernel part of W_1 keeps its initial "
                            "value")


# ---------------------------------------------------------------------------- step 3: gradient flow, loss
def _loss(W: sp.MatrixBase) -> sp.Basic:
    return sp.Trace(W.T * SX * W) / 2 - sp.Trace(W.T * SXY)


def check_gradient_flow() -> CheckResult:
    r"""Step 3a: (12) is :math:`\dot W_l = -\nabla_{W_l}f(W_1W_2)` (matrix calculus, symbolic shapes),
    so :math:`\tfrac{d}{dt}f = -\|\dot W_1\|_F^2 - \|\dot W_2\|_F^2 \le 0`.

    >>> check_gradient_flow().verdict.name
    'HOLDS'
    """
    W = W1 * W2
    F1, F2 = flow_12_L2(W1, W2, SX, SXY)
    for X, F in ((W1, F1), (W2, F2)):
        grad = sp.Trace(W.T * SX * W).diff(X) / 2 - sp.Trace(W.T * SXY).diff(X)
        res = _identity_result(grad + F, "SymPy matrix derivative of the traces (symbolic d, r, p)",
                               f"grad_{X} f + dW/dt", "")
        if res.verdict is not Verdict.HOLDS:
            return res
    return CheckResult(Verdict.HOLDS, Evidence(
        "SymPy matrix derivative of the traces (symbolic d, r, p), Sigma_x symmetric", precision="exact",
        residual="0", scope="general", notes="(12) is the gradient flow of f: f(W(t)) <= f(W(0))"))


def _canonical_traces(e: sp.Basic) -> sp.Basic:
    """Rewrite every Trace(product) by a canonical representative under cyclic shifts and transposition."""
    def canon(tr: sp.Trace) -> sp.Trace:
        arg = tr.args[0]
        fac = list(arg.args) if isinstance(arg, sp.MatMul) else [arg]
        coeff = sp.Integer(1)
        if fac and not isinstance(fac[0], sp.MatrixExpr):
            coeff, fac = fac[0], fac[1:]
        rev = [_sym(f.T) for f in reversed(fac)]
        best = min((seq[k:] + seq[:k] for seq in (fac, rev) for k in range(len(seq))),
                   key=lambda s: str(sp.MatMul(*s)))
        return coeff * sp.Trace(sp.MatMul(*best))

    e = sp.expand(_sym(e)).doit()
    return sp.expand(e.replace(lambda x: isinstance(x, sp.Trace), canon))


def check_loss_gap() -> CheckResult:
    r"""Step 3b: :math:`f(W) - f(W^*) = \tfrac12\mathrm{tr}(W-W^*)^\top\Sigma_x(W-W^*)` when
    :math:`\Sigma_xW^* = \Sigma_{xy}` (traces up to cyclic shift and transposition).

    >>> check_loss_gap().verdict.name
    'HOLDS'
    """
    W, Ws = sp.MatrixSymbol("W", _d, _p), sp.MatrixSymbol("Ws", _d, _p)
    gap = _loss(W) - _loss(Ws) - sp.Trace((W - Ws).T * SX * (W - Ws)) / 2
    e = _canonical_traces(gap.xreplace({SXY: SX * Ws}))
    if e == 0:
        return CheckResult(Verdict.HOLDS, Evidence(
            "SymPy traces, canonical under cyclic shift and transposition", precision="exact", residual="0",
            scope="general", notes="mu/2 ||(I-P)(W - W*)||_F^2 <= f(W) - f(W*) <= f(W(0)) - f(W*)"))
    return CheckResult(Verdict.INCONCLUSIVE, Evidence("SymPy traces", notes=f"residual {e} not reduced"))


# ---------------------------------------------------------------------------- step 4: factor bound
_KAPPA, _T = sp.Symbol("kappa", nonnegative=True), sp.Symbol("T", nonnegative=True)


def factor_bound(kappa: sp.Expr, T: sp.Expr) -> sp.Expr:
    r"""The largest x >= 0 with :math:`x(x - \kappa) \le T`: :math:`(\kappa + \sqrt{\kappa^2 + 4T})/2`."""
    return (kappa + sp.sqrt(kappa**2 + 4 * T)) / 2


def check_factor_bound(bound: Callable[[sp.Expr, sp.Expr], sp.Expr] = factor_bound) -> CheckResult:
    r"""Step 4 (scalar part, z3): for :math:`x = \|B\|_2 \ge 0`, :math:`a = v^\top Av \ge 0`,
    :math:`a = x + v^\top Sv` with :math:`v^\top Sv \ge -\kappa`, and :math:`xa \le \mathrm{tr}(AB) \le T`:
    :math:`x \le` ``bound(kappa, T)``.  A refuting model is re-checked exactly / in Arb.

    >>> check_factor_bound().verdict.name
    'HOLDS'
    """
    from symdln.certify.smt import Translation

    x, sv = sp.Symbol("x", nonnegative=True), sp.Symbol("sv", real=True)
    a = x + sv
    hyp = sp.And(sv >= -_KAPPA, a >= 0, x * a <= _T)
    goal = x <= bound(_KAPPA, _T)
    res = Translation().prove(hyp, goal)
    method = "z3: x >= 0, v^T S v >= -kappa, x (x + v^T S v) <= T => x <= bound(kappa, T)"
    if res.status == "proved":
        return CheckResult(Verdict.HOLDS, Evidence(method, precision="exact", scope="general", notes=(
            "tr(AB) >= ||B||_2 v^T A v (spectral decomposition of B, A >= 0), v^T A v = ||B||_2 + v^T S v; "
            "the same with A and B exchanged bounds ||W_1a||_2^2")))
    if res.model is not None:
        from symdln.certify.balls import certified_sign

        m = {k: sp.Rational(v.numerator, v.denominator) for k, v in res.model.items()}
        sub = {x: m.get("x", 0), sv: m.get("sv", 0), _KAPPA: m.get("kappa", 0), _T: m.get("T", 0)}
        if sp.And(*[h.subs(sub) for h in hyp.args]) is sp.true:
            margin = (x - bound(_KAPPA, _T)).subs(sub)
            if (margin.is_Rational and margin > 0) or certified_sign(margin) == 1:
                return CheckResult(Verdict.FAILS, Evidence(
                    method + "; model re-checked exactly / in Arb", precision="exact / arb",
                    counterexample={str(k): str(v) for k, v in sub.items()}))
    return CheckResult(Verdict.INCONCLUSIVE, Evidence(method, notes=f"z3: {res.status} {res.reason}"))


def a_priori_radius(mu: sp.Expr, Lam: sp.Expr, s: sp.Expr = S_XY, n: sp.Expr = N_DIAG,
                    kappa: sp.Expr = sp.S.One) -> sp.Expr:
    r"""Steps 3-4: :math:`\rho \ge \|W_i(t)\|_2` for all t, given the smallest positive eigenvalue
    :math:`\ge \mu` and the norm :math:`\le \Lambda` of :math:`\Sigma_x`, :math:`s = \|\Sigma_{xy}\|_F`,
    n = min(d, r, p) and :math:`\kappa \ge \|W_1(0)\|_2^2, \|W_2(0)\|_2^2` (1 for Q orthogonal and
    :math:`\delta_i \ge 0`).  The composition is checked by :func:`check_a_priori_radius`.

    >>> a_priori_radius(sp.Integer(1), sp.Integer(1), sp.Integer(0), sp.Integer(1))
    1 + sqrt(1/2 + sqrt(5)/2)
    """
    w_star = s / mu                                   # ||Sigma_x^+ Sigma_xy||_F
    rho_a = w_star + sp.sqrt(Lam / mu) * (sp.sqrt(n) + w_star)  # ||W(0)||_F <= sqrt(n)
    # ||S||_2 <= kappa, ||P W_1||_2 <= sqrt(kappa)
    return sp.sqrt(factor_bound(kappa, rho_a**2)) + sp.sqrt(kappa)


# ---------------------------------------------------------------------------- step 4a: split identities
def _idempotent(e: sp.Basic) -> sp.Basic:
    """Replace every power of P by P (P^2 = P), after expansion."""
    def power(x: sp.MatPow) -> sp.MatrixExpr:
        return _P if x.args[0] == _P else sp.MatMul(*[x.args[0]] * int(x.args[1]))

    for _ in range(6):
        new = sp.expand(_sym(e)).replace(lambda x: isinstance(x, sp.MatPow) and x.args[1].is_Integer
                                         and x.args[1] > 0, power)
        if new == e:
            break
        e = new
    return e


def check_factor_split(kernel_term: Callable[[sp.MatrixExpr], sp.MatrixExpr] | None = None) -> CheckResult:
    r"""Step 4a: with P a symmetric projector and :math:`W_{1a} = (I-P)W_1`,
    :math:`W_1^\top W_1 = W_{1a}^\top W_{1a} + (PW_1)^\top PW_1` (so :math:`S = W_{1a}^\top W_{1a} -
    W_2W_2^\top = C - (PW_1)^\top PW_1` is constant by steps 1, 2), and :math:`\mathrm{tr}(AB) =
    \|(I-P)W_1W_2\|_F^2` for :math:`A = W_{1a}^\top W_{1a}`, :math:`B = W_2W_2^\top` (symbolic matrices).
    ``kernel_term(W1)``, if given, replaces :math:`(PW_1)^\top PW_1` in the first identity (P is ``P``).

    >>> check_factor_split().verdict.name
    'HOLDS'
    """
    W1a = W1 - _P * W1  # (I - P) W_1
    kernel = (_P * W1).T * (_P * W1) if kernel_term is None else kernel_term(W1)
    split = _idempotent(W1.T * W1 - (W1a.T * W1a + kernel))
    res = _identity_result(split, "SymPy matrix expressions, P^2 = P = P^T",
                           "W_1^T W_1 - W_1a^T W_1a - (P W_1)^T P W_1", "")
    if res.verdict is not Verdict.HOLDS:
        return res
    gap = sp.Trace(W1a.T * W1a * W2 * W2.T) - sp.Trace((W1a * W2).T * (W1a * W2))
    if _canonical_traces(gap) != 0:
        return CheckResult(Verdict.INCONCLUSIVE, Evidence("SymPy traces",
                                                          notes="tr(AB) identity not reduced"))
    return CheckResult(Verdict.HOLDS, Evidence(
        "SymPy matrix expressions (symbolic d, r, p), P symmetric idempotent; traces canonical under cyclic "
        "shift and transposition", precision="exact", residual="0", scope="general",
        notes="S = W_1a^T W_1a - W_2 W_2^T = C - (P W_1)^T P W_1 is constant (steps 1, 2); "
              "tr(AB) = ||(I - P) W||_F^2"))


# ---------------------------------------------------------------------------- step 4b: the radius
#: the parameters of the radius: mu <= smallest positive eigenvalue, Lambda >= ||Sigma_x||_2, s, n and
#: kappa >= ||W_1(0)||_2^2, ||W_2(0)||_2^2
_MU, _LAM = sp.Symbol("mu", positive=True), sp.Symbol("Lambda", positive=True)
_SS, _NN = sp.Symbol("s", nonnegative=True), sp.Symbol("n", positive=True)
_KQ = sp.Symbol("kappa", positive=True)
#: scalar variables at a time t: w0 = ||(I-P)W(0)||_F, ws = ||W*||_F, g0 = ||(I-P)(W(0) - W*)||_F,
#: q0, qt = tr (W - W*)^T Sigma_x (W - W*) at 0 and t, gt = ||(I-P)(W(t) - W*)||_F, wt = ||(I-P)W(t)||_F,
#: kS >= ||S||_2, x = ||W_2||_2^2, sv = v^T S v (v top eigenvector of B), y = ||W_1a||_2^2, su = u^T S u
#: (u top eigenvector of A), r1 = ||W_1a||_2, r2 = ||W_2||_2, p1 = ||P W_1||_2, n1 = ||W_1||_2
_w0, _ws, _g0, _q0, _qt, _gt, _wt, _kS, _x, _sv, _y, _su, _r1, _r2, _p1, _n1 = sp.symbols(
    "w0 ws g0 q0 qt gt wt kS x sv y su r1 r2 p1 n1", real=True)
_G, _GT, _RA, _BETA = sp.symbols("G G_t rho_a beta", real=True)

#: the scalar facts of steps 3-4, each with what supports it (a checked step, a hand fact of
#: :data:`HAND_FACTS`, a standard fact of :data:`CITED_FACTS`)
RADIUS_FACTS: dict[str, tuple[str, tuple[sp.Basic, ...]]] = {
    "init": ("H4, H7: ||(I-P)W(0)||_F <= ||W(0)||_F <= sqrt(n)", (_w0 >= 0, _w0**2 <= _NN)),
    "star": ("H5: ||W*||_F <= s/mu", (_ws >= 0, _MU * _ws <= _SS)),
    "triangle 0": ("H7: (I-P)W* = W*, triangle inequality", (_g0 >= 0, _g0 <= _w0 + _ws)),
    "Rayleigh 0": ("H6: tr X^T Sigma_x X <= Lambda ||(I-P)X||_F^2", (_q0 >= 0, _q0 <= _LAM * _g0**2)),
    "loss": ("steps 3a, 3b: f decreases, f(W) - f(W*) = tr (W-W*)^T Sigma_x (W-W*)/2",
             (_qt >= 0, _qt <= _q0)),
    "Rayleigh t": ("H6: mu ||(I-P)X||_F^2 <= tr X^T Sigma_x X", (_gt >= 0, _MU * _gt**2 <= _qt)),
    "triangle t": ("H7: triangle inequality", (_wt >= 0, _wt <= _gt + _ws)),
    "S": ("H2 and step 4a: S constant, ||S||_2 <= kappa", (_kS >= 0, _kS <= _KQ)),
    "B": ("F4 and step 4a: tr(AB) >= ||B||_2 v^T A v, v^T A v = ||B||_2 + v^T S v, "
          "tr(AB) = ||(I-P)W||_F^2",
          (_x >= 0, _sv >= -_kS, _sv <= _kS, _x + _sv >= 0, _x * (_x + _sv) <= _wt**2)),
    "A": ("F4 and step 4a with A and B exchanged (u^T B u = ||A||_2 - u^T S u)",
          (_y >= 0, _su >= -_kS, _su <= _kS, _y - _su >= 0, _y * (_y - _su) <= _wt**2)),
    "roots": ("definitions: ||W_1a||_2^2 = ||A||_2, ||W_2||_2^2 = ||B||_2",
              (_r1 >= 0, sp.Eq(_r1**2, _y), _r2 >= 0, sp.Eq(_r2**2, _x))),
    "kernel": ("step 2, H3: ||P W_1(t)||_2 = ||P W_1(0)||_2 <= sqrt(kappa)", (_p1 >= 0, _p1**2 <= _KQ)),
    "triangle 1": ("H7: ||W_1||_2 <= ||W_1a||_2 + ||P W_1||_2", (_n1 >= 0, _n1 <= _r1 + _p1)),
}

#: the lemmas (z3, all parameter values): (facts used, extra hypothesis on the previous bound,
#: conclusion with its bound, the bound symbol it defines); the radius is their composition
RADIUS_LEMMAS: tuple[tuple[str, tuple[str, ...], tuple[sp.Basic, ...], sp.Basic, sp.Symbol | None], ...] = (
    ("||(I-P)(W(0) - W*)||_F", ("init", "star", "triangle 0"), (),
     _g0 <= sp.sqrt(_NN) + _SS / _MU, _G),
    ("||(I-P)(W(t) - W*)||_F", ("Rayleigh 0", "loss", "Rayleigh t"), (_g0 >= 0, _g0 <= _G),
     _gt <= sp.sqrt(_LAM / _MU) * _G, _GT),
    ("||(I-P)W(t)||_F", ("star", "triangle t"), (_gt >= 0, _gt <= _GT), _wt <= _GT + _SS / _MU, _RA),
    ("||W_2(t)||_2^2", ("S", "B"), (_wt >= 0, _wt <= _RA), _x <= factor_bound(_KQ, _RA**2), _BETA),
    ("||W_1a(t)||_2^2", ("S", "A"), (_wt >= 0, _wt <= _RA), _y <= factor_bound(_KQ, _RA**2), None),
    ("||W_1(t)||_2, ||W_2(t)||_2", ("roots", "kernel", "triangle 1"),
     (_x >= 0, _x <= _BETA, _y >= 0, _y <= _BETA),
     sp.And(_n1 <= sp.sqrt(_BETA) + sp.sqrt(_KQ), _r2 <= sp.sqrt(_BETA) + sp.sqrt(_KQ)), None),
)

#: rational parameter points (mu, Lambda, s, n, kappa) where a radius that is not proved is tested
#: against the scalar facts themselves (z3 counter-model, validated exactly)
_RADIUS_POINTS = tuple(tuple(sp.Rational(v) for v in p) for p in (
    (1, 4, 1, 1, 1), (1, 1, 0, 1, 1), ("1/4", 1, 1, 4, 1), (2, 3, "1/2", 2, 1), (1, 2, 1, 1, 4)))


def _facts(names: Sequence[str]) -> list[sp.Basic]:
    return [h for k in names for h in RADIUS_FACTS[k][1]]


def composed_radius() -> sp.Expr:
    r"""The radius the lemmas of :data:`RADIUS_LEMMAS` give, by substituting each lemma's bound into the
    next (symbols mu, Lambda, s, n, kappa)."""
    bounds: dict[sp.Symbol, sp.Expr] = {}
    final: sp.Expr = sp.Integer(0)
    for _name, _uses, _hyp, concl, defines in RADIUS_LEMMAS:
        rel = concl.args[0] if isinstance(concl, sp.And) else concl
        value = rel.rhs.subs(bounds)
        if defines is not None:
            bounds[defines] = value
        final = value
    return final


def _upper_rational(e: sp.Expr) -> Fraction:
    from symdln.certify.balls import enclose

    up = enclose(e, 128).upper()
    man, exp = up.man_exp()
    return Fraction(int(man)) * Fraction(2) ** int(exp)


def check_a_priori_radius(radius: Callable[..., sp.Expr] | None = None) -> CheckResult:
    r"""Step 4b: ``radius(mu, Lambda, s, n, kappa)`` bounds :math:`\|W_1(t)\|_2` and :math:`\|W_2(t)\|_2`
    by the scalar facts :data:`RADIUS_FACTS` (from steps 2-4a, the hand facts H2-H7 and F4).

    Each lemma of :data:`RADIUS_LEMMAS` is proved by z3 for all parameter values; their composition
    :func:`composed_radius` must be at most ``radius`` (SymPy: equal, or z3).  Otherwise ``radius`` is
    tested against the scalar facts at rational parameter points: a z3 model of all the facts with
    :math:`\|W_i\|_2` above an Arb upper bound of ``radius`` there, re-checked exactly, refutes it.

    >>> check_a_priori_radius().verdict.name
    'HOLDS'
    """
    from symdln.certify.smt import Translation

    radius = a_priori_radius if radius is None else radius
    proved: dict[str, str] = {}
    for name, uses, extra, concl, _defines in RADIUS_LEMMAS:
        res = Translation().prove(sp.And(*_facts(uses), *extra), concl)
        proved[name] = res.status
        if res.status != "proved":
            return CheckResult(Verdict.INCONCLUSIVE, Evidence(
                "z3 on the scalar lemmas", details={"lemmas": proved},
                notes=f"lemma bounding {name} not proved (z3: {res.status} {res.reason})"))
    params = (_MU, _LAM, _SS, _NN, _KQ)
    R = sp.sympify(radius(*params))
    composed = composed_radius()
    method = ("z3: each lemma of RADIUS_LEMMAS for all mu, Lambda, kappa > 0, s >= 0, n > 0; SymPy "
              "composition of the lemma bounds")
    details = {"lemmas (z3)": proved, "composed radius": str(composed), "radius under test": str(R),
               "facts": {k: v[0] for k, v in RADIUS_FACTS.items()}}
    if sp.simplify(R - composed) == 0:
        return CheckResult(Verdict.HOLDS, Evidence(method + "; radius under test = composed radius (SymPy)",
                                                   precision="exact", residual="0", details=details,
                                                   scope="general"))
    from symdln.certify.balls import certified_sign

    below = any(certified_sign((R - composed).subs(dict(zip(params, p, strict=True)))) == -1
                for p in _RADIUS_POINTS)
    if not below and Translation().prove(sp.true, composed <= R, timeout_ms=3000).status == "proved":
        return CheckResult(Verdict.HOLDS, Evidence(method + "; composed radius <= radius under test (z3)",
                                                   precision="exact", details=details, scope="general"))
    import z3

    from symdln.certify.smt import prove

    env = {v: z3.Real(str(v)) for v in (_w0, _ws, _g0, _q0, _qt, _gt, _wt, _kS, _x, _sv, _y, _su, _r1, _r2,
                                       _p1, _n1)}
    for point in _RADIUS_POINTS:
        sub = dict(zip(params, point, strict=True))
        bound = _upper_rational(R.subs(sub))
        b = sp.Rational(bound.numerator, bound.denominator)
        tr = Translation(dict(env))
        facts = tr(sp.And(*[h.subs(sub) for h in _facts(list(RADIUS_FACTS))]))
        res = prove(z3.Implies(facts, tr(sp.And(_n1 <= b, _r2 <= b))))
        if res.status == "refuted" and res.model is not None:
            return CheckResult(Verdict.FAILS, Evidence(
                method + "; at a rational parameter point, z3 model of all the scalar facts with ||W_1||_2 "
                "or ||W_2||_2 above an Arb upper bound of the radius under test, re-checked exactly",
                precision="exact / arb 128 bits", details=details,
                counterexample={"mu, Lambda, s, n, kappa": [str(v) for v in point],
                                "radius under test <=": str(b),
                                **{k: str(v) for k, v in res.model.items()}}))
    return CheckResult(Verdict.INCONCLUSIVE, Evidence(method, details=details,
                                                      notes="radius under test not compared with the "
                                                            "composed radius, and not refuted"))


# ---------------------------------------------------------------------------- step 5: difference
#: dE_1/dt and dE_2/dt as exact sums (W_i = W_i^0 + E_i the eps-solution, S0 = Sigma_x^0, Bt = U B U^T)
DIFFERENCE_TERMS: tuple[tuple[sp.MatrixExpr, ...], tuple[sp.MatrixExpr, ...]] = (
    (SXY * E2.T, -S0 * E1 * W2 * W2.T, -S0 * W10 * E2 * W2.T, -S0 * W10 * W20 * E2.T, -BT * W1 * W2 * W2.T),
    (E1.T * SXY, -E1.T * S0 * W1 * W2, -W10.T * S0 * E1 * W2, -W10.T * S0 * W10 * E2,
     -W1.T * BT * W1 * W2),
)


def check_difference_decomposition(terms: Sequence[Sequence[sp.MatrixExpr]] = DIFFERENCE_TERMS
                                   ) -> CheckResult:
    r"""Step 5: :math:`F(W; \Sigma_x^0 + UBU^\top) - F(W^0; \Sigma_x^0)` equals the sum of ``terms`` per
    layer, identically after :math:`W_i = W_i^0 + E_i` (symbolic matrices).

    >>> check_difference_decomposition().verdict.name
    'HOLDS'
    """
    new = flow_12_L2(W1, W2, S0 + BT, SXY)
    old = flow_12_L2(W10, W20, S0, SXY)
    back = {W1: W10 + E1, W2: W20 + E2}
    for i in range(2):
        res = _identity_result((new[i] - old[i] - sp.MatAdd(*terms[i])).xreplace(back),
                               "SymPy matrix expressions (symbolic d, r, p)", f"dE_{i + 1}/dt - sum of terms",
                               "")
        if res.verdict is not Verdict.HOLDS:
            return res
    return CheckResult(Verdict.HOLDS, Evidence(
        "SymPy matrix expressions (symbolic d, r, p): F(W; S0 + Bt) - F(W0; S0) - terms = 0 after "
        "W_i = W_i^0 + E_i", precision="exact", residual="0", scope="general"))


def lipschitz_constants(terms: Sequence[Sequence[sp.MatrixExpr]] = DIFFERENCE_TERMS,
                        rho: sp.Expr = _RHO, s: sp.Expr = S_XY,
                        lam_max: sp.Expr = LAM_MAX) -> tuple[sp.Expr, sp.Expr]:
    r"""(K, M) read off the decomposition: each term is bounded by the product of the spectral-norm bounds
    of its factors (:math:`\|\Sigma_{xy}\|_2 \le s`, :math:`\|\Sigma_x^0\|_2 = \lambda_{\max}`,
    :math:`\|UBU^\top\|_2 \le \epsilon`, :math:`\|W_i\|_2, \|W_i^0\|_2 \le \rho`) times the Frobenius norm of
    its E factor; K is the larger total coefficient of :math:`\|E_1\|_F`, :math:`\|E_2\|_F`, and
    :math:`\epsilon M` the total of the terms without E.

    >>> lipschitz_constants()
    (3*lambda_max*rho**2 + s, 2*rho**3)
    """
    eps = sp.Symbol("epsilon", positive=True)
    norm = {SXY: s, S0: lam_max, BT: eps, W1: rho, W2: rho, W10: rho, W20: rho}
    coeff = {E1: sp.Integer(0), E2: sp.Integer(0)}
    forcing = sp.Integer(0)
    for term in itertools.chain(*terms):
        _, mat = term.as_coeff_mmul()
        factors = [f.T if isinstance(f, sp.Transpose) else f for f in mat.args] if isinstance(
            mat, sp.MatMul) else [mat.T if isinstance(mat, sp.Transpose) else mat]
        es = [f for f in factors if f in coeff]
        bound = sp.Mul(*[norm[f] for f in factors if f not in coeff])
        if len(es) > 1:
            raise ValueError(f"term {term} is not linear in E")
        if es:
            coeff[es[0]] += bound
        else:
            if not bound.has(eps):
                raise ValueError(f"term {term} has neither E nor B: not a perturbation term")
            forcing += bound
    K = coeff[E1] if sp.simplify(coeff[E1] - coeff[E2]) == 0 else sp.Max(coeff[E1], coeff[E2])
    return K, forcing / eps


def check_lipschitz(K: Fraction, lam_max: Fraction, s: Fraction, rho: Fraction) -> CheckResult:
    r"""Judge a proposed K for step 5 at numbers: HOLDS if K is at least the computed one, FAILS with an
    exact 1 x 1 counterexample (eps = 0, :math:`|W_i| \le \rho`) where
    :math:`|\dot E_1| + |\dot E_2| > K|E_1|`, INCONCLUSIVE otherwise.

    >>> from fractions import Fraction as F
    >>> check_lipschitz(F(1), F(1), F(1), F(2)).verdict.name
    'FAILS'
    """
    Kc, _ = lipschitz_constants(rho=sp.Rational(rho), s=sp.Rational(s), lam_max=sp.Rational(lam_max))
    if sp.Rational(K) >= Kc:
        return CheckResult(Verdict.HOLDS, Evidence("K >= the constant of the decomposition (step 5)",
                                                   precision="exact", details={"computed K": str(Kc)}))
    lam, sq, rq = sp.Rational(lam_max), sp.Rational(s), sp.Rational(rho)
    for h in (sp.Rational(1, 10**k) for k in (2, 4, 6)):
        A, Bm = sp.Matrix([[rq]]), sp.Matrix([[rq]])
        new = flow_12_L2(A, Bm, sp.Matrix([[lam]]), sp.Matrix([[sq]]))
        old = flow_12_L2(A - sp.Matrix([[h]]), Bm, sp.Matrix([[lam]]), sp.Matrix([[sq]]))
        lhs = abs(new[0][0] - old[0][0]) + abs(new[1][0] - old[1][0])
        if lhs > sp.Rational(K) * h:
            return CheckResult(Verdict.FAILS, Evidence(
                "exact rational evaluation of (12) with d = r = p = 1, eps = 0", precision="exact",
                counterexample={"Sigma_x": str(lam), "Sigma_xy": str(sq), "W_1": str(rq),
                                "W_1^0": str(rq - h), "W_2 = W_2^0": str(rq), "|dE/dt|": str(lhs),
                                "K |E|": str(sp.Rational(K) * h)}))
    return CheckResult(Verdict.INCONCLUSIVE, Evidence("exact evaluation", notes="K below the computed "
                                                      "constant, no counterexample found"))


# ---------------------------------------------------------------------------- step 6: Groenwall
def gronwall_bound(K: sp.Expr, M: sp.Expr, t: sp.Expr) -> sp.Expr:
    r"""Grönwall's bound for :math:`u(t) \le \int_0^t (Ku + M)`, u(0) = 0: :math:`(M/K)(e^{Kt} - 1)`.

    >>> gronwall_bound(1, 1, 0)
    0
    """
    return M / K * (sp.exp(K * t) - 1)


def check_gronwall_exact(bound: Callable[[sp.Expr, sp.Expr, sp.Expr], sp.Expr] = gronwall_bound
                         ) -> CheckResult:
    r"""Step 6: ``bound(K, M, t)`` solves the comparison equation :math:`v' = Kv + M`, v(0) = 0, exactly
    (K, M > 0 symbolic), the tight case of Grönwall's lemma; the lemma (u continuous,
    :math:`u \le \int_0^t(Ku + M)` implies :math:`u \le v`) is [Gronwall 1919], tested in the suite.

    >>> check_gronwall_exact().verdict.name
    'HOLDS'
    """
    K, M, t = sp.symbols("K M t", positive=True)
    v = bound(K, M, t)
    ode, init = sp.simplify(sp.diff(v, t) - K * v - M), sp.simplify(v.subs(t, 0))
    if ode == 0 and init == 0:
        return CheckResult(Verdict.HOLDS, Evidence(
            "SymPy: v' - K v - M = 0 and v(0) = 0 for symbolic K, M > 0", precision="exact", residual="0",
            scope="general"))
    pt = {K: 1, M: 1, t: 1}
    val = (sp.diff(v, t) - K * v - M).subs(pt) if ode != 0 else init
    return CheckResult(Verdict.FAILS, Evidence("SymPy, exact evaluation", precision="exact",
                                               counterexample={"K": 1, "M": 1, "t": 1, "residual": str(val)}))


# ---------------------------------------------------------------------------- step 7: the exponent c
def exponent_c(m: sp.Expr, K: sp.Expr) -> sp.Expr:
    r"""A c with :math:`m(e^{Kt} - 1) \le e^{ct^2}` for all :math:`t \ge 0`: the maximum of
    :math:`\varphi(t) = (\ln m + Kt)/t^2` on :math:`t \ge t_0 = \ln(1 + 1/m)/K` (where the left side
    reaches 1), attained at :math:`t^* = \max(t_0, -2\ln m/K)`.

    >>> exponent_c(sp.Integer(1), sp.log(2))  # m = 1: t0 = 1, c = ln 2
    log(2)
    """
    a = sp.log(m)
    t0 = sp.log(1 + 1 / m) / K
    symbolic = bool(t0.free_symbols)  # comparing large symbolic arguments is slow and undecided
    tstar = sp.Max(t0, -2 * a / K, evaluate=not symbolic)
    return (a + K * tstar) / tstar**2


def check_exponent_c(c_of: Callable[[sp.Expr, sp.Expr], sp.Expr] = exponent_c) -> CheckResult:
    r"""Step 7 for all m, K > 0.  The steps, each checked symbolically: :math:`m(e^{Kt_0} - 1) = 1` and the
    left side increases (so it is <= 1 <= e^{ct^2} on [0, t_0]); for :math:`t \ge t_0`,
    :math:`\ln(m(e^{Kt}-1)) < \ln m + Kt = t^2\varphi(t)` with :math:`\varphi'(t) = -(Kt + 2\ln m)/t^3`
    (one sign change, at :math:`-2\ln m/K`), so :math:`\varphi \le \varphi(t^*)` on :math:`[t_0, \infty)`;
    ``c_of(m, K)`` must equal :math:`\varphi(t^*)` (SymPy) -- otherwise it is refuted at
    :math:`t^*` by an Arb enclosure when it is smaller, at sample m, K.

    >>> check_exponent_c().verdict.name
    'HOLDS'
    """
    m, K, t = sp.symbols("m K t", positive=True)
    a = sp.log(m)
    t0 = sp.log(1 + 1 / m) / K
    phi = (a + K * t) / t**2
    steps = {
        "m (e^{K t0} - 1) - 1": sp.simplify(m * (sp.exp(K * t0) - 1) - 1),
        "phi'(t) + (K t + 2 ln m)/t^3": sp.simplify(sp.diff(phi, t) + (K * t + 2 * a) / t**3),
    }
    if not (sp.diff(m * (sp.exp(K * t) - 1), t).is_positive and all(v == 0 for v in steps.values())):
        return CheckResult(Verdict.INCONCLUSIVE, Evidence("SymPy", notes=f"a step did not reduce: {steps}"))
    tstar = sp.Max(t0, -2 * a / K, evaluate=False)
    diff = sp.simplify(c_of(m, K) - phi.subs(t, tstar))
    method = ("SymPy: m(e^{K t0} - 1) = 1, d/dt m(e^{Kt} - 1) > 0, phi' = -(Kt + 2 ln m)/t^3 "
              "(max of phi on [t0, oo) at t* = max(t0, -2 ln m/K)); c(m, K) = phi(t*)")
    if diff == 0:
        return CheckResult(Verdict.HOLDS, Evidence(method, precision="exact", residual="0", scope="general",
                                                   details={"c(m, K)": str(c_of(m, K))}))
    import flint

    for mv, kv in itertools.product((sp.Rational(1, 4), sp.Integer(1), sp.Integer(3)), (sp.Integer(1), 5)):
        ts = sp.Max(*(x.subs({m: mv, K: kv}) for x in tstar.args))
        with flint.ctx.workprec(128):
            tv = flint.arb(str(sp.N(ts, 40)))
            cv = flint.arb(str(sp.N(c_of(mv, kv), 40)))
            lhs = flint.arb(flint.fmpq(int(mv.p), int(mv.q))) * ((flint.arb(int(kv)) * tv).exp() - 1)
            if lhs > (cv * tv * tv).exp():
                return CheckResult(Verdict.FAILS, Evidence(
                    method + "; Arb at t* (128 bits)", precision="arb 128 bits",
                    counterexample={"m": str(mv), "K": str(kv), "t": str(sp.N(ts, 12)),
                                    "m(e^{Kt}-1)": lhs.str(8), "e^{ct^2}": (cv * tv * tv).exp().str(8)}))
    return CheckResult(Verdict.INCONCLUSIVE, Evidence(method,
                                                      notes=f"c(m, K) - phi(t*) = {diff} not decided"))


# ---------------------------------------------------------------------------- assembly
@dataclass(frozen=True)
class PerturbationConstants:
    r"""The constants of :math:`\|W_i^\epsilon(t)\|_F \le \epsilon m(e^{Kt}-1) \le \epsilon e^{ct^2}`."""

    rho: sp.Expr
    K: sp.Expr
    M: sp.Expr
    m: sp.Expr
    c: sp.Expr

    def at(self, values: Mapping[sp.Symbol, object]) -> dict[str, sp.Expr]:
        """The constants at given parameter values."""
        return {k: getattr(self, k).subs(values) for k in ("rho", "K", "M", "m", "c")}


def perturbation_constants(mu: sp.Expr = LAM_MIN - EPS0, Lam: sp.Expr = LAM_MAX + EPS0,
                           s: sp.Expr = S_XY, n: sp.Expr = N_DIAG, lam_max: sp.Expr = LAM_MAX,
                           kappa: sp.Expr = sp.S.One,
                           radius: Callable[..., sp.Expr] | None = None) -> PerturbationConstants:
    r"""rho, K, M, m = M/K and c; by default the uniform ones (mu = lambda_min - eps_0, Lambda =
    lambda_max + eps_0, kappa = 1: Q orthogonal).  For one instance pass mu <= min(lambda_min, smallest
    positive eigenvalue of Sigma_x) and Lambda >= lambda_max + eps; for Q invertible, kappa =
    :data:`KAPPA_Q`.  ``radius`` (default :func:`a_priori_radius`) is the radius under test.

    >>> sorted(map(str, perturbation_constants().c.free_symbols))
    ['epsilon_0', 'lambda_max', 'lambda_min', 'n', 's']
    """
    radius = a_priori_radius if radius is None else radius
    rho = radius(mu, Lam, s, n, kappa)
    K, M = lipschitz_constants(rho=rho, s=s, lam_max=lam_max)
    m = M / K
    return PerturbationConstants(rho=rho, K=K, M=M, m=m, c=exponent_c(m, K))


def _monotone_radius(radius: Callable[..., sp.Expr]) -> bool:
    """rho decreases in mu and increases in Lambda and kappa (so the eps = 0 radius is below the uniform
    one, and kappa may be replaced by an upper bound)."""
    rho = sp.sympify(radius(_MU, _LAM, _SS, _NN, _KQ))
    return bool(sp.diff(rho, _MU).is_nonpositive and sp.diff(rho, _LAM).is_nonnegative
                and sp.diff(rho, _KQ).is_nonnegative)


def inactive_branch_gap(t: sp.Expr = sp.S.One, delta: sp.Expr = sp.S.One,
                        lam: sp.Expr = sp.S.One) -> sp.Expr:
    r"""The factor entry :math:`\sqrt{w}` of the true inactive mode minus that of the printed second
    branch of (16), :math:`e^{-2\delta}/(1 + 2e^{-\delta}\lambda t)`: nonzero, so :math:`W - (15)` is not
    0 at :math:`\epsilon = 0` when :math:`r_{xy} < r_x` unless (16) is corrected (eq16.inactive).  The
    true mode solves (12) with 1 x 1 factors :math:`a = b = \sqrt w`, :math:`\sigma = 0` (dsolve).

    >>> round(float(inactive_branch_gap()), 3)
    0.047
    """
    tt, lm, dl = sp.Symbol("t", nonnegative=True), sp.Symbol("lambda", positive=True), sp.Symbol("delta")
    w = sp.Function("w")
    a = sp.sqrt(w(tt))
    F1, F2 = flow_12_L2(sp.Matrix([[a]]), sp.Matrix([[a]]), sp.Matrix([[lm]]), sp.Matrix([[0]]))
    ode = sp.Eq(w(tt).diff(tt), sp.expand(F1[0] * a + a * F2[0]))
    true = sp.dsolve(ode, w(tt), ics={w(0): sp.exp(-2 * dl)}).rhs
    printed = sp.exp(-2 * dl) / (1 + 2 * sp.exp(-dl) * lm * tt)  # eq. (16), second branch, as printed
    at = {tt: t, dl: delta, lm: lam}
    return sp.sqrt(true.subs(at)) - sp.sqrt(printed.subs(at))


#: facts the proof uses that are proved by hand (not machine-checked); tested in the suite
HAND_FACTS: dict[str, str] = {
    "H1 initial factors": "||W_1(0)||_2 <= e^{-delta_min} ||Q||_2, ||W_2(0)||_2 <= e^{-delta_min} ||Q^-1||_2 "
                          "(U, V orthogonal, singular values e^{-delta_i}); both <= 1 for Q orthogonal, "
                          "delta_i >= 0",
    "H2 ||S||_2 <= kappa": "S = S(0) = W_1a(0)^T W_1a(0) - W_2(0) W_2(0)^T is a difference of two PSD "
                           "matrices of norms <= kappa (H1): v^T S v in [-kappa, kappa] for unit v, S "
                           "symmetric",
    "H3 ||P W_1(0)||_2 <= sqrt(kappa)": "||P||_2 <= 1 and H1",
    "H4 ||W(0)||_F <= sqrt(n)": "W(0) = U diag(e^{-2 delta_i}) V^T for any invertible Q (Q Q^-1 = I): "
                                "||W(0)||_F^2 = sum of n terms e^{-4 delta_i} <= n",
    "H5 ||W*||_F <= s/mu": "W* = Sigma_x^+ Sigma_xy solves Sigma_x W* = Sigma_xy (range Sigma_xy within "
                           "range Sigma_x), (I-P) W* = W*, ||Sigma_x^+||_2 <= 1/mu and F3",
    "H6 Rayleigh": "mu ||(I-P)X||_F^2 <= tr X^T Sigma_x X <= Lambda ||(I-P)X||_F^2 (spectral theorem, "
                   "Sigma_x P = 0)",
    "H7 norms": "triangle inequality; ||(I-P)X||_F <= ||X||_F, ||E||_2 <= ||E||_F; ||Sigma_xy||_2 <= s, "
                "||Sigma_x^0||_2 = lambda_max, ||U B U^T||_2 = ||B||_2 <= eps",
}

#: standard facts cited, each tested in tests/test_perturbation_proof.py (with a mutant that fails)
CITED_FACTS: dict[str, str] = {
    "F1 Weyl": "|lambda_k(Sigma_x) - lambda_k(Sigma_x^0)| <= ||B||_2 [Horn & Johnson 2013, Thm. 4.3.1]: "
               "mu >= lambda_min - eps_0, ||Sigma_x||_2 <= lambda_max + eps_0 when rank Sigma_x = r_x",
    "F2 Groenwall": "u continuous, u(t) <= int_0^t (K u + M) => u(t) <= (M/K)(e^{Kt} - 1) [Gronwall 1919]",
    "F3 ||XEY||_F <= ||X||_2 ||E||_F ||Y||_2": "[Horn & Johnson 2013, Sec. 5.6]",
    "F4 tr(AB) >= lambda_max(B) v^T A v": "A, B PSD, v a unit top eigenvector of B: tr(AB) = sum_j "
                                          "lambda_j(B) v_j^T A v_j, every term >= 0",
}

#: max(||Q||_2^2, ||Q^{-1}||_2^2), the kappa of Q invertible (>= 1; 1 for Q orthogonal)
KAPPA_Q = sp.Symbol("kappa_Q", positive=True)


def prove_thm1_perturbation(radius: Callable[..., sp.Expr] | None = None) -> CheckResult:
    r"""Judge Thm. 1's "we have c > 0 such that :math:`\|W_i^\epsilon(t)\| \le \epsilon e^{ct^2}`" on the
    whole domain :data:`DOMAIN`: every machine-checked step of the module's argument is run, the radius
    ``radius`` (default :func:`a_priori_radius`) among them; HOLDS (scope general) when all hold,
    otherwise the first failing or undecided step is named.  The evidence lists the facts proved by
    hand (:data:`HAND_FACTS`) and the standard facts cited (:data:`CITED_FACTS`).
    """
    radius = a_priori_radius if radius is None else radius
    steps: list[tuple[str, Callable[[], CheckResult]]] = [
        ("1 conservation of W_1^T W_1 - W_2 W_2^T", check_conservation),
        ("2 kernel part of W_1 constant", check_kernel_invariance),
        ("3a (12) is the gradient flow of f", check_gradient_flow),
        ("3b loss gap identity", check_loss_gap),
        ("4a split of W_1^T W_1, tr(AB) = ||(I-P)W||_F^2", check_factor_split),
        ("4b factor bound from tr(AB) (z3)", check_factor_bound),
        ("4c a priori radius: scalar lemmas (z3), composition vs the radius", lambda: check_a_priori_radius(
            radius)),
        ("5 difference decomposition", check_difference_decomposition),
        ("6 Groenwall comparison solution", check_gronwall_exact),
        ("7 m(e^{Kt} - 1) <= e^{ct^2}", check_exponent_c),
    ]
    done: dict[str, str] = {}
    for name, step in steps:
        r = step()
        done[name] = r.verdict.name
        if r.verdict is not Verdict.HOLDS:
            verdict = Verdict.FAILS if r.verdict is Verdict.FAILS and r.evidence.counterexample else None
            return CheckResult(Verdict.INCONCLUSIVE, Evidence(
                "the proof of the module symdln.checks.perturbation_proof, step by step",
                details={"steps": done, "failing step": r.evidence.to_dict()},
                notes=f"step '{name}' not proved ({r.verdict.label})"
                      + ("; that step is refuted, so the argument breaks there" if verdict else "")))
    if not _monotone_radius(radius):
        return CheckResult(Verdict.INCONCLUSIVE, Evidence("SymPy", notes="monotonicity of rho undecided"))
    const = perturbation_constants(radius=radius)
    allowed = {LAM_MIN, LAM_MAX, EPS0, S_XY, N_DIAG}
    if not const.c.free_symbols <= allowed:  # pragma: no cover - the formulas above fix them
        return CheckResult(Verdict.INCONCLUSIVE, Evidence("SymPy", notes="c depends on more parameters"))
    c_q = perturbation_constants(kappa=KAPPA_Q, radius=radius).c
    return CheckResult(Verdict.HOLDS, Evidence(
        method=f"proof in {len(steps)} machine-checked steps (SymPy symbolic matrices of any shape, z3, "
               "SymPy calculus) resting on the facts proved by hand H1-H7 and the standard facts F1-F4 (both "
               "listed, tested in the suite): a priori bound ||W_i(t)||_2 <= rho for all t (conservation, "
               "kernel invariance, loss decrease, scalar lemmas composed), ||E'|| <= K||E|| + eps M (exact "
               "decomposition), Groenwall, then m(e^{Kt} - 1) <= e^{ct^2}",
        precision="exact",
        parameters={"domain": DOMAIN},
        proof="symdln/checks/perturbation_proof.py",
        details={"steps": done,
                 "rho (mu = lambda_min - epsilon_0, Lambda = lambda_max + epsilon_0)":
                     str(radius(_MU, _LAM, S_XY, N_DIAG, sp.S.One)),
                 "K, M": [str(x) for x in lipschitz_constants()], "m": "M/K",
                 "c": "phi(t*) = (ln m + K t*)/t*^2, t* = max(ln(1 + 1/m)/K, -2 ln m/K)",
                 "c depends on": sorted(str(x) for x in const.c.free_symbols),
                 "c does not depend on": "delta_i >= 0, eps <= eps_0, B, U, V, t, and Q among the "
                                         "orthogonal matrices",
                 "Q invertible (W^0 the true eps = 0 solution)":
                     "the same proof with kappa = e^{-2 delta_min} max(||Q||_2^2, ||Q^-1||_2^2) <= kappa_Q "
                     "(H1-H3); c then depends on " + ", ".join(sorted(str(x) for x in c_q.free_symbols)),
                 "facts proved by hand": HAND_FACTS,
                 "standard facts cited": CITED_FACTS,
                 "W^0": "the true eps = 0 solution of (12) from the same point; it is (15)-(16) only after "
                        "the corrections of thm1.form (Q orthogonal) and eq16.inactive (inactive branch of "
                        "(16))",
                 "printed inactive branch of (16), factor entry gap at t = delta = lambda = 1":
                     str(sp.N(inactive_branch_gap(), 6)),
                 "norm": "Frobenius for W_i^eps (hence also spectral, ||.||_2 <= ||.||_F)",
                 "bound": "||W_1^eps(t)||_F + ||W_2^eps(t)||_F <= eps (M/K)(e^{Kt} - 1) <= eps e^{ct^2}"},
        notes="W^0 is the true eps = 0 solution: (15)-(16) after both the thm1.form correction (Q "
              "orthogonal) and the eq16.inactive correction; with the printed inactive branch W - (15) "
              "!= 0 whenever r_xy < r_x, even at eps = 0, and with Q merely invertible (as printed) (15) is "
              "not the eps = 0 solution and the constants depend on ||Q||_2 and ||Q^-1||_2 (kappa_Q).  "
              "Uniform c under rank Sigma_x = r_x and eps <= eps_0 < lambda_min (F1 Weyl); for any other "
              "instance of the domain the same formulas with mu = the smallest positive eigenvalue of "
              "Sigma_x (and of D_x) and Lambda = lambda_max + eps give a c for that instance",
        scope="general"))
