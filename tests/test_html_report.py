"""The self-contained HTML report: its structure without a browser, and its rendering in headless
Chromium (MathML laid out, no script error, filters working, a non-trivial screenshot)."""

from __future__ import annotations

import json
import re
import struct
import subprocess
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest
import sympy as sp
from latex2mathml.converter import convert

from symdln.claims import select
from symdln.claims.record import Check, Claim
from symdln.html_report import VERDICT_KEYS, render_html
from symdln.runner import ClaimRun, run_claim, run_claims
from symdln.verdict import Verdict, jsonable

REPO = Path(__file__).resolve().parents[1]

#: fast claims that between them have every verdict, both papers, a formal proof and misprints
PATTERNS = ["thm3.sigma0", "thm2.limit", "eq24.inequalities", "eq16.inactive", "cor1.any_norm",
            "sec2.hidden", "sec42.dimensions", "thm1.ranks", "cor3.limits", "cor3.gap_intuition",
            "table1.vary", "p2.completion.ranks3x3"]

_HOSTILE = "<b>bold</b> & \"quoted\" 'single' </td></tr> <script>alert(1)</script>"


def _crash() -> None:
    raise RuntimeError("boom <em>not markup</em>")


@pytest.fixture(scope="module")
def runs() -> tuple[ClaimRun, ...]:
    crashing = Claim("demo.crash", "paper2", "Sec. 0 " + _HOSTILE, _HOSTILE, _HOSTILE,
                     (Check("boom", _crash, _HOSTILE),))  # type: ignore[arg-type]
    out = (*run_claims(select(PATTERNS), jobs=1), run_claim(crashing))
    verdicts = {"ERROR" if r.verdict is None else r.verdict.name for r in out}
    assert verdicts == set(VERDICT_KEYS), "the subset must exercise every verdict"
    return out


@pytest.fixture(scope="module")
def page(runs) -> str:
    return render_html(runs)


@pytest.fixture(scope="module")
def tree(page) -> ET.Element:
    return ET.fromstring(page)  # raises on any unbalanced or malformed tag


def _verdict(run: ClaimRun) -> str:
    return "ERROR" if run.verdict is None else run.verdict.name


def _rows(tree: ET.Element) -> dict[str, ET.Element]:
    rows = {}
    for tb in tree.iter("tbody"):
        if "claim" in tb.get("class", "").split():
            assert tb.get("id") not in rows
            rows[tb.get("id")] = tb
    return rows


def _text(el: ET.Element) -> str:
    return " ".join("".join(el.itertext()).split())


# -------------------------------------------------------------------------------- without a browser

def test_every_claim_has_one_row(runs, tree):
    rows = _rows(tree)
    assert sorted(rows) == sorted(f"claim-{r.claim.id}" for r in runs)
    for r in runs:
        row = rows[f"claim-{r.claim.id}"]
        assert row.get("data-verdict") == _verdict(r)
        assert row.get("data-paper") == r.claim.paper
        assert r.claim.where in _text(row)


def test_fails_rows_show_a_certified_counterexample(runs, tree):
    rows = _rows(tree)
    fails = [r for r in runs if r.verdict is Verdict.FAILS]
    assert fails
    for r in fails:
        row = rows[f"claim-{r.claim.id}"]
        cell = next(td for td in row.iter("td") if td.get("class") == "counterexample")
        shown = {div.find("dt").text: div.find("dd").text for div in cell.iter("div")}
        cexs = [jsonable(dict(c.result.evidence.counterexample)) for c in r.checks
                if c.result is not None and c.result.evidence.counterexample]
        expected = [{k: v if isinstance(v, str) else json.dumps(v) for k, v in cex.items()} for cex in cexs]
        assert shown in expected, r.claim.id


def test_summary_counts(runs, tree):
    table = next(t for t in tree.iter("table") if t.get("class") == "summary")
    counts = {}
    for tr in table.find("tbody"):
        cells = ["".join(td.itertext()) for td in tr]
        counts[cells[0]] = [int(c) for c in cells[1:]]
    by_label = {"ERROR": "error (a check crashed)", **{v.name: v.label for v in Verdict}}
    for key in VERDICT_KEYS:
        mine = [r for r in runs if _verdict(r) == key]
        assert counts[by_label[key]] == [len(mine), sum(r.claim.paper == "paper1" for r in mine),
                                         sum(r.claim.paper == "paper2" for r in mine)]
    assert counts["all"][0] == len(runs)


