"""The Hyperscan-driven word stages give the same views from many threads at once (each
thread scans with its own scratch space) and fall back exactly on report-heavy text."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from _text_reference import normalise as reference

from aupguard.text import View, normalise

TEXTS = [
    "Visit www.example.com, f u c k this, sh1t h3ll0 b!tch, fuuuuck, x@y.com 0800 123",
    "The council meeting is on Tuesday at 7pm in the hall. " * 40,
    "a1b3 " * 300 + "zzzz",  # past the report cap: the plain stage functions run
    "l33t 5p4m e3e aa4a ww3w",  # leet decoding makes new letter runs
    "s.h.1.t and i b i t c h wwww",  # a join, then leet and repeats on the joined text
]


def _views(text: str) -> tuple[str, str, list[tuple[int, int]]]:
    nt = normalise(text)
    folded = nt.folded
    return (
        nt.plain.text,
        folded.text,
        [folded.to_original(i, i + 1) for i in range(len(folded.text))],
    )


def test_threads_agree_with_one_thread() -> None:
    expected = [_views(t) for t in TEXTS]
    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(_views, TEXTS * 25))
    assert results == expected * 25


def test_cap_and_rescan_paths_match_reference() -> None:
    for text in TEXTS:
        new, old = normalise(text), reference.normalise(text)
        assert new.folded.text == old.folded.text
        n = len(old.folded.text)
        assert [new.folded.to_original(i, i + 1) for i in range(n)] == [
            old.folded.to_original(i, i + 1) for i in range(n)
        ]


def test_lazy_maps_shared_between_threads() -> None:
    """Offset maps are built on first lookup; threads racing that first lookup on one
    NormalisedText all get the single-threaded answer."""
    texts = ["Straße ﬁne 요즘 Ｆｕ wwwww sh1t " * 50, "e\u0301 fuuuuck l33t " * 80]
    for text in texts:
        expected = normalise(text)
        want = [expected.folded.to_original(i, i + 1) for i in range(len(expected.folded.text))]
        shared = normalise(text)
        folded = shared.folded

        def mapped(_k: int, folded: View = folded) -> list[tuple[int, int]]:
            return [folded.to_original(i, i + 1) for i in range(len(folded.text))]

        with ThreadPoolExecutor(max_workers=8) as pool:
            assert list(pool.map(mapped, range(16))) == [want] * 16
