"""Import views: the page with the template and the upload, the template itself, the preview
of an uploaded file and its confirmation. Members import into their own organisation; the
secretariat into the organisation it picks."""
from flask import Response, abort, current_app, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ...i18n import format_number
from ...permissions import is_secretariat, member_required, may_use_import
from .. import bp, queries
from . import messages, services, template
from .forms import ConfirmForm, UploadForm
from .reference import Reference

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _orgs(user):
    """The organisations ``user`` may import into (403 when none)."""
    if is_secretariat(user):
        orgs = queries.active_orgs()
    elif user.role == "member" and user.org_id and user.org and user.org.active:
        orgs = [user.org]
    else:
        orgs = []
    if not orgs and not is_secretariat(user):
        abort(403)
    return orgs


def _read_upload(storage):
    """The uploaded bytes, reading at most one byte more than the limit."""
    return storage.stream.read(current_app.config["IMPORT_MAX_BYTES"] + 1)


@bp.route("/import", methods=["GET", "POST"])
@member_required
def import_start():
    """Download the template; upload a filled-in file to see its preview."""
    user = current_user._get_current_object()
    orgs = _orgs(user)
    form = UploadForm()
    form.set_orgs(orgs, choose=is_secretariat(user))
    problem = None
    if form.validate_on_submit():
        storage = form.file.data
        try:
            batch = services.prepare(user, form.chosen_org, _read_upload(storage), storage.filename)
        except services.FileProblem as exc:
            problem = messages.file_problem(exc.code, exc.params)
        except services.NotAllowed:
            abort(403)
        else:
            return redirect(url_for(".import_preview", token=batch.token))
    return render_template("activities/import/start.html", form=form, problem=problem,
                           max_rows=format_number(current_app.config["IMPORT_MAX_ROWS"]),
                           max_mb=format_number(current_app.config["IMPORT_MAX_BYTES"] // 2**20))


@bp.route("/import/template.xlsx")
@member_required
def import_template():
    """The import template, in the reader's language."""
    _orgs(current_user._get_current_object())
    return Response(template.build(Reference()), mimetype=XLSX, headers={
        "Content-Disposition": 'attachment; filename="activities-import.xlsx"',
        "Cache-Control": "private, no-store"})


def _batch_or_404(token):
    batch = services.find(token)
    if batch is None or not may_use_import(current_user, batch):
        abort(404)
    return batch


@bp.route("/import/<token>")
@member_required
def import_preview(token):
    """Every row of the uploaded file with what confirming would do; or, once confirmed,
    what was saved."""
    batch = _batch_or_404(token)
    if services.expired(batch):
        return render_template("activities/import/expired.html"), 410
    preview = batch.preview if batch.confirmed_at is None else None
    notes = [messages.note(code, params) for code, params in (preview or {}).get("notes", [])]
    return render_template("activities/import/preview.html", batch=batch, preview=preview,
                           notes=notes, form=ConfirmForm())


@bp.route("/import/<token>/confirm", methods=["POST"])
@member_required
def import_confirm(token):
    """Save the valid rows (or nothing, with "all or nothing" and errors in the file)."""
    batch = _batch_or_404(token)
    form = ConfirmForm()
    if not form.validate_on_submit():
        abort(400)
    try:
        saved = services.confirm(batch, current_user._get_current_object(), form.all_or_nothing.data)
    except services.Expired:
        return render_template("activities/import/expired.html"), 410
    except services.Done:
        flash(_("This import was already confirmed."), "info")
    except services.HasErrors as exc:
        flash(_("Nothing was saved: you chose “all or nothing” and rows with errors remain "
                "(%(n)s). Correct the file and upload it again.", n=format_number(exc.args[0])), "error")
    except services.Changed:
        flash(_("Nothing was saved: some of these activities changed since the preview. "
                "Upload the file again to see the changes."), "error")
    except services.NotAllowed:
        abort(404)
    else:
        flash(_("Activities saved and sent to the secretariat for review: %(n)s.",
                n=format_number(saved)), "success")
    return redirect(url_for(".import_preview", token=batch.token))
