"""Parsing whole messages: part ids, text, attachments, and every ambiguity reported."""

from __future__ import annotations

import io
from email.message import EmailMessage
from email.policy import default as DEFAULT_POLICY

from _mailfiles import docx, mail

from aupguard.mail.limits import Limits
from aupguard.mail.mime import ParsedMail, parse_mail
from aupguard.mail.parts import (
    CHARSET,
    ENCODING,
    HEADER,
    STRUCTURE,
    TOO_DEEP,
    TOO_LARGE,
    TOO_MANY_PARTS,
)


def _codes(parsed: ParsedMail) -> list[str]:
    return [p.code for p in parsed.problems]


def _raw(headers: str, body: str) -> bytes:
    return (headers.replace("\n", "\r\n") + "\r\n" + body.replace("\n", "\r\n")).encode()


HEAD = "From: a@example.org\nTo: b@example.org\nSubject: Hi\nMIME-Version: 1.0\n"


def test_parts_headers_and_attachments() -> None:
    raw = mail("Plain body", subject="Caf\u00e9 =?budget?", html="<p>HTML <b>body</b></p>",
               to="x@example.org, Y <y@example.org>",
               attachments=[("minutes.docx", docx(["Attached minutes"]),
                             "application/octet-stream")])
    parsed = parse_mail(raw)
    assert parsed.problems == []
    h = parsed.headers
    assert h.subject == "Caf\u00e9 =?budget?" and h.message_id == "<test@example.org>"
    assert h.recipients == ("x@example.org", "y@example.org")
    assert h.from_ == "clerk@leighonseatowncouncil.gov.uk"
    assert [(t.part, t.text.strip()) for t in parsed.texts] == [
        ("subject", "Caf\u00e9 =?budget?"), ("1.1", "Plain body"), ("1.2", "HTML body")]
    (att,) = parsed.attachments
    assert (att.id, att.filename, att.detected.name) == ("2", "minutes.docx", "docx")
    assert att.declared_type == "application/octet-stream"
    assert att.text == "Attached minutes\n"


def test_single_part_body_is_part_1() -> None:
    parsed = parse_mail(mail("Just text"))
    assert [t.part for t in parsed.texts] == ["subject", "1"]


def test_forwarded_message_parts() -> None:
    inner = EmailMessage()
    inner["Subject"] = "Original subject"
    inner.set_content("Original body")
    outer = EmailMessage()
    outer["Subject"] = "Fwd"
    outer.set_content("See below")
    outer.add_attachment(inner)
    parsed = parse_mail(outer.as_bytes(policy=DEFAULT_POLICY))
    assert parsed.problems == []
    assert [(t.part, t.text.strip()) for t in parsed.texts] == [
        ("subject", "Fwd"), ("1", "See below"), ("2:subject", "Original subject"),
        ("2.1", "Original body")]


def test_two_boundary_parameters() -> None:
    raw = _raw(HEAD + 'Content-Type: multipart/mixed; boundary="aaa"; boundary="bbb"\n',
               "--aaa\nContent-Type: text/plain\n\nhello\n--bbb\nContent-Type: text/plain\n\n"
               "world\n--bbb--\n")
    parsed = parse_mail(raw)
    assert STRUCTURE in _codes(parsed)
    assert any("several boundary parameters" in p.detail for p in parsed.problems)


def test_rfc2231_continuation_is_one_boundary() -> None:
    raw = _raw(HEAD + "Content-Type: multipart/mixed; boundary*0=\"ab\"; boundary*1=\"cd\"\n",
               "--abcd\nContent-Type: text/plain\n\nhello\n--abcd--\n")
    parsed = parse_mail(raw)
    assert parsed.problems == []
    assert [t.text.strip() for t in parsed.texts] == ["Hi", "hello"]


def test_boundary_never_appears_and_never_closes() -> None:
    missing = parse_mail(_raw(HEAD + "Content-Type: multipart/mixed; boundary=zz\n",
                              "no boundary here\n"))
    assert any("never appears" in p.detail for p in missing.problems)
    unclosed = parse_mail(_raw(HEAD + "Content-Type: multipart/mixed; boundary=zz\n",
                               "--zz\nContent-Type: text/plain\n\nhello\n"))
    assert any("no closing boundary" in p.detail for p in unclosed.problems)


def test_broken_base64_and_unknown_encoding() -> None:
    bad64 = parse_mail(_raw(HEAD + "Content-Type: text/plain\nContent-Transfer-Encoding: base64\n",
                            "SGVsbG8gd29ybGQ=!!!*\n"))
    assert ENCODING in _codes(bad64)
    odd = parse_mail(_raw(HEAD + "Content-Type: text/plain\nContent-Transfer-Encoding: x-rot13\n",
                          "uryyb\n"))
    assert any("unknown transfer encoding" in p.detail for p in odd.problems)


