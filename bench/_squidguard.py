"""Set up Debian's squidGuard on the same UT1 categories a pack blocks, for the benchmark.

Why generated rather than hand-written: the comparison is only fair if squidGuard blocks
exactly what aupguard blocks for the same request, so the `dest` blocks come from the
pack's web rules (the rules in force for a request with no group, whatever the time)
and the alias files of the UT1 tree (`aggressive` holds `agressif`).

squidGuard writes `domains.db` beside each list, and the UT1 tree is read-only, so each
category gets a folder of its own in a temporary `dbhome` with symbolic links to the
list files.
"""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from aupguard.policy.loader import load_pack

SQUIDGUARD = "/usr/bin/squidGuard"
BLOCK_PAGE = "http://block.page/blocked"


def blocked_categories(policy: str, ut1: Path) -> list[str]:
    """UT1 folder names the pack blocks for a request with no group, aliases resolved.

    Only rules that apply to everyone can be mirrored by one squidGuard `default` acl;
    a rule with time windows or exception hosts would need more, so it is refused.
    """
    web = load_pack(policy).web
    out: list[str] = []
    for rule in web.rules:
        if rule.groups or rule.action != "block":
            continue
        if rule.when or rule.exceptions.allow or rule.exceptions.block:
            raise SystemExit(f"rule {rule.id} has time windows or exceptions; not mirrored")
        for cat in rule.categories:
            folder = ut1 / cat
            if folder.is_file():  # a UT1 alias: the file holds the real folder's name
                folder = ut1 / folder.read_text().strip()
            if folder.is_dir() and folder.name not in out:
                out.append(folder.name)
    return out


@dataclass
class SquidGuardSetup:
    """A ready squidGuard: config file, db folder, log folder and what it loaded."""

    conf: Path
    dbhome: Path
    logdir: Path
    categories: list[str]
    lists: dict[str, list[str]] = field(default_factory=dict)


def _nonempty(path: Path) -> bool:
    return path.is_file() and path.stat().st_size > 0


def prepare(work: Path, ut1: Path, categories: list[str]) -> SquidGuardSetup:
    """A dbhome with linked lists and a config passing everything but these categories;
    `with_log` writes a second config that also logs each redirect."""
    dbhome, logdir = work / "db", work / "log"
    shutil.rmtree(dbhome, ignore_errors=True)
    logdir.mkdir(parents=True, exist_ok=True)
    setup = SquidGuardSetup(work / "squidGuard.conf", dbhome, logdir, categories)
    for cat in categories:
        (dbhome / cat).mkdir(parents=True)
        kinds = []
        for kind in ("domains", "urls", "expressions"):
            src = ut1 / cat / kind
            if _nonempty(src):
                (dbhome / cat / kind).symlink_to(src.resolve())
                kinds.append(kind)
        setup.lists[cat] = kinds
    setup.conf.write_text(_config(setup, log_blocked=False))
    return setup


def with_log(setup: SquidGuardSetup) -> SquidGuardSetup:
    """The same lists and rules, logging every redirect to `blocked.log`."""
    logged = SquidGuardSetup(setup.conf.with_name("squidGuard-log.conf"), setup.dbhome,
                             setup.logdir, setup.categories, setup.lists)
    logged.conf.write_text(_config(setup, log_blocked=True))
    return logged


def _config(setup: SquidGuardSetup, *, log_blocked: bool) -> str:
    keywords = {"domains": "domainlist", "urls": "urllist", "expressions": "expressionlist"}
    lines = [f"dbhome {setup.dbhome}", f"logdir {setup.logdir}", ""]
    for cat, kinds in setup.lists.items():
        lines.append(f"dest {cat} {{")
        lines += [f"\t{keywords[kind]} {cat}/{kind}" for kind in kinds]
        if log_blocked:
            lines.append("\tlog blocked.log")
        lines.append("}")
    passes = " ".join(f"!{c}" for c in setup.categories)
    lines += [
        "",
        "acl {",
        "\tdefault {",
        f"\t\tpass {passes} all",
        f"\t\tredirect 302:{BLOCK_PAGE}?url=%u&category=%t",
        "\t}",
        "}",
    ]
    return "\n".join(lines) + "\n"


def build_command(setup: SquidGuardSetup) -> list[str]:
    """`squidGuard -C all`: writes the Berkeley DB files beside the lists."""
    return [SQUIDGUARD, "-c", str(setup.conf), "-C", "all"]


def check_db(setup: SquidGuardSetup) -> None:
    for cat, kinds in setup.lists.items():
        for kind in kinds:
            if kind != "expressions" and not (setup.dbhome / cat / f"{kind}.db").is_file():
                raise SystemExit(f"squidGuard did not build {cat}/{kind}.db")


def run_lines(setup: SquidGuardSetup, lines: list[str]) -> list[str]:
    """squidGuard's answers to a few request lines (for the pre-flight check)."""
    proc = subprocess.run([SQUIDGUARD, "-c", str(setup.conf)], input="".join(lines),
                          capture_output=True, text=True, check=True)
    return proc.stdout.splitlines()


def check_blocks(setup: SquidGuardSetup, ut1: Path) -> None:
    """Fail unless the first listed domain of each category is redirected and an
    unlisted one passes: squidGuard in emergency mode (bad config or db) passes all."""
    probes: list[str] = []
    for cat, kinds in setup.lists.items():
        if "domains" in kinds:
            first = next(x.strip() for x in (ut1 / cat / "domains").open() if x.strip())
            probes.append(f"http://{first}/ 10.0.0.1/- - GET\n")
    probes.append("http://unlisted.example.invalid/ 10.0.0.1/- - GET\n")
    answers = run_lines(setup, probes)
    if len(answers) != len(probes):
        raise SystemExit(f"squidGuard answered {len(answers)} of {len(probes)} probes")
    for probe, answer in zip(probes[:-1], answers[:-1], strict=True):
        if not answer.startswith("OK"):
            raise SystemExit(f"squidGuard did not block {probe.split()[0]}: {answer!r}")
    if answers[-1].startswith("OK"):
        raise SystemExit("squidGuard blocked an unlisted host")
    log = (setup.logdir / "squidGuard.log").read_text(errors="replace")
    if "emergency" in log.lower():
        raise SystemExit(f"squidGuard went into emergency mode; see {setup.logdir}")
