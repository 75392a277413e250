"""`aupguard mail serve` (the Postfix content filter) and `aupguard mail postfix-config`
(the Postfix lines that put it in the mail flow). docs/mail-gateway.md is the install
guide; `aupguard.mail.gateway` says what each answer to Postfix means.
"""

from __future__ import annotations

import argparse
import logging
import os
import signal
import sys
from pathlib import Path
from typing import Any

from aupguard.errors import UsageError

DEFAULT_LISTEN = "127.0.0.1:10025"
DEFAULT_REINJECT = "127.0.0.1:10026"
_MB = 1024 * 1024
_REMEMBER_S = 7 * 24 * 3600

_SERVE = """\
Receive mail from Postfix over SMTP (content_filter), check each message against the
policy, and then:
  deliver  hand it back to Postfix (--reinject) with X-AUP-Verdict and X-AUP-Clauses
           headers added, answering 250 only after Postfix has taken it;
  hold     store it in the quarantine (fsynced) and answer 250 "held for review";
  refuse   answer 550 5.7.1 with the clause and the fix (Postfix bounces it).
A message that cannot be checked is held; when the quarantine or the reinjection is
not available the answer is 451 and Postfix keeps the message and retries. Logs go to
stderr. SIGTERM or SIGINT: stop listening, finish messages in progress, exit."""


