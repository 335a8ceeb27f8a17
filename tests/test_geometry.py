"""Paper 2 geometry: every check on the printed formula, and a negative test for each."""

from __future__ import annotations

import pytest
import sympy as sp
from hypothesis import example, given
from hypothesis import strategies as st

from symdln import geometry as g
from symdln.checks import geometry as cg
from symdln.checks import spectrum as csp
from symdln.checks import svdynamics as csd
from symdln.checks import volume as cvol
from symdln.verdict import Verdict

R = sp.Rational


# ---------------------------------------------------------------- printed formulas
@pytest.mark.parametrize(
    "check",
    [
        cg.check_endtoend,
        cg.check_endtoend_general,
        cg.check_balanced_conserved,
        cg.check_arora_form,
        cg.check_normalisation,
        csp.check_metric_eigen,
        csp.check_metric_quotient,
        csp.check_metric_diag,
        csp.check_unnormalised_spectrum,
        csp.check_limit_logmean,
        csp.check_limit_rate,
        csd.check_sv_finite,
        csd.check_sv_unnormalised,
        csd.check_sv_infinity,
        cvol.check_svd_jacobian,
        cvol.check_volume_finite,
        cvol.check_volume_infinity,
        cvol.check_rankdrop_finite,
    ],
)
def test_printed_holds(check):
    r = check()
    assert r.verdict is Verdict.HOLDS, r.evidence


def test_paper1_mapping_needs_correction():
    r = csd.check_paper1_mapping()
    assert r.verdict is Verdict.HOLDS_AFTER_CORRECTION
    assert "second branch" in str(r.evidence.counterexample)


def test_rankdrop_infinity_needs_log_factor():
    r = cvol.check_rankdrop_infinity()
    assert r.verdict is Verdict.HOLDS_AFTER_CORRECTION
    assert r.evidence.counterexample["d"] == 2


# ---------------------------------------------------------------- negative tests
def _fails(r):
    assert r.verdict is Verdict.FAILS, r.evidence
    assert r.evidence.counterexample


def test_endtoend_missing_factor_N():
    _fails(cg.check_endtoend(flow=lambda P, Q, G, N: g.endtoend_unnormalised(P, Q, G, N) / N))


def test_endtoend_swapped_powers():
    _fails(cg.check_endtoend(flow=lambda P, Q, G, N: g.endtoend_unnormalised(Q, P, G, N)))


def test_balance_broken_by_layer_dependent_steps():
    _fails(cg.check_balanced_conserved(flow=cg._weighted_flow))


def test_arora_without_reindexing():
    def wrong(P, Q, G, N):
        return -sum((P**j * G * Q ** (N - j) for j in range(1, N + 1)), sp.zeros(2, 2))

    _fails(cg.check_arora_form(form=wrong))


def test_normalisation_missing_one_over_N():
    _fails(cg.check_normalisation(operator=lambda P, Q, Z, N: -g.endtoend_unnormalised(P, Q, Z, N)))


def test_eigen_wrong_eigenvalue():
    r = csp.check_metric_eigen(eigenvalue=lambda x, y, N: g.eigenvalue_sum(x, y, N) * N)
    _fails(r)
    assert r.evidence.counterexample["d"] == 2 and r.evidence.counterexample["N"] == 2


def test_eigen_wrong_exponent():
    _fails(
        csp.check_metric_eigen(
            eigenvalue=lambda x, y, N: g.eigenvalue_sum(x, y, N) if x != y else x ** R(N - 1, 2 * N)
        )
    )


def test_quotient_missing_N():
    _fails(csp.check_metric_quotient(eigenvalue=g.eigenvalue_quotient_unnormalised))


def test_diag_wrong_exponent():
    _fails(csp.check_metric_diag(diag=lambda x, N: x ** R(N - 1, 2 * N)))


def test_unnormalised_spectrum_missing_N():
    _fails(csp.check_unnormalised_spectrum(quotient=g.eigenvalue_quotient))


