"""`aupguard report`: summaries of what aupguard has recorded. `report web` reads the
web filter's access log (see `aupguard.web.webreport`)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from aupguard.errors import UsageError


def add_parser(sub: Any) -> None:
    p = sub.add_parser(
        "report",
        help="reports from aupguard's records (web access)",
        description="Reports from what aupguard has recorded.",
    )
    rsub = p.add_subparsers(dest="report_command", required=True, parser_class=type(p))
    w = rsub.add_parser(
        "web",
        help="top categories, blocked attempts per group and per day, from the access log",
        description="Summarise the web filter's access log (and its rotated copies): top "
        "categories, blocked attempts per user group and per day, clauses cited. Users "
        "are counted by group, never named.",
    )
    w.add_argument(
        "--since", default="7d", help="how far back: 7d, 24h, 30m, 2w or a date (default 7d)"
    )
    w.add_argument(
        "--log",
        type=Path,
        default=None,
        metavar="FILE",
        help="access log (default: access.jsonl in aupguard's data folder)",
    )
    w.add_argument(
        "--policy",
        default=None,
        help="pack whose time zone defines the days (default Europe/London)",
    )
    w.add_argument("--top", type=int, default=10, help="how many categories to list")
    w.add_argument("--format", choices=("text", "json"), default="text")
    w.set_defaults(func=_report_web)


def _report_web(args: argparse.Namespace) -> int:
    from aupguard.web.accesslog import default_log_path
    from aupguard.web.webreport import parse_since, read_records, render_text, summarise

    try:
        since = parse_since(args.since)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    path = args.log or default_log_path()
    if not path.exists() and not any(path.parent.glob(path.name + ".*")):
        raise UsageError(
            f"no access log at {path}; the web filter writes it (or give --log FILE)"
        )
    timezone = "Europe/London"
    if args.policy is not None:
        from aupguard.policy.loader import load_pack

        timezone = load_pack(args.policy).web.timezone
    bad = [0]
    report = summarise(read_records(path, bad), since, timezone=timezone)
    report.skipped_lines += bad[0]
    if args.format == "json":
        sys.stdout.write(json.dumps(report.to_json(args.top), indent=2) + "\n")
    else:
        sys.stdout.write(render_text(report, args.top))
    return 0
