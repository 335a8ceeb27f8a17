"""The readable proofs of Sec. 3.2 (proofs/discrete_*.py) run and every step holds."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import assert_proof_script_holds

ROOT = Path(__file__).resolve().parents[1]
PROOFS = ["discrete_thm3.py", "discrete_sigma0.py", "discrete_cor3.py"]


@pytest.mark.parametrize("name", PROOFS)
def test_discrete_proof_runs(name):
    assert_proof_script_holds(name)
