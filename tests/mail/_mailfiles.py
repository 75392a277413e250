"""Real attachment files built in memory for the mail tests: minimal but valid PDF, DOCX,
XLSX, ODT and zips, a PE stub (no payload), an encrypted-flagged zip, nested zips and a
zip bomb. Nothing is read from disk."""

from __future__ import annotations

import io
import struct
import zipfile
from email.message import EmailMessage
from email.policy import default as DEFAULT_POLICY

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
S = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
CT = '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'


def _zip(entries: list[tuple[str, bytes | str]], stored_first: bool = False) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for i, (name, body) in enumerate(entries):
            method = zipfile.ZIP_STORED if stored_first and i == 0 else zipfile.ZIP_DEFLATED
            zf.writestr(zipfile.ZipInfo(name), body, compress_type=method)
    return buf.getvalue()


def zip_of(entries: list[tuple[str, bytes | str]]) -> bytes:
    return _zip(entries)


def docx(paragraphs: list[str], extra: list[tuple[str, bytes | str]] | None = None,
         document_xml: str | None = None) -> bytes:
    body = "".join(
        f"<w:p><w:r><w:t>{p[: len(p) // 2]}</w:t></w:r><w:r><w:t>{p[len(p) // 2:]}</w:t></w:r>"
        "</w:p>" for p in paragraphs)
    doc = document_xml or (f'<?xml version="1.0" encoding="UTF-8"?><w:document {W}><w:body>'
                           f"{body}</w:body></w:document>")
    return _zip([("[Content_Types].xml", CT), ("word/document.xml", doc), *(extra or [])])


def xlsx(shared: list[str], rows: list[list[tuple[str, str]]]) -> bytes:
    """rows of (cell type, value): type "s" is a shared-string index, "inlineStr" an
    inline string, "n" a number."""
    sst = "".join(f"<si><t>{s}</t></si>" for s in shared)
    xml_rows = []
    for r, row in enumerate(rows, 1):
        cells = []
        for kind, value in row:
            if kind == "inlineStr":
                cells.append(f'<c t="inlineStr"><is><t>{value}</t></is></c>')
            elif kind == "s":
                cells.append(f'<c t="s"><v>{value}</v></c>')
            else:
                cells.append(f"<c><v>{value}</v></c>")
        xml_rows.append(f'<row r="{r}">{"".join(cells)}</row>')
    return _zip([
        ("[Content_Types].xml", CT),
        ("xl/workbook.xml", f"<workbook {S}/>"),
        ("xl/sharedStrings.xml", f'<?xml version="1.0"?><sst {S}>{sst}</sst>'),
        ("xl/worksheets/sheet1.xml",
         f'<?xml version="1.0"?><worksheet {S}><sheetData>{"".join(xml_rows)}</sheetData>'
         "</worksheet>"),
    ])


def odt(paragraphs: list[str]) -> bytes:
    ns = 'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" ' \
         'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"'
    body = "".join(f"<text:p>{p}</text:p>" for p in paragraphs)
    content = (f'<?xml version="1.0"?><office:document-content {ns}><office:body>'
               f"<office:text>{body}</office:text></office:body></office:document-content>")
    return _zip([("mimetype", "application/vnd.oasis.opendocument.text"),
                 ("content.xml", content)], stored_first=True)


def pdf(lines: list[str]) -> bytes:
    """A one-page PDF whose content stream draws `lines` in Helvetica."""
    ops = " ".join(f"({ln}) Tj T*" for ln in lines)
    stream = f"BT /F1 12 Tf 14 TL 72 720 Td {ops} ET".encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, xref)
    return bytes(out)


def pe_stub(dll: bool = False) -> bytes:
    """MZ header pointing at a PE header with a COFF header and nothing to run."""
    data = bytearray(256)
    data[0:2] = b"MZ"
    struct.pack_into("<I", data, 0x3C, 0x80)
    data[0x80:0x84] = b"PE\x00\x00"
    struct.pack_into("<HH", data, 0x84, 0x14C, 1)  # i386, one section
    struct.pack_into("<H", data, 0x80 + 22, 0x2102 if dll else 0x0102)
    return bytes(data)


def ole2(clsid: bytes, stream_names: tuple[str, ...] = ()) -> bytes:
    """An OLE2 header with 512-byte sectors, the directory in sector 0, and a root entry
    carrying `clsid`; stream names are written as further directory entries."""
    data = bytearray(512 * 3)
    data[0:8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    struct.pack_into("<H", data, 0x1E, 9)
    struct.pack_into("<I", data, 0x30, 0)
    root = 512
    name = "Root Entry".encode("utf-16-le") + b"\x00\x00"
    data[root : root + len(name)] = name
    data[root + 0x50 : root + 0x60] = clsid
    for i, stream in enumerate(stream_names, 1):
        raw = stream.encode("utf-16-le") + b"\x00\x00"
        data[root + 128 * i : root + 128 * i + len(raw)] = raw
    return bytes(data)


def encrypted_zip(name: str = "secret.docx", body: bytes = b"hidden text") -> bytes:
    """A zip whose member has the "encrypted" flag (bit 0) set in both headers, as a
    password-protected zip has; the body itself is left as is."""
    data = bytearray(_zip([(name, body)]))
    struct.pack_into("<H", data, 6, struct.unpack_from("<H", data, 6)[0] | 1)
    cd = data.rfind(b"PK\x01\x02")
    struct.pack_into("<H", data, cd + 8, struct.unpack_from("<H", data, cd + 8)[0] | 1)
    return bytes(data)


def nested_zips(levels: int, inner: bytes = b"the innermost text") -> bytes:
    data, name = inner, "note.txt"
    for i in range(levels):
        data, name = _zip([(name, data)]), f"level{levels - i}.zip"
    return data


def zip_bomb(megabytes: int = 100) -> bytes:
    """One member of `megabytes` MB of zeros, deflated (about 100 KB)."""
    buf = io.BytesIO()
    chunk = bytes(1024 * 1024)
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf, \
            zf.open("zeros.txt", "w", force_zip64=True) as f:
        for _ in range(megabytes):
            f.write(chunk)
    return buf.getvalue()


def mail(text: str = "Hello.", *, subject: str = "Note", to: str = "bob@example.org",
         sender: str = "clerk@leighonseatowncouncil.gov.uk", html: str | None = None,
         attachments: list[tuple[str, bytes, str]] | None = None) -> bytes:
    """A message built with the stdlib; attachments are (filename, data, mime type)."""
    msg = EmailMessage()
    msg["From"], msg["To"], msg["Subject"] = sender, to, subject
    msg["Message-ID"] = "<test@example.org>"
    msg.set_content(text)
    if html is not None:
        msg.add_alternative(html, subtype="html")
    for filename, data, mime in attachments or []:
        maintype, subtype = mime.split("/", 1)
        msg.add_attachment(data, maintype=maintype, subtype=subtype, filename=filename)
    return msg.as_bytes(policy=DEFAULT_POLICY)
