"""Read UT1-format list folders: one folder per category holding `domains`, `urls` and
`expressions` files, one entry per line.

Why two modes: the UT1 lists are large, maintained by others and carry the odd bad
line; one bad line among 600,000 should not stop a council's filter from updating, so a
whole-UT1 compile skips such lines, counts them and prints a summary. A council's own
allow or block list is short and written by hand; a typo there changes what staff may
see, so it fails hard with file:line. Either way an error names the file and line.

Other files in a category folder (`usage`, `very_restrictive_expression`, licences) are
ignored. A plain file at a UT1 root that holds only the name of a sibling folder (UT1's
`porn` holds `adult`) is an alias, kept so pack rules may use either name.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

import re2

from aupguard.errors import AupguardError
from aupguard.web.urls import normalise_host, parse_url, url_entry_key

KINDS = ("domains", "urls", "expressions")
MAX_LINE = 16384  # bytes; longer lines are an error, read past without loading them whole


class ListError(AupguardError):
    """A bad line in a list file; the message starts with file:line."""

    def __init__(self, file: Path | str, line: int, message: str) -> None:
        self.file = str(file)
        self.line = line
        self.message = message
        super().__init__(f"{file}:{line}: {message}")


class Entry(NamedTuple):
    """One normalised entry: a host, a "host/path" key, or a regular expression."""

    value: str
    file: str
    line: int


def re2_options() -> re2.Options:
    """Expressions match case-insensitively, as squidGuard's do, and never log."""
    opts = re2.Options()
    opts.case_sensitive = False
    opts.never_capture = True
    opts.log_errors = False
    return opts


def _raw_lines(path: Path) -> Iterator[tuple[int, bytes | None]]:
    """(line number, bytes) for each line; None for a line over MAX_LINE bytes."""
    with path.open("rb") as f:
        n = 0
        while True:
            chunk = f.readline(MAX_LINE + 1)
            if not chunk:
                return
            n += 1
            if len(chunk) > MAX_LINE and not chunk.endswith(b"\n"):
                while chunk and not chunk.endswith(b"\n"):  # skip the rest unread
                    chunk = f.readline(1 << 16)
                yield n, None
                continue
            yield n, chunk


def iter_entries(path: Path, kind: str) -> Iterator[Entry | ListError]:
    """Entries of one list file in order; bad lines come out as `ListError` values so
    the caller chooses between skipping and stopping. Blank lines and lines starting
    with "#" are skipped; a UTF-8 byte-order mark and CRLF line ends are accepted."""
    if kind not in KINDS:
        raise ValueError(f"unknown list kind {kind!r}")
    name = str(path)
    options = re2_options() if kind == "expressions" else None
    for n, raw in _raw_lines(path):
        if raw is None:
            yield ListError(name, n, f"line longer than {MAX_LINE} bytes")
            continue
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            yield ListError(name, n, f"not UTF-8 text ({exc.reason} at byte {exc.start})")
            continue
        if n == 1:
            text = text.removeprefix("\ufeff")
        text = text.strip()
        if not text or text.startswith("#"):
            continue
        try:
            yield Entry(_normalise(kind, text, options), name, n)
        except ValueError as exc:
            yield ListError(name, n, f"bad {kind} entry {_short(text)}: {exc}")


def _normalise(kind: str, text: str, options: re2.Options | None) -> str:
    if kind == "domains":
        if "/" in text or " " in text or "\t" in text:
            raise ValueError("a domain has no '/' or spaces (URLs go in 'urls')")
        return normalise_host(text.lstrip("."))
    if kind == "urls":
        if " " in text or "\t" in text:
            raise ValueError("a URL has no spaces")
        host, path = parse_url(text)
        return url_entry_key(host, path)
    try:
        re2.compile(text, options)
    except re2.error as exc:
        msg = exc.args[0] if exc.args else exc
        msg = msg.decode("utf-8", "replace") if isinstance(msg, bytes) else str(msg)
        raise ValueError(f"not a valid RE2 expression: {msg}") from None
    return text


def _short(text: str) -> str:
    return repr(text if len(text) <= 80 else text[:77] + "...")


def file_sha256(path: Path) -> str:
    """Recorded in the index header so an operator can tell which lists it was built from."""
    h = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def is_category_dir(path: Path) -> bool:
    return path.is_dir() and any((path / k).is_file() for k in KINDS)


def discover(root: Path) -> tuple[list[tuple[str, Path]], dict[str, str]]:
    """Categories under `root` as (name, folder), and aliases as {alias: category}.

    `root` is either one category folder or a UT1 root of category folders.
    """
    if not root.is_dir():
        raise AupguardError(f"not a folder: {root}")
    if is_category_dir(root):
        return [(root.resolve().name, root)], {}
    cats = [(p.name, p) for p in sorted(root.iterdir()) if is_category_dir(p)]
    if not cats:
        raise AupguardError(
            f"{root}: no category folders (each needs a 'domains', 'urls' or 'expressions' file)"
        )
    names = {name for name, _ in cats}
    aliases: dict[str, str] = {}
    for p in sorted(root.iterdir()):
        if p.is_file() and p.name not in names and p.stat().st_size <= 64:
            target = p.read_bytes().decode("utf-8", "replace").strip()
            if target in names:
                aliases[p.name] = target
    return cats, aliases
