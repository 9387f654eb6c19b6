"""The words shown for an activity's status, review state and audience."""
from flask_babel import lazy_gettext as _l

from ..models.moderation import (APPROVED, ARCHIVED, CHANGES_REQUESTED, DRAFT, REJECTED,
                                 SUBMITTED, VISIBILITY_MEMBERS, VISIBILITY_PUBLIC)

STATUS_LABELS = {
    "planned": _l("Planned"),
    "ongoing": _l("Ongoing"),
    "completed": _l("Completed"),
}

STATE_LABELS = {
    DRAFT: _l("Draft"),
    SUBMITTED: _l("Awaiting review"),
    CHANGES_REQUESTED: _l("Changes requested"),
    APPROVED: _l("Approved"),
    REJECTED: _l("Not approved"),
    ARCHIVED: _l("Archived"),
}

VISIBILITY_LABELS = {
    VISIBILITY_PUBLIC: _l("Public"),
    VISIBILITY_MEMBERS: _l("Members only"),
}

PEOPLE_LABELS = {
    "total": _l("Total"),
    "women": _l("Women"),
    "men": _l("Men"),
    "girls": _l("Girls"),
    "boys": _l("Boys"),
}


def state_label(item):
    """The review state as its organisation reads it, e.g. "Approved; an edit awaits review"."""
    if item.is_published and item.proposal is not None and item.review_state != ARCHIVED:
        return {
            DRAFT: _l("Published; an edit is in draft"),
            SUBMITTED: _l("Published; an edit awaits review"),
            CHANGES_REQUESTED: _l("Published; changes requested to an edit"),
            REJECTED: _l("Published; an edit was not approved"),
        }.get(item.review_state, STATE_LABELS.get(item.review_state, item.review_state))
    return STATE_LABELS.get(item.review_state, item.review_state)

# One label per content key (see ``portal.activities.kind``): the edit summary, the exports.
FIELD_LABELS = {
    "title_ar": _l("Title in Arabic"),
    "title_en": _l("Title in English"),
    "description_ar": _l("Description in Arabic"),
    "description_en": _l("Description in English"),
    "primary_sector": _l("Main sector"),
    "sectors": _l("Sectors"),
    "areas": _l("Areas"),
    "start_date": _l("Start date"),
    "end_date": _l("End date"),
    "status": _l("Status"),
    "visibility": _l("Visible to"),
    "targeted_total": _l("People targeted"),
    "targeted_women": _l("Women targeted"),
    "targeted_men": _l("Men targeted"),
    "targeted_girls": _l("Girls targeted"),
    "targeted_boys": _l("Boys targeted"),
    "reached_total": _l("People reached"),
    "reached_women": _l("Women reached"),
    "reached_men": _l("Men reached"),
    "reached_girls": _l("Girls reached"),
    "reached_boys": _l("Boys reached"),
}
