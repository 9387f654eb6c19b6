"""Forgotten passwords: an emailed single-use link that expires."""
import re
from datetime import timedelta

from portal.extensions import db
from portal.models import OutboxMail, PasswordReset, utcnow
from tests.conftest import PASSWORD, login, post_form

NEW = "olive trees in the spring 2026"


def _link(mail):
    return re.search(r"https?://\S+", mail.body).group(0).split("portal.test", 1)[1]


def _request(client, email):
    return post_form(client, "/password/forgot", {"email": email})


def test_reset_by_emailed_link(client, make_user):
    user = make_user(locale="en")
    assert _request(client, user.email).status_code == 302
    mail = db.session.scalar(db.select(OutboxMail))
    assert mail.recipient == user.email and mail.locale == "en"
    link = _link(mail)
    response = post_form(client, link, {"password": NEW, "confirm": NEW})
    assert response.status_code == 302
    assert login(client, user, password=NEW).status_code == 302


def test_reset_mail_is_in_the_users_language(client, make_user):
    user = make_user(locale="ar")
    _request(client, user.email)
    mail = db.session.scalar(db.select(OutboxMail))
    assert mail.locale == "ar"


def test_link_works_once(client, make_user):
    user = make_user()
    _request(client, user.email)
    link = _link(db.session.scalar(db.select(OutboxMail)))
    post_form(client, link, {"password": NEW, "confirm": NEW})
    assert client.get(link).status_code == 404


def test_link_expires(client, make_user):
    user = make_user()
    _request(client, user.email)
    link = _link(db.session.scalar(db.select(OutboxMail)))
    reset = db.session.scalar(db.select(PasswordReset))
    reset.expires_at = utcnow() - timedelta(minutes=1)
    db.session.commit()
    assert client.get(link).status_code == 404
    assert login(client, user, password=PASSWORD).status_code == 302


def test_unknown_address_gets_the_same_answer_and_no_mail(client, make_user):
    user = make_user()
    known = _request(client, user.email)
    unknown = _request(client, "nobody@example.org")
    assert known.status_code == unknown.status_code == 302
    assert known.headers["Location"] == unknown.headers["Location"]
    assert db.session.scalar(db.select(db.func.count(OutboxMail.id))) == 1


def test_weak_new_password_is_refused_with_a_message(client, make_user):
    user = make_user()
    _request(client, user.email)
    link = _link(db.session.scalar(db.select(OutboxMail)))
    response = post_form(client, link + "?lang=en", {"password": "short", "confirm": "short"})
    assert response.status_code == 200
    assert "at least 12 characters" in response.get_data(as_text=True)


def test_reset_ends_existing_sessions(app, client, make_user):
    user = make_user()
    other = app.test_client()
    login(other, user)
    _request(client, user.email)
    post_form(client, _link(db.session.scalar(db.select(OutboxMail))), {"password": NEW, "confirm": NEW})
    assert other.get("/dashboard").status_code == 302


def test_only_the_hash_of_the_token_is_stored(client, make_user):
    user = make_user()
    _request(client, user.email)
    token = _link(db.session.scalar(db.select(OutboxMail))).rsplit("/", 1)[1]
    reset = db.session.scalar(db.select(PasswordReset))
    assert token not in reset.token_hash
