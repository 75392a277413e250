"""The trained part of the abuse detector: a linear model over word and character n-grams.

Training (`training/train_abuse.py`) and checking both turn text into features with
`grams()` below, so the model sees at check time exactly what it saw in training. The
model file is ours (`models/abuse.aupm`): a JSON header, the vocabulary, idf weights and
a coefficient matrix, read with numpy without pickle, so loading runs no code from the
file and needs no network.

Input is the *folded* view of a message (lower case, leetspeak and look-alike letters
undone, spaced and starred letters joined, long repeats cut to two), so evasions reach
the model already undone.
"""

from __future__ import annotations

import json
import math
import re
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import numpy as np

MAGIC = b"AUPM1\n"
CLASSES = ("clean", "profanity", "insult", "harassment", "hate", "threat", "sexual")
_TOKEN = re.compile(r"[a-z0-9*]+(?:'[a-z]+)?")
_URL = re.compile(r"https?://\S+|www\.\S+")
_MENTION = re.compile(r"@\w+")
_CHAR_SIZES = (2, 3, 4, 5)
_TOKEN_CACHE_SIZE = 100_000


def tokens(text: str) -> list[str]:
    """Words of a folded sentence, with links and @handles reduced to placeholders."""
    if "http" in text or "www." in text:
        text = _URL.sub(" url ", text)
    if "@" in text:
        text = _MENTION.sub(" atuser ", text)
    return _TOKEN.findall(text)


def char_grams(token: str) -> list[str]:
    """Character 2-5-grams of one word padded with spaces (scikit-learn's char_wb)."""
    p = f" {token} "
    n = len(p)
    return [p[i : i + k] for k in _CHAR_SIZES if k <= n for i in range(n - k + 1)]


def sentence_features(text: str) -> tuple[list[str], list[str], list[str]]:
    """(distinct words, their character n-grams, distinct word pairs) of a sentence.

    The feature map is additive over distinct words: each word adds its own unigram and
    character n-grams (a gram shared by two different words counts twice), each distinct
    pair adds its bigram, and the sum is divided by the square root of the sum of the
    squared weights added. Training builds exactly this (training/abuse_model.py), and it
    lets the checker keep each word's contribution ready-made."""
    toks = tokens(text)
    words = list(dict.fromkeys(toks))
    chars = [g for t in words for g in set(char_grams(t))]
    pairs = list(dict.fromkeys(f"{a} {b}" for a, b in zip(toks, toks[1:], strict=False)))
    return words, chars, pairs


_Contribution = tuple[tuple[float, ...], float]


@dataclass(frozen=True)
class NgramModel:
    """Vocabulary, idf and a (features x classes) coefficient matrix; softmax on top."""

    classes: tuple[str, ...]
    word_index: dict[str, int]
    char_index: dict[str, int]
    idf: np.ndarray
    coef: np.ndarray
    intercept: np.ndarray
    meta: dict[str, object]

    def __post_init__(self) -> None:
        object.__setattr__(self, "_icoef", self.idf[:, None] * self.coef)
        object.__setattr__(self, "_idf2", self.idf * self.idf)
        object.__setattr__(self, "_bias", tuple(float(x) for x in self.intercept))
        object.__setattr__(self, "_zero", (0.0,) * len(self.classes))
        object.__setattr__(self, "_word_cache", {})
        object.__setattr__(self, "_pair_cache", {})

    def word_indices(self, token: str) -> list[int]:
        """Known features one word adds: itself and its distinct character n-grams."""
        ci = self.char_index.get
        out = [i for i in map(ci, set(char_grams(token))) if i is not None]
        w = self.word_index.get(token)
        if w is not None:
            out.append(w)
        return out

    def _contribution(self, idx: list[int]) -> _Contribution:
        if not idx:
            return self._zero, 0.0  # type: ignore[attr-defined]
        icoef: np.ndarray = self._icoef  # type: ignore[attr-defined]
        idf2: np.ndarray = self._idf2  # type: ignore[attr-defined]
        vec = icoef[idx].sum(axis=0)
        return tuple(float(x) for x in vec), float(idf2[idx].sum())

    def word_contribution(self, token: str) -> _Contribution:
        """(unnormalised logit contribution per class, squared weight) of one word,
        cached: words repeat across messages."""
        cache: dict[str, _Contribution] = self._word_cache  # type: ignore[attr-defined]
        got = cache.get(token)
        if got is None:
            got = self._contribution(self.word_indices(token))
            if len(cache) >= _TOKEN_CACHE_SIZE:
                cache.clear()
            cache[token] = got
        return got

    def _pair_contribution(self, pair: str) -> _Contribution | None:
        cache: dict[str, _Contribution] = self._pair_cache  # type: ignore[attr-defined]
        got = cache.get(pair)
        if got is None:
            i = self.word_index.get(pair)
            if i is None:
                return None
            got = self._contribution([i])
            if len(cache) >= _TOKEN_CACHE_SIZE:
                cache.clear()
            cache[pair] = got
        return got

    def logits(self, text: str) -> list[float]:
        """Class logits of one sentence: the intercept plus the normalised sum of its
        words' and word pairs' contributions (pure Python: no per-call numpy cost)."""
        toks = tokens(text)
        parts = [self.word_contribution(t) for t in dict.fromkeys(toks)]
        pget = self._pair_contribution
        for pair in dict.fromkeys(f"{a} {b}" for a, b in zip(toks, toks[1:], strict=False)):
            got = pget(pair)
            if got is not None:
                parts.append(got)
        sq = sum(p[1] for p in parts)
        bias: tuple[float, ...] = self._bias  # type: ignore[attr-defined]
        if sq <= 0:
            return list(bias)
        scale = 1.0 / math.sqrt(sq)
        columns = zip(*[p[0] for p in parts], strict=True)
        return [b + scale * sum(col) for b, col in zip(bias, columns, strict=True)]

    def probabilities(self, sentences: Sequence[str]) -> np.ndarray:
        """Class probabilities, one row per sentence, columns in `self.classes` order."""
        rows = []
        for text in sentences:
            z = self.logits(text)
            top = max(z)
            e = [math.exp(v - top) for v in z]
            total = sum(e)
            rows.append([v / total for v in e])
        return np.array(rows, dtype=np.float64).reshape(len(sentences), len(self.classes))

    def token_weights(self, text: str, label: str) -> list[tuple[int, int, float]]:
        """(start, end, weight) of each word of `text` by how much it pushed the sentence
        towards `label` rather than clean: the evidence a report highlights. A word pair's
        weight is shared between its two words."""
        k, clean = self.classes.index(label), self.classes.index("clean")
        toks = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text)]
        if not toks:
            return []
        weights = [self.word_contribution(t) for _, _, t in toks]
        pairs = [self._pair_contribution(f"{a[2]} {b[2]}") for a, b in zip(toks, toks[1:],
                                                                        strict=False)]
        sq = sum(w[1] for w in dict(zip([t for _, _, t in toks], weights, strict=True)).values())
        sq += sum(p[1] for p in dict.fromkeys(pairs) if p is not None)
        if sq <= 0:
            return []
        scale = 1.0 / math.sqrt(sq)
        out: list[tuple[int, int, float]] = []
        for j, (s, e, _) in enumerate(toks):
            vec = weights[j][0]
            score = vec[k] - vec[clean]
            for p in (pairs[j - 1] if j else None, pairs[j] if j < len(pairs) else None):
                if p is not None:
                    score += (p[0][k] - p[0][clean]) / 2
            out.append((s, e, score * scale))
        return out