def test_invalid_charsets() -> None:
    raw = _raw(HEAD.replace("Subject: Hi", "Subject: =?x-unknown?q?Caf=E9?=")
               + 'Content-Type: text/plain; charset="x-unknown"\n', "Caf\u00e9 body\n")
    parsed = parse_mail(raw)
    details = [p.detail for p in parsed.problems if p.code == CHARSET]
    assert any("x-unknown" in d and "encoded word" in d for d in details)  # the subject
    assert any("x-unknown" in d for d in details if "encoded" not in d)  # the body
    assert parsed.texts[-1].text.strip() == "Caf\u00e9 body"  # decoded anyway, as UTF-8
    wrong = parse_mail(_raw(HEAD + 'Content-Type: text/plain; charset="utf-8"\n', "") +
                       b"Caf\xe9\r\n")
    assert CHARSET in _codes(wrong)
    assert "\ufffd" in wrong.texts[-1].text


def test_two_charset_parameters() -> None:
    raw = _raw(HEAD + 'Content-Type: text/plain; charset="utf-8"; charset="koi8-r"\n', "x\n")
    assert any("several charset" in p.detail for p in parse_mail(raw).problems)


def test_header_injection() -> None:
    encoded = _raw(HEAD.replace("Subject: Hi", "Subject: =?utf-8?b?SGVsbG8NCkJjYzogeEB5LmNvbQ==?="),
                   "body\n")
    parsed = parse_mail(encoded)
    assert any(p.code == HEADER and "injection" in p.detail for p in parsed.problems)
    nul = parse_mail(_raw(HEAD.replace("Subject: Hi", "Subject: Hi\x00there"), "body\n"))
    assert any(p.code == HEADER and "NUL" in p.detail for p in nul.problems)
    bare_cr = parse_mail(b"Subject: Hi\rBcc: x@y.z\r\nFrom: a@b.c\r\n\r\nbody\r\n")
    assert any("bare CR" in p.detail for p in bare_cr.problems)


def test_duplicate_subject_is_ambiguous() -> None:
    parsed = parse_mail(_raw(HEAD + "Subject: Second\n", "body\n"))
    assert any("several subject" in p.detail for p in parsed.problems)


def test_too_large_without_parsing_the_body() -> None:
    raw = mail("x" * 5000, subject="Big one")
    parsed = parse_mail(raw, Limits(max_message_bytes=1000))
    assert _codes(parsed) == [TOO_LARGE] and "too large to check" in parsed.problems[0].detail
    assert parsed.headers.subject == "Big one" and parsed.texts == []
    streamed = parse_mail(io.BytesIO(raw), Limits(max_message_bytes=1000))
    assert _codes(streamed) == [TOO_LARGE] and streamed.size == 1001  # read no further


def test_too_many_parts_and_too_deep() -> None:
    msg = EmailMessage()
    msg.set_content("x")
    for i in range(12):
        msg.add_attachment(f"file {i}", filename=f"f{i}.txt")
    assert TOO_MANY_PARTS in _codes(parse_mail(msg.as_bytes(), Limits(max_parts=5)))
    text = HEAD
    for i in range(30):
        text += f"Content-Type: multipart/mixed; boundary=b{i}\n\n--b{i}\n"
    text += "Content-Type: text/plain\n\ndeep\n"
    for i in reversed(range(30)):
        text += f"--b{i}--\n"
    deep = parse_mail(text.replace("\n", "\r\n").encode())
    assert TOO_DEEP in _codes(deep)
    # The stdlib parser's work grows with open boundaries x lines: capped before parsing.
    costly = parse_mail(text.encode(), Limits(max_boundary_scans=1000))
    assert _codes(costly) == [TOO_DEEP] and "too complex" in costly.problems[0].detail
    assert costly.headers.subject == "Hi"


def test_garbage_never_raises() -> None:
    for raw in (b"", b"\x00\xff" * 100, b"Content-Type: multipart/mixed\r\n\r\n--\r\n",
                b"From: <<<@@@>>>\r\nTo: ,,,;;;\r\nDate: yesterday\r\n\r\nx",
                b"Content-Type: message/rfc822\r\n\r\nContent-Type: message/rfc822\r\n\r\n"):
        assert isinstance(parse_mail(raw), ParsedMail)


def test_costly_headers_are_held_without_parsing() -> None:
    many = ", ".join(f"user{i}@example.org" for i in range(5000))
    parsed = parse_mail(_raw(HEAD.replace("To: b@example.org", f"To: {many}"), "x\n"))
    assert _codes(parsed) == [HEADER] and "too costly" in parsed.problems[0].detail
    semis = parse_mail(_raw(HEAD + "Content-Type: text/plain" + " ;" * 500 + "\n", "x\n"))
    assert _codes(semis) == [HEADER]


def test_undeclared_8bit_subject_is_a_note() -> None:
    raw = b"From: a@example.org\r\nSubject: Caf\xe9\r\n\r\nbody\r\n"
    parsed = parse_mail(raw)
    assert parsed.problems == []
    assert any(n.code == CHARSET for n in parsed.notes)
