"""Opening archives without being fooled or flooded by them.

Sizes declared inside an archive are the sender's claim, so nothing here trusts them:
every member is read through a bounded stream that counts the bytes actually produced
against the per-member cap, the message's total expansion budget and a compression-ratio
cap (a zip bomb stops after at most one cap's worth of output). Encrypted members are
reported, never guessed at. Going over any limit raises `LimitExceeded`, which callers
turn into a problem, so the message is held rather than delivered half-read.
"""

from __future__ import annotations

import bz2
import io
import lzma
import tarfile
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO

from aupguard.mail.filetype import FileType, extension, zip_directory
from aupguard.mail.limits import Budget, Limits

_CHUNK = 64 * 1024
# Per-entry bytes allowed in a zip's central directory before it is judged too big to
# open (a name, extra field and comment of a few hundred bytes is already generous).
_DIRECTORY_BYTES_PER_ENTRY = 1024
READ_ERRORS = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    tarfile.TarError,
    zlib.error,
    lzma.LZMAError,
    NotImplementedError,
    EOFError,
    OSError,
    ValueError,
    RuntimeError,
)
# Formats opened here (the others are reported as unsupported containers).
OPENABLE = frozenset({"zip", "tar", "gzip", "bzip2", "xz"})


class LimitExceeded(Exception):
    """Reading went past a limit; the message says which."""


@dataclass(slots=True)
class Member:
    """A file found in an archive. `data` is None when it was not read."""

    name: str
    data: bytes | None
    encrypted: bool = False


def bounded_chunks(
    f: IO[bytes], *, stored: int, limits: Limits, budget: Budget, cap: int | None = None
) -> Iterator[bytes]:
    """Yield what `f` produces, raising LimitExceeded once the output passes `cap`
    (default: the per-member limit), the message's expansion budget, or `max_ratio`
    times `stored` (the compressed size, as really found in the file)."""
    cap = limits.max_member_bytes if cap is None else cap
    ratio_cap = max(limits.max_ratio_floor, limits.max_ratio * max(stored, 1))
    total = 0
    while True:
        chunk = f.read(_CHUNK)
        if not chunk:
            return
        total += len(chunk)
        if total > cap:
            raise LimitExceeded(f"a file expands to more than {cap:,} bytes")
        if total > ratio_cap:
            raise LimitExceeded(
                f"a file expands more than {limits.max_ratio} times (a zip bomb?)"
            )
        if not budget.take_bytes(len(chunk)):
            raise LimitExceeded(
                f"archives expand to more than {limits.max_expanded_bytes:,} bytes in all"
            )
        yield chunk


def read_bounded(
    f: IO[bytes], *, stored: int, limits: Limits, budget: Budget, cap: int | None = None
) -> bytes:
    return b"".join(bounded_chunks(f, stored=stored, limits=limits, budget=budget, cap=cap))


def open_zip(data: bytes, limits: Limits) -> zipfile.ZipFile:
    """Open a zip after checking from its end record that the directory is not huge
    (zipfile builds one object per entry before we could stop it)."""
    directory = zip_directory(data)
    if directory is None:
        raise zipfile.BadZipFile("no end-of-central-directory record")
    count, size = directory
    if count >= 0xFFFF or count > limits.max_members:
        raise LimitExceeded(f"the archive lists more than {limits.max_members:,} files")
    if size > max(count, 1) * _DIRECTORY_BYTES_PER_ENTRY:
        raise LimitExceeded("the archive's directory is larger than its entries need")
    return zipfile.ZipFile(io.BytesIO(data))


def zip_member_chunks(
    zf: zipfile.ZipFile,
    info: zipfile.ZipInfo,
    archive_size: int,
    limits: Limits,
    budget: Budget,
    cap: int,
) -> Iterator[bytes]:
    """Bounded chunks of one zip member (LimitExceeded past the limits). The declared
    compressed size only sets the ratio test, and cannot exceed the archive's size."""
    stored = min(info.compress_size, archive_size)
    with zf.open(info) as f:
        yield from bounded_chunks(f, stored=stored, limits=limits, budget=budget, cap=cap)


