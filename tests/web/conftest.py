"""Small UT1-style list folders written per test, so each matching rule is seen alone."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from _testpack import LISTS, OWN, PACK

from aupguard.web.index import compile_lists

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


@pytest.fixture
def rules_setup(make_lists: ListMaker, tmp_path: Path) -> tuple[Path, Path]:
    """(pack, index) of `_testpack`'s council with every kind of rule, and its lists."""
    root = make_lists(LISTS)
    (root / "aggressive").write_text("agressif\n")
    own = make_lists(OWN, root="own")
    out = tmp_path / "ix.aupx"
    compile_lists([root, own / "allow", own / "block"], out)
    pack = tmp_path / "testtown.yaml"
    pack.write_text(PACK)
    return pack, out
