"""Private business, solicitations and advertisements on council systems.

Both policies forbid using council systems for a private or commercial business and
sending solicitations or adverts. Single words ("free", "sale", "unsubscribe") are
common in ordinary mail, so phrases carry weights and only enough evidence together
makes a finding. Tuned on the SpamAssassin public corpus (spam vs. easy/hard ham).
"""

from __future__ import annotations

from aupguard.detectors._mentions import phrase_regex, scan
from aupguard.detectors.base import Context, Example
from aupguard.model import COMMERCIAL, Finding, Remedy

_N = r"(?:\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten|twenty|fifty|hundred)"

_STRONG = [
    # calls to buy
    r"(?:buy|order|shop|call|act|apply|respond|reply)\s+(?:now|today)",
    r"click\s+(?:here|below|on\s+(?:the|this)\s+link)\s+(?:to|and|for)\s+"
    r"(?:order|buy|claim|get|receive|start|join|apply|sign|subscribe|be\s+removed|remove|"
    r"unsubscribe|see|visit|save|request|download|learn|enter|qualify|win|find\s+out)",
    r"(?:limited|special|exclusive|introductory|one[- ]time|today'?s)\s+(?:time\s+)?offers?",
    r"\d{1,2}\s*(?:%|per\s*cent|percent)\s+(?:off|discount)",
    r"(?:save|discount\s+of|up\s+to)\s+\d{1,2}\s*(?:%|per\s*cent|percent)",
    r"money[- ]back\s+guarantee\w*", r"risk[- ]free", r"no\s+obligation",
    r"satisfaction\s+guaranteed", r"100\s*%\s+(?:free|guaranteed|satisfaction|natural|legal)",
    r"free\s+(?:trial|quotes?|consultation|gift|report|sample|membership|estimate|"
    r"information\s+kit|cd|dvd|web\s*site|access|bonus|shipping|delivery)",
    r"(?:dm|pm|message|inbox|contact|text|ring|call)\s+me\s+for\s+(?:prices|a\s+quote|"
    r"quotes|rates|details|bookings|orders)",
    r"(?:check\s+out|visit|like|follow|support)\s+my\s+(?:\w+\s+)?(?:business|shop|store|"
    r"etsy|page|website)",
    r"my\s+(?:own\s+|new\s+|small\s+|little\s+|online\s+|family\s+)?(?:cleaning|catering|"
    r"baking|cake|dog[- ]walking|gardening|photography|beauty|nail|hair|tutoring|"
    r"decorating|building|plumbing|handyman|window[- ]cleaning|massage|fitness|jewellery|"
    r"candle|crafts?)\s+business",
    r"(?:to\s+be|be)\s+removed\s+from\s+(?:our|this|the|any|future)\s+(?:\w+\s+){0,2}"
    r"(?:list|mailings?)",
    r"(?:this|the)\s+(?:e-?mail|message)\s+(?:is|was)\s+(?:being\s+)?sent\s+"
    r"(?:to\s+you\s+)?in\s+compliance",
    r"(?:is|this)\s+not\s+(?:a\s+)?spam", r"bill\s+s\.?\s*1618", r"opt[- ]?out\s+(?:link|here)",
    r"work(?:ing)?\s+from\s+home", r"be\s+your\s+own\s+boss", r"financial\s+freedom",
    r"extra\s+(?:cash|income)", r"residual\s+income", r"passive\s+income",
    r"(?:earn|make|making)\s+(?:up\s+to\s+|over\s+)?[$£]?\d[\d,]*k?\s+(?:or\s+more\s+)?"
    r"(?:a|per|each|every)\s+(?:week|month|day|year)",
    r"(?:make|earn)\s+(?:money|cash)\s+(?:fast|online|from\s+home|while)",
    r"business\s+opportunit(?:y|ies)", r"ground[- ]floor\s+opportunity", r"downline",
    r"join\s+my\s+team",
    r"(?:lowest|best|low|great)\s+(?:mortgage|interest|insurance)\s+rates?",
    r"debt\s+consolidation", r"(?:bad|poor)\s+credit", r"credit\s+(?:repair|report)s?",
    r"pre-?approved", r"lower\s+your\s+(?:monthly\s+)?(?:payments?|rates?|bills?)",
    r"viagra", r"cialis", r"(?:penis|breast)\s+enlargement", r"lose\s+(?:up\s+to\s+)?\d+\s+"
    r"(?:lbs|pounds|kg)", r"weight\s+loss", r"hgh",
    r"you(?:'ve|\s+have)\s+(?:been\s+selected|won)", r"claim\s+your\s+(?:free|prize|reward|"
    r"gift|cash|bonus)",
    r"(?:reasonable|competitive|unbeatable|wholesale|discount)\s+(?:rates|prices)",
    r"buy\s+one\s+get\s+one", r"half\s+price", r"while\s+(?:supplies|stocks)\s+last",
    r"don'?t\s+miss\s+(?:out|this)", r"once\s+in\s+a\s+lifetime",
    r"(?:bulk|targeted)\s+e-?mail", r"e-?mail\s+marketing",
    r"millions?\s+of\s+(?:e-?mail|targeted)", r"(?:hot|penny)\s+stocks?",
    r"forward[- ]looking\s+statements", r"investment\s+opportunity",
    r"(?:order|call)\s+(?:toll[- ]free|by\s+phone|online)", r"toll[- ]free",
    r"(?:we|i)\s+accept\s+(?:all\s+)?(?:major\s+)?credit\s+cards",
    r"(?:transfer|remit)\s+(?:the|this)\s+(?:sum|funds?|amount)",
    r"business\s+(?:proposal|relationship)\s+with\s+you", r"next\s+of\s+kin",
    r"(?:us\$|usd)\s*\d", r"\d+(?:\.\d+)?\s+million\s+(?:united\s+states\s+|us\s+)?dollars",
    r"mlm", r"multi[- ]level\s+marketing", r"network\s+marketing",
    r"no\s+(?:credit\s+check|experience\s+(?:necessary|required)|selling)",
    r"(?:free|cheap)\s+(?:long[- ]distance|cable|hosting|pills|meds)",
    r"get\s+paid\s+to", r"for\s+only\s+\$", r"one[- ]time\s+(?:mailing|e-?mail)",
    r"(?:with|put|type)\s+[\"']?remove[\"']?\s+in\s+the\s+subject",
    r"(?:take|remove)\s+you(?:r\s+(?:name|address|e-?mail))?\s+(?:off|from)\s+(?:our|this|the)\s+"
    r"(?:\w+\s+)?(?:mailing\s+)?list",
    r"(?:from|in)\s+the\s+comfort\s+of\s+your\s+(?:own\s+)?home", r"consolidate\s+your\s+debts?",
    r"promote\s+your\s+(?:business|products?|web\s*site|site)", r"(?:beat|match)\s+any\s+price",
    r"(?:fax|cell|cellular)\s+(?:marketing|phone\s+plan)",
]

