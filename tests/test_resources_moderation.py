"""Moderation of resources through ``portal.moderation.services`` and the queue pages: approve,
reject with a reason, request changes; edits and new versions of published resources;
secretariat-only resources shared without review; the dashboard panel."""
import pytest

from portal.extensions import db
from portal.models import AuditEvent, OutboxMail, Resource
from portal.moderation import services as moderation
from portal.resources import services, uploads
from portal.resources.kind import snapshot
from tests import test_resources_support as s
from tests.conftest import login, post_form
from tests.test_resources_support import make_resource_fixture  # noqa: F401


@pytest.fixture
def owner(make_user):
    return make_user(locale="en")


@pytest.fixture
def staff(make_user):
    return make_user(role="secretariat", locale="en")


def _page(client, url):
    return client.get(url).get_data(as_text=True)


def _actions():
    return db.session.scalars(db.select(AuditEvent.action).order_by(AuditEvent.id)).all()


def _fresh(item):
    db.session.expire_all()
    return db.session.get(Resource, item.id)


def test_approve_publishes_releases_and_tells_the_author(client, owner, staff, make_resource):
    item = make_resource(user=owner, state="submitted", title_en="Winter guideline")
    assert "Winter guideline" not in _page(client, "/resources?lang=en")
    moderation.decide(item, staff, "approve")
    item = _fresh(item)
    assert item.is_published and item.review_state == "approved" and item.versions[0].released
    assert "Winter guideline" in _page(client, "/resources?lang=en")
    assert "Winter guideline" in _page(client, "/resources?lang=en&q=winter")
    assert _actions()[-1] == "resource.approved"
    mail = db.session.scalars(db.select(OutboxMail).order_by(OutboxMail.id.desc())).first()
    assert mail.recipient == owner.email and mail.subject.startswith("Approved: ")
    assert f"/resources/{item.id}" in mail.body


def test_reject_needs_a_reason_and_shows_it_to_the_organisation(client, owner, staff, make_resource):
    item = make_resource(user=owner, state="submitted")
    with pytest.raises(moderation.ReasonRequired):
        moderation.decide(item, staff, "reject")
    moderation.decide(item, staff, "reject", "Faces of children on page 2")
    item = _fresh(item)
    assert not item.is_published and item.review_state == "rejected"
    assert client.get(f"/resources/{item.id}").status_code == 404
    login(client, owner)
    assert "Faces of children on page 2" in _page(client, f"/resources/{item.id}?lang=en")
    assert "Faces of children on page 2" in _page(client, "/dashboard?lang=en")


def test_changes_requested_then_edited_resubmitted_and_approved(client, owner, staff, make_resource):
    item = make_resource(user=owner, state="submitted", title_en="Draft brief")
    moderation.decide(item, staff, "request_changes", "Add the English title in full")
    login(client, owner)
    content = dict(s.form_data(title_en="Policy brief on water", version=str(_fresh(item).lock_version)))
    response = post_form(client, f"/resources/{item.id}/edit", content)
    assert response.status_code == 302
    item = _fresh(item)
    assert item.review_state == "submitted" and item.title_en == "Policy brief on water"
    moderation.decide(item, staff, "approve")
    assert _fresh(item).is_published


def test_an_edit_to_a_published_resource_waits_for_approval(client, owner, staff, make_resource):
    item = make_resource(user=owner, title_en="Old title")
    content = dict(snapshot(item), title_en="New title")
    services.update(item, owner, {k: v for k, v in content.items() if k not in ("file_version", "file_name")},
                    submit=True)
    item = _fresh(item)
    assert item.title_en == "Old title" and item.proposal["title_en"] == "New title"
    assert "Old title" in _page(client, f"/resources/{item.id}?lang=en")
    assert "New title" not in _page(client, "/resources?lang=en&q=new")
    moderation.decide(item, staff, "approve")
    assert _fresh(item).title_en == "New title"
    assert "New title" in _page(client, "/resources?lang=en&q=new")


def test_a_new_version_of_a_draft_replaces_the_file_at_once(owner, make_resource):
    item = make_resource(user=owner, state="draft")
    number = services.add_version(item, owner, uploads.from_bytes(s.pdf("v2"), "v2.pdf"), True)
    item = _fresh(item)
    assert (number, item.file_version, item.review_state, item.proposal) == (2, 2, "draft", None)


def test_a_new_version_while_the_moderator_reads_makes_the_decision_conflict(owner, staff, make_resource):
    item = make_resource(user=owner, state="submitted")
    seen = item.lock_version
    services.add_version(item, owner, uploads.from_bytes(s.pdf("late"), "late.pdf"), True)
    with pytest.raises(moderation.Conflict):
        moderation.decide(_fresh(item), staff, "approve", seen_version=seen)


