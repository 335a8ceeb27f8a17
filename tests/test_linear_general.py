"""Prop. 1 / (9), (10) and the limit of (21) proved for every d, p in the algebra of Sigma_x, Sigma_x^+ and
e^{g Sigma_x} (symdln.checks.linear_model, symdln.checks.eq21): the rules the normal form uses, checked on
the exact data cases; the registered formulas proved in general; wrong formulas still FAIL; formulas outside
the algebra fall back to the data cases with the reason."""

from __future__ import annotations

import functools

import pytest
import sympy as sp
from hypothesis import example, given, settings
from hypothesis import strategies as st

from symdln.checks import eq21, linear_model
from symdln.checks._cases import standard_cases
from symdln.checks.linear_model import ExpFactor, element, normal_word
from symdln.correction import FormulaError
from symdln.linear import W_0, I_d, Sigma_x, Sigma_x_pinv, Sigma_xy, W_t
from symdln.notation import t
from symdln.verdict import Verdict

S, P, Sxy = Sigma_x, Sigma_x_pinv, Sigma_xy
PSXY = P * Sxy
SOLUTION_9 = sp.exp(-t * S) * (W_0 - PSXY) + PSXY
LIMIT_10 = (I_d - sp.exp(-t * S)) * PSXY
LIMIT_21 = (I_d - S * P) * W_0 + PSXY
CASES = standard_cases()


# --- the rules (A)-(E) on the exact data cases -------------------------------------------------------

@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_rules_hold_on_the_data_cases(case):
    """(A) e^{-t S} commutes with S and S^+, e^{0} = I; (B) Penrose; (C) S S^+ Sigma_xy = Sigma_xy for
    symbolic Y; (D) d/dt e^{-t S} = -S e^{-t S}; (E) e^{-t S} -> I - S S^+ (SymPy's symbolic limit of
    sums of e^{-lambda t})."""
    Sx, Pi, I = case.Sx, case.pinv, sp.eye(case.d)
    E = (-t * Sx).exp()
    zero = sp.zeros(case.d, case.d)
    assert (E * Sx - Sx * E).applyfunc(sp.simplify) == zero
    assert (E * Pi - Pi * E).applyfunc(sp.simplify) == zero
    assert E.subs(t, 0) == I
    assert Sx * Pi * Sx == Sx and Pi * Sx * Pi == Pi and Pi * Sx == Sx * Pi
    Y = sp.Matrix(case.n, case.p, lambda i, j: sp.Symbol(f"y{i}{j}"))
    Sxy_ = case.X.T * Y / case.n
    assert (Sx * Pi * Sxy_ - Sxy_).applyfunc(sp.expand).is_zero_matrix
    assert (E.diff(t) + Sx * E).applyfunc(sp.simplify) == zero
    assert E.applyfunc(lambda e: sp.limit(e, t, sp.oo)) == I - Sx * Pi


def test_exponentials_multiply():
    a, b = sp.symbols("a b", real=True)
    Sx = CASES[1].Sx  # singular
    assert ((a * Sx).exp() * (b * Sx).exp() - ((a + b) * Sx).exp()).applyfunc(sp.simplify).is_zero_matrix


_LETTERS = ("S", "P", "E1", "E2", "I")


@functools.cache
def _exp(index, g):
    """e^{g Sigma_x} at a data case, exactly (its eigenvalues are rational)."""
    return (g * CASES[index].Sx).exp()


def _value(letter, index):
    case = CASES[index]
    return {"S": case.Sx, "P": case.pinv, "E1": _exp(index, -t), "E2": _exp(index, 2 * t),
            "I": sp.eye(case.d), "W0": case.W0, "Sxy": case.Sxy}[letter]


def _symbol(letter):
    return {"S": S, "P": P, "E1": ExpFactor(-t), "E2": ExpFactor(2 * t), "I": None, "W0": W_0,
            "Sxy": Sxy}[letter]


def _word_value(letters, index):
    return sp.Mul(*[_value(x, index) for x in letters]) if letters else sp.eye(CASES[index].d)


