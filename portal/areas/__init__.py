"""Places: the top-level list (governorates and neighbouring countries), the districts and
sub-districts under them, and the rules that roll a place up to a chosen level.

Every filter and the matrix use :func:`within` and :func:`rolled_up`, so that ``?area=SY07``
finds what is in Idleb at any level, and the matrix counts an activity in a sub-district of
Idleb under Idleb (level 1) or under its district (level 2).
"""
from sqlalchemy import case, func, or_

from ..extensions import db
from ..models import Area
from ..models.reference import COUNTRY, DISTRICT, GOVERNORATE, SUBDISTRICT

TOP_KINDS = (GOVERNORATE, COUNTRY)


def top_areas():
    """Governorates and neighbouring countries, in their usual order."""
    return db.session.scalars(db.select(Area).where(Area.kind.in_(TOP_KINDS))
                              .order_by(Area.position, Area.id)).all()


def filter_areas():
    """The places offered in filters: governorates, their districts, and countries (the
    sub-districts are many; a filter by one works by its code in the address)."""
    return db.session.scalars(db.select(Area).where(Area.kind != SUBDISTRICT)
                              .order_by(Area.position, Area.code)).all()


def by_code(code):
    return db.session.scalar(db.select(Area).where(Area.code == code)) if code else None


def below(governorate_ids):
    """The districts and sub-districts of these governorates, in order."""
    if not governorate_ids:
        return []
    return db.session.scalars(db.select(Area).where(Area.adm1_id.in_(list(governorate_ids)))
                              .order_by(Area.position, Area.code)).all()


def districts_of(governorate):
    return db.session.scalars(db.select(Area).where(Area.parent_id == governorate.id,
                                                    Area.kind == DISTRICT)
                              .order_by(Area.position, Area.code)).all()


def within(area_column, area):
    """A condition on an area id column: the place ``area`` or any place inside it."""
    if area.kind in TOP_KINDS:
        inside = db.select(Area.id).where(Area.adm1_id == area.id)
    elif area.kind == DISTRICT:
        inside = db.select(Area.id).where(Area.adm2_id == area.id)
    else:
        return area_column == area.id
    return or_(area_column == area.id, area_column.in_(inside))


def rolled_up(level, governorate=None):
    """The id of the column a place counts under in the matrix at ``level``.

    Level 1: the governorate or country (a place counts under its governorate). Level 2 (one
    governorate): the district; places given only as the governorate itself count under the
    governorate's own column ("no district given"); places elsewhere are left out by the
    caller with :func:`within`.
    """
    if level == 1:
        return func.coalesce(Area.adm1_id, Area.id)
    return case((Area.kind == SUBDISTRICT, Area.adm2_id), else_=Area.id)


def ancestors_of(areas):
    """The ids of the places above these places (their governorates and districts)."""
    ids = set()
    for area in areas:
        ids.update(i for i in (area.adm1_id, area.adm2_id) if i)
    return ids


def most_precise(areas):
    """Keep the most precise places: a governorate chosen with one of its districts is
    replaced by the district (the activity is in that district, not all over the governorate)."""
    above = ancestors_of(areas)
    return [area for area in areas if area.id not in above]


def filter_rows():
    """The places a filter offers, in reading order: each governorate followed by its
    districts, then the neighbouring countries."""
    rows = filter_areas()
    districts = {}
    for area in rows:
        if area.kind == DISTRICT:
            districts.setdefault(area.parent_id, []).append(area)
    ordered = []
    for area in rows:
        if area.kind in TOP_KINDS:
            ordered.append(area)
            ordered.extend(districts.get(area.id, ()))
    return ordered


def choice_label(area):
    """A place's name in a list of choices; places below a governorate are indented."""
    return ("— " + area.tr("name")) if area.kind in (DISTRICT, SUBDISTRICT) else area.tr("name")


def resolve(code, rows):
    """The place a filter names by ``code``: one of ``rows``, or any other place (a
    sub-district given in the address), or None when no place has that code."""
    if not code:
        return None
    return next((row for row in rows if row.code == code), None) or by_code(code)


def choices_for(codes):
    """The places an activity form offers: the top places, and the districts and sub-districts
    of the governorates among (or above) the places ``codes`` names."""
    tops = top_areas()
    if not codes:
        return tops
    chosen = db.session.scalars(db.select(Area).where(Area.code.in_(list(codes)[:500]))).all()
    return tops + below({area.top_id for area in chosen})


def gazetteer_loaded():
    """Whether any district has been loaded (``flask --app portal areas import``)."""
    return db.session.scalar(db.select(Area.id).where(Area.kind == DISTRICT).limit(1)) is not None


def groups(areas):
    """(top places, [(governorate, [its districts and sub-districts])]) for grouped choices."""
    tops = [a for a in areas if a.kind in TOP_KINDS]
    inside = {}
    for area in areas:
        if area.kind not in TOP_KINDS:
            inside.setdefault(area.adm1_id, []).append(area)
    return tops, [(top, inside[top.id]) for top in tops if top.id in inside]
