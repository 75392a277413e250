"""political detector: shipped examples under two councils, hard negatives."""

from __future__ import annotations

import dataclasses

import pytest

from aupguard.detectors import political
from aupguard.detectors.base import Context, Example
from aupguard.model import Author, Finding, Message
from aupguard.policy.schema import Council, Register, Thresholds
from aupguard.text import normalise

COUNCIL = Council(
    name="Leigh-on-Sea Town Council", email_domains=("leighonseatowncouncil.gov.uk",)
)
BELPER = Council(name="Belper Town Council")
DET = political.DETECTOR


def run(text: str, council: Council = COUNCIL, author: Author | None = None,
        **message: object) -> list[Finding]:
    msg = Message(text=text, author=author or Author(), **message)  # type: ignore[arg-type]
    ctx = Context(message=msg, text=normalise(text), council=council, register=Register())
    t = Thresholds()
    return [f for f in DET.detect(ctx) if f.score >= t.for_finding(f.category, f.subtype)]


@pytest.mark.parametrize("council", [COUNCIL, BELPER], ids=["leigh", "belper"])
@pytest.mark.parametrize("ex", DET.examples, ids=lambda e: e.text[:40])
def test_examples(ex: Example, council: Council) -> None:
    author = dataclasses.replace(Author(), **ex.author)  # type: ignore[arg-type]
    msg = dataclasses.replace(Message(text=ex.text, author=author), **ex.message)  # type: ignore[arg-type]
    ctx = Context(message=msg, text=normalise(ex.text), council=council)
    t = Thresholds()
    found = [f for f in DET.detect(ctx) if f.score >= t.for_finding(f.category, f.subtype)]
    if ex.subtype is not None:
        assert any(f.subtype == ex.subtype for f in found) == ex.expect, found
    else:
        assert bool(found) == ex.expect, found


def test_findings_well_formed() -> None:
    for ex in DET.examples:
        if not ex.expect:
            continue
        author = dataclasses.replace(Author(), **ex.author)  # type: ignore[arg-type]
        msg = dataclasses.replace(Message(text=ex.text, author=author), **ex.message)  # type: ignore[arg-type]
        for f in DET.detect(Context(message=msg, text=normalise(ex.text), council=COUNCIL)):
            assert f.category == DET.category
            assert 0.0 <= f.score <= 1.0
            assert 0 <= f.start <= f.end <= len(ex.text)
            assert f.explanation and f.clause is None and f.action is None


def test_pathological_inputs_do_not_crash() -> None:
    for text in ("", "a" * 100_000, "vote for the " * 2000, "\u00e9\u0130\u200b" * 3000,
                 "<b>" * 5000):
        assert isinstance(run(text), list)


@pytest.mark.parametrize("text", [
    "Vote Conservative on Thursday!",
    "Please vote Lib Dem in the county elections.",
    "Re-elect Cllr Smith for West Leigh.",
    "Canvassers needed: meet at the station on Saturday morning.",
    "Donate to our campaign: every pound helps us win.",
    "Promoted by J Smith on behalf of the Leigh Labour Party, 1 High St.",
    "#VoteGreen",
])
def test_campaigning_found(text: str) -> None:
    found = run(text)
    assert found and found[0].category == "political"
    assert found[0].remedy is not None and found[0].remedy.kind == "review"


@pytest.mark.parametrize("text", [
    "The MP visited the library on Friday.",
    "Members voted for the proposal to extend the cemetery.",
    "Councillors will vote for the budget at Full Council.",
    "The election count is on Thursday at the leisure centre.",
    "We will canvass residents' views on the new play area.",
])
def test_neutral_mentions_ignored(text: str) -> None:
    assert run(text) == []


def test_span_points_at_the_call_to_vote() -> None:
    text = "Busy week. Vote Reform on 2 May!"
    f = run(text)[0]
    assert text[f.start:f.end].lower().startswith("vote reform")


@pytest.mark.parametrize("text", [
    "The Tories have wrecked this country. Vote them out!",
    "Reform UK street stall on Saturday - new members wanted.",
    "Agenda for the Constituency Labour Party meeting is attached.",
    "Could I print the party leaflets on the council copier tonight?",
])
def test_party_activity_found(text: str) -> None:
    assert run(text)


@pytest.mark.parametrize("text", [
    "Cllr Jones (Conservative) chaired the planning committee.",
    "The electoral reform society will hold a talk at the library.",
    "Election leaflets must not be fixed to council lamp posts.",
])
def test_party_labels_and_rules_ignored(text: str) -> None:
    assert run(text) == []
