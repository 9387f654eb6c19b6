"""Importing activities from a spreadsheet: ``prepare`` reads and checks a file and keeps the
preview on the server (nothing else is written); ``confirm`` writes every valid row in one
transaction, each activity submitted for review as part of one batch and audited one by one.
"""
import logging
import secrets
from datetime import date

from flask import current_app
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import joinedload, selectinload
from sqlalchemy.orm.exc import StaleDataError

from ... import audit
from ...extensions import db
from ...models import (Activity, Area, ImportBatch, SearchTerm, Sector, activity_area,
                       activity_sector, utcnow)
from ...models.moderation import DRAFT, SUBMITTED
from ...permissions import may_import_activities, may_use_import
from ...text import words
from ..kind import PLAIN_FIELDS, snapshot
from . import bulk, checking, reading
from .reference import Reference
from .reading import FileProblem

log = logging.getLogger("portal.activities.imports")

__all__ = ["FileProblem", "NotAllowed", "Expired", "Done", "HasErrors", "Changed",
           "prepare", "confirm", "find", "expired"]


class NotAllowed(Exception):
    """The user may not import into this organisation, or use this preview."""


class Expired(Exception):
    """The preview is older than ``IMPORT_PREVIEW_TTL``: the file must be uploaded again."""


class Done(Exception):
    """The import was already confirmed."""


class HasErrors(Exception):
    """"All or nothing" was chosen and some rows have errors: nothing was written."""


class Changed(Exception):
    """Activities of the file changed since the preview: nothing was written."""


