"""Virus scanning through ClamAV's daemon, `clamd` (Debian's `clamav-daemon`).

Why the daemon and not a library: clamd keeps the signature database loaded (seconds
to load, hundreds of MB), is shared by every filter process, and is updated by
freshclam without restarting anything here.

The protocol is clamd's own: `zINSTREAM`, then the data in chunks each preceded by its
length (4 bytes, big-endian), then a zero-length chunk; clamd answers one line
("stream: OK", "stream: <signature> FOUND", "<reason> ERROR"), NUL-terminated with the
"z" command prefix. `zPING` answers "PONG" (health checks). One connection per scan,
so a scanner is safe to share between threads.

A clamd problem (not running, a timeout, "INSTREAM size limit exceeded", a reply we
cannot read) never raises: it is an `error` result, and `check_mail` holds the
message as "could not be checked: virus scanner unavailable". Nothing goes out
unscanned because the scanner was down.

What is scanned (`scan_message`): the raw message, once. clamd reads MIME itself
(decodes base64, opens zips and other archives inside attachments), so one scan sees
everything it can unpack. Only when that scan finds something is each attachment
scanned on its own, to name the part that carries the virus in the report; a hit no
single attachment reproduces (a virus in the body text) is reported for the whole
message. clamd decides that a blob is mail from the headers it knows: a message with
no MIME-Version that starts with an unusual header was scanned as plain data, its
base64 attachment unread (seen with clamd 1.4). The gateway's messages start with
Postfix's "Received:", but a stored one may start with anything, so a "Received:" line
is put in front of the message for the scan (what clamd sees only).

clamd's `AlertExceedsMax` (advised, with `StreamMaxLength` at least the filter's
largest message) reports a file over its scan limits as
"Heuristics.Limits.Exceeded.*": that is "could not be checked", not a virus.
"""

from __future__ import annotations

import email
import email.policy
import socket
import struct
from dataclasses import dataclass
from email.message import Message
from typing import Literal, Protocol

from aupguard.hostport import split_host_port

VIRUS_SCAN = "virus-scan"  # problem code: the scanner could not say (held, not delivered)
_INCOMPLETE = ("Heuristics.Limits.Exceeded",)
_PREFIX = b"Received: from aupguard (for the virus scan only)\r\n"
_MAX_REPLY = 4096
_MAX_PAYLOADS = 500


@dataclass(frozen=True, slots=True)
class ScanResult:
    """What the scanner said about one blob. `signature` is set when a virus was found;
    `reason` says why there is no answer when `status` is "error"."""

    status: Literal["clean", "found", "error"]
    signature: str | None = None
    reason: str = ""


class VirusScanner(Protocol):
    """What `check_mail` needs from a scanner (tests may stand in another engine)."""

    def scan(self, data: bytes) -> ScanResult: ...


class ClamdScanner:
    """A clamd client. `address` is "unix:/run/clamav/clamd.ctl" (or a bare absolute
    path) or "host:port" ("[::1]:3310" for IPv6). `connect_timeout` bounds reaching
    clamd; `timeout` bounds each send and each wait for the answer (a large message can
    take clamd some seconds)."""

    def __init__(self, address: str, *, connect_timeout: float = 5.0, timeout: float = 120.0,
                 chunk_size: int = 256 * 1024) -> None:
        self.address = address
        self.connect_timeout = connect_timeout
        self.timeout = timeout
        self.chunk_size = chunk_size
        self._family, self._target = parse_address(address)

    def __repr__(self) -> str:
        return f"ClamdScanner({self.address!r})"

    def _connect(self) -> socket.socket:
        sock = socket.socket(self._family, socket.SOCK_STREAM)
        try:
            sock.settimeout(self.connect_timeout)
            sock.connect(self._target)
            sock.settimeout(self.timeout)
        except BaseException:
            sock.close()
            raise
        return sock

    def ping(self) -> bool:
        """True when clamd answers PONG."""
        try:
            with self._connect() as sock:
                sock.sendall(b"zPING\0")
                return _read_reply(sock) == "PONG"
        except OSError:
            return False

    def scan(self, data: bytes) -> ScanResult:
        """Scan one blob; never raises for clamd trouble (see the module docstring)."""
        try:
            sock = self._connect()
        except OSError as exc:
            return ScanResult("error", reason=f"clamd at {self.address} cannot be reached: "
                              f"{_describe(exc)}")
        with sock:
            sent_error: OSError | None = None
            try:
                sock.sendall(b"zINSTREAM\0")
                view = memoryview(data)
                for start in range(0, len(view), self.chunk_size):
                    chunk = view[start : start + self.chunk_size]
                    sock.sendall(struct.pack(">I", len(chunk)))
                    sock.sendall(chunk)
                sock.sendall(struct.pack(">I", 0))
            except OSError as exc:  # clamd may have answered (a limit) and hung up
                sent_error = exc
            try:
                reply = _read_reply(sock)
            except OSError as exc:
                first = sent_error or exc
                return ScanResult("error", reason=f"clamd at {self.address}: {_describe(first)}")
        result = parse_reply(reply)
        if result.status != "error" and sent_error is not None:
            return ScanResult("error", reason=f"clamd at {self.address}: "
                              f"{_describe(sent_error)}")
        return result


