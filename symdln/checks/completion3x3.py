r"""The minimum-nuclear-norm completions of the 3 x 3 diagonal problem.

Source: the notes, "Matrix completion" (3 x 3 diagonal completion: observe W_11 = W_22 = W_33 = 1,
E = 1/2 sum_i (W_ii - 1)^2) and the 2 x 2 bullet at the end (||W||_* >= |tr W|, equality iff W is
symmetric positive semidefinite), carried to d = 3.  Judged here:

* ``||W||_* >= tr W = 3`` on the minimiser set (any d: ||W||_* = sup_{||Z||_op <= 1} <Z, W>, Z = I);
  equality iff W is symmetric PSD, i.e. a correlation matrix (the elliptope);
* the elliptope: [[1, x, y], [x, 1, z], [y, z, 1]] is PSD iff |x|, |y|, |z| <= 1 and
  1 + 2xyz - x^2 - y^2 - z^2 >= 0;
* ranks of the minimum-nuclear-norm set: rank 1 exactly at the four sign matrices s s^T,
  s in {+-1}^3; rank 2 on the rest of the boundary det = 0; rank 3 inside.

What can fail is computed: exact SymPy identities, z3 proofs (:func:`symdln.certify.smt.prove`,
counter-models validated in rationals), exact eigenvalues (real algebraic numbers), and Arb
enclosures (:mod:`symdln.certify.balls`) of singular values from exact rational isolating intervals.

>>> nuclear_vs(sp.eye(3))
('=', '3')
>>> nuclear_vs(sp.Matrix([[1, 1, 0], [0, 1, 0], [0, 0, 1]]))[0]
'>'
"""

from __future__ import annotations

from typing import Any

import sympy as sp
import z3

from symdln.certify.arbmat import to_z3
from symdln.certify.balls import certified_sign
from symdln.certify.smt import prove
from symdln.checks._identity import enclosable
from symdln.checks._identity import exact_fails as _fails
from symdln.verdict import CheckResult, Evidence, Verdict

__all__ = [
    "ELLIPTOPE",
    "MIN_SET",
    "RANK1_CORNERS",
    "check_elliptope_3x3",
    "check_min_ranks_3x3",
    "check_min_set_3x3",
    "check_nuclear_bound_3x3",
    "correlation",
    "minimum_trace",
    "nuclear_vs",
    "unit_diagonal",
]

X, Y, Z = sp.symbols("x y z", real=True)
#: the six off-diagonal entries of a minimiser
OFF = sp.symbols("w12 w13 w21 w23 w31 w32", real=True)
W12, W13, W21, W23, W31, W32 = OFF
DET = 1 + 2 * X * Y * Z - X**2 - Y**2 - Z**2

#: the printed elliptope description, a predicate in x, y, z
ELLIPTOPE = sp.And(X >= -1, X <= 1, Y >= -1, Y <= 1, Z >= -1, Z <= 1, DET >= 0)
#: the minimum-nuclear-norm completions: symmetric, and in the elliptope (predicate in the w_ij)
MIN_SET = sp.And(
    sp.Eq(W12, W21), sp.Eq(W13, W31), sp.Eq(W23, W32), ELLIPTOPE.subs({X: W12, Y: W13, Z: W23})
)
#: the rank-1 minimum-nuclear-norm completions as (x, y, z) = (s1 s2, s1 s3, s2 s3)
RANK1_CORNERS = frozenset({(1, 1, 1), (1, -1, -1), (-1, 1, -1), (-1, -1, 1)})

_LAM = sp.Symbol("lambda")
_THREE = sp.Integer(3)


def correlation(x: sp.Expr, y: sp.Expr, z: sp.Expr) -> sp.Matrix:
    """The symmetric unit-diagonal matrix [[1, x, y], [x, 1, z], [y, z, 1]]."""
    return sp.Matrix([[1, x, y], [x, 1, z], [y, z, 1]])


def unit_diagonal(w: tuple[sp.Expr, ...]) -> sp.Matrix:
    """The minimiser with off-diagonal entries (w12, w13, w21, w23, w31, w32)."""
    w12, w13, w21, w23, w31, w32 = w
    return sp.Matrix([[1, w12, w13], [w21, 1, w23], [w31, w32, 1]])




