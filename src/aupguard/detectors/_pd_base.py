"""Shared pieces of the personal-data detector: the candidate record and the check for
a context word just before a detail."""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(slots=True)
class Cand:
    """A possible detail, in plain-view offsets, before overlaps are resolved."""

    entity: str
    start: int
    end: int
    score: float
    value: str
    what: str = ""


def cue(pattern: re.Pattern[str], t: str, start: int, span: int = 45) -> bool:
    """A context word in the `span` characters before `start` (lower-cased slice)."""
    return pattern.search(t[max(0, start - span) : start].lower()) is not None


def lower(text: str) -> str:
    """`text.lower()` with the same length (characters that lower to two are kept)."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
