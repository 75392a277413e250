"""The Squid helper protocols: `url_rewrite_program` and `external_acl_type`.

One process reads Squid's request lines on stdin and writes one answer line per request
on stdout. What Squid 5 expects (checked against Debian's squid 5.7):

* rewrite requests are `[ID] URL extras`; the default `url_rewrite_extras` is
  `%>a/%>A %un %>rm myip=%la myport=%lp`, so a line reads
  `0 http://site/ 192.0.2.7/- alice GET myip=... myport=...`. A blocked request is
  answered `[ID] OK status=302 url="<block page>"`; "no change" is `[ID] ERR`. Squid
  refuses a CONNECT tunnel it was told to redirect (the client gets the 302 instead of
  "200 Connection established"), so HTTPS is blocked too, though a browser cannot show
  the page.
* acl requests are the `external_acl_type` FORMAT values, URL-escaped by Squid; we
  expect `%SRC %un %>rm %URI` (Squid appends `-` for %DATA, which we ignore). `OK` means
  the `aupguard` acl matched (allowed or monitored), `ERR` that it did not (blocked);
  both carry `log=` (Squid's `%ea`: action/category/clause). A block also carries
  `message=` (`%o`), the clause id alone: `%o` is the one helper value `deny_info` can
  put into the block page URL, and Squid HTML-escapes it there first (so `&` between
  several query fields would arrive as `&amp;`); a clause id passes through unchanged,
  and `deny_info http://HOST:8081/blocked?url=%u&clause=%o` shows the clause.
* Channel ids: with `concurrency=N` > 0 Squid puts a number first and wants it echoed.
  Unless told (`channel_ids` True/False), a first field of only ASCII digits is taken
  as a channel id: neither a URL Squid sends nor a client address (`%SRC` first) is
  ever all digits.
* Answer values are always double-quoted with backslash escapes: Squid URL-decodes
  unquoted values (which would undo the escaping inside a block page URL) but not
  quoted ones.

Every line gets exactly one answer, whatever it holds: a line that cannot be read, a
URL that cannot be parsed, or a failure inside the helper answers "blocked" (fail
closed) and is logged. The log shows the path without the query string, as Squid's own
`strip_query_terms` does, because queries carry search terms and personal details.
"""

from __future__ import annotations

import os
import re
import sys
from dataclasses import dataclass
from urllib.parse import unquote

from aupguard.web.blockpage import block_page_url
from aupguard.web.decide import Decision
from aupguard.web.service import WebFilter
from aupguard.web.squidbatch import BatchAnswerer

__all__ = [
    "DEFAULT_BLOCK_PAGE",
    "MODES",
    "HelperRequest",
    "SquidHelper",
    "acl_answer",
    "log_path",
    "log_token",
    "parse_acl",
    "parse_rewrite",
    "quote_value",
    "rewrite_answer",
    "split_channel",
]

DEFAULT_BLOCK_PAGE = "http://127.0.0.1:8081/blocked"
MODES = ("rewrite", "acl")
READ_SIZE = 1 << 16
MAX_LINE = 1 << 16  # longer lines are cut here (their URL is over urls.MAX_URL: blocked)
BLOCKING = frozenset({"block", "error"})

_UNSAFE_VALUE = re.compile(r'[\\"\x00-\x1f\x7f]')
_VALUE_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"}


@dataclass(frozen=True, slots=True)
class HelperRequest:
    """One request line, read: None where Squid sent `-` or nothing."""

    url: str
    client: str | None = None
    user: str | None = None
    method: str | None = None


def split_channel(line: str, channel_ids: bool | None) -> tuple[str | None, str]:
    """(channel id or None, the rest of the line). `channel_ids` None: detect."""
    if channel_ids is False:
        return None, line
    parts = line.split(None, 1)
    if not parts:
        return None, ""
    head = parts[0]
    if channel_ids or (head.isdigit() and head.isascii()):
        return head, parts[1] if len(parts) > 1 else ""
    return None, line


def _value(field: str | None) -> str | None:
    if not field or field == "-":
        return None
    return unquote(field) if "%" in field else field


def _client(field: str | None) -> str | None:
    """`%>a/%>A` or `%SRC` -> the address; an IPv4-mapped IPv6 one as plain IPv4, so
    the pack's IPv4 client networks still find its group."""
    if not field:
        return None
    addr = _value(field.split("/", 1)[0])
    if addr and addr[:7].lower() == "::ffff:" and "." in addr:
        return addr[7:]
    return addr


def parse_rewrite(rest: str) -> HelperRequest:
    """`URL [client_ip/fqdn user method key=value...]` (the channel id removed).
    Positional extras stop at the first key=value pair, so a shorter
    `url_rewrite_extras` still reads."""
    fields = rest.split()
    if not fields:
        return HelperRequest("")
    extras: list[str] = []
    for token in fields[1:4]:
        if "=" in token:
            break
        extras.append(token)
    extras += [""] * (3 - len(extras))
    return HelperRequest(fields[0], _client(extras[0]), _value(extras[1]), _value(extras[2]))


def parse_acl(rest: str) -> HelperRequest:
    """`%SRC %un %>rm %URI [%DATA...]` (the channel id removed); a bare URL is also
    accepted, for trying the helper by hand. Anything else has no URL (so: blocked)."""
    fields = rest.split()
    if len(fields) >= 4:
        return HelperRequest(fields[3], _client(fields[0]), _value(fields[1]), _value(fields[2]))
    if len(fields) == 1:
        return HelperRequest(fields[0])
    return HelperRequest("")


