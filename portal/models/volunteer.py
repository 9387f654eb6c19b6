"""Volunteer applications: personal data, kept for the secretariat only."""
from ..extensions import db
from .base import utcnow


class VolunteerApplication(db.Model):
    __tablename__ = "volunteer_application"

    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(200), nullable=False)
    email = db.Column(db.String(254), nullable=False, default="")
    phone = db.Column(db.String(40), nullable=False, default="")
    city = db.Column(db.String(120), nullable=False, default="")
    skills = db.Column(db.Text, nullable=False, default="")
    availability = db.Column(db.String(200), nullable=False, default="")
    hours_per_week = db.Column(db.Integer)
    message = db.Column(db.Text, nullable=False, default="")
    locale = db.Column(db.String(8), nullable=False, default="ar")
    consent_at = db.Column(db.DateTime(timezone=True), nullable=False)
    created_at = db.Column(db.DateTime(timezone=True), nullable=False, default=utcnow, index=True)
    handled_at = db.Column(db.DateTime(timezone=True))
    handled_by_id = db.Column(db.ForeignKey("user_account.id"))

    handled_by = db.relationship("User")
