"""Opening an uploaded spreadsheet safely: XLSX (checked as a ZIP before openpyxl reads it)
or CSV (UTF-8 with or without BOM, UTF-16, or Excel's Arabic Windows-1256), and finding its
header row, its columns and its data rows.

Every refusal is a ``FileProblem`` whose ``code`` the page turns into a translated message.
"""
import codecs
import csv
import io
import re
import zipfile
from dataclasses import dataclass, field

from openpyxl.utils import get_column_letter, range_boundaries

from .columns import header_map, key_for_header, key_for_tag, parse_tag

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
ENCRYPTED_MARK = "EncryptedPackage".encode("utf-16-le")
SHEET_NAMES = ("activities", "الأنشطة")
LIST_SHEET = "lists"
HEAD_ROWS = 20
MAX_ZIP_ENTRIES = 2000
_MERGE = re.compile(rb'<(?:\w+:)?mergeCell\s+ref="([A-Z]+\d+:[A-Z]+\d+)"')


class FileProblem(Exception):
    """The file cannot be imported; ``code`` says why, ``params`` fill the message."""

    def __init__(self, code, **params):
        super().__init__(code)
        self.code = code
        self.params = params


@dataclass
class Table:
    """What was read: the columns found ((index, key, header)), the data rows (Excel row
    number, values) and notes for the user (code, params)."""

    kind: str
    sheet: str = ""
    columns: list = field(default_factory=list)
    rows: list = field(default_factory=list)
    notes: list = field(default_factory=list)


def read(data, max_rows, max_uncompressed):
    """A :class:`Table` from the uploaded bytes; raises ``FileProblem``."""
    if not data:
        raise FileProblem("empty_file")
    if data.startswith(OLE2_MAGIC):
        raise FileProblem("encrypted" if ENCRYPTED_MARK in data else "old_excel")
    if data.startswith(ZIP_MAGIC):
        return _read_xlsx(data, max_rows, max_uncompressed)
    return _read_csv(data, max_rows)


# --- XLSX -----------------------------------------------------------------------------------

