"""What the 4W matrix reads: GROUP BYs over published activities for a period, narrowed by
audience with :func:`portal.visibility.published_to`, plus the sector and area headers.

Places roll up to the chosen level (:func:`portal.areas.rolled_up`): at level 1 a sub-district
of Idleb counts under Idleb; at level 2 (one governorate) under its district.

An activity counts in **every** sector and area it lists (FSL + RELIEF in Idleb and Aleppo:
four cells). The cells therefore overlap: a person reached may be counted in several cells.
The totals (per sector, per area, overall) are their own GROUP BYs, so each activity counts
once in each of them, never as the sum of the cells.
"""
from dataclasses import dataclass

from sqlalchemy import func, or_

from flask_babel import lazy_gettext as _l

from .. import areas as places
from ..extensions import db
from ..models import Activity, Area, Sector, activity_area, activity_sector
from ..models.reference import COUNTRY
from ..activities.reached import reached_column
from ..visibility import published_to

OVERLAP = 2  # organisations in one sector and area in the same period: a possible overlap


@dataclass(frozen=True)
class Cell:
    organisations: int
    activities: int
    people: int

    @property
    def overlap(self):
        return self.organisations >= OVERLAP


EMPTY = Cell(0, 0, 0)


class Matrix:
    """Sectors (rows) × places (columns), for one period, with a total for each sector, each
    column and overall. ``groups`` are the column headers' groups: (label, [places])."""

    def __init__(self, sectors, groups, cells, start, end, sector_totals=None, area_totals=None,
                 total=EMPTY, level=1, scope=None):
        self.sectors = sectors
        self.groups = [(label, places) for label, places in groups if places]
        self.columns = [place for _label, places in self.groups for place in places]
        self.cells = cells
        self.start, self.end = start, end
        self.sector_totals = sector_totals or {}
        self.area_totals = area_totals or {}
        self.total = total
        self.level, self.scope = level, scope

    def cell(self, sector, area):
        return self.cells.get((sector.id, area.id))

    def rows(self):
        """(sector, [(area, cell or None), ...], total) for each sector, in the columns' order."""
        for sector in self.sectors:
            yield (sector, [(area, self.cells.get((sector.id, area.id))) for area in self.columns],
                   self.sector_totals.get(sector.id, EMPTY))

    def column_totals(self):
        """(area, total) for each column."""
        return [(area, self.area_totals.get(area.id, EMPTY)) for area in self.columns]

    def is_scope_column(self, area):
        """At district level, the governorate's own column: places given as the whole
        governorate, without a district."""
        return self.scope is not None and area.id == self.scope.id

    @property
    def gaps(self):
        return len(self.sectors) * len(self.columns) - len(self.cells)

    @property
    def overlaps(self):
        return sum(1 for c in self.cells.values() if c.overlap)


def _published_in_period(query, user, start, end):
    query = query.where(Activity.start_date <= end,
                        or_(Activity.end_date.is_(None), Activity.end_date >= start))
    return published_to(query, Activity, user)


def _rows(user, start, end, level, scope):
    """One row per distinct (activity, sector, column) of the published activities in the
    period (within ``scope`` when given), computed once (a materialised CTE) for the cells and
    the totals: an activity naming two sub-districts of one district counts once there."""
    query = (
        db.select(Activity.id.label("activity_id"), Activity.org_id.label("org_id"),
                  reached_column(start, end).label("reached"),
                  activity_sector.c.sector_id.label("sector_id"),
                  places.rolled_up(level).label("col"))
        .join(activity_sector, activity_sector.c.activity_id == Activity.id)
        .join(activity_area, activity_area.c.activity_id == Activity.id)
        .join(Area, Area.id == activity_area.c.area_id)
    )
    if scope is not None:
        query = query.where(places.within(Area.id, scope))
    return _published_in_period(query, user, start, end).distinct().cte("matrix_rows").prefix_with(
        "MATERIALIZED")


def _figures(rows):
    return (func.count(rows.c.org_id.distinct()), func.count(),
            func.coalesce(func.sum(rows.c.reached), 0))


def _distinct(rows, *keys):
    """Each activity once per ``keys`` (a sector, a column, or nothing: overall)."""
    return db.select(rows.c.org_id, rows.c.reached, *(getattr(rows.c, k) for k in keys)).add_columns(
        rows.c.activity_id).distinct().subquery()


def figures_query(user, start, end, level=1, scope=None):
    """("cell", sector, column, ...), ("sector", id, 0, ...), ("area", 0, id, ...) and
    ("all", 0, 0, ...) rows of (organisations, activities, people reached): the cells, and
    the totals counting each activity once per sector, per column and overall. One statement
    over the rows computed once."""
    rows = _rows(user, start, end, level, scope)
    per_sector, per_column, overall = (_distinct(rows, "sector_id"), _distinct(rows, "col"),
                                       _distinct(rows))
    zero = db.literal(0)
    return db.union_all(
        db.select(db.literal("cell"), rows.c.sector_id, rows.c.col, *_figures(rows))
        .group_by(rows.c.sector_id, rows.c.col),
        db.select(db.literal("sector"), per_sector.c.sector_id, zero, *_figures(per_sector))
        .group_by(per_sector.c.sector_id),
        db.select(db.literal("area"), zero, per_column.c.col, *_figures(per_column))
        .group_by(per_column.c.col),
        db.select(db.literal("all"), zero, zero, *_figures(overall)))


def matrix(user, start, end, level=1, scope=None):
    """The matrix for ``user`` and the period: three queries whatever the number of activities.

    Level 1: governorates and neighbouring countries. Level 2: the districts of the governorate
    ``scope``, and a column for what is given for the governorate as a whole."""
    sectors = db.session.scalars(db.select(Sector).order_by(Sector.position, Sector.id)).all()
    if level == 2 and scope is not None:
        groups = [(scope.tr("name"), [scope] + places.districts_of(scope))]
    else:
        level, scope = 1, None
        tops = places.top_areas()
        groups = [(_l("Syrian governorates"), [a for a in tops if a.kind != COUNTRY]),
                  (_l("Neighbouring countries"), [a for a in tops if a.kind == COUNTRY])]
    found = {"cell": {}, "sector": {}, "area": {}, "all": {}}
    for kind, sector_id, area_id, *figures in db.session.execute(
            figures_query(user, start, end, level, scope)):
        key = {"cell": (sector_id, area_id), "sector": sector_id, "area": area_id, "all": 0}[kind]
        found[kind][key] = Cell(*figures)
    return Matrix(sectors, groups, found["cell"], start, end, found["sector"], found["area"],
                  found["all"].get(0, EMPTY), level, scope)
