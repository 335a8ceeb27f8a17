"""The Sec. 3.2 figure: the CSV written by ``save_figure`` against the iterates computed
independently (mpmath, 50 digits, the package's u_step) and the rise at 1/log(1 + eta sigma)."""

from __future__ import annotations

import csv
import math

import mpmath
import numpy as np
import pytest

from symdln.discrete import u_step
from symdln.figures import Figure, save_figure
from symdln.figures._style import bare_math, figure_texts
from symdln.figures.paper1_discrete import COLUMNS, FIGURES, rescaled_curves


@pytest.fixture(scope="module")
def saved(tmp_path_factory):
    (rec,) = FIGURES
    mfig, data = rec.build()
    texts = figure_texts(mfig)
    out = tmp_path_factory.mktemp("discrete")
    paths = save_figure(Figure(rec.name, rec.title, lambda: (mfig, data)), out)
    with open(out / f"{rec.name}.csv", newline="") as fh:
        rows = list(csv.DictReader(fh))
    return {"texts": texts, "paths": paths, "rows": rows}


def test_files_written(saved):
    assert [p.suffix for p in saved["paths"]] == [".png", ".pdf", ".csv"]
    assert all(p.stat().st_size > 0 for p in saved["paths"])
    assert tuple(saved["rows"][0]) == COLUMNS


def test_labels_are_mathtext(saved):
    assert any(r"1/\ln(1 + \eta\sigma)" in t for t in saved["texts"])
    assert {t: bare_math(t) for t in saved["texts"] if bare_math(t)} == {}


def test_saved_iterates_match_high_precision_iteration(saved):
    # float64 u-recursion of at most 641 steps, each step a few roundings of a contraction
    # factor in (0, 1): relative error of u below 641 * 8 * 2^-53 < 6e-13, and w = 1/(u + 1)
    # inherits it; rtol 1e-11 is that bound with a margin.  Reference: u_step (exact identity of the
    # product recursion) at 50 digits from u_0 = e^{2 delta} - 1.
    it = [r for r in saved["rows"] if r["series"] == "iterate"]
    y_col, t_col = COLUMNS[5], COLUMNS[4]
    s = float(it[0]["eta_sigma"])
    worst = 0.0
    with mpmath.workdps(50):
        sm = mpmath.mpf(s)
        for d in sorted({float(r["delta"]) for r in it}):
            mine = [(int(r[t_col]), float(r[y_col])) for r in it if float(r["delta"]) == d]
            u, t, want = mpmath.expm1(2 * mpmath.mpf(d)), 0, dict(mine)
            for target in sorted(want):
                while t < target:
                    u, t = u_step(u, sm, 1), t + 1
                ref = 1 / (u + 1)
                worst = max(worst, float(abs(want[target] - ref) / ref))
    assert worst < 1e-11


def test_reference_lines(saved):
    ref = {r["series"]: float(r[COLUMNS[3]]) for r in saved["rows"] if r["series"] != "iterate"}
    s = float(saved["rows"][0]["eta_sigma"])
    assert ref == {"printed T = 1/(eta sigma) (25)": 1 / s,
                   "transition 1/log(1 + eta sigma)": 1 / math.log1p(s)}


def test_rise_moves_to_the_proved_transition():
    data = rescaled_curves()
    tau, T, Ts = data["tau"], data["printed T = 1/(eta sigma)"], data["transition 1/log(1 + eta sigma)"]
    half = {d: tau[np.argmax(ys >= 0.5)] for d, ys in data["curves"].items()}
    deltas = sorted(half)
    # the half-rise time approaches 1/log(1+s) as delta grows, and stays beyond the printed T
    assert abs(half[deltas[-1]] - Ts) < abs(half[deltas[0]] - Ts)
    assert all(h > T for h in half.values())
    at_T = {d: ys[np.argmin(abs(tau - T))] for d, ys in data["curves"].items()}
    assert at_T[deltas[-1]] < at_T[deltas[0]] < 0.5  # at the printed T the iterate goes to 0
