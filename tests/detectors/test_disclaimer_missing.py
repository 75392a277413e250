"""disclaimer_missing detector: realistic cases and hard negatives (examples: test_examples.py)."""

from __future__ import annotations

import pytest
from _support import BELPER, COUNCIL, findings

from aupguard.detectors import disclaimer_missing
from aupguard.model import Author, Finding
from aupguard.policy.schema import Council

DET = disclaimer_missing.DETECTOR


def run(text: str, council: Council = COUNCIL, author: Author | None = None,
        **message: object) -> list[Finding]:
    return findings(DET, text, council, author, **message)


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
