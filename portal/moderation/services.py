"""Submitting and deciding: the lifecycle shared by every moderated kind.

draft → submitted → approved | rejected (with a reason) | changes requested (with a comment);
the author edits and resubmits. Each decision is audited and mailed to the submitter in the
same transaction. Two moderators acting on the same item: the second gets ``Conflict``.
"""
from functools import wraps

from flask_babel import lazy_gettext as _l
from sqlalchemy.orm.exc import StaleDataError

from .. import audit, mail, pagecache
from ..extensions import db
from ..models import utcnow
from ..models.moderation import (APPROVED, ARCHIVED, CHANGES_REQUESTED, DRAFT, REJECTED,
                                 SUBMITTED)
from .registry import kind_of

DECISIONS = {"approve": APPROVED, "reject": REJECTED, "request_changes": CHANGES_REQUESTED}
DECISION_LABELS = {
    APPROVED: _l("approved"),
    REJECTED: _l("rejected"),
    CHANGES_REQUESTED: _l("returned for changes"),
}
SUBMITTABLE = (DRAFT, CHANGES_REQUESTED, REJECTED, APPROVED)


class Conflict(Exception):
    """Someone else decided on (or changed) the item first."""


def guarded(service):
    """A row changed by someone else since it was read (its lock version moved on) becomes
    ``Conflict``, with nothing written."""

    @wraps(service)
    def wrapper(*args, **kwargs):
        try:
            return service(*args, **kwargs)
        except StaleDataError:
            db.session.rollback()
            raise Conflict() from None

    return wrapper


class ReasonRequired(ValueError):
    pass


class NotSubmittable(ValueError):
    pass


def submit(item, user):
    """Send an item (or its pending edit) to the secretariat's queue."""
    if item.review_state not in SUBMITTABLE or (item.review_state == APPROVED and item.proposal is None):
        raise NotSubmittable(item.review_state)
    kind = kind_of(item)
    before = item.review_state
    item.review_state = SUBMITTED
    item.submitted_at = utcnow()
    item.submitted_by_id = user.id
    audit.record(f"{kind.name}.submitted", actor=user, obj=item,
                 before={"state": before}, after={"state": SUBMITTED})
    db.session.commit()


def decide(item, moderator, decision, reason="", seen_version=None):
    """Approve, reject or request changes. A reason is required to reject or request changes."""
    try:
        _decide(item, moderator, decision, reason, seen_version)
        db.session.commit()
    except StaleDataError:
        db.session.rollback()
        raise Conflict() from None
    pagecache.forget()


def approve_many(items, moderator):
    """Approve several items awaiting review at once (a selection, or an import batch): each
    decision audited on its own, as ``decide`` does, all in one transaction; each author
    gets one mail for all of theirs. Any item decided on meanwhile: nothing is approved
    (``Conflict``). Returns how many were approved."""
    authors = {}
    try:
        for item in items:
            _decide(item, moderator, "approve", notify=False)
            author = item.submitted_by
            if author is not None and author.active:
                authors.setdefault(author.id, (author, []))[1].append(item)
        for author, approved in authors.values():
            mail.queue(author.email, "moderation_batch", locale=author.locale or "ar",
                       kind="moderation.batch_approved", count=len(approved),
                       titles=[_title(kind_of(i), i, author.locale or "ar") for i in approved[:20]])
        db.session.commit()
    except (Conflict, StaleDataError):
        db.session.rollback()
        raise Conflict() from None
    pagecache.forget()
    return len(items)


def _decide(item, moderator, decision, reason="", seen_version=None, notify=True):
    """One decision, audited (and mailed), flushed but not committed."""
    new_state = DECISIONS[decision]
    reason = (reason or "").strip()
    if new_state != APPROVED and not reason:
        raise ReasonRequired()
    if item.review_state != SUBMITTED or (seen_version is not None and item.lock_version != seen_version):
        raise Conflict()
    kind = kind_of(item)
    # No flush before the end: the version check of the UPDATE must be the one that fails.
    with db.session.no_autoflush:
        before = {"state": item.review_state, "published": item.is_published}
        author = item.submitted_by
        if new_state == APPROVED:
            if item.proposal is not None:
                kind.apply_proposal(item, item.proposal)
                item.proposal = None
            item.is_published = True
        item.review_state = new_state
        item.review_note = reason
        item.decided_at = utcnow()
        item.decided_by_id = moderator.id
        audit.record(f"{kind.name}.{new_state}", actor=moderator, obj=item, before=before,
                     after={"state": new_state, "published": item.is_published}, reason=reason)
        if notify and author is not None and author.active:
            locale = author.locale or "ar"
            mail.queue(author.email, "moderation_decision", locale=locale,
                       kind=f"{kind.name}.{new_state}", item=item, kind_label=kind.label,
                       title=_title(kind, item, locale), state=new_state,
                       state_label=DECISION_LABELS[new_state], reason=reason,
                       endpoint=kind.endpoint)
    db.session.flush()
    if new_state == APPROVED and kind.after_publish:
        kind.after_publish(item)


def archive(item, user):
    """Withdraw an item from every list; its organisation and the secretariat still see it."""
    kind = kind_of(item)
    before = item.review_state
    item.review_state = ARCHIVED
    audit.record(f"{kind.name}.archived", actor=user, obj=item, before={"state": before},
                 after={"state": ARCHIVED})
    db.session.commit()
    pagecache.forget()


def _title(kind, item, locale="ar"):
    """The item's title in the recipient's language, or in the other one when that is empty."""
    content = kind.proposed(item)
    other = "en" if locale == "ar" else "ar"
    return content.get(f"title_{locale}") or content.get(f"title_{other}") or str(item.id)
