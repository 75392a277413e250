"""Online gambling and e-auctions on council systems (Belper: "online gambling or
e-auctions (e.g. Online Bingo, E-Bay)").

Bingo at the over-60s club, the bidding process for a tender and "I bet you'll enjoy
the fair" are ordinary council life, so bare words like "bingo", "bid" and "bet" never
count: only betting/casino brands, online-gambling phrases and auction-site wording do.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from aupguard.detectors.base import Context, Example
from aupguard.model import GAMBLING_AUCTION, Finding, Remedy
from aupguard.text.triggers import Hit, TriggerWords, windows

_GAMBLING = (
    r"bet\s?365|betfair|paddy\s?power|william\s+hill|ladbrokes|sky\s?bet|betway|betfred|"
    r"coral\.co|unibet|pokerstars|888\s?(?:casino|poker|sport)|bwin|betvictor|"
    r"(?:gala|mecca|foxy|sun|tombola)\s+bingo|bingo\s+(?:site|online|app|bonus)|"
    r"online\s+(?:bingo|casino|gambling|betting|poker|slots?|roulette|blackjack)|"
    r"casino\s+(?:bonus|games?|sites?|accounts?|apps?|chips)|slot\s+machines?|(?:free|bonus)\s+(?:spins|bets?)|"
    r"\d+\s+(?:free\s+)?spins|place\s+(?:a|my|your|our)\s+(?:\w+\s+)?bets?|"
    r"bet\s+on\s+(?:the|a|an|this|that|him|her|them|it)\s+(?:\w+\s+)?(?:to\s+win|match|race|"
    r"game|fight|horse|winner|result|odds)|each[- ]way\s+(?:bet|on)|in[- ]play\s+betting|"
    r"betting\s+(?:tips?|odds|slips?|accounts?|sites?|apps?|shops?)|sportsbook|"
    r"(?:at\s+)?odds\s+of\s+\d+\s*/\s*\d+|\d+\s*/\s*\d+\s+(?:odds|on\s+the\s+favourite)|"
    r"odds[- ]on\s+favourite|wager(?:ed)?\s+(?:on|£|\$|\d)|scratch\s?cards?\s+online"
)
_AUCTION = (
    r"e-?bay\s+(?:auctions?|listings?|items?|shop|store|sellers?|accounts?)|"
    r"(?:sell|selling|sold|bid|bidding|listed|list|buy|buying|bought)\s+(?:\w+\s+){0,2}on\s+"
    r"e-?bay|e-auctions?|online\s+auctions?|bid\s+on\s+my\s+(?:\w+\s+)?(?:item|listing|lot)s?|"
    r"my\s+(?:ebay\s+|auction\s+)?listings?\s+(?:ends?|end|closes?)|auction\s+ends|"
    r"starting\s+bid|outbid\s+(?:me|you)|buy\s+it\s+now|watch\s?list\s+on|"
    r"(?:sniping|snipe)\s+(?:the|an|this)\s+auction"
)
_RE = re.compile(rf"(?<![a-z0-9])(?:(?P<g>{_GAMBLING})|(?P<a>{_AUCTION}))(?![a-z0-9])")
# "tombola bingo" and "casino night" at a council fundraiser are not online gambling;
# a warning about fake listings or auction scams is not taking part in an auction.
_EXCUSE = re.compile(r"casino\s+(?:night|evening|themed?)|charity\s+(?:casino|auction)")
_WARNING = re.compile(
    r"(?<![a-z])(?:fake|bogus|fraudulent|scam|phishing|counterfeit|spoof)\w*\s+(?:\w+\s+){0,2}"
    r"(?:listings?|auctions?|sellers?|adverts?|ads|e-?mails?|sites?|e-?bay)|"
    r"(?:beware|be\s+aware|be\s+careful|warn(?:ing|ed)?|scams?|fraud(?:sters)?|"
    r"trading\s+standards|action\s+fraud|report\s+(?:it|them|any))(?![a-z])")

# Every pattern above contains one of these words; the shared trigger scan finds them.
_TRIGGERS = TriggerWords("gambling_auction", (
    "bet", "bets", "bet365", "betfair", "paddy power", "paddypower", "william hill",
    "ladbrokes", "skybet", "sky bet", "betway", "betfred", "coral", "unibet", "pokerstars",
    "888", "bwin", "betvictor", "bingo", "casino", "gambling", "betting", "poker", "slot",
    "slots", "roulette", "blackjack", "spins", "each way", "in play", "sportsbook", "odds",
    "wager", "wagered", "scratchcard", "scratchcards", "scratch card", "scratch cards",
    "ebay", "e bay", "auction", "auctions", "e auction", "e auctions", "bid", "listing",
    "listings", "outbid", "buy it now", "watchlist", "watch list", "sniping", "snipe", "favourite"))

_REMEDY = Remedy(
    kind="review",
    text="",
    description="Council systems must not be used for online gambling or online auctions.",
)


def _matches(text: str, hits: list[Hit]) -> Iterator[re.Match[str]]:
    """Matches of the precise pattern, looked for only near trigger words (at most
    fifty windows, so a megabyte of "bet bet bet" stays cheap)."""
    for start, end in windows(hits, len(text), 60, 60)[:50]:
        yield from _RE.finditer(text, start, end)


class GamblingAuctionDetector:
    """Flags online gambling and e-auction activity."""

    category = GAMBLING_AUCTION
    examples = (
        Example("Just put a tenner on at bet365 - place a bet on the 3:30 at Newmarket!",
                True),
        Example("Got 50 free spins on the online casino this lunchtime.", True),
        Example("Please bid on my item on eBay, auction ends tonight at 9pm.", True),
        Example("Bingo at the council's over-60s club is every Tuesday at the community "
                "centre, 2pm.", False, note="council social club bingo"),
        Example("The bidding process for the grounds maintenance tender closes on 3 May.",
                False, note="public procurement"),
        Example("Bet you'll enjoy the fair on Saturday - see you on the recreation ground!",
                False),
        Example("Warning: fake eBay listings are selling carnival tickets. Please report "
                "them to Action Fraud.", False, note="a scam warning, not an auction"),
    )

    def detect(self, ctx: Context) -> list[Finding]:
        hits = _TRIGGERS.hits(ctx.text)
        if not hits:
            return []
        view = ctx.text.folded
        text = view.text
        out: list[Finding] = []
        seen: set[str] = set()
        for m in _matches(text, hits):
            key = m.lastgroup or "g"
            if key in seen:
                continue
            lo = max(0, m.start() - 20)
            if _EXCUSE.search(text, lo, m.end() + 20):
                continue
            if key == "a" and _WARNING.search(text, max(0, m.start() - 120), m.end() + 120):
                continue
            seen.add(key)
            s, e = view.to_original(m.start(), m.end())
            what = "online gambling" if key == "g" else "an online auction"
            out.append(Finding(
                category=GAMBLING_AUCTION, start=s, end=e, score=0.8,
                explanation=f"This mentions {what}; council internet and systems must not "
                "be used for gambling or e-auctions.",
                remedy=_REMEDY,
            ))
            if len(seen) == 2:
                break
        return out


DETECTOR = GamblingAuctionDetector()
