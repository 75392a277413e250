"""What the gateway says and adds: direction, verdict headers, SMTP reply texts.

Kept apart from the SMTP plumbing so each piece can be tested on its own and the
wording (which ends up in bounces people read) is in one place.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from typing import Any, Literal

from aupguard.engine import on_council_domains

Direction = Literal["outbound", "inbound", "internal"]
VERDICT_HEADER = b"X-AUP-Verdict"
CLAUSES_HEADER = b"X-AUP-Clauses"
_OURS = (VERDICT_HEADER.lower(), CLAUSES_HEADER.lower())
MAX_REPLY = 400

_FIXES = {
    "executable": "remove {name} and send again; if the file is needed, ask the Clerk "
                  "how to share it",
    "installer": "remove {name}; software is installed only with the Clerk's approval",
    "risky-name": "remove {name} (or rename it if it is a document) and send again",
    "virus": "do not send {name}: it carries a virus; ask the Clerk to check your computer",
    "malware": "do not send {name}: it carries harmful code; ask the Clerk to check your "
               "computer",
}
_DEFAULT_FIX = "remove {name} and send again"
_TEXT_FIX = "remove or rephrase it and send again"


def direction_of(sender: str, recipients: Iterable[str], domains: Iterable[str]) -> Direction:
    """outbound when any recipient is outside the council's domains (the mail leaves);
    else internal when the sender is on them, inbound when not (or a bounce, <>)."""
    doms = tuple(domains)
    if any(not on_council_domains(r, doms) for r in recipients):
        return "outbound"
    return "internal" if on_council_domains(sender, doms) else "inbound"


def _header_end(raw: bytes) -> int:
    """Offset of the blank line ending the header block (len(raw) if none)."""
    if raw.startswith((b"\r\n", b"\n")):
        return 0
    ends = [i for i in (raw.find(b"\r\n\r\n"), raw.find(b"\n\n")) if i >= 0]
    return min(ends) + (2 if raw[min(ends)] == 13 else 1) if ends else len(raw)


def add_verdict_headers(raw: bytes, verdict: str, clauses: Sequence[str]) -> bytes:
    """Prepend `X-AUP-Verdict` (and `X-AUP-Clauses` when clauses are cited), after
    removing any the sender put there: downstream rules may trust these headers."""
    end = _header_end(raw)
    head, body = raw[:end], raw[end:]
    eol = b"\r\n" if b"\r\n" in raw[: max(end, 1) + 2] or not raw else b"\n"
    kept: list[bytes] = []
    skipping = False
    for line in head.splitlines(keepends=True):
        if line[:1] in (b" ", b"\t"):  # a continuation of the header before
            if not skipping:
                kept.append(line)
            continue
        name = line.split(b":", 1)[0].strip().lower()
        skipping = name in _OURS
        if not skipping:
            kept.append(line)
    added = [VERDICT_HEADER + b": " + verdict.encode("ascii") + eol]
    if clauses:
        added.append(_fold(CLAUSES_HEADER + b": " + ", ".join(clauses).encode("ascii",
                                                                                "replace"), eol))
    return b"".join(added) + b"".join(kept) + body


def _fold(line: bytes, eol: bytes, width: int = 76) -> bytes:
    out: list[bytes] = []
    current = b""
    for word in line.split(b" "):
        if current and len(current) + 1 + len(word) > width:
            out.append(current)
            current = b" " + word
        else:
            current = word if not current else current + b" " + word
    out.append(current)
    return eol.join(out) + eol


def ascii_line(text: str, limit: int = MAX_REPLY) -> str:
    """One line of printable ASCII, at most `limit` characters (for SMTP replies)."""
    flat = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    flat = re.sub(r"[^\x20-\x7e]+", " ", flat)
    flat = " ".join(flat.split())
    return flat if len(flat) <= limit else flat[: limit - 3].rstrip() + "..."


def _summary(pack: Any, clause: str | None) -> str:
    for c in getattr(pack, "clauses", ()):
        if c.id == clause:
            return " ".join(str(c.summary).split()).rstrip(".")
    return ""


def refusal_reply(verdict: Any, pack: Any) -> str:
    """'550 5.7.1 ...' naming what was found, the clause it breaks and how to fix it,
    for the first thing that refuses the message."""
    what, clause, fix = "", None, _TEXT_FIX
    for a in getattr(verdict, "attachments", ()):
        if a.action == "refuse":
            what, clause = a.detail, a.clause
            fix = _FIXES.get(a.reason, _DEFAULT_FIX).format(name=a.filename)
            break
    else:
        for f in getattr(verdict, "findings", ()):
            if f.action == "block":
                kind = f.category + (f" ({f.subtype})" if f.subtype else "")
                where = "the subject" if f.part == "subject" else f"part {f.part}"
                what, clause = f"{where} has {kind.replace('_', ' ')}", f.clause
                break
    if not what:
        what = str(getattr(verdict, "reason", "")) or "the message breaks the council's policy"
        clause = next(iter(getattr(verdict, "clauses", ())), None)
    summary = _summary(pack, clause)
    cited = f"This breaks {clause}" + (f" ({summary})" if summary else "") if clause else ""
    text = f"Not delivered: {what}. {cited}. To send it: {fix}."
    return "550 5.7.1 " + ascii_line(text.replace(". .", "."), MAX_REPLY - 10)


def held_reply(qid: str, reason: str) -> str:
    return "250 2.0.0 " + ascii_line(f"Ok: held for review as {qid}: {reason}",
                                     MAX_REPLY - 10)


def relay_reply(code: int, text: str, ok_text: str) -> str:
    """Our answer to Postfix for the reinjection's reply: 250 with `ok_text`; a 4xx or
    a failure stays temporary (Postfix keeps the message); a 5xx is passed back."""
    if 200 <= code < 300:
        return "250 2.0.0 " + ascii_line(f"{ok_text} ({text})", MAX_REPLY - 10)
    if 500 <= code < 600:
        return f"{code} " + ascii_line(f"{text} (after the policy check)", MAX_REPLY - 4)
    return "451 " + ascii_line(text if text[:2] == "4." else f"4.3.0 {text}", MAX_REPLY - 4)
