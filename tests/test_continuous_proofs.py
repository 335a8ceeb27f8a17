"""The readable derivations proofs/continuous_*.py run and every step holds."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PROOFS = ["continuous_modes.py", "continuous_limits.py", "continuous_rrr.py"]


@pytest.mark.parametrize("name", PROOFS)
def test_continuous_proof_runs(name):
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    out = subprocess.run([sys.executable, str(ROOT / "proofs" / name)], capture_output=True,
                         text=True, env=env, timeout=300)
    assert out.returncode == 0, out.stdout + out.stderr
    assert "[FAILED]" not in out.stdout
    assert out.stdout.rstrip().endswith("steps hold.")
