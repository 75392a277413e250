"""Decide what happens to one web request: allow, block or monitor, and why.

Every front-end (Squid helper, DNS filter, proxy addon, `aupguard web decide`) calls
`decide`, so they cannot disagree. Precedence, in order:

1. The council's own lists: a host on `council-allow` is allowed, else one on
   `council-block` is blocked, citing `web.council_lists`. The clerk's explicit word
   beats any category list.
2. The pack's `web.rules` that are in force for this group at this time. Each one that
   matches gives an action: a host in its `exceptions.allow` gives `allow`, a host in its
   `exceptions.block` gives `block`, otherwise a listed category gives the rule's action.
   The most severe action wins (block > monitor > allow); among equals, the first rule
   in pack order. Most-severe rather than first-match so that a site listed both as
   shopping and as malware is blocked whatever order the clerk wrote the rules in.
3. Nothing matched: `web.default` (allow, or Leigh's "monitor as personal use").

A rule limited to `groups` applies only when the request's group is one of them; with
no group known (none given, and no client or user in a declared group) such rules do
not apply. Malformed input never raises: it gives an `error` decision with the reason,
and the front-end decides what an error means for it (a proxy blocks).
"""

from __future__ import annotations

import datetime as dt
import ipaddress
from dataclasses import dataclass
from functools import lru_cache
from typing import Any
from zoneinfo import ZoneInfo

from aupguard.policy.schema import Pack
from aupguard.policy.webrules import WebPolicy, WebRule, rule_label
from aupguard.web.index import COUNCIL, Index
from aupguard.web.urls import parse_url

__all__ = ["SEVERITY", "Decision", "decide", "decide_listed", "group_for", "host_in"]

SEVERITY = {"allow": 0, "monitor": 1, "block": 2}


@dataclass(frozen=True, slots=True)
class Decision:
    """One request's outcome. `rule` is the rule id (or `web.rules[N]`), "default",
    or the council list that decided it; `error` is set only when `action` is "error"."""

    input: str
    action: str
    category: str | None
    clause: str | None
    rule: str | None
    group: str | None = None
    host: str | None = None
    error: str | None = None

    def to_json(self) -> dict[str, Any]:
        """The `web decide` line: input, action, category, clause (+ error)."""
        out: dict[str, Any] = {
            "input": self.input,
            "action": self.action,
            "category": self.category,
            "clause": self.clause,
        }
        if self.error is not None:
            out["error"] = self.error
        return out


@lru_cache(maxsize=1024)
def _network(text: str) -> ipaddress.IPv4Network | ipaddress.IPv6Network:
    return ipaddress.ip_network(text, strict=False)


def group_for(web: WebPolicy, client: str | None, user: str | None) -> str | None:
    """The first declared group listing this user, else the first whose networks hold
    the client address; None when neither is known or listed."""
    if user:
        for name, g in web.groups.items():
            if user in g.users:
                return name
    if client:
        try:
            addr = ipaddress.ip_address(client.strip("[]"))
        except ValueError:
            return None
        for name, g in web.groups.items():
            if any(addr.version == _network(n).version and addr in _network(n)
                   for n in g.clients):
                return name
    return None


def host_in(host: str, hosts: tuple[str, ...]) -> bool:
    """The host is one of `hosts` or a subdomain of one (a listed domain covers its
    subdomains, never a longer label)."""
    return any(host == h or host.endswith("." + h) for h in hosts)


def _local_time(web: WebPolicy, at: dt.datetime | None) -> dt.datetime:
    zone = ZoneInfo(web.timezone)
    if at is None:
        return dt.datetime.now(zone)
    if at.tzinfo is None:
        return at.replace(tzinfo=zone)
    return at.astimezone(zone)


def _rule_outcome(
    rule: WebRule, host: str, cats: set[str], aliases: dict[str, str]
) -> tuple[str, str | None] | None:
    """(action, category) if the rule matches this host, else None."""
    category = next(
        (c for c in rule.categories if c in cats or aliases.get(c) in cats), None
    )
    if host_in(host, rule.exceptions.allow):
        return "allow", category
    if host_in(host, rule.exceptions.block):
        return "block", category
    if category is not None:
        return rule.action, category
    return None


def decide(
    pack: Pack,
    index: Index,
    url_or_host: str,
    *,
    group: str | None = None,
    client: str | None = None,
    user: str | None = None,
    at: dt.datetime | None = None,
) -> Decision:
    """The decision for one URL or host (see the module docstring for precedence)."""
    text = url_or_host.strip()
    web = pack.web
    group = group or group_for(web, client, user)
    try:
        host, _ = parse_url(text)
        found = index.categories(text)
    except ValueError as exc:
        return Decision(text, "error", None, None, None, group, None, str(exc))
    return decide_listed(pack, text, host, found, index.aliases, group=group, at=at)


def decide_listed(
    pack: Pack,
    text: str,
    host: str,
    found: list[str],
    aliases: dict[str, str],
    *,
    group: str | None,
    at: dt.datetime | None = None,
) -> Decision:
    """`decide` once the host's categories (`found`, in index order) are known: for
    exports that walk the lists themselves (`web rpz`) and must not decide differently."""
    web = pack.web
    cats = set(found)
    if COUNCIL["allow"] in cats:
        clause = web.council_lists.allow
        return Decision(text, "allow", COUNCIL["allow"], clause, "council allow list", group, host)
    if COUNCIL["block"] in cats:
        clause = web.council_lists.block
        return Decision(text, "block", COUNCIL["block"], clause, "council block list", group, host)
    local = _local_time(web, at)
    best: tuple[int, str, str | None, WebRule, int] | None = None
    for i, rule in enumerate(web.rules):
        if rule.groups and group not in rule.groups:
            continue
        if rule.when and not any(w.contains(local) for w in rule.when):
            continue
        outcome = _rule_outcome(rule, host, cats, aliases)
        if outcome is None:
            continue
        severity = SEVERITY[outcome[0]]
        if best is None or severity > best[0]:
            best = (severity, outcome[0], outcome[1], rule, i)
    if best is not None:
        _, action, category, rule, i = best
        return Decision(text, action, category, rule.clause, rule_label(rule, i), group, host)
    listed = next((c for c in found if c not in COUNCIL.values()), None)
    return Decision(text, web.default.action, listed, web.default.clause, "default", group, host)
