"""Credentials: passwords, PINs, door codes, API keys and tokens written into a message
(Leigh: "stealing, using, or disclosing someone else's password without authorisation").

Two passes, both gated by cheap substring checks: vendor-format secrets found with the
regexes of detect-secrets' own plugins (AWS, GitHub, Slack, Stripe, private keys, JWTs,
user:password@ URLs ...), and plain-English disclosures ("the wifi password is ...",
"PIN: 4821") found from a keyword and judged on the value that follows it. The
detect-secrets scanner itself is never run: only its compiled patterns, on candidates.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from detect_secrets.plugins.high_entropy_strings import Base64HighEntropyString
from detect_secrets.plugins.keyword import KeywordDetector

from aupguard.detectors._cred_examples import EXAMPLES
from aupguard.detectors._cred_patterns import (
    MASKED,
    STOP,
    VENDOR_PREFIXES,
    VENDOR_WORDS,
    Raw,
    userinfo,
    vendor,
)
from aupguard.detectors._pd_context import plain_starts
from aupguard.detectors.base import Context, Example
from aupguard.model import CREDENTIALS, Finding, Remedy
from aupguard.text.triggers import TriggerWords

_KEYWORD = KeywordDetector()
_ENTROPY = Base64HighEntropyString()

# --- plain-English disclosures ------------------------------------------------------
_PASSWORD_WORDS = frozenset({"password", "passwords", "passwd", "passphrase", "pwd"})
_STRICT_WORDS = frozenset({"pass", "pw", "passcode"})  # need ':' or '=' after them
_PIN_WORDS = frozenset({"pin", "passcode"})
_CODE_QUALIFIERS = frozenset(
    {
        "door",
        "alarm",
        "entry",
        "access",
        "security",
        "safe",
        "lock",
        "lockbox",
        "gate",
        "keypad",
        "padlock",
        "combination",
        "key",
        "keysafe",
        "unlock",
    }
)
_KEY_QUALIFIERS = frozenset(
    {
        "api",
        "secret",
        "private",
        "access",
        "wifi",
        "wi-fi",
        "network",
        "auth",
        "signing",
        "encryption",
        "client",
        "app",
        "wpa",
        "wpa2",
    }
)
_VALUE = re.compile(
    r"(?i)(?:[ \t]*(?:number|code|no\.?|word))?"
    r"(?:[ \t]+(?:for|to|of|on|at|in)[ \t]+(?:the[ \t]+|my[ \t]+|our[ \t]+|your[ \t]+)?"
    r"[\w\-]{2,20}(?:[ \t]+[\w\-]{2,20})?)?"
    r"(?P<conn>[ \t]*(?:=|:|:=|=>|-)[ \t]*|[ \t]+(?:is|was|will be|is now|now|are|"
    r"(?:has been|is being|was|been)?[ \t]*(?:changed|reset|set|updated) to)[ \t]*:?[ \t]*"
    r"|[ \t]+(?=\d)|[ \t]+|,[ \t]+)"
    r"[\"'\u201c\u2018]?(?P<val>[^\s\"'\u201d\u2019<>]{3,64})"
)
_TRAIL = ".,;:)]}"


_REDACTED = {True: "[password removed]", False: "[secret removed]"}


def _word_at(low: str, i: int) -> tuple[int, int]:
    """The letters-and-hyphens word containing position i."""
    s = i
    while s > 0 and (low[s - 1].isalpha() or low[s - 1] in "-_"):
        s -= 1
    e = i
    n = len(low)
    while e < n and (low[e].isalpha() or low[e] in "-"):
        e += 1
    return s, e


def _prev_word(low: str, s: int) -> str:
    j = s
    while j > 0 and low[j - 1] in " \t_-":
        j -= 1
    k = j
    while k > 0 and (low[k - 1].isalnum() or low[k - 1] == "-"):
        k -= 1
    return low[k:j]


def _random_looking(val: str, min_len: int) -> bool:
    if len(val) < min_len:
        return False
    classes = sum(
        (
            any(c.isdigit() for c in val),
            any(c.islower() for c in val),
            any(c.isupper() for c in val),
        )
    )
    return classes >= 2 and _ENTROPY.calculate_shannon_entropy(val) >= 3.0


def _strong(val: str) -> bool:
    """Looks like a chosen password: 8+ characters mixing letters with digits and
    capitals or symbols ("Marine!Parade2024", "Rufus1987"), not a word or a date."""
    if len(val) < 6 or val.lower() in STOP or MASKED.match(val):
        return False
    letters = sum(c.isalpha() for c in val)
    digits = sum(c.isdigit() for c in val)
    other = len(val) - letters - digits
    if not letters or val.lower().endswith(("am", "pm", "th", "st", "nd", "rd")) and digits:
        return False
    if digits and letters:
        return len(val) >= 6 and (len(val) >= 8 or any(c.isupper() for c in val))
    return len(val) >= 8 and other > 0 and any(c.isupper() for c in val)


def _judge(word: str, prev: str, conn: str, val: str) -> tuple[float, str, bool] | None:
    """Score the value after a keyword; None when it is not a disclosed secret."""
    lv = val.lower()
    if lv in STOP or MASKED.match(val):
        return None
    hard = conn.strip() in ("=", ":", ":=", "=>", "-")
    has_digit = any(c.isdigit() for c in val)
    mixed = has_digit or not val.isalpha() or (val.lower() != val and val.upper() != val)
    digits_only = val.isdigit()
    if word in _PIN_WORDS or (word == "code" and prev in _CODE_QUALIFIERS):
        if digits_only and 4 <= len(val) <= 8:
            return (0.85, "a PIN or door code", True)
        return None
    if word == "pin":
        return None
    if not conn.strip():
        # "password hunter2" is too vague, "password Marine!Parade2024" is not
        if word in _PASSWORD_WORDS and _strong(val):
            return (0.8, "a password", True)
        return None
    if word in _PASSWORD_WORDS or word in _STRICT_WORDS:
        if word in _STRICT_WORDS and not hard:
            return None
        if mixed:
            return (0.9, "a password", True)
        if not hard and val.islower() and val.endswith(("ed", "ing", "ly")):
            return None  # "was typed", "is expiring", "is securely ..."
        if len(val) >= 4 and word not in _STRICT_WORDS:
            return (0.7 if hard else 0.6, "a password", True)
        return None
    if word in ("key", "token", "secret") or word.endswith(("key", "token", "secret")):
        qualified = prev in _KEY_QUALIFIERS or word != "key"
        if _random_looking(val, 12 if qualified else 16) and (hard or qualified):
            return (0.85, "a secret key or token", False)
    return None


_KEYWORD_TAGS = frozenset({"password", "word", "login"})
_TRIGGERS = TriggerWords(
    "credentials",
    {
        **VENDOR_WORDS,
        **{w: "password" for w in _PASSWORD_WORDS},
        **{w: "word" for w in ("pass", "pw", "passcode", "pin", "secret", "token", "key", "code")},
        **{w: "login" for w in ("user id", "userid", "username", "user name", "gateway id")},
    },
    VENDOR_PREFIXES,
)
# "What's the password for the laptop?" ... "It's Rufus1987"
_FOLLOW_UP = re.compile(
    r"(?i)\b(?:it[\u2019']?s|it is|that[\u2019']?s|it was|try)[ \t]+[\"'\u201c\u2018]?"
    r"(?P<val>[^\s\"'\u201d\u2019<>]{6,64})"
)
# a settings line assigns a quoted value right after the key name
_ASSIGN = re.compile(r"[\w\-\"'\]\[]{0,40}[ \t]*(?:[:!=]=|:=|=>|=|:)[ \t]*@?[\"']")
# a Government Gateway style user ID: 12 digits, often in pairs
_LOGIN_ID = re.compile(
    r"(?i)[ \t]*(?:number|no\.?)?[ \t]*(?:is|:|=|-)?[ \t]*"
    r"(?P<val>\d{2}(?:[ \t]?\d{2}){4,7}|[A-Za-z][\w.\-]{3,40}\d[\w.\-]*)(?![\w\-])"
)


def _keywords(t: str, starts: list[tuple[int, int, str]]) -> Iterator[Raw]:
    """Judge the value after each trigger word (positions in the plain view)."""
    seen: set[int] = set()
    code_lines: set[int] = set()
    logins: list[Raw] = []
    found: list[Raw] = []
    for hs, he, tag in starts:
        if tag == "login":
            m = _LOGIN_ID.match(t, he)
            if m is not None:
                logins.append((m.start("val"), m.end("val"), 0.8, "a login ID", "[login removed]"))
            continue
        ws, we = _word_at(t, hs)
        if ws in seen or we - ws > 14:
            continue
        seen.add(ws)
        word = t[ws:we].strip("-_").lower()
        if not (
            word in _PASSWORD_WORDS
            or word in _STRICT_WORDS
            or word in _PIN_WORDS
            or word in ("key", "token", "secret", "code", "passcode")
            or word.endswith(("_key", "-key", "_token", "_secret", "password"))
        ):
            continue
        m = _VALUE.match(t, we)
        if m is not None:
            val = m.group("val").rstrip(_TRAIL)
            verdict = _judge(word, _prev_word(t, ws).lower(), m.group("conn"), val)
            if verdict is not None and val:
                s = m.start("val")
                found.append((s, s + len(val), verdict[0], verdict[1], _REDACTED[verdict[2]]))
                continue
        if word in _PASSWORD_WORDS:
            follow = _follow_up(t, we)
            if follow is not None:
                found.append(follow)
                continue
        found.extend(_code_line(t, ws, we, code_lines))
    yield from found
    for login in logins:  # a login ID matters only when its password is given with it
        if any(0 <= f[0] - login[1] <= 150 for f in found):
            yield login


def _follow_up(t: str, pos: int) -> Raw | None:
    """A password given in the next sentence after it was asked for or mentioned."""
    m = _FOLLOW_UP.search(t, pos, min(len(t), pos + 200))
    if m is None:
        return None
    between = t[pos : m.start()]
    if "?" not in between and "\n" not in between and ":" not in between:
        return None
    val = m.group("val").rstrip(_TRAIL)
    if not _strong(val):
        return None
    s = m.start("val")
    return (s, s + len(val), 0.8, "a password", "[password removed]")


def _code_line(t: str, pos: int, end: int, done: set[int]) -> Iterator[Raw]:
    """Config or code lines (db_password = "..."): detect-secrets' keyword plugin on the line."""
    ls = t.rfind("\n", 0, pos) + 1
    if ls in done:
        return
    done.add(ls)
    le = t.find("\n", pos)
    line = t[ls : le if le >= 0 else len(t)]
    if _ASSIGN.match(t, end) is None:
        return
    for val in _KEYWORD.analyze_string(line):
        if val and val.lower() not in STOP and not MASKED.match(val):
            k = line.find(val)
            if k >= 0:
                yield (
                    ls + k,
                    ls + k + len(val),
                    0.85,
                    "a password or key in a settings line",
                    "[password removed]",
                )


