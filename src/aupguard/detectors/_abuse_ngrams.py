"""The trained part of the abuse detector: a linear model over word and character n-grams.

Training (`training/train_abuse.py`) builds its rows from `sentence_features()` below,
and the checker sums the same features from cached per-word rows (a test holds the two
together), so the model sees at check time exactly what it saw in training. The
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
_SENTENCE_CACHE_SIZE = 50_000
_MAX_REMEMBERED_WORDS = 4 * _TOKEN_CACHE_SIZE


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
        n, k = self.coef.shape
        # One table of (k logit contributions, squared weight) rows: first every
        # vocabulary feature (word pairs are looked up here directly), then one row per
        # word met so far, the sum of that word's features, filled in as words arrive.
        table = np.zeros((n + 1 + _TOKEN_CACHE_SIZE, k + 1), dtype=np.float64)
        table[:n, :k] = self.idf[:, None] * self.coef
        table[:n, k] = self.idf * self.idf
        object.__setattr__(self, "_table", table)
        object.__setattr__(self, "_zero_row", n)  # all zeros: words with no known feature
        object.__setattr__(self, "_word_rows", {})
        object.__setattr__(self, "_rows_used", [n + 1])
        object.__setattr__(self, "_grow", threading.Lock())
        object.__setattr__(self, "_sentence_cache", {})

    def word_indices(self, token: str) -> list[int]:
        """Known features one word adds: itself and its distinct character n-grams."""
        ci = self.char_index.get
        out = [i for i in map(ci, set(char_grams(token))) if i is not None]
        w = self.word_index.get(token)
        if w is not None:
            out.append(w)
        return out

    def word_contribution(self, token: str) -> np.ndarray:
        """(k logit contributions, squared weight) of one word, unnormalised."""
        table: np.ndarray = self._table  # type: ignore[attr-defined]
        idx = self.word_indices(token)
        if not idx:
            return np.zeros(table.shape[1])
        out: np.ndarray = table[idx].sum(axis=0)
        return out

    def _word_row(self, token: str) -> int | np.ndarray:
        """The table row of a word, adding it on first sight; once the table is full,
        the contribution itself (computed each time, not cached)."""
        rows: dict[str, int] = self._word_rows  # type: ignore[attr-defined]
        got = rows.get(token)
        if got is not None:
            return got
        vec = self.word_contribution(token)
        if not vec.any():
            zero: int = self._zero_row  # type: ignore[attr-defined]
            if len(rows) < _MAX_REMEMBERED_WORDS:  # a stream of random strings stays bounded
                rows[token] = zero
            return zero
        with self._grow:  # type: ignore[attr-defined]
            got = rows.get(token)
            if got is not None:
                return got
            used: list[int] = self._rows_used  # type: ignore[attr-defined]
            table: np.ndarray = self._table  # type: ignore[attr-defined]
            if used[0] >= len(table):
                return vec
            table[used[0]] = vec
            rows[token] = used[0]
            used[0] += 1
            return rows[token]

    def forget_sentences(self) -> None:
        """Empty the sentence cache (benchmarks time unseen sentences with it)."""
        self._sentence_cache.clear()  # type: ignore[attr-defined]

    def probabilities(self, sentences: Sequence[str]) -> np.ndarray:
        """Class probabilities, one row per sentence, columns in `self.classes` order.
        Sentences seen before come from a cache: signatures, disclaimers and list
        footers repeat from message to message (41% of SpamAssassin's sentences)."""
        cache: dict[str, np.ndarray] = self._sentence_cache  # type: ignore[attr-defined]
        out = np.empty((len(sentences), len(self.classes)))
        todo: list[int] = []
        for i, text in enumerate(sentences):
            row = cache.get(text)
            if row is None:
                todo.append(i)
            else:
                out[i] = row
        if todo:
            fresh = self._compute([sentences[i] for i in todo])
            if len(cache) + len(todo) > _SENTENCE_CACHE_SIZE:
                cache.clear()
            for i, row in zip(todo, fresh, strict=True):
                out[i] = row
                cache[sentences[i]] = row
        return out

    def _compute(self, sentences: Sequence[str]) -> np.ndarray:
        """Class probabilities of sentences, uncached.

        Each sentence's row is the intercept plus the sum of its distinct words' and
        known word pairs' contributions over the root of their summed squared weights.
        Python only collects table rows; numpy sums them for all sentences at once."""
        table: np.ndarray = self._table  # type: ignore[attr-defined]
        rows: dict[str, int] = self._word_rows  # type: ignore[attr-defined]
        zero: int = self._zero_row  # type: ignore[attr-defined]
        pair_index = self.word_index.get
        ids: list[int] = []
        starts: list[int] = []
        extra: dict[int, np.ndarray] = {}
        join = " ".join
        pairs_on = self.meta.get("pairs", True)
        for n, text in enumerate(sentences):
            starts.append(len(ids))
            toks = tokens(text)
            uniq = list(dict.fromkeys(toks))
            found = list(map(rows.get, uniq))
            if None in found:
                for j, r in enumerate(found):
                    if r is None:
                        got = self._word_row(uniq[j])
                        if isinstance(got, np.ndarray):  # table full: add it separately
                            extra[n] = extra.get(n, 0) + got
                            got = zero
                        found[j] = got
            ids.extend(found)  # type: ignore[arg-type]
            if pairs_on and len(toks) > 1:
                pairs = dict.fromkeys(map(join, zip(toks, toks[1:], strict=False)))
                ids.extend([i for i in map(pair_index, pairs) if i is not None])
            ids.append(zero)  # every sentence has a row, even one with no words
        k = len(self.classes)
        sums = np.add.reduceat(table[ids], starts, axis=0) if ids else np.zeros((0, k + 1))
        for n, vec in extra.items():
            sums[n] += vec
        sq = sums[:, k]
        scale = np.divide(1.0, np.sqrt(sq), out=np.zeros_like(sq), where=sq > 0)
        logits = self.intercept[None, :].astype(np.float64) + sums[:, :k] * scale[:, None]
        logits -= logits.max(axis=1, keepdims=True)
        e = np.exp(logits)
        out: np.ndarray = e / e.sum(axis=1, keepdims=True)
        return out

    def word_push(self, token: str, label: str) -> float:
        """How the word itself (its unigram feature, not its character grams) leans
        towards `label` rather than clean; +inf for a word the vocabulary lacks, whose
        grams are all the model has to go on (an unseen spelling of a slur, say)."""
        i = self.word_index.get(token)
        if i is None:
            return math.inf
        k, clean = self.classes.index(label), self.classes.index("clean")
        return float(self.coef[i, k] - self.coef[i, clean])

    def token_weights(self, text: str, label: str) -> list[tuple[int, int, float]]:
        """(start, end, weight) of each word of `text` by how much it pushed the sentence
        towards `label` rather than clean: the evidence a report highlights. A word pair's
        weight is shared between its two words."""
        k, clean = self.classes.index(label), self.classes.index("clean")
        table: np.ndarray = self._table  # type: ignore[attr-defined]
        toks = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text)]
        if not toks:
            return []
        words = {t: self.word_contribution(t) for _, _, t in toks}
        pairs: list[np.ndarray | None] = []
        for a, b in zip(toks, toks[1:], strict=False):
            i = self.word_index.get(f"{a[2]} {b[2]}")
            pairs.append(None if i is None else table[i])
        sq = sum(float(v[-1]) for v in words.values())
        seen: set[str] = set()
        for (a, b), p in zip(zip(toks, toks[1:], strict=False), pairs, strict=True):
            if p is not None and f"{a[2]} {b[2]}" not in seen:
                seen.add(f"{a[2]} {b[2]}")
                sq += float(p[-1])
        if sq <= 0:
            return []
        scale = 1.0 / math.sqrt(sq)
        out: list[tuple[int, int, float]] = []
        for j, (s, e, t) in enumerate(toks):
            vec = words[t]
            score = float(vec[k] - vec[clean])
            for p in (pairs[j - 1] if j else None, pairs[j] if j < len(pairs) else None):
                if p is not None:
                    score += float(p[k] - p[clean]) / 2
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
