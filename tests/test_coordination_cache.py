"""The matrix is cached briefly: the whole page for anonymous visitors (as the other public
pages), the table alone for members, dropped as soon as a decision is audited or an activity
added. Its fast number format is the same text as ``|num``."""
from datetime import date

import pytest

from portal import audit, pagecache
from portal.coordination import cache
from portal.coordination.routes import _integer_format
from portal.extensions import db
from portal.i18n import format_number
from tests.conftest import login
from tests.test_coordination_matrix import YEAR, cell, get


@pytest.fixture
def app_config(app_config):
    app_config["PAGE_CACHE_SECONDS"] = 30
    return app_config


@pytest.fixture(autouse=True)
def _empty_cache():
    pagecache.forget()
    cache.forget()
    yield
    pagecache.forget()
    cache.forget()


def test_visitors_get_the_cached_page_members_a_fresh_one(app, client, make_user, make_activity,
                                                          count_queries):
    make_activity(sector="HEALTH", areas=("SY07",), start=date(YEAR, 1, 1))
    assert cell(get(client), "HEALTH", "SY07").startswith("1 organisation")
    make_activity(sector="HEALTH", areas=("SY07",), start=date(YEAR, 1, 1))
    with count_queries() as q:
        html = get(client)
    assert q.count == 0 and cell(html, "HEALTH", "SY07").startswith("1 organisation")
    member = app.test_client()
    login(member, make_user())
    assert cell(get(member), "HEALTH", "SY07").startswith("⚠ Possible overlap: 2 organisations")
    pagecache.forget()
    assert cell(get(client), "HEALTH", "SY07").startswith("⚠ Possible overlap: 2 organisations")


def test_members_get_the_kept_table_until_something_changes(app, make_user, make_activity,
                                                            count_queries):
    first = make_activity(sector="WASH", areas=("SY03",), reached_total=10, start=date(YEAR, 1, 1))
    member = app.test_client()
    login(member, make_user())
    assert cell(get(member), "WASH", "SY03").endswith("10 reached")
    with count_queries() as q:
        assert cell(get(member), "WASH", "SY03").endswith("10 reached")
    assert not any("GROUP BY" in s for s in q.statements)  # only the check that nothing changed
    assert q.count <= 4  # the user, the governorates for the level choice, the change check
    first.reached_total = 20  # a change nobody audited: kept for the cache time
    db.session.commit()
    assert cell(get(member), "WASH", "SY03").endswith("10 reached")
    audit.record("activity.archived", kind="activity", object_id=999)  # any audited change
    db.session.commit()
    assert cell(get(member), "WASH", "SY03").endswith("20 reached")
    make_activity(sector="WASH", areas=("SY03",), reached_total=5, start=date(YEAR, 1, 1))
    assert cell(get(member), "WASH", "SY03").endswith("25 reached")  # a new activity
    # Each language and each period is kept apart.
    assert "الصحة" in member.get("/coordination?lang=ar").get_data(as_text=True)
    assert cell(get(member, f"/coordination?from={YEAR - 3}-01-01&to={YEAR - 3}-12-31"), "WASH", "SY03") is None


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_the_fast_number_format_is_the_same_as_num(app, lang):
    with app.test_request_context(f"/coordination?lang={lang}"):
        fast = _integer_format()
        for n in (0, 7, 12, 999, 1000, 1234, 56789, 1234567, 98765432):
            assert fast(n) == format_number(n), n
