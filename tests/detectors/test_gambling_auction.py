"""gambling_auction detector: realistic cases and hard negatives (examples: test_examples.py)."""

from __future__ import annotations

import pytest
from _support import COUNCIL, findings

from aupguard.detectors import gambling_auction
from aupguard.model import Author, Finding
from aupguard.policy.schema import Council

DET = gambling_auction.DETECTOR


def run(text: str, council: Council = COUNCIL, author: Author | None = None,
        **message: object) -> list[Finding]:
    return findings(DET, text, council, author, **message)


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
