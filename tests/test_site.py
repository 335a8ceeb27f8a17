"""The documentation site (mkdocs.yml): it builds under ``--strict``, has an API page for every public
module, the generated claims table, and math the browser can typeset.

The build runs on a copy of ``mkdocs.yml`` and ``docs/`` in a temporary directory, so that nothing is
written into the repository.  A page the nav names that does not exist, a broken link, or a docstring
mkdocstrings cannot read fails the strict build, hence these tests.
"""

from __future__ import annotations

import doctest
import importlib.util
import os
import pkgutil
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import symdln.certify
from symdln.claims import CLAIMS

pytest.importorskip("mkdocs", reason="mkdocs is not installed (pip install -e '.[dev]')")

ROOT = Path(__file__).resolve().parents[1]
CORE = ("notation", "linear", "deep", "assumption", "continuous", "discrete", "limits", "rrr",
        "autoencoder", "geometry", "completion")
API_MODULES = (
    "symdln.claims", "symdln.claims.record", "symdln.runner", "symdln.verdict", "symdln.correction",
    "symdln.report", "symdln.html_report", "symdln.erratum", "symdln.render", "symdln.output",
    "symdln.validate", *(f"symdln.{m}" for m in CORE), "symdln.certify",
    *(f"symdln.certify.{m.name}" for m in pkgutil.iter_modules(symdln.certify.__path__)
      if not m.name.startswith("_")),  # a _module is internal (the compiled kernel)
)


def copy_project(dest: Path) -> Path:
    """``mkdocs.yml`` and ``docs/`` (with its hooks) copied under ``dest``; returns the copied config."""
    shutil.copy2(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    shutil.copytree(ROOT / "docs", dest / "docs", ignore=shutil.ignore_patterns("__pycache__"))
    return dest / "mkdocs.yml"


def build(config: Path, site: Path) -> subprocess.CompletedProcess[str]:
    """``mkdocs build --strict`` of ``config`` into ``site``."""
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config), "-d", str(site)],
        capture_output=True, text=True, cwd=config.parent, timeout=600,
        # no end-of-life banner in the log; placeholder figures (computing them is their own tests' job)
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "SYMDLN_DOCS_FIGURES": "placeholder"},
    )


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("site-build")
    proc = build(copy_project(work), work / "site")
    assert proc.returncode == 0, f"mkdocs build --strict failed:\n{proc.stdout}\n{proc.stderr}"
    return work / "site"


def _html(site: Path, page: str) -> str:
    path = site / page / "index.html" if page else site / "index.html"
    assert path.is_file(), f"no page {page!r} in the built site"
    return path.read_text(encoding="utf-8")


def test_every_public_module_has_an_api_page(site: Path) -> None:
    anchors = set()
    for page in (site / "api").rglob("index.html"):
        anchors |= set(re.findall(r'id="(symdln(?:\.\w+)+)"', page.read_text(encoding="utf-8")))
    missing = [m for m in API_MODULES if m not in anchors]
    assert not missing, f"modules without an API page: {missing} (add docs/api/... and the nav entry)"
    # the functions themselves are rendered, with their signatures
    assert {"symdln.discrete.upper_corrected", "symdln.runner.run_claim", "symdln.claims.by_id",
            "symdln.certify.monotone.iterate_arb", "symdln.limits.mode_limit"} <= anchors


def test_claims_table_lists_every_claim(site: Path) -> None:
    html = _html(site, "claims")
    rows = set(re.findall(r"<tr>\s*<td><code>([\w.]+)</code></td>", html))
    assert {c.id for c in CLAIMS} <= rows
    assert "Coverage of paper 1" in _html(site, "coverage")


