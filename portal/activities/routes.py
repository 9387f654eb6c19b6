"""Activity views: the list, one activity, and the member's form, submit and archive buttons.

Everyone sees what ``portal.visibility`` lets them see; anything else answers 404. Only the
staff of the activity's own organisation may change it (403 for others who can see it).
"""
from datetime import date

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ..models import PEOPLE_PARTS
from ..models.moderation import ARCHIVED, APPROVED
from ..moderation import actions
from ..moderation.services import SUBMITTABLE
from ..pagecache import cached_for_visitors
from ..pagination import page_number, paginate
from ..permissions import is_secretariat, member_required, public
from ..visibility import may_edit, may_see
from .. import areas as places
from . import bp, queries, services
from .display import changes
from .filtering import kept_args, read_filters
from .forms import ActivityForm
from .kind import snapshot
from .labels import PEOPLE_LABELS, STATUS_LABELS, VISIBILITY_LABELS, state_label
from .progress.queries import approved as approved_progress
from .reached import reached_of

MAX_PAGE = 100_000


def _visible_or_404(activity_id):
    item = queries.get(activity_id)
    if item is None or not may_see(item, current_user):
        abort(404)
    return item


def _editable_or_abort(activity_id):
    item = _visible_or_404(activity_id)
    if not may_edit(item, current_user):
        abort(403)
    return item


def _insider(item):
    """Its own organisation and the secretariat: they see review states and pending edits."""
    user = current_user
    return is_secretariat(user) or bool(user.is_authenticated and user.org_id == item.org_id)


def _form(saved_areas=None):
    """The form with its choices: the top places, and the districts and sub-districts of the
    governorates chosen (in the submitted form, or else in ``saved_areas``)."""
    form = ActivityForm()
    chosen = request.form.getlist("areas") if request.method == "POST" else (saved_areas or [])
    form.set_choices(queries.sectors(), places.choices_for(chosen))
    return form


def _action():
    """Which button was pressed: "draft", "submit", "check" (overlaps only) or "places"
    (show the districts of the chosen governorates; nothing is saved)."""
    action = request.form.get("action", "draft")
    return action if action in ("draft", "submit", "check", "places") else "draft"


def _overlaps(criteria):
    return queries.overlaps(current_user, *criteria) if criteria else None


def _saved_criteria(content):
    if not content.get("sectors") or not content.get("areas"):
        return None
    end = date.fromisoformat(content["end_date"]) if content.get("end_date") else None
    return content["sectors"], content["areas"], date.fromisoformat(content["start_date"]), end


def _version(form):
    try:
        return int(form.version.data)
    except (TypeError, ValueError):
        return None


@bp.route("")
@public
@cached_for_visitors
def index():
    """Published activities (members also see members-only ones), filtered and paginated;
    members may list every activity of their own organisation in any state ("mine")."""
    if page_number() > MAX_PAGE:
        abort(404)  # an offset beyond what any database column can hold
    form, filters = read_filters()
    page = paginate(queries.list_query(current_user, filters))
    return render_template("activities/list.html", page=page, form=form, filters=filters,
                           export_args=kept_args())


@bp.route("/<int:id>")
@public
@cached_for_visitors
def detail(id):
    """One activity: the published version with its approved monthly progress, and for its
    organisation and the secretariat its review state, the secretariat's comment and any edit
    awaiting approval."""
    item = _visible_or_404(id)
    insider = _insider(item)
    pending = changes(item) if insider else []
    editable = may_edit(item, current_user) and item.review_state != ARCHIVED
    submittable = editable and item.review_state in SUBMITTABLE and not (
        item.review_state == APPROVED and item.proposal is None)
    progress = approved_progress(item.id)
    return render_template("activities/detail.html", item=item, insider=insider, pending=pending,
                           editable=editable, submittable=submittable, progress=progress,
                           reached=reached_of(item.id))


