"""Helpers shared by the models: UTC time and bilingual fields."""
from datetime import datetime, timezone

from flask_babel import get_locale

from ..extensions import db


def utcnow():
    """The current time in UTC, timezone-aware."""
    return datetime.now(timezone.utc)


def current_language():
    """'ar' or 'en': the language of the page being rendered (Arabic outside a request)."""
    try:
        locale = get_locale()
    except (RuntimeError, AttributeError):
        locale = None
    return locale.language if locale is not None else "ar"


class Bilingual:
    """Mixin: ``obj.tr('name')`` gives ``name_ar`` or ``name_en`` in the page's language,
    falling back to the other language when one is empty."""

    def tr(self, field):
        lang = current_language()
        other = "en" if lang == "ar" else "ar"
        return getattr(self, f"{field}_{lang}", None) or getattr(self, f"{field}_{other}", None) or ""


def link_table(owner, target):
    """The many-to-many table ``<owner>_<target>`` (e.g. activity_sector): deleting the owner
    deletes its links; the target side is indexed for filters such as "activities in a sector"."""
    return db.Table(
        f"{owner}_{target}",
        db.Column(f"{owner}_id", db.ForeignKey(f"{owner}.id", ondelete="CASCADE"), primary_key=True),
        db.Column(f"{target}_id", db.ForeignKey(f"{target}.id"), primary_key=True, index=True),
    )
