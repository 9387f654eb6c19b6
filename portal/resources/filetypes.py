"""Which files may be shared, recognised by their content: never by their name or the type the
browser claims.

Accepted: PDF; Word, Excel and PowerPoint as OOXML (a ZIP with the right ``[Content_Types].xml``
and main part, without macros) and as OpenDocument (a ZIP with the right ``mimetype`` entry);
plain text and CSV (UTF-8, no NUL byte, nothing that looks like a web page); PNG; JPEG.
Everything else is refused with a reason (see ``REASONS`` in :mod:`portal.resources.labels`).
"""
import codecs
import re
import zipfile
from dataclasses import dataclass

HEAD = 8192
CHUNK = 64 * 1024
MAX_PART = 1024 * 1024  # the largest [Content_Types].xml or mimetype entry we read

# Reasons for refusing a file.
EMPTY, PROGRAM, WEB_PAGE, ARCHIVE, MACROS, OLD_OFFICE, ENCODING, DAMAGED, UNKNOWN = (
    "empty", "program", "web_page", "archive", "macros", "old_office", "encoding", "damaged",
    "unknown")


@dataclass(frozen=True)
class FileType:
    code: str          # "pdf", "docx"...
    mime: str          # sent back as Content-Type
    extension: str     # the usual extension, added to a download name that lacks a fitting one
    extensions: tuple  # the extensions that fit this type


TYPES = {t.code: t for t in (
    FileType("pdf", "application/pdf", ".pdf", (".pdf",)),
    FileType("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
             ".docx", (".docx", ".dotx")),
    FileType("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
             ".xlsx", (".xlsx", ".xltx")),
    FileType("pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation",
             ".pptx", (".pptx", ".ppsx", ".potx")),
    FileType("odt", "application/vnd.oasis.opendocument.text", ".odt", (".odt", ".ott")),
    FileType("ods", "application/vnd.oasis.opendocument.spreadsheet", ".ods", (".ods", ".ots")),
    FileType("odp", "application/vnd.oasis.opendocument.presentation", ".odp", (".odp", ".otp")),
    FileType("txt", "text/plain; charset=utf-8", ".txt", (".txt", ".text", ".md")),
    FileType("csv", "text/csv; charset=utf-8", ".csv", (".csv", ".tsv")),
    FileType("png", "image/png", ".png", (".png",)),
    FileType("jpeg", "image/jpeg", ".jpg", (".jpg", ".jpeg", ".jpe")),
)}

PROGRAM_MAGIC = (b"MZ", b"\x7fELF", b"#!", b"\xca\xfe\xba\xbe", b"\xfe\xed\xfa\xce",
                 b"\xfe\xed\xfa\xcf", b"\xce\xfa\xed\xfe", b"\xcf\xfa\xed\xfe", b"\x00asm")
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
WEB_MARKERS = (b"<html", b"<head", b"<body", b"<script", b"<!doctype", b"<svg", b"<iframe",
               b"<object", b"<embed", b"<?xml")
_LONGEST_MARKER = max(len(m) for m in WEB_MARKERS)

# OOXML: the main part and the content types that name it (macro-free documents and templates).
OOXML = (
    ("docx", "word/document.xml", (
        b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
        b"application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml")),
    ("xlsx", "xl/workbook.xml", (
        b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
        b"application/vnd.openxmlformats-officedocument.spreadsheetml.template.main+xml")),
    ("pptx", "ppt/presentation.xml", (
        b"application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml",
        b"application/vnd.openxmlformats-officedocument.presentationml.slideshow.main+xml",
        b"application/vnd.openxmlformats-officedocument.presentationml.template.main+xml")),
)
ODF = {
    b"application/vnd.oasis.opendocument.text": "odt",
    b"application/vnd.oasis.opendocument.text-template": "odt",
    b"application/vnd.oasis.opendocument.spreadsheet": "ods",
    b"application/vnd.oasis.opendocument.spreadsheet-template": "ods",
    b"application/vnd.oasis.opendocument.presentation": "odp",
    b"application/vnd.oasis.opendocument.presentation-template": "odp",
}
_MACRO_TYPE = re.compile(rb"macroenabled", re.IGNORECASE)


