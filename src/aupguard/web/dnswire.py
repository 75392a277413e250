"""Just enough of the DNS wire format (RFC 1035) for a filtering forwarder.

Why hand-written: the filter only needs the header and the question to decide, and it
forwards everything else byte for byte, so a full DNS library would be a runtime
dependency for a few dozen lines. Everything read from the network is bounds-checked:
a malformed query raises `WireError` carrying the RCODE to answer (or None to drop it),
never an `IndexError`.

Compression pointers are followed only backwards and at most `MAX_POINTERS` times, so
a pointer loop or a forward pointer cannot spin or read past the packet.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass

__all__ = [
    "CLASS_IN",
    "FORMERR",
    "NOERROR",
    "NOTIMP",
    "NXDOMAIN",
    "REFUSED",
    "SERVFAIL",
    "TYPE_A",
    "TYPE_AAAA",
    "TYPE_ANY",
    "Question",
    "WireError",
    "answer_addresses",
    "error_reply",
    "parse_question",
    "question_matches",
]

NOERROR, FORMERR, SERVFAIL, NXDOMAIN, NOTIMP, REFUSED = 0, 1, 2, 3, 4, 5
TYPE_A, TYPE_AAAA, TYPE_ANY = 1, 28, 255
CLASS_IN = 1
HEADER = 12
MAX_NAME = 255  # octets on the wire, length bytes and root included (RFC 1035 3.1)
MAX_POINTERS = 16
# Bytes a host name label may hold; anything else (spaces, dots inside a label, binary)
# cannot name a website, so the filter refuses it rather than guess how upstream reads it.
_HOST_BYTES = frozenset(b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_")

_QR, _OPCODE, _RD, _RA = 0x8000, 0x7800, 0x0100, 0x0080
_ANSWER = struct.Struct("!HHHIH")  # pointer, type, class, ttl, rdlength


class WireError(Exception):
    """A query that cannot be answered normally: `rcode` to reply with, None to drop."""

    def __init__(self, rcode: int | None, reason: str) -> None:
        super().__init__(reason)
        self.rcode = rcode
        self.reason = reason


@dataclass(frozen=True, slots=True)
class Question:
    """The parts of a query the filter uses. `name` is lower case, dotted, no trailing
    dot ("" for the root); `valid_host` is False when a label holds bytes no host name
    has. `end` is the offset just past the question (the header and question are
    echoed from `data[:end]`)."""

    id: int
    flags: int
    name: str
    valid_host: bool
    qtype: int
    qclass: int
    end: int


def _read_name(data: bytes, start: int) -> tuple[list[bytes], int]:
    """Labels of the name at `start` and the offset just past it in the question."""
    labels: list[bytes] = []
    pos, end, jumps, total, size = start, -1, 0, 1, len(data)
    while True:
        if pos >= size:
            raise WireError(FORMERR, "name runs past the end of the packet")
        length = data[pos]
        if length == 0:
            return labels, (pos + 1 if end < 0 else end)
        kind = length & 0xC0
        if kind == 0xC0:
            if pos + 1 >= size:
                raise WireError(FORMERR, "compression pointer cut short")
            target = ((length & 0x3F) << 8) | data[pos + 1]
            if end < 0:
                end = pos + 2
            jumps += 1
            # Only backwards, into the message after the header, and not too often:
            # this rules out loops and reads past the end.
            if target >= pos or target < HEADER or jumps > MAX_POINTERS:
                raise WireError(FORMERR, "bad compression pointer")
            pos = target
            continue
        if kind:
            raise WireError(FORMERR, "unknown label type")
        total += length + 1
        if total > MAX_NAME:
            raise WireError(FORMERR, f"name longer than {MAX_NAME} octets")
        if pos + 1 + length > size:
            raise WireError(FORMERR, "label runs past the end of the packet")
        labels.append(data[pos + 1 : pos + 1 + length])
        pos += 1 + length


def parse_question(data: bytes) -> Question:
    """Header and first question of a query; `WireError` when it cannot be answered."""
    if len(data) < HEADER:
        raise WireError(None, "shorter than a DNS header")
    qid, flags, qdcount = struct.unpack_from("!HHH", data)
    if flags & _QR:
        raise WireError(None, "a response, not a query")
    if flags & _OPCODE:
        raise WireError(NOTIMP, "only standard queries are served")
    if qdcount != 1:
        raise WireError(FORMERR, f"{qdcount} questions (one expected)")
    labels, pos = _read_name(data, HEADER)
    if pos + 4 > len(data):
        raise WireError(FORMERR, "question cut short")
    qtype, qclass = struct.unpack_from("!HH", data, pos)
    valid = all(label and _HOST_BYTES.issuperset(label) for label in labels)
    name = b".".join(labels).decode("latin-1").lower()
    return Question(qid, flags, name, valid, qtype, qclass, pos + 4)


def _flags(query_flags: int, rcode: int) -> int:
    return _QR | (query_flags & _RD) | _RA | rcode


def error_reply(data: bytes, rcode: int, question: Question | None = None) -> bytes:
    """A reply with `rcode` and no records: echoes the question when it was read."""
    qid = int.from_bytes(data[:2], "big")
    flags = int.from_bytes(data[2:4], "big") if len(data) >= 4 else 0
    if question is None:
        return struct.pack("!HHHHHH", qid, _flags(flags, rcode), 0, 0, 0, 0)
    head = struct.pack("!HHHHHH", qid, _flags(flags, rcode), 1, 0, 0, 0)
    return head + data[HEADER : question.end]


def answer_addresses(
    data: bytes, question: Question, addresses: list[tuple[int, bytes]], ttl: int
) -> bytes:
    """NOERROR reply to `data` with one record per (type, address bytes); no records
    is NODATA. Each answer names the question by a pointer to offset 12."""
    head = struct.pack(
        "!HHHHHH", question.id, _flags(question.flags, NOERROR), 1, len(addresses), 0, 0
    )
    out = [head, data[HEADER : question.end]]
    for rtype, rdata in addresses:
        out.append(_ANSWER.pack(0xC000 | HEADER, rtype, CLASS_IN, ttl, len(rdata)))
        out.append(rdata)
    return b"".join(out)


def question_matches(query: bytes, reply: bytes, end: int) -> bool:
    """Whether `reply` answers the question of `query` (which ends at `end`): replies
    that do not are dropped, so a stray or spoofed packet never reaches a client."""
    return len(reply) >= end and reply[4:6] == query[4:6] and (
        reply[HEADER:end].lower() == query[HEADER:end].lower()
    )

