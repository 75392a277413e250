"""Views of a message's text with offsets mapped back to the original.

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

from aupguard.text import triggers
from aupguard.text._words import word_stages
from aupguard.text.confusables import fold_stage, nfkc_stage
from aupguard.text.markup import html_to_text
from aupguard.text.offsets import OffsetMap
from aupguard.text.triggers import Hit


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
        _joined, jmap, text, rmap = word_stages(view.text)  # join, leet (1:1), repeat
        return _chain(_chain(view, text, jmap), text, rmap)

    @property
    def trigger_hits(self) -> dict[str, list[Hit]]:
        """Every detector's trigger words in the folded view, found in one scan (see
        `triggers`); rescanned only if a detector registered triggers since."""
        cached = self.__dict__.get("_trigger_hits")
        current = triggers.version()
        if cached is None or cached[0] != current:
            cached = (current, triggers.scan(self.folded.text))
            self.__dict__["_trigger_hits"] = cached
        hits: dict[str, list[Hit]] = cached[1]
        return hits


def normalise(text: str, html: bool = False) -> NormalisedText:
    """Wrap `text` (an HTML fragment when html=True); views are built on first use."""
    return NormalisedText(text, html)
