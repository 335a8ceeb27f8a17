"""Paper 2's volume forms for every d (symdln.checks.volume_general, volume, volume_rankdrop): the
registered formulas are proved for every d, wrong ones fail (also where they are wrong only at a d the
instances do not reach), formulas outside the product structure fall back to instances with a reason,
and the lemmas of the argument are tested against the explicit chart."""

from __future__ import annotations

import pytest
import sympy as sp

from symdln import geometry as g
from symdln.checks import volume as cvol
from symdln.checks import volume_general as vg
from symdln.checks import volume_rankdrop as vr
from symdln.checks.volume_general import N, d, i, l, sigma
from symdln.claims import by_id
from symdln.verdict import Verdict

R = sp.Rational
PAIRS = ((l, i + 1, d), (i, 1, d))


def _fails(r):
    assert r.verdict is Verdict.FAILS, r.evidence
    assert r.evidence.counterexample
    return r.evidence.counterexample


def _general(r):
    assert r.verdict is Verdict.HOLDS, r.evidence
    assert r.evidence.scope == "general", r.evidence
    assert "why not general" not in (r.evidence.notes or "")


def _instances(r, why):
    assert r.verdict is Verdict.HOLDS, r.evidence
    assert r.evidence.scope == "instances"
    assert "why not general" in r.evidence.notes and why in r.evidence.notes, r.evidence.notes


# ---------------------------------------------------------------- the registered formulas: every d
@pytest.mark.parametrize("check", [cvol.check_svd_jacobian, cvol.check_volume_finite,
                                   cvol.check_volume_infinity, cvol.check_rankdrop_finite,
                                   cvol.check_rankdrop_infinity_integral])
def test_registered_formula_is_proved_for_every_d(check):
    _general(check())


def test_registered_rankdrop_correction_is_proved_for_every_d():
    claim = by_id("p2.volume.rankdrop.infinity")
    r = cvol.judge_rankdrop_infinity(claim.correction.expr)
    _general(r)
    limits = r.evidence.details["every d"]["limits, every d"]
    assert list(limits.values()) == ["1"]


def test_the_printed_rankdrop_infinity_formula_still_fails():
    assert _fails(cvol.judge_rankdrop_infinity(by_id("p2.volume.rankdrop.infinity").formula))["d"] == 2


# ---------------------------------------------------------------- wrong formulas fail
def test_jacobian_wrong_only_from_d4_fails_at_d4():
    r = cvol.check_svd_jacobian(vg.JACOBIAN * 2 ** ((d - 1) * (d - 2) * (d - 3)))
    assert _fails(r)["d"] == 4


def test_volume_wrong_only_from_d5_fails_at_d5():
    r = cvol.check_volume_finite(vg.VOLUME_FINITE * 3 ** ((d - 1) * (d - 2) * (d - 3) * (d - 4)))
    assert _fails(r)["d"] == 5


def test_volume_infinity_wrong_at_d1_fails_there():
    # the instances are d = 2, 3; the factor (d - 2)(d - 3) + 1 is 1 there and 3 at d = 1
    r = cvol.check_volume_infinity(vg.VOLUME_INFINITY * ((d - 2) * (d - 3) + 1))
    assert _fails(r)["d"] == 1


@pytest.mark.parametrize("formula", [
    sp.Product(sigma[l] ** 2 - sigma[i] ** 2, *PAIRS),                      # the sign of every pair
    sp.Product(sigma[i] - sigma[l], *PAIRS),                                 # no squares
    vg.JACOBIAN * sp.Product(sigma[i], (i, 1, d)),                           # a factor per singular value
], ids=["sign", "no squares", "single factor"])
def test_jacobian_wrong_product_forms_fail(formula):
    _fails(cvol.check_svd_jacobian(formula))


def test_volume_wrong_constant_fails():
    _fails(cvol.check_volume_finite(vg.VOLUME_FINITE / N ** (d * (d - 1) / 2)))


def test_callable_wrong_only_at_d4_fails_at_d4():
    def wrong(s):
        return g.vandermonde([x**2 for x in s]) * (2 if len(s) == 4 else 1)

    assert _fails(cvol.check_svd_jacobian(wrong))["d"] == 4


