"""The readable proofs in proofs/ run and every step holds."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PROOFS = ["gradients.py", "sec2.py", "prop1.py", "eq21.py", "eq14.py"]


@pytest.mark.parametrize("name", PROOFS)
def test_proof_script_runs(name):
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    out = subprocess.run([sys.executable, str(ROOT / "proofs" / name)], capture_output=True,
                         text=True, env=env, timeout=300)
    assert out.returncode == 0, out.stdout + out.stderr
    assert "[FAILED]" not in out.stdout
    assert out.stdout.rstrip().endswith("steps hold.")


def test_a_failing_step_fails_the_script(tmp_path):
    script = tmp_path / "bad.py"
    script.write_text("from _step import step\nstep('1 = 2', 1 == 2)\nprint('unreachable')\n")
    env = {**os.environ, "PYTHONPATH": str(ROOT / "proofs")}
    out = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, env=env)
    assert out.returncode == 1 and "[FAILED] step 1" in out.stdout
    assert "unreachable" not in out.stdout
