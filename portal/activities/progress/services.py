"""Writing progress reports: a new month, and corrections, each audited and sent to the
secretariat's queue in one transaction. Review decisions belong to
``portal.moderation.services``.

A report never approved keeps its figures in its own columns. Once approved, a correction is
held whole in ``proposal``: the approved figures stay what others see until the secretariat
approves the correction.
"""
import logging

from sqlalchemy.exc import IntegrityError

from ... import audit
from ...extensions import db
from ...models import ActivityProgress
from ...models.moderation import APPROVED, ARCHIVED, DRAFT, SUBMITTED
from ...moderation import services as moderation
from ...moderation.services import Conflict, guarded  # noqa: F401  (Conflict: raised to the views)
from ...visibility import may_edit
from .kind import EDITED_KEYS, apply_proposal, snapshot
from .rules import is_published, month_problem, month_start

log = logging.getLogger("portal.activities")


class NotAllowed(Exception):
    """The user may not report for this activity (not staff of its organisation)."""


class NotOpen(Exception):
    """Progress is reported for published activities only (not drafts, not archived ones)."""


class BadMonth(ValueError):
    """A month that cannot be reported (``message`` says why)."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


class MonthTaken(Exception):
    """This month is already reported: ``existing`` is the report to correct instead."""

    def __init__(self, existing):
        super().__init__(existing.id)
        self.existing = existing


def _check(user, activity):
    if not may_edit(activity, user):
        raise NotAllowed()
    if not is_published(activity) or activity.review_state == ARCHIVED:
        raise NotOpen()


def report_for(activity_id, month):
    """The activity's report for ``month``, or None."""
    return db.session.scalar(db.select(ActivityProgress).where(
        ActivityProgress.activity_id == activity_id, ActivityProgress.month == month_start(month)))


def create(activity, user, month, figures):
    """Report a month of a published activity of the user's organisation and send it to the
    secretariat. ``figures``: the reached_* numbers and the note."""
    _check(user, activity)
    month = month_start(month)
    problem = month_problem(activity, month)
    if problem:
        raise BadMonth(problem)
    existing = report_for(activity.id, month)
    if existing is not None:
        raise MonthTaken(existing)
    report = ActivityProgress(activity=activity, org_id=activity.org_id, month=month,
                              created_by_id=user.id, review_state=DRAFT, is_published=False)
    apply_proposal(report, figures)
    db.session.add(report)
    try:
        db.session.flush()
    except IntegrityError:  # the same month, sent at the same moment by a colleague
        db.session.rollback()
        raise MonthTaken(report_for(activity.id, month)) from None
    audit.record("progress.created", actor=user, obj=report, after=snapshot(report))
    moderation.submit(report, user)  # commits
    log.info("progress %s of activity %s created by %s", report.id, activity.id, user.email)
    return report


@guarded
def update(report, user, figures, seen_version=None):
    """Correct a report; the correction goes to the secretariat.

    Never approved: the columns change. Approved: the correction is kept as the proposal and
    the approved figures stay what others see until it is approved. Returns False when an
    approved report was saved unchanged (nothing to review).
    """
    _check(user, report.activity)
    if seen_version is not None and seen_version != report.lock_version:
        raise Conflict()
    current = snapshot(report)
    content = dict(current, **{k: figures[k] for k in EDITED_KEYS if k in figures})
    before = report.proposal or current
    if report.is_published:
        if content == current:  # back to the approved figures: nothing to review
            if report.proposal is None:
                db.session.rollback()
                return False
            report.proposal, report.review_state = None, APPROVED
            audit.record("progress.updated", actor=user, obj=report, before=before, after=content)
            db.session.commit()
            return False
        report.proposal = content
    else:
        apply_proposal(report, content)
    if before != content:
        audit.record("progress.updated", actor=user, obj=report, before=before, after=content)
    if report.review_state == SUBMITTED:
        db.session.commit()  # stays in the queue, with the change (its version moved on)
    else:
        moderation.submit(report, user)
    return True
