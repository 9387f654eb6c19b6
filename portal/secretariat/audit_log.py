"""The audit log, read-only: who did what, when, to which object."""
from flask import render_template

from ..pagination import paginate
from ..permissions import secretariat_required
from . import bp, queries
from .forms import AuditFilterForm


@bp.route("/audit")
@secretariat_required
def audit_log():
    """Audit events newest first, filtered by who acted, the action and a range of days.

    A filter that cannot be read (a malformed date) is shown with its error and not applied.
    """
    form = AuditFilterForm()
    form.set_actions(queries.distinct_actions())
    form.validate()
    page = paginate(queries.audit_query(
        actor=_valid(form.actor) or "", action=form.choice("action"),
        date_from=_valid(form.date_from), date_to=_valid(form.date_to)))
    return render_template("secretariat/audit_log.html", page=page, form=form)


def _valid(field):
    """The field's value, or None when it has an error (the error is shown, the filter ignored)."""
    return None if field.errors else field.data
