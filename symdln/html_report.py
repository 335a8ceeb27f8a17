"""The verification report as one self-contained HTML page (``symdln verify --html PATH``).

The page needs nothing at view time: no network, no font or script from elsewhere; its CSS and its
script are inline, and the formulas are MathML, which browsers lay out natively (Chromium since
version 109, Firefox, Safari).  It shows

* the summary counts (per verdict, per paper) and the papers' references;
* one row per claim: its id, paper and place in the paper, the verdict, the statement as printed and
  the printed formula, the correction and its own verdict, the smallest certified counterexample, the
  proof status (the scope of the checks, the Coq theorems of ``claim.formal``, the proof scripts;
  links relative to the repository root) and the evidence of every check, folded in ``<details>``;
* checkboxes that filter the rows by verdict and by paper (a URL fragment such as
  ``#verdict=FAILS,HOLDS_AFTER_CORRECTION&paper=paper1`` presets them).

The data are those of the JSON report (:func:`symdln.report.report_dict`); the formulas are rendered
from the registry's SymPy objects (:mod:`symdln.render`).  The page is well-formed XML as well as
HTML, so that it can be read back with any XML parser.

Its script records, on the ``<html>`` element, every uncaught error and every resource that failed to
load (``data-js-errors``, ``data-js-error-messages``) and the size of every ``<math>`` element once laid
out (``data-box`` on the element; ``data-math-count`` and ``data-math-empty`` on ``<html>``): the
tests read them back from a headless browser.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any

from symdln.render import (
    check_lines,
    format_value,
    html_text,
    proof_status,
    relative_link,
    scope_phrase,
    smallest_counterexample,
    to_mathml,
)
from symdln.report import report_dict
from symdln.runner import ClaimRun
from symdln.verdict import Verdict

__all__ = ["VERDICT_KEYS", "render_html"]

#: the verdict keys of the rows and of the filter, in this order (``ERROR``: a check crashed)
VERDICT_KEYS: tuple[str, ...] = (*(v.name for v in Verdict), "ERROR")

_LABEL = {**{v.name: v.label for v in Verdict}, "ERROR": "error (a check crashed)"}

_EVIDENCE_KEYS = ("method", "precision", "scope", "residual", "margin", "corrected_statement", "proof",
                  "notes")

_CSS = """
body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; margin: 1.5em; color: #1a1a1a; }
h1 { font-size: 1.5em; margin-bottom: 0.2em; }
table { border-collapse: collapse; }
th, td { border: 1px solid #c8c8c8; padding: 0.35em 0.5em; vertical-align: top; text-align: left; }
table.claims { width: 100%; font-size: 0.92em; table-layout: fixed; }
table.claims td { overflow-wrap: anywhere; }
table.claims tbody.claim { border-top: 3px solid #888; }
tr.evidence td { border-top: none; background: #fbfbfb; }
.mathbox { overflow-x: auto; padding: 0.2em 0; }
math { font-size: 1.2em; }
blockquote { margin: 0 0 0.4em 0; padding-left: 0.6em; border-left: 3px solid #ddd; color: #333; }
dl { margin: 0; }
dt { font-weight: 600; }
dd { margin: 0 0 0.3em 1em; overflow-wrap: anywhere; }
dl.kv div { margin-bottom: 0.15em; }
dl.kv dt, dl.kv dd { display: inline; margin: 0; }
dl.kv dt::after { content: ": "; }
td { overflow-x: auto; }
pre { white-space: pre-wrap; overflow-wrap: anywhere; font-size: 0.85em; background: #f6f6f6;
      padding: 0.4em; }
.v { font-weight: 700; }
.v-HOLDS { color: #146c2e; }
.v-HOLDS_AFTER_CORRECTION { color: #8a5a00; }
.v-FAILS { color: #b3261e; }
.v-INCONCLUSIVE { color: #7b1fa2; }
.v-NOT_CHECKABLE { color: #666; }
.v-ERROR { color: #b3261e; text-decoration: underline; }
fieldset { display: inline-block; margin: 0 1em 0.8em 0; }
label { margin-right: 0.8em; white-space: nowrap; }
.muted { color: #666; }
"""

# Wrapped in a CDATA section behind line comments, so that the page stays well-formed XML while a
# browser reads plain JavaScript.
_SCRIPT = """
(function () {
  var root = document.documentElement;
  var errors = [];
  function record(message) {
    errors.push(String(message));
    root.setAttribute('data-js-errors', String(errors.length));
    root.setAttribute('data-js-error-messages', errors.join(' | '));
  }
  root.setAttribute('data-js-errors', '0');
  window.addEventListener('error', function (event) {
    var target = event.target || {};
    record(event.message || ('failed to load ' + (target.src || target.href || target.tagName)));
  }, true);
  window.addEventListener('unhandledrejection', function (event) {
    record('unhandled rejection: ' + event.reason);
  });

  function checked(name) {
    var boxes = document.querySelectorAll('input[data-filter="' + name + '"]');
    var on = {};
    for (var i = 0; i < boxes.length; i++) { if (boxes[i].checked) { on[boxes[i].value] = true; } }
    return on;
  }
  function applyFilters() {
    var verdicts = checked('verdict');
    var papers = checked('paper');
    var rows = document.querySelectorAll('tbody.claim');
    var shown = 0;
    for (var i = 0; i < rows.length; i++) {
      var row = rows[i];
      var visible = Boolean(verdicts[row.getAttribute('data-verdict')]) &&
                    Boolean(papers[row.getAttribute('data-paper')]);
      row.hidden = !visible;
      if (visible) { shown += 1; }
    }
    document.getElementById('shown').textContent = String(shown);
  }
  function presetFromHash() {
    var hash = window.location.hash.replace(/^#/, '');
    if (!hash) { return; }
    var parts = hash.split('&');
    for (var i = 0; i < parts.length; i++) {
      var kv = parts[i].split('=');
      if (kv.length !== 2) { continue; }
      var wanted = decodeURIComponent(kv[1]).split(',');
      var boxes = document.querySelectorAll('input[data-filter="' + kv[0] + '"]');
      for (var j = 0; j < boxes.length; j++) {
        boxes[j].checked = wanted.indexOf(boxes[j].value) >= 0;
      }
    }
  }
  function measureMath() {
    var maths = document.getElementsByTagName('math');
    var empty = 0;
    for (var i = 0; i < maths.length; i++) {
      var box = maths[i].getBoundingClientRect();
      maths[i].setAttribute('data-box', box.width.toFixed(1) + 'x' + box.height.toFixed(1));
      if (!(box.width > 0) || !(box.height > 0)) { empty += 1; }
    }
    root.setAttribute('data-math-count', String(maths.length));
    root.setAttribute('data-math-empty', String(empty));
  }
  document.addEventListener('DOMContentLoaded', function () {
    measureMath();
    var boxes = document.querySelectorAll('input[data-filter]');
    for (var i = 0; i < boxes.length; i++) { boxes[i].addEventListener('change', applyFilters); }
    presetFromHash();
    applyFilters();
    root.setAttribute('data-ready', 'true');
  });
})();
"""


def render_html(runs: Sequence[ClaimRun]) -> str:
    """The whole report page for ``runs`` (the output of :func:`symdln.runner.run_claims`).

    >>> from symdln.claims import select
    >>> from symdln.runner import run_claims
    >>> page = render_html(run_claims(select(["thm1.ranks"]), jobs=1))
    >>> page.startswith("<!DOCTYPE html>") and 'id="claim-thm1.ranks"' in page
    True
    """
    data = report_dict(runs)
    claims = data["claims"]
    if len(claims) != len(runs):  # pragma: no cover - report_dict keeps one entry per run
        raise AssertionError("report_dict lost a claim")
    rows = "\n".join(_row(run, c) for run, c in zip(runs, claims, strict=True))
    return "\n".join([
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8" />',
        '<meta name="viewport" content="width=device-width, initial-scale=1" />',
        f"<title>symdln verification report ({len(claims)} claims)</title>",
        f"<style>/*<![CDATA[*/{_CSS}/*]]>*/</style>",
        f"<script>//<![CDATA[{_SCRIPT}//]]></script>",
        "</head>",
        "<body>",
        "<h1>symdln verification report</h1>",
        f'<p class="muted">symdln {html_text(data["symdln_version"])}; report schema '
        f'{html_text(data["schema"])}; '
        + ("every check ran" if data["thorough"] else
           "checks marked slow were skipped (<code>symdln verify --thorough</code> runs them)")
        + ".  Links to proofs are relative to the repository root.</p>",
        _papers(data["papers"]),
        _summary(data),
        _filters(claims),
        '<table class="claims">',
        "<colgroup><col style=\"width: 12%\" /><col style=\"width: 9%\" /><col style=\"width: 24%\" />"
        "<col style=\"width: 24%\" /><col style=\"width: 16%\" /><col style=\"width: 15%\" /></colgroup>",
        "<thead><tr><th>claim</th><th>verdict</th><th>statement as printed</th><th>correction</th>"
        "<th>counterexample</th><th>proof</th></tr></thead>",
        rows,
        "</table>",
        "</body>",
        "</html>",
        "",
    ])


def _papers(papers: Mapping[str, str]) -> str:
    items = "".join(f"<li><code>{html_text(k)}</code>: {html_text(v)}</li>" for k, v in papers.items())
    return f"<h2>Papers</h2><ul>{items}</ul>"


def _summary(data: Mapping[str, Any]) -> str:
    per_paper = Counter((c["paper"], c["verdict"]) for c in data["claims"])
    papers = sorted({c["paper"] for c in data["claims"]})
    head = "".join(f"<th>{html_text(p)}</th>" for p in papers)
    body = []
    for key in VERDICT_KEYS:
        cells = "".join(f"<td>{per_paper[(p, key)]}</td>" for p in papers)
        body.append(f'<tr><td><span class="v v-{key}">{html_text(_LABEL[key])}</span></td>'
                    f"<td>{data['summary'][key]}</td>{cells}</tr>")
    total = "".join(f"<td>{sum(per_paper[(p, k)] for k in VERDICT_KEYS)}</td>" for p in papers)
    body.append(f"<tr><th>all</th><th>{len(data['claims'])}</th>{total}</tr>")
    return (f'<h2>Summary</h2><table class="summary"><thead><tr><th>verdict</th><th>claims</th>{head}'
            f"</tr></thead><tbody>{''.join(body)}</tbody></table>")


def _filters(claims: Sequence[Mapping[str, Any]]) -> str:
    counts = Counter(c["verdict"] for c in claims)
    boxes = "".join(
        f'<label><input type="checkbox" data-filter="verdict" value="{key}" checked="checked" /> '
        f'<span class="v v-{key}">{html_text(_LABEL[key])}</span> ({counts[key]})</label>'
        for key in VERDICT_KEYS)
    pcounts = Counter(c["paper"] for c in claims)
    pboxes = "".join(
        f'<label><input type="checkbox" data-filter="paper" value="{html_text(p)}" checked="checked" /> '
        f"{html_text(p)} ({n})</label>" for p, n in sorted(pcounts.items()))
    return (f"<h2>Claims</h2><form id=\"filters\"><fieldset><legend>verdict</legend>{boxes}</fieldset>"
            f"<fieldset><legend>paper</legend>{pboxes}</fieldset></form>"
            f'<p><span id="shown">{len(claims)}</span> of {len(claims)} claims shown.</p>')


def _math(expr: Any) -> str:
    return f'<div class="mathbox">{to_mathml(expr)}</div>'


def _row(run: ClaimRun, c: Mapping[str, Any]) -> str:
    """One claim: a row group (``<tbody>``) of the claim's row and the row of its folded evidence."""
    key = c["verdict"]
    formal = " <span class=\"muted\">(formal)</span>" if c["formal"] else ""
    cells = [
        f"<td><code>{html_text(c['id'])}</code><br />{html_text(c['paper'])}: {html_text(c['where'])}</td>",
        f'<td><span class="v v-{key}">{html_text(_LABEL[key])}</span>{formal}</td>',
        _statement_cell(run, c),
        _correction_cell(run, c),
        _counterexample_cell(c),
        _proof_cell(c),
    ]
    paper = html_text(c["paper"])
    return (f'<tbody class="claim verdict-{key} paper-{paper}" id="claim-{html_text(c["id"])}" '
            f'data-verdict="{key}" data-paper="{paper}"><tr class="main">{"".join(cells)}</tr>'
            f'<tr class="evidence"><td colspan="{len(cells)}">{_evidence(c)}</td></tr></tbody>')


def _statement_cell(run: ClaimRun, c: Mapping[str, Any]) -> str:
    parts = [f"<blockquote>{html_text(c['statement'])}</blockquote>",
             f'<span class="muted">domain: {html_text(c["domain"])}</span>']
    if run.claim.formula is not None:
        parts.insert(1, f'<span class="muted">as a formula:</span>{_math(run.claim.formula)}')
    return f'<td class="formula">{"".join(parts)}</td>'


def _correction_cell(run: ClaimRun, c: Mapping[str, Any]) -> str:
    corr = run.correction or run.claim.correction
    if corr is None:
        return '<td><span class="muted">none registered</span></td>'
    parts = []
    if corr.expr is not None:
        parts.append(_math(corr.expr))
        if corr.context:
            parts.append(f'<span class="muted">{html_text(corr.context)}</span>')
    else:
        parts.append(html_text(corr.statement))
    verdict = c["correction"]["verdict"] if c["correction"] else None
    judged = ("not judged (the printed statement did not fail)" if verdict is None
              else f'judged: <span class="v v-{verdict}">{html_text(_LABEL[verdict])}</span>')
    parts.append(f'<br /><span class="muted">correction {judged}</span>')
    return f'<td class="formula">{"".join(parts)}</td>'


def _counterexample_cell(c: Mapping[str, Any]) -> str:
    found = smallest_counterexample(c)
    if found is None:
        return '<td><span class="muted">none</span></td>'
    name, cex = found
    items = "".join(f"<div><dt>{html_text(k)}</dt><dd>{html_text(format_value(v))}</dd></div>"
                    for k, v in cex.items())
    return (f'<td class="counterexample"><dl class="kv">{items}</dl>'
            f'<span class="muted">from check {html_text(name)}</span></td>')


def _link(path: str) -> str:
    target = relative_link(path)
    text = f"<code>{html_text(path)}</code>"
    return text if target is None else f'<a href="{html_text(target)}">{text}</a>'


def _proof_cell(c: Mapping[str, Any]) -> str:
    status = proof_status(c)
    parts = [f"<div>{html_text(scope_phrase(status['scope']))}</div>"]
    for f in status["formal"]:
        parts.append(f"<div>formal ({html_text(f['prover'])}): {_link(f['file'])}, theorem "
                     f"<code>{html_text(f['theorem'])}</code> proves the {html_text(f['proves'])}"
                     + ("" if f["domain"] == "True" else f" on {html_text(f['domain'])}") + "</div>")
    for s in status["scripts"]:
        parts.append(f"<div>script: {_link(s)}</div>")
    return f"<td>{''.join(parts)}</td>"


def _evidence(c: Mapping[str, Any]) -> str:
    blocks = []
    for ch in c["checks"]:
        verdict = ch["verdict"]
        cls = f"v v-{verdict}" if verdict in _LABEL else "v"
        head = (f"<h4><code>{html_text(ch['name'])}</code>: <span class=\"{cls}\">{html_text(verdict)}"
                f'</span> <span class="muted">({ch["seconds"]} s)</span></h4>'
                f"<p>{html_text(ch['summary'])}</p>")
        body = ""
        if ch["error"]:
            body = f"<pre>{html_text(ch['error'].rstrip())}</pre>"
        elif ch["evidence"] is None:
            body = "<p>skipped (slow; <code>symdln verify --thorough</code> runs it)</p>"
        else:
            ev = ch["evidence"]
            items = "".join(f"<dt>{html_text(k)}</dt><dd>{html_text(v)}</dd>"
                            for k, v in check_lines(ev, _EVIDENCE_KEYS))
            for k in ("parameters", "counterexample", "details"):
                if ev.get(k):
                    text = json.dumps(ev[k], indent=1, ensure_ascii=False)
                    items += f"<dt>{k}</dt><dd><pre>{html_text(text)}</pre></dd>"
            body = f"<dl>{items}</dl>"
        blocks.append(head + body)
    n = len(c["checks"])
    summary = f"evidence: {n} check{'s' if n != 1 else ''}"
    return f"<details><summary>{summary}</summary>{''.join(blocks)}</details>"
