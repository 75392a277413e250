"""Text from attachments, within limits, with hostile XML refused."""

from __future__ import annotations

import io

import pytest
from _mailfiles import W, docx, ole2, pdf, xlsx
from _mailfiles import odt as make_odt

from aupguard.mail.extract import Extracted, decode_bytes, extract
from aupguard.mail.filetype import detect
from aupguard.mail.limits import Budget, Limits


def _extract(data: bytes, limits: Limits | None = None, charset: str | None = None
             ) -> Extracted:
    limits = limits or Limits()
    return extract(data, detect(data), limits, Budget(limits), charset)


def test_pdf_text() -> None:
    got = _extract(pdf(["Quarterly report", "Call 07700 900123"]))
    assert got.text is not None and got.problems == []
    assert "Quarterly report" in got.text and "07700 900123" in got.text


def test_encrypted_pdf_is_marked() -> None:
    pypdf = pytest.importorskip("pypdf")
    writer = pypdf.PdfWriter()
    writer.add_page(pypdf.PdfReader(io.BytesIO(pdf(["secret"]))).pages[0])
    writer.encrypt("password", algorithm="RC4-128")
    buf = io.BytesIO()
    writer.write(buf)
    got = _extract(buf.getvalue())
    assert got.encrypted and got.text is None


def test_broken_pdf_is_a_problem_not_a_crash() -> None:
    for data in (b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 9 0 R >> endobj\n%%EOF",
                 b"%PDF-1.4\ngarbage"):
        got = _extract(data)
        assert got.text is None
        assert got.problems and got.problems[0].startswith("PDF could not be read")


def test_docx_paragraphs_are_lines() -> None:
    got = _extract(docx(["Minutes of the meeting", "Item 4: the budget"]))
    assert got.text == "Minutes of the meeting\nItem 4: the budget\n"


def test_docx_macros_are_noticed() -> None:
    got = _extract(docx(["x"], extra=[("word/vbaProject.bin", b"\x00")]))
    assert got.macros


def test_xlsx_shared_inline_and_numbers() -> None:
    data = xlsx(["Name", "Jane Smith"], [[("s", "0"), ("inlineStr", "Phone")],
                                         [("s", "1"), ("n", "7700900123")]])
    got = _extract(data)
    assert got.text is not None
    assert got.text.splitlines()[:2] == ["Name\tPhone", "Jane Smith\t7700900123"]


def test_odt_paragraphs() -> None:
    got = _extract(make_odt(["Grant application", "Deadline Friday"]))
    assert got.text == "Grant application\nDeadline Friday\n"


def test_rtf_text_without_control_words() -> None:
    rtf = (rb"{\rtf1\ansi\ansicpg1252{\fonttbl{\f0 Arial;}}{\*\generator X;}"
           rb"\f0 Caf\'e9 meeting\par Second \u8212? line}")
    got = _extract(rtf)
    assert got.text == "Caf\u00e9 meeting\nSecond \u2014 line"


def test_html_attachment_uses_meta_charset() -> None:
    html = "<html><head><meta charset='iso-8859-1'></head><body><p>Caf\u00e9</p></body></html>"
    got = _extract(html.encode("iso-8859-1"))
    assert got.text is not None and "Caf\u00e9" in got.text and "<p>" not in got.text


def test_legacy_word_strings() -> None:
    data = ole2(bytes(16), ("WordDocument",)) + "Confidential tender".encode("utf-16-le")
    got = _extract(data)
    assert got.method == "strings" and got.text is not None
    assert "Confidential tender" in got.text


def test_xml_with_entities_is_refused_not_expanded() -> None:
    laughs = (f'<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY a "aaaaaaaaaa">'
              '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
              f"<w:document {W}><w:body><w:p><w:r><w:t>&b;</w:t></w:r></w:p></w:body>"
              "</w:document>")
    got = _extract(docx([], document_xml=laughs))
    assert got.text is None
    assert any("DOCTYPE" in p for p in got.problems)


def test_malformed_xml_is_a_problem() -> None:
    got = _extract(docx([], document_xml="<w:document><w:body><w:p>"))
    assert got.text is None and got.problems


def test_text_limit_truncates_with_a_problem() -> None:
    got = _extract(b"word " * 1000, Limits(max_part_chars=100), "us-ascii")
    assert got.text is not None and len(got.text) == 100 and got.problems


def test_xml_size_limit() -> None:
    got = _extract(docx(["x" * 50_000]), Limits(max_xml_bytes=10_000))
    assert got.text is None and got.problems


@pytest.mark.parametrize(
    ("data", "charset", "text", "problem"),
    [
        ("Caf\u00e9".encode("iso-8859-1"), "iso-8859-1", "Caf\u00e9", False),
        ("Caf\u00e9".encode(), "x-unknown", "Caf\u00e9", True),
        ("Caf\u00e9".encode(), "us-ascii", "Caf\u00e9", False),  # everyday mislabelling
        (b"Caf\xe9", "utf-8", "Caf\ufffd", True),
        (b"hello", "base64", "hello", True),  # a codec, not a charset
        ("\ufeffhi".encode("utf-16-le"), None, "hi", False),
    ],
)
def test_decode_bytes(data: bytes, charset: str | None, text: str, problem: bool) -> None:
    got, why = decode_bytes(data, charset)
    assert got == text
    assert bool(why) == problem


def test_pptx_slides() -> None:
    from _mailfiles import CT, zip_of

    slide = ('<p:sld xmlns:p="p" xmlns:a="a"><p:txBody><a:p><a:r><a:t>Budget</a:t></a:r>'
             "</a:p><a:p><a:r><a:t>2026</a:t></a:r></a:p></p:txBody></p:sld>")
    data = zip_of([("[Content_Types].xml", CT), ("ppt/slides/slide2.xml", slide),
                   ("ppt/slides/slide10.xml", slide.replace("Budget", "Later"))])
    got = _extract(data)
    assert got.text == "Budget\n2026\nLater\n2026\n"  # slides in number order


def test_utf16_text_without_bom_is_read() -> None:
    data = "Call 07700 900123 today".encode("utf-16-le")
    assert detect(data).kind == "text"
    assert _extract(data).text == "Call 07700 900123 today"


def test_outlook_msg_strings() -> None:
    data = ole2(bytes(16), ("__substg1.0_1000001F",)) + "Forwarded body".encode("utf-16-le")
    got = _extract(data)
    assert got.text is not None and "Forwarded body" in got.text
