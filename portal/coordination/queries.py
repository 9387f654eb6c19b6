"""What the 4W matrix reads: GROUP BYs over published activities for a period, narrowed by
audience with :func:`portal.visibility.published_to`, plus the sector and area headers.

An activity counts in **every** sector and area it lists (FSL + RELIEF in Idleb and Aleppo:
four cells). The cells therefore overlap: a person reached may be counted in several cells.
The totals (per sector, per area, overall) are their own GROUP BYs, so each activity counts
once in each of them, never as the sum of the cells.
"""
from dataclasses import dataclass

from sqlalchemy import func, or_

from ..extensions import db
from ..models import Activity, Area, Sector, activity_area, activity_sector
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
    """Sectors (rows) × governorates and neighbouring countries (columns), for one period,
    with a total for each sector, each area and overall."""

    def __init__(self, sectors, areas, cells, start, end, sector_totals=None, area_totals=None,
                 total=EMPTY):
        self.sectors = sectors
        self.governorates = [a for a in areas if a.kind == "governorate"]
        self.countries = [a for a in areas if a.kind != "governorate"]
        self.columns = self.governorates + self.countries
        self.cells = cells
        self.start, self.end = start, end
        self.sector_totals = sector_totals or {}
        self.area_totals = area_totals or {}
        self.total = total

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

    @property
    def gaps(self):
        return len(self.sectors) * len(self.columns) - len(self.cells)

    @property
    def overlaps(self):
        return sum(1 for c in self.cells.values() if c.overlap)


def _figures():
    return (func.count(Activity.org_id.distinct()), func.count(Activity.id.distinct()),
            func.coalesce(func.sum(Activity.reached_total), 0))


def _published_in_period(query, user, start, end):
    query = query.where(Activity.start_date <= end,
                        or_(Activity.end_date.is_(None), Activity.end_date >= start))
    return published_to(query, Activity, user)


def cells_query(user, start, end):
    """(sector, area, organisations, activities, people reached) for every sector and area of
    the activities whose dates [start, end or open] overlap the period, as ``user`` may see
    them published. Each (activity, sector, area) is one joined row, so each activity counts
    once in a cell."""
    query = (
        db.select(activity_sector.c.sector_id, activity_area.c.area_id, *_figures())
        .join(activity_sector, activity_sector.c.activity_id == Activity.id)
        .join(activity_area, activity_area.c.activity_id == Activity.id)
        .group_by(activity_sector.c.sector_id, activity_area.c.area_id)
    )
    return _published_in_period(query, user, start, end)


def totals_query(user, start, end):
    """("sector", id, ...), ("area", id, ...) and ("all", 0, ...) rows of (organisations,
    activities, people reached): each activity once per sector, once per area, once overall.
    One statement (three GROUP BYs joined by UNION ALL)."""
    by_sector = (db.select(db.literal("sector"), activity_sector.c.sector_id, *_figures())
                 .join(activity_sector, activity_sector.c.activity_id == Activity.id)
                 .group_by(activity_sector.c.sector_id))
    by_area = (db.select(db.literal("area"), activity_area.c.area_id, *_figures())
               .join(activity_area, activity_area.c.activity_id == Activity.id)
               .group_by(activity_area.c.area_id))
    overall = db.select(db.literal("all"), db.literal(0), *_figures()).select_from(Activity)
    return db.union_all(*(_published_in_period(part, user, start, end)
                          for part in (by_sector, by_area, overall)))


def matrix(user, start, end):
    """The matrix for ``user`` and the period: four queries whatever the number of activities."""
    sectors = db.session.scalars(db.select(Sector).order_by(Sector.position, Sector.id)).all()
    areas = db.session.scalars(db.select(Area).order_by(Area.position, Area.id)).all()
    cells = {(sector_id, area_id): Cell(orgs, count, people) for sector_id, area_id, orgs, count, people
             in db.session.execute(cells_query(user, start, end))}
    totals = {"sector": {}, "area": {}, "all": {}}
    for kind, key, *figures in db.session.execute(totals_query(user, start, end)):
        totals[kind][key] = Cell(*figures)
    return Matrix(sectors, areas, cells, start, end, totals["sector"], totals["area"],
                  totals["all"].get(0, EMPTY))
