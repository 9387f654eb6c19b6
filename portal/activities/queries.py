"""What the activity pages read. Every list is one SELECT per page plus one to load the areas
of the rows shown, whatever the page size or the table size."""
from dataclasses import dataclass
from datetime import date

from sqlalchemy import case, func, or_
from sqlalchemy.orm import aliased, joinedload, selectinload

from .. import areas as places
from .. import search
from ..extensions import db
from ..i18n import language
from ..models import Activity, Area, Organisation, Sector, activity_area, activity_sector
from ..models.moderation import ARCHIVED, CHANGES_REQUESTED, DRAFT, REJECTED, SUBMITTED
from ..visibility import published_to
from .reached import reached_columns


@dataclass
class Filters:
    """The list's filters, already checked (ids of known rows, parsed dates)."""

    sector_id: int = None
    area: object = None  # an Area: the place or anything inside it
    org_id: int = None
    status: str = ""
    date_from: date = None
    date_to: date = None
    q: str = ""
    mine: bool = False
    main_sector_only: bool = False  # ?main=1: the sector filter matches the main sector only


def sectors():
    return db.session.scalars(db.select(Sector).order_by(Sector.position)).all()


def active_orgs():
    order = Organisation.name_ar if language() == "ar" else Organisation.name_en
    return db.session.scalars(
        db.select(Organisation).where(Organisation.active.is_(True))
        .order_by(order, Organisation.id)).all()


MAX_ID = 2**31 - 1  # an INTEGER column: a larger number in an address is simply not found


def get(activity_id):
    """One activity with everything its page shows, or None."""
    if not 0 < activity_id <= MAX_ID:
        return None
    return db.session.scalar(
        db.select(Activity).where(Activity.id == activity_id)
        .options(joinedload(Activity.org), joinedload(Activity.primary_sector),
                 selectinload(Activity.sectors), selectinload(Activity.areas)))


def _in_sector(sector_ids):
    # A correlated EXISTS: on SQLite it walks the listing index and probes the link table,
    # where IN (subquery) first builds the whole set of matching activities.
    link = activity_sector.alias()  # an alias: the outer query may join the table itself
    return db.exists().where(link.c.activity_id == Activity.id, link.c.sector_id.in_(sector_ids))


def _in_area(area_ids):
    link = activity_area.alias()
    return db.exists().where(link.c.activity_id == Activity.id, link.c.area_id.in_(area_ids))


def _overlapping(query, start, end):
    """Activities running at some time between ``start`` and ``end`` (either may be open)."""
    if end is not None:
        query = query.where(Activity.start_date <= end)
    if start is not None:
        query = query.where((Activity.end_date.is_(None)) | (Activity.end_date >= start))
    return query


def _audience(query, user, filters):
    """Published items narrowed by audience, or (``mine``) everything of the user's organisation."""
    if filters.mine and user.is_authenticated and user.org_id:
        return query.where(Activity.org_id == user.org_id)
    return published_to(query, Activity, user)


def _filtered(query, filters):
    if filters.sector_id and filters.main_sector_only:
        query = query.where(Activity.primary_sector_id == filters.sector_id)
    elif filters.sector_id:
        query = query.where(_in_sector([filters.sector_id]))
    if filters.area is not None:
        link = activity_area.alias()
        query = query.where(db.exists().where(link.c.activity_id == Activity.id,
                                              places.within(link.c.area_id, filters.area)))
    if filters.org_id:
        query = query.where(Activity.org_id == filters.org_id)
    if filters.status:
        query = query.where(Activity.status == filters.status)
    query = _overlapping(query, filters.date_from, filters.date_to)
    text = search.condition("activity", Activity.id, filters.q) if filters.q else None
    if text is not None:
        query = query.where(text)
    return query


NEWEST_FIRST = (Activity.start_date.desc(), Activity.id.desc())


def list_query(user, filters):
    """The activities ``user`` may list, filtered, newest start date first."""
    query = db.select(Activity).options(
        joinedload(Activity.org), joinedload(Activity.primary_sector), selectinload(Activity.areas))
    return _filtered(_audience(query, user, filters), filters).order_by(*NEWEST_FIRST)


