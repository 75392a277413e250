"""What every detector receives and returns.

A detector is pure: given the message, its normalised text and the council's profile
and register, it returns findings with offsets into the original text. It keeps no
state between calls, so one instance serves every thread.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Protocol

from aupguard.model import Finding, Message
from aupguard.policy.schema import Council, Register, Thresholds
from aupguard.text import NormalisedText


@dataclass(frozen=True, slots=True)
class Context:
    message: Message
    text: NormalisedText
    council: Council
    register: Register = field(default_factory=Register)
    thresholds: Thresholds = field(default_factory=Thresholds)
    today: dt.date = field(default_factory=dt.date.today)


@dataclass(frozen=True, slots=True)
class Example:
    """A worked example a detector ships with: `aupguard policy coverage` runs these
    through the engine under each clause that names the detector, and the tests do too.

    `expect` True: the detector must report a finding (of `entity`/`subtype` when given);
    False: it must report none. `message` overrides Message fields (channel, account,
    audience, edits_previous, ...); `author` overrides Author fields (role, handle, ...).
    """

    text: str
    expect: bool
    entity: str | None = None
    subtype: str | None = None
    message: dict[str, object] = field(default_factory=dict)
    author: dict[str, object] = field(default_factory=dict)
    note: str = ""


class Detector(Protocol):
    """`category` is one of aupguard.model.CATEGORIES."""

    category: str
    examples: tuple[Example, ...]

    def detect(self, ctx: Context) -> list[Finding]: ...
