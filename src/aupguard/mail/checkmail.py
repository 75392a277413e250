"""One message in, one decision out: deliver, hold or refuse, and why.

`check_mail` speaks no SMTP and writes no files (but for the bulk counter, when given
one): the gateway, the stored-mail audit and tests all call it. Each text part (subject,
body parts, text inside attachments) is checked on its own with the core checker, so
findings carry the part id and offsets within that part's text. Attachments go with the
main body part, where a credit or licence stated in the text can cover them.

The decision, most severe first:
- refuse: a clause with action `block` fired, a virus was found, or a rule of the
  pack's `mail:` section with action `refuse` applies (programs and installers, by
  content or by a name the recipient's system would run; unreadable mail where the
  council chose refuse);
- hold: any problem (the message "could not be checked", `mail.unreadable`), an
  encrypted archive or document (`mail.encrypted`), too much bulk mail (`mail.bulk`),
  or a clause with action `hold` fired;
- deliver: everything else (warn/advise/record findings travel with it).

The gateway rules and their clauses come from the pack's `mail:` section (`rules_for`
in `rules.py`, with the fallbacks for a council's older pack without one: a clause
found by lookup, else hold with the reason: every refusal must quote a clause).
Without a `mail.bulk` rule there are no bulk limits (the numbers are the council's).

Viruses (`scanner=`, see `clamav`) are refused citing the `mail.programs` clause with
the signature name; a scanner that cannot answer makes the message "could not be
checked: virus scanner unavailable". Bulk limits (`bulk.py`) apply to the envelope:
the per-message recipient limit always, the hourly per-sender limit when a
`BulkCounter` is passed (`bulk=`), which records the message (a side effect, the only
one here).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from typing import BinaryIO

from aupguard.engine import Checker, audience_for
from aupguard.mail import filetype
from aupguard.mail.bulk import BulkCounter, bulk_breaches
from aupguard.mail.clamav import VIRUS_SCAN, VirusScanner, scan_message
from aupguard.mail.limits import Limits
from aupguard.mail.mime import ParsedMail, parse_mail
from aupguard.mail.parts import CHECK_FAILED, Problem
from aupguard.mail.rules import GatewayRule, MailAction, attachment_clauses, rules_for
from aupguard.model import Account, Action, Attachment, Audience, Author, Device, Finding, Message
from aupguard.policy.schema import Pack

__all__ = [
    "AttachmentFinding", "GatewayRule", "MailAction", "MailFinding", "MailVerdict",
    "PartVerdict", "RuleFinding", "attachment_clauses", "attachments_for_message",
    "check_mail", "checkable_texts", "rules_for",
]

_SEVERITY: dict[str, int] = {"deliver": 0, "hold": 1, "refuse": 2}
BULK_COUNT = "bulk-count"  # problem code: the bulk-mail counter failed (held)


@dataclass(frozen=True, slots=True)
class MailFinding:
    """A checker finding in one part; `start`/`end` index that part's text."""

    part: str
    clause: str | None
    category: str
    start: int
    end: int
    action: str
    subtype: str | None = None
    entity: str | None = None
    excerpt: str = ""
    explanation: str = ""
    related: tuple[str, ...] = ()

    def to_json(self) -> dict[str, object]:
        return {"part": self.part, "clause": self.clause, "category": self.category,
                "subtype": self.subtype, "entity": self.entity, "start": self.start,
                "end": self.end, "action": self.action, "excerpt": self.excerpt,
                "explanation": self.explanation, "related": list(self.related)}


@dataclass(frozen=True, slots=True)
class PartVerdict:
    part: str
    action: Action
    findings: tuple[MailFinding, ...]


@dataclass(frozen=True, slots=True)
class AttachmentFinding:
    """An attachment the policy acts on whatever the text says. `reason` is one of
    "executable", "installer", "risky-name", "encrypted", "virus" (with the scanner's
    `signature`; `part` is "message" when no single attachment carries the virus)."""

    part: str
    filename: str
    reason: str
    detail: str
    action: MailAction
    clause: str | None = None
    related: tuple[str, ...] = ()
    signature: str | None = None

    def to_json(self) -> dict[str, object]:
        out: dict[str, object] = {
            "part": self.part, "filename": self.filename, "reason": self.reason,
            "detail": self.detail, "action": self.action, "clause": self.clause,
            "related": list(self.related)}
        if self.signature is not None:
            out["signature"] = self.signature
        return out


@dataclass(frozen=True, slots=True)
class RuleFinding:
    """A `mail:` rule that applies to the message as a whole: `rule` is
    "bulk-recipients" or "bulk-hourly"."""

    rule: str
    detail: str
    action: MailAction
    clause: str | None = None
    related: tuple[str, ...] = ()

    def to_json(self) -> dict[str, object]:
        return {"rule": self.rule, "detail": self.detail, "action": self.action,
                "clause": self.clause, "related": list(self.related)}


