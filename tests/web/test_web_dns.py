"""`aupguard web dns` end to end: the real command on loopback, queried by dnspython
over UDP and TCP, forwarding to a small stub resolver (or to Debian's unbound); block
answers, NODATA, REFUSED, truncation and TCP retry, malformed packets, concurrent
clients, upstream timeouts, the access log; and the wire format on its own."""

from __future__ import annotations

import hashlib
import json
import os
import random
import signal
import socket
import struct
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path

import dns.flags
import dns.message
import dns.query
import dns.rcode
import dns.rdatatype
import dns.rrset
import pytest
from _unbound import free_port, running_unbound
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import aupguard.policy
from aupguard.cli import main
from aupguard.commands import web_dns
from aupguard.commands.web_dns import resolv_conf_upstream, split_host_port
from aupguard.errors import UsageError
from aupguard.web.dns import DnsFilter, DnsSettings
from aupguard.web.dnswire import (
    FORMERR,
    REFUSED,
    WireError,
    answer_addresses,
    error_reply,
    parse_question,
)
from aupguard.web.index import compile_lists
from aupguard.web.service import WebFilter

BLOCK4, BLOCK6 = "192.0.2.10", "2001:db8::10"
PACKS = Path(aupguard.policy.__file__).parent / "packs"


def stub_address(name: str) -> str:
    """What the stub resolver answers for `name`: an address only it would give."""
    digest = hashlib.sha256(name.lower().encode()).digest()
    return "10." + ".".join(str(b) for b in digest[:3])


class StubResolver:
    """A tiny resolver on UDP and TCP: A records from `stub_address`, replies sent after
    a random short delay (so they come back out of order). Names starting "silent."
    get no reply; "tc." gets a truncated reply over UDP and the answer over TCP."""

    def __init__(self) -> None:
        self.port = free_port()
        self.udp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.udp.bind(("127.0.0.1", self.port))
        self.tcp = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.tcp.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.tcp.bind(("127.0.0.1", self.port))
        self.tcp.listen(16)
        self.pool = ThreadPoolExecutor(8)
        self.seen_ids: list[int] = []
        self.stopped = threading.Event()
        self.threads = [threading.Thread(target=self._serve_udp, daemon=True),
                        threading.Thread(target=self._serve_tcp, daemon=True)]
        for t in self.threads:
            t.start()

    def reply(self, wire: bytes, over_tcp: bool) -> bytes | None:
        q = dns.message.from_wire(wire)
        self.seen_ids.append(q.id)
        qname = q.question[0].name
        name = qname.to_text(omit_final_dot=True).lower()
        if name.startswith("silent."):
            return None
        r = dns.message.make_response(q)
        if name.startswith("tc.") and not over_tcp:
            r.flags |= dns.flags.TC
            return r.to_wire()
        if q.question[0].rdtype == dns.rdatatype.A:
            r.answer.append(dns.rrset.from_text(qname, 300, "IN", "A", stub_address(name)))
        return r.to_wire()

    def _serve_udp(self) -> None:
        self.udp.settimeout(0.2)
        while not self.stopped.is_set():
            try:
                wire, addr = self.udp.recvfrom(4096)
            except OSError:
                continue
            self.pool.submit(self._answer_later, wire, addr)

    def _answer_later(self, wire: bytes, addr: tuple[str, int]) -> None:
        time.sleep(random.random() * 0.02)
        out = self.reply(wire, over_tcp=False)
        if out is not None:
            self.udp.sendto(out, addr)

    def _serve_tcp(self) -> None:
        self.tcp.settimeout(0.2)
        while not self.stopped.is_set():
            try:
                conn, _ = self.tcp.accept()
            except OSError:
                continue
            with conn:
                conn.settimeout(5)
                try:
                    out = self.reply(dns.query._net_read(conn, _read_len(conn), None), True)
                except (OSError, EOFError):
                    continue
                if out is not None:
                    conn.sendall(struct.pack("!H", len(out)) + out)

    def close(self) -> None:
        self.stopped.set()
        for t in self.threads:
            t.join(5)
        self.pool.shutdown()
        self.udp.close()
        self.tcp.close()


def _read_len(conn: socket.socket) -> int:
    return int(struct.unpack("!H", dns.query._net_read(conn, 2, None))[0])


