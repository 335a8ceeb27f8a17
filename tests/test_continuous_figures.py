"""Fig. 1 of paper 1: the CSV written by ``save_figure`` against the closed forms (9) and (16), the
proved limits, and the labels (mathtext, no ASCII mathematics)."""

from __future__ import annotations

import csv
from fractions import Fraction as F

import mpmath
import pytest
import sympy as sp

from symdln.continuous import logistic_mode
from symdln.figures import Figure, save_figure
from symdln.figures._style import bare_math, figure_texts
from symdln.figures.paper1_continuous import COLUMNS, DELTAS, FIGURES, K_CAPTION, PANELS, SIGMAS
from symdln.limits import step_limit_18
from symdln.linear import solution_9

T_COL, V_COL = COLUMNS[5], COLUMNS[6]


@pytest.fixture(scope="module")
def saved(tmp_path_factory):
    (rec,) = FIGURES
    mfig, data = rec.build()
    texts = figure_texts(mfig)
    out = tmp_path_factory.mktemp("fig1")
    paths = save_figure(Figure(rec.name, rec.title, lambda: (mfig, data)), out)
    with open(out / f"{rec.name}.csv", newline="") as fh:
        rows = list(csv.DictReader(fh))
    return {"texts": texts, "data": data, "paths": paths, "rows": rows, "name": rec.name}


def test_files_written(saved):
    assert [p.suffix for p in saved["paths"]] == [".png", ".pdf", ".csv"]
    assert all(p.name.startswith(saved["name"]) and p.stat().st_size > 0 for p in saved["paths"])
    assert saved["paths"][0].read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert saved["paths"][1].read_bytes()[:5] == b"%PDF-"


def test_csv_header_and_panels(saved):
    assert tuple(saved["rows"][0]) == COLUMNS
    assert {r["panel"] for r in saved["rows"]} == set(PANELS)
    assert {r["delta"] for r in saved["rows"]} == {*map(str, DELTAS), "inf"}


def test_labels_are_mathtext(saved):
    texts = saved["texts"]
    assert any(r"\Sigma_{yx}" in t for t in texts) and any(r"\|W_1W_2(\delta t)\|_*" in t for t in texts)
    assert {t: bare_math(t) for t in texts if bare_math(t)} == {}


def _rows(saved, panel, delta):
    return [(float(r[T_COL]), float(r[V_COL])) for r in saved["rows"]
            if r["panel"] == panel and r["delta"] == str(delta)]


def _mp(x):
    return mpmath.mpf(x.numerator) / x.denominator


def test_two_layer_curves_are_the_logistic_closed_form(saved):
    # the figure evaluates (16) in log space at 64 bits per mode and rounds to float64; each of the
    # three positive terms is within 2 ulp, their sum within 2^-50 relative: rtol 1e-14 is that bound
    # with a margin; the reference is logistic_mode (the solution of (16)) at 40 digits
    s, l, w0, tt = sp.symbols("sigma lambda w0 t", positive=True)
    f = sp.lambdify((s, l, w0, tt), logistic_mode(s, l, w0, tt), "mpmath")
    worst = 0.0
    with mpmath.workdps(40):
        for p in ("b", "d"):
            _s, _q, L, lams, power = PANELS[p]
            assert L == 2
            for d in DELTAS:
                for t, y in _rows(saved, p, d):
                    T = mpmath.mpf(t)
                    ref = sum(f(_mp(a), _mp(b), mpmath.exp(-_mp(K_CAPTION) * d), d * T) ** power
                              for a, b in zip(SIGMAS, lams, strict=True))
                    worst = max(worst, float(abs(y - ref) / ref))
    assert worst < 1e-14


def test_linear_curves_are_prop1_solution(saved):
    # (9): W(t) = e^{-t Sigma_x}(W_0 - Sigma_x^+ Sigma_xy) + Sigma_x^+ Sigma_xy, evaluated from the
    # package's symbolic solution at 40 digits; the figure sums two positive float terms per mode
    # (expm1 and exp): within 4 ulp per mode, rtol 1e-14
    tt, dd = sp.symbols("t delta", positive=True)
    worst = 0.0
    for p in ("a", "c"):
        _s, _q, L, lams, power = PANELS[p]
        assert L == 1
        Sx = sp.diag(*[sp.Rational(x) for x in lams])
        Sxy = sp.diag(*[sp.Rational(x) for x in SIGMAS])
        W = solution_9(Sx, Sxy, sp.exp(-dd) * sp.eye(3), dd * tt)
        norm = sum(abs(W[i, i]) ** power for i in range(3))
        f = sp.lambdify((dd, tt), norm, "mpmath")
        with mpmath.workdps(40):
            for d in DELTAS:
                for t, y in _rows(saved, p, d):
                    ref = f(d, mpmath.mpf(t))
                    worst = max(worst, float(abs(y - ref) / ref))
    assert worst < 1e-14


def test_limits_are_cor1_and_prop1(saved):
    # L = 2: (18)/(19) per mode with the step at 1/(2 sigma_i) for W(0) = e^{-delta} (T = K/(2 sigma));
    # L = 1: Sigma_x^+ Sigma_xy for every t > 0.  Both exact; the CSV holds their float64 roundings.
    for p, (_s, _q, L, lams, power) in PANELS.items():
        for t, y in _rows(saved, p, "inf"):
            tq = F(t)  # the grid's floats are exact binary rationals
            if L == 2:
                ref = sum(step_limit_18(a, b, tq, K_CAPTION / (2 * a)) ** power
                          for a, b in zip(SIGMAS, lams, strict=True))
            else:
                ref = sum((a / b) ** power for a, b in zip(SIGMAS, lams, strict=True))
            assert y == float(ref), (p, t)


def test_l2_learns_one_component_at_a_time_l1_all_at_once(saved):
    # autoencoder, delta = 100, 10 < t < 25 (between the L = 2 transitions 5 and 50): L = 2 holds
    # exactly one component (trace norm 1 up to e^{-2 delta min(sigma t - 1/2)} < 1e-6), while L = 1
    # has mode i at 1 - e^{-sigma_i delta t}(1 - e^{-delta}) > 1 - e^{-sigma_i delta 10}: above
    # 1 - e^{-100} + 1 - e^{-10} + 1 - e^{-1} > 2.63
    d2, d1 = dict(_rows(saved, "d", 100)), dict(_rows(saved, "c", 100))
    mid = [t for t in d2 if 10 < t < 25]
    assert mid and all(abs(d2[t] - 1) < 1e-6 for t in mid)
    assert min(d1[t] for t in mid) > 2.63


def test_bad_table_is_rejected(tmp_path):
    (rec,) = FIGURES
    fake = Figure("broken", "no table", lambda: (rec.build()[0], {}))
    with pytest.raises(TypeError, match="no Table"):
        save_figure(fake, tmp_path)
    with pytest.raises(ValueError, match="unknown figure format"):
        save_figure(rec, tmp_path, formats=("png", "bmp"))
    assert not list(tmp_path.iterdir())
