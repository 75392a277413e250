"""What the gateway does with what the text checks cannot judge (programs, installers,
viruses, encrypted and unreadable mail), and which clause it cites, from the pack.

The pack's `mail:` section decides. A council's older pack without one falls back,
for programs and installers, to a lookup by what the clauses control
(`attachment_clauses`): the malware clause is one with a `web_category: malware`
control, preferring one whose summary speaks of viruses or harmful programs; the
software clause one with a `workflow: software-approval` control, preferring one whose
summary speaks of installing. Programs cite the malware clause first, installers the
software clause first; each cites the other as related. When even that finds no
clause, the attachment is held rather than refused (a refusal must quote a clause)
and the reason says so; encrypted and unreadable mail without a rule is held, citing
nothing. A virus is always refused, citing the programs clause (held when there is
none): a council that reviews programs by hand has nothing to review in a virus.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from aupguard.policy.schema import Clause, Pack

MailAction = Literal["deliver", "hold", "refuse"]
_MALWARE_WORDS = ("virus", "malware", "harmful program")
_INSTALL_WORDS = ("install",)


@dataclass(frozen=True, slots=True)
class GatewayRule:
    """What the gateway does for one kind of finding, and the clause it cites (None
    only for a pack without a `mail:` section and no clause found by lookup)."""

    action: MailAction
    clause: str | None
    related: tuple[str, ...] = ()


def _pick(pack: Pack, wanted: tuple[str, str], words: tuple[str, ...]) -> Clause | None:
    field_name, value = wanted
    found = [c for c in pack.clauses
             if any(getattr(ctl, field_name) == value for ctl in c.controls)]
    worded = [c for c in found if any(w in c.summary.lower() for w in words)]
    chosen = worded or found
    return chosen[0] if chosen else None


def attachment_clauses(pack: Pack) -> dict[str, tuple[str | None, tuple[str, ...]]]:
    """reason -> (clause, related clauses) for programs and installers, looked up by
    the clauses' controls (the fallback for packs without a `mail:` section)."""
    malware = _pick(pack, ("web_category", "malware"), _MALWARE_WORDS)
    software = _pick(pack, ("workflow", "software-approval"), _INSTALL_WORDS)
    out: dict[str, tuple[str | None, tuple[str, ...]]] = {}
    for reason, order in (("executable", (malware, software)),
                          ("installer", (software, malware))):
        ids = [c.id for c in order if c is not None]
        out[reason] = (ids[0], tuple(ids[1:])) if ids else (None, ())
    out["risky-name"] = out["executable"]
    return out


def rules_for(pack: Pack) -> dict[str, GatewayRule]:
    """What the gateway does, by finding: "executable", "installer", "risky-name",
    "virus", "encrypted", "unreadable"."""
    mail = pack.mail
    lookup = attachment_clauses(pack)
    out: dict[str, GatewayRule] = {}
    for reason, rule in (("executable", mail.programs), ("installer", mail.installers)):
        if rule is not None:
            out[reason] = GatewayRule(rule.action, rule.clause, rule.related)
        else:
            clause, related = lookup[reason]
            out[reason] = GatewayRule("refuse" if clause else "hold", clause, related)
    out["risky-name"] = out["executable"]
    program = out["executable"]
    out["virus"] = GatewayRule("refuse" if program.clause else "hold", program.clause,
                               program.related)
    for reason, rule in (("encrypted", mail.encrypted), ("unreadable", mail.unreadable)):
        out[reason] = (GatewayRule(rule.action, rule.clause, rule.related) if rule
                       else GatewayRule("hold", None))
    return out
