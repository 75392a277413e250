"""`aupguard report web`: top categories, blocked per group and per day, across rotated
logs, skipping unreadable lines; `--since` spans and dates."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from aupguard.cli import main
from aupguard.web.webreport import parse_since, read_records, summarise

NOW = dt.datetime(2026, 11, 21, 12, 0, tzinfo=dt.UTC)


def _rec(when: str, action: str, category: str | None, group: str | None,
         clause: str | None = "c.1") -> str:
    return json.dumps({"time": when, "via": "squid", "client": "10.0.0.1", "user": None,
                       "group": group, "host": "h.test", "path": None, "category": category,
                       "action": action, "clause": clause, "rule": "r"})


@pytest.fixture
def log(tmp_path: Path) -> Path:
    path = tmp_path / "access.jsonl"
    # Rotated copy (older) and the live file; one old record outside a 7-day window.
    (tmp_path / "access.jsonl.1").write_text("\n".join([
        _rec("2026-11-01T09:00:00.000Z", "block", "gambling", "staff"),
        _rec("2026-11-19T23:30:00.000Z", "block", "gambling", "staff"),  # the 19th in London
        _rec("2026-11-20T09:00:00.000Z", "monitor", "shopping", None),
    ]) + "\n")
    path.write_text("\n".join([
        _rec("2026-11-20T10:00:00.000Z", "block", "games", "council-tablets"),
        "not json at all",
        _rec("2026-11-21T08:00:00.000Z", "block", "gambling", None),
        _rec("2026-11-21T08:05:00.000Z", "allow", None, "staff", clause=None),
        "",
    ]) + "\n")
    return path


def test_parse_since() -> None:
    assert parse_since("7d", NOW) == NOW - dt.timedelta(days=7)
    assert parse_since("24h", NOW) == NOW - dt.timedelta(hours=24)
    assert parse_since("2w", NOW) == NOW - dt.timedelta(weeks=2)
    assert parse_since("2026-11-01", NOW) == dt.datetime(2026, 11, 1, tzinfo=dt.UTC)
    with pytest.raises(ValueError, match="use e.g. 7d"):
        parse_since("last tuesday", NOW)


def test_summary_counts(log: Path) -> None:
    bad = [0]
    report = summarise(read_records(log, bad), parse_since("7d", NOW))
    assert bad == [1]
    assert report.requests == 5
    assert report.actions == {"block": 3, "monitor": 1, "allow": 1}
    assert report.categories.most_common(1) == [("gambling", 2)]
    assert report.blocked_categories == {"gambling": 2, "games": 1}
    assert report.blocked_by_group == {"staff": 1, "council-tablets": 1, "(no group)": 1}
    # Days are London days: 23:30 GMT on the 19th is still the 19th in November.
    assert report.blocked_by_day == {"2026-11-19": 1, "2026-11-20": 1, "2026-11-21": 1}
    assert report.clauses == {"c.1": 4}


def test_days_follow_summer_time() -> None:
    rec = json.loads(_rec("2026-06-30T23:30:00.000Z", "block", "games", None))
    report = summarise([rec], dt.datetime(2026, 6, 1, tzinfo=dt.UTC))
    assert report.blocked_by_day == {"2026-07-01": 1}  # 00:30 BST


def test_command_text_and_json(log: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["report", "web", "--log", str(log), "--since", "2026-11-15"]) == 0
    text = capsys.readouterr().out
    assert "Top 10 categories" in text and "Blocked attempts per group" in text
    assert "council-tablets" in text and "2026-11-20" in text
    assert "1 unreadable log lines were skipped." in text
    assert main(["report", "web", "--log", str(log), "--since", "2026-11-15",
                 "--format", "json", "--policy", "leigh"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["requests"] == 5 and data["skipped_lines"] == 1
    assert data["top_categories"][0] == {"category": "gambling", "requests": 2, "blocked": 2}
    assert data["blocked_by_day"] == {"2026-11-19": 1, "2026-11-20": 1, "2026-11-21": 1}


def test_command_errors(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["report", "web", "--log", str(tmp_path / "none.jsonl")]) == 3
    assert "no access log" in capsys.readouterr().err
    (tmp_path / "a.jsonl").write_text("")
    assert main(["report", "web", "--log", str(tmp_path / "a.jsonl"), "--since", "soon"]) == 3
    assert "use e.g. 7d" in capsys.readouterr().err
