"""Small text helpers shared by the conduct detectors (confidential, abuse, defamation,
representation).

Everything here works on bounded windows around a match so that the cost of a check
stays linear in the message length, whatever the input looks like.
"""

from __future__ import annotations

import hashlib
import re
import threading
from functools import lru_cache

from aupguard.text.triggers import TriggerWords

# Characters that end a sentence or clause for our purposes. A newline ends one too:
# posts and emails often have no full stops at all.
_SENT_END = re.compile(r"[.!?\n;]")
# A message with more findings than this of one kind has made its point; stopping keeps
# a pathological 1 MB message (thousands of hits) fast.
MAX_FINDINGS = 100
# Characters of candidate sentences a detector examines in one message: far more than
# any real message has, and a bound on the cost of a 1 MB one.
MAX_SCAN = 64_000
_WINDOW = 300


# The last sentence end in a span: the greedy prefix runs to the span's end and backs
# off, which is cheaper than one reverse search per end character.
_LAST_END = re.compile(r"(?s:.*)[.!?\n;]")


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The [start, end) of the sentence around a match, looking at most _WINDOW chars
    either way (so a 1 MB message without full stops is not scanned per match). A full
    stop between digits ("£12.50", "23.45") does not end a sentence."""
    lo = start - _WINDOW if start > _WINDOW else 0
    s = lo
    if start > lo:
        m = _LAST_END.match(text, lo, start)
        while m is not None:
            j = m.end() - 1
            if text[j] == "." and _between_digits(text, j):
                m = _LAST_END.match(text, lo, j)
                continue
            s = j + 1
            break
    n = len(text)
    hi = end + _WINDOW
    if hi > n:
        hi = n
    e = hi
    m = _SENT_END.search(text, end, hi)
    while m is not None:
        j = m.start()
        if text[j] == "." and _between_digits(text, j):
            m = _SENT_END.search(text, j + 1, hi)
            continue
        e = j + 1
        break
    return s, e


def _between_digits(text: str, i: int) -> bool:
    return 0 < i < len(text) - 1 and text[i - 1].isdigit() and text[i + 1].isdigit()


def sentence(text: str, start: int, end: int) -> str:
    s, e = sentence_bounds(text, start, end)
    return text[s:e]


_OPEN_QUOTES = "'\"\u2018\u201c`"
_CLOSE_QUOTES = "'\"\u2019\u201d`"


def is_quoted(text: str, start: int, end: int) -> bool:
    """True when the span is wrapped in quote marks: 'slag', "slag", ‘slag’, “slag”."""
    i = start - 1
    while i >= 0 and text[i] == " ":
        i -= 1
    j = end
    while j < len(text) and text[j] in " .,!?":
        if text[j] in ".,!?" and j + 1 < len(text) and text[j + 1] in _CLOSE_QUOTES:
            j += 1
            break
        if text[j] != " ":
            break
        j += 1
    return i >= 0 and j < len(text) and text[i] in _OPEN_QUOTES and text[j] in _CLOSE_QUOTES


def apos(rx: str) -> str:
    """Let a regex written with ' also match the typographic apostrophe (don’t)."""
    return rx.replace("'", "['\u2019]")


def fold_phrase(phrase: str) -> str:
    """A register keyword or council name as a regex fragment over folded text:
    lower case, any run of whitespace or hyphens between words."""
    words = re.split(r"[\s\-]+", phrase.strip().lower())
    return r"[\s\-]+".join(re.escape(w) for w in words if w)


@lru_cache(maxsize=256)
def council_names(name: str, aliases: tuple[str, ...]) -> str:
    """Regex fragment (folded text) for the council by name: "Leigh-on-Sea Town Council",
    "Leigh Town Council", aliases, or generically "the (town|parish) council"."""
    names: list[str] = []
    for n in (name, *aliases):
        if not n.strip():
            continue
        names.append(fold_phrase(n))
        # "Leigh-on-Sea Town Council" is also written "Leigh Town Council"
        short = re.sub(r"-on-sea|-upon-\w+|-under-\w+", "", n, flags=re.IGNORECASE)
        if short != n:
            names.append(fold_phrase(short))
    names.sort(key=len, reverse=True)
    generic = r"(?:the|our|this|my|your)\s+(?:(?:town|parish|city|community|district)\s+)?council"
    return "(?:" + "|".join([*names, generic]) + ")"


# Every ASCII non-letter becomes a space so that str.split() yields the words: much
# cheaper than a regex tokeniser, and enough to decide whether to look closer.
_TO_SPACE = str.maketrans({c: " " for c in map(chr, range(128)) if not c.isalpha()})


def words_of(text: str) -> set[str]:
    """The distinct ASCII-letter words of a (folded) text."""
    return set(text.translate(_TO_SPACE).split())


def whole_word_at(text: str, word: str) -> list[int]:
    """Start offsets of `word` where it stands as a whole word."""
    out = []
    n = len(word)
    pos = text.find(word)
    while pos != -1:
        end = pos + n
        if (pos == 0 or not text[pos - 1].isalpha()) and (
            end == len(text) or not text[end].isalpha()
        ):
            out.append(pos)
        pos = text.find(word, pos + 1)
    return out


def sentences_with(
    text: str, words: set[str], budget: int = MAX_SCAN
) -> list[tuple[int, int]]:
    """The sentences (merged, in order) that contain any of `words` as whole words; the
    detectors run their regexes only there, so the common case costs almost nothing.
    At most `budget` characters of sentences are returned (pathological inputs)."""
    positions = sorted((pos, len(w)) for w in words for pos in whole_word_at(text, w))
    merged: list[tuple[int, int]] = []
    total = 0
    for pos, n in positions:
        if merged and pos + n <= merged[-1][1]:
            continue  # already inside the last sentence
        if total > budget:
            break
        s, e = sentence_bounds(text, pos, pos + n)
        total += e - s
        if merged and s <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], e))
        else:
            merged.append((s, e))
    return merged


_pack_groups: dict[tuple[str, tuple[str, ...]], TriggerWords] = {}
_pack_lock = threading.Lock()


def pack_triggers(kind: str, words: tuple[str, ...]) -> TriggerWords:
    """Trigger words that vary by council (register keywords, aliases), registered with
    the shared scan once per distinct word list, so a message is not read again for
    them. Registering bumps `triggers.version()`: the message in progress is rescanned
    once, which happens once per pack."""
    key = (kind, words)
    group = _pack_groups.get(key)
    if group is None:
        with _pack_lock:
            group = _pack_groups.get(key)
            if group is None:
                digest = hashlib.sha1("\0".join(words).encode()).hexdigest()[:12]
                group = TriggerWords(f"{kind}:{digest}", {w: w for w in words})
                _pack_groups[key] = group
    return group
