"""Representation: speaking for the council without being authorised to.

Belper: "Claim to represent the views of the Council unless authorised to do so";
Leigh: "Passing off personal views as representing those of the Council". A claim is
fine from an authorised person on the council's own account, or from someone the
register lists as a spokesperson for this channel; on a personal account only a
registered spokesperson for that channel may make it.
"""

from __future__ import annotations

import re
from functools import lru_cache

from aupguard.detectors._conduct import (
    MAX_FINDINGS,
    apos,
    council_names,
    pack_triggers,
    sentence_bounds,
    sentences_with,
)
from aupguard.detectors.base import Context, Example
from aupguard.model import REPRESENTATION, Finding, Remedy
from aupguard.policy.schema import Spokesperson
from aupguard.text.triggers import TriggerWords, scan_text, windows

_DECIDED = (
    r"(?:has|have)\s+(?:now\s+|today\s+|just\s+|already\s+)?(?:decided|agreed|resolved|voted|"
    r"approved|rejected|refused|concluded)"
)
_THINKS = (
    r"(?:thinks|believes|feels|considers|is\s+of\s+the\s+view|(?:is|are)\s+(?:appalled|disgusted|"
    r"outraged|furious|delighted|against|opposed|determined)|condemns|supports|opposes|backs|"
    r"deplores|wants|will\s+not\s+(?:stand|tolerate|accept)|won't\s+(?:stand|tolerate|accept))"
)


@lru_cache(maxsize=64)
def _claims(name: str, aliases: tuple[str, ...]) -> re.Pattern[str]:
    c = council_names(name, aliases)
    return re.compile(
        apos(
            r"(?P<hard>on\s+behalf\s+of\s+" + c
            + r"|speaking\s+(?:for|on\s+behalf\s+of)\s+" + c
            + r"|\bofficial\s+(?:council\s+)?(?:statement|response|position|announcement)\b"
            + r"|\bwe\s+(?:here\s+)?at\s+" + c + r"\s+(?:have|has|are|would|will|want|wish|"
            r"believe|think|feel|agree|agreed|decided|support|oppose)\b"
            + r"|" + c + r"'s\s+(?:official\s+)?(?:position|view|stance|line)\s+(?:is|on)\b"
            # "Council here - we've agreed", "We, the Town Council, will be objecting",
            # "I write as a representative of Belper Town Council"
            + r"|\bcouncil\s+here\s*(?:[-,:;!.]|$)"
            + r"|\bwe\s*,\s*(?:as\s+)?" + c + r"\s*,"
            + r"|\b(?:as|in\s+my\s+(?:role|capacity)\s+as)\s+(?:a|the|an\s+official)\s+"
            r"(?:representative|spokes(?:man|woman|person)|voice)\s+(?:of|for)\s+" + c + r")"
            + r"|(?P<decided>" + c + r"\s+" + _DECIDED + r")"
            + r"|(?P<soft>" + c + r"\s+" + _THINKS + r"|\bas\s+a\s+council\s+we\b"
            + r"|\bas\s+" + c + r"\s*,?\s+we\b"
            r"|\bwe\s+as\s+a\s+council\b)"
        )
    )


# Every claim names the council or uses one of these words; aliases without the word
# "council" ("LTC") vary by council and are looked for separately.
_TRIGGERS = TriggerWords(
    "representation", "council official representative spokesperson spokesman spokeswoman"
    .split())

_DISCLAIMER = re.compile(
    apos(
        r"\b(?:i|we)\s+(?:do\s+not|don't|dont|cannot|can't)\s+speak\s+(?:for|on\s+behalf\s+of)"
        r"|\bnot\s+(?:speaking|writing|posting|commenting)\s+(?:for|on\s+behalf\s+of)"
        r"|\b(?:my|our)\s+own\s+(?:personal\s+)?(?:views?|opinions?)"
        r"|\b(?:views?|opinions?)\s+(?:expressed\s+)?(?:here\s+)?(?:are|is)\s+(?:my|our)\s+own"
        r"|\bpersonal\s+(?:capacity|views?|opinions?)"
        r"|\bnot\s+(?:necessarily\s+)?(?:those\s+of|the\s+(?:official\s+)?views?\s+of)"
        r"|\bnot\s+(?:the|our)\s+(?:town\s+|parish\s+)?council's"
        r"|\bdo(?:es)?\s+not\s+(?:necessarily\s+)?(?:represent|reflect)"
    )
)
_NEGATED = re.compile(apos(r"\b(?:not|never|n't|nor)\b[^.!?\n]{0,25}$"))
_ATTRIBUTED = re.compile(
    r"\b(?:according\s+to|the\s+minutes|minute\s*(?:no\.?\s*)?\d|reported\s+that|announced\s+that|"
    r"published|press\s+release|said\s+that|says\s+that)"
)

_EXPLAIN_HARD = (
    "This speaks for the council, but you are not registered as authorised to do so here."
)
_EXPLAIN_SOFT = (
    "This presents a view as the council's; only authorised people may speak for the council."
)
_REVIEW = Remedy(
    "review",
    "",
    "Only an authorised spokesperson may speak for the council: remove the claim, or ask the "
    "Clerk to issue it.",
)


