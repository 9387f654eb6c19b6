"""Activities as a moderated kind: their content as a dict (the snapshot), and the way an
approved proposal is written back into the columns. Registered at import time.

A snapshot holds the content a member edits, with sectors and areas as sorted lists of codes
and dates as ISO strings, so that a proposal (``activity.proposal``) and the published version
compare key by key::

    title_ar, title_en, description_ar, description_en, primary_sector, sectors, areas,
    start_date, end_date, status, visibility, targeted_total, targeted_women, targeted_men,
    targeted_girls, targeted_boys, reached_total, reached_women, reached_men, reached_girls,
    reached_boys
"""
from datetime import date

from flask_babel import lazy_gettext as _l

from .. import pagecache, search
from ..extensions import db
from ..models import PEOPLE_PARTS, Activity, Area, Sector, activity_sector
from ..moderation.registry import ModeratedKind, register
from .labels import FIELD_LABELS, STATUS_LABELS, VISIBILITY_LABELS

TEXT_FIELDS = ("title_ar", "title_en", "description_ar", "description_en")
PEOPLE_FIELDS = tuple(f"{group}_{part}" for group in ("targeted", "reached")
                      for part in ("total",) + PEOPLE_PARTS)
PLAIN_FIELDS = TEXT_FIELDS + ("status", "visibility") + PEOPLE_FIELDS
CONTENT_KEYS = PLAIN_FIELDS + ("primary_sector", "sectors", "areas", "start_date", "end_date")


def snapshot(activity):
    """The activity's own (published or draft) content as a JSON-ready dict."""
    data = {name: getattr(activity, name) for name in PLAIN_FIELDS}
    data["primary_sector"] = activity.primary_sector.code if activity.primary_sector else None
    data["sectors"] = sorted(s.code for s in activity.sectors)
    data["areas"] = sorted(a.code for a in activity.areas)
    data["start_date"] = activity.start_date.isoformat() if activity.start_date else None
    data["end_date"] = activity.end_date.isoformat() if activity.end_date else None
    return data


def apply_proposal(activity, content):
    """Write ``content`` (a snapshot dict) into the activity's columns and relations."""
    for name in PLAIN_FIELDS:
        if name in content:
            setattr(activity, name, content[name])
    codes = set(content.get("sectors") or []) | {content["primary_sector"]}
    sectors = db.session.scalars(db.select(Sector).where(Sector.code.in_(codes))).all()
    by_code = {s.code: s for s in sectors}
    activity.primary_sector = by_code.get(content["primary_sector"], activity.primary_sector)
    activity.sectors = sorted(sectors, key=lambda s: s.position)
    activity.areas = db.session.scalars(
        db.select(Area).where(Area.code.in_(content.get("areas") or []))
        .order_by(Area.position)).all()
    activity.start_date = date.fromisoformat(content["start_date"])
    activity.end_date = date.fromisoformat(content["end_date"]) if content.get("end_date") else None


def reindex(activity):
    """Index the words of the activity's own columns (the published text once it is published)."""
    search.index("activity", activity.id, activity.title_ar, activity.title_en,
                 activity.description_ar, activity.description_en)


def after_publish(activity):
    """A version was approved: index its words; visitors' cached pages show the old one."""
    reindex(activity)
    pagecache.forget()


def in_sector(sector_id):
    """WHERE clause: the activity works in this sector (primary or further)."""
    return Activity.id.in_(db.select(activity_sector.c.activity_id)
                           .where(activity_sector.c.sector_id == sector_id))


KIND = register(ModeratedKind(
    name="activity", model=Activity, label=_l("Activity"), snapshot=snapshot,
    apply_proposal=apply_proposal, endpoint="activities.detail", sector_clause=in_sector,
    after_publish=after_publish, field_labels=FIELD_LABELS,
    value_labels={"status": STATUS_LABELS, "visibility": VISIBILITY_LABELS},
))
