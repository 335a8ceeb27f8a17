"""The condition on Q of Thm. 1 / (15) and Thm. 3 (first display), and the symbols of (15), judged as
formulas: the printed statement, its correction and wrong corrections through the same judge and the
same runner path as a registered claim (the claims are built here as they are to be registered)."""

from __future__ import annotations

import re

import pytest
import sympy as sp

from symdln.checks import continuous_symbols as S
from symdln.checks import q_condition as qc
from symdln.checks import q_truth as qt
from symdln.claims.record import Check, Claim
from symdln.continuous import mode_rhs
from symdln.correction import Correction, FormulaError, parse_formula
from symdln.runner import run_claim
from symdln.verdict import Verdict

HAC, HOLDS, FAILS = Verdict.HOLDS_AFTER_CORRECTION, Verdict.HOLDS, Verdict.FAILS
Q, r = qc.Q, qc.r
I_r = sp.Identity(r)

JUDGES = {"thm1.form": qc.judge_thm1_q, "thm3.form": qc.judge_thm3_q}
#: the name of the truth in a counterexample
TRUTH_KEY = {"thm1.form": "(15) solves (12)", "thm3.form": "one GD step keeps the form of Thm. 3"}


def _q_claim(cid: str) -> Claim:
    return Claim(
        cid, "paper1", "Sec. 3.1, Thm. 1, eq. (15)", "Q an arbitrary invertible matrix", "Assump. 1",
        (Check("Q", None, "the condition on Q judged both ways against the form", judge=JUDGES[cid]),),
        formula=qc.PRINTED_CONDITION,
        correction=Correction(qc.ORTHOGONAL_CONDITION, context="Q the r x r matrix of Thm. 1"),
        symbols=qc.Q_SYMBOLS)


def _symbols_claim() -> Claim:
    return Claim(
        "thm1.symbols", "paper1", "Sec. 3.1, Thm. 1, eq. (15)", "W_2(t) = W_1^0(t) + W_2^eps(t), ...",
        "Assump. 1, eps = 0",
        (Check("symbols", None, "the layers the statement defines, against Thm. 1's initialisation and "
                                "(12)", judge=S.judge_thm1_symbols),),
        formula=S.PRINTED_SYMBOLS, correction=Correction(S.CORRECTED_SYMBOLS, context="eps = 0"),
        symbols=S.SYMBOLS)


# ------------------------------------------------------------------ the condition on Q
@pytest.mark.parametrize("cid", sorted(JUDGES))
def test_printed_condition_fails_and_the_correction_holds(cid):
    run = run_claim(_q_claim(cid))
    assert run.verdict is HAC and run.correction_verdict is HOLDS
    cex = run.formula_checks[0].result.evidence.counterexample
    assert cex["condition under test"] is True and cex[TRUTH_KEY[cid]] is False
    ev = run.correction_checks[0].result.evidence
    assert ev.scope == "general" and ev.residual == "0"
    true_side, false_side = (ev.parameters[f"instances, condition {s}"] for s in ("true", "false"))
    assert true_side >= 10 and false_side >= 10
    assert ev.parameters["instances within 1/50 of an orthogonal Q"] >= 3  # the boundary of Q^T Q = I
    assert set(ev.parameters["families (r = 2), the condition"].values()) == {"holds identically in s"}
    assert {"I_3", "diag(1, 1, 2)"} <= set(ev.details["condition true"]) | set(ev.details["condition false"])


WRONG = {
    "orthogonal up to scale": sp.Eq(Q.T * Q, sp.Trace(Q.T * Q) / r * I_r),
    "det = 1 only": sp.Eq(sp.Determinant(Q), 1),
    "|det| = 1 only": sp.Eq(sp.Determinant(Q) ** 2, 1),
    "symmetric": sp.Eq(Q, Q.T),
    "condition dropped": sp.true,
    "Q = I": sp.Eq(Q, I_r),
    "rotations only": sp.And(sp.Eq(Q.T * Q, I_r), sp.Determinant(Q) > 0),
    "unit Frobenius norm per column on average": sp.Eq(sp.Trace(Q.T * Q), r),
    "Q^-1 = Q": sp.Eq(Q.inv(), Q),
    "scale 2": sp.Eq(Q.T * Q, 4 * I_r),
}


