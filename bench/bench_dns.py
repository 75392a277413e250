"""DNS filter throughput: `aupguard web dns` beside unbound serving the RPZ export, both
fed the same query file by dnsperf on loopback. Offline: allowed names are answered by
a local unbound (`local-zone ... redirect`), which is also the embedded filter's upstream.

Run from the repository root:
    .venv/bin/python bench/bench_dns.py [--ut1 DIR] [--seconds 10] [--json FILE]

Starts and stops everything itself (in a temporary folder, on free loopback ports):
1. compiles the UT1 lists and exports the Belper pack's RPZ zone (timed), and a zone
   with every UT1 category blocked (timed, and timed again loading into unbound);
2. unbound A: the upstream, answering `*.allowed.bench.test` locally;
3. unbound B: the same plus the RPZ zone (blocked names answered with 127.0.0.1);
4. `aupguard web dns` forwarding to A;
5. dnsperf against each with the same query files: `mixed` (10,000 blocked UT1 names
   and 10,000 allowed names, repeated: decisions come from the filter's cache),
   `blocked` (the blocked names only: answered without the upstream) and `distinct`
   (600,000 names never asked before, half under blocked domains: every query decided
   afresh).

The machine is shared: figures move between runs; the JSON keeps dnsperf's own output.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from aupguard.policy.loader import load_pack
from aupguard.policy.webrules import WebRule
from aupguard.web.index import Index, compile_lists
from aupguard.web.rpz import RpzOptions, export_rpz

# The tests' loopback port finder (UDP and TCP), as bench/_mailrig.py uses tests/mail's.
_TESTS = Path(__file__).resolve().parents[1] / "tests"
sys.path[:0] = [str(_TESTS / "web"), str(_TESTS)]
from _unbound import free_port  # noqa: E402

DEFAULT_UT1 = Path("../shared/data/ut1")
BLOCKED_FROM = ("gambling", "agressif", "warez", "hacking")
ALLOWED_ZONE = "allowed.bench.test"
DNSPERF = "/usr/bin/dnsperf"
UNBOUND = "/usr/sbin/unbound"


def unbound_conf(folder: Path, port: int, rpz: Path | None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    lines = [
        "server:",
        f"  interface: 127.0.0.1@{port}",
        f"  port: {port}",
        "  do-daemonize: no", '  username: ""', '  chroot: ""',
        f'  directory: "{folder}"', f'  pidfile: "{folder}/unbound.pid"',
        "  use-syslog: no", f'  logfile: "{folder}/unbound.log"', "  verbosity: 0",
        "  do-ip6: no", "  num-threads: 1", "  access-control: 127.0.0.0/8 allow",
        '  module-config: "respip validator iterator"',
        "  msg-cache-size: 64m", "  rrset-cache-size: 64m",
        f'  local-zone: "{ALLOWED_ZONE}." redirect',
        f'  local-data: "{ALLOWED_ZONE}. 3600 IN A 192.0.2.80"',
    ]
    if rpz is not None:
        lines += ["rpz:", '  name: "aupguard.rpz."', f'  zonefile: "{rpz}"']
    conf = folder / "unbound.conf"
    conf.write_text("\n".join(lines) + "\n")
    return conf


def wait_udp(port: int, proc: subprocess.Popen[bytes], seconds: float = 60) -> None:
    """Until the server on `port` answers one A query; fails at once if it exits."""
    name = f"x.{ALLOWED_ZONE}"
    query = b"\x12\x34\x01\x00\x00\x01\x00\x00\x00\x00\x00\x00"
    for label in name.split("."):
        query += bytes([len(label)]) + label.encode()
    query += b"\x00\x00\x01\x00\x01"
    deadline = time.monotonic() + seconds
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        s.settimeout(0.3)
        while time.monotonic() < deadline:
            if proc.poll() is not None:
                raise RuntimeError(f"the server for port {port} exited ({proc.returncode})")
            s.sendto(query, ("127.0.0.1", port))
            try:
                if s.recv(512)[:2] == b"\x12\x34":
                    return
            except OSError:
                time.sleep(0.2)
    raise RuntimeError(f"nothing answers DNS on port {port}")


def query_files(ut1: Path, folder: Path, rng: random.Random) -> dict[str, Path]:
    blocked: list[str] = []
    for cat in BLOCKED_FROM:
        names = [n.strip() for n in (ut1 / cat / "domains").read_text().splitlines()
                 if n.strip() and not n.strip()[0].isdigit()]
        blocked += rng.sample(names, min(2500, len(names)))
    allowed = [f"site{i}.{ALLOWED_ZONE}" for i in range(len(blocked))]
    mixed = [f"{n} {rng.choice(('A', 'A', 'AAAA'))}" for n in blocked + allowed]
    rng.shuffle(mixed)
    # Every name new (subdomains of the blocked names, new allowed names): no decision
    # is cached, the worst case for the embedded filter.
    distinct = [f"u{i}.{blocked[i % len(blocked)]} A" if i % 2 else f"u{i}.{ALLOWED_ZONE} A"
                for i in range(600_000)]
    files = {"mixed": mixed, "blocked": [f"{n} A" for n in blocked], "distinct": distinct}
    out = {}
    for key, lines in files.items():
        out[key] = folder / f"queries-{key}.txt"
        out[key].write_text("\n".join(lines) + "\n")
    return out


def every_category_zone(index_path: Path, tmp: Path) -> dict[str, object]:
    """The largest zone UT1 can give: one rule blocking every category."""
    index = Index.load(index_path)
    pack = load_pack("belper")
    rule = WebRule(id="everything", clause="belper.inappropriate.sites",
                   categories=tuple(index.names), action="block")
    pack = pack.model_copy(update={"web": pack.web.model_copy(update={"rules": (rule,)})})
    zone = tmp / "every.rpz"
    t = time.perf_counter()
    with zone.open("w") as f:
        stats = export_rpz(pack, index, f, RpzOptions(block_v4="127.0.0.1"))
    seconds = time.perf_counter() - t
    port = free_port()
    proc = subprocess.Popen([UNBOUND, "-d", "-c", str(unbound_conf(tmp / "every", port, zone))])
    try:
        t = time.perf_counter()
        wait_udp(port, proc)
        ready = time.perf_counter() - t
    finally:
        proc.terminate()
        proc.wait(10)
    return {"seconds": round(seconds, 2), "blocked_names": stats.blocked,
            "bytes": zone.stat().st_size, "unbound_ready_seconds": round(ready, 2)}


def dnsperf(port: int, queries: Path, seconds: int) -> dict[str, object]:
    cmd = [DNSPERF, "-s", "127.0.0.1", "-p", str(port), "-d", str(queries),
           "-l", str(seconds), "-c", "8", "-q", "200", "-t", "2"]
    out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
    qps = float(re.search(r"Queries per second:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]
    lost = re.search(r"Queries lost:\s+(\d+)", out)
    latency = re.search(r"Average Latency \(s\):\s+([\d.]+)", out)
    codes = re.search(r"Response codes:\s+(.*)", out)
    return {
        "qps": qps,
        "lost": int(lost.group(1)) if lost else None,
        "avg_latency_ms": float(latency.group(1)) * 1000 if latency else None,
        "response_codes": codes.group(1).strip() if codes else None,
        "dnsperf_output": out,
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--ut1", type=Path, default=DEFAULT_UT1)
    ap.add_argument("--seconds", type=int, default=10)
    ap.add_argument("--json", type=Path, default=Path("bench/out/dns.json"))
    args = ap.parse_args()
    for program in (DNSPERF, UNBOUND):
        if not Path(program).exists():
            print(f"{program} is missing (Debian packages dnsperf, unbound)")
            return 0
    if not args.ut1.is_dir():
        print(f"UT1 lists not found at {args.ut1}")
        return 0
    results: dict[str, object] = {"seconds_per_run": args.seconds}
    procs: list[subprocess.Popen[bytes]] = []
    tmp = Path(tempfile.mkdtemp(prefix="aupguard-bench-dns-"))
    try:
        index_path = tmp / "ut1.aupx"
        compile_lists([args.ut1], index_path)
        zone = tmp / "belper.rpz"
        t = time.perf_counter()
        with zone.open("w") as f:
            stats = export_rpz(load_pack("belper"), Index.load(index_path), f,
                               RpzOptions(block_v4="127.0.0.1"))
        results["rpz_export"] = {"seconds": round(time.perf_counter() - t, 2),
                                 "blocked_names": stats.blocked,
                                 "bytes": zone.stat().st_size}
        results["rpz_export_every_category"] = every_category_zone(index_path, tmp)
        files = query_files(args.ut1, tmp, random.Random(53))
        ports = {"upstream": free_port(), "rpz": free_port(), "aupguard": free_port()}
        for key, rpz in (("upstream", None), ("rpz", zone)):
            conf = unbound_conf(tmp / key, ports[key], rpz)
            t = time.perf_counter()
            procs.append(subprocess.Popen([UNBOUND, "-d", "-c", str(conf)]))
            wait_udp(ports[key], procs[-1])
        results["unbound_rpz_ready_seconds"] = round(time.perf_counter() - t, 2)
        procs.append(subprocess.Popen(
            [sys.executable, "-m", "aupguard.cli", "web", "dns", "--policy", "belper",
             "--index", str(index_path), "--listen", f"127.0.0.1:{ports['aupguard']}",
             "--upstream", f"127.0.0.1:{ports['upstream']}", "--log", str(tmp / "access.jsonl")]
        ))
        wait_udp(ports["aupguard"], procs[-1])
        runs: dict[str, object] = {}
        for label, port in (("aupguard web dns", ports["aupguard"]),
                            ("unbound + RPZ", ports["rpz"])):
            for key, path in files.items():
                runs[f"{label} / {key}"] = dnsperf(port, path, args.seconds)
        results["runs"] = runs
    finally:
        for p in procs:
            p.terminate()
        for p in procs:
            try:
                p.wait(10)
            except subprocess.TimeoutExpired:
                p.kill()
        shutil.rmtree(tmp, ignore_errors=True)
    print(f"RPZ export, Belper: {results['rpz_export']}")
    print(f"RPZ export, every category: {results['rpz_export_every_category']}")
    print(f"unbound ready with the Belper zone: {results['unbound_rpz_ready_seconds']} s")
    print(f"{'server / queries':40} {'qps':>10} {'lost':>6} {'avg ms':>8}  codes")
    for label, r in results["runs"].items():  # type: ignore[attr-defined]
        print(f"{label:40} {r['qps']:>10,.0f} {r['lost']:>6} {r['avg_latency_ms']:>8.2f}  "
              f"{r['response_codes']}")
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(results, indent=2) + "\n")
    print(f"written {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
