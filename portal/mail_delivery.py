"""Delivering the outbox over SMTP: claim a mail, send it, record how it went.

A sender claims one mail at a time with a conditional UPDATE: the row changes only if the mail
is still unsent, not given up, due, and not claimed by another sender (or that claim has run
out). It is sent only when exactly that row was claimed, so on SQLite as on PostgreSQL a mail
goes out once however many senders run. The claim is a lease of ``MAIL_CLAIM_SECONDS``: if the
sender dies, another one takes the mail when the lease ends.

A failed try waits as long as the mail has waited already, at least a minute and at most
``MAIL_RETRY_MAX_MINUTES``: tries 1, 2, 4, 8… minutes after it was queued, then every few
hours. ``MAIL_GIVE_UP_AFTER_HOURS`` after it was queued (one last try exactly then), the mail is
given up: it shows as failed in the outbox until the secretariat sends it again.
"""
import logging
import secrets
import smtplib
import ssl
import time
from collections import namedtuple
from datetime import timedelta, timezone
from email.message import EmailMessage
from email.utils import format_datetime

from flask import current_app
from sqlalchemy import bindparam, or_, update

from . import audit, mail
from .extensions import db
from .models import OutboxMail

log = logging.getLogger("portal.mail")
FIRST_PAUSE = timedelta(minutes=1)
Result = namedtuple("Result", "sent failed left")


class BudgetSpent(TimeoutError):
    """The time allowed for this delivery run is over."""


class AlreadySent(Exception):
    """The mail has gone out already; there is nothing to send again."""


def _aware(value):
    return value if value is None or value.tzinfo else value.replace(tzinfo=timezone.utc)


# --- the schedule -------------------------------------------------------------------------------

def retry_pause(waited):
    """How long to wait after a failed try, given how long the mail has waited since queued."""
    cap = timedelta(minutes=current_app.config["MAIL_RETRY_MAX_MINUTES"])
    return min(max(FIRST_PAUSE, waited), cap)


def give_up_at(queued_at):
    return _aware(queued_at) + timedelta(hours=current_app.config["MAIL_GIVE_UP_AFTER_HOURS"])


# --- claims -------------------------------------------------------------------------------------

def _claimable(now, force=False):
    conditions = [OutboxMail.sent_at.is_(None), OutboxMail.failed_at.is_(None),
                  or_(OutboxMail.claimed_until.is_(None), OutboxMail.claimed_until < now)]
    if not force:
        conditions.append(OutboxMail.next_attempt_at <= now)
    return conditions


def claim(mail_id, force=False):
    """Take the mail for this sender: its claim token, or None when it is not ours to send."""
    now = mail.now()
    token = secrets.token_hex(16)
    lease = timedelta(seconds=current_app.config["MAIL_CLAIM_SECONDS"])
    result = db.session.execute(
        update(OutboxMail).where(OutboxMail.id == mail_id, *_claimable(now, force))
        .values(claimed_until=now + lease, claim_token=token)
        .execution_options(synchronize_session=False))
    db.session.commit()
    return token if result.rowcount == 1 else None


def claim_many(ids, force=False):
    """Take several mails at once with one token; returns the rows claimed, read back by token."""
    now = mail.now()
    token = secrets.token_hex(16)
    lease = timedelta(seconds=current_app.config["MAIL_CLAIM_SECONDS"])
    db.session.execute(
        update(OutboxMail).where(OutboxMail.id.in_(ids), *_claimable(now, force))
        .values(claimed_until=now + lease, claim_token=token)
        .execution_options(synchronize_session=False))
    db.session.commit()
    rows = db.session.scalars(db.select(OutboxMail).where(OutboxMail.claim_token == token)
                              .execution_options(populate_existing=True)).all()
    return [(row, token) for row in rows]


def _settle(mail_id, token, values):
    """Record the outcome of a try and end the claim, if the claim is still ours."""
    result = db.session.execute(
        update(OutboxMail).where(OutboxMail.id == mail_id, OutboxMail.claim_token == token)
        .values(claimed_until=None, claim_token=None, **values)
        .execution_options(synchronize_session=False))
    db.session.commit()
    if result.rowcount != 1:
        log.warning("mail %s: the claim ran out before its outcome was saved", mail_id)


