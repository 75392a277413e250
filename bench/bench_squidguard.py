"""aupguard's Squid helper beside Debian's squidGuard: the same request lines through
both, throughput, memory and every decision that differs, with its reason.

Run from the repository root:
    .venv/bin/python bench/bench_squidguard.py [--lines 1000000] [--repeat 3]

Both run as Squid starts them, one process each reading the whole stream on stdin:
`aupguard web squid-helper --mode rewrite --policy belper` (with --no-log, with its
access log, and with --no-log in pure Python: AUPGUARD_PURE_PYTHON=1) and
`squidGuard -c CONF` configured on the UT1 categories the Belper pack blocks for a
request with no group (with no log, and logging each redirect). Times are
wall clock from start to exit (start-up included, reported apart too); memory is the
peak resident set (ru_maxrss) of the process. Prints tables and writes
bench/out/squidguard.json.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import _squidguard as sg  # noqa: E402
from _webstream import write_stream  # noqa: E402
from aupguard.web.native import accelerated  # noqa: E402
from aupguard.web.service import WebFilter  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
AUPGUARD = str(REPO / ".venv" / "bin" / "aupguard")
POLICY = "belper"
TIME = "/usr/bin/time"


@dataclass
class Run:
    seconds: float
    user: float
    system: float
    max_rss_kb: int


def run_timed(cmd: list[str], stdin: Path | None, stdout: Path) -> Run:
    """Run one process to exit under /usr/bin/time, whose %M is the peak RSS of that
    process alone (a child forked from this big Python process would inherit its
    high-water mark in ru_maxrss)."""
    errors = stdout.with_suffix(".err")
    with (stdin.open("rb") if stdin else open(os.devnull, "rb")) as fin, \
            stdout.open("wb") as fout, errors.open("wb") as ferr:
        start = time.perf_counter()
        proc = subprocess.Popen([TIME, "-f", "TIMED %U %S %M", *cmd], stdin=fin, stdout=fout,
                                stderr=ferr)
        code = proc.wait()
        seconds = time.perf_counter() - start
    err = errors.read_text(errors="replace")
    if code != 0:
        raise SystemExit(f"{cmd[0]} exited {code}: {err[-2000:]}")
    user, system, rss = next(ln for ln in reversed(err.splitlines())
                             if ln.startswith("TIMED ")).split()[1:]
    return Run(seconds, float(user), float(system), int(rss))


def machine() -> dict[str, Any]:
    model = next((ln.split(":", 1)[1].strip() for ln in Path("/proc/cpuinfo").read_text()
                  .splitlines() if ln.startswith("model name")), platform.processor())
    version = subprocess.run([sg.SQUIDGUARD, "-v"], capture_output=True, text=True)
    return {
        "command": " ".join([Path(sys.executable).name, *sys.argv]),
        "nproc": os.cpu_count(),
        "cpu": model,
        "python": platform.python_version(),
        "kernel": platform.release(),
        "squidguard": (version.stdout + version.stderr).strip(),
        "c_lookup_built": accelerated(),
        "load_average_start": os.getloadavg(),
        "date": time.strftime("%Y-%m-%d %H:%M"),
    }


def answers(path: Path) -> list[str]:
    """'block', 'pass' or 'error' per answer line (squidGuard's BH: Squid keeps the URL)."""
    out = []
    for line in path.read_text(errors="replace").splitlines():
        word = line.split(" ", 2)[1] if line[:1].isdigit() else line.split(" ", 1)[0]
        out.append({"OK": "block", "BH": "error"}.get(word, "pass"))
    return out


REASONS = {
    "malformed": "malformed URL: aupguard cannot read it and fails closed (blocks); "
                 "squidGuard passes it, or answers BH to a line it cannot split",
    "www-ip": "'www.' before an IP address ('www.185.173.147.153'): no browser can open "
              "it (WHATWG: a host whose last label is a number must be an IPv4 address), so "
              "aupguard fails closed; squidGuard passes it",
    "ip-form": "IPv4 written as one number, in hex or octal, or as IPv4-mapped IPv6 "
               "('http://2677669136/'): browsers reach the listed address; squidGuard "
               "compares the text",
    "backslash": "'http://listed.example\\@example.com/': browsers read '\\' as '/', so the "
                 "host is the listed one; squidGuard takes the host after the '@'",
    "dot-port": "trailing dot and a port ('listed.example.:80'): squidGuard drops a "
                "trailing dot only when no port follows",
    "dot-segment": "dot segments ('/x/../listed/path'): aupguard resolves them as "
                   "browsers do; squidGuard compares the path as written",
    "url-prefix": "`urls` entry matched by squidGuard as a plain string prefix "
                  "('example.com/shop' blocks '/shopx/'); aupguard matches whole path "
                  "segments",
    "url-query": "`urls` entry with a query string: squidGuard matches it as a string "
                 "prefix of longer URLs; aupguard only as that exact path and query",
    "url-nearest": "squidGuard compares a URL only with the nearest entry in sort order, "
                   "so a longer sibling entry ('…/masturbateurs-') hides the entry that "
                   "matches ('…/masturbateurs'); aupguard finds every matching prefix",
    "unexplained": "not explained (see the example)",
}


def reason(kind: str, line: str, ours: str, theirs: str, ours_error: bool) -> str:
    url = line.split(" ", 1)[0]
    host = url.split("://", 1)[-1].split("/", 1)[0]
    if ours_error:
        return "www-ip" if host.startswith("www.") and host[-1].isdigit() else "malformed"
    if "\\" in url:
        return "backslash"
    if ".:" in host:
        return "dot-port"
    if kind.endswith("other-form"):
        return "ip-form"
    if "/../" in url or "/./" in url:
        return "dot-segment"
    if kind.startswith("url-") and theirs == "block":
        if kind.endswith("longer-name"):
            return "url-prefix"
        if "?" in url:
            return "url-query"
    if kind.startswith("url-") and ours == "block":
        return "url-nearest"
    return "unexplained"


def compare(stream: Path, kinds: list[str], ours_out: Path, theirs_out: Path,
            web: WebFilter) -> dict[str, Any]:
    lines = stream.read_text().splitlines()
    ours, theirs = answers(ours_out), answers(theirs_out)
    if not len(lines) == len(ours) == len(theirs) == len(kinds):
        raise SystemExit(f"answer counts differ: {len(lines)} {len(ours)} {len(theirs)}")
    counts: Counter[tuple[str, str, str]] = Counter()
    examples: dict[tuple[str, str, str], str] = {}
    agree = Counter()
    for line, kind, a, b in zip(lines, kinds, ours, theirs, strict=True):
        if (a == "block") == (b == "block"):
            agree[a] += 1
            continue
        error = web.decide(line.split(" ", 1)[0], log=False).action == "error"
        key = (reason(kind, line, a, b, error), a, b)
        counts[key] += 1
        examples.setdefault(key, line.split(" ", 1)[0])
    rows = [{"reason": r, "aupguard": a, "squidguard": b, "count": n,
             "example": examples[(r, a, b)], "why": REASONS[r]}
            for (r, a, b), n in counts.most_common()]
    return {"lines": len(lines), "agree": dict(agree), "differ": sum(counts.values()),
            "differences": rows,
            "blocked": {"aupguard": ours.count("block"), "squidguard": theirs.count("block")}}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--lines", type=int, default=1_000_000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--ut1", type=Path, default=REPO.parent / "shared" / "data" / "ut1")
    ap.add_argument("--corpus", type=Path,
                    default=REPO.parent / "shared" / "data" / "spamassassin")
    ap.add_argument("--streams", default="popular,distinct")
    ap.add_argument("--out", type=Path, default=REPO / "bench" / "out" / "squidguard.json")
    args = ap.parse_args()
    for need, what in ((Path(sg.SQUIDGUARD), "squidGuard (Debian package squidguard)"),
                       (args.ut1, "the UT1 lists"), (args.corpus, "the SpamAssassin corpus")):
        if not need.exists():
            print(f"{what} not found at {need}; nothing measured")
            return
    info = machine()
    print(f"command: {info['command']}")
    print(f"machine: {info['cpu']}, nproc {info['nproc']}, Python {info['python']}, "
          f"Linux {info['kernel']}, {info['squidguard']}, load {info['load_average_start']}")
    if not info["c_lookup_built"]:
        print("note: aupguard's C host lookup is not built (no compiler at install); "
              "the 'aupguard' rows are the pure-Python helper")
    result: dict[str, Any] = {"machine": info, "policy": POLICY, "lines": args.lines}
    with tempfile.TemporaryDirectory(prefix="aupguard-sg-") as tmp:
        work = Path(tmp)
        result["build"] = build(args.ut1, work)
        setup = sg.prepare(work / "sg", args.ut1, result["build"]["categories"])
        logged = sg.with_log(setup)
        b = run_timed(sg.build_command(setup), None, work / "sg-build.out")
        sg.check_db(setup)
        sg.check_blocks(setup, args.ut1)
        sg.check_blocks(logged, args.ut1)
        result["build"]["squidguard"] = {"seconds": b.seconds, "max_rss_mb": b.max_rss_kb / 1024}
        print(f"squidGuard -C all: {b.seconds:.2f} s, {b.max_rss_kb / 1024:.0f} MB")
        index = work / "ut1.aupx"
        tools = {
            "aupguard": [AUPGUARD, "web", "squid-helper", "--mode", "rewrite", "--policy",
                         POLICY, "--index", str(index), "--no-log"],
            "aupguard+log": [AUPGUARD, "web", "squid-helper", "--mode", "rewrite", "--policy",
                             POLICY, "--index", str(index), "--log", str(work / "access.jsonl")],
            # The same helper with the C host lookup and URL reader turned off: what a
            # council gets where no C compiler was present at install.
            "aupguard-pure": ["/usr/bin/env", "AUPGUARD_PURE_PYTHON=1", AUPGUARD, "web",
                              "squid-helper", "--mode", "rewrite", "--policy", POLICY,
                              "--index", str(index), "--no-log"],
            "squidguard": [sg.SQUIDGUARD, "-c", str(setup.conf)],
            "squidguard+log": [sg.SQUIDGUARD, "-c", str(logged.conf)],
        }
        result["startup"] = {name: statistics.median(
            run_timed(cmd, None, work / "empty.out").seconds for _ in range(3))
            for name, cmd in tools.items()}
        print("start-up (empty input, median of 3): " + ", ".join(
            f"{name} {sec:.2f} s" for name, sec in result["startup"].items()))
        web = WebFilter(POLICY, index)
        check_ours(tools["aupguard"], args.ut1, result["build"]["categories"], work)
        result["streams"] = {}
        for shape in args.streams.split(","):
            stream = work / f"{shape}.txt"
            kinds = write_stream(stream, args.ut1, args.corpus, result["build"]["categories"],
                                 count=args.lines, shape=shape)
            result["streams"][shape] = bench_stream(shape, stream, kinds, tools, work, web,
                                                    args.repeat)
    result["machine"]["load_average_end"] = os.getloadavg()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
    print(f"written: {args.out}")


