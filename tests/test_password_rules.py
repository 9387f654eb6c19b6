"""Passwords: long ones are accepted up to a stated limit on every form (never a 500); the
user's own email is refused on every form; a change or reset is announced by mail; a reset
spends every other reset link; hashes follow the configured cost."""
import re

import pytest
from flask_babel import force_locale
from portal.extensions import db
from portal.members import services as member_services
from portal.models import OutboxMail, PasswordReset
from portal.security import MAX_PASSWORD_LENGTH, password_problem
from tests.conftest import PASSWORD, login, post_form

LONG_OK = ("when the almond trees of idlib blossom in march we walk to the old stone mill "
           "and talk about the harvest and the river")                             # 120 > 72
TOO_LONG = LONG_OK + " and twenty more words"


def _link(mail):
    return re.search(r"https?://\S+", mail.body).group(0).split("portal.test", 1)[1]


def _reset_link(client, user):
    post_form(client, "/password/forgot", {"email": user.email})
    mail = db.session.scalar(db.select(OutboxMail).where(OutboxMail.kind == "password_reset")
                             .order_by(OutboxMail.id.desc()))
    return _link(mail)


def _invitation_link(app, make_user):
    focal = make_user(org_admin=True)
    with app.test_request_context():
        member_services.invite(focal, "new.person@example.org", "New Person", "member", focal.org)
    mail = db.session.scalar(db.select(OutboxMail).where(OutboxMail.recipient == "new.person@example.org"))
    return _link(mail)


def test_the_limit_is_at_least_128_characters(app):
    assert MAX_PASSWORD_LENGTH >= 128
    assert 72 < len(LONG_OK) <= MAX_PASSWORD_LENGTH < len(TOO_LONG)
    assert password_problem(LONG_OK) is None
    with app.test_request_context("/"), force_locale("en"):
        assert f"at most {MAX_PASSWORD_LENGTH} characters" in str(password_problem(TOO_LONG))
    with app.test_request_context("/"), force_locale("ar"):
        assert "١٢٨" in str(password_problem(TOO_LONG))
        assert "١٢" in str(password_problem("short"))


def test_a_long_password_works_on_change_password(client, make_user):
    user = make_user()
    login(client, user)
    response = post_form(client, "/account/password", {"current": PASSWORD, "password": LONG_OK,
                                                        "confirm": LONG_OK})
    assert response.status_code == 302
    assert login(client.application.test_client(), user, password=LONG_OK).status_code == 302


def test_a_too_long_password_is_refused_with_a_message_on_change_password(client, make_user):
    user = make_user()
    login(client, user)
    response = post_form(client, "/account/password?lang=en", {"current": PASSWORD, "password": TOO_LONG,
                                                                "confirm": TOO_LONG})
    assert response.status_code == 200
    assert f"at most {MAX_PASSWORD_LENGTH} characters" in response.get_data(as_text=True)


@pytest.mark.parametrize("password, status", [(LONG_OK, 302), (TOO_LONG, 200)])
def test_long_passwords_on_reset(client, make_user, password, status):
    user = make_user()
    link = _reset_link(client, user)
    response = post_form(client, link + "?lang=en", {"password": password, "confirm": password})
    assert response.status_code == status
    if status == 200:
        assert f"at most {MAX_PASSWORD_LENGTH} characters" in response.get_data(as_text=True)


@pytest.mark.parametrize("password, status", [(LONG_OK, 302), (TOO_LONG, 200)])
def test_long_passwords_on_invitation(app, client, make_user, password, status):
    link = _invitation_link(app, make_user)
    response = post_form(client, link + "?lang=en", {"name": "New Person", "password": password,
                                                      "confirm": password})
    assert response.status_code == status
    if status == 200:
        body = response.get_data(as_text=True)
        assert f"at most {MAX_PASSWORD_LENGTH} characters" in body
        assert 'value="New Person"' in body  # the name typed is kept


def test_a_huge_password_on_the_login_form_is_a_plain_failure(client, make_user):
    user = make_user()
    response = login(client, user, password="a" * 100_000)
    assert response.status_code == 200


# --- the user's own email ------------------------------------------------------------------

def test_own_email_refused_on_change_password(client, make_user):
    user = make_user(email="salma.haddad@example.org")
    login(client, user)
    bad = "Salma.Haddad@example.org is my new key 77"
    response = post_form(client, "/account/password?lang=en", {"current": PASSWORD, "password": bad,
                                                                "confirm": bad})
    assert response.status_code == 200
    assert "must not contain your email" in response.get_data(as_text=True)


def test_own_email_refused_on_reset(client, make_user):
    user = make_user(email="salma.haddad@example.org")
    link = _reset_link(client, user)
    bad = "my account salma.haddad reset 2026 spring"
    response = post_form(client, link + "?lang=en", {"password": bad, "confirm": bad})
    assert response.status_code == 200
    assert "must not contain your email" in response.get_data(as_text=True)


def test_own_email_refused_on_invitation(app, client, make_user):
    link = _invitation_link(app, make_user)
    bad = "welcome new.person to the alliance 2026"
    response = post_form(client, link + "?lang=en", {"name": "New Person", "password": bad, "confirm": bad})
    assert response.status_code == 200
    assert "must not contain your email" in response.get_data(as_text=True)


# --- mail and links after a change ----------------------------------------------------------

def _notices(user):
    return db.session.scalars(db.select(OutboxMail).where(OutboxMail.recipient == user.email,
                                                          OutboxMail.kind == "password_changed")).all()


def test_password_change_is_announced_by_mail(client, make_user):
    user = make_user(locale="en")
    login(client, user)
    post_form(client, "/account/password", {"current": PASSWORD, "password": LONG_OK, "confirm": LONG_OK})
    [notice] = _notices(user)
    assert notice.locale == "en"
    assert "was changed" in notice.subject + notice.body
    assert "/password/forgot" in notice.body  # what to do if it was not you


def test_password_reset_is_announced_by_mail_in_arabic(client, make_user):
    user = make_user(locale="ar")
    link = _reset_link(client, user)
    post_form(client, link, {"password": LONG_OK, "confirm": LONG_OK})
    [notice] = _notices(user)
    assert notice.locale == "ar" and "كلمة" in notice.subject


def test_a_reset_spends_every_other_reset_link(client, make_user):
    user = make_user()
    first = _reset_link(client, user)
    second = _reset_link(client, user)
    assert post_form(client, second, {"password": LONG_OK, "confirm": LONG_OK}).status_code == 302
    assert client.get(first).status_code == 404
    assert all(r.used_at is not None for r in db.session.scalars(db.select(PasswordReset)))


def test_a_password_change_spends_outstanding_reset_links(client, make_user):
    user = make_user()
    link = _reset_link(client, user)
    login(client, user)
    post_form(client, "/account/password", {"current": PASSWORD, "password": LONG_OK, "confirm": LONG_OK})
    assert client.get(link).status_code == 404


def test_hash_is_upgraded_at_login_when_the_cost_changes(app, client, make_user):
    user = make_user()
    old = user.password_hash
    app.config["ARGON2_MEMORY_COST"] = 2048
    assert login(client, user).status_code == 302
    db.session.refresh(user)
    assert user.password_hash != old
    assert "m=2048" in user.password_hash
    assert login(app.test_client(), user).status_code == 302


def test_hash_is_left_alone_when_the_cost_is_unchanged(client, make_user):
    user = make_user()
    old = user.password_hash
    login(client, user)
    db.session.refresh(user)
    assert user.password_hash == old
