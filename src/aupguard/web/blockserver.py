"""The block page server behind `aupguard web block-page`.

Two kinds of visitor arrive here:

- `GET /blocked?url=&category=&clause=&rule=`: a browser redirected by the Squid helper
  or the proxy (`block_page_url`). The decision was already taken and logged by them;
  the page is rendered from the query (Squid's acl mode sends no category: it is found
  again when the clause matches).
- anything else: a browser sent here by the DNS filter, which answered a blocked name
  with this server's address. The page decides again from the `Host` header and path
  (without logging: the DNS filter logged the lookup) so it can quote the clause, and
  says so plainly when the site is not blocked after all (the pack changed, or the
  device remembers an old DNS answer).

Both answer 403 Forbidden when the page reports a block. Why 403 and not 200, even for
`/blocked` where the redirect has already happened: the page stands for a refusal,
and Squid can deliver it either as a redirect or as an internal rewrite under the
blocked site's own address; with 403 no cache, download manager or script treats the
page as the site's content, while browsers still show the body. Responses carry
`Cache-Control: no-store` and a Content-Security-Policy that forbids all scripts.
"""

from __future__ import annotations

import datetime as dt
import socket
import sys
import traceback
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit
from zoneinfo import ZoneInfo

from aupguard.errors import AupguardError
from aupguard.policy.loader import load_pack
from aupguard.policy.schema import Pack
from aupguard.web.blockpage import render_block_page
from aupguard.web.service import WebFilter

__all__ = ["BlockPageServer", "make_block_page_server"]

_HEADERS = {
    "Cache-Control": "no-store",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'",
}


class BlockPageServer(ThreadingHTTPServer):
    """A threaded HTTP server holding the `WebFilter` its handlers decide with."""

    daemon_threads = True
    request_queue_size = 128

    def __init__(self, address: tuple[str, int], webfilter: WebFilter) -> None:
        self.webfilter = webfilter
        super().__init__(address, BlockPageHandler)


class _BlockPageServer6(BlockPageServer):
    address_family = socket.AF_INET6


def make_block_page_server(webfilter: WebFilter, host: str, port: int) -> BlockPageServer:
    """Bound (not yet serving); port 0 picks a free one (see `server_address`)."""
    cls = _BlockPageServer6 if ":" in host else BlockPageServer
    return cls((host, port), webfilter)


class BlockPageHandler(BaseHTTPRequestHandler):
    server: BlockPageServer
    protocol_version = "HTTP/1.1"
    timeout = 15  # a client that sends nothing must not hold a thread for ever
    server_version = "aupguard-block-page"
    sys_version = ""

    def do_GET(self) -> None:
        self._answer(with_body=True)

    def do_HEAD(self) -> None:
        self._answer(with_body=False)

    def do_POST(self) -> None:
        # A form on a blocked site: answer with the page, never read the body.
        self.close_connection = True
        self._answer(with_body=True)

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        """Quiet: the filters log decisions; one line per page view would be noise."""

    def _answer(self, *, with_body: bool) -> None:
        try:
            status, page = self._page()
        except Exception:  # never let one odd request take the thread's answer away
            traceback.print_exc(file=sys.stderr)
            status, page = 500, "<!DOCTYPE html><title>Error</title><p>Block page error.</p>"
        self._send(status, page, with_body=with_body)

    def _send(self, status: int, page: str, *, with_body: bool) -> None:
        data = page.encode("utf-8")
        self.send_response(status)
        if status != 204:
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
        for name, value in _HEADERS.items():
            self.send_header(name, value)
        if self.close_connection:
            self.send_header("Connection", "close")
        self.end_headers()
        if with_body and status != 204:
            self.wfile.write(data)

    def _pack(self) -> Pack:
        webfilter = self.server.webfilter
        try:
            return load_pack(webfilter.policy)  # cached by mtime: picks up edits
        except AupguardError:
            return webfilter.pack

    def _page(self) -> tuple[int, str]:
        parts = urlsplit(self.path)
        path = parts.path or "/"
        if path == "/favicon.ico":
            return 204, ""
        if path == "/blocked":
            return self._redirected(parts.query)
        return self._resolved_here(path, parts.query, parts.netloc)

    def _redirected(self, query: str) -> tuple[int, str]:
        """`/blocked?...` from Squid or the proxy: render what the query says."""
        pack = self._pack()
        q = parse_qs(query, keep_blank_values=True, max_num_fields=20)

        def one(name: str) -> str:
            return (q.get(name) or [""])[0]

        category = one("category") or None
        if category is None and one("url"):
            # Squid's acl mode can pass only the URL and the clause (deny_info has one
            # helper value, %o): find the category again, without logging, when the
            # decision here cites the same clause.
            again = self.server.webfilter.decide(one("url"), log=False)
            if again.clause == (one("clause") or None):
                category = again.category
        page = render_block_page(
            pack,
            url=one("url"),
            category=category,
            clause_id=one("clause") or None,
            rule=one("rule") or None,
            at=dt.datetime.now(ZoneInfo(pack.web.timezone)),
        )
        return 403, page

    def _resolved_here(self, path: str, query: str, netloc: str) -> tuple[int, str]:
        """A browser the DNS filter sent here: decide on Host + path, without logging."""
        host = netloc or (self.headers.get("Host") or "").strip()
        if not host:
            return 400, (
                "<!DOCTYPE html><title>Web filter</title><p>This is the council web "
                "filter's block page server. The request named no site.</p>"
            )
        url = f"http://{host}{path}" + (f"?{query}" if query else "")
        webfilter = self.server.webfilter
        decision = webfilter.decide(url, client=self.client_address[0], log=False)
        pack = webfilter.pack
        page = render_block_page(
            pack,
            url=url,
            category=decision.category,
            clause_id=decision.clause,
            action=decision.action,
            rule=decision.rule,
            at=dt.datetime.now(ZoneInfo(pack.web.timezone)),
        )
        blocked = decision.action in ("block", "error")
        return (403 if blocked else 200), page
