"""Identity rules for personal accounts (Leigh: "Social media identities, logon ID's and
user names may not use Leigh Town Council's name", "Do not blog anonymously, using
pseudonyms or false screen names"; "Leigh Town Council logos may not be used"; Belper:
"Use the Council's logo on personal web pages or social media sites").

Subtypes: "handle" (a personal handle or display name containing the council's name),
"anonymous" (posting about council business without a real name), "logo" (the
council's logo on a personal page). Findings about the author or an attachment have
no text span (start = end = 0).
"""

from __future__ import annotations

import re

from aupguard.detectors._mentions import compact, find_mention, handle_uses_council_name
from aupguard.detectors.base import Context, Example
from aupguard.model import IDENTITY, Attachment, Finding, Remedy
from aupguard.policy.schema import Council

_LOGO_WORD = re.compile(r"(?<![a-z])(?:logo|crest|coat\s+of\s+arms|emblem)s?(?![a-z])")
# "the town council logo", "council's crest" / "logo of Belper Town Council".
_COUNCIL_BEFORE = re.compile(r"council(?:'s|s')?\s+(?:[a-z]+\s+){0,2}$")
_COUNCIL_AFTER = re.compile(r"\s*(?:of|from)\s+(?:the\s+)?(?:[a-z-]+\s+){0,3}council(?![a-z])")

_PUBLIC = frozenset({"blog", "social", "web"})
# A handle that gives a name: "@CllrJaneSmith", "jane.smith", "Jane_Smith". Run-together
# words ("@JaneSmith", "@LeighWatcher") cannot be told apart, so they count as handles.
_NAME_HANDLE = re.compile(r"@?(?:(?i:cllr|councillor)[._-]?[A-Za-z]\w+|"
                          r"(?i:[a-z]+[._-][a-z]+(?:[._-][a-z]+)?)\d{0,4})$")

_HANDLE_REMEDY = Remedy(
    kind="review", text="",
    description="Use a personal handle and name that do not include the council's name.")
_ANON_REMEDY = Remedy(
    kind="review", text="",
    description="Post under your real name and say that you work for, or are a councillor "
    "on, the council.")
_LOGO_REMEDY = Remedy(
    kind="review", text="",
    description="Remove the council's logo: it may not be used on personal pages or accounts.")


def _logo_attachment(council: Council, att: Attachment) -> bool:
    """An attachment named like one of the council's logo files, or "logo" plus the
    council's name in the file name."""
    base = att.filename.rsplit("/", 1)[-1].lower()
    stem = base.rsplit(".", 1)[0]
    for logo in council.logo_names:
        lname = logo.lower()
        if base == lname or stem == lname.rsplit(".", 1)[0]:
            return True
    if "logo" in base or "crest" in base:
        flat = compact(stem)
        return handle_uses_council_name(council, att.filename) is not None or any(
            p in flat for p in _place_forms(council))
    return False


def _place_forms(council: Council) -> tuple[str, ...]:
    names = [council.name, *council.aliases]
    out = {compact(re.sub(r"(?i)\s*(?:town|parish)?\s*council\s*$", "", n)) for n in names}
    return tuple(p for p in out if len(p) >= 3)


