"""`aupguard mail`: the mail gateway's commands.

Each subcommand lives in its own module (`mail_serve`: the Postfix content filter and
its configuration; `mail_quarantine`: held messages; `mail_check`: audits of stored
mail); this module only makes the group and registers them.
"""

from __future__ import annotations

from typing import Any


def add_parser(sub: Any) -> None:
    p = sub.add_parser(
        "mail",
        help="mail gateway: the Postfix content filter, its quarantine, audits of stored mail",
        description="The mail gateway: check every message against the policy as it goes "
        "through Postfix, hold what needs a person in a quarantine, and audit stored mail.",
    )
    msub = p.add_subparsers(dest="mail_command", required=True, parser_class=type(p))
    from aupguard.commands import mail_check, mail_quarantine, mail_serve

    for module in (mail_serve, mail_quarantine, mail_check):
        module.add_parser(msub)
