"""Property tests: normalisation never raises and offsets always point into the original."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from aupguard.text import View, normalise

HTMLISH = st.lists(
    st.sampled_from(
        [
            "<",
            ">",
            "&",
            ";",
            "#",
            "amp;",
            "&nbsp;",
            "&#64;",
            "&#x2019;",
            "&lt",
            "<p>",
            "</p>",
            "<br/>",
            "<div class='a>b'>",
            "<!--",
            "-->",
            "<script>",
            "</script>",
            "<style>x{}</style>",
            "a",
            "B",
            "é",
            "ß",
            "ﬁ",
            "\u200b",
            "\u0301",
            " ",
            "\n",
            "f u c k",
            "sh1t",
            "@ss",
            "0800 123",
            "x@y.com",
            "ooo",
            "Ｆ",
            "Σ",
            "İ",
            "*",
        ]
    )
    | st.text(max_size=3),
    max_size=40,
).map("".join)


def check_view(view: View, original: str) -> None:
    n = len(original)
    prev = (0, 0)
    for i in range(len(view.text)):
        a, b = view.to_original(i, i + 1)
        assert 0 <= a < b <= n, (i, a, b)  # every view char has a non-empty source
        assert a >= prev[0] and b >= prev[1]  # sources are in order
        prev = (a, b)
    for s in range(0, len(view.text) + 1, 3):
        for e in range(s, min(len(view.text), s + 7) + 1):
            a, b = view.to_original(s, e)
            assert 0 <= a <= b <= n
            if e > s:  # the span covers the sources of all its characters
                assert a == view.to_original(s, s + 1)[0]
                assert b == view.to_original(e - 1, e)[1]
    a, b = view.to_original(-5, len(view.text) + 5)
    assert 0 <= a <= b <= n


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=60), st.booleans())
def test_random_unicode_offsets(text: str, html: bool) -> None:
    nt = normalise(text, html)
    check_view(nt.plain, text)
    check_view(nt.folded, text)


@settings(max_examples=150, deadline=None)
@given(HTMLISH, st.booleans())
def test_random_htmlish_offsets(text: str, html: bool) -> None:
    nt = normalise(text, html)
    check_view(nt.plain, text)
    check_view(nt.folded, text)


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet=st.characters(max_codepoint=0x7F, blacklist_characters="<&"), max_size=80))
def test_plain_ascii_is_identity(text: str) -> None:
    for html in (False, True):
        view = normalise(text, html).plain
        assert view.text == text
        assert view.to_original(0, len(text)) == (0, len(text))


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=60))
def test_plain_chars_come_from_their_source(text: str) -> None:
    """Without HTML, a plain char is its source char or part of its NFKC form."""
    import unicodedata

    view = normalise(text).plain
    for i, ch in enumerate(view.text):
        a, b = view.to_original(i, i + 1)
        assert b - a == 1
        assert ch in unicodedata.normalize("NFKC", text[a:b])


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet="abcdefxyz0134578 .-*@$!|ABC", max_size=60))
def test_folded_ascii_length_never_grows(text: str) -> None:
    folded = normalise(text).folded.text
    assert len(folded) <= len(text)


def test_pathological_inputs_do_not_crash() -> None:
    big = 200_000
    for text, html in [
        ("a" * big, False),
        ("<" * big, True),
        ("<a" * (big // 2), True),
        ("<div>" * 10_000 + "x" + "</div>" * 10_000, True),
        ("e\u0301" * (big // 2), False),
        ("\u200b" * big, False),
        ("f u " * (big // 4), False),
        ("<!--" + "a" * big, True),
    ]:
        nt = normalise(text, html)
        assert len(nt.folded.text) <= 2 * len(text)
        a, b = nt.folded.to_original(0, len(nt.folded.text))
        assert 0 <= a <= b <= len(text)
