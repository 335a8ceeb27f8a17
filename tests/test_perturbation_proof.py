"""The general proof of Thm. 1's perturbation bound (symdln.checks.perturbation_proof): every step holds,
and each step rejects a wrong ingredient; the constants dominate a certified enclosure, and too small a
bound is refuted by it."""

from __future__ import annotations

from fractions import Fraction as F

import flint
import numpy as np
import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from symdln.checks import continuous_perturbation as CP
from symdln.checks import perturbation_proof as PP
from symdln.verdict import Verdict

H, FAILS = Verdict.HOLDS, Verdict.FAILS


def test_every_step_holds_in_general():
    r = PP.prove_thm1_perturbation()
    assert r.verdict is H and r.evidence.scope == "general"
    assert set(r.evidence.details["steps"].values()) == {"HOLDS"}
    assert r.evidence.details["c depends on"] == ["epsilon_0", "lambda_max", "lambda_min", "n", "s"]


def test_constants_free_of_delta_eps_and_t():
    c = PP.perturbation_constants()
    names = {str(x) for x in c.c.free_symbols | c.rho.free_symbols | c.K.free_symbols}
    assert not names & {"delta", "epsilon", "t", "eps"}


# ---------------------------------------------------------------------------- step 1
def test_conservation_wrong_quantity_fails():
    r = PP.check_conservation(lambda A, B: A.T * A + B * B.T)
    assert r.verdict is FAILS and "conserved" in r.evidence.counterexample["what"]


def test_conservation_dropped_term_in_derivative_fails():
    def right(A, B, F1, F2):
        return A.T * F1 + F1.T * A - F2 * B.T - B * F2.T

    def dropped(A, B, F1, F2):
        return A.T * F1 + F1.T * A - F2 * B.T

    assert PP.check_conservation(derivative=right).verdict is H
    r = PP.check_conservation(derivative=dropped)
    assert r.verdict is FAILS and "proposed derivative" in r.evidence.counterexample["what"]


def test_kernel_invariance_and_gradient_flow_and_loss_gap():
    for f in (PP.check_kernel_invariance, PP.check_gradient_flow, PP.check_loss_gap):
        assert f().verdict is H and f().evidence.scope == "general"


# ---------------------------------------------------------------------------- step 4
def test_factor_bound_too_small_is_refuted():
    assert PP.check_factor_bound().verdict is H
    r = PP.check_factor_bound(lambda k, T: (k + sp.sqrt(k**2 + T)) / 2)
    assert r.verdict is FAILS


# ---------------------------------------------------------------------------- step 5
def test_decomposition_dropped_term_fails():
    t1, t2 = PP.DIFFERENCE_TERMS
    r = PP.check_difference_decomposition((t1[:-1], t2))  # the B-term dropped
    assert r.verdict is FAILS
    r = PP.check_difference_decomposition((t1, t2[1:]))  # E_1^T Sigma_xy dropped
    assert r.verdict is FAILS


def test_lipschitz_constants_are_computed_and_small_k_refuted():
    rho, s, lam = sp.symbols("rho s lambda_max", positive=True)
    K, M = PP.lipschitz_constants(rho=rho, s=s, lam_max=lam)
    assert sp.expand(K - (s + 3 * lam * rho**2)) == 0 and M == 2 * rho**3
    assert PP.check_lipschitz(F(13), F(1), F(1), F(2)).verdict is H  # 1 + 3*4 = 13
    r = PP.check_lipschitz(F(10), F(1), F(1), F(2))  # 3 lambda rho^2 - s = 11 > 10
    assert r.verdict is FAILS and r.evidence.counterexample["Sigma_x"] == "1"
    with pytest.raises(ValueError, match="not linear"):
        PP.lipschitz_constants(((PP.E1 * PP.E2,), ()))


# ---------------------------------------------------------------------------- step 6: Groenwall
def test_gronwall_exact_case_and_wrong_bound():
    assert PP.check_gronwall_exact().verdict is H
    assert PP.check_gronwall_exact(lambda K, M, t: M / K * sp.exp(K * t)).verdict is FAILS


@st.composite
def _rates(draw):
    k = [draw(st.floats(0, 3)) for _ in range(4)]
    m = [draw(st.floats(0, 3)) for _ in range(4)]
    g = [draw(st.floats(0, 3)) for _ in range(4)]
    return k, m, g


@settings(max_examples=30, deadline=None)
@given(_rates())
def test_gronwall_lemma_on_random_continuous_rates(rates):
    # u' = k u + m - g (g >= 0) satisfies u <= int (k u + m); Groenwall: u <= int_0^t m(s) e^{int_s^t k} ds
    from scipy.integrate import solve_ivp

    k, m, g = (np.polynomial.Polynomial(c) for c in rates)
    ts = np.linspace(0, 1, 21)
    u = solve_ivp(lambda t, y: [k(t) * y[0] + m(t) - g(t)], (0, 1), [0.0], t_eval=ts, rtol=1e-10, atol=1e-12)
    v = solve_ivp(lambda t, y: [k(t) * y[0] + m(t)], (0, 1), [0.0], t_eval=ts, rtol=1e-10, atol=1e-12)
    assert np.all(u.y[0] <= v.y[0] + 1e-8 * (1 + np.abs(v.y[0])))  # 1e-8: integrator tolerance


