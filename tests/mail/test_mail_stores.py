"""Reading stored mail: .eml files, mbox (mboxrd escaping, strict separators, CRLF,
gzip), Maildir, folders of message files and stdin, one message at a time."""

from __future__ import annotations

import gzip
import inspect
import io
from pathlib import Path

import pytest

from aupguard.mail.limits import Limits
from aupguard.mail.stores import (
    Skipped,
    StoredMessage,
    check_paths,
    iter_messages,
    read_mbox,
    sniff,
)

SEP = "From alice@example.org Thu Aug 22 12:36:23 2002\n"


def message(n: int, body: str = "Hello.\n") -> str:
    return (f"From: sender{n}@example.org\nTo: clerk@example.org\nSubject: message {n}\n"
            f"Message-ID: <m{n}@example.org>\n\n{body}")


def mbox_text(bodies: list[str]) -> str:
    return "".join(SEP + message(i + 1, body) + "\n" for i, body in enumerate(bodies))


MBOX = mbox_text([
    "First.\n>From the desk of the clerk\n>>From a quoted quote\n",
    "Second.\nFrom here on, a line an unescaping-free writer left alone\n",
    "Third.\n",
])


def messages(items: list[Skipped | StoredMessage]) -> list[StoredMessage]:
    return [i for i in items if isinstance(i, StoredMessage)]


def test_mbox_splits_on_real_separators_and_unescapes_from_lines(tmp_path: Path) -> None:
    path = tmp_path / "archive.mbox"
    path.write_text(MBOX)
    got = messages(list(iter_messages([str(path)])))
    assert [m.source for m in got] == [f"{path}:1", f"{path}:2", f"{path}:3"]
    first = got[0].data.decode()
    assert "\nFrom the desk of the clerk\n" in first  # >From unescaped (mboxrd)
    assert "\n>From a quoted quote\n" in first  # one > removed, not all
    assert first.endswith("quoted quote\n")  # the separating blank line is not the message's
    assert b"From here on, a line" in got[1].data  # no date: not a separator
    assert got[2].data.decode() == message(3, "Third.\n")
    assert all(m.envelope_from == "alice@example.org" for m in got)
    assert [m.size for m in got] == [len(m.data) for m in got]


def test_mbox_with_crlf_lines(tmp_path: Path) -> None:
    path = tmp_path / "crlf.mbox"
    path.write_bytes(MBOX.replace("\n", "\r\n").encode())
    got = messages(list(iter_messages([str(path)])))
    assert len(got) == 3
    assert b"\r\nFrom the desk of the clerk\r\n" in got[0].data
    assert got[2].data == message(3, "Third.\n").replace("\n", "\r\n").encode()


def test_gzip_mbox_is_read_through_the_decompressor(tmp_path: Path) -> None:
    path = tmp_path / "archive.mbox.gz"
    path.write_bytes(gzip.compress(MBOX.encode()))
    got = messages(list(iter_messages([str(path)])))
    assert [m.data.split(b"\n", 3)[2] for m in got] == [
        b"Subject: message 1", b"Subject: message 2", b"Subject: message 3"]


