"""The coverage inventory of paper 1 (issue #12): every asserting sentence with its fate, consistent
with the registry, and ``docs/coverage.md`` current."""

from __future__ import annotations

from pathlib import Path

import pytest

from symdln.claims import CLAIMS, paper1_prose
from symdln.claims.record import Check, Claim
from symdln.claims.sentences import SENTENCES, STATUSES, Sentence
from symdln.coverage import coverage_markdown, coverage_problems
from symdln.verdict import CheckResult, Evidence, Verdict

ROOT = Path(__file__).resolve().parents[1]


def _registry() -> tuple[Claim, ...]:
    """The registry, with the prose claims of paper 1 whether or not ``symdln.claims`` lists them yet
    (once it does, this is ``CLAIMS`` itself)."""
    ids = {c.id for c in CLAIMS}
    return CLAIMS + tuple(c for c in paper1_prose.CLAIMS if c.id not in ids)


def test_coverage_document_is_current():
    text = (ROOT / "docs" / "coverage.md").read_text(encoding="utf-8")
    assert text == coverage_markdown(SENTENCES, _registry()), (
        "docs/coverage.md is stale: regenerate it with `symdln docs`")


def test_inventory_is_consistent_with_the_registry():
    assert coverage_problems(SENTENCES, _registry()) == []


def test_every_named_claim_is_registered():
    ids = {c.id for c in _registry()}
    unknown = {(s.where, cid) for s in SENTENCES for cid in s.claims if cid not in ids}
    assert not unknown


def test_every_paper1_claim_is_named_by_a_sentence_or_a_display():
    named = {cid for s in SENTENCES for cid in s.claims}
    missing = [c.id for c in _registry() if c.paper == "paper1" and c.id not in named]
    assert not missing, f"paper-1 claims in no sentence or display: {missing}"


def test_every_prose_claim_judges_a_sentence_of_the_running_text():
    """The prose claims exist for sentences, not displays."""
    in_text = {cid for s in SENTENCES if s.kind == "sentence" for cid in s.claims}
    assert {c.id for c in paper1_prose.CLAIMS} <= in_text


def test_places_are_unique_and_sections_known():
    wheres = [s.where for s in SENTENCES]
    assert len(wheres) == len(set(wheres))
    sections = {s.section for s in SENTENCES}
    assert {"Abstract", "Sec. 1", "Sec. 1.1", "Sec. 2", "Sec. 3", "Sec. 3.1", "Sec. 3.2", "Sec. 4.1",
            "Sec. 4.2", "Sec. 5"} <= sections


def test_the_abstract_and_the_contributions_are_judged():
    """The sentences most likely to mislead a reader have a claim."""
    places = ("Abstract, s5", "Sec. 1, contributions, item 1 s1", "Sec. 1, contributions, item 1 s3",
              "Sec. 1, contributions, item 2")
    key = [s for s in SENTENCES if s.where in places]
    assert len(key) == 4 and all(s.status in ("claimed", "partly") for s in key)


def test_statuses_are_counted_and_every_sentence_has_a_fate():
    assert all(s.status in STATUSES for s in SENTENCES)
    assert all(s.reason for s in SENTENCES if s.status != "claimed")
    text = coverage_markdown(SENTENCES, _registry())
    n = sum(1 for s in SENTENCES if s.kind == "sentence")
    assert f"* sentences: {n} (" in text


@pytest.mark.parametrize("kwargs, match", [
    ({"status": "maybe"}, "unknown status"),
    ({"status": "claimed"}, "names its claims"),
    ({"status": "not checkable"}, "needs its reason"),
    ({"status": "not checkable", "reason": "r", "claims": ("eq7.gradient",)}, "names no claim"),
    ({"claims": ("eq7.gradient",), "status": "partly"}, "needs its reason"),
    ({"claims": ("eq7.gradient",), "kind": "figure"}, "unknown kind"),
])
def test_a_malformed_sentence_is_refused(kwargs, match):
    with pytest.raises(ValueError, match=match):
        Sentence("Sec. 9, s1", "A sentence.", **kwargs)


def _toy(cid: str, paper: str = "paper1") -> Claim:
    return Claim(cid, paper, "Sec. 9", "s", "d",
                 (Check("c", lambda: CheckResult(Verdict.HOLDS, Evidence("exact")), "c"),))


def test_an_unknown_claim_id_is_a_problem_and_blocks_rendering():
    sents = [Sentence("Sec. 9, s1", "One.", ("demo.missing",))]
    problems = coverage_problems(sents, [_toy("demo.one")])
    assert any("not registered" in p for p in problems)
    assert any("named by no sentence" in p for p in problems)
    with pytest.raises(ValueError, match="inconsistent"):
        coverage_markdown(sents, [_toy("demo.one")])


def test_a_paper2_claim_needs_no_sentence():
    sents = [Sentence("Sec. 9, s1", "One.", ("demo.one",))]
    assert coverage_problems(sents, [_toy("demo.one"), _toy("demo.two", "paper2")]) == []
    text = coverage_markdown(sents, [_toy("demo.one"), _toy("demo.two", "paper2")])
    assert "`demo.one`" in text and "`demo.two`" not in text


def test_rendering_escapes_table_cells_and_clips_long_sentences():
    long = "x | y " * 100
    sents = [Sentence("Sec. 9, s1", long, ("demo.one",))]
    text = coverage_markdown(sents, [_toy("demo.one")])
    row = next(line for line in text.splitlines() if line.startswith("| Sec. 9, s1"))
    assert "x \\| y" in row and "..." in row and len(row) < 600


def test_the_discrete_sentences_are_mapped_to_the_discrete_claims():
    """Sec. 5 s4 names no reduced-rank regression; Sec. 1.1 para 6 s7 is Cor. 3's result."""
    by_where = {s.where: s for s in SENTENCES}
    s4 = by_where["Sec. 5, s4"]
    assert s4.status == "partly" and "abstract.rrr" not in s4.claims and "cor3.limits" in s4.claims
    assert by_where["Sec. 1.1, ¶6 s7"].claims == ("cor3.limits",)
