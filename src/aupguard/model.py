"""The core value types: what goes into a check and what comes out.

These names and fields are the stable interface that the command, the web and mail
front-ends and users' scripts rely on; add fields, never rename or remove them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import IntEnum
from typing import Literal

# --- finding categories (stable: the JSON output and every front-end use these names) ---
PERSONAL_DATA = "personal_data"
CREDENTIALS = "credentials"
CONFIDENTIAL = "confidential"
ABUSE = "abuse"
DEFAMATION = "defamation"
REPRESENTATION = "representation"
POLITICAL = "political"
COMMERCIAL = "commercial"
GAMBLING_AUCTION = "gambling_auction"
CHAIN_LETTER = "chain_letter"
DISCLAIMER_MISSING = "disclaimer_missing"
EDIT_UNMARKED = "edit_unmarked"
IDENTITY = "identity"
COPYRIGHT = "copyright"

CATEGORIES: tuple[str, ...] = (
    PERSONAL_DATA,
    CREDENTIALS,
    CONFIDENTIAL,
    ABUSE,
    DEFAMATION,
    REPRESENTATION,
    POLITICAL,
    COMMERCIAL,
    GAMBLING_AUCTION,
    CHAIN_LETTER,
    DISCLAIMER_MISSING,
    EDIT_UNMARKED,
    IDENTITY,
    COPYRIGHT,
)

# Entities of the personal_data category.
ENTITIES: tuple[str, ...] = (
    "PHONE_NUMBER",
    "EMAIL_ADDRESS",
    "POSTCODE",
    "STREET_ADDRESS",
    "NI_NUMBER",
    "SORT_CODE",
    "BANK_ACCOUNT",
    "CARD_NUMBER",
    "IBAN",
    "NHS_NUMBER",
    "DATE_OF_BIRTH",
    "PERSON",
)

# Subtypes of the abuse category.
ABUSE_SUBTYPES: tuple[str, ...] = (
    "profanity",
    "insult",
    "harassment",
    "hate",
    "threat",
    "sexual",
)

# Subtypes by category: the finding categories that carry a subtype, and its values. A
# pack's control may narrow a clause to some of them.
SUBTYPES: dict[str, tuple[str, ...]] = {
    ABUSE: ABUSE_SUBTYPES,
    CONFIDENTIAL: ("register", "marker", "tender", "unpublished"),
    IDENTITY: ("handle", "anonymous", "logo"),
    COPYRIGHT: ("media", "piracy", "people"),
}

Channel = Literal["email", "web", "social", "blog", "chat"]
CHANNELS: tuple[str, ...] = ("email", "web", "social", "blog", "chat")
Account = Literal["council", "personal"]
Role = Literal["staff", "clerk", "councillor", "co-opted"]
ROLES: tuple[str, ...] = ("staff", "clerk", "councillor", "co-opted")
Audience = Literal["internal", "external", "public"]
Device = Literal["council-system", "council-tablet", "personal-device"]


class Action(IntEnum):
    """What should happen to a message; ordered by severity so max() gives the verdict."""

    ALLOW = 0
    RECORD = 1
    ADVISE = 2
    WARN = 3
    HOLD = 4
    BLOCK = 5

    @property
    def label(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, name: str) -> Action:
        return cls[name.upper()]


@dataclass(frozen=True, slots=True)
class Author:
    """Who is writing. `authorised` means authorised to speak for the council."""

    role: Role = "staff"
    name: str | None = None
    handle: str | None = None
    authorised: bool = False
    authorisations: tuple[str, ...] = ()
    anonymous: bool = False


@dataclass(frozen=True, slots=True)
class Attachment:
    """An attachment or embedded media item, described rather than carried."""

    filename: str
    media_type: str = "application/octet-stream"
    size: int = 0
    licence: str | None = None
    permission: bool = False
    people_consented: bool | None = None


@dataclass(frozen=True, slots=True)
class Message:
    """A draft post, blog entry or email to check before it goes out."""

    text: str
    html: bool = False
    channel: Channel = "email"
    account: Account = "council"
    author: Author = field(default_factory=Author)
    audience: Audience = "external"
    recipients: tuple[str, ...] = ()
    subject: str | None = None
    attachments: tuple[Attachment, ...] = ()
    edits_previous: bool = False
    device: Device | None = None


RemedyKind = Literal["redact", "append", "prepend", "remove_attachment", "rephrase", "review"]


@dataclass(frozen=True, slots=True)
class Remedy:
    """A proposed fix. `redact` replaces the finding's span with `text`; `append` and
    `prepend` add `text` to the message; the others need a person and only say what to do."""

    kind: RemedyKind
    text: str
    description: str


@dataclass(frozen=True, slots=True)
class Finding:
    """One thing a detector found. Offsets index the *original* message text."""

    category: str
    start: int
    end: int
    score: float
    subtype: str | None = None
    entity: str | None = None
    explanation: str = ""
    remedy: Remedy | None = None
    clause: str | None = None
    related: tuple[str, ...] = ()
    action: Action | None = None
    excerpt: str = ""

    def to_json(self, full: bool = True) -> dict[str, object]:
        data: dict[str, object] = {
            "clause": self.clause,
            "category": self.category,
            "subtype": self.subtype,
            "entity": self.entity,
            "start": self.start,
            "end": self.end,
            "score": round(self.score, 3),
            "explanation": self.explanation,
        }
        if full:
            data["action"] = self.action.label if self.action is not None else None
            data["related"] = list(self.related)
            data["excerpt"] = self.excerpt
            data["remedy"] = (
                None
                if self.remedy is None
                else {
                    "kind": self.remedy.kind,
                    "text": self.remedy.text,
                    "description": self.remedy.description,
                }
            )
        return data


@dataclass(frozen=True, slots=True)
class Verdict:
    """The result of a check: the most severe action and every finding behind it."""

    action: Action
    findings: tuple[Finding, ...]
    pack: str
    text: str

    @property
    def clauses(self) -> tuple[str, ...]:
        seen: dict[str, None] = {}
        for f in self.findings:
            if f.clause:
                seen.setdefault(f.clause, None)
        return tuple(seen)

    def to_json(self, full: bool = True) -> dict[str, object]:
        data: dict[str, object] = {
            "action": self.action.label,
            "findings": [f.to_json(full) for f in self.findings],
        }
        if full:
            data["pack"] = self.pack
            data["clauses"] = list(self.clauses)
        return data
