"""gambling_auction detector: shipped examples under two councils, hard negatives."""

from __future__ import annotations

import dataclasses

import pytest

from aupguard.detectors import gambling_auction
from aupguard.detectors.base import Context, Example
from aupguard.model import Author, Finding, Message
from aupguard.policy.schema import Council, Register, Thresholds
from aupguard.text import normalise

COUNCIL = Council(
    name="Leigh-on-Sea Town Council", email_domains=("leighonseatowncouncil.gov.uk",)
)
BELPER = Council(name="Belper Town Council")
DET = gambling_auction.DETECTOR


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
    "Put a tenner on with Paddy Power for the Grand National.",
    "Online bingo tonight? Gala Bingo has a welcome bonus.",
    "I'm selling my old bike on eBay, bid on my listing before Sunday!",
    "Got odds of 5/1 on Southend United.",
])
def test_gambling_and_auctions_found(text: str) -> None:
    found = run(text)
    assert found and found[0].category == "gambling_auction"


@pytest.mark.parametrize("text", [
    "Bingo at the over-60s club on Tuesday afternoons in the community centre.",
    "The bidding process for the tender closes on Friday.",
    "I bet you'll enjoy the fair - against the odds the sun came out!",
    "The casino night at the town hall raised £400 for the Mayor's charity.",
    "There is a tombola at the summer fete.",
])
def test_council_life_ignored(text: str) -> None:
    assert run(text) == []


def test_at_most_one_finding_per_kind() -> None:
    found = run("bet365 bet365 bet365 and an eBay auction and another eBay auction")
    assert len(found) == 2


@pytest.mark.parametrize("text", [
    "Warning: fake eBay listings are selling tickets to the carnival. Report them to "
    "Action Fraud.",
    "Trading Standards warn of scam sellers on eBay auctions offering cheap tools.",
])
def test_scam_warnings_ignored(text: str) -> None:
    assert run(text) == []
