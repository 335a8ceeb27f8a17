r"""Checks of Table 1 of paper 1 and of what Sec. 4.1 says about it.

The printed values are read from :mod:`symdln.reference` (two significant
digits: each stands for its rounding interval) and compared with what (27)
can produce at all (the sharp ranges proved in :mod:`symdln.checks.data_delta`).
The text's two statements about the table are judged on the printed values:
"do not vary much" with exact rational interval arithmetic, "two orders of
magnitude" as a formula in a row's ``Delta_x`` and ``Delta_xy``
(:func:`judge_orders`), by Arb balls on the rounding boxes.  The built-in data set (scikit-learn
digits) and any user files named in ``$SYMDLN_TABLE1_DATA`` are computed too,
and reported beside the verdicts: Delta_x of digits is certified (its
covariance is an exact integer matrix, sqrt(64) = 8), and so is its Delta_xy
(the minimum over U) through Arb eigenvector enclosures (:mod:`symdln.certify.offblock`).

>>> check_table1_vary(max_ratio=Fraction(2)).verdict.name
'FAILS'
>>> printed_table()[0]["delta_x"]
(Fraction(139, 200), Fraction(141, 200))
"""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
import sympy as sp

from symdln.correction import FormulaError
from symdln.verdict import CheckResult, Evidence, Verdict

__all__ = [
    "ORDERS_SYMBOLS",
    "Delta_x",
    "Delta_xy",
    "Table1DataError",
    "ball",
    "check_table1_values",
    "check_table1_vary",
    "decide",
    "decide_on_box",
    "digits_deltas",
    "judge_orders",
    "order_of_magnitude",
    "printed_table",
    "user_deltas",
]


def printed_table() -> list[dict[str, Any]]:
    """Rows of the printed Table 1 with rounding intervals [lo, hi) as Fractions."""
    from symdln.reference import load_table1

    rows = []
    for r in load_table1()["rows"]:
        row = {"dataset": r["dataset"], "d": r["d"]}
        for key in ("delta_xy", "delta_x"):
            v = Fraction(r[key])
            u = Fraction(r["unit_xy" if key == "delta_xy" else "unit_x"])
            row[key] = (v - u / 2, v + u / 2)
            row[key + " printed"] = r[key]
        rows.append(row)
    return rows


def _certified_delta_x(G: np.ndarray) -> dict[str, str]:
    """Corrected Delta_x of an exact integer Gram matrix G (any positive multiple of Sigma_x), in Arb."""
    import flint

    d = G.shape[0]
    tr = int(np.trace(G))
    fro2 = sum(int(v) * int(v) for v in G.ravel().tolist())
    with flint.ctx.workprec(128):
        # Delta_x^2 = (2 - 2 tr / (sqrt(d) ||G||)) / 4
        val = ((2 - 2 * flint.arb(tr) / (flint.arb(d).sqrt() * flint.arb(fro2).sqrt())) / 4).sqrt()
        return {"Delta_x (corrected, certified)": str(val)}


def digits_deltas() -> dict[str, Any]:
    """The (27) quantities of scikit-learn's digits, raw and centred, with provenance (a fresh copy)."""
    import copy

    return copy.deepcopy(_digits_deltas())


@lru_cache(maxsize=1)
def _digits_deltas() -> dict[str, Any]:
    from symdln.assumption import deltas_numeric
    from symdln.datasets import centre, load_digits_xy

    X, Y, prov = load_digits_xy()
    Xi = X.astype(np.int64)
    n = Xi.shape[0]
    G = Xi.T @ Xi
    s = Xi.sum(axis=0)
    Gc = n * G - np.outer(s, s)  # n^2 * centred covariance: exact integers
    from symdln.certify.offblock import certified_delta_xy_min

    Yi = Y.astype(np.int64)
    C = Xi.T @ Yi
    Cc = n * C - np.outer(s, Yi.sum(axis=0))  # n^2 * centred Sigma_xy
    out: dict[str, Any] = {"provenance": prov}
    for name, Xv, Gv, Cv in (("raw", X, G, C), ("centred", centre(X), Gc, Cc)):
        num = deltas_numeric(Xv, Y)
        out[name] = {k: (round(v, 6) if isinstance(v, float) else v) for k, v in num.items()
                     if k != "sigma"}
        out[name].update(_certified_delta_x(Gv))
        out[name]["Delta_xy min (certified)"] = str(certified_delta_xy_min(Gv, Cv))
    return out


