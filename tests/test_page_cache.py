"""Public pages are cached briefly for anonymous visitors, never for logged-in users."""
import pytest

from portal import pagecache
from portal.extensions import db
from portal.models import Page
from tests.conftest import login


@pytest.fixture
def app_config(app_config):
    app_config["PAGE_CACHE_SECONDS"] = 30
    return app_config


@pytest.fixture(autouse=True)
def _empty_cache():
    pagecache.forget()
    yield
    pagecache.forget()


def _edit_charter(title):
    page = db.session.scalar(db.select(Page).where(Page.slug == "charter"))
    page.title_en = title
    db.session.commit()


def test_visitors_get_the_cached_page_for_a_while(client):
    assert "Our charter" in client.get("/charter?lang=en").get_data(as_text=True)
    _edit_charter("Edited charter")
    assert "Edited charter" not in client.get("/charter?lang=en").get_data(as_text=True)
    pagecache.forget()
    assert "Edited charter" in client.get("/charter?lang=en").get_data(as_text=True)


def test_each_language_is_cached_apart(client):
    assert 'lang="ar"' in client.get("/charter").get_data(as_text=True)
    assert 'lang="en"' in client.get("/charter?lang=en").get_data(as_text=True)


def test_logged_in_users_always_get_a_fresh_page(client, make_user):
    client.get("/charter?lang=en")
    _edit_charter("Edited charter")
    login(client, make_user(role="secretariat"))
    assert "Edited charter" in client.get("/charter?lang=en").get_data(as_text=True)


def test_cached_pages_keep_the_security_headers(client):
    client.get("/")
    response = client.get("/")
    assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]
