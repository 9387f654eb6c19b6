"""The moderation queue: everything awaiting review across every registered kind, oldest first,
filtered by kind, organisation and sector, in a constant number of queries; secretariat only.

Also the helpers the other moderation tests share (``activity_kind``, ``submitted``)."""
from datetime import timedelta

import pytest
from flask_babel import lazy_gettext as _l
from sqlalchemy import or_

from portal.extensions import db
from portal.models import Activity, activity_sector, utcnow
from portal.moderation import registry, services
from tests.conftest import login
from tests.test_secretariat_orgs import assert_only_secretariat, secretariat_client, text


# --- shared helpers ---------------------------------------------------------------------------

def _fallback_snapshot(a):
    return {"title_ar": a.title_ar, "title_en": a.title_en, "description_ar": a.description_ar,
            "description_en": a.description_en, "primary_sector": a.primary_sector.code,
            "areas": [x.code for x in a.areas], "start_date": a.start_date.isoformat(),
            "end_date": a.end_date.isoformat() if a.end_date else None, "status": a.status,
            "visibility": a.visibility, "reached_total": a.reached_total}


def _fallback_apply(a, proposal):
    for key in ("title_ar", "title_en", "description_ar", "description_en", "status", "visibility",
                "reached_total"):
        if key in proposal:
            setattr(a, key, proposal[key])


def _fallback_sector(sector_id):
    return or_(Activity.primary_sector_id == sector_id, Activity.id.in_(
        db.select(activity_sector.c.activity_id).where(activity_sector.c.sector_id == sector_id)))


@pytest.fixture
def activity_kind(app):
    """The "activity" kind as the activities feature registers it; a minimal stand-in when that
    feature has not registered one (so that these tests run on their own)."""
    kind = registry.KINDS.get("activity")
    if kind is not None:
        yield kind
        return
    kind = registry.register(registry.ModeratedKind(
        name="activity", model=Activity, label=_l("Activity"), snapshot=_fallback_snapshot,
        apply_proposal=_fallback_apply, endpoint="activities.index", sector_clause=_fallback_sector))
    yield kind
    registry.KINDS.pop("activity", None)


@pytest.fixture
def submitted(activity_kind, make_activity, make_user):
    """``submitted(org=None, days_ago=0, edit=None, **kw)``: an activity awaiting review, sent
    by a member of its organisation. ``edit`` (a dict) makes it an edit of a published one."""

    def make(org=None, days_ago=0, edit=None, author=None, **kw):
        if edit is not None:
            item = make_activity(org=org, state="approved", **kw)
        else:
            item = make_activity(org=org, state="draft", **kw)
        author = author or make_user(org=item.org, locale=kw.get("locale", "ar"))
        if edit is not None:
            item.proposal = dict(activity_kind.snapshot(item), **edit)
            db.session.commit()
        services.submit(item, author)
        item.submitted_at = utcnow() - timedelta(days=days_ago)
        db.session.commit()
        return item

    return make


# --- the queue --------------------------------------------------------------------------------

def test_queue_lists_only_items_awaiting_review_oldest_first(app, make_user, submitted, make_activity):
    client, _ = secretariat_client(app, make_user)
    newer = submitted(title_en="Newer water trucking", days_ago=1)
    older = submitted(title_en="Older school repair", days_ago=5)
    edit = submitted(title_en="Published clinic", days_ago=3, edit={"title_en": "Clinic, extended"})
    make_activity(state="draft", title_en="A draft nobody sent")
    make_activity(state="approved", title_en="Already approved")
    html = text(client.get("/secretariat/moderation"))
    assert html.index("Older school repair") < html.index("Clinic, extended") < html.index("Newer water trucking")
    assert "A draft nobody sent" not in html and "Already approved" not in html
    for item in (newer, older, edit):
        assert f'href="/secretariat/moderation/activity/{item.id}"' in html
    assert "Edit of a published item" in html