class Table1DataError(ValueError):
    """A user data set for Table 1 that cannot be used: ``name`` (the paper's name) and why, in one line."""

    def __init__(self, name: str, message: str) -> None:
        super().__init__(f"{name}: {message}")
        self.name = name
        self.message = message


def user_deltas(paths: Mapping[str, Path] | None = None) -> dict[str, Any]:
    """The (27) quantities of user data sets (``$SYMDLN_TABLE1_DATA`` unless ``paths`` is given),
    computed from streamed moments (float64, numerical), raw and centred.

    Every file is validated as it is read (:func:`symdln.datasets.validate_xy`); a data set that
    cannot be read, is malformed, or whose SVD does not converge raises :class:`Table1DataError`
    naming it.  Results are kept for the life of the process, keyed by the files' sizes and
    modification times, so the command line's validation and the check compute each set once.
    """
    from symdln.datasets import table1_user_paths

    paths = table1_user_paths() if paths is None else dict(paths)
    return {name: _user_entry(name, Path(path)) for name, path in paths.items()}


_USER_CACHE: dict[tuple[Any, ...], dict[str, Any]] = {}


def _stamp(path: Path) -> tuple[Any, ...]:
    """What identifies the contents of a path for the cache: every file's size and mtime."""
    files = sorted(path.iterdir()) if path.is_dir() else [path]
    return tuple((str(f), st.st_size, st.st_mtime_ns) for f in files for st in [f.stat()])


def _user_entry(name: str, path: Path) -> dict[str, Any]:
    import copy

    from symdln.assumption import deltas_from_moments
    from symdln.datasets import data_moments

    try:
        key = (name, str(path.resolve()), _stamp(path))
    except OSError as exc:
        raise Table1DataError(name, f"{path}: {exc.strerror or exc}") from None
    if key not in _USER_CACHE:
        try:
            mom = data_moments(path)
            entry: dict[str, Any] = {"provenance": mom["provenance"]}
            for kind, G, C in (("raw", mom["G"], mom["C"]),
                               ("centred", mom["G_centred"], mom["C_centred"])):
                num = deltas_from_moments(G, C, mom["n"])
                if not all(np.isfinite(v) for v in num.values() if isinstance(v, float)):
                    raise ValueError(f"{path}: the {kind} (27) quantities are not finite (constant inputs?)")
                entry[kind] = {k: (round(v, 6) if isinstance(v, float) else v)
                               for k, v in num.items() if k != "sigma"}
        except np.linalg.LinAlgError as exc:
            raise Table1DataError(name, f"{path}: the SVD of Sigma_xy failed ({exc})") from None
        except MemoryError:
            raise Table1DataError(name, f"{path}: not enough memory for the d x d moments") from None
        except (OSError, ValueError, KeyError, EOFError) as exc:
            text = exc.args[0] if isinstance(exc, KeyError) and exc.args else str(exc)
            if isinstance(exc, OSError) and exc.strerror:
                text = f"{exc.filename or path}: {exc.strerror}"
            raise Table1DataError(name, str(text).splitlines()[0] if str(text) else type(exc).__name__
                                  ) from None
        _USER_CACHE[key] = entry
    return copy.deepcopy(_USER_CACHE[key])


def _compare_user(rows: list[dict[str, Any]], users: dict[str, Any]) -> dict[str, Any]:
    """Whether each user value falls inside the printed rounding interval (numerical)."""
    cmp: dict[str, Any] = {}
    by_name = {name.casefold(): u for name, u in users.items()}
    for row in rows:
        u = by_name.get(row["dataset"].casefold())
        if u is None:
            continue
        raw = u["raw"]
        lo_xy, hi_xy = row["delta_xy"]
        lo_x, hi_x = row["delta_x"]
        cmp[row["dataset"]] = {
            "Delta_xy min in printed interval": lo_xy <= Fraction(raw["delta_xy_min"]) < hi_xy,
            "Delta_xy (LAPACK U) in printed interval": lo_xy <= Fraction(raw["delta_xy_printed"]) < hi_xy,
            "Delta_x corrected in printed interval": lo_x <= Fraction(raw["delta_x_corrected"]) < hi_x,
        }
    return cmp


