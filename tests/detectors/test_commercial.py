"""commercial detector: realistic cases and hard negatives (examples: test_examples.py)."""

from __future__ import annotations

import pytest
from _support import COUNCIL, findings

from aupguard.detectors import commercial
from aupguard.model import Author, Finding
from aupguard.policy.schema import Council

DET = commercial.DETECTOR


def run(text: str, council: Council = COUNCIL, author: Author | None = None,
        **message: object) -> list[Finding]:
    return findings(DET, text, council, author, **message)


@pytest.mark.parametrize("text", [
    "Amazing offer!! 50% off all orders, buy now while stocks last.",
    "Earn $3,000 a week working from home - no experience necessary!",
    "Dear friend, I have a business proposal: help me transfer the sum of US$25 million.",
    "Visit my Etsy shop for handmade candles - DM me for prices, free delivery in Leigh!",
])
def test_adverts_found(text: str) -> None:
    found = run(text)
    assert found and all(f.category == "commercial" for f in found)
    assert all(text[f.start:f.end].strip() for f in found)


@pytest.mark.parametrize("text", [
    "The council's contract with the grounds maintenance firm has been renewed.",
    "Tickets for the council's fireworks night are on sale now, £5 on the gate.",
    "The Saturday market stalls are run by the council; traders pay £20 a pitch.",
    "Quotes for the new bus shelter were received from three suppliers.",
])
def test_council_business_ignored(text: str) -> None:
    assert run(text) == []


def test_repeating_one_word_is_not_enough() -> None:
    assert run("free " * 500) == []


def test_long_newsletter_with_a_price_is_not_flagged() -> None:
    text = ("Minutes of the Finance Committee. " * 60) + "Hall hire is $20 an hour. Free parking."
    assert run(text) == []


@pytest.mark.parametrize("text", [
    "Selling my late mum's static caravan at Canvey, £4,250 ono. Ring me after six.",
    "Anyone want to buy my old Berlingo van? 2014, full MOT, £2,000.",
    "Our holiday let in St Ives has a gap in July - £550 a week, sleeps four.",
    "Latest Avon catalogue is here! Get your orders to me by Thursday.",
    "I've joined Forever Living - ask me about the aloe vera gel, great for skin.",
])
def test_private_sales_and_party_plans_found(text: str) -> None:
    assert run(text)


@pytest.mark.parametrize("text", [
    "The library lends a free DVD player to housebound residents; act now to book one.",
    "Traders report up to 50% off in the January sales, the chamber of trade says.",
    "The council is selling the old depot site by tender; bids close on 1 May.",
    "The River Avon towpath walk is on Saturday, meet at the bandstand.",
])
def test_newsletter_wording_not_flagged(text: str) -> None:
    assert run(text) == []


def test_many_spaces_between_words_still_count() -> None:
    assert run("LIMITED\n   OFFER - buy \n now and save 40%! Click here to order today.")


def test_megabyte_of_trigger_words_is_handled() -> None:
    assert isinstance(run("free now click here " * 50_000), list)
