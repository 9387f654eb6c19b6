"""Member organisations: list (active and inactive), create, edit, deactivate, reactivate."""
from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from .. import logos
from ..forms import ActionForm
from ..members import services as member_services
from ..members.forms import OrgProfileForm
from ..pagination import paginate
from ..permissions import secretariat_required
from . import bp, queries, services
from .forms import OrgCreateForm


@bp.route("/orgs")
@secretariat_required
def orgs():
    """Every organisation by name, with its status and links to edit or (re)activate it."""
    page = paginate(queries.orgs_query())
    return render_template("secretariat/orgs.html", page=page)


@bp.route("/orgs/new", methods=["GET", "POST"])
@secretariat_required
def org_create():
    """Add a member organisation; its slug is chosen here once and for all."""
    form = OrgCreateForm()
    if form.validate_on_submit():
        try:
            org = services.create_org(current_user, form.data)
        except services.SlugTaken:
            form.slug.errors.append(
                _("Another organisation already uses this slug. Choose another."))
        else:
            flash(_("%(org)s has been added.", org=org.tr("name")), "success")
            return redirect(url_for("secretariat.org_edit", slug=org.slug))
    return render_template("secretariat/org_new.html", form=form)


@bp.route("/orgs/<slug>/edit", methods=["GET", "POST"])
@secretariat_required
def org_edit(slug):
    """Edit an organisation's profile (names, acronym, website, description, sectors, areas,
    logo), active or not, and see the buttons to deactivate or reactivate it."""
    org = queries.org_or_404(slug)
    form = OrgProfileForm(obj=org) if request.method == "GET" else OrgProfileForm()
    sectors, areas = member_services.reference_choices()
    form.set_choices(sectors, areas)
    if request.method == "GET":
        form.sectors.data = [s.id for s in org.sectors]
        form.areas.data = [a.id for a in org.areas]
    if form.validate_on_submit():
        logo = form.logo.data
        upload = logo if logo and getattr(logo, "filename", "") else None
        try:
            member_services.update_profile(current_user, org, form.data,
                                           logo_stream=upload.stream if upload else None,
                                           remove_logo=form.remove_logo.data)
        except logos.LogoRejected as exc:
            form.logo.errors.append(
                _("The logo must be at most 500 KB.") if str(exc) == "too_large"
                else _("The logo must be a PNG or JPEG image.")
            )
        else:
            flash(_("The profile has been saved."), "success")
            return redirect(url_for("secretariat.org_edit", slug=org.slug))
    return render_template("secretariat/org_edit.html", form=form, org=org)


def _set_active(slug, active):
    org = queries.org_or_404(slug)
    if not ActionForm().validate_on_submit():
        abort(400)
    changed = services.set_org_active(current_user, org, active)
    if not changed:
        flash(_("Nothing changed: %(org)s already was in that state.", org=org.tr("name")), "info")
    elif active:
        flash(_("%(org)s is active again; its staff can log in.", org=org.tr("name")), "success")
    else:
        flash(_("%(org)s has been deactivated; its staff were logged out and cannot log in.",
                org=org.tr("name")), "success")
    return redirect(url_for("secretariat.org_edit", slug=org.slug))


@bp.route("/orgs/<slug>/deactivate", methods=["POST"])
@secretariat_required
def org_deactivate(slug):
    """Deactivate an organisation: it leaves the directory and its staff are logged out."""
    return _set_active(slug, False)


@bp.route("/orgs/<slug>/reactivate", methods=["POST"])
@secretariat_required
def org_reactivate(slug):
    """Reactivate an organisation: it is listed again and its active staff can log in."""
    return _set_active(slug, True)