def check_table1_values(rows: list[dict[str, Any]] | None = None,
                        user_paths: Mapping[str, Path] | None = None,
                        with_digits: bool = True) -> CheckResult:
    r"""Judge the printed Table 1 values against what (27) can produce for each data set's d.

    For PSD Sigma_x != 0, Delta_x <= 1/2 sqrt(2 - 2/sqrt(d)) both in the
    corrected reading and with the 1/n dropped, and |Delta_x - 1/2| <= 1/(2n)
    in the literal one (check ``eq27.range``).  A printed interval entirely
    above every bound is a certified counterexample.
    """
    import flint

    from symdln.assumption import delta_x_sup
    from symdln.certify.balls import enclose
    from symdln.checks.data_delta import symbolic_bound_proofs

    rows = printed_table() if rows is None else rows
    details: dict[str, Any] = {}
    bad = None
    # the literal reading: Delta_x <= 1/2 + 1/(2n), proved for every n and d; n >= 3 here
    proved = [v for k, v in symbolic_bound_proofs().items() if k.startswith("literal Delta_x <= 1/2 + ")]
    literal_max = Fraction(1, 2) + Fraction(1, 6) if proved == ["proved"] else None
    with flint.ctx.workprec(128):
        for row in rows:
            d = row["d"]
            lo, _hi = row["delta_x"]
            sup = enclose(delta_x_sup(d), 128)
            lo_b = flint.arb(flint.fmpq(lo.numerator, lo.denominator))
            details[row["dataset"]] = {"d": d, "printed Delta_x": row["delta_x printed"],
                                       "printed interval": [str(lo), str(_hi)],
                                       "sup Delta_x at this d": str(sup)}
            if bad is None and lo_b > sup and literal_max is not None and lo > literal_max:
                # smallest d whose supremum reaches lo: sqrt(d) >= 2 / (2 - 4 lo^2)
                root = Fraction(2) / (2 - 4 * lo * lo)
                d_min = int(sp.ceiling(sp.Rational(root.numerator, root.denominator) ** 2))
                bad = {"dataset": row["dataset"], "d": d, "printed Delta_x": row["delta_x printed"],
                       "printed interval lower end": str(lo),
                       f"sup of Delta_x over all data, d = {d}": f"sqrt(2 - 2/sqrt({d}))/2 = {sup}",
                       "literal reading, n >= 3": "within 1/6 of 1/2",
                       "smallest d that could give it": d_min}
    if with_digits:
        details["digits (computed)"] = digits_deltas()
    try:
        users = user_deltas(user_paths)
    except Table1DataError as exc:  # reported beside the verdict, which rests on the printed values
        users = {}
        details["user data not used"] = str(exc)
    if users:
        details["user data (computed, float64)"] = users
        details["user data vs printed intervals"] = _compare_user(rows, users)
    if bad is not None:
        return CheckResult(Verdict.FAILS, Evidence(
            method="Arb enclosure of the proved supremum vs exact rounding interval of the printed value",
            precision="128 bits", counterexample=bad, details=details,
            notes="the printed value is above anything (27) can give for a data set of this dimension "
                  "(d = 784 for 28 x 28 MNIST, as cited; see 'smallest d that could give it'). The other "
                  "values are attainable; reproducing them needs the data sets (set $SYMDLN_TABLE1_DATA)",
            proof="proofs/data_delta.py"))
    return CheckResult(Verdict.NOT_CHECKABLE, Evidence(
        method="range check only", details=details,
        notes="every printed value is attainable; the data sets are not available offline "
              "(point $SYMDLN_TABLE1_DATA at MNIST / CIFAR-10 / ImageNet-64 files to compare)"))


def _ratio_interval(row: dict[str, Any]) -> tuple[Fraction, Fraction]:
    lo_x, hi_x = row["delta_x"]
    lo_xy, hi_xy = row["delta_xy"]
    return lo_x / hi_xy, hi_x / lo_xy


