r"""Classification data sets for Table 1 of paper 1 (Sec. 4.1), with provenance.

The built-in default is scikit-learn's ``digits`` (1797 images of 8 x 8
pixels, values 0..16, shipped inside the scikit-learn wheel: nothing is
downloaded).  Files a user already has can be read too:

* MNIST in IDX format (``train-images-idx3-ubyte`` / ``train-labels-idx1-ubyte``,
  gzipped or not): :func:`load_idx`, :func:`load_mnist_dir`;
* ``.npz`` archives with arrays ``x``/``y`` (or ``X``/``Y``, ``x_train``/``y_train``,
  ``data``/``labels``): :func:`load_npz`;
* the CIFAR-10 python pickles (``data_batch_1`` ... with ``data`` and ``labels``),
  the same layout the down-sampled ImageNet 64 x 64 batches use:
  :func:`load_pickle_batches`.

Pickles can run code when loaded: only point this at files you trust.

Every reader validates what it read (:func:`validate_xy`): numeric inputs with one
row per sample, all finite; labels that are integers (or integral floats) or one-hot
rows, one per sample; at least two classes.  A file that fails says which and why in
one line (a ``ValueError``).  :func:`parse_table1_data` reads the command line's
``NAME=PATH`` pairs, with the names of Table 1 matched case-insensitively
(:func:`table1_name`).

This module and :mod:`symdln.reference` are the data group's only file
readers; every computation on the arrays lives elsewhere.  Labels become
one-hot Y (n x p), pixels become X (n x d) in float64.

>>> X, Y, prov = load_digits_xy()
>>> X.shape, Y.shape, prov["name"]
((1797, 64), (1797, 10), 'digits')
>>> one_hot([2, 0, 2]).tolist()
[[0.0, 1.0], [1.0, 0.0], [0.0, 1.0]]
>>> validate_xy(np.zeros((3, 2)), [0.0, 1.5, 1.0], "a.npz")
Traceback (most recent call last):
...
ValueError: a.npz: labels must be whole numbers, got 1.5 (row 1)
"""

from __future__ import annotations

import gzip
import hashlib
import os
import pickle
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np

__all__ = [
    "TABLE1_ENV",
    "centre",
    "data_moments",
    "load_dataset",
    "load_digits_xy",
    "load_idx",
    "load_mnist_dir",
    "load_npz",
    "load_pickle_batches",
    "one_hot",
    "parse_table1_data",
    "table1_env_value",
    "table1_name",
    "table1_names",
    "table1_user_paths",
    "validate_xy",
]

#: environment variable naming user data sets for the Table 1 check:
#: ``"MNIST=/data/mnist;CIFAR-10=/data/cifar-10-batches-py"``
TABLE1_ENV = "SYMDLN_TABLE1_DATA"

_IDX_DTYPES: dict[int, Any] = {0x08: np.uint8, 0x09: np.int8, 0x0B: ">i2", 0x0C: ">i4", 0x0D: ">f4",
                               0x0E: ">f8"}


def one_hot(labels: Sequence[int] | np.ndarray, classes: Sequence[int] | None = None) -> np.ndarray:
    """One-hot encoding (n x p, float64) of integer labels; p = number of distinct labels."""
    lab = np.asarray(labels).ravel()
    cls = np.unique(lab) if classes is None else np.asarray(classes)
    index = {int(c): k for k, c in enumerate(cls)}
    Y = np.zeros((lab.size, len(cls)))
    Y[np.arange(lab.size), [index[int(v)] for v in lab]] = 1.0
    return Y


def centre(X: np.ndarray) -> np.ndarray:
    """X minus its column means (the "centred" rows of Table 1)."""
    return X - X.mean(axis=0, keepdims=True)


_NUMERIC = "biuf"  # bool, signed and unsigned integers, floats: not complex, strings or objects


