"""What the proxy recognises inside traffic, without mitmproxy: program downloads by
type, name and magic bytes; SafeSearch rewriting; which sites lose their cookies; and the
pack's `web.downloads` / `web.cookies` checks."""

from __future__ import annotations

import io
import struct
import zipfile
from pathlib import Path

import pytest

from aupguard.policy.loader import load_pack, resolve, validate_file
from aupguard.web import inspect as ins

# --- downloads ---------------------------------------------------------------------


def test_content_types() -> None:
    assert ins.kind_from_content_type("application/x-msdownload") == ins.WINDOWS
    assert ins.kind_from_content_type("Application/X-MSI; charset=binary") == ins.WINDOWS_INSTALLER
    assert ins.kind_from_content_type("application/vnd.android.package-archive") == ins.ANDROID
    assert ins.kind_from_content_type("application/x-apple-diskimage") == ins.MAC_DISK
    assert ins.kind_from_content_type("application/octet-stream") is None  # magic decides
    assert ins.kind_from_content_type("text/html") is None
    assert ins.kind_from_content_type(None) is None


def test_file_names_and_content_disposition() -> None:
    assert ins.kind_from_filename("Setup.EXE") == ins.WINDOWS
    assert ins.kind_from_filename("/dl/WhatsApp.msix") == ins.WINDOWS_APP
    assert ins.kind_from_filename("tool.dmg") == ins.MAC_DISK
    assert ins.kind_from_filename("example.com") is None  # not a program: a domain name
    assert ins.kind_from_filename("report.pdf") is None
    assert ins.kind_from_filename(".exe") is None  # a hidden file, no extension
    cd = ins.filename_from_disposition
    assert cd('attachment; filename="Telegram Setup.exe"') == "Telegram Setup.exe"
    assert cd("attachment; filename=app.apk") == "app.apk"
    assert cd("attachment; filename=\"a.pdf\"; filename*=UTF-8''Zoom%20Installer.msi") == (
        "Zoom Installer.msi"
    )
    assert cd('attachment; filename="quo\\"te.txt"') == 'quo"te.txt'
    assert cd("inline") is None and cd(None) is None


def _msi_like(clsid_first: int) -> bytes:
    """A compound file whose directory starts at sector 0 (offset 512), with the root
    entry's class id set."""
    header = bytearray(512)
    header[:8] = bytes.fromhex("d0cf11e0a1b11ae1")
    struct.pack_into("<H", header, 0x1E, 9)  # 512-byte sectors
    struct.pack_into("<I", header, 0x30, 0)  # first directory sector
    entry = bytearray(128)
    entry[0x50:0x60] = struct.pack("<IHH", clsid_first, 0, 0) + bytes.fromhex("c000000000000046")
    return bytes(header) + bytes(entry) + bytes(384)


