"""``flask --app portal privacy purge``: retention periods with a moved clock."""
from datetime import timedelta

from portal.extensions import db
from portal.models import (AuditEvent, Invitation, OutboxMail, PasswordReset, VolunteerApplication,
                           utcnow)
from portal.privacy.retention import purge

DAY = timedelta(days=1)


def application(name, received, handled=None):
    a = VolunteerApplication(name=name, email=f"{name}@example.org", skills="x",
                             consent_at=received, created_at=received, handled_at=handled)
    db.session.add(a)
    db.session.commit()
    return a


def mail(sent, body="Reset: https://portal.test/password/reset/SECRET", created=None):
    m = OutboxMail(recipient="rana@example.org", subject="Reset your password", body=body,
                   kind="reset", created_at=created or sent or utcnow(), sent_at=sent)
    db.session.add(m)
    db.session.commit()
    return m


def names():
    return sorted(db.session.scalars(db.select(VolunteerApplication.name)))


def purge_events():
    return db.session.scalars(db.select(AuditEvent).where(AuditEvent.action == "privacy.purged")
                              .order_by(AuditEvent.id)).all()


def test_applications_go_a_year_after_handling_or_two_years_after_receipt(app):
    start = utcnow()
    application("handled_early", received=start, handled=start + 10 * DAY)
    application("never_handled", received=start)
    application("handled_late", received=start, handled=start + 700 * DAY)
    # 13 months later: only the one handled after 10 days is due.
    counts = purge(now=start + 10 * DAY + 366 * DAY)
    assert counts["volunteer_applications"] == 1
    assert names() == ["handled_late", "never_handled"]
    # 24 months and a day after receipt: the rest is due, handled or not (whichever comes first).
    counts = purge(now=start + 731 * DAY)
    assert counts["volunteer_applications"] == 2 and names() == []


def test_periods_come_from_the_configuration(app):
    app.config.update(RETENTION_VOLUNTEER_HANDLED_DAYS=30, RETENTION_VOLUNTEER_RECEIVED_DAYS=60)
    start = utcnow()
    application("handled", received=start, handled=start)
    application("waiting", received=start)
    purge(now=start + 31 * DAY)
    assert names() == ["waiting"]
    purge(now=start + 61 * DAY)
    assert names() == []


def test_sent_mail_bodies_are_emptied_after_30_days_and_the_rest_kept(app):
    now = utcnow()
    old = mail(sent=now - 31 * DAY)
    recent = mail(sent=now - 29 * DAY)
    pending = mail(sent=None, created=now - 60 * DAY)
    counts = purge(now=now)
    assert counts["mail_bodies"] == 1
    db.session.expire_all()
    assert old.body == "" and old.subject == "Reset your password"
    assert old.recipient == "rana@example.org" and old.sent_at is not None
    assert "SECRET" in recent.body and "SECRET" in pending.body  # not sent yet: kept to send


def test_used_or_expired_links_older_than_30_days_are_deleted(app, make_user):
    user = make_user()
    now = utcnow()
    old = now - 40 * DAY

    def reset(digest, **kw):
        db.session.add(PasswordReset(user_id=user.id, token_hash=digest, **kw))

    reset("a" * 64, created_at=old, expires_at=old + DAY, used_at=None)       # expired, old
    reset("b" * 64, created_at=old, expires_at=old + DAY, used_at=old)        # used, old
    reset("c" * 64, created_at=now, expires_at=now + DAY)                     # valid
    db.session.add(Invitation(email="x@example.org", role="secretariat", token_hash="d" * 64,
                              created_at=old, expires_at=old + 3 * DAY))
    db.session.add(Invitation(email="y@example.org", role="secretariat", token_hash="e" * 64,
                              created_at=now, expires_at=now + 3 * DAY))
    db.session.commit()
    counts = purge(now=now)
    assert counts["password_resets"] == 2 and counts["invitations"] == 1
    assert db.session.scalars(db.select(PasswordReset.token_hash)).all() == ["c" * 64]
    assert db.session.scalars(db.select(Invitation.email)).all() == ["y@example.org"]


def test_old_ip_addresses_leave_the_audit_log_but_the_events_stay(app):
    now = utcnow()
    db.session.add(AuditEvent(action="login.failed", actor_label="a@example.org", ip="192.0.2.1",
                              created_at=now - 400 * DAY))
    db.session.add(AuditEvent(action="login.failed", actor_label="b@example.org", ip="192.0.2.2",
                              created_at=now - 10 * DAY))
    db.session.commit()
    assert purge(now=now)["audit_ip_addresses"] == 1
    db.session.expire_all()
    ips = db.session.execute(db.select(AuditEvent.actor_label, AuditEvent.ip)
                             .where(AuditEvent.action == "login.failed").order_by(AuditEvent.id)).all()
    assert [tuple(r) for r in ips] == [("a@example.org", ""), ("b@example.org", "192.0.2.2")]


def test_one_audit_event_with_counts_only_and_a_second_run_changes_nothing(app):
    start = utcnow()
    application("Rana Haddad", received=start - 800 * DAY)
    mail(sent=start - 40 * DAY)
    first = purge(now=start)
    (event,) = purge_events()
    assert event.after == first and event.actor_label == "cli"
    assert first["volunteer_applications"] == 1 and first["mail_bodies"] == 1
    dump = str(event.after) + event.reason + str(event.before)
    assert "Rana" not in dump and "example.org" not in dump and "SECRET" not in dump
    second = purge(now=start)
    assert not any(second.values())
    assert len(purge_events()) == 1  # nothing removed, nothing recorded


def test_cli_prints_what_it_did(app, runner):
    application("old", received=utcnow() - 800 * DAY)
    result = runner.invoke(args=["privacy", "purge"])
    assert result.exit_code == 0, result.output
    assert "Volunteer applications deleted: 1." in result.output
    assert "Mail bodies emptied: 0." in result.output
    result = runner.invoke(args=["privacy", "purge"])
    assert "Volunteer applications deleted: 0." in result.output
