"""The filtered list as CSV with an HXL hashtag row, and as JSON.

The CSV has the long 4W shape: one row per activity × sector × area, with a column marking
the activity's main sector (``#sector+main``: 1 or 0), so that a pivot in a spreadsheet or HDX
gives the matrix's cells. The JSON has one object per activity, with its sectors and areas as
lists. Names are in the reader's language; dates are ISO (2026-03-31) and numbers plain
digits, for data tools. Cells that a spreadsheet would run as a formula get a leading apostrophe.
"""
import csv
import io
import json

from flask import Response, current_app
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from ..i18n import language
from ..models import PEOPLE_PARTS
from ..permissions import public
from ..urls import external_url
from . import bp, queries
from .filtering import read_filters
from .labels import STATUS_LABELS

MAX_ROWS = 10_000
SYRIA = {"ar": "سوريا", "en": "Syria"}

# (key in the JSON, column header, HXL hashtag)
COLUMNS = (
    ("activity_id", _l("Activity number"), "#activity+code"),
    ("activity_name", _l("Activity"), "#activity+name"),
    ("org_name", _l("Organisation"), "#org+name"),
    ("org_code", _l("Organisation code"), "#org+code"),
    ("org_acronym", _l("Acronym"), "#org+acronym"),
    ("sector_code", _l("Sector code"), "#sector+code"),
    ("sector_name", _l("Sector"), "#sector+name"),
    ("main_sector", _l("Main sector (1 = yes)"), "#sector+main"),
    ("country_code", _l("Country code"), "#country+code"),
    ("country_name", _l("Country"), "#country+name"),
    ("adm1_code", _l("Governorate P-code"), "#adm1+code"),
    ("adm1_name", _l("Governorate"), "#adm1+name"),
    ("adm2_code", _l("District P-code"), "#adm2+code"),
    ("adm2_name", _l("District"), "#adm2+name"),
    ("adm3_code", _l("Sub-district P-code"), "#adm3+code"),
    ("adm3_name", _l("Sub-district"), "#adm3+name"),
    ("status", _l("Status"), "#status"),
    ("status_code", _l("Status code"), "#status+code"),
    ("start_date", _l("Start date"), "#date+start"),
    ("end_date", _l("End date"), "#date+end"),
    ("targeted", _l("People targeted"), "#targeted"),
    ("targeted_women", _l("Women targeted"), "#targeted+f+adults"),
    ("targeted_men", _l("Men targeted"), "#targeted+m+adults"),
    ("targeted_girls", _l("Girls targeted"), "#targeted+f+children"),
    ("targeted_boys", _l("Boys targeted"), "#targeted+m+children"),
    ("reached", _l("People reached"), "#reached"),
    ("reached_women", _l("Women reached"), "#reached+f+adults"),
    ("reached_men", _l("Men reached"), "#reached+m+adults"),
    ("reached_girls", _l("Girls reached"), "#reached+f+children"),
    ("reached_boys", _l("Boys reached"), "#reached+m+children"),
    ("visibility", _l("Visible to"), "#meta+visibility"),
    ("url", _l("Link"), "#meta+url"),
)
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _records():
    """The long rows the reader may see under the current filters, as dicts (at most
    MAX_ROWS), and whether the cap cut the export short."""
    _form, filters = read_filters()
    rows = queries.export_rows(current_user, filters, MAX_ROWS + 1)
    lang = language()
    base = external_url("activities.detail", id=0)[:-1]
    records = [_record(row, lang, base) for row in rows[:MAX_ROWS]]
    return records, len(rows) > MAX_ROWS


def _activity_records():
    """The activities themselves (at most MAX_ROWS), each with its sectors and areas."""
    _form, filters = read_filters()
    activities = queries.export_activities(current_user, filters, MAX_ROWS + 1)
    lang = language()
    base = external_url("activities.detail", id=0)[:-1]
    return ([_activity_record(a, reached, lang, base) for a, reached in activities[:MAX_ROWS]],
            len(activities) > MAX_ROWS)


def _pick(row, name, lang):
    other = "en" if lang == "ar" else "ar"
    return getattr(row, f"{name}_{lang}") or getattr(row, f"{name}_{other}") or ""


def _places(row, lang):
    """The adm1/adm2/adm3 codes and names of a row's place (empty above its level)."""
    here = (row.area_code, _pick(row, "area_name", lang))
    up1 = (row.up1_code or "", _pick(row, "up1_name", lang) if row.up1_code else "")
    up2 = (row.up2_code or "", _pick(row, "up2_name", lang) if row.up2_code else "")
    empty = ("", "")
    adm1, adm2, adm3 = {
        "governorate": (here, empty, empty),
        "district": (up1, here, empty),
        "subdistrict": (up1, up2, here),
    }.get(row.area_kind, (empty, empty, empty))
    return {"adm1_code": adm1[0], "adm1_name": adm1[1], "adm2_code": adm2[0], "adm2_name": adm2[1],
            "adm3_code": adm3[0], "adm3_name": adm3[1]}


