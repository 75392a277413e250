"""The rig for bench_mail.py: the corpus as SMTP messages, a private Postfix instance, a
counting SMTP sink in its own process, and CPU accounting per process tree.

The Postfix instance is the approach of tests/mail/_postfix.py (Debian's postfix, its own
main.cf/master.cf, queue and log in a temporary folder under /tmp, nothing chrooted,
listening on a free loopback port, relayhost = the sink), copied here so the bench does
not import the test suite. Starting it needs root.

The sink runs as `python bench/_mailrig.py sink PORT FILE`: an aiosmtpd server that
accepts every message and appends one line per message to FILE ("d ID" for a message
carrying X-Bench-Id, "b ID" for a bounce from <> that quotes one, "? -" otherwise). It
keeps nothing else, and it is a separate process so its CPU is not the client's.
"""

from __future__ import annotations

import contextlib
import os
import pwd
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
# The private Postfix instance is configured exactly as the tests' one (main.cf and the
# services in master.cf), so the benchmark measures the set-up the tests prove.
sys.path[:0] = [str(REPO / "tests" / "mail"), str(REPO / "tests")]
from _postfix import SERVICES, free_port, main_cf  # noqa: E402

DOMAIN = "leighonseatowncouncil.gov.uk"
SENDERS = 100  # staff addresses, round robin: about 60 messages each, under the bulk limit
POSTFIX = Path("/usr/sbin/postfix")
BENCH_ID = re.compile(rb"X-Bench-Id: (\d+)")
_TICK = os.sysconf("SC_CLK_TCK")

def wait_port(port: int, what: str, timeout: float = 60.0,
              proc: subprocess.Popen[bytes] | None = None) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise SystemExit(f"{what} exited with {proc.returncode} before listening")
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 1):
            return
        time.sleep(0.1)
    raise SystemExit(f"{what} did not listen on port {port} within {timeout} s")


# --- envelopes and figures ---------------------------------------------------------------

def sender(i: int) -> str:
    return f"staff{i % SENDERS:03d}@{DOMAIN}"


def recipient(i: int) -> str:
    return f"recipient{i}@example.org"


def loadavg() -> list[float]:
    return [float(x) for x in Path("/proc/loadavg").read_text().split()[:3]]


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def timing(ms: list[float]) -> dict[str, float]:
    return {"n": len(ms), "mean_ms": round(statistics.fmean(ms), 3),
            "p50_ms": round(pct(ms, 0.50), 3), "p95_ms": round(pct(ms, 0.95), 3),
            "p99_ms": round(pct(ms, 0.99), 3), "max_ms": round(max(ms), 3)}


# --- the corpus -------------------------------------------------------------------------

def load_corpus(root: Path) -> tuple[list[tuple[str, bytes]], list[str]]:
    """(source, bytes) of every message under root's folders, read with `aupguard mail
    check`'s own store reader (mbox `From ` lines dropped, non-mail files skipped),
    and the sources skipped."""
    from aupguard.mail.stores import Skipped, iter_messages

    messages: list[tuple[str, bytes]] = []
    skipped: list[str] = []
    for folder in sorted(p for p in root.iterdir() if p.is_dir()):
        for item in iter_messages([str(folder)]):
            if isinstance(item, Skipped):
                skipped.append(f"{item.source}: {item.reason}")
            else:
                messages.append((item.source, item.data))
    return messages, skipped


def as_smtp(index: int, data: bytes) -> bytes:
    """The message as sent: CRLF line ends, and `X-Bench-Id: index` as the first header
    (how every copy is recognised at the sink, in the quarantine and inside bounces)."""
    body = re.sub(rb"\r?\n|\r", b"\r\n", data)
    if not body.endswith(b"\r\n"):
        body += b"\r\n"
    return b"X-Bench-Id: %d\r\n" % index + body


# --- Postfix ----------------------------------------------------------------------------

