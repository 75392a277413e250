"""Auditing stored mail: `check_mail` over a stream of stored messages, one JSON record
per message, in input order, and a running summary that keeps counts, never verdicts,
so memory does not grow with the size of the mailbox.

A message record (`aupguard mail check --format jsonl` prints one per line; the field
names are stable, new fields may be added):
- `source`: the file, `path:N` for the Nth message (from 1) of an mbox, `-` for stdin;
- `message_id`, `date`, `from`, `subject`: from the headers (null when absent; `from`
  falls back to the mbox `From ` line's sender); `to`: every To/Cc/Bcc address;
- `size`: the message's size in bytes as stored;
- `direction`: `outbound`, `inbound` or `internal` (see `direction_of`);
- `action`, `reason`, `clauses`, `findings`, `attachments`, `problems`, `rules`: the
  verdict as `MailVerdict.to_json` writes it (`rules`: the pack's mail rules that
  fired). `action` is deliver, hold or refuse; each finding has `part` (the MIME part
  id, "subject", or "part:path" for a file in an archive), `clause`, `category`,
  `subtype`, `entity`, `action`, `excerpt` and `start`/`end`, which index the text the
  checker read from that part (the decoded text of a text/plain part, the text
  extracted from an HTML part or an attachment);
- `level`: 2 for hold or refuse, 1 for a delivered message with a warn or advise
  finding, else 0 (what the message adds to the exit code).

With `AuditSettings.clamd` every message is also scanned by clamd; clamd trouble holds
the message (see `aupguard.mail.clamav`). The bulk-mail rate limit (messages per sender
per hour) is not counted over stored mail.

A message that cannot be parsed is still a record: `parse_mail` makes it a hold with
its problems, and if checking raises all the same the record is a hold with a
`check-failed` problem. The audit never stops on a message.

The summary (`Summary.to_json`): `summary: true`, `messages`, `actions` (count by
action), `warned` (delivered with warn/advise findings), `with_problems`, `clauses`
(the ten clauses cited by most messages, with their counts), `skipped` (files that are
not mail and folders left out), `unreadable` (count) and `unreadable_sources` (the first
100: source and reason), `exit_code`.

Exit code: the highest message level, or 3 when any source could not be read, since
then the audit did not see everything; files that are not mail change nothing.
"""

from __future__ import annotations

import email.utils
import multiprocessing
import re
import signal
from collections import Counter, deque
from collections.abc import Generator, Iterable
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from typing import Any, Literal

from aupguard.engine import Checker, audience_for
from aupguard.mail.checkmail import check_mail
from aupguard.mail.limits import Limits
from aupguard.mail.parts import CHECK_FAILED
from aupguard.mail.stores import Item, Skipped, StoredMessage
from aupguard.model import Audience
from aupguard.policy.schema import Council

Direction = Literal["outbound", "inbound", "internal"]
DIRECTIONS: tuple[str, ...] = ("outbound", "inbound", "internal")
ACTIONS: tuple[str, ...] = ("deliver", "hold", "refuse")
Record = dict[str, Any]
_FROM_HEADER = re.compile(rb"^from[ \t]*:([^\r\n]*(?:\r?\n[ \t][^\r\n]*)*)",
                          re.IGNORECASE | re.MULTILINE)
_HEAD_BYTES = 256 * 1024
_WARN_LEVEL = frozenset({"warn", "advise"})
_TOP_CLAUSES = 10
_MAX_LISTED = 100


@dataclass(frozen=True, slots=True)
class AuditSettings:
    """How every message is checked. `direction` and `sender` override what the headers
    say (for a store whose direction is known, such as a Sent folder)."""

    policy: str = "leigh"
    direction: Direction | None = None
    sender: str | None = None
    limits: Limits | None = None
    clamd: str | None = None  # clamd's address: scan for viruses too


def header_sender(data: bytes) -> str | None:
    """The first address of the From header, read without parsing the whole message
    (only the header block, and only the first 2,000 characters of the field)."""
    head = data[:_HEAD_BYTES]
    ends = [i for i in (head.find(b"\n\n"), head.find(b"\r\n\r\n")) if i >= 0]
    m = _FROM_HEADER.search(head[: min(ends)] if ends else head)
    if not m:
        return None
    value = m.group(1)[:2000].decode("utf-8", "replace")
    try:
        found = email.utils.getaddresses([value])
    except Exception:  # noqa: BLE001 - a sender is a hint here, never required
        return None
    return next((addr for _, addr in found if "@" in addr), None)


def direction_of(msg: StoredMessage, council: Council,
                 settings: AuditSettings) -> tuple[Direction, Audience | None]:
    """Direction, and the audience to check for (None: `check_mail` works it out from
    the recipients). A message from an address outside the council's domains was
    received: inbound, checked as internal mail. Otherwise the recipients decide:
    outbound when any is external (or none is known), internal when all are the
    council's. An unknown sender, or a pack without email domains, counts as the
    council's, which is the stricter reading."""
    if settings.direction is not None:
        return settings.direction, "external" if settings.direction == "outbound" else "internal"
    sender = settings.sender or header_sender(msg.data) or msg.envelope_from
    if sender and council.email_domains and audience_for((sender,), council) == "external":
        return "inbound", "internal"
    return "outbound", None  # corrected below from the verdict's recipients


