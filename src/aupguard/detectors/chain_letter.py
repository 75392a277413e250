"""Chain letters and pyramid schemes (Leigh: "Sending or posting chain letters";
Belper: "participating in chain or pyramid letters or similar schemes").

The tell-tale signs are an instruction to pass the message on to many people, a
threat or promise attached to doing so, and money moving up a list of names. Each
phrase carries a weight; one unmistakable phrase or two supporting ones make a finding.
Councils often ask people to "please share" a post, so sharing alone never counts.
"""

from __future__ import annotations

from aupguard.detectors._mentions import phrase_regex, scan
from aupguard.detectors.base import Context, Example
from aupguard.model import CHAIN_LETTER, Finding, Remedy

_MANY = (r"(?:\d+|two|three|four|five|six|seven|eight|nine|ten|twelve|fifteen|twenty|"
         r"fifty|a\s+hundred|all|every|everyone|everybody|as\s+many)")
_PASS = r"(?:forward|send|pass|e-?mail|copy|post)"

_STRONG = [
    rf"{_PASS}\s+(?:this|it|the\s+(?:letter|message|e-?mail|post))\s+(?:on\s+)?to\s+"
    rf"(?:at\s+least\s+)?{_MANY}(?:\s+(?:of\s+)?(?:your|the|other|more))?\s*"
    r"(?:people|friends|persons|contacts|others|you\s+know|in\s+your)",
    rf"{_PASS}\s+(?:this|it)\s+(?:on\s+)?to\s+everyone\s+(?:you\s+know|in\s+your)",
    r"(?:don'?t|do\s+not|never)\s+break\s+(?:the|this)\s+chain", r"break\s+(?:the|this)\s+chain",
    r"bad\s+luck\s+(?:will|for|within|shall)", r"(?:will|shall)\s+(?:receive|have|get)\s+"
    r"(?:good|bad)\s+luck", r"(?:good|bad)\s+luck\s+(?:in|within)\s+\d+\s+days",
    r"(?:send|mail|put)\s+(?:\$|£|us\$)?\d+\s*(?:dollars?|pounds?|bills?)?\s+(?:cash\s+)?"
    r"to\s+(?:each\s+of\s+)?(?:the\s+)?(?:\w+\s+)?(?:names|people|persons|addresses)\s+"
    r"(?:on|in)\s+(?:the|this)\s+list",
    r"(?:add|put)\s+your\s+(?:own\s+)?name\s+(?:to|at)\s+the\s+(?:bottom|top|end)\s+of\s+"
    r"(?:the|this)\s+list",
    r"(?:remove|delete|cross\s+off)\s+the\s+(?:name|person)\s+(?:at|in)\s+(?:the\s+)?"
    r"(?:top|position\s*#?\s*1|number\s+1)",
    r"order\s+(?:each\s+of\s+)?(?:the\s+)?(?:\w+\s+)?reports?\s+(?:listed|below)",
    r"report\s*#\s*\d", r"this\s+is\s+not\s+a\s+chain", r"make\s+money\s+fast",
    r"(?:double|triple)\s+your\s+money", r"(?:gifting|gift)\s+(?:circle|scheme)",
    r"recruit\s+(?:\d+|two|three|four|five|ten)\s+(?:new\s+)?(?:people|members|friends)",
    rf"{_MANY}\s+people\s+(?:within|in)\s+(?:the\s+next\s+)?\d+\s+(?:hours|days|minutes)",
    r"within\s+\d+\s+(?:hours|days)\s+of\s+(?:receiving|reading)\s+(?:this|it)",
]

_MEDIUM = [
    r"(?:please\s+)?pass\s+(?:this|it)\s+on", rf"{_PASS}\s+(?:this|it)\s+to\s+{_MANY}",
    r"address\s+book", r"(?:this|it)\s+(?:really|actually)\s+works",
    r"(?:perfectly|completely|100%)\s+legal", r"(?:guaranteed|high)\s+returns?",
    r"(?:returns?|interest)\s+of\s+\d+\s*%\s+(?:per|a|each)\s+(?:week|month|day)",
    r"chain\s+(?:letter|e-?mail|mail)s?", r"pyramid\s+(?:letter|scheme)s?", r"ponzi",
    r"(?:bad|good)\s+luck", r"(?:names|name)\s+on\s+"
    r"the\s+list", r"(?:mlm|multi[- ]level)", r"(?:cash|money)\s+(?:gift|gifts)",
    r"postal\s+lottery", r"(?:\$|£)\d+\s+(?:cash|bill)",
]

_WEAK = [r"(?:within|in)\s+\d+\s+days", r"miracle"]

_PHRASES = phrase_regex(_STRONG, _MEDIUM, _WEAK)
_REMEDY = Remedy(
    kind="review",
    text="",
    description="Do not send or pass on chain letters or pyramid schemes; delete the "
    "message instead.",
)


class ChainLetterDetector:
    """Flags chain letters, hoax "forward this" warnings and pyramid/Ponzi schemes."""

    category = CHAIN_LETTER
    examples = (
        Example("Forward this to ten people within 24 hours and you will receive good "
                "luck. Don't break the chain!", True),
        Example("Send $5 to each of the names on the list, then add your name to the "
                "bottom of the list. This is perfectly legal and it really works!", True,
                note="pyramid letter"),
        Example("WARNING: a new virus is coming. Please pass this on to everyone in your "
                "address book!", True, note="hoax warning"),
        Example("Please share this post so residents know the High Street will be closed "
                "on Sunday for the carnival.", False, note="council asking people to share"),
        Example("The litter pick was a great success - bad luck with the weather though!",
                False),
        Example("Please forward this to the clerk by Friday so it can go on the agenda.",
                False),
    )

    def detect(self, ctx: Context) -> list[Finding]:
        view = ctx.text.folded
        total, hits = scan(_PHRASES, view.text)
        if total < 1.0 or not hits:
            return []
        start, end, _w = hits[0]
        s, e = view.to_original(start, end)
        return [Finding(
            category=CHAIN_LETTER, start=s, end=e, score=min(0.97, 0.5 + 0.15 * total),
            explanation="This looks like a chain letter or pyramid scheme, which must not be "
            "sent or passed on from council systems.",
            remedy=_REMEDY,
        )]


DETECTOR = ChainLetterDetector()
