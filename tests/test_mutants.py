"""Generated mutation tests: every claim whose printed formula or correction is a SymPy object.

For each such formula, :func:`symdln.mutate.mutants` makes every one-step change (each constant
changed, each exponent +-1, each pair of symbols swapped, each factor or term dropped, each
inequality turned or made strict, each condition dropped); the mutants SymPy proves equivalent
are discarded.  Every other mutant is judged by the claim's own checks, through the same path as
the printed formula and the correction, and must not be judged to hold, unless it is recorded in
:data:`TRUE_MUTANTS` with the reason it is also true (it is then asserted to hold).

Each formula's judged mutants are an evenly spread subset of its mutants (:data:`CI_PER_FORMULA`),
split in two tiers: :data:`FAST_PER_FORMULA` of them, spread again, in the default run, the others
behind the ``slow`` marker (``python -m pytest -m slow``; CI runs both).
``SYMDLN_MUTANTS=all python -m pytest -m "slow or not slow" tests/test_mutants.py`` judges them all.
"""

from __future__ import annotations

import functools
import os

import pytest
import sympy as sp

from symdln.claims import CLAIMS, Claim
from symdln.correction import FormulaError
from symdln.mutate import mutants, provably_equivalent
from symdln.verdict import Verdict

#: mutants judged per formula over both tiers (all with SYMDLN_MUTANTS=all)
CI_PER_FORMULA = 10
#: of those, judged in the default selection (the rest are marked slow)
FAST_PER_FORMULA = 3

