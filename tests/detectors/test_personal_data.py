"""personal_data: realistic UK details found, look-alikes left alone, offsets exact."""

from __future__ import annotations

import datetime as dt

import pytest

from aupguard.detectors.base import Context, Example
from aupguard.detectors.personal_data import DETECTOR
from aupguard.model import Finding, Message
from aupguard.policy.schema import Consent, Council, PublicContact, Register
from aupguard.text import normalise

LEIGH = Council(name="Leigh-on-Sea Town Council", email_domains=("leighonseatowncouncil.gov.uk",))
TODAY = dt.date(2025, 6, 1)


def run(text: str, register: Register | None = None, **msg: object) -> list[Finding]:
    ctx = Context(
        message=Message(text=text, **msg),  # type: ignore[arg-type]
        text=normalise(text),
        council=LEIGH,
        register=register or Register(),
        today=TODAY,
    )
    return DETECTOR.detect(ctx)


def spans(text: str, entity: str, **kw: object) -> list[str]:
    return [text[f.start : f.end] for f in run(text, **kw) if f.entity == entity]  # type: ignore[arg-type]


POSITIVES = [
    ("PHONE_NUMBER", "Ring Mrs Patel on 07700 900123 after six.", "07700 900123"),
    ("PHONE_NUMBER", "His mobile is 07700-900-123.", "07700-900-123"),
    ("PHONE_NUMBER", "Her home number is (01702) 716289.", "(01702) 716289"),
    ("PHONE_NUMBER", "Call Dave at home: 0117 496 0123", "0117 496 0123"),
    ("PHONE_NUMBER", "mobile +44 7700 900123 any time", "+44 7700 900123"),
    ("PHONE_NUMBER", "Text me on +44 (0)1702 716289 please", "+44 (0)1702 716289"),
    ("PHONE_NUMBER", "From abroad dial 0044 7700 900123.", "0044 7700 900123"),
    ("PHONE_NUMBER", "my number 07911123456", "07911123456"),
    ("PHONE_NUMBER", "Tel:07700 900456 (personal)", "07700 900456"),
    ("EMAIL_ADDRESS", "Email Jane at jane.smith@gmail.com tonight.", "jane.smith@gmail.com"),
    ("EMAIL_ADDRESS", "personal: bob_evans72@btinternet.com", "bob_evans72@btinternet.com"),
    ("EMAIL_ADDRESS", "write to j.patel@acme-lettings.co.uk", "j.patel@acme-lettings.co.uk"),
    (
        "EMAIL_ADDRESS",
        "reach her via jane dot smith at gmail dot com",
        "jane dot smith at gmail dot com",
    ),
    ("EMAIL_ADDRESS", "contact: jane[at]gmail[dot]com", "jane[at]gmail[dot]com"),
    ("EMAIL_ADDRESS", "or Jane (at) hotmail.co.uk", "Jane (at) hotmail.co.uk"),
    ("POSTCODE", "She lives at 4 The Ridgeway, SS9 2RL.", "SS9 2RL"),
    ("POSTCODE", "Send it to SW1A 1AA by post.", "SW1A 1AA"),
    ("POSTCODE", "address: EC1A 1BB", "EC1A 1BB"),
    ("POSTCODE", "Girobank was GIR 0AA", "GIR 0AA"),
    ("POSTCODE", "home postcode M1 1AE", "M1 1AE"),
    ("STREET_ADDRESS", "Mr Brown lives at 14 Elm Grove.", "14 Elm Grove"),
    ("STREET_ADDRESS", "Her address is Flat 3, 27 Leigh Hill Road.", "Flat 3, 27 Leigh Hill Road"),
    ("STREET_ADDRESS", "deliver to 221B Baker Street please", "221B Baker Street"),
    ("STREET_ADDRESS", "at 9 Marine Parade Crescent now", "9 Marine Parade Crescent"),
    ("NI_NUMBER", "NI number AB 12 34 56 C", "AB 12 34 56 C"),
    ("NI_NUMBER", "national insurance: JG103759A.", "JG103759A"),
    ("SORT_CODE", "sort code 20-00-00 account 55779911", "20-00-00"),
    ("SORT_CODE", "Sort code: 402031", "402031"),
    ("BANK_ACCOUNT", "sort code 20-00-00 account 55779911", "55779911"),
    ("BANK_ACCOUNT", "Account number: 3141 5926", "3141 5926"),
    ("CARD_NUMBER", "card 4111 1111 1111 1111 exp 09/27", "4111 1111 1111 1111"),
    ("CARD_NUMBER", "Mastercard 5555-5555-5555-4444", "5555-5555-5555-4444"),
    ("CARD_NUMBER", "amex 3782 822463 10005", "3782 822463 10005"),
    ("CARD_NUMBER", "number 4012888888881881.", "4012888888881881"),
    ("IBAN", "IBAN GB82 WEST 1234 5698 7654 32 thanks", "GB82 WEST 1234 5698 7654 32"),
    ("IBAN", "iban: GB29NWBK60161331926819", "GB29NWBK60161331926819"),
    ("IBAN", "pay DE89 3704 0044 0532 0130 00", "DE89 3704 0044 0532 0130 00"),
    ("NHS_NUMBER", "NHS number 943 476 5919", "943 476 5919"),
    ("NHS_NUMBER", "NHS no: 9434765919", "9434765919"),
    ("DATE_OF_BIRTH", "DOB: 12/03/1985", "12/03/1985"),
    ("DATE_OF_BIRTH", "date of birth 3rd March 1961", "3rd March 1961"),
    ("DATE_OF_BIRTH", "Mr Jones (born 3 May 1944) will attend", "3 May 1944"),
    ("DATE_OF_BIRTH", "her birthday is 14 June", "14 June"),
    ("DATE_OF_BIRTH", "born on May 14, 1939", "May 14, 1939"),
]