# ---------------------------------------------------------------------------- step 7
def test_exponent_c_halved_is_refuted():
    assert PP.check_exponent_c().verdict is H
    r = PP.check_exponent_c(lambda m, K: PP.exponent_c(m, K) / 2)
    assert r.verdict is FAILS


@settings(max_examples=200, deadline=None)
@given(st.fractions(F(1, 100), 100), st.fractions(F(1, 100), 100), st.fractions(0, 50))
def test_exponent_c_inequality_never_certified_false(m, K, t):
    c = PP.exponent_c(sp.Rational(m.numerator, m.denominator), sp.Rational(K.numerator, K.denominator))
    with flint.ctx.workprec(200):
        mq, Kq, tq = (flint.arb(flint.fmpq(x.numerator, x.denominator)) for x in (m, K, t))
        cq = flint.arb(str(sp.N(c, 60)))
        assert not (mq * ((Kq * tq).exp() - 1) > (cq * tq * tq).exp())


# ---------------------------------------------------------------------------- facts used, tested
@settings(max_examples=100, deadline=None)
@given(st.integers(0, 2**31 - 1))
def test_weyl_rank_preserving_perturbation(seed):
    # D_x = diag(Lambda, 0), ||B|| = eps, rank(D_x + B) = r_x: smallest positive eig >= lam_min - eps
    rng = np.random.default_rng(seed)
    lam = rng.uniform(0.5, 2, 2)
    b11 = rng.normal(size=(2, 2)) * 0.05
    b11 = (b11 + b11.T) / 2
    b12 = rng.normal(size=(2, 1)) * 0.05
    A = np.diag(lam) + b11
    full = np.block([[A, b12], [b12.T, b12.T @ np.linalg.solve(A, b12)]])  # Schur complement 0: rank 2
    B = full - np.diag([*lam, 0.0])
    eps = np.linalg.norm(B, 2)
    ev = np.linalg.eigvalsh(full)
    assert abs(ev[0]) < 1e-12 and ev[1] >= lam.min() - eps - 1e-12


def test_a_priori_radius_dominates_simulated_trajectories():
    from scipy.integrate import solve_ivp

    rng = np.random.default_rng(7)
    for _ in range(3):
        lam, sig = np.array([1.0, 0.5, 0.0]), np.array([1.5, 0.3, 0.0])  # r_x = 2 < d = 3
        U = np.linalg.qr(rng.normal(size=(3, 3)))[0]
        b = rng.normal(size=(2, 2)) * 0.05
        B = np.zeros((3, 3))
        B[:2, :2] = (b + b.T) / 2
        Sx, Sxy = U @ (np.diag(lam) + B) @ U.T, U @ np.diag(sig)
        eps0 = np.linalg.norm(B, 2)

        def f(_t, y, Sx=Sx, Sxy=Sxy):
            W1, W2 = y[:9].reshape(3, 3), y[9:].reshape(3, 3)
            R = Sxy - Sx @ W1 @ W2
            return np.concatenate([(R @ W2.T).ravel(), (W1.T @ R).ravel()])

        y0 = np.concatenate([(U * 0.5).ravel(), (np.eye(3) * 0.5).ravel()])
        sol = solve_ivp(f, (0, 30), y0, rtol=1e-10, atol=1e-12, t_eval=np.linspace(0, 30, 61))
        s_xy = sp.Float(np.linalg.norm(sig))
        rho = float(PP.a_priori_radius(sp.Float(0.5 - eps0), sp.Float(1 + eps0), s_xy, sp.Integer(3)))
        worst = max(np.linalg.norm(sol.y[:9, j].reshape(3, 3), 2) for j in range(61))
        assert worst <= rho


# ---------------------------------------------------------------------------- certified instance
@pytest.fixture(scope="module")
def enclosure():
    return CP.perturbation_enclosure()


def _arb(x: sp.Expr) -> flint.arb:
    return flint.arb(str(sp.N(x, 50)))


def test_computed_constants_dominate_the_enclosure(enclosure):
    c = CP.instance_constants()
    K, m, cc = _arb(c["K"]), _arb(c["m"]), _arb(c["c"])
    assert CP.judge_bound_on_instance(lambda e, t: e * m * ((K * t).exp() - 1), rows=enclosure).verdict is H
    assert CP.judge_bound_on_instance(lambda e, t: e * (cc * t * t).exp(), rows=enclosure).verdict is H


def test_too_small_c_is_refuted_by_the_enclosure(enclosure):
    small = flint.arb("0.001")
    r = CP.judge_bound_on_instance(lambda e, t: e * (small * t * t).exp(), rows=enclosure)
    assert r.verdict is FAILS and r.evidence.counterexample["instance"] == "PERTURBATION_INSTANCE"
    r = CP.judge_bound_on_instance(lambda e, t: e * (small * t).exp(), rows=enclosure)
    assert r.verdict is FAILS


def test_instance_ratio_exceeds_one_certified():
    cert = CP.certified_perturbation_bound()
    assert float(cert["certified max_t ||W_i^eps(t)||_F / eps >="]) > 1
    assert float(cert["certified max_t ||W_i^eps(t)||_F / eps <="]) >= float(
        cert["certified max_t ||W_i^eps(t)||_F / eps >="])


def test_registry_verdicts():
    from symdln.claims import by_id
    from symdln.runner import run_claim

    assert run_claim(by_id("thm1.perturbation")).verdict is H
    assert run_claim(by_id("cor1.norm")).verdict is H
