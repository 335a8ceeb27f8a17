"""The ``symdln`` command line.

``symdln verify`` runs the checks of the registered claims and prints a summary that fits one
screen: the number of claims per verdict, then one line per finding (fails first, then holds
after correction, then crashed; inconclusive ones with ``--verdict inconclusive``), each with
the claim id, where in the paper,
and the finding clipped to the width (``--details``: every check with its full evidence;
``--verdict fails,corrected,...``: which claims are listed).  Progress goes to standard error:
a bar on a terminal, one line per finished claim otherwise.  ``--json``, ``--markdown`` and
``--html`` write the full report; each is written atomically (:mod:`symdln.output`), and ``-``
writes it to standard output (the summary then goes to standard error).

Exit status of ``symdln verify`` (and ``symdln erratum``):

* 0 -- every check ran to a verdict (whatever the verdicts are);
* 1 -- at least one check crashed (its traceback is in the report);
* 2 -- usage error (unknown claim, bad flag value, unwritable output path, a ``--table1-data``
  file that cannot be used), or a report file that could not be written after the run;
* 3 -- ``--fail-on fails,corrected,inconclusive`` (any of them): every check ran, but some claim
  has one of these verdicts; the claims are named on standard error.  The deprecated
  ``--strict`` means "exit 3 unless every claim HOLDS".

When several apply, the smallest of 1, 2, 3 is the status.

``symdln check CLAIM_ID [--formula EXPR] [--correction EXPR]`` judges one claim,
or a formula or correction a user proposes for it, through the claim's checks
(exit 0 when they ran, 1 on a crash, 2 on a bad claim id or formula).
``symdln erratum --out DIR`` runs the claims and writes the erratum there;
``symdln figures`` writes the figures (PNG, PDF and the plotted data as CSV);
``symdln docs`` regenerates the docs' claims table and coverage.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TextIO

from symdln import __version__

__all__ = ["main"]

EXIT_OK, EXIT_CRASH, EXIT_USAGE, EXIT_FAIL_ON = 0, 1, 2, 3
EXIT_STRICT = EXIT_FAIL_ON  # the status of the deprecated --strict

#: what ``--fail-on`` accepts, and the verdict each stands for
FAIL_ON = {"fails": "FAILS", "corrected": "HOLDS_AFTER_CORRECTION", "inconclusive": "INCONCLUSIVE"}


class UsageError(Exception):
    """A user error: reported in one line, exit status 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(message)


def _names(allowed: Sequence[str], what: str) -> Callable[[str], tuple[str, ...]]:
    """An argparse type: a comma-separated list of names from ``allowed``."""

    def parse(text: str) -> tuple[str, ...]:
        got = tuple(t.strip().lower() for t in text.split(",") if t.strip())
        bad = [t for t in got if t not in allowed]
        if bad or not got:
            raise argparse.ArgumentTypeError(
                f"unknown {what} {(bad or [text])[0]!r} (choose from {', '.join(allowed)})")
        return got

    return parse


def _positive_int(text: str) -> int:
    try:
        n = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if n < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not at least 1")
    return n


def _run_options(p: argparse.ArgumentParser) -> None:
    """The options of every command that runs claims."""
    p.add_argument("--claim", action="append", metavar="PATTERN", default=[],
                   help="run only claims whose id matches (glob, or an id prefix such as "
                        "'eq21'); repeatable")
    p.add_argument("--quiet", action="store_true", help="no progress and no summary")
    p.add_argument("--thorough", action="store_true",
                   help="also run the checks marked slow (deeper exact cases; minutes, not seconds)")
    p.add_argument("--jobs", "-j", type=_positive_int, metavar="N", default=None,
                   help="run the claims in N worker processes (default: the number of processors; "
                        "1 runs them in this process); the report does not depend on N")


