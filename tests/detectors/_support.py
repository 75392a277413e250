"""What the detector tests share: two councils' profiles and a one-call detector run."""

from __future__ import annotations

from aupguard.detectors.base import Context, Detector
from aupguard.model import Author, Finding, Message
from aupguard.policy.schema import Council, Register, Thresholds
from aupguard.text import normalise

COUNCIL = Council(
    name="Leigh-on-Sea Town Council", email_domains=("leighonseatowncouncil.gov.uk",)
)
BELPER = Council(name="Belper Town Council")


def context(
    text: str,
    council: Council = COUNCIL,
    author: Author | None = None,
    register: Register | None = None,
    thresholds: Thresholds | None = None,
    **message: object,
) -> Context:
    msg = Message(text=text, author=author or Author(), **message)  # type: ignore[arg-type]
    return Context(
        message=msg, text=normalise(text), council=council, register=register or Register(),
        thresholds=thresholds or Thresholds(),
    )


def counted(found: list[Finding]) -> list[Finding]:
    """The findings that reach the default thresholds (what the engine would keep)."""
    t = Thresholds()
    return [f for f in found if f.score >= t.for_finding(f.category, f.subtype)]


def findings(
    detector: Detector,
    text: str,
    council: Council = COUNCIL,
    author: Author | None = None,
    register: Register | None = None,
    **message: object,
) -> list[Finding]:
    """The detector's findings that reach the default thresholds."""
    return counted(detector.detect(context(text, council, author, register, **message)))
