"""Writing resources: sharing, editing, new versions, submission and withdrawal, each audited
and committed in one transaction. Review decisions belong to ``portal.moderation.services``.

A resource never published keeps its draft in its own columns. Once published, an edit or a
new version is held whole in ``proposal`` until the secretariat approves it; until then others
keep seeing (and downloading) the approved version.

Secretariat-only resources skip the queue: only the secretariat and the organisation ever see
them, so "submit" shares them at once (the secretariat is told by email), and an edit that
leaves a resource secretariat-only applies at once. Widening the audience of a published one
to members or the public is an edit like any other, reviewed before it applies.

A stored file whose transaction fails is deleted again: no file without its row.
"""
import logging

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import StaleDataError

from .. import audit, mail, pagecache
from ..extensions import db
from ..models import Resource, ResourceVersion, utcnow
from ..models.moderation import APPROVED, ARCHIVED, DRAFT, SUBMITTED
from ..models.resource import VISIBILITY_SECRETARIAT
from ..moderation import services as moderation
from . import queries
from .kind import apply_proposal, effective, reindex, snapshot
from .storage import get_storage

log = logging.getLogger("portal.resources")

NotSubmittable = moderation.NotSubmittable


class NotAllowed(Exception):
    """The user may not write this resource (not staff of its organisation)."""


class Conflict(Exception):
    """Someone changed the resource since the form was opened."""


class Withdrawn(Exception):
    """A withdrawn resource is kept as it is."""


class ConfirmationRequired(ValueError):
    """A public file needs the "no personal data" confirmation."""


class Duplicate(Exception):
    """The organisation has already shared this very file (``version``, not withdrawn)."""

    def __init__(self, version):
        super().__init__(version.resource_id)
        self.version = version


def _check(user, item=None):
    if not (user.is_authenticated and user.role == "member" and user.org_id):
        raise NotAllowed()
    if item is not None and item.org_id != user.org_id:
        raise NotAllowed()


def _refuse_duplicate(user, upload):
    existing = queries.duplicate_of(user.org_id, upload.sha256)
    if existing is not None:
        raise Duplicate(existing)


def _store(item, user, upload, number):
    """Save the file and add its version row; returns the storage key."""
    key = get_storage().save(upload.stream)
    db.session.add(ResourceVersion(
        resource=item, number=number, storage_key=key, original_name=upload.name,
        file_type=upload.file_type.code, mime_type=upload.file_type.mime, size=upload.size,
        sha256=upload.sha256, uploaded_by_id=user.id, released=False))
    return key


def _file_info(upload, number):
    return {"file_version": number, "file_name": upload.name, "file_size": upload.size,
            "file_type": upload.file_type.code, "sha256": upload.sha256}


def _secretariat_only(content):
    return content.get("visibility") == VISIBILITY_SECRETARIAT


def _share_with_secretariat(item, user):
    """Secretariat-only: shared at once, no review; the secretariat is told by email."""
    before = item.review_state
    if item.proposal is not None:
        apply_proposal(item, item.proposal)
        item.proposal = None
    item.review_state, item.is_published = APPROVED, True
    item.submitted_at, item.submitted_by_id = utcnow(), user.id
    reindex(item)
    audit.record("resource.shared_with_secretariat", actor=user, obj=item,
                 before={"state": before}, after={"state": APPROVED})
    for recipient in queries.secretariat_recipients():
        mail.queue(recipient.email, "resource_shared_with_secretariat", locale=recipient.locale or "ar",
                   kind="resource.shared_with_secretariat", item=item, reader=recipient, sender=user)


def _send(item, user):
    """Submit to the queue (which commits), or share with the secretariat and commit."""
    if not _secretariat_only(effective(item)):
        moderation.submit(item, user)
        return
    if item.review_state == ARCHIVED or (item.review_state == APPROVED and item.proposal is None):
        raise NotSubmittable(item.review_state)
    _share_with_secretariat(item, user)
    db.session.commit()


def _finish(item, user, submit, key=None):
    """Submit or commit. On failure the stored file is deleted; a concurrent change is
    ``Conflict``."""
    try:
        if submit and (item.review_state != SUBMITTED or _secretariat_only(effective(item))):
            _send(item, user)
        else:
            db.session.commit()
        if item.is_published:
            pagecache.forget()  # this worker shows the change at once
    except (StaleDataError, IntegrityError):
        db.session.rollback()
        _forget(key)
        raise Conflict() from None
    except BaseException:
        db.session.rollback()
        _forget(key)
        raise


def _forget(key):
    if key:
        get_storage().delete(key)


