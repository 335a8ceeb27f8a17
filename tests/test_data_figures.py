"""Fig. 2: the figure's data (not its pixels), and the proof scripts of the data group."""

from __future__ import annotations

import runpy
from pathlib import Path

import numpy as np
import pytest

from symdln.figures import FIGURES

ROOT = Path(__file__).resolve().parents[1]


def test_fig2_registered_and_data():
    fig = next(f for f in FIGURES if f.name == "fig2_autoencoder")
    mfig, data = fig.build()
    assert len(mfig.axes) == 2
    tn2 = np.asarray(data["trace_norm_L2"])
    assert tn2[0] < 1e-3 and abs(tn2[-1] - 5) < 1e-3
    # L = 2 has a plateau near 1 between the first two derived step times; L = 1 does not
    t = np.asarray(data["t"])
    a, b = data["delta_tau"][0], data["delta_tau"][1]
    mid = (t > 2 * a) & (t < 2 * b / 3)
    assert np.all(np.abs(tn2[mid] - 1) < 0.05)
    tn1 = np.asarray(data["trace_norm_L1"])
    assert np.ptp(tn1[mid]) > 1
    assert all(T < tau for T, tau in zip(data["delta_T_25"], data["delta_tau"], strict=True))


@pytest.mark.parametrize("script", ["data_delta.py", "data_phase_times.py"])
def test_proof_scripts_run(script, capsys):
    runpy.run_path(str(ROOT / "proofs" / script), run_name="__main__")
    assert "QED" in capsys.readouterr().out
