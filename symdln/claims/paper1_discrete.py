"""Claims of Sec. 3.2 of paper 1: two-layer discrete dynamics, (22)-(26), Thm. 3, Cor. 3."""

from __future__ import annotations

from functools import partial

import sympy as sp

from symdln import discrete as core
from symdln.checks import discrete as d
from symdln.checks import discrete_c1 as c1
from symdln.checks import discrete_limits as lim
from symdln.checks import discrete_overshoot_judge as ovj
from symdln.checks import discrete_sketch as sk
from symdln.checks import q_condition as qcond
from symdln.checks import thm3_bounds as tb
from symdln.claims.record import Check, Claim, FormalProof
from symdln.correction import Correction, render_text
from symdln.notation import eta, lam, sigma, t, w, w0, w_next, w_t

_THM3_DOMAIN = ("Assump. 1 with epsilon = 0, initialisation of Thm. 1 (Q arbitrary invertible); "
                "1 <= i <= r_xy, 1 > w_i^(0) > 0, 2 eta sigma_i < 1, all t >= 0")

_ITERATE = "w_t the singular value of W_1^(t) W_2^(t) (the product recursion), every integer t >= 0"
_SIGMA0 = tb.SIGMA0  # sigma_i >= 0: the printed range r_xy <= i <= r_x has sigma_{r_xy} > 0 and sigma_i = 0
_PHI = (1 + sp.sqrt(5)) / 2
_RECURSION = "w_t and w_next: Thm. 3's w_i (the singular value of W_1 W_2) at steps t and t + 1"
_RECURSION_SYMBOLS = (w_t, w_next, sigma, lam, eta)
_INEQUALITIES = sp.And(1 - sk.X <= 1 / (1 + sk.X), 1 / (1 + sk.X) <= 1 - sk.X + sk.X**2)
_SIGMA0_BOUND = core.sigma0_bound_printed(t, w0, lam, eta)


def _judging(domain: str = "sigma > 0", horizon: bool = True) -> tuple[Check, ...]:
    iterates = Check("iterates", None,
                     "exact rational iterates of the derived recursion on the grid and the conditions' "
                     "boundaries, certified by arb; induction on u = 1/w - lambda/sigma (1/w for sigma = 0) "
                     "with the rate derived from the formula under test, its requirements proved by z3",
                     judge=partial(tb.judge_iterates, domain=domain))
    if not horizon:
        return (iterates,)
    return (iterates, Check("horizon", None,
                            "certified float64 endpoint iteration of u against u_0 g^t, g derived from the "
                            "formula under test: 100 parameter sets x 10^5 steps (instances; covered by "
                            "'iterates' where that is general; kept as a cross-check in independent "
                            "arithmetic)", judge=tb.judge_horizon, cross_check_of="iterates"))


