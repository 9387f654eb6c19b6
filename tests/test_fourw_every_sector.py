"""Every sector counts: an activity appears in the matrix and the exports under each of its
sectors and areas; a pivot of the long export gives the matrix cell by cell; totals count each
activity once."""
import csv
import io
import json
import random
import re
from collections import defaultdict
from datetime import date

import pytest

from portal.coordination import queries as matrix_queries
from portal.extensions import db
from portal.models import Sector
from tests.conftest import login
from tests.test_coordination_matrix import YEAR, cell, get

SECTOR_CODES = ("HEALTH", "WASH", "EDUCATION", "FSL", "RELIEF", "PROTECTION")
AREA_CODES = ("SY01", "SY02", "SY07", "SY08", "TUR", "LBN")


@pytest.fixture
def varied(make_org, make_activity):
    """18 activities of 4 organisations, each with 1–3 sectors and 1–4 areas."""
    rng = random.Random(2014)
    orgs = [make_org() for _ in range(4)]
    sectors = {s.code: s for s in db.session.scalars(db.select(Sector))}
    made = []
    for i in range(18):
        codes = rng.sample(SECTOR_CODES, 1 + i % 3)
        activity = make_activity(org=orgs[rng.randrange(4)], sector=codes[0],
                                 areas=tuple(rng.sample(AREA_CODES, 1 + i % 4)),
                                 reached_total=rng.choice([None, 10, 250, 1234]),
                                 start=date(YEAR, 1 + i % 12, 1))
        activity.sectors = [sectors[c] for c in codes]
        made.append(activity)
    db.session.commit()
    return made


def _export_rows(client):
    response = client.get("/activities/export.csv?lang=en&from=%d-01-01&to=%d-12-31" % (YEAR, YEAR))
    reader = csv.reader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff")))
    header, tags = next(reader), next(reader)
    return [dict(zip(tags, row)) for row in reader]


def _pivot(rows):
    """What a spreadsheet pivot gives: per (sector, area) the distinct organisations, the
    rows (activities) and the sum of people reached."""
    cells = defaultdict(lambda: [set(), 0, 0])
    for row in rows:
        area = row["#adm1+code"] or row["#country+code"]
        entry = cells[(row["#sector+code"], area)]
        entry[0].add(row["#org+code"])
        entry[1] += 1
        entry[2] += int(row["#reached"] or 0)
    return {key: (len(orgs), n, people) for key, (orgs, n, people) in cells.items()}


def test_the_matrix_equals_a_pivot_of_the_export_cell_by_cell(app, client, varied):
    pivot = _pivot(_export_rows(client))
    html = get(client)
    with app.test_request_context():
        matrix = matrix_queries.matrix(None, date(YEAR, 1, 1), date(YEAR, 12, 31))
    computed = {}
    for sector, cells, _total in matrix.rows():
        for area, c in cells:
            if c:
                computed[(sector.code, area.code)] = (c.organisations, c.activities, c.people)
    assert computed == pivot
    for (sector, area), (orgs, n, people) in pivot.items():
        text = cell(html, sector, area)
        assert f"{orgs} organisation" in text and f"{n} activit" in text and f"{people:,} reached" in text


def test_an_activity_counts_under_every_sector_it_lists(client, make_activity):
    fsl = make_activity(sector="FSL", areas=("SY07", "SY02"), reached_total=300, start=date(YEAR, 3, 1))
    fsl.sectors = fsl.sectors + [db.session.scalar(db.select(Sector).where(Sector.code == "RELIEF"))]
    db.session.commit()
    html = get(client)
    for sector in ("FSL", "RELIEF"):
        for area in ("SY07", "SY02"):
            assert cell(html, sector, area) == "1 organisation 1 activity 300 reached", (sector, area)
    assert "a person reached may be counted in several cells" in html
    # The totals count the activity once.
    assert _total(html, "") == "1 organisation 1 activity 300 reached"
    assert _total(html, "sector=FSL&amp;") == _total(html, "sector=RELIEF&amp;") == \
        "1 organisation 1 activity 300 reached"
    assert _total(html, "area=SY07&amp;") == "1 organisation 1 activity 300 reached"


def _total(html, query):
    match = re.search(rf'<td class="total"><a href="/activities\?{query}from=[^"]+">(.*?)</a></td>', html, re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", match.group(1))).strip() if match else None


def test_totals_count_each_activity_once(app, client, varied):
    rows = _export_rows(client)
    by_activity = {row["#activity+code"]: row for row in rows}
    with app.test_request_context():
        matrix = matrix_queries.matrix(None, date(YEAR, 1, 1), date(YEAR, 12, 31))
    assert matrix.total.activities == len(by_activity) == len(varied)
    assert matrix.total.people == sum(int(r["#reached"] or 0) for r in by_activity.values())
    assert matrix.total.organisations == len({r["#org+code"] for r in rows})
    for sector, _cells, total in matrix.rows():
        mine = {r["#activity+code"]: r for r in rows if r["#sector+code"] == sector.code}
        assert total.activities == len(mine)
        assert total.people == sum(int(r["#reached"] or 0) for r in mine.values())
    # A sector's total is not the sum of its cells when an activity works in several areas.
    assert any(total.people < sum(c.people for _a, c in cells if c)
               for _s, cells, total in matrix.rows())


def test_the_export_marks_the_main_sector(client, make_activity):
    fsl = make_activity(sector="FSL", areas=("SY07",), start=date(YEAR, 3, 1))
    fsl.sectors = fsl.sectors + [db.session.scalar(db.select(Sector).where(Sector.code == "RELIEF"))]
    db.session.commit()
    rows = _export_rows(client)
    assert {(r["#sector+code"], r["#sector+main"]) for r in rows} == {("FSL", "1"), ("RELIEF", "0")}


def test_the_sector_filter_keeps_that_sectors_rows(client, varied):
    rows = _export_rows(client)
    health = [r for r in rows if r["#sector+code"] == "HEALTH"]
    response = client.get("/activities/export.csv?lang=en&sector=HEALTH&from=%d-01-01" % YEAR)
    reader = csv.reader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff")))
    next(reader), next(reader)
    assert len(list(reader)) == len(health)


def test_json_keeps_one_object_per_activity_with_lists(client, varied, make_user):
    login(client, make_user())
    objects = json.loads(client.get("/activities/export.json?lang=en").get_data(as_text=True))
    assert len(objects) == len(varied)
    by_id = {o["activity_id"]: o for o in objects}
    for activity in varied:
        o = by_id[activity.id]
        assert [s["code"] for s in o["sectors"]] == [s.code for s in activity.sectors]
        assert o["main_sector"] == activity.primary_sector.code
        assert [s["main"] for s in o["sectors"]].count(True) == 1
        assert sorted(a["code"] for a in o["areas"]) == sorted(a.code for a in activity.areas)
