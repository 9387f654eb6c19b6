"""The import template: an XLSX in the user's language with the headers in Arabic and in
English, the HXL hashtag row, drop-down lists (sector, area P-codes with names, status,
audience) from a hidden sheet, and a sheet of instructions."""
import io

from flask import current_app
from flask_babel import force_locale
from flask_babel import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from ...i18n import format_number, language
from ..labels import STATUS_LABELS, VISIBILITY_LABELS
from .columns import TEMPLATE
from .reading import LIST_SHEET

HEADER_ROWS = 3  # the user's language, the other language, the HXL hashtags
HEADER_FILL = PatternFill("solid", fgColor="DDE7F0")
TAG_FILL = PatternFill("solid", fgColor="F2F2F2")


def _item(code, name):
    return f"{code} · {name}"


def build(reference):
    """The template as bytes."""
    lang = language()
    other = "en" if lang == "ar" else "ar"
    rows = current_app.config["IMPORT_MAX_ROWS"]
    book = Workbook()
    sheet = book.active
    sheet.title = _("Activities")[:31]
    sheet.sheet_view.rightToLeft = lang == "ar"
    for row, header_lang in ((1, lang), (2, other)):
        with force_locale(header_lang):
            for col, column in enumerate(TEMPLATE, start=1):
                cell = sheet.cell(row=row, column=col, value=str(column.label))
                cell.font = Font(bold=row == 1)
                cell.fill = HEADER_FILL
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    for col, column in enumerate(TEMPLATE, start=1):
        cell = sheet.cell(row=3, column=col, value=column.tag)
        cell.fill = TAG_FILL
        cell.font = Font(color="555555", size=9)
        sheet.column_dimensions[get_column_letter(col)].width = column.width
    sheet.freeze_panes = sheet.cell(row=HEADER_ROWS + 1, column=2)

    lists = book.create_sheet(LIST_SHEET)
    lists.sheet_state = "hidden"
    columns = {
        "primary_sector": [_item(s.code, s.tr("name")) for s in reference.sectors],
        "areas": [_item(a.code, a.tr("name")) for a in reference.areas],
        "status": [str(STATUS_LABELS[s]) for s in STATUS_LABELS],
        "visibility": [str(VISIBILITY_LABELS[v]) for v in VISIBILITY_LABELS],
    }
    columns["sectors"] = columns["primary_sector"]
    ranges = {}
    for i, (key, items) in enumerate(columns.items(), start=1):
        letter = get_column_letter(i)
        for row, item in enumerate(items, start=1):
            lists.cell(row=row, column=i, value=item)
        ranges[key] = f"{LIST_SHEET}!${letter}$1:${letter}${max(len(items), 1)}"
    last = HEADER_ROWS + rows
    for col, column in enumerate(TEMPLATE, start=1):
        letter = get_column_letter(col)
        cells = f"{letter}{HEADER_ROWS + 1}:{letter}{last}"
        if column.key in ranges:
            several = column.key in ("areas", "sectors")
            check = DataValidation(type="list", formula1=f"={ranges[column.key]}", allow_blank=True,
                                   showErrorMessage=True, errorStyle="warning" if several else "stop")
            if several:
                check.error = _("Pick from the list; for several, separate the codes with commas "
                                "(SY07, SY02).")
            sheet.add_data_validation(check)
            check.add(cells)
        elif column.key in ("start_date", "end_date"):
            sheet.column_dimensions[letter].number_format = "yyyy-mm-dd"
    _instructions(book, rows)
    book.active = 0
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _instructions(book, rows):
    sheet = book.create_sheet(_("Instructions")[:31])
    sheet.sheet_view.rightToLeft = language() == "ar"
    sheet.column_dimensions["A"].width = 110
    lines = [
        (_("How to fill in this template"), True),
        (_("One row per activity, from row 4 down. Keep the three header rows: the portal finds "
           "the columns by the row of #hashtags."), False),
        (_("Your reference: your own code for the activity (e.g. the line of your project "
           "sheet). Import the file again later with the same references to update those "
           "activities instead of adding new ones."), False),
        (_("A title in Arabic or in English (or both), the main sector, at least one area, the "
           "start date and the status are required."), False),
        (_("Sectors and areas: pick from the list, or type codes separated by commas, e.g. "
           "SY07, SY02. Areas are P-codes (governorates and, where loaded, districts and "
           "sub-districts) or country codes."), False),
        (_("Dates: 2026-03-31 or 31/03/2026, or a date typed in Excel."), False),
        (_("People: whole numbers, in either digit system; women, men, girls and boys may not "
           "add up to more than the total."), False),
        (_("At most %(rows)s rows per file. Nothing is saved before you have seen the preview "
           "and confirmed it. The activities then go to the secretariat for review.",
           rows=format_number(rows)), False),
    ]
    for row, (line, bold) in enumerate(lines, start=1):
        cell = sheet.cell(row=row, column=1, value=line)
        cell.font = Font(bold=bold, size=13 if bold else 11)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
