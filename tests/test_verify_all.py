"""`symdln verify` over the whole registry: every claim gets a verdict, none crashes.

Generated from the registry: a claim added to `symdln.claims.CLAIMS` is covered here
without editing this file.
"""

from __future__ import annotations

import json

import pytest

from symdln.claims import CLAIMS
from symdln.cli import main


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    path = tmp_path_factory.mktemp("report") / "r.json"
    code = main(["verify", "--quiet", "--json", str(path)])
    return code, json.loads(path.read_text())


def test_verify_exits_zero(report):
    code, data = report
    crashed = [c["id"] for c in data["claims"] if c["verdict"] == "ERROR"]
    assert code == 0, f"crashed: {crashed}"


@pytest.mark.parametrize("claim", CLAIMS, ids=lambda c: c.id)
def test_claim_has_an_earned_verdict(report, claim):
    _, data = report
    entry = next(c for c in data["claims"] if c["id"] == claim.id)
    assert entry["verdict"] in {"HOLDS", "HOLDS_AFTER_CORRECTION", "FAILS", "INCONCLUSIVE",
                                "NOT_CHECKABLE"}
    slow = {ch.name for ch in claim.checks if ch.slow}
    for check in entry["checks"]:
        if check["verdict"] == "SKIPPED":
            assert check["name"] in slow, "only slow checks are skipped by default"
            continue
        assert check["method"], "every verdict names its method"
        if check["verdict"] in ("FAILS", "HOLDS_AFTER_CORRECTION"):
            assert check["evidence"]["counterexample"], "a failure carries its counterexample"
        if check["verdict"] == "HOLDS_AFTER_CORRECTION":
            assert check["evidence"]["corrected_statement"]


def test_every_holding_check_states_its_scope(report):
    _, data = report
    unstated = [
        f"{c['id']}/{check['name']}"
        for c in data["claims"]
        for check in c["checks"]
        if check["verdict"] in ("HOLDS", "HOLDS_AFTER_CORRECTION")
        and check["evidence"].get("scope") not in ("instances", "general")
    ]
    assert not unstated, f"holding checks without evidence scope: {unstated}"


def test_corrections_are_judged_data_or_listed_as_legacy(report):
    """A check that holds after correction either judged the claim's Correction (its statement is
    the one rendered from the formula) or is one of the listed legacy checks; the list is exact."""
    from test_corrections import LEGACY_TEXT_CORRECTIONS

    from symdln.claims import by_id

    _, data = report
    legacy = set()
    for c in data["claims"]:
        claim = by_id(c["id"])
        judging = {ch.name for ch in claim.judging}
        for check in c["checks"]:
            if check["verdict"] != "HOLDS_AFTER_CORRECTION":
                continue
            if check["name"] in judging:
                assert check["evidence"]["corrected_statement"] == claim.correction.statement
                assert c["correction"]["verdict"] == "HOLDS"
            else:
                legacy.add(f"{c['id']}/{check['name']}")
    assert legacy == set(LEGACY_TEXT_CORRECTIONS)
