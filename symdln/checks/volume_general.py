r"""Paper 2's volume forms for every d: the chart and the metric are block diagonal, so the density is a
product over singular values and pairs of them, and a formula written as such a product is compared
with it factor by factor.

Contents
--------
* the symbols of a formula for every d: :data:`sigma` (an indexed positive symbol, ordered
  sigma[1] > ... > sigma[d] > 0), :data:`d`, :data:`N`; the notes' formulas written with them
  (:data:`JACOBIAN`, :data:`VOLUME_FINITE`, :data:`VOLUME_INFINITY`);
* :func:`unroll` (a formula at a concrete d, its products and sums written out) and :class:`AtDepth`
  (the formula as a function of the list of singular values, as the checks at given d call it);
* :func:`product_form`: the formula read as :math:`c(d, N)\prod_i f(\sigma_i)\prod_{i<l}g(\sigma_i,
  \sigma_l)`, or the reason it is not one;
* :func:`chart_lemmas` (every d, matrix expressions of symbolic size) and :func:`factor_truth`: the
  density factor by factor, computed from the chart and the metric operator, not from a printed
  formula;
* :func:`judge_general`: the comparison for every d (and N), or a certified witness at a concrete d.

The argument (notes, "Volume form"; Thm. 1.1 and Lemma 2.7 as quoted).  With :math:`W = U\Sigma V^\top`,
:math:`dU = U\Omega^U`, :math:`dV = V\Omega^V` (:math:`\Omega` skew), :math:`X = U^\top dW V =
\Omega^U\Sigma + d\Sigma - \Sigma\Omega^V`, so :math:`X_{aa} = d\sigma_a` and, for a < b,
:math:`(X_{ab}, X_{ba})` depends on :math:`(\omega^U_{ab}, \omega^V_{ab})` alone through a 2 x 2 block;
:math:`\mathrm{vec}(W) = (V\otimes U)\mathrm{vec}(X)` with :math:`V\otimes U` orthogonal.  Hence
:math:`|\det J| = \prod_{a<b}|\det B_{ab}|` for every d.  The metric operator is diagonal in the
orthonormal basis :math:`UE_{ab}V^\top` (p2.metric.eigen, every d and N), so
:math:`\sqrt{\det g} = |\det J|/\sqrt{\det A} = \prod_a\lambda_{aa}^{-1/2}\prod_{a<b}
|\det B_{ab}|/\sqrt{\lambda_{ab}\lambda_{ba}}`: a product over singletons and pairs for every d.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import combinations
from typing import Any

import sympy as sp
from sympy.matrices.expressions.kronecker import KroneckerProduct, combine_kronecker

from symdln.certify.balls import certified_sign
from symdln.checks._identity import enclosable
from symdln.checks.geometry import _n, _orthogonal_rewrite, general_lemmas

__all__ = [
    "JACOBIAN",
    "VOLUME_FINITE",
    "VOLUME_INFINITY",
    "AtDepth",
    "FactorTruth",
    "General",
    "N",
    "ProductForm",
    "chart_lemmas",
    "d",
    "factor_truth",
    "factors_positive",
    "judge_general",
    "product_form",
    "sigma",
    "unroll",
]

R = sp.Rational
#: the singular values, sigma[1] > sigma[2] > ... > sigma[d] > 0
sigma = sp.IndexedBase("sigma", positive=True)
#: the size of the d x d matrices
d = sp.Symbol("d", positive=True, integer=True)
#: the depth
N = sp.Symbol("N", positive=True, integer=True)
i, l = sp.symbols("i l", positive=True, integer=True)
#: the notes' SVD Jacobian van(Sigma^2) = prod_{i<l} (sigma_i^2 - sigma_l^2)
JACOBIAN = sp.Product(sigma[i] ** 2 - sigma[l] ** 2, (l, i + 1, d), (i, 1, d))
#: Thm. 1.1 as quoted: N^{d(d-1)/2} det(Sigma^2)^{(1-N)/(2N)} van(Sigma^{2/N})
VOLUME_FINITE = (N ** (d * (d - 1) / 2) * sp.Product(sigma[i] ** 2, (i, 1, d)) ** ((1 - N) / (2 * N))
                 * sp.Product(sigma[i] ** (2 / N) - sigma[l] ** (2 / N), (l, i + 1, d), (i, 1, d)))
#: the depth-infinity volume det(Sigma^2)^{-1/2} van(log Sigma^2)
VOLUME_INFINITY = (sp.Product(sigma[i] ** 2, (i, 1, d)) ** R(-1, 2)
                   * sp.Product(sp.log(sigma[i] ** 2) - sp.log(sigma[l] ** 2), (l, i + 1, d), (i, 1, d)))

#: a singular value x, and a pair a > b of them, in the factors of a product form
X, A, B = sp.symbols("x a b", positive=True)
#: parameters of the factors: P > 0 for a singular value, b_ > 0 and the gap t_ > 0 for a pair
P, Pb, Pt = sp.symbols("p b_ t_", positive=True)


# ---------------------------------------------------------------- a formula at a concrete d
def _normalise(expr: sp.Basic) -> sp.Basic:
    """The symbols named d, N and the indexed symbol named sigma replaced by this module's (any
    assumptions a user gave them): d, N, sigma mean these."""
    own = {"d": d, "N": N}
    rep: dict[sp.Basic, sp.Basic] = {s: own[s.name] for s in expr.atoms(sp.Symbol)
                                     if s.name in own and s != own[s.name]}
    rep |= {b: sigma for b in expr.atoms(sp.IndexedBase) if str(b.label) == "sigma" and b != sigma}
    return expr.xreplace(rep) if rep else expr


def _unroll_one(e: sp.Expr) -> sp.Expr | None:
    """One product or sum of ``e`` whose outermost limits are integers, written out (Karr's
    convention for an empty range: upper = lower - 1 gives the empty product or sum); None if none."""
    for node in sp.preorder_traversal(e):
        if isinstance(node, (sp.Product, sp.Sum)) and all(x.is_Integer for x in node.limits[-1][1:]):
            v, lo, hi = node.limits[-1]
            inner = node.limits[:-1]
            body = type(node)(node.function, *inner) if inner else node.function
            if hi < lo - 1:  # Karr: prod_{lo}^{hi} = 1 / prod_{hi+1}^{lo-1}
                flipped = type(node)(node.function, *inner, (v, hi + 1, lo - 1))
                value = 1 / flipped if isinstance(node, sp.Product) else -flipped
            else:
                terms = [body.subs(v, k) for k in range(int(lo), int(hi) + 1)]
                value = sp.Mul(*terms) if isinstance(node, sp.Product) else sp.Add(*terms)
            return e.xreplace({node: value})
    return None


def unroll(expr: sp.Expr, k: int) -> sp.Expr:
    r"""``expr`` at d = k: every product and sum written out, outermost limits first.

    >>> unroll(JACOBIAN, 3)
    (sigma[1]**2 - sigma[2]**2)*(sigma[1]**2 - sigma[3]**2)*(sigma[2]**2 - sigma[3]**2)
    """
    e = _normalise(sp.sympify(expr)).subs(d, k)
    while (nxt := _unroll_one(e)) is not None:
        e = nxt
    return e.doit()


@dataclass(frozen=True)
class AtDepth:
    """A formula in :data:`sigma`, :data:`d` (and :data:`N`) called as the checks at given d call a
    formula: ``f(sigmas)`` or ``f(sigmas, N)``, sigma[k] the k-th singular value, largest first.

    >>> AtDepth(JACOBIAN)([3, 2, 1])
    120
    """

    expr: sp.Expr

    def __call__(self, sigmas: Sequence[Any], depth: Any = None) -> sp.Expr:
        e = unroll(self.expr, len(sigmas))
        if depth is not None:
            e = e.subs(N, depth)
        return e.subs({sigma[k + 1]: s for k, s in enumerate(sigmas)})


# ---------------------------------------------------------------- reading a product form
@dataclass(frozen=True)
class ProductForm:
    r""":math:`c(d, N)\prod_{k=1}^d f(\sigma_k)\prod_{k<m}g(\sigma_k, \sigma_m)`: ``const`` c in d, N;
    ``single`` f in :data:`X`; ``pair`` g in :data:`A` (the larger) and :data:`B`."""

    const: sp.Expr
    single: sp.Expr
    pair: sp.Expr

    def at(self, k: int) -> sp.Expr:
        """The product at d = k, in sigma[1..k]."""
        s = [sigma[m] for m in range(1, k + 1)]
        f, g = self.single.subs(d, k), self.pair.subs(d, k)
        return (self.const.subs(d, k) * sp.Mul(*[f.subs(X, x) for x in s])
                * sp.Mul(*[g.subs({A: a, B: b}, simultaneous=True) for a, b in combinations(s, 2)]))


def _classify(prod: sp.Product) -> tuple[str, sp.Expr] | str:
    """("single", f(x)) for prod_{v=1}^d f(sigma[v]); ("pair", g(a, b)) for a product over the pairs
    v < w (prod_{v=1}^{d or d-1} prod_{w=v+1}^d, or prod_{w=1 or 2}^d prod_{v=1}^{w-1}) of
    g(sigma[v], sigma[w]); else the reason."""
    body, limits = prod.function, list(prod.limits)
    while isinstance(body, sp.Product):  # nested products: the inner limits come first
        limits, body = list(body.limits) + limits, body.function
    if len(limits) == 1:
        v, lo, hi = limits[0]
        if lo != 1 or hi != d:
            return f"the product over {v} runs from {lo} to {hi}, not from 1 to d"
        f = body.xreplace({sigma[v]: X})
        if v in f.free_symbols or f.has(sigma):
            return f"the factor {body} of the product over {v} is not a function of sigma[{v}]"
        return "single", f
    if len(limits) == 2:
        (q, qlo, qhi), (p, plo, phi) = limits
        if qlo == p + 1 and qhi == d and plo == 1 and phi in (d, d - 1):
            first, second = p, q
        elif qlo == 1 and qhi == p - 1 and plo in (1, 2) and phi == d:
            first, second = q, p
        else:
            return f"the double product over {p}, {q} is not a product over the pairs of indices"
        g = body.xreplace({sigma[first]: A, sigma[second]: B})
        if {p, q} & g.free_symbols or g.has(sigma):
            return (f"the factor {body} of the double product is not a function of sigma[{first}], "
                    f"sigma[{second}]")
        return "pair", g
    return f"a product over {len(limits)} indices"


def _nonnegative(kind: str, f: sp.Expr) -> bool:
    """f >= 0 on the ordered domain, by SymPy's assumptions (a pair at a = b + t, t > 0)."""
    g = f if kind == "single" else f.subs(A, B + Pt)
    return bool(g.is_nonnegative)


