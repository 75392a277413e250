"""The abuse detector on the functional suite (tests/fixtures/abuse/functional.jsonl),
behaviour by behaviour. The suite is never used in training (training/ reads only
Davidson, our own examples and one ham folder), so these are held-out figures.

Floors sit a little below what the shipped model measured when they were set (see
docs/benchmarks.md); raise them as the model improves, never lower them silently.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench"
if str(BENCH) not in sys.path:
    sys.path.insert(0, str(BENCH))

import eval_abuse_functional  # noqa: E402

# Measured with the committed model (accuracy per behaviour): derogation 0.750,
# dehumanisation 0.875, threats 0.781, slurs 0.875, profanity at a person 0.875,
# counter-speech 0.906, quoting 0.688, negation 0.844, neutral identity 1.000,
# obfuscation 0.912; overall 0.850. The word list alone scored 0.733 overall.
FLOORS = {
    "derogation": 0.72,
    "dehumanisation": 0.84,
    "threats": 0.75,
    "slurs": 0.84,
    "profanity_at_person": 0.84,
    "counter_speech": 0.87,
    "quoting": 0.65,
    "negation": 0.81,
    "neutral_identity": 0.96,
    "obfuscation": 0.88,
}
OVERALL_FLOOR = 0.82


@pytest.fixture(scope="module")
def result() -> dict[str, Any]:
    rows = eval_abuse_functional.load(eval_abuse_functional.FIXTURE)
    return eval_abuse_functional.evaluate(rows)


@pytest.mark.parametrize("behaviour", sorted(FLOORS))
def test_behaviour_accuracy_floor(result: dict[str, Any], behaviour: str) -> None:
    got = result["behaviours"][behaviour]
    wrong = [w["text"] for w in result["wrong"] if w["behaviour"] == behaviour]
    assert got["accuracy"] >= FLOORS[behaviour], wrong


def test_overall_accuracy_floor(result: dict[str, Any]) -> None:
    assert result["overall"]["accuracy"] >= OVERALL_FLOOR


def test_every_behaviour_has_a_floor(result: dict[str, Any]) -> None:
    assert set(result["behaviours"]) == set(FLOORS)
