"""Griffe extension for the API reference: reStructuredText markup of symdln's docstrings -> Markdown.

symdln's docstrings are numpy-style with Sphinx markup, which Markdown does not read:

* ``:math:`x``` becomes ``\\(x\\)`` and a ``.. math::`` directive a ``$$ ... $$`` block, so that
  ``pymdownx.arithmatex`` hands them to MathJax;
* ``:func:`name```, ``:class:``, ``:data:``, ``:mod:``, ``:attr:``, ``:meth:``, ``:exc:`` become
  optional cross-references (``<autoref optional>``), resolved in the scope of the documented object:
  a link where the target has a page, plain code otherwise (never a build warning);
* a doctest block (``>>>`` lines and their output, up to a blank line) outside an ``Examples``
  section becomes a fenced ``pycon`` block instead of a nested Markdown quote;
* a reST simple table (rows between ``====  ====`` borders) becomes a Markdown table.

Loaded by ``mkdocs.yml`` (``plugins: mkdocstrings: handlers: python: options: extensions``).
The docstrings in the package stay as they are; only the rendered copy is converted.
"""

from __future__ import annotations

import html
import re
from typing import Any

import griffe

_ROLE = re.compile(r":(?P<role>math|func|class|data|mod|attr|meth|exc|obj):`(?P<body>[^`]+)`")
_XREF_ROLES = {"func", "class", "data", "mod", "attr", "meth", "exc", "obj"}
_DIRECTIVE = re.compile(r"^(?P<indent>[ \t]*)\.\. math::[ \t]*(?P<rest>.*)$")
_TITLED = re.compile(r"^(?P<title>.+?)\s*<(?P<target>[^<>]+)>$", re.DOTALL)
# numpy sections whose body griffe reads as items: text after them, up to the next section, is lost
_ITEM_SECTIONS = {"parameters", "other parameters", "returns", "yields", "receives", "raises", "warns",
                  "attributes", "functions", "classes", "modules", "methods"}


_BORDER = re.compile(r"^[ \t]*=+(?:[ \t]+=+)+[ \t]*$")
_GAP = re.compile(r"[ \t]{2,}")


def _indent_of(line: str) -> int:
    return len(line) - len(line.lstrip())


def math_blocks(text: str) -> str:
    """Turn every ``.. math::`` directive into a ``$$`` block at the directive's indentation.

    >>> print(math_blocks(".. math:: a^2\\n    + b^2\\n\\nafter"))
    $$
    a^2
    + b^2
    $$
    <BLANKLINE>
    after
    """
    lines = text.split("\n")
    out: list[str] = []
    i = 0
    while i < len(lines):
        m = _DIRECTIVE.match(lines[i])
        if m is None:
            out.append(lines[i])
            i += 1
            continue
        indent = m["indent"]
        body = [m["rest"].strip()] if m["rest"].strip() else []
        i += 1
        while i < len(lines) and (not lines[i].strip() or _indent_of(lines[i]) > len(indent)):
            if lines[i].strip():
                body.append(lines[i].strip())
            elif body and i + 1 < len(lines) and lines[i + 1].strip() \
                    and _indent_of(lines[i + 1]) <= len(indent):
                break  # the blank line that ends the directive
            i += 1
        out.extend([f"{indent}$$", *(f"{indent}{b}" for b in body), f"{indent}$$"])
        if i < len(lines) and lines[i].strip():
            out.append("")
    return "\n".join(out)


def doctest_fences(text: str) -> str:
    """Fence each doctest block (a ``>>>`` line, its continuation and output lines) as ``pycon``.

    Blocks already inside a fence are left alone.  A block after a numpy section of items
    (``Parameters``, ``Returns``, ...) opens an ``Examples`` section, where griffe would otherwise read
    it as malformed items and drop it.

    >>> prompt = ">" * 3  # a literal prompt here would start a doctest of its own
    >>> doctest_fences(f"Text.\\n\\n{prompt} 1 + 1\\n2\\n\\nMore.").split("\\n")
    ['Text.', '', '```pycon', '>>> 1 + 1', '2', '```', '', 'More.']
    >>> numpy_doc = "Sum.\\n\\nParameters\\n----------\\nx:\\n    a.\\n\\n"
    >>> doctest_fences(f"{numpy_doc}{prompt} f(1)\\n2").split("\\n")[-6:]
    ['Examples', '--------', '```pycon', '>>> f(1)', '2', '```']
    """
    lines = text.split("\n")
    out: list[str] = []
    fenced = False
    section = ""
    i = 0
    while i < len(lines):
        line = lines[i]
        stripped = line.lstrip()
        if stripped.startswith("```"):
            fenced = not fenced
        if i + 1 < len(lines) and stripped and set(lines[i + 1].strip()) == {"-"}:
            section = stripped.lower()
        if fenced or not stripped.startswith(">>>"):
            out.append(line)
            i += 1
            continue
        indent = line[: len(line) - len(stripped)]
        if section in _ITEM_SECTIONS and not indent:
            out.extend(["Examples", "--------"])
            section = "examples"
        block = []
        while i < len(lines) and lines[i].strip():
            block.append(lines[i][len(indent):] if lines[i].startswith(indent) else lines[i].lstrip())
            i += 1
        out.extend([f"{indent}```pycon", *(f"{indent}{b}" for b in block), f"{indent}```"])
    return "\n".join(out)


