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
from ...models import Activity, Area, ImportBatch, SearchTerm, Sector, utcnow
from ...models.moderation import DRAFT, SUBMITTED
from ...permissions import may_import_activities, may_use_import
from ...text import words
from ..kind import PLAIN_FIELDS, snapshot
from . import checking, reading
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
    queue. ``all_or_nothing`` with any error row writes nothing (``HasErrors``).
    """
    _check(user, batch)
    rows = batch.preview["rows"]
    if all_or_nothing and batch.summary.get("error"):
        raise HasErrors(batch.summary["error"])
    todo = [r for r in rows if r["outcome"] in ("new", "update")]
    try:
        existing = _load_existing(todo)
        sectors = {s.code: s for s in db.session.scalars(db.select(Sector))}
        areas = {a.code: a for a in db.session.scalars(db.select(Area))}
        now = utcnow()
        written = []
        with db.session.no_autoflush:
            for row in todo:
                content = row["content"]
                if row["outcome"] == "new":
                    item = Activity(org_id=batch.org_id, created_by_id=user.id,
                                    org_ref=row["ref"] or None, is_published=False,
                                    review_state=DRAFT)
                    _apply(item, content, sectors, areas)
                    db.session.add(item)
                    before = None
                else:
                    item = existing[row["activity_id"]]
                    before = {"content": item.proposal or snapshot(item), "state": item.review_state}
                    if item.is_published:
                        item.proposal = content
                    else:
                        _apply(item, content, sectors, areas)
                    if row["ref"]:
                        item.org_ref = row["ref"]
                item.review_state = SUBMITTED
                item.submitted_at = now
                item.submitted_by_id = user.id
                item.import_batch_id = batch.id
                written.append((item, row, before))
        db.session.flush()
        _index([item for item, _row, _before in written if not item.is_published])
        for item, row, before in written:
            if before is None:
                audit.record("activity.created", actor=user, obj=item, after=row["content"],
                             reason=f"import {batch.id}")
                state = DRAFT
            else:
                audit.record("activity.updated", actor=user, obj=item, before=before["content"],
                             after=row["content"], reason=f"import {batch.id}")
                state = before["state"]
            audit.record("activity.submitted", actor=user, obj=item, before={"state": state},
                         after={"state": SUBMITTED}, reason=f"import {batch.id}")
        batch.confirmed_at = now
        batch.summary = dict(batch.summary, saved=len(written))
        batch.preview = None
        audit.record("activity.imported", actor=user, obj=batch,
                     after={"org_id": batch.org_id, **batch.summary})
        db.session.commit()
    except (IntegrityError, StaleDataError):
        db.session.rollback()
        raise Changed() from None
    except Changed:
        db.session.rollback()
        raise
    log.info("import %s confirmed by %s: %s activities", batch.id, user.email, len(written))
    return len(written)


def _index(items):
    """The search words of the given (unpublished) activities, replaced in two statements."""
    ids = [item.id for item in items]
    for start in range(0, len(ids), 500):
        db.session.execute(db.delete(SearchTerm).where(SearchTerm.kind == "activity",
                                                       SearchTerm.object_id.in_(ids[start:start + 500])))
    terms = [{"kind": "activity", "object_id": item.id, "term": term} for item in items
             for term in words(" ".join(t for t in (item.title_ar, item.title_en, item.description_ar,
                                                    item.description_en) if t))]
    if terms:
        db.session.execute(db.insert(SearchTerm), terms)
