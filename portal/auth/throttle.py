"""Per-account login throttling that never locks the owner out.

After a few wrong passwords for one email address, each further attempt must wait a short
delay that doubles with every failure up to a ceiling (a minute by default). Attempts made
during the delay are not checked at all, so guessing is slowed to one try per delay, while the
owner only ever waits that long. The per-address limit (LOGIN_LIMITS) stays in front.
"""
import math
from datetime import timezone

from flask import current_app
from sqlalchemy.exc import IntegrityError

from ..extensions import db
from ..models import LoginThrottle, base


def _row(email):
    return db.session.scalar(db.select(LoginThrottle).where(LoginThrottle.email == email))


def wait_seconds(email):
    """Seconds to wait before this account may try again (0 = try now)."""
    row = _row(email)
    cfg = current_app.config
    if row is None or row.failures < cfg["LOGIN_FREE_FAILURES"] or row.last_failed_at is None:
        return 0
    extra = row.failures - cfg["LOGIN_FREE_FAILURES"]
    delay = min(cfg["LOGIN_DELAY_BASE"] * (2 ** min(extra, 20)), cfg["LOGIN_DELAY_MAX"])
    last = row.last_failed_at
    last = last if last.tzinfo else last.replace(tzinfo=timezone.utc)
    remaining = (last + delay - base.utcnow()).total_seconds()
    return max(0, math.ceil(remaining))


def failed(email):
    """Count one more failure (atomically; the caller commits)."""
    values = {"failures": LoginThrottle.failures + 1, "last_failed_at": base.utcnow()}
    done = db.session.execute(
        db.update(LoginThrottle).where(LoginThrottle.email == email).values(**values))
    if done.rowcount:
        return
    try:
        with db.session.begin_nested():
            db.session.add(LoginThrottle(email=email, failures=1, last_failed_at=base.utcnow()))
    except IntegrityError:
        db.session.execute(
            db.update(LoginThrottle).where(LoginThrottle.email == email).values(**values))


def succeeded(email):
    """Forget the failures after a successful login (the caller commits)."""
    db.session.execute(db.delete(LoginThrottle).where(LoginThrottle.email == email))
