"""Paper 2 completion figures: registered, and their data is consistent (not pixels)."""

from __future__ import annotations

import math

import numpy as np
import pytest

from symdln.figures import FIGURES
from symdln.figures import paper2_completion as f


def test_figures_registered():
    names = {fig.name for fig in FIGURES}
    assert {"p2_completion_2x2", "p2_completion_3x3", "p2_completion_arora"} <= names


def test_3x3_figure_data():
    fig, data = f.build_3x3()
    assert fig.axes and data["runs"] == 100
    for N in ("2", "3", "5", "inf"):
        d = data[f"N={N}"]
        assert 0 <= d["fraction sigma_3/sigma_1 < 1e-2"] <= 1
        assert d["median log10 sigma_3/sigma_1"] <= d["median log10 sigma_2/sigma_1"] <= 0


@pytest.mark.slow
def test_2x2_figure_data():
    _fig, data = f.build_2x2()
    for N in f.DEPTHS_2X2:
        d = data[f"N={'inf' if N == math.inf else int(N)}"]
        assert len(d["a"]) == f.RUNS_2X2 and np.all(np.isfinite(d["a"]))


@pytest.mark.slow
def test_arora_figure_data():
    _fig, data = f.build_arora()
    gaps = data["nuclear norm"]["duality gap"]
    assert max(gaps) < 1e-3
