"""Fig. 2 of paper 1: the Sec. 4.2 autoencoder, trace norm and errors of W^{(t)} for L = 1 and L = 2.

Left: the trace norm of W^{(t)} (L = 1) and of W_1^{(t)} W_2^{(t)} (L = 2), with
the step positions delta T_i of (25) (dotted) and the derived
delta / ln(1 + eta sigma_i) (dashed).  Right: (28) as printed, and the
reconstruction error e(W) = 1/(2n)||X - XW||_F^2 it stands in for.
"""

from __future__ import annotations

from typing import Any

from symdln.figures import Figure


def build_fig2() -> tuple[Any, dict[str, Any]]:
    """Run the experiment and draw Fig. 2; returns ``(figure, data)``."""
    import math

    import numpy as np
    from matplotlib.figure import Figure as MplFigure

    from symdln.autoencoder import AutoencoderSetting, phase_time_25, run_experiment, step_time_limit

    s = AutoencoderSetting()
    res = run_experiment(s)
    t = np.asarray(res["t"])
    lam = res["lambda"][: s.r]
    T25 = [s.delta * phase_time_25(s.eta, float(v)) for v in lam]
    tau = [s.delta * step_time_limit(s.eta * float(v)) for v in lam]
    fig = MplFigure(figsize=(11, 4))
    ax1, ax2 = fig.subplots(1, 2)
    tp = t[1:]  # log axis: t >= 1
    ax1.plot(tp, res["L1"]["trace_norm"][1:], label="L = 1: ||W||_*")
    ax1.plot(tp, res["L2"]["trace_norm"][1:], label="L = 2: ||W_1 W_2||_*")
    for k, (a, b) in enumerate(zip(T25, tau, strict=True)):
        ax1.axvline(a, color="grey", ls=":", lw=0.8, label="delta T_i (25)" if k == 0 else None)
        ax1.axvline(b, color="k", ls="--", lw=0.8,
                    label="delta / ln(1 + eta sigma_i)" if k == 0 else None)
    ax1.set_xscale("log")
    ax1.set_xlabel("iteration t")
    ax1.set_ylabel("trace norm")
    ax1.legend(fontsize=7)
    ax2.plot(tp, res["L1"]["err28_fro"][1:], label="(28), L = 1")
    ax2.plot(tp, res["L2"]["err28_fro"][1:], ls="--", label="(28), L = 2")
    ax2.plot(tp, res["L1"]["recon"][1:], label="e(W), L = 1")
    ax2.plot(tp, res["L2"]["recon"][1:], label="e(W), L = 2")
    ax2.set_yscale("log")
    ax2.set_xscale("log")
    ax2.set_xlabel("iteration t")
    ax2.set_ylabel("error")
    ax2.legend(fontsize=7)
    fig.suptitle(f"Sec. 4.2 autoencoder (seed {s.seed}, eta = {s.eta}, delta = {s.delta})")
    data = {
        "t": t,
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
    }
    return fig, data


FIGURES: tuple[Figure, ...] = (
    Figure("fig2_autoencoder", "Fig. 2: trace norm and errors of W^(t), L = 1 and 2 (Sec. 4.2)",
           build_fig2),
)
