"""disclaimer_missing detector: shipped examples under two councils, hard negatives."""

from __future__ import annotations

import dataclasses

import pytest

from aupguard.detectors import disclaimer_missing
from aupguard.detectors.base import Context, Example
from aupguard.model import Author, Finding, Message
from aupguard.policy.schema import Council, Register, Thresholds
from aupguard.text import normalise

COUNCIL = Council(
    name="Leigh-on-Sea Town Council", email_domains=("leighonseatowncouncil.gov.uk",)
)
BELPER = Council(name="Belper Town Council")
DET = disclaimer_missing.DETECTOR


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

PERSONAL_BLOG = {"account": "personal", "channel": "blog"}


def test_remedy_appends_named_disclaimer() -> None:
    f = run("The town council's budget meeting was lively.", **PERSONAL_BLOG)[0]
    assert (f.start, f.end) == (0, 0)
    assert f.remedy is not None and f.remedy.kind == "append"
    assert f.remedy.text == ("The views expressed here are my own and do not represent the "
                             "views of Leigh-on-Sea Town Council.")


@pytest.mark.parametrize("text", [
    "Leigh-on-Sea Town Council has approved the skatepark.",
    "Leigh Town Council has approved the skatepark.",
    "Cllr Parker spoke well at the meeting.",
])
def test_council_named_in_various_ways(text: str) -> None:
    assert run(text, account="personal", channel="social")


@pytest.mark.parametrize("disclaimer", [
    "Views are my own.",
    "I am not speaking on behalf of the council.",
    "Posted in a personal capacity.",
    "These are not the views of the council.",
    "My opinions do not represent the views of Leigh Town Council.",
])
def test_disclaimers_accepted(disclaimer: str) -> None:
    assert run("The town council meeting ran late. " + disclaimer, **PERSONAL_BLOG) == []


def test_email_and_council_accounts_out_of_scope() -> None:
    text = "The town council meeting ran late."
    assert run(text, account="personal", channel="email") == []
    assert run(text, account="council", channel="blog") == []


def test_belper_named() -> None:
    assert run("Belper Town Council did well.", council=BELPER, **PERSONAL_BLOG)
    assert run("Belper had a lovely carnival.", council=BELPER, **PERSONAL_BLOG) == []


@pytest.mark.parametrize("disclaimer", [
    "Views my own, not those of Leigh-on-Sea Town Council.",
    "These are my personal views and not those of the council.",
    "My views, not the Town Council's:",
    "(Personal page; views my own.)",
    "Speaking personally,",
    "Personally speaking,",
    "I'm writing in a personal capacity.",
])
def test_common_disclaimers_accepted(disclaimer: str) -> None:
    assert run(disclaimer + " The town council meeting ran late.", **PERSONAL_BLOG) == []


def test_view_word_without_disclaimer_still_flagged() -> None:
    assert run("The view from the town council offices is lovely.", **PERSONAL_BLOG)
