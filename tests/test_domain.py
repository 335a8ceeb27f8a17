"""Domain checks of the mathematical core: every public function rejects what lies outside its domain.

For each public function of the core modules and of the certified kernels (``symdln.certify``; their
``__all__``) there are bad inputs -- negative, zero where excluded, NaN, infinities, wrong shapes,
non-integer depths and step counts, Symbols whose assumptions contradict the domain, expressions of
the wrong kind -- and each must raise ``ValueError`` naming the offending parameter.
:func:`test_every_public_function_has_domain_cases` fails when a public function with parameters has
none.  The second half checks the conversion rule: exact inputs give exact outputs.
"""

from __future__ import annotations

import importlib
import inspect
import math
import pkgutil
import re
from collections.abc import Callable
from fractions import Fraction as F
from typing import Any

import flint
import numpy as np
import pytest
import sympy as sp
import z3

import symdln.certify
from symdln import validate as v

MODULES = (
    "linear",
    "discrete",
    "continuous",
    "limits",
    "rrr",
    "autoencoder",
    "deep",
    "geometry",
    "completion",
    "assumption",
)
#: public modules of ``symdln.certify`` left out of the generated list, with the reason
EXCLUDED: dict[str, str] = {}
#: the public (not underscored) modules of ``symdln.certify``
CERTIFY_PUBLIC = tuple(m.name for m in pkgutil.iter_modules(symdln.certify.__path__)
                       if not m.name.startswith("_"))
CERTIFY = tuple(f"certify.{m}" for m in CERTIFY_PUBLIC if m not in EXCLUDED)
R = sp.Rational
NAN, INF = float("nan"), float("inf")
NEG = sp.Symbol("neg", negative=True)
NONINT = sp.Symbol("k", integer=False, positive=True)
POS = sp.Symbol("pos", positive=True)
M1, Z1 = sp.Matrix([[1]]), sp.Matrix([[0]])
E2 = sp.eye(2)
NSYM = sp.Matrix([[1, 2], [3, 4]])
A1 = np.eye(1)[None]
A2 = np.eye(2)[None]
X, Y, A, B = sp.symbols("x y a b")
IV = (flint.arb(0), flint.arb(1))


def _flow(y: list[Any]) -> list[Any]:
    return [-y[0]]


def _update(m: Any, x: Any) -> Any:
    return m + x * m * (1 - m * m)


def public_functions() -> list[str]:
    """``module.name`` of every function in the ``__all__`` of the core and certify modules."""
    out = []
    for m in MODULES + CERTIFY:
        mod = importlib.import_module(f"symdln.{m}")
        for name in mod.__all__:
            obj = getattr(mod, name)
            if (
                callable(obj)
                and not isinstance(obj, type)
                and getattr(obj, "__module__", None) == mod.__name__
            ):
                out.append(f"{m}.{name}")
    return out


def parameterless() -> list[str]:
    """The public functions without parameters: nothing can be outside their domain."""
    return [f for f in public_functions() if not inspect.signature(_f(f)).parameters]


def _f(qualname: str) -> Callable[..., Any]:
    m, name = qualname.rsplit(".", 1)
    return getattr(importlib.import_module(f"symdln.{m}"), name)  # type: ignore[no-any-return]


