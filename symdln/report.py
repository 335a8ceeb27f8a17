"""Turn claim runs into reports: a terminal summary, JSON, Markdown, a rich table; and the docs'
claims table.

* :func:`summary_lines` -- what ``symdln verify`` prints: counts by verdict, then one line per
  finding (:func:`finding`), clipped to a given width, never splitting a claim id;
* :func:`table1_lines` -- a user's Table 1 values beside the printed ones;
* :func:`rich_table` -- every check of every claim, with the full evidence (``--details``);
* :func:`report_json` / :func:`report_dict` -- the full report (schema below);
* :func:`report_markdown` -- the full report with the formulas and corrections as LaTeX math
  in ``$...$``, ready to paste into an erratum;
* :func:`claims_table_markdown` -- ``docs/claims.md``.

The JSON schema (``"schema": "symdln-report/1"``) is documented in
``docs/report-schema.md``; fields are only ever added, never renamed.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Collection, Iterable, Mapping, Sequence
from typing import Any

from symdln import __version__
from symdln.claims.record import PAPERS, Claim
from symdln.runner import CheckRun, ClaimRun
from symdln.verdict import Evidence, Verdict, jsonable

__all__ = [
    "FINDINGS",
    "SCHEMA",
    "VERDICT_NAMES",
    "claims_table_markdown",
    "finding",
    "report_dict",
    "report_json",
    "report_markdown",
    "rich_table",
    "short_where",
    "summary_counts",
    "summary_lines",
    "table1_lines",
    "verdict_name",
]

SCHEMA = "symdln-report/1"

#: the names a reader gives verdicts on the command line (``--verdict``, ``--fail-on``), and the
#: verdicts they stand for (``ERROR``: a check crashed)
VERDICT_NAMES: dict[str, str] = {
    "holds": "HOLDS",
    "corrected": "HOLDS_AFTER_CORRECTION",
    "fails": "FAILS",
    "inconclusive": "INCONCLUSIVE",
    "not-checkable": "NOT_CHECKABLE",
    "error": "ERROR",
}

#: the verdicts the terminal summary lists by default, in the order it lists them
#: the verdicts the terminal summary lists by default (the others are counted; ``--verdict`` lists them)
FINDINGS = ("FAILS", "HOLDS_AFTER_CORRECTION", "ERROR")

_ORDER = ("FAILS", "HOLDS_AFTER_CORRECTION", "INCONCLUSIVE", "ERROR", "NOT_CHECKABLE", "HOLDS")

_STYLE = {
    Verdict.HOLDS: "green",
    Verdict.HOLDS_AFTER_CORRECTION: "yellow",
    Verdict.FAILS: "red",
    Verdict.INCONCLUSIVE: "magenta",
    Verdict.NOT_CHECKABLE: "dim",
}


def verdict_name(run: ClaimRun) -> str:
    """The claim's verdict name, ``ERROR`` when a check crashed."""
    v = run.verdict
    return "ERROR" if v is None else v.name


_verdict_name = verdict_name


def summary_counts(runs: Sequence[ClaimRun]) -> dict[str, int]:
    """Number of claims per verdict (``ERROR`` for a crashed check)."""
    counts = Counter(verdict_name(r) for r in runs)
    keys = [v.name for v in Verdict] + ["ERROR"]
    return {k: counts.get(k, 0) for k in keys}


def scope_counts(runs: Sequence[ClaimRun]) -> dict[str, int]:
    """Of the claims that hold (after a correction or not), how many are proved for the whole
    domain (``general``) and how many on listed instances (:attr:`ClaimRun.scope`)."""
    counts = Counter(r.scope for r in runs if r.scope is not None)
    return {"general": counts.get("general", 0), "instances": counts.get("instances", 0)}


def _scope_line(runs: Sequence[ClaimRun]) -> str | None:
    sc = scope_counts(runs)
    if not sc["general"] + sc["instances"]:
        return None
    return f"holding: {sc['general']} proved for the whole domain, {sc['instances']} on listed instances"


