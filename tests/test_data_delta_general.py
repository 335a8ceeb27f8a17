"""The general proofs of eq27.delta_xy and assump1.commute (symdln/checks/data_delta_proof.py): the
registered statements are proved for every size, wrong ones are not, formulas outside the mask
calculus fall back to the instances with the reason, and the calculus agrees with exact evaluation."""

from __future__ import annotations

import pytest
import sympy as sp
from hypothesis import example, given, settings
from hypothesis import strategies as st

from symdln.assumption import (
    FrobeniusDistance,
    FrobeniusNorm,
    OffDiagonal,
    Pinching,
    Sigma_x,
    U,
    d,
    defect_min,
    evaluate,
    p,
)
from symdln.certify.exact import cayley_orthogonal
from symdln.checks import data_delta
from symdln.checks import data_delta_proof as proof
from symdln.checks.data_delta_proof import GRAM, K_DIAG, K_OFF, R_OFF, NoMaskForm, mask_form
from symdln.claims import by_id
from symdln.runner import run_claim
from symdln.verdict import Verdict

EPS = FrobeniusDistance(Sigma_x, Pinching(Sigma_x, GRAM))
NORM = FrobeniusNorm(Sigma_x)
B = OffDiagonal(U.T * Sigma_x * U)
B_NORM = FrobeniusNorm(B)
PINCHED_U = U.T * Pinching(Sigma_x, GRAM) * U

# --- the formula-independent steps -------------------------------------------------------------


def test_every_lemma_is_proved_and_the_cited_minimum_agrees_on_every_instance():
    steps = proof.lemma_steps()
    assert len(steps) == 9 and all(v == "proved" for v in steps.values())
    tested = data_delta.attainment_on_instances()
    assert tested and all(v == "agrees" for v in tested.values())
    assert proof.least_defect_form() == sp.sqrt(R_OFF) / sp.sqrt(R_OFF + K_OFF + K_DIAG)


def test_general_branch_is_off_when_the_cited_minimum_does_not_match(monkeypatch):
    # a wrong closed form of the minimum (no pinching at all): the tested step disagrees, so no formula
    # is proved in general, and the reason names the step
    monkeypatch.setattr(data_delta, "spectral_projectors", lambda Sxy: [sp.eye(Sxy.rows)])
    data_delta.attainment_on_instances.cache_clear()
    try:
        r = data_delta.judge_delta_xy(EPS / NORM)
        assert (r.verdict, r.evidence.scope) == (Verdict.HOLDS, "instances")
        assert "does not reach r" in r.evidence.notes and "Missing step" in r.evidence.notes
        c = data_delta.check_assump1_commute()
        assert (c.verdict, c.evidence.scope) == (Verdict.HOLDS, "instances")
    finally:
        monkeypatch.undo()
        data_delta.attainment_on_instances.cache_clear()


# --- eq27.delta_xy ----------------------------------------------------------------------------


@pytest.mark.parametrize("formula", [
    EPS / NORM,  # the registered correction
    FrobeniusNorm(Sigma_x - Pinching(Sigma_x, GRAM)) / FrobeniusNorm(U.T * Sigma_x * U),
    sp.sqrt(NORM**2 - FrobeniusNorm(Pinching(Sigma_x, GRAM)) ** 2) / NORM,  # Pythagoras
    sp.sqrt(FrobeniusNorm(B) ** 2 - FrobeniusNorm(OffDiagonal(PINCHED_U)) ** 2) / NORM,  # U-free value
    FrobeniusNorm(OffDiagonal(U.T * (Sigma_x - Pinching(Sigma_x, GRAM)) * U)) / NORM,
    FrobeniusDistance(Sigma_x, Pinching(Sigma_x, 2 * GRAM ** 2)) / NORM,  # same eigenspaces
], ids=["correction", "U-frame norm", "pythagoras", "B minus in-block", "offdiag of off-block", "2 G^2"])
def test_right_formulas_are_proved_in_general(formula):
    r = data_delta.judge_delta_xy(formula)
    assert (r.verdict, r.evidence.scope) == (Verdict.HOLDS, "general"), r.evidence.notes
    assert r.evidence.details["lemmas (symbolic sizes, symbolic number of eigenspaces)"]


