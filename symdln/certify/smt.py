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


def prove(claim: z3.BoolRef, timeout_ms: int = 10_000) -> SmtResult:
    """Prove ``claim`` valid over the reals, or find a validated counter-model.

    A model is accepted only if every free constant gets a rational value
    and substituting those values makes ``claim`` evaluate exactly to False.
    """
    s = z3.Solver()
    s.set("timeout", timeout_ms)
    s.add(z3.Not(claim))
    t0 = time.perf_counter()
    ans = s.check()
    dt = time.perf_counter() - t0
    if ans == z3.unsat:
        return SmtResult("proved", seconds=dt, formula=str(claim))
    if ans == z3.sat:
        m = s.model()
        model: dict[str, Fraction] = {}
        subs = []
        for d in m.decls():
            val = _value(m[d])
            if val is None:
                return SmtResult("unknown", seconds=dt, reason="irrational model",
                                 formula=str(claim))
            model[d.name()] = val
            subs.append((z3.Real(d.name()), z3.RealVal(f"{val.numerator}/{val.denominator}")))
        check = z3.simplify(z3.substitute(claim, *subs)) if subs else z3.simplify(claim)
        if z3.is_false(check):
            return SmtResult("refuted", model=model, seconds=dt, formula=str(claim))
        return SmtResult("unknown", seconds=dt, reason="model failed exact validation",
                         formula=str(claim))
    return SmtResult("unknown", seconds=dt, reason=str(s.reason_unknown()), formula=str(claim))
