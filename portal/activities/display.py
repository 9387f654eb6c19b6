"""What a pending edit changes, field by field, for the activity's page."""
from datetime import date

from ..extensions import db
from ..models import Area, Sector
from .kind import CONTENT_KEYS, PEOPLE_FIELDS, snapshot
from .labels import FIELD_LABELS, STATUS_LABELS, VISIBILITY_LABELS


def changes(item):
    """The fields a pending edit changes: dicts with ``label``, ``kind`` (text, date, number,
    names) and the published and proposed values, ready to show (at most two queries)."""
    if item.proposal is None:
        return []
    before, after = snapshot(item), item.proposal
    keys = [k for k in CONTENT_KEYS if before.get(k) != after.get(k)]
    codes = set()
    for key in ("primary_sector", "sectors", "areas"):
        if key in keys:
            for content in (before, after):
                value = content.get(key)
                codes.update(value if isinstance(value, list) else [value])
    names = _names(codes) if codes else {}
    return [{"label": FIELD_LABELS[key], "kind": _kind(key),
             "before": _value(key, before.get(key), names),
             "after": _value(key, after.get(key), names)} for key in keys]


def _names(codes):
    rows = list(db.session.scalars(db.select(Sector).where(Sector.code.in_(codes))))
    rows += list(db.session.scalars(db.select(Area).where(Area.code.in_(codes))))
    return {row.code: row.tr("name") for row in rows}


def _kind(key):
    if key in PEOPLE_FIELDS:
        return "number"
    if key in ("start_date", "end_date"):
        return "date"
    if key in ("primary_sector", "sectors", "areas"):
        return "names"
    return "text"


def _value(key, value, names):
    if value is None or value == "":
        return None
    if key in ("start_date", "end_date"):
        return date.fromisoformat(value)
    if key == "primary_sector":
        return [names.get(value, value)]
    if key in ("sectors", "areas"):
        return [names.get(code, code) for code in value]
    if key == "status":
        return STATUS_LABELS.get(value, value)
    if key == "visibility":
        return VISIBILITY_LABELS.get(value, value)
    return value
