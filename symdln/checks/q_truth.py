r"""The truth behind the condition on Q of Thm. 1 / (15) and Thm. 3 of paper 1, computed without any
condition: at a given invertible Q, does the form keep solving the dynamics?

* :func:`form_solves_flow` -- (15) with eps = 0 and the modes
  :math:`\dot a_i = a_i(\sigma_i - \lambda_i a_i^2)` (:math:`a_i = \sqrt{w_i}`, the mode ODE derived
  from (12), :func:`symdln.continuous.mode_rhs`) substituted into (12)
  (:func:`symdln.continuous.flow_12_L2`);
* :func:`form_kept_by_step` -- one gradient step of Sec. 3.2 (:func:`symdln.discrete.gd_step_two_layer`)
  from the form of Thm. 3;
* :func:`family_truth` -- the same, identically in the Cayley parameter s of the rotations and
  reflections of r = 2 (:data:`FAMILIES`);
* :func:`general_truth` -- for every d, p, r and invertible Q: the form is kept iff Q Q^T = I, the
  package's (12) and GD step on matrices of symbolic sizes as noncommutative word polynomials
  (:func:`words`), read mode by mode.

Both run the package's (12) and GD step in exact polynomial arithmetic over
:math:`\mathbb{Q}[a_i, \sigma_i, \lambda_i, \eta]` (SymPy ``DomainMatrix``, wrapped by :class:`_PM`) at the
data :data:`DATA` (d = p = r with two (U, V) for r = 2, and d = 3 > r = p = 2): the residual is the zero
polynomial -- the form is kept for every trajectory (uniqueness of the solution of (12); induction on
the steps) -- or it is nonzero at an exact rational point of the domain (:data:`POINTS`, t = 0), a
certified failure.

>>> form_solves_flow(sp.diag(2, 1)).holds, form_kept_by_step(sp.Matrix([[0, 1], [1, 0]])).holds
(False, True)
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import sympy as sp

__all__ = [
    "DATA",
    "FAMILIES",
    "POINTS",
    "Q_INVERSES",
    "TRANSPOSE",
    "GeneralTruth",
    "NoWord",
    "Truth",
    "cayley",
    "family_truth",
    "form_kept_by_step",
    "form_solves_flow",
    "general_truth",
    "reduced_word",
    "rotation",
    "word_add",
    "word_mul",
    "words",
]

_R = sp.Rational


def cayley(n: int, *upper: sp.Expr) -> sp.Matrix:
    """The Cayley transform of the skew n x n matrix with the given entries above the diagonal."""
    from symdln.certify.exact import cayley_orthogonal

    K = sp.zeros(n, n)
    for (i, j), v in zip(itertools.combinations(range(n), 2), upper, strict=True):
        K[i, j], K[j, i] = v, -v
    return cayley_orthogonal(K)


def rotation(s: sp.Expr) -> sp.Matrix:
    """The rotation with Cayley parameter s, :math:`s = \\tan(\\theta/2)`."""
    return sp.Matrix([[1 - s**2, -2 * s], [2 * s, 1 - s**2]]) / (1 + s**2)


#: the one-parameter families of r = 2 (all rotations but -I; the reflections), in the Cayley parameter s
FAMILIES: dict[str, Callable[[sp.Expr], sp.Matrix]] = {
    "rotation(s)": lambda s: rotation(s), "rotation(s) * diag(1, -1)": lambda s: rotation(s) * sp.diag(1, -1)}

#: (d, p, U, V) at which the truth is decided for an r x r Q: d = p = r (two data sets for r = 2), and
#: d = 3 > r = p = 2
DATA: dict[int, tuple[tuple[int, int, sp.Matrix, sp.Matrix], ...]] = {
    1: ((1, 1, sp.eye(1), sp.eye(1)),),
    2: ((2, 2, cayley(2, _R(1, 2)) * sp.diag(1, -1), cayley(2, _R(1, 3))),
        (2, 2, sp.eye(2), cayley(2, 2)),
        (3, 2, cayley(3, 1, 2, _R(1, 2)), cayley(2, _R(1, 3)))),
    3: ((3, 3, cayley(3, 1, 2, _R(1, 2)), cayley(3, _R(1, 3), 1, 0)),),
}
#: rational points (a_i(0) = e^{-delta_i} in (0, 1), sigma_1 > sigma_2 > ... > 0, lambda_i > 0, eta with
#: 2 eta sigma_1 < 1) at which a nonzero residual is certified; every w_i'(0) > 0 there
POINTS = (
    ((_R(1, 2), _R(1, 3), _R(1, 5)), (2, 1, _R(1, 2)), (1, 3, 2, 1), _R(1, 8)),
    ((_R(1, 3), _R(1, 2), _R(1, 4)), (3, 2, 1), (2, 1, 1, 3), _R(1, 16)),
)


# ---------------------------------------------------------------------------- exact arithmetic
class _PM:
    """A ``DomainMatrix`` with the operators the package's (12) and GD step use (``*``, ``+``, ``-``,
    ``.T``): they then run in exact polynomial arithmetic."""

    __slots__ = ("m",)

    def __init__(self, m: Any) -> None:
        self.m = m

    def __mul__(self, other: Any) -> _PM:
        return _PM(self.m * (other.m if isinstance(other, _PM) else other))

    def __rmul__(self, other: Any) -> _PM:
        return _PM(self.m * other)

    def __add__(self, other: _PM) -> _PM:
        return _PM(self.m + other.m)

    def __sub__(self, other: _PM) -> _PM:
        return _PM(self.m - other.m)

    @property
    def T(self) -> _PM:
        return _PM(self.m.transpose())


@dataclass(frozen=True)
class Truth:
    """Whether the form with a given Q is kept (``None``: undecided), and what shows it."""

    holds: bool | None
    evidence: dict[str, Any]


ModeODE = Callable[[sp.Expr, sp.Expr, sp.Expr], sp.Expr]


def _setup(Qm: sp.Matrix, d: int, p: int, U: sp.Matrix, V: sp.Matrix, param: sp.Symbol | None,
           with_eta: bool) -> dict[str, Any]:
    """The ring, the symbols and the matrices of the form at (d, p, U, V) with Q = Qm."""
    from sympy.polys.matrices import DomainMatrix

    from symdln.continuous import rect_diag

    n = Qm.rows
    a = sp.symbols(f"a1:{n + 1}", positive=True)
    sig = [sp.Symbol(f"sigma{i + 1}", positive=True) for i in range(min(d, p))]
    lam = sp.symbols(f"lambda1:{d + 1}", positive=True)
    eta = sp.Symbol("eta", positive=True)
    gens = (*a, *sig, *lam, *((eta,) if with_eta else ()))
    K = (sp.QQ.frac_field(param) if param is not None else sp.QQ).poly_ring(*gens)

    def pm(M: sp.Matrix) -> _PM:
        M = sp.Matrix(M)
        return _PM(DomainMatrix([[K.from_sympy(x) for x in row] for row in M.tolist()], M.shape, K))

    Uk, Vk, Qk, Qi = pm(U), pm(V), pm(Qm), pm(Qm.inv().applyfunc(sp.cancel))
    return {"K": K, "pm": pm, "a": a, "sigma": sig, "lambda": lam, "eta": eta, "U": Uk, "V": Vk, "Q": Qk,
            "Qi": Qi, "W1": Uk * pm(rect_diag(list(a), d, n)) * Qk,
            "W2": Qi * pm(rect_diag(list(a), n, p)) * Vk.T,
            "Sx": Uk * pm(sp.diag(*lam)) * Uk.T, "Sxy": Uk * pm(rect_diag(sig, d, p)) * Vk.T}


def _point(s: dict[str, Any], k: int) -> dict[sp.Symbol, sp.Expr]:
    a, sig, lam, eta = POINTS[k]
    return {**dict(zip(s["a"], a, strict=False)), **dict(zip(s["sigma"], sig, strict=False)),
            **dict(zip(s["lambda"], lam, strict=False)), s["eta"]: eta}


def _first_nonzero(mats: Sequence[tuple[str, Any]], s: dict[str, Any]) -> tuple[dict, str, str] | None:
    """An exact rational point of :data:`POINTS` where an entry of one of ``mats`` is nonzero."""
    explicit = [(name, m.to_Matrix()) for name, m in mats]
    for k in range(len(POINTS)):
        pt = _point(s, k)
        for name, M in explicit:
            v = M.xreplace(pt)
            if any(e != 0 for e in v):
                return pt, name, sp.sstr(v.tolist())
    return None


def _data_where(d: int, p: int, U: sp.Matrix, V: sp.Matrix, n: int) -> dict[str, Any]:
    return {"d, r, p": [d, n, p], "U": sp.sstr(U.tolist()), "V": sp.sstr(V.tolist())}


def _pt_text(pt: dict[sp.Symbol, sp.Expr]) -> dict[str, str]:
    return {str(k): str(v) for k, v in pt.items()}


def _flow_residual(Qm: sp.Matrix, d: int, p: int, U: sp.Matrix, V: sp.Matrix, mode_ode: ModeODE,
                   param: sp.Symbol | None = None) -> tuple[dict[str, Any], list[tuple[str, Any]]]:
    from symdln.continuous import flow_12_L2, rect_diag

    s = _setup(Qm, d, p, U, V, param, with_eta=False)
    n = Qm.rows
    sig, lam = s["sigma"], s["lambda"]
    # the modes of both layers (i < min(d, p)) follow the mode ODE; a mode i >= p (i < d) is in W_1 only,
    # a mode i >= d in W_2 only: (12) leaves both constant
    adot = [sp.cancel(mode_ode(ai**2, sig[i], lam[i]) / (2 * ai)) if i < min(d, p) else sp.Integer(0)
            for i, ai in enumerate(s["a"])]
    D1 = s["U"] * s["pm"](rect_diag(adot, d, n)) * s["Q"]  # d/dt of (15) with U, V, Q constant
    D2 = s["Qi"] * s["pm"](rect_diag(adot, n, p)) * s["V"].T
    F1, F2 = flow_12_L2(s["W1"], s["W2"], s["Sx"], s["Sxy"])
    return s, [("d/dt W_1 - (12)", (D1 - F1).m), ("d/dt W_2 - (12)", (D2 - F2).m)]


def _step_residual(Qm: sp.Matrix, d: int, p: int, U: sp.Matrix, V: sp.Matrix,
                   param: sp.Symbol | None = None) -> tuple[dict[str, Any], list[tuple[str, Any]]]:
    from symdln.discrete import gd_step_two_layer

    s = _setup(Qm, d, p, U, V, param, with_eta=True)
    n = Qm.rows
    N1, N2 = gd_step_two_layer(s["W1"], s["W2"], s["Sx"], s["Sxy"], s["K"].from_sympy(s["eta"]))
    R1, R2 = (s["U"].T * N1 * s["Qi"]).m, (s["Q"] * N2 * s["V"]).m  # diag(a') and diag(a') if kept
    E1, E2 = R1.to_Matrix(), R2.to_Matrix()
    off = [M[i, j] for M in (E1, E2) for i in range(M.rows) for j in range(M.cols) if i != j]
    off_m = sp.Matrix(off or [0])
    common = sp.Matrix([E1[i, i] - E2[i, i] for i in range(min(d, n, p))])
    return s, [("off-diagonal entries of U^T W_1^(1) Q^-1, Q W_2^(1) V", s["pm"](off_m).m),
               ("U^T W_1^(1) Q^-1 - Q W_2^(1) V on the diagonal", s["pm"](common).m),
               ("U^T W_1^(1) Q^-1", R1), ("Q W_2^(1) V", R2)]


def _truth(kind: str, Qm: sp.Matrix, mode_ode: ModeODE) -> Truth:
    n = Qm.rows
    for d, p, U, V in DATA[n]:
        if kind == "flow":
            s, mats = _flow_residual(Qm, d, p, U, V, mode_ode)
            shown: list[tuple[str, Any]] = []
        else:
            s, mats = _step_residual(Qm, d, p, U, V)
            mats, shown = mats[:2], mats[2:]
        if all(m.is_zero_matrix for _, m in mats):
            continue
        found = _first_nonzero(mats, s)
        where = _data_where(d, p, U, V, n)
        if found is None:  # pragma: no cover - the points are generic for every Q of the list
            return Truth(None, {**where, "notes": "not the zero polynomial, zero at every point tried"})
        pt, name, value = found
        at_point = {nm: sp.sstr(m.to_Matrix().xreplace(pt).tolist()) for nm, m in shown}
        return Truth(False, {**where, "a_i": "sqrt(w_i(0)) = e^{-delta_i}", **_pt_text(pt), "t": 0,
                             name: value, **at_point})
    variables = "a_i, sigma_i, lambda_i" + (", eta" if kind == "step" else "")
    return Truth(True, {"residual": f"the zero polynomial in {variables}",
                        "data (d, r, p)": [[d, n, p] for d, p, _, _ in DATA[n]]})


def form_solves_flow(Qm: sp.Matrix, mode_ode: ModeODE | None = None) -> Truth:
    r"""Whether (15) with eps = 0 and Q = ``Qm`` solves (12): :math:`\frac{d}{dt}` of the form, with
    :math:`\dot a_i` = ``mode_ode``:math:`(a_i^2, \sigma_i, \lambda_i)/(2a_i)` (default: the mode ODE
    :func:`symdln.continuous.mode_rhs`), minus (12), exactly, at the data :data:`DATA`.  ``holds`` is
    True if the residual is the zero polynomial in the :math:`a_i, \sigma_i, \lambda_i` (then, by
    uniqueness, the form is the solution from every :math:`a_i(0)`), False with a rational point of the
    domain where it is not.

    >>> form_solves_flow(sp.diag(2, 1)).holds, form_solves_flow(sp.Matrix([[0, 1], [1, 0]])).holds
    (False, True)
    """
    if mode_ode is None:
        return _cached_truth("flow", sp.ImmutableMatrix(Qm))
    return _truth("flow", Qm, mode_ode)


def form_kept_by_step(Qm: sp.Matrix) -> Truth:
    r"""Whether one gradient step of Sec. 3.2 (:func:`symdln.discrete.gd_step_two_layer`) from
    :math:`W_1 = U\,\mathrm{diag}(a_i)\,Q`, :math:`W_2 = Q^{-1}\mathrm{diag}(a_i)V^\top` (Q = ``Qm``)
    gives the same form: :math:`U^\top W_1' Q^{-1}` and :math:`Q W_2' V` one common diagonal,
    identically in :math:`a_i, \sigma_i, \lambda_i, \eta` (then every step keeps it, by induction); False
    with a rational point of Thm. 3's domain where not.

    >>> form_kept_by_step(sp.diag(2, 1)).holds, form_kept_by_step(-sp.eye(2)).holds
    (False, True)
    """
    return _cached_truth("step", sp.ImmutableMatrix(Qm))


@functools.cache
def _cached_truth(kind: str, Qm: sp.ImmutableMatrix) -> Truth:
    from symdln.continuous import mode_rhs

    return _truth(kind, sp.Matrix(Qm), mode_rhs)


@functools.cache
def family_truth(kind: str, family: str) -> bool:
    """Whether the form is kept (``kind`` "flow": (15) solves (12); "step": one GD step keeps it) for
    every Q of the family ``family`` of :data:`FAMILIES`, identically in the Cayley parameter s and the
    a_i, sigma_i, lambda_i (and eta), at every data set of r = 2 of :data:`DATA`.

    >>> family_truth("step", "rotation(s) * diag(1, -1)")
    True
    """
    from symdln.continuous import mode_rhs

    s = sp.Symbol("s", real=True)
    Qs = FAMILIES[family](s)
    for d, p, U, V in DATA[2]:
        if kind == "flow":
            _, mats = _flow_residual(Qs, d, p, U, V, mode_rhs, param=s)
        else:
            _, mats = _step_residual(Qs, d, p, U, V, param=s)
            mats = mats[:2]
        if not all(m.is_zero_matrix for _, m in mats):  # pragma: no cover - orthogonal Q keep the form
            return False
    return True


# ---------------------------------------------------------------------------- every size
#: a noncommutative polynomial in matrix letters: each word (a tuple of letters) with its coefficient
WordPoly = dict[tuple[str, ...], sp.Expr]

#: the transpose of each letter: U (d x d), V (p x p), Q, Q^-1 (r x r) and the padded diagonal
#: matrices A = D_{d x r}(a), B = D_{r x p}(a), Lam = D_{d x d}(lambda), S = D_{d x p}(sigma)
TRANSPOSE = {"U": "Ut", "V": "Vt", "Q": "Qt", "Qi": "Qit", "A": "At", "B": "Bt", "S": "St"}
TRANSPOSE |= {**{v: k for k, v in TRANSPOSE.items()}, "Lam": "Lam"}
#: the inverse pairs of every invertible Q: Q Q^-1 = Q^-1 Q = I, and transposed
Q_INVERSES = {"Q": "Qi", "Qi": "Q", "Qt": "Qit", "Qit": "Qt"}
#: the shape of each padded diagonal letter, in the sizes d, r, p
_SHAPE = {"A": ("d", "r"), "At": ("r", "d"), "B": ("r", "p"), "Bt": ("p", "r"), "Lam": ("d", "d"),
          "S": ("d", "p"), "St": ("p", "d")}


class NoWord(ValueError):
    """A matrix expression that is not a polynomial in the letters of :data:`TRANSPOSE`."""


def reduced_word(word: Sequence[str], inverses: dict[str, str]) -> tuple[str, ...]:
    """``word`` freely reduced: adjacent letters x, inverses[x] cancel."""
    out: list[str] = []
    for x in word:
        if out and inverses.get(out[-1]) == x:
            out.pop()
        else:
            out.append(x)
    return tuple(out)


def word_mul(inverses: dict[str, str], *factors: WordPoly) -> WordPoly:
    """The product of word polynomials, every word freely reduced with the pairs ``inverses``."""
    out: WordPoly = {(): sp.S.One}
    for f in factors:
        acc: WordPoly = {}
        for w1, c1 in out.items():
            for w2, c2 in f.items():
                w = reduced_word(w1 + w2, inverses)
                acc[w] = acc.get(w, sp.S.Zero) + c1 * c2
        out = {w: c for w, c in ((w, sp.expand(c)) for w, c in acc.items()) if c != 0}
    return out


def word_add(*terms: WordPoly) -> WordPoly:
    acc: WordPoly = {}
    for t in terms:
        for w, c in t.items():
            acc[w] = acc.get(w, sp.S.Zero) + c
    return {w: c for w, c in ((w, sp.expand(c)) for w, c in acc.items()) if c != 0}


def words(e: sp.Basic, inverses: dict[str, str]) -> WordPoly:
    r"""A matrix expression in ``MatrixSymbol`` s named as the letters of :data:`TRANSPOSE` as a word
    polynomial, reduced with ``inverses``: X^T and X^* (real matrices) reverse a word and transpose its
    letters, X^{-1} of a word with a nonzero numerical coefficient inverts it (:data:`Q_INVERSES`),
    identities are the empty word, scalars coefficients.  :class:`NoWord` for anything else.

    >>> Q = sp.MatrixSymbol("Q", 2, 2)
    >>> words(Q.T * Q * Q.inv() - Q.T, Q_INVERSES)
    {}
    """
    if isinstance(e, sp.MatrixSymbol) and e.name in TRANSPOSE:
        return {(e.name,): sp.S.One}
    if isinstance(e, sp.Identity):
        return {(): sp.S.One}
    if isinstance(e, sp.ZeroMatrix):
        return {}
    if isinstance(e, (sp.Transpose, sp.Adjoint)):
        return {tuple(TRANSPOSE[x] for x in reversed(w)): c for w, c in words(e.arg, inverses).items()}
    if isinstance(e, sp.Inverse) or (isinstance(e, sp.MatPow) and e.exp.is_Integer):
        base, k = (e.arg, -1) if isinstance(e, sp.Inverse) else (e.base, int(e.exp))
        poly = words(base, inverses)
        if k < 0:
            (w, c), = poly.items() if len(poly) == 1 else (((), sp.S.Zero),)
            if not c.is_number or c == 0 or any(x not in Q_INVERSES for x in w):
                raise NoWord(f"no inverse of {sp.sstr(base)} in words")
            poly = {tuple(Q_INVERSES[x] for x in reversed(w)): 1 / c}
        return word_mul(inverses, *[poly] * abs(k))
    if isinstance(e, sp.MatMul):
        return word_mul(inverses, *(words(a, inverses) for a in e.args))
    if isinstance(e, sp.MatAdd):
        return word_add(*(words(a, inverses) for a in e.args))
    if isinstance(e, sp.Expr) and not isinstance(e, sp.MatrixExpr) and not e.has(sp.MatrixSymbol):
        return {(): e} if e != 0 else {}
    raise NoWord(f"{sp.sstr(e)} is not a word polynomial in the letters {', '.join(sorted(TRANSPOSE))}")


def _strip(poly: WordPoly, prefix: tuple[str, ...], suffix: tuple[str, ...]) -> WordPoly | None:
    """The polynomial M with ``poly`` = prefix M suffix, M in padded diagonal letters; else None."""
    out: WordPoly = {}
    for w, c in poly.items():
        core = w[len(prefix):len(w) - len(suffix)]
        if w[:len(prefix)] != prefix or w[len(w) - len(suffix):] != suffix or not core \
                or any(x not in _SHAPE for x in core):
            return None
        out[core] = out.get(core, sp.S.Zero) + c
    return out


def _mode(poly: WordPoly, inside: dict[str, bool], value: dict[str, sp.Expr]) -> sp.Expr:
    """Mode i of a polynomial in padded diagonal letters, for an i with ``inside[n]`` = (i < n) for the
    sizes n = d, r, p: a word X_1 ... X_k through the sizes n_0, ..., n_k is the padded diagonal of
    the product of the entries times [i < n_j] for every j (:func:`padded_diagonal_product`, k - 1
    times; a mode outside min(n_0, n_k) is no entry)."""
    total = sp.S.Zero
    for w, c in poly.items():
        dims = [_SHAPE[w[0]][0], *(_SHAPE[x][1] for x in w)]
        assert all(_SHAPE[x][1] == _SHAPE[y][0] for x, y in itertools.pairwise(w)), w
        if all(inside[n] for n in dims):
            total += c * sp.Mul(*(value[x] for x in w))
    return sp.expand(total)


def _split(poly: WordPoly, at: tuple[str, ...], left: bool) -> tuple[WordPoly, WordPoly | None]:
    """``poly`` = rest + (at M or M at): the words without ``at`` (on that side), and M."""
    n = len(at)
    with_at = {w: c for w, c in poly.items() if (w[:n] if left else w[len(w) - n:]) == at}
    rest = {w: c for w, c in poly.items() if w not in with_at}
    return rest, _strip(with_at, at if left else (), () if left else at)


@dataclass(frozen=True)
class GeneralTruth:
    """Whether the truth (the form is kept) is proved to be Q Q^T = I for every size, and how."""

    proved: bool
    proof: str


@functools.cache
def general_truth(kind: str) -> GeneralTruth:
    r"""Prove, for every d, p, r and invertible Q, that the form is kept (``kind`` "flow": (15) solves
    (12); "step": one GD step of Sec. 3.2 keeps it) for every U, V, Sigma_x, Sigma_xy of Assump. 1
    (eps = 0) and every a_i(0) (and eta) **iff** Q Q^T = I (the proof in :attr:`GeneralTruth.proof`):
    the package's (12) and GD step on ``MatrixSymbol`` s of symbolic sizes as word polynomials
    (:func:`words`), read mode by mode (:func:`_mode`) in each of the 8 cases (i < d, i < r, i < p),
    and the scalar step of the 'only if' proved by z3.

    >>> general_truth("flow").proved, general_truth("step").proved
    (True, True)
    """
    from symdln.certify.smt import Translation
    from symdln.checks.architecture import padded_diagonal_product
    from symdln.continuous import flow_12_L2, mode_rhs
    from symdln.discrete import gd_step_two_layer

    d, p, r = sp.symbols("d p r", positive=True, integer=True)
    U, V, Q = sp.MatrixSymbol("U", d, d), sp.MatrixSymbol("V", p, p), sp.MatrixSymbol("Q", r, r)
    A, B, Lam, S = (sp.MatrixSymbol(n, *(dict(d=d, r=r, p=p)[x] for x in _SHAPE[n]))
                    for n in ("A", "B", "Lam", "S"))
    a, sig, lam, eta = sp.symbols("a sigma lambda eta", positive=True)
    value = {"A": a, "At": a, "B": a, "Bt": a, "Lam": lam, "S": sig, "St": sig}
    inv = {**Q_INVERSES, "U": "Ut", "Ut": "U", "V": "Vt", "Vt": "V"}
    W1, W2, Sx, Sxy = U * A * Q, Q.inv() * B * V.T, U * Lam * U.T, U * S * V.T

    def letter(*w: str) -> WordPoly:
        return {w: sp.S.One}

    if kind == "flow":
        F1, F2 = flow_12_L2(W1, W2, Sx, Sxy)
        G1 = _strip(word_mul(inv, letter("Ut"), words(F1, inv)), (), ("Qit",))  # (12) = U G1 Q^-T
        G2 = _strip(word_mul(inv, words(F2, inv), letter("V")), ("Qt",), ())  # ... and Q^T G2 V^T
        rest1: WordPoly = {}
        rest2: WordPoly = {}
    else:
        N1, N2 = gd_step_two_layer(W1, W2, Sx, Sxy, eta)
        rest1, H1 = _split(word_mul(inv, letter("Ut"), words(N1, inv), letter("Qi")), ("Qit", "Qi"), False)
        rest2, H2 = _split(word_mul(inv, letter("Q"), words(N2, inv), letter("V")), ("Q", "Qt"), True)
        G1, G2 = ({w: sp.expand(c / eta) for w, c in H.items()} if H is not None else None for H in (H1, H2))
    if G1 is None or G2 is None or (kind == "step" and (rest1, rest2) != (letter("A"), letter("B"))) \
            or not padded_diagonal_product():  # pragma: no cover - the reduction reaches this form
        return GeneralTruth(False, "the reduction of the matrix expressions did not reach the form")
    rate = sp.cancel(mode_rhs(a**2, sig, lam) / (2 * a))
    for case in itertools.product((False, True), repeat=3):
        inside = dict(zip("drp", case, strict=True))
        g1, g2 = _mode(G1, inside, value), _mode(G2, inside, value)
        every = all(case)  # the modes of both layers: i < min(d, r, p)
        if kind == "flow":
            ok = (not (inside["d"] and inside["r"]) or g1 == (rate if every else 0)) and \
                 (not (inside["r"] and inside["p"]) or g2 == (rate if every else 0))
        else:
            ok = not every or sp.expand(g1 - g2) == 0
        if not ok:  # pragma: no cover - orthogonal Q keep the form
            return GeneralTruth(False, f"the modes of G_1, G_2 differ in the case {inside}")
    at = {a: POINTS[0][0][0], sig: POINTS[0][1][0], lam: POINTS[0][2][0]}  # a point of the domain
    g = _mode(G1, dict.fromkeys("drp", True), value).xreplace(at)  # d = p = r: G_1 = G_2 = diag(g_i)
    P_Pinv = word_mul(inv, letter("Q", "Qt"), letter("Qit", "Qi"))  # (Q Q^T)^-1 = Q^-T Q^-1
    gz, qz = sp.symbols("g q", real=True)
    scalar = Translation().prove(sp.And(sp.Ne(gz, 0), qz > 0, sp.Eq(gz / qz, qz * gz)), sp.Eq(qz, 1))
    if g == 0 or P_Pinv != {(): 1} or scalar.status != "proved":  # pragma: no cover
        return GeneralTruth(False, "the 'only if' step at d = p = r was not proved")
    text = _PROOF[kind]
    for key, v in (("<g>", g), ("<a>", at[a]), ("<s>", at[sig]), ("<l>", at[lam])):
        text = text.replace(key, str(v))
    return GeneralTruth(True, text)


_PROOF_COMMON = (
    "written as words and reduced with U^T U = U U^T = I, V^T V = V V^T = I (U d x d, V p x p orthogonal), "
    "Q Q^-1 = Q^-1 Q = I, at W_1 = U A Q, W_2 = Q^-1 B V^T, Sigma_x = U Lam U^T, Sigma_xy = U S V^T, with "
    "A = D_{d x r}(a), B = D_{r x p}(a), Lam, S padded diagonal and d, p, r symbolic, is <form>, G_1, G_2 "
    "polynomials in the padded diagonals, read mode by mode (a product of padded diagonals is the padded "
    "diagonal of the products, cut at the inner sizes: SymPy over a symbolic size) in each of the 8 cases "
    "i < d, i < r, i < p; ")
_ONLY_IF = (
    "(iii) only if: at d = p = r, U = V = I, where g_i = a_i(sigma_i - lambda_i a_i^2) = <g> != 0 (a_i = "
    "<a>, sigma_i = <s>, lambda_i = <l>), a kept form has a common diagonal <rates> = G (QQ^T)^-1 = QQ^T G "
    "(G = diag(g_i)), so P = QQ^T is diagonal with p_ii > 0 and g_i / p_ii = p_ii g_i, whence p_ii = 1 "
    "(z3): Q Q^T = I (and Q^T Q = I, Q square)")
_PROOF = {
    "flow": "the truth, (15) solves (12) for every d, p, U, V, Sigma_x, Sigma_xy and a_i(0), is Q Q^T = I "
            "for every r and invertible Q: (i) the package's (12), "
            + _PROOF_COMMON.replace("<form>", "(U G_1 Q^-T, Q^T G_2 V^T)")
            + "(ii) if Q^T Q = I (Q^-1 = Q^T): (12) is (U G_1 Q, Q^-1 G_2 V^T), and G_1, G_2 are the padded "
            "diagonals of a_i' = a_i(sigma_i - lambda_i a_i^2) (the mode ODE) for i < min(d, r, p) and of 0 "
            "for the other modes (in one layer only): (15) with these a_i solves (12), the solution by "
            "uniqueness; " + _ONLY_IF.replace("<rates>", "diag(a_i')"),
    "step": "the truth, one GD step of Sec. 3.2 keeps the form for every d, p, U, V, Sigma_x, Sigma_xy, "
            "a_i and eta, is Q Q^T = I for every r and invertible Q: (i) the package's GD step, "
            + _PROOF_COMMON.replace("<form>", "U (A + eta G_1 (QQ^T)^-1) Q and Q^-1 (B + eta QQ^T G_2) V^T")
            + "(ii) if Q^T Q = I: the new layers are U (A + eta G_1) Q and Q^-1 (B + eta G_2) V^T, whose "
            "modes agree for i < min(d, r, p) (each other mode is in one layer only): the form is kept, "
            "at every step by induction; " + _ONLY_IF.replace("<rates>", "(a_i' - a_i)/eta"),
}
