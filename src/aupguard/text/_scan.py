"""One Hyperscan pass that finds the candidates of every word-level stage of `folded`.

The text is scanned as a class mask, one byte per character (`mask`): ASCII letters stay
as they are, the leet digits 0134578 become '1', the digits 269 '2', '@' and '$' '@', the
separators and ! | _ * stay, and anything else (including every non-ASCII character)
becomes '#'. Match offsets are therefore character offsets. Three kinds of pattern:

- JOIN: three single units split by the same separator (the trigger `leet.join_stage`
  looks for) and the character after them: every such triple reports, so the last
  report ends just past the end of the last run to join.
- LEET: a leet trigger ("a1", "1a", "a@", "@a", "a!a", "a|a") followed by the rest of its
  token, none of it a 2/6/9 digit, and the character after the token: one report per
  token that may need decoding, ending just past its boundary (or at the end of text).
- REPEAT: the 52 runs "aaa".."ZZZ"; a run of k identical letters reports k - 2 ends.

A text that yields more reports than `cap_for` allows stops the scan (`None`):
pathological input then takes the plain stage functions, which are linear without a
callback per match. Scratch space is per thread, as one scratch cannot serve two scans
at once.
"""

from __future__ import annotations

import string
import threading

import hyperscan

from aupguard.text._hscache import load_or_compile

JOIN = 0
LEET = 1
REPEAT = 2  # ids REPEAT .. REPEAT + 51

_LETTERS = string.ascii_lowercase + string.ascii_uppercase
_SEPS = " .-_*~+/\\,"


def _mask_table() -> bytes:
    tab = bytearray(b"#" * 256)
    for c in _LETTERS + _SEPS + "!|":
        tab[ord(c)] = ord(c)
    for c in "0134578":
        tab[ord(c)] = ord("1")
    for c in "269":
        tab[ord(c)] = ord("2")
    tab[ord("$")] = tab[ord("@")] = ord("@")
    return bytes(tab)


MASK = _mask_table()
TOKEN_BYTES = frozenset(b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ12@!|_*")

_UNIT = "[A-Za-z12@!]"
_NOT_UNIT = "[^A-Za-z12@!]"


def _join_patterns() -> list[str]:
    seps = [f"\\x{ord(c):02x}" for c in _SEPS] + [" {2,3}"]
    return [f"(?:^|{_NOT_UNIT}){_UNIT}{s}{_UNIT}{s}{_UNIT}(?:{_NOT_UNIT}|$)" for s in seps]


_LEET_TOKEN = (
    "(?:[A-Za-z]1|1[A-Za-z]|[A-Za-z]@|@[A-Za-z]|[A-Za-z][!|][A-Za-z])"
    "[A-Za-z1@!|_*]*(?:[^A-Za-z12@!|_*]|$)"
)


def _compile() -> hyperscan.Database:
    joins = _join_patterns()
    exprs = [*joins, _LEET_TOKEN, *(c * 3 for c in _LETTERS)]
    ids = [JOIN] * len(joins) + [LEET] + [REPEAT + k for k in range(len(_LETTERS))]
    flags = [0] * len(exprs)
    db = hyperscan.Database(mode=hyperscan.HS_MODE_BLOCK)
    db.compile(expressions=[e.encode() for e in exprs], ids=ids, flags=flags)
    return db


def _compile_repeat() -> hyperscan.Database:
    db = hyperscan.Database(mode=hyperscan.HS_MODE_BLOCK)
    db.compile(
        expressions=[(c * 3).encode() for c in _LETTERS],
        ids=[REPEAT + k for k in range(len(_LETTERS))],
        flags=[0] * len(_LETTERS),
    )
    return db


def _fingerprint(*parts: object) -> bytes:
    return repr(parts).encode()


_ALL = load_or_compile(
    "normalise-all", _fingerprint(_join_patterns(), _LEET_TOKEN, _LETTERS, JOIN, LEET, REPEAT),
    _compile,
)
_REPEAT_ONLY = load_or_compile(
    "normalise-repeat", _fingerprint(_LETTERS, REPEAT), _compile_repeat
)
_local = threading.local()


def _scratch(db: hyperscan.Database, name: str) -> hyperscan.Scratch:
    s: hyperscan.Scratch | None = getattr(_local, name, None)
    if s is None:
        s = hyperscan.Scratch(db)
        setattr(_local, name, s)
    return s


Hits = list[tuple[int, int, int]]


def _collect(db: hyperscan.Database, name: str, data: bytes, cap: int) -> Hits | None:
    hits: Hits = []
    if not data:
        return hits
    append = hits.append

    def on_match(ident: int, start: int, end: int, _flags: int, _ctx: object) -> bool:
        append((ident, start, end))
        return len(hits) > cap

    try:
        db.scan(data, match_event_handler=on_match, scratch=_scratch(db, name))
    except hyperscan.ScanTerminated:
        return None
    return hits


def cap_for(n: int) -> int:
    """Most reports worth taking one by one for a text of n characters."""
    return 64 + n // 16


def mask(text: str) -> bytes:
    """The class mask the combined database scans (see the module docstring)."""
    return text.encode("ascii", "replace").translate(MASK)


def scan_all(data: bytes) -> Hits | None:
    """(id, start, end) of every JOIN, LEET and REPEAT report in a `mask`, or None
    past the cap."""
    return _collect(_ALL, "all", data, cap_for(len(data)))


def scan_repeat(data: bytes) -> Hits | None:
    """REPEAT reports only (after leet decoding changed letters) in the text's bytes (or
    its mask), or None past the cap."""
    return _collect(_REPEAT_ONLY, "repeat", data, cap_for(len(data)))
