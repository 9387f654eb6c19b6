"""The outbox: queue mail in the caller's transaction; deliver it over SMTP later.

Nothing is lost when the mail server is down: a failed delivery stays pending with its error
and is tried again by the next delivery run (``flask --app portal mail send``, or right after
the request that queued it).
"""
import logging
import smtplib
import ssl
from email.message import EmailMessage

from flask import current_app, g, render_template
from flask_babel import force_locale

from .extensions import db
from .models import OutboxMail, utcnow

log = logging.getLogger("portal.mail")
MAX_ATTEMPTS = 20


def queue(recipient, template, locale="ar", kind="", **context):
    """Render ``templates/mail/<template>.txt`` in the recipient's language and add it to the outbox.

    The template's first line is the subject. The caller commits.
    """
    locale = locale if locale in current_app.config["LANGUAGES"] else "ar"
    with force_locale(locale):
        text = render_template(f"mail/{template}.txt", **context)
    subject, _, body = text.strip().partition("\n")
    mail = OutboxMail(recipient=recipient, locale=locale, subject=subject.strip(),
                      body=body.strip() + "\n", kind=kind or template)
    db.session.add(mail)
    g.mail_queued = True
    return mail


def smtp_configured():
    return bool(current_app.config.get("MAIL_SERVER"))


def _connect():
    cfg = current_app.config
    if cfg["MAIL_USE_SSL"]:
        smtp = smtplib.SMTP_SSL(cfg["MAIL_SERVER"], cfg["MAIL_PORT"], timeout=10,
                                context=ssl.create_default_context())
    else:
        smtp = smtplib.SMTP(cfg["MAIL_SERVER"], cfg["MAIL_PORT"], timeout=10)
        if cfg["MAIL_USE_TLS"]:
            smtp.starttls(context=ssl.create_default_context())
    if cfg["MAIL_USERNAME"]:
        smtp.login(cfg["MAIL_USERNAME"], cfg["MAIL_PASSWORD"])
    return smtp


def _message(mail):
    msg = EmailMessage()
    msg["From"] = current_app.config["MAIL_SENDER"]
    msg["To"] = mail.recipient
    msg["Subject"] = mail.subject
    msg["Content-Language"] = mail.locale
    msg.set_content(mail.body)
    return msg


def deliver_pending(limit=100):
    """Send pending mail; returns (sent, failed). Without SMTP configured, mail stays queued."""
    if not smtp_configured():
        return 0, 0
    pending = db.session.scalars(
        db.select(OutboxMail)
        .where(OutboxMail.sent_at.is_(None), OutboxMail.attempts < MAX_ATTEMPTS)
        .order_by(OutboxMail.id)
        .limit(limit)
        .with_for_update(skip_locked=True)
    ).all()
    if not pending:
        db.session.rollback()
        return 0, 0
    sent = failed = 0
    try:
        smtp = _connect()
    except (OSError, smtplib.SMTPException) as exc:
        for mail in pending:
            _failed(mail, exc)
        db.session.commit()
        log.warning("mail server unreachable: %s", exc)
        return 0, len(pending)
    with smtp:
        for mail in pending:
            mail.attempts += 1
            mail.last_attempt_at = utcnow()
            try:
                smtp.send_message(_message(mail))
            except (OSError, smtplib.SMTPException) as exc:
                mail.last_error = str(exc)[:500]
                failed += 1
            else:
                mail.sent_at = utcnow()
                mail.last_error = ""
                sent += 1
    db.session.commit()
    return sent, failed


def _failed(mail, exc):
    mail.attempts += 1
    mail.last_attempt_at = utcnow()
    mail.last_error = str(exc)[:500] or exc.__class__.__name__


def init_app(app):
    """Deliver mail queued by a request right after its response has gone out."""

    @app.after_request
    def _deliver_after_response(response):
        if g.get("mail_queued") and app.config["MAIL_SEND_AFTER_REQUEST"] and smtp_configured():
            def deliver():
                with app.app_context():
                    try:
                        deliver_pending()
                    except Exception:  # delivery must never break the request
                        log.exception("mail delivery after request failed")
                        db.session.rollback()

            response.call_on_close(deliver)
        return response
