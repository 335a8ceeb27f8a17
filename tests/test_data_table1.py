"""Table 1: printed values against the attainable range, the text's claims, and user data."""

from __future__ import annotations

import struct
from fractions import Fraction

import numpy as np
import pytest
import sympy as sp

from symdln.checks import data_table1
from symdln.checks.data_table1 import Delta_x, Delta_xy, order_of_magnitude
from symdln.claims import by_id
from symdln.correction import FormulaError
from symdln.reference import load_table1
from symdln.runner import run_claim
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


def test_orders_fails_and_the_correction_holds():
    run = run_claim(by_id("table1.orders"))
    assert run.verdict is Verdict.HOLDS_AFTER_CORRECTION
    assert run.correction_verdict is Verdict.HOLDS
    ce = run.checks[0].result.evidence.counterexample
    assert ce["fails on the whole rounding box of"] == ["MNIST", "CIFAR-10", "ImageNet"]
    statement = run.checks[0].result.evidence.corrected_statement
    assert statement.startswith("order_of_magnitude(Delta_x/Delta_xy) = 1")
    assert "Table 1" in run.correction_checks[0].result.evidence.details["reference"]["where"]


_RATIO = Delta_x / Delta_xy


@pytest.mark.parametrize("wrong", [
    sp.Eq(order_of_magnitude(_RATIO), 2),  # a constant changed (the printed reading)
    sp.Eq(order_of_magnitude(_RATIO), 0),
    sp.Eq(order_of_magnitude(Delta_xy / Delta_x), 1),  # symbols swapped
    sp.Eq(order_of_magnitude(Delta_x), 1),  # a factor dropped
    Delta_x >= 10 * Delta_xy,  # "at least one order": false for ImageNet (ratio about 4)
    sp.And(sp.Eq(order_of_magnitude(_RATIO), 1), Delta_x >= 10 ** sp.Rational(3, 2) * Delta_xy),
], ids=["two", "zero", "swap", "factor", "ten", "and"])
def test_orders_wrong_corrections_fail(wrong):
    run = run_claim(by_id("table1.orders"), correction_expr=wrong)
    assert run.correction_verdict is Verdict.FAILS and run.verdict is Verdict.FAILS
    assert run.correction_checks[0].result.evidence.counterexample["dataset"]


def test_orders_generous_reading_of_two_orders_fails_in_every_row():
    r = data_table1.judge_orders(Delta_x >= 10 ** sp.Rational(3, 2) * Delta_xy)
    assert r.verdict is Verdict.FAILS
    assert r.evidence.details["per row"] == {"MNIST": "fails", "CIFAR-10": "fails", "ImageNet": "fails"}
    assert data_table1.judge_orders(Delta_x > Delta_xy).verdict is Verdict.HOLDS


def _rows_two_small_ratios():
    F = Fraction
    return [{"dataset": "A", "delta_xy": (F(99, 100), F(101, 100)), "delta_x": (F(149, 100), F(151, 100)),
             "delta_x printed": "1.50", "delta_xy printed": "1.00"},
            {"dataset": "B", "delta_xy": (F(1, 10), F(11, 100)), "delta_x": (F(3, 10), F(31, 100)),
             "delta_x printed": "0.30", "delta_xy printed": "0.10"}]


def test_orders_judge_decides_other_tables():
    # ratios 1.47-1.53 (A) and 2.7-3.1 (B): order 0 in both rows
    rows = _rows_two_small_ratios()
    assert data_table1.judge_orders(sp.Eq(order_of_magnitude(_RATIO), 0), rows=rows).verdict is Verdict.HOLDS
    rows[0]["delta_x"] = (Fraction(49, 100), Fraction(51, 100))  # Delta_x < Delta_xy in row A
    r = data_table1.judge_orders(Delta_x > Delta_xy, rows=rows)
    assert r.verdict is Verdict.FAILS and r.evidence.counterexample["dataset"] == "A"


def test_orders_undecided_when_the_rounding_straddles_the_boundary():
    # ratio in [3.0, 3.3]: 10^(1/2) = 3.162... lies inside, the order is 0 or 1
    rows = [{"dataset": "C", "delta_xy": (Fraction(1, 10), Fraction(1, 10)), "delta_x": (Fraction(3, 10),
                                                                                     Fraction(33, 100)),
             "delta_x printed": "0.31", "delta_xy printed": "0.10"}]
    r = data_table1.judge_orders(sp.Eq(order_of_magnitude(_RATIO), 1), rows=rows)
    assert r.verdict is Verdict.INCONCLUSIVE


def test_order_of_magnitude_exact_and_on_balls():
    assert [order_of_magnitude(v) for v in (1, 3, 4, 31, 32, 316, 317)] == [0, 0, 1, 1, 2, 2, 3]
    assert order_of_magnitude(sp.Rational(1, 4)) == -1 and order_of_magnitude(sp.Rational(3, 10)) == -1
    assert order_of_magnitude(Delta_x).func is order_of_magnitude  # unevaluated on a symbol
    for v in (Fraction(316), Fraction(317), Fraction(1, 4), Fraction(32, 1000)):
        box = {Delta_x: (v, v)}
        k = order_of_magnitude(sp.Rational(v.numerator, v.denominator))
        assert data_table1.decide_on_box(sp.Eq(order_of_magnitude(Delta_x), k), box) is True


