"""`WebFilter`: what every long-running front-end holds (pack, index, access log).

Why one class: the Squid helper, DNS filter, proxy addon and block page must decide
alike and log alike, and must all notice when the Clerk edits the pack or `lists update`
swaps in a new index, without a restart. Reloads are checked at most every
`RELOAD_SECONDS` (a `stat` per request would cost more than the lookup itself); a pack
that no longer validates keeps the old one in force and says so on stderr, so a typo
never opens or closes the whole internet.

Decisions go through a `DecisionCache` for the pack and index in force (the same
answers as `decide`, remembered); a reload that changes either starts a new one.
"""

from __future__ import annotations

import datetime as dt
import sys
import threading
import time
from pathlib import Path

from aupguard.errors import AupguardError, UsageError
from aupguard.policy.loader import load_pack
from aupguard.policy.schema import Pack
from aupguard.web.accesslog import AccessLog
from aupguard.web.cache import DecisionCache
from aupguard.web.decide import Decision
from aupguard.web.index import Index, default_index_path

__all__ = ["RELOAD_SECONDS", "WebFilter", "open_index"]

RELOAD_SECONDS = 5.0


def open_index(path: Path | None) -> Index:
    """Load the index at `path` (default: the one `lists compile` last wrote), with a
    message that says how to build it when it is missing."""
    p = path or default_index_path()
    if not p.is_file():
        raise UsageError(
            f"no category index at {p}; run 'aupguard lists compile DIR...' to build it "
            "(or give --index)"
        )
    return Index.load(p)


def _file_id(path: Path) -> tuple[int, int, int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return st.st_ino, st.st_mtime_ns, st.st_size


class WebFilter:
    """Decides and logs web requests for one council; safe to share between threads."""

    def __init__(
        self,
        policy: str | Path,
        index_path: Path | None = None,
        *,
        log: AccessLog | None = None,
        via: str = "decide",
        group: str | None = None,
    ) -> None:
        self.policy = policy
        self.pack: Pack = load_pack(policy)
        if group is not None and group not in self.pack.web.groups:
            known = ", ".join(self.pack.web.groups) or "none"
            raise UsageError(f"no web group {group!r} in pack {self.pack.pack} (known: {known})")
        self.group = group
        self.index = open_index(index_path)
        self.index_path = self.index.path
        self._index_id = _file_id(self.index_path)
        self.log = log
        self.via = via
        self._cache = DecisionCache(self.pack, self.index)
        self._checked = time.monotonic()
        self._lock = threading.Lock()

    @property
    def cache(self) -> DecisionCache:
        """The decision cache for the pack and index in force (a reload replaces it)."""
        return self._cache

    def refresh(self) -> None:
        """Reload the pack or index if either changed (checked at most every
        `RELOAD_SECONDS`); `decide` does this itself."""
        now = time.monotonic()
        if now - self._checked < RELOAD_SECONDS:
            return
        with self._lock:
            if now - self._checked < RELOAD_SECONDS:
                return
            self._checked = now
            try:
                self.pack = load_pack(self.policy)  # the same object while unchanged
            except AupguardError as exc:
                print(f"aupguard: pack not reloaded, keeping the old one: {exc}", file=sys.stderr)
            current = _file_id(self.index_path)
            if current is not None and current != self._index_id:
                try:
                    self.index = Index.load(self.index_path)
                    self._index_id = current
                except AupguardError as exc:
                    print(f"aupguard: index not reloaded: {exc}", file=sys.stderr)
            if self.pack is not self._cache.pack or self.index is not self._cache.index:
                self._cache = DecisionCache(self.pack, self.index)

    def decide(
        self,
        url_or_host: str,
        *,
        client: str | None = None,
        user: str | None = None,
        group: str | None = None,
        at: dt.datetime | None = None,
        path: str | None = None,
        log: bool = True,
    ) -> Decision:
        """Decide (see `aupguard.web.decide`) and, when a log is set, record it.
        `path` is what the log shows as the path (front-ends that only see a host
        leave it None)."""
        self.refresh()
        cache = self._cache
        group = group or self.group or (cache.group_of(client, user) if client or user else None)
        d = cache.decide(url_or_host, group, at)
        if log and self.log is not None:
            self.log.record(d, via=self.via, client=client, user=user, path=path)
        return d

    def close(self) -> None:
        if self.log is not None:
            self.log.close()