def build(ut1: Path, work: Path) -> dict[str, Any]:
    """Our index of the whole UT1 tree, timed, and the categories the pack blocks."""
    run = run_timed([AUPGUARD, "lists", "compile", str(ut1), "--out", str(work / "ut1.aupx")],
                    None, work / "compile.out")
    cats = sg.blocked_categories(POLICY, ut1)
    print(f"aupguard lists compile (whole UT1): {run.seconds:.2f} s, "
          f"{run.max_rss_kb / 1024:.0f} MB; blocked for no group: {', '.join(cats)}")
    return {"aupguard": {"seconds": run.seconds, "max_rss_mb": run.max_rss_kb / 1024,
                         "index_mb": (work / "ut1.aupx").stat().st_size / 1e6},
            "categories": cats}


def check_ours(cmd: list[str], ut1: Path, categories: list[str], work: Path) -> None:
    """The same pre-flight as squidGuard's: a listed host blocked, an unlisted one not."""
    probe = work / "probe.txt"
    listed = next(x.strip() for x in (ut1 / categories[-1] / "domains").open() if x.strip())
    probe.write_text(f"http://{listed}/ 10.0.0.1/- - GET\n"
                     "http://unlisted.example.invalid/ 10.0.0.1/- - GET\n")
    run_timed(cmd, probe, work / "probe.out")
    if answers(work / "probe.out") != ["block", "pass"]:
        raise SystemExit(f"aupguard pre-flight failed: {(work / 'probe.out').read_text()}")