def _build_parser() -> argparse.ArgumentParser:
    from symdln.report import VERDICT_NAMES

    p = _Parser(
        prog="symdln",
        description=(
            "Checked mathematics for Gidel, Bach & Lacoste-Julien (NeurIPS 2019) and "
            "Cohen, Menon & Veraszto (SIADS 2023): every printed result is derived, "
            "evaluated, certified and given a verdict."
        ),
        epilog="Run 'symdln verify' for the summary; 'symdln verify --list' lists claims.",
    )
    p.add_argument("--version", action="version", version=f"symdln {__version__}")
    sub = p.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    v = sub.add_parser(
        "verify",
        help="run the checks of the built-in claims and report verdicts",
        description=(
            "Run the registered checks and print the number of claims per verdict and one line per "
            "finding (fails, holds after correction, crashed; --verdict for the others). "
            "Exit status: 0 every check ran, 1 a check crashed, 2 usage error or a report file not "
            "written, 3 a claim has a verdict named by --fail-on."
        ),
    )
    _run_options(v)
    v.add_argument("--list", action="store_true", help="list the selected claims and exit")
    v.add_argument("--details", action="store_true",
                   help="also print every check with its method and full evidence")
    v.add_argument("--verdict", type=_names(tuple(VERDICT_NAMES), "verdict"), action="append",
                   metavar="NAMES", default=[],
                   help="list the claims with these verdicts (comma list of: "
                        f"{', '.join(VERDICT_NAMES)}; default: fails, corrected, error)")
    v.add_argument("--json", metavar="PATH", help="write the full report as JSON ('-': standard output)")
    v.add_argument("--markdown", metavar="PATH",
                   help="write the full report as Markdown, formulas as LaTeX math ('-': standard output)")
    v.add_argument("--html", metavar="PATH",
                   help="write the full report as one self-contained HTML page ('-': standard output)")
    v.add_argument("--fail-on", type=_names(tuple(FAIL_ON), "verdict"), action="append",
                   metavar="NAMES", default=[],
                   help="exit 3 when a claim has one of these verdicts (comma list of: "
                        f"{', '.join(FAIL_ON)})")
    v.add_argument("--strict", action="store_true",
                   help="deprecated: exit 3 unless every claim's verdict is HOLDS "
                        "(prefer --fail-on fails,corrected,inconclusive)")
    v.add_argument("--table1-data", action="append", metavar="NAME=PATH", default=[],
                   help="a data set for the Table 1 check (NAME: MNIST, CIFAR-10 or ImageNet, any case; "
                        "PATH: MNIST IDX dir, CIFAR or ImageNet-64 batch dir, .npz); repeatable")

    e = sub.add_parser("erratum", help="run the claims and write the erratum of their findings",
                       description="Run the selected claims (as 'symdln verify' does) and write the "
                                   "erratum into DIR; print the path of each file written.")
    e.add_argument("--out", metavar="DIR", type=Path, required=True,
                   help="output directory, created if missing")
    _run_options(e)

    f = sub.add_parser("figures", help="write the reproductions of the papers' figures",
                       description="Write every figure reproduction as PNG and PDF, with the plotted "
                                   "data as CSV.")
    f.add_argument("--out", metavar="DIR", type=Path, default=Path("figures"),
                   help="output directory, created if missing (default: ./figures)")
    f.add_argument("--only", action="append", metavar="NAME", default=[],
                   help="write only this figure; repeatable")
    f.add_argument("--list", action="store_true", help="list the figures and exit")

    c = sub.add_parser(
        "check",
        help="judge a claim, or your own formula or correction for it, through the claim's checks",
        description=(
            "Judge one claim: its printed formula and its registered correction, or the formula "
            "and/or correction you give (parsed by SymPy in the claim's symbols, see --symbols), "
            "through the same checks.  Exit status: 0 the checks ran, 1 a check crashed, "
            "2 usage error (unknown claim, bad formula, report file not written)."
        ),
    )
    c.add_argument("claim_id", metavar="CLAIM_ID", help="the claim's id (see 'symdln verify --list')")
    c.add_argument("--formula", metavar="EXPR", help="judge EXPR in place of the printed formula")
    c.add_argument("--correction", metavar="EXPR", help="judge EXPR as the correction")
    c.add_argument("--symbols", action="store_true", help="list the symbols a formula may use and exit")
    c.add_argument("--json", metavar="PATH",
                   help="write the report of this claim as JSON ('-': standard output)")

    d = sub.add_parser("docs", help="regenerate the docs' claims table and the sentence coverage "
                                    "(coverage.md beside it) from the registry, and the verdict column "
                                    "of the findings tables of the pages beside it from a run")
    d.add_argument("--out", metavar="PATH", type=Path, default=Path("docs/claims.md"),
                   help="where to write it (default: docs/claims.md)")
    d.add_argument("--quiet", action="store_true", help="no progress")
    d.add_argument("--jobs", "-j", type=_positive_int, metavar="N", default=None,
                   help="worker processes for the run (default: the number of processors)")
    d.set_defaults(thorough=False)
    return p


