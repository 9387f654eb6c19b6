"""What the secretariat changes: each service checks the rule, writes, audits and commits.

Users (invite, deactivate, role) are changed through ``portal.members.services``; the
outbox is delivered, and failed mail sent again, by ``portal.mail_delivery``.
"""
import logging

from sqlalchemy.exc import IntegrityError

from .. import audit, pagecache
from ..extensions import db
from ..models import Organisation, PageRevision, User, utcnow

log = logging.getLogger("portal.secretariat")

ORG_FIELDS = ("slug", "name_ar", "name_en", "acronym", "website")
PAGE_FIELDS = ("title_ar", "title_en", "body_ar", "body_en")


class SlugTaken(Exception):
    """Another organisation already has this slug."""


# --- organisations ------------------------------------------------------------------------------

def create_org(actor, data):
    """Add a member organisation (active at once, listed in the public directory)."""
    values = {f: (data.get(f) or "").strip() for f in ORG_FIELDS}
    values["slug"] = values["slug"].lower()
    if db.session.scalar(db.select(Organisation.id).where(Organisation.slug == values["slug"])):
        raise SlugTaken(values["slug"])
    org = Organisation(**values)
    db.session.add(org)
    try:
        db.session.flush()
        audit.record("org.created", actor=actor, obj=org, after=values)
        db.session.commit()
        pagecache.forget()
    except IntegrityError:  # the same slug saved by someone else a moment ago
        db.session.rollback()
        raise SlugTaken(values["slug"]) from None
    log.info("organisation %s created by %s", org.slug, actor.email)
    return org


def set_org_active(actor, org, active):
    """Deactivate an organisation (its staff are logged out everywhere and cannot log in)
    or reactivate it. Returns False when it already was in that state."""
    if org.active == active:
        return False
    org.active = active
    ended = 0
    if not active:
        for user in db.session.scalars(db.select(User).where(User.org_id == org.id)):
            user.rotate_session_token()
            ended += 1
    after = {"active": active}
    if not active:
        after["sessions_ended"] = ended
    audit.record("org.reactivated" if active else "org.deactivated", actor=actor, obj=org,
                 before={"active": not active}, after=after)
    db.session.commit()
    pagecache.forget()
    log.info("organisation %s %s by %s", org.slug, "reactivated" if active else "deactivated",
             actor.email)
    return True


# --- public pages -------------------------------------------------------------------------------

def _clean(text):
    """Text as typed, with browsers' CRLF line ends made LF and outer blank space removed."""
    return (text or "").replace("\r\n", "\n").strip()


def _titles(obj):
    return {"title_ar": obj.title_ar, "title_en": obj.title_en}


def _apply(actor, page, content, restored_from=None):
    """Write ``content`` to the page and add the revision that records it."""
    for f in PAGE_FIELDS:
        setattr(page, f, content[f])
    page.updated_at = utcnow()
    page.updated_by_id = actor.id
    revision = PageRevision(page_id=page.id, author_id=actor.id,
                            restored_from_id=restored_from.id if restored_from else None,
                            **{f: content[f] for f in PAGE_FIELDS})
    db.session.add(revision)
    db.session.flush()
    return revision


def save_page(actor, page, data):
    """Publish new text for a public page and keep the old one in its history.

    Returns the new revision, or None when nothing was changed (no revision is added).
    """
    content = {f: _clean(data.get(f)) for f in PAGE_FIELDS}
    if all(content[f] == _clean(getattr(page, f)) for f in PAGE_FIELDS):
        return None
    before = _titles(page)
    revision = _apply(actor, page, content)
    audit.record("page.updated", actor=actor, obj=page, before=before,
                 after=dict(_titles(page), revision=revision.id))
    db.session.commit()
    pagecache.forget()  # this worker shows the edit at once
    return revision


def restore_revision(actor, page, old):
    """Publish an earlier revision again, as a new revision; the history keeps everything."""
    if old.page_id != page.id:
        raise ValueError("revision of another page")
    before = _titles(page)
    revision = _apply(actor, page, {f: getattr(old, f) for f in PAGE_FIELDS}, restored_from=old)
    audit.record("page.restored", actor=actor, obj=page, before=before,
                 after=dict(_titles(page), revision=revision.id, restored_from=old.id))
    db.session.commit()
    pagecache.forget()  # this worker shows the edit at once
    return revision


# --- volunteer applications ---------------------------------------------------------------------

def mark_handled(actor, application):
    """Record that the secretariat has dealt with an application. False if it already was."""
    if application.handled_at is not None:
        return False
    application.handled_at = utcnow()
    application.handled_by_id = actor.id
    audit.record("volunteer.handled", actor=actor, obj=application,
                 before={"handled": False}, after={"handled": True})
    db.session.commit()
    return True


def delete_application(actor, application):
    """Erase an application and the personal data in it; the audit log keeps only its number."""
    audit.record("volunteer.deleted", actor=actor, kind=application.__tablename__,
                 object_id=application.id)
    db.session.delete(application)
    db.session.commit()