def _ratio(entry: dict[str, Any]) -> str:
    import flint

    with flint.ctx.workprec(128):
        return str(flint.arb(entry["Delta_x (corrected, certified)"])
                   / flint.arb(entry["Delta_xy min (certified)"]))


#: a row's printed Delta_x and Delta_xy (Table 1), each standing for its rounding interval
Delta_x = sp.Symbol("Delta_x", positive=True)
Delta_xy = sp.Symbol("Delta_xy", positive=True)


class order_of_magnitude(sp.Function):  # a SymPy function: lower case, like exp and log
    r"""The order of magnitude of x > 0: the integer nearest to log10 x, i.e. the k with
    10^(k - 1/2) <= x < 10^(k + 1/2) ("two orders of magnitude smaller": the ratio has order 2).

    >>> order_of_magnitude(25), order_of_magnitude(sp.Rational(3, 100)), order_of_magnitude(316)
    (1, -2, 2)
    """

    nargs = 1
    is_integer = True

    @classmethod
    def eval(cls, x: sp.Expr) -> sp.Integer | None:
        if not (x.is_Rational and x > 0):
            return None
        k = len(str(int(x))) - 1 if x >= 1 else -len(str(int(1 / x)))  # 10^k <= x < 10^(k + 2)
        while x * x >= sp.Integer(10) ** (2 * k + 1):  # exact: x >= 10^(k + 1/2)
            k += 1
        while x * x < sp.Integer(10) ** (2 * k - 1):
            k -= 1
        return sp.Integer(k)


#: what a statement about the rows of Table 1 may use
ORDERS_SYMBOLS = (Delta_x, Delta_xy, order_of_magnitude)


class _Undefined(ArithmeticError):
    """The formula is not defined on (part of) a box (e.g. a logarithm of a negative number)."""


def ball(expr: sp.Basic, env: Mapping[sp.Symbol, Any]) -> Any:
    """An Arb ball enclosing every value of ``expr`` when each symbol ranges over its ball in ``env``
    (at the current flint precision).  Supported: rationals, floats (their exact binary value), pi,
    E, sums, products, powers, exp, log, Abs, floor, ceiling, :class:`order_of_magnitude`; an
    expression that may be undefined on the balls raises ``_Undefined``."""
    import flint

    e = sp.sympify(expr)
    if e in env:
        return env[e]
    if e.is_Rational:
        return flint.arb(flint.fmpq(int(e.p), int(e.q)))
    if e.is_Float:
        return flint.arb(str(sp.Rational(e)))
    if e is sp.pi:
        return flint.arb.pi()
    if e is sp.E:
        return flint.arb(1).exp()
    if e.is_Add:
        return sum((ball(a, env) for a in e.args), flint.arb(0))
    if e.is_Mul:
        out = flint.arb(1)
        for a in e.args:
            out *= ball(a, env)
        return out
    if e.is_Pow:
        base, ex = ball(e.base, env), e.exp
        if ex.is_Integer:
            k = int(ex)
            if k < 0 and base.contains(0):
                raise _Undefined(f"{sp.sstr(e)}: division by a ball containing 0")
            return base**k if k >= 0 else 1 / base ** (-k)
        if not base > 0:
            raise _Undefined(f"{sp.sstr(e)}: a non-integer power of a ball not certainly positive")
        return (ball(ex, env) * base.log()).exp()
    if isinstance(e, sp.exp):
        return ball(e.args[0], env).exp()
    if isinstance(e, sp.log):
        x = ball(e.args[0], env)
        if not x > 0:
            raise _Undefined(f"{sp.sstr(e)}: the logarithm of a ball not certainly positive")
        return x.log()
    if isinstance(e, sp.Abs):
        return abs(ball(e.args[0], env))
    if isinstance(e, (sp.floor, sp.ceiling, order_of_magnitude)):
        x = ball(e.args[0], env)
        if isinstance(e, order_of_magnitude):
            if not x > 0:
                raise _Undefined(f"{sp.sstr(e)}: order_of_magnitude of a ball not certainly positive")
            x = x.log() / flint.arb(10).log() + flint.arb(0.5)
        rnd = (lambda v: v.floor()) if not isinstance(e, sp.ceiling) else (lambda v: v.ceil())
        lo, hi = rnd(x.lower()), rnd(x.upper())
        return lo if lo == hi else lo.union(hi)
    raise FormulaError(f"{sp.sstr(e)} cannot be evaluated on intervals here "
                       "(+, *, powers, exp, log, Abs, floor, ceiling, order_of_magnitude)")


