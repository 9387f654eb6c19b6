"""The activity list: filters, order, pagination, bad filter values, and a constant number of
SQL queries per page."""
import re
from datetime import date

import pytest

from portal.extensions import db
from tests.conftest import login
from tests.test_activities_lifecycle import page


def titles(client, query=""):
    html = page(client, "/activities?lang=en" + query)
    found = [t for t in ("Alpha", "Bravo", "Charlie", "Delta", "Echo") if f">{t}<" in html]
    return sorted(found, key=lambda t: html.index(f">{t}<"))


@pytest.fixture
def sample(make_activity, make_org):
    hope = make_org(slug="hope", name_en="Hope")
    make_activity(org=hope, title_en="Alpha", sector="HEALTH", areas=("SY07",),
                  start=date(2026, 1, 1), end=date(2026, 6, 30), status="ongoing")
    make_activity(title_en="Bravo", sector="EDUCATION", areas=("SY02", "TUR"),
                  start=date(2026, 3, 1), end=None, status="planned")
    make_activity(title_en="Charlie", sector="WASH", areas=("SY01",),
                  start=date(2025, 1, 1), end=date(2025, 12, 31), status="completed")
    make_activity(title_en="Delta", state="draft")
    return hope


def test_newest_start_first_and_only_published(client, sample):
    assert titles(client) == ["Bravo", "Alpha", "Charlie"]


FILTER_CASES = [
    ("&sector=HEALTH", ["Alpha"]),
    ("&area=TUR", ["Bravo"]),
    ("&area=SY02", ["Bravo"]),
    ("&org=hope", ["Alpha"]),
    ("&status=completed", ["Charlie"]),
    ("&from=2026-07-01", ["Bravo"]),                        # Alpha ended in June; Bravo is open
    ("&to=2025-06-30", ["Charlie"]),
    ("&from=2026-02-01&to=2026-02-28", ["Alpha"]),
    ("&from=٢٠٢٥-٠١-٠١&to=٢٠٢٥-٠٢-٠١", ["Charlie"]),         # Arabic-Indic digits
    ("&sector=HEALTH&area=SY02", []),
]


def test_filters(client, sample):
    for query, expected in FILTER_CASES:
        assert titles(client, query) == expected, query


def test_a_further_sector_counts_for_the_sector_filter(client, make_activity):
    from portal.models import Sector

    item = make_activity(title_en="Alpha", sector="HEALTH")
    item.sectors.append(db.session.scalar(db.select(Sector).where(Sector.code == "NUTRITION")))
    db.session.commit()
    assert titles(client, "&sector=NUTRITION") == ["Alpha"]


def test_unknown_filter_values_are_ignored(client, sample):
    for query in ("&sector=NOPE", "&area=XX99", "&org=nobody", "&status=approved", "&page=abc",
                  "&page=-3", "&mine=1", "&q=", "&sector=%00", "&q=" + "x" * 500):
        response = client.get("/activities?lang=en" + query)
        assert response.status_code == 200, query
        if "q=x" not in query:
            assert titles(client, query) == ["Bravo", "Alpha", "Charlie"], query
    assert "This is too long." in page(client, "/activities?lang=en&q=" + "x" * 500)


def test_a_bad_date_is_shown_and_not_applied(client, sample):
    html = page(client, "/activities?lang=en&from=31/02/2026")
    assert "A filter could not be read" in html and "Enter a date as year-month-day" in html
    assert titles(client, "&from=31/02/2026") == ["Bravo", "Alpha", "Charlie"]
    assert "The end date is before the start date" in page(client, "/activities?lang=en&from=2026-02-01&to=2026-01-01")