def test_rankdrop_infinity_wrong_only_from_d5_fails_at_d5():
    e = cvol.sigma_min * cvol.rho_inf / ((2 * sp.log(1 / cvol.sigma_min)) ** (cvol.d_ - 1) * cvol.rho_rest)
    lim = sp.Limit(e, cvol.sigma_min, 0, "+")
    r = cvol.judge_rankdrop_infinity(sp.Eq(lim, 1 + (cvol.d_ - 2) * (cvol.d_ - 3) * (cvol.d_ - 4)))
    assert _fails(r)["d"] == 5


# ---------------------------------------------------------------- outside the structure: instances, and why
def test_jacobian_not_written_as_a_product_falls_back():
    right = sp.exp(sp.Sum(sp.log(sigma[i] ** 2 - sigma[l] ** 2), *PAIRS))
    _instances(cvol.check_svd_jacobian(right), "not a product")


def test_jacobian_as_a_python_function_falls_back():
    _instances(cvol.check_svd_jacobian(lambda s: g.vandermonde([x**2 for x in s])), "Python function")


def test_rankdrop_infinity_stated_for_d2_only_falls_back():
    f = sp.Eq(sp.Limit(cvol.sigma_min * cvol.rho_inf / (2 * sp.log(1 / cvol.sigma_min) * cvol.rho_rest),
                       cvol.sigma_min, 0, "+"), 1)
    r = cvol.judge_rankdrop_infinity(sp.Implies(sp.Eq(cvol.d_, 2), f))
    _instances(r, "not a function of the factor q")


def test_rankdrop_finite_exponent_without_symbolic_n_is_not_general():
    # the check is then INCONCLUSIVE (tests/test_geometry.py)
    assert vr._finite_general(lambda n: R(1 - int(n), int(n)))[1] == \
        "the exponent under test does not accept a symbolic N"


def test_rankdrop_finite_other_exponents():
    steps, why = vr._finite_general(lambda n: 1 / n - 1)
    assert why is None and steps["t1(s) / s^e -> (s -> 0, symbolic N)"] == "1"
    steps, why = vr._finite_general(lambda n: sp.Integer(-1))  # rho / sigma_min^{-1} -> 0
    assert why is not None and steps["t1(s) / s^e -> (s -> 0, symbolic N)"] == "0"
    steps, why = vr._finite_general(lambda n: (1 - n) / (2 * n))  # right at N = 1 only: sign undecided
    assert why is not None and not steps


# ---------------------------------------------------------------- reading a product form
@pytest.mark.parametrize("formula", [
    sp.Product(sp.Product(sigma[l] ** 2 - sigma[i] ** 2, (l, 1, i - 1)), (i, 2, d)),  # pairs l < i
    sp.Product(sigma[i] ** 2 - sigma[l] ** 2, (l, i + 1, d), (i, 1, d - 1)),          # outer to d - 1
    sp.Product(sp.Product(sigma[i] ** 2 - sigma[l] ** 2, (l, i + 1, d)), (i, 1, d)),   # nested
    sp.Product((sigma[i] ** 2 - sigma[l] ** 2) ** 2, *PAIRS) ** R(1, 2),              # a power of a product
], ids=["l < i", "to d - 1", "nested", "power"])
def test_jacobian_written_otherwise_is_proved(formula):
    assert vg.judge_general(formula, "jacobian", [d]).proved


def test_volume_with_the_constant_inside_the_pairs_is_proved():
    f = (sp.Product(sigma[i] ** 2, (i, 1, d)) ** ((1 - N) / (2 * N))
         * sp.Product(N * (sigma[i] ** (2 / N) - sigma[l] ** (2 / N)), *PAIRS))
    assert vg.judge_general(f, "finite", [d, N]).proved


@pytest.mark.parametrize(("formula", "why"), [
    (sp.Product(sigma[i], (i, 0, d)), "not from 1 to d"),
    (sp.Product(sigma[i] - sigma[i + 1], *PAIRS), "not a function of sigma[i], sigma[l]"),
    (sp.Product(sigma[i] ** (2 / N) - sigma[l] ** (2 / N), *PAIRS) ** R(1, 3),
     "whose sign SymPy does not know"),
    (vg.JACOBIAN * sp.Symbol("c"), "unknown symbols ['c']"),
    (vg.JACOBIAN + 1, "a sum"),
], ids=["from 0", "neighbour", "power of unknown sign", "unknown symbol", "sum"])
def test_product_form_says_why_not(formula, why):
    out = vg.product_form(formula, [d, N])
    assert isinstance(out, str) and why in out, out