class IdentityDetector:
    """Flags council names in personal handles, anonymous posting about the council and
    the council's logo on personal pages."""

    category = IDENTITY
    examples = (
        Example("Lovely evening at the carnival!", True, subtype="handle",
                message={"account": "personal", "channel": "social"},
                author={"handle": "@LeighTownCouncilJoe", "name": "Joe Bloggs"}),
        Example("Who decided to close the public toilets? The town council should explain.",
                True, subtype="anonymous", message={"account": "personal", "channel": "blog"},
                author={"anonymous": True}),
        Example("Proud to be a councillor - here's the town council logo on my profile page.",
                True, subtype="logo", message={"account": "personal", "channel": "social"},
                author={"name": "Jane Smith", "handle": "@janesmith"}),
        Example("Lovely evening at the carnival!", False,
                message={"account": "personal", "channel": "social"},
                author={"handle": "@LeighMum", "name": "Joe Bloggs"},
                note="the town's name alone is fine"),
        Example("Who decided to close the public toilets? The town council should explain.",
                False, message={"account": "personal", "channel": "blog"},
                author={"name": "Joe Bloggs", "handle": "@joebloggs"}),
        Example("The town council has wasted thousands on consultants again.", True,
                subtype="anonymous", message={"account": "personal", "channel": "social"},
                author={"handle": "@LeighWatcher"}, note="pseudonym, no name"),
        Example("The town council has wasted thousands on consultants again.", False,
                message={"account": "personal", "channel": "social"},
                author={"handle": "@CllrJaneSmith"}, note="the handle gives a name"),
        Example("New logo for the carnival committee, designed by pupils at the school.",
                False, message={"account": "personal", "channel": "social"},
                author={"name": "Jane Smith"}),
    )

    def detect(self, ctx: Context) -> list[Finding]:
        msg = ctx.message
        council = ctx.council
        author = msg.author
        out: list[Finding] = []
        personal = msg.account == "personal"
        if personal:
            for value in (author.handle, author.name):
                if value and handle_uses_council_name(council, value):
                    out.append(Finding(
                        category=IDENTITY, start=0, end=0, score=0.85, subtype="handle",
                        explanation=f"The name or handle \"{value}\" uses the council's "
                        "name, which personal accounts may not do.",
                        remedy=_HANDLE_REMEDY))
                    break
        if self._unnamed(ctx) and find_mention(council, ctx.text.folded.text) is not None:
            out.append(Finding(
                category=IDENTITY, start=0, end=0, score=0.75, subtype="anonymous",
                explanation="This post about the council does not give your real name; "
                "posts about council business should say who you are.",
                remedy=_ANON_REMEDY))
        if personal:
            out.extend(self._logo(ctx))
        return out

    @staticmethod
    def _unnamed(ctx: Context) -> bool:
        """Whether the author posts without a real name, which matters only when the
        text is about the council (checked by the caller).

        - Marked anonymous (`Author.anonymous`): on any account but the council's own,
          whose posts speak for the council under its name.
        - Pseudonymous: a personal account posting publicly (blog, social, web) with no
          name, only a handle that does not give one ("@leighwatcher"; "@CllrJaneSmith"
          and "jane.smith" do)."""
        msg = ctx.message
        author = msg.author
        if msg.account == "council":
            return False
        if author.anonymous:
            return True
        if msg.account != "personal" or msg.channel not in _PUBLIC or author.name:
            return False
        handle = (author.handle or "").strip()
        return bool(handle) and not _NAME_HANDLE.match(handle)

    def _logo(self, ctx: Context) -> list[Finding]:
        council = ctx.council
        for att in ctx.message.attachments:
            if _logo_attachment(council, att):
                return [Finding(
                    category=IDENTITY, start=0, end=0, score=0.85, subtype="logo",
                    explanation=f"The attachment \"{att.filename}\" looks like the council's "
                    "logo, which may not be used on personal pages or accounts.",
                    remedy=_LOGO_REMEDY)]
        view = ctx.text.folded
        text = view.text
        for m in _LOGO_WORD.finditer(text):
            before = text[max(0, m.start() - 40):m.start()]
            named = _COUNCIL_BEFORE.search(before) or _COUNCIL_AFTER.match(text, m.end())
            if not named and not any(
                    n.lower() in text[max(0, m.start() - 60):m.end() + 60]
                    for n in council.logo_names):
                continue
            s, e = view.to_original(m.start(), m.end())
            return [Finding(
                category=IDENTITY, start=s, end=e, score=0.7, subtype="logo",
                explanation="This mentions using the council's logo, which may not be used on "
                "personal pages or accounts.",
                remedy=_LOGO_REMEDY)]
        return []


DETECTOR = IdentityDetector()
