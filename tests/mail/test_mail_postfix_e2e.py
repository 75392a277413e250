"""End to end through Debian's Postfix: a private Postfix instance configured with
`aupguard mail postfix-config`'s own output, `aupguard mail serve` as a separate process,
and an aiosmtpd sink standing in for the recipients' mail server (Postfix relays
everything there). Each message is told apart at the sink and in the quarantine by its
Message-ID.

The fault test kills the filter (SIGKILL) twice in a burst of 500 messages and checks
that every message ends up delivered or held exactly once.
"""

from __future__ import annotations

import contextlib
import email
import email.policy
import os
import random
import signal
import socket
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from _mailfiles import encrypted_zip, pe_stub
from _mailfiles import mail as _mail
from _postfix import Postfix, free_port, need_postfix, running_postfix
from _smtpsink import Received, SinkHandler, smtp_sink

from aupguard.mail.postfix import split_config
from aupguard.mail.quarantine import Quarantine

try:  # the ClamAV tests' clamd (one EICAR signature); without it the EICAR case skips
    from test_mail_clamav import clamd, eicar  # noqa: F401
except ImportError:  # pragma: no cover
    clamd = None

AUPGUARD = [sys.executable, "-m", "aupguard.cli"]
SENDER = "clerk@leighonseatowncouncil.gov.uk"
EXTERNAL = "resident@example.org"
DATE = b"Date: Mon, 06 May 2024 10:30:00 +0100\r\n"
PHONE = "Please ring the resident back on 07700 900123 today."


def mail(text: str, mid: str, **kwargs: Any) -> bytes:
    """A message with its Message-ID and a Date (so Postfix adds only Received)."""
    raw = _mail(text, to=EXTERNAL, **kwargs).replace(b"<test@example.org>", f"<{mid}>".encode())
    return DATE + raw.replace(b"\n", b"\r\n")


def message_id(data: bytes) -> str | None:
    msg = email.message_from_bytes(data, policy=email.policy.compat32)
    value = msg.get("Message-ID")
    return str(value).strip() if value else None


def wait_until(what: str, pred: Callable[[], bool], timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if pred():
            return
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")


class Filter:
    """`aupguard mail serve` as its own process."""

    def __init__(self, port: int, reinject: int, quarantine: Path, log: Path,
                 clamd_address: str | None = None) -> None:
        self.port, self.log = port, log
        self.args = [*AUPGUARD, "mail", "serve", "--policy", "leigh",
                     "--listen", f"127.0.0.1:{port}", "--reinject", f"127.0.0.1:{reinject}",
                     "--quarantine", str(quarantine), "--workers", "2", "--verbose"]
        if clamd_address:
            self.args += ["--clamd", clamd_address]
        self.proc: subprocess.Popen[bytes] | None = None
        self.orphans: list[int] = []

    def start(self) -> None:
        with self.log.open("ab") as out:
            self.proc = subprocess.Popen(self.args, stdout=out, stderr=subprocess.STDOUT)
        wait_until("the filter to listen", self._listening, 60)

    def _listening(self) -> bool:
        assert self.proc is not None and self.proc.poll() is None, self.log.read_text()[-3000:]
        try:
            socket.create_connection(("127.0.0.1", self.port), 1).close()
            return True
        except OSError:
            return False

    def kill(self) -> None:
        """SIGKILL the filter itself (its reinjection worker is left to finish)."""
        assert self.proc is not None
        self.orphans += _children(self.proc.pid)
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait()

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(60)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        for pid in self.orphans:  # workers of killed filters, by the pids we recorded
            _wait_gone(pid, 30, kill=True)


def _children(pid: int) -> list[int]:
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(p) for p in path.read_text().split()] if path.exists() else []


def _wait_gone(pid: int, timeout: float, kill: bool = False) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except (FileNotFoundError, IndexError):
            return True
        if state == "Z":
            return True
        time.sleep(0.1)
    if kill:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
    return False


@dataclass
class Stack:
    postfix: Postfix
    sink: SinkHandler
    filter: Filter
    quarantine: Quarantine
    reinject_port: int
    clamd: str | None

    def send(self, raw: bytes, rcpts: list[str] | None = None, sender: str = SENDER) -> None:
        self.postfix.send(raw, sender, rcpts or [EXTERNAL])

    def at_sink(self, mid: str) -> list[Received]:
        return [r for r in self.sink.snapshot() if message_id(r.data) == f"<{mid}>"]

    def held(self, mid: str) -> list[Any]:
        return [i for i in self.quarantine.list(include_released=True)
                if i.meta.get("message_id") == f"<{mid}>"]


