"""`aupguard web`: the web filter's commands. `web decide` is here; the Squid helper,
DNS filter, RPZ export and proxy come with the rest of the web filter.

`web decide` prints one JSON line per input so that scripts (and a clerk checking why a
site was blocked) see exactly what every front-end would decide.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path
from typing import Any

from aupguard.errors import UsageError


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
    d.add_argument("--policy", default="leigh", help="belper, leigh, or a path to a pack")
    d.add_argument("--group", default=None, help="the group of users or devices")
    d.add_argument("--client", default=None, help="client address (to find its group)")
    d.add_argument("--user", default=None, help="user name (to find their group)")
    d.add_argument(
        "--at",
        default=None,
        metavar="TIME",
        help="when, as ISO date and time (e.g. 2024-05-01T10:30); without a UTC offset it "
        "is the pack's local time (Europe/London). Default: now",
    )
    d.add_argument(
        "--index",
        type=Path,
        default=None,
        help="category index (default: the one 'aupguard lists compile' last wrote)",
    )
    d.set_defaults(func=_decide)


def _parse_at(text: str | None) -> dt.datetime | None:
    if text is None:
        return None
    try:
        return dt.datetime.fromisoformat(text.strip())
    except ValueError:
        raise UsageError(f"--at {text!r} is not a date and time like 2024-05-01T10:30") from None


def _decide(args: argparse.Namespace) -> int:
    from aupguard.policy.loader import load_pack
    from aupguard.web.decide import decide
    from aupguard.web.index import Index, default_index_path

    at = _parse_at(args.at)
    pack = load_pack(args.policy)
    if args.group is not None and args.group not in pack.web.groups:
        known = ", ".join(pack.web.groups) or "none"
        raise UsageError(f"no web group {args.group!r} in pack {pack.pack} (known: {known})")
    path = args.index or default_index_path()
    if not path.is_file():
        raise UsageError(
            f"no category index at {path}; run 'aupguard lists compile DIR...' to build it "
            "(or give --index)"
        )
    index = Index.load(path)
    inputs = args.inputs or (line for line in sys.stdin if line.strip())
    out = sys.stdout
    for item in inputs:
        d = decide(
            pack, index, item, group=args.group, client=args.client, user=args.user, at=at
        )
        out.write(json.dumps(d.to_json(), ensure_ascii=False) + "\n")
        out.flush()
    return 0
