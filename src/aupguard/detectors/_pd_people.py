"""Who a detail belongs to: names beside a detail, organisations that are not people,
and the contexts that make a detail public or someone else's to publish (a planning
site, the council's own bank account, a quoted mailing-list header)."""

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
_NEAR_NAME = re.compile(
    r"(?<![\w'’\-])(" + P.NAME + r"(?:[ \t]+" + P.NAME + r"){1,2})"
    r"(?=[ \t]*[,:(<\-–]?[ \t]*[a-z() \t:,\-]{0,30}$)"
)
_ROLE_BEFORE = re.compile(
    r"(?i:\b(?:resident|neighbour|neighbor|tenant|volunteer|client|employee|colleague|"
    r"applicant|complainant|name(?:d| is)?|called|member of staff)\b)[ \t:,]*"
    r"(" + P.NAME + r"(?:[ \t]+" + P.NAME + r"){1,2})"
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
_SITE_CUE = re.compile(
    r"planning|application|\bsite\b|\bland (?:at|to|adjacent|rear|north|south|east|west)|"
    r"proposed|proposal|erection of|demolition|change of use|listed building|"
    r"\b\d{2}/\d{4,5}/[a-z]{2,6}\b|lawful development|tree preservation|licen[cs]e application"
)
_PERSON_LINK = re.compile(
    r"lives? at|living at|resid|\bhome\b|\bmy (?:address|house|home)|\b(?:his|her|their) "
    r"(?:address|house|home)|\b(?:mr|mrs|ms|miss|dr)\.? [a-z]"
)
_COUNCIL_MONEY = re.compile(
    r"council'?s? (?:own )?(?:bank|account|details)|council account|\bour (?:bank|account)|"
    r"payable to|pay(?:ment)? (?:in)?to the council|(?:bank|account) details (?:of|for) the "
    r"council|remittance|\bbacs (?:payment )?to us|invoice"
)
_INDIVIDUAL_MONEY = re.compile(
    r"\b(?:my|his|her|their)\b [a-z ]{0,12}(?:bank|account|details)|refund|salary|payroll|"
    r"wages|expenses|\bresident\b|\b(?:mr|mrs|ms|miss|dr)\.? [a-z]"
)


def site_address(t: str, s: int, e: int) -> bool:
    """An address in a planning or site notice with no person tied to it: public
    information about a property, not someone's home address."""
    around = t[max(0, s - 150) : e + 80].lower()
    return _SITE_CUE.search(around) is not None and _PERSON_LINK.search(around) is None


def council_bank(t: str, s: int, e: int, council_name: str) -> bool:
    """The council's own bank details given for payment, not a person's."""
    around = t[max(0, s - 160) : e + 60].lower()
    named = _COUNCIL_MONEY.search(around) is not None
    if not named and council_name:
        name = council_name.lower()
        named = name in around or name.replace(" town council", "") + " town council" in around
    return named and _INDIVIDUAL_MONEY.search(around) is None


# --- quoted replies and mailing lists ------------------------------------------------
_HEADER_LINE = re.compile(
    r"[ \t>|]*(?:from|to|cc|bcc|reply-to|sender|return-path|delivered-to|list-\w+|"
    r"x-[\w\-]+|errors-to)[ \t]*:",
    re.I,
)
_LIST_LOCAL = re.compile(
    r"(?:^|[.\-_+])(?:request|admin|owner|bounces?|errors|noreply|no-reply|"
    r"do-not-reply|donotreply|list|lists|users|talk|devel|discuss|announce|"
    r"commits?|digest|subscribe|unsubscribe|mailer-daemon|majordomo|listserv|listmaster)"
    r"(?:$|[.\-_+])|^owner-|^bounce",
    re.I,
)


def quoted_attribution(t: str, s: int) -> bool:
    """An address in a quoted reply's attribution ("On Mon, Jo <jo@x.org> wrote:") or a
    header line (From:, Cc:), or in quoted text ('> ...')."""
    ls = t.rfind("\n", 0, s) + 1
    le = t.find("\n", s)
    le = len(t) if le < 0 else le
    line = t[ls:le]
    head = line.lstrip()
    if head.startswith((">", "|")) or _HEADER_LINE.match(line):
        return True
    low = line.lower()
    if "wrote" in low or "writes:" in low or "said:" in low:
        return True
    if head.startswith("On ") and le < len(t):
        nxt = t[le + 1 : le + 80].lower()
        return "wrote" in nxt[: nxt.find("\n") if "\n" in nxt else 80]
    return False


_LIST_WORDS = re.compile(r"list|group|mailing|subscri|maintainer|archive|digest|forum")


def list_context(t: str, s: int) -> bool:
    """The address follows 'List maintainer:', 'Users' Group:' or the like on its line."""
    ls = t.rfind("\n", max(0, s - 60), s) + 1
    return _LIST_WORDS.search(t[max(ls, s - 60) : s].lower()) is not None


def list_address(local: str, domain: str) -> bool:
    """Mailing-list and automatic mailboxes: nobody's personal address."""
    return domain.startswith(("lists.", "list.", "listserv.", "mailman.")) or bool(
        _LIST_LOCAL.search(local)
    )
