"""Benchmark: ``symdln verify`` over the whole default registry, serial against the worker pool.

Runs ``symdln verify --quiet --json`` in a fresh interpreter with ``--jobs 1`` and then with
``--jobs N`` (default: the processors this process may use), in the same session, and prints the
wall times, the CPU time the children used, the ratio pooled / serial, and whether the two
reports agree apart from the timings.  Targets (issue #16): the pooled run under 30 s on 2 cores
and at most 0.6 x the serial one.  The load average is printed too: on a shared machine other
processes take cores, and the ratio then says less.

Run: ``python benchmarks/bench_verify.py [N]`` (about 1.5 min on 2 cores).
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from symdln.runner import default_jobs

TARGET_SECONDS, TARGET_RATIO = 30.0, 0.6


def _without_seconds(value):  # type: ignore[no-untyped-def]
    if isinstance(value, dict):
        return {k: _without_seconds(v) for k, v in value.items() if k != "seconds"}
    if isinstance(value, list):
        return [_without_seconds(v) for v in value]
    return value


def run(jobs: int, out: Path) -> tuple[float, float]:
    """Wall seconds and CPU seconds (user + system, the child and its workers) of one verify."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-m", "symdln", "verify", "--quiet", "--json", str(out),
                    "--jobs", str(jobs)], check=True)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main(jobs: int | None = None) -> None:
    jobs = jobs or default_jobs()
    with tempfile.TemporaryDirectory() as tmp:
        serial, pooled = Path(tmp) / "serial.json", Path(tmp) / "pooled.json"
        load = os.getloadavg()[0]
        w1, c1 = run(1, serial)
        wn, cn = run(jobs, pooled)
        reports = [_without_seconds(json.loads(p.read_text())) for p in (serial, pooled)]
        same = reports[0] == reports[1]
    ratio = wn / w1
    print(f"symdln verify, {default_jobs()} processors available, load average {load:.2f} before, "
          f"{os.getloadavg()[0]:.2f} after")
    print(f"--jobs 1:  wall {w1:6.1f} s   cpu {c1:6.1f} s")
    print(f"--jobs {jobs}:  wall {wn:6.1f} s   cpu {cn:6.1f} s")
    print(f"ratio pooled / serial wall: {ratio:.2f}  (target <= {TARGET_RATIO}: "
          f"{'met' if ratio <= TARGET_RATIO else 'NOT met'})")
    print(f"pooled wall: {wn:.1f} s  (target < {TARGET_SECONDS:g} s: "
          f"{'met' if wn < TARGET_SECONDS else 'NOT met'})")
    print(f"reports equal apart from timings: {same}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else None)
