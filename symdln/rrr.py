r"""Reduced-rank regression (4) of paper 1: the minimum-norm rank-k solution, derived.

Derivation (checked step by step in ``proofs/continuous_rrr.py``).  Up to the constant
:math:`\|Y\|^2/2n`, the objective (2) with L = 1 is

.. math:: f(W) = \tfrac12\operatorname{tr}(W^\top\Sigma_x W) - \operatorname{tr}(W^\top\Sigma_{xy}).

Let :math:`S = \Sigma_x^{1/2}` (PSD root) and :math:`Z = S^\dagger\Sigma_{xy}`.  Since
:math:`\Sigma_{xy} = \frac1n X^\top Y` lies in the range of :math:`\Sigma_x` (the range of
:math:`X^\top`), :math:`\Sigma_{xy} = SZ` and

.. math:: f(W) = \tfrac12\|SW - Z\|_F^2 - \tfrac12\|Z\|_F^2 .

Over rank :math:`\le k`, :math:`SW` ranges over the rank-:math:`\le k` matrices with columns in
range(S) (take :math:`W = S^\dagger M`), so by Eckart--Young the minimum is attained at
:math:`SW = Z_k`, the truncated SVD of Z (unique iff :math:`s_k(Z) > s_{k+1}(Z)`), and the
minimum-norm minimiser is :math:`W^{k,*} = S^\dagger Z_k` (a component in ker S adds norm and
leaves f unchanged).

Under Assump. 1 with :math:`\epsilon = 0`, :math:`Z = U\,\mathrm{diag}(\sigma_i/\sqrt{\lambda_i})V^\top`:
the rank-k solution keeps the k largest :math:`\sigma_i^2/\lambda_i`, **not** the k largest
:math:`\sigma_i`.

Ties (:math:`s_k(Z) = s_{k+1}(Z)`).  The best rank-k approximations are then
:math:`Z_k = Z_{>} + P Z_T`, with :math:`Z_{>}` the modes above the tie, :math:`Z_T` the tied
block (common squared singular value s) and P any orthogonal projector of the right rank onto
a subspace of its left singular space.  The cross term vanishes (disjoint coordinates of the
diagonal :math:`S^{-2}`), so :math:`\|S^{-1}Z_k\|^2 = \|S^{-1}Z_{>}\|^2 + s\,\mathrm{tr}(P\,
\mathrm{diag}(1/\lambda_j))`, and by Ky Fan the minimum over P is attained at a *coordinate*
projector (the tied modes with the largest :math:`\lambda_j`), uniquely iff those
:math:`\lambda_j` are not tied themselves.  So the minimum-norm minimiser is always one of the
coordinate selections, which :func:`rrr_min_norm_exact` enumerates (no ordering of scores used).

>>> from fractions import Fraction as F
>>> rrr_diagonal([F(3), F(2)], [F(3), F(1)], 1)
[Fraction(0, 1), Fraction(2, 1)]
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from fractions import Fraction

import numpy as np

from symdln import validate as v

__all__ = ["loss_diagonal", "loss_up_to_constant", "rank_k_minimisers", "rrr_diagonal", "rrr_min_norm",
           "rrr_min_norm_exact", "top_k"]


def loss_up_to_constant(Sx: np.ndarray, Sxy: np.ndarray, W: np.ndarray) -> float:
    r""":math:`f(W) - \|Y\|^2/2n = \frac12\mathrm{tr}(W^\top\Sigma_xW) - \mathrm{tr}(W^\top\Sigma_{xy})`.

    ``Sx`` d x d symmetric, ``Sxy`` and ``W`` d x p, finite arrays.

    >>> loss_up_to_constant(np.eye(1), np.eye(1), np.eye(1))
    -0.5
    """
    _covariances(Sx, Sxy)
    v.finite_array("W", W, shape=Sxy.shape)
    return float(0.5 * np.trace(W.T @ Sx @ W) - np.trace(W.T @ Sxy))


def rrr_min_norm(Sx: np.ndarray, Sxy: np.ndarray, k: int) -> np.ndarray:
    r"""The minimum-norm solution :math:`W^{k,*} = S^\dagger Z_k` of the rank-k regression (4)
    (floating point; see the module docstring for the derivation).

    >>> rrr_min_norm(np.diag([3.0, 1.0]), np.diag([3.0, 2.0]), 1).round(12)
    array([[0., 0.],
           [0., 2.]])

    Domain: ``Sx`` d x d symmetric, ``Sxy`` d x p (finite arrays), an integer :math:`k \ge 0`.
    """
    _covariances(Sx, Sxy)
    k = _rank("k", k)
    lam, E = np.linalg.eigh((Sx + Sx.T) / 2)
    tol = max(lam.max(), 0.0) * max(Sx.shape) * np.finfo(float).eps
    root = np.sqrt(np.clip(lam, 0.0, None))
    inv_root = np.array([1 / r if r * r > tol else 0.0 for r in root])
    S_pinv = E @ np.diag(inv_root) @ E.T
    Z = S_pinv @ Sxy
    P, s, Qt = np.linalg.svd(Z, full_matrices=False)
    Zk = P[:, :k] @ np.diag(s[:k]) @ Qt[:k, :]
    return S_pinv @ Zk


def top_k(scores: Sequence[Fraction], k: int) -> list[int]:
    r"""Indices of the k largest scores; raises if the k-th and (k+1)-th tie (no unique solution).

    ``scores`` finite real numbers, an integer :math:`k \ge 0`.

    >>> top_k([Fraction(1), Fraction(3), Fraction(2)], 2)
    [1, 2]
    """
    scores = [v.real(f"scores[{i}]", x, exact=False, symbolic=False)
              for i, x in enumerate(v.sequence("scores", scores))]
    k = _rank("k", k)
    order = sorted(range(len(scores)), key=lambda i: -scores[i])
    if 0 < k < len(scores) and scores[order[k - 1]] == scores[order[k]]:
        raise ValueError("tie at the k-th score: the rank-k solution is not unique")
    return sorted(order[:k])


def rrr_diagonal(sigmas: Sequence[Fraction], lams: Sequence[Fraction], k: int) -> list[Fraction]:
    r"""Diagonal of :math:`U^\top W^{k,*} V` under Assump. 1 (:math:`\epsilon = 0`), exactly:
    :math:`\sigma_i/\lambda_i` on the k largest :math:`\sigma_i^2/\lambda_i`, 0 elsewhere.

    Domain: one :math:`\sigma_i \ge 0` and one :math:`\lambda_i > 0` per mode (exact rationals),
    an integer :math:`k \ge 0`.

    >>> rrr_diagonal([Fraction(2), Fraction(1)], [Fraction(1), Fraction(1)], 1)
    [Fraction(2, 1), Fraction(0, 1)]
    """
    sigmas, lams = _modes(sigmas, lams)
    k = _rank("k", k)
    scores = [Fraction(s) ** 2 / Fraction(l) for s, l in zip(sigmas, lams, strict=True)]
    keep = set(top_k(scores, k))
    return [Fraction(s) / Fraction(l) if i in keep else Fraction(0)
            for i, (s, l) in enumerate(zip(sigmas, lams, strict=True))]


def loss_diagonal(sigmas: Sequence[Fraction], lams: Sequence[Fraction],
                  m: Sequence[Fraction]) -> Fraction:
    r"""Exact :math:`f(W) - \|Y\|^2/2n` for :math:`W = U\,\mathrm{diag}(m)V^\top` under Assump. 1
    (:math:`\epsilon = 0`): :math:`\sum_i \frac12\lambda_i m_i^2 - \sigma_i m_i`.

    Domain as :func:`rrr_diagonal`, one exact rational :math:`m_i` per mode.

    >>> loss_diagonal([Fraction(2)], [Fraction(1)], [Fraction(2)])
    Fraction(-2, 1)
    """
    sigmas, lams = _modes(sigmas, lams)
    m = [v.as_fraction(f"m[{i}]", x) for i, x in enumerate(v.sequence("m", m))]
    if len(m) != len(sigmas):
        raise ValueError(f"m must have one entry per mode ({len(sigmas)}), got {len(m)}")
    return _loss(sigmas, lams, m)


def _loss(sigmas: Sequence[Fraction], lams: Sequence[Fraction], m: Sequence[Fraction]) -> Fraction:
    """:func:`loss_diagonal` on validated Fractions."""
    return sum((l * x * x / 2 - s * x for s, l, x in zip(sigmas, lams, m, strict=True)), Fraction(0))


def rank_k_minimisers(sigmas: Sequence[Fraction], lams: Sequence[Fraction],
                      k: int) -> tuple[Fraction, list[list[Fraction]]]:
    r"""The minimum of f over rank :math:`\le k` under Assump. 1 (:math:`\epsilon = 0`, all
    :math:`\lambda_i > 0`) and the coordinate minimisers attaining it, by exhaustive search.

    Every subset of at most k modes is tried, each kept mode at its own optimum
    :math:`m_i = \sigma_i/\lambda_i` (the minimiser of :math:`\frac12\lambda_im_i^2 - \sigma_im_i`),
    and the exact loss :func:`loss_diagonal` is compared; no ordering of
    :math:`\sigma_i^2/\lambda_i` is used.  More than one minimiser means the rank-k problem has
    no unique solution (a tie).

    >>> rank_k_minimisers([Fraction(2), Fraction(1)], [Fraction(4), Fraction(1)], 1)
    (Fraction(-1, 2), [[Fraction(0, 1), Fraction(1, 1)], [Fraction(1, 2), Fraction(0, 1)]])
    """
    sigmas, lams = _modes(sigmas, lams)
    n = len(sigmas)
    k = _rank("k", k)
    best: Fraction | None = None
    found: list[list[Fraction]] = []
    seen: set[tuple[Fraction, ...]] = set()
    for size in range(min(k, n) + 1):
        for keep in itertools.combinations(range(n), size):
            m = [sigmas[i] / lams[i] if i in keep else Fraction(0) for i in range(n)]
            if tuple(m) in seen:
                continue
            seen.add(tuple(m))
            f = _loss(sigmas, lams, m)
            if best is None or f < best:
                best, found = f, [m]
            elif f == best:
                found.append(m)
    assert best is not None
    return best, sorted(found)


def rrr_min_norm_exact(sigmas: Sequence[Fraction], lams: Sequence[Fraction], k: int) -> list[Fraction]:
    r"""Diagonal of :math:`U^\top W^{k,*} V`, the minimum-norm solution of (4) under Assump. 1,
    exactly, ties included: the coordinate minimiser (:func:`rank_k_minimisers`) of least
    :math:`\sum_i m_i^2` (by Ky Fan no other minimiser has a smaller norm: module docstring).
    Raises ``ValueError`` if two minimisers share the least norm (no unique W^{k,*}).

    >>> rrr_min_norm_exact([Fraction(2), Fraction(1)], [Fraction(4), Fraction(1)], 1)
    [Fraction(1, 2), Fraction(0, 1)]

    Domain as :func:`rank_k_minimisers`.
    """
    _, found = rank_k_minimisers(sigmas, lams, k)
    norms = [sum((x * x for x in m), Fraction(0)) for m in found]
    least = min(norms)
    if norms.count(least) > 1:
        raise ValueError("two rank-k minimisers of least norm: W^{k,*} is not unique")
    return found[norms.index(least)]


def _covariances(Sx: np.ndarray, Sxy: np.ndarray) -> tuple[int, int]:
    """Check Sigma_x (d x d, symmetric, finite) and Sigma_xy (d x p, finite); return (d, p)."""
    d = v.finite_array("Sx", Sx, ndim=2).shape[0]
    v.finite_matrix("Sx", Sx, symmetric=True)
    v.finite_array("Sxy", Sxy, shape=(d, None))
    return d, Sxy.shape[1]


def _rank(name: str, k: int) -> int:
    """A rank bound k >= 0 (a bound above the number of modes constrains nothing)."""
    return int(v.nonnegative_int(name, k))


def _modes(sigmas: Sequence[Fraction], lams: Sequence[Fraction]) -> tuple[list[Fraction], list[Fraction]]:
    """One sigma_i >= 0 and one lambda_i > 0 per mode, as Fractions."""
    sig = [v.as_fraction(f"sigmas[{i}]", x) for i, x in enumerate(v.sequence("sigmas", sigmas))]
    lam = [v.as_fraction(f"lams[{i}]", x) for i, x in enumerate(v.sequence("lams", lams))]
    for i, x in enumerate(sig):
        v.nonnegative(f"sigmas[{i}]", x)
    for i, x in enumerate(lam):
        v.positive(f"lams[{i}]", x)
    if len(lam) != len(sig):
        raise ValueError(f"lams must have one entry per mode ({len(sig)}), got {len(lam)}")
    return sig, lam
