"""Turn a URL or bare host into the (host, path) a web filter matches on.

A filter is only as good as its parser: if the filter and the browser disagree about
which host a string names, the filter can be walked around. So this follows what
browsers do (the WHATWG URL rules) for the tricks that matter: `user:pass@` before the
host, ports, trailing dots, upper case, internationalised names (sent as punycode),
IPv6 in brackets, and IPv4 written as one decimal number, in hex or in octal. Anything
that cannot be read safely raises `ValueError` saying why, so the caller can block it.
"""

from __future__ import annotations

import ipaddress
import re

import idna

from aupguard.web.native import accelerated, hostlookup

# The common shape read in C where it was built (see _hostlookup.c).
_parse_plain_c = hostlookup.parse_plain if accelerated() else None

MAX_URL = 16384  # longer than any real request line Squid passes on
MAX_HOST = 253

_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*://")
_LABEL = re.compile(r"^[a-z0-9_\-]+$")
_FAST_HOST = re.compile(r"^[a-z0-9_\-]+(?:\.[a-z0-9_\-]+)*$")
# Already canonical: lower-case labels of at most 63 characters, and a last label that
# starts with a letter, so it cannot be read as an IPv4 address.
_CANONICAL = re.compile(r"^(?=.{1,253}$)(?:[a-z0-9_\-]{1,63}\.)*[a-z_\-][a-z0-9_\-]{0,62}$")
# The common case, which `parse_url` answers without the general path: http(s) or no
# scheme, a canonical host (as _CANONICAL, bar the length, or a dotted quad without
# leading zeros), maybe a port, and a path free of escapes, backslashes, fragments,
# spaces, control and non-ASCII characters.
_OCTET = r"(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])"
_PLAIN = re.compile(
    r"(?:https?://)?"
    r"((?:[a-z0-9_\-]{1,63}\.)*[a-z_\-][a-z0-9_\-]{0,62}|(?:" + _OCTET + r"\.){3}" + _OCTET + ")"
    r"(?::([0-9]{1,5}))?"
    r"(/[!\"$&-\[\]-~]*)?\Z"
)
_CONTROL = re.compile(r"[\x00-\x20\x7f]")
_PCT = re.compile(r"%([0-9A-Fa-f]{2})")
_UNRESERVED = frozenset(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")


def parse_url(text: str) -> tuple[str, str]:
    """Return (host, path) for a URL or bare host; the path keeps its query string.

    The host is lower case ASCII (punycode for IDN), without port, user or trailing dot;
    IP literals come back in canonical form ("127.0.0.1", "2001:db8::1", no brackets).
    The path starts with "/" ("/" when absent), has dot segments resolved, repeated
    slashes collapsed and escapes of unreserved characters decoded; the fragment goes.
    """
    if _parse_plain_c is not None:
        plain = _parse_plain_c(text)
        if plain is not None:
            return plain
    if len(text) > MAX_URL:
        raise ValueError(f"URL longer than {MAX_URL} characters")
    m = _PLAIN.match(text)
    if m is not None:  # most requests: "http://host/path" or "host:443", already canonical
        host, port, path = m.groups()
        if len(host) <= MAX_HOST and (port is None or int(port) <= 65535):
            if not path:
                return host, "/"
            if "//" not in path and "/." not in path:
                return host, path
            return host, normalise_path(path)
    return _parse_general(text)


def _parse_general(text: str) -> tuple[str, str]:
    """`parse_url` for any input (the fast path above must agree with it)."""
    if len(text) > MAX_URL:
        raise ValueError(f"URL longer than {MAX_URL} characters")
    s = text.strip()
    if not s:
        raise ValueError("empty URL")
    if _CONTROL.search(s):
        raise ValueError("URL contains spaces or control characters")
    s = s.replace("\\", "/")  # browsers read a backslash as a slash in http(s) URLs
    m = _SCHEME.match(s)
    if m:
        s = s[m.end() :]
    elif s.startswith("//"):
        s = s[2:]
    cut = len(s)
    for sep in "/?#":
        i = s.find(sep)
        if i != -1:
            cut = min(cut, i)
    authority, rest = s[:cut], s[cut:]
    return normalise_host(_strip_userinfo_and_port(authority)), normalise_path(rest)


def _strip_userinfo_and_port(authority: str) -> str:
    if "@" in authority:
        authority = authority.rsplit("@", 1)[1]  # the host is after the last "@"
    if authority.startswith("["):
        end = authority.find("]")
        if end == -1:
            raise ValueError("unclosed '[' in IPv6 host")
        port = authority[end + 1 :]
        if port and not (port.startswith(":") and _valid_port(port[1:])):
            raise ValueError(f"bad port after IPv6 host: {port!r}")
        return authority[: end + 1]
    if authority.count(":") == 1:
        host, port = authority.split(":")
        if not _valid_port(port):
            raise ValueError(f"bad port: {port!r}")
        return host
    return authority  # no port, or a bare IPv6 address written without brackets


def _valid_port(port: str) -> bool:
    return port == "" or (port.isascii() and port.isdigit() and int(port) <= 65535)


def normalise_host(host: str) -> str:
    """Canonical form of a host name or IP literal; `ValueError` if it is not one."""
    if _CANONICAL.match(host):
        return host
    h = host
    if "%" in h and not h.startswith("["):
        h = _pct_decode_all(h)
    if h.startswith("[") and h.endswith("]"):
        return _ipv6(h[1:-1])
    if ":" in h:
        return _ipv6(h)
    h = h.rstrip(".").lower()
    if h.startswith("*."):
        h = h[2:]
    if not h:
        raise ValueError("empty host")
    if not _FAST_HOST.match(h):
        h = _to_ascii(h)
    ip = _ipv4(h)
    if ip is not None:
        return ip
    if len(h) > MAX_HOST:
        raise ValueError(f"host longer than {MAX_HOST} characters")
    for label in h.split("."):
        if not label:
            raise ValueError(f"empty label in host {h!r}")
        if len(label) > 63:
            raise ValueError(f"label longer than 63 characters in host {h!r}")
        if not _LABEL.match(label):
            raise ValueError(f"invalid character in host {h!r}")
    return h


def is_ip(host: str) -> bool:
    """True for a normalised IP literal, which has no parent domains to walk up."""
    return ":" in host or host.replace(".", "").isdigit()


def _to_ascii(h: str) -> str:
    if h.isascii():
        return h
    try:
        return idna.encode(h, uts46=True, transitional=False).decode("ascii")
    except (idna.IDNAError, UnicodeError):
        pass
    try:  # IDNA 2003, which browsers still accept for some names (emoji, symbols)
        return h.encode("idna").decode("ascii")
    except UnicodeError as exc:
        raise ValueError(f"cannot convert internationalised host {h!r}: {exc}") from None


def _ipv6(h: str) -> str:
    if "%" in h:
        raise ValueError("IPv6 zone identifiers are not allowed in URLs")
    try:
        addr = ipaddress.IPv6Address(h)
    except ValueError:
        raise ValueError(f"bad IPv6 address {h!r}") from None
    mapped = addr.ipv4_mapped  # ::ffff:1.2.3.4 reaches the IPv4 host
    return str(mapped) if mapped is not None else addr.compressed


def _ipv4_part(part: str) -> int | None:
    """One dotted part as browsers read it: 0x.. hex, leading 0 octal, else decimal."""
    if part[:2] in ("0x", "0X"):
        digits, base = part[2:], 16
        if not digits:
            return 0
    elif len(part) > 1 and part.startswith("0"):
        digits, base = part[1:], 8
    else:
        digits, base = part, 10
    try:
        return int(digits, base) if digits.isalnum() and digits.isascii() else None
    except ValueError:
        return None


def _ipv4(h: str) -> str | None:
    """Canonical dotted quad if the host is an IPv4 address in any form browsers accept.

    As in the WHATWG rules, a host whose last label is a number is an IPv4 address or
    an error: "2130706433", "0x7f.1" and "0177.0.0.1" all mean 127.0.0.1.
    """
    parts = h.split(".")
    if parts[-1] == "" and len(parts) > 1:
        parts.pop()
    last = parts[-1]
    hexlike = last[:2] in ("0x", "0X") and all(c in "0123456789abcdefABCDEF" for c in last[2:])
    if not (last.isascii() and last.isdigit()) and not hexlike:
        return None
    if len(parts) > 4:
        raise ValueError(f"IPv4 address with more than four parts: {h!r}")
    nums = [_ipv4_part(p) if p else None for p in parts]
    if any(n is None for n in nums):
        raise ValueError(f"bad IPv4 address {h!r}")
    values = [n for n in nums if n is not None]
    if any(n > 255 for n in values[:-1]) or values[-1] >= 256 ** (5 - len(values)):
        raise ValueError(f"IPv4 address out of range: {h!r}")
    value = values[-1]
    for i, n in enumerate(values[:-1]):
        value += n << (8 * (3 - i))
    return str(ipaddress.IPv4Address(value))


def _pct_decode_all(s: str) -> str:
    try:
        return _PCT.sub(lambda m: chr(int(m.group(1), 16)), s).encode("latin-1").decode()
    except UnicodeError:
        raise ValueError(f"bad percent-escape in host {s!r}") from None


def _pct_unreserved(s: str) -> str:
    """Decode escapes only where the decoded byte means the same (RFC 3986 6.2.2.2)."""

    def one(m: re.Match[str]) -> str:
        b = int(m.group(1), 16)
        return chr(b) if b in _UNRESERVED else "%" + m.group(1).upper()

    return _PCT.sub(one, s) if "%" in s else s


def normalise_path(rest: str) -> str:
    """Path and query as a filter compares them; see `parse_url`."""
    rest = rest.split("#", 1)[0]
    path, sep, query = rest.partition("?")
    path = _pct_unreserved(path)
    out: list[str] = []
    for seg in path.split("/"):
        if seg in ("", "."):
            continue
        if seg == "..":
            if out:
                out.pop()
            continue
        out.append(seg)
    norm = "/" + "/".join(out)
    if path.endswith("/") and out:
        norm += "/"
    return norm + (sep + _pct_unreserved(query) if sep else "")


_WWW = re.compile(r"^www[0-9]*\.(?=.+\.)")


def _url_parts(host: str, path: str) -> tuple[str, str, str | None]:
    """Host without "www.", lower-case path without trailing "/", and the query.

    `urls` entries are compared case-insensitively and with "www." dropped, as
    squidGuard does: "example.com/Shop/" then covers "WWW.example.com/shop/x".
    """
    p, sep, q = path.lower().partition("?")
    return url_host(host), p.rstrip("/"), (q if sep else None)


def url_host(host: str) -> str:
    """The host as `urls` entries are keyed: without a leading "www." (see below)."""
    return _WWW.sub("", host) if host.startswith("www") else host


def url_entry_key(host: str, path: str) -> str:
    """Key of a `urls` list entry; see `url_request_keys` for what it matches."""
    h, p, q = _url_parts(host, path)
    return h + p + ("" if q is None else "?" + q)


def url_request_keys(host: str, path: str) -> list[str]:
    """Keys a request is looked up under: the host then each longer prefix of the path
    cut at a "/", then the whole path with its query. So the entry "example.com/shop"
    matches "/shop", "/shop/", "/shop/x" and "/shop?id=1" but not "/shopping"; an
    entry with a query matches only that exact path and query.
    """
    h, p, q = _url_parts(host, path)
    keys = [h]
    if p:
        end = 0
        while True:
            nxt = p.find("/", end + 1)
            if nxt == -1:
                keys.append(h + p)
                break
            keys.append(h + p[:nxt])
            end = nxt
    if q is not None:
        keys.append(h + p + "?" + q)
    return keys