@pytest.mark.parametrize("cid", sorted(JUDGES))
@pytest.mark.parametrize("name", sorted(WRONG))
def test_wrong_corrections_fail_with_a_certified_Q(cid, name):
    run = run_claim(_q_claim(cid), correction_expr=WRONG[name])
    assert run.verdict is FAILS and run.correction_verdict is FAILS
    cex = run.correction_checks[0].result.evidence.counterexample
    assert cex["condition under test"] is not cex[TRUTH_KEY[cid]]
    M = sp.Matrix(sp.sympify(cex["Q"]))
    assert qc.condition_value(WRONG[name], M) is cex["condition under test"]


@pytest.mark.parametrize("cid", sorted(JUDGES))
@pytest.mark.parametrize("text", ["Eq(Q*Q.T, Identity(r))", "Eq(Q.T, Q**-1)", "Eq(Q.T, Q.inv())",
                                  "Eq(Q.T*Q - Identity(r), ZeroMatrix(r, r))",
                                  "Eq(Trace(Q.T*Q), r) & Eq(Determinant(Q)**2, 1)"])
def test_equivalent_statements_of_orthogonality_hold(cid, text):
    # the last: mean of the squared singular values 1 and their product 1 forces all of them to be 1
    claim = _q_claim(cid)
    statement = parse_formula(text, claim.symbol_map)
    assert JUDGES[cid](statement).verdict is HOLDS


def test_the_correction_parses_from_its_text():
    claim = _q_claim("thm1.form")
    assert parse_formula("Eq(Q.T*Q, Identity(r))", claim.symbol_map) == qc.ORTHOGONAL_CONDITION
    assert parse_formula(sp.sstr(qc.PRINTED_CONDITION), claim.symbol_map) == qc.PRINTED_CONDITION
    assert claim.correction.statement.startswith("Q.T*Q = I")


@pytest.mark.parametrize("statement, match", [
    (Q.T * Q, "relation or a logical formula"),
    (r, "relation or a logical formula"),
    (sp.Eq(Q[2, 2], 1), "cannot be evaluated at Q"),          # no entry (3, 3) at r = 2
    (sp.Eq(Q.T * Q, sp.Symbol("c") * I_r), "in Q \\(r x r\\) and r only"),
])
def test_a_statement_the_judge_cannot_read_is_a_formula_error(statement, match):
    with pytest.raises(FormulaError, match=match):
        qc.judge_thm1_q(statement)
    with pytest.raises(FormulaError):
        run_claim(_q_claim("thm3.form"), correction_expr=statement)


def test_a_condition_not_decided_at_some_Q_is_a_formula_error():
    # sqrt(det Q) > 0 compares i with 0 at a reflection (det Q = -1)
    statement = sp.sqrt(sp.Determinant(Q)) > 0
    assert qc.condition_value(statement, sp.eye(2)) is True
    with pytest.raises(FormulaError, match="not a comparison of real numbers"):
        qc.judge_thm1_q(statement)


def test_the_truth_is_computed_from_the_flow_not_from_the_condition():
    rot = qt.rotation(sp.Rational(1, 2))
    assert qt.form_solves_flow(rot).holds is True
    # a wrong mode ODE: the orthogonal form no longer solves (12)
    wrong = qt.form_solves_flow(rot, mode_ode=lambda w, s, l: 2 * w * (s - 2 * l * w))
    assert wrong.holds is False and wrong.evidence["d/dt W_1 - (12)"] != "[[0, 0], [0, 0]]"
    assert qt.family_truth("flow", "rotation(s)") and qt.family_truth("step", "rotation(s) * diag(1, -1)")


