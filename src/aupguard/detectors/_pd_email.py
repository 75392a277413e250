"""Email addresses for the personal-data detector: found from each '@' (and from
spelt-out "jane dot smith at gmail dot com"), then judged on where they stand. Mailing
lists, role mailboxes, the council's own domains and quoted reply headers are nobody's
private address to protect.

Mailing-list and reply traffic is full of addresses, so the per-address checks are
cheap: the line-level ones (a header or quoted line) run once per line."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from aupguard.detectors import _pd_patterns as P
from aupguard.detectors._pd_base import Cand, cue, lower
from aupguard.detectors._pd_context import council_hosts
from aupguard.detectors.base import Context

_LOCAL_REV = re.compile(r"[\w.%+'\-]*")

# --- quoted replies and mailing lists ------------------------------------------------
_HEADER_LINE = re.compile(
    r"[ \t>|]*(?:from|to|cc|bcc|reply-to|sender|return-path|delivered-to|list-\w+|"
    r"x-[\w\-]+|errors-to)[ \t]*:",
    re.I,
)
_LIST_WORD = (
    r"(?:request|admin|owner|bounces?|errors|noreply|no-reply|"
    r"do-not-reply|donotreply|list|lists|users|talk|devel|discuss|announce|"
    r"commits?|digest|subscribe|unsubscribe|mailer-daemon|majordomo|listserv|listmaster)"
    r"(?:$|[.\-_+])"
)
# a list word as the whole local part or one of its dot/dash-separated pieces
_LIST_LOCAL_START = re.compile(_LIST_WORD + r"|owner-|bounce", re.I)
_LIST_LOCAL_MID = re.compile(r"[.\-_+]" + _LIST_WORD, re.I)
_LIST_WORDS = re.compile(r"list|group|mailing|subscri|maintainer|archive|digest|forum")
# What every spelt-out address holds: an "at" separator, then a domain word and a dot.
# Searched first (literal-first, fast) so the slow full pattern runs only where it can match.
_DOMAIN_HEAD = r"[a-z0-9\-]{1,40}(?:[ ]?[\[({]dot[\])}][ ]?|[ ]+dot[ ]+|\.)[a-z0-9\-]"
_HIDDEN_GATE = re.compile(
    "|".join(
        sep + _DOMAIN_HEAD
        for sep in (r"\[at[\])}][ ]?", r"\(at[\])}][ ]?", r"\{at[\])}][ ]?", " at[ ]+")
    )
)


# what can stand between a spelt-out address's start and its "at": the local part's
# characters, spaces and "[dot]"-style separators
_NOT_LOCAL = re.compile(r"[^a-z0-9._\- \[\](){}]")
_LOCAL_START = re.compile(r"(?<![\w.@])[a-z0-9]")


def _obfuscated(low: str) -> Iterator[re.Match[str]]:
    """`OBFUSCATED_EMAIL.finditer(low)`, but tried only where a match can start: in the
    run of local-part characters before an "at" the gate found (the full pattern tried at
    every letter of a long message is slow)."""
    n = len(low)
    rev = ""
    spans: list[list[int]] = []  # merged ranges of possible starts
    prev, prev_rs = -1, 0
    g = _HIDDEN_GATE.search(low)
    while g is not None:
        h = g.start()
        lo = prev + 1
        if not rev:
            rev = low[::-1]
        # the last character before h that cannot be in a local part, from the reversed text
        m = _NOT_LOCAL.search(rev, n - h, n - lo)
        rs = n - m.start() if m is not None else prev_rs  # gates start with a local char
        if spans and rs <= spans[-1][1] + 1:
            spans[-1][1] = h
        else:
            spans.append([rs, h])
        prev, prev_rs = h, rs
        g = _HIDDEN_GATE.search(low, h + 1)
    pos = 0
    for a, b in spans:
        s = max(a, pos)
        while s <= b:
            st = _LOCAL_START.search(low, s, b + 1)
            if st is None:
                break
            found = P.OBFUSCATED_EMAIL.match(low, st.start())
            if found is None:
                s = st.start() + 1
                continue
            yield found
            s = pos = found.end()


def _quoted_line(t: str, ls: int) -> bool:
    """The line starting at `ls` is a quoted reply's attribution ("On Mon, Jo <jo@x.org>
    wrote:"), a header line (From:, Cc:) or quoted text ('> ...')."""
    le = t.find("\n", ls)
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


