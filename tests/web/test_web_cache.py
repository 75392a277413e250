"""The fast paths: `DecisionCache` answers exactly as `decide` does (groups, time
windows, exceptions, council lists, errors), also when the answer comes from a cache;
`parse_url`'s shortcut agrees with the general parser; `Recent` stays bounded."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from _testpack import HOSTS, PATHS, SCHEMES
from hypothesis import given, settings
from hypothesis import strategies as st

from aupguard.policy.loader import load_pack
from aupguard.web import cache as cache_module
from aupguard.web import service
from aupguard.web.cache import DecisionCache
from aupguard.web.decide import decide
from aupguard.web.index import Index, compile_lists
from aupguard.web.recent import Recent
from aupguard.web.service import WebFilter
from aupguard.web.urls import _parse_general, parse_url

MONDAY_10 = dt.datetime(2024, 6, 3, 10, 0)  # in the tablet window
MONDAY_18 = dt.datetime(2024, 6, 3, 18, 0)  # outside it
GROUPS = [None, "staff", "tablets"]


@pytest.fixture
def setup(rules_setup: tuple[Path, Path]) -> tuple[Path, Path]:
    return rules_setup


@pytest.fixture
def index(setup: tuple[Path, Path]) -> Index:
    return Index.load(setup[1])


def _urls() -> list[str]:
    return [s + h + p for s in SCHEMES for h in HOSTS for p in PATHS]


def test_cached_decisions_equal_decide_first_and_second_time(
    setup: tuple[Path, Path], index: Index
) -> None:
    pack = load_pack(setup[0])
    cached = DecisionCache(pack, index)
    checked = 0
    for at in (MONDAY_10, MONDAY_18):
        for group in GROUPS:
            for url in _urls():
                expected = decide(pack, index, url, group=group, at=at)
                assert cached.decide(url, group, at) == expected, (url, group, at)
                assert cached.decide(url, group, at) == expected  # now from the cache
                checked += 1
    assert checked > 3000
    actions = {cached.decide(u, g, MONDAY_10).action for u in _urls() for g in GROUPS}
    assert actions == {"allow", "block", "monitor", "error"}


def test_time_windows_and_exceptions_are_part_of_the_key(
    setup: tuple[Path, Path], index: Index
) -> None:
    cached = DecisionCache(load_pack(setup[0]), index)
    assert cached.decide("play.test", "tablets", MONDAY_10).action == "block"
    assert cached.decide("play.test", "tablets", MONDAY_18).action == "monitor"
    assert cached.decide("play.test", "tablets", MONDAY_10).action == "block"
    # bet.test and lottery.test are both gambling (same categories), but lottery.test
    # is an exception: the outcome cache must not hand one's answer to the other.
    assert cached.decide("bet.test", None).action == "block"
    assert cached.decide("www.lottery.test", None).action == "allow"
    assert cached.decide("x.sneaky.test/", None).action == "block"


def test_clock_moving_across_a_window_edge_changes_the_answer(
    setup: tuple[Path, Path], index: Index, monkeypatch: pytest.MonkeyPatch
) -> None:
    cached = DecisionCache(load_pack(setup[0]), index)
    edge = dt.datetime(2024, 6, 3, 17, 0, tzinfo=cached._zone).timestamp()  # 17:00 London
    monkeypatch.setattr(cache_module.time, "time", lambda: edge - 1)
    assert cached.decide("play.test", "tablets").action == "block"
    monkeypatch.setattr(cache_module.time, "time", lambda: edge + 1)
    assert cached.decide("play.test", "tablets").action == "monitor"


def test_webfilter_finds_groups_and_forgets_after_reload(
    setup: tuple[Path, Path], make_lists, monkeypatch: pytest.MonkeyPatch  # type: ignore[no-untyped-def]
) -> None:
    pack_path, index_path = setup
    web = WebFilter(pack_path, index_path)
    pack, index = load_pack(pack_path), Index.load(index_path)
    for client in ("10.9.1.2", "10.8.1.2", "not-an-address", None):
        for url in ("play.test", "bet.test", "unlisted.test"):
            got = web.decide(url, client=client, at=MONDAY_10)
            assert got == decide(pack, index, url, client=client, at=MONDAY_10)
    assert web.decide("play.test", user="alice", at=MONDAY_10).group == "staff"
    # A new index: the cached "unlisted" answer must go.
    monkeypatch.setattr(service, "RELOAD_SECONDS", 0.0)
    assert web.decide("unlisted.test").category is None
    root = make_lists({"gambling": {"domains": "unlisted.test\n"}}, root="new")
    compile_lists([root], index_path)
    assert web.decide("unlisted.test").action == "block"


def test_recent_is_bounded_and_keeps_what_is_used() -> None:
    recent: Recent[int, int] = Recent(100)
    recent.put(0, 0)
    for i in range(1, 1000):
        recent.put(i, i)
        assert recent.get(0) == 0  # used all the time: it survives every turnover
        assert len(recent) <= 100
    assert recent.get(1) is None  # used once, long ago
    assert recent.get(999) == 999
    recent.clear()
    assert len(recent) == 0 and recent.get(999) is None


_URL_CHARS = st.sampled_from(
    list("abcxyz0189-_.:/?#%@\\[]&=+~ ") + ["A", "É", "é", "\t", "\x00", "..", "//", "/.",
                                           "%2e", "%41", "www.", "127.0.0.1", "0x7f", "::1"]
)


@settings(max_examples=3000, deadline=None)
@given(
    scheme=st.sampled_from(["", "http://", "https://", "HTTP://", "//", "ftp://"]),
    body=st.lists(_URL_CHARS, max_size=24).map("".join),
)
def test_parse_shortcut_agrees_with_general_parser(scheme: str, body: str) -> None:
    text = scheme + body
    try:
        expected: tuple[str, str] | str = _parse_general(text)
    except ValueError as exc:
        expected = f"error: {exc}"
    try:
        got: tuple[str, str] | str = parse_url(text)
    except ValueError as exc:
        got = f"error: {exc}"
    assert got == expected


@pytest.mark.parametrize(
    "text",
    ["http://a.example/x/y?z=1", "a.example:443", "http://1.2.3.4/", "http://01.2.3.4/",
     "http://256.1.1.1/", "http://a.example:65536/", "http://" + "a" * 64 + ".example/",
     "http://a.example/./x", "http://a.example//x", "http://a.example/x/..",
     "https://a-b_c.example/", "http://a.example/%7Efoo", "http://a.123/"],
)
def test_parse_shortcut_examples(text: str) -> None:
    try:
        expected: tuple[str, str] | str = _parse_general(text)
    except ValueError as exc:
        expected = f"error: {exc}"
    try:
        got: tuple[str, str] | str = parse_url(text)
    except ValueError as exc:
        got = f"error: {exc}"
    assert got == expected
