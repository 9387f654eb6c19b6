"""Checking the rows of a file with the activity form's own rules, and telling what each
would do: ``new``, ``update`` (the activity with the same reference), ``unchanged`` or
``error`` (each problem with its cell as Excel shows it, e.g. "C7"). Nothing is written here.

Rows with the same reference (or the same activity number, as in the portal's export, which
has one row per activity and place) are one activity: their places and sectors add up.
For an activity already in the portal, a column the file does not have keeps its value.
"""
import re

from openpyxl.utils import get_column_letter
from sqlalchemy.orm import joinedload, selectinload
from werkzeug.datastructures import MultiDict

from ...extensions import db
from ...i18n import language
from ...models import Activity
from ...models.moderation import ARCHIVED
from ..forms import ActivityForm
from ..kind import PEOPLE_FIELDS, snapshot
from . import messages
from .values import BadValue, read_count, read_date, split_list, text

MAX_REF = 100
_ARABIC = re.compile("[\u0600-\u06ff]")
_TRUE = {"1", "yes", "true", "x", "y", "نعم", "✓", "main", "رئيسي"}
TEXT_KEYS = ("title_ar", "title_en", "description_ar", "description_en")
PLACE_KEYS = ("adm3", "adm2", "adm1")  # the export: the deepest one filled is the place
# Form field → the file's columns that feed it (for pointing at the cell of an error).
SOURCES = {
    "title_ar": ("title_ar", "title"), "title_en": ("title_en", "title"),
    "primary_sector": ("primary_sector", "sector"), "sectors": ("sectors", "sector"),
    "areas": ("areas", "adm1", "adm2", "adm3", "country"),
}
CHUNK = 500


class Rows:
    """A file's rows grouped into activities, each with its row numbers and raw values."""

    def __init__(self, table):
        self.header = {}
        self.columns = {}
        for col, key, header in table.columns:
            self.columns.setdefault(key, []).append(col)
            self.header.setdefault(key, header)
        self.groups = {}
        for number, values in table.rows:
            ref = self.first(values, "ref")
            number_text = self.first(values, "activity_id")
            if ref:
                identity = ("ref", ref)
            elif number_text:
                identity = ("id", number_text)
            else:
                identity = ("row", number)
            self.groups.setdefault(identity, []).append((number, values))

    def first(self, values, key):
        """The text of the first column of ``key`` in a row ("" if none)."""
        for col in self.columns.get(key, ()):
            if col < len(values):
                return text(values[col])
        return ""

    def raw(self, values, key):
        col = self.columns[key][0]
        return values[col] if col < len(values) else None

    def cell(self, key, number):
        """"C7": the cell of ``key`` in row ``number``; "" when the file has no such column."""
        cols = self.columns.get(key)
        return f"{get_column_letter(cols[0] + 1)}{number}" if cols else ""


def _existing(org, groups):
    """The organisation's activities the file names, by reference and by number."""
    refs = [i[1] for i in groups if i[0] == "ref"]
    ids = [int(i[1]) for i in groups if i[0] == "id" and i[1].isdigit() and len(i[1]) < 10]
    by_ref, by_id = {}, {}
    load = (joinedload(Activity.primary_sector), selectinload(Activity.sectors),
            selectinload(Activity.areas))
    for start in range(0, len(refs), CHUNK):
        for item in db.session.scalars(db.select(Activity).options(*load).where(
                Activity.org_id == org.id, Activity.org_ref.in_(refs[start:start + CHUNK]))):
            by_ref[item.org_ref] = item
    for start in range(0, len(ids), CHUNK):
        for item in db.session.scalars(db.select(Activity).options(*load).where(
                Activity.org_id == org.id, Activity.id.in_(ids[start:start + CHUNK]))):
            by_id[item.id] = item
    return by_ref, by_id