def decide(statement: sp.Basic, env: Mapping[sp.Symbol, Any]) -> bool | None:
    """The truth value of ``statement`` for EVERY point of the balls in ``env`` (True), for none
    (False), or undecided (None): relations by certified signs, And/Or/Not/Implies/Equivalent in
    three-valued logic."""
    if statement is sp.true or statement is sp.false:
        return bool(statement)
    if isinstance(statement, sp.core.relational.Relational):
        diff = ball(statement.lhs, env) - ball(statement.rhs, env)
        pos, neg = diff > 0, diff < 0
        zero = diff.is_exact() and diff == 0
        nonneg, nonpos = pos or zero, neg or zero
        truth = {sp.Eq: (zero, not diff.contains(0)), sp.Ne: (not diff.contains(0), zero),
                 sp.Lt: (neg, nonneg or diff >= 0), sp.Le: (nonpos or diff <= 0, pos),
                 sp.Gt: (pos, nonpos or diff <= 0), sp.Ge: (nonneg or diff >= 0, neg)}[type(statement)]
        return True if truth[0] else False if truth[1] else None
    parts = [decide(a, env) for a in statement.args]
    if isinstance(statement, sp.Not):
        return None if parts[0] is None else not parts[0]
    if isinstance(statement, sp.And):
        return False if False in parts else None if None in parts else True
    if isinstance(statement, sp.Or):
        return True if True in parts else None if None in parts else False
    if isinstance(statement, sp.Implies):
        a, b = parts
        return True if a is False or b is True else False if a is True and b is False else None
    if isinstance(statement, sp.Equivalent):
        return None if None in parts else len(set(parts)) == 1
    raise FormulaError(f"{sp.sstr(statement)}: not a relation or a logical formula")


def decide_on_box(statement: sp.Basic, box: Mapping[sp.Symbol, tuple[Fraction, Fraction]],
                  depth: int = 8) -> bool | None:
    """:func:`decide` on a box of closed intervals, bisected along the widest side (``depth``
    times at most) while undecided: True (every point), False (no point) or None."""
    import flint

    with flint.ctx.workprec(128):
        env = {s: flint.arb(flint.fmpq(lo.numerator, lo.denominator)).union(
            flint.arb(flint.fmpq(hi.numerator, hi.denominator))) for s, (lo, hi) in box.items()}
        try:
            v = decide(statement, env)
        except _Undefined:
            v = None
    if v is not None or depth == 0:
        return v
    widest = max(box, key=lambda s: box[s][1] - box[s][0])
    lo, hi = box[widest]
    mid = (lo + hi) / 2
    halves = [decide_on_box(statement, {**box, widest: iv}, depth - 1) for iv in ((lo, mid), (mid, hi))]
    return halves[0] if halves[0] == halves[1] else None


