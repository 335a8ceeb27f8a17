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
