"""The web filter's optional C module (`_hostlookup.c`), and whether to use it.

Why one place: the index, the URL reader and the Squid helper's batch path each use it
where it was built (a C compiler at install), and `AUPGUARD_PURE_PYTHON=1` must turn every
use off at once, so the tests and the pure-Python benchmark measure the Python code.
"""

from __future__ import annotations

import os

try:
    from aupguard.web import _hostlookup as hostlookup
except ImportError:  # not built: the Python code runs, with the same answers
    hostlookup = None  # type: ignore[assignment]

__all__ = ["accelerated", "hostlookup"]


def accelerated() -> bool:
    """Whether the C code runs: built, and not turned off by the environment."""
    return hostlookup is not None and not os.environ.get("AUPGUARD_PURE_PYTHON")
