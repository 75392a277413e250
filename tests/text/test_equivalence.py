"""The optimised normaliser must give exactly what the straightforward one gave.

`_text_reference` is a frozen copy of aupguard.text as it was before the fast paths
(sparse offset maps, per-character caches, skipped stages). For every input, both views'
text and `to_original` of every single-character span, every empty span and a spread of
longer and out-of-range spans must be identical.
"""

from __future__ import annotations

import itertools
import random
import sys
from pathlib import Path

import pytest
from _text_reference import normalise as reference
from hypothesis import given, settings
from hypothesis import strategies as st

from aupguard.text import View, normalise

BENCH = Path(__file__).resolve().parents[2] / "bench"


def _spans(n: int, rng: random.Random) -> list[tuple[int, int]]:
    spans = [(i, i + 1) for i in range(n)] + [(i, i) for i in range(n + 1)]
    spans += [(-3, n + 3), (0, n), (n, n + 5), (-5, -1), (4, 2)]
    for _ in range(min(200, 4 * n)):
        a = rng.randrange(-2, n + 3)
        spans.append((a, a + rng.randrange(0, 40)))
    return spans


def _same_view(new: View, old: reference.View, what: str, seed: int) -> None:
    assert new.text == old.text, what
    rng = random.Random(seed)
    for s, e in _spans(len(old.text), rng):
        assert new.to_original(s, e) == old.to_original(s, e), (what, s, e)


def assert_same(text: str, html: bool) -> None:
    new = normalise(text, html)
    old = reference.normalise(text, html)
    _same_view(new.plain, old.plain, f"plain html={html}", len(text))
    _same_view(new.folded, old.folded, f"folded html={html}", len(text))


# Characters that exercise every rewrite: NFKC expansions and compositions, invisibles,
# case folding that changes length, accents, look-alikes, leet and join separators, and
# '?' (which the ASCII masks use for non-ASCII characters).
TRICKY = (
    "ß ẞ ﬁ ﬀ ﬃ é e\u0301 \u0301\u0327 \u200b \u00ad \u202e \ufe0f \U000e0041 İ ı Σ ς ǅ Ω Å K "
    "Ｆ ｕ ① ² ½ ™ … № ㎏ А В Е Н Р С а е о р с Α Η Ν Ο α ε η μ ο ρ ø æ œ þ ł ᴀ ʙ ɢ ꜱ "
    "\u2018 \u2019 \u201c \u201d \u2013 \u2014 \u2212 \xa0 \u3000 \ufb01 \u1e9e ŉ ǰ ΐ ﬆ "
    "𝐀 𝓯 🅰 😀 \U0001d173 ⁰ ₁ ℌ ℍ ℕ ? ! | @ $ * _ . - ~ + / \\ , 0 1 2 3 4 5 6 7 8 9"
).split(" ") + [" ", "  ", "   ", "\n", "\t"]

LETTERS = list("abcdefghijklmnopqrstuvwxyzABCDEFXYZ")
HTMLISH = [
    "<", ">", "&", ";", "#", "amp;", "&amp;", "&nbsp;", "&#64;", "&#x2019;", "&lt", "&eacute;",
    "&#xDF;", "&#0;", "&#x110000;", "<p>", "</p>", "<br/>", "<div class='a>b'>", "<!--", "-->",
    "<script>", "</script>", "<style>x{}</style>", "<td>", "<b>", "</b>", "<?xml?>", "<!x>",
]  # fmt: skip
WORDS = [
    "f u c k", "f.u.c.k", "s-h-i-t", "a f u c k", "i b i t c h", "f  u  c  k", "1 2 3", "0 8 0 0",
    "sh1t", "@ss", "b!tch", "h3ll0", "$h!t", "0800 123", "M25", "covid19", "x@y.com", "a@b.c",
    "fuuuuck", "ooo", "wwww", "AAAa", "f**k", "hello!!", "l33t", "5p4m", "|ol", "p|a",
]  # fmt: skip

