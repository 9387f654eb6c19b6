"""The same file shared twice by an organisation is noticed: the member is told and given a link
to the resource that already holds it. Other organisations, and withdrawn resources, do not count."""
import pytest

from portal.extensions import db
from portal.models import Resource, ResourceVersion
from portal.resources import services, uploads
from tests import test_resources_support as s
from tests.conftest import login
from tests.test_resources_support import form_data, make_resource_fixture, post_upload, text_of  # noqa: F401

SAME = s.pdf("the same bytes")


@pytest.fixture
def owner(client, make_user):
    user = make_user()
    login(client, user)
    return user


def _count():
    return db.session.scalar(db.select(db.func.count(ResourceVersion.id)))


def test_sharing_the_same_file_again_links_to_the_first(client, owner, make_resource):
    first = make_resource(user=owner, data=SAME, title_en="First upload")
    response = post_upload(client, form_data(title_en="Second try", lang="en"), SAME, "other-name.pdf",
                           url="/resources/new?lang=en")
    html = text_of(response)
    assert response.status_code == 200
    assert "Your organisation has already shared this file" in html
    assert f'href="/resources/{first.id}"' in html and "First upload" in html
    assert 'value="Second try"' in html  # the rest of the form is kept
    assert _count() == 1


def test_a_new_version_identical_to_an_earlier_one_is_noticed(client, owner, make_resource):
    item = make_resource(user=owner, data=SAME, state="draft")
    response = post_upload(client, {"no_personal_data": "y"}, SAME, "again.pdf",
                           url=f"/resources/{item.id}/versions?lang=en")
    assert "Your organisation has already shared this file" in text_of(response)
    assert _count() == 1


def test_another_organisation_may_share_the_same_file(make_user, make_resource):
    make_resource(data=SAME)
    services.create(make_user(), dict(s.CONTENT), upload=uploads.from_bytes(SAME, "same.pdf"))
    assert _count() == 2


def test_a_withdrawn_resource_does_not_block_sharing_again(owner, make_resource):
    first = make_resource(user=owner, data=SAME)
    services.withdraw(first, owner)
    services.create(owner, dict(s.CONTENT), upload=uploads.from_bytes(SAME, "same.pdf"))
    assert db.session.scalar(db.select(db.func.count(Resource.id))) == 2


def test_the_service_raises_duplicate_with_the_existing_version(owner, make_resource):
    first = make_resource(user=owner, data=SAME)
    with pytest.raises(services.Duplicate) as duplicate:
        services.create(owner, dict(s.CONTENT), upload=uploads.from_bytes(SAME, "x.pdf"))
    assert duplicate.value.version.resource_id == first.id