_MEDIUM = [
    r"click\s+(?:here|below)", r"unsubscribe\s+(?:here|below|link)",
    r"(?:you\s+are|you're)\s+receiving\s+this", r"if\s+you\s+(?:no\s+longer\s+)?wish\s+to\s+"
    r"(?:be\s+removed|unsubscribe|opt[- ]?out|stop\s+receiving)",
    r"remove\s+(?:me|your\s+(?:name|address|e-?mail))", r"opt[- ]?in",
    r"(?:free|special)\s+offer", r"offer\s+(?:expires|ends|valid)", r"order\s+(?:form|yours)",
    r"(?:order|buy)\s+(?:online|direct)", r"(?:amazing|incredible|unbelievable|fantastic)\s+"
    r"(?:offer|deal|results|savings|opportunity)",
    r"(?:huge|massive|big|incredible)\s+(?:savings|discounts?)", r"(?:great|best)\s+deals?",
    r"(?:dear|hello)\s+(?:friend|sir|madam)", r"(?:guaranteed|guarantee)", r"refinanc\w*",
    r"mortgage", r"(?:insurance|loan)\s+quotes?", r"compare\s+(?:quotes|prices)",
    r"for\s+sale", r"discount", r"cheap\w*", r"(?:prices?|rates)\s+(?:start|from)",
    r"(?:visit|see)\s+(?:our|my)\s+(?:web\s*site|site|shop|store)",
    r"(?:my|our)\s+(?:\w+\s+)?business", r"(?:dm|pm)\s+me", r"(?:credit|debit)\s+cards?",
    r"\$\d[\d,]*(?:\.\d\d)?", r"(?:million|billion)\s+dollars", r"confidential\s+business",
    r"winner", r"prizes?", r"congratulations", r"promotion", r"advertisement",
    r"(?:no|without)\s+(?:cost|risk|fees?)", r"(?:instant|immediate)\s+(?:access|approval|cash)",
    r"(?:interest|mortgage)\s+rates", r"low\s+(?:rates|prices)", r"(?:click|go)\s+(?:on\s+)?the\s+"
    r"link\s+below", r"fill\s+out\s+(?:our|the|this)\s+(?:\w+\s+){0,2}form", r"porn\w*", r"xxx",
    r"hardcore", r"live\s+(?:sex|cams?)", r"make\s+\$", r"job\s+seekers?", r"now\s+only",
    r"only\s+\$", r"(?:sign\s+up|join|subscribe)\s+(?:now|today)",
    r"removal\s+instructions", r"opted[- ]?in", r"wholesale", r"(?:tremendous|huge)\s+savings",
    r"gift\s+(?:card|certificate)", r"(?:fast|quick|instant)\s+approvals?",
    r"(?:auto|car)\s+loans?",
    r"(?:hot|sexy)\s+(?:girls?|babes?|teens?)", r"adult\s+(?:site|videos?|content)",
    r"(?:lose|losing|burn)\s+(?:weight|fat)", r"anti[- ]aging", r"e-?mail\s+addresses",
    r"(?:limited|exclusive)\s+(?:time|number)",
]