def test_truncated_gzip_reports_the_source_after_what_was_read(tmp_path: Path) -> None:
    big = mbox_text([f"Message body {i}.\n" + "x" * 5000 + "\n" for i in range(20)])
    data = gzip.compress(big.encode())
    path = tmp_path / "cut.mbox.gz"
    path.write_bytes(data[: len(data) // 2])
    items = list(iter_messages([str(path)]))
    assert isinstance(items[-1], Skipped) and items[-1].unreadable
    assert items[-1].source == str(path) and "after" in items[-1].reason
    assert 0 < len(messages(items)) < 20


class CountingReader:
    """A stream that records how far it has been read."""

    def __init__(self, data: bytes) -> None:
        self._f = io.BytesIO(data)

    @property
    def position(self) -> int:
        return self._f.tell()

    def read(self, n: int = -1) -> bytes:
        return self._f.read(n)

    def readline(self, limit: int = -1) -> bytes:
        return self._f.readline(limit)


def test_mbox_is_read_one_message_at_a_time() -> None:
    assert inspect.isgeneratorfunction(iter_messages)
    assert inspect.isgeneratorfunction(read_mbox)
    bodies = [f"Body {i}.\n" + "padding line\n" * 2000 for i in range(3)]
    data = mbox_text(bodies).encode()
    third = data.index(b"Subject: message 3")
    second = data.index(b"Subject: message 2")
    reader = CountingReader(data)
    it = iter_messages(["-"], stdin=reader)
    first = next(it)
    assert isinstance(first, StoredMessage) and first.source == "-:1"
    assert reader.position < second  # only message 1 (and the next separator) was read
    assert next(it).source == "-:2"
    assert reader.position < third
    assert next(it).source == "-:3"


def test_a_message_over_the_size_limit_is_cut_with_its_real_size(tmp_path: Path) -> None:
    body = "a line of text\n" * 100
    path = tmp_path / "big.mbox"
    path.write_text(mbox_text([body, "small\n"]))
    got = messages(list(iter_messages([str(path)], limits=Limits(max_message_bytes=200))))
    assert len(got[0].data) == 201 and got[0].size == len(message(1, body))
    assert got[1].data == message(2, "small\n").encode()
    eml = tmp_path / "big.eml"
    eml.write_text(message(1, body))
    (one,) = iter_messages([str(eml)], limits=Limits(max_message_bytes=200))
    assert isinstance(one, StoredMessage)
    assert len(one.data) == 201 and one.size == len(message(1, body))


def test_eml_is_one_message_even_with_a_from_line(tmp_path: Path) -> None:
    # The SpamAssassin corpus files start with an mbox From line and their bodies are
    # not escaped: a .eml is never split.
    path = tmp_path / "00001.abc.eml"
    path.write_text(SEP + message(1, "Body.\n\n" + SEP + ">From kept as written\n"))
    (one,) = iter_messages([str(path)])
    assert isinstance(one, StoredMessage)
    assert one.source == str(path) and one.envelope_from == "alice@example.org"
    assert one.data.startswith(b"From: sender1@example.org")
    assert b"\n>From kept as written\n" in one.data and SEP.encode() in one.data


def test_sniff() -> None:
    assert sniff(SEP.encode() + b"From: a@b\n") == "mbox"
    assert sniff(message(1).encode()) == "message"
    assert sniff(b"Return-Path: <a@b>\r\nReceived: from x\r\n\r\nbody") == "message"
    assert sniff(b"mv 00001.7c53336b37003a9286aba55d2945844c ../ham\n") == "not-mail"
    assert sniff(b"The use of the database is licensed under ...\n") == "not-mail"
    assert sniff(b"Name: Alice\nAge: 3\n\n") == "not-mail"  # header-like, not mail headers
    assert sniff(b"From here on we go\n") == "not-mail"  # no date: not a separator


def test_folder_of_files_skips_what_is_not_mail(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "00002.bbb").write_text(SEP + message(2))
    (corpus / "00001.aaa").write_text(message(1))
    (corpus / "cmds").write_text("mv 00001.aaa ham\nmv 00002.bbb ham\n")
    (corpus / ".hidden").write_text(message(9))
    sub = corpus / "more"
    sub.mkdir()
    (sub / "00003.ccc").write_text(message(3))
    items = list(iter_messages([str(corpus)]))
    assert [i.source for i in messages(items)] == [
        str(corpus / "00001.aaa"), f"{corpus / '00002.bbb'}:1"]
    skipped = [i for i in items if isinstance(i, Skipped)]
    assert {(s.source, s.unreadable) for s in skipped} == {
        (str(corpus / "cmds"), False), (str(sub), False)}
    deep = messages(list(iter_messages([str(corpus)], recursive=True)))
    assert [m.source for m in deep][-1] == str(sub / "00003.ccc")


def test_maildir_new_then_cur_and_subfolders_when_recursive(tmp_path: Path) -> None:
    box = tmp_path / "Maildir"
    for sub in ("cur", "new", "tmp", ".Sent/cur", ".Sent/new", ".Sent/tmp"):
        (box / sub).mkdir(parents=True)
    (box / "cur" / "1000.1.host:2,S").write_text(message(1))
    (box / "new" / "1001.2.host").write_text(message(2))
    (box / "tmp" / "1002.3.host").write_text(message(3))  # still being delivered
    (box / ".Sent" / "cur" / "1003.4.host:2,S").write_text(message(4))
    (box / "dovecot-uidlist").write_text("3 V1 N4\n")
    got = messages(list(iter_messages([str(box)])))
    assert [m.source for m in got] == [
        str(box / "new" / "1001.2.host"), str(box / "cur" / "1000.1.host:2,S")]
    deep = messages(list(iter_messages([str(box)], recursive=True)))
    assert [m.data for m in deep][-1] == message(4).encode()
    assert len(deep) == 3


def test_stdin_one_message_or_an_mbox() -> None:
    (one,) = iter_messages(["-"], stdin=io.BytesIO(message(1).encode()))
    assert isinstance(one, StoredMessage) and one.source == "-"
    assert one.data == message(1).encode()
    got = messages(list(iter_messages(["-"], stdin=io.BytesIO(MBOX.encode()))))
    assert [m.source for m in got] == ["-:1", "-:2", "-:3"]


def test_missing_path_is_named(tmp_path: Path) -> None:
    check_paths([str(tmp_path), "-"])
    with pytest.raises(FileNotFoundError) as err:
        check_paths([str(tmp_path), str(tmp_path / "nope.mbox")])
    assert err.value.args[0] == str(tmp_path / "nope.mbox")


def test_dangling_link_in_a_folder_is_skipped_not_fatal(tmp_path: Path) -> None:
    (tmp_path / "a.eml").write_text(message(1))
    (tmp_path / "b.eml").symlink_to(tmp_path / "gone.eml")
    items = list(iter_messages([str(tmp_path)]))
    assert len(messages(items)) == 1
    assert any(isinstance(i, Skipped) and i.source.endswith("b.eml") for i in items)
