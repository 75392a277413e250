"""Chain letters and pyramid schemes (Leigh: "Sending or posting chain letters";
Belper: "participating in chain or pyramid letters or similar schemes").

The tell-tale signs are an instruction to pass the message on to many people, a
threat or promise attached to doing so, and money moving up a list of names. Each
phrase carries a weight; one unmistakable phrase or two supporting ones make a finding.
Councils often ask people to "please share" a post, so sharing alone never counts.
"""

from __future__ import annotations

from aupguard.detectors._phrases import MEDIUM, STRONG, WEAK, PhraseRules, RuleSpec
from aupguard.detectors.base import Context, Example
from aupguard.model import CHAIN_LETTER, Finding, Remedy

S, M, W = STRONG, MEDIUM, WEAK
_MANY = (r"(?:\d+|two|three|four|five|six|seven|eight|nine|ten|twelve|fifteen|twenty|"
         r"fifty|a\s+hundred|all|every|everyone|everybody|as\s+many)")
_PASS = r"(?:forward|send|pass|e-?mail|copy|post|share|repost|text)"
_THIS = r"(?:this|it|the\s+(?:letter|message|e-?mail|post|status))"
# The phrases _PASS + _THIS begin with, as triggers ("forward this", "send the letter").
_PASS_THIS = ("{forward,send,pass,email,e mail,copy,post,share,repost,text} {this,it,the letter,"
              "the message,the email,the e mail,the post,the status}")

