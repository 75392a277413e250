"""`aupguard web rpz`: which names go into the zone (groups, windows, council lists,
exceptions, what DNS cannot express), errors on moved lists, and Debian's unbound
loading the export and answering from it."""

from __future__ import annotations

import datetime as dt
import io
import os
import subprocess
import time
from pathlib import Path

import dns.exception
import dns.message
import dns.query
import dns.rcode
import dns.zone
import pytest
from _testpack import TESTTOWN_CLAUSES
from _unbound import RPZ_ZONE, free_port, running_unbound, unbound_with_rpz

from aupguard.cli import main
from aupguard.errors import AupguardError
from aupguard.policy.loader import load_pack
from aupguard.web.index import Index, compile_lists
from aupguard.web.lists import Entry, iter_entries
from aupguard.web.rpz import RpzOptions, RpzStats, export_rpz, read_domains

PACK = TESTTOWN_CLAUSES + """\
web:
  groups:
    staff: {users: [alice]}
    tablets: {clients: [10.9.0.0/16]}
  default: {action: allow}
  council_lists: {block: testtown.web.gambling, allow: testtown.web.gambling}
  rules:
    - id: shopping
      clause: testtown.web.shopping
      categories: [shopping]
      action: monitor
    - id: gambling
      clause: testtown.web.gambling
      categories: [gambling, aggressive]
      action: block
      exceptions: {allow: [lottery.test, kids.bet.test], block: [sneaky.test]}
    - id: tablet-games
      clause: testtown.web.tablet-games
      categories: [games]
      action: block
      groups: [tablets]
      when:
        - {days: [mon, tue, wed, thu, fri], hours: "09:00-17:00"}
    - id: evening-shopping
      clause: testtown.web.shopping
      categories: [shopping]
      action: allow
      when:
        - {hours: "18:00-22:00"}
"""

MONDAY_10 = dt.datetime(2024, 6, 3, 10, 0)
SATURDAY_10 = dt.datetime(2024, 6, 8, 10, 0)


@pytest.fixture
def pack_path(tmp_path: Path) -> Path:
    p = tmp_path / "testtown.yaml"
    p.write_text(PACK, encoding="utf-8")
    return p


@pytest.fixture
def index_path(make_lists, tmp_path: Path) -> Path:  # type: ignore[no-untyped-def]
    root = make_lists(
        {
            "gambling": {
                "domains": "bet.test\nwww2.bet.test\ncasino.test\nlottery.test\n10.1.2.3\n",
                "urls": "shop2.test/bets\n",
                "expressions": "bet[0-9]+\n",
            },
            "agressif": {"domains": "hate.test\n"},
            "shopping": {"domains": "shop.test\n"},
            "games": {"domains": "play.test\n"},
        }
    )
    (root / "aggressive").write_text("agressif\n")
    own = make_lists({"ok": {"domains": "fine.casino.test\n"},
                      "block": {"domains": "evil.test\n"}}, root="own")
    out = tmp_path / "ix.aupx"
    compile_lists([root, own / "block"], out, allow=[own / "ok"])
    return out


def _export(pack_path: Path, index_path: Path, **opts: object) -> tuple[str, RpzStats]:
    buf = io.StringIO()
    stats = export_rpz(load_pack(pack_path), Index.load(index_path), buf,
                       RpzOptions(**opts))  # type: ignore[arg-type]
    return buf.getvalue(), stats


def _records(text: str) -> dict[str, set[str]]:
    """{owner: {"TYPE rdata"}} of the zone, parsed by dnspython (so it must be valid)."""
    zone = dns.zone.from_text(text, origin=RPZ_ZONE + ".", relativize=True)
    out: dict[str, set[str]] = {}
    for name, node in zone.nodes.items():
        for rdataset in node.rdatasets:
            for rdata in rdataset:
                out.setdefault(str(name), set()).add(
                    f"{dns.rdatatype.to_text(rdataset.rdtype)} {rdata}")
    return out


