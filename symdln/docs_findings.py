"""The findings tables of the docs pages (``docs/linear.md``, ``continuous.md``, ...): their verdict
column is computed, never typed.

A findings table is a Markdown table whose header starts ``| claim | verdict |``; each row names one
or more claims in backticks in its first cell and their verdict in the second.  ``symdln docs`` runs
the registry and rewrites the second cell of every row with the verdict the run gives
(:func:`set_verdicts`); the other cells are the page's prose.  ``tests/test_verify_all.py`` compares
each row with the run of its claims, so a page cannot drift from the verdicts.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

__all__ = ["FindingsRow", "findings_rows", "set_verdicts"]

_HEADER = re.compile(r"^\|\s*claim\s*\|\s*verdict\s*\|")
_ID = re.compile(r"`([A-Za-z0-9_]+(?:\.[A-Za-z0-9_]+)+)`")

#: (line number, claim ids, verdict cell) of one row of a findings table
FindingsRow = tuple[int, tuple[str, ...], str]


def findings_rows(text: str) -> list[FindingsRow]:
    """The rows of the findings tables of a page.

    >>> page = "| claim | verdict | what |\\n| --- | --- | --- |\\n| `eq7.gradient` | holds | x |\\n\\nprose"
    >>> findings_rows(page)
    [(2, ('eq7.gradient',), 'holds')]
    """
    rows: list[FindingsRow] = []
    in_table = False
    for n, line in enumerate(text.splitlines()):
        if _HEADER.match(line):
            in_table = True
            continue
        if not in_table or not line.startswith("|"):
            in_table = False
            continue
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) < 2 or set(cells[0]) <= {"-", " ", ":"}:
            continue  # the separator row
        ids = tuple(_ID.findall(cells[0]))
        if not ids:
            raise ValueError(f"line {n + 1}: a findings row names no claim: {line[:80]!r}")
        rows.append((n, ids, cells[1]))
    return rows


def set_verdicts(text: str, labels: Mapping[str, str]) -> str:
    """``text`` with the verdict cell of every findings row set to ``labels[id]`` (the claims of one
    row must share their verdict).

    >>> set_verdicts("| claim | verdict |\\n| --- | --- |\\n| `a.b` | fails |", {"a.b": "holds"})
    '| claim | verdict |\\n| --- | --- |\\n| `a.b` | holds |'
    """
    lines = text.split("\n")
    for n, ids, _ in findings_rows(text):
        unknown = [i for i in ids if i not in labels]
        if unknown:
            raise ValueError(f"line {n + 1}: no verdict for {', '.join(unknown)}")
        verdicts = {labels[i] for i in ids}
        if len(verdicts) != 1:
            raise ValueError(f"line {n + 1}: the claims {', '.join(ids)} of one row have different "
                             f"verdicts ({', '.join(sorted(verdicts))}): give each its row")
        first, _, rest = lines[n].strip().strip("|").partition("|")
        _, _, tail = rest.partition("|")
        lines[n] = f"| {first.strip()} | {verdicts.pop()} |" + (f"{tail}|" if tail else "")
    return "\n".join(lines)
