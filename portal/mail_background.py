"""Sending a request's own mail right after its response, off the request's worker.

Each send runs in a thread with its own app context and database session and a total budget
of ``MAIL_REQUEST_BUDGET`` seconds (socket timeouts and an overall deadline), so a mail server
that accepts and never answers holds no request. At most ``MAIL_BACKGROUND_SENDERS`` such
threads run per process; when they are all busy the mail is simply left for the worker.
"""
import logging
import threading
import time

log = logging.getLogger("portal.mail")
_setup_lock = threading.Lock()


class _Senders:
    def __init__(self, size):
        self.slots = threading.BoundedSemaphore(max(1, size))
        self.threads = set()
        self.lock = threading.Lock()


def _senders(app):
    with _setup_lock:
        senders = app.extensions.get("mail_senders")
        if senders is None:
            senders = app.extensions["mail_senders"] = _Senders(app.config["MAIL_BACKGROUND_SENDERS"])
        return senders


def start(app, ids):
    """Try to send the mail ``ids`` in the background; False when every sender is busy."""
    senders = _senders(app)
    if not senders.slots.acquire(blocking=False):
        log.info("mail senders busy: mail %s left for the worker", ids)
        return False
    thread = threading.Thread(target=_send, args=(app, list(ids), senders), daemon=True,
                              name="mail-after-request")
    with senders.lock:
        senders.threads.add(thread)
    try:
        thread.start()
    except RuntimeError:  # the interpreter is shutting down
        _done(senders, thread)
        return False
    return True


def _send(app, ids, senders):
    from . import mail_delivery
    from .extensions import db

    try:
        with app.app_context():
            budget = app.config["MAIL_REQUEST_BUDGET"]
            try:
                result = mail_delivery.deliver(ids=ids, timeout=budget,
                                               deadline=time.monotonic() + budget)
                if result.failed or result.left:
                    log.info("mail after request: sent %d, failed %d, left %d for the worker",
                             result.sent, result.failed, result.left)
            except Exception:  # never let a background send die noisily; the worker retries
                log.exception("mail after request failed; the worker will try again")
                db.session.rollback()
    finally:
        _done(senders, threading.current_thread())


def _done(senders, thread):
    with senders.lock:
        senders.threads.discard(thread)
    senders.slots.release()


def wait(app, timeout=10):
    """Wait until no background sender of ``app`` is running; False if some still are."""
    senders = _senders(app)
    deadline = time.monotonic() + timeout
    while True:
        with senders.lock:
            running = list(senders.threads)
        if not running:
            return True
        left = deadline - time.monotonic()
        if left <= 0:
            return False
        running[0].join(left)
