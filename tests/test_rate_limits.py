"""Rate limits stay on here, with the production settings."""
import pytest

from portal.config import DEFAULTS
from tests.conftest import PASSWORD, post_form


@pytest.fixture
def app_config(app_config):
    for key in ("LOGIN_LIMITS", "LOGIN_ACCOUNT_LIMITS", "VOLUNTEER_LIMITS", "RESET_LIMITS"):
        if key in DEFAULTS:  # the per-account limit is now a delay (LOGIN_DELAY_*)
            app_config[key] = DEFAULTS[key]
    return app_config


def _try(client, email, password, ip, lang=""):
    url = "/login" + lang
    return post_form(client, url, {"email": email, "password": password}, form_url=url,
                     environ_base={"REMOTE_ADDR": ip})


def test_wrong_passwords_for_one_account_require_a_growing_delay(app, client, make_user, clock):
    user = make_user()
    codes = [_try(client, user.email, f"wrong guess {i}!", f"10.0.0.{i}").status_code for i in range(7)]
    assert codes[:5] == [200] * 5
    assert codes[5:] == [429, 429]  # the sixth failure started a delay: not even checked
    clock.move(seconds=6)
    assert _try(client, user.email, "wrong again!!", "10.0.0.50").status_code == 200
    clock.move(seconds=6)  # the delay has doubled to 10 s
    assert _try(client, user.email, "wrong again!!", "10.0.0.51").status_code == 429


def test_the_delay_message_says_how_long_in_the_readers_digits(app, client, make_user):
    user = make_user()
    for i in range(6):
        response = _try(client, user.email, f"wrong guess {i}!", f"10.0.2.{i}")
    html = response.get_data(as_text=True)
    assert response.status_code == 429
    assert "ثوانٍ" in html or "ثانية" in html
    assert "٥" in html or "٤" in html
    english = _try(client, user.email, "whatever it is", "10.0.2.99", lang="?lang=en")
    assert "Wait 5 seconds" in english.get_data(as_text=True) or "Wait 4 seconds" in english.get_data(as_text=True)


def test_an_attacker_cannot_lock_the_owner_out(app, client, make_user, clock):
    """30 wrong passwords from many addresses; the owner logs in after a short wait, not an hour."""
    user = make_user()
    attacker = app.test_client()
    for i in range(30):
        _try(attacker, user.email, f"guess number {i}", f"10.1.{i}.1")
        clock.move(seconds=3)
    clock.move(seconds=60)
    owner = _try(client, user.email, PASSWORD, "10.2.0.1")
    assert owner.status_code == 302
    assert client.get("/dashboard").status_code == 200


def test_the_delay_is_the_same_for_unknown_addresses(app, client):
    """The delay must not tell which emails have an account."""
    codes = [_try(client, "nobody@example.org", f"wrong guess {i}!", f"10.0.3.{i}").status_code
             for i in range(6)]
    assert codes == [200] * 5 + [429]


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