#: function -> [(parameter named in the error, args, kwargs)]
BAD: dict[str, list[tuple[str, tuple[Any, ...], dict[str, Any]]]] = {
    # ------------------------------------------------------------------ linear (paper 1, L = 1)
    "linear.data_covariances": [("Y", (E2, sp.ones(3, 1)), {}), ("X", (sp.Matrix([[NAN]]), M1), {})],
    "linear.least_squares_objective": [("W", (M1, M1, E2), {}), ("Y", (M1, sp.Matrix([[sp.oo]]), M1), {})],
    "linear.gradient_7": [
        ("Sx", (NSYM, sp.ones(2, 1), sp.ones(2, 1)), {}),
        ("W", (M1, M1, sp.Matrix([[sp.nan]])), {}),
    ],
    "linear.solution_9": [
        ("t", (M1, M1, M1, -1), {}),
        ("t", (M1, M1, M1, NEG), {}),
        ("W0", (M1, M1, E2, 1), {}),
    ],
    "linear.limit_10": [("t", (M1, M1, NAN), {}), ("pinv", (M1, M1, 1), {"pinv": E2})],
    "linear.gd_iterate": [
        ("eta", (M1, M1, M1, 0, 1), {}),
        ("steps", (M1, M1, M1, R(1, 2), 1.5), {}),
        ("steps", (M1, M1, M1, R(1, 2), -1), {}),
    ],
    "linear.iterate_21_printed": [("eta", (M1, M1, M1, -1, 1), {}), ("t", (M1, M1, M1, R(1, 2), NONINT), {})],
    "linear.iterate_21_corrected": [
        ("t", (M1, M1, M1, R(1, 2), -1), {}),
        ("W0", (M1, M1, E2, R(1, 2), 1), {}),
    ],
    # ------------------------------------------------------------------ continuous (two layers)
    "continuous.flow_12_L2": [("W2", (M1, E2, M1, M1), {}), ("Sx", (M1, M1, sp.Matrix([[NAN]]), M1), {})],
    "continuous.mode_rhs": [("w", (-1, 1, 1), {}), ("sigma", (1, NEG, 1), {}), ("lam", (1, 1, NAN), {})],
    "continuous.w_active_16": [
        ("sigma", (0, 1, 1, 1), {}),
        ("t", (1, 1, 1, -1), {}),
        ("delta_i", (1, 1, INF, 1), {}),
        ("lam", (1, sp.I, 1, 1), {}),
    ],
    "continuous.w_inactive_16": [("lam", (-1, 1, 1), {}), ("t", (1, 1, NEG), {})],
    "continuous.w_inactive_corrected": [("lam", (0, 1, 1), {}), ("delta_i", (1, NAN, 1), {})],
    "continuous.logistic_mode": [("w0", (1, 1, 0, 1), {}), ("sigma", (-1, 1, R(1, 2), 1), {})],
    "continuous.half_rise_time": [("w0", (1, 1, R(1, 2)), {}), ("lam", (1, 0, R(1, 4)), {})],
    "continuous.saxe_time_17": [("sigma", (0, 1), {}), ("delta_i", (1, INF), {})],
    "continuous.rect_diag": [
        ("rows", ([1], 0, 1), {}),
        ("cols", ([1], 1, 1.5), {}),
        ("entries", ([NAN], 1, 1), {}),
    ],
    "continuous.thm1_layers": [("Q", (M1, M1, Z1, [1]), {}), ("U", (sp.ones(1, 2), M1, M1, [1]), {})],
    # ------------------------------------------------------------------ deep
    "deep.product": [("Ws", ([],), {}), ("Ws", ([E2, sp.ones(3, 1)],), {})],
    "deep.layer_gradient_11": [
        ("l", ([M1, M1], 0, M1, M1), {}),
        ("l", ([M1, M1], 3, M1, M1), {}),
        ("l", ([M1, M1], 1.5, M1, M1), {}),
        ("Sxy", ([M1, M1], 1, M1, E2), {}),
    ],
    "deep.deep_objective": [
        ("n", (M1, M1, [M1]), {"n": -1}),
        ("n", (M1, M1, [M1]), {"n": NEG}),
        ("Y", (M1, E2, [M1]), {}),
    ],
    "deep.factorize": [
        ("widths", (E2, [0]), {}),
        ("widths", (E2, [1.5]), {}),
        ("W", (sp.Matrix([[NAN]]), [1]), {}),
    ],
    "deep.pad_factors": [("widths", (M1, M1, []), {}), ("C", (sp.Matrix([[NAN]]), M1, [1]), {})],
    "deep.padded_identity": [("rows", (0, 1), {}), ("cols", (1, -1), {}), ("rows", (2.5, 1), {})],
    # ------------------------------------------------------------------ discrete (Sec. 3.2)
    "discrete.gd_step_two_layer": [("eta", (M1, M1, M1, M1, 0), {}), ("W2", (M1, E2, M1, M1, 1), {})],
    "discrete.layer_step_22": [
        ("w", (-1, 1, 1, 1), {}),
        ("eta", (1, 1, 1, 0), {}),
        ("sigma", (1, NAN, 1, 1), {}),
    ],
    "discrete.product_step": [
        ("w", (NEG, 1, 1, 1), {}),
        ("lam", (1, 1, -1, 1), {}),
        ("eta", (1, 1, 1, -F(1, 2)), {}),
    ],
    "discrete.rho": [("y", (-1, 1), {}), ("s", (0, -1), {}), ("y", (NAN, 1), {})],
    "discrete.u_step": [("u", (-1, R(1, 4), 1), {}), ("c", (1, R(1, 4), 0), {}), ("s", (1, INF, 1), {})],
    "discrete.derive_mode_step": [("Q_orthogonal", ("yes",), {})],
    "discrete.lower_printed": [
        ("t", (-1, R(1, 2), 1, 1, R(1, 4)), {}),
        ("w0", (1, 0, 1, 1, R(1, 4)), {}),
        ("sigma", (1, R(1, 2), NEG, 1, R(1, 4)), {}),
    ],
    "discrete.upper_printed": [
        ("eta", (1, R(1, 2), 1, 1, 0), {}),
        ("lam", (1, R(1, 2), 1, INF, R(1, 4)), {}),
    ],
    "discrete.lower_corrected": [
        ("w0", (1, -1, 1, 1, R(1, 4)), {}),
        ("sigma", (1, R(1, 2), 0, 1, R(1, 4)), {}),
    ],
    "discrete.lower_corrected_above": [("eta", (1, 2, 1, 1, NAN), {}), ("t", (-1, 2, 1, 1, R(1, 4)), {})],
    "discrete.lower_corrected_general": [
        ("t", (NEG, R(1, 2), 1, 1, R(1, 4)), {}),
        ("w0", (1, 0, 1, 1, R(1, 4)), {}),
    ],
    "discrete.upper_corrected": [
        ("lam", (1, R(1, 2), 1, 0, R(1, 4)), {}),
        ("sigma", (1, R(1, 2), -1, 1, R(1, 4)), {}),
    ],
    "discrete.sigma0_bound_printed": [
        ("w0", (1, 0, 1, 1), {}),
        ("t", (-1, 1, 1, 1), {}),
        ("lam", (1, 1, NEG, 1), {}),
    ],
    "discrete.x_map": [("x", (-1, 1), {}), ("s", (1, NAN), {})],
    "discrete.no_overshoot": [("w0", (0, 1, 1, 1), {}), ("eta", (1, 1, 1, -1), {})],
    "discrete.no_overshoot_condition": [("sigma", (1, NEG, 1, 1), {}), ("lam", (1, 1, 0, 1), {})],
    "discrete.upper_valid": [("lam", (1, 1, -1, 1), {}), ("w0", (INF, 1, 1, 1), {})],
    "discrete.upper_valid_condition": [("eta", (1, 1, 1, NEG), {})],
    "discrete.orbit_fate": [
        ("max_steps", (R(1, 2), 1, 1, 1), {"max_steps": -1}),
        ("w0", (0, 1, 1, 1), {}),
        ("sigma", (1, POS, 1, 1), {}),
    ],
    # ------------------------------------------------------------------ limits (Thm. 2)
    "limits.exponents": [("sigma", (0, 1, 1), {}), ("t", (1, -1, 1), {}), ("k", (1, 1, NEG), {})],
    "limits.mode_limit": [
        ("lam", (1, 0, 1, 2), {}),
        ("t", (1, 1, -F(1), 2), {}),
        ("k", (1, 1, 1, 0), {}),
        ("sigma", (NEG, 1, 1, 2), {}),
    ],
    "limits.step_limit_18": [("T", (1, 1, 1, 0), {}), ("sigma", (NAN, 1, 1, 1), {})],
    "limits.limit_at_infinity": [
        ("delta", (POS, NEG), {}),
        ("w", (sp.nan, POS), {}),
        ("delta", (POS, "x"), {}),
    ],
    "limits.log_w_scaled": [
        ("delta", (1, 1, 1, 1, 0), {}),
        ("prec", (1, 1, 1, 1, 1), {"prec": 0}),
        ("sigma", (POS, 1, 1, 1, 1), {}),
    ],
    "limits.log_limit_error": [("k", (1, 1, 1, 0, 1), {}), ("delta", (1, 1, 1, 1, -1), {})],
    "limits.w_scaled_naive": [("dps", (1, 1, 1, 1, 1, 0), {}), ("lam", (1, -1, 1, 1, 1, 15), {})],
    "limits.rescaled_limit": [("s", (0, 1), {}), ("tau", (F(1, 4), -1), {}), ("c", (F(1, 4), 1, 0), {})],
    "limits.rational_between": [("lo", (1.0, flint.arb(2)), {}), ("lo", (flint.arb(1), flint.arb(0)), {})],
    "limits.same_formula": [("a", (sp.nan, 1), {}), ("b", (1, "x"), {})],
    # ------------------------------------------------------------------ reduced-rank regression (4)
    "rrr.loss_up_to_constant": [
        ("W", (np.eye(2), np.eye(2), np.eye(3)), {}),
        ("Sx", (np.array([[NAN]]), np.eye(1), np.eye(1)), {}),
    ],
    "rrr.rrr_min_norm": [
        ("k", (np.eye(2), np.eye(2), -1), {}),
        ("Sx", (np.array([[1.0, 2], [3, 4]]), np.eye(2), 1), {}),
    ],
    "rrr.top_k": [("k", ([F(1)], -1), {}), ("scores", ([NAN], 1), {})],
    "rrr.rrr_diagonal": [
        ("lams", ([F(1)], [F(0)], 1), {}),
        ("sigmas", ([F(-1)], [F(1)], 1), {}),
        ("k", ([F(1)], [F(1)], 1.5), {}),
        ("lams", ([F(1)], [F(1), F(2)], 1), {}),
    ],
    "rrr.loss_diagonal": [("m", ([F(1)], [F(1)], [F(1), F(1)]), {}), ("lams", ([F(1)], [F(-1)], [F(1)]), {})],
    "rrr.rank_k_minimisers": [("lams", ([F(1)], [F(0)], 1), {}), ("k", ([F(1)], [F(1)], -1), {})],
    "rrr.rrr_min_norm_exact": [("sigmas", ([NAN], [F(1)], 1), {})],
    # ------------------------------------------------------------------ autoencoder (Sec. 4.2)
    "autoencoder.generate": [("s", ("x",), {})],
    "autoencoder.error_28": [
        ("norm", (np.eye(2), np.eye(2), np.eye(2)), {"norm": "nuc"}),
        ("W", (np.full((2, 2), NAN), np.eye(2), np.eye(2)), {}),
        ("B", (np.eye(2), np.eye(3), np.eye(2)), {}),
    ],
    "autoencoder.reconstruction_error": [("Sx", (np.eye(2), np.eye(3)), {})],
    "autoencoder.linear_mode": [
        ("w0", (0.0, 0.5, 2), {}),
        ("steps", (0.5, 0.5, -1), {}),
        ("x", (0.5, NAN, 2), {}),
    ],
    "autoencoder.two_layer_mode": [("q0", (-1.0, 0.5, 2), {}), ("x", (0.5, 0.0, 2), {})],
    "autoencoder.crossing_time": [("q", (np.ones((2, 2)),), {}), ("level", (np.ones(2),), {"level": NAN})],
    "autoencoder.phase_time_25": [("eta", (0, 1), {}), ("sigma", (1, NEG), {})],
    "autoencoder.step_time_limit": [("x", (0,), {}), ("x", (NAN,), {})],
    "autoencoder.run_experiment": [("every", (None,), {"every": 0}), ("s", ("x",), {})],
    # ------------------------------------------------------------------ geometry (paper 2)
    "geometry.balanced_dimension": [("d", (0, 2), {}), ("N", (2, NONINT), {})],
    "geometry.balanced_factors": [("rotations", ([1, 2], [E2]), {}), ("a", ([NAN, 1], [E2, E2]), {})],
    "geometry.cayley_rotation": [("K", (sp.ones(2, 2),), {}), ("K", (sp.ones(2, 3),), {})],
    "geometry.chart_density": [("P", (E2, E2, [2, 1], 2), {}), ("N", (E2, E2, [2, 1], 0, E2, E2), {})],
    "geometry.eigenvalue_diag": [("x", (-1, 2), {}), ("N", (4, 1.5), {})],
    "geometry.eigenvalue_diag_unnormalised": [("N", (4, 0), {}), ("N", (4, NONINT), {})],
    "geometry.eigenvalue_infinity": [("x", (0, 1), {}), ("x", (2, 2), {})],
    "geometry.eigenvalue_infinity_diag": [("x", (-1,), {})],
    "geometry.eigenvalue_quotient": [("x", (4, 4, 2), {}), ("N", (4, 1, R(3, 2)), {})],
    "geometry.eigenvalue_quotient_unnormalised": [("y", (4, -1, 2), {})],
    "geometry.eigenvalue_sum": [("N", (4, 1, 0), {}), ("N", (4, 1, NONINT), {}), ("x", (NAN, 1, 2), {})],
    "geometry.endtoend_arora": [("N", (E2, E2, E2, 0), {}), ("G", (E2, E2, M1, 2), {})],
    "geometry.endtoend_unnormalised": [("N", (E2, E2, E2, 2.5), {}), ("P", (sp.ones(2, 3), E2, E2, 2), {})],
    "geometry.entropy": [("sigmas", ([1, 0], 2), {}), ("N", ([4, 1], 0), {})],
    "geometry.exact_det": [("M", (sp.ones(2, 3),), {}), ("M", (sp.Matrix([[sp.nan]]),), {})],
    "geometry.factor_flow": [("Ws", ([], E2), {}), ("G", ([E2], M1), {})],
    "geometry.haar_volume": [("d", (0,), {}), ("d", (1.5,), {})],
    "geometry.metric_matrix": [("N", (E2, E2, E2, E2, 0), {}), ("U", (E2, E2, M1, E2, 2), {})],
    "geometry.metric_operator": [("Z", (E2, E2, M1, 2), {}), ("N", (E2, E2, E2, -1), {})],
    "geometry.orbit_density": [("sigmas", ([0], 2), {}), ("sigmas", ([-1], 2), {})],
    "geometry.orbit_volume": [("sigmas", ([1, -1], 2), {})],
    "geometry.sv_rate": [("sigma", (-1, 2), {}), ("N", (4, 0), {}), ("N", (4, NONINT), {})],
    "geometry.sv_rate_infinity": [("sigma", (NAN,), {})],
    "geometry.sv_rate_unnormalised": [("N", (4, 1.5), {})],
    "geometry.svd_chart": [("sigmas", (E2, E2, [1]), {}), ("V", (E2, M1, [2, 1]), {})],
    "geometry.tridiagonal_det": [("x", (4, 4, 2), {}), ("n", (4, 1, -1), {})],
    "geometry.vandermonde": [("xs", ([NAN, 1],), {}), ("xs", ([sp.I, 1],), {})],
    "geometry.volume_density": [
        ("sigmas", ([1, NAN], 2), {}),
        ("N", ([4, 1], 0), {}),
        ("N", ([4, 1], NEG), {}),
    ],
    "geometry.volume_density_infinity": [("sigmas", ([],), {}), ("sigmas", ([2, -1],), {})],
    # ------------------------------------------------------------------ completion (paper 2)
    "completion.balanced_init": [
        ("runs", (0, 2, 0.1, 0), {}),
        ("scale", (1, 2, 0.0, 0), {}),
        ("seed", (1, 2, 0.1, -1), {}),
        ("d", (1, 1.5, 0.1, 0), {}),
    ],
    "completion.diagonal_problem": [("runs", (0, 2), {}), ("d", (1, 0), {})],
    "completion.effective_rank": [
        ("W", (np.zeros((2, 2)),), {}),
        ("W", (np.full((2, 2), NAN),), {}),
        ("W", (sp.zeros(2, 2),), {}),
    ],
    "completion.eigen_matrix": [
        ("N", (np.ones((1, 2)), 0), {}),
        ("N", (np.ones((1, 2)), 2.5), {}),
        ("s", (np.array([[NAN, 1.0]]), 2), {}),
        ("s", (np.array([[-1.0, 1.0]]), 2), {}),
    ],
    "completion.flow_rhs": [
        ("W", (np.full((1, 2, 2), NAN), 2, A2, A2), {}),
        ("mask", (A2, 2, A1, A2), {}),
        ("N", (A2, 0, A2, A2), {}),
    ],
    "completion.loss": [("B", (A2, A2, A1), {})],
    "completion.nuclear_norm_completion": [
        ("rho", (np.eye(2), np.eye(2)), {"rho": 0.0}),
        ("tol", (np.eye(2), np.eye(2)), {"tol": -1.0}),
        ("maxiter", (np.eye(2), np.eye(2)), {"maxiter": 0}),
        ("B", (np.eye(2), np.eye(3)), {}),
    ],
    "completion.rk4": [
        ("h", (A2, 2, A2, A2, 1.0, 0.0), {}),
        ("T", (A2, 2, A2, A2, -1.0, 0.1), {}),
        ("record", (A2, 2, A2, A2, 1.0, 0.1), {"record": -1}),
        ("N", (A2, 0, A2, A2, 1.0, 0.1), {}),
    ],
    "completion.rk4_depths": [
        ("depths", (A2, (), A2, A2, 1.0, 0.1), {}),
        ("depths", (A2, (0,), A2, A2, 1.0, 0.1), {}),
        ("h", (A2, (2,), A2, A2, 1.0, 0.0), {}),
    ],
    "completion.svd2": [("W", (np.ones((1, 3, 3)),), {}), ("W", (np.full((1, 2, 2), INF),), {})],
    # ------------------------------------------------------------------ Assump. 1 and (27)
    "assumption.defect_B": [("Sx", (NSYM, E2), {}), ("U", (E2, M1), {})],
    "assumption.defect_min": [("Sxy", (E2, sp.ones(3, 1)), {})],
    "assumption.delta_x_corrected": [("Sx", (sp.zeros(2, 2),), {})],
    "assumption.delta_x_printed": [("X", (sp.zeros(2, 1),), {})],
    "assumption.delta_x_sup": [("d", (0,), {}), ("d", (NONINT,), {})],
    "assumption.delta_x_unscaled": [("X", (sp.Matrix([[NAN]]),), {})],
    "assumption.delta_xy_min": [("Sx", (sp.zeros(2, 2), E2), {})],
    "assumption.delta_xy_printed": [("Sx", (sp.zeros(2, 2), E2), {})],
    "assumption.delta_xy_sup": [("d", (-1,), {})],
    "assumption.deltas_from_moments": [
        ("n", (np.eye(2), np.eye(2), 0), {}),
        ("G", (np.zeros((2, 2)), np.eye(2), 1), {}),
        ("C", (np.eye(2), np.eye(3), 1), {}),
        ("rank_tol", (np.eye(2), np.eye(2), 1), {"rank_tol": -1.0}),
    ],
    "assumption.deltas_numeric": [
        ("Y", (np.eye(2), np.eye(3)), {}),
        ("X", (np.full((2, 2), INF), np.eye(2)), {}),
    ],
    "assumption.eigenprojectors": [("G", (NSYM,), {})],
    "assumption.evaluate": [
        ("matrices", (sp.Integer(1), [M1]), {}),
        ("matrices", (sp.Integer(1), {"X": sp.Matrix([[NAN]])}), {}),
    ],
    "assumption.frobenius": [("M", (sp.Matrix([[NAN]]),), {}), ("M", ([[1]],), {})],
    "assumption.spectral_projectors": [("Sxy", (sp.Matrix([[sp.zoo]]),), {})],
    "assumption.split_diagonal": [("M", (sp.ones(2, 3),), {})],
    # ------------------------------------------------------------------ certify: Arb, z3, exact helpers
    "certify.arbmat.metric_det_enclosure": [
        ("U", (sp.ones(2, 3), E2, [2, 1], 2, 64), {}),
        ("U", (sp.Matrix([[X, 0], [0, 1]]), E2, [2, 1], 2, 64), {}),
        ("V", (E2, sp.eye(3), [2, 1], 2, 64), {}),
        ("sigmas", (E2, E2, [1], 2, 64), {}),
        ("sigmas", (E2, E2, [1, 0], 2, 64), {}),
        ("N", (E2, E2, [2, 1], 0, 64), {}),
        ("prec", (E2, E2, [2, 1], 2, 0), {}),
    ],
    "certify.arbmat.to_z3": [
        ("expr", (sp.exp(X) > 0, {X: z3.Real("x")}), {}),
        ("expr", (object(), {}), {}),
        ("env", (X > 0, {}), {}),
        ("env", (X > 0, {"x": z3.Real("x")}), {}),
    ],
    "certify.balls.to_arb": [("expr", (X + 1,), {}), ("expr", (sp.nan,), {}), ("expr", (sp.Eq(X, 1),), {})],
    "certify.balls.enclose": [("prec", (1,), {"prec": 0}), ("expr", (sp.oo,), {}), ("expr", (sp.zoo,), {})],
    "certify.balls.certified_sign": [
        ("prec", (1,), {"prec": -1}),
        ("maxprec", (1,), {"prec": 64, "maxprec": 32}),
        ("expr", (sp.Matrix([[1]]),), {}),
        ("expr", (sp.pi - X,), {}),
    ],
    "certify.coq.strip_comments": [("text", (b"(* *)",), {}), ("text", (None,), {})],
    "certify.coq.parse_vernacular": [("text", (["Theorem t : True."],), {})],
    "certify.coq.identically_zero": [("e", (sp.Eq(X, 0),), {}), ("e", (sp.nan,), {})],
    "certify.coq.same_statement": [("a", (X + 1, X > 0), {}), ("b", (X > 0, sp.Matrix([[1]])), {})],
    "certify.exact.cayley_orthogonal": [
        ("K", (sp.ones(2, 3),), {}),
        ("K", (E2,), {}),
        ("K", (np.zeros((2, 2)),), {}),
        ("K", (sp.Matrix([[0, NAN], [-NAN, 0]]),), {}),
    ],
    "certify.exact.exact_pinv": [
        ("M", (sp.Matrix([[0.5]]),), {}),
        ("M", (np.eye(2),), {}),
        ("M", (sp.Matrix([[sp.zoo]]),), {}),
    ],
    "certify.exact.first_nonzero_entry": [("M", ([[1]],), {}), ("M", (sp.Matrix([[sp.zoo]]),), {})],
    "certify.exact.is_exactly_zero": [
        ("M", (sp.nan,), {}),
        ("M", (sp.Matrix([[sp.oo]]),), {}),
        ("M", ("x",), {}),
    ],
    "certify.exact.rational_function": [
        ("expr", (X > 0, [X]), {}),
        ("symbols", (X, [X, X]), {}),
        ("symbols", (X, [1]), {}),
        ("fmpq", (X, [X]), {"fmpq": 1}),
    ],
    "certify.exact.rational_matrix": [
        ("rows", ([[1], [1, 2]],), {}),
        ("rows", ([[0.5]],), {}),
        ("rows", ([["nan"]],), {}),
        ("rows", ("12",), {}),
    ],
    "certify.exact.to_fraction": [("x", (sp.sqrt(2),), {}), ("x", (NAN,), {}), ("x", ("1/2",), {})],
    "certify.logspace.q": [("x", (NAN,), {}), ("x", (sp.pi,), {})],
    "certify.logspace.enclose_w_scaled": [
        ("sigma", (0, 1, 1, 1, 1), {}),
        ("t", (1, 1, -1, 1, 1), {}),
        ("k", (1, 1, 1, 0, 1), {}),
        ("delta", (1, 1, 1, 1, INF), {}),
        ("prec", (1, 1, 1, 1, 1), {"prec": 0}),
    ],
    "certify.logspace.enclose_log_error": [("lam", (1, -1, 1, 1, 1), {}), ("k", (1, 1, 1, NAN, 1), {})],
    "certify.modes.to_ball": [
        ("x", ("nan",), {}),
        ("x", ("abc",), {}),
        ("x", (0.5,), {}),
        ("x", (flint.arb("nan"),), {}),
    ],
    "certify.modes.iterate_mode": [
        ("update", (None, "1/2", "1/4", 1), {}),
        ("m0", (_update, "inf", "1/4", 1), {}),
        ("steps", (_update, "1/2", "1/4", -1), {}),
        ("prec", (_update, "1/2", "1/4", 1), {"prec": 0}),
    ],
    "certify.modes.crossing": [("qs", (5, "1/2"), {}), ("level", ([flint.arb(1)], "x"), {})],
    "certify.modes.sym_eigenvalues": [
        ("S", ([[1.0, 2.0]],), {}),
        ("S", ([[NAN]],), {}),
        ("S", ([[1.0, 2.0], [0.0, 1.0]],), {}),  # not symmetric
        ("prec", ([[1.0]],), {"prec": 0}),
    ],
    "certify.nuclear.prove_min_nuclear_2x2": [
        ("a", (A > 0, 1, B), {}),
        ("b", (A > 0, A, A), {}),
        ("segment", (A + B, A, B), {}),
        ("segment", (X > 0, A, B), {}),
    ],
    "certify.ode.enclose_flow": [
        ("F", (None, [F(1)], F(1), F(1, 4)), {}),
        ("y0", (_flow, [], F(1), F(1, 4)), {}),
        ("y0", (_flow, [NAN], F(1), F(1, 4)), {}),
        ("t_end", (_flow, [F(1)], F(-1), F(1, 4)), {}),
        ("h", (_flow, [F(1)], F(1), 0), {}),
        ("max_inflations", (_flow, [F(1)], F(1), F(1, 4)), {"max_inflations": -1}),
    ],
    "certify.ode.enclose_flow_taylor2": [
        ("G", (_flow, None, [F(1)], F(1), F(1, 4)), {}),
        ("h", (_flow, _flow, [F(1)], F(1), F(-1, 4)), {}),
        ("prec", (_flow, _flow, [F(1)], F(1), F(1, 4)), {"prec": 0}),
    ],
    "certify.ode.poly_field": [
        ("exprs", ([sp.exp(Y)], [Y]), {}),
        ("exprs", ([sp.sqrt(2) * Y], [Y]), {}),
        ("exprs", (Y, [Y]), {}),
        ("syms", ([Y], [Y, Y]), {}),
    ],
    "certify.offblock.certified_delta_xy_min": [
        ("G", (np.ones((2, 3)), np.ones((2, 1))), {}),
        ("G", (np.zeros((2, 2)), np.ones((2, 1))), {}),
        ("G", (np.array([[1, 2], [0, 1]]), np.ones((2, 1))), {}),
        ("G", (np.eye(2) / 2, np.ones((2, 1))), {}),
        ("C", (np.eye(2), np.ones((3, 1))), {}),
        ("C", (np.eye(2), np.full((2, 1), NAN)), {}),
        ("prec", (np.eye(2), np.ones((2, 1))), {"prec": 0}),
    ],
    "certify.monotone.float_enclosure": [("x", (flint.arb("nan"),), {}), ("x", (0.5,), {})],
    "certify.monotone.iterate_float": [
        ("s", (np.array([[NAN, NAN]]), np.array([[1.0, 1.0]]), np.array([[0.5, 0.5]]), 10), {}),
        ("s", (np.array([[0.2, 0.1]]), np.array([[1.0, 1.0]]), np.array([[0.5, 0.5]]), 10), {}),
        ("nsteps", (np.array([[0.1, 0.1]]), np.array([[1.0, 1.0]]), np.array([[0.5, 0.5]]), -1), {}),
        ("mode", (np.array([[0.1, 0.1]]), np.array([[1.0, 1.0]]), np.array([[0.5, 0.5]]), 10), {"mode": 7}),
        ("threads", (np.array([[0.1, 0.1]]), np.array([[1.0, 1.0]]), np.array([[0.5, 0.5]]), 10),
         {"threads": 0})],
    "certify.monotone.iterate_float_plain": [
        ("s", (np.array([NAN]), np.array([1.0]), np.array([0.5]), 10), {}),
        ("nsteps", (np.array([0.1]), np.array([1.0]), np.array([0.5]), -1), {})],
    "certify.monotone.iterate_arb": [("s", ("-1/10", "1", "1/2", 10), {}), ("s", ("1/2", "1", "1/2", 10), {}),
                                     ("nsteps", ("1/10", "1", "1/2", -2), {}),
                                     ("prec", ("1/10", "1", "1/2", 10), {"prec": 0})],
    "certify.monotone.iterate_certified": [("s", ([F(-1, 10)], [F(1)], [F(1, 2)], 10), {})],
    "certify.rescaled.threshold": [("s", (0,), {}), ("s", ("nan",), {}), ("prec", (1,), {"prec": 0})],
    "certify.rescaled.limit_zero_certificate": [
        ("s", (-1, 1, 1), {}),
        ("c", ("1/4", 0, 1), {}),
        ("tau", ("1/4", 1, -1), {}),
        ("max_doublings", ("1/4", 1, 1), {"max_doublings": -1}),
    ],
    "certify.rescaled.limit_one_certificate": [("tau", ("1/4", NAN), {}), ("s", (flint.arb(-1), 5), {})],
    "certify.rescaled.limit_not_one_certificate": [("c", ("1/4", -1), {}), ("s", (INF, 1), {})],
    "certify.rescaled.half_rise_window": [
        ("theta", ("1/10", 1), {"theta": "3/4"}),
        ("theta", ("1/10", 1), {"theta": 0}),
        ("s", (flint.arb(1) / 10, 1), {}),
        ("c", ("1/10", 0), {}),
    ],
    "certify.rescaled.f_map": [
        ("x", (NAN, flint.arb(1)), {}),
        ("x", ("1/2", flint.arb(1)), {}),
        ("s", (flint.arb(1), flint.arb(-1)), {}),
    ],
    "certify.rescaled.image": [
        ("iv", ((flint.arb(1), flint.arb(0)), flint.arb(1)), {}),
        ("iv", ((flint.arb(0), flint.arb(3)), flint.arb(1)), {}),
        ("iv", (flint.arb(0), flint.arb(1)), {}),
        ("s", (IV, flint.arb(-1)), {}),
        ("s", (IV, 1), {}),
    ],
    "certify.rescaled.fixed_point_trap": [("s", (1,), {}), ("s", (0,), {}), ("prec", ("1/2",), {"prec": 0})],
    "certify.rescaled.basin_steps": [
        ("targets", (IV, "1/2", []), {}),
        ("targets", (IV, "1/2", [(1, 0)]), {}),
        ("start", ((flint.arb(1), flint.arb(0)), "1/2", [IV]), {}),
        ("start", ((flint.arb(0), flint.arb(2)), "1/2", [IV]), {}),
        ("start", ((0, 1), "1/2", [IV]), {}),
        ("max_steps", (IV, "1/2", [IV]), {"max_steps": -1}),
    ],
    "certify.rescaled.limit_one_beyond_c1": [("tau", ("1/2", 1, -1), {}), ("c", ("1/2", 0, 2), {})],
    "certify.rescaled.orbit_x": [
        ("delta", ("1/2", 1, -1, 3), {}),
        ("delta", ("1/2", 1, 1.5, 3), {}),
        ("steps", ("1/2", 1, 10, -1), {}),
        ("s", (0, 1, 10, 3), {}),
    ],
    "certify.rescaled.two_cycle_certificate": [
        ("s", (flint.arb(1), 1, 2), {}),
        ("c", ("11/10", -1, 2), {}),
        ("p0", ("11/10", 1, 2), {"p0": 0}),
        ("deltas", ("11/10", 1, 2), {"deltas": (-1,)}),
    ],
    "certify.smt.prove": [
        ("claim", (z3.Real("x") + 1,), {}),
        ("claim", (X > 0,), {}),
        ("timeout_ms", (z3.BoolVal(True),), {"timeout_ms": 0}),
    ],
}

