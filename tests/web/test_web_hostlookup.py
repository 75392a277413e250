"""The C host lookup (`_hostlookup.c`) gives exactly what the Python reference gives:
BLAKE2b keys as hashlib's, `parse_plain` as `parse_url`'s `_PLAIN` shortcut, and
`HostTable.lookup` as `Index._host_uncached`, on small lists, on more categories than
one mask word holds, and on UT1 when ../shared is there.

The module is built at install when a C compiler is present; without one these tests
skip, saying so, unless AUPGUARD_REQUIRE_C is set (CI sets it, so CI never skips)."""

from __future__ import annotations

import hashlib
import json
import os
import random
from pathlib import Path

import pytest
from _testpack import HOSTS, LISTS, OWN
from hypothesis import given, settings
from hypothesis import strategies as st

from aupguard.web import index as index_module
from aupguard.web import urls
from aupguard.web.accesslog import outcome_tail, what
from aupguard.web.decide import Decision
from aupguard.web.index import Index, compile_lists
from aupguard.web.squid import log_path

if os.environ.get("AUPGUARD_REQUIRE_C"):
    from aupguard.web import _hostlookup
else:
    _hostlookup = pytest.importorskip(
        "aupguard.web._hostlookup",
        reason="the C host lookup was not built (no C compiler or Python headers at install)",
    )

UT1 = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "ut1"


def _python_index(path: Path, monkeypatch: pytest.MonkeyPatch) -> Index:
    monkeypatch.setenv("AUPGUARD_PURE_PYTHON", "1")
    ix = Index.load(path)
    monkeypatch.delenv("AUPGUARD_PURE_PYTHON")
    assert ix._table is None
    return ix


def _both(path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Index, Index]:
    fast = Index.load(path)
    assert fast._table is not None
    return fast, _python_index(path, monkeypatch)


def _variants(host: str) -> list[str]:
    """The host, subdomains of it (with and without www), and its parents."""
    labels = host.split(".")
    parents = [".".join(labels[i:]) for i in range(1, len(labels))]
    return [host, "www." + host, "www2." + host, "a.b." + host, "www.x." + host, *parents]


def test_hash_is_hashlibs_blake2b_for_every_length() -> None:
    rng = random.Random(7)
    for n in [*range(300), 1000, 4096]:
        data = rng.randbytes(n)
        expected = int.from_bytes(hashlib.blake2b(data, digest_size=8).digest(), "little")
        assert _hostlookup.hash64(data) == expected, n
    for text in ("example.com", "bücher.de", "", "日本語.jp"):
        assert _hostlookup.hash64(text) == index_module.key_int(text)


def _plain_reference(text: str) -> tuple[str, str] | None:
    """`parse_url`'s regular-expression shortcut alone (None where it does not apply)."""
    if len(text) > urls.MAX_URL:
        return None
    m = urls._PLAIN.match(text)
    if m is None:
        return None
    host, port, path = m.groups()
    if len(host) > urls.MAX_HOST or (port is not None and int(port) > 65535):
        return None
    if not path:
        return host, "/"
    return (host, path) if "//" not in path and "/." not in path else None


EDGES = ["1.2.3.4", "01.2.3.4", "256.1.1.1", "255.255.255.255", "1.2.3", "1.2.3.4.5",
         "a" * 63 + ".com", "a" * 64 + ".com", "x." + "a" * 250, "x." * 126 + "y",
         "h:65535", "h:65536", "h:", "h:000001", "h:123456", "9a.com", "a.9a", "a.-b", "_a",
         "a.b.", ".a", "a..b", "http://a/b//c", "http://a/./b", "http://a/b/.", "https://",
         "http://", "HTTP://a/", "http:a", "a/%41", "a/#x", "a/\\x", "a/ x", "a/é", "a/~!$&'()*"]


@settings(max_examples=3000, deadline=None)
@given(
    scheme=st.sampled_from(["", "http://", "https://", "HTTP://", "ftp://", "http:/"]),
    body=st.lists(st.sampled_from(list("abz019_-.:/%#\\?&[]!\"$~ A@é\n\t") + EDGES),
                  max_size=12).map("".join),
)
def test_parse_plain_matches_the_python_shortcut(scheme: str, body: str) -> None:
    text = scheme + body
    assert _hostlookup.parse_plain(text) == _plain_reference(text)


@pytest.mark.parametrize("text", EDGES + ["http://" + e + "/p" for e in EDGES])
def test_parse_plain_edges(text: str) -> None:
    assert _hostlookup.parse_plain(text) == _plain_reference(text)


TAILS = [
    Decision("x", "allow", None, None, None, None, "h"),
    Decision("x", "block", "gambling", "belper.inappropriate", "staff-gambling", "staff", "h"),
    Decision("x", "monitor", "shopping", "leigh.personal-use", "r", "members", "h"),
    Decision("x", "block", "council-block", "cl\u00e1use", "r", None, "h"),  # non-ASCII tail
    Decision("x", "error", None, None, None, None, None, 'bad "URL"\n'),
]


