"""What the secretariat reads: list queries with their relations loaded up front, and counts.

Each list query is one SELECT per page (see ``portal.pagination``) whatever the page size.
"""
from datetime import datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

from flask import abort, current_app
from sqlalchemy import func
from sqlalchemy.orm import joinedload

from ..extensions import db
from ..i18n import language
from ..models import (Area, AuditEvent, Invitation, Organisation, OutboxMail, Page, PageRevision, User,
                      VolunteerApplication, utcnow)


def _or_404(query):
    obj = db.session.scalar(query)
    if obj is None:
        abort(404)
    return obj


def index_counts():
    """Mail waiting in the outbox, applications nobody has handled, and the places loaded by
    kind: one query each."""
    return {
        "pending_mail": db.session.scalar(
            db.select(func.count(OutboxMail.id)).where(OutboxMail.sent_at.is_(None),
                                                       OutboxMail.failed_at.is_(None))) or 0,
        "failed_mail": db.session.scalar(
            db.select(func.count(OutboxMail.id)).where(OutboxMail.sent_at.is_(None),
                                                       OutboxMail.failed_at.is_not(None))) or 0,
        "unhandled_volunteers": db.session.scalar(
            db.select(func.count(VolunteerApplication.id))
            .where(VolunteerApplication.handled_at.is_(None))) or 0,
        "places": dict(db.session.execute(db.select(Area.kind, func.count(Area.id)).group_by(Area.kind)).all()),
    }


# --- organisations and users --------------------------------------------------------------------

def _org_order():
    return Organisation.name_ar if language() == "ar" else Organisation.name_en


def orgs_query():
    """Every organisation, active or not, by name in the reader's language."""
    return db.select(Organisation).order_by(_org_order(), Organisation.id)


def all_orgs(active_only=False):
    query = orgs_query()
    if active_only:
        query = query.where(Organisation.active.is_(True))
    return db.session.scalars(query).all()


def org_or_404(slug):
    return _or_404(db.select(Organisation).where(Organisation.slug == slug))


def user_or_404(user_id):
    return _or_404(db.select(User).options(joinedload(User.org)).where(User.id == user_id))


def users_query(org_slug="", role="", text=""):
    """Accounts, active ones first, filtered by organisation, role and name or email."""
    query = db.select(User).options(joinedload(User.org))
    if org_slug:
        query = query.join(User.org).where(Organisation.slug == org_slug)
    if role == "secretariat":
        query = query.where(User.role == "secretariat")
    elif role == "member":
        query = query.where(User.role == "member")
    elif role == "focal":
        query = query.where(User.role == "member", User.is_org_admin.is_(True))
    if text:
        query = query.where(User.name.icontains(text, autoescape=True)
                            | User.email.icontains(text.lower(), autoescape=True))
    return query.order_by(User.active.desc(), User.name, User.id)


def pending_invitations_query():
    """Invitations not used yet and not expired, those expiring first at the top."""
    return (
        db.select(Invitation)
        .options(joinedload(Invitation.org), joinedload(Invitation.invited_by))
        .where(Invitation.used_at.is_(None), Invitation.expires_at > utcnow())
        .order_by(Invitation.expires_at, Invitation.id)
    )


# --- pages --------------------------------------------------------------------------------------

def pages_query():
    return db.select(Page).options(joinedload(Page.updated_by)).order_by(Page.slug)


def page_or_404(slug):
    return _or_404(db.select(Page).where(Page.slug == slug))


def revisions_query(page):
    """A page's revisions, newest first, with their authors."""
    return (db.select(PageRevision).options(joinedload(PageRevision.author))
            .where(PageRevision.page_id == page.id).order_by(PageRevision.id.desc()))


def revision_or_404(page, revision_id):
    return _or_404(db.select(PageRevision).options(joinedload(PageRevision.author))
                   .where(PageRevision.id == revision_id, PageRevision.page_id == page.id))


# --- volunteers, outbox, audit log --------------------------------------------------------------

def volunteers_query(status=""):
    """Applications, newest first; ``status`` is "handled", "unhandled" or "" for all."""
    query = db.select(VolunteerApplication).options(joinedload(VolunteerApplication.handled_by))
    if status == "handled":
        query = query.where(VolunteerApplication.handled_at.is_not(None))
    elif status == "unhandled":
        query = query.where(VolunteerApplication.handled_at.is_(None))
    return query.order_by(VolunteerApplication.created_at.desc(), VolunteerApplication.id.desc())


def volunteer_or_404(application_id):
    return _or_404(db.select(VolunteerApplication)
                   .options(joinedload(VolunteerApplication.handled_by))
                   .where(VolunteerApplication.id == application_id))


def outbox_query(status=""):
    """Mail, newest first; ``status`` is "pending" (not sent yet, still tried), "failed" (given
    up), "sent" or "" for all."""
    query = db.select(OutboxMail)
    if status == "pending":
        query = query.where(OutboxMail.sent_at.is_(None), OutboxMail.failed_at.is_(None))
    elif status == "failed":
        query = query.where(OutboxMail.sent_at.is_(None), OutboxMail.failed_at.is_not(None))
    elif status == "sent":
        query = query.where(OutboxMail.sent_at.is_not(None))
    return query.order_by(OutboxMail.created_at.desc(), OutboxMail.id.desc())


def mail_or_404(mail_id):
    return _or_404(db.select(OutboxMail).where(OutboxMail.id == mail_id))


def distinct_actions():
    """Every action name in the log, for the filter (one query)."""
    return db.session.scalars(
        db.select(AuditEvent.action).distinct().order_by(AuditEvent.action)).all()


def _day_start(day):
    """Midnight of ``day`` in the portal's display time zone, as UTC."""
    zone = ZoneInfo(current_app.config.get("DISPLAY_TIMEZONE", "UTC"))
    return datetime.combine(day, time.min, zone).astimezone(timezone.utc)


def audit_query(actor="", action="", date_from=None, date_to=None):
    """Audit events, newest first, filtered by actor email, action and days (both inclusive)."""
    query = db.select(AuditEvent)
    if actor:
        query = query.where(AuditEvent.actor_label.icontains(actor, autoescape=True))
    if action:
        query = query.where(AuditEvent.action == action)
    if date_from:
        query = query.where(AuditEvent.created_at >= _day_start(date_from))
    if date_to:
        query = query.where(AuditEvent.created_at < _day_start(date_to + timedelta(days=1)))
    return query.order_by(AuditEvent.created_at.desc(), AuditEvent.id.desc())
