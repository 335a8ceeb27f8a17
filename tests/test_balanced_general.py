"""Paper 2, the balanced manifold and the invariant sets of completion: the arguments for every d and N.

For each check: the registered formula is proved for every d and N (scope general); a wrong formula
still FAILS, with a certified counterexample beyond the exact instances where the instances miss it; a
formula outside the structure the proof needs (a plain function, a form SymPy does not decide) falls
back to the instances with the reason in its notes.  The lemmas of the arguments are fed wrong
hypotheses and must not verify.
"""

from __future__ import annotations

import pytest
import sympy as sp

from symdln import geometry as g
from symdln.checks import balanced as cb
from symdln.checks import balanced_entropy as cbe
from symdln.checks import completion as cc
from symdln.checks.geometry import METRIC_OPERATOR, SummandFlow
from symdln.verdict import Verdict

R = sp.Rational


def _general(r):
    assert r.verdict is Verdict.HOLDS, r.evidence
    assert r.evidence.scope == "general", r.evidence.notes
    assert "why not general" not in (r.evidence.notes or "")


def _instances(r, reason):
    assert r.verdict is Verdict.HOLDS, r.evidence
    assert r.evidence.scope == "instances"
    assert "why not general" in r.evidence.notes and reason in r.evidence.notes, r.evidence.notes


def _fails(r):
    assert r.verdict is Verdict.FAILS, r.evidence
    assert r.evidence.counterexample
    return r.evidence.counterexample


# ---------------------------------------------------------------- the lemmas: each verifies, and can fail
def test_every_lemma_verifies():
    for lemmas in (cb.dimension_lemmas(), cb.submersion_lemmas(), cc.invariant_lemmas(), cbe.orbit_lemmas()):
        assert lemmas and all(lemmas.values()), lemmas
    haar = cbe.haar_lemmas()
    assert haar["I_1"] == 2 and haar["I_2"] == sp.pi / 2 and haar["circle"] == 2 * sp.pi
    assert all(haar[k] is True for k in ("O(1)", "horizontal generators", "fibration d = 3",
                                         "hyperspherical metric", "Wallis step"))


def test_word_reduction_needs_the_hypotheses():
    # without orthogonality the equivariance residual of F does not vanish
    W0, W0t, Q0, Q0t, Q1, Q1t = cb.words("W0 W0t Q0 Q0t Q1 Q1t")
    t = {W0: W0t, W0t: W0, Q0: Q0t, Q0t: Q0, Q1: Q1t, Q1t: Q1}
    gW = Q1 * W0 * Q0t
    residual = gW * cb.transpose_words(gW, t) - Q1 * W0 * W0t * Q1t
    assert cb._reduce(residual, [(Q0t * Q0, 1)]) == 0
    assert cb._reduce(residual, [(Q1t * Q1, 1)]) != 0


def test_entries_lemma_rejects_a_wrong_entry():
    a, b = sp.symbols("a b", integer=True, nonnegative=True)
    i, l = cb._d - 1 - a, cb._d - 1 - b
    s, M = sp.MatrixSymbol("s", cb._d, 1), sp.MatrixSymbol("M", cb._d, cb._d)
    entry = (M * sp.DiagMatrix(s))[i, l].doit()
    assert cb.zero_in_range(entry - M[i, l] * s[l, 0], a, b)
    assert not cb.zero_in_range(entry - M[i, l] * s[i, 0], a, b)  # the scaling from the wrong side


def test_failed_lemma_makes_the_dimension_inconclusive(monkeypatch):
    monkeypatch.setattr(cb, "dimension_lemmas", lambda: {"SVD form": True, "right inverse entries": False})
    r = cb.check_balanced_dimension()
    assert r.verdict is Verdict.INCONCLUSIVE
    assert r.evidence.details["lemmas (every d, N)"]["right inverse entries"] is False


# ---------------------------------------------------------------- p2.balanced.dimension
def test_dimension_registered_formula_is_general():
    r = cb.check_balanced_dimension()
    _general(r)
    assert r.evidence.details["claimed(d, N) - (N d^2 - (N-1) d(d+1)/2), symbolic d, N"] == "0"


def test_dimension_wrong_symbolic_formula_fails():
    cex = _fails(cb.check_balanced_dimension(dimension=lambda d, N: N * d**2 - (N - 1) * d**2))
    assert cex["d"] >= 1


# ---------------------------------------------------------------- p2.balanced.submersion
def test_submersion_correction_is_general():
    _general(cb.judge_submersion(sp.Eq(cb.g_sub, cb.g_N / cb.N)))


def test_submersion_printed_still_fails_at_an_exact_point():
    cex = _fails(cb.judge_submersion(sp.Eq(cb.g_N / cb.g_sub, 1)))
    assert cex["N"] == 2 and sp.Rational(cex["g_N/g_sub"]) == 2


def test_submersion_wrong_beyond_the_exact_points_fails():
    # right at N = 2..5 (the exact balanced points), wrong from N = 7 on
    wrong = sp.Eq(cb.g_sub, cb.g_N / cb.N + sp.Piecewise((0, cb.N < 7), (cb.g_N, True)))
    cex = _fails(cb.judge_submersion(wrong))
    assert cex["N"] == 7 and cex["W_j"] == "I_2"


def test_submersion_case_split_decides_a_bounded_statement():
    assert cb._general_decision(sp.Implies(cb.N <= 2, sp.Eq(cb.g_sub, cb.g_N / 2))) is sp.true
    assert cb._general_decision(sp.Eq(cb.g_sub, cb.g_N / 2)) is not sp.true