def test_limit_wrong_mean():
    _fails(csp.check_limit_logmean(limit=lambda x, y: sp.sqrt(x * y)))


def test_limit_wrong_diagonal():
    _fails(csp.check_limit_logmean(limit_diag=lambda x: x**2))


def test_rate_wrong_sign():
    _fails(csp.check_limit_rate(coefficient=lambda x, y: -csp.rate_coefficient(x, y)))


def test_sv_wrong_exponent():
    _fails(csd.check_sv_finite(rate=lambda s, N: s ** (2 - R(1, N))))


def test_sv_unnormalised_missing_N():
    _fails(csd.check_sv_unnormalised(rate=g.sv_rate))


def test_sv_infinity_wrong_power():
    _fails(csd.check_sv_infinity(rate=lambda s: s))


def test_paper1_mapping_normalised_rate_fails():
    # the normalised flow is slower by 2: (16) does not solve it
    _fails(csd.check_paper1_mapping(rate=g.sv_rate))


def test_svd_jacobian_without_squares():
    _fails(cvol.check_svd_jacobian(jacobian=lambda sig: g.vandermonde(list(sig))))


def test_volume_wrong_exponent():
    def wrong(sig, N):
        d = len(sig)
        det2 = sp.Mul(*[s**2 for s in sig])
        return (
            sp.Integer(N) ** R(d * (d - 1), 2)
            * det2 ** R(1 - N, N)
            * g.vandermonde([s ** R(2, N) for s in sig])
        )

    _fails(cvol.check_volume_finite(density=wrong))


def test_volume_missing_constant():
    _fails(
        cvol.check_volume_finite(
            density=lambda sig, N: g.volume_density(sig, N) / N ** R(len(sig) * (len(sig) - 1), 2)
        )
    )


def test_volume_infinity_missing_det():
    _fails(cvol.check_volume_infinity(density=lambda sig: g.vandermonde([sp.log(s**2) for s in sig])))


def test_rankdrop_finite_wrong_exponent():
    _fails(cvol.check_rankdrop_finite(exponent=lambda N: R(1 - N, 2 * N)))


def test_rankdrop_infinity_with_log_factor_holds():
    r = cvol.check_rankdrop_infinity(asymptotic=lambda s, d: (2 * sp.log(1 / s)) ** (d - 1) / s)
    assert r.verdict is Verdict.HOLDS


# ---------------------------------------------------------------- printed statements that fail
@pytest.mark.xfail(
    strict=True,
    reason="paper 1 (16), second branch: e^{-2delta}/(1 + 2e^{-delta} lambda t) "
    "does not solve dw/dt = -2 lambda w^2 (needs e^{-2delta})",
)
def test_printed_16_second_branch_solves_the_N2_flow():
    lam, delta, t = sp.symbols("lambda delta t", positive=True)
    w = csd.w16_zero(lam, delta, t)
    assert sp.simplify(sp.diff(w, t) + 2 * lam * w**2) == 0


def test_corrected_16_second_branch_solves_the_N2_flow():
    lam, delta, t = sp.symbols("lambda delta t", positive=True)
    w = csd.w16_zero_corrected(lam, delta, t)
    assert sp.simplify(sp.diff(w, t) + 2 * lam * w**2) == 0


@pytest.mark.xfail(
    strict=True,
    reason="depth-infinity density is not ~1/sigma_min for d >= 2: "
    "sigma_min rho = 2 log(sigma_1/sigma_min)/sigma_1 is unbounded",
)
def test_printed_rankdrop_infinity_like_one_over_sigma():
    u = sp.Symbol("u", positive=True)
    rho = g.volume_density_infinity([sp.Integer(3), sp.exp(-u)])
    assert sp.limit(sp.expand_log(rho * sp.exp(-u), force=True), u, sp.oo).is_finite


