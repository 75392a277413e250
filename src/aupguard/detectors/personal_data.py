"""Personal data: other people's phone numbers, email and home addresses, identity and
bank numbers, dates of birth (Belper: "give out personal details of employee's
telephone number, home address, personal email address ... without consent").

Speed matters here more than anywhere (this is the detector compared with Presidio), so
each pattern runs only when a cheap check says it could match (enough digits, an '@', a
cue word) and validation (phone ranges, checksums) runs only on regex candidates.
"""

from __future__ import annotations

import re

from aupguard.detectors import _pd_patterns as P
from aupguard.detectors._pd_base import Cand
from aupguard.detectors._pd_context import (
    consent_entities,
    is_consented,
    is_public_contact,
    plain_starts,
)
from aupguard.detectors._pd_email import emails
from aupguard.detectors._pd_examples import EXAMPLES
from aupguard.detectors._pd_numbers import bank, identifiers, phones, spoken_phones
from aupguard.detectors._pd_people import council_bank, is_person_name, name_before
from aupguard.detectors._pd_places import addresses, birth_dates
from aupguard.detectors.base import Context, Example
from aupguard.model import PERSONAL_DATA, Finding, Remedy
from aupguard.text.triggers import TriggerWords

# Cheap gates. The plain text is copied once into a byte-per-character class mask
# (digits '0', capitals 'A', small letters 'a', phone punctuation itself, the rest '.'),
# where literal-prefixed byte regexes and bytes.find run at C speed; the precise
# patterns then run only on the windows these find. Context words come from the
# shared trigger scan.
_CLASSES = bytes(
    48
    if 48 <= c <= 57
    else 65
    if 65 <= c <= 90
    else 97
    if 97 <= c <= 122
    else c
    if chr(c) in " ()+-"
    else 32
    if c == 9
    else 46
    for c in range(256)
)
# six or more digits with phone/number punctuation between them: phones, NI, NHS,
# card, IBAN, sort code and account numbers all contain one
_RUN = re.compile(rb"00(?:[ ()+\-]{0,3}0){4,}")
_TRIGGERS = TriggerWords(
    "personal_data",
    {
        **{w: "street" for w in P.STREET_WORDS},
        **{w: "dob" for w in ("born", "dob", "d o b", "birth", "birthdate", "birthday", "aged")},
        **{w: "bank" for w in ("sort", "s c", "bank", "bacs", "acc", "account", "acct", "a c")},
        **{w: "spoken" for w in ("zero", "oh", "nought", "double", "plus")},
        "dot": "hidden",
    },
    {"account": "bank"},
)
_REDACT: dict[str, str] = {
    "PHONE_NUMBER": "[phone number removed]",
    "EMAIL_ADDRESS": "[email address removed]",
    "POSTCODE": "[postcode removed]",
    "STREET_ADDRESS": "[address removed]",
    "NI_NUMBER": "[NI number removed]",
    "SORT_CODE": "[sort code removed]",
    "BANK_ACCOUNT": "[account number removed]",
    "CARD_NUMBER": "[card number removed]",
    "IBAN": "[IBAN removed]",
    "NHS_NUMBER": "[NHS number removed]",
    "DATE_OF_BIRTH": "[date of birth removed]",
}
_WHAT: dict[str, str] = {
    "EMAIL_ADDRESS": "a personal email address",
    "POSTCODE": "a home postcode",
    "STREET_ADDRESS": "a home address",
    "NI_NUMBER": "a National Insurance number",
    "SORT_CODE": "a bank sort code",
    "BANK_ACCOUNT": "a bank account number",
    "CARD_NUMBER": "a payment card number",
    "IBAN": "an international bank account number (IBAN)",
    "NHS_NUMBER": "an NHS number",
    "DATE_OF_BIRTH": "someone's date of birth",
}
_REMEDY: dict[str, Remedy] = {
    entity: Remedy(
        "redact",
        text,
        "Remove the detail, or check the person agreed to it being shared here.",
    )
    for entity, text in _REDACT.items()
}
_MIN_SCORE = 0.35
_PUBLIC = frozenset({"PHONE_NUMBER", "EMAIL_ADDRESS", "STREET_ADDRESS", "POSTCODE"})


_BANK_ENTITIES = frozenset({"SORT_CODE", "BANK_ACCOUNT", "IBAN"})


def _resolve(cands: list[Cand]) -> list[Cand]:
    """Keep the strongest of overlapping candidates (a card beats the account inside it)."""
    kept: list[Cand] = []
    ranked = sorted(cands, key=lambda c: (-c.score, c.start - c.end))
    if len(cands) <= 16:
        for c in ranked:
            if all(c.end <= k.start or c.start >= k.end for k in kept):
                kept.append(c)
    else:
        # characters already claimed by a kept candidate: linear however many there are
        taken = bytearray(max(c.end for c in cands) + 1)
        for c in ranked:
            if taken.find(1, c.start, c.end) < 0:
                kept.append(c)
                taken[c.start : c.end] = b"\x01" * (c.end - c.start)
    kept.sort(key=lambda c: c.start)
    return kept


