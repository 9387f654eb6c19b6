"""Rate limits stay on here, with the production settings."""
import pytest

from portal.config import DEFAULTS
from tests.conftest import post_form


@pytest.fixture
def app_config(app_config):
    for key in ("LOGIN_LIMITS", "LOGIN_ACCOUNT_LIMITS", "VOLUNTEER_LIMITS", "RESET_LIMITS"):
        app_config[key] = DEFAULTS[key]
    return app_config


def test_login_is_limited_per_account(app, client, make_user):
    user = make_user()
    codes = [post_form(client, "/login", {"email": user.email, "password": f"wrong guess {i}!"},
                       environ_base={"REMOTE_ADDR": f"10.0.0.{i}"}).status_code for i in range(7)]
    assert codes[:5] == [200] * 5
    assert codes[5] == 429
    # Even the right password waits: the account is under attack.
    right = post_form(client, "/login", {"email": user.email, "password": "correct horse battery staple"},
                      environ_base={"REMOTE_ADDR": "10.0.1.1"})
    assert right.status_code == 429


def test_login_is_limited_per_address(app, client):
    codes = [post_form(client, "/login", {"email": f"u{i}@example.org", "password": "whatever it is"},
                       environ_base={"REMOTE_ADDR": "10.9.9.9"}).status_code for i in range(12)]
    assert codes[:10] == [200] * 10
    assert 429 in codes[10:]


def test_too_many_attempts_page_is_translated(app, client):
    for i in range(11):
        response = post_form(client, "/login?lang=en", {"email": f"u{i}@example.org", "password": "x" * 12},
                             form_url="/login?lang=en", environ_base={"REMOTE_ADDR": "10.8.8.8"})
    assert response.status_code == 429
    assert "Too many attempts" in response.get_data(as_text=True)


def test_volunteer_form_is_limited(app, client):
    data = {"name": "Bot", "email": "bot@example.org", "skills": "spam", "consent": "y"}
    codes = [post_form(client, "/volunteer", data, environ_base={"REMOTE_ADDR": "10.7.7.7"}).status_code
             for _ in range(6)]
    assert codes[:5] == [302] * 5 and codes[5] == 429


def test_redis_storage_is_used_when_configured(app_config):
    """Several gunicorn workers share the count through Redis."""
    redis = pytest.importorskip("redis")
    try:
        redis.Redis(host="127.0.0.1", port=6379, socket_connect_timeout=1).ping()
    except redis.exceptions.ConnectionError:
        pytest.skip("Redis is not running on 127.0.0.1:6379")
    from portal import create_app
    from portal.extensions import db, limiter
    from portal.seeding import seed_reference

    app_config["RATELIMIT_STORAGE_URI"] = "redis://127.0.0.1:6379/15"
    app = create_app(app_config)
    limiter.reset()
    with app.app_context():
        db.create_all()
        seed_reference()
    client = app.test_client()
    codes = [post_form(client, "/login", {"email": "x@example.org", "password": "y" * 12},
                       environ_base={"REMOTE_ADDR": "10.6.6.6"}).status_code for _ in range(12)]
    keys = redis.Redis(host="127.0.0.1", port=6379, db=15).keys("LIMITS*")
    limiter.reset()
    assert 429 in codes
    assert keys, "the counters live in Redis, where every worker sees them"
