"""Progress reports as a moderated kind: their content as a dict (the snapshot), and the way an
approved correction is written back into the columns. Registered at import time.

A snapshot holds the activity's titles (what the queue and the decision mail call the report),
the month as an ISO date and what the organisation reports::

    title_ar, title_en, month, reached_total, reached_women, reached_men, reached_girls,
    reached_boys, note

Only the figures and the note are ever written back: the month and the activity stay.
"""
from datetime import date

from flask_babel import lazy_gettext as _l

from ... import pagecache
from ...extensions import db
from ...i18n import format_date
from ...models import PEOPLE_PARTS, ActivityProgress, activity_sector
from ...moderation.registry import ModeratedKind, register
from ..labels import FIELD_LABELS

FIGURES = tuple(f"reached_{part}" for part in ("total",) + PEOPLE_PARTS)
EDITED_KEYS = FIGURES + ("note",)
MONTH_FORMAT = "LLLL y"


def month_label(month):
    """"March 2026" / "آذار ٢٠٢٦" in the page's language."""
    return format_date(month, MONTH_FORMAT)


def snapshot(report):
    """The report's own (approved, or not yet approved) content as a JSON-ready dict."""
    data = {"title_ar": report.activity.title_ar, "title_en": report.activity.title_en,
            "month": report.month.isoformat()}
    data.update({name: getattr(report, name) for name in EDITED_KEYS})
    return data


def apply_proposal(report, content):
    """Write the figures and the note of ``content`` into the report's columns."""
    for name in EDITED_KEYS:
        if name in content:
            setattr(report, name, content[name])


def after_publish(report):
    """Approved: the activity's page and the matrix show the new figures."""
    pagecache.forget()


def in_sector(sector_id):
    """WHERE clause: the report's activity works in this sector."""
    return ActivityProgress.activity_id.in_(db.select(activity_sector.c.activity_id)
                                            .where(activity_sector.c.sector_id == sector_id))


class _MonthNames(dict):
    """Shown values of the "month" key for the review page: the month's name in the reader's
    language, whatever the stored ISO date (the queue looks values up with ``.get``)."""

    def get(self, value, default=None):
        try:
            return month_label(date.fromisoformat(str(value)[:10]))
        except ValueError:
            return default


LABELS = {
    "title_ar": _l("Activity (title in Arabic)"),
    "title_en": _l("Activity (title in English)"),
    "month": _l("Month"),
    "reached_total": _l("People reached that month"),
    **{name: FIELD_LABELS[name] for name in FIGURES[1:]},
    "note": _l("Note"),
}

KIND = register(ModeratedKind(
    name="progress", model=ActivityProgress, label=_l("Monthly progress"), snapshot=snapshot,
    apply_proposal=apply_proposal, endpoint="activities.progress_report", sector_clause=in_sector,
    after_publish=after_publish, field_labels=LABELS, value_labels={"month": _MonthNames()},
))
