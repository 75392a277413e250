"""Word-level rewrites for `folded`: spaced-out letters, leetspeak, stretched letters.

Speed: each stage first runs a cheap C-level test for its trigger (a `re` search that
starts with a literal or a rare character class, or an integer XOR of byte masks) and
returns the text unchanged when it is absent. Only ASCII characters take part (by now
`folded` is mostly ASCII; any other character counts as a non-letter). Rules (detector
writers rely on them):

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
from collections.abc import Iterable

from aupguard.text.confusables import ascii_mask
from aupguard.text.offsets import Builder, OffsetMap


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
# Quick test on a mask with every separator as 's' (and '#' added at both ends): a
# trigger needs three single units ("[s#]asasa[s#]" for a one-char separator, "ssas{1,3}a"
# for two or three spaces). Both searches start with a literal, which `re` scans for fast.
_JOIN_QUICK_TAB = _table({_LOWER + _UPPER + _DIGITS + b"@$!": b"a", _SEPS: b"s"}, b"#")
_JOIN_QUICK_ONE = re.compile(rb"sasa[s#](?<=[s#]asasa[s#])")
_JOIN_QUICK_SPACES = re.compile(rb"ssas{1,3}a[s#]")
_MAX_SPLIT_OFFSETS = 64  # longer joined runs map to one span instead of per letter


def _single_units(mask: bytes) -> bytes:
    """Mask where only single-character units stay 'a' (longer runs become 'b')."""
    return mask.replace(b"aa", b"bb").replace(b"ba", b"bb")


def join_stage(text: str) -> tuple[str, OffsetMap | None]:
    """Join letters that were spaced or dotted apart to dodge a word list."""
    raw = ascii_mask(text)
    quick = b"#" + raw.translate(_JOIN_QUICK_TAB) + b"#"
    if _JOIN_QUICK_ONE.search(quick) is None and _JOIN_QUICK_SPACES.search(quick) is None:
        return text, None
    mask = _single_units(raw.translate(_JOIN_TAB))
    first = min((p for t in _JOIN_TRIGGERS if (p := mask.find(t)) >= 0), default=-1)
    if first < 0:
        return text, None
    runs = _JOIN_RUN.finditer(mask, first)
    return join_runs(text, ((m.start(), m.end(), m.group("sep")) for m in runs))


def join_runs(text: str, runs: Iterable[tuple[int, int, bytes]]) -> tuple[str, OffsetMap | None]:
    """`text` with the `_JOIN_RUN` matches (start, end, separator) joined, where the
    join rules allow."""
    out: Builder | None = None
    pos = 0
    for start, end, sep in runs:
        step = len(sep) + 1
        units = text[start:end:step]
        if units[0] in "ai" and sep[0] == 32 and len(units) > 3:
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
            out.put(units, start, end)
        else:
            for k, unit in enumerate(units):
                out.keep(unit, start + k * step)
        pos = end
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
_LEET = str.maketrans("0134578@$", "oieastbas")
LEET_BYTES = bytes.maketrans(b"0134578@$", b"oieastbas")
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


# A char that makes its token a leet candidate: a leet digit, @ or $ next to a letter, or
# ! | between two letters (the triggers "a1" "1a" "a@" "@a" "a!a" of the class mask).
_LEET_HIT = re.compile(
    r"[0134578@$!|](?:(?<=[A-Za-z][0134578@$])|(?<=[0134578@$])(?=[A-Za-z])"
    r"|(?<=[A-Za-z][!|])(?=[A-Za-z]))"
)


def leet_stage(text: str) -> str:
    """Decode single-character leetspeak inside words; offsets are unchanged (1:1)."""
    m = _LEET_HIT.search(text)
    if m is None:
        return text
    mask = ascii_mask(text).translate(_LEET_TAB)  # token chars; ' ' ends a token
    n = len(text)
    parts: list[str] = []
    copied = 0  # text[:copied] is already in parts
    while m is not None:
        hit = m.start()
        start = mask.rfind(b" ", 0, hit) + 1
        end = mask.find(b" ", hit)
        if end < 0:
            end = n
        m = _LEET_HIT.search(text, end)
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


# repeat: y1 has letters as they are and other chars as 0, y2 the same with other chars
# as 0xff; byte k of y1 ^ (y2 >> 8) is zero exactly where chars k-1 and k are the same
# letter, so two zero bytes in a row mark three of the same letter.
_LETTERS_OR_00 = _table({bytes([c]): bytes([c]) for c in _LOWER + _UPPER}, b"\x00")
_LETTERS_OR_FF = _table({bytes([c]): bytes([c]) for c in _LOWER + _UPPER}, b"\xff")
_ZERO_RUN = re.compile(b"\x00+")


def repeat_stage(text: str) -> tuple[str, OffsetMap | None]:
    """Shorten runs of 3+ identical ASCII letters to 2."""
    n = len(text)
    if n < 3:
        return text, None
    raw = ascii_mask(text)
    y1 = int.from_bytes(raw.translate(_LETTERS_OR_00), "big")
    y2 = int.from_bytes(raw.translate(_LETTERS_OR_FF), "big")
    same = (y1 ^ (y2 >> 8)).to_bytes(n, "big")
    q = same.find(b"\x00\x00", 1)  # chars q-1, q, q+1 are one letter
    if q < 0:
        return text, None
    runs: list[tuple[int, int]] = []
    while q >= 0:
        run_end = _ZERO_RUN.match(same, q)
        assert run_end is not None
        j = run_end.end()  # text[q-1:j] is one letter repeated (3+ times)
        runs.append((q - 1, j))
        q = same.find(b"\x00\x00", j + 1)
    return runs_map(text, runs)


def runs_map(text: str, runs: list[tuple[int, int]]) -> tuple[str, OffsetMap]:
    """`text` with each run [s, e) of one letter (sorted, 3+ long) cut to its first two
    letters, the second mapping to text[s + 1:e]. The map is built on first lookup."""
    pos = 0
    pieces: list[str] = []
    for s, e in runs:
        pieces.append(text[pos : s + 2])
        pos = e
    pieces.append(text[pos:])
    out = "".join(pieces)
    n = len(text)
    return out, OffsetMap.lazy(lambda: _runs_map(runs, n), len(out))


def _runs_map(runs: list[tuple[int, int]], n: int) -> OffsetMap:
    """Segments for `runs_map`: text before each run up to its first letter copied, its
    second letter mapping to the rest of the run, the text after the last run copied."""
    vs: list[int] = []
    os: list[int] = []
    oe: list[int] = []
    lin: list[bool] = []
    pos = 0  # source position reached
    k = 0  # output position reached
    for s, e in runs:
        vs.append(k)
        os.append(pos)
        oe.append(s + 1)
        lin.append(True)
        k += s + 1 - pos
        vs.append(k)
        os.append(s + 1)
        oe.append(e)
        lin.append(False)
        k += 1
        pos = e
    if pos < n:
        vs.append(k)
        os.append(pos)
        oe.append(n)
        lin.append(True)
        k += n - pos
    return OffsetMap(vs, os, oe, lin, k)
