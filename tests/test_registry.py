"""The claims registry is well-formed data, and every claim has its negative test."""

import dataclasses

import pytest

from symdln.claims import CLAIMS, PAPERS, UnknownClaimError, by_id, select


def test_ids_unique_and_dotted():
    ids = [c.id for c in CLAIMS]
    assert len(ids) == len(set(ids))
    for i in ids:
        assert i == i.strip() and " " not in i


def test_records_are_frozen():
    for c in CLAIMS:
        with pytest.raises(dataclasses.FrozenInstanceError):
            c.id = "x"  # type: ignore[misc]


def test_every_claim_is_complete():
    for c in CLAIMS:
        assert c.paper in PAPERS
        assert c.where and c.statement and c.domain and c.checks
        for u in c.uses:
            by_id(u)


def test_every_claim_has_a_fast_check():
    """Slow checks are skipped by default, so each claim needs one that always runs."""
    for c in CLAIMS:
        assert any(not ch.slow for ch in c.checks), c.id
        assert len({ch.name for ch in c.checks}) == len(c.checks), c.id


def test_select_prefix_and_glob():
    if not CLAIMS:
        pytest.skip("registry empty")
    first = CLAIMS[0]
    assert first in select([first.id])
    assert select(["*"]) == CLAIMS
    assert select(None) == CLAIMS


def test_select_unknown_pattern():
    with pytest.raises(UnknownClaimError, match="no claim matches"):
        select(["no.such.claim"])


def _holds(scope):
    from symdln.verdict import CheckResult, Evidence, Verdict

    return lambda: CheckResult(Verdict.HOLDS, Evidence("exact", scope=scope))


def test_cross_check_must_name_another_check_of_the_claim():
    from symdln.claims.record import Check, Claim

    for target in ("nowhere", "grid"):  # unknown, itself
        with pytest.raises(ValueError, match="cross-check"):
            Claim("demo", "paper1", "eq. (1)", "1 = 1", "none",
                  (Check("proof", _holds("general"), "s"),
                   Check("grid", _holds("instances"), "s", cross_check_of=target)))


@pytest.mark.parametrize("proof, grid, cross, expected", [
    ("general", "general", None, "general"),
    ("general", "instances", None, "instances"),        # an instance check limits the scope
    ("general", "instances", "proof", "general"),       # unless it cross-checks a general proof
    ("instances", "instances", "proof", "instances"),   # the cross-checked proof is not general
    ("instances", "general", None, "instances"),
])
def test_claim_scope(proof, grid, cross, expected):
    from symdln.claims.record import Check, Claim
    from symdln.runner import run_claims

    c = Claim("demo", "paper1", "eq. (1)", "1 = 1", "none",
              (Check("proof", _holds(proof), "s"), Check("grid", _holds(grid), "s", cross_check_of=cross)))
    assert run_claims([c])[0].scope == expected


def test_claim_scope_is_none_unless_it_holds():
    from symdln.claims.record import Check, Claim
    from symdln.runner import run_claims
    from symdln.verdict import CheckResult, Evidence, Verdict

    fails = Check("c", lambda: CheckResult(Verdict.FAILS, Evidence("exact", counterexample={"x": 1})), "s")
    c = Claim("demo", "paper1", "eq. (1)", "1 = 2", "none", (Check("p", _holds("general"), "s"), fails))
    assert run_claims([c])[0].scope is None


def test_cross_checks_in_the_registry_cross_check_a_judging_check():
    """Every registered cross-check judges the same formula as the check it cross-checks."""
    crosses = [(c.id, k) for c in CLAIMS for k in c.checks if k.cross_check_of is not None]
    assert crosses, "the registry has cross-checks (the horizon iterations of Thm. 3)"
    for cid, k in crosses:
        target = next(t for t in by_id(cid).checks if t.name == k.cross_check_of)
        assert k.judge is not None and target.judge is not None, cid


def test_scope_in_the_reports():
    import json

    from symdln.claims.record import Check, Claim
    from symdln.report import report_json, report_markdown, summary_lines
    from symdln.runner import run_claims

    runs = run_claims([Claim(f"demo.{scope}", "paper1", "eq. (1)", "1 = 1", "none",
                             (Check("p", _holds(scope), "s"),)) for scope in ("general", "instances")])
    data = json.loads(report_json(runs))
    assert data["scope"] == {"general": 1, "instances": 1}
    assert [c["scope"] for c in data["claims"]] == ["general", "instances"]
    md = report_markdown(runs)
    assert "Scope: the whole domain" in md and "Scope: listed instances" in md
    assert "holding: 1 proved for the whole domain, 1 on listed instances" in summary_lines(runs)
