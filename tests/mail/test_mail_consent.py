"""Mail gateway: pictures of people with unknown consent (issue 5, Belper's
images-of-others clause)."""

from __future__ import annotations

from email.message import EmailMessage

from aupguard.engine import Checker
from aupguard.mail.checkmail import check_mail

_BODY = ("Hello, attached is a photo of Cllr Smith and the volunteers at Saturday's fete "
         "for the paper.")
_JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 200


def _mail(body: str) -> bytes:
    m = EmailMessage()
    m["From"] = "clerk@belpertowncouncil.gov.uk"
    m["To"] = "editor@derbyshiretimes.co.uk"
    m["Subject"] = "Photos from the fete"
    m.set_content(body)
    m.add_attachment(_JPEG, maintype="image", subtype="jpeg", filename="fete-volunteers.jpg")
    return m.as_bytes()


def test_photo_of_people_held_under_images_of_others() -> None:
    v = check_mail(Checker("belper"), _mail(_BODY))
    assert v.action == "hold"
    assert "belper.general.images-of-others" in v.clauses
    people = [f for f in v.findings if f.clause == "belper.general.images-of-others"]
    assert people and all(f.subtype == "people" for f in people)


def test_photo_with_stated_consent_not_held() -> None:
    v = check_mail(Checker("belper"),
                   _mail(_BODY + " Everyone in it has agreed to it being shared."))
    assert "belper.general.images-of-others" not in v.clauses
    assert v.action != "hold"
