r"""The truth behind the condition on Q of Thm. 1 / (15) and Thm. 3 of paper 1, computed without any
condition: at a given invertible Q, does the form keep solving the dynamics?

* :func:`form_solves_flow` -- (15) with eps = 0 and the modes
  :math:`\dot a_i = a_i(\sigma_i - \lambda_i a_i^2)` (:math:`a_i = \sqrt{w_i}`, the mode ODE derived
  from (12), :func:`symdln.continuous.mode_rhs`) substituted into (12)
  (:func:`symdln.continuous.flow_12_L2`);
* :func:`form_kept_by_step` -- one gradient step of Sec. 3.2 (:func:`symdln.discrete.gd_step_two_layer`)
  from the form of Thm. 3;
* :func:`family_truth` -- the same, identically in the Cayley parameter s of the rotations and
  reflections of r = 2 (:data:`FAMILIES`).

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
    "Truth",
    "cayley",
    "family_truth",
    "form_kept_by_step",
    "form_solves_flow",
    "rotation",
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
    sig = [*s["sigma"], *[sp.Integer(0)] * n]
    lam = s["lambda"]  # no mode of Sigma_x beyond d: a_i, i > d, enters neither layer
    adot = [sp.cancel(mode_ode(ai**2, sig[i], lam[i]) / (2 * ai)) if i < d else sp.Integer(0)
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