@settings(max_examples=25, deadline=None)
@given(st.lists(st.sampled_from(_LETTERS), max_size=5), st.sampled_from(("W0", "Sxy")),
       st.sampled_from((1, 2)))
@example(["S", "P"], "Sxy", 1)  # S S^+ Sigma_xy = Sigma_xy
@example(["S", "P"], "W0", 1)  # S S^+ W_0 != W_0 for a singular Sigma_x
@example(["E1", "E1", "S", "P", "P"], "W0", 2)
@example(["P", "S", "S", "P", "P"], "W0", 1)  # S^2 (S^+)^3 = (S^+)
@example(["E1", "S", "E2", "P"], "Sxy", 2)
def test_normal_form_is_the_same_matrix(letters, last, index):
    """A word and its normal form are the same matrix at the rank-deficient d = p = 2 case and at the
    d = 3 > p = 2 case (runs of S, S^+, e^{g S} before W_0 or Sigma_xy)."""
    case = CASES[index]
    word = [f for f in (_symbol(x) for x in letters) if f is not None] + [_symbol(last)]
    normal = normal_word(word)
    value = {S: case.Sx, P: case.pinv, W_0: case.W0, Sxy: case.Sxy}

    def of(f):
        return _exp(index, f.g) if isinstance(f, ExpFactor) else value[f]

    lhs = _word_value(letters, index) * _value(last, index)
    rhs = sp.Mul(*[of(f) for f in normal])
    # entries are sums of rational multiples of e^{k t}: expand brings them to a canonical form
    assert (lhs - rhs).applyfunc(sp.expand).is_zero_matrix, (letters, last, normal)


def test_element_reads_scalars_exponents_and_powers():
    e = element(sp.exp(t + 2 * t * S) * S**2 * P * (I_d - S * P) * W_0 + 3 * (S * P) ** 2 * Sxy)
    assert e == {(Sxy,): 3}  # S (I - S S^+) = 0; (S S^+)^2 Sigma_xy = Sigma_xy
    assert element(sp.exp(t) * sp.exp(-t * S) * S * W_0) == {(S, ExpFactor(-t), W_0): sp.exp(t)}
    for bad, why in ((S**-1 * W_0, "positive integer"), (sp.exp(W_0 * S) * W_0, "not a scalar times"),
                     (sp.exp(S * P) * W_0, "not a scalar times")):
        with pytest.raises(linear_model.OutsideAlgebra, match=why):
            element(bad)


def test_not_entire():
    assert linear_model.not_entire(sp.exp(-t) * sp.cosh(t**2) - 3) is None
    for bad in (sp.Abs(t - 1), sp.floor(t), sp.sqrt(t), 1 / (1 + t), sp.Heaviside(t - 1)):
        assert linear_model.not_entire(bad + t) == bad


# --- Prop. 1 / (9) -------------------------------------------------------------------------------------

def test_prop1_registered_formula_is_general():
    r = linear_model.judge_prop1(sp.Eq(W_t, SOLUTION_9))
    ev = r.evidence
    assert r.verdict is Verdict.HOLDS and ev.scope == "general" and ev.residual == "0"
    assert ev.method.startswith("in the algebra of Sigma_x") and "cross-check" in ev.method
    assert "why not general" not in ev.notes


@pytest.mark.parametrize("rhs, why", [
    (sp.exp(t * S) * (W_0 - PSXY) + PSXY, "residual"),   # wrong sign of the exponent
    (sp.exp(-t * S) * W_0, "residual"),                   # the fixed point dropped
    (sp.exp(-t * S) * (W_0 - PSXY) + PSXY + t * (I_d - S * P) * W_0, "residual"),  # w0 + s t on null modes
    (sp.exp(-t * S) * W_0 + PSXY, "F(0) - W_0"),           # wrong initial value
    ((W_0 - PSXY) * sp.exp(-t * S) + PSXY, "well-formed"),  # ill-shaped for d != p
])
def test_prop1_wrong_formulas_are_not_proved_and_fail(rhs, why):
    assert why in linear_model.general_9(rhs)
    r = linear_model.judge_prop1(sp.Eq(W_t, rhs))
    assert r.verdict is Verdict.FAILS and r.evidence.counterexample


