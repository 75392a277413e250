"""Category index on the full UT1 lists: compile time, file size, load time, lookups
per second on a mix of listed and unlisted hosts and URLs, and peak RSS.

Run from the repository root: .venv/bin/python bench/bench_ut1_index.py [UT1_DIR]
"""

from __future__ import annotations

import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from aupguard.web.index import Index, compile_lists

DEFAULT_UT1 = Path("../shared/data/ut1")


def _sample(path: Path, n: int, rng: random.Random) -> list[str]:
    lines = [ln.strip() for ln in path.read_text("utf-8", "replace").splitlines() if ln.strip()]
    return rng.sample(lines, min(n, len(lines)))


def _requests(ut1: Path, rng: random.Random) -> list[str]:
    """Half listed (hosts, subdomains, URL prefixes), half unlisted, some IPs and paths."""
    listed: list[str] = []
    for cat in ("gambling", "shopping", "games", "jobsearch", "agressif", "redirector"):
        for d in _sample(ut1 / cat / "domains", 2000, rng):
            listed.append(rng.choice([d, f"www.{d}", f"http://img.{d}/a/b.png?x=1"]))
    for cat in ("phishing", "malware"):
        listed += [f"https://{u}" for u in _sample(ut1 / cat / "urls", 3000, rng)]
    unlisted = [
        rng.choice(
            [
                f"unlisted-{i}.example.org",
                f"https://www.site{i}.co.uk/news/{i}/story.html?ref=home",
                f"http://10.{i % 256}.{i // 256 % 256}.7/index.html",
                f"https://cdn{i}.parish-council.gov.uk/minutes/2024/{i}.pdf",
            ]
        )
        for i in range(len(listed))
    ]
    reqs = listed + unlisted
    rng.shuffle(reqs)
    return reqs


def serve(ut1: Path, index: Path) -> None:
    """Load and look up in a fresh process, so its peak RSS is what a helper would use."""
    reqs = _requests(ut1, random.Random(4))
    t = time.perf_counter()
    ix = Index.load(index)
    print(f"load: {(time.perf_counter() - t) * 1000:.1f} ms")
    hits = errors = 0
    t = time.perf_counter()
    for r in reqs:
        try:
            hits += bool(ix.mask(r))
        except ValueError:
            errors += 1
    dt = time.perf_counter() - t
    print(
        f"lookups: {len(reqs)} in {dt:.2f} s = {len(reqs) / dt:,.0f}/s "
        f"({hits} matched, {errors} rejected as malformed)"
    )
    # ru_maxrss survives exec on Linux, so read this process's own high-water mark.
    status = Path("/proc/self/status")
    hwm = [ln for ln in status.read_text().splitlines() if ln.startswith("VmHWM")]
    if hwm:
        print(f"peak RSS serving (incl. the test requests): {int(hwm[0].split()[1]) / 1024:.0f} MB")
    else:
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"peak RSS (ru_maxrss, includes the compiling parent): {rss:.0f} MB")


def main() -> None:
    if len(sys.argv) == 4 and sys.argv[1] == "--serve":
        serve(Path(sys.argv[2]), Path(sys.argv[3]))
        return
    ut1 = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_UT1
    if not ut1.is_dir():
        sys.exit(f"UT1 lists not found at {ut1}")
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "ut1.aupx"
        stats = compile_lists([ut1], out)
        print(
            f"compile: {stats.seconds:.2f} s, {len(stats.categories)} categories, "
            f"{stats.domain_keys} domain keys, {stats.url_keys} URL keys, "
            f"{stats.skipped} lines skipped"
        )
        print(f"index size: {stats.size_bytes / 1e6:.2f} MB")
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"peak RSS compiling: {rss:.0f} MB")
        subprocess.run([sys.executable, __file__, "--serve", str(ut1), str(out)], check=True)


if __name__ == "__main__":
    main()
