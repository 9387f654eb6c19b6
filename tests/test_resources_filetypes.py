"""Files are recognised by their content, never by their name: every accepted type, and every
refused one with its reason."""
import io

import pytest

from portal.resources import filetypes
from portal.resources.filetypes import Refused, identify
from portal.resources.uploads import clean_name, content_disposition
from tests import test_resources_support as s


@pytest.mark.parametrize("data, name, code", [
    (s.pdf(), "report.pdf", "pdf"),
    (s.pdf(), "no-extension", "pdf"),
    (s.docx(), "brief.docx", "docx"),
    (s.docx(), "brief.pdf", "docx"),          # the name does not decide
    (s.xlsx(), "figures.xlsx", "xlsx"),
    (s.pptx(), "slides.pptx", "pptx"),
    (s.odf("text"), "note.odt", "odt"),
    (s.odf("spreadsheet"), "sheet.ods", "ods"),
    (s.odf("presentation"), "deck.odp", "odp"),
    (s.CSV, "figures.csv", "csv"),
    (s.TEXT, "minutes.txt", "txt"),
    (b"\xef\xbb\xbf" + s.TEXT, "minutes.txt", "txt"),  # UTF-8 with a BOM
    (s.PNG, "map.png", "png"),
    (s.JPEG, "photo.jpg", "jpeg"),
])
def test_accepted_types(data, name, code):
    assert identify(io.BytesIO(data), name).code == code


@pytest.mark.parametrize("data, name, reason", [
    (s.HTML, "report.pdf", filetypes.WEB_PAGE),
    (s.HTML, "page.html", filetypes.WEB_PAGE),
    (b"\n\n  <HTML><p>hi</p></HTML>", "report.pdf", filetypes.WEB_PAGE),
    (s.SVG, "logo.svg", filetypes.WEB_PAGE),
    (b'<svg xmlns="http://www.w3.org/2000/svg"/>', "chart.png", filetypes.WEB_PAGE),
    (("a,b\n" * 30000).encode() + b"<script>x</script>", "big.csv", filetypes.WEB_PAGE),  # far in
    (s.EXE, "report.pdf", filetypes.PROGRAM),
    (s.ELF, "tool", filetypes.PROGRAM),
    (b"#!/bin/sh\nrm -rf /\n", "notes.txt", filetypes.PROGRAM),
    (b"", "empty.pdf", filetypes.EMPTY),
    (s.plain_zip(), "archive.zip", filetypes.ARCHIVE),
    (s.plain_zip(), "brief.docx", filetypes.ARCHIVE),
    (s.odf("graphics"), "drawing.odg", filetypes.ARCHIVE),
    (s.docm(), "brief.docx", filetypes.MACROS),
    (s.OLD_DOC, "old.doc", filetypes.OLD_OFFICE),
    (s.WINDOWS_1256, "notes.txt", filetypes.ENCODING),
    (s.UTF16, "notes.txt", filetypes.ENCODING),
    (b"\x00\x01\x02binary", "data.bin", filetypes.UNKNOWN),
    (b"%PDF-1.4\n1 0 obj", "cut.pdf", filetypes.DAMAGED),  # no %%EOF: truncated
    (b"PK\x03\x04garbage", "broken.docx", filetypes.DAMAGED),
])
def test_refused_types(data, name, reason):
    with pytest.raises(Refused) as refused:
        identify(io.BytesIO(data), name)
    assert refused.value.reason == reason


def test_the_stream_is_left_at_its_start():
    stream = io.BytesIO(s.CSV)
    identify(stream, "x.csv")
    assert stream.tell() == 0


@pytest.mark.parametrize("raw, kept", [
    ("تقرير الحماية ٢٠٢٦.pdf", "تقرير الحماية ٢٠٢٦.pdf"),
    ("../../etc/passwd", "passwd"),
    ("C:\\Users\\me\\report.pdf", "report.pdf"),
    ("..", "file"),
    ("", "file"),
    (".hidden.pdf", "hidden.pdf"),
    ("invoice\u202efdp.exe", "invoicefdp.exe"),  # the right-to-left override is removed
    ("a\x00b\nc.pdf", "abc.pdf"),
])
def test_clean_name(raw, kept):
    assert clean_name(raw) == kept


def test_long_names_keep_their_extension():
    name = clean_name("ت" * 400 + ".pdf")
    assert name.endswith(".pdf") and len(name) <= 180


def test_content_disposition_has_an_ascii_fallback_and_the_utf8_name():
    header = content_disposition("تقرير الحماية ٢٠٢٦.pdf", "resource-3-v1")
    assert header.startswith('attachment; filename="resource-3-v1.pdf"; filename*=UTF-8\'\'')
    assert "%D8%AA%D9%82%D8%B1%D9%8A%D8%B1" in header  # تقرير
    assert content_disposition('My "best" report.pdf', "x").startswith(
        'attachment; filename="My best report.pdf"')
