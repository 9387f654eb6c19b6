"""What the progress pages read: an activity's reports (all of them for its organisation and
the secretariat, the approved ones for everyone else), one report, and the approved ones the
activity's page shows."""
from sqlalchemy.orm import joinedload

from ...extensions import db
from ...models import ActivityProgress
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
