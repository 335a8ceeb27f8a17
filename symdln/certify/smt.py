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
from dataclasses import dataclass, field
from fractions import Fraction

import z3

__all__ = ["SmtResult", "prove"]


@dataclass(frozen=True)
class SmtResult:
    """Outcome of :func:`prove`: ``"proved"``, ``"refuted"`` or ``"unknown"``."""

    status: str
    model: dict[str, Fraction] | None = None
    seconds: float = 0.0
    reason: str = ""
    formula: str = field(default="", repr=False)


def _value(v: z3.ExprRef) -> Fraction | None:
    if z3.is_rational_value(v):
        return Fraction(v.numerator_as_long(), v.denominator_as_long())
    if z3.is_int_value(v):
        return Fraction(v.as_long())
    return None  # algebraic number: not validated, reported as unknown


def _rational_model(s: z3.Solver, claim: z3.BoolRef) -> dict[str, Fraction] | None:
    """A rational model of the current (sat) solver state, validated against ``claim``.

    Algebraic values are pinned, one variable at a time, to a nearby rational and the
    solver is asked again; the first fully rational model that falsifies ``claim``
    exactly is returned."""
    for _ in range(8):
        m = s.model()
        model: dict[str, Fraction] = {}
        irrational = None
        for d in m.decls():
            if d.arity() != 0:  # interpretations of division by zero etc.: not variables
                continue
            val = _value(m[d])
            if val is None:
                irrational = irrational or d
            else:
                model[d.name()] = val
        if irrational is None:
            subs = [(z3.Real(k), z3.RealVal(f"{v.numerator}/{v.denominator}"))
                    for k, v in model.items()]
            check = z3.simplify(z3.substitute(claim, *subs)) if subs else z3.simplify(claim)
            return model if z3.is_false(check) else None
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
    """
    s = z3.Solver()
    s.set("timeout", timeout_ms)
    s.add(z3.Not(claim))
    t0 = time.perf_counter()
    ans = s.check()
    if ans == z3.unsat:
        return SmtResult("proved", seconds=time.perf_counter() - t0, formula=str(claim))
    if ans == z3.sat:
        model = _rational_model(s, claim)
        dt = time.perf_counter() - t0
        if model is not None:
            return SmtResult("refuted", model=model, seconds=dt, formula=str(claim))
        return SmtResult("unknown", seconds=dt, reason="no rational model validated exactly",
                         formula=str(claim))
    return SmtResult("unknown", seconds=time.perf_counter() - t0,
                     reason=str(s.reason_unknown()), formula=str(claim))