@contextlib.contextmanager
def _stack(folder: Path, clamd_address: str | None) -> Iterator[Stack]:
    need_postfix()
    with smtp_sink() as (sink, sink_port):
        fport, rport = free_port(), free_port()
        config = subprocess.run([*AUPGUARD, "mail", "postfix-config", "--listen",
                                 f"127.0.0.1:{fport}", "--reinject", f"127.0.0.1:{rport}"],
                                capture_output=True, text=True, check=True).stdout
        main_part, master_part = split_config(config)
        with running_postfix(sink_port, main_part, master_part) as pf:
            quarantine = Quarantine(folder / "quarantine")
            filt = Filter(fport, rport, quarantine.folder, folder / "filter.log", clamd_address)
            try:
                filt.start()
                yield Stack(pf, sink, filt, quarantine, rport, clamd_address)
            finally:
                filt.stop()


@pytest.fixture(scope="module")
def stack(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
          ) -> Iterator[Stack]:
    address = None
    if clamd is not None:
        try:
            address = request.getfixturevalue("clamd").unix
        except pytest.skip.Exception:
            address = None
    with _stack(tmp_path_factory.mktemp("e2e"), address) as s:
        yield s


def test_clean_mail_is_delivered_with_headers(stack: Stack) -> None:
    raw = mail("The meeting is on Tuesday at 7pm.", "clean-1@aupguard.test")
    stack.send(raw)
    wait_until("delivery", lambda: bool(stack.at_sink("clean-1@aupguard.test")))
    [got] = stack.at_sink("clean-1@aupguard.test")
    assert got.rcpt_tos == (EXTERNAL,) and got.mail_from == SENDER
    head, body = got.data.split(b"\r\n\r\n", 1)
    assert head.startswith(b"Received: ")  # Postfix's, from the reinjection
    assert b"\r\nX-AUP-Verdict: deliver\r\n" in head
    assert body == raw.split(b"\r\n\r\n", 1)[1]
    assert not stack.held("clean-1@aupguard.test")


def test_warning_clause_travels_in_the_header(stack: Stack) -> None:
    raw = mail("Buy my handmade candles, 20% off this week only, order now at "
               "candles.example.com", "advert-1@aupguard.test")
    stack.send(raw)
    wait_until("delivery", lambda: bool(stack.at_sink("advert-1@aupguard.test")))
    [got] = stack.at_sink("advert-1@aupguard.test")
    assert b"X-AUP-Clauses: leigh.internet.personal-business\r\n" in got.data


@pytest.mark.parametrize(("mid", "build", "reason"), [
    ("phone-1", lambda mid: mail(PHONE, mid), "leigh.work-use.data-protection"),
    ("zip-1", lambda mid: mail("Minutes attached.", mid, attachments=[
        ("minutes.zip", encrypted_zip(), "application/zip")]), "encrypted"),
    ("mime-1", lambda mid: (
        DATE + b"From: " + SENDER.encode() + b"\r\nTo: " + EXTERNAL.encode() +
        b"\r\nSubject: x\r\nMessage-ID: <" + mid.encode() + b">\r\nMIME-Version: 1.0\r\n"
        b"Content-Type: multipart/mixed; boundary=\"b1\"; boundary=\"b2\"\r\n\r\n"
        b"--b1\r\nContent-Type: text/plain\r\n\r\nhi\r\n--b1--\r\n"), "could not be checked"),
])
def test_held_cases(stack: Stack, mid: str, build: Callable[[str], bytes], reason: str) -> None:
    mid = f"{mid}@aupguard.test"
    raw = build(mid)
    stack.send(raw)
    wait_until("the hold", lambda: bool(stack.held(mid)))
    [item] = stack.held(mid)
    assert reason in item.meta["reason"]
    # held bytes: what the sender sent, behind the Received header Postfix added
    assert item.raw().endswith(raw) and item.raw().startswith(b"Received: ")
    assert item.meta["queue_id"]  # Postfix's queue id, passed on by XFORWARD
    stack.postfix.wait_empty(60)
    assert not stack.at_sink(mid)


