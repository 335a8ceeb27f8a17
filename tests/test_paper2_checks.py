"""Paper 2 checks fed wrong formulas they used to accept (adversarial review).

Each test names the wrong input and what the check did with it before: HOLDS (squares compared,
truth taken from the package's own formula, a domain left out, a finite grid read as all N) or FAILS
without a certified counterexample.  Now: FAILS with a certified counterexample, or INCONCLUSIVE
where the wrong input cannot be refuted at the points tried.
"""

from __future__ import annotations

import numpy as np
import pytest
import sympy as sp

from symdln import completion as c
from symdln import geometry as g
from symdln.certify.balls import certified_sign
from symdln.checks import balanced as cb
from symdln.checks import balanced_entropy as cbe
from symdln.checks import completion_observe as cobs
from symdln.checks import geometry as cg
from symdln.checks import spectrum as csp
from symdln.checks import svdynamics as csd
from symdln.checks import volume as cvol
from symdln.verdict import Verdict

R = sp.Rational


def _cex(r):
    assert r.verdict is Verdict.FAILS, r.evidence
    assert r.evidence.counterexample
    return r.evidence.counterexample


# ---------------------------------------------------------------- orbit volume: signs, not squares
def test_entropy_sign_flipped_density_fails():
    """Was HOLDS: density^2 was compared with det Gram."""
    cex = _cex(cbe.check_balanced_entropy(density=lambda s, N: -g.orbit_density(s, N)))
    assert sp.sympify(cex["density claimed"]) == -sp.sympify(cex["sqrt(det Gram)"])
    assert certified_sign(sp.sympify(cex["density claimed"])) == -1


@pytest.mark.parametrize(
    "density",
    [
        lambda s, N: g.orbit_density(s, N) * (-1 if len(s) == 3 else 1),
        lambda s, N: g.orbit_density(s, N) * (-1 if N == 5 else 1),
    ],
    ids=["flipped at d = 3", "flipped at N = 5"],
)
def test_entropy_density_flipped_on_part_of_the_domain_fails(density):
    cex = _cex(cbe.check_balanced_entropy(density=density))
    assert certified_sign(sp.sympify(cex["density claimed"])) == -1


def test_entropy_density_flipped_off_the_exact_points_fails_at_a_witness():
    """Right (sign included) at every rational balanced point, negative elsewhere: density^2 is the
    derived block product symbolically, so only the sign at the witnesses refutes it."""
    exact = {tuple(x**N for x in a)
             for d, pts in cbe.POINTS.items() for a in pts for N in cbe.DEPTHS_ORBIT[d]}
    r = cbe.check_balanced_entropy(
        density=lambda s, N: g.orbit_density(s, N) * (1 if tuple(s) in exact else -1))
    cex = _cex(r)
    assert tuple(cex["sigma"]) not in exact
    assert sp.sympify(cex["density claimed"]) == -sp.sympify(cex["sqrt(det Gram)"])


def test_entropy_haar_volume_in_floats_is_inconclusive_not_fails():
    """Was FAILS (simplify(claimed - computed) != 0), with no certified difference."""
    r = cbe.check_balanced_entropy(haar=lambda d: sp.N(g.haar_volume(d), 30))
    assert r.verdict is Verdict.INCONCLUSIVE


def test_entropy_coarea_truth_is_computed_not_the_printed_volume_form(monkeypatch):
    """The coarea identity no longer reads the printed volume form (it was compared through nsimplify)."""
    monkeypatch.setattr(cbe.g, "volume_density", lambda sig, N: 2 * sp.Integer(N))
    assert cbe.check_balanced_entropy().verdict is Verdict.HOLDS


# ---------------------------------------------------------------- balanced dimension: every d, N
def test_dimension_wrong_beyond_the_grid_fails():
    """Was HOLDS: compared on d = 1..8, N = 1..12 only (and a typed copy of the notes' polynomial)."""

    def wrong(d, N):
        extra = sp.Piecewise((0, N <= 12), (1, True)) if isinstance(N, sp.Basic) else int(N > 12)
        return g.balanced_dimension(d, N) + extra

    cex = _cex(cb.check_balanced_dimension(dimension=wrong))
    assert cex["N"] > 12


def test_dimension_integer_only_formula_is_inconclusive():
    """Right on the grid but not callable with symbols: not proved for every d, N (was HOLDS)."""
    def integer_only(d, N):
        return int(d) ** 2 + (int(N) - 1) * int(d) * (int(d) - 1) // 2

    r = cb.check_balanced_dimension(dimension=integer_only)
    assert r.verdict is Verdict.INCONCLUSIVE
    assert "grid" in r.evidence.notes


def test_dimension_symbolic_decides():
    r = cb.check_balanced_dimension()
    assert r.verdict is Verdict.HOLDS
    assert r.evidence.details["claimed(d, N) - (N d^2 - (N-1) d(d+1)/2), symbolic d, N"] == "0"


# ---------------------------------------------------------------- the flow: truths derived, not printed
@pytest.mark.parametrize(
    "flow",
    [
        lambda Ws, G: [sp.zeros(*W.shape) for W in Ws],
        lambda Ws, G: [2 * M for M in g.factor_flow(Ws, G)],
    ],
    ids=["zero flow", "twice the flow"],
)
def test_balance_conserved_by_a_flow_that_is_not_the_gradient_flow_fails(flow):
    """Both conserve balance (was HOLDS); neither is the factors' gradient flow."""
    cex = _cex(cg.check_balanced_conserved(flow=flow))
    assert any(k.startswith("(flow - gradient flow)") for k in cex)


