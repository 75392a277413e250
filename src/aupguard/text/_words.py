"""The word-level stages of `folded` (join, leet, repeat) driven by one Hyperscan pass.

`leet` holds the rules and the straightforward stage functions; this module gives the
same results while touching only the places `_scan` reports: most texts have no join
trigger, a few tokens to decode and a few letter runs ("www"), so the per-message cost is
one C-level scan plus a little work per report. After a join changes the text, the
joined text is rescanned. Leet decoding only changes characters inside the tokens it
decodes, and a run of one letter never crosses a token boundary, so letter runs are
recounted inside those tokens only. A text with too many reports (pathological input)
runs the stage functions instead.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from aupguard.text import _scan
from aupguard.text.leet import (
    _BANG,
    _BANG_TABLE,
    _EMAIL_TAIL,
    _JOIN_RUN,
    LEET_BYTES,
    _single_units,
    join_runs,
    join_stage,
    leet_stage,
    repeat_stage,
    runs_map,
)
from aupguard.text.offsets import OffsetMap

# token characters of a `_scan.mask` -> 'x', token boundaries -> ' '
_BOUNDARY = bytes(ord("x") if b in _scan.TOKEN_BYTES else 32 for b in range(256))
_TOKEN_BYTES = _scan.TOKEN_BYTES


def _mask_classes() -> bytes:
    """`_scan.mask` byte -> the class `leet._LEET_TAB` gives the character it stands for:
    letters 'a', leet digits '1', 2 6 9 '2', @ $ '@', ! | '!', _ * '_', others ' '."""
    tab = bytearray(b" " * 256)
    for c in b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ":
        tab[c] = ord("a")
    for src, cls in ((b"1", b"1"), (b"2", b"2"), (b"@", b"@"), (b"!|", b"!"), (b"_*", b"_")):
        for c in src:
            tab[c] = cls[0]
    return bytes(tab)


_CLASS = _mask_classes()
# `_scan.mask` byte -> `leet._JOIN_TAB` class: units 'a', separators themselves, else '#'
_JOIN_CLASS = bytes(
    ord("a")
    if b in b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ12@!"
    else b
    if b in b" .-_*~+/\\,"
    else ord("#")
    for b in range(256)
)
_TRIGGER_SPAN = 12  # longest JOIN report: non-unit, 3 units, two 3-space separators, non-unit
_RUN = re.compile(r"([A-Za-z])\1\1+")  # 3+ of one letter (within one decoded token)

Words = tuple[str, OffsetMap | None, str, OffsetMap | None]


def _slow(text: str) -> Words:
    joined, jmap = join_stage(text)
    decoded = leet_stage(joined)
    out, rmap = repeat_stage(decoded)
    return joined, jmap, out, rmap


def _join(text: str, data: bytes, ends: list[int]) -> tuple[str, OffsetMap | None]:
    """`leet.join_stage(text)` given every JOIN report end of `data` (its mask): every
    run to join starts at or after the first report's triple and ends before the last
    report's end, so only that window is classified and searched. The window keeps one
    character before the first possible start, so the first unit is known to be single."""
    lo = max(0, min(ends) - _TRIGGER_SPAN)
    base = lo - 1 if lo > 0 else 0
    window = _single_units(data[base : max(ends)].translate(_JOIN_CLASS))
    runs = _JOIN_RUN.finditer(window, lo - base)
    return join_runs(text, ((m.start() + base, m.end() + base, m.group("sep")) for m in runs))


def _token_start(mask: bytes, end: int) -> int:
    """Start of the token ending at `end`: look back through growing windows, so a
    token costs time in proportion to its length."""
    width = 64
    while True:
        lo = max(0, end - width)
        p = mask[lo:end].translate(_BOUNDARY).rfind(b" ")
        if p >= 0:
            return lo + p + 1
        if lo == 0:
            return 0
        width *= 4


def _runs(ends: list[int]) -> list[tuple[int, int]]:
    """Maximal letter runs [start, end) from REPEAT report ends (sorted)."""
    runs: list[tuple[int, int]] = []
    prev = -2
    for e in ends:
        if e == prev + 1:
            runs[-1] = (runs[-1][0], e)
        else:
            runs.append((e - 3, e))
        prev = e
    return runs


def _leet(
    text: str, mask: bytes, leet_ends: list[int], runs: list[tuple[int, int]]
) -> tuple[str, list[tuple[int, int]]]:
    """`leet_stage(text)` given the LEET report ends for `text` (`mask` is its mask), and
    the letter runs of the result given those of `text`."""
    parts: list[str] = []
    copied = 0
    starts: list[int] = []  # decoded tokens, in order
    stops: list[int] = []
    new_runs: list[tuple[int, int]] = []
    for to in leet_ends:
        end = to if mask[to - 1] in _TOKEN_BYTES else to - 1
        lo = end - 64 if end > 64 else 0
        p = mask[lo:end].translate(_BOUNDARY).rfind(b" ")
        start = lo + p + 1 if p >= 0 else _token_start(mask, end)
        tok = text[start:end]
        if "@" in tok and tok[0] != "@" and _EMAIL_TAIL.match(text, end):
            continue  # an email address keeps its structure
        cls = mask[start:end].translate(_CLASS)
        if b"2" in cls:
            continue
        letters = cls.count(b"a")
        if letters == 0 or cls.count(b"1") > letters:
            continue
        decoded = tok.encode().translate(LEET_BYTES).decode()
        if b"!" in cls:
            decoded = _BANG.sub(lambda b: b.group().translate(_BANG_TABLE), decoded)
        if decoded == tok:
            continue
        parts.append(text[copied:start])
        parts.append(decoded)
        copied = end
        starts.append(start)
        stops.append(end)
        if end - start > 2:
            for m in _RUN.finditer(decoded):
                new_runs.append((start + m.start(), start + m.end()))
    if not parts:
        return text, runs
    parts.append(text[copied:])
    kept = []
    for s, e in runs:  # a run lies wholly inside one token or outside all of them
        k = bisect_right(starts, s) - 1
        if k < 0 or stops[k] < e:
            kept.append((s, e))
    if new_runs:
        kept.extend(new_runs)
        kept.sort()
    return "".join(parts), kept


def word_stages(text: str) -> Words:
    """(joined, join map, leet-decoded, its map after repeat shortening): what
    join_stage, leet_stage and repeat_stage give one after the other."""
    data = _scan.mask(text)
    hits = _scan.scan_all(data)
    if hits is None:
        return _slow(text)
    joined, jmap = text, None
    join_ends = [t for ident, _f, t in hits if ident == _scan.JOIN]
    if join_ends:
        joined, jmap = _join(text, data, join_ends)
        if jmap is not None:
            data = _scan.mask(joined)
            hits = _scan.scan_all(data)
            if hits is None:
                decoded = leet_stage(joined)
                out, rmap = repeat_stage(decoded)
                return joined, jmap, out, rmap
    leet_ends = sorted([t for ident, _f, t in hits if ident == _scan.LEET])
    runs = _runs(sorted([t for ident, _f, t in hits if ident >= _scan.REPEAT]))
    if leet_ends:
        decoded, runs = _leet(joined, data, leet_ends, runs)
    else:
        decoded = joined
    if not runs:
        return joined, jmap, decoded, None
    out, rmap = runs_map(decoded, runs)
    return joined, jmap, out, rmap
