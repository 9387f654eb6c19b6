"""The 4W matrix: organisations, activities and people reached per sector and area for a period,
gaps and possible overlaps marked, the audience rule, one GROUP BY whatever the data size."""
import re
from datetime import date

import pytest

from portal.extensions import db
from tests.conftest import login
from tests.test_secretariat_orgs import text

YEAR = date.today().year
SECTORS, AREAS = 13, 18  # portal/data: sectors, 14 governorates + 4 neighbouring countries


def cell(html, sector, area):
    """The text of one cell (None when the cell is a gap: it has no link)."""
    match = re.search(rf'href="/activities\?sector={sector}&amp;area={area}&amp;from=[^"]+">(.*?)</a></td>',
                      html, re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", match.group(1))).strip() if match else None


def get(client, url="/coordination"):
    response = client.get(url + ("&" if "?" in url else "?") + "lang=en")
    assert response.status_code == 200
    return text(response)


def test_cells_count_organisations_activities_and_people(client, make_org, make_activity):
    one, two = make_org(), make_org()
    make_activity(org=one, sector="HEALTH", areas=("SY07",), reached_total=100, start=date(YEAR, 2, 1))
    make_activity(org=one, sector="HEALTH", areas=("SY07", "SY02"), reached_total=50, start=date(YEAR, 3, 1))
    make_activity(org=two, sector="HEALTH", areas=("SY07",), reached_total=None, start=date(YEAR - 1, 6, 1))
    make_activity(org=two, sector="EDUCATION", areas=("TUR",), reached_total=1234, start=date(YEAR, 1, 1),
                  end=date(YEAR, 1, 31))
    html = get(client)
    assert cell(html, "HEALTH", "SY07") == "⚠ Possible overlap: 2 organisations 3 activities 150 reached"
    assert cell(html, "HEALTH", "SY02") == "1 organisation 1 activity 50 reached"
    assert cell(html, "EDUCATION", "TUR") == "1 organisation 1 activity 1,234 reached"
    assert cell(html, "EDUCATION", "SY07") is None
    # Each cell links to the activity list with the same sector, area and period.
    assert (f'href="/activities?sector=HEALTH&amp;area=SY07&amp;from={YEAR}-01-01&amp;to={YEAR}-12-31"'
            in html)


def test_gaps_and_overlaps_are_marked_not_by_colour_alone(client, make_org, make_activity):
    one, two = make_org(), make_org()
    make_activity(org=one, sector="WASH", areas=("SY01",), start=date(YEAR, 1, 1))
    make_activity(org=two, sector="WASH", areas=("SY01",), start=date(YEAR, 1, 1))
    make_activity(org=one, sector="SHELTER", areas=("SY03",), start=date(YEAR, 1, 1))
    html = get(client)
    assert html.count('<td class="overlap">') == 1 and html.count("⚠") == 2  # the cell and the legend
    assert html.count('<td class="covered">') == 1
    gaps = SECTORS * AREAS - 2
    assert html.count('<td class="gap">') == gaps
    assert html.count('<span class="sr-only">Gap</span>') == gaps
    assert f"Gap: no activity in this sector and area in this period ({gaps} cells)" in html
    assert "Possible overlap: two or more organisations" in html and "(1 cells)" in html
    assert '<caption id="matrix-caption">' in html and 'scope="row"' in html


def test_the_period_counts_activities_whose_dates_overlap_it(client, make_activity):
    make_activity(title_en="open ended", sector="PROTECTION", areas=("SY04",), start=date(YEAR - 5, 1, 1))
    make_activity(sector="PROTECTION", areas=("SY05",), start=date(YEAR - 2, 1, 1), end=date(YEAR - 1, 12, 31))
    make_activity(sector="PROTECTION", areas=("SY06",), start=date(YEAR + 1, 1, 1))
    make_activity(sector="PROTECTION", areas=("SY09",), start=date(YEAR - 1, 12, 1), end=date(YEAR, 1, 1))
    html = get(client)
    assert cell(html, "PROTECTION", "SY04") and cell(html, "PROTECTION", "SY09")
    assert cell(html, "PROTECTION", "SY05") is None and cell(html, "PROTECTION", "SY06") is None
    html = get(client, f"/coordination?from={YEAR - 1}-01-01&to={YEAR - 1}-06-30")
    assert cell(html, "PROTECTION", "SY05") and cell(html, "PROTECTION", "SY04")
    assert cell(html, "PROTECTION", "SY09") is None and cell(html, "PROTECTION", "SY06") is None
    assert f"from={YEAR - 1}-01-01&amp;to={YEAR - 1}-06-30" in html
    # Only a start: to the end of that year. Arabic-Indic digits are read as typed.
    html = get(client, f"/coordination?from={YEAR + 1}-03-01")
    assert cell(html, "PROTECTION", "SY06") and cell(html, "PROTECTION", "SY05") is None
    arabic = str(YEAR + 1).translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))
    assert cell(get(client, f"/coordination?from={arabic}-٠٣-٠١"), "PROTECTION", "SY06")


