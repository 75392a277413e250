"""`aupguard web proxy` against real mitmproxy on loopback.

Each proxy is the real command in a subprocess, on a free port, with a temp index, a
temp mitmproxy confdir and a temp access log. Origins are local: a plain HTTP server and
an HTTPS server with a self-signed certificate made here (its names include the test
hosts; `--resolve` sends them to 127.0.0.1 and `--upstream-ca` makes mitmproxy trust it,
so nothing is verified less than usual). Without inspection, a tunnel is proven to be
passed through by the client seeing the origin's own certificate.
"""

from __future__ import annotations

import datetime as dt
import http.client
import ipaddress
import json
import socket
import ssl
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from _ports import free_port

pytest.importorskip("mitmproxy", reason="needs mitmproxy (pip install 'aupguard[proxy]')")

from aupguard.cli import main  # noqa: E402
from aupguard.web.index import compile_lists  # noqa: E402

GAMBLING = "belper.general.gambling-auction-sites"
TABLET_DOWNLOADS = "belper.general.tablet-downloads"
TEST_HOSTS = ["localhost", "safe.test", "shop.test", "files.test", "www.google.com",
              "www.youtube.com", "casino.test"]
PROGRAM = b"MZ\x90\x00\x03\x00\x00\x00" + bytes(200)
START_TIMEOUT = 60.0




# --- origins -------------------------------------------------------------------------


class _Origin(BaseHTTPRequestHandler):
    hits: list[str] = []

    def do_GET(self) -> None:
        self.hits.append(f"{self.headers.get('Host')}{self.path}")
        headers = {"Content-Type": "text/plain"}
        if self.path.startswith("/echo") or self.path.startswith("/search"):
            body = json.dumps({"path": self.path, "headers": dict(self.headers)}).encode()
            headers = {"Content-Type": "application/json", "Set-Cookie": "sid=abc; Path=/"}
        elif self.path.startswith("/setup"):
            body, headers = PROGRAM, {"Content-Type": "application/octet-stream"}
        elif self.path.startswith("/bigprogram"):
            body, headers = PROGRAM + bytes(64 * 1024), {"Content-Type": "application/octet-stream"}
        elif self.path.startswith("/biginstaller"):
            body, headers = bytes(64 * 1024), {"Content-Type": "application/x-msi"}
        elif self.path.startswith("/bigtext"):
            body = b"a" * (64 * 1024)
        else:
            body = f"origin: {self.headers.get('Host')} {self.path}".encode()
        self.send_response(200)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - base signature
        pass


def _self_signed(folder: Path) -> tuple[Path, Path]:
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "aupguard test origin")])
    now = dt.datetime.now(dt.UTC)
    alt = [x509.DNSName(h) for h in TEST_HOSTS]
    alt.append(x509.IPAddress(ipaddress.ip_address("127.0.0.1")))
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=2))
        .add_extension(x509.SubjectAlternativeName(alt), critical=False)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), False)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = folder / "origin-cert.pem", folder / "origin-key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return cert_path, key_path


class Origins:
    def __init__(self, folder: Path) -> None:
        self.cert, key = _self_signed(folder)
        self.http = ThreadingHTTPServer(("127.0.0.1", 0), _Origin)
        self.https = ThreadingHTTPServer(("127.0.0.1", 0), _Origin)
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ctx.load_cert_chain(self.cert, key)
        self.https.socket = ctx.wrap_socket(self.https.socket, server_side=True)
        self.http_port = int(self.http.server_address[1])
        self.https_port = int(self.https.server_address[1])
        for server in (self.http, self.https):
            threading.Thread(target=server.serve_forever, daemon=True).start()

    def close(self) -> None:
        for server in (self.http, self.https):
            server.shutdown()
            server.server_close()


@pytest.fixture(scope="module")
def origins(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Origins]:
    o = Origins(tmp_path_factory.mktemp("origin"))
    yield o
    o.close()


@pytest.fixture(scope="module")
def index_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("lists")
    for cat, host in (("gambling", "casino.test"), ("shopping", "shop.test")):
        (root / cat).mkdir()
        (root / cat / "domains").write_text(host + "\n")
    out = root.parent / "proxy-ix.aupx"
    compile_lists([root], out)
    return out


# --- the proxy under test ----------------------------------------------------------------