def _inconclusive(method: str, notes: str, details: dict[str, Any] | None = None) -> CheckResult:
    return CheckResult(Verdict.INCONCLUSIVE, Evidence(method=method, notes=notes, details=details or {}))


def nuclear_vs(W: sp.Matrix, value: sp.Expr = _THREE) -> tuple[str, str]:
    r"""Compare :math:`\|W\|_*` of a rational matrix with ``value``: ``'='`` (exact), ``'>'`` or
    ``'<'`` (certified), or ``'?'``; with a description of the evidence.

    Symmetric W with no negative eigenvalue (decided exactly on the characteristic polynomial's real
    roots): :math:`\|W\|_* = \operatorname{tr} W`.  Otherwise the singular values are the square
    roots of the roots of the rational cubic det(lambda I - W^T W), isolated in exact rational
    intervals and enclosed in Arb balls.
    """
    if W.is_symmetric():
        roots = sp.Poly(W.charpoly(_LAM).as_expr(), _LAM).real_roots()
        if all(r >= 0 for r in roots):
            tr = W.trace()
            return ("=" if tr == value else (">" if tr > value else "<")), str(tr)
    poly = sp.Poly((W.T * W).charpoly(_LAM).as_expr(), _LAM)
    ivs = poly.intervals(eps=sp.Rational(1, 10**30))
    lo = sp.Add(*[m * sp.sqrt(max(a, 0)) for (a, _), m in ivs])
    hi = sp.Add(*[m * sp.sqrt(b) for (_, b), m in ivs])
    text = f"in [{sp.N(lo, 20)}, {sp.N(hi, 20)}] (Arb, singular values from rational isolating intervals)"
    if lo != value and certified_sign(lo - value) == 1:
        return ">", text
    if hi != value and certified_sign(hi - value) == -1:
        return "<", text
    return "?", text


# ---------------------------------------------------------------- 1. the bound
def minimum_trace() -> sp.Expr:
    """tr W on the minimisers, computed from the unit-diagonal W with symbolic off-diagonal entries (it
    must not depend on them: then tr W is the lower bound of ||W||_* on every minimiser).

    >>> minimum_trace()
    3
    """
    t = unit_diagonal(OFF).trace()
    if t.free_symbols:  # pragma: no cover - the diagonal is observed
        raise ArithmeticError(f"tr W = {t} is not constant on the minimisers")
    return t


def _per_term() -> dict[str, str]:
    """The steps of ||W||_* >= tr W that can fail, computed."""
    out: dict[str, str] = {}
    # 2 (1 - u.v) = |u - v|^2 + (1 - |u|^2) + (1 - |v|^2): per coordinate, hence for every d
    ok = True
    for d in range(1, 7):
        u, v = sp.symbols(f"u1:{d + 1}", real=True), sp.symbols(f"v1:{d + 1}", real=True)
        dot = sum(a * b for a, b in zip(u, v, strict=True))
        nu, nv = sum(a * a for a in u), sum(b * b for b in v)
        sq = sum((a - b) ** 2 for a, b in zip(u, v, strict=True))
        ok &= sp.expand(2 * (1 - dot) - sq - (1 - nu) - (1 - nv)) == 0
    out["2(1 - u.v) = |u - v|^2 on unit vectors (d = 1..6, exact)"] = "proved" if ok else "refuted"
    zu, zv = z3.Reals("u1 u2 u3"), z3.Reals("v1 v2 v3")
    zdot = sum(a * b for a, b in zip(zu, zv, strict=True))
    unit = z3.And(sum(a * a for a in zu) == 1, sum(b * b for b in zv) == 1)
    same = z3.And(*[a == b for a, b in zip(zu, zv, strict=True)])
    out["unit u, v: u.v = 1 iff u = v (z3, d = 3)"] = prove(z3.Implies(unit, (zdot == 1) == same)).status
    # tr(U diag(s) V^T) = sum_i s_i <u_i, v_i>
    U, V = sp.Matrix(3, 3, sp.symbols("U:9", real=True)), sp.Matrix(3, 3, sp.symbols("V:9", real=True))
    s = sp.symbols("s1:4", nonnegative=True)
    lhs = (U * sp.diag(*s) * V.T).trace()
    rhs = sum(s[i] * U[:, i].dot(V[:, i]) for i in range(3))
    out["tr(U S V^T) = sum_i s_i <u_i, v_i> (exact)"] = "proved" if sp.expand(lhs - rhs) == 0 else "refuted"
    return out


