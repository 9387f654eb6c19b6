"""Member directory and profiles (public); profile and staff management (focal points)."""
from flask import abort, flash, redirect, render_template, request, send_file, url_for
from flask_babel import gettext as _
from flask_login import current_user

from .. import logos
from ..forms import ActionForm
from ..i18n import language
from ..models import Organisation
from ..pagecache import cached_for_visitors
from ..pagination import paginate
from ..auth import two_factor
from ..permissions import may_manage_org, org_admin_required, public, recent_auth_required
from ..security import safe_next
from . import bp, services
from .forms import InviteForm
from .profile import profile_form, save_profile


def _managed_org(slug):
    org = services.get_org(slug)
    if org is None:
        abort(404)
    if not may_manage_org(current_user, org):
        abort(403)
    return org


@bp.route("")
@public
@cached_for_visitors
def directory():
    """All member organisations, alphabetically in the reader's language."""
    order = Organisation.name_ar if language() == "ar" else Organisation.name_en
    page = paginate(services.directory_query().order_by(order), size=30)
    return render_template("members/directory.html", page=page)


@bp.route("/<slug>")
@public
@cached_for_visitors
def profile(slug):
    """One organisation: names, acronym, logo, sectors, areas, website."""
    org = services.get_org(slug)
    if org is None:
        abort(404)
    return render_template("members/profile.html", org=org)


@bp.route("/<slug>/logo")
@public
def logo(slug):
    """The organisation's logo, sent with its recorded type."""
    org = services.get_org(slug)
    path = logos.path(org.logo_file) if org else None
    if path is None:
        abort(404)
    response = send_file(path, mimetype=org.logo_mime, max_age=86400)
    return response


@bp.route("/<slug>/edit", methods=["GET", "POST"])
@org_admin_required
def edit(slug):
    """Focal points (and the secretariat) edit the organisation's public profile."""
    org = _managed_org(slug)
    form = profile_form(org)
    if save_profile(form, org):
        flash(_("The profile has been saved."), "success")
        return redirect(url_for("members.profile", slug=org.slug))
    return render_template("members/edit.html", form=form, org=org)


@bp.route("/<slug>/invite", methods=["GET", "POST"])
@org_admin_required
def invite(slug):
    """Focal points invite colleagues to their own organisation (by an emailed link)."""
    org = _managed_org(slug)
    form = InviteForm()
    if form.validate_on_submit():
        try:
            services.invite(current_user, form.email.data, form.name.data, "member", org, form.org_admin.data)
        except services.NotAllowed:
            abort(403)
        except services.AccountExists:
            form.email.errors.append(_("An account with this email already exists."))
        else:
            flash(_("The invitation has been sent to %(email)s. It is valid for 72 hours.",
                    email=form.email.data), "success")
            return redirect(url_for("account.dashboard"))
    return render_template("members/invite.html", form=form, org=org)


@bp.route("/<slug>/two-factor", methods=["POST"])
@org_admin_required
@recent_auth_required
def two_factor_requirement(slug):
    """Require two-factor login of the organisation's staff (``required=1``), or stop (``0``);
    back to the page that holds the button (``next``)."""
    org = _managed_org(slug)
    if not ActionForm().validate_on_submit():
        abort(400)
    required = request.args.get("required") == "1"
    if two_factor.set_org_requirement(current_user, org, required):
        flash(_("Two-factor login is now required for the staff of %(org)s.", org=org.tr("name"))
              if required else _("Two-factor login is optional again for the staff of %(org)s.",
                                 org=org.tr("name")), "success")
    back = request.args.get("next")
    return redirect(safe_next(back) if back else url_for("members.edit", slug=org.slug))


@bp.route("/<slug>/staff/<int:user_id>/deactivate", methods=["POST"])
@org_admin_required
@recent_auth_required
def deactivate_staff(slug, user_id):
    """Deactivate a colleague's account; their sessions end at once."""
    org = _managed_org(slug)
    target = services.staff_member(org, user_id)
    if target is None:
        abort(404)
    if not ActionForm().validate_on_submit():
        abort(400)
    try:
        services.set_active(current_user, target, False)
    except services.NotAllowed:
        abort(403)
    flash(_("%(name)s can no longer log in.", name=target.name), "success")
    return redirect(url_for("account.dashboard"))