def validate_xy(raw: Any, labels: Any, where: str | Path, *, classes: bool = True
                ) -> tuple[np.ndarray, np.ndarray]:
    """Check inputs and labels read from ``where``; return X (n x d, as read) and integer labels.

    Inputs: numbers (not complex, text or objects), one row per sample (an array of two
    dimensions or more, flattened to n x d), n >= 1 and d >= 1, every value finite.
    Labels: one per sample, integers or floats that are whole numbers, or one-hot rows
    (an n x p array of zeros with a single 1 per row); at least two classes (not counted
    with ``classes=False``, for one part of a data set).  Anything else
    raises ``ValueError`` naming ``where`` and what is wrong, in one line.

    >>> X, lab = validate_xy(np.arange(6).reshape(3, 2), np.eye(2)[[0, 1, 1]], "m.npz")
    >>> X.shape, lab.tolist()
    ((3, 2), [0, 1, 1])
    >>> validate_xy(np.ones((2, 2)), [1, 1], "m.npz")
    Traceback (most recent call last):
    ...
    ValueError: m.npz: only one class (label 1); Table 1 needs at least two
    """
    X = np.asarray(raw)
    if X.dtype.kind not in _NUMERIC:
        raise ValueError(f"{where}: inputs have dtype {X.dtype}, not real numbers")
    if X.ndim < 2:
        raise ValueError(f"{where}: inputs must have one row per sample (2-D or more), got shape "
                         f"{X.shape}")
    if X.shape[0] == 0 or X[0].size == 0:
        raise ValueError(f"{where}: no samples or no features (shape {X.shape})")
    X = X.reshape(X.shape[0], -1)
    if X.dtype.kind == "f" and not np.isfinite(X).all():
        row = int(np.argwhere(~np.isfinite(X))[0][0])
        raise ValueError(f"{where}: inputs contain NaN or infinite values (first in row {row})")
    return X, _labels(labels, X.shape[0], where, check_classes=classes)


def _labels(labels: Any, n: int, where: str | Path, check_classes: bool) -> np.ndarray:
    lab = np.asarray(labels)
    if lab.dtype.kind not in _NUMERIC:
        raise ValueError(f"{where}: labels have dtype {lab.dtype}, not numbers")
    if lab.ndim == 2 and lab.shape[1] == 1:
        lab = lab[:, 0]
    if lab.ndim == 2:
        hot = (lab == 0) | (lab == 1)
        if not hot.all() or not (lab.sum(axis=1) == 1).all():
            bad = int(np.flatnonzero(~hot.all(axis=1) | (lab.sum(axis=1) != 1))[0])
            raise ValueError(f"{where}: 2-D labels must be one-hot rows (a single 1 per row); row {bad} "
                             "is not")
        lab = lab.argmax(axis=1)
    if lab.ndim != 1:
        raise ValueError(f"{where}: labels must be 1-D (one per sample) or one-hot, got shape {lab.shape}")
    if lab.shape[0] != n:
        raise ValueError(f"{where}: {n} samples but {lab.shape[0]} labels")
    if lab.dtype.kind == "f":
        whole = np.isfinite(lab) & (lab == np.round(lab))
        if not whole.all():
            row = int(np.flatnonzero(~whole)[0])
            raise ValueError(f"{where}: labels must be whole numbers, got {lab[row]} (row {row})")
    lab = lab.astype(np.int64)
    if check_classes:
        _two_classes(np.unique(lab), where)
    return lab


def _two_classes(classes: np.ndarray | Sequence[int], where: str | Path) -> None:
    if len(classes) < 2:
        only = f" (label {int(classes[0])})" if len(classes) else ""
        raise ValueError(f"{where}: only one class{only}; Table 1 needs at least two")


def _digest(*arrays: np.ndarray) -> str:
    h = hashlib.sha256()
    for a in arrays:
        h.update(np.ascontiguousarray(a).tobytes())
    return h.hexdigest()[:16]