CASES = [
    pytest.param(fn, name, args, kw, id=f"{fn}-{name}-{k}")
    for fn, cases in BAD.items()
    for k, (name, args, kw) in enumerate(cases)
]


def test_every_public_function_has_domain_cases() -> None:
    """A new public function without a domain test fails here (and no stale entry survives); a
    function without parameters has no domain to leave."""
    public = set(public_functions()) - set(parameterless())
    assert len(public) > 150
    assert sorted(public - set(BAD)) == []
    assert sorted(set(BAD) - public) == []


def test_certify_modules_are_covered() -> None:
    """Every public module of ``symdln.certify`` is in the generated list unless excluded with a
    reason, and an exclusion names a module that exists."""
    names = set(CERTIFY_PUBLIC)
    assert len(names) > 10 and set(EXCLUDED) <= names and all(EXCLUDED.values())
    assert {f"certify.{n}" for n in names - set(EXCLUDED)} == set(CERTIFY)
    assert {f.rsplit(".", 1)[0] for f in BAD if f.startswith("certify.")} <= set(CERTIFY)


@pytest.mark.parametrize(("fn", "name", "args", "kw"), CASES)
def test_rejects_outside_domain(fn: str, name: str, args: tuple[Any, ...], kw: dict[str, Any]) -> None:
    with pytest.raises(ValueError, match=rf"(^|\W){re.escape(name)}(\W|$)") as info:
        _f(fn)(*args, **kw)
    assert "must" in str(info.value)


