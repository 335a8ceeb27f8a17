"""The command line: exit statuses, one-line errors, the terminal summary, progress, report files
and their schema, and the commands that hand the runs to the HTML report, the erratum and the
figures."""

from __future__ import annotations

import json
import sys
import types

import pytest
import sympy as sp

import symdln.claims as registry
from symdln.claims.record import Check, Claim
from symdln.cli import _Progress, main
from symdln.correction import Correction
from symdln.verdict import CheckResult, Evidence, Verdict


def _holds():
    return CheckResult(Verdict.HOLDS, Evidence("exact rational arithmetic", residual="0"))


def _inconclusive():
    return CheckResult(Verdict.INCONCLUSIVE, Evidence("float64 sampling", notes="observed"))


def _crash():
    raise ZeroDivisionError("deliberate")


FAKE = (
    Claim("fake.holds", "paper1", "eq. (0)", "1 = 1", "none", (Check("c", _holds, "s"),)),
    Claim("fake.maybe", "paper1", "eq. (0')", "2 = 2", "none", (Check("c", _inconclusive, "s"),)),
    Claim("other.crash", "paper2", "eq. (x)", "?", "none", (Check("boom", _crash, "s"),)),
)


@pytest.fixture
def fake_registry(monkeypatch):
    monkeypatch.setattr(registry, "CLAIMS", FAKE)


def _fails_slowly():
    return CheckResult(Verdict.FAILS, Evidence("exact", counterexample={"x": 1}))


SLOW = (
    Claim(
        "slow.one",
        "paper1",
        "eq. (s)",
        "3 = 3",
        "none",
        (Check("fast", _holds, "s"), Check("deep", _fails_slowly, "s", slow=True)),
    ),
)


def test_slow_check_skipped_unless_thorough(monkeypatch, tmp_path):
    """A slow check is reported as SKIPPED by default and decides the verdict with --thorough."""
    monkeypatch.setattr(registry, "CLAIMS", SLOW)
    j, m = tmp_path / "r.json", tmp_path / "r.md"
    assert main(["verify", "--quiet", "--json", str(j), "--markdown", str(m)]) == 0
    data = json.loads(j.read_text())
    assert data["thorough"] is False
    claim = data["claims"][0]
    assert claim["verdict"] == "HOLDS"
    assert [c["verdict"] for c in claim["checks"]] == ["HOLDS", "SKIPPED"]
    assert "--thorough" in m.read_text()
    assert main(["verify", "--quiet", "--thorough", "--json", str(j)]) == 0
    data = json.loads(j.read_text())
    assert data["thorough"] is True and data["claims"][0]["verdict"] == "FAILS"


def test_help_lists_commands(capsys):
    with pytest.raises(SystemExit) as e:
        main(["--help"])
    assert e.value.code == 0
    out = capsys.readouterr().out
    assert "verify" in out and "figures" in out


def test_no_command_prints_help(capsys):
    assert main([]) == 0
    assert "verify" in capsys.readouterr().out


def test_list(fake_registry, capsys):
    assert main(["verify", "--list"]) == 0
    out = capsys.readouterr().out
    assert "fake.holds" in out and "other.crash" in out


