"""Verdicts and their evidence.

A *check* judges one printed statement and returns a :class:`CheckResult`: a
:class:`Verdict` together with the :class:`Evidence` that earned it.  The
vocabulary keeps "not proved" apart from "false":

========================  ==================================================
``HOLDS``                 a computation that could have failed did not
                          (exact identity, certified enclosure, SMT proof)
``HOLDS_AFTER_CORRECTION`` the printed form fails (certified counterexample)
                          and the stated correction holds (proved)
``FAILS``                 a certified counterexample, no proved correction
``INCONCLUSIVE``          evidence collected, nothing proved
``NOT_CHECKABLE``         the statement cannot be judged (reason given)
========================  ==================================================

"Numerically close" is never ``HOLDS``.

>>> r = CheckResult(Verdict.HOLDS, Evidence(method="exact rational arithmetic"))
>>> r.verdict.label
'holds'
>>> combine([Verdict.HOLDS, Verdict.INCONCLUSIVE]).label
'inconclusive'
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from symdln.correction import Correction

__all__ = [
    "CheckResult",
    "Evidence",
    "Verdict",
    "combine",
    "corrected",
    "jsonable",
]


class Verdict(enum.Enum):
    """The outcome of a check or of a claim."""

    HOLDS = "HOLDS"
    HOLDS_AFTER_CORRECTION = "HOLDS_AFTER_CORRECTION"
    FAILS = "FAILS"
    INCONCLUSIVE = "INCONCLUSIVE"
    NOT_CHECKABLE = "NOT_CHECKABLE"

    @property
    def label(self) -> str:
        """Lower-case words, for tables."""
        return self.value.lower().replace("_", " ")

    @property
    def severity(self) -> int:
        """Order used by :func:`combine`: the most severe verdict wins."""
        return _SEVERITY[self]


_SEVERITY = {
    Verdict.HOLDS: 0,
    Verdict.NOT_CHECKABLE: 1,
    Verdict.INCONCLUSIVE: 2,
    Verdict.HOLDS_AFTER_CORRECTION: 3,
    Verdict.FAILS: 4,
}


def combine(verdicts: Iterable[Verdict]) -> Verdict:
    """The verdict of a claim from the verdicts of its checks.

    The most severe verdict wins, with two exceptions:

    * a claim whose checks mix ``HOLDS`` and ``NOT_CHECKABLE`` is
      ``INCONCLUSIVE`` (part of it was not judged); a claim all of whose
      checks are ``NOT_CHECKABLE`` is ``NOT_CHECKABLE``;
    * ``HOLDS_AFTER_CORRECTION`` needs every other check to hold (plainly or
      after correction): mixed with ``INCONCLUSIVE`` or ``NOT_CHECKABLE`` the
      corrected claim is not established while the printed one is refuted
      (with the counterexample of the correcting check), so the claim
      ``FAILS``.

    >>> combine([Verdict.HOLDS, Verdict.HOLDS]).name
    'HOLDS'
    >>> combine([Verdict.HOLDS, Verdict.NOT_CHECKABLE]).name
    'INCONCLUSIVE'
    >>> combine([Verdict.HOLDS_AFTER_CORRECTION, Verdict.FAILS]).name
    'FAILS'
    >>> combine([Verdict.HOLDS_AFTER_CORRECTION, Verdict.INCONCLUSIVE]).name
    'FAILS'
    """
    vs = list(verdicts)
    if not vs:
        raise ValueError("a claim needs at least one check verdict")
    worst = max(vs, key=lambda v: v.severity)
    if worst is Verdict.NOT_CHECKABLE and Verdict.HOLDS in vs:
        return Verdict.INCONCLUSIVE
    if worst is Verdict.HOLDS_AFTER_CORRECTION and any(
        v in (Verdict.INCONCLUSIVE, Verdict.NOT_CHECKABLE) for v in vs
    ):
        return Verdict.FAILS
    return worst


@dataclass(frozen=True)
class Evidence:
    """What a verdict rests on.

    Parameters
    ----------
    method:
        How the verdict was reached ("exact rational arithmetic", "z3 proof",
        "arb ball enclosure at 128 bits", ...).
    precision:
        Working precision, if any ("exact", "53 bits", "50 digits").
    margin:
        Smallest certified margin of an inequality, or ``None``.
    residual:
        Residual of an identity (``"0"`` when exact), or ``None``.
    parameters:
        The parameters at which the computation was done.
    counterexample:
        For ``FAILS`` / ``HOLDS_AFTER_CORRECTION``: the smallest certified
        counterexample to the printed statement.
    corrected_statement:
        For ``HOLDS_AFTER_CORRECTION``: the statement that holds instead.
    proof:
        Pointer to a readable proof script in ``proofs/``.
    notes:
        Free-text remarks (what was noticed, what is not covered).
    details:
        Further structured data (e.g. number of cases, convergence rates).
    scope:
        What the computation covers, when it is less than the stated domain:
        ``"instances"`` (the listed cases; the general statement rests on the
        argument in ``proof``) or ``"general"`` (every point of the domain).
        ``None`` when not stated.
    """

    method: str
    precision: str | None = None
    margin: str | None = None
    residual: str | None = None
    parameters: Mapping[str, Any] = field(default_factory=dict)
    counterexample: Mapping[str, Any] | None = None
    corrected_statement: str | None = None
    proof: str | None = None
    notes: str | None = None
    details: Mapping[str, Any] = field(default_factory=dict)
    scope: str | None = None

    def __post_init__(self) -> None:
        if self.scope not in (None, "instances", "general"):
            raise ValueError(f"scope must be None, 'instances' or 'general', not {self.scope!r}")

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dictionary (numbers become exact strings)."""
        return {
            "method": self.method,
            "precision": self.precision,
            "margin": self.margin,
            "residual": self.residual,
            "parameters": jsonable(dict(self.parameters)),
            "counterexample": (
                None if self.counterexample is None else jsonable(dict(self.counterexample))
            ),
            "corrected_statement": self.corrected_statement,
            "proof": self.proof,
            "notes": self.notes,
            "details": jsonable(dict(self.details)),
            "scope": self.scope,
        }

    def key(self) -> str:
        """One short line for a terminal table."""
        for label, value in (
            ("counterexample", self.counterexample),
            ("residual", self.residual),
            ("margin", self.margin),
        ):
            if value:
                text = value if isinstance(value, str) else _short(value)
                return f"{label}: {text}"
        return self.notes.split(".")[0] if self.notes else ""


