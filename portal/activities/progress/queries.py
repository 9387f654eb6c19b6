"""What the progress pages read: an activity's reports (all of them for its organisation and
the secretariat, the approved ones for everyone else), one report, and the approved ones the
activity's page shows; what the organisation's dashboard points at."""
from datetime import date

from sqlalchemy import or_
from sqlalchemy.orm import joinedload

from ...extensions import db
from ...models import Activity, ActivityProgress
from ...models.moderation import CHANGES_REQUESTED, REJECTED
from ...visibility import published

MAX_ID = 2**31 - 1


def reports(activity_id, everything=False):
    """The activity's reports, the latest month first; only the approved ones unless
    ``everything`` (its organisation and the secretariat)."""
    query = db.select(ActivityProgress).where(ActivityProgress.activity_id == activity_id)
    if not everything:
        query = query.where(published(ActivityProgress))
    return db.session.scalars(query.order_by(ActivityProgress.month.desc())).all()


def approved(activity_id):
    """The approved reports, as others see them (the approved figures, not a pending correction)."""
    return reports(activity_id)


def get(report_id):
    """One report with its activity, or None."""
    if not 0 < report_id <= MAX_ID:
        return None
    return db.session.scalar(db.select(ActivityProgress).where(ActivityProgress.id == report_id)
                             .options(joinedload(ActivityProgress.activity)))


def sent_back(org_id, limit):
    """The organisation's reports returned for changes or not approved, the latest month first
    (one query, with their activities)."""
    return db.session.scalars(
        db.select(ActivityProgress).options(joinedload(ActivityProgress.activity))
        .where(ActivityProgress.org_id == org_id,
               ActivityProgress.review_state.in_((CHANGES_REQUESTED, REJECTED)))
        .order_by(ActivityProgress.month.desc(), ActivityProgress.id.desc()).limit(limit)).all()


def unreported(org_id, month, limit):
    """The organisation's published activities that ran during ``month`` (a first of the month)
    and have no report for it, in any state (one query)."""
    month_end = date(month.year + month.month // 12, month.month % 12 + 1, 1)
    reported = db.exists().where(ActivityProgress.activity_id == Activity.id,
                                 ActivityProgress.month == month)
    return db.session.scalars(
        db.select(Activity).where(Activity.org_id == org_id, published(Activity),
                                  Activity.start_date < month_end,
                                  or_(Activity.end_date.is_(None), Activity.end_date >= month),
                                  ~reported)
        .order_by(Activity.start_date.desc(), Activity.id.desc()).limit(limit)).all()