def product_form(expr: sp.Basic, allowed: Iterable[sp.Symbol]) -> ProductForm | str:
    r"""``expr`` read as a :class:`ProductForm`, or the reason it is not one.  A factor free of sigma
    is constant (a function of the ``allowed`` symbols); a product over the indices raised to a power
    free of sigma is the product of the powers when the power is an integer or the factor is
    nonnegative on the ordered domain (SymPy's assumptions).

    >>> product_form(VOLUME_INFINITY, [d])
    ProductForm(const=1, single=1/x, pair=log(a**2) - log(b**2))
    >>> product_form(JACOBIAN + 1, [d])
    'the formula is not a product: a sum'
    """
    if not isinstance(expr, sp.Expr):
        return "the formula is not an expression"
    e = _normalise(expr)
    unknown = sorted(str(s) for s in e.free_symbols if isinstance(s, sp.Symbol)
                     and s not in set(allowed) and s != sigma.label)
    if unknown:
        return f"unknown symbols {unknown}"
    const: list[sp.Expr] = []
    single: list[sp.Expr] = []
    pair: list[sp.Expr] = []
    for f in sp.Mul.make_args(sp.expand_power_base(e)):
        if not f.has(sigma):
            const.append(f)
            continue
        prod, ex = (f.base, f.exp) if f.is_Pow else (f, sp.Integer(1))
        if not isinstance(prod, sp.Product) or ex.has(sigma):
            return "the formula is not a product: " + ("a sum" if f.is_Add else
                                                      f"the factor {f} is not a product over the indices")
        got = _classify(prod)
        if isinstance(got, str):
            return got
        kind, body = got
        if ex != 1:
            if not (ex.is_integer or _nonnegative(kind, body)):
                return f"the power {ex} of a product of {body}, whose sign SymPy does not know"
            body = body**ex
        (single if kind == "single" else pair).append(body)
    return ProductForm(sp.Mul(*const), sp.Mul(*single), sp.Mul(*pair))


