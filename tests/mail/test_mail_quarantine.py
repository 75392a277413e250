"""The quarantine: durable holds, ids, listing, release of the original bytes (to an
aiosmtpd sink standing in for Postfix's second smtpd), delete, and the commands."""

from __future__ import annotations

import json
import os
import stat
import time
from pathlib import Path

import pytest
from _smtpsink import smtp_sink

from aupguard.cli import main
from aupguard.mail.quarantine import (
    HELD,
    RELEASED,
    NotFound,
    Quarantine,
    default_quarantine_dir,
    new_id,
    valid_id,
)

RAW = (b"Received: from x by mx (Postfix) with ESMTP id ABC123\r\n"
       b"From: clerk@leighonseatowncouncil.gov.uk\r\nTo: resident@example.org\r\n"
       b"Subject: Call back\r\nMessage-ID: <q1@example.org>\r\n\r\n"
       b"Please ring the resident back on 07700 900123 today.\r\n")


def meta(rcpts: list[str] | None = None, options: list[str] | None = None) -> dict[str, object]:
    return {"envelope": {"mail_from": "clerk@leighonseatowncouncil.gov.uk",
                         "rcpt_to": rcpts or ["resident@example.org"],
                         "mail_options": options or []},
            "subject": "Call back", "message_id": "<q1@example.org>", "direction": "outbound",
            "reason": "leigh.work-use.data-protection (personal_data, part 1)",
            "verdict": {"action": "hold", "clauses": ["leigh.work-use.data-protection"],
                        "findings": [{"part": "1", "clause": "leigh.work-use.data-protection",
                                      "category": "personal_data", "start": 33, "end": 45,
                                      "action": "hold", "excerpt": "07700 900123"}],
                        "attachments": [], "problems": []}}


def test_hold_is_written_whole_and_private(tmp_path: Path) -> None:
    q = Quarantine(tmp_path / "q")
    qid = q.hold(RAW, meta())
    assert valid_id(qid)
    eml, js = q.held_dir / f"{qid}.eml", q.held_dir / f"{qid}.json"
    assert eml.read_bytes() == RAW
    record = json.loads(js.read_text())
    assert record["id"] == qid and record["status"] == HELD and record["size"] == len(RAW)
    assert stat.S_IMODE(eml.stat().st_mode) == 0o600 == stat.S_IMODE(js.stat().st_mode)
    assert stat.S_IMODE(q.held_dir.stat().st_mode) == 0o700
    assert not [p for p in q.held_dir.iterdir() if p.name.startswith(".")]  # no temp files
    [item] = q.list()
    assert item.id == qid and item.raw() == RAW and q.get(qid).meta["subject"] == "Call back"


def test_ids_sort_by_time_and_do_not_repeat() -> None:
    ids = [new_id(1_700_000_000.0 + i / 1000) for i in range(50)]
    assert ids == sorted(ids) and len(set(ids)) == 50
    same_ms = {new_id(1_700_000_000.0) for _ in range(100)}
    assert len(same_ms) == 100
    held_in_a_burst = [new_id() for _ in range(500)]  # many within one millisecond
    assert held_in_a_burst == sorted(held_in_a_burst)
    assert not valid_id("../../etc/passwd") and not valid_id("20240101-000000000-zz")


def test_unknown_and_malformed_ids_are_not_found(tmp_path: Path) -> None:
    q = Quarantine(tmp_path / "q")
    q.hold(RAW, meta())
    for bad in ("../held/x", "20240101-000000000-000000000000", ""):
        with pytest.raises(NotFound):
            q.get(bad)


def test_an_interrupted_write_is_not_listed_and_a_retry_uses_the_same_id(tmp_path: Path
                                                                         ) -> None:
    q = Quarantine(tmp_path / "q")
    q.ensure()
    qid = new_id()
    (q.held_dir / f"{qid}.eml").write_bytes(RAW[:20])  # killed before the .json
    (q.held_dir / f".{qid}.json.tmp-1-ab").write_bytes(b"{")
    assert q.list() == [] and not q.exists(qid)
    assert q.hold(RAW, meta(), qid) == qid  # Postfix's retry, the journal's id
    [item] = q.list()
    assert item.raw() == RAW
    old = time.time() - 7200
    leftovers = [q.held_dir / f".{qid}.json.tmp-1-ab"]
    orphan = q.held_dir / f"{new_id()}.eml"
    orphan.write_bytes(b"x")
    for path in [*leftovers, orphan]:
        os.utime(path, (old, old))
    assert q.clean_temporary() == 2
    assert [p.name for p in sorted(q.held_dir.iterdir())] == [f"{qid}.eml", f"{qid}.json"]