def test_prop1_exponential_of_a_data_matrix_fails_where_d_differs_from_p():
    # Sigma_x and Sigma_xy swapped: e^{-t Sigma_xy} needs a square Sigma_xy; with symbolic Y (d = p) SymPy's
    # matrix exponential is not computed, so the d != p cases are tried first, with their own data
    rhs = P * S + sp.exp(-t * Sxy) * (W_0 - P * S)
    assert "not d x d" in linear_model.general_9(rhs)
    r = linear_model.judge_prop1(sp.Eq(W_t, rhs))
    ce = r.evidence.counterexample
    assert r.verdict is Verdict.FAILS and "d = 3 > p = 2" in ce["case"] and ce["t"] == 1
    assert "square" in ce["formula under test"]


def test_prop1_formula_outside_the_algebra_holds_on_the_instances_only():
    # e^{-t S S S^+} = e^{-t S}: true, but the exponent is not read as a scalar times Sigma_x
    rhs = sp.exp(-t * S * S * P) * (W_0 - PSXY) + PSXY
    r = linear_model.judge_prop1(sp.Eq(W_t, rhs))
    ev = r.evidence
    assert r.verdict is Verdict.HOLDS and ev.scope == "instances"
    assert "why not general: the formula is not in the algebra" in ev.notes
    assert "not a scalar times Sigma_x" in ev.notes and not ev.method.startswith("in the algebra")


def test_prop1_jump_in_t_is_not_holds():
    """A jump at t = 1 on the null space (SymPy's derivative of the Piecewise is 0): neither path holds."""
    jump = sp.Piecewise((0, t < 1), (1, True))
    rhs = SOLUTION_9 + jump * (I_d - S * P) * W_0
    assert "not an entire function of t" in linear_model.general_9(rhs)
    r = linear_model.judge_prop1(sp.Eq(W_t, rhs))
    assert r.verdict is Verdict.INCONCLUSIVE and "not an entire function of t" in r.evidence.notes

    def as_function(Sx, Sxy_, W0, tt):
        Pi0 = sp.eye(Sx.rows) - Sx * Sx.pinv()
        return linear_model.solution_9(Sx, Sxy_, W0, tt) + jump.subs(t, tt) * Pi0 * W0

    assert linear_model.check_prop1(as_function).verdict is Verdict.INCONCLUSIVE


def test_prop1_python_function_stays_on_the_instances():
    r = linear_model.check_prop1()
    assert r.verdict is Verdict.HOLDS and r.evidence.scope == "instances"
    assert "why not general: the solution under test is a Python function" in r.evidence.notes


def test_prop1_statement_errors():
    with pytest.raises(FormulaError, match="Eq\\(W_t, F\\)"):
        linear_model.judge_prop1(SOLUTION_9)
    with pytest.raises(FormulaError, match="symbol 'W_inf'"):
        linear_model.judge_prop1(sp.Eq(W_t, SOLUTION_9 + eq21.W_inf))
    with pytest.raises(FormulaError, match="a number"):
        linear_model.judge_prop1(sp.Eq(W_t, t))


# --- (10) ------------------------------------------------------------------------------------------------

def test_limit_10_registered_formula_is_general():
    r = linear_model.judge_limit_10(sp.Eq(W_t, LIMIT_10))
    assert r.verdict is Verdict.HOLDS and r.evidence.scope == "general"
    assert r.evidence.method.startswith("in the algebra") and not r.evidence.notes


