"""Handing checked mail back to Postfix (its second smtpd, with no content filter), and
the worker process that does it for the gateway.

Why a separate process: between sending the final "." to Postfix and hearing its 250,
the message may or may not be queued (RFC 1047). If the process doing the reinjection
dies in that moment, nobody knows, and Postfix's retry of the original would deliver it
a second time. The gateway's own process is the one most likely to die (it parses
untrusted mail and holds the most memory, so the OOM killer picks it), so reinjection
runs in a small worker that outlives it: when the gateway is killed, the worker
finishes what it has in flight, records the outcome in the journal, and exits when it
sees the gateway's end of the socket close. Only the death of the worker itself inside
that window (power loss, the whole service killed) can still duplicate a message.

The worker speaks pickled tuples over a socketpair (multiprocessing's Connection);
only the gateway starts it, so nothing else ever writes to it.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import re
import signal
import smtplib
import socket
import subprocess
import sys
import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path

from aupguard.hostport import split_host_port
from aupguard.mail.journal import DELIVERED, DELIVERING, Journal

_QUEUED = re.compile(r"queued as ([0-9A-Za-z]+)")
XFORWARD_ATTRS = ("NAME", "ADDR", "PORT", "PROTO", "HELO", "IDENT", "SOURCE")


@dataclass(frozen=True, slots=True)
class Reply:
    """An SMTP reply: `code` and text (enhanced status code first where there is one)."""

    code: int
    text: str

    @property
    def ok(self) -> bool:
        return 200 <= self.code < 300

    @property
    def temporary(self) -> bool:
        return 400 <= self.code < 500


@dataclass(frozen=True, slots=True)
class Job:
    """One message to hand back, with the envelope it came with."""

    digest: str
    sender: str
    recipients: tuple[str, ...]
    data: bytes
    smtputf8: bool = False
    eightbit: bool = False
    xforward: Mapping[str, str] = field(default_factory=dict)


def parse_target(text: str) -> tuple[str, int]:
    """'HOST:PORT' or '[HOST]:PORT' -> (host, port); ValueError when it is neither."""
    try:
        return split_host_port(text)
    except ValueError as exc:
        raise ValueError(f"{text!r} is not HOST:PORT: {exc}") from None


def reinject(target: tuple[str, int], job: Job, timeout: float = 120.0) -> Reply:
    """Send `job` over SMTP; all recipients or none (a refused recipient aborts the
    transaction, so one answer covers the whole message). Connection failures are 451."""
    host, port = target
    try:
        with smtplib.SMTP(host, port, timeout=timeout, local_hostname="localhost") as smtp:
            code, msg = smtp.ehlo()
            if code != 250:
                return Reply(451, f"4.4.2 the reinjection server refused EHLO: {code}")
            if job.xforward and smtp.has_extn("xforward"):
                attrs = " ".join(f"{k}={v}" for k, v in job.xforward.items())
                smtp.docmd("XFORWARD", attrs)
            options = []
            if job.eightbit and smtp.has_extn("8bitmime"):
                options.append("BODY=8BITMIME")
            if job.smtputf8 and smtp.has_extn("smtputf8"):
                options.append("SMTPUTF8")
            if smtp.has_extn("size"):
                options.append(f"SIZE={len(job.data)}")
            code, msg = smtp.mail(job.sender, options)
            if code != 250:
                return Reply(code, _text(msg))
            for rcpt in job.recipients:
                code, msg = smtp.rcpt(rcpt)
                if code not in (250, 251):
                    smtp.rset()
                    return Reply(code, _text(msg))
            code, msg = smtp.data(job.data)
            return Reply(code, _text(msg))
    except smtplib.SMTPResponseException as exc:
        return Reply(exc.smtp_code, _text(exc.smtp_error))
    except (OSError, smtplib.SMTPException) as exc:
        return Reply(451, f"4.4.1 could not hand the message back to Postfix at "
                          f"{host}:{port}: {exc}")


def _text(msg: bytes | str) -> str:
    text = msg.decode("utf-8", "replace") if isinstance(msg, bytes) else msg
    return " ".join(text.split())


def deliver_job(journal: Journal, target: tuple[str, int], job: Job,
                timeout: float = 120.0) -> Reply:
    """Reinject with the journal kept: `delivering` before, `delivered` (durable) after
    a 250, cleared after a refusal so that Postfix's retry tries again."""
    with journal.inflight(job.digest) as mine:
        if not mine:
            return Reply(451, "4.3.0 an earlier attempt at this message is still in progress")
        entry = journal.get(job.digest)
        if entry is not None and entry.state == DELIVERED:
            return Reply(250, "2.0.0 already delivered")
        try:
            journal.set(job.digest, DELIVERING)
        except Exception as exc:  # noqa: BLE001 - without the mark, wait rather than risk
            return Reply(451, f"4.3.0 cannot write the gateway journal: {exc}")
        reply = reinject(target, job, timeout)
        try:
            if reply.ok:
                found = _QUEUED.search(reply.text)
                journal.set(job.digest, DELIVERED, found.group(1) if found else None,
                            durable=True)
            else:
                journal.clear(job.digest)
        except Exception as exc:  # noqa: BLE001 - the answer stands; only the record failed
            print(f"aupguard: journal write failed for {job.digest}: {exc}", file=sys.stderr)
        return reply


