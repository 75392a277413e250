"""What the HTTPS proxy looks at inside a request or response, as pure functions.

Kept apart from `aupguard.web.proxy` so each rule is tested without mitmproxy:

- program and installer downloads, recognised by Content-Type, by file name (the
  Content-Disposition header or the URL) and by the first bytes of the body (magic
  numbers), plus a short list of instant-messaging installer addresses;
- SafeSearch: the query parameter or header each search engine honours;
- whether a site's categories mean its cookies are stripped.

What magic bytes can and cannot tell (honestly): a Windows program (`MZ`), ELF, Mach-O,
an RPM, a Debian package, a macOS flat installer (`xar!`) are recognisable from their
first bytes. An `.msi` is an OLE compound file, which old Office documents (.doc, .xls)
also are: it is told apart only by the root storage's class id, found where the
directory sector lies (checked when those bytes are at hand). An Android `.apk`, iOS
`.ipa` or Windows `.msix` is a ZIP whose entry names give it away (AndroidManifest.xml,
Payload/*.app, AppxManifest.xml). A `.dmg` has no header at all: its `koly` trailer is
in the last 512 bytes, so it is recognised only when the whole body was buffered; from
the head alone a .dmg is caught by its name or type only.
"""

from __future__ import annotations

import re
import struct
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass
from urllib.parse import unquote

__all__ = [
    "Download",
    "MagicGate",
    "cookies_strippable",
    "download_verdict",
    "filename_from_disposition",
    "kind_from_content_type",
    "kind_from_filename",
    "kind_from_magic",
    "installer_address",
    "request_verdict",
    "safesearch",
    "set_query_param",
]

# What a person is told the file is.
WINDOWS = "a Windows program"
WINDOWS_INSTALLER = "a Windows installer (.msi)"
WINDOWS_APP = "a Windows app package (.msix/.appx)"
WINDOWS_SCRIPT = "a Windows script"
MAC_DISK = "a Mac disk image (.dmg)"
MAC_INSTALLER = "a Mac installer (.pkg)"
MAC_PROGRAM = "a Mac program"
ANDROID = "an Android app (.apk)"
IOS = "an iPhone or iPad app (.ipa)"
LINUX = "a Linux program"
LINUX_PACKAGE = "a Linux package"
JAVA = "a Java program (.jar)"
IM_INSTALLER = "an instant-messaging installer"

CONTENT_TYPES: dict[str, str] = {
    "application/x-msdownload": WINDOWS,
    "application/x-msdos-program": WINDOWS,
    "application/x-dosexec": WINDOWS,
    "application/x-exe": WINDOWS,
    "application/exe": WINDOWS,
    "application/x-winexe": WINDOWS,
    "application/vnd.microsoft.portable-executable": WINDOWS,
    "application/x-msi": WINDOWS_INSTALLER,
    "application/x-ms-installer": WINDOWS_INSTALLER,
    "application/x-ole-storage": WINDOWS_INSTALLER,
    "application/msix": WINDOWS_APP,
    "application/appx": WINDOWS_APP,
    "application/vnd.ms-appx": WINDOWS_APP,
    "application/x-apple-diskimage": MAC_DISK,
    "application/x-newton-compatible-pkg": MAC_INSTALLER,
    "application/vnd.apple.installer+xml": MAC_INSTALLER,
    "application/x-mach-binary": MAC_PROGRAM,
    "application/vnd.android.package-archive": ANDROID,
    "application/x-itunes-ipa": IOS,
    "application/x-executable": LINUX,
    "application/x-elf": LINUX,
    "application/x-sharedlib": LINUX,
    "application/vnd.debian.binary-package": LINUX_PACKAGE,
    "application/x-debian-package": LINUX_PACKAGE,
    "application/x-rpm": LINUX_PACKAGE,
    "application/x-redhat-package-manager": LINUX_PACKAGE,
    "application/java-archive": JAVA,
    "application/x-java-archive": JAVA,
}