def _record(row, lang, base):
    syria = row.area_kind != "country"
    return {
        "activity_id": row.id,
        "activity_name": _pick(row, "title", lang),
        "org_name": _pick(row, "org_name", lang),
        "org_code": row.org_slug,
        "org_acronym": row.org_acronym,
        "sector_code": row.sector_code,
        "sector_name": _pick(row, "sector_name", lang),
        "main_sector": 1 if row.is_main else 0,
        "country_code": "SYR" if syria else row.area_code,
        "country_name": SYRIA[lang] if syria else _pick(row, "area_name", lang),
        **_places(row, lang),
        "status": str(STATUS_LABELS.get(row.status, row.status)),
        "status_code": row.status,
        "start_date": row.start_date.isoformat(),
        "end_date": row.end_date.isoformat() if row.end_date else "",
        "targeted": row.targeted_total,
        "targeted_women": row.targeted_women,
        "targeted_men": row.targeted_men,
        "targeted_girls": row.targeted_girls,
        "targeted_boys": row.targeted_boys,
        "reached": row.reached_total,
        "reached_women": row.reached_women,
        "reached_men": row.reached_men,
        "reached_girls": row.reached_girls,
        "reached_boys": row.reached_boys,
        "visibility": row.visibility,
        "url": f"{base}{row.id}",
    }


PEOPLE = ("targeted", "targeted_women", "targeted_men", "targeted_girls", "targeted_boys",
          "reached", "reached_women", "reached_men", "reached_girls", "reached_boys")


def _activity_record(activity, reached, lang, base):
    org = activity.org
    people = {key: getattr(activity, key if "_" in key else f"{key}_total") for key in PEOPLE
              if key.startswith("targeted")}
    people.update({"reached": reached["total"]},
                  **{f"reached_{part}": reached[part] for part in PEOPLE_PARTS})
    return {
        "activity_id": activity.id,
        "activity_name": _pick(activity, "title", lang),
        "org_name": _pick(org, "name", lang),
        "org_code": org.slug,
        "org_acronym": org.acronym,
        "main_sector": activity.primary_sector.code,
        "sectors": [{"code": s.code, "name": _pick(s, "name", lang),
                     "main": s.id == activity.primary_sector_id} for s in activity.sectors],
        "areas": [_area_record(area, lang) for area in activity.areas],
        "status": str(STATUS_LABELS.get(activity.status, activity.status)),
        "status_code": activity.status,
        "start_date": activity.start_date.isoformat(),
        "end_date": activity.end_date.isoformat() if activity.end_date else "",
        **people,
        "visibility": activity.visibility,
        "url": f"{base}{activity.id}",
    }


def _area_record(area, lang):
    return {"code": area.code, "name": _pick(area, "name", lang), "kind": area.kind,
            "level": area.level, "country_code": "SYR" if area.kind != "country" else area.code}


def safe_cell(value):
    """A spreadsheet cell that cannot run as a formula: ``=1+1`` → ``'=1+1``."""
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def _csv(records, headers):
    """The CSV text, produced a chunk of rows at a time (no database or locale needed)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(headers)
    writer.writerow([tag for _key, _header, tag in COLUMNS])
    yield "\ufeff" + buffer.getvalue()
    for start in range(0, len(records), 500):
        buffer.seek(0)
        buffer.truncate()
        for record in records[start:start + 500]:
            writer.writerow([safe_cell(record[key]) for key, _header, _tag in COLUMNS])
        yield buffer.getvalue()


def _headers(truncated, filename=None):
    headers = {"Cache-Control": "private, no-store"}
    if filename:
        headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    if truncated:
        headers["X-Export-Truncated"] = str(MAX_ROWS)
    return headers


@bp.route("/export.csv")
@public
def export_csv():
    """The filtered activities as CSV with an HXL hashtag row (what the reader may see)."""
    records, truncated = _records()
    headers = [str(header) for _key, header, _tag in COLUMNS]
    return Response(_csv(records, headers), mimetype="text/csv",
                    headers=_headers(truncated, "activities.csv"))


@bp.route("/export.json")
@public
def export_json():
    """The same activities as the CSV export, one JSON object each with lists of sectors and
    areas."""
    records, truncated = _activity_records()
    body = json.dumps(records, ensure_ascii=False, indent=None if not current_app.debug else 1)
    return Response(body, mimetype="application/json", headers=_headers(truncated))