@dataclass
class Postfix:
    root: Path
    conf: Path
    port: int

    def command(self, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([str(POSTFIX), "-c", str(self.conf), *args],
                              capture_output=True, text=True, timeout=60)

    def master_pid(self) -> int | None:
        pid_file = self.root / "queue" / "pid" / "master.pid"
        return int(pid_file.read_text().split()[0]) if pid_file.exists() else None

    def queued(self) -> int:
        """Files in the queue folders (incoming, active, deferred, hold, maildrop)."""
        total = 0
        for sub in ("maildrop", "incoming", "active", "deferred", "hold"):
            for _, _, files in os.walk(self.root / "queue" / sub):
                total += len(files)
        return total

    def log_tail(self, n: int = 3000) -> str:
        path = self.root / "maillog"
        return path.read_text(errors="replace")[-n:] if path.exists() else ""


@contextlib.contextmanager
def running_postfix(relay_port: int, main_extra: str = "",
                    master_extra: str = "") -> Iterator[Postfix]:
    if os.geteuid() != 0:
        raise SystemExit("starting a Postfix instance needs root")
    root = Path(tempfile.mkdtemp(prefix="aupguard-bench-postfix-", dir="/tmp"))
    root.chmod(0o755)
    conf = root / "conf"
    for sub in ("conf", "queue", "data"):
        (root / sub).mkdir()
    owner = pwd.getpwnam("postfix")
    os.chown(root / "data", owner.pw_uid, owner.pw_gid)
    port = free_port()
    (conf / "main.cf").write_text(main_cf(root, relay_port, main_extra))
    (conf / "master.cf").write_text(
        f"127.0.0.1:{port} inet n - n - - smtpd\n{SERVICES}{master_extra}\n")
    pf = Postfix(root, conf, port)
    try:
        for step in ("check", "start"):
            done = pf.command(step)
            if done.returncode != 0:
                raise SystemExit(f"postfix {step}: {done.stdout}{done.stderr}\n{pf.log_tail()}")
        wait_port(port, "postfix")
        yield pf
    finally:
        pid = pf.master_pid()
        pf.command("stop")
        if pid is not None:
            deadline = time.monotonic() + 15
            while time.monotonic() < deadline and _alive(pid):
                time.sleep(0.1)
            with contextlib.suppress(ProcessLookupError):
                if _alive(pid):
                    os.kill(pid, signal.SIGKILL)  # the master we started, by its pid
        shutil.rmtree(root, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, IndexError):
        return False
    return state != "Z"


# --- CPU accounting ---------------------------------------------------------------------

def _stat(pid: int) -> list[str] | None:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (FileNotFoundError, ProcessLookupError):
        return None


def _children(pid: int) -> list[int]:
    out: list[int] = []
    with contextlib.suppress(FileNotFoundError):
        for task in Path(f"/proc/{pid}/task").iterdir():
            with contextlib.suppress(FileNotFoundError):
                out += [int(c) for c in (task / "children").read_text().split()]
    return out


def own_cpu(pid: int | None) -> float:
    """CPU seconds of one process alone (all its threads)."""
    fields = _stat(pid) if pid is not None else None
    return 0.0 if fields is None else (int(fields[11]) + int(fields[12])) / _TICK


def tree_cpu(pid: int | None) -> float:
    """CPU seconds (user + system) of a process, its live descendants, and the
    descendants it has already reaped (cutime/cstime)."""
    if pid is None:
        return 0.0
    fields = _stat(pid)
    if fields is None:
        return 0.0
    # after ")": state=0 ... utime=11 stime=12 cutime=13 cstime=14
    total = sum(int(fields[i]) for i in (11, 12, 13, 14)) / _TICK
    return total + sum(tree_cpu(c) for c in _children(pid))


# --- the sink ---------------------------------------------------------------------------

class Sink:
    """The sink process and its log of what arrived."""

    def __init__(self, folder: Path) -> None:
        self.port = free_port()
        self.file = folder / "sink.log"
        self.file.write_bytes(b"")
        self.proc = subprocess.Popen(
            [sys.executable, __file__, "sink", str(self.port), str(self.file)],
            stdin=subprocess.DEVNULL)
        wait_port(self.port, "the sink", proc=self.proc)
        self._offset = 0
        self.delivered: set[int] = set()
        self.bounced: set[int] = set()
        self.other = 0

    def poll(self) -> None:
        with self.file.open("rb") as f:
            f.seek(self._offset)
            chunk = f.read()
        end = chunk.rfind(b"\n") + 1
        self._offset += end
        for line in chunk[:end].splitlines():
            kind, _, ident = line.partition(b" ")
            if kind == b"d":
                self.delivered.add(int(ident))
            elif kind == b"b":
                self.bounced.add(int(ident))
            else:
                self.other += 1

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


def _sink_main(port: int, path: str) -> None:
    import asyncio

    from aiosmtpd.smtp import SMTP, Envelope, Session

    out = open(path, "ab", buffering=0)  # noqa: SIM115 - lives as long as the process

    class Handler:
        async def handle_DATA(self, server: SMTP, session: Session,
                              envelope: Envelope) -> str:
            data = envelope.original_content or b""
            m = BENCH_ID.search(data)
            if m is None:
                out.write(b"? -\n")
            elif envelope.mail_from in ("", "<>"):  # a bounce quoting the message
                out.write(b"b " + m.group(1) + b"\n")
            else:
                out.write(b"d " + m.group(1) + b"\n")
            return "250 2.0.0 Ok"

    class LongLines(SMTP):
        line_length_limit = 1 << 20

    async def main() -> None:
        loop = asyncio.get_running_loop()
        server = await loop.create_server(
            lambda: LongLines(Handler(), hostname="sink", decode_data=False,
                              enable_SMTPUTF8=True, data_size_limit=0),
            "127.0.0.1", port, reuse_address=True)
        stop = asyncio.Event()
        loop.add_signal_handler(signal.SIGTERM, stop.set)
        await stop.wait()
        server.close()

    asyncio.run(main())


if __name__ == "__main__" and sys.argv[1:2] == ["sink"]:
    _sink_main(int(sys.argv[2]), sys.argv[3])
