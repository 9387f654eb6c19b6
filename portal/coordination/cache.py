"""The matrix table, rendered once per audience, language and period and kept for a short
while in each worker (``PAGE_CACHE_SECONDS``, as the visitors' page cache; 0 turns it off).

Members are not served from the visitors' page cache, and at 100,000 activities the GROUP BY
and the 250 cells take a good part of a second. The kept table is dropped as soon as anything
is audited (every moderation decision and archive is) or an activity is added: one cheap query
per request (two indexed MAX lookups) checks that.
"""
import time

from flask import current_app
from sqlalchemy import func

from ..extensions import db
from ..models import Activity, AuditEvent

_tables = {}
MAX_ENTRIES = 256


def _stamp():
    """What changes when the matrix may change: the newest audit event and activity."""
    return tuple(db.session.execute(db.select(
        db.select(func.max(AuditEvent.id)).scalar_subquery(),
        db.select(func.max(Activity.id)).scalar_subquery())).one())


def table(key, render):
    """``render()`` (the table's HTML), or the copy kept for ``key`` if nothing changed since."""
    seconds = current_app.config.get("PAGE_CACHE_SECONDS", 30)
    if seconds <= 0:
        return render()
    key = (current_app.config["SQLALCHEMY_DATABASE_URI"],) + tuple(key)
    now, stamp = time.monotonic(), _stamp()
    kept = _tables.get(key)
    if kept and kept[0] > now and kept[1] == stamp:
        return kept[2]
    html = render()
    if len(_tables) >= MAX_ENTRIES:
        _tables.clear()
    _tables[key] = (now + seconds, stamp, html)
    return html


def forget():
    """Drop every kept table (tests; after a bulk import)."""
    _tables.clear()
