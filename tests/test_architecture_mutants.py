"""Tests that kill the mutants of ``symdln/checks/architecture.py`` (docs/mutation.md).

Each test states what the judges of Sec. 2 and (4) must do: their verdicts on statements
that differ from the right ones in one place (a single width, a width beyond the sizes, a
rank no matrix has), the content of their counterexamples and evidence, and the
``FormulaError`` a malformed statement raises (whose message starts with the statement).
The regression tests of the defect found by the mutants (an "iff" wrong only at a width
beyond the fixed range of widths tried was judged to hold) are marked as such.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import sympy as sp

from symdln.assumption import d, p
from symdln.checks import architecture
from symdln.checks.architecture import cols, r, rank_W, rows
from symdln.claims import by_id
from symdln.correction import FormulaError
from symdln.runner import run_claim
from symdln.verdict import Verdict

FAILS, HOLDS = Verdict.FAILS, Verdict.HOLDS
#: the repository (the first folder up with proofs/; mutmut runs the tests from a copy without it)
ROOT = next(q for q in Path(__file__).resolve().parents if (q / "proofs" / "sec2.py").is_file())
f = sp.Function("f")  # an uninterpreted function: a condition SymPy cannot decide


def _shape(a, b):
    return sp.And(sp.Eq(rows, a), sp.Eq(cols, b))


def _iff(cond):
    return sp.Equivalent(cond, _shape(d, p))


def _overparam(statement):
    return architecture.judge_overparametrisation(statement)


def _raises_naming(judge, statement, *fragments):
    """``judge(statement)`` raises FormulaError whose message starts with the statement and
    contains every fragment."""
    with pytest.raises(FormulaError) as info:
        judge(statement)
    message = str(info.value)
    assert message.startswith(sp.sstr(statement) + ": "), message
    for fragment in fragments:
        assert fragment in message, (fragment, message)
    return message


# --- Sec. 2: the evidence of the two verdicts ------------------------------------------------

def test_overparam_holds_evidence_iff_and_sufficient():
    iff = _overparam(_iff(r >= sp.Min(d, p)))
    implies = _overparam(sp.Implies(r > sp.Min(d, p), _shape(d, p)))
    for res in (iff, implies):
        ev = res.evidence
        assert res.verdict is HOLDS
        assert ev.method.startswith("exact") and ev.precision == "exact" and ev.residual == "0"
        assert ev.parameters == {"sizes (d, p)": architecture.SIZES}
        assert ev.scope == "general" and "general: for every d, p, depth L" in ev.notes
        assert ev.proof == "proofs/sec2.py" and (ROOT / ev.proof).is_file()
        assert "r = min(d, p) already covers every matrix" in ev.notes
    # the notes say which direction was established
    assert "necessary and sufficient" in iff.evidence.notes
    assert "necessary" not in implies.evidence.notes and "sharp" in implies.evidence.notes


def test_overparam_wrong_shape_counterexample_and_evidence():
    res = run_claim(by_id("sec2.overparam")).formula_checks[0].result  # the printed R^{p x d}
    assert res.verdict is FAILS
    ev = res.evidence
    assert ev.counterexample == {"d": 1, "p": 2, "shape of W_1 ... W_L": (1, 2), "stated shape": "(2, 1)"}
    assert ev.method.startswith("exact") and ev.precision == "exact"
    assert "garbled" in ev.notes


def test_overparam_non_integer_shape_is_not_read_as_its_integer_part():
    # rows = d + (d - 1)/4 is 9/4 at d = 2; read as its integer part it would be d at every size
    res = _overparam(sp.Implies(r >= sp.Min(d, p), _shape(d + (d - 1) / 4, p)))
    assert res.verdict is FAILS
    assert res.evidence.counterexample == {"d": 2, "p": 1, "shape of W_1 ... W_L": (2, 1),
                                           "stated shape": "(9/4, 1)"}


def test_overparam_shape_equations_either_way_round():
    assert _overparam(sp.Implies(r >= sp.Min(d, p), sp.And(sp.Eq(d, rows), sp.Eq(p, cols)))).verdict is HOLDS


# --- Sec. 2: the condition judged at every width (regressions of the defect) ----------------

@pytest.mark.parametrize("cond, widths", [
    (sp.And(r >= sp.Min(d, p), sp.Ne(r, 7)), (7,)),  # wrong at the threshold itself
    (sp.And(r >= sp.Min(d, p), r <= 10), (11,)),  # wrong just above it
    (sp.And(r >= sp.Min(d, p), sp.Or(r <= 10, r >= 12)), (11,)),  # wrong between two thresholds
    (sp.And(r >= sp.Min(d, p), r <= 10**9), (10**9 + 1,)),  # far beyond any width built
    (sp.Xor(sp.Eq(r, 7), r**2 >= r * sp.Min(d, p)), (7,)),  # both relations' points used
    (sp.Or(sp.And(r >= sp.Min(d, p), sp.Ne(r, 7)), sp.Eq(r, 100)), (7,)),
    (sp.And(r >= sp.Min(d, p), sp.Contains(r, sp.Interval(1, 10))), (11,)),  # not a relation
    (sp.And(r >= sp.Min(d, p), sp.Contains(r, sp.Range(1, 10))), (10,)),
    (sp.And(r >= sp.Min(d, p), sp.Not(sp.Contains(r, sp.FiniteSet(4)))), (4,)),
])
def test_overparam_iff_wrong_at_a_single_large_width_fails(cond, widths):
    # regression: these were judged to hold (only the widths 1 .. min(d, p) + 4 were tried)
    res = _overparam(_iff(cond))
    assert res.verdict is FAILS
    assert res.evidence.counterexample == {"d": 1, "p": 1, "widths": widths, "stated condition": False,
                                           "covers every d x p matrix": True}


def test_overparam_wrong_correction_bounded_above_is_not_accepted():
    # regression, through the runner: the correction with an upper bound on r was HOLDS
    run = run_claim(by_id("sec2.overparam"), correction_expr=_iff(sp.And(r >= sp.Min(d, p), r <= 10)))
    assert run.verdict is FAILS and run.correction_verdict is FAILS
    assert run.correction_checks[0].result.evidence.counterexample["widths"] == (11,)


@pytest.mark.parametrize("statement", [
    _iff(2**r >= 2**sp.Min(d, p)),  # not rational in r: the boundary of its solution set
    _iff(sp.And(r >= sp.Min(d, p), sp.exp(r) + sp.exp(-r) >= 1)),  # true for every real r
    sp.Implies(r >= sp.sqrt(d * p), _shape(d, p)),  # irrational thresholds
    sp.Implies(sp.And(r >= sp.Rational(13, 2), r >= sp.Min(d, p)), _shape(d, p)),
])
def test_overparam_right_conditions_in_other_forms_hold(statement):
    assert _overparam(statement).verdict is HOLDS


def test_overparam_condition_sympy_cannot_solve_is_a_formula_error():
    statement = _iff(sp.Min(r, d) >= sp.Min(d, p))
    _raises_naming(_overparam, statement, "SymPy cannot tell where Min(2, r) >= 2 holds in r at d = 2, p = 2")
    for cond in (sp.Q.prime(r), sp.Contains(r, sp.Range(0, sp.oo, 2))):  # no set / infinitely many points
        _raises_naming(_overparam, _iff(sp.And(r >= sp.Min(d, p), cond)),
                       f"SymPy cannot tell where {sp.sstr(cond)} holds in r at d = 1, p = 1")


def test_overparam_widths_tried_on_both_sides_of_every_threshold(monkeypatch):
    seen: dict[tuple[int, int], set[int]] = {}
    original = architecture._truth_value

    def spy(e, values, statement):
        seen.setdefault((values[d], values[p]), set()).add(values[r])
        return original(e, values, statement)

    monkeypatch.setattr(architecture, "_truth_value", spy)
    statement = sp.Implies(sp.And(r >= sp.Rational(13, 2), r >= sp.Min(d, p)), _shape(d, p))
    assert _overparam(statement).verdict is HOLDS
    assert set(seen) == set(architecture.SIZES)
    for (dd, pp), ws in seen.items():
        m = min(dd, pp)
        assert {5, 6, 7} <= ws  # both sides of 13/2
        assert {max(m - 1, 1), m, m + 1} <= ws  # both sides of min(d, p)
        assert min(ws) >= 1


def test_overparam_deep_products_with_the_narrow_layer_first_and_last(monkeypatch):
    seen: dict[tuple[int, int], set[tuple[int, ...]]] = {}
    original = architecture._covers_all

    def spy(dd, pp, widths):
        seen.setdefault((dd, pp), set()).add(widths)
        return original(dd, pp, widths)

    monkeypatch.setattr(architecture, "_covers_all", spy)
    assert _overparam(_iff(r >= sp.Min(d, p))).verdict is HOLDS
    for (dd, pp), ws in seen.items():
        m = min(dd, pp)
        pairs = [w for w in ws if len(w) == 2]
        assert any(a == m < b for a, b in pairs), (dd, pp, ws)  # r = min(d, p) in the first layer
        assert any(b == m < a for a, b in pairs), (dd, pp, ws)  # ... in the last layer
        if m >= 2:  # a rank drop below min(d, p) in the last layer of a wider product
            assert any(b < m < a for a, b in pairs), (dd, pp, ws)


# --- Sec. 2: malformed statements --------------------------------------------------------------

@pytest.mark.parametrize("label", [
    sp.Or(sp.Eq(rows, d), sp.Eq(cols, p)),  # not a conjunction
    sp.And(rows >= d, sp.Eq(cols, p)),  # not an equation
    sp.And(sp.Ne(rows, d), sp.Eq(cols, p)),
    sp.And(sp.Eq(rows, d), sp.Eq(cols, p), sp.Eq(d, p)),  # a third conjunct
])
def test_overparam_malformed_shape_is_a_formula_error(label):
    _raises_naming(_overparam, sp.Implies(r >= sp.Min(d, p), label), "And(Eq(rows, a), Eq(cols, b))")


def test_overparam_malformed_statements_name_themselves():
    _raises_naming(_overparam, r >= sp.Min(d, p), "Implies(H, shape)")
    # a conjunction without the set is not read as the set
    _raises_naming(_overparam, sp.And(r >= sp.Min(d, p), d > 1), "Implies(H, shape)")
    _raises_naming(_overparam, sp.Implies(r >= sp.Min(d, p), sp.And(sp.Eq(rows, cols), sp.Eq(cols, p))),
                   "the condition and the shape are in r, d, p")
    _raises_naming(_overparam, sp.Implies(r >= sp.Symbol("n"), _shape(d, p)),
                   "unknown symbol 'n' (the symbols are cols, d, p, r, rows)")
    _raises_naming(_overparam, _iff(sp.Eq(sp.Mod(r, 2), 0)), "SymPy cannot tell where")
    cond = sp.And(r >= sp.Min(d, p), f(d) > 0)  # decided nowhere: f is unknown
    _raises_naming(_overparam, _iff(cond), f": {sp.sstr(cond)} is not decided at integer r, d, p")


# --- (4): the counterexample --------------------------------------------------------------------

def _rank(statement):
    return architecture.judge_rank_constraint(statement)


def test_rank_printed_counterexample_and_evidence():
    res = run_claim(by_id("eq4.rank_constraint")).formula_checks[0].result  # rank_W < r
    assert res.verdict is FAILS
    ev = res.evidence
    # rank 1 = r is a product (L = 2, width r = 1) that (4) excludes: only W = 0 is feasible
    assert ev.counterexample == {
        "d": 2, "p": 2, "r": 1, "L": 2, "W": "[[1, 0], [0, 0]]", "rank W": 1, "a product": True,
        "feasible in (4)": False, "X": "I", "Y": "[[1, 0], [0, 0]]", "n": 2,
        "min of (2)": "0", "min of (4)": "1/4"}
    assert ev.method.startswith("exact") and ev.precision == "exact"
    assert "(4)" in ev.notes and "products" in ev.notes


def test_rank_counterexample_on_a_non_square_size():
    # right on d <= 2, the printed strict bound for d = 3: the minima at n = d = 3, W 3 x 2
    res = _rank(sp.Or(sp.And(d <= 2, rank_W <= r), rank_W < r))
    assert res.verdict is FAILS
    assert res.evidence.counterexample == {
        "d": 3, "p": 2, "r": 1, "L": 2, "W": "[[1, 0], [0, 0], [0, 0]]", "rank W": 1, "a product": True,
        "feasible in (4)": False, "X": "I", "Y": "[[1, 0], [0, 0], [0, 0]]", "n": 3,
        "min of (2)": "0", "min of (4)": "1/6"}


def test_rank_too_permissive_constraint_counterexample():
    res = _rank(rank_W <= r + 1)
    assert res.verdict is FAILS
    # feasible in (4) but not a product; (4) admits more than W = 0, so no minima are given
    assert res.evidence.counterexample == {
        "d": 2, "p": 2, "r": 1, "L": 2, "W": "[[1, 0], [0, 1]]", "rank W": 2, "a product": False,
        "feasible in (4)": True}


def test_rank_minima_only_when_only_zero_is_feasible():
    res = _rank(sp.Or(sp.Eq(rank_W, 0), sp.Eq(rank_W, sp.Min(d, p))))  # feasible: 0 and full rank
    assert res.verdict is FAILS
    assert res.evidence.counterexample == {
        "d": 2, "p": 2, "r": 1, "L": 2, "W": "[[1, 0], [0, 0]]", "rank W": 1, "a product": True,
        "feasible in (4)": False}


def test_rank_ranks_no_matrix_has_are_not_judged():
    # rank_W > min(d, p) is no rank of a d x p matrix: these are the right and the printed constraint
    assert _rank(sp.Or(rank_W <= r, rank_W > sp.Min(d, p))).verdict is HOLDS
    res = _rank(sp.Or(rank_W < r, rank_W > sp.Min(d, p)))
    assert res.verdict is FAILS
    ce = res.evidence.counterexample
    assert (ce["rank W"], ce["min of (2)"], ce["min of (4)"]) == (1, "0", "1/4")


def test_rank_holds_evidence():
    res = _rank(rank_W <= r)
    ev = res.evidence
    assert res.verdict is HOLDS
    assert ev.method.startswith("exact") and ev.precision == "exact" and ev.residual == "0"
    assert ev.parameters == {"sizes (d, p)": architecture.RANK_SIZES}
    assert ev.scope == "general" and "rank_W <= r over all integers" in ev.notes
    assert ev.proof == "proofs/sec2.py" and (ROOT / ev.proof).is_file()
    assert "argmin" in ev.notes


# --- (4): malformed statements ------------------------------------------------------------------

def test_rank_malformed_statements_name_themselves():
    _raises_naming(_rank, rank_W + r, "(4) takes a condition on rank_W, a relation")
    _raises_naming(_rank, rank_W, "(4) takes a condition on rank_W, a relation")
    _raises_naming(_rank, rank_W <= sp.Symbol("n"), "unknown symbol 'n' (the symbols are d, p, r, rank_W)")
    _raises_naming(_rank, f(rank_W) > 0, ": f(rank_W) > 0 is not decided at integer rank_W, r, d, p")
    # undecided only at a rank the counterexample looks at (feasible ranks at r = 1)
    message = _raises_naming(_rank, sp.Or(rank_W < r, sp.And(rank_W > r, f(rank_W) > 0)), "is not decided")
    assert not re.match(r"None\b", message)
