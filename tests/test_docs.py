"""Generated documentation is not stale."""

from pathlib import Path

from symdln.claims import CLAIMS
from symdln.report import claims_table_markdown

ROOT = Path(__file__).resolve().parents[1]


def test_claims_table_is_current():
    text = (ROOT / "docs" / "claims.md").read_text(encoding="utf-8")
    assert text == claims_table_markdown(CLAIMS), (
        "docs/claims.md is stale: regenerate it with `symdln docs`"
    )


def test_findings_verdicts_are_set_from_the_labels():
    import pytest

    from symdln.docs_findings import findings_rows, set_verdicts

    page = ("# t\n\n| claim | verdict | what |\n| --- | --- | --- |\n"
            "| `a.b` (a reading) | fails | x \\| y |\n| `c.d`, `e.f` | holds | z |\n\n| other | table |\n"
            "| `g.h` | kept |\n")
    out = set_verdicts(page, {"a.b": "holds", "c.d": "inconclusive", "e.f": "inconclusive"})
    assert "| `a.b` (a reading) | holds | x \\| y |" in out
    assert "| `c.d`, `e.f` | inconclusive | z |" in out
    assert "| `g.h` | kept |" in out  # not a findings table
    assert [ids for _, ids, _ in findings_rows(out)] == [("a.b",), ("c.d", "e.f")]
    with pytest.raises(ValueError, match="different verdicts"):
        set_verdicts(page, {"a.b": "holds", "c.d": "holds", "e.f": "fails"})
    with pytest.raises(ValueError, match=r"no verdict for a\.b"):
        set_verdicts(page, {"c.d": "holds", "e.f": "holds"})
    with pytest.raises(ValueError, match="names no claim"):
        findings_rows("| claim | verdict |\n| --- | --- |\n| none | holds |\n")
