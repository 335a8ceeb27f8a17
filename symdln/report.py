"""Turn claim runs into reports: JSON, Markdown, a rich table; and the docs' claims table.

The JSON schema (``"schema": "symdln-report/1"``) is documented in
``docs/report-schema.md``; fields are only ever added, never renamed.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any

from symdln import __version__
from symdln.claims.record import PAPERS, Claim
from symdln.runner import ClaimRun
from symdln.verdict import Verdict

__all__ = [
    "SCHEMA",
    "claims_table_markdown",
    "report_dict",
    "report_json",
    "report_markdown",
    "rich_table",
    "summary_counts",
]

SCHEMA = "symdln-report/1"

_STYLE = {
    Verdict.HOLDS: "green",
    Verdict.HOLDS_AFTER_CORRECTION: "yellow",
    Verdict.FAILS: "red",
    Verdict.INCONCLUSIVE: "magenta",
    Verdict.NOT_CHECKABLE: "dim",
}


def _verdict_name(run: ClaimRun) -> str:
    v = run.verdict
    return "ERROR" if v is None else v.name


def summary_counts(runs: Sequence[ClaimRun]) -> dict[str, int]:
    """Number of claims per verdict (``ERROR`` for a crashed check)."""
    counts = Counter(_verdict_name(r) for r in runs)
    keys = [v.name for v in Verdict] + ["ERROR"]
    return {k: counts.get(k, 0) for k in keys}


def report_dict(runs: Sequence[ClaimRun]) -> dict[str, Any]:
    """The full report as a JSON-ready dictionary.

    ``thorough`` is true when no check was skipped."""
    claims = []
    for r in runs:
        c = r.claim
        checks = []
        for cr in r.checks:
            entry: dict[str, Any] = {
                "name": cr.check.name,
                "summary": cr.check.summary,
                "seconds": round(cr.seconds, 4),
            }
            if cr.skipped:
                entry.update(verdict="SKIPPED", method=None, evidence=None, error=None)
            elif cr.result is None:
                entry.update(verdict="ERROR", method=None, evidence=None, error=cr.error)
            else:
                entry.update(
                    verdict=cr.result.verdict.name,
                    method=cr.result.evidence.method,
                    evidence=cr.result.evidence.to_dict(),
                    error=None,
                )
            checks.append(entry)
        claims.append(
            {
                "id": c.id,
                "paper": c.paper,
                "where": c.where,
                "statement": c.statement,
                "domain": c.domain,
                "uses": list(c.uses),
                "verdict": _verdict_name(r),
                "formula": _formula(c.formula),
                "correction": _correction(r),
                "formal": _formal(c),
                "checks": checks,
            }
        )
    return {
        "schema": SCHEMA,
        "symdln_version": __version__,
        "papers": dict(PAPERS),
        "summary": summary_counts(runs),
        "thorough": not any(cr.skipped for r in runs for cr in r.checks),
        "claims": claims,
    }


def _formula(expr: Any) -> dict[str, str] | None:
    from symdln.correction import render_latex, render_text

    return None if expr is None else {"text": render_text(expr), "latex": render_latex(expr)}


def _correction(r: ClaimRun) -> dict[str, Any] | None:
    corr = r.correction or r.claim.correction
    if corr is None:
        return None
    v = r.correction_verdict
    return {"statement": corr.statement, "latex": corr.latex,
            "verdict": None if v is None else v.name,
            "checks": {cr.check.name: (None if cr.result is None else cr.result.verdict.name)
                       for cr in r.correction_checks}}


def _formal(claim: Claim) -> list[dict[str, str]]:
    from symdln.correction import render_text

    return [{"file": f.file, "theorem": f.theorem, "proves": f.proves, "prover": "Coq",
             "domain": render_text(f.domain)} for f in claim.formal]


def _verdict_cell(c: dict[str, Any]) -> str:
    return c["verdict"] + (" (formal)" if c["formal"] else "")


def report_json(runs: Sequence[ClaimRun]) -> str:
    """The report as JSON text."""
    return json.dumps(report_dict(runs), indent=2, ensure_ascii=False) + "\n"


def _md_cell(text: str | None) -> str:
    return (text or "").replace("|", "\\|").replace("\n", " ")


def report_markdown(runs: Sequence[ClaimRun]) -> str:
    """The report as Markdown: a summary table and one section per claim."""
    d = report_dict(runs)
    lines = ["# symdln verification report", "", f"symdln {d['symdln_version']}", ""]
    lines += ["| verdict | claims |", "| --- | --- |"]
    lines += [f"| {k} | {v} |" for k, v in d["summary"].items() if v]
    lines += ["", "| claim | where | verdict |", "| --- | --- | --- |"]
    lines += [f"| `{c['id']}` | {_md_cell(c['where'])} | {_verdict_cell(c)} |" for c in d["claims"]]
    for c in d["claims"]:
        lines += ["", f"## `{c['id']}`: {c['verdict']}", ""]
        lines += [f"*{c['where']}* ({c['paper']})", "", f"> {_md_cell(c['statement'])}", ""]
        lines += [f"Domain: {c['domain']}", ""]
        for f in c["formal"]:
            on = "" if f["domain"] == "True" else f" on {_md_cell(f['domain'])}"
            lines += [f"Formally proved ({f['prover']}): `{f['file']}`, theorem `{f['theorem']}`: the "
                      f"{f['proves']}{on}, for every value of its symbols", ""]
        for ch in c["checks"]:
            lines += [f"### {ch['name']}: {ch['verdict']}", "", ch["summary"], ""]
            if ch["error"]:
                lines += ["```", ch["error"].rstrip(), "```", ""]
                continue
            if ch["evidence"] is None:  # skipped: slow, run with --thorough
                lines += ["- skipped (slow; `symdln verify --thorough` runs it)", ""]
                continue
            ev = ch["evidence"]
            for key in ("method", "precision", "scope", "residual", "margin", "corrected_statement",
                        "proof", "notes"):
                if ev.get(key):
                    lines.append(f"- **{key}**: {_md_cell(str(ev[key]))}")
            for key in ("parameters", "counterexample"):
                if ev.get(key):
                    lines.append(f"- **{key}**: `{json.dumps(ev[key], ensure_ascii=False)}`")
            lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def rich_table(runs: Sequence[ClaimRun]) -> Any:
    """A :class:`rich.table.Table` with one row per claim."""
    from rich.table import Table

    table = Table(title="symdln verify", show_lines=False)
    for col in ("claim", "where", "verdict", "method", "key evidence"):
        table.add_column(col, overflow="fold")
    for r in runs:
        v = r.verdict
        if v is None:
            first_error = next(c for c in r.checks if c.crashed)
            last_line = (first_error.error or "").strip().splitlines()[-1]
            table.add_row(r.claim.id, r.claim.where, "[bold red]ERROR[/]",
                          first_error.check.name, last_line)
            continue
        decisive = max(
            (c for c in r.checks if c.result is not None),
            key=lambda c: c.result.verdict.severity if c.result else -1,
        )
        assert decisive.result is not None
        ev = decisive.result.evidence
        if v is Verdict.HOLDS_AFTER_CORRECTION and ev.corrected_statement:
            key = "fix: " + ev.corrected_statement
        else:
            key = ev.key()
        holds = v in (Verdict.HOLDS, Verdict.HOLDS_AFTER_CORRECTION)
        scope = "on listed instances: " if holds and any(
            c.result is not None and c.result.evidence.scope == "instances" for c in r.checks
        ) else ""
        formal = " [bold](formal)[/]" if r.claim.formal else ""
        table.add_row(r.claim.id, r.claim.where, f"[{_STYLE[v]}]{v.label}[/]{formal}",
                      _clip(scope + ev.method.split(";")[0], 60), _clip(key, 90))
    return table


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 3] + "..."


def claims_table_markdown(claims: Iterable[Claim]) -> str:
    """The docs' claims table (``docs/claims.md``), generated from the registry, and the table of
    the claims judged as formulas, with their corrections rendered from the registry's formulas."""
    claims = list(claims)
    lines = [
        "<!-- generated by `symdln docs`; do not edit by hand -->",
        "# Claims registry",
        "",
        "Every printed result symdln judges, generated from `symdln.claims.CLAIMS`.",
        "Run `symdln verify` for the verdicts.",
        "",
        "| id | paper | where | statement as printed | checks | uses |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for c in claims:
        checks = ", ".join(f"`{k.name}`" + (" (judges a formula)" if k.judge else "") for k in c.checks)
        uses = ", ".join(f"`{u}`" for u in c.uses)
        lines.append(
            f"| `{c.id}` | {c.paper} | {_md_cell(c.where)} | {_md_cell(c.statement)} "
            f"| {checks} | {uses} |"
        )
    judged = [c for c in claims if c.judging]
    if judged:
        from symdln.correction import render_latex

        lines += [
            "",
            "## Claims judged as formulas",
            "",
            "The printed formula and the correction are SymPy objects in the registry; the same "
            "checks judge both (and any formula given to `symdln check`).  Rendered from the "
            "registry:",
            "",
            "| id | printed formula | correction | symbols | formal proof |",
            "| --- | --- | --- | --- | --- |",
        ]
        for c in judged:
            corr = c.correction
            ctext = "" if corr is None else (f"${corr.latex}$" if corr.latex else _md_cell(corr.statement))
            syms = ", ".join(f"`{k}`" for k in c.symbol_map)
            assert c.formula is not None
            formal = ", ".join(f"`{f.where}`" for f in c.formal)
            lines.append(f"| `{c.id}` | ${render_latex(c.formula)}$ | {_md_cell(ctext)} | {syms} "
                         f"| {formal} |")
    return "\n".join(lines) + "\n"