class Checker:
    """Checks one group of rows (one activity) and gives its preview row."""

    def __init__(self, rows, org, reference):
        self.rows, self.org, self.ref = rows, org, reference

    def check(self, identity, group, existing):
        self.errors, self.bad = [], set()
        number, values = group[0]
        self.number = number
        base = None
        if existing is not None:
            base = existing.proposal if existing.proposal is not None else snapshot(existing)
        ref = self.rows.first(values, "ref") or (existing.org_ref if existing is not None else None)
        self._identity_problems(identity, existing, ref, values)
        self._same_values(group)
        data = dict(base or {})
        self._texts(data, values, base)
        self._sectors(data, group, base)
        self._areas(data, group)
        self._dates(data, values)
        self._choices(data, values)
        self._people(data, values)
        content = self._validate(data) if not self._fatal else None
        if content is None or self.errors:
            outcome = "error"
        elif existing is None:
            outcome = "new"
        elif content == base and existing.org_ref == ref:
            outcome = "unchanged"
        else:
            outcome = "update"
        title_source = content or data
        lang = language()
        other = "en" if lang == "ar" else "ar"
        return {
            "row": number, "rows": [n for n, _v in group], "ref": ref or "",
            "title": title_source.get(f"title_{lang}") or title_source.get(f"title_{other}") or "",
            "outcome": outcome, "errors": self.errors,
            "content": content if outcome != "error" else None,
            "activity_id": existing.id if existing is not None else None,
            "lock_version": existing.lock_version if existing is not None else None,
        }

    # --- problems -------------------------------------------------------------------------

    _fatal = False
    _form = None

    def error(self, key, message, hint="", number=None, field=None):
        number = number or self.number
        self.errors.append({"cell": self.rows.cell(key, number), "row": number,
                            "column": self.rows.header.get(key, ""), "message": str(message),
                            "hint": str(hint)})
        if field:
            self.bad.add(field)

    def _identity_problems(self, identity, existing, ref, values):
        self._fatal = False
        org_code = self.rows.first(values, "org_code")
        org_name = self.org.tr("name")
        if org_code and org_code != self.org.slug:
            self.error("org_code", messages.cell_problem("other_org", value=org_code, org=org_name))
            self._fatal = True
        if identity[0] == "id" and existing is None:
            self.error("activity_id", messages.cell_problem(
                "unknown_activity", value=identity[1], org=org_name))
            self._fatal = True
        if ref and len(ref) > MAX_REF:
            self.error("ref", messages.cell_problem("ref_too_long", max=MAX_REF))
            self._fatal = True
        if existing is not None and existing.review_state == ARCHIVED:
            self.error("ref" if identity[0] == "ref" else "activity_id",
                       messages.cell_problem("archived", value=existing.id))
            self._fatal = True

    def _same_values(self, group):
        """Rows of one activity must agree on everything but its places and sectors."""
        for number, values in group[1:]:
            for key in self.rows.columns:
                if key in ("sector", "sector_main", "adm1", "adm2", "adm3", "country", "areas",
                           "sectors"):
                    continue
                if self.rows.first(values, key) != self.rows.first(group[0][1], key):
                    self.error(key, messages.cell_problem("differs", row=group[0][0]), number=number)
                    self._fatal = True

    # --- values ---------------------------------------------------------------------------

    def _has(self, key):
        return key in self.rows.columns

    def _texts(self, data, values, base):
        for key in TEXT_KEYS:
            if self._has(key):
                data[key] = self.rows.first(values, key)
        if self._has("title") and not (self._has("title_ar") or self._has("title_en")):
            title = self.rows.first(values, "title")
            if not base or title not in (base.get("title_ar"), base.get("title_en")):
                data["title_ar" if _ARABIC.search(title) else "title_en"] = title

    def _sector_code(self, key, item, number):
        code = self.ref.sector(item)
        if code is None:
            self.error(key, messages.cell_problem("unknown_sector", value=item), number=number,
                       field="primary_sector" if key == "primary_sector" else "sectors")
        return code

    def _sectors(self, data, group, base):
        number, values = group[0]
        if self._has("primary_sector"):
            item = self.rows.first(values, "primary_sector")
            data["primary_sector"] = self._sector_code("primary_sector", item, number) if item else ""
        if self._has("sectors"):
            codes = []
            for n, row in group:
                codes += [self._sector_code("sectors", item, n)
                          for item in split_list(self.rows.first(row, "sectors"))]
            data["sectors"] = [c for c in codes if c]
        if self._has("sector"):  # the export: one sector a row, maybe a main-sector marker
            found, main = [], None
            for n, row in group:
                for col in self.rows.columns["sector"]:
                    item = text(row[col]) if col < len(row) else ""
                    code = self._sector_code("sector", item, n) if item else None
                    if code and code not in found:
                        found.append(code)
                    if code and self._has("sector_main") and \
                            self.rows.first(row, "sector_main").casefold() in _TRUE:
                        main = main or code
            if found and not self._has("primary_sector"):
                old_primary = (base or {}).get("primary_sector")
                data["primary_sector"] = main or found[0]
                if self._has("sector_main"):
                    data["sectors"] = found
                else:  # only the main sector is in the file: keep the further ones
                    kept = [c for c in (base or {}).get("sectors", []) if c != old_primary]
                    data["sectors"] = sorted(set(kept) | set(found))

    def _area_code(self, key, item, number):
        code, candidates = self.ref.area(item)
        if code:
            return code
        if candidates:
            self.error(key, messages.cell_problem(
                "ambiguous_area", value=item, codes=", ".join(a.code for a in candidates)),
                number=number, field="areas")
            return None
        close = self.ref.closest_area(item)
        hint = messages.suggestion(close.tr("name"), close.code) if close else ""
        self.error(key, messages.cell_problem("unknown_area", value=item), hint, number, "areas")
        return None

    def _areas(self, data, group):
        keys = [k for k in ("areas",) + PLACE_KEYS + ("country",) if self._has(k)]
        if not keys:
            return
        codes = []
        for number, row in group:
            if self._has("areas"):
                codes += [self._area_code("areas", item, number)
                          for item in split_list(self.rows.first(row, "areas"))]
            place = next(((k, self.rows.first(row, k)) for k in PLACE_KEYS
                          if self._has(k) and self.rows.first(row, k)), None)
            if place is None and self._has("country"):
                country = self.rows.first(row, "country")
                place = ("country", country) if country and country.upper() != "SYR" else None
            if place is not None:
                codes.append(self._area_code(place[0], place[1], number))
        data["areas"] = sorted({c for c in codes if c})

    def _dates(self, data, values):
        for key in ("start_date", "end_date"):
            if not self._has(key):
                continue
            raw = self.rows.raw(values, key)
            try:
                value = read_date(raw)
            except BadValue:
                self.error(key, messages.cell_problem("date", value=text(raw)), field=key)
                value = None
            data[key] = value.isoformat() if value else None

    def _choices(self, data, values):
        for key, known, problem in (("status", self.ref.statuses, "unknown_status"),
                                    ("visibility", self.ref.visibilities, "unknown_visibility")):
            if not self._has(key):
                continue
            item = self.rows.first(values, key)
            if not item:
                data.pop(key, None) if key == "visibility" else data.__setitem__(key, None)
                continue
            value = known.get(item.casefold())
            if value is None:
                self.error(key, messages.cell_problem(problem, value=item), field=key)
            data[key] = value

    def _people(self, data, values):
        for key in PEOPLE_FIELDS:
            if not self._has(key):
                continue
            raw = self.rows.raw(values, key)
            try:
                data[key] = read_count(raw)
            except BadValue:
                self.error(key, messages.cell_problem("number", value=text(raw)), field=key)
                data[key] = None

    # --- the activity form's rules --------------------------------------------------------

    def _validate(self, data):
        """The content the form makes of ``data``, or None (its errors added)."""
        formdata = MultiDict()
        for key, value in data.items():
            if key in ("sectors", "areas"):
                formdata.setlist(key, list(value or []))
            elif value is not None:
                formdata[key] = str(value)
        form = self._form
        if form is None:  # one form for every row: binding its fields costs more than checking
            form = self._form = ActivityForm(formdata=formdata, meta={"csrf": False})
            form.primary_sector.choices, form.sectors.choices, form.areas.choices = self.ref.choices()
            form.area_rows = self.ref.area_rows
        else:
            form.process(formdata)
        if form.validate():
            return None if self.errors else form.content()
        for name, errors in form.errors.items():
            if name in self.bad or name == "csrf_token":
                continue
            key = next((k for k in SOURCES.get(name, (name,)) if self._has(k)), name)
            for message in errors:
                self.error(key, message)
        return None


def check(table, org, reference):
    """The preview rows of a file for ``org`` (one per activity, in the file's order)."""
    rows = Rows(table)
    by_ref, by_id = _existing(org, rows.groups)
    checker = Checker(rows, org, reference)
    result = []
    for identity, group in rows.groups.items():
        if identity[0] == "ref":
            existing = by_ref.get(identity[1])
        elif identity[0] == "id":
            existing = by_id.get(int(identity[1])) if identity[1].isdigit() and len(identity[1]) < 10 else None
        else:
            existing = None
        result.append(checker.check(identity, group, existing))
    return result


def summary(rows):
    counts = {"new": 0, "update": 0, "unchanged": 0, "error": 0}
    for row in rows:
        counts[row["outcome"]] += 1
    return counts

