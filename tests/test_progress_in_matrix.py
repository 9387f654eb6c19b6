""""Reached" in the matrix and the exports is the sum of approved monthly reports in the period
asked for, or the activity's own figure when it has none."""
import csv
import io
import json
from datetime import date

from tests.progress_helpers import add_report
from tests.test_coordination_matrix import YEAR, cell, get


def _csv(client, query):
    text = client.get(f"/activities/export.csv?lang=en&{query}").get_data(as_text=True).lstrip("\ufeff")
    reader = csv.reader(io.StringIO(text))
    next(reader)
    tags = next(reader)
    return [dict(zip(tags, row)) for row in reader]


def test_the_matrix_sums_approved_months_of_the_period(client, make_activity):
    reported = make_activity(sector="HEALTH", areas=("SY07",), reached_total=1000,
                             start=date(YEAR, 1, 1), end=date(YEAR, 12, 31))
    add_report(reported, f"{YEAR}-03", 30)
    add_report(reported, f"{YEAR}-04", 20, women=5)
    add_report(reported, f"{YEAR}-05", 999, state="submitted")  # not approved: not counted
    make_activity(sector="HEALTH", areas=("SY02",), reached_total=100, start=date(YEAR, 1, 1))
    assert cell(get(client), "HEALTH", "SY07") == "1 organisation 1 activity 50 reached"
    assert cell(get(client), "HEALTH", "SY02") == "1 organisation 1 activity 100 reached"  # its own figure
    march = get(client, f"/coordination?from={YEAR}-03-01&to={YEAR}-03-31")
    assert cell(march, "HEALTH", "SY07") == "1 organisation 1 activity 30 reached"
    june = get(client, f"/coordination?from={YEAR}-06-01&to={YEAR}-06-30")
    assert cell(june, "HEALTH", "SY07") == "1 organisation 1 activity 0 reached"
    assert "the sum of an activity's approved monthly progress reports in the period" in june


def test_exports_count_the_same_period(client, make_activity):
    activity = make_activity(sector="WASH", areas=("SY07",), reached_total=1000,
                             start=date(YEAR, 1, 1), end=date(YEAR, 12, 31))
    add_report(activity, f"{YEAR}-03", 30, women=10, girls=5)
    add_report(activity, f"{YEAR}-04", 20, women=2)
    (row,) = _csv(client, f"from={YEAR}-01-01&to={YEAR}-12-31")
    assert (row["#reached"], row["#reached+f+adults"], row["#reached+f+children"]) == ("50", "12", "5")
    (row,) = _csv(client, f"from={YEAR}-04-01&to={YEAR}-04-30")
    assert row["#reached"] == "20"
    (obj,) = json.loads(client.get(f"/activities/export.json?from={YEAR}-03-01&to={YEAR}-03-31")
                        .get_data(as_text=True))
    assert obj["reached"] == 30 and obj["reached_women"] == 10 and obj["targeted"] is None
