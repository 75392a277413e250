"""The category index: each matching rule, on small lists written for the test."""

from __future__ import annotations

from pathlib import Path

import pytest

from aupguard.errors import AupguardError
from aupguard.web.index import Index, _native, compile_lists
from aupguard.web.lists import ListError

LISTS = {
    "gambling": {
        "domains": "# comment\n\nexample.com\nCasino.EXAMPLE.org.\n.leading.net\n"
        "bücher.de\n10.1.2.3\n2001:DB8::7\n",
        "urls": "astrolabio.net/casino/\nhttp://www.shop.test/Bets\nq.test/?v=9\n",
    },
    "shopping": {"domains": "example.com\nshop.test\n", "urls": ""},
    "malware": {"expressions": r"^[0-9]+\.[0-9]+\.[0-9]+\.[0-9]+/search\?q=[0-9]+$" + "\n"},
    "special": {"expressions": r".*/ymsgr*\.exe$" + "\n"},
}


@pytest.fixture
def index(make_lists, tmp_path: Path) -> Index:  # type: ignore[no-untyped-def]
    root = make_lists(LISTS)
    (root / "porn").write_text("gambling\n")  # a UT1 alias file
    compile_lists([root], tmp_path / "i.aupx")
    return Index.load(tmp_path / "i.aupx")


@pytest.mark.parametrize(
    ("url", "cats"),
    [
        ("example.com", ["gambling", "shopping"]),
        ("a.b.example.com", ["gambling", "shopping"]),
        ("notexample.com", []),
        ("example.com.evil.net", []),
        ("com", []),
        ("HTTP://User:Pw@WWW.Example.COM.:8443/path", ["gambling", "shopping"]),
        ("http://evil.test@example.com/", ["gambling", "shopping"]),
        ("http://example.com@evil.test/", []),
        ("casino.example.org", ["gambling"]),
        ("x.casino.example.org", ["gambling"]),
        ("example.org", []),
        ("leading.net", ["gambling"]),
        ("http://BÜCHER.de/", ["gambling"]),
        ("xn--bcher-kva.de", ["gambling"]),
        ("10.1.2.3", ["gambling"]),
        ("http://10.1.2.3:80/x", ["gambling"]),
        ("http://167838211/", ["gambling"]),  # 10.1.2.3 as one decimal number
        ("http://0x0a.1.2.3/", ["gambling"]),
        ("1.2.3.10", []),
        ("http://[2001:db8:0::7]/", ["gambling"]),
        ("astrolabio.net/casino", ["gambling"]),
        ("astrolabio.net/casino/", ["gambling"]),
        ("http://astrolabio.net/casino/roulette?x=1", ["gambling"]),
        ("http://www.astrolabio.net/Casino/", ["gambling"]),
        ("astrolabio.net/casinos", []),
        ("astrolabio.net/", []),
        ("sub.astrolabio.net/casino/", []),
        ("shop.test/bets/today", ["gambling", "shopping"]),
        ("q.test/?v=9", ["gambling"]),
        ("q.test/?v=90", []),
        ("http://1.2.3.4/search?q=42", ["malware"]),
        ("http://1.2.3.4/search?q=42x", []),
        ("http://downloads.test/im/YMSGR.exe", ["special"]),
        ("http://downloads.test/im/ymsgr.exe.txt", []),
    ],
)
def test_matching_rules(index: Index, url: str, cats: list[str]) -> None:
    assert index.categories(url) == cats


def test_malformed_request_is_a_value_error(index: Index) -> None:
    with pytest.raises(ValueError, match="empty label"):
        index.categories("http://a..b/")


def test_header_records_sources_and_aliases(index: Index) -> None:
    h = index.header
    assert h["categories"] == ["gambling", "malware", "shopping", "special"]
    assert index.aliases == {"porn": "gambling"}
    files = h["sources"][0]["files"]
    assert set(files) >= {"gambling/domains", "gambling/urls", "malware/expressions"}
    assert all(len(sha) == 64 for sha in files.values())
    assert h["counts"]["gambling"] == {"domains": 6, "urls": 3, "expressions": 0}