def test_submersion_undecided_form_falls_back_to_instances():
    # Cassini's identity F(N+1) F(N-1) - F(N)^2 = (-1)^N: true, but SymPy does not simplify it for symbolic N
    fib = sp.fibonacci
    cassini = (fib(cb.N + 1) * fib(cb.N - 1) - fib(cb.N) ** 2) ** 2
    _instances(cb.judge_submersion(sp.Eq(cb.g_sub, cb.g_N / cb.N * cassini)), "g_N and N for every N >= 2")


def test_identity_lift_is_the_horizontal_lift():
    lift = cb.identity_lift(5, R(3, 2))
    assert lift["tangent and d phi(h) = Z"]
    assert lift["g_N"] == R(9, 4) and lift["g_sub"] == R(9, 20)


def test_check_submersion_summand_operators():
    _general(cb.check_submersion(operator=cb.UNNORMALISED_OPERATOR))
    r = cb.check_submersion()
    assert r.verdict is Verdict.HOLDS_AFTER_CORRECTION and r.evidence.scope == "general"
    # the unnormalised operator up to N = 3 (the exact points), twice it from N = 4 on
    late = SummandFlow(cb.UNNORMALISED_OPERATOR.left, cb.UNNORMALISED_OPERATOR.right,
                       lambda N: sp.Piecewise((1, N < 4), (2, True)))
    assert _fails(cb._judge_metric(late, "the operator under test"))["N"] >= 4
    assert cb.check_submersion(corrected_operator=late).verdict is Verdict.FAILS
    _instances(cb.check_submersion(operator=cb.unnormalised_operator), "SummandFlow")


# ---------------------------------------------------------------- p2.completion.invariant
def test_invariant_sets_registered_operator_is_general():
    _general(cc.check_invariant_sets())


def test_invariant_sets_plain_function_is_instances():
    _instances(cc.check_invariant_sets(operator=g.metric_operator), "SummandFlow")


def test_invariant_sets_wrong_summand_fails():
    off_by_one = SummandFlow(lambda N, j: (N - j) / N, lambda N, j: j / N, lambda N: 1 / N)
    _fails(cc.check_invariant_sets(operator=off_by_one))


def test_invariant_sets_symmetry_needs_a_pairing():
    assert cc._invariant_general(METRIC_OPERATOR)[0]
    # symmetric for every N, but not the end-to-end flow (scale 2): not a proof about the flow
    ok, why = cc._invariant_general(SummandFlow(METRIC_OPERATOR.left, METRIC_OPERATOR.right, lambda N: 2))
    assert not ok and "end-to-end flow" in why


# ---------------------------------------------------------------- p2.balanced.entropy
def test_entropy_registered_formulas_are_general():
    _general(cbe.check_balanced_entropy())


def test_entropy_structured_defaults_agree_with_the_package():
    for sig in ([R(27), R(8), R(1)], [R(5), R(3), R(2), R(1, 2)]):
        for N in (1, 2, 3):
            assert sp.simplify(cbe.ORBIT_DENSITY(sig, N) - g.orbit_density(sig, N)) == 0
    assert all(cbe.HAAR_VOLUME(d) == g.haar_volume(d) for d in range(1, 7))


def test_entropy_plain_functions_are_instances():
    _instances(cbe.check_balanced_entropy(density=g.orbit_density, haar=g.haar_volume), "PairProduct")


def test_density_general_judgement():
    pair = cbe.ORBIT_DENSITY.pair
    assert cbe._density_general(cbe.ORBIT_DENSITY)[0]
    # the same product, the factor 2^{(N-1)/2} moved from the constant into the pairs
    moved = cbe.PairProduct(lambda x, y, N: 2 ** ((N - 1) / sp.Integer(2)) * pair(x, y, N), lambda d, N: 1)
    assert cbe._density_general(moved)[0]
    wrong = cbe.PairProduct(lambda x, y, N: sp.sqrt((x**2 - y**2) / (x ** (1 / N) - y ** (1 / N))),
                            cbe.ORBIT_DENSITY.constant)
    ok, why = cbe._density_general(wrong)
    assert not ok and "free of x, y" in why


def test_entropy_density_wrong_from_d4_fails():
    # right at d = 2, 3 (all the exact points), twice the orbit volume from d = 4 on
    doubled = cbe.PairProduct(cbe.ORBIT_DENSITY.pair, lambda d, N: cbe.ORBIT_DENSITY.constant(d, N)
                              * sp.Piecewise((1, d < 4), (2, True)))
    cex = _fails(cbe.check_balanced_entropy(density=doubled))
    assert cex["d"] == 4
    assert sp.sympify(cex["density claimed"]) == 2 * sp.sympify(cex["sqrt(det Gram)"])


@pytest.mark.parametrize("sphere", [
    lambda k: cbe.HAAR_VOLUME.sphere(k) * sp.Piecewise((1, k < 4), (2, True)),  # judged for symbolic k
    lambda k: cbe.HAAR_VOLUME.sphere(k) * (1 if k < 4 else 2),  # cannot take a symbolic k
], ids=["symbolic", "integer only"])
def test_entropy_haar_wrong_from_d5_fails(sphere):
    # right at d = 2, 3, 4 (the computed volumes), vol(S^4) doubled
    cex = _fails(cbe.check_balanced_entropy(haar=cbe.SphereProduct(sphere)))
    assert cex["d"] == 5


def test_haar_general_judgement():
    assert cbe._haar_general(cbe.HAAR_VOLUME)[0]
    ok, why = cbe._haar_general(cbe.SphereProduct(cbe.HAAR_VOLUME.sphere, components=1))  # vol(SO(d))
    assert not ok and "components" in why
    ok, why = cbe._haar_general(cbe.SphereProduct(lambda k: 2 * sp.pi ** ((k + 1) / sp.Integer(2))))
    assert not ok
