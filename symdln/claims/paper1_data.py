"""Claims of Sec. 4 of paper 1: experiments on data."""

from __future__ import annotations

from symdln.claims.record import Claim

CLAIMS: tuple[Claim, ...] = ()
