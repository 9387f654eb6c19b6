"""Public pages (Markdown per language) and their revision history."""
from ..extensions import db
from .base import Bilingual, utcnow


class Page(Bilingual, db.Model):
    __tablename__ = "page"

    id = db.Column(db.Integer, primary_key=True)
    slug = db.Column(db.String(64), unique=True, nullable=False)
    title_ar = db.Column(db.String(200), nullable=False)
    title_en = db.Column(db.String(200), nullable=False)
    body_ar = db.Column(db.Text, nullable=False, default="")
    body_en = db.Column(db.Text, nullable=False, default="")
    updated_at = db.Column(db.DateTime(timezone=True), nullable=False, default=utcnow)
    updated_by_id = db.Column(db.ForeignKey("user_account.id"))

    updated_by = db.relationship("User")
    revisions = db.relationship(
        "PageRevision", back_populates="page", order_by="PageRevision.id.desc()", lazy="dynamic"
    )


class PageRevision(db.Model):
    """A saved state of a page: every edit and every restore adds one."""

    __tablename__ = "page_revision"

    id = db.Column(db.Integer, primary_key=True)
    page_id = db.Column(db.ForeignKey("page.id", ondelete="CASCADE"), nullable=False, index=True)
    title_ar = db.Column(db.String(200), nullable=False)
    title_en = db.Column(db.String(200), nullable=False)
    body_ar = db.Column(db.Text, nullable=False, default="")
    body_en = db.Column(db.Text, nullable=False, default="")
    author_id = db.Column(db.ForeignKey("user_account.id"))
    created_at = db.Column(db.DateTime(timezone=True), nullable=False, default=utcnow)
    restored_from_id = db.Column(db.ForeignKey("page_revision.id"))

    page = db.relationship("Page", back_populates="revisions")
    author = db.relationship("User")
