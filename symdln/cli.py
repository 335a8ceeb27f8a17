"""The ``symdln`` command line.

Exit status of ``symdln verify``:

* 0 -- every check ran to a verdict (whatever the verdicts are);
* 1 -- at least one check crashed (its traceback is in the report);
* 2 -- usage error (unknown claim, bad flag value, unwritable output path);
* 3 -- with ``--strict``: every check ran, but some claim is not ``HOLDS``.

``symdln check CLAIM_ID [--formula EXPR] [--correction EXPR]`` judges one claim,
or a formula or correction a user proposes for it, through the claim's checks
(exit 0 when they ran, 1 on a crash, 2 on a bad claim id or formula).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from symdln import __version__

__all__ = ["main"]

EXIT_OK, EXIT_CRASH, EXIT_USAGE, EXIT_STRICT = 0, 1, 2, 3


class UsageError(Exception):
    """A user error: reported in one line, exit status 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(message)


def _build_parser() -> argparse.ArgumentParser:
    p = _Parser(
        prog="symdln",
        description=(
            "Checked mathematics for Gidel, Bach & Lacoste-Julien (NeurIPS 2019) and "
            "Cohen, Menon & Veraszto (SIADS 2023): every printed result is derived, "
            "evaluated, certified and given a verdict."
        ),
        epilog="Run 'symdln verify' for the full report; 'symdln verify --list' lists claims.",
    )
    p.add_argument("--version", action="version", version=f"symdln {__version__}")
    sub = p.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    v = sub.add_parser(
        "verify",
        help="run the checks of the built-in claims and report verdicts",
        description=(
            "Run every registered check and print a table of verdicts "
            "(holds, holds after correction, fails, inconclusive, not checkable). "
            "Exit status: 0 every check ran, 1 a check crashed, 2 usage error, "
            "3 with --strict some claim is not HOLDS."
        ),
    )
    v.add_argument("--claim", action="append", metavar="PATTERN", default=[],
                   help="run only claims whose id matches (glob, or an id prefix such as "
                        "'eq21'); repeatable")
    v.add_argument("--list", action="store_true", help="list the selected claims and exit")
    v.add_argument("--json", metavar="PATH", type=Path, help="write the full report as JSON")
    v.add_argument("--markdown", metavar="PATH", type=Path,
                   help="write the full report as Markdown")
    v.add_argument("--strict", action="store_true",
                   help="exit 3 unless every claim's verdict is HOLDS")
    v.add_argument("--quiet", action="store_true", help="no progress bar and no table")
    v.add_argument("--thorough", action="store_true",
                   help="also run the checks marked slow (deeper exact cases; minutes, not seconds)")
    v.add_argument("--jobs", "-j", type=_positive_int, metavar="N", default=None,
                   help="run the claims in N worker processes (default: the number of processors; "
                        "1 runs them in this process); the report does not depend on N")
    v.add_argument("--table1-data", action="append", metavar="NAME=PATH", default=[],
                   help="a data set for the Table 1 check (MNIST IDX dir, CIFAR or "
                        "ImageNet-64 batch dir, .npz); repeatable")

    f = sub.add_parser("figures", help="write the reproductions of the papers' figures",
                       description="Write every figure reproduction as PNG and SVG.")
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
            "2 usage error (unknown claim, bad formula)."
        ),
    )
    c.add_argument("claim_id", metavar="CLAIM_ID", help="the claim's id (see 'symdln verify --list')")
    c.add_argument("--formula", metavar="EXPR", help="judge EXPR in place of the printed formula")
    c.add_argument("--correction", metavar="EXPR", help="judge EXPR as the correction")
    c.add_argument("--symbols", action="store_true", help="list the symbols a formula may use and exit")
    c.add_argument("--json", metavar="PATH", type=Path, help="write the report of this claim as JSON")

    d = sub.add_parser("docs", help="regenerate the docs' claims table and the sentence coverage "
                                    "(coverage.md beside it) from the registry")
    d.add_argument("--out", metavar="PATH", type=Path, default=Path("docs/claims.md"),
                   help="where to write it (default: docs/claims.md)")
    return p


def _positive_int(text: str) -> int:
    try:
        n = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if n < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not at least 1")
    return n


def _check_writable(path: Path | None) -> None:
    if path is None:
        return
    if path.exists() and path.is_dir():
        raise UsageError(f"cannot write report to {path}: it is a directory")
    parent = path.parent if str(path.parent) else Path(".")
    if not parent.is_dir():
        raise UsageError(f"cannot write report to {path}: directory {parent} does not exist")
    try:
        with open(path, "a", encoding="utf-8"):
            pass
    except OSError as e:
        raise UsageError(f"cannot write report to {path}: {e.strerror}") from None


