"""`aupguard lists update` against an archive served from a local HTTP server (no internet)."""

from __future__ import annotations

import io
import json
import tarfile
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from aupguard.cli import main
from aupguard.web.index import Index

Files = dict[str, bytes]


def _targz(files: Files, links: dict[str, str] | None = None) -> bytes:
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w:gz") as tf:
        for name, body in files.items():
            info = tarfile.TarInfo(name)
            info.size = len(body)
            tf.addfile(info, io.BytesIO(body))
        for name, target in (links or {}).items():
            info = tarfile.TarInfo(name)
            info.type = tarfile.SYMTYPE
            info.linkname = target
            tf.addfile(info)
    return buf.getvalue()


UT1: Files = {
    "blacklists/gambling/domains": b"bet.test\n",
    "blacklists/gambling/usage": b"black\n",
    "blacklists/games/domains": b"play.test\n",
    "blacklists/games/urls": b"fun.test/arcade\n",
}


class _Server:
    def __init__(self) -> None:
        self.routes: dict[str, tuple[int, bytes]] = {}
        routes = self.routes

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802
                status, body = routes.get(self.path, (404, b"not found"))
                self.send_response(status)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: object) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def serve(self, path: str, body: bytes, status: int = 200) -> str:
        self.routes[path] = (status, body)
        return self.base + path


@pytest.fixture
def server() -> Iterator[_Server]:
    s = _Server()
    yield s
    s.httpd.shutdown()
    s.httpd.server_close()


@pytest.fixture
def data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    d = tmp_path / "data"
    monkeypatch.setenv("AUPGUARD_DATA_DIR", str(d))
    return d


def _update(url: str) -> int:
    return main(["lists", "update", "--url", url, "--timeout", "10"])


def test_update_downloads_unpacks_and_compiles(
    server: _Server, data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = server.serve("/blacklists.tar.gz", _targz(UT1, {"blacklists/betting": "gambling"}))
    assert _update(url) == 0
    out = capsys.readouterr().out
    assert "gambling" in out and "games" in out and "2 categories" in out
    assert (data / "ut1" / "games" / "urls").is_file()
    assert (data / "ut1" / "betting").read_text().strip() == "gambling"  # alias from symlink
    assert sorted(p.name for p in data.iterdir()) == ["index.aupx", "ut1"]  # no temp left
    ix = Index.load(data / "index.aupx")
    assert ix.categories("www.bet.test") == ["gambling"]
    assert ix.categories("http://fun.test/arcade/x") == ["games"]
    ix.close()
    assert main(["web", "decide", "--policy", "belper", "http://www.bet.test/"]) == 0
    row = json.loads(capsys.readouterr().out)
    assert row["action"] == "block" and row["category"] == "gambling"


def test_update_replaces_old_lists_and_uses_council_folders(
    server: _Server, data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _update(server.serve("/a.tar.gz", _targz(UT1))) == 0
    (data / "block").mkdir()
    (data / "block" / "domains").write_text("mine.test\n")
    newer = {"gambling/domains": b"casino.test\n"}  # no wrapping folder this time
    assert _update(server.serve("/b.tar.gz", _targz(newer))) == 0
    assert "council block list" in capsys.readouterr().out
    assert not (data / "ut1" / "games").exists()
    ix = Index.load(data / "index.aupx")
    assert ix.categories("casino.test") == ["gambling"]
    assert ix.categories("bet.test") == []
    assert ix.categories("mine.test") == ["council-block"]
    ix.close()


def test_update_offline_and_file_url(data: Path, tmp_path: Path) -> None:
    archive = tmp_path / "blacklists.tar.gz"
    archive.write_bytes(_targz(UT1))
    assert main(["lists", "update", "--offline", str(archive)]) == 0
    assert Index.load(data / "index.aupx").categories("play.test") == ["games"]
    assert main(["lists", "update", "--url", archive.as_uri()]) == 0
    assert main(["lists", "update", "--offline", str(tmp_path / "missing.tar.gz")]) == 3


BAD = {
    "404": None,
    "not gzip": b"<html>this is not an archive</html>",
    "truncated": _targz(UT1)[:40],
    "dotdot": _targz({"blacklists/games/domains": b"x.test\n", "../evil": b"x"}),
    "absolute": _targz({"blacklists/games/domains": b"x.test\n", "/tmp/aupguard-evil": b"x"}),
    "device": None,
    "no categories": _targz({"README": b"hello\n"}),
}


def _device_archive() -> bytes:
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w:gz") as tf:
        info = tarfile.TarInfo("blacklists/games/domains")
        info.type = tarfile.CHRTYPE
        tf.addfile(info)
    return buf.getvalue()


@pytest.mark.parametrize("case", list(BAD))
def test_bad_downloads_exit_3_and_change_nothing(
    case: str, server: _Server, data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _update(server.serve("/good.tar.gz", _targz(UT1))) == 0
    index = data / "index.aupx"
    before = index.read_bytes()
    listing = sorted(str(p.relative_to(data)) for p in data.rglob("*"))
    capsys.readouterr()
    if case == "404":
        url = server.base + "/missing.tar.gz"
    else:
        body = _device_archive() if case == "device" else BAD[case]
        assert body is not None
        url = server.serve("/bad.tar.gz", body)
    assert _update(url) == 3
    err = capsys.readouterr().err
    assert "aupguard: error:" in err and ("HTTP 404" in err if case == "404" else True)
    assert index.read_bytes() == before
    assert sorted(str(p.relative_to(data)) for p in data.rglob("*")) == listing
    assert not (tmp_path / "evil").exists() and not Path("/tmp/aupguard-evil").exists()


def test_network_failure_exits_3(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import socket

    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    assert _update(f"http://127.0.0.1:{port}/blacklists.tar.gz") == 3
    assert "download failed" in capsys.readouterr().err
    assert not data.exists() or not any(data.iterdir())
    assert main(["lists", "update", "--url", "ftp://example.invalid/x.tar.gz"]) == 3
