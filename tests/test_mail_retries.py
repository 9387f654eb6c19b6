"""Failed mail is retried on a schedule paced by time (a minute, doubling, up to a cap), given up
only after days, then shown as failed in the outbox with a "send again" button."""
from datetime import timedelta

from flask_babel import force_locale

from portal import mail
from portal.extensions import db
from portal.i18n import format_datetime
from portal.models import AuditEvent, OutboxMail
from tests.conftest import login, post_form
from tests.mail_servers import clock, free_port, smtp  # noqa: F401 (fixtures)
from tests.test_secretariat_orgs import secretariat_client, text


def _queue(app, email="person@example.org"):
    with app.test_request_context():
        queued = mail.queue(email, "password_reset", locale="en", user=type("U", (), {"name": "Salma"})(),
                            link="https://portal.test/x", hours=1)
        db.session.commit()
        return queued.id


def _delivery_run(runner):
    """What cron or the worker does: one pass over the mail that is due."""
    return runner.invoke(args=["mail", "send"])


def _row(mail_id):
    db.session.expire_all()
    return db.session.get(OutboxMail, mail_id)


def _server_down(app):
    app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=free_port())  # nobody listens there


def test_retries_start_after_a_minute_and_double_up_to_the_cap(app, runner, clock):
    _server_down(app)
    start = clock.now
    mail_id = _queue(app)
    _delivery_run(runner)
    assert _row(mail_id).attempts == 1
    # minutes after queueing → attempts so far: tries at 0, 1, 2, 4, 8, 16 minutes
    for minutes, attempts in [(0.5, 1), (1, 2), (1.5, 2), (2, 3), (3, 3), (4, 4), (7, 4), (8, 5),
                              (16, 6)]:
        clock.now = start + timedelta(minutes=minutes)
        _delivery_run(runner)
        assert _row(mail_id).attempts == attempts, minutes
    # Later the pause stops growing at the cap (4 hours by default).
    clock.now = start + timedelta(hours=10)
    _delivery_run(runner)
    tried = _row(mail_id).attempts
    clock.advance(hours=3, minutes=59)
    _delivery_run(runner)
    assert _row(mail_id).attempts == tried
    clock.advance(minutes=1)
    _delivery_run(runner)
    assert _row(mail_id).attempts == tried + 1
    assert _row(mail_id).sent_at is None


def test_the_cap_is_configurable(app, runner, clock):
    _server_down(app)
    app.config["MAIL_RETRY_MAX_MINUTES"] = 30
    start = clock.now
    mail_id = _queue(app)
    clock.now = start + timedelta(hours=5)
    _delivery_run(runner)
    tried = _row(mail_id).attempts
    clock.advance(minutes=29)
    _delivery_run(runner)
    assert _row(mail_id).attempts == tried
    clock.advance(minutes=1)
    _delivery_run(runner)
    assert _row(mail_id).attempts == tried + 1


def test_mail_is_given_up_only_after_72_hours_then_sent_again_by_the_secretariat(
        app, runner, clock, make_user, smtp):
    _server_down(app)
    start = clock.now
    mail_id = _queue(app, "salma@example.org")
    while clock.now < start + timedelta(hours=72):
        _delivery_run(runner)
        clock.advance(minutes=30)
    row = _row(mail_id)
    assert row.attempts > 20  # the old rule gave up after 20 attempts
    assert row.sent_at is None and row.failed_at is None

    client, boss = secretariat_client(app, make_user)
    assert "salma@example.org" not in text(client.get("/secretariat/outbox?status=failed"))
    assert "salma@example.org" in text(client.get("/secretariat/outbox?status=pending"))

    clock.now = start + timedelta(hours=72)
    _delivery_run(runner)
    row = _row(mail_id)
    assert row.sent_at is None and row.failed_at is not None
    attempts = row.attempts
    clock.advance(days=1)
    _delivery_run(runner)
    assert _row(mail_id).attempts == attempts  # given up: no longer tried by itself

    html = text(client.get("/secretariat/outbox?status=failed"))
    assert "salma@example.org" in html and "Failed" in html
    assert "salma@example.org" not in text(client.get("/secretariat/outbox?status=pending"))
    page = text(client.get(f"/secretariat/outbox/{mail_id}"))
    assert "Failed" in page and "Send again" in page
    assert f"/secretariat/outbox/{mail_id}/send-again" in page

    # Only the secretariat, only with a CSRF token.
    member = app.test_client()
    login(member, make_user())
    assert post_form(member, f"/secretariat/outbox/{mail_id}/send-again",
                     form_url="/dashboard").status_code == 403
    assert client.post(f"/secretariat/outbox/{mail_id}/send-again").status_code == 400
    assert _row(mail_id).failed_at is not None

    response = post_form(client, f"/secretariat/outbox/{mail_id}/send-again",
                         form_url=f"/secretariat/outbox/{mail_id}", follow_redirects=True)
    assert "It will be sent again" in text(response)
    row = _row(mail_id)
    assert row.failed_at is None and row.sent_at is None
    assert row.next_attempt_at.replace(tzinfo=None) <= clock.now.replace(tzinfo=None)
    event = db.session.scalar(db.select(AuditEvent).where(AuditEvent.action == "mail.sent_again"))
    assert event.actor_id == boss.id and event.object_id == str(mail_id)
    assert "salma@example.org" in text(client.get("/secretariat/outbox?status=pending"))

    app.config["MAIL_PORT"] = smtp.port  # the server is back
    assert "Sent 1, failed 0." in _delivery_run(runner).output
    assert smtp.inbox.recipients() == {"salma@example.org": 1}
    assert _row(mail_id).sent_at is not None

    # Sent mail is not sent again.
    response = post_form(client, f"/secretariat/outbox/{mail_id}/send-again",
                         form_url=f"/secretariat/outbox/{mail_id}", follow_redirects=True)
    assert "This mail was sent already." in text(response)
    _delivery_run(runner)
    assert smtp.inbox.recipients() == {"salma@example.org": 1}


def test_giving_up_is_configurable(app, runner, clock):
    _server_down(app)
    app.config["MAIL_GIVE_UP_AFTER_HOURS"] = 2
    start = clock.now
    mail_id = _queue(app)
    clock.now = start + timedelta(hours=1, minutes=59)
    _delivery_run(runner)
    assert _row(mail_id).failed_at is None
    clock.now = start + timedelta(hours=2)
    _delivery_run(runner)
    assert _row(mail_id).failed_at is not None


def test_the_outbox_says_when_the_next_try_is_in_both_languages(app, runner, clock, make_user):
    _server_down(app)
    mail_id = _queue(app, "waiting@example.org")
    _delivery_run(runner)
    next_try = clock.now + timedelta(minutes=1)
    client, _ = secretariat_client(app, make_user)
    for lang in ("en", "ar"):
        with app.test_request_context(f"/?lang={lang}"), force_locale(lang):
            when = format_datetime(next_try)
        for url in (f"/secretariat/outbox?lang={lang}", f"/secretariat/outbox/{mail_id}?lang={lang}"):
            html = text(client.get(url))
            assert when in html, (lang, url)
    html = text(client.get("/secretariat/outbox?lang=en"))
    assert "Next try" in html and "Connection refused" in html
    html = text(client.get("/secretariat/outbox?lang=ar"))
    assert "المحاولة التالية" in html
