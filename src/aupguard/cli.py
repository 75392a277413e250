"""aupguard: check drafts against a council's social media, internet and email policy.

Exit codes: 0 nothing to act on, 1 warn or advise, 2 hold or block, 3 usage or input error.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import NoReturn

from aupguard import __version__
from aupguard.errors import AupguardError

EXIT_USAGE = 3


class _Parser(argparse.ArgumentParser):
    """argparse exits 2 on a usage error; 2 means "hold or block" here, so use 3."""

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    from aupguard.commands.check import add_parser as add_check
    from aupguard.commands.lists import add_parser as add_lists
    from aupguard.commands.mail import add_parser as add_mail
    from aupguard.commands.policy import add_parser as add_policy
    from aupguard.commands.report import add_parser as add_report
    from aupguard.commands.web import add_parser as add_web

    parser = _Parser(
        prog="aupguard",
        description=__doc__.splitlines()[0],
        epilog="Exit codes: 0 nothing to act on, 1 warn or advise, 2 hold or block, "
        "3 usage or input error.",
    )
    parser.add_argument("--version", action="version", version=f"aupguard {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    add_check(sub)
    add_policy(sub)
    add_lists(sub)
    add_web(sub)
    add_mail(sub)
    add_report(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        code: int = args.func(args)
    except AupguardError as exc:
        print(f"aupguard: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:
        return 0
    return code


if __name__ == "__main__":
    sys.exit(main())
