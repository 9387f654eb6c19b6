"""Writing to the audit log (within the caller's transaction; the caller commits)."""
import logging

from flask import has_request_context

from .extensions import db
from .models import AuditEvent, utcnow
from .security import client_ip

log = logging.getLogger("portal.audit")


def record(action, actor=None, obj=None, kind="", object_id="", before=None, after=None,
           reason="", actor_label=""):
    """Add an audit event to the current session; it is saved by the service's commit."""
    if obj is not None:
        kind = kind or obj.__tablename__
        object_id = object_id or obj.id
    event = AuditEvent(
        actor_id=getattr(actor, "id", None),
        actor_label=actor_label or getattr(actor, "email", "") or "",
        action=action,
        object_kind=kind,
        object_id=str(object_id or ""),
        before=before,
        after=after,
        reason=reason or "",
        ip=client_ip() if has_request_context() else "",
    )
    db.session.add(event)
    log.info("%s by %s on %s %s", action, event.actor_label or "-", kind, event.object_id)
    return event


def record_many(actor, events, insert=None):
    """Many events by one actor at once (a spreadsheet import), in one INSERT within the
    caller's transaction. ``events``: dicts with action, kind, object_id, and optionally
    before, after and reason. ``insert(table, rows)`` may replace the INSERT (e.g. a COPY)."""
    if not events:
        return
    ip = client_ip() if has_request_context() else ""
    label = getattr(actor, "email", "") or ""
    now = utcnow()
    rows = [
        {"created_at": now, "actor_id": getattr(actor, "id", None), "actor_label": label,
         "action": e["action"], "object_kind": e["kind"], "object_id": str(e["object_id"]),
         "before": e.get("before"), "after": e.get("after"), "reason": e.get("reason", ""),
         "ip": ip} for e in events]
    if insert is not None:
        insert(AuditEvent.__table__, rows)
    else:
        db.session.execute(db.insert(AuditEvent), rows)
    log.info("%s events by %s (%s...)", len(events), label or "-", events[0]["action"])
