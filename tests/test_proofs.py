"""The readable proofs in proofs/ run and every step holds."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import assert_proof_script_holds

ROOT = Path(__file__).resolve().parents[1]
PROOFS = ["gradients.py", "sec2.py", "prop1.py", "eq21.py", "eq14.py"]


@pytest.mark.parametrize("name", PROOFS)
def test_proof_script_runs(name):
    assert_proof_script_holds(name)


def test_a_failing_step_fails_the_script(tmp_path):
    script = tmp_path / "bad.py"
    script.write_text("from _step import step\nstep('1 = 2', 1 == 2)\nprint('unreachable')\n")
    env = {**os.environ, "PYTHONPATH": str(ROOT / "proofs")}
    out = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, env=env)
    assert out.returncode == 1 and "[FAILED] step 1" in out.stdout
    assert "unreachable" not in out.stdout


def test_a_failing_step_fails_the_script_in_process(tmp_path):
    from conftest import run_proof_script

    script = tmp_path / "bad.py"
    script.write_text("from _step import step\nstep('1 = 1', 1 == 1)\nstep('1 = 2', 1 == 2)\n"
                      "print('unreachable')\n")
    status, out = run_proof_script(str(script))
    assert status == 1 and "[FAILED] step 2" in out  # a fresh _step: the count starts at 1
    assert "unreachable" not in out
