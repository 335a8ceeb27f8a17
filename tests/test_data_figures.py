"""Fig. 2: the CSV written by ``save_figure`` against the per-mode closed forms of the experiment
((21) for L = 1, the product recursion for L = 2, in Sigma_x's eigenbasis), the labels, and the
proof scripts of the data group."""

from __future__ import annotations

import csv
import math
import runpy
from pathlib import Path

import numpy as np
import pytest

from symdln.autoencoder import AutoencoderSetting, generate, linear_mode, two_layer_mode
from symdln.figures import Figure, save_figure
from symdln.figures._style import bare_math, figure_texts
from symdln.figures.paper1_data import COLUMNS, FIGURES

ROOT = Path(__file__).resolve().parents[1]
T_COL, V_COL = COLUMNS[4], COLUMNS[5]


@pytest.fixture(scope="module")
def saved(tmp_path_factory):
    (rec,) = FIGURES
    mfig, data = rec.build()
    texts = figure_texts(mfig)
    out = tmp_path_factory.mktemp("fig2")
    paths = save_figure(Figure(rec.name, rec.title, lambda: (mfig, data)), out)
    with open(out / f"{rec.name}.csv", newline="") as fh:
        rows = list(csv.DictReader(fh))
    return {"texts": texts, "paths": paths, "rows": rows, "data": data}


@pytest.fixture(scope="module")
def modes():
    """Per-mode closed forms in the eigenbasis of Sigma_x = X^T X / n (lambda_i = sigma_i)."""
    s = AutoencoderSetting()
    X, B = generate(s)
    lam, U = np.linalg.eigh(X.T @ X / s.n)
    w0 = math.exp(-2 * s.delta)
    m1 = np.array([linear_mode(w0, s.eta * v, s.iterations) for v in lam])  # (21), per mode
    m2 = np.array([two_layer_mode(w0, s.eta * v, s.iterations) for v in lam])  # product recursion
    return {"lam": lam, "U": U, "BDBt": B @ np.diag(s.D) @ B.T, 1: m1, 2: m2}


def _series(saved, quantity, L):
    return [(int(r[T_COL]), float(r[V_COL])) for r in saved["rows"]
            if r["quantity"] == quantity and r["L"] == str(L)]


def test_files_written(saved):
    assert [p.suffix for p in saved["paths"]] == [".png", ".pdf", ".csv"]
    assert all(p.stat().st_size > 0 for p in saved["paths"])
    assert tuple(saved["rows"][0]) == COLUMNS


def test_labels_are_mathtext(saved):
    assert any(r"\|W_1^{(t)}W_2^{(t)}\|_*" in t for t in saved["texts"])
    assert {t: bare_math(t) for t in saved["texts"] if bare_math(t)} == {}


# The matrix iterations of the experiment and the per-mode recursions differ by rounding only:
# L = 1 is a contraction in every eigendirection, L = 2 multiplies a relative perturbation by at
# most (1 + eta lambda_1)^2 per step while the mode grows by the same factor, so the errors stay of
# order (iterations) x d x 2^-52 relative to the size of the matrices involved (||W||, ||Sigma_x||,
# ||B D B^T||), not to the (possibly much smaller) result: RTOL times that scale.
RTOL = 6000 * 20 * 2.0**-52


@pytest.mark.parametrize("L", [1, 2])
def test_trace_norm_is_the_sum_of_the_modes(saved, modes, L):
    # W^{(t)} is symmetric positive semi-definite with eigenvalues m_i^{(t)}: ||W||_* = sum_i m_i
    got = _series(saved, "trace norm", L)
    assert len(got) > 200
    for t, y in got:
        ref = math.fsum(modes[L][:, t])
        assert abs(y - ref) <= RTOL * ref, (L, t)


@pytest.mark.parametrize("L", [1, 2])
def test_errors_are_the_closed_forms(saved, modes, L):
    lam, U = modes["lam"], modes["U"]
    for t, y in _series(saved, "reconstruction error e(W)", L):
        # e(W) = 1/2 tr((I - W)^T Sigma_x (I - W)) = 1/2 sum_i lambda_i (1 - m_i)^2
        ref = 0.5 * math.fsum(lam * (1 - modes[L][:, t]) ** 2)
        assert abs(y - ref) <= RTOL * (ref + lam.max()), (L, t)
    for t, y in _series(saved, "error (28), Frobenius", L):
        ref = np.linalg.norm(U @ np.diag(modes[L][:, t]) @ U.T - modes["BDBt"])
        assert abs(y - ref) <= RTOL * (ref + np.linalg.norm(modes["BDBt"])), (L, t)


def test_step_times(saved, modes):
    s = AutoencoderSetting()
    lam = np.sort(modes["lam"])[::-1][: s.r]
    lines = [r for r in saved["rows"] if r["L"] == ""]
    T25 = sorted(float(r[T_COL]) for r in lines if "(25)" in r["quantity"])
    tau = sorted(float(r[T_COL]) for r in lines if "derived" in r["quantity"])
    assert T25 == pytest.approx(sorted(s.delta / (s.eta * lam)), rel=1e-12)
    assert tau == pytest.approx(sorted(s.delta / np.log1p(s.eta * lam)), rel=1e-12)
    # L = 2 sits near 1 between the first two derived step times; L = 1 moves by more than 1 there
    tn2, tn1 = dict(_series(saved, "trace norm", 2)), dict(_series(saved, "trace norm", 1))
    a, b = tau[0], tau[1]
    mid = [t for t in tn2 if 2 * a < t < 2 * b / 3]
    assert mid and all(abs(tn2[t] - 1) < 0.05 for t in mid)
    assert max(tn1[t] for t in mid) - min(tn1[t] for t in mid) > 1
    assert all(x < y for x, y in zip(T25, tau, strict=True))


@pytest.mark.parametrize("script", ["data_delta.py", "data_phase_times.py"])
def test_proof_scripts_run(script, capsys):
    runpy.run_path(str(ROOT / "proofs" / script), run_name="__main__")
    assert "QED" in capsys.readouterr().out
