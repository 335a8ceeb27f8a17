"""z3 proofs of polynomial implications over the reals, with validated models.

z3's nonlinear real arithmetic can answer ``unknown``, and has had soundness
bugs; so ``unknown`` is "not proved", and every counter-model it returns is
re-checked in exact rational arithmetic before it is reported.

>>> import z3
>>> x, e = z3.Reals("x eta")
>>> prove(z3.Implies(z3.And(x > 0, x <= 1, e > 0, e < 1), 1 - e * x > 0)).status
'proved'
>>> r = prove(z3.Implies(z3.And(x > 0, e > 0), 1 - e * x > 0))
>>> r.status, r.model is not None
('refuted', True)
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

import sympy as sp
import z3

from symdln import validate as v

__all__ = ["SmtResult", "Translation", "Untranslatable", "prove"]


@dataclass(frozen=True)
class SmtResult:
    """Outcome of :func:`prove`: ``"proved"``, ``"refuted"`` or ``"unknown"``."""

    status: str
    model: dict[str, Fraction] | None = None
    seconds: float = 0.0
    reason: str = ""
    #: the z3 formula that was proved or refuted (its text: :attr:`formula`)
    claim: z3.BoolRef | bool | None = field(default=None, repr=False, compare=False)

    @property
    def formula(self) -> str:
        """The z3 formula as text (rendered on demand: z3's printer is slow on large formulas)."""
        return "" if self.claim is None else str(self.claim)


def _value(val: z3.ExprRef) -> Fraction | None:
    if z3.is_rational_value(val):
        return Fraction(val.numerator_as_long(), val.denominator_as_long())
    if z3.is_int_value(val):
        return Fraction(val.as_long())
    return None  # algebraic number: not validated, reported as unknown


def _rational_model(s: z3.Solver, claim: z3.BoolRef) -> dict[str, Fraction] | None:
    """A rational model of the current (sat) solver state, validated against ``claim``.

    Algebraic values are pinned, one variable at a time, to a nearby rational and the
    solver is asked again; the first fully rational model that falsifies ``claim``
    exactly is returned, its variables in the order of their names."""
    for _ in range(8):
        m = s.model()
        model: dict[str, Fraction] = {}
        irrational = None
        for d in m.decls():
            if d.arity() != 0:  # interpretations of division by zero etc.: not variables
                continue
            val = _value(m[d])
            if val is None:
                if irrational is None:  # the first irrational value (a z3 declaration has no truth value)
                    irrational = d
            else:
                model[d.name()] = val
        if irrational is None:
            subs = [(z3.Real(k), z3.RealVal(f"{v.numerator}/{v.denominator}"))
                    for k, v in model.items()]
            check = z3.simplify(z3.substitute(claim, *subs)) if subs else z3.simplify(claim)
            # by name: the order of z3's declarations depends on what the process declared before
            return dict(sorted(model.items())) if z3.is_false(check) else None
        approx = m[irrational].approx(6)
        q = Fraction(approx.numerator_as_long(), approx.denominator_as_long())
        q = q.limit_denominator(1000)
        s.push()
        s.add(z3.Real(irrational.name()) == z3.RealVal(f"{q.numerator}/{q.denominator}"))
        if s.check() != z3.sat:
            s.pop()
            return None
    return None


def prove(claim: z3.BoolRef, timeout_ms: int = 10_000) -> SmtResult:
    """Prove ``claim`` valid over the reals, or find a validated counter-model.

    A model is accepted only if every free constant gets a rational value
    and substituting those values makes ``claim`` evaluate exactly to False.
    When z3's model has algebraic values, variables are pinned to nearby
    rationals and the solver asked again.

    Domain: ``claim`` a z3 Boolean formula (or a Python bool); ``timeout_ms`` a positive integer.

    >>> prove(z3.Real("x") + 1)
    Traceback (most recent call last):
    ...
    ValueError: claim must be a z3 Boolean formula, got x + 1
    """
    v.require("claim", isinstance(claim, (z3.BoolRef, bool)), "a z3 Boolean formula", claim)
    timeout_ms = v.positive_int("timeout_ms", timeout_ms)
    s = z3.Solver()
    s.set("timeout", timeout_ms)
    s.add(z3.Not(claim))
    t0 = time.perf_counter()
    ans = s.check()
    if ans == z3.unsat:
        return SmtResult("proved", seconds=time.perf_counter() - t0, claim=claim)
    if ans == z3.sat:
        model = _rational_model(s, claim)
        dt = time.perf_counter() - t0
        if model is not None:
            return SmtResult("refuted", model=model, seconds=dt, claim=claim)
        return SmtResult("unknown", seconds=dt, reason="no rational model validated exactly",
                         claim=claim)
    return SmtResult("unknown", seconds=time.perf_counter() - t0,
                     reason=str(s.reason_unknown()), claim=claim)


class Untranslatable(TypeError):
    """A SymPy object with no sound z3 encoding here (e.g. log, trigonometric functions)."""


def _taylor3(x: z3.ArithRef) -> z3.ArithRef:
    return 1 + x + x * x / 2 + x * x * x / 6


class Translation:
    r"""Translate SymPy predicates over the reals into z3, soundly.

    Rational functions map to z3's real arithmetic.  A transcendental or
    irrational subterm becomes a fresh variable constrained by true facts
    only, so a formula proved about the fresh variable holds for the
    subterm itself (a proof stays a proof; a counter-model may be spurious and
    is reported as such by the caller):

    * :math:`e^a` -> E with E > 0, :math:`E \ge T_3(a)` and :math:`E\,T_3(-a) \le 1`, where
      :math:`T_3(x) = 1 + x + x^2/2 + x^3/6 \le e^x` for every real x (Taylor with the
      remainder :math:`x^4 e^\xi/24 \ge 0`);
    * :math:`b^{1/2}` -> r with r >= 0, r^2 = b (b >= 0 where it is defined).

    ``env`` maps SymPy symbols to z3 reals (created on demand, with the sign
    their assumptions state: ``positive=True`` gives x > 0); the side
    conditions are in :attr:`facts` and must be assumed by the caller.

    >>> x = sp.Symbol("x")
    >>> tr = Translation()
    >>> prove(z3.Implies(z3.And(*tr.facts), True)).status
    'proved'
    >>> prove(tr(x / 2 <= 1)).status
    'refuted'
    >>> tr.prove(x > 0, sp.exp(x) > 1 + x).status
    'proved'
    >>> tr.prove(x > 0, sp.exp(x) > 1 + 2 * x).status  # false at x = 1; the model may be spurious
    'unknown'
    """

    def __init__(self, env: dict[sp.Symbol, z3.ArithRef] | None = None) -> None:
        ok = env is None or (isinstance(env, Mapping) and all(isinstance(k, sp.Symbol) for k in env))
        v.require("env", ok, "a mapping from SymPy Symbols to z3 reals", env)
        self.env: dict[sp.Symbol, z3.ArithRef] = dict(env or {})
        self.facts: list[z3.BoolRef] = []
        self._fresh: dict[sp.Basic, z3.ArithRef] = {}

    def __call__(self, e: sp.Basic) -> Any:
        v.require("e", isinstance(e, (sp.Basic, bool, int, Fraction)) and not isinstance(e, sp.MatrixBase),
                  "a SymPy expression or Boolean", e, kind=True)
        e = sp.sympify(e)
        if e is sp.true or e is sp.false:
            return z3.BoolVal(bool(e))
        if isinstance(e, sp.And):
            return z3.And(*[self(a) for a in e.args])
        if isinstance(e, sp.Or):
            return z3.Or(*[self(a) for a in e.args])
        if isinstance(e, sp.Not):
            return z3.Not(self(e.args[0]))
        if isinstance(e, sp.Implies):
            return z3.Implies(self(e.args[0]), self(e.args[1]))
        if isinstance(e, sp.Equivalent):
            a, *rest = [self(x) for x in e.args]
            return z3.And(*[a == b for b in rest])
        rel = {sp.Eq: "==", sp.Ne: "!=", sp.Ge: ">=", sp.Gt: ">", sp.Le: "<=", sp.Lt: "<"}
        for cls, op in rel.items():
            if isinstance(e, cls):
                lhs, rhs = self(e.lhs), self(e.rhs)
                return {"==": lhs == rhs, "!=": lhs != rhs, ">=": lhs >= rhs, ">": lhs > rhs,
                        "<=": lhs <= rhs, "<": lhs < rhs}[op]
        if isinstance(e, sp.Symbol):
            if e not in self.env:
                self.env[e] = z3.Real(str(e))
                if e.is_positive:  # the symbol's assumptions are part of its meaning
                    self.facts.append(self.env[e] > 0)
                elif e.is_nonnegative:
                    self.facts.append(self.env[e] >= 0)
            return self.env[e]
        if e.is_Rational:
            return z3.RealVal(f"{e.p}/{e.q}")
        if e.is_Add:
            return z3.Sum(*[self(a) for a in e.args])
        if e.is_Mul:
            out = self(e.args[0])
            for a in e.args[1:]:
                out = out * self(a)
            return out
        if e.is_Pow and e.exp.is_Integer:
            base = self(e.base)
            out = z3.RealVal(1)
            for _ in range(abs(int(e.exp))):
                out = out * base
            return out if e.exp >= 0 else 1 / out
        if (e.is_Pow and e.exp == sp.Rational(1, 2)) or (e.is_Pow and e.exp == -sp.Rational(1, 2)):
            r = self._fresh_var(sp.sqrt(e.base))
            return r if e.exp > 0 else 1 / r
        if isinstance(e, sp.exp):
            return self._fresh_var(e)
        if e is sp.E:
            return self._fresh_var(sp.exp(sp.Integer(1), evaluate=False))
        raise Untranslatable(f"no z3 encoding for {type(e).__name__}: {e}")

    def prove(self, hypothesis: sp.Basic, goal: sp.Basic, timeout_ms: int = 10_000) -> SmtResult:
        """Prove ``hypothesis => goal`` (SymPy predicates) under the side conditions.

        A counter-model is kept only when no fresh variable was needed (then it is a
        validated rational counterexample); otherwise it may be an artefact of the
        encoding and the status is ``"unknown"``."""
        h, g = self(hypothesis), self(goal)
        res = prove(z3.Implies(z3.And(h, *self.facts), g), timeout_ms)
        if res.status == "refuted" and self._fresh:
            return SmtResult("unknown", model=res.model, seconds=res.seconds,
                             reason="counter-model of the encoding (exp/sqrt replaced by bounds)",
                             claim=res.claim)
        return res

    def _fresh_var(self, e: sp.Basic) -> z3.ArithRef:
        if e in self._fresh:
            return self._fresh[e]
        v = z3.Real(f"_aux{len(self._fresh)}")
        self._fresh[e] = v
        if isinstance(e, sp.exp):
            a = self(e.args[0])
            self.facts += [v > 0, v >= _taylor3(a), v * _taylor3(-a) <= 1]
        else:  # sqrt(b)
            b = self(e.args[0])
            self.facts += [v >= 0, v * v == b]
        return v