def test_a_failure_is_certified_by_an_independent_substitution():
    """The counterexample of the printed condition, recomputed with the chain-rule residual of
    symdln.checks.continuous and with a SymPy-matrix GD step: nonzero, exactly."""
    from symdln.checks.continuous import _form_residual
    from symdln.discrete import gd_step_two_layer

    cex = qc.judge_thm1_q(qc.PRINTED_CONDITION).evidence.counterexample
    M, U, V = (sp.Matrix(sp.sympify(cex[k])) for k in ("Q", "U", "V"))
    a, sig, lam = ([sp.Rational(cex[f"{n}{i}"]) for i in (1, 2)] for n in ("a", "sigma", "lambda"))
    R = _form_residual(U, V, M, sig, lam, a, mode_rhs)
    assert any(sp.nsimplify(e) != 0 for e in R)
    cex = qc.judge_thm3_q(qc.PRINTED_CONDITION).evidence.counterexample
    M, U, V = (sp.Matrix(sp.sympify(cex[k])) for k in ("Q", "U", "V"))
    A = sp.diag(*[sp.Rational(cex[f"a{i}"]) for i in (1, 2)])
    Sx = U * sp.diag(*[sp.Rational(cex[f"lambda{i}"]) for i in (1, 2)]) * U.T
    Sxy = U * sp.diag(*[sp.Rational(cex[f"sigma{i}"]) for i in (1, 2)]) * V.T
    N1, N2 = gd_step_two_layer(U * A * M, M.inv() * A * V.T, Sx, Sxy, sp.Rational(cex["eta"]))
    assert U.T * N1 * M.inv() != M * N2 * V
    assert sp.sstr((U.T * N1 * M.inv()).tolist()) == cex["U^T W_1^(1) Q^-1"]


def test_the_only_if_needs_every_d_p():
    """diag(1, 1, 2) is not orthogonal and fails at d = p = r = 3, yet with d = p = 2 < r = 3 it only
    scales a column no mode uses, and (15) solves (12): the 'iff' quantifies over every d, p."""
    U2, V2 = qt.cayley(2, sp.Rational(1, 2)), qt.cayley(2, sp.Rational(1, 3))
    _, mats = qt._flow_residual(sp.diag(1, 1, 2), 2, 2, U2, V2, mode_rhs)
    assert all(m.is_zero_matrix for _, m in mats)
    assert qt.form_solves_flow(sp.diag(1, 1, 2)).holds is False


# ------------------------------------------------------------------ deciding the condition at one Q
S_REAL = sp.Symbol("s", real=True)


def _where(M):
    return f"at Q = {sp.sstr(M.tolist())} (r = {M.rows})"


@pytest.mark.parametrize("statement, Q_true, Q_false", [
    (sp.true, sp.diag(2, 1), None),
    (sp.false, None, sp.eye(2)),
    (sp.Ne(Q.T * Q, I_r), sp.diag(2, 1), sp.eye(2)),                          # Ne of matrices
    (sp.Ne(sp.Determinant(Q) ** 2, 1), sp.diag(2, 1), sp.diag(1, -1)),        # Ne of scalars
    # a scalar 0 on either side of a matrix is the zero matrix
    (sp.Eq(Q.T * Q - I_r, 0, evaluate=False), sp.eye(2), sp.diag(2, 1)),
    (sp.Eq(0, Q.T * Q - I_r, evaluate=False), qt.rotation(sp.Rational(1, 2)), sp.diag(2, 1)),
    # an Identity inside a determinant: made explicit before the determinant is taken
    (sp.Eq(sp.Determinant(Q.T * Q - I_r), 0), sp.diag(2, 1), sp.diag(2, 3)),
    # matrix expressions doit() leaves symbolic (a slice, a Hadamard product) are made explicit
    (sp.Eq(Q[:, :1].T * Q[:, :1], sp.Identity(1)), qt.rotation(sp.Rational(1, 2)), sp.diag(2, 1)),
    (sp.Eq(sp.HadamardProduct(Q, Q), sp.HadamardProduct(Q.T, Q.T)), sp.diag(2, 1),
     sp.Matrix([[1, 2], [3, 4]])),
])
def test_condition_value_decides_exactly(statement, Q_true, Q_false):
    if Q_true is not None:
        assert qc.condition_value(statement, Q_true) is True
    if Q_false is not None:
        assert qc.condition_value(statement, Q_false) is False


