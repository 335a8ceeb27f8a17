"""The validated ODE enclosures of symdln.certify.ode contain the exact solution."""

from __future__ import annotations

from fractions import Fraction as F

import flint
import sympy as sp

from symdln.certify.ode import enclose_flow, enclose_flow_taylor2, poly_field


def _exact(t: F) -> flint.arb:  # y' = -y^2, y(0) = 1: y = 1/(1 + t)
    return 1 / (1 + flint.arb(flint.fmpq(t.numerator, t.denominator)))


def test_enclosures_contain_the_solution():
    y = sp.Symbol("y")
    f = poly_field([-(y**2)], [y])
    g = poly_field([2 * y**3], [y])  # DF . F = (-2y)(-y^2)
    for steps in (enclose_flow(f, [F(1)], F(2), F(1, 64)),
                  enclose_flow_taylor2(f, g, [F(1)], F(2), F(1, 64))):
        for t0, t1, box, end in steps:
            assert end[0].contains(_exact(t1))
            assert box[0].contains(_exact(t0)) and box[0].contains(_exact(t1))


def test_taylor2_is_second_order():
    # the enclosure width at t = 1 shrinks like h^2 (slope 2 in log-log)
    y = sp.Symbol("y")
    f, g = poly_field([-(y**2)], [y]), poly_field([2 * y**3], [y])
    widths = [float(enclose_flow_taylor2(f, g, [F(1)], F(1), F(1, n))[-1][3][0].rad()) for n in (32, 64, 128)]
    import math

    slopes = [math.log2(widths[i] / widths[i + 1]) for i in range(2)]
    assert all(1.7 < s < 2.3 for s in slopes), slopes  # band: second order, wrapping O(h^3) terms


def test_negative_wrong_field_excludes_the_solution():
    y = sp.Symbol("y")
    wrong = poly_field([-2 * y**2], [y])
    end = enclose_flow(wrong, [F(1)], F(1), F(1, 128))[-1][3][0]
    assert not end.contains(_exact(F(1)))
    assert end < _exact(F(1))  # certified: the wrong flow's enclosure lies below 1/2