def _same(a: sp.Expr, b: sp.Expr) -> bool:
    """a = b as expressions in positive symbols (the ratio powsimp-ed, else simplified, to 1)."""
    if a == b:
        return True
    q = a / b
    return bool(sp.powsimp(sp.expand_power_base(q)) == 1 or sp.simplify(q) == 1 or sp.simplify(a - b) == 0)


#: the depths at which a product form read from a formula is compared with the formula written out
FAITHFUL_DEPTHS = (1, 2, 3, 4)


def _faithful(expr: sp.Expr, form: ProductForm) -> str | None:
    """None if the product form equals the formula written out at d = 1..4 (symbolic sigma, N), else
    the reason: the reading is tested before it is used."""
    for k in FAITHFUL_DEPTHS:
        if not _same(unroll(expr, k), form.at(k)):
            return f"the product form read from the formula differs from the formula at d = {k}"
    return None


# ---------------------------------------------------------------- the truth, factor by factor
@lru_cache(maxsize=1)
def chart_lemmas() -> dict[str, bool]:
    r"""The chart for every d (SymPy matrix expressions of symbolic size):

    * ``skew``: :math:`\Omega = U^\top dU` satisfies :math:`\Omega^\top + \Omega = 0` (derivative of
      :math:`U^\top U = I`);
    * ``chart``: with :math:`dW = dU\,\Sigma V^\top + U\,d\Sigma\,V^\top + U\Sigma\,dV^\top` (product
      rule), :math:`U^\top dW\,V = \Omega^U\Sigma + d\Sigma - \Sigma\Omega^V`;
    * ``isometry``: :math:`(V\otimes U)^\top(V\otimes U) = I` (vec(U X V^T) = (V kron U) vec X:
      |det| = 1, and U E_ab V^T is an orthonormal basis);
    * ``entries``: :math:`(\mathrm{diag}(r)M\mathrm{diag}(s))_{ab} = r_aM_{ab}s_b` for every d, a, b
      (:func:`symdln.checks.geometry.general_lemmas`).

    >>> all(chart_lemmas().values())
    True
    """
    names = ("U", "V", "Sigma", "dSigma", "Omega_U", "Omega_V")
    U, V, S, dS, OU, OV = (sp.MatrixSymbol(k, _n, _n) for k in names)
    out = {"skew": _orthogonal_rewrite((U * OU).T * U + U.T * (U * OU), [U]) == OU.T + OU}
    dW = (U * OU) * S * V.T + U * dS * V.T + U * S * (V * OV).T
    X_ = _orthogonal_rewrite(sp.expand(U.T * dW * V), [U, V]).subs(OV.T, -OV)
    out["chart"] = sp.expand(X_ - (OU * S + dS - S * OV)).doit() == sp.ZeroMatrix(_n, _n)
    K = KroneckerProduct(V, U)
    gram = combine_kronecker(K.T * K).subs({V.T * V: sp.Identity(_n), U.T * U: sp.Identity(_n)}).doit()
    out["isometry"] = gram == sp.Identity(_n**2)
    out["entries"] = general_lemmas()["entries"]
    return out