def _sent(mail_id, token):
    now = mail.now()
    _settle(mail_id, token, {"sent_at": now, "last_attempt_at": now, "last_error": "",
                             "attempts": OutboxMail.attempts + 1})


def _failed(claimed, exc):
    """Record a failed try of each claimed ``(row, token)``: next try later, or given up."""
    now = mail.now()
    error = (str(exc) or exc.__class__.__name__)[:500]
    outcomes = []
    for row, token in claimed:
        deadline = give_up_at(row.queued_at)
        if now >= deadline:
            given_up, next_try = now, now
            log.error("mail %s to %s given up after %s attempts: %s", row.id, row.recipient,
                      row.attempts + 1, error)
        else:
            given_up = None
            next_try = min(now + retry_pause(now - _aware(row.queued_at)), deadline)
        outcomes.append({"b_id": row.id, "b_token": token, "b_failed": given_up, "b_next": next_try})
    waiting = [o for o in outcomes if o["b_failed"] is None]
    if waiting:
        log.warning("%d mail(s) not sent (%s), e.g. mail %s; next try at %s", len(waiting), error,
                    waiting[0]["b_id"], waiting[0]["b_next"].isoformat(timespec="seconds"))
    table = OutboxMail.__table__
    result = db.session.execute(
        table.update()
        .where(table.c.id == bindparam("b_id"), table.c.claim_token == bindparam("b_token"))
        .values(attempts=table.c.attempts + 1, last_attempt_at=now, last_error=error,
                failed_at=bindparam("b_failed"), next_attempt_at=bindparam("b_next"),
                claimed_until=None, claim_token=None),
        outcomes)
    db.session.commit()
    if result.rowcount != len(outcomes):
        log.warning("mail %s: a claim ran out before the outcome was saved",
                    [o["b_id"] for o in outcomes])


# --- SMTP ---------------------------------------------------------------------------------------

def _limit(smtp, seconds):
    sock = getattr(smtp, "sock", None)
    if sock is not None:
        sock.settimeout(seconds)


def _connect(time_left):
    """Open an SMTP connection; ``time_left()`` gives the timeout of each step."""
    cfg = current_app.config
    if cfg["MAIL_USE_SSL"]:
        smtp = smtplib.SMTP_SSL(cfg["MAIL_SERVER"], cfg["MAIL_PORT"], timeout=time_left(),
                                context=ssl.create_default_context())
    else:
        smtp = smtplib.SMTP(cfg["MAIL_SERVER"], cfg["MAIL_PORT"], timeout=time_left())
        if cfg["MAIL_USE_TLS"]:
            _limit(smtp, time_left())
            smtp.starttls(context=ssl.create_default_context())
    if cfg["MAIL_USERNAME"]:
        _limit(smtp, time_left())
        smtp.login(cfg["MAIL_USERNAME"], cfg["MAIL_PASSWORD"])
    return smtp


class Connection:
    """One SMTP connection for a delivery run, opened for the first mail, within a deadline.

    When the server cannot be reached, every later mail of the run fails with the same error
    at once instead of waiting for another timeout.
    """

    def __init__(self, timeout, deadline=None):
        self.timeout = timeout
        self.deadline = deadline
        self.smtp = None
        self.unreachable = None

    def out_of_time(self):
        return self.deadline is not None and time.monotonic() >= self.deadline

    def time_left(self):
        if self.deadline is None:
            return self.timeout
        left = self.deadline - time.monotonic()
        if left <= 0:
            raise BudgetSpent("the time allowed for sending ran out")
        return min(self.timeout, left)

    def open(self):
        """Connect if not connected; False (and ``unreachable`` says why) if that fails."""
        if self.smtp is None and self.unreachable is None:
            try:
                self.smtp = _connect(self.time_left)
            except Exception as exc:  # refused, timed out, TLS or login failed...
                self.unreachable = exc
        return self.smtp is not None

    def send(self, message):
        if not self.open():
            raise self.unreachable
        _limit(self.smtp, self.time_left())
        try:
            self.smtp.send_message(message)
        except (smtplib.SMTPResponseException, smtplib.SMTPRecipientsRefused):
            raise  # the server answered: the connection still serves the next mail
        except Exception:
            self.close()
            raise

    def close(self):
        smtp, self.smtp = self.smtp, None
        if smtp is None:
            return
        try:
            if self.out_of_time():
                raise BudgetSpent()
            _limit(smtp, min(self.timeout, 5))
            smtp.quit()
        except Exception:
            try:
                smtp.close()
            except Exception:
                pass