@pytest.mark.parametrize(("entity", "text", "expected"), POSITIVES)
def test_positive(entity: str, text: str, expected: str) -> None:
    assert expected in spans(text, entity)


NEGATIVES = [
    "Planning application 23/00123/FUL was approved.",
    "The meeting is on 12 May 2024 at 7.30pm in the Council Chamber.",
    "Minute 045/24: the precept of £123,456.78 was agreed for 2025/26.",
    "The invoice total was £1,250.00 and VAT £250.00 (invoice 100234).",
    "Doors open at 19:30; the year 2023 was busy; 350 residents attended.",
    "Our SW1A office and product code AB-1234-XY arrived.",
    "Scunthorpe United played in the photo shoot at the park.",
    "Please contact Leigh Town Council office on 01702 716288.",
    "Email clerk@leighonseatowncouncil.gov.uk or j.smith@leighonseatowncouncil.gov.uk.",
    "For help write to info@example.com or noreply@example.org.",
    "Bingo at the over-60s club: numbers 12 34 56 called first.",
    "Item 7: accounts for payment totalling 12345678 were approved.",
    "The grant reference is QQ123456C and the NI form is attached.",
    "Call 617-864-0455 for the US office.",
    "Tickets at eventbrite.co.uk or at the hall.",
    "The card reader at the till takes contactless.",
    "Version 2.10.3 was released on 01.02.2023 10.30.",
    "See https://example.com/isbn=0140447695 for the book.",
]


@pytest.mark.parametrize("text", NEGATIVES)
def test_negative(text: str) -> None:
    found = [(f.entity, text[f.start : f.end]) for f in run(text)]
    assert found == []


def test_landline_and_mobile_explained() -> None:
    mob = run("my mobile is 07700 900123")[0]
    land = run("my home number is 0117 496 0123")[0]
    assert "mobile" in mob.explanation and "landline" in land.explanation


def test_context_raises_score() -> None:
    bare = [f for f in run("Number: 01174960123") if f.entity == "PHONE_NUMBER"]
    homed = [f for f in run("His home number: 01174960123") if f.entity == "PHONE_NUMBER"]
    assert bare and homed and homed[0].score > bare[0].score


