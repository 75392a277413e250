"""The `mail:` section of a pack: what the mail gateway does with what the text checks
cannot judge on their own: programs and installers, attachments it cannot open, mail it
could not check, and bulk mail.

Why in the pack: the action and the clause are the council's to choose (Belper cites
its "congestion and disruption of network systems" item for programs; Leigh its
"malicious software" item), and every gateway verdict must quote one. What the text
says (personal data, abuse, chain letters) is still decided by the clauses' own
detectors and actions; this section only covers what has no detector.

"Could not be checked" can never be `deliver`: mail the gateway cannot read is held or
refused, never passed on unchecked (the schema allows nothing else).
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

__all__ = ["BulkMailRule", "MailPolicy", "MailRule"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class MailRule(_Strict):
    """An action for one kind of attachment or problem, citing a clause; `related`
    clauses are named too (e.g. an installer is both software and possibly malware)."""

    action: Literal["refuse", "hold"]
    clause: str
    related: tuple[str, ...] = ()


class BulkMailRule(_Strict):
    """Mass mail: too many external recipients in one message, or too many external
    messages from one sender in an hour, is held for the Clerk."""

    max_external_recipients: int = Field(25, ge=1)
    max_external_per_sender_per_hour: int = Field(100, ge=1)
    action: Literal["refuse", "hold"] = "hold"
    clause: str


class MailPolicy(_Strict):
    programs: MailRule | None = None
    installers: MailRule | None = None
    encrypted: MailRule | None = None
    unreadable: MailRule | None = None
    bulk: BulkMailRule | None = None

    def rules(self) -> dict[str, MailRule | BulkMailRule]:
        """The rules that are set, by name (for clause checks and coverage)."""
        named = {
            "programs": self.programs,
            "installers": self.installers,
            "encrypted": self.encrypted,
            "unreadable": self.unreadable,
            "bulk": self.bulk,
        }
        return {k: v for k, v in named.items() if v is not None}
