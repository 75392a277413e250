"""Bulk-mail limits (the pack's `mail.bulk`): too many external recipients in one
message, or too many external messages from one sender in a sliding hour.

External means a recipient domain that is not one of the council's `email_domains`
nor a subdomain of one (the same test as `engine.audience_for`). Recipients are
counted once each, ignoring case.

The hourly count needs state that survives a filter restart and is shared by every
filter process Postfix runs (`maxproc` 2 or more), so it lives in SQLite (WAL mode,
one small table of (sender, second, count), pruned of rows older than the window as it
goes). Each message is recorded and counted in one `BEGIN IMMEDIATE` transaction, so
two processes cannot both see "99" and both let the 100th through.

What counts: every checked message from the sender with at least one external
recipient, whatever its verdict. A sender whose mass mail is being held keeps hitting
the limit instead of starting afresh with every message the Clerk has not yet seen.
A message Postfix offers again (the filter answered 4xx or died mid-message) counts
again: the count errs towards holding, never towards letting mail out.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from aupguard.engine import on_council_domains
from aupguard.policy.mailrules import BulkMailRule

WINDOW_SECONDS = 3600
BULK_RECIPIENTS = "bulk-recipients"
BULK_HOURLY = "bulk-hourly"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS sent (
    sender TEXT NOT NULL,
    time INTEGER NOT NULL,
    count INTEGER NOT NULL,
    PRIMARY KEY (sender, time)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS sent_time ON sent (time);
"""


def external_recipients(recipients: Iterable[str], domains: Sequence[str]) -> list[str]:
    """The distinct external recipients, in order, compared ignoring case."""
    seen: dict[str, None] = {}
    for address in recipients:
        key = address.strip().strip("<>").lower()
        if key and not on_council_domains(key, domains):
            seen.setdefault(key, None)
    return list(seen)


class BulkCounter:
    """External messages per sender in a sliding window, kept in the SQLite file at
    `path` (created with its folder). Safe to share between threads; several processes
    may open the same file. `clock` returns seconds (tests pass a fake one)."""

    def __init__(self, path: str | Path, *, clock: Callable[[], float] = time.time,
                 window: int = WINDOW_SECONDS, busy_timeout: float = 30.0) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.clock = clock
        self.window = window
        self._lock = threading.Lock()
        self._db = sqlite3.connect(self.path, timeout=busy_timeout, isolation_level=None,
                                   check_same_thread=False)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.executescript(_SCHEMA)

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def __enter__(self) -> BulkCounter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def record(self, sender: str) -> int:
        """Count one external message from `sender` now; return how many the sender has
        sent in the window, this one included."""
        now = int(self.clock())
        key = _sender_key(sender)
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                self._db.execute("DELETE FROM sent WHERE time <= ?", (now - self.window,))
                self._db.execute(
                    "INSERT INTO sent (sender, time, count) VALUES (?, ?, 1) "
                    "ON CONFLICT (sender, time) DO UPDATE SET count = count + 1",
                    (key, now))
                total = self._sum(key, now)
                self._db.execute("COMMIT")
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
        return total

    def count(self, sender: str) -> int:
        """How many external messages `sender` has sent in the window (nothing recorded)."""
        with self._lock:
            return self._sum(_sender_key(sender), int(self.clock()))

    def _sum(self, key: str, now: int) -> int:
        row = self._db.execute("SELECT COALESCE(SUM(count), 0) FROM sent "
                               "WHERE sender = ? AND time > ?",
                               (key, now - self.window)).fetchone()
        return int(row[0])


def _sender_key(sender: str) -> str:
    """Addresses compared ignoring case; the null sender (bounces) is "<>"."""
    key = sender.strip().strip("<>").lower()
    return key or "<>"


def bulk_breaches(rule: BulkMailRule, domains: Sequence[str], recipients: Sequence[str],
                  sender: str | None, counter: BulkCounter | None) -> list[tuple[str, str]]:
    """(limit name, what was exceeded) for each limit this message goes over. With a
    counter and a sender, a message with external recipients is recorded first (see the
    module docstring); sqlite3 errors are the caller's to handle."""
    out: list[tuple[str, str]] = []
    external = external_recipients(recipients, domains)
    if len(external) > rule.max_external_recipients:
        out.append((BULK_RECIPIENTS, f"{len(external)} external recipients in one message "
                    f"(the limit is {rule.max_external_recipients})"))
    if counter is not None and sender is not None and external:
        sent = counter.record(sender)
        if sent > rule.max_external_per_sender_per_hour:
            who = _sender_key(sender)
            out.append((BULK_HOURLY, f"{sent} messages to external recipients from {who} "
                        f"in the last hour (the limit is "
                        f"{rule.max_external_per_sender_per_hour})"))
    return out
