"""Start Debian's unbound on a free loopback port for a test, and stop it afterwards.

Shared by the RPZ tests (unbound serves the export) and the DNS filter tests (unbound
is the upstream). Offline by construction: an instance answers the names in
`local_data` and NXDOMAIN for everything else (`local-zone: "." static`).

unbound answers its own local zones before it applies a response policy zone, so an
instance given `rpz` holds no local data: it forwards every query to a second instance
(`forward`, the port of one started without `rpz`), as it would forward to the
council's resolver, and applies the zone to what it asks.
"""

from __future__ import annotations

import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import dns.message
import dns.query
import pytest

from _ports import free_port

UNBOUND = Path("/usr/sbin/unbound")
CHECKCONF = Path("/usr/sbin/unbound-checkconf")
RPZ_ZONE = "aupguard.rpz"


def need_unbound() -> None:
    if not UNBOUND.exists():
        pytest.skip("unbound not installed (Debian package 'unbound')")




def write_conf(folder: Path, port: int, local_data: dict[str, str],
               rpz: Path | None = None, forward: int | None = None, extra: str = "") -> Path:
    """unbound.conf for a foreground, unprivileged, offline unbound in `folder`;
    `extra` is appended as it is (more server: options, more rpz: clauses)."""
    lines = [
        "server:",
        f"  interface: 127.0.0.1@{port}",
        f"  port: {port}",
        "  do-daemonize: no",
        '  username: ""',
        '  chroot: ""',
        f'  directory: "{folder}"',
        f'  pidfile: "{folder}/unbound.pid"',
        "  use-syslog: no",
        f'  logfile: "{folder}/unbound.log"',
        "  verbosity: 1",
        "  do-ip6: no",
        "  num-threads: 1",
        "  access-control: 127.0.0.0/8 allow",
        '  module-config: "respip validator iterator"',
    ]
    if forward is None:
        lines.append('  local-zone: "." static')
        for name, address in local_data.items():
            lines.append(f'  local-data: "{name}. 300 IN A {address}"')
    else:
        # unbound itself answers .test (RFC 6761) unless told not to, and its local
        # zones come before the policy zone.
        lines += ['  local-zone: "test." nodefault', "  do-not-query-localhost: no",
                  "forward-zone:", '  name: "."',
                  f"  forward-addr: 127.0.0.1@{forward}"]
    if rpz is not None:
        lines += ["rpz:", f'  name: "{RPZ_ZONE}."', f'  zonefile: "{rpz}"', "  rpz-log: yes"]
    conf = folder / "unbound.conf"
    conf.write_text("\n".join(lines) + "\n" + extra)
    return conf


def check_conf(conf: Path) -> None:
    if CHECKCONF.exists():
        done = subprocess.run([str(CHECKCONF), str(conf)], capture_output=True, text=True)
        assert done.returncode == 0, done.stdout + done.stderr


@contextmanager
def running_unbound(folder: Path, local_data: dict[str, str] | None = None,
                    rpz: Path | None = None, forward: int | None = None,
                    extra: str = "") -> Iterator[int]:
    """Yields the port once unbound answers; kills it on the way out, even on failure."""
    need_unbound()
    folder.mkdir(parents=True, exist_ok=True)
    port = free_port()
    conf = write_conf(folder, port, local_data or {}, rpz, forward, extra)
    check_conf(conf)
    proc = subprocess.Popen([str(UNBOUND), "-d", "-c", str(conf)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        wait_ready(port, proc, folder)
        yield port
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def wait_ready(port: int, proc: subprocess.Popen[bytes], folder: Path) -> None:
    deadline = time.monotonic() + 60
    query = dns.message.make_query("readiness.invalid", "A")  # NXDOMAIN once up
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            log = (folder / "unbound.log").read_text() if (folder / "unbound.log").exists() else ""
            err = proc.stderr.read().decode() if proc.stderr else ""
            raise AssertionError(f"unbound exited {proc.returncode}: {err}\n{log}")
        try:
            dns.query.udp(query, "127.0.0.1", port=port, timeout=0.5)
            return
        except (dns.exception.Timeout, OSError):
            time.sleep(0.1)
    raise AssertionError("unbound did not start answering within 60 s")


@contextmanager
def unbound_with_rpz(folder: Path, local_data: dict[str, str], rpz: Path | None,
                     extra: str = "") -> Iterator[int]:
    """An unbound applying `rpz` (and whatever `extra` configures), forwarding to one
    that answers `local_data`."""
    with running_unbound(folder / "data", local_data) as data_port, \
            running_unbound(folder / "rpz", rpz=rpz, forward=data_port, extra=extra) as port:
        yield port