def test_person_only_with_detail() -> None:
    assert run("Mrs Smith chaired the meeting.") == []
    text = "Mrs Smith's home number is 07700 900123."
    ents = {f.entity: text[f.start : f.end] for f in run(text)}
    assert ents["PERSON"] == "Mrs Smith"
    assert ents["PHONE_NUMBER"] == "07700 900123"
    cued = run("Contact John Evans on 07700 900123")
    assert [f.entity for f in cued] == ["PERSON", "PHONE_NUMBER"]
    assert cued[0].remedy is None


def test_spelt_out_numbers() -> None:
    for text in (
        "call me on oh seven seven double oh nine oh oh one two three",
        "zero seven seven zero zero nine zero zero one two three is my mobile",
        "plus four four seven seven double oh nine oh oh one two three",
    ):
        found = [f for f in run(text) if f.entity == "PHONE_NUMBER"]
        assert found and "in words" in found[0].explanation, text
    assert run("one or two people, three at most") == []


def test_offsets_through_zero_width_characters() -> None:
    text = "Ring 07700\u200b900\u200d123 tonight"
    found = [f for f in run(text) if f.entity == "PHONE_NUMBER"]
    assert len(found) == 1
    assert text[found[0].start : found[0].end] == "07700\u200b900\u200d123"


def test_offsets_with_unicode_before() -> None:
    text = "Caf\u00e9 owner \u2014 email: zo\u00eb.b@gmail.com"
    found = [f for f in run(text) if f.entity == "EMAIL_ADDRESS"]
    assert [text[f.start : f.end] for f in found] == ["zo\u00eb.b@gmail.com"]


def test_public_contacts_suppressed_whatever_the_format() -> None:
    reg = Register(
        public_contacts=(
            PublicContact(entity="PHONE_NUMBER", value="01702 716288"),
            PublicContact(entity="EMAIL_ADDRESS", value="Town.Clerk@leigh-tc.org.uk"),
            PublicContact(entity="STREET_ADDRESS", value="71 Elm Road, Leigh-on-Sea SS9 1SP"),
        )
    )
    text = "Ring +44 (0)1702 716288 or town.clerk@leigh-tc.org.uk, 71 Elm Road SS9 1SP."
    assert run(text, reg) == []
    assert spans("Call me on 01702-716288 tonight", "PHONE_NUMBER") == ["01702-716288"]


def test_consent_and_expiry() -> None:
    def reg(until: dt.date | None, channels: tuple[str, ...] = ("email", "web")) -> Register:
        return Register(
            consents=(
                Consent(
                    person="Jane Smith",
                    details=("PHONE_NUMBER",),
                    values=("07700 900123",),
                    until=until,
                    channels=channels,  # type: ignore[arg-type]
                ),
            )
        )

    text = "Jane Smith (events volunteer) mobile 07700900123"
    assert spans(text, "PHONE_NUMBER", register=reg(dt.date(2025, 12, 31))) == []
    assert spans(text, "PHONE_NUMBER", register=reg(None)) == []
    assert spans(text, "PHONE_NUMBER", register=reg(dt.date(2025, 5, 31))) == ["07700900123"]
    assert spans(text, "PHONE_NUMBER", register=reg(None, ("web",))) == ["07700900123"]
    assert spans(text, "PHONE_NUMBER", register=reg(None, ("social",)), channel="social") == []


def test_consent_without_values_needs_the_person_nearby() -> None:
    reg = Register(consents=(Consent(person="Jane Smith", details=("EMAIL_ADDRESS",)),))
    assert run("Jane Smith: janesmith@gmail.com", reg) == []
    assert spans("Bob: bob.j@gmail.com", "EMAIL_ADDRESS", register=reg) == ["bob.j@gmail.com"]


@pytest.mark.parametrize(
    ("text", "replacement"),
    [
        ("mobile 07700 900123", "[phone number removed]"),
        ("jane@gmail.com", "[email address removed]"),
        ("lives at 4 Elm Road SS9 2RL", "[postcode removed]"),
        ("lives at 4 Elm Road SS9 2RL", "[address removed]"),
        ("NI AB123456C", "[NI number removed]"),
        ("sort code 20-00-00", "[sort code removed]"),
        ("account no 55779911", "[account number removed]"),
        ("card 4111111111111111", "[card number removed]"),
        ("IBAN GB82WEST12345698765432", "[IBAN removed]"),
        ("NHS 9434765919", "[NHS number removed]"),
        ("DOB 01/02/1970", "[date of birth removed]"),
    ],
)
def test_remedy_texts(text: str, replacement: str) -> None:
    found = run(text)
    assert any(
        f.remedy and f.remedy.kind == "redact" and f.remedy.text == replacement for f in found
    )
    assert all(f.category == "personal_data" and 0 <= f.score <= 1 and f.explanation for f in found)