def test_gradient_flow_is_the_factor_flow():
    Ws = [cg.symbolic_matrix(f"W{k}_", 2, 2) for k in range(3)]
    G = cg.symbolic_matrix("G", 2, 2)
    for a, b in zip(cg.gradient_flow(Ws, G), g.factor_flow(Ws, G), strict=True):
        assert (a - b).applyfunc(sp.expand) == sp.zeros(2, 2)


def test_arora_and_normalisation_judged_against_the_induced_flow(monkeypatch):
    """The notes' form patched to a wrong one (P, Q swapped) and the formula under test equal to it:
    was HOLDS (the truth was the package's own endtoend_unnormalised); the induced flow refutes it."""
    printed = g.endtoend_unnormalised

    def swapped(P, Q, G, N):
        return printed(Q, P, G, N)

    monkeypatch.setattr(cg.g, "endtoend_unnormalised", swapped)
    cex = _cex(cg.check_arora_form(form=swapped))
    assert "(form - induced flow)[1,2]" in cex
    cex = _cex(cg.check_normalisation(operator=lambda P, Q, Z, N: -swapped(P, Q, Z, N) / N))
    assert "(-N A - induced flow)[1,2]" in cex


def test_endtoend_general_witness_is_certified():
    """Wrong from N = 7 on: a certified witness at N = 7 (was a symbolic residual as 'counterexample')."""
    cex = _cex(cg.check_endtoend_general(
        left_exponent=lambda N, j: sp.Piecewise(((N - j) / N, N <= 6), (0, True))))
    assert cex["N"] == 7 and sp.Integer(cex["claimed"]) != sp.Integer(cex["induced"])


def test_endtoend_general_undecided_power_is_inconclusive_not_fails():
    """Wrong only beyond the depths tried: was FAILS with no certified counterexample."""
    r = cg.check_endtoend_general(left_exponent=lambda N, j: sp.Piecewise(((N - j) / N, N <= 30), (0, True)))
    assert r.verdict is Verdict.INCONCLUSIVE


def test_closed_equal_compares_values_not_squares():
    assert cg.closed_equal(-sp.sqrt(10), sp.sqrt(10)) is False
    assert cg.closed_equal(sp.sqrt(2) * sp.sqrt(5), sp.sqrt(10)) is True
    assert cg.closed_equal(sp.Float(1.5), R(3, 2) + sp.sqrt(2) - sp.sqrt(2)) is not False


# ---------------------------------------------------------------- spectrum and depth limit
def test_limit_logmean_wrong_below_one_fails():
    """Equal to the log mean when sigma_i > 1 (X > 0): was HOLDS with X, Y positive symbols."""
    cex = _cex(csp.check_limit_logmean(
        limit=lambda x, y: (x - y) / (sp.log(x) - sp.log(y)) * sp.sign(sp.log(x))))
    assert "sigma_i^2 = 1/3" in cex["lim - claimed (off-diagonal)"]


def test_limit_logmean_diagonal_wrong_below_one_fails():
    cex = _cex(csp.check_limit_logmean(limit_diag=lambda x: x * sp.sign(sp.log(x))))
    assert "lim - claimed (diagonal)" in cex


def test_limit_rate_with_absolute_value_fails():
    """-lambda |log(sigma_i sigma_l)|: right when sigma_i sigma_l > 1 only (was HOLDS)."""
    def wrong(x, y):
        return -(x if x == y else g.eigenvalue_infinity(x, y)) * sp.Abs(sp.log(x) + sp.log(y)) / 2

    cex = _cex(csp.check_limit_rate(coefficient=wrong))
    assert "1/3" in cex["true - claimed coefficient (off-diagonal)"]


def test_unnormalised_spectrum_wrong_beyond_twelve_fails():
    """Was HOLDS: compared at N = 1..12 only."""
    cex = _cex(csp.check_unnormalised_spectrum(
        quotient=lambda x, y, N: g.eigenvalue_quotient_unnormalised(x, y, N) * (1 if N <= 12 else 2)))
    assert cex["eigenvalue"] == "off-diagonal" and cex["N"] == 13


def test_unnormalised_spectrum_truth_is_the_induced_flow():
    assert csp.induced_eigenvalue(R(4), R(1), 3) == 4**2 + 4 + 1
    assert csp.operator_eigenvalue(R(4), R(1), 3) == R(21, 3)
    r = csp.check_unnormalised_spectrum()
    assert r.verdict is Verdict.HOLDS and r.evidence.scope == "general"


@pytest.mark.parametrize(
    "diag",
    [lambda x, N: N**2 * x, lambda x, N: N * x],
    ids=["N^2 sigma^2", "N sigma^2"],
)
def test_needs_normalisation_wrong_but_diverging_eigenvalue_fails(diag):
    """Both diverge as N -> oo (was HOLDS); neither is the unnormalised eigenvalue."""
    cex = _cex(csp.check_unnormalised_diverges(diag=diag))
    assert sp.sympify(cex["claimed"]) != sp.sympify(cex["computed"])