def load_digits_xy() -> tuple[np.ndarray, np.ndarray, dict[str, Any]]:
    """scikit-learn's digits: X (1797 x 64, integers 0..16 as float64), one-hot Y, provenance."""
    import sklearn
    from sklearn.datasets import load_digits

    bunch = load_digits()
    X = np.asarray(bunch.data, dtype=np.float64)
    Y = one_hot(bunch.target)
    prov = {
        "name": "digits",
        "source": f"sklearn.datasets.load_digits (scikit-learn {sklearn.__version__}, shipped "
                  "in the wheel: UCI optical recognition of handwritten digits, test part)",
        "n": int(X.shape[0]),
        "d": int(X.shape[1]),
        "p": int(Y.shape[1]),
        "sha256[:16] of X, labels": _digest(X, np.asarray(bunch.target)),
    }
    return X, Y, prov


def _open(path: Path):  # type: ignore[no-untyped-def]
    return gzip.open(path, "rb") if path.suffix == ".gz" else open(path, "rb")


def load_idx(path: str | Path) -> np.ndarray:
    """Read one IDX file (the MNIST format), gzipped or not.

    Header: two zero bytes, a dtype code, the number of dimensions, then each
    dimension as a big-endian uint32.
    """
    path = Path(path)
    with _open(path) as fh:
        raw = fh.read()
    if len(raw) < 4 or raw[0] != 0 or raw[1] != 0 or raw[2] not in _IDX_DTYPES:
        raise ValueError(f"{path}: not an IDX file")
    ndim = raw[3]
    dims = [int.from_bytes(raw[4 + 4 * k: 8 + 4 * k], "big") for k in range(ndim)]
    dtype = np.dtype(_IDX_DTYPES[raw[2]])
    offset = 4 + 4 * ndim
    count = int(np.prod(dims)) if dims else 0
    if len(raw) - offset != count * dtype.itemsize:
        raise ValueError(f"{path}: IDX payload has the wrong size for dimensions {dims}")
    return np.frombuffer(raw, dtype=dtype, count=count, offset=offset).reshape(dims)


def _find(directory: Path, stems: Iterable[str]) -> Path:
    for stem in stems:
        for cand in (directory / stem, directory / f"{stem}.gz"):
            if cand.exists():
                return cand
    raise FileNotFoundError(f"no file {list(stems)} (optionally .gz) in {directory}")


def load_mnist_dir(directory: str | Path, split: str = "train"
                   ) -> tuple[np.ndarray, np.ndarray, dict[str, Any]]:
    """MNIST (or any IDX pair) from a directory: ``{split}-images-idx3-ubyte`` and labels."""
    directory = Path(directory)
    img = _find(directory, [f"{split}-images-idx3-ubyte", f"{split}-images.idx3-ubyte"])
    lab = _find(directory, [f"{split}-labels-idx1-ubyte", f"{split}-labels.idx1-ubyte"])
    raw, labels = validate_xy(load_idx(img), load_idx(lab), directory)
    X = raw.astype(np.float64)
    Y = one_hot(labels)
    prov = {"name": directory.name, "source": f"IDX files {img.name}, {lab.name} in {directory}",
            "n": X.shape[0], "d": X.shape[1], "p": Y.shape[1],
            "sha256[:16] of X, labels": _digest(X, labels)}
    return X, Y, prov


_NPZ_KEYS = (("x", "y"), ("X", "Y"), ("x_train", "y_train"), ("data", "labels"))


def load_npz(path: str | Path) -> tuple[np.ndarray, np.ndarray, dict[str, Any]]:
    """An ``.npz`` archive with inputs and integer labels under one of the usual key pairs."""
    path = Path(path)
    (kx, ky), raw, labels = _npz_arrays(path)
    raw, labels = validate_xy(raw, labels, path)
    X = raw.astype(np.float64)
    Y = one_hot(labels)
    prov = {"name": path.stem, "source": f"npz arrays {kx!r}, {ky!r} of {path}",
            "n": X.shape[0], "d": X.shape[1], "p": Y.shape[1],
            "sha256[:16] of X, labels": _digest(X, labels)}
    return X, Y, prov