def bench_stream(shape: str, stream: Path, kinds: list[str], tools: dict[str, list[str]],
                 work: Path, web: WebFilter, repeat: int) -> dict[str, Any]:
    lines = len(kinds)
    names = list(tools) if shape == "popular" else ["aupguard", "squidguard"]
    runs: dict[str, list[Run]] = {n: [] for n in names}
    for _ in range(repeat):
        for name in names:
            (work / "access.jsonl").unlink(missing_ok=True)
            runs[name].append(run_timed(tools[name], stream, work / f"{name}.out"))
    out: dict[str, Any] = {"lines": lines, "tools": {}}
    print(f"\n{shape} stream, {lines:,} lines, median of {repeat}:")
    print(f"{'':16} {'lines/s':>10} {'wall s':>8} {'user s':>8} {'peak RSS MB':>12}")
    for name, rs in runs.items():
        wall = statistics.median(r.seconds for r in rs)
        row = {"lines_per_s": lines / wall, "seconds": wall,
               "seconds_all": [r.seconds for r in rs],
               "user_s": statistics.median(r.user for r in rs),
               "max_rss_mb": max(r.max_rss_kb for r in rs) / 1024}
        out["tools"][name] = row
        print(f"{name:16} {row['lines_per_s']:>10,.0f} {wall:>8.2f} {row['user_s']:>8.2f} "
              f"{row['max_rss_mb']:>12.1f}")
    t = out["tools"]
    out["ratio"] = t["aupguard"]["lines_per_s"] / t["squidguard"]["lines_per_s"]
    out["ratio_cpu"] = t["squidguard"]["user_s"] / t["aupguard"]["user_s"]
    print(f"aupguard / squidGuard: {out['ratio']:.2f}x by wall time, "
          f"{out['ratio_cpu']:.2f}x by user CPU time")
    out["compare"] = compare(stream, kinds, work / "aupguard.out", work / "squidguard.out", web)
    for name in names:  # logging must not change an answer
        other = "aupguard" if name.startswith("aupguard") else "squidguard"
        if answers(work / f"{name}.out") != answers(work / f"{other}.out"):
            raise SystemExit(f"{name} answered differently from {other}")
    c = out["compare"]
    print(f"decisions: {c['differ']:,} of {lines:,} differ; blocked: {c['blocked']}")
    for row in c["differences"]:
        print(f"  {row['count']:>6,}  {row['reason']:12} aupguard {row['aupguard']:5} "
              f"squidGuard {row['squidguard']:5}  e.g. {row['example'][:70]}")
    return out


if __name__ == "__main__":
    main()
