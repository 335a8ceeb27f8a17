"""The readable proofs of Sec. 3.2 (proofs/discrete_*.py) run and every step holds."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PROOFS = ["discrete_thm3.py", "discrete_sigma0.py", "discrete_cor3.py"]


@pytest.mark.parametrize("name", PROOFS)
def test_discrete_proof_runs(name):
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    out = subprocess.run([sys.executable, str(ROOT / "proofs" / name)], capture_output=True, text=True,
                         env=env, timeout=300)
    assert out.returncode == 0, out.stdout + out.stderr
    assert "[FAILED]" not in out.stdout
    assert out.stdout.rstrip().endswith("steps hold.")