def test_corrected_rankdrop_infinity():
    u = sp.Symbol("u", positive=True)
    rho = g.volume_density_infinity([sp.Integer(3), sp.exp(-u)])
    lim = sp.limit(
        sp.expand_log(rho * sp.exp(-u) / (2 * u) / g.volume_density_infinity([sp.Integer(3)]), force=True),
        u,
        sp.oo,
    )
    assert lim == 1


# ---------------------------------------------------------------- properties over singular values
positive_q = st.fractions(min_value=R(1, 1000), max_value=10).map(
    lambda f: sp.Rational(f.numerator, f.denominator)
)


@given(a=positive_q, b=positive_q, N=st.integers(1, 7))
@example(a=R(1), b=R(1, 1000), N=5)  # near rank drop
@example(a=R(1000, 999), b=R(1), N=7)  # near-equal
def test_quotient_equals_sum_exactly(a, b, N):
    """Quotient form = sum form at x = a^N, y = b^N (exact), for distinct a, b."""
    if a == b:
        assert g.eigenvalue_sum(a**N, b**N, N) == g.eigenvalue_diag(a**N, N)
    else:
        diff = g.eigenvalue_quotient(a**N, b**N, N) - g.eigenvalue_sum(a**N, b**N, N)
        assert diff.is_Rational and diff == 0  # exact: (a^N)^{1/N} = a for rational a > 0


@given(a=positive_q, b=positive_q, N=st.integers(1, 7))
@example(a=R(2), b=R(2), N=3)  # on the diagonal
def test_sum_form_at_a_symbolic_N_is_the_sum(a, b, N):
    """At a symbolic N the sum form is the unevaluated Sum: substituting an integer N and summing gives the
    integer-N value exactly; so do the two rates."""
    n = sp.Symbol("N", integer=True, positive=True)
    x, y = a**N, b**N
    at_n = g.eigenvalue_sum(x, y, n)
    assert isinstance(at_n, sp.Expr) and at_n.has(sp.Sum)
    assert at_n.subs(n, N).doit() - g.eigenvalue_sum(x, y, N) == 0
    assert g.sv_rate(x, n).subs(n, N) == g.sv_rate(x, N)
    assert g.sv_rate_unnormalised(x, n).subs(n, N) == g.sv_rate_unnormalised(x, N) == N * g.sv_rate(x, N)


def test_sum_form_summed_for_symbolic_N():
    """The Sum at a symbolic N sums to the quotient form off the diagonal and to the diagonal form on it;
    its index cannot clash with a symbol j of the arguments."""
    n = sp.Symbol("N", integer=True, positive=True)
    a, b = sp.symbols("a b", positive=True)
    j = sp.Symbol("j", integer=True, positive=True)  # what a plain summation index would be
    off = g.eigenvalue_sum(a**n, b**n, n).doit()
    assert sp.simplify(off.subs(b, a + 1) - g.eigenvalue_quotient(a**n, (a + 1) ** n, n)) == 0
    assert sp.simplify(g.eigenvalue_sum(a**n, a**n, n).doit() - g.eigenvalue_diag(a**n, n)) == 0
    x = (j + 1) ** n  # x > 1 = y
    assert sp.simplify(g.eigenvalue_sum(x, 1, n).doit() - g.eigenvalue_quotient(x, 1, n)) == 0


def test_symbolic_depth_is_validated():
    """A symbolic N declared non-integer, or not positive, is rejected by the sum form and the rates."""
    k, neg = sp.Symbol("k", integer=False, positive=True), sp.Symbol("m", negative=True)
    for f, args in ((g.eigenvalue_sum, (4, 1)), (g.sv_rate, (4,)), (g.sv_rate_unnormalised, (4,))):
        for bad in (k, neg):
            with pytest.raises(ValueError, match="N must be"):
                f(*args, bad)