CLAIMS: tuple[Claim, ...] = (
    Claim(
        id="sec32.step",
        paper="paper1",
        where="Sec. 3.2, display before (22)",
        statement=r"W_1^{(t+1)} = W_1^{(t)} - \eta(\Sigma_x W^{(t)} - \Sigma_{xy})(W_2^{(t)})^T, "
                  r"W_2^{(t+1)} = W_2^{(t)} - \eta (W_1^{(t)})^T(\Sigma_x W^{(t)} - \Sigma_{xy})",
        domain="L = 2, W = W_1 W_2, eta > 0",
        checks=(Check("derive", d.check_step_sec32,
                      "(5) with the gradient of (2) derived by matrix calculus over symbolic sizes, "
                      "L = 2; entrywise cross-check, exact"),),
        uses=("eq11.gradient",),
    ),
    Claim(
        id="thm3.form",
        paper="paper1",
        where="Sec. 3.2, Thm. 3 (first display) and Sec. B.5 reduction",
        statement=r"W_1^{(t)} = U diag(\sqrt{w_1^{(t)}}, ..., \sqrt{w_p^{(t)}}) Q, W_2^{(t)} = Q^{-1} "
                  r"diag(\sqrt{w_1^{(t)}}, ..., \sqrt{w_d^{(t)}}) V^T",
        domain="same assumptions as Thm. 1 (Q arbitrary invertible), epsilon = 0",
        checks=(Check("derive", None,
                      "the condition on Q judged both ways: one matrix GD step of Sec. 3.2 from the form at "
                      "35 exact Q and on the r = 2 families, exact polynomial arithmetic; for every r, the "
                      "truth Q Q^T = I derived from the step on matrices of symbolic sizes and the condition "
                      "proved equivalent to it by z3",
                      judge=qcond.judge_thm3_q),),
        uses=("sec32.step",),
        formula=qcond.PRINTED_CONDITION,
        correction=Correction(
            qcond.ORTHOGONAL_CONDITION,
            context="Q the r x r matrix of Thm. 3 (as in Thm. 1); read as: the GD iterates keep W_1 = U "
                    "diag(sqrt w_i) Q, W_2 = Q^{-1} diag(sqrt w_i) V^T for every d, p, U, V, Sigma_x, "
                    "Sigma_xy and w_i(0) iff this holds"),
        symbols=qcond.Q_SYMBOLS,
    ),
    Claim(
        id="eq22.recursion",
        paper="paper1",
        where="Sec. 3.2, eq. (22)",
        statement=r"w_i^{(t+1)} = w_i^{(t)} + \eta w_i^{(t)}(\sigma_i - \lambda_i w_i^{(t)} w_i^{(t)}), "
                  r"1 <= i <= r",
        domain="epsilon = 0, the initialisation of Thm. 3; w_i as in Thm. 3",
        checks=(Check("derive", None,
                      "derive the per-layer and the product recursion from the matrix step (every d, p, "
                      "r, in the algebra of U, V, Q and the diagonals); compare the formula under test "
                      "with the recursion of Thm. 3's w_i",
                      judge=d.judge_recursion),),
        uses=("thm3.form",),
        formula=sp.Eq(w_next, core.layer_step_22(w_t, sigma, lam, eta)),
        correction=Correction(sp.Eq(w_next, core.product_step(w_t, sigma, lam, eta)), context=_RECURSION),
        symbols=_RECURSION_SYMBOLS,
        formal=(FormalProof("proofs/coq/Recursion.v", "recursion_product", proves="identity"),),
    ),
    Claim(
        id="thm3.upper",
        paper="paper1",
        where="Sec. 3.2, Thm. 3, eq. (23) right",
        statement=r"w_i^{(t)} \le \frac{w_i^{(0)}}{(\sigma_i - \lambda_i w_i^{(0)}) "
                  r"e^{(-2\eta\sigma_i - \eta^2\sigma_i^2)t} + w_i^{(0)}\lambda_i}",
        domain=_THM3_DOMAIN,
        checks=_judging(),
        uses=("eq22.recursion",),
        formula=w_t <= core.upper_printed(t, w0, sigma, lam, eta),
        correction=Correction(
            sp.Equivalent(core.upper_valid_condition(w0, sigma, lam, eta),
                          w_t <= core.upper_corrected(t, w0, sigma, lam, eta)),
            context=f"{_ITERATE}; on the printed domain {render_text(tb.PRINTED_DOMAIN['sigma > 0'])}"),
        symbols=tb.SYMBOLS["sigma > 0"],
        formal=(FormalProof("proofs/coq/Thm3Upper.v", "thm3_upper_iff",
                            domain=tb.PRINTED_DOMAIN["sigma > 0"]),),
    ),
    Claim(
        id="thm3.lower",
        paper="paper1",
        where="Sec. 3.2, Thm. 3, eq. (23) left",
        statement=r"\frac{w_i^{(0)}}{(\sigma_i - \lambda_i w_i^{(0)}) "
                  r"e^{(-2\eta\sigma_i + 4\eta^2\sigma_i^2)t} + w_i^{(0)}\lambda_i} \le w_i^{(t)}",
        domain=_THM3_DOMAIN,
        checks=(
            *_judging(),
            Check("overshoot", None,
                  "the whole printed domain above the limit: exact iterates on the zero set (y0 = -1 and "
                  "its preimage p_1, rational and with sigma in Q(sqrt D)), the overshoot edge f(x0) = s, "
                  "the fixed point 2 + eta sigma, the grid beyond the corrected domain, and rational points "
                  "just either side of every edge and condition; where no point fails, each clause above "
                  "the limit is proved for all t by the induction on u (z3)",
                  judge=ovj.judge_overshoot),
        ),
        uses=("eq22.recursion",),
        formula=w_t >= core.lower_printed(t, w0, sigma, lam, eta),
        correction=Correction(
            sp.And(sp.Implies(lam * w0 <= sigma, w_t >= core.lower_corrected(t, w0, sigma, lam, eta)),
                   sp.Implies(sp.And(lam * w0 > sigma, core.no_overshoot_condition(w0, sigma, lam, eta)),
                              w_t >= core.lower_corrected_above(t, w0, sigma, lam, eta))),
            context=f"{_ITERATE}; on the printed domain {render_text(tb.PRINTED_DOMAIN['sigma > 0'])}"),
        symbols=tb.SYMBOLS["sigma > 0"],
        formal=(FormalProof("proofs/coq/Thm3Lower.v", "thm3_lower_corrected",
                            domain=tb.PRINTED_DOMAIN["sigma > 0"]),),
    ),
    Claim(
        id="thm3.sigma0",
        paper="paper1",
        where="Sec. 3.2, Thm. 3, last line",
        statement=r"w_i^{(t)} \le \frac{w_i^{(0)}}{1 + w_i^{(0)}\lambda_i\eta t} for r_{xy} \le i \le r_x",
        domain=_THM3_DOMAIN.replace("1 <= i <= r_xy", "r_xy <= i <= r_x"),
        checks=_judging("sigma >= 0", horizon=False),
        uses=("eq22.recursion",),
        formula=w_t <= _SIGMA0_BOUND,
        correction=Correction(
            sp.Implies(sp.Eq(_SIGMA0, 0), sp.Equivalent(eta * lam * w0 <= _PHI, w_t <= _SIGMA0_BOUND)),
            context=f"{_ITERATE}; sigma = 0 is r_xy < i <= r_x; on the printed domain "
                    f"{render_text(tb.PRINTED_DOMAIN['sigma >= 0'])}"),
        symbols=tb.SYMBOLS["sigma >= 0"],
        formal=(FormalProof("proofs/coq/Thm3Sigma0.v", "thm3_sigma0_iff",
                            domain=tb.PRINTED_DOMAIN["sigma >= 0"]),),
    ),
    Claim(
        id="eq24.identity",
        paper="paper1",
        where="Sec. 3.2, proof sketch of Thm. 3, eq. (24)",
        statement=r"w_i(t)^{-1} - \frac{\sigma_i}{\lambda_i} = (w_i(0)^{-1} - \frac{\sigma_i}{\lambda_i})"
                  r"e^{-2\eta\sigma_i t}",
        domain="the continuous w_i of (16) (Thm. 2 'indicates'), sigma_i > 0",
        checks=(Check("derive", None,
                      "the statement solved for w(t), checked against the per-mode flow derived from the "
                      "matrix dynamics (initial value, ODE by substitution); arb for a nonzero residual",
                      judge=sk.judge_mode_flow),),
        uses=("thm3.form",),
        formula=sp.Eq(1 / w(t) - sigma / lam, (1 / w0 - sigma / lam) * sp.exp(-2 * eta * sigma * t)),
        correction=Correction(
            sp.Eq(1 / w(t) - lam / sigma, (1 / w0 - lam / sigma) * sp.exp(-2 * sigma * t)),
            context="w(t) the continuous w_i of (16), t the time of the gradient flow (12)"),
        symbols=(w, t, w0, sigma, lam, eta),
    ),
    Claim(
        id="eq24.recursion",
        paper="paper1",
        where="Sec. 3.2, proof sketch of Thm. 3, display after (24)",
        statement=r"\frac{1}{w_i^{(t+1)}} - \frac{\lambda_i}{\sigma_i} = \frac{1}{w_i^{(t)}}"
                  r"\left(\frac{1}{1 + 2(\sigma_i - \lambda_i w_i^{(t)}) "
                  r"+ \eta^2(\sigma_i - \lambda_i w_i^{(t)})^2}\right) - \frac{\lambda_i}{\sigma_i}",
        domain="sigma_i > 0, the recursion of Thm. 3's w_i",
        checks=(Check("derive", None, "against the product recursion derived from the matrix step, exact",
                      judge=partial(d.judge_recursion, scope="general")),),
        uses=("eq22.recursion",),
        formula=sp.Eq(1 / w_next - lam / sigma,
                      1 / (w_t * sk.denominator_printed(w_t, sigma, lam, eta)) - lam / sigma),
        correction=Correction(sp.Eq(1 / w_next - lam / sigma,
                                    1 / (w_t * (1 + eta * (sigma - lam * w_t)) ** 2) - lam / sigma),
                              context=_RECURSION),
        symbols=_RECURSION_SYMBOLS,
    ),
    Claim(
        id="eq24.inequalities",
        paper="paper1",
        where="Sec. 3.2, proof sketch of Thm. 3",
        statement=r"1 - x \le \frac{1}{1+x} \le 1 - x + x^2 for any 1 \le x \le 0",
        domain="x real, 1 <= x <= 0 as printed",
        checks=(Check("z3", None, "z3: the range covers the x the proof needs (derived), the inequalities "
                      "hold on it, and (iff) fail off it", judge=sk.judge_inequalities),),
        formula=sp.Implies(sp.And(1 <= sk.X, sk.X <= 0), _INEQUALITIES),
        correction=Correction(sp.Equivalent(sk.X >= 0, _INEQUALITIES),
                              context="x > -1, where 1/(1 + x) is defined"),
    ),
    Claim(
        id="eq24.monotone",
        paper="paper1",
        where="Sec. 3.2, proof sketch of Thm. 3",
        statement=r"(w_i^{(t)}) is an increasing sequence smaller than one",
        domain="hypotheses of Thm. 3: 1 > w_i^(0) > 0, 2 eta sigma_i < 1",
        checks=(Check("iterate", None,
                      "exact iterates of the derived recursion; induction: z3 proves the base case, the "
                      "invariance and the step relations of the formula under test",
                      judge=sk.judge_invariant),),
        uses=("eq22.recursion",),
        formula=sp.And(w_next > w_t, w_t < 1),
        correction=Correction(sp.Implies(lam * w0 < sigma, sp.And(w_next > w_t, w_t < sigma / lam)),
                              context=_ITERATE + ", w_next = w^(t+1)"),
        symbols=(w_t, w_next, w0, sigma, lam, eta),
    ),
    Claim(
        id="eq25.times",
        paper="paper1",
        where="Sec. 3.2, eq. (25) and the sentence after it",
        statement=r"\eta T_i := \frac{1}{\sigma_i} \Rightarrow T_i := \frac{1}{\eta\sigma_i}; "
                  r"the i-th component is learned around time T_i",
        domain="m_i^(0) = n_i^(0) = e^{-delta}, time rescaled t -> delta t, delta -> infinity",
        checks=(Check("limits", None,
                      "certified limits at rescaled times on both sides of the candidate T (explicit "
                      "exponential bounds, arb), the threshold derived from the product recursion; certified "
                      "crossing times by endpoint iteration", judge=lim.judge_transition),),
        uses=("thm3.lower", "thm3.upper"),
        formula=1 / (eta * sigma),
        correction=Correction(
            1 / sp.log(1 + eta * sigma),
            context="T_i in units of delta: with w_0 = e^(-2 delta), w_i^(floor(delta tau)) -> 0 for "
                    "tau < T_i and -> sigma_i/lambda_i for tau > T_i as delta -> oo"),
        symbols=(eta, sigma),
        formal=(FormalProof("proofs/coq/Cor3.v", "threshold_above", proves="threshold"),
                FormalProof("proofs/coq/Cor3.v", "threshold_below", proves="threshold")),
    ),
    Claim(
        id="cor3.conditions",
        paper="paper1",
        where="Sec. 3.2, Cor. 3, hypotheses",
        statement=r"\eta < \frac{1}{2\sigma_1}, \eta < 2\frac{\sigma_i - \sigma_{i+1}}{\sigma_i^2}, "
                  r"\eta < \frac{\sigma_i - \sigma_{i+1}}{2\sigma_{i+1}^2}, 1 \le i \le r_{xy} - 1 "
                  r"(sufficient for (26))",
        domain="sigma_1 > ... > sigma_{r_xy} > 0, eta > 0",
        checks=(Check("z3", lim.check_cor3_conditions,
                      "z3 implications, SymPy log inequality, certified limits; sharp condition"),
                Check("c1", c1.check_cor3_c1,
                      "is C1 needed? z3: no period 2 of x -> x(1+s-x)^2 for s <= 1, Coppel's theorem "
                      "(cited); certified limits for 1/2 <= eta sigma_1 < 1; certified attracting "
                      "2-cycle for eta sigma_1 = 11/10")),
        uses=("eq25.times",),
        formal=(FormalProof("proofs/coq/Cor3.v", "cor3_sharp_sufficient", proves="sharp condition"),),
    ),
    Claim(
        id="cor3.limits",
        paper="paper1",
        where="Sec. 3.2, Cor. 3, eq. (26)",
        statement=r"w_i^{(\delta T_j)} \to 0 if i > r_{xy} or j < i; \to \sigma_i/\lambda_i if i \le r_{xy} "
                  r"and j > i (\delta \to \infty), T_0 := 0, T_j := 1/(\sigma_j\eta), "
                  r"T_j := +\infty (j > r_{xy})",
        domain="conditions of Cor. 3; m_i^(0) = n_i^(0) = e^{-delta}; 1 <= i < r_x",
        checks=(Check("limits", lim.check_cor3_limits,
                      "limits proved for every spectrum under the printed conditions (threshold theorem "
                      "derived in s and c; z3 places each T_j against tau*); certified limits on three "
                      "example spectra as instances"),),
        uses=("cor3.conditions", "eq25.times"),
    ),
)
