"""Stored mail, one message at a time: `.eml` files, mbox files, Maildir folders, folders
of message files and standard input, read as a stream.

An audit may meet a mailbox of many gigabytes, so nothing here holds more than one
message: `iter_messages` is a generator that reads the next message only when asked.
A message larger than `max_bytes` is cut to `max_bytes + 1` bytes (its real size kept),
which `parse_mail` reports as "too large to check".

What a path is:
- a folder with `cur/` or `new/` is a Maildir: the files in `new/` then `cur/`, by name;
  with `recursive`, its Maildir++ sub-folders (`.Sent`, `.Archive.2019`) too;
- any other folder: its files by name, each read as below; sub-folders only with
  `recursive` (otherwise reported as skipped);
- a file ending `.eml` is one message (a leading mbox `From ` line is dropped);
- another file is an mbox when its first line is a `From ` line, one message when it
  starts with header lines naming a mail header, and otherwise not mail (skipped and
  reported, never checked: the SpamAssassin corpus has `cmds` files beside the mail);
- gzip, bzip2 and xz files (found by content) are read through the decompressor;
- `-` is standard input: one message, or an mbox when it starts with a `From ` line.

Reading an mbox: a new message starts at a line that is a real `From ` separator (`From
`, a sender, then a ctime-style date such as `Thu Aug 22 12:36:23 2002`), so a body line
that merely begins with "From " never splits a message, whether the writer escaped it or
not. One `>` is removed from lines matching `>+From ` (mboxrd; an mboxo file's own
`>From ` lines lose one `>`, which changes nothing the policy looks at). The blank line
that ends each message is dropped. CRLF files read the same. Content-Length headers
(mboxcl2) are not used.

Problems with the store itself come out in order as `Skipped` items, so the caller can
count and report them; reading goes on with the next path.
"""

from __future__ import annotations

import bz2
import gzip
import lzma
import os
import re
import stat
import sys
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, Protocol

from aupguard.mail.limits import Limits

STDIN = "-"
_CHUNK = 64 * 1024  # longest piece of a line read at once (bounds memory on binary junk)
_HEAD = 8 * 1024  # bytes read to decide what a file is
_FROM_LINE = re.compile(
    rb"From \S*[ \t]+(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[ \t]+"
    rb"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[ \t]+\d{1,2}[ \t]+"
    rb"\d{1,2}:\d\d(?::\d\d)?(?:[ \t].*)?\r?\n?$",
    re.DOTALL,
)
_ESCAPED_FROM = re.compile(rb">+From ")
_HEADER_LINE = re.compile(rb"[!-9;-~]+[ \t]*:")
_MAIL_HEADERS = frozenset({
    b"from", b"to", b"cc", b"subject", b"date", b"message-id", b"received", b"return-path",
    b"delivered-to", b"mime-version", b"content-type", b"reply-to", b"sender",
    b"x-mailer", b"envelope-to", b"x-original-to", b"dkim-signature", b"authentication-results",
})


class Reader(Protocol):
    """What the readers need of a file: `read` and `readline` with a size limit."""

    def read(self, n: int = -1, /) -> bytes: ...

    def readline(self, limit: int = -1, /) -> bytes: ...


# The decompressors close with the stream they read (the caller's `with` or stdin).
_COMPRESSED: tuple[tuple[bytes, Callable[[Any], Reader]], ...] = (
    (b"\x1f\x8b", lambda f: gzip.GzipFile(fileobj=f, mode="rb")),
    (b"\xfd7zXZ\x00", lambda f: lzma.LZMAFile(f, "rb")),  # noqa: SIM115
    (b"BZh", lambda f: bz2.BZ2File(f, "rb")),
)
_READ_ERRORS = (OSError, EOFError, lzma.LZMAError, zlib.error, ValueError)

Kind = Literal["message", "mbox", "not-mail"]


@dataclass(frozen=True, slots=True)
class StoredMessage:
    """One message read from a store. `source` is the file (`-` for stdin), with
    `:N` (from 1) for the Nth message of an mbox; `size` is the real size, which is
    more than `len(data)` when the message was cut at the size limit."""

    source: str
    data: bytes
    size: int
    envelope_from: str | None = None


@dataclass(frozen=True, slots=True)
class Skipped:
    """Something that was not checked. `unreadable` is a read error (the audit is
    incomplete); otherwise it was not mail, or a folder left out without `recursive`."""

    source: str
    reason: str
    unreadable: bool = False


Item = StoredMessage | Skipped


def check_paths(paths: Iterable[str]) -> None:
    """Raise FileNotFoundError naming the first path that does not exist, before any
    output: a mistyped path should fail the command, not show up in a summary."""
    for p in paths:
        if p != STDIN and not os.path.exists(p):
            raise FileNotFoundError(p)