def test_council_lists_by_flag_and_by_folder_name(make_lists, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    ut1 = make_lists({"shopping": {"domains": "shop.test\n"}})
    own = make_lists(
        {"allow": {"domains": "shop.test\n"}, "extra": {"urls": "b.test/x\n"}}, root="council"
    )
    out = tmp_path / "c.aupx"
    compile_lists([ut1, own / "allow"], out, block=[own / "extra"])
    ix = Index.load(out)
    assert ix.categories("shop.test") == ["shopping", "council-allow"]
    assert ix.categories("b.test/x/y") == ["council-block"]


def test_more_than_64_categories(make_lists, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    root = make_lists({f"c{i:03d}": {"domains": f"d{i}.test\nall.test\n"} for i in range(130)})
    compile_lists([root], tmp_path / "big.aupx")
    ix = Index.load(tmp_path / "big.aupx")
    assert ix.categories("d129.test") == ["c129"]
    assert ix.categories("d64.test") == ["c064"]
    assert len(ix.categories("all.test")) == 130


def test_ut1_bad_lines_are_skipped_and_counted(make_lists, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    body = b"good.test\nbad..test\n\xff\xfe.test\n" + b"x" * 20000 + b"\nalso-good.test\n"
    root = make_lists({"games": {"domains": body, "expressions": "(unclosed\nok[0-9]+\n"}})
    stats = compile_lists([root], tmp_path / "g.aupx")
    assert stats.skipped == 4
    assert stats.categories["games"] == {"domains": 2, "urls": 0, "expressions": 1}
    text = "\n".join(stats.skipped_examples)
    for where in (
        "games/domains:2:",
        "games/domains:3: not UTF-8",
        "games/domains:4: line longer",
        "games/expressions:1: bad expressions entry",
    ):
        assert where in text
    ix = Index.load(tmp_path / "g.aupx")
    assert ix.categories("also-good.test") == ["games"]
    assert ix.categories("x.test/ok42") == ["games"]


def test_council_list_fails_hard_with_file_and_line(make_lists, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    root = make_lists({"block": {"domains": "fine.test\r\nhttp://not a domain/\n"}})
    with pytest.raises(ListError, match=r"block/domains:2: bad domains entry") as info:
        compile_lists([root / "block"], tmp_path / "b.aupx")
    assert info.value.line == 2
    assert not (tmp_path / "b.aupx").exists()


def test_strict_mode_fails_on_ut1_lines(make_lists, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    root = make_lists({"games": {"urls": "ok.test/a\n" + "y" * 17000 + "\n"}})
    with pytest.raises(ListError, match=r"games/urls:2: line longer than"):
        compile_lists([root], tmp_path / "s.aupx", strict=True)


def test_bom_crlf_and_empty_lists(make_lists, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    root = make_lists({"a": {"domains": b"\xef\xbb\xbfbom.test\r\n"}, "b": {"domains": b""}})
    compile_lists([root], tmp_path / "e.aupx")
    ix = Index.load(tmp_path / "e.aupx")
    assert ix.categories("bom.test") == ["a"]
    assert ix.categories("other.test") == []


def test_load_rejects_other_files(tmp_path: Path) -> None:
    junk = tmp_path / "junk.aupx"
    junk.write_bytes(b"hello world, not an index")
    with pytest.raises(AupguardError, match="not an aupguard index"):
        Index.load(junk)
    with pytest.raises(AupguardError, match="cannot read index"):
        Index.load(tmp_path / "missing.aupx")


def test_truncated_index_is_reported(index: Index, tmp_path: Path) -> None:
    data = index.path.read_bytes()
    cut = tmp_path / "cut.aupx"
    cut.write_bytes(data[: len(data) - 8])
    with pytest.raises(AupguardError, match="truncated"):
        Index.load(cut)


def test_no_category_folders(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    with pytest.raises(AupguardError, match="no category folders"):
        compile_lists([tmp_path / "empty"], tmp_path / "x.aupx")


def test_big_endian_copy_reads_the_same_and_close_releases(index: Index) -> None:
    """On a big-endian machine the little-endian arrays are read through a byte-swapped
    copy (`_native(..., little=False)`); fed big-endian bytes here, it must give the
    values the mapped view gives. close() must unmap cleanly."""
    values = [0, 1, 2**63 + 5, 2**64 - 1, 123456789]
    le = b"".join(v.to_bytes(8, "little") for v in values)
    be = b"".join(v.to_bytes(8, "big") for v in values)
    assert list(_native(memoryview(le), "Q", little=True)) == values
    assert list(_native(memoryview(be), "Q", little=False)) == values
    short = [7, 65535]
    assert list(_native(memoryview(b"".join(v.to_bytes(2, "big") for v in short)), "H",
                        little=False)) == short
    urls = ["example.com", "a.b.example.com", "notexample.com", "astrolabio.net/casino/x",
            "shop.test/bets/today", "10.1.2.3", "[2001:db8::7]", "q.test/?v=9", "xn--bcher-kva.de"]
    first = [index.categories(u) for u in urls]
    assert [index.categories(u) for u in urls] == first  # second time from the host cache
    assert any(first)
    index.close()


def test_host_cache_and_url_gate_match_uncached_lookups(index: Index, tmp_path: Path) -> None:
    """The per-host cache (parents looked up once) and the skip of path keys for hosts
    without `urls` entries give what a fresh index gives, in any order of requests."""
    urls = ["x.casino.example.org", "casino.example.org", "www.astrolabio.net/casino/a",
            "astrolabio.net/casino", "www.www.astrolabio.net/casino/", "www2.shop.test/bets",
            "shop.test/bets", "q.test/?v=9", "www.q.test/?v=9", "1.2.3.4/search?q=42"]
    forward = [index.categories(u) for u in urls]
    fresh = Index.load(index.path)
    assert [fresh.categories(u) for u in reversed(urls)] == forward[::-1]
    assert forward[2] == forward[3] == ["gambling"]
    assert forward[4] == []  # "www." is dropped once only
