"""Each normalisation step, with offsets checked against the original text."""

from __future__ import annotations

import pytest

from aupguard.text import View, normalise


def src(view: View, original: str, start: int, end: int) -> str:
    a, b = view.to_original(start, end)
    return original[a:b]


def find(view: View, needle: str) -> tuple[int, int]:
    i = view.text.index(needle)
    return i, i + len(needle)


# --- plain -----------------------------------------------------------------------------


def test_ascii_plain_is_the_original_with_identity_offsets() -> None:
    text = "Call Jo on 01234 567890 or jo@example.org."
    n = normalise(text)
    assert n.plain.text == text
    assert n.plain.maps == ()
    assert n.plain.to_original(5, 7) == (5, 7)
    assert n.plain.to_original(-3, 999) == (0, len(text))


def test_plain_keeps_case_digits_punctuation_and_emails() -> None:
    text = "Email Clerk@LeighOnSeaTownCouncil.gov.uk, tel 01702 716288!"
    n = normalise(text)
    assert n.plain.text == text
    s, e = find(n.plain, "Clerk@LeighOnSeaTownCouncil.gov.uk")
    assert src(n.plain, text, s, e) == "Clerk@LeighOnSeaTownCouncil.gov.uk"


def test_nfkc_fullwidth_and_ligature_map_to_source_chars() -> None:
    text = "Ｆｕｃｋ the ﬁre"
    n = normalise(text)
    assert n.plain.text == "Fuck the fire"
    assert src(n.plain, text, 0, 4) == "Ｆｕｃｋ"
    s, e = find(n.plain, "fi")
    assert src(n.plain, text, s, s + 1) == "ﬁ"  # an expansion maps to the whole source
    assert src(n.plain, text, s + 1, e) == "ﬁ"
    assert src(n.plain, text, s, e + 2) == "ﬁre"


def test_zero_width_soft_hyphen_and_bidi_controls_removed() -> None:
    text = "id\u200bi\u00adot \u202eok\u202c end\ufeff"
    n = normalise(text)
    assert n.plain.text == "idiot ok end"
    assert src(n.plain, text, 0, 5) == "id\u200bi\u00adot"
    s, e = find(n.plain, "ok")
    assert src(n.plain, text, s, e) == "ok"


def test_html_tags_removed_and_blocks_become_newlines() -> None:
    text = "<p>Dear <b>Sir</b>,</p><p>Second para</p><br>end"
    n = normalise(text, html=True)
    assert n.plain.text == "\nDear Sir,\nSecond para\nend"
    s, e = find(n.plain, "Sir")
    assert src(n.plain, text, s, e) == "Sir"
    nl = n.plain.text.index("\n", 1)
    assert src(n.plain, text, nl, nl + 1) == "</p><p>"  # an inserted newline has a source


def test_html_entities_map_to_whole_entity() -> None:
    text = "Tom &amp; Jerry&nbsp;say hi&#64;example.com &#x41;&lt;3 &bogus;"
    n = normalise(text, html=True)
    assert n.plain.text == "Tom & Jerry say hi@example.com A<3 &bogus;"
    s, _ = find(n.plain, "&")
    assert src(n.plain, text, s, s + 1) == "&amp;"
    s, e = find(n.plain, "hi@example.com")
    assert src(n.plain, text, s, e) == "hi&#64;example.com"
    s, _ = find(n.plain, "A<")
    assert src(n.plain, text, s, s + 2) == "&#x41;&lt;"


def test_script_style_and_comments_dropped() -> None:
    text = "a<script>var x = '<p>';</script>b<style>p{}</style>c<!-- hidden -->d"
    assert normalise(text, html=True).plain.text == "abcd"


def test_html_false_leaves_markup_alone() -> None:
    text = "x <b>y</b> &amp;"
    assert normalise(text).plain.text == text


def test_unclosed_tag_is_text() -> None:
    text = "if a <b then"
    assert normalise(text, html=True).plain.text == text


# --- folded ----------------------------------------------------------------------------


def test_folded_lowercases_and_strips_accents() -> None:
    text = "CAFÉ Crème naïve"
    n = normalise(text)
    assert n.folded.text == "cafe creme naive"
    assert src(n.folded, text, 0, 4) == "CAFÉ"


def test_folded_maps_homoglyphs() -> None:
    text = "уоu аrе аn іdіоt, ЅСUM"  # Cyrillic look-alikes
    n = normalise(text)
    assert n.folded.text == "you are an idiot, scum"
    s, e = find(n.folded, "idiot")
    assert src(n.folded, text, s, e) == "іdіоt"


