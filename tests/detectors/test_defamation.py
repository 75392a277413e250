"""Defamation detector: allegations stated as fact about identifiable targets."""

from __future__ import annotations

import pytest
from _support import context, counted

from aupguard.detectors import defamation
from aupguard.detectors._conduct import MAX_FINDINGS
from aupguard.model import Finding


def found(text: str) -> list[Finding]:
    return counted(defamation.DETECTOR.detect(context(text)))


def test_span_covers_target_and_allegation() -> None:
    text = "Frankly, Cllr Parker has been lining her own pockets for years."
    (f,) = found(text)
    assert text[f.start : f.end] == "Cllr Parker has been lining her own pockets"
    assert f.category == "defamation" and f.subtype is None
    assert f.remedy is not None and f.remedy.kind == "review"
    assert "defamatory" in f.explanation


@pytest.mark.parametrize(
    "text",
    [
        "Mr Beckerson lied to the committee about the budget.",
        "Our treasurer has been embezzling the precept.",
        "Bloggs Builders Ltd ripped us off.",
        "The mayor is on the take.",
        "the corrupt clerk strikes again",
        "I reckon that Henderson is a crook.",
    ],
)
def test_allegations(text: str) -> None:
    assert found(text), text


@pytest.mark.parametrize(
    "text",
    [
        "A man was charged with fraud at Southend Crown Court.",
        "Residents are lying in wait for the bin lorry.",  # no identifiable target
        "Is the clerk corrupt? No, and here are the audited accounts.",  # question: softer
        "He stole the show at the carnival.",  # pronoun, no identifiable target
        "Cllr Jones is not corrupt.",
        "The council's fraud policy was updated in May.",
    ],
)
def test_non_allegations(text: str) -> None:
    assert found(text) == [], text


def test_incompetence_is_softer_than_crime() -> None:
    (a,) = defamation.DETECTOR.detect(context("The clerk is incompetent."))
    (b,) = defamation.DETECTOR.detect(context("The clerk is a thief."))
    assert a.score < b.score


def test_opinion_lowers_but_keeps_crime_allegation() -> None:
    (f,) = found("I think Cllr Jones took a bribe.")
    (g,) = found("Cllr Jones took a bribe.")
    assert f.score < g.score


def test_large_input() -> None:
    assert found("fraud " * 50_000) == []
    assert len(found("Cllr Jones is a liar. " * 2_000)) == MAX_FINDINGS  # capped


@pytest.mark.parametrize(
    "text",
    [
        "Mr Dawson has a conviction for fraud, you know.",
        "Cllr Price forged the survey results to get his way.",
        "The landlord of the Crown is selling drugs out of the back door.",
        "The chef at the Old Bell gave half the street food poisoning.",
        "Councillor Webb was sacked for fiddling his expenses.",
        "Henderson is a crook.",
        "The contractor who did the last job is a crook who stole from this town.",
    ],
)
def test_more_allegations(text: str) -> None:
    assert found(text), text


@pytest.mark.parametrize(
    "text",
    [
        "Politicians are all liars.",
        "Fraud is a serious crime; report it to Action Fraud.",
        "Residents were given food poisoning advice by the NHS.",
        "Dear Sir, thanks for your message about the bins.",
    ],
)
def test_more_non_allegations(text: str) -> None:
    assert found(text) == []