# --- output files ---------------------------------------------------------------------------


def _check_writable(path: str | os.PathLike[str] | None) -> None:
    from symdln.output import check_writable

    if path is None:
        return
    try:
        check_writable(path)
    except OSError as e:
        raise UsageError(f"cannot write report to {path}: {e.strerror or e}") from None


def _write(path: str | os.PathLike[str], text: str, stdout: TextIO | None = None) -> str | None:
    """Write a report atomically; the one-line error, or ``None`` when it was written."""
    from symdln.output import write_text

    try:
        write_text(path, text, stdout=stdout)
    except OSError as e:
        return f"cannot write {path}: {e.strerror or e}"
    return None


def _width() -> int:
    """Columns for the summary: the terminal's (or $COLUMNS), 80 when unknown; at least 40."""
    return max(40, shutil.get_terminal_size((80, 24)).columns)


# --- progress -------------------------------------------------------------------------------


class _ClaimTracker:
    """Follows the progress events of one claim to the moment its run is complete.

    The runner reports each check before and after it runs: first the claim's checks (the slow
    ones only with ``--thorough``), then, when the judged printed formula FAILS and the claim has
    a correction, its judging checks again on the correction (:func:`symdln.runner.run_claim`).
    ``add`` returns the claim's verdict name and seconds once the last of these has reported,
    combined as the runner combines them.
    """

    def __init__(self, claim: Any, thorough: bool) -> None:
        self.claim = claim
        self.thorough = thorough
        self.names = [c.name for c in claim.checks if thorough or not c.slow]
        self.base: dict[str, Any] = {}
        self.corr: dict[str, Any] = {}
        self.corr_names: list[str] | None = None

    def add(self, run: Any) -> tuple[str, float] | None:
        if self.corr_names is None:
            self.base[run.check.name] = run
            if len(self.base) < len(self.names):
                return None
            self.corr_names = self._correction_checks()
            if not self.corr_names:
                return self._done()
            return None
        self.corr[run.check.name] = run
        return self._done() if len(self.corr) >= len(self.corr_names) else None

    def _runs(self) -> list[Any]:
        return [self.base[n] for n in self.names if n in self.base]

    def _correction_checks(self) -> list[str]:
        from symdln.verdict import Verdict, combine

        runs = self._runs()
        judged = [r for r in runs if r.check.judge is not None and r.result is not None]
        corr = self.claim.correction
        if not judged or any(r.crashed for r in runs) or corr is None or corr.expr is None:
            return []
        if combine(r.result.verdict for r in judged) is not Verdict.FAILS:
            return []
        return [c.name for c in self.claim.judging if self.thorough or not c.slow]

    def _done(self) -> tuple[str, float]:
        from symdln.runner import CheckRun, ClaimRun
        from symdln.verdict import Verdict, corrected

        runs = self._runs()
        seconds = sum(r.seconds for r in runs) + sum(r.seconds for r in self.corr.values())
        if self.corr and not any(c.crashed for c in self.corr.values()):
            cex = next(r.result for r in runs if r.check.judge is not None and r.result is not None
                       and r.result.verdict is Verdict.FAILS)
            out = []
            for r in runs:
                c = self.corr.get(r.check.name)
                if c is None or c.result is None or r.result is None:
                    out.append(r)
                    continue
                base = r.result if r.result.verdict is Verdict.FAILS else cex
                out.append(CheckRun(r.check, corrected(base, c.result, self.claim.correction), None, 0.0))
            runs = out
        v = ClaimRun(self.claim, tuple(runs)).verdict
        return ("ERROR" if v is None else v.name), seconds