pieces = st.sampled_from(TRICKY + LETTERS + HTMLISH + WORDS) | st.text(max_size=3)
MIXED = st.lists(pieces, max_size=50).map("".join)
LEETISH = st.text(alphabet="abcdefxyzABCXYZ0123456789 .-_*~+/\\,@$!|?ßé\u200b", max_size=80)
SPACED = st.lists(
    st.tuples(st.lists(st.sampled_from(LETTERS + list("0134@$!é")), min_size=1, max_size=8),
              st.sampled_from([" ", "  ", "   ", ".", "-", "_", "*", "~", "+", "/", "\\", ","])),
    max_size=6,
).map(lambda runs: " ".join(sep.join(units) for units, sep in runs))  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=80), st.booleans())
def test_random_unicode_matches_reference(text: str, html: bool) -> None:
    assert_same(text, html)


@settings(max_examples=300, deadline=None)
@given(MIXED, st.booleans())
def test_mixed_tricks_match_reference(text: str, html: bool) -> None:
    assert_same(text, html)


@settings(max_examples=200, deadline=None)
@given(LEETISH)
def test_leetish_matches_reference(text: str) -> None:
    assert_same(text, False)


@settings(max_examples=200, deadline=None)
@given(SPACED)
def test_spaced_letters_match_reference(text: str) -> None:
    assert_same(text, False)


@pytest.mark.parametrize("seed", range(6))
def test_long_mixed_texts_match_reference(seed: int) -> None:
    """Long texts cross the size thresholds (merged non-ASCII runs, bulk mapping)."""
    rng = random.Random(seed)
    ascii_words = "the council meeting will be held on Tuesday at 7pm in the hall".split()
    alphabet = TRICKY + LETTERS + WORDS + ascii_words
    weights = [1 + seed * 2] * len(TRICKY) + [3] * (len(alphabet) - len(TRICKY))
    text = " ".join(rng.choices(alphabet, weights, k=1500 + 800 * seed))
    assert_same(text, seed % 2 == 1)


@pytest.mark.parametrize(
    "text",
    [
        "ß" * 5000,
        "é" * 5000,
        "e\u0301" * 3000,
        "\u200b" * 3000 + "x",
        "Ａ" * 4500 + "ab",
        "ab?" * 2000 + "ß",
        "x ß " * 1500,
        "f u " * 2000,
        "o" * 5000,
        "é" * 4000 + "É" * 97,
        "1" * 3000 + "a",
        "".join(chr(c) for c in range(0x80, 0x3000)),
        "\x00a\x00" + "".join(chr(c) for c in range(0x300, 0x2000, 3)) + "\x00",
        "".join(map(chr, range(0x10, 0x7F))) * 50,
        "\u13a0\uab70\u00c9 \u00dfA?" * 1200,  # Cherokee: its case fold is upper case
        "\u13a0 abc",
        "\u13a0 \u00c9a\u0301",
        "\u13f5" * 4096 + "A",
        "\u13f5" * 4097 + "A\u00df",
        "a\u00df" * 3000,
        "e\u0301" * 3000,
    ],
    ids=lambda t: f"{t[:6]!r}x{len(t)}",
)
def test_large_uniform_texts_match_reference(text: str) -> None:
    for html in (False, True):
        assert_same(text, html)


def _corpus_texts() -> list[str]:
    if str(BENCH) not in sys.path:
        sys.path.insert(0, str(BENCH))
    import _corpus

    root = _corpus.corpus_root()
    if root is None:
        pytest.skip(
            f"SpamAssassin corpus not found at {_corpus.DEFAULT_ROOT} (../shared from the "
            "repo root); the hypothesis tests above still compare against the reference"
        )
    first = [m.text for m in itertools.islice(_corpus.iter_mail(root), 500)]
    spam = [m.text for m in _corpus.iter_mail(root, _corpus.SPAM_FOLDERS, limit=150)]
    return first + [t for t in spam if not t.isascii()]


def test_spamassassin_texts_match_reference() -> None:
    """The first 500 SpamAssassin messages, plus the non-ASCII ones among the first spam,
    both as plain text and as HTML."""
    texts = _corpus_texts()
    for k, text in enumerate(texts):
        assert_same(text, k % 4 == 3)
