"""Claims of Sec. 3.1 and App. A of paper 1: two-layer continuous dynamics."""

from __future__ import annotations

from symdln.claims.record import Claim

CLAIMS: tuple[Claim, ...] = ()