@lru_cache(maxsize=64)
def _alias_words(aliases: tuple[str, ...]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Aliases that do not contain the word 'council' ("LTC") anchor claims too; they
    vary by council, so rather than shared triggers each council gets these, grouped by
    last word ("leigh tc", "leigh-on-sea tc": one look for "tc")."""
    by_last: dict[str, list[str]] = {}
    for a in aliases:
        low = a.lower().strip()
        if low and "council" not in low:
            by_last.setdefault(low.split()[-1], []).append(low)
    return tuple((last, tuple(group)) for last, group in by_last.items())


@lru_cache(maxsize=64)
def _alias_triggers(aliases: tuple[str, ...]) -> TriggerWords | None:
    """The aliases' last words as shared triggers (registered once per council), so a
    message that mentions none of them is not searched for the aliases."""
    words = tuple(sorted({w for last, _g in _alias_words(aliases)
                          for w in scan_text(last).split()[-1:]}))
    return pack_triggers("representation-alias", words) if words else None


def _aliases_in(text: str, aliases: tuple[str, ...]) -> set[str]:
    return {a for last, group in _alias_words(aliases) if last in text
            for a in group if a in text}


def _key(s: str) -> str:
    return " ".join(s.lstrip("@").casefold().split())


def _spokesperson(ctx: Context) -> Spokesperson | None:
    author = ctx.message.author
    names = {_key(x) for x in (author.name, author.handle) if x}
    if not names:
        return None
    for sp in ctx.register.spokespersons:
        if _key(sp.name) in names or any(_key(h) in names for h in sp.handles):
            return sp
    return None


def authorised(ctx: Context) -> bool:
    """May this author speak for the council on this channel and account?"""
    author, channel = ctx.message.author, ctx.message.channel
    sp = _spokesperson(ctx)
    if sp is not None:
        return channel in sp.channels
    if ctx.message.account == "personal" or not author.authorised:
        return False
    # Authorised on the council's own account: when the register lists spokespersons and
    # we know who is writing, the register decides; otherwise the flag is enough.
    return not (ctx.register.spokespersons and (author.name or author.handle))


class RepresentationDetector:
    """Claims to speak for the council by someone not authorised to."""

    category = REPRESENTATION
    examples: tuple[Example, ...] = (
        Example("On behalf of the council, I can confirm the library will stay open.", True,
                message={"account": "personal", "channel": "social"},
                author={"role": "councillor"}),
        Example("The council's position is that the new flats should be refused.", True,
                message={"account": "personal", "channel": "social"},
                author={"role": "councillor"}),
        Example("We at the town council have agreed to fund the festival.", True,
                message={"account": "personal", "channel": "blog"},
                author={"role": "councillor"}),
        Example("The council thinks the bus cuts are a disgrace.", True,
                message={"account": "personal", "channel": "social"},
                author={"role": "councillor", "authorised": True},
                note="authorised, but not a registered spokesperson on a personal account"),
        Example("Official statement: the council has decided to close the toilets.", True,
                author={"role": "staff", "authorised": False}),
        Example("The council meets on Tuesday at 7pm in the community centre.", False,
                message={"account": "personal", "channel": "social"}),
        Example("I don't speak for the council, but I think the bus cuts are a disgrace.",
                False, message={"account": "personal", "channel": "social"},
                author={"role": "councillor"}),
        Example("These are my own views, not the council's: the council thinks too small.",
                False, message={"account": "personal", "channel": "social"},
                author={"role": "councillor"}),
        Example("On behalf of the council, thank you to everyone who came to the fun day.",
                False, message={"account": "council", "channel": "social"},
                author={"role": "clerk", "authorised": True}),
        Example("As your Town Council we say NO to the incinerator.", True,
                message={"account": "personal", "channel": "social"},
                author={"role": "councillor"}),
        Example("We, the Town Council, will be objecting to the new car park.", True,
                message={"account": "personal", "channel": "social"},
                author={"role": "councillor"}),
    )

    def detect(self, ctx: Context) -> list[Finding]:
        view = ctx.text.folded
        text = view.text
        hits = _TRIGGERS.hits(ctx.text)
        alias_words = _alias_triggers(ctx.council.aliases)
        aliases = (_aliases_in(text, ctx.council.aliases)
                   if alias_words is not None and alias_words.present(ctx.text) else set())
        if not hits and not aliases:
            return []
        if authorised(ctx):
            return []
        spans = windows(hits[: 4 * MAX_FINDINGS], len(text), 80, 100)
        if aliases:
            spans = sorted(spans + sentences_with(text, aliases))
        out: list[Finding] = []
        disclaimer: bool | None = None
        council = ctx.council.name
        claims = _claims(council, ctx.council.aliases)
        for m in (m for a, b in spans for m in claims.finditer(text, a, b)):
            if len(out) >= MAX_FINDINGS:
                break
            s0, s1 = sentence_bounds(text, m.start(), m.end())
            if _NEGATED.search(text, max(s0, m.start() - 30), m.start()):
                continue
            if disclaimer is None:
                disclaimer = _DISCLAIMER.search(text) is not None
            kind = m.lastgroup or "soft"
            if kind == "hard":
                if _DISCLAIMER.search(text, s0, s1):
                    continue
                score = 0.8 * (0.7 if disclaimer else 1.0)
            elif kind == "decided":
                if disclaimer or _ATTRIBUTED.search(text, s0, s1):
                    continue
                score = 0.65
            else:
                if disclaimer:
                    continue
                score = 0.7
            s, e = view.to_original(m.start(), m.end())
            personal = ctx.message.account == "personal"
            remedy = (
                Remedy("append", f"These are my own views and not those of {council}.",
                       "Make clear that you are giving your own view, not the council's.")
                if personal and kind != "hard"
                else _REVIEW
            )
            why = _EXPLAIN_HARD if kind == "hard" else _EXPLAIN_SOFT
            out.append(Finding(REPRESENTATION, s, e, round(score, 3), explanation=why,
                               remedy=remedy))
        return out


DETECTOR = RepresentationDetector()
