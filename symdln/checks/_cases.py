"""Exact data cases for the linear-model checks.

A case is data (X, Y) and an initialisation W_0 with exact rational entries,
built so that Sigma_x = X^T X / n has a *rational* orthonormal eigenbasis
(X = [diag(a); 0] Q with Q a Cayley orthogonal matrix).  Then matrix
exponentials and powers of Sigma_x stay in exact arithmetic, and
rank-deficient X (zeros in ``a``) and repeated eigenvalues are easy to
include.  Y is arbitrary, so Sigma_xy is as general as data makes it.

The module also holds :func:`call_formula`, the one place where a check calls
the formula under test: a formula that raises, or returns a value of the wrong
shape or type, is a finding about the formula (:class:`IllFormedFormula`), not
a crash of the checker; inexact numbers (SymPy ``Float``) in its value are read
exactly as the decimals they print as, and the reading is reported.

>>> c = data_case((1, 0), ((1,),), [[1], [2], [0]], [[1], [1]])
>>> c.Sx.rank(), c.d, c.p, c.n
(1, 2, 1, 3)
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable, Mapping, MutableMapping, Sequence
from dataclasses import dataclass, field, replace
from fractions import Fraction
from typing import Any

import sympy as sp

from symdln.certify.exact import cayley_orthogonal, exact_pinv
from symdln.checks._identity import UndecidedResidual
from symdln.verdict import CheckResult, Evidence, Verdict

__all__ = [
    "DataCase",
    "IllFormedFormula",
    "call_formula",
    "data_case",
    "judge_formula",
    "qualify_inexact",
    "rejects_inexact",
    "standard_cases",
]

Number = int | Fraction | str


@dataclass(frozen=True)
class DataCase:
    """Exact data (X, Y), initialisation W0, and the derived covariances."""

    name: str
    X: sp.Matrix
    Y: sp.Matrix
    W0: sp.Matrix
    Q: sp.Matrix  # rows: orthonormal eigenvectors of Sigma_x
    a: tuple[sp.Rational, ...]  # Sigma_x = Q^T diag(a^2 / n) Q
    Sx: sp.Matrix = field(init=False)
    Sxy: sp.Matrix = field(init=False)
    pinv: sp.Matrix = field(init=False)

    def __post_init__(self) -> None:
        n = self.X.rows
        object.__setattr__(self, "Sx", self.X.T * self.X / n)
        object.__setattr__(self, "Sxy", self.X.T * self.Y / n)
        object.__setattr__(self, "pinv", exact_pinv(self.Sx))

    @property
    def n(self) -> int:
        return self.X.rows

    @property
    def d(self) -> int:
        return self.X.cols

    @property
    def p(self) -> int:
        return self.Y.cols

    @property
    def eigenvalues(self) -> tuple[sp.Rational, ...]:
        """Eigenvalues of Sigma_x, in the order of the rows of Q."""
        return tuple(ai**2 / self.n for ai in self.a)

    def describe(self) -> dict[str, object]:
        """Exact parameters, for evidence."""
        return {
            "case": self.name,
            "X": str(self.X.tolist()),
            "Y": str(self.Y.tolist()),
            "W0": str(self.W0.tolist()),
        }


def data_case(
    a: Sequence[Number],
    skew_upper: Sequence[Sequence[Number]],
    Y: Sequence[Sequence[Number]],
    W0: Sequence[Sequence[Number]],
    name: str = "case",
    extra_rows: int = 1,
) -> DataCase:
    """Build a :class:`DataCase`.

    ``a`` gives the singular values of X (zeros make X rank-deficient);
    ``skew_upper`` the strict upper triangle of the skew matrix K of the
    Cayley transform, row by row; ``Y`` has ``len(a) + extra_rows`` rows.
    """
    d = len(a)
    K = sp.zeros(d, d)
    for i, row in enumerate(skew_upper):
        for k, v in enumerate(row):
            j = i + 1 + k
            K[i, j] = sp.Rational(str(v))
            K[j, i] = -K[i, j]
    Q = cayley_orthogonal(K)
    ar = tuple(sp.Rational(str(x)) for x in a)
    X = sp.Matrix.vstack(sp.diag(*ar) * Q, sp.zeros(extra_rows, d))
    Ym = sp.Matrix([[sp.Rational(str(v)) for v in row] for row in Y])
    W0m = sp.Matrix([[sp.Rational(str(v)) for v in row] for row in W0])
    if Ym.rows != X.rows:
        raise ValueError(f"Y needs {X.rows} rows, got {Ym.rows}")
    if W0m.shape != (d, Ym.cols):
        raise ValueError(f"W0 must be {d} x {Ym.cols}")
    return DataCase(name, X, Ym, W0m, Q, ar)


def standard_cases() -> tuple[DataCase, ...]:
    """The fixed cases every linear-model check runs, smallest first.

    They cover: full rank, rank-deficient X (singular Sigma_x), a repeated
    eigenvalue, d < p and d > p.
    """
    return (
        data_case((1, 2), ((sp.Rational(1, 2),),), [[1, 0], [0, 1], [1, 1]],
                  [[1, 0], [0, -1]], name="full rank, d = p = 2"),
        data_case((2, 0), ((1,),), [[1, 2], [0, 1], [2, -1]], [[1, 1], [-1, 2]],
                  name="rank-deficient X, d = p = 2"),
        data_case((1, 1, 0), ((sp.Rational(1, 2), 0), (1,)),
                  [[1, 0], [2, 1], [0, 1], [1, 1]], [[1, 0], [0, 1], [1, -1]],
                  name="repeated eigenvalue and null space, d = 3 > p = 2"),
        data_case((2, 1), ((sp.Rational(1, 3),),), [[1, 0, 2], [0, 1, 1], [1, 1, 0]],
                  [[0, 1, 0], [1, 0, 2]], name="d = 2 < p = 3"),
    )


# --- the formula under test ----------------------------------------------------------


class IllFormedFormula(Exception):
    """The formula under test raised, or returned a value of the wrong shape or type.

    Raised only by :func:`call_formula`, around the call of the formula under
    test, so an error of the checker's own code never becomes one.  ``where``
    describes the point (parameters) of the call; ``undecided`` is True when the
    failure says nothing about the formula's mathematics (SymPy could not
    evaluate it, or it raised only on symbolic arguments), and the check is then
    INCONCLUSIVE rather than FAILS.
    """

    def __init__(self, where: Mapping[str, object], error: str, undecided: bool = False) -> None:
        super().__init__(error)
        self.where = dict(where)
        self.error = error
        self.undecided = undecided

    def result(self, method: str) -> CheckResult:
        """FAILS with this point as counterexample, or INCONCLUSIVE when undecided."""
        if self.undecided:
            return CheckResult(Verdict.INCONCLUSIVE, Evidence(
                method=method, parameters=self.where,
                notes=f"the formula under test could not be evaluated: {self.error}; "
                      "nothing was decided about it"))
        return CheckResult(Verdict.FAILS, Evidence(
            method=method, precision="exact",
            counterexample={**self.where, "formula under test": self.error},
            notes="the formula under test is not defined, or not of the stated shape, at "
                  "this point of the stated domain"))


def _describe(err: BaseException) -> str:
    return f"{type(err).__name__}: {err}".rstrip(": ")


def _exact_decimals(value: Any, inexact: MutableMapping[str, str] | None) -> Any:
    """``value`` with every SymPy Float replaced by the rational it prints as.

    ``sp.Rational(str(f))`` reads the decimal digits exactly (0.1 -> 1/10); it is
    not the binary value of the float, and not ``nsimplify`` (which guesses).
    The readings are recorded in ``inexact``.
    """
    floats = value.atoms(sp.Float)
    if not floats:
        return value
    sub: dict[sp.Basic, sp.Basic] = {}
    for f in floats:
        if not f.is_finite:
            raise ValueError(f"non-finite number {f}")
        sub[f] = sp.Rational(str(f))
    if inexact is not None:
        inexact.update({str(f): str(q) for f, q in sub.items()})
    return value.xreplace(sub)


def _checked(value: Any, shape: tuple[int | None, int | None] | None, scalar: bool,
             inexact: MutableMapping[str, str] | None) -> Any:
    """``value`` with Floats read exactly; ValueError if its type or shape is wrong."""
    if scalar:
        if isinstance(value, (int, float, Fraction)):
            value = sp.sympify(value)
        if not isinstance(value, sp.Expr):
            raise ValueError(f"returned {type(value).__name__}, not a scalar expression")
    if shape is not None:
        if not isinstance(value, (sp.MatrixBase, sp.MatrixExpr)):
            raise ValueError(f"returned {type(value).__name__}, not a matrix")
        want = tuple("?" if s is None else s for s in shape)
        got = value.shape
        if any(w != "?" and w != g for w, g in zip(want, got, strict=True)):
            raise ValueError(f"returned a {got[0]} x {got[1]} matrix, "
                             f"not {want[0]} x {want[1]}")
    if isinstance(value, (sp.Basic, sp.MatrixBase)):
        value = _exact_decimals(value, inexact)
    return value


def call_formula(
    formula: Callable[..., Any],
    args: Sequence[Any],
    *,
    where: Mapping[str, object],
    shape: tuple[int | None, int | None] | None = None,
    scalar: bool = False,
    inexact: MutableMapping[str, str] | None = None,
    concrete: tuple[Sequence[Any], Mapping[str, object]] | None = None,
) -> Any:
    """Call the formula under test, and only it, turning its failures into findings.

    ``formula(*args)`` must return a matrix of ``shape`` (``None`` for a free
    dimension) or, with ``scalar``, a SymPy expression.  Floats in the value are
    read exactly as the decimals they print as and recorded in ``inexact``.

    If the call raises or its value is of the wrong type or shape, and the
    arguments are symbolic, ``concrete = (args, where)`` gives the same call at a
    concrete point of the domain: the formula is ill-formed only if it fails there
    too (a formula may be defined at every point yet not evaluate on symbols).
    Raises :class:`IllFormedFormula` (``undecided`` for ``NotImplementedError``
    and for failures on symbolic arguments only).

    >>> call_formula(lambda a: a.inv(), [sp.zeros(1, 1)], where={"a": 0}, shape=(1, 1))
    Traceback (most recent call last):
    ...
    symdln.checks._cases.IllFormedFormula: NonInvertibleMatrixError: Matrix det == 0; not invertible.
    >>> seen: dict[str, str] = {}
    >>> call_formula(lambda x: 0.5 * x, [sp.Symbol("x")], where={}, scalar=True, inexact=seen)
    x/2
    >>> seen
    {'0.500000000000000': '1/2'}
    """
    try:
        value = formula(*args)
    except NotImplementedError as err:
        raise IllFormedFormula(where, _describe(err), undecided=True) from err
    except Exception as err:  # the formula under test raised: a finding, judged below
        failure: BaseException = err
    else:
        try:
            return _checked(value, shape, scalar, inexact)
        except ValueError as err:  # wrong type, shape, or a non-finite number
            failure = err
    if concrete is None:
        raise IllFormedFormula(where, _describe(failure)) from failure
    cargs, cwhere = concrete
    call_formula(formula, cargs, where=cwhere, shape=shape, scalar=scalar, inexact=inexact)
    raise IllFormedFormula(
        where, f"{_describe(failure)} with symbolic arguments, but not at the concrete "
               f"point {dict(cwhere)}", undecided=True) from failure


def judge_formula(run: Callable[[dict[str, str]], CheckResult], called_on: str) -> CheckResult:
    """Run a check whose formula under test is called through :func:`call_formula`.

    ``run(inexact)`` is the check; an :class:`IllFormedFormula` it raises becomes the
    verdict (``called_on`` says where the formula was called), an undecided residual
    (:class:`~symdln.checks._identity.UndecidedResidual`) is INCONCLUSIVE, and the inexact numbers
    collected in ``inexact`` qualify the result (:func:`qualify_inexact`).
    """
    inexact: dict[str, str] = {}
    try:
        result = run(inexact)
    except IllFormedFormula as err:
        result = err.result(called_on)
    except UndecidedResidual as err:
        result = CheckResult(Verdict.INCONCLUSIVE, Evidence(
            method="exact polynomial identity, certified evaluation at integer points",
            parameters={"case": err.case},
            notes="the residual does not expand to zero but no point certified it nonzero: undecided"))
    return qualify_inexact(result, inexact)


def qualify_inexact(result: CheckResult, inexact: Mapping[str, str]) -> CheckResult:
    """Report how inexact numbers of the formula under test were read.

    A FAILS stands (its counterexample is certified for the exact reading, which
    the evidence states); a HOLDS becomes INCONCLUSIVE and a HOLDS_AFTER_CORRECTION
    becomes FAILS (the printed counterexample stands, the correction is not
    proved): an identity proved for the decimal reading of a float is not proved
    for the formula as computed.
    """
    if not inexact:
        return result
    reading = "inexact numbers in the formula under test read exactly as the decimals " \
              "they print as: " + ", ".join(f"{k} -> {v}" for k, v in sorted(inexact.items()))
    unproved = "holds for that exact reading only, not proved for the formula as computed " \
               "(numerically close is never HOLDS)"
    ev = result.evidence
    if result.verdict is Verdict.HOLDS:
        return CheckResult(Verdict.INCONCLUSIVE, replace(
            ev, residual=None,
            notes="; ".join(n for n in (reading, unproved, ev.notes) if n)))
    if result.verdict is Verdict.HOLDS_AFTER_CORRECTION:
        return CheckResult(Verdict.FAILS, replace(
            ev, corrected_statement=None,
            notes="; ".join(n for n in (reading, f"the correction {unproved}", ev.notes)
                            if n)))
    return CheckResult(result.verdict, replace(
        ev, notes="; ".join(n for n in (ev.notes, reading) if n)))


class _InexactOutput(Exception):
    """A formula under test returned inexact numbers (raised by :func:`rejects_inexact`'s guard)."""

    def __init__(self, name: str, value: object) -> None:
        super().__init__(f"{name} returned {value!r}")
        self.name, self.value = name, value


def _has_float(value: object) -> bool:
    if isinstance(value, float):
        return True
    if isinstance(value, sp.MatrixBase):
        return any(_has_float(e) for e in value)
    if isinstance(value, (list, tuple)):
        return any(_has_float(e) for e in value)
    return isinstance(value, sp.Basic) and value.has(sp.Float)


def rejects_inexact(*names: str) -> Callable[[Callable[..., CheckResult]], Callable[..., CheckResult]]:
    """Decorate a check so that the formulas under test passed as ``names`` may not return Floats.

    Exact arithmetic cannot judge a Float (a correct formula written with ``1.0`` would FAIL, a
    wrong one could pass after rounding): the first Float returned ends the check with
    ``INCONCLUSIVE`` and a note naming the formula and the value.

    >>> @rejects_inexact("f")
    ... def check(f=lambda: sp.Integer(1)):
    ...     ok = f() == 1
    ...     return CheckResult(Verdict.HOLDS if ok else Verdict.INCONCLUSIVE, Evidence("exact", notes="-"))
    >>> check(f=lambda: 1.0 * sp.Integer(1)).verdict.name, check().verdict.name
    ('INCONCLUSIVE', 'HOLDS')
    """

    def decorate(check: Callable[..., CheckResult]) -> Callable[..., CheckResult]:
        signature = inspect.signature(check)

        @functools.wraps(check)
        def run(*args: Any, **kwargs: Any) -> CheckResult:
            bound = signature.bind(*args, **kwargs)
            bound.apply_defaults()
            for name in names:
                bound.arguments[name] = _guard(bound.arguments[name], name)
            try:
                return check(*bound.args, **bound.kwargs)
            except _InexactOutput as err:
                return CheckResult(Verdict.INCONCLUSIVE, Evidence(
                    method="exact arithmetic (not applied)",
                    notes=f"the formula under test {err}: inexact numbers (Float); exact arithmetic "
                          "cannot judge them, nothing was decided (write it with SymPy Rationals)"))

        return run

    return decorate


def _guard(formula: Callable[..., Any], name: str) -> Callable[..., Any]:
    def guarded(*args: Any, **kwargs: Any) -> Any:
        value = formula(*args, **kwargs)
        if _has_float(value):
            raise _InexactOutput(name, value)
        return value

    return guarded
