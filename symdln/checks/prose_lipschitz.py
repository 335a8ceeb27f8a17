r"""The step-size sentence of Sec. 3.2 of paper 1 ('Why the discrete analysis is challenging', s7):
"In this section, we consider realistic conditions on the step-size (namely, it has to be smaller than
the Lipschitz constant and some notion of eigen-gap) without any dependence on the horizon."

The conditions it describes are Thm. 3's :math:`2\eta\sigma_i < 1` and Cor. 3's C1
:math:`\eta < 1/(2\sigma_1)`, C2 :math:`\eta < 2(\sigma_i - \sigma_{i+1})/\sigma_i^2` and C3
:math:`\eta < (\sigma_i - \sigma_{i+1})/(2\sigma_{i+1}^2)`.  "Realistic" states no criterion.  "Smaller
than the Lipschitz constant" is read :math:`\eta < 1/L` (the usual form; the literal :math:`\eta < L` is
another condition, recorded).  Which L:

* a global constant of :math:`\nabla f`, f of eq. (2) with L = 2 layers: there is none (a Hessian entry
  is :math:`\lambda b^2`, unbounded; :func:`global_lipschitz`), so the sentence needs a local constant;
* per mode, the reading of Thm. 3's analysis: on its invariant set :math:`W_1 = U\,\mathrm{diag}(a)\,Q`,
  :math:`W_2 = Q^\top\mathrm{diag}(b)\,V^\top` (Q orthogonal, thm3.form) f is the sum of the modes'
  :math:`l(a, b) = \lambda a^2b^2/2 - \sigma ab` (derived), and along the balanced path a = b from 0 to the
  learned point :math:`a^2 = \sigma/\lambda` the spectrum of the Hessian of l lies in
  :math:`[-\sigma, 2\sigma]`, with :math:`2\sigma` attained (z3, every :math:`\lambda, \sigma > 0`):
  :math:`L = 2\sigma_i` (:func:`mode_constant`, :func:`certify_mode_constant`), so C1 is exactly
  :math:`\eta < 1/L`;
* the full Hessian of :math:`f(W_1, W_2)` at the same points: directions coupling modes :math:`i \ne j`
  have curvature :math:`\lambda_i b_j^2` (derived) and can exceed :math:`2\sigma_1`
  (:func:`full_hessian_reading`: the smallest exact counterexample).

Checks: :func:`judge_lipschitz_condition` judges a condition under test against :math:`\eta < 1/L`
(per-mode L); :func:`check_step_conditions` judges the registry's conditions of Thm. 3 and Cor. 3 (C2 and
C3 bound :math:`\eta` by relative eigen-gaps; none involves the horizon).
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Callable, Mapping, Sequence
from fractions import Fraction
from typing import Any

import sympy as sp

from symdln import notation as nt
from symdln.verdict import CheckResult, Evidence, Verdict

__all__ = [
    "certify_mode_constant",
    "check_step_conditions",
    "full_hessian_reading",
    "global_lipschitz",
    "judge_lipschitz_condition",
    "mode_constant",
    "objective",
]

R = sp.Rational
ETA, SIGMA, LAM = nt.eta, nt.sigma, nt.lam
#: the per-layer value of a mode on Thm. 3's balanced path (a = b = s)
S = sp.Symbol("s", nonnegative=True)
MU = sp.Symbol("mu", real=True)
#: the two modes of the full-Hessian reading
LAMS, SIGS = sp.symbols("lambda_1:3", positive=True), sp.symbols("sigma_1:3", positive=True)
AS, BS = sp.symbols("a_1:3", real=True), sp.symbols("b_1:3", real=True)
#: Cor. 3's symbols: sigma_1 >= sigma_i > sigma_(i+1) > 0
S1, SI, SN = sp.symbols("sigma_1 sigma_i sigma_(i+1)", positive=True)
#: names of symbols that stand for a time or a horizon
HORIZON = frozenset({"t", "delta", "w_t", "w_next", "tau", "T", "k"})


def objective(layers: Sequence[sp.Matrix], Sx: sp.Matrix, Sxy: sp.Matrix) -> sp.Expr:
    r"""f of eq. (2) without its constant :math:`\|Y\|^2/(2n)`:
    :math:`\frac12\mathrm{tr}(W^\top\Sigma_xW) - \mathrm{tr}(W^\top\Sigma_{xy})`, :math:`W = W_1\cdots W_L`
    (:func:`covariance_lemma` checks it against (2)).

    >>> objective([sp.Matrix([[2]]), sp.Matrix([[3]])], sp.Matrix([[1]]), sp.Matrix([[4]]))
    -6
    """
    W = functools.reduce(lambda x, y: x * y, layers)
    return sp.expand((W.T * Sx * W).trace() / 2 - (W.T * Sxy).trace())


@functools.cache
def covariance_lemma() -> bool:
    """(2) equals :func:`objective` plus :math:`\\|Y\\|^2/(2n)`: SymPy, symbolic X, Y (3 x 2), W (2 x 2)."""
    from symdln.checks._identity import symbolic_matrix
    from symdln.linear import data_covariances, least_squares_objective

    X, Y, W = symbolic_matrix("X", 3, 2), symbolic_matrix("Y", 3, 2), symbolic_matrix("W", 2, 2)
    Sx, Sxy = data_covariances(X, Y)
    lhs = least_squares_objective(X, Y, W).doit()
    return bool(sp.expand(lhs - objective([W], Sx, Sxy) - (Y.T * Y).trace() / 6) == 0)


def _rotation(p: int, q: int, h: int, flip: bool = False) -> sp.Matrix:
    c, s = R(p, h), R(q, h)
    return sp.Matrix([[c, -s], [s, c]]) * (sp.diag(1, -1) if flip else sp.eye(2))


@functools.cache
def isometry_lemma() -> bool:
    r"""The change of basis of Thm. 3 is an isometry of f: with :math:`\Sigma_x = UDU^\top`,
    :math:`\Sigma_{xy} = UD_{xy}V^\top` and U, V, Q orthogonal, :math:`(UAQ)(Q^\top BV^\top) = U(AB)V^\top`
    and f at :math:`UWV^\top` equals f at W with D, :math:`D_{xy}` (SymPy: symbolic A, B, W,
    :math:`\lambda_i, \sigma_i`; rational rotations and reflections).  The map
    :math:`(A, B) \mapsto (UAQ, Q^\top BV^\top)` is linear and Frobenius-orthogonal, so the Hessians in the
    two bases are orthogonally similar."""
    A, B, W = (sp.Matrix(2, 2, lambda i, j, n=n: sp.Symbol(f"{n}_{i + 1}{j + 1}", real=True)) for n in "ABW")
    D, Dxy = sp.diag(*LAMS), sp.diag(*SIGS)
    base = objective([W], D, Dxy)
    for U, V, Q in ((_rotation(3, 4, 5), _rotation(5, 12, 13, True), _rotation(8, 15, 17)),
                    (_rotation(8, 15, 17, True), _rotation(3, 4, 5), _rotation(20, 21, 29))):
        if any(M * M.T != sp.eye(2) for M in (U, V, Q)):
            return False
        if sp.expand(U * A * Q * Q.T * B * V.T - U * A * B * V.T) != sp.zeros(2, 2):
            return False
        if sp.expand(objective([U * W * V.T], U * D * U.T, U * Dxy * V.T) - base) != 0:
            return False
    return True


# ---------------------------------------------------------------------------------------------
# the two-mode objective, its restriction to Thm. 3's invariant set, the per-mode constant


@functools.cache
def two_modes() -> dict[str, Any]:
    """f for d = p = r = 2 in the basis of Assump. 1 (:math:`\\Sigma_x = \\mathrm{diag}(\\lambda)`,
    :math:`\\Sigma_{xy} = \\mathrm{diag}(\\sigma)`), full 2 x 2 layers A, B; its Hessian and value at the
    diagonal layers diag(a), diag(b)."""
    A, B = (sp.Matrix(2, 2, lambda i, j, n=n: sp.Symbol(f"{n}_{i + 1}{j + 1}", real=True)) for n in "AB")
    f = objective([A, B], sp.diag(*LAMS), sp.diag(*SIGS))
    coords = [*A, *B]
    at = {A[i, j]: (AS[i] if i == j else 0) for i in range(2) for j in range(2)}
    at |= {B[i, j]: (BS[i] if i == j else 0) for i in range(2) for j in range(2)}
    return {"coords": coords, "H": sp.hessian(f, coords).xreplace(at), "f_diag": f.xreplace(at), "f": f,
            "at": at}


@functools.cache
def mode_loss() -> dict[str, Any]:
    r"""The per-mode loss, derived: f on diagonal layers splits into one function per mode (checked),
    :math:`l(a, b)`; its Hessian at a = b = s (Thm. 3's balanced path, :math:`w = s^2`)."""
    fd = two_modes()["f_diag"]
    l1, l2 = fd.xreplace({AS[1]: 0, BS[1]: 0}), fd.xreplace({AS[0]: 0, BS[0]: 0})
    a, b = sp.symbols("a b", real=True)
    loss = l1.xreplace({AS[0]: a, BS[0]: b, LAMS[0]: LAM, SIGS[0]: SIGMA})
    H = sp.hessian(loss, (a, b)).xreplace({a: S, b: S})
    return {"l": loss, "separable": sp.expand(fd - l1 - l2) == 0, "H": H}


def certify_mode_constant(L: sp.Expr) -> dict[str, Any]:
    r"""Is ``L`` the supremum of the spectral norm of the Hessian of the per-mode loss on the path
    :math:`a = b = s`, :math:`0 \le \lambda s^2 \le \sigma`, for every :math:`\lambda, \sigma > 0`?

    z3 on the characteristic polynomial p of the Hessian (not on its eigenvalues): (i) every root
    :math:`\mu` of p at every path point has :math:`|\mu| \le L`; (ii) not always :math:`|\mu| < L` (a
    validated model is a path point where :math:`|\mu| = L`).  ``status``: ``"supremum"`` (both),
    ``"too small"`` ((i) refuted), ``"too large"`` ((ii) proved: L is never reached on the compact path),
    else ``"unknown"``.

    >>> certify_mode_constant(2 * SIGMA)["status"], certify_mode_constant(SIGMA)["status"]
    ('supremum', 'too small')
    """
    from symdln.certify.smt import Translation, Untranslatable

    p = sp.expand((mode_loss()["H"] - MU * sp.eye(2)).det())
    path = sp.And(LAM * S**2 <= SIGMA, sp.Eq(p, 0))
    L = sp.sympify(L)
    try:
        bound = Translation().prove(path, sp.And(MU <= L, MU >= -L))
        strict = Translation().prove(path, sp.And(MU < L, MU > -L))
    except Untranslatable as exc:
        return {"L": sp.sstr(L), "status": "unknown", "reason": str(exc)}
    status = ("too small" if bound.status == "refuted" else "too large" if strict.status == "proved" else
              "supremum" if bound.status == "proved" and strict.status == "refuted" else "unknown")
    return {"L": sp.sstr(L), "status": status, "characteristic polynomial": sp.sstr(p),
            "z3: |mu| <= L at every path point": bound.status,
            "path point with |mu| > L": bound.model, "z3: |mu| < L at every path point": strict.status,
            "path point with |mu| = L": strict.model if bound.status == "proved" else None}


@functools.cache
def mode_constant() -> dict[str, Any]:
    r"""The per-mode Lipschitz constant along the path, derived: the Hessian's eigenvalues (SymPy) are
    affine in :math:`w = s^2`, so their moduli are largest at an end, w = 0 or :math:`w = \sigma/\lambda`;
    the largest end value is the candidate, certified by :func:`certify_mode_constant`.  ``L`` is
    ``None`` when no candidate is derived or it is not certified."""
    H = mode_loss()["H"]
    w = sp.Symbol("w", nonnegative=True)
    eig = [sp.expand(e.subs(S, sp.sqrt(w))) for e in H.eigenvals()]
    affine = all(e.is_polynomial(w) and sp.degree(e, w) <= 1 for e in eig)
    ends = {sp.sstr(e): [sp.Abs(e.subs(w, x)) for x in (0, SIGMA / LAM)] for e in eig}
    cand = sp.Max(*[v for vs in ends.values() for v in vs])
    cert = certify_mode_constant(cand) if affine and not isinstance(cand, sp.Max) else None
    ok = cert is not None and cert["status"] == "supremum"
    return {"L": cand if ok else None, "loss": mode_loss()["l"], "Hessian at a = b = s": H,
            "eigenvalues (w = s^2)": list(ends), "affine in w": affine,
            "|eigenvalue| at w = 0 and w = sigma/lambda":
                {k: [sp.sstr(x) for x in v] for k, v in ends.items()},
            "certificate": cert}


# ---------------------------------------------------------------------------------------------
# the other readings: a global constant, the full Hessian


def global_lipschitz(depth: int = 2) -> dict[str, Any]:
    r"""Does :math:`\nabla f` have a global Lipschitz constant, f of eq. (2) with ``depth`` layers?  Derived
    on width-1 layers (:math:`\Sigma_x = \lambda`, :math:`\Sigma_{xy} = \sigma`): if a diagonal Hessian
    entry on the ray :math:`a_l = c` is a polynomial in c of degree >= 1 with a positive leading
    coefficient, it is unbounded and so is :math:`\|H\|_2 \ge |H_{kk}|`: ``"none"``; a constant Hessian
    gives ``"exists"`` (depth 1: :math:`\lambda`).

    >>> global_lipschitz(2)["global constant"], global_lipschitz(1)["global constant"]
    ('none', 'exists')
    """
    a = sp.symbols(f"a_1:{depth + 1}", real=True)
    H = sp.hessian(objective([sp.Matrix([[x]]) for x in a], sp.Matrix([[LAM]]), sp.Matrix([[SIGMA]])), a)
    if not H.free_symbols & set(a):
        return {"global constant": "exists", "depth": depth, "Hessian (constant)": sp.sstr(H)}
    c = sp.Symbol("c", positive=True)
    for k in range(depth):
        ray = sp.Poly(sp.expand(H[k, k].xreplace(dict.fromkeys(a, c))), c)
        if ray.degree() >= 1 and ray.LC().is_positive:
            return {"global constant": "none", "depth": depth,
                    "entry": f"d^2 f/d a_{k + 1}^2 = {sp.sstr(H[k, k])}",
                    "on the ray a_l = c": sp.sstr(ray.as_expr()),
                    "why": "a polynomial of degree >= 1 in c with a positive leading coefficient is "
                           "unbounded, and ||H||_2 >= |H_kk|"}
    return {"global constant": "undecided", "depth": depth, "Hessian": sp.sstr(H)}


@functools.cache
def learned_spectrum() -> tuple[sp.Expr, ...]:
    r"""The eigenvalues of the full two-mode Hessian at the learned point :math:`a_i = b_i = s_i`,
    :math:`\lambda_i s_i^2 = \sigma_i`, in :math:`\lambda_i, \sigma_i` (SymPy: the Hessian splits into
    the blocks of its non-zero pattern; each block's characteristic polynomial is solved)."""
    tm = two_modes()
    s = sp.symbols("s_1:3", positive=True)
    H = tm["H"].xreplace({**{AS[i]: s[i] for i in range(2)}, **{BS[i]: s[i] for i in range(2)},
                          **{LAMS[i]: SIGS[i] / s[i] ** 2 for i in range(2)}}).applyfunc(sp.cancel)
    n, comp = H.rows, list(range(H.rows))
    for i, j in itertools.product(range(n), range(n)):
        if H[i, j] != 0:
            ri, rj = comp[i], comp[j]
            comp = [ri if x == rj else x for x in comp]
    roots: list[sp.Expr] = []
    for root in dict.fromkeys(comp):
        idx = [i for i in range(n) if comp[i] == root]
        for r, m in sp.roots(H.extract(idx, idx).charpoly()).items():
            back = sp.simplify(r.xreplace({s[i]: sp.sqrt(SIGS[i] / LAMS[i]) for i in range(2)}))
            roots += [back] * m
    return tuple(roots)


def _eta_bound(cond: sp.Basic) -> sp.Expr | None:
    """g with ``cond`` <=> eta < g, for a strict inequality linear in eta with a positive coefficient."""
    if not isinstance(cond, (sp.StrictLessThan, sp.StrictGreaterThan)):
        return None
    d = cond.lhs - cond.rhs if isinstance(cond, sp.StrictLessThan) else cond.rhs - cond.lhs
    d = sp.expand(d)
    if not d.is_polynomial(ETA) or sp.degree(d, ETA) != 1:
        return None
    c1, c0 = d.coeff(ETA, 1), d.coeff(ETA, 0)
    return sp.cancel(-c0 / c1) if c1.is_positive else None


def _cor3(lam: Sequence[int], sig: Sequence[int], eta: sp.Expr | None = None) -> Any:
    from symdln.checks.discrete_limits import conditions_printed

    conds = conditions_printed(ETA if eta is None else eta, R(sig[0]), R(sig[0]), R(sig[1]))
    if eta is not None:
        return all(bool(c) for c in conds)
    bounds = [b for b in (_eta_bound(c) for c in conds) if b is not None]
    return min(bounds) if len(bounds) == len(conds) else None


def _search(predicate: Callable[[Fraction, Fraction], bool], max_height: int) -> tuple[int, ...] | None:
    """The first (lambda_1, lambda_2, sigma_1, sigma_2) of positive integers, by height, sum, then
    lexicographically, with Cor. 3's bound on eta (> 0) and the full constant where ``predicate(eta_max,
    L_full)`` holds."""
    roots = learned_spectrum()
    for h in range(1, max_height + 1):
        tuples = [t for t in itertools.product(range(1, h + 1), repeat=4) if max(t) == h]
        for t in sorted(tuples, key=lambda t: (sum(t), t)):
            vals = {LAMS[0]: t[0], LAMS[1]: t[1], SIGS[0]: t[2], SIGS[1]: t[3]}
            bound = _cor3(t[:2], t[2:])
            if bound is None or not bound > 0:
                continue
            full = max(sp.Rational(r.xreplace(vals)) for r in roots)
            if predicate(Fraction(bound.p, bound.q), Fraction(full.p, full.q)):
                return t
    return None


def _certify(t: Sequence[int]) -> dict[str, Any]:
    """At the learned point of the instance: the Hessian of f computed there (exact, sqrt entries), a
    vector of the null space of H - L_full I and its Rayleigh quotient, and the gradient (zero)."""
    tm = two_modes()
    lam, sig = t[:2], t[2:]
    s = [sp.sqrt(R(sig[i], lam[i])) for i in range(2)]
    at = {**{LAMS[i]: lam[i] for i in range(2)}, **{SIGS[i]: sig[i] for i in range(2)}}
    point = {x: sp.sympify(v).xreplace({AS[i]: s[i] for i in range(2)} | {BS[i]: s[i] for i in range(2)})
             for x, v in tm["at"].items()}
    H = sp.hessian(tm["f"].xreplace(at), tm["coords"]).xreplace(point)
    grad = [sp.radsimp(sp.diff(tm["f"].xreplace(at), x).xreplace(point)) for x in tm["coords"]]
    full = max(sp.Rational(r.xreplace({**at})) for r in learned_spectrum())
    v = (H - full * sp.eye(H.rows)).nullspace(simplify=True)[0]
    q = sp.simplify(sp.radsimp((v.T * H * v)[0] / (v.T * v)[0]))
    eigenpair = all(sp.radsimp(x) == 0 for x in H * v - q * v)
    return {"lambda": tuple(lam), "sigma": tuple(sig), "learned point a_i = b_i": [sp.sstr(x) for x in s],
            "gradient there (exact)": [sp.sstr(g) for g in grad], "L_full (derived)": full,
            "eigenvector (exact)": [sp.sstr(sp.radsimp(x)) for x in v], "Rayleigh quotient (exact)": q,
            "H v = q v (exact)": eigenpair,
            "ok": bool(q.is_Rational and q == full and eigenpair and all(g == 0 for g in grad))}


@functools.cache
def full_hessian_reading(max_height: int = 4) -> dict[str, Any]:
    r"""The full Hessian of :math:`f(W_1, W_2)` (d = p = r = 2; one mode has no other direction) on the
    same path: the curvature of the coupling directions (derived entries), the spectrum at the learned
    point (:func:`learned_spectrum`), and the smallest integer instance (height, then sum) where Cor. 3's
    C1-C3 admit :math:`\eta \ge 1/L_{full}` -- then C1 is not :math:`\eta < 1/L_{full}` -- certified at
    the instance by an exact eigenvector; and the smallest where they admit :math:`\eta L_{full} > 2`
    (the learned point, a critical point, is then unstable for the steps off the invariant set: the
    step's Jacobian :math:`I - \eta H` has an eigenvalue below -1)."""
    tm = two_modes()
    names = [str(x) for x in tm["coords"]]
    coupling = {f"d^2 f/d {n}^2": sp.sstr(tm["H"][k, k]) for k, n in enumerate(names)
                if n in ("A_12", "A_21")}
    out: dict[str, Any] = {"coupling curvature at diagonal layers (derived)": coupling,
                           "spectrum at the learned point (derived)":
                               [sp.sstr(r) for r in learned_spectrum()]}
    cex = _search(lambda bound, full: 1 / full < bound, max_height)
    if cex is not None:
        cert = _certify(cex)
        eta = 1 / cert["Rayleigh quotient (exact)"]
        cert |= {"eta = 1/L_full": sp.sstr(eta), "C1-C3 hold (exact)": _cor3(cex[:2], cex[2:], eta),
                 "eta L_full < 1": bool(eta * cert["L_full (derived)"] < 1), "2 sigma_1": 2 * cex[2]}
        cert["ok"] = cert["ok"] and cert["C1-C3 hold (exact)"] and not cert["eta L_full < 1"]
        out["smallest counterexample"] = cert
    unstable = _search(lambda bound, full: 2 / full < bound, max_height)
    if unstable is not None:
        cert = _certify(unstable)
        bound = _cor3(unstable[:2], unstable[2:])
        eta = (2 / cert["Rayleigh quotient (exact)"] + bound) / 2
        jac = 1 - eta * cert["Rayleigh quotient (exact)"]
        cert |= {"eta": sp.sstr(eta), "C1-C3 hold (exact)": _cor3(unstable[:2], unstable[2:], eta),
                 "eigenvalue of I - eta H": sp.sstr(jac)}
        cert["ok"] = cert["ok"] and cert["C1-C3 hold (exact)"] and bool(jac < -1)
        out["smallest unstable example"] = cert
    return out


# ---------------------------------------------------------------------------------------------
# the checks


def _truth_at(cond: sp.Basic, point: Mapping[sp.Symbol, sp.Expr]) -> bool | None:
    """The truth of ``cond`` at a point: exact for rational comparisons, certified by Arb otherwise;
    ``None`` when undecided."""
    from symdln.certify.balls import certified_sign

    atoms = sorted(cond.atoms(sp.core.relational.Relational), key=sp.default_sort_key)
    values: dict[sp.Basic, sp.Basic] = {}
    for a in atoms:
        try:
            d = sp.sympify(a.lhs - a.rhs).xreplace(dict(point))
        except ZeroDivisionError:
            return None
        if d.free_symbols or d.has(sp.zoo, sp.nan, sp.oo, -sp.oo):
            return None
        sign = (int(bool(d > 0)) - int(bool(d < 0))) if d.is_Rational else certified_sign(d)
        if sign is None:
            return None
        values[a] = sp.true if {sp.Lt: sign < 0, sp.Le: sign <= 0, sp.Gt: sign > 0, sp.Ge: sign >= 0,
                                sp.Eq: sign == 0, sp.Ne: sign != 0}[type(a)] else sp.false
    v = cond.xreplace(values)
    return bool(v) if v in (sp.true, sp.false) else None


def _point(model: Mapping[str, Fraction], symbols: set[sp.Symbol]) -> dict[sp.Symbol, sp.Rational]:
    """The z3 model on the SymPy symbols (a symbol z3 left free gets 1)."""
    def value(x: sp.Symbol) -> sp.Rational:
        q = model.get(x.name, Fraction(1))
        return sp.Rational(q.numerator, q.denominator)

    return {x: value(x) for x in sorted(symbols, key=lambda x: x.name)}


def _horizon(cond: sp.Basic) -> dict[str, Any]:
    """Does ``cond`` depend on a time or horizon symbol (:data:`HORIZON`)?  Free of such symbols; else
    z3 on cond against cond with each such symbol replaced by a twin (a validated model is a point where
    the two horizons disagree)."""
    from symdln.certify.smt import Translation, Untranslatable

    hs = sorted((x for x in cond.free_symbols if x.name in HORIZON), key=lambda x: x.name)
    if not hs:
        return {"status": "free", "symbols": sorted(str(x) for x in cond.free_symbols)}
    twins = {x: sp.Symbol(f"{x.name}_other", **x.assumptions0) for x in hs}
    other = cond.xreplace(twins)
    try:
        r = Translation().prove(sp.true, sp.Equivalent(cond, other))
    except Untranslatable as exc:
        return {"status": "unknown", "reason": str(exc)}
    if r.status == "refuted" and r.model is not None:
        pt = _point(r.model, cond.free_symbols | other.free_symbols)
        a, b = _truth_at(cond, pt), _truth_at(other, pt)
        if a is not None and b is not None and a != b:
            return {"status": "depends", "point": {str(k): v for k, v in pt.items()},
                    "truth at the two horizons": (a, b)}
    return {"status": "no dependence (z3)" if r.status == "proved" else "unknown", "z3": r.status}


#: the fallback points (rational; eta = 1/(2 sigma) among them): each symbol of the formula takes these
_GRID: dict[str, tuple[sp.Rational, ...]] = {
    "eta": (R(1, 8), R(1, 4), R(1, 3), R(1, 2), R(1), R(2)), "sigma": (R(1, 4), R(1, 2), R(1), R(2)),
    "lambda": (R(1, 2), R(1), R(3)), "t": (R(0), R(1), R(10)), "delta": (R(1), R(5)),
}


@functools.cache
def _readings() -> dict[str, Any]:
    """The formula-independent part of the judge: the other readings and the lemmas."""
    full = full_hessian_reading()
    return {"global": global_lipschitz(2), "full": full, "lemmas": {
        "(2) = 1/2 tr(W^T Sigma_x W) - tr(W^T Sigma_xy) + ||Y||^2/(2n) (SymPy, symbolic 3 x 2 data)":
            covariance_lemma(),
        "Thm. 3's change of basis is an isometry of f (SymPy, rational rotations)": isometry_lemma(),
        "f on diagonal layers is the sum of the modes' l (SymPy, r = 2)": mode_loss()["separable"]}}


def _readings_notes(L: sp.Expr) -> str:
    rd = _readings()
    g, full = rd["global"], rd["full"]
    cex, uns = full.get("smallest counterexample"), full.get("smallest unstable example")
    curv = ", ".join(full["coupling curvature at diagonal layers (derived)"].values())
    spec = ", ".join(s for s in full["spectrum at the learned point (derived)"] if s != "0")
    text = (f"Other readings.  A global constant: none ({g['entry']}, {g['on the ray a_l = c']} on the ray "
            "a_l = c: unbounded), so the sentence needs a local one.  The full Hessian of f(W_1, W_2) at the "
            f"same points: the directions coupling modes i != j have curvature {curv} (derived) and, at the "
            f"learned point, the eigenvalues {spec} (and 0)")
    if cex and cex["ok"]:
        text += (f"; smallest counterexample (d = p = r = 2, height {max(cex['lambda'] + cex['sigma'])}): "
                 f"lambda = {cex['lambda']}, sigma = {cex['sigma']}, L_full = {cex['L_full (derived)']} > "
                 f"{cex['2 sigma_1']} = 2 sigma_1 (exact eigenvector at the learned point), and eta = "
                 f"{cex['eta = 1/L_full']} satisfies C1-C3 but not eta < 1/L_full: C1 is not eta < 1/L for "
                 "the full Hessian")
    if uns and uns["ok"]:
        text += (f"; with lambda = {uns['lambda']}, sigma = {uns['sigma']}, eta = {uns['eta']} (C1-C3 hold) "
                 "the learned point, a critical point, has eta L_full > 2: the step's Jacobian I - eta H has "
                 f"the eigenvalue {uns['eigenvalue of I - eta H']} < -1, so the point is unstable off the "
                 "invariant set (a fixed point with a Jacobian eigenvalue of modulus > 1 is unstable), which "
                 "the exact iterates never leave")
    return text + f".  The per-mode constant L = {sp.sstr(L)} is the one of Thm. 3's analysis"


def judge_lipschitz_condition(formula: sp.Basic, lipschitz: sp.Expr | None = None) -> CheckResult:
    r"""Judge "it has to be smaller than the Lipschitz constant": is the step-size condition ``formula``
    exactly :math:`\eta < 1/L`, L the per-mode Lipschitz constant along Thm. 3's path?

    Truth: L derived and certified for every :math:`\lambda, \sigma > 0` (:func:`mode_constant`; a
    ``lipschitz`` given instead is certified first, and ``FAILS`` if it is not the supremum); then z3
    proves ``formula`` <=> :math:`\eta L < 1` for all values of its symbols (scope general; a formula
    equivalent to it cannot depend on the horizon), or gives a validated model (``FAILS``).  A formula z3
    cannot decide is compared with :math:`\eta L < 1` on :data:`_GRID` (scope instances).  The global and
    the full-Hessian readings are recorded (:func:`global_lipschitz`, :func:`full_hessian_reading`).

    >>> judge_lipschitz_condition(2 * ETA * SIGMA < 1).verdict.name
    'HOLDS'
    >>> judge_lipschitz_condition(ETA * SIGMA < 1).verdict.name
    'FAILS'
    """
    from symdln.certify.smt import Translation, Untranslatable

    mode = mode_constant()
    if mode["L"] is None:  # pragma: no cover - the derivation is exact
        return CheckResult(Verdict.INCONCLUSIVE, Evidence(
            "SymPy + z3", details={"derivation": mode}, notes="the per-mode constant was not certified"))
    L = mode["L"]
    if lipschitz is not None:
        cert = certify_mode_constant(lipschitz)
        if cert["status"] != "supremum":
            what = {"too small": "an eigenvalue exceeds it on the path",
                    "too large": "it is never reached on the path (z3: |mu| < L at every point)"}
            v = Verdict.FAILS if cert["status"] in what else Verdict.INCONCLUSIVE
            return CheckResult(v, Evidence(
                "z3 on the characteristic polynomial of the per-mode Hessian along the path",
                precision="exact", counterexample=cert if v is Verdict.FAILS else None,
                details={"certificate": cert},
                notes=f"the constant under test, {sp.sstr(lipschitz)}, is not the per-mode Lipschitz "
                      f"constant: {what.get(cert['status'], cert['status'])}; derived: {sp.sstr(L)}"))
        L = sp.sympify(lipschitz)
    formula = sp.sympify(formula)
    truth = ETA * L < 1
    syms = formula.free_symbols | truth.free_symbols
    horizon = _horizon(formula)
    try:
        r = Translation().prove(sp.true, sp.Equivalent(formula, truth))
        status, why = r.status, r.reason
    except Untranslatable as exc:
        r, status, why = None, "untranslatable", str(exc)
    if r is not None and r.status == "refuted" and r.model is not None:
        pt = _point(r.model, syms)
        a, b = _truth_at(formula, pt), _truth_at(truth, pt)
        if a is not None and b is not None and a != b:
            return _fails(formula, L, pt, a, b, "z3, model validated in exact arithmetic", horizon)
    if status == "proved":
        rd = _readings()
        try:
            literal = Translation().prove(sp.true, sp.Equivalent(formula, ETA < L))
            lit = {"status": literal.status, "model": literal.model}
        except Untranslatable as exc:  # pragma: no cover - formula translated above
            lit = {"status": "untranslatable", "reason": str(exc)}
        return CheckResult(Verdict.HOLDS, Evidence(
            method=("SymPy (the per-mode loss and its Hessian, derived from (2) on Thm. 3's invariant set) "
                    "+ z3 (the spectrum on the path within [-L, L] and L attained, for every lambda, "
                    "sigma > 0; the condition under test <=> eta L < 1 for all values of its symbols)"),
            precision="exact", scope="general",
            parameters={"L (per mode, derived)": sp.sstr(L)},
            details={"per mode": {k: (sp.sstr(v) if isinstance(v, sp.Basic) else v) for k, v in mode.items()},
                     "condition under test <=> eta L < 1 (z3)": status, "horizon": horizon,
                     "literal reading eta < L <=> condition under test (z3)": lit,
                     "reading: a global constant": rd["global"], "reading: the full Hessian": rd["full"],
                     "lemmas": rd["lemmas"]},
            notes=(f"holds in the reading of Thm. 3's analysis: on its invariant set (W_1 = U diag(a) Q, "
                   f"W_2 = Q^T diag(b) V^T, Q orthogonal) f is the sum of the modes' l(a, b) = "
                   f"{sp.sstr(mode['loss'])}, and along the balanced path a = b from 0 to the learned point "
                   "w = a^2 = sigma/lambda (where Cor. 3's iterates stay, eq24.monotone) the Hessian of l "
                   f"has the eigenvalues {' and '.join(mode['eigenvalues (w = s^2)'])}: z3 proves |mu| <= "
                   f"{sp.sstr(L)} on the whole path for every lambda, sigma > 0, attained at the learned "
                   f"point.  So L = {sp.sstr(L)} per mode, 2 sigma_1 on the invariant set, and the condition "
                   "under test is exactly eta < 1/L, so it does not depend on the horizon (Thm. 3's "
                   "printed domain also allows sigma/lambda < w_0 < 1: that path starts above the learned "
                   "point, where the eigenvalue 3 lambda w - sigma exceeds 2 sigma).  'Smaller than the "
                   f"Lipschitz constant' is read eta < 1/L{_literal(lit, L)}.  " + _readings_notes(L))))
    return _fallback(formula, L, f"z3: {status}" + (f" ({why})" if why else ""), horizon)


def _literal(lit: Mapping[str, Any], L: sp.Expr) -> str:
    """The literal reading eta < L, when z3 separates it from the condition under test."""
    m = lit.get("model")
    if lit.get("status") != "refuted" or not m:
        return ""
    at = ", ".join(f"{k} = {v}" for k, v in m.items())
    return f" (literally, eta < L = {sp.sstr(L)} is another condition: they differ at {at})"


def _fails(formula: sp.Basic, L: sp.Expr, pt: Mapping[sp.Symbol, sp.Expr], a: bool, b: bool, how: str,
           horizon: Mapping[str, Any]) -> CheckResult:
    dep = ("; it depends on the horizon (a point where two horizons disagree: "
           f"{horizon['point']})" if horizon["status"] == "depends" else "")
    return CheckResult(Verdict.FAILS, Evidence(
        how, precision="exact",
        counterexample={**{str(k): v for k, v in pt.items()}, "condition under test": a,
                        f"eta < 1/L, L = {sp.sstr(L)}": b},
        details={"horizon": dict(horizon)},
        notes=(f"the condition under test is not eta < 1/L for the per-mode Lipschitz constant L = "
               f"{sp.sstr(L)} along Thm. 3's path (derived){dep}")))


def _fallback(formula: sp.Basic, L: sp.Expr, why: str, horizon: Mapping[str, Any]) -> CheckResult:
    """Compare ``formula`` with eta L < 1 on the rational points of :data:`_GRID`."""
    truth = ETA * L < 1
    syms = sorted(formula.free_symbols | truth.free_symbols, key=lambda x: x.name)
    if any(x.name not in _GRID for x in syms):
        return CheckResult(Verdict.INCONCLUSIVE, Evidence(
            "z3; no fallback points", notes=f"{why}; symbols without fallback points: "
                                            f"{sorted(x.name for x in syms if x.name not in _GRID)}"))
    n, undecided = 0, 0
    for values in itertools.product(*(_GRID[x.name] for x in syms)):
        pt = dict(zip(syms, values, strict=True))
        a, b = _truth_at(formula, pt), _truth_at(truth, pt)
        if a is None or b is None:
            undecided += 1
            continue
        n += 1
        if a != b:
            return _fails(formula, L, pt, a, b, "exact and Arb-certified evaluation at rational points",
                          horizon)
    if undecided:
        return CheckResult(Verdict.INCONCLUSIVE, Evidence(
            "exact and Arb-certified evaluation at rational points",
            details={"agree": n, "undecided": undecided}, notes=f"{why}; undecided at {undecided} points"))
    return CheckResult(Verdict.HOLDS, Evidence(
        "exact and Arb-certified evaluation at rational points", precision="exact + arb", scope="instances",
        parameters={"L (per mode, derived)": sp.sstr(L)}, details={"points": n, "horizon": dict(horizon)},
        notes=(f"the condition under test agrees with eta < 1/L, L = {sp.sstr(L)}, at {n} rational points; "
               f"why not general: {why}.  Missing step: a proof of the equivalence for all values (a "
               "condition that z3 can translate, or a SymPy proof of the equivalence)")))


def registry_hypotheses() -> dict[str, sp.Basic]:
    """The conditions of Thm. 3 in the registry: its printed hypotheses
    (:data:`symdln.checks.thm3_bounds.PRINTED_DOMAIN`) and the conditions of the corrections of thm3.upper,
    thm3.lower and thm3.sigma0."""
    from symdln.checks.thm3_bounds import PRINTED_DOMAIN, clauses
    from symdln.claims import by_id

    out = {f"Thm. 3, printed hypotheses ({k})": v for k, v in PRINTED_DOMAIN.items()}
    for cid in ("thm3.upper", "thm3.lower", "thm3.sigma0"):
        corr = by_id(cid).correction
        if corr is None or corr.expr is None:  # pragma: no cover - registered with corrections
            continue
        hyps = dict.fromkeys(h for cl in clauses(corr.expr) for h in (cl.hypothesis, cl.within)
                             if h is not sp.true)
        out |= {f"{cid}, corrected condition {k}": h for k, h in enumerate(hyps, 1)}
    return out


def _tie_witness(g: sp.Expr) -> dict[str, Any] | None:
    """A point sigma_1 >= sigma_i = sigma_(i+1) > 0 where the bound g is not 0 (exact), if any is found."""
    for v1, v in ((1, 1), (2, 1), (3, 2), (2, 2)):
        val = sp.sympify(g).xreplace({S1: v1, SI: v, SN: v})
        if val.is_Rational and val != 0:
            return {"sigma_1": v1, "sigma_i = sigma_(i+1)": v, "bound on eta": val}
    return None


def check_step_conditions(conditions: Callable[..., list[Any]] | None = None,
                          hypotheses: Mapping[str, sp.Basic] | None = None) -> CheckResult:
    r"""Judge "(namely, it has to be smaller than the Lipschitz constant and some notion of eigen-gap)
    without any dependence on the horizon" on the registry's conditions.

    ``conditions(eta, sigma_1, sigma_i, sigma_(i+1))`` are Cor. 3's (default
    :func:`symdln.checks.discrete_limits.conditions_printed`), ``hypotheses`` the conditions of Thm. 3
    (default :func:`registry_hypotheses`).  Each of Cor. 3's conditions is solved for eta (SymPy) and is
    either the Lipschitz one, :math:`\eta < 1/L` with L the per-mode constant at :math:`\sigma_1` (z3),
    or an eigen-gap one: its bound is 0 at a tie :math:`\sigma_i = \sigma_{i+1}` (exact) and positive
    for a positive gap (z3).  No condition may depend on a time or horizon symbol (:func:`_horizon`).
    ``FAILS``: a condition of neither kind (a tie where its bound is not 0), or one that depends on the
    horizon (two horizons that disagree), or a kind missing.

    >>> check_step_conditions().verdict.name
    'HOLDS'
    """
    from symdln.certify.smt import Translation
    from symdln.checks.discrete_limits import conditions_printed

    conds = (conditions or conditions_printed)(ETA, S1, SI, SN)
    hyps = registry_hypotheses() if hypotheses is None else dict(hypotheses)
    every = {f"Cor. 3, C{k}": c for k, c in enumerate(conds, 1)} | hyps
    horizon = {name: _horizon(c) for name, c in every.items()}
    rows: dict[str, Any] = {"horizon (free symbols; z3 where a horizon symbol occurs)": horizon}
    for name, h in horizon.items():
        if h["status"] == "depends":
            return CheckResult(Verdict.FAILS, Evidence(
                "z3, model validated in exact arithmetic", precision="exact",
                counterexample={"condition": f"{name}: {sp.sstr(every[name])}", **h}, details=rows,
                notes=f"{name} depends on the horizon"))
    undecided = [n for n, h in horizon.items() if h["status"] == "unknown"]
    mode = mode_constant()
    L1 = mode["L"].xreplace({SIGMA: S1}) if mode["L"] is not None else None
    dom = sp.And(S1 >= SI, SI > SN)
    kinds: dict[str, str] = {}
    for k, c in enumerate(conds, 1):
        name, g = f"Cor. 3, C{k}", _eta_bound(c)
        if g is None or L1 is None:
            undecided.append(f"{name}: not a strict bound linear in eta")
            continue
        lip = Translation().prove(dom, sp.Equivalent(c, ETA * L1 < 1))
        if lip.status == "proved":
            kinds[name] = f"Lipschitz: eta < 1/L, L = {sp.sstr(L1)}"
            continue
        tie = sp.cancel(g.xreplace({SN: SI}))
        pos = Translation().prove(dom, g > 0)
        if tie == 0 and pos.status == "proved":
            kinds[name] = f"eigen-gap: eta < {sp.sstr(g)}, 0 at sigma_i = sigma_(i+1), > 0 for a positive gap"
            continue
        witness = _tie_witness(g) if tie != 0 else (
            {"point with bound <= 0": pos.model} if pos.status == "refuted" else None)
        if witness is None:
            undecided.append(f"{name}: z3 {lip.status} / {pos.status}")
            continue
        return CheckResult(Verdict.FAILS, Evidence(
            "SymPy (the condition solved for eta) + z3 on sigma_1 >= sigma_i > sigma_(i+1) > 0",
            precision="exact", counterexample={"condition": f"{name}: {sp.sstr(c)}", "bound": sp.sstr(g),
                                               **witness},
            details={**rows, "kinds": kinds},
            notes=f"{name} bounds eta neither by 1/L (z3: {lip.status}) nor by an eigen-gap (its bound does "
                  "not vanish with the gap, or is not positive for a positive gap)"))
    rows["kinds of Cor. 3's conditions"] = kinds
    if undecided:
        return CheckResult(Verdict.INCONCLUSIVE, Evidence("SymPy + z3", details=rows,
                                                          notes="undecided: " + "; ".join(undecided)))
    missing = [k for k in ("Lipschitz", "eigen-gap") if not any(v.startswith(k) for v in kinds.values())]
    if missing:
        return CheckResult(Verdict.FAILS, Evidence(
            "SymPy + z3", precision="exact", counterexample={"missing kind": missing, "kinds": kinds},
            details=rows, notes=f"no condition of Cor. 3 is of the kind {missing}"))
    return CheckResult(Verdict.HOLDS, Evidence(
        method=("SymPy (each of Cor. 3's conditions solved for eta) + z3 (equivalence with eta < 1/L, L the "
                "per-mode constant at sigma_1; signs on sigma_1 >= sigma_i > sigma_(i+1) > 0) + the free "
                "symbols of Thm. 3's and Cor. 3's conditions in the registry"),
        precision="exact", scope="general", details=rows,
        notes=("Cor. 3's conditions: "
               + "; ".join(f"{k.removeprefix('Cor. 3, ')}: {v}" for k, v in kinds.items())
               + f".  None of the {len(every)} conditions of Thm. 3 and Cor. 3 in the registry (printed and "
               "corrected) depends on a time or horizon symbol; their symbols: "
               + ", ".join(sorted({x.name for c in every.values() for x in c.free_symbols})))))