def test_a_nonzero_scalar_compared_with_a_matrix_is_a_formula_error():
    # only the scalar 0 stands for a zero matrix
    for statement in (sp.Eq(Q, 1, evaluate=False), sp.Eq(1, Q, evaluate=False)):
        match = "compares a matrix with a scalar " + re.escape(_where(sp.eye(2)))
        with pytest.raises(FormulaError, match=match):
            qc.condition_value(statement, sp.eye(2))


def test_a_matrix_equation_is_decided_entrywise_on_a_symbolic_Q():
    """On the rotations in their Cayley parameter s: one entry certainly nonzero decides the equation
    (False); entries zero and entries not decided leave it undecided."""
    R = qt.rotation(S_REAL)
    assert qc.condition_value(sp.Eq(Q, 2 * I_r), R) is False           # diagonal (-1 - 3 s^2)/(1 + s^2)
    assert qc.condition_value(sp.Ne(Q, 2 * I_r), R) is True
    with pytest.raises(FormulaError, match=re.escape(f"Eq(Q, Q.T) is not decided {_where(R)}")):
        qc.condition_value(sp.Eq(Q, Q.T), R)  # diagonal zero, off-diagonal +-4s/(1 + s^2)


@pytest.mark.parametrize("statement", [sp.sqrt(sp.Determinant(Q)) > 0,
                                       sp.Or(sp.sqrt(sp.Determinant(Q)) > 0, sp.Eq(Q.T * Q, I_r))])
def test_a_formula_error_names_the_Q(statement):
    M = sp.diag(1, -1)
    match = re.escape(f"sqrt(Determinant(Q)) > 0 is not a comparison of real numbers {_where(M)}")
    with pytest.raises(FormulaError, match=match):
        qc.condition_value(statement, M)


def test_a_formula_error_names_the_statement():
    with pytest.raises(FormulaError, match=r"and r only, not c$"):
        qc.condition_value(sp.Eq(Q.T * Q, sp.Symbol("c") * I_r), sp.eye(2))
    with pytest.raises(FormulaError, match=r"logical formula in Q and r, not Q\.T\*Q$"):
        qc.condition_value(Q.T * Q, sp.eye(2))
    match = re.escape(f"Eq(Q[2, 2], 1) cannot be evaluated {_where(sp.eye(2))}: IndexError: ")
    with pytest.raises(FormulaError, match=match):
        qc.condition_value(sp.Eq(Q[2, 2], 1), sp.eye(2))


# ------------------------------------------------------------------ the judge's evidence
def _orthogonal(case):
    return case.Q.T * case.Q == sp.eye(case.Q.rows)