#: (claim id, "formula" or "correction", the mutant's sstr) -> why the mutant is true as well
TRUE_MUTANTS: dict[tuple[str, str, str], str] = {
    ("eq16.inactive", "formula", "Eq(w(t), exp(-2*delta)/(2*lambda*t*exp(-2*delta) + 1))"):
        "the mutant -1 -> -2 of the printed exponent is the correction itself",
    ("p2.balanced.submersion", "correction", "Eq(N, g_N/g_sub)"):
        "g_sub > 0: the correction g_sub = g_N/N rearranged",
    ("p2.sv.paper1", "formula",
     ("Eq(x_next, eta*x_t*(-lambda*x_t**2 + sigma) + x_t) & (Implies(Eq(sigma, 0), Eq(w(t), exp(-2*delta)/"
      "(2*lambda*t*exp(-2*delta) + 1)))) & (Implies(sigma > 0, Eq(w(t), sigma*exp(-2*delta + 2*sigma*t)/"
      "(lambda*(exp(-2*delta + 2*sigma*t) - exp(-2*delta)) + sigma))))")):
        "the mutant -1 -> -2 of the printed sigma = 0 branch is the correction itself",
    ("sec2.overparam", "formula", "Implies(r > Min(d, p), Eq(cols, p) & Eq(rows, d))"):
        "rows and cols swapped in the printed shape give the right shape d x p; r > min(d, p) is sufficient",
    ("eq4.rank_constraint", "formula", "rank_W <= r"):
        "the strictness mutant of the printed rank_W < r is the correction itself",
    ('thm3.lower', 'correction',
     ('(Implies(lambda*w_0 <= sigma, w_t >= sigma*w_0/(lambda*w_0 + (-lambda*w_0 + sigma)/(eta*si'
      'gma + 1)**(2*t)))) & (Implies((lambda*w_0 > sigma) & (eta*(-lambda*w_0 + sigma) > -1/2) & '
      '((eta*(-lambda*w_0 + sigma) + 1)**2 >= eta*sigma*(eta*(-lambda*w_0 + sigma) + 2)), w_t >= '
      'sigma*w_0/(lambda*w_0 + (-lambda*w_0 + sigma)*(-eta*sigma*(eta*(-lambda*w_0 + sigma) + 2)/'
      '(eta*(-lambda*w_0 + sigma) + 1)**2 + 1)**t)))')):
        'y_0 > -1/2 instead of y_0 > -1: the second clause is claimed on a smaller region',
    ('thm3.lower', 'correction',
     ('(Implies(lambda*w_0 <= sigma, w_t >= sigma*w_0/(lambda*w_0 + (-lambda*w_0 + sigma)/(eta*si'
      'gma + 1)**(2*t)))) & (Implies((lambda*w_0 > sigma) & (eta*(-lambda*w_0 + sigma) > -1) & (('
      'eta*(-lambda*w_0 + sigma) + 1)**4 >= eta*sigma*(eta*(-lambda*w_0 + sigma) + 2)), w_t >= si'
      'gma*w_0/(lambda*w_0 + (-lambda*w_0 + sigma)*(-eta*sigma*(eta*(-lambda*w_0 + sigma) + 2)/(e'
      'ta*(-lambda*w_0 + sigma) + 1)**2 + 1)**t)))')):
        '(1 + y_0)^4 for (1 + y_0)^2: with -1 < y_0 < 0 the condition implies no overshoot, a smaller region',
    ('thm3.lower', 'correction',
     (
      '(Implies(lambda*w_0 < sigma, w_t >= sigma*w_0/(lambda*w_0 + (-lambda*w_0 + sigma)/(eta*sigma'
      ' + 1)**(2*t)))) & (Implies((lambda*w_0 > sigma) & (eta*(-lambda*w_0 + sigma) > -1) & ((eta*('
      '-lambda*w_0 + sigma) + 1)**2 >= eta*sigma*(eta*(-lambda*w_0 + sigma) + 2)), w_t >= sigma*w_0'
      '/(lambda*w_0 + (-lambda*w_0 + sigma)*(-eta*sigma*(eta*(-lambda*w_0 + sigma) + 2)/(eta*(-lamb'
      'da*w_0 + sigma) + 1)**2 + 1)**t)))')):
        'lambda w_0 < sigma for <=: the first clause is claimed on a smaller region (not at the fixed point)',
    ('thm3.lower', 'correction',
     (
      '(Implies(lambda <= sigma, w_t >= sigma*w_0/(lambda*w_0 + (-lambda*w_0 + sigma)/(eta*sigma + '
      '1)**(2*t)))) & (Implies((lambda*w_0 > sigma) & (eta*(-lambda*w_0 + sigma) > -1) & ((eta*(-la'
      'mbda*w_0 + sigma) + 1)**2 >= eta*sigma*(eta*(-lambda*w_0 + sigma) + 2)), w_t >= sigma*w_0/(l'
      'ambda*w_0 + (-lambda*w_0 + sigma)*(-eta*sigma*(eta*(-lambda*w_0 + sigma) + 2)/(eta*(-lambda*'
      'w_0 + sigma) + 1)**2 + 1)**t)))')):
        'lambda <= sigma for lambda w_0 <= sigma: with w_0 < 1 a smaller region for the first clause',
    ('eq24.inequalities', 'correction',
     'Equivalent(x >= 0, (1/2 - x <= 1/(x + 1)) & (1/(x + 1) <= x**2 - x + 1))'):
        'a weaker left inequality, true for every x > -1; the right one still fails exactly for -1 < x < 0',
    ('eq24.inequalities', 'correction',
     'Equivalent(x >= 0, (1 - x <= 1/(x + 1/2)) & (1/(x + 1) <= x**2 - x + 1))'):
        '(1 - x)(x + 1/2) <= 1 for x >= 0; the right inequality still fails exactly for -1 < x < 0',
    ('eq24.inequalities', 'correction',
     'Equivalent(x >= 0, (1 - x <= 1/(x + 1)) & (1/(x + 1) <= x**2 + 1))'):
        '(1 + x)(1 + x^2) >= 1 iff x(1 + x + x^2) >= 0 iff x >= 0: the same range',
    ('eq24.inequalities', 'correction',
     'Equivalent(x >= 0, (1 - x <= 1/(x + 1)) & (1/(x + 1) <= x**2 + x + 1))'):
        '(1 + x)(1 + x + x^2) >= 1 iff x(2 + 2x + x^2) >= 0 iff x >= 0: the same range',
    ('eq24.monotone', 'correction',
     'Implies(lambda*w_0 < sigma, (w_next >= w_t) & (w_t < sigma/lambda))'):
        'non-decreasing is weaker than increasing',
}


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


@functools.cache
def _judged_mutants(claim_id: str, which: str) -> tuple[tuple[str, sp.Basic], ...]:
    """The mutants of one formula that the run judges: an evenly spread subset (all of them with
    ``SYMDLN_MUTANTS=all``), those SymPy proves equivalent to the formula left out.  Computed in the
    test, not at collection, so that each formula's mutants are made once, on one worker."""
    from symdln.claims import by_id

    claim = by_id(claim_id)
    expr = claim.formula if which == "formula" else claim.correction.expr
    ms = list(mutants(expr))
    chosen = ms if os.environ.get("SYMDLN_MUTANTS") == "all" else _spread(ms, CI_PER_FORMULA)
    return tuple((what, m) for what, m in chosen if not provably_equivalent(m, expr))


def _clauses(e: sp.Basic) -> list[sp.Basic]:
    return list(e.args) if isinstance(e, sp.And) and all(isinstance(a, sp.Implies) for a in e.args) else [e]


