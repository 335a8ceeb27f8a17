"""Table 1: printed values against the attainable range, the text's claims, and user data."""

from __future__ import annotations

import struct
from fractions import Fraction

import numpy as np

from symdln.checks import data_table1
from symdln.reference import load_table1
from symdln.verdict import Verdict


def test_reference_has_provenance():
    ref = load_table1()
    assert "Table 1" in ref["provenance"]["where"]
    assert [r["delta_x"] for r in ref["rows"]] == ["0.70", "0.68", "0.70"]


def test_mnist_delta_x_is_unattainable():
    r = data_table1.check_table1_values(with_digits=False)
    assert r.verdict is Verdict.FAILS
    ce = r.evidence.counterexample
    assert ce["dataset"] == "MNIST" and ce["d"] == 784 and ce["smallest d that could give it"] == 868


def test_a_consistent_table_is_not_refuted():
    rows = data_table1.printed_table()
    rows[0]["delta_x"] = (Fraction(675, 1000), Fraction(685, 1000))  # 0.68 is attainable at d = 784
    r = data_table1.check_table1_values(rows=rows, with_digits=False, user_paths={})
    assert r.verdict is Verdict.NOT_CHECKABLE


def test_orders_fails_and_is_corrected():
    r = data_table1.check_table1_orders()
    assert r.verdict is Verdict.HOLDS_AFTER_CORRECTION
    assert r.evidence.counterexample["dataset"] == "ImageNet"


def test_orders_with_one_order_holds_and_with_two_fails():
    assert data_table1.check_table1_orders(orders=Fraction(1, 2)).verdict is Verdict.HOLDS
    assert data_table1.check_table1_orders(orders=Fraction(2)).verdict is Verdict.HOLDS_AFTER_CORRECTION


def test_vary_is_vague_and_decided_with_a_threshold():
    assert data_table1.check_table1_vary().verdict is Verdict.NOT_CHECKABLE
    assert data_table1.check_table1_vary(max_ratio=Fraction(2)).verdict is Verdict.FAILS
    assert data_table1.check_table1_vary(max_ratio=Fraction(10)).verdict is Verdict.HOLDS


def test_digits_values_certified_delta_x_matches_float():
    out = data_table1.digits_deltas()
    for kind in ("raw", "centred"):
        cert = out[kind]["Delta_x (corrected, certified)"]
        mid = float(cert.strip("[").split("+/-")[0])
        assert abs(mid - out[kind]["delta_x_corrected"]) < 1e-6  # float rounded to 6 digits
    assert out["raw"]["delta_xy_min"] <= out["raw"]["delta_xy_printed"]


def test_user_mnist_files_via_argument(tmp_path):
    rng = np.random.default_rng(3)
    imgs = rng.integers(0, 256, size=(40, 28, 28)).astype(np.uint8)
    labels = rng.integers(0, 10, size=40).astype(np.uint8)
    for name, arr in (("train-images-idx3-ubyte", imgs), ("train-labels-idx1-ubyte", labels)):
        header = bytes([0, 0, 0x08, arr.ndim]) + b"".join(struct.pack(">I", s) for s in arr.shape)
        (tmp_path / name).write_bytes(header + arr.tobytes())
    r = data_table1.check_table1_values(user_paths={"MNIST": tmp_path}, with_digits=False)
    det = r.evidence.details
    assert det["user data (computed, float64)"]["MNIST"]["raw"]["d"] == 784
    assert "MNIST" in det["user data vs printed intervals"]


def test_user_files_via_environment(tmp_path, monkeypatch):
    rng = np.random.default_rng(4)
    np.savez(tmp_path / "c.npz", x=rng.normal(size=(30, 5)), y=rng.integers(0, 3, size=30))
    monkeypatch.setenv("SYMDLN_TABLE1_DATA", f"CIFAR-10={tmp_path / 'c.npz'}")
    r = data_table1.check_table1_values(with_digits=False)
    assert "CIFAR-10" in r.evidence.details["user data (computed, float64)"]


def test_certified_delta_xy_matches_exact_and_float():
    import flint
    import sympy as sp

    from symdln.assumption import delta_xy_min, deltas_numeric
    from symdln.certify.offblock import certified_delta_xy_min

    X = np.array([[1, 2, 0], [0, 1, 1], [2, 0, 1], [1, 1, 3], [0, 2, 1]])
    Y = np.eye(2, dtype=int)[[0, 1, 0, 1, 1]]
    ball = certified_delta_xy_min(X.T @ X, X.T @ Y)
    exact = delta_xy_min(sp.Matrix(X.T @ X), sp.Matrix(X.T @ Y))
    with flint.ctx.workprec(128):
        assert ball.overlaps(flint.arb(str(sp.N(exact, 40))))
    assert ball.rad() < 1e-25
    assert abs(float(ball.mid()) - deltas_numeric(X.astype(float), Y.astype(float))["delta_xy_min"]) < 1e-12


def test_digits_certified_delta_xy_encloses_float():
    out = data_table1.digits_deltas()
    for kind in ("raw", "centred"):
        mid = float(out[kind]["Delta_xy min (certified)"].strip("[").split("+/-")[0])
        assert abs(mid - out[kind]["delta_xy_min"]) < 1e-6  # float rounded to 6 digits


def _rows_two_small_ratios():
    F = Fraction
    return [{"dataset": "A", "delta_xy": (F(99, 100), F(101, 100)), "delta_x": (F(149, 100), F(151, 100))},
            {"dataset": "B", "delta_xy": (F(1, 10), F(11, 100)), "delta_x": (F(3, 10), F(31, 100))}]


def test_orders_correction_is_computed_not_fixed():
    # ratios 1.47-1.53 (A) and 2.7-3.1 (B): 0.16-0.50 orders, no ImageNet row
    r = data_table1.check_table1_orders(rows=_rows_two_small_ratios())
    assert r.verdict is Verdict.HOLDS_AFTER_CORRECTION
    st = r.evidence.corrected_statement
    assert "ImageNet" not in st and "1.5 orders" not in st
    assert "smallest for A" in st and "10^0.15" in st and "10^0.5" in st


def test_orders_correction_fails_when_a_ratio_is_below_one():
    # Assump. 1's Delta larger than Saxe's in one row: the corrected direction fails too
    rows = _rows_two_small_ratios()
    rows[0]["delta_x"] = (Fraction(49, 100), Fraction(51, 100))
    r = data_table1.check_table1_orders(rows=rows)
    assert r.verdict is Verdict.FAILS
    assert "correction not proved" in r.evidence.notes


def test_orders_no_smallest_when_the_intervals_overlap():
    rows = _rows_two_small_ratios()
    rows[1]["delta_x"] = (Fraction(14, 100), Fraction(16, 100))  # B ratio 1.27-1.6 overlaps A
    r = data_table1.check_table1_orders(rows=rows)
    assert r.verdict is Verdict.HOLDS_AFTER_CORRECTION
    assert "smallest" not in r.evidence.corrected_statement
