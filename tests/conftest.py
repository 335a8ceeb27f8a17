"""Shared test configuration.

Hypothesis profiles (select with ``--hypothesis-profile NAME`` or the
environment variable ``SYMDLN_HYPOTHESIS_PROFILE``):

* ``ci`` (default): derandomised, 25 examples per property, no deadline,
  no example database -- fast and repeatable;
* ``thorough``: 1000 examples per property, randomised, for local runs.

An autouse fixture restores mpmath's and python-flint's global precision
after every test, so no test leaks precision into another.

The suite runs on every processor (``pytest-xdist``, ``-n auto --dist loadgroup`` in
pyproject.toml); ``python -m pytest -n 0`` runs it in one process.  Each worker is its own
process (its own precision, no shared example database under the ``ci`` profile, its own
temporary directories).
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


@pytest.hookimpl(tryfirst=True)  # before xdist reads the groups off the markers
def pytest_collection_modifyitems(config, items):
    """Group the tests for ``pytest-xdist``'s ``--dist loadgroup`` (the default, see pyproject.toml):
    a file's tests stay on one worker, so a module-scoped fixture (the compiled Coq files) is built
    once; the generated mutation tests and the run of every registered claim, the largest files,
    are grouped per claim instead, so that they spread over the workers."""
    for item in items:
        group = item.nodeid.split("::")[0]
        params = getattr(getattr(item, "callspec", None), "params", {})
        if group.endswith(("test_mutants.py", "test_verify_all.py")) and "claim" in params:
            group += "::" + params["claim"].id
        item.add_marker(pytest.mark.xdist_group(group))


_TOOL_HINTS = {
    "coqc": "apt-get install coq libcoq-interval libcoq-coquelicot",
    "chromium": "apt-get install chromium",
    "pdflatex": "apt-get install texlive-latex-base",
}


def system_tool(name: str) -> str:
    """The path of the system program ``name``; the test skips with a reason where it is absent,
    and fails instead where ``SYMDLN_REQUIRE_TOOLS`` (set by CI) lists ``name`` or says ``all``
    (``SYMDLN_REQUIRE_COQ=1`` also requires ``coqc``)."""
    import shutil

    exe = shutil.which(name)
    if exe is not None:
        return exe
    msg = f"{name} not found: {_TOOL_HINTS.get(name, 'install it')}"
    required = {t.strip() for t in os.environ.get("SYMDLN_REQUIRE_TOOLS", "").split(",") if t.strip()}
    if "all" in required or name in required or (name == "coqc" and os.environ.get("SYMDLN_REQUIRE_COQ")):
        pytest.fail(msg + " (SYMDLN_REQUIRE_TOOLS requires it)")
    pytest.skip(msg)


@pytest.fixture(scope="session")
def require_tool():
    """``require_tool("chromium")``: see :func:`system_tool`."""
    return system_tool


PROOFS_DIR = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "proofs")


def run_proof_script(name: str) -> tuple[int, str]:
    """Run ``proofs/<name>`` (or the script at the absolute path ``name``) in this process as
    ``python proofs/<name>`` runs it: its folder first on ``sys.path``, a fresh ``_step`` module,
    ``__name__ == "__main__"``.  Returns the exit status and what it printed.  In-process, so a
    test does not pay for a new interpreter importing SymPy."""
    import contextlib
    import io
    import runpy
    import sys

    out = io.StringIO()
    saved_path, saved_step = list(sys.path), sys.modules.pop("_step", None)
    sys.path.insert(0, PROOFS_DIR)
    status = 0
    try:
        with contextlib.redirect_stdout(out):
            runpy.run_path(os.path.join(PROOFS_DIR, name), run_name="__main__")  # join keeps an absolute name
    except SystemExit as e:
        status = e.code if isinstance(e.code, int) else (0 if e.code is None else 1)
    finally:
        sys.path[:] = saved_path
        sys.modules.pop("_step", None)
        if saved_step is not None:
            sys.modules["_step"] = saved_step
    return status, out.getvalue()


def assert_proof_script_holds(name: str) -> None:
    """``proofs/<name>`` exits 0, no step failed, and it ends with its summary line."""
    status, out = run_proof_script(name)
    assert status == 0, out
    assert "[FAILED]" not in out
    assert out.rstrip().endswith("steps hold."), out[-2000:]
