"""Message + pack -> verdict.

The engine decides which of the council's clauses apply to this author, account,
device and channel, runs only the detectors those clauses name, keeps the findings that
reach the pack's thresholds, and cites for each the most severe clause that covers it.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from aupguard import detectors
from aupguard.detectors.base import Context
from aupguard.model import Action, Audience, Finding, Message, Verdict
from aupguard.policy.schema import Clause, Control, Council, Pack
from aupguard.text import normalise

_EXCERPT_MAX = 80

# Policy documents say "members"; the footnote in Leigh's says co-opted members are members.
_ROLE_GROUPS: dict[str, frozenset[str]] = {
    "staff": frozenset({"staff"}),
    "clerk": frozenset({"staff"}),
    "councillor": frozenset({"members"}),
    "co-opted": frozenset({"members", "co-opted-members"}),
}


def where_of(message: Message) -> frozenset[str]:
    """The pack's `where` values a message falls under."""
    where = {"council-systems"} if message.account == "council" else {"personal-accounts"}
    if message.device == "council-tablet":
        where |= {"council-tablets", "council-systems"}
    elif message.device == "council-system":
        where.add("council-systems")
    return frozenset(where)


def on_council_domains(address: str, domains: Iterable[str]) -> bool:
    """True when the address's domain is one of `domains` or a subdomain of one (case,
    angle brackets and a trailing dot ignored); never for an address with no '@'."""
    if "@" not in address:
        return False
    host = address.rsplit("@", 1)[-1].strip().strip("<>").lower().rstrip(".")
    return any(
        host == d or host.endswith("." + d)
        for d in (d.lower().lstrip("@").rstrip(".") for d in domains)
        if d
    )


def audience_for(recipients: tuple[str, ...], council: Council) -> Audience:
    """`internal` when every recipient is on one of the council's own mail domains (or a
    subdomain of one), else `external`. Front-ends use this to fill Message.audience."""
    domains = council.email_domains
    if not recipients or not domains:
        return "external"
    if all(on_council_domains(a, domains) for a in recipients):
        return "internal"
    return "external"


def clause_applies(clause: Clause, message: Message) -> bool:
    groups = _ROLE_GROUPS.get(message.author.role, frozenset({"staff"}))
    return (
        bool(groups.intersection(clause.applies_to))
        and bool(where_of(message).intersection(clause.where))
        and message.channel in clause.channels
        and message.audience in clause.audiences
    )


def _control_covers(control: Control, finding: Finding) -> bool:
    if control.detector != finding.category:
        return False
    if control.entities and finding.entity not in control.entities:
        return False
    return not (control.subtypes and finding.subtype not in control.subtypes)


Citation = tuple[str, tuple[str, ...], Action] | None  # primary clause, related, action


@dataclass(slots=True)
class _Plan:
    """What to run for one kind of message: the detectors, and the clauses in order of
    precedence (most severe first, then document order) that can cite a finding.
    `citations` memoises, per (category, entity, subtype), which clauses cite it."""

    categories: tuple[str, ...]
    clauses: tuple[tuple[Clause, Action], ...]
    citations: dict[tuple[str, str | None, str | None], Citation]

    def cite(self, finding: Finding) -> Citation:
        key = (finding.category, finding.entity, finding.subtype)
        try:
            return self.citations[key]
        except KeyError:
            pass
        covering = [
            (clause, action)
            for clause, action in self.clauses
            if any(_control_covers(ctl, finding) for ctl in clause.controls)
        ]
        citation: Citation = None
        if covering:
            primary, action = covering[0]
            citation = (primary.id, tuple(c.id for c, _ in covering[1:]), action)
        self.citations[key] = citation  # idempotent: a race only computes it twice
        return citation


