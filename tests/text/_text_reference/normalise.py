"""FROZEN REFERENCE COPY (tests only) of aupguard.text before the speed-up; the
equivalence test compares the live code against it. Do not edit.

Views of a message's text with offsets mapped back to the original.

`plain`: HTML turned to text (when html=True), Unicode NFKC (per character), invisible
characters (zero-width, soft hyphen, bidi controls, variation selectors) removed; case,
digits and punctuation kept. Personal-data and credential detectors read this view.

`folded`: `plain` case-folded, accents stripped, look-alike letters (Cyrillic/Greek
homoglyphs, small capitals) and curly quotes/dashes mapped to ASCII, spaced-out letters
joined, leetspeak decoded inside words, runs of 3+ identical letters cut to 2; stars are
kept ("f**k" stays). Word-list detectors read this. See `leet` for the exact rules.

Every view character maps to a non-empty span of the original: copied characters to
themselves, replacements ("&amp;", "ﬁ" -> "fi", "ß" -> "ss", a block tag -> "\\n") to the
whole span they replaced. Deleted characters (tags, invisibles, separators) have no view
character. No view character is ever inserted without a source.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from .confusables import fold_stage, nfkc_stage
from .leet import join_stage, leet_stage, repeat_stage
from .markup import html_to_text
from .offsets import OffsetMap


@dataclass(frozen=True, slots=True)
class View:
    """A transformed text and the chain of offset maps leading back to the original.

    `maps` is empty when the view is the original text unchanged."""

    text: str
    maps: tuple[OffsetMap, ...] = ()

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a [start, end) span of this view to the smallest span of the original
        covering the sources of those characters. Out-of-range input is clamped; an
        empty span maps to an empty span at the corresponding position."""
        if not self.maps:
            n = len(self.text)
            start = min(max(start, 0), n)
            return start, min(max(end, start), n)
        for m in reversed(self.maps):
            start, end = m.span(start, end)
        return start, end


def _chain(base: View, text: str, new: OffsetMap | None) -> View:
    return View(text, base.maps if new is None else (*base.maps, new))


class NormalisedText:
    """The original text and its normalised views, computed lazily (each at most once)."""

    __slots__ = ("original", "html", "__dict__")

    def __init__(self, original: str, html: bool = False) -> None:
        self.original = original
        self.html = html

    @cached_property
    def plain(self) -> View:
        view = View(self.original)
        if self.html:
            text, m = html_to_text(self.original)
            view = _chain(view, text, m)
        text, m = nfkc_stage(view.text)
        return _chain(view, text, m)

    @cached_property
    def folded(self) -> View:
        view = self.plain
        text, m = fold_stage(view.text)
        view = _chain(view, text, m)
        text, m = join_stage(view.text)
        view = _chain(view, text, m)
        view = View(leet_stage(view.text), view.maps)  # 1:1, same maps
        text, m = repeat_stage(view.text)
        return _chain(view, text, m)


def normalise(text: str, html: bool = False) -> NormalisedText:
    """Wrap `text` (an HTML fragment when html=True); views are built on first use."""
    return NormalisedText(text, html)
