"""An aiosmtpd server that keeps what it receives: the stand-in for the recipient's mail
server (behind Postfix) or for Postfix's reinjection smtpd (behind the gateway)."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, Envelope, Session

from _ports import free_port


@dataclass(frozen=True)
class Received:
    mail_from: str
    rcpt_tos: tuple[str, ...]
    data: bytes
    mail_options: tuple[str, ...]


@dataclass
class SinkHandler:
    """`reply` is what DATA is answered with ("250 ..." by default); `rcpt_reply`, when
    set, answers every RCPT."""

    reply: str = "250 2.0.0 Ok: queued as SINK"
    rcpt_reply: str | None = None
    received: list[Received] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    async def handle_RCPT(self, server: SMTP, session: Session, envelope: Envelope,
                          address: str, options: list[str]) -> str:
        if self.rcpt_reply:
            return self.rcpt_reply
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        if self.reply.startswith("2"):
            with self.lock:
                self.received.append(Received(
                    str(envelope.mail_from), tuple(envelope.rcpt_tos),
                    bytes(envelope.original_content or b""), tuple(envelope.mail_options)))
        return self.reply

    def snapshot(self) -> list[Received]:
        with self.lock:
            return list(self.received)

    def wait_for(self, count: int, timeout: float = 30.0) -> list[Received]:
        """The messages once at least `count` arrived (fails after `timeout`)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            got = self.snapshot()
            if len(got) >= count:
                return got
            time.sleep(0.05)
        raise AssertionError(f"the sink got {len(self.snapshot())} messages, not {count}")


class _LongLines(SMTP):
    line_length_limit = 1 << 20  # Postfix takes long lines too (it splits them)


class _SinkController(Controller):
    def factory(self) -> SMTP:
        return _LongLines(self.handler, **self.SMTP_kwargs)


@contextmanager
def smtp_sink(port: int | None = None) -> Iterator[tuple[SinkHandler, int]]:
    """A running sink on loopback; yields (handler, port)."""
    handler = SinkHandler()
    port = port or free_port()
    controller = _SinkController(handler, hostname="127.0.0.1", port=port, enable_SMTPUTF8=True,
                            data_size_limit=200 * 1024 * 1024)
    controller.start()
    try:
        yield handler, port
    finally:
        controller.stop()