def _zip(names: list[str]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name in names:
            z.writestr(name, b"x" * 10)
    return buf.getvalue()


def test_magic_bytes() -> None:
    magic = ins.kind_from_magic
    assert magic(b"MZ\x90\x00" + bytes(60), complete=True) == ins.Download(
        ins.WINDOWS, "first bytes MZ"
    )
    assert magic(b"\x7fELF\x02\x01", complete=False).kind == ins.LINUX  # type: ignore[union-attr]
    assert magic(b"\xcf\xfa\xed\xfe" + bytes(20), complete=False).kind == ins.MAC_PROGRAM  # type: ignore[union-attr]
    fat = b"\xca\xfe\xba\xbe\x00\x00\x00\x02"
    java = b"\xca\xfe\xba\xbe\x00\x00\x00\x37"
    assert magic(fat, complete=False).kind == ins.MAC_PROGRAM  # type: ignore[union-attr]
    assert magic(java, complete=False) is None  # a Java class file, same magic
    assert magic(b"xar!\x00\x1c", complete=False).kind == ins.MAC_INSTALLER  # type: ignore[union-attr]
    assert magic(b"\xed\xab\xee\xdb\x03", complete=False).kind == ins.LINUX_PACKAGE  # type: ignore[union-attr]
    assert magic(b"!<arch>\ndebian-binary   ", complete=False).kind == ins.LINUX_PACKAGE  # type: ignore[union-attr]


def test_msi_told_apart_from_office_documents() -> None:
    assert ins.kind_from_magic(_msi_like(0x000C1084), complete=True).kind == (  # type: ignore[union-attr]
        ins.WINDOWS_INSTALLER
    )
    word_doc = _msi_like(0x00020906)  # Word's class id: an old .doc, not an installer
    assert ins.kind_from_magic(word_doc, complete=True) is None
    # Only the header at hand: cannot tell, so not claimed to be a program.
    assert ins.kind_from_magic(_msi_like(0x000C1084)[:512], complete=False) is None


def test_zip_app_packages_and_dmg_trailer() -> None:
    apk = _zip(["AndroidManifest.xml", "classes.dex"])
    assert ins.kind_from_magic(apk, complete=True).kind == ins.ANDROID  # type: ignore[union-attr]
    ipa = _zip(["Payload/Chat.app/Info.plist"])
    assert ins.kind_from_magic(ipa, complete=True).kind == ins.IOS  # type: ignore[union-attr]
    msix = _zip(["AppxManifest.xml"])
    assert ins.kind_from_magic(msix, complete=True).kind == ins.WINDOWS_APP  # type: ignore[union-attr]
    docx = _zip(["[Content_Types].xml", "word/document.xml"])
    assert ins.kind_from_magic(docx, complete=True) is None
    dmg = b"\x78\xda" + bytes(2000) + b"koly" + bytes(508)
    assert ins.kind_from_magic(dmg, complete=True).kind == ins.MAC_DISK  # type: ignore[union-attr]
    assert ins.kind_from_magic(dmg[:1000], complete=False) is None  # the head alone: no
    assert ins.kind_from_magic(b"<!DOCTYPE html>", complete=True) is None
    assert ins.kind_from_magic(b"", complete=True) is None


def test_download_verdict_order_and_evidence() -> None:
    v = ins.download_verdict
    assert v("files.test", "/x", {"content-type": "application/x-msi"}) == ins.Download(
        ins.WINDOWS_INSTALLER, "content type application/x-msi"
    )
    named = v("files.test", "/get", {"content-disposition": 'attachment; filename="a.apk"'})
    assert named == ins.Download(ins.ANDROID, "file name a.apk")
    assert v("files.test", "/dl/Setup%20x64.exe?v=2", {}).evidence == "file name Setup x64.exe"  # type: ignore[union-attr]
    assert v("files.test", "/download.php?file=setup.exe", {}) is None  # query is not a name
    by_body = v("files.test", "/get", {"content-type": "application/octet-stream"}, b"MZ\x90")
    assert by_body == ins.Download(ins.WINDOWS, "first bytes MZ")
    assert v("files.test", "/page", {"content-type": "text/html"}, b"<html>") is None
    im = v("www.telegram.org", "/dl/desktop/win64", {})
    assert im is not None and im.kind == ins.IM_INSTALLER
    assert ins.request_verdict("zoom.us", "/client/latest/ZoomInstaller") is not None
    assert ins.request_verdict("zoom.us", "/j/123456") is None  # joining a meeting is fine


def test_magic_gate_holds_the_head_then_passes_or_cuts() -> None:
    calls: list[bool] = []

    def block() -> bool:
        calls.append(True)
        return True

    gate = ins.MagicGate(block)
    assert gate(b"MZ") == b""  # held until MAGIC_HEAD bytes or the end
    assert gate(bytes(ins.MAGIC_HEAD)) == b""  # a program: nothing goes on
    assert gate(b"more") == b"" and gate(b"") == b""
    assert calls == [True]
    text = ins.MagicGate(block)
    assert text(b"hello ") == b""
    assert text(b"x" * ins.MAGIC_HEAD) == b"hello " + b"x" * ins.MAGIC_HEAD
    assert text(b"tail") == b"tail" and text(b"") == b""
    short = ins.MagicGate(block)
    assert short(b"tiny") == b"" and short(b"") == b"tiny"  # a body shorter than the head
    monitored = ins.MagicGate(lambda: False)  # the rule only monitors: logged, passed
    assert monitored(b"MZ" + bytes(ins.MAGIC_HEAD)) == b"MZ" + bytes(ins.MAGIC_HEAD)
    assert calls == [True]


# --- SafeSearch ----------------------------------------------------------------------


def test_safesearch_google_bing_duckduckgo_youtube() -> None:
    s = ins.safesearch
    assert s("www.google.com", "/search?q=cats&safe=off") == ("/search?q=cats&safe=active", {})
    assert s("www.google.co.uk", "/search?q=a+b%20c") == ("/search?q=a+b%20c&safe=active", {})
    assert s("google.de", "/webhp") == ("/webhp?safe=active", {})
    assert s("www.google.com", "/maps/place/x") is None
    assert s("www.bing.com", "/search?q=x&adlt=off") == ("/search?q=x&adlt=strict", {})
    assert s("bing.com", "/images/search?q=x") == ("/images/search?q=x&adlt=strict", {})
    assert s("duckduckgo.com", "/?q=x&kp=-2") == ("/?q=x&kp=1", {})
    assert s("html.duckduckgo.com", "/html/?q=x") == ("/html/?q=x&kp=1", {})
    assert s("duckduckgo.com", "/about") is None
    assert s("www.youtube.com", "/watch?v=1") == ("/watch?v=1", {"YouTube-Restrict": "Strict"})
    assert s("m.youtube.com", "/") == ("/", {"YouTube-Restrict": "Strict"})
    assert s("notgoogle.com", "/search?q=x") is None
    assert s("google.com.evil.test", "/search?q=x") is None


def test_set_query_param_keeps_other_parameters_byte_for_byte() -> None:
    assert ins.set_query_param("/s", "safe", "active") == "/s?safe=active"
    assert ins.set_query_param("/s?", "safe", "active") == "/s?safe=active"
    path = "/s?q=%E2%9C%93&safe=off&x=&safe=images&y"
    assert ins.set_query_param(path, "safe", "active") == "/s?q=%E2%9C%93&x=&y&safe=active"


# --- cookies -------------------------------------------------------------------------


def test_cookies_strippable() -> None:
    assert ins.cookies_strippable(["shopping"], ("shopping",))
    assert not ins.cookies_strippable(["news"], ("shopping",))
    assert not ins.cookies_strippable([], ("shopping",))
    assert ins.cookies_strippable(["agressif"], ("aggressive",), {"aggressive": "agressif"})


# --- the pack ------------------------------------------------------------------------


def test_packs_cite_their_download_and_cookie_clauses() -> None:
    belper = load_pack("belper").web
    assert belper.downloads is not None and belper.cookies is not None
    assert belper.downloads.clause == "belper.general.tablet-downloads"
    assert belper.downloads.groups == ("council-tablets",)
    assert belper.cookies.categories == ("shopping",)
    leigh = load_pack("leigh").web
    assert leigh.downloads is not None and leigh.downloads.action == "block"
    assert leigh.downloads.clause == "leigh.email.no-instant-messaging"
    assert leigh.downloads.groups == () and leigh.cookies is None


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("clause: leigh.email.no-instant-messaging}", "clause: leigh.email.nope}",
         "web.downloads cites unknown clause 'leigh.email.nope'"),
        ("clause: leigh.email.no-instant-messaging}",
         "clause: leigh.email.no-instant-messaging, groups: [tablets]}",
         "web.downloads names unknown groups ['tablets']"),
        ("clause: leigh.email.no-instant-messaging}",
         "clause: leigh.email.no-instant-messaging}\n  cookies: {categories: [shoping], "
         "clause: leigh.email.no-personal-use}",
         "web.cookies: unknown web category 'shoping'"),
        ("{action: block, clause: leigh.email.no-instant-messaging}",
         "{action: delete, clause: leigh.email.no-instant-messaging}", "web.downloads.action"),
    ],
)
def test_pack_checks_point_at_the_line(tmp_path: Path, old: str, new: str, message: str) -> None:
    text = resolve("leigh").read_text(encoding="utf-8")
    assert old in text
    bad = tmp_path / "leigh.yaml"
    bad.write_text(text.replace(old, new), encoding="utf-8")
    problems = validate_file(bad)
    assert problems, "the edited pack should not validate"
    line_of = {n + 1 for n, row in enumerate(bad.read_text().splitlines()) if "downloads:" in row
               or "cookies:" in row}
    hits = [(line, msg) for _, line, msg in problems if message in msg]
    assert hits, problems
    assert hits[0][0] in line_of
