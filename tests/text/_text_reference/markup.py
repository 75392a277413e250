"""HTML to text, keeping offsets: what a reader of the rendered email actually sees.

Tags and comments are dropped, <script>/<style> bodies are dropped, entities are
decoded (each decoded char maps to the entity's whole span) and block-level tags become
one newline (mapped to the tag's span) so sentences in separate paragraphs do not run
together. Runs of markup with no text between them give a single newline whose span
covers the whole run. A table cell boundary (<td>, <th>) becomes a space.

Deliberately simple and linear: one regex search per tag or entity and `str.find` for
the tag end, so 1 MB of '<' or 10,000 nested tags stay fast. A '>' inside a quoted
attribute ends the tag early (the rest of the tag then shows as text); a '<' with no
later '>' is kept as text; an unclosed comment or <script> hides the rest, as in a browser.
"""

from __future__ import annotations

import html
import re
from html.entities import html5

from .offsets import Builder, OffsetMap

_ENTITY_RE = (
    r"&(?:#[0-9]{1,8};?|#[xX][0-9a-fA-F]{1,7};?|[A-Za-z][A-Za-z0-9]{1,31};"
    r"|(?:amp|lt|gt|quot|nbsp|apos|copy|reg|pound|euro)(?![A-Za-z0-9;]))"
)
_TOKEN = re.compile(r"<!--|<[A-Za-z/!?]|" + _ENTITY_RE)
_ENTITY = re.compile(_ENTITY_RE)
_TAG_NAME = re.compile(r"</?([A-Za-z][A-Za-z0-9]*)")
_RAW_CLOSE = {
    "script": re.compile(r"</script\s*>", re.IGNORECASE),
    "style": re.compile(r"</style\s*>", re.IGNORECASE),
}
_BLOCK = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "br",
        "dd",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "table",
        "tbody",
        "thead",
        "tfoot",
        "tr",
        "ul",
        "title",
        "body",
        "html",
        "head",
        "option",
    ]
)
_CELL = frozenset({"td", "th"})


def _entity(ref: str) -> str | None:
    """Decoded text of an entity reference, or None when it is not a known entity."""
    if ref[1] == "#":
        return html.unescape(ref)
    name = ref[1:] if ref.endswith(";") else ref[1:] + ";"
    return html5.get(name)


def html_to_text(text: str) -> tuple[str, OffsetMap | None]:
    """Visible text of an HTML fragment and its offset map (None when nothing changed)."""
    m = _TOKEN.search(text)
    if m is None:
        return text, None
    out = Builder()
    pos = 0
    last_sep = -1  # output length right after the last block separator we emitted
    n = len(text)
    token = _TOKEN
    while m is not None:
        i = m.start()
        out.keep(text[pos:i], pos)
        tok = m.group()
        if tok[0] == "&":
            decoded = _entity(tok)
            if decoded is None:
                out.keep(tok, i)
            else:
                out.put(decoded, i, m.end())
            pos = m.end()
        elif tok == "<!--":
            end = text.find("-->", m.end())
            pos = n if end < 0 else end + 3
            if last_sep == out.n:
                out.extend_last(pos)
        else:
            close = text.find(">", i + 1)
            if close < 0:  # no tag can close from here on: the rest is text
                token = _ENTITY
                out.keep(text[i], i)
                pos = i + 1
                m = token.search(text, pos)
                continue
            end = close + 1
            name_m = _TAG_NAME.match(text, i)
            name = name_m.group(1).lower() if name_m else ""
            if name in _RAW_CLOSE and text[i + 1] != "/" and text[close - 1] != "/":
                raw_end = _RAW_CLOSE[name].search(text, end)
                end = n if raw_end is None else raw_end.end()
            if last_sep == out.n:
                out.extend_last(end)
            elif name in _BLOCK:
                out.put("\n", i, end)
                last_sep = out.n
            elif name in _CELL:
                out.put(" ", i, end)
                last_sep = out.n
            pos = end
        m = token.search(text, pos)
    out.keep(text[pos:], pos)
    return out.build()
