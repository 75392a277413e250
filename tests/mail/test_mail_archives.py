"""Archives are walked within limits: depth, members, expansion and ratio; encrypted
members are marked; nothing raises."""

from __future__ import annotations

import gzip
import io
import tarfile

import pytest
from _mailfiles import docx, encrypted_zip, nested_zips, pe_stub, zip_bomb, zip_of

from aupguard.mail.attachments import Inspector
from aupguard.mail.limits import Budget, Limits
from aupguard.mail.parts import (
    ARCHIVE_LIMIT,
    TOO_DEEP,
    UNREADABLE,
    UNSUPPORTED,
    AttachmentEntry,
    Problem,
)


@pytest.fixture(scope="module")
def bomb() -> bytes:
    return zip_bomb(100)


def _inspect(data: bytes, filename: str, limits: Limits | None = None
             ) -> tuple[AttachmentEntry, list[Problem]]:
    limits = limits or Limits()
    problems: list[Problem] = []
    entry = Inspector(limits, Budget(limits), problems).inspect(
        data, filename=filename, declared_type="application/zip", part="2")
    return entry, problems


def test_nested_members_have_paths_and_text() -> None:
    inner = zip_of([("a.docx", docx(["Tender price 40,000"]))])
    outer = zip_of([("inner/deeper.zip", inner), ("readme.txt", b"Read me")])
    entry, problems = _inspect(outer, "report.zip")
    assert problems == []
    found = {e.id: e for e in entry.walk()}
    assert found["2"].path == "report.zip"
    docx_entry = found["2:report.zip/inner/deeper.zip/a.docx"]
    assert docx_entry.detected.name == "docx"
    assert docx_entry.text == "Tender price 40,000\n"
    assert found["2:report.zip/readme.txt"].text == "Read me"


def test_twenty_nested_zips_stop_at_the_depth_limit() -> None:
    entry, problems = _inspect(nested_zips(20), "matryoshka.zip")
    assert [p.code for p in problems] == [TOO_DEEP]
    depth = 0
    while entry.members:
        entry, depth = entry.members[0], depth + 1
    assert depth == Limits().max_archive_depth


def test_zip_bomb_stops_at_the_ratio(bomb: bytes) -> None:
    entry, problems = _inspect(bomb, "zeros.zip")
    assert [p.code for p in problems] == [ARCHIVE_LIMIT]
    assert "times" in problems[0].detail
    assert entry.members == []


def test_zip_bomb_stops_at_the_member_cap_without_a_ratio(bomb: bytes) -> None:
    limits = Limits(max_ratio=10**9, max_member_bytes=8 * 1024 * 1024)
    _, problems = _inspect(bomb, "zeros.zip", limits)
    assert [p.code for p in problems] == [ARCHIVE_LIMIT]
    assert "more than 8,388,608 bytes" in problems[0].detail


def test_total_expansion_budget() -> None:
    member = bytes(300_000)
    data = zip_of([(f"f{i}.bin", member) for i in range(10)])
    limits = Limits(max_expanded_bytes=1_000_000, max_ratio=10**9)
    _, problems = _inspect(data, "many.zip", limits)
    assert [p.code for p in problems] == [ARCHIVE_LIMIT]
    assert "in all" in problems[0].detail


def test_member_count_limit() -> None:
    data = zip_of([(f"f{i}.txt", b"x") for i in range(30)])
    _, problems = _inspect(data, "many.zip", Limits(max_members=10))
    assert [p.code for p in problems] == [ARCHIVE_LIMIT]


def test_encrypted_member_is_marked_not_read() -> None:
    entry, problems = _inspect(encrypted_zip("payroll.xlsx"), "locked.zip")
    assert problems == []
    assert entry.encrypted
    assert entry.members[0].encrypted and entry.members[0].text is None


def test_lying_sizes_fail_the_crc_and_are_reported() -> None:
    data = bytearray(zip_of([("a.txt", b"hello world, hello world")]))
    cd = data.rfind(b"PK\x01\x02")
    data[cd + 24 : cd + 28] = (5).to_bytes(4, "little")  # declared size: 5 bytes
    _, problems = _inspect(bytes(data), "liar.zip")
    assert [p.code for p in problems] == [UNREADABLE]


def test_tar_gz_is_walked() -> None:
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w") as tf:
        body = b"minutes text"
        info = tarfile.TarInfo("docs/minutes.txt")
        info.size = len(body)
        tf.addfile(info, io.BytesIO(body))
        prog = pe_stub()
        info = tarfile.TarInfo("bin/tool")
        info.size = len(prog)
        tf.addfile(info, io.BytesIO(prog))
    entry, problems = _inspect(gzip.compress(buf.getvalue()), "bundle.tar.gz")
    assert problems == []
    found = {e.path: e for e in entry.walk()}
    assert found["bundle.tar.gz/bundle.tar/docs/minutes.txt"].text == "minutes text"
    assert found["bundle.tar.gz/bundle.tar/bin/tool"].detected.kind == "executable"


def test_gzip_bomb() -> None:
    data = gzip.compress(bytes(50 * 1024 * 1024), compresslevel=1)
    _, problems = _inspect(data, "zeros.gz")
    assert [p.code for p in problems] == [ARCHIVE_LIMIT]


def test_unsupported_and_corrupt_containers() -> None:
    _, problems = _inspect(b"7z\xbc\xaf\x27\x1c" + bytes(40), "a.7z")
    assert [p.code for p in problems] == [UNSUPPORTED]
    _, problems = _inspect(b"PK\x03\x04" + bytes(40), "broken.zip")
    assert [p.code for p in problems] == [UNREADABLE]