def test_blocked_names_passthru_and_what_is_left_out(pack_path: Path, index_path: Path) -> None:
    text, stats = _export(pack_path, index_path, serial=7)
    rec = _records(text)
    for name in ("bet.test", "casino.test", "hate.test", "evil.test", "sneaky.test"):
        assert rec[name] == {"CNAME ."} and rec["*." + name] == {"CNAME ."}, name
    # The council's allow list and a rule's allow exception inside a blocked domain.
    for name in ("fine.casino.test", "kids.bet.test"):
        assert rec[name] == rec["*." + name] == {"CNAME rpz-passthru."}
    # Covered by *.bet.test; an exception not inside anything blocked; monitored;
    # a rule for one group only; an IP literal.
    for name in ("www2.bet.test", "lottery.test", "shop.test", "play.test", "10.1.2.3"):
        assert name not in rec and "*." + name not in rec
    assert rec["@"] >= {"SOA localhost. hostmaster.localhost. 7 3600 600 86400 60",
                        "NS localhost."}
    assert (stats.blocked, stats.covered, stats.passthru) == (5, 1, 2)
    assert (stats.ip_literals, stats.url_entries, stats.expressions) == (1, 1, 1)
    assert "1 URL entries, 1 expressions, 1 IP literals" in text
    assert "; blocked: gambling, testtown.web.gambling (gambling), 2 names" in text
    assert "windowed rule tablet-games: always in force" in text
    assert "windowed rule evening-shopping: left out" in text


def test_block_addresses_answer_a_and_aaaa(pack_path: Path, index_path: Path) -> None:
    text, _ = _export(pack_path, index_path, block_v4="192.0.2.99", block_v6="2001:db8::99")
    rec = _records(text)
    assert rec["bet.test"] == rec["*.bet.test"] == {"A 192.0.2.99", "AAAA 2001:db8::99"}
    assert rec["fine.casino.test"] == {"CNAME rpz-passthru."}


def test_groups_and_time_windows(pack_path: Path, index_path: Path) -> None:
    def has_play(**opts: object) -> bool:
        return "play.test" in _records(_export(pack_path, index_path, **opts)[0])

    assert not has_play()  # rules for one group only are not in the zone for everyone
    assert has_play(group="tablets")  # no --at: a windowed block counts as in force
    assert has_play(group="tablets", at=MONDAY_10)
    assert not has_play(group="tablets", at=SATURDAY_10)
    assert not has_play(group="staff")
    with pytest.raises(AupguardError, match="no web group 'wizards'"):
        _export(pack_path, index_path, group="wizards")


def test_council_allow_beats_a_blocked_child(make_lists, tmp_path: Path,  # type: ignore[no-untyped-def]
                                             pack_path: Path) -> None:
    """A council-allowed domain is allowed with all its subdomains, as `decide` says,
    even where a subdomain is listed in a blocked category."""
    root = make_lists({"gambling": {"domains": "sub.parish.test\nbet.test\n"},
                       "allow": {"domains": "parish.test\n"}})
    compile_lists([root], tmp_path / "ix2.aupx")
    rec = _records(_export(pack_path, tmp_path / "ix2.aupx")[0])
    assert "sub.parish.test" not in rec and rec["parish.test"] == {"CNAME rpz-passthru."}
    assert rec["bet.test"] == {"CNAME ."}


def test_default_block_pack_cannot_be_exported(pack_path: Path, index_path: Path) -> None:
    pack_path.write_text(PACK.replace("default: {action: allow}",
                                      "default: {action: block, clause: testtown.web.gambling}"))
    with pytest.raises(AupguardError, match="cannot express"):
        _export(pack_path, index_path)


