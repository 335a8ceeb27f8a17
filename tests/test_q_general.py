"""The condition on Q of Thm. 1 / Thm. 3 for every r: the truth for every size (Q Q^T = I, from the
package's (12) and GD step on matrices of symbolic sizes), the reading of a condition as a z3 formula,
and the three outcomes of the general branch -- proved, a certified counter-model, a fallback to the
listed Q with its reason."""

from __future__ import annotations

import pytest
import sympy as sp

from symdln.checks import q_condition as qc
from symdln.checks import q_truth as qt
from symdln.correction import parse_formula
from symdln.verdict import Verdict

HOLDS, FAILS, INCONCLUSIVE = Verdict.HOLDS, Verdict.FAILS, Verdict.INCONCLUSIVE
Q, r = qc.Q, qc.r
I_r = sp.Identity(r)
ORTH = qc.ORTHOGONAL_CONDITION
DET = sp.Determinant(Q)
JUDGES = (qc.judge_thm1_q, qc.judge_thm3_q)


# ------------------------------------------------------------------ the truth for every size
@pytest.mark.parametrize("kind", ["flow", "step"])
def test_the_truth_is_proved_for_every_size(kind):
    truth = qt.general_truth(kind)
    assert truth.proved
    for step in ("d, p, r symbolic", "in each of the 8 cases", "(ii) if Q^T Q = I", "(iii) only if",
                 "g_i = a_i(sigma_i - lambda_i a_i^2) = 7/8 != 0", "(z3)"):
        assert step in truth.proof, step


@pytest.fixture
def fresh_truth():
    qt.general_truth.cache_clear()
    yield
    qt.general_truth.cache_clear()


def test_a_wrong_mode_ode_is_not_the_flow(monkeypatch, fresh_truth):
    import symdln.continuous as cont

    monkeypatch.setattr(cont, "mode_rhs", lambda w, s, l: 2 * w * (s - 2 * l * w))
    truth = qt.general_truth("flow")
    assert not truth.proved and "modes of G_1, G_2 differ" in truth.proof


def test_a_step_that_moves_the_layers_apart_is_not_kept(monkeypatch, fresh_truth):
    import symdln.discrete as disc

    right = disc.gd_step_two_layer

    def lopsided(W1, W2, Sx, Sxy, eta):  # the second layer takes twice the step
        N1, N2 = right(W1, W2, Sx, Sxy, eta)
        return N1, 2 * N2 - W2

    monkeypatch.setattr(disc, "gd_step_two_layer", lopsided)
    assert not qt.general_truth("step").proved


def test_the_mode_of_a_padded_diagonal_word_follows_its_inner_sizes():
    a, lam = sp.symbols("a lambda")
    value = {"A": a, "At": a, "B": a, "Bt": a, "Lam": lam}
    word = {("Lam", "A", "B", "Bt"): sp.S.One}  # d x d, d x r, r x p, p x r
    inside = dict(d=True, r=True, p=True)
    assert qt._mode(word, inside, value) == lam * a**3
    assert qt._mode(word, {**inside, "p": False}, value) == 0  # the mode passes through p
    assert qt._mode({("A", "At"): sp.S.One}, {**inside, "p": False}, value) == a**2


def test_the_modes_in_one_layer_only_stay_constant():
    """d = 3, p = 2, r = 3: the third mode is in W_1 only; (12) leaves it constant, so Q = I solves (12)
    (the mode ODE there would move it); a non-orthogonal Q still fails at these sizes."""
    from symdln.continuous import mode_rhs

    U, V = qt.cayley(3, 1, 2, sp.Rational(1, 2)), qt.cayley(2, sp.Rational(1, 3))
    _, mats = qt._flow_residual(sp.eye(3), 3, 2, U, V, mode_rhs)
    assert all(m.is_zero_matrix for _, m in mats)
    _, mats = qt._flow_residual(sp.diag(1, 2, 1), 3, 2, U, V, mode_rhs)
    assert not all(m.is_zero_matrix for _, m in mats)


