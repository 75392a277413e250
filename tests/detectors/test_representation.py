"""Representation detector: claims to speak for the council and who may make them."""

from __future__ import annotations

import dataclasses

import pytest

from aupguard.detectors import representation
from aupguard.detectors.base import Context, Example
from aupguard.model import Author, Finding, Message
from aupguard.policy.schema import Council, Register, Spokesperson, Thresholds
from aupguard.text import normalise

COUNCIL = Council(
    name="Leigh-on-Sea Town Council",
    aliases=("LTC",),
    email_domains=("leighonseatowncouncil.gov.uk",),
)
REGISTER = Register(
    spokespersons=(
        Spokesperson(name="Paul Beckerson", role="Town Clerk", channels=("email", "web")),
        Spokesperson(name="Caroline Parker", role="Chairman", channels=("social",),
                     handles=("@CllrParker",)),
    )
)


def ctx_for(text: str, register: Register = REGISTER, author: Author | None = None,
            **message: object) -> Context:
    msg = Message(text=text, author=author or Author(), **message)  # type: ignore[arg-type]
    return Context(message=msg, text=normalise(text), council=COUNCIL, register=register)


def example_ctx(ex: Example, register: Register) -> Context:
    author = dataclasses.replace(Author(), **ex.author)  # type: ignore[arg-type]
    msg = dataclasses.replace(Message(text=ex.text, author=author), **ex.message)  # type: ignore[arg-type]
    return Context(message=msg, text=normalise(ex.text), council=COUNCIL, register=register)


def counted(findings: list[Finding]) -> list[Finding]:
    t = Thresholds()
    return [f for f in findings if f.score >= t.for_finding(f.category, f.subtype)]


def found(text: str, **kw: object) -> list[Finding]:
    return counted(representation.DETECTOR.detect(ctx_for(text, **kw)))  # type: ignore[arg-type]


@pytest.mark.parametrize("register", [Register(), REGISTER], ids=["no-register", "register"])
@pytest.mark.parametrize("ex", representation.DETECTOR.examples, ids=lambda e: e.text[:40])
def test_examples(ex: Example, register: Register) -> None:
    got = counted(representation.DETECTOR.detect(example_ctx(ex, register)))
    assert bool(got) == ex.expect, (ex.text, got)


COUNCILLOR = Author(role="councillor", name="Joe Bloggs")
SOFT = "The council thinks the parking charges are a disgrace."
HARD = "Speaking for Leigh Town Council, we will not allow the development."


def test_personal_account_gets_a_disclaimer_remedy() -> None:
    (f,) = found(SOFT, author=COUNCILLOR, account="personal", channel="social")
    assert f.remedy is not None and f.remedy.kind == "append"
    assert f.remedy.text == "These are my own views and not those of Leigh-on-Sea Town Council."
    assert SOFT[f.start : f.end] == "The council thinks"


def test_explicit_claims_need_review_not_a_disclaimer() -> None:
    (f,) = found(HARD, author=COUNCILLOR, account="personal", channel="social")
    assert f.remedy is not None and f.remedy.kind == "review"
    assert HARD[f.start : f.end] == "Speaking for Leigh Town Council"


def test_registered_spokesperson_on_allowed_channel_only() -> None:
    clerk = Author(role="clerk", name="Paul Beckerson", authorised=True)
    assert found(HARD, author=clerk, channel="email") == []
    assert found(HARD, author=clerk, channel="social")  # not registered for social
    chair = Author(role="councillor", handle="cllrparker")
    assert found(HARD, author=chair, account="personal", channel="social") == []
    assert found(HARD, author=chair, account="personal", channel="blog")


def test_authorised_flag_is_not_enough_when_the_register_knows_better() -> None:
    officer = Author(role="staff", name="Jane Doe", authorised=True)
    assert found(HARD, author=officer) != []
    assert found(HARD, author=officer, register=Register()) == []
    assert found(HARD, author=officer, account="personal", register=Register()) != []


@pytest.mark.parametrize(
    "text",
    [
        "I am not speaking on behalf of the council here.",
        "The views expressed here are my own. The council thinks otherwise, I'm sure.",
        "According to the minutes, the council has agreed to fund the bench.",
        "The council meets on Tuesday.",
        "Councillors will discuss the budget in January.",
    ],
)
def test_not_claims(text: str) -> None:
    assert found(text, author=COUNCILLOR, account="personal", channel="social") == []


@pytest.mark.parametrize(
    "text",
    [
        "We as a council will not stand for this.",
        "The town council has decided to sell the land.",
        "LTC supports the campaign.",
        "The council\u2019s position is clear: no more HMOs.",
    ],
)
def test_claims(text: str) -> None:
    assert found(text, author=COUNCILLOR, account="personal", channel="social")


def test_large_input() -> None:
    assert found("council " * 100_000, author=COUNCILLOR, account="personal") == []


@pytest.mark.parametrize(
    "text",
    [
        "As your Town Council we say NO to the incinerator.",
        "Council here - we've agreed to fund the new benches.",
        "We, the Town Council, will be objecting to the plans.",
        "I write as a representative of Leigh-on-Sea Town Council to object.",
    ],
)
def test_more_claims(text: str) -> None:
    assert found(text, author=COUNCILLOR, account="personal", channel="social")


def test_council_mentions_that_are_not_claims() -> None:
    text = "Your council tax bill is attached; the council meets in the hall here on Monday."
    assert found(text, author=COUNCILLOR, account="personal", channel="social") == []
