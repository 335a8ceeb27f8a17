"""Claims of Paper 2: depth-N geometry, the infinite-depth limit and matrix completion.

Only the abstract of paper 2 is available; the statements are those of the
notes (``dln-geometry-notes.md``), with the labels the notes quote.
"""

from __future__ import annotations

from collections.abc import Callable
from types import SimpleNamespace

import sympy as sp

from symdln import geometry as _geo
from symdln import notation as _P1
from symdln.checks import balanced as cb
from symdln.checks import balanced_entropy as cbe
from symdln.checks import geometry as cg
from symdln.checks import spectrum as csp
from symdln.checks import svdynamics as csd
from symdln.checks import volume as cvol
from symdln.claims.record import Check, Claim
from symdln.correction import Correction
from symdln.verdict import CheckResult


def _lazy(name: str) -> Callable[[], CheckResult]:
    """A completion check imported when run (keeps importing the registry free of numpy)."""

    def run() -> CheckResult:
        from symdln.checks import completion

        return getattr(completion, name)()

    run.__name__ = run.__qualname__ = name
    return run


def _lazy_judge(name: str) -> Callable[[sp.Basic], CheckResult]:
    """A completion judge imported when run (keeps importing the registry free of numpy)."""

    def judge(formula: sp.Basic) -> CheckResult:
        from symdln.checks import completion

        return getattr(completion, name)(formula)

    judge.__name__ = judge.__qualname__ = name
    return judge


cc = SimpleNamespace(
    **{
        n: _lazy(n)
        for n in (
            "check_arora_experiment",
            "check_brtw",
            "check_elliptope_3x3",
            "check_erank_rank1",
            "check_invariant_sets",
            "check_min_ranks_3x3",
            "check_min_set_3x3",
            "check_minimisers_2x2",
            "check_nuclear_2x2",
            "check_nuclear_bound_3x3",
            "check_outcomes_2x2",
            "check_outcomes_3x3",
            "check_proposal",
            "check_ranks_3x3",
            "check_shin_yun",
        )
    }
)

_NOTES = "notes"
_DLN = "W = W_N ... W_1, d x d, balanced factors W_{j+1}^T W_{j+1} = W_j W_j^T"

