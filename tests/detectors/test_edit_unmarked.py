"""edit_unmarked detector: shipped examples under two councils, hard negatives."""

from __future__ import annotations

import dataclasses

import pytest

from aupguard.detectors import edit_unmarked
from aupguard.detectors.base import Context, Example
from aupguard.model import Author, Finding, Message
from aupguard.policy.schema import Council, Register, Thresholds
from aupguard.text import normalise

COUNCIL = Council(
    name="Leigh-on-Sea Town Council", email_domains=("leighonseatowncouncil.gov.uk",)
)
BELPER = Council(name="Belper Town Council")
DET = edit_unmarked.DETECTOR


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


def test_unmarked_edit_found_with_prepend_remedy() -> None:
    found = run("Road closed until 5pm.", edits_previous=True)
    assert len(found) == 1
    f = found[0]
    assert (f.start, f.end) == (0, 0)
    assert f.remedy is not None and f.remedy.kind == "prepend" and f.remedy.text == "Edited: "


@pytest.mark.parametrize("text", [
    "Edited: road closed until 5pm.",
    "EDIT - road closed until 5pm.",
    "Update: road closed until 5pm.",
    "Road closed until 5pm (edited)",
    "Correction: road closed until 5pm, not 4pm.",
    "Road closed until 5pm. This post has been amended to give the right time.",
])
def test_marked_edits_accepted(text: str) -> None:
    assert run(text, edits_previous=True) == []


def test_new_posts_ignored() -> None:
    assert run("Road closed until 5pm.") == []


@pytest.mark.parametrize("text", [
    "Edited to correct the date: the litter pick is on Sunday.",
    "UPDATED 10am: the library opens at 11 today.",
    "Updated at 3pm - the road has reopened.",
])
def test_more_edit_notes_accepted(text: str) -> None:
    assert run(text, edits_previous=True) == []


@pytest.mark.parametrize("text", [
    "Please update your contact details with the clerk.",
    "The editor of the Leigh Times will attend.",
])
def test_words_like_edit_are_not_edit_notes(text: str) -> None:
    assert run(text, edits_previous=True)