def test_math_and_cross_references_are_rendered(site: Path) -> None:
    html = _html(site, "api/discrete")
    # :math:`...` became MathJax input inside arithmatex spans, .. math:: blocks display math
    assert html.count('class="arithmatex"') > 20
    assert r"\(\rho_s(y) = 1 - s(2+y)/(1+y)^2\)" in html.replace("&gt;", ">")
    assert '<div class="arithmatex">' in _html(site, "api/limits")
    # :func:`product_step` is a link to the function's anchor, not literal markup
    assert 'href="#symdln.discrete.product_step"' in html
    # doctests are code blocks, not nested quotes
    assert "<blockquote>" not in html and '<span class="gp">&gt;&gt;&gt; </span>' in html
    # reST simple tables became tables
    assert "<table>" in _html(site, "api/verdict")
    for page in (site / "api").rglob("index.html"):
        text = page.read_text(encoding="utf-8")
        left = re.findall(r":(?:math|func|class|data|mod|attr|meth):`?", re.sub(r"<[^>]+>", "", text))
        assert not left, f"{page.relative_to(site)}: Sphinx markup left unconverted: {left[:5]}"
    # the page loads MathJax and its configuration for arithmatex
    assert "javascripts/mathjax.js" in html and "mathjax@3" in html
    assert "\\(" in (site / "javascripts" / "mathjax.js").read_text(encoding="utf-8")


def test_markdown_math_and_nav_pages(site: Path) -> None:
    assert 'class="arithmatex"' in _html(site, "")  # docs/index.md
    for page in ("notation", "formal", "figures", "html-and-erratum", "linear", "continuous",
                 "discrete", "data", "paper2", "corrections", "api"):
        _html(site, page)
    assert not (site / "README").exists() and not list(site.rglob("*.py")), "sources leaked into the site"


def test_strict_build_rejects_a_broken_link(tmp_path: Path) -> None:
    """The site's own ``strict`` and ``validation`` settings, on a two-page site (the full site is
    built once, by the fixture): a broken link fails the build."""
    import yaml

    settings = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    config = tmp_path / "mkdocs.yml"
    config.write_text(yaml.safe_dump({"site_name": "t", "docs_dir": "docs", "strict": settings["strict"],
                                      "validation": settings["validation"]}), encoding="utf-8")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# t\n\nSee [notation](notation.md).\n", encoding="utf-8")
    page = tmp_path / "docs" / "notation.md"
    text = (ROOT / "docs" / "notation.md").read_text(encoding="utf-8")
    page.write_text(text, encoding="utf-8")
    control = build(config, tmp_path / "site")
    assert control.returncode == 0, control.stdout + control.stderr
    page.write_text(text + "\nSee [nowhere](no-such-page.md).\n", encoding="utf-8")
    proc = build(config, tmp_path / "site")
    assert proc.returncode != 0
    assert "no-such-page.md" in proc.stdout + proc.stderr


def test_docstring_conversion_doctests() -> None:
    spec = importlib.util.spec_from_file_location("griffe_rst", ROOT / "docs" / "api" / "griffe_rst.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    failed, attempted = doctest.testmod(module)
    assert attempted >= 5 and failed == 0


def _hook():
    spec = importlib.util.spec_from_file_location("figures_hook", ROOT / "docs" / "hooks" / "figures.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_figures_page_shows_every_registered_figure(site: Path) -> None:
    from symdln.figures import FIGURES

    html = _html(site, "figures")  # figures/index.html: the files sit beside it, in figures/
    for fig in FIGURES:
        assert f'src="{fig.name}.png"' in html and f'href="{fig.name}.csv"' in html, fig.name
        assert all((site / "figures" / f"{fig.name}.{ext}").is_file() for ext in ("png", "csv")), fig.name
    page = (ROOT / "docs" / "figures.md").read_text(encoding="utf-8")
    sections = re.findall(r"^## `(\w+)`", page, flags=re.M)
    assert sections == [f.name for f in FIGURES], "docs/figures.md: one section per figure, in registry order"


def test_figures_hook_renders_a_figure() -> None:
    """Outside the tests' placeholder mode the hook computes the figure: a PNG of the figure's size
    and the plotted data (the CSV's content is tested against the closed forms by the figure tests)."""
    import io

    import matplotlib.image as mimage

    files = _hook().render("discrete_rescaled")
    assert sorted(files) == ["figures/discrete_rescaled.csv", "figures/discrete_rescaled.png"]
    image = mimage.imread(io.BytesIO(files["figures/discrete_rescaled.png"]))
    assert min(image.shape[:2]) > 200
    assert len(files["figures/discrete_rescaled.csv"].decode().splitlines()) > 10
    placeholder = _hook().render("discrete_rescaled", placeholder=True)
    assert mimage.imread(io.BytesIO(placeholder["figures/discrete_rescaled.png"])).shape[:2] == (1, 1)
    with pytest.raises(KeyError):
        _hook().render("no_such_figure")