class _Progress:
    """Progress of a run on standard error: a rich bar on a terminal, otherwise one line per
    finished claim (``[12/117] eq21.limit HOLDS 0.4 s``), so that a piped run is never silent."""

    def __init__(self, claims: Sequence[Any], thorough: bool, stream: TextIO) -> None:
        self.total = len(claims)
        self.trackers = {c.id: _ClaimTracker(c, thorough) for c in claims}
        self.reported: set[str] = set()
        self.stream = stream
        self.bar: Any = None
        self.task: Any = None

    @contextmanager
    def active(self) -> Iterator[_Progress]:
        if not self.stream.isatty():
            yield self
            return
        from rich.console import Console
        from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

        with Progress(TextColumn("{task.description}"), BarColumn(),
                      TextColumn("{task.completed}/{task.total} claims"), TimeElapsedColumn(),
                      console=Console(file=self.stream), transient=True) as bar:
            self.bar, self.task = bar, bar.add_task("checking", total=self.total)
            try:
                yield self
            finally:
                self.bar = None

    def __call__(self, claim: Any, check: Any, run: Any) -> None:
        if run is None:
            if self.bar is not None:
                self.bar.update(self.task, description=f"{claim.id} / {check.name}")
            return
        tracker = self.trackers.get(claim.id)
        if tracker is None or claim.id in self.reported:
            return
        done = tracker.add(run)
        if done is not None:
            self._report(claim.id, *done)

    def _report(self, claim_id: str, verdict: str, seconds: float) -> None:
        self.reported.add(claim_id)
        if self.bar is not None:
            self.bar.advance(self.task)
        else:
            print(f"[{len(self.reported)}/{self.total}] {claim_id} {verdict} {seconds:.1f} s",
                  file=self.stream, flush=True)

    def finish(self, runs: Sequence[Any]) -> None:
        """Report the claims that sent no event (every check skipped as slow)."""
        from symdln.report import verdict_name

        for r in runs:
            if r.claim.id not in self.reported:
                self._report(r.claim.id, verdict_name(r), sum(c.seconds for c in r.checks))


def _run(claims: Sequence[Any], args: argparse.Namespace) -> list[Any]:
    """Run the claims with the command's options, reporting progress unless --quiet."""
    from symdln.runner import default_jobs, run_claims

    jobs = args.jobs or default_jobs()
    if args.quiet:
        return run_claims(claims, thorough=args.thorough, jobs=jobs)
    progress = _Progress(claims, args.thorough, sys.stderr)
    with progress.active():
        runs = run_claims(claims, progress, thorough=args.thorough, jobs=jobs)
        progress.finish(runs)
    return runs


def _select(patterns: Sequence[str]) -> tuple[Any, ...]:
    from symdln.claims import UnknownClaimError, select

    try:
        return select(patterns)
    except UnknownClaimError as e:
        raise UsageError(str(e)) from None


def _report_crashes(runs: Sequence[Any]) -> bool:
    crashed = False
    for r in runs:
        for cr in r.checks:
            if cr.crashed:
                crashed = True
                last = (cr.error or "").strip().splitlines()[-1:] or ["no traceback"]
                print(f"symdln: check {r.claim.id}/{cr.check.name} crashed: {last[0]}", file=sys.stderr)
    return crashed


# --- verify ---------------------------------------------------------------------------------


@contextmanager
def _table1_data(items: Sequence[str], quiet: bool) -> Iterator[dict[str, Any]]:
    """Validate the --table1-data sets (every file read, the (27) quantities computed) before any
    check runs, and pass their paths to the Table 1 check through ``$SYMDLN_TABLE1_DATA`` for the
    duration of the run."""
    if not items:
        yield {}
        return
    from symdln.checks.data_table1 import Table1DataError, user_deltas
    from symdln.datasets import TABLE1_ENV, parse_table1_data, table1_env_value

    try:
        paths = parse_table1_data(items)
    except ValueError as e:
        raise UsageError(f"--table1-data: {e}") from None
    users: dict[str, Any] = {}
    for name, path in paths.items():
        if not quiet:
            print(f"symdln: reading {name} from {path}", file=sys.stderr, flush=True)
        try:
            users.update(user_deltas({name: path}))
        except Table1DataError as e:
            raise UsageError(f"--table1-data {e.name}: {e.message}") from None
    before = os.environ.get(TABLE1_ENV)
    os.environ[TABLE1_ENV] = table1_env_value(paths)
    try:
        yield users
    finally:
        if before is None:
            os.environ.pop(TABLE1_ENV, None)
        else:
            os.environ[TABLE1_ENV] = before


