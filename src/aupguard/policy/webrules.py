"""The `web:` section of a pack: which kinds of website are blocked, monitored or allowed.

Why a section of its own rather than more keys on each clause: one clause ("games and
chat on council tablets") can need rules per group and per time of day, and one rule
can need exceptions. Each rule still names the clause it enforces (`clause:`, checked
by the loader), so a block page can always quote the policy.

This module only describes rules; `aupguard.web.decide` applies them. It must not import
`aupguard.web` (the core stays free of the web filter's dependencies).
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import re
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

__all__ = [
    "DAYS",
    "CookieRule",
    "CouncilLists",
    "DownloadRule",
    "WebContact",
    "WebAction",
    "WebDefault",
    "WebException",
    "WebGroup",
    "WebPolicy",
    "WebRule",
    "Window",
    "rule_label",
]

WebAction = Literal["block", "monitor", "allow"]
DAYS: tuple[str, ...] = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
GROUP_NAME = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_HOURS = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)-([01]\d|2[0-4]):([0-5]\d)$")
_HOST = re.compile(r"^(?=.{1,253}$)[a-z0-9_\-]+(\.[a-z0-9_\-]+)*$")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class Window(_Strict):
    """When a rule is in force: on these days, between these local times.

    `hours: "22:00-06:00"` wraps past midnight; the day checked is always the day of
    the moment itself. Times are in the pack's `web.timezone` (default Europe/London),
    so a window follows the clocks through summer time.
    """

    days: tuple[str, ...] = DAYS
    hours: str = "00:00-24:00"

    @field_validator("days")
    @classmethod
    def _known_days(cls, v: tuple[str, ...]) -> tuple[str, ...]:
        bad = [d for d in v if d not in DAYS]
        if bad:
            raise ValueError(f"unknown days {bad}; use {', '.join(DAYS)}")
        return v

    @field_validator("hours")
    @classmethod
    def _hours_shape(cls, v: str) -> str:
        m = _HOURS.match(v)
        if not m or (m.group(3) == "24" and m.group(4) != "00"):
            raise ValueError("hours must look like '09:00-17:30' (24-hour clock)")
        return v

    def span(self) -> tuple[dt.time, dt.time | None]:
        """(start, end); end None means midnight at the end of the day."""
        start, end = self.hours.split("-")
        stop = None if end == "24:00" else dt.time.fromisoformat(end)
        return dt.time.fromisoformat(start), stop

    def contains(self, local: dt.datetime) -> bool:
        start, end = self.span()
        t = local.time()
        if DAYS[local.weekday()] not in self.days:
            return False
        if end is None:
            return t >= start
        if start <= end:
            return start <= t < end
        return t >= start or t < end  # wraps past midnight


class WebException(_Strict):
    """Hosts a rule treats differently from its categories (a listed domain covers its
    subdomains): `allow` hosts are allowed by the rule even when listed, `block` hosts
    are blocked by it even when not listed."""

    allow: tuple[str, ...] = ()
    block: tuple[str, ...] = ()

    @field_validator("allow", "block")
    @classmethod
    def _hosts(cls, v: tuple[str, ...]) -> tuple[str, ...]:
        out = tuple(h.strip().lower().rstrip(".") for h in v)
        bad = [h for h in out if not (_HOST.match(h) or _is_ip(h))]
        if bad:
            raise ValueError(f"not host names: {bad} (write 'example.com', no scheme or path)")
        return out


class WebRule(_Strict):
    """One line of the filter: these categories get this action, citing this clause."""

    id: str | None = None
    clause: str
    categories: tuple[str, ...] = ()
    action: WebAction
    groups: tuple[str, ...] = ()
    when: tuple[Window, ...] = ()
    exceptions: WebException = Field(default_factory=WebException)
    note: str | None = None

    @model_validator(mode="after")
    def _matches_something(self) -> WebRule:
        if not self.categories and not self.exceptions.block and not self.exceptions.allow:
            raise ValueError("a web rule needs categories or exception hosts")
        return self


class WebGroup(_Strict):
    """Who or what is in a group: client addresses (CIDR) and user names. A front-end
    may also name the group directly (e.g. one Squid port per group)."""

    clients: tuple[str, ...] = ()
    users: tuple[str, ...] = ()

    @field_validator("clients")
    @classmethod
    def _networks(cls, v: tuple[str, ...]) -> tuple[str, ...]:
        for net in v:
            try:
                ipaddress.ip_network(net, strict=False)
            except ValueError:
                raise ValueError(f"not an address or network: {net!r}") from None
        return v


class WebDefault(_Strict):
    """What happens to a site no rule matches (Leigh: monitor, as personal use)."""

    action: WebAction = "allow"
    clause: str | None = None


class CouncilLists(_Strict):
    """The clauses cited when the council's own lists decide (`lists compile` folders
    `allow` and `block`): the Clerk's word still rests on a clause of the policy."""

    block: str | None = None
    allow: str | None = None


