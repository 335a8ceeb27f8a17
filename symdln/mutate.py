r"""Mechanical mutants of a formula, for the generated mutation tests.

A check earns trust when it rejects formulas that are *almost* right.  From a
SymPy formula, :func:`mutants` makes every one-step change:

* each numeric constant c changed to c + 1, c - 1, 2c, c/2 and -c;
* each exponent e of a power changed to e + 1 and e - 1;
* each pair of distinct symbols swapped (everywhere at once);
* each factor of a product and each term of a sum dropped;
* each inequality turned round or made strict / non-strict;
* each condition of an ``Implies`` or ``Equivalent`` dropped (the statement
  made unconditional) and each conjunct of an ``And`` dropped.

Mutants that SymPy proves equal to the original (:func:`provably_equivalent`)
are discarded; the rest are judged by the claim's checks in
``tests/test_mutants.py``, which asserts that none is judged to hold unless it
is recorded there as a true statement, with the reason.

>>> x, y = sp.symbols("x y", positive=True)
>>> sorted(str(m) for _, m in mutants(x <= 2 * y))
['x < 2*y', 'x <= 2', 'x <= 3*y', 'x <= 4*y', 'x <= y', 'x >= 2*y', 'y <= 2*x']
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from itertools import combinations

import sympy as sp

__all__ = ["mutants", "provably_equivalent"]

Path = tuple[int, ...]


def _nodes(expr: sp.Basic, path: Path = ()) -> Iterator[tuple[Path, sp.Basic]]:
    yield path, expr
    for i, a in enumerate(expr.args):
        yield from _nodes(a, (*path, i))


def _replace_at(expr: sp.Basic, path: Path, new: sp.Basic) -> sp.Basic:
    if not path:
        return new
    i, rest = path[0], path[1:]
    args = list(expr.args)
    args[i] = _replace_at(args[i], rest, new)
    return expr.func(*args)


def _number_changes(c: sp.Rational) -> list[sp.Basic]:
    out = [c + 1, c - 1, 2 * c, c / 2, -c]
    return [v for v in dict.fromkeys(out) if v != c]


_FLIP: dict[type, Callable[[sp.Expr, sp.Expr], sp.Basic]] = {
    sp.Le: lambda a, b: sp.Ge(a, b, evaluate=False),
    sp.Ge: lambda a, b: sp.Le(a, b, evaluate=False),
    sp.Lt: lambda a, b: sp.Gt(a, b, evaluate=False),
    sp.Gt: lambda a, b: sp.Lt(a, b, evaluate=False),
}
_STRICT: dict[type, Callable[[sp.Expr, sp.Expr], sp.Basic]] = {
    sp.Le: lambda a, b: sp.Lt(a, b, evaluate=False),
    sp.Lt: lambda a, b: sp.Le(a, b, evaluate=False),
    sp.Ge: lambda a, b: sp.Gt(a, b, evaluate=False),
    sp.Gt: lambda a, b: sp.Ge(a, b, evaluate=False),
}


def _local(node: sp.Basic) -> Iterator[tuple[str, sp.Basic]]:
    """The one-step changes of one node."""
    if isinstance(node, sp.Rational) and node not in (sp.S.Zero,):
        for v in _number_changes(node):
            yield f"constant {node} -> {v}", v
    if isinstance(node, sp.Pow):
        for d in (1, -1):
            yield f"exponent {node.exp} -> {node.exp + d}", sp.Pow(node.base, node.exp + d)
    if isinstance(node, sp.Mul) and len(node.args) > 1:
        for i, a in enumerate(node.args):
            if a != -1:
                yield f"factor {a} dropped", sp.Mul(*(b for j, b in enumerate(node.args) if j != i))
    if isinstance(node, sp.Add):
        for i, a in enumerate(node.args):
            yield f"term {a} dropped", sp.Add(*(b for j, b in enumerate(node.args) if j != i))
    if type(node) in _FLIP:
        yield "inequality turned round", _FLIP[type(node)](node.lhs, node.rhs)
        yield "strictness changed", _STRICT[type(node)](node.lhs, node.rhs)
    if isinstance(node, (sp.Implies, sp.Equivalent)) and len(node.args) == 2:
        a, b = node.args
        yield f"condition {a} dropped", b
        if isinstance(node, sp.Equivalent):
            yield f"condition {b} dropped", a
    if isinstance(node, sp.And):
        for i, a in enumerate(node.args):
            yield f"conjunct {a} dropped", sp.And(*(b for j, b in enumerate(node.args) if j != i))


def mutants(expr: sp.Basic) -> Iterator[tuple[str, sp.Basic]]:
    """Every one-step mutant of ``expr`` (see the module docstring), with a description;
    duplicates and mutants equal to ``expr`` after SymPy's automatic simplification are skipped."""
    seen: set[sp.Basic] = {expr}
    for path, node in _nodes(expr):
        for what, new in _local(node):
            try:
                m = _replace_at(expr, path, new)
            except Exception:  # a change SymPy cannot build (a relation in a sum, mismatched matrix shapes)
                continue
            if m not in seen and isinstance(m, sp.Basic) and m not in (sp.true, sp.false):
                seen.add(m)
                yield what, m
    syms = sorted((s for s in expr.free_symbols if isinstance(s, sp.Symbol)), key=str)
    for a, b in combinations(syms, 2):
        m = expr.xreplace({a: b, b: a})
        if m not in seen:
            seen.add(m)
            yield f"symbols {a} and {b} swapped", m


def _zero(e: sp.Expr) -> bool:
    """``e`` is identically 0 by rational-function cancellation (cheap; False means "not shown")."""
    return bool(sp.cancel(sp.together(sp.powsimp(sp.expand_power_exp(e)))) == 0)


def provably_equivalent(a: sp.Basic, b: sp.Basic) -> bool:
    """True when SymPy shows ``a`` and ``b`` equal (expressions: their difference cancels to 0) or
    the same statement (relations with the same direction and differences equal up to a positive
    constant factor; logical formulas with equivalent parts in the same places).  False means "not
    shown", not "different": such a mutant is judged, and if it is true it is recorded as such.

    >>> x = sp.Symbol("x", positive=True)
    >>> provably_equivalent(x <= 2, 2 * x <= 4), provably_equivalent(x <= 2, x <= 3)
    (True, False)
    """
    try:
        return _equivalent(a, b)
    except Exception:  # SymPy cannot compare these (e.g. matrix expressions of different shapes)
        return False


def _equivalent(a: sp.Basic, b: sp.Basic) -> bool:
    if a == b:
        return True
    if isinstance(a, sp.Expr) and isinstance(b, sp.Expr):
        return _zero(a - b)
    if isinstance(a, sp.core.relational.Relational) and isinstance(b, sp.core.relational.Relational):
        ca, cb = a.canonical, b.canonical
        if type(ca) is not type(cb):
            return False
        da, db = ca.lhs - ca.rhs, cb.lhs - cb.rhs
        if _zero(da - db):
            return True
        ratio = sp.cancel(sp.together(da / db))
        return bool(ratio.is_number and ratio.is_positive)
    if type(a) is type(b) and len(a.args) == len(b.args) and isinstance(a, sp.logic.boolalg.Boolean):
        return all(_equivalent(x, y) for x, y in zip(a.args, b.args, strict=True))
    return False
