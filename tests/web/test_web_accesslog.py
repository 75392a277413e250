"""The access log: JSON lines with every field, rotation by size, pseudonyms, reopen."""

from __future__ import annotations

import json
import stat
from pathlib import Path

from aupguard.web.accesslog import AccessLog, log_files, pseudonym
from aupguard.web.decide import Decision

BLOCKED = Decision("http://bet.test/odds", "block", "gambling", "x.web.gambling", "gambling",
                   "staff", "bet.test")


def _records(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_text().splitlines()]


def test_record_has_every_field(tmp_path: Path) -> None:
    log = AccessLog(tmp_path / "access.jsonl")
    log.record(BLOCKED, via="squid", client="10.0.0.5", user="alice", path="/odds")
    log.close()
    (rec,) = _records(tmp_path / "access.jsonl")
    assert rec == {
        "time": rec["time"], "via": "squid", "client": "10.0.0.5", "user": "alice",
        "group": "staff", "host": "bet.test", "path": "/odds", "category": "gambling",
        "action": "block", "clause": "x.web.gambling", "rule": "gambling",
    }
    assert str(rec["time"]).endswith("Z") and str(rec["time"])[:2] == "20"


def test_error_decisions_keep_the_reason(tmp_path: Path) -> None:
    log = AccessLog(tmp_path / "a.jsonl")
    log.record(Decision("http://bad host/", "error", None, None, None, error="bad host"),
               via="dns")
    log.close()
    (rec,) = _records(tmp_path / "a.jsonl")
    assert rec["action"] == "error" and rec["error"] == "bad host" and rec["user"] is None


def test_rotates_by_size_and_keeps_n(tmp_path: Path) -> None:
    path = tmp_path / "access.jsonl"
    log = AccessLog(path, max_bytes=1000, keep=3)
    for i in range(60):
        log.record(BLOCKED, via="squid", client=f"10.0.0.{i}")
    log.close()
    files = log_files(path)
    assert [f.name for f in files] == [
        "access.jsonl.3", "access.jsonl.2", "access.jsonl.1", "access.jsonl"
    ]
    assert all(f.stat().st_size <= 1000 for f in files)
    clients = [r["client"] for f in files for r in _records(f)]
    # Oldest lines were dropped with the fourth file; what is kept is in order, no gaps.
    assert clients == [f"10.0.0.{i}" for i in range(60 - len(clients), 60)]
    assert len(clients) < 60


def test_pseudonymise_users_with_a_private_key(tmp_path: Path) -> None:
    path = tmp_path / "access.jsonl"
    log = AccessLog(path, pseudonymise=True)
    log.record(BLOCKED, via="proxy", user="alice")
    log.record(BLOCKED, via="proxy", user="bob")
    log.close()
    again = AccessLog(path, pseudonymise=True)  # same key next time: same token
    again.record(BLOCKED, via="proxy", user="alice")
    again.close()
    users = [r["user"] for r in _records(path)]
    assert "alice" not in path.read_text() and "bob" not in path.read_text()
    assert users[0] == users[2] != users[1]
    key_file = tmp_path / "access.jsonl.key"
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert users[0] == pseudonym(bytes.fromhex(key_file.read_text().strip()), "alice")


def test_reopen_after_external_rotation(tmp_path: Path) -> None:
    path = tmp_path / "access.jsonl"
    log = AccessLog(path)
    log.record(BLOCKED, via="dns")
    log.flush()
    path.rename(tmp_path / "moved.jsonl")
    log.reopen()
    log.record(BLOCKED, via="dns", client="10.1.1.1")
    log.close()
    assert len(_records(tmp_path / "moved.jsonl")) == 1
    assert _records(path)[0]["client"] == "10.1.1.1"
