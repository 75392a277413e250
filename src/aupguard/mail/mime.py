"""Raw message bytes -> `ParsedMail`: headers, the text of every part, the attachments,
and the problems that mean the message could not be checked.

The stdlib `email` parser is lenient: it guesses its way through broken mail, and a
guess is exactly what a sender can exploit (the checker reads one part, the
recipient's client shows another). So every place where the parser had to guess, and
every place where a sender could make two readers disagree, is reported as a problem:
several boundary or charset parameters, a boundary that never appears or never closes,
transfer encodings that do not decode, unknown charsets, CR/LF or NUL hidden in headers,
parts that cannot be parsed, and nesting or part counts past the limits.

Part ids follow IMAP: the parts of a multipart message are "1", "2", ..., a part
nested in part 2 is "2.1", and a single-part message's body is "1".
"""

from __future__ import annotations

import email
import email.policy
import re
from dataclasses import dataclass, field
from email.errors import MessageDefect
from email.message import Message
from email.parser import BytesHeaderParser
from typing import BinaryIO

from aupguard.mail.attachments import Inspector
from aupguard.mail.extract import decode_bytes
from aupguard.mail.headers import MailHeaders, read_headers
from aupguard.mail.limits import Budget, Limits
from aupguard.mail.parts import (
    CHARSET,
    ENCODING,
    HEADER,
    STRUCTURE,
    TEXT_LIMIT,
    TOO_DEEP,
    TOO_LARGE,
    TOO_MANY_PARTS,
    UNPARSEABLE,
    AttachmentEntry,
    Problem,
    TextPart,
)
from aupguard.text.markup import html_to_text

_POLICY = email.policy.default
_PARAM = re.compile(r"(?:^|;)\s*(boundary|charset)\s*(\*\s*\d*\s*\*?)?\s*=", re.IGNORECASE)
_BOUNDARY_DECL = re.compile(rb"boundary\s*(?:\*\s*\d*\s*\*?)?\s*=", re.IGNORECASE)
_PARSED_HEADER = re.compile(
    rb"^(content-type|content-disposition|from|to|cc|bcc|subject|date|message-id)[ \t]*:"
    rb"([^\r\n]*(?:\r?\n[ \t][^\r\n]*)*)",
    re.IGNORECASE | re.MULTILINE,
)
_BAD_QP = re.compile(r"=(?![0-9A-Fa-f]{2})(?![ \t]*\r?$)", re.MULTILINE)
_KNOWN_CTE = frozenset({"7bit", "8bit", "binary", "base64", "quoted-printable", "x-uuencode",
                        "uuencode", "x-uue", "uue"})
_ENCODING_DEFECTS = ("InvalidBase64PaddingDefect", "InvalidBase64CharactersDefect",
                     "InvalidBase64LengthDefect")
_DEFECT_TEXT = {
    "StartBoundaryNotFoundDefect": "the multipart boundary never appears in the body",
    "CloseBoundaryNotFoundDefect": "a multipart has no closing boundary",
    "NoBoundaryInMultipartDefect": "a multipart has no boundary parameter",
    "MultipartInvariantViolationDefect": "a multipart part could not be split into parts",
    "FirstHeaderLineIsContinuationDefect": "the first header line is a continuation",
    "MissingHeaderBodySeparatorDefect": "a header line without a colon ends the headers",
    "MisplacedEnvelopeHeaderDefect": "an mbox 'From ' line inside the headers",
    "InvalidMultipartContentTransferEncodingDefect": "a multipart with a transfer encoding",
    "InvalidBase64PaddingDefect": "base64 with wrong padding",
    "InvalidBase64CharactersDefect": "base64 with characters outside the alphabet",
    "InvalidBase64LengthDefect": "base64 cut to an impossible length",
}
# Defects that do not make the message mean different things to different readers.
_HARMLESS_DEFECTS = ("ObsoleteHeaderDefect", "NonASCIILocalPartDefect", "InvalidDateDefect")
_MAX_PROBLEMS = 100


@dataclass(slots=True)
class ParsedMail:
    """`problems` mean "could not be checked" (hold); `notes` are observations that do
    not change what a reader sees."""

    headers: MailHeaders
    size: int
    texts: list[TextPart] = field(default_factory=list)
    attachments: list[AttachmentEntry] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    notes: list[Problem] = field(default_factory=list)

    def all_attachments(self) -> list[AttachmentEntry]:
        """Every attachment and every file inside one, depth first."""
        return [e for top in self.attachments for e in top.walk()]


