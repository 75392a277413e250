"""What a file is, from its bytes rather than its name.

A sender chooses the name ("invoice.pdf") but the content decides what the recipient's
computer does with it, so attachments are judged by their magic bytes. The name still
matters for two things: Windows runs scripts by their extension whatever the content
(`risky_name`), and a name that disagrees with the content is worth noting
(`name_mismatch`).
"""

from __future__ import annotations

import io
import struct
import zipfile
from dataclasses import dataclass

EXECUTABLE = "executable"
INSTALLER = "installer"
ARCHIVE = "archive"
DOCUMENT = "document"
IMAGE = "image"
AUDIO = "audio"
VIDEO = "video"
TEXT = "text"
UNKNOWN = "unknown"

# A zip whose central directory lists more entries than this is not opened to find its
# subtype (opening it would build one object per entry).
_ZIP_PEEK_ENTRIES = 5000
_ZIP_PEEK_BYTES = 16 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class FileType:
    """`kind` is the broad class the policy acts on; `name` the format ("exe", "docx")."""

    kind: str
    media_type: str
    name: str


def _ft(kind: str, media_type: str, name: str) -> FileType:
    return FileType(kind, media_type, name)


OCTET = _ft(UNKNOWN, "application/octet-stream", "unknown")
_PLAIN = _ft(TEXT, "text/plain", "text")

_OOXML = "application/vnd.openxmlformats-officedocument."
_ODF = "application/vnd.oasis.opendocument."
_ODF_TYPES = {
    _ODF + "text": "odt",
    _ODF + "spreadsheet": "ods",
    _ODF + "presentation": "odp",
    _ODF + "graphics": "odg",
}
# Root storage CLSIDs of OLE2 files, as stored (little-endian GUID fields).
_MSI_CLSIDS = {
    bytes.fromhex("84100c0000000000c000000000000046"): "msi",
    bytes.fromhex("86100c0000000000c000000000000046"): "msp",
    bytes.fromhex("82100c0000000000c000000000000046"): "mst",
}
_OLE_STREAMS = (
    ("EncryptedPackage", _ft(DOCUMENT, "application/x-ole-storage", "encrypted-office")),
    ("WordDocument", _ft(DOCUMENT, "application/msword", "doc")),
    ("Workbook", _ft(DOCUMENT, "application/vnd.ms-excel", "xls")),
    ("Book", _ft(DOCUMENT, "application/vnd.ms-excel", "xls")),
    ("PowerPoint Document", _ft(DOCUMENT, "application/vnd.ms-powerpoint", "ppt")),
)
_FTYP_BRANDS = {
    b"heic": _ft(IMAGE, "image/heic", "heic"),
    b"heix": _ft(IMAGE, "image/heic", "heic"),
    b"mif1": _ft(IMAGE, "image/heif", "heif"),
    b"msf1": _ft(IMAGE, "image/heif", "heif"),
    b"avif": _ft(IMAGE, "image/avif", "avif"),
    b"M4A ": _ft(AUDIO, "audio/mp4", "m4a"),
    b"M4B ": _ft(AUDIO, "audio/mp4", "m4a"),
    b"qt  ": _ft(VIDEO, "video/quicktime", "mov"),
    b"3gp4": _ft(VIDEO, "video/3gpp", "3gp"),
    b"3gp5": _ft(VIDEO, "video/3gpp", "3gp"),
}
_MAGIC: tuple[tuple[bytes, FileType], ...] = (
    (b"\x89PNG\r\n\x1a\n", _ft(IMAGE, "image/png", "png")),
    (b"\xff\xd8\xff", _ft(IMAGE, "image/jpeg", "jpeg")),
    (b"GIF87a", _ft(IMAGE, "image/gif", "gif")),
    (b"GIF89a", _ft(IMAGE, "image/gif", "gif")),
    (b"II*\x00", _ft(IMAGE, "image/tiff", "tiff")),
    (b"MM\x00*", _ft(IMAGE, "image/tiff", "tiff")),
    (b"ID3", _ft(AUDIO, "audio/mpeg", "mp3")),
    (b"fLaC", _ft(AUDIO, "audio/flac", "flac")),
    (b"\x1a\x45\xdf\xa3", _ft(VIDEO, "video/x-matroska", "mkv")),
    (b"\x7fELF", _ft(EXECUTABLE, "application/x-executable", "elf")),
    (b"\xfe\xed\xfa\xce", _ft(EXECUTABLE, "application/x-mach-binary", "macho")),
    (b"\xfe\xed\xfa\xcf", _ft(EXECUTABLE, "application/x-mach-binary", "macho")),
    (b"\xce\xfa\xed\xfe", _ft(EXECUTABLE, "application/x-mach-binary", "macho")),
    (b"\xcf\xfa\xed\xfe", _ft(EXECUTABLE, "application/x-mach-binary", "macho")),
    (b"#!", _ft(EXECUTABLE, "text/x-shellscript", "script")),
    (b"L\x00\x00\x00\x01\x14\x02\x00", _ft(EXECUTABLE, "application/x-ms-shortcut", "lnk")),
    (b"!<arch>\ndebian-binary", _ft(INSTALLER, "application/vnd.debian.binary-package", "deb")),
    (b"\xed\xab\xee\xdb", _ft(INSTALLER, "application/x-rpm", "rpm")),
    (b"xar!", _ft(INSTALLER, "application/x-xar", "pkg")),
    (b"!<arch>\n", _ft(ARCHIVE, "application/x-archive", "ar")),
    (b"\x1f\x8b", _ft(ARCHIVE, "application/gzip", "gzip")),
    (b"BZh", _ft(ARCHIVE, "application/x-bzip2", "bzip2")),
    (b"\xfd7zXZ\x00", _ft(ARCHIVE, "application/x-xz", "xz")),
    (b"7z\xbc\xaf\x27\x1c", _ft(ARCHIVE, "application/x-7z-compressed", "7z")),
    (b"Rar!\x1a\x07", _ft(ARCHIVE, "application/vnd.rar", "rar")),
    (b"\x28\xb5\x2f\xfd", _ft(ARCHIVE, "application/zstd", "zstd")),
    (b"MSCF\x00\x00\x00\x00", _ft(ARCHIVE, "application/vnd.ms-cab-compressed", "cab")),
    (b"\x78\x9f\x3e\x22", _ft(ARCHIVE, "application/vnd.ms-tnef", "tnef")),
    (b"{\\rtf", _ft(DOCUMENT, "application/rtf", "rtf")),
)
_HTML_STARTS = (b"<!doctype html", b"<html", b"<head", b"<body", b"<!--", b"<meta", b"<div")