def check_nuclear_bound_3x3(bound: sp.Expr = _THREE) -> CheckResult:
    r"""Judge: the smallest nuclear norm of a 3 x 3 minimiser (unit diagonal) is ``bound`` (= 3).

    Argument (any d): :math:`\operatorname{tr} W = \sum_i \sigma_i\langle u_i, v_i\rangle \le
    \sum_i\sigma_i`, since :math:`\langle u, v\rangle \le 1` for unit vectors, with equality iff
    :math:`u_i = v_i` whenever :math:`\sigma_i > 0`, i.e. W symmetric PSD; W = I attains it.
    Computed: the per-term identity, its equality case (z3), the trace identity, tr W on the
    minimisers (:func:`minimum_trace`), ||I||_* (exact); ``bound`` is compared with these.

    >>> check_nuclear_bound_3x3().verdict.name
    'HOLDS'
    """
    steps = _per_term()
    low = minimum_trace()
    rel, _ = nuclear_vs(sp.eye(3), low)
    steps[f"||I||_* = tr W = {low} (exact)"] = "proved" if rel == "=" else "refuted"
    b = sp.sympify(bound)
    if b.has(sp.Float):  # a float is not read as a guessed rational: not judged
        return _inconclusive("exact comparison", f"inexact claimed minimum {bound!r}: not judged exactly",
                             steps)
    diff = b - low
    sign = int(sp.sign(diff)) if diff.is_Rational else (certified_sign(diff) if enclosable(diff) else None)
    if sign is None:
        return _inconclusive("exact comparison", f"claimed minimum {bound!r} vs {low}: undecided", steps)
    if all(v == "proved" for v in steps.values()):
        if sign > 0:
            return _fails(
                "exact: a minimiser with smaller nuclear norm",
                {"W": "I_3", "||W||_*": str(low), "claimed minimum": str(b)},
            )
        if sign < 0:
            return _fails(
                "exact: the claimed value is below a proved lower bound, so it is not attained",
                {"claimed minimum": str(b), "proved: ||W||_* >= tr W": str(low), "attained at": "I_3"},
                notes=f"every minimiser has ||W||_* >= tr W = {low} (proved steps in details)",
            )
        return CheckResult(
            Verdict.HOLDS,
            Evidence(
                method="exact SymPy identities and a z3 proof of the equality case; "
                "||W||_* = sup_{||Z||_op <= 1} <Z, W> >= <I, W> = tr W",
                precision="exact",
                residual="0",
                proof="proofs/paper2_completion.py",
                details=steps,
                notes="any d: tr W = sum sigma_i <u_i, v_i> <= sum sigma_i, equality iff u_i = v_i for "
                f"sigma_i > 0 (W symmetric PSD); for the 3 x 3 problem tr W = {low}, attained at W = I",
                scope="general",
            ),
        )
    return _inconclusive("SymPy and z3", "a step of the argument was not proved", steps)


# ---------------------------------------------------------------- 2. the elliptope
def _psd_conditions() -> tuple[sp.Expr, sp.Expr, sp.Expr, dict[str, str]]:
    """e1, e2, e3 of det(lambda I - C) = lambda^3 - e1 lambda^2 + e2 lambda - e3, and their checks."""
    C = correlation(X, Y, Z)
    c = sp.Poly(C.charpoly(_LAM).as_expr(), _LAM).all_coeffs()
    e1, e2, e3 = -c[1], c[2], -c[3]
    minors2 = sum(C.extract([i, j], [i, j]).det() for i, j in ((0, 1), (0, 2), (1, 2)))
    r = z3.Reals("r1 r2 r3")
    f1, f2, f3 = r[0] + r[1] + r[2], r[0] * r[1] + r[0] * r[2] + r[1] * r[2], r[0] * r[1] * r[2]
    steps = {
        "e1 = tr C = 3": "proved" if e1 == 3 else "refuted",
        "e2 = sum of 2 x 2 principal minors": "proved" if sp.expand(e2 - minors2) == 0 else "refuted",
        "e3 = det C = 1 + 2xyz - x^2 - y^2 - z^2": "proved" if sp.expand(e3 - DET) == 0 else "refuted",
        "real r1, r2, r3 >= 0 iff e1, e2, e3 >= 0 (z3)": prove(
            (z3.And(f1 >= 0, f2 >= 0, f3 >= 0)) == z3.And(*[ri >= 0 for ri in r])
        ).status,
    }
    return e1, e2, e3, steps


