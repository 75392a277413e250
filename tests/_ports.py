"""Loopback ports for the real servers the tests start (Squid, unbound, Postfix, clamd,
mitmproxy), which must be told a port rather than picking one themselves."""

from __future__ import annotations

import random
import socket
from pathlib import Path

_RANGE = Path("/proc/sys/net/ipv4/ip_local_port_range")
_LOWEST = 10000
_TRIES = 200


def _below_ephemeral() -> tuple[int, int] | None:
    """Ports under the kernel's ephemeral range: no outgoing connection and no bind to
    port 0 elsewhere can take one between our check and the server's own bind."""
    try:
        low = int(_RANGE.read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return None
    return (_LOWEST, low) if low - _LOWEST >= 1000 else None


def _free(port: int) -> bool:
    """Whether `port` can be bound on loopback for both TCP and UDP right now."""
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as t, \
                socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as u:
            t.bind(("127.0.0.1", port))
            u.bind(("127.0.0.1", port))
    except OSError:
        return False
    return True


def free_port() -> int:
    """A loopback port free for both TCP and UDP, bound and released."""
    span = _below_ephemeral()
    if span is not None:
        pick = random.SystemRandom()
        for _ in range(_TRIES):
            port = pick.randrange(*span)
            if _free(port):
                return port
    while True:  # no range known, or all tries taken: any port the kernel offers
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
            s.bind(("127.0.0.1", 0))
            port = int(s.getsockname()[1])
        if _free(port):
            return port
