r"""Certified enclosures of a polynomial ODE :math:`y' = F(y)` on a finite horizon (Arb balls).

Arb has no ODE solver, so this is the textbook first-order validated method:

* a priori enclosure: a box B with :math:`y_n + [0, h]\,F(B) \subseteq B` (checked with Arb's
  one-sided ``contains``) contains the solution on :math:`[t_n, t_n + h]` (Picard--Lindelöf);
* step: :math:`y(t_n + h) \in y_n + h\,F(B)` (the integral of F over the step lies in
  :math:`h\,F(B)`, componentwise).

Widths grow like :math:`e^{Lt}` (wrapping), so this certifies short horizons only.

>>> from fractions import Fraction as F
>>> steps = enclose_flow(lambda y: [-y[0]], [F(1)], F(1, 2), F(1, 64))
>>> t0, t1, box, end = steps[-1]
>>> end[0].contains(flint.arb("-0.5").exp())  # y(1/2) = e^{-1/2} is inside the enclosure
True
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from fractions import Fraction
from typing import Any

import flint

from symdln import validate as v

__all__ = ["enclose_flow", "enclose_flow_taylor2", "poly_field"]

Vector = list[flint.arb]


def _q(x: Fraction) -> flint.arb:
    x = Fraction(x)
    return flint.arb(flint.fmpq(x.numerator, x.denominator))


def _a_priori(F: Callable[[Vector], Sequence[flint.arb]], y: Vector, hb: flint.arb,
              max_inflations: int) -> Vector:
    """A box B with y + [0, h] F(B) inside B; returns that Picard image (it encloses the solution
    on the step, since the Picard operator maps B into it)."""
    unit = flint.arb(0.5, 0.5)  # the interval [0, 1]
    B = [yi + unit * hb * fi for yi, fi in zip(y, F(y), strict=True)]
    tiny = flint.arb(2) ** -40
    for k in range(max_inflations):
        grow = flint.arb(1) + flint.arb(2) ** (k - 4)  # relative inflation 1/16, 1/8, ... per retry
        Bi = [flint.arb(b.mid(), b.rad() * grow + tiny) for b in B]
        cand = [yi + unit * hb * fi for yi, fi in zip(y, F(Bi), strict=True)]
        if all(bi.contains(ci) for bi, ci in zip(Bi, cand, strict=True)):
            return cand
        B = [flint.arb(c.mid(), max(c.rad(), b.rad(), key=float)) for c, b in zip(cand, Bi, strict=True)]
    raise ArithmeticError("no a priori enclosure; reduce h")


def _flow_args(y0: object, t_end: object, h: object, prec: object, max_inflations: object,
               **fields: object) -> tuple[int, int]:
    """Check the arguments of :func:`enclose_flow` (the callables given by keyword); return ``prec``
    and ``max_inflations``."""
    for name, f in fields.items():
        v.function(name, f)
    for i, y in enumerate(v.sequence("y0", y0, min_len=1)):
        v.as_fraction(f"y0[{i}]", y)
    v.nonnegative("t_end", v.as_fraction("t_end", t_end))
    v.positive("h", v.as_fraction("h", h))
    return v.positive_int("prec", prec), v.nonnegative_int("max_inflations", max_inflations)


def enclose_flow(F: Callable[[Vector], Sequence[flint.arb]], y0: Sequence[Fraction], t_end: Fraction,
                 h: Fraction, prec: int = 128, max_inflations: int = 30
                 ) -> list[tuple[Fraction, Fraction, Vector, Vector]]:
    """Validated enclosure of y' = F(y), y(0) = y0 on [0, t_end] with step h.

    Returns a list of ``(t_n, t_n + h, B, y_{n+1})``: B encloses y(t) for every t in the step,
    ``y_{n+1}`` encloses y(t_n + h).  Raises ``ArithmeticError`` if no a priori box is found
    (step too large).  Precision is scoped to ``prec`` bits.

    Domain: ``F`` a callable; ``y0`` a nonempty sequence of exact rationals; ``t_end >= 0`` and
    ``h > 0`` exact rationals; ``prec`` a positive and ``max_inflations`` a nonnegative integer.
    """
    prec, max_inflations = _flow_args(y0, t_end, h, prec, max_inflations, F=F)
    out = []
    with flint.ctx.workprec(prec):
        y = [_q(y) for y in y0]
        hb = _q(h)
        t = Fraction(0)
        while t < t_end:
            try:
                B = _a_priori(F, y, hb, max_inflations)
            except ArithmeticError:
                raise ArithmeticError(f"no a priori enclosure at t = {t}; reduce h") from None
            fB = list(F(B))
            y = [yi + hb * fi for yi, fi in zip(y, fB, strict=True)]
            out.append((t, t + h, B, y))
            t += h
    return out


def poly_field(exprs: Sequence, syms: Sequence) -> Callable[[Vector], list[flint.arb]]:
    """Evaluate polynomials with rational coefficients (SymPy expressions or ``Poly``) on Arb
    vectors, term by term (no float constants anywhere).

    >>> import sympy as sp
    >>> x = sp.Symbol("x")
    >>> poly_field([x**2 / 4 + 1], [x])([flint.arb(2)])
    [2.00000000000000]
    >>> poly_field([sp.exp(x)], [x])
    Traceback (most recent call last):
    ...
    ValueError: exprs[0] must be a polynomial in x with rational coefficients, got exp(x)

    Domain: ``syms`` distinct SymPy Symbols; ``exprs`` a sequence of polynomials in them with
    rational coefficients (SymPy expressions, or ``Poly`` in exactly those generators).
    """
    syms = v.symbols("syms", syms)
    polys = [_poly(f"exprs[{i}]", e, syms) for i, e in enumerate(v.sequence("exprs", exprs))]
    terms = [[(flint.arb(flint.fmpq(int(c.p), int(c.q))), m) for m, c in P.terms()] for P in polys]

    def f(y: Vector) -> list[flint.arb]:
        out = []
        for ts in terms:
            acc = flint.arb(0)
            for c, mon in ts:
                v = c
                for yi, e in zip(y, mon, strict=True):
                    if e:
                        v = v * yi**e
                acc += v
            out.append(acc)
        return out

    return f


def _poly(name: str, e: object, syms: list[Any]) -> Any:
    """``e`` as a ``Poly`` in ``syms`` with rational coefficients, or a ValueError naming ``name``."""
    import sympy as sp

    domain = f"a polynomial in {', '.join(map(str, syms))} with rational coefficients"
    P = None
    if isinstance(e, sp.Poly):
        P = e if e.gens == tuple(syms) else None
    elif isinstance(e, sp.Expr):
        try:
            P = sp.Poly(e, *syms)
        except sp.polys.polyerrors.BasePolynomialError:
            P = None
    v.require(name, P is not None and all(c.is_Rational for _, c in P.terms()), domain, e)
    return P


def enclose_flow_taylor2(F: Callable[[Vector], Sequence[flint.arb]],
                         G: Callable[[Vector], Sequence[flint.arb]], y0: Sequence[Fraction],
                         t_end: Fraction, h: Fraction, prec: int = 128, max_inflations: int = 30
                         ) -> list[tuple[Fraction, Fraction, Vector, Vector]]:
    """As :func:`enclose_flow`, with the second-order step y_{n+1} in y_n + h F(y_n) + h^2/2 G(B),
    where G = DF . F is the second derivative along the flow (Taylor with Lagrange remainder,
    componentwise).

    Domain: as for :func:`enclose_flow`, ``G`` a callable.
    """
    prec, max_inflations = _flow_args(y0, t_end, h, prec, max_inflations, F=F, G=G)
    out = []
    with flint.ctx.workprec(prec):
        y = [_q(y) for y in y0]
        hb = _q(h)
        t = Fraction(0)
        while t < t_end:
            f0 = list(F(y))
            try:
                B = _a_priori(F, y, hb, max_inflations)
            except ArithmeticError:
                raise ArithmeticError(f"no a priori enclosure at t = {t}; reduce h") from None
            gB = list(G(B))
            y = [yi + hb * fi + hb * hb / 2 * gi for yi, fi, gi in zip(y, f0, gB, strict=True)]
            out.append((t, t + h, B, y))
            t += h
    return out
