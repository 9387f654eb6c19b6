"""Moderation queue views: the queue of everything awaiting review, and one item's review page
with the three decisions (approve; reject with a reason; request changes with a comment)."""
import logging

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy.orm.exc import StaleDataError

from ..extensions import db
from ..permissions import secretariat_required
from . import bp, queries, services
from .forms import STATE_LABELS, DecisionForm, QueueFilterForm, SelectionForm

log = logging.getLogger(__name__)

DONE_MESSAGES = {
    "approve": _l("Approved. The author has been told by email."),
    "reject": _l("Rejected. The author has been told by email, with your reason."),
    "request_changes": _l("Sent back for changes. The author has been told by email, with your comment."),
}

bp.add_app_template_global(queries.waiting_count, "moderation_waiting_count")


@bp.route("")
@secretariat_required
def queue():
    """Everything awaiting review, of every kind, oldest submission first; filtered by kind,
    organisation and sector."""
    orgs, sectors = queries.filter_choices()
    form = QueueFilterForm()
    form.set_choices(orgs, sectors)
    org_id = {o.slug: o.id for o in orgs}.get(form.choice("org"))
    sector_id = {s.code: s.id for s in sectors}.get(form.choice("sector"))
    batch = queries.batch_or_none(request.args.get("batch", ""))
    page = queries.queue_page(form.choice("kind"), org_id, sector_id, batch.id if batch else None)
    return render_template("moderation/queue.html", page=page, form=form, batch=batch,
                           selection=SelectionForm())


@bp.route("/<kind>/<int:item_id>", methods=["GET", "POST"])
@secretariat_required
def review(kind, item_id):
    """One item: its proposed content, what an edit changes compared with what others see now,
    and the decision form. A decision on an item that someone else decided on (or that changed)
    since the page was shown is refused with a message: never a silent overwrite."""
    kind = queries.kind_or_404(kind)
    item = queries.item_or_404(kind, item_id)
    form = DecisionForm()
    conflict = False
    if form.validate_on_submit():
        try:
            services.decide(item, current_user, form.decision.data, form.reason.data,
                            seen_version=form.seen_version)
        except (services.Conflict, StaleDataError):
            # StaleDataError: the row changed under a flush that ran before ``decide`` could
            # catch it; the same conflict.
            db.session.rollback()
            item = queries.item_or_404(kind, item_id)
            log.info("moderation conflict on %s %s by %s", kind.name, item_id, current_user.email)
            conflict = True
        except services.ReasonRequired:
            form.reason.errors = [_("A reason is required.")]
        else:
            log.info("%s %s %s by %s", kind.name, item_id, form.decision.data, current_user.email)
            flash(str(DONE_MESSAGES[form.decision.data]), "success")
            return redirect(url_for("moderation.queue"))
    if conflict or not form.is_submitted():
        form.lock_version.raw_data = None  # the version shown now
        form.lock_version.data = str(item.lock_version)
    proposed = kind.proposed(item)
    return render_template("moderation/review.html", kind=kind, item=item, form=form,
                           title=queries.title_of(proposed, item), content=queries.readable(kind, proposed),
                           changes=queries.changes(kind, item),
                           state_label=STATE_LABELS.get(item.review_state, item.review_state),
                           conflict=conflict), 409 if conflict else 200


from . import bulk  # noqa: E402,F401  (approving a selection or an import batch at once)
