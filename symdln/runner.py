"""Run the checks of selected claims and collect their results.

The runner never prints: progress goes to an optional callback, so the CLI
can show a progress bar and tests can run silently.
"""

from __future__ import annotations

import time
import traceback
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from symdln.claims.record import Check, Claim
from symdln.verdict import CheckResult, Verdict, combine

__all__ = ["CheckRun", "ClaimRun", "run_check", "run_claims"]


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


def run_check(check: Check) -> CheckRun:
    """Run one check, catching any exception as a crash."""
    start = time.perf_counter()
    try:
        result = check.run()
        error = None
    except Exception:  # a crash is reported, not raised
        result = None
        error = traceback.format_exc(limit=8)
    return CheckRun(check, result, error, time.perf_counter() - start)


ProgressCallback = Callable[[Claim, Check, "CheckRun | None"], None]


def run_claims(
    claims: Iterable[Claim], progress: ProgressCallback | None = None, *, thorough: bool = False
) -> list[ClaimRun]:
    """Run every check of every claim, in order.

    Checks marked ``slow`` run only when ``thorough`` is true; otherwise they
    are recorded as skipped.  ``progress(claim, check, None)`` is called
    before a check and ``progress(claim, check, run)`` after it.
    """
    out: list[ClaimRun] = []
    for claim in claims:
        runs = []
        for check in claim.checks:
            if check.slow and not thorough:
                runs.append(CheckRun(check, None, None, 0.0, skipped=True))
                continue
            if progress:
                progress(claim, check, None)
            run = run_check(check)
            if progress:
                progress(claim, check, run)
            runs.append(run)
        out.append(ClaimRun(claim, tuple(runs)))
    return out