def test_user_symbols_with_other_assumptions_mean_the_same():
    s, dd = sp.IndexedBase("sigma"), sp.Symbol("d")
    formula = sp.Product(s[i] ** 2 - s[l] ** 2, (l, i + 1, dd), (i, 1, dd))
    assert vg.judge_general(formula, "jacobian", [d]).proved


def test_unroll_follows_sympys_empty_range_convention():
    assert vg.unroll(sp.Product(sigma[i], (i, 1, d - 1)), 1) == 1
    assert vg.unroll(sp.Product(sigma[i], (i, 4, d)), 1) == sp.Product(sigma[i], (i, 4, 1)).doit()


# ---------------------------------------------------------------- the lemmas, tested on the explicit chart
def test_chart_lemmas_and_truth_steps():
    assert all(vg.chart_lemmas().values())
    for kind in ("jacobian", "finite", "infinity"):
        t = vg.factor_truth(kind)
        assert all(v for v in t.facts.values() if isinstance(v, bool)), t.facts
        assert vg.factors_positive(t)


def _orthogonal(d_: int, k: int) -> sp.Matrix:
    K = sp.zeros(d_, d_)
    for a in range(d_):
        for b in range(a + 1, d_):
            K[a, b], K[b, a] = R(1, a + 2 * b + k + 2), -R(1, a + 2 * b + k + 2)
    return g.cayley_rotation(K)


@pytest.mark.parametrize(("d_", "depth"), [(2, None), (3, None), (4, None), (2, 2), (3, 3), (4, 2)])
def test_block_product_is_the_density_of_the_explicit_chart(d_, depth):
    """The block-diagonal step for every d, tested: the product of the blocks equals |det J| / sqrt(det A)
    of the explicit chart and operator (generic rotations, sigma_min != 1)."""
    a = [R(5, 2), R(2), R(3, 2), R(1, 3)][:d_]
    U, V = _orthogonal(d_, 0), _orthogonal(d_, 1)
    if depth is None:
        truth, kind, sig = g.chart_density(U, V, a)[0], "jacobian", a
    else:
        sig = [x**depth for x in a]
        D2 = sp.diag(*[x**2 for x in a])
        truth = g.chart_density(U, V, sig, depth, U * D2 * U.T, V * D2 * V.T)[0]
        kind = "finite"
    assert sp.simplify(vg.block_product(vg.factor_truth(kind), sig, depth) - truth) == 0


@pytest.mark.parametrize("sig", [(R(3), R(2)), (R(4), R(3), R(2))])
def test_block_product_is_the_depth_infinity_density_of_the_chart(sig):
    truth = cvol._infinity_density(sig)
    assert sp.simplify(sp.expand_log(vg.block_product(vg.factor_truth("infinity"), sig, None) - truth)) == 0


@pytest.mark.parametrize("d_", [2, 3])
def test_vec_identity_of_the_isometry_lemma(d_):
    """vec(U X V^T) = (V kron U) vec X (column-major vec), the identity the isometry lemma rests on."""
    U, V = _orthogonal(d_, 0), _orthogonal(d_, 1)
    Xm = sp.Matrix(d_, d_, sp.symbols(f"x0:{d_ * d_}"))
    vec = lambda M: M.T.reshape(d_ * d_, 1)  # noqa: E731 (column-major)
    assert sp.expand(vec(U * Xm * V.T) - sp.kronecker_product(V, U) * vec(Xm)) == sp.zeros(d_ * d_, 1)


@pytest.mark.parametrize("kind", ["finite", "infinity"])
@pytest.mark.parametrize("d_", [2, 3, 4, 5])
def test_split_at_the_smallest_singular_value(kind, d_):
    """rho_d(others, s) = rho_{d-1}(others) t1(s) prod_i t2(sigma_i, s), the step of the rank-drop proofs."""
    t = vg.factor_truth(kind)
    others, s = list(sp.symbols(f"o1:{d_}", positive=True)), sp.Symbol("s", positive=True)
    depth = 3 if kind == "finite" else None

    def at(e):
        return e if depth is None else e.subs(N, depth)

    split = (vg.block_product(t, others, depth) * at(t.single).subs(vg.X, s)
             * sp.Mul(*[at(t.pair).subs({vg.A: o, vg.B: s}) for o in others]))
    assert sp.simplify(vg.block_product(t, [*others, s], depth) - split) == 0


def test_rankdrop_lemmas():
    assert all(vr._infinity_split().values())
    assert all(vr._integral_general().values())
