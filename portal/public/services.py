"""Reading the public pages and receiving volunteer applications."""
import time
from datetime import date

from sqlalchemy import func

from ..extensions import db
from ..models import Activity, Area, Organisation, Page, VolunteerApplication, activity_area, utcnow
from ..visibility import published
from . import FOUNDED



def page(slug):
    return db.session.scalar(db.select(Page).where(Page.slug == slug))


def years_since_founding(today=None):
    today = today or date.today()
    return today.year - FOUNDED.year - ((today.month, today.day) < (FOUNDED.month, FOUNDED.day))


FIGURES_TTL = 60  # seconds: the figures are live, but not recounted on every visit
_figures_cache = {}


def public_figures():
    """Live figures for the home page: member organisations, years since 2014, approved
    activities, and governorates where approved activities take place. Counted at most once a
    minute per worker, so that a busy home page does not count a large table on every visit."""
    now = time.monotonic()
    cached = _figures_cache.get("figures")
    if cached and now - cached[0] < FIGURES_TTL:
        return dict(cached[1], years=years_since_founding())
    members = db.session.scalar(
        db.select(func.count(Organisation.id)).where(Organisation.active.is_(True))
    )
    activities = db.session.scalar(db.select(func.count(Activity.id)).where(published(Activity)))
    governorates = db.session.scalar(
        db.select(func.count(func.distinct(activity_area.c.area_id)))
        .select_from(activity_area)
        .join(Activity, Activity.id == activity_area.c.activity_id)
        .join(Area, Area.id == activity_area.c.area_id)
        .where(Area.kind == "governorate", published(Activity))
    )
    figures = {"members": members or 0, "activities": activities or 0, "governorates": governorates or 0}
    _figures_cache["figures"] = (now, figures)
    return dict(figures, years=years_since_founding())


def forget_figures():
    """Drop the cached figures (tests, and after bulk imports)."""
    _figures_cache.clear()


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
