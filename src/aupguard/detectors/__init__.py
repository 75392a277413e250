"""The detector registry: one module per category, each exposing `DETECTOR`.

Modules are imported lazily so that a pack that never uses a detector never pays for
loading it.
"""

from __future__ import annotations

import importlib
from functools import cache

from aupguard.detectors.base import Context, Detector, Example
from aupguard.model import CATEGORIES

__all__ = ["Context", "Detector", "Example", "get", "available"]


def available() -> tuple[str, ...]:
    """Categories that have a detector module in this installation."""
    found = []
    for name in CATEGORIES:
        try:
            importlib.import_module(f"aupguard.detectors.{name}")
        except ModuleNotFoundError:
            continue
        found.append(name)
    return tuple(found)


@cache
def get(category: str) -> Detector:
    """The detector for a category (loaded once, shared by all threads)."""
    if category not in CATEGORIES:
        raise KeyError(f"unknown detector category {category!r}")
    module = importlib.import_module(f"aupguard.detectors.{category}")
    detector: Detector = module.DETECTOR
    return detector