@given(a1=positive_q, a2=positive_q, N=st.integers(2, 4))
@example(a1=R(1), a2=R(1, 1000), N=3)  # near-zero singular value
@example(a1=R(1001, 1000), a2=R(1), N=2)  # near-equal
def test_volume_density_matches_spectrum_exactly(a1, a2, N):
    """sqrt(det g) = |van(Sigma^2)| / sqrt(prod lambda_il) = the printed density itself, exactly (d = 2,
    sigma_1 > sigma_2: no squares, so the sign is tested too)."""
    if a1 == a2:
        return
    a1, a2 = max(a1, a2), min(a1, a2)
    sig = (a1**N, a2**N)
    x = [s**2 for s in sig]
    prod = g.eigenvalue_diag(x[0], N) * g.eigenvalue_diag(x[1], N) * g.eigenvalue_sum(x[0], x[1], N) ** 2
    truth = abs(g.vandermonde(x)) / sp.sqrt(prod)
    assert truth.is_Rational and truth > 0
    assert truth - g.volume_density(sig, N) == 0


def test_exact_points_are_balanced():
    for d, N in cg.CASES_FLOW:
        pt = cg.exact_point(d, N)
        Ws = pt["Ws"]
        for j in range(N - 1):
            assert Ws[j + 1].T * Ws[j + 1] == Ws[j] * Ws[j].T


def test_volume_arb_cross_check_contains_printed_and_excludes_wrong():
    ok = cvol._volume_arb(g.volume_density)
    assert not any(r["certified nonzero"] for r in ok)
    bad = cvol._volume_arb(lambda sig, N: g.volume_density(sig, N) * R(101, 100))
    assert all(r["certified nonzero"] for r in bad)
    flipped = cvol._volume_arb(lambda sig, N: -g.volume_density(sig, N))  # density^2 is right
    assert all(r["certified nonzero"] for r in flipped)


def test_unnormalised_diverges():
    assert csp.check_unnormalised_diverges().verdict is Verdict.HOLDS


def test_normalised_does_not_diverge():
    _fails(csp.check_unnormalised_diverges(diag=g.eigenvalue_diag))


def test_endtoend_general_wrong_powers():
    """Shifting the power of WW^T by 1/N, or taking j/N on the right, is caught for symbolic N."""
    _fails(cg.check_endtoend_general(left_exponent=lambda N, j: (N - j + 1) / N))
    _fails(cg.check_endtoend_general(right_exponent=lambda N, j: j / N))
    _fails(cg.check_endtoend_general(left_exponent=lambda N, j: (j - 1) / N))


def test_endtoend_general_reindexed_sum_is_the_same_flow():
    """Both exponents swapped is the Arora-Cohen-Hazan form: the same sum after j -> N + 1 - j (the flow is
    the sum; term by term it differs, which the judge no longer takes for a counterexample)."""
    r = cg.check_endtoend_general(left_exponent=cg.LAST_LAYERS, right_exponent=cg.FIRST_LAYERS)
    assert r.verdict is Verdict.HOLDS and r.evidence.scope == "general"
    assert "after j -> N + 1 - j" in r.evidence.method


def test_endtoend_general_of_python_functions_is_on_instances():
    """Regression: exponents given as Python functions were proved for every N from what they return at
    a symbolic N, j; a function branching on N (here on N == 40, beyond the depths evaluated, 1..24)
    would then be 'proved'.  Python functions are judged on the evaluated depths only, and say why."""
    def branchy(N, j):
        return (N - j + (1 if N == 40 else 0)) / N

    for left in (lambda N, j: (N - j) / N, branchy):
        r = cg.check_endtoend_general(left_exponent=left, right_exponent=lambda N, j: (j - 1) / N)
        assert r.verdict is Verdict.HOLDS and r.evidence.scope == "instances"
        assert "why not general: the exponents or the scale are Python functions" in r.evidence.notes
    # written as a SymPy Lambda, the branch is part of the formula and is judged
    N, j = sp.symbols("N j", integer=True, positive=True)
    late = sp.Lambda((N, j), sp.Piecewise(((N - j + 1) / N, sp.Eq(N, 40)), ((N - j) / N, True)))
    assert cg.check_endtoend_general(left_exponent=late).verdict is not Verdict.HOLDS


