"""The outbox: mail is written with its cause, delivered over real SMTP, never lost."""
import time

import pytest
from aiosmtpd.controller import Controller

from portal import mail, mail_delivery
from portal.extensions import db
from portal.models import OutboxMail
from tests.conftest import post_form
from tests.mail_servers import clock, senders_settle  # noqa: F401 (fixtures)
from tests.live_gunicorn import free_port


class Inbox:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(envelope)
        return "250 OK"


@pytest.fixture
def smtp_server():
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    yield controller, inbox
    controller.stop()


def _queue(app, n=2):
    with app.test_request_context():
        for i in range(n):
            mail.queue(f"person{i}@example.org", "password_reset", locale="ar",
                       user=type("U", (), {"name": "سلمى"})(), link="https://portal.test/x", hours=1)
        db.session.commit()


def _pending():
    return db.session.scalar(db.select(db.func.count(OutboxMail.id)).where(OutboxMail.sent_at.is_(None)))


def test_without_smtp_mail_stays_in_the_outbox(app):
    _queue(app)
    assert mail_delivery.deliver() == (0, 0, 0)
    assert _pending() == 2


def test_mail_send_command_delivers_over_smtp(app, runner, smtp_server):
    controller, inbox = smtp_server
    app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=controller.port)
    _queue(app)
    result = runner.invoke(args=["mail", "send"])
    assert "Sent 2, failed 0" in result.output
    assert len(inbox.messages) == 2
    body = inbox.messages[0].content.decode()
    assert "Subject:" in body and "person0@example.org" in inbox.messages[0].rcpt_tos
    assert _pending() == 0
    assert runner.invoke(args=["mail", "send"]).output.strip() == "Sent 0, failed 0."
    assert len(inbox.messages) == 2


def test_down_server_loses_nothing_and_retries_later(app, runner, smtp_server, clock):
    controller, inbox = smtp_server
    app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=free_port())  # nobody listens there
    _queue(app, 3)
    result = runner.invoke(args=["mail", "send"])
    assert result.exit_code == 1
    rows = db.session.scalars(db.select(OutboxMail)).all()
    assert all(m.sent_at is None and m.attempts == 1 and m.last_error for m in rows)
    app.config["MAIL_PORT"] = controller.port  # the server is back
    assert runner.invoke(args=["mail", "send"]).output.strip() == "Sent 0, failed 0."  # not due yet
    clock.advance(minutes=1)
    runner.invoke(args=["mail", "send"])
    assert len(inbox.messages) == 3 and _pending() == 0


def test_mail_is_sent_right_after_the_request(app, client, make_user, smtp_server, senders_settle):
    controller, inbox = smtp_server
    app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=controller.port)
    user = make_user()
    response = post_form(client, "/password/forgot", {"email": user.email})
    response.close()  # what a server does once the response is sent
    for _ in range(50):
        if inbox.messages:
            break
        time.sleep(0.05)
    assert [m.rcpt_tos for m in inbox.messages] == [[user.email]]
    assert _pending() == 0


def test_mail_is_only_written_when_its_cause_is(app, make_user):
    """The outbox row and the change commit together: a rolled-back change leaves no mail."""
    user = make_user()
    with app.test_request_context():
        mail.queue(user.email, "password_reset", user=user, link="https://portal.test/x", hours=1)
        db.session.rollback()
    assert _pending() == 0


def test_mail_is_rendered_in_the_recipients_language(app):
    with app.test_request_context("/?lang=en"):
        arabic = mail.queue("a@example.org", "password_reset", locale="ar",
                            user=type("U", (), {"name": "x"})(), link="L", hours=1)
        english = mail.queue("b@example.org", "password_reset", locale="en",
                             user=type("U", (), {"name": "x"})(), link="L", hours=1)
    assert arabic.subject != english.subject
    assert "password" in english.subject.lower()
