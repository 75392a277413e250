"""Streaming, refusing XML reading for the text inside office files.

Office files are zips of XML written by whoever sent them, so the reader must not be
talked into expanding entities ("billion laughs") or fetching external ones. Expat is
driven directly: any DOCTYPE or entity declaration stops the parse, and the document is
fed in chunks so a large sheet never becomes one big tree in memory.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from xml.parsers import expat


class XmlRefused(ValueError):
    """The XML declares a DOCTYPE or entities, or is not well formed."""


Start = Callable[[str, dict[str, str]], None]
End = Callable[[str], None]
Chars = Callable[[str], None]


def _refuse(*_args: object) -> None:
    raise XmlRefused("XML with a DOCTYPE or entity declarations is not read")


def feed(chunks: Iterable[bytes], start: Start, end: End, chars: Chars) -> None:
    """Parse XML from `chunks`, calling `start(local_name, attrs)`, `end(local_name)` and
    `chars(text)`. Names lose their namespace; attribute names keep only the local part.
    Raises XmlRefused for DTDs, entity declarations and malformed XML."""
    parser = expat.ParserCreate(namespace_separator="}")
    parser.StartDoctypeDeclHandler = _refuse
    parser.EntityDeclHandler = _refuse
    parser.UnparsedEntityDeclHandler = _refuse
    parser.ExternalEntityRefHandler = _refuse  # type: ignore[assignment]
    parser.buffer_text = True

    def on_start(name: str, attrs: dict[str, str]) -> None:
        start(
            name.rsplit("}", 1)[-1],
            {k.rsplit("}", 1)[-1]: v for k, v in attrs.items()},
        )

    def on_end(name: str) -> None:
        end(name.rsplit("}", 1)[-1])

    parser.StartElementHandler = on_start
    parser.EndElementHandler = on_end
    parser.CharacterDataHandler = chars
    try:
        for chunk in chunks:
            parser.Parse(chunk, False)
        parser.Parse(b"", True)
    except expat.ExpatError as exc:
        raise XmlRefused(f"malformed XML: {exc}") from None


class TextCollector:
    """Collects the text of chosen elements, one line per paragraph element.

    `text` elements contribute their character data; `breaks`, `tabs` and `spaces`
    elements add a newline, tab or spaces; the end of a `paragraphs` element ends a
    line. Stops collecting past `max_chars` and sets `truncated`."""

    def __init__(
        self,
        text: frozenset[str],
        paragraphs: frozenset[str],
        breaks: frozenset[str] = frozenset(),
        tabs: frozenset[str] = frozenset(),
        spaces: frozenset[str] = frozenset(),
        max_chars: int = 2_000_000,
    ) -> None:
        self._text, self._paras, self._breaks, self._tabs = text, paragraphs, breaks, tabs
        self._spaces = spaces
        self._depth = 0  # inside how many text elements
        self._parts: list[str] = []
        self._line_has_text = False
        self._n = 0
        self._max = max_chars
        self.truncated = False

    def _add(self, s: str) -> None:
        if self._n + len(s) > self._max:
            s = s[: max(0, self._max - self._n)]
            self.truncated = True
        self._parts.append(s)
        self._n += len(s)

    def start(self, name: str, attrs: dict[str, str]) -> None:
        if name in self._text:
            self._depth += 1
        elif name in self._breaks:
            self._add("\n")
        elif name in self._tabs:
            self._add("\t")
        elif name in self._spaces:  # ODF <text:s text:c="3"/>: repeated spaces
            count = attrs.get("c", "1")
            self._add(" " * min(int(count) if count.isdigit() else 1, 100))

    def end(self, name: str) -> None:
        if name in self._text:
            self._depth -= 1
        if name in self._paras:
            self._add("\n")

    def chars(self, data: str) -> None:
        if self._depth > 0 and not self.truncated:
            self._add(data)

    def result(self) -> str:
        return "".join(self._parts)