def _worker_main(argv: Sequence[str] | None = None) -> int:
    """The worker: read jobs until the gateway's end closes, deliver each in a thread."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--fd", type=int, required=True)
    ap.add_argument("--target", required=True)
    ap.add_argument("--journal", type=Path, required=True)
    ap.add_argument("--timeout", type=float, default=120.0)
    args = ap.parse_args(argv)
    # A terminal's Ctrl-C or a service stop reaches the whole process group: the worker
    # finishes what it holds and leaves when the gateway closes the socket.
    for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(sig, signal.SIG_IGN)
    conn = Connection(args.fd)
    journal = Journal(args.journal)
    target = parse_target(args.target)
    send_lock = threading.Lock()
    threads: list[threading.Thread] = []

    def run(ident: int, job: Job) -> None:
        reply = deliver_job(journal, target, job, args.timeout)
        with send_lock, contextlib.suppress(OSError):
            conn.send((ident, reply.code, reply.text))

    while True:
        try:
            ident, job = conn.recv()
        except (EOFError, OSError):
            break
        thread = threading.Thread(target=run, args=(ident, job))
        thread.start()
        threads = [t for t in threads if t.is_alive()] + [thread]
    for thread in threads:
        thread.join()
    return 0


class WorkerDeliverer:
    """The gateway's side of the worker: `await deliver(job)`. Starts the worker on
    first use and again after it dies (in-flight jobs then get a 451 and Postfix
    retries them; the journal tells the retry what happened)."""

    def __init__(self, target: tuple[str, int], journal_dir: Path,
                 timeout: float = 120.0) -> None:
        self.target = target
        self.journal_dir = journal_dir
        self.timeout = timeout
        self._lock = threading.Lock()
        self._send_lock = threading.Lock()
        self._conn: Connection | None = None
        self._sock: socket.socket | None = None
        self._proc: subprocess.Popen[bytes] | None = None
        self._pending: dict[int, tuple[asyncio.AbstractEventLoop, asyncio.Future[Reply]]] = {}
        self._next = 0

    def start(self) -> None:
        """Start the worker now rather than on the first message."""
        with self._lock:
            if self._conn is None:
                self._conn = self._start()

    def _start(self) -> Connection:
        ours, theirs = socket.socketpair()
        host, port = self.target
        cmd = [sys.executable, "-c", _WORKER_CMD, "--fd", str(theirs.fileno()),
               "--target", f"{host}:{port}", "--journal", str(self.journal_dir),
               "--timeout", str(self.timeout)]
        self._proc = subprocess.Popen(cmd, pass_fds=[theirs.fileno()], stdin=subprocess.DEVNULL)
        theirs.close()
        # The Connection gets its own fd; `ours` stays to shut our sending side down,
        # which (unlike closing an fd a thread is reading) the worker sees as EOF.
        if self._sock is not None:  # a worker that died before
            self._sock.close()
        self._sock = ours
        conn = Connection(os.dup(ours.fileno()))
        threading.Thread(target=self._read, args=(conn,), daemon=True,
                         name="aupguard-reinject-reader").start()
        return conn

    def _read(self, conn: Connection) -> None:
        while True:
            try:
                ident, code, text = conn.recv()
            except (EOFError, OSError):
                break
            self._resolve(ident, Reply(code, text))
        with self._lock:
            if self._conn is conn:
                self._conn = None
            stranded = list(self._pending)
        for ident in stranded:
            self._resolve(ident, Reply(451, "4.3.0 the reinjection worker stopped; "
                                            "the outcome is recorded for the retry"))
        conn.close()

    def _resolve(self, ident: int, reply: Reply) -> None:
        with self._lock:
            waiting = self._pending.pop(ident, None)
        if waiting is not None:
            loop, fut = waiting
            loop.call_soon_threadsafe(_set_result, fut, reply)

    def _send(self, conn: Connection, ident: int, job: Job) -> None:
        with self._send_lock:
            conn.send((ident, job))

    async def deliver(self, job: Job) -> Reply:
        loop = asyncio.get_running_loop()
        fut: asyncio.Future[Reply] = loop.create_future()
        with self._lock:
            if self._conn is None:
                self._conn = self._start()
            conn = self._conn
            ident = self._next = self._next + 1
            self._pending[ident] = (loop, fut)
        try:
            await loop.run_in_executor(None, self._send, conn, ident, job)
        except OSError as exc:
            self._resolve(ident, Reply(451, f"4.3.0 the reinjection worker is not "
                                            f"reachable: {exc}"))
        return await fut

    def close(self, wait: float = 30.0) -> None:
        """Close our end: the worker finishes its jobs and exits."""
        with self._lock:
            self._conn = None
            sock, self._sock = self._sock, None
            proc = self._proc
        if sock is not None:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_WR)  # the worker sees EOF, answers, exits
            sock.close()
        if proc is not None:
            try:
                proc.wait(wait)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


class InlineDeliverer:
    """Reinjection in this process's threads: for tests and for `quarantine release`
    style one-offs, where the worker's extra safety is not needed."""

    def __init__(self, target: tuple[str, int], journal: Journal, timeout: float = 120.0):
        self.target = target
        self.journal = journal
        self.timeout = timeout

    async def deliver(self, job: Job) -> Reply:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(None, deliver_job, self.journal, self.target, job,
                                          self.timeout)

    def close(self, wait: float = 30.0) -> None:
        return None


def _set_result(fut: asyncio.Future[Reply], reply: Reply) -> None:
    if not fut.done():
        fut.set_result(reply)


_WORKER_CMD = ("import sys; from aupguard.mail.reinject import _worker_main; "
               "sys.exit(_worker_main(sys.argv[1:]))")
