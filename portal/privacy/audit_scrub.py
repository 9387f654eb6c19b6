"""The one place where personal data is removed from the append-only audit log.

The audit log cannot be changed through the ORM (``portal.models.audit`` refuses to flush an
updated or deleted ``AuditEvent``), and nothing else in the portal changes it. Data-protection
law still requires two changes, which this module makes with explicit SQL UPDATE statements
that touch only the personal fields and never delete an event:

- ``anonymise_address``: an erasure request replaces an email address wherever the log names it
  (the actor's label, string values in before/after, the reason text) with a placeholder, and
  empties the IP address of the events that person made. Ids, times, actions and objects stay.
- ``forget_old_ips``: the retention run empties IP addresses older than the configured period.

The caller owns the transaction: it records its own audit event and commits.
"""
from sqlalchemy import Text, cast, func, update

from ..extensions import db
from ..models import AuditEvent

TABLE = AuditEvent.__table__


def _same(value, email):
    return isinstance(value, str) and value.strip().lower() == email


def names_address(value, email):
    """True when a before/after value (a dict, list or string) holds ``email`` as a value."""
    if isinstance(value, dict):
        return any(names_address(v, email) for v in value.values())
    if isinstance(value, list):
        return any(names_address(v, email) for v in value)
    return _same(value, email)


def _replace(value, email, placeholder):
    if isinstance(value, dict):
        return {k: _replace(v, email, placeholder) for k, v in value.items()}
    if isinstance(value, list):
        return [_replace(v, email, placeholder) for v in value]
    return placeholder if _same(value, email) else value


def events_naming(email, account_ids=()):
    """Audit events that name ``email``: as the actor's label, as a value in before/after, or
    made by (or about) one of the accounts ``account_ids``. Oldest first."""
    email = email.strip().lower()
    pattern = "%" + email.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    conditions = [func.lower(AuditEvent.actor_label) == email,
                  func.lower(cast(AuditEvent.before, Text)).like(pattern, escape="\\"),
                  func.lower(cast(AuditEvent.after, Text)).like(pattern, escape="\\"),
                  func.lower(AuditEvent.reason).like(pattern, escape="\\")]
    ids = [str(i) for i in account_ids]
    if account_ids:
        conditions.append(AuditEvent.actor_id.in_(list(account_ids)))
        conditions.append((AuditEvent.object_kind == "user_account") & AuditEvent.object_id.in_(ids))
    candidates = db.session.scalars(
        db.select(AuditEvent).where(db.or_(*conditions)).order_by(AuditEvent.id)).all()
    # The LIKE above is a coarse filter; keep events that really name the address or the account.
    return [e for e in candidates
            if e.actor_label.strip().lower() == email or names_address(e.before, email)
            or names_address(e.after, email) or email in (e.reason or "").lower()
            or (e.actor_id in account_ids)
            or (e.object_kind == "user_account" and e.object_id in ids)]


def anonymise_address(email, placeholder, account_ids=()):
    """Replace ``email`` by ``placeholder`` in every audit event naming it, and empty the IP
    address of the events made by that person. Returns the ids of the events changed."""
    email = email.strip().lower()
    changed = []
    for event in events_naming(email, account_ids):
        values = {}
        by_subject = event.actor_label.strip().lower() == email or event.actor_id in account_ids
        if event.actor_label.strip().lower() == email:
            values["actor_label"] = placeholder
        if by_subject and event.ip:
            values["ip"] = ""
        for column in ("before", "after"):
            data = getattr(event, column)
            if names_address(data, email):
                values[column] = _replace(data, email, placeholder)
        if email in (event.reason or "").lower():
            values["reason"] = _replace_text(event.reason, email, placeholder)
        if values:
            db.session.execute(update(TABLE).where(TABLE.c.id == event.id).values(**values))
            changed.append(event.id)
    for event in db.session.identity_map.values():
        if isinstance(event, AuditEvent):
            db.session.expire(event)
    return changed


def _replace_text(text, email, placeholder):
    lowered, out, start = text.lower(), [], 0
    while True:
        at = lowered.find(email, start)
        if at < 0:
            return "".join(out) + text[start:]
        out.append(text[start:at] + placeholder)
        start = at + len(email)


def forget_old_ips(before):
    """Empty the IP address of audit events older than ``before``; returns how many."""
    result = db.session.execute(
        update(TABLE).where(TABLE.c.created_at < before, TABLE.c.ip != "").values(ip=""))
    return result.rowcount or 0
