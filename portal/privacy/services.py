"""What the secretariat does with a subject-access request: export and erase. Each service
writes, records its audit event and commits."""
import json
import logging
import secrets

from sqlalchemy import delete

from .. import audit
from ..extensions import db
from ..models import Invitation, OutboxMail, PasswordReset, VolunteerApplication, utcnow
from ..models.session import UserSession
from ..security import hash_password
from . import audit_scrub, subject

log = logging.getLogger("portal.privacy")

# What an erased address becomes where it cannot be deleted (the audit log).
ERASED_ADDRESS = "erased@invalid"


class OwnAccount(Exception):
    """The secretariat user asked to erase their own account."""


def placeholder(account_id):
    """The name and address an anonymised account keeps: unique, and not a real address."""
    return f"deleted-{account_id}@invalid"


def export(actor, email):
    """Everything held about ``email`` as UTF-8 JSON bytes; the export is audited (with the
    address, so that the log shows whose data left the portal, and the counts)."""
    holdings = subject.find(email)
    data = subject.as_export(holdings, utcnow())
    audit.record("privacy.exported", actor=actor, kind="privacy",
                 after=dict(holdings.counts(), email=holdings.email))
    db.session.commit()
    log.info("personal data exported by %s", actor.id)
    return json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8")


def erase(actor, email):
    """Erase what is held about ``email``:

    - volunteer applications, mail to the address, invitations and password resets: deleted;
    - accounts: anonymised (name and address become ``deleted-<id>@invalid``, deactivated,
      logged out everywhere, password unusable), not deleted, because activities, meetings and
      the audit log refer to them;
    - audit events: keep their ids and actions; the address, and the IP of what the person did,
      are removed by ``audit_scrub.anonymise_address``.

    The erasure is audited with ids and counts, never the address. Returns the counts.
    Raises ``OwnAccount`` when the address is the actor's own account.
    """
    holdings = subject.find(email)
    if any(a.id == actor.id for a in holdings.accounts):
        raise OwnAccount()
    email = holdings.email
    account_ids = tuple(a.id for a in holdings.accounts)
    for account in holdings.accounts:
        account.email = account.name = placeholder(account.id)
        account.active = False
        account.is_org_admin = False
        account.rotate_session_token()
        account.password_hash = hash_password(secrets.token_urlsafe(32))
        account.totp_secret = account.totp_enabled_at = None
    db.session.flush()
    deleted = {
        "volunteer_applications": _delete(VolunteerApplication, [a.id for a in holdings.applications]),
        "mail": _delete(OutboxMail, [m.id for m in holdings.mail]),
        "invitations": _delete(Invitation, [i.id for i in holdings.invitations]),
        "password_resets": _delete(PasswordReset, [r.id for r in holdings.resets]),
        "sessions": _delete(UserSession, [s.id for s in holdings.sessions]),
    }
    replacement = placeholder(account_ids[0]) if len(account_ids) == 1 else ERASED_ADDRESS
    scrubbed = audit_scrub.anonymise_address(email, replacement, account_ids)
    counts = dict(deleted, accounts_anonymised=len(account_ids), audit_events_anonymised=len(scrubbed))
    audit.record("privacy.erased", actor=actor, kind="privacy",
                 after=dict(counts, account_ids=list(account_ids), audit_event_ids=scrubbed))
    db.session.commit()
    log.info("personal data erased by %s: %s", actor.id, counts)
    return counts


def _delete(model, ids):
    if not ids:
        return 0
    db.session.execute(delete(model).where(model.id.in_(ids))
                       .execution_options(synchronize_session=False))
    return len(ids)