_WEAK = [
    r"unsubscribe", r"free", r"offer", r"sale", r"orders?", r"buy", r"customers?",
    r"income", r"profits?", r"earn", r"cash", r"investors?", r"marketing", r"products?",
    r"save", r"money", r"today", r"now", r"opportunity",
]

_PHRASES = phrase_regex(_STRONG, _MEDIUM, _WEAK)
_MAX_FINDINGS = 3

_REMEDY = Remedy(
    kind="review",
    text="",
    description="Remove the advert or sales pitch: council systems may only be used for "
    "council business.",
)


def _enough(total: float, hits: list[tuple[int, int, float]], length: int) -> bool:
    """A strong phrase backed by something else (or in a short text), or several
    weaker signals packed densely. Density (weight per 1,000 characters) keeps long
    newsletters and mailing-list digests, which mention prices in passing, below the bar."""
    strong = any(w >= 1.0 for _s, _e, w in hits)
    density = total * 1000 / max(length, 300)
    if strong and (total >= 1.5 or density >= 1.5):
        return True
    return total >= 1.75 and density >= 1.5


class CommercialDetector:
    """Flags adverts, sales pitches, private-business promotion and spam."""

    category = COMMERCIAL
    examples = (
        Example("Spring clean offer! My cleaning business has spaces this month - DM me "
                "for prices, 20% off for first-time customers.", True,
                note="personal business advertised from a council account"),
        Example("LIMITED TIME OFFER!!! Buy now and save 50%. Click here to claim your free "
                "gift. To be removed from our mailing list reply REMOVE.", True,
                note="spam"),
        Example("Work from home and earn $5,000 a month! No experience necessary. This is a "
                "ground floor opportunity - join my team today.", True, note="MLM pitch"),
        Example("The council's contract with the grounds maintenance firm runs until "
                "March; the new specification will be discussed at Full Council.", False,
                note="council business, not an advert"),
        Example("The market stalls on Saturday are run by the council. Pitches cost £25 "
                "and traders should book through the town clerk.", False),
        Example("Tickets for the council's fireworks night are now on sale at the "
                "community centre, £5 for adults and free for under-fives.", False,
                note="council event"),
        Example("To unsubscribe from the council's e-newsletter, email the clerk.", False,
                note="one weak word is not enough"),
    )

    def detect(self, ctx: Context) -> list[Finding]:
        view = ctx.text.folded
        total, hits = scan(_PHRASES, view.text)
        if not _enough(total, hits, len(view.text)):
            return []
        score = min(0.97, 0.45 + 0.2 * total)
        out: list[Finding] = []
        for start, end, _w in hits[:_MAX_FINDINGS]:
            s, e = view.to_original(start, end)
            out.append(Finding(
                category=COMMERCIAL, start=s, end=e, score=score,
                explanation="This reads like an advert or sales pitch; council systems must "
                "not be used for private business, solicitations or advertising.",
                remedy=_REMEDY,
            ))
        return out


DETECTOR = CommercialDetector()
