"""Generated mutation tests: every claim whose printed formula or correction is a SymPy object.

For each such formula, :func:`symdln.mutate.mutants` makes every one-step change (each constant
changed, each exponent +-1, each pair of symbols swapped, each factor or term dropped, each
inequality turned or made strict, each condition dropped); the mutants SymPy proves equivalent
are discarded.  Every other mutant is judged by the claim's own checks, through the same path as
the printed formula and the correction, and must not be judged to hold, unless it is recorded in
:data:`TRUE_MUTANTS` with the reason it is also true (it is then asserted to hold).

The default run judges an evenly spread subset of each formula's mutants (:data:`CI_PER_FORMULA`);
``SYMDLN_MUTANTS=all python -m pytest tests/test_mutants.py`` judges them all.
"""

from __future__ import annotations

import os

import pytest
import sympy as sp

from symdln.claims import CLAIMS, Claim
from symdln.correction import FormulaError
from symdln.mutate import mutants, provably_equivalent
from symdln.verdict import Verdict

#: mutants judged per formula in the default run (all with SYMDLN_MUTANTS=all)
CI_PER_FORMULA = 10

#: (claim id, "formula" or "correction", the mutant's sstr) -> why the mutant is true as well
TRUE_MUTANTS: dict[tuple[str, str, str], str] = {}


def _formulas() -> list[tuple[Claim, str, sp.Basic]]:
    out = []
    for c in CLAIMS:
        if not c.judging:
            continue
        out.append((c, "formula", c.formula))
        if c.correction is not None and c.correction.expr is not None:
            out.append((c, "correction", c.correction.expr))
    return out


def _spread(items: list, k: int) -> list:
    if len(items) <= k:
        return items
    return [items[round(i * (len(items) - 1) / (k - 1))] for i in range(k)]


def _cases() -> list:
    every = os.environ.get("SYMDLN_MUTANTS") == "all"
    cases = []
    for claim, which, expr in _formulas():
        ms = [(what, m) for what, m in mutants(expr) if not provably_equivalent(m, expr)]
        for what, m in (ms if every else _spread(ms, CI_PER_FORMULA)):
            cases.append(pytest.param(claim, which, what, m, id=f"{claim.id}-{which}-{what}"[:90]))
    return cases


def judged(claim: Claim, formula: sp.Basic) -> Verdict:
    """The combined verdict of the claim's judging checks on ``formula`` (stops at the first check
    that does not hold: the combination can then not be HOLDS)."""
    for check in claim.judging:
        try:
            v = check.run(formula).verdict
        except FormulaError:
            return Verdict.NOT_CHECKABLE  # not a statement this claim judges
        if v is not Verdict.HOLDS:
            return v
    return Verdict.HOLDS


def test_every_claim_with_a_formula_has_mutants():
    groups = _formulas()
    assert groups, "no claim has a formula"
    for claim, which, expr in groups:
        assert any(not provably_equivalent(m, expr) for _, m in mutants(expr)), (claim.id, which)


@pytest.mark.parametrize("claim, which, what, mutant", _cases())
def test_mutant_is_not_judged_to_hold(claim, which, what, mutant):
    key = (claim.id, which, sp.sstr(mutant))
    v = judged(claim, mutant)
    if key in TRUE_MUTANTS:
        assert v is Verdict.HOLDS, f"recorded as true ({TRUE_MUTANTS[key]}) but judged {v.name}"
    else:
        assert v is not Verdict.HOLDS, f"{what}: {sp.sstr(mutant)} is judged to hold"