def test_checksums_reject_lookalikes() -> None:
    assert spans("card 4111 1111 1111 1112", "CARD_NUMBER") == []
    assert spans("NHS number 943 476 5918", "NHS_NUMBER") == []
    assert spans("IBAN GB82 WEST 1234 5698 7654 33", "IBAN") == []
    for bad in ("DA123456A", "AO123456A", "GB123456A", "NT123456A", "AB123456E", "ZZ123456A"):
        assert spans(f"NI {bad}", "NI_NUMBER") == [], bad


def test_dates_need_birth_context() -> None:
    assert spans("The AGM is on 12/03/2025", "DATE_OF_BIRTH") == []
    assert spans("born 12/03/2085", "DATE_OF_BIRTH") == []


def test_sort_code_needs_bank_words() -> None:
    assert spans("The score was 12-34-56 at half time.", "SORT_CODE") == []


def test_pathological_inputs_do_not_crash() -> None:
    for text in ("a" * 200_000, "1" * 200_000, "@" * 50_000, "1 " * 50_000, "A1 " * 30_000):
        assert all(0 <= f.start <= f.end <= len(text) for f in run(text))


def _check(ex: Example) -> bool:
    found = run(ex.text, **ex.message)  # type: ignore[arg-type]
    if not ex.expect:
        return found == []
    return any(ex.entity in (None, f.entity) for f in found)


@pytest.mark.parametrize("ex", DETECTOR.examples, ids=lambda e: e.text[:40])
def test_examples(ex: Example) -> None:
    assert _check(ex)


REPORTED = 0.5  # the packs' default threshold


def reported(text: str) -> list[tuple[str | None, str]]:
    return [(f.entity, text[f.start : f.end]) for f in run(text) if f.score >= REPORTED]


@pytest.mark.parametrize(
    "text",
    [
        "Notice: planning application 23/00123/FUL at 18 Leigh Hall Road, SS9 1RJ, for a "
        "rear extension.",
        "Land at 4 Marine Parade: proposed erection of two dwellings.",
        "Please pay the invoice into the council's account, sort code 20-00-00, account "
        "number 55779911.",
        "Payment to Leigh-on-Sea Town Council: sort code 20-00-00, account 55779911.",
        "On Mon, 5 Aug 2002, John Smith <john.smith@example.com> wrote:\n> hello",
        "From: Jane Doe <jane.doe@gmail.com>\nTo: the list",
        "Please forward to exmh-users-request@redhat.com or owner-ilug@linux.ie",
        "List maintainer: listmaster@linux.ie",
        "Connection: postgres://admin:S3aFront!2024@db.example.org/x",
    ],
)
def test_public_or_not_personal_is_not_reported(text: str) -> None:
    assert reported(text) == []


def test_site_address_still_reported_when_a_person_lives_there() -> None:
    text = "Mrs Green lives at 18 Leigh Hall Road and objects to application 23/00123/FUL."
    assert ("STREET_ADDRESS", "18 Leigh Hall Road") in reported(text)


def test_new_mail_still_reports_a_personal_mailbox() -> None:
    text = "Please reply to Bill Humphries at bill.h@gmail.com about the fete."
    assert ("EMAIL_ADDRESS", "bill.h@gmail.com") in reported(text)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("My neighbour Jane Smith, 07700 900123, saw it.", "Jane Smith"),
        ("resident Bob Jones of 12 Elm Road complained", "Bob Jones"),
        ("Peter Walsh (born 14 March 1961) will attend.", "Peter Walsh"),
    ],
)
def test_person_beside_a_detail(text: str, name: str) -> None:
    assert ("PERSON", name) in reported(text)


