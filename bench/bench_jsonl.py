"""Throughput of the batch interface: `aupguard check --jsonl` as a user runs it.

The SpamAssassin texts (or, with --posts, short posts cut from them) are written to a
JSON-lines file and piped through the installed command in one process; the time
includes starting Python and loading the pack, as a real audit run would.

    python bench/bench_jsonl.py [--posts] [--limit N]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import _corpus  # noqa: E402


def records(posts: bool, limit: int) -> list[dict[str, object]]:
    root = _corpus.corpus_root()
    if root is None:
        return []
    out: list[dict[str, object]] = []
    for i, mail in enumerate(_corpus.iter_mail(root)):
        text = mail.text
        if posts:  # a social-media-sized post: the first 280 characters
            text = " ".join(text.split())[:280]
        out.append({"id": i, "text": text, "channel": "social" if posts else "email",
                    "account": "council", "role": "councillor", "external": True})
        if limit and len(out) >= limit:
            break
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", action="store_true", help="short posts instead of emails")
    parser.add_argument("--limit", type=int, default=0)
    args = parser.parse_args()
    lines = records(args.posts, args.limit)
    if not lines:
        print("SpamAssassin corpus not found at ../shared/data/spamassassin; nothing to do")
        return 0
    command = shutil.which("aupguard") or ""
    argv = [command] if command else [sys.executable, "-m", "aupguard.cli"]
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "in.jsonl"
        src.write_text("".join(json.dumps(r) + "\n" for r in lines))
        with src.open("rb") as stdin:
            t0 = time.perf_counter()
            proc = subprocess.run(
                [*argv, "check", "--jsonl", "--policy", "leigh"],
                stdin=stdin, capture_output=True, check=False,
                env={**os.environ, "PYTHONUNBUFFERED": "0"},
            )
            elapsed = time.perf_counter() - t0
    out = proc.stdout.decode().splitlines()
    if len(out) != len(lines):
        print(f"expected {len(lines)} output lines, got {len(out)}: {proc.stderr.decode()[:500]}")
        return 1
    kind = "posts (≤280 chars)" if args.posts else "emails"
    print(f"{len(lines)} {kind} through `aupguard check --jsonl` in {elapsed:.2f} s "
          f"(including start-up): {len(lines) / elapsed:.0f} per second")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
