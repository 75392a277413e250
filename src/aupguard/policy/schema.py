"""The policy pack schema: one council's policy, written once, read by every front-end.

A pack is YAML. `extra="forbid"` everywhere so that a misspelt key is an error with a
file and line, not a clause that silently does nothing.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from aupguard.model import CATEGORIES, CHANNELS, ENTITIES, PERSONAL_DATA, SUBTYPES
from aupguard.policy.mailrules import MailPolicy
from aupguard.policy.webrules import WebPolicy, rule_label

ActionName = Literal["block", "hold", "warn", "advise", "record"]
AppliesTo = Literal["staff", "members", "co-opted-members"]
Where = Literal["council-systems", "council-tablets", "personal-accounts"]
ChannelName = Literal["email", "web", "social", "blog", "chat"]
AudienceName = Literal["internal", "external", "public"]

# Workflows are the record-keeping processes a person runs; software supports them
# (issue: records) but cannot judge them.
WORKFLOWS: tuple[str, ...] = (
    "acknowledgement",
    "account-approval",
    "incident",
    "review",
    "spokesperson-register",
    "purchase-approval",
    "supervisor-guidance",
    "monitoring",
    "privacy-settings",
    "correction",
    "media-monitoring",
    "disciplinary",
    "interest-declaration",
    "consent-register",
    "software-approval",
)

CLAUSE_ID = re.compile(r"^[a-z0-9-]+(\.[a-z0-9-]+){2,}$")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class Locator(_Strict):
    """Where the clause stands in the council's own document."""

    section: str
    item: int | None = None
    subsection: str | None = None


class Control(_Strict):
    """How a clause is enforced: exactly one of detector, web_category or workflow."""

    detector: str | None = None
    entities: tuple[str, ...] = ()
    subtypes: tuple[str, ...] = ()
    web_category: str | None = None
    workflow: str | None = None

    @model_validator(mode="after")
    def _one_kind(self) -> Control:
        kinds = [k for k in (self.detector, self.web_category, self.workflow) if k]
        if len(kinds) != 1:
            raise ValueError("a control names exactly one of: detector, web_category, workflow")
        if self.detector is not None and self.detector not in CATEGORIES:
            raise ValueError(
                f"unknown detector {self.detector!r}; known: {', '.join(CATEGORIES)}"
            )
        if self.workflow is not None and self.workflow not in WORKFLOWS:
            raise ValueError(f"unknown workflow {self.workflow!r}; known: {', '.join(WORKFLOWS)}")
        if self.entities and self.detector != PERSONAL_DATA:
            raise ValueError("entities only apply to detector 'personal_data'")
        bad = [e for e in self.entities if e not in ENTITIES]
        if bad:
            raise ValueError(f"unknown entities {bad}; known: {', '.join(ENTITIES)}")
        if self.subtypes:
            known = SUBTYPES.get(self.detector or "", ())
            if not known:
                owners = ", ".join(SUBTYPES)
                raise ValueError(f"subtypes only apply to detectors: {owners}")
            bad = [s for s in self.subtypes if s not in known]
            if bad:
                raise ValueError(f"unknown subtypes {bad}; known: {', '.join(known)}")
        return self

    @property
    def kind(self) -> str:
        if self.detector:
            return "detector"
        return "web_category" if self.web_category else "workflow"

    @property
    def name(self) -> str:
        return self.detector or self.web_category or self.workflow or ""


class Clause(_Strict):
    id: str
    locator: Locator
    summary: str
    applies_to: tuple[AppliesTo, ...] = ("staff", "members", "co-opted-members")
    where: tuple[Where, ...] = ("council-systems",)
    channels: tuple[ChannelName, ...] = CHANNELS  # type: ignore[assignment]
    # Who reads it: `internal` (only the council's own addresses), `external` (named
    # recipients outside it), `public` (a post). Rules about sharing outside the council
    # leave out `internal`, so a clerk may email a colleague a resident's number.
    audiences: tuple[AudienceName, ...] = ("internal", "external", "public")
    controls: tuple[Control, ...]
    action: ActionName
    explanation: str | None = None

    @field_validator("id")
    @classmethod
    def _id_shape(cls, v: str) -> str:
        if not CLAUSE_ID.match(v):
            raise ValueError("clause id must look like 'council.section.name' (lower case)")
        return v

    @field_validator("controls")
    @classmethod
    def _has_control(cls, v: tuple[Control, ...]) -> tuple[Control, ...]:
        if not v:
            raise ValueError("a clause needs at least one control")
        return v