class CredentialsDetector:
    """Passwords, PINs and access codes, API keys and tokens, private keys."""

    category = CREDENTIALS
    examples: tuple[Example, ...] = EXAMPLES

    def detect(self, ctx: Context) -> list[Finding]:
        view = ctx.text.plain
        t = view.text
        if len(t) < 6:
            return []
        hits = _TRIGGERS.hits(ctx.text)
        raw: list[Raw] = []
        if "://" in t and "@" in t:
            raw.extend(userinfo(t))
        if hits:
            tags = {h.tag for h in hits}
            if tags - _KEYWORD_TAGS:
                raw.extend(vendor(t, tags))
            if tags & _KEYWORD_TAGS:
                words = [h for h in hits if h.tag in _KEYWORD_TAGS]
                raw.extend(_keywords(t, plain_starts(ctx.text, words)))
        if not raw:
            return []
        raw.sort(key=lambda r: (r[0], -r[1]))
        findings: list[Finding] = []
        last_end = -1
        for s, e, score, kind, redacted in raw:
            if s < last_end:
                continue
            last_end = e
            os_, oe = view.to_original(s, e)
            findings.append(
                Finding(
                    category=CREDENTIALS,
                    start=os_,
                    end=oe,
                    score=score,
                    explanation=f"This looks like {kind} written into the message; passwords "
                    "and keys must never be shared this way.",
                    remedy=Remedy(
                        "redact",
                        redacted,
                        "Remove it, send it by a secure route, and change it if it was sent.",
                    ),
                )
            )
        return findings


DETECTOR = CredentialsDetector()
