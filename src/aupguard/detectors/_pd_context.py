"""What the council's register says about a candidate: its own published contacts are
never personal data, and details a person has consented to publish (until a date, on
some channels) are allowed."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from aupguard.detectors._pd_validate import national_digits
from aupguard.detectors.base import Context
from aupguard.text import NormalisedText
from aupguard.text.triggers import Hit

_NON_ALNUM = re.compile(r"[^a-z0-9]+")

_DIGIT_ENTITIES = frozenset(
    {"PHONE_NUMBER", "SORT_CODE", "BANK_ACCOUNT", "CARD_NUMBER", "NHS_NUMBER"}
)


def canonical(entity: str, value: str) -> str:
    """A formatting-free key so '(01702) 716288' equals '+44 1702 716288'."""
    if entity == "PHONE_NUMBER":
        return national_digits(value)
    if entity in _DIGIT_ENTITIES:
        return "".join(c for c in value if c.isdigit())
    if entity == "EMAIL_ADDRESS":
        return value.strip().lower()
    return _NON_ALNUM.sub("", value.lower())


def is_public_contact(ctx: Context, entity: str, value: str) -> bool:
    """True when the value is one of the council's own published contact details."""
    contacts = ctx.register.public_contacts
    if not contacts:
        return False
    key = canonical(entity, value)
    if not key:
        return False
    for c in contacts:
        if entity in ("STREET_ADDRESS", "POSTCODE"):
            if c.entity not in ("STREET_ADDRESS", "POSTCODE"):
                continue
            other = canonical("STREET_ADDRESS", c.value)
            if key in other or (len(other) >= 6 and other in key):
                return True
        elif c.entity == entity and canonical(entity, c.value) == key:
            return True
    return False


def is_consented(ctx: Context, entity: str, value: str, start: int, end: int) -> bool:
    """True when a still-valid consent on this channel covers the value.

    A consent that lists values must match one of them; one without values covers the
    entity when the consenting person is named near the detail."""
    consents = ctx.register.consents
    if not consents:
        return False
    key = canonical(entity, value)
    channel = ctx.message.channel
    for c in consents:
        if entity not in c.details or channel not in c.channels:
            continue
        if c.until is not None and c.until < ctx.today:
            continue
        if c.values:
            if any(canonical(entity, v) == key for v in c.values):
                return True
        else:
            text = ctx.text.original
            window = text[max(0, start - 120) : end + 40].lower()
            if c.person.lower() in window:
                return True
    return False


def consent_entities(ctx: Context) -> frozenset[str]:
    """The entities some still-valid consent on this channel covers: a candidate of any
    other entity can skip the consent check (and mapping its offsets back)."""
    consents = ctx.register.consents
    if not consents:
        return frozenset()
    channel = ctx.message.channel
    return frozenset(
        d
        for c in consents
        if channel in c.channels and (c.until is None or c.until >= ctx.today)
        for d in c.details
    )


def council_domain(ctx: Context, domain: str) -> bool:
    """Addresses on the council's own domains (or sub-domains) belong to the council."""
    domain = domain.lower().rstrip(".")
    hosts, dotted = council_hosts(ctx.council.email_domains, ctx.council.website)
    return domain in hosts or domain.endswith(dotted)


@lru_cache(maxsize=64)
def council_hosts(
    domains: tuple[str, ...], site: str | None
) -> tuple[frozenset[str], tuple[str, ...]]:
    """The council's mail hosts and their ".host" suffixes (cached: pack data only)."""
    hosts = {d.lower().lstrip("@") for d in domains}
    if site:
        host = site.lower().split("//")[-1].split("/")[0]
        host = host[4:] if host.startswith("www.") else host
        if host:
            hosts.add(host)
    hosts.discard("")
    return frozenset(hosts), tuple("." + h for h in hosts)


def plain_windows(
    text: NormalisedText, hits: Iterable[Hit], before: int, after: int
) -> list[tuple[int, int]]:
    """`triggers.windows` around folded-view hits, mapped onto the plain view.

    The folded view is the plain view plus rewrite stages (folding, joining spaced
    letters, cutting repeats), so its extra offset maps lead back to plain offsets."""
    plain = text.plain
    extra = text.folded.maps[len(plain.maps) :]
    size = len(plain.text)
    spans = []
    for h in hits:
        s, e = h.start, h.end
        for m in reversed(extra):
            s, e = m.span(s, e)
        spans.append((max(0, s - before), min(size, e + after)))
    spans.sort()
    merged: list[tuple[int, int]] = []
    for s, e in spans:
        if merged and s <= merged[-1][1]:
            if e > merged[-1][1]:
                merged[-1] = (merged[-1][0], e)
        else:
            merged.append((s, e))
    return merged


def plain_starts(text: NormalisedText, hits: Iterable[Hit]) -> list[tuple[int, int, str]]:
    """(start, end, tag) in the plain view of each folded-view hit."""
    extra = text.folded.maps[len(text.plain.maps) :]
    out = []
    for h in hits:
        s, e = h.start, h.end
        for m in reversed(extra):
            s, e = m.span(s, e)
        out.append((s, e, h.tag))
    return out
