r"""An erratum per paper, from the verdicts: LaTeX source and the same content as HTML
(``symdln erratum --out DIR``).

A *finding* is a claim whose printed statement is refuted by a certified counterexample: verdict
``FAILS`` (no proved correction) or ``HOLDS_AFTER_CORRECTION`` (the registered correction is proved).
Claims that hold, and those the checks could not decide (``INCONCLUSIVE``, ``NOT_CHECKABLE``), are
not findings.  The findings are ordered by severity (:data:`KINDS`), each kind read off registry
data, never off a list of ids:

1. ``theorem`` -- the claim's ``where`` names a theorem, corollary, lemma or proposition as the
   place of the statement (a part of it such as ``Thm. 3`` or ``Cor. 3``; not ``after Thm. 2`` or
   ``proof sketch of Thm. 3``);
2. ``formula`` -- otherwise, the claim is judged as a formula (``Claim.formula``) or its ``where``
   cites an equation number (``eq. (n)``);
3. ``statement`` -- any other printed sentence (abstract, remarks, tables);
4. ``misprint`` -- whatever its place, the evidence of a refuting check says the failure is
   ``a misprint`` (the registry's convention, :mod:`symdln.claims.paper1_prose`): a typo, not a
   mathematical error.

Each item gives the statement as printed (the quoted text, and the printed formula as real LaTeX
generated from the registry's SymPy object), what is wrong (the evidence's notes), the smallest
certified counterexample, the corrected statement (``sympy.latex`` of ``Correction.expr``, or the
correction's reason where it is not a formula) and how it is proved (the checks' methods and scope,
the proof scripts, the Coq theorems of ``claim.formal``).  The LaTeX uses the ``article`` class and
``amsmath`` only.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sympy as sp

from symdln.claims.record import PAPERS
from symdln.correction import Correction
from symdln.render import (
    FINDINGS,
    failing_checks,
    formal_phrase,
    format_value,
    html_text,
    latex_text,
    relative_link,
    scope_phrase,
    smallest_counterexample,
    to_latex,
    to_mathml,
)
from symdln.report import report_dict
from symdln.runner import ClaimRun

__all__ = ["KINDS", "Finding", "erratum_html", "erratum_latex", "findings", "kind_of_finding",
           "write_erratum"]

#: the kinds of finding, most severe first, with the heading of their section
KINDS: dict[str, str] = {
    "theorem": "Wrong theorems, corollaries, lemmas and propositions",
    "formula": "Wrong formulas",
    "statement": "Wrong statements in the text",
    "misprint": "Misprints",
}

_THEOREM = re.compile(r"^(Thm|Theorem|Cor|Corollary|Lemma|Prop|Proposition)\.?\s+[0-9A-Z]")
_EQUATION = re.compile(r"\beq\.\s*\(\d+\)")
_MISPRINT = re.compile(r"(?<!not )\ba misprint\b")
#: a formula longer than this (in LaTeX characters) is set clause by clause, or inline (:func:`_tex_math`)
_LONG = 160


def _printed(evidence: Mapping[str, Any], key: str) -> Any:
    """``key`` of the evidence about the printed statement (for a correction: its ``printed`` part)."""
    printed = (evidence.get("details") or {}).get("printed")
    if isinstance(printed, Mapping) and printed.get(key):
        return printed[key]
    return evidence.get(key)


def kind_of_finding(claim: Any, entry: Mapping[str, Any]) -> str:
    """The kind (a key of :data:`KINDS`) of a finding: ``claim`` a :class:`~symdln.claims.Claim`,
    ``entry`` its entry of :func:`~symdln.report.report_dict`.

    >>> from symdln.claims import by_id
    >>> kind_of_finding(by_id("thm3.upper"), {"checks": []})
    'theorem'
    >>> kind_of_finding(by_id("eq22.recursion"), {"checks": []})
    'formula'
    >>> kind_of_finding(by_id("cor1.any_norm"), {"checks": []})
    'statement'
    """
    notes = [_printed(ch["evidence"], "notes") or "" for ch in failing_checks(entry)]
    if any(_MISPRINT.search(n) for n in notes):
        return "misprint"
    if any(_THEOREM.match(part.strip()) for part in claim.where.split(",")):
        return "theorem"
    if claim.formula is not None or _EQUATION.search(claim.where):
        return "formula"
    return "statement"


@dataclass(frozen=True)
class Finding:
    """One item of an erratum (see the module docstring)."""

    run: ClaimRun
    entry: Mapping[str, Any]  # the claim's entry of report_dict
    kind: str
    check: str  # the check whose counterexample is shown
    counterexample: Mapping[str, Any]
    what: str  # what is wrong
    refutation: str  # how the counterexample is certified

    @property
    def id(self) -> str:
        return str(self.entry["id"])

    @property
    def paper(self) -> str:
        return str(self.entry["paper"])

    @property
    def verdict(self) -> str:
        return str(self.entry["verdict"])

    @property
    def formula(self) -> sp.Basic | None:
        return self.run.claim.formula

    @property
    def correction(self) -> Correction | None:
        return self.run.correction or self.run.claim.correction

    @property
    def correction_verdict(self) -> str | None:
        c = self.entry["correction"]
        return None if c is None else c["verdict"]

    def proofs(self) -> list[dict[str, str]]:
        """How the correction is proved: one entry per correcting check (method, scope, script)."""
        out = []
        for ch in self.entry["checks"]:
            if ch["verdict"] != "HOLDS_AFTER_CORRECTION":
                continue
            ev = ch["evidence"]
            corrected = (ev.get("details") or {}).get("corrected") or {}
            out.append({"check": ch["name"], "method": corrected.get("method") or ev["method"],
                        "scope": ev.get("scope") or "not stated", "script": ev.get("proof") or ""})
        return out


def findings(runs: Sequence[ClaimRun]) -> list[Finding]:
    """The findings of ``runs``, most severe kind first, in registry order within a kind."""
    out = []
    for run, entry in zip(runs, report_dict(runs)["claims"], strict=True):
        if entry["verdict"] not in FINDINGS:
            continue
        found = smallest_counterexample(entry)
        if found is None:  # pragma: no cover - a FAILS / HAC verdict carries a counterexample
            raise ValueError(f"claim {entry['id']!r} is {entry['verdict']} without a counterexample")
        name, cex = found
        ev = next(ch["evidence"] for ch in entry["checks"] if ch["name"] == name)
        what = _printed(ev, "notes") or "the printed statement is false at the counterexample below"
        how = _printed(ev, "method") or ev["method"]
        precision = _printed(ev, "precision")
        refutation = f"{how} ({precision})" if precision else how
        out.append(Finding(run, entry, kind_of_finding(run.claim, entry), name, cex, what, refutation))
    rank = {k: i for i, k in enumerate(KINDS)}
    return sorted(out, key=lambda f: rank[f.kind])  # stable: registry order within a kind


def _intro(paper: str, items: Sequence[Finding], checked: int) -> tuple[str, str]:
    n = len(items)
    head = (f"This note lists the {n} printed statement{'s' if n != 1 else ''} of the paper that a "
            f"certified counterexample refutes, among the {checked} claim{'s' if checked != 1 else ''} "
            "of the paper that symdln checked.  Items are ordered by severity: wrong theorems, "
            "corollaries, lemmas and propositions first, then wrong formulas, then other statements "
            "of the text, then misprints.")
    tail = ("Statements that hold are not listed, nor those the checks could not decide (inconclusive "
            "or not checkable).  Each item gives the statement as printed, what is wrong, the smallest "
            "certified counterexample found, the corrected statement where one is proved, and how it "
            "is proved.  Symbols are those of the paper; formulas are rendered from the registry's "
            "SymPy objects.")
    return head, tail


def _sentence(text: str) -> str:
    text = text.strip()  # not capitalised: it may start with a symbol
    return text + ("" if text.endswith(".") else ".")


def _correction_status(f: Finding) -> str:
    if f.correction is None:
        return "No correction is registered."
    if f.verdict == "HOLDS_AFTER_CORRECTION":
        return "The corrected statement is proved (below)."
    v = f.correction_verdict
    return f"This correction is not proved (its verdict: {'not judged' if v is None else v.lower()})."


# ---------------------------------------------------------------------------------------------- LaTeX

def _tex_math(expr: sp.Basic, item: bool = False) -> str:
    """A formula set for reading: ``sympy.latex`` of it as a display; when that is longer than
    :data:`_LONG` characters, a conjunction as the list of its clauses, an implication as "if ...
    then ...", an equivalence as "... if and only if ...", each part set the same way; any other
    long formula inline, where TeX can break its line at top-level relations and operators.  As an
    ``item`` of a list, a short formula is set inline too."""
    code = to_latex(expr)
    if len(code) <= _LONG:
        return f"$\\displaystyle {code}$" if item else f"\\[\n{code}\n\\]"
    if isinstance(expr, sp.And):
        clauses = sorted(expr.args, key=sp.default_sort_key)
        items = "\n".join(f"\\item {_tex_math(a, item=True)}" for a in clauses)
        return f"all of the following hold:\n\\begin{{itemize}}\n{items}\n\\end{{itemize}}"
    if isinstance(expr, sp.Implies):
        return f"if\n{_tex_math(expr.args[0])}\nthen\n{_tex_math(expr.args[1])}"
    if isinstance(expr, sp.Equivalent):
        return "\nif and only if\n".join(_tex_math(a) for a in expr.args)
    return f"\\begin{{flushleft}}\n$\\displaystyle {code}$\n\\end{{flushleft}}"


def _tex_item(f: Finding) -> list[str]:
    lines = [f"\\subsection{{{latex_text(f.entry['where'])} (\\texttt{{{latex_text(f.id)}}})}}",
             "\\paragraph{As printed.}",
             f"\\begin{{quote}}\\small\\ttfamily\n{latex_text(f.entry['statement'])}\n\\end{{quote}}",
             f"Domain: {latex_text(f.entry['domain'])}."]
    if f.formula is not None:
        lines += ["The printed formula, as judged:", _tex_math(f.formula)]
    lines += ["\\paragraph{What is wrong.}", latex_text(_sentence(f.what))]
    lines += [f"\\paragraph{{Smallest certified counterexample}} (check \\texttt{{{latex_text(f.check)}}}; "
              f"{latex_text(f.refutation)}):",
              "\\begin{itemize}\\setlength{\\itemsep}{0pt}"]
    lines += [f"\\item \\texttt{{{latex_text(k)}}}: {latex_text(format_value(v))}"
              for k, v in f.counterexample.items()]
    lines += ["\\end{itemize}", "\\paragraph{Corrected statement.}"]
    corr = f.correction
    if corr is not None and corr.expr is not None:
        lines.append(_tex_math(corr.expr))
        if corr.context:
            lines.append(f"where {latex_text(corr.context)}.")
    elif corr is not None:
        lines.append(latex_text(corr.statement))
    lines.append(_correction_status(f))
    lines += _tex_proof(f)
    return lines


def _tex_proof(f: Finding) -> list[str]:
    proofs, formal = f.proofs(), f.entry["formal"]
    if not proofs and not formal:
        return []
    lines = ["\\paragraph{How it is proved.}", "\\begin{itemize}"]
    for p in proofs:
        script = f"; proof script \\texttt{{{latex_text(p['script'])}}}" if p["script"] else ""
        lines.append(f"\\item check \\texttt{{{latex_text(p['check'])}}}: {latex_text(p['method'])} "
                     f"(scope: {latex_text(_scope(p['scope']))}){script}.")
    lines += [f"\\item formal proof: {latex_text(formal_phrase(e))}." for e in formal]
    return [*lines, "\\end{itemize}"]


def _scope(scope: str) -> str:
    return scope_phrase(scope) if scope in ("general", "instances", "not stated") else scope


def erratum_latex(items: Sequence[Finding], paper: str, checked: int) -> str:
    """The LaTeX source of the erratum of ``paper`` (a key of :data:`~symdln.claims.record.PAPERS`)
    listing ``items`` (its findings, in order), ``checked`` the number of its claims that were run."""
    from symdln import __version__

    head, tail = _intro(paper, items, checked)
    lines = ["\\documentclass[11pt]{article}", "\\usepackage{amsmath,amssymb}", "\\begin{document}",
             f"\\title{{Erratum\\\\[0.5em]\\large {latex_text(PAPERS[paper])}}}",
             f"\\author{{Generated by symdln {latex_text(__version__)} from its claims registry}}",
             "\\date{}",
             "\\maketitle", "\\frenchspacing\\raggedright\\setlength{\\parindent}{0pt}"
             "\\setlength{\\parskip}{0.5em}", latex_text(head), "", latex_text(tail)]
    for kind, heading in KINDS.items():
        mine = [f for f in items if f.kind == kind]
        if not mine:
            continue
        lines.append(f"\\section{{{latex_text(heading)}}}")
        for f in mine:
            lines += _tex_item(f)
    lines.append("\\end{document}")
    return "\n".join(lines) + "\n"


# ----------------------------------------------------------------------------------------------- HTML

_CSS = """
body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; max-width: 60em; margin: 2em auto;
       padding: 0 1em; color: #1a1a1a; line-height: 1.45; }
