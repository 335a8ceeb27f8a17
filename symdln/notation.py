r"""The papers' symbols, defined once (see ``docs/notation.md``).

Paper 1 (Gidel, Bach, Lacoste-Julien 2019):

========================  ====================================================
``X`` (n x d), ``Y`` (n x p)  design matrices, rows x_i^T and y_i^T, eq. (3)
``Sigma_x``               :math:`\frac1n X^\top X` (d x d), eq. (7)
``Sigma_xy``              :math:`\frac1n X^\top Y` (d x p), eq. (7)
``W_l``                   layer l, of size r_{l-1} x r_l, r_0 = d, r_L = p, eq. (2)
``W``                     the product W_1 ... W_L (d x p)
``eta``                   step size, eq. (5)
``sigma_i``               singular values of Sigma_xy, Assump. 1
``lambda_i``              diagonal entries of D_x, Assump. 1
``delta``                 initialisation scale, w_i(0) = e^{-delta}, Thm. 2
``T_i``                   phase-transition times, eqs. (17), (18), (25)
========================  ====================================================

The SymPy symbols below carry the assumptions the paper states for them.

>>> sigma.is_positive, lam.is_positive, eta.is_positive
(True, True, True)
"""

from __future__ import annotations

import sympy as sp

__all__ = ["MEANING", "delta", "eta", "lam", "n", "sigma", "t", "w", "w0", "w_next", "w_t"]

#: time (continuous) or iteration count (discrete)
t = sp.Symbol("t", nonnegative=True)
#: a singular value sigma_i > 0 of Sigma_xy
sigma = sp.Symbol("sigma", positive=True)
#: a diagonal entry lambda_i > 0 of D_x
lam = sp.Symbol("lambda", positive=True)
#: the step size
eta = sp.Symbol("eta", positive=True)
#: the initialisation scale
delta = sp.Symbol("delta", positive=True)
#: number of samples
n = sp.Symbol("n", positive=True, integer=True)
#: a per-mode variable and its initial value
w = sp.Function("w")
w0 = sp.Symbol("w_0", positive=True)
#: the iterate w_i^{(t)} of the discrete dynamics (Thm. 3): in a formula, "w_t <= B" states a bound
#: on the exact iterate of the derived recursion for every integer t >= 0
w_t = sp.Symbol("w_t", nonnegative=True)
#: the next iterate w_i^{(t+1)}: "Eq(w_next, F)" states the recursion of w_i
w_next = sp.Symbol("w_next", nonnegative=True)

