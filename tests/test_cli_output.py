"""Files the command line writes: atomic (no partial or empty file after a failed write or
Ctrl-C), '-' for standard output, one-line errors after the verdicts; Markdown with math."""

from __future__ import annotations

import errno
import json
import os
import stat

import pytest
import sympy as sp

import symdln.claims as registry
import symdln.output as output
from symdln.claims.record import Check, Claim
from symdln.cli import main
from symdln.correction import Correction
from symdln.output import check_writable, write_text
from symdln.verdict import CheckResult, Evidence, Verdict


def _holds():
    return CheckResult(Verdict.HOLDS, Evidence("exact rational arithmetic", residual="0", scope="general"))


def _interrupted():
    raise KeyboardInterrupt


FAKE = (Claim("fake.holds", "paper1", "eq. (0)", "1 = 1", "none", (Check("c", _holds, "s"),)),)


@pytest.fixture
def fake_registry(monkeypatch):
    monkeypatch.setattr(registry, "CLAIMS", FAKE)


def _enospc(*args, **kwargs):
    raise OSError(errno.ENOSPC, "No space left on device")


def _interrupt(*args, **kwargs):
    raise KeyboardInterrupt


# --- symdln.output


def test_write_text_replaces_whole_and_keeps_permissions(tmp_path):
    target = tmp_path / "r.json"
    write_text(target, "first\n")
    assert target.read_text() == "first\n"
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~umask  # as open() would create it
    target.chmod(0o640)
    write_text(target, "second\n")
    assert target.read_text() == "second\n" and stat.S_IMODE(target.stat().st_mode) == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["r.json"]


@pytest.mark.parametrize("where", ["replace", "fsync"])
@pytest.mark.parametrize("error", [_enospc, _interrupt], ids=["ENOSPC", "Ctrl-C"])
def test_failed_write_leaves_nothing(tmp_path, monkeypatch, where, error):
    """A write that fails, at the rename or while the data goes to disk, or is interrupted, leaves no
    file, not even a temporary one, and leaves an existing file as it was."""
    monkeypatch.setattr(output.os, where, error)
    new, old = tmp_path / "new.json", tmp_path / "old.json"
    old.write_text("old\n")
    expected = OSError if error is _enospc else KeyboardInterrupt
    for path in (new, old):
        with pytest.raises(expected):
            write_text(path, "x" * 100_000)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["old.json"]
    assert old.read_text() == "old\n"


def test_dash_is_stdout(capsys, tmp_path):
    write_text("-", "to stdout\n")
    assert capsys.readouterr().out == "to stdout\n"
    assert not (tmp_path / "-").exists() and not os.path.exists("-")