def detect(data: bytes) -> FileType:
    """The type of a file from its content. Never raises; unknown binary is `OCTET`."""
    head = data[:64]
    if head.startswith(b"MZ"):
        return _pe(data)
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")):
        return _zip(data)
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return _ole2(data)
    if b"%PDF-" in data[:1024]:
        return _ft(DOCUMENT, "application/pdf", "pdf")
    if head.startswith(b"\xca\xfe\xba\xbe") and len(data) >= 8:
        # Fat Mach-O and Java class files share this magic; a class file's major
        # version (45 and up) sits where a fat binary keeps its small arch count.
        if struct.unpack(">I", data[4:8])[0] < 45:
            return _ft(EXECUTABLE, "application/x-mach-binary", "macho")
        return _ft(EXECUTABLE, "application/java-vm", "class")
    for magic, ft in _MAGIC:
        if head.startswith(magic):
            return ft
    found = _riff_ftyp(data) or _tail_and_offsets(data)
    if found is not None:
        return found
    if head[:2] in (b"\xff\xfb", b"\xff\xf3", b"\xff\xf2"):
        return _ft(AUDIO, "audio/mpeg", "mp3")
    return _textual(data)


def _pe(data: bytes) -> FileType:
    """MZ: a Windows program; "dll" when the PE header says so."""
    if len(data) >= 0x40:
        off = struct.unpack("<I", data[0x3C:0x40])[0]
        if data[off : off + 4] == b"PE\x00\x00" and len(data) >= off + 24:
            flags = struct.unpack("<H", data[off + 22 : off + 24])[0]
            if flags & 0x2000:
                return _ft(EXECUTABLE, "application/x-msdownload", "dll")
    return _ft(EXECUTABLE, "application/x-msdownload", "exe")