def test_general_lemmas_hold_for_every_size():
    assert cg.general_lemmas() == {"gradient": True, "telescoping": True, "induced term": True,
                                   "entries": True}


@pytest.mark.parametrize("check", [cg.check_endtoend, cg.check_endtoend_general, cg.check_arora_form,
                                   cg.check_normalisation, cg.check_balanced_conserved])
def test_flow_checks_are_general(check):
    r = check()
    assert r.verdict is Verdict.HOLDS and r.evidence.scope == "general", r.evidence


@pytest.mark.parametrize(("form", "core"), [(cg.NOTES_FLOW, g.endtoend_unnormalised),
                                            (cg.ARORA_FORM, g.endtoend_arora),
                                            (cg.METRIC_OPERATOR, g.metric_operator)])
@pytest.mark.parametrize(("d", "N"), [(2, 1), (2, 4), (3, 3)])
def test_summand_forms_are_the_package_formulas(form, core, d, N):
    """The exponent forms judged for every d and N give the package's matrices at exact points."""
    pt = cg.exact_point(d, N)
    G = cg.symbolic_matrix("G", d, d)
    residual = form(pt["P"], pt["Q"], G, N) - core(pt["P"], pt["Q"], G, N)
    assert residual.applyfunc(sp.expand) == sp.zeros(d, d)


def test_factor_flow_form_is_the_package_flow():
    Ws = [cg.symbolic_matrix(f"W{k}_", 2, 2) for k in range(3)]
    G = cg.symbolic_matrix("G", 2, 2)
    for a, b in zip(cg.FACTOR_FLOW(Ws, G), g.factor_flow(Ws, G), strict=True):
        assert (a - b).applyfunc(sp.expand) == sp.zeros(2, 2)


def test_plain_callable_flow_is_instances_with_the_reason():
    r = cg.check_endtoend(flow=g.endtoend_unnormalised)
    assert r.verdict is Verdict.HOLDS and r.evidence.scope == "instances"
    assert "why not general" in r.evidence.notes
    r = cg.check_balanced_conserved(flow=g.factor_flow)
    assert r.verdict is Verdict.HOLDS and r.evidence.scope == "instances"
    assert "why not general" in r.evidence.notes


def test_wrong_summand_forms_fail_beyond_the_instances():
    """Wrong only from N = 20 on (beyond every exact instance): the all-N judge finds the witness."""
    late = cg.SummandFlow(lambda N, j: sp.Piecewise(((N - j) / N, N < 20), ((N - j + 1) / N, True)),
                          lambda N, j: (j - 1) / N, lambda N: sp.Integer(-1))
    r = cg.check_endtoend(flow=late)
    _fails(r)
    assert r.evidence.counterexample["N"] == 20
    _fails(cg.check_normalisation(operator=cg.SummandFlow(lambda N, j: (N - j) / N, lambda N, j: (j - 1) / N,
                                                          lambda N: sp.Integer(1))))
    _fails(cg.check_arora_form(form=cg.SummandFlow(lambda N, j: (j - 1) / N, lambda N, j: (j - 1) / N,
                                                   lambda N: sp.Integer(-1))))


def test_wrong_factor_velocity_fails_and_is_not_general():
    assert not cg._conserved_general(cg.FactorFlow(lambda L, R, G: -2 * L.T * G * R.T))
    assert not cg._conserved_general(cg.FactorFlow(lambda L, R, G: -L * G * R.T))
    _fails(cg.check_balanced_conserved(flow=cg.FactorFlow(lambda L, R, G: -2 * L.T * G * R.T)))


@pytest.mark.slow
def test_endtoend_deep_holds():
    assert cg.check_endtoend_deep().verdict is Verdict.HOLDS


def test_endtoend_missing_factor_N_at_a_single_deep_case():
    """The cases argument is honoured: a single (d, N) still catches a wrong formula."""
    wrong = cg.check_endtoend(lambda P, Q, G, N: g.endtoend_unnormalised(P, Q, G, N) / N, cases=((2, 16),))
    _fails(wrong)
    assert wrong.evidence.counterexample["N"] == 16


