"""The HTTPS proxy: a mitmproxy addon that decides through a `WebFilter`, run in-process.

Why in-process (mitmproxy's `Master` on our own asyncio loop) rather than
`mitmdump -s addon.py`: the pack and index load once, the options are ours and checked
by our command line, and nothing depends on where mitmdump is installed.

Without inspection (the default) nothing is decrypted. A CONNECT is decided on its
host (blocked: 403); the TLS ClientHello's SNI is decided only when it names another
host than the CONNECT did (or there was no CONNECT), so one connection gives one log
line. Allowed TLS passes through untouched; a blocked SNI is intercepted, which a
client that does not trust the proxy's CA sees as a certificate error. Plain HTTP is
decided on its full URL and a block answered with the page (403) or a redirect.

With inspection, TLS is intercepted (clients must trust mitmproxy's CA) and every
request is decided on its full URL; where the pack says so, program and installer
downloads are refused (`web.downloads`), cookies stripped on some categories of site
(`web.cookies`) and SafeSearch enforced. Downloads, cookies and SafeSearch also apply to
plain HTTP, which the proxy always sees in clear. A hook that fails blocks the request.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import ipaddress
import signal
import sys
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from mitmproxy import connection, http, tls
from mitmproxy.addons import default_addons
from mitmproxy.addons.errorcheck import ErrorCheck
from mitmproxy.master import Master
from mitmproxy.options import Options
from mitmproxy.proxy import server_hooks

from aupguard.policy.webrules import DownloadRule
from aupguard.web.blockpage import block_page_url, render_block_page
from aupguard.web.decide import Decision, host_in
from aupguard.web.inspect import (
    Download,
    MagicGate,
    cookies_strippable,
    download_verdict,
    request_verdict,
    safesearch,
)
from aupguard.web.service import WebFilter
from aupguard.web.urls import normalise_host

__all__ = ["AupguardAddon", "ProxySettings", "run_proxy"]

BLOCKED = ("block", "error")
_OURS = "aupguard_page"  # flow.metadata key: this response is our own page
_DECISION = "aupguard_decision"


@dataclass(frozen=True)
class ProxySettings:
    listen: tuple[str, int] = ("127.0.0.1", 3128)
    inspect: bool = False
    block_page: str | None = None  # redirect blocked sites here; None: page inline
    safesearch: bool = False
    strip_cookies: tuple[str, ...] | None = None  # None: as the pack's web.cookies says
    confdir: Path | None = None
    upstream_ca: Path | None = None
    stream_above: str = "16m"
    no_inspect: tuple[str, ...] = ()
    resolve: dict[str, tuple[str, int | None]] = field(default_factory=dict)


def _peer(conn: connection.Client) -> str | None:
    try:
        addr = ipaddress.ip_address(conn.peername[0])
    except (ValueError, IndexError, TypeError):
        return None
    if isinstance(addr, ipaddress.IPv6Address) and addr.ipv4_mapped is not None:
        return str(addr.ipv4_mapped)
    return str(addr)


class AupguardAddon:
    """The mitmproxy addon; see the module docstring for what each hook does."""

    def __init__(self, webfilter: WebFilter, settings: ProxySettings) -> None:
        self.web = webfilter
        self.settings = settings
        self._connected: dict[str, dict[str, Decision]] = {}  # client id -> CONNECT hosts
        self._refused: dict[str, Decision] = {}  # client id -> blocked SNI, intercepted

    # --- lifecycle ---------------------------------------------------------------------

    def running(self) -> None:
        host, port = self.settings.listen
        mode = "inspecting HTTPS" if self.settings.inspect else "not decrypting HTTPS"
        print(
            f"aupguard web proxy: listening on {host}:{port} ({mode}; policy "
            f"{self.web.pack.pack})",
            file=sys.stderr,
            flush=True,
        )

    def client_disconnected(self, client: connection.Client) -> None:
        self._connected.pop(client.id, None)
        self._refused.pop(client.id, None)

    def server_connect(self, data: server_hooks.ServerConnectionHookData) -> None:
        """--resolve: connect to a given address for a host name (split DNS, tests)."""
        if data.server.address is None or not self.settings.resolve:
            return
        host, port = data.server.address[:2]
        target = self.settings.resolve.get(str(host).lower().rstrip("."))
        if target is not None:
            data.server.address = (target[0], target[1] or port)

    # --- deciding --------------------------------------------------------------------

    def _inspecting(self, host: str) -> bool:
        return self.settings.inspect and not host_in(host, self.settings.no_inspect)

    def http_connect(self, flow: http.HTTPFlow) -> None:
        try:
            host = flow.request.host
            inspected = self._inspecting(host.lower())
            # Inspected hosts are logged request by request once decrypted (a blocked
            # one then shows the page instead of a bare connection error); the decision
            # is kept in case the TLS that follows names a host passed through.
            d = self.web.decide(host, client=_peer(flow.client_conn), log=not inspected)
            self._connected.setdefault(flow.client_conn.id, {})[d.host or host] = d
            if d.action in BLOCKED and not inspected:
                self._refuse_connect(flow, d, host)
        except Exception:
            traceback.print_exc(file=sys.stderr)
            self._refuse_connect(flow, None, flow.request.host)

    def _refuse_connect(self, flow: http.HTTPFlow, d: Decision | None, host: str) -> None:
        why = f" under {d.clause}" if d is not None and d.clause else ""
        text = f"Blocked by the council web filter: {host}{why}.\n"
        flow.response = http.Response.make(
            403, text, {"Content-Type": "text/plain; charset=utf-8", "Connection": "close"}
        )

    def tls_clienthello(self, data: tls.ClientHelloData) -> None:
        client = data.context.client
        try:
            server = data.context.server.address
            sni = data.client_hello.sni
            name = sni or (str(server[0]) if server else "")
            if self._inspecting(name.lower()):
                return  # intercept: each request is decided once decrypted
            connected = self._connected.get(client.id, {})
            refused = next((d for d in connected.values() if d.action in BLOCKED), None)
            if refused is not None:  # an inspected CONNECT to a blocked host
                self._log(refused, _peer(client), None)
                self._intercept_refused(data, refused)
                return
            try:
                host = normalise_host(name)
            except ValueError:
                host = name
            if host in connected or (not sni and connected):
                data.ignore_connection = True  # the CONNECT was decided and allowed
                return
            d = self.web.decide(name, client=_peer(client))
            if d.action in BLOCKED:
                self._intercept_refused(data, d)
            else:
                data.ignore_connection = True
        except Exception:
            traceback.print_exc(file=sys.stderr)
            self._intercept_refused(data, Decision("", "error", None, None, None))

    def _intercept_refused(self, data: tls.ClientHelloData, d: Decision) -> None:
        """Not passed through: mitmproxy answers the handshake itself (a client that
        does not trust its CA sees a certificate error; one that does, the page)."""
        self._refused[data.context.client.id] = d
        data.ignore_connection = False
        data.establish_server_tls_first = False

    def request(self, flow: http.HTTPFlow) -> None:
        if flow.response is not None or flow.request.method == "CONNECT":
            return  # answered already (by mitmproxy's onboarding page, or by us)
        try:
            self._request(flow)
        except Exception:
            traceback.print_exc(file=sys.stderr)
            d = Decision(flow.request.pretty_url, "error", None, None, None)
            self._block(flow, d, flow.request.pretty_url)

    def _request(self, flow: http.HTTPFlow) -> None:
        req = flow.request
        refused = self._refused.get(flow.client_conn.id)
        if refused is not None:  # a blocked SNI whose client trusted our CA after all
            self._block(flow, refused, req.pretty_url)
            return
        url, client = req.pretty_url, _peer(flow.client_conn)
        d = self.web.decide(url, client=client, log=False)
        if d.action not in BLOCKED and req.host.lower() != req.pretty_host.lower():
            # The Host header names another site than the connection goes to (domain
            # fronting, or a CONNECT to one name and requests for another): both count.
            other = self.web.decide(req.host, client=client, log=False)
            if other.action in BLOCKED:
                d = other
        flow.metadata[_DECISION] = d
        if d.action in BLOCKED:
            self._log(d, client, req.path)
            self._block(flow, d, url)
            return
        rule = self._downloads_rule(d)
        found = request_verdict(req.pretty_host.lower(), req.path) if rule else None
        if rule is not None and found is not None:
            dd = self._download_decision(d, url, rule)
            self._log(dd, client, req.path)
            if dd.action == "block":
                self._block(flow, dd, url, found)
            return
        self._log(d, client, req.path)
        if self.settings.safesearch:
            rewrite = safesearch(req.pretty_host, req.path)
            if rewrite is not None:
                req.path = rewrite[0]
                for name, value in rewrite[1].items():
                    req.headers[name] = value
        if self._strip_cookies(d, url):
            flow.metadata["aupguard_strip"] = True
            req.headers.pop("Cookie", None)

    def responseheaders(self, flow: http.HTTPFlow) -> None:
        resp = flow.response
        if resp is None or flow.metadata.get(_OURS):
            return
        try:
            if flow.metadata.get("aupguard_strip"):
                resp.headers.pop("Set-Cookie", None)
            d = flow.metadata.get(_DECISION)
            rule = self._downloads_rule(d) if isinstance(d, Decision) else None
            if rule is None or not resp.stream:
                return  # buffered bodies are judged whole in `response`
            req = flow.request
            headers = {k.lower(): v for k, v in resp.headers.items()}
            found = download_verdict(req.pretty_host.lower(), req.path, headers)
            assert isinstance(d, Decision)
            if found is not None:
                if self._stream_download(flow, d):
                    flow.kill()  # too big to buffer: refused without a page
                return
            resp.stream = MagicGate(lambda: self._stream_download(flow, d))
        except Exception:
            traceback.print_exc(file=sys.stderr)
            flow.kill()

    def response(self, flow: http.HTTPFlow) -> None:
        resp = flow.response
        if resp is None or flow.metadata.get(_OURS) or resp.stream:
            return
        d = flow.metadata.get(_DECISION)
        if not isinstance(d, Decision):
            return
        req = flow.request
        try:
            rule = self._downloads_rule(d)
            if rule is None:
                return
            headers = {k.lower(): v for k, v in resp.headers.items()}
            body = resp.get_content(strict=False) or b""
            found = download_verdict(req.pretty_host.lower(), req.path, headers, body)
            if found is None:
                return
            dd = self._download_decision(d, req.pretty_url, rule)
            self._log(dd, _peer(flow.client_conn), req.path)
            if dd.action == "block":
                self._block(flow, dd, req.pretty_url, found)
        except Exception:
            traceback.print_exc(file=sys.stderr)
            self._block(flow, Decision(req.pretty_url, "error", None, None, None), req.pretty_url)

    # --- helpers ---------------------------------------------------------------------

    def _log(self, d: Decision, client: str | None, path: str | None) -> None:
        if self.web.log is not None:
            self.web.log.record(d, via=self.web.via, client=client, path=path)

    def _downloads_rule(self, d: Decision | None) -> DownloadRule | None:
        """The pack's download rule if it applies to this request's group."""
        rule = self.web.pack.web.downloads
        if rule is None or d is None:
            return None
        return rule if not rule.groups or d.group in rule.groups else None

    def _download_decision(self, d: Decision, url: str, rule: DownloadRule) -> Decision:
        return Decision(url, rule.action, "download", rule.clause, "web.downloads", d.group, d.host)

    def _stream_download(self, flow: http.HTTPFlow, d: Decision) -> bool:
        """Log a program found in a streamed body; True when it is to be blocked."""
        rule = self._downloads_rule(d)
        if rule is None:
            return False
        dd = self._download_decision(d, flow.request.pretty_url, rule)
        self._log(dd, _peer(flow.client_conn), flow.request.path)
        return bool(dd.action == "block")

    def _strip_cookies(self, d: Decision, url: str) -> bool:
        rule = self.web.pack.web.cookies
        categories = self.settings.strip_cookies
        if categories is None:
            if rule is None:
                return False
            categories = rule.categories
        if rule is not None and rule.groups and d.group not in rule.groups:
            return False
        if not categories:
            return False
        index = self.web.index
        return cookies_strippable(index.categories(url), categories, index.aliases)

    def _block(
        self, flow: http.HTTPFlow, d: Decision, url: str, download: Download | None = None
    ) -> None:
        flow.metadata[_OURS] = True
        if self.settings.block_page and download is None:
            location = block_page_url(self.settings.block_page, d, url)
            flow.response = http.Response.make(
                302, b"", {"Location": location, "Cache-Control": "no-store"}
            )
            return
        pack = self.web.pack
        page = render_block_page(
            pack,
            url=url,
            category=d.category,
            clause_id=d.clause,
            action="error" if d.action == "error" else "block",
            download=download.kind if download else None,
            rule=d.rule,
            at=dt.datetime.now(ZoneInfo(pack.web.timezone)),
        )
        flow.response = http.Response.make(
            403,
            page.encode("utf-8"),
            {"Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store"},
        )


def _options(settings: ProxySettings) -> dict[str, Any]:
    host, port = settings.listen
    opts: dict[str, Any] = {
        "listen_host": host,
        "listen_port": port,
        "stream_large_bodies": settings.stream_above,
        "termlog_verbosity": "warn",
        # Inspecting: connect upstream only for a request that is let through, so a
        # blocked site is never contacted at all.
        "connection_strategy": "lazy" if settings.inspect else "eager",
    }
    if settings.confdir is not None:
        opts["confdir"] = str(settings.confdir)
    if settings.upstream_ca is not None:
        opts["ssl_verify_upstream_trusted_ca"] = str(settings.upstream_ca)
    return opts


async def _serve(webfilter: WebFilter, settings: ProxySettings) -> int:
    master = Master(Options(), with_termlog=True)
    master.addons.add(*default_addons())
    master.addons.add(ErrorCheck(repeat_errors_on_stderr=True))
    master.addons.add(AupguardAddon(webfilter, settings))
    master.options.update(**_options(settings))
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, master.shutdown)
    log = webfilter.log
    if log is not None:  # logrotate moved the file: `kill -HUP`
        loop.add_signal_handler(signal.SIGHUP, log.reopen)
    try:
        await master.run()
    except SystemExit as exc:  # mitmproxy's ErrorCheck: startup failed (it said why)
        return exc.code if isinstance(exc.code, int) else 1
    return 0


def run_proxy(webfilter: WebFilter, settings: ProxySettings) -> int:
    """Serve until SIGINT or SIGTERM; the exit code (1 when startup failed)."""
    return asyncio.run(_serve(webfilter, settings))
