"""The audit log is append-only."""
import pytest

from portal import audit
from portal.extensions import db
from portal.models import AuditEvent
from portal.models.audit import AuditLogIsAppendOnly


def test_events_record_who_what_when(app, make_user):
    user = make_user()
    with app.test_request_context(environ_base={"REMOTE_ADDR": "192.0.2.7"}):
        audit.record("user.deactivated", actor=user, obj=user, before={"active": True},
                     after={"active": False}, reason="left the organisation")
        db.session.commit()
    event = db.session.scalar(db.select(AuditEvent))
    assert (event.actor_id, event.action, event.object_kind, event.object_id) == (
        user.id, "user.deactivated", "user_account", str(user.id))
    assert event.before == {"active": True} and event.after == {"active": False}
    assert event.reason == "left the organisation" and event.ip == "192.0.2.7"
    assert event.created_at is not None


def test_events_cannot_be_changed(app, make_user):
    user = make_user()
    audit.record("x", actor=user)
    db.session.commit()
    event = db.session.scalar(db.select(AuditEvent))
    event.action = "rewritten"
    with pytest.raises(AuditLogIsAppendOnly):
        db.session.commit()
    db.session.rollback()


def test_events_cannot_be_deleted(app, make_user):
    audit.record("x", actor=make_user())
    db.session.commit()
    db.session.delete(db.session.scalar(db.select(AuditEvent)))
    with pytest.raises(AuditLogIsAppendOnly):
        db.session.commit()
    db.session.rollback()
    assert db.session.scalar(db.select(db.func.count(AuditEvent.id))) == 1


def test_no_route_edits_or_deletes_the_audit_log(app):
    for rule in app.url_map.iter_rules():
        if "audit" in rule.rule:
            assert rule.methods <= {"GET", "HEAD", "OPTIONS"}, rule.rule