def test_program_is_refused_and_the_bounce_says_why(stack: Stack) -> None:
    mid = "exe-1@aupguard.test"
    stack.send(mail("The tool.", mid, attachments=[
        ("tool.exe", pe_stub(), "application/octet-stream")]))
    stack.postfix.wait_empty(60)
    assert not stack.at_sink(mid) and not stack.held(mid)
    # Postfix's bounce (sent straight out, not through the filter) carries our reply
    bounces = [r for r in stack.sink.snapshot() if r.mail_from == "<>"
               and b"exe-1@aupguard.test" in r.data]
    assert len(bounces) == 1 and bounces[0].rcpt_tos == (SENDER,)
    text = b" ".join(bounces[0].data.split()).decode()
    assert "550 5.7.1 Not delivered: tool.exe is a program" in text
    assert "This breaks leigh.internet.malware" in text and "To send it: remove tool.exe" in text


def test_eicar_attachment_is_refused(stack: Stack) -> None:
    if stack.clamd is None:
        pytest.skip("clamd not available (Debian package clamav-daemon): no virus scan")
    mid = "eicar-1@aupguard.test"
    stack.send(mail("See attached.", mid, attachments=[
        ("readme.txt", eicar(), "text/plain")]))
    stack.postfix.wait_empty(60)
    assert not stack.at_sink(mid) and not stack.held(mid)
    assert "contains a virus" in stack.postfix.log


def test_release_delivers_the_original_bytes(stack: Stack) -> None:
    mid = "release-1@aupguard.test"
    raw = mail(PHONE, mid)
    stack.send(raw)
    wait_until("the hold", lambda: bool(stack.held(mid)))
    [item] = stack.held(mid)
    held = item.raw()
    done = subprocess.run([*AUPGUARD, "mail", "quarantine", "release", item.id,
                           "--quarantine", str(stack.quarantine.folder),
                           "--reinject", f"127.0.0.1:{stack.reinject_port}"],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    wait_until("the release", lambda: bool(stack.at_sink(mid)))
    [got] = stack.at_sink(mid)
    # exactly the held bytes, after the one Received header Postfix's second smtpd adds
    first, rest = got.data.split(b"\r\n", 1)
    assert first.startswith(b"Received: ")
    while rest[:1] in (b" ", b"\t"):
        rest = rest.split(b"\r\n", 1)[1]
    assert rest == held and held.endswith(raw)
    assert b"X-AUP-Verdict" not in got.data
    assert [i.status for i in stack.held(mid)] == ["released"]


def test_filter_killed_mid_burst_loses_and_duplicates_nothing(tmp_path: Path) -> None:
    """500 messages (a fifth of them held), the filter SIGKILLed twice while it works
    through them and restarted; Postfix retries what it did not hear back about.
    Afterwards each message is at the sink or in the quarantine, exactly once."""
    total = 500
    rng = random.Random(500)
    held = {i for i in range(total) if rng.random() < 0.2}
    with _stack(tmp_path, None) as st:
        held_dir = st.quarantine.held_dir

        def finished() -> int:
            return len(st.sink.snapshot()) + len(list(held_dir.glob("*.json")))

        def send(i: int) -> None:
            text = PHONE if i in held else f"Item {i}: the meeting is on Tuesday at 7pm."
            # 25 senders, 20 messages each: under the pack's hourly bulk limit (100)
            st.send(mail(text, f"burst-{i}@aupguard.test"),
                    sender=f"staff{i % 25}@leighonseatowncouncil.gov.uk")

        with ThreadPoolExecutor(8) as pool:
            sent = [pool.submit(send, i) for i in range(total)]
            for at in (total // 5, total // 2):
                wait_until(f"{at} messages through the filter", lambda at=at: finished() >= at,
                           180)
                st.filter.kill()
                st.filter.start()
            for future in sent:
                future.result()
        st.postfix.wait_empty(180)
        log = st.postfix.log
        sink = Counter(message_id(r.data) for r in st.sink.snapshot())
        quarantined = Counter(i.meta.get("message_id") for i in st.quarantine.list())
        orphans = list(st.filter.orphans)
    expected = {f"<burst-{i}@aupguard.test>": i in held for i in range(total)}
    lost = [m for m in expected if sink[m] + quarantined[m] == 0]
    twice = [m for m in expected if sink[m] + quarantined[m] > 1]
    misplaced = [m for m, is_held in expected.items()
                 if (quarantined[m] if is_held else sink[m]) != 1]
    assert (lost, twice, misplaced) == ([], [], [])
    assert sum(sink.values()) == total - len(held) and sum(quarantined.values()) == len(held)
    # the kills did interrupt mail: Postfix had to defer and retry some
    assert "status=deferred" in log
    # the reinjection workers of the killed filters finished and left
    assert orphans and all(_wait_gone(pid, 30) for pid in orphans)
