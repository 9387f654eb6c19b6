"""People reached by an activity in a period: the sum of its approved monthly progress reports
whose month falls (at least partly) in the period, or the activity's own figure when it has no
approved report at all.

One SQL expression per figure, correlated with ``Activity``, so that the 4W matrix, the exports
and the activity page count the same way inside their own queries::

    db.select(Activity.org_id, func.sum(reached_column(start, end)))
      .group_by(Activity.org_id)

An activity with approved reports, none of them in the period, reached 0 people in it; one
without any approved report keeps its own ``reached_*`` figure whatever the period (it is a
snapshot of the whole activity).
"""
from datetime import date

from sqlalchemy import case, func

from ..extensions import db
from ..models import PEOPLE_PARTS, Activity, ActivityProgress
from ..visibility import published

PARTS = ("total",) + PEOPLE_PARTS


def _month_start(day):
    return date(day.year, day.month, 1)


def reached_column(start=None, end=None, part="total"):
    """People reached (``part``: "total", "women", "men", "girls" or "boys") by the outer query's
    ``Activity`` between the dates ``start`` and ``end`` (both included; either may be None for
    an open end), as a scalar SQL expression.

    The sum of the approved monthly reports whose month overlaps [start, end], or
    ``Activity.reached_<part>`` when the activity has no approved report. For the total, a
    period without reports counts 0; for a part, NULL when no report in the period splits it.
    """
    if part not in PARTS:
        raise ValueError(f"unknown part {part!r}")
    figure = getattr(ActivityProgress, f"reached_{part}")
    in_period = []
    if start is not None:
        in_period.append(ActivityProgress.month >= _month_start(start))
    if end is not None:
        in_period.append(ActivityProgress.month <= end)
    counted = case((db.and_(*in_period), figure), else_=None) if in_period else figure
    period_sum = func.sum(counted)
    if part == "total":
        period_sum = func.coalesce(period_sum, 0)
    # One correlated aggregate: with no approved report, COUNT is 0 and the activity's own figure
    # is taken (an outer column inside the subquery's SELECT, allowed on SQLite and PostgreSQL).
    return (
        db.select(case((func.count(ActivityProgress.id) == 0, getattr(Activity, f"reached_{part}")),
                       else_=period_sum))
        .where(ActivityProgress.activity_id == Activity.id, published(ActivityProgress))
        .correlate(Activity)
        .scalar_subquery()
    )


def reached_columns(start=None, end=None):
    """``{part: expression}`` for the total and the four parts, labelled ``reached_<part>``."""
    return {part: reached_column(start, end, part).label(f"reached_{part}") for part in PARTS}


def reached_of(activity_id, start=None, end=None):
    """The five figures of one activity as a dict ``{part: number or None}`` (one query)."""
    columns = reached_columns(start, end)
    row = db.session.execute(db.select(*columns.values()).where(Activity.id == activity_id)).one()
    return dict(zip(columns, row))


def has_approved_reports(activity_id):
    """Whether the activity's "reached" comes from approved monthly reports (one query)."""
    return bool(db.session.scalar(
        db.select(db.exists().where(ActivityProgress.activity_id == activity_id,
                                    published(ActivityProgress)))))
