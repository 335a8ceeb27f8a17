"""Paper 2 completion figures: the CSVs written by ``save_figure`` against the completion formulas
(the volume density from the metric operator's definition, the minimisers, the minimum nuclear
norm, the depth-1 flow in closed form), and the labels."""

from __future__ import annotations

import csv
import math

import numpy as np
import pytest

from symdln.checks import completion_observe as cc
from symdln.figures import FIGURES, Figure, save_figure
from symdln.figures import paper2_completion as f
from symdln.figures._style import bare_math, figure_texts


def _save(name, tmp_path_factory):
    rec = next(r for r in FIGURES if r.name == name)
    mfig, data = rec.build()
    texts = figure_texts(mfig)
    out = tmp_path_factory.mktemp(name)
    paths = save_figure(Figure(rec.name, rec.title, lambda: (mfig, data)), out)
    with open(out / f"{name}.csv", newline="") as fh:
        rows = list(csv.DictReader(fh))
    return {"texts": texts, "paths": paths, "rows": rows, "data": data, "fig": mfig}


@pytest.fixture(scope="module")
def fig2x2(tmp_path_factory):
    return _save("p2_completion_2x2", tmp_path_factory)


@pytest.fixture(scope="module")
def fig3x3(tmp_path_factory):
    return _save("p2_completion_3x3", tmp_path_factory)


@pytest.fixture(scope="module")
def arora(tmp_path_factory):
    return _save("p2_completion_arora", tmp_path_factory)


@pytest.mark.parametrize("which", ["fig2x2", "fig3x3", "arora"])
def test_files_and_labels(which, request):
    saved = request.getfixturevalue(which)
    assert [p.suffix for p in saved["paths"]] == [".png", ".pdf", ".csv"]
    assert all(p.stat().st_size > 0 for p in saved["paths"])
    assert saved["texts"] and {t: bare_math(t) for t in saved["texts"] if bare_math(t)} == {}


def test_2x2_one_colour_scale(fig2x2):
    assert tuple(fig2x2["rows"][0]) == f.COLUMNS_2X2
    assert any("volume density" in t for t in fig2x2["texts"])  # the single colorbar's label
    assert sum("volume density" in t for t in fig2x2["texts"]) == 1


def test_2x2_end_points_are_the_ensemble(fig2x2):
    ens = cc.ensemble(2, f.RUNS_2X2, f.DEPTHS_2X2)
    cols = f.COLUMNS_2X2[3:7]
    for N, W in ens.items():
        got = np.array([[float(r[c]) for c in cols] for r in fig2x2["rows"]
                        if r["series"] == "end point" and r["depth N"] == f._label(N)])
        assert np.array_equal(got, W.reshape(len(W), 4))  # repr round trip: bit for bit


def _metric_density(a: float, b: float, N: float) -> float:
    """sqrt(det(T^T A^{-1} T)), A the metric operator A_{N,W}(Z) = (1/N) sum_j P^{(N-j)/N} Z Q^{(j-1)/N}
    (P = W W^T, Q = W^T W; N = inf: int_0^1 P^s Z Q^{1-s} ds by 40-point Gauss-Legendre), built
    from the definition with eigh powers, T = [E_12, E_21]."""
    W = np.array([[1.0, a], [b, 1.0]])

    def power(M, x):
        v, V = np.linalg.eigh(M)
        return (V * v**x) @ V.T

    P, Q = W @ W.T, W.T @ W
    if N == math.inf:
        nodes, weights = np.polynomial.legendre.leggauss(40)
        pairs = [(w / 2, (x + 1) / 2, 1 - (x + 1) / 2) for x, w in zip(nodes, weights, strict=True)]
    else:
        pairs = [(1 / N, (N - j) / N, (j - 1) / N) for j in range(1, int(N) + 1)]
    A = np.zeros((4, 4))
    for k in range(4):
        Z = np.zeros(4)
        Z[k] = 1.0
        Z = Z.reshape(2, 2)
        A[:, k] = sum(w * power(P, x) @ Z @ power(Q, y) for w, x, y in pairs).ravel()
    T = np.zeros((4, 2))
    T[1, 0] = T[2, 1] = 1.0
    return float(np.sqrt(np.linalg.det(T.T @ np.linalg.solve(A, T))))


