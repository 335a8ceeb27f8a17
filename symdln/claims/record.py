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

from collections.abc import Callable
from dataclasses import dataclass

from symdln.verdict import CheckResult

__all__ = ["PAPERS", "Check", "Claim"]

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

    ``func`` takes no arguments and returns a :class:`CheckResult`; the
    functions in :mod:`symdln.checks` take the formula under test as a
    keyword argument whose default is the printed formula, so that tests can
    feed them a wrong one.
    """

    name: str
    func: Callable[[], CheckResult]
    summary: str
    slow: bool = False

    def run(self) -> CheckResult:
        """Run the check."""
        result = self.func()
        if not isinstance(result, CheckResult):
            raise TypeError(f"check {self.name!r} returned {type(result).__name__}")
        return result


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
    """

    id: str
    paper: str
    where: str
    statement: str
    domain: str
    checks: tuple[Check, ...]
    uses: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.paper not in PAPERS:
            raise ValueError(f"unknown paper {self.paper!r} for claim {self.id!r}")
        if not self.checks:
            raise ValueError(f"claim {self.id!r} has no checks")
        names = [c.name for c in self.checks]
        if len(set(names)) != len(names):
            raise ValueError(f"claim {self.id!r} has duplicate check names")