class WebContact(_Strict):
    """Who to ask for an exception; the block page shows this in plain English."""

    who: str = "the Town Clerk"
    email: str | None = None
    phone: str | None = None


class DownloadRule(_Strict):
    """Program and installer downloads (.exe, .msi, .dmg, .apk, messaging installers)
    that the proxy can see: plain HTTP, or HTTPS with inspection. Blocked or monitored,
    citing a clause; `groups` limits it (empty: everyone)."""

    action: Literal["block", "monitor"] = "block"
    clause: str
    groups: tuple[str, ...] = ()


class CookieRule(_Strict):
    """Sites of these categories lose their cookies at the proxy (request Cookie and
    response Set-Cookie headers) where it can see inside the traffic: Belper's "cookies
    associated with personal online transactions" on council tablets."""

    categories: tuple[str, ...]
    clause: str
    groups: tuple[str, ...] = ()


class WebPolicy(_Strict):
    timezone: str = "Europe/London"
    groups: dict[str, WebGroup] = Field(default_factory=dict)
    default: WebDefault = Field(default_factory=WebDefault)
    rules: tuple[WebRule, ...] = ()
    council_lists: CouncilLists = Field(default_factory=CouncilLists)
    contact: WebContact = Field(default_factory=WebContact)
    # Used by the proxy only (`aupguard web proxy`); None: not done.
    downloads: DownloadRule | None = None
    cookies: CookieRule | None = None

    @field_validator("groups")
    @classmethod
    def _group_names(cls, v: dict[str, WebGroup]) -> dict[str, WebGroup]:
        bad = [g for g in v if not GROUP_NAME.match(g)]
        if bad:
            raise ValueError(f"group names are lower case words joined by '-': {bad}")
        return v

    @field_validator("timezone")
    @classmethod
    def _zone(cls, v: str) -> str:
        from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

        try:
            ZoneInfo(v)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"unknown time zone {v!r}; e.g. Europe/London") from None
        return v

    @model_validator(mode="after")
    def _rule_refs(self) -> WebPolicy:
        ids: set[str] = set()
        for i, rule in enumerate(self.rules):
            unknown = [g for g in rule.groups if g not in self.groups]
            if unknown:
                raise ValueError(f"web rule {rule_label(rule, i)} names unknown groups {unknown}")
            if rule.id is not None:
                if rule.id in ids:
                    raise ValueError(f"duplicate web rule id {rule.id!r}")
                ids.add(rule.id)
        for name, extra in (("downloads", self.downloads), ("cookies", self.cookies)):
            unknown = [g for g in (extra.groups if extra else ()) if g not in self.groups]
            if unknown:
                raise ValueError(f"web.{name} names unknown groups {unknown}")
        return self


def rule_label(rule: WebRule, index: int) -> str:
    """The rule's id, or its place in the pack when it has none."""
    return rule.id or f"web.rules[{index}]"


def _is_ip(text: str) -> bool:
    try:
        ipaddress.ip_address(text)
    except ValueError:
        return False
    return True