def block_determinant() -> sp.Expr:
    r"""det of the 2 x 2 block :math:`\partial(X_{ab}, X_{ba})/\partial(\omega^U_{ab}, \omega^V_{ab})`,
    a < b, from the entries of :math:`X = \Omega^U\Sigma + d\Sigma - \Sigma\Omega^V`
    (:math:`(M\mathrm{diag}(s))_{ab} = M_{ab}s_b`, :math:`\omega_{ba} = -\omega_{ab}`), in a = sigma_a,
    b = sigma_b.

    >>> block_determinant()
    -a**2 + b**2
    """
    wU, wV = sp.symbols("omega_U omega_V")

    def entry(r: sp.Expr, m: sp.Expr, s: sp.Expr) -> sp.Expr:  # (diag(r) M diag(s))_{ab}
        return r * m * s

    x_ab = entry(1, wU, B) - entry(A, wV, 1)  # the diagonal dSigma has no (a, b) entry, a != b
    x_ba = entry(1, -wU, A) - entry(B, -wV, 1)
    return sp.Matrix([[x_ab.diff(wU), x_ab.diff(wV)], [x_ba.diff(wU), x_ba.diff(wV)]]).det()


@dataclass(frozen=True)
class FactorTruth:
    r"""The density factor by factor, :math:`\prod_a t_1(\sigma_a)\prod_{a<b}t_2(\sigma_a, \sigma_b)`.

    ``single``, ``pair``: t1 in :data:`X`, t2 in :data:`A` > :data:`B`; ``x_of``: the singular value
    in the parameter :data:`P` > 0, and ``single_at`` t1 there; ``ab_of``: a > b in :data:`Pb`,
    :data:`Pt` > 0 (every a > b > 0 once), and ``pair_at`` t2 there; ``facts``: the steps checked."""

    kind: str
    single: sp.Expr
    pair: sp.Expr
    x_of: sp.Expr
    single_at: sp.Expr
    ab_of: tuple[sp.Expr, sp.Expr]
    pair_at: sp.Expr
    facts: dict[str, Any] = field(default_factory=dict)


