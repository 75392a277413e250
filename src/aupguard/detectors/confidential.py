"""Confidential council business: matters on the council's confidential register,
"Part II" / exempt / not-for-publication markers, quotation and tender prices, and
unpublished business ("this hasn't been announced yet", "before it goes to full council").

Leigh: "Confidential information includes things such as unpublished Council business,
certain financial information, for example quotations and tender costs". A decision
already published in minutes, a public agenda or a public call for tenders is not
confidential, so nearby signs of publication cancel the softer signals.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from aupguard.detectors._conduct import (
    MAX_FINDINGS,
    apos,
    fold_phrase,
    sentence_bounds,
    sentences_with,
    words_of,
)
from aupguard.detectors.base import Context, Example
from aupguard.model import CONFIDENTIAL, Finding, Remedy
from aupguard.policy.schema import ConfidentialMatter

_MONEY = (
    r"(?:£\s?\d[\d,]*(?:\.\d+)?(?:\s*(?:k|m|million|thousand))?"
    r"|\d[\d,]*(?:\.\d+)?\s*(?:pounds|gbp))"
)

_MARKER = re.compile(
    r"(?P<strong>not\s+for\s+(?:publication|circulation|distribution|public\s+release)"
    r"|strictly\s+(?:private\s+(?:and|&)\s+)?confidential|private\s+(?:and|&)\s+confidential"
    r"|commercially\s+(?:confidential|sensitive)"
    r"|exempt\s+(?:information|item|items|report|business|matters?|under\s+(?:paragraph|schedule))"
    r"|embargoed?\s+(?:until|till|to)\b|under\s+(?:an\s+)?embargo"
    r"|part\s*(?:ii|2|two)\s+(?:item|items|session|business|matters?|minutes|report|papers|agenda)"
    r"|\b(?:in|into|under)\s+part\s*(?:ii|2|two)\b(?!\s+of)"
    r"|(?:public|press)\s+(?:and\s+press\s+)?(?:are|were|will\s+be)\s+excluded"
    r"|(?:told|tell|telling|said|say|shared|given)\s+(?:\w+\s+)?in\s+(?:strict(?:est)?\s+)?"
    r"confidence\b)"
    r"|(?P<weak>(?<![a-z])confidential(?![a-z])|in\s+(?:strict(?:est)?\s+)?confidence\b)"
)
_MARKER_GATE = frozenset(
    "confidential confidence publication circulation distribution exempt embargo embargoed "
    "part excluded".split()
)
# "Your details will be kept confidential", "confidential waste", email footers, advice
# not to share confidential material: none of these leak anything.
_MARKER_BENIGN = re.compile(
    apos(
    r"\b(?:treated|kept|keep|handled|held|dealt\s+with|remain|remains|be)\s+(?:\w+\s+){0,2}"
    r"(?:as\s+)?(?:confidential|in\s+(?:strict(?:est)?\s+)?confidence)"
    r"|\bconfidential\s+(?:waste|shredding|helpline|advice|service|support|counselling|line|"
    r"reporting|hotline|and\s+free|,\s+free)"
    r"|\b(?:do\s+not|don't|never|must\s+not|mustn't|should\s+not|shouldn't|not\s+to|avoid)\s+"
    r"(?:\w+\s+){0,3}(?:any\s+)?confidential"
    r"|\b(?:speak|talk|contact|call|email|write|report|tell|discuss)\w*\s+(?:\w+\s+){0,4}in\s+"
    r"(?:strict(?:est)?\s+)?confidence"
    r"|intended\s+(?:solely|only)\s+for|\baddressee|received\s+this\s+(?:e-?mail|message)\s+in\s+"
    r"error|\bdisclaimer\b|intended\s+recipient|legally\s+privileged"
    )
)

_PAPERS = re.compile(
    r"\b(?:report|document|paper|papers|item|minutes|information|briefing|appendix|attachment|"
    r"draft|figures|details|session|agenda|matter|matters|memo|business|discussions?)\b"
)
_TENDER = re.compile(
    r"(?:quote|quotation|tender|bid|estimate)s?\s+(?:from|by|submitted\s+by|received\s+from)\s+"
    r"[^.\n£]{1,60}?\s+(?:was|were|is|are|came\s+(?:in\s+)?(?:at|to)|of|at|for|totall?ing)\s+"
    + _MONEY
    + r"|(?:quotes|quotations|tenders|bids|the\s+(?:quote|quotation|tender|bid))\s+"
    r"(?:have\s+|has\s+)?(?:came|come|coming)\s+in\b"
    r"|\b(?:lowest|cheapest|highest|best|winning|successful|preferred|other|second|rival|"
    r"competing|three|two|3|2)\s+(?:quote|quotation|tender|bid)s?\s+(?:was|were|is|are|came|"
    r"at|of|from|totall?ing)\b"
    r"|\bquoted\s+(?:us\s+|the\s+council\s+|them\s+)?" + _MONEY
    + r"|\b(?:quote|quotation|tender)s?\s+(?:of|at|was|were|is|totall?ing)\s+" + _MONEY
    + r"|\btender(?:ed)?\s+(?:price|prices|sum|sums|figures?|amounts?)\b"
)
_TENDER_GATE = frozenset(
    "quote quotes quoted quotation quotations tender tenders tendered bid bids estimate "
    "estimates".split()
)

_UNPUBLISHED = re.compile(
    apos(
    r"(?P<secret>(?:has(?:n't|\s+not)|have(?:n't|\s+not))\s+(?:yet\s+)?been\s+"
    r"(?:announced|made\s+public|published|released)(?!\s+(?:previously|before|elsewhere))"
    r"|(?:is(?:n't|\s+not)|not)\s+(?:yet\s+)?(?:announced|public)\s+yet"
    r"|not\s+(?:yet\s+)?(?:been\s+)?made\s+public|not\s+yet\s+(?:been\s+)?(?:announced|published)"
    r"|not\s+(?:yet\s+)?in\s+the\s+public\s+domain"
    r"|before\s+(?:it|this|the\s+\w+)\s+(?:goes|is\s+taken|gets\s+taken)\s+(?:to|before)\s+"
    r"(?:full\s+council|(?:the\s+)?(?:\w+\s+)?(?:committee|council))"
    r"|before\s+(?:it(?:'s|\s+is)|this\s+is|the\s+\w+\s+is)\s+(?:officially\s+)?"
    r"(?:announced|published|made\s+public)"
    r"|before\s+the\s+(?:official\s+)?announcement"
    r"|(?:don't|do\s+not)\s+(?:share|repeat|forward|spread|pass\s+on|post)\s+(?:this|it|that|"
    r"these)\b|(?:don't|do\s+not)\s+tell\s+anyone"
    r"|keep\s+(?:this|it)\s+(?:to\s+yourself|between\s+us|quiet|under\s+your\s+hat|hush)"
    r"|(?:just\s+|strictly\s+)?between\s+(?:you\s+and\s+me|ourselves)"
    r"|strictly\s+between\s+us"
    r"|off\s+the\s+record|you\s+didn't\s+hear\s+(?:this|it)\s+from\s+me"
    r"|(?:i'm|i\s+am|we're|we\s+are)\s+not\s+supposed\s+to\s+(?:say|tell|share|mention)"
    r"|(?:i|we)\s+(?:shouldn't|should\s+not)\s+(?:really\s+)?(?:be\s+)?(?:telling|saying|"
    r"sharing)"
    r"|leaked\s+(?:the\s+)?(?:report|minutes|document|plans?|figures|email))"
    r"|(?P<pending>\b(?:committee|council|sub-committee|working\s+group|panel)\s+(?:will|is\s+"
    r"going\s+to|(?:is|are)\s+due\s+to|(?:is|are)\s+set\s+to|will\s+be\s+asked\s+to)\s+(?:decide|"
    r"vote|make\s+(?:a|its|the|their)\s+decision)"
    r"|(?:decision|vote)\s+is\s+(?:still\s+)?(?:pending|awaited)"
    r"|(?:has(?:n't|\s+not)|have(?:n't|\s+not))\s+(?:been\s+)?(?:decided|agreed|approved|"
    r"ratified|signed\s+off)\s+yet|(?:not\s+yet|yet\s+to\s+be)\s+(?:decided|agreed|approved|"
    r"ratified|signed\s+off))"
    )
)
_UNPUBLISHED_GATE = frozenset(
    "announced announcement public published before share tell between record hear supposed "
    "shouldn should leaked keep decide decision vote yet repeat forward spread pass post "
    "didn".split()
)

# Signs that the business is already public or is a public call.
_PUBLIC = re.compile(
    apos(
    r"\bminute\s*(?:no\.?\s*|number\s*|ref\.?\s*)?\d|(?<![a-z])published\b|publicly\s+available"
    r"|\bpublic\s+(?:meeting|session|agenda|notice|consultation)|\bas\s+resolved|\bwas\s+resolved"
    r"|\bresolved\s+at|\b(?:on|via)\s+(?:our|the\s+council's|the)\s+website"
    r"|\bagenda\s+(?:is|has\s+been|was)\s+(?:published|available|online|posted)"
    r"|open\s+to\s+the\s+public|public\s+(?:are|is)\s+(?:welcome|invited)"
    r"|members\s+of\s+the\s+public\s+(?:are|will\s+be)\s+welcome|\ball\s+welcome"
    r"|contracts\s+finder|find\s+a\s+tender|invitation\s+to\s+tender|\bnow\s+open"
    r"|closing\s+date|deadline\s+for|expressions?\s+of\s+interest"
    r"|\b(?:contract\s+(?:was|has\s+been)|was|were|been)\s+awarded"
    r"|no\s+longer\s+(?:confidential|exempt|embargoed)"
    )
)

_REMEDY = Remedy(
    "review", "", "Remove the confidential details, or wait until the council has published them."
)
_EXPLAIN = {
    "marker": "This is marked as confidential or not for publication, so it should not be "
    "shared outside the council.",
    "tender": "This reveals quotation or tender prices, which the council treats as confidential.",
    "unpublished": "This appears to share council business that has not been made public yet.",
    "pending": "This discusses a decision the council has not made yet; it may be mistaken "
    "for the council's position or reveal unpublished business.",
}


@lru_cache(maxsize=64)
def _register_pattern(
    matters: tuple[tuple[str, tuple[str, ...]], ...],
) -> re.Pattern[str] | None:
    groups = []
    for i, (_id, keywords) in enumerate(matters):
        alts = sorted((fold_phrase(k) for k in keywords if k.strip()), key=len, reverse=True)
        if alts:
            groups.append(f"(?P<m{i}>{'|'.join(alts)})")
    if not groups:
        return None
    return re.compile(r"(?<![a-z0-9])(?:" + "|".join(groups) + r")(?![a-z0-9])")


def _near(text: str, start: int, end: int, pattern: re.Pattern[str], spread: int = 0) -> bool:
    s, e = sentence_bounds(text, start, end)
    return pattern.search(text, max(0, s - spread), min(len(text), e + spread)) is not None


class ConfidentialDetector:
    """Confidential or unpublished council business in an outgoing message."""

    category = CONFIDENTIAL
    examples: tuple[Example, ...] = (
        Example("PART II ITEM - not for publication. The clerk's grievance hearing is on Friday.",
                True, subtype="marker"),
        Example("Attached is the exempt report on the depot sale, strictly confidential.", True,
                subtype="marker"),
        Example("The quote from Essex Paving Ltd was £12,500, cheaper than the others.", True,
                subtype="tender"),
        Example("Tender bids came in at between £40k and £55k for the play area.", True,
                subtype="tender"),
        Example("Don't share this but the library is going to close next year.", True,
                subtype="unpublished", message={"account": "personal", "channel": "social"}),
        Example("This hasn't been announced yet, but the market will move to Elm Road.", True,
                subtype="unpublished", message={"account": "personal", "channel": "social"}),
        Example("As resolved at the meeting on 3 March (minute 23/45, published on our "
                "website), the council will resurface the car park.", False),
        Example("The council published its budget for 2025/26 today.", False),
        Example("The tender is now open: apply on Contracts Finder by 30 June.", False),
        Example("The agenda for Tuesday's public meeting is on our website; all welcome.", False),
        Example("You can speak to the clerk in confidence about any concern.", False),
        Example("This email and any attachments are confidential and intended solely for the "
                "addressee.", False, note="standard email footer"),
        Example("Please recycle paper in the confidential waste bins.", False),
    )

    def detect(self, ctx: Context) -> list[Finding]:
        view = ctx.text.folded
        text = view.text
        internal = ctx.message.audience == "internal"
        out: list[Finding] = []

        def add(start: int, end: int, score: float, subtype: str, why: str) -> None:
            s, e = view.to_original(start, end)
            out.append(Finding(CONFIDENTIAL, s, e, round(score, 3), subtype=subtype,
                               explanation=why, remedy=_REMEDY))

        for start, end, matter in self._register(text, ctx.register.confidential_matters,
                                                 ctx.today):
            until = f" until {matter.until:%d %B %Y}" if matter.until else ""
            add(start, end, 0.9 * (0.8 if internal else 1.0), "register",
                f"This mentions {matter.title}, which the council has listed as "
                f"confidential{until}.")
        k = 0.5 if internal else 1.0
        words = words_of(text)
        for s0, s1 in sentences_with(text, words & _MARKER_GATE):
            for m in _MARKER.finditer(text, s0, s1):
                if len(out) >= MAX_FINDINGS:
                    return out
                if _near(text, m.start(), m.end(), _MARKER_BENIGN, spread=150) or _near(
                    text, m.start(), m.end(), _PUBLIC
                ):
                    continue
                score = 0.85
                if m.lastgroup == "weak":
                    # a bare "confidential" counts when it labels council papers
                    score = 0.65 if _near(text, m.start(), m.end(), _PAPERS) else 0.45
                add(m.start(), m.end(), score * k, "marker", _EXPLAIN["marker"])
        for s0, s1 in sentences_with(text, words & _TENDER_GATE):
            for m in _TENDER.finditer(text, s0, s1):
                if len(out) >= MAX_FINDINGS:
                    return out
                if _near(text, m.start(), m.end(), _PUBLIC, spread=200):
                    continue
                add(m.start(), m.end(), 0.75 * k, "tender", _EXPLAIN["tender"])
        public_message: bool | None = None
        for s0, s1 in sentences_with(text, words & _UNPUBLISHED_GATE):
            for m in _UNPUBLISHED.finditer(text, s0, s1):
                if len(out) >= MAX_FINDINGS:
                    return out
                if m.lastgroup == "secret":
                    add(m.start(), m.end(), 0.7 * k, "unpublished", _EXPLAIN["unpublished"])
                    continue
                if public_message is None:
                    public_message = _PUBLIC.search(text) is not None
                if public_message:
                    continue
                score = 0.55 * (0.6 if ctx.message.account == "council" else 1.0) * k
                add(m.start(), m.end(), score, "unpublished", _EXPLAIN["pending"])
        return out

    @staticmethod
    def _register(
        text: str, matters: tuple[ConfidentialMatter, ...], today: dt.date
    ) -> list[tuple[int, int, ConfidentialMatter]]:
        active = tuple(m for m in matters if m.active(today))
        if not active:
            return []
        pattern = _register_pattern(tuple((m.id, m.keywords) for m in active))
        if pattern is None:
            return []
        return [
            (m.start(), m.end(), active[int((m.lastgroup or "m0")[1:])])
            for m in pattern.finditer(text)
        ]


DETECTOR = ConfidentialDetector()
