"""Writing activities: drafts, edits, submission and archiving, each audited and committed in
one transaction. Review decisions belong to ``portal.moderation.services``.

An activity never published keeps its draft in its own columns. Once published, an edit is
held whole in ``proposal`` and the columns (what others see) change only when the
secretariat approves it.
"""
import logging


from .. import audit, pagecache
from ..extensions import db
from ..models import Activity
from ..models.moderation import APPROVED, ARCHIVED, DRAFT, SUBMITTED
from ..moderation import services as moderation
from ..moderation.services import Conflict, guarded  # noqa: F401  (Conflict: raised to the views)
from .kind import apply_proposal, reindex, snapshot

log = logging.getLogger("portal.activities")

NotSubmittable = moderation.NotSubmittable


class NotAllowed(Exception):
    """The user may not write this activity (not staff of its organisation)."""


class Archived(Exception):
    """An archived activity is kept as it is."""


def _check(user, item=None):
    if not (user.is_authenticated and user.role == "member" and user.org_id):
        raise NotAllowed()
    if item is not None and item.org_id != user.org_id:
        raise NotAllowed()


def _commit(item, user, submit):
    """Submit (which commits the whole change) or just commit."""
    if submit and item.review_state != SUBMITTED:
        moderation.submit(item, user)
    else:
        db.session.commit()


@guarded
def create(user, content, submit=False):
    """Save a new activity of the user's organisation as a draft, or submit it at once."""
    _check(user)
    item = Activity(org_id=user.org_id, created_by_id=user.id, review_state=DRAFT,
                    is_published=False)
    apply_proposal(item, content)
    db.session.add(item)
    db.session.flush()
    reindex(item)
    audit.record("activity.created", actor=user, obj=item, after=content)
    _commit(item, user, submit)
    log.info("activity %s created by %s", item.id, user.email)
    return item


@guarded
def update(item, user, content, submit=False, seen_version=None):
    """Save an edit (as a draft, or submitted for review).

    Never published: the columns change (and the search words). Published: the edit is kept
    as the proposal, and the published version stays what others see until it is approved.
    Returns False when a published activity was saved unchanged (nothing to review).
    """
    _check(user, item)
    if item.review_state == ARCHIVED:
        raise Archived()
    if seen_version is not None and seen_version != item.lock_version:
        raise Conflict()
    changed = True
    if item.is_published:
        before = item.proposal or snapshot(item)
        if content == snapshot(item):  # back to the published version: nothing to review
            item.proposal, item.review_state, changed, submit = None, APPROVED, False, False
        else:
            item.proposal = content
            if item.review_state == APPROVED:
                item.review_state = DRAFT
    else:
        before = snapshot(item)
        apply_proposal(item, content)
        reindex(item)
    if item.review_state == SUBMITTED and not submit:
        item.review_state = DRAFT  # taken back from the queue while being changed
    if before != content:
        audit.record("activity.updated", actor=user, obj=item, before=before, after=content)
    _commit(item, user, submit)
    return changed


@guarded
def submit(item, user):
    """Send a draft, or a published activity's pending edit, to the secretariat."""
    _check(user, item)
    moderation.submit(item, user)


@guarded
def archive(item, user):
    """Withdraw the activity from every list; its organisation and the secretariat keep it."""
    _check(user, item)
    if item.review_state == ARCHIVED:
        raise Archived()
    moderation.archive(item, user)
    pagecache.forget()
