"""copyright detector: realistic cases and hard negatives (examples: test_examples.py)."""

from __future__ import annotations

import pytest
from _support import COUNCIL, findings

from aupguard.detectors import copyright
from aupguard.model import Attachment, Author, Finding
from aupguard.policy.schema import Council

DET = copyright.DETECTOR


def run(text: str, council: Council = COUNCIL, author: Author | None = None,
        **message: object) -> list[Finding]:
    return findings(DET, text, council, author, **message)


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


@pytest.mark.parametrize(("text", "name"), [
    ("Here's a pic of the kids from St John's at the tree planting.", "planting.jpg"),
    ("Mrs Patel cutting the ribbon - video attached.", "ribbon.mp4"),
    ("Attached.", "staff-photo.jpg"),
    ("For the Facebook page.", "fete-volunteers.jpg"),
])
def test_people_consent_unknown(text: str, name: str) -> None:
    found = [f for f in run(text, attachments=(Attachment(name, licence="own"),))
             if f.subtype == "people"]
    assert len(found) == 1 and found[0].score < 0.85
    assert "appears to show people" in found[0].explanation
    assert found[0].remedy is not None and found[0].remedy.text == name


@pytest.mark.parametrize(("text", "consented"), [
    ("A photo of the volunteers, with their permission.", None),
    ("Photo of the team - consent forms were all signed on the day.", None),
    ("Pic of the residents' group; they're happy for it to be shared.", None),
    ("Photo of the volunteers at the fete.", True),
    ("Attached is an image of the new bus shelter.", None),
])
def test_people_consent_stated_or_no_people(text: str, consented: bool | None) -> None:
    att = Attachment("fete.jpg", "image/jpeg", licence="own", people_consented=consented)
    assert run(text, attachments=(att,)) == []


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