class Proxy:
    """`aupguard web proxy ...` in a subprocess; `stop()` is idempotent and returns
    stderr."""

    def __init__(self, folder: Path, index: Path, origins: Origins, *extra: str) -> None:
        self.port = free_port()
        self.log = folder / "access.jsonl"
        self.confdir = folder / "mitmproxy"
        mapped = [f"--resolve={h}=127.0.0.1:{origins.https_port}" for h in TEST_HOSTS]
        mapped.append(f"--resolve=plain.test=127.0.0.1:{origins.http_port}")
        cmd = [
            sys.executable, "-c", "import sys; from aupguard.cli import main; "
            "sys.exit(main(sys.argv[1:]))", "web", "proxy", "--policy", "belper",
            "--index", str(index), "--log", str(self.log), "--confdir", str(self.confdir),
            "--listen", f"127.0.0.1:{self.port}", "--upstream-ca", str(origins.cert),
            *mapped, *extra,
        ]
        self.proc = subprocess.Popen(cmd, stderr=subprocess.PIPE, text=True)
        self.err = ""
        deadline = time.monotonic() + START_TIMEOUT
        while True:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                break
            except OSError:
                if self.proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"proxy did not start: {self.stop()}") from None
                time.sleep(0.1)

    def stop(self) -> str:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                _, self.err = self.proc.communicate(timeout=30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                _, self.err = self.proc.communicate()
        elif not self.err and self.proc.stderr is not None:
            self.err = self.proc.stderr.read()
        return self.err

    def log_lines(self) -> list[dict[str, Any]]:
        self.stop()  # the log is flushed when the proxy stops
        return [json.loads(line) for line in self.log.read_text().splitlines()]

    def http(
        self, url: str, headers: dict[str, str] | None = None
    ) -> tuple[int, dict[str, str], bytes]:
        """A plain HTTP request through the proxy (absolute URL, as browsers send)."""
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=20)
        try:
            conn.request("GET", url, headers=headers or {})
            resp = conn.getresponse()
            return resp.status, {k.lower(): v for k, v in resp.getheaders()}, resp.read()
        finally:
            conn.close()

    def https(
        self, host: str, path: str, cafile: Path, headers: dict[str, str] | None = None
    ) -> tuple[int, dict[str, str], bytes, bytes]:
        """CONNECT host:443 through the proxy, then GET path over TLS verified against
        `cafile`; also returns the certificate the client saw (DER)."""
        ctx = ssl.create_default_context(cafile=str(cafile))
        conn = http.client.HTTPSConnection("127.0.0.1", self.port, context=ctx, timeout=20)
        conn.set_tunnel(host, 443)
        try:
            conn.request("GET", path, headers=headers or {})
            assert isinstance(conn.sock, ssl.SSLSocket)
            seen = conn.sock.getpeercert(binary_form=True) or b""
            resp = conn.getresponse()
            return resp.status, {k.lower(): v for k, v in resp.getheaders()}, resp.read(), seen
        finally:
            conn.close()


def _origin_der(origins: Origins) -> bytes:
    return ssl.PEM_cert_to_DER_cert(origins.cert.read_text())


@pytest.fixture(scope="module")
def plain_proxy(
    tmp_path_factory: pytest.TempPathFactory, index_path: Path, origins: Origins
) -> Iterator[Proxy]:
    p = Proxy(tmp_path_factory.mktemp("plain"), index_path, origins)
    yield p
    p.stop()


@pytest.fixture(scope="module")
def inspecting_proxy(
    tmp_path_factory: pytest.TempPathFactory, index_path: Path, origins: Origins
) -> Iterator[Proxy]:
    p = Proxy(tmp_path_factory.mktemp("inspect"), index_path, origins, "--inspect",
              "--group", "council-tablets", "--stream-above", "16k",
              "--no-inspect", "localhost")
    yield p
    p.stop()


# --- without inspection ------------------------------------------------------------------


def test_plain_http_allowed_passes(plain_proxy: Proxy, origins: Origins) -> None:
    status, _, body = plain_proxy.http(f"http://127.0.0.1:{origins.http_port}/hello")
    assert status == 200 and body == f"origin: 127.0.0.1:{origins.http_port} /hello".encode()


def test_plain_http_blocked_gets_the_block_page(plain_proxy: Proxy) -> None:
    before = len(_Origin.hits)
    status, headers, body = plain_proxy.http("http://casino.test/slots?x=<b>")
    page = body.decode()
    assert status == 403 and headers["content-type"].startswith("text/html")
    assert "This site was blocked" in page and GAMBLING in page
    assert "Kind of site: gambling" in page and "&lt;b&gt;" in page
    assert len(_Origin.hits) == before  # the site was never contacted


def test_plain_http_program_allowed_outside_the_rules_group(plain_proxy: Proxy) -> None:
    # Belper blocks downloads on council tablets only; this client is in no group.
    status, _, body = plain_proxy.http("http://plain.test/setup")
    assert status == 200 and body == PROGRAM


