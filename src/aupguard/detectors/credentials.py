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

from detect_secrets.plugins.aws import AWSKeyDetector
from detect_secrets.plugins.basic_auth import BasicAuthDetector
from detect_secrets.plugins.github_token import GitHubTokenDetector
from detect_secrets.plugins.gitlab_token import GitLabTokenDetector
from detect_secrets.plugins.high_entropy_strings import Base64HighEntropyString
from detect_secrets.plugins.jwt import JwtTokenDetector
from detect_secrets.plugins.keyword import KeywordDetector
from detect_secrets.plugins.openai import OpenAIDetector
from detect_secrets.plugins.private_key import PrivateKeyDetector
from detect_secrets.plugins.sendgrid import SendGridDetector
from detect_secrets.plugins.slack import SlackDetector
from detect_secrets.plugins.stripe import StripeDetector

from aupguard.detectors._cred_examples import EXAMPLES
from aupguard.detectors.base import Context, Example
from aupguard.model import CREDENTIALS, Finding, Remedy

_GOOGLE = re.compile(r"AIza[0-9A-Za-z\-_]{35}(?![\w\-])")

# (gate substring, patterns, kind): a pattern runs only when its gate is in the text.
_VENDOR: tuple[tuple[tuple[str, ...], tuple[re.Pattern[str], ...], str], ...] = (
    (("AKIA", "ASIA", "ABIA", "ACCA", "A3T"), (AWSKeyDetector.denylist[0],), "an AWS access key"),
    (("gh",), tuple(GitHubTokenDetector.denylist), "a GitHub token"),
    (("gl", "GR1348941"), tuple(GitLabTokenDetector.denylist), "a GitLab token"),
    (("xox", "hooks.slack"), tuple(SlackDetector.denylist), "a Slack token"),
    (("k_live_",), tuple(StripeDetector.denylist), "a Stripe key"),
    (("SG.",), tuple(SendGridDetector.denylist), "a SendGrid key"),
    (("T3BlbkFJ",), tuple(OpenAIDetector.denylist), "an OpenAI key"),
    (("AIza",), (_GOOGLE,), "a Google API key"),
)
# one pass finds which vendor gates occur at all
_GATES = re.compile(
    r"A(?:KIA|SIA|BIA|CCA|3T|Iza)|g(?:h[pousr]_|l(?:pat|dt|rt|ft|soat|cbt|imt|ptt|agent|oas)-)"
    r"|GR1348941|xox|hooks\.slack|k_live_|SG\.|T3BlbkFJ|PRIVATE KEY|PuTTY|eyJ|://"
)
_PRIVATE_KEY = tuple(PrivateKeyDetector.denylist)
_JWT = JwtTokenDetector.denylist[0]
_BASIC_AUTH = BasicAuthDetector.denylist[0]
_KEYWORD = KeywordDetector()
_ENTROPY = Base64HighEntropyString()

# --- plain-English disclosures ------------------------------------------------------
_STEMS = ("pass", "pw", "pin", "secret", "token", "key", "code")
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
    r"|[ \t]+(?=\d))"
    r"[\"'\u201c\u2018]?(?P<val>[^\s\"'\u201d\u2019<>]{3,64})"
)
_STOP_WORDS = """
    the a an to via your my our his her their for and or not no required incorrect wrong
    invalid expired weak strong reset changed correct case-sensitive sensitive below above
    here there on in at by with as being still now same different secure safe protected
    needed mandatory optional blank empty none n/a missing updated sent attached enclosed
    available changing due too very please policy manager provided known unknown
    confidential private secret shared something this that it what following hidden set ok
    fine good bad short long easy hard simple complex saved stored encrypted see included
    separately unchanged changes change expiring expires valid generated temporary new old
    default standard enabled disabled locked unlocked working broken only also just then
    when if be been was is are will can could should would must may might you we they i me
    us them all any every each
"""
_STOP = frozenset(_STOP_WORDS.split())
_MASKED = re.compile(
    r"^(?:[*x•#.\-_]{3,}|\[.*|<.*|\{.*|\(.*|\$\{.*|%.*%|your.*|password\w*)$", re.I
)
_TRAIL = ".,;:)]}"