def audit_message(checker: Checker, msg: StoredMessage, settings: AuditSettings) -> Record:
    """The record for one message (see the module docstring). Never raises."""
    direction, audience = direction_of(msg, checker.pack.council, settings)
    try:
        if settings.clamd:
            from aupguard.mail.clamav import ClamdScanner

            verdict = check_mail(checker, msg.data, audience=audience, limits=settings.limits,
                                 scanner=ClamdScanner(settings.clamd))
        else:
            verdict = check_mail(checker, msg.data, audience=audience, limits=settings.limits)
    except Exception as exc:  # noqa: BLE001 - one bad message must not stop an audit
        return failed_record(msg, f"the check failed: {exc!r:.200}", direction)
    h = verdict.parsed.headers
    if audience is None:
        internal = audience_for(h.recipients, checker.pack.council) == "internal"
        direction = "internal" if internal else "outbound"
    rec: Record = {
        "source": msg.source, "message_id": h.message_id, "date": h.date,
        "from": h.from_ or msg.envelope_from, "to": list(h.recipients),
        "subject": h.subject, "size": msg.size, "direction": direction,
    }
    rec.update(verdict.to_json())
    rec["level"] = record_level(rec)
    return rec


def failed_record(msg: StoredMessage, detail: str, direction: str | None = None) -> Record:
    """A hold record for a message that could not be checked at all."""
    return {
        "source": msg.source, "message_id": None, "date": None, "from": msg.envelope_from,
        "to": [], "subject": None, "size": msg.size, "direction": direction,
        "action": "hold", "reason": f"could not be checked: {detail}", "clauses": [],
        "findings": [], "attachments": [],
        "problems": [{"code": CHECK_FAILED, "detail": detail, "part": None}], "rules": [],
        "level": 2,
    }


def record_level(rec: Record) -> int:
    if rec["action"] != "deliver":
        return 2
    return 1 if any(f["action"] in _WARN_LEVEL for f in rec["findings"]) else 0


class Summary:
    """Counts over an audit. Holds no records, only counters bounded by the pack's
    clauses and a capped list of unreadable sources."""

    def __init__(self) -> None:
        self.messages = 0
        self.actions: Counter[str] = Counter({a: 0 for a in ACTIONS})
        self.warned = 0
        self.with_problems = 0
        self.clauses: Counter[str] = Counter()
        self.skipped = 0
        self.unreadable = 0
        self.unreadable_sources: list[dict[str, str]] = []
        self.level = 0

    def add(self, rec: Record) -> None:
        self.messages += 1
        self.actions[rec["action"]] += 1
        self.warned += rec["level"] == 1
        self.with_problems += bool(rec["problems"])
        self.clauses.update(rec["clauses"])
        self.level = max(self.level, rec["level"])

    def skip(self, item: Skipped) -> None:
        if not item.unreadable:
            self.skipped += 1
            return
        self.unreadable += 1
        if len(self.unreadable_sources) < _MAX_LISTED:
            self.unreadable_sources.append({"source": item.source, "reason": item.reason})

    @property
    def exit_code(self) -> int:
        return 3 if self.unreadable else self.level

    def to_json(self) -> Record:
        return {
            "summary": True, "messages": self.messages, "actions": dict(self.actions),
            "warned": self.warned, "with_problems": self.with_problems,
            "clauses": [{"clause": c, "messages": n}
                        for c, n in self.clauses.most_common(_TOP_CLAUSES)],
            "skipped": self.skipped, "unreadable": self.unreadable,
            "unreadable_sources": self.unreadable_sources, "exit_code": self.exit_code,
        }


def run_audit(items: Iterable[Item], settings: AuditSettings, *, workers: int = 1,
              checker: Checker | None = None) -> Generator[Record | Skipped, None, None]:
    """A record for each message and each `Skipped` item, in input order, lazily. With
    `workers` > 1, messages are checked in that many processes (one checker each),
    with at most a few messages per worker read ahead."""
    if workers <= 1:
        checker = checker or Checker(settings.policy)
        for item in items:
            yield item if isinstance(item, Skipped) else audit_message(checker, item, settings)
        return
    yield from _run_parallel(items, settings, workers)


_WORKER: tuple[Checker, AuditSettings] | None = None


def _init_worker(settings: AuditSettings) -> None:
    # Ctrl-C is the parent's to handle: it stops the pool and prints the summary.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    global _WORKER
    _WORKER = (Checker(settings.policy), settings)


def _work(msg: StoredMessage) -> Record:
    assert _WORKER is not None, "worker not initialised"
    return audit_message(_WORKER[0], msg, _WORKER[1])


Pending = tuple[StoredMessage, "Future[Record]"] | Skipped


def _run_parallel(items: Iterable[Item], settings: AuditSettings,
                  workers: int) -> Generator[Record | Skipped, None, None]:
    # spawn: the parent may run a progress thread, and forking with threads can hang.
    context = multiprocessing.get_context("spawn")

    def new_pool() -> ProcessPoolExecutor:
        return ProcessPoolExecutor(workers, mp_context=context, initializer=_init_worker,
                                   initargs=(settings,))

    pool = new_pool()
    window: deque[Pending] = deque()
    try:
        for item in items:
            if isinstance(item, Skipped):
                window.append(item)
            else:
                try:
                    window.append((item, pool.submit(_work, item)))
                except RuntimeError:  # BrokenProcessPool: a worker died; start again
                    pool.shutdown(wait=False, cancel_futures=True)
                    pool = new_pool()
                    window.append((item, pool.submit(_work, item)))
            while len(window) > workers * 4:
                yield _resolve(window.popleft())
        while window:
            yield _resolve(window.popleft())
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _resolve(pending: Pending) -> Record | Skipped:
    if isinstance(pending, Skipped):
        return pending
    msg, future = pending
    try:
        return future.result()
    except Exception as exc:  # noqa: BLE001 - e.g. the worker was killed: held, reported
        return failed_record(msg, f"the checking process failed: {exc!r:.200}")
