"""The Squid helper inside Debian's real Squid: fetches through the proxy from a local
origin server, in both helper modes, with and without concurrency channel ids.

Squid refuses to run as root, so (when the tests run as root) it runs as `proxy` and so
do its helpers; the temp folder is handed to that user. If the venv's interpreter is not
reachable by that user (pyenv under /root, say), the helper is started by the system
Python of the same version with the venv's site-packages on PYTHONPATH.
"""

from __future__ import annotations

import contextlib
import http.client
import json
import os
import pwd
import shlex
import shutil
import signal
import site
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

import aupguard
from _ports import free_port
from aupguard.web.index import compile_lists

SQUID = shutil.which("squid") or "/usr/sbin/squid"
pytestmark = pytest.mark.skipif(
    not os.access(SQUID, os.X_OK), reason="needs Squid (Debian package: squid)"
)

BLOCK_PAGE = "http://127.0.0.1:8081/blocked"
GAMBLING_CLAUSE = "belper.general.gambling-auction-sites"
START_TIMEOUT = 60.0




class _Origin(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        body = f"origin: {self.headers.get('Host')} {self.path}".encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - base signature
        pass


@pytest.fixture
def origin_port() -> Iterator[int]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Origin)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield int(server.server_address[1])
    server.shutdown()
    server.server_close()


