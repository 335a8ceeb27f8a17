"""The claims registry: one frozen :class:`Claim` per printed result.

The registry is data, listed explicitly, group by group; importing it runs
no check.  The report, the docs' claims table (``docs/claims.md``) and the
parametrised tests are all generated from :data:`CLAIMS`.

>>> len(CLAIMS) == len({c.id for c in CLAIMS})
True
>>> select(["*"]) == CLAIMS
True
"""

from __future__ import annotations

import fnmatch
from collections.abc import Iterable

from symdln.claims import (
    paper1_continuous,
    paper1_data,
    paper1_discrete,
    paper1_linear,
    paper1_prose,
    paper2_geometry,
)
from symdln.claims.record import PAPERS, Check, Claim

__all__ = ["CLAIMS", "PAPERS", "Check", "Claim", "UnknownClaimError", "by_id", "get", "select"]

#: Every registered claim, in report order.
CLAIMS: tuple[Claim, ...] = (
    *paper1_linear.CLAIMS,
    *paper1_continuous.CLAIMS,
    *paper1_discrete.CLAIMS,
    *paper1_data.CLAIMS,
    *paper1_prose.CLAIMS,
    *paper2_geometry.CLAIMS,
)


class UnknownClaimError(LookupError):
    """A pattern matched no registered claim."""


def by_id(claim_id: str) -> Claim:
    """The claim with this exact id."""
    for c in CLAIMS:
        if c.id == claim_id:
            return c
    raise UnknownClaimError(f"no claim has id {claim_id!r}")


#: the claim with this exact id (an alias of :func:`by_id`)
get = by_id


def _matches(claim_id: str, pattern: str) -> bool:
    if any(ch in pattern for ch in "*?["):
        return fnmatch.fnmatchcase(claim_id, pattern)
    return claim_id == pattern or claim_id.startswith(pattern + ".")


def select(patterns: Iterable[str] | None = None) -> tuple[Claim, ...]:
    """Claims whose id matches any pattern, in registry order.

    A pattern with ``*``, ``?`` or ``[`` is a glob; otherwise it matches the
    id itself and every id below it (``"eq21"`` matches ``"eq21.order"``).
    ``None`` or an empty list selects everything.  A pattern that matches
    nothing raises :class:`UnknownClaimError`.
    """
    pats = list(patterns or [])
    if not pats:
        return CLAIMS
    for p in pats:
        if not any(_matches(c.id, p) for c in CLAIMS):
            raise UnknownClaimError(
                f"no claim matches {p!r} (see 'symdln verify --list')"
            )
    return tuple(c for c in CLAIMS if any(_matches(c.id, p) for p in pats))


def _check_unique() -> None:
    seen: set[str] = set()
    for c in CLAIMS:
        if c.id in seen:
            raise ValueError(f"duplicate claim id {c.id!r}")
        seen.add(c.id)
    for c in CLAIMS:
        for u in c.uses:
            if u not in seen:
                raise ValueError(f"claim {c.id!r} uses unknown claim {u!r}")


_check_unique()