# See `_phrases.PhraseRules`: "|"-separated phrases (brace-expanded) or, with a regex,
# the words it is run around ("^": the match starts at the word, "$": ends with it).
_RULES: list[RuleSpec] = [
    (_PASS_THIS, S,
     rf"^{_PASS}\s+{_THIS}\s+(?:on\s+)?to\s+(?:at\s+least\s+)?{_MANY}(?:\s+(?:of\s+)?"
     r"(?:your|the|other|more))?\s*(?:people|friends|persons|contacts|others|you\s+know|"
     r"in\s+your)"),
    ("{don't,dont,do not,never} break {the,this} chain|break {the,this} chain|"
     "bad luck {will,for,within,shall}|{will,shall} {receive,have,get} {good,bad} luck|"
     "this is not a chain|make money fast|{double,triple} your money|"
     "{gifting,gift} {circle,scheme}|i do not give facebook permission|"
     "{i,we} {do not,don't,dont} give {facebook,meta,instagram} {,my }permission|"
     "{99,97,95,98,90} {%,percent} {of people ,}{won't,wont,will not} {share,repost,copy}|"
     "{copy and paste,copy paste,repost} {this,it} {,as your status}|"
     "{share,repost,like} if you love your {mum,mom,mother,dad,nan,family,kids}", S, None),
    ("luck", S, r"(?:good|bad)\s+luck\s+(?:in|within)\s+\d+\s+days"),
    ("send", S, r"^(?:send|mail|put)\s+(?:\$|£|us\$)?\d+\s*(?:dollars?|pounds?|"
     r"bills?)?\s+(?:cash\s+)?to\s+(?:each\s+of\s+)?(?:the\s+)?(?:\w+\s+)?(?:names?|people|"
     r"persons|address(?:es)?)\s+(?:on|in|at)\s+(?:the|this)\s+(?:list|top)"),
    ("{add,put} your {,own }name", S, r"^(?:add|put)\s+your\s+(?:own\s+)?name\s+(?:to|at)\s+"
     r"the\s+(?:bottom|top|end)\s+of\s+(?:the|this)\s+list"),
    ("{remove,delete,cross off} the {name,person}", S,
     r"^(?:remove|delete|cross\s+off)\s+the\s+(?:name|person)\s+(?:at|in)\s+(?:the\s+)?(?:top|position\s*#?\s*1|number\s+1)"),
    ("reports", S, r"order\s+(?:each\s+of\s+)?(?:the\s+)?(?:\w+\s+)?reports\s+"
     r"(?:listed|below)"),
    ("recruit", S, r"^recruit\s+(?:\d+|two|three|four|five|ten)\s+(?:new\s+)?(?:people|"
     r"members|friends)"),
    ("hours|days|minutes", S, rf"{_MANY}\s+people\s+(?:within|in)\s+(?:the\s+next\s+)?\d+\s+"
     r"(?:hours|days|minutes)$"),
    ("receiving|reading", S,
     r"within\s+\d+\s+(?:hours|days)\s+of\s+(?:receiving|reading)\s+(?:this|it)"),
    # fake payouts for forwarding ("forward this and you'll get $245")
    ("forward|forwarded|forwarding|share|shares", S,
     r"^(?:forward|share)(?:s|ed|ing)?\s+(?:this|it|the\s+e-?mail)[^.\n]{0,60}?"
     r"(?:you(?:'ll|\s+will)|will)\s+(?:get|receive|be\s+paid)\s+(?:\$|£|us\$)?\d"),
    ("tracking|track", S, r"(?:tracking|track)\s+(?:program|software|this\s+e-?mail)"),
    # medium
    ("pass {this,it} on|" "address book|{this,it} {really,actually} works|"
     "{perfectly,completely,100%} legal|{guaranteed,high} return{,s}|"
     "chain {letter,letters,email,e mail,mail}|pyramid {letter,scheme,letters,schemes}|ponzi|"
     "{bad,good} luck|{name,names} on the list|mlm|multi level|{cash,money} {gift,gifts}|"
     "postal lottery|{won't,wont,will not} {share,repost} this|see who {reads,shares}|"
     "{share,forward} {this,it} with everyone|{facebook,microsoft,aol} will {pay,donate}|"
     "{copy,copied} {and,&} {paste,pasted}", M, None),
    (_PASS_THIS, M,
     rf"^{_PASS}\s+(?:this|it)\s+to\s+{_MANY}"),
    ("returns", M, r"(?:returns?|interest)\s+of\s+\d+\s*%\s+(?:per|a|each)\s+"
     r"(?:week|month|day)"),
    ("miracle", W, None),
    ("days", W, r"(?:within|in)\s+\d+\s+days$"),
]
_PAYOUT = r"SIGN\d+\s+(?:for\s+)?(?:every|each)\s+(?:person|e-?mail|share|forward)"
_PHRASES = PhraseRules("chain_letter", _RULES,
                       [("$", M, r"\$\d+\s+(?:cash|bill)", "cash|bill"),
                        ("£", M, r"£\d+\s+(?:cash|note)", "cash|note"),
                        ("$", S, _PAYOUT.replace("SIGN", r"\$"), "every|each"),
                        ("£", S, _PAYOUT.replace("SIGN", "£"), "every|each")])
_REMEDY = Remedy(
    kind="review",
    text="",
    description="Do not send or pass on chain letters or pyramid schemes; delete the "
    "message instead.",
)


_NEED = 1.0  # total weight that makes a finding, with or without a strong phrase


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
        Example("Forward this email and you'll get $120 for every person who opens it - "
                "AOL is tracking it!", True, note="fake payout chain"),
        Example("I do not give Facebook permission to use my photos. Copy and paste this "
                "as your status.", True, note="Facebook hoax"),
    )

    def detect(self, ctx: Context) -> list[Finding]:
        view = ctx.text.folded
        hits = _PHRASES.scan(ctx.text, (_NEED, _NEED), saturate=3.0)
        if not hits:
            return []
        total = sum(w for _s, _e, w in hits)
        if total < _NEED:
            return []
        start, end, _w = hits[0]
        s, e = view.to_original(start, end)
        return [Finding(
            category=CHAIN_LETTER, start=s, end=e, score=min(0.97, 0.5 + 0.15 * min(total, 3.0)),
            explanation="This looks like a chain letter or pyramid scheme, which must not be "
            "sent or passed on from council systems.",
            remedy=_REMEDY,
        )]


DETECTOR = ChainLetterDetector()
