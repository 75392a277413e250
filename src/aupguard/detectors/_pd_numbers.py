"""Digit-shaped personal data: phone numbers (also spelt out in words), National
Insurance, NHS, card and IBAN numbers, sort codes and account numbers.

Each search runs only around the runs of six or more digits that the detector's byte
mask found, and the checksums and number-range tables in _pd_validate decide."""

from __future__ import annotations

import re
from bisect import bisect_left

from aupguard.detectors import _pd_patterns as P
from aupguard.detectors._pd_base import Cand, cue
from aupguard.detectors._pd_validate import (
    IBAN_LENGTHS,
    card_brand,
    iban_ok,
    national_digits,
    nhs_ok,
    ni_ok,
    phone_kind,
    spoken_digits,
)

_NOT_DIGITS = re.compile(r"\D+")
_SPOKEN_I = re.compile(P.SPOKEN_PHONE.pattern, re.I)
# literal-first alternatives (see _pd_patterns.PRIVATE_CUE): searched on short slices
_ORG_CUE = re.compile(
    r"council|office|reception|switchboard|enquir|town hall|helpline|customer service|"
    r"main line|freephone|fax|library|surgery|hall bookings|l(?<!\wl)td\b|limited|plc\b"
)
_NI_CUE = re.compile(r"national insurance|n(?<!\wn)(?:i\b|ino\b|\.i\.)")
_WORDS = re.compile(r"[a-z0-9]+")
_NHS_CUE = re.compile(r"n(?<!\wn)hs\b|health (?:service )?n")
_SORT_ONLY = re.compile(r"sort[ \-]?code|s/c\b")


def phones(t: str, runs: list[tuple[int, int]], out: list[Cand]) -> None:
    n = len(t)
    for rs, re_ in runs:
        for m in P.PHONE.finditer(t, max(0, rs - 2), min(n, re_ + 2)):
            _phone(t, m, out)


def _phone(t: str, m: re.Match[str], out: list[Cand]) -> None:
    raw = m.group()
    kind = phone_kind(national_digits(raw))
    if kind is None:
        return
    private = cue(P.PRIVATE_CUE, t, m.start())
    score = 0.8 if kind == "mobile" else 0.65
    if private:
        score += 0.15
    elif cue(_ORG_CUE, t, m.start(), 60):
        score -= 0.5
    if raw.isdigit() and not private:
        score -= 0.1  # a bare run of digits is more often a reference than a number
    out.append(Cand("PHONE_NUMBER", m.start(), m.end(), score, raw, kind))


def spoken_phones(t: str, starts: list[int], out: list[Cand]) -> None:
    done = -1
    for hs in starts:
        if hs < done:
            continue
        m = _SPOKEN_I.match(t, hs)
        if m is None:
            continue
        done = m.end()
        said = m.group().lower()
        digits = spoken_digits(_WORDS.findall(said) if "+" not in said else [])
        if said.startswith("plus"):
            digits = "+44" + spoken_digits(_WORDS.findall(said)[3:])
        kind = phone_kind(national_digits(digits))
        if kind is None:
            continue
        out.append(Cand("PHONE_NUMBER", m.start(), m.end(), 0.85, digits, kind + " spelt"))


def identifiers(t: str, mask: bytes, runs: list[tuple[int, int]], out: list[Cand]) -> None:
    """NI, NHS, card and IBAN numbers, searched only around runs of six or more digits
    (and only those the mask says could hold one: letters before an NI number or an
    IBAN, ten digits for an NHS number)."""
    n = len(t)
    ibans: set[int] = set()
    for rs, re_ in runs:
        end = min(n, re_ + 3)
        before = mask[max(0, rs - 3) : rs]
        if b"A" in before or b"a" in before:
            for m in P.NI_TAIL.finditer(t, rs, end):
                _ni(t, m, out)
        if mask.count(b"0", rs, re_) >= 10:
            _nhs(t, rs, end, out)
        if re_ - rs >= 13:
            for m in P.CARD.finditer(t, rs, end):
                brand = card_brand(_NOT_DIGITS.sub("", m.group()))
                if brand:
                    out.append(Cand("CARD_NUMBER", m.start(), m.end(), 0.9, m.group(), brand))
        if mask.find(b"AA0", max(0, rs - 12), re_) < 0:
            continue
        for m in P.IBAN.finditer(t, max(0, rs - 12), end):
            compact = m.group().replace(" ", "")
            k = IBAN_LENGTHS.get(compact[:2], 0)
            if k and len(compact) >= k and m.start() not in ibans and iban_ok(compact[:k]):
                ibans.add(m.start())
                stop = _end_after_chars(t, m.start(), k)
                out.append(Cand("IBAN", m.start(), stop, 0.9, compact[:k]))


def _nhs(t: str, rs: int, end: int, out: list[Cand]) -> None:
    for m in P.NHS.finditer(t, rs, end):
        digits = _NOT_DIGITS.sub("", m.group())
        if not nhs_ok(digits):
            continue
        # unlabelled: "943 476 5919" may be one; "617-864-0455" is a US phone
        unlabelled = 0.5 if m.group(1) == " " else 0.3
        score = 0.95 if cue(_NHS_CUE, t, m.start(), 60) else unlabelled
        out.append(Cand("NHS_NUMBER", m.start(), m.end(), score, digits))


def _ni(t: str, m: re.Match[str], out: list[Cand]) -> None:
    s = m.start() - 1 if m.start() and t[m.start() - 1] == " " else m.start()
    s -= 2
    prefix = t[max(0, s) : s + 2]
    if s < 0 or not prefix.isalpha() or not prefix.isascii() or (s and t[s - 1].isalnum()):
        return
    if prefix.islower() != m.group(1).islower():
        return
    compact = (prefix + m.group()).replace(" ", "").upper()
    if ni_ok(compact):
        score = 0.95 if cue(_NI_CUE, t, s, 60) else 0.8
        out.append(Cand("NI_NUMBER", s, m.end(), score, compact))


def _end_after_chars(t: str, start: int, n: int) -> int:
    """Offset just after the n-th non-space character from start."""
    i = start
    while n and i < len(t):
        if t[i] != " ":
            n -= 1
        i += 1
    return i


def bank(t: str, runs: list[tuple[int, int]], out: list[Cand]) -> None:
    """Sort codes and account numbers count only beside words that say they are one."""
    sorts: list[Cand] = []
    n = len(t)
    for rs, re_ in runs:
        for m in P.SORT_CODE.finditer(t, rs, min(n, re_ + 3)):
            words = _SORT_ONLY if m.group(1) is None else P.SORT_CUE
            if cue(words, t, m.start(), 40):
                sorts.append(Cand("SORT_CODE", m.start(), m.end(), 0.85, m.group()))
    starts = sorted(c.start for c in sorts)
    for rs, re_ in runs:
        for m in P.ACCOUNT.finditer(t, rs, min(n, re_ + 3)):
            i = bisect_left(starts, m.start() - 60)  # a sort code within 60 characters
            near_sort = i < len(starts) and starts[i] <= m.start() + 60
            if near_sort or cue(P.ACCOUNT_CUE, t, m.start(), 40):
                score = 0.9 if near_sort else 0.75
                out.append(Cand("BANK_ACCOUNT", m.start(), m.end(), score, m.group()))
    out.extend(sorts)