class SquidUnderTest:
    """One squid -N with a generated config in its own folder; `stop()` is idempotent."""

    def __init__(self, folder: Path, run_as: pwd.struct_passwd | None) -> None:
        self.folder = folder
        self.run_as = run_as
        self.port = free_port()
        self.service = f"aupguardtest{self.port}"
        self.conf = folder / "squid.conf"
        self.proc: subprocess.Popen[bytes] | None = None

    def _chown(self, path: Path) -> None:
        if self.run_as is not None:
            os.chown(path, self.run_as.pw_uid, self.run_as.pw_gid)

    def helper_wrapper(self) -> Path:
        """A script that runs `aupguard` and works for the user Squid runs as."""
        wrapper = self.folder / "aupguard-helper"
        script = Path(sys.executable).parent / "aupguard"
        version = f"python{sys.version_info.major}.{sys.version_info.minor}"
        src = Path(aupguard.__file__).resolve().parents[1]
        pythonpath = ":".join([str(src), *site.getsitepackages()])
        bodies = [f"exec {shlex.quote(str(script))} \"$@\"\n"]
        for python in (f"/usr/bin/{version}", f"/usr/local/bin/{version}"):
            bodies.append(
                f"export PYTHONPATH={shlex.quote(pythonpath)}\n"
                f"exec {python} -c 'import sys; from aupguard.cli import main; "
                "sys.exit(main())' \"$@\"\n"
            )
        for body in bodies:
            wrapper.write_text("#!/bin/sh\n" + body)
            wrapper.chmod(0o755)
            probe = subprocess.run(
                [str(wrapper), "web", "squid-helper", "--help"], capture_output=True,
                timeout=60, check=False, **self._user_kwargs(),
            )
            if probe.returncode == 0:
                return wrapper
        user = self.run_as.pw_name if self.run_as else "this user"
        pytest.skip(f"cannot run aupguard as {user} (the user Squid runs helpers as)")

    def _user_kwargs(self) -> dict[str, Any]:
        if self.run_as is None:
            return {}
        return {"user": self.run_as.pw_uid, "group": self.run_as.pw_gid, "extra_groups": []}

    def start(self, helper_lines: str) -> None:
        (self.folder / "hosts").write_text(
            "127.0.0.1 localhost allowed.test bet.test www.bet.test\n"
        )
        user_line = f"cache_effective_user {self.run_as.pw_name}\n" if self.run_as else ""
        self.conf.write_text(
            f"http_port 127.0.0.1:{self.port}\n"
            "visible_hostname aupguard-test\n"
            f"pid_filename {self.folder}/squid.pid\n"
            f"cache_log {self.folder}/cache.log\n"
            "logformat aupguard %ts.%03tu %>a %Ss/%03>Hs %rm %ru ea=%ea\n"
            f"access_log stdio:{self.folder}/squid-access.log aupguard\n"
            "cache deny all\ncache_mem 8 MB\n"
            f"hosts_file {self.folder}/hosts\n"
            f"coredump_dir {self.folder}\n"
            "shutdown_lifetime 0 seconds\n"
            + user_line + helper_lines
        )
        self.proc = subprocess.Popen(
            # its own service name, so its shared memory names clash with no other squid
            [SQUID, "-N", "-n", self.service, "-f", str(self.conf)],
            stdout=subprocess.DEVNULL, stderr=(self.folder / "squid.err").open("wb"),
            start_new_session=True,
            env={**os.environ, "AUPGUARD_DATA_DIR": str(self.folder)},
        )
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise AssertionError(f"squid exited {self.proc.returncode}:\n{self.logs()}")
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                return
            except OSError:
                time.sleep(0.1)
        raise AssertionError(f"squid did not listen in {START_TIMEOUT} s:\n{self.logs()}")

    def logs(self) -> str:
        parts = []
        for name in ("squid.err", "cache.log"):
            path = self.folder / name
            if path.exists():
                parts.append(f"--- {name}\n" + path.read_text(errors="replace")[-4000:])
        return "\n".join(parts)

    def stop(self) -> None:
        """SIGTERM squid, wait for it and its helpers (they exit on end of input), then
        SIGKILL whatever is left of its process group."""
        if self.proc is None:
            return
        proc, self.proc = self.proc, None
        if proc.poll() is None:
            proc.terminate()
            with contextlib.suppress(subprocess.TimeoutExpired):
                proc.wait(timeout=30)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                os.killpg(proc.pid, 0)
            except ProcessLookupError:
                break
            time.sleep(0.1)
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)
        # a squid that died abnormally leaves its shared memory segments behind
        for segment in Path("/dev/shm").glob(f"{self.service}-*"):
            with contextlib.suppress(OSError):
                segment.unlink()

    # --- talking to it --------------------------------------------------------------

    def get(self, url: str) -> tuple[int, dict[str, str], bytes]:
        """GET through the proxy without following redirects."""
        opener = urllib.request.build_opener(
            urllib.request.ProxyHandler({"http": f"http://127.0.0.1:{self.port}"}),
            _NoRedirect(),
        )
        try:
            with opener.open(url, timeout=30) as resp:
                return resp.status, dict(resp.headers), resp.read()
        except urllib.error.HTTPError as err:
            return err.code, dict(err.headers), err.read()

    def tunnel(self, host: str, port: int) -> tuple[int, bytes]:
        """CONNECT host:port through the proxy and GET / over the tunnel (plain HTTP)."""
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        conn.set_tunnel(host, port)
        try:
            conn.request("GET", "/tunnelled")
            resp = conn.getresponse()
            return resp.status, resp.read()
        finally:
            conn.close()


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


@pytest.fixture
def squid_under_test(make_lists) -> Iterator[SquidUnderTest]:  # type: ignore[no-untyped-def]
    run_as = None
    if os.geteuid() == 0:
        try:
            run_as = pwd.getpwnam("proxy")
        except KeyError:
            run_as = pwd.getpwnam("nobody")
    folder = Path(tempfile.mkdtemp(prefix="aupguard-squid-"))
    sq = SquidUnderTest(folder, run_as)
    try:
        folder.chmod(0o755)
        lists = make_lists({"gambling": {"domains": "bet.test\n"}})
        compile_lists([lists], folder / "index.aupx")
        (folder / "index.aupx").chmod(0o644)
        sq._chown(folder)
        yield sq
    finally:
        sq.stop()
        shutil.rmtree(folder, ignore_errors=True)


def _helper_args(sq: SquidUnderTest, mode: str) -> str:
    wrapper = sq.helper_wrapper()
    return (f"{wrapper} web squid-helper --mode {mode} --policy belper "
            f"--index {sq.folder}/index.aupx --log {sq.folder}/access.jsonl "
            f"--block-page {BLOCK_PAGE}")


def _access_log(sq: SquidUnderTest) -> list[dict[str, Any]]:
    path = sq.folder / "access.jsonl"
    return [json.loads(line) for line in path.read_text().splitlines()]


