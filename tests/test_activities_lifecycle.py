"""An activity's life: draft, submit, changes requested, resubmit, approve; edits of a
published activity held for review; archiving. Also the helpers the other activity tests share."""
import pytest

from portal.extensions import db
from portal.models import Activity, AuditEvent, SearchTerm
from portal.moderation import services as moderation
from tests.conftest import login, post_form


def activity_data(**overrides):
    """A complete, valid activity form; ``action`` is the button pressed."""
    data = {
        "title_ar": "تأهيل مدرسة الأمل", "title_en": "Rehabilitation of Hope school",
        "description_ar": "ترميم **الصفوف**", "description_en": "Repairing **classrooms**",
        "primary_sector": "EDUCATION", "sectors": ["PROTECTION"], "areas": ["SY07", "TUR"],
        "start_date": "2026-03-01", "end_date": "2026-09-30", "status": "planned",
        "visibility": "public",
        "targeted_total": "1000", "targeted_women": "300", "targeted_men": "200",
        "targeted_girls": "250", "targeted_boys": "250",
        "reached_total": "", "action": "draft",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def create(client, **overrides):
    """Post the new-activity form; returns the response and the activity created (or None)."""
    before = db.session.scalar(db.select(db.func.max(Activity.id))) or 0
    response = post_form(client, "/activities/new", activity_data(**overrides))
    item = db.session.scalar(db.select(Activity).where(Activity.id > before))
    return response, item


def edit(client, item, **overrides):
    return post_form(client, f"/activities/{item.id}/edit", activity_data(**overrides))


def events(action):
    return db.session.scalars(db.select(AuditEvent).where(AuditEvent.action == action)).all()


def page(client, url):
    return client.get(url).get_data(as_text=True)


def test_member_saves_a_draft_of_their_own_organisation(client, make_user):
    staff = make_user(locale="en")
    login(client, staff)
    response, item = create(client)
    assert response.status_code == 302 and response.headers["Location"].endswith(f"/activities/{item.id}")
    assert item.org_id == staff.org_id and item.created_by_id == staff.id
    assert item.review_state == "draft" and not item.is_published
    assert [s.code for s in item.sectors] == ["EDUCATION", "PROTECTION"]
    assert item.primary_sector.code == "EDUCATION" and [a.code for a in item.areas] == ["SY07", "TUR"]
    assert (item.targeted_total, item.targeted_girls, item.reached_total) == (1000, 250, None)
    (event,) = events("activity.created")
    assert event.after["title_en"] == "Rehabilitation of Hope school" and event.actor_id == staff.id
    html = page(client, f"/activities/{item.id}?lang=en")
    assert "Draft" in html and "Only your organisation and the secretariat see this activity" in html
    assert "<strong>classrooms</strong>" in html


def test_draft_then_submit_then_changes_requested_then_resubmit_then_approved(client, make_user):
    staff = make_user(locale="en")
    secretariat = make_user(role="secretariat")
    login(client, staff)
    _, item = create(client)
    assert "Rehabilitation of Hope school" not in page(client, "/activities?lang=en")  # drafts aren't listed
    response = post_form(client, f"/activities/{item.id}/submit", form_url=f"/activities/{item.id}")
    assert response.status_code == 302
    db.session.refresh(item)
    assert item.review_state == "submitted" and item.submitted_by_id == staff.id
    assert events("activity.submitted")

    moderation.decide(item, secretariat, "request_changes", "Please add the people reached.")
    html = page(client, f"/activities/{item.id}?lang=en")
    assert "Changes requested" in html and "Please add the people reached." in html
    dashboard = page(client, "/dashboard?lang=en")
    assert "Changes requested" in dashboard and "Please add the people reached." in dashboard

    response = edit(client, item, reached_total="120", action="submit")
    assert response.status_code == 302
    db.session.refresh(item)
    assert item.review_state == "submitted" and item.reached_total == 120

    moderation.decide(item, secretariat, "approve")
    anonymous = client.application.test_client()
    assert "Rehabilitation of Hope school" in page(anonymous, "/activities?lang=en")
    assert anonymous.get(f"/activities/{item.id}").status_code == 200


def test_save_and_submit_at_once(client, make_user):
    login(client, make_user())
    response, item = create(client, action="submit")
    assert response.status_code == 302
    assert item.review_state == "submitted" and item.submitted_at is not None
    assert [e.action for e in db.session.scalars(db.select(AuditEvent).order_by(AuditEvent.id))][-2:] == [
        "activity.created", "activity.submitted"]


def test_saving_a_submitted_draft_takes_it_back_from_the_queue(client, make_user):
    login(client, make_user())
    _, item = create(client, action="submit")
    edit(client, item, title_en="Changed while waiting")
    db.session.refresh(item)
    assert item.review_state == "draft" and item.title_en == "Changed while waiting"


def test_an_edit_of_a_published_activity_waits_for_approval(client, make_user, make_activity):
    staff = make_user(locale="en")
    secretariat = make_user(role="secretariat")
    item = make_activity(org=staff.org, title_en="Water for Idleb", title_ar="مياه إدلب", sector="WASH")
    login(client, staff)
    form = page(client, f"/activities/{item.id}/edit?lang=en")
    assert 'value="Water for Idleb"' in form

    response = edit(client, item, title_en="Water and sanitation for Idleb", title_ar="مياه إدلب",
                    description_en="Repairing\r\n**classrooms**\r\n",
                    primary_sector="WASH", sectors=[], areas=["SY07"])
    assert response.status_code == 302
    db.session.refresh(item)
    assert item.title_en == "Water for Idleb" and item.is_published          # the columns stay
    assert item.proposal["title_en"] == "Water and sanitation for Idleb"
    assert item.proposal["sectors"] == ["WASH"] and item.proposal["areas"] == ["SY07"]
    assert item.review_state == "draft" and item.has_pending_edit

    anonymous = client.application.test_client()
    public = page(anonymous, f"/activities/{item.id}?lang=en")
    assert "Water for Idleb" in public and "Water and sanitation" not in public
    own = page(client, f"/activities/{item.id}?lang=en")
    assert "Edit awaiting approval" in own and "Water and sanitation for Idleb" in own
    assert db.session.get(Activity, item.id).proposal["description_en"] == "Repairing\n**classrooms**"
    pending = own.split("Edit awaiting approval")[1]
    assert "Title in English" in pending and "Main sector" not in pending   # only what changes
    assert 'value="Water and sanitation for Idleb"' in page(client, f"/activities/{item.id}/edit")

    post_form(client, f"/activities/{item.id}/submit", form_url=f"/activities/{item.id}")
    db.session.refresh(item)
    assert item.review_state == "submitted" and item.title_en == "Water for Idleb"
    moderation.decide(item, secretariat, "approve")
    db.session.refresh(item)
    assert item.title_en == "Water and sanitation for Idleb" and item.proposal is None
    assert item.review_state == "approved"
    assert "Water and sanitation for Idleb" in page(anonymous, "/activities?lang=en")


def test_a_rejected_edit_leaves_the_published_version(client, make_user, make_activity):
    staff = make_user(locale="en")
    secretariat = make_user(role="secretariat")
    item = make_activity(org=staff.org, title_en="Clinics", sector="EDUCATION", areas=("SY07", "TUR"))
    login(client, staff)
    edit(client, item, title_en="Clinics everywhere", action="submit")
    moderation.decide(db.session.get(Activity, item.id), secretariat, "reject", "Not plausible.")
    db.session.refresh(item)
    assert item.review_state == "rejected" and item.title_en == "Clinics" and item.is_published
    assert "Clinics" in page(client.application.test_client(), "/activities?lang=en")
    assert "Not plausible." in page(client, f"/activities/{item.id}?lang=en")


def test_saving_a_published_activity_unchanged_leaves_nothing_to_review(client, make_user, make_activity):
    staff = make_user(locale="en")
    login(client, staff)
    item = make_activity(org=staff.org, sector="EDUCATION", areas=("SY07", "TUR"))
    edit(client, item, title_en="Changed", title_ar=item.title_ar)
    db.session.refresh(item)
    assert item.proposal is not None
    data = activity_data(title_en=item.title_en, title_ar=item.title_ar, description_ar="",
                         description_en="", targeted_total="", targeted_women="", targeted_men="",
                         targeted_girls="", targeted_boys="", sectors=[], end_date="",
                         start_date="2026-01-01")
    response = post_form(client, f"/activities/{item.id}/edit?lang=en", data, follow_redirects=True)
    assert "Nothing was changed" in response.get_data(as_text=True)
    db.session.refresh(item)
    assert item.proposal is None and item.review_state == "approved"


def test_archive_removes_from_lists_but_not_from_its_organisation(client, make_user, make_activity):
    staff = make_user(locale="en")
    item = make_activity(org=staff.org, title_en="Old winter kits")
    login(client, staff)
    response = post_form(client, f"/activities/{item.id}/archive", form_url=f"/activities/{item.id}")
    assert response.status_code == 302
    db.session.refresh(item)
    assert item.review_state == "archived" and events("activity.archived")
    anonymous = client.application.test_client()
    assert "Old winter kits" not in page(anonymous, "/activities?lang=en")
    assert anonymous.get(f"/activities/{item.id}").status_code == 404
    assert "Archived" in page(client, f"/activities/{item.id}?lang=en")
    assert "Old winter kits" in page(client, "/activities?mine=1&lang=en")
    response = client.get(f"/activities/{item.id}/edit")
    assert response.status_code == 302  # an archived activity is kept as it is
    assert post_form(client, f"/activities/{item.id}/submit",
                     form_url=f"/activities/{item.id}").status_code == 302
    db.session.refresh(item)
    assert item.review_state == "archived"


def test_two_colleagues_editing_at_once_the_second_is_told(client, make_user):
    staff = make_user(locale="en")
    login(client, staff)
    _, item = create(client)
    version = item.lock_version
    edit(client, item, title_en="First change", version=str(version))
    response = edit(client, item, title_en="Second change", version=str(version))
    assert response.status_code == 409
    html = response.get_data(as_text=True)
    assert "Someone else changed this activity" in html and 'value="Second change"' in html
    db.session.refresh(item)
    assert item.title_en == "First change"


def test_search_words_follow_the_published_text(client, make_user, make_activity):
    staff = make_user()
    secretariat = make_user(role="secretariat")
    login(client, staff)
    _, draft = create(client, title_ar="مستوصف القرية")
    terms = set(db.session.scalars(db.select(SearchTerm.term).where(SearchTerm.object_id == draft.id)))
    assert "مستوصف" in terms                                 # drafts are indexed for their owners
    item = make_activity(org=staff.org, title_ar="مدرسة", title_en="School", sector="EDUCATION",
                         areas=("SY07", "TUR"))
    edit(client, item, title_ar="مستشفى ميداني", title_en="Field hospital", action="submit")
    terms = set(db.session.scalars(db.select(SearchTerm.term).where(SearchTerm.object_id == item.id)))
    assert "مدرسه" in terms and "مستشفي" not in terms         # a proposal is not indexed
    moderation.decide(db.session.get(Activity, item.id), secretariat, "approve")
    terms = set(db.session.scalars(db.select(SearchTerm.term).where(SearchTerm.object_id == item.id)))
    assert "مستشفي" in terms and "مدرسه" not in terms


def test_a_change_made_meanwhile_is_a_conflict_not_an_overwrite(app, make_user, make_activity):
    from portal.activities import services
    from portal.activities.kind import snapshot

    staff = make_user()
    item = make_activity(org=staff.org, state="draft", title_en="Original")
    content = dict(snapshot(item), title_en="Mine")
    db.session.execute(db.text("UPDATE activity SET lock_version = lock_version + 1, title_en = 'Theirs' "
                               "WHERE id = :id"), {"id": item.id})
    with pytest.raises(services.Conflict):
        services.update(item, staff, content)
    assert db.session.scalar(db.select(Activity.title_en).where(Activity.id == item.id)) != "Mine"
