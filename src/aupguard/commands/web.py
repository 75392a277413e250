"""`aupguard web`: the web filter's commands.

`web decide` prints one JSON line per input so that scripts (and a clerk checking why a
site was blocked) see exactly what every front-end would decide. The serving commands
(Squid helper, DNS filter, proxy, block page) share `add_filter_options` and
`filter_from_args`, so `--policy`, `--index`, `--group` and the access log options mean
the same everywhere.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path
from typing import Any

from aupguard.errors import UsageError

GROUP_HELP = (
    "the group of users or devices every request belongs to (e.g. one Squid port per "
    "group); default: found from the client address or user name"
)


def add_filter_options(
    p: argparse.ArgumentParser, *, serving: bool = True, group_help: str = GROUP_HELP
) -> None:
    """--policy, --group, --index; and for serving commands the access log options."""
    p.add_argument("--policy", default="leigh", help="belper, leigh, or a path to a pack")
    p.add_argument("--group", default=None, help=group_help)
    p.add_argument(
        "--index",
        type=Path,
        default=None,
        help="category index (default: the one 'aupguard lists compile' last wrote)",
    )
    if not serving:
        return
    p.add_argument(
        "--log",
        type=Path,
        default=None,
        metavar="FILE",
        help="access log, one JSON line per decision (default: access.jsonl in aupguard's "
        "data folder)",
    )
    p.add_argument("--no-log", action="store_true", help="do not write the access log")
    p.add_argument(
        "--pseudonymise",
        action="store_true",
        help="log a keyed hash of each user name instead of the name (key kept beside the "
        "log, mode 0600)",
    )
    p.add_argument(
        "--log-max-mb", type=int, default=50, help="rotate the log past this size (MB)"
    )
    p.add_argument("--log-keep", type=int, default=10, help="rotated logs to keep")


def filter_from_args(args: argparse.Namespace, via: str) -> Any:
    """A `WebFilter` for a serving command's options (the log opened unless --no-log)."""
    from aupguard.web.accesslog import AccessLog, default_log_path
    from aupguard.web.service import WebFilter

    log = None
    if not getattr(args, "no_log", True):
        log = AccessLog(
            args.log or default_log_path(),
            max_bytes=max(1, args.log_max_mb) * 1024 * 1024,
            keep=args.log_keep,
            pseudonymise=args.pseudonymise,
        )
    return WebFilter(args.policy, args.index, log=log, via=via, group=args.group)


def add_parser(sub: Any) -> None:
    p = sub.add_parser(
        "web",
        help="web filter: decide on URLs against the pack's web rules",
        description="The web access filter.",
    )
    wsub = p.add_subparsers(dest="web_command", required=True, parser_class=type(p))
    d = wsub.add_parser(
        "decide",
        help="print the filter's decision for URLs or hosts, one JSON line each",
        description="Decide allow, block or monitor for each URL or host, printing one "
        'JSON line {"input", "action", "category", "clause"} per input ("error" added '
        "when the input cannot be read). With no URL_OR_HOST, reads one per line from "
        "standard input.",
    )
    d.add_argument("inputs", nargs="*", metavar="URL_OR_HOST")
    add_filter_options(d, serving=False)
    d.add_argument("--client", default=None, help="client address (to find its group)")
    d.add_argument("--user", default=None, help="user name (to find their group)")
    d.add_argument(
        "--at",
        default=None,
        metavar="TIME",
        help="when, as ISO date and time (e.g. 2024-05-01T10:30); without a UTC offset it "
        "is the pack's local time (Europe/London). Default: now",
    )
    d.set_defaults(func=_decide)
    # The serving front-ends, one module each (see their docstrings).
    from aupguard.commands import web_blockpage, web_dns, web_proxy, web_squid

    for module in (web_squid, web_dns, web_proxy, web_blockpage):
        module.add_parser(wsub)


def parse_at(text: str | None) -> dt.datetime | None:
    if text is None:
        return None
    try:
        return dt.datetime.fromisoformat(text.strip())
    except ValueError:
        raise UsageError(f"--at {text!r} is not a date and time like 2024-05-01T10:30") from None


def _decide(args: argparse.Namespace) -> int:
    at = parse_at(args.at)
    web = filter_from_args(args, via="decide")
    inputs = args.inputs or (line for line in sys.stdin if line.strip())
    out = sys.stdout
    for item in inputs:
        d = web.decide(item, client=args.client, user=args.user, at=at)
        out.write(json.dumps(d.to_json(), ensure_ascii=False) + "\n")
        out.flush()
    return 0