@pytest.mark.parametrize("query, message", [
    ("from=2026-13-45", "Enter a date as year-month-day"),
    ("from=yesterday&to=<script>", "Enter a date as year-month-day"),
    ("from=2026-05-01&to=2026-01-01", "The end date is before the start date."),
    ("from=0001-01-01", "Enter a date as year-month-day"),
])
def test_bad_periods_are_explained_and_the_default_used(client, make_activity, query, message):
    make_activity(sector="HEALTH", areas=("SY07",), start=date(YEAR, 1, 1))
    html = get(client, "/coordination?" + query)
    assert message in html and "could not be read" in html
    assert "<script>" not in html


def test_public_sees_public_activities_members_also_members_only(app, client, make_user, make_activity):
    make_activity(sector="NUTRITION", areas=("SY08",), visibility="members", start=date(YEAR, 1, 1))
    make_activity(sector="NUTRITION", areas=("SY11",), visibility="public", start=date(YEAR, 1, 1))
    html = get(client)
    assert cell(html, "NUTRITION", "SY08") is None and cell(html, "NUTRITION", "SY11")
    assert "Members who log in also see" in html
    login(client, make_user())
    html = get(client)
    assert cell(html, "NUTRITION", "SY08") and cell(html, "NUTRITION", "SY11")


def test_unpublished_activities_never_count(app, client, make_org, make_user, make_activity):
    org = make_org()
    for state in ("draft", "submitted", "changes_requested", "rejected"):
        make_activity(org=org, state=state, sector="CCCM", areas=("SY02",), start=date(YEAR, 1, 1))
    archived = make_activity(org=org, sector="CCCM", areas=("SY03",), start=date(YEAR, 1, 1))
    archived.review_state = "archived"
    db.session.commit()
    # Not even for the staff of the organisation that drafted them, nor for the secretariat.
    for viewer in (None, make_user(org=org), make_user(role="secretariat")):
        client = app.test_client()
        if viewer:
            login(client, viewer)
        html = get(client)
        assert cell(html, "CCCM", "SY02") is None and cell(html, "CCCM", "SY03") is None


def test_a_pending_edit_counts_as_published(client, make_activity):
    item = make_activity(sector="FSL", areas=("SY12",), reached_total=10, start=date(YEAR, 1, 1))
    item.proposal = {"reached_total": 99999}
    item.review_state = "submitted"
    db.session.commit()
    assert cell(get(client), "FSL", "SY12") == "1 organisation 1 activity 10 reached"


def test_query_count_is_the_same_for_3_and_30_activities(client, make_org, make_activity, count_queries):
    orgs = [make_org() for _ in range(4)]
    sectors = ("HEALTH", "WASH", "EDUCATION")
    counts = []
    for n in (3, 27):
        for i in range(n):
            make_activity(org=orgs[i % 4], sector=sectors[i % 3], areas=("SY0%d" % (1 + i % 9), "LBN"),
                          reached_total=i, start=date(YEAR, 1 + i % 12, 1))
        with count_queries() as q:
            html = get(client)
        counts.append(q.count)
    assert counts[0] == counts[1] <= 5, counts
    assert cell(html, "HEALTH", "LBN").startswith("⚠ Possible overlap: 4 organisations 10 activities")


def test_the_matrix_in_arabic(client, make_activity):
    make_activity(sector="HEALTH", areas=("SY07",), reached_total=1500, start=date(YEAR, 1, 1))
    response = client.get("/coordination?lang=ar")
    html = text(response)
    assert 'dir="rtl"' in html and "إدلب" in html and "الصحة" in html
    assert "٢٠" in html  # dates and numbers with Arabic-Indic digits
