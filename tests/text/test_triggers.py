"""The shared trigger scan: whole words, phrases, prefixes, offsets, one pass for all."""

from __future__ import annotations

from aupguard.text import normalise
from aupguard.text.triggers import Hit, TriggerWords, scan_text, windows

WORDS = TriggerWords(
    "test-triggers",
    {"free gift": "offer", "don't break the chain": "chain", "f**k": "swear", "bet": "bet"},
    prefixes={"gambl": "gambling"},
)
OTHER = TriggerWords("test-triggers-other", ["gift"])


def _found(text: str, group: TriggerWords = WORDS) -> list[tuple[str, str]]:
    n = normalise(text)
    out = []
    for hit in group.hits(n):
        start, end = n.folded.to_original(hit.start, hit.end)
        out.append((hit.tag, text[start:end]))
    return out


def test_whole_words_only() -> None:
    assert _found("I bet you will. Better not. The alphabet.") == [("bet", "bet")]


def test_phrases_across_case_and_punctuation() -> None:
    assert _found("Your FREE-gift awaits") == [("offer", "FREE-gift")]
    assert _found("free  gift") == []  # two spaces: documented limit


def test_apostrophes_curly_quotes_and_stars() -> None:
    text = "Don’t break the chain! f**k that"
    assert _found(text) == [("chain", "Don’t break the chain"), ("swear", "f**k")]


def test_prefixes_match_word_starts() -> None:
    assert _found("Gambling and gamblers, not ungambled") == [
        ("gambling", "Gambl"),
        ("gambling", "gambl"),
    ]


def test_every_group_gets_its_own_hits_from_one_scan() -> None:
    n = normalise("a free gift")
    assert [h.tag for h in WORDS.hits(n)] == ["offer"]
    assert [h.tag for h in OTHER.hits(n)] == ["gift"]
    assert OTHER.present(n) and not TriggerWords("test-triggers-none", ["zebra"]).present(n)


def test_scan_text_keeps_length() -> None:
    for text in ("héllo wörld", "日本語 text", "a\u200bb", "£5 off!"):
        assert len(scan_text(text)) == len(text)


def test_evasions_are_undone_before_scanning() -> None:
    assert ("swear", "f**k") in _found("well f**k")
    assert _found("g a m b l i n g") == [("gambling", "g a m b l")]


def test_windows_merge_and_clip() -> None:
    hits = [Hit(5, 8, "x", "x"), Hit(10, 12, "y", "y"), Hit(90, 95, "z", "z")]
    assert windows(hits, 100, 3, 3) == [(2, 15), (87, 98)]
    assert windows(hits, 93, 100, 0) == [(0, 93)]
    assert windows([], 10, 1, 1) == []