def test_message_names_parameter_domain_and_value() -> None:
    from symdln.continuous import logistic_mode

    with pytest.raises(ValueError, match=re.escape("sigma must be positive (sigma > 0), got -1")):
        logistic_mode(-1, 1, R(1, 2), 0)


def test_autoencoder_setting_rejects_bad_fields() -> None:
    from symdln.autoencoder import AutoencoderSetting

    for kw, name in (
        ({"d": 0}, "d"),
        ({"D": (1.0,)}, "D"),
        ({"eta": -0.1}, "eta"),
        ({"noise": NAN}, "noise"),
        ({"iterations": -1}, "iterations"),
        ({"delta": INF}, "delta"),
    ):
        with pytest.raises(ValueError, match=rf"^{name}"):
            AutoencoderSetting(**kw)


# ---------------------------------------------------------------------------------------------
# inside the domain: accepted, and exact in gives exact out


def _exact(x: Any) -> bool:
    """An exact value: a SymPy expression without Floats, a Fraction or an int (tuples elementwise)."""
    if isinstance(x, tuple):
        return all(_exact(y) for y in x)
    if isinstance(x, sp.MatrixBase):
        return all(_exact(y) for y in x)
    if isinstance(x, sp.Basic):
        return not x.atoms(sp.Float)
    return isinstance(x, (int, F)) and not isinstance(x, bool)


