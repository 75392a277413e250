"""Character-level rewrites: Unicode compatibility forms, invisible characters, case and
look-alike letters.

Both stages work one character at a time (NFKC per character: a letter followed by a
separate combining accent is not composed; `folded` strips accents anyway), so each is a
map from a character to its replacement. ASCII text is a no-op (plain) or `str.lower`
(folded). Otherwise the non-ASCII characters are looked up in a process-wide cache
(each distinct character is normalised once, in bulk), changed runs are rewritten by one
`re.sub`, and an offset map is built only around characters whose length changes.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable
from itertools import accumulate

from aupguard.text.offsets import Builder, OffsetMap

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


_QRUN = re.compile(b"\\?+")  # runs of non-ASCII chars (and literal '?') in `ascii_mask`
# Cherokee is the one script whose case fold is upper case, so `str.lower` would undo
# `casefold`; texts holding it take the general (slower) path below.
_CHEROKEE = frozenset(map(chr, [*range(0x13A0, 0x13FE), *range(0xAB70, 0xABC0)]))
_CACHE_MAX = 100_000  # distinct characters remembered per stage
_MAX_REPLACE = 12
_ASCII = frozenset(map(chr, range(128)))
_ASCII_LOWER = {
    c: c + 32 for c in range(ord("A"), ord("Z") + 1)
}  # up to this many changed chars: one str.replace each


class _CharCache:
    """Replacement of each non-ASCII character seen so far under one per-char function.
    Shared by all threads: entries are only ever added (or the whole dict replaced when
    it grows too big), and a racing duplicate write stores the same value."""

    __slots__ = ("fn", "out")

    def __init__(self, fn: Callable[[str], str]) -> None:
        self.fn = fn
        self.out: dict[str, str] = {}

    def changes(self, chars: set[str]) -> tuple[dict[str, str], set[str]]:
        """The chars that change with their replacements, and those whose length changes."""
        out = self.out
        missing = [c for c in chars if c not in out]
        if missing:
            if len(out) + len(missing) > _CACHE_MAX:
                out = self.out = {}
                missing = list(chars)
            out.update(zip(missing, _bulk("".join(missing), self.fn), strict=True))
        changed = {c: o for c in chars if (o := out[c]) != c}
        return changed, {c for c, o in changed.items() if len(o) != 1}


_PLAIN = _CharCache(_nfkc)
_FOLD = _CharCache(_fold)


_NUL_RUNS = re.compile("\x00+")


@functools.lru_cache(maxsize=256)
def _runs_re(chars: str) -> re.Pattern[str]:
    return re.compile("[" + re.escape(chars) + "]+")


def _char_map(
    text: str,
    changed: dict[str, str],
    irregular: set[str],
    within: list[tuple[int, int]] | None = None,
) -> OffsetMap:
    """Offsets for a per-char rewrite where only `irregular` chars change length: each
    char of a run of those gets a segment (every char of its output maps to it; deleted
    chars get none), the text between runs one linear segment. Built in bulk per run.
    `within`: spans known to hold every irregular char (the non-ASCII runs)."""
    vs: list[int] = []
    os: list[int] = []
    oe: list[int] = []
    lin: list[bool] = []
    n = 0  # output length so far
    last = 0  # source chars before this are covered
    if len(irregular) > 256:  # a huge character class scans slowly: mark them with NULs
        marked = text.translate(dict.fromkeys(map(ord, irregular), "\x00"))
        spans = [m.span() for m in _NUL_RUNS.finditer(marked)]  # (a real NUL is harmless)
    elif within is not None:
        finditer = _runs_re("".join(sorted(irregular))).finditer
        spans = [m.span() for i, j in within for m in finditer(text, i, j)]
    else:
        spans = [m.span() for m in _runs_re("".join(sorted(irregular))).finditer(text)]
    if len(spans) > 64 and len(spans) * 4 > len(text):  # dense: one bulk pass
        spans = [(0, len(text))]
    for i, j in spans:
        if i > last:
            vs.append(n)
            os.append(last)
            oe.append(i)
            lin.append(True)
            n += i - last
        if j - i == 1:  # the common case: one irregular char on its own
            size = len(changed.get(text[i], text[i]))
            if size:
                vs.append(n)
                os.append(i)
                oe.append(j)
                lin.append(size == 1)
            n += size
            last = j
            continue
        run = text[i:j]
        lens = list(map(len, map(changed.get, run, run)))  # changed.get(c, c), in C
        ends = list(accumulate(lens, initial=n))
        kept = [k for k, ln in enumerate(lens) if ln]
        if kept:
            vs.extend([ends[k] for k in kept])
            os.extend([i + k for k in kept])
            oe.extend([i + k + 1 for k in kept])
            lin.extend([lens[k] == 1 for k in kept])
        n = ends[-1]
        last = j
    if len(text) > last:
        vs.append(n)
        os.append(last)
        oe.append(len(text))
        lin.append(True)
        n += len(text) - last
    return OffsetMap(vs, os, oe, lin, n)


def _lazy_map(
    out: str,
    text: str,
    changed: dict[str, str],
    irregular: set[str],
    within: list[tuple[int, int]] | None = None,
) -> OffsetMap:
    """The `_char_map` for `text` -> `out`, built on first lookup (`changed`, `irregular`
    and `within` are this call's own, never modified later)."""
    return OffsetMap.lazy(lambda: _char_map(text, changed, irregular, within), len(out))


def _qruns(mask: bytes) -> list[tuple[int, int]] | None:
    """Runs of '?' in an `ascii_mask` (non-ASCII chars and literal '?'), found with
    `bytes.find` (memchr) and an anchored match per run; None when they are so many
    that whole-text passes are cheaper."""
    n = len(mask)
    most = max(16, n // 32)
    runs: list[tuple[int, int]] = []
    find = mask.find
    match = _QRUN.match
    i = find(b"?")
    while i >= 0:
        m = match(mask, i)
        assert m is not None
        j = m.end()
        runs.append((i, j))
        if len(runs) > most:
            return None
        i = find(b"?", j)
    return runs


def _per_char(text: str, cache: _CharCache, fold_ascii: bool) -> tuple[str, OffsetMap | None]:
    """Apply the cached per-char rewrite to the non-ASCII chars (and `str.lower` to the
    rest when `fold_ascii`: safe, as no folded char other than Cherokee lower-cases).
    With few non-ASCII runs, only those runs go through the per-char machinery: the
    ASCII between them is copied (or lower-cased on the fast ASCII path)."""
    mask = ascii_mask(text)
    runs = _qruns(mask)
    if runs is None:
        chars = set(text).difference(_ASCII)
    else:
        chars = set("".join([text[i:j] for i, j in runs]))
    cherokee = fold_ascii and not _CHEROKEE.isdisjoint(chars)
    if cherokee and mask.count(b"?") <= _BULK_MIN:  # the old path might lower() it all
        return _rewrite(text, nonascii_runs(text), cache.fn, True)
    changed, irregular = cache.changes(chars)
    if cherokee:  # many non-ASCII chars: per char, ASCII lowered, Cherokee left as it is
        table = {ord(c): o for c, o in changed.items()} | _ASCII_LOWER
        out = text.translate(table)
        return out, (_lazy_map(out, text, changed, irregular) if irregular else None)
    if runs is not None:
        if not changed and not fold_ascii:
            return text, None
        out = _splice(text, runs, {ord(c): o for c, o in changed.items()}, fold_ascii)
        return out, (_lazy_map(out, text, changed, irregular, runs) if irregular else None)
    if not changed:
        return (text.lower() if fold_ascii else text), None
    if len(changed) <= _MAX_REPLACE and changed.keys().isdisjoint("".join(changed.values())):
        out = text
        for c, o in changed.items():
            out = out.replace(c, o)
    else:
        out = text.translate({ord(c): o for c, o in changed.items()})
    if fold_ascii:
        out = out.lower()
    if not irregular:
        return out, None
    return out, _lazy_map(out, text, changed, irregular)


def _splice(text: str, runs: list[tuple[int, int]], table: dict[int, str], lower: bool) -> str:
    """`text` with `table` applied to its non-ASCII runs, and `str.lower` to everything
    when `lower` (run by run: lowering an ASCII slice is much faster than lowering a
    string holding other characters; per run is exact, as no run can hold a capital
    sigma, the one character whose lower case depends on its neighbours)."""
    parts: list[str] = []
    pos = 0
    for i, j in runs:
        gap = text[pos:i]
        run = text[i:j].translate(table)
        if lower:
            gap = gap.lower()
            run = run.lower()
        parts.append(gap)
        parts.append(run)
        pos = j
    gap = text[pos:]
    parts.append(gap.lower() if lower else gap)
    return "".join(parts)


def ascii_mask(text: str) -> bytes:
    """`text` as bytes, one per char, every non-ASCII char replaced by '?'."""
    return text.encode("ascii", "replace")


# --- the general path (texts holding Cherokee), kept as it was -------------------------

_BULK_MIN = 4096  # above this many non-ASCII chars, map every char (no distinct-set pass)


def nonascii_runs(text: str) -> list[tuple[int, int]]:
    """Spans covering every non-ASCII character (a literal '?' may be included too, which
    is harmless: it maps to itself). Many short runs are merged into one span."""
    mask = ascii_mask(text)
    if mask.count(b"?") * 8 > len(text):
        return [(0, len(text))]
    runs = [m.span() for m in _QRUN.finditer(mask)]
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
    return _per_char(text, _PLAIN, False)


def fold_stage(text: str) -> tuple[str, OffsetMap | None]:
    """Lower case, accents stripped, look-alike letters and typographic quotes to ASCII."""
    if text.isascii():
        return text.lower(), None
    return _per_char(text, _FOLD, True)