def _first_sentence(text: str) -> str:
    """Up to the first full stop that ends a sentence (not the one in 0.70 or Thm. 3)."""
    m = re.search(r"(?<!\b[A-Z][a-z])(?<!\b[A-Z][a-z]{2})(?<!\beq)(?<!\bal)(?<!\be\.g)(?<!\bi\.e)\.(\s|$)",
                  text)
    return text[: m.start()] if m else text


def _pairs(mapping: Mapping[str, Any]) -> str:
    return ", ".join(f"{k}={jsonable(v)}" for k, v in mapping.items())


def _decisive(run: ClaimRun) -> CheckRun | None:
    """The check whose verdict is the claim's (the most severe; the first of equals)."""
    ran = [c for c in run.checks if c.result is not None]
    return max(ran, key=lambda c: c.result.verdict.severity if c.result else -1, default=None)


def _evidence_text(ev: Evidence, verdict: Verdict) -> str:
    """The full finding of one check's evidence, in a sentence."""
    if verdict is Verdict.HOLDS_AFTER_CORRECTION and ev.corrected_statement:
        return f"holds as: {ev.corrected_statement}"
    if ev.counterexample:
        return f"counterexample: {_pairs(ev.counterexample)}"
    if verdict in (Verdict.HOLDS, Verdict.FAILS):
        for label, value in (("residual", ev.residual), ("margin", ev.margin)):
            if value:
                return f"{ev.method.split(';')[0]}, {label} {value}"
        scope = {"general": " (whole domain)", "instances": " (on listed instances)"}.get(ev.scope or "", "")
        return ev.method.split(";")[0] + scope
    return _first_sentence(ev.notes) if ev.notes else ev.method.split(";")[0]


def finding(run: ClaimRun) -> str:
    """What a claim's run found, in one sentence (full text; the terminal summary clips it).

    FAILS: the certified counterexample; HOLDS_AFTER_CORRECTION: the correction that holds;
    INCONCLUSIVE / NOT_CHECKABLE: why (the first sentence of the notes); HOLDS: the method and
    its scope; ERROR: the check that crashed and the last line of its traceback.
    """
    v = run.verdict
    if v is None:
        bad = next(c for c in run.checks if c.crashed)
        last = (bad.error or "").strip().splitlines()[-1:] or ["no traceback"]
        return f"check {bad.check.name} crashed: {last[0]}"
    dec = _decisive(run)
    assert dec is not None and dec.result is not None
    if v is Verdict.HOLDS_AFTER_CORRECTION and run.correction is not None:
        return f"holds as: {run.correction.statement}"
    if v is Verdict.FAILS and dec.result.verdict is Verdict.HOLDS_AFTER_CORRECTION:
        # the printed claim is refuted; another check leaves the correction unestablished
        ce = dec.result.evidence.counterexample or {}
        return f"counterexample: {_pairs(ce)}; the correction is not established by every check"
    return _evidence_text(dec.result.evidence, dec.result.verdict)


def _clip(text: str, limit: int) -> str:
    text = re.sub(r"\s*\n\s*", " ", text)
    if limit <= 0:
        return ""
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"


def _wrap_items(items: Sequence[str], width: int) -> list[str]:
    """``items`` joined by ", " into lines of at most ``width`` columns, never splitting an item."""
    lines = [items[0]]
    for item in items[1:]:
        if len(lines[-1]) + 2 + len(item) <= width:
            lines[-1] += ", " + item
        else:
            lines[-1] += ","
            lines.append(item)
    return lines


