r"""Read the statements of the Coq proofs in ``proofs/coq/`` as SymPy objects.

The proofs state every formula they use as a one-line ``Definition`` in plain real arithmetic, so
that the statement a theorem proves can be compared with the registry's SymPy formula by a
test that parses both.  This module reads that subset of Coq (Gallina) syntax:

* vernacular: ``Definition name (x y : R) (t : nat) : R := body.`` and ``Theorem name : stmt.``
  (also ``Lemma``, ``Corollary``), comments ``(* ... *)`` (nested);
* terms: ``forall x y, P`` (the bound variables stay free, as the registry reads ``w_t`` for every
  t), ``->``, ``<->``, ``\/``, ``/\``, ``~``, ``= <> < <= > >=``, ``+ - * /``, prefix ``-`` and
  ``/`` (inverse), ``^``, integer literals, application; ``INR t`` is ``t``; ``sqrt``, ``exp``,
  ``ln``; an applied ``Definition`` is replaced by its body (its parameters substituted); any other
  applied name becomes an undefined function of its arguments (e.g. ``iter``).

Identifiers become real symbols with no other assumption, so ``0 < sigma`` is kept as stated.

>>> f = parse_vernacular("Definition g (s : R) : R := 1 - 2 * s. (* rate *)\n"
...                      "Theorem g_lt : forall s, 0 < s -> g s < 1.\nProof. intros; unfold g; lra. Qed.")
>>> sorted(f.definitions), list(f.theorems)
(['g'], ['g_lt'])
>>> f.term(f.theorems["g_lt"])
Implies(0 < s, 1 - 2*s < 1)
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

import sympy as sp

from symdln import validate as v

__all__ = ["CoqFile", "CoqSyntaxError", "Definition", "identically_zero", "parse_vernacular",
           "same_statement", "strip_comments"]


class CoqSyntaxError(ValueError):
    """A statement outside the arithmetic subset this module reads."""


def strip_comments(text: str) -> str:
    """Remove (possibly nested) ``(* ... *)`` comments.

    >>> strip_comments("a (* b (* c *) d *) e")
    'a  e'
    """
    return _strip_comments(v.text("text", text))


def _strip_comments(text: str) -> str:
    """:func:`strip_comments` on a checked string."""
    out, depth, i = [], 0, 0
    while i < len(text):
        if text.startswith("(*", i):
            depth, i = depth + 1, i + 2
        elif text.startswith("*)", i) and depth:
            depth, i = depth - 1, i + 2
        else:
            if not depth:
                out.append(text[i])
            i += 1
    if depth:
        raise CoqSyntaxError("unterminated comment")
    return "".join(out)


@dataclass(frozen=True)
class Definition:
    """``Definition name params : kind := body.`` with ``params`` the parameter names in order."""

    name: str
    params: tuple[str, ...]
    kind: str
    body: str


_DEF = re.compile(r"^Definition\s+(\w+)\s*((?:\(\s*[\w\s]+:\s*\w+\s*\)\s*)*):\s*(\w+)\s*:=\s*(.*?)\.\s*$",
                  re.M)
_THM = re.compile(r"^(?:Theorem|Lemma|Corollary)\s+(\w+)\s*:(.*?)\.\s*Proof\.", re.M | re.S)
_TOKEN = re.compile(r"\s*(<->|->|/\\|\\/|<=|>=|<>|[-+*/^()<>=~,:]|\d+|[A-Za-z_][\w']*)")
_FUNCTIONS: dict[str, Callable[[sp.Expr], sp.Expr]] = {
    "sqrt": sp.sqrt, "exp": sp.exp, "ln": sp.log, "INR": lambda x: x, "IZR": lambda x: x}
_RELATIONS: dict[str, Callable[..., sp.Basic]] = {  # (lhs, rhs, *, evaluate)
    "=": sp.Eq, "<>": sp.Ne, "<": sp.StrictLessThan, "<=": sp.LessThan,
    ">": sp.StrictGreaterThan, ">=": sp.GreaterThan}


@dataclass(frozen=True)
class CoqFile:
    """The definitions and theorem statements of one ``.v`` file (:func:`parse_vernacular`)."""

    definitions: dict[str, Definition] = field(default_factory=dict)
    theorems: dict[str, str] = field(default_factory=dict)

    def term(self, text: str, env: Mapping[str, sp.Basic] | None = None) -> sp.Basic:
        """The SymPy object of a Coq term (a string), with this file's definitions unfolded."""
        return _Parser(v.text("text", text), self.definitions, dict(env or {})).parse()

    def definition(self, name: str) -> sp.Basic:
        """The body of a definition, in symbols named as its parameters.

        >>> parse_vernacular("Definition g (x : R) : R := x * 2.").definition("h")
        Traceback (most recent call last):
        ...
        ValueError: name must be a definition of the file (g), got 'h'
        """
        v.require("name", name in self.definitions,
                  f"a definition of the file ({', '.join(sorted(self.definitions)) or 'none'})", name)
        return self.term(self.definitions[name].body)

    def merged(self, other: CoqFile) -> CoqFile:
        """This file with the definitions and theorems of ``other`` (e.g. a ``Require``d file)."""
        return CoqFile({**other.definitions, **self.definitions}, {**other.theorems, **self.theorems})


