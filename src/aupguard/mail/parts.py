"""The pieces a parsed message is made of: problems, text parts and attachments.

Kept apart from the parser so the archive walker, the extractors and `check_mail` can
share them without importing each other.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from aupguard.mail.filetype import FileType

# Problem codes: any of these means the message could not be checked completely.
TOO_LARGE = "too-large"
TOO_MANY_PARTS = "too-many-parts"
TOO_DEEP = "too-deep"
STRUCTURE = "structure"  # ambiguous or broken MIME structure
ENCODING = "encoding"  # a transfer encoding (base64, quoted-printable) that does not decode
CHARSET = "charset"  # an unknown charset, or text not valid in the charset declared
HEADER = "header"  # header injection, NUL bytes, or a header that cannot be parsed
UNPARSEABLE = "unparseable"  # the message or a part could not be parsed at all
ARCHIVE_LIMIT = "archive-limit"  # members, expanded size or compression ratio over a limit
UNSUPPORTED = "unsupported"  # a container whose contents cannot be opened (7z, rar, ...)
UNREADABLE = "unreadable"  # an attachment of a readable type that failed to read
TEXT_LIMIT = "text-limit"  # more text than the checker is allowed to read
CHECK_FAILED = "check-failed"  # the checker raised on a part (a bug: held, not retried)


@dataclass(frozen=True, slots=True)
class Problem:
    """Why (part of) a message could not be checked. `part` is the MIME part id, with
    ":path" for a file inside an archive; None for the whole message."""

    code: str
    detail: str
    part: str | None = None

    def to_json(self) -> dict[str, object]:
        return {"code": self.code, "detail": self.detail, "part": self.part}


@dataclass(frozen=True, slots=True)
class TextPart:
    """Text a reader sees in the message body. `part` is the MIME path ("1.2"), or
    "subject" (with a "2:" prefix for a forwarded message's subject)."""

    part: str
    text: str
    media_type: str = "text/plain"
    filename: str | None = None


@dataclass(slots=True)
class AttachmentEntry:
    """One attachment, or one file inside an archive attachment.

    `part` is the MIME part id of the attachment it came from; `path` is the file's
    path from that attachment ("report.zip/inner/a.docx"); `id` is what findings and
    problems cite: the part id for the attachment itself, "part:path" for a member.
    `text` is None when nothing could or needed to be read from it."""

    id: str
    part: str
    path: str
    filename: str
    declared_type: str
    detected: FileType
    size: int
    mismatch: bool = False
    risky_name: bool = False
    encrypted: bool = False
    macros: bool = False
    text: str | None = None
    text_method: str = "none"
    members: list[AttachmentEntry] = field(default_factory=list)

    def walk(self) -> list[AttachmentEntry]:
        """This entry and every member below it, depth first."""
        out = [self]
        for member in self.members:
            out.extend(member.walk())
        return out

    def to_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "filename": self.filename,
            "declared_type": self.declared_type,
            "kind": self.detected.kind,
            "type": self.detected.name,
            "media_type": self.detected.media_type,
            "size": self.size,
            "mismatch": self.mismatch,
            "encrypted": self.encrypted,
            "macros": self.macros,
            "members": [m.to_json() for m in self.members],
        }