def prepare(user, org, data, file_name):
    """Read and check an uploaded file for ``org``; keep its preview; return the batch.

    Raises ``FileProblem`` for a file that cannot be imported at all, ``NotAllowed``.
    """
    if not may_import_activities(user, org):
        raise NotAllowed()
    config = current_app.config
    if len(data) > config["IMPORT_MAX_BYTES"]:
        raise FileProblem("too_large", mb=config["IMPORT_MAX_BYTES"] // (1024 * 1024))
    table = reading.read(data, config["IMPORT_MAX_ROWS"], config["IMPORT_MAX_UNPACKED"])
    rows = checking.check(table, org, Reference())
    _forget_expired()
    batch = ImportBatch(token=secrets.token_urlsafe(32), org_id=org.id, created_by_id=user.id,
                        file_name=(file_name or "")[:200], summary=checking.summary(rows),
                        preview={"rows": rows, "notes": [list(n) for n in table.notes],
                                 "sheet": table.sheet, "kind": table.kind})
    db.session.add(batch)
    db.session.commit()
    log.info("import preview %s for org %s by %s: %s", batch.id, org.id, user.email, batch.summary)
    return batch


def _forget_expired():
    """Previews never confirmed and past their time are deleted (with their rows)."""
    limit = utcnow() - current_app.config["IMPORT_PREVIEW_TTL"]
    db.session.execute(db.delete(ImportBatch).where(ImportBatch.confirmed_at.is_(None),
                                                    ImportBatch.created_at < limit))


def find(token):
    """The batch with this token, or None."""
    if not token or len(token) > 64:
        return None
    return db.session.scalar(db.select(ImportBatch).options(joinedload(ImportBatch.org))
                             .where(ImportBatch.token == token))


def expired(batch):
    created = batch.created_at
    if created.tzinfo is None:  # SQLite gives naive UTC values back
        from datetime import timezone
        created = created.replace(tzinfo=timezone.utc)
    return batch.confirmed_at is None and utcnow() - created > current_app.config["IMPORT_PREVIEW_TTL"]


def _check(user, batch):
    if not may_use_import(user, batch):
        raise NotAllowed()
    if batch.confirmed_at is not None:
        raise Done()
    if expired(batch):
        raise Expired()


def _apply(item, content, sectors, areas):
    """``content`` into the activity's columns (as ``kind.apply_proposal``, from loaded rows)."""
    for name in PLAIN_FIELDS:
        if name in content:
            setattr(item, name, content[name])
    codes = set(content.get("sectors") or []) | {content["primary_sector"]}
    item.primary_sector = sectors[content["primary_sector"]]
    item.sectors = sorted((sectors[c] for c in codes if c in sectors), key=lambda s: s.position)
    item.areas = sorted((areas[c] for c in content.get("areas") or [] if c in areas),
                        key=lambda a: a.position)
    item.start_date = date.fromisoformat(content["start_date"])
    item.end_date = date.fromisoformat(content["end_date"]) if content.get("end_date") else None


def _load_existing(rows):
    ids = [r["activity_id"] for r in rows if r["outcome"] == "update"]
    found = {}
    for start in range(0, len(ids), 500):
        for item in db.session.scalars(db.select(Activity).options(
                joinedload(Activity.primary_sector), selectinload(Activity.sectors),
                selectinload(Activity.areas)).where(Activity.id.in_(ids[start:start + 500]))):
            found[item.id] = item
    for row in rows:
        if row["outcome"] == "update":
            item = found.get(row["activity_id"])
            if item is None or item.lock_version != row["lock_version"]:
                raise Changed()
    return found


def confirm(batch, user, all_or_nothing=False):
    """Write the valid rows of the preview, all in one transaction; returns how many.

    New rows become activities submitted for review; updates of a published activity become
    its proposal, of an unpublished one its content; all join the batch in the moderation
    queue, and each is audited. ``all_or_nothing`` with any error row writes nothing
    (``HasErrors``).
    """
    _check(user, batch)
    rows = batch.preview["rows"]
    if all_or_nothing and batch.summary.get("error"):
        raise HasErrors(batch.summary["error"])
    new_rows = [r for r in rows if r["outcome"] == "new"]
    update_rows = [r for r in rows if r["outcome"] == "update"]
    reason = f"import {batch.id}"
    try:
        existing = _load_existing(update_rows)
        sectors = {s.code: s for s in db.session.scalars(db.select(Sector))}
        areas = {a.code: a for a in db.session.scalars(db.select(Area))}
        now = utcnow()
        events = []
        new_ids = _insert_new(batch, user, new_rows, sectors, areas, now)
        for item_id, row in zip(new_ids, new_rows):
            events += [{"action": "activity.created", "kind": "activity", "object_id": item_id,
                        "after": row["content"], "reason": reason},
                       {"action": "activity.submitted", "kind": "activity", "object_id": item_id,
                        "before": {"state": DRAFT}, "after": {"state": SUBMITTED}, "reason": reason}]
        reindexed = []
        with db.session.no_autoflush:
            for row in update_rows:
                item = existing[row["activity_id"]]
                before, state = item.proposal or snapshot(item), item.review_state
                if item.is_published:
                    item.proposal = row["content"]
                else:
                    _apply(item, row["content"], sectors, areas)
                    reindexed.append(item)
                if row["ref"]:
                    item.org_ref = row["ref"]
                item.review_state = SUBMITTED
                item.submitted_at = now
                item.submitted_by_id = user.id
                item.import_batch_id = batch.id
                events += [{"action": "activity.updated", "kind": "activity", "object_id": item.id,
                            "before": before, "after": row["content"], "reason": reason},
                           {"action": "activity.submitted", "kind": "activity", "object_id": item.id,
                            "before": {"state": state}, "after": {"state": SUBMITTED},
                            "reason": reason}]
        db.session.flush()
        _index([(i, r["content"]) for i, r in zip(new_ids, new_rows)]
               + [(item.id, snapshot(item)) for item in reindexed])
        audit.record_many(user, events, insert=bulk.insert)
        saved = len(new_rows) + len(update_rows)
        batch.confirmed_at = now
        batch.summary = dict(batch.summary, saved=saved)
        batch.preview = None
        audit.record("activity.imported", actor=user, obj=batch,
                     after={"org_id": batch.org_id, **batch.summary})
        db.session.commit()
    except (IntegrityError, StaleDataError, KeyError):
        # KeyError: a sector or area of the preview was removed from the reference data.
        db.session.rollback()
        raise Changed() from None
    except Changed:
        db.session.rollback()
        raise
    log.info("import %s confirmed by %s: %s activities", batch.id, user.email, saved)
    return saved


def _insert_new(batch, user, rows, sectors, areas, now):
    """The new activities, their sectors and areas: a few multi-row INSERTs; their ids."""
    if not rows:
        return []
    values = []
    for row in rows:
        content = row["content"]
        record = {name: content.get(name) for name in PLAIN_FIELDS}
        record.update(
            org_id=batch.org_id, created_by_id=user.id, created_at=now, updated_at=now,
            org_ref=row["ref"] or None, import_batch_id=batch.id,
            primary_sector_id=sectors[content["primary_sector"]].id,
            start_date=date.fromisoformat(content["start_date"]),
            end_date=date.fromisoformat(content["end_date"]) if content.get("end_date") else None,
            review_state=SUBMITTED, is_published=False, proposal=None, review_note="",
            submitted_at=now, submitted_by_id=user.id, decided_at=None, decided_by_id=None,
            lock_version=1)
        values.append(record)
    ids = bulk.new_ids(Activity.__table__, len(values))
    if ids is not None:  # PostgreSQL: the keys first, then one COPY
        for record, item_id in zip(values, ids):
            record["id"] = item_id
        bulk.insert(Activity.__table__, values)
    else:
        ids = []
        for start in range(0, len(values), 1000):
            ids += db.session.scalars(
                db.insert(Activity).returning(Activity.id, sort_by_parameter_order=True),
                values[start:start + 1000]).all()
    sector_links, area_links = [], []
    for item_id, row in zip(ids, rows):
        content = row["content"]
        codes = set(content.get("sectors") or []) | {content["primary_sector"]}
        sector_links += [{"activity_id": item_id, "sector_id": sectors[c].id} for c in codes if c in sectors]
        area_links += [{"activity_id": item_id, "area_id": areas[c].id}
                       for c in content.get("areas") or [] if c in areas]
    bulk.insert(activity_sector, sector_links)
    bulk.insert(activity_area, area_links)
    return ids


def _index(items):
    """The search words of unpublished activities ((id, content) pairs), replaced at once."""
    ids = [item_id for item_id, _content in items]
    for start in range(0, len(ids), 500):
        db.session.execute(db.delete(SearchTerm).where(SearchTerm.kind == "activity",
                                                       SearchTerm.object_id.in_(ids[start:start + 500])))
    terms = [{"kind": "activity", "object_id": item_id, "term": term}
             for item_id, content in items
             for term in words(" ".join(content.get(k) or "" for k in (
                 "title_ar", "title_en", "description_ar", "description_en")))]
    bulk.insert(SearchTerm.__table__, terms)