CLAIMS: tuple[Claim, ...] = (
    Claim(
        id="p2.flow.endtoend",
        paper="paper2",
        where="notes, Setting (Arora, Cohen, Hazan 2018)",
        statement=r"\dot W = -\sum_{j=1}^N (WW^T)^{(N-j)/N} E'(W) (W^TW)^{(j-1)/N}",
        domain=_DLN + "; gradient flow on the factors",
        checks=(
            Check(
                "derive",
                cg.check_endtoend,
                "the flow under test, term by term in symbolic N and j, against the end-to-end flow derived "
                "from the factor flow with matrices of symbolic size (every d, N); exact balanced points as "
                "tests",
            ),
            Check(
                "general N",
                cg.check_endtoend_general,
                "the lemmas of the all-N argument: gradient, telescoping step, powers (symbolic N, j)",
            ),
            Check(
                "deep",
                cg.check_endtoend_deep,
                "the exact induced-flow identity at N = 32, 64 (d = 2) and N = 8, 16, 32 (d = 3)",
                slow=True,
            ),
        ),
    ),
    Claim(
        id="p2.flow.balanced",
        paper="paper2",
        where="notes, Setting",
        statement=r"balancedness W_{j+1}^T W_{j+1} = W_j W_j^T is conserved by the factor flow",
        domain="any factors, any E",
        checks=(
            Check(
                "conserved",
                cg.check_balanced_conserved,
                "the factor flow under test is the gradient flow and d/dt of the balance defect "
                "expands to 0, with matrices of symbolic size (every d, N, j)",
            ),
        ),
    ),
    Claim(
        id="p2.flow.arora",
        paper="paper2",
        where="notes, Arora-Cohen-Hazan 2018, Thm. 1",
        statement=r"\dot W = -\sum_j (WW^T)^{(j-1)/N} \nabla l(W) (W^TW)^{(N-j)/N}; reindexing j -> N+1-j "
        r"gives the notes' form",
        domain=_DLN,
        checks=(Check("reindex", cg.check_arora_form,
                      "the flow under test matched to the derived end-to-end flow after the re-indexing "
                      "j -> N + 1 - j, symbolic N and j (every d, N)"),),
        uses=("p2.flow.endtoend",),
    ),
    Claim(
        id="p2.flow.normalisation",
        paper="paper2",
        where="notes, Setting",
        statement=r"the paper normalises by 1/N (time rescaled by N): \dot W = -A_{N,W}(E'(W)), "
        r"A_{N,W} = (1/N) \sum_j (WW^T)^{(N-j)/N} (.) (W^TW)^{(j-1)/N}",
        domain=_DLN,
        checks=(Check("relation", cg.check_normalisation,
                        "-N A_{N,W} = the induced flow, term by term in symbolic N and j; t -> N t"),),
        uses=("p2.flow.endtoend",),
    ),
    Claim(
        id="p2.metric.eigen",
        paper="paper2",
        where="notes, Lemma 2.4 (as quoted)",
        statement=r"A_{N,W} has eigenvectors U E_{il} V^T, eigenvalues "
        r"\lambda^N_{il} = (1/N)\sum_{j=1}^N (\sigma_i^2)^{(N-j)/N}(\sigma_l^2)^{(j-1)/N}",
        domain="W = U Sigma V^T full rank",
        checks=(Check("exact", csp.check_metric_eigen,
                      "A(U E_il V^T) = lambda U E_il V^T for every d and N (the formula at a symbolic N "
                      "against the summed eigenvalue); exact balanced points as a cross-check"),),
        uses=("p2.flow.normalisation",),
    ),
    Claim(
        id="p2.metric.quotient",
        paper="paper2",
        where="notes, Lemma 2.4 (as quoted)",
        statement=r"\lambda^N_{il} = (\sigma_i^2 - \sigma_l^2)/(N(\sigma_i^{2/N} - \sigma_l^{2/N})), i != l",
        domain="sigma_i != sigma_l",
        checks=(Check("sum", csp.check_metric_quotient, "equal to the operator's eigenvalue (symbolic N)"),),
        uses=("p2.metric.eigen",),
    ),
    Claim(
        id="p2.metric.diag",
        paper="paper2",
        where="notes, Lemma 2.4 (as quoted)",
        statement=r"\lambda^N_{ll} = \sigma_l^{2(N-1)/N}",
        domain="sigma_l > 0",
        checks=(Check("sum", csp.check_metric_diag, "the sum form at i = l"),),
        uses=("p2.metric.eigen",),
    ),
    Claim(
        id="p2.metric.unnormalised",
        paper="paper2",
        where="notes, Arora-Cohen-Hu-Luo 2019",
        statement=r"unnormalised: eigenvalues N\sigma_i^{2-2/N} on the diagonal and "
        r"(\sigma_i^2-\sigma_l^2)/(\sigma_i^{2/N}-\sigma_l^{2/N}) off it",
        domain="sigma_i != sigma_l off the diagonal",
        checks=(Check("factor N", csp.check_unnormalised_spectrum,
                      "the eigenvalues of the induced unnormalised operator (symbolic N)"),),
        uses=("p2.metric.eigen",),
    ),
    Claim(
        id="p2.limit.logmean",
        paper="paper2",
        where="notes, Spectrum (re-derived, Riemann sum)",
        statement=r"A_\infty(Z) = \int_0^1 (WW^T)^{1-s} Z (W^TW)^s ds, eigenvalues "
        r"(\sigma_i^2-\sigma_l^2)/(\log\sigma_i^2-\log\sigma_l^2) and \sigma_l^2 on the diagonal",
        domain="N -> infinity, W full rank",
        checks=(Check("series", csp.check_limit_logmean, "series in 1/N and the integral, exact"),),
        uses=("p2.metric.quotient", "p2.metric.diag"),
    ),
    Claim(
        id="p2.limit.needs_normalisation",
        paper="paper2",
        where="notes, surrounding literature",
        statement=r"a depth -> infinity limit needs the 1/N (in time or in the metric)",
        domain="sigma > 0",
        checks=(Check("limit", csp.check_unnormalised_diverges,
                      "the eigenvalue judged (symbolic N), then N sigma^{2-2/N} -> oo"),),
        uses=("p2.metric.unnormalised", "p2.limit.logmean"),
    ),
    Claim(
        id="p2.limit.rate",
        paper="paper2",
        where="issue: rate of the depth limit (derived here)",
        statement=r"\lambda^N_{il} = \lambda^\infty_{il} - "
        r"\lambda^\infty_{il}\log(\sigma_i\sigma_l)/N + O(1/N^2)",
        domain="W full rank",
        checks=(Check("series", csp.check_limit_rate, "first-order coefficient in 1/N; Arb enclosures"),),
        uses=("p2.limit.logmean",),
    ),
    Claim(
        id="p2.sv.finite",
        paper="paper2",
        where="notes, Singular-value dynamics (re-derived)",
        statement=r"d\sigma_i/dt = -\sigma_i^{2-2/N} dE/d\sigma_i (1/N normalisation)",
        domain="distinct singular values",
        checks=(Check("exact", csd.check_sv_finite,
                      "the rate at a symbolic N against the diagonal eigenvalue of A_{N,W} (every d) and "
                      "sigma_i' = u_i^T W' v_i; exact balanced points as a cross-check"),),
        uses=("p2.metric.eigen",),
    ),
    Claim(
        id="p2.sv.unnormalised",
        paper="paper2",
        where="notes, Arora-Cohen-Hu-Luo 2019",
        statement=r"d\sigma_r/dt = -N\sigma_r^{2-2/N}\langle\nabla l(W), u_r v_r^T\rangle",
        domain="distinct singular values",
        checks=(Check("exact", csd.check_sv_unnormalised,
                      "the rate at a symbolic N against the flow induced by the factors (every d); exact "
                      "balanced points as a cross-check"),),
        uses=("p2.metric.unnormalised",),
    ),
    Claim(
        id="p2.sv.infinity",
        paper="paper2",
        where="notes, Singular-value dynamics (re-derived)",
        statement=r"d\sigma_i/dt = -\sigma_i^2 dE/d\sigma_i at depth infinity",
        domain="distinct singular values",
        checks=(Check("exact", csd.check_sv_infinity, "diagonal eigenvalue of A_infinity"),),
        uses=("p2.limit.logmean",),
    ),
    Claim(
        id="p2.sv.paper1",
        paper="paper2",
        where="notes / issue: consistency with paper 1, (16) and (22)",
        statement=r"for N = 2 the two-layer dynamics (16)/(22) of paper 1 come out of this flow",
        domain="N = 2, paper 1 Assump. 1 with eps = 0, balanced (Q orthogonal)",
        checks=(
            Check("map", None, "ODE residuals and initial values of the stated w(t), and the stated step, "
                  "against the N = 2 flow derived from the two factors", judge=csd.judge_paper1_mapping),
            Check("rate", csd.check_paper1_rate,
                  "paper 2's unnormalised rate at N = 2 against the rate 2w derived from the factors"),
        ),
        uses=("p2.sv.unnormalised",),
        formula=sp.And(
            sp.Implies(csd.sigma0 > 0, csd.Eq_w(csd.w16(csd.sigma0, _P1.lam, _P1.delta, _P1.t))),
            sp.Implies(sp.Eq(csd.sigma0, 0), csd.Eq_w(csd.w16_zero(_P1.lam, _P1.delta, _P1.t))),
            csd.Eq_x(csd.step22(csd.x_t, csd.sigma0, _P1.lam, _P1.eta))),
        correction=Correction(
            sp.And(
                sp.Implies(csd.sigma0 > 0, csd.Eq_w(csd.w16(csd.sigma0, _P1.lam, _P1.delta, _P1.t))),
                sp.Implies(sp.Eq(csd.sigma0, 0), csd.Eq_w(csd.w16_zero_corrected(_P1.lam, _P1.delta, _P1.t))),
                csd.Eq_x(csd.step22(csd.x_t, csd.sigma0, _P1.lam, _P1.eta))),
            context="w(t): the singular value of W = W_1 W_2 under the unnormalised N = 2 flow, w(0) = "
                    "e^{-2 delta}; x_t, x_next: the per-factor value w^{1/2} at steps t, t + 1"),
        symbols=csd.PAPER1_MAP_SYMBOLS,
    ),
    Claim(
        id="p2.svd.jacobian",
        paper="paper2",
        where="notes, Volume form",
        statement=r"dW = van(\Sigma^2) d\Sigma dU dV, van(x) = \prod_{i<j}(x_i - x_j)",
        domain="sigma_1 > ... > sigma_d > 0, every d",
        checks=(Check("det", cvol.check_svd_jacobian, "the chart block diagonal for every d (symbolic size), "
                      "the formula compared block by block; exact determinants of the chart at d = 2, 3"),),
    ),
    Claim(
        id="p2.volume.finite",
        paper="paper2",
        where="notes, Theorem 1.1 and Lemma 2.7 (as quoted)",
        statement=r"dvol_{g^N} = N^{d(d-1)/2}\det(\Sigma^2)^{(1-N)/(2N)} van(\Sigma^{2/N}) d\Sigma dU dV",
        domain="sigma_1 > ... > sigma_d > 0, every d and N",
        checks=(Check("sqrt det g", cvol.check_volume_finite, "sqrt(det g) in SVD coordinates, block by "
                      "block for every d and N; exact determinants at d = 2, 3"),),
        uses=("p2.metric.eigen", "p2.svd.jacobian"),
    ),
    Claim(
        id="p2.volume.infinity",
        paper="paper2",
        where="notes, Volume form (re-derived)",
        statement=r"dvol_{g^\infty} = \det(\Sigma^2)^{-1/2} van(\log\Sigma^2) d\Sigma dU dV",
        domain="sigma_1 > ... > sigma_d > 0, every d",
        checks=(
            Check("sqrt det g", cvol.check_volume_infinity, "from the log-mean spectrum, block by block for "
                  "every d, and as a limit"),
        ),
        uses=("p2.limit.logmean", "p2.svd.jacobian", "p2.volume.finite"),
    ),
    Claim(
        id="p2.volume.rankdrop.finite",
        paper="paper2",
        where="notes, surrounding literature",
        statement=r"near a rank drop the finite-N volume density behaves like "
        r"\sigma_{min}^{(1-N)/N} (integrable)",
        domain="sigma_min -> 0, other singular values fixed and distinct; every d and N",
        checks=(Check("limit", cvol.check_rankdrop_finite, "exact limits of the density's factors (symbolic "
                      "other singular values and N, every d)"),),
        uses=("p2.volume.finite",),
    ),
    Claim(
        id="p2.volume.rankdrop.infinity",
        paper="paper2",
        where="notes, surrounding literature",
        statement=r"near a rank drop the depth-infinity volume density behaves like "
        r"1/\sigma_{min} (not integrable)",
        domain="sigma_min -> 0, other singular values fixed and distinct; every d",
        checks=(
            Check("limit", None, "the formula's limits as sigma_min -> 0 with the exact density put in "
                  "(every d, symbolic other singular values; exact at d = 2, 3, 4)",
                  judge=cvol.judge_rankdrop_infinity),
            Check("integral", cvol.check_rankdrop_infinity_integral,
                  "the improper integral over sigma_min near 0 diverges (every d; exact at d = 2, 3)"),
        ),
        uses=("p2.volume.infinity",),
        formula=sp.Eq(sp.Limit(cvol.sigma_min * cvol.rho_inf / cvol.rho_rest, cvol.sigma_min, 0, "+"), 1),
        correction=Correction(
            sp.Eq(sp.Limit(cvol.sigma_min * cvol.rho_inf
                           / ((2 * sp.log(1 / cvol.sigma_min)) ** (cvol.d_ - 1) * cvol.rho_rest),
                           cvol.sigma_min, 0, "+"), 1),
            context="rho_inf: the depth-infinity density at diag(sigma_1, ..., sigma_{d-1}, sigma_min), the "
                    "others fixed and distinct; rho_rest: the density at diag(sigma_1, ..., sigma_{d-1}); "
                    "the printed 1/sigma_min taken with the constant rho_rest (exact at d = 1)"),
        symbols=cvol.RANKDROP_SYMBOLS,
    ),
    Claim(
        id="p2.balanced.dimension",
        paper="paper2",
        where="notes, Menon and Yu (arXiv 2509.09088)",
        statement=r"the balanced manifold (full-rank factors) has dimension d^2 + (N-1) d(d-1)/2",
        domain="d x d factors of full rank",
        checks=(Check("rank", cb.check_balanced_dimension,
                      "regular value theorem, every step for every d and N (noncommutative words, entries "
                      "at symbolic indices); the formula for symbolic d, N; exact rank of the constraint "
                      "differential as a cross-check"),),
        uses=("p2.flow.balanced",),
    ),
    Claim(
        id="p2.balanced.submersion",
        paper="paper2",
        where="notes, Menon and Yu (arXiv 2509.09088)",
        statement=r"g^N is obtained by a Riemannian submersion from the balanced manifold",
        domain="full-rank balanced factors, Euclidean metric on the factors; g^N = Tr(Z^T A_{N,W}^{-1} Z) "
        "with the notes' 1/N-normalised A_{N,W}",
        checks=(
            Check(
                "exact",
                None,
                "the formula under test with the proved g_sub = g^N/N (horizontal lift "
                "d phi^*((N A_{N,W})^{-1} Z), every d and N >= 2) decided for symbolic g_N, N; exact "
                "horizontal lifts at balanced points (d = 2, 3, N = 2..5) and at W_j = I (N <= 24) as "
                "cross-checks and counterexamples",
                judge=cb.judge_submersion,
            ),
        ),
        uses=("p2.balanced.dimension", "p2.flow.normalisation"),
        formula=sp.Eq(cb.g_N / cb.g_sub, 1),
        correction=Correction(
            sp.Eq(cb.g_sub, cb.g_N / cb.N),
            context="g_sub: the metric obtained by the Riemannian submersion from the balanced manifold with "
                    "the Euclidean metric on the factors; g_N: the notes' g^N = Tr(Z^T A_{N,W}^{-1} Z), "
                    "1/N-normalised A_{N,W}; g^N itself comes from N x the Euclidean metric"),
        symbols=cb.SUBMERSION_SYMBOLS,
    ),
    Claim(
        id="p2.balanced.entropy",
        paper="paper2",
        where="notes, Menon and Yu (arXiv 2509.09088); formula not given in the notes, derived here",
        statement=r"an entropy / orbit-volume formula in terms of van(\Sigma^2) and the Vandermonde of the "
        r"factors' squared singular values. Not stated in the notes; derived and checked: the fibre of "
        r"(W_1..W_N) -> W_N...W_1 over W is an O(d)^{N-1} orbit of Euclidean volume "
        r"vol(O(d))^{N-1} 2^{(N-1)d(d-1)/4} \sqrt{van(\Sigma^2)/van(\Sigma^{2/N})}; "
        r"entropy = log of it = (1/2) log(van(\Sigma^2)/van(\Sigma^{2/N})) + const",
        domain="full-rank balanced factors, Euclidean metric, sigma_1 > ... > sigma_d > 0; Haar measure with "
        "orthonormal omega_ab = (Q^T dQ)_ab",
        checks=(
            Check(
                "orbit",
                cbe.check_balanced_entropy,
                "the density itself against sqrt(det Gram) of the orbit, for every d and N when written "
                "as a product over pairs (one tridiagonal block per pair, symbolic N); vol(O(d)) by the "
                "fibration induction; the coarea identity at the instances",
            ),
        ),
        uses=("p2.balanced.dimension", "p2.balanced.submersion", "p2.volume.finite"),
    ),
    Claim(
        id="p2.brtw.convergence",
        paper="paper2",
        where="notes, Bah-Rauhut-Terstiege-Westdickenberg",
        statement=r"the factor flow always converges to a critical point, and for almost every "
        r"initialisation "
        r"to a global minimiser of the loss restricted to some rank-k manifold, k <= r",
        domain="gradient flow on the factors",
        checks=(Check("observe", cc.check_brtw, "2 x 2 completion ensemble at finite T"),),
    ),
    Claim(
        id="p2.completion.minimisers",
        paper="paper2",
        where="notes, Matrix completion (2 x 2)",
        statement=r"W_11 = W_22 = 1 observed: minimisers [[1, a], [b, 1]]; rank-1 minimisers on ab = 1",
        domain="E(W) = 1/2 sum_Omega (W_ij - b_ij)^2, b = 1 on the diagonal",
        checks=(Check("exact", cc.check_minimisers_2x2, "sum of squares; det = 1 - ab"),),
    ),
    Claim(
        id="p2.completion.nuclear",
        paper="paper2",
        where="notes, surrounding literature (2 x 2)",
        statement=r"minimum-nuclear-norm completions: a = b in [-1, 1] (||W||_* >= |tr W| = 2); rank-1 ones "
        r"a = b = +-1",
        domain="2 x 2, diagonal observed = 1",
        checks=(Check("z3", cc.check_nuclear_2x2, "z3 proof over R"),),
        uses=("p2.completion.minimisers",),
    ),
    Claim(
        id="p2.completion.invariant",
        paper="paper2",
        where="notes, surrounding literature (2 x 2)",
        statement=r"symmetric and diagonal matrices are invariant sets of the end-to-end flow",
        domain="diagonal observations; W of full rank along the solution (there the flow has unique "
        "solutions, so tangency gives invariance)",
        checks=(Check("exact", cc.check_invariant_sets,
                      "the vector field is tangent for every d and N (the notes' A_{N,W} as a sum over the "
                      "layers: the end-to-end flow term by term, terms paired with their transposes by "
                      "j -> N + 1 - j, diagonal terms for diagonal W); exact at d = 2, 3, N = 1..5 as a "
                      "cross-check"),),
        uses=("p2.metric.eigen",),
    ),
    Claim(
        id="p2.completion.outcomes2x2",
        paper="paper2",
        where="notes, Matrix completion (reported secondhand)",
        statement=r"training outcomes cluster near the corners a = b = +-1, where the volume density on the "
        r"minimisers is largest; effective rank does not tell the rank-1 minimisers apart",
        domain="small balanced initialisation",
        checks=(
            Check("observe", cc.check_outcomes_2x2, "seeded ensemble per depth"),
            Check("erank", cc.check_erank_rank1, "effective rank of any rank-1 matrix is 1 (exact)"),
        ),
        uses=("p2.completion.minimisers",),
    ),
    Claim(
        id="p2.completion.ranks3x3",
        paper="paper2",
        where="issue / notes, 3 x 3 diagonal completion",
        statement=r"3 x 3 diagonal completion: all minimisers rank 2",
        domain="diagonal observed = 1",
        checks=(Check("exact", None, "the formula at the smallest and largest rank of a minimiser (exact: "
                      "unit diagonal, rank >= 1, attained ranks)", judge=_lazy_judge("judge_ranks_3x3")),),
        formula=sp.And(sp.Eq(_geo.r_min, 2), sp.Eq(_geo.r_max, 2)),
        correction=Correction(
            sp.And(sp.Eq(_geo.r_min, 1), sp.Eq(_geo.r_max, 3)),
            context="r_min, r_max: the smallest and the largest rank of a minimiser (observed diagonal 1); "
                    "rank 2 is attained too"),
        symbols=_geo.RANKS3X3_SYMBOLS,
    ),
    Claim(
        id="p2.completion.nuclear3x3",
        paper="paper2",
        where="notes, Matrix completion (3 x 3 diagonal completion) and the 2 x 2 bullet, carried to d = 3",
        statement=r"W_11 = W_22 = W_33 = 1 observed: ||W||_* >= tr W = 3 on the minimisers, with "
        r"equality iff W is symmetric PSD (a correlation matrix [[1, x, y], [x, 1, z], [y, z, 1]], PSD iff "
        r"|x|, |y|, |z| <= 1 and 1 + 2xyz - x^2 - y^2 - z^2 >= 0); rank 1 exactly at s s^T, "
        r"s in {+-1}^3, rank 2 on the rest of det = 0, rank 3 inside",
        domain="E(W) = 1/2 sum_i (W_ii - 1)^2, 3 x 3",
        checks=(
            Check("bound", cc.check_nuclear_bound_3x3, "tr W <= ||W||_*: per-term step exact and z3"),
            Check("elliptope", cc.check_elliptope_3x3, "characteristic polynomial; z3"),
            Check("min set", cc.check_min_set_3x3, "z3; exact / Arb nuclear norms at rational minimisers"),
            Check("ranks", cc.check_min_ranks_3x3, "SymPy solve of the 2 x 2 minors; exact ranks"),
        ),
        uses=("p2.completion.nuclear", "p2.completion.ranks3x3"),
    ),
    Claim(
        id="p2.completion.outcomes3x3",
        paper="paper2",
        where="notes, Matrix completion (reported secondhand)",
        statement=r"3 x 3 diagonal completion: most of 500 runs cluster near one rank-2 minimiser",
        domain="small balanced initialisation",
        checks=(Check("observe", cc.check_outcomes_3x3, "seeded ensemble per depth"),),
    ),
    Claim(
        id="p2.completion.shin_yun",
        paper="paper2",
        where="notes, Shin and Yun (arXiv 2603.04703)",
        statement=r"depth >= 3, diagonal observations: the dynamics is coupled unless "
        r"initialised diagonally, "
        r"and converges to rank 1 exactly when coupled",
        domain="2 x 2",
        checks=(Check("observe", cc.check_shin_yun, "diagonal vs generic init, N = 3"),),
        uses=("p2.completion.invariant",),
    ),
    Claim(
        id="p2.completion.arora",
        paper="paper2",
        where="notes, Arora-Cohen-Hu-Luo 2019",
        statement=r"deeper factorisations recover with fewer observations than the nuclear-norm solution and "
        r"have lower effective rank",
        domain="small initialisation, uniform sampling",
        checks=(Check("observe", cc.check_arora_experiment, "scaled-down experiment"),),
    ),
    Claim(
        id="p2.proposal.volume",
        paper="paper2",
        where="abstract",
        statement=r"under small initialisation, implicit regularisation is a result of bias towards high "
        r"state space volume",
        domain="as far as the 2 x 2 case allows",
        checks=(Check("judge", cc.check_proposal, "proved densities + observed end points"),),
        uses=("p2.volume.rankdrop.finite", "p2.volume.rankdrop.infinity", "p2.completion.outcomes2x2"),
    ),
)