def _verify(args: argparse.Namespace) -> int:
    from rich.console import Console

    from symdln.claims import UnknownClaimError, select

    try:
        claims = select(args.claim)
    except UnknownClaimError as e:
        raise UsageError(str(e)) from None
    console = Console(stderr=False)
    if args.list:
        for c in claims:
            console.print(f"{c.id:28s} {c.where}", highlight=False, markup=False, soft_wrap=True)
        return EXIT_OK
    _check_writable(args.json)
    _check_writable(args.markdown)
    if args.table1_data:
        import os

        from symdln.datasets import TABLE1_ENV

        for item in args.table1_data:
            name, sep, path = item.partition("=")
            if not sep or not name or not path:
                raise UsageError(f"--table1-data wants NAME=PATH, got {item!r}")
            if not Path(path).exists():
                raise UsageError(f"--table1-data: {path} does not exist")
        os.environ[TABLE1_ENV] = ";".join(args.table1_data)

    from symdln.report import report_json, report_markdown, rich_table, summary_counts
    from symdln.runner import default_jobs, run_claims

    jobs = args.jobs or default_jobs()
    n_checks = sum(1 for c in claims for ch in c.checks if args.thorough or not ch.slow)
    if args.quiet:
        runs = run_claims(claims, thorough=args.thorough, jobs=jobs)
    else:
        from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

        with Progress(TextColumn("{task.description}"), BarColumn(),
                      TextColumn("{task.completed}/{task.total}"), TimeElapsedColumn(),
                      console=Console(stderr=True), transient=True) as progress:
            task = progress.add_task("checking", total=n_checks)

            def on_progress(claim, check, run):  # type: ignore[no-untyped-def]
                if run is None:
                    progress.update(task, description=f"{claim.id} / {check.name}")
                else:
                    progress.advance(task)

            runs = run_claims(claims, on_progress, thorough=args.thorough, jobs=jobs)
        console.print(rich_table(runs))
        counts = summary_counts(runs)
        console.print("  ".join(f"{k}: {v}" for k, v in counts.items() if v), highlight=False)
    if args.json:
        args.json.write_text(report_json(runs), encoding="utf-8")
    if args.markdown:
        args.markdown.write_text(report_markdown(runs), encoding="utf-8")
    if any(r.crashed for r in runs):
        for r in runs:
            for cr in r.checks:
                if cr.crashed:
                    last = (cr.error or "").strip().splitlines()[-1]
                    print(f"symdln: check {r.claim.id}/{cr.check.name} crashed: {last}",
                          file=sys.stderr)
        return EXIT_CRASH
    if args.strict and any(r.verdict is not None and r.verdict.name != "HOLDS" for r in runs):
        return EXIT_STRICT
    return EXIT_OK


def _check(args: argparse.Namespace) -> int:
    import sympy as sp

    from symdln.claims import UnknownClaimError, by_id
    from symdln.correction import FormulaError, parse_formula, render_text
    from symdln.notation import MEANING

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
    print(f"{claim.id}  ({claim.where})")
    under_test = formula if formula is not None else claim.formula
    print(f"formula ({'yours' if formula is not None else 'printed'}): {render_text(under_test)}")
    _print_runs(run.formula_checks or run.checks)
    if run.correction is not None and run.correction_checks:
        print(f"correction ({'yours' if corr is not None else 'registered'}): {run.correction.statement}")
        _print_runs(run.correction_checks)
        cv = run.correction_verdict
        print(f"correction verdict: {cv.label if cv else 'crashed'}")
    v = run.verdict
    print(f"claim verdict: {v.label if v else 'crashed'}")
    if args.json:
        from symdln.report import report_json

        args.json.write_text(report_json([run]), encoding="utf-8")
    return EXIT_CRASH if run.crashed or any(c.crashed for c in run.correction_checks) else EXIT_OK


def _print_runs(runs) -> None:  # type: ignore[no-untyped-def]
    from symdln.verdict import jsonable

    for r in runs:
        if r.result is None:
            last = (r.error or "skipped").strip().splitlines()[-1]
            print(f"  {r.check.name:10s} {'skipped' if r.skipped else 'crashed'}: {last}")
            continue
        ev = r.result.evidence
        scope = f" ({ev.scope})" if ev.scope else ""
        print(f"  {r.check.name:10s} {r.result.verdict.label}{scope}")
        if r.result.verdict.name in ("FAILS", "HOLDS_AFTER_CORRECTION") and ev.counterexample:
            cex = ", ".join(f"{k}={jsonable(v)}" for k, v in ev.counterexample.items())
            print(f"             counterexample: {cex}")
        elif ev.notes:
            print(f"             {ev.notes}")


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
    try:
        args.out.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise UsageError(f"cannot create {args.out}: {e.strerror}") from None
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from rich.progress import track

    for fig in track(figs, description="figures", console=None, transient=True):
        mfig, _data = fig.build()
        for ext in ("png", "svg"):
            path = args.out / f"{fig.name}.{ext}"
            try:
                mfig.savefig(path, dpi=150, bbox_inches="tight")
            except OSError as e:
                raise UsageError(f"cannot write {path}: {e.strerror}") from None
        plt.close(mfig)
        print(f"wrote {args.out / fig.name}.png and .svg")
    return EXIT_OK


def _docs(args: argparse.Namespace) -> int:
    from symdln.claims import CLAIMS
    from symdln.claims.sentences import SENTENCES
    from symdln.coverage import coverage_markdown
    from symdln.report import claims_table_markdown

    coverage = args.out.parent / "coverage.md"
    for path in (args.out, coverage):
        _check_writable(path)
    args.out.write_text(claims_table_markdown(CLAIMS), encoding="utf-8")
    coverage.write_text(coverage_markdown(SENTENCES, CLAIMS), encoding="utf-8")
    print(f"wrote {args.out} and {coverage}")
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``symdln`` console script."""
    parser = _build_parser()
    try:
        args = parser.parse_args(argv)
        if args.command is None:
            parser.print_help()
            return EXIT_OK
        if args.command == "verify":
            return _verify(args)
        if args.command == "figures":
            return _figures(args)
        if args.command == "check":
            return _check(args)
        if args.command == "docs":
            return _docs(args)
        raise UsageError(f"unknown command {args.command!r}")
    except UsageError as e:
        print(f"symdln: error: {e}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("symdln: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # output piped into a reader that stopped (e.g. head)
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
