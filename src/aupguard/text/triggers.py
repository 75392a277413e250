"""One pass over a message for every detector's trigger words.

A detector registers the words and phrases that make it look closer (its *triggers*).
All of them are compiled into one Hyperscan (Vectorscan) literal database, so a message
is scanned once, at about a nanosecond a byte, however many detectors run; a detector
none of whose triggers occur costs almost nothing. Detectors then run their precise
patterns only around the hits.

Triggers are matched on the `folded` view, as whole words: the scanned copy of the text
has every character other than a-z, 0-9 and '*' turned into a space, and a trigger must
have a space (or the text's edge) on both sides. Phrases are prepared the same way
("don't" is the two words "don t"), and their words must be separated by exactly one
non-word character in the text ("free gift", "free-gift"; not "free  gift"), so prefer
the rarest single word of a phrase as its trigger. A prefix ("gambl" in `prefixes`)
matches any word that starts with it.

Hyperscan needs a scratch area per concurrent scan; each thread gets its own, so one
Checker can be shared between threads.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, NamedTuple

import hyperscan

from aupguard.text._hscache import load_or_compile

if TYPE_CHECKING:
    from aupguard.text.normalise import NormalisedText

_WORD = frozenset("abcdefghijklmnopqrstuvwxyz0123456789*")
# bytes.translate table: word characters kept (upper case lowered), everything else a
# space. Text is first encoded as ASCII with '?' for anything else, which keeps offsets.
_TABLE = bytes((c | 0x20) if 65 <= c <= 90 else c if chr(c) in _WORD else 32 for c in range(256))


def scan_text(text: str) -> str:
    """The copy of `text` the automaton reads: same length, word characters only."""
    return text.encode("ascii", "replace").translate(_TABLE).decode("ascii")


def _prepare(phrase: str) -> str:
    words = scan_text(phrase.lower()).split()
    if not words:
        raise ValueError(f"trigger {phrase!r} has no word characters")
    return " ".join(words)


class Hit(NamedTuple):
    """A trigger found in the folded view: [start, end) and the tag it was given.
    (A tuple because thousands are made per second and tuples are cheapest to make.)"""

    start: int
    end: int
    phrase: str
    tag: str


# key in the database -> ((group, tag, phrase), ...); keys are " word " or " prefix".
_entries: dict[str, list[tuple[str, str, str]]] = {}
_lock = threading.Lock()


class _Compiled:
    """The database for one version of the registry: pattern id -> what it reports."""

    def __init__(self, keys: list[str]) -> None:
        self.values = [(len(k), k.endswith(" "), tuple(_entries[k])) for k in keys]
        self.database: hyperscan.Database | None = None
        if keys:
            expressions = [k.encode("ascii") for k in keys]

            def build() -> hyperscan.Database:
                database = hyperscan.Database(mode=hyperscan.HS_MODE_BLOCK)
                database.compile(
                    expressions=expressions,
                    ids=list(range(len(keys))),
                    elements=len(keys),
                    flags=0,
                    literal=True,
                )
                return database

            self.database = load_or_compile("triggers", b"\n".join(expressions), build)
        self.local = threading.local()

    def scratch(self) -> hyperscan.Scratch:
        scratch: hyperscan.Scratch | None = getattr(self.local, "scratch", None)
        if scratch is None:
            scratch = hyperscan.Scratch(self.database)
            self.local.scratch = scratch
        return scratch


class _State:
    version = 0
    compiled: _Compiled | None = None


_state = _State()


def _register(group: str, phrases: Mapping[str, str], prefix: bool) -> None:
    with _lock:
        for phrase, tag in phrases.items():
            words = _prepare(phrase)
            key = f" {words}" if prefix else f" {words} "
            _entries.setdefault(key, []).append((group, tag, phrase))
        _state.version += 1
        _state.compiled = None


def _compiled() -> _Compiled:
    with _lock:
        if _state.compiled is None:
            # Sorted: registration order can follow set iteration, which varies between
            # runs, and the on-disk cache is keyed by the patterns in order.
            _state.compiled = _Compiled(sorted(_entries))
        return _state.compiled


def _on_match(pattern: int, _start: int, end: int, _flags: int, found: object) -> None:
    found.append((end, pattern))  # type: ignore[attr-defined]


def scan(folded: str) -> dict[str, list[Hit]]:
    """Every registered trigger in `folded`, grouped by the group that registered it,
    each group's hits in order of position."""
    compiled = _compiled()
    found: dict[str, list[Hit]] = {}
    if compiled.database is None:
        return found
    matches: list[tuple[int, int]] = []
    haystack = b" " + folded.encode("ascii", "replace").translate(_TABLE) + b" "
    compiled.database.scan(
        haystack, match_event_handler=_on_match, context=matches, scratch=compiled.scratch()
    )
    if not matches:
        return found
    # `end` is exclusive in the padded haystack: the word ends 2 earlier when the key has
    # a closing space (one for that space, one for the padding), else 1 earlier.
    matches.sort()
    values = compiled.values
    for end, pattern in matches:
        length, closed, entries = values[pattern]
        start = end - length
        stop = end - 2 if closed else end - 1
        for group, tag, phrase in entries:
            hit = Hit(start, stop, phrase, tag)
            try:
                found[group].append(hit)
            except KeyError:
                found[group] = [hit]
    return found


def version() -> int:
    """Changes whenever triggers are registered, so cached scans can be redone."""
    return _state.version


class TriggerWords:
    """The triggers of one detector (or one part of it), registered under `group`."""

    def __init__(
        self,
        group: str,
        words: Mapping[str, str] | Iterable[str] = (),
        prefixes: Mapping[str, str] | Iterable[str] = (),
    ) -> None:
        self.group = group
        _register(group, _as_tags(words), prefix=False)
        _register(group, _as_tags(prefixes), prefix=True)

    def hits(self, text: NormalisedText) -> list[Hit]:
        """This group's hits in the message (folded view), in order of where they end."""
        return text.trigger_hits.get(self.group, [])

    def present(self, text: NormalisedText) -> bool:
        return self.group in text.trigger_hits


def _as_tags(items: Mapping[str, str] | Iterable[str]) -> dict[str, str]:
    if isinstance(items, Mapping):
        return dict(items)
    return {item: item for item in items}


def windows(hits: Iterable[Hit], size: int, before: int, after: int) -> list[tuple[int, int]]:
    """Merged [start, end) spans reaching `before` characters before and `after` after
    each hit, clipped to [0, size): where a detector runs its precise patterns."""
    spans = sorted((max(0, h.start - before), min(size, h.end + after)) for h in hits)
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            if end > merged[-1][1]:
                merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged
