r"""Paper 2: the orbit volume ("entropy") of the balanced manifold over an end-to-end matrix.

Source: the notes (``dln-geometry-notes.md``) say that Menon and Yu (arXiv 2509.09088) give "an
entropy / orbit-volume formula in terms of van(Sigma^2) and the Vandermonde of the factors' squared
singular values", without stating it.  Derived here (proofs/paper2_balanced.py) and checked exactly:

* the fibre of :math:`\phi(W_1..W_N) = W_N\cdots W_1` over a full-rank W is the free orbit of
  :math:`O(d)^{N-1}` acting by :math:`W_j \mapsto Q_{j+1}W_jQ_j^\top` (:math:`Q_1 = Q_{N+1} = I`);
* with the Euclidean metric on the factors and the Haar measure :math:`dQ_2\cdots dQ_N` normalised
  by orthonormal coordinates :math:`\omega_{ab} = (Q^\top dQ)_{ab}`, a < b (as for dU dV in
  ``docs/paper2.md``), the fibre volume is

  .. math:: \mathrm{vol}(\phi^{-1}(W)) = \mathrm{vol}(O(d))^{N-1}\, 2^{(N-1)d(d-1)/4}
            \sqrt{\mathrm{van}(\Sigma^2)/\mathrm{van}(\Sigma^{2/N})},

  :math:`\sigma_a^{2/N}` being the factors' squared singular values; the entropy is its logarithm;
* consistency (coarea formula of the Riemannian submersion): the Euclidean volume density of the
  balanced manifold in coordinates :math:`(\Sigma, U_1, \dots, U_{N+1})` is
  :math:`N^{-d^2/2}\rho_{g^N}(\Sigma)` (the submersion metric is :math:`g^N/N`, p2.balanced.submersion)
  times the orbit density, with :math:`\rho_{g^N} = |\det J|/\sqrt{\det A_{N,W}}` computed from the SVD
  chart and the metric operator (:func:`symdln.geometry.chart_density`, as in p2.volume.finite).

A volume density is non-negative: the formula under test is compared *itself* with
:math:`\sqrt{\det\mathrm{Gram}} > 0` (and with the density the coarea identity implies), never by its
square, so a sign-flipped density fails with a counterexample.

For every d and N: the steps of the derivation are proved with symbolic sizes, indices and depths
(:func:`orbit_lemmas`, :func:`haar_lemmas`), and a density written as a :class:`PairProduct` and a
vol(O(d)) written as a :class:`SphereProduct` (the defaults) are judged against them; other formulas are
judged at the exact instances (and at d = 4, 5 against the proved values).

>>> check_balanced_entropy(density=lambda s, N: -orbit_density(s, N)).evidence.counterexample["sigma"]
(4, 1)
>>> orbit_density([sp.Integer(4), sp.Integer(1)], 2)
sqrt(10)
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache, reduce
from itertools import combinations
from typing import Any

import sympy as sp

from symdln import geometry as g
from symdln.checks._cases import IllFormedFormula, call_formula
from symdln.checks._identity import exact_fails as _fails
from symdln.checks.geometry import _rotation, closed_equal
from symdln.geometry import entropy, haar_volume, orbit_density, orbit_volume, tridiagonal_det
from symdln.verdict import CheckResult, Evidence, Verdict

__all__ = [
    "HAAR_VOLUME",
    "ORBIT_DENSITY",
    "PairProduct",
    "SphereProduct",
    "check_balanced_entropy",
    "entropy",
    "haar_lemmas",
    "haar_volume",
    "haar_volumes_computed",
    "manifold_gram",
    "orbit_density",
    "orbit_gram",
    "orbit_lemmas",
    "orbit_volume",
    "tridiagonal_det",
]

R = sp.Rational
Density = Callable[[Sequence[sp.Expr], int], sp.Expr]
NOTE = "a volume density is >= 0: the formula itself is compared with sqrt(det Gram), sign included"


@dataclass(frozen=True)
class PairProduct:
    r"""An orbit density written as a product over the pairs of singular values:
    :math:`c(d, N)\prod_{a<b} f(\sigma_a, \sigma_b, N)`, :math:`\sigma_a > \sigma_b > 0`.

    ``pair`` is f, ``constant`` is c; each takes symbols, so the density can be judged for every d and N
    (:func:`_density_general`).  Called as ``density(sigma, N)`` with an explicit list sigma it is the
    value the formula gives.

    >>> ORBIT_DENSITY([sp.Integer(4), sp.Integer(1)], 2)
    sqrt(10)
    """

    pair: Callable[[Any, Any, Any], sp.Expr]
    constant: Callable[[Any, Any], sp.Expr]

    def __call__(self, sigmas: Sequence[sp.Expr], N: Any) -> sp.Expr:
        n, d = sp.sympify(N), len(sigmas)
        pairs = [self.pair(sigmas[a], sigmas[b], n) for a, b in combinations(range(d), 2)]
        return sp.sympify(self.constant(sp.Integer(d), n)) * sp.Mul(*pairs)


@dataclass(frozen=True)
class SphereProduct:
    r"""A formula for vol(O(d)) written as the fibration gives it:
    ``components`` :math:`\times\prod_{k=1}^{d-1}` ``sphere(k)``, ``sphere(k)`` for vol(S^k); ``sphere``
    takes a symbol, so the formula can be judged for every d (:func:`_haar_general`).

    >>> HAAR_VOLUME(3)
    16*pi**2
    """

    sphere: Callable[[Any], sp.Expr]
    components: Any = 2

    def __call__(self, d: int) -> sp.Expr:
        return sp.sympify(self.components) * sp.Mul(*[self.sphere(sp.Integer(k)) for k in range(1, int(d))])


#: the orbit density derived here, :math:`2^{(N-1)d(d-1)/4}\prod_{a<b}
#: \sqrt{(\sigma_a^2 - \sigma_b^2)/(\sigma_a^{2/N} - \sigma_b^{2/N})}`
#: (= :func:`symdln.geometry.orbit_density`)
ORBIT_DENSITY = PairProduct(
    lambda x, y, N: sp.sqrt((x**2 - y**2) / (x ** (2 / N) - y ** (2 / N))),
    lambda d, N: sp.Integer(2) ** ((N - 1) * d * (d - 1) / 4))
#: vol(O(d)) = 2 prod_{k=1}^{d-1} vol(S^k), vol(S^k) = 2 pi^{(k+1)/2}/Gamma((k+1)/2)
#: (= :func:`symdln.geometry.haar_volume`)
HAAR_VOLUME = SphereProduct(
    lambda k: 2 * sp.pi ** ((k + 1) / sp.Integer(2)) / sp.gamma((k + 1) / sp.Integer(2)))


def _skew(d: int, a: int, b: int) -> sp.Matrix:
    K = sp.zeros(d, d)
    K[a, b], K[b, a] = 1, -1
    return K


def _flat(blocks: Sequence[sp.Matrix]) -> sp.Matrix:
    return sp.Matrix.vstack(*[B.reshape(B.rows * B.cols, 1) for B in blocks])


def orbit_tangents(Ws: Sequence[sp.Matrix]) -> list[sp.Matrix]:
    r"""Tangent vectors of the :math:`O(d)^{N-1}` orbit at (W_1..W_N): for k = 2..N and a < b,
    :math:`\dot W_{k-1} = KW_{k-1}`, :math:`\dot W_k = -W_kK`, :math:`K = E_{ab} - E_{ba}`."""
    N, d = len(Ws), Ws[0].rows
    out = []
    for k in range(1, N):  # Q_{k+1} in 1-based labels, between W_k and W_{k+1}
        for a, b in combinations(range(d), 2):
            K = _skew(d, a, b)
            blocks = [sp.zeros(d, d) for _ in range(N)]
            blocks[k - 1], blocks[k] = K * Ws[k - 1], -Ws[k] * K
            out.append(_flat(blocks))
    return out


def orbit_gram(Ws: Sequence[sp.Matrix]) -> sp.Matrix:
    """Gram matrix (Frobenius inner products) of :func:`orbit_tangents`."""
    T = sp.Matrix.hstack(*orbit_tangents(Ws))
    return T.T * T


def manifold_gram(a: Sequence[sp.Expr], rots: Sequence[sp.Matrix]) -> sp.Matrix:
    r"""Gram matrix of the chart :math:`(\sigma, \omega^{(1)}, \dots, \omega^{(N+1)}) \mapsto
    W_j = U_{j+1}\,\mathrm{diag}(\sigma^{1/N})\,U_j^\top` at U_j = ``rots[j-1]``, factor values ``a``."""
    N, d = len(rots) - 1, len(a)
    D = sp.diag(*a)
    cols = []
    for c in range(d):  # d/d sigma_c, with d a_c / d sigma_c = a_c^{1-N}/N
        E = sp.zeros(d, d)
        E[c, c] = a[c] ** (1 - N) / N
        cols.append(_flat([rots[j + 1] * E * rots[j].T for j in range(N)]))
    for k in range(N + 1):  # U_{k+1} -> U_{k+1} exp(t K): W_k and W_{k+1} (1-based) move
        for p, q in combinations(range(d), 2):
            K = _skew(d, p, q)
            blocks = [sp.zeros(d, d) for _ in range(N)]
            if k >= 1:
                blocks[k - 1] = rots[k] * K * D * rots[k - 1].T
            if k <= N - 1:
                blocks[k] = -rots[k + 1] * D * K * rots[k].T
            cols.append(_flat(blocks))
    J = sp.Matrix.hstack(*cols)
    return J.T * J


def _coarea_density(
    a: Sequence[sp.Expr], rots: Sequence[sp.Matrix], sig: Sequence[sp.Expr], N: int
) -> sp.Expr:
    """The orbit density the coarea identity implies at a rational balanced point,
    sqrt(det G_M) N^{d^2/2} / rho_{g^N}, with rho_{g^N} = |det J| / sqrt(det A_{N,W}) computed from the SVD
    chart and the metric operator (:func:`symdln.geometry.chart_density`), not from a printed formula."""
    d = len(a)
    U, V = rots[-1], rots[0]
    D2 = sp.diag(*[x**2 for x in a])
    rho, _ = g.chart_density(U, V, sig, N, U * D2 * U.T, V * D2 * V.T)
    return sp.sqrt(g.exact_det(manifold_gram(a, rots))) * sp.Integer(N) ** R(d * d, 2) / rho


def _judged(same: bool | None, method: str, where: dict[str, Any]) -> CheckResult:
    """FAILS (``same`` is False: certified different) or INCONCLUSIVE (undecided) at ``where``."""
    if same is False:
        return _fails(method, where, notes=NOTE)
    return CheckResult(Verdict.INCONCLUSIVE, Evidence(
        method=method, parameters=where, notes="the density against the computed value: undecided"))


#: factor singular values a (sigma = a^N) of the exact points, by d, and the depths tried
POINTS: dict[int, tuple[tuple[sp.Expr, ...], ...]] = {
    2: ((R(2), R(1)), (R(3), R(1, 2))),
    3: ((R(2), R(3, 2), R(1)),),
}
DEPTHS_ORBIT = {2: (2, 3, 4, 5), 3: (2, 3, 4)}
DEPTHS_FUBINI = {2: (2, 3, 4), 3: (2, 3)}
#: (d, N) of the symbolic computation at W_j = diag(s) (a cross-check of the block structure, which
#: :func:`orbit_lemmas` proves for every d and N)
CASES_SYMBOLIC = (*((d, N) for d in (2, 3) for N in (2, 3, 4)), (4, 2))




def _in_kernels(Ws: Sequence[sp.Matrix], tangents: Sequence[sp.Matrix]) -> bool:
    """Each orbit tangent is tangent to the balanced manifold and vertical (d phi = 0), exactly."""
    from symdln.checks.balanced import constraint_differential

    N, d = len(Ws), Ws[0].rows
    for v in tangents:
        Xs = [v[k * d * d : (k + 1) * d * d, 0].reshape(d, d) for k in range(N)]
        if any(C != sp.zeros(d, d) for C in constraint_differential(Ws, Xs)):
            return False
        dphi = sp.zeros(d, d)
        for j in range(N):
            left = reduce(lambda x, y: x * y, reversed(Ws[j + 1 :]), sp.eye(d))
            right = reduce(lambda x, y: x * y, reversed(Ws[:j]), sp.eye(d))
            dphi += left * Xs[j] * right
        if dphi != sp.zeros(d, d):
            return False
    return True


def _symbolic_blocks(d: int, N: int) -> list[str]:
    """At W_j = diag(s), symbolic s > 0: the Gram matrix is block diagonal over pairs a < b, each block
    2 T with det T = tridiagonal_det(s_a^2, s_b^2, N - 1).  Returns what failed (empty: all verified)."""
    s = sp.symbols(f"s1:{d + 1}", positive=True)
    G = orbit_gram([sp.diag(*s)] * N)
    pairs = list(combinations(range(d), 2))
    m = len(pairs)
    bad = []
    for i in range(G.rows):
        for j in range(G.cols):
            if i % m != j % m and sp.expand(G[i, j]) != 0:
                bad.append(f"G[{i},{j}] = {G[i, j]} couples two pairs")
    for p, (a, b) in enumerate(pairs):
        blk = G.extract(list(range(p, G.rows, m)), list(range(p, G.cols, m)))
        want = 2 ** (N - 1) * tridiagonal_det(s[a] ** 2, s[b] ** 2, N - 1)
        if sp.cancel(blk.det(method="berkowitz") - want) != 0:
            bad.append(f"pair {(a + 1, b + 1)}: det != 2^(N-1) (s_a^2N - s_b^2N)/(s_a^2 - s_b^2)")
    return bad


def _recursion_holds() -> bool:
    """det T_n = (x+y) det T_{n-1} - xy det T_{n-2} is solved by the closed form, symbolic n;
    and the closed form at n = N - 1 is (sigma_a^2 - sigma_b^2)/(sigma_a^{2/N} - sigma_b^{2/N})."""
    x, y = sp.symbols("x y", positive=True)
    n = sp.Symbol("n", integer=True, positive=True)
    f = tridiagonal_det
    rec = sp.simplify((x + y) * f(x, y, n - 1) - x * y * f(x, y, n - 2) - f(x, y, n)) == 0
    init = sp.cancel(f(x, y, 0)) == 1 and sp.cancel(f(x, y, 1) - (x + y)) == 0
    # x = p_a = sigma_a^{2/N}: x^N = sigma_a^2
    return rec and init and sp.simplify(f(x, y, n).subs(n, sp.Symbol("N") - 1) * (x - y)
                                        - (x ** sp.Symbol("N") - y ** sp.Symbol("N"))) == 0


#: rational points (ordered s_1 > s_2 > s_3 > 0) where the density is compared with the derived value
WITNESSES = ((R(5, 2), R(2), R(1, 3)), (R(3), R(1, 2), R(1, 5)), (R(7, 3), R(4, 3), R(2, 7)))


def _derived_gram(s: Sequence[sp.Expr], N: int) -> sp.Expr:
    """det of the orbit Gram matrix at W_j = diag(s): prod_{a<b} 2^{N-1} det T_ab
    (verified by :func:`_symbolic_blocks`)."""
    return sp.Mul(*[2 ** (N - 1) * tridiagonal_det(s[a] ** 2, s[b] ** 2, N - 1)
                    for a, b in combinations(range(len(s)), 2)])


def _symbolic_claim(density: Density) -> dict[str, Any] | None:
    """The claimed density against the derived one, sqrt of the block product at W_j = diag(s), d = 2, 3,
    N = 2..5: symbolically as squares (density^2 - det Gram cancels to 0 for symbolic s > 0), and the
    density *itself* against sqrt(det Gram) > 0 at the rational :data:`WITNESSES` (a sign-flipped density
    fails there).  Returns a certified counterexample, ``{"undecided": ...}``, or None."""
    for d in (2, 3):
        s = sp.symbols(f"s1:{d + 1}", positive=True)
        for N in (2, 3, 4, 5):
            derived = _derived_gram(s, N)
            try:
                symbolic = density([x**N for x in s], N)
            except (TypeError, IllFormedFormula):  # cannot take symbols: judged at the rational points only
                return {"undecided": f"d = {d}, N = {N}: the density does not accept symbolic sigma"}
            squares = sp.cancel(sp.together(derived - symbolic**2)) == 0
            undecided = []
            for w in WITNESSES:
                pt = dict(zip(s, w[:d], strict=True))
                sig_pt = tuple(v**N for v in w[:d])
                truth, claimed = sp.sqrt(derived.subs(pt)), density(sig_pt, N)
                same = closed_equal(claimed, truth)
                if same is False:
                    return {"d": d, "N": N, "sigma": sig_pt, "sqrt(det Gram)": str(truth),
                            "density claimed": str(claimed)}
                if same is None:
                    undecided.append(sig_pt)
            if undecided or not squares:
                why = [] if squares else ["the symbolic residual density^2 - det Gram did not cancel and no "
                                          "rational witness certified it"]
                why += [f"density - sqrt(det Gram) undecided at sigma = {undecided}"] if undecided else []
                return {"undecided": f"d = {d}, N = {N}: " + "; ".join(why)}
    return None


def _coarea_symbolic() -> bool:
    """The coarea identity as a derivation step, independent of the formula under test (d = 2, N = 2,
    ordered a = (t_1 + t_2, t_2)): det G_M N^{d^2} = (det J)^2 / det A_{N,W} * det Gram, all computed
    (the chart, the metric operator, the orbit Gram matrix); squares of positive quantities."""
    t1, t2 = sp.symbols("t1 t2", positive=True)
    a = (t1 + t2, t2)
    rots = [_rotation(2, k) for k in range(3)]
    U, V = rots[-1], rots[0]
    D2 = sp.diag(*[x**2 for x in a])
    sig = [x**2 for x in a]
    detJ = g.exact_det(g.svd_chart(U, V, sig))
    detA = g.exact_det(g.metric_matrix(U * D2 * U.T, V * D2 * V.T, U, V, 2))
    detM = g.exact_det(manifold_gram(a, rots))
    return sp.cancel(sp.together(detM * 2**4 - detJ**2 / detA * _derived_gram(a, 2))) == 0

# ---------------------------------------------------------------- vol(O(d)), computed
def _reduce_trig(e: sp.Expr, ideal: Sequence[sp.Expr], gens: Sequence[sp.Symbol]) -> sp.Expr:
    """Normal form of a polynomial in cosines and sines modulo c^2 + s^2 = 1 (one pair per angle)."""
    return sp.reduced(sp.expand(e), list(ideal), *gens)[1]


@lru_cache(maxsize=2)
def _so_volume(d: int) -> tuple[sp.Expr, sp.Expr]:
    """vol(SO(d)), d = 2, 3, from an angle chart and the metric with E_ab - E_ba (a < b) orthonormal.

    The metric on left-invariant forms is (1/2) Tr(Omega^T Omega), Omega = R^T dR.  d = 2: R(theta),
    theta in [0, 2 pi).  d = 3: ZYZ Euler angles R = R_z(alpha) R_y(beta) R_z(gamma), alpha, gamma in
    [0, 2 pi), beta in [0, pi] (a chart of SO(3) up to a null set).  The Gram determinant is reduced
    exactly modulo cos^2 + sin^2 = 1 and integrated symbolically.  Returns (volume, det of the Gram matrix).
    """
    if d == 2:
        c, s = sp.symbols("c s")
        R = sp.Matrix([[c, -s], [s, c]])
        Om = R.T * (R.diff(c) * (-s) + R.diff(s) * c)
        det = _reduce_trig((Om.T * Om).trace() / 2, [c**2 + s**2 - 1], (s, c))
        th = sp.Symbol("theta")
        return sp.integrate(sp.sqrt(det), (th, 0, 2 * sp.pi)), det
    ca, sa, cb, sb, cg, sg = sp.symbols("c_alpha s_alpha c_beta s_beta c_gamma s_gamma")

    def rz(c: sp.Expr, s: sp.Expr) -> sp.Matrix:
        return sp.Matrix([[c, -s, 0], [s, c, 0], [0, 0, 1]])

    def ry(c: sp.Expr, s: sp.Expr) -> sp.Matrix:
        return sp.Matrix([[c, 0, s], [0, 1, 0], [-s, 0, c]])

    R = rz(ca, sa) * ry(cb, sb) * rz(cg, sg)
    ideal = [ca**2 + sa**2 - 1, cb**2 + sb**2 - 1, cg**2 + sg**2 - 1]
    gens = (sa, sb, sg, ca, cb, cg)
    Om = [R.T * (R.diff(c) * (-s) + R.diff(s) * c) for c, s in ((ca, sa), (cb, sb), (cg, sg))]
    G = sp.Matrix(3, 3, lambda i, j: _reduce_trig((Om[i].T * Om[j]).trace() / 2, ideal, gens))
    det = _reduce_trig(G.det(), ideal, gens)
    if _reduce_trig(det - sb**2, ideal, gens) != 0:  # then sqrt(det g) is not |sin beta|
        return sp.nan, det
    al, be, ga = sp.symbols("alpha beta gamma")
    # sqrt(det) = |sin beta| = sin beta on [0, pi]
    return sp.integrate(sp.sin(be), (al, 0, 2 * sp.pi), (be, 0, sp.pi), (ga, 0, 2 * sp.pi)), det


def _sphere_volume(k: int) -> sp.Expr:
    """vol(S^k) of the unit sphere: 2 pi prod_{j=1}^{k-1} int_0^pi sin^j (hyperspherical coordinates)."""
    th = sp.Symbol("theta")
    return 2 * sp.pi * sp.Mul(*[sp.integrate(sp.sin(th) ** j, (th, 0, sp.pi)) for j in range(1, k)])


def haar_volumes_computed() -> dict[int, sp.Expr]:
    """vol(O(d)) = 2 vol(SO(d)) for d = 2, 3 (angle charts, :func:`_so_volume`) and d = 4 by the
    fibration SO(4) -> S^3 with fibre SO(3) (a Riemannian submersion in this metric; argued, its d = 3
    instance vol(SO(3)) = vol(S^2) vol(SO(2)) is checked in :func:`check_balanced_entropy`)."""
    so2, _ = _so_volume(2)
    so3, _ = _so_volume(3)
    return {2: 2 * so2, 3: 2 * so3, 4: 2 * so3 * _sphere_volume(3)}


def _haar_check(haar: Callable[[int], sp.Expr]) -> tuple[dict[str, Any] | None, dict[str, str]]:
    """Compare ``haar(d)`` with :func:`haar_volumes_computed` (d = 2, 3, 4): a certified counterexample
    (exact, or an Arb enclosure of the difference excluding 0), ``{"undecided": ...}``, or None; and the
    table of computed values."""
    vols = haar_volumes_computed()
    so2, _ = _so_volume(2)
    so3, det3 = _so_volume(3)
    table = {
        "det of the SO(3) Euler-angle metric": f"{det3} = sin(beta)^2",
        "vol(SO(2)), vol(SO(3)) (angle charts)": f"{so2}, {so3}",
        "vol(S^1), vol(S^2), vol(S^3) (integrals)": ", ".join(str(_sphere_volume(k)) for k in (1, 2, 3)),
        "fibration check vol(SO(3)) - vol(S^2) vol(SO(2))": str(sp.simplify(so3 - _sphere_volume(2) * so2)),
    }
    for d, v in vols.items():
        claimed = sp.sympify(haar(d))
        table[f"vol(O({d}))"] = str(v)
        same = closed_equal(claimed, v)
        if same is False:
            return {"d": d, "vol(O(d)) computed": str(v), "haar_volume(d) claimed": str(claimed)}, table
        if same is None:
            return {"undecided": f"d = {d}: haar(d) = {claimed} against vol(O(d)) = {v} undecided"}, table
    return None, table


# ---------------------------------------------------------------- the argument for every d and N
@lru_cache(maxsize=1)
def orbit_lemmas() -> dict[str, bool]:
    r"""The steps of the orbit-volume argument for every size d and depth N (noncommutative words,
    entries at symbolic indices, symbolic N):

    * ``fibre is one orbit``: with partial products :math:`P_j = W_j\cdots W_1`, balanced:
      :math:`P_j^\top P_j = U_1D^{2j}U_1^\top` (symbolic j) depends on W only (it is
      :math:`(W^\top W)^{j/N}`); if :math:`P_j'^\top P_j' = P_j^\top P_j` then
      :math:`Q_{j+1} = P_j'P_j^{-1}` is orthogonal and :math:`W_j' = Q_{j+1}W_jQ_j^\top`;
    * ``tangent entries``: at :math:`W_j = D = \mathrm{diag}(s)` the generator
      :math:`K = E_{ab} - E_{ba}` moves the factors by :math:`KD` and :math:`-DK`: the diagonal scalings
      act entry by entry, :math:`(MD)_{pq} = M_{pq}s_q`, :math:`(DM)_{pq} = s_pM_{pq}` (symbolic d, p, q),
      so they are supported on the entries
      (a, b), (b, a) with values :math:`(s_b, -s_a)`, :math:`(s_a, -s_b)` at symbolic a < b: distinct pairs
      are orthogonal;
    * ``pair block``: per pair, over the slots k = 2..N, the Gram matrix is :math:`2T` with T tridiagonal
      Toeplitz, diagonal :math:`x + y`, off-diagonal :math:`-\sqrt{xy}` (:math:`x = s_a^2, y = s_b^2`;
      slots two apart share no factor);
    * ``tridiagonal determinant``: :math:`\det T_n = (x^{n+1} - y^{n+1})/(x - y)` for symbolic n
      (:func:`_recursion_holds`).

    So :math:`\det\mathrm{Gram} = \prod_{a<b}2^{N-1}(\sigma_a^2 - \sigma_b^2)/(\sigma_a^{2/N} -
    \sigma_b^{2/N})` for every d and N.

    >>> all(orbit_lemmas().values())
    True
    """
    from symdln.checks.balanced import _d, _reduce, transpose_words, words, zero_in_range

    out: dict[str, bool] = {}
    U, Ut, V, Vt, D = words("U Ut V Vt D")
    jj = sp.Symbol("j", integer=True, positive=True)
    t = {U: Ut, Ut: U, V: Vt, Vt: V, D: D}
    Pj = U * D**jj * Vt  # P_j = U_{j+1} D^j U_1^T (telescoping)
    gram = _reduce(transpose_words(Pj, t) * Pj, [(Ut * U, 1)])
    A, At, Ai, Ait, B, Bt, C, Ct, Ci, Cit, E, Et, Ei, Eit = words(
        "A At Ai Ait B Bt C Ct Ci Cit E Et Ei Eit")  # P_j, P'_j, P_{j-1}, P'_{j-1} and inverses
    t.update({A: At, At: A, Ai: Ait, Ait: Ai, B: Bt, Bt: B, C: Ct, Ct: C, Ci: Cit, Cit: Ci, E: Et, Et: E,
              Ei: Eit, Eit: Ei})
    Q = B * Ai
    rules = [(Bt * B, At * A), (Ait * At, 1), (A * Ai, 1), (Ai * A, 1), (Ci * Cit, Ei * Eit), (Eit * Et, 1)]
    orthogonal = _reduce(transpose_words(Q, t) * Q, rules) == 1
    conjugate = _reduce(Q * (A * Ci) * transpose_words(E * Ci, t) - B * Ei, rules) == 0
    out["fibre is one orbit"] = gram == V * D ** (2 * jj) * Vt and orthogonal and conjugate
    a, k, i, l = sp.symbols("a k i l", integer=True, nonnegative=True)
    b = a + 1 + k  # every pair a < b
    sa, sb = sp.symbols("s_a s_b", positive=True)
    K = sp.Lambda((i, l), sp.KroneckerDelta(i, a) * sp.KroneckerDelta(l, b)
                  - sp.KroneckerDelta(i, b) * sp.KroneckerDelta(l, a))
    values = (K(a, b), K(b, a), K(a, a), K(b, b))
    KD, DK = sp.Matrix([values[0] * sb, values[1] * sa]), sp.Matrix([sa * values[0], sb * values[1]])
    sv, M = sp.MatrixSymbol("s", _d, 1), sp.MatrixSymbol("M", _d, _d)
    p, q = sp.symbols("p q", integer=True, nonnegative=True)
    ip, iq = _d - 1 - p, _d - 1 - q  # every pair of indices, counted from the end
    scalings = (zero_in_range((M * sp.DiagMatrix(sv))[ip, iq].doit() - M[ip, iq] * sv[iq, 0], p, q)
                and zero_in_range((sp.DiagMatrix(sv) * M)[ip, iq].doit() - sv[ip, 0] * M[ip, iq], p, q))
    out["tangent entries"] = values == (1, -1, 0, 0) and scalings
    x, y = sa**2, sb**2
    diag = (KD.T * KD + DK.T * DK)[0, 0]  # slot k moves W_{k-1} by K D and W_k by -D K
    off = ((-DK).T * KD)[0, 0]  # slots k, k + 1 share W_k
    out["pair block"] = sp.expand(diag - 2 * (x + y)) == 0 and sp.expand(off + 2 * sp.sqrt(x * y)) == 0
    out["tridiagonal determinant"] = _recursion_holds()
    return out


def _wallis_step() -> bool:
    r""":math:`\frac{d}{d\theta}(-\cos\theta\sin^{n-1}\theta) = n\sin^n\theta - (n-1)\sin^{n-2}\theta`
    for symbolic n (sin > 0 on (0, pi)): integrated over [0, pi] (the boundary term vanishes for n >= 2),
    :math:`I_n = \frac{n-1}{n}I_{n-2}`, :math:`I_n = \int_0^\pi\sin^n`."""
    th, s = sp.Symbol("theta"), sp.Symbol("s", positive=True)
    n = sp.Symbol("n", integer=True, positive=True)
    res = (sp.diff(-sp.cos(th) * sp.sin(th) ** (n - 1), th)
           - (n * sp.sin(th) ** n - (n - 1) * sp.sin(th) ** (n - 2)))
    return bool(sp.powsimp(sp.expand(res.subs(sp.cos(th), sp.sqrt(1 - s**2)).subs(sp.sin(th), s))) == 0)


@lru_cache(maxsize=1)
def haar_lemmas() -> dict[str, Any]:
    r"""The steps of vol(O(d)) = 2 prod_{k=1}^{d-1} vol(S^k) for every d, and the values it is judged with:

    * ``O(1)``: x^2 = 1 has two real solutions: vol(O(1)) = 2 (a 0-dimensional manifold);
    * ``horizontal generators``: :math:`(E_{ab} - E_{ba})e_1` is :math:`-e_b` for a = 1 and 0 for
      1 < a < b (symbolic indices): SO(d+1) -> S^d, Q -> Q e_1, maps the orthonormal horizontal generators
      to orthonormal tangent vectors, the vertical ones generate SO(d) with the same normalisation: a
      Riemannian submersion with fibre SO(d), so vol(SO(d+1)) = vol(S^d) vol(SO(d)) (coarea);
      ``fibration d = 3`` tests it: vol(SO(3)) = vol(S^2) vol(SO(2)), both sides from angle charts;
    * ``circle``: vol(S^1) = 2 pi (arc length);
    * ``hyperspherical metric``: on :math:`(\cos\theta, \sin\theta\,\omega)`, :math:`|\omega| = 1`, the
      metric is :math:`d\theta^2 + \sin^2\theta\,|d\omega|^2`, so vol(S^k) = vol(S^{k-1}) I_{k-1};
    * ``Wallis step``: :func:`_wallis_step`; ``I_1``, ``I_2``: the integrals, 2 and pi/2.

    >>> lem = haar_lemmas(); all(lem[k] for k in ("O(1)", "fibration d = 3", "Wallis step"))
    True
    """
    out: dict[str, Any] = {}
    z = sp.Symbol("z", real=True)
    out["O(1)"] = len(sp.solve(z**2 - 1, z)) == 2
    m, k, i = sp.symbols("m k i", integer=True, nonnegative=True)

    def column0(a_: sp.Expr, b_: sp.Expr) -> sp.Expr:  # ((E_ab - E_ba) e_1)_i, 0-based index 0
        return (sp.KroneckerDelta(i, a_) * sp.KroneckerDelta(0, b_)
                - sp.KroneckerDelta(i, b_) * sp.KroneckerDelta(0, a_))

    out["horizontal generators"] = (sp.simplify(column0(0, 1 + k) + sp.KroneckerDelta(i, 1 + k)) == 0
                                    and sp.simplify(column0(1 + m, 2 + m + k)) == 0)
    so2, _ = _so_volume(2)
    so3, _ = _so_volume(3)
    out["fibration d = 3"] = sp.simplify(so3 - _sphere_volume(2) * so2) == 0
    th = sp.Symbol("theta")
    out["circle"] = sp.integrate(sp.sqrt(sp.simplify(sp.sin(th) ** 2 + sp.cos(th) ** 2)), (th, 0, 2 * sp.pi))
    ww, wdw, dwdw, dth = sp.symbols("omega.omega omega.domega domega.domega dtheta")
    metric = ((-sp.sin(th) * dth) ** 2 + sp.cos(th) ** 2 * dth**2 * ww
              + 2 * sp.sin(th) * sp.cos(th) * dth * wdw + sp.sin(th) ** 2 * dwdw)
    out["hyperspherical metric"] = sp.simplify(
        sp.expand(metric).subs({ww: 1, wdw: 0}) - (dth**2 + sp.sin(th) ** 2 * dwdw)) == 0
    out["Wallis step"] = _wallis_step()
    out["I_1"] = sp.integrate(sp.sin(th), (th, 0, sp.pi))
    out["I_2"] = sp.integrate(sp.sin(th) ** 2, (th, 0, sp.pi))
    return out


WHY_CALLABLE = ("the {what} under test is a function of explicit values (not a {kind}), so only the listed "
                "(d, N) take it as input")


def _density_general(density: Density) -> tuple[bool, str]:
    r"""(True, how) when ``density`` is a :class:`PairProduct` whose pair factor is
    :math:`k(N)\sqrt{2^{N-1}(x^2 - y^2)/(x^{2/N} - y^{2/N})}` (the ratio simplifies to an expression free of
    x > y > 0) with :math:`c(d, N)k(N)^{d(d-1)/2} = 1` for symbolic d, N: then it is
    :math:`\sqrt{\det\mathrm{Gram}}` for every d and N (:func:`orbit_lemmas`), sign included.
    (False, why) otherwise."""
    if not isinstance(density, PairProduct):
        return False, WHY_CALLABLE.format(what="density",
                                          kind="PairProduct: constant(d, N) times a pair factor")
    lemmas = orbit_lemmas()
    if not all(lemmas.values()):  # pragma: no cover - fixed SymPy identities
        return False, f"a step of the orbit-volume argument did not verify: {lemmas}"
    y, t = sp.symbols("y t", positive=True)
    Nn, dd = sp.symbols("N d", integer=True, positive=True)
    x = y + t  # sigma_a > sigma_b = y
    derived = 2 ** ((Nn - 1) / sp.Integer(2)) * sp.sqrt((x**2 - y**2) / (x ** (2 / Nn) - y ** (2 / Nn)))
    try:
        ratio = sp.simplify(sp.sympify(density.pair(x, y, Nn)) / derived)
        constant = sp.sympify(density.constant(dd, Nn))
    except Exception:  # the formula under test need not accept symbols
        return False, "the density's pair factor or constant does not accept symbols (x, y, d, N)"
    if ratio.free_symbols - {Nn}:
        return False, (f"pair factor / sqrt(2^(N-1) (x^2 - y^2)/(x^(2/N) - y^(2/N))) = {ratio} was not shown "
                       "to be free of x, y")
    total = sp.simplify(sp.powsimp(constant * ratio ** (dd * (dd - 1) / 2)))
    if total != 1:
        return False, f"constant(d, N) k(N)^(d(d-1)/2) = {total} with k(N) = {ratio}, not shown to be 1"
    return True, f"pair factor = k(N) x derived, k(N) = {ratio}, constant(d, N) k(N)^(d(d-1)/2) = 1"


def _haar_general(haar: Callable[[int], sp.Expr]) -> tuple[bool, str]:
    r"""(True, how) when ``haar`` is a :class:`SphereProduct` with 2 components (vol(O(1)) = 2), sphere(1) =
    vol(S^1) = 2 pi, sphere(2)/sphere(1) = I_1, sphere(3)/sphere(2) = I_2 and, for symbolic k >= 1,
    sphere(k+3)/sphere(k+2) = (k+1)/(k+2) sphere(k+1)/sphere(k) (the Wallis step): by induction
    sphere(k) = vol(S^k) for every k, and haar(d) = vol(O(d)) for every d (:func:`haar_lemmas`).
    (False, why) otherwise."""
    if not isinstance(haar, SphereProduct):
        return False, WHY_CALLABLE.format(what="Haar volume", kind="SphereProduct: components times a "
                                          "product of sphere volumes")
    lem = haar_lemmas()
    if not all(lem[k] is True for k in ("O(1)", "horizontal generators", "fibration d = 3",
                                        "hyperspherical metric", "Wallis step")):  # pragma: no cover
        return False, f"a step of the vol(O(d)) argument did not verify: {lem}"
    kk = sp.Symbol("k", integer=True, positive=True)
    try:
        sph = [sp.sympify(haar.sphere(sp.Integer(j))) for j in (1, 2, 3)]
        step = sp.sympify(haar.sphere(kk + 3) * haar.sphere(kk) * (kk + 2)
                          / (haar.sphere(kk + 2) * haar.sphere(kk + 1) * (kk + 1)))
    except Exception:  # the formula under test need not accept symbols
        return False, "sphere(k) does not accept a symbolic k"
    bases = {"components = vol(O(1)) = 2": closed_equal(sp.sympify(haar.components), sp.Integer(2)),
             "sphere(1) = 2 pi": closed_equal(sph[0], lem["circle"]),
             "sphere(2)/sphere(1) = I_1": closed_equal(sph[1] / sph[0], lem["I_1"]),
             "sphere(3)/sphere(2) = I_2": closed_equal(sph[2] / sph[1], lem["I_2"])}
    if not all(v is True for v in bases.values()):
        return False, f"a base case was not shown: {bases}"
    if sp.gammasimp(step) != 1 and sp.simplify(sp.expand_func(step)) != 1:
        return False, f"the Wallis step for symbolic k: ratio {step} was not shown to be 1"
    return True, "components = 2, sphere(1..3) and the Wallis step for symbolic k"


#: rational points at d = 4 (s_1 > ... > s_4 > 0, sigma = s^N) where a density not judged for every d is
#: compared with sqrt(det Gram), the product of the pair blocks (:func:`orbit_lemmas`, every d)
WITNESSES_D4 = ((R(3), R(5, 2), R(1), R(1, 2)),)
DEPTHS_D4 = (2, 3, 4)


def _beyond_instances(density: Density) -> dict[str, Any] | None:
    """The density against sqrt(det Gram) at :data:`WITNESSES_D4`: a certified counterexample,
    ``{"undecided": ...}``, or None."""
    for w in WITNESSES_D4:
        for n in DEPTHS_D4:
            sig = tuple(v**n for v in w)
            truth, claimed = sp.sqrt(_derived_gram(w, n)), density(sig, n)
            same = closed_equal(claimed, truth)
            if same is False:
                return {"d": len(w), "N": n, "sigma": sig, "sqrt(det Gram)": str(truth),
                        "density claimed": str(claimed)}
            if same is None:
                return {"undecided": f"d = {len(w)}, N = {n}: density - sqrt(det Gram) undecided"}
    return None


def _haar_beyond(haar: Callable[[int], sp.Expr]) -> dict[str, Any] | None:
    """``haar(5)`` against 2 vol(S^1) ... vol(S^4), the sphere volumes from hyperspherical integrals and
    the fibration SO(k+1) -> S^k (:func:`haar_lemmas`): a certified counterexample, ``{"undecided": ...}``,
    or None."""
    truth = 2 * sp.Mul(*[_sphere_volume(k) for k in range(1, 5)])
    claimed = sp.sympify(haar(5))
    same = closed_equal(claimed, truth)
    if same is False:
        return {"d": 5, "vol(O(d)) = 2 prod_{k<d} vol(S^k)": str(truth),
                "haar_volume(d) claimed": str(claimed)}
    return {"undecided": f"d = 5: haar(5) = {claimed} against {truth} undecided"} if same is None else None


class _Inexact(Exception):
    """The formula under test returned inexact numbers (SymPy Float)."""

    def __init__(self, seen: dict[str, str]) -> None:
        super().__init__(", ".join(sorted(seen)))
        self.seen = seen


def _exact_only(density: Density) -> Density:
    """``density`` through :func:`call_formula`; raises :class:`_Inexact` if it returns a Float."""

    def wrapped(sig: Sequence[sp.Expr], N: int) -> sp.Expr:
        seen: dict[str, str] = {}
        value = call_formula(density, [sig, N], where={"sigma": tuple(sig), "N": N}, scalar=True,
                             inexact=seen)
        if seen:
            raise _Inexact(seen)
        return value

    return wrapped


def check_balanced_entropy(density: Density = ORBIT_DENSITY,
                           haar: Callable[[int], sp.Expr] = HAAR_VOLUME) -> CheckResult:
    r"""Judge a formula for the orbit volume per unit Haar measure (default: the one derived here,
    :math:`2^{(N-1)d(d-1)/4}\sqrt{\mathrm{van}(\Sigma^2)/\mathrm{van}(\Sigma^{2/N})}`, as a
    :class:`PairProduct`) and for vol(O(d)) (default :data:`HAAR_VOLUME`, a :class:`SphereProduct`).

    Could fail: (i) ``density`` itself against :math:`\sqrt{\det\mathrm{Gram}}` of the orbit tangents
    at rational balanced points (non-trivial rotations; exact, or an Arb enclosure of the difference),
    with the tangents verified to be tangent and vertical; (ii) the coarea identity: ``density``
    against :math:`\sqrt{\det G_M}\,N^{d^2/2}/\rho_{g^N}(\Sigma)` in coordinates
    :math:`(\Sigma, U_1..U_{N+1})`, :math:`\rho_{g^N}` from the SVD chart and the metric operator;
    (iii) symbolic in s at W_j = diag(s): ``density^2`` against the derived block product, and
    ``density`` itself against its square root at rational s (d = 2, 3), and at d = 4; (iv) ``haar(d)`` =
    vol(O(d)) against the volume computed from angle charts (d = 2, 3) and the fibration SO(4) -> S^3
    (d = 4).  For every d and N (scope general): a :class:`PairProduct` density against the product of the
    pair blocks (:func:`orbit_lemmas`, :func:`_density_general`) and a :class:`SphereProduct` against
    2 prod vol(S^k) (:func:`haar_lemmas`, :func:`_haar_general`).  Derivation steps (block structure,
    tridiagonal determinant for symbolic N, coarea in symbolic a) make it INCONCLUSIVE if they fail; so
    do Float values of ``density``."""
    method = "exact Gram determinants of the O(d)^{N-1} orbit; vol(O(d)) from angle charts"
    try:
        return _check_balanced_entropy(_exact_only(density), haar, density)
    except _Inexact as err:
        return CheckResult(Verdict.INCONCLUSIVE, Evidence(
            method=method,
            notes="the formula under test returned inexact numbers (Float: "
            + ", ".join(sorted(err.seen)) + "); exact arithmetic cannot judge it, so nothing was "
            "decided (write it with SymPy Rationals)"))
    except IllFormedFormula as err:
        return err.result(method)


def _check_balanced_entropy(density: Density, haar: Callable[[int], sp.Expr],
                            structured: Density) -> CheckResult:
    """The implementation of :func:`check_balanced_entropy` (``density`` returns exact values;
    ``structured`` is the density as given, judged for every d and N when it is a :class:`PairProduct`)."""
    table: list[dict[str, Any]] = []
    method = ("exact Gram determinant of the O(d)^{N-1} orbit tangents, rational balanced point: the "
              "density itself against sqrt(det Gram) > 0")
    coarea = ("coarea identity of the Riemannian submersion, exact: the density itself against "
              "sqrt(det G_M) N^{d^2/2} / rho_{g^N}")
    for d, points in POINTS.items():
        for a in points:
            for N in DEPTHS_ORBIT[d]:
                rots = [_rotation(d, k) for k in range(N + 1)]
                Ws = g.balanced_factors(a, rots)
                sig = tuple(x**N for x in a)
                tangents = orbit_tangents(Ws)
                if not _in_kernels(Ws, tangents):  # pragma: no cover - a construction error
                    return CheckResult(
                        Verdict.INCONCLUSIVE,
                        Evidence(method="exact", notes=f"orbit tangents not vertical at d = {d}, N = {N}"),
                    )
                T = sp.Matrix.hstack(*tangents)
                gram = (T.T * T).det()
                truth, claimed = sp.sqrt(gram), density(sig, N)
                row = {"d": d, "N": N, "sigma": sig, "det Gram": gram}
                same = closed_equal(claimed, truth)
                if same is not True:
                    return _judged(same, method, {**row, "sqrt(det Gram)": str(truth),
                                                  "density claimed": str(claimed)})
                if N in DEPTHS_FUBINI[d]:
                    implied = _coarea_density(a, rots, sig, N)
                    row["coarea"] = "sqrt(det G_M) = N^{-d^2/2} rho_{g^N} density"
                    same = closed_equal(claimed, implied)
                    if same is not True:
                        return _judged(same, coarea, {**row, "implied density": str(implied),
                                                      "density claimed": str(claimed)})
                table.append(row)
    cex = _symbolic_claim(density)
    if cex is not None and "undecided" in cex:
        return CheckResult(Verdict.INCONCLUSIVE, Evidence(method="SymPy", notes=cex["undecided"]))
    if cex is not None:
        return _fails("SymPy exact: the claimed density against sqrt of the derived Gram determinant at "
                      "rational s (W_j = diag(s))", cex, notes=NOTE)
    haar_cex, haar_table = _haar_check(haar)
    if haar_cex is not None and "undecided" in haar_cex:
        return CheckResult(Verdict.INCONCLUSIVE, Evidence(method="SymPy, Arb", notes=haar_cex["undecided"]))
    if haar_cex is not None:
        return _fails("vol(O(d)) = 2 vol(SO(d)): angle-chart Gram determinant and symbolic integral",
                      haar_cex)
    bad = [f"d = {d}, N = {N}: {m}" for d, N in CASES_SYMBOLIC for m in _symbolic_blocks(d, N)]
    if not _coarea_symbolic():
        bad.append("d = 2, N = 2: the symbolic coarea identity (chart, metric operator, orbit Gram) "
                   "did not cancel")
    if bad or not _recursion_holds():
        return CheckResult(
            Verdict.INCONCLUSIVE,
            Evidence(method="SymPy", notes="a symbolic derivation step failed", details={"failed": bad}),
        )
    density_general, density_how = _density_general(structured)
    haar_general, haar_how = _haar_general(haar)
    beyond = None if density_general else _beyond_instances(density)
    if beyond is not None and "undecided" not in beyond:
        return _fails("exact: the claimed density against sqrt(det Gram) = the product of the pair blocks "
                      "(proved for every d: orbit_lemmas) at rational s, d = 4", beyond, notes=NOTE)
    haar_beyond = None if haar_general else _haar_beyond(haar)
    if haar_beyond is not None and "undecided" not in haar_beyond:
        return _fails("vol(O(5)) = 2 vol(S^1) vol(S^2) vol(S^3) vol(S^4): hyperspherical integrals and the "
                      "fibration SO(k+1) -> S^k (haar_lemmas)", haar_beyond)
    general = density_general and haar_general
    instances = ("exact: the density itself against sqrt(det Gram) of the orbit tangents and against the "
                 "density the coarea identity implies (chart (Sigma, U_1..U_{N+1}), rho_{g^N} from the SVD "
                 "chart and the metric operator) at rational balanced points; vol(O(d)) from angle charts "
                 "(d = 2, 3) and symbolic integrals; SymPy: density^2 against the derived block product "
                 "for symbolic s and the density itself against its square root at rational s (d = 2, 3, "
                 "N = 2..5), coarea in symbolic a (d = 2, N = 2), block structure at W_j = diag(s), "
                 "tridiagonal determinant for symbolic N")
    derived = ("the notes do not state the formula; derived and checked here: vol(phi^{-1}(W)) = "
               "vol(O(d))^{N-1} 2^{(N-1)d(d-1)/4} sqrt(van(Sigma^2)/van(Sigma^{2/N})), Haar measure with "
               "orthonormal omega_ab = (Q^T dQ)_ab (a < b); vol(O(d)) = 2 prod_{k=1}^{d-1} vol(S^k) (4 pi, "
               "16 pi^2, 32 pi^4 for d = 2, 3, 4; angle charts for d = 2, 3); entropy = its log = "
               "(1/2) log(van(Sigma^2)/van(Sigma^{2/N})) + const. Coarea: Euclidean volume of the balanced "
               "manifold = (g^N/N)-volume of W x orbit volume, consistent with p2.volume.finite and "
               "p2.balanced.submersion (checked at the instances); " + NOTE)
    parameters = {"orbit (d: N)": DEPTHS_ORBIT, "coarea (d: N)": DEPTHS_FUBINI,
                  "symbolic (d, N)": CASES_SYMBOLIC}
    details = {"cases": table, "vol(O(d))": haar_table, "density, every d and N": density_how,
               "vol(O(d)), every d": haar_how}
    if general:
        return CheckResult(Verdict.HOLDS, Evidence(
            method="every d and N: the fibre is one free O(d)^{N-1} orbit and its volume is vol(O(d))^{N-1} "
            "sqrt(det Gram) at W_j = diag(s) (orbit_lemmas: the orbit in words, the tangents entry by entry "
            "at symbolic indices, one tridiagonal block 2 T per pair a < b, det T for symbolic N); the "
            "density under test is constant(d, N) prod_{a<b} pair: pair / derived pair block = k(N) and "
            "constant(d, N) k(N)^{d(d-1)/2} = 1 for symbolic d, N; vol(O(d)) under test = components x "
            "prod sphere(k): 2 components (O(1)), sphere(k) = vol(S^k) by induction on k (arc length, "
            "hyperspherical metric, Wallis step for symbolic k), SO(d+1) -> S^d a Riemannian submersion "
            "(horizontal generators at symbolic indices); " + instances + " as a cross-check",
            precision="exact", residual="0", parameters=parameters,
            details={**details, "orbit lemmas": orbit_lemmas(),
                     "vol(O(d)) lemmas": {k: str(v) for k, v in haar_lemmas().items()}},
            notes=derived + "; standard results used: the orbit map is equivariant for the isometric "
            "O(d)^{N+1} action (so the density is the same along the orbit and depends only on D), the "
            "determinant of a block-diagonal matrix is the product of the blocks', the Laplace expansion "
            "of the tridiagonal determinant, and the coarea formula of a Riemannian submersion with "
            "isometric fibres (tested: vol(SO(3)) = vol(S^2) vol(SO(2)) by angle charts)",
            proof="proofs/paper2_balanced.py", scope="general"))
    why = "; ".join(x for x in (None if density_general else f"density: {density_how}",
                                None if haar_general else f"vol(O(d)): {haar_how}") if x)
    undecided = "".join(f"; {x['undecided']}" for x in (beyond, haar_beyond) if x is not None)
    return CheckResult(Verdict.HOLDS, Evidence(
        method=instances + ("" if density_general else "; the density at d = 4 against the product of the "
                            "pair blocks (proved for every d)")
        + ("" if haar_general else "; vol(O(5)) from sphere volumes and the fibration"),
        precision="exact", residual="0", parameters=parameters, details=details,
        notes=derived + undecided + "; why not general: " + why + "; a PairProduct density and a "
        "SphereProduct vol(O(d)) are judged for every d and N",
        proof="proofs/paper2_balanced.py", scope="instances"))