@pytest.mark.parametrize("kind", ["flow", "step"])
def test_holds_evidence_counts_every_instance(kind):
    judge = qc.judge_thm1_q if kind == "flow" else qc.judge_thm3_q
    ev = judge(qc.ORTHOGONAL_CONDITION).evidence
    what, method, proof = qc._WHAT[kind]
    assert ev.precision == "exact" and ev.residual == "0" and ev.scope == "general" and ev.proof == proof
    assert what in ev.method and method in ev.method and ev.method.startswith("both ways")
    n_orth = sum(map(_orthogonal, qc.Q_CASES))
    n_family = len(qt.FAMILIES) * len(qc.FAMILY_S)
    p = ev.parameters
    assert p["instances, condition true"] == n_orth + n_family
    assert p["instances, condition false"] == len(qc.Q_CASES) - n_orth
    assert p["instances within 1/50 of an orthogonal Q"] == sum(c.near for c in qc.Q_CASES)
    assert p["r"] == sorted({c.Q.rows for c in qc.Q_CASES})
    names = ev.details["condition true"] + ev.details["condition false"]
    assert all(isinstance(n, str) for n in names) and len(set(names)) == len(qc.Q_CASES) + n_family
    assert {c.name for c in qc.Q_CASES if not _orthogonal(c)} == set(ev.details["condition false"])
    for family in qt.FAMILIES:
        assert sum(n.startswith(f"{family}, s = ") for n in ev.details["condition true"]) == len(qc.FAMILY_S)
    assert f"on the families {', '.join(qt.FAMILIES)} (r = 2" in ev.notes
    assert "a singular Q is outside the domain" in ev.notes and "; general: the truth" in ev.notes
    assert "why not general" not in ev.notes and ev.method.endswith("equivalent to Q^T Q = I")


def test_families_not_decided_in_s_are_reported_and_not_claimed():
    """Q[0, 0] + Q[0, 1] <= 2 is true at every orthogonal Q (|q_00| + |q_01| <= sqrt 2), so the
    conjunction is orthogonality; SymPy does not decide the inequality on the symbolic families."""
    statement = sp.And(qc.ORTHOGONAL_CONDITION, Q[0, 0] + Q[0, 1] <= 2)
    res = qc.judge_thm1_q(statement)
    ev = res.evidence
    assert res.verdict is HOLDS
    ident = ev.parameters["families (r = 2), the condition"]
    assert set(ident) == set(qt.FAMILIES)
    assert all(v.startswith("not decided identically in s (") and "is not decided" in v
               and "s**2 + 1" in v for v in ident.values())  # the family in its parameter s
    assert "on the families" not in ev.notes and "a singular Q is outside the domain" in ev.notes


def test_the_families_are_read_with_a_real_parameter():
    # Q^* Q = I (the adjoint) is orthogonality for real Q; identically in s only when s is real
    ev = qc.judge_thm1_q(sp.Eq(Q.adjoint() * Q, I_r)).evidence
    assert set(ev.parameters["families (r = 2), the condition"].values()) == {"holds identically in s"}


def test_families_report_a_condition_failing_identically():
    cases, ident = qc._families(WRONG["rotations only"], "flow")
    assert ident == {"rotation(s)": "holds identically in s",
                     "rotation(s) * diag(1, -1)": "fails identically in s"}
    assert len(cases) == len(qt.FAMILIES) * len(qc.FAMILY_S)
    assert [c.Q for c in cases[:len(qc.FAMILY_S)]] == [qt.rotation(v) for v in qc.FAMILY_S]


#: the key of each truth's own evidence in a counterexample
TRUTH_EVIDENCE = {"thm1.form": "d/dt W_1 - (12)", "thm3.form": "U^T W_1^(1) Q^-1"}


@pytest.mark.parametrize("cid", sorted(JUDGES))
@pytest.mark.parametrize("statement, cond", [(qc.PRINTED_CONDITION, True), (WRONG["Q = I"], False),
                                             (sp.true, True), (sp.false, False)])
