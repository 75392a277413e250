"""Confidential council business: matters on the council's confidential register,
"Part II" / exempt / not-for-publication markers, quotation and tender prices, and
unpublished business ("this hasn't been announced yet", "before it goes to full council").

Leigh: "Confidential information includes things such as unpublished Council business,
certain financial information, for example quotations and tender costs". A decision
already published in minutes, a public agenda or a public call for tenders is not
confidential, so nearby signs of publication cancel the softer signals.
"""

from __future__ import annotations

import re

from aupguard.detectors._conduct import (
    MAX_FINDINGS,
    MAX_SCAN,
    apos,
    sentence_bounds,
)
from aupguard.detectors._conf_register import plan as register_plan
from aupguard.detectors._conf_register import register_matches
from aupguard.detectors.base import Context, Example
from aupguard.model import CONFIDENTIAL, Finding, Remedy
from aupguard.text.triggers import Hit, TriggerWords, windows

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
    r"error|\bdisclaimer\b|intended\s+recipient|legally\s+privileged|may\s+be\s+legally"
    r"|\b(?:this|the)\s+(?:e-?mail|message|communication|transmission)\s+(?:and\s+any\s+"
    r"attachments?\s+)?(?:is|are|may\s+be|contains?)\s+(?:\w+\s+){0,2}confidential"
    r"|(?:information|contents?)\s+(?:in|of|contained\s+in)\s+this\s+(?:e-?mail|message)"
    )
)
# A bare "confidential" counts only where it labels what is being sent: a heading
# ("CONFIDENTIAL:"), "the attached confidential report", "this is confidential".
_WEAK_LABEL = re.compile(
    apos(
    r"(?:^|\n)\s*(?:[>*#-]\s*)*(?:private\s+(?:and|&)\s+)?confidential\s*(?:[:\-\u2013\n]|$)"
    r"|\b(?:attached|enclosed|herewith|below|following|this|these|that)\s+(?:\w+\s+){0,2}"
    r"(?:is|are)?\s*(?:strictly\s+)?confidential\b"
    r"|\bconfidential\s+(?:report|item|paper|papers|minutes|appendix|briefing|document|memo|"
    r"matter|note|update|staffing|personnel|hr|legal)s?\b"
    r"|\bmarked\s+(?:as\s+)?(?:strictly\s+)?confidential"
    )
)
# Closed business: a private session is only a finding alongside a personnel matter.
_CLOSED = re.compile(
    r"\b(?:closed|private|confidential)\s+session|\bin\s+committee\b(?!\s+(?:room|rooms))"
    r"|\bpart\s*(?:ii|2|two)\b(?!\s+of)|\bexempt\s+business"
)
_PERSONNEL = re.compile(
    r"\b(?:staff|staffing|personnel|employee|employees|employment|clerk|caretaker|groundsman|"
    r"disciplinary|grievance|capability|dismiss\w*|redundanc\w*|salary|salaries|pay\s+award|"
    r"performance|sickness|misconduct|suspen\w+|tribunal|hr|contract\s+of\s+employment|"
    r"restructur\w*|appraisal)\b"
)
# Disciplinary and personnel details about an identifiable member of staff.
_DISCIPLINARY = re.compile(
    r"\b(?:(?:final\s+)?written|verbal|formal|first|final)\s+warning"
    r"|\bdisciplinary\s+(?:hearing|action|investigation|procedure|process|panel|meeting|"
    r"sanction|case|matter|appeal)"
    r"|\bgross\s+misconduct|\bsuspended\s+(?:on\s+full\s+pay|pending|from\s+(?:work|duty))"
    r"|\bgrievance\s+(?:against|hearing|about|complaint|was|has\s+been)"
    r"|\bcapability\s+(?:procedure|process|hearing|meeting)"
    r"|\bperformance\s+improvement\s+plan|\bsettlement\s+agreement"
    r"|\bsickness\s+absence|\bsigned\s+off\s+(?:sick|with\s+stress)"
    r"|\b(?:dismissed|sacked)\s+(?:for\s+(?:gross\s+)?misconduct|from\s+(?:his|her|their)\s+"
    r"(?:job|post|role))"
)
_PERSON = re.compile(
    r"\b(?:he|she|his|her|him|mr|mrs|ms|miss|dr)\b|\bhas\s+been\s+(?:given|issued|suspended)"
    r"|\bthe\s+(?:town\s+|parish\s+|deputy\s+|assistant\s+)?(?:clerk|caretaker|groundsman|"
    r"rfo|officer|administrator|employee|member\s+of\s+staff|cleaner|warden)\b"
)
# Unapproved drafts: "the draft budget (not approved yet)".
_DRAFT = re.compile(
    apos(
    r"\bdraft\s+(?:\w+\s+)?(?:budget|accounts|precept|minutes|report|policy|proposals?|plans?|"
    r"figures|estimates|structure|restructure|staffing|contract|lease|statement|response)\b"
    r"[^.!?\n]{0,60}?\bnot\s+(?:yet\s+)?(?:been\s+)?(?:approved|agreed|signed\s+off|"
    r"ratified|final(?:ised|ized)?|adopted)"
    )
)