def test_folded_expansion_offsets() -> None:
    text = "Straße"
    n = normalise(text)
    assert n.folded.text == "strasse"
    assert src(n.folded, text, 4, 5) == "ß"
    assert src(n.folded, text, 5, 6) == "ß"
    assert src(n.folded, text, 4, 7) == "ße"


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("you sh1t", "shit"),
        ("what an @ss", "ass"),
        ("4rse", "arse"),
        ("b!tch", "bitch"),
        ("$cum", "scum"),
        ("a55hole", "asshole"),
        ("pr0n", "pron"),
    ],
)
def test_leetspeak_inside_words(text: str, word: str) -> None:
    n = normalise(text)
    assert word in n.folded.text.split()
    s, e = find(n.folded, word)
    assert e - s == len(word)
    assert len(src(n.folded, text, s, e)) == len(word)  # leet is 1:1


@pytest.mark.parametrize(
    "text",
    [
        "Meeting on 12/03/2024 at 2023 hrs",
        "Call 0800 123 4567 or 01702 716288",
        "The A55 and M25 are closed",
        "covid19 update",
        "Hello!! Thanks!",
        "Cost: $100",
    ],
)
def test_numbers_and_codes_stay(text: str) -> None:
    folded = normalise(text).folded.text
    assert folded == text.lower()


def test_email_keeps_structure_in_folded() -> None:
    text = "write to b@stard.gov.uk or j.bloggs@example.com"
    assert normalise(text).folded.text == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("f u c k off", "fuck off"),
        ("f.u.c.k", "fuck"),
        ("f-u-c-k", "fuck"),
        ("f_u_c_k", "fuck"),
        ("f*u*c*k", "fuck"),
        ("f  u  c  k", "fuck"),
        ("you're a f u c k i n g idiot", "you're a fucking idiot"),
        ("s h 1 t", "shit"),
    ],
)
def test_spaced_letters_joined(text: str, expected: str) -> None:
    n = normalise(text)
    assert n.folded.text == expected
    a, b = n.folded.to_original(0, len(expected))
    assert (a, b) == (0, len(text))


def test_join_offsets_span_the_spaced_word() -> None:
    text = "oi f u c k off"
    n = normalise(text)
    s, e = find(n.folded, "fuck")
    assert src(n.folded, text, s, e) == "f u c k"
    assert src(n.folded, text, s + 1, s + 2) == "u"


@pytest.mark.parametrize("text", ["0 8 0 0", "1 2 3", "a b", "Plan A or B", "e.g. this"])
def test_not_joined(text: str) -> None:
    assert normalise(text).folded.text == text.lower()


def test_stars_kept() -> None:
    text = "f**k that, sh*t"
    assert normalise(text).folded.text == "f**k that, sh*t"


def test_repeated_letters_collapse_to_two() -> None:
    text = "fuuuuuck offff"
    n = normalise(text)
    assert n.folded.text == "fuuck off"
    assert src(n.folded, text, 0, 5) == "fuuuuuck"
    assert src(n.folded, text, 2, 3) == "uuuuu"[1:]  # the second 'u' maps to the rest
    s, e = find(n.folded, "off")
    assert src(n.folded, text, s, e) == "offff"


@pytest.mark.parametrize(
    "text",
    ["Scunthorpe United", "photo shoot at the park", "Cllr Cockburn", "Middlesex assizes"],
)
def test_hard_negatives_unchanged_apart_from_case(text: str) -> None:
    assert normalise(text).folded.text == text.lower()


def test_folded_over_html_composes_offsets() -> None:
    text = "<div>You <i>f&#117;ck</i>&nbsp;&#1110;d&#1110;0t</div>"
    n = normalise(text, html=True)
    assert n.folded.text == "\nyou fuck idiot\n"
    s, e = find(n.folded, "fuck")
    assert src(n.folded, text, s, e) == "f&#117;ck"
    s, e = find(n.folded, "idiot")
    assert src(n.folded, text, s, e) == "&#1110;d&#1110;0t"


def test_empty_and_empty_spans() -> None:
    n = normalise("")
    assert n.plain.text == n.folded.text == ""
    assert n.folded.to_original(0, 0) == (0, 0)
    n = normalise("<b></b>", html=True)
    assert n.plain.text == ""
    a, b = n.plain.to_original(0, 0)
    assert a == b
    n = normalise("ab\u200bcd")
    assert n.plain.to_original(2, 2) == (3, 3)


def test_views_are_cached() -> None:
    n = normalise("Hello")
    assert n.plain is n.plain
    assert n.folded is n.folded
