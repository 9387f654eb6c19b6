"""Overlap hints: while drafting, a member sees approved activities of other organisations in
the same sector and area at the same time."""
from datetime import date

import pytest

from portal.activities import queries
from tests.conftest import login, post_form
from tests.test_activities_lifecycle import activity_data, create, page


@pytest.fixture
def others(make_activity, make_org):
    other = make_org(name_en="Neighbours")
    make_activity(org=other, title_en="Same place and time", sector="EDUCATION", areas=("SY07",),
                  start=date(2026, 1, 1), end=date(2026, 6, 30))
    make_activity(org=other, title_en="Open ended", sector="PROTECTION", areas=("TUR",),
                  start=date(2025, 1, 1))
    make_activity(org=other, title_en="Members only overlap", sector="EDUCATION", areas=("SY07",),
                  visibility="members", start=date(2026, 5, 1))
    make_activity(org=other, title_en="Other sector", sector="HEALTH", areas=("SY07",))
    make_activity(org=other, title_en="Other area", sector="EDUCATION", areas=("SY01",))
    make_activity(org=other, title_en="Too early", sector="EDUCATION", areas=("SY07",),
                  start=date(2024, 1, 1), end=date(2025, 12, 31))
    make_activity(org=other, title_en="Not approved yet", sector="EDUCATION", areas=("SY07",),
                  state="submitted")
    return other


EXPECTED = {"Same place and time", "Open ended", "Members only overlap"}
NOT_EXPECTED = {"Other sector", "Other area", "Too early", "Not approved yet"}


def _shown(html):
    return {t for t in EXPECTED | NOT_EXPECTED | {"Own work"} if t in html}


def test_the_edit_page_shows_overlaps_of_the_saved_draft(client, make_user, make_activity, others):
    staff = make_user(locale="en")
    make_activity(org=staff.org, title_en="Own work", sector="EDUCATION", areas=("SY07",))
    login(client, staff)
    _, item = create(client)   # education (+ protection), Idleb and Türkiye, March to September 2026
    html = page(client, f"/activities/{item.id}/edit?lang=en")
    assert "Similar work by other organisations" in html
    assert _shown(html) == EXPECTED


def test_the_new_page_shows_overlaps_after_a_check(client, make_user, others):
    login(client, make_user(locale="en"))
    assert "Similar work by other organisations" not in page(client, "/activities/new?lang=en")
    response = post_form(client, "/activities/new?lang=en", activity_data(action="check", title_en=""))
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and _shown(html) == EXPECTED
    assert "Please correct the marked fields." not in html      # a check is not a save
    assert 'value="2026-03-01"' in html


def test_a_failed_save_shows_overlaps_too(client, make_user, others):
    login(client, make_user(locale="en"))
    response, item = create(client, title_ar="", title_en="", sectors=[], areas=["SY07"])
    html = response.get_data(as_text=True)
    assert item is None and _shown(html) == {"Same place and time", "Members only overlap"}


def test_no_overlap_says_so(client, make_user, others):
    login(client, make_user(locale="en"))
    response = post_form(client, "/activities/new?lang=en",
                         activity_data(action="check", areas=["SY14"], sectors=[]))
    assert "No approved activity of another organisation" in response.get_data(as_text=True)


def test_overlaps_are_one_query(app, make_user, others, count_queries):
    staff = make_user()
    assert staff.is_authenticated  # loaded with its organisation, as on a page
    with app.test_request_context():
        with count_queries() as counted:
            found = queries.overlaps(staff, ["EDUCATION", "PROTECTION"], ["SY07", "TUR"],
                                     date(2026, 3, 1), None)
            titles = {a.title_en for a in found}
            {(a.org.name_en, a.primary_sector.code) for a in found}
    assert titles == EXPECTED and counted.count == 1, counted.statements