EXACT: list[tuple[str, tuple[Any, ...], Any]] = [
    ("limits.mode_limit", (1, 2, 1, 2), (R(1, 3), 2)),
    ("limits.mode_limit", (R(1), R(1), R(3, 4), R(1)), (1, R(1, 2))),
    ("limits.mode_limit", (1, 1, R(1, 4), 2), (0, R(3, 2))),
    ("limits.step_limit_18", (1, 1, 1, 1), R(1, 2)),
    ("limits.step_limit_18", (1, 3, 0, 1), 0),
    ("limits.exponents", (1, R(1, 2), 1), (0, 1)),
    ("discrete.rho", (1, 1), R(1, 4)),
    ("discrete.rho", (F(1, 4), F(1, 4)), R(16, 25)),
    ("discrete.u_step", (1, R(1, 4), 1), R(47, 81)),
    ("discrete.x_map", (R(4, 3), R(1, 3)), 0),
    ("discrete.product_step", (1, 1, 2, 1), 0),
    ("discrete.lower_corrected", (1, R(1, 4), R(1, 2), 1, R(1, 2)), R(25, 82)),
    ("discrete.sigma0_bound_printed", (1, 1, 1, 1), R(1, 2)),
    ("discrete.lower_printed", (0, R(1, 4), R(1, 2), 1, R(1, 2)), R(1, 2)),
    ("continuous.logistic_mode", (F(2), 1, F(1, 3), 0), R(1, 3)),
    ("continuous.w_inactive_16", (1, 0, 1), R(1, 3)),
    ("continuous.half_rise_time", (1, 1, R(1, 3)), sp.log(2) / 2),
    ("autoencoder.phase_time_25", (1, 4), R(1, 4)),
    ("autoencoder.step_time_limit", (R(1, 4),), 1 / sp.log(R(5, 4))),
    ("geometry.eigenvalue_sum", (4, 1, 2), R(3, 2)),
    ("geometry.eigenvalue_quotient", (9, 1, 2), 2),
    ("geometry.volume_density", ([4, 1], 2), 3),
    ("geometry.vandermonde", ([R(1, 2), R(1, 3)],), R(1, 6)),
    ("geometry.tridiagonal_det", (4, 1, 2), 21),
    ("assumption.delta_xy_sup", (4,), sp.sqrt(3) / 2),
]


