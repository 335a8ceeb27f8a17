"""3 x 3 diagonal completion: the minimum-nuclear-norm completions (p2.completion.nuclear3x3)."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
import sympy as sp
from hypothesis import example, given
from hypothesis import strategies as st

from symdln.checks import completion3x3 as m
from symdln.claims import by_id
from symdln.verdict import Verdict, combine

X, Y, Z = m.X, m.Y, m.Z
W12, W13, W21, W23, W31, W32 = m.OFF


def _fails(r):
    assert r.verdict is Verdict.FAILS, r.evidence
    assert r.evidence.counterexample
    return r.evidence.counterexample


@pytest.mark.parametrize(
    "check", [m.check_nuclear_bound_3x3, m.check_elliptope_3x3, m.check_min_set_3x3, m.check_min_ranks_3x3]
)
def test_printed_holds(check):
    r = check()
    assert r.verdict is Verdict.HOLDS, r.evidence
    assert r.evidence.proof == "proofs/paper2_completion.py"


def test_claim_registered_and_holds():
    claim = by_id("p2.completion.nuclear3x3")
    assert claim.paper == "paper2" and len(claim.checks) == 4
    assert combine(c.run().verdict for c in claim.checks) is Verdict.HOLDS


# ---------------------------------------------------------------- negative tests
@pytest.mark.parametrize("bound", [2, 4, sp.Rational(5, 2)])
def test_wrong_bound(bound):
    cex = _fails(m.check_nuclear_bound_3x3(bound=bound))
    assert cex["claimed minimum"] == str(bound)


def test_bound_too_high_witness_is_identity():
    assert _fails(m.check_nuclear_bound_3x3(bound=4))["W"] == "I_3"


def test_elliptope_without_determinant():
    """|x|, |y|, |z| <= 1 alone is not PSD: the witness has a negative exact eigenvalue."""
    cex = _fails(m.check_elliptope_3x3(description=sp.And(X >= -1, X <= 1, Y >= -1, Y <= 1, Z >= -1, Z <= 1)))
    assert cex["PSD"] == "False" and cex["||W||_* vs 3"].startswith(">")
    x, y, z = (sp.Rational(cex[k]) for k in "xyz")
    assert max(abs(x), abs(y), abs(z)) <= 1 and m.DET.subs({X: x, Y: y, Z: z}) < 0


def test_elliptope_determinant_only():
    cex = _fails(m.check_elliptope_3x3(description=m.DET >= 0))
    assert cex["PSD"] == "False"


def test_elliptope_too_small():
    """A ball inside the elliptope misses PSD points: the witness is PSD but not described."""
    cex = _fails(m.check_elliptope_3x3(description=X**2 + Y**2 + Z**2 <= sp.Rational(1, 4)))
    assert cex["PSD"] == "True" and cex["||W||_* vs 3"].startswith("=")


def test_min_set_symmetric_without_psd():
    """'Symmetric with unit diagonal' is too large: a symmetric indefinite member has ||W||_* > 3."""
    cex = _fails(m.check_min_set_3x3(min_set=sp.And(sp.Eq(W12, W21), sp.Eq(W13, W31), sp.Eq(W23, W32))))
    W = sp.Matrix(sp.sympify(cex["W"]))
    assert W.is_symmetric() and cex["in the claimed set"] is True and cex["||W||_* vs 3"].startswith(">")
    assert min(np.linalg.eigvalsh(np.array(W, dtype=float))) < 0


def test_min_set_without_symmetry():
    """The elliptope condition on the upper triangle alone admits non-symmetric W with ||W||_* > 3."""
    cex = _fails(m.check_min_set_3x3(min_set=m.ELLIPTOPE.subs({X: W12, Y: W13, Z: W23})))
    W = sp.Matrix(sp.sympify(cex["W"]))
    assert not W.is_symmetric() and cex["||W||_* vs 3"].startswith(">")


def test_min_set_only_rank1_corners():
    """Claiming only the corners misses I (||I||_* = 3)."""
    corners = sp.Or(*[sp.And(sp.Eq(W12, x), sp.Eq(W21, x), sp.Eq(W13, y), sp.Eq(W31, y), sp.Eq(W23, z),
                             sp.Eq(W32, z)) for x, y, z in m.RANK1_CORNERS])
    cex = _fails(m.check_min_set_3x3(min_set=corners))
    assert cex["in the claimed set"] is False and cex["||W||_* vs 3"].startswith("=")


def test_rank1_set_missing_a_corner():
    cex = _fails(m.check_min_ranks_3x3(rank1_set=frozenset({(1, 1, 1), (1, -1, -1), (-1, 1, -1)})))
    assert cex["(x, y, z)"] == "(-1, -1, 1)" and cex["rank"] == 1 and cex["||W||_* vs 3"] == "="


def test_rank1_set_with_wrong_sign_pattern():
    """(1, 1, -1) has xyz = -1: rank 3 and indefinite."""
    cex = _fails(m.check_min_ranks_3x3(rank1_set=m.RANK1_CORNERS | {(1, 1, -1)}))
    assert cex["(x, y, z)"] == "(1, 1, -1)" and cex["rank"] == 3 and cex["PSD (in the elliptope)"] == "False"


# ---------------------------------------------------------------- properties
rationals = st.fractions(min_value=-2, max_value=2, max_denominator=12)


def _in_elliptope(x, y, z) -> bool:
    return bool(m.ELLIPTOPE.subs({X: x, Y: y, Z: z}))


@given(x=rationals, y=rationals, z=rationals)
@example(x=Fraction(1), y=Fraction(1), z=Fraction(1))  # rank-1 corners
@example(x=Fraction(-1), y=Fraction(-1), z=Fraction(1))
@example(x=Fraction(0), y=Fraction(0), z=Fraction(0))  # I
@example(x=Fraction(-1, 2), y=Fraction(-1, 2), z=Fraction(-1, 2))  # boundary, rank 2
@example(x=Fraction(3, 5), y=Fraction(4, 5), z=Fraction(0))  # boundary, rank 2
@example(x=Fraction(1), y=Fraction(1), z=Fraction(-1))  # |.| <= 1 but indefinite
def test_symmetric_nuclear_norm_is_3_iff_in_elliptope(x, y, z):
    """For a rational correlation-shaped matrix, ||W||_* = 3 exactly iff (x, y, z) is in the
    elliptope, and ||W||_* > 3 (certified) otherwise; the exact rank matches the boundary structure."""
    x, y, z = (sp.Rational(v) for v in (x, y, z))
    W = m.correlation(x, y, z)
    rel, _ = m.nuclear_vs(W)
    inside = _in_elliptope(x, y, z)
    assert rel == ("=" if inside else ">")
    if inside:
        det = m.DET.subs({X: x, Y: y, Z: z})
        rank = W.rank()
        if (x, y, z) in {tuple(map(sp.Integer, p)) for p in m.RANK1_CORNERS}:
            assert rank == 1
        else:
            assert rank == (2 if det == 0 else 3)


@given(w=st.tuples(*[rationals] * 6))
@example(w=(Fraction(1), Fraction(0), Fraction(0), Fraction(0), Fraction(0), Fraction(0)))  # Jordan-like
@example(w=(Fraction(1),) * 6)  # all-ones: rank 1 corner
@example(w=(Fraction(1, 2), Fraction(0), Fraction(-1, 2), Fraction(0), Fraction(0), Fraction(0)))  # skew part
def test_nuclear_norm_is_3_iff_in_min_set(w):
    """Any rational minimiser: ||W||_* = 3 exactly iff it is in MIN_SET, else > 3 certified; the float
    SVD agrees with the certified comparison (1e-9 absolute: a few roundings of entries up to 2)."""
    W = m.unit_diagonal(tuple(sp.Rational(v) for v in w))
    rel, _ = m.nuclear_vs(W)
    inside = bool(m.MIN_SET.subs(dict(zip(m.OFF, [W[i] for i in (1, 2, 3, 5, 6, 7)], strict=True))))
    assert rel == ("=" if inside else ">")
    nuc = np.linalg.svd(np.array(W, dtype=float), compute_uv=False).sum()
    assert nuc >= 3 - 1e-9 and (abs(nuc - 3) <= 1e-9 or not inside)


# ---------------------------------------------------------------- observations
def test_outcomes_3x3_report_distance_to_min_set():
    from symdln.checks import completion as cc

    r = cc.check_outcomes_3x3()
    assert r.verdict is Verdict.INCONCLUSIVE
    for row in r.evidence.details.values():
        assert row["median ||W||_* - 3"] > -1e-3  # ||W||_* >= tr W ~ 3 up to the residual loss
        assert 0 <= row["fraction within 0.25 of some s s^T"] <= 1
        assert sum(row["numerical rank (sigma > 1e-2 sigma_1) counts"].values()) == 16


def test_simulation_corners_are_the_proved_rank1_set():
    from symdln.checks import completion_observe as cc

    proved = {tuple(int(v) for v in m.correlation(*p)) for p in m.RANK1_CORNERS}
    assert {tuple(int(v) for v in C.ravel()) for C in cc.RANK1_CORNERS_3X3} == proved


# ---------------------------------------------------------------- proof script
def test_completion_proof_script_runs(capsys, monkeypatch):
    import runpy
    import sys
    from pathlib import Path

    monkeypatch.setattr(sys, "path", list(sys.path))  # the script puts proofs/ on the path
    script = Path(__file__).resolve().parents[1] / "proofs" / "paper2_completion.py"
    runpy.run_path(str(script), run_name="__main__")
    out = capsys.readouterr().out
    assert "FAILED" not in out and out.rstrip().endswith("steps hold.")


def test_float_bound_is_not_guessed_into_a_rational():
    r = m.check_nuclear_bound_3x3(3.0000000000000004)
    assert r.verdict is Verdict.INCONCLUSIVE


# ---------------------------------------------------------------- values compared with are computed
def test_minimum_is_computed_from_the_minimisers():
    assert m.minimum_trace() == 3 == m.unit_diagonal(m.OFF).trace()
    steps = m.check_nuclear_bound_3x3().evidence.details
    assert steps["||I||_* = tr W = 3 (exact)"] == "proved"


def test_irrational_bound_is_certified_not_guessed():
    cex = _fails(m.check_nuclear_bound_3x3(bound=sp.sqrt(10)))
    assert cex["||W||_*"] == "3" and cex["W"] == "I_3"
    cex = _fails(m.check_nuclear_bound_3x3(bound=sp.sqrt(8)))
    assert cex["proved: ||W||_* >= tr W"] == "3"


def test_undecidable_bound_is_inconclusive_not_a_crash():
    assert m.check_nuclear_bound_3x3(bound=sp.Symbol("b")).verdict is Verdict.INCONCLUSIVE


def test_elliptope_counter_model_is_confirmed_at_the_point():
    """The witness states both sides: PSD (exact eigenvalues) and the description, and they differ."""
    for description in (m.DET >= 0, X**2 + Y**2 + Z**2 <= sp.Rational(1, 4)):
        cex = _fails(m.check_elliptope_3x3(description=description))
        assert (cex["PSD"] == "True") != (cex["in the description"] == "True")


def test_min_set_with_undecided_predicate_is_inconclusive_not_a_crash():
    t = sp.Symbol("t", real=True)
    r = m.check_min_set_3x3(min_set=sp.And(m.MIN_SET, t >= 0))
    assert r.verdict is Verdict.INCONCLUSIVE


def test_min_ranks_states_the_rule_at_points():
    details = m.check_min_ranks_3x3().evidence.details["ranks"]
    assert details["(1, 1, 1)"].endswith("(stated 1)") and details["(0, 0, 0)"].endswith("(stated 3)")
    assert details["(1, 0, 0)"].startswith("det 0, rank 2")
