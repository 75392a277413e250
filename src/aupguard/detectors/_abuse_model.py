"""Abuse scoring behind one small interface, `score_sentences(text)`, so that the word
list can later be swapped for a trained classifier without touching the detector.

Input is the *folded* view (lower case, leetspeak and look-alikes undone, spaced
letters joined; '*' may remain inside starred words and runs of 3+ letters become 2).
Output spans index that same text.

Cost: one str.translate + split to get the message's words, a set intersection with
the word list and the phrase triggers, then work only where a listed word occurs.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

from aupguard.detectors._abuse_lexicon import PHRASES, WORDS, Entry
from aupguard.detectors._conduct import MAX_FINDINGS, is_quoted, sentence_bounds

# Raw hits looked at per message: enough to find the worst, bounded for huge inputs.
_MAX_RAW = 3 * MAX_FINDINGS


class Scored(NamedTuple):
    start: int
    end: int
    subtype: str
    score: float


class _Form(NamedTuple):
    form: str
    entry: Entry
    tail: re.Pattern[str] | None


class _Phrase(NamedTuple):
    subtype: str
    score: float
    gate: tuple[frozenset[str], ...]
    core: re.Pattern[str]
    before: re.Pattern[str] | None


_STARRED = re.compile(r"(?<![a-z*])[a-z]+\*[a-z*]*")
# Everything that is not a letter becomes a space, so str.split() gives the words; much
# cheaper than a regex tokeniser.
_TO_SPACE = str.maketrans({c: " " for c in map(chr, range(128)) if not c.isalpha()})
_VOWELS = frozenset("aeiouy")


def _forms(spec: str) -> list[str]:
    base, _, rest = spec.partition(":")
    out = [base]
    for suf in filter(None, rest.split(",")):
        # a suffix that starts like the base is a whole replacement form ("numpties")
        out.append(suf if suf[:3] == base[:3] and len(suf) > 3 else base + suf)
    return out


def _variants(form: str) -> list[str]:
    """The word as it may arrive after normalising: vowels and the last letter possibly
    doubled ('fuuck', 'twaat', 'shitt'); never fewer letters ('as' is not 'ass')."""
    out = [""]
    runs = [m.group() for m in re.finditer(r"([a-z])\1*", form)]
    for i, r in enumerate(runs):
        stretch = len(r) == 1 and (r in _VOWELS or i == len(runs) - 1)
        out = [o + r for o in out] + ([o + r + r for o in out] if stretch else [])
    return out


def _build() -> tuple[dict[str, list[_Form]], dict[tuple[str, int], list[_Form]]]:
    by_variant: dict[str, list[_Form]] = {}
    by_shape: dict[tuple[str, int], list[_Form]] = {}
    for entry in WORDS:
        tail = re.compile(entry.not_before) if entry.not_before else None
        for form in _forms(entry.spec):
            f = _Form(form, entry, tail)
            for v in _variants(form):
                by_variant.setdefault(v, []).append(f)
            by_shape.setdefault((form[0], len(form)), []).append(f)
    return by_variant, by_shape


_BY_VARIANT, _BY_SHAPE = _build()
_VARIANT_KEYS = frozenset(_BY_VARIANT)

_PHRASES = [
    _Phrase(
        p.subtype,
        p.score,
        tuple(frozenset(g.split()) for g in p.gate.split(" + ")),
        re.compile(p.core),
        re.compile(p.before) if p.before else None,
    )
    for p in PHRASES
]
_TRIGGERS: dict[str, list[int]] = {}
for _i, _p in enumerate(_PHRASES):
    for _w in _p.gate[0]:
        _TRIGGERS.setdefault(_w, []).append(_i)
_TRIGGER_KEYS = frozenset(_TRIGGERS)

_ADJ = (
    r"total|complete|utter|absolute|proper|right|bloody|fucking|effing|stupid|silly|daft|fat|"
    r"ugly|useless|lazy|pathetic|little|old|thick|dirty|filthy|lying|bent|greedy|arrogant|"
    r"massive|big|dumb|sad|smug|nasty|horrible|vile|disgusting"
)
_MODS = r"a|an|the|such|him|her|them|me|you|us|just|nothing\s+but|being|" + _ADJ
# Something aimed at a person: "you muppet", "what a prat", "Cllr X is a knob",
# "called her a slag", "bunch of idiots", "stupid cow".
_DIRECTED = re.compile(
    r"(?:\b(?:you|u|ya|yer|ur|youre|you're|you\u2019re|is|are|was|were|am|he's|she's|"
    r"hes|shes|they're|theyre|what|such|bunch\s+of|pack\s+of|load\s+of|lot\s+of|called|"
    r"call|calling|" + _ADJ + r")\s+(?:(?:" + _MODS + r")\s+){0,3})$"
)
_MENTION = re.compile(
    r"(?:\b(?:the|a|an)\s+(?:word|term|phrase|slur|insult|expression|n-word)s?|\bwords?\s+like"
    r"|\bsuch\s+as|\bcall(?:ed|ing)?\s+(?:me|him|her|them|you|us|someone|people)"
    r"|\b(?:was|were|being|been)\s+called|\b(?:shouted|yelled|screamed|wrote|posted|used))"
    r"\s+(?:(?:a|an)\s+)?[\"'\u2018\u201c]?$"
)
_CONDEMN = re.compile(
    r"\b(?:disgust\w*|unacceptable|not\s+acceptable|appall\w*|abhorrent|shame\w*|disgrace\w*|"
    r"offensive|wrong|condemn\w*|no\s+place|not\s+(?:be\s+)?tolerat\w*|won't\s+(?:be\s+)?"
    r"tolerat\w*|never\s+(?:be\s+)?tolerat\w*|racist|racism|homophobi\w*|sexist|misogyn\w*|"
    r"hateful|abus\w+|report\w*|horrible|vile|upsetting|hurtful|out\s+of\s+order|"
    r"inappropriate|harass\w*|hate\s+crime|zero\s+tolerance|must\s+stop)\b"
)
# When two findings overlap, the more serious subtype wins.
_RANK = {"threat": 6, "hate": 5, "harassment": 4, "sexual": 3, "insult": 2, "profanity": 1}


def _occurrences(text: str, word: str, whole: bool = True) -> Iterator[int]:
    """Start of each occurrence of `word` that starts a word and, if `whole`, also ends
    one (letters and '*' join words)."""
    n = len(word)
    pos = text.find(word)
    while pos != -1:
        end = pos + n
        if (pos == 0 or not _joins(text[pos - 1])) and (
            not whole or end == len(text) or not _joins(text[end])
        ):
            yield pos
        pos = text.find(word, pos + 1)


def _joins(ch: str) -> bool:
    return ch.isalpha() or ch == "*"


def _raw_hits(text: str) -> list[Scored]:
    hits: list[Scored] = []
    words = set(text.translate(_TO_SPACE).split())
    for key in words & _VARIANT_KEYS:
        for f in _BY_VARIANT[key]:
            for pos in _occurrences(text, key):
                if len(hits) >= _MAX_RAW:
                    break
                end = pos + len(key)
                if f.tail is not None and f.tail.match(text, end):
                    continue
                hit = _word_hit(text, pos, end, f.entry)
                if hit:
                    hits.append(hit)
    if "*" in text:
        for m in _STARRED.finditer(text):
            if len(hits) >= _MAX_RAW:
                break
            tok = m.group()
            if tok.endswith("*") and len(tok.replace("*", "")) > 2:
                continue  # "mil*" is a wildcard, not a hidden word; "f***" is
            for f in _BY_SHAPE.get((tok[0], len(tok)), ()):
                if all(c == "*" or c == fc for c, fc in zip(tok, f.form, strict=True)):
                    hit = _word_hit(text, m.start(), m.end(), f.entry)
                    if hit:
                        hits.append(hit)
                    break
    for w in words & _TRIGGER_KEYS:
        phrases = [
            _PHRASES[i]
            for i in _TRIGGERS[w]
            if not any(words.isdisjoint(g) for g in _PHRASES[i].gate[1:])
        ]
        if not phrases:
            continue
        for pos in _occurrences(text, w, whole=False):
            if len(hits) >= 2 * _MAX_RAW:
                break
            for ph in phrases:
                cm = ph.core.match(text, pos)
                if cm is None:
                    continue
                start = pos
                if ph.before is not None:
                    b = ph.before.search(text, max(0, pos - 40), pos)
                    if b is None:
                        continue
                    start = b.start()
                hits.append(Scored(start, cm.end(), ph.subtype, ph.score))
    return hits


def _word_hit(text: str, start: int, end: int, entry: Entry) -> Scored | None:
    s0, _ = sentence_bounds(text, start, end)
    window = text[max(s0, start - 60) : start]
    directed = _DIRECTED.search(window) is not None
    if "d" in entry.flags and not directed:
        return None
    subtype, score = entry.subtype, entry.score
    if directed:
        score = min(0.98, score + 0.1)
        if "i" in entry.flags:
            subtype = "insult"
    return Scored(start, end, subtype, score)


def _counter_speech(text: str, hit: Scored) -> float:
    """Multiplier for quoting abuse to condemn or report it ("calling her a 'slag' was
    disgusting", "the word X is unacceptable"): 0 drops the hit."""
    s0, s1 = sentence_bounds(text, hit.start, hit.end)
    before = text[max(s0, hit.start - 40) : hit.start]
    mentioned = is_quoted(text, hit.start, hit.end) or _MENTION.search(before) is not None
    if not mentioned:
        return 1.0
    # the condemnation may come in the next sentence: "He called her a 'slag'. Disgusting."
    if _CONDEMN.search(text, max(0, s0 - 150), min(len(text), s1 + 150)):
        return 0.0
    return 0.8


def score_sentences(text: str) -> list[Scored]:
    """Abusive spans in `text` (folded view) with a subtype and a score in [0, 1]."""
    scored: list[Scored] = []
    for hit in _raw_hits(text):
        k = _counter_speech(text, hit)
        if k > 0:
            scored.append(hit._replace(score=round(hit.score * k, 3)))
    merged = _merge(scored)
    insults = [h for h in merged if h.subtype == "insult"]
    if len(insults) >= 3:
        # repeated insults aimed at people read as harassment, not just rudeness
        merged.append(Scored(insults[0].start, insults[-1].end, "harassment", 0.7))
    return merged[:MAX_FINDINGS]


def _merge(hits: list[Scored]) -> list[Scored]:
    """Overlapping hits become one, keeping the most serious subtype."""
    hits.sort(key=lambda h: (h.start, -h.end))
    out: list[Scored] = []
    for h in hits:
        if out and h.start < out[-1].end:
            prev = out[-1]
            best = max(prev, h, key=lambda x: (_RANK.get(x.subtype, 0), x.score))
            out[-1] = Scored(prev.start, max(prev.end, h.end), best.subtype, best.score)
        else:
            out.append(h)
    return out
