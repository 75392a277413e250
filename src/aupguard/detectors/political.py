"""Party-political campaigning (Belper: "Use the Council's systems for political party
activity"). The engine decides where the clause applies; this only finds campaigning.

Councils talk about elections, polling stations and MPs all the time, and councillors
vote on motions, so neutral mentions and "vote for the proposal" never count: only a
call to vote for or join a party or candidate, canvassing, leafleting, campaign
donations and election-material imprints.
"""

from __future__ import annotations

import re

from aupguard.detectors.base import Context, Example
from aupguard.model import POLITICAL, Finding, Remedy

_PARTY = (
    r"labour|conservatives?|tor(?:y|ies)|lib\s?dems?|liberal\s+democrats?|greens?|"
    r"green\s+party|reform(?:\s+uk)?|independents?|snp|plaid(?:\s+cymru)?|ukip|"
    r"brexit\s+party|workers\s+party|the\s+\w+\s+party|leave|remain"
)
_WHO = r"(?:our|the|my|your)\s+(?:\w+\s+){0,2}(?:candidates?|party)"
_PATTERNS = [
    rf"vote\s+(?:for\s+)?(?:{_PARTY})(?![a-z])",
    rf"vote\s+for\s+(?:me|us|{_WHO})",
    r"(?:re-?)?elect\s+(?:cllr|councillor|me|us)\b",
    r"#\s?vote\w+",
    rf"(?:join|support|back)\s+(?:the\s+)?(?:{_PARTY})(?:\s+party)?\s+(?:today|now|campaign|"
    r"team|party|candidate)",
    r"join\s+the\s+\w+\s+party", r"become\s+a\s+(?:party\s+)?member\s+of\s+the\s+\w+\s+party",
    r"(?:out|go|going|went|come|came)\s+canvassing", r"canvassing\s+(?:for|with|session|team|"
    r"in\s+\w+\s+ward|this)", r"canvass(?:ers?|ing)\s+(?:needed|wanted)", r"door[- ]knocking\s+for",
    rf"leaflet(?:s|ing)?(?:\s+drop|\s+round)?\s+for\s+(?:{_WHO}|the\s+(?:{_PARTY}))",
    r"deliver(?:ing)?\s+(?:\w+\s+)?leaflets\s+for",
    r"donate\s+to\s+(?:our|my|the)\s+(?:\w+\s+)?(?:campaign|party|fighting\s+fund)",
    r"(?:our|my)\s+(?:campaign|fighting|election)\s+fund", r"get\s+out\s+the\s+vote",
    r"promoted\s+by\s+[^\n]{1,60}?\s+on\s+behalf\s+of\s+[^\n]{1,60}?(?:party|candidate|campaign)",
    rf"(?:our|the)\s+(?:{_PARTY})\s+(?:candidate|manifesto)\s+(?:for|in)\s+(?:\w+\s+)?ward",
    r"polling\s+day\s+is\s+\w+\s*[-,:!]?\s*(?:vote|make\s+sure|remember)",
]
_RE = re.compile(r"(?<![a-z0-9])(?:" + "|".join(_PATTERNS) + ")")
_VOTE_FOR_BUSINESS = re.compile(r"vote\s+for\s+the\s+(?:proposal|motion|amendment|"
                                r"recommendation|budget|precept)")

_REMEDY = Remedy(
    kind="review",
    text="",
    description="Remove the party-political campaigning: council systems must not be used "
    "for political party activity.",
)


class PoliticalDetector:
    """Flags party-political campaigning."""

    category = POLITICAL
    examples = (
        Example("Vote Labour on 2 May! We're out canvassing in Leigh ward on Saturday - "
                "come and help.", True),
        Example("Leaflet drop for our Conservative candidate this weekend; please donate to "
                "our campaign fund.", True),
        Example("Join the Green Party today and help us win West Leigh.", True),
        Example("The MP visited the library on Friday to open the new children's corner.",
                False),
        Example("The polling station will be at the community centre; the election count is "
                "on Thursday evening.", False),
        Example("Members voted for the proposal to resurface the car park.", False,
                note="council business vote"),
    )

    def detect(self, ctx: Context) -> list[Finding]:
        view = ctx.text.folded
        text = view.text
        if "vote" not in text and "elect" not in text and "canvass" not in text and \
                "party" not in text and "leaflet" not in text and "campaign" not in text \
                and "door" not in text and "fund" not in text and "polling" not in text:
            return []
        for m in _RE.finditer(text):
            if _VOTE_FOR_BUSINESS.match(text, m.start()):
                continue
            s, e = view.to_original(m.start(), m.end())
            return [Finding(
                category=POLITICAL, start=s, end=e, score=0.8,
                explanation="This looks like party-political campaigning, which is not "
                "allowed on council systems.",
                remedy=_REMEDY,
            )]
        return []


DETECTOR = PoliticalDetector()
