"""Approving many items at once: the items ticked in the queue, or every item of an import
batch still awaiting review. Exceptions are rejected one by one on their own review page
first; each approval is audited on its own."""
import logging

from flask import abort, flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ..forms import ActionForm
from ..i18n import format_number
from ..permissions import secretariat_required
from . import bp, queries, services
from .forms import SelectionForm

log = logging.getLogger(__name__)


def _approve(items, back):
    if not items:
        flash(_("Nothing was approved: no selected item awaits review."), "info")
        return redirect(back)
    try:
        count = services.approve_many(items, current_user._get_current_object())
    except services.Conflict:
        flash(_("Nothing was approved: some of these items were decided on or changed "
                "meanwhile. Look at the queue again."), "error")
    else:
        log.info("%s items approved at once by %s", count, current_user.email)
        flash(_("Approved: %(n)s. Their authors have been told by email.",
                n=format_number(count)), "success")
    return redirect(back)


def _back():
    """Back to the queue, with the filters it was shown with (only known ones)."""
    args = {k: v for k, v in request.args.items() if k in ("kind", "org", "sector", "batch")}
    return url_for(".queue", **args)


@bp.route("/approve", methods=["POST"])
@secretariat_required
def approve_selected():
    """Approve every ticked item of the queue page."""
    form = SelectionForm()
    if not form.validate_on_submit():
        abort(400)
    return _approve(queries.selected_items(form.items.data or []), _back())


@bp.route("/batch/<int:batch_id>/approve", methods=["POST"])
@secretariat_required
def approve_batch(batch_id):
    """Approve every item of an import batch that still awaits review."""
    if not ActionForm().validate_on_submit():
        abort(400)
    if queries.batch_or_none(batch_id) is None:
        abort(404)
    return _approve(queries.batch_items(batch_id), url_for(".queue", batch=batch_id))