def add_parser(msub: Any) -> None:
    p = msub.add_parser(
        "serve",
        help="run the Postfix content filter (an SMTP server on loopback)",
        description=_SERVE,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("--policy", default="leigh", help="belper, leigh, or a path to a pack")
    p.add_argument("--listen", default=DEFAULT_LISTEN, metavar="HOST:PORT",
                   help=f"where Postfix's content_filter connects (default {DEFAULT_LISTEN})")
    p.add_argument("--reinject", default=DEFAULT_REINJECT, metavar="HOST:PORT",
                   help="Postfix's second smtpd, with no content filter, for checked mail "
                   f"(default {DEFAULT_REINJECT})")
    p.add_argument("--quarantine", type=Path, default=None, metavar="DIR",
                   help="where held messages go (default: 'quarantine' in aupguard's data "
                   "folder: $AUPGUARD_DATA_DIR, else ~/.local/share/aupguard)")
    p.add_argument("--clamd", default=None, metavar="SOCKET_OR_HOST:PORT",
                   help="scan for viruses with clamd, e.g. /run/clamav/clamd.ctl or "
                   "127.0.0.1:3310 (without it nothing is virus-scanned)")
    p.add_argument("--max-size", type=int, default=100, metavar="MB",
                   help="largest message accepted over SMTP (advertised as SIZE; larger "
                   "is refused with 552). Messages over the checker's 50 MB limit are "
                   "held as too large to check. Default 100")
    p.add_argument("--workers", type=int, default=min(4, os.cpu_count() or 2),
                   help="threads checking messages at once (match Postfix's maxproc)")
    p.add_argument("--hostname", default=None, help="name in the SMTP greeting")
    p.add_argument("--verbose", "-v", action="store_true",
                   help="log every message (held ones and errors are always logged)")
    p.set_defaults(func=_serve)

    c = msub.add_parser(
        "postfix-config",
        help="print the main.cf and master.cf lines that put the filter in Postfix",
        description="Print the main.cf and master.cf lines (Postfix FILTER_README's "
        "advanced content filter) for `aupguard mail serve` with the same --listen and "
        "--reinject.",
    )
    c.add_argument("--listen", default=DEFAULT_LISTEN, metavar="HOST:PORT")
    c.add_argument("--reinject", default=DEFAULT_REINJECT, metavar="HOST:PORT")
    c.add_argument("--maxproc", type=int, default=2,
                   help="messages checked at once (about one per CPU core; default 2)")
    c.set_defaults(func=_postfix_config)


def _target(text: str, option: str) -> tuple[str, int]:
    from aupguard.mail.reinject import parse_target

    try:
        host, port = parse_target(text)
    except ValueError:
        raise UsageError(f"{option} {text!r} is not HOST:PORT") from None
    if not 0 < port < 65536:
        raise UsageError(f"{option} {text!r}: port out of range")
    return host, port


def _postfix_config(args: argparse.Namespace) -> int:
    from aupguard.mail.postfix import postfix_config

    if args.maxproc < 1:
        raise UsageError("--maxproc must be at least 1")
    sys.stdout.write(postfix_config(_target(args.listen, "--listen"),
                                    _target(args.reinject, "--reinject"), args.maxproc))
    return 0


def _check_options(args: argparse.Namespace, checker: Any, state: Path) -> dict[str, Any]:
    """Keyword arguments for check_mail: the virus scanner and the bulk-mail counter."""
    options: dict[str, Any] = {}
    if args.clamd:
        from aupguard.mail.clamav import ClamdScanner

        try:
            options["scanner"] = ClamdScanner(args.clamd)
        except ValueError as exc:
            raise UsageError(f"--clamd {args.clamd!r}: {exc}") from None
        if not options["scanner"].ping():
            logging.getLogger("aupguard.mail.gateway").warning(
                "clamd at %s does not answer yet: messages are held until it does",
                args.clamd)
    if checker.pack.mail.bulk is not None:
        from aupguard.mail.bulk import BulkCounter

        options["bulk"] = BulkCounter(state / "bulk.sqlite")
    return options


def _serve(args: argparse.Namespace) -> int:
    from aupguard.engine import Checker
    from aupguard.mail.gateway import Gateway, smtp_options
    from aupguard.mail.quarantine import Quarantine, default_quarantine_dir
    from aupguard.mail.reinject import WorkerDeliverer

    listen = _target(args.listen, "--listen")
    reinject = _target(args.reinject, "--reinject")
    if args.max_size < 1 or args.workers < 1:
        raise UsageError("--max-size and --workers must be at least 1")
    logging.basicConfig(stream=sys.stderr,
                        level=logging.INFO if args.verbose else logging.WARNING,
                        format="%(asctime)s aupguard-mail[%(process)d]: %(message)s")
    logging.getLogger("mail.log").setLevel(logging.WARNING)  # aiosmtpd's per-command log
    checker = Checker(args.policy)
    quarantine = Quarantine(args.quarantine or default_quarantine_dir())
    try:
        quarantine.ensure()
    except OSError as exc:
        raise UsageError(f"cannot create the quarantine {quarantine.folder}: {exc}") from None
    from aupguard.mail.journal import Journal

    journal = Journal(quarantine.journal_dir)
    journal.prune(_REMEMBER_S)
    quarantine.clean_temporary()
    options = _check_options(args, checker, quarantine.journal_dir)
    deliverer = WorkerDeliverer(reinject, quarantine.journal_dir)
    deliverer.start()
    _warm_up(checker)
    gateway = Gateway(checker, quarantine, deliverer, journal=journal, workers=args.workers,
                      check_options=options)
    import asyncio  # here: every command builds this parser, few run the gateway

    asyncio.run(_run(gateway, listen, smtp_options(args.max_size * _MB, args.hostname)))
    return 0


def _warm_up(checker: Any) -> None:
    """Check one small message so the first real one does not wait for the detectors'
    first-use setup."""
    from aupguard.mail.checkmail import check_mail

    check_mail(checker, b"Subject: warm-up\r\n\r\nThe meeting is on Tuesday.\r\n",
               recipients=["warm-up@example.org"])


async def _run(gateway: Any, listen: tuple[str, int], options: dict[str, Any]) -> None:
    import asyncio

    from aupguard.mail.gateway import serve

    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    try:
        await serve(gateway, listen[0], listen[1], options, stop)
    except OSError as exc:
        gateway.close()
        raise UsageError(f"cannot listen on {listen[0]}:{listen[1]}: {exc}") from None
