"""``flask --app portal mail worker``: a long-running sender that delivers whatever is due,
survives mail-server and database errors, and stops cleanly on SIGTERM or Ctrl-C."""
import os
import signal
import smtplib
import subprocess
import sys
import threading
import time

from sqlalchemy.exc import OperationalError

from portal.extensions import db
from portal.models import OutboxMail
from tests.mail_servers import smtp  # noqa: F401 (fixture)
from tests.test_mail_claims import ROOT, _backlog, _cli_env


def _wait_for(condition, timeout=10):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return False


def test_worker_delivers_due_mail_and_stops_on_sigterm(app, smtp):
    _backlog(app, 3)
    flask = os.path.join(os.path.dirname(sys.executable), "flask")
    worker = subprocess.Popen([flask, "--app", "portal", "mail", "worker", "--interval", "0.2"],
                              cwd=ROOT, env=_cli_env(app, smtp.port), stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, text=True)
    try:
        assert _wait_for(lambda: len(smtp.inbox.messages) == 3), "the worker did not deliver"
        _backlog(app, 1, prefix="later")  # queued while the worker runs
        assert _wait_for(lambda: len(smtp.inbox.messages) == 4), "the worker stopped polling"
        worker.send_signal(signal.SIGTERM)
        output = worker.communicate(timeout=10)[0]
    finally:
        if worker.poll() is None:
            worker.kill()
            worker.communicate()
    assert worker.returncode == 0, output
    assert "mail worker started" in output and "mail worker stopped" in output
    assert "sent 3" in output
    assert smtp.inbox.recipients() == {"backlog0@example.org": 1, "backlog1@example.org": 1,
                                       "backlog2@example.org": 1, "later0@example.org": 1}


def test_worker_survives_database_and_smtp_errors(app, smtp, monkeypatch, caplog):
    from portal import mail_delivery, mail_worker

    app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=smtp.port)
    _backlog(app, 2)
    real = mail_delivery.deliver
    calls = []

    def flaky(**kw):
        calls.append(kw)
        if len(calls) == 1:
            raise OperationalError("SELECT 1", {}, Exception("server closed the connection"))
        if len(calls) == 2:
            raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")
        return real(**kw)

    monkeypatch.setattr(mail_delivery, "deliver", flaky)
    stop = threading.Event()

    def run():
        with app.app_context():
            mail_worker.run(interval=0.01, stop=stop)

    thread = threading.Thread(target=run)
    thread.start()
    try:
        assert _wait_for(lambda: len(smtp.inbox.messages) == 2)
    finally:
        stop.set()
        thread.join(10)
    assert not thread.is_alive()
    assert len(calls) >= 3
    assert smtp.inbox.recipients() == {"backlog0@example.org": 1, "backlog1@example.org": 1}
    assert "server closed the connection" in caplog.text and "Connection unexpectedly closed" in caplog.text
    db.session.expire_all()
    assert db.session.scalar(db.select(db.func.count(OutboxMail.id)).where(OutboxMail.sent_at.is_(None))) == 0