def _people(t: str, mask: bytes, kept: list[Cand]) -> list[Cand]:
    """Name a person only beside another detail, and let the name raise that detail's score."""
    people: dict[tuple[int, int], Cand] = {}
    for c in kept[:8]:
        if c.score < 0.5:
            continue  # not reported at the usual threshold: no name needed
        # every name pattern holds a capital then a small ASCII letter ("Aa" in the mask)
        if mask.find(b"Aa", max(0, c.start - 70), c.start) < 0:
            continue
        span = _person_before(t, c.start)
        if span is None:
            continue
        c.score += 0.1
        people.setdefault(span, Cand("PERSON", span[0], span[1], 0.7, t[span[0] : span[1]]))
    return list(people.values())


def _person_before(t: str, start: int) -> tuple[int, int] | None:
    best = None
    lo = max(0, start - 70)
    if P.PERSON_GATE.search(t, lo, start) is None:
        return name_before(t, start)
    for m in P.PERSON.finditer(t, lo, start):
        g = "titled" if m.group("titled") else "cued" if m.group("cued") else "owner"
        if is_person_name(m.group(g)) or g == "titled":
            best = m.span(g)
    return best if best is not None else name_before(t, start)


def _explain(c: Cand) -> str:
    if c.entity == "PHONE_NUMBER":
        kind = "mobile" if c.what.startswith("mobile") else "landline"
        how = " written out in words" if c.what.endswith("spelt") else ""
        return (
            f"This looks like someone's {kind} phone number{how}; sharing a person's number "
            "needs their consent."
        )
    if c.entity == "PERSON":
        return "This names the person whose contact or identity details appear next to it."
    what = _WHAT[c.entity]
    if c.entity == "CARD_NUMBER" and c.what:
        what = f"a {c.what} card number"
    return f"This looks like {what}; sharing a person's details needs their consent."


class PersonalDataDetector:
    """Phone numbers, emails, addresses and identity/bank numbers of individuals."""

    category = PERSONAL_DATA
    examples: tuple[Example, ...] = EXAMPLES

    def detect(self, ctx: Context) -> list[Finding]:
        view = ctx.text.plain
        t = view.text
        if len(t) < 5:
            return []
        hits = _TRIGGERS.hits(ctx.text)
        mask = t.encode("ascii", "replace").translate(_CLASSES)
        tags = {h.tag for h in hits}
        hidden = "hidden" in tags or "at]" in t or "at)" in t or "at}" in t
        cands: list[Cand] = []
        if "spoken" in tags:
            spoken = [s for s, _, tag in plain_starts(ctx.text, hits) if tag == "spoken"]
            spoken_phones(t, spoken, cands)
        if "@" in t or hidden:
            emails(ctx, t, cands, hidden)
        runs = [m.span() for m in _RUN.finditer(mask)]
        if runs:
            phones(t, [r for r in runs if mask.count(b"0", *r) >= 9], cands)
            identifiers(t, mask, runs, cands)
            if "bank" in tags:
                bank(t, runs, cands)
        places = tags & {"street", "dob"}
        starts = plain_starts(ctx.text, [h for h in hits if h.tag in places]) if places else []
        addresses(t, mask, [h for h in starts if h[2] == "street"], cands)
        if "dob" in tags:
            birth_dates(t, [h for h in starts if h[2] == "dob"], cands, ctx.today.year)
        if not cands:
            return []
        for c in cands:
            if c.entity in _BANK_ENTITIES and council_bank(t, c.start, c.end, ctx.council.name):
                c.score = 0.2  # the council's own account, given so a supplier can be paid
        # A candidate under the threshold can only outrank others under it too, so it is
        # dropped before the (slower) register checks and the overlap resolution.
        consented = consent_entities(ctx)
        cands = [c for c in cands if c.score >= _MIN_SCORE and not self._allowed(ctx, c, consented)]
        if not cands:
            return []
        kept = _resolve(cands)
        kept.extend(_people(t, mask, kept))
        findings: list[Finding] = []
        for c in sorted(kept, key=lambda c: c.start):
            s, e = view.to_original(c.start, c.end)
            findings.append(
                Finding(
                    category=PERSONAL_DATA,
                    start=s,
                    end=e,
                    score=min(c.score, 0.99),
                    entity=c.entity,
                    explanation=_explain(c),
                    remedy=_REMEDY.get(c.entity),
                )
            )
        return findings

    @staticmethod
    def _allowed(ctx: Context, c: Cand, consented: frozenset[str]) -> bool:
        if c.entity in _PUBLIC and is_public_contact(ctx, c.entity, c.value):
            return True
        if c.entity not in consented:
            return False  # no consent could cover it: skip mapping its offsets back
        s, e = ctx.text.plain.to_original(c.start, c.end)
        return is_consented(ctx, c.entity, c.value, s, e)


DETECTOR = PersonalDataDetector()