def test_connect_to_blocked_host_is_refused(plain_proxy: Proxy, origins: Origins) -> None:
    with pytest.raises(OSError, match="403"):
        plain_proxy.https("casino.test", "/", origins.cert)


def test_connect_to_allowed_host_is_passed_through(plain_proxy: Proxy, origins: Origins) -> None:
    status, _, body, seen = plain_proxy.https("safe.test", "/hello", origins.cert)
    assert status == 200 and body == b"origin: safe.test /hello"
    assert seen == _origin_der(origins)  # the origin's own certificate: not intercepted


def test_sni_naming_a_blocked_host_is_not_passed_through(
    plain_proxy: Proxy, origins: Origins
) -> None:
    """CONNECT to an allowed name, then TLS for a blocked one: decided on the SNI."""
    with pytest.raises(ssl.SSLError, match="CERTIFICATE_VERIFY_FAILED"):
        _connect_then_tls(plain_proxy, "safe.test", "casino.test", origins.cert)


def _connect_then_tls(p: Proxy, connect_host: str, sni: str, cafile: Path) -> None:
    ctx = ssl.create_default_context(cafile=str(cafile))
    with socket.create_connection(("127.0.0.1", p.port), timeout=20) as raw:
        raw.sendall(f"CONNECT {connect_host}:443 HTTP/1.1\r\n\r\n".encode())
        reply = b""
        while b"\r\n\r\n" not in reply:
            chunk = raw.recv(1024)
            assert chunk, reply
            reply += chunk
        assert reply.startswith(b"HTTP/1.1 200")
        ctx.wrap_socket(raw, server_hostname=sni).close()


# --- with inspection ---------------------------------------------------------------------


def _mitm_ca(p: Proxy) -> Path:
    ca = p.confdir / "mitmproxy-ca-cert.pem"
    assert ca.is_file(), "mitmproxy should have written its CA into --confdir"
    return ca


def test_inspected_allowed_request_is_decrypted(inspecting_proxy: Proxy) -> None:
    status, _, body, seen = inspecting_proxy.https("safe.test", "/echo", _mitm_ca(inspecting_proxy))
    assert status == 200 and json.loads(body)["path"] == "/echo"
    assert seen != b"" and b"mitmproxy" in seen  # the proxy's certificate, not the origin's


def test_no_inspect_host_is_passed_through(inspecting_proxy: Proxy, origins: Origins) -> None:
    status, _, body, seen = inspecting_proxy.https("localhost", "/hello", origins.cert)
    assert status == 200 and body == b"origin: localhost /hello"
    assert seen == _origin_der(origins)


def test_inspected_blocked_connect_is_not_passed_through_by_sni(
    inspecting_proxy: Proxy, origins: Origins
) -> None:
    """CONNECT to a blocked host, then an SNI naming a host that is passed through."""
    with pytest.raises(ssl.SSLError, match="CERTIFICATE_VERIFY_FAILED"):
        _connect_then_tls(inspecting_proxy, "casino.test", "localhost", origins.cert)


def test_inspected_blocked_site_shows_the_page(inspecting_proxy: Proxy) -> None:
    before = len(_Origin.hits)
    status, _, body, _ = inspecting_proxy.https("casino.test", "/", _mitm_ca(inspecting_proxy))
    assert status == 403 and GAMBLING in body.decode()
    assert len(_Origin.hits) == before  # the blocked site was never contacted


def test_inspected_program_download_is_replaced(inspecting_proxy: Proxy) -> None:
    ca = _mitm_ca(inspecting_proxy)
    status, _, body, _ = inspecting_proxy.https("files.test", "/setup", ca)  # by magic bytes
    page = body.decode()
    assert status == 403 and "This download was blocked" in page
    assert "a Windows program" in page and TABLET_DOWNLOADS in page
    before = len(_Origin.hits)
    status, _, body, _ = inspecting_proxy.https("files.test", "/get/WhatsApp.apk", ca)
    assert status == 403 and "an Android app" in body.decode()
    assert len(_Origin.hits) == before  # refused by name before anything was fetched


def test_inspected_large_program_is_cut_off(inspecting_proxy: Proxy) -> None:
    """Above --stream-above the body is streamed: a program is cut off, not replaced."""
    ca = _mitm_ca(inspecting_proxy)
    with pytest.raises((http.client.HTTPException, OSError)) as cut:
        inspecting_proxy.https("files.test", "/bigprogram", ca)
    assert not getattr(cut.value, "partial", b"").startswith(b"MZ")  # none of it arrived
    with pytest.raises((http.client.HTTPException, OSError)):  # by type: killed at once
        inspecting_proxy.https("files.test", "/biginstaller", ca)
    status, _, body, _ = inspecting_proxy.https("files.test", "/bigtext", ca)
    assert status == 200 and body == b"a" * (64 * 1024)  # a large text passes whole


