"""`aupguard lists compile` end to end, and the real UT1 lists when they are present."""

from __future__ import annotations

from pathlib import Path

import pytest

from aupguard.cli import main
from aupguard.web.index import Index, compile_lists, default_index_path

# `../shared/data/ut1` from the repository root (CC BY-SA 4.0; never copied into the repo).
UT1 = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "ut1"


def test_compile_command_writes_index(make_lists, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    root = make_lists({"gambling": {"domains": "bet.test\n"}, "games": {"urls": "g.test/play\n"}})
    allow = make_lists({"ok": {"domains": "bet.test\n"}}, root="own")
    out = tmp_path / "out" / "index.aupx"
    code = main(["lists", "compile", str(root), "--allow", str(allow / "ok"), "--out", str(out)])
    assert code == 0
    printed = capsys.readouterr().out
    assert "gambling" in printed and "council-allow" in printed and str(out) in printed
    assert Index.load(out).categories("www.bet.test") == ["gambling", "council-allow"]


def test_compile_command_default_out(make_lists, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("AUPGUARD_DATA_DIR", str(tmp_path / "data"))
    root = make_lists({"chat": {"domains": "chat.test\n"}})
    assert main(["lists", "compile", str(root)]) == 0
    assert default_index_path() == tmp_path / "data" / "index.aupx"
    assert Index.load(default_index_path()).categories("chat.test") == ["chat"]


def test_compile_command_errors(make_lists, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["lists", "compile", str(tmp_path / "nope"), "--out", str(tmp_path / "i")]) == 3
    assert "no such folder" in capsys.readouterr().err
    bad = make_lists({"block": {"urls": "ok.test/a\nbad..test/x\n"}})
    assert main(["lists", "compile", str(bad / "block"), "--out", str(tmp_path / "i")]) == 3
    assert "block/urls:2:" in capsys.readouterr().err


def test_compile_command_warns_about_skipped_lines(make_lists, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    root = make_lists({"games": {"domains": "ok.test\nbad..test\n"}})
    assert main(["lists", "compile", str(root), "--out", str(tmp_path / "i")]) == 0
    err = capsys.readouterr().err
    assert "skipped 1 bad lines" in err and "games/domains:2:" in err


@pytest.mark.skipif(not UT1.is_dir(), reason=f"UT1 lists not found at {UT1}")
def test_real_ut1(tmp_path: Path) -> None:
    stats = compile_lists([UT1], tmp_path / "ut1.aupx")
    assert stats.skipped == 0
    ix = Index.load(tmp_path / "ut1.aupx")
    assert {"gambling", "shopping", "social_networks", "phishing", "malware"} <= set(ix.names)
    assert ix.aliases["porn"] == "adult"
    checks = {
        "0-casino.info": "gambling",  # gambling/domains line 1
        "http://www.0-casino.info:80/": "gambling",
        "astrolabio.net/casino/roulette": "gambling",  # gambling/urls
        "001-amulette.de": "shopping",
        "amazon.co.uk": "shopping",
        "m.facebook.com": "social_networks",
        "x.com": "social_networks",
        "0001-5cf.pages.dev/awards/": "phishing",  # phishing/urls
        "0001-5cf.pages.dev/ja/apps/windows": "malware",  # malware/urls
        "http://10.0.0.1/search?q=1234": "malware",  # malware/expressions
        "118.123.4.224": "agressif",  # an IP literal in agressif/domains
        "xn--bittex-zhb.com": "cryptojacking",
    }
    for url, cat in checks.items():
        assert cat in ix.categories(url), url
    assert "gambling" not in ix.categories("not-0-casino.info")
    assert "phishing" not in ix.categories("0001-5cf.pages.dev/")  # only a path is listed
