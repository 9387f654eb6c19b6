"""Reading uploaded spreadsheets: formats, encodings, dates and numbers as people type them,
and the files that must be refused with a clear page (never a 500)."""
import io
import zipfile
from datetime import date, datetime

import pytest

from portal.activities.imports import reading
from portal.activities.imports.values import BadValue, read_count, read_date
from portal.extensions import db
from portal.models import Activity, ImportBatch
from tests.conftest import login
from tests.importing import TEMPLATE, csv_bytes, preview, row, upload, workbook, xlsx


@pytest.fixture
def member(app, make_user):
    user = make_user(locale="en")
    client = app.test_client()
    login(client, user)
    return client, user


@pytest.mark.parametrize("text, expected", [
    ("2026-03-31", date(2026, 3, 31)), ("31/03/2026", date(2026, 3, 31)),
    ("٣١/٠٣/٢٠٢٦", date(2026, 3, 31)), ("٢٠٢٦-٠٣-٣١", date(2026, 3, 31)),
    ("2026-03-31 00:00:00", date(2026, 3, 31)), (datetime(2026, 3, 31, 0, 0), date(2026, 3, 31)),
    (date(2026, 3, 31), date(2026, 3, 31)), ("", None), (None, None),
])
def test_dates_as_people_type_them(text, expected):
    assert read_date(text) == expected


@pytest.mark.parametrize("text", ["31/13/2026", "tomorrow", "2026-02-30", "1800-01-01", "12"])
def test_dates_that_are_not(text):
    with pytest.raises(BadValue):
        read_date(text)


@pytest.mark.parametrize("text, expected", [
    ("1200", 1200), ("١٢٠٠", 1200), ("1,200", 1200), ("١٬٢٠٠", 1200), ("1.200", 1200),
    ("1 200", 1200), (1200.0, 1200), (7, 7), ("12.0", 12), ("", None), (None, None),
])
def test_numbers_in_either_digit_system_and_separator(text, expected):
    assert read_count(text) == expected


@pytest.mark.parametrize("text", ["abc", "12.5", 3.5, "1,2", "-4"])
def test_numbers_that_are_not_whole(text):
    with pytest.raises(BadValue):
        read_count(text)


def test_a_valid_xlsx_previews_without_writing_anything(member):
    client, _user = member
    token, html = preview(client, xlsx([row(), row(ref="R2", areas="SY07, SY02")]))
    assert "New activities: 2" in html and "Rows with errors: 0" in html
    assert db.session.scalar(db.select(db.func.count(Activity.id))) == 0
    assert db.session.scalar(db.select(ImportBatch.confirmed_at)) is None


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-8", "cp1256", "utf-16"])
def test_csv_in_utf8_with_or_without_bom_and_excel_arabic(member, encoding):
    client, _user = member
    data = csv_bytes([row(title_ar="مدرسة في إدلب", title_en="")], encoding=encoding,
                     delimiter="\t" if encoding == "utf-16" else ",")
    token, html = preview(client, data, "activities.csv")
    assert "New activities: 1" in html, html
    assert "مدرسة في إدلب" in html


def test_semicolon_csv(member):
    client, _user = member
    _token, html = preview(client, csv_bytes([row()], delimiter=";"), "a.csv")
    assert "New activities: 1" in html


def test_formulas_are_read_by_their_cached_value(member, app):
    client, _user = member
    # openpyxl does not compute formulas: write a file whose cell holds a formula and the
    # cached value Excel would have saved, as Excel does.
    data = xlsx([row(targeted_total=None)])
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = src.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                column = [c.key for c in TEMPLATE].index("targeted_total")
                letter = chr(ord("A") + column)
                body = body.replace(b"</row></sheetData>",
                                    f'<c r="{letter}3"><f>500*2</f><v>1000</v></c></row></sheetData>'.encode())
            dst.writestr(info, body)
    _token, html = preview(client, out.getvalue())
    assert "New activities: 1" in html, html
    batch = db.session.scalar(db.select(ImportBatch))
    assert batch.preview["rows"][0]["content"]["targeted_total"] == 1000


def test_merged_cells_give_their_value_to_every_row(member):
    client, _user = member
    book = workbook([row(ref="A"), row(ref="B", primary_sector=None)])
    sheet = book.active
    column = [c.key for c in TEMPLATE].index("primary_sector") + 1
    sheet.merge_cells(start_row=3, end_row=4, start_column=column, end_column=column)
    buffer = io.BytesIO()
    book.save(buffer)
    _token, html = preview(client, buffer.getvalue())
    assert "New activities: 2" in html, html
    assert "Merged cells" in html


