"""The columns an import reads: the portal's template and the portal's own CSV/HXL export.

A column is recognised by its HXL hashtag (attributes in any order) when the file has a
hashtag row, otherwise by its header in Arabic or English. The export's columns come from
:mod:`portal.activities.exports` itself, so a file the portal wrote reads back unchanged.
"""
from dataclasses import dataclass

from flask_babel import force_locale
from flask_babel import lazy_gettext as _l

from ..exports import COLUMNS as EXPORT_COLUMNS
from ..labels import FIELD_LABELS

PEOPLE_TAGS = {
    "targeted_total": "#targeted", "targeted_women": "#targeted+f+adults",
    "targeted_men": "#targeted+m+adults", "targeted_girls": "#targeted+f+children",
    "targeted_boys": "#targeted+m+children", "reached_total": "#reached",
    "reached_women": "#reached+f+adults", "reached_men": "#reached+m+adults",
    "reached_girls": "#reached+f+children", "reached_boys": "#reached+m+children",
}


@dataclass(frozen=True)
class Column:
    key: str       # what the value is: "title_ar", "areas", "start_date"...
    label: object  # lazy translated header
    tag: str       # HXL hashtag
    width: int = 16


# The template, in this order.
TEMPLATE = (
    Column("ref", _l("Your reference"), "#activity+id+org", 16),
    Column("title_ar", FIELD_LABELS["title_ar"], "#activity+name+i_ar", 36),
    Column("title_en", FIELD_LABELS["title_en"], "#activity+name+i_en", 36),
    Column("description_ar", FIELD_LABELS["description_ar"], "#activity+description+i_ar", 40),
    Column("description_en", FIELD_LABELS["description_en"], "#activity+description+i_en", 40),
    Column("primary_sector", FIELD_LABELS["primary_sector"], "#sector+code+main", 30),
    Column("sectors", _l("Further sectors"), "#sector+code+other", 30),
    Column("areas", _l("Areas (P-codes)"), "#loc+code", 30),
    Column("start_date", FIELD_LABELS["start_date"], "#date+start", 14),
    Column("end_date", FIELD_LABELS["end_date"], "#date+end", 14),
    Column("status", FIELD_LABELS["status"], "#status+code", 14),
    Column("visibility", FIELD_LABELS["visibility"], "#meta+visibility", 14),
) + tuple(Column(key, FIELD_LABELS[key], tag, 12) for key, tag in PEOPLE_TAGS.items())

# The export's keys → what they mean here ("" for columns an import ignores: names shown
# beside codes, links).
_EXPORT_KEYS = {
    "activity_id": "activity_id", "activity_name": "title", "org_code": "org_code",
    "sector_code": "sector", "country_code": "country", "adm1_code": "adm1",
    "status_code": "status", "start_date": "start_date", "end_date": "end_date",
    "targeted": "targeted_total", "reached": "reached_total", "visibility": "visibility",
    **{k: k for k in PEOPLE_TAGS if k not in ("targeted_total", "reached_total")},
}
# Deeper places and the main-sector marker of the long 4W export shape.
_EXTRA_TAGS = {"#adm2+code": "adm2", "#adm3+code": "adm3", "#sector+main": "sector_main",
               "#meta+main": "sector_main", "#sector+code+main": "primary_sector"}


def parse_tag(text):
    """``"#Targeted +f +adults"`` → ``("#targeted", frozenset({"f", "adults"}))``, or None."""
    text = str(text or "").strip().lower().replace(" ", "")
    if not text.startswith("#") or len(text) < 2:
        return None
    name, *attributes = text.split("+")
    return name, frozenset(a for a in attributes if a)


def _tags():
    tags = {}
    for column in TEMPLATE:
        tags[parse_tag(column.tag)] = column.key
    for key, _header, tag in EXPORT_COLUMNS:
        tags.setdefault(parse_tag(tag), _EXPORT_KEYS.get(key, ""))
    for tag, key in _EXTRA_TAGS.items():
        tags.setdefault(parse_tag(tag), key)
    return tags


def _headers():
    """Header text (case-folded, both languages) → key."""
    headers = {}
    for lang in ("ar", "en"):
        with force_locale(lang):
            for column in TEMPLATE:
                headers.setdefault(str(column.label).strip().casefold(), column.key)
            for key, header, _tag in EXPORT_COLUMNS:
                headers.setdefault(str(header).strip().casefold(), _EXPORT_KEYS.get(key, ""))
    return headers


def key_for_tag(tag_text):
    """What a hashtag column holds: a key, "" (known but ignored) or None (unknown)."""
    tag = parse_tag(tag_text)
    if tag is None:
        return None
    return _tags().get(tag)


def key_for_header(text, headers=None):
    """What a column with this header holds (see :func:`key_for_tag`)."""
    headers = headers if headers is not None else _headers()
    return headers.get(str(text or "").strip().casefold())


def header_map():
    return _headers()
