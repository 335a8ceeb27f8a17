r"""Reproductions of the papers' figures, generated from the package's own computations.

Each :class:`Figure` builds a matplotlib figure *and* returns the data it plots, so tests check
the data, not the pixels.  :func:`save_figure` writes ``<name>.png``, ``<name>.pdf`` and the
plotted data ``<name>.csv`` (long format, one row per plotted point, the header naming each
quantity and its unit; :class:`Table`).  ``symdln figures --out DIR`` writes every figure.

Groups of figures live in their own modules and are listed here explicitly:

* :mod:`symdln.figures.paper1_continuous` -- ``paper1_fig1`` (Fig. 1 of paper 1);
* :mod:`symdln.figures.paper1_discrete` -- ``discrete_rescaled`` (Sec. 3.2);
* :mod:`symdln.figures.paper1_data` -- ``fig2_autoencoder`` (Fig. 2, Sec. 4.2);
* :mod:`symdln.figures.paper2_completion` -- ``p2_completion_2x2``, ``p2_completion_3x3``,
  ``p2_completion_arora`` (paper 2's matrix completion).

Every figure is built inside one rc context (:func:`symdln.figures._style.figure_style`); labels
are mathtext in the papers' notation.  Importing this package does not import matplotlib.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from symdln.figures._style import Table

__all__ = ["FIGURES", "FORMATS", "Figure", "Table", "save_figure"]

#: the image formats :func:`save_figure` knows (the CSV is always written)
FORMATS = ("png", "pdf", "svg")


@dataclass(frozen=True)
class Figure:
    """One figure: ``build()`` returns ``(matplotlib_figure, data)``; ``data["table"]`` is the
    :class:`Table` of what is plotted."""

    name: str
    title: str
    build: Callable[[], tuple[Any, Mapping[str, Any]]]


def save_figure(fig: Figure, out_dir: Path, *, formats: tuple[str, ...] = ("png", "pdf")) -> list[Path]:
    """Build ``fig`` and write it to ``out_dir`` (which must exist).

    Writes ``<name>.<ext>`` for each of ``formats`` (Agg for PNG, matplotlib's own PDF/SVG
    backends) and the plotted data as ``<name>.csv``, closes the matplotlib figure and returns
    the paths written, images first, the CSV last.

    Parameters
    ----------
    fig:
        a registered :class:`Figure` (see :data:`FIGURES`).
    out_dir:
        directory to write into.
    formats:
        image formats, a subset of :data:`FORMATS`; ``ValueError`` otherwise.

    Raises ``TypeError`` when the build does not return a :class:`Table` under ``"table"``;
    ``OSError`` from writing propagates.
    """
    bad = [f for f in formats if f not in FORMATS]
    if bad:
        raise ValueError(f"unknown figure format(s) {bad}; known: {', '.join(FORMATS)}")
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    from symdln.figures._style import figure_style

    out_dir = Path(out_dir)
    with figure_style():
        mfig, data = fig.build()
        try:
            table = data.get("table")
            if not isinstance(table, Table):
                raise TypeError(f"figure {fig.name!r}: build() returned no Table under 'table'")
            FigureCanvasAgg(mfig)  # attach a non-interactive canvas (no pyplot, no GUI)
            paths = []
            for ext in formats:
                path = out_dir / f"{fig.name}.{ext}"
                mfig.savefig(path, format=ext, metadata=_metadata(fig, ext))
                paths.append(path)
            paths.append(table.write(out_dir / f"{fig.name}.csv"))
        finally:
            _close(mfig)
    return paths


def _metadata(fig: Figure, ext: str) -> dict[str, str] | None:
    if ext == "pdf":  # no creation date: the same figure gives the same bytes
        return {"Title": fig.title, "CreationDate": None}  # type: ignore[dict-item]
    if ext == "svg":
        return {"Title": fig.title, "Date": None}  # type: ignore[dict-item]
    return {"Title": fig.title}


def _close(mfig: Any) -> None:
    manager = getattr(mfig.canvas, "manager", None)
    if manager is not None:  # a pyplot figure: let pyplot forget it
        import matplotlib.pyplot as plt

        plt.close(mfig)
    mfig.clear()


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
