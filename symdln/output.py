"""Writing the files the command line produces, so that none is ever left half written.

* :func:`write_text` -- write text to a path atomically (a temporary file in the same
  directory, then :func:`os.replace`), or to standard output for ``-``;
* :func:`check_writable` -- whether a path can be written, without creating it (run
  before a long computation whose result goes there).

A reader of the path sees the old file or the whole new one, never a part: after a
failed write (a full disk, a directory that vanished) or an interrupt (``Ctrl-C``),
the temporary file is removed and the path is as it was.

>>> import tempfile
>>> from pathlib import Path
>>> with tempfile.TemporaryDirectory() as d:
...     p = Path(d) / "r.json"
...     write_text(p, "{}\\n")
...     sorted(f.name for f in Path(d).iterdir()), p.read_text()
(['r.json'], '{}\\n')
"""

from __future__ import annotations

import errno
import os
import sys
import tempfile
from pathlib import Path
from typing import TextIO

__all__ = ["STDOUT", "check_writable", "is_stdout", "write_text"]

#: the path that means standard output
STDOUT = "-"


def is_stdout(path: str | os.PathLike[str] | None) -> bool:
    """Whether ``path`` means standard output (``-``).

    >>> is_stdout("-"), is_stdout("r.json"), is_stdout(None)
    (True, False, False)
    """
    return path is not None and os.fspath(path) == STDOUT


def _parent(path: Path) -> Path:
    return path.parent if str(path.parent) else Path(".")


def check_writable(path: str | os.PathLike[str]) -> None:
    """Raise :class:`OSError` (with a readable ``strerror``) unless :func:`write_text` can write
    ``path``: it is not a directory, its directory exists and a file can be created there.

    Nothing is left behind: the probe is a temporary file, removed at once.  ``-`` (standard
    output) is always writable.

    >>> check_writable("/no/such/dir/r.json")
    Traceback (most recent call last):
    ...
    FileNotFoundError: [Errno 2] directory /no/such/dir does not exist: '/no/such/dir/r.json'
    """
    if is_stdout(path):
        return
    p = Path(path)
    if p.is_dir():
        raise IsADirectoryError(errno.EISDIR, "it is a directory", str(p))
    parent = _parent(p)
    if not parent.is_dir():
        raise FileNotFoundError(errno.ENOENT, f"directory {parent} does not exist", str(p))
    fd, probe = tempfile.mkstemp(dir=parent, prefix=f".{p.name}.", suffix=".probe")
    os.close(fd)
    os.unlink(probe)


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def write_text(path: str | os.PathLike[str], text: str, *, encoding: str = "utf-8",
               stdout: TextIO | None = None) -> None:
    """Write ``text`` to ``path`` atomically; ``-`` writes it to standard output (or ``stdout``).

    The text goes to a temporary file beside ``path`` (same directory, so same file system),
    which is flushed to disk and then renamed over ``path`` with :func:`os.replace`.  On any
    exception, :class:`KeyboardInterrupt` included, the temporary file is removed and the
    exception propagates; ``path`` is untouched.  A new file gets the permissions the umask
    allows (as :func:`open` would give it); a replaced file keeps its permissions.

    Raises :class:`OSError` when the file cannot be written (no space left, no permission,
    directory missing).
    """
    if is_stdout(path):
        out = sys.stdout if stdout is None else stdout
        out.write(text)
        out.flush()
        return
    p = Path(path)
    if p.is_dir():
        raise IsADirectoryError(errno.EISDIR, "it is a directory", str(p))
    try:
        mode = p.stat().st_mode & 0o7777
    except FileNotFoundError:
        mode = 0o666 & ~_umask()
    fd, tmp = tempfile.mkstemp(dir=_parent(p), prefix=f".{p.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding=encoding, newline="") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, p)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