def zip_directory(data: bytes) -> tuple[int, int] | None:
    """(entries, central directory bytes) as the end-of-central-directory record claims
    them, read without opening the zip; None when there is no record. 0xFFFF entries or
    0xFFFFFFFF bytes mean "see the zip64 record", which callers treat as too many."""
    pos = data.rfind(b"PK\x05\x06", max(0, len(data) - 65557))
    if pos < 0 or len(data) < pos + 22:
        return None
    count, size = struct.unpack("<HI", data[pos + 10 : pos + 16])
    return int(count), int(size)


def _zip(data: bytes) -> FileType:
    """Zip, or a format built on it (OOXML, ODF, APK, JAR, Windows app packages)."""
    plain = _ft(ARCHIVE, "application/zip", "zip")
    directory = zip_directory(data)
    if directory is None or directory[0] > _ZIP_PEEK_ENTRIES or directory[1] > _ZIP_PEEK_BYTES:
        return plain
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            names = set(zf.namelist())
            if "mimetype" in names:
                info = zf.getinfo("mimetype")
                if info.file_size <= 100 and not info.flag_bits & 1:
                    with zf.open(info) as f:
                        kind = f.read(100).decode("ascii", "replace").strip()
                    name = _ODF_TYPES.get(kind)
                    if name is not None:
                        return _ft(DOCUMENT, kind, name)
    except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError, EOFError):
        return plain
    if "AndroidManifest.xml" in names:
        return _ft(INSTALLER, "application/vnd.android.package-archive", "apk")
    if "AppxManifest.xml" in names or "AppxMetadata/AppxBundleManifest.xml" in names:
        return _ft(INSTALLER, "application/msix", "msix")
    if "[Content_Types].xml" in names:
        for prefix, sub, name in (
            ("word/", "wordprocessingml.document", "docx"),
            ("xl/", "spreadsheetml.sheet", "xlsx"),
            ("ppt/", "presentationml.presentation", "pptx"),
        ):
            if any(n.startswith(prefix) for n in names):
                return _ft(DOCUMENT, _OOXML + sub, name)
    if "META-INF/MANIFEST.MF" in names and any(n.endswith(".class") for n in names):
        return _ft(EXECUTABLE, "application/java-archive", "jar")
    return plain


def _ole2(data: bytes) -> FileType:
    """OLE2 compound file: an installer when the root CLSID says MSI, else an Office
    document named by its main stream."""
    ole = _ft(DOCUMENT, "application/x-ole-storage", "ole2")
    try:
        shift = struct.unpack("<H", data[0x1E:0x20])[0]
        first_dir = struct.unpack("<I", data[0x30:0x34])[0]
        if shift in (9, 12) and first_dir < 0xFFFFFFFA:
            root = (first_dir + 1) << shift
            clsid = data[root + 0x50 : root + 0x60]
            if clsid in _MSI_CLSIDS:
                return _ft(INSTALLER, "application/x-msi", _MSI_CLSIDS[clsid])
    except struct.error:
        return ole
    for stream, ft in _OLE_STREAMS:
        if (stream + "\x00").encode("utf-16-le") in data:
            return ft
    return ole


def _riff_ftyp(data: bytes) -> FileType | None:
    if data[:4] == b"RIFF" and len(data) >= 12:
        form = data[8:12]
        if form == b"WEBP":
            return _ft(IMAGE, "image/webp", "webp")
        if form == b"WAVE":
            return _ft(AUDIO, "audio/wav", "wav")
        if form == b"AVI ":
            return _ft(VIDEO, "video/x-msvideo", "avi")
    if data[4:8] == b"ftyp":
        brand = data[8:12]
        return _FTYP_BRANDS.get(brand, _ft(VIDEO, "video/mp4", "mp4"))
    if data[:4] == b"OggS":
        video = b"theora" in data[:256] or b"\x80theora" in data[:256]
        return _ft(VIDEO, "video/ogg", "ogv") if video else _ft(AUDIO, "audio/ogg", "ogg")
    return None


def _tail_and_offsets(data: bytes) -> FileType | None:
    """Formats marked away from the start: tar (ustar at 257), ISO 9660, Apple DMG."""
    if data[257:262] == b"ustar":
        return _ft(ARCHIVE, "application/x-tar", "tar")
    if data[0x8001:0x8006] == b"CD001":
        return _ft(ARCHIVE, "application/x-iso9660-image", "iso")
    if len(data) >= 512 and data[-512:-508] == b"koly":
        return _ft(INSTALLER, "application/x-apple-diskimage", "dmg")
    return None


