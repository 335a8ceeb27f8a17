"""The general branches of appA.symmetry_path (every d and r) and cor1.norm (every number of modes):
the registered formula or correction is proved in general, a wrong one still fails, and a formula outside
the form the proof reads falls back to the instances with the reason.  Also the lemma the appA proof
cites, tested on instances, and the symbols of (15) at a size the registered cases do not reach."""

from __future__ import annotations

import itertools
from fractions import Fraction as F

import pytest
import sympy as sp

from symdln.assumption import Sigma_x
from symdln.checks import continuous_autoencoder as CA
from symdln.checks import continuous_limits as CL
from symdln.correction import FormulaError
from symdln.notation import t
from symdln.verdict import Verdict

HOLDS, FAILS = Verdict.HOLDS, Verdict.FAILS
W1, W2 = CA.W_1, CA.W_2
COMMUTE = sp.Eq(W1 * W1.T * Sigma_x, Sigma_x * W1 * W1.T)
SYMMETRIC = sp.Eq(W2, W1.T)


# ------------------------------------------------------------------ appA.symmetry_path, every d and r
def test_appA_free_algebra_identities_vanish():
    residuals = CA.symmetry_invariance_residuals()
    assert set(residuals.values()) == {"0"}
    assert {"drift on W_2 = W_1^T", "P C = P^2 S - P S P", "(P^2 S)^T = S P^2", "dC/dt linear in C"} <= set(
        residuals)


@pytest.mark.parametrize("condition, forms", [
    (sp.And(SYMMETRIC, COMMUTE), {"W_2 = W_1^T", "[P, Sigma_x] = 0"}),
    (sp.And(sp.Eq(W2.T, W1), sp.Eq(W1.T * Sigma_x * W1 * W1.T, W1.T * W1 * W1.T * Sigma_x)),  # zero drift
     {"W_2 = W_1^T", "W_1^T [P, Sigma_x] = 0 (lemma (ii))"}),
    (sp.And(sp.Eq(3 * W2, 3 * W1.T), sp.Eq(Sigma_x * W1 * W1.T * W1, W1 * W1.T * Sigma_x * W1),
            sp.Eq(W2 * W2.T, W1.T * W1)),
     {"W_2 = W_1^T", "[P, Sigma_x] W_1 = 0 (lemma (ii), transposed: C^T = -C)",
      "implied by [P, Sigma_x] = 0 (in the ideal of C)"}),
])
def test_appA_true_conditions_are_proved_for_every_size(condition, forms):
    r = CA.judge_appA_symmetry(condition)
    assert r.verdict is HOLDS and r.evidence.scope == "general"
    assert set(r.evidence.details["the condition read as (free algebra)"].values()) == forms
    assert "for every d and r" in r.evidence.method and "why not general" not in r.evidence.notes


@pytest.mark.parametrize("name", ["forgets the start", "never kept", "scaled start", "too strong",
                                  "only the start"])
def test_appA_wrong_conditions_still_fail(name):
    wrong = {
        "forgets the start": COMMUTE,
        "never kept": sp.false,
        "scaled start": sp.And(sp.Eq(W2, 2 * W1.T), COMMUTE),
        "too strong": sp.And(SYMMETRIC, sp.Eq(Sigma_x * W1 * W1.T, W1 * W1.T)),
        "only the start": SYMMETRIC,
    }[name]
    assert CA.judge_appA_symmetry(wrong).verdict is FAILS
    assert CA.general_reading(wrong)[0] is None


def test_appA_condition_the_proof_does_not_read_falls_back_with_the_reason():
    # [P, Sigma_x^2] = 0 is equivalent for Sigma_x >= 0 (the starts agree), but not by an identity
    squared = sp.And(SYMMETRIC, sp.Eq(W1 * W1.T * Sigma_x**2, Sigma_x**2 * W1 * W1.T))
    r = CA.judge_appA_symmetry(squared)
    assert r.verdict is HOLDS and r.evidence.scope == "instances"
    assert "why not general: " + CA.SYMMETRY_SCOPE in r.evidence.notes
    assert "no equation of the condition is equivalent to [W_1 W_1^T, Sigma_x] = 0" in r.evidence.notes


def test_appA_reading_refuses_what_is_no_matrix_equation():
    roles, why = CA.general_reading(sp.And(SYMMETRIC, sp.Eq(sp.Trace(W1 * W1.T * Sigma_x), 1)))
    assert roles is None and "is not an equation between matrices" in why
    roles, why = CA.general_reading(sp.And(SYMMETRIC, sp.Eq(sp.Inverse(Sigma_x) * W1 * W1.T,
                                                            W1 * W1.T * sp.Inverse(Sigma_x))))
    assert roles is None and "not a polynomial" in why