def test_orders_judge_refuses_malformed_statements():
    with pytest.raises(FormulaError, match="unknown symbol"):
        data_table1.judge_orders(sp.Symbol("y") > Delta_x)
    with pytest.raises(FormulaError, match="relation or a logical"):
        data_table1.judge_orders(Delta_x + 1)
    with pytest.raises(FormulaError, match="cannot be evaluated"):
        data_table1.judge_orders(sp.sin(Delta_x) > 0)


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


# --- user data from the command line: validated before any check runs


def _mnist_like_npz(path, n=60, seed=5):
    rng = np.random.default_rng(seed)
    np.savez(path, x=rng.integers(0, 256, size=(n, 28, 28)).astype(np.uint8), y=rng.integers(0, 10, size=n))


def test_cli_user_data_keeps_the_certified_fails_and_shows_the_values(tmp_path, capsys, monkeypatch):
    import json

    from symdln.cli import main
    from symdln.datasets import TABLE1_ENV

    monkeypatch.delenv(TABLE1_ENV, raising=False)
    _mnist_like_npz(tmp_path / "m.npz")
    report = tmp_path / "r.json"
    code = main(["verify", "--claim", "table1.values", "--jobs", "1", "--table1-data",
                 f"mnist={tmp_path / 'm.npz'}", "--json", str(report)])
    assert code == 0
    claim = json.loads(report.read_text())["claims"][0]
    assert claim["verdict"] == "FAILS"  # the printed MNIST Delta_x, whatever the user's data
    details = claim["checks"][0]["evidence"]["details"]
    computed = details["user data (computed, float64)"]["MNIST"]["raw"]
    assert computed["d"] == 784 and computed["n"] == 60
    assert "MNIST" in details["user data vs printed intervals"]
    out = capsys.readouterr().out
    row = next(line for line in out.splitlines() if line.startswith("  MNIST"))
    printed = next(r for r in load_table1()["rows"] if r["dataset"] == "MNIST")
    assert f"Delta_xy {computed['delta_xy_min']:.3g} (printed {printed['delta_xy']})" in row
    assert f"Delta_x {computed['delta_x_corrected']:.3g} (printed {printed['delta_x']})" in row
    import os

    assert TABLE1_ENV not in os.environ  # restored after the run


def _never_run(*args, **kwargs):
    raise AssertionError("a check ran although the data were refused")


@pytest.mark.parametrize("make, message", [
    (lambda p: p.write_bytes(b"garbage, not an archive"), "not a readable .npz archive"),
    (lambda p: np.savez(p, x=np.ones((4, 3)), y=[0.5, 1, 0, 1]), "labels must be whole numbers"),
    (lambda p: np.savez(p, x=np.full((4, 3), np.nan), y=[0, 1, 0, 1]), "NaN or infinite"),
    (lambda p: np.savez(p, x=np.ones((4, 3)), y=[2, 2, 2, 2]), "only one class"),
    (lambda p: np.savez(p, x=np.ones((4, 3)), y=[0, 1, 0]), "4 samples but 3 labels"),
    (lambda p: np.savez(p, images=np.ones((4, 3))), "no inputs/labels arrays"),
], ids=["garbage", "float-labels", "nan", "one-class", "n-mismatch", "no-keys"])
def test_cli_bad_user_data_is_one_line_and_nothing_runs(tmp_path, capsys, monkeypatch, make, message):
    from symdln import runner
    from symdln.cli import main

    monkeypatch.setattr(runner, "run_claims", _never_run)
    path = tmp_path / "d.npz"
    make(path)
    code = main(["verify", "--claim", "table1.values", "--table1-data", f"cifar-10={path}"])
    err = capsys.readouterr().err
    assert code == 2
    last = err.splitlines()[-1]
    assert last.startswith("symdln: error: --table1-data CIFAR-10: ") and message in last
    assert err.count("symdln: error") == 1 and "Traceback" not in err


def test_cli_svd_failure_is_a_usage_error(tmp_path, capsys, monkeypatch):
    from symdln import runner
    from symdln.cli import main

    def no_convergence(*args, **kwargs):
        raise np.linalg.LinAlgError("SVD did not converge")

    monkeypatch.setattr(runner, "run_claims", _never_run)
    monkeypatch.setattr(np.linalg, "svd", no_convergence)
    _mnist_like_npz(tmp_path / "m.npz", seed=8)
    assert main(["verify", "--claim", "table1.values", "--table1-data", f"MNIST={tmp_path / 'm.npz'}"]) == 2
    assert capsys.readouterr().err.splitlines()[-1] == (
        f"symdln: error: --table1-data MNIST: {tmp_path / 'm.npz'}: the SVD of Sigma_xy failed "
        "(SVD did not converge)")


def test_cli_unknown_data_set_name_lists_the_papers(tmp_path, capsys):
    from symdln.cli import main
    from symdln.datasets import table1_names

    assert main(["verify", "--claim", "table1.values", "--table1-data", f"svhn={tmp_path}"]) == 2
    err = capsys.readouterr().err
    assert err == (f"symdln: error: --table1-data: unknown data set 'svhn' (Table 1 has: "
                   f"{', '.join(table1_names())})\n")


def test_values_stay_fails_when_user_data_cannot_be_used(tmp_path):
    (tmp_path / "bad.npz").write_bytes(b"not an archive")
    r = data_table1.check_table1_values(user_paths={"MNIST": tmp_path / "bad.npz"}, with_digits=False)
    assert r.verdict is Verdict.FAILS
    assert "not a readable .npz archive" in r.evidence.details["user data not used"]