@settings(max_examples=3000, deadline=None)
@given(
    url=st.lists(st.sampled_from(list("ab:/?#%\"\\ \x7f\x1fé~") + ["://", "http://", "a.b"]),
                 max_size=12).map("".join),
    host=st.sampled_from(["www.example.com", "1.2.3.4", "ex\"ample", "ex\\a", "bücher.de",
                          "a\tb", "x~y"]),
    d=st.sampled_from(TAILS),
)
def test_log_what_matches_python(url: str, host: str, d: Decision) -> None:
    """The C log fields equal `what(d, log_path(url), host)`, or are None (Python writes
    them) exactly when something needs a JSON escape or is not ASCII."""
    fast = _hostlookup.log_what(url, host, outcome_tail(d))
    expected = what(d, log_path(url), host)
    path = log_path(url)
    plain = url.isascii() and outcome_tail(d).isascii() and all(
        t.isascii() and t.isprintable() and '"' not in t and "\\" not in t
        for t in (host, path or ""))
    assert fast == (expected if plain else None)
    if fast is not None:
        json.loads("{" + fast)


def test_log_what_refuses_what_is_not_three_strings() -> None:
    for bad in [(), ("http://a/", "a"), ("http://a/", "a", None), (b"http://a/", "a", "}")]:
        with pytest.raises(TypeError):
            _hostlookup.log_what(*bad)  # type: ignore[arg-type]


def test_lookup_matches_python_on_the_test_lists(
    make_lists, tmp_path: Path, monkeypatch: pytest.MonkeyPatch  # type: ignore[no-untyped-def]
) -> None:
    root = make_lists({**LISTS, "games": {"domains": "play.test\n", "urls": "www.g.test/x\n"}})
    own = make_lists(OWN, root="own")
    out = tmp_path / "ix.aupx"
    compile_lists([root, own / "allow", own / "block"], out)
    fast, slow = _both(out, monkeypatch)
    assert fast._table is not None
    hosts = [v for h in HOSTS + ["g.test", "astrolabio.net", "1.2.3.4", "com", "a.b.c.d.e"]
             for v in _variants(h.lower()) if v.isascii()]
    for host in hosts:
        assert fast._table.lookup(host) == slow._host_uncached(host), host
    assert fast.categories("http://www.bet.test/") == slow.categories("http://www.bet.test/")
    assert fast._table.lookup("www.astrolabio.net") & 1  # its `urls` entries apply


def test_lookup_with_more_categories_than_a_mask_word(
    make_lists, tmp_path: Path, monkeypatch: pytest.MonkeyPatch  # type: ignore[no-untyped-def]
) -> None:
    cats = {f"cat{i:03d}": {"domains": f"d{i}.test\nshared.test\n"} for i in range(150)}
    out = tmp_path / "wide.aupx"
    compile_lists([make_lists(cats)], out)
    fast, slow = _both(out, monkeypatch)
    assert fast._table is not None and fast._words == 3
    for host in ["shared.test", "www.shared.test", "d0.test", "d63.test", "d64.test",
                 "x.d149.test", "test", "none.test"]:
        assert fast._table.lookup(host) == slow._host_uncached(host), host
    assert len(fast.categories("x.shared.test")) == 150


def test_closed_table_and_bad_arrays_are_refused(
    make_lists, tmp_path: Path  # type: ignore[no-untyped-def]
) -> None:
    out = tmp_path / "ix.aupx"
    compile_lists([make_lists(LISTS)], out)
    ix = Index.load(out)
    table = ix._table
    assert table is not None
    ix.close()  # releases the table's hold on the mapped arrays first
    with pytest.raises(ValueError, match="closed"):
        table.lookup("bet.test")
    keys = bytes(8 * 4)
    with pytest.raises(ValueError, match="do not fit"):
        _hostlookup.HostTable(keys=keys, table=bytes(8 * 3), bits=1, ids=bytes(2 * 3),
                              masks=bytes(8), words=1, url_hosts=b"")
    with pytest.raises(ValueError, match="out of range"):
        _hostlookup.HostTable(keys=keys, table=(9).to_bytes(8, "little") * 3, bits=1,
                              ids=bytes(2 * 4), masks=bytes(8), words=1, url_hosts=b"")
    with pytest.raises(TypeError, match="ASCII"):
        _hostlookup.HostTable(keys=b"", table=bytes(16), bits=0, ids=b"", masks=bytes(8),
                              words=1, url_hosts=b"").lookup("bücher.test")


@pytest.mark.skipif(not UT1.is_dir(), reason="../shared/data/ut1 is not here (a user's clone)")
def test_lookup_matches_python_on_ut1(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "ut1.aupx"
    compile_lists([UT1], out)
    fast, slow = _both(out, monkeypatch)
    assert fast._table is not None
    rng = random.Random(11)
    hosts: list[str] = []
    for folder in sorted(p for p in UT1.iterdir() if p.is_dir()):
        domains = folder / "domains"
        if domains.is_file():
            lines = domains.read_text("utf-8", "replace").split()
            hosts += rng.sample(lines, min(len(lines), 60))
    checked = 0
    for host in hosts:
        for variant in _variants(host.strip(".").lower()):
            if variant.isascii() and variant:
                assert fast._table.lookup(variant) == slow._host_uncached(variant), variant
                checked += 1
    assert checked > 10000