@pytest.fixture
def stub() -> Iterator[StubResolver]:
    s = StubResolver()
    yield s
    s.close()


@pytest.fixture
def index_path(make_lists, tmp_path: Path) -> Path:  # type: ignore[no-untyped-def]
    root = make_lists({"gambling": {"domains": "bet.test\n"}, "games": {"domains": "play.test\n"},
                       "shopping": {"domains": "shop.test\n"}})
    own = make_lists({"block": {"domains": "nasty.test\n"}}, root="own")
    out = tmp_path / "ix.aupx"
    compile_lists([root, own / "block"], out)
    return out


class Server:
    def __init__(self, proc: subprocess.Popen[str], port: int, log: Path, host: str) -> None:
        self.proc, self.port, self.log, self.host = proc, port, log, host
        self.stderr: list[str] = []

    def ask(self, name: str, rdtype: str = "A", tcp: bool = False) -> dns.message.Message:
        q = dns.message.make_query(name, rdtype)
        if tcp:
            return dns.query.tcp(q, self.host, port=self.port, timeout=5)
        return dns.query.udp(q, self.host, port=self.port, timeout=5)

    def log_lines(self) -> list[dict[str, object]]:
        return [json.loads(line) for line in self.log.read_text().splitlines()]


@contextmanager
def dns_server(tmp_path: Path, index_path: Path, upstream: int, *extra: str,
               policy: str = "belper", listen: str = "127.0.0.1") -> Iterator[Server]:
    """`aupguard web dns` on a free port; stopped with SIGTERM (it must exit 0)."""
    log = tmp_path / "access.jsonl"
    shown = f"[{listen}]" if ":" in listen else listen
    cmd = [sys.executable, "-m", "aupguard.cli", "web", "dns", "--policy", policy,
           "--index", str(index_path), "--listen", f"{shown}:0",
           "--upstream", f"127.0.0.1:{upstream}", "--log", str(log), *extra]
    env = {**os.environ, "AUPGUARD_DATA_DIR": str(tmp_path / "data")}
    proc = subprocess.Popen(cmd, stderr=subprocess.PIPE, text=True, env=env)
    assert proc.stderr is not None
    line = proc.stderr.readline()
    if f"listening on {shown}:" not in line:
        proc.kill()
        raise AssertionError(f"server did not start: {line}{proc.stderr.read()}")
    port = int(line.split(f"listening on {shown}:")[1].split()[0])
    server = Server(proc, port, log, listen)
    reader = threading.Thread(target=lambda: server.stderr.extend(proc.stderr or []),
                              daemon=True)
    reader.start()
    try:
        yield server
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            code = proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            raise
        reader.join(5)
    assert code == 0, server.stderr
    assert not any("Traceback" in s or "error on" in s for s in server.stderr), server.stderr


def _addresses(reply: dns.message.Message) -> list[str]:
    return [str(r) for rrset in reply.answer for r in rrset]


# --- end to end ----------------------------------------------------------------------

def test_blocked_names_get_the_block_page_address(tmp_path: Path, index_path: Path,
                                                   stub: StubResolver) -> None:
    with dns_server(tmp_path, index_path, stub.port, "--block-address", BLOCK4,
                    "--block-address6", BLOCK6, "--ttl", "30") as srv:
        for tcp in (False, True):
            r = srv.ask("www.bet.test", tcp=tcp)
            assert r.rcode() == dns.rcode.NOERROR and _addresses(r) == [BLOCK4]
            assert r.answer[0].ttl == 30 and str(r.answer[0].name) == "www.bet.test."
            assert r.flags & dns.flags.QR and r.flags & dns.flags.RA and r.flags & dns.flags.RD
            assert _addresses(srv.ask("nasty.test", "AAAA", tcp=tcp)) == [BLOCK6]
            mx = srv.ask("bet.test", "MX", tcp=tcp)  # NODATA: the name exists, no records
            assert mx.rcode() == dns.rcode.NOERROR and mx.answer == []
        # The question comes back as asked (resolvers check the case they sent).
        r = srv.ask("BeT.TeSt")
        assert str(r.question[0].name) == "BeT.TeSt." and _addresses(r) == [BLOCK4]
        # Allowed (and monitored) names go to the upstream, over UDP and TCP.
        for name in ("parish.test", "shop.test", "tc.parish.test"):
            assert _addresses(srv.ask(name, tcp=True)) == [stub_address(name)]
        assert _addresses(srv.ask("parish.test")) == [stub_address("parish.test")]
        assert srv.ask("parish.test", "AAAA").answer == []  # the stub's own NODATA
        # Browsers' and phones' signals to go around local DNS are answered "no such name".
        for canary in ("use-application-dns.net", "mask.icloud.com", "Mask-H2.icloud.com"):
            assert srv.ask(canary).rcode() == dns.rcode.NXDOMAIN