@dataclass(frozen=True, slots=True)
class MailVerdict:
    action: MailAction
    reason: str
    clauses: tuple[str, ...]
    parts: tuple[PartVerdict, ...]
    attachments: tuple[AttachmentFinding, ...]
    problems: tuple[Problem, ...]
    parsed: ParsedMail
    rules: tuple[RuleFinding, ...] = ()

    @property
    def message_id(self) -> str | None:
        return self.parsed.headers.message_id

    @property
    def findings(self) -> tuple[MailFinding, ...]:
        return tuple(f for p in self.parts for f in p.findings)

    def to_json(self) -> dict[str, object]:
        return {
            "message_id": self.message_id,
            "action": self.action,
            "reason": self.reason,
            "clauses": list(self.clauses),
            "findings": [f.to_json() for f in self.findings],
            "attachments": [a.to_json() for a in self.attachments],
            "problems": [p.to_json() for p in self.problems],
            "rules": [r.to_json() for r in self.rules],
        }


def checkable_texts(parsed: ParsedMail) -> list[tuple[str, str]]:
    """(part id, text) for the subject, every body text part and every attachment or
    archive member with text, in message order."""
    out = [(t.part, t.text) for t in parsed.texts]
    out += [(e.id, e.text) for e in parsed.all_attachments() if e.text]
    return out


def attachments_for_message(parsed: ParsedMail) -> tuple[Attachment, ...]:
    """Every attachment and archive member that is a file rather than a folder of
    files, as the core describes attachments: named by its path, typed by content."""
    out: list[Attachment] = []
    for e in parsed.all_attachments():
        if e.members:
            continue
        known = e.detected.kind != filetype.UNKNOWN
        media = e.detected.media_type if known else (e.declared_type or e.detected.media_type)
        out.append(Attachment(filename=e.path, media_type=media, size=e.size))
    return tuple(out)


def _attachment_findings(parsed: ParsedMail, rules: dict[str, GatewayRule]
                         ) -> list[AttachmentFinding]:
    out: list[AttachmentFinding] = []
    for e in parsed.all_attachments():
        kind = e.detected.kind
        reason, detail = "", ""
        if kind in (filetype.EXECUTABLE, filetype.INSTALLER):
            reason = "executable" if kind == filetype.EXECUTABLE else "installer"
            what = "a program" if kind == filetype.EXECUTABLE else "an installer"
            detail = f"{e.path} is {what} ({e.detected.name}), found from its content"
        elif e.risky_name:
            reason = "risky-name"
            detail = f"{e.path} has a name that makes a computer run or install it"
        if reason:
            out.append(_attachment(e.id, e.path, reason, detail, rules[reason]))
        if e.encrypted and not any(m.encrypted for m in e.members):  # the locked file itself
            out.append(_attachment(e.id, e.path, "encrypted", f"{e.path} is encrypted, so its "
                                   "contents cannot be checked", rules["encrypted"]))
    return out


def _attachment(part: str, filename: str, reason: str, detail: str, rule: GatewayRule,
                signature: str | None = None) -> AttachmentFinding:
    return AttachmentFinding(part, filename, reason, detail, rule.action, rule.clause,
                             rule.related, signature)


def _mail_action(action: Action) -> MailAction:
    if action >= Action.BLOCK:
        return "refuse"
    return "hold" if action >= Action.HOLD else "deliver"


def check_mail(
    checker: Checker,
    raw: bytes | BinaryIO,
    *,
    recipients: Sequence[str] | None = None,
    author: Author | None = None,
    account: Account = "council",
    audience: Audience | None = None,
    device: Device | None = None,
    limits: Limits | None = None,
    sender: str | None = None,
    scanner: VirusScanner | None = None,
    bulk: BulkCounter | None = None,
) -> MailVerdict:
    """Check one message. `recipients` default to the To/Cc/Bcc headers and `sender`
    to the From header (the gateway passes the envelope's); `audience` defaults to what
    the recipients make it for the pack's council domains. `scanner` scans for viruses
    (none without one); `bulk` counts the sender's external mail for the hourly limit.
    Never raises for bad mail: it is held with the reason."""
    limits = limits or Limits()
    data = raw if isinstance(raw, bytes) else raw.read(limits.max_message_bytes + 1)
    parsed = parse_mail(data, limits)
    pack = checker.pack
    rules = rules_for(pack)
    rcpts = tuple(recipients) if recipients is not None else parsed.headers.recipients
    if audience is None:
        audience = audience_for(rcpts, pack.council)
    base = Message(text="", channel="email", account=account, author=author or Author(),
                   audience=audience, recipients=rcpts, subject=parsed.headers.subject,
                   device=device)
    texts = checkable_texts(parsed)
    attachments = attachments_for_message(parsed)
    main = next((p for p, _ in texts if p != "subject" and ":" not in p), None)
    if main is None and attachments:
        main = "attachments"
        texts.append((main, ""))
    parts: list[PartVerdict] = []
    for part, text in texts:
        message = _with(base, text, attachments if part == main else ())
        try:
            verdict = checker.check(message)
        except Exception as exc:  # noqa: BLE001 - a crash would make the MTA retry forever
            parsed.problems.append(Problem(CHECK_FAILED, f"the checker failed: {exc!r:.200}",
                                           part))
            continue
        parts.append(PartVerdict(part, verdict.action,
                                 tuple(_finding(part, f) for f in verdict.findings)))
    extra = _attachment_findings(parsed, rules)
    if scanner is not None and len(data) <= limits.max_message_bytes:
        extra += _virus_findings(scanner, data, parsed, rules["virus"])
    found = _bulk_findings(pack, rcpts, sender if sender is not None else parsed.headers.from_,
                           bulk, parsed)
    return _decide(parsed, parts, extra, found, rules["unreadable"])


