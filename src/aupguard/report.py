"""The readable report: the draft with what was found highlighted, then one entry per
finding saying which clause, why in plain words, and what to do about it."""

from __future__ import annotations

from rich.console import Console, Group
from rich.panel import Panel
from rich.text import Text

from aupguard.model import Action, Finding, Verdict
from aupguard.policy.schema import Clause, Pack

_STYLE = {
    Action.BLOCK: "bold white on red",
    Action.HOLD: "bold black on dark_orange",
    Action.WARN: "black on yellow",
    Action.ADVISE: "black on cyan",
    Action.RECORD: "underline",
    Action.ALLOW: "",
}

_HEADLINE = {
    Action.ALLOW: "Nothing in this draft breaches the policy.",
    Action.RECORD: "Nothing to change; this will be recorded as the policy requires.",
    Action.ADVISE: "Please read the advice below before you send or post this.",
    Action.WARN: "This draft may breach the policy: please change it before it goes out.",
    Action.HOLD: "This draft would be held for review: it breaches the policy as written.",
    Action.BLOCK: "This draft would be blocked: it clearly breaches the policy.",
}


def locator_text(clause: Clause) -> str:
    loc = clause.locator
    parts = [f"“{loc.section}”"]
    if loc.subsection:
        parts.append(f"“{loc.subsection}”")
    if loc.item is not None:
        parts.append(f"item {loc.item}")
    return ", ".join(parts)


def _label(finding: Finding) -> str:
    kind = finding.entity or finding.subtype
    return f"{finding.category} ({kind})" if kind else finding.category


def _fix_text(finding: Finding) -> str:
    remedy = finding.remedy
    assert remedy is not None
    if remedy.kind == "redact":
        return f"replace it with {remedy.text} (--fix does this). {remedy.description}"
    if remedy.kind == "append":
        return f"add “{remedy.text}” (--fix does this). {remedy.description}"
    if remedy.kind == "prepend":
        return f"start with “{remedy.text}” (--fix does this). {remedy.description}"
    return remedy.description


def highlighted(verdict: Verdict) -> Text:
    text = Text(verdict.text)
    for number, f in enumerate(verdict.findings, 1):
        if f.end > f.start and f.action is not None:
            text.stylize(_STYLE[f.action], f.start, f.end)
            text.stylize(f"link #finding-{number}", f.start, f.end)
    return text


def render(verdict: Verdict, pack: Pack, console: Console) -> None:
    """Print the report for one verdict."""
    console.print(
        Text.assemble(
            (f"{verdict.action.label.upper()}", _STYLE[verdict.action] or "bold green"),
            "  ",
            _HEADLINE[verdict.action],
            f"  [{pack.council.name}]",
        )
    )
    if not verdict.findings:
        return
    console.print(Panel(highlighted(verdict), title="your draft", title_align="left"))
    entries = []
    for number, f in enumerate(verdict.findings, 1):
        clause = pack.clause(f.clause) if f.clause else None
        head = Text.assemble(
            (f"{number}. ", "bold"),
            (f.action.label if f.action is not None else "", "bold"),
            f"  {_label(f)}",
        )
        if f.excerpt:
            head.append(f"  “{f.excerpt}”", style="italic")
        lines: list[Text] = [head, Text(f"   {f.explanation}")]
        if clause is not None:
            lines.append(
                Text.assemble("   Clause: ", (clause.id, "bold"), f" ({locator_text(clause)})")
            )
            lines.append(Text(f"   {clause.summary}", style="dim"))
        if f.related:
            lines.append(Text(f"   Also under: {', '.join(f.related)}", style="dim"))
        if f.remedy is not None:
            lines.append(Text(f"   Fix: {_fix_text(f)}", style="green"))
        entries.append(Group(*lines))
    console.print(Group(*entries))
