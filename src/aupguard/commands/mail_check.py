"""`aupguard mail check PATH...`: audit stored mail with the gateway's own checks.

How a Town Clerk answers "has anything like this gone out before?": point it at a Sent
folder, an mbox export or a folder of .eml files, and every message is checked exactly
as `aupguard mail serve` would check it, read one at a time (see
`aupguard.mail.stores` for what a PATH may be, `aupguard.mail.audit` for the fields).

Output (stdout): with `--format jsonl` (the default) one JSON object per message, then
one last line, the summary, marked `"summary": true`; with `--format text` one line per
message (findings indented below it) and the summary in words. stderr carries only what
is about the run: sources that could not be read, a count of files that are not mail,
and, when stderr is a terminal, a progress bar (messages checked and rate).

Exit code: 0 every message would be delivered without a warning; 1 some message would
be delivered with a warn or advise finding; 2 some message would be held or refused;
3 a usage error (a PATH that does not exist, named, before anything is read), or some
source could not be read (the audit is incomplete; listed in the summary). Files that
are not mail are skipped and change nothing. `--only` filters what is printed, never
what is counted.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections import Counter
from typing import IO, Any

from aupguard.errors import UsageError

_EXIT_INTERRUPTED = 130


def add_parser(msub: Any) -> None:
    p = msub.add_parser(
        "check",
        help="audit stored mail (.eml, mbox, Maildir, folders of messages) against the policy",
        description="Check stored messages with the same checks as the mail gateway, one "
        "at a time, printing one JSON line per message and a summary line. PATH is a "
        ".eml file, an mbox file (also .gz, .bz2, .xz), a Maildir, a folder of message "
        "files, or - for standard input. Exit code: 0 all would be delivered, 1 some "
        "with warnings, 2 some held or refused, 3 usage error or a source not readable.",
    )
    p.add_argument("paths", nargs="+", metavar="PATH", help="what to check ('-' for stdin)")
    p.add_argument("--policy", default="leigh", help="belper, leigh, or a path to a pack")
    p.add_argument(
        "--direction",
        choices=("outbound", "inbound", "internal"),
        default=None,
        help="treat every message as sent this way (e.g. outbound for a Sent folder); "
        "default: from the From and To headers against the council's email domains",
    )
    p.add_argument(
        "--sender",
        default=None,
        metavar="ADDRESS",
        help="treat every message as sent by ADDRESS when working out its direction",
    )
    p.add_argument(
        "-r", "--recursive", action="store_true",
        help="read sub-folders too (and a Maildir's .Sent, .Archive ... folders)",
    )
    p.add_argument(
        "--only",
        default=None,
        metavar="ACTIONS",
        help="print only messages with these actions, comma-separated (deliver, hold, "
        "refuse); the summary and exit code still count every message",
    )
    p.add_argument("--format", choices=("jsonl", "text"), default="jsonl")
    p.add_argument("--summary-only", action="store_true", help="print only the summary")
    p.add_argument(
        "--workers",
        type=int,
        default=1,
        metavar="N",
        help="check in N processes (0: one per CPU); output stays in input order",
    )
    p.add_argument(
        "--clamd",
        default=None,
        metavar="ADDRESS",
        help="also scan every message with clamd at ADDRESS (unix:/run/clamav/clamd.ctl "
        "or host:port)",
    )
    p.add_argument("--no-progress", action="store_true", help="no progress bar on a terminal")
    p.set_defaults(func=run)


def _only(text: str | None) -> frozenset[str] | None:
    from aupguard.mail.audit import ACTIONS

    if text is None:
        return None
    wanted = frozenset(w.strip().lower() for w in text.split(",") if w.strip())
    unknown = sorted(wanted - set(ACTIONS))
    if unknown or not wanted:
        raise UsageError(f"--only {text!r}: choose from {', '.join(ACTIONS)}")
    return wanted


def _check_args(args: argparse.Namespace) -> None:
    from aupguard.mail.stores import STDIN, check_paths

    if args.paths.count(STDIN) > 1:
        raise UsageError("'-' (standard input) can be given only once")
    try:
        check_paths(args.paths)
    except FileNotFoundError as exc:
        raise UsageError(f"{exc.args[0]}: no such file or folder") from None
    if args.workers < 0:
        raise UsageError("--workers must be 0 (one per CPU) or more")
    if args.clamd is not None:
        from aupguard.mail.clamav import parse_address

        try:
            parse_address(args.clamd)
        except ValueError as exc:
            raise UsageError(f"--clamd: {exc}") from None


def run(args: argparse.Namespace) -> int:
    from aupguard.engine import Checker
    from aupguard.mail.audit import AuditSettings, Summary, run_audit
    from aupguard.mail.stores import Skipped, iter_messages

    _check_args(args)
    only = _only(args.only)
    settings = AuditSettings(policy=args.policy, direction=args.direction,
                             sender=args.sender, clamd=args.clamd)
    checker = Checker(args.policy)  # a bad pack fails here, before anything is read
    workers = args.workers or os.cpu_count() or 1
    summary = Summary()
    out = sys.stdout
    write = _write_text if args.format == "text" else _write_json
    not_mail: Counter[str] = Counter()
    examples: dict[str, str] = {}
    progress = _Progress.start() if _show_progress(args) else None
    note = progress.note if progress else _note
    results = run_audit(iter_messages(args.paths, recursive=args.recursive), settings,
                        workers=workers, checker=checker)
    interrupted = False
    try:
        for result in results:
            if isinstance(result, Skipped):
                summary.skip(result)
                if result.unreadable:
                    note(f"aupguard: {result.source}: {result.reason}")
                else:
                    not_mail[result.reason] += 1
                    examples.setdefault(result.reason, result.source)
                continue
            summary.add(result)
            if progress:
                progress.advance(result["source"])
            if not args.summary_only and (only is None or result["action"] in only):
                write(out, result)
    except KeyboardInterrupt:
        interrupted = True
    finally:
        results.close()  # stops the worker processes, if any
        if progress:
            progress.stop()
    for reason, n in not_mail.items():
        _note(f"aupguard: skipped {n} item{'s' if n != 1 else ''}: {reason} "
              f"(e.g. {examples[reason]})")
    data = summary.to_json()
    if interrupted:
        data["interrupted"] = True
    if args.format == "text":
        out.write(_summary_text(data))
    else:
        out.write(_safe(json.dumps(data, ensure_ascii=False)) + "\n")
    out.flush()
    return _EXIT_INTERRUPTED if interrupted else summary.exit_code


def _show_progress(args: argparse.Namespace) -> bool:
    try:
        return not args.no_progress and sys.stderr.isatty()
    except (AttributeError, ValueError):
        return False


def _note(text: str) -> None:
    print(_safe(text), file=sys.stderr)


def _safe(text: str) -> str:
    """Lone surrogates (undecodable header bytes) written as JSON escapes: the line
    stays valid JSON and valid UTF-8."""
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


def _write_json(out: IO[str], rec: dict[str, Any]) -> None:
    out.write(_safe(json.dumps(rec, ensure_ascii=False)) + "\n")


def _write_text(out: IO[str], rec: dict[str, Any]) -> None:
    subject = rec["subject"] if rec["subject"] is not None else "(no subject)"
    lines = [f"{rec['action'].upper():<8} {rec['source']}  {rec['message_id'] or '-'}  "
             f"{subject!r}"]
    if rec["action"] != "deliver":
        lines.append(f"         {rec['reason']}")
    for f in rec["findings"]:
        what = "/".join(x for x in (f["category"], f["subtype"] or f["entity"]) if x)
        lines.append(f"         {f['action']}: {f['clause'] or '-'} {what} in part "
                     f"{f['part']} [{f['start']}:{f['end']}] {f['excerpt']!r}")
    out.write(_safe("\n".join(lines)) + "\n")


def _summary_text(data: dict[str, Any]) -> str:
    acts = data["actions"]
    n = data["messages"]
    lines = [f"{n} message{'s' if n != 1 else ''} checked: {acts['deliver']} deliver "
             f"({data['warned']} with warnings), {acts['hold']} hold, {acts['refuse']} "
             f"refuse; {data['with_problems']} could not be fully checked"]
    if data["clauses"]:
        top = ", ".join(f"{c['clause']} ({c['messages']})" for c in data["clauses"])
        lines.append(f"clauses cited most: {top}")
    if data["skipped"]:
        lines.append(f"skipped (not mail): {data['skipped']}")
    if data["unreadable"]:
        lines.append(f"could not be read: {data['unreadable']}")
        lines += [f"  {u['source']}: {u['reason']}" for u in data["unreadable_sources"]]
    if data.get("interrupted"):
        lines.append("interrupted: the audit did not finish")
    return _safe("\n".join(lines)) + "\n"


class _Progress:
    """A rich progress display on stderr: messages checked, rate, elapsed time, and the
    source being read. Only ever started when stderr is a terminal."""

    def __init__(self, progress: Any, task: Any) -> None:
        self._progress = progress
        self._task = task

    @classmethod
    def start(cls) -> _Progress:
        from rich.console import Console
        from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

        progress = Progress(
            SpinnerColumn(),
            TextColumn("{task.completed:,.0f} messages checked"),
            _rate_column(),
            TimeElapsedColumn(),
            TextColumn("{task.fields[source]}", style="dim"),
            console=Console(file=sys.stderr),
            transient=True,
        )
        task = progress.add_task("check", total=None, source="")
        progress.start()
        return cls(progress, task)

    def advance(self, source: str) -> None:
        name = os.path.basename(source)
        self._progress.update(self._task, advance=1,
                              source=name if len(name) <= 32 else "…" + name[-31:])

    def note(self, text: str) -> None:
        self._progress.console.print(text, markup=False, highlight=False)

    def stop(self) -> None:
        self._progress.stop()


def _rate_column() -> Any:
    from rich.progress import ProgressColumn, Task
    from rich.text import Text

    class RateColumn(ProgressColumn):
        def render(self, task: Task) -> Text:
            speed = task.speed
            return Text(f"{speed:,.1f}/s" if speed else "-/s", style="cyan")

    return RateColumn()

