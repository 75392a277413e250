"""Character-level rewrites: Unicode compatibility forms, invisible characters, case and
look-alike letters.

Both stages work one character at a time (NFKC per character: a letter followed by a
separate combining accent is not composed; `folded` strips accents anyway). They find
the few characters that change with one `str.translate` pass and only loop in Python
over those, so mostly-ASCII text costs a handful of C-level passes.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable

from .offsets import Builder, OffsetMap

# Default-ignorable characters people use to hide or split words: zero-width spaces and
# joiners, soft hyphen, bidi controls, word joiner, variation selectors, Hangul fillers,
# Mongolian vowel separator, tag characters.
_IGNORABLE = (
    "\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e"
    "\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0\U0001d173-\U0001d17a\U000e0000-\U000e0fff"
)
IGNORABLE_RE = re.compile(f"[{_IGNORABLE}]")

# Look-alikes applied BEFORE case folding (capitals whose lower case looks different,
# e.g. Greek Eta 'Η' looks like H but 'η' looks like n).
_UPPER_LOOKALIKE = {
    "Α": "a", "Β": "b", "Ε": "e", "Ζ": "z", "Η": "h", "Ι": "i", "Κ": "k", "Μ": "m",
    "Ν": "n", "Ο": "o", "Ρ": "p", "Τ": "t", "Υ": "y", "Χ": "x",
    "А": "a", "В": "b", "Е": "e", "К": "k", "М": "m", "Н": "h", "О": "o", "Р": "p",
    "С": "c", "Т": "t", "У": "y", "Х": "x", "Ѕ": "s", "І": "i", "Ј": "j", "Ү": "y",
    "Ԁ": "d", "Ԛ": "q", "Ԝ": "w",
}  # fmt: skip
# Look-alikes applied AFTER case folding and accent stripping.
_LOOKALIKE = {
    # Cyrillic
    "а": "a", "в": "b", "е": "e", "к": "k", "м": "m", "н": "h", "о": "o", "р": "p",
    "с": "c", "т": "t", "у": "y", "х": "x", "ѕ": "s", "і": "i", "ј": "j", "һ": "h",
    "ԁ": "d", "ԛ": "q", "ԝ": "w", "ӏ": "l", "ѵ": "v", "ү": "y", "ɡ": "g", "ԍ": "g",
    # Greek
    "α": "a", "β": "b", "ε": "e", "ι": "i", "κ": "k", "ν": "v", "ο": "o", "ρ": "p",
    "τ": "t", "υ": "u", "χ": "x", "ω": "w", "η": "n", "μ": "u", "ϲ": "c", "ϳ": "j",
    # Latin letters without a decomposition, and small capitals used in "fancy text"
    "ı": "i", "ȷ": "j", "ø": "o", "ł": "l", "đ": "d", "ħ": "h", "ŧ": "t", "ƀ": "b",
    "æ": "ae", "œ": "oe", "ð": "d", "þ": "th", "ɑ": "a", "ɩ": "i", "ʋ": "u",
    "ᴀ": "a", "ʙ": "b", "ᴄ": "c", "ᴅ": "d", "ᴇ": "e", "ғ": "f", "ɢ": "g", "ʜ": "h",
    "ɪ": "i", "ᴊ": "j", "ᴋ": "k", "ʟ": "l", "ᴍ": "m", "ɴ": "n", "ᴏ": "o", "ᴘ": "p",
    "ʀ": "r", "ꜱ": "s", "ᴛ": "t", "ᴜ": "u", "ᴠ": "v", "ᴡ": "w", "ʏ": "y", "ᴢ": "z",
    # Typographic punctuation, so word lists can use plain apostrophes and hyphens
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-",
    "\u2015": "-", "\u2212": "-",
}  # fmt: skip

_SEPARATORS = "\x00\x01\x02\x03\x04\x05\x06\x07\x08\x0e\x0f\x10"


_UPPER_RE = re.compile("[" + "".join(_UPPER_LOOKALIKE) + "]")
_LOOKALIKE_RE = re.compile("[" + "".join(_LOOKALIKE) + "]")


@functools.cache
def _combining_re() -> re.Pattern[str]:
    """Combining marks (built on first non-ASCII fold; marks above U+1FFFF are only
    variation selectors, removed earlier). A regex class scans far faster than a
    translate table with a thousand entries."""
    marks = [chr(cp) for cp in range(0x300, 0x20000) if unicodedata.combining(chr(cp))]
    return re.compile("[" + "".join(marks) + "]+")


def _bulk(chars: str, fn: Callable[[str], str]) -> list[str]:
    """[fn(c) for c in chars] with one C-level call: the chars are joined by a control
    character that never composes or reorders with its neighbours, then split."""
    for sep in _SEPARATORS:
        if sep not in chars:
            return fn(sep.join(chars)).split(sep)
    return [fn(c) for c in chars]  # absurd input holding every separator


def _nfkc(s: str) -> str:
    return IGNORABLE_RE.sub("", unicodedata.normalize("NFKC", s))


def _fold(s: str) -> str:
    s = _UPPER_RE.sub(lambda m: _UPPER_LOOKALIKE[m.group()], s).casefold()
    s = _combining_re().sub("", unicodedata.normalize("NFD", s))
    return _LOOKALIKE_RE.sub(lambda m: _LOOKALIKE[m.group()], s)


def fold_char(ch: str) -> str:
    """Case-folded, accent-free, look-alike-mapped form of one character."""
    return _fold(ch)


_RUN = re.compile(b"\\?+")
_BULK_MIN = 4096  # above this many non-ASCII chars, map every char (no distinct-set pass)


def ascii_mask(text: str) -> bytes:
    """`text` as bytes, one per char, every non-ASCII char replaced by '?'."""
    return text.encode("ascii", "replace")


def nonascii_runs(text: str) -> list[tuple[int, int]]:
    """Spans covering every non-ASCII character (a literal '?' may be included too, which
    is harmless: it maps to itself). Many short runs are merged into one span."""
    mask = ascii_mask(text)
    if mask.count(b"?") * 8 > len(text):
        return [(0, len(text))]
    runs = [m.span() for m in _RUN.finditer(mask)]
    if len(runs) > 16 and len(runs) * 32 > len(text):
        return [(0, len(text))]
    return runs


def _rewrite(
    text: str, runs: list[tuple[int, int]], fn: Callable[[str], str], fold_ascii: bool
) -> tuple[str, OffsetMap | None]:
    """Apply per-char `fn` to the non-ASCII runs (lower-casing the ASCII between them
    when `fold_ascii`). Length-changing chars get their own segments."""
    total = sum(j - i for i, j in runs)
    cmap: dict[str, str] | None = None
    irregular: set[str] = set()
    table: dict[int, str] = {}
    if total <= _BULK_MIN:
        distinct = "".join(set("".join(text[i:j] for i, j in runs)))
        cmap = {c: o for c, o in zip(distinct, _bulk(distinct, fn), strict=True) if o != c}
        if not cmap:
            return (text.lower() if fold_ascii else text), None
        irregular = {c for c, v in cmap.items() if len(v) != 1}
        table = {ord(c): v for c, v in cmap.items()}
        if not irregular:
            parts: list[str] = []
            pos = 0
            for i, j in runs:
                gap = text[pos:i]
                parts.append(gap.lower() if fold_ascii else gap)
                parts.append(text[i:j].translate(table))
                pos = j
            gap = text[pos:]
            parts.append(gap.lower() if fold_ascii else gap)
            return "".join(parts), None
    out = Builder()
    pos = 0
    for i, j in runs:
        gap = text[pos:i]
        out.keep(gap.lower() if fold_ascii else gap, pos)
        run = text[i:j]
        if cmap is not None and irregular.isdisjoint(run):
            out.keep(run.translate(table), i)
        else:
            pieces = _bulk(run, fn) if cmap is None else [cmap.get(c, c) for c in run]
            if set(map(len, pieces)) == {1}:
                out.keep("".join(pieces), i)
            else:  # exact per-char segments, built in bulk
                out.per_char(pieces, i)
        pos = j
    gap = text[pos:]
    out.keep(gap.lower() if fold_ascii else gap, pos)
    return out.build()


def nfkc_stage(text: str) -> tuple[str, OffsetMap | None]:
    """Per-character NFKC with invisible characters removed."""
    if text.isascii():
        return text, None
    runs = nonascii_runs(text)
    chars = "".join(text[i:j] for i, j in runs)
    if unicodedata.is_normalized("NFKC", chars) and IGNORABLE_RE.search(chars) is None:
        return text, None
    return _rewrite(text, runs, _nfkc, False)


def fold_stage(text: str) -> tuple[str, OffsetMap | None]:
    """Lower case, accents stripped, look-alike letters and typographic quotes to ASCII."""
    if text.isascii():
        return text.lower(), None
    return _rewrite(text, nonascii_runs(text), _fold, True)