def test_quotient_residual_vanishing_at_every_witness_is_not_a_failure():
    """Wrong, but zero at every rational point tried: never FAILS without a certified witness."""
    pts = csp.EIGEN_POINTS

    def wrong(x, y, N):
        n = int(N)
        bump = sp.Mul(*[x - a**n for a, _ in pts]) * sp.Mul(*[y - b**n for _, b in pts])
        return g.eigenvalue_quotient(x, y, n) + bump

    r = csp.check_metric_quotient(eigenvalue=wrong)
    assert r.verdict is Verdict.INCONCLUSIVE
    assert "not decided" in r.evidence.notes


# ---------------------------------------------------------------- singular-value dynamics
def test_sv_infinity_witness_is_certified():
    """The residual -sin(pi sigma) vanishes at sigma = 2: was FAILS with 'true - claimed' = 0 there."""
    cex = _cex(csd.check_sv_infinity(rate=lambda s: s**2 + sp.sin(sp.pi * s)))
    assert cex["point"] != "sigma = 2" and cex["certified"]


def test_sv_infinity_correct_but_unsimplified_holds():
    assert csd.check_sv_infinity(rate=lambda s: sp.sqrt(s**4)).verdict is Verdict.HOLDS


def test_paper1_mapping_against_the_normalised_flow_fails():
    """(16) with t -> t/2, (22) halved and the normalised rate: all consistent with each other (was
    HOLDS, the rate under test was the truth); the flow derived from the two factors refutes them."""
    cex = _cex(csd.check_paper1_mapping(
        branch1=lambda s, lam, delta, t: csd.w16(s, lam, delta, t / 2),
        branch0=lambda lam, delta, t: csd.w16_zero_corrected(lam, delta, t / 2),
        step=lambda x, s, lam, eta: x + eta * x * (s - lam * x * x) / 2,
        rate=g.sv_rate,
    ))
    assert {"rate(w, 2) minus the derived 2 w", "(16) first branch ODE residual",
            "(22) minus Euler step"} <= set(cex)


def test_two_factor_flow_is_derived():
    s, lam, w = sp.symbols("sigma lambda w", positive=True)
    rate, xdot = csd._two_factor_flow(s, lam)
    assert sp.simplify(rate(w) - 2 * w) == 0
    assert sp.expand(xdot(w) - w * (s - lam * w**2)) == 0


def test_sv_unnormalised_is_judged_against_the_induced_flow(monkeypatch):
    """The truth no longer goes through the notes' A_{N,W}: a wrong metric_operator changes nothing."""
    monkeypatch.setattr(csd.g, "metric_operator", lambda P, Q, Z, N: 2 * g.endtoend_unnormalised(P, Q, Z, N))
    assert csd.check_sv_unnormalised().verdict is Verdict.HOLDS


# ---------------------------------------------------------------- observations
def test_arora_experiment_uses_the_package_effective_rank(monkeypatch):
    seen, effective_rank = [], c.effective_rank

    def spy(W):
        seen.append(W.shape)
        return effective_rank(W)

    monkeypatch.setattr(cobs.c, "effective_rank", spy)
    out = cobs.arora_experiment(n=4, rank=1, counts=(8,), depths=(1,), T=1.0, h=0.5)
    assert len(seen) == 2 and all(s == (4, 4) for s in seen)
    values = out["depth 1"]["effective rank"] + out["nuclear norm"]["effective rank"]
    assert all(np.isfinite(v) and 1 <= v <= 4 for v in values)


def test_metric_eigen_wrong_beyond_the_exact_depths_fails():
    """Right at the exact balanced points (N = 2..5), twice too big beyond: was HOLDS."""
    cex = _cex(csp.check_metric_eigen(
        eigenvalue=lambda x, y, N: g.eigenvalue_sum(x, y, N) * (1 if N <= 5 else 2)))
    assert cex["N"] == 6 and sp.sympify(cex["claimed"]) == 2 * sp.sympify(cex["computed"])


# ---------------------------------------------------------------- corrections as data: judged formulas
def _run(cid, wrong=None):
    from symdln.claims import by_id
    from symdln.runner import run_claim

    return run_claim(by_id(cid)) if wrong is None else run_claim(by_id(cid), correction_expr=wrong)


def test_submersion_claim_holds_after_correction():
    run = _run("p2.balanced.submersion")
    assert run.verdict is Verdict.HOLDS_AFTER_CORRECTION
    assert run.correction_verdict is Verdict.HOLDS
    cex = run.formula_checks[0].result.evidence.counterexample
    assert R(cex["g_N/g_sub"]) == cex["N"]


@pytest.mark.parametrize("wrong", [
    sp.Eq(cb.g_sub, cb.g_N / 2),                 # constant for N: holds at N = 2 only
    sp.Eq(cb.g_sub, cb.g_N / (cb.N + 1)),        # constant changed
    sp.Eq(cb.g_N, cb.g_sub / cb.N),              # symbols swapped
    sp.Eq(cb.g_sub, cb.g_N / cb.N**2),           # exponent changed
    sp.Eq(cb.g_sub, cb.g_N),                     # factor 1/N dropped (the printed statement)
    sp.Eq(cb.g_sub, cb.g_N / cb.N + cb.g_N / 100),  # a term added
    sp.Implies(cb.N >= 2, sp.Eq(cb.g_sub, cb.g_N / 2)),  # the condition N <= 2 of a true one dropped
])
def test_submersion_wrong_corrections_fail(wrong):
    run = _run("p2.balanced.submersion", wrong)
    assert run.correction_verdict is Verdict.FAILS
    assert run.correction_checks[0].result.evidence.counterexample


