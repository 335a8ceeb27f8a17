"""`symdln verify --jobs N`: the worker pool gives the serial report, timings aside."""

from __future__ import annotations

import json
import subprocess
import sys

import mpmath
import pytest

from symdln.claims import select
from symdln.cli import main
from symdln.runner import run_claims

#: fast claims with every kind of outcome: holds, holds after correction (judged corrections and
#: a legacy one), fails with a counterexample, not checkable
FAST = ["sec2.overparam", "eq4.rank_constraint", "assump1.commute", "assump1.multiclass", "eq21.step_size",
        "eq24.inequalities", "sec42.eq28", "table1.orders", "table1.vary", "p2.completion.ranks3x3"]


def _without_seconds(value):
    if isinstance(value, dict):
        return {k: _without_seconds(v) for k, v in value.items() if k != "seconds"}
    if isinstance(value, list):
        return [_without_seconds(v) for v in value]
    return value


def _report(tmp_path, jobs: int) -> dict:
    """The report of ``symdln verify --jobs N`` in a fresh interpreter, as a user runs it (this test
    process carries the state of the tests before it)."""
    path = tmp_path / f"r{jobs}.json"
    args = ["verify", "--quiet", "--json", str(path), "--jobs", str(jobs),
            *(a for cid in FAST for a in ("--claim", cid))]
    proc = subprocess.run([sys.executable, "-m", "symdln", *args], capture_output=True, text=True,
                          timeout=600)
    assert proc.returncode == 0, proc.stderr
    return json.loads(path.read_text())


def test_two_workers_give_the_serial_report(tmp_path):
    serial, pooled = _report(tmp_path, 1), _report(tmp_path, 2)
    order = [c.id for c in select(FAST)]  # registry order
    assert [c["id"] for c in pooled["claims"]] == order == [c["id"] for c in serial["claims"]]
    a, b = _without_seconds(serial), _without_seconds(pooled)
    differ = [x["id"] for x, y in zip(a["claims"], b["claims"], strict=True) if x != y]
    assert not differ, f"claims whose reports differ: {differ}"
    assert a == b


def test_progress_is_reported_from_the_workers():
    events = []
    runs = run_claims(select(FAST[:4]), lambda claim, check, run: events.append((claim.id, check.name, run)),
                      jobs=2)
    done = [(cid, name) for cid, name, run in events if run is not None]
    started = [(cid, name) for cid, name, run in events if run is None]
    assert sorted(done) == sorted(started)
    for r in runs:  # every check that ran was reported, once per run (printed formula, correction)
        expected = [c.check.name for c in (*(r.formula_checks or r.checks), *r.correction_checks)
                    if not c.skipped]
        assert sorted(n for cid, n in done if cid == r.claim.id) == sorted(expected)


def test_a_claim_starts_from_the_default_precision():
    """Whatever precision the caller set, each claim runs at mpmath's default (as in a fresh
    worker), and the caller's precision is restored."""
    with mpmath.workdps(60):
        runs = run_claims(select(["assump1.multiclass"]))
        assert mpmath.mp.dps == 60
    assert runs[0].verdict is not None


def test_jobs_must_be_positive():
    with pytest.raises(ValueError, match="at least 1"):
        run_claims(select(FAST[:1]), jobs=0)
    assert main(["verify", "--jobs", "0", "--claim", FAST[0]]) == 2