def _batch(obj: Mapping[Any, Any]) -> tuple[np.ndarray, np.ndarray]:
    if not isinstance(obj, Mapping):
        raise ValueError(f"a batch must be a dict with 'data' and 'labels', not {type(obj).__name__}")

    def get(key: str) -> Any:
        for k in (key, key.encode()):
            if k in obj:
                return obj[k]
        raise KeyError(key)

    data = np.asarray(get("data"))
    try:
        labels = np.asarray(get("labels"))
    except KeyError:
        labels = np.asarray(get("fine_labels"))
    return data.reshape(data.shape[0], -1), labels


def load_pickle_batches(paths: Sequence[str | Path]
                        ) -> tuple[np.ndarray, np.ndarray, dict[str, Any]]:
    """CIFAR-10 python batches (or ImageNet 64 x 64 batches, same layout), concatenated."""
    datas: list[np.ndarray] = []
    labs: list[np.ndarray] = []
    for p in paths:
        d, lab = _pickle_raw(Path(p))
        d, lab = validate_xy(d, lab, p, classes=False)
        if datas and d.shape[1] != datas[0].shape[1]:
            raise ValueError(f"{p}: {d.shape[1]} features per sample, the batches before have "
                             f"{datas[0].shape[1]}")
        datas.append(d)
        labs.append(lab)
    raw, labels = np.concatenate(datas), np.concatenate(labs)
    _two_classes(np.unique(labels), Path(paths[0]).parent)
    X = raw.astype(np.float64)
    Y = one_hot(labels)
    prov = {"name": Path(paths[0]).parent.name,
            "source": "python pickle batches " + ", ".join(Path(p).name for p in paths),
            "n": X.shape[0], "d": X.shape[1], "p": Y.shape[1],
            "sha256[:16] of X, labels": _digest(X, labels)}
    return X, Y, prov


def load_dataset(path: str | Path) -> tuple[np.ndarray, np.ndarray, dict[str, Any]]:
    """Whatever a path holds: an IDX directory, CIFAR/ImageNet batches, an ``.npz``, one pickle."""
    path = Path(path)
    if path.is_dir():
        if any(path.glob("*idx3-ubyte*")):
            return load_mnist_dir(path)
        batches = sorted(path.glob("data_batch_*")) or sorted(path.glob("train_data_batch_*"))
        if batches:
            return load_pickle_batches(batches)
        npz = sorted(path.glob("*.npz"))
        if npz:
            return load_npz(npz[0])
        raise FileNotFoundError(f"{path}: no IDX files, pickle batches or .npz found")
    if path.suffix == ".npz":
        return load_npz(path)
    if "idx" in path.name:
        raise ValueError(f"{path}: give the directory holding the IDX images and labels")
    return load_pickle_batches([path])


def _raw_sources(path: Path) -> tuple[list[Any], str]:
    """(loader, file) pairs for what a path holds: each loader, called lazily, reads (raw inputs,
    labels) from its file."""
    if path.is_dir():
        if any(path.glob("*idx3-ubyte*")):
            def idx() -> tuple[np.ndarray, np.ndarray]:
                img = _find(path, ["train-images-idx3-ubyte", "train-images.idx3-ubyte"])
                lab = _find(path, ["train-labels-idx1-ubyte", "train-labels.idx1-ubyte"])
                return load_idx(img), load_idx(lab)
            return [(idx, path)], f"IDX files in {path}"
        batches = sorted(path.glob("data_batch_*")) or sorted(path.glob("train_data_batch_*"))
        if batches:
            return [((lambda b=b: _pickle_raw(b)), b) for b in batches], \
                "python pickle batches " + ", ".join(b.name for b in batches)
        npz = sorted(path.glob("*.npz"))
        if npz:
            path = npz[0]
        else:
            raise FileNotFoundError(f"{path}: no IDX files, pickle batches or .npz found")
    if path.suffix == ".npz":
        return [(lambda: _npz_raw(path), path)], f"npz arrays of {path}"
    if not path.exists():
        raise FileNotFoundError(f"{path} does not exist")
    return [(lambda: _pickle_raw(path), path)], f"python pickle {path}"