def parse_mail(raw: bytes | BinaryIO, limits: Limits | None = None) -> ParsedMail:
    """Parse a message. Never raises for bad input: what cannot be read is a problem.
    A stream is read only up to the size limit; a larger message keeps its headers and
    the problem "too large to check"."""
    limits = limits or Limits()
    data = raw if isinstance(raw, bytes) else raw.read(limits.max_message_bytes + 1)
    if len(data) > limits.max_message_bytes:
        return _too_large(data, limits)
    boundaries = len(_BOUNDARY_DECL.findall(data))
    if boundaries > 1 and boundaries * (data.count(b"\n") + 1) > limits.max_boundary_scans:
        detail = (f"{boundaries} multipart boundaries in a message of this length: too "
                  "complex to parse safely")
        return _headers_only(data, Problem(TOO_DEEP, detail), limits)
    costly = _costly_header(data, limits)
    if costly:
        return _headers_only(data, Problem(HEADER, f"{costly}: too costly to parse"), limits)
    return _Parser(limits).parse(data)


def _too_large(data: bytes, limits: Limits) -> ParsedMail:
    detail = f"the message is over {limits.max_message_bytes:,} bytes: too large to check"
    return _headers_only(data, Problem(TOO_LARGE, detail), limits)


def _costly_header(data: bytes, limits: Limits) -> str | None:
    """Why the stdlib would take too long over one of the headers it parses (anywhere in
    the message, a forwarded message's included), or None."""
    for m in _PARSED_HEADER.finditer(data):
        name, value = m.group(1).decode("ascii").lower(), m.group(2)
        if len(value) > limits.max_header_bytes:
            return f"a {name} header over {limits.max_header_bytes:,} bytes"
        if name.startswith("content-") and value.count(b";") > limits.max_header_params:
            return f"a {name} header with more than {limits.max_header_params} parameters"
    return None


def _headers_only(data: bytes, problem: Problem, limits: Limits) -> ParsedMail:
    """The headers (for reporting) and one problem, without parsing the body."""
    head = data[: 256 * 1024]
    end = _header_end(head)
    if _costly_header(head[:end], limits):
        return ParsedMail(MailHeaders(), len(data), problems=[problem])
    try:
        msg = BytesHeaderParser(policy=_POLICY).parsebytes(head[:end] if end else head)
        headers = read_headers(msg, [], [])
    except Exception:  # noqa: BLE001 - headers are a courtesy here; the verdict is fixed
        headers = MailHeaders()
    return ParsedMail(headers, len(data), problems=[problem])


def _header_end(data: bytes) -> int:
    ends = [i for i in (data.find(b"\r\n\r\n"), data.find(b"\n\n")) if i >= 0]
    return min(ends) if ends else len(data)


