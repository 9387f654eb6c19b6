"""Files: downloading the current file or an older version, and uploading a new version.

A download answers exactly like the resource's page: 404 to whoever may not see the resource,
and older or pending versions only to those allowed (see :func:`rules.may_download`). The file
goes out as an attachment under its original name, with an explicit type and ``nosniff``.
"""
import logging

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response
from werkzeug.wsgi import wrap_file

from ..extensions import db
from ..i18n import format_number
from ..models import Resource
from ..models.moderation import ARCHIVED
from ..models.resource import VISIBILITY_SECRETARIAT
from ..permissions import member_required, public
from . import bp, queries, rules, services
from .forms import CONFIRM_FOR_PUBLIC, VersionForm
from .kind import effective
from .routes import editable_or_abort
from .storage import get_storage
from .uploads import content_disposition, download_name

log = logging.getLogger("portal.resources")


def _visible_or_404(resource_id):
    item = db.session.get(Resource, resource_id)
    if item is None or not rules.may_see(item, current_user):
        abort(404)
    return item


def _send(item, version):
    """The stored file as an attachment; counted (GET only)."""
    if not rules.may_download(item, version, current_user):
        abort(404)
    try:
        handle = get_storage().open(version.storage_key)
    except KeyError:
        log.error("resource %s version %s: stored file %s is missing", item.id, version.number,
                  version.storage_key)
        abort(404)
    if request.method == "GET":
        services.count_download(item.id)
    response = Response(wrap_file(request.environ, handle), content_type=version.mime_type,
                        direct_passthrough=True)
    response.content_length = version.size
    response.headers["Content-Disposition"] = content_disposition(
        download_name(version), f"resource-{item.id}-v{version.number}")
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response.headers["Cache-Control"] = "private, no-cache"
    return response


@bp.route("/<int:id>/download")
@public
def download(id):
    """The resource's file as others see it (the approved version); 404 for a link."""
    item = _visible_or_404(id)
    if not item.file_version:
        abort(404)
    return _send(item, queries.version(item.id, item.file_version))


@bp.route("/<int:id>/versions/<int:number>/download")
@public
def version_download(id, number):
    """One version of the file: an older one, or for the organisation and the secretariat
    one awaiting review."""
    item = _visible_or_404(id)
    return _send(item, queries.version(item.id, number))


@bp.route("/<int:id>/versions", methods=["GET", "POST"])
@member_required
def new_version(id):
    """Upload a new file for a resource of one's own organisation. Earlier versions are kept.
    For a published resource the new file is reviewed before others download it."""
    item = editable_or_abort(id)
    if item.is_link:
        abort(404)
    if item.review_state == ARCHIVED:
        flash(_("A withdrawn resource cannot be changed."), "error")
        return redirect(url_for(".detail", id=item.id))
    content = effective(item)
    reviewed = item.is_published and content["visibility"] != VISIBILITY_SECRETARIAT
    form = VersionForm(public=content["visibility"] == "public")
    duplicate = None
    if form.validate_on_submit():
        try:
            number = services.add_version(item, current_user._get_current_object(), form.upload,
                                          no_personal_data=form.no_personal_data.data)
        except services.Duplicate as exc:
            duplicate = exc.version
        except services.ConfirmationRequired:
            form.no_personal_data.errors.append(CONFIRM_FOR_PUBLIC)
        except services.Conflict:
            flash(_("Someone else changed this resource meanwhile. Please look at it again."), "error")
        else:
            if reviewed:
                flash(_("Version %(n)s has been submitted for review. Until it is approved, others "
                        "keep downloading the approved file.", n=format_number(number)), "success")
            else:
                flash(_("Version %(n)s is now the current file.", n=format_number(number)), "success")
            return redirect(url_for(".detail", id=item.id))
    return render_template("resources/version_form.html", item=item, form=form, reviewed=reviewed,
                           duplicate=duplicate, content=content)
