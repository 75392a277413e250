"""Export the pack's blocked domains as a Response Policy Zone for unbound or BIND.

Why: a council that already runs unbound or BIND (or a network large enough to need
them) can let that server do the blocking at its own speed, reloading the zone when the
lists or the pack change. The zone says what the embedded filter would decide for each
listed domain, because every name is decided by `decide_listed`, the same code
`web decide` runs.

What a DNS zone cannot say, and so is left out (and counted in the zone's comments):
- `urls` entries (host/path) and expressions: DNS sees only names;
- monitored categories: DNS has no "let through but log"; use `web dns` or Squid;
- IP literals: a browser given an IP address asks no DNS question;
- a pack whose default is to block: a zone lists names, it cannot block everything else.

The index keeps only hashes of names, so the names are read again from the list folders
recorded in the index (`header["sources"]`); a folder that is gone is an error, a file
changed since the index was built a warning (the index still decides).

Time windows: with `at` the zone is the rules as they stand at that moment (regenerate
it from cron when a window opens or closes). Without it, a windowed rule that can block
is exported as always in force and a windowed rule that cannot is left out: a static
zone errs towards blocking.
"""

from __future__ import annotations

import datetime as dt
import re
import time
from collections.abc import Container
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from aupguard.errors import AupguardError
from aupguard.policy.schema import Pack
from aupguard.policy.webrules import WebRule, rule_label
from aupguard.web.decide import Decision, decide_listed
from aupguard.web.index import COUNCIL, Index
from aupguard.web.lists import MAX_LINE, discover, file_sha256
from aupguard.web.urls import is_ip, normalise_host

__all__ = ["RpzOptions", "RpzStats", "export_rpz", "read_domains"]

MAX_TEXT_NAME = 253
# Lines already in the form `normalise_host` gives (nearly all of UT1) are taken as
# they are; only the rest go through it.
_CANONICAL_HOST = re.compile(
    rb"(?=.{1,253}\Z)(?:[a-z0-9_\-]{1,63}\.)*[a-z_\-][a-z0-9_\-]{0,62}", re.S
)
_OCTET = rb"(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])"
_CANONICAL_IPV4 = re.compile(_OCTET + rb"(?:\." + _OCTET + rb"){3}")


@dataclass(frozen=True)
class RpzOptions:
    """`zone` is the zone's own name (unbound's `rpz: name:`, BIND's `zone`)."""

    group: str | None = None
    at: dt.datetime | None = None
    block_v4: str | None = None
    block_v6: str | None = None
    zone: str = "aupguard.rpz"
    ttl: int = 60
    serial: int | None = None


@dataclass
class RpzStats:
    """What went into the zone and what could not."""

    blocked: int = 0
    covered: int = 0  # blocked, but already covered by a blocked parent's wildcard
    passthru: int = 0
    ip_literals: int = 0
    bad_names: int = 0
    url_entries: int = 0
    expressions: int = 0
    windowed: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def _can_block(rule: WebRule) -> bool:
    return rule.action == "block" or bool(rule.exceptions.block)


def _static_pack(pack: Pack, stats: RpzStats) -> Pack:
    """The pack with time windows resolved the strict way (see the module docstring)."""
    rules: list[WebRule] = []
    for i, rule in enumerate(pack.web.rules):
        if not rule.when:
            rules.append(rule)
            continue
        keep = _can_block(rule)
        stats.windowed.append(
            f"{rule_label(rule, i)}: " + ("always in force" if keep else "left out")
        )
        if keep:
            rules.append(rule.model_copy(update={"when": ()}))
    web = pack.web.model_copy(update={"rules": tuple(rules)})
    return pack.model_copy(update={"web": web})


def read_domains(path: Path) -> tuple[list[str], list[str]]:
    """(host names, IP literals) of a `domains` file, normalised as `lists.iter_entries`
    normalises them, bad lines skipped. Canonical lines skip the full normalisation,
    which makes the whole of UT1 readable in well under a second."""
    hosts: list[bytes] = []
    ips: list[bytes] = []
    others: list[str] = []
    is_host, is_ipv4 = _CANONICAL_HOST.fullmatch, _CANONICAL_IPV4.fullmatch
    for n, raw in enumerate(path.read_bytes().split(b"\n"), 1):
        line = raw.strip()
        if is_host(line):
            hosts.append(line)
        elif is_ipv4(line):
            ips.append(line)
        elif line and not line.startswith(b"#") and len(raw) <= MAX_LINE:
            try:
                text = line.decode("utf-8").strip()
            except UnicodeDecodeError:
                continue
            others.append(text.removeprefix("\ufeff") if n == 1 else text)
    names = b"\n".join(hosts).decode("ascii").split("\n") if hosts else []
    literals = b"\n".join(ips).decode("ascii").split("\n") if ips else []
    for text in others:
        if not text or text.startswith("#") or "/" in text or any(c.isspace() for c in text):
            continue
        try:
            host = normalise_host(text.lstrip("."))
        except ValueError:
            continue
        (literals if is_ip(host) else names).append(host)
    return names, literals