def test_the_truth_at_r_1():
    assert qt.form_solves_flow(sp.Matrix([[-1]])).holds and not qt.form_solves_flow(sp.Matrix([[2]])).holds
    assert qt.form_kept_by_step(sp.Matrix([[1]])).holds and not qt.form_kept_by_step(sp.Matrix([[-3]])).holds


# ------------------------------------------------------------------ words in Q
def test_words_reduce_with_the_inverses():
    assert qt.words(Q.T * Q * Q.inv() - Q.T, qt.Q_INVERSES) == {}
    assert qt.words((Q * Q.T).inv(), qt.Q_INVERSES) == {("Qit", "Qi"): 1}
    assert qt.words(Q.adjoint() ** 2 * 3, qt.Q_INVERSES) == {("Qt", "Qt"): 3}
    assert qt.words(sp.MatPow(Q, -2), qt.Q_INVERSES) == {("Qi", "Qi"): 1}
    for e in (sp.Trace(Q) * I_r, Q[:, :1], sp.HadamardProduct(Q, Q), (Q + I_r).inv()):
        with pytest.raises(qt.NoWord):
            qt.words(e, qt.Q_INVERSES)


@pytest.mark.parametrize("rel, reading", [
    (sp.Eq(Q.T * Q * Q, Q), "orthogonal"),                     # Q^-1 (Q^T Q) Q: a conjugate
    (sp.Eq(Q.I.T, Q), "orthogonal"),                           # (Q Q^T)^-1 = I
    (sp.Eq(2 * Q.T, 2 * Q.inv()), "orthogonal"),
    (sp.Ne(Q * Q.T, I_r), "not orthogonal"),
    (sp.Eq(Q * Q.T * Q.T.inv(), Q, evaluate=False), "true"),
    (sp.Eq(Q, sp.ZeroMatrix(r, r)), "false"),                  # c w is never 0
    (sp.Ne(3 * Q.T * Q, 0, evaluate=False), "true"),
])
def test_matrix_relations_read_for_every_invertible_Q(rel, reading):
    import z3

    o = z3.Bool("o")
    expected = {"orthogonal": o, "not orthogonal": z3.Not(o), "true": z3.BoolVal(True),
                "false": z3.BoolVal(False)}[reading]
    s = z3.Solver()
    s.add(qc._matrix_atom(rel, o) != expected)
    assert s.check() == z3.unsat


@pytest.mark.parametrize("rel", [sp.Eq(Q, Q.T), sp.Eq(Q.T * Q, 4 * I_r), sp.Eq(Q.inv(), Q),
                                 sp.Eq(Q.T * Q + Q * Q.T, 2 * I_r)])
def test_matrix_relations_outside_the_reading_are_not_decided(rel):
    import z3

    with pytest.raises(qc._NotDecided, match="not c \\(w_1 - w_2\\)"):
        qc._matrix_atom(rel, z3.Bool("o"))


# ------------------------------------------------------------------ the judges, for every r
@pytest.mark.parametrize("judge, text", [
    *((qc.judge_thm1_q, t) for t in ("Eq(Q*Q.T, Identity(r))", "Eq(Q.T, Q**-1)",
                                     "Eq(Q.T*Q - Identity(r), ZeroMatrix(r, r))", "Eq(Q.T*Q*Q, Q)",
                                     "Eq(Q.T*Q, Identity(r)) & Eq(Determinant(Q)**2, 1)",
                                     "Eq(Q.T*Q, Identity(r)) & Ne(Determinant(Q), 0)",
                                     "Eq(Q.T*Q, Identity(r)) | (Eq(r, 1) & Eq(Determinant(Q)**2, 1))")),
    *((qc.judge_thm3_q, t) for t in ("Eq(Q*Q.T, Identity(r))", "Eq(Q.T*Q*Q, Q)"))])
def test_equivalent_conditions_are_proved_for_every_r(judge, text):
    from symdln.claims import by_id

    statement = parse_formula(text, by_id("thm1.form").symbol_map)
    res = judge(statement)
    assert res.verdict is HOLDS and res.evidence.scope == "general"
    assert "z3 proves the condition equivalent to Q^T Q = I" in res.evidence.method


