"""Corrections are data: rendered from their formula, judged by the same checks as the printed
formula, and a user's formula or correction goes through the same path (run_claim, symdln check)."""

from __future__ import annotations

import json
from fractions import Fraction

import pytest
import sympy as sp
from hypothesis import example, given
from hypothesis import strategies as st

from symdln.claims import CLAIMS, by_id
from symdln.claims.record import Check, Claim
from symdln.cli import main
from symdln.correction import Correction, FormulaError, parse_formula, render_text
from symdln.notation import w_t
from symdln.runner import run_claim
from symdln.verdict import CheckResult, Evidence, Verdict

x = sp.Symbol("x", positive=True)


def test_statement_is_rendered_from_the_formula():
    c = Correction(sp.Implies(x <= 1, w_t <= x))
    assert c.statement == render_text(c.expr) == "if x <= 1 then w_t <= x"
    assert c.replaced(w_t <= 2 * x).statement == "w_t <= 2*x"
    assert c.latex is not None and r"\Rightarrow" in c.latex


def test_a_correction_without_formula_needs_its_reason():
    with pytest.raises(ValueError, match="reason"):
        Correction(None)
    with pytest.raises(ValueError, match="renders its statement"):
        Correction(x <= 1, reason="typed")
    assert Correction(None, reason="not a reconstruction error").statement == "not a reconstruction error"


def test_registered_corrections_are_formulas_in_the_claims_symbols():
    for c in CLAIMS:
        if c.correction is None or c.correction.expr is None:
            continue
        assert c.judging, c.id
        assert c.correction.expr.free_symbols <= set(c.symbol_map.values()), c.id
        assert c.correction.statement.startswith(render_text(c.correction.expr)), c.id


# --- parsing


def test_parse_lambda_keyword_and_unknown_symbols():
    syms = by_id("thm3.upper").symbol_map
    e = parse_formula("w_t <= sigma*w_0/((sigma - lambda*w_0)*(1 - 2*eta*sigma)**t + lambda*w_0)", syms)
    assert e.free_symbols <= set(syms.values())
    with pytest.raises(FormulaError, match="unknown symbol 'w0'"):
        parse_formula("w_t <= w0", syms)
    with pytest.raises(FormulaError, match="cannot parse"):
        parse_formula("w_t <= (1", syms)
    with pytest.raises(FormulaError, match="empty"):
        parse_formula("  ", syms)
    with pytest.raises(FormulaError, match="not a formula"):
        parse_formula("__import__('os')", syms)
    with pytest.raises(FormulaError, match="this claim takes a relational"):
        parse_formula("w_0 + 1", syms, kinds=("relational",))


@given(st.fractions(min_value=-10, max_value=10), st.fractions(min_value=0, max_value=10))
@example(Fraction(0), Fraction(0))  # a constant formula is refused, not parsed back
def test_parse_renders_back(a, b):
    """A rendered statement parses back to the same formula (the text is the formula); one that is
    a constant True or False is refused."""
    e = sp.Implies(x <= sp.Rational(b.numerator, b.denominator),
                   w_t <= x + sp.Rational(a.numerator, a.denominator))
    syms = {"x": x, "w_t": w_t}
    text = sp.sstr(e)
    if e in (sp.true, sp.false):  # b = 0: x <= 0 is False for x > 0, the implication True
        with pytest.raises(FormulaError, match="states nothing about the symbols"):
            parse_formula(text, syms)
        return
    assert parse_formula(text, syms) == e


# --- one path: the runner judges the correction through the judging checks