def _read_names(
    index: Index, wanted: set[str], stats: RpzStats, ips: set[str]
) -> dict[str, list[str]]:
    """{domain: [categories]} for the wanted categories, read from the index's sources;
    IP literals go into `ips`."""
    names: dict[str, list[str]] = {}
    sources = index.header.get("sources") or []
    if not sources:
        raise AupguardError(f"{index.path} records no list folders; rebuild it")
    for source in sources:
        root = Path(source["path"])
        if not root.is_dir():
            raise AupguardError(
                f"list folder {root} (recorded in {index.path}) is gone; the RPZ export "
                "reads the names from it: restore it or rebuild the index"
            )
        recorded: dict[str, str] = source.get("files", {})
        cats, _ = discover(root)
        for folder_name, folder in cats:
            name = source.get("category") or COUNCIL.get(folder_name, folder_name)
            path = folder / "domains"
            if name not in wanted or not path.is_file():
                continue
            if recorded.get(str(path.relative_to(root))) != file_sha256(path):
                stats.warnings.append(
                    f"{path} changed since the index was built; the index still decides, "
                    "and names it lists that the file no longer holds are missing from the "
                    "zone (run 'aupguard lists compile', then export again)"
                )
            hosts, literals = read_domains(path)
            ips.update(literals)
            for host in hosts:
                cats_of = names.get(host)
                if cats_of is None:
                    names[host] = [name]
                elif name not in cats_of:
                    cats_of.append(name)
    return names


def _parents(name: str) -> list[str]:
    """"a.b.c" -> ["b.c", "c"]: the domains a name is under, nearest first."""
    labels = name.split(".")
    return [".".join(labels[i:]) for i in range(1, len(labels))]


def _fits(name: str, zone: str) -> bool:
    """Whether "*." + name + "." + zone is a valid name, and the last label does not
    start with "rpz-" (which the zone would read as a special trigger)."""
    if len(name) + len(zone) + 3 > MAX_TEXT_NAME:
        return False
    return "rpz-" not in name or not name.rsplit(".", 1)[-1].startswith("rpz-")


class _Decider:
    """Decisions per name, cached per set of categories where no host exception applies.

    A name's categories are its own and its parents' as the lists say, which is what
    the index holds while the files are unchanged; once they changed (`use_index`), each
    name is looked up in the index instead (slower), so the zone still blocks exactly
    what `web dns` blocks.
    """

    def __init__(self, pack: Pack, index: Index, opts: RpzOptions, names: dict[str, list[str]],
                 exception_hosts: set[str], use_index: bool) -> None:
        self.pack, self.index, self.opts, self.names = pack, index, opts, names
        self.order = {n: i for i, n in enumerate(index.names)}
        self.exception_hosts = exception_hosts
        self.use_index = use_index
        self._cache: dict[frozenset[str], Decision] = {}

    def __call__(self, name: str, parents: list[str]) -> Decision:
        exceptions = self.exception_hosts
        special = bool(exceptions) and (
            name in exceptions or any(p in exceptions for p in parents))
        if self.use_index:
            cats = set(self.index.categories(name))
        else:
            cats = set(self.names.get(name, ()))
            for parent in parents:
                more = self.names.get(parent)
                if more:
                    cats.update(more)
        key = frozenset(cats)
        if not special and key in self._cache:
            return self._cache[key]
        found = sorted(cats, key=lambda c: self.order.get(c, len(self.order)))
        d = decide_listed(self.pack, name, name, found, self.index.aliases,
                          group=self.opts.group, at=self.opts.at)
        if not special:
            self._cache[key] = d
        return d


