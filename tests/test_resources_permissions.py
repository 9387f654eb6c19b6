"""Every permission boundary of the library: the public, other organisations, the owning
organisation and the secretariat, for pages, downloads and older versions; pending, draft,
withdrawn and secretariat-only resources; and fields a form must never set."""
import pytest

from portal.extensions import db
from portal.models import Resource
from portal.moderation import services as moderation
from portal.resources import services, uploads
from tests import test_resources_support as s
from tests.conftest import login, post_form
from tests.test_resources_support import form_data, make_resource_fixture, post_upload  # noqa: F401


@pytest.fixture
def people(make_user, make_org):
    """The owning organisation's staff, a member of another organisation, the secretariat."""
    org = make_org()
    return {"owner": make_user(org=org), "colleague": make_user(org=org), "other": make_user(),
            "secretariat": make_user(role="secretariat")}


def _as(client, people, who):
    if who != "public":
        login(client, people[who])


def _urls(item):
    return [f"/resources/{item.id}", f"/resources/{item.id}/download",
            f"/resources/{item.id}/versions/1/download"]


AUDIENCE = ("public", "other", "colleague", "owner", "secretariat")


@pytest.mark.parametrize("visibility, state, allowed", [
    ("public", "approved", {"public", "other", "colleague", "owner", "secretariat"}),
    ("members", "approved", {"other", "colleague", "owner", "secretariat"}),
    ("secretariat", "approved", {"colleague", "owner", "secretariat"}),
    ("public", "submitted", {"colleague", "owner", "secretariat"}),
    ("members", "draft", {"colleague", "owner", "secretariat"}),
    ("secretariat", "draft", {"colleague", "owner", "secretariat"}),
])
@pytest.mark.parametrize("who", AUDIENCE)
def test_pages_and_downloads_answer_alike(client, people, make_resource, visibility, state, allowed, who):
    item = make_resource(user=people["owner"], visibility=visibility, state=state)
    _as(client, people, who)
    expected = 200 if who in allowed else 404
    for url in _urls(item):
        assert client.get(url).status_code == expected, (url, who)


@pytest.mark.parametrize("who", AUDIENCE)
def test_a_withdrawn_resource_is_kept_for_its_organisation_and_the_secretariat(client, people, make_resource, who):
    item = make_resource(user=people["owner"])
    services.withdraw(item, people["owner"])
    _as(client, people, who)
    expected = 200 if who in ("colleague", "owner", "secretariat") else 404
    for url in _urls(item):
        assert client.get(url).status_code == expected, (url, who)


def _new_version(item, user, text):
    return services.add_version(item, user, uploads.from_bytes(s.pdf(text), f"{text}.pdf"),
                                no_personal_data=True)


def _client_of(client, user):
    other = client.application.test_client()
    login(other, user)
    return other


def _body(client, url):
    response = client.get(url)
    return response.status_code, response.data


def test_a_pending_version_is_only_for_insiders_until_approved(client, people, make_resource):
    item = make_resource(user=people["owner"], data=s.pdf("first"))
    assert _new_version(item, people["owner"], "second") == 2
    assert item.review_state == "submitted" and item.file_version == 1
    current, v1, v2 = (f"/resources/{item.id}/download", f"/resources/{item.id}/versions/1/download",
                       f"/resources/{item.id}/versions/2/download")
    assert _body(client, current) == (200, s.pdf("first"))  # the public keeps the approved file
    assert _body(client, v1) == (200, s.pdf("first"))
    assert client.get(v2).status_code == 404
    assert _client_of(client, people["other"]).get(v2).status_code == 404
    assert _body(_client_of(client, people["owner"]), v2) == (200, s.pdf("second"))
    assert _body(_client_of(client, people["secretariat"]), v2) == (200, s.pdf("second"))
    moderation.decide(db.session.get(Resource, item.id), people["secretariat"], "approve")
    assert _body(client, current) == (200, s.pdf("second"))
    assert _body(client, v1) == (200, s.pdf("first"))  # an older version stays downloadable


def test_a_rejected_version_never_reaches_others(client, people, make_resource):
    item = make_resource(user=people["owner"], data=s.pdf("one"), name="one.pdf")
    _new_version(item, people["owner"], "two")
    moderation.decide(item, people["secretariat"], "reject", "Names of beneficiaries on page 3")
    _new_version(db.session.get(Resource, item.id), people["owner"], "three")
    moderation.decide(db.session.get(Resource, item.id), people["secretariat"], "approve")
    assert client.get(f"/resources/{item.id}/versions/3/download").status_code == 200
    assert client.get(f"/resources/{item.id}/versions/1/download").status_code == 200
    assert client.get(f"/resources/{item.id}/versions/2/download").status_code == 404
    page = client.get(f"/resources/{item.id}?lang=en").get_data(as_text=True)
    assert "three.pdf" in page and "one.pdf" in page and "two.pdf" not in page
    colleague = _client_of(client, people["colleague"])
    assert colleague.get(f"/resources/{item.id}/versions/2/download").status_code == 200


@pytest.mark.parametrize("path, method", [
    ("/resources/{id}/edit", "get"), ("/resources/{id}/versions", "get"),
    ("/resources/{id}/edit", "post"), ("/resources/{id}/versions", "post"),
    ("/resources/{id}/submit", "post"), ("/resources/{id}/withdraw", "post"),
])
@pytest.mark.parametrize("who, status", [("other", 403), ("secretariat", 403)])
def test_only_the_organisation_may_change_a_resource(client, people, make_resource, path, method, who, status):
    item = make_resource(user=people["owner"], visibility="members")
    login(client, people[who])
    url = path.format(id=item.id)
    if method == "get":
        assert client.get(url).status_code == status
    else:
        assert post_form(client, url, form_url="/resources").status_code == status
    assert db.session.get(Resource, item.id).review_state == "approved"


def test_changing_what_one_cannot_see_is_404(client, people, make_resource):
    item = make_resource(user=people["owner"], state="draft")
    login(client, people["other"])
    assert client.get(f"/resources/{item.id}/edit").status_code == 404
    assert post_form(client, f"/resources/{item.id}/withdraw", form_url="/resources").status_code == 404


def test_the_public_is_sent_to_log_in_and_the_secretariat_cannot_share(client, people):
    assert client.get("/resources/new").status_code == 302
    login(client, people["secretariat"])
    assert client.get("/resources/new").status_code == 403


def test_status_and_ownership_cannot_be_set_from_the_form(client, people, make_org):
    victim = make_org()
    login(client, people["owner"])
    response = post_upload(client, form_data(
        action="draft", review_state="approved", is_published="y", org_id=str(victim.id),
        downloads="1000", file_version="7", lock_version="99", created_by_id=str(people["other"].id),
        submitted_by_id=str(people["other"].id), proposal="{}"), s.pdf("attack"), "attack.pdf")
    assert response.status_code == 302
    item = db.session.scalar(db.select(Resource))
    assert (item.org_id, item.created_by_id) == (people["owner"].org_id, people["owner"].id)
    assert (item.review_state, item.is_published, item.downloads, item.file_version) == ("draft", False, 0, 1)
    response = post_form(client, f"/resources/{item.id}/edit", dict(
        form_data(action="draft", version=str(item.lock_version)), review_state="approved",
        is_published="y", org_id=str(victim.id), visibility="public"))
    assert response.status_code == 302
    db.session.expire_all()
    item = db.session.get(Resource, item.id)
    assert (item.org_id, item.review_state, item.is_published) == (people["owner"].org_id, "draft", False)
