"""Loaders for Table 1 data: digits built in; IDX, npz and CIFAR pickles on files made here."""

from __future__ import annotations

import gzip
import pickle
import re
import struct

import numpy as np
import pytest

from symdln.datasets import (
    centre,
    load_dataset,
    load_digits_xy,
    load_idx,
    load_mnist_dir,
    load_npz,
    load_pickle_batches,
    one_hot,
    parse_table1_data,
    table1_name,
    table1_user_paths,
    validate_xy,
)


def _write_idx(path, arr: np.ndarray, code: int = 0x08, gz: bool = False) -> None:
    header = bytes([0, 0, code, arr.ndim]) + b"".join(struct.pack(">I", s) for s in arr.shape)
    payload = header + arr.astype(">u1" if code == 0x08 else arr.dtype).tobytes()
    if gz:
        with gzip.open(path, "wb") as fh:
            fh.write(payload)
    else:
        path.write_bytes(payload)


@pytest.fixture
def tiny_images():
    rng = np.random.default_rng(7)
    return rng.integers(0, 256, size=(12, 4, 4)).astype(np.uint8), rng.integers(0, 3, size=12)


@pytest.mark.parametrize("gz", [False, True])
def test_idx_round_trip(tmp_path, tiny_images, gz):
    imgs, labels = tiny_images
    suffix = ".gz" if gz else ""
    _write_idx(tmp_path / f"train-images-idx3-ubyte{suffix}", imgs, gz=gz)
    _write_idx(tmp_path / f"train-labels-idx1-ubyte{suffix}", labels.astype(np.uint8), gz=gz)
    assert np.array_equal(load_idx(tmp_path / f"train-images-idx3-ubyte{suffix}"), imgs)
    X, Y, prov = load_mnist_dir(tmp_path)
    assert X.shape == (12, 16) and Y.shape == (12, len(np.unique(labels)))
    assert np.array_equal(X, imgs.reshape(12, -1).astype(float))
    assert prov["d"] == 16
    X2, _, _ = load_dataset(tmp_path)
    assert np.array_equal(X, X2)


def test_idx_rejects_bad_files(tmp_path):
    (tmp_path / "bad").write_bytes(b"\x01\x02\x03\x04")
    with pytest.raises(ValueError, match="not an IDX"):
        load_idx(tmp_path / "bad")
    arr = np.zeros((2, 2), dtype=np.uint8)
    _write_idx(tmp_path / "short", arr)
    (tmp_path / "short").write_bytes((tmp_path / "short").read_bytes()[:-1])
    with pytest.raises(ValueError, match="wrong size"):
        load_idx(tmp_path / "short")


def test_npz(tmp_path, tiny_images):
    imgs, labels = tiny_images
    np.savez(tmp_path / "d.npz", x_train=imgs, y_train=labels)
    X, Y, prov = load_npz(tmp_path / "d.npz")
    assert X.shape == (12, 16) and Y.sum() == 12 and prov["name"] == "d"
    np.savez(tmp_path / "e.npz", a=imgs)
    with pytest.raises(ValueError, match=r"no inputs/labels arrays .* \(it has: a\)"):
        load_npz(tmp_path / "e.npz")


def test_cifar_pickles(tmp_path, tiny_images):
    imgs, labels = tiny_images
    for k in range(2):
        batch = {b"data": imgs[6 * k: 6 * k + 6].reshape(6, -1), b"labels": labels[6 * k: 6 * k + 6].tolist()}
        with open(tmp_path / f"data_batch_{k + 1}", "wb") as fh:
            pickle.dump(batch, fh)
    X, Y, _ = load_pickle_batches([tmp_path / "data_batch_1", tmp_path / "data_batch_2"])
    assert np.array_equal(X, imgs.reshape(12, -1).astype(float))
    X2, Y2, _ = load_dataset(tmp_path)
    assert np.array_equal(X2, X) and np.array_equal(Y2, Y)


def test_digits_and_helpers():
    X, Y, prov = load_digits_xy()
    assert X.shape == (1797, 64) and np.all(X == np.round(X)) and X.max() == 16
    assert np.all(Y.sum(axis=1) == 1)
    assert "scikit-learn" in prov["source"]
    assert np.allclose(centre(X).mean(axis=0), 0.0, atol=1e-12)  # float64 means of integers
    assert one_hot([5, 5, 9]).tolist() == [[1.0, 0.0], [1.0, 0.0], [0.0, 1.0]]


def test_env_paths():
    assert table1_user_paths({}) == {}
    got = table1_user_paths({"SYMDLN_TABLE1_DATA": "MNIST=/x;junk;CIFAR-10 = /y "})
    assert {k: str(v) for k, v in got.items()} == {"MNIST": "/x", "CIFAR-10": "/y"}


def test_streamed_moments_match_in_memory(tmp_path, tiny_images):
    from symdln.assumption import deltas_from_moments, deltas_numeric
    from symdln.datasets import data_moments

    imgs, labels = tiny_images
    for k in range(2):
        batch = {b"data": imgs[6 * k: 6 * k + 6].reshape(6, -1), b"labels": labels[6 * k: 6 * k + 6].tolist()}
        with open(tmp_path / f"data_batch_{k + 1}", "wb") as fh:
            pickle.dump(batch, fh)
    mom = data_moments(tmp_path, chunk=5)  # chunks straddle the batches
    X, Y, _ = load_dataset(tmp_path)
    assert mom["n"] == 12 and np.allclose(mom["G"], X.T @ X) and np.allclose(mom["C"], X.T @ Y)
    a, b = deltas_from_moments(mom["G"], mom["C"], mom["n"]), deltas_numeric(X, Y)
    c = deltas_from_moments(mom["G_centred"], mom["C_centred"], mom["n"])
    dc = deltas_numeric(centre(X), Y)
    for key in ("delta_xy_min", "delta_x_corrected", "delta_x_printed", "delta_x_unscaled"):
        assert a[key] == pytest.approx(b[key], rel=1e-10)  # same sums, different association order
        assert c[key] == pytest.approx(dc[key], rel=1e-8)  # centring by subtraction vs by moments


