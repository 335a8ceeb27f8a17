r"""Paper 2: matrix completion by the depth-N and depth-infinity end-to-end flows.

The loss is :math:`E(W) = \frac12\sum_{(i,j)\in\Omega}(W_{ij}-b_{ij})^2`, so
:math:`E'(W) = P_\Omega(W - B)`.  The (1/N-normalised) flow
:math:`\dot W = -A_{N,W}(E'(W))` is evaluated through the SVD
:math:`W = U\Sigma V^\top`:
:math:`A_{N,W}(G) = U[\Lambda^N\circ(U^\top G V)]V^\top` with
:math:`\Lambda^N_{il}` the eigenvalues of :mod:`symdln.geometry` (sum form
for finite N, logarithmic mean computed as :math:`y\,\mathrm{expm1}(u)/u`,
:math:`u = \log x - \log y`, at N = infinity: no cancellation for near-equal
singular values).  ``N = 1`` is plain gradient flow.

Integrator: the classical fourth-order Runge--Kutta scheme with a fixed
step, vectorised over a batch of runs (arrays of shape (R, d, d)), and over several depths at
once (:func:`rk4_depths`); its order
is data (:data:`RK4_ORDER`) and is tested by a log-log slope against a
step ladder.  Also: the minimum-nuclear-norm completion by ADMM with a
duality-gap certificate (:func:`nuclear_norm_completion`), and the effective rank
(:func:`effective_rank`, float or exact).

Nothing here prints, reads files or sets global state; randomness comes
from explicit seeds.

>>> import numpy as np
>>> lam = eigen_matrix(np.array([[2.0, 1.0]]), 2)
>>> np.allclose(lam[0], [[2.0, 1.5], [1.5, 1.0]])
True
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import sympy as sp

from symdln import validate as v

__all__ = [
    "RK4_ORDER",
    "NuclearNormResult",
    "balanced_init",
    "diagonal_problem",
    "effective_rank",
    "eigen_matrix",
    "flow_rhs",
    "loss",
    "nuclear_norm_completion",
    "rk4",
    "rk4_depths",
    "svd2",
]

#: order of the integrator (classical Runge--Kutta)
RK4_ORDER = 4
INF = math.inf


def eigen_matrix(s: np.ndarray, N: float) -> np.ndarray:
    r"""The eigenvalues :math:`\Lambda^N_{il}` of :math:`A_{N,W}` for singular values ``s`` (R, d).

    >>> eigen_matrix(np.array([[np.e, 1.0]]), math.inf)[0, 0, 1].round(6)
    np.float64(3.194528)

    Domain: ``s`` a finite (R, d) array of singular values >= 0; N an integer depth >= 1 or
    ``math.inf``.
    """
    s = v.finite_array("s", s, ndim=2)
    if np.any(s < 0):
        raise ValueError(f"s must hold singular values >= 0, got min {s.min()}")
    return _eigen_matrix(s, v.depth("N", N, infinite=True))


def _eigen_matrix(s: np.ndarray, N: float) -> np.ndarray:
    x = s**2
    xi, xl = x[:, :, None], x[:, None, :]
    if N == INF:
        with np.errstate(divide="ignore", invalid="ignore"):
            u = np.log(xi) - np.log(xl)
            r = np.where(np.abs(u) > 1e-300, np.expm1(u) / u, 1.0)
            lam = xl * r
        # x_l = 0 (or both zero): the limit is 0 (log mean with a zero argument)
        lam = np.where((xi == 0) | (xl == 0), 0.0, lam)
        return np.where(np.isfinite(lam), lam, 0.0)
    N = int(N)
    p = x ** (1.0 / N)  # sigma^{2/N}; powers by repeated multiplication (k roundings for p^k)
    pows = np.empty((N, *p.shape))
    pows[0] = 1.0
    for k in range(1, N):
        pows[k] = pows[k - 1] * p
    # the terms p_i^{N-j} p_l^{j-1}, j = 1..N, summed in that order (accumulate adds one at a time)
    terms = pows[::-1, :, :, None] * pows[:, :, None, :]
    return np.add.accumulate(terms, axis=0)[-1] / N


def loss(W: np.ndarray, mask: np.ndarray, B: np.ndarray) -> np.ndarray:
    r""":math:`E(W) = \frac12\|P_\Omega(W - B)\|_F^2`, per run.

    >>> loss(np.eye(2)[None], np.eye(2)[None], np.eye(2)[None])
    array([0.])

    Domain: finite arrays of shape (R, d, d) (``mask``, ``B`` broadcast against ``W``).
    """
    _batch(W, mask, B)
    return 0.5 * np.sum((mask * (W - B)) ** 2, axis=(-2, -1))


def svd2(W: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    r"""Closed-form SVD of a batch of 2 x 2 matrices, W = U diag(s) V^T, s_1 >= s_2 >= 0.

    With E = (a+d)/2, F = (a-d)/2, G = (c+b)/2, H = (c-b)/2:
    W = R(\phi) diag(Q+R, Q-R) R(\theta), Q = |(E, H)|, R = |(F, G)|,
    \phi, \theta = (atan2(H, E) +- atan2(G, F))/2 (Blinn 1996); a negative Q - R flips u_2.

    >>> U, s, Vt = svd2(np.array([[[3.0, 0.0], [0.0, -2.0]]]))
    >>> s.round(12).tolist(), np.allclose(U * s[:, None, :] @ Vt, [[3, 0], [0, -2]])
    ([[3.0, 2.0]], True)

    Domain: a finite (R, 2, 2) array.
    """
    v.finite_array("W", W, shape=(None, 2, 2))
    return _svd2(W)


def _svd2(W: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    a, b, c, d = W[:, 0, 0], W[:, 0, 1], W[:, 1, 0], W[:, 1, 1]
    E, F, G, H = (a + d) / 2, (a - d) / 2, (c + b) / 2, (c - b) / 2
    Q, R = np.hypot(E, H), np.hypot(F, G)
    a1, a2 = np.arctan2(G, F), np.arctan2(H, E)
    theta, phi = (a2 - a1) / 2, (a2 + a1) / 2
    sy = Q - R
    sgn = np.where(sy < 0, -1.0, 1.0)
    cp, sp_, ct, st = np.cos(phi), np.sin(phi), np.cos(theta), np.sin(theta)
    U, Vt = np.empty((*a.shape, 2, 2)), np.empty((*a.shape, 2, 2))
    U[..., 0, 0], U[..., 0, 1], U[..., 1, 0], U[..., 1, 1] = cp, -sp_ * sgn, sp_, cp * sgn
    Vt[..., 0, 0], Vt[..., 0, 1], Vt[..., 1, 0], Vt[..., 1, 1] = ct, -st, st, ct
    return U, np.stack([Q + R, np.abs(sy)], -1), Vt


def flow_rhs(W: np.ndarray, N: float, mask: np.ndarray, B: np.ndarray) -> np.ndarray:
    r""":math:`-A_{N,W}(P_\Omega(W - B))` for a batch W (R, d, d).

    >>> W = np.diag([2.0, 1.0])[None]
    >>> flow_rhs(W, 2, np.ones((1, 2, 2)), np.zeros((1, 2, 2)))[0].round(6)
    array([[-4., -0.],
           [-0., -1.]])

    Domain: ``W``, ``mask``, ``B`` finite (R, d, d) arrays (``mask``, ``B`` broadcast against ``W``),
    N an integer depth >= 1 or ``math.inf``.
    """
    _batch(W, mask, B)
    return _flow_rhs(W, v.depth("N", N, infinite=True), mask, B)


def _flow_rhs(W: np.ndarray, N: float, mask: np.ndarray, B: np.ndarray) -> np.ndarray:
    G = mask * (W - B)
    U, s, Vt = _svd2(W) if W.shape[-2:] == (2, 2) else np.linalg.svd(W)
    M = np.swapaxes(U, -1, -2) @ G @ np.swapaxes(Vt, -1, -2)
    return -(U @ (_eigen_matrix(s, N) * M) @ Vt)


def _batch(W: np.ndarray, mask: np.ndarray, B: np.ndarray) -> None:
    """W (R, d, d) finite; mask and B finite, of W's shape up to broadcasting over the runs."""
    W = v.finite_array("W", W, ndim=3)
    for name, M in (("mask", mask), ("B", B)):
        M = v.finite_array(name, M, ndim=3)
        if M.shape[1:] != W.shape[1:] or M.shape[0] not in (1, W.shape[0]):
            raise ValueError(f"{name} must have the shape of W {W.shape} (or 1 run), got {M.shape}")


