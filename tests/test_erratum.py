"""The errata: which claims are findings, their order by severity, the LaTeX (compiled with pdflatex)
and the HTML."""

from __future__ import annotations

import re
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import sympy as sp
from latex2mathml.converter import convert

from symdln.claims import by_id, select
from symdln.claims.record import Check, Claim
from symdln.erratum import KINDS, findings, kind_of_finding, write_erratum
from symdln.render import latex_text
from symdln.runner import ClaimRun, run_claim, run_claims
from symdln.verdict import CheckResult, Evidence, Verdict

#: fast claims: findings of every kind (theorem, formula, statement, misprint) in both papers, with and
#: without a proved correction, and claims that are not findings (holds, inconclusive, not checkable)
PATTERNS = ["thm3.sigma0", "thm2.limit", "eq24.inequalities", "eq16.inactive", "cor1.any_norm",
            "sec2.hidden", "sec42.dimensions", "thm1.ranks", "cor3.limits", "cor3.gap_intuition",
            "table1.vary", "p2.completion.ranks3x3", "p2.sv.paper1"]

_SPECIALS = r"50% & $x_1$ # {a} ~ ^ \end{document} < > | \textbf{x}"


def _special_fails() -> CheckResult:
    return CheckResult(Verdict.FAILS, Evidence(
        method="exact " + _SPECIALS, precision="exact",
        counterexample={"x_1 & {y}": _SPECIALS, "n": 3}, notes="wrong: " + _SPECIALS))


def _not_a_misprint() -> CheckResult:
    return CheckResult(Verdict.FAILS, Evidence(
        method="exact", counterexample={"t": 1}, notes="not a misprint: a mathematical error"))


#: a finding whose every text field carries LaTeX's and HTML's special characters
SPECIAL = Claim("demo.specials", "paper1", "Sec. 9, eq. (99) " + _SPECIALS, _SPECIALS, _SPECIALS,
                (Check("specials", _special_fails, _SPECIALS),))


@pytest.fixture(scope="module")
def runs() -> tuple[ClaimRun, ...]:
    return (*run_claims(select(PATTERNS), jobs=1), run_claim(SPECIAL))


