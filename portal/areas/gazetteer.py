"""Loading an administrative gazetteer in OCHA's "COD" tabular shape (CSV or XLSX).

Columns, found by name on a header row anywhere in the first rows (an HXL row of hashtags
below it is skipped; other columns are ignored)::

    admin1Pcode admin1Name_en admin1Name_ar admin2Pcode admin2Name_en admin2Name_ar
    admin3Pcode admin3Name_en admin3Name_ar

The admin-2 table alone (without the admin3 columns) loads districts only. Loading is
idempotent: a place is keyed by its P-code, added when new, renamed when its names changed,
and never deleted (activities may name it).
"""
import csv
import io
import os
from dataclasses import dataclass, field

from ..extensions import db
from ..models import Area
from ..models.reference import DISTRICT, GOVERNORATE, SUBDISTRICT

HEADER_SEARCH_ROWS = 15
LEVELS = ((1, GOVERNORATE), (2, DISTRICT), (3, SUBDISTRICT))


class GazetteerError(Exception):
    """The file cannot be read as a gazetteer at all (no header, not CSV/XLSX)."""


@dataclass
class Report:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    problems: list = field(default_factory=list)  # (row number as in the file, message)

    def lines(self):
        yield f"Added {self.added}, updated {self.updated}, unchanged {self.unchanged}."
        for row, message in self.problems:
            yield f"  row {row}: skipped, {message}"


def _cells_of_csv(data):
    for encoding in ("utf-8-sig", "cp1256"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise GazetteerError("The file is neither UTF-8 nor Windows-1256 text.")
    return [list(row) for row in csv.reader(io.StringIO(text))]


def _sheets_of_xlsx(path):
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a file that is not a workbook
        raise GazetteerError(f"The file cannot be read as an XLSX workbook ({exc.__class__.__name__}).")
    try:
        for sheet in book.worksheets:
            yield sheet.title, [["" if v is None else str(v) for v in row]
                                for row in sheet.iter_rows(values_only=True)]
    finally:
        book.close()


def _header(rows):
    """(index of the header row, {column name in lower case: position}) or None."""
    for index, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        names = {str(cell).strip().lower(): pos for pos, cell in enumerate(row) if str(cell).strip()}
        if "admin1pcode" in names and "admin2pcode" in names:
            return index, names
    return None


def read(path):
    """The data rows of the best table in the file: (row number, {column: value}), and the
    deepest admin level it has."""
    if path.lower().endswith((".xlsx", ".xlsm")):
        tables = list(_sheets_of_xlsx(path))
    else:
        with open(path, "rb") as fh:
            tables = [(os.path.basename(path), _cells_of_csv(fh.read()))]
    best = None
    for _title, rows in tables:
        found = _header(rows)
        if found is None:
            continue
        depth = 3 if "admin3pcode" in found[1] else 2
        if best is None or depth > best[0]:
            best = (depth, rows, found)
    if best is None:
        raise GazetteerError("No header row with admin1Pcode and admin2Pcode in the first "
                             f"{HEADER_SEARCH_ROWS} rows.")
    depth, rows, (start, columns) = best
    records = []
    for number, row in enumerate(rows[start + 1:], start=start + 2):
        values = {name: (str(row[pos]).strip() if pos < len(row) and row[pos] is not None else "")
                  for name, pos in columns.items()}
        if not any(values.values()) or values.get("admin1pcode", "").startswith("#"):
            continue  # an empty row, or the HXL hashtag row
        records.append((number, values))
    return records, depth


def load(path):
    """Add and rename places from the gazetteer at ``path``; returns a :class:`Report`."""
    records, depth = read(path)
    known = {area.code: area for area in db.session.scalars(db.select(Area))}
    report = Report()
    seen = {}
    for number, values in records:
        problem = _load_row(values, depth, known, seen, report)
        if problem:
            report.problems.append((number, problem))
    db.session.commit()
    return report


def _load_row(values, depth, known, seen, report):
    parent = None
    for level, kind in LEVELS[:depth]:
        code = values.get(f"admin{level}pcode", "").upper()
        name_en = values.get(f"admin{level}name_en", "")
        name_ar = values.get(f"admin{level}name_ar", "")
        if not code:
            return f"admin{level}Pcode is empty"
        if not (name_en or name_ar):
            return f"admin{level} {code} has no name"
        if parent is not None and not code.startswith(parent.code):
            return f"{code} does not start with its parent's P-code {parent.code}"
        if seen.get(code, parent and parent.code) != (parent and parent.code):
            return f"{code} is under {seen[code]} on an earlier row"
        area = known.get(code)
        if area is None:
            area = Area(code=code, kind=kind, name_en=name_en or name_ar, name_ar=name_ar or name_en,
                        position=0)
            _place(area, parent)
            db.session.add(area)
            db.session.flush()
            known[code] = area
            report.added += 1
        elif area.kind != kind:
            return f"{code} is already a {area.kind}, not a {kind}"
        else:
            changed = _rename(area, name_en, name_ar) | _place(area, parent)
            if code not in seen:
                if changed:
                    report.updated += 1
                else:
                    report.unchanged += 1
        seen[code] = parent and parent.code
        parent = area
    return None


def _rename(area, name_en, name_ar):
    changed = False
    if name_en and area.name_en != name_en:
        area.name_en, changed = name_en, True
    if name_ar and area.name_ar != name_ar:
        area.name_ar, changed = name_ar, True
    return changed


def _place(area, parent):
    """Put ``area`` under ``parent`` (None at the top); True when that changed anything."""
    if parent is None:
        wanted = (None, None, None)
    elif parent.kind == GOVERNORATE:
        wanted = (parent.id, parent.id, None)
    else:
        wanted = (parent.id, parent.adm1_id, parent.id)
    if (area.parent_id, area.adm1_id, area.adm2_id) == wanted:
        return False
    area.parent_id, area.adm1_id, area.adm2_id = wanted
    return True
