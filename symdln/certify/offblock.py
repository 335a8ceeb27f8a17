r"""Certified Delta_xy (the minimum over U of (27)) for integer data, by Arb eigenvector enclosures.

With G a positive multiple of Sigma_x and C one of Sigma_xy (integer
matrices), let u_k = C v_k for the eigenvectors v_k of C^T C with nonzero
(simple) eigenvalues: they span the eigenspaces of Sigma_xy Sigma_xy^T with
nonzero eigenvalue, and P_r = sum_k u_k u_k^* / |u_k|^2.  The off-block norm is

.. math::
    \|B\|_{\min}^2 = 2\|P_r G\|_F^2 - \|P_r G P_r\|_F^2 - \sum_k (u_k^* G u_k / |u_k|^2)^2

(the coupling of the range with the null space, twice, plus the off-diagonal
part inside the range).  Every term is invariant under rescaling u_k by a
complex number, so the enclosures of *some* eigenvector are enough.

>>> import numpy as np
>>> G = np.array([[2, 1], [1, 2]]); C = np.array([[1], [0]])
>>> v = certified_delta_xy_min(G, C)  # sqrt(2)/sqrt(10)
>>> bool(abs(v - flint.arb(1) / flint.arb(5).sqrt()) < flint.arb("1e-15"))  # 53-bit context
True
"""

from __future__ import annotations

import flint
import numpy as np

from symdln import validate as v

__all__ = ["certified_delta_xy_min"]


def _acb(M: np.ndarray) -> flint.acb_mat:
    return flint.acb_mat([[flint.acb(int(x)) for x in row] for row in np.asarray(M).tolist()])


def certified_delta_xy_min(G: np.ndarray, C: np.ndarray, prec: int = 128) -> flint.arb:
    """Ball enclosing min_U ||B(U)||_F / ||Sigma_x||_F for integer G ~ Sigma_x, C ~ Sigma_xy.

    The rank of C is computed exactly (FLINT integer matrices); the
    eigenvalues of C^T C must be simple (Arb's ``eig`` raises otherwise).

    Domain: ``G`` a nonzero symmetric square matrix of integers, ``C`` a matrix of integers with as
    many rows as G; ``prec`` a positive integer.
    """
    G = v.integer_matrix("G", G, square=True)
    v.require("G", bool(np.any(G)), "a nonzero matrix", G)
    v.require("G", bool(np.array_equal(G, G.T)), "a symmetric matrix", G)
    C = v.integer_matrix("C", C)
    v.require("C", C.shape[0] == G.shape[0], f"a matrix with {G.shape[0]} rows (as many as G)", C)
    prec = v.positive_int("prec", prec)
    rank = flint.fmpz_mat([[int(x) for x in row] for row in C.tolist()]).rank()
    with flint.ctx.workprec(prec):
        Ga, Ca = _acb(G), _acb(C)
        K = Ca.transpose() * Ca
        E, R = K.eig(right=True, algorithm="rump")
        keep = [k for k, e in enumerate(E) if abs(e) > 0]
        if len(keep) != rank:
            raise ArithmeticError(f"{len(keep)} eigenvalues certified nonzero, rank is {rank}")
        us = []
        for k in keep:
            vec = flint.acb_mat([[R[i, k]] for i in range(R.nrows())])
            us.append(Ca * vec)

        def inner(a: flint.acb_mat, M: flint.acb_mat | None, b: flint.acb_mat) -> flint.acb:
            ah = a.conjugate().transpose()
            return (ah * (b if M is None else M * b))[0, 0]

        norms = [inner(u, None, u).real for u in us]
        G2 = Ga * Ga
        first = sum((inner(u, G2, u).real / nu for u, nu in zip(us, norms, strict=True)), flint.arb(0))
        diag = [inner(u, Ga, u).real / nu for u, nu in zip(us, norms, strict=True)]
        mr2 = flint.arb(0)
        for i, (u, nu) in enumerate(zip(us, norms, strict=True)):
            for j, (w, nw) in enumerate(zip(us, norms, strict=True)):
                mr2 += (diag[i] ** 2 if i == j else abs(inner(u, Ga, w)) ** 2 / (nu * nw))
        off2 = 2 * first - mr2 - sum((x**2 for x in diag), flint.arb(0))
        fro2 = flint.arb(sum(int(x) * int(x) for x in G.ravel().tolist()))
        if not off2 >= 0:  # enclosure straddles 0 only if the defect is tiny: widen to [0, hi]
            off2 = flint.arb(0).union(off2.upper())
        return (off2 / fro2).sqrt()