def _summed(al: sp.Expr, be: sp.Expr) -> sp.Expr:
    r"""The eigenvalue :math:`\frac1N\sum_{j=1}^N\alpha^{N-j}\beta^{j-1}` of A_{N,W} on U E_ab V^T
    (alpha = sigma_a^{2/N}, beta = sigma_b^{2/N}), summed by SymPy for symbolic N."""
    j = sp.Symbol("j", integer=True)
    return _branch(sp.piecewise_fold(sp.summation(al ** (N - j) * be ** (j - 1), (j, 1, N)))) / N


def _branch(e: sp.Expr) -> sp.Expr:
    """The value of a Piecewise whose conditions SymPy decides (the first true one); else an error."""
    if not isinstance(e, sp.Piecewise):
        return e
    for value, cond in e.args:
        c = sp.simplify(cond)
        if c is sp.true:
            return value
        if c is not sp.false:
            break
    raise ArithmeticError(f"undecided branch condition in {e}")


def _integrated(x: sp.Expr, y: sp.Expr) -> tuple[sp.Expr, bool]:
    r"""The eigenvalue :math:`\int_0^1 x^{1-s}y^s\,ds` of A_infinity on U E_ab V^T (x = sigma_a^2), by the
    antiderivative :math:`x(y/x)^s/\log(y/x)` (x != y), checked by differentiation."""
    s = sp.Symbol("s", positive=True)
    F = x * (y / x) ** s / sp.log(y / x)
    return sp.simplify(F.subs(s, 1) - F.subs(s, 0)), sp.simplify(F.diff(s) - x ** (1 - s) * y**s) == 0


