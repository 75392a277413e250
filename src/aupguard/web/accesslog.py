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
from pathlib import Path
from typing import Any, TextIO

from aupguard.web.decide import Decision

__all__ = ["AccessLog", "default_log_path", "log_files", "pseudonym"]

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
    ) -> dict[str, Any]:
        """Write one decision; returns the record as written."""
        if user and self._key is not None:
            user = pseudonym(self._key, user)
        stamp = (when or dt.datetime.now(dt.UTC)).astimezone(dt.UTC)
        rec: dict[str, Any] = {
            "time": stamp.isoformat(timespec="milliseconds").replace("+00:00", "Z"),
            "via": via,
            "client": client,
            "user": user or None,
            "group": decision.group,
            "host": decision.host,
            "path": path,
            "category": decision.category,
            "action": decision.action,
            "clause": decision.clause,
            "rule": decision.rule,
        }
        if decision.error is not None:
            rec["error"] = decision.error
        line = json.dumps(rec, ensure_ascii=False, separators=(",", ":")) + "\n"
        with self._lock:
            if self._file is None:
                self._open()
            assert self._file is not None
            if self._size and self._size + len(line) > self.max_bytes:
                self._rotate()
            self._file.write(line)
            self._size += len(line.encode("utf-8"))
            now = time.monotonic()
            if now - self._flushed >= FLUSH_SECONDS:
                self._file.flush()
                self._flushed = now
        return rec

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
