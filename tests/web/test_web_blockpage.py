"""The block page: what it says, that it escapes what came from a request, and the
server behind `aupguard web block-page` over loopback (both kinds of visitor)."""

from __future__ import annotations

import html
import http.client
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote, urlencode

import pytest

from aupguard.cli import main
from aupguard.commands.web_blockpage import parse_listen
from aupguard.errors import UsageError
from aupguard.policy.loader import load_pack
from aupguard.web.blockpage import (
    block_page_url,
    category_words,
    clause_locator,
    render_block_page,
)
from aupguard.web.blockserver import make_block_page_server
from aupguard.web.decide import Decision
from aupguard.web.index import compile_lists
from aupguard.web.service import WebFilter

GAMBLING = "belper.general.gambling-auction-sites"
HOSTILE = 'http://evil.test/<script>alert("x")</script>?a=1&b=<b>'


def test_page_quotes_the_clause_contact_and_address() -> None:
    pack = load_pack("belper")
    page = render_block_page(
        pack, url="http://www.bet.test/slots", category="gambling", clause_id=GAMBLING
    )
    clause = pack.clause(GAMBLING)
    assert "This site was blocked" in page
    assert "http://www.bet.test/slots" in page
    assert "Kind of site: gambling" in page
    assert html.escape(clause.summary) in page
    assert "General, item 4" in page and GAMBLING in page
    assert pack.council.name in page
    assert "the Town Clerk" in page
    assert 'href="mailto:enquiries@belpertowncouncil.gov.uk?subject=' in page
    assert 'href="tel:01773000000"' in page
    assert '<meta name="viewport"' in page
    assert "<script" not in page and "<link" not in page and "src=" not in page


def test_mailto_names_the_address_and_clause() -> None:
    pack = load_pack("leigh")
    page = render_block_page(
        pack, url="http://chat.test/room?id=7", category="chat",
        clause_id="leigh.email.no-instant-messaging",
    )
    start = page.index('href="mailto:') + len('href="')
    href = page[start : page.index('"', start)].replace("&amp;", "&")
    decoded = unquote(href)
    assert decoded.startswith("mailto:council@leighonseatowncouncil.gov.uk?subject=")
    assert "http://chat.test/room?id=7" in decoded
    assert "Email and internet usage, item 7 (leigh.email.no-instant-messaging)" in decoded
    assert "Leigh-on-Sea" in page and "01702 716288" in page


def test_hostile_url_and_query_values_are_escaped() -> None:
    pack = load_pack("belper")
    page = render_block_page(
        pack, url=HOSTILE, category='<img src=x onerror="y">', clause_id="<b>x</b>",
        rule="<i>r</i>",
    )
    assert "<script>" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page
    assert "<img" not in page and "&lt;img src=x onerror=&quot;y&quot;&gt;" in page
    assert "<b>x</b>" not in page and "<i>r</i>" not in page


def test_unknown_or_missing_clause_still_renders() -> None:
    pack = load_pack("belper")
    for clause_id in ("belper.nope.nothing", None, ""):
        page = render_block_page(pack, url="", category=None, clause_id=clause_id)
        assert "This site was blocked" in page
        assert "(no address given)" in page
        assert "council business" in page  # the generic line
    assert "Clause: belper.nope.nothing" in render_block_page(
        pack, url="x", category=None, clause_id="belper.nope.nothing"
    )


def test_download_error_and_not_blocked_variants() -> None:
    pack = load_pack("leigh")
    download = render_block_page(
        pack, url="https://files.test/setup", category="download",
        clause_id="leigh.email.no-instant-messaging", download="a Windows program",
    )
    assert "This download was blocked" in download and "a Windows program" in download
    error = render_block_page(pack, url="http://bad host/", category=None, clause_id=None,
                              action="error")
    assert "could not read this address" in error
    allowed = render_block_page(pack, url="http://fine.test/", category=None,
                                clause_id=None, action="allow")
    assert "This site is not blocked" in allowed and "was blocked" not in allowed


def test_category_words_and_locator() -> None:
    assert category_words("social_networks") == "social networks"
    assert category_words("warez") == "pirated software and media"
    assert category_words("some_new-list") == "some new list"
    assert category_words(None) is None
    clause = load_pack("leigh").clause("leigh.internet.hacking")
    assert clause_locator(clause).startswith("Email and internet usage, Unacceptable use")


def test_block_page_url_round_trip() -> None:
    d = Decision("http://bet.test/", "block", "gambling", GAMBLING, "gambling-auction-sites")
    url = block_page_url("http://127.0.0.1:8081/blocked", d, "http://bet.test/?a=1&b=2")
    assert url.startswith("http://127.0.0.1:8081/blocked?url=http%3A%2F%2Fbet.test")
    assert "clause=" + GAMBLING in url


def test_parse_listen() -> None:
    assert parse_listen("127.0.0.1:8081") == ("127.0.0.1", 8081)
    assert parse_listen("[::1]:80") == ("::1", 80)
    for bad in ("8081", "host:", ":80", "host:99999", "host:http"):
        with pytest.raises(UsageError):
            parse_listen(bad)


# --- the server ------------------------------------------------------------------------


@pytest.fixture
def index_path(make_lists, tmp_path: Path) -> Path:  # type: ignore[no-untyped-def]
    root = make_lists({"gambling": {"domains": "bet.test\n"}, "chat": {"domains": "chat.test\n"}})
    out = tmp_path / "ix.aupx"
    compile_lists([root], out)
    return out