def _eigen_witness(x: sp.Expr, y: sp.Expr, z: sp.Expr) -> dict[str, str]:
    C = correlation(x, y, z)
    roots = sp.Poly(C.charpoly(_LAM).as_expr(), _LAM).real_roots()
    rel, how = nuclear_vs(C)
    return {
        "x": str(x), "y": str(y), "z": str(z),
        "smallest eigenvalue": f"{sp.N(min(roots), 15)} (exact: {min(roots)})",
        "PSD": str(all(r >= 0 for r in roots)),
        "||W||_* vs 3": f"{rel} ({how})",
    }


def check_elliptope_3x3(description: sp.Basic = ELLIPTOPE) -> CheckResult:
    r"""Judge: [[1, x, y], [x, 1, z], [y, z, 1]] is PSD iff ``description`` (a predicate in x, y, z;
    default |x|, |y|, |z| <= 1 and 1 + 2xyz - x^2 - y^2 - z^2 >= 0).

    A real symmetric matrix has real eigenvalues, which are all >= 0 iff the coefficients e1, e2, e3
    of its characteristic polynomial are >= 0 (z3); e1, e2, e3 computed exactly, then z3 proves
    (e2 >= 0 and e3 >= 0) iff ``description``.  A counter-model is confirmed by exact eigenvalues.
    """
    if not sp.sympify(description).free_symbols <= {X, Y, Z}:
        return _inconclusive("SymPy", f"the description is not a predicate in x, y, z: {description}")
    _, e2, e3, steps = _psd_conditions()
    env = {X: z3.Real("x"), Y: z3.Real("y"), Z: z3.Real("z")}
    res = prove((z3.And(to_z3(e2, env) >= 0, to_z3(e3, env) >= 0)) == to_z3(description, env))
    steps["PSD conditions iff description (z3)"] = res.status
    if res.status == "refuted" and res.model is not None:
        pt = [sp.Rational(res.model.get(n, 0)) for n in ("x", "y", "z")]
        witness = _eigen_witness(*pt)
        described = description.subs(dict(zip((X, Y, Z), pt, strict=True)))
        witness["in the description"] = str(described)
        if described not in (sp.true, sp.false) or (described is sp.true) == (witness["PSD"] == "True"):
            return _inconclusive("z3 counter-model, not confirmed by exact eigenvalues",
                                 "z3 refuted the equivalence; the exact check at its model does not", witness)
        return _fails(
            "z3 counter-model, confirmed by exact eigenvalues",
            witness,
            notes="a symmetric unit-diagonal matrix where PSD and the description disagree",
        )
    if all(v == "proved" for v in steps.values()):
        return CheckResult(
            Verdict.HOLDS,
            Evidence(
                method="exact characteristic polynomial; z3 proofs over the reals",
                precision="exact",
                proof="proofs/paper2_completion.py",
                details=steps,
                notes="det(lambda I - C) = lambda^3 - 3 lambda^2 + (3 - x^2 - y^2 - z^2) lambda - det C",
                scope="general",
            ),
        )
    return _inconclusive("SymPy and z3", "a step was not proved", steps)


# ---------------------------------------------------------------- 3. the minimum-nuclear-norm set
def _points() -> list[tuple[sp.Matrix, str]]:
    """Rational minimisers: in the elliptope (I, corners, boundary, interior) and off it."""
    q = sp.Rational
    pts = [(correlation(*p), f"corner {p}") for p in sorted(RANK1_CORNERS)]
    for p in ((0, 0, 0), (q(1, 2), q(1, 2), q(1, 2)), (q(-1, 2), q(-1, 2), q(-1, 2)), (1, 0, 0),
              (q(3, 5), q(4, 5), 0), (q(-1, 3), q(2, 3), q(1, 7))):
        pts.append((correlation(*p), f"symmetric {p}"))
    for p in ((-1, -1, -1), (1, 1, -1), (2, 0, 0), (q(9, 10), q(9, 10), q(-9, 10))):
        pts.append((correlation(*p), f"symmetric indefinite {p}"))
    for w in ((1, 0, 0, 0, 0, 0), (q(1, 2), 0, q(-1, 2), 0, 0, 0), (1, 1, 1, 1, 1, q(99, 100)),
              (q(1, 3), q(1, 4), q(1, 3), q(1, 5), q(1, 4), q(1, 6))):
        pts.append((unit_diagonal(tuple(sp.Rational(v) for v in w)), f"non-symmetric {w}"))
    return pts


