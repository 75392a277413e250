"""Party-political campaigning (Belper: "Use the Council's systems for political party
activity"). The engine decides where the clause applies; this only finds campaigning.

Councils talk about elections, polling stations and MPs all the time, and councillors
vote on motions, so neutral mentions and "vote for the proposal" never count: only a
call to vote for or join a party or candidate, canvassing, leafleting, campaign
donations and election-material imprints.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from aupguard.detectors.base import Context, Example
from aupguard.model import POLITICAL, Finding, Remedy
from aupguard.text.triggers import Hit, TriggerWords, windows

_PARTY = (
    r"labour|conservatives?|tor(?:y|ies)|lib\s?dems?|liberal\s+democrats?|greens?|"
    r"green\s+party|reform(?:\s+uk)?|independents?|snp|plaid(?:\s+cymru)?|ukip|"
    r"brexit\s+party|workers\s+party|the\s+\w+\s+party|leave|remain"
)
# A named party organisation (not just "Labour", which councillors' group names use).
_ORG = (r"reform\s+uk|(?:constituency|branch|ward|local|district)\s+(?:labour|conservative|"
        r"lib(?:eral)?\s?dem(?:ocrat)?s?|green)\s+(?:party|association)|labour\s+party|"
        r"conservative\s+(?:party|association)|liberal\s+democrats|green\s+party|ukip|"
        r"plaid\s+cymru|young\s+(?:labour|conservatives)|momentum")
_ACTIVITY = (r"meeting|branch|members|membership|candidates?|leaflets?|rally|event|campaign\w*|"
             r"canvass\w*|fundraiser|fundraising|social|agm|selection|hustings|surgery|"
             r"subs|newsletter|minutes|stall|volunteers|action\s+day|coffee\s+morning|quiz")
_MATERIAL = (r"(?:party|campaign|election|labour|tory|conservative|lib\s?dem|green|reform)\s+"
             r"(?:leaflets?|flyers?|literature|posters?|newsletters?)")
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
    rf"vote\s+(?:them|him|her|the\s+(?:{_PARTY})|(?:{_PARTY}))\s+out(?![a-z])",
    rf"(?:get|kick|throw|boot|turf)\s+(?:the\s+)?(?:{_PARTY})\s+out(?![a-z])",
    r"(?:the\s+)?(?:tor(?:y|ies)|labour|conservatives|lib\s?dems|reform|snp)\s+(?:have|has)\s+"
    r"(?:\w+\s+)?(?:wrecked|ruined|destroyed|betrayed|failed|broken|trashed)",
    rf"(?:{_ORG})\W+(?:\w+\W+){{0,4}}?(?:{_ACTIVITY})(?![a-z])",
    rf"(?:{_ACTIVITY})\s+(?:of|for|with)\s+(?:the\s+)?(?:{_ORG})(?![a-z])",
    rf"(?:print|printed|printing|copy|copies|copied|photocop\w+|run\s+off)\W+(?:\w+\W+){{0,6}}?"
    rf"{_MATERIAL}",
    rf"{_MATERIAL}\W+(?:\w+\W+){{0,8}}?(?:copier|photocopier|printer|franking)",
]
_RE = re.compile(r"(?<![a-z0-9])(?:" + "|".join(_PATTERNS) + ")")
_VOTE_FOR_BUSINESS = re.compile(r"vote\s+for\s+the\s+(?:proposal|motion|amendment|"
                                r"recommendation|budget|precept)")

# Every pattern contains one of these words; the shared trigger scan finds them.
_TRIGGERS = TriggerWords(
    "political",
    ("party", "canvass", "canvassing", "canvassers", "canvasser", "door knocking",
     "doorknocking", "leaflets", "leaflet", "leafleting", "leafletting", "donate", "campaign",
     "fighting", "polling", "tory", "tories", "labour", "conservative", "conservatives",
     "reform", "snp", "lib dems", "libdems", "democrats", "ukip", "momentum", "plaid"),
    prefixes=("vote", "elect", "reelect"))


def _matches(text: str, hits: list[Hit]) -> Iterator[re.Match[str]]:
    """Matches near trigger words only (at most thirty windows: linear on any input)."""
    for start, end in windows(hits, len(text), 70, 70)[:30]:
        yield from _RE.finditer(text, start, end)


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
        Example("The Tories have ruined this town. Vote them out in May!", True),
        Example("Reform UK branch meeting at the Railway Inn on Tuesday, members welcome.",
                True, note="party organisation business"),
        Example("Cllr Patel (Labour) seconded the motion on the skatepark.", False,
                note="a party label is not campaigning"),
    )

    def detect(self, ctx: Context) -> list[Finding]:
        hits = _TRIGGERS.hits(ctx.text)
        if not hits:
            return []
        view = ctx.text.folded
        text = view.text
        for m in _matches(text, hits):
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