@pytest.mark.parametrize(("fn", "args", "expected"), EXACT, ids=[f"{e[0]}{e[1]}" for e in EXACT])
def test_exact_inputs_give_exact_outputs(fn: str, args: tuple[Any, ...], expected: Any) -> None:
    out = _f(fn)(*args)
    assert _exact(out), out
    assert out == expected or sp.simplify(sp.sympify(out) - sp.sympify(expected)) == 0


def test_mode_limit_ints_not_float() -> None:
    from symdln.limits import mode_limit

    limit, rate = mode_limit(1, 2, 1, 2)
    assert isinstance(limit, sp.Rational) and isinstance(rate, sp.Rational)
    assert not isinstance(limit, float)


def test_fractions_stay_fractions() -> None:
    """The exact loops of the checks iterate Fractions: they are not turned into SymPy numbers."""
    from symdln.discrete import product_step
    from symdln.limits import mode_limit

    assert mode_limit(F(1), F(1), F(1), F(2)) == (F(1, 2), F(2))
    assert all(type(x) is F for x in mode_limit(F(1), F(1), F(1, 4), 2))
    assert type(product_step(F(1, 2), F(1), 1, F(1, 4))) is F


def test_floats_stay_floating() -> None:
    from symdln.discrete import rho
    from symdln.geometry import eigenvalue_sum

    assert isinstance(rho(0.5, 0.25), float)
    assert isinstance(eigenvalue_sum(4.0, 1.0, 2), sp.Float)