def test_2x2_density_is_the_metric_operator_volume(fig2x2):
    # away from the rank drop (|1 - ab| >= 1/4: sigma_2 >= 1/8 on the grid) A is well conditioned
    # (condition <= (sigma_1/sigma_2)^2 < 2e3); the figure (SVD + eigenvalue matrix) and the reference
    # (eigh powers, or 40-point Gauss-Legendre, exact to rounding for the analytic integrand with
    # |log(sigma_1/sigma_2)| < 4) agree to 2e3 x 1e-15 -> rtol 1e-10 with margin
    rng = np.random.default_rng(0)
    for N in f.DEPTHS_2X2:
        pts = [r for r in fig2x2["rows"] if r["series"] == "density" and r["depth N"] == f._label(N)]
        pts = [r for r in pts if abs(1 - float(r["W_12 = a"]) * float(r["W_21 = b"])) >= 0.25]
        for k in rng.choice(len(pts), 25, replace=False):
            r = pts[k]
            ref = _metric_density(float(r["W_12 = a"]), float(r["W_21 = b"]), N)
            assert float(r[f.COLUMNS_2X2[7]]) == pytest.approx(ref, rel=1e-10), (N, r)


def test_2x2_reference_curves(fig2x2):
    seg = [r for r in fig2x2["rows"] if r["series"] == "minimum nuclear norm segment"]
    hyp = [r for r in fig2x2["rows"] if r["series"] == "rank-1 hyperbola ab = 1"]
    for r in seg:  # ||[[1, a], [a, 1]]||_* = |1 + a| + |1 - a| = 2 for |a| <= 1 (the minimum)
        W = np.array([[1.0, float(r["W_12 = a"])], [float(r["W_21 = b"]), 1.0]])
        assert np.linalg.svd(W, compute_uv=False).sum() == pytest.approx(2.0, abs=1e-14)
    for r in hyp:  # rank 1: det = 1 - ab = 0 (one rounding of b = 1/a)
        assert abs(1 - float(r["W_12 = a"]) * float(r["W_21 = b"])) < 4e-16
    assert len(seg) > 10 and len(hyp) > 100


def test_3x3_columns_are_consistent_and_bounded_by_nuclear3x3(fig3x3):
    rows = fig3x3["rows"]
    assert tuple(rows[0]) == f.COLUMNS_3X3
    assert {r["depth N"] for r in rows} == {f._label(N) for N in f.DEPTHS_3X3}
    for r in rows:
        W = np.array([float(r[c]) for c in f.COLUMNS_3X3[2:11]]).reshape(3, 3)
        s = np.array([float(r[f"sigma_{i}"]) for i in (1, 2, 3)])
        E = float(r["loss E(W)"])
        # invariants of the singular values: sum of squares and product (rtol: a few roundings)
        assert (s**2).sum() == pytest.approx((W**2).sum(), rel=1e-13)
        assert np.prod(s) == pytest.approx(abs(np.linalg.det(W)), rel=1e-9, abs=1e-15)
        assert E == pytest.approx(0.5 * ((np.diag(W) - 1) ** 2).sum(), rel=1e-12, abs=1e-300)
        # ||W||_* >= tr W >= 3 - sqrt(3) sqrt(2E): the minimum 3 of p2.completion.nuclear3x3, relaxed by
        # the distance to the constraint set
        assert s.sum() >= 3 - math.sqrt(3 * 2 * E) - 1e-12


def test_arora_depth1_is_the_closed_form(arora):
    # N = 1 is gradient flow: observed entries relax to M (error e^{-T} = e^{-150} < 1e-65), the
    # unobserved keep W0 = 10^-3 I; M and the masks re-drawn as arora_experiment draws them
    p = f.ARORA
    rng = np.random.default_rng(0)
    n, rank = p["n"], p["rank"]
    M = rng.standard_normal((n, rank)) @ rng.standard_normal((rank, n)) / math.sqrt(rank * n) * 1.5
    rows = {int(r["observed entries"]): r for r in arora["rows"] if r["method"] == "depth 1"}
    for m in p["counts"]:
        mask = np.zeros(n * n)
        mask[rng.choice(n * n, size=m, replace=False)] = 1.0
        W = np.where(mask.reshape(n, n) > 0, M, 1e-3 * np.eye(n))
        ref = np.linalg.norm(W - M) / np.linalg.norm(M)
        assert float(rows[m][f.COLUMNS_ARORA[2]]) == pytest.approx(ref, rel=1e-9)


def test_arora_nuclear_norm_certified_and_ranks(arora):
    rows = arora["rows"]
    nn = [r for r in rows if r["method"] == "minimum nuclear norm"]
    assert len(nn) == len(f.ARORA["counts"])
    # ADMM stops at a duality gap below 1e-6 x max(1, primal), the primal ||X||_* < n ||M||_2 < 100
    assert all(0 <= float(r["duality gap"]) < 1e-4 for r in nn)
    assert all(1.0 <= float(r["effective rank"]) <= f.ARORA["n"] for r in rows)
