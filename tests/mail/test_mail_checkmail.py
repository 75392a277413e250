"""check_mail: per-part findings with offsets, and deliver / hold / refuse with reasons."""

from __future__ import annotations

import email
import email.policy
import io
from pathlib import Path

import pytest
from _mailfiles import (
    docx,
    encrypted_zip,
    mail,
    nested_zips,
    ole2,
    pdf,
    pe_stub,
    zip_bomb,
    zip_of,
)

from aupguard.engine import Checker
from aupguard.mail.checkmail import (
    MailVerdict,
    attachment_clauses,
    attachments_for_message,
    check_mail,
    checkable_texts,
)
from aupguard.mail.mime import parse_mail

PHONE = "Please ring the resident back on 07700 900123 today."
CORPUS = Path(__file__).resolve().parents[3] / "shared" / "data" / "spamassassin"
CORPUS_FOLDERS = ("easy-ham-1", "easy-ham-2", "hard-ham-1", "spam-1", "spam-2")


@pytest.fixture(scope="module")
def leigh() -> Checker:
    return Checker("leigh")


@pytest.fixture(scope="module")
def belper() -> Checker:
    return Checker("belper")


def _finding_text(verdict: MailVerdict, part: str) -> list[str]:
    texts = dict(checkable_texts(verdict.parsed))
    return [texts[f.part][f.start : f.end] for f in verdict.findings if f.part == part]


def test_clean_mail_is_delivered(leigh: Checker) -> None:
    verdict = check_mail(leigh, mail("The meeting is on Tuesday at 7pm."))
    assert verdict.action == "deliver" and verdict.problems == ()
    assert [p.part for p in verdict.parts] == ["subject", "1"]
    assert verdict.message_id == "<test@example.org>"


def test_personal_data_to_external_is_held_with_part_offsets(leigh: Checker) -> None:
    verdict = check_mail(leigh, mail("Hello,\n\n" + PHONE, html=f"<p>Hello,</p><p>{PHONE}</p>"))
    assert verdict.action == "hold"
    assert "leigh.work-use.data-protection" in verdict.clauses
    # multipart/alternative at the root: plain is part 1, HTML part 2 (offsets in its text)
    assert _finding_text(verdict, "1") == ["07700 900123"]
    assert _finding_text(verdict, "2") == ["07700 900123"]


def test_internal_mail_follows_the_pack_audiences(leigh: Checker) -> None:
    raw = mail(PHONE, to="office@leighonseatowncouncil.gov.uk")
    internal = check_mail(leigh, raw)
    external = check_mail(leigh, raw, recipients=["someone@example.com"])
    assert external.action == "hold"
    assert internal.action == "deliver"  # Leigh's data-protection clause covers external mail


def test_findings_inside_attachments_and_archives(leigh: Checker) -> None:
    report = zip_of([("inner/a.docx", docx(["Summary", PHONE]))])
    raw = mail("Report attached.", attachments=[
        ("notes.pdf", pdf([PHONE]), "application/pdf"),
        ("report.zip", report, "application/zip")])
    verdict = check_mail(leigh, raw)
    assert verdict.action == "hold"
    assert _finding_text(verdict, "2") == ["07700 900123"]
    assert _finding_text(verdict, "3:report.zip/inner/a.docx") == ["07700 900123"]


def test_executable_is_refused_with_the_malware_clause(leigh: Checker) -> None:
    raw = mail("Invoice attached.", attachments=[("invoice.pdf", pe_stub(), "application/pdf")])
    verdict = check_mail(leigh, raw)
    assert verdict.action == "refuse"
    (att,) = verdict.attachments
    assert (att.reason, att.clause, att.part) == ("executable", "leigh.internet.malware", "2")
    assert "leigh.internet.malware" in verdict.reason
    parsed = parse_mail(raw)
    assert parsed.attachments[0].mismatch  # named .pdf, content MZ


def test_installer_inside_a_zip_is_refused(belper: Checker) -> None:
    apk = zip_of([("AndroidManifest.xml", b"x"), ("classes.dex", b"x")])
    raw = mail("The app.", attachments=[("tools.zip", zip_of([("app.bin", apk)]),
                                         "application/zip")])
    verdict = check_mail(belper, raw)
    assert verdict.action == "refuse"
    (att,) = verdict.attachments
    assert att.reason == "installer" and att.part == "2:tools.zip/app.bin"
    assert att.clause == "belper.general.tablet-downloads"


def test_script_by_name_is_refused(leigh: Checker) -> None:
    raw = mail("Run this.", attachments=[("update.vbs", b"MsgBox 1", "text/plain")])
    verdict = check_mail(leigh, raw)
    assert verdict.action == "refuse" and verdict.attachments[0].reason == "risky-name"


def test_attachment_clause_lookup() -> None:
    leigh = attachment_clauses(Checker("leigh").pack)
    assert leigh["executable"] == ("leigh.internet.malware", ("leigh.email.no-instant-messaging",))
    assert leigh["installer"] == ("leigh.email.no-instant-messaging", ("leigh.internet.malware",))
    belper = attachment_clauses(Checker("belper").pack)
    assert belper["executable"] == ("belper.general.tablet-downloads", ())


def test_encrypted_archive_is_held(leigh: Checker) -> None:
    raw = mail("Payroll, password by phone.", attachments=[
        ("payroll.zip", encrypted_zip("payroll.xlsx"), "application/zip")])
    verdict = check_mail(leigh, raw)
    assert verdict.action == "hold"
    assert [(a.reason, a.part) for a in verdict.attachments] == [
        ("encrypted", "2:payroll.zip/payroll.xlsx")]
    assert "encrypted" in verdict.reason


