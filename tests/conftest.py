"""Shared test configuration.

Hypothesis profiles (select with ``--hypothesis-profile NAME`` or the
environment variable ``SYMDLN_HYPOTHESIS_PROFILE``):

* ``ci`` (default): derandomised, 25 examples per property, no deadline,
  no example database -- fast and repeatable;
* ``thorough``: 1000 examples per property, randomised, for local runs.

An autouse fixture restores mpmath's and python-flint's global precision
after every test, so no test leaks precision into another.
"""

from __future__ import annotations

import os

import flint
import mpmath
import pytest
from hypothesis import HealthCheck, settings

settings.register_profile(
    "ci",
    max_examples=25,
    derandomize=True,
    deadline=None,
    database=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile(
    "thorough",
    max_examples=1000,
    deadline=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile(os.environ.get("SYMDLN_HYPOTHESIS_PROFILE", "ci"))


@pytest.fixture(autouse=True)
def _restore_global_precision():
    mp_prec, fl_prec = mpmath.mp.prec, flint.ctx.prec
    yield
    mpmath.mp.prec = mp_prec
    flint.ctx.prec = fl_prec