def iter_messages(paths: Iterable[str], *, recursive: bool = False,
                  limits: Limits | None = None,
                  stdin: Reader | None = None) -> Iterator[Item]:
    """Every message (and every skipped item) under `paths`, in order, lazily."""
    max_bytes = (limits or Limits()).max_message_bytes
    for p in paths:
        if p == STDIN:
            yield from _read_stream(stdin or sys.stdin.buffer, STDIN, max_bytes, single=False)
        elif os.path.isdir(p):
            yield from _read_folder(Path(p), max_bytes, recursive, set())
        else:
            yield from _read_file(Path(p), max_bytes, explicit=True)


def is_maildir(folder: Path) -> bool:
    return (folder / "cur").is_dir() or (folder / "new").is_dir()


def _read_folder(folder: Path, max_bytes: int, recursive: bool,
                 seen: set[tuple[int, int]]) -> Iterator[Item]:
    try:
        st = folder.stat()
        if (st.st_dev, st.st_ino) in seen:
            return  # a symlink loop
        seen.add((st.st_dev, st.st_ino))
        if is_maildir(folder):
            yield from _read_maildir(folder, max_bytes, recursive, seen)
            return
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError as exc:
        yield Skipped(str(folder), _why(exc), unreadable=True)
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = Path(entry.path)
        try:
            is_dir = entry.is_dir()
            is_file = entry.is_file()
        except OSError as exc:
            yield Skipped(str(path), _why(exc), unreadable=True)
            continue
        if is_dir:
            if recursive:
                yield from _read_folder(path, max_bytes, recursive, seen)
            else:
                yield Skipped(str(path), "a folder (use --recursive to read it)")
        elif is_file:
            yield from _read_file(path, max_bytes, explicit=False)
        else:
            yield Skipped(str(path), "not a regular file")


def _read_maildir(folder: Path, max_bytes: int, recursive: bool,
                  seen: set[tuple[int, int]]) -> Iterator[Item]:
    """new/ then cur/ (tmp/ holds mail still being written); every file there is a
    message, whatever it looks like: a broken one is held by the check."""
    for sub in ("new", "cur"):
        box = folder / sub
        if not box.is_dir():
            continue
        try:
            names = sorted(e.name for e in os.scandir(box)
                           if not e.name.startswith(".") and e.is_file())
        except OSError as exc:
            yield Skipped(str(box), _why(exc), unreadable=True)
            continue
        for name in names:
            yield from _read_file(box / name, max_bytes, explicit=True, single=True)
    if recursive:
        try:
            subs = sorted(e.name for e in os.scandir(folder)
                          if e.name.startswith(".") and e.name not in (".", "..")
                          and e.is_dir())
        except OSError as exc:
            yield Skipped(str(folder), _why(exc), unreadable=True)
            return
        for name in subs:
            if is_maildir(folder / name):
                yield from _read_folder(folder / name, max_bytes, recursive, seen)


def _read_file(path: Path, max_bytes: int, *, explicit: bool,
               single: bool | None = None) -> Iterator[Item]:
    """One file: `single` forces one message (Maildir); `.eml` files are one message;
    otherwise the content decides."""
    if single is None and path.name.lower().endswith((".eml", ".eml.gz")):
        single = True
    try:
        if not explicit and not stat.S_ISREG(path.stat().st_mode):
            yield Skipped(str(path), "not a regular file")
            return
        with open(path, "rb") as f:
            yield from _read_stream(f, str(path), max_bytes, single=bool(single))
    except OSError as exc:
        yield Skipped(str(path), _why(exc), unreadable=True)


def _read_stream(raw: Reader, source: str, max_bytes: int, *,
                 single: bool) -> Iterator[Item]:
    """A file or stdin: decompressed if need be, then one message or an mbox."""
    count = 0
    try:
        stream = _Peekable(raw)
        for magic, opener in _COMPRESSED:
            if stream.head(len(magic) + 8).startswith(magic):
                stream = _Peekable(opener(stream))
                break
        kind = "message" if single else sniff(stream.head(_HEAD))
        if kind == "not-mail":
            yield Skipped(source, "not mail (neither an mbox nor a message)")
            return
        if kind == "message":
            yield _one_message(stream, source, max_bytes)
            return
        for msg in read_mbox(stream, source, max_bytes):
            count += 1
            yield msg
    except _READ_ERRORS as exc:
        after = f" after {count} message{'s' if count != 1 else ''}" if count else ""
        yield Skipped(source, f"{_why(exc)}{after}", unreadable=True)