def parse_address(address: str) -> tuple[socket.AddressFamily, str | tuple[str, int]]:
    """(family, connect target) for "unix:/path", "/path", "host:port" or "[v6]:port"."""
    if address.startswith("unix:"):
        return socket.AF_UNIX, address[5:]
    if address.startswith("/"):
        return socket.AF_UNIX, address
    try:
        host, port = split_host_port(address)
    except ValueError:
        raise ValueError(f"clamd address {address!r}: expected unix:/path or host:port") from None
    family = socket.AF_INET6 if address.lstrip().startswith("[") else socket.AF_INET
    return family, (host, port)


def _read_reply(sock: socket.socket) -> str:
    buf = bytearray()
    while b"\0" not in buf and len(buf) < _MAX_REPLY:
        got = sock.recv(_MAX_REPLY)
        if not got:
            break
        buf += got
    return bytes(buf).split(b"\0", 1)[0].decode("utf-8", "replace").strip()


def parse_reply(reply: str) -> ScanResult:
    """A clamd INSTREAM answer as a result."""
    text = reply.removeprefix("stream:").strip()
    if text == "OK":
        return ScanResult("clean")
    if text.endswith(" FOUND"):
        signature = text[: -len(" FOUND")].strip()
        if signature.startswith(_INCOMPLETE):
            return ScanResult("error", signature, f"clamd could not scan all of it ({signature})")
        return ScanResult("found", signature)
    if not text:
        return ScanResult("error", reason="clamd closed the connection without an answer")
    return ScanResult("error", reason=f"clamd: {text.removesuffix(' ERROR')[:200]}")


def _describe(exc: OSError) -> str:
    if isinstance(exc, TimeoutError):
        return "timed out"
    return exc.strerror or str(exc) or type(exc).__name__


@dataclass(frozen=True, slots=True)
class VirusHit:
    """A virus in the message: `part` is the MIME part id of the attachment carrying it
    (as `parse_mail` numbers them), or "message" when no one attachment does."""

    part: str
    filename: str
    signature: str


def scan_message(scanner: VirusScanner, raw: bytes) -> tuple[list[VirusHit], str | None]:
    """(hits, None), or ([], why) when the scanner could not answer."""
    whole = scanner.scan(_PREFIX + raw)
    if whole.status == "error":
        return [], whole.reason or "no answer"
    if whole.status == "clean":
        return [], None
    hits: list[VirusHit] = []
    for part, filename, data in attachment_payloads(raw):
        got = scanner.scan(data)
        if got.status == "found" and got.signature:
            hits.append(VirusHit(part, filename, got.signature))
    return hits or [VirusHit("message", "", whole.signature or "unknown")], None


def attachment_payloads(raw: bytes) -> list[tuple[str, str, bytes]]:
    """(part id, filename, decoded bytes) of each attachment, numbered as `parse_mail`
    numbers parts (IMAP style; inline text/plain and text/html bodies are not
    attachments). Only used to name the part once a virus is found, so a message the
    stdlib cannot walk yields what was read before the failure."""
    out: list[tuple[str, str, bytes]] = []
    try:
        msg = email.message_from_bytes(raw, policy=email.policy.default)
        _walk(msg, "", out)
    except Exception:  # noqa: BLE001 - the virus is reported for the whole message instead
        pass
    return out


def _walk(part: Message, path: str, out: list[tuple[str, str, bytes]]) -> None:
    if len(out) >= _MAX_PAYLOADS:
        return
    ctype = part.get_content_type()
    payload = part.get_payload()
    if part.is_multipart():
        if not isinstance(payload, list):
            return
        for i, child in enumerate(payload, 1):
            if ctype.startswith("message/"):
                where = path or "1"
                _walk(child, where if child.is_multipart() else f"{where}.1", out)
            else:
                _walk(child, f"{path}.{i}" if path else str(i), out)
        return
    path = path or "1"
    filename = part.get_filename()
    inline_text = (ctype in ("text/plain", "text/html")
                   and part.get_content_disposition() != "attachment" and not filename)
    if inline_text:
        return
    data = part.get_payload(decode=True)
    if isinstance(data, bytes):
        out.append((path, str(filename) if filename else f"part-{path}", data))
