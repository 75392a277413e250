"""identity detector: realistic cases and hard negatives (examples: test_examples.py)."""

from __future__ import annotations

import pytest
from _support import BELPER, COUNCIL, findings

from aupguard.detectors import identity
from aupguard.model import Attachment, Author, Finding
from aupguard.policy.schema import Council

DET = identity.DETECTOR


def run(text: str, council: Council = COUNCIL, author: Author | None = None,
        **message: object) -> list[Finding]:
    return findings(DET, text, council, author, **message)


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
