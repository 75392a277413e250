"""Where someone lives and when they were born: postcodes, street addresses and dates
of birth. Postcodes are found from the byte mask (digit, letter, letter), street
addresses only near a street word, dates only right after 'born', 'DOB' and the like."""

from __future__ import annotations

import re
from bisect import bisect_left

from aupguard.detectors import _pd_patterns as P
from aupguard.detectors._pd_base import Cand, cue
from aupguard.detectors._pd_people import site_address

_ADDRESS_CUE = re.compile(r"address")


def addresses(t: str, mask: bytes, streets: list[tuple[int, int, str]], out: list[Cand]) -> None:
    n = len(t)
    posts: list[re.Match[str]] = []
    i = mask.find(b"0AA")  # every postcode ends in digit, letter, letter
    seen: set[int] = set()
    while i >= 0:
        for m in P.POSTCODE.finditer(t, max(0, i - 8), min(n, i + 4)):
            if m.start() not in seen:
                seen.add(m.start())
                posts.append(m)
        i = mask.find(b"0AA", i + 3)
    for m in posts:
        score = 0.7 if " " in m.group() else 0.55
        if cue(P.PRIVATE_CUE, t, m.start(), 80):
            score += 0.15
        elif site_address(t, m.start(), m.end()):
            score -= 0.35
        out.append(Cand("POSTCODE", m.start(), m.end(), score, m.group()))
    post_starts = sorted(m.start() for m in posts)
    done = -1
    for k, (hs, he, _) in enumerate(streets):
        if he <= done:
            continue
        for hs2, he2, _ in streets[k + 1 :]:  # "Leigh Hill Road", "Marine Parade Crescent"
            if hs2 - he > 25:
                break
            he = he2
        ws = max(done, hs - 70, 0)
        done = he
        if mask.find(b"0", ws, he) < 0:
            continue
        for m in P.STREET.finditer(t, ws, he):
            _street(t, m, post_starts, out)


def _street(t: str, m: re.Match[str], posts: list[int], out: list[Cand]) -> None:
    start = m.start()
    flat = P.FLAT_BEFORE.search(t, max(0, start - 25), start)
    if flat:
        start = flat.start()
    score = 0.55
    if cue(P.PRIVATE_CUE, t, m.start()) or cue(_ADDRESS_CUE, t, m.start()):
        score += 0.3
    elif site_address(t, m.start(), m.end()):
        score -= 0.35  # a planning site or public notice, with no person tied to it
    i = bisect_left(posts, m.end())  # a postcode starting within 40 characters after
    if i < len(posts) and posts[i] <= m.end() + 40:
        score += 0.15
    out.append(Cand("STREET_ADDRESS", start, m.end(), score, t[start : m.end()]))


def birth_dates(t: str, hits: list[tuple[int, int, str]], out: list[Cand], year_now: int) -> None:
    """A date counts as a birth date only right after a word like 'born' or 'DOB'."""
    for hs, he, _ in hits:
        word = t[hs:he].lower()
        if word == "birth":  # "date of birth", "birth date"; not "the birth of ..."
            if t[he : he + 5].lower() == " date":
                he += 5
            elif t[max(0, hs - 3) : hs].lower() != "of ":
                continue
        _date_after(t, he, word == "aged", out, year_now)


def _date_after(t: str, pos: int, weak: bool, out: list[Cand], year_now: int) -> None:
    m = P.DATE.search(t, pos, min(len(t), pos + 40))
    if m is None:
        return
    y = m.group("y1") or m.group("y2") or m.group("y3") or m.group("y4") or m.group("y5")
    year_only = m.group("y6")
    if year_only is not None and (weak or m.start() - pos > 6):
        return  # "aged 40 in 1985" or a year further on is not a birth date
    y = y or year_only
    if y is not None:
        year = int(y) if len(y) == 4 else 1900 + int(y)
        if not 1900 <= year <= year_now:
            return
    score = 0.6 if weak or y is None else 0.55 if year_only else 0.9
    out.append(Cand("DATE_OF_BIRTH", m.start(), m.end(), score, m.group()))
