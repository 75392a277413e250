"""The headers the policy cares about, decoded, with what is wrong with them.

Only the subject is text the checker reads, so only trouble with the subject (an
unknown charset, a header that cannot be parsed), a duplicated Subject or From, or a
line break or NUL smuggled into a decoded value (header injection) makes the message
"could not be checked". Trouble with the other headers is a note: the gateway takes
sender and recipients from the SMTP envelope.
"""

from __future__ import annotations

import email.utils
import re
from dataclasses import dataclass
from email.message import Message

from aupguard.mail.extract import charset_codec
from aupguard.mail.parts import CHARSET, HEADER, STRUCTURE, Problem

# Headers that must appear once: twice, and readers may differ on what the message says
# (problem) or only on its bookkeeping (note).
_SINGLE = ("subject", "from", "content-type", "content-transfer-encoding")
_SINGLE_NOTE = ("date", "message-id", "mime-version")
_ADDRESS = ("to", "cc", "bcc")
_ENCODED_WORD_CHARSET = re.compile(r"=\?([^?*\s]{1,60})(?:\*[^?]*)?\?[bBqQ]\?")


@dataclass(frozen=True, slots=True)
class MailHeaders:
    """The headers the policy cares about, decoded. Addresses are bare (a@b)."""

    from_: str | None = None
    to: tuple[str, ...] = ()
    cc: tuple[str, ...] = ()
    bcc: tuple[str, ...] = ()
    subject: str | None = None
    message_id: str | None = None
    date: str | None = None

    @property
    def recipients(self) -> tuple[str, ...]:
        return self.to + self.cc + self.bcc


def read_headers(msg: Message, problems: list[Problem], notes: list[Problem]) -> MailHeaders:
    """The headers of interest, with injection and charset problems recorded."""
    counts: dict[str, int] = {}
    raws: dict[str, list[str]] = {}
    for name, value in msg.raw_items():
        counts[name.lower()] = counts.get(name.lower(), 0) + 1
        raws.setdefault(name.lower(), []).append(str(value))
    for key in _SINGLE + _SINGLE_NOTE:
        if counts.get(key, 0) > 1:
            (problems if key in _SINGLE else notes).append(
                Problem(STRUCTURE, f"several {key} headers"))
    values: dict[str, str | None] = {}
    for key in ("from", "subject", "message-id", "date", *_ADDRESS):
        try:
            got = msg.get_all(key)
            values[key] = None if not got else ", ".join(str(v) for v in got)
        except Exception as exc:  # noqa: BLE001 - header parsing raises many types
            # Only the subject is checked text; the other headers are for reporting.
            (problems if key == "subject" else notes).append(
                Problem(HEADER, f"the {key} header cannot be parsed: {exc!s:.100}"))
            values[key] = None
        text = values[key]
        if text is not None and any(c in text for c in "\r\n\x00"):
            problems.append(Problem(HEADER, f"a line break or NUL hidden in the {key} header "
                                    "(header injection)"))
        for raw in raws.get(key, []):
            bad = _header_charset_problem(raw)
            # An unknown declared charset hides subject text; undeclared 8-bit bytes are
            # everyday mislabelling (the body treats them the same way): a note.
            blocking = key == "subject" and bad is not None and "unknown" in bad
            if bad:
                (problems if blocking else notes).append(Problem(CHARSET, f"{key}: {bad}"))
    senders = _addresses(msg, "from", notes)
    return MailHeaders(
        from_=senders[0] if senders else None,
        to=_addresses(msg, "to", notes),
        cc=_addresses(msg, "cc", notes),
        bcc=_addresses(msg, "bcc", notes),
        subject=values["subject"],
        message_id=(values["message-id"] or "").strip() or None,
        date=values["date"],
    )


def _header_charset_problem(raw: str) -> str | None:
    for m in _ENCODED_WORD_CHARSET.finditer(raw):
        if charset_codec(m.group(1)) is None:
            return f"unknown charset {m.group(1)[:40]!r} in an encoded word"
    if any("\udc80" <= c <= "\udcff" for c in raw):
        try:
            raw.encode("utf-8", "surrogateescape").decode("utf-8")
        except UnicodeDecodeError:
            return "8-bit bytes that are not UTF-8"
    return None


def _addresses(msg: Message, key: str, notes: list[Problem]) -> tuple[str, ...]:
    """Bare addresses of an address header; falls back to the lenient stdlib parser."""
    out: list[str] = []
    try:
        for header in msg.get_all(key) or []:
            for addr in getattr(header, "addresses", ()):
                if addr.addr_spec and addr.addr_spec != "<>":
                    out.append(addr.addr_spec)
    except Exception:  # noqa: BLE001 - fall back below
        notes.append(Problem(HEADER, f"the {key} header is not a valid address list"))
        raws = [str(v) for k, v in msg.raw_items() if k.lower() == key]
        try:
            out = [a for _, a in email.utils.getaddresses(raws) if a]
        except Exception:  # noqa: BLE001 - deeply nested comments recurse in both parsers
            out = []
    return tuple(dict.fromkeys(out))
