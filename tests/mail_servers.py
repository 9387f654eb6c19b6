"""Mail servers for the mail tests, all on 127.0.0.1 and stopped by the test: a real SMTP server
(aiosmtpd) that counts what it receives, a silent one that accepts connections and never
answers, and a clock the outbox reads so that tests move time instead of sleeping."""
import socket
import threading
import time
from collections import Counter
from datetime import datetime, timedelta, timezone

import pytest
from aiosmtpd.controller import Controller

import portal.mail
from tests.live_gunicorn import free_port  # noqa: F401  (used by the mail tests)


class Inbox:
    """An aiosmtpd handler that keeps every message it accepts."""

    def __init__(self, delay=0.0):
        self.messages = []
        self.delay = delay
        self._lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        if self.delay:
            time.sleep(self.delay)  # a slow server, so that concurrent senders overlap
        with self._lock:
            self.messages.append(envelope)
        return "250 OK"

    def recipients(self):
        return Counter(r for m in self.messages for r in m.rcpt_tos)

    def header(self, name):
        values = []
        for m in self.messages:
            for line in m.content.decode("utf-8", "replace").splitlines():
                if line.lower().startswith(name.lower() + ":"):
                    values.append(line.split(":", 1)[1].strip())
                    break
        return values


class SMTPServer:
    """A real SMTP server on a fixed port that can go down and come back."""

    def __init__(self, delay=0.0):
        self.port = free_port()
        self.inbox = Inbox(delay)
        self.controller = None

    def start(self):
        self.controller = Controller(self.inbox, hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def stop(self):
        if self.controller is not None:
            self.controller.stop()
            self.controller = None


@pytest.fixture
def smtp():
    server = SMTPServer()
    server.start()
    yield server
    server.stop()


class SilentServer:
    """Accepts TCP connections and never says a word, like a broken or hostile mail relay."""

    def __init__(self):
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(64)
        self.port = self.sock.getsockname()[1]
        self.connections = []
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    def _accept(self):
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            self.connections.append(conn)

    def close(self):
        self.sock.close()
        for conn in self.connections:
            conn.close()


@pytest.fixture
def silent_server():
    server = SilentServer()
    yield server
    server.close()


class Clock:
    """The outbox's time source, moved forward by hand."""

    def __init__(self, start):
        self.now = start

    def __call__(self):
        return self.now

    def advance(self, **delta):
        self.now += timedelta(**delta)
        return self.now


@pytest.fixture
def clock(monkeypatch):
    c = Clock(datetime(2026, 12, 1, 6, 0, tzinfo=timezone.utc))
    monkeypatch.setattr(portal.mail, "now", c, raising=False)
    return c


def settle(app, timeout=15):
    """Wait until the senders started after requests have finished."""
    wait = getattr(portal.mail, "wait_for_senders", None)
    if wait is not None:
        assert wait(app, timeout), "mail senders still busy"


@pytest.fixture
def senders_settle(app):
    """Never leave a sender thread running into the next test."""
    yield
    settle(app)
