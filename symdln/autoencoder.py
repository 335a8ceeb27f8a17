r"""The linear autoencoder experiment of Sec. 4.2 of paper 1 (Fig. 2).

Setting as printed: p = d = 20, n = 1000, r = 5; a fixed B in R^{d x r} with
entries uniform on [0, 1]; x_i = B z_i + eps_i with z_i ~ N(0, D),
D = diag(4, 2, 1, 1/2, 1/4), eps_i ~ 10^{-3} N(0, I_d); Y = X.  Not printed,
fixed here: the seed, the step size eta, the initialisation scale delta
(W_1(0) = W_2(0) = e^{-delta} I_d, so W(0) = e^{-2 delta} I_d for L = 1 too) and
the number of iterations.

Per mode (Sigma_x = Sigma_xy: lambda_i = sigma_i, B = 0 in (13)), with the
two factors equal, the product q_t = lambda_i w_t / sigma_i of the two-layer
iterate obeys

.. math:: q_{t+1} = q_t\,(1 + x(1 - q_t))^2, \qquad x := \eta\sigma_i,

and the linear model (21) gives :math:`w_t = 1 - (1 - x)^t (1 - w_0)`.

>>> s = AutoencoderSetting()
>>> X, B = generate(s)
>>> X.shape, B.shape
((1000, 20), (20, 5))
>>> bool(two_layer_mode(1e-4, 0.25, 3)[-1] > 1e-4)
True
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import sympy as sp

from symdln import validate as v
from symdln.assumption import d

__all__ = [
    "AutoencoderSetting",
    "B",
    "D",
    "W",
    "crossing_time",
    "error_28",
    "generate",
    "linear_mode",
    "phase_time_25",
    "r",
    "reconstruction_error",
    "run_experiment",
    "step_time_limit",
    "two_layer_mode",
]


#: the symbols of a formula about the experiment: the number of components r, the generating
#: matrix B (d x r) and the covariance D (r x r) of z_i, the end-to-end matrix W = W^(t) (d x d,
#: p = d); the data X (n x d) is :data:`symdln.assumption.X`
r = sp.Symbol("r", positive=True, integer=True)
B = sp.MatrixSymbol("B", d, r)
D = sp.MatrixSymbol("D", r, r)
W = sp.MatrixSymbol("W", d, d)


@dataclass(frozen=True)
class AutoencoderSetting:
    """Parameters of the Sec. 4.2 experiment (printed ones first, then the chosen ones)."""

    d: int = 20
    n: int = 1000
    r: int = 5
    D: tuple[float, ...] = (4.0, 2.0, 1.0, 0.5, 0.25)
    noise: float = 1e-3
    #: not printed: seed of numpy's PCG64 generator
    seed: int = 2019
    #: not printed: step size; eta * sigma_1 ~ 0.27 < 1/2 (Cor. 3's first condition)
    eta: float = 0.005
    #: not printed: W_1(0) = W_2(0) = e^{-delta} I_d
    delta: float = 6.0
    #: not printed: iterations shown
    iterations: int = 6000
    extra: dict[str, Any] = field(default_factory=dict, compare=False)

    def __post_init__(self) -> None:
        """Check the domain: d, n, r >= 1, r variances D_k > 0, noise >= 0, seed >= 0, eta > 0,
        delta real, iterations >= 0."""
        for name in ("d", "n", "r"):
            v.positive_int(name, getattr(self, name))
        Ds = v.sequence("D", self.D)
        if len(Ds) != self.r:
            raise ValueError(f"D must have r = {self.r} variances, got {len(Ds)}")
        for k, x in enumerate(Ds):
            v.positive(f"D[{k}]", x, symbolic=False)
        v.nonnegative("noise", self.noise, symbolic=False)
        v.nonnegative_int("seed", self.seed)
        v.positive("eta", self.eta, symbolic=False)
        v.real("delta", self.delta, symbolic=False)
        v.nonnegative_int("iterations", self.iterations)

    def as_dict(self) -> dict[str, Any]:
        """The parameters, for evidence."""
        return {"d": self.d, "n": self.n, "r": self.r, "D": list(self.D), "noise": self.noise,
                "seed": self.seed, "rng": "numpy.random.default_rng (PCG64)", "eta": self.eta,
                "delta": self.delta, "iterations": self.iterations}


def generate(s: AutoencoderSetting) -> tuple[np.ndarray, np.ndarray]:
    """(X, B): the synthetic data of Sec. 4.2, drawn in a fixed order from one seeded generator.

    B is d x r (the printed range "1 <= k, l <= n" is read as 1 <= k <= d, 1 <= l <= r).

    >>> [M.shape for M in generate(AutoencoderSetting(d=3, n=4, r=1, D=(1.0,)))]
    [(4, 3), (3, 1)]
    """
    _setting(s)
    rng = np.random.default_rng(s.seed)
    B = rng.uniform(0.0, 1.0, size=(s.d, s.r))
    Z = rng.standard_normal((s.n, s.r)) * np.sqrt(np.asarray(s.D))
    E = s.noise * rng.standard_normal((s.n, s.d))
    return Z @ B.T + E, B


def error_28(W: np.ndarray, B: np.ndarray, D: np.ndarray, norm: str = "fro") -> float:
    r"""(28) as printed: \|W - B D B^\top\| (``norm`` "fro", or 2 or "2" for the spectral norm);
    ``W`` d x d, ``B`` d x r, ``D`` r x r, finite.

    >>> error_28(np.eye(2), np.eye(2), np.eye(2))
    0.0
    """
    v.choice("norm", norm, ("fro", 2, "2"))
    dd = v.finite_array("W", W, ndim=2).shape[0]
    v.finite_array("W", W, shape=(dd, dd))
    rr = v.finite_array("B", B, shape=(dd, None)).shape[1]
    v.finite_array("D", D, shape=(rr, rr))
    return float(np.linalg.norm(W - B @ D @ B.T, "fro" if norm == "fro" else 2))


def reconstruction_error(W: np.ndarray, Sx: np.ndarray) -> float:
    r"""e(W) = \frac{1}{2n}\|X - XW\|_F^2 = \tfrac12 \operatorname{tr}((I-W)^\top\Sigma_x(I-W)),
    the objective (2) with Y = X; ``W``, ``Sx`` d x d, finite, ``Sx`` symmetric.

    >>> reconstruction_error(np.zeros((1, 1)), np.eye(1))
    0.5
    """
    dd = v.finite_array("W", W, ndim=2).shape[0]
    v.finite_array("W", W, shape=(dd, dd))
    v.finite_array("Sx", Sx, shape=(dd, dd))
    v.finite_matrix("Sx", Sx, symmetric=True)
    R = np.eye(W.shape[0]) - W
    return 0.5 * float(np.trace(R.T @ Sx @ R))


def linear_mode(w0: float, x: float, steps: int) -> np.ndarray:
    r"""w_t = 1 - (1 - x)^t (1 - w0), t = 0..steps: one mode of (21) for the autoencoder (float64).

    Domain: :math:`w_0 > 0`, :math:`x = \eta\sigma_i > 0`, ``steps`` >= 0.

    >>> linear_mode(0.0625, 0.5, 2).tolist()
    [0.0625, 0.53125, 0.765625]
    """
    w0, x = v.positive("w0", w0, symbolic=False, exact=False), v.positive("x", x, symbolic=False, exact=False)
    steps = v.nonnegative_int("steps", steps)
    t = np.arange(steps + 1)
    return 1.0 - (1.0 - x) ** t * (1.0 - w0)


def two_layer_mode(q0: float, x: float, steps: int) -> np.ndarray:
    r"""q_{t+1} = q_t (1 + x (1 - q_t))^2, t = 0..steps (float64): one mode of the two-layer iterate.

    Domain: :math:`q_0 > 0`, :math:`x = \eta\sigma_i > 0`, ``steps`` >= 0.

    >>> two_layer_mode(0.25, 0.5, 1).tolist()
    [0.25, 0.47265625]
    """
    q0, x = v.positive("q0", q0, symbolic=False, exact=False), v.positive("x", x, symbolic=False, exact=False)
    steps = v.nonnegative_int("steps", steps)
    q = np.empty(steps + 1)
    q[0] = q0
    for t in range(steps):
        q[t + 1] = q[t] * (1.0 + x * (1.0 - q[t])) ** 2
    return q


def crossing_time(q: np.ndarray, level: float = 0.5) -> int | None:
    """First t with q_t >= level (None if never); ``q`` a finite 1-D array, ``level`` finite.

    >>> crossing_time(np.array([0.1, 0.4, 0.6]))
    2
    """
    q = v.finite_array("q", q, ndim=1)
    v.real("level", level, symbolic=False)
    idx = np.nonzero(q >= level)[0]
    return int(idx[0]) if idx.size else None


def phase_time_25(eta: Any, sigma: Any) -> Any:
    r"""T_i = 1/(eta sigma_i), eq. (25) as printed (time rescaled by delta); :math:`\eta > 0`,
    :math:`\sigma_i > 0`.  Exact inputs give an exact result, floats a float.

    >>> phase_time_25(1, 4), phase_time_25(0.5, 4.0)
    (1/4, 0.5)
    """
    eta, sigma = v.positive("eta", eta), v.positive("sigma", sigma)
    return 1 / (eta * sigma)


def step_time_limit(x: Any) -> Any:
    r"""\tau = 1/\ln(1 + x): where the step of a mode with x = eta sigma_i sits, in iterations / delta,
    as delta -> infinity with W_1(0) = W_2(0) = e^{-delta} I (derived in proofs/data_phase_times.py).

    >>> round(step_time_limit(0.25), 4), 1 / 0.25
    (4.4814, 4.0)

    Domain: :math:`x = \eta\sigma_i > 0`.  An exact x gives the exact :math:`1/\log(1 + x)`:

    >>> step_time_limit(sp.Rational(1, 4))
    1/log(5/4)
    """
    x = v.positive("x", x)
    if isinstance(x, sp.Basic) and not isinstance(x, sp.Float):
        return 1 / sp.log(1 + x)
    return 1.0 / math.log1p(x)


def run_experiment(s: AutoencoderSetting | None = None, every: int = 1) -> dict[str, Any]:
    """Run L = 1 (gradient descent, i.e. (21)) and L = 2 (gradient descent on W_1, W_2).

    Returns the iterations and, for each depth, the trace norm, (28) in the
    Frobenius and spectral norms, and the reconstruction error e(W); also
    Sigma_x's spectrum, B and the setting.  Recorded every ``every`` >= 1 steps.
    """
    s = AutoencoderSetting() if s is None else _setting(s)
    every = v.positive_int("every", every)
    X, B = generate(s)
    Sx = X.T @ X / s.n
    Dm = np.diag(s.D)
    eye = np.eye(s.d)
    a0 = math.exp(-s.delta)
    W1, W2 = a0 * eye, a0 * eye
    W = a0 * a0 * eye
    keys = ("trace_norm", "err28_fro", "err28_spec", "recon")
    out: dict[str, Any] = {f"L{L}": {k: [] for k in keys} for L in (1, 2)}
    ts = []

    def record(L: int, M: np.ndarray) -> None:
        rec = out[f"L{L}"]
        rec["trace_norm"].append(float(np.linalg.svd(M, compute_uv=False).sum()))
        rec["err28_fro"].append(error_28(M, B, Dm, "fro"))
        rec["err28_spec"].append(error_28(M, B, Dm, "2"))
        rec["recon"].append(reconstruction_error(M, Sx))

    for t in range(s.iterations + 1):
        if t % every == 0 or t == s.iterations:
            ts.append(t)
            record(1, W)
            record(2, W1 @ W2)
        G1 = Sx @ W - Sx
        W = W - s.eta * G1
        G2 = Sx @ (W1 @ W2) - Sx
        W1, W2 = W1 - s.eta * G2 @ W2.T, W2 - s.eta * W1.T @ G2
    lam = np.linalg.eigvalsh(Sx)[::-1]
    return {"t": ts, **{k: {kk: np.asarray(v) for kk, v in out[k].items()} for k in ("L1", "L2")},
            "lambda": lam, "B": B, "Sx": Sx, "setting": s.as_dict(),
            "BDBt_eigs": np.linalg.eigvalsh(B @ Dm @ B.T)[::-1]}


def _setting(s: Any) -> AutoencoderSetting:
    if not isinstance(s, AutoencoderSetting):
        raise ValueError(f"s must be an AutoencoderSetting, got {s!r}")
    return s
