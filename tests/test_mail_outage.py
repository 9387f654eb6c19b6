"""A mail server that is down for a whole day of traffic loses nothing: 500 password resets are
requested while it is down, it comes back, and every mail arrives exactly once."""
from collections import Counter
from datetime import timedelta

from portal.extensions import db
from portal.models import OutboxMail
from tests.conftest import csrf_from
from tests.mail_servers import SMTPServer, clock, senders_settle, settle  # noqa: F401 (fixtures)

REQUESTS = 500
USERS = 50


def test_a_day_long_outage_loses_no_mail_and_sends_each_once(app, client, make_user, runner, clock,
                                                              senders_settle):
    server = SMTPServer()  # down: nothing listens on its port yet
    app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=server.port)
    emails = [make_user().email for _ in range(USERS)]
    token = csrf_from(client, "/password/forgot")
    step = timedelta(days=1) / REQUESTS
    worker_every = timedelta(minutes=10)
    last_worker_run = clock.now
    for i in range(REQUESTS):
        clock.now += step
        response = client.post("/password/forgot",
                               data={"email": emails[i % USERS], "csrf_token": token})
        assert response.status_code == 302
        response.close()  # the server sends the response: the request tries its own mail
        settle(app)
        if clock.now - last_worker_run >= worker_every:  # the worker, or cron, runs meanwhile
            runner.invoke(args=["mail", "send"])
            last_worker_run = clock.now

    settle(app)
    db.session.expire_all()
    rows = db.session.scalars(db.select(OutboxMail)).all()
    assert len(rows) == REQUESTS
    assert all(m.sent_at is None for m in rows)
    assert all(m.failed_at is None for m in rows), "mail was given up during a one-day outage"
    print(f"\n[outage] attempts per mail: max {max(m.attempts for m in rows)}, "
          f"total {sum(m.attempts for m in rows)}")

    server.start()  # the server is back
    try:
        clock.advance(hours=4)  # at most the longest pause between two tries
        result = runner.invoke(args=["mail", "send"])
        assert f"Sent {REQUESTS}, failed 0." in result.output
        runner.invoke(args=["mail", "send"])
        clock.advance(days=3)
        runner.invoke(args=["mail", "send"])
        messages = server.inbox
        assert len(messages.messages) == REQUESTS
        assert messages.recipients() == Counter({email: REQUESTS // USERS for email in emails})
        assert len(set(messages.header("Message-ID"))) == REQUESTS
    finally:
        server.stop()
    db.session.expire_all()
    assert db.session.scalar(db.select(db.func.count(OutboxMail.id))
                             .where(OutboxMail.sent_at.is_(None))) == 0
