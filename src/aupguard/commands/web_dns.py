"""`aupguard web dns` (the embedded DNS filter) and `aupguard web rpz` (the same blocks
as a response policy zone for unbound or BIND).

Why no default upstream resolver beyond /etc/resolv.conf: aupguard works offline by
design and must not quietly send a council's lookups to a public resolver it chose.
"""

from __future__ import annotations

import argparse
import ipaddress
import sys
from pathlib import Path
from typing import Any

from aupguard.commands.web import add_filter_options, filter_from_args, parse_at
from aupguard.errors import UsageError

RESOLV_CONF = Path("/etc/resolv.conf")


def add_parser(wsub: Any) -> None:
    """Register `web dns` and `web rpz` under `aupguard web`."""
    d = wsub.add_parser(
        "dns",
        help="DNS filter: answer blocked names with the block page, forward the rest",
        description="Serve DNS on UDP and TCP. Blocked names are answered with the block "
        "page server's address (A; AAAA when --block-address6 is given, else no IPv6 "
        "address) so browsers land on the block page; every other query is forwarded "
        "unchanged to the upstream resolver. Port 53 needs root or CAP_NET_BIND_SERVICE.",
    )
    d.add_argument("--listen", default="127.0.0.1:5353", metavar="ADDR:PORT",
                   help="address to serve on (default 127.0.0.1:5353; IPv6 as [::1]:5353)")
    d.add_argument("--upstream", default=None, metavar="ADDR[:PORT]",
                   help="resolver to forward allowed queries to (default: the first "
                   "nameserver in /etc/resolv.conf)")
    d.add_argument("--block-address", default="127.0.0.1", metavar="IPV4",
                   help="IPv4 address of the block page server (default 127.0.0.1)")
    d.add_argument("--block-address6", default=None, metavar="IPV6",
                   help="IPv6 address of the block page server (default: none, so AAAA "
                   "queries for blocked names get no address)")
    d.add_argument("--ttl", type=int, default=60, help="TTL of block answers, seconds")
    d.add_argument("--timeout", type=float, default=2.0,
                   help="seconds to wait for the upstream before answering SERVFAIL")
    add_filter_options(d)
    d.set_defaults(func=_dns)

    r = wsub.add_parser(
        "rpz",
        help="write the pack's blocked domains as an RPZ zone for unbound or BIND",
        description="Write a response policy zone: every domain the pack's rules block "
        "for --group (a listed domain with its subdomains), council allow-list entries as "
        "rpz-passthru. URL entries, expressions, IP literals and monitored categories "
        "cannot be expressed in DNS and are left out (counted in the zone's comments).",
    )
    # A zone has no clients: say what --group means here.
    add_filter_options(r, serving=False, group_help="export the rules for this group (its "
                       "zone includes the rules for everyone); default: only the rules for "
                       "everyone")
    r.add_argument("--out", type=Path, default=None, metavar="FILE",
                   help="write the zone here (atomically) instead of standard output")
    r.add_argument("--at", default=None, metavar="TIME",
                   help="export the rules as they stand at this time (ISO, pack's local "
                   "time); default: rules with time windows count as always in force when "
                   "they block and are left out otherwise")
    r.add_argument("--block-address", default=None, metavar="IPV4",
                   help="answer blocked names with this address (default: NXDOMAIN)")
    r.add_argument("--block-address6", default=None, metavar="IPV6",
                   help="and with this IPv6 address")
    r.add_argument("--zone", default="aupguard.rpz",
                   help="the zone's name, as in the server's configuration (default "
                   "aupguard.rpz)")
    r.add_argument("--ttl", type=int, default=60, help="TTL of the zone's records")
    r.add_argument("--serial", type=int, default=None,
                   help="SOA serial (default: the current Unix time)")
    r.set_defaults(func=_rpz)


def split_host_port(text: str, default_port: int) -> tuple[str, int]:
    """"ADDR", "ADDR:PORT", "[V6]:PORT" or a bare IPv6 address -> (address, port)."""
    from aupguard.hostport import split_host_port as split

    try:
        return split(text, default_port, ip_only=True)
    except ValueError as exc:
        raise UsageError(f"cannot read address {text.strip()!r}: {exc}") from None