def _commutant_of(M: sp.Matrix) -> list[sp.Matrix]:
    """A basis of the matrices X with M X = X M (exact nullspace)."""
    n = M.rows
    xs = sp.symbols(f"x0:{n * n}")
    X = sp.Matrix(n, n, xs)
    eqs = list(M * X - X * M)
    A = sp.Matrix([[sp.diff(e, x) for x in xs] for e in eqs])
    return [sp.Matrix(n, n, list(v)) for v in A.nullspace()]


@pytest.mark.parametrize("W", [sp.Matrix([[1, 0], [1, 1]]), sp.Matrix([[1], [2]]),
                               sp.Matrix([[1, 0], [0, 0], [0, 2]]), sp.Matrix([[1, 1], [1, 1], [0, 1]]),
                               sp.Matrix([[2, 0, 0], [0, 1, 0], [0, 0, 1]])])
def test_appA_cited_lemma_commuting_with_p_squared_is_commuting_with_p(W):
    # lemma (ii): P = W W^T >= 0 is a polynomial in P^2, so every matrix commuting with P^2 commutes with P;
    # the sign matters: for -P (not >= 0) the square is the same, the lemma is about the PSD root
    P = W * W.T
    for X in _commutant_of(P**2):
        assert (P * X - X * P).is_zero_matrix


def test_appA_reading_agrees_with_the_truth_on_exact_instances():
    # the conjunctions the proof reads, evaluated at small exact matrices, equal the truth
    # (W_2 = W_1^T and [W_1 W_1^T, Sigma_x] = 0), off and on the symmetric set
    read = [sp.And(SYMMETRIC, COMMUTE),
            sp.And(sp.Eq(W2.T, W1), sp.Eq(W1.T * Sigma_x * W1 * W1.T, W1.T * W1 * W1.T * Sigma_x))]
    assert all(CA.general_reading(c)[0] is not None for c in read)
    entries = (0, 1, -1)
    for a, b, c in itertools.product(entries, repeat=3):
        W = sp.Matrix([[a], [b]])
        for Sx, W2v in ((sp.diag(1, 2), W.T), (sp.Matrix([[2, c], [c, 2]]), W.T), (sp.diag(1, 2), 2 * W.T)):
            truth = W2v == W.T and (W * W.T * Sx - Sx * W * W.T).is_zero_matrix
            for cond in read:
                assert CA._condition_at(cond, Sx, W, W2v) is truth


# ------------------------------------------------------------------ cor1.norm, every number of modes
S_I, L_I, I = CL.SIGMA_I[CL.MODE], CL.LAMBDA_I[CL.MODE], CL.MODE


def one(cond: sp.Basic) -> sp.Expr:
    return sp.Piecewise((1, cond), (0, True))


def test_cor1_printed_is_proved_for_every_number_of_modes():
    r = CL.check_cor1_limit()
    assert r.verdict is HOLDS and r.evidence.scope == "general"
    derived = r.evidence.details["derived limit of one mode, squared"]
    assert derived["t = 1/sigma"] == "sigma**2/(lambda + sigma)**2" and derived["0 < t < 1/sigma"] == "0"


def test_cor1_same_limit_written_otherwise_is_proved():
    term = sp.Piecewise((S_I**2 / L_I**2, t > 1 / S_I), (S_I**2 / (L_I + S_I) ** 2, sp.Eq(S_I * t, 1)),
                        (0, True))
    r = CL.check_cor1_limit(sp.Sum(term, (I, 1, CL.R_XY)))
    assert r.verdict is HOLDS and r.evidence.scope == "general"


@pytest.mark.parametrize("name", ["unsquared", "step at 1/(2 sigma)", "no value at the step",
                                  "one mode short"])
def test_cor1_wrong_sums_fail(name):
    terms = {
        "unsquared": S_I / L_I * one(t > 1 / S_I) + S_I / (L_I + S_I) * one(sp.Eq(t, 1 / S_I)),
        "step at 1/(2 sigma)": (S_I / L_I) ** 2 * one(2 * S_I * t > 1),
        "no value at the step": (S_I / L_I) ** 2 * one(t > 1 / S_I),
        "one mode short": (S_I / L_I) ** 2 * one(t > 1 / S_I)
                          + (S_I / (L_I + S_I)) ** 2 * one(sp.Eq(t, 1 / S_I)),
    }
    upper = CL.R_XY - 1 if name == "one mode short" else CL.R_XY
    r = CL.check_cor1_limit(sp.Sum(terms[name], (I, 1, upper)))
    assert r.verdict is FAILS
    assert {"limit", "claimed"} <= set(r.evidence.counterexample)