def test_queue_filters_by_kind_organisation_and_sector(app, make_user, make_org, submitted):
    client, _ = secretariat_client(app, make_user)
    org = make_org(slug="olive-branch", name_en="Olive Branch")
    submitted(org=org, title_en="Olive health post", sector="HEALTH")
    submitted(title_en="Other school", sector="EDUCATION")
    html = text(client.get("/secretariat/moderation?org=olive-branch"))
    assert "Olive health post" in html and "Other school" not in html
    html = text(client.get("/secretariat/moderation?sector=EDUCATION"))
    assert "Other school" in html and "Olive health post" not in html
    html = text(client.get("/secretariat/moderation?kind=activity&sector=HEALTH"))
    assert "Olive health post" in html and "Other school" not in html
    # Unknown values are ignored, never an error.
    html = text(client.get("/secretariat/moderation?kind=nope&org=%00&sector=<b>&page=zz"))
    assert "Olive health post" in html and "Other school" in html


def test_a_new_kind_appears_without_change(app, make_user, submitted, activity_kind):
    """A second registered kind (here the same table under another name) joins the union."""
    client, _ = secretariat_client(app, make_user)
    item = submitted(title_en="Seen twice")
    registry.register(registry.ModeratedKind(
        name="zz_copy", model=Activity, label=_l("Resource"), snapshot=activity_kind.snapshot,
        apply_proposal=activity_kind.apply_proposal, endpoint=activity_kind.endpoint))
    try:
        html = text(client.get("/secretariat/moderation"))
        assert html.count("Seen twice") == 2
        assert f"/secretariat/moderation/zz_copy/{item.id}" in html
        html = text(client.get("/secretariat/moderation?kind=zz_copy"))
        assert html.count("Seen twice") == 1 and f"/secretariat/moderation/zz_copy/{item.id}" in html
        # A sector filter leaves out a kind that has no sectors.
        assert text(client.get("/secretariat/moderation?sector=HEALTH")).count("Seen twice") == 1
    finally:
        registry.KINDS.pop("zz_copy", None)


def test_queue_costs_the_same_queries_for_3_and_30_items(app, make_user, make_org, submitted,
                                                         count_queries):
    client, _ = secretariat_client(app, make_user)
    orgs = [make_org() for _ in range(3)]
    counts = []
    for n in (3, 27):
        for i in range(n):
            submitted(org=orgs[i % 3], days_ago=i % 7, edit={"title_en": "x"} if i % 4 == 0 else None,
                      areas=("SY01", "SY02"))
        with count_queries() as q:
            response = client.get("/secretariat/moderation")
        assert response.status_code == 200
        counts.append(q.count)
    assert counts[0] == counts[1], counts
    assert counts[0] <= 8
    assert 'rel="next"' in text(client.get("/secretariat/moderation"))
    html = text(client.get("/secretariat/moderation?page=2"))
    assert html.count('href="/secretariat/moderation/activity/') == 5


def test_only_the_secretariat_sees_the_queue(app, make_user, submitted):
    item = submitted()
    assert_only_secretariat(app, make_user, gets=[
        "/secretariat/moderation", f"/secretariat/moderation/activity/{item.id}"],
        posts=[f"/secretariat/moderation/activity/{item.id}"])


def test_secretariat_overview_links_to_the_queue_with_the_count(app, make_user, submitted):
    client, _ = secretariat_client(app, make_user)
    submitted()
    submitted(edit={"title_en": "changed"})
    html = text(client.get("/secretariat/"))
    assert 'href="/secretariat/moderation"' in html
    assert "Submissions awaiting review: 2" in html


def test_arabic_queue(app, make_user, submitted):
    user = make_user(role="secretariat", locale="ar")
    client = app.test_client()
    login(client, user)
    submitted(title_ar="توزيع سلال غذائية", title_en="")
    html = text(client.get("/secretariat/moderation"))
    assert "توزيع سلال غذائية" in html and 'dir="rtl"' in html