def _message(row):
    sender = current_app.config["MAIL_SENDER"]
    domain = sender.rpartition("@")[2].strip("> ") or "localhost"
    msg = EmailMessage()
    msg["From"] = sender
    msg["To"] = row.recipient
    msg["Subject"] = row.subject
    msg["Date"] = format_datetime(mail.now())
    # The same id on every try, so that a receiving server can recognise a repeat.
    msg["Message-ID"] = f"<outbox-{row.id}-{int(_aware(row.created_at).timestamp())}@{domain}>"
    msg["Content-Language"] = row.locale
    msg.set_content(row.body)
    return msg


# --- delivery runs ------------------------------------------------------------------------------

def _candidates(ids, force, limit):
    query = db.select(OutboxMail.id).where(*_claimable(mail.now(), force))
    if ids is not None:
        query = query.where(OutboxMail.id.in_(ids))
    found = db.session.scalars(
        query.order_by(OutboxMail.next_attempt_at, OutboxMail.id).limit(limit)).all()
    db.session.commit()  # end the read before claiming
    return found


def deliver(ids=None, force=False, limit=100, timeout=None, deadline=None):
    """Send the mail that is due, each claimed first: Result(sent, failed, left).

    ``ids`` restricts the run to those mails (a request's own); ``force`` also takes mail whose
    next try is later (the secretariat's "send now"); ``deadline`` (a ``time.monotonic()``
    value) ends the run, leaving the rest (``left``) for the next one. Without a mail server
    configured, mail stays queued.
    """
    if not mail.smtp_configured():
        return Result(0, 0, 0)
    candidates = _candidates(ids, force, limit)
    if not candidates:
        return Result(0, 0, 0)
    connection = Connection(timeout or current_app.config["MAIL_TIMEOUT"], deadline)
    sent = failed = 0
    try:
        connection.open()  # before claiming: an unreachable server fails the whole run at once
        for position, mail_id in enumerate(candidates):
            if connection.unreachable is not None:
                # The server cannot be reached: the rest of the run fails the same way, at once.
                rest = claim_many(candidates[position:], force)
                _failed(rest, connection.unreachable)
                failed += len(rest)
                break
            if connection.out_of_time():
                return Result(sent, failed, len(candidates) - position)
            token = claim(mail_id, force)
            if token is None:
                continue  # another sender has it, or sent it already
            row = db.session.get(OutboxMail, mail_id, populate_existing=True)
            try:
                connection.send(_message(row))
            except Exception as exc:  # whatever went wrong with this mail, record it
                _failed([(row, token)], exc)
                failed += 1
            else:
                _sent(mail_id, token)
                sent += 1
    finally:
        connection.close()
    return Result(sent, failed, 0)


# --- the secretariat ----------------------------------------------------------------------------

def send_again(actor, message):
    """Put a mail that was given up back in the queue, due now, with days of retries ahead."""
    now = mail.now()
    before = {"failed_at": _aware(message.failed_at).isoformat() if message.failed_at else None,
              "attempts": message.attempts}
    result = db.session.execute(
        update(OutboxMail).where(OutboxMail.id == message.id, OutboxMail.sent_at.is_(None))
        .values(failed_at=None, queued_at=now, next_attempt_at=now)
        .execution_options(synchronize_session=False))
    if result.rowcount != 1:
        db.session.rollback()
        raise AlreadySent(message.id)
    audit.record("mail.sent_again", actor=actor, obj=message, before=before,
                 after={"recipient": message.recipient})
    db.session.commit()