@pytest.fixture(scope="module")
def written(runs, tmp_path_factory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("erratum") / "nested" / "dir"
    paths = write_erratum(runs, out)
    return {p.name: p for p in paths}


def _is_finding(run: ClaimRun) -> bool:
    return run.verdict in (Verdict.FAILS, Verdict.HOLDS_AFTER_CORRECTION)


def test_the_subset_has_every_kind(runs):
    kinds = {f.kind for f in findings(runs)}
    assert kinds == set(KINDS)
    assert {r.verdict for r in runs} >= {Verdict.HOLDS, Verdict.INCONCLUSIVE, Verdict.NOT_CHECKABLE}


def test_kinds_are_read_off_the_registry():
    none = {"checks": []}
    assert kind_of_finding(by_id("thm3.sigma0"), none) == "theorem"  # 'Sec. 3.2, Thm. 3, last line'
    assert kind_of_finding(by_id("eq22.recursion"), none) == "formula"  # 'Sec. 3.2, eq. (22)'
    assert kind_of_finding(by_id("eq24.inequalities"), none) == "formula"  # 'proof sketch of Thm. 3'
    assert kind_of_finding(by_id("cor1.any_norm"), none) == "statement"  # 'after Cor. 1', no formula
    remark = Claim("demo.remark", "paper1", "Sec. 3.1, remark after Thm. 2", "s", "d",
                   (Check("c", _not_a_misprint, "c"),))
    entry = {"checks": [{"verdict": "FAILS", "evidence": _not_a_misprint().evidence.to_dict()}]}
    assert kind_of_finding(remark, entry) == "statement"  # 'not a misprint' is not a misprint
    misprint = {"checks": [{"verdict": "FAILS", "evidence": {
        "counterexample": {"t": 1}, "notes": "a misprint, not a mathematical error"}}]}
    assert kind_of_finding(by_id("thm3.sigma0"), misprint) == "misprint"  # whatever the place


def test_order_follows_severity(runs, written):
    items = findings(runs)
    rank = list(KINDS)
    assert [rank.index(f.kind) for f in items] == sorted(rank.index(f.kind) for f in items)
    for paper in ("paper1", "paper2"):
        mine = [f for f in items if f.paper == paper]
        tex = written[f"erratum-{paper}.tex"].read_text()
        html = written[f"erratum-{paper}.html"].read_text()
        tex_pos = [tex.index(f"(\\texttt{{{latex_text(f.id)}}})") for f in mine]
        html_pos = [html.index(f'id="{f.id}"') for f in mine]
        assert tex_pos == sorted(tex_pos) and html_pos == sorted(html_pos)
        sections = [tex.index(f"\\section{{{KINDS[k]}}}") for k in KINDS if any(f.kind == k for f in mine)]
        assert sections == sorted(sections)


def test_exactly_the_findings_appear(runs, written):
    for r in runs:
        tex = written[f"erratum-{r.claim.paper}.tex"].read_text()
        html = written[f"erratum-{r.claim.paper}.html"].read_text()
        in_tex = f"(\\texttt{{{latex_text(r.claim.id)}}})" in tex
        in_html = f'id="{r.claim.id}"' in html
        assert in_tex == in_html == _is_finding(r), r.claim.id


def test_counterexample_is_the_evidence(runs, written):
    for f in findings(runs):
        tex = written[f"erratum-{f.paper}.tex"].read_text()
        cexs = [c.result.evidence.to_dict()["counterexample"] for c in f.run.checks
                if c.result is not None and c.result.evidence.counterexample]
        assert f.counterexample in cexs
        for key in f.counterexample:
            assert f"\\item \\texttt{{{latex_text(key)}}}:" in tex


def test_formulas_are_sympy_latex_of_the_registry(runs, written):
    checked = split = 0
    for f in findings(runs):
        tex = written[f"erratum-{f.paper}.tex"].read_text()
        html = written[f"erratum-{f.paper}.html"].read_text()
        corr = f.run.correction or f.run.claim.correction
        for expr in (f.run.claim.formula, None if corr is None else corr.expr):
            if expr is None:
                continue
            if isinstance(expr, (sp.And, sp.Implies, sp.Equivalent)) and sp.latex(expr) not in tex:
                # a long connective is set clause by clause: each relation is still SymPy's LaTeX
                assert len(sp.latex(expr)) > 160
                assert all(sp.latex(rel) in tex for rel in expr.atoms(sp.core.relational.Relational))
                split += 1
            else:
                assert sp.latex(expr) in tex
            assert convert(sp.latex(expr), display="block") in html
            checked += 1
    assert checked >= 8 and split >= 1


def test_preamble_is_article_and_the_ams_packages_only(written):
    """Standard LaTeX only: the article class, amsmath and amssymb (SymPy sets the identity matrix as
    \\mathbb{I}); both come with texlive-latex-base."""
    for name, path in written.items():
        if name.endswith(".tex"):
            tex = path.read_text()
            assert tex.startswith("\\documentclass[11pt]{article}\n")
            assert re.findall(r"\\usepackage(?:\[[^]]*\])?\{([^}]*)\}", tex) == ["amsmath,amssymb"]


def test_special_characters_are_escaped(written):
    tex = written["erratum-paper1.tex"].read_text()
    assert _SPECIALS not in tex and tex.count("\\end{document}") == 1
    assert latex_text(_SPECIALS) in tex
    html = written["erratum-paper1.html"].read_text()
    tree = ET.fromstring(html)
    assert not list(tree.iter("b"))
    section = next(s for s in tree.iter("section") if s.get("id") == "demo.specials")
    assert _SPECIALS in "".join(section.itertext())


def test_html_is_well_formed_and_self_contained(written):
    for name, path in written.items():
        if name.endswith(".html"):
            tree = ET.fromstring(path.read_text())
            assert not [el for el in tree.iter() if el.get("src")]
            assert all(not re.match(r"^\s*([a-z]+:)?//", a.get("href", ""), re.I) for a in tree.iter("a"))


def test_written_files(runs, tmp_path):
    holds = [r for r in runs if r.verdict is Verdict.HOLDS]
    paths = write_erratum(holds, tmp_path / "a")  # no finding: paper 1's erratum says so
    assert [p.name for p in paths] == ["erratum-paper1.tex", "erratum-paper1.html"]
    assert "lists the 0 printed statements" in paths[0].read_text()
    assert "\\section" not in paths[0].read_text()
    paper2 = [r for r in runs if r.claim.paper == "paper2"]
    names = [p.name for p in write_erratum(paper2, tmp_path / "b")]
    assert names == ["erratum-paper1.tex", "erratum-paper1.html", "erratum-paper2.tex",
                     "erratum-paper2.html"]


def test_written_for_both_papers(written):
    assert sorted(written) == ["erratum-paper1.html", "erratum-paper1.tex", "erratum-paper2.html",
                               "erratum-paper2.tex"]
    assert all(p.parent.name == "dir" and p.parent.parent.name == "nested" for p in written.values())


def test_latex_compiles(written, require_tool):
    exe = require_tool("pdflatex")
    for name, path in written.items():
        if not name.endswith(".tex"):
            continue
        done = subprocess.run([exe, "-interaction=nonstopmode", "-halt-on-error", path.name],
                              cwd=path.parent, capture_output=True, text=True, timeout=300, check=False)
        assert done.returncode == 0, done.stdout[-3000:]
        pdf = path.with_suffix(".pdf")
        assert pdf.read_bytes()[:5] == b"%PDF-"
        log = path.with_suffix(".log").read_text(errors="replace")
        assert "Undefined control sequence" not in log and "Missing $ inserted" not in log


def test_every_registered_formula_and_correction_compiles(tmp_path, require_tool):
    """The erratum's preamble sets every formula the registry holds (printed and corrected), as the
    erratum sets them: a correction the subset above does not reach (e.g. an identity matrix,
    \\mathbb{I}) must not break the document."""
    from symdln.claims import CLAIMS
    from symdln.erratum import _tex_math, erratum_latex

    exe = require_tool("pdflatex")
    body = []
    for c in CLAIMS:
        for expr in (c.formula, None if c.correction is None else c.correction.expr):
            if expr is not None:
                body += [f"\\paragraph{{{latex_text(c.id)}}}", _tex_math(expr)]
    assert len(body) > 100
    tex = erratum_latex([], "paper1", 0).replace("\\end{document}", "\n".join(body) + "\n\\end{document}")
    (tmp_path / "all.tex").write_text(tex, encoding="utf-8")
    done = subprocess.run([exe, "-interaction=nonstopmode", "-halt-on-error", "all.tex"], cwd=tmp_path,
                          capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stdout[-3000:]
    log = (tmp_path / "all.log").read_text(errors="replace")
    assert "Undefined control sequence" not in log and "Missing $ inserted" not in log