def _in_set(pred: sp.Basic, W: sp.Matrix) -> bool | None:
    """Whether W satisfies ``pred`` (a predicate in the w_ij); None if it does not reduce to a truth value."""
    val = pred.subs(dict(zip(OFF, (W[0, 1], W[0, 2], W[1, 0], W[1, 2], W[2, 0], W[2, 1]), strict=True)))
    return True if val is sp.true else False if val is sp.false else None


def check_min_set_3x3(min_set: sp.Basic = MIN_SET) -> CheckResult:
    r"""Judge: the minimisers with ||W||_* = 3 are exactly ``min_set`` (a predicate in the symbols
    w12, w13, w21, w23, w31, w32; default: symmetric with (w12, w13, w23) in the elliptope).

    z3 compares ``min_set`` with the proved set (symmetric, PSD conditions of the elliptope check);
    a counter-model, and every listed rational minimiser, is judged directly: ||W||_* = 3 exactly
    or ||W||_* > 3 certified (:func:`nuclear_vs`).
    """
    if not sp.sympify(min_set).free_symbols <= set(OFF):
        return _inconclusive("SymPy", f"the claimed set is not a predicate in the w_ij: {min_set}")
    e1, e2, e3, steps = _psd_conditions()
    if any(v != "proved" for v in steps.values()):
        return _inconclusive("SymPy and z3", "a step of the PSD conditions was not proved", steps)
    upper = {X: W12, Y: W13, Z: W23}
    truth = sp.And(sp.Eq(W12, W21), sp.Eq(W13, W31), sp.Eq(W23, W32),
                   *[e.subs(upper) >= 0 for e in (e1, e2, e3)])
    low = minimum_trace()
    env = {s: z3.Real(s.name) for s in OFF}
    res = prove(to_z3(min_set, env) == to_z3(truth, env))
    judged: dict[str, str] = {}
    cands = [(W, name) for W, name in _points()]
    if res.status == "refuted" and res.model is not None:
        w = tuple(sp.Rational(res.model.get(s.name, 0)) for s in OFF)
        cands.insert(0, (unit_diagonal(w), f"z3 counter-model {tuple(str(v) for v in w)}"))
    for W, name in cands:
        rel, how = nuclear_vs(W, low)
        claimed = _in_set(min_set, W)
        judged[name] = f"||W||_* {rel} {low}; claimed in set: {claimed}"
        if claimed is None:
            return _inconclusive("z3 and certified nuclear norms", f"the claimed set is undecided at {name}",
                                 {"points": judged})
        if (rel == "=") != claimed and rel in ("=", ">"):
            return _fails(
                "exact / Arb-certified nuclear norm of a rational minimiser",
                {"W": str(W.tolist()), f"||W||_* vs {low}": f"{rel} ({how})", "in the claimed set": claimed},
                notes=f"the claimed minimum-nuclear-norm set and ||W||_* = {low} disagree here",
            )
    if res.status == "proved" and all(not v.startswith("||W||_* ?") for v in judged.values()):
        return CheckResult(
            Verdict.HOLDS,
            Evidence(
                method="z3: the claimed set equals (symmetric and e2, e3 >= 0); exact and Arb-certified "
                "nuclear norms at rational minimisers",
                precision="exact",
                proof="proofs/paper2_completion.py",
                details={"z3": res.status, "points": judged},
                notes="||W||_* = 3 exactly at the elliptope points; > 3 certified at the symmetric "
                "indefinite and non-symmetric ones",
                scope="general",
            ),
        )
    return _inconclusive("z3 and certified nuclear norms", f"z3: {res.status} {res.reason}".strip(),
                         {"points": judged})