# --- validation of what a file holds


_X = np.arange(12, dtype=float).reshape(4, 3)


@pytest.mark.parametrize("raw, labels, message", [
    (np.array([[1.0, np.nan], [0.0, 1.0]]), [0, 1], "NaN or infinite values .first in row 0"),
    (np.array([[1.0, 2.0], [np.inf, 1.0]]), [0, 1], "NaN or infinite values .first in row 1"),
    (np.array([["a", "b"], ["c", "d"]]), [0, 1], "inputs have dtype <U1, not real numbers"),
    (np.ones((2, 2), dtype=complex), [0, 1], "not real numbers"),
    (np.ones(4), [0, 1, 0, 1], "one row per sample"),
    (np.ones((0, 3)), [], "no samples or no features"),
    (_X, [0.0, 1.0, 2.5, 1.0], r"labels must be whole numbers, got 2.5 \(row 2\)"),
    (_X, [0.0, 1.0, np.nan, 1.0], "labels must be whole numbers"),
    (_X, [0, 1, 1], "4 samples but 3 labels"),
    (_X, [3, 3, 3, 3], r"only one class \(label 3\)"),
    (_X, np.array([[1, 0], [0, 1], [1, 1], [0, 1]]), "one-hot rows .* row 2 is not"),
    (_X, np.array([[1, 0], [0, 2], [1, 0], [0, 1]]), "one-hot rows .* row 1 is not"),
    (_X, np.zeros((4, 2, 2)), "labels must be 1-D"),
    (_X, np.array(["a", "b", "a", "b"]), "labels have dtype"),
])
def test_validate_rejects(raw, labels, message):
    with pytest.raises(ValueError, match=message) as e:
        validate_xy(raw, labels, "f.npz")
    assert str(e.value).startswith("f.npz: ") and "\n" not in str(e.value)


def test_validate_accepts_one_hot_integral_floats_and_images():
    X, lab = validate_xy(np.zeros((4, 2, 2), dtype=np.uint8), np.eye(3)[[0, 2, 1, 2]], "f")
    assert X.shape == (4, 4) and lab.tolist() == [0, 2, 1, 2] and lab.dtype == np.int64
    _, lab = validate_xy(_X, np.array([1.0, 0.0, 1.0, 7.0]), "f")
    assert lab.tolist() == [1, 0, 1, 7]
    _, lab = validate_xy(_X, np.array([[1], [0], [1], [0]]), "f")  # a column of labels
    assert lab.tolist() == [1, 0, 1, 0]


def test_garbage_and_malformed_files(tmp_path):
    from symdln.datasets import data_moments

    (tmp_path / "g.npz").write_bytes(b"PK\x03\x04 this is not a zip archive")
    with pytest.raises(ValueError, match=r"not a readable \.npz archive"):
        load_npz(tmp_path / "g.npz")
    with pytest.raises(ValueError, match=r"not a readable \.npz archive"):
        data_moments(tmp_path / "g.npz")
    np.savez(tmp_path / "nan.npz", x=np.array([[0.0, np.nan], [1.0, 1.0]]), y=[0, 1])
    with pytest.raises(ValueError, match="NaN"):
        data_moments(tmp_path / "nan.npz")
    np.savez(tmp_path / "one.npz", x=np.ones((3, 2)), y=[5, 5, 5])
    with pytest.raises(ValueError, match="only one class"):
        data_moments(tmp_path / "one.npz")
    (tmp_path / "junk.pkl").write_bytes(b"\x00\x01 junk")
    with pytest.raises(ValueError, match="not a python pickle"):
        load_pickle_batches([tmp_path / "junk.pkl"])


def test_moments_count_classes_over_every_batch(tmp_path):
    """Each batch may hold one class; the data set needs two over all of them."""
    from symdln.datasets import data_moments

    for k in range(2):
        batch = {b"data": np.full((3, 4), k + 1, dtype=np.uint8), b"labels": [k, k, k]}
        with open(tmp_path / f"data_batch_{k + 1}", "wb") as fh:
            pickle.dump(batch, fh)
    assert data_moments(tmp_path)["provenance"]["p"] == 2
    (tmp_path / "data_batch_2").unlink()
    with pytest.raises(ValueError, match="only one class"):
        data_moments(tmp_path)


def test_table1_names_and_pairs(tmp_path):
    assert table1_name("mnist") == "MNIST" and table1_name("IMAGENET") == "ImageNet"
    from symdln.datasets import table1_names
    from symdln.reference import load_table1

    assert table1_names() == tuple(r["dataset"] for r in load_table1()["rows"])
    listed = re.escape(f"unknown data set 'svhn' (Table 1 has: {', '.join(table1_names())})")
    with pytest.raises(ValueError, match=listed):
        table1_name("svhn")
    got = parse_table1_data([f"cifar-10={tmp_path}"])
    assert got == {"CIFAR-10": tmp_path.resolve()}
    for items, message in ([[f"mnist={tmp_path}", f"MNIST={tmp_path}"], "MNIST is given twice"],
                           [[f"MNIST={tmp_path / 'nope'}"], "does not exist"],
                           [["=x"], "wants NAME=PATH"], [["MNIST="], "wants NAME=PATH"]):
        with pytest.raises(ValueError, match=message):
            parse_table1_data(items)
