"""The word-level stages of `folded` (join, leet, repeat) driven by one Hyperscan pass.

`leet` holds the rules and the straightforward stage functions; this module gives the
same results while touching only the places `_scan` reports: most texts have no join
trigger, a few tokens to decode and a few letter runs ("www"), so the per-message cost is
one C-level scan plus a little work per report. After a join changes the text, the
joined text is rescanned; after leet decoding changes letters, letter runs are rescanned.
A text with too many reports (pathological input) runs the stage functions instead.
"""

from __future__ import annotations

from aupguard.text import _scan
from aupguard.text.leet import (
    _EMAIL_TAIL,
    _LEET_TAB,
    _decode_token,
    join_stage,
    leet_stage,
    repeat_stage,
)
from aupguard.text.offsets import Builder, OffsetMap

# token characters of a `_scan.mask` -> 'x', token boundaries -> ' '
_BOUNDARY = bytes(ord("x") if b in _scan.TOKEN_BYTES else 32 for b in range(256))

Words = tuple[str, OffsetMap | None, str, OffsetMap | None]


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


def _slow(text: str) -> Words:
    joined, jmap = join_stage(text)
    decoded = leet_stage(joined)
    out, rmap = repeat_stage(decoded)
    return joined, jmap, out, rmap


def _leet(text: str, mask: bytes, hits: _scan.Hits) -> str:
    """`leet_stage(text)` given the LEET reports for `text` (`mask` is its mask)."""
    parts: list[str] = []
    copied = 0
    token_bytes = _scan.TOKEN_BYTES
    for to in sorted(t for ident, _f, t in hits if ident == _scan.LEET):
        end = to if mask[to - 1] in token_bytes else to - 1
        start = _token_start(mask, end)
        tok = text[start:end]
        if "@" in tok and tok[0] != "@" and _EMAIL_TAIL.match(text, end):
            continue  # an email address keeps its structure
        decoded = _decode_token(tok, tok.encode("ascii").translate(_LEET_TAB))
        if decoded is not None and decoded != tok:
            parts.append(text[copied:start])
            parts.append(decoded)
            copied = end
    if not parts:
        return text
    parts.append(text[copied:])
    return "".join(parts)


def _repeat(text: str, hits: _scan.Hits) -> tuple[str, OffsetMap | None]:
    """`repeat_stage(text)` given the REPEAT reports for `text`."""
    ends = sorted(to for ident, _frm, to in hits if ident >= _scan.REPEAT)
    if not ends:
        return text, None
    out = Builder()
    pos = 0
    k = 0
    count = len(ends)
    while k < count:
        start = ends[k] - 3  # text[start:end] is one letter repeated
        end = ends[k]
        k += 1
        while k < count and ends[k] == end + 1:
            end += 1
            k += 1
        out.keep(text[pos : start + 1], pos)
        out.put(text[start + 1], start + 1, end)
        pos = end
    out.keep(text[pos:], pos)
    return out.build()


def word_stages(text: str) -> Words:
    """(joined, join map, leet-decoded, its map after repeat shortening): what
    join_stage, leet_stage and repeat_stage give one after the other."""
    data = _scan.mask(text)
    hits = _scan.scan_all(data)
    if hits is None:
        return _slow(text)
    joined, jmap = text, None
    if any(ident == _scan.JOIN for ident, _f, _t in hits):
        joined, jmap = join_stage(text)
        if jmap is not None:
            data = _scan.mask(joined)
            hits = _scan.scan_all(data)
            if hits is None:
                decoded = leet_stage(joined)
                out, rmap = repeat_stage(decoded)
                return joined, jmap, out, rmap
    decoded = _leet(joined, data, hits)
    if decoded is not joined:
        rhits = _scan.scan_repeat(decoded.encode("ascii", "replace"))
        if rhits is None:
            out, rmap = repeat_stage(decoded)
            return joined, jmap, out, rmap
        hits = rhits
    out, rmap = _repeat(decoded, hits)
    return joined, jmap, out, rmap