EXTENSIONS: dict[str, str] = {
    ".exe": WINDOWS, ".scr": WINDOWS, ".msi": WINDOWS_INSTALLER, ".msp": WINDOWS_INSTALLER,
    ".msix": WINDOWS_APP, ".msixbundle": WINDOWS_APP, ".appx": WINDOWS_APP,
    ".appxbundle": WINDOWS_APP, ".bat": WINDOWS_SCRIPT, ".cmd": WINDOWS_SCRIPT,
    ".ps1": WINDOWS_SCRIPT, ".vbs": WINDOWS_SCRIPT, ".dmg": MAC_DISK, ".pkg": MAC_INSTALLER,
    ".apk": ANDROID, ".xapk": ANDROID, ".ipa": IOS, ".deb": LINUX_PACKAGE,
    ".rpm": LINUX_PACKAGE, ".appimage": LINUX, ".jar": JAVA,
}  # not ".com": a URL path ending in a domain name would look like one

# Host/path prefixes that hand out instant-messaging installers whatever the file is
# called (best effort, as of 2024; the magic-byte check catches the files themselves).
IM_INSTALLER_PREFIXES: tuple[str, ...] = (
    "telegram.org/dl",
    "updates.tdesktop.com/",
    "desktop.telegram.org/",
    "download.skype.com/",
    "go.skype.com/",
    "zoom.us/client/",
    "cdn.zoom.us/prod/",
    "dl.discordapp.net/apps/",
    "discord.com/api/downloads/",
    "updates.signal.org/desktop/",
    "web.whatsapp.com/desktop/",
    "get.microsoft.com/installer/",
)

# Root storage class ids of Windows Installer files (.msi, .msp patches, .mst transforms)
# as they are stored on disk (GUID, little-endian first three fields).
_MSI_CLSIDS = frozenset(
    struct.pack("<IHH", first, 0, 0) + bytes.fromhex("c000000000000046")
    for first in (0x000C1084, 0x000C1086, 0x000C1082)
)
_CFB = bytes.fromhex("d0cf11e0a1b11ae1")
_MACHO = (b"\xfe\xed\xfa\xce", b"\xfe\xed\xfa\xcf", b"\xce\xfa\xed\xfe", b"\xcf\xfa\xed\xfe")
_ZIP_TAIL = 256 * 1024  # the central directory (all entry names) is at the end
MAGIC_HEAD = 4096  # bytes of a streamed body held back until its magic is known


@dataclass(frozen=True, slots=True)
class Download:
    """A response recognised as a program or installer, and how."""

    kind: str  # what to tell the person, e.g. "a Windows program"
    evidence: str  # e.g. "first bytes MZ", "file name setup.exe"


def kind_from_content_type(value: str | None) -> str | None:
    """The kind of program a Content-Type names (parameters and case ignored)."""
    if not value:
        return None
    return CONTENT_TYPES.get(value.split(";", 1)[0].strip().lower())


def kind_from_filename(name: str | None) -> str | None:
    """The kind of program a file name's extension names (`setup.EXE`, `a.tar.msi`)."""
    if not name:
        return None
    base = name.strip().strip('"').rsplit("/", 1)[-1].lower()
    dot = base.rfind(".")
    return EXTENSIONS.get(base[dot:]) if dot > 0 else None


_DISPOSITION_STAR = re.compile(r"filename\*\s*=\s*([^;]+)", re.IGNORECASE)
_DISPOSITION = re.compile(r'filename\s*=\s*("(?:[^"\\]|\\.)*"|[^;]+)', re.IGNORECASE)


def filename_from_disposition(value: str | None) -> str | None:
    """The file name in a Content-Disposition header; `filename*` (RFC 6266) first."""
    if not value:
        return None
    m = _DISPOSITION_STAR.search(value)
    if m:
        raw = m.group(1).strip()
        _, _, encoded = raw.partition("''") if "''" in raw else ("", "", raw)
        return unquote(encoded, errors="replace").strip('"') or None
    m = _DISPOSITION.search(value)
    if m:
        raw = m.group(1).strip()
        if raw.startswith('"') and raw.endswith('"') and len(raw) >= 2:
            raw = re.sub(r"\\(.)", r"\1", raw[1:-1])
        return raw or None
    return None


