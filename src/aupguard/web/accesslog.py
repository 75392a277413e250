"""The access log: every web decision as one JSON line, rotated by size.

Why our own rotation: a council's server often has no logrotate set up for a new
program, and a filter that fills the disk stops the internet. So the log rotates itself
(`access.jsonl` -> `access.jsonl.1` ... `.N`, oldest dropped); `reopen()` (on SIGHUP)
also lets an external logrotate move the file away.

Why pseudonymise: Leigh reserves the right to monitor, but a report read by many people
should not name staff. With `pseudonymise`, user names are replaced by a keyed hash
(HMAC-SHA256 with a key kept beside the log, readable only by its owner): the same
person gets the same token every day, so patterns show, and only someone holding the
key can check whether a token is a given person.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import os
import secrets
import threading
import time
from functools import lru_cache
from pathlib import Path
from typing import TextIO

from aupguard.web.decide import Decision

__all__ = [
    "AccessLog", "default_log_path", "line_start", "log_files", "outcome_tail", "pseudonym",
    "what",
]

DEFAULT_MAX_BYTES = 50 * 1024 * 1024
DEFAULT_KEEP = 10
FLUSH_SECONDS = 1.0


def default_log_path() -> Path:
    """`access.jsonl` beside the default index (`$AUPGUARD_DATA_DIR`, else XDG)."""
    from aupguard.web.index import default_index_path

    return default_index_path().parent / "access.jsonl"


def log_files(path: Path) -> list[Path]:
    """The log and its rotated copies that exist, oldest first."""
    rotated = sorted(
        (p for p in path.parent.glob(path.name + ".*") if p.suffix[1:].isdigit()),
        key=lambda p: -int(p.suffix[1:]),
    )
    return rotated + ([path] if path.exists() else [])


def _load_key(path: Path) -> bytes:
    """The pseudonymisation key, created (mode 0600) on first use."""
    try:
        return bytes.fromhex(path.read_text().strip())
    except FileNotFoundError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    key = secrets.token_bytes(32)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as f:
        f.write(key.hex() + "\n")
    return key


def pseudonym(key: bytes, user: str) -> str:
    """A stable token for a user name: 'p-' and 16 hex digits of HMAC-SHA256."""
    return "p-" + hmac.new(key, user.encode(), hashlib.sha256).hexdigest()[:16]


_encode = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
_last_stamp: tuple[int, str] = (-1, "")


def _js(value: str | None) -> str:
    """A JSON string or null; plain ASCII without quotes or controls skips the encoder
    (every request writes a line, so this is on the hot path of every front-end; four
    string methods are several times faster than a regular expression here)."""
    if value is None:
        return "null"
    if value.isascii() and value.isprintable() and '"' not in value and "\\" not in value:
        return f'"{value}"'
    return _encode(value)


def _stamp(when: dt.datetime | None) -> str:
    """ISO time in UTC with milliseconds; formatted once per millisecond."""
    global _last_stamp
    if when is not None:
        t = when.astimezone(dt.UTC)
        return t.isoformat(timespec="milliseconds").replace("+00:00", "Z")
    ms = time.time_ns() // 1_000_000
    if _last_stamp[0] != ms:
        t = dt.datetime.fromtimestamp(ms / 1000, dt.UTC)
        _last_stamp = (ms, t.isoformat(timespec="milliseconds").replace("+00:00", "Z"))
    return _last_stamp[1]


def line_start(when: dt.datetime | None = None) -> str:
    """The start of a log line: `{"time":"...",` (now, unless `when` is given)."""
    return f'{{"time":"{_stamp(when)}",'


def what(d: Decision, path: str | None, host: str | None = None) -> str:
    """The end of a log line, after `AccessLog.who`: path and decision, newline-ended;
    `host` (if given) instead of the decision's. It depends only on the request, so a
    front-end may keep it with the decision."""
    return f'"path":{_js(path)},"host":{_js(host or d.host)},' + outcome_tail(d)


def outcome_tail(d: Decision) -> str:
    """The end of `what`, after the host: group, category, action, clause, rule (and
    error), closing brace and newline."""
    return _outcome_json(d.group, d.category, d.action, d.clause, d.rule, d.error)


@lru_cache(maxsize=4096)
def _outcome_json(
    group: str | None,
    category: str | None,
    action: str,
    clause: str | None,
    rule: str | None,
    error: str | None,
) -> str:
    """Everything but the host: a few dozen outcomes repeat, so each is encoded once."""
    parts = [
        f'"group":{_js(group)}',
        f'"category":{_js(category)}',
        f'"action":{_js(action)}',
        f'"clause":{_js(clause)}',
        f'"rule":{_js(rule)}',
    ]
    if error is not None:
        parts.append(f'"error":{_js(error)}')
    return ",".join(parts) + "}\n"


class AccessLog:
    """Appends decisions as JSON lines; thread-safe; rotates past `max_bytes`."""

    def __init__(
        self,
        path: Path,
        *,
        max_bytes: int = DEFAULT_MAX_BYTES,
        keep: int = DEFAULT_KEEP,
        pseudonymise: bool = False,
        key_path: Path | None = None,
    ) -> None:
        self.path = path
        self.max_bytes = max_bytes
        self.keep = max(1, keep)
        self._key = (
            _load_key(key_path or path.with_name(path.name + ".key")) if pseudonymise else None
        )
        self._lock = threading.Lock()
        self._file: TextIO | None = None
        self._size = 0
        self._flushed = time.monotonic()
        self._open()

    def _open(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._file = self.path.open("a", encoding="utf-8")
        self._size = self._file.tell()

    def record(
        self,
        decision: Decision,
        *,
        via: str,
        client: str | None = None,
        user: str | None = None,
        path: str | None = None,
        when: dt.datetime | None = None,
    ) -> str:
        """Write one decision; returns the line as written (JSON, newline-ended)."""
        line = line_start(when) + self.who(via, client, user) + what(decision, path)
        self.write(line)
        return line

    def who(self, via: str, client: str | None, user: str | None) -> str:
        """The middle of a line: front-end, client and user (pseudonymised if set).
        A front-end that sees the same client and user often keeps this."""
        if user and self._key is not None:
            user = pseudonym(self._key, user)
        return f'"via":{_js(via)},"client":{_js(client)},"user":{_js(user or None)},'

    def write(self, lines: str) -> None:
        """Append complete lines (`line_start() + who() + what()`, one or many)."""
        with self._lock:
            if self._file is None:
                self._open()
            assert self._file is not None
            size = len(lines) if lines.isascii() else len(lines.encode("utf-8"))
            if self._size and self._size + size > self.max_bytes:
                self._rotate()
            self._file.write(lines)
            self._size += size
            now = time.monotonic()
            if now - self._flushed >= FLUSH_SECONDS:
                self._file.flush()
                self._flushed = now

    def _rotate(self) -> None:
        assert self._file is not None
        self._file.close()
        for n in range(self.keep - 1, 0, -1):
            older = self.path.with_name(f"{self.path.name}.{n}")
            if older.exists():
                older.replace(self.path.with_name(f"{self.path.name}.{n + 1}"))
        self.path.replace(self.path.with_name(self.path.name + ".1"))
        self._open()

    def flush(self) -> None:
        with self._lock:
            if self._file is not None:
                self._file.flush()
                self._flushed = time.monotonic()

    def reopen(self) -> None:
        """Close and reopen the file (after an external logrotate moved it)."""
        with self._lock:
            if self._file is not None:
                self._file.close()
            self._open()

    def close(self) -> None:
        with self._lock:
            if self._file is not None:
                self._file.close()
                self._file = None
