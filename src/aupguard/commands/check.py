"""`aupguard check`: check a draft (or a stream of drafts) against a council's policy."""

from __future__ import annotations

import argparse
import json
import mimetypes
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from aupguard.errors import UsageError
from aupguard.model import (
    CHANNELS,
    ROLES,
    Action,
    Attachment,
    Audience,
    Author,
    Message,
    Verdict,
)

_EXIT_FOR_ACTION = {
    Action.ALLOW: 0,
    Action.RECORD: 0,
    Action.ADVISE: 1,
    Action.WARN: 1,
    Action.HOLD: 2,
    Action.BLOCK: 2,
}
EXIT_INPUT = 3


def exit_code(action: Action) -> int:
    return _EXIT_FOR_ACTION[action]


def add_parser(sub: Any) -> None:
    p = sub.add_parser(
        "check",
        help="check a draft post, blog entry or email against the council's policy",
        description="Check a draft before it goes out. Exit code: 0 nothing to act on, "
        "1 warn or advise, 2 hold or block, 3 usage or input error.",
    )
    p.add_argument("file", nargs="?", default="-", help="draft to check (default: stdin)")
    p.add_argument("--policy", default="leigh", help="belper, leigh, or a path to a pack")
    p.add_argument("--channel", choices=CHANNELS, default="email")
    p.add_argument("--account", choices=("council", "personal"), default="council")
    p.add_argument("--role", choices=ROLES, default="staff")
    p.add_argument("--name", help="the author's name, to match the spokesperson register")
    p.add_argument("--handle", help="the account's handle or user name")
    p.add_argument("--anonymous", action="store_true", help="posted without a real name")
    p.add_argument("--authorised", action="store_true", help="authorised to speak for the council")
    p.add_argument("--audience", choices=("internal", "external", "public"), default=None)
    p.add_argument(
        "--device", choices=("council-system", "council-tablet", "personal-device"), default=None
    )
    p.add_argument(
        "--to",
        action="append",
        default=[],
        metavar="ADDRESS",
        help="a recipient (repeatable); all on the council's domains = internal",
    )
    p.add_argument("--edit", action="store_true", help="the draft edits an earlier post")
    p.add_argument(
        "--attachment",
        action="append",
        default=[],
        metavar="FILE",
        help="a file or picture sent with the draft (repeatable)",
    )
    p.add_argument(
        "--licence",
        help="the licence or permission under which the attachments "
        "are used (e.g. 'CC BY 4.0', 'own photo')",
    )
    p.add_argument(
        "--consented",
        action="store_true",
        help="everyone shown in the attached pictures agreed to them being posted",
    )
    p.add_argument("--html", action="store_true", default=None, help="the draft is HTML")
    p.add_argument("--fix", action="store_true", help="print the draft with fixes applied")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.add_argument(
        "--jsonl",
        action="store_true",
        help="read JSON lines {id, text, channel?, account?, role?, authorised?, external?} "
        "on stdin and write one verdict line each (also accepted: name, handle, anonymous, "
        "html, edits_previous, device, attachments)",
    )
    p.set_defaults(func=run)


def _default_audience(channel: str) -> Audience:
    """Email goes to named recipients; everything else is published."""
    return "external" if channel == "email" else "public"


def _read_draft(name: str) -> str:
    try:
        data = sys.stdin.buffer.read() if name == "-" else Path(name).read_bytes()
    except OSError as exc:
        raise UsageError(f"cannot read {name}: {exc.strerror}") from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        where = "stdin" if name == "-" else name
        raise UsageError(
            f"{where}:{line}: not valid UTF-8 (byte 0x{data[exc.start]:02x}); "
            "save the draft as UTF-8 and try again"
        ) from None


def _attachment(name: str, licence: str | None, consented: bool) -> Attachment:
    path = Path(name)
    media_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    try:
        size = path.stat().st_size
    except OSError:
        size = 0  # described, not sent: a draft may name a picture not yet on this machine
    return Attachment(
        filename=path.name,
        media_type=media_type,
        size=size,
        licence=licence,
        permission=licence is not None,
        people_consented=True if consented else None,
    )


def _attachment_from_record(item: Any) -> Attachment:
    if isinstance(item, str):
        item = {"filename": item}
    if not isinstance(item, dict) or not isinstance(item.get("filename"), str):
        raise ValueError('each of "attachments" must be a file name or {"filename": ...}')
    media_type = item.get("media_type") or mimetypes.guess_type(item["filename"])[0]
    consented = item.get("people_consented")
    return Attachment(
        filename=item["filename"],
        media_type=media_type or "application/octet-stream",
        size=int(item.get("size", 0)),
        licence=item.get("licence"),
        permission=bool(item.get("permission", item.get("licence") is not None)),
        people_consented=None if consented is None else bool(consented),
    )


def _looks_like_html(name: str, text: str) -> bool:
    if name.lower().endswith((".html", ".htm")):
        return True
    head = text.lstrip()[:200].lower()
    return head.startswith(("<!doctype html", "<html", "<p>", "<div", "<body"))