def quote_value(text: str) -> str:
    """A helper answer value: double-quoted, `\\` and `"` escaped, CR/LF as `\\r`/`\\n`,
    other control characters dropped (one answer must stay one line)."""
    if text.isprintable() and '"' not in text and "\\" not in text:
        return '"' + text + '"'  # every block-page URL: the search below costs 10 times more
    if _UNSAFE_VALUE.search(text):
        text = _UNSAFE_VALUE.sub(lambda m: _VALUE_ESCAPES.get(m.group(), ""), text)
    return '"' + text + '"'


def log_token(d: Decision) -> str:
    """What Squid logs as `%ea`: action/category/clause, with `-` for none."""
    return f"{d.action}/{d.category or '-'}/{d.clause or '-'}"




def rewrite_answer(channel: str | None, d: Decision, url: str, block_page: str) -> str:
    """`[ID] ERR` (no change) unless blocked: then a 302 to the block page."""
    prefix = f"{channel} " if channel is not None else ""
    if d.action not in BLOCKING:
        return prefix + "ERR"
    return f"{prefix}OK status=302 url={quote_value(block_page_url(block_page, d, url))}"


def acl_answer(channel: str | None, d: Decision) -> str:
    """`[ID] OK log=...` when allowed or monitored; `[ID] ERR message=CLAUSE log=...`
    when blocked (no message when no clause applies, e.g. an unreadable request)."""
    prefix = f"{channel} " if channel is not None else ""
    log = quote_value(log_token(d))
    if d.action not in BLOCKING:
        return f"{prefix}OK log={log}"
    if d.clause:
        return f"{prefix}ERR message={quote_value(d.clause)} log={log}"
    return f"{prefix}ERR log={log}"


def log_path(url: str) -> str | None:
    """The path Squid asked for, without the query (None for CONNECT host:port)."""
    scheme = url.find("://")
    if scheme < 0:
        return None
    start = url.find("/", scheme + 3)
    if start < 0:
        return "/"
    return url[start:].partition("?")[0].partition("#")[0]


class SquidHelper:
    """Answers Squid helper requests in one mode, deciding through a `WebFilter`."""

    def __init__(
        self,
        web: WebFilter,
        mode: str,
        *,
        block_page: str = DEFAULT_BLOCK_PAGE,
        channel_ids: bool | None = None,
    ) -> None:
        if mode not in MODES:
            raise ValueError(f"mode must be one of {', '.join(MODES)}, not {mode!r}")
        self.web = web
        self.mode = mode
        self.block_page = block_page
        self.channel_ids = channel_ids
        self._parse = parse_rewrite if mode == "rewrite" else parse_acl
        self._batch = BatchAnswerer(self)

    def answer(self, line: str) -> str:
        """The answer line (without newline) for one request line; never raises."""
        channel, rest = split_channel(line, self.channel_ids)
        url = ""
        try:
            request = self._parse(rest)
            url = request.url
            d = self.web.decide(
                url, client=request.client, user=request.user, path=log_path(url)
            )
        except Exception as exc:  # a helper that dies takes Squid's filtering with it
            d = self._failed(rest, exc)
        if self.mode == "rewrite":
            return rewrite_answer(channel, d, url, self.block_page)
        return acl_answer(channel, d)

    def _failed(self, rest: str, exc: Exception) -> Decision:
        """A failure inside the helper: blocked, said on stderr (Squid's cache.log) and
        logged like any other decision."""
        print(f"aupguard squid-helper: blocked after an internal error: {exc!r}", file=sys.stderr)
        d = Decision(rest, "error", None, None, None, error=f"internal error: {exc}")
        log = self.web.log
        if log is not None:
            try:
                log.record(d, via=self.web.via)
            except Exception as log_exc:
                print(f"aupguard squid-helper: cannot log: {log_exc!r}", file=sys.stderr)
        return d

    def answer_batch(self, text: str) -> str:
        """Answers for newline-separated complete lines, newline-terminated: the same
        answers and log lines as `answer` line by line (see `BatchAnswerer`)."""
        lines = text.split("\n")
        if lines and lines[-1] == "":
            lines.pop()
        return self._batch.answer_lines(lines)

    def serve(self, infd: int = 0, outfd: int = 1) -> None:
        """Answer until end of input. Reads whatever is available (up to 64 KiB),
        answers every complete line in one write, then flushes the access log: Squid
        gets each answer as soon as its batch is done, and a piped stream of a million
        lines costs a few syscalls per 64 KiB instead of per line."""
        pending = b""
        skipping = False  # inside a line already cut at MAX_LINE
        while True:
            chunk = os.read(infd, READ_SIZE)
            if not chunk:
                break
            last = chunk.rfind(b"\n")
            if last < 0:
                if not skipping:
                    pending += chunk
                    if len(pending) > MAX_LINE:
                        pending, skipping = pending[:MAX_LINE], True
                continue
            body = chunk[: last + 1]
            if skipping:  # drop the rest of the cut line, keep its newline
                body = body[body.find(b"\n") :]
            complete = pending + body
            pending, skipping = chunk[last + 1 :], False
            if len(pending) > MAX_LINE:
                pending, skipping = pending[:MAX_LINE], True
            self._write(outfd, self.answer_batch(complete.decode("utf-8", "replace")))
        if pending:
            self._write(outfd, self.answer_batch(pending.decode("utf-8", "replace")))

    def _write(self, outfd: int, text: str) -> None:
        data = memoryview(text.encode("utf-8"))
        while data:
            data = data[os.write(outfd, data) :]
        if self.web.log is not None:
            self.web.log.flush()
