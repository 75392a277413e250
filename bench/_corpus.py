"""Shared loading of the SpamAssassin public corpus for the bench scripts.

The corpus lives outside the repository (../shared/data/spamassassin from the repo root,
read-only, never copied in). Each message is RFC 822; we parse it with the stdlib
`email` package and keep what a person would read: the subject, the text/plain parts,
and, where a message has no plain part, its HTML parts turned to text crudely.
"""

from __future__ import annotations

import email
import email.policy
import html
import re
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from email.message import Message as EmailMessage
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_ROOT = REPO.parent / "shared" / "data" / "spamassassin"

HAM_FOLDERS: tuple[str, ...] = ("easy-ham-1", "easy-ham-2", "hard-ham-1")
SPAM_FOLDERS: tuple[str, ...] = ("spam-1", "spam-2")
FOLDERS: tuple[str, ...] = HAM_FOLDERS + SPAM_FOLDERS

_DROP_BLOCKS = re.compile(r"<(script|style|head)\b[^>]*>.*?</\1\s*>", re.I | re.S)
_BREAKS = re.compile(r"<\s*(br|/p|/div|/tr|/li|/h[1-6]|p|div|tr|li)\b[^>]*>", re.I)
_TAGS = re.compile(r"<[^>]{0,2000}>")
_COMMENTS = re.compile(r"<!--.*?-->", re.S)
_SPACES = re.compile(r"[ \t\r\f\v\xa0]+")
_BLANKS = re.compile(r"\n\s*\n+")


@dataclass(frozen=True, slots=True)
class Mail:
    folder: str
    name: str
    subject: str
    body: str

    @property
    def spam(self) -> bool:
        return self.folder in SPAM_FOLDERS

    @property
    def text(self) -> str:
        """What the checker sees: the subject line, a blank line, then the body."""
        return f"{self.subject}\n\n{self.body}" if self.subject else self.body


def corpus_root(root: Path | str | None = None) -> Path | None:
    """The corpus directory, or None when it is not on this machine."""
    path = Path(root) if root is not None else DEFAULT_ROOT
    if path.is_dir() and any((path / f).is_dir() for f in FOLDERS):
        return path
    return None


def require_corpus(root: Path | str | None = None) -> Path:
    """The corpus directory; exits 0 with a clear message when it is absent."""
    path = corpus_root(root)
    if path is None:
        where = Path(root) if root is not None else DEFAULT_ROOT
        print(
            f"SpamAssassin corpus not found at {where} (expected folders: "
            f"{', '.join(FOLDERS)}); skipping.",
            file=sys.stderr,
        )
        raise SystemExit(0)
    return path


def html_to_text(markup: str) -> str:
    """Crude HTML to text: drop scripts/styles/comments, break on block tags, strip the
    rest, unescape entities. Good enough for spam, which is what this is for."""
    text = _COMMENTS.sub(" ", markup)
    text = _DROP_BLOCKS.sub(" ", text)
    text = _BREAKS.sub("\n", text)
    text = _TAGS.sub(" ", text)
    text = html.unescape(text)
    text = _SPACES.sub(" ", text)
    return _BLANKS.sub("\n\n", text).strip()


def _decode(part: EmailMessage) -> str:
    payload = part.get_payload(decode=True)
    if not isinstance(payload, bytes):
        raw = part.get_payload()
        return raw if isinstance(raw, str) else ""
    charset = part.get_content_charset() or "latin-1"
    try:
        return payload.decode(charset, errors="replace")
    except LookupError:
        return payload.decode("latin-1", errors="replace")


def _header(msg: EmailMessage, name: str) -> str:
    value = msg.get(name)
    if value is None:
        return ""
    try:
        parts = email.header.decode_header(str(value))
    except Exception:  # noqa: BLE001 - broken 2002-era headers; keep the raw value
        return str(value)
    out = []
    for chunk, enc in parts:
        if isinstance(chunk, bytes):
            try:
                out.append(chunk.decode(enc or "latin-1", errors="replace"))
            except LookupError:
                out.append(chunk.decode("latin-1", errors="replace"))
        else:
            out.append(chunk)
    return " ".join("".join(out).split())


def parse(data: bytes, folder: str = "", name: str = "") -> Mail:
    """One RFC 822 message as a Mail: subject plus readable body text."""
    msg = email.message_from_bytes(data, policy=email.policy.compat32)
    plain: list[str] = []
    markup: list[str] = []
    for part in msg.walk():
        if part.is_multipart():
            continue
        ctype = part.get_content_type()
        if part.get_filename():
            continue  # attachments are not body text
        if ctype == "text/plain":
            plain.append(_decode(part))
        elif ctype == "text/html":
            markup.append(_decode(part))
    if plain:
        body = "\n\n".join(p.strip() for p in plain)
    else:
        body = "\n\n".join(html_to_text(h) for h in markup)
    return Mail(folder=folder, name=name, subject=_header(msg, "Subject"), body=body)


def iter_mail(
    root: Path,
    folders: Sequence[str] = FOLDERS,
    limit: int | None = None,
) -> Iterator[Mail]:
    """Messages folder by folder in name order; `limit` caps each folder."""
    for folder in folders:
        directory = root / folder
        if not directory.is_dir():
            continue
        names = sorted(
            p.name for p in directory.iterdir() if p.is_file() and p.name != "cmds"
        )
        if limit is not None:
            names = names[:limit]
        for name in names:
            yield parse((directory / name).read_bytes(), folder, name)


def load_mail(
    root: Path, folders: Sequence[str] = FOLDERS, limit: int | None = None
) -> list[Mail]:
    return list(iter_mail(root, folders, limit))