blockquote { margin: 0.4em 0; padding-left: 0.8em; border-left: 3px solid #ccc; color: #333; }
.mathbox { overflow-x: auto; padding: 0.3em 0; }
math { font-size: 1.15em; }
h3 code, li code { font-size: 0.95em; }
.muted { color: #666; }
.reference { font-size: 1.2em; }
"""


def _html_math(expr: sp.Basic) -> str:
    return f'<div class="mathbox">{to_mathml(expr, display="block")}</div>'


def _html_link(path: str) -> str:
    target = relative_link(path)
    text = f"<code>{html_text(path)}</code>"
    return text if target is None else f'<a href="{html_text(target)}">{text}</a>'


def _html_item(f: Finding) -> list[str]:
    parts = [f'<section class="finding kind-{f.kind}" id="{html_text(f.id)}" data-kind="{f.kind}" '
             f'data-verdict="{f.verdict}">',
             f"<h3>{html_text(f.entry['where'])} (<code>{html_text(f.id)}</code>)</h3>",
             "<h4>As printed</h4>",
             f"<blockquote>{html_text(f.entry['statement'])}</blockquote>",
             f"<p>Domain: {html_text(f.entry['domain'])}.</p>"]
    if f.formula is not None:
        parts += ["<p>The printed formula, as judged:</p>", _html_math(f.formula)]
    parts += ["<h4>What is wrong</h4>", f"<p>{html_text(_sentence(f.what))}</p>",
              f"<h4>Smallest certified counterexample</h4><p class=\"muted\">check <code>"
              f"{html_text(f.check)}</code>; {html_text(f.refutation)}</p><ul>"]
    parts += [f"<li><code>{html_text(k)}</code>: {html_text(format_value(v))}</li>"
              for k, v in f.counterexample.items()]
    parts += ["</ul>", "<h4>Corrected statement</h4>"]
    corr = f.correction
    if corr is not None and corr.expr is not None:
        parts.append(_html_math(corr.expr))
        if corr.context:
            parts.append(f"<p>where {html_text(corr.context)}.</p>")
    elif corr is not None:
        parts.append(f"<p>{html_text(corr.statement)}</p>")
    parts.append(f"<p>{html_text(_correction_status(f))}</p>")
    proofs, formal = f.proofs(), f.entry["formal"]
    if proofs or formal:
        parts.append("<h4>How it is proved</h4><ul>")
        for p in proofs:
            script = f"; proof script {_html_link(p['script'])}" if p["script"] else ""
            parts.append(f"<li>check <code>{html_text(p['check'])}</code>: {html_text(p['method'])} "
                         f"(scope: {html_text(_scope(p['scope']))}){script}.</li>")
        parts += [f"<li>formal proof: {_html_link(e['file'])}, {html_text(formal_phrase(e))}.</li>"
                  for e in formal]
        parts.append("</ul>")
    parts.append("</section>")
    return parts


def erratum_html(items: Sequence[Finding], paper: str, checked: int) -> str:
    """The erratum of ``paper`` as one self-contained HTML page (the content of
    :func:`erratum_latex`, formulas as MathML)."""
    from symdln import __version__

    head, tail = _intro(paper, items, checked)
    parts = ["<!DOCTYPE html>", '<html lang="en">', "<head>", '<meta charset="utf-8" />',
             f"<title>Erratum: {html_text(paper)}</title>", f"<style>/*<![CDATA[*/{_CSS}/*]]>*/</style>",
             "</head>", "<body>",
             "<h1>Erratum</h1>", f'<p class="reference">{html_text(PAPERS[paper])}</p>',
             f'<p class="muted">Generated by symdln {html_text(__version__)} from its claims registry. '
             "Links to proofs are relative to the repository root.</p>",
             f"<p>{html_text(head)}</p>", f"<p>{html_text(tail)}</p>"]
    for kind, heading in KINDS.items():
        mine = [f for f in items if f.kind == kind]
        if not mine:
            continue
        parts.append(f'<h2 id="kind-{kind}">{html_text(heading)}</h2>')
        for f in mine:
            parts += _html_item(f)
    parts += ["</body>", "</html>", ""]
    return "\n".join(parts)


def write_erratum(runs: Sequence[ClaimRun], out_dir: Path) -> list[Path]:
    """Write ``erratum-paper1.tex`` and ``erratum-paper1.html``, and the same for every other paper
    with findings in ``runs`` (``erratum-paper2.*``), into ``out_dir`` (created if needed).

    Returns the paths written, in that order.  Compile a ``.tex`` with ``pdflatex``.
    """
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    items = findings(runs)
    written = []
    for paper in PAPERS:
        mine = [f for f in items if f.paper == paper]
        if paper != "paper1" and not mine:
            continue
        checked = sum(1 for r in runs if r.claim.paper == paper)
        for suffix, text in (("tex", erratum_latex(mine, paper, checked)),
                             ("html", erratum_html(mine, paper, checked))):
            path = out_dir / f"erratum-{paper}.{suffix}"
            path.write_text(text, encoding="utf-8")
            written.append(path)
    return written
