"""copyright detector: shipped examples under two councils, hard negatives."""

from __future__ import annotations

import dataclasses

import pytest

from aupguard.detectors import copyright
from aupguard.detectors.base import Context, Example
from aupguard.model import Attachment, Author, Finding, Message
from aupguard.policy.schema import Council, Register, Thresholds
from aupguard.text import normalise

COUNCIL = Council(
    name="Leigh-on-Sea Town Council", email_domains=("leighonseatowncouncil.gov.uk",)
)
BELPER = Council(name="Belper Town Council")
DET = copyright.DETECTOR


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


def test_media_by_extension_and_type() -> None:
    for att in (Attachment("song.mp3"), Attachment("clip", "video/mp4")):
        found = run("Have a listen.", attachments=(att,))
        assert [f.subtype for f in found] == ["media"]
        assert (found[0].start, found[0].end) == (0, 0)


def test_documents_and_permitted_media_ignored() -> None:
    atts = (Attachment("minutes.pdf", "application/pdf"),
            Attachment("a.jpg", "image/jpeg", permission=True),
            Attachment("b.jpg", "image/jpeg", licence="OGL"))
    assert run("Attached.", attachments=atts) == []


def test_people_without_consent() -> None:
    att = (Attachment("team.jpg", "image/jpeg", licence="own", people_consented=False),)
    found = run("The team.", attachments=att)
    assert [f.subtype for f in found] == ["people"]
    assert found[0].remedy is not None and found[0].remedy.kind == "remove_attachment"
    assert found[0].remedy.text == "team.jpg"
    ok = (Attachment("team.jpg", "image/jpeg", licence="own", people_consented=True),)
    assert run("The team.", attachments=ok) == []


@pytest.mark.parametrize("text", [
    "Anyone know where to get a cracked copy of Office?",
    "Free download of the new album here, ripped last night.",
    "Just grab it from the Pirate Bay.",
])
def test_piracy_found(text: str) -> None:
    found = run(text)
    assert [f.subtype for f in found] == ["piracy"]
    assert text[found[0].start:found[0].end].strip()


@pytest.mark.parametrize("text", [
    "The cracked paving slab on Elm Road has been repaired.",
    "A torrent of complaints followed the photo shoot.",
    "I found it online: the planning portal has the documents.",
])
def test_ordinary_words_ignored(text: str) -> None:
    assert run(text) == []


@pytest.mark.parametrize("text", [
    "There's a full movie torrent of the new Pixar film if the kids want it.",
    "I've got a Photoshop crack on a USB stick, no need for a licence.",
    "Downloaded the whole album for free off an MP3 site.",
    "I ripped the DVD last night so we can show it at the youth club.",
    "Found a free PDF of the whole Wolf Hall book for the reading group.",
    "Just run the stock photo through a watermark remover.",
])
def test_more_piracy_found(text: str) -> None:
    assert [f.subtype for f in run(text)] == ["piracy"]


def test_photos_copied_from_newspaper_site() -> None:
    found = run("I copied the photos from the Echo newspaper website for our newsletter.")
    assert [f.subtype for f in found] == ["media"]


@pytest.mark.parametrize("text", [
    "The pdf of the minutes is on the website.",
    "A stream of visitors came to the open day.",
])
def test_more_ordinary_words_ignored(text: str) -> None:
    assert run(text) == []
