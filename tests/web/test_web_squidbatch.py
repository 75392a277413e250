"""`BatchAnswerer` (what `SquidHelper.serve` uses) answers and logs every line exactly
as `SquidHelper.answer`, the reference, does: both modes, channel ids or not, groups by
client and by user, time windows, exceptions, council lists, malformed lines; and it
forgets what it remembered when the clock crosses a window edge or the pack changes."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from _testpack import HOSTS, PACK, PATHS, SCHEMES

from aupguard.web import cache as cache_module
from aupguard.web import service
from aupguard.web.accesslog import AccessLog
from aupguard.web.service import WebFilter
from aupguard.web.squid import SquidHelper

BLOCK_PAGE = "http://192.0.2.10:8081/blocked"
REWRITE_WHO = ["10.9.0.7/- - GET", "10.9.1.1/- alice GET myip=10.0.0.1 myport=3128",
               "::ffff:10.9.0.8/- - CONNECT", "192.0.2.1/host.example %61lice GET",
               "10.0.0.1/-", "-", "10.0.0.2/- - GET key=value", ""]
ACL_WHO = ["10.9.0.7 - GET", "10.0.0.1 alice CONNECT", "::ffff:10.9.0.8 - GET",
           "192.0.2.1 %61lice POST"]
ODD = ["", "   ", "\t", "5", "5 ", "7 \t ", "http://bet.test/\tx 10.9.0.7/- - GET",
       "http://bet.test/\r", "3 http://bet.test/ 10.9.0.7/- - GET\r\r",
       "http://play.test/\u00a010.9.0.7/- - GET", "http://bücher.test/ 1.2.3.4/- - GET",
       "x" * 300, "12 " + "http://" + "a" * 20000 + ".test/ 1.2.3.4/- - GET"]
MONDAY_10 = dt.datetime(2024, 6, 3, 10, 0, tzinfo=dt.UTC)  # 11:00 London: tablet window
MONDAY_18 = dt.datetime(2024, 6, 3, 18, 0, tzinfo=dt.UTC)  # 19:00 London: outside it


@pytest.fixture
def setup(rules_setup: tuple[Path, Path]) -> tuple[Path, Path]:
    return rules_setup


def _urls() -> list[str]:
    return [s + h + p for s in SCHEMES for h in HOSTS for p in PATHS if h and " " not in p]


def _lines(mode: str, channel_ids: bool | None = None) -> list[str]:
    """Request lines as Squid sends them: with channel ids, without, or (None) both."""
    out: list[str] = []
    for i, url in enumerate(_urls()):
        if mode == "rewrite":
            who = REWRITE_WHO[i % len(REWRITE_WHO)]
            line = f"{url} {who}".rstrip()
        else:
            line = f"{ACL_WHO[i % len(ACL_WHO)]} {url} -"
        if not channel_ids:
            out.append(line)
        if channel_ids is not False:
            out.append(f"{i % 40} {line}")
    return out * 2 + ODD  # the second time from what was remembered


def _helper(setup: tuple[Path, Path], log: Path, mode: str,
            channel_ids: bool | None = None) -> SquidHelper:
    web = WebFilter(setup[0], setup[1], log=AccessLog(log), via="squid")
    return SquidHelper(web, mode, block_page=BLOCK_PAGE, channel_ids=channel_ids)


def _log(path: Path) -> list[dict[str, object]]:
    rows = [json.loads(line) for line in path.read_text().splitlines()]
    for row in rows:
        assert row.pop("time")
    return rows


def _at(monkeypatch: pytest.MonkeyPatch, when: dt.datetime) -> None:
    monkeypatch.setattr(cache_module.time, "time", lambda: when.timestamp())


@pytest.mark.parametrize("mode", ["rewrite", "acl"])
@pytest.mark.parametrize("channel_ids", [None, True, False])
def test_batch_answers_and_logs_like_the_reference(
    setup: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    mode: str, channel_ids: bool | None,
) -> None:
    _at(monkeypatch, MONDAY_10)
    lines = _lines(mode, channel_ids)
    batch = _helper(setup, tmp_path / "batch.jsonl", mode, channel_ids)
    reference = _helper(setup, tmp_path / "ref.jsonl", mode, channel_ids)
    slow: list[str] = []
    answer = batch.answer

    def counted(line: str) -> str:
        slow.append(line)
        return answer(line)

    monkeypatch.setattr(batch, "answer", counted)
    got = batch.answer_batch("\n".join(lines) + "\n")
    expected = "".join(reference.answer(line.rstrip("\r")) + "\n" for line in lines)
    assert got == expected
    batch.web.close()
    reference.web.close()
    assert _log(tmp_path / "batch.jsonl") == _log(tmp_path / "ref.jsonl")
    assert len(lines) > 1500
    assert len(slow) <= len(ODD) + 1, slow  # the fast path took all the ordinary lines
    answers = set(expected.split("\n"))
    assert any("ERR" in a for a in answers) and any("OK" in a for a in answers)


def test_a_window_edge_between_batches_changes_the_answer(
    setup: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    helper = _helper(setup, tmp_path / "log.jsonl", "rewrite")
    line = "http://play.test/ 10.9.0.7/- - GET\n"
    _at(monkeypatch, MONDAY_10)
    assert helper.answer_batch(line).startswith("OK status=302")
    _at(monkeypatch, MONDAY_18)
    assert helper.answer_batch(line) == "ERR\n"
    _at(monkeypatch, MONDAY_10)
    assert helper.answer_batch(line).startswith("OK status=302")
    helper.web.close()
    rows = _log(tmp_path / "log.jsonl")
    assert [r["action"] for r in rows] == ["block", "monitor", "block"]
    assert all(r["group"] == "tablets" for r in rows)


def test_an_edited_pack_is_answered_from_the_next_batch(
    setup: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _at(monkeypatch, MONDAY_18)
    monkeypatch.setattr(service, "RELOAD_SECONDS", 0.0)
    helper = _helper(setup, tmp_path / "log.jsonl", "rewrite")
    lines = "http://shop.test/ 10.0.0.1/- - GET\nhttp://shop.test/ 10.0.0.1/- - GET\n"
    assert helper.answer_batch(lines) == "ERR\nERR\n"  # monitored: passes
    monitored = "categories: [shopping]\n      action: monitor"
    setup[0].write_text(PACK.replace(monitored, monitored.replace("monitor", "block")))
    got = helper.answer_batch(lines).splitlines()
    assert len(got) == 2 and all(a.startswith("OK status=302") for a in got)


def test_serve_uses_the_batch_path_and_keeps_every_answer(
    setup: tuple[Path, Path], tmp_path: Path
) -> None:
    helper = _helper(setup, tmp_path / "log.jsonl", "rewrite")
    lines = _lines("rewrite")
    src, dst = tmp_path / "in.txt", tmp_path / "out.txt"
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with src.open("rb") as fin, dst.open("wb") as fout:
        helper.serve(fin.fileno(), fout.fileno())
    answers = dst.read_text(encoding="utf-8").split("\n")
    assert answers[-1] == "" and len(answers) - 1 == len(lines)
    helper.web.close()
    assert len(_log(tmp_path / "log.jsonl")) == len(lines)
