"""Run the checks of selected claims and collect their results.

The runner never prints: progress goes to an optional callback, so the CLI
can show a progress bar and tests can run silently.
"""

from __future__ import annotations

import time
import traceback
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import sympy as sp

from symdln.claims.record import Check, Claim
from symdln.correction import Correction
from symdln.verdict import CheckResult, Verdict, combine, corrected

__all__ = ["CheckRun", "ClaimRun", "run_check", "run_claim", "run_claims"]


@dataclass(frozen=True)
class CheckRun:
    """The outcome of running one check: a result, the error it raised, or skipped (slow)."""

    check: Check
    result: CheckResult | None
    error: str | None
    seconds: float
    skipped: bool = False

    @property
    def crashed(self) -> bool:
        return self.result is None and not self.skipped


@dataclass(frozen=True)
class ClaimRun:
    """The checks of one claim, run, and the claim's combined verdict."""

    claim: Claim
    checks: tuple[CheckRun, ...]
    #: the judging checks run on the correction (its own verdicts), when it was judged
    correction_checks: tuple[CheckRun, ...] = ()
    #: the correction that was judged (the registered one or a user's)
    correction: Correction | None = None
    #: the checks as run on the formula under test, before a correction was attached
    formula_checks: tuple[CheckRun, ...] = ()

    @property
    def crashed(self) -> bool:
        return any(c.crashed for c in self.checks)

    @property
    def verdict(self) -> Verdict | None:
        """Combined verdict of the checks that ran; ``None`` when a check crashed.

        Skipped (slow) checks do not count; every claim has a check that is not slow
        (the registry tests enforce it)."""
        if self.crashed:
            return None
        return combine(c.result.verdict for c in self.checks if c.result is not None)

    @property
    def correction_verdict(self) -> Verdict | None:
        """The correction's own verdict (``None`` when it was not judged or a check crashed)."""
        if not self.correction_checks or any(c.crashed for c in self.correction_checks):
            return None
        return combine(c.result.verdict for c in self.correction_checks if c.result is not None)


def run_check(check: Check, formula: sp.Basic | None = None) -> CheckRun:
    """Run one check (a judging check on ``formula``), catching any exception as a crash."""
    from symdln.correction import FormulaError

    start = time.perf_counter()
    try:
        result = check.run(formula)
        error = None
    except FormulaError:  # the formula under test is not a statement this check judges: the caller's error
        raise
    except Exception:  # a crash is reported, not raised
        result = None
        error = traceback.format_exc(limit=8)
    return CheckRun(check, result, error, time.perf_counter() - start)


ProgressCallback = Callable[[Claim, Check, "CheckRun | None"], None]


def _runs(claim: Claim, checks: Iterable[Check], formula: sp.Basic | None,
          progress: ProgressCallback | None, thorough: bool) -> list[CheckRun]:
    runs = []
    for check in checks:
        if check.slow and not thorough:
            runs.append(CheckRun(check, None, None, 0.0, skipped=True))
            continue
        if progress:
            progress(claim, check, None)
        run = run_check(check, formula if check.judge is not None else None)
        if progress:
            progress(claim, check, run)
        runs.append(run)
    return runs


def run_claim(
    claim: Claim,
    formula: sp.Basic | None = None,
    correction_expr: sp.Basic | None = None,
    *,
    progress: ProgressCallback | None = None,
    thorough: bool = False,
) -> ClaimRun:
    """Judge one claim: its printed formula (or ``formula``) and its correction (or
    ``correction_expr``), through the same checks.

    Every judging check (``Check.judge``) runs on the formula under test.  When
    those verdicts combine to ``FAILS`` and the claim has a correction, the same
    checks run on the correction; each then reports ``HOLDS_AFTER_CORRECTION``
    only if it ``HOLDS`` on the correction (with the printed counterexample),
    otherwise ``FAILS``.  A ``correction_expr`` is judged even when the printed
    formula does not fail; its own verdicts are in ``ClaimRun.correction_checks``.

    >>> from symdln.claims import by_id
    >>> run_claim(by_id("thm3.sigma0"), correction_expr=sp.Integer(1))  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    symdln.correction.FormulaError: claim 'thm3.sigma0' judges ... not an expression
    """
    judging = claim.judging
    if (formula is not None or correction_expr is not None) and not judging:
        raise ValueError(f"claim {claim.id!r} has no check that judges a formula")
    for e in (formula, correction_expr):
        if e is not None:
            _check_kind(claim, e)
    under_test = formula if formula is not None else claim.formula
    correction = claim.correction
    if correction_expr is not None:
        correction = correction.replaced(correction_expr) if correction else Correction(correction_expr)
    runs = _runs(claim, claim.checks, under_test, progress, thorough)
    judged = [r for r in runs if r.check.judge is not None and r.result is not None]
    if not judged or any(r.crashed for r in runs) or correction is None or correction.expr is None:
        return ClaimRun(claim, tuple(runs))
    printed = combine(r.result.verdict for r in judged if r.result is not None)
    if printed is not Verdict.FAILS and correction_expr is None:
        return ClaimRun(claim, tuple(runs))
    corr_runs = _runs(claim, judging, correction.expr, progress, thorough)
    if printed is not Verdict.FAILS or any(r.crashed for r in corr_runs):
        return ClaimRun(claim, tuple(runs), tuple(corr_runs), correction, tuple(runs))
    cex = next(r.result for r in judged if r.result is not None and r.result.verdict is Verdict.FAILS)
    by_check = {r.check.name: r for r in corr_runs}
    out = []
    for r in runs:
        c = by_check.get(r.check.name)
        if c is None or c.result is None or r.result is None:
            out.append(r)
            continue
        base = r.result if r.result.verdict is Verdict.FAILS else cex
        out.append(CheckRun(r.check, corrected(base, c.result, correction), None, r.seconds + c.seconds))
    return ClaimRun(claim, tuple(out), tuple(corr_runs), correction, tuple(runs))


def _check_kind(claim: Claim, expr: sp.Basic) -> None:
    from symdln.correction import FormulaError, kind_of

    kinds = {kind_of(e) for e in (claim.formula, claim.correction and claim.correction.expr) if e is not None}
    if {"relational", "boolean"} & kinds:
        kinds |= {"relational", "boolean"}
    words = {"expr": "an expression", "relational": "a relation", "boolean": "a logical formula"}
    if kind_of(expr) not in kinds:
        raise FormulaError(f"claim {claim.id!r} judges {' or '.join(words[k] for k in sorted(kinds))}, "
                           f"not {words[kind_of(expr)]}")


def run_claims(
    claims: Iterable[Claim], progress: ProgressCallback | None = None, *, thorough: bool = False
) -> list[ClaimRun]:
    """Run every check of every claim, in order (:func:`run_claim` each).

    Checks marked ``slow`` run only when ``thorough`` is true; otherwise they
    are recorded as skipped.  ``progress(claim, check, None)`` is called
    before a check and ``progress(claim, check, run)`` after it.
    """
    return [run_claim(claim, progress=progress, thorough=thorough) for claim in claims]
