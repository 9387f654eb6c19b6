"""Forms of the moderation queue: the list filters and the decision on one item, and the
readable names of the fields and values shown when comparing versions."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, SelectField, SelectMultipleField, TextAreaField, ValidationError
from wtforms.validators import InputRequired, Length, Regexp

from ..forms import options
from ..secretariat.forms import STATUS_ALL, FilterForm
from .registry import KINDS

NEEDS_REASON = ("reject", "request_changes")


class QueueFilterForm(FilterForm):
    """Filter the queue by kind, organisation and sector (GET; unknown values are ignored)."""

    kind = SelectField(_l("Kind"), choices=[], validate_choice=False)
    org = SelectField(_l("Organisation"), choices=[], validate_choice=False)
    sector = SelectField(_l("Sector"), choices=[], validate_choice=False)

    def set_choices(self, orgs, sectors):
        self.kind.choices = options([STATUS_ALL] + [(k.name, k.label) for k in
                                                    sorted(KINDS.values(), key=lambda k: k.name)])
        self.org.choices = options([STATUS_ALL] + [(o.slug, o.tr("name")) for o in orgs])
        self.sector.choices = options([STATUS_ALL] + [(s.code, s.tr("name")) for s in sectors])


class DecisionForm(FlaskForm):
    """Approve, reject with a reason, or request changes with a comment.

    ``decision`` comes from the button pressed; ``lock_version`` is the version of the item the
    moderator was shown, so that a decision on an item that changed meanwhile is refused.
    """

    decision = SelectField(
        _l("Decision"),
        choices=options([("approve", _l("Approve")), ("request_changes", _l("Request changes")),
                         ("reject", _l("Reject"))]),
        validators=[InputRequired(message=_l("Choose a decision."))],
    )
    reason = TextAreaField(
        _l("Reason or comment for the author"),
        filters=[lambda v: v.strip() if isinstance(v, str) else v],
        validators=[Length(max=4000, message=_l("This is too long."))],
        description=_l("Required to reject or to request changes. The author receives it by "
                       "email and sees it on their dashboard."),
    )
    lock_version = HiddenField(validators=[
        InputRequired(message=_l("The form had expired. Please send it again.")),
        Regexp(r"^\d{1,9}$", message=_l("The form had expired. Please send it again.")),
    ])

    def validate_reason(self, field):
        if self.decision.data in NEEDS_REASON and not field.data:
            if self.decision.data == "reject":
                raise ValidationError(_l("Give the reason for rejecting: the author will read it."))
            raise ValidationError(_l("Say what should change: the author will read it."))

    @property
    def seen_version(self):
        return int(self.lock_version.data)


class SelectionForm(FlaskForm):
    """The items ticked in the queue (``kind:id``), to approve at once."""

    items = SelectMultipleField(_l("Select"), choices=[], validate_choice=False)


# --- comparing versions: readable names of fields and values -------------------------------------

STATE_LABELS = {
    "draft": _l("Draft"),
    "submitted": _l("Awaiting review"),
    "changes_requested": _l("Changes requested"),
    "approved": _l("Approved"),
    "rejected": _l("Not approved"),
    "archived": _l("Archived"),
}