def create(user, content, upload=None, submit=False):
    """Share a file (``upload``, checked) or a link of the user's organisation: saved as a
    draft, or submitted (secretariat-only: shared) at once. ``Duplicate`` when the
    organisation has already shared this very file."""
    _check(user)
    if upload is None and not content.get("link_url"):
        raise ValueError("a resource is a file or a link")
    if upload is not None:
        _refuse_duplicate(user, upload)
        content = dict(content, link_url="")
    if content.get("visibility") == "public" and upload is not None and not content.get("no_personal_data"):
        raise ConfirmationRequired()
    item = Resource(org_id=user.org_id, created_by_id=user.id, review_state=DRAFT, is_published=False)
    content = dict(content, file_version=1 if upload else 0, file_name=upload.name if upload else "")
    apply_proposal(item, content)
    db.session.add(item)
    key = None
    try:
        db.session.flush()
        key = _store(item, user, upload, 1) if upload is not None else None
        reindex(item)
        audit.record("resource.created", actor=user, obj=item,
                     after=dict(content, **(_file_info(upload, 1) if upload else {})))
    except BaseException:
        db.session.rollback()
        _forget(key)
        raise
    _finish(item, user, submit, key)
    log.info("resource %s created by %s", item.id, user.email)
    return item


def update(item, user, content, submit=False, seen_version=None):
    """Save an edit (as a draft, or submitted for review).

    Never published, or secretariat-only afterwards: the columns change (and the search
    words). Published and still for members or the public: the edit is kept as the proposal,
    and the published version stays what others see until it is approved. Returns False when a
    published resource was saved unchanged (nothing to review).
    """
    _check(user, item)
    if item.review_state == ARCHIVED:
        raise Withdrawn()
    if seen_version is not None and seen_version != item.lock_version:
        raise Conflict()
    before = effective(item)
    content = dict(content, file_version=before["file_version"], file_name=before["file_name"])
    if not item.is_link:
        content["link_url"] = ""
    if content["visibility"] == "public" and not item.is_link and not content.get("no_personal_data"):
        raise ConfirmationRequired()
    changed = True
    if _secretariat_only(content) and item.is_published:
        item.proposal = None  # fewer readers: applies at once, no review needed
        apply_proposal(item, content)
        reindex(item)
        item.review_state, submit = APPROVED, False
    elif item.is_published:
        if content == snapshot(item):  # back to the published version: nothing to review
            item.proposal, item.review_state, changed, submit = None, APPROVED, False, False
        else:
            item.proposal = content
            if item.review_state == APPROVED:
                item.review_state = DRAFT
    else:
        apply_proposal(item, content)
        reindex(item)
    if item.review_state == SUBMITTED and not submit:
        item.review_state = DRAFT  # taken back from the queue while being changed
    if before != content:
        audit.record("resource.updated", actor=user, obj=item, before=before, after=content)
    _finish(item, user, submit)
    return changed


def add_version(item, user, upload, no_personal_data=False):
    """Upload a new file for the resource. Never published, or secretariat-only: it becomes
    the current file at once. Published for members or the public: it is submitted for review
    with any pending edit, and others keep downloading the approved file until then."""
    _check(user, item)
    if item.review_state == ARCHIVED:
        raise Withdrawn()
    if item.is_link:
        raise NotAllowed()
    current = effective(item)
    if current["visibility"] == "public" and not no_personal_data:
        raise ConfirmationRequired()
    _refuse_duplicate(user, upload)
    number = max((v.number for v in item.versions), default=0) + 1
    content = dict(current, file_version=number, file_name=upload.name,
                   no_personal_data=bool(no_personal_data))
    review = item.is_published and not _secretariat_only(content)
    key = None
    try:
        key = _store(item, user, upload, number)
        if review:
            item.proposal = content
        else:
            apply_proposal(item, content)
        audit.record("resource.version_added", actor=user, obj=item,
                     before={"file_version": current["file_version"]}, after=_file_info(upload, number))
    except BaseException:
        db.session.rollback()
        _forget(key)
        raise
    _finish(item, user, review, key)
    log.info("resource %s: version %s uploaded by %s", item.id, number, user.email)
    return number


def submit(item, user):
    """Send a draft, or a published resource's pending edit, to the secretariat (a
    secretariat-only one is shared at once)."""
    _check(user, item)
    try:
        _send(item, user)
    except StaleDataError:
        db.session.rollback()
        raise Conflict() from None


def withdraw(item, user):
    """Withdraw the resource from every list and download; its organisation and the secretariat
    keep it."""
    _check(user, item)
    if item.review_state == ARCHIVED:
        raise Withdrawn()
    try:
        moderation.archive(item, user)
    except StaleDataError:
        db.session.rollback()
        raise Conflict() from None
    pagecache.forget()


def count_download(resource_id):
    """One more download, counted atomically in the database (never lost to a race; the
    moderation lock is left alone)."""
    table = Resource.__table__
    db.session.execute(db.update(table).where(table.c.id == resource_id)
                       .values(downloads=table.c.downloads + 1))
    db.session.commit()