def test_fails_evidence(cid, statement, cond):
    kind = "flow" if cid == "thm1.form" else "step"
    res = JUDGES[cid](statement)
    assert res.verdict is FAILS
    ev, cex = res.evidence, res.evidence.counterexample
    assert ev.precision == "exact" and ev.proof == qc._WHAT[kind][2]
    assert ev.method == f"{qc._WHAT[kind][1]}; the condition evaluated exactly at Q"
    assert cex["condition under test"] is cond and cex[TRUTH_KEY[cid]] is (not cond)
    assert cex["finding"] == ("the condition holds but the form is not kept" if cond
                              else "the condition fails but the form is kept")
    M = sp.Matrix(sp.sympify(cex["Q"]))
    assert cex["r"] == M.rows and cex["Q^T Q"] == sp.sstr((M.T * M).tolist())
    assert [c.Q for c in qc.Q_CASES if c.name == cex["which Q"]] == [M]
    if cond:  # the failure of the judge's own truth, with its residual
        assert TRUTH_EVIDENCE[cid] in cex and all(k not in cex for c, k in TRUTH_EVIDENCE.items() if c != cid)
    assert ev.notes == ("the condition does not depend on Q" if statement in (sp.true, sp.false) else None)


def test_the_proofs_of_the_two_judges_differ():
    assert qc.judge_thm1_q(qc.PRINTED_CONDITION).evidence.proof != qc.judge_thm3_q(
        qc.PRINTED_CONDITION).evidence.proof


@pytest.mark.parametrize("keep", [_orthogonal, lambda c: not _orthogonal(c)])
def test_either_side_without_instances_is_inconclusive(monkeypatch, keep):
    monkeypatch.setattr(qc, "Q_CASES", tuple(filter(keep, qc.Q_CASES)))
    if keep is not _orthogonal:
        monkeypatch.setattr(qc, "FAMILIES", {})  # the families are orthogonal
    res = qc.judge_thm1_q(qc.ORTHOGONAL_CONDITION)
    assert res.verdict is Verdict.INCONCLUSIVE
    counts = [res.evidence.parameters[f"instances, condition {s}"] for s in ("true", "false")]
    assert counts.count(0) == 1
    assert res.evidence.method == qc._WHAT["flow"][1]
    assert "one side of the 'iff' had no instance" in res.evidence.notes


# ------------------------------------------------------------------ the symbols of (15)
def test_symbols_printed_fails_and_the_correction_holds():
    run = run_claim(_symbols_claim())
    assert run.verdict is HAC and run.correction_verdict is HOLDS
    cex = run.formula_checks[0].result.evidence.counterexample
    assert cex["which"] == "initial value W_2(0)" and cex["W_2 - claimed part"] == "-1"
    assert run.correction_checks[0].result.evidence.scope == "instances"


def test_symbols_correction_parses_from_its_text():
    claim = _symbols_claim()
    parsed = parse_formula(sp.sstr(S.CORRECTED_SYMBOLS), claim.symbol_map)
    assert S.judge_thm1_symbols(parsed).verdict is HOLDS  # Q**(-1) parsed as an Inverse: the same layers
    assert claim.correction.statement.startswith("W1_0 = U*DiagSqrtW(d, r, Min(d, p, r))*Q")


D, V, U = S.DiagSqrtW, S.V, S.U
d, p = S.d, S.p


def _with(part=None, w1=None, w2=None):
    """The corrected statement with one definition replaced."""
    k = sp.Min(d, r, p)
    return sp.And(sp.Eq(S.W_1, S.W1_0), sp.Eq(S.W_2, part if part is not None else S.W2_0, evaluate=False),
                  sp.Eq(S.W1_0, w1 if w1 is not None else U * D(d, r, k) * Q),
                  sp.Eq(S.W2_0, w2 if w2 is not None else sp.MatMul(sp.MatPow(Q, -1), D(r, p, k), V.T)))


WRONG_SYMBOLS = {
    "printed part": _with(part=S.W1_0),
    "sign": _with(part=-S.W2_0),
    "scale": _with(part=2 * S.W2_0),
    "printed ranges": _with(w1=U * D(p, p) * Q, w2=Q.inv() * D(d, d) * V.T),
    "swapped ranges": _with(w1=U * D(d, d) * Q, w2=Q.inv() * D(p, p) * V.T),
    "V instead of V^T": _with(w2=Q.inv() * D(r, p) * V),
    "U^T instead of U": _with(w1=U.T * D(d, r) * Q),
    "Q instead of Q^-1": _with(w2=Q * D(r, p) * V.T),
    "square diagonal in W2_0": _with(part=S.W2_0 + S.W2_eps, w2=Q.inv() * D(r, r) * V.T),
}


