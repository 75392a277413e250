"""Compiled Hyperscan databases are saved and reused, and a bad cache never matters."""

from __future__ import annotations

from pathlib import Path

import hyperscan
import pytest

from aupguard.text import _hscache


def _build_counter(calls: list[int]) -> hyperscan.Database:
    calls.append(1)
    db = hyperscan.Database(mode=hyperscan.HS_MODE_BLOCK)
    db.compile(expressions=[b"council"], ids=[7], flags=[0])
    return db


def _matches(db: hyperscan.Database, data: bytes) -> list[int]:
    found: list[int] = []
    db.scan(data, match_event_handler=lambda i, *_: found.append(i),
            scratch=hyperscan.Scratch(db))
    return found


def test_saved_then_loaded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AUPGUARD_CACHE_DIR", str(tmp_path))
    calls: list[int] = []
    first = _hscache.load_or_compile("t", b"v1", lambda: _build_counter(calls))
    second = _hscache.load_or_compile("t", b"v1", lambda: _build_counter(calls))
    assert calls == [1]  # compiled once, loaded the second time
    assert _matches(first, b"the council") == _matches(second, b"the council") == [7]
    assert len(list(tmp_path.glob("t-*.hsdb"))) == 1
    _hscache.load_or_compile("t", b"v2", lambda: _build_counter(calls))
    assert calls == [1, 1]  # other patterns, other file


def test_corrupt_file_is_rebuilt(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AUPGUARD_CACHE_DIR", str(tmp_path))
    calls: list[int] = []
    _hscache.load_or_compile("t", b"v1", lambda: _build_counter(calls))
    (path,) = tmp_path.glob("t-*.hsdb")
    path.write_bytes(b"not a database")
    db = _hscache.load_or_compile("t", b"v1", lambda: _build_counter(calls))
    assert calls == [1, 1] and _matches(db, b"council") == [7]


def test_unwritable_cache_still_works(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("a file where the folder should be")
    monkeypatch.setenv("AUPGUARD_CACHE_DIR", str(blocker / "cache"))
    calls: list[int] = []
    db = _hscache.load_or_compile("t", b"v1", lambda: _build_counter(calls))
    assert calls == [1] and _matches(db, b"council") == [7]


def test_old_databases_are_pruned(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AUPGUARD_CACHE_DIR", str(tmp_path))
    calls: list[int] = []
    for version in range(_hscache._KEEP + 5):
        _hscache.load_or_compile("t", str(version).encode(), lambda: _build_counter(calls))
    assert len(list(tmp_path.glob("t-*.hsdb"))) == _hscache._KEEP


def test_trigger_database_key_is_stable_across_runs(tmp_path: Path) -> None:
    """Hash randomisation must not change the trigger patterns' order, or the cache
    would never be hit and would fill up."""
    import os
    import subprocess
    import sys

    code = (
        "from aupguard.engine import Checker; from aupguard.model import Message;"
        "Checker('leigh').check(Message(text='The council tender'))"
    )
    for seed in ("1", "2"):
        env = {**os.environ, "AUPGUARD_CACHE_DIR": str(tmp_path), "PYTHONHASHSEED": seed}
        subprocess.run([sys.executable, "-c", code], env=env, check=True)
    once = {p.name for p in tmp_path.glob("triggers-*.hsdb")}
    env = {**os.environ, "AUPGUARD_CACHE_DIR": str(tmp_path), "PYTHONHASHSEED": "3"}
    subprocess.run([sys.executable, "-c", code], env=env, check=True)
    assert {p.name for p in tmp_path.glob("triggers-*.hsdb")} == once
