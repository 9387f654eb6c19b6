"""The secretariat's subject-access page: find everything held about an email address,
download it as JSON, erase or anonymise it. Addresses travel by POST, never in the URL."""
from flask import Response, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ..i18n import format_number
from ..permissions import recent_auth_required, secretariat_required
from . import bp, services, subject
from .forms import EraseForm, SubjectForm


def _private(body, status=200):
    """A page showing personal data: never kept by a browser or proxy cache."""
    return body, status, {"Cache-Control": "no-store"}


def _search_page(form, holdings=None):
    return _private(render_template("privacy/search.html", form=form, holdings=holdings))


@bp.route("", methods=["GET", "POST"])
@secretariat_required
@recent_auth_required
def search():
    """Type an email address; the page lists every account, volunteer application, mail, audit
    entry, invitation and password reset held for it, with export and erase buttons."""
    form = SubjectForm()
    holdings = subject.find(form.email.data) if form.validate_on_submit() else None
    return _search_page(form, holdings)


@bp.route("/export", methods=["POST"])
@secretariat_required
@recent_auth_required
def export():
    """Everything held about the address as one JSON file (UTF-8); the export is audited."""
    form = SubjectForm()
    if not form.validate_on_submit():
        return _search_page(form)
    body = services.export(current_user, form.email.data)
    return Response(body, mimetype="application/json", headers={
        "Content-Disposition": "attachment; filename=personal-data.json",
        "Cache-Control": "no-store"})


@bp.route("/erase", methods=["POST"])
@secretariat_required
@recent_auth_required
def erase():
    """First a page that says exactly what erasing will do; its button erases for good."""
    form = EraseForm()
    if not form.validate_on_submit():
        return _search_page(form)
    if form.confirmed.data != "yes":
        holdings = subject.find(form.email.data)
        return _private(render_template("privacy/erase_confirm.html", form=form, holdings=holdings,
                                        own=any(a.id == current_user.id for a in holdings.accounts)))
    try:
        counts = services.erase(current_user, form.email.data)
    except services.OwnAccount:
        flash(_("You cannot erase your own account. Ask another member of the secretariat."),
              "error")
        return redirect(url_for("privacy.search"))
    flash(_("Erased. Volunteer applications deleted: %(applications)s. Mail deleted: %(mail)s. "
            "Invitations deleted: %(invitations)s. Password resets deleted: %(resets)s. "
            "Accounts anonymised: %(accounts)s. Audit entries anonymised: %(audit)s.",
            applications=format_number(counts["volunteer_applications"]),
            mail=format_number(counts["mail"]), invitations=format_number(counts["invitations"]),
            resets=format_number(counts["password_resets"]),
            accounts=format_number(counts["accounts_anonymised"]),
            audit=format_number(counts["audit_events_anonymised"])), "success")
    return redirect(url_for("privacy.search"))
