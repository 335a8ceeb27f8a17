"""Tiny helper for the proof scripts: print a step, assert it, stop on failure."""

from __future__ import annotations

import sys

_count = 0


def step(title: str, holds: bool, detail: object = None) -> None:
    """Print one numbered step; exit with status 1 if it does not hold."""
    global _count
    _count += 1
    mark = "ok" if holds else "FAILED"
    print(f"[{mark}] step {_count}: {title}")
    if detail is not None:
        for line in str(detail).splitlines():
            print(f"        {line}")
    if not holds:
        sys.exit(1)


def done(name: str) -> None:
    print(f"{name}: all {_count} steps hold.")


def argument(text: str, detail: object = None) -> None:
    """A step of reasoning that combines asserted steps (nothing computed)."""
    print(f"[..] {text}")
    if detail is not None:
        for line in str(detail).splitlines():
            print(f"        {line}")
