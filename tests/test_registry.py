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
