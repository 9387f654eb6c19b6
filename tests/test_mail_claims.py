"""A mail goes out once: each sender claims a mail with a conditional update (a lease) before
sending it, on SQLite as on PostgreSQL; a request only tries the mail it queued itself."""
import os
import subprocess
import sys
import threading

from portal import mail
from portal.extensions import db
from portal.models import OutboxMail
from tests.conftest import PG_URL, csrf_from
from tests.mail_servers import SMTPServer, clock, senders_settle, settle, smtp  # noqa: F401 (fixtures)

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def _backlog(app, n, prefix="backlog"):
    with app.test_request_context():
        for i in range(n):
            mail.queue(f"{prefix}{i}@example.org", "password_reset", locale="en",
                       user=type("U", (), {"name": "x"})(), link="https://portal.test/x", hours=1)
        db.session.commit()


def _pending():
    db.session.expire_all()
    return db.session.scalar(db.select(db.func.count(OutboxMail.id)).where(OutboxMail.sent_at.is_(None)))


def test_a_request_sends_only_the_mail_it_queued(app, client, make_user, smtp, senders_settle):
    app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=smtp.port)
    _backlog(app, 3)
    user = make_user()
    response = client.post("/password/forgot", data={"email": user.email,
                                                      "csrf_token": csrf_from(client, "/password/forgot")})
    assert response.status_code == 302
    response.close()  # what a server does once the response has gone out
    settle(app)
    assert smtp.inbox.recipients() == {user.email: 1}
    db.session.expire_all()
    backlog = db.session.scalars(db.select(OutboxMail).where(OutboxMail.recipient.like("backlog%"))).all()
    assert [(m.sent_at, m.attempts) for m in backlog] == [(None, 0)] * 3  # left for the worker


def test_twelve_simultaneous_resets_send_each_mail_exactly_once(app, make_user, smtp, runner,
                                                                   senders_settle):
    app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=smtp.port, MAIL_BACKGROUND_SENDERS=12)
    _backlog(app, 4)
    users = [make_user().email for _ in range(12)]
    clients = [app.test_client() for _ in users]
    tokens = [csrf_from(c, "/password/forgot") for c in clients]
    barrier = threading.Barrier(len(users))
    statuses = []

    def reset(client, token, email):
        with app.app_context():
            barrier.wait()
            response = client.post("/password/forgot", data={"email": email, "csrf_token": token})
            statuses.append(response.status_code)
        response.close()

    threads = [threading.Thread(target=reset, args=args) for args in zip(clients, tokens, users)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert statuses == [302] * 12
    settle(app)
    runner.invoke(args=["mail", "send"])  # the worker takes what the requests left (the backlog)
    expected = {email: 1 for email in users} | {f"backlog{i}@example.org": 1 for i in range(4)}
    assert smtp.inbox.recipients() == expected
    assert _pending() == 0


def test_concurrent_senders_claim_each_mail_once(app, senders_settle):
    from portal import mail_delivery

    server = SMTPServer(delay=0.005)
    server.start()
    try:
        app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=server.port)
        _backlog(app, 40)
        barrier = threading.Barrier(8)
        results = []

        def run():
            with app.app_context():
                barrier.wait()
                results.append(mail_delivery.deliver())

        threads = [threading.Thread(target=run) for _ in range(8)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(60)
        assert sum(r.sent for r in results) == 40
        assert sum(r.failed for r in results) == 0
        assert server.inbox.recipients() == {f"backlog{i}@example.org": 1 for i in range(40)}
        assert len(set(server.inbox.header("Message-ID"))) == 40
    finally:
        server.stop()
    assert _pending() == 0


def _cli_env(app, port):
    env = dict(os.environ)
    env.update(DATABASE_URL=PG_URL or app.config["SQLALCHEMY_DATABASE_URI"],
               MAIL_SERVER="127.0.0.1", MAIL_PORT=str(port), PORTAL_ENV="development")
    env.pop("FLASK_APP", None)
    return env


def test_two_overlapping_mail_send_runs_send_each_mail_once(app):
    server = SMTPServer(delay=0.02)
    server.start()
    try:
        _backlog(app, 40)
        env = _cli_env(app, server.port)
        flask = os.path.join(os.path.dirname(sys.executable), "flask")
        runs = [subprocess.Popen([flask, "--app", "portal", "mail", "send"], cwd=ROOT, env=env,
                                 stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
                for _ in range(2)]
        outputs = [r.communicate(timeout=60)[0] for r in runs]
        assert all(r.returncode == 0 for r in runs), outputs
        assert server.inbox.recipients() == {f"backlog{i}@example.org": 1 for i in range(40)}, outputs
    finally:
        server.stop()
    assert _pending() == 0


def test_a_claim_left_by_a_dead_sender_expires(app, smtp, clock):  # noqa: F811
    """A sender that dies after claiming a mail holds it only until its lease ends."""
    from portal import mail_delivery

    app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=smtp.port)
    _backlog(app, 1)
    mail_id = db.session.scalar(db.select(OutboxMail.id))
    assert mail_delivery.claim(mail_id) is not None  # ... and the sender dies here
    assert mail_delivery.claim(mail_id) is None
    assert mail_delivery.deliver().sent == 0
    clock.advance(seconds=app.config["MAIL_CLAIM_SECONDS"] + 1)
    assert mail_delivery.deliver().sent == 1
    assert smtp.inbox.recipients() == {"backlog0@example.org": 1}
