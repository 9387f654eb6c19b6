"""``flask --app portal mail worker``: deliver whatever mail is due, every few seconds, until
told to stop (SIGTERM or Ctrl-C). Errors of the mail server or the database are logged and the
worker carries on; the mail concerned is tried again later."""
import logging
import signal
import threading

from sqlalchemy.exc import SQLAlchemyError

from . import mail_delivery
from .extensions import db

log = logging.getLogger("portal.mail.worker")


def run(interval, stop, limit=100):
    """Deliver due mail every ``interval`` seconds (at once again after a full batch) until
    ``stop`` (a ``threading.Event``) is set."""
    log.info("mail worker started: a pass every %s s", interval)
    while not stop.is_set():
        full = False
        try:
            result = mail_delivery.deliver(limit=limit)
        except SQLAlchemyError as exc:
            log.error("mail worker: database error, trying again in %s s: %s", interval, exc)
            _rollback()
        except Exception as exc:  # the worker outlives any single failure
            log.error("mail worker: %s, trying again in %s s", exc, interval, exc_info=True)
            _rollback()
        else:
            if result.sent or result.failed:
                log.info("mail worker: sent %d, failed %d", result.sent, result.failed)
            full = result.sent + result.failed >= limit
        if not full:
            stop.wait(interval)
    log.info("mail worker stopped")


def _rollback():
    try:
        db.session.rollback()
    except Exception:  # the connection may be gone; the pool gives a new one next time
        log.warning("mail worker: rollback failed", exc_info=True)


def serve(interval):
    """Run the worker in this process until SIGTERM or SIGINT; the mail being sent is finished."""
    stop = threading.Event()

    def _stop(signum, frame):
        log.info("mail worker: %s received, stopping", signal.Signals(signum).name)
        stop.set()

    signal.signal(signal.SIGTERM, _stop)
    signal.signal(signal.SIGINT, _stop)
    run(interval, stop)