def _fail_on_reason(runs: Sequence[Any], fail_on: Sequence[str], strict: bool) -> str | None:
    from symdln.report import verdict_name

    reasons = []
    hit = [n for n in fail_on if any(verdict_name(r) == FAIL_ON[n] for r in runs)]
    if hit:
        wanted = {FAIL_ON[n] for n in hit}
        ids = [r.claim.id for r in runs if verdict_name(r) in wanted]
        reasons.append(f"symdln: --fail-on {','.join(hit)}: {', '.join(ids)}")
    if strict:
        ids = [r.claim.id for r in runs if verdict_name(r) != "HOLDS"]
        if ids:
            reasons.append(f"symdln: --strict: not HOLDS: {', '.join(ids)}")
    return "\n".join(reasons) or None


def _verify(args: argparse.Namespace) -> int:
    claims = _select(args.claim)
    if args.list:
        for c in claims:
            print(f"{c.id:28s} {c.where}")
        return EXIT_OK
    from symdln.output import is_stdout

    reports = {flag: getattr(args, flag) for flag in ("json", "markdown", "html")}
    to_stdout = [f"--{flag}" for flag, path in reports.items() if is_stdout(path)]
    if len(to_stdout) > 1:
        raise UsageError(f"only one report can go to standard output, not {' and '.join(to_stdout)}")
    for path in reports.values():
        _check_writable(path)
    render_html: Callable[[Sequence[Any]], str] | None = None
    if args.html is not None:
        from symdln.html_report import render_html
    fail_on = list(dict.fromkeys(n for group in args.fail_on for n in group))
    shown = [n for group in args.verdict for n in group]
    if args.strict:
        print("symdln: warning: --strict is deprecated; use --fail-on fails,corrected,inconclusive "
              "(--strict also exits 3 on not-checkable claims)", file=sys.stderr)

    with _table1_data(args.table1_data, args.quiet) as users:
        runs = _run(claims, args)

    out = sys.stderr if to_stdout else sys.stdout
    if not args.quiet:
        _print_summary(runs, args.details, shown, users, out)
    status = EXIT_CRASH if _report_crashes(runs) else EXIT_OK
    from symdln.report import report_json, report_markdown

    render = {"json": report_json, "markdown": report_markdown, "html": render_html}
    for flag, path in reports.items():
        if path is None:
            continue
        fn = render[flag]
        assert fn is not None
        error = _write(path, fn(runs))
        if error is not None:
            print(f"symdln: error: {error}", file=sys.stderr)
            status = status or EXIT_USAGE
    reason = _fail_on_reason(runs, fail_on, args.strict)
    if reason is not None:
        print(reason, file=sys.stderr)
        status = status or EXIT_FAIL_ON
    return status


def _print_summary(runs: Sequence[Any], details: bool, shown: Sequence[str], users: dict[str, Any],
                   out: TextIO) -> None:
    from symdln.report import VERDICT_NAMES, rich_table, summary_lines, table1_lines

    wanted = None if not shown else {VERDICT_NAMES[n] for n in shown}
    if details:
        from rich.console import Console

        from symdln.report import verdict_name

        listed = runs if wanted is None else [r for r in runs if verdict_name(r) in wanted]
        Console(file=out, highlight=False).print(rich_table(listed))
    width = _width()
    lines = summary_lines(runs, width=width, shown=wanted)
    if users:
        lines += ["", *table1_lines(users, width=width)]
    if not details:
        lines += ["", "(every check and the full evidence: --details, --json PATH, --markdown PATH)"[:width]]
    print("\n".join(lines), file=out, flush=True)


# --- erratum, check, figures, docs ----------------------------------------------------------


def _make_dir(path: Path) -> None:
    """Create an output directory (and its parents); a failure is a usage error."""
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise UsageError(f"cannot create {path}: {e.strerror or e}") from None


def _erratum(args: argparse.Namespace) -> int:
    claims = _select(args.claim)
    from symdln.erratum import write_erratum

    _make_dir(args.out)
    _check_writable(args.out / "erratum")
    runs = _run(claims, args)
    status = EXIT_CRASH if _report_crashes(runs) else EXIT_OK
    try:
        paths = write_erratum(runs, args.out)
    except OSError as e:
        print(f"symdln: error: cannot write the erratum to {args.out}: {e.strerror or e}", file=sys.stderr)
        return status or EXIT_USAGE
    for path in paths:
        print(path)
    return status