@bp.route("/new", methods=["GET", "POST"])
@member_required
def new():
    """Post an activity of one's own organisation: save a draft, or save and submit it.
    "Check for overlaps" shows similar approved work of other organisations first."""
    user = current_user._get_current_object()
    if not user.org_id or user.role != "member":
        abort(403)
    form = _form()
    overlaps = None
    if form.is_submitted():
        action = _action()
        if action in ("draft", "submit") and form.validate():
            item = services.create(user, form.content(), submit=(action == "submit"))
            if action == "submit":
                flash(_("The activity has been submitted for review."), "success")
            else:
                flash(_("The draft has been saved. Only your organisation and the secretariat "
                        "see it."), "success")
            return redirect(url_for(".detail", id=item.id))
        if action != "places":
            overlaps = _overlaps(form.overlap_criteria()) or []
    return _render_form(form, None, overlaps)


@bp.route("/<int:id>/edit", methods=["GET", "POST"])
@member_required
def edit(id):
    """Change an activity. A published one keeps its approved version visible until the
    secretariat approves the edit."""
    item = _editable_or_abort(id)
    if item.review_state == ARCHIVED:
        flash(_("An archived activity cannot be changed."), "error")
        return redirect(url_for(".detail", id=item.id))
    saved = item.proposal if item.proposal is not None else snapshot(item)
    form = _form(saved.get("areas"))
    status = 200
    if not form.is_submitted():
        form.fill(saved)
        form.version.data = str(item.lock_version)
    elif _action() in ("draft", "submit") and form.validate():
        action = _action()
        try:
            changed = services.update(item, current_user._get_current_object(), form.content(),
                                      submit=(action == "submit"), seen_version=_version(form))
        except services.Conflict:
            flash(_("Someone else changed this activity while you were editing it. Your text "
                    "is kept below: open the activity again to see their changes before "
                    "saving."), "error")
            status = 409
        else:
            if not changed:
                flash(_("Nothing was changed: the published version stays as it is."), "info")
            elif action == "submit":
                flash(_("The changes have been submitted for review."), "success")
            else:
                flash(_("The changes have been saved as a draft."), "success")
            return redirect(url_for(".detail", id=item.id))
    criteria = form.overlap_criteria() if form.is_submitted() else None
    overlaps = _overlaps(criteria or _saved_criteria(saved)) or []
    return _render_form(form, item, overlaps), status


def _render_form(form, item, overlaps):
    top, groups = places.groups(list(form.area_rows.values()))
    return render_template("activities/form.html", form=form, item=item, overlaps=overlaps,
                           top_places={a.code for a in top}, place_groups=groups,
                           can_refine=places.gazetteer_loaded())


@bp.route("/<int:id>/submit", methods=["POST"])
@member_required
def submit(id):
    """Send the draft (or the pending edit) to the secretariat for review."""
    return actions.run(_editable_or_abort(id), services.submit,
                       _("The activity has been submitted for review."), {
                           services.NotSubmittable: (
                               _("This activity has nothing to submit in its present state."), "error"),
                           services.Conflict: (_changed_meanwhile(), "error")})


@bp.route("/<int:id>/archive", methods=["POST"])
@member_required
def archive(id):
    """Withdraw the activity from every list (its organisation and the secretariat keep it)."""
    return actions.run(_editable_or_abort(id), services.archive,
                       _("The activity has been archived. Others no longer see it."), {
                           services.Archived: (_("This activity is already archived."), "info"),
                           services.Conflict: (_changed_meanwhile(), "error")})


def _changed_meanwhile():
    return _("Someone else changed this activity meanwhile. Please look at it again.")


@bp.context_processor
def _labels():
    """The words for statuses, audiences and people groups, for the activity templates."""
    return {"status_labels": STATUS_LABELS, "visibility_labels": VISIBILITY_LABELS,
            "people_labels": PEOPLE_LABELS, "people_parts": ("total",) + PEOPLE_PARTS,
            "state_label": state_label}


from . import exports  # noqa: E402,F401  (the export views, on the same blueprint)
from .imports import routes as _imports  # noqa: E402,F401  (the import views, likewise)
