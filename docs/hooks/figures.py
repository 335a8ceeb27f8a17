"""MkDocs hook: the figures page shows every registered figure, computed at build time.

``mkdocs build`` renders each figure of :data:`symdln.figures.FIGURES` with
:func:`symdln.figures.save_figure` (PNG and the plotted data as CSV) and adds the files to the site
under ``figures/``, so that ``docs/figures.md`` can show ``figures/NAME.png`` and link
``figures/NAME.csv``; nothing generated is kept in the repository.  With the environment variable
``SYMDLN_DOCS_FIGURES=placeholder`` (the tests' strict build) a 1 x 1 PNG and the CSV header stand
in for each figure, so that the site's structure is checked without computing the figures, which
their own tests do.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any


def placeholder_png() -> bytes:
    """A 1 x 1 transparent PNG (written by Pillow, matplotlib's image library)."""
    import io

    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGBA", (1, 1)).save(buf, format="PNG")
    return buf.getvalue()


def render(name: str, placeholder: bool = False) -> dict[str, bytes]:
    """``{"figures/NAME.png": ..., "figures/NAME.csv": ...}`` for the registered figure ``name``."""
    from symdln.figures import FIGURES, save_figure

    fig = next((f for f in FIGURES if f.name == name), None)
    if fig is None:
        raise KeyError(f"no registered figure {name!r}")
    if placeholder:
        return {f"figures/{name}.png": placeholder_png(), f"figures/{name}.csv": b"placeholder\n"}
    with tempfile.TemporaryDirectory() as tmp:
        paths = save_figure(fig, Path(tmp), formats=("png",))
        return {f"figures/{p.name}": p.read_bytes() for p in paths}


def on_files(files: Any, config: Any) -> Any:
    """Add ``figures/NAME.png`` and ``figures/NAME.csv`` for every registered figure."""
    from mkdocs.structure.files import File

    from symdln.figures import FIGURES

    placeholder = os.environ.get("SYMDLN_DOCS_FIGURES") == "placeholder"
    for fig in FIGURES:
        for path, content in render(fig.name, placeholder).items():
            files.append(File.generated(config, path, content=content))
    return files
