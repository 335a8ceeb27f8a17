"""Hypothesis properties of the linear model over exact rational data.

The paper's domain: any data X (n x d), Y (n x p), rank-deficient X
included, any W_0, any step size eta > 0.  Everything is exact (SymPy
rationals), so a property that fails is a certified counterexample.
"""

from __future__ import annotations

from fractions import Fraction

import pytest
import sympy as sp
from hypothesis import example, given
from hypothesis import strategies as st

from symdln.certify.exact import exact_pinv
from symdln.deep import factorize, product
from symdln.linear import (
    data_covariances,
    gd_iterate,
    gradient_7,
    iterate_21_corrected,
    iterate_21_printed,
    least_squares_objective,
)

small = st.fractions(min_value=-3, max_value=3, max_denominator=3)


@st.composite
def matrices(draw, rows: int, cols: int) -> sp.Matrix:
    vals = draw(st.lists(small, min_size=rows * cols, max_size=rows * cols))
    return sp.Matrix(rows, cols, [sp.Rational(v.numerator, v.denominator) for v in vals])


@st.composite
def data(draw, max_dim: int = 3):
    """(X, Y, W0): X may be rank-deficient (a repeated column)."""
    n = draw(st.integers(1, 4))
    d = draw(st.integers(1, max_dim))
    p = draw(st.integers(1, max_dim))
    X = draw(matrices(n, d))
    if d >= 2 and draw(st.booleans()):
        X[:, d - 1] = X[:, 0]  # singular Sigma_x
    return X, draw(matrices(n, p)), draw(matrices(d, p))


@given(data(), st.data())
def test_gradient_7_is_the_exact_derivative(xyw, more):
    """f(W + hV) = f(W) + h <grad, V> + h^2/(2n) ||XV||^2, exactly (f is quadratic)."""
    X, Y, W = xyw
    V = more.draw(matrices(*W.shape))
    h = sp.Rational(more.draw(small))
    Sx, Sxy = data_covariances(X, Y)
    f = lambda M: least_squares_objective(X, Y, M).doit()  # noqa: E731
    G = gradient_7(Sx, Sxy, W)
    inner = sum(G[i] * V[i] for i in range(len(V)))
    XV = X * V
    quad = sum(e**2 for e in XV) / (2 * X.rows)
    assert sp.simplify(f(W + h * V) - f(W) - h * inner - h**2 * quad) == 0


@given(data())
def test_sigma_xy_lies_in_the_range_of_sigma_x(xyw):
    """Sigma_x Sigma_x^+ Sigma_xy = Sigma_xy: what lets (9) and (21) hold for singular Sigma_x."""
    X, Y, _ = xyw
    Sx, Sxy = data_covariances(X, Y)
    assert Sx * exact_pinv(Sx) * Sxy == Sxy


etas = st.fractions(min_value=Fraction(1, 20), max_value=3, max_denominator=20)


@given(data(), etas, st.integers(0, 4))
def test_corrected_21_equals_gradient_descent(xyw, eta, t):
    """The corrected (21) is exact for every eta > 0 (no step-size condition needed)."""
    X, Y, W0 = xyw
    Sx, Sxy = data_covariances(X, Y)
    e = sp.Rational(eta.numerator, eta.denominator)
    assert iterate_21_corrected(Sx, Sxy, W0, e, t, pinv=exact_pinv(Sx)) == gd_iterate(
        Sx, Sxy, W0, e, t)


@pytest.mark.xfail(strict=True, raises=(AssertionError, sp.ShapeError),
                   reason="finding eq21.closed_form: (21) as printed multiplies by "
                          "(I - eta Sigma_x)^t on the right; ill-formed for d != p and wrong "
                          "for d = p unless W_0 - Sigma_x^+ Sigma_xy commutes with Sigma_x")
@given(data(max_dim=2), etas, st.integers(0, 3))
@example((sp.Matrix([[1, 0], [0, 2]]), sp.Matrix([[0, 0], [0, 0]]),
          sp.Matrix([[0, 1], [0, 0]])), Fraction(1, 4), 1)
def test_printed_21_equals_gradient_descent(xyw, eta, t):
    X, Y, W0 = xyw
    Sx, Sxy = data_covariances(X, Y)
    e = sp.Rational(eta.numerator, eta.denominator)
    assert iterate_21_printed(Sx, Sxy, W0, e, t, pinv=exact_pinv(Sx)) == gd_iterate(
        Sx, Sxy, W0, e, t)


@given(st.integers(1, 3), st.integers(1, 3), st.integers(1, 3), st.data())
def test_every_rank_r_matrix_is_a_product(d, p, r, more):
    """Sec. 2 corrected: with inner widths >= r every matrix of rank <= r is a product."""
    r = min(r, d, p)
    W = more.draw(matrices(d, r)) * more.draw(matrices(r, p))
    widths = more.draw(st.lists(st.integers(r, 4), min_size=1, max_size=3))
    Ws = factorize(W, widths)
    assert [M.shape for M in Ws] == list(zip([d, *widths], [*widths, p], strict=True))
    assert product(Ws) == W


_k = sp.Symbol("k", integer=True, nonnegative=True)
_rho, _c, _w0 = sp.symbols("rho c w_0")
_w = sp.Function("w")
#: rsolve of w_{k+1} = rho w_k + c with rho, c symbolic (rho != 1), and the rho = 1 branch.
#: Derived once with symbols: rsolve with a numeric rho = 0 drops the initial value (it
#: returns w_k = c for every k, k = 0 included), a wrong result kept below as an example.
_GENERIC = sp.rsolve(_w(_k + 1) - _rho * _w(_k) - _c, _w(_k), {_w(0): _w0})
_UNIT = sp.rsolve(_w(_k + 1) - _w(_k) - _c, _w(_k), {_w(0): _w0})