def test_organisation_is_never_a_person() -> None:
    for text in (
        "The Council's mobile is 07700 900123.",
        "Leigh Town Council, 07700 900123",
        "Irish Linux Users' Group: jo.bloggs@gmail.com",
    ):
        assert all(e != "PERSON" for e, _ in reported(text)), text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Date of birth: March 1961", "March 1961"),
        ("She was born in 1952 in Leigh.", "1952"),
    ],
)
def test_partial_birth_dates(text: str, expected: str) -> None:
    assert expected in spans(text, "DATE_OF_BIRTH")


def test_aged_with_a_later_year_is_not_a_birth_date() -> None:
    assert spans("aged 40 in 1985 he moved here", "DATE_OF_BIRTH") == []


def test_addresses_on_one_line_and_a_quoted_line_are_judged_per_line() -> None:
    text = (
        "Contact a.bell@acme-lettings.co.uk or c.dunn@acme-lettings.co.uk today\n"
        "> From: e.fox@acme-lettings.co.uk\n"
        "and a.bell@acme-lettings.co.uk again, or jo dot fox at gmail dot com"
    )
    found = [(text[f.start : f.end], round(f.score, 2)) for f in run(text)]
    assert found == [
        ("a.bell@acme-lettings.co.uk", 0.7),
        ("c.dunn@acme-lettings.co.uk", 0.7),
        ("e.fox@acme-lettings.co.uk", 0.45),  # a quoted header: already known to readers
        ("a.bell@acme-lettings.co.uk", 0.7),
        ("jo dot fox at gmail dot com", 0.95),
    ]


def test_an_account_number_counts_only_near_a_sort_code_or_an_account_word() -> None:
    near = "sort code 20-00-00, then 12345678"
    far = "sort code 20-00-00" + " filler" * 12 + " 12345678"
    assert spans(near, "BANK_ACCOUNT") == ["12345678"]
    assert spans(far, "BANK_ACCOUNT") == []


def test_a_postcode_just_after_a_street_raises_the_street_score() -> None:
    close = {f.entity: f.score for f in run("Meet at 14 Elm Grove, SS9 2RL.")}
    apart = {f.entity: f.score for f in run("Meet at 14 Elm Grove." + " x" * 30 + " SS9 2RL")}
    assert close["STREET_ADDRESS"] > apart["STREET_ADDRESS"]


def test_many_overlapping_details_resolve_to_the_strongest() -> None:
    text = " ".join(f"card 4111 1111 1111 1111 and jo{i}@gmail.com" for i in range(300))
    found = run(text)
    assert sum(f.entity == "CARD_NUMBER" for f in found) == 300
    assert sum(f.entity == "EMAIL_ADDRESS" for f in found) == 300
    assert not any(f.entity == "BANK_ACCOUNT" for f in found)  # inside the card numbers


@pytest.mark.parametrize(
    "text",
    [
        "write to jane dot smith at gmail dot com or bob [at] yahoo [dot] co [dot] uk",
        "x at y dot at b.com, a.b (at) c.org\nme at home.com and  j  dot  k  at  l.net",
        "it's at the hall. tickets at eventbrite.co.uk; sam_w-1 {at} mail.example.org",
        "",
    ],
)
def test_spelt_out_search_matches_the_full_pattern(text: str) -> None:
    """The windowed search for spelt-out addresses finds exactly what the full pattern
    run over the whole text finds."""
    from aupguard.detectors import _pd_patterns as P
    from aupguard.detectors._pd_email import _obfuscated

    full = [m.span() for m in P.OBFUSCATED_EMAIL.finditer(text)]
    assert [m.span() for m in _obfuscated(text)] == full


def test_consent_for_another_detail_does_not_cover_a_phone() -> None:
    """A consent to publish an email address leaves a phone number reported."""
    reg = Register(consents=(Consent(person="Jane Smith", details=("EMAIL_ADDRESS",)),))
    found = run("Jane Smith, mobile 07700 900123, jane.smith@gmail.com", register=reg)
    assert {f.entity for f in found} >= {"PHONE_NUMBER"}
    assert "EMAIL_ADDRESS" not in {f.entity for f in found}