# Talk about procedures in general ("our disciplinary procedure is attached") names
# no one's case.
_POLICY_TALK = re.compile(
    r"\b(?:policy|policies|procedures?\s+(?:is|are|was|has|document)|training|template|"
    r"guidance|code\s+of\s+conduct|model\s+(?:policy|procedure)|if\s+(?:a|an|any)\s+"
    r"(?:employee|member))\b"
)
_TENDER_NOUN = r"(?:quotes?|quotations?|tenders?|bids?)"
_TENDER = re.compile(
    apos(
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
    # natural wording: "the lowest tender for resurfacing the car park came in at £48,500"
    r"|(?<!free\s)(?<!instant\s)(?<!online\s)\b" + _TENDER_NOUN
    + r"\b(?!\s+(?:for|to\s+(?:win|secure|get))\s+(?:\w+\s+){0,3}(?:funding|grants?|lottery))"
    r"[^.\n!?]{0,80}?\b(?:was|were|is|are|came\s+in|come\s+in|at|of|totall?ing|priced)\s+"
    r"(?:\w+\s+){0,2}" + _MONEY
    )
)
# Every _TENDER alternative needs a sum of money or one of these phrases: a cheap
# literal-led search that skips the full pattern in windows that cannot match.
_TENDER_GATE = re.compile(
    r"£|pounds|gbp|(?:came|come|coming)\s+in|(?:lowest|cheapest|highest|best|winning|"
    r"successful|preferred|other|second|rival|competing|three|two|3|2)\s+(?:quote|quotation|"
    r"tender|bid)|tender(?:ed)?\s+(?:price|sum|figure|amount)"
)
_TENDER_WORDS = (
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
    r"ratified|signed\s+off)|not\s+(?:been\s+)?(?:decided|agreed|approved|ratified|signed\s+off)"
    r"\s+yet)"
    )
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
    "closed": "This refers to a staffing matter dealt with in a closed (Part II) session, "
    "which must stay confidential.",
    "personnel": "This shares disciplinary or personnel details about a member of staff, "
    "which the council must keep confidential.",
    "draft": "This shares a draft the council has not approved yet; keep it inside the "
    "council until it is agreed.",
    "pending": "This discusses a decision the council has not made yet; it may be mistaken "
    "for the council's position or reveal unpublished business.",
}


