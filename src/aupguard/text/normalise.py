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
        maps = self.maps
        if len(maps) == 1:
            return maps[0].span(start, end)
        if not maps:
            n = len(self.text)
            start = min(max(start, 0), n)
            return start, min(max(end, start), n)
        for m in reversed(maps):
            start, end = m.span(start, end)
        return start, end


class NormalisedText:
    """The original text and its normalised views, computed lazily. Two threads asking
    for a view at once may both build it; they build the same thing, and one is kept."""

    __slots__ = ("original", "html", "_plain", "_folded", "_trigger_hits")

    def __init__(self, original: str, html: bool = False) -> None:
        self.original = original
        self.html = html
        self._plain: View | None = None
        self._folded: View | None = None
        self._trigger_hits: tuple[int, dict[str, list[Hit]]] | None = None

    @property
    def plain(self) -> View:
        view = self._plain
        if view is None:
            text = self.original
            maps: list[OffsetMap] = []
            if self.html:
                text, m = html_to_text(text)
                if m is not None:
                    maps.append(m)
            text, m = nfkc_stage(text)
            if m is not None:
                maps.append(m)
            view = self._plain = View(text, tuple(maps))
        return view

    @property
    def folded(self) -> View:
        view = self._folded
        if view is None:
            plain = self.plain
            maps = list(plain.maps)
            text, m = fold_stage(plain.text)
            if m is not None:
                maps.append(m)
            _joined, jmap, text, rmap = word_stages(text)  # join, leet (1:1), repeat
            if jmap is not None:
                maps.append(jmap)
            if rmap is not None:
                maps.append(rmap)
            view = self._folded = View(text, tuple(maps))
        return view

    @property
    def trigger_hits(self) -> dict[str, list[Hit]]:
        """Every detector's trigger words in the folded view, found in one scan (see
        `triggers`); rescanned only if a detector registered triggers since."""
        cached = self._trigger_hits
        current = triggers.version()
        if cached is None or cached[0] != current:
            cached = self._trigger_hits = (current, triggers.scan(self.folded.text))
        return cached[1]


def normalise(text: str, html: bool = False) -> NormalisedText:
    """Wrap `text` (an HTML fragment when html=True); views are built on first use."""
    return NormalisedText(text, html)