def test_submersion_restricted_to_n2_is_true():
    """g^N/2 is the submersion metric where N = 2: the statement restricted to N <= 2 holds."""
    assert _run("p2.balanced.submersion", sp.Implies(cb.N <= 2, sp.Eq(cb.g_sub, cb.g_N / 2))
                ).correction_verdict is Verdict.HOLDS


def test_submersion_judge_rejects_a_formula_without_the_submersion_metric():
    from symdln.correction import FormulaError

    with pytest.raises(FormulaError, match="g_sub"):
        cb.judge_submersion(sp.Eq(cb.g_N, 1))


def _lim(e):
    return sp.Limit(e, cvol.sigma_min, 0, "+")


_LOG = sp.log(1 / cvol.sigma_min)
_RD_CORRECT = cvol.sigma_min * cvol.rho_inf / ((2 * _LOG) ** (cvol.d_ - 1) * cvol.rho_rest)


def test_rankdrop_infinity_claim_holds_after_correction():
    run = _run("p2.volume.rankdrop.infinity")
    assert run.verdict is Verdict.HOLDS_AFTER_CORRECTION
    assert run.correction_verdict is Verdict.HOLDS
    cex = run.formula_checks[0].result.evidence.counterexample
    assert cex["d"] == 2 and set(cex["limits"].values()) == {"oo"}


@pytest.mark.parametrize("wrong", [
    sp.Eq(_lim(_RD_CORRECT), 2),                                           # constant changed
    sp.Eq(_lim(_RD_CORRECT.subs(2, 3)), 1),                                # constant in the log factor
    sp.Eq(_lim(_RD_CORRECT * 2 ** (cvol.d_ - 1)), 1),                      # the 2 of 2 log dropped
    sp.Eq(_lim(_RD_CORRECT.subs(cvol.d_ - 1, cvol.d_)), 1),                # exponent d for d - 1
    sp.Eq(_lim(_RD_CORRECT * cvol.rho_rest), 1),                           # factor rho_rest dropped
    sp.Eq(_lim(cvol.sigma_min * cvol.rho_inf / (2 * _LOG * cvol.rho_rest)), 1),  # condition d = 2 dropped
    sp.Eq(_lim(_RD_CORRECT.subs({cvol.rho_inf: cvol.rho_rest, cvol.rho_rest: cvol.rho_inf},
                                simultaneous=True)), 1),                   # symbols swapped
    sp.Eq(_lim(cvol.sigma_min * cvol.rho_inf / cvol.rho_rest), 1),         # the log factor dropped (printed)
    sp.Implies(cvol.d_ >= 2, sp.Eq(_lim(_RD_CORRECT * _LOG), 1)),        # a factor too many
])
def test_rankdrop_infinity_wrong_corrections_fail(wrong):
    run = _run("p2.volume.rankdrop.infinity", wrong)
    assert run.correction_verdict is Verdict.FAILS
    assert run.correction_checks[0].result.evidence.counterexample["limits"]


def test_rankdrop_infinity_log_factor_for_d2_only_holds_where_stated():
    """(2 log(1/sigma_min))^1: the correction restricted to d = 2 holds (and fails without the condition)."""
    f = sp.Eq(_lim(cvol.sigma_min * cvol.rho_inf / (2 * _LOG * cvol.rho_rest)), 1)
    assert cvol.judge_rankdrop_infinity(sp.Implies(sp.Eq(cvol.d_, 2), f)).verdict is Verdict.HOLDS
    assert _cex(cvol.judge_rankdrop_infinity(f))["d"] == 3


def test_rankdrop_infinity_judge_rejects_malformed_statements():
    from symdln.correction import FormulaError

    with pytest.raises(FormulaError, match="sigma_min -> 0"):
        cvol.judge_rankdrop_infinity(sp.Eq(sp.Limit(cvol.rho_inf, cvol.sigma_min, 1), 1))
    with pytest.raises(FormulaError, match="only inside limits"):
        cvol.judge_rankdrop_infinity(cvol.rho_inf <= 1 / cvol.sigma_min)


def _map(branch0=None, branch1=None, step=None, cond0=None, cond1=None):
    from symdln.notation import delta, eta, lam, t

    s0 = csd.sigma0
    b1 = csd.w16(s0, lam, delta, t) if branch1 is None else branch1
    b0 = csd.w16_zero_corrected(lam, delta, t) if branch0 is None else branch0
    st = csd.step22(csd.x_t, s0, lam, eta) if step is None else step
    parts = [csd.Eq_x(st)]
    c1 = s0 > 0 if cond1 is None else cond1
    c0 = sp.Eq(s0, 0) if cond0 is None else cond0
    parts.append(csd.Eq_w(b1) if c1 is False else sp.Implies(c1, csd.Eq_w(b1)))
    parts.append(csd.Eq_w(b0) if c0 is False else sp.Implies(c0, csd.Eq_w(b0)))
    return sp.And(*parts)


def test_paper1_mapping_claim_holds_after_correction():
    run = _run("p2.sv.paper1")
    assert run.verdict is Verdict.HOLDS_AFTER_CORRECTION
    assert run.correction_verdict is Verdict.HOLDS
    assert run.formula_checks[0].result.evidence.counterexample["sigma"] == "0"
    assert _run("p2.sv.paper1", _map()).correction_verdict is Verdict.HOLDS


