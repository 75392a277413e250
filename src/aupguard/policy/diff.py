"""Compare two councils' packs: what one policy covers that the other does not.

Coverage is compared unit by unit: a detector category (split into its entities or
abuse subtypes, so "phone numbers only" differs from "all personal data"), a web
category, or a workflow. Where both cover a unit, differences in the strongest action
or in who, where and which channels it applies to are listed too.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import groupby

from aupguard.model import ABUSE_SUBTYPES, ENTITIES, Action
from aupguard.policy.schema import Clause, Control, Pack

__all__ = ["DiffEntry", "PackDiff", "diff", "to_json", "to_text"]

Unit = tuple[str, str, str | None]  # (kind, name, entity or subtype)


def _units(control: Control) -> list[Unit]:
    if control.detector == "personal_data":
        return [("detector", "personal_data", e) for e in control.entities or ENTITIES]
    if control.detector == "abuse":
        return [("detector", "abuse", s) for s in control.subtypes or ABUSE_SUBTYPES]
    return [(control.kind, control.name, None)]


@dataclass(frozen=True, slots=True)
class Side:
    """How one pack covers a unit: its clauses and what they add up to."""

    clauses: tuple[str, ...]
    action: str
    applies_to: tuple[str, ...]
    where: tuple[str, ...]
    channels: tuple[str, ...]
    audiences: tuple[str, ...] = ("internal", "external", "public")

    def to_json(self) -> dict[str, object]:
        return {
            "clauses": list(self.clauses),
            "action": self.action,
            "applies_to": list(self.applies_to),
            "where": list(self.where),
            "channels": list(self.channels),
            "audiences": list(self.audiences),
        }


@dataclass(frozen=True, slots=True)
class DiffEntry:
    kind: str
    name: str
    detail: str | None
    a: Side | None
    b: Side | None

    @property
    def differences(self) -> tuple[str, ...]:
        """What differs when both packs cover the unit."""
        if self.a is None or self.b is None:
            return ()
        out = []
        for attr in ("action", "applies_to", "where", "channels", "audiences"):
            if getattr(self.a, attr) != getattr(self.b, attr):
                out.append(attr)
        return tuple(out)


@dataclass(frozen=True, slots=True)
class PackDiff:
    a: str
    b: str
    entries: tuple[DiffEntry, ...]

    @property
    def only_a(self) -> tuple[DiffEntry, ...]:
        return tuple(e for e in self.entries if e.b is None)

    @property
    def only_b(self) -> tuple[DiffEntry, ...]:
        return tuple(e for e in self.entries if e.a is None)

    @property
    def different(self) -> tuple[DiffEntry, ...]:
        return tuple(e for e in self.entries if e.differences)

    @property
    def same(self) -> tuple[DiffEntry, ...]:
        return tuple(e for e in self.entries if e.a and e.b and not e.differences)


def _ordered(values: set[str], order: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(v for v in order if v in values)


def _side(clauses: list[Clause]) -> Side | None:
    if not clauses:
        return None
    strongest = max(Action.parse(c.action) for c in clauses)
    applies: set[str] = {g for c in clauses for g in c.applies_to}
    where: set[str] = {w for c in clauses for w in c.where}
    if "council-systems" in where:
        where.add("council-tablets")  # a tablet is a council system (see engine.where_of)
    channels: set[str] = {ch for c in clauses for ch in c.channels}
    audiences: set[str] = {a for c in clauses for a in c.audiences}
    return Side(
        clauses=tuple(c.id for c in clauses),
        action=strongest.label,
        applies_to=_ordered(applies, ("staff", "members", "co-opted-members")),
        where=_ordered(where, ("council-systems", "council-tablets", "personal-accounts")),
        channels=_ordered(channels, ("email", "web", "social", "blog", "chat")),
        audiences=_ordered(audiences, ("internal", "external", "public")),
    )


def _index(pack: Pack) -> dict[Unit, list[Clause]]:
    index: dict[Unit, list[Clause]] = {}
    for clause in pack.clauses:
        for control in clause.controls:
            for unit in _units(control):
                bucket = index.setdefault(unit, [])
                if clause not in bucket:
                    bucket.append(clause)
    return index


_KIND_ORDER = {"detector": 0, "web_category": 1, "workflow": 2}


def diff(a: Pack, b: Pack) -> PackDiff:
    ia, ib = _index(a), _index(b)
    units = sorted(set(ia) | set(ib), key=lambda u: (_KIND_ORDER[u[0]], u[1], u[2] or ""))
    entries = tuple(
        DiffEntry(
            kind,
            name,
            detail,
            _side(ia.get((kind, name, detail), [])),
            _side(ib.get((kind, name, detail), [])),
        )
        for kind, name, detail in units
    )
    return PackDiff(a.pack, b.pack, entries)


# --- output -------------------------------------------------------------------------


def _group_key(e: DiffEntry) -> tuple[object, ...]:
    return (e.kind, e.name, e.a, e.b)


def _groups(entries: tuple[DiffEntry, ...]) -> list[tuple[str, list[DiffEntry]]]:
    """Runs of units of one control with identical coverage, e.g. all the personal data
    entities that both packs treat alike, shown as one line."""
    out = []
    for _, run in groupby(entries, key=_group_key):
        items = list(run)
        first = items[0]
        details = [e.detail for e in items if e.detail]
        label = f"{first.kind.replace('_', ' ')} {first.name}"
        if details:
            label += f" [{', '.join(details)}]"
        out.append((label, items))
    return out


def _clauses(side: Side | None) -> str:
    return ", ".join(side.clauses) if side else "-"


def to_text(d: PackDiff) -> str:
    lines: list[str] = []
    for title, entries, side in (
        (f"Covered by {d.a} only", d.only_a, "a"),
        (f"Covered by {d.b} only", d.only_b, "b"),
    ):
        lines.append(f"{title}:")
        groups = _groups(entries)
        for label, items in groups:
            s = items[0].a if side == "a" else items[0].b
            assert s is not None
            lines.append(f"  {label}  ({s.action}): {_clauses(s)}")
        if not groups:
            lines.append("  (nothing)")
        lines.append("")
    lines.append(f"Covered by both, but differently ({d.a} | {d.b}):")
    groups = _groups(d.different)
    for label, items in groups:
        e = items[0]
        assert e.a is not None and e.b is not None
        lines.append(f"  {label}")
        for attr in e.differences:
            va, vb = getattr(e.a, attr), getattr(e.b, attr)
            if isinstance(va, tuple):
                va, vb = ", ".join(va), ", ".join(vb)
            lines.append(f"    {attr}: {va} | {vb}")
        lines.append(f"    clauses: {_clauses(e.a)} | {_clauses(e.b)}")
    if not groups:
        lines.append("  (nothing)")
    lines.append("")
    lines.append(
        f"{len(d.entries)} controls compared: {len(d.only_a)} only in {d.a}, "
        f"{len(d.only_b)} only in {d.b}, {len(d.different)} differ, {len(d.same)} the same"
    )
    return "\n".join(lines) + "\n"


def to_json(d: PackDiff) -> dict[str, object]:
    def entry(e: DiffEntry) -> dict[str, object]:
        return {
            "kind": e.kind,
            "name": e.name,
            "detail": e.detail,
            "a": e.a.to_json() if e.a else None,
            "b": e.b.to_json() if e.b else None,
            "differences": list(e.differences),
        }

    return {
        "a": d.a,
        "b": d.b,
        "only_a": [entry(e) for e in d.only_a],
        "only_b": [entry(e) for e in d.only_b],
        "different": [entry(e) for e in d.different],
        "same": [entry(e) for e in d.same],
    }
