"""Vendor-format secrets for the credentials detector: the compiled regexes of
detect-secrets' own plugins (AWS, GitHub, GitLab, Slack, Stripe, SendGrid, OpenAI,
private keys, JWTs), Google API keys and user:password@ web addresses. Each format is
searched only when the shared trigger scan saw the word it starts with."""

from __future__ import annotations

import re
from collections.abc import Iterator

from detect_secrets.plugins.aws import AWSKeyDetector
from detect_secrets.plugins.github_token import GitHubTokenDetector
from detect_secrets.plugins.gitlab_token import GitLabTokenDetector
from detect_secrets.plugins.jwt import JwtTokenDetector
from detect_secrets.plugins.openai import OpenAIDetector
from detect_secrets.plugins.private_key import PrivateKeyDetector
from detect_secrets.plugins.sendgrid import SendGridDetector
from detect_secrets.plugins.slack import SlackDetector
from detect_secrets.plugins.stripe import StripeDetector

# words and shapes that are never a disclosed secret: placeholders, adjectives, masks
STOP_WORDS = """
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
STOP = frozenset(STOP_WORDS.split())
MASKED = re.compile(r"^(?:[*x•#.\-_]{3,}|\[.*|<.*|\{.*|\(.*|\$\{.*|%.*%|your.*|password\w*)$", re.I)

# (start, end, score, what it is, redaction text) in the plain view
Raw = tuple[int, int, float, str, str]

_GOOGLE = re.compile(r"AIza[0-9A-Za-z\-_]{35}(?![\w\-])")

# vendor formats, keyed by the trigger (a word or word prefix of the folded view) that
# every secret of that format starts with: the shared trigger scan is the only gate
_VENDOR: dict[str, tuple[tuple[re.Pattern[str], ...], str]] = {
    "aws": (AWSKeyDetector.denylist[0:1], "an AWS access key"),
    "github": (tuple(GitHubTokenDetector.denylist), "a GitHub token"),
    "gitlab": (tuple(GitLabTokenDetector.denylist), "a GitLab token"),
    "slack": (tuple(SlackDetector.denylist), "a Slack token"),
    "stripe": (tuple(StripeDetector.denylist), "a Stripe key"),
    "sendgrid": (tuple(SendGridDetector.denylist), "a SendGrid key"),
    "openai": (tuple(OpenAIDetector.denylist), "an OpenAI key"),
    "google": ((_GOOGLE,), "a Google API key"),
}
VENDOR_WORDS = {
    **{w: "github" for w in ("ghp", "gho", "ghu", "ghs", "ghr")},
    **{w: "gitlab" for w in ("glpat", "gldt", "glft", "glsoat", "glrt", "glcbt", "glimt")},
    **{w: "gitlab" for w in ("glptt", "glagent", "gloas")},
    "hooks slack": "slack",
    "sk": "stripe",  # sk_live_, and OpenAI's sk-...
    "rk": "stripe",
    "sg": "sendgrid",
    "private key": "private_key",
    "private key block": "private_key",
    "putty": "private_key",
}
VENDOR_PREFIXES = {
    **{p: "aws" for p in ("akia", "asia", "abia", "acca", "a3t")},
    "xox": "slack",
    "gr1348941": "gitlab",
    "aiza": "google",
    "eyj": "jwt",
}
_OPENAI_EXTRA = "openai"  # "sk" also opens the OpenAI patterns
# user:password@host in any scheme (postgres://, ftp://, https://); the password may
# hold '!' and other punctuation that detect-secrets' own pattern refuses
_USERINFO = re.compile(
    r"://[^:/?#\[\]@\s\\\"'<>]{1,64}:([^/?#\[\]@\s\\\"'<>]{1,128})@(?=[A-Za-z0-9])"
)
_PRIVATE_KEY = tuple(PrivateKeyDetector.denylist)
_JWT = JwtTokenDetector.denylist[0]


def vendor(t: str, tags: set[str]) -> Iterator[Raw]:
    if "stripe" in tags:
        tags.add(_OPENAI_EXTRA)
    for tag in tags:
        entry = _VENDOR.get(tag)
        if entry is None:
            continue
        for rx in entry[0]:
            for m in rx.finditer(t):
                yield (m.start(), m.end(), 0.95, entry[1], "[secret removed]")
    if "private_key" in tags:
        for rx in _PRIVATE_KEY:
            for m in rx.finditer(t):
                s = t.rfind("-----", 0, m.start())
                s = s if s >= 0 and m.start() - s <= 5 else m.start()
                end = t.find("-----END", m.end())
                e = t.find("-----", end + 8) + 5 if end >= 0 else len(t)
                yield (s, max(e, m.end()), 0.99, "a private key", "[secret removed]")
    if "jwt" in tags:
        for m in _JWT.finditer(t):
            e = m.end()  # the plugin's pattern stops short of the signature: take it too
            while e < len(t) and (t[e].isalnum() or t[e] in "-_.+/="):
                e += 1
            token = t[m.start() : e].rstrip(".")
            if token.count(".") >= 2 and JwtTokenDetector.is_formally_valid(token):
                yield (
                    m.start(),
                    m.start() + len(token),
                    0.9,
                    "a login token (JWT)",
                    "[secret removed]",
                )


def userinfo(t: str) -> Iterator[Raw]:
    """Passwords inside web addresses (not placeholders like ${PASSWORD})."""
    for m in _USERINFO.finditer(t):
        val = m.group(1)
        if val.lower() not in STOP and not MASKED.match(val):
            yield (
                m.start(1),
                m.end(1),
                0.9,
                "a password inside a web address",
                "[password removed]",
            )
