"""`split_host_port`: the one reader of "HOST:PORT" for every serving command.

Why one: the web filter's listeners, the DNS upstream and the mail gateway's reinjection
target all take an address and a port on the command line, and IPv6 brackets, missing
ports and out-of-range numbers should be read (and refused) the same way everywhere.
"""

from __future__ import annotations

import ipaddress

__all__ = ["split_host_port"]


def split_host_port(
    text: str, default_port: int | None = None, *, ip_only: bool = False
) -> tuple[str, int]:
    """'HOST:PORT' or '[IPv6]:PORT' -> (host, port). With `default_port`, 'HOST' and a
    bare IPv6 address are accepted too. With `ip_only`, the host must be an IP address.
    `ValueError` saying what is wrong (callers name the text and the option)."""
    text = text.strip()
    if text.startswith("["):
        end = text.find("]")
        rest = text[end + 1 :] if end >= 0 else ""
        if end < 0 or (rest and not rest.startswith(":")):
            raise ValueError("an IPv6 address goes in brackets: [::1]:53")
        host, port = text[1:end], rest[1:]
    elif text.count(":") == 1:
        host, port = text.split(":")
    else:
        host, port = text, ""
    if not port:
        if default_port is None or text.endswith(":"):
            raise ValueError("no port (write e.g. 127.0.0.1:8081 or [::1]:8081)")
        port = str(default_port)
    if not host:
        raise ValueError("no host")
    if ip_only:
        try:
            ipaddress.ip_address(host)
        except ValueError:
            raise ValueError("give an IP address and port, like 127.0.0.1:5353") from None
    if not port.isdigit() or int(port) > 65535:
        raise ValueError("the port must be a number from 0 to 65535")
    return host, int(port)