def judge_orders(statement: sp.Basic, rows: list[dict[str, Any]] | None = None) -> CheckResult:
    r"""Judge a statement about every row of Table 1, in ``Delta_x`` and ``Delta_xy`` (e.g. "two
    orders of magnitude smaller": ``Eq(order_of_magnitude(Delta_x/(100*Delta_xy)), 0)``).

    The truth is the printed table (an outside reference, :mod:`symdln.reference`): each printed
    value stands for its rounding interval, and a row's statement holds when it holds on the whole
    box of the row's two intervals.  Decided by Arb ball arithmetic on the box, bisected while
    undecided (:func:`decide_on_box`): FAILS when it fails on the whole box of some row, HOLDS when it
    holds on the whole box of every row, INCONCLUSIVE otherwise (the rounding cannot decide).
    ``rows`` replaces the printed table (tests).

    >>> judge_orders(sp.Eq(order_of_magnitude(Delta_x / Delta_xy), 1)).verdict.name
    'HOLDS'
    """
    from symdln.reference import load_table1

    if not isinstance(statement, sp.logic.boolalg.Boolean) or statement in (sp.true, sp.false):
        raise FormulaError(f"{sp.sstr(statement)}: a statement about a row is a relation or a logical "
                           "formula in Delta_x and Delta_xy")
    unknown = statement.free_symbols - {Delta_x, Delta_xy}
    if unknown:
        raise FormulaError(f"unknown symbol {sorted(map(str, unknown))[0]!r} (the symbols are: Delta_x, "
                           "Delta_xy)")
    rows = printed_table() if rows is None else rows
    ref = load_table1()
    verdicts: dict[str, str] = {}
    failing = []
    for r in rows:
        v = decide_on_box(statement, {Delta_x: r["delta_x"], Delta_xy: r["delta_xy"]})
        verdicts[r["dataset"]] = {True: "holds", False: "fails", None: "undecided"}[v]
        if v is False:
            failing.append(r)
    ratios = {r["dataset"]: [str(a), str(b)] for r in rows for a, b in [_ratio_interval(r)]}
    details: dict[str, Any] = {"per row": verdicts, "Delta_x / Delta_xy intervals": ratios,
                               "reference": ref["provenance"]}
    digits = digits_deltas()
    details.update({f"digits {k}, Delta_x / Delta_xy (certified, computed beside)": _ratio(digits[k])
                    for k in ("raw", "centred")})
    method = ("Arb ball arithmetic (128 bits) on the boxes of the printed rounding intervals, bisected "
              "while undecided")
    if failing:
        r = failing[0]
        return CheckResult(Verdict.FAILS, Evidence(
            method=method, precision="128 bits", details=details,
            counterexample={"dataset": r["dataset"], "printed Delta_x": r["delta_x printed"],
                            "printed Delta_xy": r["delta_xy printed"],
                            "Delta_x / Delta_xy in": ratios[r["dataset"]],
                            "fails on the whole rounding box of": [f["dataset"] for f in failing]},
            notes="the statement is false for every value the printed digits can stand for"))
    if all(v == "holds" for v in verdicts.values()):
        return CheckResult(Verdict.HOLDS, Evidence(
            method=method, precision="128 bits", details=details,
            notes="true for every value the printed digits can stand for, in every row", scope="general"))
    return CheckResult(Verdict.INCONCLUSIVE, Evidence(
        method=method, details=details,
        notes="the printed rounding does not decide the statement in some row (see 'per row')"))


def check_table1_vary(rows: list[dict[str, Any]] | None = None,
                      max_ratio: Fraction | None = None) -> CheckResult:
    r"""Judge "the quantities Delta_x and Delta_xy do not vary much among the datasets" (Sec. 4.1).

    The text gives no threshold: with ``max_ratio=None`` the verdict is
    NOT_CHECKABLE and the certified spreads are reported; with a threshold
    (largest / smallest value allowed) it is decided exactly.
    """
    rows = printed_table() if rows is None else rows
    spread = {}
    for key in ("delta_xy", "delta_x"):
        his = [r[key][1] for r in rows]
        los = [r[key][0] for r in rows]
        # certainly at least max(lo)/min(hi), at most max(hi)/min(lo)
        spread[key] = (max(los) / min(his), max(his) / min(los))
    details = {k: [str(a), str(b)] for k, (a, b) in spread.items()}
    if max_ratio is None:
        return CheckResult(Verdict.NOT_CHECKABLE, Evidence(
            method="exact rational interval arithmetic", precision="exact", details=details,
            notes="no threshold is stated. Max/min over the datasets: Delta_xy at least "
                  f"{float(spread['delta_xy'][0]):.2f} (a factor ~6), Delta_x at most "
                  f"{float(spread['delta_x'][1]):.3f}; Delta_x sits at .68-.70, just under its "
                  "supremum (about 0.70 at these d) that every rank-one Sigma_x attains"))
    for key, (lo, _hi) in spread.items():
        if lo > max_ratio:
            return CheckResult(Verdict.FAILS, Evidence(
                method="exact rational interval arithmetic", precision="exact", details=details,
                counterexample={"quantity": key, "max/min at least": str(lo),
                                "threshold": str(max_ratio)}))
    return CheckResult(Verdict.HOLDS, Evidence(
        method="exact rational interval arithmetic", precision="exact", details=details,
        parameters={"max_ratio": str(max_ratio)}, scope="general"))