def _virus_findings(scanner: VirusScanner, data: bytes, parsed: ParsedMail,
                    rule: GatewayRule) -> list[AttachmentFinding]:
    """Viruses as attachment findings; a scanner that cannot answer is a problem.
    A message over the size limit is not scanned: it is held as too large anyway."""
    try:
        hits, error = scan_message(scanner, data)
    except Exception as exc:  # noqa: BLE001 - a scanner bug must hold, not crash or pass
        hits, error = [], f"the scanner failed: {exc!r:.200}"
    if error is not None:
        parsed.problems.append(Problem(VIRUS_SCAN, f"virus scanner unavailable: {error}"))
    out: list[AttachmentFinding] = []
    for hit in hits:
        where = hit.filename or "the message"
        out.append(_attachment(hit.part, hit.filename, "virus",
                               f"{where} contains a virus ({hit.signature})", rule,
                               hit.signature))
    return out


def _bulk_findings(pack: Pack, recipients: Sequence[str], sender: str | None,
                   counter: BulkCounter | None, parsed: ParsedMail) -> list[RuleFinding]:
    rule = pack.mail.bulk
    if rule is None:
        return []
    try:
        breaches = bulk_breaches(rule, pack.council.email_domains, recipients, sender,
                                 counter)
    except (sqlite3.Error, OSError) as exc:
        parsed.problems.append(Problem(BULK_COUNT, f"the bulk-mail counter failed: "
                                       f"{exc!s:.200}"))
        return []
    return [RuleFinding(name, detail, rule.action, rule.clause) for name, detail in breaches]


def _with(base: Message, text: str, attachments: tuple[Attachment, ...]) -> Message:
    return Message(text=text, channel=base.channel, account=base.account,
                   author=base.author, audience=base.audience, recipients=base.recipients,
                   subject=base.subject, attachments=attachments, device=base.device)


def _finding(part: str, f: Finding) -> MailFinding:
    return MailFinding(part=part, clause=f.clause, category=f.category, start=f.start,
                       end=f.end, action=f.action.label if f.action is not None else "allow",
                       subtype=f.subtype, entity=f.entity, excerpt=f.excerpt,
                       explanation=f.explanation, related=f.related)


def _decide(parsed: ParsedMail, parts: list[PartVerdict], extra: list[AttachmentFinding],
            found: list[RuleFinding], unreadable: GatewayRule) -> MailVerdict:
    action: MailAction = "deliver"
    reasons: dict[str, int] = {}
    clauses: dict[str, None] = {}

    def cite(detail: str, act: MailAction, clause: str | None,
             related: tuple[str, ...] = ()) -> None:
        nonlocal action
        action = max(action, act, key=_SEVERITY.__getitem__)
        cited = f" ({clause})" if clause else " (no clause of the pack covers this)"
        reasons.setdefault(f"{detail}{cited}", _SEVERITY[act])
        for c in (clause, *related):
            if c:
                clauses.setdefault(c, None)

    for p in parts:
        act = _mail_action(p.action)
        for f in p.findings:
            if f.clause and _mail_action(Action.parse(f.action)) == act and act != "deliver":
                reasons.setdefault(f"{f.clause} ({f.category}, part {p.part})", _SEVERITY[act])
            if f.clause:
                clauses.setdefault(f.clause, None)
        action = max(action, act, key=_SEVERITY.__getitem__)
    for a in extra:
        cite(a.detail, a.action, a.clause, a.related)
    for r in found:
        cite(r.detail, r.action, r.clause, r.related)
    if parsed.problems:
        first = parsed.problems[0]
        more = f" (and {len(parsed.problems) - 1} more)" if len(parsed.problems) > 1 else ""
        cite(f"could not be checked: {first.detail}{more}", unreadable.action,
             unreadable.clause, unreadable.related)
    worst = [r for r, sev in reasons.items() if sev == _SEVERITY[action]]
    reason = "; ".join(worst) if action != "deliver" else "no finding stops delivery"
    return MailVerdict(action, reason, tuple(clauses), tuple(parts), tuple(extra),
                       tuple(parsed.problems), parsed, tuple(found))
