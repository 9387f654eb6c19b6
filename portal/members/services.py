"""Organisation profiles and staff: invitations, deactivation, role changes."""
from flask import current_app
from sqlalchemy.orm import selectinload

from .. import areas as places
from .. import audit, logos, mail, pagecache
from ..extensions import db
from ..models import Area, Invitation, Organisation, Sector, User, utcnow
from ..permissions import may_invite, may_manage_user
from ..security import new_token
from ..urls import external_url


class NotAllowed(Exception):
    pass


class AccountExists(Exception):
    """An invitation to an address that already has an account could never be accepted."""


def directory_query():
    """Active organisations, by Arabic or English name, with sectors and areas loaded up front."""
    return (
        db.select(Organisation)
        .where(Organisation.active.is_(True))
        .options(selectinload(Organisation.sectors), selectinload(Organisation.areas))
    )


def get_org(slug, active_only=True):
    query = db.select(Organisation).where(Organisation.slug == slug)
    if active_only:
        query = query.where(Organisation.active.is_(True))
    return db.session.scalar(query)


def reference_choices():
    sectors = db.session.scalars(db.select(Sector).order_by(Sector.position)).all()
    return sectors, places.top_areas()


PROFILE_FIELDS = ("name_ar", "name_en", "acronym", "website", "description_ar", "description_en")


def _snapshot(org):
    data = {f: getattr(org, f) for f in PROFILE_FIELDS}
    data["sectors"] = sorted(s.code for s in org.sectors)
    data["areas"] = sorted(a.code for a in org.areas)
    data["logo"] = org.logo_file
    return data


def update_profile(actor, org, data, logo_stream=None, remove_logo=False):
    """Save an organisation's profile; raises logos.LogoRejected for a bad logo (nothing saved)."""
    before = _snapshot(org)
    new_logo = logos.save(logo_stream) if logo_stream is not None else None
    for f in PROFILE_FIELDS:
        setattr(org, f, (data.get(f) or "").strip())
    org.sectors = db.session.scalars(db.select(Sector).where(Sector.id.in_(data.get("sectors") or []))).all()
    org.areas = db.session.scalars(db.select(Area).where(Area.id.in_(data.get("areas") or []))).all()
    if new_logo:
        org.logo_file, org.logo_mime = new_logo
    elif remove_logo:
        org.logo_file = org.logo_mime = None
    audit.record("org.updated", actor=actor, obj=org, before=before, after=_snapshot(org))
    db.session.commit()
    pagecache.forget()


def invite(actor, email, name="", role="member", org=None, org_admin=False):
    """Email a single-use invitation valid for 72 hours; role and organisation are fixed in it."""
    email = email.strip().lower()
    if not may_invite(actor, role, org):
        raise NotAllowed()
    if db.session.scalar(db.select(User.id).where(User.email == email)) is not None:
        raise AccountExists()
    if role == "secretariat":
        org, org_admin = None, False
    token, digest = new_token()
    invitation = Invitation(
        email=email, name=(name or "").strip(), role=role, org=org, is_org_admin=bool(org_admin),
        token_hash=digest, invited_by=actor,
        expires_at=utcnow() + current_app.config["INVITATION_TTL"],
    )
    db.session.add(invitation)
    db.session.flush()
    hours = int(current_app.config["INVITATION_TTL"].total_seconds() // 3600)
    mail.queue(email, "invitation", locale=actor.locale or "ar", invitation=invitation,
               inviter=actor, hours=hours,
               link=external_url("auth.accept_invitation", token=token))
    audit.record("invitation.sent", actor=actor, obj=invitation,
                 after={"email": email, "role": role, "org": org.slug if org else None,
                        "org_admin": bool(org_admin)})
    db.session.commit()
    return invitation, token


def set_active(actor, target, active):
    """Deactivate (ending every session at once) or reactivate an account."""
    if not may_manage_user(actor, target):
        raise NotAllowed()
    if target.active == active:
        return
    target.active = active
    target.rotate_session_token()
    audit.record("user.activated" if active else "user.deactivated", actor=actor, obj=target,
                 before={"active": not active}, after={"active": active})
    db.session.commit()


def change_role(actor, target, role, org=None, org_admin=False):
    """The secretariat changes a user's role, organisation or focal-point flag."""
    if not may_manage_user(actor, target) or not actor.is_secretariat:
        raise NotAllowed()
    before = {"role": target.role, "org_id": target.org_id, "org_admin": target.is_org_admin}
    if role == "secretariat":
        target.role, target.org_id, target.is_org_admin = "secretariat", None, False
    else:
        if org is None:
            raise NotAllowed()
        target.role, target.org_id, target.is_org_admin = "member", org.id, bool(org_admin)
    after = {"role": target.role, "org_id": target.org_id, "org_admin": target.is_org_admin}
    if after != before:
        target.rotate_session_token()
        audit.record("user.role_changed", actor=actor, obj=target, before=before, after=after)
    db.session.commit()


def staff_member(org, user_id):
    return db.session.scalar(db.select(User).where(User.id == user_id, User.org_id == org.id))