@given(st.fractions(min_value=0, max_value=3, max_denominator=5), small, small, etas,
       st.integers(0, 6))
@example(Fraction(3, 4), Fraction(0), Fraction(1), Fraction(4, 3), 0)  # eta lambda = 1
def test_per_mode_rsolve_matches_iterates(lam, s, w0, eta, t):
    """The per-mode solution of the L = 1 recursion w_{t+1} = (1 - eta lambda) w_t + eta s,
    derived by rsolve, both branches (lambda > 0 and lambda = 0), equals the iterates."""
    lam_, s_, w0_, e = (sp.Rational(x.numerator, x.denominator) for x in (lam, s, w0, eta))
    rho = 1 - e * lam_
    sol = _UNIT if rho == 1 else _GENERIC
    value = sol.subs({_rho: rho, _c: e * s_, _w0: w0_}).subs(_k, t)
    it = w0_
    for _ in range(t):
        it = rho * it + e * s_
    assert sp.simplify(value - it) == 0


_RAISED = st.sampled_from([ValueError, ZeroDivisionError, TypeError, KeyError, IndexError,
                           sp.ShapeError, sp.matrices.exceptions.NonInvertibleMatrixError,
                           NotImplementedError])


@given(_RAISED, st.text(max_size=20))
def test_a_raising_formula_is_a_finding(exc, message):
    """Whatever the formula under test raises becomes IllFormedFormula (undecided only for
    NotImplementedError), carrying the point and the exception's type."""
    from symdln.checks._cases import IllFormedFormula, call_formula

    def formula(x):
        raise exc(message)

    with pytest.raises(IllFormedFormula) as info:
        call_formula(formula, (1,), where={"x": 1})
    assert info.value.undecided is (exc is NotImplementedError)
    assert info.value.where == {"x": 1}
    assert info.value.error.startswith(exc.__name__)


@given(st.decimals(min_value=-1000, max_value=1000, places=6, allow_nan=False))
def test_floats_are_read_as_their_decimals(x):
    """A float in a formula's value is replaced by the rational it prints as, exactly."""
    from symdln.checks._cases import call_formula

    f = sp.Float(str(x), 30)
    seen: dict[str, str] = {}
    value = call_formula(lambda s: f * s, (sp.Symbol("s"),), where={}, scalar=True,
                         inexact=seen)
    assert not value.atoms(sp.Float)
    assert value == sp.Rational(str(f)) * sp.Symbol("s")
    assert sp.Rational(str(f)) == sp.Rational(str(x))


_x, _y = sp.symbols("x y")


@given(st.lists(st.sampled_from([0, 1, -1, 2, -2, 3]), min_size=0, max_size=5),
       st.integers(0, 3), st.fractions(min_value=-3, max_value=3, max_denominator=4).filter(bool))
def test_poly_point_finds_a_nonzero_value_of_a_nonzero_polynomial(roots, ydeg, c):
    """poly_point is complete for nonzero polynomials with rational coefficients, also those
    vanishing on every value of a fixed trial list (roots 0, 1, -1, 2)."""
    from symdln.checks.linear_model import poly_point

    poly = sp.Rational(c.numerator, c.denominator) * _y**ydeg
    for a in roots:
        poly *= _x - a
    found = poly_point(poly, [_x, _y])
    assert found is not None
    point, value = found
    assert value != 0 and value == poly.subs({_x: point.get(_x, 1), _y: point.get(_y, 1)})


@given(data(), st.data())
def test_the_limit_conditions_characterise_the_limit_of_the_iterates(xyw, more):
    """L = (I - Sigma_x Sigma_x^+) W_0 + Sigma_x^+ Sigma_xy satisfies the two conditions of
    eq21._limit_conditions, and then W_t - L = (I - eta Sigma_x)^t (W_0 - L) exactly with
    W_0 - L in the range of Sigma_x (so W_t -> L for 0 < eta lambda_max < 2); Sigma_x^+ Sigma_xy
    fails the null-space condition whenever W_0 has a null-space part."""
    from symdln.checks.eq21 import _limit_conditions, _null_projector

    X, Y, W0 = xyw
    Sx, Sxy = data_covariances(X, Y)
    P = exact_pinv(Sx)
    L = (sp.eye(Sx.rows) - Sx * P) * W0 + P * Sxy
    assert all(R.is_zero_matrix for _, R in _limit_conditions(Sx, Sxy, W0, L))
    bound = Sx.trace() or 1  # a rational bound on lambda_max: eta lambda_max < 2, eta rational
    frac = more.draw(st.fractions(min_value=Fraction(1, 10), max_value=Fraction(19, 10),
                                  max_denominator=10))
    eta = sp.Rational(frac.numerator, frac.denominator) / bound
    t = more.draw(st.integers(0, 4))
    A = sp.eye(Sx.rows) - eta * Sx
    assert gd_iterate(Sx, Sxy, W0, eta, t) - L == A**t * (W0 - L)
    assert (_null_projector(Sx) * (W0 - L)).is_zero_matrix
    null_part = _null_projector(Sx) * W0
    R = _limit_conditions(Sx, Sxy, W0, P * Sxy)[1][1]
    assert R.is_zero_matrix == null_part.is_zero_matrix