def test_inspected_safesearch(inspecting_proxy: Proxy) -> None:
    ca = _mitm_ca(inspecting_proxy)
    _, _, body, _ = inspecting_proxy.https("www.google.com", "/search?q=cats&safe=off", ca)
    assert json.loads(body)["path"] == "/search?q=cats&safe=active"
    _, _, body, _ = inspecting_proxy.https("www.youtube.com", "/echo", ca)
    assert json.loads(body)["headers"].get("YouTube-Restrict") == "Strict"


def test_inspected_cookies_stripped_on_shopping_sites(inspecting_proxy: Proxy) -> None:
    ca = _mitm_ca(inspecting_proxy)
    status, headers, body, _ = inspecting_proxy.https("shop.test", "/echo", ca, {"Cookie": "a=1"})
    assert status == 200
    assert "Cookie" not in json.loads(body)["headers"]
    assert "set-cookie" not in headers
    status, headers, body, _ = inspecting_proxy.https("safe.test", "/echo", ca, {"Cookie": "a=1"})
    assert json.loads(body)["headers"].get("Cookie") == "a=1"
    assert headers.get("set-cookie") == "sid=abc; Path=/"


# --- the access log, --block-page, usage errors ------------------------------------------


def test_access_log_lines(
    tmp_path: Path, index_path: Path, origins: Origins
) -> None:
    p = Proxy(tmp_path, index_path, origins, "--block-page", "http://127.0.0.1:8081/blocked")
    try:
        status, headers, _ = p.http("http://casino.test/x")
        assert status == 302
        assert headers["location"].startswith("http://127.0.0.1:8081/blocked?url=http%3A%2F%2F")
        p.https("safe.test", "/hello", origins.cert)
        with pytest.raises(OSError, match="403"):
            p.https("casino.test", "/", origins.cert)
        with pytest.raises(ssl.SSLError):
            _connect_then_tls(p, "localhost", "casino.test", origins.cert)
    finally:
        lines = p.log_lines()
    assert all(line["via"] == "proxy" and line["client"] == "127.0.0.1" for line in lines)
    seen = [(line["host"], line["path"], line["action"]) for line in lines]
    assert seen == [
        ("casino.test", "/x", "block"),
        ("safe.test", None, "allow"),  # one line for CONNECT + SNI of the same host
        ("casino.test", None, "block"),
        ("localhost", None, "allow"),  # the CONNECT...
        ("casino.test", None, "block"),  # ...and its SNI, another host
    ]
    assert lines[0]["clause"] == GAMBLING
    assert p.proc.returncode == 0 and "listening on 127.0.0.1" in p.err


def test_inspecting_access_log_has_the_download_decision(
    tmp_path: Path, index_path: Path, origins: Origins
) -> None:
    p = Proxy(tmp_path, index_path, origins, "--inspect", "--group", "council-tablets")
    try:
        p.https("files.test", "/setup", _mitm_ca(p))
    finally:
        lines = p.log_lines()
    rows = [(r["host"], r["path"], r["action"], r["rule"], r["group"]) for r in lines]
    assert rows == [
        ("files.test", "/setup", "allow", "default", "council-tablets"),  # the request
        ("files.test", "/setup", "block", "web.downloads", "council-tablets"),  # the reply
    ]
    assert lines[1]["clause"] == TABLET_DOWNLOADS and lines[1]["category"] == "download"


def test_usage_errors(index_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    base = ["web", "proxy", "--index", str(index_path), "--no-log"]
    assert main([*base, "--safesearch"]) == 3
    assert "--safesearch needs --inspect" in capsys.readouterr().err
    assert main([*base, "--listen", "3128"]) == 3
    assert "is not ADDR:PORT" in capsys.readouterr().err
    assert main([*base, "--resolve", "nohost"]) == 3
    assert "--resolve 'nohost'" in capsys.readouterr().err
    assert main([*base, "--block-page", "ftp://x"]) == 3
    assert main([*base, "--stream-above", "lots"]) == 3
    assert main([*base, "--strip-cookies-categories", "shop ping"]) == 3


def test_port_in_use_fails_with_exit_1(
    tmp_path: Path, index_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        cmd = [sys.executable, "-c", "import sys; from aupguard.cli import main; "
               "sys.exit(main(sys.argv[1:]))", "web", "proxy", "--index", str(index_path),
               "--no-log", "--confdir", str(tmp_path / "c"), "--listen", f"127.0.0.1:{port}"]
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=60)
    assert done.returncode == 1
    assert "address already in use" in (done.stderr + done.stdout).lower()