def test_release_reinjects_the_original_bytes_and_envelope(tmp_path: Path) -> None:
    q = Quarantine(tmp_path / "q")
    rcpts = ["resident@example.org", "résident2@example.org"]
    qid = q.hold(RAW, meta(rcpts, ["BODY=8BITMIME", "SMTPUTF8", "SIZE=300"]))
    with smtp_sink() as (sink, port):
        reply = q.release(qid, ("127.0.0.1", port))
        assert reply.ok
        [got] = sink.snapshot()
    assert got.data == RAW  # not a byte changed, no verdict header
    assert got.mail_from == "clerk@leighonseatowncouncil.gov.uk" and list(got.rcpt_tos) == rcpts
    assert "SMTPUTF8" in got.mail_options and "BODY=8BITMIME" in got.mail_options
    item = q.get(qid)
    assert item.status == RELEASED and item.eml.parent == q.released_dir
    assert item.meta["released_to"] == f"127.0.0.1:{port}" and item.meta["released_at"]
    assert q.list() == [] and [i.id for i in q.list(include_released=True)] == [qid]
    with pytest.raises(RuntimeError, match="already released"):
        q.release(qid, ("127.0.0.1", port))


def test_a_refused_release_stays_held(tmp_path: Path) -> None:
    q = Quarantine(tmp_path / "q")
    qid = q.hold(RAW, meta())
    with smtp_sink() as (sink, port):
        sink.rcpt_reply = "550 5.1.1 no such user"
        reply = q.release(qid, ("127.0.0.1", port))
    assert reply.code == 550 and q.get(qid).status == HELD


def test_delete(tmp_path: Path) -> None:
    q = Quarantine(tmp_path / "q")
    qid = q.hold(RAW, meta())
    q.delete(qid)
    assert list(q.held_dir.iterdir()) == []
    with pytest.raises(NotFound):
        q.delete(qid)


def test_default_folder_is_in_the_data_folder(monkeypatch: pytest.MonkeyPatch,
                                              tmp_path: Path) -> None:
    monkeypatch.setenv("AUPGUARD_DATA_DIR", str(tmp_path))
    assert default_quarantine_dir() == tmp_path / "quarantine"
    monkeypatch.delenv("AUPGUARD_DATA_DIR")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert default_quarantine_dir() == tmp_path / "xdg" / "aupguard" / "quarantine"


def test_commands(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AUPGUARD_DATA_DIR", str(tmp_path))
    q = Quarantine(tmp_path / "quarantine")
    assert main(["mail", "quarantine", "list"]) == 0
    assert "empty" in capsys.readouterr().out
    first, second = q.hold(RAW, meta()), q.hold(RAW.replace(b"q1@", b"q2@"), meta())

    assert main(["mail", "quarantine", "list"]) == 0
    out = capsys.readouterr().out
    assert out.index(first) < out.index(second) and "Call back" in out
    assert main(["mail", "quarantine", "list", "--format", "json"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [r["id"] for r in rows] == [first, second]
    assert rows[0]["clauses"] == ["leigh.work-use.data-protection"]

    assert main(["mail", "quarantine", "show", first]) == 0
    out = capsys.readouterr().out
    assert "leigh.work-use.data-protection personal_data in part 1 at 33-45" in out
    assert "07700 900123 today" in out  # the text excerpt
    assert main(["mail", "quarantine", "show", first, "--format", "json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["id"] == first and "[1] Please ring" in shown["excerpt"]

    assert main(["mail", "quarantine", "show", "nonsense"]) == 3
    assert "no message 'nonsense'" in capsys.readouterr().err

    with smtp_sink() as (sink, port):
        sink.reply = "451 4.3.0 try later"
        assert main(["mail", "quarantine", "release", first, "--reinject",
                     f"127.0.0.1:{port}"]) == 3
        assert "stays held" in capsys.readouterr().err and q.get(first).status == HELD
        sink.reply = "250 2.0.0 Ok: queued as REL1"
        assert main(["mail", "quarantine", "release", first, "--reinject",
                     f"127.0.0.1:{port}"]) == 0
        assert "queued as REL1" in capsys.readouterr().out
        assert [r.data for r in sink.snapshot()] == [RAW]
    assert main(["mail", "quarantine", "list", "--all"]) == 0
    assert f"{first} [released]" in capsys.readouterr().out

    assert main(["mail", "quarantine", "delete", second]) == 0
    assert main(["mail", "quarantine", "delete", second]) == 3
    assert [i.id for i in q.list(include_released=True)] == [first]
