"""Answering Squid a batch of request lines at a time, remembering what repeats.

Why: a proxy asks about the same sites, from the same clients, over and over, and the
helper answers one line at a time on one core. `SquidHelper.answer` is the reference
(every step for every line); `BatchAnswerer` gives the same answer and writes the same
log line for every line, but:

- checks for an edited pack or a new index, and which time windows are open, once per
  batch instead of once per line (a batch is what one read returned, at most 64 KiB,
  answered in milliseconds), and logs the batch's lines with the time it was read;
- remembers, for each distinct "who" part of a line (`10.0.0.7/- alice GET ...` in
  rewrite mode, `%SRC %un %>rm` in acl mode), the client, user, group and the log's
  who-fields;
- remembers, for each (URL, group), the answer and the log's path-and-decision fields
  (`ANSWERS` of them, least recently used dropped, see `Recent`). Both are emptied when
  the pack, the index or the time state changes, so nothing stale is ever answered;
- writes a new URL's path and host fields in C (`_hostlookup.log_what`) where it was
  built, with the decision's part kept once per shared outcome (`accesslog.what` for
  anything needing a JSON escape).

A line it cannot take this way (no URL, or an exception anywhere) goes through
`SquidHelper.answer`, which fails closed.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from aupguard.web.accesslog import line_start, outcome_tail, what
from aupguard.web.cache import DecisionCache, TimeKey
from aupguard.web.native import accelerated, hostlookup

# A new URL's log fields formatted in C where it was built (see _hostlookup.c).
_log_what_c = hostlookup.log_what if accelerated() else None

if TYPE_CHECKING:
    from aupguard.web.decide import Decision
    from aupguard.web.squid import SquidHelper

__all__ = ["ANSWERS", "BatchAnswerer"]

ANSWERS = 32768  # (URL, group) answers remembered (~10 MB when full, with the log's part)
WHOS = 4096  # distinct who-parts remembered; more are read again
TAILS = 1024  # log tails of shared outcomes (a pack has a few dozen)

Who = tuple[str | None, str | None, str | None, str]  # client, user, group, log fields
Key = str | tuple[str, str]  # URL, or (URL, group)
Known = tuple[str, str]  # answer without channel, log's path-and-decision fields ("" unlogged)


class BatchAnswerer:
    """`SquidHelper.answer` for many lines at once; see the module docstring."""

    def __init__(self, helper: SquidHelper) -> None:
        from aupguard.web import squid  # the reference helper's pieces (no import cycle)

        self.helper = helper
        self._squid = squid
        self._acl = helper.mode == "acl"
        self._cache: DecisionCache | None = None
        self._tkey: TimeKey | None = None
        self._whos: dict[str | tuple[str, ...], Who] = {}
        # Two generations, as in `Recent`, kept here so a hit costs one dict lookup.
        self._new: dict[Key, Known] = {}
        self._old: dict[Key, Known] = {}
        # The log's tail of each shared outcome, by id; the outcome is kept with it, so
        # its id cannot be reused by another while the entry lives.
        self._tails: dict[int, tuple[Decision, str]] = {}

    def _start_batch(self) -> tuple[DecisionCache, TimeKey, dt.datetime | None]:
        """Reload if due, and forget everything when the pack, index or time changed."""
        web = self.helper.web
        web.refresh()
        cache = web.cache
        tkey, when = cache.time_state(None)
        if cache is not self._cache or tkey != self._tkey:
            self._cache, self._tkey = cache, tkey
            self._whos.clear()
            self._tails.clear()
            self._new, self._old = {}, {}
        return cache, tkey, when

    def _who(self, key: str | tuple[str, ...], cache: DecisionCache) -> Who:
        """Client, user, group and log fields for one who-part, read as `answer` would."""
        squid = self._squid
        if self._acl:
            request = squid.parse_acl(" ".join((*key, "-")))
        else:
            request = squid.parse_rewrite("- " + str(key))
        web = self.helper.web
        client, user = request.client, request.user
        group = web.group or (cache.group_of(client, user) if client or user else None)
        fields = web.log.who(web.via, client, user) if web.log is not None else ""
        if len(self._whos) >= WHOS:
            self._whos.clear()
        who = self._whos[key] = (client, user, group, fields)
        return who

    def answer_lines(self, lines: list[str]) -> str:
        """The answers to complete lines (without their newlines), newline-terminated."""
        cache, tkey, when = self._start_batch()
        helper = self.helper
        channel_ids, acl = helper.channel_ids, self._acl
        log = helper.web.log
        whos, new, old, half = self._whos, self._new, self._old, ANSWERS // 2
        reply = self._reply
        out: list[str] = []
        # Every line of a batch is logged at the time it was read, so the lines are
        # joined with that start: start.join(["", a, b]) == start + a + start + b.
        start = line_start()
        logged: list[str] = [""]
        for raw in lines:
            line = raw.rstrip("\r")
            try:
                parts = line.split(None, 1)
                head = parts[0]
                channel: str | None = None
                if channel_ids or (channel_ids is None and head.isdigit() and head.isascii()):
                    channel, parts = head, parts[1].split(None, 1)
                key: str | tuple[str, ...]
                if acl:
                    fields = parts[1].split() if len(parts) > 1 else []
                    if len(fields) < 3:
                        raise LookupError  # a bare URL, or too few fields: the reference
                    url, key = fields[2], (parts[0], fields[0], fields[1])
                else:
                    url, key = parts[0], parts[1] if len(parts) > 1 else ""
                who = whos.get(key) or self._who(key, cache)
                group = who[2]
                ak: Key = url if group is None else (url, group)
                known = new.get(ak)
                if known is None:
                    known = old.get(ak) or reply(cache, url, group, tkey, when)
                    if len(new) >= half:
                        self._old, old = new, new
                        self._new = new = {}
                    new[ak] = known
            except Exception:  # noqa: BLE001 - anything odd takes the reference path
                if len(logged) > 1 and log is not None:
                    log.write(start.join(logged))
                    logged = [""]
                out.append(helper.answer(line) + "\n")
                continue
            if log is not None:
                logged.append(who[3] + known[1])
            out.append(known[0] + "\n" if channel is None else f"{channel} {known[0]}\n")
        if len(logged) > 1 and log is not None:
            log.write(start.join(logged))
        return "".join(out)

    def _reply(
        self,
        cache: DecisionCache,
        url: str,
        group: str | None,
        tkey: TimeKey,
        when: dt.datetime | None,
    ) -> Known:
        """(answer without channel, log's path-and-decision fields) for a new request.
        The answers and the log read only the outcome's action, category, clause, rule
        and group, so no `Decision` is built for the request itself."""
        squid, helper = self._squid, self.helper
        host, o = cache.outcome(url, group, tkey, when)
        if self._acl:
            answer = squid.acl_answer(None, o)
        else:
            answer = squid.rewrite_answer(None, o, url, helper.block_page)
        if helper.web.log is None:
            return answer, ""
        fields = None
        if _log_what_c is not None and host:
            tail = self._tails.get(id(o))
            if tail is None or tail[0] is not o:
                if len(self._tails) >= TAILS:
                    self._tails.clear()
                tail = self._tails[id(o)] = (o, outcome_tail(o))
            fields = _log_what_c(url, host, tail[1])
        return answer, fields or what(o, squid.log_path(url), host)
