"""chain_letter detector: realistic cases and hard negatives (examples: test_examples.py)."""

from __future__ import annotations

import pytest
from _support import COUNCIL, findings

from aupguard.detectors import chain_letter
from aupguard.model import Author, Finding
from aupguard.policy.schema import Council

DET = chain_letter.DETECTOR


def run(text: str, council: Council = COUNCIL, author: Author | None = None,
        **message: object) -> list[Finding]:
    return findings(DET, text, council, author, **message)


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
