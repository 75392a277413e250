"""`aupguard policy`: validate, show, measure and compare councils' policy packs."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from aupguard.errors import UsageError
from aupguard.policy.schema import Pack

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_INVALID = 3


def add_parser(sub: Any) -> None:
    p = sub.add_parser(
        "policy",
        help="validate, show, check coverage of and compare policy packs",
        description="Work with policy packs: the YAML files that turn a council's policy "
        "into checks. NAME is belper, leigh, or a path to a pack file.",
    )
    psub = p.add_subparsers(dest="policy_command", required=True, parser_class=type(p))

    v = psub.add_parser("validate", help="check pack files; print file:line: problem")
    v.add_argument("files", nargs="+", metavar="FILE")
    v.set_defaults(func=_validate)

    s = psub.add_parser("show", help="the council, its register and its clauses")
    s.add_argument("name", metavar="NAME")
    s.set_defaults(func=_show)

    c = psub.add_parser(
        "coverage",
        help="which clauses are enforced and tested (exit 1 if an example fails)",
    )
    c.add_argument("name", metavar="NAME")
    c.add_argument("--format", choices=("text", "json"), default="text")
    c.set_defaults(func=_coverage)

    d = psub.add_parser("diff", help="what one council's policy covers that the other's does not")
    d.add_argument("a", metavar="A")
    d.add_argument("b", metavar="B")
    d.add_argument("--format", choices=("text", "json"), default="text")
    d.set_defaults(func=_diff)


def _load(name: str) -> Pack:
    from aupguard.policy.loader import load_pack

    return load_pack(name)  # UsageError for unknown names, PackError for bad packs


def _validate(args: argparse.Namespace) -> int:
    from aupguard.policy.loader import PACKAGED, resolve, validate_file

    total_problems = 0
    for name in args.files:
        path = resolve(name) if name in PACKAGED and not Path(name).exists() else Path(name)
        if not path.is_file():
            raise UsageError(f"no such file: {name}")
        problems = validate_file(path)
        for fname, line, msg in problems:
            print(f"{fname}:{line}: {msg}")
        total_problems += len(problems)
        if not problems:
            from aupguard.policy.loader import load_pack

            print(f"ok: {path}: {len(load_pack(path).clauses)} clauses")
    return EXIT_INVALID if total_problems else EXIT_OK


def _where(clause_where: tuple[str, ...]) -> str:
    short = {
        "council-systems": "systems",
        "council-tablets": "tablets",
        "personal-accounts": "personal",
    }
    return ", ".join(short.get(w, w) for w in clause_where)


def _show(args: argparse.Namespace) -> int:
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    pack = _load(args.name)
    # A pipe or file gets a wide table so that clause ids stay on one line.
    console = Console(
        file=sys.stdout, width=None if sys.stdout.isatty() else 160, highlight=False, soft_wrap=True
    )
    c = pack.council
    console.print(f"[bold]{escape(c.name)}[/bold]  (pack {pack.pack}, version {pack.version})")
    console.print(f"Source: {escape(pack.source.title)}", markup=False)
    for label, value in (
        ("Also known as", ", ".join(c.aliases)),
        ("Email domains", ", ".join(c.email_domains)),
        ("Website", c.website or ""),
        ("Social handles", ", ".join(c.social_handles)),
    ):
        if value:
            console.print(f"{label}: {value}", markup=False)

    reg = pack.council_register
    console.print("\n[bold]Register[/bold]")
    lines = [
        f"  spokesperson: {sp.name} ({sp.role}) on {', '.join(sp.channels)}"
        for sp in reg.spokespersons
    ]
    for m in reg.confidential_matters:
        until = f" until {m.until.isoformat()}" if m.until else ""
        lines.append(f"  confidential ({m.kind}): {m.title}{until}")
    lines += [
        f"  consent: {cons.person} agreed to publish {', '.join(cons.details)}"
        for cons in reg.consents
    ]
    lines += [f"  public contact ({pc.entity}): {pc.value}" for pc in reg.public_contacts]
    for line in lines or ["  (empty)"]:
        console.print(line, markup=False)

    table = Table(title=f"{len(pack.clauses)} clauses", show_lines=False)
    table.add_column("clause", no_wrap=True)
    for col in ("where in policy", "action", "where", "controls"):
        table.add_column(col, overflow="fold")
    for cl in pack.clauses:
        loc = cl.locator.subsection or cl.locator.section
        if cl.locator.item is not None:
            loc += f" #{cl.locator.item}"
        controls = ", ".join(
            f"{ctl.name}[{', '.join(ctl.entities or ctl.subtypes)}]"
            if (ctl.entities or ctl.subtypes)
            else ctl.name
            for ctl in cl.controls
        )
        table.add_row(cl.id, escape(loc), cl.action, _where(cl.where), escape(controls))
    console.print(table)
    return EXIT_OK


def _coverage(args: argparse.Namespace) -> int:
    from aupguard.policy.coverage import coverage, to_json, totals

    pack = _load(args.name)
    items = coverage(pack)
    t = totals(items)
    if args.format == "json":
        print(json.dumps(to_json(pack, items), indent=2))
    else:
        width = max(len(i.id) for i in items)
        print(f"{'clause':<{width}}  {'action':<6}  {'control':<38}  implemented  tested")
        for item in items:
            for n, ctl in enumerate(item.controls):
                cid = item.id if n == 0 else ""
                act = item.clause.action if n == 0 else ""
                name = f"{ctl.kind.replace('_category', '')}:{ctl.label}"
                impl = "yes" if ctl.implemented else "no"
                note = f"  ({ctl.note})" if ctl.note else ""
                print(f"{cid:<{width}}  {act:<6}  {name:<38}  {impl:<11}  {ctl.tested}{note}")
                for failure in ctl.failures:
                    print(f"{'':<{width}}    FAIL {failure}")
        print(
            f"Totals: {t['clauses']} clauses ({t['clauses_implemented']} with an implemented "
            f"control); {t['controls']} controls: {t['implemented']} implemented, "
            f"{t['pass']} tested pass, {t['fail']} FAIL, {t['no_examples']} no examples"
        )
    return EXIT_FAILED if t["fail"] else EXIT_OK


def _diff(args: argparse.Namespace) -> int:
    from aupguard.policy.diff import diff, to_json, to_text

    result = diff(_load(args.a), _load(args.b))
    if args.format == "json":
        print(json.dumps(to_json(result), indent=2))
    else:
        sys.stdout.write(to_text(result))
    return EXIT_OK
