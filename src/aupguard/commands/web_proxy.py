"""`aupguard web proxy`: the filter as an HTTP(S) proxy (see `aupguard.web.proxy`).

mitmproxy is an optional extra (`pip install 'aupguard[proxy]'`), so it is imported only
when the command runs; `aupguard --help` works without it. docs/web-proxy.md says how to
point browsers at the proxy and how to install its CA where inspection is on.
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from aupguard.errors import UsageError

if TYPE_CHECKING:
    from aupguard.web.proxy import ProxySettings

DEFAULT_LISTEN = "127.0.0.1:3128"
_SIZE = re.compile(r"^\d+[kmg]?$", re.IGNORECASE)
_CATEGORY = re.compile(r"^[a-z0-9_\-]+$")

_DESCRIPTION = """\
An HTTP(S) proxy that decides every request through the pack's web rules (run on
mitmproxy, in-process).

Without --inspect nothing is decrypted: an HTTPS site is decided on the host named in
CONNECT and in the TLS SNI; a blocked one is refused (403; browsers show their own
error page, not the proxy's). Plain HTTP is decided on the full URL and a blocked page
answered with the block page (403), or a redirect to --block-page.

With --inspect, HTTPS is decrypted (every device must trust the CA in --confdir) and
decided URL by URL; blocked sites show the block page; program and installer downloads
are refused where the pack's web.downloads says; cookies are stripped on the
categories in web.cookies (or --strip-cookies-categories); SafeSearch is enforced on
Google, Bing, DuckDuckGo and YouTube. Downloads and cookies also apply to plain HTTP."""


def add_parser(wsub: Any) -> None:
    """Register `web proxy`."""
    from aupguard.commands.web import add_filter_options

    p = wsub.add_parser(
        "proxy",
        help="HTTP(S) proxy (mitmproxy) deciding on CONNECT/SNI, or on full URLs with --inspect",
        description=_DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument(
        "--listen",
        default=DEFAULT_LISTEN,
        metavar="ADDR:PORT",
        help=f"address and port to listen on (default: {DEFAULT_LISTEN}; 0.0.0.0:3128 for a LAN)",
    )
    p.add_argument("--inspect", action="store_true", help="decrypt HTTPS (TLS interception)")
    p.add_argument(
        "--block-page",
        default=None,
        metavar="URL",
        help="redirect blocked pages to this URL (aupguard web block-page's /blocked) "
        "instead of answering with the page itself",
    )
    p.add_argument(
        "--safesearch",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="enforce SafeSearch (default: on with --inspect; needs --inspect)",
    )
    p.add_argument(
        "--strip-cookies-categories",
        default=None,
        metavar="CAT,CAT",
        help="strip cookies on sites in these categories, for everyone in the pack's "
        "web.cookies groups (default: the pack's web.cookies categories; '' for none)",
    )
    p.add_argument(
        "--no-inspect",
        action="append",
        default=[],
        metavar="HOST",
        help="with --inspect, pass this host and its subdomains through undecrypted "
        "(apps that pin certificates); repeatable",
    )
    p.add_argument(
        "--confdir",
        type=Path,
        default=None,
        metavar="DIR",
        help="where mitmproxy keeps its CA (default: 'mitmproxy' in aupguard's data folder)",
    )
    p.add_argument(
        "--upstream-ca",
        type=Path,
        default=None,
        metavar="FILE",
        help="with --inspect: PEM file of the CA certificates upstream servers are checked "
        "against, instead of the certifi bundle mitmproxy ships (e.g. to add a council "
        "server's own CA, append it to a copy of that bundle)",
    )
    p.add_argument(
        "--resolve",
        action="append",
        default=[],
        metavar="HOST=ADDR[:PORT]",
        help="connect to ADDR (and PORT) for HOST, like curl --resolve (split DNS; tests)",
    )
    p.add_argument(
        "--stream-above",
        default="16m",
        metavar="SIZE",
        help="response bodies larger than this are streamed, not buffered: a program among "
        "them is cut off rather than replaced by the block page (default: 16m)",
    )
    add_filter_options(p)
    p.set_defaults(func=_run)


def _resolve_map(items: list[str]) -> dict[str, tuple[str, int | None]]:
    out: dict[str, tuple[str, int | None]] = {}
    for item in items:
        host, sep, target = item.partition("=")
        addr, port = target, None
        if target.startswith("["):
            addr, _, rest = target[1:].partition("]")
            port = int(rest[1:]) if rest.startswith(":") and rest[1:].isdigit() else None
        elif target.count(":") == 1:
            addr, p = target.split(":")
            if not p.isdigit():
                addr = ""
            port = int(p) if p.isdigit() else None
        if not sep or not host or not addr:
            raise UsageError(f"--resolve {item!r} is not HOST=ADDR or HOST=ADDR:PORT")
        out[host.strip().lower().rstrip(".")] = (addr, port)
    return out


def _settings(args: argparse.Namespace) -> ProxySettings:
    from aupguard.commands.web_blockpage import parse_listen
    from aupguard.web.proxy import ProxySettings

    if args.safesearch and not args.inspect:
        raise UsageError("--safesearch needs --inspect: search engines are only reached by HTTPS")
    block_page = args.block_page
    if block_page is not None and not re.match(r"^https?://\S+$", block_page):
        raise UsageError(f"--block-page {block_page!r} is not an http:// or https:// URL")
    if not _SIZE.match(args.stream_above):
        raise UsageError(f"--stream-above {args.stream_above!r} is not a size like 16m")
    strip = None
    if args.strip_cookies_categories is not None:
        strip = tuple(c.strip() for c in args.strip_cookies_categories.split(",") if c.strip())
        bad = [c for c in strip if not _CATEGORY.match(c)]
        if bad:
            raise UsageError(f"--strip-cookies-categories: not category names: {bad}")
    for path, option in ((args.upstream_ca, "--upstream-ca"),):
        if path is not None and not path.is_file():
            raise UsageError(f"{option} {path}: no such file")
    confdir = args.confdir
    if confdir is None:
        from aupguard.web.index import default_index_path

        confdir = default_index_path().parent / "mitmproxy"
    return ProxySettings(
        listen=parse_listen(args.listen),
        inspect=args.inspect,
        block_page=block_page,
        safesearch=args.inspect if args.safesearch is None else args.safesearch,
        strip_cookies=strip,
        confdir=confdir,
        upstream_ca=args.upstream_ca,
        stream_above=args.stream_above.lower(),
        no_inspect=tuple(h.strip().lower().rstrip(".") for h in args.no_inspect if h.strip()),
        resolve=_resolve_map(args.resolve),
    )


def _run(args: argparse.Namespace) -> int:
    try:
        from aupguard.web.proxy import run_proxy
    except ImportError as exc:
        raise UsageError(
            f"aupguard web proxy needs mitmproxy ({exc}); install it with "
            "pip install 'aupguard[proxy]'"
        ) from None
    from aupguard.commands.web import filter_from_args

    settings = _settings(args)
    if settings.confdir is not None:
        settings.confdir.mkdir(mode=0o700, parents=True, exist_ok=True)  # holds the CA key
    web = filter_from_args(args, via="proxy")
    try:
        return int(run_proxy(web, settings))
    finally:
        web.close()