@lru_cache(maxsize=3)
def factor_truth(kind: str) -> FactorTruth:
    r"""The density of ``kind`` ("jacobian": |det J|; "finite": sqrt(det g^N); "infinity":
    sqrt(det g^inf)) factor by factor, from :func:`block_determinant` and the eigenvalues of the
    metric operator (sums and integrals evaluated here).

    >>> t = factor_truth("finite")
    >>> t.single, t.pair
    (x**((1 - N)/N), N*(a**(2/N) - b**(2/N)))
    """
    det = block_determinant()
    abs_det_pb = sp.expand(sp.Abs(det.subs({A: Pb + Pt, B: Pb})))  # |det B| at a = b + t
    abs_det = sp.expand(abs_det_pb.subs(Pt, A - B).subs(Pb, B))  # a^2 - b^2 for a > b
    facts: dict[str, Any] = {"2 x 2 block det (a > b)": str(det), "|det|": str(abs_det)}
    if kind == "jacobian":
        return FactorTruth(kind, sp.Integer(1), abs_det, P, sp.Integer(1), (Pb + Pt, Pb), abs_det_pb, facts)
    if kind == "finite":
        # sigma = p^{N/2}: p = sigma^{2/N} (increasing in sigma: the pairs a > b are p_a > p_b)
        lam_aa = sp.simplify(_summed(P, P))
        lam_ab, lam_ba = _summed(Pb + Pt, Pb), _summed(Pb, Pb + Pt)
        j = sp.Symbol("j", integer=True, positive=True)
        facts["lambda_ab = lambda_ba"] = sp.simplify(lam_ab - lam_ba) == 0
        facts["summand > 0"] = bool(((Pb + Pt) ** (N - j) * Pb ** (j - 1)).is_positive)
        facts["sigma^{2/N} increasing"] = bool(sp.diff(X ** (2 / N), X).is_positive)
        single_at = sp.simplify(1 / sp.sqrt(lam_aa))
        pair_at = sp.simplify(abs_det.subs({A: (Pb + Pt) ** (N / 2), B: Pb ** (N / 2)}) / lam_ab)
        single = sp.simplify(single_at.subs(P, X ** (2 / N)))
        pair = sp.collect(sp.expand(pair_at.subs(Pt, A ** (2 / N) - B ** (2 / N)).subs(Pb, B ** (2 / N))), N)
        return FactorTruth(kind, single, pair, P ** (N / 2), single_at, ((Pb + Pt) ** (N / 2), Pb ** (N / 2)),
                           pair_at, facts)
    if kind == "infinity":
        s = sp.Symbol("s", positive=True)
        lam_aa = sp.integrate((X**2) ** (1 - s) * (X**2) ** s, (s, 0, 1))
        (lam_ab, ok_ab) = _integrated((Pb + Pt) ** 2, Pb**2)
        (lam_ba, ok_ba) = _integrated(Pb**2, (Pb + Pt) ** 2)
        facts["antiderivative checked"] = ok_ab and ok_ba
        facts["lambda_ab = lambda_ba"] = sp.simplify(sp.expand_log(lam_ab - lam_ba)) == 0
        facts["integrand > 0"] = bool(((Pb + Pt) ** (2 - 2 * s) * Pb ** (2 * s)).is_positive)
        single = sp.simplify(1 / sp.sqrt(lam_aa))
        pair_at = sp.simplify(sp.expand_log(abs_det_pb / lam_ab))
        pair = sp.expand_log(pair_at.subs(Pt, A - B).subs(Pb, B))
        return FactorTruth(kind, single, pair, P, single.subs(X, P), (Pb + Pt, Pb), pair_at, facts)
    raise ValueError(f"unknown density {kind!r}: jacobian, finite or infinity")


