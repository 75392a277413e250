"""`aupguard web squid-helper`: the filter as a Squid helper (see `aupguard.web.squid`).

Squid starts the helper itself (from `url_rewrite_program` or `external_acl_type` in
squid.conf) and talks to it over stdin/stdout, so nothing but answers may go to stdout;
problems go to stderr, which Squid copies into cache.log. docs/web-squid.md shows the
squid.conf lines for both modes.
"""

from __future__ import annotations

import argparse
import signal
from typing import Any

from aupguard.errors import UsageError

_DESCRIPTION = """\
Answer Squid helper requests on standard input, one answer line per request line.

--mode rewrite: for url_rewrite_program. Blocked requests are redirected (302) to the
block page; others are left alone. A blocked HTTPS (CONNECT) request is refused by Squid,
but a browser cannot show the page.

--mode acl: for external_acl_type with FORMAT "%SRC %un %>rm %URI". Answers OK
(allowed or monitored) or ERR (blocked), with log= (%ea: action/category/clause) and,
when blocked, message= (%o: the clause); squid.conf denies on ERR, and
"deny_info http://HOST:8081/blocked?url=%u&clause=%o ACL" sends the browser to the
block page.

Channel ids (Squid's concurrency=N > 0) are detected: a first field of digits only is
one. --channel-ids / --no-channel-ids say so explicitly instead. A request that cannot be
read or decided is answered as blocked, and logged."""


def add_parser(wsub: Any) -> None:
    """Register `web squid-helper`."""
    from aupguard.commands.web import add_filter_options
    from aupguard.web.squid import DEFAULT_BLOCK_PAGE, MODES

    p = wsub.add_parser(
        "squid-helper",
        help="Squid url_rewrite_program / external_acl_type helper",
        description=_DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("--mode", choices=MODES, required=True, help="which Squid helper protocol")
    p.add_argument(
        "--block-page",
        default=DEFAULT_BLOCK_PAGE,
        metavar="URL",
        help="rewrite mode: where blocked requests are sent; the blocked URL, category, "
        f"clause and rule are added as query parameters (default: {DEFAULT_BLOCK_PAGE})",
    )
    p.add_argument(
        "--channel-ids",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="request lines start with a channel id (Squid's concurrency=N > 0) or do not; "
        "default: detected on each line",
    )
    add_filter_options(p)
    p.set_defaults(func=_run)


def _run(args: argparse.Namespace) -> int:
    from aupguard.commands.web import filter_from_args
    from aupguard.web.squid import SquidHelper

    block_page: str = args.block_page
    if not block_page.startswith(("http://", "https://")) or any(c.isspace() for c in block_page):
        raise UsageError(f"--block-page {block_page!r} is not an http:// or https:// URL")
    web = filter_from_args(args, via="squid")
    helper = SquidHelper(web, args.mode, block_page=block_page, channel_ids=args.channel_ids)
    log = web.log
    if log is not None:  # let logrotate move the file away: `kill -HUP` the helpers
        signal.signal(signal.SIGHUP, lambda _sig, _frame: log.reopen())
    try:
        helper.serve()
    except KeyboardInterrupt:
        pass
    finally:
        web.close()
    return 0