@pytest.mark.parametrize("rhs", [
    (I_d + sp.exp(-t * S)) * PSXY,
    (I_d - sp.exp(-t * S)) * P * P * S * Sxy * 2,
    PSXY,  # the t -> oo limit, not the W_0 -> 0 one
])
def test_limit_10_wrong_formulas_fail(rhs):
    assert "does not reduce to 0" in linear_model.general_10(rhs)
    assert linear_model.judge_limit_10(sp.Eq(W_t, rhs)).verdict is Verdict.FAILS


def test_limit_10_formula_outside_the_algebra_falls_back():
    rhs = (I_d - sp.exp(-t * S * S * P)) * PSXY
    r = linear_model.judge_limit_10(sp.Eq(W_t, rhs))
    assert r.verdict is Verdict.HOLDS and r.evidence.scope == "instances"
    assert r.evidence.notes.startswith("why not general: the formula is not in the algebra")


def test_limit_10_does_not_take_w0():
    with pytest.raises(FormulaError, match="symbol 'W_0'"):
        linear_model.judge_limit_10(sp.Eq(W_t, LIMIT_10 + 0 * t * W_0 + W_0))


# --- the limit of (21) -----------------------------------------------------------------------------------

def test_limit_21_registered_formula_is_general():
    r = eq21.judge_eq21_limit(sp.Eq(eq21.W_inf, LIMIT_21))
    ev = r.evidence
    assert r.verdict is Verdict.HOLDS and ev.scope == "general"
    assert "z3" in ev.method and "e^{-t Sigma_x} -> I_d - Sigma_x Sigma_x^+" in ev.method
    assert "why not general" not in ev.notes


@pytest.mark.parametrize("rhs, why", [
    (PSXY, "(I_d - Sigma_x Sigma_x^+)(W_0 - F)"),            # the null-space part of W_0 dropped
    (LIMIT_21 + S * W_0, "Sigma_xy - Sigma_x F"),            # not a fixed point
    (W_0 + PSXY, "Sigma_xy - Sigma_x F"),
])
def test_limit_21_wrong_formulas_fail(rhs, why):
    assert why in eq21.general_limit_21(rhs)
    r = eq21.judge_eq21_limit(sp.Eq(eq21.W_inf, rhs))
    assert r.verdict is Verdict.FAILS and r.evidence.counterexample["failing"]


def test_limit_21_formula_outside_the_algebra_falls_back():
    # e^{S S^+ - S^+ S} = I_d: true, but its exponent is not a scalar times Sigma_x
    rhs = (I_d - S * P) * W_0 + P * sp.exp(S * P - P * S) * Sxy
    r = eq21.judge_eq21_limit(sp.Eq(eq21.W_inf, rhs))
    assert r.verdict is Verdict.HOLDS and r.evidence.scope == "instances"
    assert "why not general: the formula is not in the algebra" in r.evidence.notes


def test_limit_21_python_function_stays_on_the_instances():
    r = eq21.check_eq21_limit()
    assert r.verdict is Verdict.HOLDS and r.evidence.scope == "instances"
    assert "why not general: the claimed limit and the limit of (9) are Python functions" in r.evidence.notes


def test_limit_21_statement_takes_no_time():
    with pytest.raises(FormulaError, match="symbol 't'"):
        eq21.judge_eq21_limit(sp.Eq(eq21.W_inf, LIMIT_21 + t * W_0))


# --- the registry ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("cid, formula, judge", [
    ("prop1.solution", sp.Eq(W_t, SOLUTION_9), linear_model.judge_prop1),
    ("eq10.vanishing_init", sp.Eq(W_t, LIMIT_10), linear_model.judge_limit_10),
    ("eq21.limit", sp.Eq(eq21.W_inf, LIMIT_21), eq21.judge_eq21_limit),
])
def test_registry_holds_the_formulas_judged_above(cid, formula, judge):
    """The registered formula is the one proved in general above, judged by the same function (so the
    claim's scope is general: its one check is)."""
    from symdln.claims import by_id

    claim = by_id(cid)
    assert claim.formula == formula and claim.correction is None
    assert [c.judge for c in claim.checks] == [judge]
    assert formula.free_symbols <= set(claim.symbol_map.values())