def list_context(t: str, s: int) -> bool:
    """The address follows 'List maintainer:', 'Users' Group:' or the like on its line."""
    ls = t.rfind("\n", max(0, s - 60), s) + 1
    return _LIST_WORDS.search(t[max(ls, s - 60) : s].lower()) is not None


def list_address(local: str, domain: str) -> bool:
    """Mailing-list and automatic mailboxes: nobody's personal address."""
    return (
        domain.startswith(("lists.", "list.", "listserv.", "mailman."))
        or _LIST_LOCAL_START.match(local) is not None
        or _LIST_LOCAL_MID.search(local) is not None
    )


def _in_url(t: str, j: int) -> bool:
    """The user part of a web or database address (postgres://admin:pw@host), never a
    mailbox: the word holding it contains '://'."""
    stop = max(0, j - 200)
    if t.find("://", stop, j) < 0:
        return False
    before = t[stop:j]
    if not before or before[-1].isspace():
        return False
    # the word ending at j: the last piece of a whitespace split (same spaces as isspace)
    return "://" in before.rsplit(None, 1)[-1]


@lru_cache(maxsize=4096)
def _domain(value: str, hosts: frozenset[str], dotted: tuple[str, ...]) -> str | None:
    """The address's domain, or None when the address is never personal data: the
    council's own, a role mailbox, a mailing list. Cached: list traffic repeats the
    same few addresses."""
    local, _, domain = value.rpartition("@")
    domain = domain.lower()
    host = domain.rstrip(".")
    if host in hosts or host.endswith(dotted):
        return None  # the council's own addresses, personal or role, are the council's
    lp = local.lower().strip(".")
    if lp in P.ROLE_MAILBOXES or lp.split("+")[0] in P.ROLE_MAILBOXES:
        return None
    if list_address(lp, domain):
        return None  # mailing lists and automatic mailboxes are nobody's personal address
    return domain


class _Judge:
    """Per-message state for judging addresses: the council's domains, and which lines
    are quoted or header lines (decided once per line)."""

    __slots__ = ("hosts", "dotted", "quoted", "t", "pos", "ls")

    def __init__(self, ctx: Context, t: str) -> None:
        self.hosts, self.dotted = council_hosts(ctx.council.email_domains, ctx.council.website)
        self.quoted: dict[int, bool] = {}
        self.t = t
        self.pos = 0  # where the last address started, and the start of its line
        self.ls = 0

    def _domain(self, value: str) -> str | None:
        return _domain(value, self.hosts, self.dotted)

    def cand(self, s: int, e: int, value: str, out: list[Cand], bonus: float = 0.0) -> None:
        t = self.t
        domain = self._domain(value)
        if domain is None:
            return
        # the line's start, searched back only to the last address's (addresses come in
        # order): a megabyte without a newline is scanned once, not once per address
        if s < self.pos:
            self.pos, self.ls = 0, 0
        self.ls = max(self.ls, t.rfind("\n", self.pos, s) + 1)
        self.pos = s
        ls = self.ls
        quoted = self.quoted.get(ls)
        if quoted is None:
            quoted = self.quoted[ls] = _quoted_line(t, ls)
        if quoted:
            score = 0.45  # who wrote the quoted message: already known to every reader
        elif list_context(t, s):
            return  # "List maintainer: listmaster@...", a group's posting address
        else:
            score = 0.9 if domain in P.FREEMAIL else 0.7
            if cue(P.PRIVATE_CUE, t, s):
                score += 0.1
        out.append(Cand("EMAIL_ADDRESS", s, e, score + bonus, value))


def emails(ctx: Context, t: str, out: list[Cand], hidden: bool) -> None:
    """Addresses around each '@', and spelt-out ones when `hidden` says there may be some."""
    judge = _Judge(ctx, t)
    for m in P.EMAIL_DOMAIN.finditer(t):
        at = m.start()
        back = _LOCAL_REV.match(t[max(0, at - 65) : at][::-1])  # local part, read backwards
        j = at - (back.end() if back else 0)
        if j == at or at - j > 64 or t[j] in ".-" or _in_url(t, j):
            continue
        judge.cand(j, m.end(), t[j : m.end()], out)
    if hidden:
        for m in _obfuscated(lower(t)):
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
            judge.cand(m.start(), m.end(), f"{local}@{domain}", out, 0.05)
