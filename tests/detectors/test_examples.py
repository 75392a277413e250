"""Every detector's shipped examples, for every detector at once.

Each detector module carries worked examples (positives and hard negatives) that
`aupguard policy coverage` runs through the engine under each clause. Here they run
against the detector directly, under both councils' profiles, and every finding is
checked for the shape the engine and the report rely on.
"""

from __future__ import annotations

import dataclasses

import pytest

from aupguard import detectors
from aupguard.detectors.base import Context, Example
from aupguard.model import CATEGORIES, SUBTYPES, Author, Finding, Message
from aupguard.policy.loader import load_pack
from aupguard.policy.schema import Council, Thresholds
from aupguard.text import normalise

COUNCILS = {name: load_pack(name).council for name in ("leigh", "belper")}
REMEDY_KINDS = {"redact", "append", "prepend", "remove_attachment", "rephrase", "review"}
CASES = [
    (category, example)
    for category in CATEGORIES
    for example in detectors.get(category).examples
]


def _findings(category: str, example: Example, council: Council) -> list[Finding]:
    author = dataclasses.replace(Author(), **example.author)  # type: ignore[arg-type]
    message = dataclasses.replace(
        Message(text=example.text, author=author), **example.message  # type: ignore[arg-type]
    )
    ctx = Context(message=message, text=normalise(example.text, message.html), council=council)
    thresholds = Thresholds()
    return [
        f
        for f in detectors.get(category).detect(ctx)
        if f.score >= thresholds.for_finding(f.category, f.subtype)
    ]


def test_every_detector_ships_positive_and_negative_examples() -> None:
    for category in CATEGORIES:
        examples = detectors.get(category).examples
        assert any(e.expect for e in examples), category
        assert any(not e.expect for e in examples), category


@pytest.mark.parametrize("council", sorted(COUNCILS))
@pytest.mark.parametrize(
    ("category", "example"), CASES, ids=[f"{c}:{e.text[:30]}" for c, e in CASES]
)
def test_example(category: str, example: Example, council: str) -> None:
    found = _findings(category, example, COUNCILS[council])
    if example.entity is not None:
        hit = any(f.entity == example.entity for f in found)
    elif example.subtype is not None:
        hit = any(f.subtype == example.subtype for f in found)
    else:
        hit = bool(found)
    assert hit == example.expect, (example.note, found)
    for f in found:
        assert f.category == category
        assert 0.0 <= f.score <= 1.0
        assert 0 <= f.start <= f.end <= len(example.text)
        assert f.explanation and f.explanation == f.explanation.strip()
        assert f.clause is None and f.action is None  # the engine fills these
        if f.subtype is not None:
            assert f.subtype in SUBTYPES.get(category, ()), f.subtype
        if f.remedy is not None:
            assert f.remedy.kind in REMEDY_KINDS and f.remedy.description


@pytest.mark.parametrize("category", CATEGORIES)
@pytest.mark.parametrize(
    "text",
    ["", "a" * 100_000, "vote for the " * 2000, "\u00e9\u0130\u200b" * 3000, "<b>" * 5000,
     "f**k " * 5000, "07700 " * 5000],
    ids=["empty", "letters", "phrase", "unicode", "tags", "stars", "digits"],
)
def test_awkward_inputs_give_well_formed_findings(category: str, text: str) -> None:
    message = Message(text=text, account="personal", channel="blog", edits_previous=True)
    ctx = Context(message=message, text=normalise(text), council=COUNCILS["leigh"])
    for f in detectors.get(category).detect(ctx):
        assert f.category == category and 0 <= f.start <= f.end <= len(text)