def _toy_claim(correction: sp.Basic | None) -> Claim:
    """A claim "w_t <= x" judged by a check that knows nothing of which formula it gets:
    the truth is w_t = x exactly, so w_t <= c holds iff c - x >= 0 for every x > 0."""
    def judge(f: sp.Basic) -> CheckResult:
        gap = sp.simplify(f.rhs - f.lhs).subs(w_t, x)
        for v in (sp.Rational(1, 3), 1, 3):
            if gap.subs(x, v) < 0:
                return CheckResult(Verdict.FAILS, Evidence("exact", counterexample={"x": v}))
        return CheckResult(Verdict.HOLDS, Evidence("exact"))

    return Claim("toy.bound", "paper1", "nowhere", "w_t <= x/2", "x > 0",
                 (Check("judge", None, "toy", judge=judge),), formula=w_t <= x / 2,
                 correction=None if correction is None else Correction(correction))


def test_run_claim_judges_the_correction_on_the_same_check():
    assert run_claim(_toy_claim(w_t <= x)).verdict is Verdict.HOLDS_AFTER_CORRECTION
    assert run_claim(_toy_claim(w_t <= x / 3)).verdict is Verdict.FAILS  # a wrong correction
    run = run_claim(_toy_claim(w_t <= x), correction_expr=w_t <= x - 1)
    assert run.correction_verdict is Verdict.FAILS and run.verdict is Verdict.FAILS
    assert run.checks[0].result.evidence.details["correction verdict"] == "FAILS"
    assert run_claim(_toy_claim(None), formula=w_t <= 2 * x).verdict is Verdict.HOLDS


def test_run_claim_refuses_a_formula_for_a_claim_without_judging_checks():
    legacy = next(c for c in CLAIMS if not c.judging)
    with pytest.raises(ValueError, match="no check that judges"):
        run_claim(legacy, formula=w_t <= 1)


def test_judging_checks_need_a_formula():
    with pytest.raises(ValueError, match="no formula"):
        Claim("toy.x", "paper1", "w", "s", "d", (Check("j", None, "s", judge=lambda f: None),))
    with pytest.raises(ValueError, match="exactly one"):
        Check("j", None, "s")


# --- CLI


def test_cli_check_symbols(capsys):
    assert main(["check", "thm3.upper", "--symbols"]) == 0
    out = capsys.readouterr().out
    assert "w_t" in out and "lambda" in out


@pytest.mark.parametrize("args, message", [
    (["check", "no.such"], "no claim"),
    (["check", "thm3.upper", "--correction", "w_t <= y"], "unknown symbol 'y'"),
    (["check", "thm3.upper", "--correction", "w_t <= (1"], "cannot parse"),
    (["check", "thm3.upper", "--correction", "w_0 + 1"], "not an expression"),
    (["check", "eq7.gradient", "--formula", "1"], "no check that judges"),
    # regression: a matrix equated with the scalar 0 parses to False (it was judged as the formula False)
    (["check", "thm1.form", "--correction", "Eq(Q.T*Q - Identity(r), 0)"], "evaluates to False"),
    (["check", "thm3.upper", "--correction", "1 < 2"], "evaluates to True"),
])
def test_cli_check_bad_input_is_one_line_exit_2(args, message, capsys):
    assert main(args) == 2
    err = capsys.readouterr().err
    assert message in err and len(err.strip().splitlines()) == 1


def test_cli_check_a_malformed_statement_is_exit_2(capsys):
    """A formula of the right kind that the claim's judge cannot read is a usage error, not a crash."""
    assert main(["check", "thm3.upper", "--correction", "Eq(w_t, 1)"]) == 2
    err = capsys.readouterr().err
    assert "w_t <= B" in err and len(err.strip().splitlines()) == 1


def test_cli_check_a_wrong_correction(tmp_path, capsys):
    out = tmp_path / "r.json"
    wrong = ("Equivalent(eta*(lambda*w_0 - sigma) <= 3/2, "
             "w_t <= sigma*w_0/((sigma - lambda*w_0)*(1 - eta*sigma)**t + lambda*w_0))")
    assert main(["check", "thm3.upper", "--correction", wrong, "--json", str(out)]) == 0
    text = capsys.readouterr().out
    assert "correction verdict: fails" in text and "counterexample" in text
    report = json.loads(out.read_text())
    assert report["claims"][0]["verdict"] == "FAILS"
