"""A private Postfix instance for a test: Debian's postfix, its own configuration and
queue in a temporary folder, listening on a free loopback port, relaying everything to
`relay_port` (an aiosmtpd sink standing in for the recipients' mail server).

Postfix's daemons run as the `postfix` user, so the folder is made under /tmp with
mode 0755 (pytest's tmp_path is under a 0700 folder they cannot enter). Starting
Postfix needs root. Nothing is chrooted, and retries are made fast (1 s backoff) so a
test that makes Postfix defer mail sees it retried within seconds. The log is a file
(`maillog`), attached to failures.
"""

from __future__ import annotations

import contextlib
import json
import os
import pwd
import shutil
import signal
import smtplib
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from _ports import free_port

POSTFIX = Path("/usr/sbin/postfix")
POSTQUEUE = Path("/usr/sbin/postqueue")

# Every service Postfix needs to receive, queue, relay and bounce; chroot off (column 5).
SERVICES = """\
pickup    unix  n       -       n       60      1       pickup
cleanup   unix  n       -       n       -       0       cleanup
qmgr      unix  n       -       n       300     1       qmgr
rewrite   unix  -       -       n       -       -       trivial-rewrite
bounce    unix  -       -       n       -       0       bounce
defer     unix  -       -       n       -       0       bounce
trace     unix  -       -       n       -       0       bounce
verify    unix  -       -       n       -       1       verify
flush     unix  n       -       n       1000?   0       flush
proxymap  unix  -       -       n       -       -       proxymap
proxywrite unix -       -       n       -       1       proxymap
smtp      unix  -       -       n       -       -       smtp
relay     unix  -       -       n       -       -       smtp
showq     unix  n       -       n       -       -       showq
error     unix  -       -       n       -       -       error
retry     unix  -       -       n       -       -       error
discard   unix  -       -       n       -       -       discard
anvil     unix  -       -       n       -       1       anvil
scache    unix  -       -       n       -       1       scache
postlog   unix-dgram n  -       n       -       1       postlogd
"""


def need_postfix() -> None:
    if not POSTFIX.exists():
        pytest.skip("postfix not installed (Debian package 'postfix')")
    if os.geteuid() != 0:
        pytest.skip("starting a Postfix instance needs root")
    try:
        pwd.getpwnam("postfix")
    except KeyError:
        pytest.skip("no 'postfix' user (install Debian's 'postfix' package)")




@dataclass
class Postfix:
    root: Path
    conf: Path
    port: int

    @property
    def log(self) -> str:
        path = self.root / "maillog"
        return path.read_text(errors="replace") if path.exists() else ""

    def command(self, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([str(POSTFIX), "-c", str(self.conf), *args],
                              capture_output=True, text=True, timeout=60)

    def queue(self) -> list[dict[str, object]]:
        """Every message in the queue (`postqueue -j`)."""
        done = subprocess.run([str(POSTQUEUE), "-c", str(self.conf), "-j"],
                              capture_output=True, text=True, timeout=60)
        assert done.returncode == 0, done.stderr
        return [json.loads(line) for line in done.stdout.splitlines() if line.strip()]

    def flush(self) -> None:
        subprocess.run([str(POSTQUEUE), "-c", str(self.conf), "-f"], capture_output=True,
                       timeout=60)

    def wait_empty(self, timeout: float, flush_every: float = 3.0) -> None:
        """Until the queue is empty, flushing deferred mail now and then."""
        deadline = time.monotonic() + timeout
        last_flush = time.monotonic()
        while time.monotonic() < deadline:
            if not self.queue():
                return
            if time.monotonic() - last_flush > flush_every:
                self.flush()
                last_flush = time.monotonic()
            time.sleep(0.5)
        left = self.queue()
        raise AssertionError(f"{len(left)} messages still queued after {timeout} s: "
                             f"{left[:3]}\n{self.log[-4000:]}")

    def send(self, raw: bytes, sender: str, rcpts: list[str]) -> None:
        with smtplib.SMTP("127.0.0.1", self.port, timeout=60) as smtp:
            smtp.sendmail(sender, rcpts, raw)


def main_cf(root: Path, relay_port: int, extra: str) -> str:
    return f"""\
compatibility_level = 3.6
queue_directory = {root}/queue
data_directory = {root}/data
command_directory = /usr/sbin
daemon_directory = /usr/lib/postfix/sbin
mail_owner = postfix
setgid_group = postdrop
myhostname = mx.aupguard.test
mydomain = aupguard.test
myorigin = $myhostname
mydestination =
alias_maps =
alias_database =
inet_interfaces = 127.0.0.1
inet_protocols = ipv4
mynetworks = 127.0.0.0/8
smtpd_relay_restrictions = permit_mynetworks, reject
smtpd_peername_lookup = no
relayhost = [127.0.0.1]:{relay_port}
maillog_file_prefixes = {root}
maillog_file = {root}/maillog
in_flow_delay = 0
queue_run_delay = 1s
minimal_backoff_time = 1s
maximal_backoff_time = 2s
{extra}
"""


@contextlib.contextmanager
def running_postfix(relay_port: int, main_extra: str = "",
                    master_extra: str = "") -> Iterator[Postfix]:
    """Start an instance; stop it (and anything it left running) on the way out."""
    need_postfix()
    root = Path(tempfile.mkdtemp(prefix="aupguard-postfix-", dir="/tmp"))
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
            assert done.returncode == 0, f"postfix {step}: {done.stdout}{done.stderr}\n{pf.log}"
        _wait_listening(port, pf)
        yield pf
    finally:
        _stop(pf)
        shutil.rmtree(root, ignore_errors=True)


def _wait_listening(port: int, pf: Postfix) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 1):
            return
        time.sleep(0.1)
    raise AssertionError(f"postfix did not listen on {port}\n{pf.log}")


def _stop(pf: Postfix) -> None:
    pid_file = pf.root / "queue" / "pid" / "master.pid"
    pid = int(pid_file.read_text().split()[0]) if pid_file.exists() else None
    pf.command("stop")
    if pid is None:
        return
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        if not _alive(pid):
            return
        time.sleep(0.1)
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGKILL)  # the master we started, by its pid


def _alive(pid: int) -> bool:
    """Running (a zombie, reaped here if it is our child, counts as gone)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, IndexError):
        return False
    if state == "Z":
        with contextlib.suppress(ChildProcessError):
            os.waitpid(pid, os.WNOHANG)
        return False
    return True