def test_symbols_pass_unless_contradicting() -> None:
    from symdln.continuous import w_active_16
    from symdln.geometry import volume_density
    from symdln.notation import delta, lam, sigma, t

    assert w_active_16(sigma, lam, delta, t).free_symbols == {sigma, lam, delta, t}
    plain = sp.Symbol("x")  # no assumptions: may be in the domain
    assert w_active_16(plain, lam, delta, t).has(plain)
    h = sp.Symbol("h", positive=True)
    assert volume_density([sp.Integer(4), sp.Integer(1)], 1 / h).has(h)
    with pytest.raises(ValueError, match="sigma"):
        w_active_16(NEG, lam, delta, t)


def test_boundary_values_inside_the_domain_are_accepted() -> None:
    """sigma = 0, t = 0, s = 0 are in the domain where the paper allows them."""
    from symdln.continuous import mode_rhs
    from symdln.discrete import product_step, rho, x_map
    from symdln.linear import solution_9

    assert product_step(R(1, 2), 0, 1, 1) == R(1, 8)
    assert rho(0, 0) == 1 and x_map(0, 0) == 0
    assert mode_rhs(0, 0, 0) == 0
    assert solution_9(M1, M1, Z1, 0) == Z1


def test_arb_balls_rejected_only_when_certainly_outside() -> None:
    from symdln.discrete import rho

    straddling = flint.arb(0, 1)  # [-1, 1]: may be positive
    assert rho(straddling, flint.arb(1) / 4) is not None
    with pytest.raises(ValueError, match="s"):
        rho(flint.arb(0), flint.arb(-1) / 4)


