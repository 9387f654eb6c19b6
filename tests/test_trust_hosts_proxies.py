"""Links in mail use the configured public address; unknown hosts are refused in production;
behind a trusted proxy the client's real address and scheme are used, and only then."""
import re

import pytest

from portal import create_app
from portal.config import ConfigError, trusted_hosts
from portal.extensions import db
from portal.models import AuditEvent, Organisation, OutboxMail, User
from portal.security import hash_password
from portal.urls import external_url
from tests.conftest import CSRF_RE, PASSWORD

PRODUCTION = {
    "ENV_NAME": "production",
    "PUBLIC_BASE_URL": "https://portal.example.org",
    "SESSION_COOKIE_SECURE": False,  # the test client speaks plain HTTP
}


@pytest.fixture
def configured(app_config, request):
    """``configured(**settings)``: the usual test app, built with these settings."""
    def make(**settings):
        app_config.update(settings)
        if "SERVER_NAME" in settings and settings["SERVER_NAME"] is None:
            app_config.pop("SERVER_NAME")
        return request.getfixturevalue("app")

    return make


def _user(email="victim@example.org"):
    org = Organisation(slug="victim-org", name_ar="منظمة", name_en="Organisation")
    user = User(email=email, name="Victim", org=org, password_hash=hash_password(PASSWORD))
    db.session.add_all([org, user])
    db.session.commit()
    return user


def _links(text):
    return re.findall(r"https?://\S+", text)


def _post(client, url, data, headers):
    """POST like a browser whose requests carry these headers (Host, X-Forwarded-*...)."""
    page = client.get(url, headers=headers).get_data(as_text=True)
    data = dict(data, csrf_token=CSRF_RE.search(page).group(1))
    return client.post(url, data=data, headers=headers)


def _reset_mail_body(client, user, **headers):
    assert _post(client, "/password/forgot", {"email": user.email}, headers).status_code == 302
    return db.session.scalar(db.select(OutboxMail).order_by(OutboxMail.id.desc())).body


def test_reset_link_ignores_a_forged_host_header(configured):
    app = configured(PUBLIC_BASE_URL="https://portal.example.org", SERVER_NAME=None)
    user = _user()
    body = _reset_mail_body(app.test_client(), user, Host="evil.example")
    assert _links(body) and all(link.startswith("https://portal.example.org/password/reset/")
                                for link in _links(body))
    assert "evil.example" not in body


def test_every_external_link_follows_the_public_address(configured):
    app = configured(PUBLIC_BASE_URL="https://portal.example.org/")
    with app.test_request_context("/", base_url="http://evil.example"):
        assert external_url("public.home") == "https://portal.example.org/"
        assert external_url("auth.reset_password", token="abc") == \
            "https://portal.example.org/password/reset/abc"
    with app.app_context():  # from cron: no request at all
        assert external_url("meetings.detail", meeting_id=3) == "https://portal.example.org/meetings/3"


def test_a_public_address_with_a_path_prefix_keeps_it(configured):
    app = configured(PUBLIC_BASE_URL="https://example.org/portal")
    with app.test_request_context("/"):
        assert external_url("auth.login") == "https://example.org/portal/login"


def test_without_a_public_address_development_links_follow_the_request(configured):
    app = configured(PUBLIC_BASE_URL="")
    with app.test_request_context("/"):
        assert external_url("public.home") == "http://portal.test/"


def test_production_refuses_to_start_without_a_public_address(app_config):
    app_config.update(PRODUCTION, PUBLIC_BASE_URL="")
    with pytest.raises(ConfigError, match="PUBLIC_BASE_URL"):
        create_app(app_config)


@pytest.mark.parametrize("bad", ["portal.example.org", "ftp://portal.example.org", "https://"])
def test_production_refuses_a_malformed_public_address(app_config, bad):
    app_config.update(PRODUCTION, PUBLIC_BASE_URL=bad)
    with pytest.raises(ConfigError, match="PUBLIC_BASE_URL"):
        create_app(app_config)


def test_production_answers_400_to_an_unknown_host(configured):
    app = configured(SERVER_NAME=None, **PRODUCTION)
    client = app.test_client()
    assert client.get("/healthz", headers={"Host": "evil.example"}).status_code == 400
    assert client.get("/", headers={"Host": "evil.example"}).status_code == 400
    assert client.get("/healthz", headers={"Host": "portal.example.org"}).status_code == 200


def test_trusted_hosts_can_be_listed(configured):
    app = configured(SERVER_NAME=None, TRUSTED_HOSTS=["portal.example.org", "intranet.local"],
                     **PRODUCTION)
    client = app.test_client()
    assert client.get("/healthz", headers={"Host": "intranet.local"}).status_code == 200
    assert client.get("/healthz", headers={"Host": "evil.example"}).status_code == 400


def test_trusted_hosts_default_to_the_public_address():
    assert trusted_hosts({"ENV_NAME": "production", "PUBLIC_BASE_URL": "https://a.example.org:8443/x",
                          "TRUSTED_HOSTS": None}) == ["a.example.org"]
    assert trusted_hosts({"ENV_NAME": "development", "PUBLIC_BASE_URL": "https://a.example.org",
                          "TRUSTED_HOSTS": None}) is None
    assert trusted_hosts({"ENV_NAME": "development", "PUBLIC_BASE_URL": "",
                          "TRUSTED_HOSTS": ["x.example"]}) == ["x.example"]


# --- behind a proxy ------------------------------------------------------------------------

def _bad_login(client, address):
    return _post(client, "/login", {"email": "nobody@example.org", "password": "wrong password!"},
                 {"X-Forwarded-For": address})


def test_behind_a_trusted_proxy_each_client_has_its_own_login_limit(configured):
    app = configured(TRUSTED_PROXIES=1, LOGIN_LIMITS="3 per minute")
    attacker = app.test_client()
    for _ in range(3):
        assert _bad_login(attacker, "203.0.113.7").status_code == 200
    assert _bad_login(attacker, "203.0.113.7").status_code == 429
    colleague = app.test_client()  # behind the same proxy, not locked out
    assert _bad_login(colleague, "198.51.100.20").status_code == 200


def test_behind_a_trusted_proxy_the_audit_log_records_the_client(configured):
    app = configured(TRUSTED_PROXIES=1)
    _bad_login(app.test_client(), "203.0.113.7")
    event = db.session.scalar(db.select(AuditEvent).where(AuditEvent.action == "login.failed"))
    assert event.ip == "203.0.113.7"


def test_behind_a_trusted_proxy_links_follow_its_scheme(configured):
    app = configured(TRUSTED_PROXIES=1, PUBLIC_BASE_URL="", SERVER_NAME=None)
    user = _user()
    body = _reset_mail_body(app.test_client(), user, **{
        "X-Forwarded-Proto": "https", "X-Forwarded-For": "203.0.113.7", "Host": "portal.example.org",
        "Referer": "https://portal.example.org/password/forgot"})
    assert _links(body)[0].startswith("https://portal.example.org/password/reset/")


def test_without_trusted_proxies_forwarded_headers_are_ignored(configured):
    app = configured(TRUSTED_PROXIES=0, LOGIN_LIMITS="3 per minute")
    client = app.test_client()
    for n in range(3):
        _bad_login(client, f"203.0.113.{n}")  # a forged address per try changes nothing
    assert _bad_login(client, "203.0.113.99").status_code == 429
    event = db.session.scalar(db.select(AuditEvent).where(AuditEvent.action == "login.failed"))
    assert event.ip == "127.0.0.1"