def sniff(head: bytes) -> Kind:
    """What a file is from its first bytes."""
    first = head.split(b"\n", 1)[0] + b"\n"
    if _FROM_LINE.match(first):
        return "mbox"
    lines = head.replace(b"\r\n", b"\n").split(b"\n\n", 1)[0].split(b"\n")
    if not lines or not _HEADER_LINE.match(lines[0]):
        return "not-mail"
    names = {ln.split(b":", 1)[0].strip().lower() for ln in lines if _HEADER_LINE.match(ln)}
    return "message" if names & _MAIL_HEADERS else "not-mail"


def _one_message(stream: _Peekable, source: str, max_bytes: int) -> StoredMessage:
    envelope = None
    first = stream.head(_CHUNK).split(b"\n", 1)[0] + b"\n"
    if _FROM_LINE.match(first):
        stream.readline(_CHUNK)
        envelope = _envelope_sender(first)
    data = stream.read(max_bytes + 1)
    size = len(data)
    while len(data) > max_bytes and (chunk := stream.read(1024 * 1024)):
        size += len(chunk)  # count what is past the limit without keeping it
    return StoredMessage(source, data, size, envelope)


def read_mbox(stream: Reader, source: str, max_bytes: int) -> Iterator[StoredMessage]:
    """The messages of an mbox stream, each read only when the previous one was taken."""
    msg = _Collector(max_bytes)
    index = 0
    envelope: str | None = None
    started = False
    at_line_start = True
    blank = b""  # a blank line held back: it may be the separator before the next From
    while True:
        line = stream.readline(_CHUNK)
        if not line:
            break
        is_start = at_line_start
        at_line_start = line.endswith(b"\n")
        if is_start and line.startswith(b"From ") and _FROM_LINE.match(line):
            if started:
                index += 1
                yield StoredMessage(f"{source}:{index}", msg.data(), msg.size, envelope)
            msg, blank = _Collector(max_bytes), b""
            envelope = _envelope_sender(line)
            started = True
            continue
        if not started:  # text before the first separator: not a message
            continue
        if is_start and line.startswith(b">") and _ESCAPED_FROM.match(line):
            line = line[1:]
        if blank:
            msg.add(blank)
            blank = b""
        if is_start and line in (b"\n", b"\r\n"):
            blank = line
        else:
            msg.add(line)
    if started:
        index += 1
        yield StoredMessage(f"{source}:{index}", msg.data(), msg.size, envelope)


class _Collector:
    """One message's bytes, kept up to `max_bytes + 1` and counted beyond."""

    __slots__ = ("limit", "parts", "kept", "size")

    def __init__(self, max_bytes: int) -> None:
        self.limit = max_bytes + 1
        self.parts: list[bytes] = []
        self.kept = 0
        self.size = 0

    def add(self, line: bytes) -> None:
        self.size += len(line)
        if self.kept < self.limit:
            piece = line[: self.limit - self.kept]
            self.parts.append(piece)
            self.kept += len(piece)

    def data(self) -> bytes:
        return b"".join(self.parts)


def _envelope_sender(line: bytes) -> str | None:
    words = line.split()
    if len(words) < 2:
        return None
    sender = words[1].decode("utf-8", "replace")
    return None if sender in ("-", "MAILER-DAEMON") else sender


def _why(exc: BaseException) -> str:
    if isinstance(exc, OSError) and exc.strerror:
        return f"cannot read: {exc.strerror}"
    return f"cannot read: {type(exc).__name__}: {exc!s:.200}"


class _Peekable:
    """A binary stream whose first bytes can be looked at before reading, for stdin
    and pipes that cannot seek."""

    def __init__(self, raw: Reader) -> None:
        self._raw = raw
        self._buf = b""

    def head(self, n: int) -> bytes:
        while len(self._buf) < n:
            more = self._raw.read(n - len(self._buf))
            if not more:
                break
            self._buf += more
        return self._buf[:n]

    def read(self, n: int = -1) -> bytes:
        if not self._buf:
            return self._raw.read(n)
        if n < 0:
            out, self._buf = self._buf + self._raw.read(), b""
            return out
        out, self._buf = self._buf[:n], self._buf[n:]
        if len(out) < n:
            out += self._raw.read(n - len(out))
        return out

    def readline(self, limit: int = -1) -> bytes:
        if self._buf:
            end = self._buf.find(b"\n")
            cut = end + 1 if end >= 0 else len(self._buf)
            if limit >= 0:
                cut = min(cut, limit)
            out, self._buf = self._buf[:cut], self._buf[cut:]
            if out.endswith(b"\n") or len(out) == limit or self._buf:
                return out
            return out + self._raw.readline(limit - len(out) if limit >= 0 else -1)
        return self._raw.readline(limit)
