"""identity detector: shipped examples under two councils, hard negatives."""

from __future__ import annotations

import dataclasses

import pytest

from aupguard.detectors import identity
from aupguard.detectors.base import Context, Example
from aupguard.model import Attachment, Author, Finding, Message
from aupguard.policy.schema import Council, Register, Thresholds
from aupguard.text import normalise

COUNCIL = Council(
    name="Leigh-on-Sea Town Council", email_domains=("leighonseatowncouncil.gov.uk",)
)
BELPER = Council(name="Belper Town Council")
DET = identity.DETECTOR


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

PERSONAL = {"account": "personal", "channel": "social"}


@pytest.mark.parametrize("handle,council", [
    ("@LeighTownCouncilJoe", COUNCIL),
    ("@LeighOnSeaTC_news", COUNCIL),
    ("BelperTC_fan", BELPER),
    ("Belper Town Council Watch", BELPER),
])
def test_council_name_in_handle(handle: str, council: Council) -> None:
    found = run("Nice day.", council=council, author=Author(handle=handle, name="Jo"), **PERSONAL)
    assert [f.subtype for f in found] == ["handle"]
    assert found[0].remedy is not None and found[0].remedy.kind == "review"


@pytest.mark.parametrize("handle", ["BelperMum", "belperpcrepairs", "@jo_smith"])
def test_town_name_alone_is_fine(handle: str) -> None:
    assert run("Nice day.", council=BELPER, author=Author(handle=handle, name="Jo"),
               **PERSONAL) == []


def test_council_account_may_use_council_name() -> None:
    assert run("Nice day.", author=Author(handle="@LeighTownCouncil"), account="council",
               channel="social") == []


def test_pseudonymous_post_about_council() -> None:
    text = "The town council wasted money on the new signs."
    found = run(text, author=Author(handle="@leighwatcher"), **PERSONAL)
    assert [f.subtype for f in found] == ["anonymous"]
    assert run("Lovely sunset tonight.", author=Author(handle="@leighwatcher"), **PERSONAL) == []


def test_logo_attachment() -> None:
    council = Council(name="Belper Town Council", logo_names=("btc-crest.png",))
    for name in ("btc-crest.png", "Belper_Town_Council_logo.jpg"):
        att = (Attachment(name, "image/png"),)
        found = run("My page", council=council, author=Author(name="Jo"), attachments=att,
                    **PERSONAL)
        assert [f.subtype for f in found] == ["logo"]
    att = (Attachment("carnival-logo.png", "image/png"),)
    assert run("My page", council=council, author=Author(name="Jo"), attachments=att,
               **PERSONAL) == []


def test_logo_text_reference() -> None:
    text = "I've added the Belper Town Council logo to my Facebook banner."
    found = run(text, council=BELPER, author=Author(name="Jo"), **PERSONAL)
    assert [f.subtype for f in found] == ["logo"]
    assert text[found[0].start:found[0].end] == "logo"


def test_anonymous_flag_ignored_on_council_account() -> None:
    text = "The town council meets on Tuesday."
    assert run(text, author=Author(anonymous=True), account="council", channel="social") == []
    found = run(text, author=Author(anonymous=True), **PERSONAL)
    assert [f.subtype for f in found] == ["anonymous"]


@pytest.mark.parametrize("handle", ["@CllrJaneSmith", "jane.smith", "Jane_Smith"])
def test_handle_that_gives_a_name_is_not_pseudonymous(handle: str) -> None:
    text = "The town council wasted money on the new signs."
    assert run(text, author=Author(handle=handle), **PERSONAL) == []


def test_pseudonym_by_email_not_flagged() -> None:
    text = "The town council wasted money on the new signs."
    assert run(text, author=Author(handle="leighwatcher"), account="personal",
               channel="email") == []
