"""Training-side code for the shipped abuse model, shared by train_abuse.py and
eval_abuse.py.

Features come from `aupguard.detectors._abuse_ngrams.sentence_features`, the map the detector
uses at check time, applied to aupguard's folded text view, so training and checking
cannot drift apart. The classifier is scikit-learn's LogisticRegression (multinomial,
lbfgs, deterministic); only its numbers are kept, in aupguard's own model format.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp
from sklearn.linear_model import LogisticRegression

from aupguard.detectors._abuse_ngrams import CLASSES, idf_weights, sentence_features
from aupguard.text import normalise as aup_normalise
from split import SEED

WORD_MIN_DF = 2
CHAR_MIN_DF = 3
C = 4.0
_RT = re.compile(r"(^|\s)rt(\s|$)", re.IGNORECASE)


def fold(text: str) -> str:
    """What the detector sees: HTML entities decoded, retweet markers dropped, then
    aupguard's normaliser (folded view)."""
    text = _RT.sub(" ", html.unescape(html.unescape(text)))
    return aup_normalise(text).folded.text


@dataclass
class Vocabulary:
    words: list[str]
    chars: list[str]
    idf: np.ndarray

    def index(self) -> tuple[dict[str, int], dict[str, int]]:
        n = len(self.words)
        return (
            {g: i for i, g in enumerate(self.words)},
            {g: i + n for i, g in enumerate(self.chars)},
        )


Doc = tuple[list[str], list[str], list[str]]


PAIRS = True  # word-pair features (train_abuse.py --no-pairs turns them off)


def features(text: str) -> Doc:
    """(distinct words, their character n-grams, distinct word pairs) of a folded text."""
    words, chars, pairs = sentence_features(text)
    return words, chars, pairs if PAIRS else []


def build_vocabulary(docs: Sequence[Doc]) -> Vocabulary:
    """Grams seen in enough documents, sorted so the file is the same on every run.
    Word unigrams and pairs share the word vocabulary (a pair contains a space)."""
    wdf: Counter[str] = Counter()
    cdf: Counter[str] = Counter()
    for words, chars, pairs in docs:
        wdf.update(set(words) | set(pairs))
        cdf.update(set(chars))
    words = sorted(g for g, d in wdf.items() if d >= WORD_MIN_DF)
    chars = sorted(g for g, d in cdf.items() if d >= CHAR_MIN_DF)
    df = np.array([wdf[g] for g in words] + [cdf[g] for g in chars])
    return Vocabulary(words, chars, idf_weights(df, len(docs)))


def matrix(docs: Sequence[Doc], vocab: Vocabulary) -> sp.csr_matrix:
    """One row per text, built as `NgramModel.logits` reads it: every known word, each of
    its character n-grams and every known word pair add their idf weight (a gram shared
    by two different words adds twice), divided by the root of the sum of the squared
    weights added."""
    windex, cindex = vocab.index()
    idf = vocab.idf.astype(np.float64)
    indptr, indices, data = [0], [], []
    for words, chars, pairs in docs:
        idx = [i for i in map(windex.get, words) if i is not None]
        idx += [i for i in map(cindex.get, chars) if i is not None]
        idx += [i for i in map(windex.get, pairs) if i is not None]
        # sorted: character grams come from sets, whose order changes with Python's hash
        # seed, and the norm must be summed in the same order on every run
        idx.sort()
        w = idf[idx]
        if idx:
            w = w / np.sqrt(np.dot(w, w))
        indices.extend(idx)
        data.extend(w.tolist())
        indptr.append(len(indices))
    n = len(vocab.words) + len(vocab.chars)
    m = sp.csr_matrix((data, indices, indptr), shape=(len(docs), n), dtype=np.float64)
    m.sum_duplicates()
    return m


CLASS_WEIGHT = "sqrt"  # or "balanced" (scikit-learn's) or "none"


def class_weights(y: Sequence[int]) -> dict[int, float] | str | None:
    """scikit-learn's balanced weights, their square root (rare classes count more, but
    less than balanced), or none."""
    if CLASS_WEIGHT == "balanced":
        return "balanced"
    if CLASS_WEIGHT == "none":
        return None
    counts = Counter(y)
    n, k = len(y), len(counts)
    return {c: float(np.sqrt(n / (k * m))) for c, m in sorted(counts.items())}


def fit(x: sp.csr_matrix, y: Sequence[int], c: float = C) -> LogisticRegression:
    """Multinomial logistic regression, classes weighted by CLASS_WEIGHT."""
    clf = LogisticRegression(
        C=c, class_weight=class_weights(y), max_iter=3000, random_state=SEED, solver="lbfgs"
    )
    return clf.fit(x, np.asarray(y))


def to_davidson(proba: np.ndarray) -> np.ndarray:
    """Collapse the model's classes to Davidson's: (hate, offensive, neither)."""
    k = {c: i for i, c in enumerate(CLASSES)}
    hate = proba[:, k["hate"]]
    neither = proba[:, k["clean"]]
    return np.stack([hate, 1.0 - hate - neither, neither], axis=1)


def decide(three: np.ndarray, weights: Sequence[float]) -> np.ndarray:
    """Davidson class (0 hate, 1 offensive, 2 neither) from collapsed probabilities,
    each scaled by a weight chosen on out-of-fold training predictions."""
    return np.asarray((three * np.asarray(weights)).argmax(axis=1))


__all__ = [
    "CLASSES", "Doc", "Vocabulary", "build_vocabulary", "decide", "features", "fit", "fold",
    "matrix", "to_davidson",
]