def test_unknown_claim_is_one_line_usage_error(fake_registry, capsys):
    assert main(["verify", "--claim", "nope"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "no claim matches 'nope'" in err
    assert "Traceback" not in err


def test_bad_flag_is_usage_error(capsys):
    assert main(["verify", "--no-such-flag"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("symdln: error:") and "Traceback" not in err


def test_unwritable_json_path(fake_registry, tmp_path, capsys):
    target = tmp_path / "missing-dir" / "r.json"
    assert main(["verify", "--claim", "fake.holds", "--json", str(target)]) == 2
    assert "does not exist" in capsys.readouterr().err


def test_json_path_is_a_directory(fake_registry, tmp_path, capsys):
    assert main(["verify", "--claim", "fake.holds", "--json", str(tmp_path)]) == 2
    assert "is a directory" in capsys.readouterr().err


def test_json_and_markdown_reports(fake_registry, tmp_path):
    j, m = tmp_path / "r.json", tmp_path / "r.md"
    code = main(["verify", "--quiet", "--claim", "fake.*", "--json", str(j), "--markdown", str(m)])
    assert code == 0
    data = json.loads(j.read_text())
    assert data["schema"] == "symdln-report/1"
    assert [c["id"] for c in data["claims"]] == ["fake.holds", "fake.maybe"]
    first = data["claims"][0]
    assert set(first) >= {"id", "where", "statement", "verdict", "checks"}
    assert first["verdict"] == "HOLDS"
    assert first["checks"][0]["method"] == "exact rational arithmetic"
    assert first["checks"][0]["evidence"]["residual"] == "0"
    assert data["summary"]["INCONCLUSIVE"] == 1
    assert "## `fake.maybe`: INCONCLUSIVE" in m.read_text()


def test_crash_gives_exit_1_and_is_reported(fake_registry, tmp_path, capsys):
    j = tmp_path / "r.json"
    assert main(["verify", "--quiet", "--json", str(j)]) == 1
    assert "other.crash/boom crashed: ZeroDivisionError: deliberate" in capsys.readouterr().err
    crashed = json.loads(j.read_text())["claims"][2]
    assert crashed["verdict"] == "ERROR"
    assert "ZeroDivisionError" in crashed["checks"][0]["error"]


def test_strict_is_a_deprecated_alias(fake_registry, capsys):
    """--strict keeps its meaning (exit 3 unless every claim HOLDS) and warns in one line."""
    assert main(["verify", "--quiet", "--claim", "fake.holds", "--strict"]) == 0
    assert "deprecated" in capsys.readouterr().err
    assert main(["verify", "--quiet", "--claim", "fake.*", "--strict"]) == 3
    err = capsys.readouterr().err.splitlines()
    assert err[0].startswith("symdln: warning: --strict is deprecated")
    assert err[-1] == "symdln: --strict: not HOLDS: fake.maybe"
    assert main(["verify", "--quiet", "--claim", "fake.*"]) == 0


def test_fail_on_names_the_claims(fake_registry, capsys):
    assert main(["verify", "--quiet", "--claim", "fake.*", "--fail-on", "fails,corrected"]) == 0
    assert capsys.readouterr().err == ""
    assert main(["verify", "--quiet", "--claim", "fake.*", "--fail-on", "fails,inconclusive"]) == 3
    assert capsys.readouterr().err == "symdln: --fail-on inconclusive: fake.maybe\n"
    assert main(["verify", "--quiet", "--claim", "fake.*", "--fail-on", "fails",
                 "--fail-on", "inconclusive"]) == 3


@pytest.mark.parametrize("flag", ["--fail-on", "--verdict"])
def test_bad_verdict_names_are_usage_errors(fake_registry, capsys, flag):
    assert main(["verify", "--claim", "fake.holds", flag, "fails,sometimes"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "unknown verdict 'sometimes'" in err and "fails" in err


def test_crash_outranks_fail_on(fake_registry, capsys):
    assert main(["verify", "--quiet", "--fail-on", "inconclusive"]) == 1
    err = capsys.readouterr().err
    assert "other.crash/boom crashed" in err and "--fail-on inconclusive: fake.maybe" in err


def test_summary_lists_the_findings(fake_registry, capsys):
    """The default summary: counts by verdict, then one line per finding (fails, corrections,
    crashes); holding and inconclusive claims are counted, not listed, and the summary says which
    option lists the inconclusive ones; ``--verdict inconclusive`` does."""
    assert main(["verify", "--claim", "fake"]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert lines[0] == "2 claims: holds 1, inconclusive 1"
    assert "inconclusive (1)" not in lines and "fake.maybe" not in out and "fake.holds" not in out
    assert "(1 inconclusive, each with the missing step: --verdict inconclusive)" in lines
    assert main(["verify", "--claim", "fake", "--verdict", "inconclusive"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert "inconclusive (1)" in lines
    finding = next(line for line in lines if "fake.maybe" in line)
    assert "eq. (0')" in finding and finding.endswith("observed")


def test_verdict_filter(fake_registry, capsys):
    assert main(["verify", "--claim", "fake", "--verdict", "holds"]) == 0
    out = capsys.readouterr().out
    assert "  fake.holds  " in out and "fake.maybe" not in out
    assert main(["verify", "--claim", "fake", "--verdict", "fails"]) == 0
    out = capsys.readouterr().out
    assert "fake" not in out.split("\n", 1)[1]  # counted in the first line, nothing listed


def _fails_long():
    ce = {f"parameter_{k}": f"{k}/7" for k in range(5)}
    ce["zzz_last"] = "42"
    return CheckResult(Verdict.FAILS, Evidence("exact rational arithmetic", counterexample=ce))


LONG = (
    Claim("a.claim.with.a.rather.long.identifier", "paper1",
          "Sec. 9.9, proof sketch of Thm. 9, the sentence after eq. (99) and footnote 3",
          "?", "none", (Check("c", _fails_long, "s"),)),
    Claim("short", "paper1", "eq. (1)", "?", "none", (Check("c", _inconclusive, "s"),)),
)


@pytest.mark.parametrize("columns", [80, 200])
def test_summary_fits_the_width_and_never_splits_an_id(monkeypatch, capsys, columns):
    monkeypatch.setattr(registry, "CLAIMS", LONG)
    monkeypatch.setenv("COLUMNS", str(columns))
    assert main(["verify", "--jobs", "1", "--verdict", "fails,inconclusive"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert all(len(line) <= columns for line in lines), max(lines, key=len)
    row = next(line for line in lines if "a.claim.with.a.rather.long.identifier" in line)
    assert row.startswith("  a.claim.with.a.rather.long.identifier  Sec. 9.9")
    assert "  parameter_0=0/7" in row and "counterexample" not in row  # said once, in the heading
    assert ("zzz_last" in row) is (columns == 200) and row.endswith("\u2026") is (columns == 80)
    assert lines.index("fails (1) -- counterexample") < lines.index("inconclusive (1)")


def test_where_drops_the_section_before_a_numbered_object():
    from symdln.report import short_where

    assert short_where("Sec. 3.2, eq. (21)") == "eq. (21)"
    assert short_where("Sec. 3.1, Cor. 2, the condition") == "Cor. 2, the condition"
    assert short_where("Sec. 3.1, before Cor. 1") == "Sec. 3.1, before Cor. 1"
    assert short_where("App. A") == "App. A"


def test_details_show_every_check_in_full(monkeypatch, capsys):
    monkeypatch.setattr(registry, "CLAIMS", LONG)
    monkeypatch.setenv("COLUMNS", "400")
    assert main(["verify", "--jobs", "1", "--details"]) == 0
    out = capsys.readouterr().out
    assert "zzz_last=42" in out and "exact rational arithmetic" in out
    assert "--details" not in out  # the hint is for the short summary only


def test_progress_off_a_terminal_is_one_line_per_claim(fake_registry, capsys):
    assert main(["verify", "--claim", "fake", "--jobs", "1"]) == 0
    err = capsys.readouterr().err.splitlines()
    assert err[0].startswith("[1/2] fake.holds HOLDS ") and err[0].endswith(" s")
    assert err[1].startswith("[2/2] fake.maybe INCONCLUSIVE ")


x = sp.Symbol("x", positive=True)


def _judge_positive(formula):
    """HOLDS for ``x > 0`` (true for the positive symbol x), FAILS otherwise."""
    if formula == (x > 0):
        return CheckResult(Verdict.HOLDS, Evidence("exact", scope="general"))
    return CheckResult(Verdict.FAILS, Evidence("exact", counterexample={"x": 1}))


def _judge_crashes_on_correction(formula):
    if formula == (x < 0):
        return CheckResult(Verdict.FAILS, Evidence("exact", counterexample={"x": 1}))
    raise RuntimeError("deliberate")


JUDGED = (
    Claim("j.corrected", "paper1", "eq. (j1)", "x < 0", "x > 0",
          (Check("judge", None, "s", judge=_judge_positive), Check("plain", _holds, "s")),
          formula=x < 0, correction=Correction(x > 0), symbols=(x,)),
    Claim("j.wrong_fix", "paper1", "eq. (j2)", "x < 0", "x > 0",
          (Check("judge", None, "s", judge=_judge_positive),),
          formula=x < 0, correction=Correction(x < -1), symbols=(x,)),
    Claim("j.fix_crashes", "paper1", "eq. (j3)", "x < 0", "x > 0",
          (Check("judge", None, "s", judge=_judge_crashes_on_correction),),
          formula=x < 0, correction=Correction(x > 0), symbols=(x,)),
    Claim("j.holds", "paper1", "eq. (j4)", "x > 0", "x > 0",
          (Check("judge", None, "s", judge=_judge_positive),),
          formula=x > 0, correction=Correction(x > 1), symbols=(x,)),
    Claim("j.slow_only", "paper1", "eq. (j5)", "?", "none",
          (Check("plain", _holds, "s"), Check("deep", _fails_slowly, "s", slow=True))),
    *FAKE,
)


@pytest.mark.parametrize("thorough", [False, True])
def test_progress_lines_give_the_runner_verdicts(thorough):
    """The per-claim progress line is printed when the runner's last event for the claim arrives,
    with the verdict the runner gives it: corrections judged, failed, crashed, not needed."""
    import io

    from symdln.report import verdict_name
    from symdln.runner import run_claims

    stream = io.StringIO()
    progress = _Progress(JUDGED, thorough, stream)
    runs = run_claims(JUDGED, progress, thorough=thorough)
    progress.finish(runs)
    lines = stream.getvalue().splitlines()
    got = {line.split()[1]: line.split()[2] for line in lines}
    assert got == {r.claim.id: verdict_name(r) for r in runs}
    assert [line.split()[0] for line in lines] == [f"[{k}/{len(JUDGED)}]" for k in range(1, len(JUDGED) + 1)]
    assert got["j.corrected"] == "HOLDS_AFTER_CORRECTION" and got["j.wrong_fix"] == "FAILS"
    assert got["j.fix_crashes"] == "FAILS" and got["other.crash"] == "ERROR"


def test_progress_lines_match_the_runner_on_registered_claims():
    """The same, on registered claims whose corrections are judged (in a worker pool)."""
    import io

    from symdln.claims import select
    from symdln.report import verdict_name
    from symdln.runner import run_claims

    claims = select(["eq24.recursion", "eq21.step_size", "assump1.multiclass"])
    stream = io.StringIO()
    progress = _Progress(claims, False, stream)
    runs = run_claims(claims, progress, jobs=2)
    got = {line.split()[1]: line.split()[2] for line in stream.getvalue().splitlines()}
    assert got == {r.claim.id: verdict_name(r) for r in runs}
    assert got["eq24.recursion"] == "HOLDS_AFTER_CORRECTION"


def test_figures_unknown_name(capsys):
    assert main(["figures", "--only", "no-such-figure"]) == 2
    assert "no figure named" in capsys.readouterr().err


def test_docs_writes_the_claims_table(tmp_path, capsys):
    from symdln.claims import CLAIMS
    from symdln.report import claims_table_markdown

    out = tmp_path / "claims.md"
    assert main(["docs", "--out", str(out)]) == 0  # no findings table beside it: nothing is run
    assert out.read_text() == claims_table_markdown(CLAIMS)


def test_docs_writes_the_verdicts_of_the_findings_tables(tmp_path, capsys):
    page = tmp_path / "linear.md"
    page.write_text("# t\n\n| claim | verdict | finding |\n| --- | --- | --- |\n"
                    "| `eq7.gradient` | fails | typed by hand |\n", encoding="utf-8")
    assert main(["docs", "--out", str(tmp_path / "claims.md"), "--quiet", "--jobs", "1"]) == 0
    assert "| `eq7.gradient` | holds | typed by hand |" in page.read_text(encoding="utf-8")
    page.write_text(page.read_text(encoding="utf-8") + "| `no.such` | holds | x |\n", encoding="utf-8")
    assert main(["docs", "--out", str(tmp_path / "claims.md"), "--quiet", "--jobs", "1"]) == 2
    assert "no.such" in capsys.readouterr().err


def test_figures_list(capsys):
    assert main(["figures", "--list"]) == 0


def test_table1_data_bad_value(capsys):
    assert main(["verify", "--claim", "eq7", "--table1-data", "MNIST"]) == 2
    assert "NAME=PATH" in capsys.readouterr().err


def test_table1_data_missing_path(capsys, tmp_path):
    assert main(["verify", "--claim", "eq7", "--table1-data", f"MNIST={tmp_path}/nope"]) == 2
    assert "does not exist" in capsys.readouterr().err


# --- the HTML report, the erratum and the figures, through their interfaces


def _fake_module(monkeypatch, name, **attrs):
    mod = types.ModuleType(name)
    mod.__dict__.update(attrs)
    monkeypatch.setitem(sys.modules, name, mod)
    return mod


def test_html_report_is_written_through_render_html(fake_registry, monkeypatch, tmp_path, capsys):
    seen = []

    def render_html(runs):
        seen.append([r.claim.id for r in runs])
        return "<!DOCTYPE html><title>" + " ".join(seen[-1]) + "</title>\n"

    _fake_module(monkeypatch, "symdln.html_report", render_html=render_html)
    page = tmp_path / "r.html"
    assert main(["verify", "--quiet", "--claim", "fake", "--html", str(page)]) == 0
    assert seen == [["fake.holds", "fake.maybe"]]
    assert page.read_text() == "<!DOCTYPE html><title>fake.holds fake.maybe</title>\n"
    assert main(["verify", "--claim", "fake", "--html", "-"]) == 0
    captured = capsys.readouterr()
    assert captured.out.startswith("<!DOCTYPE html>") and "2 claims:" in captured.err


def test_html_report_for_real(fake_registry, tmp_path):
    page = tmp_path / "r.html"
    assert main(["verify", "--quiet", "--claim", "fake", "--html", str(page)]) == 0
    text = page.read_text()
    assert "<html" in text.lower() and "fake.maybe" in text


def test_erratum_runs_the_claims_and_prints_the_files(fake_registry, monkeypatch, tmp_path, capsys):
    def write_erratum(runs, out_dir):
        path = out_dir / "erratum.tex"
        path.write_text("\n".join(r.claim.id for r in runs))
        return [path]

    _fake_module(monkeypatch, "symdln.erratum", write_erratum=write_erratum)
    out = tmp_path / "new" / "dir"
    assert main(["erratum", "--out", str(out), "--claim", "fake", "--jobs", "1"]) == 0
    captured = capsys.readouterr()
    assert captured.out == f"{out / 'erratum.tex'}\n"
    assert (out / "erratum.tex").read_text() == "fake.holds\nfake.maybe"
    assert "[2/2] fake.maybe INCONCLUSIVE" in captured.err


def test_erratum_bad_directory_is_exit_2_before_running(fake_registry, monkeypatch, tmp_path, capsys):
    ran = []
    _fake_module(monkeypatch, "symdln.erratum", write_erratum=lambda runs, d: ran.append(d) or [])
    a_file = tmp_path / "f"
    a_file.write_text("")
    assert main(["erratum", "--out", str(a_file / "sub"), "--claim", "fake"]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"symdln: error: cannot create {a_file / 'sub'}")
    assert err.count("\n") == 1 and not ran


def test_erratum_write_failure_is_exit_2(fake_registry, monkeypatch, tmp_path, capsys):
    import errno

    def write_erratum(runs, out_dir):
        raise OSError(errno.ENOSPC, "No space left on device")

    _fake_module(monkeypatch, "symdln.erratum", write_erratum=write_erratum)
    assert main(["erratum", "--quiet", "--out", str(tmp_path), "--claim", "fake"]) == 2
    assert "No space left on device" in capsys.readouterr().err


def test_erratum_for_real(fake_registry, tmp_path, capsys):
    assert main(["erratum", "--quiet", "--out", str(tmp_path), "--claim", "fake"]) == 0
    printed = capsys.readouterr().out.split()
    from pathlib import Path

    assert printed and all(Path(p).is_file() and Path(p).parent == tmp_path for p in printed)


def test_figures_go_through_save_figure(monkeypatch, tmp_path, capsys):
    import symdln.figures as figures_module
    from symdln.figures import Figure

    def save_figure(fig, out_dir):
        paths = [out_dir / f"{fig.name}.{ext}" for ext in ("png", "pdf", "csv")]
        for p in paths:
            p.write_text(fig.name)
        return paths

    figs = (Figure("one", "first", lambda: (None, {})), Figure("two", "second", lambda: (None, {})))
    monkeypatch.setattr(figures_module, "FIGURES", figs, raising=False)
    monkeypatch.setattr(figures_module, "save_figure", save_figure, raising=False)
    assert main(["figures", "--out", str(tmp_path / "figs")]) == 0
    captured = capsys.readouterr()
    assert captured.out.split() == [str(tmp_path / "figs" / f"{n}.{e}") for n in ("one", "two")
                                    for e in ("png", "pdf", "csv")]
    err = captured.err.splitlines()
    assert err[0].startswith("[1/2] one 3 files") and err[1].startswith("[2/2] two 3 files")

    def full_disk(fig, out_dir):
        import errno

        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(figures_module, "save_figure", full_disk, raising=False)
    assert main(["figures", "--out", str(tmp_path / "figs"), "--only", "two"]) == 2
    err = capsys.readouterr().err
    assert err == f"symdln: error: cannot write figure two to {tmp_path / 'figs'}: No space left on device\n"


def test_save_figure_interface_for_real():
    import inspect

    import symdln.figures as figures_module

    assert list(inspect.signature(figures_module.save_figure).parameters)[:2] == ["fig", "out_dir"]
