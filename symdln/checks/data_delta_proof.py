r"""General proofs behind ``eq27.delta_xy`` and ``assump1.commute``: the mask calculus of (13).

Setting (Sec. 3.1 and 4.1 of [GBL19]).  :math:`G = \Sigma_{xy}\Sigma_{xy}^\top` has the distinct
eigenvalues :math:`g_1, \dots, g_m` (its null space included) with orthogonal spectral projectors
:math:`P_1, \dots, P_m`, and :math:`\mathcal P(A) = \sum_k P_k A P_k` is the pinching.  A U is
*admissible* when it is orthogonal and :math:`U^\top G U` is diagonal: its columns are left
singular vectors of :math:`\Sigma_{xy}`, completed on the null space (the order of the columns
does not change any norm below).  Column i of U lies in the eigenspace :math:`c_i`.  With
:math:`M = U^\top\Sigma_x U`, the three masks

.. math::
    m_1 = 1 - \delta_{c_i c_j}, \qquad m_2 = \delta_{c_i c_j} - \delta_{ij}, \qquad m_3 = \delta_{ij}

split M into disjoint parts with the squared Frobenius masses
:math:`r = \|m_1\circ M\|^2 = \|\Sigma_x - \mathcal P(\Sigma_x)\|^2` (coupling of two eigenspaces),
:math:`k_o = \|m_2\circ M\|^2` (off-diagonal inside an eigenspace; depends on U) and
:math:`k_d = \|m_3\circ M\|^2` (diagonal).  Every matrix of a formula is a combination
:math:`\sum_a \alpha_a\, m_a\circ M` in the frame of U (:func:`mask_form` reads it off), so every
Frobenius norm is :math:`\sqrt{\alpha_1^2 r + \alpha_2^2 k_o + \alpha_3^2 k_d}`.  The rules are
the lemmas of :func:`lemma_steps`, each a SymPy computation for symbolic sizes and a symbolic number
m of eigenspaces:

* L1-L3: the columns of an admissible U are eigenvectors of G, and :math:`P_l u_i = \delta_{l c_i}u_i`;
* L4: :math:`(U^\top\mathcal P(A)U)_{ij} = \sum_{l=1}^m\delta_{l c_i}\delta_{l c_j}(U^\top AU)_{ij}
  = \delta_{c_i c_j}(U^\top AU)_{ij}`: the pinching is the mask :math:`m_2 + m_3` (any A);
* L5: the masks are one-hot in each of the three possible cases (i = j forces
  :math:`c_i = c_j`), so the parts are orthogonal; ``OffDiagonal`` keeps :math:`m_1, m_2`;
* L6: :math:`\|U^\top AU\|_F = \|A\|_F`;
* L7-L8: :math:`(U^\top[\Sigma_x, G]U)_{ij} = (g_{c_j} - g_{c_i})M_{ij}`, so the commutator
  vanishes iff r = 0;
* L9: :math:`\|B(U)\|^2 = r + k_o` for B of (13) and :math:`\|\Sigma_x\|^2 = r + k_o + k_d`.

Then :math:`\min_U\|B(U)\| = \sqrt r` over the admissible U: :math:`k_o \ge 0`, and :math:`k_o = 0`
for the U whose columns diagonalise :math:`\Sigma_x` inside each eigenspace (spectral theorem
[HJ13], :data:`CITED_FACTS`; ``data_delta`` tests it against the exact minimisation over
U on every instance).  :math:`k_d > 0` because :math:`\Sigma_x = X^\top X/n` is PSD and nonzero
(:data:`HAND_FACTS`).  The truth of (27) is :func:`least_defect_form`,
:math:`\sqrt r/\sqrt{r + k_o + k_d}`; a formula whose mask form equals it as an identity in
:math:`r, k_o \ge 0`, :math:`k_d > 0` (divisions only by quantities that cannot vanish) equals the
least defect for every d, p, multiplicity pattern, data and admissible U (:func:`prove_delta_xy`).
A defect for Sec. 3.1's "epsilon represents to what extent Sigma_x and Sigma_xy Sigma_xy^T do not
commute" vanishes exactly when the commutator does if its squared mask form is a polynomial with
coefficients of one sign whose monomials all contain r, one of them free of :math:`k_o`
(:func:`prove_commute`; L7-L8 turn r = 0 into the commutator).

References: [GBL19] Gidel, Bach, Lacoste-Julien, NeurIPS 2019, Sec. 3.1, eq. (13), Sec. 4.1,
eq. (27); [HJ13] Horn & Johnson, *Matrix Analysis*, 2nd ed., 2013, Thm. 4.1.5 (spectral theorem).

>>> from symdln.assumption import FrobeniusNorm, OffDiagonal, Sigma_x, U
>>> mask_form(FrobeniusNorm(OffDiagonal(U.T * Sigma_x * U)))
sqrt(k_o + r)
>>> prove_delta_xy(FrobeniusDistance(Sigma_x, Pinching(Sigma_x, GRAM)) / FrobeniusNorm(Sigma_x))
(True, '')
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import sympy as sp
from sympy.matrices.expressions import MatrixExpr
from sympy.matrices.expressions.matexpr import MatrixElement

from symdln.assumption import (
    FrobeniusDistance,
    FrobeniusNorm,
    OffDiagonal,
    Pinching,
    Sigma_x,
    Sigma_xy,
    U,
    d,
    p,
)

__all__ = [
    "CITED_FACTS",
    "COMMUTE_PROOF",
    "DELTA_XY_PROOF",
    "GRAM",
    "HAND_FACTS",
    "K_DIAG",
    "K_OFF",
    "R_OFF",
    "NoMaskForm",
    "least_defect_form",
    "lemma_steps",
    "mask_form",
    "prove_commute",
    "prove_delta_xy",
]

#: r = ||Sigma_x - Pinching(Sigma_x, G)||_F^2: the mass coupling two eigenspaces of G
R_OFF = sp.Symbol("r", nonnegative=True)
#: k_o: the off-diagonal mass of U^T Sigma_x U inside the eigenspaces of G (depends on U)
K_OFF = sp.Symbol("k_o", nonnegative=True)
#: k_d: the diagonal mass of U^T Sigma_x U (> 0 for Sigma_x PSD and nonzero, HAND_FACTS)
K_DIAG = sp.Symbol("k_d", positive=True)
#: G = Sigma_xy Sigma_xy^T, whose eigenspaces an admissible U follows
GRAM = Sigma_xy * Sigma_xy.T

#: the standard fact the minimum over U rests on (tested against the exact minimisation over U)
CITED_FACTS: dict[str, str] = {
    "spectral theorem": "a real symmetric matrix has an orthonormal eigenbasis [HJ13, Thm. 4.1.5]: inside "
                        "each eigenspace V_k of G take an eigenbasis of the compression of Sigma_x to V_k; "
                        "the U so built is admissible (L3) and has k_o = 0, so min over U of ||B(U)||^2 = r",
}
#: the facts argued by hand
HAND_FACTS: dict[str, str] = {
    "k_d > 0": "M_ii = u_i^T Sigma_x u_i >= 0 (Sigma_x = X^T X / n is PSD) and sum_i M_ii = tr Sigma_x > 0 "
               "(PSD and nonzero), so k_d = sum_i M_ii^2 > 0",
    "same eigenspaces": "c G (c > 0) and G^k (k >= 1, G PSD) have the eigenspaces of G: g -> c g and "
                        "g -> g^k are injective on [0, oo), so their pinchings agree",
}

#: the proof of eq27.delta_xy's general branch, for the evidence
DELTA_XY_PROOF = (
    "mask calculus in the frame of an admissible U (symdln.checks.data_delta_proof): every matrix of the "
    "formula is a combination of the three disjoint parts of U^T Sigma_x U (off-block r, in-block "
    "off-diagonal k_o, diagonal k_d), read off by lemmas proved for symbolic sizes and a symbolic number "
    "of eigenspaces (L1-L9); the least ||B(U)||/||Sigma_x|| over admissible U is sqrt(r)/sqrt(r + k_o + "
    "k_d) (L9, spectral theorem: k_o = 0 is attained); the formula's mask form equals it as an identity "
    "in r, k_o >= 0, k_d > 0, for every d, p, multiplicity pattern and admissible U")
#: the proof of assump1.commute's general branch, for the evidence
COMMUTE_PROOF = (
    "mask calculus in the frame of an admissible U (symdln.checks.data_delta_proof): the defect's squared "
    "mask form is (a nonzero denominator over) a polynomial in r, k_o, k_d with coefficients of one sign "
    "whose monomials all contain r and one of which is free of k_o, so it vanishes exactly when r = 0 "
    "(k_o >= 0, k_d > 0); r = 0 iff "
    "[Sigma_x, Sigma_xy Sigma_xy^T] = 0 (L7-L8: the commutator is (g_cj - g_ci) M_ij in the frame of U) "
    "and r = min over admissible U of ||B(U)||^2 (L9, spectral theorem); for every d, p and "
    "multiplicity pattern")


class NoMaskForm(ValueError):
    """The formula is outside the language :func:`mask_form` reads: the proof does not apply to it."""


@dataclass(frozen=True)
class _Parts:
    """A matrix as :math:`\\sum_a \\alpha_a m_a\\circ M` in the frame of U: ``frame`` "data" for the
    matrix A itself (its parts are those of :math:`U^\\top AU`), "U" for a matrix already in the frame
    of U, None for the zero matrix (either)."""

    frame: str | None
    coeffs: tuple[sp.Expr, sp.Expr, sp.Expr]


_ZERO = _Parts(None, (sp.S.Zero, sp.S.Zero, sp.S.Zero))


def _same_eigenspaces(H: sp.Basic) -> bool:
    """H is c G^k: G, with a positive c (a number or a function of d, p) and an integer k >= 1
    (HAND_FACTS)."""
    H = H.doit() if isinstance(H, MatrixExpr) else H
    c, mats = sp.S.One, [H]
    if isinstance(H, sp.MatMul):
        c = sp.Mul(*[a for a in H.args if not isinstance(a, MatrixExpr)])
        mats = [a for a in H.args if isinstance(a, MatrixExpr)]
    if not mats or c.is_positive is not True or not c.free_symbols <= {d, p}:
        return False
    core = sp.MatMul(*mats).doit() if len(mats) > 1 else mats[0]
    if isinstance(core, sp.MatPow):
        return bool(core.base.doit() == GRAM and core.exp.is_Integer and core.exp >= 1)
    return bool(core == GRAM)


def _nonzero(x: sp.Expr) -> bool:
    return x.is_positive is True or x.is_negative is True


def _parts(e: sp.Basic) -> _Parts:
    """The parts of a matrix expression (rules L4-L6)."""
    if isinstance(e, sp.ZeroMatrix):
        return _ZERO
    if e == Sigma_x:
        return _Parts("data", (sp.S.One, sp.S.One, sp.S.One))
    if isinstance(e, sp.Transpose):  # every part is symmetric: M and the masks are
        return _parts(e.arg)
    if isinstance(e, Pinching):
        A, H = e.args
        if not _same_eigenspaces(H):
            raise NoMaskForm(f"{sp.sstr(e)}: a pinching by a matrix other than Sigma_xy*Sigma_xy.T (or a "
                             "positive multiple or power of it)")
        a = _parts(A)
        if a.frame == "U":
            raise NoMaskForm(f"{sp.sstr(e)}: the pinching of a matrix in the frame of U")
        return _Parts(a.frame, (sp.S.Zero, a.coeffs[1], a.coeffs[2]))  # L4: the mask m2 + m3
    if isinstance(e, OffDiagonal):
        a = _parts(e.args[0])
        if a.frame == "data":
            raise NoMaskForm(f"{sp.sstr(e)}: the off-diagonal part of a matrix not in the frame of U (write "
                             "U.T*A*U)")
        return _Parts(a.frame, (a.coeffs[0], a.coeffs[1], sp.S.Zero))  # L5: 1 - delta_ij keeps m1, m2
    if isinstance(e, sp.MatAdd):
        terms = [_parts(t) for t in e.args]
        frames = {t.frame for t in terms} - {None}
        if len(frames) > 1:
            raise NoMaskForm(f"{sp.sstr(e)}: a sum of a matrix and a matrix in the frame of U")
        coeffs = tuple(sp.Add(*[t.coeffs[k] for t in terms]) for k in range(3))
        return _Parts(frames.pop() if frames else None, coeffs)  # type: ignore[arg-type]
    if isinstance(e, sp.MatMul):
        scal = sp.Mul(*[_scalar(a) for a in e.args if not isinstance(a, MatrixExpr)])
        mats = [a for a in e.args if isinstance(a, MatrixExpr)]
        if len(mats) == 1:
            inner, frame = _parts(mats[0]), None
        elif len(mats) == 3 and mats[0] == U.T and mats[2] == U:
            inner, frame = _parts(mats[1]), "U"  # U^T A U: the parts of A, now in the frame of U
            if inner.frame == "U":
                raise NoMaskForm(f"{sp.sstr(e)}: U^T (.) U of a matrix already in the frame of U")
        elif len(mats) == 3 and mats[0] == U and mats[2] == U.T:
            inner, frame = _parts(mats[1]), "data"  # U Y U^T: back to the matrix itself
            if inner.frame == "data":
                raise NoMaskForm(f"{sp.sstr(e)}: U (.) U^T of a matrix not in the frame of U")
        else:
            raise NoMaskForm(f"{sp.sstr(e)}: a product of matrices other than U.T*A*U or U*A*U.T")
        if inner.frame is None:
            return _ZERO
        return _Parts(frame or inner.frame, tuple(scal * c for c in inner.coeffs))  # type: ignore[arg-type]
    if isinstance(e, MatrixExpr):
        raise NoMaskForm(f"{sp.sstr(e)}: only Sigma_x, and Sigma_xy inside Pinching(., Sigma_xy*Sigma_xy.T), "
                         "are read (U only as U.T*A*U)")
    raise NoMaskForm(f"{sp.sstr(e)}: a number where a matrix is expected")


def _norm_sq(a: _Parts) -> sp.Expr:
    """||sum_a alpha_a m_a o M||_F^2 = sum_a alpha_a^2 x_a (L5, L6), for real alpha."""
    if any(c.is_extended_real is not True for c in a.coeffs):
        raise NoMaskForm(f"coefficients {a.coeffs} not known to be real")
    return sp.expand(a.coeffs[0] ** 2 * R_OFF + a.coeffs[1] ** 2 * K_OFF + a.coeffs[2] ** 2 * K_DIAG)


def _scalar(e: sp.Basic) -> sp.Expr:
    if isinstance(e, MatrixExpr):
        raise NoMaskForm(f"{sp.sstr(e)}: a matrix where a number is expected")
    if isinstance(e, FrobeniusNorm):
        return sp.sqrt(_norm_sq(_parts(e.args[0])))
    if isinstance(e, FrobeniusDistance):
        a, b = (_parts(x) for x in e.args)
        if {a.frame, b.frame} == {"data", "U"}:
            raise NoMaskForm(f"{sp.sstr(e)}: the distance between a matrix and one in the frame of U")
        diff = _Parts(a.frame or b.frame, tuple(x - y for x, y in zip(a.coeffs, b.coeffs, strict=True)))  # type: ignore[arg-type]
        return sp.sqrt(_norm_sq(diff))
    if isinstance(e, sp.Symbol):
        if e in (d, p):
            return e
        raise NoMaskForm(f"unknown symbol {e}")
    if isinstance(e, sp.Float):
        raise NoMaskForm(f"{e}: a floating-point number is outside the language (the proof is an exact "
                         "identity)")
    if e.is_Number and e.is_finite is not True:
        raise NoMaskForm(f"{e}: not a finite number")
    if e.is_Number or e in (sp.pi, sp.E):
        return e  # type: ignore[return-value]
    if isinstance(e, (sp.Add, sp.Mul)):
        return e.func(*[_scalar(a) for a in e.args])  # type: ignore[no-any-return]
    if isinstance(e, sp.Pow):
        base, ex = _scalar(e.base), _scalar(e.exp)
        if not (ex.is_number and ex.is_positive) and not _nonzero(base):
            raise NoMaskForm(f"{sp.sstr(e)}: a division by (or a symbolic power of) {sp.sstr(base)}, which "
                             "is 0 on part of the domain")
        if not ex.is_number and base.is_positive is not True:
            raise NoMaskForm(f"{sp.sstr(e)}: a symbolic power of a base not known to be positive")
        return base**ex  # type: ignore[no-any-return]
    if isinstance(e, sp.Abs):
        return sp.Abs(_scalar(e.args[0]))
    raise NoMaskForm(f"{sp.sstr(e)}: {type(e).__name__} is outside the language of the proof (Frobenius "
                     "norms and distances, sums, products, powers, Abs)")


def mask_form(formula: sp.Basic) -> sp.Expr:
    r"""The value of a scalar formula in ``Sigma_x``, ``Sigma_xy``, ``U``, ``d``, ``p`` as an expression
    in :data:`R_OFF`, :data:`K_OFF`, :data:`K_DIAG` (and d, p), valid for every d, p, every
    multiplicity pattern of :math:`\Sigma_{xy}\Sigma_{xy}^\top`, every PSD :math:`\Sigma_x \ne 0`
    and every admissible U (module docstring).

    The language: ``Sigma_x``; ``Pinching(A, G)`` with G = ``Sigma_xy*Sigma_xy.T`` (or a positive
    multiple or power); ``U.T*A*U`` and ``U*Y*U.T``; ``OffDiagonal`` of a matrix in the frame of U;
    sums, scalar multiples, transposes; ``FrobeniusNorm``, ``FrobeniusDistance``, numbers, d, p, +, *,
    powers (a negative or symbolic power only of a quantity that cannot vanish) and ``Abs``.
    Anything else raises :class:`NoMaskForm` with the node that is not read.

    >>> from symdln.assumption import FrobeniusNorm, Sigma_x
    >>> mask_form(FrobeniusNorm(Sigma_x - Pinching(Sigma_x, GRAM)) / FrobeniusNorm(Sigma_x))
    sqrt(r)/sqrt(k_d + k_o + r)
    """
    if not isinstance(formula, sp.Expr) or isinstance(formula, MatrixExpr):
        raise NoMaskForm(f"{sp.sstr(formula)} is not a number-valued expression")
    return _scalar(formula)


def _case_masks(dij: sp.Expr, dc: sp.Expr) -> tuple[sp.Expr, sp.Expr, sp.Expr]:
    return 1 - dc, dc - dij, dij


#: the three possible (delta_ij, delta_{c_i c_j}) of an entry: i = j forces c_i = c_j
_CASES = ((1, 1), (0, 1), (0, 0))


@lru_cache(maxsize=1)
def lemma_steps() -> dict[str, str]:
    """The lemmas of the mask calculus, each a SymPy computation for a symbolic size d (and a
    symbolic number m of eigenspaces): "proved" or "not proved".  Independent of any formula."""
    from symdln.checks.data_autoencoder import trace_form

    out: dict[str, str] = {}

    def status(ok: bool) -> str:
        return "proved" if ok else "not proved"

    n = sp.Symbol("d", integer=True, positive=True)
    Um, G, A = (sp.MatrixSymbol(s, n, n) for s in ("U", "G", "A"))
    orth = sp.Q.orthogonal(Um)
    out["L1 admissible U: G U = U (U^T G U), so each column of U is an eigenvector of G"] = status(
        sp.refine(Um * (Um.T * G * Um), orth).doit() == G * Um)
    u, v = sp.MatrixSymbol("u", n, 1), sp.MatrixSymbol("v", n, 1)
    gap, s = sp.Symbol("g_a - g_b", nonzero=True), sp.Symbol("s")
    # (G u)^T v = u^T G v for symmetric G; with G u = g_a u, G v = g_b v: (g_a - g_b) u^T v = 0
    out["L2 eigenvectors of the symmetric G for distinct eigenvalues are orthogonal"] = status(
        sp.refine((G * u).T * v, sp.Q.symmetric(G)) == u.T * G * v
        and sp.solveset(gap * s, s, sp.S.Reals) == sp.FiniteSet(0))
    k = sp.Symbol("k", integer=True, positive=True)
    W, z = sp.MatrixSymbol("W", n, k), sp.MatrixSymbol("z", k, 1)
    # P_l = W W^T, W^T W = I_k: fixes W z; kills u with W^T u = 0 (L2)
    out["L3 the projector W W^T onto an eigenspace fixes its vectors, kills the others (L2)"] = status(
        (W * W.T * (W * z)).subs(W.T * W, sp.Identity(k)).doit() == W * z
        and (W * (W.T * u)).subs(W.T * u, sp.ZeroMatrix(k, 1)).doit() == sp.ZeroMatrix(n, 1))
    l, ci, cj, extra = sp.symbols("l c_i c_j e", integer=True, positive=True)
    m = ci + cj + extra  # any number of eigenspaces with c_i, c_j <= m
    summed = sp.Sum(sp.KroneckerDelta(l, ci) * sp.KroneckerDelta(l, cj), (l, 1, m)).doit()
    out["L4 pinching in the frame of U: sum_{l<=m} delta(l, c_i) delta(l, c_j) = delta(c_i, c_j)"] = status(
        sp.simplify(summed - sp.KroneckerDelta(ci, cj)) == 0)
    al = sp.symbols("a1:4", real=True)
    ok = True
    for dij, dc in _CASES:
        ms = _case_masks(sp.Integer(dij), sp.Integer(dc))
        ok = ok and sorted(ms) == [0, 0, 1]  # one-hot: disjoint and summing to 1
        ok = ok and sp.expand(sum(a * x for a, x in zip(al, ms, strict=True)) ** 2
                              - sum(a**2 * x for a, x in zip(al, ms, strict=True))) == 0
        ok = ok and tuple(dc * x for x in ms) == (0, ms[1], ms[2])  # pinching keeps m2, m3
        ok = ok and tuple((1 - dij) * x for x in ms) == (ms[0], ms[1], 0)  # OffDiagonal keeps m1, m2
    out["L5 masks one-hot in the 3 cases: (sum a m)^2 = sum a^2 m; pinch keeps m2, m3; offdiag m1, m2"] = (
        status(ok))
    lhs = sp.refine(Um.T * A.T * Um * Um.T * A * Um, orth).doit()
    out["L6 ||U^T A U||_F = ||A||_F: tr(U^T A^T U U^T A U) = tr(A^T A U U^T) = tr(A^T A)"] = status(
        trace_form(sp.Trace(lhs)) == trace_form(sp.Trace(A.T * A * Um * Um.T))
        and sp.refine(A.T * A * Um * Um.T, orth).doit() == A.T * A)
    S = sp.MatrixSymbol("S", n, n)
    frame = sp.refine(Um.T * (S * G - G * S) * Um, orth).doit()
    split = sp.refine((Um.T * S * Um) * (Um.T * G * Um) - (Um.T * G * Um) * (Um.T * S * Um), orth).doit()
    i, j, e = sp.symbols("i j e", integer=True, nonnegative=True)
    size = i + j + e + 1
    Mm, Dm = sp.MatrixSymbol("M", size, size), sp.MatrixSymbol("D", size, size)
    g = sp.Function("g")
    entry = (Mm * Dm - Dm * Mm)[i, j].replace(
        lambda x: isinstance(x, MatrixElement) and x.parent == Dm,
        lambda x: sp.KroneckerDelta(x.i, x.j) * g(x.i)).doit()
    out["L7 U^T [S, G] U = M D - D M, (M D - D M)_ij = (g_j - g_i) M_ij for every size (D diagonal)"] = (
        status(sp.expand(frame - split).doit() == sp.ZeroMatrix(n, n)
               and sp.simplify(entry - (g(j) - g(i)) * Mm[i, j]) == 0))
    x = sp.Symbol("M_ij", real=True)
    ok = True
    for dc in (1, 0):  # c_i = c_j: both sides vanish; c_i != c_j: g_cj - g_ci != 0
        factor = sp.Integer(0) if dc else gap
        m1 = 1 - dc
        ok = ok and sp.solveset(factor * x, x, sp.S.Reals) == sp.solveset(m1 * x, x, sp.S.Reals)
    out["L8 (g_cj - g_ci) M_ij = 0 iff m1 M_ij = 0: [Sigma_x, G] = 0 iff r = 0"] = status(ok)
    b_sq = _norm_sq(_parts(OffDiagonal(U.T * Sigma_x * U)))
    s_sq = _norm_sq(_parts(Sigma_x))
    out["L9 ||B(U)||^2 = r + k_o, ||Sigma_x||^2 = r + k_o + k_d"] = status(
        b_sq == R_OFF + K_OFF and s_sq == R_OFF + K_OFF + K_DIAG)
    return out


def least_defect_form() -> sp.Expr:
    r"""The truth of (27): :math:`\min_U\|B(U)\|/\|\Sigma_x\|` over the admissible U, in the mask
    invariants: :math:`\|B(U)\|^2 = r + k_o` (L9) with :math:`k_o \ge 0` and :math:`k_o = 0` attained
    (:data:`CITED_FACTS`), :math:`\|\Sigma_x\|^2 = r + k_o + k_d` for every U.  Derived from B of (13),
    independent of any formula under test.

    >>> least_defect_form()
    sqrt(r)/sqrt(k_d + k_o + r)
    """
    b_sq = _norm_sq(_parts(OffDiagonal(U.T * Sigma_x * U)))
    least = b_sq - K_OFF  # the U-dependent part k_o >= 0 removed; attained (spectral theorem)
    if least.has(K_OFF) or sp.expand(b_sq - least - K_OFF) != 0:
        raise ArithmeticError(f"||B(U)||^2 = {b_sq} is not r + k_o")
    return sp.sqrt(least) / sp.sqrt(_norm_sq(_parts(Sigma_x)))


def _unproved_lemmas() -> list[str]:
    return [name for name, status in lemma_steps().items() if status != "proved"]


def prove_delta_xy(formula: sp.Basic) -> tuple[bool, str]:
    r"""(proved, reason): ``formula`` equals the least :math:`\|B(U)\|/\|\Sigma_x\|` over admissible U
    for every d, p, multiplicity pattern, PSD :math:`\Sigma_x \ne 0`, :math:`\Sigma_{xy}` and admissible
    U: its :func:`mask_form` minus :func:`least_defect_form` simplifies to 0 in :math:`r, k_o \ge 0`,
    :math:`k_d > 0`, and also on the faces r = 0, k_o = 0 (substituted exactly).  Not proved is not
    false: the reason says which step failed.

    >>> from symdln.assumption import FrobeniusNorm, OffDiagonal, Sigma_x, U
    >>> prove_delta_xy(FrobeniusNorm(OffDiagonal(U.T * Sigma_x * U)) / FrobeniusNorm(Sigma_x))[0]
    False
    """
    form, why = _proved_mask_form(formula)
    if form is None:
        return False, why
    truth = least_defect_form()
    for face in ({}, {R_OFF: 0}, {K_OFF: 0}, {R_OFF: 0, K_OFF: 0}):
        diff = sp.simplify(form.subs(face) - truth.subs(face))
        if diff != 0:
            where = "" if not face else " on the face " + ", ".join(f"{k} = 0" for k in face)
            return False, (f"its mask form {sp.sstr(form)} differs from the least defect {sp.sstr(truth)}"
                           f"{where} by {sp.sstr(diff)} (r, k_o, k_d as independent symbols: not a proof "
                           "that the formula is wrong)")
    return True, ""


def _proved_mask_form(formula: sp.Basic) -> tuple[sp.Expr | None, str]:
    """(the :func:`mask_form` of ``formula``, "") when the lemmas of the mask calculus are proved and the
    formula is in its language; (None, the reason) otherwise."""
    bad = _unproved_lemmas()
    if bad:
        return None, f"a lemma of the mask calculus was not proved: {bad}"
    try:
        return mask_form(formula), ""
    except NoMaskForm as exc:
        return None, f"the formula is outside the language of the mask calculus ({exc})"


def prove_commute(formula: sp.Basic) -> tuple[bool, str]:
    r"""(proved, reason): the defect ``formula`` vanishes exactly when
    :math:`[\Sigma_x, \Sigma_{xy}\Sigma_{xy}^\top] = 0`, for every d, p, multiplicity pattern, PSD
    :math:`\Sigma_x \ne 0` and admissible U (:data:`COMMUTE_PROOF`).

    The structure the proof needs, checked on the formula: the square of its :func:`mask_form` is
    P/Q with Q nonzero and P a polynomial in r, k_o, k_d with coefficients of one sign; then P = 0 iff
    every monomial vanishes, so it vanishes exactly when r = 0 iff every monomial contains r and one
    is free of k_o (k_d > 0).

    >>> prove_commute(FrobeniusDistance(Sigma_x, Pinching(Sigma_x, GRAM)))
    (True, '')
    """
    form, why = _proved_mask_form(formula)
    if form is None:
        return False, why
    num, den = sp.fraction(sp.cancel(sp.together(form**2)))
    if not _nonzero(den):
        return False, (f"the square of its mask form {sp.sstr(form)} has a denominator {sp.sstr(den)} not "
                       "known to be nonzero")
    try:
        poly = sp.Poly(num, R_OFF, K_OFF, K_DIAG)
    except sp.PolynomialError:
        return False, f"the square of its mask form {sp.sstr(form)} is not a polynomial in r, k_o, k_d"
    coeffs = poly.coeffs()
    if poly.is_zero or any(c.has(R_OFF, K_OFF, K_DIAG) for c in coeffs):
        return False, f"the square of its mask form {sp.sstr(form)} is not a polynomial in r, k_o, k_d"
    if not (all(c.is_positive is True for c in coeffs) or all(c.is_negative is True for c in coeffs)):
        return False, (f"the square of its mask form, {sp.sstr(num)} over {sp.sstr(den)}, has coefficients "
                       "of both (or unknown) signs: its zero set is not read off the monomials")
    monos = poly.monoms()
    if not all(mo[0] > 0 for mo in monos):
        return False, (f"its square {sp.sstr(num)} over {sp.sstr(den)} has a monomial free of r: it does not "
                       "vanish with r = 0 for every admissible U and data (the commutator can vanish while "
                       "the defect does not)")
    if not any(mo[1] == 0 for mo in monos):
        return False, (f"every monomial of its square {sp.sstr(num)} contains k_o: it vanishes with k_o = 0 "
                       "even where r > 0")
    return True, ""
