"""The embedded DNS filter: answers blocked names with the block page's address and
forwards every other query, byte for byte, to the council's resolver.

Why answer a blocked name with an address rather than NXDOMAIN: a browser that gets an
address connects to the block page, which says what was blocked, under which clause and
whom to ask; NXDOMAIN only shows "site can't be reached". AAAA gets the IPv6 block
address when one is set, else NODATA (NOERROR, no records) so the browser uses IPv4;
other types (MX, TXT, HTTPS...) get NODATA: the name exists, but nothing is served.

Why REFUSED for a name the filter cannot read (bytes no host name has, e.g. a dot or a
space inside a label): no browser asks for such a name, so there is no page to show; the
query is never forwarded (fail closed) and the error is logged.

Why log each (client, name) at most once a minute: a page load asks A, AAAA and HTTPS
for each name, and clients re-ask as their caches expire, so logging every query would
fill the log with repeats without telling the Clerk anything more. The log's question
is "who tried to reach what, when"; one line per client, name and minute answers it.

Names that tell browsers and phones to go around local DNS get NXDOMAIN, which is
how their makers let a network opt out: Firefox's DNS-over-HTTPS canary
`use-application-dns.net`, and Apple's iCloud Private Relay `mask.icloud.com` and
`mask-h2.icloud.com`. Without this a filtered network is one setting away from none.

Decisions are cached per (name, group) for `CACHE_SECONDS`, so a busy network costs one
index lookup per name every few seconds; the cache is dropped when `WebFilter` reloads
an edited pack or a new index.
"""

from __future__ import annotations

import asyncio
import ipaddress
import signal
import socket
import sys
import time
from dataclasses import dataclass

from aupguard.web.decide import Decision, group_for
from aupguard.web.dnsudp import UdpListener, UpstreamSockets, client_address
from aupguard.web.dnswire import (
    CLASS_IN,
    NXDOMAIN,
    REFUSED,
    SERVFAIL,
    TYPE_A,
    TYPE_AAAA,
    TYPE_ANY,
    Question,
    WireError,
    answer_addresses,
    error_reply,
    parse_question,
    question_matches,
)
from aupguard.web.service import WebFilter

__all__ = [
    "BYPASS_CANARIES", "CACHE_SECONDS", "LOG_SECONDS", "DnsFilter", "DnsSettings", "serve"
]

CACHE_SECONDS = 5.0
CACHE_MAX = 200_000
LOG_SECONDS = 60.0
BYPASS_CANARIES = frozenset(
    {"use-application-dns.net", "mask.icloud.com", "mask-h2.icloud.com"}
)
TCP_IDLE_SECONDS = 10.0
TCP_MAX_CONNECTIONS = 256


@dataclass(frozen=True)
class DnsSettings:
    """What `aupguard web dns` was asked to do (addresses are (host, port))."""

    listen: tuple[str, int]
    upstream: tuple[str, int]
    block_v4: str | None = "127.0.0.1"
    block_v6: str | None = None
    ttl: int = 60
    timeout: float = 2.0


class DnsFilter:
    """Decides on one query: a finished reply, a question to forward, or nothing."""

    def __init__(self, web: WebFilter, settings: DnsSettings) -> None:
        self.web = web
        self.settings = settings
        v4 = ipaddress.IPv4Address(settings.block_v4).packed if settings.block_v4 else None
        v6 = ipaddress.IPv6Address(settings.block_v6).packed if settings.block_v6 else None
        self._records = {
            TYPE_A: [(TYPE_A, v4)] if v4 else [],
            TYPE_AAAA: [(TYPE_AAAA, v6)] if v6 else [],
            TYPE_ANY: [(t, a) for t, a in ((TYPE_A, v4), (TYPE_AAAA, v6)) if a],
        }
        self._decisions: dict[tuple[str, str | None], tuple[float, Decision]] = {}
        self._groups: dict[str, str | None] = {}
        self._logged: dict[tuple[str, str], float] = {}
        self._seen = (web.pack, web.index)

    def _group(self, client: str) -> str | None:
        if self.web.group is not None:
            return self.web.group
        try:
            return self._groups[client]
        except KeyError:
            group = group_for(self.web.pack.web, client, None)
            if len(self._groups) > CACHE_MAX:
                self._groups.clear()
            self._groups[client] = group
            return group

    def decision(self, name: str, client: str) -> Decision:
        """`WebFilter.decide` for `name`, cached; logs at most once per LOG_SECONDS."""
        now = time.monotonic()
        if self._seen[0] is not self.web.pack or self._seen[1] is not self.web.index:
            self._seen = (self.web.pack, self.web.index)
            self._decisions.clear()
            self._groups.clear()
        group = self._group(client)
        key = (name, group)
        hit = self._decisions.get(key)
        if hit is not None and hit[0] > now:
            d = hit[1]
        else:
            d = self.web.decide(name, client=client, group=group, log=False)
            if len(self._decisions) > CACHE_MAX:
                self._decisions.clear()
            self._decisions[key] = (now + CACHE_SECONDS, d)
        self._log(d, name, client, now)
        return d

    def _log(self, d: Decision, name: str, client: str, now: float) -> None:
        log = self.web.log
        if log is None:
            return
        key = (client, name)
        last = self._logged.get(key)
        if last is not None and now - last < LOG_SECONDS:
            return
        if len(self._logged) > CACHE_MAX:
            recent = {k: t for k, t in self._logged.items() if now - t < LOG_SECONDS}
            # Still mostly recent (a flood of new names): forget them all rather than
            # sift again on every query; the cost is a few repeated log lines.
            self._logged = recent if len(recent) < CACHE_MAX // 2 else {}
        self._logged[key] = now
        log.record(d, via=self.web.via, client=client)

    def _refuse_unreadable(self, data: bytes, q: Question, client: str) -> bytes:
        reason = "DNS name has a label with bytes no host name has"
        d = Decision(q.name, "error", None, None, None, self._group(client), None, reason)
        self._log(d, q.name, client, time.monotonic())
        return error_reply(data, REFUSED, q)

    def handle(self, data: bytes, client: str) -> tuple[bytes | None, Question | None]:
        """(reply, None) to answer here, (None, question) to forward, (None, None) to
        drop. Never raises on bad input."""
        try:
            q = parse_question(data)
        except WireError as exc:
            if exc.rcode is None:
                return None, None
            return error_reply(data, exc.rcode), None
        if not q.name:
            return None, q  # the root (". NS" and the like) names no website
        if not q.valid_host:
            return self._refuse_unreadable(data, q, client), None
        if q.name in BYPASS_CANARIES:
            return error_reply(data, NXDOMAIN, q), None
        d = self.decision(q.name, client)
        if d.action == "block":
            records = self._records.get(q.qtype, []) if q.qclass == CLASS_IN else []
            return answer_addresses(data, q, records, self.settings.ttl), None
        if d.action == "error":
            return error_reply(data, REFUSED, q), None
        return None, q


