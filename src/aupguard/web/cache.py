"""Remembered decisions, so a Squid helper keeps up with a busy proxy.

Why: `decide` costs tens of microseconds (parse the URL, hash every parent domain,
search the index, walk the rules), and real traffic asks about the same few sites over
and over. `DecisionCache` gives the same answers as `decide` for one pack and one index
(a reload builds a new one, so nothing stale survives) while remembering:

- whole requests: (text, group, time state) -> `Decision`, `DECISIONS` of them, the
  least recently used dropped (see `Recent`);
- outcomes: what `decide_listed` said for (categories, group, time state, exception
  hosts matched), so a new URL on a known kind of site costs a parse and a lookup;
- groups: (client, user) -> group.

The time state is which rules' windows are open, not the clock: windows are whole
minutes in the pack's time zone, so it is worked out once a minute (and for every
explicit `at`). The exception state is which rules' exception hosts the host falls
under; packs without exceptions skip it. Everything else `decide_listed` reads (the
text and host) is only copied into the `Decision`, so these keys are enough for the
remembered answer to be the answer `decide` would give now.
"""

from __future__ import annotations

import datetime as dt
import time
from functools import lru_cache, partial
from zoneinfo import ZoneInfo

from aupguard.policy.schema import Pack
from aupguard.web.decide import Decision, decide_listed, group_for, host_in
from aupguard.web.index import Index
from aupguard.web.recent import Recent
from aupguard.web.urls import parse_url

__all__ = ["DECISIONS", "OUTCOMES", "DecisionCache"]

DECISIONS = 16384  # whole requests remembered (~5 MB when full)
OUTCOMES = 4096  # distinct (categories, group, time, exceptions): a few dozen in practice
GROUPS = 4096  # (client, user) pairs

TimeKey = tuple[bool, ...]
RequestKey = str | tuple[str, str | None, TimeKey]
OutcomeKey = int | tuple[int, str | None, TimeKey, tuple[bool, ...]]


class DecisionCache:
    """Decides like `decide(pack, index, ...)`, remembering what it can; thread-safe
    (each step is one dict operation under the GIL; a lost race only costs a recompute)."""

    def __init__(self, pack: Pack, index: Index, *, size: int = DECISIONS) -> None:
        self.pack = pack
        self.index = index
        web = pack.web
        self._zone = ZoneInfo(web.timezone)
        self._timed = [rule for rule in web.rules if rule.when]
        self._excepting = [
            rule for rule in web.rules if rule.exceptions.allow or rule.exceptions.block
        ]
        self._now: tuple[int, TimeKey, dt.datetime | None] = (-1, (), None)
        self._decisions: Recent[RequestKey, Decision] = Recent(size)
        self._outcomes: dict[OutcomeKey, Decision] = {}
        self.group_of = lru_cache(maxsize=GROUPS)(partial(group_for, web))

    def time_state(self, at: dt.datetime | None) -> tuple[TimeKey, dt.datetime | None]:
        """(which timed rules are in force, a moment that has that state); `at` None
        is now. Two requests with the same state get the same decision."""
        if not self._timed:
            return (), at
        if at is None:
            minute = int(time.time() // 60)
            now = self._now
            if now[0] == minute:
                return now[1], now[2]
            local = dt.datetime.fromtimestamp(minute * 60, self._zone)
            key = self._time_key(local)
            self._now = (minute, key, local)
            return key, local
        local = at.replace(tzinfo=self._zone) if at.tzinfo is None else at.astimezone(self._zone)
        return self._time_key(local), local

    def _time_key(self, local: dt.datetime) -> TimeKey:
        return tuple(any(w.contains(local) for w in rule.when) for rule in self._timed)

    def decide(self, text: str, group: str | None, at: dt.datetime | None = None) -> Decision:
        """The decision for one URL or host, for a group already worked out."""
        tkey, when = self.time_state(at)
        # No group and no timed rules (most requests): the text alone, no tuple to build.
        key = (text, group, tkey) if group or tkey else text
        d = self._decisions.get(key)
        if d is None:
            d = self.decide_fresh(text, group, tkey, when)
            self._decisions.put(key, d)
        return d

    def decide_fresh(
        self, raw: str, group: str | None, tkey: TimeKey, when: dt.datetime | None
    ) -> Decision:
        """`decide` without the request cache: `tkey` and `when` are what `time_state`
        gave."""
        host, o = self.outcome(raw, group, tkey, when)
        if host is None:
            return o
        return Decision(raw.strip(), o.action, o.category, o.clause, o.rule, group, host)

    def outcome(
        self, raw: str, group: str | None, tkey: TimeKey, when: dt.datetime | None
    ) -> tuple[str | None, Decision]:
        """(host, outcome) for a caller that keeps its own cache (the Squid helper) and
        needs no `Decision` of its own: the outcome's action, category, clause, rule and
        group are this request's, its `input` and `host` those of the first request that
        had it. A malformed request gives (None, its own error decision)."""
        text = raw.strip()
        try:
            host, path = parse_url(text)
            mask = self.index.mask_of(host, path)
        except ValueError as exc:
            return None, Decision(text, "error", None, None, None, group, None, str(exc))
        ekey = () if not self._excepting else tuple(
            host_in(host, hosts)
            for rule in self._excepting
            for hosts in (rule.exceptions.allow, rule.exceptions.block)
        )
        okey = (mask, group, tkey, ekey) if group or tkey or ekey else mask
        o = self._outcomes.get(okey)
        if o is None:
            found = self.index.names_of(mask)
            o = decide_listed(self.pack, text, host, found, self.index.aliases,
                              group=group, at=when)
            if len(self._outcomes) >= OUTCOMES:
                self._outcomes.clear()
            self._outcomes[okey] = o
        return host, o
