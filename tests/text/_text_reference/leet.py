"""Word-level rewrites for `folded`: spaced-out letters, leetspeak, stretched letters.

Speed: a full regex scan costs ~20 ns a character in CPython, too much for every message.
Each stage first turns the text into a one-byte-per-character class mask (`bytes.translate`)
and looks for its trigger with `bytes.find`, so text without tricks costs a few C-level
passes. Only ASCII characters take part (by now `folded` is mostly ASCII; any other
character counts as a non-letter). Rules (detector writers rely on them):

- join: 3+ single characters separated by the same separator ("f u c k", "f.u.c.k",
  "f-u-c-k", "f_u_c_k", "f*u*c*k", up to three spaces) are joined ("fuck") when at least
  two are letters and digits do not outnumber letters, so "0 8 0 0" and "1 2 3" stay.
  A leading "a" or "i" before 3+ further spaced letters stays a word: "a f u c k" ->
  "a fuck".
- leet: inside a token (a run of letters, digits, _ @ $ ! | *) that has letters, no digit
  2, 6 or 9 and no more digits than letters, 0 1 3 4 5 7 8 @ $ become o i e a s t b a s;
  ! and | become i and l only between two letters ("b!tch", but "hello!!" stays).
  "2023", "0800", "M25", "A55", "covid19" stay. The length never changes.
- stars are never decoded: "f**k", "sh*t" stay as they are (list starred forms).
- repeat: runs of 3+ of the same letter become exactly 2 ("fuuuuck" -> "fuuck",
  "www" -> "ww"); the second kept letter maps to the rest of the run. A list entry with
  three identical letters in a row can never match.
"""

from __future__ import annotations

import re

from .confusables import ascii_mask
from .offsets import Builder, OffsetMap


def _table(classes: dict[bytes, bytes], default: bytes) -> bytes:
    tab = bytearray(default * 256)
    for chars, cls in classes.items():
        for c in chars:
            tab[c] = cls[0]
    return bytes(tab)


_LOWER = b"abcdefghijklmnopqrstuvwxyz"
_UPPER = _LOWER.upper()
_DIGITS = b"0123456789"
_SEPS = b" .-_*~+/\\,"
# join: every possible unit -> 'a', separators -> themselves, anything else -> '#'
_JOIN_TAB = _table(
    {_LOWER + _UPPER + _DIGITS + b"@$!": b"a", **{bytes([c]): bytes([c]) for c in _SEPS}}, b"#"
)
_JOIN_RUN = re.compile(rb"a(?P<sep> {1,3}|[.\-_*~+/\\,])a(?:(?P=sep)a)+")
_JOIN_TRIGGERS = [
    b"a" + sep + b"a" + sep + b"a" for sep in [bytes([c]) for c in _SEPS] + [b"  ", b"   "]
]
_MAX_SPLIT_OFFSETS = 64  # longer joined runs map to one span instead of per letter


def _single_units(mask: bytes) -> bytes:
    """Mask where only single-character units stay 'a' (longer runs become 'b')."""
    return mask.replace(b"aa", b"bb").replace(b"ba", b"bb")


def join_stage(text: str) -> tuple[str, OffsetMap | None]:
    """Join letters that were spaced or dotted apart to dodge a word list."""
    mask = _single_units(ascii_mask(text).translate(_JOIN_TAB))
    first = min((p for t in _JOIN_TRIGGERS if (p := mask.find(t)) >= 0), default=-1)
    if first < 0:
        return text, None
    out: Builder | None = None
    pos = 0
    for m in _JOIN_RUN.finditer(mask, first):
        step = len(m.group("sep")) + 1
        units = text[m.start() : m.end() : step]
        start = m.start()
        if units[0] in "ai" and m.group("sep")[0] == 32 and len(units) > 3:
            units = units[1:]  # "a f u c k": the article stays a word of its own
            start += step
        letters = sum(1 for c in units if c.isalpha())
        digits = sum(1 for c in units if c.isdigit())
        if letters < 2 or digits > letters:
            continue
        if out is None:
            out = Builder()
        out.keep(text[pos:start], pos)
        if len(units) > _MAX_SPLIT_OFFSETS:
            out.put(units, start, m.end())
        else:
            for k, unit in enumerate(units):
                out.keep(unit, start + k * step)
        pos = m.end()
    if out is None:
        return text, None
    out.keep(text[pos:], pos)
    return out.build()