def test_hidden_sheets_and_extra_columns_are_reported(member):
    client, _user = member
    book = workbook([row()])
    book.active.cell(row=1, column=len(TEMPLATE) + 1, value="Notes")
    book.active.cell(row=2, column=len(TEMPLATE) + 1, value="#meta+notes")
    book.active.cell(row=3, column=len(TEMPLATE) + 1, value="call Ahmad")
    hidden = book.create_sheet("Old data")
    hidden.append(["x"])
    hidden.sheet_state = "hidden"
    buffer = io.BytesIO()
    book.save(buffer)
    _token, html = preview(client, buffer.getvalue())
    assert "New activities: 1" in html
    assert "The hidden sheet “Old data” was not read." in html
    assert "(“Notes”) is not one the portal knows: it was ignored." in html


def test_headers_without_hashtags_are_found_by_their_text(member):
    client, _user = member
    _token, html = preview(client, xlsx([row()], tags=False))
    assert "New activities: 1" in html, html


def _zip_bomb():
    """A few KB that unpack to 110 MB (the limit is 100 MB): refused before decompression."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        chunk = b"<row/>" * (1024 * 1024 // 6)
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as part:
            for _ in range(110):
                part.write(chunk)
    return out.getvalue()


def _corrupt_xlsx():
    data = bytearray(xlsx([row()]))
    return bytes(data[:len(data) // 2])


def _encrypted_xlsx():
    # What Excel saves with a password: an OLE2 compound file holding an EncryptedPackage.
    return (reading.OLE2_MAGIC + b"\0" * 504 + "EncryptedPackage".encode("utf-16-le")
            + b"\0" * 1000)


def _many_rows(n):
    """An XLSX of ``n`` activity rows, its sheet written directly (openpyxl takes seconds)."""
    rows = "".join(f'<row r="{i}"><c r="A{i}" t="inlineStr"><is><t>R{i}</t></is></c>'
                   f'<c r="B{i}" t="inlineStr"><is><t>x</t></is></c></row>' for i in range(2, n + 2))
    sheet = ('<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
             f'<dimension ref="A1:B{n + 1}"/><sheetData><row r="1">'
             '<c r="A1" t="inlineStr"><is><t>#activity+id+org</t></is></c>'
             '<c r="B1" t="inlineStr"><is><t>#activity+name+i_en</t></is></c></row>'
             f'{rows}</sheetData></worksheet>')
    src = zipfile.ZipFile(io.BytesIO(xlsx([], headers=False)))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = sheet.encode() if info.filename == "xl/worksheets/sheet1.xml" else src.read(info)
            dst.writestr(info.filename, body)
    return out.getvalue()


@pytest.mark.parametrize("make, name, message", [
    (lambda: b"%PDF-1.7\n\x00\x01binary", "a.pdf", "This file is not a spreadsheet."),
    (lambda: b"\x89PNG\r\n\x1a\n\x00\x00", "a.xlsx", "This file is not a spreadsheet."),
    (_encrypted_xlsx, "secret.xlsx", "The file is protected by a password."),
    (lambda: reading.OLE2_MAGIC + b"\0" * 600, "old.xls", "This is an old Excel file (.xls)."),
    (_corrupt_xlsx, "broken.xlsx", "The file could not be opened: it seems damaged."),
    (_zip_bomb, "bomb.xlsx", "Once unpacked, the file would be far larger"),
    (lambda: _many_rows(50_000), "big.xlsx", "The file has more than 5,000 rows"),
    (lambda: xlsx([], tags=False, headers=False), "empty.xlsx", "The sheet is empty."),
    (lambda: xlsx([]), "headers.xlsx", "The sheet has its headers but no rows"),
    (lambda: b"", "empty.csv", "The file is empty."),
    (lambda: b"name,age\nAhmad,4\n", "other.csv", "No column of the template was found."),
    (lambda: "#activity+id+org,#date+start\n".encode() + b"", "h.csv", "no rows of activities"),
])
def test_bad_files_get_a_clear_page(member, make, name, message):
    client, _user = member
    response = upload(client, make(), name)
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert message in html, html[-3000:]
    assert db.session.scalar(db.select(db.func.count(ImportBatch.id))) == 0


def test_a_file_over_the_size_limit_is_refused(member, app):
    client, _user = member
    app.config["IMPORT_MAX_BYTES"] = 2000
    response = upload(client, csv_bytes([row(description_en="x" * 3000)]), "a.csv")
    assert "The file is larger than 0 MB" in response.get_data(as_text=True) or \
        "The file is larger than" in response.get_data(as_text=True)


def test_the_row_limit_comes_from_the_configuration(member, app):
    client, _user = member
    app.config["IMPORT_MAX_ROWS"] = 3
    response = upload(client, xlsx([row(ref=f"R{i}") for i in range(4)]))
    assert "more than 3 rows" in response.get_data(as_text=True)