@pytest.mark.parametrize("N", [7, 9])
def test_endtoend_exact_at_larger_depth(N):
    """The induced flow equals the printed one exactly at d = 2 for larger N (exact rationals)."""
    pt = cg.exact_point(2, N)
    G = cg.symbolic_matrix("G", 2, 2)
    Rm = cg._induced(pt["Ws"], g.factor_flow(pt["Ws"], G)) - g.endtoend_unnormalised(pt["P"], pt["Q"], G, N)
    assert Rm.applyfunc(sp.expand) == sp.zeros(2, 2)


# ---------------------------------------------------------------- paper 1 mapping: generic points
def _w16_swapped(s, lam, delta, t):
    """(16) first branch with sigma and lambda swapped: right only when sigma == lambda."""
    E = sp.exp(2 * s * t - 2 * delta)
    return lam * E / (s * (E - sp.exp(-2 * delta)) + lam)


def _step_swapped(x, s, lam, eta):
    return x + eta * x * (lam - s * x * x)


def test_paper1_mapping_swapped_branch_fails():
    r = csd.check_paper1_mapping(branch1=_w16_swapped)
    assert r.verdict is Verdict.FAILS
    assert "(16) first branch ODE residual" in r.evidence.counterexample


def test_paper1_mapping_swapped_everything_fails():
    r = csd.check_paper1_mapping(branch1=_w16_swapped, step=_step_swapped, branch0=csd.w16_zero_corrected)
    assert r.verdict is Verdict.FAILS
    cex = r.evidence.counterexample
    assert {"(16) first branch ODE residual", "(22) minus Euler step"} <= set(cex)


def test_paper1_mapping_corrected_branch0_holds():
    assert csd.check_paper1_mapping(branch0=csd.w16_zero_corrected).verdict is Verdict.HOLDS


def test_paper1_mapping_residual_vanishing_at_every_point_is_inconclusive():
    lam_pts = [pt["lambda"] for pt in csd.WITNESS_POINTS]

    def branch0(lam, delta, t):
        return csd.w16_zero_corrected(lam, delta, t) + t * sp.Mul(*[lam - v for v in lam_pts])

    r = csd.check_paper1_mapping(branch0=branch0)
    assert r.verdict is Verdict.INCONCLUSIVE, r.evidence


def test_decide_residual():
    a, b = sp.symbols("a b", positive=True)
    assert csd.decide_residual((a + b) ** 2 - a**2 - 2 * a * b - b**2, []).state == "zero"
    d = csd.decide_residual(sp.exp(a) - sp.exp(b), [{a: 1, b: 1}, {a: 2, b: R(1, 3)}])
    assert d.state == "nonzero" and d.witness["certified"].startswith("Arb")
    assert csd.decide_residual(sp.sin(sp.pi * a) * b, [{a: 1, b: 2}, {a: 2, b: 3}]).state == "undecided"


# ---------------------------------------------------------------- test points with sigma_min != 1
@pytest.mark.parametrize(
    "jacobian",
    [
        lambda s: g.vandermonde([x**2 for x in s]) * s[-1] ** 3,
        lambda s: g.vandermonde([x**2 for x in s]) * (s[-1] ** 2 + s[-1]) / 2,
    ],
    ids=["times sigma_min^3", "times (sigma_min^2 + sigma_min)/2"],
)
def test_svd_jacobian_wrong_only_off_sigma_min_one(jacobian):
    _fails(cvol.check_svd_jacobian(jacobian=jacobian))


def test_volume_wrong_only_off_sigma_min_one_at_d3():
    _fails(
        cvol.check_volume_finite(
            density=lambda s, N: g.volume_density(s, N) * (s[-1] ** 5 if len(s) == 3 else 1)
        )
    )