def test_no_ipv6_block_address_means_nodata(tmp_path: Path, index_path: Path,
                                            stub: StubResolver) -> None:
    with dns_server(tmp_path, index_path, stub.port) as srv:
        r = srv.ask("bet.test", "AAAA")
        assert r.rcode() == dns.rcode.NOERROR and r.answer == []
        assert _addresses(srv.ask("bet.test")) == ["127.0.0.1"]  # the default


def test_serves_on_ipv6(tmp_path: Path, index_path: Path, stub: StubResolver) -> None:
    try:
        with socket.socket(socket.AF_INET6, socket.SOCK_DGRAM) as probe:
            probe.bind(("::1", 0))
    except OSError:
        pytest.skip("no IPv6 loopback on this machine")
    with dns_server(tmp_path, index_path, stub.port, "--block-address6", BLOCK6,
                    listen="::1") as srv:
        for tcp in (False, True):
            assert _addresses(srv.ask("bet.test", "AAAA", tcp=tcp)) == [BLOCK6]
            assert _addresses(srv.ask("parish.test", tcp=tcp)) == [stub_address("parish.test")]
    assert {r["client"] for r in srv.log_lines()} == {"::1"}


def test_truncated_reply_is_retried_over_tcp(tmp_path: Path, index_path: Path,
                                             stub: StubResolver) -> None:
    with dns_server(tmp_path, index_path, stub.port) as srv:
        q = dns.message.make_query("tc.parish.test", "A")
        udp_only = dns.query.udp(q, "127.0.0.1", port=srv.port, timeout=5)
        assert udp_only.flags & dns.flags.TC and udp_only.answer == []
        reply, used_tcp = dns.query.udp_with_fallback(q, "127.0.0.1", port=srv.port, timeout=5)
        assert used_tcp and _addresses(reply) == [stub_address("tc.parish.test")]


def test_upstream_timeout_gives_servfail(tmp_path: Path, index_path: Path,
                                         stub: StubResolver) -> None:
    with dns_server(tmp_path, index_path, stub.port, "--timeout", "0.3") as srv:
        for tcp in (False, True):
            r = srv.ask("silent.parish.test", tcp=tcp)
            assert r.rcode() == dns.rcode.SERVFAIL and r.answer == []
        assert _addresses(srv.ask("parish.test")) == [stub_address("parish.test")]


def test_concurrent_clients_get_their_own_answers(tmp_path: Path, index_path: Path,
                                                  stub: StubResolver) -> None:
    """300 queries from 30 sockets, all with the same transaction id, answered by the
    upstream out of order: each client gets the answer to its own question."""
    with dns_server(tmp_path, index_path, stub.port) as srv:
        socks = [socket.socket(socket.AF_INET, socket.SOCK_DGRAM) for _ in range(30)]
        try:
            wanted: dict[tuple[int, str], str] = {}
            for i in range(300):
                name = f"q{i}.parish.test" if i % 3 else f"w{i}.bet.test"
                q = dns.message.make_query(name, "A", id=0x4242)
                socks[i % 30].sendto(q.to_wire(), ("127.0.0.1", srv.port))
                wanted[(i % 30, name)] = BLOCK4 if i % 3 == 0 else stub_address(name)
            got: dict[tuple[int, str], str] = {}
            for n, s in enumerate(socks):
                s.settimeout(5)
                for _ in range(10):
                    r = dns.message.from_wire(s.recv(4096))
                    assert r.id == 0x4242
                    got[(n, str(r.question[0].name).rstrip("."))] = _addresses(r)[0]
        finally:
            for s in socks:
                s.close()
    assert got == {k: ("127.0.0.1" if v == BLOCK4 else v) for k, v in wanted.items()}
    assert len(stub.seen_ids) == 200 and len(set(stub.seen_ids)) > 1  # ids were rewritten