def _check(args: argparse.Namespace) -> int:
    import sympy as sp

    from symdln.claims import UnknownClaimError, by_id
    from symdln.correction import FormulaError, parse_formula, render_text
    from symdln.notation import MEANING
    from symdln.output import is_stdout

    try:
        claim = by_id(args.claim_id)
    except UnknownClaimError as e:
        raise UsageError(f"{e} (see 'symdln verify --list')") from None
    symbols = claim.symbol_map
    if not claim.judging:
        raise UsageError(f"claim {claim.id!r} has no check that judges a formula yet")
    if args.symbols:
        width = max(8, *(len(n) for n in symbols))
        for name, sym in symbols.items():
            sign = ("matrix" if isinstance(sym, sp.MatrixSymbol) else "function"
                    if not isinstance(sym, sp.Symbol) else "positive" if sym.is_positive
                    else "non-negative" if sym.is_nonnegative else "real")
            print(f"{name:{width}s} {sign:13s} {MEANING.get(name, '')}".rstrip())
        print("Formulas are SymPy syntax: ** for powers, exp(), sqrt(), Implies(A, B), "
              "Equivalent(A, B), And(A, B), Eq(a, b).")
        return EXIT_OK
    _check_writable(args.json)
    try:
        formula = None if args.formula is None else parse_formula(args.formula, symbols)
        corr = None if args.correction is None else parse_formula(args.correction, symbols)
    except FormulaError as e:
        raise UsageError(str(e)) from None
    from symdln.runner import run_claim

    try:
        run = run_claim(claim, formula, corr)
    except FormulaError as e:
        raise UsageError(str(e)) from None
    out = sys.stderr if is_stdout(args.json) else sys.stdout
    print(f"{claim.id}  ({claim.where})", file=out)
    under_test = formula if formula is not None else claim.formula
    print(f"formula ({'yours' if formula is not None else 'printed'}): {render_text(under_test)}", file=out)
    _print_runs(run.formula_checks or run.checks, out)
    if run.correction is not None and run.correction_checks:
        print(f"correction ({'yours' if corr is not None else 'registered'}): {run.correction.statement}",
              file=out)
        _print_runs(run.correction_checks, out)
        cv = run.correction_verdict
        print(f"correction verdict: {cv.label if cv else 'crashed'}", file=out)
    v = run.verdict
    print(f"claim verdict: {v.label if v else 'crashed'}", file=out, flush=True)
    status = EXIT_CRASH if run.crashed or any(c.crashed for c in run.correction_checks) else EXIT_OK
    if args.json:
        from symdln.report import report_json

        error = _write(args.json, report_json([run]))
        if error is not None:
            print(f"symdln: error: {error}", file=sys.stderr)
            return status or EXIT_USAGE
    return status


def _print_runs(runs: Sequence[Any], out: TextIO) -> None:
    from symdln.verdict import jsonable

    for r in runs:
        if r.result is None:
            last = (r.error or "skipped").strip().splitlines()[-1]
            print(f"  {r.check.name:10s} {'skipped' if r.skipped else 'crashed'}: {last}", file=out)
            continue
        ev = r.result.evidence
        scope = f" ({ev.scope})" if ev.scope else ""
        print(f"  {r.check.name:10s} {r.result.verdict.label}{scope}", file=out)
        if r.result.verdict.name in ("FAILS", "HOLDS_AFTER_CORRECTION") and ev.counterexample:
            cex = ", ".join(f"{k}={jsonable(v)}" for k, v in ev.counterexample.items())
            print(f"             counterexample: {cex}", file=out)
        elif ev.notes:
            print(f"             {ev.notes}", file=out)


