"""File types come from content: magic bytes, zip contents, OLE2 CLSIDs, trailers."""

from __future__ import annotations

import bz2
import gzip
import io
import lzma
import struct
import tarfile

import pytest
from _mailfiles import docx, encrypted_zip, ole2, pdf, pe_stub, xlsx, zip_of
from _mailfiles import odt as make_odt

from aupguard.mail.filetype import detect, name_mismatch, risky_name

MSI = bytes.fromhex("84100c0000000000c000000000000046")


def _tar() -> bytes:
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w") as tf:
        info = tarfile.TarInfo("a.txt")
        info.size = 3
        tf.addfile(info, io.BytesIO(b"abc"))
    return buf.getvalue()


@pytest.mark.parametrize(
    ("data", "kind", "name"),
    [
        (pe_stub(), "executable", "exe"),
        (pe_stub(dll=True), "executable", "dll"),
        (b"MZ" + bytes(10), "executable", "exe"),
        (b"\x7fELF\x02\x01\x01" + bytes(60), "executable", "elf"),
        (b"\xcf\xfa\xed\xfe" + bytes(60), "executable", "macho"),
        (b"\xca\xfe\xba\xbe\x00\x00\x00\x02" + bytes(40), "executable", "macho"),
        (b"\xca\xfe\xba\xbe\x00\x00\x00\x34" + bytes(40), "executable", "class"),
        (b"#!/bin/sh\nrm -rf ~\n", "executable", "script"),
        (ole2(MSI), "installer", "msi"),
        (ole2(bytes(16), ("WordDocument",)), "document", "doc"),
        (ole2(bytes(16), ("Workbook",)), "document", "xls"),
        (ole2(bytes(16), ("EncryptedPackage",)), "document", "encrypted-office"),
        (zip_of([("AndroidManifest.xml", b"x"), ("classes.dex", b"x")]), "installer", "apk"),
        (b"!<arch>\ndebian-binary   " + bytes(40), "installer", "deb"),
        (b"\xed\xab\xee\xdb" + bytes(60), "installer", "rpm"),
        (bytes(1000) + b"koly" + bytes(508), "installer", "dmg"),
        (pdf(["x"]), "document", "pdf"),
        (docx(["x"]), "document", "docx"),
        (xlsx(["x"], [[("s", "0")]]), "document", "xlsx"),
        (make_odt(["x"]), "document", "odt"),
        (b"{\\rtf1\\ansi hello}", "document", "rtf"),
        (zip_of([("a.txt", b"x")]), "archive", "zip"),
        (encrypted_zip(), "archive", "zip"),
        (gzip.compress(b"x"), "archive", "gzip"),
        (bz2.compress(b"x"), "archive", "bzip2"),
        (lzma.compress(b"x"), "archive", "xz"),
        (b"7z\xbc\xaf\x27\x1c" + bytes(30), "archive", "7z"),
        (b"Rar!\x1a\x07\x01\x00" + bytes(30), "archive", "rar"),
        (_tar(), "archive", "tar"),
        (b"\x89PNG\r\n\x1a\n" + bytes(30), "image", "png"),
        (b"\xff\xd8\xff\xe0" + bytes(30), "image", "jpeg"),
        (b"GIF89a" + bytes(30), "image", "gif"),
        (b"RIFF\x00\x00\x00\x00WEBPVP8 ", "image", "webp"),
        (b"\x00\x00\x00\x18ftypheic" + bytes(20), "image", "heic"),
        (b"ID3\x03\x00" + bytes(30), "audio", "mp3"),
        (b"RIFF\x00\x00\x00\x00WAVEfmt ", "audio", "wav"),
        (b"OggS\x00\x02" + bytes(30), "audio", "ogg"),
        (b"\x00\x00\x00\x18ftypisom" + bytes(20), "video", "mp4"),
        (b"RIFF\x00\x00\x00\x00AVI LIST", "video", "avi"),
        (b"<!DOCTYPE html><html><body>Hi</body></html>", "text", "html"),
        ("\ufeffplain text".encode("utf-16"), "text", "text"),
        ("Caf\u00e9 menu\n".encode(), "text", "text"),
        (bytes(range(256)) * 4, "unknown", "unknown"),
    ],
)
def test_detect_from_content(data: bytes, kind: str, name: str) -> None:
    ft = detect(data)
    assert (ft.kind, ft.name) == (kind, name)


def test_msi_needs_its_clsid_not_its_name() -> None:
    other = ole2(bytes.fromhex("00000000000000000000000000000000"))
    assert detect(other).kind == "document"
    assert detect(ole2(MSI)).media_type == "application/x-msi"


def test_name_and_content_disagreeing() -> None:
    exe = detect(pe_stub())
    assert name_mismatch("invoice.pdf", exe)
    assert not name_mismatch("setup.exe", exe)
    assert not name_mismatch("report.pdf", detect(pdf(["x"])))
    assert not name_mismatch("README", exe)  # no extension: nothing was promised


def test_risky_names() -> None:
    assert risky_name("Invoice.PDF.vbs") and risky_name("run.bat") and risky_name("x.lnk")
    assert not risky_name("minutes.docx") and not risky_name("exe")


def test_truncated_headers_do_not_raise() -> None:
    for data in (b"", b"MZ", b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
                 b"\xca\xfe\xba\xbe", struct.pack("<I", 0)):
        assert detect(data).kind
