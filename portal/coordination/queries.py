"""What the 4W matrix reads: one GROUP BY over published activities and their areas for a
period, narrowed by audience with :func:`portal.visibility.published_to`, plus the sector and
area headers (a small query each)."""
from dataclasses import dataclass

from sqlalchemy import func, or_

from ..extensions import db
from ..models import Activity, Area, Sector, activity_area
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


class Matrix:
    """Sectors (rows) × governorates and neighbouring countries (columns), for one period."""

    def __init__(self, sectors, areas, cells, start, end):
        self.sectors = sectors
        self.governorates = [a for a in areas if a.kind == "governorate"]
        self.countries = [a for a in areas if a.kind != "governorate"]
        self.columns = self.governorates + self.countries
        self.cells = cells
        self.start, self.end = start, end

    def cell(self, sector, area):
        return self.cells.get((sector.id, area.id))

    def rows(self):
        """(sector, [(area, cell or None), ...]) for each sector, in the columns' order."""
        for sector in self.sectors:
            yield sector, [(area, self.cells.get((sector.id, area.id))) for area in self.columns]

    @property
    def gaps(self):
        return len(self.sectors) * len(self.columns) - len(self.cells)

    @property
    def overlaps(self):
        return sum(1 for c in self.cells.values() if c.overlap)


def cells_query(user, start, end):
    """(primary sector, area, organisations, activities, people reached) for the activities
    whose dates [start, end or open] overlap the period, as ``user`` may see them published."""
    query = (
        db.select(Activity.primary_sector_id, activity_area.c.area_id,
                  func.count(Activity.org_id.distinct()), func.count(),
                  func.coalesce(func.sum(Activity.reached_total), 0))
        .join(activity_area, activity_area.c.activity_id == Activity.id)
        .where(Activity.start_date <= end, or_(Activity.end_date.is_(None), Activity.end_date >= start))
        .group_by(Activity.primary_sector_id, activity_area.c.area_id)
    )
    return published_to(query, Activity, user)


def matrix(user, start, end):
    """The matrix for ``user`` and the period: three queries whatever the number of activities."""
    sectors = db.session.scalars(db.select(Sector).order_by(Sector.position, Sector.id)).all()
    areas = db.session.scalars(db.select(Area).order_by(Area.position, Area.id)).all()
    rows = db.session.execute(cells_query(user, start, end))
    cells = {(sector_id, area_id): Cell(orgs, count, people)
             for sector_id, area_id, orgs, count, people in rows}
    return Matrix(sectors, areas, cells, start, end)
