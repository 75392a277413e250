"""The visible text of an RTF document, well enough to check it.

A small tokenizer rather than a full RTF reader: it keeps text, paragraph and line
breaks, tabs, `\\'hh` and `\\uN` characters (in the document's ANSI code page), and skips
the groups a reader never sees (font and colour tables, style sheets, document info,
pictures, embedded objects, field instructions and every `{\\*...}` destination).
"""

from __future__ import annotations

import codecs
import re

_TOKEN = re.compile(
    rb"\\([a-zA-Z]{1,32})(-?\d{1,10})? ?|\\'([0-9a-fA-F]{2})|\\(.)|([{}])|[\r\n]+|([^\\{}\r\n]+)",
    re.DOTALL,
)
_HIDDEN = frozenset(
    b"fonttbl colortbl stylesheet info pict object fldinst themedata colorschememapping "
    b"datastore latentstyles xmlnstbl listtable listoverridetable rsidtbl generator "
    b"filetbl revtbl header footer headerl headerr footerl footerr".split()
)
_BREAKS = {b"par": "\n", b"line": "\n", b"sect": "\n", b"page": "\n", b"row": "\n",
           b"tab": "\t", b"cell": "\t", b"emdash": "\u2014", b"endash": "\u2013",
           b"lquote": "\u2018", b"rquote": "\u2019", b"ldblquote": "\u201c",
           b"rdblquote": "\u201d", b"bullet": "\u2022"}


def rtf_text(data: bytes, max_chars: int) -> tuple[str, bool]:
    """(text, truncated). Never raises on malformed input."""
    out: list[str] = []
    n = 0
    codepage = "cp1252"
    stack: list[tuple[bool, int]] = []
    hidden, uc, skip = False, 1, 0
    star = False  # the group just opened with "\*"
    for m in _TOKEN.finditer(data):
        word, arg, hexbyte, sym, brace, plain = m.groups()
        piece = ""
        if brace is not None:
            if brace == b"{":
                stack.append((hidden, uc))
                star = False
            elif stack:
                hidden, uc = stack.pop()
            continue
        if word is not None:
            if word in _HIDDEN or star:
                hidden, star = True, False
                continue
            if word == b"ansicpg" and arg:
                codepage = _codepage(arg, codepage)
            elif word == b"uc" and arg:
                uc = max(0, min(int(arg), 10))
            elif word == b"u" and arg:
                code = int(arg)
                piece = chr((code + 65536 if code < 0 else code) % 0x110000)
                skip = uc
                if not hidden:
                    out.append(piece)
                    n += 1
                continue
            piece = _BREAKS.get(word, "")
        elif sym is not None:
            if sym == b"*":
                star = True
                continue
            piece = {b"~": "\u00a0", b"-": "", b"_": "-"}.get(sym, sym.decode("latin-1"))
        elif hexbyte is not None:
            if skip:
                skip -= 1
                continue
            piece = bytes([int(hexbyte, 16)]).decode(codepage, "replace")
        elif plain is not None:
            text = plain.decode(codepage, "replace")
            if skip:
                drop = min(skip, len(text))
                text, skip = text[drop:], skip - drop
            piece = text
        star = False
        if piece and not hidden:
            out.append(piece)
            n += len(piece)
            if n > max_chars:
                return "".join(out)[:max_chars], True
    return "".join(out), False


def _codepage(arg: bytes, current: str) -> str:
    name = "cp" + arg.decode("ascii").lstrip("-")
    try:
        codecs.lookup(name)
    except LookupError:
        return current
    return name