def parse_vernacular(text: str) -> CoqFile:
    """The one-line definitions and the theorem statements of a ``.v`` file's text (a string)."""
    text = _strip_comments(v.text("text", text))
    defs = {}
    for m in _DEF.finditer(text):
        params = tuple(x for group in re.findall(r"\(([^)]*)\)", m.group(2))
                       for x in group.split(":")[0].split())
        defs[m.group(1)] = Definition(m.group(1), params, m.group(3), " ".join(m.group(4).split()))
    thms = {m.group(1): " ".join(m.group(2).split()) for m in _THM.finditer(text)}
    return CoqFile(defs, thms)


class _Parser:
    """Precedence climbing over Coq's levels: <-> 95, -> 99 (right), \\/ 85, /\\ 80, ~ 75,
    relations 70, + - 50, * / 40, unary - 35, ^ 30 (right), application."""

    def __init__(self, text: str, defs: Mapping[str, Definition], env: dict[str, sp.Basic]) -> None:
        self.toks, pos = [], 0
        text = text.strip()
        while pos < len(text):
            m = _TOKEN.match(text, pos)
            if m is None or m.end() == pos:
                raise CoqSyntaxError(f"cannot read {text[pos:pos + 20]!r}")
            self.toks.append(m.group(1))
            pos = m.end()
        self.i, self.defs, self.env = 0, defs, env

    def peek(self) -> str | None:
        return self.toks[self.i] if self.i < len(self.toks) else None

    def take(self, expected: str | None = None) -> str:
        tok = self.peek()
        if tok is None or (expected is not None and tok != expected):
            raise CoqSyntaxError(f"expected {expected or 'a term'}, found {tok!r}")
        self.i += 1
        return tok

    def parse(self) -> sp.Basic:
        out = self.prop()
        if self.peek() is not None:
            raise CoqSyntaxError(f"unexpected {self.peek()!r}")
        return out

    def prop(self) -> sp.Basic:
        if self.peek() == "forall":
            self.take()
            while self.peek() not in (",", ":"):
                self.take()
            if self.peek() == ":":
                self.take(), self.take()
            self.take(",")
            return self.prop()
        left = self.implication()
        if self.peek() == "<->":
            self.take()
            return sp.Equivalent(left, self.prop())
        return left

    def implication(self) -> sp.Basic:
        left = self.disjunction()
        if self.peek() == "->":
            self.take()
            return sp.Implies(left, self.prop())
        return left

    def _chain(self, op: str, operand: Callable[[], sp.Basic], combine: Callable[..., sp.Basic]) -> sp.Basic:
        left = operand()
        while self.peek() == op:
            self.take()
            left = combine(left, operand())
        return left

    def disjunction(self) -> sp.Basic:
        return self._chain("\\/", self.conjunction, sp.Or)

    def conjunction(self) -> sp.Basic:
        return self._chain("/\\", self.negation, sp.And)

    def negation(self) -> sp.Basic:
        if self.peek() == "~":
            self.take()
            return sp.Not(self.negation())
        if self.peek() == "forall":
            return self.prop()
        left = self.sum()
        if self.peek() in _RELATIONS:
            op = self.take()
            return _RELATIONS[op](left, self.sum(), evaluate=False)
        return left

    def sum(self) -> sp.Basic:
        left = self.product()
        while self.peek() in ("+", "-"):
            op, right = self.take(), self.product()
            left = left + right if op == "+" else left - right
        return left

    def product(self) -> sp.Basic:
        left = self.unary()
        while self.peek() in ("*", "/"):
            op, right = self.take(), self.unary()
            left = left * right if op == "*" else left / right
        return left

    def unary(self) -> sp.Basic:
        if self.peek() == "-":
            self.take()
            return -self.unary()
        if self.peek() == "/":
            self.take()
            return 1 / self.unary()
        return self.power()

    def power(self) -> sp.Basic:
        base = self.application()
        if self.peek() == "^":
            self.take()
            return base ** self.unary()
        return base

    def application(self) -> sp.Basic:
        tok = self.peek()
        if tok is not None and re.fullmatch(r"[A-Za-z_][\w']*", tok) and tok != "forall":
            self.take()
            args = []
            while self._starts_atom():
                args.append(self.atom())
            return self.apply(tok, args)
        return self.atom()

    def _starts_atom(self) -> bool:
        tok = self.peek()
        return tok is not None and tok != "forall" \
            and (tok == "(" or re.fullmatch(r"[\w']+", tok) is not None)

    def atom(self) -> sp.Basic:
        tok = self.take()
        if tok == "(":
            inner = self.prop()
            self.take(")")
            return inner
        if tok.isdigit():
            return sp.Integer(tok)
        if re.fullmatch(r"[A-Za-z_][\w']*", tok):
            return self.apply(tok, [])
        raise CoqSyntaxError(f"unexpected {tok!r}")

    def apply(self, name: str, args: list[sp.Basic]) -> sp.Basic:
        if name in _FUNCTIONS:
            if len(args) != 1:
                raise CoqSyntaxError(f"{name} takes one argument")
            return _FUNCTIONS[name](args[0])
        if name in self.defs:
            d = self.defs[name]
            if len(args) != len(d.params):
                raise CoqSyntaxError(f"{name} takes {len(d.params)} arguments, given {len(args)}")
            body = _Parser(d.body, self.defs, {}).parse()
            return body.xreplace({_symbol(p): a for p, a in zip(d.params, args, strict=True)})
        if args:
            return sp.Function(name)(*args)
        return self.env.get(name, _symbol(name))


