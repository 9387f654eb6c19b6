"""An uploaded file, checked: its type (by content), size, SHA-256 and cleaned original name;
and the name and headers it is sent back with."""
import hashlib
import io
import os
import re
import unicodedata
from dataclasses import dataclass
from urllib.parse import quote

from werkzeug.datastructures import FileStorage

from .filetypes import EMPTY, TYPES, Refused, identify

MAX_NAME = 180
# Bidirectional controls hide a name's real extension ("gpj.exe" shown as "exe.jpg").
_INVISIBLE = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]")
_ASCII_UNSAFE = re.compile(r"[^A-Za-z0-9._ -]+")


@dataclass
class Upload:
    stream: object
    name: str
    file_type: object  # a filetypes.FileType
    size: int
    sha256: str


def clean_name(raw):
    """The name to keep: the last part of what the browser sent (no folders), without control
    or bidirectional characters, no leading dots, at most ``MAX_NAME`` characters. Only ever
    shown and sent back in a header: never used as a path."""
    name = unicodedata.normalize("NFC", raw or "").replace("\\", "/").rsplit("/", 1)[-1]
    name = _INVISIBLE.sub("", "".join(c for c in name if unicodedata.category(c) != "Cc"))
    name = name.strip().lstrip(".").strip()
    if len(name) > MAX_NAME:
        stem, ext = os.path.splitext(name)
        ext = ext if len(ext) <= 12 else ""
        name = stem[:MAX_NAME - len(ext)].rstrip() + ext
    return name or "file"


def _measure(stream):
    digest = hashlib.sha256()
    size = 0
    stream.seek(0)
    while True:
        chunk = stream.read(1024 * 1024)
        if not chunk:
            break
        digest.update(chunk)
        size += len(chunk)
    stream.seek(0)
    return size, digest.hexdigest()


def check(file_storage):
    """An :class:`Upload` from a Werkzeug ``FileStorage``; raises ``Refused``."""
    stream = file_storage.stream
    if not (hasattr(stream, "seek") and stream.seekable()):
        stream = io.BytesIO(stream.read())
    name = clean_name(file_storage.filename)
    file_type = identify(stream, name)
    size, digest = _measure(stream)
    if size == 0:
        raise Refused(EMPTY)
    return Upload(stream=stream, name=name, file_type=file_type, size=size, sha256=digest)


def from_bytes(data, name):
    """An upload made from bytes (tests, the benchmark, scripts)."""
    return check(FileStorage(stream=io.BytesIO(data), filename=name))


def download_name(version):
    """The original name, with the type's usual extension added when its own does not fit
    the content (a text file called ``x.html`` is sent as ``x.html.txt``)."""
    file_type = TYPES[version.file_type]
    name = version.original_name
    if not name.lower().endswith(file_type.extensions):
        name += file_type.extension
    return name


def content_disposition(name, fallback_stem):
    """``attachment; filename="<ASCII>"; filename*=UTF-8''<the name, percent-encoded>``."""
    stem, ext = os.path.splitext(name)
    ascii_stem = _ASCII_UNSAFE.sub("", unicodedata.normalize("NFKD", stem)
                                   .encode("ascii", "ignore").decode("ascii")).strip(" .-_")
    ascii_ext = _ASCII_UNSAFE.sub("", ext)
    fallback = (ascii_stem or fallback_stem) + ascii_ext
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(name, safe='')}"
