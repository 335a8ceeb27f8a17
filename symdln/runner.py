"""Run the checks of selected claims and collect their results.

The runner never prints: progress goes to an optional callback, so the CLI
can show a progress bar and tests can run silently.

:func:`run_claims` runs claims one after the other, or in a pool of worker
processes (``jobs``), one claim per task; either way the results come back in
the order of the claims given, and every claim starts from the default
numeric precision (:func:`symdln.certify.state.default_precision`), so the
report does not depend on the number of workers.
"""

from __future__ import annotations

import functools
import os
import time
import traceback
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import sympy as sp

from symdln.claims.record import Check, Claim
from symdln.correction import Correction
from symdln.verdict import CheckResult, Verdict, combine, corrected

__all__ = ["CheckRun", "ClaimRun", "default_jobs", "run_check", "run_claim", "run_claims"]


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
    def scope(self) -> str | None:
        """``"general"`` when what the claim's verdict asserts holds (the statement for HOLDS, the
        correction for HOLDS_AFTER_CORRECTION) is proved for the whole domain: every holding check
        has scope ``"general"``, a cross-check (:attr:`Check.cross_check_of`) excepted where the
        check it cross-checks is general; ``"instances"`` otherwise; ``None`` for other verdicts.

        >>> from symdln.claims.record import Check, Claim
        >>> from symdln.verdict import CheckResult, Evidence
        >>> def holds(scope):
        ...     return lambda: CheckResult(Verdict.HOLDS, Evidence("exact", scope=scope))
        >>> c = Claim("demo", "paper1", "eq. (1)", "1 = 1", "none",
        ...           (Check("proof", holds("general"), "s"), Check("grid", holds("instances"), "s")))
        >>> run_claims([c])[0].scope
        'instances'
        >>> c = Claim("demo", "paper1", "eq. (1)", "1 = 1", "none",
        ...           (Check("proof", holds("general"), "s"),
        ...            Check("grid", holds("instances"), "s", cross_check_of="proof")))
        >>> run_claims([c])[0].scope
        'general'
        """
        if self.verdict not in (Verdict.HOLDS, Verdict.HOLDS_AFTER_CORRECTION):
            return None
        held = (Verdict.HOLDS, Verdict.HOLDS_AFTER_CORRECTION)
        holding = {c.check.name: c.result for c in self.checks
                   if c.result is not None and c.result.verdict in held}

        def general(name: str) -> bool:
            result = holding.get(name)
            return result is not None and result.evidence.scope == "general"

        for c in self.checks:
            if c.check.name in holding and not general(c.check.name):
                target = c.check.cross_check_of
                if target is None or not general(target):
                    return "instances"
        return "general"

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


