"""The record types of the claims registry: :class:`Claim` and :class:`Check`.

A claim is one printed result of a paper; its checks judge it.  Records are
frozen data: building them runs nothing.

>>> from symdln.verdict import CheckResult, Evidence, Verdict
>>> c = Check("trivial", lambda: CheckResult(Verdict.HOLDS, Evidence("exact")), "1 = 1")
>>> claim = Claim("demo.one", "paper1", "Sec. 0", "1 = 1", "none", (c,))
>>> claim.checks[0].run().verdict.name
'HOLDS'
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import sympy as sp

from symdln.correction import Correction
from symdln.verdict import CheckResult

__all__ = ["PAPERS", "Check", "Claim", "FormalProof"]

#: The papers a claim can come from, with their references.
PAPERS = {
    "paper1": (
        "Gidel, Bach, Lacoste-Julien. Implicit Regularization of Discrete Gradient "
        "Dynamics in Linear Neural Networks. NeurIPS 2019."
    ),
    "paper2": (
        "Cohen, Menon, Veraszto. Deep Linear Networks for Matrix Completion: an "
        "Infinite Depth Limit. SIAM J. Appl. Dyn. Syst. 22(4), 2023."
    ),
}


@dataclass(frozen=True)
class Check:
    """One computation that judges (part of) a claim.

    A check either *judges a formula*: ``judge`` takes the formula under test
    (a SymPy object: the claim's printed formula, its correction, or a user's
    proposal) and returns its :class:`CheckResult`, so that the printed
    formula and its correction go through the same computation; or it is a
    plain computation ``func`` with no arguments (the functions in
    :mod:`symdln.checks` then take the formula under test as a keyword whose
    default is the printed one, so that tests can feed them a wrong one).

    ``cross_check_of`` names another check of the same claim that judges the same statement and
    whose proof, where it is general, covers this one: this check is then a cross-check (e.g. in
    independent arithmetic over a long horizon) and does not limit the claim's scope
    (:attr:`symdln.runner.ClaimRun.scope`).
    """

    name: str
    func: Callable[[], CheckResult] | None
    summary: str
    slow: bool = False
    judge: Callable[[sp.Basic], CheckResult] | None = None
    cross_check_of: str | None = None

    def __post_init__(self) -> None:
        if (self.func is None) == (self.judge is None):
            raise ValueError(f"check {self.name!r} needs exactly one of func and judge")

    def run(self, formula: sp.Basic | None = None) -> CheckResult:
        """Run the check (a judging check on ``formula``)."""
        if self.judge is not None:
            if formula is None:
                raise ValueError(f"check {self.name!r} judges a formula and was given none")
            result = self.judge(formula)
        else:
            assert self.func is not None
            result = self.func()
        if not isinstance(result, CheckResult):
            raise TypeError(f"check {self.name!r} returned {type(result).__name__}")
        return result


@dataclass(frozen=True)
class FormalProof:
    """A theorem of a Coq proof in ``proofs/coq/`` that proves (part of) a claim.

    ``proves`` is ``"correction"`` (the claim's :class:`Correction`), ``"formula"`` (the printed
    formula), ``"identity"`` (the identity relating the printed formula and the correction),
    ``"threshold"`` (the limits on both sides of a corrected transition time) or ``"sharp condition"``
    (the limits under a condition stated with the corrected transition time);
    ``domain`` the hypotheses it assumes besides the symbols' signs, a SymPy Boolean.  That the
    theorem states exactly this is tested (``tests/test_coq.py``), by parsing both; that it is
    proved, by compiling the file (``coqc``) with no ``Admitted`` and only the standard axioms
    of Coq's real numbers.
    """

    file: str
    theorem: str
    proves: str = "correction"
    domain: Any = sp.true

    def __post_init__(self) -> None:
        if self.proves not in ("correction", "formula", "identity", "threshold", "sharp condition"):
            raise ValueError(f"FormalProof.proves: unknown kind {self.proves!r}")

    @property
    def where(self) -> str:
        """``file:theorem``."""
        return f"{self.file}:{self.theorem}"


@dataclass(frozen=True)
class Claim:
    """One printed result.

    Parameters
    ----------
    id:
        Stable dotted identifier, e.g. ``"prop1.solution"``.
    paper:
        A key of :data:`PAPERS`.
    where:
        Section, equation and theorem number in the paper.
    statement:
        The statement as printed (LaTeX-ish text).
    domain:
        The parameter domain the paper states.
    checks:
        The checks that judge it.
    uses:
        Ids of other claims it relies on.
    formula:
        The printed formula as a SymPy object, where it is a formula; the
        judging checks (``Check.judge``) judge it.
    correction:
        The correction, judged by the same checks, or ``None``.
    symbols:
        The symbols a user may write in a formula for this claim (default:
        those of ``formula`` and ``correction``).
    formal:
        Coq theorems that prove it (:class:`FormalProof`).
    """

    id: str
    paper: str
    where: str
    statement: str
    domain: str
    checks: tuple[Check, ...]
    uses: tuple[str, ...] = ()
    formula: sp.Basic | None = None
    correction: Correction | None = None
    symbols: tuple[Any, ...] = ()
    formal: tuple[FormalProof, ...] = ()

    def __post_init__(self) -> None:
        if self.paper not in PAPERS:
            raise ValueError(f"unknown paper {self.paper!r} for claim {self.id!r}")
        if not self.checks:
            raise ValueError(f"claim {self.id!r} has no checks")
        names = [c.name for c in self.checks]
        if len(set(names)) != len(names):
            raise ValueError(f"claim {self.id!r} has duplicate check names")
        judging = any(c.judge is not None for c in self.checks)
        if judging and self.formula is None:
            raise ValueError(f"claim {self.id!r} has judging checks but no formula")
        if self.correction is not None and self.correction.expr is not None and not judging:
            raise ValueError(f"claim {self.id!r}: a correction formula needs a judging check")
        for c in self.checks:
            target = next((k for k in self.checks if k.name == c.cross_check_of), None)
            if c.cross_check_of is not None and (target is None or target is c or
                                                 (c.judge is None) != (target.judge is None)):
                raise ValueError(f"claim {self.id!r}: check {c.name!r} is a cross-check of "
                                 f"{c.cross_check_of!r}, which is not another check of the same kind")

    @property
    def judging(self) -> tuple[Check, ...]:
        """The checks that judge a formula (the printed one, the correction, a user's)."""
        return tuple(c for c in self.checks if c.judge is not None)

    @property
    def symbol_map(self) -> Mapping[str, Any]:
        """Name -> symbol (or undefined function, e.g. ``w`` of ``w(t)``) a formula for this claim
        may use."""
        from sympy.core.function import AppliedUndef

        syms: set[Any] = set(self.symbols)
        for e in (self.formula, None if self.correction is None else self.correction.expr):
            if e is not None:
                syms |= {s for s in e.free_symbols if isinstance(s, sp.Symbol)}
                syms |= {f.func for f in e.atoms(AppliedUndef)}
        return {str(s): s for s in sorted(syms, key=str)}