def rk4(
    W0: np.ndarray, N: float, mask: np.ndarray, B: np.ndarray, T: float, h: float, record: int = 0
) -> tuple[np.ndarray, np.ndarray]:
    r"""Integrate the flow from W0 to time T with fixed step h (classical RK4).

    Returns ``(W(T), losses)``; ``losses`` has ``record`` rows (evenly spaced
    in the steps) of per-run losses, or is empty.

    >>> W, _ = rk4(np.diag([0.5, 0.5])[None], 1, np.ones((1, 2, 2)), np.eye(2)[None], 1.0, 0.01)
    >>> bool(abs(W[0, 0, 0] - (1 - 0.5 * math.exp(-1))) < 1e-9)
    True

    Domain: as :func:`flow_rhs`; :math:`T \ge 0`, :math:`h > 0`, ``record`` >= 0.
    """
    _batch(W0, mask, B)
    N = v.depth("N", N, infinite=True)
    T, h = v.nonnegative("T", T, symbolic=False, exact=False), v.positive("h", h, symbolic=False, exact=False)
    record = v.nonnegative_int("record", record)
    steps = max(1, round(T / h))
    h = T / steps
    W = np.array(W0, dtype=float)
    every = max(1, steps // record) if record else 0
    rec = []
    for k in range(steps):
        k1 = _flow_rhs(W, N, mask, B)
        k2 = _flow_rhs(W + 0.5 * h * k1, N, mask, B)
        k3 = _flow_rhs(W + 0.5 * h * k2, N, mask, B)
        k4 = _flow_rhs(W + h * k3, N, mask, B)
        W = W + (h / 6.0) * (k1 + 2 * k2 + 2 * k3 + k4)
        if every and (k + 1) % every == 0:
            rec.append(loss(W, mask, B))
    return W, np.array(rec)


def rk4_depths(
    W0: np.ndarray, depths: tuple[float, ...], mask: np.ndarray, B: np.ndarray, T: float, h: float
) -> dict[float, np.ndarray]:
    """:func:`rk4` for several depths at once: ``{N: rk4(W0, N, mask, B, T, h)[0]}``, bit for bit.

    The runs of every depth are integrated as one batch (one SVD and one RK4 update per stage
    for all of them; the eigenvalues per depth), so each run goes through the same float64
    operations as in :func:`rk4`, in far fewer array calls.

    >>> mask, B = diagonal_problem(3, 2)
    >>> W0 = balanced_init(3, 2, 0.1, 0)
    >>> both = rk4_depths(W0, (2, math.inf), mask, B, 1.0, 0.1)
    >>> all(np.array_equal(both[N], rk4(W0, N, mask, B, 1.0, 0.1)[0]) for N in (2, math.inf))
    True

    Domain: as :func:`rk4`, ``depths`` a nonempty sequence of depths.
    """
    _batch(W0, mask, B)
    depths = tuple(v.depth(f"depths[{k}]", N, infinite=True)
                   for k, N in enumerate(v.sequence("depths", depths, min_len=1)))
    T, h = v.nonnegative("T", T, symbolic=False, exact=False), v.positive("h", h, symbolic=False, exact=False)
    R, n = len(W0), len(depths)
    steps = max(1, round(T / h))
    h = T / steps
    W = np.concatenate([np.array(W0, dtype=float)] * n)
    mask_n, B_n = np.concatenate([mask] * n), np.concatenate([B] * n)
    two = W.shape[-2:] == (2, 2)

    def rhs(W: np.ndarray) -> np.ndarray:  # flow_rhs, depth by depth for the eigenvalues only
        G = mask_n * (W - B_n)
        U, s, Vt = _svd2(W) if two else np.linalg.svd(W)
        M = np.swapaxes(U, -1, -2) @ G @ np.swapaxes(Vt, -1, -2)
        lam = np.concatenate([_eigen_matrix(s[k * R:(k + 1) * R], N) for k, N in enumerate(depths)])
        return -(U @ (lam * M) @ Vt)

    for _ in range(steps):
        k1 = rhs(W)
        k2 = rhs(W + 0.5 * h * k1)
        k3 = rhs(W + 0.5 * h * k2)
        k4 = rhs(W + h * k3)
        W = W + (h / 6.0) * (k1 + 2 * k2 + 2 * k3 + k4)
    return {N: W[k * R:(k + 1) * R] for k, N in enumerate(depths)}


def balanced_init(runs: int, d: int, scale: float, seed: int) -> np.ndarray:
    """End-to-end matrices of small balanced initialisations: scale x Gaussian / sqrt(d).

    Any W0 is the product of balanced factors (W_j = Q_{j+1} Sigma^{1/N} Q_j^T),
    so sampling W0 samples balanced factor initialisations.

    >>> balanced_init(3, 2, 0.1, 0).shape
    (3, 2, 2)

    Domain: ``runs``, ``d`` >= 1, ``scale`` > 0, ``seed`` >= 0.
    """
    runs, d = v.positive_int("runs", runs), v.positive_int("d", d)
    scale = v.positive("scale", scale, symbolic=False, exact=False)
    seed = v.nonnegative_int("seed", seed)
    rng = np.random.default_rng(seed)
    return scale * rng.standard_normal((runs, d, d)) / math.sqrt(d)


def diagonal_problem(runs: int, d: int) -> tuple[np.ndarray, np.ndarray]:
    """Mask and target of d x d completion with the diagonal observed, equal to 1.

    >>> m, b = diagonal_problem(1, 2)
    >>> m[0].tolist(), b[0].tolist()
    ([[1.0, 0.0], [0.0, 1.0]], [[1.0, 0.0], [0.0, 1.0]])

    Domain: ``runs``, ``d`` >= 1.
    """
    runs, d = v.positive_int("runs", runs), v.positive_int("d", d)
    eye = np.broadcast_to(np.eye(d), (runs, d, d)).copy()
    return eye, eye.copy()


def effective_rank(W: np.ndarray | sp.MatrixBase) -> float | sp.Expr:
    r"""Effective rank (Roy and Vetterli 2007): :math:`\exp(-\sum_i p_i\log p_i)`,
    :math:`p = \sigma/\|\sigma\|_1` over the nonzero singular values (:math:`0\log 0 = 0`).

    A NumPy array gives a float (LAPACK singular values); a SymPy matrix gives an exact expression:
    the singular values are the square roots of the roots of :math:`\det(\mu I - W^\top W)`, each
    root decided zero or positive by SymPy's assumptions (else ValueError: not decided).

    >>> effective_rank(sp.Matrix([[1, 2], [2, 4]])), effective_rank(sp.eye(2))
    (1, 2)
    >>> round(effective_rank(np.eye(3)), 12)
    3.0

    Domain: a finite nonzero matrix.
    """
    v.finite_matrix("W", W)
    v.nonzero_matrix("W", W)
    if isinstance(W, np.ndarray):
        s = np.linalg.svd(W, compute_uv=False)
        p = s / s.sum()
        p = p[p > 0]
        return float(np.exp(-np.sum(p * np.log(p))))
    mu = sp.Dummy("mu")
    roots = sp.roots((W.T * W).charpoly(mu))
    if sum(roots.values()) != W.cols:
        raise ValueError("not every eigenvalue of W^T W was found")
    sig = []
    for r, m in roots.items():
        r = sp.factor(r)
        if r.is_zero:
            continue
        if not r.is_positive:
            raise ValueError(f"eigenvalue {r} of W^T W not decided zero or positive")
        sig += [sp.sqrt(r)] * m
    total = sp.Add(*sig)
    p = [sp.cancel(s / total) for s in sig]
    return sp.exp(-sp.Add(*[pi * sp.log(pi) for pi in p]))


@dataclass(frozen=True)
class NuclearNormResult:
    """A feasible completion X (X = b on Omega), a dual certificate Y (supported on Omega,
    operator norm <= 1) and the duality gap ||X||_* - <Y, b>."""

    X: np.ndarray
    nuclear_norm: float
    lower_bound: float
    gap: float
    iterations: int


def nuclear_norm_completion(
    mask: np.ndarray, B: np.ndarray, rho: float = 1.0, tol: float = 1e-6, maxiter: int = 20000
) -> NuclearNormResult:
    r"""Minimum-nuclear-norm completion :math:`\min\|X\|_*` s.t. :math:`X_\Omega = B_\Omega`, by ADMM.

    Splitting :math:`\|X\|_* + \iota_C(Y)`, X = Y (Boyd et al. 2011, Sec. 3.1):
    X <- SVT_{1/rho}(Y - L/rho), Y <- proj_C(X + L/rho), L <- L + rho (X - Y).
    Stops on a relative duality gap below ``tol``: the primal value is
    :math:`\|Y\|_*` (Y feasible), the dual value :math:`\langle -L_\Omega, B\rangle/\max(1,\|L_\Omega\|_2)`
    (weak duality: :math:`\|X\|_* \ge \langle Z, X\rangle` for :math:`\|Z\|_2\le1`).

    >>> m = np.eye(2); r = nuclear_norm_completion(m, np.eye(2))
    >>> bool(abs(r.nuclear_norm - 2) < 1e-5 and r.gap < 1e-5)
    True

    Domain: ``mask`` and ``B`` finite 2-D arrays of one shape, ``rho`` > 0, ``tol`` > 0,
    ``maxiter`` >= 1.
    """
    mask = v.finite_array("mask", mask, ndim=2)
    v.finite_array("B", B, shape=mask.shape)
    rho = v.positive("rho", rho, symbolic=False, exact=False)
    tol = v.positive("tol", tol, symbolic=False, exact=False)
    maxiter = v.positive_int("maxiter", maxiter)
    X = np.where(mask > 0, B, 0.0)
    Y = X.copy()
    L = np.zeros_like(X)
    best = None
    for it in range(1, maxiter + 1):
        U, s, Vt = np.linalg.svd(Y - L / rho)
        X = (U * np.maximum(s - 1.0 / rho, 0.0)) @ Vt
        Y = np.where(mask > 0, B, X + L / rho)
        L = L + rho * (X - Y)
        if it % 20 == 0 or it == maxiter:
            primal = float(np.linalg.svd(Y, compute_uv=False).sum())
            Z = -np.where(mask > 0, L, 0.0)
            nz = float(np.linalg.norm(Z, 2))
            dual = float(np.sum(Z * B)) / max(1.0, nz)
            gap = primal - dual
            best = NuclearNormResult(Y.copy(), primal, dual, gap, it)
            if gap <= tol * max(1.0, primal):
                break
    assert best is not None
    return best