def default_jobs() -> int:
    """The number of processors this process may run on (at least 1)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def run_claims(
    claims: Iterable[Claim],
    progress: ProgressCallback | None = None,
    *,
    thorough: bool = False,
    jobs: int = 1,
) -> list[ClaimRun]:
    """Run every check of every claim (:func:`run_claim` each, the registered formula and
    correction), and return the runs in the order of ``claims``.

    Checks marked ``slow`` run only when ``thorough`` is true; otherwise they
    are recorded as skipped.  ``progress(claim, check, None)`` is called
    before a check and ``progress(claim, check, run)`` after it.

    With ``jobs`` > 1 the claims run in a pool of that many worker processes,
    one claim per task: a worker looks a claim up by id in the registry
    (:data:`symdln.claims.CLAIMS`), so this needs every claim to be registered,
    with checks defined in symdln; otherwise (a claim built elsewhere, e.g. in
    a test) they all run here.  The progress callback is called in this
    process, as the workers report.  Every claim, in either mode, starts from
    the default precision of mpmath and python-flint, so the runs do not depend
    on ``jobs`` (only the timings do).
    """
    claims = tuple(claims)
    if jobs < 1:
        raise ValueError(f"jobs must be at least 1, not {jobs}")
    if jobs == 1 or len(claims) <= 1 or not all(_importable(c) for c in claims):
        return [_run_registered(claim, progress, thorough) for claim in claims]
    return _run_pool(claims, progress, thorough, min(jobs, len(claims)))


def _importable(claim: Claim) -> bool:
    """Whether a fresh interpreter finds this claim by id: registered, its checks defined in symdln."""
    from symdln.claims import UnknownClaimError, by_id

    try:
        if by_id(claim.id) is not claim:
            return False
    except UnknownClaimError:
        return False
    for check in claim.checks:
        fn: Any = check.func if check.func is not None else check.judge
        while isinstance(fn, functools.partial):
            fn = fn.func
        if not (getattr(fn, "__module__", None) or "").startswith("symdln."):
            return False
    return True


def _run_registered(claim: Claim, progress: ProgressCallback | None, thorough: bool) -> ClaimRun:
    from symdln.certify.state import default_precision

    with default_precision():
        return run_claim(claim, progress=progress, thorough=thorough)


# --- the process pool -------------------------------------------------------------------------
#
# A Claim holds its checks' functions (closures, lambdas), which do not pickle; a worker is given
# a claim id, looks the claim up in the registry, and sends back its runs without the Check
# objects (check names, results, errors, seconds).  This process puts the runs back together with
# its own Check objects.  Progress events travel on a queue the workers inherit.

_Packed = tuple[str, Any, "str | None", float, bool]

_EVENTS: Any = None  # the progress queue, in a worker


def _pack(run: CheckRun) -> _Packed:
    return (run.check.name, run.result, run.error, run.seconds, run.skipped)


def _unpack(claim: Claim, packed: _Packed) -> CheckRun:
    name, result, error, seconds, skipped = packed
    check = next(c for c in claim.checks if c.name == name)
    return CheckRun(check, result, error, seconds, skipped)


def _init_worker(events: Any, environ: dict[str, str]) -> None:
    global _EVENTS
    _EVENTS = events
    os.environ.clear()  # the caller's environment now (e.g. the Table 1 data), not the one at start
    os.environ.update(environ)


def _forward(claim: Claim, check: Check, run: CheckRun | None) -> None:
    _EVENTS.put((claim.id, check.name, None if run is None else _pack(run)))


def _claim_in_worker(claim_id: str, thorough: bool) -> tuple[Any, ...]:
    from symdln.claims import by_id

    run = _run_registered(by_id(claim_id), _forward if _EVENTS is not None else None, thorough)
    return (tuple(map(_pack, run.checks)), tuple(map(_pack, run.correction_checks)),
            run.correction is not None, tuple(map(_pack, run.formula_checks)))


def _rebuild(claim: Claim, packed: tuple[Any, ...]) -> ClaimRun:
    checks, corr, has_correction, formula = packed
    return ClaimRun(claim, tuple(_unpack(claim, p) for p in checks),
                    tuple(_unpack(claim, p) for p in corr),
                    claim.correction if has_correction else None,
                    tuple(_unpack(claim, p) for p in formula))


def _run_pool(claims: Sequence[Claim], progress: ProgressCallback | None, thorough: bool,
              jobs: int) -> list[ClaimRun]:
    import multiprocessing
    from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait

    # spawn: a fresh interpreter per worker, whatever threads this process runs (a progress
    # display) and whatever state it holds; the workers import the registry themselves.
    ctx = multiprocessing.get_context("spawn")
    events = ctx.SimpleQueue() if progress is not None else None
    by_claim = {claim.id: claim for claim in claims}

    def drain() -> None:
        while events is not None and not events.empty():
            claim_id, name, packed = events.get()
            claim = by_claim[claim_id]
            check = next(c for c in claim.checks if c.name == name)
            assert progress is not None
            progress(claim, check, None if packed is None else _unpack(claim, packed))

    results: dict[int, ClaimRun] = {}
    lanes = _Lanes(len(claims), jobs)
    pool = ProcessPoolExecutor(max_workers=jobs, mp_context=ctx, initializer=_init_worker,
                               initargs=(events, dict(os.environ)))
    futures: dict[Any, tuple[int, int]] = {}  # future -> (claim index, lane)

    def submit(lane: int) -> None:
        """The lane's next claim to the pool (to this process if the pool is broken)."""
        while (i := lanes.next(lane)) is not None:
            try:
                futures[pool.submit(_claim_in_worker, claims[i].id, thorough)] = (i, lane)
                return
            except Exception:  # a worker died: the pool takes no more work
                results[i] = _run_registered(claims[i], progress, thorough)

    try:
        for lane in range(jobs):  # one claim in flight per worker
            submit(lane)
        while futures:
            done, _ = wait(futures, timeout=0.1, return_when=FIRST_COMPLETED)
            drain()  # a worker reports a claim's progress before it returns the claim
            for fut in done:
                i, lane = futures.pop(fut)
                try:
                    results[i] = _rebuild(claims[i], fut.result())
                except Exception:  # the pool failed, not a check (a check's crash is in its run)
                    results[i] = _run_registered(claims[i], progress, thorough)
                submit(lane)  # the worker that became free takes the lane's next claim
        drain()
    except BaseException:  # interrupted: do not start the claims still queued
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown()
    return [results[i] for i in range(len(claims))]


class _Lanes:
    """Which claim a free worker runs next: the claims cut into one contiguous block per worker
    (neighbouring claims of the registry share modules and cached computations, so a worker
    keeps them), each taken from its front; a worker whose block is done takes from the back of
    the block with the most claims left.  With one claim in flight per worker, the worker that
    just finished is the one that picks up the next submission, so a lane stays with a worker.

    >>> lanes = _Lanes(5, 2)
    >>> [lanes.next(0), lanes.next(1), lanes.next(1), lanes.next(1), lanes.next(1), lanes.next(1)]
    [0, 2, 3, 4, 1, None]
    """

    def __init__(self, n: int, jobs: int) -> None:
        bounds = [round(k * n / jobs) for k in range(jobs + 1)]
        self.blocks = [list(range(bounds[k], bounds[k + 1])) for k in range(jobs)]

    def next(self, lane: int) -> int | None:
        if self.blocks[lane]:
            return self.blocks[lane].pop(0)
        other = max(self.blocks, key=len)
        return other.pop() if other else None