def test_pages_keep_the_filters(client, make_activity, app):
    app.config["PAGE_SIZE"] = 2
    for i in range(5):
        make_activity(title_en=f"Health {i}", sector="HEALTH", start=date(2026, 1, 1 + i))
    make_activity(title_en="Other", sector="WASH")
    first = page(client, "/activities?lang=en&sector=HEALTH")
    assert "Health 4" in first and "Health 3" in first and "Health 2" not in first
    assert 'rel="next"' in first and "sector=HEALTH" in first.split('rel="next"')[1].split(">")[0]
    third = page(client, "/activities?lang=en&sector=HEALTH&page=3")
    assert "Health 0" in third and 'rel="next"' not in third and "Other" not in third
    assert "No activities match" in page(client, "/activities?lang=en&page=99")
    assert client.get("/activities?page=99999999999999999999").status_code == 404


def test_mine_lists_every_state_of_ones_own_organisation(client, make_user, make_activity):
    staff = make_user(locale="en")
    for state in ("draft", "submitted", "changes_requested", "rejected", "archived", "approved"):
        make_activity(org=staff.org, state=state, title_en=f"Own {state}")
    make_activity(title_en="Another org work")
    login(client, staff)
    html = page(client, "/activities?lang=en&mine=1")
    for state in ("draft", "submitted", "changes_requested", "rejected", "archived", "approved"):
        assert f"Own {state}" in html
    assert "Another org work" not in html and "Awaiting review" in html
    everyone = page(client, "/activities?lang=en")
    assert "Own draft" not in everyone and "Own approved" in everyone and "Another org work" in everyone


def _many(make_activity, make_org, n):
    orgs = [make_org() for _ in range(3)]
    for i in range(n):
        make_activity(org=orgs[i % 3], areas=("SY07", "SY02"), sector="HEALTH",
                      visibility="members" if i % 4 == 0 else "public")


@pytest.mark.parametrize("who", ["public", "member"])
def test_a_page_costs_the_same_queries_for_3_or_30_activities(app, client, make_activity, make_org,
                                                              make_user, count_queries, who):
    if who == "member":
        login(client, make_user())
    _many(make_activity, make_org, 3)
    with count_queries() as few:
        assert client.get("/activities?sector=HEALTH&q=نشاط").status_code == 200
    _many(make_activity, make_org, 27)
    with count_queries() as many:
        html = client.get("/activities?sector=HEALTH&q=نشاط").get_data(as_text=True)
    assert len(re.findall(r'href="/activities/\d+"', html)) == (25 if who == "member" else 22)
    assert few.count == many.count <= 8, many.statements
    app.config["PAGE_SIZE"] = 50
    with count_queries() as bigger:
        client.get("/activities")
    assert bigger.count == many.count


def test_visitors_cached_list_follows_approvals_and_archiving(app, client, make_activity, make_user):
    from portal import pagecache
    from portal.activities import services
    from portal.moderation import services as moderation

    app.config["PAGE_CACHE_SECONDS"] = 30
    pagecache.forget()
    try:
        staff = make_user()
        item = make_activity(org=staff.org, state="submitted", title_en="Fresh news")
        assert "Fresh news" not in page(client, "/activities?lang=en")      # now cached
        moderation.decide(item, make_user(role="secretariat"), "approve")
        assert "Fresh news" in page(client, "/activities?lang=en")
        services.archive(item, staff)
        assert "Fresh news" not in page(client, "/activities?lang=en")
    finally:
        pagecache.forget()


def test_matrix_links_filter_on_the_main_sector_only(client, make_activity):
    from portal.extensions import db
    from portal.models import Sector

    main = make_activity(sector="HEALTH", title_en="Main health")
    other = make_activity(sector="WASH", title_en="Water with health")
    other.sectors = other.sectors + [db.session.scalar(db.select(Sector).where(Sector.code == "HEALTH"))]
    db.session.commit()
    any_sector = client.get("/activities?sector=HEALTH&lang=en").get_data(as_text=True)
    assert "Main health" in any_sector and "Water with health" in any_sector
    main_only = client.get("/activities?sector=HEALTH&main=1&lang=en").get_data(as_text=True)
    assert "Main health" in main_only and "Water with health" not in main_only
    assert main.id != other.id
