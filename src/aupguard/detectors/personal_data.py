"""Personal data: other people's phone numbers, email and home addresses, identity and
bank numbers, dates of birth (Belper: "give out personal details of employee's
telephone number, home address, personal email address ... without consent").

Speed matters here more than anywhere (this is the detector compared with Presidio), so
each pattern runs only when a cheap check says it could match (enough digits, an '@', a
cue word) and validation (phone ranges, checksums) runs only on regex candidates.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from aupguard.detectors import _pd_patterns as P
from aupguard.detectors._pd_context import (
    council_domain,
    is_consented,
    is_public_contact,
    plain_starts,
)
from aupguard.detectors._pd_examples import EXAMPLES
from aupguard.detectors._pd_people import (
    council_bank,
    is_person_name,
    list_address,
    list_context,
    name_before,
    quoted_attribution,
    site_address,
)
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
from aupguard.detectors.base import Context, Example
from aupguard.model import PERSONAL_DATA, Finding, Remedy
from aupguard.text.triggers import TriggerWords

_NOT_DIGITS = re.compile(r"\D+")

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
_LOCAL_REV = re.compile(r"[\w.%+'\-]*")
_SPOKEN_I = re.compile(P.SPOKEN_PHONE.pattern, re.I)
_ORG_CUE = re.compile(
    r"council|office|reception|switchboard|enquir|town hall|helpline|customer service|"
    r"main line|freephone|fax|library|surgery|hall bookings|\bltd\b|limited|plc\b"
)
_NI_CUE = re.compile(r"national insurance|\bni\b|\bnino\b|\bn\.i\.")
_WORDS = re.compile(r"[a-z0-9]+")
_NHS_CUE = re.compile(r"\bnhs\b|health (?:service )?n")
_ADDRESS_CUE = re.compile(r"address")
_SORT_ONLY = re.compile(r"sort[ \-]?code|s/c\b")

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
_MIN_SCORE = 0.35
_PUBLIC = frozenset({"PHONE_NUMBER", "EMAIL_ADDRESS", "STREET_ADDRESS", "POSTCODE"})


@dataclass(slots=True)
class _Cand:
    entity: str
    start: int  # offsets in the plain view
    end: int
    score: float
    value: str
    what: str = ""


def _lower(text: str) -> str:
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def _cue(pattern: re.Pattern[str], t: str, start: int, span: int = 45) -> bool:
    """A context word in the `span` characters before `start` (lower-cased slice)."""
    return pattern.search(t[max(0, start - span) : start].lower()) is not None


def _phones(t: str, runs: list[tuple[int, int]], out: list[_Cand]) -> None:
    n = len(t)
    for rs, re_ in runs:
        for m in P.PHONE.finditer(t, max(0, rs - 2), min(n, re_ + 2)):
            _phone(t, m, out)


def _phone(t: str, m: re.Match[str], out: list[_Cand]) -> None:
    raw = m.group()
    kind = phone_kind(national_digits(raw))
    if kind is None:
        return
    private = _cue(P.PRIVATE_CUE, t, m.start())
    score = 0.8 if kind == "mobile" else 0.65
    if private:
        score += 0.15
    elif _cue(_ORG_CUE, t, m.start(), 60):
        score -= 0.5
    if raw.isdigit() and not private:
        score -= 0.1  # a bare run of digits is more often a reference than a number
    out.append(_Cand("PHONE_NUMBER", m.start(), m.end(), score, raw, kind))


def _spoken_phones(t: str, starts: list[int], out: list[_Cand]) -> None:
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
        out.append(_Cand("PHONE_NUMBER", m.start(), m.end(), 0.85, digits, kind + " spelt"))


def _in_url(t: str, j: int) -> bool:
    """The user part of a web or database address (postgres://admin:pw@host), never a
    mailbox: the word holding it contains '://'."""
    k = j
    stop = max(0, j - 200)
    while k > stop and not t[k - 1].isspace():
        k -= 1
    return t.find("://", k, j) >= 0


def _emails(ctx: Context, t: str, out: list[_Cand], hidden: bool) -> None:
    for m in P.EMAIL_DOMAIN.finditer(t):
        at = m.start()
        back = _LOCAL_REV.match(t[max(0, at - 65) : at][::-1])  # local part, read backwards
        j = at - (back.end() if back else 0)
        if j == at or at - j > 64 or t[j] in ".-" or _in_url(t, j):
            continue
        _email_cand(ctx, t, j, m.end(), t[j : m.end()], out)
    if hidden:
        low = _lower(t)
        for m in P.OBFUSCATED_EMAIL.finditer(low):
            local = "".join(P.DOT_SPLIT.sub(".", m.group("local")).split())
            domain = P.DOT_SPLIT.sub(".", m.group("domain")).replace(" ", "")
            plain_at = P.AT_SPLIT.search(m.group()) is not None and "[" not in m.group()
            if "." not in domain or domain.rsplit(".", 1)[1] not in P.TLDS:
                continue
            spelled = " dot " in m.group() or any(b in m.group() for b in "[({")
            if not spelled and domain not in P.FREEMAIL:
                continue  # "tickets at eventbrite.co.uk" is a website, not a mailbox
            if plain_at and local in ("me", "us", "them", "him", "her", "you", "info"):
                continue
            _email_cand(ctx, t, m.start(), m.end(), f"{local}@{domain}", out, 0.05)


def _email_cand(
    ctx: Context, t: str, s: int, e: int, value: str, out: list[_Cand], bonus: float = 0.0
) -> None:
    local, _, domain = value.rpartition("@")
    domain = domain.lower()
    if council_domain(ctx, domain):
        return  # the council's own addresses, personal or role, are the council's to publish
    lp = local.lower().strip(".")
    if lp in P.ROLE_MAILBOXES or lp.split("+")[0] in P.ROLE_MAILBOXES:
        return
    if list_address(lp, domain):
        return  # mailing lists and automatic mailboxes are nobody's personal address
    if quoted_attribution(t, s):
        score = 0.45  # who wrote the quoted message: already known to every reader
    elif list_context(t, s):
        return  # "List maintainer: listmaster@...", a group's posting address
    else:
        score = 0.9 if domain in P.FREEMAIL else 0.7
        if _cue(P.PRIVATE_CUE, t, s):
            score += 0.1
    out.append(_Cand("EMAIL_ADDRESS", s, e, score + bonus, value))


def _addresses(t: str, mask: bytes, streets: list[tuple[int, int, str]], out: list[_Cand]) -> None:
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
        if _cue(P.PRIVATE_CUE, t, m.start(), 80):
            score += 0.15
        elif site_address(t, m.start(), m.end()):
            score -= 0.35
        out.append(_Cand("POSTCODE", m.start(), m.end(), score, m.group()))
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
            _street(t, m, posts, out)


def _street(t: str, m: re.Match[str], posts: list[re.Match[str]], out: list[_Cand]) -> None:
    start = m.start()
    flat = P.FLAT_BEFORE.search(t, max(0, start - 25), start)
    if flat:
        start = flat.start()
    score = 0.55
    if _cue(P.PRIVATE_CUE, t, m.start()) or _cue(_ADDRESS_CUE, t, m.start()):
        score += 0.3
    elif site_address(t, m.start(), m.end()):
        score -= 0.35  # a planning site or public notice, with no person tied to it
    if any(0 <= p.start() - m.end() <= 40 for p in posts):
        score += 0.15
    out.append(_Cand("STREET_ADDRESS", start, m.end(), score, t[start : m.end()]))


def _identifiers(t: str, mask: bytes, runs: list[tuple[int, int]], out: list[_Cand]) -> None:
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
                    out.append(_Cand("CARD_NUMBER", m.start(), m.end(), 0.9, m.group(), brand))
        if mask.find(b"AA0", max(0, rs - 12), re_) < 0:
            continue
        for m in P.IBAN.finditer(t, max(0, rs - 12), end):
            compact = m.group().replace(" ", "")
            k = IBAN_LENGTHS.get(compact[:2], 0)
            if k and len(compact) >= k and m.start() not in ibans and iban_ok(compact[:k]):
                ibans.add(m.start())
                stop = _end_after_chars(t, m.start(), k)
                out.append(_Cand("IBAN", m.start(), stop, 0.9, compact[:k]))


def _nhs(t: str, rs: int, end: int, out: list[_Cand]) -> None:
    for m in P.NHS.finditer(t, rs, end):
        digits = _NOT_DIGITS.sub("", m.group())
        if not nhs_ok(digits):
            continue
        # unlabelled: "943 476 5919" may be one; "617-864-0455" is a US phone
        unlabelled = 0.5 if m.group(1) == " " else 0.3
        score = 0.95 if _cue(_NHS_CUE, t, m.start(), 60) else unlabelled
        out.append(_Cand("NHS_NUMBER", m.start(), m.end(), score, digits))


def _ni(t: str, m: re.Match[str], out: list[_Cand]) -> None:
    s = m.start() - 1 if m.start() and t[m.start() - 1] == " " else m.start()
    s -= 2
    prefix = t[max(0, s) : s + 2]
    if s < 0 or not prefix.isalpha() or not prefix.isascii() or (s and t[s - 1].isalnum()):
        return
    if prefix.islower() != m.group(1).islower():
        return
    compact = (prefix + m.group()).replace(" ", "").upper()
    if ni_ok(compact):
        score = 0.95 if _cue(_NI_CUE, t, s, 60) else 0.8
        out.append(_Cand("NI_NUMBER", s, m.end(), score, compact))


def _end_after_chars(t: str, start: int, n: int) -> int:
    """Offset just after the n-th non-space character from start."""
    i = start
    while n and i < len(t):
        if t[i] != " ":
            n -= 1
        i += 1
    return i


def _bank(t: str, runs: list[tuple[int, int]], out: list[_Cand]) -> None:
    """Sort codes and account numbers count only beside words that say they are one."""
    sorts: list[_Cand] = []
    n = len(t)
    for rs, re_ in runs:
        for m in P.SORT_CODE.finditer(t, rs, min(n, re_ + 3)):
            cue = _SORT_ONLY if m.group(1) is None else P.SORT_CUE
            if _cue(cue, t, m.start(), 40):
                sorts.append(_Cand("SORT_CODE", m.start(), m.end(), 0.85, m.group()))
    for rs, re_ in runs:
        for m in P.ACCOUNT.finditer(t, rs, min(n, re_ + 3)):
            near_sort = any(abs(c.start - m.start()) <= 60 for c in sorts)
            if near_sort or _cue(P.ACCOUNT_CUE, t, m.start(), 40):
                score = 0.9 if near_sort else 0.75
                out.append(_Cand("BANK_ACCOUNT", m.start(), m.end(), score, m.group()))
    out.extend(sorts)


_BANK_ENTITIES = frozenset({"SORT_CODE", "BANK_ACCOUNT", "IBAN"})


def _birth_dates(t: str, hits: list[tuple[int, int, str]], out: list[_Cand], year_now: int) -> None:
    """A date counts as a birth date only right after a word like 'born' or 'DOB'."""
    for hs, he, _ in hits:
        word = t[hs:he].lower()
        if word == "birth":  # "date of birth", "birth date"; not "the birth of ..."
            if t[he : he + 5].lower() == " date":
                he += 5
            elif t[max(0, hs - 3) : hs].lower() != "of ":
                continue
        _date_after(t, he, word == "aged", out, year_now)


def _date_after(t: str, pos: int, weak: bool, out: list[_Cand], year_now: int) -> None:
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
    out.append(_Cand("DATE_OF_BIRTH", m.start(), m.end(), score, m.group()))


def _resolve(cands: list[_Cand]) -> list[_Cand]:
    """Keep the strongest of overlapping candidates (a card beats the account inside it)."""
    kept: list[_Cand] = []
    for c in sorted(cands, key=lambda c: (-c.score, c.start - c.end)):
        if all(c.end <= k.start or c.start >= k.end for k in kept):
            kept.append(c)
    kept.sort(key=lambda c: c.start)
    return kept


def _people(t: str, kept: list[_Cand]) -> list[_Cand]:
    """Name a person only beside another detail, and let the name raise that detail's score."""
    people: dict[tuple[int, int], _Cand] = {}
    for c in kept[:8]:
        if c.score < 0.5:
            continue  # not reported at the usual threshold: no name needed
        span = _person_before(t, c.start)
        if span is None:
            continue
        c.score += 0.1
        people.setdefault(span, _Cand("PERSON", span[0], span[1], 0.7, t[span[0] : span[1]]))
    return list(people.values())


def _person_before(t: str, start: int) -> tuple[int, int] | None:
    best = None
    for m in P.PERSON.finditer(t, max(0, start - 70), start):
        g = "titled" if m.group("titled") else "cued" if m.group("cued") else "owner"
        if is_person_name(m.group(g)) or g == "titled":
            best = m.span(g)
    return best if best is not None else name_before(t, start)


def _explain(c: _Cand) -> str:
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
        cands: list[_Cand] = []
        if "spoken" in tags:
            spoken = [s for s, _, tag in plain_starts(ctx.text, hits) if tag == "spoken"]
            _spoken_phones(t, spoken, cands)
        if "@" in t or hidden:
            _emails(ctx, t, cands, hidden)
        runs = [m.span() for m in _RUN.finditer(mask)]
        if runs:
            _phones(t, [r for r in runs if mask.count(b"0", *r) >= 9], cands)
            _identifiers(t, mask, runs, cands)
            if "bank" in tags:
                _bank(t, runs, cands)
        places = tags & {"street", "dob"}
        starts = plain_starts(ctx.text, [h for h in hits if h.tag in places]) if places else []
        _addresses(t, mask, [h for h in starts if h[2] == "street"], cands)
        if "dob" in tags:
            _birth_dates(t, [h for h in starts if h[2] == "dob"], cands, ctx.today.year)
        if not cands:
            return []
        for c in cands:
            if c.entity in _BANK_ENTITIES and council_bank(t, c.start, c.end, ctx.council.name):
                c.score = 0.2  # the council's own account, given so a supplier can be paid
        cands = [c for c in cands if not self._allowed(ctx, c)]
        kept = [c for c in _resolve(cands) if c.score >= _MIN_SCORE]
        kept.extend(_people(t, kept))
        findings: list[Finding] = []
        for c in sorted(kept, key=lambda c: c.start):
            s, e = view.to_original(c.start, c.end)
            remedy = None
            if c.entity in _REDACT:
                remedy = Remedy(
                    "redact",
                    _REDACT[c.entity],
                    "Remove the detail, or check the person agreed to it being shared here.",
                )
            findings.append(
                Finding(
                    category=PERSONAL_DATA,
                    start=s,
                    end=e,
                    score=min(c.score, 0.99),
                    entity=c.entity,
                    explanation=_explain(c),
                    remedy=remedy,
                )
            )
        return findings

    @staticmethod
    def _allowed(ctx: Context, c: _Cand) -> bool:
        if c.entity in _PUBLIC and is_public_contact(ctx, c.entity, c.value):
            return True
        if not ctx.register.consents:
            return False
        s, e = ctx.text.plain.to_original(c.start, c.end)
        return is_consented(ctx, c.entity, c.value, s, e)


DETECTOR = PersonalDataDetector()
