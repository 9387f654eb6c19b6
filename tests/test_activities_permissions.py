"""Who sees and who changes an activity: its own organisation, other members, the
secretariat and the public; and fields a member may not set."""
import pytest

from portal.extensions import db
from portal.models import Activity
from tests.conftest import login, post_form
from tests.test_activities_lifecycle import activity_data, create, page


@pytest.fixture
def outsider(client, make_user):
    """A logged-in member of another organisation."""
    user = make_user(locale="en")
    login(client, user)
    return user


STATES = ["draft", "submitted", "changes_requested", "rejected", "archived"]


def test_unpublished_activities_are_404_for_other_members(client, outsider, make_activity):
    for state in STATES:
        _hidden_from_others(client, make_activity(state=state, title_en="Hidden work"), state)


def _hidden_from_others(client, item, state):
    for url in (f"/activities/{item.id}", f"/activities/{item.id}/edit"):
        assert client.get(url).status_code == 404, url
    for action in ("submit", "archive"):
        response = post_form(client, f"/activities/{item.id}/{action}", form_url="/activities")
        assert response.status_code == 404
    response = post_form(client, f"/activities/{item.id}/edit", activity_data(), form_url="/activities/new")
    assert response.status_code == 404
    assert "Hidden work" not in page(client, "/activities?lang=en&mine=1")
    assert "Hidden work" not in page(client, "/activities?lang=en")
    assert "Hidden work" not in page(client, "/activities/export.csv")
    db.session.refresh(item)
    assert item.review_state == state


def test_the_public_sees_only_approved_public_activities(client, make_activity):
    for state in STATES + ["approved"]:
        item = make_activity(state=state)
        expected = 200 if state == "approved" else 404
        assert client.get(f"/activities/{item.id}").status_code == expected, state
        hidden = make_activity(state=state, visibility="members")
        assert client.get(f"/activities/{hidden.id}").status_code == 404, state


def test_members_only_activities_are_for_logged_in_users(client, make_activity, make_user):
    item = make_activity(visibility="members", title_en="For members")
    assert client.get(f"/activities/{item.id}").status_code == 404
    assert "For members" not in page(client, "/activities?lang=en")
    login(client, make_user())
    assert client.get(f"/activities/{item.id}").status_code == 200
    assert "For members" in page(client, "/activities?lang=en")


def test_other_members_see_a_published_activity_but_may_not_change_it(client, outsider, make_activity):
    item = make_activity(title_en="Published work")
    assert client.get(f"/activities/{item.id}").status_code == 200
    html = page(client, f"/activities/{item.id}?lang=en")
    assert f"/activities/{item.id}/edit" not in html and "Review:" not in html
    assert client.get(f"/activities/{item.id}/edit").status_code == 403
    response = post_form(client, f"/activities/{item.id}/edit", activity_data(title_en="Hijacked"),
                         form_url="/activities/new")
    assert response.status_code == 403
    for action in ("submit", "archive"):
        response = post_form(client, f"/activities/{item.id}/{action}", form_url="/activities/new")
        assert response.status_code == 403
    db.session.refresh(item)
    assert item.title_en == "Published work" and item.proposal is None and item.review_state == "approved"


def test_other_members_never_see_a_pending_edit(client, make_user, make_activity):
    owner = make_user()
    item = make_activity(org=owner.org, title_en="Before", sector="EDUCATION", areas=("SY07", "TUR"))
    login(client, owner)
    post_form(client, f"/activities/{item.id}/edit", activity_data(title_en="Secret plan"))
    other = client.application.test_client()
    login(other, make_user())
    html = page(other, f"/activities/{item.id}?lang=en")
    assert "Before" in html and "Secret plan" not in html
    assert "Secret plan" not in page(other, "/activities?lang=en&q=secret")
    assert str(item.id) not in page(other, "/activities/export.json?q=secret")


def test_the_public_is_sent_to_log_in_for_every_change(client, make_activity):
    item = make_activity()
    for url in ("/activities/new", f"/activities/{item.id}/edit"):
        response = client.get(url)
        assert response.status_code == 302 and "/login" in response.headers["Location"]
    for action in ("submit", "archive"):
        response = post_form(client, f"/activities/{item.id}/{action}", form_url="/login")
        assert response.status_code == 302 and "/login" in response.headers["Location"]
    db.session.refresh(item)
    assert item.review_state == "approved"


def test_the_secretariat_sees_everything_but_does_not_edit(client, make_user, make_activity):
    item = make_activity(state="draft", title_en="A draft")
    login(client, make_user(role="secretariat", locale="en"))
    html = page(client, f"/activities/{item.id}?lang=en")
    assert "A draft" in html and "Review: Draft" in html
    assert f"/activities/{item.id}/edit" not in html
    assert client.get(f"/activities/{item.id}/edit").status_code == 403
    assert client.get("/activities/new").status_code == 403
    for action in ("submit", "archive"):
        assert post_form(client, f"/activities/{item.id}/{action}",
                         form_url=f"/activities/{item.id}").status_code == 403
    assert "A draft" not in page(client, "/activities?lang=en")  # the list shows the published ones


def test_status_and_ownership_never_come_from_the_form(client, make_user, make_org):
    staff = make_user(locale="en")
    other = make_org()
    login(client, staff)
    forged = {"review_state": "approved", "is_published": "1", "org_id": str(other.id),
              "created_by_id": "1", "lock_version": "99", "proposal": "{}", "id": "5"}
    response, item = create(client, action="submit", **forged)
    assert response.status_code == 302
    assert item.org_id == staff.org_id and item.review_state == "submitted" and not item.is_published
    assert item.lock_version != 99

    response, nothing = create(client, status="approved")
    assert response.status_code == 200 and nothing is None
    assert "Choose a status from the list." in response.get_data(as_text=True)

    response = post_form(client, f"/activities/{item.id}/edit",
                         activity_data(title_en="Edited", **forged))
    db.session.refresh(item)
    assert item.org_id == staff.org_id and item.review_state == "draft" and not item.is_published
    assert db.session.scalar(db.select(db.func.count(Activity.id)).where(Activity.org_id == other.id)) == 0


def test_unknown_activities_are_404(client, make_user):
    assert client.get("/activities/999999").status_code == 404
    login(client, make_user())
    assert client.get("/activities/999999/edit").status_code == 404
    assert post_form(client, "/activities/999999/submit", form_url="/activities/new").status_code == 404
    assert client.get("/activities/abc").status_code == 404
    assert client.get("/activities/99999999999999999999").status_code == 404
    assert client.get("/activities/99999999999999999999/edit").status_code == 404


def test_state_changes_need_a_csrf_token(client, make_user, make_activity):
    staff = make_user()
    item = make_activity(org=staff.org, state="draft")
    login(client, staff)
    assert client.post(f"/activities/{item.id}/submit").status_code == 400
    assert client.post(f"/activities/{item.id}/archive").status_code == 400
    assert client.post("/activities/new", data=activity_data()).status_code == 400
    db.session.refresh(item)
    assert item.review_state == "draft"
