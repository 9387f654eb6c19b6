"""Monthly progress of an activity: people reached in one month, reported by its organisation.

A report passes the moderation queue like every member submission (see
:mod:`portal.models.moderation`): its own columns hold the approved figures others see, and a
correction waits in ``proposal`` until the secretariat approves it. ``org_id`` repeats the
activity's organisation so that the queue filters every kind by organisation the same way.
"""
from ..extensions import db
from .base import utcnow
from .moderation import Moderated

PARTS_SUM = "coalesce(reached_women, 0) + coalesce(reached_men, 0) + coalesce(reached_girls, 0) " \
            "+ coalesce(reached_boys, 0)"


class ActivityProgress(Moderated, db.Model):
    __tablename__ = "activity_progress"

    id = db.Column(db.Integer, primary_key=True)
    activity_id = db.Column(db.ForeignKey("activity.id", ondelete="CASCADE"), nullable=False)
    org_id = db.Column(db.ForeignKey("organisation.id"), nullable=False, index=True)
    month = db.Column(db.Date, nullable=False)  # the first day of the month reported
    reached_total = db.Column(db.Integer, nullable=False)
    reached_women = db.Column(db.Integer)
    reached_men = db.Column(db.Integer)
    reached_girls = db.Column(db.Integer)
    reached_boys = db.Column(db.Integer)
    note = db.Column(db.String(500), nullable=False, default="")
    created_by_id = db.Column(db.ForeignKey("user_account.id"))
    created_at = db.Column(db.DateTime(timezone=True), nullable=False, default=utcnow)
    updated_at = db.Column(db.DateTime(timezone=True), nullable=False, default=utcnow,
                           onupdate=utcnow)

    activity = db.relationship("Activity")
    org = db.relationship("Organisation")
    created_by = db.relationship("User", foreign_keys=[created_by_id])

    __table_args__ = (
        # One report a month and activity; also the index "reached" sums walk.
        db.UniqueConstraint("activity_id", "month", name="uq_activity_progress_month"),
        db.CheckConstraint("reached_total >= 0 and coalesce(reached_women, 0) >= 0 and "
                           "coalesce(reached_men, 0) >= 0 and coalesce(reached_girls, 0) >= 0 and "
                           "coalesce(reached_boys, 0) >= 0", name="people_positive"),
        db.CheckConstraint(f"{PARTS_SUM} <= reached_total", name="parts_within_total"),
    )

    def __repr__(self):
        return f"<ActivityProgress {self.id} {self.activity_id} {self.month} {self.review_state}>"
