"""Abuse: swearing, insults, harassment, hate, threats and sexual content.

Scoring lives in `_abuse_model.score_sentences` (the word list and the trained n-gram
model together); this module only turns scored spans into findings with plain-English
reasons. The engine compares each score with the pack's threshold for that subtype.
"""

from __future__ import annotations

from aupguard.detectors._abuse_model import characteristic, score_sentences, trigger_hits
from aupguard.detectors._conduct import sentence_bounds
from aupguard.detectors.base import Context, Example
from aupguard.model import ABUSE, Finding, Remedy

_EXPLAIN = {
    "profanity": "This uses swearing or vulgar language, which is not acceptable in council "
    "communications.",
    "insult": "This insults someone; the policy asks you to avoid personal insults and "
    "offensive comments.",
    "harassment": "This reads as harassing or intimidating someone, which the policy forbids.",
    "hate": "This contains a slur or a hateful remark about people because of who they are.",
    "threat": "This reads as a threat against someone, which must never be sent.",
    "sexual": "This contains sexual content that is not appropriate in council communications.",
}
_REMEDY = {
    "threat": Remedy(
        "review",
        "",
        "Remove the threatening words; if you feel threatened yourself, tell the Clerk.",
    ),
    "hate": Remedy("rephrase", "", "Remove the slur or hateful remark."),
}
_DEFAULT_REMEDY = Remedy(
    "rephrase", "", "Rephrase without the offensive words; criticise the issue, not the person."
)


class AbuseDetector:
    """Abusive language in the message, one finding per offending span."""

    category = ABUSE
    examples: tuple[Example, ...] = (
        Example("Fuck this, the bins still haven't been emptied.", True, subtype="profanity"),
        Example("Honestly Dave you're a complete pillock.", True, subtype="insult"),
        Example("Cllr Smith is a useless twat.", True, subtype="insult"),
        Example("Shut up you stupid cow.", True, subtype="insult"),
        Example("f**k off and stop emailing the office", True, subtype="insult",
                note="starred letters"),
        Example("Keep this up and I will hurt you.", True, subtype="threat"),
        Example("We know where you live, councillor.", True, subtype="threat"),
        Example("Nobody wants you here. Get out of our town.", True, subtype="harassment"),
        Example("Go back to where you came from.", True, subtype="hate"),
        Example("Send me nudes x", True, subtype="sexual"),
        Example("Scunthorpe United are away this Saturday; cocktail evening at the hall.", False,
                note="words inside place names"),
        Example("We will assess every class of application, including Dickens Close.", False),
        Example("Calling her a 'slag' was disgusting and we have reported it.", False,
                note="quoting abuse to condemn it"),
        Example("The word 'retard' is unacceptable and will not be tolerated here.", False),
        Example("The new mosque opens on Saturday and all are welcome.", False),
        Example("Join us for our LGBT+ pride event in the park on Sunday.", False),
        Example("Pest control deals with vermin in council properties.", False),
        Example("Travellers are all thieves and should be driven out of the town.", True,
                subtype="hate"),
        Example("I'll slash his tyres and put a brick through his window.", True,
                subtype="threat"),
        Example("Let's flood her inbox until she resigns.", True, subtype="harassment"),
        Example("Best Bitch in Show went to Mrs Patel's spaniel at the dog show.", False),
        Example("He called one of our staff 'a useless cow' - this is unacceptable.", False,
                note="quoting abuse to condemn it"),
        Example("The blue tits and great tits are nesting in the boxes by the pond.", False),
        Example("I will find you a copy of the minutes from last week.", False),
        Example("Faggots and mushy peas at the over-60s lunch club on Friday.", False),
        Example("Walkers can follow Offa's Dyke path; sorry for the cock-up with the map.", False),
    )

    def detect(self, ctx: Context) -> list[Finding]:
        view = ctx.text.folded
        findings: list[Finding] = []
        text = view.text
        limits = ctx.thresholds.for_finding
        spans = score_sentences(
            text, trigger_hits(ctx.text), threshold=lambda sub: limits(ABUSE, sub)
        )
        for start, end, subtype, score in spans:
            s, e = view.to_original(start, end)
            why = _EXPLAIN[subtype]
            about = ""
            if subtype == "hate":
                about = characteristic(text[start:end]) or characteristic(
                    text[slice(*sentence_bounds(text, start, end))]
                )
            if about:
                why = (f"This contains a slur or a hateful remark about people because of "
                       f"their {about}.")
            findings.append(
                Finding(
                    category=ABUSE,
                    start=s,
                    end=e,
                    score=score,
                    subtype=subtype,
                    explanation=why,
                    remedy=_REMEDY.get(subtype, _DEFAULT_REMEDY),
                )
            )
        return findings


DETECTOR = AbuseDetector()
