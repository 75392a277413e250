"""Short posts with the trained abuse model on (issue 3): single-post latency and batch
throughput, every detector running.

    python bench/bench_posts.py [--limit N] [--repeat R]

Posts are the first 280 characters of each SpamAssassin message (whitespace collapsed),
6,046 of them, plus the 326 texts of the abuse functional suite, so the abuse model sees
both everyday and abusive sentences.
(a) single post: `Checker.check` on one post at a time in one process (pack `leigh`
    with a bench-only clause so all 14 detectors run; see bench_presidio.py), after a
    warm-up pass; p50/p95/p99 per post. The abuse model's sentence cache is emptied
    before each timed pass, so every sentence is scored as if new (its per-word cache,
    as in a long-running server, stays warm).
(b) batch: the same posts through `aupguard check --jsonl --policy leigh` as a user runs
    it, one process, start-up included (bench_jsonl.py's method).
"""

from __future__ import annotations

import argparse
import gc
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import _corpus  # noqa: E402
from aupguard.detectors._abuse_ngrams import shipped_model  # noqa: E402
from aupguard.engine import Checker  # noqa: E402
from bench_presidio import _lat_summary, all_detector_pack, bench_message, machine  # noqa: E402

FUNCTIONAL = HERE.parent / "tests" / "fixtures" / "abuse" / "functional.jsonl"


def posts(limit: int) -> list[str]:
    root = _corpus.corpus_root()
    out: list[str] = []
    if root is not None:
        out = [" ".join(m.text.split())[:280] for m in _corpus.iter_mail(root)]
    with FUNCTIONAL.open(encoding="utf-8") as fh:
        out += [json.loads(line)["text"] for line in fh if line.strip()]
    return out[:limit] if limit else out


def single(texts: list[str], repeat: int) -> dict[str, object]:
    pack, running, _ = all_detector_pack()
    checker = Checker(pack)
    messages = [bench_message(t) for t in texts]
    for m in messages:  # warm-up: imports, compiled databases, the model's word cache
        checker.check(m)
    lat: list[float] = []
    clock = time.perf_counter
    model = shipped_model()
    for _ in range(repeat):
        model.forget_sentences()
        gc.collect()
        for m in messages:
            t0 = clock()
            checker.check(m)
            lat.append(clock() - t0)
    return {"detectors": len(running), **_lat_summary(lat)}


def batch(texts: list[str]) -> dict[str, float]:
    command = shutil.which("aupguard")
    argv = [command] if command else [sys.executable, "-m", "aupguard.cli"]
    lines = [{"id": i, "text": t, "channel": "social", "account": "council",
              "role": "councillor", "external": True} for i, t in enumerate(texts)]
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "in.jsonl"
        src.write_text("".join(json.dumps(r) + "\n" for r in lines))
        with src.open("rb") as stdin:
            t0 = time.perf_counter()
            proc = subprocess.run([*argv, "check", "--jsonl", "--policy", "leigh"],
                                  stdin=stdin, capture_output=True, check=False)
            elapsed = time.perf_counter() - t0
    got = len(proc.stdout.decode().splitlines())
    if got != len(lines):
        raise SystemExit(f"expected {len(lines)} lines, got {got}: {proc.stderr[:500]!r}")
    return {"posts": len(lines), "seconds": round(elapsed, 2),
            "per_second": round(len(lines) / elapsed)}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--repeat", type=int, default=2, help="timed passes over the posts")
    args = ap.parse_args()
    texts = posts(args.limit)
    print(json.dumps({"machine": machine()}))
    s = single(texts, args.repeat)
    print(f"single post, in process ({s['detectors']} detectors, {s['n']} timed checks): "
          f"p50 {s['p50_ms']} ms, p95 {s['p95_ms']} ms, p99 {s['p99_ms']} ms, "
          f"max {s['max_ms']} ms")
    b = batch(texts)
    print(f"batch, `aupguard check --jsonl`: {b['posts']} posts in {b['seconds']} s "
          f"(start-up included): {b['per_second']} posts per second")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
