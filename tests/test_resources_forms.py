"""The resource form: what it requires, and bad input answered on the same page with the other
input kept, never a 500."""
import pytest

from portal.extensions import db
from portal.models import Resource
from tests import test_resources_support as s
from tests.conftest import login, post_form
from tests.test_resources_support import form_data, make_resource_fixture, post_upload, text_of  # noqa: F401


@pytest.fixture
def member(client, make_user):
    user = make_user()
    login(client, user)
    return user


def _new(client, content=None, name="report.pdf", **fields):
    data = form_data(lang="en", **fields)
    if content is None:
        return post_form(client, "/resources/new?lang=en", data)
    return post_upload(client, data, content, name, url="/resources/new?lang=en")


@pytest.mark.parametrize("fields, message", [
    ({"title_ar": "", "title_en": ""}, "Give a title in Arabic or in English (or both)."),
    ({"category": "gossip"}, "Choose a category from the list."),
    ({"language": ""}, "Choose the language of the document."),
    ({"document_date": ""}, "This field is required."),
    ({"document_date": "2026-13-45"}, "Enter a date as year-month-day"),
    ({"visibility": "everyone"}, "Choose who may see it."),
    ({"no_personal_data": None}, "Public files need this confirmation."),
    ({"link_url": "https://example.org/x"}, "Share either a file or a link, not both."),
])
def test_bad_input_is_explained_and_the_rest_kept(client, member, fields, message):
    response = _new(client, s.pdf("form"), description_en="Kept description", **fields)
    html = text_of(response)
    assert response.status_code == 200
    assert message in html and "Kept description" in html
    assert "choose it again" in html
    assert db.session.scalar(db.select(db.func.count(Resource.id))) == 0


def test_neither_file_nor_link(client, member):
    response = _new(client, None)
    assert "Choose a file to share, or give a link." in text_of(response)


@pytest.mark.parametrize("url", ["javascript:alert(1)", "ftp://example.org/a", "not a url"])
def test_links_must_be_web_addresses(client, member, url):
    response = _new(client, None, link_url=url)
    assert "Enter a full address, starting with https://." in text_of(response)
    assert db.session.scalar(db.select(db.func.count(Resource.id))) == 0


def test_a_members_only_file_needs_no_confirmation_and_a_link_shares(client, member):
    assert _new(client, s.pdf("members"), visibility="members", no_personal_data=None).status_code == 302
    assert _new(client, None, link_url="https://example.org/guide", no_personal_data=None).status_code == 302
    kinds = db.session.scalars(db.select(Resource.link_url).order_by(Resource.id)).all()
    assert kinds == ["", "https://example.org/guide"]


def test_sectors_and_areas_are_optional_and_unknown_codes_ignored(client, member):
    response = _new(client, s.pdf("codes"), sectors=["HEALTH", "NOPE"], areas=["SY07", "XX"])
    assert response.status_code == 302
    item = db.session.scalar(db.select(Resource))
    assert [x.code for x in item.sectors] == ["HEALTH"] and [a.code for a in item.areas] == ["SY07"]


def test_the_edit_form_shows_the_saved_values_and_keeps_a_conflict(client, member, make_resource):
    item = make_resource(user=member, state="draft", title_en="Saved title")
    html = text_of(client.get(f"/resources/{item.id}/edit?lang=en"))
    assert 'value="Saved title"' in html and 'type="file"' not in html
    stale = str(item.lock_version)
    post_form(client, f"/resources/{item.id}/edit", form_data(action="draft", version=stale, title_en="One"))
    response = post_form(client, f"/resources/{item.id}/edit?lang=en",
                         form_data(action="draft", version=stale, title_en="Two"))
    assert response.status_code == 409 and 'value="Two"' in text_of(response)
    db.session.expire_all()
    assert db.session.get(Resource, item.id).title_en == "One"


def test_the_version_form_refuses_bad_files_and_requires_a_file(client, member, make_resource):
    item = make_resource(user=member, state="draft")
    url = f"/resources/{item.id}/versions?lang=en"
    response = post_upload(client, {"no_personal_data": "y"}, s.SVG, "new.pdf", url=url)
    assert "contains a web page or an SVG image" in text_of(response)
    response = post_form(client, url, {"no_personal_data": "y"})
    assert "Choose the file to upload." in text_of(response)
    response = post_upload(client, {}, s.pdf("no confirmation"), "new.pdf", url=url)
    assert "Public files need this confirmation." in text_of(response)
    response = post_upload(client, {"no_personal_data": "y"}, s.docx(), "new.docx", url=url)
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(Resource, item.id).current.file_type == "docx"


def test_a_link_has_no_version_form(client, member, make_resource):
    item = make_resource(user=member, link="https://example.org/a")
    assert client.get(f"/resources/{item.id}/versions").status_code == 404


def test_csrf_is_required(client, member):
    response = client.post("/resources/new", data=form_data(), content_type="multipart/form-data")
    assert response.status_code == 400
