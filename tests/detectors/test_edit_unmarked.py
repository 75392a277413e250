"""edit_unmarked detector: realistic cases and hard negatives (examples: test_examples.py)."""

from __future__ import annotations

import pytest
from _support import COUNCIL, findings

from aupguard.detectors import edit_unmarked
from aupguard.model import Author, Finding
from aupguard.policy.schema import Council

DET = edit_unmarked.DETECTOR


def run(text: str, council: Council = COUNCIL, author: Author | None = None,
        **message: object) -> list[Finding]:
    return findings(DET, text, council, author, **message)


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
