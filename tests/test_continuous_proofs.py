"""The readable derivations proofs/continuous_*.py run and every step holds."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import assert_proof_script_holds

ROOT = Path(__file__).resolve().parents[1]
PROOFS = ["continuous_modes.py", "continuous_limits.py", "continuous_rrr.py"]


@pytest.mark.parametrize("name", PROOFS)
def test_continuous_proof_runs(name):
    assert_proof_script_holds(name)
