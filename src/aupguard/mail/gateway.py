"""The Postfix after-queue content filter: receive over SMTP, check, then deliver, hold
or refuse, and only then answer Postfix.

The pattern is the "advanced content filter" of Postfix's FILTER_README, as Amavis uses
it: Postfix hands every message to this SMTP server (`content_filter`), and we hand
the messages we let through to Postfix's second smtpd (no filter there), with the same
envelope. Postfix deletes its copy only once we answer 250, so:

- deliver: our 250 comes after the second smtpd's 250 (its 4xx, or no answer, is our
  451 and Postfix retries; its 5xx is passed back and Postfix bounces);
- hold: our 250 comes after the quarantine's files and folder are fsynced;
- refuse: 550 5.7.1 naming the clause and the fix, which Postfix puts in the bounce
  (a message from the null sender, itself a bounce, is held instead: nobody would
  hear of its refusal);
- a check that raises holds the message ("could not be checked: internal error"), and
  a quarantine that cannot be written is a 451: never delivered unchecked, never dropped.

A retry of a message we already finished (Postfix did not hear our answer) is recognised
by its digest in the journal (`aupguard.mail.journal`) and answered without doing it
again. Checks are CPU-bound, so they run in a thread pool and the event loop keeps
serving other connections; Postfix's `maxproc` for the filter transport bounds how many
arrive at once.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import email.parser
import email.policy
import functools
import inspect
import logging
from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Protocol, TypeVar

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, Envelope, Session, syntax

from aupguard.engine import Checker
from aupguard.mail.checkmail import MailVerdict, check_mail
from aupguard.mail.journal import DELIVERED, DELIVERING, HELD, Journal, message_digest
from aupguard.mail.quarantine import Quarantine, new_id
from aupguard.mail.reinject import XFORWARD_ATTRS, Job, Reply
from aupguard.mail.replies import (
    add_verdict_headers,
    ascii_line,
    direction_of,
    held_reply,
    refusal_reply,
    relay_reply,
)

log = logging.getLogger("aupguard.mail.gateway")
T = TypeVar("T")
INTERNAL_ERROR = "could not be checked: internal error"
_ADVERTISED = "XFORWARD " + " ".join(XFORWARD_ATTRS)


class Deliverer(Protocol):
    async def deliver(self, job: Job) -> Reply: ...

    def close(self, wait: float = 30.0) -> None: ...


class _Envelope(Envelope):
    def __init__(self) -> None:
        super().__init__()
        self.xforward: dict[str, str] = {}


class GatewaySMTP(SMTP):
    """aiosmtpd's server plus XFORWARD (so Postfix's client name, address and queue id
    reach our log, the quarantine record and, passed on, Postfix's log of the
    reinjected message) and long lines (a 500 for one would bounce the message)."""

    line_length_limit = 1 << 20

    def _create_envelope(self) -> Envelope:
        return _Envelope()

    @syntax("XFORWARD attribute=value ...")
    async def smtp_XFORWARD(self, arg: str | None) -> None:
        envelope = self.envelope
        if not isinstance(envelope, _Envelope) or envelope.mail_from:
            await self.push("503 5.5.1 Error: XFORWARD inside a mail transaction")
            return
        attrs: dict[str, str] = {}
        for item in (arg or "").split():
            key, sep, value = item.partition("=")
            key = key.upper()
            if (not sep or key not in XFORWARD_ATTRS or not value or len(value) > 255
                    or not value.isascii() or not value.isprintable()):
                await self.push("501 5.5.4 Syntax: XFORWARD attribute=value ...")
                return
            attrs[key] = value
        if not attrs:
            await self.push("501 5.5.4 Syntax: XFORWARD attribute=value ...")
            return
        envelope.xforward.update(attrs)
        await self.push("250 2.0.0 Ok")


class Gateway:
    """The aiosmtpd handler. `check` is `check_mail` (replaceable to test failures);
    `check_options` are extra keyword arguments for it (scanner, bulk limits, ...),
    passed only if `check` accepts them."""

    def __init__(self, checker: Checker, quarantine: Quarantine, deliverer: Deliverer, *,
                 journal: Journal | None = None, workers: int = 2,
                 check: Callable[..., MailVerdict] = check_mail,
                 check_options: Mapping[str, Any] | None = None) -> None:
        self.checker = checker
        self.quarantine = quarantine
        self.deliverer = deliverer
        quarantine.ensure()
        self.journal = journal or Journal(quarantine.journal_dir)
        self.check = check
        self._accepts = _keywords(check)
        self.check_options = {k: v for k, v in (check_options or {}).items()
                              if k in self._accepts}
        self.domains = tuple(checker.pack.council.email_domains)
        self.checks = ThreadPoolExecutor(max(1, workers), thread_name_prefix="aupguard-check")
        self.disk = ThreadPoolExecutor(4, thread_name_prefix="aupguard-disk")
        self.active = 0

    def close(self) -> None:
        self.checks.shutdown(wait=True)
        self.disk.shutdown(wait=True)
        self.deliverer.close()

    async def handle_EHLO(self, server: SMTP, session: Session, envelope: Envelope,
                          hostname: str, responses: list[str]) -> list[str]:
        session.host_name = hostname
        return [*responses[:-1], "250-" + _ADVERTISED, responses[-1]]

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        self.active += 1
        try:
            return await self._message(envelope)
        except Exception:  # noqa: BLE001 - aiosmtpd would answer 500 and Postfix bounce
            log.exception("unexpected error handling a message; asking Postfix to retry")
            return "451 4.3.0 internal error in the policy filter; try again later"
        finally:
            self.active -= 1

    async def _disk(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self.disk, functools.partial(fn, *args, **kwargs))

    async def _message(self, envelope: Envelope) -> str:
        raw = envelope.original_content or b""
        sender = "" if envelope.mail_from in (None, "<>") else str(envelope.mail_from)
        rcpts = tuple(envelope.rcpt_tos)
        xforward = dict(getattr(envelope, "xforward", {}))
        digest = message_digest(sender, rcpts, raw)
        tag = f"{xforward.get('IDENT', '-')} {digest[:12]}"
        qid: str | None = None
        entry = await self._disk(self.journal.get, digest)
        if entry is not None:
            if entry.state == DELIVERED:
                log.info("%s retry of a message already delivered: not sent again", tag)
                return "250 2.0.0 Ok: already delivered after an earlier attempt"
            if entry.state == HELD and entry.ref:
                if await self._disk(self.quarantine.exists, entry.ref):
                    log.info("%s retry of a message already held as %s", tag, entry.ref)
                    return held_reply(entry.ref, "already held after an earlier attempt")
                qid = entry.ref  # the quarantine write was interrupted: same id again
            if entry.state == DELIVERING:
                if await self._disk(self.journal.busy, digest):
                    return "451 4.3.0 an earlier attempt at this message is still in progress"
                log.warning("%s an earlier delivery was interrupted after the message was "
                            "handed to Postfix: delivering again (possible duplicate)", tag)
        direction = direction_of(sender, rcpts, self.domains)
        info = {"sender": sender, "rcpts": rcpts, "xforward": xforward, "digest": digest,
                "direction": direction, "mail_options": list(envelope.mail_options)}
        loop = asyncio.get_running_loop()
        try:
            verdict = await loop.run_in_executor(
                self.checks, self._check, raw, sender, rcpts, direction)
        except Exception as exc:  # noqa: BLE001 - never deliver what was not checked
            log.exception("%s the check failed: holding the message", tag)
            return await self._hold(raw, info, None, INTERNAL_ERROR, qid, repr(exc))
        log.info("%s from=<%s> rcpts=%d direction=%s action=%s reason=%s", tag, sender,
                 len(rcpts), direction, verdict.action, verdict.reason)
        if verdict.action == "hold":
            return await self._hold(raw, info, verdict, verdict.reason, qid)
        if verdict.action == "refuse":
            if not sender:  # a bounce cannot be bounced: refused, it would vanish
                return await self._hold(raw, info, verdict, f"{verdict.reason} (held, not "
                                        "refused: a message from <> cannot be bounced)", qid)
            return refusal_reply(verdict, self.checker.pack)
        cited = tuple(dict.fromkeys(f.clause for f in verdict.findings
                                    if f.clause and f.action in ("warn", "advise")))
        job = Job(digest, sender, rcpts, add_verdict_headers(raw, "deliver", cited),
                  smtputf8=bool(envelope.smtp_utf8),
                  eightbit="BODY=8BITMIME" in envelope.mail_options, xforward=xforward)
        reply = await self.deliverer.deliver(job)
        if not reply.ok:
            log.warning("%s reinjection answered %d %s", tag, reply.code, reply.text)
        return relay_reply(reply.code, reply.text, "Ok: checked and delivered")

    def _check(self, raw: bytes, sender: str, rcpts: tuple[str, ...],
               direction: str) -> MailVerdict:
        kwargs: dict[str, Any] = dict(self.check_options)
        for name, value in (("recipients", list(rcpts)), ("sender", sender),
                            ("direction", direction)):
            if name in self._accepts:
                kwargs[name] = value
        return self.check(self.checker, raw, **kwargs)

    async def _hold(self, raw: bytes, info: dict[str, Any], verdict: MailVerdict | None,
                    reason: str, qid: str | None, error: str | None = None) -> str:
        qid = qid or new_id()
        meta = _metadata(raw, info, verdict, reason, error)
        try:
            await self._disk(self.journal.set, info["digest"], HELD, qid, durable=True)
            await self._disk(self.quarantine.hold, raw, meta, qid)
        except Exception:  # noqa: BLE001 - Postfix keeps the message and retries
            log.exception("could not write the quarantine for %s", info["digest"][:12])
            return "451 4.3.0 the quarantine could not be written; try again later"
        log.warning("%s held as %s: %s", info["xforward"].get("IDENT", "-"), qid, reason)
        return held_reply(qid, reason)


def _keywords(fn: Callable[..., Any]) -> frozenset[str]:
    try:
        params = inspect.signature(fn).parameters.values()
    except (TypeError, ValueError):
        return frozenset({"recipients"})
    if any(p.kind is inspect.Parameter.VAR_KEYWORD for p in params):
        return frozenset({"recipients"})
    return frozenset(p.name for p in params if p.kind is not inspect.Parameter.VAR_POSITIONAL)


def _headers(raw: bytes) -> dict[str, str | None]:
    """Subject, From and Message-ID read leniently (for the record when the check
    itself failed)."""
    try:
        msg = email.parser.BytesHeaderParser(policy=email.policy.compat32).parsebytes(
            raw[: 256 * 1024])
        return {k: (ascii_line(str(msg[h]), 300) if msg[h] is not None else None)
                for k, h in (("subject", "Subject"), ("from", "From"),
                             ("message_id", "Message-ID"))}
    except Exception:  # noqa: BLE001 - only for display
        return {"subject": None, "from": None, "message_id": None}


def _metadata(raw: bytes, info: dict[str, Any], verdict: MailVerdict | None, reason: str,
              error: str | None) -> dict[str, Any]:
    xforward = info["xforward"]
    if verdict is not None:
        h = verdict.parsed.headers
        heads: dict[str, str | None] = {"subject": h.subject, "from": h.from_,
                                        "message_id": h.message_id}
        verdict_json = verdict.to_json()
    else:
        heads = _headers(raw)
        verdict_json = {"message_id": heads["message_id"], "action": "hold", "reason": reason,
                        "clauses": [], "findings": [], "attachments": [],
                        "problems": [{"code": "check-failed", "detail": error or reason,
                                      "part": None}]}
    return {
        "time": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "digest": info["digest"],
        "queue_id": xforward.get("IDENT"),
        "envelope": {"mail_from": info["sender"], "rcpt_to": list(info["rcpts"]),
                     "mail_options": info["mail_options"],
                     "client": {k: xforward[k] for k in ("NAME", "ADDR", "HELO")
                                if k in xforward}},
        "direction": info["direction"],
        **heads,
        "reason": reason,
        "verdict": verdict_json,
    }


async def _prune_daily(gateway: Gateway, keep_s: float = 7 * 24 * 3600) -> None:
    """Forget journal entries older than a week, once a day (Postfix gives up on a
    message after `maximal_queue_lifetime`, 5 days by default)."""
    while True:
        await asyncio.sleep(24 * 3600)
        try:
            await gateway._disk(gateway.journal.prune, keep_s)
        except Exception:  # noqa: BLE001 - a missed prune only keeps old rows longer
            log.exception("could not prune the gateway journal")


def smtp_options(max_size: int, hostname: str | None = None) -> dict[str, Any]:
    """aiosmtpd server options: SIZE advertised and enforced at `max_size` (above the
    check limit, so large messages are held "too large to check" rather than bounced),
    SMTPUTF8 accepted and passed on."""
    return {"data_size_limit": max_size, "enable_SMTPUTF8": True, "decode_data": False,
            "hostname": hostname or "aupguard-filter", "ident": "aupguard mail gateway",
            "timeout": 660}


class GatewayController(Controller):
    """The gateway on a thread of its own (tests, and embedding)."""

    def factory(self) -> SMTP:
        return GatewaySMTP(self.handler, **self.SMTP_kwargs)


async def serve(gateway: Gateway, host: str, port: int, options: Mapping[str, Any],
                stop: asyncio.Event, drain_s: float = 60.0) -> None:
    """Serve until `stop` is set, then stop listening, let messages in progress finish
    (up to `drain_s`), and close the pools and the reinjection worker."""
    loop = asyncio.get_running_loop()
    server = await loop.create_server(
        lambda: GatewaySMTP(gateway, loop=loop, **options), host, port, reuse_address=True)
    log.warning("listening on %s:%d", host, port)
    pruning = asyncio.create_task(_prune_daily(gateway))
    try:
        await stop.wait()
    finally:
        pruning.cancel()
        server.close()
        for _ in range(int(drain_s * 10)):
            if gateway.active == 0:
                break
            await asyncio.sleep(0.1)
        await loop.run_in_executor(None, gateway.close)
