"""Text search on the activity list (``q``): Arabic spellings find each other, in both
languages; only what the reader may see is found."""
import pytest

from portal.activities import services
from portal.extensions import db
from portal.models import Activity
from tests.conftest import login
from tests.test_activities_lifecycle import page


@pytest.fixture
def school(make_activity):
    return make_activity(title_ar="تأهيل المدرسة الابتدائية في إدلب", title_en="Primary school repairs",
                         description_ar="ترميم الصفوف وتوزيع القرطاسية على الأطفال",
                         description_en="Classrooms and **stationery** for children")


FINDING = [
    "مدرسه",            # taa marbuta written as heh, no article
    "المدرسة",          # with the article
    "مَدْرَسَة",           # with tashkeel
    "مدرســة",          # with tatweel
    "مدر",              # a prefix
    "اطفال",            # hamza dropped (description)
    "قرطاسيه ادلب",     # two words, both must match
    "SCHOOL",           # English, any case
    "stationery",       # English description
]


def test_spellings_find_the_activity(client, school):
    for query in FINDING:
        assert "Primary school repairs" in page(client, "/activities?lang=en&q=" + query), query
    for query in ("مدرسة مستشفى", "hospital", "ادلبي"):   # every word must match
        assert "Primary school repairs" not in page(client, "/activities?lang=en&q=" + query), query


def test_search_combines_with_filters(client, school):
    assert "Primary school repairs" in page(client, "/activities?lang=en&q=مدرسة&sector=HEALTH")
    assert "Primary school repairs" not in page(client, "/activities?lang=en&q=مدرسة&sector=WASH")


def test_others_do_not_find_drafts_but_owners_do(client, make_user, make_activity):
    staff = make_user()
    make_activity(org=staff.org, state="draft", title_en="Secret orchard")
    assert "Secret orchard" not in page(client, "/activities?lang=en&q=orchard")
    login(client, staff)
    assert "Secret orchard" not in page(client, "/activities?lang=en&q=orchard")
    assert "Secret orchard" in page(client, "/activities?lang=en&q=orchard&mine=1")


def test_a_pending_edit_is_not_found_until_approved(app, make_user, make_activity):
    from portal.moderation import services as moderation
    from portal.activities.kind import snapshot

    staff = make_user()
    item = make_activity(org=staff.org, title_en="Bakery support")
    content = dict(snapshot(item), title_en="Bakery and mill support")
    services.update(item, staff, content, submit=True)
    client = app.test_client()
    assert "Bakery support" in page(client, "/activities?lang=en&q=bakery")
    assert "Bakery" not in page(client, "/activities?lang=en&q=mill")
    moderation.decide(db.session.get(Activity, item.id), make_user(role="secretariat"), "approve")
    assert "Bakery and mill support" in page(client, "/activities?lang=en&q=mill")


def test_the_search_box_keeps_the_query(client, school):
    html = page(client, "/activities?lang=en&q=مدرسة")
    assert 'value="مدرسة"' in html
