"""Member organisations: list (active and inactive), create, edit, deactivate, reactivate."""
from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ..forms import ActionForm
from ..members.profile import profile_form, save_profile
from ..pagination import paginate
from ..permissions import recent_auth_required, secretariat_required
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
    form = profile_form(org)
    if save_profile(form, org):
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
@recent_auth_required
def org_deactivate(slug):
    """Deactivate an organisation: it leaves the directory and its staff are logged out."""
    return _set_active(slug, False)


@bp.route("/orgs/<slug>/reactivate", methods=["POST"])
@secretariat_required
def org_reactivate(slug):
    """Reactivate an organisation: it is listed again and its active staff can log in."""
    return _set_active(slug, True)
