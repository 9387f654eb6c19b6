"""``reached_column``: the people reached in a period are the sum of the approved monthly
reports in it, or the activity's own figure when it has no approved report; usable inside an
aggregate query over activities (the matrix, the exports)."""
from datetime import date

import pytest
from sqlalchemy import func

from portal.activities.reached import reached_column, reached_columns, reached_of
from portal.extensions import db
from portal.models import Activity
from tests.progress_helpers import add_report

START = date(2025, 1, 1)


def _reached(activity, start=None, end=None, part="total"):
    return db.session.scalar(db.select(reached_column(start, end, part)).where(Activity.id == activity.id))


def test_without_reports_the_activity_keeps_its_own_figures(make_activity):
    item = make_activity(start=START, reached_total=400, reached_women=150, reached_men=100,
                         reached_girls=90, reached_boys=60)
    assert reached_of(item.id) == {"total": 400, "women": 150, "men": 100, "girls": 90, "boys": 60}
    # Whatever the period: the activity's figure is a snapshot of the whole activity.
    assert _reached(item, date(2025, 3, 1), date(2025, 3, 31)) == 400
    empty = make_activity(start=START)
    assert reached_of(empty.id)["total"] is None


def test_approved_reports_replace_the_own_figure_and_are_summed_in_the_period(make_activity):
    item = make_activity(start=START, reached_total=9999, reached_women=9999)
    add_report(item, "2025-01", 100, women=40, men=30)
    add_report(item, "2025-02", 200, women=50)
    add_report(item, "2025-03", 300)
    assert _reached(item) == 600
    assert _reached(item, part="women") == 90 and _reached(item, part="men") == 30
    assert _reached(item, part="girls") is None  # no report splits it
    # A month counts when it overlaps the period, even partly.
    assert _reached(item, date(2025, 2, 15), date(2025, 3, 1)) == 500
    assert _reached(item, date(2025, 2, 1), None) == 500
    assert _reached(item, None, date(2025, 1, 31)) == 100
    # Reports exist, none in the period: 0 reached in it (not the activity's own figure).
    assert _reached(item, date(2025, 6, 1), date(2025, 12, 31)) == 0


@pytest.mark.parametrize("state", ["submitted", "changes_requested", "rejected", "draft"])
def test_reports_not_approved_are_ignored(make_activity, state):
    item = make_activity(start=START, reached_total=70)
    add_report(item, "2025-01", 1000, state=state)
    assert _reached(item) == 70
    add_report(item, "2025-02", 5)
    assert _reached(item) == 5


def test_a_pending_correction_counts_the_approved_figures(make_activity):
    item = make_activity(start=START, reached_total=70)
    add_report(item, "2025-01", 100, state="submitted",
               proposal={"reached_total": 5000, "month": "2025-01-01"})
    assert _reached(item) == 100


def test_inside_an_aggregate_query_over_activities(make_activity, make_org):
    org_a, org_b = make_org(), make_org()
    with_reports = make_activity(org=org_a, start=START, reached_total=1)
    add_report(with_reports, "2025-01", 10, women=4)
    add_report(with_reports, "2025-02", 20, women=6)
    make_activity(org=org_a, start=START, reached_total=300, reached_women=100)
    other = make_activity(org=org_b, start=START, reached_total=7)
    add_report(other, "2024-12", 50)  # before the period
    add_report(other, "2025-01", 8, state="submitted")  # not approved
    period = (date(2025, 1, 1), date(2025, 12, 31))
    columns = reached_columns(*period)
    rows = db.session.execute(
        db.select(Activity.org_id, func.sum(columns["total"]), func.sum(columns["women"]),
                  func.count(Activity.id))
        .group_by(Activity.org_id).order_by(Activity.org_id)).all()
    assert [tuple(r) for r in rows] == [(org_a.id, 330, 110, 2), (org_b.id, 0, None, 1)]


def test_unknown_part_is_refused(app):
    with pytest.raises(ValueError):
        reached_column(part="elders")
