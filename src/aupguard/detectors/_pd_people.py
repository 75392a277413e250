"""Who a detail belongs to: names beside a detail, organisations that are not people,
and the contexts that make a detail public or someone else's to publish (a planning
site, the council's own bank account)."""

from __future__ import annotations

import re

from aupguard.detectors import _pd_patterns as P

# words that make a capitalised pair an organisation, a place or a greeting, not a person
_NOT_NAME = frozenset(
    """
    the this that these those our your their his her my its a an and or of for to in on at
    by with from dear hi hello thanks thank regards best kind many please note re fw fwd
    council town parish borough county district city committee hall centre center library
    office club society association ltd limited group trust church school surgery service
    services team department bank road street avenue lane close drive way crescent place
    gardens grove court terrace hill square park green view house lodge plc inc company
    monday tuesday wednesday thursday friday saturday sunday mon tue wed thu fri sat sun
    january february march april may june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec planning application site land
    government gateway national insurance nhs hmrc email mobile phone tel home address
    """.split()
)
# a name, then only small words and punctuation up to the detail:
# "Jane Smith, 07700 900123", "Jane Smith (events volunteer) mobile 07700900123"
_FIRST_NAME = r"[A-Z](?<![\w'’\-][A-Z])[a-z]{1,20}+(?:['\-][A-Z][a-z]{1,20}+)?"  # = P.NAME
_NEAR_NAME = re.compile(
    rf"({_FIRST_NAME}(?:[ \t]+{P.NAME}){{1,2}})"
    r"(?=[ \t]*[,:(<\-–]?[ \t]*[a-z() \t:,\-]{0,30}$)"
)
# the first letter as a plain class (so the regex engine jumps between them in C), then
# the rest of the word case-insensitively, the letter checked again by a look-behind
_ROLE_BEFORE = re.compile(
    r"[RrNnTtVvCcEeAaMm](?<![\w][RrNnTtVvCcEeAaMm])(?i:(?<=r)esident|(?<=n)eighbour|"
    r"(?<=n)eighbor|(?<=t)enant|(?<=v)olunteer|(?<=c)lient|(?<=e)mployee|(?<=c)olleague|"
    r"(?<=a)pplicant|(?<=c)omplainant|(?<=n)ame(?:d| is)?|(?<=c)alled|(?<=m)ember of staff)"
    r"\b[ \t:,]*(" + P.NAME + r"(?:[ \t]+" + P.NAME + r"){1,2})"
)


def is_person_name(name: str) -> bool:
    """False for 'The Council', 'Leigh Hall Road', 'Dear John' and the like."""
    words = re.split(r"[ \t.]+", name.strip())
    return bool(words) and not any(w.lower().rstrip("'’s") in _NOT_NAME for w in words)


def name_before(t: str, start: int) -> tuple[int, int] | None:
    """A person's name right before a detail ("Jane Smith, 07700 900123",
    "resident Bob Jones of 12 Elm Road")."""
    lo = max(0, start - 60)
    m = None
    for m2 in _ROLE_BEFORE.finditer(t, lo, start):
        m = m2
    if m is not None and is_person_name(m.group(1)):
        return m.span(1)
    window = t[lo:start]
    cut = window.rfind("\n")
    best = None
    for m3 in _NEAR_NAME.finditer(window, cut + 1):
        best = m3
    if best is not None and is_person_name(best.group(1)):
        return lo + best.start(1), lo + best.end(1)
    return None


# --- public or not-a-person's contexts ---------------------------------------------
# Searched on lower-cased slices around each address or bank number: every alternative
# starts with a literal letter (a word boundary is checked just after it), so the regex
# engine skips between possible first letters in C. Planning references
# ("23/01234/FUL") start with a digit and have their own pattern.
_SITE_CUE = re.compile(
    r"planning|application|s(?<!\ws)ite\b|l(?<!\wl)and (?:at|to|adjacent|rear|north|south|"
    r"east|west)|proposed|proposal|erection of|demolition|change of use|listed building|"
    r"lawful development|tree preservation|licen[cs]e application"
)
_SITE_REF = re.compile(r"\d(?<!\w\d)\d/\d{4,5}/[a-z]{2,6}\b")
_HOME = r" (?:address|house|home)"
_TITLE = r"(?:r|rs|s|iss)\.? [a-z]"
_PERSON_LINK = re.compile(
    r"lives? at|living at|resid|h(?<!\wh)(?:ome\b|is" + _HOME + r"|er" + _HOME + r")|"
    r"m(?<!\wm)(?:y" + _HOME + r"|" + _TITLE + r")|t(?<!\wt)heir" + _HOME + r"|d(?<!\wd)r\.? [a-z]"
)
_COUNCIL_MONEY = re.compile(
    r"council'?s? (?:own )?(?:bank|account|details)|council account|o(?<!\wo)ur (?:bank|account)|"
    r"payable to|pay(?:ment)? (?:in)?to the council|bank details (?:of|for) the council|"
    r"account details (?:of|for) the council|remittance|b(?<!\wb)acs (?:payment )?to us|invoice"
)
_MONEY_WORD = r" [a-z ]{0,12}(?:bank|account|details)"
_INDIVIDUAL_MONEY = re.compile(
    rf"m(?<!\wm)(?:y{_MONEY_WORD}|{_TITLE})|h(?<!\wh)(?:is|er){_MONEY_WORD}"
    rf"|t(?<!\wt)heir{_MONEY_WORD}|refund|salary|payroll|wages|expenses|"
    r"r(?<!\wr)esident\b|d(?<!\wd)r\.? [a-z]"
)


def site_address(t: str, s: int, e: int) -> bool:
    """An address in a planning or site notice with no person tied to it: public
    information about a property, not someone's home address."""
    around = t[max(0, s - 150) : e + 80].lower()
    site = _SITE_CUE.search(around) is not None or (
        "/" in around and _SITE_REF.search(around) is not None
    )
    return site and _PERSON_LINK.search(around) is None


def council_bank(t: str, s: int, e: int, council_name: str) -> bool:
    """The council's own bank details given for payment, not a person's."""
    around = t[max(0, s - 160) : e + 60].lower()
    named = _COUNCIL_MONEY.search(around) is not None
    if not named and council_name:
        name = council_name.lower()
        named = name in around or name.replace(" town council", "") + " town council" in around
    return named and _INDIVIDUAL_MONEY.search(around) is None
