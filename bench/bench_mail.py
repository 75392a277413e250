"""The mail gateway through the real Postfix, and aupguard's check beside SpamAssassin's
spamd (issue 5).

Run from the repository root, as root (a private Postfix instance is started):
    .venv/bin/python bench/bench_mail.py [--repeat 3] [--spamd-sample 600]

1. Throughput through Debian's Postfix: every message of ../shared/data/spamassassin,
   injected over SMTP by 4 client connections, relayed to an aiosmtpd sink (a separate
   process that only counts). "alone": Postfix with no content filter. "filter": the
   same Postfix plus `aupguard mail postfix-config`'s lines (maxproc 2) and `aupguard mail
   serve --policy leigh --workers 2` (no clamd). Every message is sent as OUTBOUND mail
   (envelope sender one of 100 staff addresses at the council's domain, one external
   recipient), the case with the full personal-data checks. The clock runs from the
   first message sent until every message is accounted for: at the sink, in the
   quarantine, or bounced (refused). Also "null" (content_filter pointed straight at
   the second smtpd: the after-queue round trip with a filter that does nothing) and
   "filter2" (two filter processes, mail split between them by sender with an access
   map FILTER action: configuration only). The modes alternate, `--repeat` times.
2. check_mail in process on every message (the gateway's check: envelope recipients and
   sender, no bulk counter): per-message time and the verdict mix. Then the gateway in
   this process, fed directly over SMTP: its CPU split between check_mail, the rest of
   the process, and the reinjection worker.
3. spamd (Debian's spamassassin, shipped rules, `-L` local tests only, 2 children) on a
   fixed random sample: per-message time, one request at a time, over spamd's SPAMC
   protocol (CHECK) from this process; throughput with 2 and 4 parallel clients. Beside
   it: check_mail on the same messages, and `aupguard mail check --workers 1|2` end to
   end (start-up included) on the sample and on the whole corpus.

Prints tables and writes bench/out/mail.json.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import re
import smtplib
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import _mailrig as rig  # noqa: E402
from _mailcheck import profile_gateway, spamd_bench  # noqa: E402
from _mailrig import DOMAIN, loadavg, recipient, sender, timing  # noqa: E402

REPO = rig.REPO
AUPGUARD = str(REPO / ".venv" / "bin" / "aupguard")
CORPUS = REPO.parent / "shared" / "data" / "spamassassin"


def machine() -> dict[str, Any]:
    model = next((ln.split(":", 1)[1].strip() for ln in Path("/proc/cpuinfo").read_text()
                  .splitlines() if ln.startswith("model name")), platform.processor())
    postfix = subprocess.run(["/usr/sbin/postconf", "-d", "-h", "mail_version"],
                             capture_output=True, text=True).stdout.strip()
    spamd = subprocess.run(["/usr/sbin/spamd", "--version"], capture_output=True,
                           text=True).stdout.splitlines()
    mem = next(ln.split()[1] for ln in Path("/proc/meminfo").read_text().splitlines()
               if ln.startswith("MemTotal"))
    return {"command": " ".join([Path(sys.executable).name, *sys.argv]),
            "nproc": os.cpu_count(), "cpu": model, "mem_gib": round(int(mem) / 2**20, 1),
            "kernel": platform.release(), "python": platform.python_version(),
            "postfix": postfix, "spamd": spamd[0] if spamd else None,
            "loadavg_start": loadavg()}


# --- 1. through Postfix ------------------------------------------------------------------

class Quarantine:
    """Ids of the messages held so far (new .eml files in each quarantine's held/)."""

    def __init__(self, folders: list[Path]) -> None:
        self.held_dirs = [f / "held" for f in folders]
        self.seen: set[str] = set()
        self.ids: set[int] = set()

    def poll(self) -> None:
        for held in self.held_dirs:
            try:
                names = os.listdir(held)
            except FileNotFoundError:
                continue
            for name in names:
                key = f"{held}/{name}"
                if name.endswith(".eml") and key not in self.seen:
                    self.seen.add(key)
                    with open(key, "rb") as f:
                        m = rig.BENCH_ID.search(f.read())
                    if m:
                        self.ids.add(int(m.group(1)))


def send_all(port: int, msgs: list[bytes], clients: int,
             rejected: dict[int, str]) -> None:
    """Send every message over `clients` SMTP connections (message i on connection i % n)."""
    def worker(k: int) -> None:
        smtp: smtplib.SMTP | None = None
        for i in range(k, len(msgs), clients):
            for attempt in (1, 2):
                try:
                    if smtp is None:
                        smtp = smtplib.SMTP("127.0.0.1", port, timeout=300)
                        smtp.ehlo("bench.client")
                    smtp.sendmail(sender(i), [recipient(i)], msgs[i])
                    break
                except smtplib.SMTPResponseException as exc:
                    rejected[i] = f"{exc.smtp_code} {exc.smtp_error!r:.100}"
                    break
                except smtplib.SMTPRecipientsRefused as exc:
                    rejected[i] = repr(exc.recipients)[:100]
                    break
                except (smtplib.SMTPServerDisconnected, OSError) as exc:
                    smtp = None
                    if attempt == 2:
                        rejected[i] = f"connection: {exc!r:.100}"
        if smtp is not None:
            smtp.quit()

    threads = [threading.Thread(target=worker, args=(k,)) for k in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()


def _second_transport(master: str, name: str) -> str:
    """A copy of the `aupguard` transport entry of master.cf under another name."""
    lines = master.splitlines()
    first = next(i for i, ln in enumerate(lines) if ln.startswith("aupguard "))
    block = [lines[first].replace("aupguard ", f"{name} ", 1),
             *_takewhile_indented(lines[first + 1:])]
    return "\n".join(block) + "\n"


def _takewhile_indented(lines: list[str]) -> list[str]:
    out = []
    for ln in lines:
        if not ln.startswith((" ", "\t")):
            break
        out.append(ln)
    return out


def postfix_config(mode: str, folder: Path, maxproc: int) -> tuple[str, str, list[int], int]:
    """(main.cf extra, master.cf extra, filter ports, reinjection port) for a mode:
    alone: nothing; filter: `aupguard mail postfix-config`'s lines; null: the same lines
    but content_filter pointed straight at the second smtpd (the after-queue round trip
    with a filter that does nothing); filter2: two filters, mail from senders whose
    address ends in an odd digit sent to the second by an access-map FILTER action."""
    if mode == "alone":
        return "", "", [], 0
    from aupguard.mail.postfix import split_config

    listen, reinject = rig.free_port(), rig.free_port()
    text = subprocess.run(
        [AUPGUARD, "mail", "postfix-config", "--listen", f"127.0.0.1:{listen}",
         "--reinject", f"127.0.0.1:{reinject}", "--maxproc", str(maxproc)],
        capture_output=True, text=True, check=True).stdout
    main, master = split_config(text)
    if mode == "null":
        main = main.replace(f"[127.0.0.1]:{listen}", f"[127.0.0.1]:{reinject}")
        return main, master, [], reinject
    if mode == "filter":
        return main, master, [listen], reinject
    second = rig.free_port()
    split = folder / "split.regexp"
    split.write_text(f"/[13579]@{re.escape(DOMAIN)}$/ FILTER aupguard2:[127.0.0.1]:{second}\n")
    main += f"smtpd_sender_restrictions = check_sender_access regexp:{split}\n"
    return main, master + _second_transport(master, "aupguard2"), [listen, second], reinject


def postfix_run(mode: str, msgs: list[bytes], clients: int, maxproc: int,
                stall_s: float = 180.0) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="aupguard-bench-mail-") as tmp:
        folder = Path(tmp)
        folder.chmod(0o755)  # Postfix's daemons read split.regexp
        sink = rig.Sink(folder)
        filters: list[subprocess.Popen[bytes]] = []
        main_extra, master_extra, ports, reinject = postfix_config(mode, folder, maxproc)
        quarantines = [folder / f"quarantine{k}" for k in range(len(ports))]
        try:
            with rig.running_postfix(sink.port, main_extra, master_extra) as pf:
                for k, port in enumerate(ports):
                    with (folder / f"filter{k}.log").open("wb") as log:
                        filters.append(subprocess.Popen(
                            [AUPGUARD, "mail", "serve", "--policy", "leigh",
                             "--listen", f"127.0.0.1:{port}",
                             "--reinject", f"127.0.0.1:{reinject}",
                             "--quarantine", str(quarantines[k]), "--workers", str(maxproc)],
                            stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL))
                    rig.wait_port(port, "aupguard mail serve", proc=filters[-1])
                return _measure(mode, pf, sink, Quarantine(quarantines), filters, msgs,
                                clients, stall_s, folder)
        finally:
            for filt in filters:
                if filt.poll() is None:
                    filt.terminate()
            for filt in filters:
                try:
                    filt.wait(90)
                except subprocess.TimeoutExpired:
                    filt.kill()
                    filt.wait()
            sink.stop()


def _measure(mode: str, pf: rig.Postfix, sink: rig.Sink, q: Quarantine,
             filters: list[subprocess.Popen[bytes]], msgs: list[bytes], clients: int,
             stall_s: float, folder: Path) -> dict[str, Any]:
    time.sleep(1.0)
    load = loadavg()
    master = pf.master_pid()
    cpu0 = {"postfix": rig.tree_cpu(master), "sink": rig.tree_cpu(sink.proc.pid),
            "filter": sum(rig.tree_cpu(f.pid) for f in filters),
            "filter_main": sum(rig.own_cpu(f.pid) for f in filters),
            "client": time.process_time()}
    rejected: dict[int, str] = {}
    start = time.perf_counter()
    sender_thread = threading.Thread(target=send_all, args=(pf.port, msgs, clients, rejected))
    sender_thread.start()
    sent_s: float | None = None
    last_progress, last_count, complete = start, -1, False
    polls = 0
    while True:
        # the sink's file every 50 ms, the quarantine folders every 250 ms: the poller
        # must not take CPU from what it measures
        time.sleep(0.05)
        polls += 1
        sink.poll()
        if polls % 5 == 0 or len(sink.delivered) + len(q.ids) >= len(msgs) - 50:
            q.poll()
        if sent_s is None and not sender_thread.is_alive():
            sent_s = time.perf_counter() - start
        count = len(sink.delivered) + len(sink.bounced) + len(q.ids) + len(rejected)
        if count < len(msgs):
            done: set[int] = set()  # only the size matters until everything is in
        else:
            done = sink.delivered | sink.bounced | q.ids | set(rejected)
        now = time.perf_counter()
        if len(done) >= len(msgs):
            complete = True
            break
        if count != last_count:
            last_count, last_progress = count, now
        elif now - last_progress > stall_s:
            break
    seconds = time.perf_counter() - start
    sender_thread.join()
    cpu1 = {"postfix": rig.tree_cpu(master), "sink": rig.tree_cpu(sink.proc.pid),
            "filter": sum(rig.tree_cpu(f.pid) for f in filters),
            "filter_main": sum(rig.own_cpu(f.pid) for f in filters),
            "client": time.process_time()}
    cpu = {k: round(cpu1[k] - cpu0[k], 2) for k in cpu0}
    n = len(msgs)
    out: dict[str, Any] = {
        "mode": mode, "loadavg_before": load, "complete": complete,
        "seconds": round(seconds, 2), "messages_per_s": round(n / seconds, 1),
        "submitted_s": round(sent_s or seconds, 2),
        "delivered": len(sink.delivered - q.ids), "held": len(q.ids),
        "refused_bounced": len(sink.bounced - sink.delivered - q.ids),
        "rejected_at_smtp": len(rejected), "sink_other": sink.other,
        "cpu_s": cpu, "cpu_ms_per_message": {k: round(1000 * v / n, 3) for k, v in cpu.items()},
    }
    if not complete:
        missing = sorted(set(range(n)) - (sink.delivered | sink.bounced | q.ids | set(rejected)))
        out["missing"] = {"count": len(missing), "first": missing[:10], "queued": pf.queued(),
                          "maillog_tail": pf.log_tail(3000)}
        for log in sorted(folder.glob("filter*.log")):
            out["missing"][log.stem + "_tail"] = log.read_text(errors="replace")[-3000:]
    if rejected:
        out["rejected_first"] = dict(list(rejected.items())[:5])
    return out


# --- 2. check_mail in process ------------------------------------------------------------

def check_in_process(corpus: list[tuple[str, bytes]]) -> tuple[list[float], dict[str, Any]]:
    from aupguard.engine import Checker
    from aupguard.mail.checkmail import check_mail

    checker = Checker("leigh")
    check_mail(checker, b"Subject: warm-up\r\n\r\nThe meeting is on Tuesday.\r\n",
               recipients=["warm-up@example.org"])
    times: list[float] = []
    actions: Counter[str] = Counter()
    clauses: Counter[str] = Counter()
    reasons: Counter[str] = Counter()
    for i, (_, data) in enumerate(corpus):
        t0 = time.perf_counter()
        verdict = check_mail(checker, data, recipients=[recipient(i)], sender=sender(i))
        times.append((time.perf_counter() - t0) * 1000)
        actions[verdict.action] += 1
        if verdict.action != "deliver":
            reasons[verdict.reason.split(":")[0][:80]] += 1
            cited = verdict.to_json().get("clauses")
            clauses.update(set(cited) if isinstance(cited, list) else ())
    return times, {"actions": dict(actions), "top_clauses": clauses.most_common(8),
                   "top_reasons": reasons.most_common(8)}


def mail_check_cli(paths: list[str], workers: int, n: int) -> dict[str, Any]:
    load = loadavg()
    t0 = time.perf_counter()
    done = subprocess.run([AUPGUARD, "mail", "check", "--policy", "leigh", "--direction",
                           "outbound", "--summary-only", "--workers", str(workers), *paths],
                          capture_output=True, text=True)
    secs = time.perf_counter() - t0
    summary = json.loads(done.stdout.strip().splitlines()[-1])
    return {"workers": workers, "loadavg_before": load, "seconds": round(secs, 2),
            "messages": summary.get("messages"),
            "messages_per_s": round(int(summary.get("messages") or 0) / secs, 1),
            "actions": summary.get("actions"), "exit_code": done.returncode}


# --- main --------------------------------------------------------------------------------

def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--root", type=Path, default=CORPUS)
    ap.add_argument("--repeat", type=int, default=3, help="alone/filter pairs (median kept)")
    ap.add_argument("--clients", type=int, default=4)
    ap.add_argument("--modes", default="alone,null,filter,filter2", help="which Postfix runs")
    ap.add_argument("--maxproc", type=int, default=2)
    ap.add_argument("--spamd-sample", type=int, default=600, help="0: every message")
    ap.add_argument("--skip", default="", help="comma-separated: check,profile,postfix,spamd,cli")
    ap.add_argument("--profile", type=int, default=2000,
                    help="messages fed to the in-process gateway profile")
    ap.add_argument("--limit", type=int, default=0, help="only the first N (a smoke test)")
    ap.add_argument("--out", type=Path, default=REPO / "bench" / "out" / "mail.json")
    args = ap.parse_args()
    skip = set(filter(None, args.skip.split(",")))
    if not args.root.is_dir():
        print(f"SpamAssassin corpus not found at {args.root}; skipping.", file=sys.stderr)
        return
    result: dict[str, Any] = {"machine": machine()}
    print(json.dumps(result["machine"]), flush=True)
    corpus, skipped = rig.load_corpus(args.root)
    if args.limit:
        corpus = corpus[: args.limit]
    n = len(corpus)
    result["corpus"] = {"messages": n, "bytes": sum(len(d) for _, d in corpus),
                        "skipped": skipped[:20], "skipped_count": len(skipped)}
    print(f"corpus: {n} messages, {len(skipped)} skipped", flush=True)
    msgs = [rig.as_smtp(i, d) for i, (_, d) in enumerate(corpus)]

    if "check" not in skip:
        times, mix = check_in_process(corpus)
        result["check_mail"] = {"all": timing(times), **mix}
        print("check_mail in process:", json.dumps(result["check_mail"]), flush=True)
    if "profile" not in skip:
        result["gateway_profile"] = profile_gateway(msgs[: args.profile], args.maxproc)
        print("gateway in process:", json.dumps(result["gateway_profile"]), flush=True)
    if "postfix" not in skip:
        modes = args.modes.split(",")
        runs: dict[str, list[dict[str, Any]]] = {m: [] for m in modes}
        for rep in range(args.repeat):
            for mode in modes:
                r = postfix_run(mode, msgs, args.clients, args.maxproc)
                runs[mode].append(r)
                print(f"run {rep + 1} {mode}:", json.dumps({k: v for k, v in r.items()
                                                             if k != "missing"}), flush=True)
                if "missing" in r:
                    print(json.dumps(r["missing"])[:4000], flush=True)
        med = {m: statistics.median(r["messages_per_s"] for r in rs) for m, rs in runs.items()}
        result["postfix"] = {"clients": args.clients, "maxproc": args.maxproc, "runs": runs,
                             "median_messages_per_s": med}
        if "alone" in med and "filter" in med:
            result["postfix"]["filter_cost"] = round(1 - med["filter"] / med["alone"], 3)
        print(f"median msgs/s: {med}; filter cost {result['postfix'].get('filter_cost')}",
              flush=True)
    if "spamd" not in skip:
        idx = list(range(n))
        if args.spamd_sample and args.spamd_sample < n:
            idx = sorted(random.Random(5).sample(idx, args.spamd_sample))
        sample = [corpus[i][1] for i in idx]
        res = spamd_bench(sample, 2)
        times = []
        from aupguard.engine import Checker
        from aupguard.mail.checkmail import check_mail

        checker = Checker("leigh")
        check_mail(checker, sample[0], recipients=[recipient(0)])
        for i in idx:
            t0 = time.perf_counter()
            check_mail(checker, corpus[i][1], recipients=[recipient(i)], sender=sender(i))
            times.append((time.perf_counter() - t0) * 1000)
        res["aupguard_same_sample"] = timing(times)
        res["ratio_mean"] = round(res["sequential"]["mean_ms"] / statistics.fmean(times), 1)
        res["sample"] = {"size": len(idx), "seed": 5}
        if "cli" not in skip:
            with tempfile.TemporaryDirectory(prefix="aupguard-bench-sample-") as tmp:
                for k, i in enumerate(idx):
                    Path(tmp, f"{k:05d}.eml").write_bytes(corpus[i][1])
                res["mail_check_sample"] = [mail_check_cli([tmp], w, len(idx)) for w in (1, 2)]
        result["spamd"] = res
        print("spamd:", json.dumps(res), flush=True)
    if "cli" not in skip:
        folders = sorted(str(p) for p in args.root.iterdir() if p.is_dir())
        result["mail_check_corpus"] = [mail_check_cli(folders, w, n) for w in (1, 2)]
        print("aupguard mail check, corpus:", json.dumps(result["mail_check_corpus"]), flush=True)
    result["machine"]["loadavg_end"] = loadavg()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2) + "\n")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