def test_filter_classes_match_the_rows(runs, tree, page):
    boxes = [i for i in tree.iter("input") if i.get("data-filter") == "verdict"]
    assert [b.get("value") for b in boxes] == list(VERDICT_KEYS)
    papers = {i.get("value") for i in tree.iter("input") if i.get("data-filter") == "paper"}
    assert papers == {r.claim.paper for r in runs}
    for row in _rows(tree).values():
        classes = row.get("class").split()
        assert f"verdict-{row.get('data-verdict')}" in classes
        assert f"paper-{row.get('data-paper')}" in classes
        assert row.get("data-verdict") in VERDICT_KEYS
    # the script filters exactly these rows on exactly these attributes
    script = "".join(next(tree.iter("script")).itertext())
    for hook in ("tbody.claim", "data-verdict", "data-paper", 'data-filter="'):
        assert hook in script


def test_well_formed_for_an_html_parser_too(page):
    void = {"meta", "br", "input", "col", "img", "hr", "link", "mspace"}

    class Balance(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.stack: list[str] = []

        def handle_starttag(self, tag, attrs):
            if tag not in void:
                self.stack.append(tag)

        def handle_startendtag(self, tag, attrs):
            pass

        def handle_endtag(self, tag):
            assert self.stack and self.stack[-1] == tag, (tag, self.stack[-5:])
            self.stack.pop()

    parser = Balance()
    parser.feed(page)
    parser.close()
    assert parser.stack == []


def test_text_is_escaped(tree, page):
    assert not list(tree.iter("b")) and not list(tree.iter("em"))
    assert len(list(tree.iter("script"))) == 1  # the page's own, not the statement's
    row = _rows(tree)["claim-demo.crash"]
    assert _HOSTILE in "".join(row.itertext())  # shown literally
    assert "boom <em>not markup</em>" in "".join(row.itertext())  # the traceback of the crash


def test_nothing_is_loaded_from_elsewhere(tree, page):
    for el in tree.iter():
        for attr in ("src", "href", "data", "action", "srcset"):
            value = el.get(attr)
            assert value is None or not re.match(r"^\s*([a-z]+:)?//", value, re.I), (el.tag, value)
    assert not [el for el in tree.iter() if el.tag in ("link", "img", "iframe", "object", "embed")]
    assert not [el for el in tree.iter("script") if el.get("src")]
    style = "".join(next(tree.iter("style")).itertext())
    assert "url(" not in style and "@import" not in style


def test_math_is_rendered_from_the_registry(runs, page):
    exprs = [r.claim.formula for r in runs if r.claim.formula is not None]
    exprs += [c.expr for r in runs if (c := r.correction or r.claim.correction) and c.expr is not None]
    assert len(exprs) >= 8
    assert page.count("<math ") == len(exprs)
    for e in exprs:  # the MathML of sympy.latex of the registry's own object
        assert convert(sp.latex(e)) in page


def test_proof_links_point_into_the_repository(runs, tree):
    links = [a.get("href") for a in tree.iter("a")]
    assert "proofs/coq/Thm3Sigma0.v" in links  # thm3.sigma0's formal proof
    for href in links:
        assert (REPO / href).is_file(), href
    row = _rows(tree)["claim-thm3.sigma0"]
    assert "thm3_sigma0_iff" in _text(row)


def test_no_claims():
    tree = ET.fromstring(render_html(()))
    assert not _rows(tree)
    assert next(el for el in tree.iter("span") if el.get("id") == "shown").text == "0"


# ------------------------------------------------------------------------------ in headless Chromium

def _chromium(exe: str, tmp_path: Path, url: str, *args: str) -> subprocess.CompletedProcess[str]:
    cmd = [exe, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
           f"--user-data-dir={tmp_path / 'profile'}", "--enable-logging=stderr", "--v=0", *args, url]
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=180, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    return done


def _dom_root(done: subprocess.CompletedProcess[str]) -> dict[str, str]:
    tag = re.search(r"<html\b[^>]*>", done.stdout)
    assert tag, done.stdout[:500]
    return dict(re.findall(r'([\w-]+)="([^"]*)"', tag.group(0)))


def _console(done: subprocess.CompletedProcess[str]) -> list[str]:
    return [line for line in done.stderr.splitlines() if ":CONSOLE" in line]


def test_browser_lays_out_every_formula_without_errors(page, tmp_path, require_tool):
    exe = require_tool("chromium")
    path = tmp_path / "report.html"
    path.write_text(page, encoding="utf-8")
    done = _chromium(exe, tmp_path, path.as_uri(), "--dump-dom")
    root = _dom_root(done)
    assert root.get("data-ready") == "true"
    assert root.get("data-js-errors") == "0", root.get("data-js-error-messages")
    assert not _console(done)
    n = page.count("<math ")
    assert root.get("data-math-count") == str(n) and root.get("data-math-empty") == "0"
    boxes = re.findall(r'<math\b[^>]*\bdata-box="([\d.]+)x([\d.]+)"', done.stdout)
    assert len(boxes) == n
    assert all(float(w) > 0 and float(h) > 0 for w, h in boxes)


_STACKED = """<script>
document.addEventListener('DOMContentLoaded', function () {
  var fr = document.getElementsByTagName('mfrac'), ok = 0;
  for (var i = 0; i < fr.length; i++) {
    var num = fr[i].children[0].getBoundingClientRect(), den = fr[i].children[1].getBoundingClientRect();
    if (num.bottom <= den.top + 0.5 && num.height > 0 && den.height > 0) { ok += 1; }
  }
  document.documentElement.setAttribute('data-test-fractions', fr.length + '/' + ok);
});
</script></body>"""


def test_browser_stacks_fractions(page, tmp_path, require_tool):
    """Laid out as mathematics, not as a line of text: every numerator sits above its denominator."""
    exe = require_tool("chromium")
    path = tmp_path / "stacked.html"
    path.write_text(page.replace("</body>", _STACKED), encoding="utf-8")
    root = _dom_root(_chromium(exe, tmp_path, path.as_uri(), "--dump-dom"))
    total, ok = root["data-test-fractions"].split("/")
    assert int(total) > 5 and ok == total


def test_browser_hook_records_errors(page, tmp_path, require_tool):
    """The error hook works: an injected exception and a missing image are both recorded."""
    exe = require_tool("chromium")
    path = tmp_path / "broken.html"
    broken = '<img src="missing.png" alt="" /><script>no_such_function();</script></body>'
    path.write_text(page.replace("</body>", broken), encoding="utf-8")
    root = _dom_root(_chromium(exe, tmp_path, path.as_uri(), "--dump-dom"))
    assert root["data-js-errors"] == "2"
    assert "no_such_function" in root["data-js-error-messages"]
    assert "missing.png" in root["data-js-error-messages"]


def test_browser_filters_rows(runs, page, tmp_path, require_tool):
    exe = require_tool("chromium")
    path = tmp_path / "report.html"
    path.write_text(page, encoding="utf-8")
    done = _chromium(exe, tmp_path, path.as_uri() + "#verdict=FAILS,HOLDS_AFTER_CORRECTION&paper=paper1",
                     "--dump-dom")
    assert _dom_root(done).get("data-js-errors") == "0"
    shown = set(re.findall(r'<tbody class="claim[^"]*" id="claim-([^"]+)"(?![^>]*\bhidden)', done.stdout))
    expected = {r.claim.id for r in runs if r.claim.paper == "paper1"
                and _verdict(r) in ("FAILS", "HOLDS_AFTER_CORRECTION")}
    assert expected and shown == expected
    assert re.search(rf'<span id="shown">{len(expected)}</span>', done.stdout)


def test_browser_screenshot(page, tmp_path, require_tool):
    from PIL import Image

    exe = require_tool("chromium")
    path = tmp_path / "report.html"
    path.write_text(page, encoding="utf-8")
    shot = tmp_path / "report.png"
    _chromium(exe, tmp_path, path.as_uri(), f"--screenshot={shot}", "--window-size=1280,1600")
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", data[16:24]) == (1280, 1600)
    image = Image.open(shot).convert("RGB").resize((320, 400))
    pixels = [image.getpixel((x, y)) for x in range(320) for y in range(400)]
    ink = sum(1 for p in pixels if sum(p) < 600) / len(pixels)
    assert 0.01 < ink < 0.6  # text on a light page, neither blank nor a block of colour
    assert len(set(pixels)) > 50