def members(data: bytes, ft: FileType, filename: str, limits: Limits,
            budget: Budget) -> Iterator[Member]:
    """The files inside an archive of an OPENABLE format, read within the limits.
    Raises LimitExceeded or one of READ_ERRORS; members already yielded stay valid."""
    if ft.name == "zip":
        yield from _zip_members(data, limits, budget)
    elif ft.name == "tar":
        yield from _tar_members(data, limits, budget)
    else:
        yield Member(_inner_name(filename, ft.name), _decompress(data, ft.name, limits, budget))


def _zip_members(data: bytes, limits: Limits, budget: Budget) -> Iterator[Member]:
    with open_zip(data, limits) as zf:
        for info in zf.infolist():
            if info.is_dir():
                continue
            if not budget.take_member():
                raise LimitExceeded(f"more than {limits.max_members:,} files in archives")
            if info.flag_bits & 0x1:
                yield Member(info.filename, None, encrypted=True)
                continue
            chunks = zip_member_chunks(
                zf, info, len(data), limits, budget, limits.max_member_bytes
            )
            yield Member(info.filename, b"".join(chunks))


def _tar_members(data: bytes, limits: Limits, budget: Budget) -> Iterator[Member]:
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:") as tf:
        while True:
            info = tf.next()
            if info is None:
                return
            if not info.isreg():
                continue
            if not budget.take_member():
                raise LimitExceeded(f"more than {limits.max_members:,} files in archives")
            f = tf.extractfile(info)
            if f is None:
                continue
            # A tar stores files as they are: the ratio test does not apply.
            body = read_bounded(f, stored=limits.max_member_bytes, limits=limits, budget=budget)
            yield Member(info.name, body)


def _inner_name(filename: str, kind: str) -> str:
    """The name a single-file compressor's output goes by ("a.tar.gz" -> "a.tar")."""
    base = filename.replace("\\", "/").rsplit("/", 1)[-1] or "file"
    ext = extension(base)
    if ext in ("tgz", "tbz", "tbz2", "txz"):
        return base[: -len(ext)] + "tar"
    if ext in ("gz", "bz2", "xz", "z"):
        return base[: -len(ext) - 1] or "file"
    return base + f".{kind}-content"


def _one_stream(kind: str, data: bytes, room: int) -> tuple[bytes, bool, bytes, bool]:
    """Decompress the first stream of `data` into at most `room` bytes: (output, whether
    output was cut at `room`, the input after the stream, whether the stream ended)."""
    if kind == "gzip":
        z = zlib.decompressobj(16 + zlib.MAX_WBITS)
        out = z.decompress(data, room)
        return out, bool(z.unconsumed_tail), z.unused_data, z.eof
    d = bz2.BZ2Decompressor() if kind == "bzip2" else lzma.LZMADecompressor()
    out = d.decompress(data, room)
    return out, not d.needs_input and not d.eof, d.unused_data, d.eof


def _decompress(data: bytes, kind: str, limits: Limits, budget: Budget) -> bytes:
    """One gzip, bzip2 or xz stream (concatenated streams included), bounded."""
    cap = limits.max_member_bytes
    ratio_cap = max(limits.max_ratio_floor, limits.max_ratio * max(len(data), 1))
    out = bytearray()
    rest = data
    while rest:
        piece, cut, rest, done = _one_stream(kind, rest, cap + 1 - len(out))
        out += piece
        if len(out) > cap or cut:
            raise LimitExceeded(f"a file expands to more than {cap:,} bytes")
        if len(out) > ratio_cap:
            raise LimitExceeded(f"a file expands more than {limits.max_ratio} times (a bomb?)")
        if not budget.take_bytes(len(piece)):
            raise LimitExceeded(
                f"archives expand to more than {limits.max_expanded_bytes:,} bytes in all"
            )
        if not done:
            raise EOFError(f"the {kind} stream is cut short")
        rest = rest.lstrip(b"\x00")  # padding after the last stream
    return bytes(out)