def _short(value: Mapping[str, Any], limit: int = 80) -> str:
    text = ", ".join(f"{k}={jsonable(v)}" for k, v in value.items())
    return text if len(text) <= limit else text[: limit - 3] + "..."


def jsonable(value: Any) -> Any:
    """Convert exact and symbolic numbers to strings, recursively.

    >>> jsonable({"x": Fraction(1, 3), "ys": (1, 2.5)})
    {'x': '1/3', 'ys': [1, 2.5]}
    """
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, Fraction):
        return str(value)
    if isinstance(value, Mapping):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [jsonable(v) for v in value]
    if hasattr(value, "tolist") and not isinstance(value, type):
        return jsonable(value.tolist())
    return str(value)


@dataclass(frozen=True)
class CheckResult:
    """A verdict and the evidence for it."""

    verdict: Verdict
    evidence: Evidence

    def __post_init__(self) -> None:
        v, e = self.verdict, self.evidence
        if v in (Verdict.FAILS, Verdict.HOLDS_AFTER_CORRECTION) and e.counterexample is None:
            raise ValueError(f"{v.name} needs a counterexample in its evidence")
        if v is Verdict.HOLDS_AFTER_CORRECTION and not e.corrected_statement:
            raise ValueError("HOLDS_AFTER_CORRECTION needs the corrected statement")
        if v is Verdict.NOT_CHECKABLE and not e.notes:
            raise ValueError("NOT_CHECKABLE needs the reason in evidence.notes")


def corrected(printed: CheckResult, correction: CheckResult, statement: Correction | str) -> CheckResult:
    """Combine a judged printed statement with a judged correction.

    ``printed`` must be ``FAILS`` (with its counterexample) and
    ``correction`` must be ``HOLDS`` for the result to be
    ``HOLDS_AFTER_CORRECTION``.  If the printed form holds, the printed
    result is returned; if the correction is not proved, the printed
    ``FAILS`` stands, with the correction's own verdict and counterexample
    in its details.

    ``statement`` is the :class:`~symdln.correction.Correction` that was
    judged (its statement is rendered from its formula); a plain string is
    the older form, kept for the checks that still type their statement
    (``tests/test_corrections.py`` lists them).

    >>> bad = CheckResult(Verdict.FAILS, Evidence("exact", counterexample={"t": 1}))
    >>> good = CheckResult(Verdict.HOLDS, Evidence("exact induction"))
    >>> corrected(bad, good, "W_t = A^t M").verdict.name
    'HOLDS_AFTER_CORRECTION'
    """
    if printed.verdict is not Verdict.FAILS:
        return printed
    text = statement if isinstance(statement, str) else statement.statement
    formula = {} if isinstance(statement, str) or statement.latex is None else {
        "corrected formula (LaTeX)": statement.latex}
    if correction.verdict is not Verdict.HOLDS:
        notes = f"correction not proved ({correction.verdict.label}): {text}"
        ev = printed.evidence
        return CheckResult(
            Verdict.FAILS,
            Evidence(
                method=ev.method,
                precision=ev.precision,
                margin=ev.margin,
                residual=ev.residual,
                parameters=ev.parameters,
                counterexample=ev.counterexample,
                proof=ev.proof,
                notes="; ".join(n for n in (ev.notes, notes) if n),
                details={**ev.details, "correction": correction.evidence.to_dict(),
                         "correction verdict": correction.verdict.name},
            ),
        )
    pe, ce = printed.evidence, correction.evidence
    return CheckResult(
        Verdict.HOLDS_AFTER_CORRECTION,
        Evidence(
            method=f"printed: {pe.method}; corrected: {ce.method}",
            precision=ce.precision or pe.precision,
            margin=ce.margin,
            residual=ce.residual,
            parameters={**pe.parameters, **ce.parameters},
            counterexample=pe.counterexample,
            corrected_statement=text,
            proof=ce.proof or pe.proof,
            notes="; ".join(n for n in (pe.notes, ce.notes) if n) or None,
            details={"printed": pe.to_dict(), "corrected": ce.to_dict(), **formula},
            scope=ce.scope,
        ),
    )
