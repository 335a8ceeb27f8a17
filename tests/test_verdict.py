"""The verdict vocabulary: evidence requirements and combination rules."""

import pytest

from symdln.verdict import CheckResult, Evidence, Verdict, combine, corrected


def test_fails_needs_counterexample():
    with pytest.raises(ValueError, match="counterexample"):
        CheckResult(Verdict.FAILS, Evidence("exact"))


def test_correction_needs_statement():
    with pytest.raises(ValueError, match="corrected statement"):
        CheckResult(Verdict.HOLDS_AFTER_CORRECTION, Evidence("exact", counterexample={"t": 1}))


def test_not_checkable_needs_reason():
    with pytest.raises(ValueError, match="reason"):
        CheckResult(Verdict.NOT_CHECKABLE, Evidence("none"))


@pytest.mark.parametrize(
    ("verdicts", "expected"),
    [
        ([Verdict.HOLDS], Verdict.HOLDS),
        ([Verdict.HOLDS, Verdict.INCONCLUSIVE], Verdict.INCONCLUSIVE),
        ([Verdict.HOLDS, Verdict.NOT_CHECKABLE], Verdict.INCONCLUSIVE),
        ([Verdict.NOT_CHECKABLE, Verdict.NOT_CHECKABLE], Verdict.NOT_CHECKABLE),
        ([Verdict.HOLDS_AFTER_CORRECTION, Verdict.HOLDS], Verdict.HOLDS_AFTER_CORRECTION),
        ([Verdict.HOLDS_AFTER_CORRECTION, Verdict.FAILS], Verdict.FAILS),
        ([Verdict.HOLDS_AFTER_CORRECTION, Verdict.HOLDS_AFTER_CORRECTION], Verdict.HOLDS_AFTER_CORRECTION),
        # the correction is not established when another part is undecided
        ([Verdict.HOLDS_AFTER_CORRECTION, Verdict.INCONCLUSIVE], Verdict.FAILS),
        ([Verdict.HOLDS_AFTER_CORRECTION, Verdict.NOT_CHECKABLE, Verdict.HOLDS], Verdict.FAILS),
        ([Verdict.INCONCLUSIVE, Verdict.FAILS], Verdict.FAILS),
    ],
)
def test_combine(verdicts, expected):
    assert combine(verdicts) is expected


def test_combine_empty_is_an_error():
    with pytest.raises(ValueError):
        combine([])


def _fails():
    return CheckResult(Verdict.FAILS, Evidence("exact", counterexample={"t": 1}))


def test_corrected_requires_a_proved_correction():
    inconclusive = CheckResult(Verdict.INCONCLUSIVE, Evidence("float64"))
    out = corrected(_fails(), inconclusive, "fixed")
    assert out.verdict is Verdict.FAILS
    assert "correction not proved" in out.evidence.notes


def test_corrected_passes_through_a_printed_form_that_holds():
    holds = CheckResult(Verdict.HOLDS, Evidence("exact"))
    assert corrected(holds, holds, "unused") is holds


def test_corrected_keeps_counterexample_and_statement():
    out = corrected(_fails(), CheckResult(Verdict.HOLDS, Evidence("induction")), "W = AM")
    assert out.verdict is Verdict.HOLDS_AFTER_CORRECTION
    assert out.evidence.counterexample == {"t": 1}
    assert out.evidence.corrected_statement == "W = AM"


def test_scope_is_validated_and_reported():
    with pytest.raises(ValueError, match="scope"):
        Evidence("exact", scope="most cases")
    ev = Evidence("exact", residual="0", scope="instances")
    assert ev.to_dict()["scope"] == "instances"
    assert Evidence("exact").to_dict()["scope"] is None
