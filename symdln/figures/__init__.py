"""Reproductions of the papers' figures, generated from the package's own computations.

Each :class:`Figure` builds a matplotlib figure *and* returns the data it
plots, so tests check the data, not the pixels.  ``symdln figures --out DIR``
writes every figure as PNG and SVG.  Groups of figures live in their own
modules and are listed here explicitly.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

__all__ = ["FIGURES", "Figure"]


@dataclass(frozen=True)
class Figure:
    """One figure: ``build()`` returns ``(matplotlib_figure, data)``."""

    name: str
    title: str
    build: Callable[[], tuple[Any, Mapping[str, Any]]]


def _all() -> tuple[Figure, ...]:
    from symdln.figures import (
        paper1_continuous,
        paper1_data,
        paper1_discrete,
        paper2_completion,
    )

    return (
        *paper1_continuous.FIGURES,
        *paper1_discrete.FIGURES,
        *paper1_data.FIGURES,
        *paper2_completion.FIGURES,
    )


def __getattr__(name: str) -> Any:
    # FIGURES is built lazily so that importing symdln.figures does not import matplotlib.
    if name == "FIGURES":
        return _all()
    raise AttributeError(name)


FIGURES: tuple[Figure, ...]
