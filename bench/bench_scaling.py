"""How check time grows with input size, for the inputs that break naive regexes.

Each pattern is checked at 10 KB, 100 KB and 1 MB with every detector on. Linear time
means each tenfold step costs about ten times as much; the script flags any step that
costs more than 20 times (quadratic behaviour would show as about 100 times).

    .venv/bin/python bench/bench_scaling.py
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Callable

from aupguard.engine import Checker
from aupguard.model import Author, Message

SIZES = (10_000, 100_000, 1_000_000)

PATTERNS: dict[str, Callable[[int], tuple[str, bool]]] = {
    "one letter": lambda n: ("a" * n, False),
    "digits": lambda n: ("7" * n, False),
    "spaced letters": lambda n: ("f u " * (n // 4), False),
    "at and dot": lambda n: ("@." * (n // 2), False),
    "zero-width": lambda n: ("\u200b" * n, False),
    "less-than signs": lambda n: ("<" * n, True),
    "nested html": lambda n: ("<div>" * (n // 11) + "x" + "</div>" * (n // 11), True),
    "email prose": lambda n: (
        (
            "Dear resident, thank you for your email about the allotments. The committee "
            "meets on 3 March; call the office on 01702 716288. Regards, the Clerk.\n"
        )
        * (n // 170),
        False,
    ),
}


def time_check(checker: Checker, text: str, html: bool) -> float:
    message = Message(
        text=text,
        html=html,
        channel="blog",
        account="personal",
        device="council-tablet",
        author=Author(role="councillor", handle="someone"),
        edits_previous=True,
    )
    best = float("inf")
    for _ in range(3 if len(text) <= 100_000 else 1):
        t0 = time.perf_counter()
        checker.check(message)
        best = min(best, time.perf_counter() - t0)
    return best


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", help="write the figures here")
    args = parser.parse_args()
    checker = Checker("leigh")
    rows = []
    worst = 0.0
    print("| input | 10 KB | 100 KB | 1 MB | growth 10K→100K | growth 100K→1M |")
    print("|---|---|---|---|---|---|")
    for name, make in PATTERNS.items():
        times = [time_check(checker, *make(n)) for n in SIZES]
        growth = [times[i + 1] / max(times[i], 1e-6) for i in range(2)]
        worst = max(worst, growth[1])
        rows.append({"input": name, "seconds": times, "growth": growth})
        cells = " | ".join(f"{t * 1000:.1f} ms" for t in times)
        print(f"| {name} | {cells} | ×{growth[0]:.1f} | ×{growth[1]:.1f} |")
    verdict = "linear" if worst <= 20 else "NOT LINEAR"
    print(f"\nworst tenfold growth (100 KB→1 MB): ×{worst:.1f} ({verdict})")
    if args.json:
        with open(args.json, "w") as fh:
            json.dump(rows, fh, indent=2)
    return 0 if worst <= 20 else 1


if __name__ == "__main__":
    raise SystemExit(main())
