"""Claims of Sec. 3.1 (about Assump. 1) and Sec. 4 of paper 1: (27), Table 1, Sec. 4.2, Fig. 2.

(14), the autoencoder identity B = 0, and Fig. 1 are registered by other groups.
"""

from __future__ import annotations

import sympy as sp

from symdln import autoencoder as ae
from symdln.assumption import (
    FrobeniusDistance,
    FrobeniusNorm,
    I_d,
    OffDiagonal,
    Pinching,
    Sigma_x,
    Sigma_xy,
    U,
    X,
    d,
)
from symdln.checks import data_autoencoder as dae
from symdln.checks import data_delta as dd
from symdln.checks import data_table1 as dt
from symdln.claims.record import Check, Claim
from symdln.correction import Correction
from symdln.notation import eta, n, sigma


def _lazy(module: str, name: str):  # type: ignore[no-untyped-def]
    """A check function imported on first call (keeps importing the registry cheap)."""

    def run():  # type: ignore[no-untyped-def]
        import importlib

        return getattr(importlib.import_module(f"symdln.checks.{module}"), name)()

    run.__name__ = name
    run.__qualname__ = name
    return run


CLAIMS: tuple[Claim, ...] = (
    Claim(
        id="assump1.commute",
        paper="paper1",
        where="Sec. 3.1, after Assump. 1",
        statement=r"two matrices commute iff they are co-diagonalizable [Horn, Thm 1.3.21]; the quantity "
                  r"\epsilon represent to what extend \Sigma_x and \Sigma_{xy}\Sigma_{xy}^T do not commute",
        domain=r"Assump. 1: exist orthogonal U, V with \Sigma_x = U(D_x + B)U^T, \Sigma_{xy} = U D_{xy} V^T, "
               r"\|B\|_2 <= \epsilon",
        checks=(
            Check("exact", _lazy("data_delta", "check_assump1_commute"),
                  "min over admissible U of ||B|| (its pinching form) is 0 exactly when the commutator "
                  "vanishes: exact instances with repeated singular values and d > p; for every d, p and "
                  "multiplicity pattern by the mask calculus in the frame of an admissible U"),
        ),
    ),
    Claim(
        id="assump1.multiclass",
        paper="paper1",
        where="Sec. 3.1, 'Deep linear multi-class prediction'",
        statement=r"we may expect \|B\|_2 to be small because rank(Y) << rank(X) and thus the matrices "
                  r"of interest only have to almost commute on a small space ... thus B would be close to 0",
        domain="p classes, one-hot y_i, p << d",
        checks=(
            Check("counterexample", _lazy("data_delta", "check_assump1_multiclass"),
                  "exact instance with rank Y = 1, rank X = d and Delta_xy > Delta_x"),
        ),
        uses=("eq27.delta_xy",),
    ),
    Claim(
        id="eq27.delta_xy",
        paper="paper1",
        where="Sec. 4.1, eq. (27)",
        statement=r"\Delta_{xy} := \|B\|_2 / \|\Sigma_x\|_2, B the non-diagonal coefficients of "
                  r"U^T \Sigma_x U, U the left singular vectors of \Sigma_{xy}; \|.\| the Frobenius norm",
        domain=r"X in R^{n x d}, Y in R^{n x p}, \Sigma_x != 0",
        checks=(
            Check("well-defined", None,
                  "the formula under test at several admissible U (repeated singular value, completion "
                  "for d > p): one value per data set, equal to the least ||B(U)||/||Sigma_x|| over all "
                  "admissible U (exact minimisation over U, proved); for every d, p, multiplicity pattern "
                  "and admissible U by its mask form (frame of U) against sqrt(r/(r + k_o + k_d))",
                  judge=dd.judge_delta_xy),
        ),
        uses=("assump1.commute",),
        formula=FrobeniusNorm(OffDiagonal(U.T * Sigma_x * U)) / FrobeniusNorm(Sigma_x),
        correction=Correction(
            FrobeniusDistance(Sigma_x, Pinching(Sigma_x, Sigma_xy * Sigma_xy.T)) / FrobeniusNorm(Sigma_x),
            context="Pinching(A, G) = sum_k P_k A P_k, P_k the orthogonal projectors onto the eigenspaces of "
                    "G, its null space included"),
        symbols=dd.DELTA_XY_SYMBOLS,
    ),
    Claim(
        id="eq27.delta_x",
        paper="paper1",
        where="Sec. 4.1, eq. (27)",
        statement=r"\Delta_x := \frac12 \|\hat\Sigma_x - \hat I_d\|_2, the \hat\Sigma expressions "
                  r"correspond to \hat X := X/\|X\| and \hat I_d := I_d/\|I_d\|; measures how much "
                  r"\Sigma_x \approx I_d is broken",
        domain=r"X in R^{n x d}, X != 0",
        checks=(
            Check("zero-at-identity", None,
                  "the formula under test on exact data: 0 where Sigma_x = c I_d (Saxe's assumption; "
                  "Sigma_x = I_d first), and half the distance between the unit-norm Sigma_x and I_d "
                  "(from their angle) elsewhere; for every n, d by the identity of trace forms with the "
                  "angle formula", judge=dd.judge_delta_x),
        ),
        formula=FrobeniusDistance(X.T * X / (n * FrobeniusNorm(X) ** 2), I_d / FrobeniusNorm(I_d)) / 2,
        correction=Correction(
            FrobeniusDistance(Sigma_x / FrobeniusNorm(Sigma_x), I_d / FrobeniusNorm(I_d)) / 2,
            context="Sigma_x = X^T X / n"),
        symbols=dd.DELTA_X_SYMBOLS,
    ),
    Claim(
        id="eq27.range",
        paper="paper1",
        where="Sec. 4.1, below eq. (27)",
        statement="These normalized quantities are between 0 and 1.",
        domain=r"X != 0 (\Sigma_x PSD, nonzero); the printed definitions (any admissible U; literal \hat X)",
        checks=(
            Check("bounds", _lazy("data_delta", "check_delta_range"),
                  "SymPy proofs for every d (induction steps of tr S >= ||S||_F and Cauchy-Schwarz): "
                  "Delta_xy <= sqrt(1 - 1/d) for every U, sup over d = 1; literal Delta_x < 1/sqrt(2); "
                  "definitions evaluated at the extremal instances"),
        ),
        uses=("eq27.delta_xy", "eq27.delta_x"),
    ),
    Claim(
        id="eq27.scale",
        paper="paper1",
        where="Sec. 4.1, below eq. (27)",
        statement="The closer to 1, the less the assumption hold and conversely, the closer to 0, the "
                  "more the assumption approximately holds.",
        domain=r"X != 0 (\Sigma_x PSD, nonzero)",
        checks=(
            Check("ends", None,
                  "the stated tops of the scales against the largest values over all data of dimension "
                  "d (symbolic d: bounds proved for every d, attained by J_d = 1 1^T); Arb signs at the "
                  "data sets' d", judge=dd.judge_scale),
        ),
        uses=("eq27.range",),
        formula=sp.And(sp.Eq(dd.Delta_xy_max, 1), sp.Eq(dd.Delta_x_max, 1)),
        correction=Correction(
            sp.And(sp.Eq(dd.Delta_xy_max, sp.sqrt(1 - 1 / d)),
                   sp.Eq(dd.Delta_x_max, sp.sqrt(2 - 2 / sp.sqrt(d)) / 2)),
            context="Delta_xy_max, Delta_x_max: the largest values of Delta_xy (any admissible U) and of the "
                    "well-posed Delta_x (eq27.delta_x) over all data of dimension d"),
        symbols=dd.SCALE_SYMBOLS,
    ),
    Claim(
        id="table1.values",
        paper="paper1",
        where="Sec. 4.1, Table 1",
        statement=r"MNIST: \Delta_{xy} = 2.8e-2, \Delta_x = .70; CIFAR-10: 3.0e-2, .68; "
                  r"ImageNet: 1.7e-1, .70",
        domain="MNIST (28 x 28), CIFAR-10 (32 x 32 x 3), ImageNet down-sampled to 64 x 64; one-hot Y",
        checks=(
            Check("attainable", _lazy("data_table1", "check_table1_values"),
                  "printed rounding intervals vs the proved supremum of (27) at each d; digits and "
                  "$SYMDLN_TABLE1_DATA files computed beside"),
        ),
        uses=("eq27.range",),
    ),
    Claim(
        id="table1.vary",
        paper="paper1",
        where="Sec. 4.1, on Table 1",
        statement=r"the quantities \Delta_x and \Delta_{xy} do not vary much among the datasets",
        domain="the three rows of Table 1",
        checks=(
            Check("spread", _lazy("data_table1", "check_table1_vary"),
                  "certified max/min spreads of the printed values; no threshold stated"),
        ),
        uses=("table1.values",),
    ),
    Claim(
        id="table1.orders",
        paper="paper1",
        where="Sec. 4.1, on Table 1",
        statement=r"the \Delta associated with our Assump. 1 is two orders of magnitude smaller than the "
                  r"\Delta associated with Saxe et al. [2018]'s assumption",
        domain="the three rows of Table 1",
        checks=(
            Check("ratio", None,
                  "the statement under test on every row of the printed table, each value its rounding "
                  "interval: Arb balls on the box, bisected", judge=dt.judge_orders),
        ),
        uses=("table1.values",),
        formula=sp.Eq(dt.order_of_magnitude(dt.Delta_x / (100 * dt.Delta_xy)), 0),
        correction=Correction(sp.Eq(dt.order_of_magnitude(dt.Delta_x / dt.Delta_xy), 1),
                              context="in every row of Table 1; order_of_magnitude(x) the integer nearest "
                                      "to log10 x"),
        symbols=dt.ORDERS_SYMBOLS,
    ),
    Claim(
        id="sec42.steps",
        paper="paper1",
        where="Sec. 4.2",
        statement="Contrary to the dynamics induced by the linear model formulation (L=1), the dynamics "
                  "induced by the two-layer linear network (L=2) is very close to a step function: each "
                  "step corresponds to the learning to a new component: They are learned sequentially.",
        domain="p = d = 20, n = 1000, r = 5, B_kl ~ U([0,1]), z_i ~ N(0, diag(4, 2, 1, 1/2, 1/4)), "
               "eps_i ~ 1e-3 N(0, I_d); Y = X",
        checks=(
            Check("modes", _lazy("data_autoencoder", "check_steps"),
                  "SymPy, symbolic x in (0, 1): the L = 2 mode map has a repelling plateau at 0 and an "
                  "attracting fixed point at 1 (a step in delta-rescaled time), L = 1 changes most at "
                  "t = 0 and learns every mode at once; Arb: the step times are strictly ordered"),
            Check("closeness", _lazy("data_autoencoder", "check_step_closeness"),
                  "'very close to a step function' for the finite run: no tolerance printed; certified "
                  "step widths reported"),
        ),
    ),
    Claim(
        id="sec42.continuous",
        paper="paper1",
        where="Sec. 4.2",
        statement="We can see that the experimental results are very close to the theoretical behavior "
                  "predicted with the continuous dynamics in Figure 1.",
        domain="the Sec. 4.2 autoencoder; continuous time eta t",
        checks=(
            Check("gap", _lazy("data_autoencoder", "check_continuous"),
                  "certified largest gap between the discrete L = 2 trace norm and (16) at eta t; "
                  "no threshold stated"),
        ),
        uses=("sec42.steps", "sec42.phase_times"),
    ),
    Claim(
        id="sec42.eq28",
        paper="paper1",
        where="Sec. 4.2, eq. (28)",
        statement=r"their respective reconstruction errors \|W^{(t)} - B D B^T\|_2",
        domain="the Sec. 4.2 autoencoder",
        checks=(
            Check("perfect-reconstruction", None,
                  "the formula under test against the objective (2) with Y = X, exact: at W = I_d (where "
                  "X - XW = 0) first, other W, and an identity of trace forms for every n, d, r",
                  judge=dae.judge_eq28),
        ),
        formula=FrobeniusDistance(ae.W, ae.B * ae.D * ae.B.T),
        correction=Correction(FrobeniusDistance(X, X * ae.W) ** 2 / (2 * n),
                              context="W = W^(t), X the n x d data (Y = X)"),
        symbols=dae.EQ28_SYMBOLS,
    ),
    Claim(
        id="sec42.phase_times",
        paper="paper1",
        where="Sec. 3.2, eq. (25), applied to Sec. 4.2",
        statement=r"\eta T_i := 1/\sigma_i => T_i := 1/(\eta\sigma_i); the i-th component is learned "
                  r"around time T_i (iterations rescaled by \delta)",
        domain=r"W_1(0) = W_2(0) = e^{-\delta} I_d, \delta -> \infty; the Sec. 4.2 spectrum",
        checks=(
            Check("limit", None,
                  "the formula under test against lim (step iteration)/delta derived from the mode map "
                  "(z3 one-step lemmas + sandwich), Arb at the experiment's certified modes",
                  judge=dae.judge_phase_times),
        ),
        uses=("sec42.steps",),
        formula=1 / (eta * sigma),
        correction=Correction(1 / sp.log(1 + eta * sigma),
                              context="the iteration at which mode i steps (q_t crosses 1/2) divided by "
                                      "delta, delta -> oo, W_1(0) = W_2(0) = e^{-delta} I_d"),
        symbols=dae.PHASE_TIME_SYMBOLS,
    ),
    Claim(
        id="fig2.reproduce",
        paper="paper1",
        where="Sec. 4.2, Fig. 2 (and Fig. 1's caption)",
        statement=r"Figure 2: Trace norm and reconstruction errors of W^{(t)} for L=1 and 2 as a function "
                  r"of t; each step [of the L = 2 trace norm] corresponds to the learning of a new "
                  r"component. (Fig. 1: for an autoencoder \lambda_i = \sigma_i and thus the trace norm "
                  r"has integer values)",
        domain="the Sec. 4.2 autoencoder",
        checks=(
            Check("plateaus", _lazy("data_autoencoder", "check_plateaus"),
                  "exact: the learned fixed point of the mode map adds sigma/lambda = 1, so the limit "
                  "plateaus are the integers 0..5; Arb: distinct step times"),
            Check("experiment", _lazy("data_autoencoder", "check_fig2_experiment"),
                  "the finite run's plateaus (certified), with the checker's unprinted eta, delta, seed: "
                  "no tolerance printed"),
        ),
        uses=("sec42.steps",),
    ),
)