def _symbol(name: str) -> sp.Symbol:
    return sp.Symbol(name, real=True)


def _curried(e: sp.Basic) -> sp.Basic:
    """``Implies(A, Implies(B, C))`` as ``Implies(A & B, C)``, recursively; nested And flattened."""
    if isinstance(e, sp.Implies):
        hyp, concl = (_curried(a) for a in e.args)
        if isinstance(concl, sp.Implies):
            return sp.Implies(sp.And(hyp, concl.args[0]), concl.args[1])
        return sp.Implies(hyp, concl)
    if isinstance(e, sp.logic.boolalg.BooleanFunction):
        return e.func(*(_curried(a) for a in e.args))
    return e


def _relation(e: sp.Basic) -> tuple[str, sp.Expr] | None:
    """``(op, lhs - rhs)`` with op in <, <=, =, != (> and >= turned around)."""
    if isinstance(e, (sp.StrictGreaterThan, sp.GreaterThan)):
        return ("<" if isinstance(e, sp.StrictGreaterThan) else "<="), e.rhs - e.lhs
    if isinstance(e, (sp.StrictLessThan, sp.LessThan)):
        return ("<" if isinstance(e, sp.StrictLessThan) else "<="), e.lhs - e.rhs
    if isinstance(e, (sp.Eq, sp.Ne)):
        return ("=" if isinstance(e, sp.Eq) else "!="), e.lhs - e.rhs
    return None