def run(args: argparse.Namespace) -> int:
    from aupguard.engine import Checker, audience_for

    checker = Checker(args.policy)
    if args.jsonl:
        return _run_jsonl(checker, sys.stdin, sys.stdout)
    text = _read_draft(args.file)
    html = args.html if args.html is not None else _looks_like_html(args.file, text)
    recipients = tuple(args.to)
    if args.audience:
        audience = args.audience
    elif recipients:
        audience = audience_for(recipients, checker.pack.council)
    else:
        audience = _default_audience(args.channel)
    message = Message(
        text=text,
        html=html,
        channel=args.channel,
        account=args.account,
        author=Author(
            role=args.role,
            name=args.name,
            handle=args.handle,
            authorised=args.authorised,
            anonymous=args.anonymous,
        ),
        audience=audience,
        recipients=recipients,
        attachments=tuple(
            _attachment(name, args.licence, args.consented) for name in args.attachment
        ),
        edits_previous=args.edit,
        device=args.device,
    )
    verdict = checker.check(message)
    _print_verdict(verdict, checker, args)
    return exit_code(verdict.action)


def _print_verdict(verdict: Verdict, checker: Any, args: argparse.Namespace) -> None:
    if args.fix:
        from aupguard.engine import apply_remedies

        sys.stdout.write(apply_remedies(verdict))
        return
    if args.format == "json":
        json.dump(verdict.to_json(), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return
    from rich.console import Console

    from aupguard.report import render

    render(verdict, checker.pack, Console(highlight=False, soft_wrap=False))


# --- the batch interface: one JSON object per line in, one per line out ---

_BOOL_FIELDS = ("authorised", "external", "edits_previous", "html", "anonymous")


def _message_from_record(record: dict[str, Any]) -> Message:
    text = record.get("text")
    if not isinstance(text, str):
        raise ValueError('"text" must be a string')
    for key in _BOOL_FIELDS:
        if key in record and not isinstance(record[key], bool):
            raise ValueError(f'"{key}" must be true or false')
    channel = record.get("channel", "email")
    if channel not in CHANNELS:
        raise ValueError(f'"channel" must be one of {", ".join(CHANNELS)}')
    account = record.get("account", "council")
    if account not in ("council", "personal"):
        raise ValueError('"account" must be "council" or "personal"')
    device = record.get("device")
    if device not in (None, "council-system", "council-tablet", "personal-device"):
        raise ValueError('"device" must be council-system, council-tablet or personal-device')
    role = record.get("role", "staff")
    if role not in ROLES:
        raise ValueError(f'"role" must be one of {", ".join(ROLES)}')
    attachments = record.get("attachments", [])
    if not isinstance(attachments, list):
        raise ValueError('"attachments" must be a list')
    external = record.get("external")
    audience: Audience
    if external is None:
        audience = _default_audience(channel)
    else:
        audience = "external" if external else "internal"
    return Message(
        text=text,
        html=bool(record.get("html", False)),
        channel=channel,
        account=account,
        author=Author(
            role=role,
            name=record.get("name"),
            handle=record.get("handle"),
            authorised=bool(record.get("authorised", False)),
            anonymous=bool(record.get("anonymous", False)),
        ),
        audience=audience,
        attachments=tuple(_attachment_from_record(a) for a in attachments),
        edits_previous=bool(record.get("edits_previous", False)),
        device=device,
    )


def _lines(stream: IO[str] | IO[bytes]) -> Iterator[tuple[int, str | UnicodeDecodeError]]:
    """Numbered non-blank lines; a line of bad bytes comes back as its decode error so
    that it is one error record, not the end of the stream."""
    for number, raw in enumerate(stream, 1):
        line: str
        if isinstance(raw, bytes):
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                yield number, exc
                continue
        elif isinstance(raw, str):
            line = raw
        else:
            continue
        if line.strip():
            yield number, line


def _run_jsonl(checker: Any, src: IO[str], out: IO[str]) -> int:
    """Load once, stream: a bad line yields an error record for its id and the stream
    goes on."""
    worst = 0
    had_error = False
    for number, line in _lines(getattr(src, "buffer", src)):
        record_id: Any = None
        try:
            if isinstance(line, UnicodeDecodeError):
                raise ValueError("not valid UTF-8")
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                raise ValueError(f"not valid JSON ({exc.msg} at column {exc.colno})") from None
            if not isinstance(record, dict):
                raise ValueError("each line must be a JSON object")
            record_id = record.get("id")
            message = _message_from_record(record)
        except ValueError as exc:
            had_error = True
            reason = str(exc).splitlines()[0]
            print(f"aupguard: error: stdin:{number}: {reason}", file=sys.stderr)
            out.write(json.dumps({"id": record_id, "line": number, "error": reason}) + "\n")
            continue
        verdict = checker.check(message)
        worst = max(worst, exit_code(verdict.action))
        result = {"id": record_id, **verdict.to_json(full=False)}
        out.write(json.dumps(result, ensure_ascii=False) + "\n")
    out.flush()
    return EXIT_INPUT if had_error else worst
