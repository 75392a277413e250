"""Shared helpers for detectors that need to know whether a text is about the council.

Private to the political / identity / disclaimer detectors. Patterns depend on the
council's profile, so they are built once per council and cached (the cache is keyed
on immutable strings, so sharing it between threads is safe).
"""

from __future__ import annotations

import re
from functools import lru_cache

from aupguard.policy.schema import Council

# Words that end a council's formal name; stripping them leaves the place name.
_SUFFIX = re.compile(r"\s*\b(?:town|parish|city|district|borough|county|community)?\s*council\s*$",
                     re.I)
_NON_ALNUM = re.compile(r"[^a-z0-9]+")

# Generic ways of referring to "the council" or its members in a post.
_GENERIC = (
    r"(?:the|our|this|my|your)\s+(?:town\s+|parish\s+)?council\b",
    r"(?:town|parish)\s+council(?:s|'s|lors?)?\b",
    r"council\s+(?:meeting|offices?|business|decision|chamber|clerk|staff)\b",
    r"full\s+council\b",
    r"councillors?\b",
    r"cllrs?\b",
    r"town\s+clerk\b",
    r"(?:town\s+)?mayor\b",
)


def compact(value: str) -> str:
    """Lower-case, keep only letters and digits: "Leigh-on-Sea TC" -> "leighonseatc"."""
    return _NON_ALNUM.sub("", value.lower())


def _place(name: str) -> str:
    """The place part of a council's name: "Belper Town Council" -> "Belper"."""
    return _SUFFIX.sub("", name).strip()


@lru_cache(maxsize=64)
def _names(name: str, aliases: tuple[str, ...], handles: tuple[str, ...],
           website: str | None) -> tuple[str, ...]:
    """Every literal name the council goes by, longest first, lower-cased."""
    out: set[str] = {name.lower()}
    out.update(a.lower() for a in aliases if a.strip())
    out.update(h.lower().lstrip("@") for h in handles if h.strip().lstrip("@"))
    if website:
        host = re.sub(r"^[a-z]+://", "", website.lower()).split("/")[0]
        out.add(host.removeprefix("www."))
    place = _place(name)
    first = re.split(r"[-\s]", place)[0] if place else ""
    if first and first.lower() != place.lower():
        # "Leigh-on-Sea Town Council" is commonly written "Leigh Town Council".
        out.add(f"{first.lower()} town council")
    return tuple(sorted((n for n in out if len(n) >= 3), key=len, reverse=True))


@lru_cache(maxsize=64)
def _mention_re(names: tuple[str, ...]) -> re.Pattern[str]:
    literal = [re.escape(n).replace(r"\ ", r"\s+") for n in names]
    body = "|".join(literal + list(_GENERIC))
    return re.compile(rf"(?<![a-z0-9])(?:{body})(?![a-z0-9])")


def mention_pattern(council: Council) -> re.Pattern[str]:
    """A compiled pattern (for the folded, lower-case view) matching references to the
    council: its name, aliases, handles, website, "the council", councillors, the clerk."""
    names = _names(council.name, council.aliases, council.social_handles, council.website)
    return _mention_re(names)


def find_mention(council: Council, folded: str) -> re.Match[str] | None:
    """The first reference to the council in a folded text, or None."""
    if "council" not in folded and "cllr" not in folded and "clerk" not in folded \
            and "mayor" not in folded:
        # Cheap pre-check; named handles/aliases without the word are checked below.
        names = _names(council.name, council.aliases, council.social_handles, council.website)
        if not any(n in folded for n in names):
            return None
    return mention_pattern(council).search(folded)


@lru_cache(maxsize=64)
def _handle_stems(name: str, aliases: tuple[str, ...], handles: tuple[str, ...]) -> tuple[str, ...]:
    """Compacted forms of the council's name that should not appear inside a personal
    handle: the full name, aliases, official handles, and "<place>tc"/"<place>council"."""
    # Any "...TownCouncil..." handle on a personal account passes itself off as a council.
    stems: set[str] = {compact(name), "towncouncil", "parishcouncil"}
    stems.update(compact(a) for a in aliases)
    stems.update(compact(h) for h in handles)
    place = _place(name)
    places = {compact(place)}
    first = re.split(r"[-\s]", place)[0] if place else ""
    places.add(compact(first))
    for a in aliases:
        places.add(compact(_place(a)))
    for p in places:
        if len(p) >= 3:
            stems.update({p + "tc", p + "council", p + "towncouncil", p + "parishcouncil",
                          p + "pc"})
    return tuple(sorted((s for s in stems if len(s) >= 5), key=len, reverse=True))


def handle_uses_council_name(council: Council, handle: str) -> str | None:
    """The council name form found inside a personal handle or display name, or None.

    "@LeighTownCouncilJoe" and "BelperTC_fan" match; "BelperMum" (just the town) does
    not. The short "<place>TC"/"<place>PC" forms count only when the abbreviation stands
    out (capitals, or followed by a non-letter), so "belperpcrepairs" is not flagged."""
    flat = compact(handle)
    if not flat:
        return None
    for stem in _handle_stems(council.name, council.aliases, council.social_handles):
        if stem not in flat:
            continue
        if stem.endswith(("tc", "pc")) and not stem.endswith("council"):
            place = re.escape(stem[:-2])
            abbr = stem[-2:]
            pat = rf"(?i:{place})[\W_]*(?:{abbr.upper()}|{abbr}(?![a-z]))"
            if not re.search(pat, handle):
                continue
        return stem
    return None

