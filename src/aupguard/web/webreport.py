"""`aupguard report web`: what the access log says, for the Clerk's monitoring.

Why these three tables: the policies reserve the right to monitor (Leigh) and forbid
kinds of sites (both), so the Clerk's questions are "what kinds of site are people
visiting?", "which groups keep hitting blocks?" (a rule may be wrong, or training due)
and "is it getting better?" (per day). Users are counted per group, not named: a
report is read more widely than the log.

The log may be rotated and may hold lines from an older or newer aupguard: unreadable
lines are skipped and counted, never fatal.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from aupguard.web.accesslog import log_files

__all__ = ["WebReport", "parse_since", "read_records", "render_text", "summarise"]

_SPAN = re.compile(r"^\s*(\d+)\s*([mhdw])\s*$")
_UNITS = {"m": "minutes", "h": "hours", "d": "days", "w": "weeks"}
NO_GROUP = "(no group)"


def parse_since(text: str, now: dt.datetime | None = None) -> dt.datetime:
    """'7d', '24h', '30m', '2w' back from now, or an ISO date/time (UTC if no offset)."""
    now = now or dt.datetime.now(dt.UTC)
    m = _SPAN.match(text)
    if m:
        return now - dt.timedelta(**{_UNITS[m.group(2)]: int(m.group(1))})
    try:
        when = dt.datetime.fromisoformat(text.strip())
    except ValueError:
        raise ValueError(f"--since {text!r}: use e.g. 7d, 24h, 30m, 2w or 2026-11-01") from None
    return when if when.tzinfo else when.replace(tzinfo=dt.UTC)


@dataclass
class WebReport:
    since: dt.datetime
    until: dt.datetime | None = None
    requests: int = 0
    skipped_lines: int = 0
    actions: Counter[str] = field(default_factory=Counter)
    categories: Counter[str] = field(default_factory=Counter)
    blocked_categories: Counter[str] = field(default_factory=Counter)
    blocked_by_group: Counter[str] = field(default_factory=Counter)
    blocked_by_day: Counter[str] = field(default_factory=Counter)
    clauses: Counter[str] = field(default_factory=Counter)

    def to_json(self, top: int) -> dict[str, Any]:
        return {
            "since": self.since.isoformat(),
            "until": self.until.isoformat() if self.until else None,
            "requests": self.requests,
            "skipped_lines": self.skipped_lines,
            "actions": dict(self.actions),
            "top_categories": [
                {"category": c, "requests": n, "blocked": self.blocked_categories[c]}
                for c, n in self.categories.most_common(top)
            ],
            "blocked_by_group": dict(self.blocked_by_group.most_common()),
            "blocked_by_day": dict(sorted(self.blocked_by_day.items())),
            "clauses": dict(self.clauses.most_common()),
        }


def read_records(path: Path, counter: list[int] | None = None) -> Iterator[dict[str, Any]]:
    """Every readable record in the log and its rotated copies, oldest file first;
    unreadable lines add one to `counter[0]`."""
    for file in log_files(path):
        with file.open("r", encoding="utf-8", errors="replace") as f:
            for line in f:
                try:
                    rec = json.loads(line)
                    if not isinstance(rec, dict) or not isinstance(rec.get("time"), str):
                        raise ValueError(line)
                except ValueError:
                    if counter is not None and line.strip():
                        counter[0] += 1
                    continue
                yield rec


def summarise(
    records: Iterable[dict[str, Any]],
    since: dt.datetime,
    *,
    timezone: str = "Europe/London",
) -> WebReport:
    """Count the records at or after `since`; days are local days in `timezone`."""
    zone = ZoneInfo(timezone)
    report = WebReport(since=since)
    for rec in records:
        try:
            when = dt.datetime.fromisoformat(rec["time"])
        except ValueError:
            report.skipped_lines += 1
            continue
        if when.tzinfo is None:
            when = when.replace(tzinfo=dt.UTC)
        if when < since:
            continue
        report.until = max(report.until, when) if report.until else when
        report.requests += 1
        action = str(rec.get("action") or "unknown")
        report.actions[action] += 1
        category = rec.get("category")
        if category:
            report.categories[category] += 1
        if action in ("block", "error"):
            if category:
                report.blocked_categories[category] += 1
            report.blocked_by_group[rec.get("group") or NO_GROUP] += 1
            report.blocked_by_day[when.astimezone(zone).date().isoformat()] += 1
        if rec.get("clause") and action != "allow":
            report.clauses[rec["clause"]] += 1
    return report


def _table(title: str, rows: list[tuple[str, ...]], heads: tuple[str, ...]) -> list[str]:
    out = [title]
    if not rows:
        return [*out, "  (none)", ""]
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(heads)]
    out.append("  " + "  ".join(h.ljust(w) for h, w in zip(heads, widths, strict=True)))
    out.extend(
        "  " + "  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) for r in rows
    )
    return [*out, ""]


def render_text(report: WebReport, top: int = 10) -> str:
    """The report as plain text tables, for the Clerk or an email."""
    period = f"since {report.since:%Y-%m-%d %H:%M} UTC"
    acts = ", ".join(f"{n} {a}" for a, n in report.actions.most_common()) or "none"
    lines = [f"Web access {period}: {report.requests} requests ({acts}).", ""]
    lines += _table(
        f"Top {top} categories",
        [
            (c, str(n), str(report.blocked_categories[c]))
            for c, n in report.categories.most_common(top)
        ],
        ("category", "requests", "blocked"),
    )
    lines += _table(
        "Blocked attempts per group",
        [(g, str(n)) for g, n in report.blocked_by_group.most_common()],
        ("group", "blocked"),
    )
    lines += _table(
        "Blocked attempts per day",
        [(d, str(n)) for d, n in sorted(report.blocked_by_day.items())],
        ("day", "blocked"),
    )
    lines += _table(
        "Clauses cited (blocked or monitored)",
        [(c, str(n)) for c, n in report.clauses.most_common()],
        ("clause", "requests"),
    )
    if report.skipped_lines:
        lines.append(f"{report.skipped_lines} unreadable log lines were skipped.")
    return "\n".join(lines).rstrip() + "\n"