class Checker:
    """Checks messages against one pack. Load once, reuse; safe to share across threads."""

    def __init__(self, pack: Pack | str | Path, today: dt.date | None = None) -> None:
        if not isinstance(pack, Pack):
            from aupguard.policy.loader import load_pack

            pack = load_pack(pack)
        self.pack: Pack = pack
        self._today = today
        self._plans: dict[tuple[str, str, str | None, str, str], _Plan] = {}
        self._lock = threading.Lock()

    def _plan(self, message: Message) -> _Plan:
        key = (
            message.author.role,
            message.account,
            message.device,
            message.channel,
            message.audience,
        )
        plan = self._plans.get(key)
        if plan is not None:
            return plan
        applicable = [c for c in self.pack.clauses if clause_applies(c, message)]
        categories: dict[str, None] = {}
        for clause in applicable:
            for control in clause.controls:
                if control.detector:
                    categories.setdefault(control.detector, None)
        ranked = sorted(
            ((c, Action.parse(c.action)) for c in applicable),
            key=lambda pair: -pair[1],
        )
        for category in categories:
            detectors.get(category)  # import now, so its trigger words are registered
        plan = _Plan(tuple(categories), tuple(ranked), {})
        with self._lock:
            self._plans[key] = plan
        return plan

    def check(self, message: Message) -> Verdict:
        plan = self._plan(message)
        ctx = Context(
            message=message,
            text=normalise(message.text, html=message.html),
            council=self.pack.council,
            register=self.pack.council_register,
            thresholds=self.pack.thresholds,
            today=self._today or dt.date.today(),
        )
        findings: list[Finding] = []
        for category in plan.categories:
            for finding in detectors.get(category).detect(ctx):
                cited = self._cite(finding, plan, message.text)
                if cited is not None:
                    findings.append(cited)
        findings.sort(key=lambda f: (f.start, f.end, f.category))
        if len(findings) > 1:
            findings = _merge_overlaps(findings)
        action = max((f.action for f in findings if f.action is not None), default=Action.ALLOW)
        return Verdict(action, tuple(findings), self.pack.pack, message.text)

    def _cite(self, finding: Finding, plan: _Plan, text: str) -> Finding | None:
        if finding.score < self.pack.thresholds.for_finding(finding.category, finding.subtype):
            return None
        citation = plan.cite(finding)
        if citation is None:
            return None
        clause_id, related, action = citation
        # Built directly rather than with dataclasses.replace: this runs for every finding.
        return Finding(
            category=finding.category,
            start=finding.start,
            end=finding.end,
            score=finding.score,
            subtype=finding.subtype,
            entity=finding.entity,
            explanation=finding.explanation or self.pack.clause(clause_id).summary,
            remedy=finding.remedy,
            clause=clause_id,
            related=related,
            action=action,
            excerpt=excerpt(text, finding),
        )


def _merge_overlaps(findings: list[Finding]) -> list[Finding]:
    """One finding per stretch of text and kind: where two findings of the same category,
    subtype and entity overlap, keep the stronger (then the longer). Input is sorted by
    start."""
    kept: list[Finding] = []
    last: dict[tuple[str, str | None, str | None], int] = {}
    for f in findings:
        key = (f.category, f.subtype, f.entity)
        i = last.get(key)
        if i is not None and f.start < kept[i].end and f.end > f.start:
            other = kept[i]
            if (f.score, f.end - f.start) > (other.score, other.end - other.start):
                kept[i] = f
            continue
        last[key] = len(kept)
        kept.append(f)
    return kept


def excerpt(text: str, finding: Finding) -> str:
    """The finding's words from the original text, shortened for a report line."""
    piece = text[finding.start : finding.end]
    if len(piece) > _EXCERPT_MAX:
        piece = piece[: _EXCERPT_MAX - 1] + "…"
    return piece


def apply_remedies(verdict: Verdict) -> str:
    """The message text with every automatic remedy applied: typed redactions in place,
    then prefixes and disclaimers. Remedies that need a person are left to the report."""
    text = verdict.text
    redactions = sorted(
        (f for f in verdict.findings if f.remedy and f.remedy.kind == "redact" and f.end > f.start),
        key=lambda f: (f.start, -f.end),
    )
    merged: list[tuple[int, int, str]] = []
    for f in redactions:
        assert f.remedy is not None
        if merged and f.start < merged[-1][1]:
            start, end, label = merged[-1]
            merged[-1] = (start, max(end, f.end), label)
            continue
        merged.append((f.start, f.end, f.remedy.text))
    for start, end, label in reversed(merged):
        text = text[:start] + label + text[end:]
    prefixes: dict[str, None] = {}
    suffixes: dict[str, None] = {}
    for f in verdict.findings:
        if f.remedy and f.remedy.kind == "prepend":
            prefixes.setdefault(f.remedy.text, None)
        elif f.remedy and f.remedy.kind == "append":
            suffixes.setdefault(f.remedy.text, None)
    for prefix in prefixes:
        if not text.startswith(prefix):
            text = prefix + text
    for suffix in suffixes:
        if suffix not in text:
            text = text.rstrip("\n") + "\n\n" + suffix + "\n"
    return text