def resolv_conf_upstream(path: Path | None = None) -> tuple[str, int]:
    """The first usable `nameserver` in resolv.conf; `UsageError` when there is none."""
    path = path or RESOLV_CONF
    try:
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        lines = []
    for line in lines:
        parts = line.split()
        if len(parts) >= 2 and parts[0] == "nameserver":
            addr = parts[1].split("%", 1)[0]
            try:
                ipaddress.ip_address(addr)
            except ValueError:
                continue
            return addr, 53
    raise UsageError(f"no --upstream given and no nameserver in {path}; give the resolver "
                     "to forward to, e.g. --upstream 192.168.1.1")


def _address(text: str | None, version: int, option: str) -> str | None:
    if text is None or text.lower() == "none":
        return None
    try:
        addr = ipaddress.ip_address(text)
    except ValueError:
        addr = None
    if addr is None or addr.version != version:
        raise UsageError(f"{option} {text!r} is not an IPv{version} address")
    return str(addr)


def _dns(args: argparse.Namespace) -> int:
    from aupguard.web.dns import DnsSettings, serve

    listen = split_host_port(args.listen, 53)
    upstream = (split_host_port(args.upstream, 53) if args.upstream
                else resolv_conf_upstream())
    if listen == upstream or (listen[1] == upstream[1] and listen[0] in ("0.0.0.0", "::")):
        raise UsageError(f"--upstream {upstream[0]}:{upstream[1]} is this filter itself")
    if args.ttl < 0 or args.timeout <= 0:
        raise UsageError("--ttl must be 0 or more and --timeout more than 0")
    settings = DnsSettings(
        listen=listen,
        upstream=upstream,
        block_v4=_address(args.block_address, 4, "--block-address"),
        block_v6=_address(args.block_address6, 6, "--block-address6"),
        ttl=args.ttl,
        timeout=args.timeout,
    )
    web = filter_from_args(args, via="dns")
    try:
        import asyncio  # here: the helper processes that build this parser never need it

        asyncio.run(serve(web, settings))
    except OSError as exc:
        raise UsageError(f"cannot serve DNS on {args.listen}: {exc.strerror or exc}") from None
    finally:
        web.close()
    return 0


def _rpz(args: argparse.Namespace) -> int:
    from aupguard.policy.loader import load_pack
    from aupguard.web.rpz import RpzOptions, export_rpz
    from aupguard.web.service import open_index
    from aupguard.web.urls import is_ip, normalise_host

    if args.ttl < 0:
        raise UsageError("--ttl must be 0 or more")
    if args.serial is not None and not 0 <= args.serial <= 0xFFFFFFFF:
        raise UsageError("--serial must fit in 32 bits")
    try:
        zone = normalise_host(args.zone)
    except ValueError as exc:
        raise UsageError(f"--zone {args.zone!r} is not a DNS name: {exc}") from None
    if is_ip(zone):
        raise UsageError(f"--zone {args.zone!r} is not a DNS name")
    opts = RpzOptions(
        group=args.group,
        at=parse_at(args.at),
        block_v4=_address(args.block_address, 4, "--block-address"),
        block_v6=_address(args.block_address6, 6, "--block-address6"),
        zone=zone,
        ttl=args.ttl,
        serial=args.serial,
    )
    pack = load_pack(args.policy)
    index = open_index(args.index)
    if args.out is None:
        stats = export_rpz(pack, index, sys.stdout, opts)
    else:
        tmp = args.out.with_name(f".{args.out.name}.tmp")
        try:
            with tmp.open("w", encoding="ascii") as f:
                stats = export_rpz(pack, index, f, opts)
            tmp.replace(args.out)
        finally:
            tmp.unlink(missing_ok=True)
    for warning in stats.warnings:
        print(f"aupguard: warning: {warning}", file=sys.stderr)
    print(f"aupguard web rpz: {stats.blocked} blocked names, {stats.passthru} passthru; left "
          f"out {stats.url_entries} URL entries, {stats.expressions} expressions, "
          f"{stats.ip_literals} IP literals, {stats.bad_names} bad names", file=sys.stderr)
    return 0
