"""The abuse functional suite (issue 3) is well-formed and covers every behaviour the
issue names with enough cases. Accuracy floors: tests/detectors/test_abuse_functional.py."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

from aupguard.model import ABUSE_SUBTYPES

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "abuse" / "functional.jsonl"
FIELDS = ("id", "text", "behaviour", "expect", "subtype", "characteristic", "note")
BEHAVIOURS = (
    "derogation",
    "dehumanisation",
    "threats",
    "slurs",
    "profanity_at_person",
    "counter_speech",
    "quoting",
    "negation",
    "neutral_identity",
    "obfuscation",
)
# The protected characteristics of the Equality Act 2010, s.4.
CHARACTERISTICS = (
    "age",
    "disability",
    "gender reassignment",
    "marriage and civil partnership",
    "pregnancy and maternity",
    "race",
    "religion or belief",
    "sex",
    "sexual orientation",
)
# Behaviours whose point is that the text is usually clean, and those usually abusive.
MOSTLY_CLEAN = ("counter_speech", "quoting", "negation", "neutral_identity")
MOSTLY_ABUSIVE = ("obfuscation",)


def _rows() -> list[dict[str, Any]]:
    with FIXTURE.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


ROWS = _rows()


def test_every_line_has_exactly_the_fields() -> None:
    assert len(ROWS) >= 320
    for row in ROWS:
        assert tuple(sorted(row)) == tuple(sorted(FIELDS)), row.get("id")
        assert isinstance(row["text"], str) and row["text"].strip(), row["id"]
        assert isinstance(row["note"], str) and row["note"].strip(), row["id"]


def test_ids_and_texts_are_unique() -> None:
    ids = Counter(r["id"] for r in ROWS)
    assert not [i for i, n in ids.items() if n > 1]
    texts = Counter(r["text"] for r in ROWS)
    assert not [t for t, n in texts.items() if n > 1]


def test_labels_are_known_values() -> None:
    for row in ROWS:
        assert row["behaviour"] in BEHAVIOURS, row["id"]
        assert row["expect"] in ("abusive", "clean"), row["id"]
        assert row["subtype"] is None or row["subtype"] in ABUSE_SUBTYPES, row["id"]
        assert row["characteristic"] is None or row["characteristic"] in CHARACTERISTICS, row["id"]


def test_abusive_cases_have_a_subtype_and_clean_cases_none() -> None:
    for row in ROWS:
        if row["expect"] == "abusive":
            assert row["subtype"] in ABUSE_SUBTYPES, row["id"]
        else:
            assert row["subtype"] is None and row["characteristic"] is None, row["id"]


def test_characteristic_only_on_hate_or_targeted_threats() -> None:
    for row in ROWS:
        if row["characteristic"] is not None:
            assert row["subtype"] in ("hate", "threat"), row["id"]


def test_hate_cases_mostly_name_the_characteristic() -> None:
    hate = [r for r in ROWS if r["subtype"] == "hate"]
    named = [r for r in hate if r["characteristic"]]
    assert len(hate) >= 40
    # a few ("those people are vermin") do not say who is meant
    assert len(named) >= 0.9 * len(hate)
    assert len({r["characteristic"] for r in named}) >= 8


def test_each_behaviour_has_enough_cases_of_both_kinds() -> None:
    counts = Counter(r["behaviour"] for r in ROWS)
    for b in BEHAVIOURS:
        assert counts[b] >= 25, (b, counts[b])
    for b in BEHAVIOURS:
        rows = [r for r in ROWS if r["behaviour"] == b]
        clean = sum(r["expect"] == "clean" for r in rows)
        if b in MOSTLY_CLEAN:
            assert clean > len(rows) * 0.6, b
        elif b in MOSTLY_ABUSIVE:
            assert clean < len(rows) * 0.4, b
        if b != "neutral_identity":
            assert 0 < clean < len(rows), b  # hard cases on both sides


def test_every_subtype_is_exercised() -> None:
    subtypes = Counter(r["subtype"] for r in ROWS if r["subtype"])
    for s in ABUSE_SUBTYPES:
        assert subtypes[s] >= 3, s


def test_issue_examples_present() -> None:
    texts = " ".join(r["text"] for r in ROWS).lower()
    for phrase in ("those people are vermin", "calling her that slur was disgusting",
                   "the new mosque opens on saturday", "i'm not saying he's an idiot"):
        assert phrase in texts, phrase


def test_obfuscation_covers_each_trick() -> None:
    notes = " ".join(r["note"] for r in ROWS if r["behaviour"] == "obfuscation").lower()
    for trick in ("leetspeak", "starred", "spaced", "cyrillic", "zero-width", "repeated"):
        assert trick in notes, trick
    texts = "".join(r["text"] for r in ROWS)
    assert "\u200b" in texts
    assert any("\u0400" <= c <= "\u04ff" for c in texts)