def export_rpz(pack: Pack, index: Index, out: TextIO, opts: RpzOptions) -> RpzStats:
    """Write the zone to `out`; see the module docstring for what it holds."""
    stats = RpzStats()
    web = pack.web
    if web.default.action == "block":
        raise AupguardError(
            f"pack {pack.pack} blocks every site no rule lists; an RPZ zone can only list "
            "names, so it cannot express that: use 'aupguard web dns' instead"
        )
    if opts.group is not None and opts.group not in web.groups:
        known = ", ".join(web.groups) or "none"
        raise AupguardError(f"no web group {opts.group!r} in pack {pack.pack} (known: {known})")
    if opts.at is None:
        pack = _static_pack(pack, stats)
    # Only council lists and categories that some rule in force blocks can put a name
    # in the zone; names elsewhere cannot change whether a listed name is blocked.
    wanted = set(COUNCIL.values())
    exception_hosts: set[str] = set()
    for rule in pack.web.rules:
        if rule.groups and opts.group not in rule.groups:
            continue
        exception_hosts.update(rule.exceptions.allow, rule.exceptions.block)
        if rule.action == "block":
            for c in rule.categories:
                wanted.update((c, index.aliases.get(c, c)))
    counts = index.header.get("counts", {})
    for cat in wanted:
        stats.url_entries += int(counts.get(cat, {}).get("urls", 0))
        stats.expressions += int(counts.get(cat, {}).get("expressions", 0))
    ips = {h for h in exception_hosts if is_ip(h)}
    names = _read_names(index, wanted, stats, ips)
    stats.ip_literals = len(ips)
    decider = _Decider(pack, index, opts, names, exception_hosts, bool(stats.warnings))
    blocked: dict[str, Decision] = {}
    others: dict[str, Decision] = {}
    parents: dict[str, list[str]] = {}
    for name in {*names, *(h for h in exception_hosts if h not in ips)}:
        if not _fits(name, opts.zone):
            stats.bad_names += 1
            continue
        up = parents[name] = _parents(name)
        d = decider(name, up)
        (blocked if d.action == "block" else others)[name] = d
    # Allowed names need a passthru where a blocked parent's wildcard would catch them;
    # the council's allow list always gets one, so it also wins over other zones.
    passthru = {n: d for n, d in others.items()
                if d.category == COUNCIL["allow"] or any(p in blocked for p in parents[n])}
    kept = {n: d for n, d in blocked.items() if not _covered(parents[n], blocked, passthru)}
    passthru = {n: d for n, d in passthru.items()
                if not _covered(parents[n], passthru, blocked)}
    stats.covered = len(blocked) - len(kept)
    stats.blocked, stats.passthru = len(kept), len(passthru)
    _write(out, pack, index, opts, stats, kept, passthru)
    return stats


def _covered(parents: list[str], same: Container[str], other: Container[str]) -> bool:
    """Whether the nearest parent in the zone is in `same` (so its wildcard already
    says what this name would) rather than in `other`."""
    for parent in parents:
        if parent in other:
            return False
        if parent in same:
            return True
    return False


def _sections(decisions: dict[str, Decision]) -> dict[tuple[str, str, str], list[str]]:
    out: dict[tuple[str, str, str], list[str]] = {}
    for n, d in decisions.items():
        out.setdefault((d.category or "-", d.clause or "-", d.rule or "-"), []).append(n)
    return out


def _write(out: TextIO, pack: Pack, index: Index, opts: RpzOptions, stats: RpzStats,
           blocked: dict[str, Decision], passthru: dict[str, Decision]) -> None:
    serial = opts.serial if opts.serial is not None else int(time.time()) & 0xFFFFFFFF
    when = opts.at.isoformat() if opts.at else "any time (see windowed rules)"
    addresses = [f"A {opts.block_v4}"] if opts.block_v4 else []
    addresses += [f"AAAA {opts.block_v6}"] if opts.block_v6 else []
    action = " and ".join(addresses) or "NXDOMAIN (CNAME .)"
    head = [
        f"; Response policy zone written by 'aupguard web rpz' for pack {pack.pack}",
        f"; group: {opts.group or '(none: rules for every group only)'}; time: {when}",
        f"; index: {index.path} (built {index.header.get('built', '?')})",
        f"; blocked names: {stats.blocked} (each with its subdomains) -> {action};"
        f" {stats.covered} more covered by a blocked parent",
        f"; allowed inside blocked domains (rpz-passthru): {stats.passthru}",
        f"; not expressible in DNS, left out: {stats.url_entries} URL entries,"
        f" {stats.expressions} expressions, {stats.ip_literals} IP literals,"
        f" {stats.bad_names} names too long for the zone or reserved",
        "; monitored categories are not here: DNS cannot let a name through and log it"
        " (use 'aupguard web dns' or the Squid helper for monitoring)",
    ]
    head += [f"; windowed rule {w}" for w in stats.windowed]
    head += [f"; warning: {w}" for w in stats.warnings]
    zone = opts.zone.rstrip(".") + "."
    head += [
        f"$ORIGIN {zone}",
        f"$TTL {opts.ttl}",
        f"@ SOA localhost. hostmaster.localhost. {serial} 3600 600 86400 {opts.ttl}",
        "@ NS localhost.",
    ]
    out.write("\n".join(head) + "\n")
    block_rdata = [f" {a}\n" for a in addresses] or [" CNAME .\n"]
    for title, decisions, rdata in (("allowed", passthru, [" CNAME rpz-passthru.\n"]),
                                    ("blocked", blocked, block_rdata)):
        for (cat, clause, rule), names in sorted(_sections(decisions).items()):
            out.write(f"\n; {title}: {cat}, {clause} ({rule}), {len(names)} names\n")
            names.sort()
            out.write("".join(f"{owner}{r}" for n in names for owner in (n, "*." + n)
                              for r in rdata))