def _cfb_is_msi(body: bytes) -> bool | None:
    """True/False if the compound file's root class id is (not) an installer's; None
    when the directory sector is not within the bytes at hand."""
    if len(body) < 0x50:
        return None
    sector_shift = struct.unpack_from("<H", body, 0x1E)[0]
    if sector_shift not in (9, 12):
        return False
    first_dir = struct.unpack_from("<I", body, 0x30)[0]
    offset = (first_dir + 1) << sector_shift
    if offset + 0x60 > len(body):
        return None
    return body[offset + 0x50 : offset + 0x60] in _MSI_CLSIDS


def _zip_kind(head: bytes, tail: bytes) -> str | None:
    for part in (head, tail):
        if b"AndroidManifest.xml" in part:
            return ANDROID
        if b"AppxManifest.xml" in part or b"AppxBundleManifest.xml" in part:
            return WINDOWS_APP
        if b"Payload/" in part and b".app/" in part:
            return IOS
    return None


def kind_from_magic(body: bytes, *, complete: bool) -> Download | None:
    """The kind of program the body's bytes show, if any. `complete` says the whole
    body is here (a .dmg trailer and ZIP central directory are then visible)."""
    head = body[:64]
    if head[:2] == b"MZ":
        return Download(WINDOWS, "first bytes MZ")
    if head[:4] == b"\x7fELF":
        return Download(LINUX, "first bytes ELF")
    if head[:4] in _MACHO:
        return Download(MAC_PROGRAM, "Mach-O header")
    # A universal Mach-O binary counts its architectures after the magic (a few); a
    # Java class file, with the same magic, has its version there (45 or more).
    if head[:4] == b"\xca\xfe\xba\xbe" and 0 < int.from_bytes(head[4:8], "big") < 20:
        return Download(MAC_PROGRAM, "universal Mach-O header")
    if head[:4] == b"xar!":
        return Download(MAC_INSTALLER, "xar archive header")
    if head[:4] == b"\xed\xab\xee\xdb":
        return Download(LINUX_PACKAGE, "RPM header")
    if head[:21] == b"!<arch>\ndebian-binary":
        return Download(LINUX_PACKAGE, "Debian package header")
    if head[:8] == _CFB and _cfb_is_msi(body):
        return Download(WINDOWS_INSTALLER, "Windows Installer storage")
    if head[:4] == b"PK\x03\x04":
        tail = body[-_ZIP_TAIL:] if complete else b""
        kind = _zip_kind(body[:_ZIP_TAIL], tail)
        if kind is not None:
            return Download(kind, "ZIP entries of an app package")
    if complete and len(body) >= 512 and body[-512:-508] == b"koly":
        return Download(MAC_DISK, "disk image trailer koly")
    return None


class MagicGate:
    """A filter for a body too large to buffer (mitmproxy's `response.stream`: called
    with each chunk, then with b"" at the end; returns what to send on). Holds back the
    first `MAGIC_HEAD` bytes until their magic is known, then passes everything, or for
    a program (when `on_program()` says block) nothing more: the client is left with a
    broken download, since the headers have already gone."""

    def __init__(self, on_program: Callable[[], bool]) -> None:
        self.on_program = on_program  # logs; True: block it
        self.held = bytearray()
        self.state = "holding"

    def __call__(self, chunk: bytes) -> bytes:
        if self.state == "passing":
            return chunk
        if self.state == "blocked":
            return b""
        self.held += chunk
        if chunk and len(self.held) < MAGIC_HEAD:
            return b""
        found = kind_from_magic(bytes(self.held), complete=not chunk)
        if found is not None and self.on_program():
            self.state = "blocked"
            self.held.clear()
            return b""
        self.state = "passing"
        out = bytes(self.held)
        self.held.clear()
        return out


def installer_address(host: str, path: str) -> bool:
    """True for a known instant-messaging installer address (host without "www.")."""
    h = host[4:] if host.startswith("www.") else host
    target = (h + path).lower()
    return any(target.startswith(p) for p in IM_INSTALLER_PREFIXES)


