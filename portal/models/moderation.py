"""The moderation mechanism shared by every kind of member submission (activities, resources...).

A moderated row keeps in its own columns the version others see once it has been approved
(``is_published``). An edit to a published item is held in ``proposal`` (the whole proposed
content) until the secretariat approves it; until then the last approved version stays what
others see. ``lock_version`` guards against two moderators deciding on the same item at once.
"""
from sqlalchemy.orm import declared_attr

from ..extensions import db
from .base import utcnow

DRAFT = "draft"
SUBMITTED = "submitted"
CHANGES_REQUESTED = "changes_requested"
APPROVED = "approved"
REJECTED = "rejected"
ARCHIVED = "archived"
REVIEW_STATES = (DRAFT, SUBMITTED, CHANGES_REQUESTED, APPROVED, REJECTED, ARCHIVED)

VISIBILITY_PUBLIC = "public"
VISIBILITY_MEMBERS = "members"


class Moderated:
    """Columns and helpers for a row that passes the moderation queue."""

    review_state = db.Column(db.String(20), nullable=False, default=DRAFT, index=True)
    is_published = db.Column(db.Boolean, nullable=False, default=False, index=True)
    proposal = db.Column(db.JSON)
    review_note = db.Column(db.Text, nullable=False, default="")
    submitted_at = db.Column(db.DateTime(timezone=True), index=True)
    decided_at = db.Column(db.DateTime(timezone=True))
    lock_version = db.Column(db.Integer, nullable=False, default=1)

    @declared_attr
    def submitted_by_id(cls):
        return db.Column(db.ForeignKey("user_account.id"))

    @declared_attr
    def decided_by_id(cls):
        return db.Column(db.ForeignKey("user_account.id"))

    @declared_attr
    def submitted_by(cls):
        return db.relationship("User", foreign_keys=[cls.submitted_by_id])

    @declared_attr
    def decided_by(cls):
        return db.relationship("User", foreign_keys=[cls.decided_by_id])

    @declared_attr
    def __mapper_args__(cls):
        return {"version_id_col": cls.lock_version}

    @property
    def awaiting_review(self):
        return self.review_state == SUBMITTED

    @property
    def has_pending_edit(self):
        return self.is_published and self.proposal is not None


class OrgSubmission:
    """What every member submission has: its organisation, who created it and when, and a title
    and description in Arabic and English (at least one title; the forms enforce it)."""

    created_at = db.Column(db.DateTime(timezone=True), nullable=False, default=utcnow)
    updated_at = db.Column(db.DateTime(timezone=True), nullable=False, default=utcnow, onupdate=utcnow)
    title_ar = db.Column(db.String(300), nullable=False, default="")
    title_en = db.Column(db.String(300), nullable=False, default="")
    description_ar = db.Column(db.Text, nullable=False, default="")
    description_en = db.Column(db.Text, nullable=False, default="")

    @declared_attr
    def org_id(cls):
        return db.Column(db.ForeignKey("organisation.id"), nullable=False, index=True)

    @declared_attr
    def created_by_id(cls):
        return db.Column(db.ForeignKey("user_account.id"))

    @declared_attr
    def org(cls):
        return db.relationship("Organisation")

    @declared_attr
    def created_by(cls):
        return db.relationship("User", foreign_keys=[cls.created_by_id])
