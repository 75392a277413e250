"""`aupguard lists`: build the web category index from UT1-format list folders.

`lists compile DIR... --out INDEX` builds an index from folders on disk; `lists update`
downloads the UT1 archive from its public address, unpacks it into the data folder and
compiles the default index (see `aupguard.web.update`).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from aupguard.errors import UsageError

if TYPE_CHECKING:
    from aupguard.web.index import CompileStats


def add_parser(sub: Any) -> None:
    p = sub.add_parser(
        "lists",
        help="compile web category lists (UT1 format) into the filter's index",
        description="Work with the web category lists the filter uses.",
    )
    lsub = p.add_subparsers(dest="lists_command", required=True, parser_class=type(p))
    c = lsub.add_parser(
        "compile",
        help="compile list folders into one index file",
        description="Compile UT1-format list folders into one memory-mapped index. Each DIR "
        "is a UT1 root (one folder per category) or a single category folder holding "
        "'domains', 'urls' and/or 'expressions'. A category folder named 'allow' or "
        "'block', or given with --allow/--block, becomes 'council-allow'/'council-block' "
        "and must be free of errors (file:line is reported). Bad lines in other lists are "
        "skipped and counted unless --strict.",
    )
    c.add_argument("dirs", nargs="*", metavar="DIR", help="UT1 root or category folder")
    c.add_argument(
        "--out",
        type=Path,
        default=None,
        help="index file to write "
        "(default: $AUPGUARD_DATA_DIR/index.aupx or ~/.local/share/aupguard/)",
    )
    c.add_argument(
        "--allow",
        action="append",
        default=[],
        type=Path,
        metavar="DIR",
        help="the council's own allow list folder (repeatable)",
    )
    c.add_argument(
        "--block",
        action="append",
        default=[],
        type=Path,
        metavar="DIR",
        help="the council's own block list folder (repeatable)",
    )
    c.add_argument("--strict", action="store_true", help="fail on any bad line")
    c.set_defaults(func=_compile)
    _add_update(lsub)


def _add_update(lsub: Any) -> None:
    from aupguard.web.update import TIMEOUT, UT1_URL

    u = lsub.add_parser(
        "update",
        help="download the UT1 lists and compile the default index",
        description="Download the UT1 blacklists archive (Universite Toulouse 1 Capitole), "
        "check it is a gzip'd tar, unpack it safely into <data>/ut1 (replacing the old copy "
        "only once the new one is complete) and compile <data>/index.aupx from it, exactly "
        "as 'lists compile' would. If <data>/allow or <data>/block exist they are compiled "
        "in as the council's own allow/block lists. <data> is $AUPGUARD_DATA_DIR, else "
        "$XDG_DATA_HOME/aupguard, else ~/.local/share/aupguard. This is the only aupguard "
        "command that downloads anything; nothing else in aupguard uses the network to "
        "fetch data at run time. On a network, HTTP or archive error it exits 3 and "
        "leaves the previous lists and index untouched.",
    )
    u.add_argument("--url", default=UT1_URL, help=f"archive address (default: {UT1_URL})")
    u.add_argument(
        "--offline",
        type=Path,
        default=None,
        metavar="ARCHIVE",
        help="use this local blacklists.tar.gz instead of downloading (air-gapped installs; "
        "a file:// --url works too)",
    )
    u.add_argument(
        "--timeout",
        type=float,
        default=TIMEOUT,
        help=f"network timeout in seconds (default: {TIMEOUT:g})",
    )
    u.add_argument("--strict", action="store_true", help="fail on any bad line in the lists")
    u.set_defaults(func=_update)


def _update(args: argparse.Namespace) -> int:
    from aupguard.web.update import update_lists

    if args.timeout <= 0:
        raise UsageError("--timeout must be positive")
    res = update_lists(args.url, offline=args.offline, timeout=args.timeout, strict=args.strict)
    print(f"fetched {res.archive_bytes / 1e6:.1f} MB from {res.source}; lists in {res.ut1_dir}")
    for kind, path in res.council.items():
        print(f"council {kind} list: {path}")
    _print_stats(res.stats)
    return 0


def _compile(args: argparse.Namespace) -> int:
    from aupguard.web.index import compile_lists, default_index_path

    if not (args.dirs or args.allow or args.block):
        raise UsageError("give at least one list folder (DIR, --allow or --block)")
    for d in [*args.dirs, *args.allow, *args.block]:
        if not Path(d).is_dir():
            raise UsageError(f"no such folder: {d}")
    out = args.out or default_index_path()
    stats = compile_lists(args.dirs, out, allow=args.allow, block=args.block, strict=args.strict)
    _print_stats(stats)
    return 0


def _print_stats(stats: CompileStats) -> None:
    width = max((len(n) for n in stats.categories), default=8)
    print(f"{'category':<{width}}  {'domains':>8}  {'urls':>7}  {'expr':>4}")
    for name, c in stats.categories.items():
        print(f"{name:<{width}}  {c['domains']:>8}  {c['urls']:>7}  {c['expressions']:>4}")
    if stats.aliases:
        print("aliases: " + ", ".join(f"{a}={t}" for a, t in sorted(stats.aliases.items())))
    print(
        f"{len(stats.categories)} categories, {stats.domain_keys} domains, "
        f"{stats.url_keys} URL prefixes; {stats.size_bytes / 1e6:.1f} MB written to "
        f"{stats.out_path} in {stats.seconds:.2f} s"
    )
    if stats.skipped:
        print(f"warning: skipped {stats.skipped} bad lines; first ones:", file=sys.stderr)
        for line in stats.skipped_examples:
            print(f"  {line}", file=sys.stderr)