def _check_zip(data, max_uncompressed):
    """The ZIP's directory, checked before anything is decompressed: an office file, not too
    many entries, not more than ``max_uncompressed`` bytes once unpacked (a ZIP bomb)."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        entries = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        raise FileProblem("corrupt") from None
    names = {e.filename for e in entries}
    if len(entries) > MAX_ZIP_ENTRIES or sum(e.file_size for e in entries) > max_uncompressed:
        raise FileProblem("too_big_unpacked")
    if "mimetype" in names and "[Content_Types].xml" not in names:
        raise FileProblem("opendocument")
    if "[Content_Types].xml" not in names or "xl/workbook.xml" not in names:
        raise FileProblem("not_spreadsheet")
    return archive


def _merged_ranges(archive, path):
    """The merged ranges of a sheet (``<mergeCell ref="A5:A9"/>``), read as a stream."""
    ranges, tail = [], b""
    try:
        with archive.open(path) as part:
            while chunk := part.read(256 * 1024):
                text = tail + chunk
                ranges += [m.decode() for m in _MERGE.findall(text)]
                tail = text[-200:]
                # A match wholly inside the kept tail would be counted twice.
                ranges = list(dict.fromkeys(ranges))
    except (KeyError, zipfile.BadZipFile, OSError):
        return []
    return ranges


def _read_xlsx(data, max_rows, max_uncompressed):
    from openpyxl import load_workbook

    archive = _check_zip(data, max_uncompressed)
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds of error for a damaged file
        raise FileProblem("corrupt") from None
    try:
        table = Table(kind="xlsx")
        sheets = [ws for ws in book.worksheets if hasattr(ws, "iter_rows")]
        visible = [ws for ws in sheets if ws.sheet_state == "visible"]
        for ws in sheets:
            if ws.sheet_state != "visible" and ws.title.lower() != LIST_SHEET:
                table.notes.append(("hidden_sheet", {"sheet": ws.title}))
        if not visible:
            raise FileProblem("empty_sheet")
        sheet = next((ws for ws in visible if ws.title.strip().lower() in SHEET_NAMES), visible[0])
        others = [ws.title for ws in visible if ws is not sheet and ws.title.lower() not in
                  ("instructions", "تعليمات")]
        if others:
            table.notes.append(("other_sheets", {"sheet": sheet.title, "others": ", ".join(others)}))
        table.sheet = sheet.title
        merged = _merged_ranges(archive, getattr(sheet, "_worksheet_path", ""))
        sheet.reset_dimensions()  # never trust the declared size (A1:XFD1048576)
        rows = enumerate(sheet.iter_rows(values_only=True), start=1)
        _fill_table(table, rows, max_rows, merged)
        return table
    except FileProblem:
        raise
    except Exception:
        raise FileProblem("corrupt") from None
    finally:
        book.close()


# --- CSV ------------------------------------------------------------------------------------

def _decode(data):
    """The text of a CSV file: UTF-8 (BOM or not), UTF-16 with BOM, else Windows-1256."""
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8):].decode("utf-8", errors="strict")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16")
    if b"\x00" in data:
        raise FileProblem("not_spreadsheet")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    # Excel's "CSV (comma delimited)" on an Arabic Windows writes Windows-1256.
    return data.decode("cp1256", errors="replace")


def _read_csv(data, max_rows):
    try:
        text = _decode(data)
    except UnicodeDecodeError:
        raise FileProblem("encoding") from None
    if re.search(r"[\x00-\x08\x0e-\x1f]", text[:8192]):
        raise FileProblem("not_spreadsheet")
    sample = text[:16384]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    table = Table(kind="csv")
    try:
        rows = enumerate(csv.reader(io.StringIO(text, newline=""), dialect), start=1)
        _fill_table(table, rows, max_rows, [])
    except csv.Error:
        raise FileProblem("not_spreadsheet") from None
    return table


# --- the header and the rows ----------------------------------------------------------------

def _blank(values):
    return all(v is None or (isinstance(v, str) and not v.strip()) for v in values)


def _hxl_row(values):
    cells = [v for v in values if v is not None and str(v).strip()]
    tags = [v for v in cells if parse_tag(v)]
    return len(tags) >= 2 and len(tags) * 2 >= len(cells)


def _find_columns(head):
    """(index in ``head`` of the last header row, [(column index, key, header)], unknown)."""
    for i, (_number, values) in enumerate(head):
        if _hxl_row(values):
            labels = head[i - 1][1] if i > 0 else values
            columns, unknown = [], []
            for col, tag in enumerate(values):
                key = key_for_tag(tag)
                header = _cell_text(labels, col) or str(tag or "")
                if key:
                    columns.append((col, key, header))
                elif key is None and (str(tag or "").strip() or _cell_text(labels, col)):
                    unknown.append((col, header or str(tag)))
            return i, columns, unknown
    headers = header_map()
    best = None
    for i, (_number, values) in enumerate(head):
        hits = sum(1 for v in values if key_for_header(v, headers))
        if hits >= 3 and (best is None or hits > best[1]):
            best = (i, hits)
    if best is None:
        return None
    i = best[0]
    columns, unknown = [], []
    for col, value in enumerate(head[i][1]):
        key = key_for_header(value, headers)
        if key:
            columns.append((col, key, str(value).strip()))
        elif key is None and _cell_text(head[i][1], col):
            unknown.append((col, str(value).strip()))
    # A second header row right below (the other language) is not data.
    while i + 1 < len(head) and sum(1 for v in head[i + 1][1] if key_for_header(v, headers)) >= 3:
        i += 1
    return i, columns, unknown


def _cell_text(values, col):
    return str(values[col]).strip() if col < len(values) and values[col] is not None else ""


def _fill_table(table, numbered_rows, max_rows, merged):
    head = []
    for number, values in numbered_rows:
        head.append((number, list(values)))
        if len(head) >= HEAD_ROWS:
            break
    if all(_blank(v) for _n, v in head):
        raise FileProblem("empty_sheet")
    found = _find_columns(head)
    if found is None or not found[1]:
        raise FileProblem("no_header")
    last, columns, unknown = found
    seen = set()
    for col, key, header in columns:
        letter = get_column_letter(col + 1)
        if key in seen and key not in ("sector", "adm1", "adm2", "adm3", "country"):
            table.notes.append(("duplicate_column", {"column": letter, "header": header}))
            continue
        seen.add(key)
        table.columns.append((col, key, header))
    for col, header in unknown:
        table.notes.append(("unknown_column", {"column": get_column_letter(col + 1), "header": header}))
    header_row = head[last][0]
    sources = _merge_sources(merged, header_row)
    fills = {}
    count = 0

    def data_rows():
        yield from head[last + 1:]
        yield from numbered_rows

    for number, values in data_rows():
        values = list(values)
        for top_col, target_row, target_col in sources.get(number, ()):
            value = values[top_col] if top_col < len(values) else None
            fills.setdefault(target_row, []).append((target_col, value))
        for col, value in fills.pop(number, ()):
            values += [None] * (col + 1 - len(values))
            values[col] = value
        if _blank(values):
            continue
        count += 1
        if count > max_rows:
            raise FileProblem("too_many_rows", max=max_rows)
        table.rows.append((number, values))
    if not table.rows:
        raise FileProblem("no_rows")
    if merged:
        table.notes.append(("merged", {"ranges": ", ".join(merged[:10])}))


def _merge_sources(merged, header_row):
    """Merged ranges below the header: {top-left row: [(top-left column, target row, target
    column)]}: every cell of a range takes the value of its top-left cell."""
    sources = {}
    for ref in merged:
        min_col, min_row, max_col, max_row = range_boundaries(ref)
        if min_row <= header_row:
            continue
        sources.setdefault(min_row, []).extend(
            (min_col - 1, r, c - 1) for r in range(min_row, max_row + 1)
            for c in range(min_col, max_col + 1) if (r, c) != (min_row, min_col))
    return sources
