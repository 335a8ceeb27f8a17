r"""Cor. 2 (20) of paper 1: between transitions the rescaled limit solves the reduced-rank
regression (4); exactly when the sigma_i^2/lambda_i ordering does not contradict the sigma_i ordering.

Two exact computations, independent of each other and of any condition under test:

* the **limit of the dynamics**: :func:`_dynamics_limit`, the proved per-mode limits of Thm. 2
  (:func:`symdln.limits.mode_limit`, :math:`w_i(0) = e^{-2\delta}`) at a rescaled time inside
  :math:`(1/\sigma_k, 1/\sigma_{k+1})`;
* the **reduced-rank regression**: :func:`symdln.rrr.rank_k_minimisers` (the minimum of f over
  rank :math:`\le k` and every coordinate minimiser, by exhaustive search with exact losses) and
  :func:`symdln.rrr.rrr_min_norm_exact` (the minimum-norm one, W^{k,*}, ties included).

At a tie :math:`\min_{i\le k}\sigma_i^2/\lambda_i = \max_{i>k}\sigma_i^2/\lambda_i` the rank-k
minimiser is not unique; its minimum-norm one keeps the tied modes of largest :math:`\lambda_i`,
i.e. (equal scores, :math:`\lambda = \sigma^2/s`) of largest :math:`\sigma_i`: the limit.  So (20)
holds at the boundary and the exact condition is :math:`\min_{i\le k} \ge \max_{i>k}`.

The 'iff' correction is proved for every number of modes, k and spectrum by a reduction to a
pair of modes (:func:`reduction_lemmas`) and a z3 proof that the condition under test is
equivalent to the derived two-mode truth (:func:`pair_truth`); the exact instances
(:func:`check_cor2_condition`) are kept as tests and certify any counterexample.

>>> check_cor2_condition().verdict.name
'HOLDS'
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator, Sequence
from fractions import Fraction
from typing import TYPE_CHECKING

from symdln.limits import mode_limit
from symdln.rrr import loss_diagonal, rank_k_minimisers, rrr_min_norm_exact
from symdln.verdict import CheckResult, Evidence, Verdict, corrected

if TYPE_CHECKING:
    import sympy as sp

__all__ = [
    "COR2_CORRECTION",
    "check_cor2",
    "check_cor2_condition",
    "check_cor2_rrr",
    "cor2_condition",
    "judge_cor2_condition",
    "pair_symbols",
    "pair_truth",
    "reduction_lemmas",
]

F = Fraction
Condition = Callable[[Sequence[F], Sequence[F], int], bool]
Claimed = Callable[[Sequence[F], Sequence[F], int], Sequence[F]]

#: the corrected statement judged by :func:`check_cor2_condition` with :func:`cor2_condition`
COR2_CORRECTION = (
    "(20) holds iff min_{i<=k} sigma_i^2/lambda_i >= max_{i>k} sigma_i^2/lambda_i (in particular when "
    "Sigma_x = c I_d); at equality the rank-k minimiser is not unique and the limit is its minimum-norm "
    "one, W^{k,*}; otherwise W_1 W_2(delta t) tends to a rank-k matrix with strictly larger loss")


def _dynamics_limit(sigmas: Sequence[F], lams: Sequence[F], t: F) -> list[F]:
    """Limits of the modes of W_1 W_2(delta t) (Thm. 2 proved, w_i(0) = e^{-2 delta})."""
    return [mode_limit(s, l, t, F(2))[0] for s, l in zip(sigmas, lams, strict=True)]


def _time_between(sigmas: Sequence[F], k: int) -> F:
    """A rescaled time in (1/sigma_k, 1/sigma_{k+1}) (after 1/sigma_n for k = n)."""
    if k < len(sigmas):
        return (1 / sigmas[k - 1] + 1 / sigmas[k]) / 2
    return 2 / sigmas[-1]


def _instances(isotropic: bool, max_height: int = 3) -> Iterator[tuple[tuple[F, ...], tuple[F, ...]]]:
    """Two-mode instances (sigma_1 > sigma_2, rationals of height <= max_height), then three-mode
    ones (lambda_i in {1, 2, 1/2}); with ``isotropic`` every lambda_i is the same."""
    vals = sorted({F(a, b) for a in range(1, max_height + 1) for b in range(1, max_height + 1)},
                  key=lambda x: (max(x.numerator, x.denominator), x))
    for n, lam_vals in ((2, vals), (3, [F(1), F(2), F(1, 2)])):
        for sig in itertools.product(vals, repeat=n):
            if not all(a > b for a, b in itertools.pairwise(sig)):
                continue
            lams = ([(c,) * n for c in lam_vals] if isotropic
                    else list(itertools.product(lam_vals, repeat=n)))
            for lam in lams:
                yield sig, lam


def _cases(isotropic: bool) -> Iterator[tuple[tuple[F, ...], tuple[F, ...], int, F]]:
    for sig, lam in _instances(isotropic):
        for k in range(1, len(sig) + 1):
            yield sig, lam, k, _time_between(sig, k)


def _strs(xs: Sequence[object]) -> list[str]:
    return [str(x) for x in xs]


def cor2_condition(sigmas: Sequence[F], lams: Sequence[F], k: int) -> bool:
    r"""The exact condition: :math:`\min_{i\le k}\sigma_i^2/\lambda_i \ge \max_{i>k}\sigma_i^2/\lambda_i`
    (vacuous for k = n).

    >>> cor2_condition([F(3), F(2)], [F(3), F(1)], 1), cor2_condition([F(2), F(1)], [F(4), F(1)], 1)
    (False, True)
    """
    sc = [s * s / l for s, l in zip(sigmas, lams, strict=True)]
    return k >= len(sc) or min(sc[:k]) >= max(sc[k:])


def _w_kstar(sigmas: Sequence[F], lams: Sequence[F], k: int) -> list[F]:
    """(20) as printed: the limit is W^{k,*}, the minimum-norm solution of (4)."""
    return rrr_min_norm_exact(sigmas, lams, k)


def check_cor2_rrr(claimed: Claimed = _w_kstar, isotropic: bool = False) -> CheckResult:
    r"""Judge Cor. 2 / (20) as printed: for :math:`1/\sigma_k < t < 1/\sigma_{k+1}`,
    :math:`W_1W_2(\delta t) \to` ``claimed(sigmas, lambdas, k)`` (printed: W^{k,*}, the minimum-norm
    rank-k regression solution), under Assump. 1 in general (``isotropic=False``) or with
    :math:`\Sigma_x \propto I` (Saxe et al.'s setting).

    The truth is the proved limit of the dynamics (:func:`_dynamics_limit`), compared exactly on two-
    and three-mode instances, ties included; a mismatch reports the exact losses of both.

    >>> check_cor2_rrr(isotropic=True).verdict.name
    'HOLDS'
    """
    checked = 0
    for sig, lam, k, t in _cases(isotropic):
        lim = _dynamics_limit(sig, lam, t)
        try:  # sigma_1 > sigma_2 > ...: W^{k,*} is unique on every instance, so the claim must be defined
            claim = [F(x) for x in claimed(sig, lam, k)]
        except Exception as err:  # the formula under test raised: a finding about it
            return CheckResult(Verdict.FAILS, Evidence(
                method="evaluation of the claimed limit", precision="exact",
                counterexample={"sigma": _strs(sig), "lambda": _strs(lam), "k": k, "t": str(t),
                                "claimed limit": f"{type(err).__name__}: {err}"},
                notes="the claimed limit is not defined at this point of the domain"))
        checked += 1
        if claim != lim:
            fmin, _ = rank_k_minimisers(sig, lam, k)
            lf = loss_diagonal(sig, lam, lim)
            lc = loss_diagonal(sig, lam, claim) if len(claim) == len(lim) else None
            return CheckResult(Verdict.FAILS, Evidence(
                method="proved limit of the dynamics (Thm. 2, exact) against the claimed limit; exact "
                       "losses f(W) - ||Y||^2/2n under Assump. 1 (eps = 0)",
                precision="exact",
                counterexample={"sigma": _strs(sig), "lambda": _strs(lam), "k": k, "t": str(t),
                                "limit diag": _strs(lim), "W^{k,*} diag": _strs(claim),
                                "f(limit)": str(lf), "f(W^{k,*})": str(lc),
                                "min f over rank <= k": str(fmin),
                                "limit has rank <= k": sum(1 for x in lim if x != 0) <= k},
                notes="the dynamics learns modes in the order of sigma_i; the rank-k regression keeps "
                      "the k largest sigma_i^2/lambda_i"))
    if checked == 0:  # pragma: no cover - the instance family is fixed and not empty
        return CheckResult(Verdict.INCONCLUSIVE, Evidence(method="exact comparison", notes="no instance"))
    return CheckResult(Verdict.HOLDS, Evidence(
        method="proved limit of the dynamics (Thm. 2) equal to the claimed limit on every instance (exact); "
               "W^{k,*} by exhaustive search over the coordinate rank-k minimisers (Eckart-Young, Ky Fan)",
        precision="exact", residual="0",
        parameters={"instances": checked, "max height of the rationals": 3, "modes": [2, 3],
                    "Sigma_x": "isotropic" if isotropic else "diagonal"},
        proof="proofs/continuous_rrr.py", scope="instances"))


def _instance_finding(sig: Sequence[F], lam: Sequence[F], k: int, t: F,
                      condition: Condition) -> tuple[CheckResult | None, bool, bool]:
    """One exact instance of the 'iff': ``(FAILS result or None, condition value, tie)``."""
    lim = _dynamics_limit(sig, lam, t)
    fmin, minimisers = rank_k_minimisers(sig, lam, k)
    star = rrr_min_norm_exact(sig, lam, k)  # sigma_1 > sigma_2 > ...: W^{k,*} is unique
    where = {"sigma": _strs(sig), "lambda": _strs(lam), "k": k, "t": str(t)}
    try:
        cond = condition(sig, lam, k)
        if not isinstance(cond, bool):
            cond = bool(cond)
    except Exception as err:  # the condition under test raised: a finding about it
        return CheckResult(Verdict.FAILS, Evidence(
            method="evaluation of the condition under test", precision="exact",
            counterexample={**where, "condition under test": f"{type(err).__name__}: {err}"},
            notes="the condition is not defined at this point of the domain")), False, False
    fl = loss_diagonal(sig, lam, lim)
    tie = len(minimisers) > 1
    if cond and lim != star:
        why = "the condition holds but the limit is not W^{k,*}"
    elif not cond and fl == fmin:
        why = ("the condition fails but the limit is a rank-k minimiser"
               + (" (the minimum-norm one, W^{k,*})" if lim == star else ""))
    else:
        return None, cond, tie
    return CheckResult(Verdict.FAILS, Evidence(
        method="proved limit of the dynamics (Thm. 2) against the rank-k minimisers found by exhaustive "
               "search (exact losses and norms)",
        precision="exact",
        counterexample={**where, "condition under test": cond, "limit diag": _strs(lim),
                        "W^{k,*} diag": _strs(star), "f(limit)": str(fl),
                        "min f over rank <= k": str(fmin), "minimiser unique": not tie,
                        "finding": why})), cond, tie


def check_cor2_condition(condition: Condition = cor2_condition) -> CheckResult:
    r"""Judge the 'iff' correction of Cor. 2 with ``condition(sigmas, lambdas, k)`` (default
    :func:`cor2_condition`) both ways against the exact truth, on every instance of
    :func:`_instances` (two and three modes, ties included):

    * where ``condition`` holds, the limit of the dynamics must equal W^{k,*}
      (:func:`symdln.rrr.rrr_min_norm_exact`);
    * where it fails, the limit must not be a rank-k minimiser: its exact loss must exceed the
      minimum (:func:`symdln.rrr.rank_k_minimisers`).

    A violated side is a certified counterexample (FAILS); no instance on one side, or no instance
    with a non-unique minimiser (the boundary), is INCONCLUSIVE.  These are the instances of the
    general proof of :func:`judge_cor2_condition` (scope "instances").
    """
    sides = {True: 0, False: 0}
    boundary = {True: 0, False: 0}
    for sig, lam, k, t in _cases(False):
        failed, cond, tie = _instance_finding(sig, lam, k, t, condition)
        if failed is not None:
            return failed
        sides[cond] += 1
        boundary[cond] += tie
    if min(sides.values()) == 0 or sum(boundary.values()) == 0:
        return CheckResult(Verdict.INCONCLUSIVE, Evidence(
            method="exact comparison both ways",
            parameters={"condition true": sides[True], "condition false": sides[False],
                        "ties (non-unique minimiser)": sum(boundary.values())},
            notes="no counterexample, but one side of the 'iff' (or the boundary) had no instance: "
                  "nothing established"))
    return CheckResult(Verdict.HOLDS, Evidence(
        method="both ways, exact: where the condition holds the proved limit (Thm. 2) equals W^{k,*}; where "
               "it fails the limit's loss exceeds the minimum over rank <= k (exhaustive search over the "
               "coordinate minimisers, Eckart-Young; minimum norm by Ky Fan, rrr.py)",
        precision="exact", residual="0",
        parameters={"instances, condition true": sides[True], "instances, condition false": sides[False],
                    "ties (non-unique minimiser), condition true / false":
                        [boundary[True], boundary[False]],
                    "modes": [2, 3], "max height of the rationals": 3},
        notes="with the condition, modes 1..k carry the k largest sigma_i^2/lambda_i, so W^{k,*} = "
              "U diag(sigma_i/lambda_i 1{i<=k}) V^T = the limit (at a tie the minimum-norm choice keeps "
              "the larger sigma_i); without it swapping a mode j > k for i <= k lowers f by "
              "(sigma_j^2/lambda_j - sigma_i^2/lambda_i)/2 > 0; why not general: a finite list of "
              "instances (the general proof is judge_cor2_condition's pair reduction)",
        proof="proofs/continuous_rrr.py", scope="instances"))


def check_cor2(condition: Condition = cor2_condition, statement: str = COR2_CORRECTION) -> CheckResult:
    """Cor. 2 under Assump. 1 in general (printed: fails), with the 'iff' condition under test
    (default: the registered :func:`cor2_condition`) judged both ways as the correction."""
    return corrected(check_cor2_rrr(), check_cor2_condition(condition), statement)


# ---------------------------------------------------------------------------- judge of a formula
def pair_symbols() -> tuple[sp.Symbol, ...]:
    """The symbols of a pair condition: sigma_i, lambda_i (a mode i <= k), sigma_j, lambda_j (j > k)."""
    import sympy as sp

    return tuple(sp.Symbol(n, positive=True) for n in ("sigma_i", "lambda_i", "sigma_j", "lambda_j"))


def _kept(s: sp.Expr, lam: sp.Expr) -> tuple[sp.Expr, sp.Expr]:
    r"""A mode kept at the limit of the dynamics above its step (Thm. 2: :math:`w_i \to \sigma_i/\lambda_i`):
    its share of :math:`f(W) - \|Y\|^2/2n` (:math:`\frac12\lambda m^2 - \sigma m`, Assump. 1, eps = 0)
    and of :math:`\|W\|_F^2` (:math:`m^2`); a mode at 0 contributes 0 to both."""
    m = s / lam
    return lam * m**2 / 2 - s * m, m**2


def pair_truth() -> sp.Basic:
    r"""The truth of (20) on two modes (n = 2, k = 1, :math:`\sigma_i > \sigma_j`), derived from the
    loss and norm of the coordinate minimisers (no score assumed): the limit of the dynamics, mode
    i kept and mode j at 0, is the unique minimum-norm rank-1 minimiser iff it beats the empty
    selection and beats mode j on loss, or ties it on loss with a smaller norm (the second example:
    equal scores sigma^2/lambda = 1, and the mode of larger sigma has the smaller norm).

    >>> import sympy as sp
    >>> si, li, sj, lj = pair_symbols()
    >>> pair_truth().subs({si: 2, li: 8, sj: 1, lj: 1}), pair_truth().subs({si: 2, li: 4, sj: 1, lj: 1})
    (False, True)
    """
    import sympy as sp

    si, li, sj, lj = pair_symbols()
    (f_i, n_i), (f_j, n_j) = _kept(si, li), _kept(sj, lj)
    return sp.And(f_i < 0, sp.Or(f_i < f_j, sp.And(sp.Eq(f_i, f_j), n_i < n_j)))


def reduction_lemmas() -> dict[str, str]:
    r"""The steps reducing (20) for every n and k to a pair of modes, each proved (z3 or SymPy) on
    :math:`\sigma_i > \sigma_j > 0,\ \lambda_i, \lambda_j > 0`; maps each step to its status.

    With scores :math:`s_i = \sigma_i^2/\lambda_i`: a kept mode lowers f by :math:`s_i/2` (additive
    over modes), so by Eckart-Young and Ky Fan (``symdln.rrr``) the rank-:math:`\le k` minimisers are
    the coordinate selections of k largest scores, and among them the least norm.  Hence (20) holds
    for (n, k) iff every pair i <= k < j satisfies :func:`pair_truth`: if some pair fails it, then
    :math:`s_j > s_i` and swapping i for j lowers f by :math:`(s_j - s_i)/2 > 0`; if every pair
    satisfies it, :math:`\min_{i\le k}s_i \ge \max_{j>k}s_j`, any other minimiser swaps modes of equal
    score, and each such swap raises the norm.

    >>> all(v == "proved" for v in reduction_lemmas().values())
    True
    """
    import sympy as sp

    from symdln.certify.smt import Translation

    si, li, sj, lj = pair_symbols()
    (f_i, n_i), n_j = _kept(si, li), _kept(sj, lj)[1]
    score_i, score_j = si**2 / li, sj**2 / lj
    dom = si > sj
    truth = pair_truth()
    out = {"a kept mode lowers f by its score s/2 (SymPy, exact)":
           "proved" if sp.simplify(f_i + score_i / 2) == 0 else "not proved"}
    goals = {"the pair truth fails only where s_j > s_i (z3)": sp.Implies(sp.Not(truth), score_j > score_i),
             "the pair truth gives s_i >= s_j (z3)": sp.Implies(truth, score_i >= score_j),
             "at equal scores the mode of larger sigma has the smaller norm (z3)":
                 sp.Implies(sp.Eq(score_i, score_j), n_i < n_j)}
    for name, goal in goals.items():
        out[name] = Translation().prove(dom, goal).status
    return out


def _certify_pair(condition: sp.Basic, point: Sequence[F]) -> CheckResult | None:
    """The exact two-mode instance at a z3 model: its FAILS result, or None when it does not fail."""
    import sympy as sp

    si, li, sj, lj = pair_symbols()

    def cond(sig: Sequence[F], lam: Sequence[F], k: int) -> bool:
        vals = {si: sig[0], li: lam[0], sj: sig[1], lj: lam[1]}
        v = sp.simplify(condition.xreplace({s: sp.Rational(x.numerator, x.denominator)
                                            for s, x in vals.items()}))
        return v is sp.true

    sig, lam = (point[0], point[2]), (point[1], point[3])
    return _instance_finding(sig, lam, 1, _time_between(sig, 1), cond)[0]


def judge_cor2_condition(condition: sp.Basic) -> CheckResult:
    r"""Judge a SymPy condition on a pair of modes, in ``sigma_i``, ``lambda_i`` (a mode i <= k) and
    ``sigma_j``, ``lambda_j`` (a mode j > k), as the exact condition of Cor. 2: (20) holds for k iff
    the condition holds for every pair i <= k < j (sigma_1 > sigma_2 > ..., Assump. 1).

    General proof (every n, k and spectrum): by :func:`reduction_lemmas` the statement is equivalent
    to "the condition is equivalent to :func:`pair_truth` for all :math:`\sigma_i > \sigma_j > 0`,
    :math:`\lambda_i, \lambda_j > 0`" (a wrong pair is itself a two-mode instance), which z3 proves
    or refutes.  A refutation is certified on exact instances: the smallest counterexample of the
    instance search (:func:`check_cor2_condition`), else the exact two-mode instance at z3's model.
    The truth is independent of the condition: the limit of the dynamics (Thm. 2) against the
    coordinate minimisers' losses and norms.  Where z3 cannot decide (or the condition has no z3
    encoding) the judgement falls back to the exact instances (scope "instances", with the reason
    in the notes).

    >>> import sympy as sp
    >>> si, li, sj, lj = pair_symbols()
    >>> r = judge_cor2_condition(si**2 / li >= sj**2 / lj)
    >>> r.verdict.name, r.evidence.scope
    ('HOLDS', 'general')
    """
    import sympy as sp

    from symdln.certify.smt import Translation, Untranslatable
    from symdln.correction import FormulaError

    syms = pair_symbols()
    if not isinstance(condition, sp.logic.boolalg.Boolean):
        raise FormulaError(f"a condition is a relation or a logical formula, not {sp.sstr(condition)}")
    extra = condition.free_symbols - set(syms)
    if extra:
        raise FormulaError(f"a condition on a pair of modes i <= k < j is in sigma_i, lambda_i, sigma_j, "
                           f"lambda_j, not {min(map(str, extra))}")
    si, _, sj, _ = syms
    lemmas = reduction_lemmas()
    try:
        res = Translation().prove(si > sj, sp.Equivalent(condition, pair_truth()))
        status, reason = res.status, res.reason
    except Untranslatable as exc:
        res, status, reason = None, "unknown", f"no z3 encoding ({exc})"
    proved = status == "proved" and all(v == "proved" for v in lemmas.values())
    if proved:
        assert res is not None  # a status other than "unknown" comes with z3's result
        return CheckResult(Verdict.HOLDS, Evidence(
            method="pair reduction (proved: z3 and SymPy lemmas) + z3: the condition is equivalent to the "
                   "derived two-mode truth for all sigma_i > sigma_j > 0, lambda_i, lambda_j > 0",
            precision="exact", residual="0",
            parameters={"domain": "sigma_i > sigma_j > 0, lambda_i, lambda_j > 0; every n, k, spectrum"},
            details={"reduction lemmas": lemmas, "z3 equivalence": f"proved ({res.seconds:.2f} s)"},
            notes="(20) holds for (n, k) iff every pair i <= k < j satisfies the derived pair truth (limit "
                  "of the dynamics is the unique minimum-norm minimiser among the coordinate selections, "
                  "Eckart-Young and Ky Fan in symdln.rrr); the condition is equivalent to it; the exact "
                  "instances (check_cor2_condition) are kept as tests",
            proof="proofs/continuous_rrr.py", scope="general"))
    result = _judge_instances(condition)
    if status == "refuted" and res is not None and result.verdict is not Verdict.FAILS:
        m = res.model or {}
        point = [v for v in (m.get(str(x)) for x in syms) if v is not None]
        cert = _certify_pair(condition, point) if len(point) == len(syms) else None
        if cert is not None:
            return cert
        return CheckResult(Verdict.INCONCLUSIVE, Evidence(
            method="z3 model of the pair equivalence, re-checked on the exact two-mode instance",
            counterexample=None, parameters={"z3 model": {str(k): str(v) for k, v in m.items()}},
            notes="z3's counter-model did not give a certified failure on the exact instance"))
    if result.verdict is Verdict.HOLDS:
        ev = result.evidence
        return CheckResult(Verdict.HOLDS, Evidence(
            method=ev.method, precision=ev.precision, residual=ev.residual, parameters=ev.parameters,
            details={"reduction lemmas": lemmas, "z3 equivalence": f"{status} ({reason})"},
            notes=f"{ev.notes}; why not general: z3 did not decide the pair equivalence "
                  f"({status}: {reason}); a proof of it for sigma_i > sigma_j > 0, lambda > 0 would make "
                  "this general",
            proof=ev.proof, scope="instances"))
    return result


def _judge_instances(condition: sp.Basic) -> CheckResult:
    """The condition judged on the exact instances of :func:`check_cor2_condition` (a pair condition
    evaluated exactly on every pair i <= k < j)."""
    import sympy as sp

    syms = pair_symbols()
    undecided: list[str] = []

    def cond(sig: Sequence[F], lam: Sequence[F], k: int) -> bool:
        out = True
        for i in range(k):
            for j in range(k, len(sig)):
                vals = (sig[i], lam[i], sig[j], lam[j])
                v = sp.simplify(condition.xreplace({s: sp.Rational(x.numerator, x.denominator)
                                                    for s, x in zip(syms, vals, strict=True)}))
                if v not in (sp.true, sp.false):  # SymPy did not decide it: nothing is judged
                    undecided.append(f"{_strs(vals)}: {sp.sstr(v)}")
                out = out and v is sp.true
        return out

    result = check_cor2_condition(cond)
    if undecided:
        return CheckResult(Verdict.INCONCLUSIVE, Evidence(
            method="evaluation of the condition under test at exact rational pairs",
            notes="the condition was not decided at (sigma_i, lambda_i, sigma_j, lambda_j) = "
                  f"{undecided[0]}"))
    return result