def factors_positive(truth: FactorTruth) -> bool:
    """t1 > 0 and t2(a, b) > 0 for a > b > 0 (SymPy's assumptions; a pair at b_ and t_ = b_ z, z > 0):
    the density is positive, and so is its value at the other singular values near a rank drop.

    >>> all(factors_positive(factor_truth(k)) for k in ("jacobian", "finite", "infinity"))
    True
    """
    z = sp.Symbol("z", positive=True)
    pair = sp.simplify(sp.expand_log(truth.pair_at.subs(Pt, Pb * z)))
    return bool(truth.single.is_positive and pair.is_positive)


# ---------------------------------------------------------------- the comparison
def _simp(e: sp.Expr) -> sp.Expr:
    """Simplified, logarithms of products of positive factors split (sound: every symbol is positive)."""
    return sp.simplify(sp.expand_log(sp.powsimp(e)))


#: d at which a formula that is not proved for every d is compared with the block product
WITNESS_DEPTHS = (1, 2, 3, 4, 5, 6)
#: singular values of the witness points, largest first (the first k at d = k)
WITNESS_SIGMAS: tuple[tuple[sp.Rational, ...], ...] = (
    (R(3), R(2), R(1, 2), R(1, 3), R(1, 5), R(1, 7)),
    (R(7, 2), R(5, 3), R(1), R(3, 4), R(2, 5), R(1, 6)),
)
#: depths N of the witness points (finite N)
WITNESS_N = (2, 3)
#: precision cap of the Arb certificate of a witness (a difference this cannot separate from 0 is skipped)
WITNESS_MAXPREC = 512

#: why a formula given as a Python function is judged at the listed d only
WHY_CALLABLE = (
    "the formula under test is a Python function of a list of d singular values, so it is called at "
    "concrete d only (the listed d, and d = 1..6 at rational points against the block product); "
    "written as a SymPy expression in the indexed sigma with a symbolic d (symdln.checks.volume_general, "
    "e.g. JACOBIAN), a product over the singular values and their pairs is compared with the density "
    "factor by factor for every d")


@dataclass(frozen=True)
class General:
    """The outcome of :func:`judge_general`: ``proved`` for every d (``details`` the steps), else
    ``reason`` (why not) and a certified ``counterexample`` when one was found."""

    proved: bool
    reason: str | None = None
    counterexample: dict[str, Any] | None = None
    details: dict[str, Any] = field(default_factory=dict)


def block_product(truth: FactorTruth, sigmas: Sequence[sp.Expr], depth: int | None) -> sp.Expr:
    """The density at concrete singular values (largest first): prod t1 prod_{a<b} t2.

    >>> block_product(factor_truth("jacobian"), [3, 2, 1], None)
    120
    """
    t1 = truth.single if depth is None else truth.single.subs(N, depth)
    t2 = truth.pair if depth is None else truth.pair.subs(N, depth)
    return (sp.Mul(*[t1.subs(X, s) for s in sigmas])
            * sp.Mul(*[t2.subs({A: a, B: b}, simultaneous=True) for a, b in combinations(sigmas, 2)]))