def _npz_arrays(path: Path) -> tuple[tuple[str, str], np.ndarray, np.ndarray]:
    """The (keys, inputs, labels) of an ``.npz`` archive; ``ValueError`` for anything else."""
    import zipfile

    try:
        z = np.load(path, allow_pickle=False)
    except (ValueError, OSError, EOFError, zipfile.BadZipFile) as exc:
        if isinstance(exc, FileNotFoundError):
            raise
        raise ValueError(f"{path}: not a readable .npz archive ({str(exc).splitlines()[0]})") from None
    if not isinstance(z, np.lib.npyio.NpzFile):
        raise ValueError(f"{path}: a single .npy array, not an .npz archive of inputs and labels")
    with z:
        for kx, ky in _NPZ_KEYS:
            if kx in z and ky in z:
                try:
                    return (kx, ky), z[kx], z[ky]
                except (ValueError, OSError, zipfile.BadZipFile) as exc:
                    raise ValueError(f"{path}: array {kx!r} or {ky!r} cannot be read "
                                     f"({str(exc).splitlines()[0]})") from None
        keys = ", ".join(f"{a}/{b}" for a, b in _NPZ_KEYS)
        raise ValueError(f"{path}: no inputs/labels arrays under the names {keys} (it has: "
                         f"{', '.join(z.files) or 'nothing'})")


def _npz_raw(path: Path) -> tuple[np.ndarray, np.ndarray]:
    _, raw, labels = _npz_arrays(path)
    return raw, labels


def _pickle_raw(path: Path) -> tuple[np.ndarray, np.ndarray]:
    with open(path, "rb") as fh:
        try:
            obj = pickle.load(fh, encoding="bytes")
        except Exception as exc:  # a file that is not a pickle raises any of a dozen types
            raise ValueError(f"{path}: not a python pickle ({type(exc).__name__}: {exc})") from None
    try:
        return _batch(obj)
    except (KeyError, ValueError) as exc:
        raise ValueError(f"{path}: {exc}") from None


def data_moments(path: str | Path, chunk: int = 4096) -> dict[str, Any]:
    """X^T X, X^T Y (one-hot Y), n and column sums, streamed file by file and ``chunk`` rows at a time.

    Everything (27) needs (:func:`symdln.assumption.deltas_from_moments`), without holding X in
    float64: large sets (ImageNet 64 x 64) fit as long as the d x d Gram matrix does.  Centred
    moments: G - s s^T / n and C - s c^T / n, s the column sums of X and c the class counts.
    """
    sources, source = _raw_sources(Path(path))
    G: np.ndarray | None = None
    colsum: np.ndarray | None = None
    per_class: dict[int, np.ndarray] = {}
    counts: dict[int, int] = {}
    n = 0
    h = hashlib.sha256()
    for load, where in sources:
        raw, labels = load()
        raw, labels = validate_xy(raw, labels, where, classes=False)
        if G is not None and raw.shape[1] != G.shape[0]:
            raise ValueError(f"{where}: {raw.shape[1]} features per sample, the files before have "
                             f"{G.shape[0]}")
        h.update(np.ascontiguousarray(raw).tobytes())
        h.update(np.ascontiguousarray(labels).tobytes())
        for a in range(0, raw.shape[0], chunk):
            Xc = raw[a: a + chunk].astype(np.float64)
            lc = labels[a: a + chunk]
            if G is None:
                G = np.zeros((Xc.shape[1], Xc.shape[1]))
                colsum = np.zeros(Xc.shape[1])
            G += Xc.T @ Xc
            colsum += Xc.sum(axis=0)
            for u in np.unique(lc):
                k = int(u)
                mask = lc == u
                per_class[k] = per_class.get(k, 0) + Xc[mask].sum(axis=0)
                counts[k] = counts.get(k, 0) + int(mask.sum())
            n += Xc.shape[0]
    if G is None or colsum is None:
        raise ValueError(f"{path}: no samples")
    classes = sorted(per_class)
    _two_classes(classes, path)
    C = np.stack([per_class[k] for k in classes], axis=1)
    ysum = np.array([counts[k] for k in classes], dtype=np.float64)
    prov = {"name": Path(path).name, "source": source, "n": n, "d": int(G.shape[0]),
            "p": len(classes), "sha256[:16] of inputs, labels": h.hexdigest()[:16]}
    return {"G": G, "C": C, "n": n, "colsum": colsum, "ysum": ysum, "provenance": prov,
            "G_centred": G - np.outer(colsum, colsum) / n, "C_centred": C - np.outer(colsum, ysum) / n}


