"""The word-list half of the abuse detector: listed words and phrases, with their
exceptions ("Scunthorpe", "Best Bitch in Show") and quoting-to-condemn handling.
`_abuse_model` combines these spans with the trained n-gram model.

Input is the *folded* view (lower case, leetspeak and look-alikes undone, spaced
letters joined; '*' may remain inside starred words and runs of 3+ letters become 2).
Output spans index that same text.

Cost: every listed word (in each form it may take) and every phrase's trigger words
are registered with the shared trigger scan (`aupguard.text.triggers`), which reads
the message once for all detectors; work happens only where one of them occurs.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import NamedTuple

from aupguard.detectors._abuse_lexicon import ABOUT, PHRASES, STARRED_CORES, UNLESS, WORDS, Entry
from aupguard.detectors._conduct import MAX_FINDINGS, is_quoted, sentence_bounds
from aupguard.text import NormalisedText, triggers
from aupguard.text.triggers import Hit, TriggerWords, windows

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
    unless: re.Pattern[str] | None


class _Phrase(NamedTuple):
    subtype: str
    score: float
    core: re.Pattern[str]
    before: re.Pattern[str] | None
    unless: re.Pattern[str] | None
    needs: re.Pattern[str] | None


_STARRED = re.compile(r"(?<![a-z*])[a-z]+\*[a-z*]*")
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
        base = entry.spec.partition(":")[0]
        unless = re.compile(UNLESS[base]) if base in UNLESS else None
        for form in _forms(entry.spec):
            f = _Form(form, entry, tail, unless)
            for v in _variants(form):
                by_variant.setdefault(v, []).append(f)
            by_shape.setdefault((form[0], len(form)), []).append(f)
    return by_variant, by_shape


_BY_VARIANT, _BY_SHAPE = _build()

_PHRASES = [
    _Phrase(
        p.subtype,
        p.score,
        re.compile(p.core),
        re.compile(p.before) if p.before else None,
        re.compile(p.unless) if p.unless else None,
        re.compile(p.needs) if p.needs else None,
    )
    for p in PHRASES
]
_STARRED_PHRASES = [
    _Phrase("insult", 0.85 + 0.05 * i, re.compile(c), None, None, None)
    for i, c in enumerate(STARRED_CORES)
]
# Which phrases each trigger starts a search for.
_BY_TRIGGER: dict[str, list[int]] = {}
for _i, _p in enumerate(PHRASES):
    for _t in _p.triggers.split("|"):
        _BY_TRIGGER.setdefault(_t, []).append(_i)
# One trigger group; a tag says whether the trigger is a listed word ("w"), a phrase
# trigger ("p") or both ("wp").
_TRIGGERS = TriggerWords(
    "abuse",
    {t: ("w" if t in _BY_VARIANT else "") + ("p" if t in _BY_TRIGGER else "")
     for t in {*_BY_VARIANT, *_BY_TRIGGER}},
)

_ADJ = (
    r"total|complete|utter|absolute|proper|right|bloody|fucking|effing|stupid|silly|daft|fat|"
    r"ugly|useless|lazy|pathetic|little|old|thick|dirty|filthy|lying|bent|greedy|arrogant|"
    r"massive|big|dumb|sad|smug|nasty|horrible|vile|disgusting|brainless|clueless|gormless|"
    r"spineless|worthless|incompetent|bumbling|jumped-up|self-important|two-faced"
)
_MODS = r"a|an|the|such|him|her|them|me|you|us|just|nothing\s+but|being|" + _ADJ
# Something aimed at a person: "you muppet", "what a prat", "Cllr X is a knob",
# "called her a slag", "bunch of idiots", "stupid cow".
_DIRECTED = re.compile(
    r"(?:\b(?:you|u|ya|yer|ur|youre|you're|you\u2019re|is|are|was|were|am|he's|she's|"
    r"hes|shes|they're|theyre|what|such|bunch\s+of|pack\s+of|load\s+of|lot\s+of|called|"
    r"call|calling|" + _ADJ + r")\s+(?:(?:" + _MODS + r")\s+){0,3})$"
)
# The same without a bare adjective as the lead: a swear word ("bastards") becomes an
# insult only when pointed at someone ("you bastard", "they are bastards").
_DIRECTED_STRICT = re.compile(
    r"(?:\b(?:you|u|ya|yer|ur|youre|you're|you\u2019re|is|are|was|were|am|he's|she's|"
    r"hes|shes|they're|theyre|what|such|bunch\s+of|pack\s+of|load\s+of|lot\s+of|called|"
    r"call|calling|those|that|this|these)\s+(?:(?:" + _MODS + r")\s+){0,3})$"
)
_MENTION = re.compile(
    r"(?:\b(?:the|a|an)\s+(?:word|term|phrase|slur|insult|expression|n-word)s?|\bwords?\s+like"
    r"|\bsuch\s+as|\bcall(?:ed|ing)?\s+(?:me|him|her|them|you|us|someone|people)"
    r"|\bcall(?:ed|ing)\s+(?:\w+\s+){1,5}?"
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
RANK = {"threat": 6, "hate": 5, "harassment": 4, "sexual": 3, "insult": 2, "profanity": 1}


def _raw_hits(text: str, found: Sequence[Hit]) -> list[Scored]:
    hits: list[Scored] = []
    spans: dict[int, list[Hit]] = {}
    for h in found:
        if len(hits) >= _MAX_RAW:
            break
        if "w" in h.tag:
            for f in _BY_VARIANT[h.phrase]:
                if f.tail is not None and f.tail.match(text, h.end):
                    continue
                hit = _word_hit(text, h.start, h.end, f)
                if hit:
                    hits.append(hit)
                    break
        if "p" in h.tag:
            for i in _BY_TRIGGER[h.phrase]:
                spans.setdefault(i, []).append(h)
    if "*" in text:
        for m in _starred(text):
            if len(hits) >= _MAX_RAW:
                break
            tok = m.group()
            if tok.endswith("*") and len(tok.replace("*", "")) > 2:
                continue  # "mil*" is a wildcard, not a hidden word; "f***" is
            for f in _BY_SHAPE.get((tok[0], len(tok)), ()):
                if all(c == "*" or c == fc for c, fc in zip(tok, f.form, strict=True)):
                    hit = _word_hit(text, m.start(), m.end(), f)
                    if hit:
                        hits.append(hit)
                    break
            for ph in _STARRED_PHRASES:
                cm = ph.core.match(text, m.start())
                if cm is not None:
                    hits.append(Scored(m.start(), cm.end(), ph.subtype, ph.score))
    n = len(text)
    for i, where in spans.items():
        ph = _PHRASES[i]
        for a, b in windows(where, n, 100, 100):
            if ph.needs is not None and ph.needs.search(text, a, b) is None:
                continue
            for cm in ph.core.finditer(text, a, b):
                if len(hits) >= 2 * _MAX_RAW:
                    return hits
                start = cm.start()
                if ph.before is not None:
                    s0, _ = sentence_bounds(text, start, start)
                    bm = ph.before.search(text, max(s0, start - 80), start)
                    if bm is None:
                        continue
                    if bm.end() == start:
                        start = bm.start()
                if ph.unless is not None and _near(text, cm.start(), cm.end(), ph.unless, 200):
                    continue
                hits.append(Scored(start, cm.end(), ph.subtype, ph.score))
    return hits


# A star right after a lower-case letter: where a starred word ends its first letters.
# (The literal comes first so the regex engine can jump between stars.)
_STAR_AFTER_LETTER = re.compile(r"\*(?<=[a-z]\*)")


def _starred(text: str) -> Iterator[re.Match[str]]:
    """Starred words ("f**k"): found from each star that follows a letter (a fast
    literal search), so '*' decorations cost little."""
    done = 0
    for m in _STAR_AFTER_LETTER.finditer(text):
        i = p = m.start()
        if p < done:
            continue
        while i > done and i > p - 30 and text[i - 1].isalpha():
            i -= 1
        w = _STARRED.match(text, i)
        if w is not None:
            done = w.end()
            yield w


def _near(text: str, start: int, end: int, pattern: re.Pattern[str], spread: int) -> bool:
    s0, s1 = sentence_bounds(text, start, end)
    return pattern.search(text, max(0, s0 - spread), min(len(text), s1 + spread)) is not None


def _word_hit(text: str, start: int, end: int, f: _Form) -> Scored | None:
    entry = f.entry
    s0, _ = sentence_bounds(text, start, end)
    window = text[max(s0, start - 60) : start]
    strict = "i" in entry.flags and "d" not in entry.flags
    directed = (_DIRECTED_STRICT if strict else _DIRECTED).search(window) is not None
    if "d" in entry.flags and not directed:
        return None
    if f.unless is not None and _near(text, start, end, f.unless, 0):
        return None
    subtype, score = entry.subtype, entry.score
    if directed:
        score = min(0.98, score + 0.1)
        if "i" in entry.flags:
            subtype = "insult"
    return Scored(start, end, subtype, score)


_QUOTES = "\"'\u2018\u2019\u201c\u201d`"


def _in_quotes(text: str, start: int, end: int, s0: int, s1: int) -> bool:
    """True when the span sits inside a short quotation: "he called her 'a useless cow'".
    An apostrophe inside a word (don't, cow's) is not a quote mark."""
    def mark(i: int) -> bool:
        ch = text[i]
        if ch not in _QUOTES:
            return False
        if ch in "'\u2019":
            return not (0 < i < len(text) - 1 and text[i - 1].isalpha() and text[i + 1].isalpha())
        return True

    # the quote characters are found by a regex, so plain text costs one search
    if not any(mark(m.start()) for m in _QUOTE_CHAR.finditer(text, max(s0, start - 40), start)):
        return False
    return any(mark(m.start()) for m in _QUOTE_CHAR.finditer(text, end, min(s1, end + 40)))


_QUOTE_CHAR = re.compile(f"[{re.escape(_QUOTES)}]")


def _counter_speech(text: str, hit: Scored) -> float:
    """Multiplier for quoting abuse to condemn or report it ("calling her a 'slag' was
    disgusting", "the word X is unacceptable"): 0 drops the hit."""
    s0, s1 = sentence_bounds(text, hit.start, hit.end)
    before = text[max(s0, hit.start - 40) : hit.start]
    mentioned = (
        is_quoted(text, hit.start, hit.end)
        or _in_quotes(text, hit.start, hit.end, s0, s1)
        or _MENTION.search(before) is not None
    )
    if not mentioned:
        return 1.0
    # the condemnation may come in the next sentence: "He called her a 'slag'. Disgusting."
    if _CONDEMN.search(text, max(0, s0 - 150), min(len(text), s1 + 150)):
        return 0.0
    return 0.8


def lexicon_spans(text: str, hits: Sequence[Hit] | None = None) -> list[Scored]:
    """Abusive spans in `text` (folded view) with a subtype and a score in [0, 1].
    `hits`: this module's trigger hits in `text` when the caller has them already (the
    shared scan of a NormalisedText); otherwise `text` is scanned here."""
    if hits is None:
        hits = triggers.scan(text).get(_TRIGGERS.group, [])
    if not hits and "*" not in text:
        return []
    scored: list[Scored] = []
    for hit in _raw_hits(text, hits):
        k = _counter_speech(text, hit)
        if k > 0:
            scored.append(hit._replace(score=round(hit.score * k, 3)))
    return _merge(scored)[:MAX_FINDINGS]


def trigger_hits(text: NormalisedText) -> list[Hit]:
    """This model's hits from a NormalisedText's shared trigger scan (read directly:
    this runs for every message)."""
    return text.trigger_hits.get(_GROUP, _NO_HITS)


_GROUP = _TRIGGERS.group
_NO_HITS: list[Hit] = []


def scan(text: str) -> list[Hit]:
    """This model's trigger hits in a folded text that has no shared scan."""
    return triggers.scan(text).get(_GROUP, _NO_HITS)


_WORD_RE = re.compile(r"[a-z]+")


def characteristic(span: str) -> str:
    """The protected characteristic a hateful span is about ("religion or belief"), or ""."""
    for w in _WORD_RE.findall(span):
        about = ABOUT.get(w) or ABOUT.get(w[:-1]) or ABOUT.get(w[:-2])
        if about:
            return about
    return ""


def _merge(hits: list[Scored]) -> list[Scored]:
    """Overlapping hits become one, keeping the most serious subtype."""
    hits.sort(key=lambda h: (h.start, -h.end))
    out: list[Scored] = []
    for h in hits:
        if out and h.start < out[-1].end:
            prev = out[-1]
            best = max(prev, h, key=lambda x: (RANK.get(x.subtype, 0), x.score))
            out[-1] = Scored(prev.start, max(prev.end, h.end), best.subtype, best.score)
        else:
            out.append(h)
    return out
