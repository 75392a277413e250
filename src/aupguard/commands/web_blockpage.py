"""`aupguard web block-page`: serve the block page (see `aupguard.web.blockserver`).

`parse_listen` is shared with `aupguard web proxy`: both take `--listen ADDR:PORT`.
"""

from __future__ import annotations

import argparse
import signal
import sys
import threading
from typing import Any

from aupguard.errors import UsageError

DEFAULT_LISTEN = "127.0.0.1:8081"

_DESCRIPTION = """\
Serve the page a person sees when the web filter stops a site: what was blocked, the
clause of the council's policy, and how to ask the Town Clerk for an exception.

GET /blocked?url=&category=&clause=&rule= renders the page from the query (the Squid
helper and the proxy redirect there). Any other request is a browser the DNS filter sent
here: the page decides on its Host header and path and says which clause blocks it, or
that the site is not blocked after all. Blocked answers use status 403.

Point the Squid helper's and the proxy's --block-page at http://ADDR:PORT/blocked, and
the DNS filter's block address at ADDR (the DNS case needs port 80)."""


def parse_listen(text: str, option: str = "--listen") -> tuple[str, int]:
    """'ADDR:PORT' or '[IPv6]:PORT' as (addr, port); `UsageError` if it is neither."""
    from aupguard.hostport import split_host_port

    try:
        return split_host_port(text)
    except ValueError:
        raise UsageError(
            f"{option} {text!r} is not ADDR:PORT (e.g. 127.0.0.1:8081 or [::1]:8081)"
        ) from None


def add_parser(wsub: Any) -> None:
    """Register `web block-page`."""
    from aupguard.commands.web import add_filter_options

    p = wsub.add_parser(
        "block-page",
        help="serve the block page (for the Squid helper, the proxy and the DNS filter)",
        description=_DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument(
        "--listen",
        default=DEFAULT_LISTEN,
        metavar="ADDR:PORT",
        help=f"address and port to serve on (default: {DEFAULT_LISTEN})",
    )
    # No access log options: the page never logs (whoever sent the browser here did).
    add_filter_options(p, serving=False)
    p.set_defaults(func=_run)


def _run(args: argparse.Namespace) -> int:
    from aupguard.commands.web import filter_from_args
    from aupguard.web.blockserver import make_block_page_server

    host, port = parse_listen(args.listen)
    web = filter_from_args(args, via="block-page")
    try:
        server = make_block_page_server(web, host, port)
    except OSError as exc:
        web.close()
        raise UsageError(f"cannot listen on {args.listen}: {exc.strerror or exc}") from None

    def stop(_sig: int, _frame: object) -> None:
        threading.Thread(target=server.shutdown, daemon=True).start()

    signal.signal(signal.SIGTERM, stop)
    print(
        f"aupguard web block-page: serving on http://{args.listen}/ "
        f"(policy {web.pack.pack})",
        file=sys.stderr,
        flush=True,
    )
    try:
        server.serve_forever(poll_interval=0.5)
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
        web.close()
    return 0