def table1_user_paths(environ: Mapping[str, str] | None = None) -> dict[str, Path]:
    """Data sets named in ``$SYMDLN_TABLE1_DATA`` (``NAME=PATH`` pairs separated by ``;``).

    >>> table1_user_paths({"SYMDLN_TABLE1_DATA": "MNIST=/d/mnist; CIFAR-10=/d/c"})
    {'MNIST': PosixPath('/d/mnist'), 'CIFAR-10': PosixPath('/d/c')}
    """
    env = os.environ if environ is None else environ
    out: dict[str, Path] = {}
    for item in env.get(TABLE1_ENV, "").split(";"):
        if "=" in item:
            name, value = item.split("=", 1)
            out[name.strip()] = Path(value.strip())
    return out


def table1_names() -> tuple[str, ...]:
    """The data sets of the printed Table 1, as the paper names them (from :mod:`symdln.reference`).

    >>> table1_names()
    ('MNIST', 'CIFAR-10', 'ImageNet')
    """
    from symdln.reference import load_table1

    return tuple(r["dataset"] for r in load_table1()["rows"])


def table1_name(name: str) -> str:
    """The paper's name of a Table 1 data set, matched case-insensitively; ``ValueError`` if none.

    >>> table1_name("mnist"), table1_name(" cifar-10 ")
    ('MNIST', 'CIFAR-10')
    >>> table1_name("svhn")
    Traceback (most recent call last):
    ...
    ValueError: unknown data set 'svhn' (Table 1 has: MNIST, CIFAR-10, ImageNet)
    """
    names = table1_names()
    for known in names:
        if known.casefold() == name.strip().casefold():
            return known
    raise ValueError(f"unknown data set {name.strip()!r} (Table 1 has: {', '.join(names)})")


def parse_table1_data(items: Iterable[str]) -> dict[str, Path]:
    """``NAME=PATH`` pairs (the command line's ``--table1-data``) as {paper's name: absolute path}.

    Each name must be one of :func:`table1_names` (any case), given once; each path must
    exist.  Raises ``ValueError`` with a one-line message otherwise.  The files are not read
    here (:func:`data_moments` reads and validates them).

    >>> parse_table1_data(["mnist=/"])
    {'MNIST': PosixPath('/')}
    >>> parse_table1_data(["MNIST"])
    Traceback (most recent call last):
    ...
    ValueError: wants NAME=PATH, got 'MNIST'
    """
    out: dict[str, Path] = {}
    for item in items:
        name, sep, value = item.partition("=")
        if not sep or not name.strip() or not value.strip():
            raise ValueError(f"wants NAME=PATH, got {item!r}")
        canonical = table1_name(name)
        if canonical in out:
            raise ValueError(f"{canonical} is given twice")
        path = Path(value.strip()).expanduser()
        if ";" in str(path):
            raise ValueError(f"{path}: a path with ';' cannot be passed on (rename it)")
        if not path.exists():
            raise ValueError(f"{path} does not exist")
        out[canonical] = path.resolve()
    return out


def table1_env_value(paths: Mapping[str, Path]) -> str:
    """The value of ``$SYMDLN_TABLE1_DATA`` naming ``paths`` (read back by :func:`table1_user_paths`).

    >>> table1_env_value({"MNIST": Path("/d/mnist"), "CIFAR-10": Path("/d/c")})
    'MNIST=/d/mnist;CIFAR-10=/d/c'
    """
    return ";".join(f"{name}={path}" for name, path in paths.items())