# ---------------------------------------------------------------- 4. ranks
def check_min_ranks_3x3(rank1_set: frozenset[tuple[int, int, int]] = RANK1_CORNERS) -> CheckResult:
    r"""Judge: the rank-1 minimum-nuclear-norm completions are the (x, y, z) in ``rank1_set``
    (default the four sign patterns with xyz = 1, i.e. s s^T, s in {+-1}^3); the others have rank 2
    on the boundary det = 0 and rank 3 inside.

    SymPy solves "every 2 x 2 minor of [[1, x, y], [x, 1, z], [y, z, 1]] vanishes" (rank <= 1; rank
    >= 1 from the unit diagonal); rank <= 2 iff det = 0; exact ranks at boundary and interior points.

    >>> check_min_ranks_3x3().verdict.name
    'HOLDS'
    """
    C = correlation(X, Y, Z)
    minors = [C.minor_submatrix(i, j).det() for i in range(3) for j in range(3)]
    sols = sp.solve(minors, [X, Y, Z], dict=True)
    found = {(int(s[X]), int(s[Y]), int(s[Z])) for s in sols if all(s[v].is_Integer for v in (X, Y, Z))}
    complete = len(found) == len(sols) and all(s[v].is_real for s in sols for v in (X, Y, Z))
    checks: dict[str, str] = {}
    for p in sorted(found):
        s = sp.Matrix([1, p[0], p[1]])  # s = (1, x, y) up to sign
        checks[f"{p}: = s s^T, in the elliptope"] = str(
            correlation(*p) == s * s.T and bool(ELLIPTOPE.subs(dict(zip((X, Y, Z), p, strict=True))))
        )
    claimed = {(int(a), int(b), int(c)) for a, b, c in rank1_set}
    for p in sorted(claimed - found):
        C0 = correlation(*p)
        return _fails(
            "SymPy solve of the 2 x 2 minors; exact rank of the claimed member",
            {"(x, y, z)": str(p), "rank": C0.rank(), "PSD (in the elliptope)": _eigen_witness(*p)["PSD"]},
            notes="claimed rank-1 minimum-nuclear-norm completion that is not one",
        )
    for p in sorted(found - claimed):
        return _fails(
            "SymPy solve of the 2 x 2 minors; exact rank",
            {
                "(x, y, z)": str(p),
                "rank": correlation(*p).rank(),
                "||W||_* vs 3": nuclear_vs(correlation(*p))[0],
            },
            notes="a rank-1 minimum-nuclear-norm completion missing from the claimed set",
        )
    q = sp.Rational
    ranks = {}  # the stated rule at points of the elliptope: 1 on rank1_set, else 2 iff det = 0, else 3
    for p in (*sorted(RANK1_CORNERS), (1, 0, 0), (q(-1, 2), q(-1, 2), q(-1, 2)), (q(3, 5), q(4, 5), 0),
              (0, 0, 0), (q(1, 2), q(1, 2), q(1, 2))):
        d = DET.subs(dict(zip((X, Y, Z), p, strict=True)))
        want = 1 if p in claimed else 2 if d == 0 else 3
        got = correlation(*p).rank()
        ranks[str(p)] = f"det {d}, rank {got} (stated {want})"
        if got != want:
            return _fails("exact rank at a minimum-nuclear-norm completion", {
                "(x, y, z)": str(p), "det": str(d), "rank": got, "stated rank": want})
        complete &= bool(ELLIPTOPE.subs(dict(zip((X, Y, Z), p, strict=True))))
    ok = complete and all(v == "True" for v in checks.values()) and sp.expand(C.det() - DET) == 0
    if ok:
        return CheckResult(
            Verdict.HOLDS,
            Evidence(
                method="SymPy solve of the 2 x 2 minors (rank <= 1); det C = 1 + 2xyz - x^2 - y^2 - z^2 "
                "(rank <= 2 iff det = 0); exact ranks",
                precision="exact",
                proof="proofs/paper2_completion.py",
                details={"rank-1 solutions": sorted(found), "corners": checks, "ranks": ranks},
                notes="rank 1: x, y, z in {+-1} with xyz = 1; rank 2: det = 0 otherwise; rank 3: det > 0",
                scope="general",
            ),
        )
    return _inconclusive("SymPy", "the solve or a rank did not come out as expected",
                         {"solutions": str(sols), "ranks": ranks, "corners": checks})