def _wrong_maps():
    from symdln.notation import delta, eta, lam, t

    s0, x = csd.sigma0, csd.x_t
    e1, e2, e0 = sp.exp(s0 * t - 2 * delta), sp.exp(2 * s0 * t - 2 * delta), sp.exp(-2 * delta)
    return [
        _map(branch0=sp.exp(-2 * delta) / (1 + 3 * sp.exp(-2 * delta) * lam * t)),     # constant changed
        _map(branch0=sp.exp(-2 * lam) / (1 + 2 * sp.exp(-2 * lam) * delta * t)),      # symbols swapped
        _map(branch0=1 / (2 * lam * t)),                              # term dropped (w(0) = oo)
        _map(cond1=False),                                            # condition dropped: 0/0 at sigma = 0
        _map(cond0=False),                                            # second branch for every sigma
        _map(step=x + eta * x * (s0 - lam * x)),                                      # (22) in w, not x
        _map(branch1=s0 * e2 / (lam * (e2 - e0))),                    # term sigma dropped
        _map(branch1=s0 * e1 / (lam * (e1 - e0) + s0)),               # the normalised flow (time t/2)
    ]


@pytest.mark.parametrize("k", range(8))
def test_paper1_mapping_wrong_corrections_fail(k):
    run = _run("p2.sv.paper1", _wrong_maps()[k])
    assert run.correction_verdict is Verdict.FAILS
    assert run.correction_checks[0].result.evidence.counterexample


def test_paper1_mapping_judge_rejects_incomplete_statements():
    from symdln.correction import FormulaError
    from symdln.notation import delta, lam, t

    with pytest.raises(FormulaError, match="sigma = 0"):  # the second branch left out
        first = sp.Implies(csd.sigma0 > 0, csd.Eq_w(csd.w16(csd.sigma0, lam, delta, t)))
        csd.judge_paper1_mapping(sp.And(first, csd.Eq_x(csd.x_t)))
    with pytest.raises(FormulaError, match="both"):
        csd.judge_paper1_mapping(csd.Eq_w(csd.w16_zero_corrected(lam, delta, t)))


def test_ranks3x3_claim_holds_after_correction():
    run = _run("p2.completion.ranks3x3")
    assert run.verdict is Verdict.HOLDS_AFTER_CORRECTION
    assert run.correction_verdict is Verdict.HOLDS
    cex = run.formula_checks[0].result.evidence.counterexample
    assert (cex["r_min"], cex["r_max"]) == (1, 3)


@pytest.mark.parametrize("wrong", [
    sp.And(sp.Eq(g.r_min, 1), sp.Eq(g.r_max, 2)),                        # constant changed
    sp.And(sp.Eq(g.r_min, 0), sp.Eq(g.r_max, 3)),                        # the zero matrix is no minimiser
    sp.And(sp.Eq(g.r_min, 3), sp.Eq(g.r_max, 1)),                        # symbols swapped
    sp.And(sp.Eq(g.r_min, 1), g.r_max < 3),                              # strictness changed
    sp.Or(sp.Eq(g.r_min, 2), sp.Eq(g.r_max, 2)),                         # the printed statement, weakened
    sp.Implies(g.r_max >= 3, sp.Eq(g.r_min, 2)),                         # condition kept, conclusion wrong
])
def test_ranks3x3_wrong_corrections_fail(wrong):
    run = _run("p2.completion.ranks3x3", wrong)
    assert run.correction_verdict is Verdict.FAILS
    assert run.correction_checks[0].result.evidence.counterexample["r_min"] == 1


def test_ranks3x3_judge_needs_both_ranks():
    from symdln.checks import completion as cmp
    from symdln.correction import FormulaError

    with pytest.raises(FormulaError, match="r_min and r_max"):  # a conjunct dropped
        cmp.judge_ranks_3x3(sp.Eq(g.r_min, 1))


def test_metric_eigen_general_for_a_sympy_lambda():
    """The sum with its terms in the other order, written as a SymPy Lambda of (x, y, N): decided for
    every d and N (and a wrong exponent refuted).  The quotient form (the diagonal power at i = l) as a
    Python function, which could branch on N and here branches on the kind of N, holds on the instances
    only, with the reason; so does one that takes N as a Python integer only."""
    x, y = sp.symbols("x y", positive=True)
    N, j = sp.symbols("N j", integer=True, positive=True)
    reversed_sum = sp.Lambda((x, y, N), sp.Sum(y ** ((N - j) / N) * x ** ((j - 1) / N), (j, 1, N)) / N)
    r = csp.check_metric_eigen(eigenvalue=reversed_sum)
    assert r.verdict is Verdict.HOLDS and r.evidence.scope == "general"
    wrong = sp.Lambda((x, y, N), sp.Sum(y ** ((N - j) / N) * x ** (j / N), (j, 1, N)) / N)
    assert csp.check_metric_eigen(eigenvalue=wrong).verdict is Verdict.FAILS

    def eigenvalue(x, y, N):
        if not isinstance(N, sp.Symbol):
            return g.eigenvalue_sum(x, y, N)
        return (x - y) / (N * (x ** (1 / N) - y ** (1 / N))) if x != y else x ** ((N - 1) / N)

    for python in (eigenvalue, lambda x, y, N: g.eigenvalue_sum(x, y, int(N))):
        r = csp.check_metric_eigen(eigenvalue=python)
        assert r.verdict is Verdict.HOLDS and r.evidence.scope == "instances"
        assert "why not general: the formula under test is a Python function" in r.evidence.notes