def test_a_transcendental_side_condition_is_bounded_not_dropped():
    # exp(det Q) > 0 holds everywhere: encoded by a fresh variable with true bounds, still a proof
    res = qc.judge_thm1_q(sp.And(ORTH, sp.exp(DET) > 0))
    assert res.verdict is HOLDS and res.evidence.scope == "general"


@pytest.mark.parametrize("judge", JUDGES)
@pytest.mark.parametrize("statement, size, cond", [
    (sp.Or(ORTH, sp.Eq(DET, 5)), 2, True),      # a determinant no listed Q has
    (sp.Or(ORTH, sp.Eq(r, 1)), 1, True),        # a size no listed Q has
    (sp.And(ORTH, sp.Ne(r, 1)), 1, False),      # the condition fails where the form is kept
])
def test_a_condition_right_on_the_listed_Q_fails_at_a_certified_Q(judge, statement, size, cond):
    res = judge(statement)
    assert res.verdict is FAILS
    cex = res.evidence.counterexample
    M = sp.Matrix(sp.sympify(cex["Q"]))
    assert cex["which Q"].startswith("found by z3 for every r") and cex["r"] == M.rows == size
    assert cex["condition under test"] is cond is qc.condition_value(statement, M)
    assert (M.T * M == sp.eye(size)) is (not cond)  # the truth is orthogonality, computed at M


@pytest.mark.parametrize("judge", JUDGES)
def test_a_mismatch_only_beyond_the_computed_sizes_is_inconclusive(judge):
    res = judge(sp.Or(ORTH, r >= 4))
    assert res.verdict is INCONCLUSIVE and "not certified" in res.evidence.notes
    details = res.evidence.details
    assert details["condition under test"] is True and details["Q^T Q = I (the truth for every r)"] is False
    assert details["z3 counter-model"].startswith("r = 4")


@pytest.mark.parametrize("statement, reason", [
    (sp.And(sp.Eq(sp.Trace(Q.T * Q), r), sp.Eq(DET**2, 1)), "depends on Q other than through det Q"),
    (sp.And(ORTH, Q[0, 0] + Q[0, 1] <= 2), "depends on Q other than through det Q"),
    (sp.And(ORTH, sp.Abs(DET) > 0), "no z3 encoding for Abs"),
    (sp.And(ORTH, sp.Eq(sp.Determinant(2 * Q), 2**r * DET)), "is not the determinant of a word in Q"),
])
def test_a_condition_outside_the_reading_falls_back_with_its_reason(statement, reason):
    res = qc.judge_thm3_q(statement)
    ev = res.evidence
    assert res.verdict is HOLDS and ev.scope == "instances"
    why = ev.notes[ev.notes.index("why not general: "):]
    assert reason in why.split(". Missing step: a decision of the condition")[0]
    assert "the truth for every size is proved" in ev.notes


@pytest.mark.parametrize("statement", [
    sp.Eq(Q.T * Q, sp.Trace(Q.T * Q) / r * I_r),      # orthogonal up to scale
    sp.Eq(DET, 1), sp.Eq(Q, Q.T), sp.Eq(Q, I_r),
    sp.And(ORTH, DET > 0),                            # rotations only
    sp.Eq(Q.T * Q, 4 * I_r)])
def test_wrong_conditions_still_fail_on_the_listed_Q(statement):
    res = qc.judge_thm1_q(statement)
    assert res.verdict is FAILS and not res.evidence.counterexample["which Q"].startswith("found by z3")


def test_the_witness_of_a_counter_model():
    assert qc._witness(1, sp.Rational(1, 2), False) == sp.Matrix([[sp.Rational(1, 2)]])
    M = qc._witness(3, sp.Integer(-1), False)  # det -1, not orthogonal: a shear
    assert M.det() == -1 and M.T * M != sp.eye(3)
    M = qc._witness(2, sp.Integer(-1), True)
    assert M.det() == -1 and M.T * M == sp.eye(2)