class Refused(ValueError):
    """The file may not be shared; ``reason`` is one of the constants above."""

    def __init__(self, reason):
        super().__init__(reason)
        self.reason = reason


def identify(stream, name=""):
    """The :class:`FileType` of a seekable binary stream, or :class:`Refused`.

    ``name`` only chooses between plain text and CSV once the content is known to be text.
    The stream is left at its start.
    """
    try:
        return TYPES[_identify(stream, name)]
    finally:
        stream.seek(0)


def _identify(stream, name):
    stream.seek(0)
    head = stream.read(HEAD)
    if not head:
        raise Refused(EMPTY)
    if head.startswith(PROGRAM_MAGIC):
        raise Refused(PROGRAM)
    if head.startswith(b"%PDF-"):
        return _pdf(stream)
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        if head[12:16] != b"IHDR":
            raise Refused(DAMAGED)
        return "png"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith(ZIP_MAGIC):
        return _zip(stream)
    if head.startswith(OLE2_MAGIC):
        raise Refused(OLD_OFFICE)
    return _text(stream, name)


def _pdf(stream):
    """A PDF ends with %%EOF (readers look for it in the last kilobytes)."""
    stream.seek(0, 2)
    size = stream.tell()
    stream.seek(max(0, size - 4096))
    if b"%%EOF" not in stream.read():
        raise Refused(DAMAGED)
    return "pdf"


def _read_part(archive, name):
    info = archive.getinfo(name)
    if info.file_size > MAX_PART:
        raise Refused(DAMAGED)
    with archive.open(info) as fh:
        return fh.read(MAX_PART)


def _zip(stream):
    """OOXML or OpenDocument; any other ZIP archive is refused."""
    stream.seek(0)
    try:
        with zipfile.ZipFile(stream) as archive:
            names = set(archive.namelist())
            if "mimetype" in names:
                kind = ODF.get(_read_part(archive, "mimetype").strip())
                if kind is None:
                    raise Refused(ARCHIVE)
                if any(n.startswith(("Basic/", "Scripts/")) for n in names):
                    raise Refused(MACROS)
                return kind
            if "[Content_Types].xml" not in names:
                raise Refused(ARCHIVE)
            types = _read_part(archive, "[Content_Types].xml")
            if _MACRO_TYPE.search(types) or any(n.lower().endswith("vbaproject.bin") for n in names):
                raise Refused(MACROS)
            for kind, main_part, content_types in OOXML:
                if main_part in names and any(t in types for t in content_types):
                    return kind
            raise Refused(ARCHIVE)
    except Refused:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, KeyError, EOFError, OSError, ValueError,
            NotImplementedError, RuntimeError):
        raise Refused(DAMAGED) from None


def _text(stream, name):
    """UTF-8 text without NUL bytes and without web-page markup (checked over the whole file)."""
    stream.seek(0)
    first = stream.read(4)
    if first.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise Refused(ENCODING)  # UTF-16
    stream.seek(0)
    decoder = codecs.getincrementaldecoder("utf-8")()
    tail = b""
    bad_encoding = False
    while True:
        chunk = stream.read(CHUNK)
        if not chunk:
            break
        if b"\x00" in chunk:
            raise Refused(UNKNOWN)
        window = (tail + chunk).lower()
        if any(marker in window for marker in WEB_MARKERS):
            raise Refused(WEB_PAGE)
        tail = window[-_LONGEST_MARKER:]
        if not bad_encoding:
            try:
                decoder.decode(chunk)
            except UnicodeDecodeError:
                bad_encoding = True
    if not bad_encoding:
        try:
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            bad_encoding = True
    if bad_encoding:
        raise Refused(ENCODING)
    return "csv" if name.lower().endswith((".csv", ".tsv")) else "txt"