def test_metric_eigen_python_function_branching_beyond_every_depth_tried_is_not_general():
    """Regression: a Python function right at every depth tried and at a symbolic N, wrong at N = 1000
    (a branch on the value of N), was proved for every N; it now holds on the instances only."""
    def late(x, y, N):
        value = g.eigenvalue_sum(x, y, N)
        return value * 2 if isinstance(N, int) and N == 1000 else value

    r = csp.check_metric_eigen(eigenvalue=late)
    assert r.verdict is Verdict.HOLDS and r.evidence.scope == "instances"


def test_metric_eigen_printed_sum_is_general():
    """The package's sum form takes a symbolic N (an unevaluated Sum): decided for every d and N, on both
    sides of the diagonal and on it, with the lemmas for every d."""
    r = csp.check_metric_eigen()
    assert r.verdict is Verdict.HOLDS and r.evidence.scope == "general", r.evidence
    assert set(r.evidence.details["residuals"]) == {
        "claimed - computed (beta > alpha)", "claimed - computed (alpha > beta)",
        "claimed - computed (alpha = beta)"}
    assert all(r.evidence.details["lemmas (every d)"].values())
    assert "why not general" not in (r.evidence.notes or "")


def test_metric_eigen_symbolic_path_wrong_beyond_the_instances_fails():
    """Written for symbolic N and right at every depth the instances reach (N <= 64), twice too big beyond:
    only the symbolic path sees it, and refutes it at a certified witness N = 65."""
    def wrong(x, y, N):
        return g.eigenvalue_sum(x, y, N) * sp.Piecewise((1, N <= 64), (2, True))

    cex = _cex(csp.check_metric_eigen(eigenvalue=wrong))
    assert cex["N"] == 65 and sp.sympify(cex["claimed"]) == 2 * sp.sympify(cex["computed"])
    assert "symbolic residual" in cex


def test_metric_eigen_symbolic_path_wrong_on_the_diagonal_only_fails():
    """Wrong only at i = l and only for N > 70: refuted at alpha = beta, N = 71."""
    def wrong(x, y, N):
        return g.eigenvalue_sum(x, y, N) * (sp.Piecewise((1, N <= 70), (3, True)) if x == y else 1)

    cex = _cex(csp.check_metric_eigen(eigenvalue=wrong))
    assert cex["N"] == 71 and cex["alpha = sigma_i^{2/N}"] == cex["beta = sigma_l^{2/N}"]


def test_metric_eigen_symbolic_N_minus_one_fails():
    """N -> N - 1 in the sum written for symbolic N: refuted with a certified counterexample."""
    j = sp.Symbol("j", integer=True, positive=True)

    def wrong(x, y, N):
        M = N - 1
        if isinstance(N, sp.Symbol):
            return sp.Sum(x ** ((M - j) / M) * y ** ((j - 1) / M), (j, 1, M)) / M
        return sp.Add(*[x ** R(M - k, M) * y ** R(k - 1, M) for k in range(1, M + 1)]) / M if M else x

    r = csp.check_metric_eigen(eigenvalue=wrong)
    assert r.verdict is Verdict.FAILS and r.evidence.counterexample


def test_metric_eigen_symbolic_form_disagreeing_with_its_values_is_not_holds():
    """Right at every integer N but its symbolic form divides by N - 1: the all-N statement it gives is
    wrong, no integer witness exists, so the check is INCONCLUSIVE (never HOLDS)."""
    def split(x, y, N):
        return g.eigenvalue_sum(x, y, N) * (N / (N - 1) if isinstance(N, sp.Symbol) else 1)

    r = csp.check_metric_eigen(eigenvalue=split)
    assert r.verdict is Verdict.INCONCLUSIVE
    assert "did not simplify to 0" in r.evidence.notes


@pytest.mark.parametrize(
    ("check", "rate"),
    [(csd.check_sv_finite, g.sv_rate), (csd.check_sv_unnormalised, g.sv_rate_unnormalised)],
    ids=["finite", "unnormalised"],
)
def test_sv_rate_printed_is_general(check, rate):
    """The registered rate, a SymPy Lambda, is proved for every d and N; the same rate as a Python function
    (symbolic N accepted, or integer N only) is decided on the listed (d, N) only, with the reason."""
    r = check()
    assert r.verdict is Verdict.HOLDS and r.evidence.scope == "general", r.evidence
    assert all(r.evidence.details["lemmas (every d)"].values())
    for python in (rate, lambda s, N: rate(s, int(N))):
        r = check(rate=python)
        assert r.verdict is Verdict.HOLDS and r.evidence.scope == "instances"
        assert "why not general: the formula under test is a Python function" in r.evidence.notes


@pytest.mark.parametrize(
    ("check", "rate"),
    [(csd.check_sv_finite, g.sv_rate), (csd.check_sv_unnormalised, g.sv_rate_unnormalised)],
    ids=["finite", "unnormalised"],
)
def test_sv_rate_symbolic_path_wrong_beyond_the_instances_fails(check, rate):
    """Right at the balanced points (N = 2..5), twice too big from N = 6: the symbolic path refutes it."""
    cex = _cex(check(rate=lambda s, N: rate(s, N) * sp.Piecewise((1, N <= 5), (2, True))))
    assert cex["N"] == 6 and sp.sympify(cex["claimed"]) == 2 * sp.sympify(cex["computed"])
    assert "symbolic residual (sigma = s^N)" in cex