def _cut(line: str, pos: int, b: int) -> tuple[int, int] | None:
    """Where the cell starting at ``pos`` ends, for a column border at ``b``: a gap that spans the border,
    else a blank just at it, else the first wide gap, else the first blank past it (a cell may overrun)."""
    gaps = [m for m in re.finditer(r"[ \t]+", line[pos:]) if m.end() + pos >= b]
    wide = [m for m in gaps if len(m.group()) >= 2]
    for m in wide:
        if m.start() + pos <= b:
            return m.start() + pos, m.end() + pos
    if 0 < b < len(line) and not line[b - 1].isspace() and line[b].isspace():
        m = re.match(r"[ \t]+", line[b:])
        return b, b + (m.end() if m else 0)
    m = (wide or gaps or [None])[0]
    return None if m is None else (m.start() + pos, m.end() + pos)


def _cells(line: str, starts: list[int]) -> list[str]:
    """A row of a simple table, split at the column borders ``starts`` (see :func:`_cut`)."""
    cells: list[str] = []
    pos = starts[0]
    for b in starts[1:]:
        cut = _cut(line, pos, b)
        if cut is None:
            break
        cells.append(line[pos:cut[0]].strip())
        pos = cut[1]
    cells.append(line[pos:].strip())
    return cells + [""] * (len(starts) - len(cells))


def _closes(lines: list[str], j: int, indent: int) -> bool:
    """Whether line ``j`` is the closing border of a table (a border not followed by a row)."""
    after = lines[j + 1] if j + 1 < len(lines) else ""
    return bool(_BORDER.match(lines[j])) and (not after.strip() or _indent_of(after) < indent)


def simple_tables(text: str) -> str:
    """Turn each reST simple table into a Markdown table.

    A row whose first column is blank continues the row above; with three borders the rows above the
    middle one are the header, with two the Markdown header is left empty.

    >>> print(simple_tables("=====  =====\\n``a``  one\\n       more\\n``b``  two\\n=====  ====="))
    |  |  |
    | --- | --- |
    | ``a`` | one more |
    | ``b`` | two |
    """
    lines = text.split("\n")
    out: list[str] = []
    i = 0
    while i < len(lines):
        if not _BORDER.match(lines[i]):
            out.append(lines[i])
            i += 1
            continue
        indent = lines[i][: _indent_of(lines[i])]
        starts = [m.start() for m in re.finditer(r"=+", lines[i])]
        rows: list[list[str]] = []
        header: list[list[str]] = []
        j = i + 1
        while j < len(lines) and not _closes(lines, j, len(indent)):
            line = lines[j]
            if _BORDER.match(line):
                header, rows = rows, []
            elif line.strip() and rows and not line[starts[0]:starts[1]].strip():
                for k, cell in enumerate(_cells(line, starts)[1:]):
                    rows[-1][k + 1] = f"{rows[-1][k + 1]} {cell}".strip()
            elif line.strip():
                rows.append(_cells(line, starts))
            j += 1
        head = header[0] if header else [""] * len(starts)
        md = [head, ["---"] * len(starts), *rows]
        out.extend(indent + "| " + " | ".join(c.replace("|", "\\|") for c in r) + " |" for r in md)
        i = j + 1
    return "\n".join(out)


def _target(obj: griffe.Object, name: str) -> str:
    """The full path ``name`` refers to in the scope of ``obj`` (best effort: ``name`` itself)."""
    name = name.lstrip("~.!")
    head, _, tail = name.partition(".")
    if head == obj.package.name:
        return name
    try:
        resolved = obj.resolve(head)
    except griffe.NameResolutionError:
        return name
    return f"{resolved}.{tail}" if tail else resolved


def inline_roles(text: str, obj: griffe.Object) -> str:
    r"""Replace the Sphinx roles of ``text`` (see the module docstring).

    >>> mod = griffe.Module("pkg")
    >>> inline_roles(r"see :math:`\sigma_i` and :func:`~pkg.sub.f`", mod)
    'see \\(\\sigma_i\\) and <autoref identifier="pkg.sub.f" optional><code>f</code></autoref>'
    """

    def replace(m: re.Match[str]) -> str:
        role, body = m["role"], m["body"]
        if role == "math":
            return rf"\({body}\)"
        titled = _TITLED.match(body)
        title, name = (titled["title"], titled["target"]) if titled else (body, body)
        if not titled and name.startswith("~"):
            title = name.rsplit(".", 1)[-1]
        ident = html.escape(_target(obj, name), quote=True)
        code = html.escape(title.lstrip("~!"))
        return f'<autoref identifier="{ident}" optional><code>{code}</code></autoref>'

    return _ROLE.sub(replace, text)


def convert(text: str, obj: griffe.Object) -> str:
    """All the conversions, in the order that keeps them apart: blocks first, then inline roles."""
    return inline_roles(simple_tables(doctest_fences(math_blocks(text))), obj)


class RstToMarkdown(griffe.Extension):
    """Converts every docstring of a loaded package once the whole package is known (so that
    names imported later in a module still resolve)."""

    def on_package(self, *, pkg: griffe.Module, **kwargs: Any) -> None:
        seen: set[int] = set()
        stack: list[griffe.Object] = [pkg]
        while stack:
            obj = stack.pop()
            if id(obj) in seen:
                continue
            seen.add(id(obj))
            if obj.docstring is not None:
                obj.docstring.value = convert(obj.docstring.value, obj)
                obj.docstring.__dict__.pop("parsed", None)  # drop a parse cached before the conversion
            stack.extend(m for m in obj.members.values() if not m.is_alias)