def _figures(args: argparse.Namespace) -> int:
    from symdln.figures import FIGURES

    figs = FIGURES
    if args.list:
        for fig in figs:
            print(f"{fig.name:24s} {fig.title}")
        return EXIT_OK
    known = {fig.name for fig in figs}
    for name in args.only:
        if name not in known:
            raise UsageError(f"no figure named {name!r} (see 'symdln figures --list')")
    if args.only:
        figs = tuple(fig for fig in figs if fig.name in args.only)
    if not figs:
        print("no figures are registered yet")
        return EXIT_OK
    from symdln.figures import save_figure

    _make_dir(args.out)
    _check_writable(args.out / "figure")
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    with _figure_progress(len(figs)) as step:
        for fig in figs:
            start = time.perf_counter()
            try:
                paths = save_figure(fig, args.out)
            except OSError as e:
                print(f"symdln: error: cannot write figure {fig.name} to {args.out}: {e.strerror or e}",
                      file=sys.stderr)
                return EXIT_USAGE
            finally:
                plt.close("all")
            for path in paths:
                print(path, flush=True)
            step(fig.name, len(paths), time.perf_counter() - start)
    return EXIT_OK


@contextmanager
def _figure_progress(total: int) -> Iterator[Callable[[str, int, float], None]]:
    """Per figure on standard error: a bar on a terminal, one line per figure otherwise."""
    done = 0
    if not sys.stderr.isatty():
        def line(name: str, files: int, seconds: float) -> None:
            nonlocal done
            done += 1
            print(f"[{done}/{total}] {name} {files} files {seconds:.1f} s", file=sys.stderr, flush=True)

        yield line
        return
    from rich.console import Console
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    with Progress(TextColumn("figures"), BarColumn(), TextColumn("{task.completed}/{task.total}"),
                  TimeElapsedColumn(), console=Console(file=sys.stderr), transient=True) as bar:
        task = bar.add_task("figures", total=total)
        yield lambda name, files, seconds: bar.advance(task)


def _docs(args: argparse.Namespace) -> int:
    from symdln.claims import CLAIMS
    from symdln.claims.sentences import SENTENCES
    from symdln.coverage import coverage_markdown
    from symdln.output import is_stdout
    from symdln.report import claims_table_markdown

    if is_stdout(args.out):
        raise UsageError("docs writes two files (the claims table and coverage.md beside it): give a path")
    coverage = args.out.parent / "coverage.md"
    for path in (args.out, coverage):
        _check_writable(path)
    for path, text in ((args.out, claims_table_markdown(CLAIMS)),
                       (coverage, coverage_markdown(SENTENCES, CLAIMS))):
        error = _write(path, text)
        if error is not None:
            print(f"symdln: error: {error}", file=sys.stderr)
            return EXIT_USAGE
    from symdln.docs_findings import findings_rows, set_verdicts
    from symdln.report import verdict_name
    from symdln.verdict import Verdict

    try:
        pages = sorted(page for page in args.out.parent.glob("*.md")
                       if findings_rows(page.read_text(encoding="utf-8")))
    except ValueError as e:
        raise UsageError(str(e)) from None
    from symdln.claims import by_id

    named = sorted({i for page in pages for _, ids, _ in findings_rows(page.read_text(encoding="utf-8"))
                    for i in ids})
    try:  # only the claims the tables name are run
        claims = [by_id(i) for i in named]
    except LookupError as e:
        raise UsageError(f"a findings table names an unknown claim: {e}") from None
    runs = _run(claims, args) if claims else []
    if _report_crashes(runs):
        return EXIT_CRASH
    labels = {r.claim.id: Verdict[verdict_name(r)].label for r in runs}
    try:
        texts = {p: set_verdicts(p.read_text(encoding="utf-8"), labels) for p in pages}
    except ValueError as e:
        raise UsageError(str(e)) from None
    for path, text in texts.items():
        if text != path.read_text(encoding="utf-8"):
            error = _write(path, text)
            if error is not None:
                print(f"symdln: error: {error}", file=sys.stderr)
                return EXIT_USAGE
    print(f"wrote {args.out} and {coverage}; the verdicts of the findings tables of "
          f"{', '.join(p.name for p in pages) or 'no page'}")
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``symdln`` console script; returns the exit status."""
    parser = _build_parser()
    try:
        args = parser.parse_args(argv)
        if args.command is None:
            parser.print_help()
            return EXIT_OK
        command = {"verify": _verify, "erratum": _erratum, "figures": _figures, "check": _check,
                   "docs": _docs}.get(args.command)
        if command is None:
            raise UsageError(f"unknown command {args.command!r}")
        return command(args)
    except UsageError as e:
        print(f"symdln: error: {e}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("symdln: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # output piped into a reader that stopped (e.g. head)
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
