"""political detector: realistic cases and hard negatives (examples: test_examples.py)."""

from __future__ import annotations

import pytest
from _support import COUNCIL, findings

from aupguard.detectors import political
from aupguard.model import Author, Finding
from aupguard.policy.schema import Council

DET = political.DETECTOR


def run(text: str, council: Council = COUNCIL, author: Author | None = None,
        **message: object) -> list[Finding]:
    return findings(DET, text, council, author, **message)


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
