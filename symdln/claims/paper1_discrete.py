"""Claims of Sec. 3.2 of paper 1: two-layer discrete dynamics."""

from __future__ import annotations

from symdln.claims.record import Claim

CLAIMS: tuple[Claim, ...] = ()