class _Parser:
    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self.budget = Budget(limits)
        self.problems: list[Problem] = []
        self.notes: list[Problem] = []
        self.texts: list[TextPart] = []
        self.attachments: list[AttachmentEntry] = []
        self.inspector = Inspector(limits, self.budget, self.problems)
        self.parts = 0

    def problem(self, code: str, detail: str, part: str | None = None) -> None:
        self.problems.append(Problem(code, detail, part))

    def parse(self, data: bytes) -> ParsedMail:
        head = data[: _header_end(data)]
        if b"\x00" in head:
            self.problem(HEADER, "a NUL byte in the headers")
        if re.search(rb"\r(?!\n)", head):
            self.problem(HEADER, "a bare CR in the headers (a hidden line break)")
        try:
            msg = email.message_from_bytes(data, policy=_POLICY)
            headers = read_headers(msg, self.problems, self.notes)
        except Exception as exc:  # noqa: BLE001 - report, never crash
            self.problem(UNPARSEABLE, f"the message could not be parsed: {exc!s:.200}")
            return self._result(MailHeaders(), len(data))
        if headers.subject:
            self.texts.append(TextPart("subject", headers.subject))
        try:
            self.walk(msg, "", 0)
        except RecursionError:
            self.problem(TOO_DEEP, "the message is nested too deeply to read")
        return self._result(headers, len(data))

    def _result(self, headers: MailHeaders, size: int) -> ParsedMail:
        problems = list(dict.fromkeys(self.problems))
        if len(problems) > _MAX_PROBLEMS:
            more = len(problems) - _MAX_PROBLEMS
            problems = problems[:_MAX_PROBLEMS] + [Problem(STRUCTURE, f"and {more} more")]
        return ParsedMail(headers, size, self.texts, self.attachments, problems,
                          list(dict.fromkeys(self.notes)))

    def walk(self, part: Message, path: str, depth: int) -> None:
        """Read one part (the root when path is ""), and the parts below it."""
        self.parts += 1
        where = path or None
        if self.parts > self.limits.max_parts:
            if self.parts == self.limits.max_parts + 1:
                self.problem(TOO_MANY_PARTS, f"more than {self.limits.max_parts} MIME parts")
            return
        if depth > self.limits.max_mime_depth:
            self.problem(TOO_DEEP, f"MIME parts nested more than {self.limits.max_mime_depth} "
                         "deep", where)
            return
        self._check_part_headers(part, where)
        ctype = part.get_content_type()
        payload = part.get_payload()
        if part.is_multipart():
            if not isinstance(payload, list):
                self.problem(STRUCTURE, "a multipart part with no parts", where)
                return
            if ctype == "message/partial":
                self.problem(STRUCTURE, "a partial message cannot be checked as a whole", where)
            self._defects(part, where)
            for i, child in enumerate(payload, 1):
                if ctype.startswith("message/"):  # an attached message: its own root
                    self._nested_message(child, path or "1", depth)
                else:
                    self.walk(child, f"{path}.{i}" if path else str(i), depth + 1)
            return
        self._leaf(part, path or "1", ctype)

    def _nested_message(self, inner: Message, path: str, depth: int) -> None:
        try:
            subject = inner.get("subject")
        except Exception:  # noqa: BLE001 - a broken header is a problem, not a crash
            self.problem(HEADER, "the attached message's subject cannot be read", path)
            subject = None
        if subject:
            self.texts.append(TextPart(f"{path}:subject", str(subject)))
        if inner.is_multipart():
            self.walk(inner, path, depth + 1)
        else:
            self.walk(inner, f"{path}.1", depth + 1)

    def _check_part_headers(self, part: Message, where: str | None) -> None:
        names: dict[str, int] = {}
        for name, value in part.raw_items():
            key = name.lower()
            names[key] = names.get(key, 0) + 1
            if key == "content-type":
                found: dict[str, list[str]] = {}
                for m in _PARAM.finditer(str(value)):
                    found.setdefault(m.group(1).lower(), []).append(
                        re.sub(r"\s", "", m.group(2) or ""))
                for param, forms in found.items():
                    if len(forms) != len(set(forms)) or ("" in forms and len(forms) > 1):
                        self.problem(STRUCTURE, f"several {param} parameters in one "
                                     "Content-Type", where)
        for key in ("content-type", "content-transfer-encoding"):
            if names.get(key, 0) > 1 and where is not None:
                self.problem(STRUCTURE, f"several {key} headers in one part", where)

    def _defects(self, part: Message, where: str | None) -> None:
        for defect in part.defects:
            self._defect(defect, where)

    def _defect(self, defect: MessageDefect, where: str | None) -> None:
        name = type(defect).__name__
        if name in _HARMLESS_DEFECTS:
            self.notes.append(Problem(HEADER, f"{name}: {defect}", where))
        else:
            text = _DEFECT_TEXT.get(name) or f"{name}: {defect!s:.200}"
            self.problem(ENCODING if name in _ENCODING_DEFECTS else STRUCTURE, text, where)

    def _leaf(self, part: Message, path: str, ctype: str) -> None:
        try:
            cte = str(part.get("content-transfer-encoding", "7bit")).strip().lower()
            if cte not in _KNOWN_CTE:
                self.problem(ENCODING, f"unknown transfer encoding {cte[:40]!r}", path)
            elif cte == "quoted-printable":
                # Every decoder keeps or drops a stray "=": no text can hide behind it,
                # and mailers that forget to escape "=====" lines are common. A note.
                raw = part.get_payload()
                if isinstance(raw, str) and _BAD_QP.search(raw):
                    self.notes.append(Problem(ENCODING, "quoted-printable with invalid "
                                              "escapes", path))
            data = part.get_payload(decode=True)
            filename = part.get_filename()
            disposition = part.get_content_disposition()
            charset = part.get_param("charset")
        except Exception as exc:  # noqa: BLE001 - a part that cannot be read is a problem
            self.problem(UNPARSEABLE, f"the part could not be read: {exc!s:.200}", path)
            return
        self._defects(part, path)
        body = data if isinstance(data, bytes) else b""
        cs = charset if isinstance(charset, str) else None
        if ctype in ("text/plain", "text/html") and disposition != "attachment" and not filename:
            self._text(body, ctype, cs, path)
            return
        name = str(filename) if filename else f"part-{path}"
        self.attachments.append(self.inspector.inspect(
            body, filename=name, declared_type=ctype, part=path, charset=cs))

    def _text(self, body: bytes, ctype: str, charset: str | None, path: str) -> None:
        text, problem = decode_bytes(body, charset)
        if problem:
            self.problem(CHARSET, problem, path)
        if ctype == "text/html":
            text = html_to_text(text)[0]
        if len(text) > self.limits.max_part_chars:
            self.problem(TEXT_LIMIT, f"more than {self.limits.max_part_chars:,} characters "
                         "in one part", path)
            text = text[: self.limits.max_part_chars]
        self.budget.chars += len(text)
        if self.budget.chars > self.limits.max_total_chars:
            self.problem(TEXT_LIMIT, f"more than {self.limits.max_total_chars:,} characters "
                         "of text in the message", path)
            return
        self.texts.append(TextPart(path, text, ctype))
