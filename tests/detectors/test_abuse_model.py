"""The trained n-gram model behind the abuse detector: it ships in the package, loads
without a network, reads sentences the way training built them, explains itself, and
the pack's per-subtype thresholds decide what counts."""

from __future__ import annotations

import hashlib
import math
from pathlib import Path

import numpy as np
import pytest
from _support import context

from aupguard.detectors import abuse
from aupguard.detectors._abuse_model import profile, score_sentences, sentences, subtype_scores
from aupguard.detectors._abuse_ngrams import (
    CLASSES,
    NgramModel,
    _shipped,
    parse,
    sentence_features,
    shipped_model,
)
from aupguard.model import ABUSE, ABUSE_SUBTYPES
from aupguard.policy.schema import Thresholds
from aupguard.text import normalise


def folded(text: str) -> str:
    return normalise(text).folded.text


def test_model_ships_in_the_package_and_is_small() -> None:
    path = _shipped()
    assert path.is_file()
    assert path.stat().st_size < 25 * 1024 * 1024
    model = shipped_model()
    assert model.classes == CLASSES
    assert set(CLASSES) == {"clean", *ABUSE_SUBTYPES}
    assert model.coef.shape == (len(model.idf), len(CLASSES))
    assert model.meta["training"]["davidson_rows"] > 10_000  # type: ignore[index]


def test_a_file_that_is_not_a_model_is_refused() -> None:
    with pytest.raises(ValueError, match="not an aupguard n-gram model"):
        parse(b"PK\x03\x04 something else")


def test_scores_match_the_training_feature_map() -> None:
    """Training builds rows from `sentence_features` (training/abuse_model.py); the
    checker sums cached per-word rows. Both must give the same probabilities."""
    model = shipped_model()
    text = folded("You lot are vermin and the clerk is a useless cow, frankly, you lot")
    words, chars, pairs = sentence_features(text)
    idx = [model.word_index[w] for w in words if w in model.word_index]
    idx += [model.char_index[g] for g in chars if g in model.char_index]
    idx += [model.word_index[p] for p in pairs if p in model.word_index]
    w = model.idf[idx].astype(np.float64)
    logits = model.intercept + (w / math.sqrt(float(w @ w))) @ model.coef[idx]
    expected = np.exp(logits - logits.max()) / np.exp(logits - logits.max()).sum()
    assert np.allclose(model.probabilities([text])[0], expected, atol=1e-5)
    probs = model.probabilities([text, "", "the bins are out on tuesday"])
    assert probs.shape == (3, len(CLASSES))
    assert np.allclose(probs.sum(axis=1), 1.0)


def test_every_sentence_gets_a_score_for_every_subtype() -> None:
    model = shipped_model()
    text = folded("The meeting is on Tuesday. Those people are vermin!")
    spans = sentences(text)
    assert len(spans) == 2
    rows = model.probabilities([text[a:b] for a, b in spans])
    calm, nasty = (subtype_scores(r.tolist(), model.classes) for r in rows)
    assert set(calm) == set(ABUSE_SUBTYPES) == set(nasty)
    assert max(calm.values()) < 0.5 < nasty["hate"]


@pytest.mark.parametrize(
    ("text", "subtype"),
    [
        ("Those people are vermin and should be driven out of our town.", "hate"),
        ("Watch yourself on the way home after the meeting, councillor.", "threat"),
    ],
)
def test_the_model_finds_abuse_without_any_listed_word(text: str, subtype: str) -> None:
    found = [s for s in score_sentences(folded(text)) if s.score >= 0.5]
    assert [s.subtype for s in found] == [subtype]


@pytest.mark.parametrize(
    "text",
    [
        "The new mosque opens on Saturday and all are welcome.",
        "Our Pride picnic is in the park on Sunday; everyone is welcome.",
        "Pest control will deal with the rats at the allotments this week.",
        "The clerk will kill the old server process tonight and restart it.",
    ],
)
def test_neutral_sentences_stay_clean(text: str) -> None:
    assert [s for s in score_sentences(folded(text)) if s.score >= 0.5] == []


