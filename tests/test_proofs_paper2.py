"""The paper-2 proof scripts run and verify every step."""

from __future__ import annotations

import runpy
from pathlib import Path

PROOFS = Path(__file__).resolve().parents[1] / "proofs"


def test_paper2_geometry_proof_runs(capsys):
    runpy.run_path(str(PROOFS / "paper2_geometry.py"), run_name="__main__")
    out = capsys.readouterr().out
    assert "all steps verified" in out and "FAILED" not in out


def test_paper2_balanced_proof_runs(capsys):
    runpy.run_path(str(PROOFS / "paper2_balanced.py"), run_name="__main__")
    out = capsys.readouterr().out
    assert "steps hold." in out and "FAILED" not in out
