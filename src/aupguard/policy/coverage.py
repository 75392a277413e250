"""What a pack's clauses are enforced by, and whether that enforcement is proven.

For each clause and control: is there code behind it (a detector module, or a web rule
in the pack citing the clause for that category; record-keeping workflows come later),
and do the detector's own worked examples pass when run through the engine as a
message the clause applies to?
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from typing import Any, Literal

from aupguard.detectors.base import Detector, Example
from aupguard.model import Author, Message, Verdict
from aupguard.policy.schema import Clause, Control, Pack

__all__ = ["ClauseCoverage", "ControlCoverage", "coverage", "to_json", "totals"]

Tested = Literal["pass", "FAIL", "no examples"]

_NOT_YET = {
    "web_category": "no web rule in the pack covers it",
    "workflow": "records (planned)",
}

# The author role and message shape that put a message under each pack term.
_ROLE_FOR = {"staff": "staff", "members": "councillor", "co-opted-members": "co-opted"}
_PLACE_FOR: dict[str, dict[str, Any]] = {
    "council-systems": {"account": "council", "device": "council-system"},
    "council-tablets": {"account": "council", "device": "council-tablet"},
    "personal-accounts": {"account": "personal", "device": "personal-device"},
}


@dataclass(frozen=True, slots=True)
class ControlCoverage:
    kind: str
    name: str
    implemented: bool
    tested: Tested
    note: str = ""
    entities: tuple[str, ...] = ()
    subtypes: tuple[str, ...] = ()
    examples_run: int = 0
    failures: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        """The control as a clerk reads it, e.g. `personal_data[PHONE_NUMBER]`."""
        extra = self.entities or self.subtypes
        return f"{self.name}[{', '.join(extra)}]" if extra else self.name


@dataclass(frozen=True, slots=True)
class ClauseCoverage:
    clause: Clause
    controls: tuple[ControlCoverage, ...] = field(default_factory=tuple)

    @property
    def id(self) -> str:
        return self.clause.id

    @property
    def implemented(self) -> bool:
        return any(c.implemented for c in self.controls)


Checker = Callable[[Message], Verdict]


def coverage(
    pack: Pack,
    *,
    get_detector: Callable[[str], Detector] | None = None,
    check: Checker | None = None,
) -> list[ClauseCoverage]:
    """Coverage of every clause in document order. `get_detector` and `check` default to
    the detector registry and the engine; tests pass their own."""
    if get_detector is None:
        from aupguard import detectors

        get_detector = detectors.get
    if check is None:
        check = _engine_check(_runnable(pack, get_detector))
    out = []
    for clause in pack.clauses:
        controls = tuple(
            _web_control(pack, clause, c)
            if c.web_category
            else _control(clause, c, get_detector, check)
            for c in clause.controls
        )
        out.append(ClauseCoverage(clause, controls))
    return out


def _web_control(pack: Pack, clause: Clause, control: Control) -> ControlCoverage:
    """A web category is implemented when a web rule cites the clause for it."""
    from aupguard.policy.webrules import rule_label

    rules = [
        rule_label(r, i)
        for i, r in enumerate(pack.web.rules)
        if r.clause == clause.id and control.web_category in r.categories
    ]
    return ControlCoverage(
        kind=control.kind,
        name=control.name,
        implemented=bool(rules),
        tested="no examples",
        note=("web rule " + ", ".join(rules)) if rules else _NOT_YET["web_category"],
    )


def _runnable(pack: Pack, get_detector: Callable[[str], Detector]) -> Pack:
    """The pack without controls whose detector is not written yet, so that one missing
    module does not stop the engine from running the examples of the others."""
    missing = set()
    for category in {c.detector for cl in pack.clauses for c in cl.controls if c.detector}:
        try:
            get_detector(category)
        except (ImportError, AttributeError, KeyError):
            missing.add(category)
    if not missing:
        return pack
    clauses = []
    for clause in pack.clauses:
        kept = tuple(c for c in clause.controls if c.detector not in missing)
        if kept:
            clauses.append(clause.model_copy(update={"controls": kept}))
    return pack.model_copy(update={"clauses": tuple(clauses)})


def _engine_check(pack: Pack) -> Checker | None:
    try:
        engine = importlib.import_module("aupguard.engine")
    except ImportError:
        return None
    checker = engine.Checker(pack)
    fn: Checker = checker.check
    return fn


def _control(
    clause: Clause,
    control: Control,
    get_detector: Callable[[str], Detector],
    check: Checker | None,
) -> ControlCoverage:
    base = ControlCoverage(
        kind=control.kind,
        name=control.name,
        implemented=False,
        tested="no examples",
        entities=control.entities,
        subtypes=control.subtypes,
    )
    if control.detector is None:
        return replace(base, note=_NOT_YET[control.kind])
    try:
        detector = get_detector(control.detector)
    except (ImportError, AttributeError, KeyError):
        return replace(base, note="detector not written yet")
    base = replace(base, implemented=True)
    if check is None:
        return replace(base, note="engine not available")
    ran = 0
    failures: list[str] = []
    for example in detector.examples:
        message = fit_message(clause, control, example)
        if message is None:
            continue
        ran += 1
        try:
            verdict = check(message)
        except Exception as exc:  # a crashing detector is a failed test, not a crash here
            failures.append(f"{_short(example.text)!r}: engine raised {type(exc).__name__}")
            continue
        problem = _judge(clause, control, example, verdict)
        if problem:
            failures.append(f"{_short(example.text)!r}: {problem}")
    if ran == 0:
        return replace(base, note="no example fits this clause")
    return replace(
        base,
        tested="FAIL" if failures else "pass",
        examples_run=ran,
        failures=tuple(failures),
    )


def _short(text: str, width: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _judge(clause: Clause, control: Control, example: Example, verdict: Verdict) -> str:
    """Empty when the verdict is what the example expects under this clause."""
    category = control.detector
    if example.expect:
        for f in verdict.findings:
            if f.category != category:
                continue
            if example.entity and f.entity != example.entity:
                continue
            if example.subtype and f.subtype != example.subtype:
                continue
            if f.clause == clause.id or clause.id in f.related:
                return ""
        what = example.entity or example.subtype or category
        return f"expected a {what} finding citing this clause, got none"
    for f in verdict.findings:
        if f.category != category:
            continue
        if example.entity and f.entity != example.entity:
            continue
        if example.subtype and f.subtype != example.subtype:
            continue
        return f"expected no {category} finding, got {f.entity or f.subtype or category}"
    return ""


def _audience_for(clause: Clause, channel: str) -> str:
    preferred = "external" if channel == "email" else "public"
    return preferred if preferred in clause.audiences else clause.audiences[0]


def _candidates(clause: Clause) -> Iterable[tuple[str, dict[str, Any], str]]:
    for group in clause.applies_to:
        for where in clause.where:
            for channel in clause.channels:
                place = {**_PLACE_FOR[where], "audience": _audience_for(clause, channel)}
                yield _ROLE_FOR[group], place, channel


def fit_message(clause: Clause, control: Control, example: Example) -> Message | None:
    """A message for `example` that `clause` applies to, or None when the example cannot
    be made to fit (its overrides name a channel, account or role the clause excludes, or
    it is about an entity or subtype the control leaves out)."""
    if example.entity and control.entities and example.entity not in control.entities:
        return None
    if example.subtype and control.subtypes and example.subtype not in control.subtypes:
        return None
    if example.expect and not example.entity and control.entities:
        return None  # cannot tell whether the expected finding is in the filter
    if example.expect and not example.subtype and control.subtypes:
        return None
    from aupguard.engine import clause_applies

    # An example that says which account or device it is about keeps it: mixing its
    # "personal account" with our "council computer" would test a different situation.
    own_place = "account" in example.message or "device" in example.message
    for role, place, channel in _candidates(clause):
        fields: dict[str, Any] = {
            "channel": channel,
            **({} if own_place else place),
            **example.message,
        }
        author_fields: dict[str, Any] = {"role": role, **example.author}
        try:
            author = Author(**author_fields)
            message = Message(text=example.text, author=author, **fields)
        except TypeError:
            return None  # the example names a field Message does not have
        if clause_applies(clause, message):
            return message
    return None


def totals(items: list[ClauseCoverage]) -> dict[str, int]:
    controls = [c for item in items for c in item.controls]
    return {
        "clauses": len(items),
        "clauses_implemented": sum(1 for i in items if i.implemented),
        "controls": len(controls),
        "implemented": sum(1 for c in controls if c.implemented),
        "pass": sum(1 for c in controls if c.tested == "pass"),
        "fail": sum(1 for c in controls if c.tested == "FAIL"),
        "no_examples": sum(1 for c in controls if c.tested == "no examples"),
    }


def to_json(pack: Pack, items: list[ClauseCoverage]) -> dict[str, object]:
    return {
        "pack": pack.pack,
        "clauses": [
            {
                "id": item.id,
                "section": item.clause.locator.section,
                "item": item.clause.locator.item,
                "action": item.clause.action,
                "controls": [
                    {
                        "kind": c.kind,
                        "name": c.name,
                        "entities": list(c.entities),
                        "subtypes": list(c.subtypes),
                        "implemented": c.implemented,
                        "tested": c.tested,
                        "examples_run": c.examples_run,
                        "note": c.note,
                        "failures": list(c.failures),
                    }
                    for c in item.controls
                ],
            }
            for item in items
        ],
        "totals": totals(items),
    }
