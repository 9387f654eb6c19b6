"""What the resource pages read. The list is two SELECTs per page whatever the page size or the
table size (the ids of the page, then their rows with the organisation and the current file); a
resource page is one SELECT for the resource, one each for its sectors, areas and versions and
one for the related activities."""
from dataclasses import dataclass
from datetime import date

from sqlalchemy import case
from sqlalchemy.orm import joinedload, selectinload

from .. import areas as places
from .. import search
from ..extensions import db
from ..i18n import language
from ..models import (Activity, Organisation, Resource, ResourceVersion, Sector, User,
                      activity_area, activity_sector, resource_area, resource_sector)
from ..models.moderation import ARCHIVED, CHANGES_REQUESTED, DRAFT, REJECTED, SUBMITTED
from ..permissions import is_secretariat
from ..visibility import published_to as activities_published_to
from . import rules


@dataclass
class Filters:
    """The list's filters, already checked (ids of known rows, known codes, a year)."""

    category: str = ""
    sector_id: int = None
    area_id: int = None
    org_id: int = None
    language: str = ""
    year: int = None
    q: str = ""
    mine: bool = False
    waiting: bool = False


def sectors():
    return db.session.scalars(db.select(Sector).order_by(Sector.position)).all()


def areas():
    """The places resources are tagged with: governorates and neighbouring countries."""
    return places.top_areas()


def active_orgs():
    order = Organisation.name_ar if language() == "ar" else Organisation.name_en
    return db.session.scalars(
        db.select(Organisation).where(Organisation.active.is_(True)).order_by(order, Organisation.id)).all()


def get(resource_id):
    """One resource with what its page shows (its versions load with a second SELECT), or None."""
    return db.session.scalar(
        db.select(Resource).where(Resource.id == resource_id)
        .options(joinedload(Resource.org), joinedload(Resource.created_by),
                 selectinload(Resource.sectors), selectinload(Resource.areas),
                 selectinload(Resource.versions)))


def version(resource_id, number):
    return db.session.scalar(db.select(ResourceVersion).where(
        ResourceVersion.resource_id == resource_id, ResourceVersion.number == number))


def _audience(query, user, filters):
    """Published resources narrowed by audience; or (``mine``) everything of the user's
    organisation in every state; or (``waiting``, the secretariat) everything awaiting review,
    so that the secretariat can open a first submission and its file."""
    if filters.mine and user.is_authenticated and user.org_id:
        return query.where(Resource.org_id == user.org_id)
    if filters.waiting and is_secretariat(user):
        return query.where(Resource.review_state == SUBMITTED)
    return rules.published_to(query, user)


def _filtered(query, filters):
    if filters.category:
        query = query.where(Resource.category == filters.category)
    if filters.language:
        query = query.where(Resource.language == filters.language)
    if filters.sector_id:
        query = query.where(Resource.id.in_(db.select(resource_sector.c.resource_id)
                                            .where(resource_sector.c.sector_id == filters.sector_id)))
    if filters.area_id:
        query = query.where(Resource.id.in_(db.select(resource_area.c.resource_id)
                                            .where(resource_area.c.area_id == filters.area_id)))
    if filters.org_id:
        query = query.where(Resource.org_id == filters.org_id)
    if filters.year:
        query = query.where(Resource.document_date >= date(filters.year, 1, 1),
                            Resource.document_date <= date(filters.year, 12, 31))
    text = search.condition("resource", Resource.id, filters.q) if filters.q else None
    if text is not None:
        query = query.where(text)
    return query


NEWEST_FIRST = (Resource.document_date.desc(), Resource.id.desc())


def list_query(user, filters):
    """The ids of the resources ``user`` may list, filtered, the most recent document first.
    Ids only: a broad search sorts thousands of matches, and joining before the sort would
    join them all (see :func:`load` for the rows of one page)."""
    query = db.select(Resource.id)
    return _filtered(_audience(query, user, filters), filters).order_by(*NEWEST_FIRST)


def load(ids):
    """The resources with these ids, in this order, with their organisation and current file:
    one SELECT (none for no ids)."""
    if not ids:
        return []
    rows = db.session.scalars(db.select(Resource).where(Resource.id.in_(ids))
                              .options(joinedload(Resource.org), joinedload(Resource.current))).all()
    by_id = {row.id: row for row in rows}
    return [by_id[i] for i in ids if i in by_id]


def related_activities(item, user, limit=5):
    """Published activities (as ``user`` may see them) in one of the resource's sectors and
    one of its areas, the latest first: one SELECT, none when the resource names neither."""
    sector_ids = [s.id for s in item.sectors]
    area_ids = [a.id for a in item.areas]
    if not sector_ids and not area_ids:
        return []
    query = activities_published_to(db.select(Activity).options(joinedload(Activity.org)), Activity, user)
    if sector_ids:
        query = query.where(Activity.id.in_(db.select(activity_sector.c.activity_id)
                                            .where(activity_sector.c.sector_id.in_(sector_ids))))
    if area_ids:
        query = query.where(Activity.id.in_(db.select(activity_area.c.activity_id)
                                            .where(activity_area.c.area_id.in_(area_ids))))
    return db.session.scalars(query.order_by(Activity.start_date.desc(), Activity.id.desc())
                              .limit(limit)).all()


def duplicate_of(org_id, sha256, exclude_version_id=None):
    """A version with the same content among the organisation's resources that are not
    withdrawn (the newest), or None."""
    query = (db.select(ResourceVersion).join(Resource, Resource.id == ResourceVersion.resource_id)
             .options(joinedload(ResourceVersion.resource))
             .where(Resource.org_id == org_id, ResourceVersion.sha256 == sha256,
                    Resource.review_state != ARCHIVED)
             .order_by(ResourceVersion.id.desc()).limit(1))
    return db.session.scalar(query)


def secretariat_recipients():
    """Active secretariat accounts (told when a secretariat-only resource is shared)."""
    return db.session.scalars(db.select(User).where(User.role == "secretariat", User.active.is_(True))
                              .order_by(User.id)).all()


_ATTENTION = case({CHANGES_REQUESTED: 0, REJECTED: 1, DRAFT: 2, SUBMITTED: 3},
                  value=Resource.review_state, else_=4)


def dashboard_items(org_id, limit):
    """The organisation's resources, those needing its attention first: returned for changes,
    not approved, drafts, awaiting review, then the most recently changed."""
    return db.session.scalars(
        db.select(Resource).where(Resource.org_id == org_id, Resource.review_state != ARCHIVED)
        .order_by(_ATTENTION, Resource.updated_at.desc(), Resource.id.desc())
        .limit(limit + 1)).all()