def summary_lines(runs: Sequence[ClaimRun], width: int = 80,
                  shown: Collection[str] | None = None) -> list[str]:
    r"""The terminal summary of ``symdln verify``: counts by verdict, then the findings.

    ``shown`` is the set of verdict names whose claims are listed (default :data:`FINDINGS`:
    FAILS, then HOLDS_AFTER_CORRECTION, then ERROR; a last line names the option that lists the
    inconclusive ones); each claim gets one line: its id (whole, whatever the width), where in the
    paper (:func:`short_where`), and :func:`finding`, the last two clipped so that the line fits in
    ``width`` columns (when the id leaves room).  Nothing depends on the terminal: the caller
    passes the width.

    >>> from symdln.claims.record import Check, Claim
    >>> from symdln.runner import run_claims
    >>> from symdln.verdict import CheckResult
    >>> ok = Claim("demo.ok", "paper1", "eq. (1)", "1 = 1", "none",
    ...            (Check("c", lambda: CheckResult(Verdict.HOLDS, Evidence("exact")), "s"),))
    >>> bad = Claim("demo.bad", "paper1", "Thm. 9, eq. (99)", "1 = 2", "none",
    ...             (Check("c", lambda: CheckResult(Verdict.FAILS,
    ...                    Evidence("exact", counterexample={"x": 1, "y": "1/3"})), "s"),))
    >>> print("\n".join(summary_lines(run_claims([ok, bad]), width=70)))
    2 claims: holds 1, fails 1
    holding: 0 proved for the whole domain, 1 on listed instances
    <BLANKLINE>
    fails (1) -- counterexample
      demo.bad  Thm. 9, eq. (99)  x=1, y=1/3
    """
    counts = summary_counts(runs)
    names = {v: k for k, v in VERDICT_NAMES.items()}
    items = [f"{names[k]} {n}" for k, n in counts.items() if n]
    head = f"{len(runs)} claim{'s' if len(runs) != 1 else ''}: "
    lines = _wrap_items([head + items[0], *items[1:]] if items else [head.rstrip(": ")], width)
    scope = _scope_line(runs)
    if scope is not None:
        lines.append(_clip(scope, width))
    wanted = FINDINGS if shown is None else tuple(k for k in _ORDER if k in set(shown))
    listed = [r for r in runs if verdict_name(r) in wanted]
    hint = []
    if shown is None and counts.get("INCONCLUSIVE"):
        hint = ["", _clip(f"({counts['INCONCLUSIVE']} inconclusive, each with the missing step: "
                          "--verdict inconclusive)", width)]
    if not listed:
        return lines + hint
    id_w = max(len(r.claim.id) for r in listed)
    where_full = max(len(short_where(r.claim.where)) for r in listed)
    # the place in the paper gets a third of what the id leaves (12 to 40 columns), the finding the rest
    where_w = min(where_full, 40, max(12, (width - id_w - 6) // 3))
    for name in wanted:
        group = [r for r in listed if verdict_name(r) == name]
        if not group:
            continue
        label = _GROUP_LABEL.get(name, "")
        lines += ["", _clip(f"{names[name]} ({len(group)}){label}", width)]
        for r in group:
            rest = width - 2 - id_w - 2
            where = _clip(short_where(r.claim.where), min(where_w, max(rest, 0)))
            line = f"  {r.claim.id:<{id_w}}  {where:<{where_w}}"
            room = width - len(line) - 2
            text = finding(r)
            if label and text.startswith(_PREFIX[name]):  # the group's heading says it once
                text = text[len(_PREFIX[name]):]
            line = line + "  " + _clip(text, room) if room >= 8 else f"  {r.claim.id}"
            lines.append(line.rstrip())
    return lines + hint


#: what a finding line of the group shows, said once in the group's heading (and cut from each line)
_PREFIX = {"FAILS": "counterexample: ", "HOLDS_AFTER_CORRECTION": "holds as: "}
_GROUP_LABEL = {"FAILS": " -- counterexample", "HOLDS_AFTER_CORRECTION": " -- the statement that holds"}

_NUMBERED = re.compile(r"(eq\.|eqs\.|Thm\.|Cor\.|Lemma|Prop\.|Fig\.|Table|Assump\.|App\.)")


def short_where(where: str) -> str:
    """Where in the paper, without the section when a numbered object follows it.

    >>> short_where("Sec. 3.2, Thm. 3, upper bound")
    'Thm. 3, upper bound'
    >>> short_where("Sec. 3.1, before Cor. 1")
    'Sec. 3.1, before Cor. 1'
    """
    head, sep, rest = where.partition(", ")
    if sep and head.startswith("Sec.") and _NUMBERED.match(rest):
        return rest
    return where


def table1_lines(users: Mapping[str, Any], width: int = 80) -> list[str]:
    """A user's Table 1 values (raw data, float64) beside the values the paper prints.

    ``users`` maps a data set's name to its computed quantities, as
    :func:`symdln.checks.data_table1.user_deltas` returns them.  Delta_xy is the minimum over
    the admissible U of (27), Delta_x the corrected reading (the printed one divides by n
    once too often, see ``eq27.delta_x``).
    """
    from symdln.reference import load_table1

    printed = {r["dataset"].casefold(): r for r in load_table1()["rows"]}
    lines = [_clip("Table 1 on your data (float64, raw X), beside the printed values:", width)]
    name_w = max((len(n) for n in users), default=0)
    for name, entry in users.items():
        raw = entry["raw"]
        row = printed.get(name.casefold())
        pxy = f" (printed {row['delta_xy']})" if row else ""
        px = f" (printed {row['delta_x']})" if row else ""
        text = (f"  {name:<{name_w}}  Delta_xy {raw['delta_xy_min']:.3g}{pxy}  "
                f"Delta_x {raw['delta_x_corrected']:.3g}{px}  n={raw['n']} d={raw['d']}")
        lines.append(_clip(text, width))
    return lines


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
                "verdict": verdict_name(r),
                "scope": r.scope,
                "finding": finding(r),
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
        "scope": scope_counts(runs),
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
    return _md_text(text).replace("|", "\\|").replace("\n", " ")


def _md_text(text: str | None) -> str:
    """Prose for Markdown: a literal ``$`` escaped, so that it never opens math."""
    return (text or "").replace("$", "\\$")


def _math(latex: str) -> str:
    """Inline math: ``$...$`` around LaTeX (rendered from the registry's SymPy object)."""
    return f"${' '.join(latex.split())}$"


def _math_cell(latex: str) -> str:
    r"""Inline math for a Markdown table cell: a bar would end the cell, so ``\|`` becomes
    ``\Vert`` and ``|`` becomes ``\vert`` (the same symbols, no bar character left).

    >>> print(_math_cell(r"\left|{Q}\right| + \|W\|"))
    $\left\vert {Q}\right\vert + \Vert W\Vert$
    """
    return _math(latex.replace("\\|", "\\Vert ").replace("|", "\\vert "))


def _md_correction(r: ClaimRun) -> list[str]:
    corr = r.correction or r.claim.correction
    if corr is None:
        return []
    if corr.latex is None:
        return [f"Correction (not a formula): {_md_text(corr.statement)}", ""]
    v = r.correction_verdict
    judged = "" if v is None else f" ({v.label} when judged by the same checks)"
    context = f", {_md_text(corr.context)}" if corr.context else ""
    return [f"Correction{judged}: {_math(corr.latex)}{context}", ""]


def report_markdown(runs: Sequence[ClaimRun]) -> str:
    r"""The report as Markdown: a summary table and one section per claim.

    Formulas are math: the printed formula and the correction are the registry's SymPy objects
    rendered by :func:`sympy.latex` between ``$`` delimiters (a corrected statement in a check's
    evidence too, when it is the claim's correction), so they can be pasted into an erratum; a
    ``$`` in prose is escaped (``\$``).
    """
    from symdln.correction import render_latex

    d = report_dict(runs)
    lines = ["# symdln verification report", "", f"symdln {d['symdln_version']}", ""]
    lines += ["| verdict | claims |", "| --- | --- |"]
    lines += [f"| {k} | {v} |" for k, v in d["summary"].items() if v]
    scope = _scope_line(runs)
    if scope is not None:
        lines += ["", scope[0].upper() + scope[1:] + "."]
    lines += ["", "| claim | where | verdict |", "| --- | --- | --- |"]
    lines += [f"| `{c['id']}` | {_md_cell(c['where'])} | {_verdict_cell(c)} |" for c in d["claims"]]
    for r, c in zip(runs, d["claims"], strict=True):
        corr = r.correction or r.claim.correction
        lines += ["", f"## `{c['id']}`: {c['verdict']}", ""]
        lines += [f"*{_md_text(c['where'])}* ({c['paper']})", "", f"> {_md_cell(c['statement'])}", ""]
        lines += [f"Domain: {_md_text(c['domain'])}", ""]
        if c["scope"] is not None:
            lines += [f"Scope: {'the whole domain' if c['scope'] == 'general' else 'listed instances'}", ""]
        if r.claim.formula is not None:
            lines += [f"Printed formula: {_math(render_latex(r.claim.formula))}", ""]
        lines += _md_correction(r)
        if r.verdict is Verdict.HOLDS_AFTER_CORRECTION and corr is not None and corr.latex is not None:
            context = f", {_md_text(corr.context)}" if corr.context else ""
            lines += [f"Finding: holds as {_math(corr.latex)}{context}", ""]
        else:
            lines += [f"Finding: {_md_text(c['finding'])}", ""]
        for f in c["formal"]:
            on = "" if f["domain"] == "True" else f" on {_md_cell(f['domain'])}"
            lines += [f"Formally proved ({f['prover']}): `{f['file']}`, theorem `{f['theorem']}`: the "
                      f"{f['proves']}{on}, for every value of its symbols", ""]
        for ch in c["checks"]:
            lines += [f"### {ch['name']}: {ch['verdict']}", "", _md_text(ch["summary"]), ""]
            if ch["error"]:
                lines += ["```", ch["error"].rstrip(), "```", ""]
                continue
            if ch["evidence"] is None:  # skipped: slow, run with --thorough
                lines += ["- skipped (slow; `symdln verify --thorough` runs it)", ""]
                continue
            ev = ch["evidence"]
            for key in ("method", "precision", "scope", "residual", "margin", "corrected_statement",
                        "proof", "notes"):
                if not ev.get(key):
                    continue
                if (key == "corrected_statement" and corr is not None and corr.latex is not None
                        and ev[key] == corr.statement):
                    context = f", {_md_text(corr.context)}" if corr.context else ""
                    lines.append(f"- **{key}**: {_math(corr.latex)}{context}")
                else:
                    lines.append(f"- **{key}**: {_md_cell(str(ev[key]))}")
            for key in ("parameters", "counterexample"):
                if ev.get(key):
                    lines.append(f"- **{key}**: `{json.dumps(ev[key], ensure_ascii=False)}`")
            lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def _check_text(cr: CheckRun) -> tuple[str, str, str]:
    """(verdict markup, method, full evidence) of one check, for the details table."""
    if cr.skipped:
        return "[dim]skipped[/]", "", "slow; --thorough runs it"
    if cr.result is None:
        last = (cr.error or "").strip().splitlines()[-1:] or [""]
        return "[bold red]ERROR[/]", "", last[0]
    v, ev = cr.result.verdict, cr.result.evidence
    return f"[{_STYLE[v]}]{v.label}[/]", ev.method, _evidence_text(ev, v)


def rich_table(runs: Sequence[ClaimRun]) -> Any:
    """A :class:`rich.table.Table` with one row per check (``symdln verify --details``): the claim,
    where, its verdict (on its first check's row), the check's verdict, method and full evidence."""
    from rich.markup import escape
    from rich.table import Table

    table = Table(title="symdln verify: every check", show_lines=True)
    for col in ("claim", "where", "claim verdict", "check", "check verdict", "method", "evidence"):
        table.add_column(col, overflow="fold")
    for r in runs:
        v = r.verdict
        label = "[bold red]ERROR[/]" if v is None else f"[{_STYLE[v]}]{v.label}[/]"
        if r.claim.formal:
            label += " [bold](formal)[/]"
        for k, cr in enumerate(r.checks):
            verdict, method, evidence = _check_text(cr)
            first = k == 0
            table.add_row(escape(r.claim.id) if first else "", escape(r.claim.where) if first else "",
                          label if first else "", escape(cr.check.name), verdict, escape(method),
                          escape(evidence))
    return table


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
            ctext = ("" if corr is None
                     else _math_cell(corr.latex) if corr.latex else _md_cell(corr.statement))
            syms = ", ".join(f"`{k}`" for k in c.symbol_map)
            assert c.formula is not None
            formal = ", ".join(f"`{f.where}`" for f in c.formal)
            lines.append(f"| `{c.id}` | {_math_cell(render_latex(c.formula))} | {ctext} | {syms} "
                         f"| {formal} |")
    return "\n".join(lines) + "\n"