def _lower(text: str) -> str:
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


_Raw = tuple[int, int, float, str, bool]


def _vendor(t: str) -> Iterator[_Raw]:
    hits = {m.group() for m in _GATES.finditer(t)}
    if not hits:
        return
    for gates, patterns, kind in _VENDOR:
        if not any(h.startswith(gates) for h in hits):
            continue
        for rx in patterns:
            for m in rx.finditer(t):
                yield (m.start(), m.end(), 0.95, kind, False)
    if "PRIVATE KEY" in hits or "PuTTY" in hits:
        for rx in _PRIVATE_KEY:
            for m in rx.finditer(t):
                s = t.rfind("-----", 0, m.start())
                s = s if s >= 0 and m.start() - s <= 5 else m.start()
                end = t.find("-----END", m.end())
                e = t.find("-----", end + 8) + 5 if end >= 0 else len(t)
                yield (s, max(e, m.end()), 0.99, "a private key", False)
    if "eyJ" in hits:
        for m in _JWT.finditer(t):
            e = m.end()  # the plugin's pattern stops short of the signature: take it too
            while e < len(t) and (t[e].isalnum() or t[e] in "-_.+/="):
                e += 1
            token = t[m.start() : e].rstrip(".")
            if token.count(".") >= 2 and JwtTokenDetector.is_formally_valid(token):
                yield (m.start(), m.start() + len(token), 0.9, "a login token (JWT)", False)
    if "://" in hits and "@" in t:
        for m in _BASIC_AUTH.finditer(t):
            val = m.group(1)
            if val.lower() not in _STOP and not _MASKED.match(val):
                yield (m.start(1), m.end(1), 0.9, "a password inside a web address", True)


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


def _judge(word: str, prev: str, conn: str, val: str) -> tuple[float, str, bool] | None:
    """Score the value after a keyword; None when it is not a disclosed secret."""
    lv = val.lower()
    if lv in _STOP or _MASKED.match(val):
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
        return None  # "password hunter2" without 'is' or ':' is too vague
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


def _keywords(t: str, low: str) -> Iterator[_Raw]:
    seen: set[int] = set()
    code_lines: set[int] = set()
    for stem in _STEMS:
        i = low.find(stem)
        while i >= 0:
            ws, we = _word_at(low, i)
            i = low.find(stem, we)
            if ws in seen or we - ws > 14:
                continue
            seen.add(ws)
            word = low[ws:we].strip("-_")
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
                verdict = _judge(word, _prev_word(low, ws), m.group("conn"), val)
                if verdict is not None and val:
                    s = m.start("val")
                    yield (s, s + len(val), *verdict)
                    continue
            yield from _code_line(t, ws, code_lines)


def _code_line(t: str, pos: int, done: set[int]) -> Iterator[_Raw]:
    """Config or code lines (db_password = "..."): detect-secrets' keyword plugin on the line."""
    ls = t.rfind("\n", 0, pos) + 1
    if ls in done:
        return
    done.add(ls)
    le = t.find("\n", pos)
    line = t[ls : le if le >= 0 else len(t)]
    if '"' not in line and "'" not in line:
        return
    for val in _KEYWORD.analyze_string(line):
        if val and val.lower() not in _STOP and not _MASKED.match(val):
            k = line.find(val)
            if k >= 0:
                yield (
                    ls + k,
                    ls + k + len(val),
                    0.85,
                    "a password or key in a settings line",
                    True,
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
        raw: list[_Raw] = list(_vendor(t))
        low = _lower(t)
        if any(s in low for s in _STEMS):
            raw.extend(_keywords(t, low))
        if not raw:
            return []
        raw.sort(key=lambda r: (r[0], -r[1]))
        findings: list[Finding] = []
        last_end = -1
        for s, e, score, kind, password in raw:
            if s < last_end:
                continue
            last_end = e
            os_, oe = view.to_original(s, e)
            text = "[password removed]" if password else "[secret removed]"
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
                        text,
                        "Remove it, send it by a secure route, and change it if it was sent.",
                    ),
                )
            )
        return findings


DETECTOR = CredentialsDetector()
