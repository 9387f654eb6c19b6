"""Helpers for the import tests: spreadsheets made with openpyxl or csv, and the upload."""
import csv
import io
import re

from openpyxl import Workbook

from portal.activities.imports.columns import TEMPLATE
from tests.conftest import post_form

TOKEN_RE = re.compile(r"/activities/import/([A-Za-z0-9_-]{20,})")


def row(**values):
    """One activity as the template's columns hold it; override any value."""
    data = {"ref": "R1", "title_ar": "توزيع سلال غذائية", "title_en": "Food baskets",
            "primary_sector": "FSL", "areas": "SY07", "start_date": "2026-03-01",
            "end_date": "", "status": "ongoing", "visibility": "public",
            "targeted_total": 1000, "reached_total": 400}
    data.update(values)
    return data


def workbook(rows, tags=True, headers=True):
    """A workbook with the template's header rows (or only some of them) and ``rows``."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Activities"
    if headers:
        sheet.append([str(c.label) for c in TEMPLATE])
    if tags:
        sheet.append([c.tag for c in TEMPLATE])
    for values in rows:
        sheet.append([values.get(c.key) for c in TEMPLATE])
    return book


def xlsx(rows, **kw):
    buffer = io.BytesIO()
    workbook(rows, **kw).save(buffer)
    return buffer.getvalue()


def csv_bytes(rows, encoding="utf-8-sig", delimiter=","):
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter)
    writer.writerow([c.tag for c in TEMPLATE])
    for values in rows:
        writer.writerow(["" if values.get(c.key) is None else values.get(c.key) for c in TEMPLATE])
    return buffer.getvalue().encode(encoding)


def upload(client, data, name="activities.xlsx", org=None):
    """Upload a file; returns the response (a redirect to the preview when it was read)."""
    form = {"file": (io.BytesIO(data), name)}
    if org is not None:
        form["org"] = org.slug
    return post_form(client, "/activities/import", form, form_url="/activities/import",
                     content_type="multipart/form-data")


def preview(client, data, name="activities.xlsx", org=None):
    """Upload and follow to the preview: (token, html)."""
    response = upload(client, data, name, org)
    assert response.status_code == 302, response.get_data(as_text=True)[-3000:]
    token = TOKEN_RE.search(response.location).group(1)
    return token, client.get(response.location).get_data(as_text=True)


def confirm(client, token, all_or_nothing=False):
    data = {"all_or_nothing": "1"} if all_or_nothing else {}
    return post_form(client, f"/activities/import/{token}/confirm", data,
                     form_url=f"/activities/import/{token}")