def _textual(data: bytes) -> FileType:
    """HTML, XML or plain text when the bytes read as text, else unknown binary."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        sample = data[2:4096].decode("utf-16", "replace").encode("utf-8", "replace")
    elif data.startswith(b"\xef\xbb\xbf"):
        sample = data[3:4096]
    elif b"\x00" in data[:4096]:
        return _PLAIN if utf16_without_bom(data) else OCTET
    else:
        sample = data[:4096]
        controls = sum(1 for b in sample if b < 9 or 13 < b < 32 or b == 127)
        if controls > len(sample) // 50:
            return OCTET
    lead = sample.lstrip().lower()
    if lead.startswith(_HTML_STARTS) or b"<html" in lead[:1024]:
        return _ft(TEXT, "text/html", "html")
    if lead.startswith(b"<?xml"):
        if b"<svg" in lead[:2048]:
            return _ft(IMAGE, "image/svg+xml", "svg")
        return _ft(TEXT, "application/xml", "xml")
    if lead.startswith(b"<svg"):
        return _ft(IMAGE, "image/svg+xml", "svg")
    return _PLAIN


def utf16_without_bom(data: bytes) -> str | None:
    """"utf-16-le" or "utf-16-be" when text without a BOM looks like UTF-16 (every
    other byte NUL, the rest printable), else None."""
    sample = data[:4096]
    if len(sample) < 8:
        return None
    sample = sample[: len(sample) // 2 * 2]
    for codec, zeros, chars in (("utf-16-le", sample[1::2], sample[0::2]),
                                ("utf-16-be", sample[0::2], sample[1::2])):
        if zeros.count(0) >= len(zeros) * 0.9 and all(
                b >= 32 or b in (9, 10, 13) for b in chars.replace(b"\x00", b"")):
            return codec
    return None


# What each common extension should contain (by FileType.name).
_EXPECT: dict[str, frozenset[str]] = {
    ext: frozenset(names.split())
    for ext, names in {
        "pdf": "pdf", "docx": "docx", "docm": "docx", "xlsx": "xlsx", "xlsm": "xlsx",
        "pptx": "pptx", "odt": "odt", "ods": "ods", "odp": "odp", "doc": "doc ole2 rtf",
        "xls": "xls ole2", "ppt": "ppt ole2", "rtf": "rtf", "zip": "zip",
        "gz": "gzip", "tgz": "gzip", "bz2": "bzip2", "xz": "xz", "7z": "7z", "rar": "rar",
        "tar": "tar", "png": "png", "jpg": "jpeg", "jpeg": "jpeg", "gif": "gif",
        "webp": "webp", "tif": "tiff", "tiff": "tiff", "heic": "heic heif",
        "mp3": "mp3", "wav": "wav", "ogg": "ogg ogv", "mp4": "mp4 m4a", "m4a": "m4a mp4",
        "mov": "mov mp4", "avi": "avi", "txt": "text", "csv": "text", "htm": "html text",
        "html": "html text", "xml": "xml text", "exe": "exe", "dll": "dll exe",
        "msi": "msi", "apk": "apk", "dmg": "dmg", "deb": "deb", "rpm": "rpm",
        "eml": "text",
    }.items()
}
# Extensions the recipient's system would run or install, whatever the bytes inside.
RISKY_EXTENSIONS = frozenset(
    "exe scr com pif cpl dll sys msi msp mst bat cmd vbs vbe js jse wsf wsh ps1 psm1 hta "
    "lnk reg jar apk app dmg pkg deb rpm appimage msix appx appxbundle msixbundle iso img "
    "vhd vhdx chm inf sct url xll".split()
)


def extension(filename: str) -> str:
    base = filename.replace("\\", "/").rsplit("/", 1)[-1]
    return base.rsplit(".", 1)[-1].lower().strip() if "." in base else ""


def name_mismatch(filename: str, ft: FileType) -> bool:
    """True when the name's extension promises a different format than the content."""
    expected = _EXPECT.get(extension(filename))
    return expected is not None and ft.name not in expected


def risky_name(filename: str) -> bool:
    """True when the extension is one a computer runs or installs when opened."""
    return extension(filename) in RISKY_EXTENSIONS