def test_sv_rate_symbolic_wrong_exponent_and_factor_fail():
    """Written for symbolic N: the exponent 2 - 1/N, and N - 1 for N, are refuted with counterexamples."""
    _cex(csd.check_sv_finite(rate=lambda s, N: s ** (2 - 1 / sp.sympify(N))))
    _cex(csd.check_sv_unnormalised(rate=lambda s, N: (N - 1) * g.sv_rate(s, N)))
    _cex(csd.check_sv_unnormalised(rate=g.sv_rate))


def test_sv_derivative_lemma_for_every_d():
    assert csd.sv_derivative_lemma() == {"unit": True, "product rule": True, "derivative": True}


# ---------------------------------------------------------------- Python functions are not proved for every N
def _late(formula, at, position):
    """``formula`` times 2 when its argument number ``position`` equals ``at`` (a branch on the value):
    right at a symbolic argument and at every value the checks try, wrong at that one."""
    def late(*args):
        value = formula(*args)
        return 2 * value if args[position] == at else value

    return late


_xl, _yl, _sl = sp.symbols("x y sigma", positive=True)
_Nl = sp.Symbol("N", integer=True, positive=True)


@pytest.mark.parametrize(
    ("check", "name", "python", "position", "wrong"),
    [
        (csp.check_metric_quotient, "eigenvalue", g.eigenvalue_quotient, 2,
         sp.Lambda((_xl, _yl, _Nl), (_xl - _yl) / (_Nl * (_xl ** (2 / _Nl) - _yl ** (2 / _Nl))))),
        (csp.check_metric_diag, "diag", g.eigenvalue_diag, 1,
         sp.Lambda((_xl, _Nl), _xl ** ((_Nl - 2) / _Nl))),
        (csp.check_unnormalised_spectrum, "quotient", g.eigenvalue_quotient_unnormalised, 2,
         sp.Lambda((_xl, _yl, _Nl), (_xl - _yl) / (_xl ** (2 / _Nl) - _yl ** (2 / _Nl)))),
        (csp.check_unnormalised_spectrum, "diag", g.eigenvalue_diag_unnormalised, 1,
         sp.Lambda((_xl, _Nl), _Nl * _xl ** ((_Nl - 2) / _Nl))),
        (csp.check_unnormalised_diverges, "diag", g.eigenvalue_diag_unnormalised, 1,
         sp.Lambda((_xl, _Nl), _Nl * _xl ** ((_Nl - 2) / _Nl))),
        (csd.check_sv_finite, "rate", g.sv_rate, 1, sp.Lambda((_sl, _Nl), _sl ** (2 - 1 / _Nl))),
        (csd.check_sv_unnormalised, "rate", g.sv_rate_unnormalised, 1,
         sp.Lambda((_sl, _Nl), _Nl * _sl ** (2 - 1 / _Nl))),
    ],
    ids=["quotient", "diag", "unnormalised quotient", "unnormalised diag", "diverges", "sv finite",
         "sv unnormalised"],
)
def test_python_function_wrong_at_one_large_N_holds_on_instances_only(check, name, python, position, wrong):
    """Regression: a Python function right at every depth tried and at a symbolic N, wrong at N = 1000 (a
    branch on the value of N), was proved for every N; it now holds on the instances only, with the
    reason.  The registered form (a SymPy Lambda) is proved for every N; a Lambda with a wrong exponent
    FAILS."""
    r = check(**{name: _late(python, 1000, position)})
    assert r.verdict is Verdict.HOLDS and r.evidence.scope == "instances", r.evidence
    assert "why not general: the formula under test is a Python function" in r.evidence.notes
    r = check()
    assert r.verdict is Verdict.HOLDS and r.evidence.scope == "general", r.evidence
    _cex(check(**{name: wrong}))


@pytest.mark.parametrize(
    ("check", "name", "python", "position", "wrong"),
    [
        (csp.check_limit_logmean, "limit", g.eigenvalue_infinity, 0,
         sp.Lambda((_xl, _yl), (_xl**2 - _yl) / (sp.log(_xl) - sp.log(_yl)))),
        (csp.check_limit_logmean, "limit_diag", g.eigenvalue_infinity_diag, 0, sp.Lambda(_xl, _xl**2)),
        (csp.check_limit_rate, "coefficient", csp.rate_coefficient, 0,
         sp.Lambda((_xl, _yl), -sp.Piecewise((_xl, sp.Eq(_xl, _yl)), ((_xl - _yl) / sp.log(_xl / _yl), True))
                   * sp.log(_xl * _yl**2) / 2)),
        (csd.check_sv_infinity, "rate", g.sv_rate_infinity, 0, sp.Lambda(_sl, _sl**3)),
        (csd.check_paper1_rate, "rate", g.sv_rate_unnormalised, 0,
         sp.Lambda((_sl, _Nl), _Nl * _sl ** (2 - 1 / _Nl))),
    ],
    ids=["logmean", "logmean diag", "rate coefficient", "sv infinity", "paper 1 rate"],
)
def test_python_function_wrong_at_one_point_holds_on_instances_only(check, name, python, position, wrong):
    """Regression: a Python function right at a symbolic sigma (x = e^X) and at every point tried, wrong
    at sigma^2 = 1000 (a branch on the value), was proved for every sigma; it now holds on the points it
    is called at only, with the reason.  The registered form (a SymPy Lambda) is proved for every sigma; a
    Lambda with a wrong exponent FAILS."""
    r = check(**{name: _late(python, 1000, position)})
    assert r.verdict is Verdict.HOLDS and r.evidence.scope == "instances", r.evidence
    assert "why not general: the formula under test is a Python function" in r.evidence.notes
    r = check()
    assert r.verdict is Verdict.HOLDS and r.evidence.scope == "general", r.evidence
    _cex(check(**{name: wrong}))


