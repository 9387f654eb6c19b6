"""Shared by the resource tests (no tests here): sample files of every accepted and refused
kind, the ``make_resource`` fixture, and helpers to post uploads."""
import io
import itertools
import zipfile

import pytest

from portal.extensions import db
from portal.models.moderation import APPROVED
from portal.resources import services, uploads
from portal.resources.kind import after_publish
from tests.conftest import csrf_from

_unique = itertools.count(1)


def pdf(text="report"):
    """A small, well-formed PDF; ``text`` makes its content (and SHA-256) unique."""
    return (b"%PDF-1.4\n% " + text.encode() + b"\n1 0 obj << /Type /Catalog >> endobj\n"
            b"trailer << /Root 1 0 R >>\n%%EOF\n")


def unique_pdf():
    return pdf(f"unique {next(_unique)}")


def _zip(entries, first=None):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        if first:
            archive.writestr(zipfile.ZipInfo(first[0]), first[1], compress_type=zipfile.ZIP_STORED)
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _content_types(main_type):
    return ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
            'package/2006/content-types"><Override PartName="/main" ContentType="' + main_type
            + '"/></Types>').encode()


OOXML = "application/vnd.openxmlformats-officedocument."


def docx(text="x"):
    return _zip({"[Content_Types].xml": _content_types(OOXML + "wordprocessingml.document.main+xml"),
                 "word/document.xml": f"<w:document>{text}</w:document>"})


def xlsx():
    return _zip({"[Content_Types].xml": _content_types(OOXML + "spreadsheetml.sheet.main+xml"),
                 "xl/workbook.xml": "<workbook/>"})


def pptx():
    return _zip({"[Content_Types].xml": _content_types(OOXML + "presentationml.presentation.main+xml"),
                 "ppt/presentation.xml": "<presentation/>"})


def docm():
    return _zip({"[Content_Types].xml": _content_types(
        "application/vnd.ms-word.document.macroEnabled.main+xml"),
        "word/document.xml": "<w:document/>", "word/vbaProject.bin": "\x00macro"})


def odf(kind):
    return _zip({"content.xml": "<office:document-content/>"},
                first=("mimetype", f"application/vnd.oasis.opendocument.{kind}"))


def plain_zip():
    return _zip({"notes.txt": "hello", "photo.jpg": "\xff\xd8\xff"})


PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00" + b"\x00" * 20
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00" + b"\x00" * 20 + b"\xff\xd9"
CSV = "المنطقة,العدد\nإدلب,120\nحلب,80\n".encode()
TEXT = "محضر الاجتماع\nMinutes of the meeting\n".encode()
HTML = b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"
SVG = b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 64 + b"This program cannot be run in DOS mode"
ELF = b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 64
OLD_DOC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504
WINDOWS_1256 = "تقرير الحماية".encode("cp1256")
UTF16 = "تقرير".encode("utf-16")

CONTENT = {
    "title_ar": "تقرير الحماية السنوي", "title_en": "Annual protection report",
    "description_ar": "", "description_en": "", "category": "report", "language": "ar",
    "document_date": "2026-01-15", "visibility": "public", "no_personal_data": True,
    "link_url": "", "sectors": [], "areas": [],
}


def form_data(**overrides):
    """What the browser posts for a new resource (file not included)."""
    data = {"title_ar": CONTENT["title_ar"], "title_en": CONTENT["title_en"], "category": "report",
            "language": "ar", "document_date": "2026-01-15", "visibility": "public",
            "no_personal_data": "y", "action": "submit"}
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def post_upload(client, data, content, name, url="/resources/new"):
    """POST a multipart form with one file, with the CSRF token of the page."""
    data = dict(data)
    data.setdefault("csrf_token", csrf_from(client, url))
    data["file"] = (io.BytesIO(content), name)
    return client.post(url, data=data, content_type="multipart/form-data")


def text_of(response):
    return response.get_data(as_text=True)


@pytest.fixture(name="make_resource")
def make_resource_fixture(app, make_user):
    """A resource of ``user`` (or of a new member of ``org``): a file (a unique PDF unless
    ``data`` is given) or a link; ``state="approved"`` (default) publishes it as an approval
    would (its file released), "submitted" sends it to the queue, "draft" leaves it."""

    def make(user=None, org=None, state="approved", data=None, name="report.pdf", link="", **content):
        user = user or make_user(org=org)
        values = dict(CONTENT, **content)
        if link:
            values["link_url"] = link
        upload = None if link else uploads.from_bytes(data or unique_pdf(), name)
        item = services.create(user, values, upload=upload, submit=(state == "submitted"))
        if state == "approved":
            if values["visibility"] == "secretariat":
                services.submit(item, user)
            else:
                item.review_state, item.is_published = APPROVED, True
                db.session.flush()
                after_publish(item)
                db.session.commit()
        return item

    return make