#: what a symbol a user may write in a formula stands for (``symdln check ID --symbols``)
MEANING = {
    "t": "time (continuous) or iteration count (discrete, integer t >= 0)",
    "sigma": "a singular value sigma_i of Sigma_xy (Assump. 1)",
    "lambda": "a diagonal entry lambda_i > 0 of D_x (Assump. 1)",
    "eta": "the step size eta > 0",
    "delta": "the initialisation scale, w_i(0) = e^{-delta}",
    "w": "w(t): the continuous per-mode value w_i(t) (a function of t)",
    "w_0": "the initial value w_i^{(0)} of the mode",
    "w_next": "the next iterate w_i^{(t+1)}; 'Eq(w_next, F)' states a recursion",
    "w_t": "the iterate w_i^{(t)} (Thm. 3: the singular value of W_1^{(t)} W_2^{(t)}); 'w_t <= B' bounds it",
    "sigma_i": "Cor. 2: sigma_i of a mode i <= k; a condition on sigma_i, lambda_i, sigma_j, lambda_j "
               "is stated for every pair of modes i <= k < j",
    "lambda_i": "Cor. 2: lambda_i of a mode i <= k",
    "sigma_j": "Cor. 2: sigma_j of a mode j > k (sigma_j < sigma_i)",
    "lambda_j": "Cor. 2: lambda_j of a mode j > k",
    # the data group (Sec. 4): matrix formulas of (27) and (28), Table 1, the suprema of (27)
    "X": "the n x d design matrix (rows x_i^T), a matrix symbol",
    "Sigma_x": "the d x d matrix X^T X / n of (7), a matrix symbol",
    "Sigma_xy": "the d x p matrix X^T Y / n of (7), a matrix symbol",
    "U": "an admissible U of Assump. 1: orthogonal, its columns left singular vectors of Sigma_xy",
    "I_d": "the d x d identity matrix",
    "n": "the number of samples (X is n x d)",
    "d": "the input dimension (X is n x d); paper 2: the size of the d x d matrices",
    "p": "the output dimension (Y is n x p)",
    "r": "Sec. 2, (4): r = min_l r_l, the smallest inner width; Sec. 4.2: the number of components "
         "(B is d x r)",
    "rank_W": "(4): the rank of a matrix W; the constraint of (4) is a relation in rank_W and r",
    "rows": "(12): the number of rows of the layer, W_l(0) in R^{rows x cols}",
    "cols": "(12): the number of columns of the layer, W_l(0) in R^{rows x cols}",
    "r_prev": "(12): the width r_{l-1} of layer l's input (r_0 = d)",
    "r_l": "(12): the width r_l of layer l's output (r_L = p)",
    "l": "(12): the layer index, 1 <= l <= L",
    "L": "(12): the number of layers",
    "W": "Sec. 4.2: the end-to-end matrix W^(t) (d x d), a matrix symbol",
    "B": "Sec. 4.2: the generating matrix (d x r) of x_i = B z_i + eps_i, a matrix symbol",
    "D": "Sec. 4.2: the covariance diag(4, 2, 1, 1/2, 1/4) of z_i (r x r), a matrix symbol",
    # the linear group: (21)
    "W_t": "(21): the gradient-descent iterate W_t (d x p) of the L = 1 model; Prop. 1 and (10): the "
           "solution W(t) of the flow (8); 'Eq(W_t, F)' states a closed form",
    "W_inf": "(21): the limit of the iterates W_t as t -> oo (d x p); 'Eq(W_inf, F)' states it",
    "W_0": "(21): the initialisation W_0 (d x p), a matrix symbol",
    "W_1": "appA.symmetry_path: the first layer at initialisation W_1(0) (d x r), a matrix symbol",
    "W_2": "appA.symmetry_path: the second layer at initialisation W_2(0) (r x d), a matrix symbol",
    "Sigma_x_pinv": "(21): the Moore-Penrose pseudoinverse Sigma_x^+ of Sigma_x (d x d), a matrix symbol",
    "FrobeniusNorm": "FrobeniusNorm(M) = ||M||_F, the norm of (27)",
    "FrobeniusDistance": "FrobeniusDistance(A, B) = ||A - B||_F",
    "OffDiagonal": "OffDiagonal(M): M with its diagonal set to 0 (B of (13) is OffDiagonal(U.T*Sigma_x*U))",
    "Pinching": "Pinching(A, G) = sum_k P_k A P_k, P_k the projectors onto the eigenspaces of G",
    "Delta_x": "Table 1: a row's printed Delta_x (standing for its rounding interval)",
    "Delta_xy": "Table 1: a row's printed Delta_xy (standing for its rounding interval)",
    "Delta_x_max": "the largest value of Delta_x over all data of dimension d",
    "Delta_xy_max": "the largest value of Delta_xy over all data of dimension d (any admissible U)",
    "order_of_magnitude": "order_of_magnitude(x): the integer nearest to log10 x (x > 0)",
    # paper 2: the balanced manifold (p2.balanced.submersion)
    "N": "paper 2: the depth, the number of factors W_1, ..., W_N",
    "g_sub": "paper 2: the metric on W obtained by the Riemannian submersion (W_1..W_N) -> W_N...W_1 from "
             "the balanced manifold with the Euclidean metric on the factors, at a tangent vector Z",
    "g_N": "paper 2: the notes' metric g^N(Z) = Tr(Z^T A_{N,W}^{-1} Z), A_{N,W} the 1/N-normalised operator",
    # paper 2: the volume near a rank drop (p2.volume.rankdrop.infinity)
    "rho_inf": "paper 2: the depth-infinity volume density at Sigma = diag(sigma_1, ..., sigma_{d-1}, "
               "sigma_min)",
    "rho_rest": "paper 2: the depth-infinity volume density of the other singular values sigma_1, ..., "
                "sigma_{d-1}",
    "sigma_min": "paper 2: the smallest singular value of W, sent to 0 in Limit(E, sigma_min, 0, '+')",
    # paper 2 and paper 1's (22) (p2.sv.paper1)
    "x_t": "p2.sv.paper1: the per-factor value x = w^{1/2} (w the singular value of W_1 W_2) at step t "
           "of (22)",
    "x_next": "p2.sv.paper1: the per-factor value x at step t + 1; 'Eq(x_next, G)' states the step (22)",
    "r_min": "p2.completion.ranks3x3: the smallest rank of a minimiser of the 3 x 3 diagonal completion",
    "r_max": "p2.completion.ranks3x3: the largest rank of a minimiser of the 3 x 3 diagonal completion",
}
