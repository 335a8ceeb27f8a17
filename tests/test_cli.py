"""The command line: exit statuses, one-line errors, report files and their schema."""

from __future__ import annotations

import json

import pytest

import symdln.claims as registry
from symdln.claims.record import Check, Claim
from symdln.cli import main
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


def test_strict(fake_registry):
    assert main(["verify", "--quiet", "--claim", "fake.holds", "--strict"]) == 0
    assert main(["verify", "--quiet", "--claim", "fake.*", "--strict"]) == 3
    assert main(["verify", "--quiet", "--claim", "fake.*"]) == 0


def test_table_output(fake_registry, capsys):
    assert main(["verify", "--claim", "fake"]) == 0
    out = capsys.readouterr().out
    assert "fake.holds" in out and "holds" in out and "inconclusive" in out


def test_figures_unknown_name(capsys):
    assert main(["figures", "--only", "no-such-figure"]) == 2
    assert "no figure named" in capsys.readouterr().err


def test_docs_writes_the_claims_table(tmp_path, capsys):
    from symdln.claims import CLAIMS
    from symdln.report import claims_table_markdown

    out = tmp_path / "claims.md"
    assert main(["docs", "--out", str(out)]) == 0
    assert out.read_text() == claims_table_markdown(CLAIMS)


def test_figures_list(capsys):
    assert main(["figures", "--list"]) == 0


def test_table1_data_bad_value(capsys):
    assert main(["verify", "--claim", "eq7", "--table1-data", "MNIST"]) == 2
    assert "NAME=PATH" in capsys.readouterr().err


def test_table1_data_missing_path(capsys, tmp_path):
    assert main(["verify", "--claim", "eq7", "--table1-data", f"MNIST={tmp_path}/nope"]) == 2
    assert "does not exist" in capsys.readouterr().err
