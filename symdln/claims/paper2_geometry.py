"""Claims of Paper 2: depth-N geometry and matrix completion."""

from __future__ import annotations

from symdln.claims.record import Claim

CLAIMS: tuple[Claim, ...] = ()
