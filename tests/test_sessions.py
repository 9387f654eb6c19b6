"""Sessions end on logout, password change and deactivation, on every device."""

from portal.extensions import db
from portal.members import services as member_services
from tests.conftest import PASSWORD, login, logout, post_form


def _second_device(app):
    return app.test_client()


def test_logout_ends_every_session_of_the_user(app, client, make_user):
    user = make_user()
    other = _second_device(app)
    login(client, user)
    login(other, user)
    assert other.get("/dashboard").status_code == 200
    logout(client)
    assert other.get("/dashboard").status_code == 302


def test_remember_me_cookie_stops_working_after_logout(app, client, make_user):
    user = make_user()
    login(client, user, remember=True)
    remember = client.get_cookie("remember_token", domain="portal.test")
    assert remember is not None
    assert remember.max_age is None or remember.max_age <= 14 * 24 * 3600
    stolen = _second_device(app)
    stolen.set_cookie("remember_token", remember.value, domain=remember.domain)
    assert stolen.get("/dashboard").status_code == 200
    logout(client)
    thief = _second_device(app)
    thief.set_cookie("remember_token", remember.value, domain=remember.domain)
    assert thief.get("/dashboard").status_code == 302


def test_remember_me_lasts_at_most_14_days(app, client, make_user):
    user = make_user()
    response = login(client, user, remember=True)
    header = [h for h in response.headers.getlist("Set-Cookie") if h.startswith("remember_token=")][0]
    assert "HttpOnly" in header and "SameSite=Lax" in header
    assert app.config["REMEMBER_COOKIE_DURATION"].days <= 14


def test_password_change_ends_other_sessions_but_keeps_this_one(app, client, make_user):
    user = make_user()
    other = _second_device(app)
    login(client, user)
    login(other, user)
    response = post_form(client, "/account/password", {
        "current": PASSWORD, "password": "a brand new passphrase 42", "confirm": "a brand new passphrase 42"})
    assert response.status_code == 302
    assert client.get("/dashboard").status_code == 200
    assert other.get("/dashboard").status_code == 302
    logout(client)
    assert login(client, user, password="a brand new passphrase 42").status_code == 302


def test_password_change_needs_the_current_password(client, make_user):
    user = make_user()
    login(client, user)
    response = post_form(client, "/account/password?lang=en", {
        "current": "not my password!!", "password": "a brand new passphrase 42",
        "confirm": "a brand new passphrase 42"}, form_url="/account/password?lang=en")
    assert response.status_code == 200
    assert "The current password is not right." in response.get_data(as_text=True)
    logout(client)
    assert login(client, user).status_code == 302


def test_deactivating_a_user_ends_their_sessions(app, client, make_user):
    focal = make_user(org_admin=True)
    staff = make_user(org=focal.org)
    login(client, staff)
    member_services.set_active(focal, staff, False)
    assert client.get("/dashboard").status_code == 302


def test_session_cookie_is_httponly_and_lax(client, make_user):
    user = make_user()
    response = login(client, user)
    header = [h for h in response.headers.getlist("Set-Cookie") if h.startswith("session=")][0]
    assert "HttpOnly" in header and "SameSite=Lax" in header


def test_session_does_not_hold_the_bare_user_id(app, client, make_user):
    user = make_user()
    login(client, user)
    with client.session_transaction() as session:
        assert session["_user_id"] == user.session_token
        assert session["_user_id"] != str(user.id)
    db.session.refresh(user)