def narrower_hypotheses(claim: Claim, mutant: sp.Basic) -> str | None:
    """Why ``mutant`` is a weaker statement than the claim's correction, or ``None``: it has the same
    clauses ``Implies(H, B)`` with the same bounds B, and z3 proves H_mutant => H_correction on the
    claim's printed domain for each clause (the mutant asserts the same bounds on smaller regions;
    the registered correction is proved, also in Coq)."""
    from symdln.certify.smt import Translation, Untranslatable

    if claim.correction is None or not claim.formal:
        return None
    orig, mut = _clauses(claim.correction.expr), _clauses(mutant)
    if len(orig) != len(mut) or not all(isinstance(c, sp.Implies) for c in (*orig, *mut)):
        return None
    domain = sp.And(*(f.domain for f in claim.formal))
    narrowed = 0
    for o, m in zip(sorted(orig, key=sp.default_sort_key), sorted(mut, key=sp.default_sort_key), strict=True):
        if o.args[1] != m.args[1]:
            return None
        if o.args[0] != m.args[0]:
            try:
                if Translation().prove(sp.And(domain, m.args[0]), o.args[0]).status != "proved":
                    return None
            except Untranslatable:
                return None
            narrowed += 1
    if not narrowed:
        return None
    return f"{narrowed} clause(s) claimed on a smaller region (z3: H_mutant => H_correction)"


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


#: formulas with no one-step mutant, and why (the list is asserted exact, so it cannot grow unseen)
NO_MUTANTS: dict[tuple[str, str], str] = {
    ("appA.symmetry_path", "formula"):
        "Eq(W_2, W_1.T), one matrix equation: dropping or adding the transpose gives sides of different "
        "shapes (d x r against r x d), which is no formula; its correction has mutants",
}


def test_every_claim_with_a_formula_is_listed():
    groups = {(claim.id, which) for claim, which, _ in _formulas()}
    assert groups, "no claim has a formula"
    assert set(NO_MUTANTS) <= groups


def test_a_wider_region_is_not_taken_for_a_weaker_statement():
    from symdln.claims import by_id

    claim = by_id("thm3.lower")
    e = claim.correction.expr
    rel = next(a for c in e.args for a in sp.And.make_args(c.args[0])
               if isinstance(a, sp.StrictGreaterThan) and a.rhs == -1)  # y_0 > -1

    def at(v):
        return e.xreplace({rel: sp.StrictGreaterThan(rel.lhs, v)})

    assert narrower_hypotheses(claim, at(sp.Rational(-1, 2))) is not None  # y_0 > -1/2: smaller
    assert narrower_hypotheses(claim, at(-2)) is None  # y_0 > -2: wider
    assert narrower_hypotheses(claim, at(sp.Rational(-1, 2)).xreplace({sp.Integer(2): sp.Integer(3)})) is None


def _tier(cases: tuple, tier: str) -> tuple:
    fast = _spread(list(cases), FAST_PER_FORMULA)
    return tuple(fast) if tier == "fast" else tuple(c for c in cases if c not in fast)


@pytest.mark.parametrize("tier", ["fast", pytest.param("slow", marks=pytest.mark.slow)])
@pytest.mark.parametrize("claim, which", [(c, w) for c, w, _ in _formulas()],
                         ids=[f"{c.id}-{w}" for c, w, _ in _formulas()])
def test_mutants_are_not_judged_to_hold(claim, which, tier):
    """Every formula has judged mutants (except those in :data:`NO_MUTANTS`, which have none), and
    none of them is judged to hold unless recorded as true (or a narrower hypothesis of a formally
    proved correction, then it must hold).  ``tier``: the default run's share of the mutants, or the
    rest (slow)."""
    all_cases = _judged_mutants(claim.id, which)
    cases = _tier(all_cases, tier)
    if (claim.id, which) in NO_MUTANTS:
        expr = claim.formula if which == "formula" else claim.correction.expr
        assert not any(not provably_equivalent(m, expr) for _, m in mutants(expr))
        return
    assert all_cases, "no judged mutant"
    if tier == "fast":
        assert cases, "no judged mutant in the default run"
    wrong = []
    for what, mutant in cases:
        key = (claim.id, which, sp.sstr(mutant))
        v = judged(claim, mutant)
        weaker = narrower_hypotheses(claim, mutant) if which == "correction" else None
        if key in TRUE_MUTANTS or weaker:
            if v is not Verdict.HOLDS:
                why = TRUE_MUTANTS.get(key, weaker)
                wrong.append(f"{what}: recorded as true ({why}) but judged {v.name}")
        elif v is Verdict.HOLDS:
            wrong.append(f"{what}: {sp.sstr(mutant)} is judged to hold")
    assert not wrong, "\n".join(wrong)
