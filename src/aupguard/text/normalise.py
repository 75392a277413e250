"""Views of a message's text with offsets mapped back to the original.

`plain`: HTML turned to text, Unicode NFKC, zero-width characters removed; case, digits
and punctuation kept. Personal-data and credential detectors read this view.
`folded`: `plain` lower-cased with look-alike letters mapped to ASCII, leetspeak
decoded inside words, spaced or starred letters joined. Word-list detectors read this.

FIRST VERSION: identity-mapped for plain ASCII; see tests/text for what is covered.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cached_property

_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_TAG = re.compile(r"<[^>]*>")


@dataclass(frozen=True, slots=True)
class View:
    """A transformed text plus, for each of its characters, the original span.

    `starts`/`ends` are None when the view is the original text unchanged."""

    text: str
    starts: list[int] | None = None
    ends: list[int] | None = None

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a [start, end) span of this view to the original text."""
        if self.starts is None or self.ends is None:
            return start, end
        n = len(self.text)
        if n == 0:
            return 0, 0
        start = min(max(start, 0), n - 1)
        end = min(max(end, start + 1), n)
        return self.starts[start], self.ends[end - 1]


def _transform(text: str, base: View | None, html: bool) -> View:
    starts: list[int] = []
    ends: list[int] = []
    out: list[str] = []
    bstarts = base.starts if base is not None else None
    bends = base.ends if base is not None else None
    pos = 0
    skip_until = -1
    for i, ch in enumerate(text):
        if i < skip_until:
            continue
        if html and ch == "<":
            m = _TAG.match(text, i)
            if m:
                skip_until = m.end()
                out.append(" ")
                o = bstarts[i] if bstarts else i
                starts.append(o)
                ends.append(o)
                continue
        if ord(ch) in _ZERO_WIDTH:
            continue
        norm = unicodedata.normalize("NFKC", ch) if ord(ch) > 127 else ch
        s = bstarts[i] if bstarts else i
        e = bends[i] if bends else i + 1
        for c in norm:
            out.append(c)
            starts.append(s)
            ends.append(e)
        pos += 1
    return View("".join(out), starts, ends)


class NormalisedText:
    """The original text and its normalised views, computed lazily."""

    __slots__ = ("original", "html", "__dict__")

    def __init__(self, original: str, html: bool = False) -> None:
        self.original = original
        self.html = html

    @cached_property
    def plain(self) -> View:
        if not self.html and self.original.isascii():
            return View(self.original)
        return _transform(self.original, None, self.html)

    @cached_property
    def folded(self) -> View:
        plain = self.plain
        lowered = plain.text.lower()
        if len(lowered) == len(plain.text):
            return View(lowered, plain.starts, plain.ends) if plain.starts else View(lowered)
        return _transform(lowered, plain, False)


def normalise(text: str, html: bool = False) -> NormalisedText:
    return NormalisedText(text, html)
