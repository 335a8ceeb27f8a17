r"""The look of every figure, in one place, and the plotted data as a table.

* :func:`figure_style` -- a small matplotlib rc context (fonts, mathtext, line widths, grid); the
  figures are built and saved inside it, nothing is changed globally;
* :func:`new_figure` -- a :class:`matplotlib.figure.Figure` not registered with pyplot (closing it
  only drops the reference; no GUI backend is ever touched);
* :class:`Table` -- the data a figure plots, in long format, with column names that state the
  quantity and its unit; written beside the figure as CSV;
* :func:`bare_math` -- the ASCII mathematics left in a label once its mathtext (``$...$``) is
  removed (``Sigma_yx``, ``||W||_*``, ``sigma_i`` ...): what a label must not contain.

>>> bare_math(r"$\|W\|_*$ of $W_1W_2(\delta t)$")
[]
>>> bare_math("||W||_* against delta = 10, Sigma_yx = diag(1e-1, 1e-2)")
['||', '||', 'delta', 'Sigma', '_y', '1e-1', '1e-2']
"""

from __future__ import annotations

import contextlib
import csv
import math
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from matplotlib.typing import RcKeyType

__all__ = ["RC", "Table", "bare_math", "delta_colours", "figure_style", "figure_texts", "new_figure"]

#: the rc settings of every figure (applied with :func:`matplotlib.rc_context`, never globally)
RC: dict[RcKeyType, Any] = {
    "font.size": 9.0,
    "axes.titlesize": 9.5,
    "axes.labelsize": 9.5,
    "legend.fontsize": 7.5,
    "legend.frameon": False,
    "xtick.labelsize": 8.0,
    "ytick.labelsize": 8.0,
    "figure.titlesize": 10.5,
    "mathtext.fontset": "cm",
    "axes.grid": True,
    "grid.alpha": 0.25,
    "grid.linewidth": 0.5,
    "lines.linewidth": 1.4,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "savefig.dpi": 200,
}


@contextlib.contextmanager
def figure_style() -> Iterator[None]:
    """Context in which the figures are built and saved: :data:`RC` on top of matplotlib's defaults."""
    import matplotlib

    with matplotlib.rc_context(RC):
        yield


def new_figure(width: float, height: float, **kwargs: Any) -> Any:
    """A constrained-layout :class:`matplotlib.figure.Figure` of ``width`` x ``height`` inches."""
    from matplotlib.figure import Figure as MplFigure

    return MplFigure(figsize=(width, height), layout="constrained", **kwargs)


def delta_colours(n: int) -> list[Any]:
    """``n`` colours of one sequential map, dark to light: the same delta gets the same colour in
    every panel of a figure."""
    from matplotlib import colormaps

    cmap = colormaps["viridis"]
    return [cmap(0.85 * k / max(n - 1, 1)) for k in range(n)]


def _cell(x: Any) -> str:
    if x is None:
        return ""
    if isinstance(x, bool):
        return str(int(x))
    if isinstance(x, float):
        return "" if math.isnan(x) else repr(x)  # shortest repr: reads back to the same float
    if hasattr(x, "item") and not isinstance(x, str):  # numpy scalar
        return _cell(x.item())
    return str(x)


@dataclass(frozen=True)
class Table:
    """Long-format plotted data: one row per plotted point.

    ``columns`` name the quantity and its unit (``"t [rescaled time]"``); cells are strings,
    integers or floats (written with ``repr``, so a float reads back bit for bit; NaN and None
    are written as an empty cell).

    >>> t = Table(("series", "x [1]", "y [1]"), (("a", 0.1, 2), ("b", float("nan"), None)))
    >>> t.to_csv().splitlines()
    ['series,x [1],y [1]', 'a,0.1,2', 'b,,']
    """

    columns: tuple[str, ...]
    rows: tuple[tuple[Any, ...], ...]

    def __post_init__(self) -> None:
        width = len(self.columns)
        for k, row in enumerate(self.rows):
            if len(row) != width:
                raise ValueError(f"row {k} has {len(row)} cells, the header {width}")

    @classmethod
    def from_rows(cls, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> Table:
        """A table from any iterable of rows."""
        return cls(tuple(columns), tuple(tuple(r) for r in rows))

    def to_csv(self) -> str:
        """The table as CSV text (header row first, ``\\n`` line ends)."""
        import io

        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow(self.columns)
        w.writerows([_cell(x) for x in row] for row in self.rows)
        return buf.getvalue()

    def write(self, path: Path) -> Path:
        """Write the CSV to ``path``; returns ``path``."""
        path.write_text(self.to_csv(), encoding="utf-8")
        return path


_MATH = re.compile(r"(?<!\\)\$.*?(?<!\\)\$")
#: ASCII mathematics that belongs in mathtext: symbol names, subscripts, norms, powers, e-notation
_BARE = re.compile(
    r"\|\||_\{?\w|\^|(?<![A-Za-z])(?:Sigma|sigma|lambda|delta|eta|tau|epsilon|inf|sqrt|log10|exp)"
    r"(?![A-Za-z])|\b\d+e-?\d+\b"
)


def bare_math(text: str) -> list[str]:
    """The ASCII-math tokens of ``text`` outside its ``$...$`` mathtext segments (empty: clean)."""
    return _BARE.findall(_MATH.sub(" ", text))


def figure_texts(mfig: Any) -> list[str]:
    """Every non-empty text of a matplotlib figure: titles, axis and colorbar labels, legend entries
    (tick labels are made when the figure is drawn)."""
    from matplotlib.text import Text

    return [t.get_text() for t in mfig.findobj(Text) if t.get_text()]