def _raw(qid: int, flags: int, qdcount: int, body: bytes) -> bytes:
    return struct.pack("!HHHHHH", qid, flags, qdcount, 0, 0, 0) + body


def _exchange(sock: socket.socket, packet: bytes, port: int) -> bytes | None:
    sock.sendto(packet, ("127.0.0.1", port))
    try:
        return sock.recv(4096)
    except TimeoutError:
        return None


def test_malformed_packets_get_formerr_or_are_dropped(tmp_path: Path, index_path: Path,
                                                      stub: StubResolver) -> None:
    a_in = b"\x00\x01\x00\x01"
    formerr = {
        "pointer to itself": _raw(1, 0x0100, 1, b"\xc0\x0c" + a_in),
        "pointer forwards": _raw(2, 0x0100, 1, b"\x01a\xc0\x20" + a_in + b"\x00" * 20),
        "pointer into the header": _raw(3, 0x0100, 1, b"\xc0\x02" + a_in),
        "label past the end": _raw(4, 0x0100, 1, b"\x3fabc"),
        "name over 255 octets": _raw(5, 0x0100, 1, (b"\x3f" + b"a" * 63) * 5 + b"\x00" + a_in),
        "no question": _raw(6, 0x0100, 0, b""),
        "two questions": _raw(7, 0x0100, 2, b"\x01a\x00" + a_in + b"\x01b\x00" + a_in),
        "reserved label type": _raw(8, 0x0100, 1, b"\x41a\x00" + a_in),
        "question cut short": _raw(9, 0x0100, 1, b"\x01a\x00\x00"),
    }
    with dns_server(tmp_path, index_path, stub.port) as srv:
        sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        sock.settimeout(2)
        with sock:
            for reason, packet in formerr.items():
                reply = _exchange(sock, packet, srv.port)
                assert reply is not None, reason
                assert reply[:2] == packet[:2], reason
                assert reply[3] & 0x0F == FORMERR, reason
            notimp = _exchange(sock, _raw(10, 0x1000, 1, b"\x01a\x00" + a_in), srv.port)
            assert notimp is not None and notimp[3] & 0x0F == 4
            refused = _exchange(sock, _raw(11, 0x0100, 1, b"\x03a b\x04test\x00" + a_in),
                                srv.port)
            assert refused is not None and refused[3] & 0x0F == REFUSED
            sock.settimeout(0.5)
            assert _exchange(sock, b"\x12\x34\x01", srv.port) is None  # shorter than a header
            assert _exchange(sock, _raw(12, 0x8000, 1, b"\x00" + a_in), srv.port) is None
        # Over TCP: a bad message gets FORMERR and the connection keeps serving.
        with socket.create_connection(("127.0.0.1", srv.port), timeout=5) as conn:
            bad = formerr["pointer to itself"]
            conn.sendall(struct.pack("!H", len(bad)) + bad)
            reply = dns.query._net_read(conn, _read_len(conn), None)
            assert reply[3] & 0x0F == FORMERR
            good = dns.message.make_query("bet.test", "A").to_wire()
            conn.sendall(struct.pack("!H", len(good)) + good)
            answer = dns.message.from_wire(dns.query._net_read(conn, _read_len(conn), None))
            assert _addresses(answer) == ["127.0.0.1"]
        assert _addresses(srv.ask("parish.test")) == [stub_address("parish.test")]


def test_access_log_via_dns_once_per_client_and_name(tmp_path: Path, index_path: Path,
                                                     stub: StubResolver) -> None:
    with dns_server(tmp_path, index_path, stub.port) as srv:
        for rdtype in ("A", "AAAA", "HTTPS", "A", "A"):
            srv.ask("bet.test", rdtype)
        srv.ask("parish.test")
        srv.ask("parish.test", tcp=True)
        sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        sock.settimeout(2)
        with sock:
            _exchange(sock, _raw(11, 0x0100, 1, b"\x03a b\x04test\x00\x00\x01\x00\x01"),
                      srv.port)
    rows = srv.log_lines()
    assert {r["via"] for r in rows} == {"dns"} and {r["client"] for r in rows} == {"127.0.0.1"}
    by_host = {r["host"]: r for r in rows}
    assert len(rows) == 3, rows
    assert (by_host["bet.test"]["action"], by_host["bet.test"]["clause"]) == (
        "block", "belper.general.gambling-auction-sites")
    assert by_host["parish.test"]["action"] == "allow"
    (error,) = [r for r in rows if r["action"] == "error"]
    assert "label" in str(error["error"])