def witness(formula: Callable[..., Any], truth: FactorTruth) -> dict[str, Any] | None:
    """The first point (d in :data:`WITNESS_DEPTHS`, sigma from :data:`WITNESS_SIGMAS`, N in
    :data:`WITNESS_N` for finite N) where the formula, called with the list of singular values (and N),
    is certified different from :func:`block_product` (exact, or an Arb enclosure of the difference
    excluding 0); a point where the formula raises or is not closed is not judged."""
    depths: tuple[int | None, ...] = WITNESS_N if truth.kind == "finite" else (None,)
    for k in WITNESS_DEPTHS:
        for sig in WITNESS_SIGMAS:
            for n in depths:
                s = list(sig[:k])
                try:
                    claimed = sp.sympify(formula(s) if n is None else formula(s, n))
                except Exception:  # the formula under test need not be defined at every d: not judged there
                    continue
                if not isinstance(claimed, sp.Expr) or claimed.free_symbols or claimed.has(sp.Float):
                    continue
                computed = block_product(truth, s, n)
                diff = claimed - computed
                if diff.is_Rational:
                    differ = diff != 0
                else:
                    differ = enclosable(diff) and certified_sign(diff, maxprec=WITNESS_MAXPREC) is not None
                if differ:
                    return {"d": k, **({} if n is None else {"N": n}), "sigma": tuple(s),
                            "claimed": str(claimed), "computed density (block product)": str(computed)}
    return None


def compare(form: ProductForm, truth: FactorTruth) -> tuple[dict[str, str], bool]:
    r"""Factor by factor: r1 = f/t1 (at x = x(P)) and r2 = g/t2 (at a > b, the parameters of
    ``truth``) must be free of the singular values, and :math:`c\,r_1^d\,r_2^{d(d-1)/2} = 1` for symbolic
    d (and N).  Returns the ratios and whether they prove formula = density for every d."""
    a, b = truth.ab_of
    r1 = _simp(form.single.subs(X, truth.x_of) / truth.single_at)
    r2 = _simp(form.pair.subs({A: a, B: b}, simultaneous=True) / truth.pair_at)
    shown = {"single factor / t1": str(r1), "pair factor / t2": str(r2)}
    if (r1.free_symbols | r2.free_symbols) & {P, Pb, Pt, X, A, B}:
        return shown, False
    total = _simp(form.const * r1**d * r2 ** (d * (d - 1) / 2))
    shown["c r1^d r2^(d(d-1)/2)"] = str(total)
    return shown, total == 1


def judge_general(formula: Any, kind: str, allowed: Sequence[sp.Symbol]) -> General:
    """Judge the density formula of ``kind`` (see :func:`factor_truth`) for every d: a SymPy expression
    that :func:`product_form` reads (and that the reading reproduces at d = 1..4) is compared factor by
    factor (:func:`compare`); otherwise, or when that does not prove it, the reason, and a witness
    (:func:`witness`) if one is certified.

    >>> judge_general(JACOBIAN, "jacobian", [d]).proved
    True
    >>> judge_general(JACOBIAN * 2 ** ((d - 1) * (d - 2) * (d - 3)), "jacobian", [d]).counterexample["d"]
    4
    """
    truth = factor_truth(kind)
    lemmas = chart_lemmas()
    if isinstance(formula, sp.Expr):
        call: Callable[..., Any] = AtDepth(formula)
        form = product_form(formula, allowed)
        reason = form if isinstance(form, str) else _faithful(formula, form)
        if reason is None and isinstance(form, ProductForm):
            ratios, proved = compare(form, truth)
            facts = {k: v for k, v in truth.facts.items() if isinstance(v, bool)}
            if proved and all(lemmas.values()) and all(facts.values()):
                return General(True, details={
                    "product form": {"c": str(form.const), "f(x)": str(form.single),
                                     "g(a, b)": str(form.pair)},
                    "density factors": {"t1(x)": str(truth.single), "t2(a, b), a > b": str(truth.pair)},
                    "ratios": ratios, "lemmas (every d)": lemmas, "steps": truth.facts})
            reason = ("the factors do not match the density's factor by factor: " +
                      "; ".join(f"{k} = {v}" for k, v in ratios.items()) +
                      " (p > 0 stands for a singular value, b_, t_ > 0 for a pair b_ + t_ > b_: "
                      "factor_truth)") if not proved else (
                f"a step of the density for every d failed: lemmas {lemmas}, steps {truth.facts}")
    else:
        call, reason = formula, WHY_CALLABLE
    return General(False, reason=reason, counterexample=witness(call, truth))
