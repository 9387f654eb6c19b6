"""What the moderation queue reads: one page of everything awaiting review, across every
registered kind, in a constant number of SQL queries.

The page is one ``UNION ALL`` of a small select per kind (kind, id, submitted_at), ordered
oldest first; then one load per kind for the rows on the page, with the item's relations
loaded in the same query. A new kind registered in :mod:`portal.moderation.registry` appears
here without any change.
"""
from collections import defaultdict
from datetime import date

from flask import abort
from sqlalchemy import func, inspect, literal, union_all
from sqlalchemy.orm import joinedload

from ..extensions import db
from ..i18n import format_date, format_number, language
from ..models import Area, Organisation, Sector
from ..models.moderation import SUBMITTED
from ..pagination import paginate
from .registry import KINDS

SECTOR_KEYS = ("primary_sector", "primary_sector_id", "primary_sector_code", "sectors", "sector_ids",
               "sector_codes")
AREA_KEYS = ("areas", "area_ids", "area_codes")


def kind_or_404(name):
    kind = KINDS.get(name)
    if kind is None:
        abort(404)
    return kind


def _eager(model):
    """Load options for every relation of ``model`` (one level, in the same query)."""
    return [joinedload(rel.class_attribute) for rel in inspect(model).relationships]


def item_or_404(kind, item_id):
    """One item of ``kind`` with its relations, or 404 (also for a number no row can have)."""
    if not 0 < item_id < 2 ** 31:
        abort(404)
    item = db.session.scalars(
        db.select(kind.model).options(*_eager(kind.model)).where(kind.model.id == item_id)
    ).unique().first()
    if item is None:
        abort(404)
    return item


def _kind_select(kind, org_id=None, sector_id=None, batch_id=None):
    """The items of one kind awaiting review, as (kind, id, submitted_at); None when the
    filters exclude the kind altogether (a sector filter on a kind without sectors, an
    import batch filter on a kind that is never imported)."""
    model = kind.model
    query = db.select(literal(kind.name).label("kind"), model.id.label("id"),
                      model.submitted_at.label("submitted_at")).where(model.review_state == SUBMITTED)
    if org_id is not None:
        query = query.where(model.org_id == org_id)
    if sector_id is not None:
        if kind.sector_clause is None:
            return None
        query = query.where(kind.sector_clause(sector_id))
    if batch_id is not None:
        if not hasattr(model, "import_batch_id"):
            return None
        query = query.where(model.import_batch_id == batch_id)
    return query


def _union(kind_names, org_id=None, sector_id=None, batch_id=None):
    selects = [s for s in (_kind_select(KINDS[n], org_id, sector_id, batch_id) for n in kind_names)
               if s is not None]
    if not selects:
        return None
    return (union_all(*selects) if len(selects) > 1 else selects[0]).subquery("queue")


class QueueEntry:
    """One row of the queue: its kind, the loaded item and its proposed content."""

    def __init__(self, kind, item):
        self.kind = kind
        self.item = item
        self.content = kind.proposed(item)

    @property
    def title(self):
        return title_of(self.content, self.item)

    @property
    def is_edit(self):
        return self.item.has_pending_edit


def title_of(content, item):
    """The title in the reader's language, else the other one, else the item's number."""
    lang = language()
    other = "en" if lang == "ar" else "ar"
    return content.get(f"title_{lang}") or content.get(f"title_{other}") or f"#{item.id}"


def queue_page(kind_name="", org_id=None, sector_id=None, batch_id=None):
    """The requested page of the queue (``?page=``), oldest submission first."""
    names = [kind_name] if kind_name else sorted(KINDS)
    union = _union(names, org_id, sector_id, batch_id)
    if union is None:
        return paginate(db.select(literal(1)).where(literal(False)), scalars=False)
    page = paginate(db.select(union.c.kind, union.c.id, union.c.submitted_at)
                    .order_by(union.c.submitted_at, union.c.kind, union.c.id), scalars=False)
    wanted = defaultdict(list)
    for row in page.items:
        wanted[row.kind].append(row.id)
    loaded = {}
    for name, ids in wanted.items():
        kind = KINDS[name]
        for item in db.session.scalars(db.select(kind.model).options(*_eager(kind.model))
                                       .where(kind.model.id.in_(ids))).unique():
            loaded[(name, item.id)] = QueueEntry(kind, item)
    page.items = [loaded[(row.kind, row.id)] for row in page.items if (row.kind, row.id) in loaded]
    return page


def batch_or_none(value):
    """The import batch named by ``?batch=`` (with how many of its items await review), or None."""
    from ..models import ImportBatch

    if not str(value).isdigit() or not 0 < int(value) < 2 ** 31:
        return None
    batch = db.session.get(ImportBatch, int(value))
    if batch is not None:
        batch.waiting = sum(
            db.session.scalar(db.select(func.count()).select_from(KINDS[name].model).where(
                KINDS[name].model.import_batch_id == batch.id,
                KINDS[name].model.review_state == SUBMITTED)) or 0
            for name in sorted(KINDS) if hasattr(KINDS[name].model, "import_batch_id"))
    return batch


