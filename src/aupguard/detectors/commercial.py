"""Private business, solicitations and advertisements on council systems.

Both policies forbid using council systems for a private or commercial business and
sending solicitations or adverts. Single words ("free", "sale", "unsubscribe") are
common in ordinary mail, so phrases carry weights and only enough evidence together
makes a finding (phrases in `_commercial_rules`). Private sales ("£4,500 ono", "anyone
want to buy my van?", a holiday let at £600 a week) and party-plan selling (Avon,
"orders back to me by Friday") count as much as spam does.
"""

from __future__ import annotations

from aupguard.detectors._commercial_rules import LITERALS, RULES
from aupguard.detectors._phrases import STRONG, PhraseRules
from aupguard.detectors.base import Context, Example
from aupguard.model import COMMERCIAL, Finding, Remedy

_PHRASES = PhraseRules("commercial", RULES, LITERALS)
_MAX_FINDINGS = 3
_SATURATE = 2.6  # the score stops growing here

_REMEDY = Remedy(
    kind="review",
    text="",
    description="Remove the advert or sales pitch: council systems may only be used for "
    "council business.",
)


def _need(length: int) -> tuple[float, float]:
    """The total weight that makes a finding, with and without a strong phrase: a
    strong phrase backed by something else (or in a short text), or several weaker
    signals packed densely. Density (weight per 1,000 characters, at least 1.5) keeps
    long newsletters and mailing-list digests, which mention prices in passing, below
    the bar."""
    dense = 1.5 * max(length, 300) / 1000
    return (1.5 if dense > 1.5 else dense), (1.75 if dense < 1.75 else dense)


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
        Example("Selling my late dad's touring caravan, £3,200 ono - message me.", True,
                note="private sale on a council system"),
        Example("New Avon brochure is out, ladies! Orders back to me by Friday.", True,
                note="party-plan selling"),
        Example("The chamber of trade says High Street shops have up to 60% off this "
                "weekend; the council's free parking applies on Saturday.", False,
                note="reporting a sale is not advertising one"),
    )

    def detect(self, ctx: Context) -> list[Finding]:
        view = ctx.text.folded
        need = _need(len(view.text))
        hits = _PHRASES.scan(ctx.text, need, saturate=_SATURATE)
        if not hits:
            return []
        total = sum(w for _s, _e, w in hits)
        if total < need[0 if hits[0][2] >= STRONG else 1]:
            return []
        score = min(0.97, 0.45 + 0.2 * min(total, _SATURATE))
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