@pytest.mark.parametrize(
    "attachment",
    [("bomb.zip", zip_bomb(100), "application/zip"),
     ("nested.zip", nested_zips(20), "application/zip")],
    ids=["zip-bomb", "20-nested-zips"],
)
def test_bad_archives_are_held_as_could_not_be_checked(
        leigh: Checker, attachment: tuple[str, bytes, str]) -> None:
    verdict = check_mail(leigh, mail("See attached.", attachments=[attachment]))
    assert verdict.action == "hold"
    assert verdict.reason.startswith("could not be checked: ")


def test_malformed_mime_is_held(leigh: Checker) -> None:
    raw = (b"From: a@example.org\r\nTo: b@example.org\r\nSubject: x\r\nContent-Type: "
           b'multipart/mixed; boundary="a"; boundary="b"\r\n\r\n--a\r\n\r\nhi\r\n--b--\r\n')
    verdict = check_mail(leigh, raw)
    assert verdict.action == "hold" and "could not be checked" in verdict.reason
    assert verdict.to_json()["problems"]


def test_header_injection_and_charsets_are_held(leigh: Checker) -> None:
    injected = mail("x").replace(b"Subject: Note",
                                 b"Subject: =?utf-8?b?SGVsbG8NCkJjYzogeEB5LmNvbQ==?=")
    assert check_mail(leigh, injected).action == "hold"
    unknown = mail("x").replace(b'charset="utf-8"', b'charset="x-unknown"')
    assert b"x-unknown" in unknown
    assert check_mail(leigh, unknown).action == "hold"


def test_fifty_megabyte_message_is_held_as_too_large(leigh: Checker) -> None:
    raw = mail("Big.", attachments=[("big.bin", bytes(38 * 1024 * 1024), "application/x-big")])
    assert len(raw) > 50 * 1024 * 1024
    verdict = check_mail(leigh, raw)
    assert verdict.action == "hold" and "too large to check" in verdict.reason
    assert verdict.parts == ()


def test_media_attachments_reach_the_copyright_clauses(leigh: Checker, belper: Checker) -> None:
    png = b"\x89PNG\r\n\x1a\n" + bytes(64)
    raw = mail("The pier at dusk.", attachments=[("pier.dat", png, "application/octet-stream")])
    assert attachments_for_message(parse_mail(raw))[0].media_type == "image/png"
    held = check_mail(leigh, raw)
    assert held.action == "hold" and "leigh.internet.copyrighted-files" in held.clauses
    warned = check_mail(belper, raw)
    assert warned.action == "deliver" and "belper.legislation.copyright" in warned.clauses
    credited = check_mail(leigh, mail("The pier. Photo by Sam Jones.",
                                      attachments=[("pier.png", png, "image/png")]))
    assert credited.action == "deliver"


def test_json_has_part_and_offsets(leigh: Checker) -> None:
    data = check_mail(leigh, mail(PHONE)).to_json()
    (finding,) = data["findings"]  # type: ignore[misc]
    assert finding["part"] == "1" and finding["clause"] == "leigh.work-use.data-protection"
    assert PHONE[finding["start"] : finding["end"]] == "07700 900123"


def _corpus_files(per_folder: int) -> list[Path]:
    files: list[Path] = []
    for folder in CORPUS_FOLDERS:
        path = CORPUS / folder
        if path.is_dir():
            files += sorted(p for p in path.iterdir() if p.is_file())[:per_folder]
    return files


def test_spamassassin_corpus_never_raises(leigh: Checker) -> None:
    files = _corpus_files(40)
    if not files:
        pytest.skip(f"SpamAssassin corpus not found at {CORPUS} (it lives in ../shared/data, "
                    "outside the repository)")
    assert len(files) >= 200
    actions = {"deliver": 0, "hold": 0, "refuse": 0}
    for path in files:
        raw = path.read_bytes()
        verdict = check_mail(leigh, raw)
        assert verdict.action in actions, path
        actions[verdict.action] += 1
        # every finding points inside the text of its part
        texts = dict(checkable_texts(verdict.parsed))
        for f in verdict.findings:
            assert 0 <= f.start <= f.end <= len(texts[f.part]), (path, f)
        email.message_from_bytes(raw, policy=email.policy.default)  # the stdlib agrees
    assert actions["deliver"] > 0 and actions["hold"] > 0


def test_a_checker_crash_holds_the_message(leigh: Checker, monkeypatch: pytest.MonkeyPatch
                                           ) -> None:
    def boom(message: object) -> None:
        raise RuntimeError("detector bug")

    monkeypatch.setattr(leigh, "check", boom)
    verdict = check_mail(leigh, mail("Hello"))
    assert verdict.action == "hold" and "the checker failed" in verdict.reason
    assert {p.part for p in verdict.problems} == {"subject", "1"}


def test_encrypted_documents_are_held(leigh: Checker) -> None:
    pypdf = pytest.importorskip("pypdf")
    writer = pypdf.PdfWriter()
    writer.add_page(pypdf.PdfReader(io.BytesIO(pdf(["secret"]))).pages[0])
    writer.encrypt("password", algorithm="RC4-128")
    buf = io.BytesIO()
    writer.write(buf)
    locked_docx = ole2(bytes(16), ("EncryptedPackage",))
    raw = mail("Two locked files.", attachments=[
        ("a.pdf", buf.getvalue(), "application/pdf"),
        ("b.docx", locked_docx, "application/octet-stream")])
    verdict = check_mail(leigh, raw)
    assert verdict.action == "hold"
    assert [(a.reason, a.part) for a in verdict.attachments] == [
        ("encrypted", "2"), ("encrypted", "3")]