@pytest.mark.parametrize("wrong", [
    B_NORM / NORM,  # printed: depends on U
    2 * EPS / NORM,  # a constant
    EPS,  # unnormalised
    FrobeniusNorm(Pinching(Sigma_x, GRAM)) / NORM,  # the complement
    FrobeniusNorm(OffDiagonal(PINCHED_U)) / NORM,  # only the in-block part
], ids=["printed", "constant", "unnormalised", "complement", "in-block"])
def test_wrong_formulas_are_not_proved_and_still_fail(wrong):
    ok, why = proof.prove_delta_xy(wrong)
    assert not ok and "differs from the least defect" in why
    assert data_delta.judge_delta_xy(wrong).verdict is Verdict.FAILS


def test_formula_outside_the_calculus_falls_back_with_the_reason():
    # right (||Sigma_x||_F = sqrt(tr Sigma_x^2) for symmetric Sigma_x) but written with a trace
    r = data_delta.judge_delta_xy(EPS / sp.sqrt(sp.Trace(Sigma_x * Sigma_x)))
    assert (r.verdict, r.evidence.scope) == (Verdict.HOLDS, "instances")
    notes = r.evidence.notes
    assert "why not general: the formula is outside the language" in notes and "Trace" in notes
    assert "Missing step:" in notes


@pytest.mark.parametrize(("formula", "reason"), [
    (FrobeniusNorm(OffDiagonal(Sigma_x)), "not in the frame of U"),
    (FrobeniusNorm(Pinching(Sigma_x, Sigma_x)), "pinching by a matrix other than"),
    (FrobeniusNorm(Pinching(Sigma_x, -GRAM)), "pinching by a matrix other than"),
    (FrobeniusNorm(Sigma_x * GRAM - GRAM * Sigma_x), "a product of matrices"),
    (FrobeniusNorm(Sigma_x - U.T * Sigma_x * U), "a sum of a matrix and a matrix in the frame of U"),
    (FrobeniusNorm(Pinching(PINCHED_U, GRAM)), "the pinching of a matrix in the frame of U"),
    # 0/0 where Sigma_x commutes: a division by a quantity that vanishes is refused
    (EPS / FrobeniusNorm(OffDiagonal(U.T * (Sigma_x - Pinching(Sigma_x, GRAM)) * U)) * EPS / NORM,
     "which is 0 on part of the domain"),
    (EPS * sp.Float("0.5"), "outside the language"),
    (sp.exp(EPS), "outside the language"),
])
def test_mask_form_refuses_what_it_cannot_read(formula, reason):
    with pytest.raises(NoMaskForm, match=reason):
        mask_form(formula)


# --- assump1.commute -------------------------------------------------------------------------


def test_commute_registered_check_is_general():
    run = run_claim(by_id("assump1.commute"))
    res = run.checks[0].result
    assert (run.verdict, res.evidence.scope) == (Verdict.HOLDS, "general")


@pytest.mark.parametrize("defect", [2 * EPS, EPS / NORM, EPS**2, FrobeniusNorm(OffDiagonal(
    U.T * (Sigma_x - Pinching(Sigma_x, GRAM)) * U))], ids=["2 eps", "normalised", "squared", "U-frame"])
def test_defects_vanishing_exactly_with_r_are_proved(defect):
    r = data_delta.check_assump1_commute(defect)
    assert (r.verdict, r.evidence.scope) == (Verdict.HOLDS, "general")


@pytest.mark.parametrize(("defect", "reason"), [
    (FrobeniusNorm(B), "monomial free of r"),  # the fixed-U reading
    (FrobeniusNorm(OffDiagonal(PINCHED_U)), "monomial free of r"),
    (FrobeniusNorm(Sigma_x) ** 2 - 2 * FrobeniusNorm(Pinching(Sigma_x, GRAM)) ** 2, "both"),
    (EPS * FrobeniusNorm(OffDiagonal(PINCHED_U)), "contains k_o"),
    (EPS + FrobeniusNorm(OffDiagonal(PINCHED_U)), "not a polynomial"),
    (FrobeniusNorm(Sigma_x * GRAM - GRAM * Sigma_x), "outside the language"),
])
def test_defects_not_proved_say_why(defect, reason):
    ok, why = proof.prove_commute(defect)
    assert not ok and reason in why


def test_wrong_defects_fail_on_the_instances():
    # the fixed-U reading and the in-block part: certified disagreements with the commutator
    for defect in (FrobeniusNorm(B), FrobeniusNorm(OffDiagonal(PINCHED_U))):
        r = data_delta.check_assump1_commute(defect)
        assert r.verdict is Verdict.FAILS and r.evidence.counterexample