def test_command_writes_the_zone(pack_path: Path, index_path: Path, tmp_path: Path,
                                 capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "zone.rpz"
    code = main(["web", "rpz", "--policy", str(pack_path), "--index", str(index_path),
                 "--out", str(out), "--block-address", "192.0.2.99", "--zone", "filter.example",
                 "--serial", "42", "--group", "tablets", "--at", "2024-06-03T10:00"])
    assert code == 0
    text = out.read_text()
    assert "$ORIGIN filter.example." in text and " 42 3600 600 86400 60" in text
    assert "play.test A 192.0.2.99" in text and "*.play.test A 192.0.2.99" in text
    assert "5 blocked names" not in capsys.readouterr().out  # the summary goes to stderr
    assert main(["web", "rpz", "--policy", str(pack_path), "--index", str(index_path),
                 "--block-address6", "192.0.2.1"]) == 3
    assert "not an IPv6 address" in capsys.readouterr().err
    assert main(["web", "rpz", "--policy", str(pack_path), "--index", str(index_path),
                 "--zone", "bad zone"]) == 3
    assert "--zone 'bad zone' is not a DNS name" in capsys.readouterr().err
    assert main(["web", "rpz", "--policy", str(pack_path), "--index", str(index_path)]) == 0
    captured = capsys.readouterr()
    assert "bet.test CNAME ." in captured.out and "5 blocked names" in captured.err


def test_moved_or_changed_lists(pack_path: Path, index_path: Path, tmp_path: Path,
                                capsys: pytest.CaptureFixture[str]) -> None:
    domains = tmp_path / "lists" / "gambling" / "domains"
    domains.write_text(domains.read_text() + "newbet.test\n")
    text, stats = _export(pack_path, index_path)
    assert stats.warnings and str(domains) in stats.warnings[0]
    assert "; warning: " in text
    # The index still decides: a name added since the compile is not blocked yet.
    assert "newbet.test" not in _records(text)
    (tmp_path / "own" / "block" / "domains").unlink()
    (tmp_path / "own" / "block").rmdir()
    code = main(["web", "rpz", "--policy", str(pack_path), "--index", str(index_path)])
    assert code == 3
    err = capsys.readouterr().err
    assert str(tmp_path / "own" / "block") in err and "is gone" in err


def test_unbound_serves_the_export(pack_path: Path, index_path: Path, tmp_path: Path) -> None:
    zone = tmp_path / "zone.rpz"
    zone.write_text(_export(pack_path, index_path, block_v4="192.0.2.99")[0])
    local = {"fine.casino.test": "192.0.2.2", "kids.bet.test": "192.0.2.3",
             "shop.test": "192.0.2.4", "lottery.test": "192.0.2.5",
             "www.bet.test": "192.0.2.6"}
    with unbound_with_rpz(tmp_path / "unbound", local, zone) as port:
        answers = {name: _ask(port, name) for name in
                   ("bet.test", "www.bet.test", "deep.www2.bet.test", "evil.test",
                    "fine.casino.test", "kids.bet.test", "shop.test", "lottery.test",
                    "unlisted.test")}
    assert answers["bet.test"] == ("NOERROR", ["192.0.2.99"])
    assert answers["www.bet.test"] == ("NOERROR", ["192.0.2.99"])  # policy beats local data
    assert answers["deep.www2.bet.test"] == ("NOERROR", ["192.0.2.99"])
    assert answers["evil.test"] == ("NOERROR", ["192.0.2.99"])
    assert answers["fine.casino.test"] == ("NOERROR", ["192.0.2.2"])  # passthru
    assert answers["kids.bet.test"] == ("NOERROR", ["192.0.2.3"])
    assert answers["shop.test"] == ("NOERROR", ["192.0.2.4"])  # monitored: not in the zone
    assert answers["lottery.test"] == ("NOERROR", ["192.0.2.5"])
    assert answers["unlisted.test"] == ("NXDOMAIN", [])


def test_unbound_nxdomain_zone(pack_path: Path, index_path: Path, tmp_path: Path) -> None:
    zone = tmp_path / "zone.rpz"
    zone.write_text(_export(pack_path, index_path)[0])
    local = {"www.casino.test": "192.0.2.7", "fine.casino.test": "192.0.2.2"}
    with unbound_with_rpz(tmp_path / "unbound", local, zone) as port:
        assert _ask(port, "www.casino.test") == ("NXDOMAIN", [])
        assert _ask(port, "fine.casino.test") == ("NOERROR", ["192.0.2.2"])


UT1 = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "ut1"


def test_full_ut1_export_loads_in_unbound(tmp_path: Path) -> None:
    if not (UT1 / "gambling" / "domains").is_file():
        pytest.skip(f"UT1 lists not found at {UT1}")
    compile_lists([UT1], tmp_path / "ut1.aupx")
    zone = tmp_path / "ut1.rpz"
    with zone.open("w") as f:
        stats = export_rpz(load_pack("belper"), Index.load(tmp_path / "ut1.aupx"), f,
                           RpzOptions(block_v4="192.0.2.99"))
    assert stats.blocked > 10_000
    listed = next(line.split()[0] for line in zone.read_text().splitlines()
                  if line.endswith(" A 192.0.2.99") and not line.startswith("*"))
    with unbound_with_rpz(tmp_path / "unbound", {"parish.test": "192.0.2.1"}, zone) as port:
        assert _ask(port, listed) == ("NOERROR", ["192.0.2.99"])
        assert _ask(port, "www." + listed) == ("NOERROR", ["192.0.2.99"])
        assert _ask(port, "parish.test") == ("NOERROR", ["192.0.2.1"])


def _ask(port: int, name: str) -> tuple[str, list[str]]:
    reply = dns.query.udp(dns.message.make_query(name, "A"), "127.0.0.1", port=port, timeout=5)
    addrs = [str(r) for rrset in reply.answer for r in rrset if rrset.rdtype == 1]
    return dns.rcode.to_text(reply.rcode()), addrs


def test_read_domains_reads_as_the_list_reader_does(tmp_path: Path) -> None:
    f = tmp_path / "domains"
    f.write_bytes(
        b"\xef\xbb\xbfFirst.Test\r\n  spaced.test  \n# comment\n\n.dot.test\n"
        + "b\u00fccher.test\n".encode()
        + b"010.1.2.3\n10.1.2.3\n1.2.3.4.\nbad host.test\nslash.test/x\n\xff\xfe.test\n"
        + b"a" * 64 + b".test\nok-1_x.test\n*.wild.test\n2001:DB8::1\n"
    )
    hosts, ips = read_domains(f)
    expected = [e.value for e in iter_entries(f, "domains") if isinstance(e, Entry)]
    assert sorted(hosts + ips) == sorted(expected)
    assert set(ips) == {"8.1.2.3", "10.1.2.3", "1.2.3.4", "2001:db8::1"}
    assert "xn--bcher-kva.test" in hosts and "first.test" in hosts


def test_unbound_zone_per_group_by_client_address(pack_path: Path, index_path: Path,
                                                  tmp_path: Path) -> None:
    """The docs' set-up: one zone per group, picked by client address with unbound's
    tags (the group's zone first: it holds the everyone rules too)."""
    tablets, everyone = tmp_path / "tablets.rpz", tmp_path / "everyone.rpz"
    tablets.write_text(_export(pack_path, index_path, group="tablets", zone="tablets.rpz",
                               block_v4="192.0.2.98")[0])
    everyone.write_text(_export(pack_path, index_path, block_v4="192.0.2.99")[0])
    extra = f"""\
server:
  define-tag: "tablets"
  access-control: 127.0.0.2/32 allow
  access-control-tag: 127.0.0.2/32 "tablets"
rpz:
  name: "tablets.rpz."
  zonefile: "{tablets}"
  tags: "tablets"
rpz:
  name: "{RPZ_ZONE}."
  zonefile: "{everyone}"
"""
    local = {"play.test": "192.0.2.8", "shop.test": "192.0.2.4"}
    with unbound_with_rpz(tmp_path / "unbound", local, None, extra) as port:
        def ask_from(source: str, name: str) -> list[str]:
            q = dns.message.make_query(name, "A")
            r = dns.query.udp(q, "127.0.0.1", port=port, timeout=5, source=source)
            return [str(x) for rrset in r.answer for x in rrset]

        assert ask_from("127.0.0.2", "play.test") == ["192.0.2.98"]  # games: tablets only
        assert ask_from("127.0.0.1", "play.test") == ["192.0.2.8"]
        assert ask_from("127.0.0.2", "bet.test") == ["192.0.2.98"]
        assert ask_from("127.0.0.1", "bet.test") == ["192.0.2.99"]
        assert ask_from("127.0.0.2", "shop.test") == ["192.0.2.4"]


def test_bind_serves_the_export(pack_path: Path, index_path: Path, tmp_path: Path) -> None:
    """The docs' BIND set-up: `response-policy` with the zone as a primary zone."""
    named = Path(os.environ.get("AUPGUARD_TEST_NAMED", "/usr/sbin/named"))
    if not named.exists():
        pytest.skip("BIND not installed (Debian package 'bind9')")
    zone = tmp_path / "aupguard.rpz"
    zone.write_text(_export(pack_path, index_path, block_v4="192.0.2.99")[0])
    local = {"www.casino.test": "192.0.2.7", "fine.casino.test": "192.0.2.2",
             "shop.test": "192.0.2.4"}
    with running_unbound(tmp_path / "data", local) as data:
        port = free_port()
        conf = tmp_path / "named.conf"
        conf.write_text(f"""\
options {{
  directory "{tmp_path}";
  pid-file "{tmp_path}/named.pid";
  listen-on port {port} {{ 127.0.0.1; }};
  listen-on-v6 {{ none; }};
  recursion yes;
  allow-query {{ 127.0.0.1; }};
  forwarders {{ 127.0.0.1 port {data}; }};
  forward only;
  dnssec-validation no;
  response-policy {{ zone "{RPZ_ZONE}"; }};
}};
controls {{ }};
zone "{RPZ_ZONE}" {{
  type primary;
  file "{zone}";
  allow-query {{ none; }};
}};
""")
        proc = subprocess.Popen([str(named), "-g", "-c", str(conf)],
                                stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        try:
            deadline = time.monotonic() + 30
            while True:
                try:
                    answers = {n: _ask(port, n) for n in
                               ("www.casino.test", "bet.test", "fine.casino.test", "shop.test")}
                    break
                except (dns.exception.Timeout, OSError):
                    assert proc.poll() is None and time.monotonic() < deadline, "named failed"
                    time.sleep(0.2)
        finally:
            proc.terminate()
            log = proc.communicate(timeout=10)[0]
    assert "rpz: aupguard.rpz: reload done: success" in log
    assert answers["www.casino.test"] == ("NOERROR", ["192.0.2.99"])
    assert answers["bet.test"] == ("NOERROR", ["192.0.2.99"])
    assert answers["fine.casino.test"] == ("NOERROR", ["192.0.2.2"])
    assert answers["shop.test"] == ("NOERROR", ["192.0.2.4"])


def test_unbound_reloads_a_new_export_without_restarting(pack_path: Path, index_path: Path,
                                                         tmp_path: Path) -> None:
    """The docs' cron line: export again, then `unbound-control auth_zone_reload`."""
    control = Path("/usr/sbin/unbound-control")
    if not control.exists():
        pytest.skip("unbound-control not installed (Debian package 'unbound')")
    zone = tmp_path / "zone.rpz"
    zone.write_text(_export(pack_path, index_path, block_v4="192.0.2.99")[0])
    extra = f'remote-control:\n  control-enable: yes\n  control-interface: "{tmp_path}/ctl"\n'
    with unbound_with_rpz(tmp_path / "unbound", {"play.test": "192.0.2.8"}, zone,
                          extra) as port:
        assert _ask(port, "play.test") == ("NOERROR", ["192.0.2.8"])
        zone.write_text(_export(pack_path, index_path, block_v4="192.0.2.99", group="tablets",
                                serial=2**31)[0])
        done = subprocess.run([str(control), "-c", str(tmp_path / "unbound" / "rpz" /
                                                       "unbound.conf"),
                               "auth_zone_reload", RPZ_ZONE], capture_output=True, text=True)
        assert done.returncode == 0 and done.stdout.strip() == "ok", done.stderr
        assert _ask(port, "play.test") == ("NOERROR", ["192.0.2.99"])