def test_the_queue_lists_resources_and_the_review_page_decides(client, owner, staff, make_resource):
    item = make_resource(user=owner, state="submitted", title_en="Queue me")
    login(client, staff)
    assert "Queue me" in _page(client, "/secretariat/moderation?lang=en&kind=resource")
    url = f"/secretariat/moderation/resource/{item.id}"
    review = _page(client, url + "?lang=en")
    assert "Queue me" in review and "report.pdf" in review
    response = post_form(client, url, {"decision": "approve", "reason": "",
                                       "lock_version": str(item.lock_version)})
    assert response.status_code == 302
    assert _fresh(item).is_published
    # The secretariat finds the file to review from the resource page.
    assert f"/resources/{item.id}/versions/1/download" in _page(client, f"/resources/{item.id}")


def test_secretariat_only_resources_are_shared_at_once_without_review(client, owner, staff, make_resource):
    item = make_resource(user=owner, state="draft", visibility="secretariat", title_en="Internal memo")
    login(client, owner)
    response = post_form(client, f"/resources/{item.id}/submit", form_url=f"/resources/{item.id}")
    assert response.status_code == 302
    item = _fresh(item)
    assert (item.review_state, item.is_published) == ("approved", True)
    assert _actions()[-1] == "resource.shared_with_secretariat"
    mail = db.session.scalars(db.select(OutboxMail).where(OutboxMail.recipient == staff.email)).one()
    assert "Internal memo" in mail.subject and f"/resources/{item.id}" in mail.body
    staff_client = client.application.test_client()
    login(staff_client, staff)
    assert "Internal memo" not in _page(staff_client, "/secretariat/moderation?lang=en")
    assert "Internal memo" in _page(staff_client, "/resources?lang=en")
    assert "Internal memo" in _page(staff_client, "/resources?lang=en&q=memo")


def test_editing_a_secretariat_only_resource_applies_at_once_and_widening_is_reviewed(owner, staff, make_resource):
    item = make_resource(user=owner, visibility="secretariat", title_en="Memo")
    content = {k: v for k, v in snapshot(item).items() if k not in ("file_version", "file_name")}
    services.update(item, owner, dict(content, title_en="Memo, revised"), submit=True)
    item = _fresh(item)
    assert (item.title_en, item.review_state, item.proposal) == ("Memo, revised", "approved", None)
    services.update(item, owner, dict(content, title_en="Memo, revised", visibility="members"), submit=True)
    item = _fresh(item)
    assert item.visibility == "secretariat" and item.review_state == "submitted"
    moderation.decide(item, staff, "approve")
    assert _fresh(item).visibility == "members"


def test_narrowing_a_published_resource_to_the_secretariat_applies_at_once(client, owner, make_resource):
    item = make_resource(user=owner, visibility="public", title_en="Too open")
    content = {k: v for k, v in snapshot(item).items() if k not in ("file_version", "file_name")}
    services.update(item, owner, dict(content, visibility="secretariat"))
    assert _fresh(item).visibility == "secretariat"
    assert client.get(f"/resources/{item.id}").status_code == 404


def test_a_public_file_needs_the_personal_data_confirmation(owner, make_resource):
    item = make_resource(user=owner, visibility="members", no_personal_data=False)
    services.add_version(item, owner, uploads.from_bytes(s.pdf("p"), "p.pdf"))  # members: no need
    content = {k: v for k, v in snapshot(item).items() if k not in ("file_version", "file_name")}
    with pytest.raises(services.ConfirmationRequired):
        services.update(item, owner, dict(content, visibility="public"))


def test_withdrawing_is_audited_and_final(client, owner, make_resource):
    item = make_resource(user=owner)
    login(client, owner)
    post_form(client, f"/resources/{item.id}/withdraw", form_url=f"/resources/{item.id}")
    assert _fresh(item).review_state == "archived" and _actions()[-1] == "resource.archived"
    assert client.get(f"/resources/{item.id}/edit").status_code == 302
    with pytest.raises(services.Withdrawn):
        services.withdraw(_fresh(item), owner)


def test_the_dashboard_panel_lists_the_organisations_resources(client, owner, staff, make_resource):
    make_resource(user=owner, state="draft", title_en="Still a draft")
    rejected = make_resource(user=owner, state="submitted", title_en="Refused one")
    moderation.decide(rejected, staff, "reject", "Blurred scan")
    login(client, owner)
    html = _page(client, "/dashboard?lang=en")
    assert "Your organisation&#39;s resources" in html or "Your organisation's resources" in html
    assert "Still a draft" in html and "Refused one" in html and "Blurred scan" in html
    assert html.index("Refused one") < html.index("Still a draft")  # needing attention first


def test_the_secretariat_lists_what_awaits_review_to_open_its_file(client, owner, staff, make_resource, make_user):
    make_resource(user=owner, state="submitted", title_en="First submission")
    make_resource(user=owner, state="draft", title_en="Not yet sent")
    login(client, staff)
    html = _page(client, "/resources?lang=en&waiting=1")
    assert "First submission" in html and "Not yet sent" not in html and "Awaiting review" in html
    member = client.application.test_client()
    login(member, make_user())
    assert "First submission" not in _page(member, "/resources?lang=en&waiting=1")  # ignored for members