def load(path: Path | None = None) -> NgramModel:
    """Read a model file (default: the one shipped in the package)."""
    data = path.read_bytes() if path else _shipped().read_bytes()
    return parse(data)


def parse(data: bytes) -> NgramModel:
    if not data.startswith(MAGIC):
        raise ValueError("not an aupguard n-gram model file")
    head_end = data.index(b"\n", len(MAGIC))
    meta = json.loads(data[len(MAGIC) : head_end])
    pos = head_end + 1
    vocab_len = int(meta["vocab_bytes"])
    vocab = data[pos : pos + vocab_len].decode("utf-8").split("\n")
    pos += vocab_len
    n, k = len(vocab), len(meta["classes"])
    n_words = int(meta["word_features"])
    idf = np.frombuffer(data, dtype="<f4", count=n, offset=pos)
    pos += 4 * n
    coef = np.frombuffer(data, dtype="<f4", count=n * k, offset=pos).reshape(n, k)
    return NgramModel(
        classes=tuple(meta["classes"]),
        word_index={g: i for i, g in enumerate(vocab[:n_words])},
        char_index={g: i + n_words for i, g in enumerate(vocab[n_words:])},
        idf=idf,
        coef=coef,
        intercept=np.asarray(meta["intercept"], dtype=np.float32),
        meta=meta,
    )


def dump(
    words: Sequence[str],
    chars: Sequence[str],
    idf: np.ndarray,
    coef: np.ndarray,
    intercept: Iterable[float],
    meta: dict[str, object],
) -> bytes:
    """The model file's bytes; identical inputs give identical bytes (no timestamps)."""
    vocab = "\n".join([*words, *chars]).encode("utf-8")
    head = dict(meta)
    head.update(
        classes=list(CLASSES),
        word_features=len(words),
        vocab_bytes=len(vocab),
        intercept=[round(float(x), 7) for x in intercept],
    )
    header = json.dumps(head, sort_keys=True, separators=(",", ":")).encode("utf-8")
    return b"".join(
        [
            MAGIC,
            header,
            b"\n",
            vocab,
            np.asarray(idf, dtype="<f4").tobytes(),
            np.ascontiguousarray(coef, dtype="<f4").tobytes(),
        ]
    )


def idf_weights(df: np.ndarray, n_docs: int) -> np.ndarray:
    """scikit-learn's smoothed idf: ln((1 + n) / (1 + df)) + 1."""
    return np.array([math.log((1 + n_docs) / (1 + d)) + 1 for d in df], dtype=np.float32)


def _shipped() -> Path:
    return Path(str(resources.files("aupguard.detectors") / "models" / "abuse.aupm"))


_lock = threading.Lock()
_model: NgramModel | None = None


def shipped_model() -> NgramModel:
    """The packaged model, loaded once on first use (a check that never reaches the
    abuse detector does not pay for it)."""
    global _model
    if _model is None:
        with _lock:
            if _model is None:
                _model = load()
    return _model
