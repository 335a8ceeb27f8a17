r"""Formulas and corrections as data: SymPy objects in the paper's symbols.

A printed formula that is a formula lives in the registry as a SymPy object
(an ``Expr``, a ``Relational`` or a ``Boolean``); so does its correction.  The
text and the LaTeX of a correction are **rendered from** its expression,
never typed beside it, so the statement in a report is the statement the
check judged.

* :class:`Correction` -- the corrected formula, condition or hypothesis
  (``expr``), or, where the correction cannot be a formula, the reason why;
* :func:`render_text` / :func:`render_latex` -- one rendering each;
* :func:`parse_formula` -- a user's text in a claim's documented symbols, with
  one-line errors (:class:`FormulaError`) for syntax errors, unknown symbols
  and the wrong kind of object.

>>> import sympy as sp
>>> wt, b = sp.symbols("w_t b", positive=True)
>>> c = Correction(sp.Implies(b <= 1, wt <= b))
>>> c.statement
'if b <= 1 then w_t <= b'
>>> c.latex
'b \\leq 1 \\Rightarrow w_{t} \\leq b'
>>> Correction(None, reason="a remark, not a formula").statement
'a remark, not a formula'
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import sympy as sp
from sympy.core.function import AppliedUndef

__all__ = [
    "KINDS",
    "Correction",
    "FormulaError",
    "kind_of",
    "parse_formula",
    "render_latex",
    "render_text",
]

#: the kinds of formula a claim can have
KINDS = ("expr", "relational", "boolean")


class FormulaError(ValueError):
    """A formula a user gave cannot be judged (syntax, unknown symbol, wrong kind)."""


def kind_of(expr: sp.Basic) -> str:
    """``"relational"``, ``"boolean"`` or ``"expr"``.

    >>> x = sp.Symbol("x")
    >>> kind_of(x <= 1), kind_of(sp.And(x <= 1, x >= 0)), kind_of(x + 1)
    ('relational', 'boolean', 'expr')
    """
    if isinstance(expr, sp.core.relational.Relational):
        return "relational"
    if isinstance(expr, sp.logic.boolalg.Boolean):
        return "boolean"
    if isinstance(expr, sp.Expr):
        return "expr"
    raise FormulaError(f"not a formula: {expr!r} ({type(expr).__name__})")


def render_text(expr: sp.Basic) -> str:
    """Plain text of a formula: SymPy's string form, with the logical connectives in words.

    >>> x, y = sp.symbols("x y")
    >>> render_text(sp.Equivalent(x > 0, y > 0))
    'x > 0 if and only if y > 0'
    >>> render_text(sp.And(sp.Implies(x > 0, y > 0), sp.Implies(x < 0, y < 0)))
    '(if x > 0 then y > 0) and (if x < 0 then y < 0)'
    """
    if isinstance(expr, sp.Implies):
        return f"if {_inner(expr.args[0])} then {_inner(expr.args[1])}"
    if isinstance(expr, sp.Equivalent):
        return " if and only if ".join(_inner(a) for a in expr.args)
    if isinstance(expr, (sp.And, sp.Or)):
        word = " and " if isinstance(expr, sp.And) else " or "
        return word.join(_inner(a) for a in _ordered(expr))
    if isinstance(expr, sp.Not):
        return f"not ({render_text(expr.args[0])})"
    if isinstance(expr, sp.Eq):
        return f"{sp.sstr(expr.lhs)} = {sp.sstr(expr.rhs)}"
    return sp.sstr(expr)


def _ordered(expr: sp.Basic) -> list[sp.Basic]:
    return sorted(expr.args, key=sp.default_sort_key)


def _inner(expr: sp.Basic) -> str:
    text = render_text(expr)
    return f"({text})" if isinstance(expr, (sp.Implies, sp.Equivalent, sp.And, sp.Or)) else text


def render_latex(expr: sp.Basic) -> str:
    r"""LaTeX of a formula (SymPy's printer).

    >>> render_latex(sp.Symbol("w_0") <= 1)
    'w_{0} \\leq 1'
    """
    return str(sp.latex(expr))


@dataclass(frozen=True)
class Correction:
    """The correction of a printed statement, as data.

    Parameters
    ----------
    expr:
        The corrected formula, condition or hypothesis, a SymPy object in the
        paper's symbols; ``None`` only where the correction cannot be a formula.
    reason:
        Required when ``expr`` is ``None``: what the correction is and why it is
        not a formula (it is then the statement).  Must be empty otherwise.
    context:
        What the symbols of ``expr`` denote where the claim's notation does not
        say it (e.g. "w_t the singular value of W_1^(t) W_2^(t)"); rendered after
        the formula.  It names things; it does not restate the formula.
    """

    expr: sp.Basic | None
    reason: str | None = None
    context: str | None = None

    def __post_init__(self) -> None:
        if self.expr is None:
            if not self.reason:
                raise ValueError("a correction without a formula needs the reason")
            return
        if self.reason:
            raise ValueError("a correction with a formula renders its statement; it takes no reason")
        kind_of(self.expr)

    @property
    def statement(self) -> str:
        """The corrected statement, rendered from :attr:`expr` (and :attr:`context`)."""
        if self.expr is None:
            assert self.reason is not None
            return self.reason
        text = render_text(self.expr)
        return f"{text} ({self.context})" if self.context else text

    @property
    def latex(self) -> str | None:
        """LaTeX of :attr:`expr`, or ``None`` when the correction is not a formula."""
        return None if self.expr is None else render_latex(self.expr)

    def replaced(self, expr: sp.Basic) -> Correction:
        """The same correction with another formula (a user's proposal)."""
        return Correction(expr, context=self.context)


_GLOBALS: dict[str, object] = {}


def _sympy_globals() -> dict[str, object]:
    if not _GLOBALS:
        exec("from sympy import *", _GLOBALS)  # the names a SymPy user writes: exp, sqrt, Implies, ...
    return _GLOBALS


def parse_formula(text: str, symbols: Mapping[str, Any], kinds: tuple[str, ...] = KINDS) -> sp.Basic:
    """Parse ``text`` with SymPy in the given symbols (name -> Symbol, or an undefined function
    such as ``w`` for ``w(t)``).

    ``lambda`` may be written as is (it is a Python keyword).  Every free symbol
    must be one of ``symbols``; the result must be of one of ``kinds``.

    >>> lam, x = sp.Symbol("lambda", positive=True), sp.Symbol("x")
    >>> parse_formula("x <= 1/lambda", {"lambda": lam, "x": x})
    x <= 1/lambda
    >>> parse_formula("y + 1", {"x": x})
    Traceback (most recent call last):
    ...
    symdln.correction.FormulaError: unknown symbol 'y' (the symbols are: x)
    """
    from sympy.parsing.sympy_parser import convert_xor, parse_expr, standard_transformations

    if not text.strip():
        raise FormulaError("empty formula")
    if "__" in text or "import" in text:
        raise FormulaError(f"not a formula: {text!r}")
    local = {("lamda" if k == "lambda" else k): v for k, v in symbols.items()}
    source = re.sub(r"\blambda\b", "lamda", text)
    names = ", ".join(sorted(symbols))
    try:
        expr = parse_expr(source, local_dict=local, global_dict=dict(_sympy_globals()),
                          transformations=(*standard_transformations, convert_xor), evaluate=True)
    except Exception as exc:  # parse_expr raises SyntaxError, TokenError, NameError, TypeError, ...
        why = ("incomplete (unbalanced parentheses?)" if type(exc).__name__ == "TokenError"
               else f"{type(exc).__name__}: {exc}")
        raise FormulaError(f"cannot parse {text!r}: {why}".splitlines()[0]) from None
    if isinstance(expr, bool):
        expr = sp.true if expr else sp.false
    if expr in (sp.true, sp.false):  # e.g. Eq(Q.T*Q - Identity(r), 0): a matrix is never the scalar 0
        raise FormulaError(f"{text!r} evaluates to {expr} when parsed, so it states nothing about the "
                           "symbols (an equation between a matrix and the scalar 0? compare with "
                           "ZeroMatrix(m, n), or write the two sides)")
    if not isinstance(expr, sp.Basic):
        raise FormulaError(f"{text!r} is not a SymPy formula (got {type(expr).__name__})")
    known = set(symbols.values())
    unknown = sorted((s for s in expr.free_symbols if s not in known), key=str)
    unknown += sorted((f.func for f in expr.atoms(AppliedUndef) if f.func not in known), key=str)
    if unknown:
        name = str(unknown[0])
        hint = next((k for k, v in symbols.items() if str(v) == name), None)
        extra = f"; '{name}' is a symbol of another kind here, write it as {hint!r}" if hint else ""
        raise FormulaError(f"unknown symbol '{name}' (the symbols are: {names}){extra}")
    kind = kind_of(expr)
    if kind not in kinds:
        raise FormulaError(f"{text!r} is a {kind}, this claim takes a {' or '.join(kinds)}")
    return expr
