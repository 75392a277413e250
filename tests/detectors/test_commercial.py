"""commercial detector: shipped examples under two councils, hard negatives."""

from __future__ import annotations

import dataclasses

import pytest

from aupguard.detectors import commercial
from aupguard.detectors.base import Context, Example
from aupguard.model import Author, Finding, Message
from aupguard.policy.schema import Council, Register, Thresholds
from aupguard.text import normalise

COUNCIL = Council(
    name="Leigh-on-Sea Town Council", email_domains=("leighonseatowncouncil.gov.uk",)
)
BELPER = Council(name="Belper Town Council")
DET = commercial.DETECTOR


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
