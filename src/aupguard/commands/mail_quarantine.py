"""`aupguard mail quarantine list|show|release|delete`: what the gateway held.

`release` hands the original bytes, unchanged, back to Postfix's second smtpd (the one
without the content filter) with the original envelope, so the message goes out
exactly as its sender wrote it. The record moves to `released/` and is kept until
deleted. Exit codes: 0 done, 3 an unknown id, or a release Postfix did not accept.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from aupguard.errors import AupguardError, UsageError

_EXCERPT_CHARS = 1500


def add_parser(msub: Any) -> None:
    p = msub.add_parser(
        "quarantine",
        help="list, show, release or delete messages the gateway held",
        description="Messages held by `aupguard mail serve` for a person to review.",
    )
    qsub = p.add_subparsers(dest="quarantine_command", required=True, parser_class=type(p))

    def common(sp: argparse.ArgumentParser) -> None:
        sp.add_argument("--quarantine", type=Path, default=None, metavar="DIR",
                        help="the quarantine folder (default: 'quarantine' in aupguard's "
                        "data folder, as for `mail serve`)")

    ls = qsub.add_parser("list", help="held messages, oldest first")
    common(ls)
    ls.add_argument("--all", action="store_true", help="released ones too")
    ls.add_argument("--format", choices=("text", "json"), default="text",
                    help="json: one JSON object per line")
    ls.set_defaults(func=_list)

    show = qsub.add_parser("show", help="one message: envelope, verdict, findings, text")
    common(show)
    show.add_argument("id")
    show.add_argument("--format", choices=("text", "json"), default="text")
    show.set_defaults(func=_show)

    rel = qsub.add_parser("release", help="deliver a held message as it was sent")
    common(rel)
    rel.add_argument("id")
    rel.add_argument("--reinject", default="127.0.0.1:10026", metavar="HOST:PORT",
                     help="Postfix's smtpd without the content filter (default "
                     "127.0.0.1:10026, as for `mail serve`)")
    rel.set_defaults(func=_release)

    rm = qsub.add_parser("delete", help="delete a message (held or released) for good")
    common(rm)
    rm.add_argument("id")
    rm.set_defaults(func=_delete)


def _open(args: argparse.Namespace) -> Any:
    from aupguard.mail.quarantine import Quarantine, default_quarantine_dir

    return Quarantine(args.quarantine or default_quarantine_dir())


def _get(quarantine: Any, qid: str) -> Any:
    from aupguard.mail.quarantine import NotFound

    try:
        return quarantine.get(qid)
    except NotFound:
        raise UsageError(f"no message {qid!r} in the quarantine {quarantine.folder}") from None


def _summary(item: Any) -> dict[str, Any]:
    meta = item.meta
    env = meta.get("envelope", {})
    return {"id": item.id, "status": item.status, "time": meta.get("time"),
            "mail_from": env.get("mail_from"), "rcpt_to": env.get("rcpt_to", []),
            "subject": meta.get("subject"), "message_id": meta.get("message_id"),
            "direction": meta.get("direction"), "size": meta.get("size"),
            "reason": meta.get("reason"),
            "clauses": meta.get("verdict", {}).get("clauses", [])}


def _list(args: argparse.Namespace) -> int:
    items = _open(args).list(include_released=args.all)
    out = sys.stdout
    for item in items:
        if args.format == "json":
            out.write(json.dumps(_summary(item), ensure_ascii=False) + "\n")
            continue
        s = _summary(item)
        rcpts = ", ".join(s["rcpt_to"][:3]) + (" ..." if len(s["rcpt_to"]) > 3 else "")
        flag = "" if item.status == "held" else " [released]"
        out.write(f"{item.id}{flag}  {s['mail_from'] or '<>'} -> {rcpts}\n"
                  f"    {_one_line(s['subject'] or '(no subject)')}\n"
                  f"    {_one_line(s['reason'] or '')}\n")
    if args.format == "text" and not items:
        out.write("The quarantine is empty.\n")
    return 0


def _one_line(text: str, limit: int = 160) -> str:
    flat = " ".join(str(text).split())
    return flat if len(flat) <= limit else flat[: limit - 3] + "..."


def _excerpt(raw: bytes) -> str:
    """The readable text of the message (subject and body parts), for a person."""
    from aupguard.mail.checkmail import checkable_texts
    from aupguard.mail.mime import parse_mail

    try:
        texts = checkable_texts(parse_mail(raw))
    except Exception as exc:  # noqa: BLE001 - shown, not acted on
        return f"(the text could not be read: {exc!r:.200})"
    joined = "\n\n".join(f"[{part}] {text.strip()}" for part, text in texts if text.strip())
    return joined if len(joined) <= _EXCERPT_CHARS else joined[:_EXCERPT_CHARS] + " ..."


def _show(args: argparse.Namespace) -> int:
    item = _get(_open(args), args.id)
    excerpt = _excerpt(item.raw())
    if args.format == "json":
        sys.stdout.write(json.dumps(dict(item.meta, status=item.status, excerpt=excerpt),
                                    ensure_ascii=False, indent=1) + "\n")
        return 0
    s = _summary(item)
    verdict = item.meta.get("verdict", {})
    lines = [f"id:         {item.id} ({item.status})", f"time:       {s['time']}",
             f"from:       {s['mail_from'] or '<>'}", f"to:         {', '.join(s['rcpt_to'])}",
             f"direction:  {s['direction']}", f"subject:    {s['subject']}",
             f"message-id: {s['message_id']}", f"size:       {s['size']} bytes",
             f"reason:     {s['reason']}"]
    if item.meta.get("released_at"):
        lines.append(f"released:   {item.meta['released_at']} to {item.meta.get('released_to')}")
    for f in verdict.get("findings", []):
        lines.append(f"finding:    [{f.get('action')}] {f.get('clause')} {f.get('category')}"
                     f" in part {f.get('part')} at {f.get('start')}-{f.get('end')}: "
                     f"{_one_line(f.get('excerpt') or '', 100)!r}")
    for a in verdict.get("attachments", []):
        lines.append(f"attachment: [{a.get('action')}] {a.get('filename')}: {a.get('detail')}")
    for p in verdict.get("problems", []):
        lines.append(f"problem:    {p.get('code')}: {p.get('detail')}")
    lines += ["", "text:", excerpt]
    sys.stdout.write("\n".join(lines) + "\n")
    return 0


def _release(args: argparse.Namespace) -> int:
    from aupguard.commands.mail_serve import _target

    quarantine = _open(args)
    item = _get(quarantine, args.id)
    try:
        reply = quarantine.release(item.id, _target(args.reinject, "--reinject"))
    except RuntimeError as exc:
        raise AupguardError(str(exc)) from None
    if not reply.ok:
        raise AupguardError(f"Postfix did not take {item.id}: {reply.code} {reply.text}; "
                            "it stays held")
    sys.stdout.write(f"released {item.id}: {reply.code} {reply.text}\n")
    return 0


def _delete(args: argparse.Namespace) -> int:
    quarantine = _open(args)
    item = _get(quarantine, args.id)
    try:
        quarantine.delete(item.id)
    except RuntimeError as exc:
        raise AupguardError(str(exc)) from None
    sys.stdout.write(f"deleted {item.id}\n")
    return 0
