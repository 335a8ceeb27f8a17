"""z3 proofs about minimum-nuclear-norm completions of the 2 x 2 diagonal problem.

For W = [[1, a], [b, 1]]: ||W||_*^2 = ||W||_F^2 + 2|det W| = 2 + a^2 + b^2 + 2|1 - ab| (2 x 2:
(sigma_1 + sigma_2)^2 = sigma_1^2 + sigma_2^2 + 2 sigma_1 sigma_2).  The nuclear norm n >= 0 is a
real unknown constrained by that equation, so every statement is polynomial (with one If).

>>> import sympy as sp
>>> a, b = sp.symbols("a b", real=True)
>>> r = prove_min_nuclear_2x2(sp.And(sp.Eq(a, b), a >= -1, a <= 1), a, b)
>>> [v.status for v in r.values()]
['proved', 'proved', 'proved']
"""

from __future__ import annotations

import sympy as sp
import z3

from symdln import validate as v
from symdln.certify.arbmat import to_z3
from symdln.certify.smt import SmtResult, prove

__all__ = ["prove_min_nuclear_2x2"]


def prove_min_nuclear_2x2(segment: sp.Basic, a: sp.Symbol, b: sp.Symbol) -> dict[str, SmtResult]:
    """Prove ||W||_* >= 2, (||W||_* = 2 iff ``segment``), and the rank-1 minimisers a = b = +-1.

    Domain: ``a``, ``b`` two distinct SymPy Symbols (the off-diagonal entries), ``segment`` a
    polynomial SymPy statement in them (see :func:`symdln.certify.arbmat.to_z3`).
    """
    v.symbol("a", a), v.symbol("b", b)
    v.require("b", b != a, "a Symbol other than a", b)
    segment = v.statement("segment", segment)
    v.require("segment", segment.free_symbols <= {a, b}, f"a statement in {a} and {b} only", segment)
    za, zb, n = z3.Reals("a b n")
    det = 1 - za * zb
    absdet = z3.If(det >= 0, det, -det)
    hyp = z3.And(n >= 0, n * n == 2 + za * za + zb * zb + 2 * absdet)
    seg = to_z3(segment, {a: za, b: zb})
    corners = z3.Or(z3.And(za == 1, zb == 1), z3.And(za == -1, zb == -1))
    return {
        "||W||_* >= 2": prove(z3.Implies(hyp, n >= 2)),
        "min set": prove(z3.Implies(hyp, (n == 2) == seg)),
        "rank-1 min set": prove(z3.Implies(z3.And(hyp, za * zb == 1), (n == 2) == corners)),
    }
