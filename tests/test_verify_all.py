"""Every registered claim through the runner: each gets an earned verdict, none crashes.

Generated from the registry: a claim added to `symdln.claims.CLAIMS` is covered here
without editing this file.  Each claim is its own test (and its own pytest-xdist group,
tests/conftest.py), run in this process as ``symdln verify --jobs 1`` runs it, so that the
registry spreads over the workers; the report is read back from its JSON, as a user reads it.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from symdln.claims import CLAIMS, by_id
from symdln.docs_findings import findings_rows
from symdln.report import report_json
from symdln.runner import run_claims
from symdln.verdict import Verdict

DOCS = Path(__file__).resolve().parents[1] / "docs"
#: (page, line, claim ids, verdict cell) of every row of the docs' findings tables
FINDINGS_ROWS = [(page.name, n, ids, cell) for page in sorted(DOCS.glob("*.md"))
                 for n, ids, cell in findings_rows(page.read_text(encoding="utf-8"))]

VERDICTS = {"HOLDS", "HOLDS_AFTER_CORRECTION", "FAILS", "INCONCLUSIVE", "NOT_CHECKABLE"}


def _entry(claim) -> dict:
    (run,) = run_claims([claim], jobs=1)
    return json.loads(report_json([run]))["claims"][0]


@pytest.mark.parametrize("claim", CLAIMS, ids=lambda c: c.id)
def test_claim_has_an_earned_verdict(claim):
    """No check crashes; the verdict is one of the five; only slow checks are skipped; every verdict
    names its method; a failure carries its counterexample; every holding check states its scope;
    a correction that holds is the claim's own Correction, judged (its statement is the one rendered
    from its formula), never a statement typed by a check; a claim that holds on listed instances
    only says why it is not proved in general; the docs' findings tables give the verdict of the run."""
    entry = _entry(claim)
    crashed = [f"{ch['name']}: {(ch.get('error') or '').strip().splitlines()[-1:]}"
               for ch in entry["checks"] if ch["verdict"] == "ERROR"]
    assert not crashed, crashed
    assert entry["verdict"] in VERDICTS
    label = Verdict[entry["verdict"]].label
    stale = [f"docs/{page}:{n + 1} says {cell!r}" for page, n, ids, cell in FINDINGS_ROWS
             if claim.id in ids and cell != label]
    assert not stale, f"the run gives {label!r}; regenerate with `symdln docs`: {stale}"
    holds = entry["verdict"] in ("HOLDS", "HOLDS_AFTER_CORRECTION")
    assert (entry["scope"] in ("general", "instances")) if holds else entry["scope"] is None
    if entry["scope"] == "instances":  # the claim says why it is not proved for the whole domain
        assert any("why not general" in (ch["evidence"] or {}).get("notes", "")
                   for ch in entry["checks"] if ch["verdict"] in ("HOLDS", "HOLDS_AFTER_CORRECTION")
                   and ch["evidence"]["scope"] == "instances"), "an instance-only verdict says why"
    slow = {ch.name for ch in claim.checks if ch.slow}
    judging = {ch.name for ch in by_id(claim.id).judging}
    for check in entry["checks"]:
        if check["verdict"] == "SKIPPED":
            assert check["name"] in slow, "only slow checks are skipped by default"
            continue
        assert check["method"], "every verdict names its method"
        if check["verdict"] in ("FAILS", "HOLDS_AFTER_CORRECTION"):
            assert check["evidence"]["counterexample"], "a failure carries its counterexample"
        if check["verdict"] in ("HOLDS", "HOLDS_AFTER_CORRECTION"):
            assert check["evidence"].get("scope") in ("instances", "general"), \
                f"{check['name']}: a holding check states its evidence scope"
        if check["verdict"] == "HOLDS_AFTER_CORRECTION":
            assert check["name"] in judging, f"{check['name']}: a correction typed by a check"
            assert check["evidence"]["corrected_statement"] == claim.correction.statement
            assert entry["correction"]["verdict"] == "HOLDS"


def test_findings_tables_are_read():
    """The docs pages' findings tables are found (so the comparison above is not vacuous), and
    every claim they name is registered."""
    assert len(FINDINGS_ROWS) >= 50
    named = {i for _, _, ids, _ in FINDINGS_ROWS for i in ids}
    assert named <= {c.id for c in CLAIMS}, sorted(named - {c.id for c in CLAIMS})