# leet: letters -> 'a', leet digits -> '1', other digits -> '2', @ $ -> '@', ! | -> '!',
# other token chars (_ *) -> '_', everything else -> ' ' (token boundary)
_LEET_TAB = _table(
    {_LOWER + _UPPER: b"a", b"0134578": b"1", b"269": b"2", b"@$": b"@", b"!|": b"!", b"_*": b"_"},
    b" ",
)
_LEET_TRIGGERS = (b"a1", b"1a", b"a@", b"@a", b"a!a")
_LEET = str.maketrans("0134578@$", "oieastbas")
_BANG = re.compile(r"(?<=[a-z])[!|](?=[a-z])", re.IGNORECASE)
_BANG_TABLE = str.maketrans("!|", "il")
_EMAIL_TAIL = re.compile(r"\.[A-Za-z]")


def _decode_token(tok: str, cls: bytes) -> str | None:
    """Decoded token, or None when it should stay as it is (numbers, codes)."""
    if b"2" in cls:
        return None
    letters = cls.count(b"a")
    if letters == 0 or cls.count(b"1") > letters:
        return None
    out = tok.translate(_LEET)
    if b"!" in cls:
        out = _BANG.sub(lambda b: b.group().translate(_BANG_TABLE), out)
    return out


def leet_stage(text: str) -> str:
    """Decode single-character leetspeak inside words; offsets are unchanged (1:1)."""
    mask = ascii_mask(text).translate(_LEET_TAB)
    nxt = [mask.find(t) for t in _LEET_TRIGGERS]
    parts: list[str] = []
    copied = 0  # text[:copied] is already in parts
    scan = 0  # tokens before this position are done
    while True:
        for k, p in enumerate(nxt):  # each trigger's search only moves forward: linear
            if 0 <= p < scan:
                nxt[k] = mask.find(_LEET_TRIGGERS[k], scan)
        live = [p for p in nxt if p >= 0]
        if not live:
            break
        hit = min(live)
        start = mask.rfind(b" ", 0, hit) + 1
        end = mask.find(b" ", hit)
        if end < 0:
            end = len(mask)
        scan = end
        tok = text[start:end]
        if "@" in tok and tok[0] != "@" and _EMAIL_TAIL.match(text, end):
            continue  # an email address keeps its structure
        decoded = _decode_token(tok, mask[start:end])
        if decoded is not None and decoded != tok:
            parts.append(text[copied:start])
            parts.append(decoded)
            copied = end
    if not parts:
        return text
    parts.append(text[copied:])
    return "".join(parts)


# repeat: a byte-wise XOR of the text with itself shifted by one is zero where a char
# equals the next; OR-ing in a "not a letter" mask leaves zeros only for letter pairs.
_NOT_LETTER_TAB = _table({_LOWER + _UPPER: b"\x00"}, b"\xff")
_ZERO_RUN = re.compile(b"\x00+")


def repeat_stage(text: str) -> tuple[str, OffsetMap | None]:
    """Shorten runs of 3+ identical ASCII letters to 2."""
    n = len(text)
    if n < 3:
        return text, None
    raw = ascii_mask(text)
    a = int.from_bytes(raw[:-1], "big")
    b = int.from_bytes(raw[1:], "big")
    not_letter = int.from_bytes(raw[:-1].translate(_NOT_LETTER_TAB), "big")
    same = ((a ^ b) | not_letter).to_bytes(n - 1, "big")
    p = same.find(b"\x00\x00")
    if p < 0:
        return text, None
    out = Builder()
    pos = 0
    while p >= 0:
        run_end = _ZERO_RUN.match(same, p)
        assert run_end is not None
        j = run_end.end() + 1  # text[p:j] is one letter repeated (3+ times)
        out.keep(text[pos : p + 1], pos)
        out.put(text[p], p + 1, j)
        pos = j
        p = same.find(b"\x00\x00", j)
    out.keep(text[pos:], pos)
    return out.build()
