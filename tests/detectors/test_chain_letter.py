"""chain_letter detector: shipped examples under two councils, hard negatives."""

from __future__ import annotations

import dataclasses

import pytest

from aupguard.detectors import chain_letter
from aupguard.detectors.base import Context, Example
from aupguard.model import Author, Finding, Message
from aupguard.policy.schema import Council, Register, Thresholds
from aupguard.text import normalise

COUNCIL = Council(
    name="Leigh-on-Sea Town Council", email_domains=("leighonseatowncouncil.gov.uk",)
)
BELPER = Council(name="Belper Town Council")
DET = chain_letter.DETECTOR


def run(text: str, council: Council = COUNCIL, author: Author | None = None,
        **message: object) -> list[Finding]:
    msg = Message(text=text, author=author or Author(), **message)  # type: ignore[arg-type]
    ctx = Context(message=msg, text=normalise(text), council=council, register=Register())
    t = Thresholds()
    return [f for f in DET.detect(ctx) if f.score >= t.for_finding(f.category, f.subtype)]


@pytest.mark.parametrize("council", [COUNCIL, BELPER], ids=["leigh", "belper"])
@pytest.mark.parametrize("ex", DET.examples, ids=lambda e: e.text[:40])
def test_examples(ex: Example, council: Council) -> None:
    author = dataclasses.replace(Author(), **ex.author)  # type: ignore[arg-type]
    msg = dataclasses.replace(Message(text=ex.text, author=author), **ex.message)  # type: ignore[arg-type]
    ctx = Context(message=msg, text=normalise(ex.text), council=council)
    t = Thresholds()
    found = [f for f in DET.detect(ctx) if f.score >= t.for_finding(f.category, f.subtype)]
    if ex.subtype is not None:
        assert any(f.subtype == ex.subtype for f in found) == ex.expect, found
    else:
        assert bool(found) == ex.expect, found


def test_findings_well_formed() -> None:
    for ex in DET.examples:
        if not ex.expect:
            continue
        author = dataclasses.replace(Author(), **ex.author)  # type: ignore[arg-type]
        msg = dataclasses.replace(Message(text=ex.text, author=author), **ex.message)  # type: ignore[arg-type]
        for f in DET.detect(Context(message=msg, text=normalise(ex.text), council=COUNCIL)):
            assert f.category == DET.category
            assert 0.0 <= f.score <= 1.0
            assert 0 <= f.start <= f.end <= len(ex.text)
            assert f.explanation and f.clause is None and f.action is None


def test_pathological_inputs_do_not_crash() -> None:
    for text in ("", "a" * 100_000, "vote for the " * 2000, "\u00e9\u0130\u200b" * 3000,
                 "<b>" * 5000):
        assert isinstance(run(text), list)


@pytest.mark.parametrize("text", [
    "Forward this email to 10 friends within an hour or bad luck will follow you.",
    "Send this to everyone you know. Don't break the chain!",
    "Send $5 to each of the 6 names on the list, remove the name at the top and add yours.",
])
def test_chain_letters_found(text: str) -> None:
    found = run(text)
    assert len(found) == 1 and found[0].category == "chain_letter"
    assert found[0].start < found[0].end


@pytest.mark.parametrize("text", [
    "Please share this post with your neighbours.",
    "Please forward this to the clerk.",
    "Reply within 14 days to object to the planning application.",
    "The council warned residents about a pyramid scheme doing the rounds.",
])
def test_ordinary_messages_ignored(text: str) -> None:
    assert run(text) == []


@pytest.mark.parametrize("text", [
    "Forward this email and you'll get $245 - Microsoft is testing a tracking program!",
    "Share if you love your mum. 99% of people won't share this.",
    "Send £10 to the name at the top of the list, add yours to the bottom and forward "
    "this to 6 friends.",
    "I do not give Facebook permission to use my pictures. Copy and paste this to your "
    "wall.",
])
def test_modern_chain_letters_found(text: str) -> None:
    assert run(text)


@pytest.mark.parametrize("text", [
    "We won't share your details with anyone; see the privacy notice.",
    "Please share the consultation link with your neighbours; replies within 28 days.",
    "Residents are warned about a Facebook hoax asking people to copy and paste a "
    "permission notice.",
])
def test_near_misses_ignored(text: str) -> None:
    assert run(text) == []
