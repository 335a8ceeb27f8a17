"""The global numeric state of mpmath and python-flint, scoped.

Both libraries keep their working precision in a process-wide context.  The
checks scope every precision they raise (``mp.workprec``, ``flint.ctx.workprec``);
:func:`default_precision` additionally runs a block from the libraries'
defaults (53 bits, plain printing) whatever the caller set, and restores the
caller's state afterwards, so that a claim is judged the same in a fresh
worker process, after another claim, or inside a session that changed the
precision.

>>> import mpmath
>>> with mpmath.workdps(40):
...     with default_precision():
...         mpmath.mp.prec
...     mpmath.mp.dps
53
40
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import flint
import mpmath

__all__ = ["DEFAULT_PREC", "default_precision"]

#: The default working precision of both libraries, in bits (IEEE double).
DEFAULT_PREC = 53


@contextmanager
def default_precision() -> Iterator[None]:
    """Run a block at the libraries' default precision and printing; restore the caller's after."""
    saved = (mpmath.mp.prec, mpmath.mp.pretty, flint.ctx.prec, flint.ctx.pretty)
    mpmath.mp.prec, mpmath.mp.pretty = DEFAULT_PREC, False
    flint.ctx.prec, flint.ctx.pretty = DEFAULT_PREC, True
    try:
        yield
    finally:
        mpmath.mp.prec, mpmath.mp.pretty, flint.ctx.prec, flint.ctx.pretty = saved