@pytest.mark.parametrize("concurrency", [0, 8])
def test_rewrite_mode_in_real_squid(squid_under_test: SquidUnderTest, origin_port: int,
                                    concurrency: int) -> None:
    sq = squid_under_test
    sq.start(
        f"url_rewrite_program {_helper_args(sq, 'rewrite')}\n"
        f"url_rewrite_children 2 startup=1 idle=1 concurrency={concurrency}\n"
        "http_access allow all\n"
    )
    status, _, body = sq.get(f"http://allowed.test:{origin_port}/page")
    assert (status, body) == (200, b"origin: allowed.test:%d /page" % origin_port), sq.logs()

    blocked_url = f"http://www.bet.test:{origin_port}/page?q=secret"
    status, headers, _ = sq.get(blocked_url)
    assert status == 302, sq.logs()
    target = urlsplit(headers["Location"])
    assert f"{target.scheme}://{target.netloc}{target.path}" == BLOCK_PAGE
    assert parse_qs(target.query) == {
        "url": [blocked_url], "category": ["gambling"], "clause": [GAMBLING_CLAUSE],
        "rule": ["gambling-auction-sites"]}

    # HTTPS: the tunnel to a blocked host is refused; an allowed one is opened
    with pytest.raises(OSError, match="Tunnel connection failed: 302"):
        sq.tunnel("bet.test", 443)
    assert sq.tunnel("allowed.test", origin_port) == (
        200, b"origin: allowed.test:%d /tunnelled" % origin_port)
    sq.stop()

    rows = _access_log(sq)
    assert {r["via"] for r in rows} == {"squid"}
    seen = [(r["host"], r["path"], r["action"]) for r in rows]
    assert seen == [("allowed.test", "/page", "allow"), ("www.bet.test", "/page", "block"),
                    ("bet.test", None, "block"), ("allowed.test", None, "allow")]
    assert rows[1]["client"] == "127.0.0.1" and rows[1]["clause"] == GAMBLING_CLAUSE
    assert rows[1]["category"] == "gambling" and rows[1]["user"] is None


def test_acl_mode_in_real_squid(squid_under_test: SquidUnderTest, origin_port: int) -> None:
    sq = squid_under_test
    sq.start(
        "external_acl_type aupguard children-max=2 children-startup=1 concurrency=8 ttl=60 "
        f"%SRC %un %>rm %URI {_helper_args(sq, 'acl')}\n"
        "acl aupguard_ok external aupguard\n"
        f"deny_info {BLOCK_PAGE}?url=%u&clause=%o aupguard_ok\n"
        "http_access deny !aupguard_ok\n"
        "http_access allow all\n"
    )
    status, _, body = sq.get(f"http://allowed.test:{origin_port}/a")
    assert (status, body) == (200, b"origin: allowed.test:%d /a" % origin_port), sq.logs()

    blocked_url = f"http://bet.test:{origin_port}/b"
    status, headers, _ = sq.get(blocked_url)
    assert status == 302, sq.logs()
    target = urlsplit(headers["Location"])
    assert f"{target.scheme}://{target.netloc}{target.path}" == BLOCK_PAGE
    assert parse_qs(target.query) == {"url": [blocked_url], "clause": [GAMBLING_CLAUSE]}

    with pytest.raises(OSError, match="Tunnel connection failed: 30[27]"):  # 307 to HTTP/1.1
        sq.tunnel("www.bet.test", 443)
    sq.stop()

    rows = _access_log(sq)
    assert [(r["via"], r["host"], r["action"]) for r in rows] == [
        ("squid", "allowed.test", "allow"), ("squid", "bet.test", "block"),
        ("squid", "www.bet.test", "block")]
    assert rows[1]["client"] == "127.0.0.1" and rows[1]["path"] == "/b"
    squid_log = (sq.folder / "squid-access.log").read_text()
    assert "ea=allow/-/-" in squid_log
    assert f"TCP_DENIED/302 GET {blocked_url} ea=block/gambling/{GAMBLING_CLAUSE}" in squid_log