@pytest.fixture
def server_port(index_path: Path, tmp_path: Path) -> Iterator[int]:
    log_path = tmp_path / "access.jsonl"
    from aupguard.web.accesslog import AccessLog

    web = WebFilter("belper", index_path, log=AccessLog(log_path), via="block-page")
    server = make_block_page_server(web, "127.0.0.1", 0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield int(server.server_address[1])
    server.shutdown()
    server.server_close()
    web.close()
    assert log_path.read_text() == ""  # the page decides without logging


def _get(
    port: int, path: str, headers: dict[str, str] | None = None, method: str = "GET"
) -> tuple[int, dict[str, str], str]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        conn.request(method, path, headers=headers or {})
        resp = conn.getresponse()
        body = resp.read().decode("utf-8")
        return resp.status, {k.lower(): v for k, v in resp.getheaders()}, body
    finally:
        conn.close()


def test_server_renders_redirected_query(server_port: int) -> None:
    query = urlencode({"url": HOSTILE, "category": "gambling", "clause": GAMBLING,
                       "rule": "gambling-auction-sites"})
    status, headers, body = _get(server_port, "/blocked?" + query)
    assert status == 403
    assert headers["content-type"] == "text/html; charset=utf-8"
    assert headers["cache-control"] == "no-store"
    assert "script-src" not in headers["content-security-policy"]  # default-src 'none'
    assert "Betting, online bingo and auction websites" in body
    assert "<script>" not in body and "&lt;script&gt;" in body


def test_squid_acl_redirect_without_category_finds_it_again(server_port: int) -> None:
    # Squid's acl mode: deny_info .../blocked?url=%u&clause=%o carries no category.
    query = urlencode({"url": "http://www.bet.test/slots", "clause": GAMBLING})
    status, _, body = _get(server_port, "/blocked?" + query)
    assert status == 403 and GAMBLING in body
    assert "Kind of site: gambling" in body
    # A clause that the decision here would not cite: the category stays unknown.
    query = urlencode({"url": "http://www.bet.test/slots", "clause": "belper.no-such"})
    status, _, body = _get(server_port, "/blocked?" + query)
    assert status == 403 and "Kind of site:" not in body


def test_server_decides_on_host_for_dns_visitors(server_port: int) -> None:
    status, _, body = _get(server_port, "/slots?x=1", {"Host": "www.bet.test"})
    assert status == 403
    assert "http://www.bet.test/slots?x=1" in body and GAMBLING in body
    status, _, body = _get(server_port, "/", {"Host": "fine.test"})
    assert status == 200 and "This site is not blocked" in body
    status, _, body = _get(server_port, "/", {"Host": "bad host!"})
    assert status == 403 and "could not read this address" in body


def test_server_odd_requests(server_port: int) -> None:
    assert _get(server_port, "/favicon.ico", {"Host": "bet.test"})[0] == 204
    status, headers, body = _get(server_port, "/", {"Host": "bet.test"}, method="HEAD")
    assert status == 403 and body == "" and int(headers["content-length"]) > 500
    status, _, body = _get(server_port, "/form", {"Host": "bet.test"}, method="POST")
    assert status == 403 and GAMBLING in body
    # No Host header at all (HTTP/1.0 style), sent by hand.
    with socket.create_connection(("127.0.0.1", server_port), timeout=10) as s:
        s.sendall(b"GET / HTTP/1.0\r\n\r\n")
        reply = s.makefile("rb").read()
    assert reply.startswith(b"HTTP/1.1 400") and b"named no site" in reply
    # A request line far too long, then garbage: answered, and the server lives on.
    with socket.create_connection(("127.0.0.1", server_port), timeout=10) as s:
        s.sendall(b"GET /" + b"a" * 70000 + b" HTTP/1.1\r\n\r\n")
        assert s.makefile("rb").readline().startswith(b"HTTP/1.1 414")
    with socket.create_connection(("127.0.0.1", server_port), timeout=10) as s:
        s.sendall(b"\x16\x03\x01\x00\xff garbage\r\n\r\n")  # e.g. TLS on port 80
        assert b"Error code: 400" in s.makefile("rb").read()
    huge = urlencode({"url": "http://bet.test/" + "x" * 20000, "clause": GAMBLING})
    status, _, body = _get(server_port, "/blocked?" + huge)
    assert status == 403 and "…" in body
    assert _get(server_port, "/blocked?clause=&url=")[0] == 403
    assert _get(server_port, "/", {"Host": "chat.test"})[0] == 200  # chat: tablets only


def test_command_serves_and_stops(index_path: Path, tmp_path: Path) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    cmd = [sys.executable, "-c", "import sys; from aupguard.cli import main; "
           "sys.exit(main(sys.argv[1:]))", "web", "block-page", "--policy", "belper",
           "--index", str(index_path), "--listen", f"127.0.0.1:{port}"]
    proc = subprocess.Popen(cmd, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                status, _, body = _get(port, "/", {"Host": "bet.test"})
                break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise
                time.sleep(0.1)
        assert status == 403 and GAMBLING in body
    finally:
        proc.terminate()
        _, err = proc.communicate(timeout=15)
    assert proc.returncode == 0
    assert f"serving on http://127.0.0.1:{port}/" in err


def test_command_usage_errors(index_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["web", "block-page", "--index", str(index_path), "--listen", "nowhere"]) == 3
    assert "is not ADDR:PORT" in capsys.readouterr().err