class _TcpServer:
    """DNS over TCP (two-byte length prefix), for clients retrying a truncated answer;
    forwarded queries go upstream over TCP too."""

    def __init__(self, dns: DnsFilter) -> None:
        self.dns = dns
        self.connections = 0

    async def __call__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        peer = writer.get_extra_info("peername")
        client = client_address(str(peer[0])) if peer else "?"
        self.connections += 1
        try:
            if self.connections > TCP_MAX_CONNECTIONS:
                return
            while True:
                head = await asyncio.wait_for(reader.readexactly(2), TCP_IDLE_SECONDS)
                data = await asyncio.wait_for(
                    reader.readexactly(int.from_bytes(head, "big")), TCP_IDLE_SECONDS
                )
                reply, q = self.dns.handle(data, client)
                if q is not None:
                    reply = await self._forward(data, q)
                if reply is not None:
                    writer.write(len(reply).to_bytes(2, "big") + reply)
                    await writer.drain()
        except (asyncio.IncompleteReadError, TimeoutError, ConnectionError):
            pass
        except Exception as exc:  # a bug must not stop the server
            print(f"aupguard web dns: error on TCP from {client}: {exc!r}", file=sys.stderr)
        finally:
            self.connections -= 1
            writer.close()

    async def _forward(self, query: bytes, q: Question) -> bytes:
        host, port = self.dns.settings.upstream
        writer: asyncio.StreamWriter | None = None
        try:
            async with asyncio.timeout(self.dns.settings.timeout):
                reader, writer = await asyncio.open_connection(host, port)
                writer.write(len(query).to_bytes(2, "big") + query)
                await writer.drain()
                size = int.from_bytes(await reader.readexactly(2), "big")
                reply = await reader.readexactly(size)
            if reply[:2] == query[:2] and question_matches(query, reply, q.end):
                return reply
        except (OSError, TimeoutError, asyncio.IncompleteReadError):
            pass
        finally:
            if writer is not None:
                writer.close()
        return error_reply(query, SERVFAIL, q)


def _show(host: str, port: int) -> str:
    return f"[{host}]:{port}" if ":" in host else f"{host}:{port}"


def _family(host: str) -> socket.AddressFamily:
    return socket.AF_INET6 if ":" in host else socket.AF_INET


BIND_TRIES = 20  # with port 0: UDP picks a port whose TCP twin may be taken


async def _bind(loop: asyncio.AbstractEventLoop, dns: DnsFilter, upstreams: UpstreamSockets,
                listen: tuple[str, int]) -> tuple[UdpListener, asyncio.Server]:
    """UDP and TCP on one port. Port 0 asks for any free pair, so a TCP clash there
    means "pick again", not an error; a named port that is taken is the user's error."""
    host = listen[0]
    for attempt in range(BIND_TRIES):
        udp = UdpListener(loop, listen, dns.handle, upstreams)
        try:
            tcp = await asyncio.start_server(_TcpServer(dns), host, udp.port,
                                             family=_family(host))
        except OSError:
            udp.close()
            if listen[1] != 0 or attempt == BIND_TRIES - 1:
                raise
            continue
        return udp, tcp
    raise AssertionError("unreachable")


async def serve(web: WebFilter, settings: DnsSettings) -> None:
    """Serve UDP and TCP on `settings.listen` until SIGTERM or SIGINT; SIGHUP reopens
    the access log. Prints one "listening" line on stderr once both are bound."""
    loop = asyncio.get_running_loop()
    dns = DnsFilter(web, settings)
    upstreams = UpstreamSockets(loop, settings.upstream, settings.timeout)
    host = settings.listen[0]
    try:
        udp, tcp = await _bind(loop, dns, upstreams, settings.listen)
    except OSError:
        upstreams.close()
        raise
    port = udp.port  # the real one when 0 was asked for
    stop = asyncio.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    if web.log is not None:
        loop.add_signal_handler(signal.SIGHUP, web.log.reopen)
    print(
        f"aupguard web dns: listening on {_show(host, port)} (udp, tcp); "
        f"upstream {_show(*settings.upstream)}",
        file=sys.stderr,
        flush=True,
    )
    try:
        await stop.wait()
    finally:
        udp.close()
        tcp.close()
        upstreams.close()