def test_validators_directly() -> None:
    assert v.positive("sigma", F(1, 2)) == R(1, 2)
    assert v.depth("N", math.inf, infinite=True) == math.inf
    with pytest.raises(ValueError, match="N"):
        v.depth("N", math.inf)
    with pytest.raises(ValueError, match=r"got nan"):
        v.nonnegative("t", sp.nan)
    with pytest.raises(ValueError, match="real"):
        v.real("x", 1 + 2j)
    with pytest.raises(ValueError, match="sigma"):
        v.positive("sigma", True)
    assert v.same_exact_type(1, 2.5) == (1, 2.5)


# ---------------------------------------------------------------------------------------------
# the certified kernels: kinds, boundaries, classes


def test_certify_kind_errors_are_also_type_errors() -> None:
    """An argument a kernel cannot handle raises a ValueError naming it that is also the TypeError the
    checks catch as "not decided here"."""
    from symdln.certify.arbmat import to_z3
    from symdln.certify.balls import certified_sign, to_arb

    for call in (lambda: to_arb(X), lambda: certified_sign(sp.zoo), lambda: certified_sign(sp.tanh(1)),
                 lambda: to_z3(sp.exp(X) > 0, {X: z3.Real("x")})):
        with pytest.raises(TypeError, match="expr must be") as info:
            call()
        assert isinstance(info.value, ValueError)


def test_certify_boundary_values_inside_the_domain_are_accepted() -> None:
    """tau = 0, t = 0, delta = 0, steps = 0, theta = 1/2, a zero expression and balls that straddle a
    bound are in the domain: accepted, with the results the kernels gave before."""
    from symdln.certify.balls import certified_sign
    from symdln.certify.logspace import enclose_w_scaled
    from symdln.certify.modes import crossing, iterate_mode
    from symdln.certify.ode import enclose_flow
    from symdln.certify.rescaled import (
        basin_steps,
        f_map,
        half_rise_window,
        image,
        limit_zero_certificate,
        orbit_x,
        threshold,
    )

    assert limit_zero_certificate("1/4", 1, 0)["kappa > 0"]
    w = enclose_w_scaled(1, 1, 0, 2, 10)  # t = 0: w_0 = e^{-2 delta}
    assert w.overlaps(flint.arb(-20).exp())
    assert len(orbit_x("1/2", 1, 0, 0)) == 1
    assert half_rise_window("1/10", 1, theta=F(1, 2))["theta"] == F(1, 2)
    assert certified_sign(0) is None and certified_sign(1, prec=8, maxprec=8) == 1
    assert len(iterate_mode(_update, "1/2", "1/4", 0)) == 1
    assert crossing([], "1/2") == (None, None)
    assert enclose_flow(_flow, [F(1)], 0, F(1, 4)) == []
    straddle = flint.arb(0, 1)  # [-1, 1]: may be positive
    assert threshold(flint.arb(1) / 4 + straddle / 8) is not None
    assert f_map(flint.arb(0), flint.arb(1)) == 0
    lo, hi = image((flint.arb(0), flint.arb(2)), flint.arb(1))  # the whole of [0, 1 + s]
    assert lo == 0 and not hi < flint.arb(32) / 27  # the maximum of f_1 on [0, 2], at x = 2/3
    assert basin_steps(IV, "1/2", [IV], max_steps=0) == {"N": 0, "pieces": 1}


def test_certify_classes_check_their_arguments() -> None:
    from symdln.certify.coq import CoqFile
    from symdln.certify.smt import Translation

    with pytest.raises(ValueError, match=r"^env must be"):
        Translation({"x": z3.Real("x")})
    with pytest.raises(ValueError, match=r"^text must be"):
        CoqFile().term(3)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match=r"^name must be a definition of the file \(none\)"):
        CoqFile().definition("f")
    with pytest.raises(TypeError, match=r"^e must be a SymPy expression or Boolean"):
        Translation()("x > 0")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"^e must be a SymPy expression or Boolean"):
        Translation()(sp.eye(2))
    assert Translation({X: z3.Real("x")}).prove(X > 0, X >= 0).status == "proved"
