"""Abuse scoring: the word list and the trained n-gram model, combined per sentence.

Why both: the word list is precise about the words it knows, including their innocent
uses ("Scunthorpe", "faggots and mushy peas"); the model reads the whole sentence, so
it catches hate and threats written without a listed word ("those people are vermin",
"watch your back") and tells condemning or quoting abuse from using it.

- A listed word keeps its own span and score, unless the model, reading a sentence
  long enough to judge, is fairly sure it is clean (abuse quoted or condemned, an
  innocent use): then the score is lowered, to at most 0.4 of it. Listed phrases
  ("go back to where you came from") are specific enough and are never lowered, nor
  are threats and harassment: a person should look at a quoted threat.
- A sentence holding a listed word that the word list let pass (an innocent use, or
  abuse quoted to condemn it) stays clean: the list knows those words best.
- A sentence with no listed word becomes a finding when the model's score for a subtype
  reaches that subtype's threshold; the span covers the words that drove the score.

Input is the *folded* view; spans index that same text.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence
from typing import NamedTuple

import numpy as np

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
# sentence with no listed word is the model's call alone. Chosen on held-out mail, not
# on the functional suite: at 0.6 (0.8 for threats, which the model reads into "you'll
# regret it", "kill" and "brick" too readily) 103 of 2,750 held-out SpamAssassin ham
# messages got a model-only finding, 160 at 0.5 / 0.7; dropping findings whose evidence
# words all lean clean as words (see _evidence) brings it to 92.
MODEL_FLOOR = 0.6
MODEL_FLOORS = {"threat": 0.8}
_MAX_SENTENCE = 300
_MAX_SENTENCES = 2000
# Sentences end at . ! ? ; or a blank line, not at every line break: mail wraps lines
# mid-sentence, and "you're trying to kill" is not what the line after it means.
_SENTENCE = re.compile(r"(?:\n(?![ \t]*\n))?[^.!?;\n]+(?:\n(?![ \t]*\n)[^.!?;\n]*)*")
# A model-only finding needs a sentence of at least this many words: on fragments the
# model has too little to read and falls back on its prior.
_MIN_WORDS = 3
# ...and it may lower a listed word only in a sentence of at least this many words.
_MIN_CONTEXT = 5
_WORD = re.compile(r"[a-z0-9*]+")
_HAS_LETTER = re.compile(r"[a-z]")
_SUBTYPES = ("profanity", "insult", "harassment", "hate", "threat", "sexual")


def sentences(text: str) -> list[tuple[int, int]]:
    """[start, end) of each sentence with letters, except those on quoted lines; long
    ones cut at spaces into pieces the model can read, and at most _MAX_SENTENCES per
    message (bounded work)."""
    out: list[tuple[int, int]] = []
    quoted = ">" in text
    for m in _SENTENCE.finditer(text):
        s, e = m.span()
        while e - s > _MAX_SENTENCE:
            cut = text.rfind(" ", s + _MAX_SENTENCE // 2, s + _MAX_SENTENCE)
            cut = cut if cut > s else s + _MAX_SENTENCE
            if _HAS_LETTER.search(text, s, cut) and not (quoted and _quoted_line(text, s)):
                out.append((s, cut))
            s = cut
        if _HAS_LETTER.search(text, s, e) and not (quoted and _quoted_line(text, s)):
            out.append((s, e))
        if len(out) >= _MAX_SENTENCES:
            break
    return out


def _quoted_line(text: str, start: int) -> bool:
    """True when a sentence starts on a line quoted from an earlier mail ("> ..."): the
    model reads what the writer wrote; the word list still checks quoted lines."""
    line = text.rfind("\n", 0, start) + 1
    while line < len(text) and text[line] in " \t":
        line += 1
    return line < len(text) and text[line] == ">"


def subtype_matrix(probs: np.ndarray, classes: Sequence[str]) -> np.ndarray:
    """Each subtype against clean, p(s) / (p(s) + p(clean)), one row per sentence and a
    column per subtype in _SUBTYPES order: not diluted when the model splits its belief
    between, say, insult and profanity."""
    names = list(classes)
    sub = probs[:, [names.index(s) for s in _SUBTYPES]]
    out: np.ndarray = sub / (sub + probs[:, [names.index("clean")]])
    return out


def subtype_scores(row: Sequence[float], classes: Sequence[str]) -> dict[str, float]:
    """subtype_matrix for one sentence, by name."""
    scores = subtype_matrix(np.asarray([row], dtype=np.float64), classes)[0]
    return dict(zip(_SUBTYPES, scores.tolist(), strict=True))


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
    scores = subtype_matrix(model.probabilities([text[a:b] for a, b in spans]), model.classes)
    per = [SentenceScores(a, b, dict(zip(_SUBTYPES, r.tolist(), strict=True)))
           for (a, b), r in zip(spans, scores, strict=True)]
    message = {s: max((p.scores[s] for p in per), default=0.0) for s in _SUBTYPES}
    return message, per


def _any_in(starts: list[int], s0: int, s1: int) -> bool:
    i = bisect_left(starts, s0)
    return i < len(starts) and starts[i] < s1


def _evidence(
    model: NgramModel, text: str, s0: int, s1: int, subtype: str
) -> tuple[int, int] | None:
    """The words that pushed the sentence towards `subtype`: from the first to the last
    word carrying at least a third of the strongest word's weight. None when every one
    of those words is a known word that, as a word, leans clean: the push came only
    from character grams they share with abusive words ("shoe", "bigger")."""
    weights = model.token_weights(text[s0:s1], subtype)
    top = max((w for _, _, w in weights), default=0.0)
    if top <= 0:
        return s0, s1
    strong = [(a, b) for a, b, w in weights if w >= top / 3]
    if all(model.word_push(text[s0 + a : s0 + b], subtype) <= 0 for a, b in strong):
        return None
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
    if hits is None:
        hits = scan(text)
    words = lexicon_spans(text, hits)
    spans = sentences(text)
    if not spans:
        return words
    # listed words by the sentence they start in (a word past the last scored sentence
    # keeps the word list's score)
    starts = [a for a, _ in spans]
    listed: dict[int, list[Scored]] = {}
    out: list[Scored] = []
    for hit in words:
        i = bisect_right(starts, hit.start) - 1
        if i >= 0 and hit.start < spans[i][1]:
            listed.setdefault(i, []).append(hit)
        else:
            out.append(hit)
    probs = model.probabilities([text[a:b] for a, b in spans])
    clean_col = probs[:, model.classes.index("clean")]
    scores = subtype_matrix(probs, model.classes)
    floors = np.array([max(limit(s), MODEL_FLOORS.get(s, MODEL_FLOOR)) for s in _SUBTYPES])
    candidates = np.flatnonzero((scores >= floors).any(axis=1)).tolist()
    vetoes = sorted(h.start for h in hits if "w" in h.tag)
    for i in sorted({*candidates, *listed}):
        s0, s1 = spans[i]
        n_words = len(_WORD.findall(text, s0, s1))
        if i in listed:
            clean = float(clean_col[i])
            cut = 0.0
            if n_words >= _MIN_CONTEXT and clean > CLEAN_FROM:
                cut = MAX_CUT * min(1.0, (clean - CLEAN_FROM) / CLEAN_SPAN)
            for hit in listed[i]:
                phrase = " " in text[hit.start : hit.end]
                k = 1.0 if phrase or hit.subtype in _NEVER_LOWERED else 1.0 - cut
                out.append(hit._replace(score=round(hit.score * k, 3)))
            continue
        if n_words < _MIN_WORDS or _any_in(vetoes, s0, s1):
            continue
        row = scores[i]
        passing = [j for j in range(len(_SUBTYPES)) if row[j] >= floors[j]]
        j = max(passing, key=lambda j: RANK[_SUBTYPES[j]])
        span = _evidence(model, text, s0, s1, _SUBTYPES[j])
        if span is not None:
            out.append(Scored(span[0], span[1], _SUBTYPES[j], round(float(row[j]), 3)))
        if len(out) >= MAX_FINDINGS:
            break
    out.sort(key=lambda h: (h.start, h.end))
    insults = [h for h in out if h.subtype == "insult" and h.score >= limit("insult")]
    if len(insults) >= 3:
        # repeated insults aimed at people read as harassment, not just rudeness
        out.append(Scored(insults[0].start, insults[-1].end, "harassment", 0.7))
    return out[:MAX_FINDINGS]


def characteristic(span: str) -> str:
    """The protected characteristic a hateful span is about ("religion or belief"), or
    "" when it cannot be told."""
    return _word_characteristic(span)
