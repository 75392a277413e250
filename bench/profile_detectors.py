"""Where the checker's time goes: mean microseconds per message for normalising, the
shared trigger scan and each detector, over the SpamAssassin texts.

    python bench/profile_detectors.py [--limit N] [--only personal_data,abuse]

The budget that makes aupguard 10x faster than Presidio on this corpus is about 200 µs
per message in all; docs/benchmarks.md has the figures.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import _corpus  # noqa: E402
from aupguard import detectors  # noqa: E402
from aupguard.detectors.base import Context  # noqa: E402
from aupguard.model import CATEGORIES, Author, Message  # noqa: E402
from aupguard.policy.loader import load_pack  # noqa: E402
from aupguard.text import normalise  # noqa: E402


def bench_message(text: str) -> Message:
    """A councillor on the council's social account editing a post: every detector that
    looks at text has work to do (identity and disclaimer stop early on this account)."""
    return Message(
        text=text,
        channel="social",
        account="council",
        audience="public",
        author=Author(role="councillor"),
        edits_previous=True,
    )


def breakdown(messages: Sequence[Message], running: Sequence[str]) -> dict[str, float]:
    """Seconds spent in normalising, the trigger scan and each detector."""
    pack = load_pack("leigh")
    dets = [(c, detectors.get(c)) for c in running]
    spent: dict[str, float] = defaultdict(float)
    # CPU time, not wall time: steadier when other work shares the machine.
    clock = time.process_time
    for msg in messages:
        t0 = clock()
        text = normalise(msg.text, html=msg.html)
        _ = text.plain.text, text.folded.text
        t1 = clock()
        _ = text.trigger_hits
        t2 = clock()
        spent["(normalise)"] += t1 - t0
        spent["(trigger scan)"] += t2 - t1
        ctx = Context(
            message=msg,
            text=text,
            council=pack.council,
            register=pack.council_register,
            thresholds=pack.thresholds,
        )
        for name, det in dets:
            t0 = clock()
            det.detect(ctx)
            spent[name] += clock() - t0
    return dict(spent)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=0, help="first N messages only")
    parser.add_argument("--only", default="", help="comma-separated detector categories")
    args = parser.parse_args(argv)
    root = _corpus.corpus_root()
    if root is None:
        print("SpamAssassin corpus not found at ../shared/data/spamassassin; nothing to do")
        return 0
    mails = list(_corpus.iter_mail(root))
    if args.limit:
        mails = mails[: args.limit]
    messages = [bench_message(m.text) for m in mails]
    running = [c for c in (args.only.split(",") if args.only else CATEGORIES) if c]
    breakdown(messages[:100], running)  # warm-up: imports, caches
    spent = breakdown(messages, running)
    total = sum(spent.values())
    print(f"{len(messages)} messages; mean {total * 1e6 / len(messages):.0f} µs per message")
    print("| stage | µs per message |\n|---|---:|")
    for name, seconds in sorted(spent.items(), key=lambda kv: -kv[1]):
        print(f"| {name} | {seconds * 1e6 / len(messages):.1f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
