"""Small UT1-style list folders written per test, so each matching rule is seen alone."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

ListMaker = Callable[..., Path]


@pytest.fixture
def make_lists(tmp_path: Path) -> ListMaker:
    """make_lists({"gambling": {"domains": "a.com\\n"}}) -> a UT1 root folder."""

    def make(cats: dict[str, dict[str, str | bytes]], root: str = "lists") -> Path:
        base = tmp_path / root
        for cat, files in cats.items():
            folder = base / cat
            folder.mkdir(parents=True, exist_ok=True)
            for kind, body in files.items():
                data = body.encode("utf-8") if isinstance(body, str) else body
                (folder / kind).write_bytes(data)
        return base

    return make