def test_group_from_the_client_address(tmp_path: Path, index_path: Path,
                                       stub: StubResolver) -> None:
    pack = tmp_path / "belper-here.yaml"
    pack.write_text((PACKS / "belper.yaml").read_text().replace("192.0.2.0/24", "127.0.0.2/32"))
    with dns_server(tmp_path, index_path, stub.port, policy=str(pack)) as srv:
        q = dns.message.make_query("play.test", "A")
        tablet = dns.query.udp(q, "127.0.0.1", port=srv.port, timeout=5, source="127.0.0.2")
        other = dns.query.udp(q, "127.0.0.1", port=srv.port, timeout=5, source="127.0.0.1")
    assert _addresses(tablet) == ["127.0.0.1"]  # games are blocked on council tablets
    assert _addresses(other) == [stub_address("play.test")]
    assert {(r["client"], r["group"], r["action"]) for r in srv.log_lines()} == {
        ("127.0.0.2", "council-tablets", "block"), ("127.0.0.1", None, "allow")}


def test_unbound_as_the_upstream(tmp_path: Path, index_path: Path) -> None:
    with running_unbound(tmp_path / "unbound", {"www.parish.test": "192.0.2.55",
                                                "bet.test": "192.0.2.66"}) as port, \
            dns_server(tmp_path, index_path, port) as srv:
        for tcp in (False, True):
            assert _addresses(srv.ask("www.parish.test", tcp=tcp)) == ["192.0.2.55"]
            assert _addresses(srv.ask("bet.test", tcp=tcp)) == ["127.0.0.1"]
            assert srv.ask("nothing.parish.test", tcp=tcp).rcode() == dns.rcode.NXDOMAIN


# --- options -------------------------------------------------------------------------

def test_addresses_and_resolv_conf(tmp_path: Path) -> None:
    assert split_host_port("127.0.0.1:5353", 53) == ("127.0.0.1", 5353)
    assert split_host_port("192.0.2.1", 53) == ("192.0.2.1", 53)
    assert split_host_port("[::1]:5353", 53) == ("::1", 5353)
    assert split_host_port("2001:db8::1", 53) == ("2001:db8::1", 53)
    for bad in ("localhost:53", "1.2.3.4:99999", "[::1", "1.2.3.4:x"):
        with pytest.raises(UsageError):
            split_host_port(bad, 53)
    conf = tmp_path / "resolv.conf"
    conf.write_text("# generated\nsearch example\nnameserver fe80::1%eth0\nnameserver 9.9.9.9\n")
    assert resolv_conf_upstream(conf) == ("fe80::1", 53)
    conf.write_text("search example\n")
    with pytest.raises(UsageError, match="no nameserver"):
        resolv_conf_upstream(conf)


def test_usage_errors(tmp_path: Path, index_path: Path, monkeypatch: pytest.MonkeyPatch,
                      capsys: pytest.CaptureFixture[str]) -> None:
    base = ["web", "dns", "--index", str(index_path), "--no-log"]
    assert main([*base, "--listen", "nowhere"]) == 3
    assert "cannot read address 'nowhere'" in capsys.readouterr().err
    empty = tmp_path / "resolv.conf"
    empty.write_text("")
    monkeypatch.setattr(web_dns, "RESOLV_CONF", empty)
    assert main(base) == 3
    assert "no --upstream given" in capsys.readouterr().err
    assert main([*base, "--upstream", "127.0.0.1", "--block-address6", "10.0.0.1"]) == 3
    assert "not an IPv6 address" in capsys.readouterr().err
    assert main([*base, "--upstream", "127.0.0.1:5353"]) == 3  # the default listen address
    assert "is this filter itself" in capsys.readouterr().err
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as taken:
        taken.bind(("127.0.0.1", 0))
        port = taken.getsockname()[1]
        assert main([*base, "--upstream", "127.0.0.1", "--listen", f"127.0.0.1:{port}"]) == 3
    assert "cannot serve DNS" in capsys.readouterr().err