# ---------------------------------------------------------------- symbolic N decides
def test_quotient_wrong_only_beyond_twelve_fails():
    def wrong(x, y, N):
        return g.eigenvalue_quotient(x, y, N) * (1 if N <= 12 else 2)

    r = csp.check_metric_quotient(eigenvalue=wrong)
    _fails(r)
    assert r.evidence.counterexample["N"] > 12


def test_quotient_symbolic_N_decides():
    r = csp.check_metric_quotient()
    assert r.verdict is Verdict.HOLDS
    assert "symbolic N" in r.evidence.method


def test_quotient_integer_only_formula_is_inconclusive():
    # right for every N but not callable with a symbolic N: only finitely many N are checked
    def integer_only(x, y, N):
        return g.eigenvalue_quotient(x, y, int(N))

    r = csp.check_metric_quotient(eigenvalue=integer_only)
    assert r.verdict is Verdict.INCONCLUSIVE
    assert "N = 1..64" in r.evidence.notes


def test_diag_wrong_only_beyond_twelve_fails():
    _fails(csp.check_metric_diag(diag=lambda x, N: g.eigenvalue_diag(x, N) * (1 if N <= 12 else 3)))


def test_limit_rate_arb_table_is_labelled_cross_check():
    r = csp.check_limit_rate()
    assert any("cross-check" in k for k in r.evidence.details)


# ---------------------------------------------------------------- Float outputs
def test_metric_eigen_float_exponents_inconclusive():
    def floaty(x, y, N):
        return sum(x ** ((N - j) / N) * y ** ((j - 1) / N) for j in range(1, N + 1)) / N

    r = csp.check_metric_eigen(eigenvalue=floaty)
    assert r.verdict is Verdict.INCONCLUSIVE
    assert "Float" in r.evidence.notes


def test_volume_float_density_inconclusive():
    r = cvol.check_volume_finite(density=lambda s, N: g.volume_density(s, N) * (1 + 1e-12))
    assert r.verdict is Verdict.INCONCLUSIVE
    assert "Float" in r.evidence.notes


def test_rate_wrong_only_on_the_diagonal():
    """A coefficient right off the diagonal but wrong on it is refuted on the diagonal only."""
    r = csp.check_limit_rate(coefficient=lambda x, y: csp.rate_coefficient(x, y) if x != y else 0)
    _fails(r)
    assert list(r.evidence.counterexample) == ["true - claimed coefficient (sigma_i^2 = sigma_l^2)"]


def test_rankdrop_exponent_taking_only_integers_is_inconclusive_not_a_crash():
    r = cvol.check_rankdrop_finite(exponent=lambda N: R(1 - int(N), int(N)))
    assert r.verdict is Verdict.INCONCLUSIVE


@pytest.mark.parametrize(
    ("check", "name", "formula"),
    [
        (cg.check_arora_form, "form", g.endtoend_arora),
        (cg.check_normalisation, "operator", g.metric_operator),
        (cg.check_endtoend, "flow", g.endtoend_unnormalised),
        (csp.check_unnormalised_diverges, "diag", g.eigenvalue_diag_unnormalised),
        (csp.check_limit_logmean, "limit", g.eigenvalue_infinity),
        (csd.check_sv_finite, "rate", g.sv_rate),
        (csd.check_sv_infinity, "rate", g.sv_rate_infinity),
        (cvol.check_svd_jacobian, "jacobian", lambda sig: g.vandermonde([s**2 for s in sig])),
    ],
    ids=lambda v: getattr(v, "__name__", str(v)),
)
def test_float_formula_is_inconclusive_never_holds_nor_fails(check, name, formula):
    """The correct formula computed with a Float factor: exact arithmetic does not judge it."""
    r = check(**{name: lambda *a: 1.0 * formula(*a)})
    assert r.verdict is Verdict.INCONCLUSIVE
    assert "Float" in r.evidence.notes


# ---------------------------------------------------------------- signs: densities are compared, not squares
def _cex(r):
    _fails(r)
    return r.evidence.counterexample


def _van2(s):
    return g.vandermonde([x**2 for x in s])


