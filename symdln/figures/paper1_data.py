"""Figures of this group (see :mod:`symdln.figures`)."""

from __future__ import annotations

from symdln.figures import Figure

FIGURES: tuple[Figure, ...] = ()
