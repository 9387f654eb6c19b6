"""Helpers shared by the monthly progress tests."""
from datetime import date

from portal.extensions import db
from portal.models import ActivityProgress, utcnow


def add_report(activity, month, total, state="approved", proposal=None, author=None, **parts):
    """A report of ``activity`` for ``month`` (a date or "YYYY-MM") in the given review state,
    written directly (``state="approved"`` as a moderator's approval would leave it)."""
    if isinstance(month, str):
        month = date.fromisoformat(month + "-01")
    report = ActivityProgress(
        activity_id=activity.id, org_id=activity.org_id, month=month, reached_total=total,
        review_state=state, is_published=(state == "approved" or proposal is not None),
        proposal=proposal, submitted_at=utcnow() if state == "submitted" else None,
        submitted_by_id=getattr(author, "id", None), created_by_id=getattr(author, "id", None),
        **{f"reached_{k}": v for k, v in parts.items()})
    db.session.add(report)
    db.session.commit()
    return report


def month_shift(day, months):
    """The first day of the month ``months`` after (or before) the month of ``day``."""
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)