def batch_items(batch_id):
    """Every item of an import batch still awaiting review (one query per importable kind)."""
    items = []
    for name in sorted(KINDS):
        model = KINDS[name].model
        if hasattr(model, "import_batch_id"):
            items += db.session.scalars(db.select(model).options(*_eager(model)).where(
                model.import_batch_id == batch_id, model.review_state == SUBMITTED)
                .order_by(model.id)).unique().all()
    return items


def selected_items(keys):
    """The items named ``kind:id`` (unknown kinds and numbers are left out; one query a kind)."""
    wanted = defaultdict(set)
    for key in keys:
        name, _sep, number = str(key).partition(":")
        if name in KINDS and number.isdigit() and 0 < int(number) < 2 ** 31:
            wanted[name].add(int(number))
    items = []
    for name, ids in sorted(wanted.items()):
        model = KINDS[name].model
        items += db.session.scalars(db.select(model).options(*_eager(model))
                                    .where(model.id.in_(sorted(ids)))).unique().all()
    return items


def waiting_count():
    """How many items of every kind await review (one query)."""
    union = _union(sorted(KINDS))
    if union is None:
        return 0
    return db.session.scalar(db.select(func.count()).select_from(union)) or 0


def filter_choices():
    """Organisations and sectors for the queue's filters (one query each)."""
    name = Organisation.name_ar if language() == "ar" else Organisation.name_en
    orgs = db.session.scalars(db.select(Organisation).order_by(name, Organisation.id)).all()
    sectors = db.session.scalars(db.select(Sector).order_by(Sector.position, Sector.id)).all()
    return orgs, sectors


# --- the content of an item, and what an edit changes ------------------------------------------

class Field:
    """One field of an item's content, readable: its label and its value(s) as text."""

    def __init__(self, key, label, new, old=None):
        self.key, self.label, self.new, self.old = key, label, new, old


def _ordered_keys(kind, *contents):
    keys = [k for k in (kind.field_labels or {}) if any(k in c for c in contents)]
    for content in contents:
        keys += [k for k in content if k not in keys]
    return keys


def _reference(contents):
    """Sector and area names for the codes or ids in ``contents`` (a small query each, if any)."""
    names = {"sector": {}, "area": {}}
    if any(c.get(k) not in (None, "", []) for c in contents for k in SECTOR_KEYS):
        for s in db.session.scalars(db.select(Sector)):
            names["sector"][s.id] = names["sector"][s.code] = s
    named = {v for c in contents for k in AREA_KEYS for v in _as_list(c.get(k)) if v not in (None, "")}
    if named:
        # Only the places named: with a gazetteer loaded there are hundreds.
        codes = [v for v in named if isinstance(v, str)]
        ids = [v for v in named if isinstance(v, int)]
        for a in db.session.scalars(db.select(Area).where(Area.code.in_(codes) | Area.id.in_(ids))):
            names["area"][a.id] = names["area"][a.code] = a
    return names


def _as_list(value):
    return value if isinstance(value, (list, tuple)) else [value]


def _show(kind, key, value, names):
    """A stored value as the reader should see it ("" when empty)."""
    if value is None or value == "" or value == []:
        return ""
    value_labels = kind.value_labels or {}
    if key in value_labels:
        return str(value_labels[key].get(value, value))
    for group, keys in (("sector", SECTOR_KEYS), ("area", AREA_KEYS)):
        if key in keys:
            return ", ".join(names[group][v].tr("name") if v in names[group] else str(v)
                             for v in _as_list(value))
    if key.endswith("_date") and isinstance(value, str):
        try:
            return format_date(date.fromisoformat(value[:10]))
        except ValueError:
            return value
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, (int, float)):
        return format_number(value)
    if isinstance(value, (list, tuple)):
        return ", ".join(str(v) for v in value)
    return str(value)


def _label(kind, key):
    return (kind.field_labels or {}).get(key, key.replace("_", " "))


def readable(kind, content):
    """Every non-empty field of ``content`` (a kind's snapshot or proposal), in a stable order."""
    names = _reference([content])
    fields = [Field(k, _label(kind, k), _show(kind, k, content.get(k), names))
              for k in _ordered_keys(kind, content)]
    return [f for f in fields if f.new]


def _same(a, b):
    if isinstance(a, (list, tuple)) and isinstance(b, (list, tuple)):
        return sorted(map(str, a)) == sorted(map(str, b))
    return (a if a not in ("", []) else None) == (b if b not in ("", []) else None)


def changes(kind, item):
    """For an edit to a published item: the fields whose proposed value differs from what
    others see now, each with the old and the new value. Empty for a first submission."""
    if not item.has_pending_edit:
        return []
    current, proposed = kind.snapshot(item), item.proposal
    names = _reference([current, proposed])
    return [Field(k, _label(kind, k), _show(kind, k, proposed.get(k), names),
                  _show(kind, k, current.get(k), names))
            for k in _ordered_keys(kind, current, proposed) if not _same(current.get(k), proposed.get(k))]
