"""Reference values from outside the package, stored with their provenance.

* ``table1.json`` -- Table 1 of paper 1 as printed (strings, two significant
  digits), the rounding convention and the dimension d of each data set.

The values are compared with the package's computations, never copied into
results.  (For a wheel install the JSON must be listed as package data.)

>>> rows = load_table1()["rows"]
>>> [r["dataset"] for r in rows]
['MNIST', 'CIFAR-10', 'ImageNet']
"""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

__all__ = ["load_table1"]


def load_table1() -> dict[str, Any]:
    """The printed Table 1 with provenance (see ``table1.json``)."""
    text = resources.files(__package__).joinpath("table1.json").read_text(encoding="utf-8")
    return json.loads(text)