def test_evidence_is_the_words_that_drove_the_score() -> None:
    text = "The agenda is attached. Honestly, those people are vermin."
    (f,) = [f for f in abuse.DETECTOR.detect(context(text)) if f.subtype == "hate"]
    span = text[f.start : f.end]
    assert "vermin" in span and "agenda" not in span


def test_hate_names_the_protected_characteristic() -> None:
    (f,) = abuse.DETECTOR.detect(context("Muslims are a disease on this town."))
    assert f.subtype == "hate"
    assert "religion or belief" in f.explanation


@pytest.mark.parametrize(
    "text",
    [
        "Those people are v3rm1n and should be driven out of our town.",
        "Those people are v e r m i n and should be driven out of our town.",
        "Those people are v\u0435rmin and should be driven out of our town.",  # Cyrillic e
        "Those people are ver\u200bmin and should be driven out of our town.",
        "Those people are verrrrmin and should be driven out of our town.",
    ],
)
def test_evasions_reach_the_model_undone(text: str) -> None:
    found = [f for f in abuse.DETECTOR.detect(context(text)) if f.score >= 0.5]
    assert [f.subtype for f in found] == ["hate"]


def test_pack_thresholds_decide_per_subtype() -> None:
    text = "Those people are vermin and should be driven out of our town."
    strict = Thresholds(abuse={"hate": 0.3})
    lax = Thresholds(abuse={"hate": 0.999})
    assert any(f.subtype == "hate" for f in abuse.DETECTOR.detect(context(text)))
    got = [f for f in abuse.DETECTOR.detect(context(text, thresholds=lax))
           if f.score >= lax.for_finding(ABUSE, f.subtype)]
    assert got == []
    assert [f.subtype for f in abuse.DETECTOR.detect(context(text, thresholds=strict))] == ["hate"]


def test_long_inputs_are_scored_in_bounded_pieces() -> None:
    text = folded("you lot are vermin " * 20_000)
    spans = sentences(text)
    assert all(b - a <= 300 for a, b in spans)
    assert len(spans) <= 2000


def test_profile_scores_every_subtype_per_message_and_per_sentence() -> None:
    text = folded("Lovely weather for the fete. Watch your back on the way home, councillor.")
    message, per = profile(text)
    assert set(message) == set(ABUSE_SUBTYPES)
    assert len(per) == 2 and all(set(p.scores) == set(ABUSE_SUBTYPES) for p in per)
    assert message["threat"] == max(p.scores["threat"] for p in per)
    assert per[1].scores["threat"] > per[0].scores["threat"]
    assert profile("") == ({s: 0.0 for s in ABUSE_SUBTYPES}, [])


def test_shipped_model_was_trained_on_the_committed_examples() -> None:
    """Editing training/data/own_examples.jsonl without retraining fails here."""
    own = Path(__file__).resolve().parents[2] / "training" / "data" / "own_examples.jsonl"
    training = shipped_model().meta["training"]
    assert isinstance(training, dict)
    assert training["own_sha256"] == hashlib.sha256(own.read_bytes()).hexdigest()


def test_a_finding_needs_an_evidence_word_that_leans_abusive_by_itself(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """When every evidence word is a known word leaning clean on its own, the push came
    only from character grams shared with abusive words: no model-only finding."""
    text = folded("Watch yourself on the way home after the meeting, councillor.")
    assert [s.subtype for s in score_sentences(text)] == ["threat"]  # no listed word
    assert shipped_model().word_push("vermin", "hate") > 0
    assert shipped_model().word_push("qzxv", "hate") == math.inf  # unknown: grams only
    monkeypatch.setattr(NgramModel, "word_push", lambda self, token, label: -1.0)
    assert score_sentences(text) == []