def identically_zero(e: sp.Expr) -> bool:
    """Whether ``e`` (a finite scalar SymPy expression) simplifies to 0 (powers combined, fractions
    cancelled; ``simplify`` last).

    >>> identically_zero(sp.exp(2 * sp.Symbol("x")) - sp.exp(sp.Symbol("x")) ** 2)
    True
    """
    return _identically_zero(v.sympy_expr("e", e))


def _identically_zero(e: sp.Expr) -> bool:
    """:func:`identically_zero` on a checked expression."""
    e = sp.cancel(sp.together(sp.powsimp(sp.expand_power_base(e, force=True), force=True)))
    return bool(e == 0 or sp.simplify(e) == 0)


def same_statement(a: sp.Basic, b: sp.Basic) -> bool:
    """Whether two statements have the same logical structure and algebraically equal relations.

    Implications are curried (``A -> B -> C`` is ``A /\\ B -> C``); conjunctions and disjunctions
    are matched as sets, ``Equivalent`` in either order; ``x > y`` is ``y < x``; two relations
    with the same operator agree when ``lhs - rhs`` agree identically (``=`` and ``!=`` also up
    to sign).  ``False`` means "not shown equal", never "different".

    >>> x, y = sp.symbols("x y", real=True)
    >>> same_statement(sp.Implies(x > 0, sp.Implies(y > 0, x*y > 0)),
    ...                sp.Implies(sp.And(0 < y, 0 < x), 0 < y*x, evaluate=False))
    True
    >>> same_statement(x <= y, y <= x)
    False

    Domain: two SymPy statements (relations, Boolean formulas of them, ``true``, ``false``).
    """
    return _same_statement(v.statement("a", a), v.statement("b", b))


def _same_statement(a: sp.Basic, b: sp.Basic) -> bool:
    """:func:`same_statement` on checked statements."""
    a, b = _curried(a), _curried(b)
    ra, rb = _relation(a), _relation(b)
    if ra is not None or rb is not None:
        if ra is None or rb is None or ra[0] != rb[0]:
            return False
        return _identically_zero(ra[1] - rb[1]) or (ra[0] in ("=", "!=") and _identically_zero(ra[1] + rb[1]))
    if isinstance(a, sp.Implies) and isinstance(b, sp.Implies):
        return all(_same_statement(x, y) for x, y in zip(a.args, b.args, strict=True))
    if type(a) is not type(b):
        return False
    if isinstance(a, (sp.And, sp.Or, sp.Equivalent)):
        a_args, rest = _distinct(a.args), _distinct(b.args)
        if len(a_args) != len(rest):
            return False
        for x in a_args:
            match = next((y for y in rest if _same_statement(x, y)), None)
            if match is None:
                return False
            rest.remove(match)
        return True
    if isinstance(a, sp.Not):
        return _same_statement(a.args[0], b.args[0])
    return bool(a == b)


def _distinct(args: tuple[sp.Basic, ...]) -> list[sp.Basic]:
    """The arguments with those that state the same as an earlier one (``x > 0``, ``0 < x``) left out."""
    out: list[sp.Basic] = []
    for x in args:
        if not any(_same_statement(x, y) for y in out):
            out.append(x)
    return out
