"""The text inside attachments: PDF, Word, Excel, PowerPoint, OpenDocument, RTF, HTML
and plain text.

A policy about what leaves by email has to read what is attached, not only the body.
Each reader returns `Extracted`: the text (None when the type carries none we can read),
whether the file is encrypted, and the reasons the text may be incomplete, which the
message parser turns into problems. Readers stop at count- and size-based limits, and
the XML inside office files is read by `_xmltext`, which refuses DTDs and entities.
"""

from __future__ import annotations

import codecs
import io
import logging
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field

from aupguard.mail._rtf import rtf_text
from aupguard.mail._xmltext import TextCollector, XmlRefused, feed
from aupguard.mail.archives import READ_ERRORS, LimitExceeded, open_zip, zip_member_chunks
from aupguard.mail.filetype import FileType, utf16_without_bom
from aupguard.mail.limits import Budget, Limits
from aupguard.text.markup import html_to_text

# Codecs Python knows that are not charsets a mail client would use to show text.
_NOT_CHARSETS = frozenset(
    {"unicode_escape", "raw_unicode_escape", "idna", "punycode", "undefined", "mbcs",
     "oem", "palmos", "charmap"}
)
_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?([A-Za-z0-9_.:-]{1,40})""",
                           re.IGNORECASE)
# Word's visible text (deleted text too: a recipient can still show tracked changes).
_DOCX_PARTS = re.compile(r"word/(document|header\d*|footer\d*|footnotes|endnotes|comments)\.xml")
_PPTX_PARTS = re.compile(r"ppt/(slides/slide|notesSlides/notesSlide)\d+\.xml")
_XLSX_SHEET = re.compile(r"xl/worksheets/sheet(\d+)\.xml")
_XLSX_OTHER = re.compile(r"xl/comments\d*\.xml")
_UTF16_RUN = re.compile(rb"(?:[\x20-\x7e\xa0-\xff]\x00|[\t\r\n]\x00){4,}")
_BYTE_RUN = re.compile(rb"[\x20-\x7e\xa0-\xff\t\r\n]{6,}")


@dataclass(slots=True)
class Extracted:
    """What a reader got out of one file. `problems` say why the text is incomplete."""

    text: str | None
    method: str
    encrypted: bool = False
    macros: bool = False
    problems: list[str] = field(default_factory=list)


def charset_codec(charset: str | None) -> str | None:
    """The Python codec for a MIME charset name, or None when it is unknown or not a
    text charset."""
    if not charset:
        return None
    try:
        info = codecs.lookup(charset.strip().strip('"').lower())
    except (LookupError, ValueError):
        return None
    if not getattr(info, "_is_text_encoding", True) or info.name in _NOT_CHARSETS:
        return None
    return info.name


def decode_bytes(data: bytes, charset: str | None) -> tuple[str, str | None]:
    """Decode text: a BOM wins, then the declared charset, then UTF-8, then Windows-1252.
    Returns (text, problem): a problem when the charset is unknown or the bytes are not
    valid in it (the text is then decoded with replacement characters)."""
    for bom, bom_codec in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                           (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            text = data.decode(bom_codec, "replace")
            return text, "text is not valid " + bom_codec if "\ufffd" in text else None
    name = (charset or "")[:40]
    codec = charset_codec(charset)
    if name and codec is None:
        return _guess(data), f"unknown charset {name!r}"
    if codec is None or codec == "ascii":
        # Undeclared (or ASCII-declared) 8-bit text is everyday mail: ASCII letters read
        # the same in every candidate charset, so this is a guess, not a problem.
        return _guess(data), None
    try:
        return data.decode(codec), None
    except UnicodeDecodeError:
        return data.decode(codec, "replace"), f"text is not valid {name}"
    except LookupError:
        return _guess(data), f"unknown charset {name!r}"


def _guess(data: bytes) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", "replace")


def extract(data: bytes, ft: FileType, limits: Limits, budget: Budget,
            charset: str | None = None) -> Extracted:
    """Text from one file of detected type `ft`. Never raises for bad input."""
    reader = _READERS.get(ft.name)
    if reader is None:
        if ft.name in ("doc", "xls", "ppt", "ole2"):  # ole2: Outlook .msg files among them
            return _strings(data, limits)
        return Extracted(None, "none")
    try:
        return reader(data, limits, budget, charset)
    except LimitExceeded as exc:
        return Extracted(None, ft.name, problems=[str(exc)])
    except XmlRefused as exc:
        return Extracted(None, ft.name, problems=[str(exc)])
    except (*READ_ERRORS, KeyError, IndexError, TypeError, RecursionError) as exc:
        return Extracted(None, ft.name, problems=[f"{ft.name} could not be read: {exc}"])


def _clip(text: str, limits: Limits, method: str, macros: bool = False) -> Extracted:
    if len(text) > limits.max_part_chars:
        return Extracted(text[: limits.max_part_chars], method, macros=macros,
                         problems=[f"more than {limits.max_part_chars:,} characters of text"])
    return Extracted(text, method, macros=macros)


def _text(data: bytes, limits: Limits, budget: Budget, charset: str | None) -> Extracted:
    if not charset:
        charset = utf16_without_bom(data)
    text, problem = decode_bytes(data, charset)
    out = _clip(text, limits, "text")
    if problem:
        out.problems.append(problem)
    return out


def _html(data: bytes, limits: Limits, budget: Budget, charset: str | None) -> Extracted:
    if not charset:
        m = _META_CHARSET.search(data[:4096])
        charset = m.group(1).decode("ascii") if m else None
    text, problem = decode_bytes(data, charset)
    out = _clip(html_to_text(text)[0], limits, "html")
    if problem:
        out.problems.append(problem)
    return out


def _rtf(data: bytes, limits: Limits, budget: Budget, charset: str | None) -> Extracted:
    text, truncated = rtf_text(data, limits.max_part_chars)
    problems = [f"more than {limits.max_part_chars:,} characters of text"] if truncated else []
    return Extracted(text, "rtf", problems=problems)


def _pdf(data: bytes, limits: Limits, budget: Budget, charset: str | None) -> Extracted:
    try:
        import pypdf
    except ImportError:
        return Extracted(None, "pdf", problems=["PDF text cannot be read: pypdf is missing"])
    logging.getLogger("pypdf").addHandler(logging.NullHandler())
    try:
        reader = pypdf.PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            try:
                opened = reader.decrypt("")  # an owner password only: readable as is
            except Exception:  # noqa: BLE001 - pypdf raises many types for bad crypto
                opened = pypdf.PasswordType.NOT_DECRYPTED
            if opened == pypdf.PasswordType.NOT_DECRYPTED:
                return Extracted(None, "pdf", encrypted=True)
        pages = reader.pages
        count = len(pages)
        texts: list[str] = []
        total = 0
        for i in range(min(count, limits.max_pdf_pages)):
            page_text = pages[i].extract_text() or ""
            texts.append(page_text)
            total += len(page_text)
            if total > limits.max_part_chars:
                break
    except Exception as exc:  # noqa: BLE001 - a broken PDF can fail anywhere in pypdf
        return Extracted(None, "pdf", problems=[f"PDF could not be read: {exc!s:.200}"])
    out = _clip("\n".join(texts), limits, "pdf")
    if count > limits.max_pdf_pages:
        out.problems.append(f"more than {limits.max_pdf_pages} pages")
    return out


def _zip_xml(
    zf: zipfile.ZipFile, size: int, names: list[str], collect: TextCollector,
    limits: Limits, budget: Budget,
) -> None:
    for name in names:
        info = zf.getinfo(name)
        feed(zip_member_chunks(zf, info, size, limits, budget, limits.max_xml_bytes),
             collect.start, collect.end, collect.chars)


def _ooxml(kind: str) -> Callable[[bytes, Limits, Budget, str | None], Extracted]:
    parts = _DOCX_PARTS if kind == "docx" else _PPTX_PARTS

    def read(data: bytes, limits: Limits, budget: Budget, charset: str | None) -> Extracted:
        with open_zip(data, limits) as zf:
            names = zf.namelist()
            macros = any(n.endswith("vbaProject.bin") for n in names)
            chosen = sorted((n for n in names if parts.fullmatch(n)), key=_natural)
            collect = TextCollector(frozenset({"t", "delText"}), frozenset({"p"}),
                                    breaks=frozenset({"br", "cr"}), tabs=frozenset({"tab"}),
                                    max_chars=limits.max_part_chars)
            _zip_xml(zf, len(data), chosen, collect, limits, budget)
        return _finish(collect, limits, kind, macros)

    return read


def _odf(data: bytes, limits: Limits, budget: Budget, charset: str | None) -> Extracted:
    with open_zip(data, limits) as zf:
        names = zf.namelist()
        macros = any(n.startswith("Basic/") or n.startswith("Scripts/") for n in names)
        collect = TextCollector(frozenset({"p", "h"}), frozenset({"p", "h"}),
                                breaks=frozenset({"line-break"}), tabs=frozenset({"tab"}),
                                spaces=frozenset({"s"}), max_chars=limits.max_part_chars)
        _zip_xml(zf, len(data), [n for n in ("content.xml",) if n in names], collect,
                 limits, budget)
    return _finish(collect, limits, "odf", macros)


def _finish(collect: TextCollector, limits: Limits, method: str, macros: bool) -> Extracted:
    problems = [f"more than {limits.max_part_chars:,} characters of text"] \
        if collect.truncated else []
    return Extracted(collect.result(), method, macros=macros, problems=problems)


def _natural(name: str) -> tuple[str, int]:
    m = re.search(r"(\d+)\.xml$", name)
    return (name[: m.start()] if m else name, int(m.group(1)) if m else 0)


class _Shared:
    """The shared-strings table: one string per <si>, phonetic guides (<rPh>) left out."""

    def __init__(self, max_chars: int) -> None:
        self.strings: list[str] = []
        self._parts: list[str] = []
        self._in_t = False
        self._in_rph = False
        self._left = max_chars

    def start(self, name: str, attrs: dict[str, str]) -> None:
        if name == "t":
            self._in_t = True
        elif name == "rPh":
            self._in_rph = True

    def end(self, name: str) -> None:
        if name == "t":
            self._in_t = False
        elif name == "rPh":
            self._in_rph = False
        elif name == "si":
            self.strings.append("".join(self._parts))
            self._parts = []

    def chars(self, data: str) -> None:
        if self._in_t and not self._in_rph and self._left > 0:
            self._parts.append(data[: self._left])
            self._left -= len(data)


class _Sheet:
    """Rows of one worksheet as tab-separated lines, shared strings resolved."""

    def __init__(self, shared: list[str], out: list[str]) -> None:
        self.shared, self.out = shared, out
        self.cells: list[str] = []
        self.kind = ""
        self.value: list[str] = []
        self.inside = ""  # "v" or "t" when reading a value

    def start(self, name: str, attrs: dict[str, str]) -> None:
        if name == "c":
            self.kind, self.value = attrs.get("t", "n"), []
        elif name in ("v", "t"):
            self.inside = name

    def end(self, name: str) -> None:
        if name in ("v", "t"):
            self.inside = ""
        elif name == "c":
            raw = "".join(self.value)
            if self.kind == "s":
                idx = int(raw) if raw.strip().isdigit() else -1
                raw = self.shared[idx] if 0 <= idx < len(self.shared) else ""
            if raw:
                self.cells.append(raw)
        elif name == "row":
            if self.cells:
                self.out.append("\t".join(self.cells))
            self.cells = []

    def chars(self, data: str) -> None:
        if self.inside:
            self.value.append(data)


def _xlsx(data: bytes, limits: Limits, budget: Budget, charset: str | None) -> Extracted:
    with open_zip(data, limits) as zf:
        names = zf.namelist()
        shared: list[str] = []
        if "xl/sharedStrings.xml" in names:
            items = _Shared(limits.max_part_chars)
            info = zf.getinfo("xl/sharedStrings.xml")
            feed(zip_member_chunks(zf, info, len(data), limits, budget, limits.max_xml_bytes),
                 items.start, items.end, items.chars)
            shared = items.strings
        lines: list[str] = []
        sheets = sorted((n for n in names if _XLSX_SHEET.fullmatch(n)), key=_natural)
        for name in sheets:
            sheet = _Sheet(shared, lines)
            info = zf.getinfo(name)
            feed(zip_member_chunks(zf, info, len(data), limits, budget, limits.max_xml_bytes),
                 sheet.start, sheet.end, sheet.chars)
            if sum(map(len, lines)) > limits.max_part_chars:
                break
        notes = TextCollector(frozenset({"t"}), frozenset({"comment"}),
                              max_chars=limits.max_part_chars)
        _zip_xml(zf, len(data), [n for n in names if _XLSX_OTHER.fullmatch(n)], notes,
                 limits, budget)
        macros = any(n.endswith("vbaProject.bin") for n in names)
    return _clip("\n".join(lines) + "\n" + notes.result(), limits, "xlsx", macros=macros)


def _strings(data: bytes, limits: Limits) -> Extracted:
    """Legacy Office (OLE2) files: runs of readable UTF-16 and 8-bit text, as `strings`
    would find them. Crude, but it catches what a reader of the document would see."""
    runs: list[tuple[int, str]] = [(m.start(), m.group().decode("utf-16-le", "replace"))
                                   for m in _UTF16_RUN.finditer(data)]
    runs += [(m.start(), m.group().decode("cp1252", "replace"))
             for m in _BYTE_RUN.finditer(data)]
    runs.sort()
    macros = any(s in data for s in ("_VBA_PROJECT".encode("utf-16-le"), b"Macros"))
    return _clip("\n".join(text for _, text in runs), limits, "strings", macros=macros)


_READERS: dict[str, Callable[[bytes, Limits, Budget, str | None], Extracted]] = {
    "text": _text,
    "xml": _text,
    "html": _html,
    "rtf": _rtf,
    "pdf": _pdf,
    "docx": _ooxml("docx"),
    "pptx": _ooxml("pptx"),
    "xlsx": _xlsx,
    "odt": _odf,
    "ods": _odf,
    "odp": _odf,
    "odg": _odf,
}