@pytest.mark.parametrize("name", sorted(WRONG_SYMBOLS))
def test_symbols_wrong_corrections_fail(name):
    run = run_claim(_symbols_claim(), correction_expr=WRONG_SYMBOLS[name])
    assert run.verdict is FAILS and run.correction_verdict is FAILS
    cex = run.correction_checks[0].result.evidence.counterexample
    assert cex["case"] in [c.name for c in S.SYMBOL_CASES]


def test_printed_ranges_are_a_shape_error_off_the_square_case():
    cex = S.judge_thm1_symbols(WRONG_SYMBOLS["printed ranges"]).evidence.counterexample
    assert cex["formula under test"].startswith("ShapeError") and cex["d, r, p"] != [1, 1, 1]


def test_symbols_true_variants_hold():
    # Q orthogonal on every case: Q^T for Q^-1 is the same layer; the perturbations are 0 at eps = 0
    assert S.judge_thm1_symbols(_with(w2=Q.T * D(r, p, sp.Min(d, r, p)) * V.T)).verdict is HOLDS
    assert S.judge_thm1_symbols(_with(part=S.W2_0 + S.W2_eps)).verdict is HOLDS


@pytest.mark.parametrize("statement, match", [
    (sp.false, "False as SymPy reads it"),
    (sp.And(sp.Eq(S.W_1, S.W1_0), sp.Eq(S.W1_0, U * D(d, r) * Q)), "does not define W_2"),
    (sp.And(_with(), r > 1), "equations defining"),
    (sp.And(sp.Eq(S.W_1, S.W1_0), sp.Eq(S.W_2, S.W2_0), sp.Eq(S.W1_0, 2 * S.W_1), sp.Eq(S.W2_0, 2 * S.W_2)),
     "refer to each other"),
    (_with(w1=sp.MatrixSymbol("X", d, r)), "unknown symbol 'X'"),
    (sp.And(_with(), sp.Eq(S.W_1, U * D(d, r) * Q)), "defined twice"),
])
def test_symbols_statement_the_judge_cannot_read_is_a_formula_error(statement, match):
    with pytest.raises(FormulaError, match=match):
        S.judge_thm1_symbols(statement)


def test_proposed_formulas_have_mutants_and_none_is_judged_to_hold():
    """What tests/test_mutants.py asserts once the claims are registered."""
    from symdln.mutate import mutants, provably_equivalent

    for judge, formulas in ((qc.judge_thm1_q, (qc.PRINTED_CONDITION, qc.ORTHOGONAL_CONDITION)),
                            (qc.judge_thm3_q, (qc.PRINTED_CONDITION, qc.ORTHOGONAL_CONDITION)),
                            (S.judge_thm1_symbols, (S.CORRECTED_SYMBOLS,))):
        for f in formulas:
            ms = [m for _, m in mutants(f) if not provably_equivalent(m, f)]
            assert ms, sp.sstr(f)
            for m in ms:
                try:
                    v = judge(m).verdict
                except FormulaError:
                    continue
                assert v is not HOLDS, sp.sstr(m)


@pytest.mark.parametrize("cid", sorted(JUDGES))
def test_registered_conditions_are_proved_for_every_r(cid):
    from symdln.claims import by_id

    run = run_claim(by_id(cid))
    ev = run.correction_checks[0].result.evidence
    assert run.correction_verdict is HOLDS and ev.scope == "general"
    assert "why not general" not in ev.notes and "(iii) only if: at d = p = r" in ev.notes