def download_verdict(
    host: str,
    path: str,
    headers: Mapping[str, str],
    body: bytes | None = None,
    *,
    complete: bool = True,
) -> Download | None:
    """Why this response is a program or installer (None if it is not one).

    `headers` are the response's (looked up by lower-case name); `path` is the request
    path with its query; `body` is the whole body (`complete`) or its first bytes.
    """
    kind = kind_from_content_type(headers.get("content-type"))
    if kind is not None:
        ctype = headers.get("content-type", "").split(";")[0].strip()
        return Download(kind, f"content type {ctype}")
    name = filename_from_disposition(headers.get("content-disposition"))
    kind = kind_from_filename(name)
    if kind is not None:
        return Download(kind, f"file name {name}")
    url_name = unquote(path.split("?", 1)[0].rsplit("/", 1)[-1])
    kind = kind_from_filename(url_name)
    if kind is not None:
        return Download(kind, f"file name {url_name}")
    if installer_address(host, path):
        return Download(IM_INSTALLER, f"installer address {host}")
    if body:
        return kind_from_magic(body, complete=complete)
    return None


def request_verdict(host: str, path: str) -> Download | None:
    """What the request alone shows (URL file name, installer address): lets the proxy
    refuse before anything is downloaded."""
    return download_verdict(host, path, {}, None)


# --- SafeSearch ------------------------------------------------------------------------

_GOOGLE = re.compile(r"^(www\.)?google\.(com|[a-z]{2}|co\.[a-z]{2}|com\.[a-z]{2})$")
_GOOGLE_PATHS = ("/search", "/images", "/webhp", "/complete/search")
_BING = re.compile(r"^(www\.|cn\.)?bing\.com$")
_BING_PATHS = ("/search", "/images/search", "/videos/search", "/news/search", "/AS/Suggestions")
_DDG = re.compile(r"^((html|lite|links|www)\.)?duckduckgo\.com$")
YOUTUBE_HOSTS = frozenset(
    {
        "youtube.com",
        "www.youtube.com",
        "m.youtube.com",
        "music.youtube.com",
        "youtubei.googleapis.com",
        "youtube.googleapis.com",
        "www.youtube-nocookie.com",
    }
)


def set_query_param(path: str, name: str, value: str) -> str:
    """`path` (with query) with `name=value` set once; every other parameter is kept
    byte for byte (re-encoding could change what the server reads)."""
    base, sep, query = path.partition("?")
    kept = [p for p in query.split("&") if p and p.split("=", 1)[0] != name] if sep else []
    return base + "?" + "&".join([*kept, f"{name}={value}"])


def safesearch(host: str, path: str) -> tuple[str, dict[str, str]] | None:
    """(new path, headers to set) enforcing SafeSearch for this request, or None.

    Google: `safe=active`; Bing: `adlt=strict`; DuckDuckGo: `kp=1` (searches only);
    YouTube: the `YouTube-Restrict: Strict` header on every request.
    """
    h = host.lower().rstrip(".")
    p = path.split("?", 1)[0]
    if _GOOGLE.match(h) and p.startswith(_GOOGLE_PATHS):
        return set_query_param(path, "safe", "active"), {}
    if _BING.match(h) and p.startswith(_BING_PATHS):
        return set_query_param(path, "adlt", "strict"), {}
    if _DDG.match(h) and re.search(r"(^|&)q=", path.partition("?")[2]):
        return set_query_param(path, "kp", "1"), {}
    if h in YOUTUBE_HOSTS:
        return path, {"YouTube-Restrict": "Strict"}
    return None


# --- cookies ---------------------------------------------------------------------------


def cookies_strippable(
    categories: Iterable[str], strip: Collection[str], aliases: Mapping[str, str] | None = None
) -> bool:
    """True when any of the site's categories is one whose cookies are stripped
    (`aliases` maps a pack's category name to the index's, as in `decide`)."""
    wanted = set(strip) | {aliases[c] for c in strip if aliases and c in aliases}
    return any(c in wanted for c in categories)
