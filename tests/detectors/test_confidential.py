"""Confidential detector: register matters, markers, tender prices, unpublished business."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from aupguard.detectors import confidential
from aupguard.detectors.base import Context, Example
from aupguard.model import Author, Finding, Message
from aupguard.policy.schema import ConfidentialMatter, Council, Register, Thresholds
from aupguard.text import normalise

COUNCIL = Council(
    name="Leigh-on-Sea Town Council", email_domains=("leighonseatowncouncil.gov.uk",)
)
TODAY = dt.date(2025, 6, 1)
REGISTER = Register(
    confidential_matters=(
        ConfidentialMatter(id="depot", title="the sale of the Elm Road depot",
                           keywords=("Elm Road depot", "depot sale"), kind="property",
                           until=dt.date(2025, 12, 31)),
        ConfidentialMatter(id="old", title="the old lease", keywords=("Pier lease",),
                           until=dt.date(2024, 1, 1)),
    )
)


def ctx_for(text: str, register: Register = REGISTER, **message: object) -> Context:
    msg = Message(text=text, **message)  # type: ignore[arg-type]
    return Context(message=msg, text=normalise(text), council=COUNCIL, register=register,
                   today=TODAY)


def example_ctx(ex: Example) -> Context:
    author = dataclasses.replace(Author(), **ex.author)  # type: ignore[arg-type]
    msg = dataclasses.replace(Message(text=ex.text, author=author), **ex.message)  # type: ignore[arg-type]
    return Context(message=msg, text=normalise(ex.text), council=COUNCIL, register=Register())


def counted(findings: list[Finding]) -> list[Finding]:
    t = Thresholds()
    return [f for f in findings if f.score >= t.for_finding(f.category, f.subtype)]


def found(text: str, **message: object) -> list[Finding]:
    return counted(confidential.DETECTOR.detect(ctx_for(text, REGISTER, **message)))


@pytest.mark.parametrize("ex", confidential.DETECTOR.examples, ids=lambda e: e.text[:40])
def test_examples(ex: Example) -> None:
    got = counted(confidential.DETECTOR.detect(example_ctx(ex)))
    if ex.expect:
        assert got, ex.text
        if ex.subtype:
            assert ex.subtype in {f.subtype for f in got}, (ex.text, got)
    else:
        assert not got, (ex.text, got)


def test_register_keyword_whole_word_and_offsets() -> None:
    text = "Quick update: the ELM ROAD  Depot buyer has pulled out."
    (f,) = found(text)
    assert f.subtype == "register" and f.category == "confidential"
    assert text[f.start : f.end] == "ELM ROAD  Depot"
    assert "Elm Road depot" in f.explanation and "31 December 2025" in f.explanation
    assert f.remedy is not None and f.remedy.kind == "review"


def test_register_ignores_expired_matters_and_partial_words() -> None:
    assert found("The Pier lease was signed in 2023.") == []
    assert found("The depot sales team") == []  # 'depot sale' is not 'depot sales'


def test_register_is_softer_but_still_counts_on_internal_email() -> None:
    (f,) = found("Notes on the depot sale attached.", audience="internal")
    assert 0.5 <= f.score < 0.9


@pytest.mark.parametrize(
    "text",
    [
        "This is embargoed until 9am Monday.",
        "NOT FOR PUBLICATION: draft staffing structure.",
        "Item 12 will be taken in Part II as it contains exempt information.",
        "The press and public were excluded for the next item.",
    ],
)
def test_markers(text: str) -> None:
    assert {f.subtype for f in found(text)} == {"marker"}


def test_marker_inside_email_footer_or_advice_is_ignored() -> None:
    assert found("Please don't post confidential material on Facebook.") == []
    assert found("Your details will be kept confidential.") == []
    assert found("Part 2 of the consultation runs until May.") == []


@pytest.mark.parametrize(
    "text",
    [
        "Smith Roofing quoted us £8,400 for the pavilion roof.",
        "The lowest tender was from Acme Ltd.",
        "Three quotes have come in for the war memorial cleaning.",
    ],
)
def test_tender_prices(text: str) -> None:
    assert "tender" in {f.subtype for f in found(text)}


def test_tender_awarded_or_advertised_is_public() -> None:
    assert found("The contract was awarded to Acme Ltd; their tender of £48,000 was the "
                 "lowest.") == []
    assert found("Tenders of £20,000 to £30,000 are invited; the closing date is 1 July.") == []


def test_unpublished_and_pending() -> None:
    text = "Between you and me, the committee will decide next week to sell the land."
    subs = [f.subtype for f in found(text, account="personal")]
    assert subs == ["unpublished", "unpublished"]
    # the same pending decision announced with a public agenda is fine
    assert found("The committee will decide next week; the agenda is on our website.",
                 account="personal") == []
    # pending decisions alone on the council's own account are routine notices
    assert found("The committee will decide on the grant next week.") == []


def test_curly_apostrophes() -> None:
    assert found("Don\u2019t share this but the pool is closing.", account="personal")


def test_big_inputs() -> None:
    assert found("confidential report " * 20_000)  # many hits, but linear
    assert found("£" * 100_000 + " quote") == []


@pytest.mark.parametrize(
    "text",
    [
        "The three quotes came in at £48,200, £51,000 and £52,750.",
        "For your eyes only: the other bids were £18,900 and £21,300.",
        "The lowest tender for resurfacing the car park came in at £48,500.",
    ],
)
def test_tender_prices_in_natural_wording(text: str) -> None:
    assert "tender" in {f.subtype for f in found(text)}


def test_tender_prices_still_count_on_internal_email() -> None:
    assert found("The two quotes were £9,800 and £11,250.", audience="internal")


@pytest.mark.parametrize(
    "text",
    [
        "We bid for £10,000 of lottery funding for the skate park.",
        "Get a free quote today and save £500 on double glazing.",
        "Please quote reference 1234 when paying the £50 fee.",
    ],
)
def test_money_near_tender_words_that_is_not_a_tender(text: str) -> None:
    assert found(text) == []


def test_closed_session_with_a_staffing_matter() -> None:
    got = found("The caretaker's hours were discussed in closed session; he is unhappy.")
    assert {f.subtype for f in got} == {"marker"}
    assert found("The minutes of the closed session are now published on our website.") == []
    assert found("Coffee will be served in committee room 2 before the meeting.") == []


def test_disciplinary_details_about_a_person() -> None:
    (f,) = found("Dave Parker has been given a final written warning for lateness.")
    assert f.subtype == "unpublished" and "staff" in f.explanation
    assert found("Our disciplinary procedure is attached to the staff handbook.") == []
    assert found("If an employee gets a final written warning it stays on file for a year.") == []


def test_unapproved_draft() -> None:
    assert found("Attached is the draft budget (not approved yet) for comment.")
    assert found("The draft budget was approved by full council on 12 January.") == []


def test_bare_confidential_needs_to_label_what_is_sent() -> None:
    assert found("CONFIDENTIAL: the clerk's contract is being renegotiated.")
    assert found("Please find attached the confidential report.")
    assert found("I have some confidential feedback on the website, can we chat?") == []
    assert found("The contents of this email message are confidential and proprietary.") == []
    assert found("A newspaper says it saw a confidential internal memo from the firm.") == []


def test_register_keywords_sharing_a_word() -> None:
    register = Register(confidential_matters=(
        ConfidentialMatter(id="a", title="the roof tender", keywords=("roof tender",)),
        ConfidentialMatter(id="b", title="tender costs", keywords=("tender costs", "tender")),
    ))
    got = counted(confidential.DETECTOR.detect(
        ctx_for("The roof tender and the tender costs", register=register)))
    assert [f.explanation.split(",")[0] for f in got] == [
        "This mentions the roof tender", "This mentions tender costs"]