def test_cor1_formula_not_a_sum_over_the_modes_falls_back_with_the_reason():
    half = (S_I / L_I) ** 2 * one(t > 1 / S_I)
    split = sp.Sum(half, (I, 1, CL.R_XY)) + sp.Sum((S_I / (L_I + S_I)) ** 2 * one(sp.Eq(t, 1 / S_I)),
                                                  (I, 1, CL.R_XY))
    r = CL.check_cor1_limit(split)
    assert r.verdict is HOLDS and r.evidence.scope == "instances"
    why = "why not general: " + CL.COR1_SCOPE + ": the formula is not a Sum over the modes"
    assert why in r.evidence.notes


def test_cor1_function_of_the_modes_falls_back_with_the_reason():
    def printed(sig, lam, t_):  # 1{.} through bool(): Python booleans and decided SymPy relations
        return sum(((s / l) ** 2 * int(bool(t_ > 1 / s)) + (s / (l + s)) ** 2 * int(bool(t_ == 1 / s))
                    for s, l in zip(sig, lam, strict=True)), F(0))

    r = CL.check_cor1_limit(printed)
    assert r.verdict is HOLDS and r.evidence.scope == "instances"
    assert "a Python function of the modes" in r.evidence.notes


def test_cor1_term_not_proved_in_a_regime_falls_back(monkeypatch):
    monkeypatch.setattr(CL, "_prove_cor1_term", lambda term: ["t = 1/sigma"])
    r = CL.check_cor1_limit()
    assert r.verdict is HOLDS and r.evidence.scope == "instances"
    assert "not proved equal to the derived limit for t = 1/sigma" in r.evidence.notes


def test_cor1_formula_in_other_symbols_is_refused():
    with pytest.raises(FormulaError, match="not c"):
        CL.check_cor1_limit(sp.Sum(sp.Symbol("c") * S_I, (I, 1, CL.R_XY)))
    with pytest.raises(FormulaError, match="none of sigma_1"):
        CL.check_cor1_limit(sp.Sum(S_I, (I, 0, CL.R_XY)))


def test_cor1_lemmas():
    assert CL.frobenius_words() and CL.inactive_limit() == 0
    assert CL.mode_regimes() is CL.mode_regimes()  # formula-independent, computed once
    assert [name for name, _t, _v in CL.mode_regimes()] == ["t = 0", "0 < t < 1/sigma", "t = 1/sigma",
                                                              "t > 1/sigma"]


# ------------------------------------------------------------------ thm1.symbols at min(d, r) > p
def test_thm1_symbols_correction_at_d_equal_r_above_p():
    """Regression: rectangular diagonals of sqrt(w_i) on every entry (the earlier correction) fail at
    d = r = 3 > p = 2, where an entry of W_1 that no mode of W_2 meets stays constant under (12); the
    registered correction keeps it at e^{-delta_i} and holds there."""
    from symdln.checks import continuous_symbols as S
    from symdln.checks.continuous import _R

    case = S.SymbolCase("d = r = 3 > p = 2", S._cay(1, 2, _R(1, 2)), S._cay(_R(1, 3)), S._cay(_R(1, 2), 1, 0))
    rect = S._definitions(S.RECTANGULAR_SYMBOLS)
    assert S._judge_case(case, lambda c, a: S._layers(rect, c, a)).verdict.name == "FAILS"
    defs = S._definitions(S.CORRECTED_SYMBOLS)
    assert S._judge_case(case, lambda c, a: S._layers(defs, c, a)) is None


@pytest.mark.parametrize("moving", ["Min(d, r)", "Min(r, p)", "1", "0"])
def test_thm1_symbols_wrong_number_of_moving_entries_fails(moving):
    """The correction with sqrt(w_i) on another number of leading entries than min(d, r, p): an entry
    that should move is kept constant, or one that (12) keeps constant moves; refuted on a case."""
    import sympy as sp

    from symdln.checks import continuous_symbols as S

    k = sp.sympify(moving, locals={"d": S.d, "r": S.r, "p": S.p})
    wrong = S.CORRECTED_SYMBOLS.xreplace({sp.Min(S.d, S.r, S.p): k})
    assert wrong != S.CORRECTED_SYMBOLS
    r = S.judge_thm1_symbols(wrong)
    assert r.verdict.name == "FAILS" and r.evidence.counterexample["case"]
