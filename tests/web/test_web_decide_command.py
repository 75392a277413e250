"""`aupguard web decide` end to end: JSON lines, stdin mode, options, usage errors."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from aupguard.cli import main
from aupguard.web.index import compile_lists


@pytest.fixture
def index_path(make_lists, tmp_path: Path) -> Path:  # type: ignore[no-untyped-def]
    root = make_lists(
        {"gambling": {"domains": "bet.test\n"}, "games": {"domains": "play.test\n"},
         "shopping": {"domains": "shop.test\n"}}
    )
    out = tmp_path / "ix.aupx"
    compile_lists([root], out)
    return out


def _lines(out: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in out.splitlines()]


def test_decide_prints_one_json_line_per_input(index_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    code = main(["web", "decide", "--policy", "belper", "--index", str(index_path),
                 "http://www.bet.test/", "other.test", "http://bad host/"])
    assert code == 0
    rows = _lines(capsys.readouterr().out)
    assert rows[0] == {"input": "http://www.bet.test/", "action": "block",
                       "category": "gambling", "clause": "belper.general.gambling-auction-sites"}
    assert rows[1] == {"input": "other.test", "action": "allow", "category": None,
                       "clause": None}
    assert rows[2]["action"] == "error" and rows[2]["error"]
    assert list(rows[2]) == ["input", "action", "category", "clause", "error"]


def test_decide_group_and_time(index_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    args = ["web", "decide", "--policy", "belper", "--index", str(index_path), "play.test"]
    assert main([*args, "--group", "council-tablets", "--at", "2024-06-03T10:00"]) == 0
    assert main(args) == 0
    rows = _lines(capsys.readouterr().out)
    assert [r["action"] for r in rows] == ["block", "allow"]
    assert main([*args, "--at", "tomorrow"]) == 3
    assert "--at 'tomorrow'" in capsys.readouterr().err
    assert main([*args, "--group", "wizards"]) == 3
    assert "no web group 'wizards'" in capsys.readouterr().err


def test_decide_reads_stdin(index_path: Path, capsys, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr("sys.stdin", io.StringIO("shop.test\n\nbet.test\n"))
    assert main(["web", "decide", "--index", str(index_path)]) == 0  # default policy: leigh
    rows = _lines(capsys.readouterr().out)
    assert [(r["input"], r["action"]) for r in rows] == [
        ("shop.test", "monitor"),
        ("bet.test", "monitor"),
    ]
    assert rows[0]["clause"] == "leigh.email.no-personal-use"


def test_decide_default_index_and_missing_index(index_path: Path, tmp_path: Path, capsys,  # type: ignore[no-untyped-def]
                                               monkeypatch) -> None:
    monkeypatch.setenv("AUPGUARD_DATA_DIR", str(tmp_path / "empty"))
    assert main(["web", "decide", "bet.test"]) == 3
    err = capsys.readouterr().err
    assert str(tmp_path / "empty" / "index.aupx") in err and "aupguard lists compile" in err
    monkeypatch.setenv("AUPGUARD_DATA_DIR", str(tmp_path))
    index_path.rename(tmp_path / "index.aupx")
    assert main(["web", "decide", "--policy", "belper", "bet.test"]) == 0
    assert _lines(capsys.readouterr().out)[0]["action"] == "block"
