"""Abuse scoring: the word list and the trained n-gram model, combined per sentence.

Why both: the word list is precise about the words it knows, including their innocent
uses ("Scunthorpe", "faggots and mushy peas"); the model reads the whole sentence, so
it catches hate and threats written without a listed word ("those people are vermin",
"watch your back") and tells condemning or quoting abuse from using it.

- A listed word keeps its own span and score, unless the model, reading a sentence
  long enough to judge, is fairly sure it is clean (abuse quoted or condemned, an
  innocent use): then the score is lowered, to at most 0.4 of it. Threats and
  harassment are never lowered: a person should look at a quoted threat.
- A sentence holding a listed word that the word list let pass (an innocent use, or
  abuse quoted to condemn it) stays clean: the list knows those words best.
- A sentence with no listed word becomes a finding when the model's score for a subtype
  reaches that subtype's threshold; the span covers the words that drove the score.

Input is the *folded* view; spans index that same text.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Sequence
from typing import NamedTuple

from aupguard.detectors._abuse_lexmatch import RANK, Scored, lexicon_spans, scan, trigger_hits
from aupguard.detectors._abuse_lexmatch import characteristic as _word_characteristic
from aupguard.detectors._abuse_ngrams import NgramModel, shipped_model
from aupguard.detectors._conduct import MAX_FINDINGS
from aupguard.text.triggers import Hit

__all__ = [
    "Scored", "SentenceScores", "characteristic", "profile", "score_sentences", "sentences",
    "trigger_hits",
]

# Default per-subtype thresholds when no pack is given (packs override, see Thresholds).
DEFAULT_THRESHOLD = 0.5
# A listed word is lowered when the model's p(clean) for its sentence passes CLEAN_FROM,
# down to (1 - MAX_CUT) of its score at CLEAN_FROM + CLEAN_SPAN and above.
CLEAN_FROM = 0.5
CLEAN_SPAN = 0.4
MAX_CUT = 0.6
_NEVER_LOWERED = frozenset({"threat", "harassment"})
# A model-only finding needs at least this score, whatever the pack's threshold: a
# sentence with no listed word is the model's call alone, and on ordinary mail (held-out
# SpamAssassin ham) scores between 0.5 and 0.7 are mostly noise. Threats need more: the
# model reads "you'll regret it", "kill" and "brick" as threats too readily, and the
# word list's own threat phrases (which need a target) still catch the plain ones.
MODEL_FLOOR = 0.7
MODEL_FLOORS = {"threat": 0.85}
_MAX_SENTENCE = 300
_MAX_SENTENCES = 2000
# Sentences end at . ! ? ; or a blank line, not at every line break: mail wraps lines
# mid-sentence, and "you're trying to kill" is not what the line after it means.
_SENTENCE_END = re.compile(r"[.!?;]+|\n[ \t]*\n")
# A model-only finding needs a sentence of at least this many words: on fragments the
# model has too little to read and falls back on its prior.
_MIN_WORDS = 3
# ...and it may lower a listed word only in a sentence of at least this many words.
_MIN_CONTEXT = 5
_WORD = re.compile(r"[a-z0-9*]+")
_HAS_LETTER = re.compile(r"[a-z]")
_SUBTYPES = ("profanity", "insult", "harassment", "hate", "threat", "sexual")


def sentences(text: str) -> list[tuple[int, int]]:
    """[start, end) of each sentence with letters; long ones cut at spaces into pieces
    the model can read, and at most _MAX_SENTENCES per message (bounded work)."""
    out: list[tuple[int, int]] = []
    bounds = [0]
    for m in _SENTENCE_END.finditer(text):
        bounds.extend(m.span())
    bounds.append(len(text))
    for s, e in zip(bounds[::2], bounds[1::2], strict=True):
        while e - s > _MAX_SENTENCE:
            cut = text.rfind(" ", s + _MAX_SENTENCE // 2, s + _MAX_SENTENCE)
            cut = cut if cut > s else s + _MAX_SENTENCE
            if _HAS_LETTER.search(text, s, cut):
                out.append((s, cut))
            s = cut
        if _HAS_LETTER.search(text, s, e):
            out.append((s, e))
        if len(out) >= _MAX_SENTENCES:
            break
    return out


def subtype_scores(row: Sequence[float], classes: Sequence[str]) -> dict[str, float]:
    """Each subtype against clean, p(s) / (p(s) + p(clean)): not diluted when the model
    splits its belief between, say, insult and profanity."""
    p = dict(zip(classes, row, strict=True))
    clean = p["clean"]
    return {s: p[s] / (p[s] + clean) for s in _SUBTYPES}


class SentenceScores(NamedTuple):
    start: int
    end: int
    scores: dict[str, float]


def profile(text: str, model: NgramModel | None = None) -> tuple[dict[str, float],
                                                                   list[SentenceScores]]:
    """The model's view of a folded text: per message (the highest of each subtype over
    its sentences) and per sentence, a score for every subtype. Used by reports and
    evaluation; findings come from score_sentences."""
    model = model or shipped_model()
    spans = sentences(text)
    rows = model.probabilities([text[a:b] for a, b in spans]) if spans else []
    per = [SentenceScores(a, b, subtype_scores(r.tolist(), model.classes))
           for (a, b), r in zip(spans, rows, strict=True)]
    message = {s: max((p.scores[s] for p in per), default=0.0) for s in _SUBTYPES}
    return message, per


def _any_in(starts: list[int], s0: int, s1: int) -> bool:
    i = bisect_left(starts, s0)
    return i < len(starts) and starts[i] < s1


def _evidence(model: NgramModel, text: str, s0: int, s1: int, subtype: str) -> tuple[int, int]:
    """The words that pushed the sentence towards `subtype`: from the first to the last
    word carrying at least a third of the strongest word's weight."""
    weights = model.token_weights(text[s0:s1], subtype)
    top = max((w for _, _, w in weights), default=0.0)
    if top <= 0:
        return s0, s1
    strong = [(a, b) for a, b, w in weights if w >= top / 3]
    return s0 + strong[0][0], s0 + strong[-1][1]