def test_check_writable_creates_nothing(tmp_path, monkeypatch):
    check_writable(tmp_path / "r.json")
    assert list(tmp_path.iterdir()) == []
    with pytest.raises(IsADirectoryError):
        check_writable(tmp_path)
    with pytest.raises(FileNotFoundError, match="does not exist"):
        check_writable(tmp_path / "no" / "r.json")

    def denied(*args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(output.tempfile, "mkstemp", denied)
    with pytest.raises(PermissionError):
        check_writable(tmp_path / "r.json")


# --- the command line


def test_json_to_stdout_is_valid_json_and_summary_goes_to_stderr(fake_registry, capsys):
    assert main(["verify", "--claim", "fake", "--json", "-"]) == 0
    captured = capsys.readouterr()
    data = json.loads(captured.out)
    assert data["claims"][0]["id"] == "fake.holds" and data["claims"][0]["finding"]
    assert "1 claim: holds 1" in captured.err and "[1/1] fake.holds HOLDS" in captured.err


def test_markdown_to_stdout(fake_registry, capsys):
    assert main(["verify", "--quiet", "--claim", "fake", "--markdown", "-"]) == 0
    assert capsys.readouterr().out.startswith("# symdln verification report\n")


def test_two_reports_cannot_share_stdout(fake_registry, capsys):
    assert main(["verify", "--claim", "fake", "--json", "-", "--markdown", "-"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "only one report can go to standard output" in err


@pytest.mark.parametrize("flag", ["--json", "--markdown"])
def test_failed_write_is_exit_2_after_the_verdicts_and_leaves_no_file(fake_registry, monkeypatch, tmp_path,
                                                                     capsys, flag):
    monkeypatch.setattr(output.os, "replace", _enospc)
    target = tmp_path / "report"
    assert main(["verify", "--claim", "fake", flag, str(target)]) == 2
    captured = capsys.readouterr()
    assert "1 claim: holds 1" in captured.out  # the verdicts were printed first
    assert captured.err.splitlines()[-1] == f"symdln: error: cannot write {target}: No space left on device"
    assert list(tmp_path.iterdir()) == []


def test_ctrl_c_while_writing_leaves_no_file(fake_registry, monkeypatch, tmp_path, capsys):
    monkeypatch.setattr(output.os, "replace", _interrupt)
    target = tmp_path / "r.json"
    assert main(["verify", "--quiet", "--claim", "fake", "--json", str(target)]) == 130
    assert "interrupted" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_ctrl_c_during_the_checks_leaves_no_file(monkeypatch, tmp_path, capsys):
    """The path is checked before the run without being created: nothing is left if the run stops."""
    claim = Claim("stop.here", "paper1", "eq. (0)", "?", "none", (Check("c", _interrupted, "s"),))
    monkeypatch.setattr(registry, "CLAIMS", (claim,))
    assert main(["verify", "--quiet", "--jobs", "1", "--json", str(tmp_path / "r.json")]) == 130
    assert list(tmp_path.iterdir()) == []


def test_unwritable_directory_is_refused_before_the_run(fake_registry, monkeypatch, tmp_path, capsys):
    def denied(*args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(output.tempfile, "mkstemp", denied)
    assert main(["verify", "--claim", "fake", "--json", str(tmp_path / "r.json")]) == 2
    captured = capsys.readouterr()
    assert captured.err == f"symdln: error: cannot write report to {tmp_path / 'r.json'}: Permission denied\n"
    assert captured.out == ""  # nothing ran


def test_check_json_to_stdout(capsys):
    assert main(["check", "eq24.identity", "--json", "-"]) == 0
    captured = capsys.readouterr()
    assert json.loads(captured.out)["claims"][0]["id"] == "eq24.identity"
    assert "claim verdict:" in captured.err


def test_check_json_failed_write(monkeypatch, tmp_path, capsys):
    monkeypatch.setattr(output.os, "replace", _enospc)
    assert main(["check", "eq24.identity", "--json", str(tmp_path / "r.json")]) == 2
    captured = capsys.readouterr()
    assert "claim verdict:" in captured.out and "No space left on device" in captured.err
    assert list(tmp_path.iterdir()) == []


def test_docs_failed_write_leaves_no_file(monkeypatch, tmp_path, capsys):
    monkeypatch.setattr(output.os, "replace", _enospc)
    assert main(["docs", "--out", str(tmp_path / "claims.md")]) == 2
    assert capsys.readouterr().err.count("\n") == 1
    assert list(tmp_path.iterdir()) == []
    assert main(["docs", "--out", "-"]) == 2


# --- Markdown: formulas and corrections as math

x = sp.Symbol("x", positive=True)


def _judge(formula):
    if formula == (sp.sqrt(x) < x + 1):
        return CheckResult(Verdict.HOLDS, Evidence("exact", scope="general"))
    return CheckResult(Verdict.FAILS, Evidence("exact", counterexample={"x": "1/2"},
                                               notes="set $SYMDLN_X to see more"))


JUDGED = Claim("j.fixed", "paper1", "eq. (1)", "sqrt(x) < 1/2", "x > 0",
               (Check("judge", None, "s", judge=_judge),),
               formula=sp.sqrt(x) < sp.Rational(1, 2),
               correction=Correction(sp.sqrt(x) < x + 1, context="x real"),
               symbols=(x,))


def test_markdown_renders_formulas_and_corrections_as_math():
    from symdln.report import report_markdown
    from symdln.runner import run_claims

    runs = run_claims([JUDGED])
    assert runs[0].verdict is Verdict.HOLDS_AFTER_CORRECTION
    md = report_markdown(runs)
    assert "Printed formula: $\\sqrt{x} < \\frac{1}{2}$" in md
    assert "Correction (holds when judged by the same checks): $\\sqrt{x} < x + 1$, x real" in md
    assert "- **corrected_statement**: $\\sqrt{x} < x + 1$, x real" in md
    assert "sqrt(x) < x + 1" not in md  # the correction is math, not SymPy's ASCII


def test_markdown_escapes_dollars_in_prose():
    from symdln.report import report_markdown
    from symdln.runner import run_claims

    wrong = Claim("j.wrong", "paper1", "eq. (1)", "sqrt(x) < 1/2", "x > 0",
                  (Check("judge", None, "s", judge=_judge),), formula=sp.sqrt(x) < sp.Rational(1, 2),
                  symbols=(x,))
    md = report_markdown(run_claims([wrong]))
    assert "set \\$SYMDLN_X to see more" in md and " $SYMDLN_X" not in md
