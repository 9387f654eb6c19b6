"""What a pending edit changes, field by field, for the resource's page."""
from datetime import date

from ..extensions import db
from ..models import Area, Sector
from .kind import EDITED_KEYS, snapshot
from .labels import CATEGORY_LABELS, CONFIRMATION_LABELS, FIELD_LABELS, LANGUAGE_LABELS, VISIBILITY_LABELS

KEYS = EDITED_KEYS + ("file_version",)
CHOICES = {"category": CATEGORY_LABELS, "language": LANGUAGE_LABELS, "visibility": VISIBILITY_LABELS,
           "no_personal_data": CONFIRMATION_LABELS}


def changes(item):
    """The fields a pending edit (or new version) changes: dicts with ``label``, ``kind`` (text,
    date, names, file) and the published and proposed values, ready to show (at most two
    queries)."""
    if item.proposal is None:
        return []
    before, after = snapshot(item), item.proposal
    keys = [k for k in KEYS if before.get(k) != after.get(k)]
    codes = {code for key in ("sectors", "areas") if key in keys
             for content in (before, after) for code in content.get(key) or []}
    names = _names(codes) if codes else {}
    return [{"label": FIELD_LABELS[key], "kind": _kind(key),
             "before": _value(key, before, names), "after": _value(key, after, names)} for key in keys]


def _names(codes):
    rows = list(db.session.scalars(db.select(Sector).where(Sector.code.in_(codes))))
    rows += list(db.session.scalars(db.select(Area).where(Area.code.in_(codes))))
    return {row.code: row.tr("name") for row in rows}


def _kind(key):
    return {"document_date": "date", "sectors": "names", "areas": "names", "file_version": "file",
            "link_url": "link"}.get(key, "text")


def _value(key, content, names):
    value = content.get(key)
    if key == "file_version":
        return {"number": value, "name": content.get("file_name")} if value else None
    if value is None or value == "" or value == []:
        return None
    if key == "document_date":
        return date.fromisoformat(value)
    if key in ("sectors", "areas"):
        return [names.get(code, code) for code in value]
    if key in CHOICES:
        return CHOICES[key].get(value, value)
    return value