@pytest.mark.parametrize(
    "jacobian",
    [
        lambda s: -_van2(s),
        lambda s: g.vandermonde([x**2 for x in reversed(s)]),  # prod_{i<j}(x_j - x_i): negative for d = 2
        lambda s: _van2(s) * (-1 if len(s) == 3 else 1),
    ],
    ids=["sign flipped", "reversed order", "sign flipped at d = 3"],
)
def test_svd_jacobian_wrong_sign_fails(jacobian):
    """(det J)^2 = claimed^2 here; the density |det J| > 0 is not the claimed value."""
    cex = _cex(cvol.check_svd_jacobian(jacobian=jacobian))
    assert sp.sympify(cex["claimed"]) == -sp.sympify(cex["computed density"]) < 0


def test_svd_jacobian_absolute_value_holds():
    assert cvol.check_svd_jacobian(jacobian=lambda s: sp.Abs(_van2(s))).verdict is Verdict.HOLDS


def test_svd_jacobian_wrong_off_the_exact_points_fails_symbolically():
    """Right at every exact point, twice too big elsewhere: the symbolic comparison finds it."""
    exact = {cg.exact_point(d, N, a)["sigma"] for d, N, a in cvol.CASES_JAC}
    cex = _cex(cvol.check_svd_jacobian(jacobian=lambda s: _van2(s) * (1 if tuple(s) in exact else 2)))
    assert tuple(cex["sigma"]) not in exact


@pytest.mark.parametrize(
    "density",
    [
        lambda s, N: -g.volume_density(s, N),
        lambda s, N: g.volume_density(list(reversed(s)), N),
        lambda s, N: g.volume_density(s, N) * (-1 if N >= 4 else 1),
        lambda s, N: g.volume_density(s, N) * (-1 if len(s) == 3 else 1),
    ],
    ids=["sign flipped", "reversed order", "sign flipped at N >= 4", "sign flipped at d = 3"],
)
def test_volume_wrong_sign_fails(density):
    """density^2 = det g at every point; the density itself is negative."""
    cex = _cex(cvol.check_volume_finite(density=density))
    assert sp.sympify(cex["claimed"]) == -sp.sympify(cex["computed density"]) < 0


@pytest.mark.parametrize(
    "density",
    [
        lambda s: -g.volume_density_infinity(s),
        lambda s: g.volume_density_infinity(list(reversed(s))),
        lambda s: g.volume_density_infinity(s) * (-1 if len(s) == 3 else 1),
    ],
    ids=["sign flipped", "reversed order", "sign flipped at d = 3"],
)
def test_volume_infinity_wrong_sign_fails(density):
    cex = _cex(cvol.check_volume_infinity(density=density))
    from symdln.certify.balls import certified_sign

    assert certified_sign(sp.sympify(cex["claimed"])) == -1
    assert certified_sign(sp.sympify(cex["computed density"])) == 1


def test_volume_infinity_wrong_factor_fails_at_a_point():
    cex = _cex(cvol.check_volume_infinity(density=lambda s: 2 * g.volume_density_infinity(s)))
    assert cex["d"] == 2


def test_rankdrop_finite_exponent_wrong_beyond_five_fails():
    """Right at N = 2..5 and exponent > -1 for every N: accepted (HOLDS) before the limit was taken
    for symbolic N; now refuted at N = 6."""
    cex = _cex(cvol.check_rankdrop_finite(
        exponent=lambda N: sp.Piecewise(((1 - N) / N, N <= 5), (-R(1, 2), True))))
    assert cex["N"] == 6


def test_rankdrop_infinity_negative_asymptotic_fails_as_printed():
    r = cvol.check_rankdrop_infinity(asymptotic=lambda s, d: -(2 * sp.log(1 / s)) ** (d - 1) / s)
    assert r.verdict is Verdict.HOLDS_AFTER_CORRECTION
    assert sp.sympify(r.evidence.counterexample["lim_{sigma_min -> 0} rho_inf / claimed"]) < 0