def test_commute_fallbacks_keep_the_verdict_and_give_the_reason():
    r = data_delta.check_assump1_commute(defect_min)  # a function: no formula to prove
    assert (r.verdict, r.evidence.scope) == (Verdict.HOLDS, "instances")
    assert "given as a function" in r.evidence.notes and "Missing step" in r.evidence.notes
    r = data_delta.check_assump1_commute(FrobeniusNorm(Sigma_x * GRAM - GRAM * Sigma_x))  # outside
    assert (r.verdict, r.evidence.scope) == (Verdict.HOLDS, "instances")
    assert "outside the language" in r.evidence.notes


# --- the calculus against exact evaluation -----------------------------------------------------

#: formulas in the calculus's language, with every rule used at least once
READ = [
    B_NORM / NORM,
    EPS / NORM,
    FrobeniusNorm(Pinching(Sigma_x, GRAM)),
    FrobeniusDistance(U.T * Sigma_x * U, OffDiagonal(U.T * Pinching(Sigma_x, 3 * GRAM) * U)),
    FrobeniusNorm(U * OffDiagonal(U.T * Sigma_x * U) * U.T - 2 * Sigma_x.T) * d / p,
    FrobeniusNorm(Pinching(Sigma_x - U * OffDiagonal(U.T * Sigma_x * U) * U.T, GRAM**2)),
]


def _invariants(Sx: sp.Matrix, Sxy: sp.Matrix, Um: sp.Matrix) -> dict[sp.Symbol, sp.Expr]:
    """r, k_o, k_d from the entries of U^T Sigma_x U and the eigenvalue of G at each column (no
    projectors, no pinching)."""
    M, D = Um.T * Sx * Um, Um.T * Sxy * Sxy.T * Um
    n = Sx.rows
    pairs = [(i, j) for i in range(n) for j in range(n)]
    return {R_OFF: sum(M[i, j] ** 2 for i, j in pairs if D[i, i] != D[j, j]),
            K_OFF: sum(M[i, j] ** 2 for i, j in pairs if i != j and D[i, i] == D[j, j]),
            K_DIAG: sum(M[i, i] ** 2 for i in range(n))}


def _agree(formula: sp.Expr, Sx: sp.Matrix, Sxy: sp.Matrix, Um: sp.Matrix) -> bool:
    env = _invariants(Sx, Sxy, Um)
    env.update({d: Sx.rows, p: Sxy.cols})
    exact = evaluate(formula, {"Sigma_x": Sx, "Sigma_xy": Sxy, "U": Um})
    return sp.simplify(mask_form(formula).xreplace(env) - exact) == 0


def test_calculus_agrees_with_exact_evaluation_on_every_instance_and_several_U():
    for inst in data_delta.delta_xy_instances():
        family, free = data_delta._admissible_family(inst)
        Us = [inst["U0"]] + ([family(sp.Rational(1, 2)), family(sp.Integer(3))] if free else [])
        for Um in Us:
            for f in READ:
                assert _agree(f, inst["Sx"], inst["Sxy"], Um), (inst["case"], sp.sstr(f), Um)


@st.composite
def pattern(draw):
    """Exact Sigma_x (PSD, rational) and Sigma_xy = Q diag(s) with a random multiplicity pattern
    (zeros, repeats), U = Q admissible; d = 3."""
    k = [sp.Rational(draw(st.integers(-3, 3)), 2) for _ in range(3)]
    K = sp.Matrix([[0, k[0], k[1]], [-k[0], 0, k[2]], [-k[1], -k[2], 0]])
    Q = cayley_orthogonal(K)
    s = [draw(st.integers(0, 2)) for _ in range(3)]
    A = sp.Matrix(3, 3, [draw(st.integers(-2, 2)) for _ in range(9)])
    return A.T * A + sp.eye(3), Q * sp.diag(*s), Q


@settings(max_examples=6)
@given(pattern())
@example((sp.Matrix([[2, 1, 0], [1, 2, 1], [0, 1, 2]]), sp.diag(1, 1, 0), sp.eye(3)))
def test_calculus_agrees_with_exact_evaluation_on_random_patterns(data):
    Sx, Sxy, Q = data
    for f in (B_NORM / NORM, EPS / NORM, READ[5]):
        assert _agree(f, Sx, Sxy, Q), (Sx, Sxy, sp.sstr(f))
