"""What the gateway has already done with a message, so a retry is not done twice.

Postfix re-sends a message whenever it did not get our final answer (the filter was
killed, the connection dropped). Without a record, a message we had already handed
back to Postfix would be delivered again, and one we had already quarantined held twice.
So each message is keyed by a digest of its envelope and bytes (Postfix's own Received
header, with its queue id, makes the digest unique per queued message; a retry of that
queue file gives the same bytes) and its state is recorded here:

- `delivering`: handed to the reinjection; outcome not known yet;
- `delivered`: Postfix's second smtpd answered 250 (written durably before we answer);
- `held`: the quarantine id chosen for it (written durably before the quarantine file).

A SQLite database in WAL mode is shared by the gateway and its reinjection worker
(another process). `synchronous=FULL` makes a commit durable with one fsync of the WAL;
the `delivering` mark does not need that (a lost mark only loses a log line).

Whether a delivery is still in flight is not a state but a lock: the process doing it
holds an flock on `locks/DIGEST`, which the kernel drops if that process dies. A
`delivering` mark whose lock is free means the deliverer died between handing the message
to Postfix and hearing back: the one case that can still duplicate (see gateway docs).
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import hashlib
import os
import sqlite3
import threading
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

DELIVERING = "delivering"
DELIVERED = "delivered"
HELD = "held"


def message_digest(sender: str, recipients: Sequence[str], raw: bytes) -> str:
    """sha256 over the envelope and the message bytes, hex."""
    h = hashlib.sha256()
    h.update(sender.encode("utf-8", "surrogateescape") + b"\0")
    for rcpt in recipients:
        h.update(rcpt.encode("utf-8", "surrogateescape") + b"\0")
    h.update(b"\0")
    h.update(raw)
    return h.hexdigest()


@dataclass(frozen=True, slots=True)
class Entry:
    state: str
    ref: str | None  # the quarantine id (held) or Postfix's queue reply (delivered)
    at: float


class Journal:
    """The state store. Safe to use from several threads and processes at once."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)
        self.locks = self.folder / "locks"
        self.locks.mkdir(parents=True, exist_ok=True)
        self.path = self.folder / "journal.sqlite"
        self._local = threading.local()
        con = self._con()
        with con:
            con.execute("CREATE TABLE IF NOT EXISTS msgs (digest TEXT PRIMARY KEY, "
                        "state TEXT NOT NULL, ref TEXT, at REAL NOT NULL)")

    def _con(self) -> sqlite3.Connection:
        con: sqlite3.Connection | None = getattr(self._local, "con", None)
        if con is None:
            con = sqlite3.connect(self.path, timeout=30, isolation_level=None)
            con.execute("PRAGMA journal_mode=WAL")
            self._local.con = con
        return con

    def get(self, digest: str) -> Entry | None:
        row = self._con().execute("SELECT state, ref, at FROM msgs WHERE digest = ?",
                                  (digest,)).fetchone()
        return Entry(row[0], row[1], row[2]) if row else None

    def set(self, digest: str, state: str, ref: str | None = None, *,
            durable: bool = False) -> None:
        con = self._con()
        con.execute(f"PRAGMA synchronous={'FULL' if durable else 'NORMAL'}")
        with con:
            con.execute("INSERT OR REPLACE INTO msgs (digest, state, ref, at) "
                        "VALUES (?, ?, ?, ?)", (digest, state, ref, time.time()))

    def clear(self, digest: str) -> None:
        con = self._con()
        con.execute("PRAGMA synchronous=NORMAL")
        with con:
            con.execute("DELETE FROM msgs WHERE digest = ?", (digest,))

    def prune(self, older_than_s: float) -> int:
        """Forget entries older than this (Postfix gives up on a message after
        `maximal_queue_lifetime`, 5 days by default, so a week is plenty)."""
        con = self._con()
        with con:
            cur = con.execute("DELETE FROM msgs WHERE at < ?", (time.time() - older_than_s,))
        return cur.rowcount

    @contextlib.contextmanager
    def inflight(self, digest: str) -> Iterator[bool]:
        """Hold the in-flight lock for `digest`; yields False (and holds nothing) when
        another live process or thread holds it."""
        path = self.locks / digest
        fd = os.open(path, os.O_CREAT | os.O_RDWR, 0o600)
        try:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError as exc:
                if exc.errno in (errno.EWOULDBLOCK, errno.EAGAIN):
                    yield False
                    return
                raise
            try:
                yield True
            finally:
                with contextlib.suppress(FileNotFoundError):
                    path.unlink()
        finally:
            os.close(fd)  # releases the lock

    def busy(self, digest: str) -> bool:
        """True while some live process holds the in-flight lock for `digest`."""
        try:
            fd = os.open(self.locks / digest, os.O_RDONLY)
        except FileNotFoundError:
            return False
        try:
            fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except OSError as exc:
            if exc.errno in (errno.EWOULDBLOCK, errno.EAGAIN):
                return True
            raise
        finally:
            os.close(fd)
        return False
