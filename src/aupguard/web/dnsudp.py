"""DNS over UDP for the embedded filter: the client-facing socket and the sockets to
the upstream resolver, driven by the asyncio event loop but without its datagram
transports.

Why not `loop.create_datagram_endpoint`: its transport reads one datagram per wake-up
and wraps every send, which costs more than deciding on a cached name. Here each
wake-up drains up to `BATCH` datagrams from a non-blocking socket, and sends go
straight to the socket; a send that would block is dropped, as UDP may drop any
packet, and the client asks again.

Upstream replies are matched by a fresh random transaction id per query (unique among
those waiting on that socket) and by the question, then given the client's own id
back, so concurrent clients never see each other's answers and a stray packet reaches
no one. Queries still waiting after the timeout are answered SERVFAIL by a sweep that
runs every `SWEEP_SECONDS` (cheaper than one timer per query).
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import socket
import sys
import time
from collections.abc import Callable
from functools import partial

from aupguard.web.dnswire import SERVFAIL, Question, error_reply, question_matches

__all__ = ["UdpListener", "UpstreamSockets", "client_address"]

BATCH = 64
SOCKET_BUFFER = 1 << 22  # asked for; the kernel caps it at net.core.[rw]mem_max
SWEEP_SECONDS = 0.1
MAX_PENDING = 60_000  # per upstream socket; ids are 16 bits

Reply = Callable[[bytes], None]
Handler = Callable[[bytes, str], tuple[bytes | None, Question | None]]


def client_address(addr: str) -> str:
    """The client as the pack's groups name it: "::ffff:192.0.2.7" -> "192.0.2.7"."""
    if addr.startswith("::ffff:") and "." in addr:
        return addr[7:]
    return addr


def _buffers(sock: socket.socket) -> None:
    for option in (socket.SO_RCVBUF, socket.SO_SNDBUF):
        with contextlib.suppress(OSError):
            sock.setsockopt(socket.SOL_SOCKET, option, SOCKET_BUFFER)


class _RandomIds:
    """16-bit ids from the kernel's random source, read in blocks (a guessable id
    would let an off-path attacker forge upstream answers)."""

    def __init__(self) -> None:
        self._block = b""
        self._at = 0

    def next(self) -> int:
        if self._at >= len(self._block):
            self._block, self._at = os.urandom(8192), 0
        value = int.from_bytes(self._block[self._at : self._at + 2], "big")
        self._at += 2
        return value


class _Upstream:
    """One connected UDP socket to the upstream resolver and the queries waiting on it."""

    def __init__(self, loop: asyncio.AbstractEventLoop, address: tuple[str, int],
                 timeout: float, ids: _RandomIds) -> None:
        family = socket.AF_INET6 if ":" in address[0] else socket.AF_INET
        self.sock = socket.socket(family, socket.SOCK_DGRAM)
        self.sock.setblocking(False)
        _buffers(self.sock)
        self.sock.connect(address)
        self.timeout = timeout
        self.ids = ids
        # new id -> (deadline, query, question, reply); insertion order is deadline order
        self.pending: dict[int, tuple[float, bytes, Question, Reply]] = {}
        self.loop = loop
        loop.add_reader(self.sock.fileno(), self._readable)

    def forward(self, query: bytes, q: Question, reply: Reply) -> None:
        if len(self.pending) >= MAX_PENDING:
            reply(error_reply(query, SERVFAIL, q))
            return
        new_id = self.ids.next()
        while new_id in self.pending:
            new_id = self.ids.next()
        self.pending[new_id] = (time.monotonic() + self.timeout, query, q, reply)
        try:  # noqa: SIM105 (per packet: try is cheaper than a context manager)
            self.sock.send(new_id.to_bytes(2, "big") + query[2:])
        except OSError:  # full buffer, or the upstream refused the last one: time out
            pass

    def _readable(self) -> None:
        for _ in range(BATCH):
            try:
                data = self.sock.recv(65535)
            except (BlockingIOError, InterruptedError):
                return
            except OSError:  # e.g. ICMP port unreachable reported on a connected socket
                continue
            if len(data) < 12:
                continue
            new_id = int.from_bytes(data[:2], "big")
            waiting = self.pending.get(new_id)
            if waiting is None or not question_matches(waiting[1], data, waiting[2].end):
                continue
            del self.pending[new_id]
            waiting[3](waiting[1][:2] + data[2:])

    def expire(self, now: float) -> None:
        """SERVFAIL to every query past its deadline (the oldest come first)."""
        while self.pending:
            new_id, (deadline, query, q, reply) = next(iter(self.pending.items()))
            if deadline > now:
                return
            del self.pending[new_id]
            reply(error_reply(query, SERVFAIL, q))

    def close(self) -> None:
        self.loop.remove_reader(self.sock.fileno())
        self.sock.close()


class UpstreamSockets:
    """A few upstream sockets used in turn: more source ports to guess makes a forged
    reply harder to land."""

    def __init__(self, loop: asyncio.AbstractEventLoop, address: tuple[str, int],
                 timeout: float, count: int = 4) -> None:
        ids = _RandomIds()
        self.sockets = [_Upstream(loop, address, timeout, ids) for _ in range(count)]
        self._turn = 0
        self._sweeper = loop.create_task(self._sweep())

    def forward(self, query: bytes, q: Question, reply: Reply) -> None:
        self._turn = (self._turn + 1) % len(self.sockets)
        self.sockets[self._turn].forward(query, q, reply)

    async def _sweep(self) -> None:
        while True:
            await asyncio.sleep(SWEEP_SECONDS)
            now = time.monotonic()
            for upstream in self.sockets:
                upstream.expire(now)

    def close(self) -> None:
        self._sweeper.cancel()
        for upstream in self.sockets:
            upstream.close()


class UdpListener:
    """The socket clients ask; `handle` decides, `upstreams` forwards."""

    def __init__(self, loop: asyncio.AbstractEventLoop, address: tuple[str, int],
                 handle: Handler, upstreams: UpstreamSockets) -> None:
        family = socket.AF_INET6 if ":" in address[0] else socket.AF_INET
        self.sock = socket.socket(family, socket.SOCK_DGRAM)
        try:
            self.sock.setblocking(False)
            _buffers(self.sock)
            self.sock.bind(address)
        except OSError:
            self.sock.close()
            raise
        self.port = int(self.sock.getsockname()[1])
        self.handle = handle
        self.upstreams = upstreams
        self.loop = loop
        loop.add_reader(self.sock.fileno(), self._readable)

    def _send(self, addr: tuple[str, int], data: bytes) -> None:
        try:  # noqa: SIM105 (per packet: try is cheaper than a context manager)
            self.sock.sendto(data, addr)
        except OSError:  # would block, or the client went away: UDP drops it
            pass

    def _readable(self) -> None:
        for _ in range(BATCH):
            try:
                data, addr = self.sock.recvfrom(65535)
            except (BlockingIOError, InterruptedError):
                return
            except OSError:
                continue
            try:
                reply, q = self.handle(data, client_address(addr[0]))
            except Exception as exc:  # a bug must not stop the network's DNS
                print(f"aupguard web dns: error on a query from {addr[0]}: {exc!r}",
                      file=sys.stderr)
                self._send(addr, error_reply(data, SERVFAIL))
                continue
            if reply is not None:
                self._send(addr, reply)
            elif q is not None:
                self.upstreams.forward(data, q, partial(self._send, addr))

    def close(self) -> None:
        self.loop.remove_reader(self.sock.fileno())
        self.sock.close()
