"""Resource views: the library, one resource, and the member's form, submit and withdraw buttons.

Everyone sees what :mod:`portal.resources.rules` lets them see; anything else answers 404. Only
the staff of the resource's own organisation may change it (403 for others who can see it).
"""
from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ..models.moderation import APPROVED, ARCHIVED
from ..moderation import actions
from ..models.resource import VISIBILITY_SECRETARIAT
from ..moderation.services import SUBMITTABLE
from ..pagecache import cached_for_visitors
from ..pagination import paginate
from ..permissions import is_secretariat, member_required, public
from . import bp, queries, rules, services
from .display import changes
from .filtering import read_filters
from .forms import CONFIRM_FOR_PUBLIC, ResourceForm
from .kind import effective
from .labels import (CATEGORY_LABELS, LANGUAGE_LABELS, TYPE_LABELS, VISIBILITY_LABELS, filesize,
                     state_label)


def visible_or_404(resource_id):
    item = queries.get(resource_id)
    if item is None or not rules.may_see(item, current_user):
        abort(404)
    return item


def editable_or_abort(resource_id):
    item = visible_or_404(resource_id)
    if not rules.may_edit(item, current_user):
        abort(403)
    return item


def _form(item=None):
    form = ResourceForm(resource=item)
    form.set_choices(queries.sectors(), queries.areas())
    return form


def _action():
    """Which button was pressed: "draft" or "submit"."""
    return "submit" if request.form.get("action") == "submit" else "draft"


def _version(form):
    try:
        return int(form.version.data)
    except (TypeError, ValueError):
        return None


def saved_message(item, submitted):
    if not submitted:
        return _("The draft has been saved. Only your organisation and the secretariat see it.")
    if item.visibility == VISIBILITY_SECRETARIAT and item.proposal is None:
        return _("The resource has been shared with the secretariat.")
    return _("The resource has been submitted for review.")


@bp.route("")
@public
@cached_for_visitors
def index():
    """Published resources others may see (members also members-only ones), filtered and
    paginated; members may list every resource of their own organisation in any state.
    Visitors who are not logged in get a copy at most 30 seconds old (``portal.pagecache``)."""
    form, filters = read_filters()
    page = paginate(queries.list_query(current_user, filters))
    page.items = queries.load(page.items)
    return render_template("resources/list.html", page=page, form=form, filters=filters)


@bp.route("/<int:id>")
@public
@cached_for_visitors
def detail(id):
    """One resource: who shared it, its file (type, size, versions newest first) or link,
    related activities; for its organisation and the secretariat its review state, the
    secretariat's comment and any edit awaiting approval."""
    item = visible_or_404(id)
    insider = rules.insider(item, current_user)
    pending = changes(item) if insider else []
    editable = rules.may_edit(item, current_user) and item.review_state != ARCHIVED
    submittable = editable and item.review_state in SUBMITTABLE and not (
        item.review_state == APPROVED and item.proposal is None)
    versions = [v for v in item.versions if rules.may_download(item, v, current_user)]
    return render_template("resources/detail.html", item=item, insider=insider, pending=pending,
                           editable=editable, submittable=submittable, versions=versions,
                           related=queries.related_activities(item, current_user),
                           secretariat=is_secretariat(current_user))


@bp.route("/new", methods=["GET", "POST"])
@member_required
def new():
    """Share a file or a link of one's own organisation: save a draft, or save and submit it
    (a secretariat-only one is shared with the secretariat at once)."""
    user = current_user._get_current_object()
    if not user.org_id or user.role != "member":
        abort(403)
    form = _form()
    duplicate = None
    if form.validate_on_submit():
        submit = _action() == "submit"
        try:
            item = services.create(user, form.content(), upload=form.upload, submit=submit)
        except services.Duplicate as exc:
            duplicate = exc.version
        except services.ConfirmationRequired:
            form.no_personal_data.errors.append(CONFIRM_FOR_PUBLIC)
        else:
            flash(saved_message(item, submit), "success")
            return redirect(url_for(".detail", id=item.id))
    return render_template("resources/form.html", form=form, item=None, duplicate=duplicate)


@bp.route("/<int:id>/edit", methods=["GET", "POST"])
@member_required
def edit(id):
    """Change a resource's title, description and other details (a new file is uploaded as a
    new version). A published one keeps its approved version until the secretariat approves
    the edit; one that stays secretariat-only changes at once."""
    item = editable_or_abort(id)
    if item.review_state == ARCHIVED:
        flash(_("A withdrawn resource cannot be changed."), "error")
        return redirect(url_for(".detail", id=item.id))
    form = _form(item)
    status = 200
    if not form.is_submitted():
        form.fill(effective(item))
        form.version.data = str(item.lock_version)
    elif form.validate():
        submit = _action() == "submit"
        try:
            changed = services.update(item, current_user._get_current_object(), form.content(),
                                      submit=submit, seen_version=_version(form))
        except services.Conflict:
            flash(_("Someone else changed this resource while you were editing it. Your text is "
                    "kept below: open the resource again to see their changes before saving."), "error")
            status = 409
        except services.ConfirmationRequired:
            form.no_personal_data.errors.append(CONFIRM_FOR_PUBLIC)
        else:
            if not changed:
                flash(_("Nothing was changed: the published version stays as it is."), "info")
            elif item.visibility == VISIBILITY_SECRETARIAT and item.proposal is None and item.is_published:
                flash(_("The changes have been saved and shared with the secretariat."), "success")
            else:
                flash(saved_message(item, submit) if submit
                      else _("The changes have been saved as a draft."), "success")
            return redirect(url_for(".detail", id=item.id))
    return render_template("resources/form.html", form=form, item=item, duplicate=None), status


@bp.route("/<int:id>/submit", methods=["POST"])
@member_required
def submit(id):
    """Send the draft (or the pending edit) to the secretariat for review; a secretariat-only
    resource is shared with the secretariat at once."""
    return actions.run(editable_or_abort(id), services.submit, lambda item: saved_message(item, True), {
        services.NotSubmittable: (_("This resource has nothing to submit in its present state."), "error"),
        services.Conflict: (_changed_meanwhile(), "error")})


@bp.route("/<int:id>/withdraw", methods=["POST"])
@member_required
def withdraw(id):
    """Withdraw the resource from every list and download (its organisation and the
    secretariat keep it)."""
    return actions.run(editable_or_abort(id), services.withdraw,
                       _("The resource has been withdrawn. Others no longer see it."), {
                           services.Withdrawn: (_("This resource has already been withdrawn."), "info"),
                           services.Conflict: (_changed_meanwhile(), "error")})


def _changed_meanwhile():
    return _("Someone else changed this resource meanwhile. Please look at it again.")


@bp.context_processor
def _labels():
    """The words for categories, languages, audiences, file types and review states."""
    return {"category_labels": CATEGORY_LABELS, "language_labels": LANGUAGE_LABELS,
            "visibility_labels": VISIBILITY_LABELS, "type_labels": TYPE_LABELS,
            "state_label": state_label}


bp.add_app_template_filter(filesize, "filesize")
