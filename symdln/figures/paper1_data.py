r"""Fig. 2 of paper 1: the Sec. 4.2 autoencoder, trace norm and errors of :math:`W^{(t)}` for
L = 1 and L = 2 (:func:`symdln.autoencoder.run_experiment`: gradient descent on the matrices).

Left panel: :math:`\|W^{(t)}\|_*` (L = 1) and :math:`\|W_1^{(t)}W_2^{(t)}\|_*` (L = 2), with the
phase times :math:`\delta T_i = \delta/(\eta\lambda_i)` of (25) (dotted) and the derived step
positions :math:`\delta/\ln(1 + \eta\lambda_i)` (dashed), :math:`\lambda_i` the eigenvalues of
:math:`\Sigma_x` (:math:`=\sigma_i` for an autoencoder).  Right panel: (28) as printed,
:math:`\|W^{(t)} - BDB^\top\|_F`, and the reconstruction error
:math:`e(W) = \frac{1}{2n}\|X - XW\|_F^2` it stands in for.  The iterations shown are a
log-spaced subset of every iteration computed.

Claims illustrated: ``fig2.reproduce``, ``sec42.steps``, ``sec42.continuous``, ``sec42.eq28``,
``sec42.phase_times``, ``eq21.simultaneous``.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from symdln.figures import Figure
from symdln.figures._style import Table, figure_style, new_figure

__all__ = ["COLUMNS", "FIGURES", "build_fig2", "shown_iterations"]

#: the columns of the CSV
COLUMNS = ("panel", "quantity", "L", "component i", "iteration t", "value [dimensionless]")
_QUANTITIES = (("trace norm", "trace_norm"), ("error (28), Frobenius", "err28_fro"),
               ("reconstruction error e(W)", "recon"))


def shown_iterations(iterations: int, n: int = 300) -> np.ndarray:
    """About ``n`` log-spaced iterations in 1..``iterations`` (unique integers, both ends included).

    >>> shown_iterations(6000, 5).tolist()
    [1, 9, 77, 682, 6000]
    """
    return np.unique(np.round(np.geomspace(1, iterations, n)).astype(int))


def build_fig2() -> tuple[Any, dict[str, Any]]:
    """Run the experiment and draw Fig. 2; returns ``(figure, data)``."""
    from symdln.autoencoder import AutoencoderSetting, phase_time_25, run_experiment, step_time_limit

    s = AutoencoderSetting()
    res = run_experiment(s)
    idx = shown_iterations(s.iterations)
    t = np.asarray(res["t"])[idx]
    lam = res["lambda"][: s.r]
    T25 = [s.delta * phase_time_25(s.eta, float(v)) for v in lam]
    tau = [s.delta * step_time_limit(s.eta * float(v)) for v in lam]
    rows: list[tuple[Any, ...]] = []
    for panel, (quantity, key) in zip(("left", "right", "right"), _QUANTITIES, strict=True):
        for L in (1, 2):
            ys = np.asarray(res[f"L{L}"][key])[idx]
            rows += [(panel, quantity, L, None, int(a), float(b)) for a, b in zip(t, ys, strict=True)]
    for i, (a, b) in enumerate(zip(T25, tau, strict=True), start=1):
        rows.append(("left", "delta T_i = delta / (eta lambda_i) (25)", None, i, float(a), None))
        rows.append(("left", "delta / ln(1 + eta lambda_i) (derived)", None, i, float(b), None))
    with figure_style():
        fig = new_figure(10.0, 4.0)
        ax1, ax2 = fig.subplots(1, 2, sharex=True)
        ax1.plot(t, res["L1"]["trace_norm"][idx], color="C0", label=r"$L = 1$: $\|W^{(t)}\|_*$")
        ax1.plot(t, res["L2"]["trace_norm"][idx], color="C1",
                 label=r"$L = 2$: $\|W_1^{(t)}W_2^{(t)}\|_*$")
        for k, (a, b) in enumerate(zip(T25, tau, strict=True)):
            ax1.axvline(a, color="0.5", ls=":", lw=0.9,
                        label=r"$\delta T_i = \delta/(\eta\lambda_i)$ (25)" if k == 0 else None)
            ax1.axvline(b, color="k", ls="--", lw=0.8,
                        label=r"$\delta/\ln(1 + \eta\lambda_i)$ (derived)" if k == 0 else None)
        ax1.set(xscale="log", xlabel=r"iteration $t$", ylabel="trace norm",
                title=r"trace norm of $W^{(t)}$")
        ax1.legend(loc="upper left")
        ax2.plot(t, res["L1"]["err28_fro"][idx], color="C0",
                 label=r"(28) $\|W^{(t)} - BDB^\top\|_F$, $L = 1$")
        ax2.plot(t, res["L2"]["err28_fro"][idx], color="C1", label=r"(28), $L = 2$")
        ax2.plot(t, res["L1"]["recon"][idx], color="C0", ls="--",
                 label=r"$e(W) = \frac{1}{2n}\|X - XW\|_F^2$, $L = 1$")
        ax2.plot(t, res["L2"]["recon"][idx], color="C1", ls="--", label=r"$e(W)$, $L = 2$")
        ax2.set(xscale="log", yscale="log", xlabel=r"iteration $t$", ylabel="error",
                title="reconstruction errors")
        ax2.legend(loc="lower left")
        fig.suptitle(rf"Fig. 2 (Sec. 4.2 autoencoder, $d = {s.d}$, $n = {s.n}$, $r = {s.r}$): "
                     rf"$\eta = {s.eta:g}$, $W_1(0) = W_2(0) = e^{{-\delta}}I$, $\delta = {s.delta:g}$, "
                     rf"seed {s.seed}")
    data = {
        "t": np.asarray(res["t"]),
        "shown_t": t,
        "trace_norm_L1": res["L1"]["trace_norm"],
        "trace_norm_L2": res["L2"]["trace_norm"],
        "err28_fro_L1": res["L1"]["err28_fro"],
        "err28_fro_L2": res["L2"]["err28_fro"],
        "err28_spec_L2": res["L2"]["err28_spec"],
        "recon_L1": res["L1"]["recon"],
        "recon_L2": res["L2"]["recon"],
        "lambda": lam,
        "delta_T_25": T25,
        "delta_tau": tau,
        "BDBt_eigs": res["BDBt_eigs"],
        "setting": res["setting"],
        "norm_BDBt_spec": float(res["BDBt_eigs"][0]),
        "e^{-2 delta}": math.exp(-2 * s.delta),
        "table": Table.from_rows(COLUMNS, rows),
    }
    return fig, data


FIGURES: tuple[Figure, ...] = (
    Figure("fig2_autoencoder", "Fig. 2: trace norm and errors of the iterates, L = 1 and 2 (Sec. 4.2)",
           build_fig2),
)