def test_port_zero_picks_again_when_the_tcp_twin_is_taken(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """The CI flake this fixes: UDP got a free port whose TCP twin was in use."""
    import asyncio

    from aupguard.web import dns as dns_module

    tcp_taken = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    tcp_taken.bind(("127.0.0.1", 0))
    tcp_taken.listen()
    clash = tcp_taken.getsockname()[1]
    made: list[int] = []
    real = dns_module.UdpListener

    def first_on_the_clash(loop, address, handle, upstreams):  # type: ignore[no-untyped-def]
        if not made:  # what the kernel might have picked for port 0
            address = (address[0], clash)
        listener = real(loop, address, handle, upstreams)
        made.append(listener.port)
        return listener

    monkeypatch.setattr(dns_module, "UdpListener", first_on_the_clash)
    handler = type("Handler", (), {"handle": staticmethod(lambda data, client: None)})()

    async def bind(port: int) -> int:
        loop = asyncio.get_running_loop()
        made.clear()
        udp, tcp = await dns_module._bind(loop, handler, None, ("127.0.0.1", port))  # type: ignore[arg-type]
        udp.close()
        tcp.close()
        return udp.port

    with tcp_taken:
        port = asyncio.run(bind(0))
        assert made[0] == clash and port == made[-1] != clash
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as again:
            again.bind(("127.0.0.1", clash))  # the first UDP socket was closed
        with pytest.raises(OSError):  # a named port that is taken stays an error
            asyncio.run(bind(clash))


# --- the wire format and the per-query logic, in process -------------------------------

def test_parse_and_answer_round_trip_through_dnspython() -> None:
    q = dns.message.make_query("WWW.Example.test", "AAAA", want_dnssec=True)
    wire = q.to_wire()
    question = parse_question(wire)
    assert (question.id, question.name, question.qtype, question.valid_host) == (
        q.id, "www.example.test", 28, True)
    out = answer_addresses(wire, question, [(28, bytes(15) + b"\x01")], 45)
    r = dns.message.from_wire(out)
    assert q.is_response(r) and r.answer[0].ttl == 45 and _addresses(r) == ["::1"]
    assert r.additional == []  # the query's EDNS record is not echoed
    err = dns.message.from_wire(error_reply(wire, REFUSED, question))
    assert err.rcode() == dns.rcode.REFUSED and q.is_response(err)
    bare = error_reply(wire, FORMERR)
    assert bare[:2] == wire[:2] and bare[4:6] == b"\x00\x00"
    root = parse_question(dns.message.make_query(".", "NS").to_wire())
    assert root.name == "" and root.valid_host


@pytest.fixture(scope="module")
def dns_filter(tmp_path_factory: pytest.TempPathFactory) -> DnsFilter:
    root = tmp_path_factory.mktemp("lists")
    (root / "gambling").mkdir()
    (root / "gambling" / "domains").write_text("bet.test\n")
    compile_lists([root], root / "ix.aupx")
    web = WebFilter("belper", root / "ix.aupx", via="dns")
    return DnsFilter(web, DnsSettings(listen=("127.0.0.1", 0), upstream=("127.0.0.1", 53)))


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.binary(max_size=300), cut=st.integers(0, 300), flip=st.integers(0, 2**16 - 1))
def test_handle_never_raises(dns_filter: DnsFilter, data: bytes, cut: int, flip: int) -> None:
    """Random bytes, and real queries cut short or with one byte changed: a reply,
    a question to forward, or nothing, but never an exception."""
    good = bytearray(dns.message.make_query("www.bet.test", "A").to_wire())
    good[flip % len(good)] ^= flip >> 8 or 1
    for packet in (data, bytes(good[:cut]), bytes(good)):
        reply, q = dns_filter.handle(packet, "127.0.0.1")
        if reply is not None:
            assert reply[:2] == packet[:2] and reply[2] & 0x80
        try:
            parse_question(packet)
        except WireError as exc:
            assert exc.rcode in (None, 1, 4)


def test_one_host_port_reader_for_every_command() -> None:
    from aupguard.hostport import split_host_port as split

    assert split("localhost:10026") == ("localhost", 10026)  # names, where allowed
    assert split("[::1]", 53) == ("::1", 53)
    for bad, default in (("1.2.3.4:", 53), ("[::1]:", 53), ("8081", None), (":80", None)):
        with pytest.raises(ValueError):
            split(bad, default)