# ---------------------------------------------------------------- a Python function's value at symbols
_Ll, _Dl, _Tl = sp.symbols("lambda delta t", positive=True)
#: the corrected second branch of (16) as a SymPy Lambda (the printed one is refuted at a certified point)
_W16_ZERO_CORRECTED = sp.Lambda((_Ll, _Dl, _Tl), csd.w16_zero_corrected(_Ll, _Dl, _Tl))


def _wrong_at_symbols(formula):
    """``formula`` times 2 where an argument has free symbols, ``formula`` at numbers: its value at a symbol
    is wrong, its value at every point is right (a branch on the kind of argument)."""
    def symbolic_only(*args):
        value = formula(*args)
        return 2 * value if any(sp.sympify(a).free_symbols for a in args) else value

    return symbolic_only


@pytest.mark.parametrize(
    ("check", "name", "python"),
    [
        (csp.check_limit_logmean, "limit", g.eigenvalue_infinity),
        (csp.check_limit_logmean, "limit_diag", g.eigenvalue_infinity_diag),
        (csp.check_limit_rate, "coefficient", csp.rate_coefficient),
        (csd.check_sv_infinity, "rate", g.sv_rate_infinity),
        (csd.check_paper1_rate, "rate", g.sv_rate_unnormalised),
        (csd.check_paper1_mapping, "rate", g.sv_rate_unnormalised),
        (csd.check_paper1_mapping, "branch1", csd.w16),
        (csd.check_paper1_mapping, "step", csd.step22),
    ],
    ids=["logmean", "logmean diag", "rate coefficient", "sv infinity", "paper 1 rate", "mapping rate",
         "mapping (16)", "mapping (22)"],
)
def test_python_function_wrong_only_at_symbols_is_not_refuted(check, name, python):
    """Regression: a Python function whose value at symbolic arguments is wrong but whose value at every
    point tried is right was FAILS, its symbolic residual substituted at a point as if that were its value
    there; a counterexample now comes from calling it at the point, so it is INCONCLUSIVE (not proved, not
    refuted), with the reason.  (check_paper1_mapping is given the corrected second branch of (16): the
    printed one is refuted at a certified point.)"""
    rest = {"branch0": _W16_ZERO_CORRECTED} if check is csd.check_paper1_mapping else {}
    r = check(**(rest | {name: _wrong_at_symbols(python)}))
    assert r.verdict is Verdict.INCONCLUSIVE, r.evidence
    assert "Python function" in r.evidence.notes or "refutes nothing" in r.evidence.notes


@pytest.mark.parametrize(
    ("check", "name", "python"),
    [
        (csp.check_limit_logmean, "limit",
         lambda x, y: (x - y) / (sp.log(x) - sp.log(y)) * sp.sign(sp.log(x))),
        (csp.check_limit_rate, "coefficient", lambda x, y: csp.rate_coefficient(x, y) if x != y else 0),
        (csd.check_sv_infinity, "rate", lambda s: s**2 + sp.sin(sp.pi * s)),
        (csd.check_paper1_rate, "rate", g.sv_rate),
    ],
    ids=["logmean", "rate coefficient", "sv infinity", "paper 1 rate"],
)
def test_python_function_wrong_where_called_fails(check, name, python):
    """A wrong Python function is refuted by its value where it is called, against the truth there."""
    cex = _cex(check(**{name: python}))
    assert "certified" in str(cex)


@pytest.mark.parametrize(
    ("name", "python", "position"),
    [("branch1", csd.w16, 3), ("branch0", csd.w16_zero_corrected, 2), ("step", csd.step22, 0),
     ("rate", g.sv_rate_unnormalised, 0)],
    ids=["(16)", "(16) sigma = 0", "(22)", "rate"],
)
def test_paper1_mapping_python_function_is_not_general(name, python, position):
    """Regression: check_paper1_mapping differentiated and simplified Python functions at symbolic arguments
    and reported scope general.  A Python function right at symbols and at every point tried, wrong at
    1000 (a branch on the value), holds on the points only, with the reason; the registered Lambdas (the
    printed second branch corrected) are proved in general; the printed (16) still needs its correction."""
    rest = {"branch0": _W16_ZERO_CORRECTED}
    r = csd.check_paper1_mapping(**(rest | {name: _late(python, 1000, position)}))
    assert r.verdict is Verdict.HOLDS and r.evidence.scope == "instances", r.evidence
    assert "why not general: the formula under test is a Python function" in r.evidence.notes
    r = csd.check_paper1_mapping(**rest)
    assert r.verdict is Verdict.HOLDS and r.evidence.scope == "general", r.evidence
    r = csd.check_paper1_mapping()
    assert r.verdict is Verdict.HOLDS_AFTER_CORRECTION and r.evidence.scope == "general", r.evidence
    r = csd.check_paper1_mapping(branch0=csd.w16_zero)
    assert r.verdict is Verdict.HOLDS_AFTER_CORRECTION and r.evidence.scope == "instances", r.evidence
    assert "second branch" in str(r.evidence.counterexample)
