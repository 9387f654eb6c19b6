"""The outbox: queue mail in the caller's transaction; deliver it over SMTP later.

Nothing is lost when the mail server is down: a failed delivery stays pending with its error
and is tried again after a pause that grows from a minute to hours, for days
(``portal.mail_delivery``). Mail is delivered by the long-running sender
(``flask --app portal mail worker``) or by cron (``flask --app portal mail send``), and right
after the request that queued it: that request's own mail only, in the background, within a
short budget (``portal.mail_background``).
"""
import logging

from flask import current_app, g, render_template
from flask_babel import force_locale
from sqlalchemy import inspect

from .extensions import db
from .models import OutboxMail, utcnow

log = logging.getLogger("portal.mail")


def now():
    """The time the outbox works with (UTC): when mail is queued, due, tried, given up.

    One function so that tests move the clock forward instead of sleeping.
    """
    return utcnow()


def queue(recipient, template, locale="ar", kind="", **context):
    """Render ``templates/mail/<template>.txt`` in the recipient's language and add it to the outbox.

    The template's first line is the subject. The caller commits.
    """
    locale = locale if locale in current_app.config["LANGUAGES"] else "ar"
    with force_locale(locale):
        text = render_template(f"mail/{template}.txt", **context)
    subject, _, body = text.strip().partition("\n")
    at = now()
    mail = OutboxMail(recipient=recipient, locale=locale, subject=subject.strip(),
                      body=body.strip() + "\n", kind=kind or template, created_at=at,
                      queued_at=at, next_attempt_at=at)
    db.session.add(mail)
    g.setdefault("queued_mail", []).append(mail)
    return mail


def smtp_configured():
    return bool(current_app.config.get("MAIL_SERVER"))


def _saved_ids(mails):
    """Ids of the queued mail that was saved (the request's transaction may have rolled back)."""
    ids = []
    for mail in mails:
        identity = inspect(mail).identity
        if identity:
            ids.append(identity[0])
    return ids


def wait_for_senders(app, timeout=10):
    """Wait for the senders started after requests; True when none is left running."""
    from . import mail_background

    return mail_background.wait(app, timeout)


def init_app(app):
    """Right after a response has gone out, try the mail that request queued, and only that."""
    from . import mail_background

    @app.after_request
    def _send_own_mail_after_response(response):
        queued = g.pop("queued_mail", None)
        if queued and app.config["MAIL_SEND_AFTER_REQUEST"] and smtp_configured():
            ids = _saved_ids(queued)
            if ids:
                response.call_on_close(lambda: mail_background.start(app, ids))
        return response
