"""Personal posts about the council without a "views are my own" disclaimer (Leigh:
"Ensuring personal blogs have clear disclaimers that the views expressed by the author
are theirs alone and do not represent the views of the Town Council").

Only personal accounts on blogs, social media and the web, and only when the text talks
about the council. The finding is about the whole message (start = end = 0) and the
remedy appends a disclaimer naming the council.
"""

from __future__ import annotations

import re

from aupguard.detectors._mentions import find_mention
from aupguard.detectors.base import Context, Example
from aupguard.model import DISCLAIMER_MISSING, Finding, Remedy

_CHANNELS = frozenset({"blog", "social", "web"})
_DISCLAIMER = re.compile(
    r"(?:views?|opinions?|thoughts|comments|posts?)\s+(?:expressed\s+)?(?:here\s+)?(?:are|is)\s+"
    r"(?:entirely\s+|solely\s+|all\s+)?(?:my\s+own|mine|my\s+personal|personal|those\s+of\s+"
    r"the\s+author)|"
    r"(?:not|n't)\s+(?:be\s+)?(?:speaking|writing|posting|commenting)\s+(?:on\s+behalf\s+of|"
    r"for|officially)|"
    r"(?:in|on)\s+(?:a|my)\s+personal\s+capacity|speaking\s+(?:for\s+myself|personally)|"
    r"(?:not|n't)\s+(?:necessarily\s+)?(?:represent|reflect)\s+(?:the\s+)?(?:\w+\s+){0,4}"
    r"(?:views?|opinions?|position|policy)|"
    r"not\s+(?:necessarily\s+)?the\s+(?:\w+\s+)?views?\s+of|"
    r"my\s+own\s+(?:views?|opinions?)|personal\s+(?:views?|opinions?)\s+only|"
    r"(?:views?|opinions?|thoughts)\s+(?:are\s+)?(?:all\s+|entirely\s+)?(?:my|our)\s+own|"
    r"(?:these|this|those)\s+(?:are|is)\s+(?:my|our)\s+(?:own\s+)?(?:personal\s+)?"
    r"(?:views?|opinions?|thoughts)|"
    r"my\s+(?:own\s+|personal\s+)?(?:views?|opinions?)\s*[,;:-]?\s*(?:and\s+)?not\s+"
    r"(?:those\s+of\s+|the\s+views?\s+of\s+)?(?:the|my|our)|"
    r"(?:and\s+|but\s+)?not\s+(?:necessarily\s+)?those\s+of\s+(?:the|my|our|any)|"
    r"personal\s+(?:page|account|blog|profile|capacity)|personally\s+speaking|"
    r"(?:in|on)\s+(?:a|my)\s+(?:private|own)\s+capacity|"
    r"as\s+a\s+private\s+(?:individual|resident|citizen)"
)
# Every form of the pattern contains one of these; most texts have none.
_STEMS = ("view", "opinion", "thought", "comment", "post", "speak", "writ", "personal",
          "capacity", "represent", "reflect", "those", "private")

_REMEDY_TEXT = "The views expressed here are my own and do not represent the views of {}."


class DisclaimerMissingDetector:
    """Flags personal posts about the council that lack a personal-views disclaimer."""

    category = DISCLAIMER_MISSING
    examples = (
        Example("Great turnout at last night's town council meeting - really proud of what "
                "we're doing on the new skatepark.", True,
                message={"account": "personal", "channel": "blog"}, author={"role": "councillor"}),
        Example("As a councillor I think the parking review has gone on far too long.", True,
                message={"account": "personal", "channel": "social"},
                author={"role": "councillor"}),
        Example("Great turnout at the town council meeting last night. Views are my own.",
                False, message={"account": "personal", "channel": "blog"}),
        Example("I'm writing in a personal capacity: the council's parking review is overdue.",
                False, message={"account": "personal", "channel": "social"}),
        Example("My views, not the Town Council's: the new car park charges are a mistake.",
                False, message={"account": "personal", "channel": "blog"},
                author={"role": "councillor"}),
        Example("(Personal page; views my own.) Busy night at the town council meeting.",
                False, message={"account": "personal", "channel": "social"},
                author={"role": "councillor"}),
        Example("The town council meeting is on Tuesday at 7pm; all welcome.", False,
                message={"account": "council", "channel": "social"},
                note="the council's own account needs no disclaimer"),
        Example("Lovely walk along the seafront this morning with the dog.", False,
                message={"account": "personal", "channel": "social"},
                note="not about the council"),
    )

    def detect(self, ctx: Context) -> list[Finding]:
        msg = ctx.message
        if msg.account != "personal" or msg.channel not in _CHANNELS:
            return []
        text = ctx.text.folded.text
        if find_mention(ctx.council, text) is None:
            return []
        if any(w in text for w in _STEMS) and _DISCLAIMER.search(text):
            return []
        name = ctx.council.name
        return [Finding(
            category=DISCLAIMER_MISSING, start=0, end=0, score=0.75,
            explanation=f"This personal post talks about {name} but does not say that the "
            "views are your own and not the council's.",
            remedy=Remedy(
                kind="append",
                text=_REMEDY_TEXT.format(name),
                description="Add a line saying these are your own views, not the council's.",
            ),
        )]


DETECTOR = DisclaimerMissingDetector()