class Spokesperson(_Strict):
    name: str
    role: str
    channels: tuple[ChannelName, ...] = CHANNELS  # type: ignore[assignment]
    handles: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()


class ConfidentialMatter(_Strict):
    id: str
    title: str
    keywords: tuple[str, ...]
    kind: Literal["tender", "part-ii", "personnel", "legal", "property", "other"] = "other"
    until: dt.date | None = None

    def active(self, today: dt.date) -> bool:
        return self.until is None or today <= self.until


class Consent(_Strict):
    person: str
    details: tuple[str, ...]
    values: tuple[str, ...] = ()
    channels: tuple[ChannelName, ...] = CHANNELS  # type: ignore[assignment]
    until: dt.date | None = None

    @field_validator("details")
    @classmethod
    def _known_entities(cls, v: tuple[str, ...]) -> tuple[str, ...]:
        bad = [e for e in v if e not in ENTITIES]
        if bad:
            raise ValueError(f"unknown personal-data entities {bad}")
        return v


class PublicContact(_Strict):
    """The council's own published contact details: never personal data."""

    entity: Literal["PHONE_NUMBER", "EMAIL_ADDRESS", "STREET_ADDRESS", "POSTCODE"]
    value: str
    label: str | None = None


class Register(_Strict):
    """The council-specific facts that change more often than the policy itself."""

    spokespersons: tuple[Spokesperson, ...] = ()
    confidential_matters: tuple[ConfidentialMatter, ...] = ()
    consents: tuple[Consent, ...] = ()
    public_contacts: tuple[PublicContact, ...] = ()


class Council(_Strict):
    name: str
    aliases: tuple[str, ...] = ()
    email_domains: tuple[str, ...] = ()
    website: str | None = None
    social_handles: tuple[str, ...] = ()
    logo_names: tuple[str, ...] = ()


class Source(_Strict):
    title: str
    document: str
    adopted: str | None = None


class Thresholds(_Strict):
    """Minimum scores for a finding to count; a council can be stricter or laxer."""

    default: float = 0.5
    abuse: dict[str, float] = Field(default_factory=dict)
    categories: dict[str, float] = Field(default_factory=dict)

    def for_finding(self, category: str, subtype: str | None) -> float:
        if subtype is not None and category == "abuse" and subtype in self.abuse:
            return self.abuse[subtype]
        return self.categories.get(category, self.default)


class Pack(_Strict):
    pack: str
    version: int = 1
    source: Source
    council: Council
    # YAML key `register`; the attribute name avoids pydantic's own `register`.
    council_register: Register = Field(default_factory=Register, alias="register")
    thresholds: Thresholds = Field(default_factory=Thresholds)
    clauses: tuple[Clause, ...]
    # Web filter rules; each cites a clause of this pack (see aupguard.policy.webrules).
    web: WebPolicy = Field(default_factory=WebPolicy)
    # What the mail gateway does with programs, unreadable mail, bulk mail (mailrules).
    mail: MailPolicy = Field(default_factory=MailPolicy)

    @model_validator(mode="after")
    def _unique_ids(self) -> Pack:
        seen: set[str] = set()
        for c in self.clauses:
            if c.id in seen:
                raise ValueError(f"duplicate clause id {c.id!r}")
            if not c.id.startswith(self.pack + "."):
                raise ValueError(f"clause id {c.id!r} must start with the pack name {self.pack!r}.")
            seen.add(c.id)
        for i, rule in enumerate(self.web.rules):
            if rule.clause not in seen:
                raise ValueError(
                    f"web rule {rule_label(rule, i)} cites unknown clause {rule.clause!r}"
                )
        if self.web.default.clause is not None and self.web.default.clause not in seen:
            raise ValueError(f"web default cites unknown clause {self.web.default.clause!r}")
        for name, extra in (("downloads", self.web.downloads), ("cookies", self.web.cookies)):
            if extra is not None and extra.clause not in seen:
                raise ValueError(f"web.{name} cites unknown clause {extra.clause!r}")
        for name, mail_rule in self.mail.rules().items():
            cited = (mail_rule.clause, *getattr(mail_rule, "related", ()))
            unknown = [c for c in cited if c not in seen]
            if unknown:
                raise ValueError(f"mail.{name} cites unknown clauses {unknown}")
        return self

    def clause(self, clause_id: str) -> Clause:
        for c in self.clauses:
            if c.id == clause_id:
                return c
        raise KeyError(clause_id)