_TRIGGERS = TriggerWords(
    "confidential",
    {
        **dict.fromkeys(
            "confidential confidence exempt embargo embargoed excluded".split(), "marker"),
        **dict.fromkeys(
            ["part ii", "part 2", "part two", "closed session", "private session",
             "in committee", "for publication", "for circulation", "for distribution",
             "for public"], "marker"),
        **dict.fromkeys(_TENDER_WORDS, "tender"),
        **dict.fromkeys(
            "leaked pending awaited announcement ourselves".split(), "unpublished"),
        **dict.fromkeys(
            [f"{a} {b}" for a in "been yet officially is s".split()
             for b in "announced published released".split()]
            + [f"{a} {b}" for a in "yet be".split()
               for b in "decided agreed approved ratified signed".split()]
            + [f"{a} yet" for a in "decided agreed approved ratified off public".split()]
            + ["made public", "public domain", "it goes", "this goes", "goes before",
               "full council", "gets taken", "off the record", "will decide", "to decide",
               "will vote", "to vote", "a decision", "its decision", "the decision",
               "their decision", "don t tell", "do not tell", "keep this", "keep it",
               "between you", "between us", "hear this", "hear it", "not supposed",
               "be telling", "be saying", "be sharing", "shouldn t tell", "shouldn t say",
               "shouldn t share", "shouldn t really", "should not tell", "should not say",
               "should not really"]
            + [f"{a} {b}" for a in ("don t", "do not")
               for b in "share repeat forward spread pass post".split()],
            "unpublished"),
        **dict.fromkeys(
            "disciplinary grievance misconduct capability suspended dismissed sacked "
            "sickness".split(), "personnel"),
        **dict.fromkeys(
            [f"{a} warning" for a in "written verbal formal final first".split()]
            + ["settlement agreement", "improvement plan", "signed off"], "personnel"),
        "draft": "draft",
    },
)



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
        hits = _TRIGGERS.hits(ctx.text)
        matters = ctx.register.confidential_matters
        plan = register_plan(matters, ctx.today) if matters else None
        reg_hits = plan[3].hits(ctx.text) if plan is not None and plan[3] is not None else []
        if not hits and not reg_hits:
            return []
        view = ctx.text.folded
        text = view.text
        internal = ctx.message.audience == "internal"
        out: list[Finding] = []

        def add(start: int, end: int, score: float, subtype: str, why: str) -> None:
            s, e = view.to_original(start, end)
            out.append(Finding(CONFIDENTIAL, s, e, round(score, 3), subtype=subtype,
                               explanation=why, remedy=_REMEDY))

        for start, end, matter in register_matches(text, plan, reg_hits) if reg_hits else ():
            until = f" until {matter.until:%d %B %Y}" if matter.until else ""
            add(start, end, 0.9 * (0.8 if internal else 1.0), "register",
                f"This mentions {matter.title}, which the council has listed as "
                f"confidential{until}.")
        if not hits:
            return out
        by_tag: dict[str, list[Hit]] = {}
        for h in hits[: 4 * MAX_FINDINGS]:
            by_tag.setdefault(h.tag, []).append(h)
        # sharing with colleagues inside the council is less of a leak, but still one
        k = 0.8 if internal else 1.0
        n = len(text)
        for a, b in windows(by_tag.get("marker", ()), n, 40, 60):
            for m in _MARKER.finditer(text, a, b):
                if len(out) >= MAX_FINDINGS:
                    return out
                if _near(text, m.start(), m.end(), _MARKER_BENIGN, spread=150) or _near(
                    text, m.start(), m.end(), _PUBLIC
                ):
                    continue
                score = 0.85
                if m.lastgroup == "weak":
                    # a bare "confidential" counts when it labels what is being sent
                    score = 0.65 if _near(text, m.start(), m.end(), _WEAK_LABEL) else 0.4
                add(m.start(), m.end(), score * k, "marker", _EXPLAIN["marker"])
            for m in _CLOSED.finditer(text, a, b):
                if len(out) >= MAX_FINDINGS:
                    return out
                if any(f.start <= m.start() < f.end for f in out) or _near(
                    text, m.start(), m.end(), _PUBLIC
                ):
                    continue
                if _near(text, m.start(), m.end(), _PERSONNEL, spread=100):
                    add(m.start(), m.end(), 0.8 * k, "marker", _EXPLAIN["closed"])
        for a, b in windows(by_tag.get("tender", ()), n, 90, 120):
            if _TENDER_GATE.search(text, a, b) is None:
                continue
            for m in _TENDER.finditer(text, a, b):
                if len(out) >= MAX_FINDINGS:
                    return out
                if _near(text, m.start(), m.end(), _PUBLIC, spread=200):
                    continue
                add(m.start(), m.end(), 0.75 * k, "tender", _EXPLAIN["tender"])
        for a, b in windows(by_tag.get("personnel", ()), n, 40, 60):
            for m in _DISCIPLINARY.finditer(text, a, b):
                if len(out) >= MAX_FINDINGS:
                    return out
                if _near(text, m.start(), m.end(), _PERSON) and not _near(
                    text, m.start(), m.end(), _POLICY_TALK
                ):
                    add(m.start(), m.end(), 0.7 * k, "unpublished", _EXPLAIN["personnel"])
        for a, b in windows(by_tag.get("draft", ()), n, 0, 90):
            for m in _DRAFT.finditer(text, a, b):
                if len(out) >= MAX_FINDINGS:
                    return out
                add(m.start(), m.end(), 0.7 * k, "unpublished", _EXPLAIN["draft"])
        public_message: bool | None = None
        for a, b in windows(by_tag.get("unpublished", ()), n, 60, 80):
            for m in _UNPUBLISHED.finditer(text, a, b):
                if len(out) >= MAX_FINDINGS:
                    return out
                if any(f.start <= m.start() < f.end for f in out):
                    continue
                if m.lastgroup == "secret":
                    add(m.start(), m.end(), 0.7 * k, "unpublished", _EXPLAIN["unpublished"])
                    continue
                if public_message is None:
                    public_message = _PUBLIC.search(text, 0, min(n, MAX_SCAN)) is not None
                if public_message:
                    continue
                score = 0.55 * (0.6 if ctx.message.account == "council" else 1.0) * k
                add(m.start(), m.end(), score, "unpublished", _EXPLAIN["pending"])
        return out


DETECTOR = ConfidentialDetector()
