"""Two measurements for bench_mail.py: the gateway profiled in process, and spamd per
message and in parallel (see bench_mail.py's docstring)."""

from __future__ import annotations

import contextlib
import os
import smtplib
import socket
import subprocess
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import _mailrig as rig
from _mailrig import loadavg, recipient, sender, timing

# --- 2b. where the filter's time goes ---------------------------------------------------

def profile_gateway(msgs: list[bytes], workers: int) -> dict[str, Any]:
    """The gateway in this process (as `aupguard mail serve` builds it: bulk counter,
    journal, quarantine, reinjection worker process) fed directly over SMTP by
    `workers` connections, reinjecting into a counting sink; no Postfix. CPU split:
    thread CPU inside check_mail (bulk counter included), the rest of this process
    (aiosmtpd, journal, quarantine writes, the event loop; the client threads' own CPU
    is subtracted), and the reinjection worker process."""
    import logging

    from aupguard.commands.mail_serve import _warm_up
    from aupguard.engine import Checker
    from aupguard.mail.bulk import BulkCounter
    from aupguard.mail.checkmail import check_mail
    from aupguard.mail.gateway import Gateway, GatewayController, smtp_options
    from aupguard.mail.quarantine import Quarantine as Q
    from aupguard.mail.reinject import WorkerDeliverer

    for name in ("aupguard.mail.gateway", "mail.log"):
        logging.getLogger(name).setLevel(logging.ERROR)  # one line per held message
    check_cpu = [0.0]
    lock = threading.Lock()

    def timed_check(checker: Any, raw: bytes, **kw: Any) -> Any:
        t0 = time.thread_time()
        try:
            return check_mail(checker, raw, **kw)
        finally:
            with lock:
                check_cpu[0] += time.thread_time() - t0

    timed_check.__signature__ = __import__("inspect").signature(check_mail)  # type: ignore
    with tempfile.TemporaryDirectory(prefix="aupguard-bench-gw-") as tmp:
        folder = Path(tmp)
        sink = rig.Sink(folder)
        checker = Checker("leigh")
        _warm_up(checker)
        quarantine = Q(folder / "quarantine")
        quarantine.ensure()
        deliverer = WorkerDeliverer(("127.0.0.1", sink.port), quarantine.journal_dir)
        gateway = Gateway(checker, quarantine, deliverer, workers=workers, check=timed_check,
                          check_options={"bulk": BulkCounter(quarantine.journal_dir /
                                                             "bulk.sqlite")})
        port = rig.free_port()
        options = smtp_options(100 << 20)
        controller = GatewayController(gateway, hostname="127.0.0.1", port=port,
                                       server_hostname=options.pop("hostname"), **options)
        client_cpu = [0.0]
        try:
            deliverer.start()
            controller.start()
            me = os.getpid()
            sink_pid = sink.proc.pid
            worker0 = rig.tree_cpu(me) - rig.own_cpu(me) - rig.tree_cpu(sink_pid)
            cpu0, t0 = time.process_time(), time.perf_counter()

            def send(k: int) -> None:
                c0 = time.thread_time()
                with smtplib.SMTP("127.0.0.1", port, timeout=300) as smtp:
                    for i in range(k, len(msgs), workers):
                        with contextlib.suppress(smtplib.SMTPResponseException):
                            smtp.sendmail(sender(i), [recipient(i)], msgs[i])
                with lock:
                    client_cpu[0] += time.thread_time() - c0

            threads = [threading.Thread(target=send, args=(k,)) for k in range(workers)]
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            wall = time.perf_counter() - t0
            cpu = time.process_time() - cpu0
            worker = rig.tree_cpu(me) - rig.own_cpu(me) - rig.tree_cpu(sink_pid) - worker0
        finally:
            controller.stop()
            gateway.close()
            sink.stop()
    n = len(msgs)
    rest = cpu - check_cpu[0] - client_cpu[0]
    return {"messages": n, "workers": workers, "seconds": round(wall, 2),
            "messages_per_s": round(n / wall, 1),
            "cpu_ms_per_message": {"check_mail": round(1000 * check_cpu[0] / n, 3),
                                   "smtp_journal_quarantine_loop": round(1000 * rest / n, 3),
                                   "reinjection_worker": round(1000 * worker / n, 3)}}


# --- 3. spamd ----------------------------------------------------------------------------

def spamc_check(port: int, data: bytes) -> str:
    """One CHECK over the SPAMC protocol (what `spamc -c` sends); spamd's Spam: line."""
    with socket.create_connection(("127.0.0.1", port), timeout=600) as s:
        s.sendall(b"CHECK SPAMC/1.5\r\nContent-length: %d\r\nUser: nobody\r\n\r\n"
                  % len(data) + data)
        s.shutdown(socket.SHUT_WR)
        chunks = []
        while chunk := s.recv(65536):
            chunks.append(chunk)
    reply = b"".join(chunks).decode("latin-1")
    if " 0 EX_OK" not in reply.split("\r\n", 1)[0]:
        raise RuntimeError(f"spamd: {reply[:200]!r}")
    return next((ln for ln in reply.split("\r\n") if ln.startswith("Spam:")), "")


def parallel(fn: Any, items: list[bytes], n: int) -> float:
    """Seconds to run fn over items with n threads."""
    it = iter(items)
    lock = threading.Lock()

    def work() -> None:
        while True:
            with lock:
                data = next(it, None)
            if data is None:
                return
            fn(data)

    threads = [threading.Thread(target=work) for _ in range(n)]
    t0 = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return time.perf_counter() - t0


def spamd_bench(sample: list[bytes], children: int) -> dict[str, Any]:
    port = rig.free_port()
    with tempfile.TemporaryDirectory(prefix="aupguard-bench-spamd-") as tmp:
        log = Path(tmp) / "spamd.log"
        with log.open("wb") as out:
            proc = subprocess.Popen(
                ["/usr/sbin/spamd", "-L", "-x", "--listen", f"127.0.0.1:{port}",
                 "-m", str(children), "--min-children", str(children), "-u", "nobody",
                 "-s", "stderr", "-r", f"{tmp}/spamd.pid"],
                stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        try:
            t0 = time.perf_counter()
            rig.wait_port(port, "spamd", timeout=180, proc=proc)
            startup = time.perf_counter() - t0
            for data in sample[:5]:
                spamc_check(port, data)  # warm-up
            load = loadavg()
            times, spam = [], 0
            for data in sample:
                t1 = time.perf_counter()
                line = spamc_check(port, data)
                times.append((time.perf_counter() - t1) * 1000)
                spam += "True" in line
            res: dict[str, Any] = {"startup_s": round(startup, 1), "loadavg_before": load,
                                   "sequential": timing(times), "spam_flagged": spam}
            for n in (2, 4):
                cpu0 = rig.tree_cpu(proc.pid)
                secs = parallel(lambda d: spamc_check(port, d), sample, n)
                cpu = rig.tree_cpu(proc.pid) - cpu0
                res[f"parallel_{n}"] = {"seconds": round(secs, 2),
                                        "messages_per_s": round(len(sample) / secs, 2),
                                        "cpu_ms_per_message": round(1000 * cpu / len(sample), 1)}
            return res
        finally:
            proc.terminate()
            try:
                proc.wait(30)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