def score_sentences(
    text: str,
    hits: Sequence[Hit] | None = None,
    threshold: Callable[[str], float] | None = None,
    model: NgramModel | None = None,
) -> list[Scored]:
    """Abusive spans in `text` (folded view) with a subtype and a score in [0, 1].

    `hits`: the word list's trigger hits when the caller has them (the shared scan);
    `threshold(subtype)`: the pack's threshold, used to choose a model-only finding's
    subtype (the engine applies thresholds to every finding afterwards)."""
    limit = threshold or (lambda _s: DEFAULT_THRESHOLD)
    model = model or shipped_model()
    spans = sentences(text)
    if not spans:
        return []
    probs = model.probabilities([text[s:e] for s, e in spans])
    if hits is None:
        hits = scan(text)
    words = lexicon_spans(text, hits)
    vetoes = sorted(h.start for h in hits if "w" in h.tag)
    out: list[Scored] = []
    w = 0
    for (s0, s1), row in zip(spans, probs, strict=True):
        scores = subtype_scores(row.tolist(), model.classes)
        abusive = 1.0 - float(row[model.classes.index("clean")])
        listed = []
        while w < len(words) and words[w].start < s1:
            if words[w].end > s0:
                listed.append(words[w])
            w += 1
        n_words = len(_WORD.findall(text, s0, s1))
        if listed:
            clean = 1.0 - abusive
            cut = 0.0
            if n_words >= _MIN_CONTEXT and clean > CLEAN_FROM:
                cut = MAX_CUT * min(1.0, (clean - CLEAN_FROM) / CLEAN_SPAN)
            for hit in listed:
                k = 1.0 if hit.subtype in _NEVER_LOWERED else 1.0 - cut
                out.append(hit._replace(score=round(hit.score * k, 3)))
            continue
        if n_words < _MIN_WORDS or _any_in(vetoes, s0, s1):
            continue
        passing = [
            s for s in _SUBTYPES
            if scores[s] >= max(limit(s), MODEL_FLOORS.get(s, MODEL_FLOOR))
        ]
        if passing:
            subtype = max(passing, key=lambda s: RANK[s])
            a, b = _evidence(model, text, s0, s1, subtype)
            out.append(Scored(a, b, subtype, round(scores[subtype], 3)))
        if len(out) >= MAX_FINDINGS:
            break
    insults = [h for h in out if h.subtype == "insult" and h.score >= limit("insult")]
    if len(insults) >= 3:
        # repeated insults aimed at people read as harassment, not just rudeness
        out.append(Scored(insults[0].start, insults[-1].end, "harassment", 0.7))
    return out[:MAX_FINDINGS]


def characteristic(span: str) -> str:
    """The protected characteristic a hateful span is about ("religion or belief"), or
    "" when it cannot be told."""
    return _word_characteristic(span)
