"""Reading the public pages and receiving volunteer applications."""
from datetime import date

from sqlalchemy import func

from ..extensions import db
from ..models import Area, Organisation, Page, VolunteerApplication, org_area, utcnow
from . import FOUNDED



def page(slug):
    return db.session.scalar(db.select(Page).where(Page.slug == slug))


def years_since_founding(today=None):
    today = today or date.today()
    return today.year - FOUNDED.year - ((today.month, today.day) < (FOUNDED.month, FOUNDED.day))


def public_figures():
    """Live figures for the home page, each from one query."""
    members = db.session.scalar(
        db.select(func.count(Organisation.id)).where(Organisation.active.is_(True))
    )
    governorates = db.session.scalar(
        db.select(func.count(func.distinct(org_area.c.area_id)))
        .select_from(org_area)
        .join(Area, Area.id == org_area.c.area_id)
        .join(Organisation, Organisation.id == org_area.c.org_id)
        .where(Area.kind == "governorate", Organisation.active.is_(True))
    )
    return {
        "members": members or 0,
        "years": years_since_founding(),
        "activities": 0,
        "governorates": governorates or 0,
    }


def receive_volunteer(form, locale):
    """Store an application; a filled honeypot is dropped silently."""
    if form.website.data:
        return None
    application = VolunteerApplication(
        name=form.name.data.strip(),
        email=(form.email.data or "").strip(),
        phone=(form.phone.data or "").strip(),
        city=(form.city.data or "").strip(),
        skills=form.skills.data.strip(),
        availability=(form.availability.data or "").strip(),
        hours_per_week=form.hours_per_week.data,
        message=(form.message.data or "").strip(),
        locale=locale,
        consent_at=utcnow(),
    )
    db.session.add(application)
    db.session.commit()
    return application
