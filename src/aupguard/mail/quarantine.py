"""The quarantine: held messages, kept safe on disk until a person decides.

Each held message is two files in `held/`: `ID.eml` (the bytes exactly as Postfix
handed them over) and `ID.json` (envelope, verdict, findings, problems). Both are
written to a temporary name, fsynced, renamed, and the folder fsynced, so once `hold`
returns the message survives a crash or power cut: only then may the gateway answer
250 and let Postfix delete its copy. The `.json` is written last: a message without
one was interrupted and is not listed (the gateway's journal rewrites it on retry).

Released messages move to `released/` with the metadata saying when and where to; they
are kept for the record until deleted. Ids sort by time and carry 48 random bits, so
they cannot be guessed from one another.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import json
import os
import re
import secrets
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from aupguard.mail.reinject import Job, Reply, reinject

HELD = "held"
RELEASED = "released"
_ID = re.compile(r"^\d{8}-\d{9}-[0-9a-f]{12}$")


class NotFound(KeyError):
    """No message with that id in the quarantine."""


@dataclass(frozen=True, slots=True)
class Item:
    id: str
    status: str  # held | released
    meta: dict[str, Any]
    eml: Path

    def raw(self) -> bytes:
        return self.eml.read_bytes()


class _Clock:
    """Milliseconds that strictly increase within a process, so two mails held in the
    same millisecond still list in the order they were held."""

    def __init__(self) -> None:
        self.last = 0
        self.lock = threading.Lock()

    def next_ms(self, now: float) -> int:
        with self.lock:
            self.last = max(int(now * 1000), self.last + 1)
            return self.last


_CLOCK = _Clock()


def new_id(now: float | None = None) -> str:
    """'YYYYMMDD-HHMMSSmmm-' + 12 hex digits: sorts by time (UTC), unguessable.
    `now` (for tests) bypasses the process clock."""
    ms = _CLOCK.next_ms(time.time()) if now is None else int(now * 1000)
    seconds, milli = divmod(ms, 1000)
    stamp = time.strftime("%Y%m%d-%H%M%S", time.gmtime(seconds))
    return f"{stamp}{milli:03d}-{secrets.token_hex(6)}"


def valid_id(qid: str) -> bool:
    return bool(_ID.match(qid))


def fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_durable(path: Path, data: bytes) -> None:
    """Write to a temporary name in the same folder, fsync, rename over `path`. The
    caller fsyncs the folder (once for several files)."""
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}-{secrets.token_hex(4)}")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
        os.fsync(fd)
    except BaseException:
        os.close(fd)
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    os.close(fd)
    os.replace(tmp, path)


class Quarantine:
    """`Quarantine(folder)`: hold, list, get, release, delete. Folders are created
    (mode 0700: held mail is personal data) on first use."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)
        self.held_dir = self.folder / HELD
        self.released_dir = self.folder / RELEASED

    @property
    def journal_dir(self) -> Path:
        """Where the gateway keeps its journal: inside the quarantine folder, so one
        `--quarantine` names everything that must survive a restart."""
        return self.folder / ".gateway"

    def ensure(self) -> None:
        for folder in (self.folder, self.held_dir, self.released_dir):
            folder.mkdir(mode=0o700, parents=True, exist_ok=True)

    def hold(self, raw: bytes, meta: dict[str, Any], qid: str | None = None) -> str:
        """Store durably; returns the id. `qid` reuses an id chosen earlier (the
        gateway records it before writing, so a retry lands on the same id)."""
        self.ensure()
        qid = qid or new_id()
        if not valid_id(qid):
            raise ValueError(f"not a quarantine id: {qid!r}")
        record = dict(meta, id=qid, status=HELD, size=len(raw))
        record.setdefault("time", dt.datetime.now(dt.UTC).isoformat(timespec="seconds"))
        write_durable(self.held_dir / f"{qid}.eml", raw)
        write_durable(self.held_dir / f"{qid}.json",
                      json.dumps(record, ensure_ascii=False, indent=1).encode("utf-8"))
        fsync_dir(self.held_dir)
        return qid

    def exists(self, qid: str) -> bool:
        return valid_id(qid) and any((d / f"{qid}.json").exists()
                                     for d in (self.held_dir, self.released_dir))

    def _load(self, folder: Path, qid: str) -> Item | None:
        path = folder / f"{qid}.json"
        try:
            meta = json.loads(path.read_bytes())
        except FileNotFoundError:
            return None
        status = RELEASED if folder == self.released_dir else HELD
        if meta.get("status") == RELEASED:  # a release interrupted before the move
            status = RELEASED
        return Item(qid, status, meta, folder / f"{qid}.eml")

    def get(self, qid: str) -> Item:
        if valid_id(qid):
            for folder in (self.held_dir, self.released_dir):
                item = self._load(folder, qid)
                if item is not None:
                    return item
        raise NotFound(qid)

    def list(self, include_released: bool = False) -> list[Item]:
        """Held messages (and released ones if asked), oldest first."""
        folders = [self.held_dir] + ([self.released_dir] if include_released else [])
        items: list[Item] = []
        for folder in folders:
            if not folder.is_dir():
                continue
            for path in folder.glob("*.json"):
                item = self._load(folder, path.stem) if valid_id(path.stem) else None
                if item is not None:
                    items.append(item)
        return sorted(items, key=lambda i: i.id)

    @contextlib.contextmanager
    def _locked(self, item: Item) -> Iterator[None]:
        fd = os.open(item.eml, os.O_RDONLY)
        try:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                raise RuntimeError(f"{item.id} is being released or deleted by another "
                                   "process") from None
            yield
        finally:
            os.close(fd)

    def release(self, qid: str, target: tuple[str, int], timeout: float = 120.0) -> Reply:
        """Re-inject the original bytes, unchanged, with the original envelope; on a 250
        move the message to `released/`. Any other reply leaves it held."""
        item = self.get(qid)
        if item.status != HELD:
            raise RuntimeError(f"{qid} was already released")
        with self._locked(item):
            env = item.meta.get("envelope", {})
            options = [str(o).upper() for o in env.get("mail_options", [])]
            job = Job(digest=str(item.meta.get("digest", "")),
                      sender=str(env.get("mail_from", "")),
                      recipients=tuple(str(r) for r in env.get("rcpt_to", [])),
                      data=item.raw(), smtputf8="SMTPUTF8" in options,
                      eightbit="BODY=8BITMIME" in options)
            if not job.recipients:
                raise RuntimeError(f"{qid} has no recipients recorded")
            reply = reinject(target, job, timeout)
            if reply.ok:
                self._mark_released(item, target, reply)
        return reply

    def _mark_released(self, item: Item, target: tuple[str, int], reply: Reply) -> None:
        self.released_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
        now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        meta = dict(item.meta, status=RELEASED, released_at=now,
                    released_to=f"{target[0]}:{target[1]}", released_reply=reply.text)
        data = json.dumps(meta, ensure_ascii=False, indent=1).encode("utf-8")
        write_durable(self.held_dir / f"{item.id}.json", data)
        os.replace(item.eml, self.released_dir / f"{item.id}.eml")
        os.replace(self.held_dir / f"{item.id}.json", self.released_dir / f"{item.id}.json")
        fsync_dir(self.released_dir)
        fsync_dir(self.held_dir)

    def delete(self, qid: str) -> None:
        item = self.get(qid)
        folder = item.eml.parent
        with self._locked(item):
            (folder / f"{qid}.json").unlink()  # first: without it the item is not listed
            item.eml.unlink()
        fsync_dir(folder)

    def clean_temporary(self, older_than_s: float = 3600.0) -> int:
        """Remove temporary files left by writes a crash interrupted, and .eml files
        whose .json never came (the gateway rewrites those on Postfix's retry)."""
        removed = 0
        cutoff = time.time() - older_than_s
        if not self.held_dir.is_dir():
            return 0
        for path in self.held_dir.iterdir():
            stale = path.name.startswith(".") and ".tmp-" in path.name
            orphan = path.suffix == ".eml" and not path.with_suffix(".json").exists()
            with contextlib.suppress(OSError):
                if (stale or orphan) and path.stat().st_mtime < cutoff:
                    path.unlink()
                    removed += 1
        return removed


def default_quarantine_dir() -> Path:
    """`quarantine` in aupguard's data folder (`$AUPGUARD_DATA_DIR`, else XDG), beside
    the web filter's index and log."""
    from aupguard.web.index import default_index_path

    return default_index_path().parent / "quarantine"