_ADM1, _ADM2 = aliased(Area), aliased(Area)
EXPORT_COLUMNS = (
    Activity.id, Activity.title_ar, Activity.title_en, Activity.status, Activity.visibility,
    Activity.start_date, Activity.end_date,
    Activity.targeted_total, Activity.targeted_women, Activity.targeted_men,
    Activity.targeted_girls, Activity.targeted_boys,
    Organisation.slug.label("org_slug"), Organisation.acronym.label("org_acronym"),
    Organisation.name_ar.label("org_name_ar"), Organisation.name_en.label("org_name_en"),
    Sector.code.label("sector_code"), Sector.name_ar.label("sector_name_ar"),
    Sector.name_en.label("sector_name_en"),
    (Sector.id == Activity.primary_sector_id).label("is_main"),
    Area.code.label("area_code"), Area.kind.label("area_kind"),
    Area.name_ar.label("area_name_ar"), Area.name_en.label("area_name_en"),
    # The governorate and the district a district or sub-district lies in.
    _ADM1.code.label("up1_code"), _ADM1.name_ar.label("up1_name_ar"), _ADM1.name_en.label("up1_name_en"),
    _ADM2.code.label("up2_code"), _ADM2.name_ar.label("up2_name_ar"), _ADM2.name_en.label("up2_name_en"),
)


def export_rows(user, filters, limit):
    """The long 4W shape: one row per activity × sector × area (only the chosen sector's and
    area's rows when filtering by them), in the list's order: one SELECT, at most ``limit``.
    People reached are counted for the filter's period (:mod:`portal.activities.reached`)."""
    reached = reached_columns(filters.date_from, filters.date_to).values()
    query = (db.select(*EXPORT_COLUMNS, *reached).select_from(Activity)
             .join(Organisation, Organisation.id == Activity.org_id)
             .join(activity_sector, activity_sector.c.activity_id == Activity.id)
             .join(Sector, Sector.id == activity_sector.c.sector_id)
             .join(activity_area, activity_area.c.activity_id == Activity.id)
             .join(Area, Area.id == activity_area.c.area_id)
             .outerjoin(_ADM1, _ADM1.id == Area.adm1_id)
             .outerjoin(_ADM2, _ADM2.id == Area.adm2_id))
    query = _filtered(_audience(query, user, filters), filters)
    if filters.sector_id:
        query = query.where(Sector.id == filters.sector_id)
    if filters.area is not None:
        query = query.where(places.within(Area.id, filters.area))
    query = query.order_by(*NEWEST_FIRST, Sector.position, Area.position).limit(limit)
    return db.session.execute(query).all()


def export_activities(user, filters, limit):
    """Whole activities with their sectors and areas (the JSON export), each with its people
    reached in the filter's period: (activity, {part: figure}) pairs, three SELECTs."""
    columns = reached_columns(filters.date_from, filters.date_to)
    query = (list_query(user, filters).add_columns(*columns.values())
             .options(selectinload(Activity.sectors)).limit(limit))
    return [(row[0], dict(zip(columns, row[1:]))) for row in db.session.execute(query)]


def overlaps(user, sector_codes, area_codes, start, end, limit=10):
    """Approved activities of other organisations, visible to ``user``, in one of these sectors
    and areas at an overlapping time: one SELECT."""
    query = db.select(Activity).options(joinedload(Activity.org),
                                        joinedload(Activity.primary_sector))
    query = published_to(query, Activity, user).where(Activity.org_id != user.org_id)
    sector_ids = db.select(Sector.id).where(Sector.code.in_(sector_codes))
    # The same governorate (or country) is enough: work in a district of Idleb may duplicate
    # work given for Idleb as a whole.
    tops = db.select(func.coalesce(Area.adm1_id, Area.id)).where(Area.code.in_(area_codes))
    area_ids = db.select(Area.id).where(or_(Area.id.in_(tops), Area.adm1_id.in_(tops)))
    query = query.where(_in_sector(sector_ids), _in_area(area_ids))
    query = _overlapping(query, start, end)
    return db.session.scalars(query.order_by(*NEWEST_FIRST).limit(limit)).all()


_ATTENTION = case({CHANGES_REQUESTED: 0, REJECTED: 1, DRAFT: 2, SUBMITTED: 3},
                  value=Activity.review_state, else_=4)


def dashboard_items(org_id, limit):
    """The organisation's activities, those needing its attention first: returned for
    changes, not approved, drafts, awaiting review, then the most recently changed."""
    return db.session.scalars(
        db.select(Activity).where(Activity.org_id == org_id, Activity.review_state != ARCHIVED)
        .order_by(_ATTENTION, Activity.updated_at.desc(), Activity.id.desc())
        .limit(limit + 1)).all()
